/*
 * import.c - a school's export into canonical records; see import.h.
 *
 * This file makes each row of the export into records (one_record) and
 * keeps that fast: the memos below answer for values met before, so the
 * scheme is asked once per distinct value.  The header, the normalising
 * and the join file are in import_header.c, import_norm.c and
 * import_join.c; import_int.h is what they share.
 */
#include "import_int.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "base/swar.h"

/*
 * Distinct values beyond these are normalised afresh each time: long
 * fields are rarely repeated, and the cap bounds the memory a file of
 * endless distinct values can take.  It also keeps ids to 16 bits, with
 * one to spare for a blank (see normalise_value).
 */
#define MEMO_MAX_KEY 256
#define MEMO_MAX_COUNT 65535
#define ID_BLANK 65535L

void
import_say(track_import *imp, const char *file, long line, int warning,
    const char *fmt, ...)
{
	track_error e;
	va_list ap;

	error_clear(&e);
	e.kind = warning ? TRACK_EXIT_OK : TRACK_EXIT_DATA;
	e.file = file;
	e.line = line;
	e.col = imp->say_col;
	va_start(ap, fmt);
	vsnprintf(e.text, sizeof e.text, fmt, ap);
	va_end(ap);
	if (imp->problem != NULL)
		imp->problem(imp->ctx, &e, warning);
}

/* A memo key: its bytes, and the words the table compares. */
struct mkey {
	const char *p;
	size_t len;
	uint64_t w0, w1;
};

/* The 8 bytes at p, in the machine's order. */
static inline uint64_t
load8(const char *p)
{
	uint64_t w;

	memcpy(&w, p, 8);
	return w;
}

/*
 * Fills *k for the `len` bytes at `p`.  w0 and w1 hold the first 16 bytes
 * (zero-padded; for 9 to 16 bytes w1 overlaps w0), so that for keys of
 * the same length equal words mean equal bytes: a short key, and most are
 * short, is compared without memcmp.
 */
static inline __attribute__((always_inline)) void
mkey_make(struct mkey *k, const char *p, size_t len)
{
	k->p = p;
	k->len = len;
	k->w1 = 0;
	if (len < 8) {
		k->w0 = swar_load_short(p, len);
	} else {
		k->w0 = load8(p);
		if (len > 8)
			k->w1 = load8(len <= 16 ? p + len - 8 : p + 8);
	}
}

/*
 * The key's hash.  Each step multiplies, so the top bits, which pick the
 * slot, depend on every byte.
 */
static inline uint64_t
mkey_hash(const struct mkey *k)
{
	const uint64_t m = 0x9e3779b97f4a7c15ULL;
	uint64_t h = ((k->w0 ^ k->len) * m ^ k->w1) * m;
	size_t i;

	if (k->len > 16) {
		for (i = 16; i + 8 <= k->len; i += 8)
			h = (h ^ load8(k->p + i)) * m;
		h = (h ^ load8(k->p + k->len - 8)) * m;
	}
	return h;
}

/* Nonzero when entry `e` holds key `k`. */
static inline __attribute__((always_inline)) int
memo_same(const struct memo_ent *e, const struct mkey *k)
{
	return e->w0 == k->w0 && e->keylen == k->len && e->w1 == k->w1 &&
	    e->blob != NULL && (k->len <= 16 ||
	    memcmp(e->blob + 16, k->p + 16, k->len - 16) == 0);
}

/*
 * The entry for key `k`, or NULL.  A column's value often repeats the
 * record before's (the same pupil, the same term), so the entry found
 * last is tried before the key is hashed.
 */
static inline __attribute__((always_inline)) const struct memo_ent *
memo_find(struct memo *mo, const struct mkey *k)
{
	size_t mask = mo->nslots - 1, i;
	const struct memo_ent *e;

	if (mo->nslots == 0)
		return NULL;
	if (memo_same(&mo->slot[mo->last], k))
		return &mo->slot[mo->last];
	for (i = (size_t)(mkey_hash(k) >> mo->shift);; i = (i + 1) & mask) {
		e = &mo->slot[i];
		if (e->blob == NULL)
			return NULL;
		if (memo_same(e, k)) {
			mo->last = i;
			return e;
		}
	}
}

/* Where an entry with hash `h` goes in `mo`'s slots. */
static size_t
memo_slot(const struct memo *mo, uint64_t h)
{
	size_t mask = mo->nslots - 1, i;

	for (i = (size_t)(h >> mo->shift); mo->slot[i].blob != NULL;
	    i = (i + 1) & mask)
		;
	return i;
}

/* Doubles the table (or makes its first 16 slots).  Returns 0 or -1. */
static int
memo_grow(struct memo *mo)
{
	struct memo old = *mo;
	size_t i;

	mo->nslots = old.nslots ? old.nslots * 2 : 16;
	mo->shift = old.nslots ? old.shift - 1 : 60;
	mo->slot = calloc(mo->nslots, sizeof *mo->slot);
	if (mo->slot == NULL) {
		*mo = old;
		return -1;
	}
	for (i = 0; i < old.nslots; i++)
		if (old.slot[i].blob != NULL)
			mo->slot[memo_slot(mo, old.slot[i].hash)] = old.slot[i];
	mo->last = 0;
	free(old.slot);
	return 0;
}

/*
 * Remembers that key `k` (not yet in the memo) normalises to `out` with
 * `status` and, when status is nonzero, message `why`; `same` when out is
 * the text asked about.  Returns the new entry's id, or -1 when the memo
 * is full or memory is short: the value is then simply normalised again
 * next time.
 */
static long
memo_add(struct memo *mo, const struct mkey *k, int status, track_str out,
    const char *why, int same)
{
	size_t whylen = status != 0 ? strlen(why) : 0;
	uint64_t h = mkey_hash(k);
	struct memo_ent *e;
	char *b;

	if (mo->count >= MEMO_MAX_COUNT ||
	    ((mo->count + 1) * 2 > mo->nslots && memo_grow(mo) != 0))
		return -1;
	b = malloc(k->len + out.len + whylen + 3);
	if (b == NULL)
		return -1;
	memcpy(b, k->p, k->len);
	b[k->len] = '\0';
	memcpy(b + k->len + 1, out.ptr, out.len);
	b[k->len + 1 + out.len] = '\0';
	memcpy(b + k->len + out.len + 2, why, whylen);
	b[k->len + out.len + 2 + whylen] = '\0';
	e = &mo->slot[memo_slot(mo, h)];
	e->blob = b;
	e->hash = h;
	e->w0 = k->w0;
	e->w1 = k->w1;
	e->keylen = k->len;
	e->outlen = out.len;
	e->why = b + k->len + out.len + 2;
	e->status = status;
	e->same = same;
	e->id = (long)mo->count++;
	return e->id;
}

static void
memo_free(struct memo *mo)
{
	size_t i;

	for (i = 0; i < mo->nslots; i++)
		free(mo->slot[i].blob);
	free(mo->slot);
	memset(mo, 0, sizeof *mo);
}

/*
 * Copies `n` bytes to `k` and returns the end.  The parts of a value's
 * key are short, and a call to memcpy would cost more than the copy.
 */
static inline char *
put_bytes(char *k, const char *p, size_t n)
{
	if (n >= 8 && n <= 16) {
		memcpy(k, p, 8);
		memcpy(k + n - 8, p + n - 8, 8);
	} else if (n >= 4 && n < 8) {
		memcpy(k, p, 4);
		memcpy(k + n - 4, p + n - 4, 4);
	} else if (n > 0 && n < 4) {
		k[0] = p[0];
		k[n / 2] = p[n / 2];
		k[n - 1] = p[n - 1];
	} else {
		memcpy(k, p, n);
	}
	return k + n;
}

/* What import_normalise() said about one value. */
struct answer {
	track_str out;
	const char *why;	/* the message, when status is nonzero */
	int status;		/* as import_normalise() returns */
	long id;		/* its id in the memo, or -1 */
	int same;		/* out is the text asked about (same_text) */
};

/*
 * Asks import_normalise() about value `v` of column `c`, into `buf`
 * (NORM_BUF bytes) and `whybuf` (NORM_WHY bytes), and has memo `mo`
 * (unless it is NULL) keep the answer under the `keylen` bytes at `key`.
 * Kept out of line, with the key passed as bytes: it runs once per
 * distinct value, and its hot callers can then keep their key and answer
 * in registers.
 */
static __attribute__((noinline)) struct answer
memo_miss(track_import *imp, struct memo *mo, const struct ocol *c,
    const char *key, size_t keylen, track_str v, char *buf, char *whybuf)
{
	struct answer a;
	struct mkey k;

	a.status = import_normalise(imp, c->field, c->name, c->group, v,
	    imp->rec, &a.out, buf, NORM_BUF, whybuf, NORM_WHY);
	a.why = whybuf;
	a.id = -1;
	a.same = a.out.len == v.len && memcmp(a.out.ptr, v.ptr, v.len) == 0;
	if (mo != NULL) {
		mkey_make(&k, key, keylen);
		a.id = memo_add(mo, &k, a.status, a.out, whybuf, a.same);
	}
	return a;
}

/*
 * The answer for key `k` (standing for value `v` of column `c`) from memo
 * `mo`, or else from import_normalise(), which the memo then keeps.  The
 * text in the answer points into the memo, or into `buf` and `whybuf`
 * (see memo_miss), and stays valid until the next record.
 */
static inline __attribute__((always_inline)) struct answer
memo_answer(track_import *imp, struct memo *mo, const struct ocol *c,
    const struct mkey *k, track_str v, char *buf, char *whybuf)
{
	const struct memo_ent *e = memo_find(mo, k);

	if (e == NULL)
		return memo_miss(imp, mo, c, k->p, k->len, v, buf, whybuf);
	return (struct answer){ { e->blob + e->keylen + 1, e->outlen },
	    e->why, e->status, e->id, e->same };
}

/*
 * import_normalise() for output column `i` (not the value) of the record in
 * imp->rec, through the column's memo; see memo_answer.
 */
static inline __attribute__((always_inline)) struct answer
normalise_col(track_import *imp, size_t i, char *buf, char *whybuf)
{
	struct ocol *c = &imp->oc[i];
	track_str v = imp->rec[i];
	struct mkey k;

	/* import_normalise() passes a blank through. */
	if (v.len == 0)
		return (struct answer){ v, whybuf, 0, ID_BLANK, 1 };
	if (v.len > MEMO_MAX_KEY)
		return memo_miss(imp, NULL, c, NULL, 0, v, buf, whybuf);
	mkey_make(&k, v.ptr, v.len);
	return memo_answer(imp, &c->memo, c, &k, v, buf, whybuf);
}

/*
 * The most bytes of a value's key by text: three parts of at most 255
 * bytes, each after its length, and the value.
 */
#define VALUE_KEY_MAX (3 * 256 + MEMO_MAX_KEY)

/*
 * normalise_col() for the value, which is checked against the record's
 * normalised subject, measure and point: they are part of its key.
 * Usually they came out of their memos, and their three ids, packed into
 * a word, stand for them; the key is then short, and goes in imp->vmemo.
 * Otherwise (keys of an --unpivot, joined cells, values the memos had no
 * room for) the key holds their text, each part after its length, and
 * goes in the column's own memo.  The text is kept whole, though
 * import_normalise() cuts it at 127 bytes or a NUL: equal keys still mean
 * equal answers.  Whether the measure and point columns exist is the same for
 * every record, so that is not in the key.
 */
static struct answer
normalise_value(track_import *imp, size_t i, char *buf, char *whybuf)
{
	struct ocol *c = &imp->oc[i];
	track_str v = imp->rec[i];
	long col[3] = { imp->col[F_SUBJECT], imp->col[F_MEASURE],
	    imp->col[F_POINT] };
	char kbuf[VALUE_KEY_MAX], *e = kbuf;
	struct memo *mo = &imp->vmemo;
	uint64_t ids = 0;
	struct mkey k;
	size_t j;

	/* import_normalise() passes these through. */
	if (v.len == 0 || col[0] < 0)
		return (struct answer){ v, whybuf, 0, -1, 1 };
	if (v.len > MEMO_MAX_KEY)
		goto fresh;
	for (j = 0; j < 3; j++)
		if (col[j] >= 0 && imp->ans[col[j]] < 0)
			break;
	if (j == 3) {
		for (j = 0; j < 3; j++)
			if (col[j] >= 0)
				ids |= (uint64_t)imp->ans[col[j]] << (16 * j);
		if (v.len <= 8) {
			/*
			 * Most values: the ids and the value's length in one
			 * word, its bytes in the other, made in registers.
			 * Bytes stored one by one and read back as a word
			 * would stall the read.  The length keeps "A" apart
			 * from "A" and a NUL; the key's 16 bytes keep these
			 * keys apart from the longer form below (17 or more).
			 */
			k.w0 = ids | (uint64_t)v.len << 48;
			k.w1 = v.len == 8 ? load8(v.ptr) :
			    swar_load_exact(v.ptr, v.len);
			memcpy(kbuf, &k.w0, 8);
			memcpy(kbuf + 8, &k.w1, 8);
			k.p = kbuf;
			k.len = 16;
			return memo_answer(imp, mo, c, &k, v, buf, whybuf);
		}
		memcpy(e, &ids, sizeof ids);
		e += sizeof ids;
	} else {
		mo = &c->memo;
		for (j = 0; j < 3; j++) {
			track_str t;

			if (col[j] < 0)
				continue;
			t = imp->rec[col[j]];
			if (t.len > 255)
				goto fresh;
			*e++ = (char)t.len;
			e = put_bytes(e, t.ptr, t.len);
		}
	}
	e = put_bytes(e, v.ptr, v.len);
	mkey_make(&k, kbuf, (size_t)(e - kbuf));
	return memo_answer(imp, mo, c, &k, v, buf, whybuf);
fresh:
	return memo_miss(imp, NULL, c, NULL, 0, v, buf, whybuf);
}

/* The joined cell `j` of the pupil in `rec`, or an empty slice. */
static track_str
join_cell(track_import *imp, const track_str *rec, long j)
{
	track_str p = rec[imp->col[F_PUPIL]];
	long id = strmap_find(imp->jmap, p.ptr, p.len);
	struct jcell *c;

	if (id < 0)
		return (track_str){ "", 0 };
	c = &imp->jcell[(size_t)id * imp->njcols + (size_t)j];
	return (track_str){ imp->jarena.ptr + c->off, c->len };
}

/* Notes a pupil with no row in the join file. */
static void
note_missing(track_import *imp, track_str p)
{
	if (p.len == 0 || strmap_find(imp->jmap, p.ptr, p.len) >= 0)
		return;
	if (strmap_count(imp->missing) == 0 && imp->first_missing == NULL)
		imp->first_missing = strndup(p.ptr, p.len);
	strmap_intern(imp->missing, p.ptr, p.len, NULL);
}

/* The fields a record cannot do without, when their column is there. */
static const struct {
	enum import_field field;
	const char *what;
} required[] = {
	{ F_PUPIL, "pupil id" }, { F_SUBJECT, "subject" },
	{ F_POINT, "point" },
};

/*
 * Fills, normalises and checks one record (for unpivoted column `u`, or
 * -1), then emits it.  Returns 1 when it had an error, 0 when it was
 * emitted, -1 when emit failed.
 */
/* --provenance: the export's name, or the row's line. */
static __attribute__((noinline)) track_str
provenance(track_import *imp, enum import_kind kind, const track_row *row,
    const char *file)
{
	if (kind == K_SOURCE)
		return (track_str){ file, strlen(file) };
	snprintf(imp->linebuf, sizeof imp->linebuf, "%ld", row->line);
	return (track_str){ imp->linebuf, strlen(imp->linebuf) };
}

/*
 * Fills rec[] with the export's row for unpivoted column `u` (or -1), as
 * it stands before the scheme reads it.  Returns 0, or -1 when out of
 * memory.
 */
static inline __attribute__((always_inline)) int
fill_record(track_import *imp, const track_row *row, const char *file,
    long u)
{
	size_t i;

	/* Most exports: every column is the export's own, trimmed. */
	if (imp->srcs != NULL) {
		for (i = 0; i < imp->noc; i++)
			imp->rec[i] = str_trim(row->field[imp->srcs[i]]);
		return 0;
	}
	for (i = 0; i < imp->noc; i++) {
		struct ocol *c = &imp->oc[i];
		track_str v = { "", 0 };

		switch (c->kind) {
		case K_SRC:
			v = str_trim(row->field[c->src]);
			break;
		case K_KEY:
			v.ptr = imp->uc[u].part[c->key];
			v.len = imp->uc[u].partlen[c->key];
			break;
		case K_VALUE:
			v = str_trim(row->field[imp->uc[u].src]);
			break;
		case K_SET: {
			/* Its own slice, so that v is never in memory: v's two
			 * words stored apart and loaded as one stall the load. */
			track_str t = { c->constant, c->constlen };

			if (c->ntpl > 0 && import_template_fill(c, row, &t) != 0)
				return -1;
			v = t;
			break;
		}
		case K_JOIN:
			break;
		case K_SOURCE:
		case K_SOURCE_LINE:
			v = provenance(imp, c->kind, row, file);
			break;
		}
		if (__builtin_expect(c->nrc > 0, 0))
			v = import_recode(c, v);
		imp->rec[i] = v;
	}
	return 0;
}

/* The export's column that output column `i` comes from, 1 for A; or 0. */
static unsigned
cell_of(const track_import *imp, size_t i, long u)
{
	const struct ocol *c = &imp->oc[i];

	if (c->kind == K_SRC)
		return (unsigned)c->src + 1;
	if (c->kind == K_VALUE)
		return (unsigned)imp->uc[u].src + 1;
	return 0;
}

/* Says that output column `i` of the record is bad: `why`. */
static void
bad_field(track_import *imp, const char *file, long line, long u, size_t i,
    const char *why)
{
	const char *where = u >= 0 ? imp->uc[u].label : NULL;

	imp->say_col = cell_of(imp, i, u);
	import_say(imp, file, line, 0, "%s%s%s%s", where ? "\"" : "",
	    where ? where : "", where ? "\": " : "", why);
	imp->say_col = 0;
}

/*
 * Fills, normalises and checks one record (for unpivoted column `u`, or
 * -1), then emits it.  Returns 1 when it had an error, 0 when it was
 * emitted, -1 when emit failed.
 */
static int
one_record(track_import *imp, const track_row *row, const char *file,
    long u, import_emit_fn emit, void *ctx)
{
	/* Fields formatted by the scheme each have a buffer of their own
	 * (imp->chkbuf): a value's, a point's and two dates'. */
	char buf[4][NORM_BUF], why[NORM_WHY];
	size_t i, j;
	long line = row->line;
	const char *where = u >= 0 ? imp->uc[u].label : NULL;

	if (fill_record(imp, row, file, u) != 0)
		return -1;
	/* Without a join file, joined[] stays as calloc left it: all 0. */
	if (imp->jmap != NULL) {
		note_missing(imp, imp->rec[imp->col[F_PUPIL]]);
		for (i = 0; i < imp->noc; i++) {
			struct ocol *c = &imp->oc[i];

			imp->joined[i] = 0;
			/* A joined cell was checked when it was loaded. */
			if (c->join >= 0 && imp->rec[i].len == 0) {
				imp->rec[i] = join_cell(imp, imp->rec, c->join);
				imp->joined[i] = 1;
			}
		}
	}
	for (i = 0; i < sizeof required / sizeof required[0]; i++) {
		long c = imp->col[required[i].field];

		if (c >= 0 && imp->rec[c].len == 0) {
			import_say(imp, file, line, 0, "%s%s%sno %s",
			    where ? "\"" : "", where ? where : "",
			    where ? "\": " : "", required[i].what);
			return 1;
		}
	}
	if (imp->col[F_VALUE] >= 0 && imp->rec[imp->col[F_VALUE]].len == 0 &&
	    (imp->col[F_SUBJECT] >= 0 || imp->col[F_POINT] >= 0)) {
		import_say(imp, file, line, 0, "empty value");
		return 1;
	}
	/*
	 * Keys were normalised with the header; the value goes last, as it
	 * is checked against the normalised subject, measure and point.
	 */
	for (j = 0; j < imp->nchk; j++) {
		struct answer a;

		i = imp->chk[j];
		if (imp->joined[i]) {
			imp->ans[i] = -1;
			continue;
		}
		a = normalise_col(imp, i, buf[imp->chkbuf[j]], why);
		if (a.status < 0) {
			bad_field(imp, file, line, u, i, a.why);
			return 1;
		}
		if (a.status > 0)
			import_say(imp, file, line, 1, "%s", a.why);
		/* Text left as it was stays the row's own slice (see
		 * import_source). */
		if (!a.same)
			imp->rec[i] = a.out;
		imp->ans[i] = a.id;
	}
	if (imp->col[F_VALUE] >= 0) {
		struct answer a;

		i = (size_t)imp->col[F_VALUE];
		a = normalise_value(imp, i, buf[0], why);
		if (a.status < 0) {
			bad_field(imp, file, line, u, i, a.why);
			return 1;
		}
		if (!a.same)
			imp->rec[i] = a.out;
	}
	return emit(ctx, imp->rec, imp->noc) != 0 ? -1 : 0;
}

int
import_row(track_import *imp, const track_row *row, const char *file,
    import_emit_fn emit, void *ctx)
{
	size_t u;
	int errors = 0, r;

	imp->src = row;
	if (imp->nuc == 0) {
		r = one_record(imp, row, file, -1, emit, ctx);
		imp->src = NULL;
		return r < 0 ? -1 : r;
	}
	for (u = 0; u < imp->nuc; u++) {
		track_str cell = str_trim(row->field[imp->uc[u].src]);

		if (cell.len == 0)
			continue;	/* not assessed (yet) */
		r = one_record(imp, row, file, (long)u, emit, ctx);
		if (r < 0) {
			errors = -1;
			break;
		}
		errors += r;
	}
	imp->src = NULL;
	return errors;
}

const track_row *
import_source(const track_import *imp)
{
	return imp != NULL ? imp->src : NULL;
}

int
import_rows(track_reader *rd, const track_str *h, size_t n,
    const struct import_sink *k, int (*fn)(void *ctx, const track_row *row),
    void *ctx, track_error *err)
{
	track_row row;
	enum track_read got;
	unsigned long long rows = 0;
	int rc, status = 0;

	while ((got = k->next != NULL ? k->next(k->src, &row, err) :
	    reader_next(rd, &row, err)) != TRACK_READ_EOF) {
		if (k->progress != NULL)
			k->progress(k->ctx, ++rows);
		if (got == TRACK_READ_FATAL)
			return TRACK_EXIT_IO;
		if (got == TRACK_READ_BAD) {
			status = TRACK_EXIT_DATA;
			if (k->reject != NULL && k->reject(k->ctx, err, h, n, &row))
				break;
			continue;
		}
		rc = fn(ctx, &row);
		if (rc < 0)
			break;
		if (rc > 0) {
			status = TRACK_EXIT_DATA;
			if (k->reject != NULL &&
			    k->reject(k->ctx, NULL, h, n, &row))
				break;
		}
	}
	error_clear(err);
	return status;
}

/* import_rows' row function for an export: import_row to the sink. */
static int
one_row(void *ctx, const track_row *row)
{
	track_import *imp = ctx;

	return import_row(imp, row, imp->file, imp->sink->record,
	    imp->sink->ctx);
}

/*
 * The read loop is the importer's own, not cli_read_records (lib/cli):
 * an export is one file whose header may name a column twice (the second
 * becomes name_2), where the records stream would merge the two; and one
 * row can make several records, or none.
 */
int
import_read(track_import *imp, track_reader *rd, const struct import_sink *k,
    track_error *err)
{
	const char *file = reader_name(rd);
	const track_str *h;
	size_t n;
	int rc, status = 0;

	error_clear(err);
	imp->sink = k;
	imp->file = file;
	h = reader_header(rd, &n);
	if (n > 0) {
		rc = import_header(imp, h, n, file, err);
		if (rc != 0)
			return rc;
		if (imp->header_errors > 0)
			status = TRACK_EXIT_DATA;
		if (k->header != NULL &&
		    k->header(k->ctx, imp->ohdr, imp->noc, h, n) != 0)
			return 0;
	}
	rc = import_rows(rd, h, n, k, one_row, imp, err);
	return error_graver(rc, status);
}

int
import_new(track_import **out, const struct mapping *m,
    const track_scheme *s, const struct track_reader_opts *ropts,
    import_problem_fn problem, void *ctx, track_error *err)
{
	track_import *imp;
	int rc = 0;
	size_t i;

	*out = NULL;
	imp = calloc(1, sizeof *imp);
	if (imp == NULL)
		return error_set(err, TRACK_EXIT_IO, NULL, 0, "out of memory");
	imp->m = m;
	imp->s = s;
	imp->problem = problem;
	imp->ctx = ctx;
	imp->jpupil = -1;
	for (i = 0; i < F_OTHER; i++)
		imp->col[i] = -1;
	if (m->nunpivot > 0 && m->nkey == 0)
		rc = error_set(err, TRACK_EXIT_USAGE, NULL, 0,
		    "--unpivot needs --key FIELD (e.g. --key subject,point)");
	else if (m->nkey > 0 && m->nunpivot == 0)
		rc = error_set(err, TRACK_EXIT_USAGE, NULL, 0,
		    "--key goes with --unpivot COLUMNS");
	if (rc == 0 && m->join != NULL)
		rc = import_load_join(imp, ropts, err);
	if (rc != 0) {
		import_free(imp);
		return rc;
	}
	*out = imp;
	return 0;
}

void
import_finish(track_import *imp)
{
	size_t n;

	if (imp->missing == NULL)
		return;
	n = strmap_count(imp->missing);
	if (n > 0)
		import_say(imp, imp->jfile, 0, 1, "no row for %zu pupil%s "
		    "(%.*s%s%s); their characteristics are blank", n,
		    n == 1 ? "" : "s",
		    SHOWN, imp->first_missing ? imp->first_missing : "",
		    imp->first_missing && strlen(imp->first_missing) > SHOWN ?
		    "..." : "", n == 1 ? "" : ", ...");
}

void
import_free_ucol(const track_import *imp, struct ucol *u)
{
	size_t k;

	for (k = 0; u->part != NULL && k < imp->m->nkey; k++)
		free(u->part[k]);
	free(u->part);
	free(u->partlen);
	free(u->label);
}

void
import_free(track_import *imp)
{
	size_t i;

	if (imp == NULL)
		return;
	for (i = 0; i < imp->noc; i++) {
		free(imp->oc[i].name);
		memo_free(&imp->oc[i].memo);
		import_values_free(&imp->oc[i]);
	}
	free(imp->oc);
	free(imp->ohdr);
	free(imp->chk);
	free(imp->chkbuf);
	free(imp->srcs);
	free(imp->ans);
	memo_free(&imp->vmemo);
	free(imp->rec);
	free(imp->joined);
	for (i = 0; i < imp->nuc; i++)
		import_free_ucol(imp, &imp->uc[i]);
	free(imp->uc);
	import_free_join(imp);
	free(imp);
}
