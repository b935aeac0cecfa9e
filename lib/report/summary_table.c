/*
 * summary_table.c - the overview table and its figures: the cells in
 * report order, the suppression of small groups decided over them, and
 * one row per cell with its counts, percentages, scores and names.
 */
#include "summary_int.h"

#include <stdlib.h>
#include <string.h>

#include "suppress.h"

/* What cmp_val sorts by: the scheme, and the --by column. */
struct valsort {
	const track_scheme *s;
	const struct bycol *b;
};

/* Orders the values of one --by column: scheme order, "" last. */
static int
cmp_val(const void *x, const void *y, void *ctx)
{
	const struct valsort *vs = ctx;
	const struct bycol *b = vs->b;
	long a = *(const long *)x, c = *(const long *)y;
	size_t la, lc;
	const char *ta = strmap_key(b->vals, a, &la);
	const char *tc = strmap_key(b->vals, c, &lc);
	long ra = -1, rc = -1;

	if (la == 0 || lc == 0)
		return (la == 0) - (lc == 0);
	switch (b->kind) {
	case BY_YEAR:
		ra = scheme_year_index(vs->s, ta, la);
		rc = scheme_year_index(vs->s, tc, lc);
		break;
	case BY_GROUP:
		ra = scheme_group_value_index(b->g, ta, la, NULL);
		rc = scheme_group_value_index(b->g, tc, lc, NULL);
		break;
	case BY_PRIOR:
		ra = scheme_band_index(vs->s, ta, la);
		rc = scheme_band_index(vs->s, tc, lc);
		break;
	default:
		break;
	}
	if (ra != rc)
		return ra < 0 ? 1 : rc < 0 ? -1 : ra < rc ? -1 : 1;
	return strcmp(ta, tc);
}

/* Works out b->rank, the sort position of every value of a column. */
static int
rank_values(track_summary *m, struct bycol *b)
{
	size_t n = strmap_count(b->vals), i;
	long *order = calloc(n + 1, sizeof *order);
	struct valsort vs;

	free(b->rank);
	b->rank = calloc(n + 1, sizeof *b->rank);
	if (order == NULL || b->rank == NULL) {
		free(order);
		return -1;
	}
	for (i = 0; i < n; i++)
		order[i] = (long)i;
	vs.s = m->s;
	vs.b = b;
	qsort_r(order, n, sizeof *order, cmp_val, &vs);
	for (i = 0; i < n; i++)
		b->rank[order[i]] = (long)i;
	free(order);
	return 0;
}

/* Compares two cells in report order. */
static int
cmp_cell(const void *x, const void *y, void *ctx)
{
	const track_summary *m = ctx;
	const struct cell *a = &m->cell[*(const size_t *)x];
	const struct cell *b = &m->cell[*(const size_t *)y];
	size_t i;
	int c;

	if (a->subj != b->subj)
		return a->subj < b->subj ? -1 : 1;
	if (a->meas != b->meas)
		return a->meas < b->meas ? -1 : 1;
	c = assess_point_cmp(m->a, a->point, b->point);
	if (c != 0)
		return c;
	for (i = 0; i < m->nby; i++)
		if (a->g[i] != b->g[i])
			return m->by[i].rank[a->g[i]] < m->by[i].rank[b->g[i]] ?
			    -1 : 1;
	return 0;
}

const char *
sum_subject_id(const track_summary *m, int slot)
{
	size_t ns = scheme_subject_count(m->s);

	return slot < (int)ns ? scheme_subject_id_at(m->s, (size_t)slot) :
	    m->combo[slot - (int)ns].name;
}

const char *
sum_subject_label(const track_summary *m, int slot)
{
	size_t ns = scheme_subject_count(m->s);

	if (slot < (int)ns)
		return scheme_subject_label(m->s, (size_t)slot);
	return m->combo[slot - (int)ns].label;
}

const char *
sum_measure_id(const track_summary *m, int slot)
{
	size_t nm = scheme_measure_count(m->s);

	return slot < (int)nm ? scheme_measure_id_at(m->s, (size_t)slot) :
	    m->mslot[slot - (int)nm];
}

/*
 * A measure slot past the scheme's is a combined subject's: labelled by
 * the first combined subject whose parts have those measures.
 */
const char *
sum_measure_label(const track_summary *m, int slot)
{
	size_t nm = scheme_measure_count(m->s), i;

	if (slot < (int)nm)
		return scheme_measure_label(m->s, (size_t)slot);
	for (i = 0; i < m->ncombo; i++)
		if (m->combo[i].mlabel != NULL && strcmp(m->combo[i].mtext,
		    m->mslot[slot - (int)nm]) == 0)
			return m->combo[i].mlabel;
	return m->mslot[slot - (int)nm];
}

const char *
sum_cell_measure_label(const track_summary *m, int subj, int meas)
{
	size_t ns = scheme_subject_count(m->s);
	const struct combo *c = subj >= (int)ns ?
	    &m->combo[subj - (int)ns] : NULL;

	if (c != NULL && c->mlabel != NULL &&
	    meas >= (int)scheme_measure_count(m->s))
		return c->mlabel;
	return sum_measure_label(m, meas);
}

/* The label of value `v` of by column `b` ("" is "Unknown"). */
const char *
sum_value_label(const track_summary *m, const struct bycol *b, long v)
{
	size_t len;
	const char *t = strmap_key(b->vals, v, &len);
	int i;

	if (len == 0)
		return "Unknown";
	switch (b->kind) {
	case BY_YEAR:
		i = scheme_year_index(m->s, t, len);
		return i < 0 ? t : scheme_year_label(m->s, (size_t)i);
	case BY_GROUP:
		i = scheme_group_value_index(b->g, t, len, NULL);
		return i < 0 ? t : scheme_group_value_label(b->g, (size_t)i);
	case BY_PRIOR:
		i = scheme_band_index(m->s, t, len);
		return i < 0 ? t : scheme_band_label(m->s, (size_t)i);
	default:
		return t;
	}
}

const char *
sum_by_label(const struct bycol *b)
{
	if (b->kind == BY_YEAR)
		return "Year";
	if (b->kind == BY_GROUP)
		return scheme_group_label(b->g);
	if (b->kind == BY_PRIOR)
		return b->plabel;
	return b->name;
}

/* The key columns: subject, measure, point and the shown --by columns. */
int
sum_key_cols(track_summary *m, track_rtable *t, struct cols *k,
    const char *skip)
{
	size_t i;

	k->subject = k->measure = k->point = -1;
	if (!skip || strcmp(skip, "subject"))
		k->subject = rtable_col(t, "subject", "Subject");
	if (!skip || strcmp(skip, "measure"))
		k->measure = rtable_col(t, "measure", "Measure");
	if (!skip || strcmp(skip, "point"))
		k->point = rtable_col(t, "point", "Point");
	for (i = 0; i < m->nby; i++) {
		k->by[i] = -1;
		if (m->by[i].hidden || (skip && !strcmp(skip, m->by[i].name)))
			continue;
		k->by[i] = rtable_col(t, m->by[i].name,
		    sum_by_label(&m->by[i]));
		if (k->by[i] < 0)
			return -1;
	}
	return k->subject == -1 && k->measure == -1 ? -1 : 0;
}

/* Fills the key cells of a row from cell `c` (g NULL: the totals row). */
int
sum_key_cells(track_summary *m, track_rtable *t, const struct cols *k,
    const struct cell *c, int totals)
{
	const char *pt = assess_point_text(m->a, c->point);
	size_t i;
	int rc = 0;

	if (k->subject >= 0)
		rc |= rtable_text(t, (size_t)k->subject,
		    sum_subject_id(m, c->subj), sum_subject_label(m, c->subj));
	if (k->measure >= 0)
		rc |= rtable_text(t, (size_t)k->measure,
		    sum_measure_id(m, c->meas),
		    sum_cell_measure_label(m, c->subj, c->meas));
	if (k->point >= 0) {
		char *pl = scheme_point_label_dup(m->s, pt, strlen(pt));

		rc |= pl == NULL || rtable_text(t, (size_t)k->point, pt, pl);
		free(pl);
	}
	for (i = 0; i < m->nby; i++) {
		if (k->by[i] < 0)
			continue;
		if (totals)
			rc |= rtable_text(t, (size_t)k->by[i], "all",
			    "All pupils");
		else
			rc |= rtable_text(t, (size_t)k->by[i],
			    strmap_key(m->by[i].vals, c->g[i], NULL),
			    sum_value_label(m, &m->by[i], c->g[i]));
	}
	return rc ? -1 : 0;
}

static int
cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* Writes a sorted name list for bucket b of cell c. */
int
sum_names_cell(track_summary *m, track_rtable *t, long colno,
    const struct cell *c, int b)
{
	const char **v = calloc(c->pl[b].n + 1, sizeof *v);
	size_t i;
	int rc;

	if (v == NULL)
		return -1;
	for (i = 0; i < c->pl[b].n; i++)
		v[i] = m->disp.ptr + c->pl[b].off[i];
	qsort(v, c->pl[b].n, sizeof *v, cmp_str);
	rc = rtable_list(t, (size_t)colno, v, c->pl[b].n);
	free(v);
	return rc;
}

/* The scale of a cell's subject and measure, or NULL (combined). */
static const track_scale *
cell_scale(const track_summary *m, const struct cell *c)
{
	if (c->subj >= (int)scheme_subject_count(m->s) ||
	    c->meas >= (int)scheme_measure_count(m->s))
		return NULL;
	return scheme_scale_for(m->s, sum_subject_id(m, c->subj),
	    sum_measure_id(m, c->meas), assess_point_text(m->a, c->point));
}

/*
 * Whether a row of pupils of several year groups, or of none the scheme
 * knows, missed a benchmark figure it would have had split by year: some
 * one of its years (any year, when it has none) has a figure.
 */
static int
missed_by_year(track_summary *m, const struct cell *c, const char *subj,
    const char *meas, const char *point)
{
	track_years ys = c->years & ~SCHEME_YEARS_OTHER;
	size_t i, ny = scheme_year_count(m->s);

	if (ys == 0)
		ys = ~SCHEME_YEARS_OTHER;
	for (i = 0; i < ny && i < SCHEME_YEARS_MAX; i++)
		if ((ys & (track_years)1 << i) &&
		    scheme_benchmark_lookup_years(m->s, m->bench, subj, meas,
		    point, (track_years)1 << i, NULL) != NULL)
			return 1;
	return 0;
}

/*
 * Writes a row's benchmark and difference: the figure for its pupils'
 * year groups (see scheme_benchmark_lookup_years), or blanks.  A row that
 * is not a totals row and is blank only because it mixes year groups or
 * has none is counted for the warning (summary_warning).  0 or -1.
 */
static int
benchmark(track_summary *m, track_rtable *t, const struct cols *k,
    const struct cell *c, int totals)
{
	const char *subj = sum_subject_id(m, c->subj);
	const char *meas = c->subj < (int)scheme_subject_count(m->s) ?
	    sum_measure_id(m, c->meas) : NULL;
	const char *point = assess_point_text(m->a, c->point);
	const track_figure *f = scheme_benchmark_lookup_years(m->s, m->bench,
	    subj, meas, point, c->years, NULL);
	long long n = cell_n(c), mine, theirs;
	int one = c->years != 0 && (c->years & (c->years - 1)) == 0 &&
	    c->years != SCHEME_YEARS_OTHER;

	if (f == NULL) {
		if (!totals && m->bench_years && !one && missed_by_year(m, c,
		    subj, meas, point)) {
			if (c->years & ~SCHEME_YEARS_OTHER) {
				m->bench_mixed++;
				m->mixed_years |= c->years;
			} else {
				m->bench_noyear++;
			}
		}
		return 0;
	}
	mine = rtable_round_pct(at_or_above(m, c), n, 1);
	theirs = (long long)(f->pct * 10 + 0.5);
	return rtable_num(t, (size_t)k->bench, f->pct) |
	    rtable_points(t, (size_t)k->diff, mine - theirs);
}

/* Writes the figures of one overview row (a totals row when `totals`). */
static int
figures(track_summary *m, track_rtable *t, const struct cols *k,
    const struct cell *c, int supp, int totals)
{
	long long n = cell_n(c), scores = 0;
	const track_scale *sc = cell_scale(m, c);
	size_t b, i;
	int bands = has_bands(m, c), rc = 0;

	if (supp) {
		rc |= rtable_supp(t, (size_t)k->n);
		for (b = 0; b < m->nbands; b++) {
			rc |= rtable_supp(t, (size_t)k->band[b]);
			rc |= rtable_supp(t, (size_t)k->pct[b]);
		}
		rc |= rtable_supp(t, (size_t)k->atabove);
		rc |= rtable_supp(t, (size_t)k->not_at);
		rc |= rtable_supp(t, (size_t)k->excluded);
		if (k->missing >= 0) {
			rc |= rtable_supp(t, (size_t)k->missing);
			rc |= rtable_supp(t, (size_t)k->pct_missing);
		}
		if (c->nh > 0) {
			rc |= rtable_supp(t, (size_t)k->mean);
			rc |= rtable_supp(t, (size_t)k->median);
		}
		if (k->diff >= 0)
			rc |= rtable_supp(t, (size_t)k->diff);
		for (i = 0; i < NBUCKET; i++)
			if (k->pupils[i] >= 0)
				rc |= rtable_supp(t, (size_t)k->pupils[i]);
		return rc ? -1 : 0;
	}
	rc |= rtable_int(t, (size_t)k->n, n);
	for (b = 0; bands && b < m->nbands; b++) {
		rc |= rtable_int(t, (size_t)k->band[b], c->cnt[b]);
		rc |= rtable_pct(t, (size_t)k->pct[b], c->cnt[b], n);
	}
	if (bands)
		rc |= rtable_pct(t, (size_t)k->atabove, at_or_above(m, c), n);
	rc |= rtable_int(t, (size_t)k->not_at, c->cnt[B_NOT_AT]);
	rc |= rtable_int(t, (size_t)k->excluded, c->cnt[B_EXCLUDED]);
	if (k->missing >= 0) {
		rc |= rtable_int(t, (size_t)k->missing, c->cnt[B_MISSING]);
		rc |= rtable_pct(t, (size_t)k->pct_missing, c->cnt[B_MISSING],
		    n);
	}
	for (i = 0; i < c->nh; i++)
		scores += c->h[i].c;
	if (scores > 0) {
		long double sum = 0;
		long long half = scores / 2, seen = 0;
		double lo = 0, hi = 0;
		int got_lo = 0;

		for (i = 0; i < c->nh; i++)
			sum += (long double)c->h[i].v * c->h[i].c;
		rc |= rtable_dec(t, (size_t)k->mean, (double)(sum / scores));
		/* The median: the middle score, or the mean of the two. */
		for (i = 0; i < c->nh; i++) {
			seen += c->h[i].c;
			if (!got_lo && seen > (scores - 1) / 2) {
				lo = c->h[i].v;
				got_lo = 1;
			}
			if (seen > half) {
				hi = c->h[i].v;
				break;
			}
		}
		rc |= rtable_num(t, (size_t)k->median, scores % 2 ? hi :
		    (lo + hi) / 2);
		if (!bands && sc != NULL) {
			double lo_r, hi_r;
			long long top = 0;

			scheme_scale_range(sc, &lo_r, &hi_r);
			for (i = 0; i < c->nh; i++)
				if (c->h[i].v >= hi_r)
					top += c->h[i].c;
			rc |= rtable_pct(t, (size_t)k->full, top, n);
		}
	}
	if (k->bench >= 0 && bands && n > 0)
		rc |= benchmark(m, t, k, c, totals);
	for (i = 0; i < NBUCKET; i++)
		if (k->pupils[i] >= 0)
			rc |= sum_names_cell(m, t, k->pupils[i], c, (int)i);
	return rc ? -1 : 0;
}

/* The columns of the overview. */
static int
overview_cols(track_summary *m, track_rtable *t, struct cols *k)
{
	char *id, *lb;
	size_t b, i;

	if (sum_key_cols(m, t, k, NULL) != 0)
		return -1;
	k->n = rtable_col(t, "n", "Pupils");
	for (b = 0; b < m->nbands; b++) {
		const char *bid = scheme_band_id(m->s, b);

		k->band[b] = rtable_col(t, bid, scheme_band_label(m->s, b));
		id = sum_cat("pct_", bid);
		k->pct[b] = id ? rtable_col(t, id, "%") : -1;
		free(id);
		if (k->band[b] < 0 || k->pct[b] < 0)
			return -1;
	}
	k->atabove = rtable_col(t, "pct_at_or_above", "% at or above");
	k->not_at = rtable_col(t, "not_assessed", "Not assessed");
	k->excluded = rtable_col(t, "excluded", "Excluded");
	k->missing = k->pct_missing = -1;
	if (m->roll) {
		k->missing = rtable_col(t, "missing", "Missing");
		k->pct_missing = rtable_col(t, "pct_missing", "% missing");
	}
	k->mean = rtable_col(t, "mean", "Mean");
	k->median = rtable_col(t, "median", "Median");
	k->full = rtable_col(t, "pct_full_marks", "% full marks");
	k->bench = k->diff = -1;
	if (m->bench != NULL) {
		k->bench = rtable_col(t, "benchmark", "Benchmark");
		k->diff = rtable_col(t, "diff", "Difference");
	}
	for (i = 0; i < NBUCKET; i++)
		k->pupils[i] = -1;
	if (m->pupils) {
		for (b = 0; b < m->nbands; b++) {
			id = sum_cat("pupils_", scheme_band_id(m->s, b));
			lb = sum_cat("Pupils: ", scheme_band_label(m->s, b));
			k->pupils[b] = id && lb ? rtable_col(t, id, lb) : -1;
			free(id);
			free(lb);
			if (k->pupils[b] < 0)
				return -1;
		}
		k->pupils[B_NOT_AT] = rtable_col(t, "pupils_not_assessed",
		    "Pupils: Not assessed");
		if (m->roll)
			k->pupils[B_MISSING] = rtable_col(t, "pupils_missing",
			    "Pupils: Missing");
	}
	return k->n < 0 || k->atabove < 0 || k->excluded < 0 ||
	    k->full < 0 ? -1 : 0;
}

/* The cells shown, in report order, into *out (n of them). */
int
sum_ordered(track_summary *m, size_t **out, size_t *n)
{
	size_t i, k = 0, *v = calloc(m->ncell + 1, sizeof *v);

	if (v == NULL)
		return -1;
	for (i = 0; i < m->nby; i++)
		if (rank_values(m, &m->by[i]) != 0) {
			free(v);
			return -1;
		}
	for (i = 0; i < m->ncell; i++) {
		sum_compress(&m->cell[i]);
		if (shown(m, &m->cell[i]))
			v[k++] = i;
	}
	qsort_r(v, k, sizeof *v, cmp_cell, m);
	*out = v;
	*n = k;
	return 0;
}

/* Nonzero when two cells share subject, measure and point. */
static int
same_slice(const struct cell *a, const struct cell *b)
{
	return a->subj == b->subj && a->meas == b->meas &&
	    a->point == b->point;
}

/* Orders --by column indexes by the columns' names. */
static int
cmp_byname(const void *x, const void *y, void *ctx)
{
	const track_summary *m = ctx;

	return strcmp(m->by[*(const size_t *)x].name,
	    m->by[*(const size_t *)y].name);
}

/*
 * Decides which of the shown cells ord[0..n) to suppress, slice by slice
 * (subject, measure, point), into m->supp: see suppress.h.  The lattice
 * is over every --by column, the --gap column and the privacy columns
 * too (add_privacy), taken in the order of their names, with the values'
 * report order as keys; the year and the scheme's groups are the fixed
 * columns.  So the overview, --by any columns in any order, --totals,
 * --gap, --across and --over hide the same groups of the same records.
 * A complement is chosen whether or not a total is shown, since the
 * overview publishes it.  Each cell gets the decision for its group in
 * the table shown (over the columns that are not privacy columns).
 * Returns 0 or -1 (out of memory).
 */
static int
decide_suppression(track_summary *m, const size_t *ord, size_t n)
{
	size_t colord[MAXBY], i, j, k, c;
	long *keys = NULL;
	long long *cn = NULL, *cs = NULL;
	unsigned char *out = NULL, total;
	unsigned fixed = 0, want = 0;
	int rc = -1;

	free(m->supp);
	m->supp = calloc(m->ncell + 1, 1);
	keys = malloc((n * (m->nby + 1) + 1) * sizeof *keys);
	cn = malloc((n + 1) * sizeof *cn);
	cs = malloc((n + 1) * sizeof *cs);
	out = malloc(n + 1);
	if (m->supp == NULL || keys == NULL || cn == NULL || cs == NULL ||
	    out == NULL)
		goto out;
	for (c = 0; c < m->nby; c++)
		colord[c] = c;
	qsort_r(colord, m->nby, sizeof *colord, cmp_byname, m);
	for (c = 0; c < m->nby; c++) {
		const struct bycol *b = &m->by[colord[c]];

		if (b->kind == BY_YEAR || b->kind == BY_GROUP)
			fixed |= 1u << c;
		if (b->hidden != BY_PRIVACY)
			want |= 1u << c;
	}
	for (i = 0; i < n; i = j) {
		for (j = i; j < n && same_slice(&m->cell[ord[i]],
		    &m->cell[ord[j]]); j++) {
			const struct cell *d = &m->cell[ord[j]];

			for (c = 0; c < m->nby; c++)
				keys[(j - i) * m->nby + c] =
				    m->by[colord[c]].rank[d->g[colord[c]]];
			cn[j - i] = cell_n(d);
			cs[j - i] = cn[j - i] + d->cnt[B_EXCLUDED];
		}
		if (suppress_decide(m->nby, fixed, want, j - i, keys, cn, cs,
		    min_group(m), out, &total) != 0)
			goto out;
		for (k = i; k < j; k++)
			m->supp[ord[k]] = out[k - i];
	}
	rc = 0;
out:
	free(keys);
	free(cn);
	free(cs);
	free(out);
	return rc;
}

/*
 * Decides suppression over every column (decide_suppression), then folds
 * the cells over the privacy columns, which are not shown: the cells
 * that differ only there are added up, and keep their group's decision.
 * Done once, before the table is made.  Returns 0 or -1 (out of memory).
 */
int
sum_suppress_and_fold(track_summary *m)
{
	struct cell *old;
	unsigned char *os;
	size_t *ord, n, nold, i, k;
	int rc = -1, any = 0;

	if (m->folded)
		return 0;
	m->folded = 1;
	if (sum_ordered(m, &ord, &n) != 0)
		return -1;
	rc = decide_suppression(m, ord, n);
	free(ord);
	if (rc != 0)
		return -1;
	for (k = 0; k < m->nby; k++)
		any |= m->by[k].hidden == BY_PRIVACY;
	if (!any)
		return 0;
	old = m->cell;
	nold = m->ncell;
	os = m->supp;
	m->cell = NULL;
	m->ncell = m->ccap = 0;
	m->supp = calloc(nold + 1, 1);
	strmap_free(m->cmap);
	m->cmap = strmap_new();
	for (k = 0; k < CMEMO; k++)
		m->cmemo[k].id = -1;
	rc = m->supp == NULL || m->cmap == NULL ? -1 : 0;
	for (i = 0; i < nold && rc == 0; i++) {
		long g[MAXBY];
		struct cell *d;

		for (k = 0; k < m->nby; k++)
			g[k] = m->by[k].hidden == BY_PRIVACY ? 0 : old[i].g[k];
		d = sum_cell_get(m, old[i].subj, old[i].meas, old[i].point, g);
		if (d == NULL || sum_cell_add(d, &old[i]) != 0)
			rc = -1;
		else
			m->supp[d - m->cell] = os[i];
	}
	for (i = 0; i < nold; i++)
		sum_cell_clear(&old[i]);
	free(old);
	free(os);
	return rc;
}

/* Counts a suppressed cell shown, for the note under the table. */
void
sum_count_supp(track_summary *m, int kind)
{
	if (kind == SUPPRESS_SMALL)
		m->nsmall++;
	else if (kind == SUPPRESS_COMPLEMENT)
		m->ncomp++;
}

/* How many --by columns are shown (not --gap's or privacy columns). */
static size_t
shown_by(const track_summary *m)
{
	size_t i, k = 0;

	for (i = 0; i < m->nby; i++)
		k += !m->by[i].hidden;
	return k;
}

/* The overview, one row per cell (and totals rows). */
/*
 * Adds a cell's score distribution to `dist` (for -F json): the subject,
 * measure, point, group values and [score, pupils] pairs.
 */
static int
distribution(track_summary *m, json_t *dist, const struct cell *c)
{
	json_t *o, *g = json_object(), *h = json_array();
	size_t i;

	if (g == NULL || h == NULL) {
		json_decref(g);
		json_decref(h);
		return -1;
	}
	for (i = 0; i < m->nby; i++)
		if (!m->by[i].hidden)
			json_object_set_new(g, m->by[i].name, json_string(
			    strmap_key(m->by[i].vals, c->g[i], NULL)));
	for (i = 0; i < c->nh; i++)
		json_array_append_new(h, json_pack("[f, I]", c->h[i].v,
		    (json_int_t)c->h[i].c));
	o = json_pack("{s:s, s:s, s:s, s:o, s:o}", "subject", sum_subject_id(m,
	    c->subj), "measure", sum_measure_id(m, c->meas), "point",
	    assess_point_text(m->a, c->point), "groups", g, "scores", h);
	return o == NULL ? -1 : json_array_append_new(dist, o);
}

int
sum_overview(track_summary *m, track_rtable *t, json_t *meta)
{
	struct cols k;
	size_t *ord, n, i, j, s0;
	unsigned char *supp = NULL;
	struct cell tot;
	int rc = -1, totals = m->o.totals && shown_by(m) > 0, sm;
	json_t *dist = json_array();

	memset(&tot, 0, sizeof tot);
	if (dist == NULL || json_object_set_new(meta, "distributions",
	    dist) != 0)
		return -1;
	if (overview_cols(m, t, &k) != 0 || sum_ordered(m, &ord, &n) != 0)
		return -1;
	supp = calloc(n + 1, 1);
	if (supp == NULL)
		goto out;
	for (i = 0; i < n; i = j) {
		/* See decide_suppression: complements are already chosen,
		 * whether or not the total is shown. */
		for (j = i; j < n && same_slice(&m->cell[ord[i]],
		    &m->cell[ord[j]]); j++) {
			supp[j] = m->supp[ord[j]] != SUPPRESS_SHOWN;
			sum_count_supp(m, m->supp[ord[j]]);
		}
		for (s0 = i; s0 < j; s0++) {
			const struct cell *c = &m->cell[ord[s0]];

			if (rtable_row(t) != 0 ||
			    sum_key_cells(m, t, &k, c, 0) ||
			    figures(m, t, &k, c, supp[s0], 0) != 0)
				goto out;
			if (c->nh > 0 && !supp[s0] && distribution(m, dist,
			    c) != 0)
				goto out;
		}
		if (!totals)
			continue;
		sum_cell_clear(&tot);
		tot.subj = m->cell[ord[i]].subj;
		tot.meas = m->cell[ord[i]].meas;
		tot.point = m->cell[ord[i]].point;
		for (s0 = i; s0 < j; s0++)
			if (sum_cell_add(&tot, &m->cell[ord[s0]]) != 0)
				goto out;
		sum_compress(&tot);
		sm = small(m, cell_n(&tot) + tot.cnt[B_EXCLUDED]);
		if (sm)
			sum_count_supp(m, SUPPRESS_SMALL);
		if (rtable_row(t) != 0 || sum_key_cells(m, t, &k, &tot, 1) ||
		    figures(m, t, &k, &tot, sm, 1) != 0)
			goto out;
	}
	rc = 0;
out:
	sum_cell_clear(&tot);
	free(ord);
	free(supp);
	return rc;
}
