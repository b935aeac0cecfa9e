/*
 * scheme.h - the school's scheme: years, subjects, points, bands, scales,
 * measures, objectives, groups, privacy and benchmarks.
 *
 * Ownership: a track_scheme is created by one of the scheme_load*()
 * functions and freed with scheme_free().  Every pointer that any other
 * scheme_* function returns (ids, labels, scales, groups, lists) is
 * borrowed from the scheme and stays valid until scheme_free(); never free
 * it.  The scheme is never changed after loading, so any number of threads
 * may read it at once.  Lookups never allocate.
 *
 * Matching: wherever user text is looked up (years, subjects, measures,
 * points, codes, group values, objectives), ids, aliases and labels all
 * match, ignoring ASCII case and all white space ("Year 4", "year4" and
 * " Y4 " are the same).  An id or alias that collides with another entry's
 * id or alias is a scheme error; a label that collides is simply not
 * matched.
 *
 * THE FORMAT.  A scheme is one JSON object.  Unknown keys are errors.
 * Keys marked * are required.  "entry" below means an object
 * {"id"*, "label", "aliases": [strings]}; the label defaults to the id.
 *
 *   "extends"        a scheme this one is based on: "built-in" (the
 *                    default scheme) or a file, relative to this one's
 *                    folder.  This scheme is merged into it key by key:
 *                    an object merges into the base's object, anything
 *                    else (an array, a string) replaces the base's
 *                    member.  So {"extends": "england-primary.json",
 *                    "points": {"terms": [...]}} changes the terms only.
 *                    Bases may extend others, at most 8 deep.  Errors
 *                    in the merged scheme name this file.
 *   "name"*          string
 *   "description"    string
 *   "bands"*         [entry + "standard": true], lowest first.  The band
 *                    marked standard (default: the one with id "at") is
 *                    the expected standard; it and the bands after it count
 *                    as "at or above".
 *   "years"*         [entry + "age": whole years at the start of the year],
 *                    youngest first.
 *   "subjects"*      [entry + "scales": {measure: scale}] - the scales
 *                    object overrides a measure's scale for this subject.
 *   "points"         {"terms": [entry + "scales" + "month"],
 *                     "statutory": [entry + "scales" + "month"],
 *                     "other": [entry + "scales" + "date": "YYYY-MM-DD"]}
 *                    Point ids may not contain "." (see POINTS below).
 *                    "month" (1-12) is the month a term starts in, or a
 *                    statutory point falls in: it places a calendar year
 *                    ("Autumn 2025") in an academic year.  A school with
 *                    six terms lists six (england-six-terms.json).
 *   "not_assessed"   {set name: [na]} - shared lists of not-assessed codes,
 *                    where na is {"code"*, "label", "aliases",
 *                    "count"*: "not-at" | "excluded"}.  "not-at" codes
 *                    count in the denominator as not at the standard;
 *                    "excluded" codes are left out.
 *   "scales"*        {scale id: scale}, where scale has "kind"*, "label",
 *                    "not_assessed" (a set name or an inline [na]) and:
 *       descriptor:  "codes"*: [{"code"*, "label", "aliases", "band"*,
 *                    "legacy": bool}], lowest first (bands may not go down).
 *       level:       "levels"*: [{"code"*, "label", "aliases"}], lowest
 *                    first; "expected": {year id: level code};
 *                    "bands": {"below", "at", "above"} naming the band for
 *                    a level below, at or above the expected one (default:
 *                    the standard band for "at"; the bands called "below"
 *                    and "above", else those next to the standard).
 *       score:       "min"*, "max"*: numbers; "integer": bool (default
 *                    true); "bands": [{"band"*, "min"*}] in increasing
 *                    order, the first min equal to the scale's min.  With
 *                    no "bands" the scale has none (mtc).
 *       age:         "tolerance": months (default 6); "bands" as for level:
 *                    below, within or above the tolerance of the pupil's
 *                    chronological age.
 *   "measures"*      [entry + "scale"*: scale id].  The measure "ta" (or
 *                    else the first) is the default measure.
 *   "out_of_year"    {"below": band, "above": band, "custom": band}: the
 *                    band a teacher judgement (descriptor or level scale)
 *                    gets when `against` is an earlier year, a later year,
 *                    or a custom objective list.  null keeps the value's
 *                    own band.  Default: the bands "below", "above",
 *                    "below" when they exist.  Scores and ages keep their
 *                    own band: they are standardised on age, not year.
 *   "objectives"     {subject id: {year id: [{"id"*, "label"}]}}
 *   "custom_objectives"  {list id: {"label", "objectives"*:
 *                    {subject id: [{"id"*, "label"}]}}} - named personal
 *                    curricula; a record names one in `against`.  List ids
 *                    may not collide with year ids or aliases.
 *   "groups"         {column: {"label", "values"*: [{"code"*, "label",
 *                    "aliases", "deprecated": [aliases that still work
 *                    but deserve a warning]}]}}, in report order.
 *   "privacy"        {"min_group": whole number >= 0, "identifying":
 *                    [column names that identify a pupil, which
 *                    track-filter --pseudonymise drops; see
 *                    pseudo_identifying for how they match]}
 *   "benchmarks"     {id: {"label", "figures"*: [{"subject"*, "measure",
 *                    "point", "year", "band", "pct"*}]}} - the % of pupils
 *                    in `band` (default "at_or_above") for a subject (any
 *                    name, so combined subjects such as rwm work), measure
 *                    (default the default measure), point (optional) and
 *                    year (optional): a year id ("P4"), or a list of them
 *                    (["P1", "P4", "P7"]) for a figure of those years'
 *                    pupils together.  A figure with a year is compared
 *                    only with pupils of exactly those years; one without
 *                    is compared with any (see scheme_benchmark_lookup_
 *                    years).
 *   "ctf"            how a DfE Common Transfer File's results and pupil
 *                    details become records, and back; see ctf.h.
 *   "pupil"          {"flags": [reason], "stuck": 1..100} - track-pupil's
 *                    defaults for --flag and --stuck: the reasons
 *                    (dropped, stuck, disagree, missing, not-assessed;
 *                    none twice) and the number of terms below the
 *                    standard that makes a pupil stuck.
 *
 * POINTS.  A point is one of:
 *   - a statutory point ("ks2"); these sort first, in listed order;
 *   - an "other" point ("baseline"); these sort next, in listed order;
 *   - a bare term ("autumn"); next, in term order;
 *   - a year-scoped term or statutory point, "2025-26.autumn" or
 *     "2025-26.ks2": by academic year, then the terms in order, then that
 *     year's statutory points in order;
 *   - anything else, which sorts last in natural (version-number) order.
 * Academic years may be written 2025-26, 2025/26, 2025-2026, 2025/2026,
 * 25-26 or 25/26, followed by ".", " ", "_" or ":" and the term, or after
 * the term with a space ("Autumn 2025/26", "Aut 25/26").  After the term
 * a calendar year may stand instead ("Autumn 2025", "Spring 2026", "KS2
 * 2026") when the point has a "month": a month from August on starts the
 * academic year, so Autumn 2025, Spring 2026 and Summer 2026 are all
 * 2025-26 (Scotland's Term 1, from August, too).  A calendar year for a
 * point without a month is refused, as is "2025/27"; so is a six-term
 * spelling ("Autumn 2", "HT3") in a scheme that lists other than six
 * terms, and a bare three-term one ("Autumn 2025") in a six-term scheme:
 * scheme_point_why() says which.  The canonical form is "2025-26.autumn".
 *
 * VALUES.  Descriptor and level values are codes, matched as above and
 * written as the code ("exs " -> "EXS").  Scores are decimal numbers
 * ("104", " 104.0 " -> "104" on an integer scale); "<min" and ">max" are
 * kept as the boundary values ("<70" -> "70").  Reading ages are written
 * 9.04 or 9.4 (9 years 4 months: after "." come months, never a decimal
 * fraction, so 8.11 is 8 years 11 months and 8.12 is refused), 9:04,
 * 9y4m, 9y 4m, 9 years 4 months, 9 yrs, 4 mths, 9y or 9, optionally after
 * "<" or ">"; the canonical form is "9.04" ("<6.00").  "<6:00" (below the
 * test's floor) keeps 6.00 as its value and is always banded below;
 * ">12:00" is always above.  Not-assessed codes are valid on every scale
 * that lists them.
 */
#ifndef TRACK_SCHEME_H
#define TRACK_SCHEME_H

#include <stddef.h>
#include <stdint.h>

#include "base/error.h"

/*
 * LIMITS.  An id or code in a scheme (a band, year, subject, measure,
 * point, scale, descriptor code, level, not-assessed code, custom list,
 * group column or value, or benchmark) is at most SCHEME_ID_MAX bytes; a
 * longer one is a scheme error.  Objective ids, aliases and labels have no
 * limit.  So whatever a scheme function writes from ids alone has a known
 * size: SCHEME_POINT_MAX for a point the scheme knows, SCHEME_VALUE_MAX
 * for a value.  Nothing limits the data: a record's fields may be as long
 * as the reader allows, and an unknown point keeps its own text, however
 * long (scheme_point_canon).
 */
#define SCHEME_ID_MAX 64
/* A known point's canonical text and its NUL: "2025-26." and an id. */
#define SCHEME_POINT_MAX (8 + SCHEME_ID_MAX + 1)
/* scheme_value_format()'s text and its NUL: a code, a score ("%.15g",
   at most 22 bytes) or a reading age ("<83333.11"). */
#define SCHEME_VALUE_MAX (SCHEME_ID_MAX + 1)

typedef struct track_scheme track_scheme;
typedef struct track_scale track_scale;
typedef struct track_group track_group;
typedef struct track_objectives track_objectives;
typedef struct track_benchmark track_benchmark;

enum track_scale_kind {
	TRACK_SCALE_DESCRIPTOR,
	TRACK_SCALE_LEVEL,
	TRACK_SCALE_SCORE,
	TRACK_SCALE_AGE
};

/* ---- Loading ---- */

/*
 * Loads the scheme in the JSON file at `path` into *out.  Returns 0, or
 * TRACK_EXIT_IO when the file cannot be read, or TRACK_EXIT_DATA when it is
 * not valid JSON (err->line is the line) or not a valid scheme (err->line
 * is 0 and err->text starts with the JSON path, as in
 * "$.scales.nfer.bands[1].min: thresholds overlap (95 is not above 95)").
 * err->file is `path`, so `path` must outlive the error.  On failure *out
 * is NULL.  The caller frees *out with scheme_free().
 */
int scheme_load_file(track_scheme **out /* OUT */, const char *path,
    track_error *err);

/*
 * Like scheme_load_file(), from `len` bytes at `buf`; `name` is used as
 * the file name in errors (and must outlive the error).
 */
int scheme_load_buffer(track_scheme **out /* OUT */, const char *buf,
    size_t len, const char *name, track_error *err);

/* Loads the built-in England-primary scheme ("built-in scheme" in errors). */
int scheme_load_default(track_scheme **out /* OUT */, track_error *err);

/*
 * Loads the scheme a program should use: `path` when it is not NULL, else
 * the file named by the TRACK_SCHEME environment variable when that is set
 * and not empty, else the built-in default.
 */
int scheme_load(track_scheme **out /* OUT */, const char *path_or_null,
    track_error *err);

/* Frees a scheme and everything borrowed from it.  NULL is allowed. */
void scheme_free(track_scheme *s);

const char *scheme_name(const track_scheme *s);
const char *scheme_description(const track_scheme *s);	/* or NULL */

/* ---- Years ---- */

/*
 * Returns the index (0 = youngest) of the year group spelt `text` (len
 * bytes), or -1 when it is unknown.
 */
int scheme_year_index(const track_scheme *s, const char *text, size_t len);
/* Returns the canonical id of the year spelt `text`, or NULL. */
const char *scheme_year_id(const track_scheme *s, const char *text,
    size_t len);
size_t scheme_year_count(const track_scheme *s);
const char *scheme_year_id_at(const track_scheme *s, size_t i);
const char *scheme_year_label(const track_scheme *s, size_t i);
/* Typical age at the start of year i, in months, or -1 when not given. */
int scheme_year_age(const track_scheme *s, size_t i);
/*
 * Compares two year spellings in scheme order, like strcmp.  Unknown
 * years sort after known ones, and among themselves by bytes.
 */
int scheme_year_cmp(const track_scheme *s, const char *a, size_t alen,
    const char *b, size_t blen);

/* ---- Subjects, measures and bands ---- */

int scheme_subject_index(const track_scheme *s, const char *text,
    size_t len);
const char *scheme_subject_id(const track_scheme *s, const char *text,
    size_t len);
size_t scheme_subject_count(const track_scheme *s);
const char *scheme_subject_id_at(const track_scheme *s, size_t i);
const char *scheme_subject_label(const track_scheme *s, size_t i);

/* For measures, a blank `text` means the default measure. */
int scheme_measure_index(const track_scheme *s, const char *text,
    size_t len);
const char *scheme_measure_id(const track_scheme *s, const char *text,
    size_t len);
size_t scheme_measure_count(const track_scheme *s);
const char *scheme_measure_id_at(const track_scheme *s, size_t i);
const char *scheme_measure_label(const track_scheme *s, size_t i);
const char *scheme_measure_default(const track_scheme *s);
/* The measure's own scale, before subject and point overrides. */
const track_scale *scheme_measure_scale(const track_scheme *s, size_t i);

/* Bands, lowest first. */
size_t scheme_band_count(const track_scheme *s);
const char *scheme_band_id(const track_scheme *s, size_t i);
const char *scheme_band_label(const track_scheme *s, size_t i);
/* Index of the band spelt `text`, or -1. */
int scheme_band_index(const track_scheme *s, const char *text, size_t len);
/* Index of the expected-standard band; bands >= it are "at or above". */
size_t scheme_band_standard(const track_scheme *s);

/* ---- Points ---- */

enum track_point_kind {
	TRACK_POINT_UNKNOWN = 0,
	TRACK_POINT_STATUTORY,		/* "ks2" */
	TRACK_POINT_OTHER,		/* "baseline" */
	TRACK_POINT_TERM,		/* "autumn" */
	TRACK_POINT_SCOPED_TERM,	/* "2025-26.autumn" */
	TRACK_POINT_SCOPED_STATUTORY	/* "2025-26.ks2" */
};

/*
 * A point reduced to numbers, so that points compare quickly.  For an
 * unknown point, `text` borrows the caller's trimmed text: keep that text
 * (or a copy) alive while the key is compared.  Known keys borrow nothing.
 */
typedef struct track_point_key {
	int cls;		/* ordering class, statutory first */
	int year;		/* academic year start (2025), or 0 */
	int pos;		/* position within the class and year */
	const char *text;	/* unknown points only */
	size_t len;
} track_point_key;

/* Fills *out for the point spelt `p` (n bytes) and returns its kind. */
enum track_point_kind scheme_point_key(const track_scheme *s, const char *p,
    size_t n, track_point_key *out /* OUT */);

/* Compares two keys in scheme order, like strcmp. */
int scheme_point_cmp(const track_point_key *a, const track_point_key *b);

/* Compares two point spellings in scheme order, like strcmp. */
int scheme_point_compare(const track_scheme *s, const char *a, size_t alen,
    const char *b, size_t blen);

/*
 * Writes the canonical spelling of point `text` to `out` (outsz bytes,
 * NUL-terminated): "Autumn" -> "autumn", "2025/26 Aut" -> "2025-26.autumn",
 * "KS2" -> "ks2".  An unknown point is written trimmed but otherwise
 * unchanged.  Returns its kind (TRACK_POINT_UNKNOWN is 0), or -1 when
 * `out` is too small: never for a known point and SCHEME_POINT_MAX bytes,
 * but an unknown point may be any length (see scheme_point_canon).
 */
int scheme_point_normalise(const track_scheme *s, const char *text,
    size_t len, char *out /* OUT */, size_t outsz);

/*
 * The canonical spelling of point `text`, whatever its length: a point
 * the scheme knows is written into `buf`, NUL-terminated; an unknown
 * point is its trimmed text, borrowed from `text` (not NUL-terminated).
 * Sets *out and *outlen and returns the kind.  Never fails.
 */
enum track_point_kind scheme_point_canon(const track_scheme *s,
    const char *text, size_t len, char buf[SCHEME_POINT_MAX],
    const char **out /* OUT */, size_t *outlen /* OUT */);

/*
 * Says why `text` is not a point of the scheme when it looks like one,
 * for the message after "unknown point": a six-term point in a scheme
 * without six terms ("Autumn 2", "HT3"), a three-term spelling in a
 * six-term scheme ("Autumn 2025"), a calendar year for a point with no
 * "month", or a year that is not an academic year ("Autumn 2025/27").
 * Writes the reason to `out` (outsz bytes, NUL-terminated, cut short when
 * it does not fit) and returns its length, or 0 when there is nothing
 * better to say (a known point, or text that looks like no point).
 */
int scheme_point_why(const track_scheme *s, const char *text, size_t len,
    char *out /* OUT */, size_t outsz);

/*
 * Writes point `p` scoped to academic year `year` ("2025-26", "2025/26",
 * ...): "autumn" + "2025-26" -> "2025-26.autumn".  Only bare terms are
 * scoped; any other point is written as scheme_point_normalise() would.
 * Returns the kind written, or -1 when `p` is a bare term and `year` is
 * not an academic year, or when `out` is too small.
 */
int scheme_point_qualify(const track_scheme *s, const char *p, size_t plen,
    const char *year, size_t ylen, char *out /* OUT */, size_t outsz);

/*
 * Writes a label for point `p`: the scheme's label ("Key stage 2"), with
 * the academic year after it for scoped points ("Autumn 2025-26"), or the
 * trimmed text for unknown points.  Returns 0, or -1 when out is too small.
 */
int scheme_point_label(const track_scheme *s, const char *p, size_t len,
    char *out /* OUT */, size_t outsz);

/*
 * As scheme_point_label, whatever the label's length: a new string the
 * caller frees, or NULL when out of memory.
 */
char *scheme_point_label_dup(const track_scheme *s, const char *p,
    size_t len);

/*
 * The points the scheme lists (statutory, other, then terms), by index:
 * their ids, for suggestions.
 */
size_t scheme_point_count(const track_scheme *s);
const char *scheme_point_id_at(const track_scheme *s, size_t i);

/* The date ("YYYY-MM-DD") given for an "other" point, or NULL. */
const char *scheme_point_date(const track_scheme *s, const char *p,
    size_t len);

/*
 * Parses an academic year ("2025-26", "2025/26", "2025-2026",
 * "2025/2026") and returns its first calendar year, or -1.
 */
int scheme_academic_year(const char *text, size_t len);

/* ---- Scales and values ---- */

/*
 * Returns the scale for a value in `subject` (required), `measure` (NULL
 * or "" for the default measure) and `point` (NULL for none), all
 * NUL-terminated and spelt any way the scheme accepts.  A subject
 * override wins over a point override, which wins over the measure's own
 * scale; a point override on "ks1" also applies to "2024-25.ks1".
 * Returns NULL when the subject or measure is unknown; an unknown point
 * simply has no override.
 */
const track_scale *scheme_scale_for(const track_scheme *s,
    const char *subject, const char *measure, const char *point);

/* The scale with id `id` (exact after case folding), or NULL. */
const track_scale *scheme_scale_find(const track_scheme *s, const char *id);

const char *scheme_scale_id(const track_scale *sc);
const char *scheme_scale_label(const track_scale *sc);
enum track_scale_kind scheme_scale_kind(const track_scale *sc);
/* Descriptor codes or levels, lowest first. */
size_t scheme_scale_code_count(const track_scale *sc);
const char *scheme_scale_code(const track_scale *sc, size_t i);
const char *scheme_scale_code_label(const track_scale *sc, size_t i);
/* The band index of descriptor code i, or -1 on other scales. */
int scheme_scale_code_band(const track_scale *sc, size_t i);
int scheme_scale_code_legacy(const track_scale *sc, size_t i);
/* Score range (min, max) and whether scores are whole numbers. */
void scheme_scale_range(const track_scale *sc, double *min /* OUT */,
    double *max /* OUT */);
int scheme_scale_integer(const track_scale *sc);
/* Score thresholds: band i starts at *min and has band index *band. */
size_t scheme_scale_threshold_count(const track_scale *sc);
void scheme_scale_threshold(const track_scale *sc, size_t i,
    int *band /* OUT */, double *min /* OUT */);
/* Age tolerance in months (age scales), else 0. */
int scheme_scale_tolerance(const track_scale *sc);
/* Not-assessed codes. */
size_t scheme_scale_na_count(const track_scale *sc);
const char *scheme_scale_na_code(const track_scale *sc, size_t i);
const char *scheme_scale_na_label(const track_scale *sc, size_t i);
/* Nonzero when not-assessed code i counts as not at the standard. */
int scheme_scale_na_not_at(const track_scale *sc, size_t i);

/*
 * The value expected for a pupil in year index `year`: the standard
 * descriptor code (EXS), the expected level for that year, or the start
 * of the standard band for scores ("100").  NULL when there is none (age
 * scales, score scales without bands, a year with no expected level).
 */
const char *scheme_scale_expected(const track_scale *sc, int year);

enum track_value_kind {
	TRACK_VALUE_CODE,	/* a descriptor code or level */
	TRACK_VALUE_NUMBER,	/* a score, or a reading age in months */
	TRACK_VALUE_NOT_AT,	/* not assessed, counted as not at */
	TRACK_VALUE_EXCLUDED	/* not assessed, left out */
};

/* A parsed value: small, borrows nothing, cheap to keep per pupil. */
typedef struct track_value {
	enum track_value_kind kind;
	int index;	/* CODE: position in the scale (0 = lowest);
			   NOT_AT, EXCLUDED: position in the na list */
	int bound;	/* NUMBER on age scales: -1 for "<", 1 for ">" */
	double number;	/* NUMBER: the score, or the age in months */
} track_value;

/*
 * Parses value `text` (len bytes, surrounding spaces ignored) on scale
 * `sc` into *out.  Returns 0, or TRACK_EXIT_DATA with err filled, for
 * example `unknown descriptor "EXPT" for ta (did you mean EXS?)` or
 * `score 150 out of range 70..140 for nfer`.  Messages name the scale.
 * Value errors leave err->file NULL and err->line 0: the caller, who knows
 * the record's position, fills them in.
 */
int scheme_value_parse(const track_scheme *s, const track_scale *sc,
    const char *text, size_t len, track_value *out /* OUT */,
    track_error *err);

/*
 * Like scheme_value_parse(), naming `what` (a subject or measure id) in
 * messages instead of the scale.
 */
int scheme_value_parse_as(const track_scale *sc, const char *what,
    const char *text, size_t len, track_value *out /* OUT */,
    track_error *err);

/*
 * Writes the canonical text of `v` to `out`.  Returns its length, or -1
 * when outsz is too small (never with SCHEME_VALUE_MAX bytes) or `v` is
 * not a value of `sc`.
 */
int scheme_value_format(const track_scale *sc, const track_value *v,
    char *out /* OUT */, size_t outsz);

/*
 * Parses and writes back canonically: "exs " -> "EXS", " 104 " -> "104",
 * "9:4" -> "9.04".  Returns 0 or TRACK_EXIT_DATA as scheme_value_parse()
 * (also when `out` is too small).
 */
int scheme_value_normalise(const track_scheme *s, const track_scale *sc,
    const char *text, size_t len, char *out /* OUT */, size_t outsz,
    track_error *err);

/*
 * Like scheme_value_normalise(), resolving the scale with
 * scheme_scale_for(); messages name the subject for the default measure
 * (`unknown descriptor "EXPT" for writing (did you mean EXS?)`) and the
 * measure otherwise (`score 150 out of range 70..140 for nfer`).  An
 * unknown subject or measure is an error too.
 */
int scheme_value_normalise_for(const track_scheme *s, const char *subject,
    const char *measure, const char *point, const char *text, size_t len,
    char *out /* OUT */, size_t outsz, track_error *err);

/* What a band depends on besides the value.  Use -1 for "not known". */
typedef struct track_value_ctx {
	int year;	/* scheme_year_index() of the pupil's year */
	int against;	/* year index assessed against, -1 if the same */
	int custom;	/* nonzero when assessed against a custom list */
	int age;	/* chronological age in months on the date assessed */
} track_value_ctx;

/*
 * Finds the band of `v` on `sc` and stores its index in *band, or -1
 * when the value has no band: not-assessed codes, and scores on a scale
 * without bands.  The out-of-year rule applies to descriptor and level
 * values when ctx says so.  `ctx` may be NULL.  Returns 0, or
 * TRACK_EXIT_DATA when the value cannot be placed: a level with no year
 * or no expected level for it, or a reading age with no chronological age.
 */
int scheme_value_band(const track_scheme *s, const track_scale *sc,
    const track_value *v, const track_value_ctx *ctx, int *band /* OUT */,
    track_error *err);

/*
 * The value's position in its scale, for ordering: 1 for the lowest code
 * or level; for scores, the 1-based band threshold it falls in.  0 for
 * not-assessed codes, ages and scores on scales without bands.
 */
int scheme_value_rank(const track_scale *sc, const track_value *v);

/*
 * Parses a reading age (see VALUES) into months and a bound (-1 for "<",
 * 1 for ">", else 0).  Returns 0, or -1 when it is not a reading age.
 */
int scheme_age_parse(const char *text, size_t len, int *months /* OUT */,
    int *bound /* OUT */);

/* ---- Groups ---- */

/*
 * Returns the canonical code for value `text` in characteristic `column`
 * (for example "S" in "send" gives "K"), or NULL when the column is not a
 * scheme group or the value is unknown.  *deprecated (may be NULL) is set
 * to 1 when a deprecated alias was used, else 0.
 */
const char *scheme_group_code(const track_scheme *s, const char *column,
    const char *text, size_t len, int *deprecated /* OUT */);

/* The group for `column` (case-insensitive), or NULL. */
const track_group *scheme_group_find(const track_scheme *s,
    const char *column);
size_t scheme_group_count(const track_scheme *s);
const track_group *scheme_group_at(const track_scheme *s, size_t i);
const char *scheme_group_column(const track_group *g);
const char *scheme_group_label(const track_group *g);
size_t scheme_group_value_count(const track_group *g);
const char *scheme_group_value_code(const track_group *g, size_t i);
const char *scheme_group_value_label(const track_group *g, size_t i);
/*
 * The code of the value nearest to `text` by any of its spellings (code,
 * label or alias: "SEN suport" gives "K"), for "did you mean"; NULL when
 * none is near enough (see suggest.h) or g is NULL.
 */
const char *scheme_group_suggest(const track_group *g, const char *text,
    size_t len);
/* Index of value `text`, or -1; *deprecated as scheme_group_code(). */
int scheme_group_value_index(const track_group *g, const char *text,
    size_t len, int *deprecated /* OUT */);

/* ---- Objectives ---- */

/* The list for a subject and year (ids), or NULL when there is none. */
const track_objectives *scheme_objectives(const track_scheme *s,
    const char *subject, const char *year);
/* A custom list's objectives for a subject, or NULL. */
const track_objectives *scheme_custom_objectives(const track_scheme *s,
    const char *list, const char *subject);
/* Index of custom list `text`, or -1 (for track_value_ctx.custom). */
int scheme_custom_index(const track_scheme *s, const char *text, size_t len);
size_t scheme_custom_count(const track_scheme *s);
const char *scheme_custom_id(const track_scheme *s, size_t i);
const char *scheme_custom_label(const track_scheme *s, size_t i);
size_t scheme_objectives_count(const track_objectives *l);
const char *scheme_objectives_id(const track_objectives *l, size_t i);
const char *scheme_objectives_label(const track_objectives *l, size_t i);
/* Index of objective `text` in the list, or -1. */
int scheme_objectives_find(const track_objectives *l, const char *text,
    size_t len);

/* ---- Privacy and benchmarks ---- */

/* The minimum group size below which reports suppress (0: never). */
int scheme_min_group(const track_scheme *s);

/*
 * The scheme's list of columns that identify a pupil ($.privacy.
 * identifying), NULL-terminated, with its length in *n; NULL when the
 * scheme gives none (then the built-in list applies).  Borrowed from the
 * scheme.
 */
const char *const *scheme_identifying(const track_scheme *s,
    size_t *n /* OUT */);

/* ---- track-pupil's defaults ($.pupil) ---- */

/*
 * The reasons $.pupil.flags lists, lower case, with their number in *n;
 * NULL (and 0) when the scheme gives none.
 */
const char *const *scheme_pupil_flags(const track_scheme *s,
    size_t *n /* OUT */);

/* $.pupil.stuck, or 0 when the scheme gives none. */
int scheme_pupil_stuck(const track_scheme *s);

/*
 * A set of the scheme's year groups: bit i stands for year i (see
 * scheme_year_index), for the first SCHEME_YEARS_MAX years, and
 * SCHEME_YEARS_OTHER for a pupil of no year, of a year the scheme does
 * not know, or of one past those.  0 is the empty set.
 */
typedef uint64_t track_years;
#define SCHEME_YEARS_MAX 63
#define SCHEME_YEARS_OTHER ((track_years)1 << SCHEME_YEARS_MAX)

/* The set of the one year spelt `text`: its bit, or SCHEME_YEARS_OTHER. */
track_years scheme_years_of(const track_scheme *s, const char *text,
    size_t len);

/* A benchmark figure; every pointer is borrowed from the scheme. */
typedef struct track_figure {
	const char *subject;
	const char *measure;	/* canonical measure id */
	const char *point;	/* canonical point, or NULL for any */
	const char *band;	/* band id, or "at_or_above" */
	track_years years;	/* the years it is for, together; 0: any */
	double pct;
} track_figure;

const track_benchmark *scheme_benchmark_find(const track_scheme *s,
    const char *id);
size_t scheme_benchmark_count(const track_scheme *s);
const track_benchmark *scheme_benchmark_at(const track_scheme *s, size_t i);
const char *scheme_benchmark_id(const track_benchmark *b);
const char *scheme_benchmark_label(const track_benchmark *b);
size_t scheme_benchmark_figure_count(const track_benchmark *b);
const track_figure *scheme_benchmark_figure(const track_benchmark *b,
    size_t i);
/*
 * Finds the figure for subject, measure (NULL: default), point (NULL:
 * only a figure without a point matches) and band (NULL: "at_or_above").
 * A figure without a point matches any point; a figure for a statutory
 * point ("ks2") also matches it year-scoped ("2025-26.ks2").  Only a
 * figure without a year matches: this is scheme_benchmark_lookup_years
 * with years 0.  Returns it, or NULL.
 */
const track_figure *scheme_benchmark_lookup(const track_scheme *s,
    const track_benchmark *b, const char *subject, const char *measure,
    const char *point, const char *band);
/*
 * scheme_benchmark_lookup for pupils of the year groups `years` (0 when
 * they are not known).  A figure with a year matches only when its years
 * are exactly `years`: a figure for P4 matches P4's pupils, not P4's and
 * P5's together nor the school's; a figure for P1, P4 and P7 together
 * matches their pupils together, not P4's alone.  A figure without a year
 * matches any years.  Of the figures that match, one for the point beats
 * one for any point, then one for the years beats one for any year, then
 * the first listed wins.  Returns it, or NULL.
 */
const track_figure *scheme_benchmark_lookup_years(const track_scheme *s,
    const track_benchmark *b, const char *subject, const char *measure,
    const char *point, track_years years, const char *band);
/* Nonzero when some figure of benchmark b names a year. */
int scheme_benchmark_has_years(const track_benchmark *b);

#endif
