/*
 * check_reader_jsonl.c - unit tests for lib/record/reader_jsonl.c: JSON
 * Lines records, value types, missing and extra keys, invalid lines and
 * long fields.  See reader_dump.h for dump().
 */
#include <check.h>
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "base/str.h"
#include "record/reader.h"
#include "scratch.h"
#include "reader_dump.h"

/* ---- JSON Lines --------------------------------------------------- */

START_TEST(json_basic)
{
	track_reader *r;
	track_error err;

	EXPECT(NULL, "{\"a\":\"x\",\"b\":\"y\"}\n{\"a\":\"1\",\"b\":\"2\"}\n",
	    "H/2:a|b\n1/2:x|y\n2/2:1|2\nEOF\n");
	ck_assert_int_eq(reader_open(&r, WRITE("j", "  \n {\"a\":1}\n"), NULL,
	    &err), 0);
	ck_assert_int_eq(reader_format(r), TRACK_IN_JSON);
	reader_close(r);
}
END_TEST

START_TEST(json_types)
{
	EXPECT(NULL, "{\"s\":\"t\",\"i\":1,\"r\":2.5,\"t\":true,\"f\":false,"
	    "\"n\":null}\n"
	    "{\"s\":\"\\u00e9\\n\",\"i\":-7,\"r\":0.1,\"t\":[1,2],"
	    "\"f\":{\"k\":1},\"n\":\"\"}\n",
	    "H/6:s|i|r|t|f|n\n1/6:t|1|2.5|true|false|\n"
	    "2/6:\xC3\xA9\\n|-7|0.1|[1,2]|{\"k\":1}|\nEOF\n");
}
END_TEST

START_TEST(json_missing_and_blank)
{
	EXPECT(NULL, "\n{\"a\":\"1\",\"b\":\"2\"}\n\n  \n{\"b\":\"3\"}\r\n"
	    "{}\n{\"b\":\"4\",\"a\":\"5\"}",
	    "H/2:a|b\n2/2:1|2\n5/2:|3\n6/2:|\n7/2:5|4\nEOF\n");
}
END_TEST

START_TEST(json_extra_key)
{
	EXPECT(NULL, "{\"a\":1}\n{\"a\":2,\"zz\":3}\n{\"a\":4}\n",
	    "H/1:a\n1/1:1\n2/1!2:{\"a\":2,\"zz\":3}\n3/1:4\nEOF\n");
	ck_assert_msg(strstr(last_err.text, "zz") != NULL, "message: %s",
	    last_err.text);
}
END_TEST

START_TEST(json_long_field)
{
	struct track_reader_opts o = enc(NULL);
	struct sbuf b = { NULL, 0, 0 };
	char *got;
	size_t i;

	/* A field as long as --max-field-size, on a line longer than it,
	 * is a field like any other. */
	o.max_field = 16;
	EXPECT(&o, "{\"a\":\"1\",\"b\":\"x\"}\n"
	    "{\"a\":\"1234567890123456\",\"b\":\"y\"}\n",
	    "H/2:a|b\n1/2:1|x\n2/2:1234567890123456|y\nEOF\n");
	/* One byte over is a bad row; the next line is read. */
	EXPECT(&o, "{\"a\":\"1\",\"b\":\"x\"}\n"
	    "{\"a\":\"12345678901234567\",\"b\":\"y\"}\n{\"a\":\"2\"}\n",
	    "H/2:a|b\n1/2:1|x\n2/0!2:\n3/2:2|\nEOF\n");
	/* A line over twice the limit and 64 KiB is refused unread, also
	 * as the last line with no line end (it used to vanish). */
	sb_add(&b, "{\"a\":\"1\"}\n{\"a\":\"", 14);
	for (i = 0; i < 65536 + 100; i++)
		sb_add(&b, "z", 1);
	sb_add(&b, "\"}", 2);
	got = dump(write_file("long", b.p, b.len), &o);
	ck_assert_str_eq(got, "H/1:a\n1/1:1\n2/0!2:\nEOF\n");
	ck_assert_msg(strstr(last_err.text, "line longer than") != NULL,
	    "message: %s", last_err.text);
	free(got);
	sb_add(&b, "\n{\"a\":\"3\"}\n", 11);
	got = dump(write_file("long", b.p, b.len), &o);
	ck_assert_str_eq(got, "H/1:a\n1/1:1\n2/0!2:\n3/1:3\nEOF\n");
	free(got);
	free(b.p);
}
END_TEST

START_TEST(json_invalid)
{
	EXPECT(NULL, "{\"a\":1}\n\n{bad\n[1]\n\"s\"\n{\"a\":2}\n",
	    "H/1:a\n1/1:1\n3/1!3:{bad\n4/1!4:[1]\n5/1!5:\"s\"\n6/1:2\nEOF\n");
	/* The first line must be an object. */
	EXPECT(&(struct track_reader_opts){ .format = TRACK_IN_JSON },
	    "[1,2]\n{\"a\":1}\n", "open 1 @1\n");
	EXPECT(NULL, "{\"a\":\n", "open 1 @1\n");
	/* A first object with no keys gives no columns: not a header. */
	EXPECT(NULL, "{}\n{}\n{\"a\":1}\n", "open 1 @1\n");
}
END_TEST

START_TEST(json_duplicate_header)
{
	/* jansson keeps the last of duplicate keys: one column. */
	EXPECT(NULL, "{\"a\":1,\"a\":2,\"b\":3}\n{\"b\":4}\n",
	    "H/2:a|b\n1/2:2|3\n2/2:|4\nEOF\n");
}
END_TEST


static Suite *
suite(void)
{
	Suite *s = suite_create("reader_jsonl");
	TCase *tc;

	tc = tcase_create("json");
	tcase_add_unchecked_fixture(tc, tmp_setup, tmp_teardown);
	tcase_add_test(tc, json_basic);
	tcase_add_test(tc, json_types);
	tcase_add_test(tc, json_missing_and_blank);
	tcase_add_test(tc, json_extra_key);
	tcase_add_test(tc, json_invalid);
	tcase_add_test(tc, json_long_field);
	tcase_add_test(tc, json_duplicate_header);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
