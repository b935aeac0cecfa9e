/*
 * pupil_transition.c - what the next teacher or school needs
 * (--transition) and a partial Common Transfer File of the statutory
 * results (-F ctf); see pupil.h and track-pupil(1).
 *
 * A pupil's transition items, in this order:
 *   statutory     every result at a statutory point (the scheme's
 *                 "statutory" points: EYFS, phonics, KS1, MTC, KS2);
 *   judgement     the latest teacher assessment (the default measure) of
 *                 each subject at any other point, in the school's words;
 *   test          the latest result of each subject and other measure;
 *   group         each group column the pupil has a value in;
 *   intervention  the same, for a column whose name starts with
 *                 "intervention";
 *   flag          the pupil's flags, with their evidence.
 */
#include "pupil_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "base/xml.h"
#include "scheme/ctf.h"

enum kind { K_STATUTORY, K_JUDGEMENT, K_TEST, K_OBJECTIVES, K_GROUP,
	K_INTERVENTION, K_FLAG };

static const char *const kind_id[] = {
	"statutory", "judgement", "test", "objectives", "group",
	"intervention", "flag"
};
static const char *const kind_label[] = {
	"Statutory", "Latest judgement", "Latest test",
	"Latest objectives secured", "Group", "Intervention", "Flag"
};

/* The columns of a pupil's items; the long CSV has pupil, name, year first. */
static const char *const item_cols[][2] = {
	{ "kind", "Kind" }, { "item", "Item" }, { "measure", "Measure" },
	{ "point", "Point" }, { "value", "Value" }, { "band", "Band" },
	{ "detail", "Detail" }
};
#define NITEM (sizeof item_cols / sizeof item_cols[0])

/* Text member `key` of a JSON object, or "". */
static const char *
jstr(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s != NULL ? s : "";
}

/* What writing the items needs besides the view. */
struct tr {
	struct view *v;
	unsigned char *stat;	/* point id -> a statutory point (1: scoped,
				   2: unscoped), else 0 */
	track_rtable *t;	/* the table written to, or NULL ... */
	json_t *doc;		/* ... the JSON document */
	size_t base;		/* the column of "kind" in t */
};

static const char *
words_of_ent(const track_pupils *p, const struct pent *e)
{
	size_t len;

	return strmap_key(p->words, (long)e->words, &len);
}

static const char *
pupil_id(const track_pupils *p, uint32_t k)
{
	size_t len;

	return strmap_key(p->pupils, (long)k, &len);
}

/* Marks the statutory points of the view's records.  -1: no memory. */
static int
tr_init(struct tr *r, struct view *v)
{
	size_t np = v->p->a != NULL ? assess_point_count(v->p->a) : 0, i;
	track_point_key key;
	const char *pt;
	int kind;

	memset(r, 0, sizeof *r);
	r->v = v;
	r->stat = calloc(np + 1, 1);
	if (r->stat == NULL)
		return -1;
	for (i = 0; i < np; i++) {
		pt = assess_point_text(v->p->a, (long)i);
		kind = scheme_point_key(v->p->s, pt, strlen(pt), &key);
		r->stat[i] = kind == TRACK_POINT_SCOPED_STATUTORY ? 1 :
		    kind == TRACK_POINT_STATUTORY ? 2 : 0;
	}
	return 0;
}

/* Nonzero when a group column holds interventions. */
static int
is_intervention(const char *col)
{
	return strncasecmp(col, "intervention", 12) == 0;
}

/* Starts an item row of kind `k` in r->t. */
static int
item_start(struct tr *r, const struct pinfo *pi, uint32_t pupil, enum kind k)
{
	const track_pupils *p = r->v->p;

	if (rtable_row(r->t) != 0)
		return -1;
	if (r->base > 0 && (rtable_text(r->t, 0, pupil_id(p, pupil),
	    NULL) != 0 || rtable_text(r->t, 1, pupil_gval(p, pi->name),
	    NULL) != 0 || (pi->year >= 0 && rtable_text(r->t, 2,
	    scheme_year_id_at(p->s, (size_t)pi->year),
	    scheme_year_label(p->s, (size_t)pi->year)) != 0)))
		return -1;
	return rtable_text(r->t, r->base, kind_id[k], kind_label[k]);
}

/*
 * Adds result `e` to the JSON document's rows: a row per kind, subject
 * and measure, with its points, as the profile's rows.
 */
static int
json_result(struct tr *r, const struct pent *e, enum kind k, const char *pt,
    const char *plabel)
{
	const track_pupils *p = r->v->p;
	json_t *rows = json_object_get(r->doc, "rows"), *row, *cell;
	size_t n = json_array_size(rows);
	const char *subj = scheme_subject_id_at(p->s, (size_t)e->k.subject);
	const char *meas = pupil_meas_id(p, e->k.measure);

	row = n > 0 ? json_array_get(rows, n - 1) : NULL;
	if (row == NULL || strcmp(jstr(row, "kind"), kind_id[k]) != 0 ||
	    strcmp(jstr(row, "subject"), subj) != 0 ||
	    strcmp(jstr(row, "measure"), meas) != 0) {
		row = json_pack("{s:s,s:s,s:s,s:s,s:s,s:[]}", "kind",
		    kind_id[k], "subject", subj, "subject_label",
		    scheme_subject_label(p->s, (size_t)e->k.subject),
		    "measure", meas, "measure_label",
		    pupil_meas_label(p, e->k.measure),
		    "points");
		if (row == NULL || json_array_append_new(rows, row) != 0)
			return -1;
	}
	cell = json_pack("{s:s,s:s,s:s,s:o,s:b}", "point", pt, "point_label",
	    plabel, "value", words_of_ent(p, e), "band", e->band >= 0 ?
	    json_string(scheme_band_id(p->s, (size_t)e->band)) : json_null(),
	    "out_of_year", e->ooy != OOY_NONE);
	return cell == NULL ? -1 : json_array_append_new(json_object_get(row,
	    "points"), cell);
}

/* An item for entry `e`: a result. */
static int
item_result(struct tr *r, const struct pinfo *pi, const struct pent *e,
    enum kind k)
{
	const track_pupils *p = r->v->p;
	const char *pt = assess_point_text(p->a, e->k.point);
	const char *plabel = view_point_label(r->v, e->k.point);
	size_t b = r->base;

	if (r->doc != NULL)
		return json_result(r, e, k, pt, plabel);
	if (item_start(r, pi, e->k.pupil, k) != 0 ||
	    rtable_text(r->t, b + 1, scheme_subject_id_at(p->s,
	    (size_t)e->k.subject), scheme_subject_label(p->s,
	    (size_t)e->k.subject)) != 0 ||
	    rtable_text(r->t, b + 2, pupil_meas_id(p, e->k.measure),
	    pupil_meas_label(p, e->k.measure)) != 0 ||
	    rtable_text(r->t, b + 3, pt, plabel) != 0 ||
	    rtable_text(r->t, b + 4, words_of_ent(p, e), NULL) != 0 ||
	    (e->band >= 0 && rtable_text(r->t, b + 5, scheme_band_id(p->s,
	    (size_t)e->band), scheme_band_label(p->s, (size_t)e->band)) != 0))
		return -1;
	return 0;
}

/* Orders entry indices by point, then subject and measure. */
static int
cmp_stat(const void *x, const void *y, void *ctx)
{
	const struct view *v = ctx;
	const struct ikey *a = &v->p->e[*(const size_t *)x].k;
	const struct ikey *b = &v->p->e[*(const size_t *)y].k;

	if (v->prank[a->point] != v->prank[b->point])
		return v->prank[a->point] < v->prank[b->point] ? -1 : 1;
	if (a->subject != b->subject)
		return a->subject < b->subject ? -1 : 1;
	return a->measure < b->measure ? -1 : a->measure > b->measure;
}

/* The statutory results of one pupil, in point order (EYFS to KS2). */
static int
items_statutory(struct tr *r, const struct pinfo *pi, size_t from,
    size_t to)
{
	const struct view *v = r->v;
	size_t *idx = malloc((to - from) * sizeof *idx), n = 0, i;
	int rc = 0;

	if (idx == NULL)
		return -1;
	for (i = from; i < to; i++)
		if (r->stat[v->p->e[v->ord[i]].k.point] &&
		    v->p->e[v->ord[i]].k.measure != PM_OBJECTIVES)
			idx[n++] = v->ord[i];
	if (n > 0)
		qsort_r(idx, n, sizeof *idx, cmp_stat, r->v);
	for (i = 0; rc == 0 && i < n; i++)
		rc = item_result(r, pi, &v->p->e[idx[i]], K_STATUTORY);
	free(idx);
	return rc;
}

/*
 * The results of one pupil (entries ord[from..to)) of kind `k`: every
 * statutory one, or the latest other one of each subject and measure
 * that is (judgement) or is not (test) teacher assessment.
 */
static int
items_results(struct tr *r, size_t from, size_t to, enum kind k)
{
	const struct view *v = r->v;
	const track_pupils *p = v->p;
	const struct pinfo *pi = &p->pi[p->e[v->ord[from]].k.pupil];
	const struct pent *e, *latest = NULL;
	size_t i;

	if (k == K_STATUTORY)
		return items_statutory(r, pi, from, to);
	for (i = from; i < to; i++) {
		e = &p->e[v->ord[i]];
		if (k == K_OBJECTIVES ? e->k.measure != PM_OBJECTIVES :
		    e->k.measure == PM_OBJECTIVES || r->stat[e->k.point] ||
		    (k == K_JUDGEMENT) != (e->k.measure == v->ta))
			continue;
		latest = e;
		/* The last of its series: the entries are in point order. */
		if (i + 1 == to || p->e[v->ord[i + 1]].k.subject !=
		    e->k.subject || p->e[v->ord[i + 1]].k.measure !=
		    e->k.measure) {
			if (item_result(r, pi, latest, k) != 0)
				return -1;
			latest = NULL;
		}
	}
	return 0;
}

/* The pupil's groups (k K_GROUP) or interventions (K_INTERVENTION). */
static int
items_groups(struct tr *r, const struct pinfo *pi, uint32_t pupil,
    enum kind k)
{
	const track_pupils *p = r->v->p;
	const track_group *g;
	const char *val;
	size_t i;
	int at;

	for (i = 0; i < p->ngroups; i++) {
		if (pi->g[i] == 0 || (k == K_INTERVENTION) !=
		    is_intervention(p->gname[i]))
			continue;
		val = pupil_gval(p, pi->g[i]);
		if (r->doc != NULL) {
			if (json_object_set_new(json_object_get(r->doc,
			    k == K_GROUP ? "groups" : "interventions"),
			    p->gname[i], json_string(val)) != 0)
				return -1;
			continue;
		}
		g = scheme_group_find(p->s, p->gname[i]);
		at = g != NULL ? scheme_group_value_index(g, val, strlen(val),
		    NULL) : -1;
		if (item_start(r, pi, pupil, k) != 0 ||
		    rtable_text(r->t, r->base + 1, p->gname[i], g != NULL ?
		    scheme_group_label(g) : NULL) != 0 ||
		    rtable_text(r->t, r->base + 4, val, at >= 0 ?
		    scheme_group_value_label(g, (size_t)at) : NULL) != 0)
			return -1;
	}
	return 0;
}

/*
 * The pupil's flags (the rows of `fl`, a flags_table()), read from the
 * table itself: only the JSON document takes them as JSON.
 */
static int
items_flags(struct tr *r, const struct pinfo *pi, uint32_t pupil,
    const track_rtable *fl)
{
	static const struct {
		size_t col, at;	/* flags_table()'s column, the item's */
	} show[] = {
		{ FC_SUBJECT, 1 }, { FC_MEASURE, 2 }, { FC_POINT, 3 },
		{ FC_REASON, 4 }, { FC_EVIDENCE, 6 }
	};
	size_t i, j, n = rtable_nrows(fl);
	const char *id, *label;

	if (r->doc != NULL) {
		json_t *rows = rtable_json(fl);

		return rows == NULL ? -1 :
		    json_object_set_new(r->doc, "flags", rows);
	}
	for (i = 0; i < n; i++) {
		if (item_start(r, pi, pupil, K_FLAG) != 0)
			return -1;
		for (j = 0; j < sizeof show / sizeof show[0]; j++) {
			id = rtable_cell_text(fl, i, show[j].col, &label);
			if (rtable_text(r->t, r->base + show[j].at, id,
			    label) != 0)
				return -1;
		}
	}
	return 0;
}

/* The flags of one pupil (entries ord[from..to)) as a table, or NULL. */
static track_rtable *
pupil_flags(const struct view *v, size_t from, size_t to)
{
	track_rtable *fl = flags_table();

	if (fl != NULL && flags_of(fl, v, from, to) != 0) {
		rtable_free(fl);
		return NULL;
	}
	return fl;
}

/* All the items of one pupil (entries ord[from..to)) into r->t. */
static int
items_of(struct tr *r, size_t from, size_t to)
{
	const track_pupils *p = r->v->p;
	uint32_t pupil = p->e[r->v->ord[from]].k.pupil;
	const struct pinfo *pi = &p->pi[pupil];
	track_rtable *fl = pupil_flags(r->v, from, to);
	int rc = -1;

	if (fl != NULL && items_results(r, from, to, K_STATUTORY) == 0 &&
	    items_results(r, from, to, K_JUDGEMENT) == 0 &&
	    items_results(r, from, to, K_TEST) == 0 &&
	    items_results(r, from, to, K_OBJECTIVES) == 0 &&
	    items_groups(r, pi, pupil, K_GROUP) == 0 &&
	    items_groups(r, pi, pupil, K_INTERVENTION) == 0 &&
	    items_flags(r, pi, pupil, fl) == 0)
		rc = 0;
	rtable_free(fl);
	return rc;
}

/* A table of items, with pupil, name and year first when `lead`. */
static track_rtable *
items_table(int lead)
{
	static const char *const who[][2] = {
		{ "pupil", "Pupil" }, { "name", "Name" }, { "year", "Year" }
	};
	track_rtable *t = rtable_new();

	if ((lead && rtable_cols(t, who, 3) < 0) ||
	    rtable_cols(t, item_cols, NITEM) < 0) {
		rtable_free(t);
		return NULL;
	}
	return t;
}

/* One pupil's block for a terminal or Markdown: a heading, the items. */
static int
write_block(struct tr *r, track_writer *w, enum track_format fmt,
    size_t from, size_t to, track_error *err)
{
	const track_pupils *p = r->v->p;
	uint32_t pupil = p->e[r->v->ord[from]].k.pupil;
	const struct pinfo *pi = &p->pi[pupil];
	const char *name = pupil_gval(p, pi->name);
	char *head = NULL;
	int rc, n;

	r->t = items_table(0);
	r->base = 0;
	if (r->t == NULL || items_of(r, from, to) != 0) {
		rtable_free(r->t);
		return error_nomem(err);
	}
	n = asprintf(&head, "%s%s%s%s (%s)%s%s\n%s", from > 0 ? "\n" : "",
	    fmt == TRACK_FMT_MARKDOWN ? "### " : "", name,
	    name[0] ? "" : "Pupil", pupil_id(p, pupil),
	    pi->year >= 0 ? ", " : "", pi->year >= 0 ?
	    scheme_year_label(p->s, (size_t)pi->year) : "",
	    fmt == TRACK_FMT_MARKDOWN ? "\n" : "");
	if (n < 0) {
		rtable_free(r->t);
		return error_nomem(err);
	}
	rc = writer_text(w, head, (size_t)n, err);
	if (rc == 0)
		rc = rtable_write(r->t, w, fmt, err);
	free(head);
	rtable_free(r->t);
	r->t = NULL;
	return rc;
}

/*
 * One pupil's JSON document: shaped like the profile's ("report":
 * "transition"; pupil, name, year; groups; rows of a subject and measure
 * with their points, each row with its "kind"; flags), with the
 * interventions apart from the groups.
 */
static int
write_doc(struct tr *r, track_writer *w, size_t from, size_t to,
    track_error *err)
{
	const track_pupils *p = r->v->p;
	uint32_t pupil = p->e[r->v->ord[from]].k.pupil;
	const struct pinfo *pi = &p->pi[pupil];
	int rc;

	r->doc = json_pack("{s:s,s:s,s:s}", "report", "transition", "pupil",
	    pupil_id(p, pupil), "name", pupil_gval(p, pi->name));
	if (r->doc == NULL || (pi->year >= 0 &&
	    (json_object_set_new(r->doc, "year", json_string(
	    scheme_year_id_at(p->s, (size_t)pi->year))) != 0 ||
	    json_object_set_new(r->doc, "year_label", json_string(
	    scheme_year_label(p->s, (size_t)pi->year))) != 0)) ||
	    json_object_set_new(r->doc, "groups", json_object()) != 0 ||
	    json_object_set_new(r->doc, "interventions", json_object()) != 0 ||
	    json_object_set_new(r->doc, "rows", json_array()) != 0 ||
	    items_of(r, from, to) != 0) {
		json_decref(r->doc);
		r->doc = NULL;
		return error_nomem(err);
	}
	rc = rtable_json_write(r->doc, w, err);
	json_decref(r->doc);
	r->doc = NULL;
	return rc;
}

/* The long table of the pupils of entries ord[from..to), or NULL. */
static track_rtable *
long_table(const struct tr *base, size_t from, size_t to)
{
	struct tr r = *base;
	size_t k, j;

	r.base = 3;
	r.t = items_table(1);
	for (k = from; r.t != NULL && k < to; k = j) {
		j = pupil_end(r.v, k);
		if (items_of(&r, k, j) != 0) {
			rtable_free(r.t);
			return NULL;
		}
	}
	return r.t;
}

/* The long table as a workbook, whole. */
static int
write_workbook(struct tr *r, track_writer *w, track_error *err)
{
	track_rtable *t = long_table(r, 0, r->v->n);
	int rc;

	if (t == NULL)
		return error_nomem(err);
	rc = rtable_write(t, w, TRACK_FMT_XLSX, err);
	rtable_free(t);
	return rc;
}

/* What write_long's pieces are filled with. */
struct lpieces {
	const struct tr *r;
	size_t *at;		/* pupil_pieces */
};

static track_rtable *
lpiece_fill(void *ctx, size_t i)
{
	struct lpieces *ps = ctx;

	return long_table(ps->r, ps->at[i], ps->at[i + 1]);
}

/*
 * The long table as CSV or TSV, a piece of whole pupils at a time (the
 * header with the first), so that memory is a few pieces' items; the
 * pieces are filled on p->o.threads threads (rtable_write_pieces) and
 * written in order.
 */
static int
write_long(struct tr *r, track_writer *w, enum track_format fmt,
    track_error *err)
{
	struct lpieces ps = { r, NULL };
	size_t n;
	int rc;

	ps.at = pupil_pieces(r->v, &n);
	if (ps.at == NULL)
		return error_nomem(err);
	rc = rtable_write_pieces(w, fmt, n, r->v->p->o.threads, lpiece_fill,
	    &ps, err);
	free(ps.at);
	return rc;
}

int
pupil_transition_write(struct view *v, track_writer *w, enum track_format fmt,
    track_error *err)
{
	struct tr r;
	size_t k, j;
	int rc = 0;

	if (tr_init(&r, v) != 0)
		return error_nomem(err);
	if (fmt == TRACK_FMT_JSON || fmt == TRACK_FMT_TABLE ||
	    fmt == TRACK_FMT_MARKDOWN) {
		for (k = 0; rc == 0 && k < v->n; k = j) {
			j = pupil_end(v, k);
			rc = fmt == TRACK_FMT_JSON ? write_doc(&r, w, k, j, err) :
			    write_block(&r, w, fmt, k, j, err);
		}
		free(r.stat);
		return rc;
	}
	if (fmt == TRACK_FMT_XLSX)
		rc = write_workbook(&r, w, err);
	else
		rc = write_long(&r, w, fmt, err);
	free(r.stat);
	return rc;
}
