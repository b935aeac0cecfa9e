/*
 * scheme.c - the school's scheme: loading, validating and looking up.
 *
 * See scheme.h for the JSON format.  Loading copies everything it keeps
 * out of the jansson tree into one arena, so the tree is freed as soon as
 * the scheme is built and scheme_free() frees a handful of blocks.  Every
 * name that user text is matched against goes into an open-addressing
 * hash table keyed by the folded spelling (ASCII lower case, white space
 * removed); lookups fold the caller's text on the fly and never allocate.
 */
#include "scheme.h"

#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "base/str.h"
#include "base/suggest.h"

/* The shipped examples/schemes/england-primary.json, embedded by make. */
extern const char track_default_scheme[];
extern const size_t track_default_scheme_len;

#define DEFAULT_NAME	"built-in scheme"
#define MAX_ENTRIES	65535		/* per array in a scheme */
#define MAX_SCHEME	(16L << 20)	/* bytes in a scheme file */
#define NA_FLAG		(1 << 24)	/* scale dict: a not-assessed code */
#define DEPRECATED	(1 << 24)	/* group dict: a deprecated alias */
#define AMBIGUOUS	(-2)		/* dict: a label shared by two */
#define SHOWN		64		/* bytes of a bad value echoed */

enum { PRIO_ID, PRIO_ALIAS, PRIO_LABEL };

/* Point classes, in sort order; the first three are dict classes too. */
enum { CLS_STATUTORY, CLS_OTHER, CLS_TERM, CLS_SCOPED, CLS_UNKNOWN };

/* ---- Arena ---- */

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
static void *
arena_alloc(struct arena *a, size_t n)
{
	const size_t unit = sizeof(max_align_t);
	size_t units = n / unit + 1, size;
	struct block *b = a->head;
	void *p;

	if (b == NULL || b->size - b->used < units) {
		size = units > 4096 ? units : 4096;
		b = calloc(1, sizeof *b + size * unit);
		if (b == NULL)
			return NULL;
		b->size = size;
		b->next = a->head;
		a->head = b;
	}
	p = b->data + b->used;
	b->used += units;
	return p;
}

static void
arena_free(struct arena *a)
{
	struct block *b, *next;

	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	a->head = NULL;
}

/* ---- Folding and the name tables ---- */

static int
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	    c == '\f' || c == '\v';
}

static unsigned char
lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Narrows text..len to its trimmed part. */
static void
trim(const char **text, size_t *len)
{
	track_str t = str_trim((track_str){ *text, *len });

	*text = t.ptr;
	*len = t.len;
}

/* FNV-1a over the folded bytes of text; *flen gets the folded length. */
static uint32_t
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
static int
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

static const struct slot *
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
static int
dict_get(const struct dict *d, const char *text, size_t len)
{
	const struct slot *sl = dict_slot(d, text, len);

	return sl != NULL && sl->value >= 0 ? sl->value : -1;
}

/* The canonical id of the entry nearest to text, or NULL. */
static const char *
dict_suggest(const struct dict *d, const char *text, size_t len)
{
	size_t i = suggest_index(text, len,
	    (const char *const *)d->names, d->nnames);

	return i < d->nnames ? d->canons[i] : NULL;
}

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
	struct dict d;		/* codes (index) and na codes (NA_FLAG) */
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
};

/* ---- Loading: helpers ---- */

struct loader {
	track_scheme *s;
	track_error *err;
	const char *file;
	json_t *na_sets;	/* $.not_assessed, or NULL */
	size_t plen;
	char path[400];		/* JSON path of what is being read */
};

#define TRY(x) do {				\
	int try_rc_ = (x);			\
	if (try_rc_ != 0)			\
		return try_rc_;			\
} while (0)

static int fail(struct loader *l, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Fails with "path: message", kind TRACK_EXIT_DATA. */
static int
fail(struct loader *l, const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return error_set(l->err, TRACK_EXIT_DATA, l->file, 0, "%s: %s",
	    l->path, msg);
}

static int
oom(struct loader *l)
{
	return error_set(l->err, TRACK_EXIT_IO, l->file, 0, "out of memory");
}

static void *
lalloc(struct loader *l, size_t n)
{
	return arena_alloc(&l->s->arena, n);
}

static const char *
lstrdup(struct loader *l, const char *z)
{
	size_t n = strlen(z);
	char *p = lalloc(l, n + 1);

	if (p != NULL)
		memcpy(p, z, n + 1);
	return p;
}

static void
path_set(struct loader *l, size_t len)
{
	if (len >= sizeof l->path)
		len = sizeof l->path - 1;
	l->plen = len;
	l->path[len] = '\0';
}

/* Appends ".key" (or ["key"] for an odd key) and returns the old length. */
static size_t
path_key(struct loader *l, const char *key)
{
	size_t old = l->plen, room = sizeof l->path - old;
	const char *p;
	int plain = key[0] != '\0', n;

	for (p = key; *p != '\0'; p++)
		if (!(is_digit(*p) || (lower((unsigned char)*p) >= 'a' &&
		    lower((unsigned char)*p) <= 'z') || *p == '-' ||
		    *p == '_'))
			plain = 0;
	if (plain)
		n = snprintf(l->path + old, room, ".%s", key);
	else
		n = snprintf(l->path + old, room, "[\"%s\"]", key);
	path_set(l, n < 0 ? old : old + (size_t)n);
	return old;
}

static size_t
path_index(struct loader *l, size_t i)
{
	size_t old = l->plen, room = sizeof l->path - old;
	int n = snprintf(l->path + old, room, "[%zu]", i);

	path_set(l, n < 0 ? old : old + (size_t)n);
	return old;
}

static void
path_pop(struct loader *l, size_t old)
{
	path_set(l, old);
}

static size_t
count_keys(const char *const *keys)
{
	size_t n = 0;

	while (keys[n] != NULL)
		n++;
	return n;
}

/*
 * Fails on the first key of `o` (in file order) that is not in the
 * NULL-terminated `allowed`, suggesting the nearest allowed key.
 */
static int
check_keys(struct loader *l, json_t *o, const char *const *allowed)
{
	const char *key;
	json_t *v;
	size_t i, n = count_keys(allowed);

	json_object_foreach(o, key, v) {
		(void)v;
		for (i = 0; i < n; i++)
			if (strcmp(key, allowed[i]) == 0)
				break;
		if (i < n)
			continue;
		i = suggest_index(key, strlen(key), allowed, n);
		if (i < n)
			return fail(l, "unknown key \"%s\" (did you mean "
			    "\"%s\"?)", key, allowed[i]);
		return fail(l, "unknown key \"%s\"", key);
	}
	return 0;
}

static int
expect_type(struct loader *l, json_t *v, int type, const char *what)
{
	int ok = type == JSON_REAL ? json_is_number(v) :
	    (int)json_typeof(v) == type;

	if (!ok)
		return fail(l, "expected %s", what);
	return 0;
}

/*
 * Finds member `key` of `o`, which must have JSON type `type` (described
 * as `what` in errors).  *out is NULL when the member is absent and not
 * `required`.
 */
static int
member(struct loader *l, json_t *o, const char *key, int type,
    const char *what, int required, json_t **out)
{
	json_t *v = json_object_get(o, key);
	size_t old;

	*out = NULL;
	if (v == NULL || (json_is_null(v) && !required)) {
		if (required)
			return fail(l, "missing key \"%s\"", key);
		return 0;
	}
	old = path_key(l, key);
	TRY(expect_type(l, v, type, what));
	if (json_is_array(v) && json_array_size(v) > MAX_ENTRIES)
		return fail(l, "too many entries (at most %d)", MAX_ENTRIES);
	path_pop(l, old);
	*out = v;
	return 0;
}

/* Copies string member `key` into the arena; *out stays put if absent. */
static int
get_str(struct loader *l, json_t *o, const char *key, int required,
    const char **out)
{
	json_t *v;

	TRY(member(l, o, key, JSON_STRING, "a string", required, &v));
	if (v == NULL)
		return 0;
	*out = lstrdup(l, json_string_value(v));
	return *out == NULL ? oom(l) : 0;
}

/* A required string that is not blank, such as an id. */
static int
get_id(struct loader *l, json_t *o, const char *key, const char **out)
{
	size_t old, flen;

	TRY(get_str(l, o, key, 1, out));
	fold_hash(*out, strlen(*out), &flen);
	if (flen == 0) {
		old = path_key(l, key);
		TRY(fail(l, "empty %s", key));
		path_pop(l, old);
	}
	return 0;
}

static int
get_num(struct loader *l, json_t *o, const char *key, int required,
    double *out)
{
	json_t *v;

	TRY(member(l, o, key, JSON_REAL, "a number", required, &v));
	if (v != NULL)
		*out = json_number_value(v);
	return 0;
}

static int
get_bool(struct loader *l, json_t *o, const char *key, int *out)
{
	json_t *v = json_object_get(o, key);
	size_t old;

	if (v == NULL)
		return 0;
	if (!json_is_boolean(v)) {
		old = path_key(l, key);
		TRY(fail(l, "expected true or false"));
		path_pop(l, old);
	}
	*out = json_is_true(v);
	return 0;
}

/* A whole number member in lo..hi; *out stays put when absent. */
static int
get_int(struct loader *l, json_t *o, const char *key, long lo, long hi,
    int *out)
{
	json_t *v = json_object_get(o, key);
	size_t old;

	if (v == NULL || json_is_null(v))
		return 0;
	old = path_key(l, key);
	if (!json_is_integer(v))
		return fail(l, "expected a whole number");
	if (json_integer_value(v) < lo || json_integer_value(v) > hi)
		return fail(l, "%lld is out of range %ld..%ld",
		    (long long)json_integer_value(v), lo, hi);
	*out = (int)json_integer_value(v);
	path_pop(l, old);
	return 0;
}

static int
dict_grow(struct loader *l, struct dict *d)
{
	size_t cap = d->cap == 0 ? 16 : d->cap * 2, i, j;
	struct slot *slots = lalloc(l, cap * sizeof *slots);

	if (slots == NULL)
		return oom(l);
	for (i = 0; i < d->cap; i++) {
		if (d->slots[i].key == NULL)
			continue;
		for (j = d->slots[i].hash & (cap - 1); slots[j].key != NULL;
		    j = (j + 1) & (cap - 1))
			;
		slots[j] = d->slots[i];
	}
	d->slots = slots;
	d->cap = cap;
	return 0;
}

static int
dict_add_name(struct loader *l, struct dict *d, const char *name,
    const char *canon)
{
	size_t cap;
	const char **names, **canons;

	if (d->nnames == d->capnames) {
		cap = d->capnames == 0 ? 8 : d->capnames * 2;
		names = lalloc(l, cap * sizeof *names);
		canons = lalloc(l, cap * sizeof *canons);
		if (names == NULL || canons == NULL)
			return oom(l);
		if (d->nnames > 0) {
			memcpy(names, d->names, d->nnames * sizeof *names);
			memcpy(canons, d->canons, d->nnames * sizeof *canons);
		}
		d->names = names;
		d->canons = canons;
		d->capnames = cap;
	}
	/* Aliases may live in the JSON tree, which is freed after loading. */
	d->names[d->nnames] = lstrdup(l, name);
	if (d->names[d->nnames] == NULL)
		return oom(l);
	d->canons[d->nnames] = canon;
	d->nnames++;
	return 0;
}

/*
 * Adds spelling `text` for `value` (whose canonical id is `canon`) with
 * priority `prio`.  Ids and aliases may not collide with another entry's
 * ids and aliases (the error names `what` the other entry is); a label
 * that collides is dropped, and so is one shared by two entries.
 */
static int
dict_put(struct loader *l, struct dict *d, const char *text, int value,
    const char *canon, int prio, const char *what)
{
	size_t flen, len = strlen(text), i, k;
	uint32_t h = fold_hash(text, len, &flen);
	struct slot *sl;
	char *key;

	if (flen == 0) {
		if (prio == PRIO_LABEL)
			return 0;
		return fail(l, "empty name");
	}
	if (prio == PRIO_ID && len > SCHEME_ID_MAX &&
	    strcmp(what, "objective") != 0)
		return fail(l, "%s \"%.*s...\" is too long (%zu bytes; the "
		    "limit is %d)", what, SHOWN, text, len, SCHEME_ID_MAX);
	TRY(dict_add_name(l, d, text, canon));
	sl = (struct slot *)dict_slot(d, text, len);
	if (sl != NULL) {
		if (sl->value == value) {
			if (prio < sl->prio)
				sl->prio = prio;
			return 0;
		}
		if (prio == PRIO_LABEL) {
			if (sl->prio == PRIO_LABEL)
				sl->value = AMBIGUOUS;
			return 0;
		}
		if (sl->prio == PRIO_LABEL) {
			sl->value = value;
			sl->canon = canon;
			sl->prio = prio;
			return 0;
		}
		if (prio == PRIO_ID && sl->prio == PRIO_ID)
			return fail(l, "duplicate %s \"%s\"", what, text);
		return fail(l, "\"%s\" is already used by %s %s", text, what,
		    sl->canon);
	}
	if ((d->count + 1) * 2 > d->cap)
		TRY(dict_grow(l, d));
	key = lalloc(l, flen + 1);
	if (key == NULL)
		return oom(l);
	for (i = 0, k = 0; i < len; i++)
		if (!is_space((unsigned char)text[i]))
			key[k++] = (char)lower((unsigned char)text[i]);
	for (i = h & (d->cap - 1); d->slots[i].key != NULL;
	    i = (i + 1) & (d->cap - 1))
		;
	d->slots[i].key = key;
	d->slots[i].canon = canon;
	d->slots[i].len = flen;
	d->slots[i].hash = h;
	d->slots[i].value = value;
	d->slots[i].prio = prio;
	d->count++;
	return 0;
}

/* Registers each string of array member `key` of `o` as an alias. */
static int
put_aliases(struct loader *l, struct dict *d, json_t *o, const char *key,
    int value, const char *canon, const char *what)
{
	json_t *arr, *v;
	size_t i, old, old2;

	TRY(member(l, o, key, JSON_ARRAY, "an array of strings", 0, &arr));
	if (arr == NULL)
		return 0;
	old = path_key(l, key);
	json_array_foreach(arr, i, v) {
		old2 = path_index(l, i);
		TRY(expect_type(l, v, JSON_STRING, "a string"));
		TRY(dict_put(l, d, json_string_value(v), value, canon,
		    PRIO_ALIAS, what));
		path_pop(l, old2);
	}
	path_pop(l, old);
	return 0;
}

/*
 * Reads an entry object at the current path: checks its keys against
 * `keys`, reads the id (member `idkey`) and label (default: the id), and
 * registers id, aliases and label in `d` for `value`.
 */
static int
parse_entry(struct loader *l, json_t *o, const char *idkey,
    const char *const *keys, struct dict *d, int value, const char *what,
    const char **id, const char **label)
{
	size_t old;

	TRY(expect_type(l, o, JSON_OBJECT, "an object"));
	TRY(check_keys(l, o, keys));
	TRY(get_id(l, o, idkey, id));
	*label = *id;
	TRY(get_str(l, o, "label", 0, label));
	old = path_key(l, idkey);
	TRY(dict_put(l, d, *id, value, *id, PRIO_ID, what));
	path_pop(l, old);
	TRY(put_aliases(l, d, o, "aliases", value, *id, what));
	return dict_put(l, d, *label, value, *id, PRIO_LABEL, what);
}

/* Formats a number as scores are written: whole numbers without ".0". */
static int
format_number(double x, char *out, size_t outsz)
{
	int n;

	if (x > -1e15 && x < 1e15 && (double)(long long)x == x)
		n = snprintf(out, outsz, "%lld", (long long)x);
	else
		n = snprintf(out, outsz, "%.15g", x);
	return n < 0 || (size_t)n >= outsz ? -1 : n;
}

/* Looks up a band by spelling, failing with a suggestion. */
static int
find_band(struct loader *l, const char *text, int *out)
{
	const char *near;

	*out = dict_get(&l->s->band_d, text, strlen(text));
	if (*out >= 0)
		return 0;
	near = dict_suggest(&l->s->band_d, text, strlen(text));
	if (near != NULL)
		return fail(l, "unknown band \"%s\" (did you mean \"%s\"?)",
		    text, near);
	return fail(l, "unknown band \"%s\"", text);
}

/* The index of the band whose id is `id` (case-insensitive), or -1. */
static int
band_by_id(const track_scheme *s, const char *id)
{
	size_t i;

	for (i = 0; i < s->nbands; i++)
		if (strcasecmp(s->bands[i].id, id) == 0)
			return (int)i;
	return -1;
}

/* Fails with "unknown WHAT "text" (did you mean "x"?)" from dict d. */
static int
fail_unknown(struct loader *l, const struct dict *d, const char *what,
    const char *text)
{
	const char *near = dict_suggest(d, text, strlen(text));

	if (near != NULL)
		return fail(l, "unknown %s \"%s\" (did you mean \"%s\"?)",
		    what, text, near);
	return fail(l, "unknown %s \"%s\"", what, text);
}

/* ---- Loading: the sections ---- */

static const char *const root_keys[] = {
	"name", "description", "bands", "years", "subjects", "points",
	"not_assessed", "scales", "measures", "out_of_year", "objectives",
	"custom_objectives", "groups", "privacy", "benchmarks", NULL
};

/*
 * Reads required array member `key` of `o` into *arr (at least one entry
 * unless `may_be_empty`), pushes its path and returns the old length in
 * *old.
 */
static int
open_array(struct loader *l, json_t *o, const char *key, int required,
    json_t **arr, size_t *old)
{
	TRY(member(l, o, key, JSON_ARRAY, "an array", required, arr));
	*old = path_key(l, key);
	if (required && json_array_size(*arr) == 0)
		return fail(l, "must not be empty");
	return 0;
}

/* Reads $.bands and finds the standard band. */
static int
load_bands(struct loader *l, json_t *root)
{
	static const char *const keys[] = {
		"id", "label", "aliases", "standard", NULL
	};
	track_scheme *s = l->s;
	json_t *arr, *o;
	size_t i, old, old2;
	int standard = -1, flag;

	TRY(open_array(l, root, "bands", 1, &arr, &old));
	s->nbands = json_array_size(arr);
	s->bands = lalloc(l, s->nbands * sizeof *s->bands);
	if (s->bands == NULL)
		return oom(l);
	json_array_foreach(arr, i, o) {
		old2 = path_index(l, i);
		TRY(parse_entry(l, o, "id", keys, &s->band_d, (int)i, "band",
		    &s->bands[i].id, &s->bands[i].label));
		flag = 0;
		TRY(get_bool(l, o, "standard", &flag));
		if (flag && standard >= 0)
			return fail(l, "only one band can be the standard "
			    "(%s already is)", s->bands[standard].id);
		if (flag)
			standard = (int)i;
		path_pop(l, old2);
	}
	if (standard < 0)
		standard = band_by_id(s, "at");
	if (standard < 0)
		return fail(l, "no band has \"standard\": true and none is "
		    "called \"at\"");
	s->standard = (size_t)standard;
	path_pop(l, old);
	return 0;
}

/* Reads $.years; "age" is stored in months. */
static int
load_years(struct loader *l, json_t *root)
{
	static const char *const keys[] = {
		"id", "label", "aliases", "age", NULL
	};
	track_scheme *s = l->s;
	json_t *arr, *o;
	size_t i, old, old2;
	int age;

	TRY(open_array(l, root, "years", 1, &arr, &old));
	s->nyears = json_array_size(arr);
	s->years = lalloc(l, s->nyears * sizeof *s->years);
	if (s->years == NULL)
		return oom(l);
	json_array_foreach(arr, i, o) {
		old2 = path_index(l, i);
		TRY(parse_entry(l, o, "id", keys, &s->year_d, (int)i, "year",
		    &s->years[i].id, &s->years[i].label));
		age = -1;
		TRY(get_int(l, o, "age", 0, 30, &age));
		s->years[i].age = age < 0 ? -1 : age * 12;
		path_pop(l, old2);
	}
	path_pop(l, old);
	return 0;
}

static const char *const subject_keys[] = {
	"id", "label", "aliases", "scales", NULL
};

/* Subjects without their scale overrides, which need the measures. */
static int
load_subjects(struct loader *l, json_t *root)
{
	track_scheme *s = l->s;
	json_t *arr, *o;
	size_t i, old, old2;

	TRY(open_array(l, root, "subjects", 1, &arr, &old));
	s->nsubjects = json_array_size(arr);
	s->subjects = lalloc(l, s->nsubjects * sizeof *s->subjects);
	if (s->subjects == NULL)
		return oom(l);
	json_array_foreach(arr, i, o) {
		old2 = path_index(l, i);
		TRY(parse_entry(l, o, "id", subject_keys, &s->subject_d,
		    (int)i, "subject", &s->subjects[i].id,
		    &s->subjects[i].label));
		path_pop(l, old2);
	}
	path_pop(l, old);
	return 0;
}

/*
 * Reads a not-assessed list (the array at the current path) into sc,
 * registering its codes in the scale's dict beside the scale's own.
 */
static int
parse_na_list(struct loader *l, struct track_scale *sc, json_t *arr)
{
	static const char *const keys[] = {
		"code", "label", "aliases", "count", NULL
	};
	json_t *o;
	size_t i, old, old2;
	const char *count = NULL;
	struct na *na;

	sc->nna = json_array_size(arr);
	if (sc->nna > MAX_ENTRIES)
		return fail(l, "too many entries (at most %d)", MAX_ENTRIES);
	sc->na = lalloc(l, sc->nna * sizeof *sc->na);
	if (sc->na == NULL)
		return oom(l);
	json_array_foreach(arr, i, o) {
		na = &sc->na[i];
		old = path_index(l, i);
		TRY(parse_entry(l, o, "code", keys, &sc->d,
		    NA_FLAG | (int)i, "code", &na->code, &na->label));
		TRY(get_str(l, o, "count", 1, &count));
		if (strcmp(count, "not-at") == 0) {
			na->not_at = 1;
		} else if (strcmp(count, "excluded") != 0) {
			old2 = path_key(l, "count");
			TRY(fail(l, "count must be \"not-at\" or \"excluded\", "
			    "not \"%s\"", count));
			path_pop(l, old2);
		}
		path_pop(l, old);
	}
	return 0;
}

/* Checks the shared not-assessed sets on their own, used or not. */
static int
load_na_sets(struct loader *l, json_t *root)
{
	struct track_scale dummy;
	const char *key;
	json_t *v;
	size_t old, old2;

	TRY(member(l, root, "not_assessed", JSON_OBJECT, "an object", 0,
	    &l->na_sets));
	if (l->na_sets == NULL)
		return 0;
	old = path_key(l, "not_assessed");
	json_object_foreach(l->na_sets, key, v) {
		old2 = path_key(l, key);
		TRY(expect_type(l, v, JSON_ARRAY, "an array"));
		memset(&dummy, 0, sizeof dummy);
		TRY(parse_na_list(l, &dummy, v));
		path_pop(l, old2);
	}
	path_pop(l, old);
	return 0;
}

/* Reads member "not_assessed" of scale o: a set name or an inline list. */
static int
load_scale_na(struct loader *l, struct track_scale *sc, json_t *o)
{
	json_t *v = json_object_get(o, "not_assessed"), *set = NULL;
	const char *name, *key, **names;
	char saved[sizeof l->path];
	size_t old, savedlen, n = 0, i;

	if (v == NULL || json_is_null(v))
		return 0;
	old = path_key(l, "not_assessed");
	if (json_is_array(v)) {
		TRY(parse_na_list(l, sc, v));
		path_pop(l, old);
		return 0;
	}
	if (!json_is_string(v))
		return fail(l, "expected the name of a not_assessed set or "
		    "an array");
	name = json_string_value(v);
	if (l->na_sets != NULL)
		set = json_object_get(l->na_sets, name);
	if (set == NULL) {
		n = l->na_sets != NULL ? json_object_size(l->na_sets) : 0;
		names = lalloc(l, (n + 1) * sizeof *names);
		if (names == NULL)
			return oom(l);
		i = 0;
		if (l->na_sets != NULL)
			json_object_foreach(l->na_sets, key, set) {
				names[i++] = key;
			}
		i = suggest_index(name, strlen(name), names, n);
		if (i < n)
			return fail(l, "unknown not_assessed set \"%s\" (did "
			    "you mean \"%s\"?)", name, names[i]);
		return fail(l, "unknown not_assessed set \"%s\"", name);
	}
	/* Errors in a shared set point at the set itself. */
	memcpy(saved, l->path, sizeof saved);
	savedlen = l->plen;
	path_set(l, 1);
	path_key(l, "not_assessed");
	path_key(l, name);
	TRY(parse_na_list(l, sc, set));
	memcpy(l->path, saved, sizeof saved);
	l->plen = savedlen;
	path_pop(l, old);
	return 0;
}

/*
 * The default band for outcome i (below, at, above) of a level or age
 * scale: the standard band for "at"; for the others the band called
 * "below" or "above", else the band next to the standard.  -1 if none.
 */
static int
default_map(const track_scheme *s, size_t i)
{
	int b;

	if (i == 1)
		return (int)s->standard;
	b = band_by_id(s, i == 0 ? "below" : "above");
	if (b >= 0)
		return b;
	if (i == 0)
		return s->standard > 0 ? (int)s->standard - 1 : -1;
	return s->standard + 1 < s->nbands ? (int)s->standard + 1 : -1;
}

/* Reads member "bands" of a level or age scale: below, at and above. */
static int
load_scale_map(struct loader *l, struct track_scale *sc, json_t *o)
{
	static const char *const keys[] = { "below", "at", "above", NULL };
	json_t *m;
	const char *name;
	size_t i, old, old2;

	TRY(member(l, o, "bands", JSON_OBJECT, "an object", 0, &m));
	old = path_key(l, "bands");
	if (m != NULL)
		TRY(check_keys(l, m, keys));
	for (i = 0; i < 3; i++) {
		name = keys[i];
		if (m != NULL)
			TRY(get_str(l, m, keys[i], 0, &name));
		old2 = path_key(l, keys[i]);
		if (m == NULL || json_object_get(m, keys[i]) == NULL) {
			sc->map[i] = default_map(l->s, i);
			if (sc->map[i] < 0)
				return fail(l, "there is no band \"%s\" and no "
				    "band %s the standard; name the band to "
				    "use", name, i == 0 ? "below" : "above");
		} else {
			TRY(find_band(l, name, &sc->map[i]));
		}
		path_pop(l, old2);
	}
	path_pop(l, old);
	return 0;
}

/*
 * Reads a descriptor scale's codes, lowest first, and picks its expected
 * code: the first non-legacy code in the standard band.
 */
static int
load_descriptor(struct loader *l, struct track_scale *sc, json_t *o)
{
	static const char *const keys[] = {
		"code", "label", "aliases", "band", "legacy", NULL
	};
	track_scheme *s = l->s;
	json_t *arr, *c;
	struct code *cd;
	const char *band;
	size_t i, old, old2, old3;

	TRY(open_array(l, o, "codes", 1, &arr, &old));
	sc->ncodes = json_array_size(arr);
	sc->codes = lalloc(l, sc->ncodes * sizeof *sc->codes);
	if (sc->codes == NULL)
		return oom(l);
	json_array_foreach(arr, i, c) {
		cd = &sc->codes[i];
		old2 = path_index(l, i);
		TRY(parse_entry(l, c, "code", keys, &sc->d, (int)i, "code",
		    &cd->code, &cd->label));
		TRY(get_str(l, c, "band", 1, &band));
		old3 = path_key(l, "band");
		TRY(find_band(l, band, &cd->band));
		if (i > 0 && cd->band < sc->codes[i - 1].band)
			return fail(l, "codes go from lowest to highest, but "
			    "%s (%s) comes after %s (%s)", cd->code,
			    s->bands[cd->band].id, sc->codes[i - 1].code,
			    s->bands[sc->codes[i - 1].band].id);
		path_pop(l, old3);
		TRY(get_bool(l, c, "legacy", &cd->legacy));
		path_pop(l, old2);
	}
	path_pop(l, old);
	for (i = 0; i < sc->ncodes && sc->expect == NULL; i++)
		if (sc->codes[i].band == (int)s->standard &&
		    !sc->codes[i].legacy)
			sc->expect = sc->codes[i].code;
	for (i = 0; i < sc->ncodes && sc->expect == NULL; i++)
		if (sc->codes[i].band == (int)s->standard)
			sc->expect = sc->codes[i].code;
	return 0;
}

/* Reads a level scale: its levels, the expected level per year, its bands. */
static int
load_level(struct loader *l, struct track_scale *sc, json_t *o)
{
	static const char *const keys[] = {
		"code", "label", "aliases", NULL
	};
	track_scheme *s = l->s;
	json_t *arr, *c, *m, *v;
	const char *key, *near, *text;
	size_t i, old, old2;
	int y, lv;

	TRY(open_array(l, o, "levels", 1, &arr, &old));
	sc->ncodes = json_array_size(arr);
	sc->codes = lalloc(l, sc->ncodes * sizeof *sc->codes);
	sc->expected = lalloc(l, s->nyears * sizeof *sc->expected);
	if (sc->codes == NULL || sc->expected == NULL)
		return oom(l);
	json_array_foreach(arr, i, c) {
		old2 = path_index(l, i);
		TRY(parse_entry(l, c, "code", keys, &sc->d, (int)i, "level",
		    &sc->codes[i].code, &sc->codes[i].label));
		sc->codes[i].band = -1;
		path_pop(l, old2);
	}
	path_pop(l, old);
	sc->nexpected = s->nyears;
	for (i = 0; i < s->nyears; i++)
		sc->expected[i] = -1;
	TRY(member(l, o, "expected", JSON_OBJECT, "an object", 0, &m));
	old = path_key(l, "expected");
	if (m != NULL) {
		json_object_foreach(m, key, v) {
			old2 = path_key(l, key);
			y = dict_get(&s->year_d, key, strlen(key));
			if (y < 0)
				return fail_unknown(l, &s->year_d, "year",
				    key);
			if (sc->expected[y] >= 0)
				return fail(l, "year %s is listed twice",
				    s->years[y].id);
			TRY(expect_type(l, v, JSON_STRING, "a level code"));
			text = json_string_value(v);
			lv = dict_get(&sc->d, text, strlen(text));
			if (lv < 0) {
				near = dict_suggest(&sc->d, text,
				    strlen(text));
				if (near != NULL)
					return fail(l, "expected level \"%s\" "
					    "is not in the level list (did you "
					    "mean \"%s\"?)", text, near);
				return fail(l, "expected level \"%s\" is not "
				    "in the level list", text);
			}
			sc->expected[y] = lv;
			path_pop(l, old2);
		}
	}
	path_pop(l, old);
	return load_scale_map(l, sc, o);
}

/*
 * Reads a score scale's "bands": increasing thresholds, the first at the
 * scale's min, each naming a band higher than the last.
 */
static int
load_thresholds(struct loader *l, struct track_scale *sc, json_t *o)
{
	static const char *const keys[] = { "band", "min", NULL };
	track_scheme *s = l->s;
	json_t *arr, *t;
	struct threshold *th;
	const char *band;
	char buf[64];
	size_t i, old, old2, old3;

	TRY(open_array(l, o, "bands", 0, &arr, &old));
	sc->nth = arr == NULL ? 0 : json_array_size(arr);
	sc->th = lalloc(l, sc->nth * sizeof *sc->th);
	if (sc->th == NULL)
		return oom(l);
	for (i = 0; i < sc->nth; i++) {
		t = json_array_get(arr, i);
		th = &sc->th[i];
		old2 = path_index(l, i);
		TRY(expect_type(l, t, JSON_OBJECT, "an object"));
		TRY(check_keys(l, t, keys));
		TRY(get_str(l, t, "band", 1, &band));
		old3 = path_key(l, "band");
		TRY(find_band(l, band, &th->band));
		if (i > 0 && th->band <= sc->th[i - 1].band)
			return fail(l, "bands go from lowest to highest, but "
			    "%s comes after %s", s->bands[th->band].id,
			    s->bands[sc->th[i - 1].band].id);
		path_pop(l, old3);
		th->min = sc->min;
		TRY(get_num(l, t, "min", i > 0, &th->min));
		old3 = path_key(l, "min");
		if (i == 0 && th->min != sc->min)
			return fail(l, "the first band must start at the "
			    "scale's min (%g, not %g)", sc->min, th->min);
		if (i > 0 && th->min <= sc->th[i - 1].min)
			return fail(l, "thresholds overlap (%g is not above "
			    "%g)", th->min, sc->th[i - 1].min);
		if (th->min > sc->max)
			return fail(l, "threshold %g is above the scale's max "
			    "%g", th->min, sc->max);
		path_pop(l, old3);
		if (format_number(th->min, buf, sizeof buf) < 0)
			return fail(l, "number too long");
		th->text = lstrdup(l, buf);
		if (th->text == NULL)
			return oom(l);
		if (th->band == (int)s->standard)
			sc->expect = th->text;
		path_pop(l, old2);
	}
	path_pop(l, old);
	return 0;
}

/* Reads a score scale: range, whole numbers or not, thresholds. */
static int
load_score(struct loader *l, struct track_scale *sc, json_t *o)
{
	size_t old;

	TRY(get_num(l, o, "min", 1, &sc->min));
	TRY(get_num(l, o, "max", 1, &sc->max));
	if (sc->max <= sc->min) {
		old = path_key(l, "max");
		TRY(fail(l, "max %g is not above min %g", sc->max, sc->min));
		path_pop(l, old);
	}
	sc->integer = 1;
	TRY(get_bool(l, o, "integer", &sc->integer));
	return load_thresholds(l, sc, o);
}

/*
 * Reads one scale object: its kind decides which keys are allowed; the
 * not-assessed codes come last so they may not shadow the scale's codes.
 */
static int
load_scale(struct loader *l, struct track_scale *sc, json_t *o)
{
	static const char *const kinds[] = {
		"descriptor", "level", "score", "age", NULL
	};
	static const char *const descriptor_keys[] = {
		"kind", "label", "not_assessed", "codes", NULL
	};
	static const char *const level_keys[] = {
		"kind", "label", "not_assessed", "levels", "expected",
		"bands", NULL
	};
	static const char *const score_keys[] = {
		"kind", "label", "not_assessed", "min", "max", "integer",
		"bands", NULL
	};
	static const char *const age_keys[] = {
		"kind", "label", "not_assessed", "tolerance", "bands", NULL
	};
	static const char *const *const keysets[] = {
		descriptor_keys, level_keys, score_keys, age_keys
	};
	const char *kind;
	size_t k, old;

	TRY(expect_type(l, o, JSON_OBJECT, "an object"));
	TRY(get_str(l, o, "kind", 1, &kind));
	for (k = 0; kinds[k] != NULL; k++)
		if (strcmp(kind, kinds[k]) == 0)
			break;
	if (kinds[k] == NULL) {
		old = path_key(l, "kind");
		k = suggest_index(kind, strlen(kind), kinds, 4);
		if (k < 4)
			return fail(l, "unknown kind \"%s\" (did you mean "
			    "\"%s\"?)", kind, kinds[k]);
		TRY(fail(l, "unknown kind \"%s\" (use descriptor, level, "
		    "score or age)", kind));
		path_pop(l, old);
	}
	sc->kind = (enum track_scale_kind)k;
	TRY(check_keys(l, o, keysets[k]));
	sc->label = sc->id;
	TRY(get_str(l, o, "label", 0, &sc->label));
	sc->map[0] = sc->map[1] = sc->map[2] = -1;
	switch (sc->kind) {
	case TRACK_SCALE_DESCRIPTOR:
		TRY(load_descriptor(l, sc, o));
		break;
	case TRACK_SCALE_LEVEL:
		TRY(load_level(l, sc, o));
		break;
	case TRACK_SCALE_SCORE:
		TRY(load_score(l, sc, o));
		break;
	case TRACK_SCALE_AGE:
		sc->tolerance = 6;
		TRY(get_int(l, o, "tolerance", 0, 120, &sc->tolerance));
		TRY(load_scale_map(l, sc, o));
		break;
	}
	return load_scale_na(l, sc, o);
}

/* Reads $.scales, an object keyed by scale id. */
static int
load_scales(struct loader *l, json_t *root)
{
	track_scheme *s = l->s;
	json_t *obj, *v;
	const char *key;
	size_t i = 0, old, old2;

	TRY(member(l, root, "scales", JSON_OBJECT, "an object", 1, &obj));
	old = path_key(l, "scales");
	s->nscales = json_object_size(obj);
	if (s->nscales == 0)
		return fail(l, "must not be empty");
	s->scales = lalloc(l, s->nscales * sizeof *s->scales);
	if (s->scales == NULL)
		return oom(l);
	json_object_foreach(obj, key, v) {
		old2 = path_key(l, key);
		s->scales[i].id = lstrdup(l, key);
		if (s->scales[i].id == NULL)
			return oom(l);
		TRY(dict_put(l, &s->scale_d, s->scales[i].id, (int)i,
		    s->scales[i].id, PRIO_ID, "scale"));
		TRY(load_scale(l, &s->scales[i], v));
		path_pop(l, old2);
		i++;
	}
	path_pop(l, old);
	return 0;
}

/* Looks up scale `text` for the current path, failing with a suggestion. */
static int
find_scale(struct loader *l, const char *text, int *out)
{
	*out = dict_get(&l->s->scale_d, text, strlen(text));
	if (*out < 0)
		return fail_unknown(l, &l->s->scale_d, "scale", text);
	return 0;
}

/* Reads $.measures; the measure "ta" (else the first) is the default. */
static int
load_measures(struct loader *l, json_t *root)
{
	static const char *const keys[] = {
		"id", "label", "aliases", "scale", NULL
	};
	track_scheme *s = l->s;
	json_t *arr, *o;
	const char *scale;
	size_t i, old, old2, old3;

	TRY(open_array(l, root, "measures", 1, &arr, &old));
	s->nmeasures = json_array_size(arr);
	s->measures = lalloc(l, s->nmeasures * sizeof *s->measures);
	if (s->measures == NULL)
		return oom(l);
	json_array_foreach(arr, i, o) {
		old2 = path_index(l, i);
		TRY(parse_entry(l, o, "id", keys, &s->measure_d, (int)i,
		    "measure", &s->measures[i].id, &s->measures[i].label));
		TRY(get_str(l, o, "scale", 1, &scale));
		old3 = path_key(l, "scale");
		TRY(find_scale(l, scale, &s->measures[i].scale));
		path_pop(l, old3);
		path_pop(l, old2);
	}
	path_pop(l, old);
	for (i = 0; i < s->nmeasures; i++)
		if (strcasecmp(s->measures[i].id, "ta") == 0)
			s->defmeasure = i;
	return 0;
}

/* Reads member "scales" of o, {measure: scale}, into *out (or NULL). */
static int
load_overrides(struct loader *l, json_t *o, int **out)
{
	track_scheme *s = l->s;
	json_t *m, *v;
	const char *key;
	size_t i, old, old2;
	int mi, si, *over;

	*out = NULL;
	TRY(member(l, o, "scales", JSON_OBJECT, "an object", 0, &m));
	if (m == NULL)
		return 0;
	over = lalloc(l, s->nmeasures * sizeof *over);
	if (over == NULL)
		return oom(l);
	for (i = 0; i < s->nmeasures; i++)
		over[i] = -1;
	old = path_key(l, "scales");
	json_object_foreach(m, key, v) {
		old2 = path_key(l, key);
		mi = dict_get(&s->measure_d, key, strlen(key));
		if (mi < 0)
			return fail_unknown(l, &s->measure_d, "measure", key);
		if (over[mi] >= 0)
			return fail(l, "measure %s is listed twice",
			    s->measures[mi].id);
		TRY(expect_type(l, v, JSON_STRING, "a scale id"));
		TRY(find_scale(l, json_string_value(v), &si));
		over[mi] = si;
		path_pop(l, old2);
	}
	path_pop(l, old);
	*out = over;
	return 0;
}

/* Reads each subject's "scales" once the measures and scales exist. */
static int
load_subject_overrides(struct loader *l, json_t *root)
{
	json_t *arr = json_object_get(root, "subjects");
	size_t i, old, old2;

	old = path_key(l, "subjects");
	for (i = 0; i < l->s->nsubjects; i++) {
		old2 = path_index(l, i);
		TRY(load_overrides(l, json_array_get(arr, i),
		    &l->s->subjects[i].over));
		path_pop(l, old2);
	}
	path_pop(l, old);
	return 0;
}

/* Nonzero when text is a YYYY-MM-DD date with a plausible month and day. */
static int
is_date(const char *t)
{
	int i, month, day;

	if (strlen(t) != 10 || t[4] != '-' || t[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !is_digit(t[i]))
			return 0;
	month = (t[5] - '0') * 10 + (t[6] - '0');
	day = (t[8] - '0') * 10 + (t[9] - '0');
	return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/*
 * Reads $.points: terms, statutory and other points share one table, the
 * class in the high bits of each value.
 */
static int
load_points(struct loader *l, json_t *root)
{
	static const char *const keys[] = {
		"terms", "statutory", "other", NULL
	};
	static const char *const point_keys[] = {
		"id", "label", "aliases", "scales", NULL
	};
	static const char *const other_keys[] = {
		"id", "label", "aliases", "scales", "date", NULL
	};
	static const int cls_of[] = { CLS_TERM, CLS_STATUTORY, CLS_OTHER };
	track_scheme *s = l->s;
	json_t *pts, *arr, *o;
	struct pointdef *p;
	size_t k, i, old, old2, old3, old4;
	int cls;

	TRY(member(l, root, "points", JSON_OBJECT, "an object", 0, &pts));
	if (pts == NULL)
		return 0;
	old = path_key(l, "points");
	TRY(check_keys(l, pts, keys));
	for (k = 0; k < 3; k++) {
		cls = cls_of[k];
		TRY(open_array(l, pts, keys[k], 0, &arr, &old2));
		s->npts[cls] = arr == NULL ? 0 : json_array_size(arr);
		s->pts[cls] = lalloc(l, s->npts[cls] * sizeof *p);
		if (s->pts[cls] == NULL)
			return oom(l);
		for (i = 0; i < s->npts[cls]; i++) {
			o = json_array_get(arr, i);
			p = &s->pts[cls][i];
			old3 = path_index(l, i);
			TRY(parse_entry(l, o, "id", cls == CLS_OTHER ?
			    other_keys : point_keys, &s->point_d,
			    cls << 16 | (int)i, "point", &p->id, &p->label));
			old4 = path_key(l, "id");
			if (strchr(p->id, '.') != NULL)
				return fail(l, "a point id cannot contain "
				    "\".\"");
			if (scheme_academic_year(p->id, strlen(p->id)) >= 0)
				return fail(l, "a point id cannot be an "
				    "academic year");
			path_pop(l, old4);
			TRY(get_str(l, o, "date", 0, &p->date));
			if (p->date != NULL && !is_date(p->date)) {
				old4 = path_key(l, "date");
				TRY(fail(l, "expected a date as YYYY-MM-DD"));
				path_pop(l, old4);
			}
			TRY(load_overrides(l, o, &p->over));
			path_pop(l, old3);
		}
		path_pop(l, old2);
	}
	path_pop(l, old);
	return 0;
}

/* Reads $.out_of_year; null keeps the value's own band. */
static int
load_out_of_year(struct loader *l, json_t *root)
{
	static const char *const keys[] = {
		"below", "above", "custom", NULL
	};
	track_scheme *s = l->s;
	json_t *o, *v;
	size_t i, old, old2;

	s->ooy[0] = band_by_id(s, "below");
	s->ooy[1] = band_by_id(s, "above");
	s->ooy[2] = s->ooy[0];
	TRY(member(l, root, "out_of_year", JSON_OBJECT, "an object", 0, &o));
	if (o == NULL)
		return 0;
	old = path_key(l, "out_of_year");
	TRY(check_keys(l, o, keys));
	for (i = 0; i < 3; i++) {
		v = json_object_get(o, keys[i]);
		if (v == NULL)
			continue;
		old2 = path_key(l, keys[i]);
		if (json_is_null(v)) {
			s->ooy[i] = -1;
		} else {
			TRY(expect_type(l, v, JSON_STRING, "a band or null"));
			TRY(find_band(l, json_string_value(v), &s->ooy[i]));
		}
		path_pop(l, old2);
	}
	path_pop(l, old);
	return 0;
}

/* Reads a list of objectives (the array value v at the current path). */
static int
parse_objectives(struct loader *l, json_t *v, track_objectives **out)
{
	static const char *const keys[] = { "id", "label", NULL };
	track_objectives *list;
	json_t *o;
	size_t i, old;

	TRY(expect_type(l, v, JSON_ARRAY, "an array"));
	if (json_array_size(v) > MAX_ENTRIES)
		return fail(l, "too many entries (at most %d)", MAX_ENTRIES);
	list = lalloc(l, sizeof *list);
	if (list == NULL)
		return oom(l);
	list->n = json_array_size(v);
	list->o = lalloc(l, list->n * sizeof *list->o);
	if (list->o == NULL)
		return oom(l);
	json_array_foreach(v, i, o) {
		old = path_index(l, i);
		TRY(parse_entry(l, o, "id", keys, &list->d, (int)i,
		    "objective", &list->o[i].id, &list->o[i].label));
		path_pop(l, old);
	}
	*out = list;
	return 0;
}

/* Looks up subject `text` for the current path, failing with a suggestion. */
static int
find_subject(struct loader *l, const char *text, int *out)
{
	*out = dict_get(&l->s->subject_d, text, strlen(text));
	if (*out < 0)
		return fail_unknown(l, &l->s->subject_d, "subject", text);
	return 0;
}

/* Reads $.objectives into the subject-by-year table of lists. */
static int
load_objectives(struct loader *l, json_t *root)
{
	track_scheme *s = l->s;
	json_t *obj, *byyear, *v;
	const char *skey, *ykey;
	size_t old, old2, old3;
	int si, yi;
	track_objectives **slot;

	s->objectives = lalloc(l, s->nsubjects * s->nyears *
	    sizeof *s->objectives);
	if (s->objectives == NULL)
		return oom(l);
	TRY(member(l, root, "objectives", JSON_OBJECT, "an object", 0, &obj));
	if (obj == NULL)
		return 0;
	old = path_key(l, "objectives");
	json_object_foreach(obj, skey, byyear) {
		old2 = path_key(l, skey);
		TRY(find_subject(l, skey, &si));
		TRY(expect_type(l, byyear, JSON_OBJECT, "an object of "
		    "years"));
		json_object_foreach(byyear, ykey, v) {
			old3 = path_key(l, ykey);
			yi = dict_get(&s->year_d, ykey, strlen(ykey));
			if (yi < 0)
				return fail_unknown(l, &s->year_d, "year",
				    ykey);
			slot = &s->objectives[(size_t)si * s->nyears +
			    (size_t)yi];
			if (*slot != NULL)
				return fail(l, "%s year %s is listed twice",
				    s->subjects[si].id, s->years[yi].id);
			TRY(parse_objectives(l, v, slot));
			path_pop(l, old3);
		}
		path_pop(l, old2);
	}
	path_pop(l, old);
	return 0;
}

/*
 * Reads $.custom_objectives.  A list's id may not be a year spelling,
 * since `against` holds either.
 */
static int
load_customs(struct loader *l, json_t *root)
{
	static const char *const keys[] = { "label", "objectives", NULL };
	track_scheme *s = l->s;
	json_t *obj, *o, *m, *v;
	const char *key, *skey;
	struct custom *c;
	size_t i = 0, old, old2, old3, old4;
	int si, yi;

	TRY(member(l, root, "custom_objectives", JSON_OBJECT, "an object", 0,
	    &obj));
	if (obj == NULL)
		return 0;
	old = path_key(l, "custom_objectives");
	s->ncustoms = json_object_size(obj);
	s->customs = lalloc(l, s->ncustoms * sizeof *s->customs);
	if (s->customs == NULL)
		return oom(l);
	json_object_foreach(obj, key, o) {
		c = &s->customs[i];
		old2 = path_key(l, key);
		c->id = lstrdup(l, key);
		c->by_subject = lalloc(l, s->nsubjects * sizeof *c->by_subject);
		if (c->id == NULL || c->by_subject == NULL)
			return oom(l);
		yi = dict_get(&s->year_d, key, strlen(key));
		if (yi >= 0)
			return fail(l, "custom list \"%s\" has the same name "
			    "as year %s", key, s->years[yi].id);
		TRY(dict_put(l, &s->custom_d, c->id, (int)i, c->id, PRIO_ID,
		    "custom list"));
		TRY(expect_type(l, o, JSON_OBJECT, "an object"));
		TRY(check_keys(l, o, keys));
		c->label = c->id;
		TRY(get_str(l, o, "label", 0, &c->label));
		TRY(dict_put(l, &s->custom_d, c->label, (int)i, c->id,
		    PRIO_LABEL, "custom list"));
		TRY(member(l, o, "objectives", JSON_OBJECT, "an object", 1,
		    &m));
		old3 = path_key(l, "objectives");
		json_object_foreach(m, skey, v) {
			old4 = path_key(l, skey);
			TRY(find_subject(l, skey, &si));
			if (c->by_subject[si] != NULL)
				return fail(l, "subject %s is listed twice",
				    s->subjects[si].id);
			TRY(parse_objectives(l, v, &c->by_subject[si]));
			path_pop(l, old4);
		}
		path_pop(l, old3);
		path_pop(l, old2);
		i++;
	}
	path_pop(l, old);
	return 0;
}

/* Reads $.groups; deprecated aliases carry the DEPRECATED flag. */
static int
load_groups(struct loader *l, json_t *root)
{
	static const char *const keys[] = { "label", "values", NULL };
	static const char *const value_keys[] = {
		"code", "label", "aliases", "deprecated", NULL
	};
	track_scheme *s = l->s;
	json_t *obj, *o, *arr, *v;
	const char *key;
	struct track_group *g;
	size_t i = 0, j, old, old2, old3, old4;

	TRY(member(l, root, "groups", JSON_OBJECT, "an object", 0, &obj));
	if (obj == NULL)
		return 0;
	old = path_key(l, "groups");
	s->ngroups = json_object_size(obj);
	s->groups = lalloc(l, s->ngroups * sizeof *s->groups);
	if (s->groups == NULL)
		return oom(l);
	json_object_foreach(obj, key, o) {
		g = &s->groups[i];
		old2 = path_key(l, key);
		g->column = lstrdup(l, key);
		if (g->column == NULL)
			return oom(l);
		TRY(dict_put(l, &s->group_d, g->column, (int)i, g->column,
		    PRIO_ID, "group"));
		TRY(expect_type(l, o, JSON_OBJECT, "an object"));
		TRY(check_keys(l, o, keys));
		g->label = g->column;
		TRY(get_str(l, o, "label", 0, &g->label));
		TRY(open_array(l, o, "values", 1, &arr, &old3));
		g->n = json_array_size(arr);
		g->v = lalloc(l, g->n * sizeof *g->v);
		if (g->v == NULL)
			return oom(l);
		json_array_foreach(arr, j, v) {
			old4 = path_index(l, j);
			TRY(parse_entry(l, v, "code", value_keys, &g->d,
			    (int)j, "value", &g->v[j].code, &g->v[j].label));
			TRY(put_aliases(l, &g->d, v, "deprecated",
			    (int)j | DEPRECATED, g->v[j].code, "value"));
			path_pop(l, old4);
		}
		path_pop(l, old3);
		path_pop(l, old2);
		i++;
	}
	path_pop(l, old);
	return 0;
}

/* Reads $.privacy. */
static int
load_privacy(struct loader *l, json_t *root)
{
	static const char *const keys[] = {
		"min_group", "identifying", NULL
	};
	track_scheme *s = l->s;
	json_t *o, *arr, *v;
	size_t old, old2, old3, i, j;
	const char *name;

	TRY(member(l, root, "privacy", JSON_OBJECT, "an object", 0, &o));
	if (o == NULL)
		return 0;
	old = path_key(l, "privacy");
	TRY(check_keys(l, o, keys));
	TRY(get_int(l, o, "min_group", 0, 1000000, &s->min_group));
	/* The columns that identify a pupil (an empty list is allowed). */
	TRY(open_array(l, o, "identifying", 0, &arr, &old2));
	if (arr != NULL) {
		s->nidentifying = json_array_size(arr);
		s->identifying = lalloc(l, (s->nidentifying + 1) *
		    sizeof *s->identifying);
		if (s->identifying == NULL)
			return oom(l);
		json_array_foreach(arr, i, v) {
			old3 = path_index(l, i);
			TRY(expect_type(l, v, JSON_STRING, "a string"));
			name = json_string_value(v);
			for (j = 0; name[j] != '\0' && !isalnum((unsigned char)
			    name[j]) && (unsigned char)name[j] < 0x80; j++)
				;
			if (name[j] == '\0')
				TRY(fail(l, "a column name needs a letter or "
				    "a digit"));
			s->identifying[i] = lstrdup(l, name);
			if (s->identifying[i] == NULL)
				return oom(l);
			path_pop(l, old3);
		}
		s->identifying[s->nidentifying] = NULL;
	}
	path_pop(l, old2);
	path_pop(l, old);
	return 0;
}

/* Reads one benchmark figure, canonicalising its references. */
static int
load_figure(struct loader *l, json_t *o, track_figure *f)
{
	static const char *const keys[] = {
		"subject", "measure", "point", "band", "pct", NULL
	};
	track_scheme *s = l->s;
	const char *text = NULL;
	char buf[SCHEME_POINT_MAX];
	size_t old;
	int i;

	TRY(expect_type(l, o, JSON_OBJECT, "an object"));
	TRY(check_keys(l, o, keys));
	TRY(get_id(l, o, "subject", &f->subject));
	i = dict_get(&s->subject_d, f->subject, strlen(f->subject));
	if (i >= 0)
		f->subject = s->subjects[i].id;
	f->measure = s->measures[s->defmeasure].id;
	TRY(get_str(l, o, "measure", 0, &text));
	old = path_key(l, "measure");
	if (text != NULL) {
		i = dict_get(&s->measure_d, text, strlen(text));
		if (i < 0)
			return fail_unknown(l, &s->measure_d, "measure",
			    text);
		f->measure = s->measures[i].id;
	}
	path_pop(l, old);
	TRY(get_str(l, o, "point", 0, &f->point));
	old = path_key(l, "point");
	if (f->point != NULL) {
		if (scheme_point_normalise(s, f->point, strlen(f->point),
		    buf, sizeof buf) <= 0)
			return fail_unknown(l, &s->point_d, "point",
			    f->point);
		f->point = lstrdup(l, buf);
		if (f->point == NULL)
			return oom(l);
	}
	path_pop(l, old);
	f->band = "at_or_above";
	text = NULL;
	TRY(get_str(l, o, "band", 0, &text));
	old = path_key(l, "band");
	if (text != NULL && strcmp(text, "at_or_above") != 0) {
		TRY(find_band(l, text, &i));
		f->band = s->bands[i].id;
	}
	path_pop(l, old);
	TRY(get_num(l, o, "pct", 1, &f->pct));
	if (f->pct < 0 || f->pct > 100) {
		old = path_key(l, "pct");
		TRY(fail(l, "%g is not a percentage (0..100)", f->pct));
		path_pop(l, old);
	}
	return 0;
}

/* Reads $.benchmarks, an object keyed by benchmark id. */
static int
load_benchmarks(struct loader *l, json_t *root)
{
	static const char *const keys[] = { "label", "figures", NULL };
	track_scheme *s = l->s;
	json_t *obj, *o, *arr, *f;
	const char *key;
	struct track_benchmark *b;
	size_t i = 0, j, old, old2, old3, old4;

	TRY(member(l, root, "benchmarks", JSON_OBJECT, "an object", 0, &obj));
	if (obj == NULL)
		return 0;
	old = path_key(l, "benchmarks");
	s->nbench = json_object_size(obj);
	s->bench = lalloc(l, s->nbench * sizeof *s->bench);
	if (s->bench == NULL)
		return oom(l);
	json_object_foreach(obj, key, o) {
		b = &s->bench[i];
		old2 = path_key(l, key);
		b->id = lstrdup(l, key);
		if (b->id == NULL)
			return oom(l);
		TRY(dict_put(l, &s->bench_d, b->id, (int)i, b->id, PRIO_ID,
		    "benchmark"));
		TRY(expect_type(l, o, JSON_OBJECT, "an object"));
		TRY(check_keys(l, o, keys));
		b->label = b->id;
		TRY(get_str(l, o, "label", 0, &b->label));
		TRY(open_array(l, o, "figures", 1, &arr, &old3));
		b->n = json_array_size(arr);
		b->f = lalloc(l, b->n * sizeof *b->f);
		if (b->f == NULL)
			return oom(l);
		json_array_foreach(arr, j, f) {
			old4 = path_index(l, j);
			TRY(load_figure(l, f, &b->f[j]));
			path_pop(l, old4);
		}
		path_pop(l, old3);
		path_pop(l, old2);
		i++;
	}
	path_pop(l, old);
	return 0;
}

/* Builds l->s from the parsed document, section by section. */
static int
load(struct loader *l, json_t *root)
{
	track_scheme *s = l->s;

	path_set(l, 0);
	l->path[0] = '$';
	path_set(l, 1);
	if (!json_is_object(root))
		return fail(l, "expected an object");
	TRY(check_keys(l, root, root_keys));
	TRY(get_id(l, root, "name", &s->name));
	TRY(get_str(l, root, "description", 0, &s->description));
	TRY(load_bands(l, root));
	TRY(load_years(l, root));
	TRY(load_subjects(l, root));
	TRY(load_na_sets(l, root));
	TRY(load_scales(l, root));
	TRY(load_measures(l, root));
	TRY(load_subject_overrides(l, root));
	TRY(load_points(l, root));
	TRY(load_out_of_year(l, root));
	TRY(load_objectives(l, root));
	TRY(load_customs(l, root));
	TRY(load_groups(l, root));
	TRY(load_privacy(l, root));
	return load_benchmarks(l, root);
}

int
scheme_load_buffer(track_scheme **out, const char *buf, size_t len,
    const char *name, track_error *err)
{
	struct loader l;
	json_error_t jerr;
	json_t *root;
	track_scheme *s = NULL;
	int rc;

	*out = NULL;
	root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr);
	if (root == NULL)
		return error_set(err, TRACK_EXIT_DATA, name,
		    jerr.line > 0 ? jerr.line : 0,
		    "not a scheme: invalid JSON: %s (column %d); a scheme "
		    "is a JSON file like examples/schemes/england-primary.json",
		    jerr.text, jerr.column > 0 ? jerr.column : 0);
	s = calloc(1, sizeof *s);
	if (s == NULL) {
		rc = error_set(err, TRACK_EXIT_IO, name, 0, "out of memory");
		goto out;
	}
	memset(&l, 0, sizeof l);
	l.s = s;
	l.err = err;
	l.file = name;
	rc = load(&l, root);
out:
	json_decref(root);
	if (rc != 0)
		scheme_free(s);
	else
		*out = s;
	return rc;
}

int
scheme_load_file(track_scheme **out, const char *path, track_error *err)
{
	FILE *fp;
	char *buf = NULL, *grown;
	size_t len = 0, cap = 0, n;
	int rc;

	*out = NULL;
	fp = fopen(path, "rb");
	if (fp == NULL)
		return error_set(err, TRACK_EXIT_IO, path, 0,
		    "cannot open scheme: %s", strerror(errno));
	for (;;) {
		if (len == cap) {
			cap = cap == 0 ? 65536 : cap * 2;
			grown = cap > (size_t)MAX_SCHEME ? NULL :
			    realloc(buf, cap);
			if (grown == NULL) {
				rc = error_set(err, cap > (size_t)MAX_SCHEME ?
				    TRACK_EXIT_DATA : TRACK_EXIT_IO, path, 0,
				    cap > (size_t)MAX_SCHEME ?
				    "scheme is too large" : "out of memory");
				goto out;
			}
			buf = grown;
		}
		n = fread(buf + len, 1, cap - len, fp);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(fp)) {
		rc = error_set(err, TRACK_EXIT_IO, path, 0,
		    "cannot read scheme: %s", strerror(errno));
		goto out;
	}
	rc = scheme_load_buffer(out, buf, len, path, err);
out:
	free(buf);
	fclose(fp);
	return rc;
}

int
scheme_load_default(track_scheme **out, track_error *err)
{
	return scheme_load_buffer(out, track_default_scheme,
	    track_default_scheme_len, DEFAULT_NAME, err);
}

int
scheme_load(track_scheme **out, const char *path_or_null, track_error *err)
{
	const char *env;

	if (path_or_null != NULL)
		return scheme_load_file(out, path_or_null, err);
	env = getenv("TRACK_SCHEME");
	if (env != NULL && env[0] != '\0')
		return scheme_load_file(out, env, err);
	return scheme_load_default(out, err);
}

void
scheme_free(track_scheme *s)
{
	if (s == NULL)
		return;
	arena_free(&s->arena);
	free(s);
}

/* ---- Scheme, years, subjects, measures, bands ---- */

const char *
scheme_name(const track_scheme *s)
{
	return s->name;
}

const char *
scheme_description(const track_scheme *s)
{
	return s->description;
}

int
scheme_year_index(const track_scheme *s, const char *text, size_t len)
{
	return dict_get(&s->year_d, text, len);
}

const char *
scheme_year_id(const track_scheme *s, const char *text, size_t len)
{
	int i = dict_get(&s->year_d, text, len);

	return i < 0 ? NULL : s->years[i].id;
}

size_t
scheme_year_count(const track_scheme *s)
{
	return s->nyears;
}

const char *
scheme_year_id_at(const track_scheme *s, size_t i)
{
	return i < s->nyears ? s->years[i].id : NULL;
}

const char *
scheme_year_label(const track_scheme *s, size_t i)
{
	return i < s->nyears ? s->years[i].label : NULL;
}

int
scheme_year_age(const track_scheme *s, size_t i)
{
	return i < s->nyears ? s->years[i].age : -1;
}

static int
bytes_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
	int c = memcmp(a, b, alen < blen ? alen : blen);

	if (c != 0)
		return c < 0 ? -1 : 1;
	return alen < blen ? -1 : alen > blen;
}

int
scheme_year_cmp(const track_scheme *s, const char *a, size_t alen,
    const char *b, size_t blen)
{
	int ia = dict_get(&s->year_d, a, alen);
	int ib = dict_get(&s->year_d, b, blen);

	if (ia >= 0 && ib >= 0)
		return ia < ib ? -1 : ia > ib;
	if (ia >= 0 || ib >= 0)
		return ia >= 0 ? -1 : 1;
	trim(&a, &alen);
	trim(&b, &blen);
	return bytes_cmp(a, alen, b, blen);
}

int
scheme_subject_index(const track_scheme *s, const char *text, size_t len)
{
	return dict_get(&s->subject_d, text, len);
}

const char *
scheme_subject_id(const track_scheme *s, const char *text, size_t len)
{
	int i = dict_get(&s->subject_d, text, len);

	return i < 0 ? NULL : s->subjects[i].id;
}

size_t
scheme_subject_count(const track_scheme *s)
{
	return s->nsubjects;
}

const char *
scheme_subject_id_at(const track_scheme *s, size_t i)
{
	return i < s->nsubjects ? s->subjects[i].id : NULL;
}

const char *
scheme_subject_label(const track_scheme *s, size_t i)
{
	return i < s->nsubjects ? s->subjects[i].label : NULL;
}

int
scheme_measure_index(const track_scheme *s, const char *text, size_t len)
{
	trim(&text, &len);
	if (len == 0)
		return (int)s->defmeasure;
	return dict_get(&s->measure_d, text, len);
}

const char *
scheme_measure_id(const track_scheme *s, const char *text, size_t len)
{
	int i = scheme_measure_index(s, text, len);

	return i < 0 ? NULL : s->measures[i].id;
}

size_t
scheme_measure_count(const track_scheme *s)
{
	return s->nmeasures;
}

const char *
scheme_measure_id_at(const track_scheme *s, size_t i)
{
	return i < s->nmeasures ? s->measures[i].id : NULL;
}

const char *
scheme_measure_label(const track_scheme *s, size_t i)
{
	return i < s->nmeasures ? s->measures[i].label : NULL;
}

const char *
scheme_measure_default(const track_scheme *s)
{
	return s->measures[s->defmeasure].id;
}

const track_scale *
scheme_measure_scale(const track_scheme *s, size_t i)
{
	return i < s->nmeasures ? &s->scales[s->measures[i].scale] : NULL;
}

size_t
scheme_band_count(const track_scheme *s)
{
	return s->nbands;
}

const char *
scheme_band_id(const track_scheme *s, size_t i)
{
	return i < s->nbands ? s->bands[i].id : NULL;
}

const char *
scheme_band_label(const track_scheme *s, size_t i)
{
	return i < s->nbands ? s->bands[i].label : NULL;
}

int
scheme_band_index(const track_scheme *s, const char *text, size_t len)
{
	return dict_get(&s->band_d, text, len);
}

size_t
scheme_band_standard(const track_scheme *s)
{
	return s->standard;
}

/* ---- Points ---- */

struct parsed_point {
	enum track_point_kind kind;
	int cls;		/* dict class of the base point */
	int idx;		/* index within that class */
	int year;		/* academic year start, scoped points */
	const char *text;	/* trimmed */
	size_t len;
};

static int
digits(const char *t, size_t n)
{
	int v = 0;
	size_t i;

	for (i = 0; i < n; i++)
		v = v * 10 + (t[i] - '0');
	return v;
}

/*
 * Parses an academic year at the start of t: 2025-26, 2025/26, 2025-2026
 * or 2025/2026.  Returns the bytes it takes (and the first calendar year
 * in *year), or 0 when t does not start with one.
 */
static size_t
acyear_prefix(const char *t, size_t n, int *year)
{
	size_t i, d;
	int y, y2;

	if (n < 7)
		return 0;
	for (i = 0; i < 4; i++)
		if (!is_digit(t[i]))
			return 0;
	if (t[4] != '-' && t[4] != '/')
		return 0;
	for (d = 0; 5 + d < n && is_digit(t[5 + d]); d++)
		;
	y = digits(t, 4);
	y2 = digits(t + 5, d == 2 || d == 4 ? d : 0);
	if (!((d == 2 && y2 == (y + 1) % 100) || (d == 4 && y2 == y + 1)))
		return 0;
	*year = y;
	return 5 + d;
}

int
scheme_academic_year(const char *text, size_t len)
{
	int y;

	trim(&text, &len);
	if (acyear_prefix(text, len, &y) != len || len == 0)
		return -1;
	return y;
}

/* Fills p when v (a point dict value) may be scoped to a year. */
static int
scope(struct parsed_point *p, int v, int year)
{
	if (v < 0 || (v >> 16 != CLS_TERM && v >> 16 != CLS_STATUTORY))
		return 0;
	p->cls = v >> 16;
	p->idx = v & 0xffff;
	p->year = year;
	p->kind = p->cls == CLS_TERM ? TRACK_POINT_SCOPED_TERM :
	    TRACK_POINT_SCOPED_STATUTORY;
	return 1;
}

/*
 * Parses a point spelling: a listed point, "YEAR<sep>point" with <sep>
 * any run of ".", "_", ":" and spaces, or "point YEAR".
 */
static void
point_parse(const track_scheme *s, const char *text, size_t len,
    struct parsed_point *p)
{
	size_t n, k, i;
	int v, y;

	trim(&text, &len);
	p->kind = TRACK_POINT_UNKNOWN;
	p->cls = p->idx = -1;
	p->year = 0;
	p->text = text;
	p->len = len;
	v = dict_get(&s->point_d, text, len);
	if (v >= 0) {
		p->cls = v >> 16;
		p->idx = v & 0xffff;
		p->kind = p->cls == CLS_STATUTORY ? TRACK_POINT_STATUTORY :
		    p->cls == CLS_OTHER ? TRACK_POINT_OTHER : TRACK_POINT_TERM;
		return;
	}
	n = acyear_prefix(text, len, &y);
	if (n > 0) {
		for (k = n; k < len && (text[k] == '.' || text[k] == '_' ||
		    text[k] == ':' || is_space((unsigned char)text[k])); k++)
			;
		if (k > n && k < len)
			scope(p, dict_get(&s->point_d, text + k, len - k), y);
		return;
	}
	for (i = len; i > 0 && !is_space((unsigned char)text[i - 1]); i--)
		;
	if (i > 0) {
		y = scheme_academic_year(text + i, len - i);
		if (y >= 0)
			scope(p, dict_get(&s->point_d, text, i), y);
	}
}

static const struct pointdef *
point_def(const track_scheme *s, const struct parsed_point *p)
{
	return p->kind == TRACK_POINT_UNKNOWN ? NULL :
	    &s->pts[p->cls][p->idx];
}

enum track_point_kind
scheme_point_key(const track_scheme *s, const char *p, size_t n,
    track_point_key *out)
{
	struct parsed_point pp;

	point_parse(s, p, n, &pp);
	memset(out, 0, sizeof *out);
	out->pos = pp.idx;
	switch (pp.kind) {
	case TRACK_POINT_STATUTORY:
		out->cls = CLS_STATUTORY;
		break;
	case TRACK_POINT_OTHER:
		out->cls = CLS_OTHER;
		break;
	case TRACK_POINT_TERM:
		out->cls = CLS_TERM;
		break;
	case TRACK_POINT_SCOPED_TERM:
		out->cls = CLS_SCOPED;
		out->year = pp.year;
		break;
	case TRACK_POINT_SCOPED_STATUTORY:
		out->cls = CLS_SCOPED;
		out->year = pp.year;
		out->pos = (int)s->npts[CLS_TERM] + pp.idx;
		break;
	case TRACK_POINT_UNKNOWN:
		out->cls = CLS_UNKNOWN;
		out->pos = 0;
		out->text = pp.text;
		out->len = pp.len;
		break;
	}
	return pp.kind;
}

/*
 * Natural order: runs of digits compare as numbers, everything else byte
 * by byte, so "t9" < "t10".  Texts equal but for leading zeros fall back
 * to byte order, so the order is total.
 */
static int
natural_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t i = 0, j = 0, si, sj;
	int c;

	while (i < alen && j < blen) {
		if (is_digit(a[i]) && is_digit(b[j])) {
			while (i < alen && a[i] == '0')
				i++;
			while (j < blen && b[j] == '0')
				j++;
			for (si = i; i < alen && is_digit(a[i]); i++)
				;
			for (sj = j; j < blen && is_digit(b[j]); j++)
				;
			if (i - si != j - sj)
				return i - si < j - sj ? -1 : 1;
			c = memcmp(a + si, b + sj, i - si);
			if (c != 0)
				return c < 0 ? -1 : 1;
			continue;
		}
		if (a[i] != b[j])
			return (unsigned char)a[i] < (unsigned char)b[j] ?
			    -1 : 1;
		i++;
		j++;
	}
	if (i < alen || j < blen)
		return i < alen ? 1 : -1;
	return bytes_cmp(a, alen, b, blen);
}

/* Class, then academic year, then position; unknown points by text. */
int
scheme_point_cmp(const track_point_key *a, const track_point_key *b)
{
	if (a->cls != b->cls)
		return a->cls < b->cls ? -1 : 1;
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	if (a->pos != b->pos)
		return a->pos < b->pos ? -1 : 1;
	if (a->cls == CLS_UNKNOWN)
		return natural_cmp(a->text, a->len, b->text, b->len);
	return 0;
}

int
scheme_point_compare(const track_scheme *s, const char *a, size_t alen,
    const char *b, size_t blen)
{
	track_point_key ka, kb;

	scheme_point_key(s, a, alen, &ka);
	scheme_point_key(s, b, blen, &kb);
	return scheme_point_cmp(&ka, &kb);
}

/* Writes the canonical spelling of a parsed point; see normalise. */
static int
point_write(const track_scheme *s, const struct parsed_point *p, char *out,
    size_t outsz)
{
	const struct pointdef *d = point_def(s, p);
	int n;

	if (outsz == 0)
		return -1;
	if (d == NULL) {
		if (p->len >= outsz) {
			out[0] = '\0';
			return -1;
		}
		memcpy(out, p->text, p->len);
		out[p->len] = '\0';
		return TRACK_POINT_UNKNOWN;
	}
	if (p->kind == TRACK_POINT_SCOPED_TERM ||
	    p->kind == TRACK_POINT_SCOPED_STATUTORY)
		n = snprintf(out, outsz, "%04d-%02d.%s", p->year,
		    (p->year + 1) % 100, d->id);
	else
		n = snprintf(out, outsz, "%s", d->id);
	if (n < 0 || (size_t)n >= outsz) {
		out[0] = '\0';
		return -1;
	}
	return (int)p->kind;
}

enum track_point_kind
scheme_point_canon(const track_scheme *s, const char *text, size_t len,
    char buf[SCHEME_POINT_MAX], const char **out, size_t *outlen)
{
	struct parsed_point p;
	int kind;

	point_parse(s, text, len, &p);
	if (p.kind == TRACK_POINT_UNKNOWN) {
		*out = p.text;
		*outlen = p.len;
		return TRACK_POINT_UNKNOWN;
	}
	kind = point_write(s, &p, buf, SCHEME_POINT_MAX);
	assert(kind > 0);	/* ids are at most SCHEME_ID_MAX bytes */
	*out = buf;
	*outlen = strlen(buf);
	return (enum track_point_kind)kind;
}

int
scheme_point_normalise(const track_scheme *s, const char *text, size_t len,
    char *out, size_t outsz)
{
	struct parsed_point p;

	point_parse(s, text, len, &p);
	return point_write(s, &p, out, outsz);
}

int
scheme_point_qualify(const track_scheme *s, const char *p, size_t plen,
    const char *year, size_t ylen, char *out, size_t outsz)
{
	struct parsed_point pp;
	int y;

	point_parse(s, p, plen, &pp);
	if (pp.kind == TRACK_POINT_TERM) {
		y = scheme_academic_year(year, ylen);
		if (y < 0) {
			if (outsz > 0)
				out[0] = '\0';
			return -1;
		}
		pp.kind = TRACK_POINT_SCOPED_TERM;
		pp.year = y;
	}
	return point_write(s, &pp, out, outsz);
}

/*
 * Formats point p's label into out (as snprintf: out may be NULL when
 * outsz is 0) and returns the label's full length, or -1.
 */
static int
point_label_fmt(const track_scheme *s, const char *p, size_t len,
    char *out, size_t outsz)
{
	struct parsed_point pp;
	const struct pointdef *d;

	point_parse(s, p, len, &pp);
	d = point_def(s, &pp);
	if (d == NULL)
		return snprintf(out, outsz, "%.*s", (int)pp.len, pp.text);
	if (pp.kind == TRACK_POINT_SCOPED_TERM ||
	    pp.kind == TRACK_POINT_SCOPED_STATUTORY)
		return snprintf(out, outsz, "%s %04d-%02d", d->label, pp.year,
		    (pp.year + 1) % 100);
	return snprintf(out, outsz, "%s", d->label);
}

int
scheme_point_label(const track_scheme *s, const char *p, size_t len,
    char *out, size_t outsz)
{
	int n = point_label_fmt(s, p, len, out, outsz);

	return n < 0 || (size_t)n >= outsz ? -1 : 0;
}

char *
scheme_point_label_dup(const track_scheme *s, const char *p, size_t len)
{
	int n = point_label_fmt(s, p, len, NULL, 0);
	char *out;

	if (n < 0)
		return NULL;
	out = malloc((size_t)n + 1);
	if (out != NULL)
		point_label_fmt(s, p, len, out, (size_t)n + 1);
	return out;
}

size_t
scheme_point_count(const track_scheme *s)
{
	return s->npts[0] + s->npts[1] + s->npts[2];
}

const char *
scheme_point_id_at(const track_scheme *s, size_t i)
{
	int cls;

	for (cls = 0; cls < 3; cls++) {
		if (i < s->npts[cls])
			return s->pts[cls][i].id;
		i -= s->npts[cls];
	}
	return NULL;
}

const char *
scheme_point_date(const track_scheme *s, const char *p, size_t len)
{
	struct parsed_point pp;

	point_parse(s, p, len, &pp);
	return pp.kind == TRACK_POINT_OTHER ? point_def(s, &pp)->date : NULL;
}

/* ---- Scales ---- */

/* Subject override, then point override, then the measure's scale. */
const track_scale *
scheme_scale_for(const track_scheme *s, const char *subject,
    const char *measure, const char *point)
{
	struct parsed_point pp;
	const int *over;
	int si, mi;

	if (subject == NULL)
		return NULL;
	si = dict_get(&s->subject_d, subject, strlen(subject));
	mi = measure == NULL ? (int)s->defmeasure :
	    scheme_measure_index(s, measure, strlen(measure));
	if (si < 0 || mi < 0)
		return NULL;
	over = s->subjects[si].over;
	if (over != NULL && over[mi] >= 0)
		return &s->scales[over[mi]];
	if (point != NULL) {
		point_parse(s, point, strlen(point), &pp);
		over = pp.kind == TRACK_POINT_UNKNOWN ? NULL :
		    point_def(s, &pp)->over;
		if (over != NULL && over[mi] >= 0)
			return &s->scales[over[mi]];
	}
	return &s->scales[s->measures[mi].scale];
}

const track_scale *
scheme_scale_find(const track_scheme *s, const char *id)
{
	int i = id == NULL ? -1 : dict_get(&s->scale_d, id, strlen(id));

	return i < 0 ? NULL : &s->scales[i];
}

const char *
scheme_scale_id(const track_scale *sc)
{
	return sc->id;
}

const char *
scheme_scale_label(const track_scale *sc)
{
	return sc->label;
}

enum track_scale_kind
scheme_scale_kind(const track_scale *sc)
{
	return sc->kind;
}

size_t
scheme_scale_code_count(const track_scale *sc)
{
	return sc->ncodes;
}

const char *
scheme_scale_code(const track_scale *sc, size_t i)
{
	return i < sc->ncodes ? sc->codes[i].code : NULL;
}

const char *
scheme_scale_code_label(const track_scale *sc, size_t i)
{
	return i < sc->ncodes ? sc->codes[i].label : NULL;
}

int
scheme_scale_code_band(const track_scale *sc, size_t i)
{
	return i < sc->ncodes ? sc->codes[i].band : -1;
}

int
scheme_scale_code_legacy(const track_scale *sc, size_t i)
{
	return i < sc->ncodes ? sc->codes[i].legacy : 0;
}

void
scheme_scale_range(const track_scale *sc, double *min, double *max)
{
	*min = sc->min;
	*max = sc->max;
}

int
scheme_scale_integer(const track_scale *sc)
{
	return sc->integer;
}

size_t
scheme_scale_threshold_count(const track_scale *sc)
{
	return sc->nth;
}

void
scheme_scale_threshold(const track_scale *sc, size_t i, int *band,
    double *min)
{
	*band = i < sc->nth ? sc->th[i].band : -1;
	*min = i < sc->nth ? sc->th[i].min : 0;
}

int
scheme_scale_tolerance(const track_scale *sc)
{
	return sc->tolerance;
}

size_t
scheme_scale_na_count(const track_scale *sc)
{
	return sc->nna;
}

const char *
scheme_scale_na_code(const track_scale *sc, size_t i)
{
	return i < sc->nna ? sc->na[i].code : NULL;
}

const char *
scheme_scale_na_label(const track_scale *sc, size_t i)
{
	return i < sc->nna ? sc->na[i].label : NULL;
}

int
scheme_scale_na_not_at(const track_scale *sc, size_t i)
{
	return i < sc->nna ? sc->na[i].not_at : 0;
}

const char *
scheme_scale_expected(const track_scale *sc, int year)
{
	if (sc->kind == TRACK_SCALE_LEVEL) {
		if (year < 0 || (size_t)year >= sc->nexpected ||
		    sc->expected[year] < 0)
			return NULL;
		return sc->codes[sc->expected[year]].code;
	}
	return sc->expect;
}

/* ---- Values ---- */

static int
is_whole(double x)
{
	return x > -1e15 && x < 1e15 && (double)(long long)x == x;
}

/*
 * Reading ages: [<>] years (1-2 digits), then nothing, "." or ":" and
 * 1-2 digits of months, or "y" and optionally months followed by "m".
 */
int
scheme_age_parse(const char *text, size_t len, int *months, int *bound)
{
	size_t i = 0, start;
	int y, m = 0;

	trim(&text, &len);
	*bound = 0;
	if (len > 0 && (text[0] == '<' || text[0] == '>')) {
		*bound = text[0] == '<' ? -1 : 1;
		for (i = 1; i < len && is_space((unsigned char)text[i]); i++)
			;
	}
	for (start = i; i < len && is_digit(text[i]); i++)
		;
	if (i == start || i - start > 2)
		return -1;
	y = digits(text + start, i - start);
	if (i < len && (text[i] == '.' || text[i] == ':')) {
		for (start = ++i; i < len && is_digit(text[i]); i++)
			;
		if (i == start || i - start > 2 || i != len)
			return -1;
		m = digits(text + start, i - start);
	} else if (i < len && lower((unsigned char)text[i]) == 'y') {
		for (i++; i < len && is_space((unsigned char)text[i]); i++)
			;
		if (i < len) {
			for (start = i; i < len && is_digit(text[i]); i++)
				;
			if (i == start || i - start > 2 || i + 1 != len ||
			    lower((unsigned char)text[i]) != 'm')
				return -1;
			m = digits(text + start, i - start);
		}
	} else if (i != len) {
		return -1;
	}
	if (m > 11)
		return -1;
	*months = y * 12 + m;
	return 0;
}

/* Fails for an unknown value, suggesting the nearest code on the scale. */
static int
bad_value(const track_scale *sc, const char *what, const char *kind,
    const char *text, size_t len, track_error *err)
{
	const char *near = dict_suggest(&sc->d, text, len);
	int shown = (int)(len > SHOWN ? SHOWN : len);
	const char *cut = len > SHOWN ? "..." : "";

	if (near != NULL)
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "%s \"%.*s%s\" for %s (did you mean %s?)", kind, shown,
		    text, cut, what, near);
	return error_set(err, TRACK_EXIT_DATA, NULL, 0,
	    "%s \"%.*s%s\" for %s", kind, shown, text, cut, what);
}

/* Parses a score: a decimal number, or "<min" or ">max". */
static int
parse_score(const track_scale *sc, const char *what, const char *text,
    size_t len, track_value *out, track_error *err)
{
	char buf[64], *num = buf;
	size_t i = 0, nd = 0, k;
	int bound = 0, shown = (int)(len > SHOWN ? SHOWN : len);
	const char *cut = len > SHOWN ? "..." : "";
	double x;

	if (text[0] == '<' || text[0] == '>') {
		bound = text[0] == '<' ? -1 : 1;
		for (i = 1; i < len && is_space((unsigned char)text[i]); i++)
			;
	}
	k = i;
	if (k < len && text[k] == '-')
		k++;
	for (; k < len && is_digit(text[k]); k++)
		nd++;
	if (k < len && text[k] == '.')
		for (k++; k < len && is_digit(text[k]); k++)
			nd++;
	if (nd == 0 || k != len)
		return bad_value(sc, what, "invalid score", text, len, err);
	/* A long number ("000...104") is still a number: copied to the
	   heap, since strtod wants a NUL after it. */
	if (len - i >= sizeof buf) {
		num = malloc(len - i + 1);
		if (num == NULL)
			return error_set(err, TRACK_EXIT_IO, NULL, 0,
			    "out of memory");
	}
	memcpy(num, text + i, len - i);
	num[len - i] = '\0';
	x = strtod(num, NULL);
	if (num != buf)
		free(num);
	if ((bound < 0 && x != sc->min) || (bound > 0 && x != sc->max))
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "score %.*s%s is not allowed for %s (only <%g and >%g)",
		    shown, text, cut, what, sc->min, sc->max);
	if (x < sc->min || x > sc->max)
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "score %.*s%s out of range %g..%g for %s", shown, text,
		    cut, sc->min, sc->max, what);
	if (sc->integer && !is_whole(x))
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "score %.*s%s is not a whole number for %s", shown, text,
		    cut, what);
	out->kind = TRACK_VALUE_NUMBER;
	out->number = x;
	return 0;
}

/* scheme_value_parse() with `what` naming the context in messages. */
static int
value_parse(const track_scale *sc, const char *what, const char *text,
    size_t len, track_value *out, track_error *err)
{
	int v, months, bound;

	memset(out, 0, sizeof *out);
	trim(&text, &len);
	if (len == 0)
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "empty value for %s", what);
	v = dict_get(&sc->d, text, len);
	if (v >= 0 && (v & NA_FLAG) != 0) {
		out->index = v & ~NA_FLAG;
		out->kind = sc->na[out->index].not_at ? TRACK_VALUE_NOT_AT :
		    TRACK_VALUE_EXCLUDED;
		return 0;
	}
	if (v >= 0) {
		out->kind = TRACK_VALUE_CODE;
		out->index = v;
		return 0;
	}
	switch (sc->kind) {
	case TRACK_SCALE_DESCRIPTOR:
		return bad_value(sc, what, "unknown descriptor", text, len,
		    err);
	case TRACK_SCALE_LEVEL:
		return bad_value(sc, what, "unknown level", text, len, err);
	case TRACK_SCALE_SCORE:
		return parse_score(sc, what, text, len, out, err);
	case TRACK_SCALE_AGE:
		break;
	}
	if (scheme_age_parse(text, len, &months, &bound) != 0)
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "invalid reading age \"%.*s%s\" for %s (write 9.04, 9:04 "
		    "or 9y4m)", (int)(len > SHOWN ? SHOWN : len), text,
		    len > SHOWN ? "..." : "", what);
	out->kind = TRACK_VALUE_NUMBER;
	out->number = months;
	out->bound = bound;
	return 0;
}

int
scheme_value_parse(const track_scheme *s, const track_scale *sc,
    const char *text, size_t len, track_value *out, track_error *err)
{
	(void)s;
	return value_parse(sc, sc->id, text, len, out, err);
}

int
scheme_value_parse_as(const track_scale *sc, const char *what,
    const char *text, size_t len, track_value *out, track_error *err)
{
	return value_parse(sc, what, text, len, out, err);
}

int
scheme_value_format(const track_scale *sc, const track_value *v, char *out,
    size_t outsz)
{
	const char *z = NULL;
	int n, m;

	if (outsz == 0)
		return -1;
	out[0] = '\0';
	switch (v->kind) {
	case TRACK_VALUE_CODE:
		if (v->index < 0 || (size_t)v->index >= sc->ncodes)
			return -1;
		z = sc->codes[v->index].code;
		break;
	case TRACK_VALUE_NOT_AT:
	case TRACK_VALUE_EXCLUDED:
		if (v->index < 0 || (size_t)v->index >= sc->nna)
			return -1;
		z = sc->na[v->index].code;
		break;
	case TRACK_VALUE_NUMBER:
		if (sc->kind != TRACK_SCALE_AGE)
			return format_number(v->number, out, outsz);
		if (!(v->number >= 0 && v->number < 1e6))
			return -1;
		m = (int)v->number;
		n = snprintf(out, outsz, "%s%d.%02d", v->bound < 0 ? "<" :
		    v->bound > 0 ? ">" : "", m / 12, m % 12);
		return n < 0 || (size_t)n >= outsz ? -1 : n;
	}
	n = snprintf(out, outsz, "%s", z);
	return n < 0 || (size_t)n >= outsz ? -1 : n;
}

/* Parses and formats, naming `what` in messages. */
static int
value_normalise(const track_scale *sc, const char *what, const char *text,
    size_t len, char *out, size_t outsz, track_error *err)
{
	track_value v;

	TRY(value_parse(sc, what, text, len, &v, err));
	if (scheme_value_format(sc, &v, out, outsz) < 0)
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "value too long for %s", what);
	return 0;
}

int
scheme_value_normalise(const track_scheme *s, const track_scale *sc,
    const char *text, size_t len, char *out, size_t outsz, track_error *err)
{
	(void)s;
	return value_normalise(sc, sc->id, text, len, out, outsz, err);
}

int
scheme_value_normalise_for(const track_scheme *s, const char *subject,
    const char *measure, const char *point, const char *text, size_t len,
    char *out, size_t outsz, track_error *err)
{
	const track_scale *sc;
	const char *near;
	int si, mi;

	si = subject == NULL ? -1 :
	    dict_get(&s->subject_d, subject, strlen(subject));
	mi = measure == NULL ? (int)s->defmeasure :
	    scheme_measure_index(s, measure, strlen(measure));
	if (si < 0) {
		subject = subject == NULL ? "" : subject;
		near = dict_suggest(&s->subject_d, subject, strlen(subject));
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "unknown subject \"%.*s%s\"%s%s%s", SHOWN, subject,
		    strlen(subject) > SHOWN ? "..." : "",
		    near != NULL ? " (did you mean " : "",
		    near != NULL ? near : "", near != NULL ? "?)" : "");
	}
	if (mi < 0) {
		near = dict_suggest(&s->measure_d, measure, strlen(measure));
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "unknown measure \"%.*s%s\"%s%s%s", SHOWN, measure,
		    strlen(measure) > SHOWN ? "..." : "",
		    near != NULL ? " (did you mean " : "",
		    near != NULL ? near : "", near != NULL ? "?)" : "");
	}
	sc = scheme_scale_for(s, subject, measure, point);
	return value_normalise(sc, (size_t)mi == s->defmeasure ?
	    s->subjects[si].id : s->measures[mi].id, text, len, out, outsz,
	    err);
}

/*
 * Not-assessed codes have no band; then the out-of-year rule (teacher
 * judgements only); then the scale's own rule.
 */
int
scheme_value_band(const track_scheme *s, const track_scale *sc,
    const track_value *v, const track_value_ctx *ctx, int *band,
    track_error *err)
{
	int rule = -1, diff, exp, y;
	size_t i;

	*band = -1;
	if (v->kind == TRACK_VALUE_NOT_AT || v->kind == TRACK_VALUE_EXCLUDED)
		return 0;
	if ((sc->kind == TRACK_SCALE_DESCRIPTOR ||
	    sc->kind == TRACK_SCALE_LEVEL) && ctx != NULL) {
		if (ctx->custom)
			rule = s->ooy[2];
		else if (ctx->against >= 0 && ctx->year >= 0 &&
		    ctx->against != ctx->year)
			rule = s->ooy[ctx->against < ctx->year ? 0 : 1];
		if (rule >= 0) {
			*band = rule;
			return 0;
		}
	}
	if ((sc->kind == TRACK_SCALE_DESCRIPTOR ||
	    sc->kind == TRACK_SCALE_LEVEL) &&
	    (v->kind != TRACK_VALUE_CODE || v->index < 0 ||
	    (size_t)v->index >= sc->ncodes))
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "not a value of scale %s", sc->id);
	if ((sc->kind == TRACK_SCALE_SCORE || sc->kind == TRACK_SCALE_AGE) &&
	    v->kind != TRACK_VALUE_NUMBER)
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "not a value of scale %s", sc->id);
	switch (sc->kind) {
	case TRACK_SCALE_DESCRIPTOR:
		*band = sc->codes[v->index].band;
		break;
	case TRACK_SCALE_LEVEL:
		y = ctx == NULL ? -1 : ctx->year;
		if (y < 0 || (size_t)y >= sc->nexpected)
			return error_set(err, TRACK_EXIT_DATA, NULL, 0,
			    "no year group to place level %s on %s",
			    sc->codes[v->index].code, sc->id);
		exp = sc->expected[y];
		if (exp < 0)
			return error_set(err, TRACK_EXIT_DATA, NULL, 0,
			    "no expected level for year %s on %s",
			    s->years[y].id, sc->id);
		*band = sc->map[v->index < exp ? 0 : v->index == exp ? 1 : 2];
		break;
	case TRACK_SCALE_SCORE:
		for (i = sc->nth; i-- > 0;)
			if (v->number >= sc->th[i].min) {
				*band = sc->th[i].band;
				break;
			}
		break;
	case TRACK_SCALE_AGE:
		if (ctx == NULL || ctx->age < 0)
			return error_set(err, TRACK_EXIT_DATA, NULL, 0,
			    "no chronological age to place a reading age "
			    "on %s (needs dob and date)", sc->id);
		diff = (int)v->number - ctx->age;
		*band = sc->map[diff < -sc->tolerance ? 0 :
		    diff > sc->tolerance ? 2 : 1];
		break;
	}
	return 0;
}

int
scheme_value_rank(const track_scale *sc, const track_value *v)
{
	size_t i;

	if (v->kind == TRACK_VALUE_CODE)
		return v->index + 1;
	if (v->kind != TRACK_VALUE_NUMBER || sc->kind != TRACK_SCALE_SCORE)
		return 0;
	for (i = sc->nth; i-- > 0;)
		if (v->number >= sc->th[i].min)
			return (int)i + 1;
	return 0;
}

/* ---- Groups ---- */

const track_group *
scheme_group_find(const track_scheme *s, const char *column)
{
	int i = column == NULL ? -1 :
	    dict_get(&s->group_d, column, strlen(column));

	return i < 0 ? NULL : &s->groups[i];
}

int
scheme_group_value_index(const track_group *g, const char *text,
    size_t len, int *deprecated)
{
	int v = dict_get(&g->d, text, len);

	if (deprecated != NULL)
		*deprecated = v >= 0 && (v & DEPRECATED) != 0;
	return v < 0 ? -1 : v & ~DEPRECATED;
}

const char *
scheme_group_code(const track_scheme *s, const char *column,
    const char *text, size_t len, int *deprecated)
{
	const track_group *g = scheme_group_find(s, column);
	int i;

	if (deprecated != NULL)
		*deprecated = 0;
	if (g == NULL)
		return NULL;
	i = scheme_group_value_index(g, text, len, deprecated);
	return i < 0 ? NULL : g->v[i].code;
}

size_t
scheme_group_count(const track_scheme *s)
{
	return s->ngroups;
}

const track_group *
scheme_group_at(const track_scheme *s, size_t i)
{
	return i < s->ngroups ? &s->groups[i] : NULL;
}

const char *
scheme_group_column(const track_group *g)
{
	return g->column;
}

const char *
scheme_group_label(const track_group *g)
{
	return g->label;
}

size_t
scheme_group_value_count(const track_group *g)
{
	return g->n;
}

const char *
scheme_group_value_code(const track_group *g, size_t i)
{
	return i < g->n ? g->v[i].code : NULL;
}

const char *
scheme_group_value_label(const track_group *g, size_t i)
{
	return i < g->n ? g->v[i].label : NULL;
}

/* ---- Objectives ---- */

const track_objectives *
scheme_objectives(const track_scheme *s, const char *subject,
    const char *year)
{
	int si, yi;

	if (subject == NULL || year == NULL)
		return NULL;
	si = dict_get(&s->subject_d, subject, strlen(subject));
	yi = dict_get(&s->year_d, year, strlen(year));
	if (si < 0 || yi < 0)
		return NULL;
	return s->objectives[(size_t)si * s->nyears + (size_t)yi];
}

const track_objectives *
scheme_custom_objectives(const track_scheme *s, const char *list,
    const char *subject)
{
	int ci, si;

	if (list == NULL || subject == NULL)
		return NULL;
	ci = dict_get(&s->custom_d, list, strlen(list));
	si = dict_get(&s->subject_d, subject, strlen(subject));
	if (ci < 0 || si < 0)
		return NULL;
	return s->customs[ci].by_subject[si];
}

int
scheme_custom_index(const track_scheme *s, const char *text, size_t len)
{
	return dict_get(&s->custom_d, text, len);
}

size_t
scheme_custom_count(const track_scheme *s)
{
	return s->ncustoms;
}

const char *
scheme_custom_id(const track_scheme *s, size_t i)
{
	return i < s->ncustoms ? s->customs[i].id : NULL;
}

const char *
scheme_custom_label(const track_scheme *s, size_t i)
{
	return i < s->ncustoms ? s->customs[i].label : NULL;
}

size_t
scheme_objectives_count(const track_objectives *l)
{
	return l == NULL ? 0 : l->n;
}

const char *
scheme_objectives_id(const track_objectives *l, size_t i)
{
	return l != NULL && i < l->n ? l->o[i].id : NULL;
}

const char *
scheme_objectives_label(const track_objectives *l, size_t i)
{
	return l != NULL && i < l->n ? l->o[i].label : NULL;
}

int
scheme_objectives_find(const track_objectives *l, const char *text,
    size_t len)
{
	return l == NULL ? -1 : dict_get(&l->d, text, len);
}

/* ---- Privacy and benchmarks ---- */

int
scheme_min_group(const track_scheme *s)
{
	return s->min_group;
}

const char *const *
scheme_identifying(const track_scheme *s, size_t *n)
{
	*n = s->nidentifying;
	return s->identifying;
}

const track_benchmark *
scheme_benchmark_find(const track_scheme *s, const char *id)
{
	int i = id == NULL ? -1 : dict_get(&s->bench_d, id, strlen(id));

	return i < 0 ? NULL : &s->bench[i];
}

size_t
scheme_benchmark_count(const track_scheme *s)
{
	return s->nbench;
}

const track_benchmark *
scheme_benchmark_at(const track_scheme *s, size_t i)
{
	return i < s->nbench ? &s->bench[i] : NULL;
}

const char *
scheme_benchmark_id(const track_benchmark *b)
{
	return b->id;
}

const char *
scheme_benchmark_label(const track_benchmark *b)
{
	return b->label;
}

size_t
scheme_benchmark_figure_count(const track_benchmark *b)
{
	return b->n;
}

const track_figure *
scheme_benchmark_figure(const track_benchmark *b, size_t i)
{
	return i < b->n ? &b->f[i] : NULL;
}

/*
 * Matches figures field by field.  The subject is compared as a canonical
 * subject id when the scheme knows it, else case-insensitively as given.
 */
const track_figure *
scheme_benchmark_lookup(const track_scheme *s, const track_benchmark *b,
    const char *subject, const char *measure, const char *point,
    const char *band)
{
	const track_figure *f, *best = NULL;
	const char *m, *bd = "at_or_above", *pc = NULL;
	char pbuf[SCHEME_POINT_MAX];
	size_t i, pclen = 0;
	int k;

	if (subject == NULL)
		return NULL;
	k = dict_get(&s->subject_d, subject, strlen(subject));
	if (k >= 0)
		subject = s->subjects[k].id;
	m = scheme_measure_id(s, measure == NULL ? "" : measure,
	    measure == NULL ? 0 : strlen(measure));
	if (m == NULL)
		return NULL;
	if (band != NULL && strcmp(band, "at_or_above") != 0) {
		k = dict_get(&s->band_d, band, strlen(band));
		if (k < 0)
			return NULL;
		bd = s->bands[k].id;
	}
	/* A figure's point is one the scheme knows; an unknown point (of
	   any length) matches only the figures without one. */
	if (point != NULL && scheme_point_canon(s, point, strlen(point), pbuf,
	    &pc, &pclen) == TRACK_POINT_UNKNOWN)
		point = NULL;
	for (i = 0; i < b->n; i++) {
		f = &b->f[i];
		if (strcasecmp(f->subject, subject) != 0 ||
		    strcmp(f->measure, m) != 0 || strcmp(f->band, bd) != 0)
			continue;
		if (f->point == NULL && best == NULL)
			best = f;
		else if (f->point != NULL && point != NULL &&
		    (strcmp(f->point, pbuf) == 0 || (strchr(f->point,
		    '.') == NULL && strchr(pbuf, '.') != NULL &&
		    strcmp(f->point, strchr(pbuf, '.') + 1) == 0)))
			return f;	/* "ks2" also matches "2025-26.ks2" */
	}
	return best;
}
