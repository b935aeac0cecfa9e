/*
 * check_template_xlsx.c - unit tests for lib/assess/template_xlsx.c, read
 * back from the workbook's XML: the Grid sheet has the CSV grid's header
 * and rows, a dropdown (a list from the hidden codes sheet) on every
 * entry cell, the entry cells unlocked and the sheet protected, the pane
 * frozen; the codes sheet lists each subject's codes (no legacy ones,
 * not-assessed codes after them) and the Key says what they mean.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/str.h"
#include "template_fixture.h"
#include "xlsx_part.h"

/* Writes the grid as a workbook to a temporary file; frees the grid. */
static void
finish_book(struct grid *g, char *path)
{
	track_writer *w;
	track_error err;
	int fd;

	strcpy(path, "/tmp/check_template_xlsx.XXXXXX");
	fd = mkstemp(path);
	ck_assert(fd >= 0);
	close(fd);
	ck_assert_int_eq(writer_open_xlsx(&w, path, WRITER_GUARD, &err), 0);
	ck_assert_msg(assess_template_write(g->t, w, &err) == 0, "%s",
	    err.text);
	ck_assert_int_eq(writer_finish(w, &err), 0);
	writer_free(w);
	assess_template_free(g->t);
	assess_free(g->a);
}

/* The text of cell `ref` ("A2") of sheet XML `x`, or "" for none. */
static const char *
cell(const char *x, const char *ref, char *out, size_t outsz)
{
	char key[32];
	const char *p, *t, *e;

	snprintf(key, sizeof key, "<c r=\"%s\"", ref);
	out[0] = '\0';
	p = strstr(x, key);
	if (p == NULL || strchr(p, '>')[-1] == '/')
		return out;		/* none, or an empty cell */
	e = strstr(p, "</c>");
	t = strstr(p, "<t>");
	if (t == NULL || e == NULL || t > e)
		return out;
	t += 3;
	e = strstr(t, "</t>");
	snprintf(out, outsz, "%.*s", (int)(e - t), t);
	return out;
}

START_TEST(grid)
{
	static const char *const want[][11] = {
		{ "pupil", "name", "year", "class", "point", "reading",
		  "prev_reading", "writing", "prev_writing", "maths",
		  "prev_maths" },
		{ "P03", "=SUM(A1)", "4", "4A", "2025-26.spring", "", "EXS",
		  "", "", "", "" },
		{ "P01", "Amy Ash", "4", "4A", "2025-26.spring", "", "EXS", "",
		  "WTS", "", "GDS" },
		{ "P02", "Ben Bell", "4", "4B", "2025-26.spring", "", "Y3 EXS",
		  "", "", "", "" },
	};
	struct grid g;
	char path[64], ref[16], buf[64], *x;
	size_t r, c;

	start(&g, "2025-26.spring", NULL, NULL);
	add_marks(&g);
	finish_book(&g, path);
	x = xlsx_part(path, "xl/worksheets/sheet1.xml");
	ck_assert_ptr_nonnull(x);
	/* The CSV grid's header and rows, text as it is (no ' guard). */
	for (r = 0; r < 4; r++)
		for (c = 0; c < 11; c++) {
			snprintf(ref, sizeof ref, "%c%zu", (char)('A' + c),
			    r + 1);
			ck_assert_str_eq(cell(x, ref, buf, sizeof buf),
			    want[r][c]);
		}
	ck_assert(strstr(x, "<f>") == NULL);
	/* A dropdown per subject over its entry cells, from codes. */
	ck_assert(strstr(x, "<dataValidation type=\"list\" errorStyle="
	    "\"warning\"") != NULL);
	ck_assert(strstr(x, "sqref=\"F2:F4\"><formula1>codes!$A$2:$A$14"
	    "</formula1>") != NULL);
	ck_assert(strstr(x, "sqref=\"H2:H4\"><formula1>codes!$B$2:$B$14"
	    "</formula1>") != NULL);
	ck_assert(strstr(x, "sqref=\"J2:J4\"><formula1>codes!$C$2:$C$14"
	    "</formula1>") != NULL);
	/* Protected, no password; entry cells style 2, frozen pane. */
	ck_assert(strstr(x, "<sheetProtection sheet=\"1\"") != NULL);
	ck_assert(strstr(x, "password") == NULL);
	ck_assert(strstr(x, "<c r=\"F2\" s=\"2\"/>") != NULL);
	ck_assert(strstr(x, "<c r=\"J4\" s=\"2\"/>") != NULL);
	ck_assert(strstr(x, "<pane xSplit=\"2\" ySplit=\"1\"") != NULL);
	free(x);
	x = xlsx_part(path, "xl/styles.xml");
	ck_assert_uint_eq(xlsx_count(x, "<protection locked=\"0\"/>"), 1);
	ck_assert(strstr(x, "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"2\" "
	    "borderId=\"0\" xfId=\"0\" applyFill=\"1\" applyProtection="
	    "\"1\"><protection locked=\"0\"/>") != NULL);
	free(x);
	x = xlsx_part(path, "xl/workbook.xml");
	ck_assert(strstr(x, "<sheet name=\"Grid\" sheetId=\"1\"") != NULL);
	ck_assert(strstr(x, "<sheet name=\"codes\" sheetId=\"3\" state="
	    "\"hidden\"") != NULL);
	free(x);
	/* The lists: reading's codes, no legacy PKF, A D L after GDS. */
	x = xlsx_part(path, "xl/worksheets/sheet3.xml");
	ck_assert_str_eq(cell(x, "A1", buf, sizeof buf), "reading");
	ck_assert_str_eq(cell(x, "A2", buf, sizeof buf), "EM");
	ck_assert_str_eq(cell(x, "A10", buf, sizeof buf), "EXS");
	ck_assert_str_eq(cell(x, "A11", buf, sizeof buf), "GDS");
	ck_assert_str_eq(cell(x, "A12", buf, sizeof buf), "A");
	ck_assert_str_eq(cell(x, "A14", buf, sizeof buf), "L");
	ck_assert_str_eq(cell(x, "A15", buf, sizeof buf), "");
	ck_assert(strstr(x, "PKF") == NULL);
	free(x);
	x = xlsx_part(path, "xl/worksheets/sheet2.xml");
	ck_assert(strstr(x, "<t>Working at the expected standard</t>")
	    != NULL);
	ck_assert(strstr(x, "track-import --unpivot reading,writing,maths "
	    "--key subject GRID.xlsx") != NULL);
	free(x);
	unlink(path);
}
END_TEST

START_TEST(no_pupils)
{
	struct grid g;
	char path[64], *x;

	/* Never bound: the header alone, and no dropdown on no rows. */
	start(&g, "2025-26.spring", NULL, NULL);
	finish_book(&g, path);
	x = xlsx_part(path, "xl/worksheets/sheet1.xml");
	ck_assert(strstr(x, "<t>point</t>") != NULL);
	ck_assert(strstr(x, "dataValidation") == NULL);
	ck_assert(strstr(x, "<sheetProtection") != NULL);
	free(x);
	unlink(path);
}
END_TEST

static Suite *
template_xlsx_suite(void)
{
	Suite *s = suite_create("template_xlsx");
	TCase *tc = tcase_create("template_xlsx");

	tcase_add_checked_fixture(tc, setup_default, teardown_default);
	tcase_add_test(tc, grid);
	tcase_add_test(tc, no_pupils);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(template_xlsx_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
