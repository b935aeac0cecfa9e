/* rtable.c - a report's table in every output format; see rtable.h. */
#include "rtable.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "base/ahead.h"
#include "base/buf.h"
#include "rtable_int.h"

track_rtable *
rtable_new(void)
{
	return calloc(1, sizeof(track_rtable));
}

/* Keeps the len bytes of s, and a NUL, in the arena: their offset. */
static size_t
keep_n(track_rtable *t, const char *s, size_t len)
{
	long off = buf_append(&t->arena, s, len, 1);

	return off < 0 ? NONE : (size_t)off;
}

static size_t
keep(track_rtable *t, const char *s)
{
	return keep_n(t, s, strlen(s));
}

long
rtable_col(track_rtable *t, const char *id, const char *label)
{
	if (t->nrows > 0)
		return -1;	/* columns come before rows */
	if (t->ncols == t->ccap) {
		size_t n = t->ccap ? t->ccap * 2 : 32;
		size_t *a = realloc(t->cid, n * sizeof *a);

		if (a == NULL)
			return -1;
		t->cid = a;
		a = realloc(t->clabel, n * sizeof *a);
		if (a == NULL)
			return -1;
		t->clabel = a;
		t->ccap = n;
	}
	t->cid[t->ncols] = keep(t, id);
	t->clabel[t->ncols] = label ? keep(t, label) : t->cid[t->ncols];
	if (t->cid[t->ncols] == NONE || t->clabel[t->ncols] == NONE)
		return -1;
	return (long)t->ncols++;
}

int
rtable_cols(track_rtable *t, const char *const cols[][2], size_t n)
{
	size_t i;

	for (i = 0; t != NULL && i < n; i++)
		if (rtable_col(t, cols[i][0], cols[i][1]) < 0)
			return -1;
	return t != NULL ? 0 : -1;
}

size_t
rtable_ncols(const track_rtable *t)
{
	return t->ncols;
}

size_t
rtable_nrows(const track_rtable *t)
{
	return t->nrows;
}

int
rtable_row(track_rtable *t)
{
	size_t i;

	t->width = t->ncols;
	if (t->nrows == t->rcap) {
		size_t n = t->rcap ? t->rcap * 2 : 64;
		struct rcell *c = realloc(t->cells,
		    n * (t->width + 1) * sizeof *c);

		if (c == NULL)
			return -1;
		t->cells = c;
		t->rcap = n;
	}
	for (i = 0; i < t->width; i++)
		t->cells[t->nrows * t->width + i].kind = K_EMPTY;
	t->nrows++;
	return 0;
}

static struct rcell *
cell(track_rtable *t, size_t col)
{
	return &t->cells[(t->nrows - 1) * t->width + col];
}

const char *
rtable_cell_text(const track_rtable *t, size_t row, size_t col,
    const char **label)
{
	const struct rcell *c = &t->cells[row * t->width + col];

	*label = NULL;
	if (c->kind != K_TEXT)
		return "";
	if (c->label != NONE)
		*label = t->arena.ptr + c->label;
	return t->arena.ptr + c->id;
}

int
rtable_text(track_rtable *t, size_t col, const char *id, const char *label)
{
	struct rcell *c;
	size_t n = strlen(id), ln = label != NULL ? strlen(label) : 0;
	size_t i = keep_n(t, id, n), l = NONE;

	if (i == NONE)
		return -1;
	if (label != NULL && (ln != n || memcmp(label, id, n) != 0)) {
		l = keep_n(t, label, ln);
		if (l == NONE)
			return -1;
	}
	c = cell(t, col);
	c->kind = K_TEXT;
	c->id = i;
	c->label = l;
	c->a = (long long)n;	/* the lengths, for writing */
	c->b = (long long)ln;
	return 0;
}

int
rtable_int(track_rtable *t, size_t col, long long v)
{
	struct rcell *c = cell(t, col);

	c->kind = K_INT;
	c->a = v;
	return 0;
}

int
rtable_pct(track_rtable *t, size_t col, long long num, long long den)
{
	struct rcell *c = cell(t, col);

	if (den <= 0)
		return 0;
	c->kind = K_PCT;
	c->a = num;
	c->b = den;
	return 0;
}

int
rtable_dec(track_rtable *t, size_t col, double v)
{
	struct rcell *c = cell(t, col);

	c->kind = K_DEC;
	c->x = v;
	return 0;
}

int
rtable_points(track_rtable *t, size_t col, long long tenths)
{
	struct rcell *c = cell(t, col);

	c->kind = K_POINTS;
	c->a = tenths;
	return 0;
}

int
rtable_num(track_rtable *t, size_t col, double v)
{
	struct rcell *c = cell(t, col);

	c->kind = K_NUM;
	c->x = v;
	return 0;
}

int
rtable_supp(track_rtable *t, size_t col)
{
	cell(t, col)->kind = K_SUPP;
	return 0;
}

int
rtable_list(track_rtable *t, size_t col, const char *const *items, size_t n)
{
	struct rcell *c;
	size_t i, first = t->arena.len;

	for (i = 0; i < n; i++)
		if (buf_append(&t->arena, items[i], strlen(items[i]), 1) < 0)
			return -1;
	c = cell(t, col);
	c->kind = K_LIST;
	c->id = first;
	c->a = (long long)n;
	return 0;
}

void
rtable_keep_cols(const track_rtable *t, int labels, unsigned char *keepcol)
{
	size_t r, c;

	/* On a terminal, a column with nothing in it is left out. */
	for (c = 0; c < t->ncols; c++) {
		keepcol[c] = !labels || t->nrows == 0;
		for (r = 0; r < t->nrows && !keepcol[c]; r++)
			keepcol[c] = !rtable_is_empty(t, r, c);
	}
}

int
rtable_is_empty(const track_rtable *t, size_t r, size_t c)
{
	return c >= t->width || t->cells[r * t->width + c].kind == K_EMPTY;
}

long long
rtable_round_pct(long long num, long long den, int tenths)
{
	long long scale = tenths ? 1000 : 100;
	long double x = (long double)scale * num / den;

	/* Exact for counts below 2^52; half up, also for negatives. */
	return (long long)floorl(x + 0.5L);
}

long long
rtable_tenths_of(double v)
{
	return (long long)floor(v * 10.0 + 0.5 + 1e-9);
}

/* Writes tenths as "12.5" or "-0.5". */
static int
fmt_tenths(char *o, size_t osz, long long t)
{
	long long a = t < 0 ? -t : t;

	return snprintf(o, osz, "%s%lld.%lld", t < 0 ? "-" : "", a / 10,
	    a % 10);
}

const char *
rtable_text_of(const track_rtable *t, const struct rcell *c, int labels, char *o,
    size_t osz, track_buf *list)
{
	long long i;
	size_t off;

	o[0] = '\0';
	switch (c->kind) {
	case K_EMPTY:
		break;
	case K_TEXT:
		return t->arena.ptr + (labels && c->label != NONE ? c->label :
		    c->id);
	case K_INT:
		snprintf(o, osz, "%lld", c->a);
		break;
	case K_PCT:
		if (labels)
			snprintf(o, osz, "%lld", rtable_round_pct(c->a, c->b,
			    0));
		else
			fmt_tenths(o, osz, rtable_round_pct(c->a, c->b, 1));
		break;
	case K_DEC:
		fmt_tenths(o, osz, rtable_tenths_of(c->x));
		break;
	case K_POINTS:
		if (labels)	/* whole points, half away from zero, signed */
			snprintf(o, osz, "%s%lld", c->a >= 5 ? "+" : "",
			    c->a < 0 ? -((-c->a + 5) / 10) : (c->a + 5) / 10);
		else
			fmt_tenths(o, osz, c->a);
		break;
	case K_NUM:
		snprintf(o, osz, "%.15g", c->x);
		break;
	case K_SUPP:
		snprintf(o, osz, "c");
		break;
	case K_LIST:
		list->len = 0;
		off = c->id;
		for (i = 0; i < c->a; i++) {
			const char *s = t->arena.ptr + off;
			size_t n = strlen(s);

			if ((i > 0 && buf_append(list, ";", 1, 0) < 0) ||
			    buf_append(list, s, n, 0) < 0)
				return "";
			off += n + 1;
		}
		if (buf_append(list, "", 0, 1) < 0)
			return "";
		return list->ptr;
	}
	return o;
}

/* rtable_write, with the header or (CSV, TSV) without it. */
static int
write_table(const track_rtable *t, track_writer *w, enum track_format fmt,
    int header, track_error *err);

int
rtable_write(const track_rtable *t, track_writer *w, enum track_format fmt,
    track_error *err)
{
	return write_table(t, w, fmt, 1, err);
}

int
rtable_write_rows(const track_rtable *t, track_writer *w,
    enum track_format fmt, track_error *err)
{
	assert(fmt == TRACK_FMT_CSV || fmt == TRACK_FMT_TSV);
	return write_table(t, w, fmt, 0, err);
}

static int
write_table(const track_rtable *t, track_writer *w, enum track_format fmt,
    int header, track_error *err)
{
	int labels = fmt == TRACK_FMT_TABLE || fmt == TRACK_FMT_MARKDOWN;
	track_str *f = calloc(t->ncols + 1, sizeof *f);
	char (*tmp)[64] = calloc(t->ncols + 1, sizeof *tmp);
	track_buf *lists = calloc(t->ncols + 1, sizeof *lists);
	unsigned char *keepcol = calloc(t->ncols + 1, 1);
	size_t r, c, k;
	int rc = 0;

	if (fmt == TRACK_FMT_XLSX) {
		free(f);
		free(tmp);
		free(lists);
		free(keepcol);
		return rtable_write_xlsx(t, w, err);
	}
	if (f == NULL || tmp == NULL || lists == NULL || keepcol == NULL) {
		rc = error_set(err, TRACK_EXIT_IO, NULL, 0, "out of memory");
		goto out;
	}
	rtable_keep_cols(t, labels, keepcol);
	for (c = 0, k = 0; c < t->ncols; c++) {
		const char *s = t->arena.ptr + (labels ? t->clabel[c] :
		    t->cid[c]);

		if (keepcol[c])
			f[k++] = (track_str){ s, strlen(s) };
	}
	rc = header ? writer_header(w, f, k, err) : 0;
	for (r = 0; r < t->nrows && rc == 0; r++) {
		for (c = 0, k = 0; c < t->ncols; c++) {
			const struct rcell *cl = &t->cells[r * t->width + c];
			const char *s;

			if (!keepcol[c])
				continue;
			s = rtable_text_of(t, cl, labels, tmp[c],
			    sizeof tmp[c], &lists[c]);
			/* A text's length is kept with it. */
			f[k++] = (track_str){ s, cl->kind != K_TEXT ?
			    strlen(s) : (size_t)(labels && cl->label != NONE ?
			    cl->b : cl->a) };
		}
		rc = writer_row(w, f, k, err);
	}
	if (rc == 0 && header)
		rc = writer_table_end(w, err);
out:
	for (c = 0; lists != NULL && c < t->ncols; c++)
		buf_free(&lists[c]);
	free(lists);
	free(keepcol);
	free(f);
	free(tmp);
	return rc;
}

/* ---- A long table in pieces ---- */

struct pieces {
	track_writer *w;
	enum track_format fmt;
	rtable_piece_fn fill;
	void *ctx;
	track_error *err;
};

static void *
piece_fill(void *ctx, size_t i)
{
	struct pieces *ps = ctx;

	return ps->fill(ps->ctx, i);
}

static int
piece_put(void *ctx, size_t i, void *t)
{
	struct pieces *ps = ctx;
	int rc = i == 0 ? rtable_write(t, ps->w, ps->fmt, ps->err) :
	    rtable_write_rows(t, ps->w, ps->fmt, ps->err);

	rtable_free(t);
	return rc;
}

static void
piece_drop(void *ctx, void *t)
{
	(void)ctx;
	rtable_free(t);
}

int
rtable_write_pieces(track_writer *w, enum track_format fmt, size_t n,
    unsigned threads, rtable_piece_fn fill, void *ctx, track_error *err)
{
	struct pieces ps = { w, fmt, fill, ctx, err };
	int rc;

	assert(fmt == TRACK_FMT_CSV || fmt == TRACK_FMT_TSV);
	rc = ahead_run(n, threads, piece_fill, piece_put, piece_drop, &ps);
	return rc < 0 ? error_nomem(err) : rc;
}

/* A JSON number with one decimal, from tenths (exact in the output). */
static json_t *
json_tenths(long long t)
{
	return json_real((double)t / 10.0);
}

json_t *
rtable_json(const track_rtable *t)
{
	json_t *rows = json_array(), *o, *v;
	size_t r, c;
	long long i;
	track_buf key = { 0 };	/* "<column>_label", any length */

	if (rows == NULL)
		return NULL;
	for (r = 0; r < t->nrows; r++) {
		o = json_object();
		if (o == NULL || json_array_append_new(rows, o) != 0)
			goto nomem;
		for (c = 0; c < t->ncols; c++) {
			const struct rcell *k = &t->cells[r * t->width + c];
			const char *id = t->arena.ptr + t->cid[c];

			switch (k->kind) {
			case K_EMPTY:
				v = json_null();
				break;
			case K_TEXT:
				v = json_string(t->arena.ptr + k->id);
				if (k->label != NONE) {
					key.len = 0;
					if ((*id && buf_append(&key, id,
					    strlen(id), 0) < 0) ||
					    buf_append(&key, "_label", 6, 1) < 0 ||
					    json_object_set_new(o,
					    key.ptr, json_string(t->arena.ptr +
					    k->label)) != 0)
						goto nomem;
				}
				break;
			case K_INT:
				v = json_integer(k->a);
				break;
			case K_PCT:
				v = json_tenths(rtable_round_pct(k->a, k->b,
				    1));
				break;
			case K_DEC:
				v = json_tenths(rtable_tenths_of(k->x));
				break;
			case K_POINTS:
				v = json_tenths(k->a);
				break;
			case K_NUM:
				v = json_real(k->x);
				break;
			case K_SUPP:
				v = json_string("c");
				break;
			default: {
				size_t off = k->id;

				v = json_array();
				for (i = 0; v != NULL && i < k->a; i++) {
					const char *s = t->arena.ptr + off;

					json_array_append_new(v,
					    json_string(s));
					off += strlen(s) + 1;
				}
				break;
			}
			}
			if (v == NULL || json_object_set_new(o, id, v) != 0)
				goto nomem;
		}
	}
	buf_free(&key);
	return rows;
nomem:
	buf_free(&key);
	json_decref(rows);
	return NULL;
}

int
rtable_document(const track_rtable *t, json_t *meta)
{
	json_t *cols = json_array(), *rows = rtable_json(t);
	size_t c;

	if (cols == NULL || rows == NULL) {
		json_decref(cols);
		json_decref(rows);
		return -1;
	}
	for (c = 0; c < t->ncols; c++)
		if (json_array_append_new(cols, json_pack("{s:s, s:s}", "id",
		    t->arena.ptr + t->cid[c], "label",
		    t->arena.ptr + t->clabel[c])) != 0) {
			json_decref(cols);
			json_decref(rows);
			return -1;
		}
	if (json_object_set_new(meta, "columns", cols) != 0 ||
	    json_object_set_new(meta, "rows", rows) != 0)
		return -1;
	return 0;
}

int
rtable_json_write(json_t *doc, track_writer *w, track_error *err)
{
	char *s = json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER |
	    JSON_REAL_PRECISION(15));
	int rc;

	if (s == NULL)
		return error_set(err, TRACK_EXIT_IO, NULL, 0, "out of memory");
	rc = writer_text(w, s, strlen(s), err);
	if (rc == 0)
		rc = writer_text(w, "\n", 1, err);
	free(s);
	return rc;
}

void
rtable_free(track_rtable *t)
{
	if (t == NULL)
		return;
	buf_free(&t->arena);
	free(t->cid);
	free(t->clabel);
	free(t->cells);
	free(t);
}
