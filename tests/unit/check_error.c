/*
 * check_error.c - unit tests for lib/base/error.c: the error record.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"

START_TEST(clear)
{
	track_error err;

	memset(&err, 'x', sizeof err);
	error_clear(&err);
	ck_assert_int_eq(err.kind, TRACK_EXIT_OK);
	ck_assert(err.file == NULL);
	ck_assert_int_eq(err.line, 0);
	ck_assert_str_eq(err.text, "");
	error_clear(NULL);
}
END_TEST

START_TEST(set)
{
	track_error err;
	const char *file = "marks.csv";

	error_clear(&err);
	ck_assert_int_eq(error_set(&err, TRACK_EXIT_DATA, file, 17,
	    "unknown descriptor \"%s\" for %s", "EXPT", "writing"),
	    TRACK_EXIT_DATA);
	ck_assert_int_eq(err.kind, TRACK_EXIT_DATA);
	ck_assert(err.file == file);
	ck_assert_int_eq(err.line, 17);
	ck_assert_str_eq(err.text, "unknown descriptor \"EXPT\" for writing");
	/* A later error replaces the earlier one entirely. */
	ck_assert_int_eq(error_set(&err, TRACK_EXIT_IO, NULL, 0, "disk full"),
	    TRACK_EXIT_IO);
	ck_assert_int_eq(err.kind, TRACK_EXIT_IO);
	ck_assert(err.file == NULL);
	ck_assert_int_eq(err.line, 0);
	ck_assert_str_eq(err.text, "disk full");
}
END_TEST

START_TEST(set_returns_kind)
{
	/* With no record to fill, the kind still comes back. */
	ck_assert_int_eq(error_set(NULL, TRACK_EXIT_USAGE, "f", 1, "x %d", 1),
	    TRACK_EXIT_USAGE);
	ck_assert_int_eq(error_set(NULL, TRACK_EXIT_OK, NULL, 0, "ok"), 0);
	ck_assert_int_eq(TRACK_EXIT_OK, 0);
	ck_assert_int_eq(TRACK_EXIT_DATA, 1);
	ck_assert_int_eq(TRACK_EXIT_USAGE, 2);
	ck_assert_int_eq(TRACK_EXIT_IO, 3);
}
END_TEST

START_TEST(set_truncates)
{
	track_error err;
	char big[2000];

	memset(big, 'y', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	error_set(&err, TRACK_EXIT_DATA, NULL, 0, "long: %s", big);
	ck_assert_uint_eq(strlen(err.text), sizeof err.text - 1);
	ck_assert(strncmp(err.text, "long: yyy", 9) == 0);
	/* A % in an argument is not a format. */
	error_set(&err, TRACK_EXIT_DATA, NULL, 0, "%s", "100%s %d");
	ck_assert_str_eq(err.text, "100%s %d");
}
END_TEST

START_TEST(where)
{
	track_error err;
	char b[100];

	ck_assert_str_eq(error_where(b, sizeof b, "m.csv", 7, 0), "m.csv:7");
	ck_assert_str_eq(error_where(b, sizeof b, "m.csv", 7, 3), "m.csv:7");
	ck_assert_str_eq(error_where(b, sizeof b, "m.csv", 0, 0), "m.csv");
	/* A workbook's sheet: the cell, column A when none is given. */
	ck_assert_str_eq(error_where(b, sizeof b, "m.xlsx:Marks!", 7, 0),
	    "m.xlsx:Marks!A7");
	ck_assert_str_eq(error_where(b, sizeof b, "m.xlsx:Marks!", 7, 3),
	    "m.xlsx:Marks!C7");
	ck_assert_str_eq(error_where(b, sizeof b, "m.xlsx:'Year 5'!", 12,
	    27), "m.xlsx:'Year 5'!AA12");
	ck_assert_str_eq(error_where(b, sizeof b, "m.xlsx:S!", 1, 16384),
	    "m.xlsx:S!XFD1");
	ck_assert_str_eq(error_where(b, sizeof b, "m.xlsx:S!", 0, 0),
	    "m.xlsx:S");
	/* error_set forgets an earlier column. */
	err.col = 5;
	error_set(&err, TRACK_EXIT_DATA, "f", 1, "x");
	ck_assert_uint_eq(err.col, 0);
	err.col = 5;
	error_clear(&err);
	ck_assert_uint_eq(err.col, 0);
}
END_TEST

static Suite *
error_suite(void)
{
	Suite *s = suite_create("error");
	TCase *tc = tcase_create("error");

	tcase_add_test(tc, clear);
	tcase_add_test(tc, set);
	tcase_add_test(tc, set_returns_kind);
	tcase_add_test(tc, set_truncates);
	tcase_add_test(tc, where);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(error_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
