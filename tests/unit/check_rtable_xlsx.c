/*
 * check_rtable_xlsx.c - unit tests for lib/report/rtable_xlsx.c, read back
 * from the workbook's XML: labels in the header, a column with nothing in
 * it left out, counts and figures as number cells (a percentage as a
 * fraction of 1 shown "0.0%", a mean "0.0", a difference "+0.0"), rounded
 * as CSV shows them, a suppressed figure as the text "c", lists joined.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/rtable.h"
#include "xlsx_part.h"

static char path[64];

static void
setup(void)
{
	int fd;

	strcpy(path, "/tmp/check_rtable_xlsx.XXXXXX");
	fd = mkstemp(path);
	ck_assert(fd >= 0);
	close(fd);
}

static void
teardown(void)
{
	unlink(path);
}

/* A table with every kind of cell (as check_rtable.c's sample). */
static track_rtable *
sample(void)
{
	static const char *const names[] = { "Ann", "Bob Lee" };
	track_rtable *t = rtable_new();

	ck_assert_ptr_nonnull(t);
	ck_assert_int_eq(rtable_col(t, "subject", "Subject"), 0);
	ck_assert_int_eq(rtable_col(t, "n", "Pupils"), 1);
	ck_assert_int_eq(rtable_col(t, "pct_at", "%"), 2);
	ck_assert_int_eq(rtable_col(t, "mean", "Mean"), 3);
	ck_assert_int_eq(rtable_col(t, "median", NULL), 4);
	ck_assert_int_eq(rtable_col(t, "nothing", "Nothing"), 5);
	ck_assert_int_eq(rtable_col(t, "gap", "Gap"), 6);
	ck_assert_int_eq(rtable_col(t, "pupils", "Names"), 7);

	ck_assert_int_eq(rtable_row(t), 0);
	ck_assert_int_eq(rtable_text(t, 0, "reading", "Reading"), 0);
	ck_assert_int_eq(rtable_int(t, 1, 8), 0);
	ck_assert_int_eq(rtable_pct(t, 2, 1, 8), 0);
	ck_assert_int_eq(rtable_dec(t, 3, 104.25), 0);
	ck_assert_int_eq(rtable_num(t, 4, 104.5), 0);
	ck_assert_int_eq(rtable_points(t, 6, -189), 0);
	ck_assert_int_eq(rtable_list(t, 7, names, 2), 0);

	ck_assert_int_eq(rtable_row(t), 0);
	ck_assert_int_eq(rtable_text(t, 0, "maths", NULL), 0);
	ck_assert_int_eq(rtable_supp(t, 1), 0);
	ck_assert_int_eq(rtable_supp(t, 2), 0);
	ck_assert_int_eq(rtable_pct(t, 2, 2, 3), 0);
	return t;
}

static char *
write_book(const track_rtable *t, const char *part)
{
	track_writer *w;
	track_error err;
	char *x;

	ck_assert_int_eq(writer_open_xlsx(&w, path, 0, &err), 0);
	ck_assert_msg(rtable_write(t, w, TRACK_FMT_XLSX, &err) == 0, "%s",
	    err.text);
	ck_assert_int_eq(writer_finish(w, &err), 0);
	writer_free(w);
	x = xlsx_part(path, part);
	ck_assert_ptr_nonnull(x);
	return x;
}

START_TEST(cells)
{
	track_rtable *t = sample();
	char *x = write_book(t, "xl/worksheets/sheet1.xml");

	/* Labels; "Nothing" left out, so Gap is F and Names G. */
	ck_assert(strstr(x, "<c r=\"A1\" s=\"1\" t=\"inlineStr\"><is><t>"
	    "Subject</t>") != NULL);
	ck_assert(strstr(x, "<t>median</t>") != NULL);
	ck_assert(strstr(x, "Nothing") == NULL);
	ck_assert(strstr(x, "<c r=\"F1\" s=\"1\" t=\"inlineStr\"><is><t>"
	    "Gap</t>") != NULL);
	ck_assert(strstr(x, "<c r=\"A2\" t=\"inlineStr\"><is><t>Reading"
	    "</t>") != NULL);
	/* Numbers: 8; 12.5% as 0.125; 104.3 (half up); 104.5; -18.9. */
	ck_assert(strstr(x, "<c r=\"B2\"><v>8</v></c>") != NULL);
	ck_assert(strstr(x, "<c r=\"C2\" s=\"2\"><v>0.125</v></c>") != NULL);
	ck_assert(strstr(x, "<c r=\"D2\" s=\"3\"><v>104.3</v></c>") != NULL);
	ck_assert(strstr(x, "<c r=\"E2\"><v>104.5</v></c>") != NULL);
	ck_assert(strstr(x, "<c r=\"F2\" s=\"4\"><v>-1.89") == NULL);
	ck_assert(strstr(x, "<c r=\"F2\" s=\"4\"><v>-18.9</v></c>") != NULL);
	ck_assert(strstr(x, "<c r=\"G2\" t=\"inlineStr\"><is><t>Ann;Bob Lee"
	    "</t>") != NULL);
	/* Suppressed: the text c; a later setter wins (66.7% as 0.667). */
	ck_assert(strstr(x, "<c r=\"B3\" t=\"inlineStr\"><is><t>c</t>")
	    != NULL);
	ck_assert(strstr(x, "<c r=\"C3\" s=\"2\"><v>0.667</v></c>") != NULL);
	ck_assert(strstr(x, "<pane ySplit=\"1\"") != NULL);
	free(x);
	x = xlsx_part(path, "xl/styles.xml");
	ck_assert(strstr(x, "formatCode=\"0.0%\"") != NULL);
	ck_assert(strstr(x, "formatCode=\"0.0\"") != NULL);
	ck_assert(strstr(x, "formatCode=\"+0.0;-0.0;0.0\"") != NULL);
	free(x);
	rtable_free(t);
}
END_TEST

START_TEST(two_tables)
{
	track_rtable *t = sample();
	track_writer *w;
	track_error err;
	char *x;

	/* Two tables on one sheet, a line between: one frozen pane. */
	ck_assert_int_eq(writer_open_xlsx(&w, path, 0, &err), 0);
	ck_assert_int_eq(rtable_write(t, w, TRACK_FMT_XLSX, &err), 0);
	ck_assert_int_eq(writer_text(w, "\nNext\n\n", 7, &err), 0);
	ck_assert_int_eq(rtable_write(t, w, TRACK_FMT_XLSX, &err), 0);
	ck_assert_int_eq(writer_finish(w, &err), 0);
	writer_free(w);
	x = xlsx_part(path, "xl/worksheets/sheet1.xml");
	ck_assert(strstr(x, "<c r=\"A5\" t=\"inlineStr\"><is><t>Next</t>")
	    != NULL);
	ck_assert(strstr(x, "<c r=\"A7\" s=\"1\" t=\"inlineStr\"><is><t>"
	    "Subject</t>") != NULL);
	ck_assert_uint_eq(xlsx_count(x, "<pane "), 1);
	free(x);
	rtable_free(t);
}
END_TEST

static Suite *
rtable_xlsx_suite(void)
{
	Suite *s = suite_create("rtable_xlsx");
	TCase *tc = tcase_create("rtable_xlsx");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, cells);
	tcase_add_test(tc, two_tables);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(rtable_xlsx_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
