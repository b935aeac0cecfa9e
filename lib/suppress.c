/* suppress.c - suppression that cannot be undone; see suppress.h. */
#include "suppress.h"

#include <stdint.h>
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
#define TRIES 32		/* candidates tried for one pinned group */

struct table {
	size_t ng;
	size_t *rep;		/* one cell of each group; groups in key order */
	long long *n;
	unsigned char *flag;	/* enum suppress_kind */
	unsigned char *gaveup;	/* pinned and nothing could free it */
};

struct ctx {
	size_t ncol, ncell;
	const long *keys;
	const long long *n;
	long long min;
	unsigned sortmask;
	struct table t[1u << SUPPRESS_MAXCOL];
};

/* The system of one table: its suppressed groups as unknowns. */
struct sys {
	size_t nv, nr, npiv;
	size_t *var;		/* unknown -> group */
	long *varof;		/* group -> unknown, or -1 */
	uint64_t *a;		/* nr x nv, reduced to row echelon form */
	size_t *piv;		/* row -> its pivot column */
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
	t->flag = calloc(x->ncell + 1, 1);
	t->gaveup = calloc(x->ncell + 1, 1);
	if (ord == NULL || t->rep == NULL || t->n == NULL || t->flag == NULL ||
	    t->gaveup == NULL) {
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
	memset(s, 0, sizeof *s);
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
	size_t v, r, c, i, cap;
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
			size_t g = find(x, U, t->rep[s->var[v]]);

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
	if (s->a == NULL || s->piv == NULL)
		goto out;
	for (i = 0; i < np; i++)
		s->a[pr[i] * s->nv + pv[i]] = 1;
	/* Gauss-Jordan elimination. */
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
		for (v = c; v < s->nv; v++)
			p[v] = mulmod(p[v], inv);
		for (r = 0; r < s->nr; r++) {
			uint64_t *q = &s->a[r * s->nv], f = q[c];

			if (r == s->npiv || f == 0)
				continue;
			for (v = c; v < s->nv; v++)
				if (p[v])
					q[v] = (q[v] + PRIME - mulmod(f, p[v])) %
					    PRIME;
		}
		s->piv[s->npiv++] = c;
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

/*
 * Nonzero when the sum of the unknowns marked in `in` (0/1, nv of them)
 * is determined by the equations: it reduces to nothing.  `w` is scratch
 * of nv words.
 */
static int
determined(const struct sys *s, const unsigned char *in, uint64_t *w)
{
	size_t r, v;

	for (v = 0; v < s->nv; v++)
		w[v] = in[v];
	for (r = 0; r < s->npiv; r++) {
		const uint64_t *p = &s->a[r * s->nv];
		uint64_t f = w[s->piv[r]];

		if (f == 0)
			continue;
		for (v = s->piv[r]; v < s->nv; v++)
			if (p[v])
				w[v] = (w[v] + PRIME - mulmod(f, p[v])) % PRIME;
	}
	for (v = 0; v < s->nv; v++)
		if (w[v])
			return 0;
	return 1;
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
		    find(x, U, x->t[T].rep[s->var[v]]) == g) {
			in[v] = 1;
			k++;
		}
	return k;
}

/*
 * Finds the first suppressed group (of T, then of the tables over fewer
 * columns, each in key order) that T's system determines and that has not
 * been given up.  Returns 1 with *tu and *tg set, 0 when none, -1 when out
 * of memory.
 */
static int
first_pinned(const struct ctx *x, unsigned T, unsigned *tu, size_t *tg)
{
	struct sys s;
	unsigned char *in = NULL;
	uint64_t *w = NULL;
	unsigned U;
	size_t g;
	int rc = -1;

	if (sys_build(x, T, &s) != 0)
		return -1;
	in = malloc(s.nv + 1);
	w = malloc((s.nv + 1) * sizeof *w);
	if (in == NULL || w == NULL)
		goto out;
	rc = 0;
	for (U = T + 1; U-- > 0 && rc == 0;) {
		const struct table *u = &x->t[U];

		if ((U & ~T) != 0)
			continue;
		for (g = 0; g < u->ng; g++) {
			if (!u->flag[g] || u->gaveup[g])
				continue;
			if (target(x, T, &s, U, g, in) == 0 ||
			    !determined(&s, in, w))
				continue;
			*tu = U;
			*tg = g;
			rc = 1;
			break;
		}
	}
out:
	free(in);
	free(w);
	sys_free(&s);
	return rc;
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
				    find(x, U, t->rep[j]) == g) &&
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
 * Showing a determined group adds nothing to what can be solved for.
 */
static int
reveal(struct ctx *x, unsigned T)
{
	struct table *t = &x->t[T];
	struct sys s;
	unsigned char *in = NULL;
	uint64_t *w = NULL;
	size_t v;
	int rc = -1;

	if (sys_build(x, T, &s) != 0)
		return -1;
	in = malloc(s.nv + 1);
	w = malloc((s.nv + 1) * sizeof *w);
	if (in == NULL || w == NULL)
		goto out;
	for (v = 0; v < s.nv; v++) {
		size_t g = s.var[v];

		if (t->flag[g] != SUPPRESS_COMPLEMENT)
			continue;
		memset(in, 0, s.nv + 1);
		in[v] = 1;
		if (determined(&s, in, w))
			t->flag[g] = SUPPRESS_SHOWN;
	}
	rc = 0;
out:
	free(in);
	free(w);
	sys_free(&s);
	return rc;
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
	for (g = 0; g < t->ng; g++) {
		if (t->n[g] > 0 && t->n[g] < x->min) {
			t->flag[g] = SUPPRESS_SMALL;
			continue;
		}
		for (c = 0; c < x->ncol; c++)
			if ((T & (1u << c)) && x->t[T & ~(1u << c)].flag[find(x,
			    T & ~(1u << c), t->rep[g])]) {
				t->flag[g] = SUPPRESS_COMPLEMENT;
				break;
			}
	}
	if (T == 0)
		return 0;
	for (tu = 0; tu < T; tu++)
		if ((tu & ~T) == 0)
			memset(x->t[tu].gaveup, 0, x->t[tu].ng);
	while ((r = first_pinned(x, T, &tu, &tg)) == 1)
		if (complement(x, T, tu, tg) != 0)
			return -1;
	return r < 0 ? -1 : reveal(x, T);
}

int
suppress_decide(size_t ncol, size_t ncell, const long *keys,
    const long long *n, long long min_group, unsigned char *out,
    unsigned char *total)
{
	struct ctx *x;
	unsigned T, full, k;
	size_t i;
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
	x->min = min_group;
	full = (1u << ncol) - 1;
	/* Coarsest first: by the number of columns, then by mask. */
	for (k = 0; k <= ncol; k++)
		for (T = 0; T <= full; T++)
			if ((unsigned)__builtin_popcount(T) == k &&
			    decide(x, T) != 0)
				goto out;
	for (i = 0; i < ncell; i++)
		out[i] = x->t[full].flag[find(x, full, i)];
	*total = x->t[0].flag[0];
	rc = 0;
out:
	for (T = 0; T <= full; T++) {
		free(x->t[T].rep);
		free(x->t[T].n);
		free(x->t[T].flag);
		free(x->t[T].gaveup);
	}
	free(x);
	return rc;
}
