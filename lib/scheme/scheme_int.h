/*
 * scheme_int.h - the insides of the scheme, shared by lib/scheme/ only.
 *
 * scheme.h keeps its types opaque; their bodies are here, for the files
 * of lib/scheme/ and for nothing else.  The header also holds the arena
 * a loaded scheme lives in, the name tables (struct dict: open addressing
 * keyed by the folded spelling) and their lookups, which are static
 * inline because every record goes through them, and the few helpers
 * that more than one file of the scheme needs.  The files: table.c (the
 * arena and building the tables), load.c, load_scales.c and
 * load_sections.c (the JSON loader, with its own load_int.h), points.c
 * (the point grammar), scales.c, values.c, and scheme.c (the accessors).
 */
#ifndef TRACK_SCHEME_INT_H
#define TRACK_SCHEME_INT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "base/str.h"
#include "scheme.h"

#define MAX_ENTRIES	65535		/* per array in a scheme */
#define SHOWN		64		/* bytes of a bad value echoed */

/*
 * A dict value is an index in DICT_INDEX, and in two tables a flag bit
 * above it: a scale's table marks its not-assessed codes with NA_FLAG, a
 * group's table its deprecated aliases with DEPRECATED.  The flags are
 * distinct bits, so a table could hold both; no index reaches them, since
 * no array has more than MAX_ENTRIES entries and a point's value is its
 * class << 16 | index.
 */
#define DICT_INDEX	0xffffff	/* the index bits of a dict value */
#define NA_FLAG		(1 << 24)	/* scale dict: a not-assessed code */
#define DEPRECATED	(1 << 25)	/* group dict: a deprecated alias */
#define AMBIGUOUS	(-2)		/* dict: a label shared by two */

enum { PRIO_ID, PRIO_ALIAS, PRIO_LABEL };

/* Point classes, in sort order; the first three are dict classes too. */
enum { CLS_STATUTORY, CLS_OTHER, CLS_TERM, CLS_SCOPED, CLS_UNKNOWN };

_Static_assert((NA_FLAG & DEPRECATED) == 0, "the dict flags share a bit");
_Static_assert(((NA_FLAG | DEPRECATED) & DICT_INDEX) == 0,
    "a dict flag overlaps the index bits");
_Static_assert(MAX_ENTRIES <= 0xffff, "an index must fit in 16 bits");
_Static_assert((CLS_TERM << 16 | MAX_ENTRIES) <= DICT_INDEX,
    "a point value reaches the dict flags");

/* Returns the status of x from the function that evaluates it, if not 0. */
#define TRY(x) do {				\
	int try_rc_ = (x);			\
	if (try_rc_ != 0)			\
		return try_rc_;			\
} while (0)

/* ---- Arena (table.c) ---- */

struct block {
	struct block *next;
	size_t size;		/* in units of max_align_t */
	size_t used;
	max_align_t data[];
};

struct arena {
	struct block *head;
};

/* Returns `n` zeroed bytes that live until arena_free(), or NULL. */
void *arena_alloc(struct arena *a, size_t n);

/* A copy of z in the arena, or NULL when out of memory. */
char *arena_strdup(struct arena *a, const char *z);

/* Frees every block; the arena is then empty and may be used again. */
void arena_free(struct arena *a);

/* ---- Folding and the name tables (table.c) ---- */

struct slot {
	const char *key;	/* folded; NULL for an empty slot */
	const char *canon;	/* canonical id of the target */
	size_t len;
	uint32_t hash;
	int value;		/* >= 0, or AMBIGUOUS */
	int prio;
};

struct dict {
	struct slot *slots;
	size_t cap;		/* a power of two, or 0 */
	size_t count;
	const char **names;	/* every spelling, for suggestions */
	const char **canons;	/* the target of each */
	size_t nnames;
	size_t capnames;
};


static inline int
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	    c == '\f' || c == '\v';
}

static inline unsigned char
lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

static inline int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Narrows text..len to its trimmed part. */
static inline void
trim(const char **text, size_t *len)
{
	track_str t = str_trim((track_str){ *text, *len });

	*text = t.ptr;
	*len = t.len;
}

/* The number written by the n ASCII digits at t. */
static inline int
digits(const char *t, size_t n)
{
	int v = 0;
	size_t i;

	for (i = 0; i < n; i++)
		v = v * 10 + (t[i] - '0');
	return v;
}

/* memcmp order, a prefix first; -1, 0 or 1. */
static inline int
bytes_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
	int c = memcmp(a, b, alen < blen ? alen : blen);

	if (c != 0)
		return c < 0 ? -1 : 1;
	return alen < blen ? -1 : alen > blen;
}

/* FNV-1a over the folded bytes of text; *flen gets the folded length. */
static inline uint32_t
fold_hash(const char *text, size_t len, size_t *flen)
{
	uint32_t h = 2166136261u;
	size_t i, n = 0;

	for (i = 0; i < len; i++) {
		if (is_space((unsigned char)text[i]))
			continue;
		h ^= lower((unsigned char)text[i]);
		h *= 16777619u;
		n++;
	}
	*flen = n;
	return h;
}

/* Nonzero when text folds to exactly the folded key. */
static inline int
fold_eq(const char *text, size_t len, const char *key, size_t klen)
{
	size_t i, k = 0;

	for (i = 0; i < len; i++) {
		if (is_space((unsigned char)text[i]))
			continue;
		if (k == klen || lower((unsigned char)text[i]) !=
		    (unsigned char)key[k])
			return 0;
		k++;
	}
	return k == klen;
}

/* The slot text folds to, or NULL. */
static inline const struct slot *
dict_slot(const struct dict *d, const char *text, size_t len)
{
	size_t flen, i;
	uint32_t h;

	if (d->cap == 0)
		return NULL;
	h = fold_hash(text, len, &flen);
	if (flen == 0)
		return NULL;
	for (i = h & (d->cap - 1); d->slots[i].key != NULL;
	    i = (i + 1) & (d->cap - 1)) {
		if (d->slots[i].hash == h && d->slots[i].len == flen &&
		    fold_eq(text, len, d->slots[i].key, flen))
			return &d->slots[i];
	}
	return NULL;
}

/* The value text maps to, or -1 when it is unknown or ambiguous. */
static inline int
dict_get(const struct dict *d, const char *text, size_t len)
{
	const struct slot *sl = dict_slot(d, text, len);

	return sl != NULL && sl->value >= 0 ? sl->value : -1;
}

/* What dict_put() did. */
enum dict_status {
	DICT_OK,
	DICT_EMPTY,		/* an id or alias that folds to nothing */
	DICT_DUPLICATE,		/* an id that is another entry's id */
	DICT_TAKEN,		/* an id or alias another entry has */
	DICT_NOMEM
};

/*
 * Adds spelling `text` for `value` (whose canonical id is `canon`) with
 * priority `prio`, allocating from `a`, and keeps the spelling for
 * dict_suggest().  An id or alias may not collide with another entry's id
 * or alias: on DICT_DUPLICATE or DICT_TAKEN, *taken (OUT) gets the other
 * entry's canonical id.  A label that folds to nothing or collides with
 * an id or alias is dropped (DICT_OK), and one shared by two entries
 * matches neither.  `text` and `canon` need not outlive the call, but
 * `canon` is kept: it must live as long as the arena.
 */
enum dict_status dict_put(struct arena *a, struct dict *d, const char *text,
    int value, const char *canon, int prio, const char **taken /* OUT */);

/* The canonical id of the entry nearest to text, or NULL. */
const char *dict_suggest(const struct dict *d, const char *text,
    size_t len);

/* ---- The scheme ---- */

struct year {
	const char *id;
	const char *label;
	int age;		/* months, or -1 */
};

struct subject {
	const char *id;
	const char *label;
	int *over;		/* scale per measure, -1 none; or NULL */
};

struct band {
	const char *id;
	const char *label;
};

struct pointdef {
	const char *id;
	const char *label;
	const char *date;	/* other points only, or NULL */
	int month;		/* terms, statutory: 1-12 it falls in, or 0 */
	int *over;		/* scale per measure, -1 none; or NULL */
};

struct code {
	const char *code;
	const char *label;
	int band;		/* descriptor scales; -1 for levels */
	int legacy;
};

struct na {
	const char *code;
	const char *label;
	int not_at;
};

struct threshold {
	int band;
	double min;
	const char *text;	/* min, formatted */
};

struct track_scale {
	const char *id;
	const char *label;
	enum track_scale_kind kind;
	struct code *codes;
	size_t ncodes;
	struct na *na;
	size_t nna;
	struct dict d;		/* codes (index), na codes (index | NA_FLAG) */
	double min, max;
	int integer;
	struct threshold *th;
	size_t nth;
	int *expected;		/* level per year index, -1 none */
	size_t nexpected;	/* years in `expected` */
	int map[3];		/* band for below, at, above (level, age) */
	int tolerance;		/* months (age) */
	const char *expect;	/* descriptor and score scales, or NULL */
};

struct measure {
	const char *id;
	const char *label;
	int scale;
};

struct gvalue {
	const char *code;
	const char *label;
};

struct track_group {
	const char *column;
	const char *label;
	struct gvalue *v;
	size_t n;
	struct dict d;		/* index, | DEPRECATED for deprecated */
};

struct objective {
	const char *id;
	const char *label;
};

struct track_objectives {
	struct objective *o;
	size_t n;
	struct dict d;
};

struct custom {
	const char *id;
	const char *label;
	track_objectives **by_subject;
};

struct track_benchmark {
	const char *id;
	const char *label;
	track_figure *f;
	size_t n;
};

struct track_scheme {
	struct arena arena;
	const char *name;
	const char *description;
	struct band *bands;
	size_t nbands;
	size_t standard;
	struct dict band_d;
	struct year *years;
	size_t nyears;
	struct dict year_d;
	struct subject *subjects;
	size_t nsubjects;
	struct dict subject_d;
	struct pointdef *pts[3];	/* by CLS_STATUTORY..CLS_TERM */
	size_t npts[3];
	struct dict point_d;		/* cls << 16 | index */
	struct track_scale *scales;
	size_t nscales;
	struct dict scale_d;
	struct measure *measures;
	size_t nmeasures;
	size_t defmeasure;
	struct dict measure_d;
	int ooy[3];			/* below, above, custom; -1 own */
	track_objectives **objectives;	/* [subject * nyears + year] */
	struct custom *customs;
	size_t ncustoms;
	struct dict custom_d;
	struct track_group *groups;
	size_t ngroups;
	struct dict group_d;
	int min_group;
	const char **identifying;	/* $.privacy.identifying, or NULL */
	size_t nidentifying;
	struct track_benchmark *bench;
	size_t nbench;
	struct dict bench_d;
	struct scheme_ctf *ctf;		/* $.ctf, or NULL (load_ctf.c) */
	const char **pupil_flags;	/* $.pupil.flags, or NULL
					   (load_pupil.c) */
	size_t npupil_flags;
	int pupil_stuck;		/* $.pupil.stuck, or 0 */
};

/* ---- Points (points.c) ---- */

/* Why a spelling that looks like a point is not one (parsed_point). */
enum point_problem {
	PP_NONE,
	PP_NO_MONTH,		/* "Autumn 2025", and autumn has no month */
	PP_BAD_YEAR,		/* "Autumn 2025/27" */
	PP_SIX_TERM,		/* "Autumn 2" in a scheme without six terms */
	PP_THREE_TERM		/* "Autumn 2025" in a six-term scheme */
};

struct parsed_point {
	enum track_point_kind kind;
	int cls;		/* dict class of the base point */
	int idx;		/* index within that class */
	int year;		/* academic year start, scoped points */
	const char *text;	/* trimmed */
	size_t len;
	enum point_problem problem;	/* unknown points only */
	int near;		/* PP_NO_MONTH, PP_*_TERM: the point's dict
				   value (cls << 16 | idx) */
	size_t at;		/* PP_BAD_YEAR, PP_NO_MONTH: the year's
				   offset in text */
};

/*
 * Parses a point spelling: a listed point, "YEAR<sep>point" with <sep>
 * any run of ".", "_", ":" and spaces, or "point YEAR" with YEAR an
 * academic year or, for a point with a month, a calendar year.  p->text
 * and p->len are the trimmed text, borrowed from `text`.  An unknown
 * point that looks like a point gets the reason in p->problem.
 */
void point_parse(const track_scheme *s, const char *text, size_t len,
    struct parsed_point *p /* OUT */);

/* The definition of a parsed point, or NULL for an unknown one. */
static inline const struct pointdef *
point_def(const track_scheme *s, const struct parsed_point *p)
{
	return p->kind == TRACK_POINT_UNKNOWN ? NULL :
	    &s->pts[p->cls][p->idx];
}

/* ---- Values (values.c) ---- */

/*
 * Formats a number as scores are written, whole numbers without ".0";
 * returns its length, or -1 when it does not fit in outsz bytes.
 */
int value_format_number(double x, char *out, size_t outsz);

#endif
