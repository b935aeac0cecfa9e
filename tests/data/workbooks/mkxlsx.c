/*
 * mkxlsx - test workbooks written by libxlsxwriter (a second writer
 * beside LibreOffice; see tests/data/workbooks/make).
 *
 *   mkxlsx kinds OUT.xlsx          every kind of cell, shared strings
 *   mkxlsx inline OUT.xlsx         the same with inline strings
 *                                  (libxlsxwriter's constant_memory mode)
 *   mkxlsx csv IN.csv OUT.xlsx     a CSV file as a workbook, numbers as
 *                                  numbers (for bench/run), streamed
 *   mkxlsx encrypt IN.xlsx OUT.xlsx   a copy whose zip entries libzip
 *                                  encrypts (AES-256, password "secret")
 *
 * The "kinds" workbook's first sheet is a chart sheet (so the first
 * worksheet is the second sheet), then "Marks", then "Second".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "record/reader.h"

static void
kinds(const char *out, int inline_strings)
{
	lxw_workbook_options o = { .constant_memory = (uint8_t)inline_strings,
	    .tmpdir = NULL, .use_zip64 = 0 };
	lxw_workbook *wb = workbook_new_opt(out, &o);
	lxw_chartsheet *cs = workbook_add_chartsheet(wb, "Chart");
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Marks");
	lxw_worksheet *ws2 = workbook_add_worksheet(wb, "Second");
	lxw_format *date = workbook_add_format(wb);
	lxw_format *builtin = workbook_add_format(wb);
	lxw_format *stamp = workbook_add_format(wb);
	lxw_format *pct = workbook_add_format(wb);
	lxw_chart *chart = workbook_add_chart(wb, LXW_CHART_COLUMN);
	lxw_datetime d1 = { 2025, 9, 1, 0, 0, 0 };
	lxw_datetime d2 = { 2026, 3, 20, 13, 30, 0 };
	lxw_datetime d3 = { 1900, 1, 1, 0, 0, 0 };

	format_set_num_format(date, "dd/mm/yyyy");
	format_set_num_format_index(builtin, 14);
	format_set_num_format(stamp, "yyyy-mm-dd hh:mm:ss");
	format_set_num_format(pct, "0.0%");
	/* Row 1: the header.  Row 2: numbers and dates.  Row 3 is empty.
	 * Row 4: sparse (B and E empty).  Row 5: boolean and a formula's
	 * text.  Row 6: a cell past the header's last column. */
	worksheet_write_string(ws, 0, 0, "pupil", NULL);
	worksheet_write_string(ws, 0, 1, "score", NULL);
	worksheet_write_string(ws, 0, 2, "fraction", NULL);
	worksheet_write_string(ws, 0, 3, "date", NULL);
	worksheet_write_string(ws, 0, 4, "when", NULL);
	worksheet_write_string(ws, 0, 5, "note", NULL);
	worksheet_write_string(ws, 1, 0, "Zo\xc3\xab", NULL);
	worksheet_write_number(ws, 1, 1, 100, NULL);
	worksheet_write_number(ws, 1, 2, 0.1, pct);
	worksheet_write_datetime(ws, 1, 3, &d1, date);
	worksheet_write_datetime(ws, 1, 4, &d2, stamp);
	worksheet_write_string(ws, 1, 5, "line one\nline two", NULL);
	worksheet_write_string(ws, 3, 0, "Ali", NULL);
	worksheet_write_number(ws, 3, 2, -2.5, NULL);
	worksheet_write_datetime(ws, 3, 3, &d3, builtin);
	worksheet_write_string(ws, 3, 5, "sparse", NULL);
	worksheet_write_string(ws, 4, 0, "Bea", NULL);
	worksheet_write_boolean(ws, 4, 1, 1, NULL);
	worksheet_write_boolean(ws, 4, 2, 0, NULL);
	worksheet_write_formula_str(ws, 4, 5, "=\"A\"&\"B\"", NULL, "AB");
	worksheet_write_number(ws, 4, 3, 1234567890123.0, NULL);
	worksheet_write_number(ws, 4, 4, 3.14159, NULL);
	worksheet_write_string(ws, 5, 0, "Cy", NULL);
	worksheet_write_string(ws, 5, 7, "beyond", NULL);
	worksheet_write_string(ws2, 0, 0, "name", NULL);
	worksheet_write_string(ws2, 1, 0, "second sheet", NULL);
	chart_add_series(chart, NULL, "=Marks!$B$2:$B$2");
	chartsheet_set_chart(cs, chart);
	if (workbook_close(wb) != LXW_NO_ERROR) {
		fprintf(stderr, "mkxlsx: cannot write %s\n", out);
		exit(1);
	}
}

/* Nonzero when s looks like a number a spreadsheet would hold as one. */
static int
numeric(const track_str *s)
{
	char *end;

	if (s->len == 0 || s->len > 15 || s->ptr[0] == '0' ||
	    s->ptr[0] == '+')
		return 0;
	strtod(s->ptr, &end);
	return end == s->ptr + s->len;
}

static void
from_csv(const char *in, const char *out)
{
	lxw_workbook_options o = { .constant_memory = 1, .tmpdir = NULL,
	    .use_zip64 = 1 };
	lxw_workbook *wb = workbook_new_opt(out, &o);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Records");
	track_reader *r;
	track_error err;
	track_row row;
	const track_str *h;
	size_t n, i;
	lxw_row_t y = 1;

	if (reader_open(&r, in, NULL, &err) != 0) {
		fprintf(stderr, "mkxlsx: %s: %s\n", in, err.text);
		exit(1);
	}
	h = reader_header(r, &n);
	for (i = 0; i < n; i++)
		worksheet_write_string(ws, 0, (lxw_col_t)i, h[i].ptr, NULL);
	while (reader_next(r, &row, &err) == TRACK_READ_ROW) {
		for (i = 0; i < row.n; i++) {
			if (row.field[i].len == 0)
				continue;
			if (numeric(&row.field[i]))
				worksheet_write_number(ws, y, (lxw_col_t)i,
				    strtod(row.field[i].ptr, NULL), NULL);
			else
				worksheet_write_string(ws, y, (lxw_col_t)i,
				    row.field[i].ptr, NULL);
		}
		y++;
	}
	reader_close(r);
	if (workbook_close(wb) != LXW_NO_ERROR) {
		fprintf(stderr, "mkxlsx: cannot write %s\n", out);
		exit(1);
	}
}

static void
encrypt(const char *in, const char *out)
{
	char cmd[8192];
	zip_t *z;
	zip_int64_t i, n;

	snprintf(cmd, sizeof cmd, "cp '%s' '%s'", in, out);
	if (system(cmd) != 0 || (z = zip_open(out, 0, NULL)) == NULL) {
		fprintf(stderr, "mkxlsx: cannot copy %s\n", in);
		exit(1);
	}
	n = zip_get_num_entries(z, 0);
	for (i = 0; i < n; i++)
		if (zip_file_set_encryption(z, (zip_uint64_t)i,
		    ZIP_EM_AES_256, "secret") != 0) {
			fprintf(stderr, "mkxlsx: libzip cannot encrypt\n");
			exit(1);
		}
	if (zip_close(z) != 0) {
		fprintf(stderr, "mkxlsx: cannot write %s\n", out);
		exit(1);
	}
}

int
main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "kinds") == 0)
		kinds(argv[2], 0);
	else if (argc == 3 && strcmp(argv[1], "inline") == 0)
		kinds(argv[2], 1);
	else if (argc == 4 && strcmp(argv[1], "csv") == 0)
		from_csv(argv[2], argv[3]);
	else if (argc == 4 && strcmp(argv[1], "encrypt") == 0)
		encrypt(argv[2], argv[3]);
	else {
		fprintf(stderr, "usage: mkxlsx kinds|inline OUT.xlsx | "
		    "mkxlsx csv IN.csv OUT.xlsx\n");
		return 2;
	}
	return 0;
}
