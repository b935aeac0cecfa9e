/*
 * summary_across.c - the tables that put groups side by side: --gap
 * COL=A:B (two groups of a column and the gap between them) and --across
 * FIELD (the field's values spread over columns), one row per key.
 */
#include "summary_int.h"

#include <stdlib.h>
#include <string.h>

#include "suppress.h"

/* What --across spreads: a --by column (its index, 0 or more) or: */
enum { ACROSS_SUBJECT = -1, ACROSS_MEASURE = -2, ACROSS_POINT = -3 };

/*
 * Groups the ordered cells ord[0..n) whose keys match on every field but
 * `field` (see same_key), in one pass through a hash map rather than by
 * comparing every pair: (*lead)[i] is the first cell of i's group, and
 * (*next)[i] the next one after i (NO_NEXT at the end).  The caller frees
 * both.  Returns 0, or -1 when out of memory.
 */
static int
key_groups(const track_summary *m, const size_t *ord, size_t n, int field,
    size_t **lead, size_t **next)
{
	track_strmap *map = strmap_new();
	size_t *first = calloc(n + 1, sizeof *first);
	size_t *last = calloc(n + 1, sizeof *last), i, k;
	int rc = -1;

	*lead = calloc(n + 1, sizeof **lead);
	*next = calloc(n + 1, sizeof **next);
	if (map == NULL || first == NULL || last == NULL || *lead == NULL ||
	    *next == NULL)
		goto out;
	for (i = 0; i < n; i++) {
		const struct cell *c = &m->cell[ord[i]];
		long key[3 + MAXBY], id;
		int added;

		memset(key, 0, sizeof key);
		key[0] = field == ACROSS_SUBJECT ? 0 : c->subj;
		key[1] = field == ACROSS_MEASURE ? 0 : c->meas;
		key[2] = field == ACROSS_POINT ? 0 : c->point;
		for (k = 0; k < m->nby; k++)
			key[3 + k] = (int)k == field ? 0 : c->g[k];
		id = strmap_intern(map, (const char *)key, (3 + m->nby) *
		    sizeof key[0], &added);
		if (id < 0)
			goto out;
		(*next)[i] = NO_NEXT;
		if (added)
			first[id] = i;
		else
			(*next)[last[id]] = i;
		last[id] = i;
		(*lead)[i] = first[id];
	}
	rc = 0;
out:
	if (rc != 0) {
		free(*lead);
		free(*next);
		*lead = *next = NULL;
	}
	strmap_free(map);
	free(first);
	free(last);
	return rc;
}

/* --gap COL=A:B: one row per key, the two groups side by side. */
int
sum_gap(track_summary *m, track_rtable *t)
{
	struct cols k;
	struct bycol *b = &m->by[m->gapby];
	long ga = sum_by_value(m, b, (track_str){ m->gap_a, strlen(m->gap_a) });
	long gb = sum_by_value(m, b, (track_str){ m->gap_b, strlen(m->gap_b) });
	long c_ga, c_na, c_pa, c_gb, c_nb, c_pb, c_gap;
	size_t *ord, *lead = NULL, *next = NULL, n, i, j;
	int rc = -1;

	if (ga < 0 || gb < 0 || sum_key_cols(m, t, &k, b->name) != 0)
		return -1;
	c_ga = rtable_col(t, "group_a", "Group");
	c_na = rtable_col(t, "n_a", "Pupils");
	c_pa = rtable_col(t, "pct_a", "% at or above");
	c_gb = rtable_col(t, "group_b", "Compared with");
	c_nb = rtable_col(t, "n_b", "Pupils");
	c_pb = rtable_col(t, "pct_b", "% at or above");
	c_gap = rtable_col(t, "gap", "Gap");
	if (c_gap < 0 || sum_ordered(m, &ord, &n) != 0)
		return -1;
	if (key_groups(m, ord, n, m->gapby, &lead, &next) != 0)
		goto out;
	for (i = 0; i < n; i++) {
		const struct cell *c = &m->cell[ord[i]], *x[2] = { NULL, NULL };
		const long want[2] = { ga, gb };
		long long nn[2] = { 0, 0 }, at[2] = { 0, 0 };
		const long cg[2] = { c_ga, c_gb }, cn[2] = { c_na, c_nb };
		const long cp[2] = { c_pa, c_pb };
		int s[2], h;

		/* One row per key: the first cell of each key leads. */
		if (lead[i] != i)
			continue;
		for (j = i; j != NO_NEXT; j = next[j]) {
			const struct cell *d = &m->cell[ord[j]];

			for (h = 0; h < 2; h++)
				if (d->g[m->gapby] == want[h])
					x[h] = d;
		}
		if (x[0] == NULL && x[1] == NULL)
			continue;
		if (rtable_row(t) != 0 || sum_key_cells(m, t, &k, c, 0) != 0)
			goto out;
		for (h = 0; h < 2; h++) {
			if (x[h] != NULL) {
				nn[h] = cell_n(x[h]);
				at[h] = at_or_above(m, x[h]);
			}
			/* A side hidden as a complement hides the gap too:
			 * with the other side it would give its figures. */
			s[h] = x[h] != NULL && m->supp[x[h] - m->cell] !=
			    SUPPRESS_SHOWN;
			if (x[h] != NULL)
				sum_count_supp(m, m->supp[x[h] - m->cell]);
			if (rtable_text(t, (size_t)cg[h],
			    strmap_key(b->vals, want[h], NULL),
			    sum_value_label(m, b, want[h])) != 0)
				goto out;
			if (s[h]) {
				rtable_supp(t, (size_t)cn[h]);
				rtable_supp(t, (size_t)cp[h]);
				continue;
			}
			rtable_int(t, (size_t)cn[h], nn[h]);
			if (nn[h] > 0)
				rtable_pct(t, (size_t)cp[h], at[h], nn[h]);
		}
		if (s[0] || s[1])
			rtable_supp(t, (size_t)c_gap);
		else if (nn[0] > 0 && nn[1] > 0)
			rtable_points(t, (size_t)c_gap, rtable_round_pct(at[0],
			    nn[0], 1) - rtable_round_pct(at[1], nn[1], 1));
	}
	rc = 0;
out:
	free(ord);
	free(lead);
	free(next);
	return rc;
}

/* The value of the --across field in a cell, as an id. */
static long
across_of(const struct cell *c, int field)
{
	return field == ACROSS_SUBJECT ? c->subj : field == ACROSS_MEASURE ?
	    c->meas : field == ACROSS_POINT ? c->point : c->g[field];
}

/* What cmp_across sorts by: the summary and the --across field. */
struct acrosssort {
	const track_summary *m;
	int field;
};

/* Compares two cells by their --across value (report order). */
static int
cmp_across(const void *x, const void *y, void *ctx)
{
	const struct acrosssort *as = ctx;
	const track_summary *m = as->m;
	const struct cell *a = &m->cell[*(const size_t *)x];
	const struct cell *b = &m->cell[*(const size_t *)y];
	long va = across_of(a, as->field), vb = across_of(b, as->field);

	if (va == vb)
		return 0;
	if (as->field == ACROSS_POINT)
		return assess_point_cmp(m->a, va, vb);
	if (as->field >= 0)
		return m->by[as->field].rank[va] <
		    m->by[as->field].rank[vb] ? -1 : 1;
	return va < vb ? -1 : 1;
}


/*
 * Adds the two columns of --across value v (pupils and % at or above)
 * to t, into *cn and *cp.  Returns 0 or -1.
 */
static int
across_value_cols(track_summary *m, track_rtable *t, int field, long v,
    long *cn, long *cp)
{
	const char *vid, *vlab;
	char *vl = NULL, *id, *lb;

	if (field == ACROSS_SUBJECT) {
		vid = sum_subject_id(m, (int)v);
		vlab = sum_subject_label(m, (int)v);
	} else if (field == ACROSS_MEASURE) {
		vid = sum_measure_id(m, (int)v);
		vlab = sum_measure_label(m, (int)v);
	} else if (field == ACROSS_POINT) {
		vid = assess_point_text(m->a, v);
		vl = scheme_point_label_dup(m->s, vid, strlen(vid));
		vlab = vl;
	} else {
		vid = strmap_key(m->by[field].vals, v, NULL);
		vlab = sum_value_label(m, &m->by[field], v);
	}
	if (vlab == NULL)
		return -1;
	id = sum_cat("n_", vid);
	lb = sum_cat(vlab, ": pupils");
	*cn = id && lb ? rtable_col(t, id, lb) : -1;
	free(id);
	free(lb);
	id = sum_cat("pct_at_or_above_", vid);
	lb = sum_cat(vlab, ": % at or above");
	*cp = id && lb ? rtable_col(t, id, lb) : -1;
	free(id);
	free(lb);
	free(vl);
	return *cn < 0 || *cp < 0 ? -1 : 0;
}

/* The --across field: a shown --by column's index, or ACROSS_*. */
static int
across_field(const track_summary *m)
{
	size_t i;

	for (i = m->nby; i-- > 0; )
		if (strcmp(m->by[i].name, m->o.across) == 0 &&
		    m->by[i].hidden != BY_PRIVACY)
			return (int)i;
	return !strcmp(m->o.across, "subject") ? ACROSS_SUBJECT :
	    !strcmp(m->o.across, "measure") ? ACROSS_MEASURE : ACROSS_POINT;
}

/* --across FIELD: the field's values spread over columns. */
int
sum_across(track_summary *m, track_rtable *t)
{
	struct cols k;
	size_t *ord, *vals = NULL, *vpos = NULL, *lead = NULL, *next = NULL;
	size_t n, nv = 0, i, j;
	long *cn = NULL, *cp = NULL;
	int field = across_field(m), rc = -1;
	track_u64map *vmap = u64map_new();
	struct acrosssort as;
	if (vmap == NULL || sum_key_cols(m, t, &k, m->o.across) != 0 ||
	    sum_ordered(m, &ord, &n) != 0) {
		u64map_free(vmap);
		return -1;
	}
	/* The distinct values, in order: one representative cell each. */
	vals = calloc(n + 1, sizeof *vals);
	vpos = calloc(n + 1, sizeof *vpos);
	cn = calloc(n + 1, sizeof *cn);
	cp = calloc(n + 1, sizeof *cp);
	if (vals == NULL || vpos == NULL || cn == NULL || cp == NULL ||
	    key_groups(m, ord, n, field, &lead, &next) != 0)
		goto out;
	for (i = 0; i < n; i++) {
		int added;

		if (u64map_intern(vmap, (uint64_t)across_of(&m->cell[ord[i]],
		    field), &added) < 0)
			goto out;
		if (added)
			vals[nv++] = ord[i];
	}
	as.m = m;
	as.field = field;
	qsort_r(vals, nv, sizeof *vals, cmp_across, &as);
	for (j = 0; j < nv; j++) {
		long v = across_of(&m->cell[vals[j]], field);

		vpos[u64map_find(vmap, (uint64_t)v)] = j;
		if (across_value_cols(m, t, field, v, &cn[j], &cp[j]) != 0)
			goto out;
	}
	for (i = 0; i < n; i++) {
		const struct cell *c = &m->cell[ord[i]];

		if (lead[i] != i)
			continue;	/* one row per key: the first leads */
		if (rtable_row(t) != 0 || sum_key_cells(m, t, &k, c, 0) != 0)
			goto out;
		for (j = i; j != NO_NEXT; j = next[j]) {
			const struct cell *d = &m->cell[ord[j]];
			long long dn = cell_n(d);
			size_t v = vpos[u64map_find(vmap,
			    (uint64_t)across_of(d, field))];

			if (m->supp[ord[j]] != SUPPRESS_SHOWN) {
				sum_count_supp(m, m->supp[ord[j]]);
				rtable_supp(t, (size_t)cn[v]);
				rtable_supp(t, (size_t)cp[v]);
				continue;
			}
			rtable_int(t, (size_t)cn[v], dn);
			if (dn > 0 && has_bands(m, d))
				rtable_pct(t, (size_t)cp[v], at_or_above(m, d),
				    dn);
		}
	}
	rc = 0;
out:
	free(ord);
	free(vals);
	free(vpos);
	free(lead);
	free(next);
	free(cn);
	free(cp);
	u64map_free(vmap);
	return rc;
}
