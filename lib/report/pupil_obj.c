/*
 * pupil_obj.c - objectives in a pupil's profile: at each point where a
 * pupil has objective records in a subject, how many objectives they have
 * secured, of the list's (or, with no list in the scheme, of those
 * judged so far).  An objective's standing at a point is its latest
 * judgement up to that point, so one secured in autumn and not judged
 * again still counts in summer; "secured" is the scheme's standard or
 * above, as in track-summary --objectives.
 *
 * The figures become profile entries of the reserved measure PM_OBJECTIVES
 * with no band: no flag looks at them, and no colour is given to them.
 */
#include "pupil_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
pupil_obj_row(track_pupils *p, const struct track_obs *o, long pid)
{
	long obj, oi, id;
	int added;
	struct oent *e;

	obj = strmap_intern(p->objids, o->objective.ptr, o->objective.len,
	    NULL);
	if (obj < 0)
		return -1;
	if (obj >= (1L << 22))
		return 1;
	oi = u64map_intern(p->oids, (uint64_t)pid << 32 |
	    (uint64_t)o->subject << 22 | (uint64_t)obj, NULL);
	if (oi < 0)
		return -1;
	id = u64map_intern(p->opts, (uint64_t)oi << 14 | (uint64_t)o->point,
	    &added);
	if (id < 0 || buf_grow(&p->oe, &p->oecap, (size_t)id + 1,
	    sizeof *p->oe) != 0)
		return -1;
	e = &p->oe[id];
	e->pupil = (uint32_t)pid;
	e->subject = (int16_t)o->subject;
	e->point = (int32_t)o->point;
	e->obj = (uint32_t)obj;
	e->oi = (uint32_t)oi;
	e->list = o->custom >= 0 ? 1000 + o->custom :
	    o->against >= 0 ? o->against : o->year;
	e->secure = (uint8_t)(o->band >= 0 &&
	    (size_t)o->band >= scheme_band_standard(p->s));
	if ((size_t)id + 1 > p->noe)
		p->noe = (size_t)id + 1;
	return 0;
}

static int
cmp_oent(const void *x, const void *y, void *ctx)
{
	const struct oent *a = x, *b = y;

	if (a->pupil != b->pupil)
		return a->pupil < b->pupil ? -1 : 1;
	if (a->subject != b->subject)
		return a->subject < b->subject ? -1 : 1;
	if (a->point != b->point)
		return assess_point_cmp(ctx, a->point, b->point);
	return 0;
}

/* The number of objectives in list `list` of subject `subj`, or 0. */
static size_t
list_size(const track_pupils *p, int subj, int32_t list)
{
	const char *sid = scheme_subject_id_at(p->s, (size_t)subj);
	const track_objectives *l = NULL;

	if (list >= 1000)
		l = scheme_custom_objectives(p->s, scheme_custom_id(p->s,
		    (size_t)(list - 1000)), sid);
	else if (list >= 0)
		l = scheme_objectives(p->s, sid, scheme_year_id_at(p->s,
		    (size_t)list));
	return l != NULL ? scheme_objectives_count(l) : 0;
}

/* Adds the profile entry "secured of all" for a pupil, subject, point. */
static int
add_entry(track_pupils *p, const struct oent *at, size_t secured,
    size_t all)
{
	char text[64];
	long w;
	struct pent *e;

	snprintf(text, sizeof text, "%zu of %zu", secured, all);
	w = strmap_intern(p->words, text, strlen(text), NULL);
	if (w < 0 || buf_grow(&p->e, &p->ecap, p->ne + 1, sizeof *p->e) != 0)
		return -1;
	e = &p->e[p->ne++];
	memset(e, 0, sizeof *e);
	e->k.pupil = at->pupil;
	e->k.subject = at->subject;
	e->k.measure = PM_OBJECTIVES;
	e->k.point = at->point;
	e->band = e->own = -1;
	e->against = (int16_t)(at->list > INT16_MAX ? -1 : at->list);
	e->words = (uint32_t)w;
	return 0;
}

int
pupil_obj_entries(track_pupils *p)
{
	size_t i, j, k, judged = 0, secured = 0;
	uint8_t *state = NULL;	/* per objective identity: 0 none, 1, 2 */
	size_t n = u64map_count(p->oids);
	int rc = 0;

	if (p->noe == 0 || p->obj_done)
		return 0;
	p->obj_done = 1;
	state = calloc(n + 1, 1);
	if (state == NULL)
		return -1;
	qsort_r(p->oe, p->noe, sizeof *p->oe, cmp_oent, p->a);
	for (i = 0; rc == 0 && i < p->noe; i = j) {
		const struct oent *a = &p->oe[i];

		if (i == 0 || a->pupil != p->oe[i - 1].pupil ||
		    a->subject != p->oe[i - 1].subject)
			judged = secured = 0;	/* a new series */
		for (j = i; j < p->noe && p->oe[j].pupil == a->pupil &&
		    p->oe[j].subject == a->subject &&
		    p->oe[j].point == a->point; j++) {
			uint8_t now = p->oe[j].secure ? 2 : 1;
			uint8_t *s = &state[p->oe[j].oi];

			judged += *s == 0;
			secured += (now == 2) - (*s == 2);
			*s = now;
		}
		/* The list: a pupil's records at a point share one. */
		k = list_size(p, a->subject, p->oe[j - 1].list);
		rc = add_entry(p, &p->oe[j - 1], secured,
		    k > judged ? k : judged);
	}
	free(state);
	return rc;
}
