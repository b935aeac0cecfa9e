/* suppress.c - suppression that cannot be undone; see suppress.h. */
#include "suppress.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Linear algebra is done modulo the prime 2^61 - 1: the equations have
 * coefficients 0 and 1, and a rank that differs from the rank over the
 * rationals would need the prime to divide every minor of that order.
 * tests/privacy checks the published tables again with exact rationals.
 */
__extension__ typedef unsigned __int128 u128;
#define PRIME 0x1FFFFFFFFFFFFFFFULL
#define TRIES 8		/* candidates tried for one pinned group */

struct table {
	size_t ng;
	size_t *rep;		/* a cell of each group; groups in key order */
	long long *n, *size;
	unsigned char *flag;	/* enum suppress_kind */
	unsigned char *gaveup;	/* pinned and nothing could free it */
	unsigned char *forced;	/* hidden for a finer table: never shown */
};

/* A group hidden because a finer table needs it hidden (see escalate). */
struct forced {
	unsigned mask;
	size_t cell;		/* a cell inside it */
};

struct ctx {
	size_t ncol, ncell;
	const long *keys;
	const long long *n, *size;
	long long min;
	unsigned fixed;		/* the columns every decision is made over */
	size_t pg;		/* groups of the table being decided */
	unsigned sortmask;
	struct table t[1u << SUPPRESS_MAXCOL];
	struct forced *force;
	size_t nforce, fcap;
	int again;		/* a group was forced: decide all again */
	uint32_t *par;		/* the table being decided: par[U * ng + g]
				   is the group of table U its group g is in */
};

/* The group of table U (a subset of the table being decided) that its
 * group g falls in. */
#define PAR(x, U, g) ((size_t)(x)->par[(size_t)(U) * (x)->pg + (g)])

/* The system of one table: its suppressed groups as unknowns. */
struct sys {
	size_t nv, nr, npiv;
	size_t *var;		/* unknown -> group */
	long *varof;		/* group -> unknown, or -1 */
	uint64_t *a;		/* nr x nv, reduced to row echelon form */
	size_t *piv;		/* row -> its pivot column */
	size_t *nz;		/* scratch: a pivot row's nonzero columns */
	long *prow;		/* unknown -> its pivot row, or -1 (free) */
	size_t *freec, nfree;	/* the free unknowns */
	size_t *fidx;		/* unknown -> its place in freec */
};

static uint64_t
mulmod(uint64_t a, uint64_t b)
{
	return (uint64_t)(((u128)a * b) % PRIME);
}

static uint64_t
invmod(uint64_t a)
{
	uint64_t r = 1, e = PRIME - 2;

	while (e) {
		if (e & 1)
			r = mulmod(r, a);
		a = mulmod(a, a);
		e >>= 1;
	}
	return r;
}

/* Compares cells a and b on the columns of `mask`, in column order. */
static int
cmp_proj(const struct ctx *x, unsigned mask, size_t a, size_t b)
{
	size_t c;

	for (c = 0; c < x->ncol; c++) {
		long ka, kb;

		if (!(mask & (1u << c)))
			continue;
		ka = x->keys[a * x->ncol + c];
		kb = x->keys[b * x->ncol + c];
		if (ka != kb)
			return ka < kb ? -1 : 1;
	}
	return 0;
}

static int
cmp_sort(const void *p, const void *q, void *arg)
{
	const struct ctx *x = arg;
	size_t a = *(const size_t *)p, b = *(const size_t *)q;
	int r = cmp_proj(x, x->sortmask, a, b);

	return r ? r : a < b ? -1 : a > b;
}

/* The group of table `mask` that cell `cell` falls in. */
static size_t
find(const struct ctx *x, unsigned mask, size_t cell)
{
	const struct table *t = &x->t[mask];
	size_t lo = 0, hi = t->ng;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (cmp_proj(x, mask, t->rep[mid], cell) <= 0)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* The groups of table `mask`, their pupils and their representatives. */
static int
groups(struct ctx *x, unsigned mask)
{
	struct table *t = &x->t[mask];
	size_t *ord = malloc((x->ncell + 1) * sizeof *ord), i;

	t->rep = malloc((x->ncell + 1) * sizeof *t->rep);
	t->n = calloc(x->ncell + 1, sizeof *t->n);
	t->size = calloc(x->ncell + 1, sizeof *t->size);
	t->flag = calloc(x->ncell + 1, 1);
	t->gaveup = calloc(x->ncell + 1, 1);
	t->forced = calloc(x->ncell + 1, 1);
	if (ord == NULL || t->rep == NULL || t->n == NULL || t->size == NULL ||
	    t->flag == NULL ||
	    t->gaveup == NULL || t->forced == NULL) {
		free(ord);
		return -1;
	}
	for (i = 0; i < x->ncell; i++)
		ord[i] = i;
	x->sortmask = mask;
	qsort_r(ord, x->ncell, sizeof *ord, cmp_sort, x);
	t->ng = 0;
	for (i = 0; i < x->ncell; i++) {
		if (i == 0 || cmp_proj(x, mask, ord[i - 1], ord[i]) != 0)
			t->rep[t->ng++] = ord[i];
		t->n[t->ng - 1] += x->n[ord[i]];
		t->size[t->ng - 1] += x->size[ord[i]];
	}
	free(ord);
	return 0;
}

static void
sys_free(struct sys *s)
{
	free(s->var);
	free(s->varof);
	free(s->a);
	free(s->piv);
	free(s->nz);
	free(s->prow);
	free(s->freec);
	free(s->fidx);
	memset(s, 0, sizeof *s);
}

/*
 * Reduces s->a (s->nr rows of s->nv unknowns, modulo PRIME) to row
 * echelon form by Gauss-Jordan elimination: pivots normalised to 1 and
 * cleared above and below; s->piv gets the pivot columns (s->npiv).
 * s->nz is scratch.
 */
static void
sys_reduce(struct sys *s)
{
	size_t v, r, c, i, nz;

	for (c = 0; c < s->nv && s->npiv < s->nr; c++) {
		uint64_t *p, inv;

		for (r = s->npiv; r < s->nr && s->a[r * s->nv + c] == 0; r++)
			;
		if (r == s->nr)
			continue;
		if (r != s->npiv)
			for (v = 0; v < s->nv; v++) {
				uint64_t tmp = s->a[r * s->nv + v];

				s->a[r * s->nv + v] = s->a[s->npiv * s->nv + v];
				s->a[s->npiv * s->nv + v] = tmp;
			}
		p = &s->a[s->npiv * s->nv];
		inv = invmod(p[c]);
		nz = 0;
		for (v = c; v < s->nv; v++)
			if (p[v]) {
				p[v] = mulmod(p[v], inv);
				s->nz[nz++] = v;
			}
		/* The rows are sparse: touch only the pivot row's columns. */
		for (r = 0; r < s->nr; r++) {
			uint64_t *q = &s->a[r * s->nv], f = q[c];

			if (r == s->npiv || f == 0)
				continue;
			for (i = 0; i < nz; i++) {
				v = s->nz[i];
				q[v] = (q[v] + PRIME - mulmod(f, p[v])) % PRIME;
			}
		}
		s->piv[s->npiv++] = c;
	}
}

/*
 * The equations an outsider has about table T: one for each published
 * group of every table over a proper subset of T's columns, over T's
 * suppressed groups (its published groups are known numbers).  Reduced to
 * row echelon form, pivots normalised to 1 and cleared above and below.
 */
static int
sys_build(const struct ctx *x, unsigned T, struct sys *s)
{
	const struct table *t = &x->t[T];
	size_t v, r, i, cap;
	unsigned U;
	long *rowof = NULL;
	size_t *pr = NULL, *pv = NULL, np = 0;
	int rc = -1;

	memset(s, 0, sizeof *s);
	s->var = malloc((t->ng + 1) * sizeof *s->var);
	s->varof = malloc((t->ng + 1) * sizeof *s->varof);
	if (s->var == NULL || s->varof == NULL)
		goto out;
	for (i = 0; i < t->ng; i++) {
		s->varof[i] = -1;
		if (t->flag[i]) {
			s->varof[i] = (long)s->nv;
			s->var[s->nv++] = i;
		}
	}
	cap = s->nv * ((size_t)1 << __builtin_popcount(T)) + 1;
	pr = malloc(cap * sizeof *pr);
	pv = malloc(cap * sizeof *pv);
	rowof = malloc((x->ncell + 1) * sizeof *rowof);
	if (pr == NULL || pv == NULL || rowof == NULL)
		goto out;
	for (U = 0; U < T; U++) {
		const struct table *u = &x->t[U];

		if ((U & ~T) != 0)
			continue;
		for (i = 0; i < u->ng; i++)
			rowof[i] = -1;
		for (v = 0; v < s->nv; v++) {
			size_t g = PAR(x, U, s->var[v]);

			if (u->flag[g])
				continue;
			if (rowof[g] < 0)
				rowof[g] = (long)s->nr++;
			pr[np] = (size_t)rowof[g];
			pv[np++] = v;
		}
	}
	s->a = calloc(s->nr * s->nv + 1, sizeof *s->a);
	s->piv = malloc((s->nr + 1) * sizeof *s->piv);
	s->nz = malloc((s->nv + 1) * sizeof *s->nz);
	if (s->a == NULL || s->piv == NULL || s->nz == NULL)
		goto out;
	for (i = 0; i < np; i++)
		s->a[pr[i] * s->nv + pv[i]] = 1;
	sys_reduce(s);
	s->prow = malloc((s->nv + 1) * sizeof *s->prow);
	s->freec = malloc((s->nv + 1) * sizeof *s->freec);
	s->fidx = malloc((s->nv + 1) * sizeof *s->fidx);
	if (s->prow == NULL || s->freec == NULL || s->fidx == NULL)
		goto out;
	for (v = 0; v < s->nv; v++)
		s->prow[v] = -1;
	for (r = 0; r < s->npiv; r++)
		s->prow[s->piv[r]] = (long)r;
	for (v = 0; v < s->nv; v++)
		if (s->prow[v] < 0) {
			s->fidx[v] = s->nfree;
			s->freec[s->nfree++] = v;
		}
	rc = 0;
out:
	free(pr);
	free(pv);
	free(rowof);
	if (rc != 0)
		sys_free(s);
	return rc;
}

/* Adds unknown v's residue on the free columns to w. */
static void
residue_add(const struct sys *s, size_t v, uint64_t *w)
{
	const uint64_t *row;
	size_t f;

	if (s->prow[v] < 0) {
		w[s->fidx[v]] = (w[s->fidx[v]] + 1) % PRIME;
		return;
	}
	row = &s->a[(size_t)s->prow[v] * s->nv];
	for (f = 0; f < s->nfree; f++)
		if (row[s->freec[f]])
			w[f] = (w[f] + PRIME - row[s->freec[f]]) % PRIME;
}

/* Nonzero when the residue w is zero on every free column. */
static int
residue_zero(const struct sys *s, const uint64_t *w)
{
	size_t f;

	for (f = 0; f < s->nfree; f++)
		if (w[f])
			return 0;
	return 1;
}

/*
 * Nonzero when the sum of the unknowns marked in `in` (0/1, nv of them)
 * is determined by the equations.  In reduced row echelon form a vector
 * is in the row space when it equals the sum of its pivot entries times
 * their rows, which only the free columns can deny: so only those are
 * worked out.  `w` is scratch of nv words.
 */
static int
determined(const struct sys *s, const unsigned char *in, uint64_t *w)
{
	size_t v;

	memset(w, 0, s->nfree * sizeof *w);
	for (v = 0; v < s->nv; v++)
		if (in[v])
			residue_add(s, v, w);
	return residue_zero(s, w);
}

/*
 * As determined(), for the unknowns listed in vars[0..k).
 */
static int
determined_list(const struct sys *s, const size_t *vars, size_t k,
    uint64_t *w)
{
	size_t i;

	memset(w, 0, s->nfree * sizeof *w);
	for (i = 0; i < k; i++)
		residue_add(s, vars[i], w);
	return residue_zero(s, w);
}

/*
 * The unknowns of T's system in each group of table U (a subset of T):
 * those of group g are list[start[g] .. start[g + 1]).  `start` has room
 * for x->t[U].ng + 1, `list` for s->nv.
 */
static void
parts(const struct ctx *x, unsigned U, const struct sys *s, size_t *start,
    size_t *list)
{
	size_t ng = x->t[U].ng, v, g;

	for (g = 0; g <= ng; g++)
		start[g] = 0;
	for (v = 0; v < s->nv; v++)
		start[PAR(x, U, s->var[v]) + 1]++;
	for (g = 0; g < ng; g++)
		start[g + 1] += start[g];
	for (v = 0; v < s->nv; v++)
		list[start[PAR(x, U, s->var[v])]++] = v;
	for (g = ng; g > 0; g--)
		start[g] = start[g - 1];
	start[0] = 0;
}

/*
 * The target's unknowns: group g of table U (U == T: the group itself;
 * else every group of T inside it).  Marks them in `in`; returns how many.
 */
static size_t
target(const struct ctx *x, unsigned T, const struct sys *s, unsigned U,
    size_t g, unsigned char *in)
{
	size_t v, k = 0;

	memset(in, 0, s->nv + 1);
	for (v = 0; v < s->nv; v++)
		if (U == T ? s->var[v] == g :
		    PAR(x, U, s->var[v]) == g) {
			in[v] = 1;
			k++;
		}
	return k;
}

/*
 * Finds the first suppressed group (of T, then of the tables over fewer
 * columns, each in key order) that T's system `s` determines and that has
 * not been given up.  `w` is scratch of s->nv + 1 words, `start` of
 * x->ncell + 1 and `list` of s->nv + 1.  Returns 1 with *tu and *tg set,
 * or 0 when none.
 */
static int
first_pinned(const struct ctx *x, unsigned T, const struct sys *s,
    uint64_t *w, size_t *start, size_t *list, unsigned *tu, size_t *tg)
{
	unsigned U;
	size_t g;

	for (U = T + 1; U-- > 0;) {
		const struct table *u = &x->t[U];

		if ((U & ~T) != 0)
			continue;
		parts(x, U, s, start, list);
		for (g = 0; g < u->ng; g++) {
			if (!u->flag[g] || u->gaveup[g] ||
			    start[g + 1] == start[g] || !determined_list(s,
			    list + start[g], start[g + 1] - start[g], w))
				continue;
			*tu = U;
			*tg = g;
			return 1;
		}
	}
	return 0;
}

/* Nonzero (1) when group g of U is still determined; -1 out of memory. */
static int
still_pinned(const struct ctx *x, unsigned T, unsigned U, size_t g)
{
	struct sys s;
	unsigned char *in;
	uint64_t *w;
	int rc = -1;

	if (sys_build(x, T, &s) != 0)
		return -1;
	in = malloc(s.nv + 1);
	w = malloc((s.nv + 1) * sizeof *w);
	if (in != NULL && w != NULL)
		rc = target(x, T, &s, U, g, in) > 0 && determined(&s, in, w);
	free(in);
	free(w);
	sys_free(&s);
	return rc;
}

/* Nonzero when cells a and b differ in exactly one column of T. */
static int
one_apart(const struct ctx *x, unsigned T, size_t a, size_t b)
{
	size_t c, d = 0;

	for (c = 0; c < x->ncol; c++)
		if ((T & (1u << c)) && x->keys[a * x->ncol + c] !=
		    x->keys[b * x->ncol + c])
			d++;
	return d == 1;
}

/* Candidates smallest first, then in key order (their group index). */
static int
cmp_cand(const void *p, const void *q, void *arg)
{
	const struct table *t = arg;
	size_t a = *(const size_t *)p, b = *(const size_t *)q;

	if (t->n[a] != t->n[b])
		return t->n[a] < t->n[b] ? -1 : 1;
	return a < b ? -1 : a > b;
}

/*
 * Frees pinned group g of table U (within T's system) by suppressing a
 * complement in T: a published group with pupils, in a line with one of
 * the pinned group's parts, smallest first; the first that frees it, or
 * else the smallest (and the loop goes on).  With no candidate at all the
 * group is given up.  Returns 0 or -1 (out of memory).
 */
static int
complement(struct ctx *x, unsigned T, unsigned U, size_t g)
{
	struct table *t = &x->t[T];
	size_t *cand = malloc((t->ng + 1) * sizeof *cand), nc = 0, i, j;
	int wide, rc = -1, p;

	if (cand == NULL)
		return -1;
	for (wide = 0; wide < 2 && nc == 0; wide++)
		for (i = 0; i < t->ng; i++) {
			if (t->flag[i] || t->n[i] <= 0)
				continue;
			for (j = 0; !wide && j < t->ng; j++)
				if (t->flag[j] && (U == T ? j == g :
				    PAR(x, U, j) == g) &&
				    one_apart(x, T, t->rep[i], t->rep[j]))
					break;
			if (wide || j < t->ng)
				cand[nc++] = i;
		}
	if (nc == 0) {
		x->t[U].gaveup[g] = 1;
		free(cand);
		return 0;
	}
	qsort_r(cand, nc, sizeof *cand, cmp_cand, t);
	for (i = 0; i < nc && i < TRIES; i++) {
		t->flag[cand[i]] = SUPPRESS_COMPLEMENT;
		p = still_pinned(x, T, U, g);
		if (p < 0)
			goto out;
		if (p == 0)
			break;
		t->flag[cand[i]] = SUPPRESS_SHOWN;
	}
	if (i == nc || i == TRIES)
		t->flag[cand[0]] = SUPPRESS_COMPLEMENT;
	rc = 0;
out:
	free(cand);
	return rc;
}

/*
 * Shows the groups of T that are hidden only because a coarser group is
 * (not small) and that the published groups determine anyway: the only
 * group of a published year in a hidden column, say.  Their figures are
 * published already, by addition; marking them c would only pretend.
 * Showing a determined group adds nothing to what can be solved for,
 * so `s`, T's system, stays good for what is still hidden.
 */
static void
reveal(struct ctx *x, unsigned T, const struct sys *s, unsigned char *in,
    uint64_t *w)
{
	struct table *t = &x->t[T];
	size_t v;

	for (v = 0; v < s->nv; v++) {
		size_t g = s->var[v];

		if (t->flag[g] != SUPPRESS_COMPLEMENT || t->forced[g])
			continue;
		memset(in, 0, s->nv + 1);
		in[v] = 1;
		if (determined(s, in, w))
			t->flag[g] = SUPPRESS_SHOWN;
	}
}

/*
 * Nonzero when group g of table V is the only part of a published group
 * of a table with one column fewer (a column with one value, or a value
 * that only occurs with another): hiding it would hide nothing.
 */
static int
only_child(const struct ctx *x, unsigned V, size_t g)
{
	const struct table *t = &x->t[V];
	size_t c, p;

	for (c = 0; c < x->ncol; c++) {
		const struct table *u = &x->t[V & ~(1u << c)];

		if (!(V & (1u << c)))
			continue;
		p = find(x, V & ~(1u << c), t->rep[g]);
		if (!u->flag[p] && u->n[p] == t->n[g] &&
		    u->size[p] == t->size[g])
			return 1;
	}
	return 0;
}

/*
 * When a hidden group is still determined after T has hidden all it can
 * (the coarser tables' published groups give it away: all 5 disadvantaged
 * pupils have English as their first language, so the EAL "N" group less
 * the disadvantaged is the small non-disadvantaged "N" group), one of the
 * coarser groups that pin it is hidden instead: the smallest with n > 0,
 * then the coarsest, of a table V over some of T's columns (not none:
 * the whole is never a complement) that keeps every column of T outside
 * `fixed`.  Everything is then decided again (the
 * caller sees x->again).  Since V keeps T's other columns, the decision
 * for any table still depends only on its own columns and the fixed
 * ones, which every decision is made over.  Returns 0 or -1.
 */
static int
escalate(struct ctx *x, unsigned T, const struct sys *sp, unsigned char *in,
    uint64_t *w, size_t *start, size_t *list)
{
	const struct sys s = *sp;
	unsigned U, V, bestv = 0, fu = 0;
	size_t g, v, bestc = 0, fg = 0;
	long long bestn = -1;
	int found = 0;

	for (U = T + 1; U-- > 0 && !found;) {
		const struct table *u = &x->t[U];

		if ((U & ~T) != 0)
			continue;
		parts(x, U, &s, start, list);
		for (g = 0; g < u->ng && !found; g++)
			if (u->flag[g] && start[g + 1] > start[g] &&
			    determined_list(&s, list + start[g], start[g + 1] -
			    start[g], w)) {
				found = 1;
				fu = U;
				fg = g;
			}
	}
	if (!found)
		return 0;
	target(x, T, &s, fu, fg, in);
	/* The pinned group's parts are marked in `in`. */
	for (V = 0; V < T; V++) {
		const struct table *t = &x->t[V];

		/* Never the whole: the overview always publishes it. */
		if (V == 0 || (V & ~T) != 0 || (T & ~x->fixed & ~V) != 0)
			continue;
		for (v = 0; v < s.nv; v++) {
			size_t cell = x->t[T].rep[s.var[v]], vg;

			if (!in[v])
				continue;
			vg = PAR(x, V, s.var[v]);
			if (t->flag[vg] || t->n[vg] <= 0 || only_child(x, V,
			    vg))
				continue;
			if (bestn < 0 || t->n[vg] < bestn || (t->n[vg] ==
			    bestn && __builtin_popcount(V) <
			    __builtin_popcount(bestv))) {
				bestn = t->n[vg];
				bestv = V;
				bestc = cell;
			}
		}
	}
	if (bestn < 0)
		return 0;	/* nothing to hide: left as it is */
	if (x->nforce == x->fcap) {
		struct forced *f;

		x->fcap = x->fcap ? 2 * x->fcap : 8;
		f = realloc(x->force, x->fcap * sizeof *f);
		if (f == NULL)
			return -1;
		x->force = f;
	}
	x->force[x->nforce].mask = bestv;
	x->force[x->nforce++].cell = bestc;
	x->again = 1;
	return 0;
}

/* Decides table T, the tables over fewer columns being decided. */
static int
decide(struct ctx *x, unsigned T)
{
	struct table *t = &x->t[T];
	size_t g, c;
	unsigned tu;
	size_t tg;
	int r;

	if (groups(x, T) != 0)
		return -1;
	free(x->par);
	x->pg = t->ng;
	x->par = malloc(((size_t)T + 1) * t->ng * sizeof *x->par + 1);
	if (x->par == NULL)
		return -1;
	for (tu = 0; tu <= T; tu++)
		if ((tu & ~T) == 0)
			for (g = 0; g < t->ng; g++)
				x->par[(size_t)tu * t->ng + g] =
				    (uint32_t)find(x, tu, t->rep[g]);
	for (g = 0; g < t->ng; g++) {
		if (t->size[g] > 0 && t->size[g] < x->min) {
			t->flag[g] = SUPPRESS_SMALL;
			continue;
		}
		for (c = 0; c < x->ncol; c++)
			if ((T & (1u << c)) && x->t[T & ~(1u << c)].flag[PAR(x,
			    T & ~(1u << c), g)]) {
				t->flag[g] = SUPPRESS_COMPLEMENT;
				break;
			}
	}
	for (c = 0; c < x->nforce; c++)
		if (x->force[c].mask == T) {
			g = find(x, T, x->force[c].cell);
			if (!t->flag[g])
				t->flag[g] = SUPPRESS_COMPLEMENT;
			t->forced[g] = 1;
		}
	if (T == 0)
		return 0;
	for (tu = 0; tu < T; tu++)
		if ((tu & ~T) == 0)
			memset(x->t[tu].gaveup, 0, x->t[tu].ng);
	for (;;) {
		struct sys s;
		unsigned char *in;
		uint64_t *w;
		size_t *start, *list;
		int pinned;

		for (g = 0; g < t->ng && !t->flag[g]; g++)
			;
		if (g == t->ng)
			return 0;	/* nothing hidden here, nor above */
		if (sys_build(x, T, &s) != 0)
			return -1;
		in = malloc(s.nv + 1);
		w = malloc((s.nv + 1) * sizeof *w);
		start = malloc((x->ncell + 2) * sizeof *start);
		list = malloc((s.nv + 1) * sizeof *list);
		r = in == NULL || w == NULL || start == NULL || list == NULL ?
		    -1 : 0;
		if (r == 0) {
			pinned = first_pinned(x, T, &s, w, start, list, &tu,
			    &tg);
			if (pinned)
				r = complement(x, T, tu, tg);
			else {
				reveal(x, T, &s, in, w);
				r = escalate(x, T, &s, in, w, start, list);
			}
		}
		free(in);
		free(w);
		free(start);
		free(list);
		sys_free(&s);
		if (r != 0 || !pinned)
			return r;
	}
}

/* Frees every table's groups (but not the forced list). */
static void
clear_tables(struct ctx *x, unsigned full)
{
	unsigned T;

	for (T = 0; T <= full; T++) {
		free(x->t[T].rep);
		free(x->t[T].n);
		free(x->t[T].size);
		free(x->t[T].flag);
		free(x->t[T].gaveup);
		free(x->t[T].forced);
		memset(&x->t[T], 0, sizeof x->t[T]);
	}
}

int
suppress_decide(size_t ncol, unsigned fixed, unsigned want, size_t ncell,
    const long *keys, const long long *n, const long long *size,
    long long min_group,
    unsigned char *out, unsigned char *total)
{
	struct ctx *x;
	unsigned T, full, k;
	size_t i;
	long long tot = 0;
	int rc = -1;

	if (ncol > SUPPRESS_MAXCOL)
		return -1;
	memset(out, 0, ncell);
	*total = 0;
	if (min_group <= 1 || ncell == 0)
		return 0;
	x = calloc(1, sizeof *x);
	if (x == NULL)
		return -1;
	x->ncol = ncol;
	x->ncell = ncell;
	x->keys = keys;
	x->n = n;
	x->size = size;
	x->min = min_group;
	full = (1u << ncol) - 1;
	x->fixed = fixed & full;
	want &= full;
	/* A small whole hides every group: nothing to decide. */
	for (i = 0; i < ncell; i++)
		tot += size[i];
	if (tot < min_group) {
		*total = SUPPRESS_SMALL;
		memset(out, SUPPRESS_SMALL, ncell);
		free(x);
		return 0;
	}
	/* Coarsest first: by the number of columns, then by mask; again
	 * from the start whenever a finer table forced a coarser group. */
	do {
		clear_tables(x, full);
		x->again = 0;
		for (k = 0; k <= ncol && !x->again; k++)
			for (T = 0; T <= full && !x->again; T++)
				if ((unsigned)__builtin_popcount(T) == k &&
				    decide(x, T) != 0)
					goto out;
	} while (x->again);
	for (i = 0; i < ncell; i++)
		out[i] = x->t[want].flag[find(x, want, i)];
	*total = x->t[0].flag[0];
	rc = 0;
out:
	clear_tables(x, full);
	free(x->force);
	free(x->par);
	free(x);
	return rc;
}

char *
suppress_note(long long min_group, long long complements)
{
	char *s = NULL;
	int n;

	if (min_group <= 1)
		return NULL;
	if (complements > 0)
		n = asprintf(&s, "Figures for groups of fewer than %lld pupils "
		    "are suppressed and marked c. %lld other group%s %s "
		    "marked c too, though not small, so that the small ones "
		    "cannot be worked out by subtraction.", min_group,
		    complements, complements == 1 ? "" : "s", complements ==
		    1 ? "is" : "are");
	else
		n = asprintf(&s, "Figures for groups of fewer than %lld pupils "
		    "are suppressed and marked c.", min_group);
	return n < 0 ? NULL : s;
}

long
suppress_min_group_parse(const char *s)
{
	char *end;
	long v;

	if (*s < '0' || *s > '9')
		return -1;
	v = strtol(s, &end, 10);
	return *end != '\0' || v < 0 || v > 1000000 ? -1 : v;
}
