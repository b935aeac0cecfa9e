/*
 * import_norm.c - one value of an export normalised as a canonical field
 * or a group column: the scheme's aliases read ("Expected" and "exs "
 * become EXS, "Year 4" becomes 4), and an unknown value named with the
 * nearest valid code.  See import_int.h.
 */
#include "import_int.h"

#include <stdio.h>
#include <string.h>

#include "base/date.h"
#include "base/suggest.h"

/* The candidates for a "did you mean": at most 64 ids. */
struct cands {
	const char *id[64];
	size_t n;
};

static void
cands_add(struct cands *c, const char *id)
{
	if (c->n < sizeof c->id / sizeof c->id[0])
		c->id[c->n++] = id;
}

/* Fills `c` with the ids `at` returns for 0 .. n-1. */
static void
cands_fill(struct cands *c, const track_scheme *s,
    const char *(*at)(const track_scheme *, size_t), size_t n)
{
	size_t i;

	c->n = 0;
	for (i = 0; i < n; i++)
		cands_add(c, at(s, i));
}

/* Says in `why` that `v` is not a known `what`, suggesting the nearest. */
static void
unknown(const char *what, track_str v, const struct cands *c, char *why,
    size_t whysz)
{
	const char *near = suggest_nearest(v.ptr, v.len, c->id, c->n);

	snprintf(why, whysz, "unknown %s \"%.*s%s\"%s%s%s", what, SHOW(v),
	    near ? " (did you mean " : "", near ? near : "",
	    near ? "?)" : "");
}

/* A kind of scheme id: how to look one up and how to list them all. */
struct idkind {
	const char *what;	/* for messages */
	const char *(*find)(const track_scheme *, const char *, size_t);
	const char *(*at)(const track_scheme *, size_t);
	size_t (*count)(const track_scheme *);
};

static const struct idkind subject_ids = { "subject", scheme_subject_id,
    scheme_subject_id_at, scheme_subject_count };
static const struct idkind measure_ids = { "measure", scheme_measure_id,
    scheme_measure_id_at, scheme_measure_count };
static const struct idkind year_ids = { "year group", scheme_year_id,
    scheme_year_id_at, scheme_year_count };

/* Says in `why` that `v` is no `k`, suggesting the nearest. */
static void
unknown_id(const track_scheme *s, const struct idkind *k, track_str v,
    char *why, size_t whysz)
{
	struct cands c;

	cands_fill(&c, s, k->at, k->count(s));
	unknown(k->what, v, &c, why, whysz);
}

/*
 * The scheme's id for `v` as a `k` (a year group, subject or measure),
 * or NULL with `why` saying so and suggesting the nearest.  An "against"
 * may also be one of the scheme's custom expectations.
 */
static const char *
scheme_id(const track_scheme *s, const struct idkind *k, int against,
    track_str v, char *why, size_t whysz)
{
	const char *id = k->find(s, v.ptr, v.len);

	if (id == NULL && against && scheme_custom_index(s, v.ptr, v.len) >= 0)
		id = scheme_custom_id(s,
		    (size_t)scheme_custom_index(s, v.ptr, v.len));
	if (id == NULL)
		unknown_id(s, k, v, why, whysz);
	return id;
}

/* A point, qualified with the academic year when one is set. */
static int
norm_point(const track_import *imp, track_str v, track_str *out, char *buf,
    size_t bufsz, char *why, size_t whysz)
{
	const char *ay = imp->m->academic_year;
	int kind;

	if (ay != NULL)
		kind = scheme_point_qualify(imp->s, v.ptr, v.len, ay,
		    strlen(ay), buf, bufsz);
	else
		kind = scheme_point_normalise(imp->s, v.ptr, v.len, buf, bufsz);
	if (kind <= 0) {
		char reason[300];

		if (scheme_point_why(imp->s, v.ptr, v.len, reason,
		    sizeof reason) == 0)
			snprintf(reason, sizeof reason, "points are terms "
			    "such as autumn or 2025-26.autumn, or statutory "
			    "points such as ks2");
		snprintf(why, whysz, "unknown point \"%.*s%s\" (%s)",
		    SHOW(v), reason);
		return -1;
	}
	*out = (track_str){ buf, strlen(buf) };
	return 0;
}

/*
 * A value, checked against the record's subject, measure and point.  The
 * three are taken whatever their length, as the scheme's own ids (usually
 * they are already: a joined cell is not).  An unknown point has no
 * overrides.
 */
static int
norm_value(const track_import *imp, const track_str *rec, track_str v,
    track_str *out, char *buf, size_t bufsz, char *why, size_t whysz)
{
	const track_scheme *s = imp->s;
	long sc = imp->col[F_SUBJECT], pc = imp->col[F_POINT];
	long mc = imp->col[F_MEASURE];
	const char *subj, *meas, *pt = NULL;
	char pb[SCHEME_POINT_MAX];
	size_t ptlen;
	track_error e;

	if (sc < 0)
		return 0;	/* nothing to check it against */
	subj = scheme_id(s, &subject_ids, 0, rec[sc], why, whysz);
	if (subj == NULL)
		return -1;
	meas = scheme_measure_id(s, mc >= 0 ? rec[mc].ptr : "",
	    mc >= 0 ? rec[mc].len : 0);
	if (meas == NULL) {
		unknown_id(s, &measure_ids, rec[mc], why, whysz);
		return -1;
	}
	if (pc >= 0 && scheme_point_canon(s, rec[pc].ptr, rec[pc].len,
	    pb, &pt, &ptlen) == TRACK_POINT_UNKNOWN)
		pt = NULL;
	if (scheme_value_normalise_for(s, subj, meas, pt, v.ptr, v.len,
	    buf, bufsz, &e) != 0) {
		snprintf(why, whysz, "%.300s", e.text);
		return -1;
	}
	*out = (track_str){ buf, strlen(buf) };
	return 0;
}

/* A code of group column `col`; 1 when it was a deprecated spelling. */
static int
norm_group(const track_scheme *s, const char *col, track_str v,
    track_str *out, char *why, size_t whysz)
{
	int deprecated = 0;
	const char *id = scheme_group_code(s, col, v.ptr, v.len, &deprecated);

	if (id == NULL) {
		const char *near = scheme_group_suggest(
		    scheme_group_find(s, col), v.ptr, v.len);

		snprintf(why, whysz, "unknown %s value \"%.*s%s\"%s%s%s",
		    col, SHOW(v), near ? " (did you mean " : "",
		    near ? near : "", near ? "?)" : "");
		return -1;
	}
	if (deprecated)
		snprintf(why, whysz, "%s \"%.*s%s\" read as \"%s\"",
		    col, SHOW(v), id);
	*out = (track_str){ id, strlen(id) };
	return deprecated ? 1 : 0;
}

int
import_normalise(const track_import *imp, enum import_field f,
    const char *col, int group, track_str v, const track_str *rec,
    track_str *out, char *buf, size_t bufsz, char *why, size_t whysz)
{
	const struct idkind *k = NULL;
	const char *id;

	*out = v;
	if (v.len == 0)
		return 0;
	switch (f) {
	case F_YEAR:
	case F_AGAINST:
		k = &year_ids;
		break;
	case F_SUBJECT:
		k = &subject_ids;
		break;
	case F_MEASURE:
		k = &measure_ids;
		break;
	case F_POINT:
		return norm_point(imp, v, out, buf, bufsz, why, whysz);
	case F_VALUE:
		return norm_value(imp, rec, v, out, buf, bufsz, why, whysz);
	case F_DOB:
	case F_DATE:
		if (bufsz < DATE_ISO_SIZE || date_iso(import_canonical[f], v.ptr,
		    v.len, imp->m->date_order == DATE_MDY ? DATE_MDY : DATE_DMY,
		    buf, why, whysz) != 0)
			return -1;
		*out = (track_str){ buf, DATE_ISO_SIZE - 1 };
		return 0;
	default:
		return group ? norm_group(imp->s, col, v, out, why, whysz) : 0;
	}
	id = scheme_id(imp->s, k, f == F_AGAINST, v, why, whysz);
	if (id == NULL)
		return -1;
	*out = (track_str){ id, strlen(id) };
	return 0;
}
