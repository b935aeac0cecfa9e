/*
 * check_records.c - unit tests for lib/record/records.c: several inputs read as
 * one stream under the union of their headers.
 */
#include <check.h>
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/str.h"
#include "record/records.h"
#include "scratch.h"


/* Writes `s` into tmpdir/name; returns a path that the caller frees. */
static char *
write_file_dup(const char *name, const char *s)
{
	char *p = malloc(PATH_MAX);
	FILE *f;

	ck_assert(p != NULL);
	snprintf(p, PATH_MAX, "%s/%s", tmpdir, name);
	f = fopen(p, "wb");
	ck_assert_msg(f != NULL, "cannot create %s", p);
	ck_assert(fputs(s, f) >= 0);
	ck_assert(fclose(f) == 0);
	return p;
}

/* Appends `n` fields joined by | and a line end to `out` (bounded). */
static void
add_fields(char *out, size_t cap, const track_str *f, size_t n)
{
	size_t i, len = strlen(out);

	for (i = 0; i < n; i++) {
		ck_assert(f[i].ptr[f[i].len] == '\0');
		len += (size_t)snprintf(out + len, cap - len, "%s%.*s",
		    i ? "|" : "", (int)f[i].len, f[i].ptr);
		ck_assert(len < cap);
	}
	len += (size_t)snprintf(out + len, cap - len, "\n");
	ck_assert(len < cap);
}

/*
 * Reads every row of `rs` into a transcript: "H:" and the header, then
 * "<name>:<line>:" and the fields of each good row, "<name>:<line>!" and
 * the fields of each bad one, then "EOF".
 */
static void
transcript(track_records *rs, char *out, size_t cap)
{
	const track_str *h;
	track_row row;
	track_error err;
	size_t n;
	const char *base;
	int i;

	out[0] = '\0';
	h = records_header(rs, &n);
	snprintf(out, cap, "H:");
	add_fields(out, cap, h, n);
	for (i = 0; i < 10000; i++) {
		enum track_read got = records_next(rs, &row, &err);
		size_t len = strlen(out);

		if (got == TRACK_READ_EOF) {
			snprintf(out + len, cap - len, "EOF\n");
			ck_assert_int_eq(records_next(rs, &row, &err),
			    TRACK_READ_EOF);
			return;
		}
		ck_assert_msg(got == TRACK_READ_ROW || got == TRACK_READ_BAD,
		    "records_next returned %d", (int)got);
		base = strrchr(records_name(rs), '/');
		base = base ? base + 1 : records_name(rs);
		snprintf(out + len, cap - len, "%s:%ld%c", base, row.line,
		    got == TRACK_READ_ROW ? ':' : '!');
		add_fields(out, cap, row.field, row.n);
	}
	ck_abort_msg("records_next does not stop");
}

START_TEST(union_header)
{
	char *p[2] = { write_file_dup("one.csv", "a,b\n1,2\n3,4\n"),
	    write_file_dup("two.csv", "c,b,d\n5,6,7\n") };
	track_records *rs;
	track_error err;
	char out[1024];

	ck_assert_int_eq(records_open(&rs, p, 2, NULL, &err), 0);
	transcript(rs, out, sizeof out);
	ck_assert_str_eq(out, "H:a|b|c|d\n"
	    "one.csv:2:1|2||\n"
	    "one.csv:3:3|4||\n"
	    "two.csv:2:|6|5|7\n"
	    "EOF\n");
	records_close(rs);
	free(p[0]);
	free(p[1]);
}
END_TEST

START_TEST(same_header)
{
	char *p[2] = { write_file_dup("one.csv", "a,b\n1,2\n"),
	    write_file_dup("two.csv", "a;b\n3;4\n") };
	track_records *rs;
	track_error err;
	char out[1024];

	ck_assert_int_eq(records_open(&rs, p, 2, NULL, &err), 0);
	transcript(rs, out, sizeof out);
	ck_assert_str_eq(out, "H:a|b\none.csv:2:1|2\ntwo.csv:2:3|4\nEOF\n");
	records_close(rs);
	free(p[0]);
	free(p[1]);
}
END_TEST

START_TEST(reordered_header)
{
	char *p[3] = { write_file_dup("one.csv", "a,b,c\n1,2,3\n"),
	    write_file_dup("two.csv", "c,a,b\n6,4,5\n"),
	    write_file_dup("three.csv", "b\n7\n") };
	track_records *rs;
	track_error err;
	char out[1024];

	ck_assert_int_eq(records_open(&rs, p, 3, NULL, &err), 0);
	transcript(rs, out, sizeof out);
	ck_assert_str_eq(out, "H:a|b|c\none.csv:2:1|2|3\ntwo.csv:2:4|5|6\n"
	    "three.csv:2:|7|\nEOF\n");
	records_close(rs);
	free(p[0]);
	free(p[1]);
	free(p[2]);
}
END_TEST

START_TEST(empty_and_header_only)
{
	char *p[4] = { write_file_dup("empty.csv", ""),
	    write_file_dup("hdr.csv", "x,y\n"),
	    write_file_dup("data.csv", "y,z\n1,2\n"),
	    write_file_dup("tab.tsv", "z\tw\n3\t4\n") };
	track_records *rs;
	track_error err;
	char out[1024];

	ck_assert_int_eq(records_open(&rs, p, 4, NULL, &err), 0);
	transcript(rs, out, sizeof out);
	ck_assert_str_eq(out, "H:x|y|z|w\ndata.csv:2:|1|2|\n"
	    "tab.tsv:2:||3|4\nEOF\n");
	records_close(rs);
	free(p[0]);
	free(p[1]);
	free(p[2]);
	free(p[3]);
}
END_TEST

START_TEST(bad_row_as_given)
{
	char *p[2] = { write_file_dup("one.csv", "a\n1\n"),
	    write_file_dup("two.csv", "b,a\n2,3\n4\n5,6\n") };
	track_records *rs;
	track_error err;
	track_row row;

	ck_assert_int_eq(records_open(&rs, p, 2, NULL, &err), 0);
	ck_assert_int_eq(records_next(rs, &row, &err), TRACK_READ_ROW);
	ck_assert_int_eq(records_next(rs, &row, &err), TRACK_READ_ROW);
	ck_assert(row.n == 2 && str_eq(row.field[0], "3") &&
	    str_eq(row.field[1], "2"));
	/* A ragged row comes out as its file gave it, with its position. */
	ck_assert_int_eq(records_next(rs, &row, &err), TRACK_READ_BAD);
	ck_assert_int_eq(row.n, 1);
	ck_assert(str_eq(row.field[0], "4"));
	ck_assert_int_eq(row.line, 3);
	ck_assert_int_eq(err.line, 3);
	ck_assert_int_eq(err.kind, TRACK_EXIT_DATA);
	ck_assert_str_eq(err.file, p[1]);
	ck_assert_str_eq(records_name(rs), p[1]);
	ck_assert_int_eq(records_next(rs, &row, &err), TRACK_READ_ROW);
	ck_assert(str_eq(row.field[0], "6") && str_eq(row.field[1], "5"));
	ck_assert_int_eq(records_next(rs, &row, &err), TRACK_READ_EOF);
	ck_assert_str_eq(records_name(rs), p[1]);
	records_close(rs);
	free(p[0]);
	free(p[1]);
}
END_TEST

START_TEST(first_reader)
{
	char *p[2] = { write_file_dup("one.csv", "a;b\n1;2\n"),
	    write_file_dup("two.csv", "a,b\n") };
	track_records *rs;
	track_error err;

	ck_assert_int_eq(records_open(&rs, p, 2, NULL, &err), 0);
	ck_assert_int_eq(reader_delimiter(records_first(rs)), ';');
	ck_assert_int_eq(reader_format(records_first(rs)), TRACK_IN_CSV);
	ck_assert_str_eq(records_name(rs), p[0]);
	records_close(rs);
	records_close(NULL);
	free(p[0]);
	free(p[1]);
}
END_TEST

START_TEST(stdin_twice)
{
	char *p[3] = { "-", NULL, "-" };
	track_records *rs = (track_records *)1;
	track_error err;

	p[1] = write_file_dup("one.csv", "a\n1\n");
	ck_assert_int_eq(records_open(&rs, p, 3, NULL, &err),
	    TRACK_EXIT_USAGE);
	ck_assert(rs == NULL);
	ck_assert_int_eq(err.kind, TRACK_EXIT_USAGE);
	ck_assert_msg(strstr(err.text, "-") != NULL, "message: %s", err.text);
	free(p[1]);
}
END_TEST

START_TEST(stdin_default)
{
	char *path = write_file_dup("in.csv", "a,b\n1,2\n");
	int save = dup(0), fd = open(path, O_RDONLY);
	track_records *rs;
	track_error err;
	char out[256];
	char *dash[1] = { "-" };

	ck_assert(save >= 0 && fd >= 0);
	ck_assert(dup2(fd, 0) == 0);
	close(fd);
	/* No paths means stdin. */
	ck_assert_int_eq(records_open(&rs, NULL, 0, NULL, &err), 0);
	transcript(rs, out, sizeof out);
	ck_assert_str_eq(out, "H:a|b\nstdin:2:1|2\nEOF\n");
	records_close(rs);
	/* "-" once is stdin too. */
	fd = open(path, O_RDONLY);
	ck_assert(dup2(fd, 0) == 0);
	close(fd);
	ck_assert_int_eq(records_open(&rs, dash, 1, NULL, &err), 0);
	ck_assert_str_eq(records_name(rs), "stdin");
	records_close(rs);
	dup2(save, 0);
	close(save);
	free(path);
}
END_TEST

START_TEST(missing_file)
{
	char *p[3] = { NULL, NULL, NULL };
	track_records *rs = (track_records *)1;
	track_error err;
	char missing[PATH_MAX];

	snprintf(missing, sizeof missing, "%s/nope.csv", tmpdir);
	p[0] = write_file_dup("one.csv", "a\n1\n");
	p[1] = missing;
	p[2] = write_file_dup("two.csv", "a\n2\n");
	/* A missing file stops everything before any row. */
	ck_assert_int_eq(records_open(&rs, p, 3, NULL, &err), TRACK_EXIT_IO);
	ck_assert(rs == NULL);
	ck_assert_int_eq(err.kind, TRACK_EXIT_IO);
	ck_assert_msg(strstr(err.text, "nope.csv") != NULL, "message: %s",
	    err.text);
	free(p[0]);
	free(p[2]);
}
END_TEST

START_TEST(bad_header_in_second)
{
	char *p[2] = { write_file_dup("one.csv", "a\n1\n"),
	    write_file_dup("two.csv", "a,a\n1,2\n") };
	track_records *rs = (track_records *)1;
	track_error err;
	struct track_reader_opts o;

	ck_assert_int_eq(records_open(&rs, p, 2, NULL, &err),
	    TRACK_EXIT_DATA);
	ck_assert(rs == NULL);
	ck_assert_int_eq(err.line, 1);
	ck_assert_str_eq(err.file, p[1]);
	/* Options reach every reader. */
	memset(&o, 0, sizeof o);
	o.allow_duplicate_header = 1;
	ck_assert_int_eq(records_open(&rs, p, 2, &o, &err), 0);
	records_close(rs);
	free(p[0]);
	free(p[1]);
}
END_TEST

START_TEST(many_files)
{
	char *p[40], name[32], body[64], out[8192], want[8192];
	track_records *rs;
	track_error err;
	size_t i, len;

	/* File i has columns c<i> and shared; the union has 41 columns. */
	for (i = 0; i < 40; i++) {
		snprintf(name, sizeof name, "f%zu.csv", i);
		snprintf(body, sizeof body, "shared,c%zu\ns%zu,v%zu\n", i, i,
		    i);
		p[i] = write_file_dup(name, body);
	}
	ck_assert_int_eq(records_open(&rs, p, 40, NULL, &err), 0);
	transcript(rs, out, sizeof out);
	len = (size_t)snprintf(want, sizeof want, "H:shared");
	for (i = 0; i < 40; i++)
		len += (size_t)snprintf(want + len, sizeof want - len, "|c%zu",
		    i);
	len += (size_t)snprintf(want + len, sizeof want - len, "\n");
	for (i = 0; i < 40; i++) {
		size_t j;

		len += (size_t)snprintf(want + len, sizeof want - len,
		    "f%zu.csv:2:s%zu", i, i);
		for (j = 0; j < 40; j++)
			len += (size_t)snprintf(want + len, sizeof want - len,
			    "|%s", j == i ? (snprintf(name, sizeof name,
			    "v%zu", i), name) : "");
		len += (size_t)snprintf(want + len, sizeof want - len, "\n");
	}
	snprintf(want + len, sizeof want - len, "EOF\n");
	ck_assert_str_eq(out, want);
	records_close(rs);
	for (i = 0; i < 40; i++)
		free(p[i]);
}
END_TEST

static Suite *
records_suite(void)
{
	Suite *s = suite_create("records");
	TCase *tc = tcase_create("records");

	tcase_add_unchecked_fixture(tc, tmp_setup, tmp_teardown);
	tcase_add_test(tc, union_header);
	tcase_add_test(tc, same_header);
	tcase_add_test(tc, reordered_header);
	tcase_add_test(tc, empty_and_header_only);
	tcase_add_test(tc, bad_row_as_given);
	tcase_add_test(tc, first_reader);
	tcase_add_test(tc, stdin_twice);
	tcase_add_test(tc, stdin_default);
	tcase_add_test(tc, missing_file);
	tcase_add_test(tc, bad_header_in_second);
	tcase_add_test(tc, many_files);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(records_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
