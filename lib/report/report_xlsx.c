/*
 * report_xlsx.c - the governors' pack as a workbook: a sheet "Contents",
 * then one sheet per document, laid out on the writer's workbook (see
 * report.h, report_xlsx, and writer.h, writer_workbook).
 *
 * Sheets are written row by row, top to bottom, as the writer's
 * constant-memory workbook needs.  Every cell from the data is a string or
 * a number cell, never a formula.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <xlsxwriter.h>

#include "base/buf.h"
#include "report_int.h"
#include "suppress.h"

/* Number formats: as rtable_xlsx.c writes a summary's table. */
#define FMT_PCT "0.0%"
#define FMT_DEC "0.0"
#define FMT_POINTS "+0.0;-0.0;0.0"

/* Excel's limits: a sheet's name, a column's width. */
#define NAME_UNITS 31
#define WIDTH_MAX 50

/* The workbook being laid out. */
struct book {
	lxw_workbook *wb;
	lxw_format *bold, *pct, *dec, *points;
	track_error *err;
	int rc;
	double *width;		/* per column of the current sheet */
	size_t wcap;
};

static const char *
str(json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

/* Notes a failure of libxlsxwriter (the first one is kept). */
static void
lxw_check(struct book *b, lxw_error e)
{
	if (e == LXW_NO_ERROR || b->rc != 0)
		return;
	if (e == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED)
		b->rc = error_set(b->err, TRACK_EXIT_DATA, NULL, 0, "a text "
		    "too long for a workbook cell (32767 characters at most)");
	else
		b->rc = error_set(b->err, TRACK_EXIT_IO, NULL, 0, "cannot "
		    "write the workbook: %s", lxw_strerror(e));
}

/* Widens column `c` for `chars` characters. */
static void
widen(struct book *b, size_t c, size_t chars)
{
	double w = (double)(chars > WIDTH_MAX ? WIDTH_MAX : chars) + 2;

	if (c >= b->wcap) {
		size_t cap = b->wcap ? b->wcap * 2 : 16;
		double *v;

		while (cap <= c)
			cap *= 2;
		v = realloc(b->width, cap * sizeof *v);
		if (v == NULL)
			return;		/* only a width: let it be */
		memset(v + b->wcap, 0, (cap - b->wcap) * sizeof *v);
		b->width = v;
		b->wcap = cap;
	}
	if (w > b->width[c])
		b->width[c] = w;
}

/* The characters in UTF-8 text `s`. */
static size_t
chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* Writes text `s` (nothing when NULL or empty); `wide`: widen for it. */
static void
put_s(struct book *b, lxw_worksheet *ws, lxw_row_t r, size_t c,
    const char *s, lxw_format *f, int wide)
{
	if (b->rc != 0 || s == NULL || *s == '\0')
		return;
	lxw_check(b, worksheet_write_string(ws, r, (lxw_col_t)c, s, f));
	if (wide)
		widen(b, c, chars(s));
}

static void
put_n(struct book *b, lxw_worksheet *ws, lxw_row_t r, size_t c, double x,
    lxw_format *f)
{
	if (b->rc != 0)
		return;
	lxw_check(b, worksheet_write_number(ws, r, (lxw_col_t)c, x, f));
	widen(b, c, 8);
}

/* Sets the widths taken on sheet `ws` and forgets them. */
static void
end_sheet(struct book *b, lxw_worksheet *ws)
{
	size_t c;

	for (c = 0; c < b->wcap; c++)
		if (b->width[c] > 0)
			worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
			    b->width[c], NULL);
	if (b->wcap > 0)
		memset(b->width, 0, b->wcap * sizeof *b->width);
}

/* ---- Sheet names ---- */

/* The bytes of the first `units` UTF-16 units of UTF-8 text `s`. */
static size_t
cut(const char *s, size_t len, size_t units)
{
	size_t i = 0, u = 0, k;

	while (i < len) {
		unsigned char ch = (unsigned char)s[i];

		k = ch < 0x80 ? 1 : ch < 0xE0 ? 2 : ch < 0xF0 ? 3 : 4;
		if (u + (k == 4 ? 2 : 1) > units)
			break;
		u += k == 4 ? 2 : 1;
		i += k;
	}
	return i > len ? len : i;
}

/*
 * A valid sheet name from `title` in the new string *out: the characters
 * Excel refuses ([]:*?/\) left out, control characters as spaces, at most
 * 31 units, no space or apostrophe at either end; "Sheet" when nothing is
 * left.  Returns 0, or -1 when out of memory.
 */
static int
base_name(const char *title, track_buf *out)
{
	const char *p;

	out->len = 0;
	for (p = title ? title : ""; *p; p++) {
		char ch = (unsigned char)*p < 0x20 ? ' ' : *p;

		if (strchr("[]:*?/\\", ch) != NULL)
			continue;
		if ((ch == ' ' || ch == '\'') && (out->len == 0 ||
		    (ch == ' ' && out->ptr[out->len - 1] == ' ')))
			continue;
		if (buf_append(out, &ch, 1, 0) < 0)
			return -1;
	}
	out->len = cut(out->ptr, out->len, NAME_UNITS);
	while (out->len > 0 && (out->ptr[out->len - 1] == ' ' ||
	    out->ptr[out->len - 1] == '\''))
		out->len--;
	if (out->len == 0 && buf_append(out, "Sheet", 5, 0) < 0)
		return -1;
	return buf_append(out, "", 0, 1) < 0 ? -1 : 0;
}

/* Nonzero when `name` is one of names[0..n) (case aside) or reserved. */
static int
taken(const char *name, char *const *names, size_t n)
{
	size_t i;

	if (strcasecmp(name, "History") == 0)
		return 1;
	for (i = 0; i < n; i++)
		if (strcasecmp(name, names[i]) == 0)
			return 1;
	return 0;
}

/*
 * names[n] = the name for a sheet titled `title`, made unique among
 * names[0..n) with " (2)", " (3)" ... within 31 units.  Returns 0, or
 * -1 when out of memory.
 */
static int
sheet_name(const char *title, char **names, size_t n)
{
	track_buf base = { 0 };
	char *s = NULL;
	unsigned k;

	if (base_name(title, &base) != 0)
		return -1;
	for (k = 1; s == NULL || taken(s, names, n); k++) {
		char sfx[24];
		size_t len, sl;

		free(s);
		sl = k == 1 ? 0 : (size_t)snprintf(sfx, sizeof sfx, " (%u)",
		    k);
		len = k == 1 ? base.len - 1 : cut(base.ptr, base.len - 1,
		    NAME_UNITS - sl);
		while (k > 1 && len > 0 && base.ptr[len - 1] == ' ')
			len--;
		s = malloc(len + sl + 1);
		if (s == NULL)
			break;
		memcpy(s, base.ptr, len);
		memcpy(s + len, sfx, sl);
		s[len + sl] = '\0';
	}
	buf_free(&base);
	names[n] = s;
	return s == NULL ? -1 : 0;
}

/* ---- Summaries ---- */

/* Writes one summary cell as a typed cell at (r, c). */
static void
summary_cell(struct book *b, lxw_worksheet *ws, lxw_row_t r, size_t c,
    json_t *doc, json_t *row, const char *col)
{
	json_t *v = json_object_get(row, col), *e;
	double x;
	size_t i;

	if (v == NULL || json_is_null(v))
		return;
	if (json_is_string(v)) {
		int sup = !strcmp(json_string_value(v), "c") &&
		    json_object_get(row, "n") != NULL;

		put_s(b, ws, r, c, sup ? "c" : report_label_of(row, col), NULL,
		    1);
	} else if (json_is_array(v)) {
		track_buf t = { 0 };
		int rc = 0;

		json_array_foreach(v, i, e) {
			const char *s = json_string_value(e);

			rc |= i > 0 && buf_append(&t, "; ", 2, 0) < 0;
			rc |= s != NULL && *s && buf_append(&t, s, strlen(s),
			    0) < 0;
		}
		if (rc || buf_append(&t, "", 0, 1) < 0) {
			if (b->rc == 0)
				b->rc = error_nomem(b->err);
		} else {
			put_s(b, ws, r, c, t.ptr, NULL, 1);
		}
		buf_free(&t);
	} else if (json_is_number(v)) {
		x = json_number_value(v);
		if (strncmp(col, "pct_", 4) == 0) {
			if (report_exact_pct(doc, row, col, &x) != 0)
				x = json_number_value(v);
			put_n(b, ws, r, c, x / 100.0, b->pct);
		} else if (!strcmp(col, "gap") || !strcmp(col, "diff")) {
			put_n(b, ws, r, c, x, b->points);
		} else {
			put_n(b, ws, r, c, x, !strcmp(col, "mean") ? b->dec :
			    NULL);
		}
	}
}

/* The note below a summary (suppression, benchmark); NULL: none. */
static char *
summary_note(json_t *doc)
{
	json_t *bm = json_object_get(doc, "benchmark");
	json_int_t mg = json_integer_value(json_object_get(doc, "min_group"));
	track_buf t = { 0 };
	char *note = NULL;
	int rc = 0;

	if (mg > 1) {
		note = suppress_note(mg, json_integer_value(json_object_get(
		    json_object_get(doc, "suppressed"), "complements")));
		rc = note == NULL || buf_append(&t, note, strlen(note), 0) < 0;
		free(note);
	}
	if (!rc && bm != NULL) {
		const char *l = str(bm, "label") ? str(bm, "label") : "";

		rc = (t.len > 0 && buf_append(&t, " ", 1, 0) < 0) ||
		    buf_append(&t, "Benchmark: ", 11, 0) < 0 || (*l &&
		    buf_append(&t, l, strlen(l), 0) < 0) ||
		    buf_append(&t, ".", 1, 0) < 0 ||
		    (json_object_get(bm, "note") != NULL &&
		    buf_append(&t, " " REPORT_BENCH_YEARS_NOTE,
		    strlen(" " REPORT_BENCH_YEARS_NOTE), 0) < 0);
	}
	if (rc || (t.len > 0 && buf_append(&t, "", 0, 1) < 0)) {
		buf_free(&t);
		return NULL;
	}
	return t.ptr != NULL ? t.ptr : strdup("");
}

/*
 * A summary's sheet: its title, the table under a bold frozen header
 * (a column with nothing in it left out, and the point when there is
 * one), then the note.
 */
static void
summary_sheet(struct book *b, lxw_worksheet *ws, json_t *doc,
    const char *title)
{
	json_t *cols = json_object_get(doc, "columns"), *c, *row;
	json_t *rows = json_object_get(doc, "rows");
	size_t i, j, k, ncols = json_array_size(cols);
	unsigned char *keep = calloc(ncols + 1, 1);
	lxw_row_t r = 3;
	char *note;

	if (keep == NULL) {
		b->rc = error_nomem(b->err);
		return;
	}
	put_s(b, ws, 0, 0, title, b->bold, 0);
	k = 0;
	json_array_foreach(cols, i, c) {
		const char *id = str(c, "id");

		keep[i] = !report_empty_col(rows, id) && !(!strcmp(id,
		    "point") && json_array_size(json_object_get(doc,
		    "points")) == 1);
		if (keep[i])
			put_s(b, ws, 2, k++, str(c, "label") ? str(c,
			    "label") : id, b->bold, 1);
	}
	json_array_foreach(rows, j, row) {
		for (i = 0, k = 0; i < ncols; i++)
			if (keep[i])
				summary_cell(b, ws, r, k++, doc, row,
				    str(json_array_get(cols, i), "id"));
		r++;
	}
	worksheet_freeze_panes(ws, 3, 0);
	note = summary_note(doc);
	if (note == NULL && b->rc == 0)
		b->rc = error_nomem(b->err);
	put_s(b, ws, r + 1, 0, note, NULL, 0);
	free(note);
	free(keep);
}

/* ---- Matrices ---- */

/* One grid as a block from row *r: title, grid, totals, movement. */
static void
grid_block(struct book *b, lxw_worksheet *ws, lxw_row_t *r, json_t *doc,
    json_t *g)
{
	json_t *rows = json_object_get(g, "rows"), *cols = json_object_get(g,
	    "cols"), *cells = json_object_get(g, "cells"), *x, *y;
	json_t *rt = json_object_get(g, "row_totals"), *pupils;
	char *title = report_grid_title(doc, g), line[160];
	size_t i, j, n = json_array_size(cols);

	if (title == NULL && b->rc == 0)
		b->rc = error_nomem(b->err);
	put_s(b, ws, (*r)++, 0, title, b->bold, 0);
	free(title);
	if (json_is_true(json_object_get(g, "suppressed"))) {
		snprintf(line, sizeof line, "Suppressed: fewer than %lld "
		    "pupils.", (long long)json_integer_value(json_object_get(
		    doc, "min_group")));
		put_s(b, ws, *r, 0, "c", NULL, 0);
		put_s(b, ws, (*r)++, 1, line, NULL, 0);
		(*r)++;
		return;
	}
	put_s(b, ws, *r, 0, "From \\ to", b->bold, 1);
	json_array_foreach(cols, j, y)
		put_s(b, ws, *r, j + 1, str(y, "label"), b->bold, 1);
	put_s(b, ws, (*r)++, n + 1, "Total", b->bold, 1);
	json_array_foreach(rows, i, x) {
		put_s(b, ws, *r, 0, str(x, "label"), b->bold, 1);
		json_array_foreach(json_array_get(cells, i), j, y) {
			if (json_is_string(y))
				put_s(b, ws, *r, j + 1, json_string_value(y),
				    NULL, 0);
			else
				put_n(b, ws, *r, j + 1, json_number_value(y),
				    NULL);
		}
		put_n(b, ws, (*r)++, n + 1, json_number_value(json_array_get(
		    rt, i)), b->bold);
	}
	put_s(b, ws, *r, 0, "Total", b->bold, 1);
	json_array_foreach(json_object_get(g, "col_totals"), j, y)
		put_n(b, ws, *r, j + 1, json_number_value(y), b->bold);
	put_n(b, ws, (*r)++, n + 1, json_number_value(json_object_get(g,
	    "total")), b->bold);
	snprintf(line, sizeof line, "Moved up %lld, stayed the same %lld, "
	    "moved down %lld.",
	    (long long)json_integer_value(json_object_get(g, "up")),
	    (long long)json_integer_value(json_object_get(g, "same")),
	    (long long)json_integer_value(json_object_get(g, "down")));
	put_s(b, ws, (*r)++, 0, line, NULL, 0);
	pupils = json_object_get(g, "pupils");
	json_array_foreach(pupils, i, x) {
		json_array_foreach(x, j, y) {
			json_t *nm;
			size_t k;

			if (json_array_size(y) == 0)
				continue;
			put_s(b, ws, *r, 0, str(json_array_get(rows, i),
			    "label"), NULL, 0);
			put_s(b, ws, *r, 1, str(json_array_get(cols, j),
			    "label"), NULL, 0);
			json_array_foreach(y, k, nm)
				put_s(b, ws, *r, k + 2, json_string_value(nm),
				    NULL, 0);
			(*r)++;
		}
	}
	(*r)++;
}

static void
matrix_sheet(struct book *b, lxw_worksheet *ws, json_t *doc)
{
	json_t *gs = json_object_get(doc, "matrices"), *g;
	lxw_row_t r = 2;
	size_t i;

	put_s(b, ws, 0, 0, report_matrix_title(doc), b->bold, 0);
	json_array_foreach(gs, i, g)
		grid_block(b, ws, &r, doc, g);
	if (json_array_size(gs) == 0)
		put_s(b, ws, r, 0, "No pupils were found on both sides.", NULL,
		    0);
}

/* ---- The pack ---- */

/* The contents: the pack's title, school and date, a line per sheet. */
static void
contents(struct book *b, lxw_worksheet *ws, const track_report *p,
    char *const *titles, char *const *names)
{
	lxw_row_t r = 1;
	size_t i;

	put_s(b, ws, 0, 0, p->o.title ? p->o.title : "Governors' pack",
	    b->bold, 0);
	if (p->o.school)
		put_s(b, ws, r++, 0, p->o.school, NULL, 0);
	if (p->o.date) {
		track_buf t = { 0 };

		if (buf_append(&t, "Data as at ", 11, 0) < 0 ||
		    buf_append(&t, p->o.date, strlen(p->o.date), 1) < 0) {
			if (b->rc == 0)
				b->rc = error_nomem(b->err);
		} else {
			put_s(b, ws, r++, 0, t.ptr, NULL, 0);
		}
		buf_free(&t);
	}
	r++;
	put_s(b, ws, r, 0, "Sheet", b->bold, 1);
	put_s(b, ws, r++, 1, "Document", b->bold, 1);
	for (i = 0; i < report_count(p); i++) {
		put_s(b, ws, r, 0, names[i + 1], NULL, 1);
		put_s(b, ws, r++, 1, titles[i], NULL, 1);
	}
	if (report_count(p) == 0)
		put_s(b, ws, r, 0, "No documents.", NULL, 0);
}

/* A number format, or NULL (b->rc set) when out of memory. */
static lxw_format *
numfmt(struct book *b, const char *spec)
{
	lxw_format *f = workbook_add_format(b->wb);

	if (f == NULL && b->rc == 0)
		b->rc = error_nomem(b->err);
	if (f != NULL)
		format_set_num_format(f, spec);
	return f;
}

int
report_xlsx(const track_report *p, track_writer *w, track_error *err)
{
	struct book b = { 0 };
	size_t n = report_count(p), i;
	char **titles, **names;
	lxw_worksheet *ws;
	json_t *doc;

	b.wb = writer_workbook(w);
	b.err = err;
	if (b.wb == NULL)
		return error_set(err, TRACK_EXIT_USAGE, NULL, 0, "a workbook "
		    "pack needs an xlsx writer");
	titles = calloc(n + 1, sizeof *titles);
	names = calloc(n + 2, sizeof *names);
	if (titles == NULL || names == NULL || (names[0] =
	    strdup("Contents")) == NULL)
		b.rc = error_nomem(err);
	json_array_foreach(p->docs, i, doc) {
		if (b.rc != 0)
			break;
		titles[i] = !strcmp(str(doc, "report"), "summary") ?
		    report_summary_title(doc) :
		    strdup(report_matrix_title(doc));
		if (titles[i] == NULL || sheet_name(titles[i], names, i + 1))
			b.rc = error_nomem(err);
	}
	b.bold = b.rc == 0 ? workbook_add_format(b.wb) : NULL;
	if (b.bold != NULL)
		format_set_bold(b.bold);
	else if (b.rc == 0)
		b.rc = error_nomem(err);
	if (b.rc == 0) {
		b.pct = numfmt(&b, FMT_PCT);
		b.dec = numfmt(&b, FMT_DEC);
		b.points = numfmt(&b, FMT_POINTS);
	}
	for (i = 0; i <= n && b.rc == 0; i++) {
		ws = workbook_add_worksheet(b.wb, names[i]);
		if (ws == NULL) {
			b.rc = error_set(err, TRACK_EXIT_IO, NULL, 0, "cannot "
			    "add sheet \"%s\" to the workbook", names[i]);
			break;
		}
		doc = i > 0 ? json_array_get(p->docs, i - 1) : NULL;
		if (doc == NULL)
			contents(&b, ws, p, titles, names);
		else if (!strcmp(str(doc, "report"), "summary"))
			summary_sheet(&b, ws, doc, titles[i - 1]);
		else
			matrix_sheet(&b, ws, doc);
		end_sheet(&b, ws);
	}
	for (i = 0; i <= n && names != NULL; i++)
		free(names[i]);
	for (i = 0; i < n && titles != NULL; i++)
		free(titles[i]);
	free(names);
	free(titles);
	free(b.width);
	return b.rc;
}
