/*
 * assess.h - records read against the scheme.
 *
 * An assessor is bound to one input header.  For each row it finds the
 * subject, measure, point, year and scale, parses the value, and works out
 * the band (with the out-of-year rule), the rank and the pupil's age, into
 * a small struct track_obs.  track-assess writes these out as columns;
 * track-summary and track-matrix aggregate them.
 *
 * Speed: the same few subjects, points, years and values come back on
 * every row, so each lookup is cached by the exact bytes of the field.
 * The caches are bounded; nothing is allocated per row once they are warm.
 *
 * Ownership: assess_new returns an assessor the caller frees with
 * assess_free.  It borrows the scheme, which must outlive it.  A track_obs
 * borrows the row's fields (pupil, name, objective) and is valid until
 * the row goes; point ids and everything else stay valid until
 * assess_free.
 */
#ifndef TRACK_ASSESS_H
#define TRACK_ASSESS_H

#include <stddef.h>

#include "base/str.h"
#include "base/error.h"
#include "scheme/scheme.h"

typedef struct track_assess track_assess;

/* The columns an assessor reads; any of them may be absent. */
enum assess_col {
	A_PUPIL, A_NAME, A_YEAR, A_SUBJECT, A_POINT, A_MEASURE, A_VALUE,
	A_AGAINST, A_OBJECTIVE, A_DOB, A_DATE, A_BAND, A_NCOLS
};

/* How a record stands against the pupil's own year. */
enum assess_ooy {
	OOY_NONE = 0,	/* assessed against their own year */
	OOY_BELOW,	/* against an earlier year */
	OOY_ABOVE,	/* against a later year */
	OOY_CUSTOM	/* against a custom objective list */
};

/* One record, read against the scheme. */
struct track_obs {
	track_str pupil, name, objective;	/* borrowed from the row */
	int subject;		/* scheme subject index */
	int measure;		/* scheme measure index */
	const track_scale *scale;
	long point;		/* the assessor's point id */
	int year;		/* scheme year index, or -1 */
	int against;		/* year index assessed against, or -1 */
	int custom;		/* custom list index, or -1 */
	enum assess_ooy ooy;
	track_value value;
	int band;		/* band index, or -1 for none */
	int rank;		/* scheme_value_rank() */
	int age;		/* age in months on the date assessed, or -1 */
	long sig;		/* the row cache's id, or -1: see assess_row */
};

/* Flags for assess_new. */
#define ASSESS_STRICT_POINTS 1u	/* a point the scheme does not know is an
				   error (track-assess), not a late point */
#define ASSESS_USE_BAND 2u	/* a non-empty `band` column is used as the
				   band instead of working it out */
#define ASSESS_NO_CACHE 4u	/* read every row the long way (tests) */

/*
 * Binds a new assessor to header `hdr` (n names).  Fails with
 * TRACK_EXIT_DATA when a required column (pupil, subject, point, value) is
 * missing, naming it, and TRACK_EXIT_IO when out of memory.
 */
int assess_new(track_assess **out /* OUT */, const track_scheme *s,
    const track_str *hdr, size_t n, unsigned flags, track_error *err);

/* The header index of column `c`, or -1 when the input lacks it. */
long assess_col(const track_assess *a, enum assess_col c);

/*
 * Reads row `row` (laid out like the header) into *o.  Returns 0, or
 * TRACK_EXIT_DATA with err->text saying what is wrong (an unknown subject,
 * measure, point or code with a suggestion, a score out of range, a blank
 * required field, a level with no year, ...); err->file and err->line are
 * left for the caller.  TRACK_EXIT_IO means out of memory.
 *
 * Rows whose deciding fields are the same bytes get the same o->sig, a
 * small dense id (0, 1, 2, ...), and the same observation but for pupil,
 * name and objective; so a caller may memoise by o->sig what it works out
 * from the rest.  o->sig is -1 for a row the cache does not hold (one
 * whose band needs the pupil's age, say).
 */
int assess_row(track_assess *a, const track_str *row, struct track_obs *o,
    track_error *err);

/*
 * The point id of a row, cheaply, so that a report can pass over rows at
 * points it does not show before reading them in full; -1 when the point
 * is blank (assess_row then says why).
 */
long assess_peek_point(track_assess *a, const track_str *row);

/* ---- Points seen so far ---- */

/* The canonical text of point `id` (valid until the next assess_row). */
const char *assess_point_text(const track_assess *a, long id);

/* How many distinct points the assessor has seen (ids 0 .. count-1). */
size_t assess_point_count(const track_assess *a);

/* Compares two point ids in scheme order, like strcmp. */
int assess_point_cmp(const track_assess *a, long x, long y);

/*
 * Writes the points the records had (not those only named in options),
 * in scheme order and comma-separated, into `out` ("..." when it is too
 * small), for "no records at point ..." messages.  `a` may be NULL.
 * Returns 0, or -1 when out of memory.
 */
int assess_points_seen(const track_assess *a, char *out /* OUT */,
    size_t outsz);

/*
 * Nonzero when point x is a better default for a report than point y: a
 * term beats any other point, then the later one wins.
 */
int assess_point_better(const track_assess *a, long x, long y);

/* Nonzero when point `id` is a term (bare or year-scoped). */
int assess_point_is_term(const track_assess *a, long id);

/*
 * The id of point `text` as the scheme spells it canonically, adding it
 * when new.  A point of any length has an id (an unknown point is kept
 * as its trimmed text, whole).  Returns -1 only when out of memory.
 */
long assess_point_intern(track_assess *a, const char *text, size_t len);

/* ---- Writing ---- */

/*
 * Room for assess_own_words() and its NUL: "Y" and a year id, or a
 * custom list id; a space; a value (see SCHEME_ID_MAX).
 */
#define ASSESS_WORDS_MAX (1 + SCHEME_ID_MAX + 1 + SCHEME_VALUE_MAX)

/*
 * Writes the out-of-year form of the value, the assessed year before the
 * value's own words ("Y3 EXS", "P1 Early", "phonics-booster On track"),
 * or just the value when the record is not out of year.  Returns the
 * length, or -1 when outsz is too small (never with ASSESS_WORDS_MAX).
 */
int assess_own_words(const track_assess *a, const struct track_obs *o,
    char *out /* OUT */, size_t outsz);

/*
 * Writes a year index as a pupil-facing short form: "Y3" for numeric ids,
 * else the id ("R", "P4").
 */
int assess_year_short(const track_scheme *s, int year, char *out /* OUT */,
    size_t outsz);

/*
 * Parses an ISO 8601 date (YYYY-MM-DD, or with a time after it) into a
 * count of whole months since year 0 and the day.  Returns 0 or -1.
 */
int assess_parse_date(const char *text, size_t len, int *months /* OUT */,
    int *day /* OUT */);

/* Frees the assessor.  `a` may be NULL. */
void assess_free(track_assess *a);

#endif
