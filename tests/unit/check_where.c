/*
 * check_where.c - unit tests for lib/record/where.c: parsing, binding and
 * matching -w/--where predicates.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "record/where.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* A NUL-terminated string as a slice (as reader fields are). */
static track_str
S(const char *z)
{
	track_str s = { z, strlen(z) };

	return s;
}

/* The header every test binds to. */
static const char *const hdr_names[] = {
	"pupil", "subject", "value", "score", "first name", "empty"
};

/*
 * Parses `expr`, binds it to the header above and returns whether it
 * matches a row whose `col` column holds `val` (other columns hold "x").
 */
static int
match(const char *expr, const char *col, const char *val)
{
	track_str hdr[N(hdr_names)], row[N(hdr_names)];
	track_where *w;
	track_error err;
	size_t i;
	int m;

	for (i = 0; i < N(hdr_names); i++) {
		hdr[i] = S(hdr_names[i]);
		row[i] = strcmp(hdr_names[i], col) == 0 ? S(val) : S("x");
	}
	ck_assert_msg(where_parse(&w, expr, &err) == 0, "\"%s\": %s", expr,
	    err.text);
	ck_assert_msg(where_bind(w, hdr, N(hdr), &err) == 0, "\"%s\": %s",
	    expr, err.text);
	m = where_match(w, row);
	where_free(w);
	return m;
}

#define YES(expr, col, val) \
	ck_assert_msg(match((expr), (col), (val)), \
	    "%s should match %s=\"%s\"", (expr), (col), (val))
#define NO(expr, col, val) \
	ck_assert_msg(!match((expr), (col), (val)), \
	    "%s should not match %s=\"%s\"", (expr), (col), (val))

START_TEST(equal)
{
	YES("subject=maths", "subject", "maths");
	NO("subject=maths", "subject", "Maths");
	NO("subject=maths", "subject", "maths ");
	NO("subject=maths", "subject", "math");
	NO("subject=maths", "subject", "");
	/* Byte for byte, no numeric equality. */
	NO("score=5", "score", "5.0");
	/* An empty value matches an empty field. */
	YES("value=", "value", "");
	NO("value=", "value", "EXS");
	/* Operators after the first belong to the value. */
	YES("value=a=b", "value", "a=b");
	YES("value=<5", "value", "<5");
	YES("first name=Al", "first name", "Al");
}
END_TEST

START_TEST(not_equal)
{
	YES("subject!=maths", "subject", "reading");
	NO("subject!=maths", "subject", "maths");
	YES("subject!=maths", "subject", "");
	YES("value!=", "value", "EXS");
	NO("value!=", "value", "");
}
END_TEST

START_TEST(sets)
{
	YES("value=EXS|GDS", "value", "EXS");
	YES("value=EXS|GDS", "value", "GDS");
	NO("value=EXS|GDS", "value", "WTS");
	NO("value=EXS|GDS", "value", "EXS|GDS");
	NO("value=EXS|GDS", "value", "");
	/* An empty member matches an empty field. */
	YES("value=|EXS", "value", "");
	YES("value=EXS|", "value", "");
	YES("value=a||b", "value", "");
	YES("value!=EXS|GDS", "value", "WTS");
	NO("value!=EXS|GDS", "value", "GDS");
	NO("value!=EXS|GDS", "value", "EXS");
	YES("value!=EXS|GDS", "value", "");
	NO("value!=|x", "value", "");
}
END_TEST

START_TEST(numeric)
{
	YES("score<95", "score", "94");
	NO("score<95", "score", "95");
	YES("score<=95", "score", "95");
	NO("score<=95", "score", "95.5");
	YES("score>95", "score", "95.5");
	NO("score>95", "score", "95");
	YES("score>=95", "score", "95");
	NO("score>=95", "score", "94.9");
	/* Numbers, not text: "100" > "95". */
	YES("score>95", "score", "100");
	YES("score>=-1.5", "score", "-1");
	YES("score<1e3", "score", "999");
	YES("score>1.5", "score", "+2");
	YES("score>=95", "score", "1e2");
	YES("score<0", "score", "-.5");
}
END_TEST

START_TEST(numeric_non_numbers)
{
	static const char *const ops[] = {
		"score<95", "score<=95", "score>95", "score>=95"
	};
	static const char *const vals[] = {
		"", "abc", "9x", "95 ", "A", "<70", "1,5", "-", ".",
	};
	size_t i, j;

	/* A comparison against a non-number is false, whatever the op. */
	for (i = 0; i < N(ops); i++)
		for (j = 0; j < N(vals); j++)
			NO(ops[i], "score", vals[j]);
}
END_TEST

START_TEST(numeric_strict)
{
	static const char *const ops[] = { "score<200", "score>-200" };
	static const char *const vals[] = { "0x10", "inf", "nan", " 5" };
	size_t i, j;

	/*
	 * Not numbers by writer.h's definition ([+-]digits[.digits][e..]):
	 * hexadecimal, infinity, NaN and leading blanks are text.
	 */
	for (i = 0; i < N(ops); i++)
		for (j = 0; j < N(vals); j++)
			NO(ops[i], "score", vals[j]);
}
END_TEST

START_TEST(regex)
{
	YES("value~^E", "value", "EXS");
	NO("value~^E", "value", "GDS E");
	YES("value~XS", "value", "EXS");
	YES("value~^(EXS|GDS)$", "value", "GDS");
	NO("value~^(EXS|GDS)$", "value", "GDSX");
	YES("pupil~[0-9]{3}", "pupil", "A123");
	NO("pupil~[0-9]{3}", "pupil", "A12");
	NO("value~x", "value", "");
	YES("value~^$", "value", "");
	/* Case matters. */
	NO("value~exs", "value", "EXS");
	/* Does not match. */
	YES("value!~^E", "value", "GDS");
	NO("value!~^E", "value", "EXS");
	YES("value!~.", "value", "");
}
END_TEST

START_TEST(nonempty_and_empty)
{
	YES("value", "value", "EXS");
	YES("value", "value", " ");
	NO("value", "value", "");
	YES("!value", "value", "");
	NO("!value", "value", "0");
	YES("first name", "first name", "Al");
	NO("!first name", "first name", "Al");
}
END_TEST

START_TEST(column)
{
	track_where *w;
	track_error err;

	ck_assert_int_eq(where_parse(&w, "score>=95", &err), 0);
	ck_assert_str_eq(where_column(w), "score");
	where_free(w);
	ck_assert_int_eq(where_parse(&w, "!empty", &err), 0);
	ck_assert_str_eq(where_column(w), "empty");
	where_free(w);
	ck_assert_int_eq(where_parse(&w, "subject!~x", &err), 0);
	ck_assert_str_eq(where_column(w), "subject");
	where_free(w);
	where_free(NULL);
}
END_TEST

START_TEST(parse_errors)
{
	static const char *const bad[] = {
		"", "=maths", "!=maths", "<5", "~x", "!", "score<", "score>x",
		"score<=5x", "score>=", "score<1,5", "value~(", "value!~[a",
		"value!x", "value!",
	};
	size_t i;

	for (i = 0; i < N(bad); i++) {
		track_where *w = (track_where *)1;
		track_error err;
		int rc;

		error_clear(&err);
		rc = where_parse(&w, bad[i], &err);
		ck_assert_msg(rc == TRACK_EXIT_USAGE, "\"%s\" gave %d", bad[i],
		    rc);
		ck_assert_msg(w == NULL, "\"%s\" left an expression", bad[i]);
		ck_assert_int_eq(err.kind, TRACK_EXIT_USAGE);
		ck_assert_msg(err.text[0] != '\0', "\"%s\": no message",
		    bad[i]);
	}
}
END_TEST

START_TEST(parse_error_text)
{
	track_where *w;
	track_error err;

	ck_assert_int_eq(where_parse(&w, "score<abc", &err), TRACK_EXIT_USAGE);
	ck_assert_msg(strstr(err.text, "score<abc") != NULL &&
	    strstr(err.text, "not a number") != NULL, "message: %s", err.text);
	ck_assert_int_eq(where_parse(&w, "value~(", &err), TRACK_EXIT_USAGE);
	ck_assert_msg(strstr(err.text, "regular expression") != NULL,
	    "message: %s", err.text);
}
END_TEST

/* Repetitions that would make glibc's regcomp copy a part too often. */
START_TEST(regex_too_big)
{
	static const char *const refused[] = {
		"name~((a{10}){10}){11}", "name~a{1001}", "name~a{2,1001}",
		"name~n+++++++++++", "name~((a{9}){9}){9}(b{2})",
	};
	static const char *const allowed[] = {
		"pupil~^[A-Z][0-9]{12}$", "name~(a{10}){10}", "name~[{]{999}",
		"name~\\{99999}", "name~a+?", "name~x{,5}",
	};
	track_where *w;
	track_error err;
	size_t i;

	for (i = 0; i < N(refused); i++) {
		ck_assert_msg(where_parse(&w, refused[i], &err) ==
		    TRACK_EXIT_USAGE, "%s was allowed", refused[i]);
		ck_assert_msg(strstr(err.text, "more than 1000 copies") != NULL,
		    "message: %s", err.text);
	}
	for (i = 0; i < N(allowed); i++) {
		ck_assert_msg(where_parse(&w, allowed[i], &err) == 0,
		    "%s was refused: %s", allowed[i], err.text);
		where_free(w);
	}
}
END_TEST

START_TEST(bind_unknown)
{
	track_str hdr[N(hdr_names)];
	track_where *w;
	track_error err;
	size_t i;

	for (i = 0; i < N(hdr_names); i++)
		hdr[i] = S(hdr_names[i]);
	ck_assert_int_eq(where_parse(&w, "Subject=maths", &err), 0);
	ck_assert_int_eq(where_bind(w, hdr, N(hdr), &err), TRACK_EXIT_USAGE);
	ck_assert_int_eq(err.kind, TRACK_EXIT_USAGE);
	ck_assert_msg(strstr(err.text, "\"Subject\"") != NULL, "message: %s",
	    err.text);
	ck_assert_msg(strstr(err.text, "pupil, subject, value, score, "
	    "first name, empty") != NULL, "message: %s", err.text);
	/* A prefix of a column is not the column. */
	where_free(w);
	ck_assert_int_eq(where_parse(&w, "sub=maths", &err), 0);
	ck_assert_int_eq(where_bind(w, hdr, N(hdr), &err), TRACK_EXIT_USAGE);
	/* Nor with no columns at all. */
	ck_assert_int_eq(where_bind(w, hdr, 0, &err), TRACK_EXIT_USAGE);
	where_free(w);
}
END_TEST

START_TEST(bind_many_columns)
{
	static char names[300][16];
	track_str hdr[300];
	track_where *w;
	track_error err;
	size_t i;

	for (i = 0; i < 300; i++) {
		snprintf(names[i], sizeof names[i], "column_%zu", i);
		hdr[i] = S(names[i]);
	}
	ck_assert_int_eq(where_parse(&w, "nope", &err), 0);
	ck_assert_int_eq(where_bind(w, hdr, 300, &err), TRACK_EXIT_USAGE);
	/* The list is cut short, and says so. */
	ck_assert(strlen(err.text) < sizeof err.text);
	ck_assert_msg(strstr(err.text, "column_0, column_1") != NULL,
	    "message: %s", err.text);
	ck_assert_msg(strstr(err.text, "...") != NULL, "message: %s",
	    err.text);
	/* The last column still binds. */
	where_free(w);
	ck_assert_int_eq(where_parse(&w, "column_299=1", &err), 0);
	ck_assert_int_eq(where_bind(w, hdr, 300, &err), 0);
	where_free(w);
}
END_TEST

START_TEST(independent_of_text)
{
	char expr[] = "value=EXS|GDS";
	track_str hdr[1] = { S("value") }, row[1];
	track_where *w;
	track_error err;

	/* The expression keeps no pointer into the text it came from. */
	ck_assert_int_eq(where_parse(&w, expr, &err), 0);
	memset(expr, '#', sizeof expr - 1);
	ck_assert_int_eq(where_bind(w, hdr, 1, &err), 0);
	row[0] = S("GDS");
	ck_assert(where_match(w, row));
	row[0] = S("###");
	ck_assert(!where_match(w, row));
	where_free(w);
}
END_TEST

START_TEST(rebind)
{
	track_str h1[2] = { S("a"), S("v") }, h2[3] = { S("v"), S("b"),
	    S("c") };
	track_str r1[2] = { S("x"), S("1") }, r2[3] = { S("1"), S("x"),
	    S("x") };
	track_where *w;
	track_error err;

	/* Binding again to another header moves to that column. */
	ck_assert_int_eq(where_parse(&w, "v=1", &err), 0);
	ck_assert_int_eq(where_bind(w, h1, 2, &err), 0);
	ck_assert(where_match(w, r1));
	ck_assert_int_eq(where_bind(w, h2, 3, &err), 0);
	ck_assert(where_match(w, r2));
	where_free(w);
}
END_TEST

static Suite *
where_suite(void)
{
	Suite *s = suite_create("where");
	TCase *tc = tcase_create("where");

	tcase_add_test(tc, equal);
	tcase_add_test(tc, not_equal);
	tcase_add_test(tc, sets);
	tcase_add_test(tc, numeric);
	tcase_add_test(tc, numeric_non_numbers);
	tcase_add_test(tc, numeric_strict);
	tcase_add_test(tc, regex);
	tcase_add_test(tc, nonempty_and_empty);
	tcase_add_test(tc, column);
	tcase_add_test(tc, parse_errors);
	tcase_add_test(tc, parse_error_text);
	tcase_add_test(tc, regex_too_big);
	tcase_add_test(tc, bind_unknown);
	tcase_add_test(tc, bind_many_columns);
	tcase_add_test(tc, independent_of_text);
	tcase_add_test(tc, rebind);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(where_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
