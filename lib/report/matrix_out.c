/*
 * matrix_out.c - progress matrices written out: as a long table (a row
 * per cell, then the totals and movement) with their JSON, or as text
 * grids, one per subject; a grid with a group too small is suppressed
 * whole.
 */
#include "matrix_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *
cat_id(const track_matrix *m, int side, long c)
{
	if (c < 0)
		return side == FROM ? "no earlier" : "no later";
	return m->side[side].cat[c].id;
}

/* The label of a category: band labels for bands, else the id. */
static const char *
cat_label(const track_matrix *m, int side, long c)
{
	int b;

	if (c < 0)
		return side == FROM ? "No earlier" : "No later";
	b = scheme_band_index(m->s, m->side[side].cat[c].id,
	    strlen(m->side[side].cat[c].id));
	if (b >= 0 && m->side[side].cat[c].cls == C_IN &&
	    fmod(m->side[side].cat[c].a, 1000) == 999)
		return scheme_band_label(m->s, (size_t)b);
	return m->side[side].cat[c].id;
}

/* Appends NUL-terminated `s` to `b` (the NUL not kept); -1: no memory. */
static int
put(track_buf *b, const char *s)
{
	if (*s == '\0')	/* nothing to add to a buffer not yet made */
		return 0;
	return buf_append(b, s, strlen(s), 0) < 0 ? -1 : 0;
}

/* Ends the text in `b` and hands it out (NULL when out of memory). */
static char *
done(track_buf *b, int rc)
{
	if (rc != 0 || buf_append(b, "", 0, 1) < 0) {
		buf_free(b);
		return NULL;
	}
	return b->ptr;
}

/*
 * The subject column, "reading", or "reading vs writing" on an axis, in
 * a new string (labels when `label`); NULL when out of memory.
 */
static char *
subject_text(const track_matrix *m, const struct grid *g, int label)
{
	int a = m->sel[FROM].subject, b = m->sel[TO].subject;
	track_buf o = { 0 };
	int rc;

	if (!m->subject_axis)
		a = b = g->subj;
	rc = put(&o, label ? scheme_subject_label(m->s, (size_t)a) :
	    scheme_subject_id_at(m->s, (size_t)a));
	if (a != b)
		rc |= put(&o, " vs ") | put(&o, label ?
		    scheme_subject_label(m->s, (size_t)b) :
		    scheme_subject_id_at(m->s, (size_t)b));
	return done(&o, rc);
}

/*
 * Describes one side for a grid's title, in a new string: its measure
 * (when the sides' measures differ) and its point's label (when the side
 * names one).  NULL when out of memory.
 */
static char *
side_text(const track_matrix *m, int side)
{
	const struct sel *sl = &m->sel[side];
	track_buf o = { 0 };
	int rc = put(&o, "");

	if (m->sel[FROM].measure != m->sel[TO].measure)
		rc |= put(&o, scheme_measure_label(m->s, (size_t)sl->measure));
	if (sl->point != NULL) {
		char *pl = scheme_point_label_dup(m->s,
		    sl->point, strlen(sl->point));

		rc |= pl == NULL || put(&o, o.len ? ", " : "") || put(&o, pl);
		free(pl);
	}
	return done(&o, rc);
}

static int
cmp_name(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* Sorted names of a cell, borrowed from m->disp; caller frees the array. */
static const char **
names_of(const track_matrix *m, const struct mcell *c)
{
	const char **v = calloc(c->nn + 1, sizeof *v);
	size_t i;

	if (v == NULL)
		return NULL;
	for (i = 0; i < c->nn; i++)
		v[i] = m->disp.ptr + c->names[i];
	qsort(v, c->nn, sizeof *v, cmp_name);
	return v;
}

/* The threshold: --min-group, else the scheme's privacy setting. */
static long long
min_group(const track_matrix *m)
{
	return m->o.min_group >= 0 ? m->o.min_group : scheme_min_group(m->s);
}

/*
 * Nonzero when a grid is suppressed whole: a threshold above 1, and
 * fewer pupils than it (but some) with an earlier value, with a later
 * one, with both, or in all.  Each of those is a group the grid's totals
 * would publish.
 */
static int
grid_suppressed(const track_matrix *m, const struct grid *g)
{
	long long mg = min_group(m), from = 0, to = 0, both = 0, all = 0;
	size_t r, c;

	if (mg <= 1)
		return 0;
	for (r = 0; r < g->nrows; r++)
		for (c = 0; c < g->ncols; c++) {
			long long n = g->cell[r * g->ncols + c].n;

			all += n;
			from += g->rows[r] >= 0 ? n : 0;
			to += g->cols[c] >= 0 ? n : 0;
			both += g->rows[r] >= 0 && g->cols[c] >= 0 ? n : 0;
		}
	return (from > 0 && from < mg) || (to > 0 && to < mg) ||
	    (both > 0 && both < mg) || (all > 0 && all < mg);
}

/* Adds one long row whose figures are suppressed. */
static int
supp_row(track_matrix *m, track_rtable *t, const char *subj,
    const char *slabel, const char *from, const char *flabel,
    const char *to, const char *tlabel)
{
	if (rtable_row(t) != 0 || rtable_text(t, 0, subj, slabel) != 0 ||
	    rtable_text(t, 1, from, flabel) != 0 ||
	    rtable_text(t, 2, to, tlabel) != 0 || rtable_supp(t, 3) != 0)
		return -1;
	return m->o.pupils ? rtable_supp(t, 4) : 0;
}

/*
 * A suppressed grid: the "total" row and the "moved" rows, every figure
 * "c"; no rows or columns.  Returns 0 or -1 (out of memory).
 */
static int
supp_grid(track_matrix *m, track_rtable *t, json_t *grids, const char *subj,
    const char *slab)
{
	static const char *const mv[][2] = { { "up", "Up" },
	    { "same", "Same" }, { "down", "Down" } };
	json_t *gj;
	size_t i;

	if (supp_row(m, t, subj, slab, "total", "Total", "total", "Total"))
		return -1;
	for (i = 0; i < 3; i++)
		if (supp_row(m, t, subj, slab, "moved", "Moved", mv[i][0],
		    mv[i][1]) != 0)
			return -1;
	gj = json_pack("{s:s, s:s, s:b, s:[], s:[], s:[], s:[], s:[], s:s, "
	    "s:s, s:s, s:s}", "subject", subj, "subject_label", slab,
	    "suppressed", 1, "rows", "cols", "cells", "row_totals",
	    "col_totals", "total", "c", "up", "c", "same", "c", "down", "c");
	return gj == NULL || json_array_append_new(grids, gj) != 0 ? -1 : 0;
}

/* Adds one long row. */
static int
long_row(track_matrix *m, track_rtable *t, const char *subj,
    const char *slabel, const char *from, const char *flabel,
    const char *to, const char *tlabel, long long n, const struct mcell *c)
{
	if (rtable_row(t) != 0 || rtable_text(t, 0, subj, slabel) != 0 ||
	    rtable_text(t, 1, from, flabel) != 0 ||
	    rtable_text(t, 2, to, tlabel) != 0 || rtable_int(t, 3, n) != 0)
		return -1;
	if (m->o.pupils && c != NULL) {
		const char **v = names_of(m, c);
		int rc;

		if (v == NULL)
			return -1;
		rc = rtable_list(t, 4, v, c->nn);
		free(v);
		return rc;
	}
	return 0;
}

static json_t *
side_json(const track_matrix *m, int side)
{
	const struct sel *sl = &m->sel[side];
	json_t *o = json_pack("{s:s, s:s, s:s}", "selector", sl->spec,
	    "measure", scheme_measure_id_at(m->s, (size_t)sl->measure),
	    "measure_label", scheme_measure_label(m->s, (size_t)sl->measure));

	if (o != NULL && sl->point != NULL) {
		char *lb = scheme_point_label_dup(m->s,
		    sl->point, strlen(sl->point));

		if (lb == NULL) {
			json_decref(o);
			return NULL;
		}
		json_object_set_new(o, "point", json_string(sl->point));
		json_object_set_new(o, "point_label", json_string(lb));
		free(lb);
	}
	return o;
}

/*
 * The long rows of a grid's totals: per row, per column, all, and the
 * pupils who moved up, stayed the same and moved down.  0 or -1.
 */
static int
total_rows(track_matrix *m, track_rtable *t, const struct grid *g,
    const char *subj, const char *slab, const long long *rt,
    const long long *ct, long long all)
{
	size_t r, c;

	for (r = 0; r < g->nrows; r++)
		if (long_row(m, t, subj, slab, cat_id(m, FROM, g->rows[r]),
		    cat_label(m, FROM, g->rows[r]), "total", "Total", rt[r],
		    NULL) != 0)
			return -1;
	for (c = 0; c < g->ncols; c++)
		if (long_row(m, t, subj, slab, "total", "Total", cat_id(m, TO,
		    g->cols[c]), cat_label(m, TO, g->cols[c]), ct[c],
		    NULL) != 0)
			return -1;
	if (long_row(m, t, subj, slab, "total", "Total", "total", "Total",
	    all, NULL) != 0 ||
	    long_row(m, t, subj, slab, "moved", "Moved", "up", "Up", g->up,
	    NULL) != 0 ||
	    long_row(m, t, subj, slab, "moved", "Moved", "same", "Same",
	    g->same, NULL) != 0 ||
	    long_row(m, t, subj, slab, "moved", "Moved", "down", "Down",
	    g->down, NULL) != 0)
		return -1;
	return 0;
}

/* The sorted names of a cell as a JSON list (NULL: out of memory). */
static json_t *
names_json(const track_matrix *m, const struct mcell *cl)
{
	const char **v = names_of(m, cl);
	json_t *nl = json_array();
	size_t i;

	for (i = 0; v && i < cl->nn; i++)
		json_array_append_new(nl, json_string(v[i]));
	free(v);
	return nl;
}

/*
 * One grid of the table: its long rows (a row per cell with pupils,
 * then the totals) into t, and its JSON (rows, columns, cells, totals,
 * movement and with --pupils names) appended to `grids`.  Returns 0 or
 * -1 (out of memory).
 */
static int
table_grid(track_matrix *m, track_rtable *t, json_t *grids,
    const struct grid *g, const char *subj, const char *slab)
{
	long long *rt = calloc(g->nrows + 1, sizeof *rt);
	long long *ct = calloc(g->ncols + 1, sizeof *ct), all = 0;
	json_t *gj = NULL, *rows = json_array(), *cols = json_array();
	json_t *cells = json_array(), *pj = json_array();
	json_t *rtj = json_array(), *ctj = json_array();
	size_t r, c;
	int rc = -1;

	if (rt == NULL || ct == NULL || rows == NULL || cols == NULL ||
	    cells == NULL || pj == NULL || rtj == NULL || ctj == NULL)
		goto out;
	for (r = 0; r < g->nrows; r++) {
		json_t *line = json_array(), *pl = json_array();

		json_array_append_new(rows, json_pack("{s:s, s:s}", "id",
		    cat_id(m, FROM, g->rows[r]), "label", cat_label(m, FROM,
		    g->rows[r])));
		json_array_append_new(cells, line);
		if (m->o.pupils)
			json_array_append_new(pj, pl);
		else
			json_decref(pl);
		for (c = 0; c < g->ncols; c++) {
			const struct mcell *cl = &g->cell[r * g->ncols + c];

			rt[r] += cl->n;
			ct[c] += cl->n;
			all += cl->n;
			json_array_append_new(line, json_integer(cl->n));
			if (m->o.pupils)
				json_array_append_new(pl, names_json(m, cl));
			if (cl->n > 0 && long_row(m, t, subj, slab,
			    cat_id(m, FROM, g->rows[r]),
			    cat_label(m, FROM, g->rows[r]),
			    cat_id(m, TO, g->cols[c]),
			    cat_label(m, TO, g->cols[c]), cl->n, cl) != 0)
				goto out;
		}
	}
	for (c = 0; c < g->ncols; c++)
		json_array_append_new(cols, json_pack("{s:s, s:s}", "id",
		    cat_id(m, TO, g->cols[c]), "label", cat_label(m, TO,
		    g->cols[c])));
	if (total_rows(m, t, g, subj, slab, rt, ct, all) != 0)
		goto out;
	for (r = 0; r < g->nrows; r++)
		json_array_append_new(rtj, json_integer(rt[r]));
	for (c = 0; c < g->ncols; c++)
		json_array_append_new(ctj, json_integer(ct[c]));
	gj = json_pack("{s:s, s:s, s:O, s:O, s:O, s:O, s:O, s:I, s:I, s:I, "
	    "s:I}", "subject", subj, "subject_label", slab,
	    "rows", rows, "cols", cols, "cells", cells, "row_totals", rtj,
	    "col_totals", ctj, "total", (json_int_t)all, "up",
	    (json_int_t)g->up, "same", (json_int_t)g->same, "down",
	    (json_int_t)g->down);
	if (gj != NULL && m->o.pupils)
		json_object_set(gj, "pupils", pj);
	if (gj != NULL && json_array_append_new(grids, gj) == 0)
		rc = 0;
out:
	free(rt);
	free(ct);
	json_decref(rows);
	json_decref(cols);
	json_decref(cells);
	json_decref(pj);
	json_decref(rtj);
	json_decref(ctj);
	return rc;
}

/* The table's JSON description (for -F json); NULL when out of memory. */
static json_t *
table_meta(track_matrix *m, json_t *grids)
{
	json_t *mt = json_pack("{s:s}", "report", "matrix");

	if (mt == NULL)
		return NULL;
	if (m->o.title != NULL)
		json_object_set_new(mt, "title", json_string(m->o.title));
	json_object_set_new(mt, "scheme", json_string(scheme_name(m->s)));
	json_object_set_new(mt, "from", side_json(m, FROM));
	json_object_set_new(mt, "to", side_json(m, TO));
	if (m->point_free && m->point >= 0) {
		const char *pt = assess_point_text(m->a, m->point);
		char *lb = scheme_point_label_dup(m->s, pt, strlen(pt));

		if (lb == NULL) {
			json_decref(mt);
			return NULL;
		}
		json_object_set_new(mt, "point", json_string(pt));
		json_object_set_new(mt, "point_label", json_string(lb));
		free(lb);
	}
	json_object_set_new(mt, "pupils", json_boolean(m->o.pupils));
	json_object_set_new(mt, "stable", json_boolean(m->o.stable));
	if (min_group(m) > 1)
		json_object_set_new(mt, "min_group",
		    json_integer(min_group(m)));
	json_object_set(mt, "matrices", grids);
	return mt;
}

int
matrix_table(track_matrix *m, track_rtable **out, json_t **meta,
    track_error *err)
{
	track_rtable *t = rtable_new();
	json_t *mt = NULL, *grids = json_array();
	char *subj = NULL, *slab = NULL;
	size_t k;
	int rc;

	*out = NULL;
	*meta = NULL;
	rc = mx_build(m, err);
	if (rc != 0)
		goto fail;
	if (t == NULL || grids == NULL || rtable_col(t, "subject",
	    "Subject") < 0 || rtable_col(t, "from", "From") < 0 ||
	    rtable_col(t, "to", "To") < 0 || rtable_col(t, "n", "Pupils") < 0 ||
	    (m->o.pupils && rtable_col(t, "pupils", "Pupils") < 0))
		goto oom;
	for (k = 0; k < m->ngrid; k++) {
		const struct grid *g = &m->grid[k];

		free(subj);
		free(slab);
		subj = subject_text(m, g, 0);
		slab = subject_text(m, g, 1);
		if (subj == NULL || slab == NULL)
			goto oom;
		if (grid_suppressed(m, g) ? supp_grid(m, t, grids, subj,
		    slab) != 0 : table_grid(m, t, grids, g, subj, slab) != 0)
			goto oom;
	}
	mt = table_meta(m, grids);
	if (mt == NULL)
		goto oom;
	json_decref(grids);
	free(subj);
	free(slab);
	*out = t;
	*meta = mt;
	return 0;
oom:
	rc = error_nomem(err);
fail:
	free(subj);
	free(slab);
	rtable_free(t);
	json_decref(grids);
	return rc;
}

/* Writes one line of text. */
static int
line(track_writer *w, const char *s, track_error *err)
{
	return writer_text(w, s, strlen(s), err);
}

/*
 * With --pupils, a line per cell with pupils under a grid: "From to To
 * (n): names".  Returns 0, TRACK_EXIT_IO (err filled) or -1 (out of
 * memory).
 */
static int
grid_names(track_matrix *m, track_writer *w, enum track_format fmt,
    const struct grid *g, track_error *err)
{
	char buf[64];
	size_t r, c, i;
	int rc = 0;

	for (r = 0; m->o.pupils && r < g->nrows; r++)
		for (c = 0; c < g->ncols; c++) {
			const struct mcell *cl = &g->cell[r * g->ncols + c];
			const char **v;

			if (cl->n == 0)
				continue;
			v = names_of(m, cl);
			if (v == NULL)
				return -1;
			snprintf(buf, sizeof buf, " (%lld): ", cl->n);
			rc = line(w, fmt == TRACK_FMT_MARKDOWN ? "- " : "  ",
			    err);
			if (rc == 0)
				rc = line(w, cat_label(m, FROM, g->rows[r]),
				    err);
			if (rc == 0)
				rc = line(w, " to ", err);
			if (rc == 0)
				rc = line(w, cat_label(m, TO, g->cols[c]), err);
			if (rc == 0)
				rc = line(w, buf, err);
			for (i = 0; rc == 0 && i < cl->nn; i++) {
				rc = line(w, v[i], err);
				if (rc == 0)
					rc = line(w, i + 1 < cl->nn ? "; " :
					    "\n", err);
			}
			free(v);
			if (rc != 0)
				return TRACK_EXIT_IO;
		}
	return 0;
}

/*
 * A grid as a table: a row per earlier category, a column per later
 * one, with totals.  *out (the caller frees it) gets it.  Returns 0 or
 * -1 (out of memory).
 */
static int
grid_table(track_matrix *m, const struct grid *g, track_rtable **out)
{
	track_rtable *t = rtable_new();
	long long *ct = calloc(g->ncols + 1, sizeof *ct), all = 0;
	size_t r, c;

	*out = NULL;
	if (t == NULL || ct == NULL || rtable_col(t, "from", "From \\ to") < 0)
		goto oom;
	for (c = 0; c < g->ncols; c++)
		if (rtable_col(t, cat_id(m, TO, g->cols[c]), cat_label(m, TO,
		    g->cols[c])) < 0)
			goto oom;
	if (rtable_col(t, "total", "Total") < 0)
		goto oom;
	for (r = 0; r < g->nrows; r++) {
		long long rt = 0;

		if (rtable_row(t) != 0 || rtable_text(t, 0, cat_id(m, FROM,
		    g->rows[r]), cat_label(m, FROM, g->rows[r])) != 0)
			goto oom;
		for (c = 0; c < g->ncols; c++) {
			long long n = g->cell[r * g->ncols + c].n;

			rtable_int(t, c + 1, n);
			rt += n;
			ct[c] += n;
		}
		rtable_int(t, g->ncols + 1, rt);
		all += rt;
	}
	if (rtable_row(t) != 0 || rtable_text(t, 0, "total", "Total"))
		goto oom;
	for (c = 0; c < g->ncols; c++)
		rtable_int(t, c + 1, ct[c]);
	rtable_int(t, g->ncols + 1, all);
	free(ct);
	*out = t;
	return 0;
oom:
	free(ct);
	rtable_free(t);
	return -1;
}

/*
 * One grid as text: its title ("Reading: Autumn 2025-26 to Summer
 * 2025-26", from the sides' texts a and b and the point's label pl), the
 * table or the suppression note, the movement and the names.  Returns
 * 0, TRACK_EXIT_IO or -1 (out of memory).
 */
static int
grid_text(track_matrix *m, track_writer *w, enum track_format fmt,
    size_t k, const char *a, const char *b, const char *pl,
    track_error *err)
{
	const struct grid *g = &m->grid[k];
	char buf[200], *subj = subject_text(m, g, 1);
	track_rtable *t = NULL;
	int rc;

	if (subj == NULL)
		return -1;
	rc = line(w, k ? "\n" : "", err) != 0 ||
	    line(w, fmt == TRACK_FMT_MARKDOWN ? "### " : "", err) ||
	    line(w, subj, err) || line(w, ": ", err) ||
	    line(w, a, err) || line(w, *a && *b ? " to " : "", err) ||
	    line(w, b, err) || line(w, *pl && (*a || *b) ? ", " : "", err) ||
	    line(w, pl, err) || line(w, "\n\n", err) ? TRACK_EXIT_IO : 0;
	free(subj);
	if (rc != 0)
		return rc;
	if (grid_suppressed(m, g)) {
		snprintf(buf, sizeof buf, "Suppressed (c): fewer than %lld "
		    "pupils.\n", min_group(m));
		return line(w, buf, err) != 0 ? TRACK_EXIT_IO : 0;
	}
	if (grid_table(m, g, &t) != 0)
		return -1;
	rc = rtable_write(t, w, fmt, err);
	rtable_free(t);
	if (rc != 0)
		return TRACK_EXIT_IO;
	snprintf(buf, sizeof buf, "\nMoved up %lld, stayed the same %lld, "
	    "moved down %lld.\n", g->up, g->same, g->down);
	if (line(w, buf, err) != 0)
		return TRACK_EXIT_IO;
	return grid_names(m, w, fmt, g, err);
}

int
matrix_grids(track_matrix *m, track_writer *w, enum track_format fmt,
    track_error *err)
{
	char *a = NULL, *b = NULL, *pl = NULL;
	size_t k;
	int rc;

	rc = mx_build(m, err);
	if (rc != 0)
		return rc;
	a = side_text(m, FROM);
	b = side_text(m, TO);
	if (m->point_free && m->point >= 0) {
		const char *pt = assess_point_text(m->a, m->point);

		pl = scheme_point_label_dup(m->s, pt, strlen(pt));
	} else {
		pl = strdup("");
	}
	if (a == NULL || b == NULL || pl == NULL)
		rc = -1;
	if (rc == 0 && m->o.title != NULL && (line(w, fmt ==
	    TRACK_FMT_MARKDOWN ? "## " : "", err) || line(w, m->o.title,
	    err) || line(w, "\n\n", err)))
		rc = TRACK_EXIT_IO;
	for (k = 0; rc == 0 && k < m->ngrid; k++)
		rc = grid_text(m, w, fmt, k, a, b, pl, err);
	if (rc < 0)
		rc = error_nomem(err);
	free(a);
	free(b);
	free(pl);
	return rc;
}

int
matrix_check(const track_matrix *m, track_error *err)
{
	char seen[400];
	int k;

	for (k = 0; k < 2; k++) {
		if (m->side[k].nent > 0 || (m->sel[k].point == NULL &&
		    m->o.point == NULL))
			continue;
		if (assess_points_seen(m->a, seen, sizeof seen) != 0)
			return error_nomem(err);
		if (seen[0] == '\0')
			return 0;	/* no records at all: nothing to say */
		return error_set(err, TRACK_EXIT_DATA, NULL, 0, "%s %s: no "
		    "records match%s%s%s", k == FROM ? "--from" : "--to",
		    m->sel[k].spec, seen[0] ? " (the input has points " : "",
		    seen, seen[0] ? ")" : "");
	}
	return 0;
}

void
matrix_free(track_matrix *m)
{
	size_t k, i;

	if (m == NULL)
		return;
	for (k = 0; k < 2; k++) {
		for (i = 0; i < m->sel[k].nt; i++) {
			free(m->sel[k].t[i].field);
			free(m->sel[k].t[i].value);
		}
		free(m->sel[k].spec);
		free(m->side[k].cat);
		strmap_free(m->side[k].catmap);
		u64map_free(m->side[k].emap);
		chains_free(&m->side[k].chain);
		free(m->side[k].ent);
		free(m->side[k].memo);
	}
	for (k = 0; k < m->ngrid; k++) {
		for (i = 0; i < m->grid[k].nrows * m->grid[k].ncols; i++)
			free(m->grid[k].cell[i].names);
		free(m->grid[k].cell);
		free(m->grid[k].rows);
		free(m->grid[k].cols);
		free(m->grid[k].rpos);
		free(m->grid[k].cpos);
	}
	free(m->grid);
	free(m->gidx);
	assess_free(m->a);
	pnames_free(&m->pn);
	buf_free(&m->disp);
	free(m);
}
