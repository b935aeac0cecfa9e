/* assess.c - records read against the scheme; see assess.h. */
#include "assess.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/str.h"
#include "base/buf.h"
#include "base/strmap.h"
#include "base/swar.h"
#include "base/u64map.h"
#include "base/suggest.h"

/* How many recent fields each cache remembers in front of its map. */
#define MEMO 4

/* A cache stops growing here, so odd data cannot eat memory. */
#define CACHE_MAX 65536

/* What a cached field turned into: an index, or -1 for unknown. */
struct cached {
	track_strmap *map;
	int *val;
	size_t cap;
	/* The last few fields seen, which usually repeat row after row. */
	struct memo {
		char text[32];
		size_t len;	/* SIZE_MAX: none */
		int val;
	} memo[MEMO];
	unsigned next;
};

/*
 * The columns that decide an observation, besides the pupil's age: a row
 * cache key is made of those the input has (the others are the same, absent,
 * for every row), each no longer than SIG_FIELD_MAX.
 */
static const enum assess_col sigcols[] = {
	A_SUBJECT, A_MEASURE, A_POINT, A_YEAR, A_AGAINST, A_VALUE, A_BAND
};
#define NSIGCOLS (sizeof sigcols / sizeof sigcols[0])
#define SIG_FIELD_MAX 60
_Static_assert(SIG_FIELD_MAX < 64, "a key's length word holds 6 bits a field");
_Static_assert(1 + NSIGCOLS * 6 <= 64, "a key's length word holds them all");

/*
 * In front of the row cache's map, a table of keys of at most FRONT_WORDS
 * words, each slot a cache line chosen by the key's hash: most rows are
 * found with one line read and one compare, without the map's probe and
 * the loads of the key it points to.  A slot holds the key last seen
 * there, so keys that share a slot take turns; the map has them all.
 */
#define FRONT_BITS 12
#define FRONT_WORDS 7
struct front {
	uint64_t w[FRONT_WORDS];	/* the key, zero after its words */
	uint64_t id;			/* its id in the map + 1; 0: empty */
};

struct track_assess {
	const track_scheme *s;
	unsigned flags;
	long col[A_NCOLS];
	struct cached subject, measure, year, against, rawpoint;
	track_strmap *points;		/* canonical point text -> id */
	struct pinfo {
		track_point_key key;
		enum track_point_kind kind;
		int seen;
	} *pinfo;
	size_t pcap;
	track_u64map *scales;		/* (subject, measure, point) -> id */
	struct vmemo {			/* the last few values parsed */
		const track_scale *sc;
		char text[16];
		size_t len;
		track_value v;
	} vmemo[MEMO * 2];
	unsigned vnext;
	const track_scale **scale;
	size_t scap;
	/*
	 * Whole rows: the fields that decide an observation (subject,
	 * measure, point, year, against, value, band), as bytes, mapped to
	 * the observation they gave.  A term's records repeat the same few
	 * hundred combinations, so most rows are one lookup.
	 */
	track_u64map *sigmap;		/* hash of the fields -> id */
	struct sig {
		size_t off, len;	/* the key's words, in sigkeys (bytes) */
		struct track_obs o;	/* pupil, name, objective left out */
	} *sig;
	size_t sigcap;
	track_buf sigkeys;
	struct front *front;		/* 1 << FRONT_BITS slots */
	track_strmap *values;		/* (scale, text) -> parsed value */
	track_value *value;
	size_t vcap;
	char key[512];			/* parse_value's cache key */
	long sigcol[NSIGCOLS];		/* the input's sigcols */
	size_t nsigcol;
	uint64_t skey[1 + NSIGCOLS * ((SIG_FIELD_MAX + 7) / 8)];	/* a
					   row's key for the row cache */
};

static const char *const colname[A_NCOLS] = {
	"pupil", "name", "year", "subject", "point", "measure", "value",
	"against", "objective", "dob", "date", "band"
};

int
assess_new(track_assess **out, const track_scheme *s, const track_str *hdr,
    size_t n, unsigned flags, track_error *err)
{
	track_assess *a;
	size_t i;
	int c;

	*out = NULL;
	a = calloc(1, sizeof *a);
	if (a == NULL)
		return error_set(err, TRACK_EXIT_IO, NULL, 0, "out of memory");
	a->s = s;
	a->flags = flags;
	for (c = 0; c < A_NCOLS; c++) {
		a->col[c] = -1;
		for (i = 0; i < n; i++)
			if (str_eq(hdr[i], colname[c])) {
				a->col[c] = (long)i;
				break;
			}
	}
	for (i = 0; i < NSIGCOLS; i++)
		if (a->col[sigcols[i]] >= 0)
			a->sigcol[a->nsigcol++] = a->col[sigcols[i]];
	a->subject.map = strmap_new();
	a->measure.map = strmap_new();
	a->year.map = strmap_new();
	a->against.map = strmap_new();
	a->rawpoint.map = strmap_new();
	a->points = strmap_new();
	a->scales = u64map_new();
	a->sigmap = u64map_new();
	a->front = aligned_alloc(64, sizeof *a->front << FRONT_BITS);
	if (a->front != NULL)
		memset(a->front, 0, sizeof *a->front << FRONT_BITS);
	a->values = strmap_new();
	for (c = 0; c < MEMO; c++) {
		a->subject.memo[c].len = a->measure.memo[c].len = SIZE_MAX;
		a->year.memo[c].len = a->against.memo[c].len = SIZE_MAX;
		a->rawpoint.memo[c].len = SIZE_MAX;
	}
	if (!a->subject.map || !a->measure.map || !a->year.map ||
	    !a->against.map || !a->rawpoint.map || !a->points ||
	    !a->scales || !a->values || !a->sigmap || !a->front) {
		assess_free(a);
		return error_set(err, TRACK_EXIT_IO, NULL, 0, "out of memory");
	}
	for (c = 0; c < A_NCOLS; c++) {
		if (a->col[c] >= 0 || (c != A_PUPIL && c != A_SUBJECT &&
		    c != A_POINT && c != A_VALUE))
			continue;
		/* "Pupil" or "UPN" in an export: name the fix. */
		for (i = 0; i < n; i++)
			if (hdr[i].len == strlen(colname[c]) &&
			    strncasecmp(hdr[i].ptr, colname[c], hdr[i].len) == 0)
				break;
		assess_free(a);
		if (i < n)
			return error_set(err, TRACK_EXIT_DATA, NULL, 0,
			    "no \"%s\" column in the input, but there is "
			    "\"%.*s\": column names are lower case (track-import "
			    "makes records from an export)", colname[c],
			    (int)hdr[i].len, hdr[i].ptr);
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "no \"%s\" column in the input (records need pupil, "
		    "subject, point and value; for an export, track-import "
		    "--rename UPN=pupil makes them)", colname[c]);
	}
	*out = a;
	return 0;
}

long
assess_col(const track_assess *a, enum assess_col c)
{
	return a->col[c];
}

/* Grows an int array to hold index `id`.  Returns 0 or -1. */
static int
fit_int(int **v, size_t *cap, long id)
{
	size_t n;
	int *p;

	if ((size_t)id < *cap)
		return 0;
	n = *cap ? *cap * 2 : 64;
	while (n <= (size_t)id)
		n *= 2;
	p = realloc(*v, n * sizeof *p);
	if (p == NULL)
		return -1;
	*v = p;
	*cap = n;
	return 0;
}

/*
 * Looks `f` up in cache `c`; on a miss calls `resolve` and remembers the
 * answer (while the cache is small).  Returns the index, -1 for unknown,
 * or -2 when out of memory.
 */
static int
cached(struct cached *c, track_str f, const track_assess *a,
    int (*resolve)(const track_assess *, track_str))
{
	long id;
	int v, i;

	for (i = 0; i < MEMO; i++)
		if (f.len == c->memo[i].len &&
		    str_same_bytes(f.ptr, c->memo[i].text, f.len))
			return c->memo[i].val;
	id = strmap_find(c->map, f.ptr, f.len);
	if (id >= 0) {
		v = c->val[id];
	} else {
		v = resolve(a, f);
		if (v < -1 || strmap_count(c->map) >= CACHE_MAX)
			return v;
		id = strmap_intern(c->map, f.ptr, f.len, NULL);
		if (id < 0 || fit_int(&c->val, &c->cap, id) != 0)
			return -2;
		c->val[id] = v;
	}
	if (f.len <= sizeof c->memo[0].text && v >= -1) {
		struct memo *mm = &c->memo[c->next++ % MEMO];

		memcpy(mm->text, f.ptr, f.len);
		mm->len = f.len;
		mm->val = v;
	}
	return v;
}

static int
resolve_subject(const track_assess *a, track_str f)
{
	return scheme_subject_index(a->s, f.ptr, f.len);
}

static int
resolve_measure(const track_assess *a, track_str f)
{
	return scheme_measure_index(a->s, f.ptr, f.len);
}

static int
resolve_year(const track_assess *a, track_str f)
{
	return scheme_year_index(a->s, f.ptr, f.len);
}

/* A year index, or (custom list index + 1) negated minus 1: -2, -3, ... */
static int
resolve_against(const track_assess *a, track_str f)
{
	int y = scheme_year_index(a->s, f.ptr, f.len), c;

	if (y >= 0)
		return y;
	c = scheme_custom_index(a->s, f.ptr, f.len);
	return c >= 0 ? -2 - c : -1;
}

/*
 * Points are interned by their canonical text: a known point's is short
 * (SCHEME_POINT_MAX), an unknown point's is its own trimmed text, of any
 * length, so two long points are never taken for one.
 */
long
assess_point_intern(track_assess *a, const char *text, size_t len)
{
	char buf[SCHEME_POINT_MAX];
	const char *canon;
	int added;
	long id;
	size_t cl;

	scheme_point_canon(a->s, text, len, buf, &canon, &cl);
	id = strmap_intern(a->points, canon, cl, &added);
	if (id < 0)
		return -1;
	if (added) {
		if ((size_t)id >= a->pcap) {
			size_t n = a->pcap ? a->pcap * 2 : 64;
			struct pinfo *p = realloc(a->pinfo, n * sizeof *p);

			if (p == NULL)
				return -1;
			a->pinfo = p;
			a->pcap = n;
		}
		a->pinfo[id].seen = 0;
		a->pinfo[id].kind = scheme_point_key(a->s, canon, cl,
		    &a->pinfo[id].key);
		a->pinfo[id].key.text = NULL;	/* fetched when compared */
	}
	return id;
}

static int
resolve_point(const track_assess *a, track_str f)
{
	track_assess *w = (track_assess *)a;
	long id = assess_point_intern(w, f.ptr, f.len);

	if (id < 0)
		return -2;
	w->pinfo[id].seen = 1;	/* a record has it */
	return (int)id;
}

const char *
assess_point_text(const track_assess *a, long id)
{
	return strmap_key(a->points, id, NULL);
}

size_t
assess_point_count(const track_assess *a)
{
	return strmap_count(a->points);
}

int
assess_point_cmp(const track_assess *a, long x, long y)
{
	track_point_key kx = a->pinfo[x].key, ky = a->pinfo[y].key;

	if (x == y)
		return 0;
	if (a->pinfo[x].kind == TRACK_POINT_UNKNOWN)
		kx.text = strmap_key(a->points, x, &kx.len);
	if (a->pinfo[y].kind == TRACK_POINT_UNKNOWN)
		ky.text = strmap_key(a->points, y, &ky.len);
	return scheme_point_cmp(&kx, &ky);
}

int
assess_points_seen(const track_assess *a, char *out, size_t outsz)
{
	size_t n = a ? assess_point_count(a) : 0, i, j, k = 0, len = 0;
	long *v = calloc(n + 1, sizeof *v);

	if (outsz > 0)
		out[0] = '\0';
	if (v == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		if (!a->pinfo[i].seen)
			continue;
		/* Insertion sort in scheme order; there are few points. */
		for (j = k; j > 0 && assess_point_cmp(a, v[j - 1], (long)i) > 0;
		    j--)
			v[j] = v[j - 1];
		v[j] = (long)i;
		k++;
	}
	for (i = 0; i < k; i++) {
		int w = snprintf(out + len, outsz - len, "%s%s", i ? ", " : "",
		    assess_point_text(a, v[i]));

		if (w < 0 || (size_t)w >= outsz - len) {
			if (outsz > 4)
				strcpy(out + outsz - 4, "...");
			break;
		}
		len += (size_t)w;
	}
	free(v);
	return 0;
}

int
assess_point_better(const track_assess *a, long x, long y)
{
	int tx = assess_point_is_term(a, x), ty = assess_point_is_term(a, y);

	if (tx != ty)
		return tx;
	return assess_point_cmp(a, x, y) > 0;
}

int
assess_point_is_term(const track_assess *a, long id)
{
	return a->pinfo[id].kind == TRACK_POINT_TERM ||
	    a->pinfo[id].kind == TRACK_POINT_SCOPED_TERM;
}

/* The scale for a subject, measure and point, cached by their ids. */
static const track_scale *
scale_of(track_assess *a, int subject, int measure, long point)
{
	uint64_t k = (uint64_t)(uint32_t)subject << 48 |
	    (uint64_t)(uint32_t)measure << 32 | (uint64_t)(uint32_t)point;
	const track_scale *sc;
	int added;
	long id;

	id = u64map_intern(a->scales, k, &added);
	if (id < 0)
		return NULL;
	if (!added)
		return a->scale[id];
	if ((size_t)id >= a->scap) {
		size_t n = a->scap ? a->scap * 2 : 64;
		const track_scale **p = realloc(a->scale, n * sizeof *p);

		if (p == NULL)
			return NULL;
		a->scale = p;
		a->scap = n;
	}
	sc = scheme_scale_for(a->s, scheme_subject_id_at(a->s,
	    (size_t)subject), scheme_measure_id_at(a->s, (size_t)measure),
	    assess_point_text(a, point));
	a->scale[id] = sc;
	return sc;
}

/*
 * Parses value `v` on scale `sc`, through the cache of good values.
 * Returns 0, TRACK_EXIT_DATA (err filled) or TRACK_EXIT_IO.
 */
static int
parse_value(track_assess *a, const track_scale *sc, const char *what,
    track_str v, track_value *out, track_error *err)
{
	size_t kl = sizeof sc + v.len, i;
	struct vmemo *mm;
	long id;
	int rc;

	for (i = 0; i < MEMO * 2; i++) {
		mm = &a->vmemo[i];
		if (mm->sc == sc && mm->len == v.len && v.len > 0 &&
		    mm->text[0] == v.ptr[0] &&
		    memcmp(mm->text, v.ptr, v.len) == 0) {
			*out = mm->v;
			return 0;
		}
	}
	if (kl <= sizeof a->key) {
		memcpy(a->key, &sc, sizeof sc);
		memcpy(a->key + sizeof sc, v.ptr, v.len);
		id = strmap_find(a->values, a->key, kl);
		if (id >= 0) {
			*out = a->value[id];
			goto remember;
		}
	}
	rc = scheme_value_parse_as(sc, what, v.ptr, v.len, out, err);
	if (rc != 0 || kl > sizeof a->key ||
	    strmap_count(a->values) >= CACHE_MAX)
		return rc;
	id = strmap_intern(a->values, a->key, kl, NULL);
	if (id < 0)
		return error_set(err, TRACK_EXIT_IO, NULL, 0, "out of memory");
	if ((size_t)id >= a->vcap) {
		size_t n = a->vcap ? a->vcap * 2 : 256;
		track_value *p = realloc(a->value, n * sizeof *p);

		if (p == NULL)
			return error_set(err, TRACK_EXIT_IO, NULL, 0,
			    "out of memory");
		a->value = p;
		a->vcap = n;
	}
	a->value[id] = *out;
remember:
	if (v.len <= sizeof mm->text) {
		mm = &a->vmemo[a->vnext++ % (MEMO * 2)];
		mm->sc = sc;
		memcpy(mm->text, v.ptr, v.len);
		mm->len = v.len;
		mm->v = *out;
	}
	return 0;
}

int
assess_parse_date(const char *t, size_t len, int *months, int *day)
{
	static const int mdays[12] = {
		31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int y, m, d, i;

	if (len < 10 || t[4] != '-' || t[7] != '-')
		return -1;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (t[i] < '0' || t[i] > '9'))
			return -1;
	if (len > 10 && t[10] != 'T' && t[10] != ' ')
		return -1;
	y = (t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 +
	    (t[3] - '0');
	m = (t[5] - '0') * 10 + (t[6] - '0');
	d = (t[8] - '0') * 10 + (t[9] - '0');
	if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1] -
	    (m == 2 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))))
		return -1;
	*months = y * 12 + m - 1;
	*day = d;
	return 0;
}

/* The bytes of a bad value a message shows; a longer one ends in "...". */
#define SHOWN 80
#define SHOW(v) (int)((v).len > SHOWN ? SHOWN : (v).len), (v).ptr, \
	(v).len > SHOWN ? "..." : ""

/* Writes `what "text"` with a suggestion from `cands` into err. */
static int
unknown(track_error *err, const char *what, track_str v,
    const char *const *cands, size_t n)
{
	const char *near = suggest_nearest(v.ptr, v.len, cands, n);

	return error_set(err, TRACK_EXIT_DATA, NULL, 0,
	    "unknown %s \"%.*s%s\"%s%s%s", what, SHOW(v),
	    near ? " (did you mean " : "", near ? near : "",
	    near ? "?)" : "");
}

/* An unknown-id error with the ids `at` gives as candidates. */
static int
unknown_id(track_error *err, const track_scheme *s, const char *what,
    track_str v, const char *(*at)(const track_scheme *, size_t), size_t n)
{
	const char *c[64] = { NULL };
	char list[8 * (2 + SCHEME_ID_MAX) + 1];	/* 8 ids always fit */
	size_t i, k = n < 64 ? n : 64, len = 0;

	for (i = 0; i < k; i++)
		c[i] = at(s, i);
	if (suggest_nearest(v.ptr, v.len, c, k) != NULL)
		return unknown(err, what, v, c, k);
	/* Nothing close: say what there is, and where to add it. */
	list[0] = '\0';
	for (i = 0; i < k && i < 8; i++) {
		int w = snprintf(list + len, sizeof list - len, "%s%s",
		    i ? ", " : "", c[i]);

		if (w < 0 || (size_t)w >= sizeof list - len)
			break;
		len += (size_t)w;
	}
	return error_set(err, TRACK_EXIT_DATA, NULL, 0,
	    "unknown %s \"%.*s%s\" (the scheme has %s%s; a new one goes in "
	    "the scheme file, given with -s)", what, SHOW(v), list,
	    n > 8 ? ", ..." : "");
}

/*
 * An unknown-point error.  "2025-26.autum" is matched as a year and a
 * term, so the suggestion is "2025-26.autumn".
 */
static int
unknown_point(track_error *err, const track_scheme *s, track_str v)
{
	const char *c[64], *near;
	size_t i, k = scheme_point_count(s), pre = 0;

	k = k < 64 ? k : 64;
	for (i = 0; i < k; i++)
		c[i] = scheme_point_id_at(s, i);
	for (i = 0; i < v.len; i++)
		if (v.ptr[i] == '.' && scheme_academic_year(v.ptr, i) > 0) {
			pre = i + 1;
			break;
		}
	near = suggest_nearest(v.ptr + pre, v.len - pre, c, k);
	return error_set(err, TRACK_EXIT_DATA, NULL, 0,
	    "unknown point \"%.*s%s\"%s%.*s%s%s", SHOW(v),
	    near ? " (did you mean " : "", (int)(near ? pre : 0),
	    v.ptr, near ? near : "", near ? "?)" : "");
}

/*
 * Fails when column `c` (`name`) of `row` has a value that is not an ISO
 * 8601 date: a UK date left as the export wrote it, say, which would
 * otherwise read as no date at all.
 */
static int
not_iso(const track_assess *a, const track_str *row, int c, const char *name,
    track_error *err)
{
	track_str v;
	int m, d;

	if (a->col[c] < 0)
		return 0;
	v = str_trim(row[a->col[c]]);
	if (v.len == 0 || assess_parse_date(v.ptr, v.len, &m, &d) == 0)
		return 0;
	return error_set(err, TRACK_EXIT_DATA, NULL, 0,
	    "%s \"%.*s%s\" is not an ISO 8601 date (YYYY-MM-DD); track-import "
	    "reads dates as exports write them (31/01/2025, 31-Jan-2025)",
	    name, SHOW(v));
}

/* Works out the pupil's age in months on the date assessed, or -1. */
static int
age_of(track_assess *a, const track_str *row, long point)
{
	int bm, bd, dm, dd, age;
	const char *pd;

	if (a->col[A_DOB] < 0 || assess_parse_date(row[a->col[A_DOB]].ptr,
	    row[a->col[A_DOB]].len, &bm, &bd) != 0)
		return -1;
	if (a->col[A_DATE] >= 0 && row[a->col[A_DATE]].len > 0) {
		if (assess_parse_date(row[a->col[A_DATE]].ptr,
		    row[a->col[A_DATE]].len, &dm, &dd) != 0)
			return -1;
	} else {
		pd = scheme_point_date(a->s, assess_point_text(a, point),
		    strlen(assess_point_text(a, point)));
		if (pd == NULL || assess_parse_date(pd, strlen(pd), &dm,
		    &dd) != 0)
			return -1;
	}
	age = dm - bm - (dd < bd);
	return age < 0 ? -1 : age;
}

long
assess_peek_point(track_assess *a, const track_str *row)
{
	int v = cached(&a->rawpoint, row[a->col[A_POINT]], a, resolve_point);

	return v < 0 ? -1 : v;
}

/*
 * Writes the row's deciding fields (those of a->sigcol) into a->skey as
 * whole words: one word of their lengths and whether the row has an
 * objective, then each field's bytes, eight to a word, the last word
 * padded with zeros.  So two rows have the same words exactly when their
 * fields are the same bytes.  Built and read a word at a time, the key is
 * never read back through narrower stores than wrote it.  Sets *hash to a
 * hash of the words (mixed again by the map) and returns the number of
 * words, or 0 when a field is too long to be worth caching.
 */
static size_t
sig_key(track_assess *a, const track_str *row, int objective,
    uint64_t *hash)
{
	uint64_t head = (uint64_t)objective, h = 0, w;
	size_t n = 1, i, j;

	for (i = 0; i < a->nsigcol; i++) {
		const track_str *f = &row[a->sigcol[i]];

		if (f->len > SIG_FIELD_MAX)
			return 0;
		head |= (uint64_t)f->len << (1 + 6 * i);
		for (j = 0; j + 8 <= f->len; j += 8) {
			memcpy(&w, f->ptr + j, 8);
			a->skey[n++] = w;
			h = (h + w) * 0x9e3779b97f4a7c15ULL;
		}
		if (j < f->len) {
			w = swar_load_exact(f->ptr + j, f->len - j);
			a->skey[n++] = w;
			h = (h + w) * 0x9e3779b97f4a7c15ULL;
		}
	}
	a->skey[0] = head;
	for (i = n; i < FRONT_WORDS; i++)
		a->skey[i] = 0;
	*hash = (h ^ head) * 0xc4ceb9fe1a85ec53ULL;
	return n;
}

/* Nonzero when the n words of key k equal those stored at p. */
static int
sig_same(const uint64_t *k, const char *p, size_t n)
{
	uint64_t d = 0, w;
	size_t i;

	for (i = 0; i < n; i++) {
		memcpy(&w, p + i * 8, 8);
		d |= w ^ k[i];
	}
	return d == 0;
}

/*
 * The front slot for key a->skey of kl words and hash h, or NULL when the
 * key is too long for one.
 */
static struct front *
front_of(track_assess *a, size_t kl, uint64_t h)
{
	return kl <= FRONT_WORDS ? &a->front[h >> (64 - FRONT_BITS)] : NULL;
}

/* Puts key a->skey, of id `id` in the map, in front slot f (if any). */
static void
front_put(track_assess *a, struct front *f, long id)
{
	if (f == NULL)
		return;
	memcpy(f->w, a->skey, sizeof f->w);
	f->id = (uint64_t)id + 1;
}

/*
 * The id of key a->skey (kl words, hash h) in the row cache, or -1 when
 * the cache does not hold it.
 */
static long
sig_find(track_assess *a, size_t kl, uint64_t h)
{
	struct front *f = front_of(a, kl, h);
	uint64_t d = 0;
	size_t i;
	long id;

	if (f != NULL && f->id != 0) {
		for (i = 0; i < FRONT_WORDS; i++)
			d |= f->w[i] ^ a->skey[i];
		if (d == 0)
			return (long)f->id - 1;
	}
	id = u64map_find(a->sigmap, h);
	if (id < 0 || a->sig[id].len != kl || !sig_same(a->skey,
	    a->sigkeys.ptr + a->sig[id].off, kl))
		return -1;
	front_put(a, f, id);
	return id;
}

static int assess_slow(track_assess *a, const track_str *row,
    struct track_obs *o, track_error *err);

int
assess_row(track_assess *a, const track_str *row, struct track_obs *o,
    track_error *err)
{
	track_str pupil = str_trim(row[a->col[A_PUPIL]]), empty = { "", 0 };
	track_str name, objective;
	size_t kl = 0;
	uint64_t h = 0;
	long id;
	int rc;

	name = a->col[A_NAME] >= 0 ? row[a->col[A_NAME]] : empty;
	objective = a->col[A_OBJECTIVE] >= 0 ?
	    str_trim(row[a->col[A_OBJECTIVE]]) : empty;
	if (pupil.len > 0 && (a->flags & ASSESS_NO_CACHE) == 0)
		kl = sig_key(a, row, objective.len > 0, &h);
	if (kl > 0) {
		id = sig_find(a, kl, h);
		if (id >= 0) {
			*o = a->sig[id].o;
			o->pupil = pupil;
			o->name = name;
			o->objective = objective;
			return 0;
		}
	}
	rc = assess_slow(a, row, o, err);
	/* Remember a good row, unless its band needs the pupil's age. */
	if (rc != 0 || kl == 0 || scheme_scale_kind(o->scale) ==
	    TRACK_SCALE_AGE || u64map_count(a->sigmap) >= CACHE_MAX)
		return rc;
	{
		int added;
		long off;

		id = u64map_intern(a->sigmap, h, &added);
		if (id < 0)
			return error_nomem(err);
		if (!added)
			return 0;	/* a hash collision: leave it */
		off = buf_append(&a->sigkeys, a->skey, kl * 8, 0);
		if (off < 0 || buf_grow(&a->sig, &a->sigcap, (size_t)id + 1,
		    sizeof *a->sig) != 0)
			return error_nomem(err);
		a->sig[id].off = (size_t)off;
		a->sig[id].len = kl;
		front_put(a, front_of(a, kl, h), id);
		o->sig = id;
		a->sig[id].o = *o;
		a->sig[id].o.pupil = a->sig[id].o.name = empty;
		a->sig[id].o.objective = empty;
	}
	return 0;
}

/*
 * Reads the identity of row `row` into *o: its subject, measure and point.
 * Returns 0, or fails as assess_row does.
 */
static int
read_identity(track_assess *a, const track_str *row, struct track_obs *o,
    track_error *err)
{
	const track_scheme *s = a->s;
	track_str f, empty = { "", 0 };
	int v;

	f = row[a->col[A_SUBJECT]];
	v = cached(&a->subject, f, a, resolve_subject);
	if (v == -2)
		return error_nomem(err);
	if (v < 0)
		return unknown_id(err, s, "subject", str_trim(f),
		    scheme_subject_id_at, scheme_subject_count(s));
	o->subject = v;

	f = a->col[A_MEASURE] >= 0 ? row[a->col[A_MEASURE]] : empty;
	v = cached(&a->measure, f, a, resolve_measure);
	if (v == -2)
		return error_nomem(err);
	if (v < 0)
		return unknown_id(err, s, "measure", str_trim(f),
		    scheme_measure_id_at, scheme_measure_count(s));
	o->measure = v;

	f = row[a->col[A_POINT]];
	v = cached(&a->rawpoint, f, a, resolve_point);
	if (v < 0)
		return error_nomem(err);
	o->point = v;
	if ((a->flags & ASSESS_STRICT_POINTS) &&
	    a->pinfo[v].kind == TRACK_POINT_UNKNOWN)
		return unknown_point(err, s, str_trim(f));
	return 0;
}

/*
 * Reads the pupil's year and what the row was assessed against into *o,
 * with the out-of-year rule's verdict (o->ooy).  Returns 0, or fails as
 * assess_row does.
 */
static int
read_year(track_assess *a, const track_str *row, struct track_obs *o,
    track_error *err)
{
	const track_scheme *s = a->s;
	track_str f;
	int v;

	if (a->col[A_YEAR] >= 0 && str_trim(row[a->col[A_YEAR]]).len > 0) {
		f = row[a->col[A_YEAR]];
		v = cached(&a->year, f, a, resolve_year);
		if (v == -2)
			return error_nomem(err);
		if (v < 0)
			return unknown_id(err, s, "year group", str_trim(f),
			    scheme_year_id_at, scheme_year_count(s));
		o->year = v;
	}
	if (a->col[A_AGAINST] < 0 || str_trim(row[a->col[A_AGAINST]]).len == 0)
		return 0;
	f = row[a->col[A_AGAINST]];
	v = cached(&a->against, f, a, resolve_against);
	if (v == -1)
		return unknown_id(err, s, "year group or custom list "
		    "in against", str_trim(f), scheme_year_id_at,
		    scheme_year_count(s));
	if (v >= 0 && v != o->year) {
		o->against = v;
		if (o->year < 0)
			return error_set(err, TRACK_EXIT_DATA, NULL, 0,
			    "\"against\" is set but \"year\" is blank, "
			    "so the out-of-year rule cannot apply");
		o->ooy = v < o->year ? OOY_BELOW : OOY_ABOVE;
	} else if (v < -1) {
		o->custom = -2 - v;
		o->ooy = OOY_CUSTOM;
	}
	return 0;
}

/*
 * Reads the value of row `row` on its scale into *o (the identity and
 * year read already), and works out its rank, the pupil's age when the
 * scale needs it, and the band: the row's own with ASSESS_USE_BAND, else
 * the scheme's.  Returns 0, or fails as assess_row does.
 */
static int
read_value(track_assess *a, const track_str *row, struct track_obs *o,
    track_error *err)
{
	const track_scheme *s = a->s;
	track_value_ctx ctx;
	track_str f;
	int rc;

	o->scale = scale_of(a, o->subject, o->measure, o->point);
	if (o->scale == NULL)
		return error_nomem(err);
	rc = parse_value(a, o->scale, (size_t)o->measure ==
	    (size_t)scheme_measure_index(s, "", 0) ?
	    scheme_subject_id_at(s, (size_t)o->subject) :
	    scheme_measure_id_at(s, (size_t)o->measure),
	    row[a->col[A_VALUE]], &o->value, err);
	if (rc != 0)
		return rc;
	if (o->objective.len > 0) {
		/* An objective is judged on its own words: no out-of-year. */
		o->ooy = OOY_NONE;
	}
	if (scheme_scale_kind(o->scale) == TRACK_SCALE_AGE) {
		if ((rc = not_iso(a, row, A_DOB, "dob", err)) != 0 ||
		    (rc = not_iso(a, row, A_DATE, "date", err)) != 0)
			return rc;
		o->age = age_of(a, row, o->point);
	}
	o->rank = scheme_value_rank(o->scale, &o->value);

	if ((a->flags & ASSESS_USE_BAND) && a->col[A_BAND] >= 0 &&
	    str_trim(row[a->col[A_BAND]]).len > 0) {
		f = str_trim(row[a->col[A_BAND]]);
		o->band = scheme_band_index(s, f.ptr, f.len);
		if (o->band < 0)
			return unknown_id(err, s, "band", f, scheme_band_id,
			    scheme_band_count(s));
		return 0;
	}
	ctx.year = o->year;
	ctx.against = o->ooy == OOY_BELOW || o->ooy == OOY_ABOVE ?
	    o->against : -1;
	ctx.custom = o->ooy == OOY_CUSTOM;
	ctx.age = o->age;
	return scheme_value_band(s, o->scale, &o->value, &ctx, &o->band, err);
}

/* Reads a row the long way: every field looked up and checked. */
static int
assess_slow(track_assess *a, const track_str *row, struct track_obs *o,
    track_error *err)
{
	track_str empty = { "", 0 };
	int c, rc;

	memset(o, 0, sizeof *o);
	o->year = o->against = o->custom = o->band = o->age = -1;
	o->sig = -1;
	o->pupil = str_trim(row[a->col[A_PUPIL]]);
	o->name = a->col[A_NAME] >= 0 ? row[a->col[A_NAME]] : empty;
	o->objective = a->col[A_OBJECTIVE] >= 0 ?
	    str_trim(row[a->col[A_OBJECTIVE]]) : empty;
	for (c = A_PUPIL; c <= A_VALUE; c++) {
		if (c == A_NAME || c == A_YEAR || c == A_MEASURE)
			continue;
		if (str_trim(row[a->col[c]]).len == 0)
			return error_set(err, TRACK_EXIT_DATA, NULL, 0,
			    "blank %s", colname[c]);
	}
	rc = read_identity(a, row, o, err);
	if (rc == 0)
		rc = read_year(a, row, o, err);
	if (rc == 0)
		rc = read_value(a, row, o, err);
	return rc;
}

int
assess_year_short(const track_scheme *s, int year, char *out, size_t outsz)
{
	const char *id = scheme_year_id_at(s, (size_t)year);
	int n;

	n = snprintf(out, outsz, "%s%s", id[0] >= '0' && id[0] <= '9' ?
	    "Y" : "", id);
	return n < 0 || (size_t)n >= outsz ? -1 : n;
}

int
assess_own_words(const track_assess *a, const struct track_obs *o,
    char *out, size_t outsz)
{
	char val[SCHEME_VALUE_MAX], pre[1 + SCHEME_ID_MAX + 1];
	int n;

	if (scheme_value_format(o->scale, &o->value, val, sizeof val) < 0)
		return -1;
	pre[0] = '\0';
	if (o->ooy == OOY_BELOW || o->ooy == OOY_ABOVE) {
		if (assess_year_short(a->s, o->against, pre, sizeof pre) < 0)
			return -1;
	} else if (o->ooy == OOY_CUSTOM) {
		n = snprintf(pre, sizeof pre, "%s",
		    scheme_custom_id(a->s, (size_t)o->custom));
		if (n < 0 || (size_t)n >= sizeof pre)
			return -1;
	}
	n = snprintf(out, outsz, "%s%s%s", pre, pre[0] ? " " : "", val);
	return n < 0 || (size_t)n >= outsz ? -1 : n;
}

void
assess_free(track_assess *a)
{
	if (a == NULL)
		return;
	strmap_free(a->subject.map);
	strmap_free(a->measure.map);
	strmap_free(a->year.map);
	strmap_free(a->against.map);
	strmap_free(a->rawpoint.map);
	free(a->subject.val);
	free(a->measure.val);
	free(a->year.val);
	free(a->against.val);
	free(a->rawpoint.val);
	strmap_free(a->points);
	free(a->pinfo);
	u64map_free(a->scales);
	u64map_free(a->sigmap);
	free(a->front);
	free(a->sig);
	buf_free(&a->sigkeys);
	free(a->scale);
	strmap_free(a->values);
	free(a->value);
	free(a);
}
