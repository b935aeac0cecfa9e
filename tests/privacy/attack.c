/*
 * attack [-v] [-q] FILE... - attacks published tables the way an outsider
 * would, and counts the suppressed figures it can work out.
 *
 * Each FILE holds JSON documents, one a line: the -F json output of
 * track-summary (overview, --by, --totals, --gap, --across, --over,
 * --combine, --roll, --benchmark) and of track-matrix, all made from the
 * same records at the same threshold.  The attack knows only what is
 * published:
 *
 *   - the groups each table lists (a row, suppressed or not, says that
 *     group has pupils), which give the unknowns: for each subject,
 *     measure and point, one atom for every combination of the values of
 *     all the columns grouped by, kept when each of its projections onto
 *     a published table's columns is a group that table lists (the
 *     strongest guess an outsider can make about which combinations are
 *     empty);
 *   - every published figure, as a linear equation over the atoms: a
 *     group's n, its band counts (a percentage with n gives the count),
 *     at or above, not assessed, excluded and missing.
 *
 * A row publishes either all of a group's coordinates (an overview row),
 * or only n and at-or-above (--across, --gap), or none (suppressed).  In
 * the basis {n, at or above, the other bands but the last, not assessed,
 * missing, excluded} every published figure is one coordinate, so the
 * system splits into one system per coordinate and each suppressed
 * figure's coordinates are checked on their own: the figure is recovered
 * when the group's indicator lies in the row space of the published
 * groups' indicators.  That is decided exactly, by Gauss-Jordan
 * elimination over the rationals (64-bit numerators and denominators,
 * every operation checked for overflow).  A number printed in a
 * suppressed row (a gap or a difference beside a "c") is recovered too,
 * and so is any figure of a matrix whose subject and point have a
 * suppressed whole-school figure.
 *
 * Prints one line of figures; -v lists each recovered figure.  Exit 0
 * when nothing is recovered, 1 when something is, 2 on bad input, and
 * 3 when a number would overflow.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#define MAXCOL 16
#define NCLASS 3		/* coordinates: n, at or above, the rest */
enum { C_N, C_AT, C_FULL };

__extension__ typedef __int128 i128;

static int verbose, quiet;

/* ---- Interned strings ---- */

static uint64_t
fnv(const void *p, size_t n, uint64_t h)
{
	const unsigned char *b = p;

	while (n--)
		h = (h ^ *b++) * 0x100000001B3ULL;
	return h;
}

struct strs {
	char **v;
	size_t n, cap;
	long *slot;		/* open addressing: index + 1, or 0 */
	size_t nslot;
};

static long
intern(struct strs *s, const char *x)
{
	size_t h, i;

	if (2 * (s->n + 1) > s->nslot) {
		size_t ns = s->nslot ? 2 * s->nslot : 1024;

		free(s->slot);
		s->slot = calloc(ns, sizeof *s->slot);
		if (s->slot == NULL)
			abort();
		s->nslot = ns;
		for (i = 0; i < s->n; i++) {
			h = fnv(s->v[i], strlen(s->v[i]),
			    1469598103934665603ULL);
			while (s->slot[h % ns])
				h++;
			s->slot[h % ns] = (long)i + 1;
		}
	}
	h = fnv(x, strlen(x), 1469598103934665603ULL);
	for (;; h++) {
		long k = s->slot[h % s->nslot];

		if (k == 0)
			break;
		if (strcmp(s->v[k - 1], x) == 0)
			return k - 1;
	}
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		s->v = realloc(s->v, s->cap * sizeof *s->v);
		if (s->v == NULL)
			abort();
	}
	s->v[s->n] = strdup(x);
	s->slot[h % s->nslot] = (long)s->n + 1;
	return (long)s->n++;
}

static struct strs cols, vals, slices;
static unsigned listed;		/* columns some table lists every value of */

/* ---- Groups ---- */

struct group {
	long slice;
	unsigned mask;
	long v[MAXCOL];		/* value ids, for the columns in mask */
	unsigned char pub[NCLASS], sup[NCLASS];
	unsigned char complete;	/* its table lists every group */
	char *where;		/* the first table that showed it */
};

static struct group *grp;
static size_t ngrp, gcap;
static long *gslot;		/* open addressing: index + 1, or 0 */
static size_t ngslot;

static uint64_t
ghash(long slice, unsigned mask, const long *v)
{
	uint64_t h = fnv(&slice, sizeof slice, 1469598103934665603ULL);
	int c;

	h = fnv(&mask, sizeof mask, h);
	for (c = 0; c < MAXCOL; c++)
		if (mask & (1u << c))
			h = fnv(&v[c], sizeof v[c], h);
	return h;
}

static int
gsame(const struct group *g, long slice, unsigned mask, const long *v)
{
	int c;

	if (g->slice != slice || g->mask != mask)
		return 0;
	for (c = 0; c < MAXCOL; c++)
		if ((mask & (1u << c)) && g->v[c] != v[c])
			return 0;
	return 1;
}

/* The group's index, or -1; *at gets the free slot when absent. */
static long
gfind(long slice, unsigned mask, const long *v, size_t *at)
{
	uint64_t h;

	if (ngslot == 0)
		return -1;
	for (h = ghash(slice, mask, v);; h++) {
		long k = gslot[h % ngslot];

		if (k == 0) {
			if (at != NULL)
				*at = h % ngslot;
			return -1;
		}
		if (gsame(&grp[k - 1], slice, mask, v))
			return k - 1;
	}
}

static void
grehash(void)
{
	size_t ns = ngslot ? 2 * ngslot : 4096, i, at = 0;

	free(gslot);
	gslot = calloc(ns, sizeof *gslot);
	if (gslot == NULL)
		abort();
	ngslot = ns;
	for (i = 0; i < ngrp; i++) {
		gfind(grp[i].slice, grp[i].mask, grp[i].v, &at);
		gslot[at] = (long)i + 1;
	}
}

struct matrix {
	long subject;		/* value id of the subject */
	long point[2];
	char *where;
	long long numbers;
};

static struct matrix *mat;
static size_t nmat;
static long long leaks, tables;

static struct group *
group_get(long slice, unsigned mask, const long *v, const char *where)
{
	size_t at = 0;
	long k;
	int c;

	if (2 * (ngrp + 1) > ngslot)
		grehash();
	k = gfind(slice, mask, v, &at);
	if (k >= 0)
		return &grp[k];
	gslot[at] = (long)ngrp + 1;
	if (ngrp == gcap) {
		gcap = gcap ? 2 * gcap : 256;
		grp = realloc(grp, gcap * sizeof *grp);
		if (grp == NULL)
			abort();
	}
	memset(&grp[ngrp], 0, sizeof *grp);
	grp[ngrp].slice = slice;
	grp[ngrp].mask = mask;
	for (c = 0; c < MAXCOL; c++)
		grp[ngrp].v[c] = (mask & (1u << c)) ? v[c] : -1;
	grp[ngrp].where = strdup(where);
	return &grp[ngrp++];
}

static const char *
sget(json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static int
is_c(json_t *v)
{
	return json_is_string(v) && strcmp(json_string_value(v), "c") == 0;
}

static long
slice_of(const char *subj, const char *meas, const char *pt)
{
	char buf[1024];

	snprintf(buf, sizeof buf, "%s\t%s\t%s", subj, meas, pt);
	return intern(&slices, buf);
}

/* Records one group's published and suppressed coordinates. */
static int complete;		/* the table being read lists every group */

static void
note(long slice, unsigned mask, const long *v, const char *where,
    int pub_n, int pub_at, int pub_full, int supp, int bands)
{
	struct group *g = group_get(slice, mask, v, where);

	g->complete |= complete;
	if (supp) {
		g->sup[C_N] = 1;
		if (bands)
			g->sup[C_AT] = g->sup[C_FULL] = 1;
		return;
	}
	g->pub[C_N] |= pub_n;
	g->pub[C_AT] |= pub_at;
	g->pub[C_FULL] |= pub_full;
}

/* Counts the numbers printed in a suppressed row (they should be none). */
static void
row_leaks(json_t *row, const char *where, const char *const *keys)
{
	const char *k;
	json_t *v;
	size_t i;

	json_object_foreach(row, k, v) {
		for (i = 0; keys[i] != NULL; i++)
			if (strcmp(k, keys[i]) == 0)
				break;
		if (keys[i] == NULL && json_is_number(v)) {
			leaks++;
			if (verbose)
				printf("leak: %s: %s printed beside a c\n",
				    where, k);
		}
	}
}

/* An overview or --by table (with --totals, --over, --roll, ...). */
static void
overview_doc(json_t *doc, const char *where)
{
	json_t *by = json_object_get(doc, "by"), *rows, *row, *b;
	static const char *const none[] = { NULL };
	size_t i, j;

	rows = json_object_get(doc, "rows");
	json_array_foreach(rows, i, row) {
		long v[MAXCOL];
		unsigned mask = 0;
		int all = 0, nall = 0;
		json_t *n = json_object_get(row, "n");

		json_array_foreach(by, j, b) {
			const char *val = sget(row, sget(b, "id"));
			long c = intern(&cols, sget(b, "id"));

			if (val == NULL)
				val = "";
			if (strcmp(val, "all") == 0)
				all++;
			mask |= 1u << c;
			listed |= 1u << c;
			v[c] = intern(&vals, val);
			nall++;
		}
		if (nall > 0 && all == nall)
			mask = 0;	/* the totals row */
		if (is_c(n))
			row_leaks(row, where, none);
		note(slice_of(sget(row, "subject"), sget(row, "measure"),
		    sget(row, "point")), mask, v, where, json_is_number(n),
		    json_is_number(json_object_get(row, "pct_at_or_above")),
		    json_is_number(n), is_c(n),
		    json_object_get(row, "pct_at_or_above") != NULL &&
		    !json_is_null(json_object_get(row, "pct_at_or_above")));
	}
}

/* --across FIELD: each n_X column is a group with X as the field. */
static void
across_doc(json_t *doc, const char *where)
{
	const char *af = sget(doc, "across");
	json_t *by = json_object_get(doc, "by"), *rows, *row, *b, *x;
	size_t i, j;
	const char *k;

	rows = json_object_get(doc, "rows");
	json_array_foreach(rows, i, row) {
		json_object_foreach(row, k, x) {
			char pk[1024];
			const char *subj = sget(row, "subject");
			const char *meas = sget(row, "measure");
			const char *pt = sget(row, "point");
			long v[MAXCOL];
			unsigned mask = 0;
			json_t *pct;

			if (strncmp(k, "n_", 2) != 0 || json_is_null(x))
				continue;
			if (!strcmp(af, "point"))
				pt = k + 2;
			else if (!strcmp(af, "subject"))
				subj = k + 2;
			else if (!strcmp(af, "measure"))
				meas = k + 2;
			json_array_foreach(by, j, b) {
				const char *id = sget(b, "id");
				long c = intern(&cols, id);
				const char *val = strcmp(id, af) ? sget(row,
				    id) : k + 2;

				mask |= 1u << c;
				v[c] = intern(&vals, val ? val : "");
			}
			if (strcmp(af, "point") && strcmp(af, "subject") &&
			    strcmp(af, "measure") && !(mask & (1u <<
			    intern(&cols, af)))) {
				long c = intern(&cols, af);

				mask |= 1u << c;
				v[c] = intern(&vals, k + 2);
			}
			snprintf(pk, sizeof pk, "pct_at_or_above_%s", k + 2);
			pct = json_object_get(row, pk);
			if (is_c(x) && json_is_number(pct)) {
				leaks++;
				if (verbose)
					printf("leak: %s: %s beside a c\n",
					    where, pk);
			}
			note(slice_of(subj, meas, pt), mask, v, where,
			    json_is_number(x), json_is_number(pct), 0, is_c(x),
			    1);
		}
	}
}

/* --gap COL=A:B: two groups a row, and the gap between them. */
static void
gap_doc(json_t *doc, const char *where)
{
	const char *spec = sget(doc, "gap");
	json_t *by = json_object_get(doc, "by"), *rows, *row, *b;
	char gcol[256];
	size_t i, j;
	int h;

	snprintf(gcol, sizeof gcol, "%s", spec);
	if (strchr(gcol, '=') != NULL)
		*strchr(gcol, '=') = '\0';
	rows = json_object_get(doc, "rows");
	json_array_foreach(rows, i, row) {
		json_t *gp = json_object_get(row, "gap");
		int anyc = 0;

		for (h = 0; h < 2; h++) {
			long v[MAXCOL], c = intern(&cols, gcol);
			unsigned mask = 1u << c;
			json_t *n = json_object_get(row, h ? "n_b" : "n_a");
			json_t *p = json_object_get(row, h ? "pct_b" : "pct_a");

			v[c] = intern(&vals, sget(row, h ? "group_b" :
			    "group_a"));
			json_array_foreach(by, j, b) {
				const char *id = sget(b, "id");
				const char *val = sget(row, id);

				c = intern(&cols, id);
				mask |= 1u << c;
				v[c] = intern(&vals, val ? val : "");
			}
			if (is_c(n))
				anyc = 1;
			if (is_c(n) && json_is_number(p))
				leaks++;
			/* A side with no pupils has no row anywhere. */
			if (json_is_integer(n) && json_integer_value(n) == 0)
				continue;
			note(slice_of(sget(row, "subject"), sget(row,
			    "measure"), sget(row, "point")), mask, v, where,
			    json_is_number(n), json_is_number(p), 0, is_c(n),
			    1);
		}
		if (anyc && json_is_number(gp)) {
			leaks++;
			if (verbose)
				printf("leak: %s: a gap beside a c\n", where);
		}
	}
}

/* A matrix: remembered, and checked against the summaries at the end. */
static void
matrix_doc(json_t *doc, const char *where)
{
	json_t *grids = json_object_get(doc, "matrices"), *g;
	const char *fp = sget(json_object_get(doc, "from"), "point");
	const char *tp = sget(json_object_get(doc, "to"), "point");
	size_t i;

	if (fp == NULL)
		fp = sget(doc, "point");
	if (tp == NULL)
		tp = sget(doc, "point");
	json_array_foreach(grids, i, g) {
		json_t *t = json_object_get(g, "total");

		mat = realloc(mat, (nmat + 1) * sizeof *mat);
		if (mat == NULL)
			abort();
		mat[nmat].subject = intern(&vals, sget(g, "subject"));
		mat[nmat].point[0] = fp ? intern(&vals, fp) : -1;
		mat[nmat].point[1] = tp ? intern(&vals, tp) : -1;
		mat[nmat].where = strdup(where);
		mat[nmat].numbers = json_is_number(t) ? 1 : 0;
		nmat++;
	}
}

static int
read_file(const char *path)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	long lno = 0;

	if (f == NULL) {
		perror(path);
		return -1;
	}
	while (getline(&line, &cap, f) > 0) {
		json_error_t e;
		json_t *doc = json_loads(line, 0, &e);
		char where[600];
		const char *kind;

		lno++;
		if (doc == NULL) {
			fprintf(stderr, "attack: %s:%ld: %s\n", path, lno,
			    e.text);
			free(line);
			fclose(f);
			return -1;
		}
		snprintf(where, sizeof where, "%s:%ld", path, lno);
		tables++;
		kind = sget(doc, "kind");
		complete = !(kind && !strcmp(kind, "gap"));
		if (sget(doc, "report") && !strcmp(sget(doc, "report"),
		    "matrix"))
			matrix_doc(doc, where);
		else if (kind && !strcmp(kind, "gap"))
			gap_doc(doc, where);
		else if (kind && !strcmp(kind, "across"))
			across_doc(doc, where);
		else
			overview_doc(doc, where);
		json_decref(doc);
	}
	free(line);
	fclose(f);
	return 0;
}

/* ---- Exact rationals ---- */

struct q {
	int64_t n, d;		/* d > 0, gcd(n, d) == 1 */
};

static void
overflow(void)
{
	fprintf(stderr, "attack: a number overflowed 64 bits\n");
	exit(3);
}

static struct q
qmake(i128 n, i128 d)
{
	struct q r;
	i128 a, b, t;

	if (d < 0) {
		n = -n;
		d = -d;
	}
	a = n < 0 ? -n : n;
	b = d;
	while (b) {
		t = a % b;
		a = b;
		b = t;
	}
	if (a > 1) {
		n /= a;
		d /= a;
	}
	if (n > INT64_MAX || n < -INT64_MAX || d > INT64_MAX)
		overflow();
	r.n = (int64_t)n;
	r.d = (int64_t)d;
	return r;
}

/* a - f * b */
static struct q
qsubmul(struct q a, struct q f, struct q b)
{
	i128 pn = (i128)f.n * b.n, pd = (i128)f.d * b.d;

	if (pn > INT64_MAX || pn < -INT64_MAX || pd > INT64_MAX) {
		struct q x = qmake(pn, pd);

		pn = x.n;
		pd = x.d;
	}
	return qmake((i128)a.n * pd - pn * a.d, (i128)a.d * pd);
}

static struct q
qdiv(struct q a, struct q b)
{
	return qmake((i128)a.n * b.d, (i128)a.d * b.n);
}

/* ---- The system of one slice and one coordinate ---- */

struct sys {
	size_t nr, na, npiv;
	struct q *a;		/* nr x na */
	size_t *piv;
};

/* Reduces the rows to reduced row echelon form. */
static void
rref(struct sys *s)
{
	size_t c, r, k, na = s->na;

	s->npiv = 0;
	for (c = 0; c < na && s->npiv < s->nr; c++) {
		struct q *p, inv;

		for (r = s->npiv; r < s->nr && s->a[r * na + c].n == 0; r++)
			;
		if (r == s->nr)
			continue;
		if (r != s->npiv)
			for (k = 0; k < na; k++) {
				struct q t = s->a[r * na + k];

				s->a[r * na + k] = s->a[s->npiv * na + k];
				s->a[s->npiv * na + k] = t;
			}
		p = &s->a[s->npiv * na];
		inv = p[c];
		for (k = c; k < na; k++)
			if (p[k].n)
				p[k] = qdiv(p[k], inv);
		for (r = 0; r < s->nr; r++) {
			struct q *row = &s->a[r * na], f = row[c];

			if (r == s->npiv || f.n == 0)
				continue;
			for (k = c; k < na; k++)
				if (p[k].n)
					row[k] = qsubmul(row[k], f, p[k]);
		}
		s->piv[s->npiv++] = c;
	}
}

/* Nonzero when vector t (0/1 over the atoms) is in the row space. */
static int
in_span(const struct sys *s, const unsigned char *t)
{
	struct q *w = malloc((s->na + 1) * sizeof *w);
	size_t r, k;
	int ok = 1;

	if (w == NULL)
		abort();
	for (k = 0; k < s->na; k++) {
		w[k].n = t[k];
		w[k].d = 1;
	}
	for (r = 0; r < s->npiv; r++) {
		const struct q *p = &s->a[r * s->na];
		struct q f = w[s->piv[r]];

		if (f.n == 0)
			continue;
		for (k = s->piv[r]; k < s->na; k++)
			if (p[k].n)
				w[k] = qsubmul(w[k], f, p[k]);
	}
	for (k = 0; k < s->na; k++)
		if (w[k].n != 0)
			ok = 0;
	free(w);
	return ok;
}

/* ---- Atoms ---- */

struct atoms {
	size_t n, cap;
	long *v;		/* n x MAXCOL */
};

static int
exists(long slice, unsigned mask, const long *v)
{
	return gfind(slice, mask, v, NULL) >= 0;
}

/*
 * Every combination of the slice's column values whose projection onto
 * each table's columns is a group that table lists.
 */
static void
enumerate(long slice, const unsigned *masks, size_t nm, unsigned all,
    long **dom, const size_t *ndom, int c, long *v, unsigned set,
    struct atoms *at)
{
	size_t i, k;

	while (c < MAXCOL && !(all & (1u << c)))
		c++;
	if (c == MAXCOL) {
		if (at->n == at->cap) {
			at->cap = at->cap ? 2 * at->cap : 256;
			at->v = realloc(at->v, at->cap * MAXCOL *
			    sizeof *at->v);
			if (at->v == NULL)
				abort();
		}
		memcpy(&at->v[at->n++ * MAXCOL], v, MAXCOL * sizeof *v);
		return;
	}
	for (i = 0; i < ndom[c]; i++) {
		unsigned now = set | (1u << c);

		v[c] = dom[c][i];
		for (k = 0; k < nm; k++)
			if ((masks[k] & (1u << c)) && (masks[k] & ~now) == 0 &&
			    !exists(slice, masks[k], v))
				break;
		if (k == nm)
			enumerate(slice, masks, nm, all, dom, ndom, c + 1, v,
			    now, at);
	}
}

static int
member(const struct group *g, const long *atom)
{
	int c;

	for (c = 0; c < MAXCOL; c++)
		if ((g->mask & (1u << c)) && g->v[c] != atom[c])
			return 0;
	return 1;
}

static long long nsupp_groups, nsupp_figs, nrec_figs, natoms, nbands = 3;

static void
say(const struct group *g, const char *what)
{
	int c;

	printf("recovered: %s: %s, ", g->where, slices.v[g->slice]);
	if (g->mask == 0)
		printf("all pupils");
	for (c = 0; c < MAXCOL; c++)
		if (g->mask & (1u << c))
			printf("%s=%s ", cols.v[c], vals.v[g->v[c]]);
	printf(": %s\n", what);
}

/* Attacks one slice: each coordinate's system, each suppressed group. */
static void
attack_slice(long slice, const size_t *list, size_t nl)
{
	unsigned masks[1u << 8] = { 0 }, all = 0;
	size_t nm = 0, i, j, k, cl, li;
	long *dom[MAXCOL], v[MAXCOL];
	size_t ndom[MAXCOL];
	struct atoms at = { 0, 0, NULL };
	unsigned char det[NCLASS], *t;
	int c;

	memset(ndom, 0, sizeof ndom);
	for (c = 0; c < MAXCOL; c++)
		dom[c] = calloc(vals.n + 1, sizeof **dom);
	for (li = 0; li < nl; li++) {
		const struct group *g = &grp[list[li]];

		for (k = 0; k < nm && masks[k] != g->mask; k++)
			;
		if (g->complete && k == nm &&
		    nm < sizeof masks / sizeof *masks)
			masks[nm++] = g->mask;
		all |= g->mask;
		for (c = 0; c < MAXCOL; c++) {
			if (!(g->mask & (1u << c)))
				continue;
			for (k = 0; k < ndom[c] && dom[c][k] != g->v[c]; k++)
				;
			if (k == ndom[c])
				dom[c][ndom[c]++] = g->v[c];
		}
	}
	/*
	 * A column only --gap shows (two of its values) may have others:
	 * the outsider cannot rule them out, so they are one more value.
	 */
	for (c = 0; c < MAXCOL; c++)
		if ((all & (1u << c)) && !(listed & (1u << c)))
			dom[c][ndom[c]++] = intern(&vals, "(any other value)");
	for (c = 0; c < MAXCOL; c++)
		v[c] = -1;
	enumerate(slice, masks, nm, all, dom, ndom, 0, v, 0, &at);
	natoms += (long long)at.n;
	t = malloc(at.n + 1);
	for (li = 0; li < nl; li++)
		if (grp[list[li]].sup[C_N])
			nsupp_groups++;
	for (cl = 0; cl < NCLASS; cl++) {
		struct sys s;
		size_t r = 0;

		memset(&s, 0, sizeof s);
		s.na = at.n;
		for (li = 0; li < nl; li++)
			if (grp[list[li]].pub[cl])
				s.nr++;
		s.a = calloc(s.nr * s.na + 1, sizeof *s.a);
		s.piv = calloc(s.nr + 1, sizeof *s.piv);
		for (i = 0; i < s.nr * s.na; i++)
			s.a[i].d = 1;
		for (li = 0; li < nl; li++) {
			i = list[li];
			if (!grp[i].pub[cl])
				continue;
			for (j = 0; j < at.n; j++)
				s.a[r * s.na + j].n = member(&grp[i],
				    &at.v[j * MAXCOL]);
			r++;
		}
		rref(&s);
		for (li = 0; li < nl; li++) {
			struct group *g = &grp[list[li]];

			if (!g->sup[cl])
				continue;
			for (j = 0; j < at.n; j++)
				t[j] = (unsigned char)member(g,
				    &at.v[j * MAXCOL]);
			/* The class's verdict, kept in the group's flag. */
			g->sup[cl] = in_span(&s, t) ? 2 : 1;
		}
		free(s.a);
		free(s.piv);
	}
	/*
	 * Figures of a suppressed group: n (class n), at or above (class
	 * at), each band but the last, not assessed, excluded and missing
	 * (the rest), and the last band (at or above less the others).
	 */
	for (li = 0; li < nl; li++) {
		struct group *g = &grp[list[li]];
		long long figs, rec = 0;

		if (!g->sup[C_N])
			continue;
		for (cl = 0; cl < NCLASS; cl++)
			det[cl] = g->sup[cl] == 2;
		figs = 1 + (g->sup[C_AT] ? 1 + nbands + 3 : 0);
		rec += det[C_N];
		if (det[C_N] && verbose)
			say(g, "n");
		if (g->sup[C_AT]) {
			rec += det[C_AT];
			rec += det[C_FULL] ? nbands - 1 + 3 : 0;
			rec += det[C_AT] && det[C_FULL];
			if (det[C_AT] && verbose)
				say(g, "at or above");
			if (det[C_FULL] && verbose)
				say(g, "band counts");
		}
		nsupp_figs += figs;
		nrec_figs += rec;
	}
	free(t);
	free(at.v);
	for (c = 0; c < MAXCOL; c++)
		free(dom[c]);
}

/* A matrix beside a suppressed whole-school figure gives it away. */
static void
attack_matrices(void)
{
	size_t i, k;
	int h;

	for (i = 0; i < nmat; i++) {
		if (!mat[i].numbers)
			continue;
		for (h = 0; h < 2; h++)
			for (k = 0; k < ngrp; k++) {
				char pre[1024];

				if (grp[k].mask != 0 || !grp[k].sup[C_N] ||
				    mat[i].point[h] < 0)
					continue;
				snprintf(pre, sizeof pre, "%s\tta\t%s",
				    vals.v[mat[i].subject],
				    vals.v[mat[i].point[h]]);
				if (strcmp(slices.v[grp[k].slice], pre) != 0)
					continue;
				leaks++;
				if (verbose)
					printf("leak: %s: a matrix of %s\n",
					    mat[i].where, pre);
			}
	}
}

int
main(int argc, char **argv)
{
	int i, expect = 0;
	size_t s, g, *start, *list;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "-v"))
			verbose = 1;
		else if (!strcmp(argv[i], "-q"))
			quiet = 1;
		else if (!strcmp(argv[i], "--expect-recovery"))
			expect = 1;
		else {
			fprintf(stderr, "usage: attack [-v] [-q] "
			    "[--expect-recovery] FILE...\n");
			return 2;
		}
	}
	for (; i < argc; i++)
		if (read_file(argv[i]) != 0)
			return 2;
	if (cols.n > MAXCOL) {
		fprintf(stderr, "attack: more than %d columns\n", MAXCOL);
		return 2;
	}
	/* Each slice's groups, by counting sort. */
	start = calloc(slices.n + 2, sizeof *start);
	list = malloc((ngrp + 1) * sizeof *list);
	if (start == NULL || list == NULL)
		abort();
	for (g = 0; g < ngrp; g++)
		start[grp[g].slice + 2]++;
	for (s = 0; s < slices.n; s++)
		start[s + 2] += start[s + 1];
	for (g = 0; g < ngrp; g++)
		list[start[grp[g].slice + 1]++] = g;
	for (s = 0; s < slices.n; s++)
		attack_slice((long)s, list + start[s], start[s + 1] - start[s]);
	attack_matrices();
	free(start);
	free(list);
	if (!quiet || nrec_figs + leaks > 0)
		printf("tables %lld, slices %zu, atoms %lld, suppressed groups "
		    "%lld, suppressed figures %lld, recovered figures %lld, "
		    "leaks %lld\n", tables, slices.n, natoms, nsupp_groups,
		    nsupp_figs, nrec_figs, leaks);
	if (expect)
		return nrec_figs + leaks > 0 ? 0 : 1;
	return nrec_figs + leaks > 0 ? 1 : 0;
}
