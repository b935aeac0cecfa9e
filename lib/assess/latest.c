/*
 * latest.c - last record wins: see latest.h.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/error.h"
#include "base/strmap.h"
#include "base/swar.h"
#include "base/u64map.h"
#include "record/records.h"
#include "latest.h"

/*
 * An identity whose fingerprint the first pass met more than once: its
 * bytes (see identity_key) and its last record; in the second pass, where
 * its record read last was read.
 */
struct dupid {
	size_t key;			/* its bytes in plan->keys ... */
	uint32_t klen;			/* ... so many */
	uint32_t last;			/* its last record's number */
	uint32_t next;			/* the fingerprint's next identity + 1 */
	int seen;
	const char *seenfile;		/* second pass: its last record read */
	long seenline;
};

/* The first pass reads PLAN_AHEAD records ahead of the table's probes. */
#define PLAN_AHEAD 8

struct track_latest_plan {
	/*
	 * First pass: by open addressing (linear probing), each fingerprint
	 * (the high 32 bits; bit 0 of them set when met more than once)
	 * with the number of its first record (the low 32); 0 is empty.
	 * Freed when the pass ends: the second needs only `again`.
	 */
	uint64_t *t;
	size_t cap, count;
	uint32_t mask;			/* the hash bits kept */
	uint64_t nrec;			/* records the first pass read */

	/* Records read, their probes not yet made (a ring). */
	struct {
		uint32_t f, r;
		track_buf key;
	} ahead[PLAN_AHEAD];
	size_t nahead, head;

	/* By record: its fingerprint was met more than once (a bit). */
	uint64_t *again;
	size_t againcap;

	/* Fingerprints met more than once -> their identities (dupid). */
	track_u64map *dupmap;		/* fingerprint -> index in first */
	size_t *first;			/* its first dupid + 1 */
	size_t fcap;
	struct dupid *ids;
	size_t nids, idcap;
	track_buf keys;			/* the identities' bytes */
	track_buf key;			/* one identity, built */

	/* Sizing the table from the first records: see plan_grow. */
	uint64_t bytes;			/* the files' size */
	uint64_t rowbytes;		/* bytes of the records so far */
	int estimating;
};

struct track_latest {
	track_derive *d;
	track_writer *w;
	size_t nout;			/* the output's width */
	track_str *out;			/* a row being written */
	assess_latest_warn_fn warn;
	void *ctx;
	track_buf msg;			/* a warning, formatted */

	/*
	 * Held rows.  `rows` holds them back to back: each as the writer
	 * will write it when the writer can encode rows ahead (CSV, TSV),
	 * else its fields, each after its length.  `heads` holds one small
	 * head a row, in the same order: a live flag, then as varints its
	 * file (an index into `files`), its line and its length in `rows`.
	 * A superseded row's flag is cleared, and assess_latest_write
	 * writes the live ones.
	 */
	int encoded;
	track_buf rows, heads;
	const char **files;		/* input names, borrowed */
	size_t nfiles, fcap;

	/*
	 * Provenance: when records carry the export they were imported from
	 * (track-import --provenance), warnings name it instead.  Its names
	 * are kept here, one copy each, as the rows' text does not last.
	 */
	long srccol, linecol;		/* source, source_line; or -1 */
	track_strmap *srcmap;		/* export name -> index in srcname */
	char **srcname;
	size_t nsrc, srccap;

	/* Identities: (pupil, what) -> id, what being the rest of it. */
	track_strmap *pupils;		/* pupil -> pupil id */
	long lastpupil;			/* the last row's pupil id, or -1 */
	track_strmap *whats;		/* subject, measure, point, objective */
	track_buf key;			/* a what's key, built */
	long *whatof;			/* by o->sig: its what id, or -1 */
	size_t nwhatof, whatcap;
	track_u64map *ids;
	size_t *winner;			/* id -> offset of its row's head */
	size_t wcap;

	/* Two passes: the plan, the records read, a closed output pipe. */
	track_latest_plan *plan;
	uint64_t nseen;
	int broken;
	track_error brokenerr;
};

int
assess_latest_new(track_latest **out, track_derive *d, track_writer *w,
    assess_latest_warn_fn warn, void *ctx, track_error *err)
{
	track_latest *l;

	*out = NULL;
	l = calloc(1, sizeof *l);
	if (l == NULL)
		return error_nomem(err);
	l->d = d;
	l->w = w;
	l->warn = warn;
	l->ctx = ctx;
	l->encoded = writer_encodes(w);
	(void)assess_derive_header(d, &l->nout);
	l->out = calloc(l->nout + 1, sizeof *l->out);
	/* Keys are (pupil, what): a pupil's records sit side by side in
	   the table, so an export written pupil by pupil, or term by term
	   in pupil order, touches few cache lines. */
	l->ids = u64map_new_grouped(32);
	l->pupils = strmap_new();
	l->whats = strmap_new();
	l->lastpupil = -1;
	l->srccol = l->linecol = -1;
	if (l->out == NULL || l->ids == NULL || l->pupils == NULL ||
	    l->whats == NULL) {
		assess_latest_free(l);
		return error_nomem(err);
	}
	*out = l;
	return 0;
}

/* Hands the caller a warning, formatted like printf.  Returns 0 or -1. */
static int __attribute__((format(printf, 2, 3)))
warn(track_latest *l, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return -1;
	l->msg.len = 0;
	if (buf_reserve(&l->msg, (size_t)n + 1) != 0)
		return -1;
	va_start(ap, fmt);
	vsnprintf(l->msg.ptr, (size_t)n + 1, fmt, ap);
	va_end(ap);
	l->warn(l->ctx, l->msg.ptr);
	return 0;
}

/*
 * The id of the rest of `o`'s identity besides the pupil: its subject,
 * measure, point and objective (none for most records), kept by o->sig
 * when it has no objective.  Returns -1 when out of memory.
 */
static long
what_id(track_latest *l, const struct track_obs *o)
{
	struct {
		int subject, measure;
		long point;
	} k;
	size_t sig = (size_t)o->sig, i;
	long what;

	if (o->objective.len == 0 && o->sig >= 0 && sig < l->nwhatof &&
	    l->whatof[sig] >= 0)
		return l->whatof[sig];
	memset(&k, 0, sizeof k);
	k.subject = o->subject;
	k.measure = o->measure;
	k.point = o->point;
	l->key.len = 0;
	if (buf_append(&l->key, &k, sizeof k, 0) < 0 ||
	    buf_append(&l->key, o->objective.ptr, o->objective.len, 0) < 0)
		return -1;
	what = strmap_intern(l->whats, l->key.ptr, l->key.len, NULL);
	if (what < 0 || o->objective.len > 0 || o->sig < 0)
		return what;
	if (sig >= l->nwhatof) {
		if (buf_grow(&l->whatof, &l->whatcap, sig + 1,
		    sizeof *l->whatof) != 0)
			return -1;
		for (i = l->nwhatof; i <= sig; i++)
			l->whatof[i] = -1;
		l->nwhatof = sig + 1;
	}
	l->whatof[sig] = what;
	return what;
}

/*
 * Warns that `o` (read at `file`:`line`) supersedes the record read at
 * `ofile`:`oline`.  Out of line, so that identify, run for every record,
 * keeps a small frame.  Returns -1 when out of memory.
 */
static __attribute__((noinline)) int
warn_supersede(track_latest *l, const struct track_obs *o, const char *file,
    long line, const char *ofile, long oline)
{
	char w1[600], w2[600];

	return warn(l, "%s: supersedes %s (same pupil %.*s%s, "
	    "subject, measure%s and point)",
	    error_where(w1, sizeof w1, file, line, 0),
	    error_where(w2, sizeof w2, ofile, oline, 0),
	    (int)(o->pupil.len > 40 ? 40 : o->pupil.len),
	    o->pupil.ptr, o->pupil.len > 40 ? "..." : "",
	    o->objective.len ? ", objective" : "");
}

/*
 * Warns that `o` supersedes the record whose row head is `h`, and marks
 * that row dead.  Returns -1 when out of memory.
 */
static int
supersede(track_latest *l, const struct track_obs *o, char *h,
    const char *file, long line)
{
	const char *p = h + 1;
	uint64_t of = buf_read_varint(&p), ol = buf_read_varint(&p);

	if (warn_supersede(l, o, file, line, l->files[of], (long)ol) != 0)
		return -1;
	*h = 0;
	return 0;
}

/*
 * The identity id of `o` (its pupil and what_id), warning when it
 * supersedes an earlier record read from another line (`file`:`line` is
 * this record's) and marking that record's row dead.  Returns -1 when out
 * of memory.
 */
static long
identify(track_latest *l, const struct track_obs *o, const char *file,
    long line)
{
	long pid = -1, what, id;
	size_t klen;
	const char *k;
	int added;

	/* A pupil's records mostly come together. */
	if (l->lastpupil >= 0) {
		k = strmap_key(l->pupils, l->lastpupil, &klen);
		if (klen == o->pupil.len && memcmp(k, o->pupil.ptr, klen) == 0)
			pid = l->lastpupil;
	}
	if (pid < 0) {
		pid = strmap_intern(l->pupils, o->pupil.ptr, o->pupil.len,
		    NULL);
		l->lastpupil = pid;
	}
	what = what_id(l, o);
	if (pid < 0 || what < 0 || pid > UINT32_MAX || what > UINT32_MAX)
		return -1;
	id = u64map_intern(l->ids, (uint64_t)pid << 32 | (uint64_t)what,
	    &added);
	if (id < 0 || ((size_t)id >= l->wcap && buf_grow(&l->winner,
	    &l->wcap, (size_t)id + 1, sizeof *l->winner) != 0))
		return -1;
	if (!added && supersede(l, o, l->heads.ptr + l->winner[id], file,
	    line) != 0)
		return -1;
	return id;
}

/* ---- Two passes: the plan (the first pass) ---- */

/* A 64-bit mix with full avalanche (Stafford's variant 13). */
static uint64_t
mix(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return x;
}

/* Hashes `n` bytes at `p` into `h`, eight at a time. */
static uint64_t
hash_bytes(uint64_t h, const char *p, size_t n)
{
	uint64_t w;

	for (; n >= 8; p += 8, n -= 8) {
		memcpy(&w, p, 8);
		h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
		h ^= h >> 29;
	}
	w = swar_load_exact(p, n);	/* as memcpy into a zeroed word */
	h = (h ^ w ^ (uint64_t)n << 56) * 0x9e3779b97f4a7c15ULL;
	return h ^ h >> 29;
}

/*
 * The fingerprint of o's identity (pupil, subject, measure, point and
 * objective): 32 bits of a hash, with plan `p`'s bits, never 0, bit 0
 * clear.  Records of different identities may share one (about n * n /
 * 2^32 pairs of n): that costs a little memory, never a record.
 */
static uint32_t
fingerprint(const track_latest_plan *p, const struct track_obs *o)
{
	uint64_t h;
	uint32_t f;

	h = hash_bytes(0x243f6a8885a308d3ULL, o->pupil.ptr, o->pupil.len);
	h ^= mix((uint64_t)(uint32_t)o->subject << 32 |
	    (uint32_t)o->measure) + (uint64_t)o->point * 0x9e3779b97f4a7c15ULL;
	if (o->objective.len > 0)
		h = hash_bytes(h, o->objective.ptr, o->objective.len);
	f = (uint32_t)(mix(h) >> 32) & p->mask & ~(uint32_t)1;
	return f != 0 ? f : 2;
}

/* Builds o's identity, byte for byte, in b.  Returns 0 or -1. */
static int
identity_key(track_buf *b, const struct track_obs *o)
{
	struct {
		int subject, measure;
		long point;
		size_t pupil;
	} k;
	size_t n = sizeof k + o->pupil.len + o->objective.len;

	memset(&k, 0, sizeof k);
	k.subject = o->subject;
	k.measure = o->measure;
	k.point = o->point;
	k.pupil = o->pupil.len;
	b->len = 0;
	/* Room once, then the three parts: this runs for every record. */
	if (n > b->cap && buf_reserve(b, n) != 0)
		return -1;
	memcpy(b->ptr, &k, sizeof k);
	memcpy(b->ptr + sizeof k, o->pupil.ptr, o->pupil.len);
	if (o->objective.len > 0)
		memcpy(b->ptr + sizeof k + o->pupil.len, o->objective.ptr,
		    o->objective.len);
	b->len = n;
	return 0;
}

/* Where fingerprint f is in the table, or the empty slot it would take. */
static size_t
slot_of(const track_latest_plan *p, uint32_t f)
{
	size_t i = (size_t)(((uint64_t)f * p->cap) >> 32);

	while (p->t[i] != 0 && (uint32_t)(p->t[i] >> 32 & ~1u) != f)
		if (++i == p->cap)
			i = 0;
	return i;
}

/*
 * Makes the table bigger: twice as big, or at the first growth as big as
 * the files' size says (their bytes over the bytes a record so far, and
 * a twentieth more), so that a large input is sized once and never holds
 * two tables at its peak.  Returns 0 or -1 when out of memory.
 */
static int
plan_grow(track_latest_plan *p)
{
	uint64_t *old = p->t;
	size_t oldcap = p->cap, cap = p->cap * 2, i, j;
	double est;

	if (p->estimating && p->rowbytes > 0) {
		est = (double)p->bytes / (double)p->rowbytes *
		    (double)p->nrec * 1.05 / 0.8 + 1024;
		if (est > (double)cap && est < (double)UINT32_MAX)
			cap = (size_t)est;
	}
	p->estimating = 0;
	if (cap >= UINT32_MAX)
		return -1;
	p->t = calloc(cap, sizeof *p->t);
	if (p->t == NULL) {
		p->t = old;
		return -1;
	}
	buf_hint_huge(p->t, cap * sizeof *p->t);
	p->cap = cap;
	for (i = 0; i < oldcap; i++)
		if (old[i] != 0) {
			j = slot_of(p, (uint32_t)(old[i] >> 32) & ~1u);
			p->t[j] = old[i];
		}
	free(old);
	return 0;
}

/* Marks record `r` as one whose fingerprint was met again. */
static int
again_set(track_latest_plan *p, uint64_t r)
{
	size_t w = (size_t)(r / 64), i, old = p->againcap;

	if (w >= p->againcap) {
		if (buf_grow(&p->again, &p->againcap, w + 1,
		    sizeof *p->again) != 0)
			return -1;
		for (i = old; i < p->againcap; i++)
			p->again[i] = 0;
	}
	p->again[w] |= (uint64_t)1 << (r % 64);
	return 0;
}

/* Nonzero when record `r`'s fingerprint was met more than once. */
static int
again_get(const track_latest_plan *p, uint64_t r)
{
	size_t w = (size_t)(r / 64);

	return w < p->againcap && (p->again[w] >> (r % 64) & 1);
}

/* The first identity of duplicated fingerprint f (a dupid + 1), or 0. */
static size_t *
dup_first(track_latest_plan *p, uint32_t f, int add)
{
	long id;
	int added;

	if (!add) {
		id = u64map_find(p->dupmap, f);
		return id < 0 ? NULL : &p->first[id];
	}
	id = u64map_intern(p->dupmap, f, &added);
	if (id < 0 || ((size_t)id >= p->fcap && buf_grow(&p->first, &p->fcap,
	    (size_t)id + 1, sizeof *p->first) != 0))
		return NULL;
	if (added)
		p->first[id] = 0;
	return &p->first[id];
}

/* The identity in `key` among those of fingerprint f, or NULL. */
static struct dupid *
dup_find(track_latest_plan *p, uint32_t f, const track_buf *key)
{
	size_t *first = dup_first(p, f, 0), d;
	struct dupid *id;

	for (d = first != NULL ? *first : 0; d != 0; d = id->next) {
		id = &p->ids[d - 1];
		if (id->klen == key->len &&
		    memcmp(p->keys.ptr + id->key, key->ptr, id->klen) == 0)
			return id;
	}
	return NULL;
}

/*
 * The first pass met fingerprint f again, at record r, whose identity is
 * `key`: r becomes its identity's last, the identity kept when new.  (The
 * fingerprint's first record is not compared here: the second pass does
 * so.)  Returns 0 or -1.
 */
static int
dup_note(track_latest_plan *p, uint32_t f, uint32_t r, const track_buf *key)
{
	struct dupid *id = dup_find(p, f, key);
	size_t *first;
	long at;

	if (id != NULL) {
		id->last = r;
		return 0;
	}
	first = dup_first(p, f, 1);
	if (first == NULL || p->nids >= UINT32_MAX || key->len >= UINT32_MAX ||
	    buf_grow(&p->ids, &p->idcap, p->nids + 1, sizeof *p->ids) != 0)
		return -1;
	at = buf_append(&p->keys, key->ptr, key->len, 0);
	if (at < 0)
		return -1;
	id = &p->ids[p->nids++];
	memset(id, 0, sizeof *id);
	id->key = (size_t)at;
	id->klen = (uint32_t)key->len;
	id->last = r;
	id->next = (uint32_t)*first;
	*first = p->nids;
	return 0;
}

/*
 * Makes the oldest probe waiting: its fingerprint into the table, or, met
 * again, both records marked and its identity noted.  Returns 0 or -1.
 */
static int
plan_probe(track_latest_plan *p)
{
	size_t k = p->head, i;
	uint32_t f = p->ahead[k].f, r = p->ahead[k].r;

	p->head = (k + 1) % PLAN_AHEAD;
	p->nahead--;
	if ((p->count + 1) * 5 > p->cap * 4 && plan_grow(p) != 0)
		return -1;
	i = slot_of(p, f);
	if (p->t[i] == 0) {
		p->t[i] = (uint64_t)f << 32 | r;
		p->count++;
		return 0;
	}
	if (!(p->t[i] >> 32 & 1) && again_set(p, (uint32_t)p->t[i]) != 0)
		return -1;
	p->t[i] |= (uint64_t)1 << 32;
	if (again_set(p, r) != 0 || dup_note(p, f, r, &p->ahead[k].key) != 0)
		return -1;
	return 0;
}

/*
 * Adds record p->nrec, `o`, to the plan: its probe waits until
 * PLAN_AHEAD more are read, its slot fetched meanwhile, so that the
 * table's cache misses overlap the reading.  Returns 0 or -1.
 */
static int
plan_add(track_latest_plan *p, const struct track_obs *o)
{
	size_t k;
	uint32_t f;

	if (p->nrec >= UINT32_MAX ||
	    (p->nahead == PLAN_AHEAD && plan_probe(p) != 0))
		return -1;
	f = fingerprint(p, o);
	k = (p->head + p->nahead) % PLAN_AHEAD;
	if (identity_key(&p->ahead[k].key, o) != 0)
		return -1;
	p->ahead[k].f = f;
	p->ahead[k].r = (uint32_t)p->nrec++;
	p->nahead++;
	__builtin_prefetch(&p->t[((uint64_t)f * p->cap) >> 32]);
	return 0;
}

/* A new plan for files of `bytes` bytes in all, or NULL. */
static track_latest_plan *
plan_new(uint64_t bytes, unsigned hashbits)
{
	track_latest_plan *p = calloc(1, sizeof *p);

	if (p == NULL)
		return NULL;
	p->cap = 4096;
	p->t = calloc(p->cap, sizeof *p->t);
	p->dupmap = u64map_new();
	p->mask = hashbits == 0 || hashbits >= 32 ? ~(uint32_t)0 :
	    ~(uint32_t)0 << (32 - hashbits);
	p->bytes = bytes;
	p->estimating = 1;
	if (p->t == NULL || p->dupmap == NULL) {
		assess_latest_plan_free(p);
		return NULL;
	}
	return p;
}

/* The bytes row `r` took in its file, about (its fields and commas). */
static uint64_t
row_bytes(const track_row *r)
{
	uint64_t n = r->n;
	size_t i;

	for (i = 0; i < r->n; i++)
		n += r->field[i].len;
	return n;
}

int
assess_latest_pass_begin(struct track_latest_pass *lp, char *const *files,
    size_t n)
{
	int64_t bytes = records_files_size(files, n);

	lp->plan = NULL;
	lp->a = NULL;
	lp->oom = 0;
	if (n == 0 || bytes < 0)
		return 0;
	lp->plan = plan_new((uint64_t)bytes, lp->hashbits);
	lp->oom = lp->plan == NULL;
	return lp->oom ? TRACK_EXIT_IO : 0;
}

int
assess_latest_pass_header(void *ctx, const track_str *h, size_t n,
    track_error *err)
{
	struct track_latest_pass *lp = ctx;
	int rc = assess_new(&lp->a, lp->s, h, n, lp->flags, err);

	lp->oom = rc == TRACK_EXIT_IO;
	return rc;
}

int
assess_latest_pass_row(void *ctx, const track_row *row, track_error *err)
{
	struct track_latest_pass *lp = ctx;
	track_latest_plan *p = lp->plan;
	struct track_obs o;
	int rc;

	rc = assess_row(lp->a, row->field, &o, err);
	if (rc == 0 && p->estimating)
		p->rowbytes += row_bytes(row);
	if (rc == 0 && plan_add(p, &o) != 0)
		rc = TRACK_EXIT_IO;
	lp->oom = rc == TRACK_EXIT_IO;
	return rc;
}

int
assess_latest_pass_end(struct track_latest_pass *lp, int status)
{
	track_latest_plan *p = lp->plan;

	if (p != NULL && status == 0 && lp->a != NULL) {
		while (p->nahead > 0 && !lp->oom)
			lp->oom = plan_probe(p) != 0;
		if (!lp->oom) {
			free(p->t);
			p->t = NULL;
			return 0;
		}
	}
	assess_latest_plan_free(lp->plan);
	lp->plan = NULL;
	assess_free(lp->a);
	lp->a = NULL;
	return lp->oom ? TRACK_EXIT_IO : 0;
}

void
assess_latest_plan_free(track_latest_plan *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < PLAN_AHEAD; i++)
		buf_free(&p->ahead[i].key);
	free(p->t);
	free(p->again);
	u64map_free(p->dupmap);
	free(p->first);
	free(p->ids);
	buf_free(&p->keys);
	buf_free(&p->key);
	free(p);
}

/* ---- Two passes: the second, writing as it reads ---- */

void
assess_latest_stream(track_latest *l, track_latest_plan *p)
{
	assess_latest_plan_free(l->plan);
	l->plan = p;
	l->nseen = 0;
}

/*
 * After a failed write: a closed pipe is remembered (the reading goes on,
 * writing nothing, and assess_latest_write reports it as a one-pass run
 * would), anything else returned.
 */
static int
write_failed(track_latest *l, track_error *err)
{
	if (!writer_broken_pipe(l->w))
		return TRACK_EXIT_IO;
	l->broken = 1;
	l->brokenerr = *err;
	return 0;
}

/* Writes the encoded rows gathered in l->rows.  Returns 0 or a status. */
static int
stream_flush(track_latest *l, track_error *err)
{
	int rc = 0;

	if (!l->broken && l->rows.len > 0)
		rc = writer_text(l->w, l->rows.ptr, l->rows.len, err);
	l->rows.len = 0;
	return rc == 0 ? 0 : write_failed(l, err);
}

/* Writes o's output row (encoded rows gather in l->rows). */
static int
stream_write(track_latest *l, const struct track_obs *o,
    const track_row *row, track_error *err)
{
	const track_str *out;

	if (l->broken)
		return 0;
	if (l->encoded) {
		if (assess_derive_encode(l->d, l->w, o, row, &l->rows,
		    err) != 0)
			return TRACK_EXIT_IO;
		return l->rows.len < 65536 ? 0 : stream_flush(l, err);
	}
	if (assess_derive_row(l->d, o, row->field, &out, err) != 0)
		return TRACK_EXIT_IO;
	if (writer_row(l->w, out, l->nout, err) != 0)
		return write_failed(l, err);
	return 0;
}

/* The input is not what the first pass read. */
static int
changed(track_error *err)
{
	return error_set(err, TRACK_EXIT_IO, NULL, 0,
	    "the input changed while it was being read");
}

/*
 * The second pass's record `o`, read at `file`:`line`: warns when it
 * supersedes an earlier record, and writes it when it is the last of its
 * identity.  A record whose fingerprint the first pass met once is alone;
 * one met more often is looked up by its identity's bytes, and a record
 * found under none of them is its fingerprint's first, alone with its
 * identity (a collision).
 */
static int
stream_add(track_latest *l, const struct track_obs *o, const track_row *row,
    const char *file, long line, track_error *err)
{
	track_latest_plan *p = l->plan;
	uint64_t r = l->nseen++;
	struct dupid *id;

	if (r >= p->nrec)
		return changed(err);
	if (again_get(p, r)) {
		if (identity_key(&p->key, o) != 0)
			return error_nomem(err);
		id = dup_find(p, fingerprint(p, o), &p->key);
		if (id != NULL) {
			if (id->seen && warn_supersede(l, o, file, line,
			    id->seenfile, id->seenline) != 0)
				return error_nomem(err);
			id->seen = 1;
			id->seenfile = file;
			id->seenline = line;
			if (id->last != r)
				return 0;
		}
	}
	return stream_write(l, o, row, err);
}

/* assess_latest_write with a plan: what is left, and the checks. */
static int
stream_end(track_latest *l, track_error *err)
{
	if (stream_flush(l, err) != 0)
		return TRACK_EXIT_IO;
	if (l->broken) {
		*err = l->brokenerr;
		return TRACK_EXIT_IO;
	}
	if (l->nseen != l->plan->nrec)
		return changed(err);
	return 0;
}

/* Appends row `f` (n fields) to `b`, each field after its length. */
static int
put_fields(track_buf *b, const track_str *f, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (buf_append_varint(b, f[i].len) != 0 ||
		    buf_append(b, f[i].ptr, f[i].len, 0) < 0)
			return -1;
	return 0;
}

/* Appends o's output row to l->rows.  Returns 0 or TRACK_EXIT_IO. */
static int
put_row(track_latest *l, const struct track_obs *o, const track_row *row,
    track_error *err)
{
	const track_str *out;

	if (l->encoded)
		return assess_derive_encode(l->d, l->w, o, row, &l->rows, err);
	if (assess_derive_row(l->d, o, row->field, &out, err) != 0)
		return TRACK_EXIT_IO;
	if (put_fields(&l->rows, out, l->nout) != 0)
		return error_nomem(err);
	return 0;
}

void
assess_latest_provenance(track_latest *l, const track_str *hdr, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (str_eq(hdr[i], "source"))
			l->srccol = (long)i;
		else if (str_eq(hdr[i], "source_line"))
			l->linecol = (long)i;
	}
	if (l->srccol < 0 || l->linecol < 0)
		l->srccol = l->linecol = -1;
}

/*
 * The export row `row` was imported from, into *file and *line, when it
 * names one.  Returns 0, or -1 when out of memory.
 */
static int
provenance(track_latest *l, const track_str *row, const char **file,
    long *line)
{
	track_str src = row[l->srccol], ln = row[l->linecol];
	long id, n = 0;
	size_t i;
	int added;

	for (i = 0; i < ln.len && i < 12 && ln.ptr[i] >= '0' &&
	    ln.ptr[i] <= '9'; i++)
		n = n * 10 + (ln.ptr[i] - '0');
	if (src.len == 0 || i == 0 || i != ln.len)
		return 0;
	if (l->srcmap == NULL && (l->srcmap = strmap_new()) == NULL)
		return -1;
	id = strmap_intern(l->srcmap, src.ptr, src.len, &added);
	if (id < 0)
		return -1;
	if (added) {
		if (buf_grow(&l->srcname, &l->srccap, l->nsrc + 1,
		    sizeof *l->srcname) != 0 ||
		    (l->srcname[l->nsrc] = strndup(src.ptr, src.len)) == NULL)
			return -1;
		l->nsrc++;
	}
	*file = l->srcname[id];
	*line = n;
	return 0;
}

int
assess_latest_add(track_latest *l, const struct track_obs *o,
    const track_row *row, track_error *err)
{
	size_t start = l->rows.len;
	const char *file = row->file;
	long line = row->line, id;
	char *h;

	if (l->srccol >= 0 && provenance(l, row->field, &file, &line) != 0)
		return error_nomem(err);
	if (l->plan != NULL)
		return stream_add(l, o, row, file, line, err);
	if (put_row(l, o, row, err) != 0)
		return TRACK_EXIT_IO;
	id = identify(l, o, file, line);
	if (id < 0)
		goto nomem;
	if (l->nfiles == 0 || l->files[l->nfiles - 1] != file) {
		if (buf_grow(&l->files, &l->fcap, l->nfiles + 1,
		    sizeof *l->files) != 0)
			goto nomem;
		l->files[l->nfiles++] = file;
	}
	if (l->heads.len + 31 > l->heads.cap &&
	    buf_reserve(&l->heads, 31) != 0)
		goto nomem;
	l->winner[id] = l->heads.len;
	h = l->heads.ptr + l->heads.len;
	*h++ = 1;
	h = buf_put_varint(h, l->nfiles - 1);
	h = buf_put_varint(h, (uint64_t)line);
	h = buf_put_varint(h, l->rows.len - start);
	l->heads.len = (size_t)(h - l->heads.ptr);
	return 0;
nomem:
	l->rows.len = start;
	return error_nomem(err);
}

int
assess_latest_write(track_latest *l, track_error *err)
{
	const char *h = l->heads.ptr, *end = h + l->heads.len;
	const char *rows = l->rows.ptr;
	size_t pos = 0, run = 0, len, k;
	int live;

	if (l->plan != NULL)
		return stream_end(l, err);
	while (h < end) {
		live = *h++;
		(void)buf_read_varint(&h);	/* file */
		(void)buf_read_varint(&h);	/* line */
		len = (size_t)buf_read_varint(&h);
		if (l->encoded) {
			/* A dead row ends the run of live ones before it. */
			if (!live) {
				if (pos > run && writer_text(l->w, rows + run,
				    pos - run, err) != 0)
					return TRACK_EXIT_IO;
				run = pos + len;
			}
		} else if (live) {
			const char *p = rows + pos;

			for (k = 0; k < l->nout; k++) {
				l->out[k].len = (size_t)buf_read_varint(&p);
				l->out[k].ptr = p;
				p += l->out[k].len;
			}
			if (writer_row(l->w, l->out, l->nout, err) != 0)
				return TRACK_EXIT_IO;
		}
		pos += len;
	}
	if (l->encoded && pos > run &&
	    writer_text(l->w, rows + run, pos - run, err) != 0)
		return TRACK_EXIT_IO;
	return 0;
}

void
assess_latest_free(track_latest *l)
{
	if (l == NULL)
		return;
	free(l->out);
	buf_free(&l->msg);
	buf_free(&l->rows);
	buf_free(&l->heads);
	free(l->files);
	while (l->nsrc > 0)
		free(l->srcname[--l->nsrc]);
	free(l->srcname);
	strmap_free(l->srcmap);
	strmap_free(l->pupils);
	strmap_free(l->whats);
	buf_free(&l->key);
	free(l->whatof);
	u64map_free(l->ids);
	free(l->winner);
	assess_latest_plan_free(l->plan);
	free(l);
}
