/* report.c - the governors' pack in HTML or Markdown; see report.h. */
#include "report.h"
#include "report_int.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/strmap.h"
#include "suppress.h"

track_report *
report_new(const struct report_opts *o)
{
	track_report *r = calloc(1, sizeof *r);

	if (r == NULL)
		return NULL;
	r->o = *o;
	r->docs = json_array();
	if (r->docs == NULL) {
		free(r);
		return NULL;
	}
	return r;
}

/* See report_int.h. */
int
report_list_ok(json_t *doc, const char *key, int label)
{
	json_t *a = json_object_get(doc, key), *e;
	size_t i;

	if (a == NULL)
		return 0;
	if (!json_is_array(a))
		return -1;
	json_array_foreach(a, i, e)
		if (!json_is_string(json_object_get(e, "id")) || (label &&
		    !json_is_string(json_object_get(e, "label"))))
			return -1;
	return 0;
}

int
report_add(track_report *r, json_t *doc, track_error *err)
{
	const char *kind = json_string_value(json_object_get(doc, "report"));

	if (json_is_object(doc) && kind != NULL && (!strcmp(kind, "pupil") ||
	    r->o.parents))
		return report_pupil_add(r, doc, err);
	if (!json_is_object(doc) || kind == NULL ||
	    (strcmp(kind, "summary") != 0 && strcmp(kind, "matrix") != 0))
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "not a report document (make one with track-summary, "
		    "track-matrix or track-pupil -F json)");
	if (!strcmp(kind, "summary") && (!json_is_array(json_object_get(doc,
	    "rows")) || !json_is_array(json_object_get(doc, "columns"))))
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "a summary document without \"rows\" and \"columns\"");
	if (!strcmp(kind, "summary") && report_list_ok(doc, "columns", 0) != 0)
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "a summary document whose \"columns\" are not all "
		    "objects with an \"id\"");
	if (!strcmp(kind, "summary") && (report_list_ok(doc, "bands", 1) != 0 ||
	    report_list_ok(doc, "by", 0) != 0))
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "a summary document whose \"bands\" or \"by\" are not "
		    "all objects with an \"id\" and a \"label\"");
	if (!strcmp(kind, "matrix") && !json_is_array(json_object_get(doc,
	    "matrices")))
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "a matrix document without \"matrices\"");
	if (json_array_append(r->docs, doc) != 0)
		return error_nomem(err);
	return 0;
}

size_t
report_count(const track_report *r)
{
	return json_array_size(r->docs);
}

void
report_free(track_report *r)
{
	if (r == NULL)
		return;
	json_decref(r->docs);
	free(r);
}

/* ---- Writing ---- */

void
report_put(struct out *o, const char *s)
{
	if (o->rc == 0)
		o->rc = writer_text(o->w, s, strlen(s), o->err);
}

/*
 * Writes formatted text.  Most of it fits the buffer; a longer text (a
 * long label from the data) is formatted again on the heap, never cut.
 */
void
report_putf(struct out *o, const char *fmt, ...)
{
	char buf[1024], *p = buf;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n < 0 || o->rc != 0)
		return;
	if ((size_t)n >= sizeof buf) {
		p = malloc((size_t)n + 1);
		if (p == NULL) {
			o->rc = error_nomem(o->err);
			return;
		}
		va_start(ap, fmt);
		vsnprintf(p, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	o->rc = writer_text(o->w, p, (size_t)n, o->err);
	if (p != buf)
		free(p);
}

/*
 * Writes text from the data: HTML-escaped, or for Markdown with the
 * characters that would make markup (and line breaks) made harmless.
 */
void
report_text(struct out *o, const char *s)
{
	char buf[8];
	const char *p;

	if (s == NULL)
		return;
	for (p = s; *p && o->rc == 0; p++) {
		const char *rep = NULL;
		size_t run = strcspn(p, o->md ? "|\\<>&*_`[]#\n\r" :
		    "&<>\"'");

		/* Plain text goes out in one piece. */
		if (run > 0) {
			o->rc = writer_text(o->w, p, run, o->err);
			p += run - 1;
			continue;
		}
		if (!o->md) {
			switch (*p) {
			case '&': rep = "&amp;"; break;
			case '<': rep = "&lt;"; break;
			case '>': rep = "&gt;"; break;
			case '"': rep = "&quot;"; break;
			case '\'': rep = "&#39;"; break;
			default: break;
			}
		} else {
			switch (*p) {
			case '|': rep = "\\|"; break;
			case '\\': rep = "\\\\"; break;
			case '<': rep = "&lt;"; break;
			case '>': rep = "&gt;"; break;
			case '&': rep = "&amp;"; break;
			case '*': rep = "\\*"; break;
			case '_': rep = "\\_"; break;
			case '`': rep = "\\`"; break;
			case '[': rep = "\\["; break;
			case ']': rep = "\\]"; break;
			case '#': rep = "\\#"; break;
			case '\n': case '\r': rep = " "; break;
			default: break;
			}
		}
		if (rep == NULL) {
			buf[0] = *p;
			buf[1] = '\0';
			rep = buf;
		}
		report_put(o, rep);
	}
}

/* ---- Values ---- */

static const char *
str(json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

/* A text cell's label ("<col>_label", col of any length), or its id. */
const char *
report_label_of(json_t *row, const char *col)
{
	char key[128], *k = key;
	size_t n = strlen(col);
	const char *l;

	if (n + sizeof "_label" > sizeof key) {
		k = malloc(n + sizeof "_label");
		if (k == NULL)
			return str(row, col);
	}
	memcpy(k, col, n);
	memcpy(k + n, "_label", sizeof "_label");
	l = str(row, k);
	if (k != key)
		free(k);
	return l != NULL ? l : str(row, col);
}

int
report_over_points(json_t *doc)
{
	const char *kind = str(doc, "kind"), *rep = str(doc, "report");

	if (rep == NULL || strcmp(rep, "summary") != 0 ||
	    json_array_size(json_object_get(doc, "points")) < 2)
		return 0;
	if (kind == NULL || !strcmp(kind, "overview"))
		return 1;
	return !strcmp(kind, "across") && str(doc, "across") &&
	    !strcmp(str(doc, "across"), "point");
}

/*
 * Rounds a percentage half up to whole units.  A document's figures come
 * from outside, so one beyond what a long long holds (or not a number)
 * is clamped rather than converted, which C leaves undefined.
 */
static long long
whole(double pct)
{
	double r = floor(pct + 0.5 + 1e-9);

	if (!(r > -9e18))
		return r != r ? 0 : -9000000000000000000LL;
	if (r > 9e18)
		return 9000000000000000000LL;
	return (long long)r;
}

/* The exact percentage for a summary cell when its counts are there. */
int
report_exact_pct(json_t *doc, json_t *row, const char *col, double *out)
{
	json_t *n = json_object_get(row, "n"), *bands, *b;
	long long num = 0;
	size_t i;
	int std = 0;

	if (!json_is_integer(n) || json_integer_value(n) <= 0 ||
	    strncmp(col, "pct_", 4) != 0)
		return -1;
	if (strcmp(col, "pct_at_or_above") == 0) {
		bands = json_object_get(doc, "bands");
		json_array_foreach(bands, i, b) {
			json_t *c = json_object_get(row, str(b, "id"));

			if (json_is_true(json_object_get(b, "standard")))
				std = 1;
			if (!std)
				continue;
			if (!json_is_integer(c))
				return -1;
			num += json_integer_value(c);
		}
	} else {
		json_t *c = json_object_get(row, col + 4);

		if (strcmp(col, "pct_missing") == 0)
			c = json_object_get(row, "missing");
		if (!json_is_integer(c))
			return -1;
		num = json_integer_value(c);
	}
	*out = 100.0 * (double)num / (double)json_integer_value(n);
	return 0;
}

/* Writes one summary cell as people read it. */
static void
cell_text(struct out *o, json_t *doc, json_t *row, const char *col)
{
	json_t *v = json_object_get(row, col);
	double x;
	size_t i;

	if (v == NULL || json_is_null(v))
		return;
	if (json_is_string(v)) {
		report_text(o, report_label_of(row, col));
		return;
	}
	if (json_is_array(v)) {
		json_t *e;

		json_array_foreach(v, i, e) {
			if (i > 0)
				report_put(o, "; ");
			report_text(o, json_string_value(e));
		}
		return;
	}
	x = json_number_value(v);
	if (strncmp(col, "pct_", 4) == 0) {
		if (report_exact_pct(doc, row, col, &x) != 0)
			x = json_number_value(v);
		report_putf(o, "%lld%%", whole(x));
	} else if (!strcmp(col, "gap") || !strcmp(col, "diff")) {
		long long w = x < 0 ? -whole(-x) : whole(x);

		report_putf(o, "%s%lld", w > 0 ? "+" : w < 0 ? "\xe2\x88\x92" : "",
		    w < 0 ? -w : w);
	} else if (!strcmp(col, "mean")) {
		report_putf(o, "%.1f", floor(x * 10 + 0.5) / 10);
	} else if (json_is_integer(v)) {
		report_putf(o, "%lld", (long long)json_integer_value(v));
	} else {
		report_putf(o, "%.15g", x);
	}
}

void
report_cell_text(struct out *o, json_t *doc, json_t *row, const char *col)
{
	cell_text(o, doc, row, col);
}

/* Nonzero when no row has anything in column `col`. */
int
report_empty_col(json_t *rows, const char *col)
{
	size_t i;
	json_t *r;

	json_array_foreach(rows, i, r) {
		json_t *v = json_object_get(r, col);

		if (v != NULL && !json_is_null(v) && !(json_is_array(v) &&
		    json_array_size(v) == 0))
			return 0;
	}
	return 1;
}

/*
 * For each column of a summary document, in *pct (which the caller frees)
 * the index of its "pct_<id>" column, or -1; and in *share, nonzero for a
 * "pct_<id>" column whose <id> column is there too.  One pass through a
 * hash map, so that a table of many columns (--across over many points)
 * takes time in proportion to its size.  Returns 0, or -1 when out of
 * memory.
 */
static int
pct_cols(json_t *cols, long **pct, unsigned char **share)
{
	size_t n = json_array_size(cols), i;
	track_strmap *ids = strmap_new();
	track_buf key = { 0 };
	long *at = calloc(n + 1, sizeof *at);
	int rc = -1;

	*pct = calloc(n + 1, sizeof **pct);
	*share = calloc(n + 1, 1);
	if (ids == NULL || at == NULL || *pct == NULL || *share == NULL)
		goto out;
	for (i = 0; i < n; i++) {
		const char *id = str(json_array_get(cols, i), "id");
		int added;
		long k = strmap_intern(ids, id, strlen(id), &added);

		if (k < 0)
			goto out;
		if (added)
			at[k] = (long)i;
	}
	for (i = 0; i < n; i++) {
		const char *id = str(json_array_get(cols, i), "id");
		long k;

		key.len = 0;
		if (buf_append(&key, "pct_", 4, 0) < 0 ||
		    buf_append(&key, id, strlen(id), 1) < 0)
			goto out;	/* "pct_" first: never 0 bytes on NULL */
		k = strmap_find(ids, key.ptr, key.len - 1);
		(*pct)[i] = k < 0 ? -1 : at[k];
		(*share)[i] = strncmp(id, "pct_", 4) == 0 &&
		    strmap_find(ids, id + 4, strlen(id + 4)) >= 0;
	}
	rc = 0;
out:
	if (rc != 0) {
		free(*pct);
		free(*share);
		*pct = NULL;
		*share = NULL;
	}
	strmap_free(ids);
	buf_free(&key);
	free(at);
	return rc;
}

/* Nonzero when some row has a number in column `col`. */
static int
numeric_col(json_t *rows, const char *col)
{
	size_t i;
	json_t *r;

	json_array_foreach(rows, i, r)
		if (json_is_number(json_object_get(r, col)))
			return 1;
	return 0;
}

/* ---- Headings ---- */

/*
 * A document's point labels, joined, whatever their length, in a new
 * string; NULL when out of memory.
 */
static char *
points_of(json_t *doc)
{
	json_t *pts = json_object_get(doc, "points"), *p;
	const char *l = str(doc, "point_label");
	track_buf b = { 0 };
	size_t i;
	int rc = 0;

	if (l != NULL) {
		rc = *l && buf_append(&b, l, strlen(l), 0) < 0;
	} else if (report_over_points(doc)) {
		/* over time: the first point to the last */
		const char *a = str(json_array_get(pts, 0), "label"), *z =
		    str(json_array_get(pts, json_array_size(pts) - 1),
		    "label");

		rc = (a != NULL && *a && buf_append(&b, a, strlen(a), 0) < 0) ||
		    buf_append(&b, " to ", 4, 0) < 0 || (z != NULL && *z &&
		    buf_append(&b, z, strlen(z), 0) < 0);
	} else {
		json_array_foreach(pts, i, p) {
			l = str(p, "label") ? str(p, "label") : "";
			/* (never 0 bytes onto a buffer not yet made) */
			if ((i > 0 && buf_append(&b, ", ", 2, 0) < 0) ||
			    (*l && buf_append(&b, l, strlen(l), 0) < 0))
				rc = 1;
		}
	}
	if (rc != 0 || buf_append(&b, "", 0, 1) < 0) {
		buf_free(&b);
		return NULL;
	}
	return b.ptr;
}

char *
report_summary_title(json_t *doc)
{
	const char *kind = str(doc, "kind"), *what;
	json_t *by = json_object_get(doc, "by"), *b;
	track_buf t = { 0 };
	char *pts;
	size_t i;
	int rc;

	/* --title: the heading the maker of the report gave it */
	if (str(doc, "title") != NULL)
		return strdup(str(doc, "title"));
	if (kind == NULL)
		kind = "overview";
	if (!strcmp(kind, "gap"))
		what = "Gap";
	else if (!strcmp(kind, "objectives"))
		what = "Objectives";
	else if (report_over_points(doc) || (!strcmp(kind, "across") &&
	    str(doc, "across") && !strcmp(str(doc, "across"), "point")))
		what = "Over time";
	else if (json_array_size(by) > 0)
		what = "Summary";
	else
		what = "Attainment overview";
	rc = buf_append(&t, what, strlen(what), 0) < 0;
	json_array_foreach(by, i, b) {
		const char *l = str(b, "label") ? str(b, "label") : "";

		rc |= buf_append(&t, i ? " and " : " by ", i ? 5 : 4, 0) < 0;
		rc |= *l && buf_append(&t, l, strlen(l), 0) < 0;
	}
	pts = points_of(doc);
	rc |= pts == NULL;
	if (pts != NULL && pts[0])
		rc |= buf_append(&t, ": ", 2, 0) < 0 ||
		    buf_append(&t, pts, strlen(pts), 0) < 0;
	free(pts);
	if (rc || buf_append(&t, "", 0, 1) < 0) {
		buf_free(&t);
		return NULL;
	}
	return t.ptr;
}

/* The heading of a summary document. */
static void
summary_heading(struct out *o, json_t *doc)
{
	char *title = report_summary_title(doc);

	if (title == NULL) {
		if (o->rc == 0)
			o->rc = error_nomem(o->err);
		return;
	}
	report_put(o, o->md ? "## " : "<h2>");
	report_text(o, title);
	report_put(o, o->md ? "\n\n" : "</h2>\n");
	free(title);
}

/* ---- Summaries ---- */

/* See report_int.h. */
const char *
report_band_colour(size_t i, size_t s)
{
	static const char *const below[] = { "#E69F00", "#D55E00",
	    "#CC79A7" };
	static const char *const above[] = { "#009E73", "#0072B2" };

	if (i < s)
		return below[(s - 1 - i) % 3];
	if (i == s)
		return "#56B4E9";
	return above[(i - s - 1) % 2];
}

/* One stacked bar: the bands, then not assessed and missing, in grey. */
static void
bar(struct out *o, json_t *doc, json_t *row)
{
	json_t *bands = json_object_get(doc, "bands"), *b;
	json_int_t n = json_integer_value(json_object_get(row, "n"));
	size_t i, std = 0, nb = json_array_size(bands);
	double x = 0;

	json_array_foreach(bands, i, b)
		if (json_is_true(json_object_get(b, "standard")))
			std = i;
	report_put(o, "<svg class=\"bar\" viewBox=\"0 0 400 22\" width=\"400\" "
	    "height=\"22\" role=\"img\" aria-label=\"");
	for (i = 0; i < nb; i++) {
		json_t *c = json_object_get(row, str(json_array_get(bands, i),
		    "id"));

		if (json_is_integer(c) && n > 0)
			report_putf(o, "%s%s %lld%%", i ? ", " : "",
			    str(json_array_get(bands, i), "label"),
			    whole(100.0 * (double)json_integer_value(c) /
			    (double)n));
	}
	report_put(o, "\">");
	for (i = 0; i < nb + 2; i++) {
		const char *id = i < nb ? str(json_array_get(bands, i), "id") :
		    i == nb ? "not_assessed" : "missing";
		json_t *c = json_object_get(row, id);
		double w;

		if (!json_is_integer(c) || n <= 0 ||
		    json_integer_value(c) == 0)
			continue;
		w = 400.0 * (double)json_integer_value(c) / (double)n;
		report_putf(o, "<rect x=\"%.2f\" y=\"0\" width=\"%.2f\" height=\"22\" "
		    "fill=\"%s\"%s/>", x, w, i < nb ? report_band_colour(i, std) :
		    "#BBBBBB", i < std ? " class=\"hatch\"" : "");
		if (i < std)	/* below the standard: stripes as well */
			report_putf(o, "<rect x=\"%.2f\" y=\"0\" width=\"%.2f\" "
			    "height=\"22\" fill=\"url(#stripes)\"/>", x, w);
		if (w >= 26)
			report_putf(o, "<text x=\"%.2f\" y=\"15\" text-anchor=\"middle\">"
			    "%lld%%</text>", x + w / 2, whole(100.0 *
			    (double)json_integer_value(c) / (double)n));
		x += w;
	}
	report_put(o, "</svg>");
}

/*
 * The label of a summary row for its bar: subject, measure, the point
 * (when the document has several and `point`), groups.
 */
void
report_row_label(struct out *o, json_t *doc, json_t *row, int point)
{
	json_t *by = json_object_get(doc, "by"), *b;
	size_t i;

	report_text(o, report_label_of(row, "subject"));
	if (str(row, "measure") && strcmp(str(row, "measure"), "ta") != 0) {
		report_put(o, " (");
		report_text(o, report_label_of(row, "measure"));
		report_put(o, ")");
	}
	if (point && json_array_size(json_object_get(doc, "points")) > 1) {
		report_put(o, ", ");
		report_text(o, report_label_of(row, "point"));
	}
	json_array_foreach(by, i, b) {
		report_put(o, i ? ", " : ": ");
		report_text(o, report_label_of(row, str(b, "id")));
	}
}

int
report_suppressed(json_t *row)
{
	const char *n = str(row, "n");

	return n != NULL && strcmp(n, "c") == 0;
}

/* The bars of an overview, one per row. */
static void
bars(struct out *o, json_t *doc)
{
	json_t *rows = json_object_get(doc, "rows"), *row, *bands, *b;
	size_t i, std = 0;

	bands = json_object_get(doc, "bands");
	json_array_foreach(bands, i, b)
		if (json_is_true(json_object_get(b, "standard")))
			std = i;
	report_put(o, "<div class=\"legend\">");
	json_array_foreach(bands, i, b) {
		report_putf(o, "<span><svg width=\"14\" height=\"14\"><rect width=\"14\" "
		    "height=\"14\" fill=\"%s\"/>%s</svg> ", report_band_colour(i, std),
		    i < std ? "<rect width=\"14\" height=\"14\" "
		    "fill=\"url(#stripes)\"/>" : "");
		report_text(o, str(b, "label"));
		report_put(o, "</span>");
	}
	report_put(o, "<span><svg width=\"14\" height=\"14\"><rect width=\"14\" "
	    "height=\"14\" fill=\"#BBBBBB\"/></svg> Not assessed or missing"
	    "</span></div>\n<table class=\"bars\">\n");
	json_array_foreach(rows, i, row) {
		report_put(o, "<tr><th scope=\"row\">");
		report_row_label(o, doc, row, 1);
		report_put(o, "</th><td>");
		if (report_suppressed(row))
			report_put(o, "<span class=\"supp\">c</span> suppressed");
		else if (json_integer_value(json_object_get(row, "n")) > 0 &&
		    json_is_number(json_object_get(row, "pct_at_or_above")))
			bar(o, doc, row);
		report_put(o, "</td><td class=\"num\">");
		if (!report_suppressed(row) && json_is_number(
		    json_object_get(row, "pct_at_or_above"))) {
			cell_text(o, doc, row, "pct_at_or_above");
			report_put(o, " at or above");
		}
		report_put(o, "</td></tr>\n");
	}
	report_put(o, "</table>\n");
}

/* A summary document's table, in HTML or Markdown. */
static void
render_summary_table(struct out *o, json_t *doc)
{
	json_t *cols = json_object_get(doc, "columns"), *c, *row;
	json_t *rows = json_object_get(doc, "rows");
	size_t i, j, k, ncols = json_array_size(cols);
	unsigned char *keep = calloc(ncols + 1, 1), *share = NULL;
	long *pct = NULL;

	if (keep == NULL || pct_cols(cols, &pct, &share) != 0) {
		free(keep);
		if (o->rc == 0)
			o->rc = error_nomem(o->err);
		return;
	}
	for (i = 0; i < ncols; i++) {
		const char *id = str(json_array_get(cols, i), "id");

		keep[i] = !report_empty_col(rows, id);
		/* "38 (22%)": a count and its percentage share a cell. */
		if (share[i])
			keep[i] = 0;
		/* One point is in the heading already. */
		if (!strcmp(id, "point") && json_array_size(json_object_get(doc,
		    "points")) == 1)
			keep[i] = 0;
	}
	report_put(o, o->md ? "|" : "<table class=\"summary\">\n<thead><tr>");
	json_array_foreach(cols, i, c) {
		if (!keep[i])
			continue;
		report_put(o, o->md ? " " : "<th scope=\"col\">");
		report_text(o, str(c, "label"));
		report_put(o, o->md ? " |" : "</th>");
	}
	if (o->md) {
		report_put(o, "\n|");
		json_array_foreach(cols, i, c)
			if (keep[i])
				report_put(o, numeric_col(rows, str(c, "id")) ?
				    " ---: |" : " --- |");
		report_put(o, "\n");
	} else {
		report_put(o, "</tr></thead>\n<tbody>\n");
	}
	json_array_foreach(rows, j, row) {
		report_put(o, o->md ? "|" : "<tr>");
		for (k = 0; k < ncols; k++) {
			const char *id = str(json_array_get(cols, k), "id");
			json_t *v = json_object_get(row, id);
			int num = json_is_number(v), sup = json_is_string(v) &&
			    !strcmp(json_string_value(v), "c") &&
			    json_object_get(row, "n") != NULL;

			if (!keep[k])
				continue;
			if (o->md) {
				report_put(o, " ");
			} else if (sup) {
				report_put(o, "<td class=\"supp\" title=\"suppressed"
				    "\">");
			} else if ((!strcmp(id, "diff") || !strcmp(id, "gap"))
			    && num) {
				double x = json_number_value(v);

				report_put(o, x >= 0.5 ? "<td class=\"num up\">" :
				    x <= -0.5 ? "<td class=\"num down\">" :
				    "<td class=\"num\">");
			} else {
				report_put(o, num ? "<td class=\"num\">" : "<td>");
			}
			cell_text(o, doc, row, id);
			if (num && pct[k] >= 0 && json_is_number(
			    json_object_get(row, str(json_array_get(cols,
			    (size_t)pct[k]), "id")))) {
				report_put(o, " (");
				cell_text(o, doc, row, str(json_array_get(cols,
				    (size_t)pct[k]), "id"));
				report_put(o, ")");
			}
			report_put(o, o->md ? " |" : "</td>");
		}
		report_put(o, o->md ? "\n" : "</tr>\n");
	}
	report_put(o, o->md ? "\n" : "</tbody>\n</table>\n");
	free(keep);
	free(pct);
	free(share);
}

static void
summary(struct out *o, json_t *doc)
{
	const char *kind = str(doc, "kind");
	json_t *b = json_object_get(doc, "benchmark");
	json_int_t mg = json_integer_value(json_object_get(doc, "min_group"));

	if (!o->md)
		report_put(o, "<section class=\"summary\">\n");
	summary_heading(o, doc);
	if (!o->md && report_chart(o, doc) == 0 && (kind == NULL ||
	    !strcmp(kind, "overview")))
		bars(o, doc);
	render_summary_table(o, doc);
	report_put(o, o->md ? "" : "<p class=\"note\">");
	if (mg > 1) {
		char *note = suppress_note(mg, json_integer_value(
		    json_object_get(json_object_get(doc, "suppressed"),
		    "complements")));

		if (note == NULL && o->rc == 0)
			o->rc = error_nomem(o->err);
		if (note != NULL) {
			report_text(o, note);
			report_put(o, " ");
		}
		free(note);
	}
	if (b != NULL) {
		report_put(o, "Benchmark: ");
		report_text(o, str(b, "label"));
		report_put(o, ". ");
		if (json_object_get(b, "note") != NULL)
			report_put(o, REPORT_BENCH_YEARS_NOTE " ");
	}
	report_put(o, o->md ? "\n\n" : "</p>\n</section>\n");
}

/* ---- Matrices ---- */

const char *
report_matrix_title(json_t *doc)
{
	const char *t = str(doc, "title");

	return t != NULL ? t : "Progress";
}

/*
 * Appends one side of a matrix to t as its grid's title names it: its
 * measure's label when the sides' measures differ, and its point's
 * label; its selector when it has neither (as older documents have no
 * measure labels).  Returns 0, or -1 when out of memory.
 */
static int
side_title(track_buf *t, json_t *side, json_t *other)
{
	const char *ml = str(side, "measure_label"), *pl = str(side,
	    "point_label"), *m = str(side, "measure"), *om = str(other,
	    "measure");
	int rc = 0;

	if (ml == NULL || m == NULL || om == NULL || !strcmp(m, om))
		ml = NULL;
	if (ml == NULL && pl == NULL)
		ml = str(side, "selector");
	if (ml != NULL && *ml)
		rc |= buf_append(t, ml, strlen(ml), 0) < 0;
	if (ml != NULL && *ml && pl != NULL && *pl)
		rc |= buf_append(t, ", ", 2, 0) < 0;
	if (pl != NULL && *pl)
		rc |= buf_append(t, pl, strlen(pl), 0) < 0;
	return rc ? -1 : 0;
}

char *
report_grid_title(json_t *doc, json_t *g)
{
	json_t *from = json_object_get(doc, "from"), *to =
	    json_object_get(doc, "to");
	const char *sl = str(g, "subject_label");
	track_buf t = { 0 };
	char *pts = points_of(doc);
	int rc = pts == NULL;

	if (!rc && sl != NULL && *sl)
		rc = buf_append(&t, sl, strlen(sl), 0) < 0;
	rc = rc || buf_append(&t, ": ", 2, 0) < 0 ||
	    side_title(&t, from, to) != 0 ||
	    buf_append(&t, " to ", 4, 0) < 0 || side_title(&t, to, from) != 0;
	if (!rc && str(doc, "point_label") != NULL)
		rc = buf_append(&t, ", ", 2, 0) < 0 || (*pts &&
		    buf_append(&t, pts, strlen(pts), 0) < 0);
	free(pts);
	if (rc || buf_append(&t, "", 0, 1) < 0) {
		buf_free(&t);
		return NULL;
	}
	return t.ptr;
}

/* A grid's heading: "Reading: Autumn 2025-26 to Summer 2025-26". */
static void
grid_title(struct out *o, json_t *doc, json_t *g)
{
	char *title = report_grid_title(doc, g);

	report_put(o, o->md ? "### " : "<h3>");
	if (title == NULL && o->rc == 0)
		o->rc = error_nomem(o->err);
	report_text(o, title);
	free(title);
}

/* With --pupils: who moved from each row to each column. */
static void
grid_pupils(struct out *o, json_t *rows, json_t *cols, json_t *pupils)
{
	json_t *r, *c;
	size_t i, j;

	report_put(o, o->md ? "" : "<ul class=\"pupils\">\n");
	json_array_foreach(pupils, i, r) {
		json_array_foreach(r, j, c) {
			size_t k;
			json_t *nm;

			if (json_array_size(c) == 0)
				continue;
			report_put(o, o->md ? "- " : "<li><b>");
			report_text(o, str(json_array_get(rows, i), "label"));
			report_put(o, " to ");
			report_text(o, str(json_array_get(cols, j), "label"));
			report_putf(o, o->md ? " (%zu): " : " (%zu):</b> ",
			    json_array_size(c));
			json_array_foreach(c, k, nm) {
				if (k > 0)
					report_put(o, "; ");
				report_text(o, json_string_value(nm));
			}
			report_put(o, o->md ? "\n" : "</li>\n");
		}
	}
	report_put(o, o->md ? "\n" : "</ul>\n");
}

/*
 * One progress matrix (a grid of the matrix report's JSON): its heading,
 * then the grid shaded by count (or the suppression note), the movement
 * and the names.
 */
static void
render_matrix_grid(struct out *o, json_t *doc, json_t *g)
{
	json_t *rows = json_object_get(g, "rows"), *cols = json_object_get(g,
	    "cols"), *cells = json_object_get(g, "cells");
	json_t *rt = json_object_get(g, "row_totals"), *ct =
	    json_object_get(g, "col_totals"), *pupils = json_object_get(g,
	    "pupils"), *r, *c;
	json_int_t max = 1;
	size_t i, j;

	json_array_foreach(cells, i, r)
		json_array_foreach(r, j, c)
			if (json_integer_value(c) > max)
				max = json_integer_value(c);
	grid_title(o, doc, g);
	if (json_is_true(json_object_get(g, "suppressed"))) {
		/* Too few pupils: no grid, no counts, no names. */
		report_putf(o, o->md ? "\n\nSuppressed (c): fewer than %lld pupils."
		    "\n\n" : "</h3>\n<p class=\"note\"><span class=\"supp\">"
		    "c</span> Suppressed: fewer than %lld pupils.</p>\n",
		    (long long)json_integer_value(json_object_get(doc,
		    "min_group")));
		return;
	}
	report_put(o, o->md ? "\n\n| From \\\\ to |" : "</h3>\n<table class=\"matrix\">"
	    "\n<thead><tr><th scope=\"col\">From \\ to</th>");
	json_array_foreach(cols, j, c) {
		report_put(o, o->md ? " " : "<th scope=\"col\">");
		report_text(o, str(c, "label"));
		report_put(o, o->md ? " |" : "</th>");
	}
	report_put(o, o->md ? " Total |\n| --- |" : "<th scope=\"col\">Total</th></tr>"
	    "</thead>\n<tbody>\n");
	if (o->md) {
		for (j = 0; j <= json_array_size(cols); j++)
			report_put(o, " ---: |");
		report_put(o, "\n");
	}
	json_array_foreach(rows, i, r) {
		json_t *line = json_array_get(cells, i);

		report_put(o, o->md ? "| " : "<tr><th scope=\"row\">");
		report_text(o, str(r, "label"));
		report_put(o, o->md ? " |" : "</th>");
		json_array_foreach(line, j, c) {
			json_int_t n = json_integer_value(c);
			double a = (double)n / (double)max;
			int diag = i < json_array_size(rows) && str(r, "id") &&
			    str(json_array_get(cols, j), "id") &&
			    !strcmp(str(r, "id"), str(json_array_get(cols, j),
			    "id"));

			if (o->md) {
				report_putf(o, " %lld |", (long long)n);
				continue;
			}
			report_putf(o, "<td class=\"num%s\" style=\"background:"
			    "rgba(0,114,178,%.2f);color:%s\">%lld</td>",
			    diag ? " diag" : "", n ? 0.08 + 0.77 * a : 0.0,
			    a > 0.55 ? "#fff" : "#000", (long long)n);
		}
		report_putf(o, o->md ? " %lld |\n" : "<td class=\"num total\">%lld</td>"
		    "</tr>\n", (long long)json_integer_value(json_array_get(rt,
		    i)));
	}
	report_put(o, o->md ? "| Total |" : "<tr class=\"total\"><th scope=\"row\">"
	    "Total</th>");
	json_array_foreach(ct, j, c)
		report_putf(o, o->md ? " %lld |" : "<td class=\"num\">%lld</td>",
		    (long long)json_integer_value(c));
	report_putf(o, o->md ? " %lld |\n\n" : "<td class=\"num\">%lld</td></tr>\n"
	    "</tbody>\n</table>\n", (long long)json_integer_value(
	    json_object_get(g, "total")));
	report_putf(o, o->md ? "Moved up %lld, stayed the same %lld, moved down "
	    "%lld.\n\n" : "<p class=\"note\">Moved up %lld, stayed the same "
	    "%lld, moved down %lld.</p>\n",
	    (long long)json_integer_value(json_object_get(g, "up")),
	    (long long)json_integer_value(json_object_get(g, "same")),
	    (long long)json_integer_value(json_object_get(g, "down")));
	if (json_is_array(pupils))
		grid_pupils(o, rows, cols, pupils);
}

static void
matrix(struct out *o, json_t *doc)
{
	json_t *gs = json_object_get(doc, "matrices"), *g;
	size_t i;

	if (!o->md)
		report_put(o, "<section class=\"matrix\">\n");
	report_put(o, o->md ? "## " : "<h2>");
	report_text(o, report_matrix_title(doc));
	report_put(o, o->md ? "\n\n" : "</h2>\n");
	json_array_foreach(gs, i, g)
		render_matrix_grid(o, doc, g);
	if (json_array_size(gs) == 0)
		report_put(o, o->md ? "No pupils were found on both sides.\n\n" :
		    "<p>No pupils were found on both sides.</p>\n");
	if (!o->md)
		report_put(o, "</section>\n");
}

/* ---- The page ---- */

static const char css[] =
    "body{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,"
    "Arial,sans-serif;color:#111;margin:2em auto;max-width:60em;"
    "padding:0 1em;line-height:1.4}\n"
    "header{border-bottom:3px solid #0072B2;margin-bottom:1.5em}\n"
    "h1{margin:0 0 .2em}h2{margin-top:1.6em;border-bottom:1px solid #ccc}"
    "\n"
    "table{border-collapse:collapse;margin:.6em 0;font-size:.85em}\n"
    "table.summary{font-size:.8em}\n"
    "th,td{border:1px solid #bbb;padding:.2em .45em;text-align:left;"
    "vertical-align:top}\n"
    "thead th{background:#eee}\n"
    "td.num{text-align:right;font-variant-numeric:tabular-nums;"
    "white-space:nowrap}\n"
    "td.supp,span.supp{font-style:italic;color:#555;text-align:center}\n"
    "td.up{background:#d7ecf7}td.up::before{content:\"\\25B2\\00a0\";"
    "font-size:.7em}\n"
    "td.down{background:#fbe3cc}td.down::before{content:\"\\25BC\\00a0\";"
    "font-size:.7em}\n"
    "table.bars td,table.bars th{border:none;padding:.1em .4em}\n"
    "svg.bar text{font-size:11px;fill:#000}\n"
    ".legend span{margin-right:1.2em;font-size:.85em;white-space:nowrap}\n"
    ".legend svg{vertical-align:middle}\n"
    "td.diag{outline:2px solid #333;outline-offset:-2px}\n"
    ".multiples{display:flex;flex-wrap:wrap;gap:.4em 1.2em}"
    "figure.chart{margin:.3em 0}figure.chart figcaption{font-size:.85em;"
    "font-weight:bold}svg.chart text{font-size:11px;fill:#000}"
    "svg.chart text.c{font-style:italic;fill:#555}\n"
    "tr.total td,td.total{font-weight:bold}\n"
    ".note{font-size:.85em;color:#333}\n"
    "ul.pupils{font-size:.85em}\n"
    "@page{size:A4;margin:15mm}\n"
    "@media print{body{margin:0;max-width:none;font-size:10pt}"
    "table.summary,table.matrix{font-size:7.5pt}svg.bar{width:65mm}"
    "figure.chart{break-inside:avoid}"
    "section{break-inside:avoid-page}h2,h3{break-after:avoid}"
    "table{break-inside:auto}tr{break-inside:avoid}"
    "header{break-after:avoid}}\n";

/* See report_int.h. */
void
report_html_head(struct out *o, const char *title, const char *school)
{
	report_put(o, "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\">\n<title>");
	report_text(o, title);
	if (school) {
		report_put(o, " \xe2\x80\x94 ");
		report_text(o, school);
	}
	report_put(o, "</title>\n<style>\n");
}

int
report_html(const track_report *r, track_writer *w, track_error *err)
{
	struct out o = { .w = w, .err = err };
	const char *title = r->o.title ? r->o.title : "Governors' pack";
	json_t *doc;
	size_t i;

	if (r->o.parents || (r->npupils > 0 &&
	    r->npupils == json_array_size(r->docs)))
		return report_pupil_pages(r, w, 0, err);
	report_html_head(&o, title, r->o.school);
	report_put(&o, css);
	if (r->npupils > 0)
		report_put(&o, report_pupil_css);
	report_put(&o, "</style>\n</head>\n<body>\n"
	    "<svg width=\"0\" height=\"0\" style=\"position:absolute\" "
	    "aria-hidden=\"true\"><defs><pattern id=\"stripes\" "
	    "width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
	    "patternTransform=\"rotate(45)\"><rect width=\"2\" height=\"6\" "
	    "fill=\"#000\" fill-opacity=\"0.25\"/></pattern></defs></svg>\n"
	    "<header>\n<h1>");
	report_text(&o, title);
	report_put(&o, "</h1>\n");
	if (r->o.school) {
		report_put(&o, "<p class=\"school\">");
		report_text(&o, r->o.school);
		report_put(&o, "</p>\n");
	}
	if (r->o.date) {
		report_put(&o, "<p class=\"date\">Data as at ");
		report_text(&o, r->o.date);
		report_put(&o, "</p>\n");
	}
	report_put(&o, "</header>\n<main>\n");
	json_array_foreach(r->docs, i, doc) {
		if (!strcmp(str(doc, "report"), "summary"))
			summary(&o, doc);
		else if (!strcmp(str(doc, "report"), "matrix"))
			matrix(&o, doc);
		else if (o.rc == 0)
			o.rc = report_pupil_page(r, doc, w, o.md, err);
	}
	report_put(&o, "</main>\n</body>\n</html>\n");
	return o.rc;
}

int
report_markdown(const track_report *r, track_writer *w, track_error *err)
{
	struct out o = { .w = w, .err = err, .md = 1 };
	json_t *doc;
	size_t i;

	if (r->o.parents || (r->npupils > 0 &&
	    r->npupils == json_array_size(r->docs)))
		return report_pupil_pages(r, w, 1, err);
	report_put(&o, "# ");
	report_text(&o, r->o.title ? r->o.title : "Governors' pack");
	report_put(&o, "\n\n");
	if (r->o.school) {
		report_text(&o, r->o.school);
		report_put(&o, "\n\n");
	}
	if (r->o.date) {
		report_put(&o, "Data as at ");
		report_text(&o, r->o.date);
		report_put(&o, "\n\n");
	}
	json_array_foreach(r->docs, i, doc) {
		if (!strcmp(str(doc, "report"), "summary"))
			summary(&o, doc);
		else if (!strcmp(str(doc, "report"), "matrix"))
			matrix(&o, doc);
		else if (o.rc == 0)
			o.rc = report_pupil_page(r, doc, w, o.md, err);
	}
	return o.rc;
}
