/*
 * writer_xlsx.c - records and tables out as an XLSX workbook, through
 * libxlsxwriter; see writer.h and writer_xlsx.h.
 */
#include "writer_xlsx.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "base/buf.h"
#include "base/utf8.h"

/* The most characters in a cell (Excel's limit, LXW_STR_MAX). */
#define CELL_CHARS 32767
/* Number formats kept for reuse (a report uses two or three). */
#define NUMFMTS 16

struct numfmt {
	char *spec;
	lxw_format *f;
};

struct writer_xlsx {
	lxw_workbook *wb;		/* NULL once closed */
	lxw_worksheet *ws;		/* the sheet being written, or NULL */
	uint32_t row;			/* its next free row */
	int frozen;			/* its header row is frozen */
	lxw_format *bold;
	struct numfmt fmt[NUMFMTS];
	size_t nfmt;

	/* The table's header, kept to repeat it on a new sheet. */
	track_buf hdr;
	size_t *hoff;
	size_t ncols, hcap;
	int in_table;
	uint32_t sampled;		/* rows whose widths were taken */

	size_t *width;			/* per column of the sheet */
	size_t wcap;
	track_buf line;			/* text not yet ended by \n */
	track_buf scratch;		/* a cell's text, NUL-terminated */
};

static int
lxw_fail(lxw_error e, track_error *err)
{
	return error_set(err, TRACK_EXIT_IO, NULL, 0, "cannot write the "
	    "workbook: %s", lxw_strerror(e));
}

int
writer_xlsx_number(track_str s, double *x)
{
	const char *p = s.ptr;
	size_t i = 0, n = s.len, digits = 0;
	char tmp[32];

	if (n == 0 || n > 20)
		return 0;
	if (p[0] == '-')
		i = 1;
	if (i == n)
		return 0;
	if (p[i] == '0') {
		i++;
		if (i == n && p[0] == '-')
			return 0;		/* "-0" */
	} else if (p[i] >= '1' && p[i] <= '9') {
		while (i < n && p[i] >= '0' && p[i] <= '9') {
			i++;
			digits++;
		}
	} else {
		return 0;
	}
	if (i < n) {
		if (p[i] != '.' || i + 1 == n || p[n - 1] == '0')
			return 0;
		for (i++; i < n; i++, digits++)
			if (p[i] < '0' || p[i] > '9')
				return 0;
	}
	if (digits > 15)
		return 0;
	memcpy(tmp, p, n);
	tmp[n] = '\0';
	*x = strtod(tmp, NULL);
	return 1;
}

int
writer_xlsx_open(struct writer_xlsx **out, const char *path,
    track_error *err)
{
	lxw_workbook_options opt;
	struct writer_xlsx *x;

	*out = NULL;
	x = calloc(1, sizeof *x);
	if (x == NULL)
		return error_nomem(err);
	memset(&opt, 0, sizeof opt);
	/* Rows go to a temporary file as they come: memory stays flat. */
	opt.constant_memory = LXW_TRUE;
	x->wb = workbook_new_opt(path, &opt);
	if (x->wb == NULL) {
		free(x);
		return error_set(err, TRACK_EXIT_IO, NULL, 0, "cannot start "
		    "the workbook (out of memory, or no temporary file)");
	}
	x->bold = workbook_add_format(x->wb);
	if (x->bold == NULL) {
		writer_xlsx_free(x);
		return error_nomem(err);
	}
	format_set_bold(x->bold);
	*out = x;
	return 0;
}

/* Sets the widths taken so far on the current sheet. */
static void
apply_widths(struct writer_xlsx *x)
{
	size_t c;

	if (x->ws == NULL)
		return;
	for (c = 0; c < x->wcap; c++)
		if (x->width[c] > 0)
			worksheet_set_column(x->ws, (lxw_col_t)c,
			    (lxw_col_t)c, (double)x->width[c] + 2, NULL);
}

/* Starts a new sheet: the old one's widths set, the new one empty. */
static int
new_sheet(struct writer_xlsx *x, track_error *err)
{
	apply_widths(x);
	x->ws = workbook_add_worksheet(x->wb, NULL);
	if (x->ws == NULL)
		return error_set(err, TRACK_EXIT_IO, NULL, 0, "cannot add a "
		    "sheet to the workbook");
	x->row = 0;
	x->frozen = 0;
	if (x->wcap > 0)
		memset(x->width, 0, x->wcap * sizeof *x->width);
	return 0;
}

/* Notes that column `c` holds `s` (plus `extra` characters). */
static void
note_width(struct writer_xlsx *x, size_t c, track_str s, size_t extra)
{
	size_t w;

	if (c >= x->wcap) {
		size_t cap = x->wcap ? x->wcap : 16, *v;

		while (cap <= c)
			cap *= 2;
		v = realloc(x->width, cap * sizeof *v);
		if (v == NULL)
			return;		/* only a width: let it be */
		memset(v + x->wcap, 0, (cap - x->wcap) * sizeof *v);
		x->width = v;
		x->wcap = cap;
	}
	w = utf8_width(s.ptr, s.len) + extra;
	if (w > WRITER_XLSX_WIDTH_MAX)
		w = WRITER_XLSX_WIDTH_MAX;
	if (w > x->width[c])
		x->width[c] = w;
}

/* The characters in UTF-8 text `s`. */
static size_t
chars(track_str s)
{
	size_t i, n = 0;

	for (i = 0; i < s.len; i++)
		n += ((unsigned char)s.ptr[i] & 0xC0) != 0x80;
	return n;
}

/* Fails with TRACK_EXIT_DATA when `s` is too long for a cell. */
static int
check_len(track_str s, track_error *err)
{
	size_t n;

	if (s.len <= CELL_CHARS || (n = chars(s)) <= CELL_CHARS)
		return 0;
	return error_set(err, TRACK_EXIT_DATA, NULL, 0, "a value of %zu "
	    "characters is too long for a workbook cell (%d at most)", n,
	    CELL_CHARS);
}

/* Writes text `s` at column `c` of the current row (nothing if empty). */
static int
put_text(struct writer_xlsx *x, size_t c, track_str s, lxw_format *f,
    track_error *err)
{
	lxw_error e;

	if (s.len == 0)
		return 0;
	x->scratch.len = 0;
	if (buf_append(&x->scratch, s.ptr, s.len, 1) < 0)
		return error_nomem(err);
	/* A string cell: never a formula, whatever it starts with. */
	e = worksheet_write_string(x->ws, x->row, (lxw_col_t)c,
	    x->scratch.ptr, f);
	return e == LXW_NO_ERROR ? 0 : lxw_fail(e, err);
}

/* Writes the kept header at the current row, bold, and freezes it. */
static int
put_header(struct writer_xlsx *x, track_error *err)
{
	size_t c;
	int rc;

	for (c = 0; c < x->ncols; c++) {
		track_str s = { x->hdr.ptr + x->hoff[c],
		    x->hoff[c + 1] - x->hoff[c] - 1 };

		rc = put_text(x, c, s, x->bold, err);
		if (rc != 0)
			return rc;
		note_width(x, c, s, 1);
	}
	if (!x->frozen)
		worksheet_freeze_panes(x->ws, x->row + 1, 0);
	x->frozen = 1;
	x->row++;
	return 0;
}

/* Makes sure a sheet has room for a row (a new sheet past the last). */
static int
room(struct writer_xlsx *x, track_error *err)
{
	int rc;

	if (x->ws != NULL && x->row < LXW_ROW_MAX)
		return 0;
	rc = new_sheet(x, err);
	if (rc == 0 && x->in_table)
		rc = put_header(x, err);
	return rc;
}

/* Writes the text held in x->line as a row, column A (bold at the top). */
static int
end_line(struct writer_xlsx *x, track_error *err)
{
	track_str s = { x->line.ptr, x->line.len };
	int rc;

	while (s.len > 0 && s.ptr[s.len - 1] == '\r')
		s.len--;
	rc = check_len(s, err);
	if (rc == 0)
		rc = room(x, err);
	if (rc == 0)
		rc = put_text(x, 0, s, x->row == 0 ? x->bold : NULL, err);
	x->line.len = 0;
	if (rc == 0)
		x->row++;
	return rc;
}

int
writer_xlsx_text(struct writer_xlsx *x, const char *p, size_t n,
    track_error *err)
{
	const char *nl;
	size_t k;
	int rc;

	while (n > 0) {
		nl = memchr(p, '\n', n);
		k = nl != NULL ? (size_t)(nl - p) : n;
		if (k > 0 && buf_append(&x->line, p, k, 0) < 0)
			return error_nomem(err);
		if (nl == NULL)
			break;
		rc = end_line(x, err);
		if (rc != 0)
			return rc;
		p += k + 1;
		n -= k + 1;
	}
	return 0;
}

int
writer_xlsx_header(struct writer_xlsx *x, const track_str *names, size_t n,
    track_error *err)
{
	size_t c;
	int rc;

	if (x->line.len > 0 && (rc = end_line(x, err)) != 0)
		return rc;
	if (n > LXW_COL_MAX)
		return error_set(err, TRACK_EXIT_DATA, NULL, 0, "%zu columns: "
		    "a workbook sheet holds at most %d", n, LXW_COL_MAX);
	x->hdr.len = 0;
	if (n + 1 > x->hcap) {
		size_t *v = realloc(x->hoff, (n + 1) * sizeof *v);

		if (v == NULL)
			return error_nomem(err);
		x->hoff = v;
		x->hcap = n + 1;
	}
	for (c = 0; c < n; c++) {
		rc = check_len(names[c], err);
		if (rc != 0)
			return rc;
		x->hoff[c] = x->hdr.len;
		if (buf_append(&x->hdr, names[c].ptr, names[c].len, 1) < 0)
			return error_nomem(err);
	}
	x->hoff[n] = x->hdr.len;
	x->ncols = n;
	x->in_table = 0;
	/* The header and at least one row on the sheet. */
	if (x->ws == NULL || x->row + 1 >= LXW_ROW_MAX) {
		rc = new_sheet(x, err);
		if (rc != 0)
			return rc;
	}
	x->in_table = 1;
	x->sampled = 0;
	return put_header(x, err);
}

int
writer_xlsx_row(struct writer_xlsx *x, const track_str *f, size_t n,
    track_error *err)
{
	size_t c;
	double v;
	lxw_error e;
	int rc, sample;

	if (x->in_table && n > x->ncols)
		n = x->ncols;
	for (c = 0; c < n; c++)
		if ((rc = check_len(f[c], err)) != 0)
			return rc;
	rc = room(x, err);
	if (rc != 0)
		return rc;
	sample = x->sampled < WRITER_XLSX_SAMPLE;
	for (c = 0; c < n; c++) {
		if (writer_xlsx_number(f[c], &v)) {
			e = worksheet_write_number(x->ws, x->row,
			    (lxw_col_t)c, v, NULL);
			if (e != LXW_NO_ERROR)
				return lxw_fail(e, err);
		} else if ((rc = put_text(x, c, f[c], NULL, err)) != 0) {
			return rc;
		}
		if (sample)
			note_width(x, c, f[c], 0);
	}
	x->sampled++;
	x->row++;
	return 0;
}

/* The format for number format `spec` (NULL: none), made once. */
static lxw_format *
num_format(struct writer_xlsx *x, const char *spec)
{
	lxw_format *f;
	size_t i;

	if (spec == NULL)
		return NULL;
	for (i = 0; i < x->nfmt; i++)
		if (strcmp(x->fmt[i].spec, spec) == 0)
			return x->fmt[i].f;
	f = workbook_add_format(x->wb);
	if (f == NULL)
		return NULL;
	format_set_num_format(f, spec);
	if (x->nfmt < NUMFMTS &&
	    (x->fmt[x->nfmt].spec = strdup(spec)) != NULL)
		x->fmt[x->nfmt++].f = f;
	return f;
}

int
writer_xlsx_cells(struct writer_xlsx *x, const struct writer_cell *cl,
    size_t n, track_error *err)
{
	char num[32];
	size_t c;
	lxw_error e;
	int rc, sample;

	if (x->in_table && n > x->ncols)
		n = x->ncols;
	for (c = 0; c < n; c++)
		if (!cl[c].number && (rc = check_len(cl[c].text, err)) != 0)
			return rc;
	rc = room(x, err);
	if (rc != 0)
		return rc;
	sample = x->sampled < WRITER_XLSX_SAMPLE;
	for (c = 0; c < n; c++) {
		track_str shown = cl[c].text;

		if (cl[c].number) {
			e = worksheet_write_number(x->ws, x->row,
			    (lxw_col_t)c, cl[c].x, num_format(x,
			    cl[c].numfmt));
			if (e != LXW_NO_ERROR)
				return lxw_fail(e, err);
			/* About as wide as it shows. */
			if (cl[c].numfmt != NULL &&
			    strchr(cl[c].numfmt, '%') != NULL)
				snprintf(num, sizeof num, "%.1f%%",
				    cl[c].x * 100);
			else
				snprintf(num, sizeof num, "%+.15g", cl[c].x);
			shown = (track_str){ num, strlen(num) };
		} else if ((rc = put_text(x, c, cl[c].text, NULL,
		    err)) != 0) {
			return rc;
		}
		if (sample)
			note_width(x, c, shown, 0);
	}
	x->sampled++;
	x->row++;
	return 0;
}

int
writer_xlsx_table_end(struct writer_xlsx *x, track_error *err)
{
	(void)err;
	x->in_table = 0;
	x->ncols = 0;
	return 0;
}

int
writer_xlsx_finish(struct writer_xlsx *x, track_error *err)
{
	lxw_error e;
	int rc;

	if (x->line.len > 0 && (rc = end_line(x, err)) != 0)
		return rc;
	apply_widths(x);
	e = workbook_close(x->wb);	/* frees it, whatever happens */
	x->wb = NULL;
	x->ws = NULL;
	return e == LXW_NO_ERROR ? 0 : lxw_fail(e, err);
}

struct lxw_workbook *
writer_xlsx_book(struct writer_xlsx *x)
{
	return x->wb;
}

void
writer_xlsx_free(struct writer_xlsx *x)
{
	size_t i;

	if (x == NULL)
		return;
	if (x->wb != NULL)
		lxw_workbook_free(x->wb);
	for (i = 0; i < x->nfmt; i++)
		free(x->fmt[i].spec);
	buf_free(&x->hdr);
	buf_free(&x->line);
	buf_free(&x->scratch);
	free(x->hoff);
	free(x->width);
	free(x);
}
