/*
 * template_xlsx.c - track-assess --template -F xlsx: the data-entry grid
 * as a workbook a teacher fills in without training; see template.h.
 *
 * Three sheets.  "Grid" (the first, so that a reader takes it) has the
 * CSV grid's header and rows exactly, one column per subject: pupil
 * columns and the prev_ hints locked, each entry cell unlocked and shaded
 * with a dropdown of the subject's codes at the point (the school's own
 * codes, not-assessed codes after them).  The sheet is protected without
 * a password, so only the entry cells change.  "Key" says what to do and
 * what each code means.  "codes" (hidden) holds the dropdowns' lists, a
 * column a subject, since a list typed into the validation itself is
 * capped at 255 characters.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "base/buf.h"
#include "base/utf8.h"
#include "template_int.h"

#define GRID_SHEET "Grid"
#define KEY_SHEET "Key"
#define CODES_SHEET "codes"
#define SHADE 0xFFF2CC		/* the entry cells: a pale yellow */

/* What the grid's sheets share while they are written. */
struct tx {
	const track_template *t;
	lxw_workbook *book;
	lxw_format *bold, *entry, *hint;
	size_t *ncodes;		/* per grid subject: codes in its list */
	track_buf s;		/* a NUL-terminated copy of a cell */
	track_error *err;
};

/* The scale of grid subject k's teacher assessment at the point. */
static const track_scale *
scale_of(const struct tx *x, size_t k)
{
	const track_template *t = x->t;

	return scheme_scale_for(t->s, scheme_subject_id_at(t->s,
	    (size_t)t->subj[k]), NULL, t->ptext);
}

/*
 * Code i of the list for a scale: its codes but the legacy ones, then
 * its not-assessed codes.  Returns the code (and its meaning in *label),
 * or NULL past the end.
 */
static const char *
list_code(const track_scale *sc, size_t i, const char **label)
{
	size_t c, n = scheme_scale_code_count(sc);

	for (c = 0; c < n; c++) {
		if (scheme_scale_code_legacy(sc, c))
			continue;
		if (i-- == 0) {
			*label = scheme_scale_code_label(sc, c);
			return scheme_scale_code(sc, c);
		}
	}
	if (i >= scheme_scale_na_count(sc))
		return NULL;
	*label = scheme_scale_na_label(sc, i);
	return scheme_scale_na_code(sc, i);
}

static int
lxw_fail(struct tx *x, lxw_error e)
{
	return error_set(x->err, TRACK_EXIT_IO, NULL, 0, "cannot write the "
	    "workbook: %s", lxw_strerror(e));
}

/* Writes text `s` (len bytes) at (r, c); nothing for an empty one. */
static int
put(struct tx *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
    const char *s, size_t len, lxw_format *f)
{
	lxw_error e;

	if (len == 0)
		return 0;
	x->s.len = 0;
	if (buf_append(&x->s, s, len, 1) < 0)
		return error_nomem(x->err);
	e = worksheet_write_string(ws, r, c, x->s.ptr, f);
	return e == LXW_NO_ERROR ? 0 : lxw_fail(x, e);
}

static int
puts_(struct tx *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
    const char *s, lxw_format *f)
{
	return put(x, ws, r, c, s, s != NULL ? strlen(s) : 0, f);
}

/* The hidden sheet of lists: a column per grid subject with codes. */
static int
codes_sheet(struct tx *x, lxw_worksheet *ws)
{
	const track_template *t = x->t;
	const track_scale *sc;
	const char *code, *label;
	size_t k, i;
	int rc;

	for (k = 0; k < t->nsubj; k++) {
		rc = puts_(x, ws, 0, (lxw_col_t)k, scheme_subject_id_at(t->s,
		    (size_t)t->subj[k]), NULL);
		if (rc != 0)
			return rc;
	}
	/* Row by row (constant_memory writes rows in order). */
	for (i = 0;; i++) {
		int any = 0;

		for (k = 0; k < t->nsubj; k++) {
			sc = scale_of(x, k);
			code = sc != NULL ? list_code(sc, i, &label) : NULL;
			if (code == NULL)
				continue;
			any = 1;
			x->ncodes[k] = i + 1;
			rc = puts_(x, ws, (lxw_row_t)(i + 1), (lxw_col_t)k,
			    code, NULL);
			if (rc != 0)
				return rc;
		}
		if (!any)
			break;
	}
	worksheet_hide(ws);
	return 0;
}

/* The dropdown of grid subject k on entry column `col`, rows 1..n. */
static int
dropdown(struct tx *x, lxw_worksheet *ws, size_t k, lxw_col_t col, size_t n)
{
	const track_template *t = x->t;
	lxw_data_validation dv;
	char range[64], formula[96], msg[256];
	const char *label = scheme_subject_label(t->s, (size_t)t->subj[k]);
	lxw_error e;

	if (n == 0 || x->ncodes[k] == 0)
		return 0;
	lxw_rowcol_to_range_abs(range, 1, (lxw_col_t)k,
	    (lxw_row_t)x->ncodes[k], (lxw_col_t)k);
	snprintf(formula, sizeof formula, "=%s!%s", CODES_SHEET, range);
	snprintf(msg, sizeof msg, "Choose a code for %.80s from the list "
	    "(the Key sheet says what each means). Out of year, write the "
	    "year first, e.g. Y3 EXS.", label != NULL ? label : "");
	memset(&dv, 0, sizeof dv);
	dv.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
	dv.value_formula = formula;
	/* A warning, not a stop: out-of-year words are typed. */
	dv.error_type = LXW_VALIDATION_ERROR_TYPE_WARNING;
	dv.error_title = "Not one of the school's codes";
	dv.error_message = msg;
	e = worksheet_data_validation_range(ws, 1, col, (lxw_row_t)n, col,
	    &dv);
	return e == LXW_NO_ERROR ? 0 : lxw_fail(x, e);
}

/*
 * Sets the widths of the grid's columns: the longest text of the header
 * and the first thousand pupils (`row` has room for a row), capped; an
 * entry column is wide enough for a code.
 */
static void
grid_widths(const struct tx *x, lxw_worksheet *ws, const track_str *f,
    size_t nc, const size_t *pupils, size_t n, track_str *row)
{
	size_t *w = calloc(nc + 1, sizeof *w), i, c, v;

	if (w == NULL)
		return;		/* only widths */
	for (c = 0; c < nc; c++)
		w[c] = utf8_width(f[c].ptr, f[c].len) + 1;
	for (i = 0; i < n && i < 1000; i++) {
		template_grid_row(x->t, pupils[i], row);
		for (c = 0; c < nc; c++) {
			v = utf8_width(row[c].ptr, row[c].len);
			w[c] = v > w[c] ? v : w[c];
		}
	}
	for (c = 0; c < nc; c++) {
		v = w[c] > 40 ? 40 : w[c] < 8 ? 8 : w[c];
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
		    (double)v + 2, NULL);
	}
	free(w);
}

/*
 * The grid: header, then a row a pupil, entry cells unlocked with their
 * dropdowns, the sheet protected.
 */
static int
grid_sheet(struct tx *x, lxw_worksheet *ws, const track_str *f, size_t nc,
    const size_t *pupils, size_t n)
{
	lxw_protection prot;
	track_str *row = calloc(nc + 1, sizeof *row);
	size_t i, c;
	lxw_error e;
	int rc = 0;

	if (row == NULL)
		return error_nomem(x->err);
	grid_widths(x, ws, f, nc, pupils, n, row);
	for (c = 0; c < nc && rc == 0; c++)
		rc = put(x, ws, 0, (lxw_col_t)c, f[c].ptr, f[c].len, x->bold);
	worksheet_freeze_panes(ws, 1, 2);
	for (i = 0; i < n && rc == 0; i++) {
		template_grid_row(x->t, pupils[i], row);
		for (c = 0; c < nc && rc == 0; c++) {
			int entry = c >= 5 && (c - 5) % 2 == 0;

			if (!entry) {
				rc = put(x, ws, (lxw_row_t)(i + 1),
				    (lxw_col_t)c, row[c].ptr, row[c].len,
				    c >= 5 ? x->hint : NULL);
				continue;
			}
			e = worksheet_write_blank(ws, (lxw_row_t)(i + 1),
			    (lxw_col_t)c, x->entry);
			if (e != LXW_NO_ERROR)
				rc = lxw_fail(x, e);
		}
	}
	for (c = 5; c < nc && rc == 0; c += 2)
		rc = dropdown(x, ws, (c - 5) / 2, (lxw_col_t)c, n);
	memset(&prot, 0, sizeof prot);
	prot.format_columns = 1;
	prot.format_rows = 1;
	worksheet_protect(ws, NULL, &prot);
	free(row);
	return rc;
}

/* The Key: what to do, then each subject's codes and what they mean. */
static int
key_sheet(struct tx *x, lxw_worksheet *ws)
{
	const track_template *t = x->t;
	char *point = scheme_point_label_dup(t->s, t->ptext,
	    strlen(t->ptext));
	const char *code, *label;
	track_buf cmd = { 0 };
	lxw_row_t r = 0;
	size_t k, i;
	int rc;
	static const char intro[] = "Read it back with: track-import "
	    "--unpivot ", tail[] = " --key subject GRID.xlsx";

	rc = point == NULL || buf_append(&cmd, intro, sizeof intro - 1, 0) < 0 ?
	    error_nomem(x->err) : 0;
	for (k = 0; k < t->nsubj && rc == 0; k++) {
		const char *id = scheme_subject_id_at(t->s,
		    (size_t)t->subj[k]);

		if ((k > 0 && buf_append(&cmd, ",", 1, 0) < 0) ||
		    buf_append(&cmd, id, strlen(id), 0) < 0)
			rc = error_nomem(x->err);
	}
	if (rc == 0 && buf_append(&cmd, tail, sizeof tail - 1, 1) < 0)
		rc = error_nomem(x->err);
	worksheet_set_column(ws, 0, 0, 22, NULL);
	worksheet_set_column(ws, 1, 1, 8, NULL);
	worksheet_set_column(ws, 2, 2, 60, NULL);
	if (rc == 0)
		rc = puts_(x, ws, r++, 0, "Teacher assessment", x->bold);
	if (rc == 0)
		rc = puts_(x, ws, r++, 0, point, NULL);
	if (rc == 0)
		rc = puts_(x, ws, r++, 0, "On the Grid sheet, choose each "
		    "pupil's judgement in the shaded cell of each subject; "
		    "the prev_ column beside it is their latest judgement "
		    "before this point.", NULL);
	if (rc == 0)
		rc = puts_(x, ws, r++, 0, "Only the shaded cells can be "
		    "changed (the sheet is protected, with no password). "
		    "Save the file as .xlsx.", NULL);
	if (rc == 0)
		rc = puts_(x, ws, r++, 0, cmd.ptr, NULL);
	r++;
	if (rc == 0)
		rc = puts_(x, ws, r, 0, "Subject", x->bold) ||
		    puts_(x, ws, r, 1, "Code", x->bold) ||
		    puts_(x, ws, r, 2, "Meaning", x->bold) ? TRACK_EXIT_IO : 0;
	r++;
	for (k = 0; k < t->nsubj && rc == 0; k++) {
		const track_scale *sc = scale_of(x, k);

		for (i = 0; sc != NULL && rc == 0 &&
		    (code = list_code(sc, i, &label)) != NULL; i++, r++)
			rc = puts_(x, ws, r, 0, i == 0 ? scheme_subject_label(
			    t->s, (size_t)t->subj[k]) : NULL, NULL) ||
			    puts_(x, ws, r, 1, code, NULL) ||
			    puts_(x, ws, r, 2, label, NULL) ?
			    TRACK_EXIT_IO : 0;
	}
	free(point);
	buf_free(&cmd);
	return rc;
}

int
template_xlsx(const track_template *t, struct lxw_workbook *book,
    const track_str *f, size_t nc, const size_t *pupils, size_t n,
    track_error *err)
{
	struct tx x;
	lxw_worksheet *grid, *key, *codes;
	int rc;

	memset(&x, 0, sizeof x);
	x.t = t;
	x.book = book;
	x.err = err;
	x.ncodes = calloc(t->nsubj + 1, sizeof *x.ncodes);
	x.bold = workbook_add_format(book);
	x.entry = workbook_add_format(book);
	x.hint = workbook_add_format(book);
	grid = workbook_add_worksheet(book, GRID_SHEET);
	key = workbook_add_worksheet(book, KEY_SHEET);
	codes = workbook_add_worksheet(book, CODES_SHEET);
	if (x.ncodes == NULL || x.bold == NULL || x.entry == NULL ||
	    x.hint == NULL || grid == NULL || key == NULL || codes == NULL) {
		free(x.ncodes);
		return error_nomem(err);
	}
	format_set_bold(x.bold);
	format_set_unlocked(x.entry);
	format_set_bg_color(x.entry, SHADE);
	format_set_font_color(x.hint, LXW_COLOR_GRAY);
	format_set_italic(x.hint);
	/* The lists first: the grid's dropdowns need their lengths. */
	rc = codes_sheet(&x, codes);
	if (rc == 0)
		rc = grid_sheet(&x, grid, f, nc, pupils, n);
	if (rc == 0)
		rc = key_sheet(&x, key);
	worksheet_activate(grid);
	free(x.ncodes);
	buf_free(&x.s);
	return rc;
}
