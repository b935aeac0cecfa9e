/*
 * check_report_xlsx.c - unit tests for lib/report/report_xlsx.c, read back
 * from the workbook's XML: the contents sheet, a sheet per document named
 * from its title (valid for Excel and unique), a summary's table with a
 * frozen bold header, percentages as fractions of 1 shown "0.0%", a
 * suppressed figure as "c" and the note below, a matrix's grid as numbers.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/report.h"
#include "xlsx_part.h"
#include "report_docs.h"

static char path[64];

static void
setup(void)
{
	int fd;

	strcpy(path, "/tmp/check_report_xlsx.XXXXXX");
	fd = mkstemp(path);
	ck_assert(fd >= 0);
	close(fd);
}

static void
teardown(void)
{
	unlink(path);
}

/* Writes a pack of the documents (one JSON text each) to `path`. */
static void
write_pack(const char *const *docs, size_t n, const struct report_opts *o)
{
	track_report *r = report_new(o);
	track_writer *w = NULL;
	track_error err;
	size_t i;

	ck_assert_ptr_nonnull(r);
	for (i = 0; i < n; i++) {
		json_error_t je;
		json_t *d = json_loads(docs[i], 0, &je);

		ck_assert_msg(d != NULL, "%s", je.text);
		ck_assert_int_eq(report_add(r, d, &err), 0);
		json_decref(d);
	}
	ck_assert_int_eq(writer_open_xlsx(&w, path, 0, &err), 0);
	ck_assert_int_eq(report_xlsx(r, w, &err), 0);
	ck_assert_int_eq(writer_finish(w, &err), 0);
	writer_free(w);
	report_free(r);
}

/* Nonzero when part `name` of the workbook holds `needle`. */
static int
has(const char *name, const char *needle)
{
	char *x = xlsx_part(path, name);
	int found;

	ck_assert_msg(x != NULL, "no %s", name);
	found = strstr(x, needle) != NULL;
	if (!found)
		fprintf(stderr, "%s has no %s:\n%s\n", name, needle, x);
	free(x);
	return found;
}

#define SHEET(n) "xl/worksheets/sheet" #n ".xml"

START_TEST(pack)
{
	const char *docs[] = { summary_doc, matrix_doc };
	struct report_opts o = { .title = "Pack", .school = "St Mary's", .date = "summer" };
	char *x;

	write_pack(docs, 2, &o);
	x = xlsx_part(path, "xl/workbook.xml");
	ck_assert_uint_eq(xlsx_count(x, "<sheet "), 3);
	free(x);
	ck_assert(has("xl/workbook.xml", "<sheet name=\"Contents\" "));
	ck_assert(has("xl/workbook.xml",
	    "<sheet name=\"Attainment overview Autumn\" "));
	ck_assert(has("xl/workbook.xml", "<sheet name=\"Progress\" "));
	/* The contents: title, school, date, a line per document. */
	ck_assert(has(SHEET(1), "<c r=\"A1\" s=\"1\" t=\"inlineStr\"><is>"
	    "<t>Pack</t>"));
	ck_assert(has(SHEET(1), "<t>Data as at summer</t>"));
	ck_assert(has(SHEET(1), "<c r=\"A6\" t=\"inlineStr\"><is><t>"
	    "Attainment overview Autumn</t>"));
	ck_assert(has(SHEET(1), "<c r=\"B6\" t=\"inlineStr\"><is><t>"
	    "Attainment overview: Autumn</t>"));
	ck_assert(has(SHEET(1), "<c r=\"A7\" t=\"inlineStr\"><is><t>"
	    "Progress</t>"));
	/* The summary: title, frozen bold header, typed cells, note. */
	ck_assert(has(SHEET(2), "<c r=\"A1\" s=\"1\" t=\"inlineStr\"><is>"
	    "<t>Attainment overview: Autumn</t>"));
	ck_assert(has(SHEET(2), "<pane ySplit=\"3\" topLeftCell=\"A4\""));
	ck_assert(has(SHEET(2), "<c r=\"B3\" s=\"1\" t=\"inlineStr\"><is>"
	    "<t>Pupils</t>"));
	ck_assert(has(SHEET(2), "<c r=\"A4\" t=\"inlineStr\"><is><t>"
	    "Reading &amp; &lt;i&gt;co&lt;/i&gt;</t>"));
	ck_assert(has(SHEET(2), "<c r=\"B4\"><v>8</v></c>"));
	ck_assert(has(SHEET(2), "<c r=\"D4\" s=\"2\"><v>0.125</v></c>"));
	ck_assert(has(SHEET(2), "<c r=\"G4\" s=\"2\"><v>0.875</v></c>"));
	ck_assert(has(SHEET(2), "<t>&lt;script&gt;alert(1)&lt;/script&gt;"
	    "</t>"));
	ck_assert(has(SHEET(2), "<c r=\"D5\" t=\"inlineStr\"><is><t>c</t>"
	    "</is></c>"));
	ck_assert(has(SHEET(2), "<c r=\"A7\" t=\"inlineStr\"><is><t>"
	    "Figures for groups of fewer than 5 pupils"));
	ck_assert(has("xl/styles.xml", "formatCode=\"0.0%\""));
	/* The matrix: the grid's title, its labels and counts as numbers. */
	ck_assert(has(SHEET(3), "<c r=\"A3\" s=\"1\" t=\"inlineStr\"><is>"
	    "<t>Reading: Autumn to Summer</t>"));
	ck_assert(has(SHEET(3), "<c r=\"C4\" s=\"1\" t=\"inlineStr\"><is>"
	    "<t>EXS</t>"));
	ck_assert(has(SHEET(3), "<c r=\"C5\"><v>2</v></c>"));
	ck_assert(has(SHEET(3), "<c r=\"D7\" s=\"1\"><v>6</v></c>"));
	ck_assert(has(SHEET(3), "<t>Moved up 2, stayed the same 4, moved "
	    "down 0.</t>"));
}
END_TEST

/*
 * Titles with characters Excel refuses (an apostrophe inside is allowed),
 * too long and repeated.
 */
START_TEST(sheet_names)
{
	json_error_t je;
	json_t *d = json_loads(summary_doc, 0, &je);
	char *s, *x;
	const char *docs[3];

	ck_assert_ptr_nonnull(d);
	ck_assert_int_eq(json_object_set_new(d, "by", json_pack(
	    "[{s:s,s:s}]", "id", "pp", "label",
	    "'Pupil premium / [free meals]*?\\")), 0);
	s = json_dumps(d, 0);
	ck_assert_ptr_nonnull(s);
	docs[0] = docs[1] = docs[2] = s;
	write_pack(docs, 3, &(struct report_opts){ 0 });
	x = xlsx_part(path, "xl/workbook.xml");
	ck_assert_uint_eq(xlsx_count(x, "<sheet "), 4);
	free(x);
	ck_assert(has("xl/workbook.xml",
	    "<sheet name=\"Summary by 'Pupil premium free\" "));
	ck_assert(has("xl/workbook.xml",
	    "<sheet name=\"Summary by 'Pupil premium f (2)\" "));
	ck_assert(has("xl/workbook.xml",
	    "<sheet name=\"Summary by 'Pupil premium f (3)\" "));
	ck_assert(has(SHEET(1), "<t>Governors' pack</t>"));
	free(s);
	json_decref(d);
}
END_TEST

START_TEST(empty_pack)
{
	write_pack(NULL, 0, &(struct report_opts){ .title = "T" });
	ck_assert(has("xl/workbook.xml", "<sheet name=\"Contents\" "));
	ck_assert(has(SHEET(1), "<t>No documents.</t>"));
}
END_TEST

/* Only on a workbook writer. */
START_TEST(not_a_workbook)
{
	track_report *r = report_new(&(struct report_opts){ 0 });
	track_writer *w = NULL;
	track_error err;

	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(writer_open(&w, 1, TRACK_FMT_CSV, 0, &err), 0);
	ck_assert_int_eq(report_xlsx(r, w, &err), TRACK_EXIT_USAGE);
	writer_free(w);
	report_free(r);
}
END_TEST

static Suite *
report_xlsx_suite(void)
{
	Suite *s = suite_create("report_xlsx");
	TCase *tc = tcase_create("report_xlsx");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, pack);
	tcase_add_test(tc, sheet_names);
	tcase_add_test(tc, empty_pack);
	tcase_add_test(tc, not_a_workbook);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(report_xlsx_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
