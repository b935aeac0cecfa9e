/*
 * summary_obj.c - --objectives: coverage of the scheme's objectives, one
 * row per objective (how many pupils have it secure), and per list how
 * many objectives each pupil has secured.
 */
#include "summary_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ocell {
	int subject;
	int list;		/* see LIST_NONE */
	long objective;
	long long n, secure;
	struct plist pl[2];	/* 0: not secure, 1: secure */
};

/* A pupil's list: how many of its objectives they have secured. */
struct owho {
	int subject, list;
	uint32_t pupil;
};

/* The judgements added up: per objective, and per pupil and list. */
struct otally {
	struct ocell *oc;
	size_t noc, cap;
	track_u64map *pp;	/* (pupil, subject, list) -> index */
	long long *secured;
	struct owho *who;
	size_t ppcap, whocap;
};

/* The list's objectives from the scheme, or NULL. */
static const track_objectives *
list_of(const track_summary *m, int subject, int list)
{
	const char *sid = scheme_subject_id_at(m->s, (size_t)subject);

	if (list >= 0)
		return scheme_objectives(m->s, sid, scheme_year_id_at(m->s,
		    (size_t)list));
	if (list_is_custom(list))
		return scheme_custom_objectives(m->s, scheme_custom_id(m->s,
		    list_custom_index(list)), sid);
	return NULL;
}

static const char *
list_id(const track_summary *m, int list)
{
	return list >= 0 ? scheme_year_id_at(m->s, (size_t)list) :
	    list_is_custom(list) ? scheme_custom_id(m->s,
	    list_custom_index(list)) : "";
}

static const char *
list_label(const track_summary *m, int list)
{
	return list >= 0 ? scheme_year_label(m->s, (size_t)list) :
	    list_is_custom(list) ? scheme_custom_label(m->s,
	    list_custom_index(list)) : "Unknown";
}

/*
 * Orders objective rows: by subject, then list (list_cmp), then the
 * objectives in the list's order, others after them by id.
 */
static int
cmp_ocell(const void *x, const void *y, void *ctx)
{
	const struct ocell *a = x, *b = y;
	const track_summary *m = ctx;
	const track_objectives *l;
	const char *ta, *tb;
	int ia, ib;

	if (a->subject != b->subject)
		return a->subject < b->subject ? -1 : 1;
	if (a->list != b->list)
		return list_cmp(a->list, b->list);
	ta = strmap_key(m->objids, a->objective, NULL);
	tb = strmap_key(m->objids, b->objective, NULL);
	l = list_of(m, a->subject, a->list);
	ia = l ? scheme_objectives_find(l, ta, strlen(ta)) : -1;
	ib = l ? scheme_objectives_find(l, tb, strlen(tb)) : -1;
	if (ia != ib)
		return ia < 0 ? 1 : ib < 0 ? -1 : ia < ib ? -1 : 1;
	return strcmp(ta, tb);
}

/* Orders the per-pupil lists by subject, then list (list_cmp). */
static void
sort_per(json_t *per)
{
	size_t n = json_array_size(per), i, j;

	for (i = 1; i < n; i++)
		for (j = i; j > 0; j--) {
			json_t *a = json_array_get(per, j - 1);
			json_t *b = json_array_get(per, j);
			json_int_t sa = json_integer_value(json_object_get(a,
			    "_s")), sb = json_integer_value(json_object_get(b,
			    "_s")), la = json_integer_value(json_object_get(a,
			    "_l")), lb = json_integer_value(json_object_get(b,
			    "_l"));

			if (sa < sb || (sa == sb && list_cmp(la, lb) <= 0))
				break;
			json_incref(a);
			json_array_set(per, j - 1, b);
			json_array_set_new(per, j, a);
		}
}

/*
 * Adds up the judgements kept (m->oent) into ot: per (subject, list,
 * objective), and per (pupil, subject, list).  Returns 0 or -1.
 */
static int
tally(track_summary *m, struct otally *ot, track_strmap *idx)
{
	size_t i;

	for (i = 0; i < m->noent; i++) {
		const struct objent *e = &m->oent[i];
		long key[3] = { e->subject, e->list, e->objective }, id;
		int added;
		uint64_t pk;

		id = strmap_intern(idx, (const char *)key, sizeof key, &added);
		if (id < 0 || buf_grow(&ot->oc, &ot->cap, (size_t)id + 1,
		    sizeof *ot->oc))
			return -1;
		if (added) {
			memset(&ot->oc[id], 0, sizeof ot->oc[id]);
			ot->oc[id].subject = e->subject;
			ot->oc[id].list = e->list;
			ot->oc[id].objective = e->objective;
			ot->noc++;
		}
		ot->oc[id].n++;
		ot->oc[id].secure += e->secure;
		if (m->pupils) {
			struct plist *l = &ot->oc[id].pl[e->secure ? 1 : 0];

			if (buf_grow(&l->off, &l->cap, l->n + 1,
			    sizeof *l->off))
				return -1;
			l->off[l->n++] = m->pn.name[e->pupil];
		}
		pk = (uint64_t)e->pupil << 32 | (uint64_t)(uint16_t)e->subject
		    << 16 | (uint64_t)(uint16_t)e->list;
		id = u64map_intern(ot->pp, pk, &added);
		if (id < 0 || buf_grow(&ot->secured, &ot->ppcap, (size_t)id + 1,
		    sizeof *ot->secured) || buf_grow(&ot->who, &ot->whocap,
		    (size_t)id + 1, sizeof *ot->who))
			return -1;
		if (added) {
			ot->secured[id] = 0;
			ot->who[id].subject = e->subject;
			ot->who[id].list = e->list;
			ot->who[id].pupil = e->pupil;
		}
		ot->secured[id] += e->secure;
	}
	return 0;
}

/* Writes one row per objective (ot->oc, in order).  Returns 0 or -1. */
static int
objective_rows(track_summary *m, track_rtable *t, const struct otally *ot)
{
	long c_s, c_l, c_o, c_lab, c_n, c_sec, c_pct, c_ps = -1, c_pn = -1;
	size_t i;

	c_s = rtable_col(t, "subject", "Subject");
	c_l = rtable_col(t, "list", "Curriculum");
	c_o = rtable_col(t, "objective", "Objective");
	c_lab = rtable_col(t, "label", "Description");
	c_n = rtable_col(t, "n", "Pupils");
	c_sec = rtable_col(t, "secure", "Secure");
	c_pct = rtable_col(t, "pct_secure", "% secure");
	if (m->pupils) {
		c_ps = rtable_col(t, "pupils_secure", "Pupils: secure");
		c_pn = rtable_col(t, "pupils_not_secure", "Pupils: not yet");
	}
	if (c_pct < 0 || (m->pupils && c_pn < 0))
		return -1;
	for (i = 0; i < ot->noc; i++) {
		const struct ocell *o = &ot->oc[i];
		const track_objectives *l = list_of(m, o->subject, o->list);
		const char *oid = strmap_key(m->objids, o->objective, NULL);
		int k = l ? scheme_objectives_find(l, oid, strlen(oid)) : -1;
		struct cell tmp;

		if (rtable_row(t) != 0 ||
		    rtable_text(t, (size_t)c_s, scheme_subject_id_at(m->s,
		    (size_t)o->subject), scheme_subject_label(m->s,
		    (size_t)o->subject)) != 0 ||
		    rtable_text(t, (size_t)c_l, list_id(m, o->list),
		    list_label(m, o->list)) != 0 ||
		    rtable_text(t, (size_t)c_o, oid, NULL) != 0 ||
		    rtable_text(t, (size_t)c_lab, k >= 0 ?
		    scheme_objectives_label(l, (size_t)k) : oid, NULL) != 0)
			return -1;
		if (small(m, o->n)) {
			rtable_supp(t, (size_t)c_n);
			rtable_supp(t, (size_t)c_sec);
			rtable_supp(t, (size_t)c_pct);
			if (m->pupils) {
				rtable_supp(t, (size_t)c_ps);
				rtable_supp(t, (size_t)c_pn);
			}
			continue;
		}
		rtable_int(t, (size_t)c_n, o->n);
		rtable_int(t, (size_t)c_sec, o->secure);
		rtable_pct(t, (size_t)c_pct, o->secure, o->n);
		if (m->pupils) {
			memset(&tmp, 0, sizeof tmp);
			tmp.pl[0] = o->pl[1];
			tmp.pl[1] = o->pl[0];
			if (sum_names_cell(m, t, c_ps, &tmp, 0) != 0 ||
			    sum_names_cell(m, t, c_pn, &tmp, 1) != 0)
				return -1;
		}
	}
	return 0;
}

/*
 * Adds to `per` one object per (subject, list) a pupil has judgements
 * in: how many pupils secured how many objectives (and with --pupils,
 * who).  Each keeps its subject and list in "_s" and "_l" for sorting.
 * Returns 0 or -1.
 */
static int
per_pupil(track_summary *m, const struct otally *ot, json_t *per)
{
	const struct owho *who = ot->who;
	const long long *secured = ot->secured;
	size_t i;

	for (i = 0; i < u64map_count(ot->pp); i++) {
		json_t *o = NULL;
		size_t j;
		char key[64];

		for (j = 0; j < json_array_size(per); j++) {
			json_t *x = json_array_get(per, j);

			if (json_integer_value(json_object_get(x, "_s")) ==
			    who[i].subject && json_integer_value(
			    json_object_get(x, "_l")) == who[i].list)
				o = x;
		}
		if (o == NULL) {
			const track_objectives *l = list_of(m, who[i].subject,
			    who[i].list);

			o = json_pack("{s:s, s:s, s:s, s:I, s:I, s:{}}",
			    "subject", scheme_subject_id_at(m->s,
			    (size_t)who[i].subject), "list", list_id(m,
			    who[i].list), "list_label", list_label(m,
			    who[i].list), "_s", (json_int_t)who[i].subject,
			    "_l", (json_int_t)who[i].list, "pupils_by_secured");
			if (o == NULL || json_array_append_new(per, o) != 0)
				return -1;
			if (l != NULL && json_object_set_new(o, "objectives",
			    json_integer((json_int_t)
			    scheme_objectives_count(l))) != 0)
				return -1;
			if (m->pupils && json_object_set_new(o, "pupils",
			    json_array()) != 0)
				return -1;
		}
		snprintf(key, sizeof key, "%lld", secured[i]);
		{
			json_t *d = json_object_get(o, "pupils_by_secured");
			json_int_t v = json_integer_value(json_object_get(d,
			    key));

			if (json_object_set_new(d, key, json_integer(v + 1)))
				return -1;
		}
		if (m->pupils && json_array_append_new(json_object_get(o,
		    "pupils"), json_pack("{s:s, s:I}", "name", m->disp.ptr +
		    m->pn.name[who[i].pupil], "secured",
		    (json_int_t)secured[i])) != 0)
			return -1;
	}
	return 0;
}

/*
 * Objectives coverage: one row per objective, and in meta's "per_pupil"
 * how many objectives each pupil has secured.  Returns 0 or -1.
 */
int
sum_objectives(track_summary *m, track_rtable *t, json_t *meta)
{
	track_strmap *idx = strmap_new();
	struct otally ot;
	json_t *per = json_array();
	size_t i;
	int rc = -1;

	memset(&ot, 0, sizeof ot);
	ot.pp = u64map_new();
	if (idx == NULL || ot.pp == NULL || per == NULL ||
	    tally(m, &ot, idx) != 0)
		goto out;
	qsort_r(ot.oc, ot.noc, sizeof *ot.oc, cmp_ocell, m);
	if (objective_rows(m, t, &ot) != 0 || per_pupil(m, &ot, per) != 0)
		goto out;
	sort_per(per);
	for (i = 0; i < json_array_size(per); i++) {
		json_object_del(json_array_get(per, i), "_s");
		json_object_del(json_array_get(per, i), "_l");
	}
	if (json_object_set(meta, "per_pupil", per) != 0)
		goto out;
	rc = 0;
out:
	for (i = 0; i < ot.noc; i++) {
		free(ot.oc[i].pl[0].off);
		free(ot.oc[i].pl[1].off);
	}
	free(ot.oc);
	free(ot.secured);
	free(ot.who);
	json_decref(per);
	strmap_free(idx);
	u64map_free(ot.pp);
	return rc;
}
