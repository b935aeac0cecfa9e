/*
 * summary_cell.c - cells and counting: a summary's entries counted into
 * cells, one per (subject, measure, point, group values), with combined
 * subjects, --by prior and the roll's missing pupils; and the cells'
 * own small operations (scores, names, adding up).
 */
#include "summary_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define NO_BUCKET (-1)	/* a combination with no part yet */
#define SQUEEZE_FROM 256	/* see sum_cell_score */

/* The cell for a key, made when new; NULL when out of memory. */
/* A new cell's year groups (see sum_cell_get). */
static track_years
cell_years(const track_summary *m, const long *g)
{
	const char *v;
	size_t i, len;

	if (!m->bench_years)
		return 0;
	for (i = 0; i < m->nby; i++) {
		if (strcasecmp(m->by[i].name, "year") != 0)
			continue;
		if (m->folded && m->by[i].hidden == BY_PRIVACY)
			return 0;
		v = strmap_key(m->by[i].vals, g[i], &len);
		return scheme_years_of(m->s, v, len);
	}
	return SCHEME_YEARS_OTHER;
}

struct cell *
sum_cell_get(track_summary *m, int subj, int meas, long point, const long *g)
{
	long key[3 + MAXBY], id;
	int added;
	size_t i, j, kw = 3 + m->nby, slot;
	uint64_t h = 0;
	struct cell *c;

	memset(key, 0, sizeof key);
	key[0] = subj;
	key[1] = meas;
	key[2] = point;
	for (i = 0; i < m->nby; i++)
		key[3 + i] = g[i];
	/* A summary has few cells, and each is asked for again and again:
	 * a slot of the memo, chosen by the key's hash, answers most
	 * lookups without the map.  Only the key's first kw words are
	 * compared: the rest are zero in both. */
	for (j = 0; j < kw; j++)
		h = (h + (uint64_t)key[j]) * 0x9e3779b97f4a7c15ULL;
	slot = (size_t)(h >> 40) % CMEMO;
	{
		long d = m->cmemo[slot].id < 0;

		for (j = 0; j < kw; j++)
			d |= m->cmemo[slot].key[j] ^ key[j];
		if (d == 0)
			return &m->cell[m->cmemo[slot].id];
	}
	id = strmap_intern(m->cmap, (const char *)key, kw * sizeof key[0],
	    &added);
	if (id < 0 || buf_grow(&m->cell, &m->ccap, (size_t)id + 1,
	    sizeof *m->cell) != 0)
		return NULL;
	c = &m->cell[id];
	memcpy(m->cmemo[slot].key, key, sizeof key);
	m->cmemo[slot].id = id;
	if (added) {
		memset(c, 0, sizeof *c);
		c->subj = subj;
		c->meas = meas;
		c->point = point;
		for (i = 0; i < m->nby; i++)
			c->g[i] = g[i];
		c->years = cell_years(m, g);
		m->ncell++;
	}
	return c;
}

/*
 * Adds a score (with a count) to a cell's histogram.  A score already in
 * its sorted part is counted there; another is added at the end.  A
 * histogram that has filled its room (SQUEEZE_FROM entries or more) is
 * squeezed first (sum_compress), and grows only when that left it more
 * than half full, then four times over: so it holds a few times its
 * distinct scores, not one entry for each pupil.  This gives what one
 * sort at the end would: scores are compared with ==, as there, and the
 * sort is stable, so equal scores keep the one added first.
 */
int
sum_cell_score(struct cell *c, double v, long long n)
{
	size_t lo = 0, hi = c->hsorted, mid;

	/* lo: the first at or above v, found without a branch to
	   mispredict (the answer lies in [lo, lo + hi]). */
	if (hi > 0) {
		while (hi > 1) {
			mid = hi / 2;
			lo = c->h[lo + mid - 1].v < v ? lo + mid : lo;
			hi -= mid;
		}
		lo += c->h[lo].v < v;
	}
	if (lo < c->hsorted && c->h[lo].v == v) {
		c->h[lo].c += n;
		return 0;
	}
	if (c->nh == c->hcap && c->nh >= SQUEEZE_FROM) {
		sum_compress(c);
		if (c->nh > c->hcap / 2 && buf_grow(&c->h, &c->hcap,
		    c->hcap * 4, sizeof *c->h) != 0)
			return -1;
	}
	if (buf_grow(&c->h, &c->hcap, c->nh + 1, sizeof *c->h) != 0)
		return -1;
	c->h[c->nh].v = v;
	c->h[c->nh].c = n;
	c->nh++;
	return 0;
}

/* Adds a name (an offset in m->disp) to a cell's list for a bucket. */
int
sum_cell_name(struct cell *c, int bucket, size_t off)
{
	struct plist *l = &c->pl[bucket];

	if (buf_grow(&l->off, &l->cap, l->n + 1, sizeof *l->off) != 0)
		return -1;
	l->off[l->n++] = off;
	return 0;
}

/* The display string for a pupil, with their own words if out of year. */
static long
display(track_summary *m, uint32_t pupil, int32_t words)
{
	size_t nn, nw;
	long off;

	if (words < 0)
		return (long)m->pn.name[pupil];
	/* Both parts live in m->disp: make room first, so that it does
	 * not move while they are copied. */
	nn = strlen(m->disp.ptr + m->pn.name[pupil]);
	nw = strlen(m->disp.ptr + words);
	if (buf_reserve(&m->disp, nn + nw + 4) != 0)
		return -1;
	off = buf_append(&m->disp, m->disp.ptr + m->pn.name[pupil], nn, 0);
	buf_append(&m->disp, " (", 2, 0);
	buf_append(&m->disp, m->disp.ptr + words, nw, 0);
	buf_append(&m->disp, ")", 1, 1);
	return off;
}

/* Counts one pupil into a cell. */
static int
count(track_summary *m, int subj, int meas, long point, const long *g,
    int bucket, int number, double v, uint32_t pupil, int32_t words)
{
	struct cell *c = sum_cell_get(m, subj, meas, point, g);
	long off;

	if (c == NULL)
		return -1;
	c->cnt[bucket]++;
	if (number && bucket != B_EXCLUDED && sum_cell_score(c, v, 1) != 0)
		return -1;
	if (m->pupils && bucket != B_EXCLUDED) {
		off = display(m, pupil, words);
		if (off < 0 || sum_cell_name(c, bucket, (size_t)off) != 0)
			return -1;
	}
	return 0;
}

/* The --by prior value id for a pupil in a subject slot. */
static long
prior_value(track_summary *m, struct bycol *b, uint32_t pupil, int subj)
{
	size_t k, np = 1;
	int lowest = NO_BUCKET;
	const struct part *parts;
	struct part one;

	if (subj < (int)scheme_subject_count(m->s)) {
		one.subject = subj;
		parts = &one;
	} else {
		parts = m->combo[subj - (int)scheme_subject_count(m->s)].p;
		np = m->combo[subj - (int)scheme_subject_count(m->s)].np;
	}
	for (k = 0; k < np; k++) {
		long id = u64map_find(m->prior, (uint64_t)pupil << 32 |
		    (uint64_t)parts[k].subject);
		int band = id < 0 ? -1 : m->pband[id];

		if (band < 0)
			return 0;
		if (lowest == NO_BUCKET || band < lowest)
			lowest = band;
	}
	{
		const char *bid = scheme_band_id(m->s, (size_t)lowest);

		return strmap_intern(b->vals, bid, strlen(bid), NULL);
	}
}

/* Fills g with an entry's group values, working out priors. */
int
sum_groups_of(track_summary *m, const long *eg, uint32_t pupil, int subj,
    long *g)
{
	size_t i;

	for (i = 0; i < m->nby; i++) {
		g[i] = m->by[i].kind == BY_PRIOR ? prior_value(m, &m->by[i],
		    pupil, subj) : eg[i];
		if (g[i] < 0)
			return -1;
	}
	return 0;
}

/* Copies entry e's group values into g (which it returns). */
static long *
entry_groups(const track_summary *m, size_t e, long *g)
{
	size_t i;

	for (i = 0; i < m->nby; i++)
		g[i] = m->eg[e * m->nby + i];
	return g;
}

/* Per combined subject: which pupils at which points have every part. */
struct comb {
	track_u64map *map;	/* (pupil, point) -> index */
	struct cstate {
		unsigned mask;
		int lowest;	/* band, or a bucket past the bands */
		size_t first;	/* entry whose groups are used */
		int32_t words;
	} *st;
	size_t cap;
};

/*
 * The bucket of a combination so far (`cur`, NO_BUCKET for none yet) with one
 * more part in bucket `b`: excluded beats not-at, which beats no band,
 * which beats the lowest band.
 */
static int
worse(int cur, int b)
{
	static const int order[] = { B_EXCLUDED, B_NOT_AT, B_NOBAND };
	size_t i;

	if (cur == NO_BUCKET)
		return b;
	for (i = 0; i < 3; i++)
		if (cur == order[i] || b == order[i])
			return order[i];
	return b < cur ? b : cur;
}

static int
combine(track_summary *m, size_t ci, struct comb *cb)
{
	const struct combo *c = &m->combo[ci];
	size_t e, k, ns = scheme_subject_count(m->s);
	unsigned full = (1u << c->np) - 1;
	int slot = (int)ns + (int)ci;
	int meas = scheme_measure_index(m->s, c->mtext, strlen(c->mtext));
	long g[MAXBY];

	if (meas < 0) {
		for (k = 0; k < m->nmslot; k++)
			if (strcmp(m->mslot[k], c->mtext) == 0)
				meas = (int)(scheme_measure_count(m->s) + k);
	}
	cb->map = u64map_new();
	if (cb->map == NULL)
		return -1;
	for (e = 0; e < m->nent; e++) {
		const struct ent *x = &m->ent[e];
		struct cstate *st;
		int added;
		long id;

		for (k = 0; k < c->np; k++)
			if (c->p[k].subject == x->subject &&
			    c->p[k].measure == x->measure)
				break;
		if (k == c->np)
			continue;
		id = u64map_intern(cb->map, (uint64_t)x->pupil << 32 |
		    (uint64_t)(uint32_t)x->point, &added);
		if (id < 0 || buf_grow(&cb->st, &cb->cap, (size_t)id + 1,
		    sizeof *cb->st) != 0)
			return -1;
		st = &cb->st[id];
		if (added) {
			st->mask = 0;
			st->lowest = NO_BUCKET;
			st->first = e;
			st->words = -1;
		}
		st->mask |= 1u << k;
		st->lowest = worse(st->lowest, x->bucket);
		if (x->words >= 0)
			st->words = x->words;
	}
	for (k = 0; k < u64map_count(cb->map); k++) {
		const struct cstate *st = &cb->st[k];
		const struct ent *x = &m->ent[st->first];

		if (st->mask != full)
			continue;
		if (sum_groups_of(m, entry_groups(m, st->first, g), x->pupil,
		    slot, g) != 0 || count(m, slot, meas, x->point, g,
		    st->lowest, 0, 0, x->pupil, st->words) != 0)
			return -1;
	}
	return 0;
}

/* Measure slot for a combined subject's measure text, added if new. */
int
sum_mslot_of(track_summary *m, const char *text)
{
	int mi = scheme_measure_index(m->s, text, strlen(text));
	size_t k;
	char **v;

	if (mi >= 0 && strchr(text, '+') == NULL)
		return mi;
	for (k = 0; k < m->nmslot; k++)
		if (strcmp(m->mslot[k], text) == 0)
			return (int)(scheme_measure_count(m->s) + k);
	v = realloc(m->mslot, (m->nmslot + 1) * sizeof *v);
	if (v == NULL)
		return -1;
	m->mslot = v;
	v[m->nmslot] = strdup(text);
	if (v[m->nmslot] == NULL)
		return -1;
	return (int)(scheme_measure_count(m->s) + m->nmslot++);
}

/*
 * Counts the roll's pupils who have no value in the slice (subj, meas,
 * point) as missing: for a combined subject, those who lack a part (cb
 * says who has them all).  Returns 0 or -1 (out of memory).
 */
static int
roll_slice(track_summary *m, struct comb *cb, int subj, int meas,
    long point)
{
	size_t ns = scheme_subject_count(m->s), r, k;
	long g[MAXBY];

	for (r = 0; r < m->nroll; r++) {
		uint32_t p = m->roll_pupil[r];
		long id;
		int has;

		if (subj < (int)ns) {
			has = sum_entry_find(m, p, point, subj, meas) >= 0;
		} else {
			struct comb *b = &cb[subj - (int)ns];
			unsigned full = (1u << m->combo[subj - (int)ns].np) - 1;

			id = u64map_find(b->map, (uint64_t)p << 32 |
			    (uint64_t)(uint32_t)point);
			has = id >= 0 && b->st[id].mask == full;
		}
		if (has)
			continue;
		for (k = 0; k < m->nby; k++)
			g[k] = m->roll_g[r * MAXBY + k];
		if (sum_groups_of(m, g, p, subj, g) != 0 ||
		    count(m, subj, meas, point, g, B_MISSING, 0, 0, p, -1) != 0)
			return -1;
	}
	return 0;
}

/*
 * After a merge: each part's roll pupils (its roster) are missing in the
 * slice (subj, meas, point) when the part has no values there.  Returns
 * 0, or TRACK_EXIT_DATA or TRACK_EXIT_IO with err filled.
 */
static int
roster_slice(track_summary *m, int subj, int meas, long point,
    track_error *err)
{
	uint64_t sk = slice_key(subj, meas, point);
	size_t p, i, k;

	for (p = 0; p < m->npart; p++) {
		if (u64map_find(m->part[p].slices, sk) >= 0)
			continue;
		for (i = 0; i < m->part[p].nr; i++) {
			const struct rentry *e = &m->part[p].r[i];
			struct cell *d;

			if (e->subj != subj)
				continue;
			d = sum_cell_get(m, subj, meas, point, e->g);
			if (d == NULL)
				return error_nomem(err);
			if (__builtin_add_overflow(d->cnt[B_MISSING],
			    e->count, &d->cnt[B_MISSING]) ||
			    __builtin_add_overflow(m->mtotal, e->count,
			    &m->mtotal) || m->mtotal > MERGE_MAX_TOTAL)
				return error_set(err, TRACK_EXIT_DATA, NULL, 0,
				    "the partials' missing pupils add up to "
				    "more than 2^62");
			for (k = 0; k < e->names.n; k++)
				if (sum_cell_name(d, B_MISSING,
				    e->names.off[k]) != 0)
					return error_nomem(err);
		}
	}
	return 0;
}

/*
 * With --roll: counts the pupils missing from each slice (subject,
 * measure, point) that has cells, once per slice: from the roll read
 * (roll_slice, cb the combined subjects' states) or, after a merge, from
 * the partials' rosters (roster_slice).  Returns 0, or an exit status
 * with err filled.
 */
static int
missing(track_summary *m, struct comb *cb, track_error *err)
{
	size_t nc = m->ncell, c;
	track_u64map *done = u64map_new();
	int rc = 0;

	if (done == NULL)
		return error_nomem(err);
	for (c = 0; c < nc && rc == 0; c++) {
		/* A copy: counting may move the cells. */
		const struct cell x = m->cell[c];
		int added;

		if (u64map_intern(done, slice_key(x.subj, x.meas, x.point),
		    &added) < 0) {
			rc = error_nomem(err);
			break;
		}
		if (!added)
			continue;
		if (m->merged)
			rc = roster_slice(m, x.subj, x.meas, x.point, err);
		else if (roll_slice(m, cb, x.subj, x.meas, x.point) != 0)
			rc = error_nomem(err);
	}
	u64map_free(done);
	return rc;
}
/* Counts the entries into cells, once. */
int
sum_build(track_summary *m, track_error *err)
{
	size_t e, ci;
	long g[MAXBY];
	struct comb *cb = NULL;
	int rc = 0;

	if (m->merged) {
		if (m->roll && !m->rostered) {
			m->rostered = 1;
			return missing(m, NULL, err);
		}
		return 0;
	}
	if (m->ncell > 0 || m->a == NULL)
		return 0;
	for (e = 0; e < m->nent; e++) {
		const struct ent *x = &m->ent[e];

		if (sum_groups_of(m, entry_groups(m, e, g), x->pupil,
		    x->subject, g) != 0 || count(m, x->subject, x->measure,
		    x->point, g, x->bucket, x->number, x->num, x->pupil,
		    x->words) != 0)
			goto oom;
	}
	cb = calloc(m->ncombo + 1, sizeof *cb);
	if (cb == NULL)
		goto oom;
	for (ci = 0; ci < m->ncombo; ci++)
		if (sum_mslot_of(m, m->combo[ci].mtext) < 0 ||
		    combine(m, ci, &cb[ci]) != 0)
			goto oom;
	if (m->roll)
		rc = missing(m, cb, err);
	goto out;
oom:
	rc = error_nomem(err);
out:
	for (ci = 0; cb != NULL && ci < m->ncombo; ci++) {
		u64map_free(cb[ci].map);
		free(cb[ci].st);
	}
	free(cb);
	return rc;
}

static int
cmp_hv(const void *x, const void *y)
{
	double a = ((const struct hv *)x)->v, b = ((const struct hv *)y)->v;

	return a < b ? -1 : a > b;
}

/* Sorts and merges a cell's histogram: one entry per distinct score. */
void
sum_compress(struct cell *c)
{
	size_t i, k = 0;

	if (c->nh < 2 || c->hsorted == c->nh) {
		c->hsorted = c->nh;
		return;
	}
	qsort(c->h, c->nh, sizeof *c->h, cmp_hv);
	for (i = 1; i < c->nh; i++) {
		if (c->h[i].v == c->h[k].v)
			c->h[k].c += c->h[i].c;
		else
			c->h[++k] = c->h[i];
	}
	c->nh = c->hsorted = k + 1;
}

/* Adds cell `src` into `dst` (for totals rows). */
int
sum_cell_add(struct cell *dst, const struct cell *src)
{
	size_t i, j;

	dst->years |= src->years;
	for (i = 0; i < NBUCKET; i++)
		dst->cnt[i] += src->cnt[i];
	for (i = 0; i < src->nh; i++)
		if (sum_cell_score(dst, src->h[i].v, src->h[i].c) != 0)
			return -1;
	for (i = 0; i < NBUCKET; i++)
		for (j = 0; j < src->pl[i].n; j++)
			if (sum_cell_name(dst, (int)i, src->pl[i].off[j]) != 0)
				return -1;
	return 0;
}

void
sum_cell_clear(struct cell *c)
{
	size_t i;

	free(c->h);
	for (i = 0; i < NBUCKET; i++)
		free(c->pl[i].off);
	memset(c, 0, sizeof *c);
}
