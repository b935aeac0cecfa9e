/* filter.c - choosing and reshaping records; see filter.h. */
#include "filter.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/buf.h"
#include "base/str.h"
#include "base/strmap.h"
#include "base/swar.h"
#include "base/u64map.h"
#include "records.h"
#include "scheme/scheme.h"

/* A row held for --latest: its fields in the arena, its group and point. */
struct held {
	size_t off;
	long group, point;
};

/* Groups remembered in front of the map (see group_id). */
#define RECENT 64
/* Pairs of points whose order is kept in a table (see point_later). */
#define SMALL_POINTS 32

struct track_filter {
	struct track_filter_opts o;
	track_scheme *scheme;	/* with --latest or --pseudonymise */
	track_pseudo *pseudo;	/* --pseudonymise */
	int loose;		/* the key file can be read by others */
	enum track_filter_set set;	/* the set being read */
	long set_col;		/* its pupil column */

	track_strmap *in_set, *not_in_set;
	long pupil_col, name_col;
	size_t *cols;		/* output column -> input column */
	size_t ncols;
	track_str *out;		/* the projected row */
	track_str *outhdr;	/* the projected header */
	track_str *dropped;	/* columns --pseudonymise leaves out */
	size_t ndropped;
	char pname[PSEUDO_LEN + 1];
	size_t pnamelen;

	/* --latest */
	long subject_col, measure_col, point_col;
	track_strmap *groups, *points;
	track_buf arena;	/* held rows' fields, NUL after each */
	track_buf key;		/* the group key being built (reused) */
	track_str gf[3];	/* the row's group: see group_fields */
	long recent[RECENT];	/* groups met lately + 1, or 0: see group_id */
	long next_group;	/* the first group not met yet (see group_id) */
	long lastpt[16];	/* points met lately + 1, or 0: see point_id */
	unsigned nextpt;	/* the slot of lastpt to fill next */
	unsigned hitpt;		/* the slot of lastpt met last */
	struct held *held;
	size_t nheld, heldcap;
	long *rank, *best;	/* once ranked: point -> rank, group -> best */
	size_t next;		/* the next held row to look at */
	int plain;		/* every row passes unchanged */

	/*
	 * --latest over regular files (filter_plan_bind, _row and _done):
	 * a first pass finds each group's latest point, `top`, and the
	 * second writes the rows at it as they come, holding none.
	 */
	int planned;
	int plan_bound;		/* the first pass bound a header */
	long *top;		/* group -> its latest point id */
	size_t topcap;
	track_u64map *pairs;	/* (point, point) -> index in `later` */
	signed char *later;	/* is the first of the pair the later? */
	size_t latercap;
	/* point_later's answers for ids below SMALL_POINTS: 0, 1, or -1
	 * when not asked yet */
	signed char small[SMALL_POINTS][SMALL_POINTS];
};

static int
oom(track_error *err)
{
	return error_set(err, TRACK_EXIT_IO, NULL, 0, "out of memory");
}

int
filter_new(track_filter **out, const struct track_filter_opts *o,
    track_error *err)
{
	track_filter *f;
	int rc = 0;

	*out = NULL;
	if (o->nkeep > 0 && o->keyfile == NULL)
		return error_set(err, TRACK_EXIT_USAGE, NULL, 0, "--keep-column "
		    "needs --pseudonymise (without it every column is kept)");
	if (o->split_n > 0 && (o->shard_n > 0 || o->latest))
		return error_set(err, TRACK_EXIT_USAGE, NULL, 0, "--split "
		    "writes every shard: not with --%s", o->shard_n > 0 ?
		    "shard" : "latest (run --latest first, then --split)");
	f = calloc(1, sizeof *f);
	if (f == NULL)
		return oom(err);
	f->o = *o;
	memset(f->small, -1, sizeof f->small);
	f->pupil_col = f->name_col = -1;
	f->subject_col = f->measure_col = f->point_col = -1;
	if (o->latest || o->keyfile != NULL)
		rc = scheme_load(&f->scheme, o->scheme_file, err);
	if (rc == 0 && o->keyfile != NULL)
		rc = pseudo_open(&f->pseudo, o->keyfile, &f->loose, err);
	if (rc == 0 && ((o->in && (f->in_set = strmap_new()) == NULL) ||
	    (o->not_in && (f->not_in_set = strmap_new()) == NULL) ||
	    (o->latest && ((f->groups = strmap_new()) == NULL ||
	    (f->points = strmap_new()) == NULL))))
		rc = oom(err);
	if (rc != 0) {
		filter_free(f);
		return rc;
	}
	*out = f;
	return 0;
}

int
filter_key_loose(const track_filter *f)
{
	return f->loose;
}

int
filter_set_add(track_filter *f, enum track_filter_set which, track_str id,
    track_error *err)
{
	track_strmap *set = which == TRACK_FILTER_IN ? f->in_set :
	    f->not_in_set;

	id = str_trim(id);
	if (set == NULL || id.len == 0)
		return 0;
	if (strmap_intern(set, id.ptr, id.len, NULL) < 0)
		return oom(err);
	return 0;
}

int
filter_set_header(track_filter *f, enum track_filter_set which,
    const char *name, const track_str *h, size_t n, track_error *err)
{
	f->set = which;
	f->set_col = records_col(h, n, "pupil");
	if (f->set_col < 0)
		return error_set(err, TRACK_EXIT_DATA, name, 0,
		    "no \"pupil\" column to match on");
	return 0;
}

int
filter_set_row(track_filter *f, const track_str *row, track_error *err)
{
	return filter_set_add(f, f->set, row[f->set_col], err);
}

/* Nonzero when column name `c` is `word` once case and separators go. */
static int
folds_to(track_str c, const char *word)
{
	size_t i;

	for (i = 0; i < c.len; i++) {
		unsigned char b = (unsigned char)c.ptr[i];

		if (!isalnum(b) && b < 0x80)
			continue;
		if (*word == '\0' || tolower(b) != *word++)
			return 0;
	}
	return *word == '\0';
}

/*
 * For --pseudonymise: sets drop[i] for each column of header `h` that
 * identifies a pupil (the scheme's list, or the built-in one) and that
 * --keep-column does not keep.  `pupil` and `name` are not dropped: they
 * get the pseudonym.  Another column spelled "Pupil" is dropped.  Returns
 * 0, or an exit status with err filled.
 */
static int
find_identifying(track_filter *f, const track_str *h, size_t n,
    unsigned char *drop, track_error *err)
{
	const char *const *ids = NULL;
	size_t nids = 0, i, k;
	long c, j;
	char **list;
	int rc = 0;

	if (f->scheme != NULL)
		ids = scheme_identifying(f->scheme, &nids);
	if (ids == NULL)
		for (ids = pseudo_identifying_default, nids = 0;
		    ids[nids] != NULL; nids++)
			;
	for (i = 0; i < n; i++)
		drop[i] = (long)i != f->pupil_col && (long)i != f->name_col &&
		    (folds_to(h[i], "pupil") || pseudo_identifying(ids, nids,
		    h[i].ptr, h[i].len) != NULL);
	for (k = 0; k < f->o.nkeep && rc == 0; k++) {
		j = str_split(f->o.keep[k], ',', &list);
		if (j < 0)
			return oom(err);
		while (j-- > 0 && rc == 0) {
			c = records_col(h, n, list[j]);
			if (c < 0)
				rc = error_set(err, TRACK_EXIT_USAGE, NULL, 0,
				    "--keep-column: no column \"%s\" in the "
				    "input", list[j]);
			else if (c == f->pupil_col || c == f->name_col)
				rc = error_set(err, TRACK_EXIT_USAGE, NULL, 0,
				    "--keep-column: \"%s\" always gets the "
				    "pseudonym", list[j]);
			else
				drop[c] = 0;
		}
		free(list);
	}
	return rc;
}

/*
 * Binds the columns the options need by name: the pupil (and name) for
 * --in, --not-in, --shard, --pseudonymise and --latest; subject, measure
 * and point for --latest.  Returns 0 or TRACK_EXIT_USAGE with err filled.
 */
static int
bind_named(track_filter *f, const track_str *h, size_t n, track_error *err)
{
	const struct track_filter_opts *o = &f->o;

	f->pupil_col = records_col(h, n, "pupil");
	f->name_col = records_col(h, n, "name");
	if (f->pupil_col < 0 && (o->in || o->not_in || o->shard_n ||
	    o->split_n || o->keyfile || o->latest))
		return error_set(err, TRACK_EXIT_USAGE, NULL, 0,
		    "no \"pupil\" column in the input, which --%s needs",
		    o->in ? "in" : o->not_in ? "not-in" : o->shard_n ?
		    "shard" : o->split_n ? "split" : o->keyfile ?
		    "pseudonymise" : "latest");
	if (o->latest) {
		f->subject_col = records_col(h, n, "subject");
		f->measure_col = records_col(h, n, "measure");
		f->point_col = records_col(h, n, "point");
		if (f->subject_col < 0 || f->point_col < 0)
			return error_set(err, TRACK_EXIT_USAGE, NULL, 0,
			    "--latest needs \"subject\" and \"point\" columns "
			    "in the input");
	}
	return 0;
}

/*
 * The output columns named by -c, none of which may be one that
 * --pseudonymise leaves out (drop).  Returns 0 or an exit status with err
 * filled.
 */
static int
bind_columns(track_filter *f, const track_str *h, size_t n,
    const unsigned char *drop, track_error *err)
{
	char **list;
	long k = str_split(f->o.columns, ',', &list), c;
	size_t i;
	int rc = 0;

	if (k < 0)
		return oom(err);
	f->cols = calloc((size_t)k + 1, sizeof *f->cols);
	if (f->cols == NULL)
		rc = oom(err);
	for (i = 0; rc == 0 && i < (size_t)k; i++) {
		c = records_col(h, n, list[i]);
		if (c < 0)
			rc = error_set(err, TRACK_EXIT_USAGE, NULL, 0,
			    "-c: no column \"%s\" in the input", list[i]);
		else if (drop[c])
			rc = error_set(err, TRACK_EXIT_USAGE, NULL, 0,
			    "-c: column \"%s\" identifies a pupil, and "
			    "--pseudonymise leaves it out (--keep-column %s "
			    "keeps it)", list[i], list[i]);
		else
			f->cols[i] = (size_t)c;
	}
	free(list);
	f->ncols = rc == 0 ? (size_t)k : 0;
	return rc;
}

/*
 * Every column but those --pseudonymise leaves out (drop), which are
 * kept in f->dropped for the caller's warning.  Returns 0 or
 * TRACK_EXIT_IO with err filled.
 */
static int
bind_all(track_filter *f, const track_str *h, size_t n,
    const unsigned char *drop, track_error *err)
{
	size_t i;

	f->cols = calloc(n + 1, sizeof *f->cols);
	f->dropped = calloc(n + 1, sizeof *f->dropped);
	if (f->cols == NULL || f->dropped == NULL)
		return oom(err);
	for (i = 0; i < n; i++) {
		if (drop[i])
			f->dropped[f->ndropped++] = h[i];
		else
			f->cols[f->ncols++] = i;
	}
	return 0;
}

int
filter_bind(track_filter *f, const track_str *h, size_t n, track_error *err)
{
	unsigned char *drop = NULL;
	size_t i;
	int rc = 0;

	/* Bound again after a first pass (filter_plan_*): anew. */
	free(f->cols);
	free(f->dropped);
	free(f->out);
	free(f->outhdr);
	f->cols = NULL;
	f->dropped = f->out = f->outhdr = NULL;
	f->ncols = f->ndropped = 0;
	for (i = 0; i < f->o.nwhere; i++)
		if (where_bind(f->o.where[i], h, n, err) != 0)
			return TRACK_EXIT_USAGE;
	rc = bind_named(f, h, n, err);
	if (rc != 0)
		return rc;
	drop = calloc(n + 1, 1);
	if (drop == NULL)
		return oom(err);
	if (f->pseudo != NULL)
		rc = find_identifying(f, h, n, drop, err);
	if (rc == 0)
		rc = f->o.columns != NULL ? bind_columns(f, h, n, drop, err) :
		    bind_all(f, h, n, drop, err);
	free(drop);
	if (rc != 0)
		return rc;
	f->out = calloc(f->ncols + 1, sizeof *f->out);
	f->outhdr = calloc(f->ncols + 1, sizeof *f->outhdr);
	if (f->out == NULL || f->outhdr == NULL)
		return oom(err);
	for (i = 0; i < f->ncols; i++)
		f->outhdr[i] = h[f->cols[i]];
	f->plain = f->o.nwhere == 0 && f->in_set == NULL &&
	    f->not_in_set == NULL && f->o.shard_n == 0 &&
	    f->o.columns == NULL && f->pseudo == NULL && !f->o.latest;
	return 0;
}

int
filter_dropped(const track_filter *f, char **msg)
{
	size_t i, len = 100;
	char *p;

	*msg = NULL;
	if (f->ndropped == 0)
		return 0;
	for (i = 0; i < f->ndropped; i++)
		len += f->dropped[i].len + 4;
	*msg = p = malloc(len);
	if (p == NULL)
		return -1;
	p += sprintf(p, "--pseudonymise leaves out ");
	for (i = 0; i < f->ndropped; i++)
		p += sprintf(p, "%s\"%.*s\"", i > 0 ? ", " : "",
		    (int)f->dropped[i].len, f->dropped[i].ptr);
	sprintf(p, ": %s (--keep-column keeps a column)",
	    f->ndropped == 1 ? "it identifies a pupil" :
	    "they identify a pupil");
	return 0;
}

const track_str *
filter_header(const track_filter *f, size_t *n)
{
	*n = f->ncols;
	return f->outhdr;
}

/* Nonzero when the row passes every test. */
static int
wanted(const track_filter *f, const track_str *row)
{
	size_t i;

	if (f->o.nwhere > 0) {
		int ok = !f->o.any;

		for (i = 0; i < f->o.nwhere; i++) {
			int m = where_match(f->o.where[i], row);

			if (f->o.any && m) {
				ok = 1;
				break;
			}
			if (!f->o.any && !m) {
				ok = 0;
				break;
			}
		}
		if (!ok)
			return 0;
	}
	if (f->pupil_col >= 0 && (f->in_set != NULL || f->not_in_set != NULL ||
	    f->o.shard_n != 0)) {
		track_str p = str_trim(row[f->pupil_col]);

		if (f->in_set && strmap_find(f->in_set, p.ptr, p.len) < 0)
			return 0;
		if (f->not_in_set &&
		    strmap_find(f->not_in_set, p.ptr, p.len) >= 0)
			return 0;
		if (f->o.shard_n &&
		    pseudo_shard(p.ptr, p.len, f->o.shard_n) != f->o.shard_i)
			return 0;
	}
	return 1;
}

/*
 * Projects the row onto the output columns, pseudonymising, and returns
 * the row to write: `row` itself when there is nothing to change.
 */
static const track_str *
project(track_filter *f, const track_str *row)
{
	size_t i;

	if (f->o.columns == NULL && f->pseudo == NULL)
		return row;
	if (f->pseudo != NULL) {
		track_str p = row[f->pupil_col];

		f->pnamelen = pseudo_make(f->pseudo, p.ptr, p.len, f->pname);
	}
	for (i = 0; i < f->ncols; i++) {
		long c = (long)f->cols[i];

		f->out[i] = row[c];
		if (f->pseudo != NULL && (c == f->pupil_col ||
		    c == f->name_col)) {
			f->out[i].ptr = f->pname;
			f->out[i].len = f->pnamelen;
		}
	}
	return f->out;
}

/*
 * A group's key, as the map keeps it, is each of its three fields as a
 * varint length and its bytes, so that ("ab", "c") and ("a", "bc")
 * differ.  It is built only for a group the map is asked about: the
 * hash is taken from the fields where they lie, a word at a time, and a
 * group met lately is checked against its kept key field by field.
 * Building the key first and reading it back a word at a time made the
 * reads wait on the narrower stores that wrote it, twice a record.
 */

/* Mixes word w into hash h. */
static inline uint64_t
key_mix(uint64_t h, uint64_t w)
{
	return (h ^ w) * 0xff51afd7ed558ccdULL;
}

/* Mixes field v (its length, then its bytes a word at a time) into h. */
static inline uint64_t
key_hash_field(uint64_t h, track_str v)
{
	size_t j;
	uint64_t w;

	h = key_mix(h, v.len);
	for (j = 0; j + 8 <= v.len; j += 8) {
		memcpy(&w, v.ptr + j, 8);
		h = key_mix(h, w);
	}
	if (j < v.len)
		h = key_mix(h, swar_load_exact(v.ptr + j, v.len - j));
	return h;
}

/*
 * Reads row's (pupil, subject, measure) group into f->gf: each trimmed,
 * a blank measure read as "ta"; returns their hash.
 */
static uint64_t
group_fields(track_filter *f, const track_str *row)
{
	uint64_t h = 0x9e3779b97f4a7c15ULL;
	size_t i;

	f->gf[0] = str_trim(row[f->pupil_col]);
	f->gf[1] = str_trim(row[f->subject_col]);
	f->gf[2] = f->measure_col >= 0 ? str_trim(row[f->measure_col]) :
	    (track_str){ "", 0 };
	if (f->gf[2].len == 0)
		f->gf[2] = (track_str){ "ta", 2 };
	for (i = 0; i < 3; i++)
		h = key_hash_field(h, f->gf[i]);
	h ^= h >> 32;
	h *= 0xc4ceb9fe1a85ec53ULL;
	return h ^ (h >> 29);
}

/* Nonzero when kept key k (len bytes) is that of the group in f->gf. */
static int
key_is(const track_filter *f, const char *k, size_t len)
{
	const char *p = k, *end = k + len;
	size_t i;
	uint64_t n;

	for (i = 0; i < 3; i++) {
		if (p >= end)
			return 0;
		n = buf_read_varint(&p);
		if (n != f->gf[i].len || n > (size_t)(end - p) ||
		    !str_same_bytes(p, f->gf[i].ptr, n))
			return 0;
		p += n;
	}
	return p == end;
}

/* Builds in f->key the kept key of the group in f->gf; -1: no memory. */
static int
group_key(track_filter *f)
{
	char *o;
	size_t i;

	f->key.len = 0;
	if (buf_reserve(&f->key, f->gf[0].len + f->gf[1].len +
	    f->gf[2].len + 30) != 0)
		return -1;
	o = f->key.ptr;
	for (i = 0; i < 3; i++) {
		o = buf_put_varint(o, f->gf[i].len);
		memcpy(o, f->gf[i].ptr, f->gf[i].len);
		o += f->gf[i].len;
	}
	f->key.len = (size_t)(o - f->key.ptr);
	return 0;
}

/*
 * The id of row's (pupil, subject, measure) group, interned when `add`;
 * -1 when absent, -2 when out of memory.  A pupil's records mostly come
 * together (an export goes pupil by pupil, or subject by subject within a
 * pupil), so a record's group is usually one met a few rows before: a
 * few are kept in front of the map, in a slot chosen by hash, and the
 * one found there is checked against its key, still in the cache,
 * without the map's three reads far apart in memory.  Keys out of order
 * only miss.
 */
static long
group_id(track_filter *f, const track_str *row, int add)
{
	uint64_t h = group_fields(f, row);
	size_t r = (size_t)(h % RECENT), len;
	const char *k;
	long g;

	if (f->recent[r] > 0) {
		k = strmap_key(f->groups, f->recent[r] - 1, &len);
		if (key_is(f, k, len))
			return f->recent[r] - 1;
	}
	g = -1;
	if (!add && (size_t)f->next_group < strmap_count(f->groups)) {
		k = strmap_key(f->groups, f->next_group, &len);
		if (key_is(f, k, len))
			g = f->next_group;
	}
	if (g < 0) {
		if (group_key(f) != 0)
			return -2;
		g = add ? strmap_intern_hashed(f->groups, f->key.ptr,
		    f->key.len, h, NULL) : strmap_find_hashed(f->groups,
		    f->key.ptr, f->key.len, h);
		if (g < 0 && add)
			return -2;
	}
	if (g >= f->next_group)
		f->next_group = g + 1;
	if (g >= 0)
		f->recent[r] = g + 1;
	return g;
}

/*
 * The id of point `pt` in f->points, interned when `add`, or -1 (absent,
 * or out of memory).  Rows come a point at a time, or cycle through a
 * few, so the points met lately are tried first, by their text, the one
 * met last first, before the map hashes it.
 */
static long
point_id(track_filter *f, track_str pt, int add)
{
	const size_t n = sizeof f->lastpt / sizeof f->lastpt[0];
	const char *k;
	size_t i, j, len;
	long p;

	for (i = 0, j = f->hitpt; i < n; i++, j = (j + 1) % n) {
		if (f->lastpt[j] == 0)
			continue;
		k = strmap_key(f->points, f->lastpt[j] - 1, &len);
		if (len == pt.len && str_same_bytes(k, pt.ptr, len)) {
			f->hitpt = (unsigned)j;
			return f->lastpt[j] - 1;
		}
	}
	p = add ? strmap_intern(f->points, pt.ptr, pt.len, NULL) :
	    strmap_find(f->points, pt.ptr, pt.len);
	if (p >= 0) {
		f->hitpt = f->nextpt;
		f->lastpt[f->nextpt] = p + 1;
		f->nextpt = (f->nextpt + 1) % (unsigned)n;
	}
	return p;
}

/*
 * Holds projected row `out` for --latest, with the ids of its (pupil,
 * subject, measure) group and of its point, read from input row `row`;
 * each is trimmed, as the reports trim them.  The key is built in a
 * buffer that is reused, so a record costs no allocation of its own.
 * Returns -1 when out of memory.
 */
static int
hold(track_filter *f, const track_str *row, const track_str *out)
{
	track_str pt = str_trim(row[f->point_col]);
	size_t i;
	struct held *h;

	if (f->nheld == f->heldcap) {
		size_t cap = f->heldcap ? f->heldcap * 2 : 4096;

		h = realloc(f->held, cap * sizeof *h);
		if (h == NULL)
			return -1;
		f->held = h;
		f->heldcap = cap;
	}
	h = &f->held[f->nheld];
	h->off = f->arena.len;
	h->group = group_id(f, row, 1);
	h->point = point_id(f, pt, 1);
	if (h->group < 0 || h->point < 0)
		return -1;
	for (i = 0; i < f->ncols; i++)
		if (buf_append(&f->arena, out[i].ptr, out[i].len, 1) < 0)
			return -1;
	f->nheld++;
	return 0;
}

/* ---- --latest in two passes ---- */

/*
 * Nonzero when point `a` is later than point `b` (ids in f->points): in
 * the scheme's order, and between two spellings of one point the one met
 * first is the earlier, as rank_points's stable sort has it.  Each pair
 * is compared once.  Returns -1 when out of memory.
 */
static int
point_later(track_filter *f, long a, long b)
{
	size_t la, lb;
	const char *pa, *pb;
	long id;
	int added, c;

	if (a < SMALL_POINTS && b < SMALL_POINTS && f->small[a][b] >= 0)
		return f->small[a][b];
	id = u64map_intern(f->pairs, (uint64_t)a << 32 | (uint64_t)b, &added);
	if (id < 0 || ((size_t)id >= f->latercap && buf_grow(&f->later,
	    &f->latercap, (size_t)id + 1, sizeof *f->later) != 0))
		return -1;
	if (added) {
		pa = strmap_key(f->points, a, &la);
		pb = strmap_key(f->points, b, &lb);
		c = scheme_point_compare(f->scheme, pa, la, pb, lb);
		f->later[id] = (signed char)(c > 0 || (c == 0 && a > b));
	}
	if (a < SMALL_POINTS && b < SMALL_POINTS)
		f->small[a][b] = f->later[id];
	return f->later[id];
}

/*
 * The first pass's row: when wanted, its point may be its group's latest.
 * Returns 0 or -1 when out of memory.
 */
static int
plan_row(track_filter *f, const track_str *row)
{
	track_str pt;
	long g, p;
	size_t i, old;
	int later;

	if (!wanted(f, row))
		return 0;
	pt = str_trim(row[f->point_col]);
	g = group_id(f, row, 1);
	p = point_id(f, pt, 1);
	if (g < 0 || p < 0)
		return -1;
	if ((size_t)g >= f->topcap) {
		old = f->topcap;
		if (buf_grow(&f->top, &f->topcap, (size_t)g + 1,
		    sizeof *f->top) != 0)
			return -1;
		for (i = old; i < f->topcap; i++)
			f->top[i] = -1;
	}
	if (f->top[g] == p)
		return 0;
	later = f->top[g] < 0 ? 1 : point_later(f, p, f->top[g]);
	if (later < 0)
		return -1;
	if (later)
		f->top[g] = p;
	return 0;
}

/* Nonzero when there are files and every one is a regular file. */
static int
regular_files(char *const *files, size_t n)
{
	struct stat st;
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(files[i], "-") == 0 || stat(files[i], &st) != 0 ||
		    !S_ISREG(st.st_mode))
			return 0;
	return n > 0;
}

int
filter_plan_wanted(const track_filter *f, char *const *files, size_t n)
{
	return f->o.latest && regular_files(files, n);
}

int
filter_plan_bind(void *ctx, const track_str *h, size_t n, track_error *err)
{
	track_filter *f = ctx;
	int rc = filter_bind(f, h, n, err);

	if (rc == 0 && f->pairs == NULL && (f->pairs = u64map_new()) == NULL)
		return oom(err);
	f->plan_bound = rc == 0;
	return rc;
}

int
filter_plan_row(void *ctx, const track_row *row, track_error *err)
{
	(void)err;
	return plan_row(ctx, row->field) != 0 ? TRACK_EXIT_IO : 0;
}

void
filter_plan_done(track_filter *f, int status)
{
	f->planned = status == 0 && f->plan_bound;
	f->next_group = 0;	/* the second pass meets them in order */
}

/*
 * The second pass's row: written (*out) when wanted and at its group's
 * latest point.
 */
static int
at_top(track_filter *f, const track_str *row, const track_str **out,
    track_error *err)
{
	track_str pt;
	long g, p;

	*out = NULL;
	if (!wanted(f, row))
		return 0;
	pt = str_trim(row[f->point_col]);
	g = group_id(f, row, 0);
	if (g == -2)
		return oom(err);
	p = point_id(f, pt, 0);
	if (g < 0 || p < 0 || (size_t)g >= f->topcap)
		return error_set(err, TRACK_EXIT_IO, NULL, 0,
		    "the input changed while it was being read");
	if (f->top[g] == p)
		*out = project(f, row);
	return 0;
}

int
filter_row(track_filter *f, const track_str *row, const track_str **out,
    track_error *err)
{
	const track_str *o;

	*out = row;
	if (f->plain)
		return 0;
	*out = NULL;
	if (!wanted(f, row))
		return 0;
	if (f->planned)
		return at_top(f, row, out, err);
	o = project(f, row);
	if (!f->o.latest) {
		*out = o;
		return 0;
	}
	if (hold(f, row, o) != 0)
		return oom(err);
	return 0;
}

unsigned long
filter_part(const track_filter *f, const track_str *row)
{
	track_str p = str_trim(row[f->pupil_col]);

	return pseudo_shard(p.ptr, p.len, f->o.split_n);
}

/* qsort_r's order of point ids: the scheme's order of their labels. */
static int
cmp_points(const void *a, const void *b, void *arg)
{
	const track_filter *f = arg;
	size_t la, lb;
	const char *pa = strmap_key(f->points, *(const long *)a, &la);
	const char *pb = strmap_key(f->points, *(const long *)b, &lb);

	return scheme_point_compare(f->scheme, pa, la, pb, lb);
}

/*
 * Ranks the points held in the scheme's order (f->rank) and finds each
 * group's latest (f->best).  Returns 0 or -1 when out of memory.
 */
static int
rank_points(track_filter *f)
{
	size_t np = strmap_count(f->points), ng = strmap_count(f->groups), i;
	long *order = calloc(np + 1, sizeof *order);

	f->rank = calloc(np + 1, sizeof *f->rank);
	f->best = calloc(ng + 1, sizeof *f->best);
	if (order == NULL || f->rank == NULL || f->best == NULL) {
		free(order);
		return -1;
	}
	for (i = 0; i < np; i++)
		order[i] = (long)i;
	qsort_r(order, np, sizeof *order, cmp_points, f);
	for (i = 0; i < np; i++)
		f->rank[order[i]] = (long)i;
	for (i = 0; i < ng; i++)
		f->best[i] = -1;
	for (i = 0; i < f->nheld; i++)
		if (f->rank[f->held[i].point] > f->best[f->held[i].group])
			f->best[f->held[i].group] = f->rank[f->held[i].point];
	free(order);
	return 0;
}

int
filter_latest(track_filter *f, const track_str **out, track_error *err)
{
	*out = NULL;
	if (!f->o.latest)
		return 0;
	if (f->rank == NULL && rank_points(f) != 0)
		return oom(err);
	for (; f->next < f->nheld; f->next++) {
		const struct held *h = &f->held[f->next];
		const char *p = f->arena.ptr + h->off;
		size_t k;

		if (f->rank[h->point] != f->best[h->group])
			continue;
		for (k = 0; k < f->ncols; k++) {
			f->out[k].ptr = p;
			f->out[k].len = strlen(p);
			p += f->out[k].len + 1;
		}
		f->next++;
		*out = f->out;
		return 0;
	}
	return 0;
}

int
filter_latest_write(track_filter *f, track_writer *w, track_error *err)
{
	const track_str *o;

	for (;;) {
		if (filter_latest(f, &o, err) != 0)
			return TRACK_EXIT_IO;
		if (o == NULL)
			return 0;
		if (writer_row(w, o, f->ncols, err) != 0)
			return TRACK_EXIT_IO;
	}
}

void
filter_free(track_filter *f)
{
	if (f == NULL)
		return;
	scheme_free(f->scheme);
	pseudo_free(f->pseudo);
	strmap_free(f->in_set);
	strmap_free(f->not_in_set);
	free(f->cols);
	free(f->out);
	free(f->outhdr);
	free(f->dropped);
	strmap_free(f->groups);
	strmap_free(f->points);
	buf_free(&f->arena);
	buf_free(&f->key);
	free(f->held);
	free(f->rank);
	free(f->best);
	free(f->top);
	u64map_free(f->pairs);
	free(f->later);
	free(f);
}
