/*
 * report_chart.c - the pack's charts beyond the overview's bars: a
 * summary over points as small multiples (a chart per subject and group,
 * a bar per point), and a gap as paired bars.  Inline SVG, each bar with
 * its figure printed beside it as the table shows it.  A suppressed
 * figure has no bar at all, only its "c", so that no length gives away
 * what the table hides.  See report_int.h.
 */
#include "report_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/strmap.h"

#define SLOT 64		/* the width of a point's bar and its label */
#define PLOT 90		/* the height of 100% */
#define TOP 16		/* room for the figure above a full bar */
#define GAPW 300	/* the length of 100% in a gap's bars */
#define WRAP 9		/* the most bars on one line of a multiple */

static const char *
str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* One bar of a small multiple: a row's figure and its point's label. */
struct fig {
	json_t *row;
	const char *col;	/* the "pct_..." column */
	const char *label;	/* the point's label */
};

/*
 * What figure `col` of a row shows: 1, a percentage (0..100) in *pct;
 * 0, suppressed ("c"); -1, nothing.
 */
static int
figure(json_t *doc, json_t *row, const char *col, double *pct)
{
	json_t *v = json_object_get(row, col);

	if (json_is_string(v))
		return strcmp(json_string_value(v), "c") == 0 ? 0 : -1;
	if (!json_is_number(v))
		return -1;
	if (report_exact_pct(doc, row, col, pct) != 0)
		*pct = json_number_value(v);
	if (!(*pct >= 0))	/* and not a number */
		*pct = 0;
	if (*pct > 100)
		*pct = 100;
	return 1;
}

static void
putn(struct out *o, const char *fmt, double a, double b, double c)
{
	char buf[256];

	snprintf(buf, sizeof buf, fmt, a, b, c);
	report_put(o, buf);
}

/* Writes n bytes of s as text. */
static void
text_n(struct out *o, const char *s, size_t n)
{
	track_buf b = { 0 };

	if (n == 0)
		return;
	if (buf_append(&b, s, n, 1) < 0) {
		if (o->rc == 0)
			o->rc = error_nomem(o->err);
		return;
	}
	report_text(o, b.ptr);
	buf_free(&b);
}

/*
 * A point's label under its bar, on two lines split at its last space
 * ("Summer" over "2025-26").
 */
static void
point_label(struct out *o, const char *l, double x, double y)
{
	const char *sp = l != NULL ? strrchr(l, ' ') : NULL;

	if (l == NULL)
		return;
	putn(o, "<text x=\"%.1f\" y=\"%.0f\" text-anchor=\"middle\">", x, y,
	    0);
	text_n(o, l, sp != NULL ? (size_t)(sp - l) : strlen(l));
	report_put(o, "</text>");
	if (sp == NULL)
		return;
	putn(o, "<text x=\"%.1f\" y=\"%.0f\" text-anchor=\"middle\">", x,
	    y + 12, 0);
	report_text(o, sp + 1);
	report_put(o, "</text>");
}

/* One line of bars: the figures f[0..n), at most WRAP of them. */
static void
bars_line(struct out *o, json_t *doc, const struct fig *f, size_t n)
{
	double y0 = TOP + PLOT, w = 8 + (double)n * SLOT, pct;
	size_t i;

	putn(o, "<svg class=\"chart\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" ",
	    w, y0 + 30, w);
	putn(o, "height=\"%.0f\" role=\"img\" aria-label=\"", y0 + 30, 0, 0);
	for (i = 0; i < n; i++) {
		report_put(o, i ? ", " : "");
		report_text(o, f[i].label);
		report_put(o, " ");
		report_cell_text(o, doc, f[i].row, f[i].col);
	}
	putn(o, "\"><line x1=\"0\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" "
	    "stroke=\"#999\"/>", y0, w, y0);
	for (i = 0; i < n; i++) {
		double x = 4 + (double)i * SLOT, h;
		int k = figure(doc, f[i].row, f[i].col, &pct);

		if (k == 0) {
			putn(o, "<text class=\"c\" x=\"%.1f\" y=\"%.0f\" "
			    "text-anchor=\"middle\">c</text>", x + SLOT / 2.0,
			    y0 - 4, 0);
		} else if (k > 0) {
			h = PLOT * pct / 100;
			putn(o, "<rect x=\"%.1f\" y=\"%.2f\" width=\"%.1f\" ",
			    x + SLOT * 0.2, y0 - h, SLOT * 0.6);
			putn(o, "height=\"%.2f\" fill=\"#0072B2\"/><text "
			    "x=\"%.1f\" y=\"%.2f\" text-anchor=\"middle\">", h,
			    x + SLOT / 2.0, y0 - h - 4);
			report_cell_text(o, doc, f[i].row, f[i].col);
			report_put(o, "</text>");
		}
		point_label(o, f[i].label, x + SLOT / 2.0, y0 + 13);
	}
	report_put(o, "</svg>");
}

/*
 * One small multiple: a caption, and a bar per figure in f[0..n), in
 * lines of at most WRAP bars so that many points stay readable.
 */
static void
multiple(struct out *o, json_t *doc, const struct fig *f, size_t n)
{
	size_t i;

	report_put(o, "<figure class=\"chart\"><figcaption>");
	report_row_label(o, doc, f[0].row, 0);
	report_put(o, "</figcaption>");
	for (i = 0; i < n; i += WRAP)
		bars_line(o, doc, f + i, n - i < WRAP ? n - i : WRAP);
	report_put(o, "</figure>\n");
}

/*
 * Keeps in f[0..n) the figures that show something (a percentage or a
 * "c"), dropping the points where the group has nothing; returns how
 * many are kept.
 */
static size_t
keep_shown(json_t *doc, struct fig *f, size_t n)
{
	size_t i, k = 0;
	double pct;

	for (i = 0; i < n; i++)
		if (figure(doc, f[i].row, f[i].col, &pct) >= 0)
			f[k++] = f[i];
	return k;
}

/*
 * The key of a row of a --over point document: its subject, measure and
 * groups, which stay the same from point to point.  Into b (NUL-ended);
 * -1 when out of memory.
 */
static int
row_key(json_t *doc, json_t *row, track_buf *b)
{
	json_t *by = json_object_get(doc, "by"), *g;
	const char *v[2];
	size_t i;
	int rc = 0;

	b->len = 0;
	v[0] = str(row, "subject");
	v[1] = str(row, "measure");
	for (i = 0; i < 2; i++)
		rc |= buf_append(b, "\x1f", 1, 0) < 0 || (v[i] && *v[i] &&
		    buf_append(b, v[i], strlen(v[i]), 0) < 0);
	json_array_foreach(by, i, g) {
		const char *x = str(row, str(g, "id"));

		rc |= buf_append(b, "\x1f", 1, 0) < 0 || (x && *x &&
		    buf_append(b, x, strlen(x), 0) < 0);
	}
	return rc || buf_append(b, "", 0, 1) < 0 ? -1 : 0;
}

/*
 * --over point: a row per point, so the rows of a group are gathered by
 * their key (in the order the groups first come), each row a bar.
 * Returns how many multiples were drawn, or -1 when out of memory.
 */
static int
over_rows(struct out *o, json_t *doc)
{
	json_t *rows = json_object_get(doc, "rows"), *row;
	size_t nr = json_array_size(rows), i, j, n, *next, drawn = 0;
	long *first, *last, k;
	struct fig *f = calloc(nr + 1, sizeof *f);
	track_strmap *keys = strmap_new();
	track_buf key = { 0 };
	int rc = -1, added;

	next = calloc(nr + 1, sizeof *next);
	first = calloc(nr + 1, sizeof *first);
	last = calloc(nr + 1, sizeof *last);
	if (f == NULL || keys == NULL || next == NULL || first == NULL ||
	    last == NULL)
		goto out;
	/* next[i]: the next row of row i's group (nr: none) */
	json_array_foreach(rows, i, row) {
		if (row_key(doc, row, &key) != 0)
			goto out;
		k = strmap_intern(keys, key.ptr, key.len - 1, &added);
		if (k < 0)
			goto out;
		next[i] = nr;
		if (added)
			first[k] = (long)i;
		else
			next[last[k]] = i;
		last[k] = (long)i;
	}
	for (k = 0; (size_t)k < strmap_count(keys); k++) {
		for (n = 0, j = (size_t)first[k]; j < nr; j = next[j], n++) {
			f[n].row = json_array_get(rows, j);
			f[n].col = "pct_at_or_above";
			f[n].label = report_label_of(f[n].row, "point");
		}
		n = keep_shown(doc, f, n);
		if (n > 0) {
			multiple(o, doc, f, n);
			drawn++;
		}
	}
	rc = (int)(drawn > 0);
out:
	if (rc < 0 && o->rc == 0)
		o->rc = error_nomem(o->err);
	free(f);
	free(next);
	free(first);
	free(last);
	strmap_free(keys);
	buf_free(&key);
	return rc;
}

/*
 * --across point: a column per point ("pct_at_or_above_<point>"), so
 * each row is a group and its columns the bars.  Returns 1 when some
 * multiple was drawn, 0 when none, -1 when out of memory.
 */
static int
over_cols(struct out *o, json_t *doc)
{
	json_t *rows = json_object_get(doc, "rows"), *pts =
	    json_object_get(doc, "points"), *row, *p;
	size_t np = json_array_size(pts), i, n;
	struct fig *f = calloc(np + 1, sizeof *f);
	char **col = calloc(np + 1, sizeof *col);
	track_buf b = { 0 };
	int rc = -1, drawn = 0;

	if (f == NULL || col == NULL)
		goto out;
	json_array_foreach(pts, i, p) {
		const char *id = str(p, "id") ? str(p, "id") : "";

		b.len = 0;
		if (buf_append(&b, "pct_at_or_above_", 16, 0) < 0 ||
		    buf_append(&b, id, strlen(id), 1) < 0 ||
		    (col[i] = strdup(b.ptr)) == NULL)
			goto out;
	}
	json_array_foreach(rows, i, row) {
		size_t j;

		for (j = 0; j < np; j++) {
			f[j].row = row;
			f[j].col = col[j];
			f[j].label = str(json_array_get(pts, j), "label");
		}
		n = keep_shown(doc, f, np);
		if (n > 0) {
			multiple(o, doc, f, n);
			drawn = 1;
		}
	}
	rc = drawn;
out:
	if (rc < 0 && o->rc == 0)
		o->rc = error_nomem(o->err);
	for (i = 0; col != NULL && i < np; i++)
		free(col[i]);
	free(col);
	free(f);
	buf_free(&b);
	return rc;
}

/* One side of a gap: its bar (unless suppressed) and its figure. */
static void
gap_side(struct out *o, json_t *doc, json_t *row, int b)
{
	const char *col = b ? "pct_b" : "pct_a";
	double y = b ? 18 : 1, pct, w;
	int k = figure(doc, row, col, &pct);

	if (k < 0)
		return;
	w = k > 0 ? GAPW * pct / 100 : 0;
	if (k > 0)
		putn(o, b ? "<rect x=\"0\" y=\"%.0f\" width=\"%.2f\" "
		    "height=\"14\" fill=\"#0072B2\"/>" : "<rect x=\"0\" "
		    "y=\"%.0f\" width=\"%.2f\" height=\"14\" fill=\"#E69F00\"/>",
		    y, w, 0);
	putn(o, k > 0 ? "<text x=\"%.2f\" y=\"%.0f\">" :
	    "<text class=\"c\" x=\"%.2f\" y=\"%.0f\">", w + 4, y + 11, 0);
	report_cell_text(o, doc, row, col);
	report_put(o, " ");
	report_text(o, report_label_of(row, b ? "group_b" : "group_a"));
	report_put(o, "</text>");
}

/* The legend of a gap's two groups, named as its first row names them. */
static void
gap_legend(struct out *o, json_t *row)
{
	report_put(o, "<div class=\"legend\"><span><svg width=\"14\" "
	    "height=\"14\"><rect width=\"14\" height=\"14\" "
	    "fill=\"#E69F00\"/></svg> ");
	report_text(o, report_label_of(row, "group_a"));
	report_put(o, "</span><span><svg width=\"14\" height=\"14\"><rect "
	    "width=\"14\" height=\"14\" fill=\"#0072B2\"/></svg> ");
	report_text(o, report_label_of(row, "group_b"));
	report_put(o, "</span></div>\n");
}

/*
 * --gap: for each row, the two groups' bars one above the other, each
 * with its figure and group, and the gap beside them.
 */
static int
gap_bars(struct out *o, json_t *doc)
{
	json_t *rows = json_object_get(doc, "rows"), *row;
	size_t i;

	if (json_array_size(rows) == 0)
		return 0;
	gap_legend(o, json_array_get(rows, 0));
	report_put(o, "<table class=\"bars gap\">\n");
	json_array_foreach(rows, i, row) {
		report_put(o, "<tr><th scope=\"row\">");
		report_row_label(o, doc, row, 1);
		putn(o, "</th><td><svg class=\"chart\" viewBox=\"0 0 %.0f 33\" "
		    "width=\"%.0f\" height=\"33\" role=\"img\" aria-label=\"",
		    GAPW + 140, GAPW + 140, 0);
		report_text(o, report_label_of(row, "group_a"));
		report_put(o, " ");
		report_cell_text(o, doc, row, "pct_a");
		report_put(o, ", ");
		report_text(o, report_label_of(row, "group_b"));
		report_put(o, " ");
		report_cell_text(o, doc, row, "pct_b");
		report_put(o, "\">");
		gap_side(o, doc, row, 0);
		gap_side(o, doc, row, 1);
		report_put(o, "</svg></td><td class=\"num\">Gap ");
		report_cell_text(o, doc, row, "gap");
		report_put(o, "</td></tr>\n");
	}
	report_put(o, "</table>\n");
	return 1;
}

int
report_chart(struct out *o, json_t *doc)
{
	const char *kind = str(doc, "kind");
	int rc = 0;

	if (o->md)
		return 0;
	if (kind != NULL && !strcmp(kind, "gap"))
		return gap_bars(o, doc);
	if (!report_over_points(doc))
		return 0;
	report_put(o, "<div class=\"multiples\">\n");
	rc = kind != NULL && !strcmp(kind, "across") ? over_cols(o, doc) :
	    over_rows(o, doc);
	report_put(o, "</div>\n");
	return rc > 0;
}
