/*
 * pupil_out.c - track-pupil's output: the records put in order (pupil,
 * subject, measure, point), each pupil's profile, the flags, and their
 * formats.  See pupil.h.
 */
#include "pupil_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "rtable.h"

static int
cmp_ent(const void *x, const void *y, void *ctx)
{
	const struct view *v = ctx;
	const struct ikey *a = &v->p->e[*(const size_t *)x].k;
	const struct ikey *b = &v->p->e[*(const size_t *)y].k;

	if (a->pupil != b->pupil)
		return a->pupil < b->pupil ? -1 : 1;
	if (a->subject != b->subject)
		return a->subject < b->subject ? -1 : 1;
	if (a->measure != b->measure)
		return a->measure < b->measure ? -1 : 1;
	if (v->prank[a->point] != v->prank[b->point])
		return v->prank[a->point] < v->prank[b->point] ? -1 : 1;
	return 0;
}

static int
cmp_point(const void *x, const void *y, void *ctx)
{
	return assess_point_cmp(ctx, *(const long *)x, *(const long *)y);
}

/*
 * Nonzero when --class and --year choose pupil `pi`: by their latest
 * class and year group, so that their history from other classes and
 * years comes with them.
 */
static int
pupil_chosen(const track_pupils *p, const struct pinfo *pi)
{
	size_t len;
	const char *c;

	if (p->want_year >= 0 && pi->year != p->want_year)
		return 0;
	if (p->o.klass == NULL)
		return 1;
	c = p->gclass >= 0 ? strmap_key(p->gvals, (long)pi->g[p->gclass],
	    &len) : "";
	return strcasecmp(c, p->o.klass) == 0;
}

/*
 * The ranks of each subject and measure the entries have, in index
 * order (*ns and *nm of them), so that an entry's place in cmp_ent's
 * order within its pupil is what_rank(): (subject, measure, point) as one
 * number below ns * nm * npoints.
 */
struct ranks {
	uint32_t subj[PK_SUBJECT_MAX + 1], meas[PM_OBJECTIVES + 1];
	size_t ns, nm;
};

static void
ranks_make(struct ranks *r, const struct view *v)
{
	const track_pupils *p = v->p;
	size_t i;

	memset(r, 0, sizeof *r);
	for (i = 0; i < v->n; i++) {
		r->subj[p->e[v->ord[i]].k.subject] = 1;
		r->meas[p->e[v->ord[i]].k.measure] = 1;
	}
	for (i = 0; i <= PK_SUBJECT_MAX; i++)
		r->subj[i] = r->subj[i] ? (uint32_t)r->ns++ : 0;
	for (i = 0; i <= PM_OBJECTIVES; i++)
		r->meas[i] = r->meas[i] ? (uint32_t)r->nm++ : 0;
}

static size_t
what_rank(const struct ranks *r, const struct view *v, const struct ikey *k)
{
	return ((size_t)r->subj[k->subject] * r->nm + r->meas[k->measure]) *
	    v->npoints + (size_t)v->prank[k->point];
}

/*
 * Puts v->ord[0..v->n) in cmp_ent's order, for a few passes over the
 * entries and no compares: a counting sort by what_rank, then a stable
 * one by pupil (pupils are numbered 0 to npi - 1).  No two entries have
 * the same key, so the order is the one a sort of the whole gives.  When
 * the ranks would be too many to count (thousands of subjects and points
 * at once), or `counting` is 0, each pupil's entries are sorted with
 * qsort_r instead.  Returns 0 or -1 (out of memory).
 */
int
view_sort(struct view *v, int counting)
{
	const track_pupils *p = v->p;
	struct ranks *r = malloc(sizeof *r);
	size_t nb = 0, *end = NULL, *out = NULL, *at = NULL, i, k, b;
	uint64_t *tmp = NULL;
	int rc = -1;

	if (r == NULL)
		return -1;
	ranks_make(r, v);
	if (counting && r->ns * r->nm <= (v->n + 65536) / (v->npoints + 1) &&
	    p->ne <= UINT32_MAX)
		nb = r->ns * r->nm * v->npoints;
	end = calloc(p->npi + 1, sizeof *end);
	at = nb > 0 ? calloc(nb + 1, sizeof *at) : NULL;
	tmp = nb > 0 ? malloc(v->n * sizeof *tmp) : NULL;
	/* Counting, the second pass writes back into v->ord. */
	out = nb > 0 ? v->ord : malloc((v->n + 1) * sizeof *out);
	if (end == NULL || out == NULL || (nb > 0 && (at == NULL ||
	    tmp == NULL)))
		goto out;
	if (nb > 0) {
		/* By rank, each entry with its pupil, for the next pass. */
		for (i = 0; i < v->n; i++)
			at[what_rank(r, v, &p->e[v->ord[i]].k) + 1]++;
		for (b = 0; b < nb; b++)
			at[b + 1] += at[b];
		for (i = 0; i < v->n; i++) {
			const struct ikey *key = &p->e[v->ord[i]].k;

			tmp[at[what_rank(r, v, key)]++] =
			    (uint64_t)key->pupil << 32 | v->ord[i];
		}
		for (i = 0; i < v->n; i++)
			end[(tmp[i] >> 32) + 1]++;
	} else {
		for (i = 0; i < v->n; i++)
			end[p->e[v->ord[i]].k.pupil + 1]++;
	}
	for (k = 0; k < p->npi; k++)
		end[k + 1] += end[k];
	/* end[k] is where pupil k's entries start, and then end. */
	if (nb > 0) {
		for (i = 0; i < v->n; i++)
			out[end[tmp[i] >> 32]++] = (size_t)(tmp[i] &
			    UINT32_MAX);
	} else {
		for (i = 0; i < v->n; i++)
			out[end[p->e[v->ord[i]].k.pupil]++] = v->ord[i];
		for (k = 0, b = 0; k < p->npi; b = end[k++])
			if (end[k] - b > 1)
				qsort_r(out + b, end[k] - b, sizeof *out,
				    cmp_ent, v);
	}
	if (out != v->ord) {
		free(v->ord);
		v->ord = out;
	}
	out = NULL;
	rc = 0;
out:
	free(r);
	free(end);
	if (out != v->ord)
		free(out);
	free(at);
	free(tmp);
	return rc;
}

/*
 * Puts the chosen pupils' entries in order and finds the latest two terms
 * of all the records.
 */
int
view_make(struct view *v, track_pupils *p)
{
	size_t np = p->a != NULL ? assess_point_count(p->a) : 0, i;
	long *pts = calloc(np + 1, sizeof *pts);
	unsigned char *used = calloc(np + 1, 1);

	memset(v, 0, sizeof *v);
	v->p = p;
	v->last = v->prev = -1;
	v->ta = scheme_measure_index(p->s, "", 0);
	v->ord = calloc(p->ne + 1, sizeof *v->ord);
	v->prank = calloc(np + 1, sizeof *v->prank);
	v->plabel = calloc(np + 1, sizeof *v->plabel);
	if (pts == NULL || used == NULL || v->ord == NULL || v->prank == NULL ||
	    v->plabel == NULL) {
		free(pts);
		free(used);
		return -1;
	}
	/* Each point's label, once: a flag or a profile row names its
	 * point, and formatting it every time was 1,400 instructions. */
	v->npoints = np;
	for (i = 0; i < np; i++) {
		const char *id = assess_point_text(p->a, (long)i);
		char label[SCHEME_POINT_MAX + 64];

		if (scheme_point_label(p->s, id, strlen(id), label,
		    sizeof label) != 0)
			snprintf(label, sizeof label, "%s", id);
		if ((v->plabel[i] = strdup(label)) == NULL) {
			free(pts);
			free(used);
			return -1;
		}
	}
	for (i = 0; i < np; i++)
		pts[i] = (long)i;
	if (np > 0)
		qsort_r(pts, np, sizeof *pts, cmp_point, p->a);
	for (i = 0; i < np; i++)
		v->prank[pts[i]] = (int)i;
	for (i = 0; i < p->ne; i++) {
		/* The latest terms are those of judgements and tests. */
		if (p->e[i].k.measure != PM_OBJECTIVES)
			used[p->e[i].k.point] = 1;
		if (pupil_chosen(p, &p->pi[p->e[i].k.pupil]))
			v->ord[v->n++] = i;
	}
	for (i = np; i-- > 0;) {
		if (!used[pts[i]] || !assess_point_is_term(p->a, pts[i]))
			continue;
		if (v->last < 0) {
			v->last = pts[i];
		} else {
			v->prev = pts[i];
			break;
		}
	}
	free(pts);
	free(used);
	return v->n > 0 ? view_sort(v, 1) : 0;
}

void
view_free(struct view *v)
{
	size_t i;

	for (i = 0; v->plabel != NULL && i < v->npoints; i++)
		free(v->plabel[i]);
	free(v->plabel);
	free(v->ord);
	free(v->prank);
}

const char *
view_point_label(const struct view *v, long point)
{
	return v->plabel[point];
}

static const char *
gval(const track_pupils *p, uint32_t id)
{
	size_t len;

	return strmap_key(p->gvals, (long)id, &len);
}

static const char *
words(const track_pupils *p, const struct pent *e)
{
	size_t len;

	return strmap_key(p->words, (long)e->words, &len);
}

const char *
pupil_meas_id(const track_pupils *p, int m)
{
	return m == PM_OBJECTIVES ? "objectives" :
	    scheme_measure_id_at(p->s, (size_t)m);
}

const char *
pupil_meas_label(const track_pupils *p, int m)
{
	return m == PM_OBJECTIVES ? "Objectives secured" :
	    scheme_measure_label(p->s, (size_t)m);
}

static const char *
point_id(const track_pupils *p, long point)
{
	return assess_point_text(p->a, point);
}

/* ---- flags ---- */

/* Adds a flag row: pupil, name, year, reason, subject, measure, point. */
static int
flag(track_rtable *t, const struct view *v, const struct pent *e,
    enum pupil_reason r, long point, const char *evidence)
{
	const track_pupils *p = v->p;
	const struct pinfo *pi = &p->pi[e->k.pupil];
	size_t len;
	const char *pid = strmap_key(p->pupils, (long)e->k.pupil, &len);
	const char *pt = point_id(p, point);
	const char *plabel = view_point_label(v, point);

	if (rtable_row(t) != 0 || rtable_text(t, 0, pid, NULL) != 0 ||
	    rtable_text(t, 1, gval(p, pi->name), NULL) != 0 ||
	    (pi->year >= 0 && rtable_text(t, 2, scheme_year_id_at(p->s,
	    (size_t)pi->year), scheme_year_label(p->s, (size_t)pi->year))) ||
	    rtable_text(t, 3, pupil_reason_name(r), NULL) != 0 ||
	    rtable_text(t, 4, scheme_subject_id_at(p->s, (size_t)e->k.subject),
	    scheme_subject_label(p->s, (size_t)e->k.subject)) != 0 ||
	    rtable_text(t, 5, pupil_meas_id(p, e->k.measure), pupil_meas_label(p, e->k.measure)) != 0 ||
	    rtable_text(t, 6, pt, plabel) != 0 ||
	    rtable_text(t, 7, evidence, NULL) != 0)
		return -1;
	return 0;
}

static int
want(const struct view *v, enum pupil_reason r)
{
	return (v->p->o.reasons & (1u << r)) != 0;
}

/*
 * Writes the n strings of `part` one after another into out (outsz > 0),
 * cut as snprintf("%s%s...") would cut them, without a format to parse
 * for each of the many flags.
 */
static void
cat(char *out, size_t outsz, const char *const *part, size_t n)
{
	size_t at = 0, i, len;

	for (i = 0; i < n && at + 1 < outsz; i++) {
		len = strlen(part[i]);
		if (len > outsz - 1 - at)
			len = outsz - 1 - at;
		memcpy(out + at, part[i], len);
		at += len;
	}
	out[at] = '\0';
}

/* cat() with its strings as arguments, counted. */
#define CAT(out, outsz, ...) cat(out, outsz, \
	(const char *const[]){ __VA_ARGS__ }, \
	sizeof((const char *const[]){ __VA_ARGS__ }) / sizeof(const char *))

/* "EXS (2025-26.autumn)": a value with its point. */
static void
said(char *out, size_t outsz, const struct view *v, const struct pent *e)
{
	CAT(out, outsz, words(v->p, e), " (", point_id(v->p, e->k.point),
	    ")");
}

/*
 * Whether b's band fell from a's.  Two records on the same curriculum out
 * of year compare on it ("Y3 EXS" to "Y3 WTS" fell); otherwise their
 * bands do, so moving to an earlier year's curriculum is a fall, and a
 * pupil who stays out of year is not dropped for being below their year.
 */
static int
fell(const struct pent *a, const struct pent *b)
{
	if (a->na || b->na || a->band < 0 || b->band < 0)
		return 0;
	if (a->ooy != OOY_NONE && b->ooy != OOY_NONE &&
	    a->ooy == b->ooy && a->against == b->against)
		return a->own >= 0 && b->own >= 0 && b->own < a->own;
	return b->band < a->band;
}

/*
 * Whether `e` is below the standard: on the pupil's own curriculum when
 * they are assessed out of year ("Y3 EXS" is not below).
 */
static int
below_std(const struct pent *e, size_t std)
{
	int b = e->ooy != OOY_NONE ? e->own : e->band;

	return !e->na && b >= 0 && (size_t)b < std;
}

/*
 * The flags of one series: entries ord[from..to) of one pupil, subject
 * and measure, in point order.  Returns 0 or -1 (out of memory).
 */
static int
series_flags(track_rtable *t, const struct view *v, size_t from, size_t to)
{
	const track_pupils *p = v->p;
	const struct pent *e, *prev = NULL, *at_last = NULL, *at_prev = NULL;
	const char *subj = scheme_subject_id_at(p->s,
	    (size_t)p->e[v->ord[from]].k.subject);
	size_t i, below = 0, std = scheme_band_standard(p->s);
	char ev[600], a[200], b[200];

	for (i = from; i < to; i++) {
		e = &p->e[v->ord[i]];
		if (!assess_point_is_term(p->a, e->k.point))
			continue;
		below = below_std(e, std) ? below + 1 : 0;
		if (e->k.point == v->last)
			at_last = e;
		if (e->k.point == v->prev)
			at_prev = e;
		if (want(v, PR_DROPPED) && prev != NULL && fell(prev, e)) {
			said(a, sizeof a, v, prev);
			said(b, sizeof b, v, e);
			CAT(ev, sizeof ev, subj, ": ", a, " -> ", b);
			if (flag(t, v, e, PR_DROPPED, e->k.point, ev) != 0)
				return -1;
		}
		prev = e;
	}
	e = prev;
	if (want(v, PR_STUCK) && e != NULL && below >= (size_t)p->o.stuck) {
		said(a, sizeof a, v, e);
		snprintf(ev, sizeof ev, "%s: below the standard at the last "
		    "%zu terms (latest %s)", subj, below, a);
		if (flag(t, v, e, PR_STUCK, e->k.point, ev) != 0)
			return -1;
	}
	if (want(v, PR_MISSING) && at_prev != NULL && at_last == NULL) {
		said(a, sizeof a, v, at_prev);
		CAT(ev, sizeof ev, subj, ": ", a,
		    ", nothing at ", point_id(p, v->last));
		if (flag(t, v, at_prev, PR_MISSING, v->last, ev) != 0)
			return -1;
	}
	if (want(v, PR_NOT_ASSESSED) && at_last != NULL && at_last->na) {
		said(a, sizeof a, v, at_last);
		CAT(ev, sizeof ev, subj, ": ", a);
		if (flag(t, v, at_last, PR_NOT_ASSESSED, v->last, ev) != 0)
			return -1;
	}
	return 0;
}

/*
 * The disagreements of one pupil (entries ord[from..to)): teacher
 * assessment and a test at the same point and subject in other bands.
 * The entries are in subject order (cmp_ent), so each teacher assessment
 * is set against its own subject's entries only.
 */
static int
disagree_flags(track_rtable *t, const struct view *v, size_t from, size_t to)
{
	const track_pupils *p = v->p;
	size_t i, j, s0 = from, s1 = from;
	char ev[600];

	if (!want(v, PR_DISAGREE))
		return 0;
	for (i = from; i < to; i++) {
		const struct pent *ta = &p->e[v->ord[i]];

		if (i == s1) {	/* the next subject's entries: s0..s1 */
			s0 = s1;
			while (s1 < to &&
			    p->e[v->ord[s1]].k.subject == ta->k.subject)
				s1++;
		}
		if (ta->k.measure != v->ta || ta->na || ta->band < 0)
			continue;
		for (j = s0; j < s1; j++) {
			const struct pent *x = &p->e[v->ord[j]];

			if (x->k.point != ta->k.point ||
			    x->k.measure == v->ta || x->na || x->band < 0 ||
			    x->band == ta->band)
				continue;
			CAT(ev, sizeof ev,
			    scheme_subject_id_at(p->s, (size_t)ta->k.subject),
			    ": teacher assessment ", words(p, ta), " (",
			    scheme_band_id(p->s, (size_t)ta->band), "), ",
			    scheme_measure_id_at(p->s, (size_t)x->k.measure),
			    " ", words(p, x), " (",
			    scheme_band_id(p->s, (size_t)x->band), ") (",
			    point_id(p, ta->k.point), ")");
			if (flag(t, v, x, PR_DISAGREE, ta->k.point, ev) != 0)
				return -1;
		}
	}
	return 0;
}

/* The flags table of the pupils in entries ord[from..to). */
int
flags_of(track_rtable *t, const struct view *v, size_t from, size_t to)
{
	const track_pupils *p = v->p;
	size_t i = from, j, k;

	for (k = from; k < to; k = j) {
		const struct ikey *a = &p->e[v->ord[k]].k;

		for (j = k + 1; j < to; j++) {
			const struct ikey *b = &p->e[v->ord[j]].k;

			if (b->pupil != a->pupil || b->subject != a->subject ||
			    b->measure != a->measure)
				break;
		}
		if (a->measure != PM_OBJECTIVES && series_flags(t, v, k, j))
			return -1;
		if (j == to || p->e[v->ord[j]].k.pupil != a->pupil) {
			if (disagree_flags(t, v, i, j) != 0)
				return -1;
			i = j;
		}
	}
	return 0;
}

track_rtable *
flags_table(void)
{
	static const char *const cols[][2] = {	/* in enum flag_col's order */
		[FC_PUPIL] = { "pupil", "Pupil" }, [FC_NAME] = { "name", "Name" },
		[FC_YEAR] = { "year", "Year" },
		[FC_REASON] = { "reason", "Reason" },
		[FC_SUBJECT] = { "subject", "Subject" },
		[FC_MEASURE] = { "measure", "Measure" },
		[FC_POINT] = { "point", "Point" },
		[FC_EVIDENCE] = { "evidence", "Evidence" }
	};
	track_rtable *t = rtable_new();

	if (rtable_cols(t, cols, sizeof cols / sizeof cols[0]) < 0) {
		rtable_free(t);
		return NULL;
	}
	return t;
}

/* ---- profiles ---- */

/* The long profile table's columns: the record's, then the groups. */
static track_rtable *
profile_table(const track_pupils *p)
{
	static const char *const cols[][2] = {
		{ "pupil", "Pupil" }, { "name", "Name" }, { "year", "Year" },
		{ "subject", "Subject" }, { "measure", "Measure" },
		{ "point", "Point" }, { "value", "Value" }, { "band", "Band" }
	};
	track_rtable *t = rtable_new();
	size_t i;

	if (rtable_cols(t, cols, sizeof cols / sizeof cols[0]) < 0)
		goto oom;
	for (i = 0; i < p->ngroups; i++)
		if (rtable_col(t, p->gname[i], NULL) < 0)
			goto oom;
	return t;
oom:
	rtable_free(t);
	return NULL;
}

/* A row of the long profile for entry `e`. */
static int
profile_row(track_rtable *t, const struct view *v, const struct pent *e)
{
	const track_pupils *p = v->p;
	const struct pinfo *pi = &p->pi[e->k.pupil];
	const char *pt = point_id(p, e->k.point);
	const char *plabel = view_point_label(v, e->k.point);
	size_t len, i;

	if (rtable_row(t) != 0 ||
	    rtable_text(t, 0, strmap_key(p->pupils, (long)e->k.pupil, &len),
	    NULL) != 0 ||
	    rtable_text(t, 1, gval(p, pi->name), NULL) != 0 ||
	    (pi->year >= 0 && rtable_text(t, 2, scheme_year_id_at(p->s,
	    (size_t)pi->year), scheme_year_label(p->s, (size_t)pi->year))) ||
	    rtable_text(t, 3, scheme_subject_id_at(p->s, (size_t)e->k.subject),
	    scheme_subject_label(p->s, (size_t)e->k.subject)) != 0 ||
	    rtable_text(t, 4, pupil_meas_id(p, e->k.measure), pupil_meas_label(p, e->k.measure)) != 0 ||
	    rtable_text(t, 5, pt, plabel) != 0 ||
	    rtable_text(t, 6, words(p, e), NULL) != 0 ||
	    (e->band >= 0 && rtable_text(t, 7, scheme_band_id(p->s,
	    (size_t)e->band), scheme_band_label(p->s, (size_t)e->band))))
		return -1;
	for (i = 0; i < p->ngroups; i++)
		if (pi->g[i] != 0 && rtable_text(t, 8 + i, gval(p, pi->g[i]),
		    NULL) != 0)
			return -1;
	return 0;
}

/*
 * The scheme's label for a value in its own words (the descriptor's or
 * not-assessed code's: "Working at the expected standard", "Absent"; a
 * reading age in words, "9 years 4 months", written into buf), or NULL
 * for a score or a value the scale does not name.  An out-of-year value's
 * words start with the year or list ("Y3 EXS"): the label is the code's
 * after it.
 */
static const char *
value_label(const track_pupils *p, const struct pent *e, const char *pt,
    char *buf, size_t bufsz)
{
	const char *w = words(p, e), *sp;
	const track_scale *sc = scheme_scale_for(p->s, scheme_subject_id_at(
	    p->s, (size_t)e->k.subject), scheme_measure_id_at(p->s,
	    (size_t)e->k.measure), pt);
	track_value val;
	track_error err;

	if (e->ooy != OOY_NONE && (sp = strchr(w, ' ')) != NULL)
		w = sp + 1;
	if (sc == NULL || scheme_value_parse(p->s, sc, w, strlen(w), &val,
	    &err) != 0)
		return NULL;
	if (val.kind == TRACK_VALUE_CODE)
		return scheme_scale_code_label(sc, (size_t)val.index);
	if (val.kind == TRACK_VALUE_NOT_AT || val.kind == TRACK_VALUE_EXCLUDED)
		return scheme_scale_na_label(sc, (size_t)val.index);
	if (scheme_scale_kind(sc) == TRACK_SCALE_AGE && val.number >= 0 &&
	    val.number < 1200) {
		int m = (int)val.number;

		snprintf(buf, bufsz, "%s%d year%s %d month%s", val.bound < 0 ?
		    "under " : val.bound > 0 ? "over " : "", m / 12,
		    m / 12 == 1 ? "" : "s", m % 12, m % 12 == 1 ? "" : "s");
		return buf;
	}
	return NULL;
}

/*
 * What a reader of the document needs to show a cell in words: the value's
 * label (see value_label) and, out of year, the curriculum it was assessed
 * against ("Year 3", or a custom list's label).  Returns 0, or -1 when out
 * of memory.
 */
static int
cell_words(json_t *cell, const track_pupils *p, const struct pent *e,
    const char *pt)
{
	char buf[64];
	const char *l = value_label(p, e, pt, buf, sizeof buf), *a = NULL;

	if (l != NULL && json_object_set_new(cell, "value_label",
	    json_string(l)) != 0)
		return -1;
	if ((e->ooy == OOY_BELOW || e->ooy == OOY_ABOVE) && e->against >= 0)
		a = scheme_year_label(p->s, (size_t)e->against);
	else if (e->ooy == OOY_CUSTOM && e->against >= 0)
		a = scheme_custom_label(p->s, (size_t)e->against);
	if (a != NULL && json_object_set_new(cell, "against_label",
	    json_string(a)) != 0)
		return -1;
	return 0;
}

/*
 * The document's "points" (the pupil's points in scheme order, each with
 * its label: the grid's columns) and "bands" (the scheme's, in order, with
 * their labels and which is the standard: what a cell's colour means).
 * Returns 0, or -1 when out of memory.
 */
static int
points_bands_json(json_t *doc, const struct view *v, size_t from, size_t to)
{
	const track_pupils *p = v->p;
	json_t *pts = json_array(), *bands = json_array();
	size_t i, j, n = 0, std = scheme_band_standard(p->s);
	long *seen = calloc(to - from + 1, sizeof *seen);
	int rc = -1;

	if (pts == NULL || bands == NULL || seen == NULL)
		goto out;
	/* ord[from..to) is in (subject, measure, point rank) order. */
	for (i = from; i < to; i++) {
		long pt = p->e[v->ord[i]].k.point;

		for (j = 0; j < n && seen[j] != pt; j++)
			;
		if (j == n)
			seen[n++] = pt;
	}
	for (i = 1; i < n; i++)	/* a pupil has few points: insertion */
		for (j = i; j > 0 && v->prank[seen[j - 1]] >
		    v->prank[seen[j]]; j--) {
			long t = seen[j];

			seen[j] = seen[j - 1];
			seen[j - 1] = t;
		}
	for (i = 0; i < n; i++) {
		const char *id = point_id(p, seen[i]);

		if (json_array_append_new(pts, json_pack("{s:s,s:s}", "id", id,
		    "label", view_point_label(v, seen[i]))) != 0)
			goto out;
	}
	for (i = 0; i < scheme_band_count(p->s); i++) {
		json_t *b = json_pack("{s:s,s:s}", "id", scheme_band_id(p->s,
		    i), "label", scheme_band_label(p->s, i));

		if (b != NULL && i == std)
			json_object_set_new(b, "standard", json_true());
		if (json_array_append_new(bands, b) != 0)
			goto out;
	}
	rc = json_object_set(doc, "points", pts) != 0 ||
	    json_object_set(doc, "bands", bands) != 0 ? -1 : 0;
out:
	json_decref(pts);
	json_decref(bands);
	free(seen);
	return rc;
}

/*
 * The document's "group_labels": for each of the pupil's groups that is
 * one of the scheme's, its label and its value's ("pp": {"label": "Pupil
 * premium", "value_label": "Disadvantaged"}), so that a page can say it
 * in words.  Returns 0, or -1 when out of memory.
 */
static int
group_labels_json(json_t *doc, const track_pupils *p, const struct pinfo *pi)
{
	json_t *gl = json_object();
	size_t i;

	if (gl == NULL)
		return -1;
	for (i = 0; i < p->ngroups; i++) {
		const track_group *g = scheme_group_find(p->s, p->gname[i]);
		const char *val = gval(p, pi->g[i]);
		json_t *o;
		int k;

		if (pi->g[i] == 0 || g == NULL)
			continue;
		o = json_pack("{s:s}", "label", scheme_group_label(g));
		k = scheme_group_value_index(g, val, strlen(val), NULL);
		if (o != NULL && k >= 0 && json_object_set_new(o,
		    "value_label", json_string(scheme_group_value_label(g,
		    (size_t)k))) != 0) {
			json_decref(o);
			o = NULL;
		}
		if (o == NULL || json_object_set_new(gl, p->gname[i], o) != 0) {
			json_decref(gl);
			return -1;
		}
	}
	return json_object_set_new(doc, "group_labels", gl) != 0 ? -1 : 0;
}

/*
 * One pupil's JSON document (entries ord[from..to)), with their flags in
 * `fl` (rows of the flags table).  NULL when out of memory.
 */
static json_t *
profile_json(const struct view *v, size_t from, size_t to, track_rtable *fl)
{
	const track_pupils *p = v->p;
	const struct pinfo *pi = &p->pi[p->e[v->ord[from]].k.pupil];
	json_t *doc = json_object(), *groups = json_object();
	json_t *rows = json_array(), *row = NULL, *flags;
	size_t i, len;
	int16_t subj = -1, meas = -1;

	if (doc == NULL || groups == NULL || rows == NULL)
		goto oom;
	json_object_set_new(doc, "report", json_string("pupil"));
	json_object_set_new(doc, "pupil", json_string(strmap_key(p->pupils,
	    (long)p->e[v->ord[from]].k.pupil, &len)));
	json_object_set_new(doc, "name", json_string(gval(p, pi->name)));
	if (pi->year >= 0) {
		json_object_set_new(doc, "year", json_string(
		    scheme_year_id_at(p->s, (size_t)pi->year)));
		json_object_set_new(doc, "year_label", json_string(
		    scheme_year_label(p->s, (size_t)pi->year)));
	}
	for (i = 0; i < p->ngroups; i++)
		if (pi->g[i] != 0)
			json_object_set_new(groups, p->gname[i],
			    json_string(gval(p, pi->g[i])));
	json_object_set_new(doc, "groups", groups);
	groups = NULL;
	if (group_labels_json(doc, p, pi) != 0 ||
	    points_bands_json(doc, v, from, to) != 0)
		goto oom;
	for (i = from; i < to; i++) {
		const struct pent *e = &p->e[v->ord[i]];
		const char *pt = point_id(p, e->k.point);
		json_t *cell = json_object();

		if (row == NULL || e->k.subject != subj ||
		    e->k.measure != meas) {
			subj = e->k.subject;
			meas = e->k.measure;
			row = json_object();
			if (row == NULL || json_array_append_new(rows, row) != 0)
				goto oom;
			json_object_set_new(row, "subject", json_string(
			    scheme_subject_id_at(p->s, (size_t)subj)));
			json_object_set_new(row, "subject_label", json_string(
			    scheme_subject_label(p->s, (size_t)subj)));
			json_object_set_new(row, "measure", json_string(
			    pupil_meas_id(p, meas)));
			json_object_set_new(row, "measure_label", json_string(
			    pupil_meas_label(p, meas)));
			json_object_set_new(row, "points", json_array());
		}
		if (cell == NULL || json_array_append_new(json_object_get(row,
		    "points"), cell) != 0)
			goto oom;
		json_object_set_new(cell, "point", json_string(pt));
		json_object_set_new(cell, "point_label", json_string(
		    view_point_label(v, e->k.point)));
		json_object_set_new(cell, "value", json_string(words(p, e)));
		json_object_set_new(cell, "band", e->band >= 0 ? json_string(
		    scheme_band_id(p->s, (size_t)e->band)) : json_null());
		json_object_set_new(cell, "out_of_year",
		    json_boolean(e->ooy != OOY_NONE));
		if (cell_words(cell, p, e, pt) != 0)
			goto oom;
	}
	json_object_set_new(doc, "rows", rows);
	flags = rtable_json(fl);
	if (flags == NULL)
		goto oom_doc;
	json_object_set_new(doc, "flags", flags);
	return doc;
oom:
	json_decref(rows);
	json_decref(groups);
oom_doc:
	json_decref(doc);
	return NULL;
}

/*
 * One pupil's grid (entries ord[from..to)) for a terminal or Markdown:
 * a line naming the pupil, then subjects and measures down, points across.
 */
static int
profile_grid(track_writer *w, enum track_format fmt, const struct view *v,
    size_t from, size_t to, track_error *err)
{
	const track_pupils *p = v->p;
	const struct pinfo *pi = &p->pi[p->e[v->ord[from]].k.pupil];
	track_rtable *t = rtable_new();
	long *col = calloc(assess_point_count(p->a) + 1, sizeof *col);
	char head[1024];
	size_t i, len, at;
	int16_t subj = -1, meas = -1;
	int rc = 0;

	if (t == NULL || col == NULL || rtable_col(t, "subject", "Subject") < 0 ||
	    rtable_col(t, "measure", "Measure") < 0)
		goto oom;
	for (i = 0; i < assess_point_count(p->a); i++)
		col[i] = -1;
	/* A column per point the pupil has, in scheme order. */
	for (i = from; i < to; i++)
		col[p->e[v->ord[i]].k.point] = 0;
	{
		long *pts = calloc(assess_point_count(p->a) + 1, sizeof *pts);
		size_t n = 0, j;

		if (pts == NULL)
			goto oom;
		for (j = 0; j < assess_point_count(p->a); j++)
			if (col[j] >= 0)
				pts[n++] = (long)j;
		qsort_r(pts, n, sizeof *pts, cmp_point, p->a);
		for (j = 0; j < n; j++) {
			col[pts[j]] = rtable_col(t, point_id(p, pts[j]),
			    view_point_label(v, pts[j]));
			if (col[pts[j]] < 0) {
				free(pts);
				goto oom;
			}
		}
		free(pts);
	}
	for (i = from; i < to; i++) {
		const struct pent *e = &p->e[v->ord[i]];

		if (e->k.subject != subj || e->k.measure != meas) {
			subj = e->k.subject;
			meas = e->k.measure;
			if (rtable_row(t) != 0 || rtable_text(t, 0,
			    scheme_subject_id_at(p->s, (size_t)subj),
			    scheme_subject_label(p->s, (size_t)subj)) != 0 ||
			    rtable_text(t, 1, pupil_meas_id(p, meas),
			    pupil_meas_label(p, meas)) != 0)
				goto oom;
		}
		if (rtable_text(t, (size_t)col[e->k.point], words(p, e),
		    NULL) != 0)
			goto oom;
	}
	at = (size_t)snprintf(head, sizeof head, "%s%s%s%s (%s)",
	    from > 0 ? "\n" : "", fmt == TRACK_FMT_MARKDOWN ? "### " : "",
	    gval(p, pi->name),
	    gval(p, pi->name)[0] ? "" : "Pupil", strmap_key(p->pupils,
	    (long)p->e[v->ord[from]].k.pupil, &len));
	if (pi->year >= 0 && at < sizeof head)
		at += (size_t)snprintf(head + at, sizeof head - at, ", %s",
		    scheme_year_label(p->s, (size_t)pi->year));
	for (i = 0; i < p->ngroups && at < sizeof head; i++)
		if (pi->g[i] != 0)
			at += (size_t)snprintf(head + at, sizeof head - at,
			    "%s %s: %s", i == 0 || at == 0 ? ";" : ",",
			    p->gname[i], gval(p, pi->g[i]));
	if (at < sizeof head - 3)
		snprintf(head + at, sizeof head - at, "\n%s",
		    fmt == TRACK_FMT_MARKDOWN ? "\n" : "");
	rc = writer_text(w, head, strlen(head), err);
	if (rc == 0)
		rc = rtable_write(t, w, fmt, err);
	rtable_free(t);
	free(col);
	return rc;
oom:
	rtable_free(t);
	free(col);
	return error_nomem(err);
}

/* The end of the run of entries of the pupil at ord[from]. */
size_t
pupil_end(const struct view *v, size_t from)
{
	size_t j = from + 1;

	while (j < v->n && v->p->e[v->ord[j]].k.pupil ==
	    v->p->e[v->ord[from]].k.pupil)
		j++;
	return j;
}

/* Each pupil's profile: a JSON line, or a grid. */
static int
write_each(struct view *v, track_writer *w, enum track_format fmt,
    track_error *err)
{
	size_t k, j;
	int rc = 0;

	for (k = 0; rc == 0 && k < v->n; k = j) {
		j = pupil_end(v, k);
		if (fmt == TRACK_FMT_JSON) {
			track_rtable *fl = flags_table();
			json_t *doc = NULL;

			if (fl == NULL || flags_of(fl, v, k, j) != 0 ||
			    (doc = profile_json(v, k, j, fl)) == NULL)
				rc = error_nomem(err);
			else
				rc = rtable_json_write(doc, w, err);
			json_decref(doc);
			rtable_free(fl);
		} else {
			rc = profile_grid(w, fmt, v, k, j, err);
		}
	}
	return rc;
}

/* The rows of entries ord[from..to) of a table (flags_of, profile_rows). */
typedef int (*rows_fn)(track_rtable *t, const struct view *v, size_t from,
    size_t to);

/* The long profile's rows: one an entry. */
static int
profile_rows(track_rtable *t, const struct view *v, size_t from, size_t to)
{
	size_t i;

	for (i = from; i < to; i++)
		if (profile_row(t, v, &v->p->e[v->ord[i]]) != 0)
			return -1;
	return 0;
}

/*
 * Where each piece of a long table starts: runs of whole pupils of about
 * PIECE entries, from 0; (*n)'s end is v->n.  NULL when out of memory.
 */
size_t *
pupil_pieces(const struct view *v, size_t *n)
{
	size_t *at = malloc((v->n / PIECE + 2) * sizeof *at), k = 0;

	*n = 0;
	if (at == NULL)
		return NULL;
	do {
		at[(*n)++] = k;
		k = k + PIECE < v->n ? pupil_end(v, k + PIECE - 1) : v->n;
	} while (k < v->n);
	at[*n] = v->n;
	return at;
}

/* What write_pieces's pieces are filled with. */
struct pieces {
	const struct view *v;
	track_rtable *(*make)(const track_pupils *);
	rows_fn fill;
	size_t *at;		/* pupil_pieces */
};

static track_rtable *
piece_fill(void *ctx, size_t i)
{
	struct pieces *ps = ctx;
	track_rtable *t = ps->make(ps->v->p);

	if (t != NULL && ps->fill(t, ps->v, ps->at[i], ps->at[i + 1]) != 0) {
		rtable_free(t);
		t = NULL;
	}
	return t;
}

/*
 * Writes a long CSV or TSV table a piece at a time, the header with the
 * first: each piece is a fresh table from `make` holding the rows `fill`
 * gives for a run of whole pupils of about PIECE entries.  So memory
 * is a few pieces' rows, not the whole table's (the flags of 10M records
 * took 0.7 GB as one table).  The pieces are filled on p->o.threads
 * threads (rtable_write_pieces) and written in order.
 */
static int
write_pieces(const struct view *v, track_writer *w, enum track_format fmt,
    track_rtable *(*make)(const track_pupils *), rows_fn fill,
    track_error *err)
{
	struct pieces ps = { v, make, fill, NULL };
	size_t n;
	int rc;

	ps.at = pupil_pieces(v, &n);
	if (ps.at == NULL)
		return error_nomem(err);
	rc = rtable_write_pieces(w, fmt, n, v->p->o.threads, piece_fill, &ps,
	    err);
	free(ps.at);
	return rc;
}

/* flags_table() as write_pieces makes a table. */
static track_rtable *
flags_table_of(const track_pupils *p)
{
	(void)p;
	return flags_table();
}

int
pupil_write(track_pupils *p, track_writer *w, enum track_format fmt,
    track_error *err)
{
	struct view v;
	track_rtable *t = NULL;
	size_t i;
	int rc = 0;

	memset(&v, 0, sizeof v);
	if (pupil_obj_entries(p) != 0 || view_make(&v, p) != 0) {
		view_free(&v);
		return error_nomem(err);
	}
	if (p->o.ctf) {
		rc = pupil_ctf_write(&v, w, err);
	} else if (p->o.transition) {
		rc = pupil_transition_write(&v, w, fmt, err);
	} else if (fmt == TRACK_FMT_CSV || fmt == TRACK_FMT_TSV) {
		rc = p->o.flags ? write_pieces(&v, w, fmt, flags_table_of,
		    flags_of, err) : write_pieces(&v, w, fmt, profile_table,
		    profile_rows, err);
	} else if (p->o.flags) {
		t = flags_table();
		if (t == NULL || flags_of(t, &v, 0, v.n) != 0)
			rc = error_nomem(err);
	} else if (fmt == TRACK_FMT_JSON || fmt == TRACK_FMT_TABLE ||
	    fmt == TRACK_FMT_MARKDOWN) {
		rc = write_each(&v, w, fmt, err);
	} else {
		t = profile_table(p);
		for (i = 0; t != NULL && rc == 0 && i < v.n; i++)
			if (profile_row(t, &v, &p->e[v.ord[i]]) != 0)
				rc = error_nomem(err);
		if (t == NULL)
			rc = error_nomem(err);
	}
	if (rc == 0 && t != NULL && fmt == TRACK_FMT_JSON) {
		json_t *doc = json_pack("{s:s}", "report", "pupil-flags");

		if (doc == NULL || rtable_document(t, doc) != 0)
			rc = error_nomem(err);
		else
			rc = rtable_json_write(doc, w, err);
		json_decref(doc);
	} else if (rc == 0 && t != NULL) {
		rc = rtable_write(t, w, fmt, err);
	}
	rtable_free(t);
	view_free(&v);
	return rc;
}
