/*
 * check_writer_xlsx.c - unit tests for lib/record/writer_xlsx.c, read back
 * from the workbook's XML: the bold, frozen header; plain decimals as
 * number cells and everything else (leading zeros, formulas) as text;
 * column widths from the values, capped; text lines above and below a
 * table; typed cells with number formats; a value too long for a cell;
 * and what is refused (-F xlsx on a descriptor).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "record/writer.h"
#include "record/writer_xlsx.h"
#include "xlsx_part.h"

#define S(lit) ((track_str){ lit, sizeof lit - 1 })

static char path[64];

static void
setup(void)
{
	int fd;

	strcpy(path, "/tmp/check_writer_xlsx.XXXXXX");
	fd = mkstemp(path);
	ck_assert(fd >= 0);
	close(fd);
}

static void
teardown(void)
{
	unlink(path);
}

static track_writer *
open_book(void)
{
	track_writer *w;
	track_error err;

	ck_assert_int_eq(writer_open_xlsx(&w, path, 0, &err), 0);
	return w;
}

/* Finishes the writer and returns part `name` of the workbook. */
static char *
finish(track_writer *w, const char *name)
{
	track_error err;
	char *x;

	ck_assert_int_eq(writer_finish(w, &err), 0);
	writer_free(w);
	x = xlsx_part(path, name);
	ck_assert_msg(x != NULL, "no part %s", name);
	return x;
}

START_TEST(format_name)
{
	enum track_format f = TRACK_FMT_CSV;
	track_writer *w = NULL;
	track_error err;

	ck_assert_int_eq(writer_format_parse("xlsx", &f), 0);
	ck_assert_int_eq(f, TRACK_FMT_XLSX);
	/* A workbook is written by name, never to a descriptor. */
	ck_assert_int_eq(writer_open(&w, 1, TRACK_FMT_XLSX, 0, &err),
	    TRACK_EXIT_USAGE);
	ck_assert_ptr_null(w);
	ck_assert_str_eq(err.text, "-F xlsx writes a workbook to a file: "
	    "give -o FILE.xlsx");
}
END_TEST

START_TEST(numbers)
{
	static const char *const yes[] = { "0", "12", "-3", "0.5", "-0.25",
	    "100", "123456789012345", "3.14159" };
	static const char *const no[] = { "007", "00", "1.50", "1e3", "+1",
	    "-0", "1.", ".5", "", "-", "1234567890123456", "12a", " 1",
	    "1 ", "0x1F", "1,5", "1.2.3", "0.0" };
	size_t i;
	double x;

	for (i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		track_str s = { yes[i], strlen(yes[i]) };

		ck_assert_msg(writer_xlsx_number(s, &x), "%s", yes[i]);
		ck_assert_msg(x == strtod(yes[i], NULL), "%s", yes[i]);
	}
	for (i = 0; i < sizeof no / sizeof no[0]; i++) {
		track_str s = { no[i], strlen(no[i]) };

		ck_assert_msg(!writer_xlsx_number(s, &x), "%s", no[i]);
	}
}
END_TEST

START_TEST(records)
{
	track_str h[] = { S("pupil"), S("year"), S("value"), S("note") };
	track_str r1[] = { S("007"), S("4"), S("EXS"), S("=SUM(A1:A9)") };
	track_str r2[] = { S("P02"), S("-3.5"), S("+1"), S("@cmd") };
	track_writer *w = open_book();
	track_error err;
	char *x, *st;

	ck_assert_int_eq(writer_header(w, h, 4, &err), 0);
	ck_assert_int_eq(writer_row(w, r1, 4, &err), 0);
	ck_assert_int_eq(writer_row(w, r2, 4, &err), 0);
	x = finish(w, "xl/worksheets/sheet1.xml");
	/* The header: bold (style 1), the pane frozen under it. */
	ck_assert(strstr(x, "<c r=\"A1\" s=\"1\" t=\"inlineStr\"><is><t>"
	    "pupil</t>") != NULL);
	ck_assert(strstr(x, "<pane ySplit=\"1\" topLeftCell=\"A2\" "
	    "activePane=\"bottomLeft\" state=\"frozen\"/>") != NULL);
	/* Numbers as numbers, the rest as text, never a formula. */
	ck_assert(strstr(x, "<c r=\"B2\"><v>4</v></c>") != NULL);
	ck_assert(strstr(x, "<c r=\"B3\"><v>-3.5</v></c>") != NULL);
	ck_assert(strstr(x, "<c r=\"A2\" t=\"inlineStr\"><is><t>007</t>")
	    != NULL);
	ck_assert(strstr(x, "<c r=\"C3\" t=\"inlineStr\"><is><t>+1</t>")
	    != NULL);
	ck_assert(strstr(x, "<t>=SUM(A1:A9)</t>") != NULL);
	ck_assert(strstr(x, "<t>@cmd</t>") != NULL);
	ck_assert(strstr(x, "<f>") == NULL);
	/* Widths: the longest of header and values, plus two. */
	ck_assert(strstr(x, "<col min=\"4\" max=\"4\" width=\"13.7109375\" "
	    "customWidth=\"1\"/>") != NULL);
	free(x);
	st = xlsx_part(path, "xl/styles.xml");
	ck_assert(strstr(st, "<b/>") != NULL);
	free(st);
}
END_TEST

START_TEST(width_capped)
{
	char big[300];
	track_str h[] = { S("note") };
	track_str r[] = { { big, sizeof big } };
	track_writer *w = open_book();
	track_error err;
	char *x;

	memset(big, 'x', sizeof big);
	ck_assert_int_eq(writer_header(w, h, 1, &err), 0);
	ck_assert_int_eq(writer_row(w, r, 1, &err), 0);
	x = finish(w, "xl/worksheets/sheet1.xml");
	ck_assert(strstr(x, "<col min=\"1\" max=\"1\" width=\"62.7109375\"")
	    != NULL);
	free(x);
}
END_TEST

START_TEST(too_long)
{
	static char big[40000];
	track_str h[] = { S("a"), S("b") };
	track_str r[] = { S("first"), { big, sizeof big } };
	track_str ok[] = { S("x"), S("y") };
	track_writer *w = open_book();
	track_error err;
	char *x;

	memset(big, 'x', sizeof big);
	ck_assert_int_eq(writer_header(w, h, 2, &err), 0);
	ck_assert_int_eq(writer_row(w, r, 2, &err), TRACK_EXIT_DATA);
	ck_assert_str_eq(err.text, "a value of 40000 characters is too long "
	    "for a workbook cell (32767 at most)");
	/* Nothing of the row was written; the next row goes on. */
	ck_assert_int_eq(writer_row(w, ok, 2, &err), 0);
	x = finish(w, "xl/worksheets/sheet1.xml");
	ck_assert(strstr(x, "first") == NULL);
	ck_assert(strstr(x, "<c r=\"A2\" t=\"inlineStr\"><is><t>x</t>")
	    != NULL);
	free(x);
}
END_TEST

START_TEST(title_table_note)
{
	track_str h[] = { S("Subject"), S("%") };
	struct writer_cell c[2];
	track_writer *w = open_book();
	track_error err;
	char *x, *st;

	ck_assert_int_eq(writer_text(w, "Over", 4, &err), 0);
	ck_assert_int_eq(writer_text(w, "view\n\n", 6, &err), 0);
	ck_assert_int_eq(writer_header(w, h, 2, &err), 0);
	memset(c, 0, sizeof c);
	c[0].text = S("Reading");
	c[1].number = 1;
	c[1].x = 0.375;
	c[1].numfmt = "0.0%";
	ck_assert_int_eq(writer_cells(w, c, 2, &err), 0);
	ck_assert_int_eq(writer_table_end(w, &err), 0);
	ck_assert_int_eq(writer_text(w, "\nA note.\n", 9, &err), 0);
	x = finish(w, "xl/worksheets/sheet1.xml");
	/* The title in A1, bold; the header in row 3, frozen. */
	ck_assert(strstr(x, "<c r=\"A1\" s=\"1\" t=\"inlineStr\"><is><t>"
	    "Overview</t>") != NULL);
	ck_assert(strstr(x, "<c r=\"A3\" s=\"1\" t=\"inlineStr\"><is><t>"
	    "Subject</t>") != NULL);
	ck_assert(strstr(x, "ySplit=\"3\"") != NULL);
	ck_assert(strstr(x, "<c r=\"B4\" s=\"2\"><v>0.375</v></c>") != NULL);
	ck_assert(strstr(x, "<c r=\"A6\" t=\"inlineStr\"><is><t>A note.</t>")
	    != NULL);
	free(x);
	st = xlsx_part(path, "xl/styles.xml");
	ck_assert(strstr(st, "formatCode=\"0.0%\"") != NULL);
	free(st);
}
END_TEST

START_TEST(cells_only_for_books)
{
	struct writer_cell c = { 0 };
	track_writer *w;
	track_error err;

	ck_assert_int_eq(writer_open(&w, 1, TRACK_FMT_CSV, 0, &err), 0);
	ck_assert_int_eq(writer_cells(w, &c, 1, &err), TRACK_EXIT_USAGE);
	ck_assert_ptr_null(writer_workbook(w));
	writer_free(w);
	w = open_book();
	ck_assert_ptr_nonnull(writer_workbook(w));
	writer_free(w);		/* never finished: nothing written */
}
END_TEST

START_TEST(empty_book)
{
	track_writer *w = open_book();
	char *x;

	/* No rows at all: still a workbook that opens, with one sheet. */
	x = finish(w, "xl/workbook.xml");
	ck_assert_uint_eq(xlsx_count(x, "<sheet "), 1);
	free(x);
}
END_TEST

START_TEST(next_sheet)
{
	track_str h[] = { S("n") }, r[] = { S("1") };
	track_writer *w = open_book();
	track_error err;
	unsigned long i;
	char *x;

	/* A sheet holds 1,048,576 rows: the header and the rest go on. */
	ck_assert_int_eq(writer_header(w, h, 1, &err), 0);
	for (i = 0; i < 1048576; i++)
		ck_assert_int_eq(writer_row(w, r, 1, &err), 0);
	x = finish(w, "xl/worksheets/sheet2.xml");
	ck_assert(strstr(x, "<c r=\"A1\" s=\"1\" t=\"inlineStr\"><is><t>"
	    "n</t>") != NULL);
	ck_assert(strstr(x, "<c r=\"A2\"><v>1</v></c>") != NULL);
	ck_assert(strstr(x, "A3") == NULL);
	free(x);
	x = xlsx_part(path, "xl/worksheets/sheet1.xml");
	ck_assert(strstr(x, "<dimension ref=\"A1:A1048576\"/>") != NULL);
	free(x);
}
END_TEST

static Suite *
writer_xlsx_suite(void)
{
	Suite *s = suite_create("writer_xlsx");
	TCase *tc = tcase_create("writer_xlsx");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, format_name);
	tcase_add_test(tc, numbers);
	tcase_add_test(tc, records);
	tcase_add_test(tc, width_capped);
	tcase_add_test(tc, too_long);
	tcase_add_test(tc, title_table_note);
	tcase_add_test(tc, cells_only_for_books);
	tcase_add_test(tc, empty_book);
	tcase_add_test(tc, next_sheet);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(writer_xlsx_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
