/* import.c - a school's export into canonical records; see import.h. */
#include "import.h"

#include <ctype.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/str.h"
#include "base/buf.h"
#include "base/strmap.h"
#include "base/suggest.h"
#include "base/swar.h"

/* The canonical columns, in output order. */
enum field {
	F_PUPIL, F_NAME, F_YEAR, F_AGAINST, F_SUBJECT, F_POINT, F_MEASURE,
	F_VALUE, F_OBJECTIVE, F_DOB, F_DATE, F_OTHER
};

static const char *const canonical[] = {
	"pupil", "name", "year", "against", "subject", "point", "measure",
	"value", "objective", "dob", "date"
};

enum kind {
	K_SRC,		/* a column of the export */
	K_KEY,		/* a part of an unpivoted column's name */
	K_VALUE,	/* an unpivoted cell */
	K_SET,		/* a --set constant */
	K_JOIN		/* a column of the join file */
};

/*
 * A memo remembers what normalise() said about each distinct value of one
 * output column.  Exports repeat a handful of values (subjects, points,
 * codes, year groups) hundreds of thousands of times, and the scheme's
 * lookups fold case and format text every time; the memo does that once
 * per distinct value.  Keys are the exact bytes, not folded: "EXS" and
 * "exs" are two entries with the same answer, which costs little and
 * keeps the memo from having to know the scheme's rules.  Failures and
 * warnings are remembered with their message, so each bad record is still
 * reported as it was.  The value column's key also holds the subject,
 * measure and point it was checked against (see normalise_value).
 *
 * The table is open addressing with linear probing, at most half full.
 * An entry's text lives in its own allocation, which never moves, so a
 * record may point into it while the table grows.
 */
struct memo_ent {
	char *blob;		/* key, NUL, out, NUL, why, NUL; NULL: empty */
	uint64_t hash;
	uint64_t w0, w1;	/* the key's first 16 bytes (see mkey_make) */
	size_t keylen, outlen;
	const char *why;	/* in blob; for status != 0 */
	int status;		/* what normalise() returned */
	long id;		/* 0, 1, 2, ... in the order added */
};

struct memo {
	struct memo_ent *slot;
	size_t nslots;		/* 0 or a power of two */
	unsigned shift;		/* 64 - log2(nslots): hash >> shift is a slot */
	size_t count;
	size_t last;		/* the slot memo_find() found last */
};

/*
 * Distinct values beyond these are normalised afresh each time: long
 * fields are rarely repeated, and the cap bounds the memory a file of
 * endless distinct values can take.  It also keeps ids to 16 bits, with
 * one to spare for a blank (see normalise_value).
 */
#define MEMO_MAX_KEY 256
#define MEMO_MAX_COUNT 65535
#define ID_BLANK 65535L

/*
 * The room normalise() gets for formatted text and for a message.  The
 * text is a canonical point or value, which the scheme's limit on ids
 * bounds; a message shows at most SHOWN bytes of a bad value.
 */
#define NORM_BUF 256
#define NORM_WHY 400
_Static_assert(NORM_BUF >= SCHEME_POINT_MAX && NORM_BUF >= SCHEME_VALUE_MAX,
    "normalise() writes a known point or a value");

/* The bytes of a bad value a message shows; a longer one ends in "...". */
#define SHOWN 80
#define SHOW(v) (int)((v).len > SHOWN ? SHOWN : (v).len), (v).ptr, \
	(v).len > SHOWN ? "..." : ""

struct ocol {
	char *name;
	size_t namelen;
	enum kind kind;
	long src;		/* K_SRC: export column */
	size_t key;		/* K_KEY: index into --key */
	const char *constant;	/* K_SET */
	size_t constlen;	/* strlen(constant) */
	long join;		/* join column (K_JOIN, or fallback), or -1 */
	enum field field;
	int group;		/* the scheme has groups for this column */
	struct memo memo;	/* when one_record() normalises it */
};

struct ucol {
	long src;
	char *label;		/* the trimmed column name, for messages */
	char **part;		/* normalised key values, one per --key */
	size_t *partlen;	/* their lengths */
};

struct jcell {
	size_t off, len;
};

struct track_import {
	const struct mapping *m;
	const track_scheme *s;
	import_problem_fn problem;
	void *ctx;

	struct ocol *oc;
	size_t noc;
	track_str *ohdr;
	struct ucol *uc;
	size_t nuc;
	long col[F_OTHER];	/* output index of each canonical field */
	size_t *chk;		/* the columns normalised before the value */
	size_t nchk;
	long *ans;		/* the memo id of each rec[i], or -1 */
	struct memo vmemo;	/* values by subject, measure and point id */
	track_str *rec;
	unsigned char *joined;	/* rec[i] came from the join file */

	/* The join file: pupil -> row of normalised cells. */
	char *jfile;
	char **jname;
	size_t njcols;
	long jpupil;
	track_strmap *jmap;
	struct jcell *jcell;	/* njcols cells per pupil id */
	size_t jcellcap;	/* pupils jcell has room for */
	track_buf jarena;	/* the cells' text */
	track_strmap *missing;
	char *first_missing;	/* the first such pupil's id, whole */
};

static enum field
field_of(const char *name)
{
	size_t i;

	for (i = 0; i < F_OTHER; i++)
		if (strcmp(name, canonical[i]) == 0)
			return (enum field)i;
	return F_OTHER;
}

/* A new copy of `s`, trimmed and in lower case, or NULL (no memory). */
static char *
lower_trim(track_str s)
{
	char *c;
	size_t i;

	s = str_trim(s);
	c = strndup(s.ptr, s.len);
	for (i = 0; c != NULL && c[i] != '\0'; i++)
		c[i] = (char)tolower((unsigned char)c[i]);
	return c;
}

/*
 * The output name of an export column: its rename target when a --rename
 * matches (ignoring case and surrounding space), else its own name;
 * trimmed and in lower case either way.  Returns a new string, or NULL
 * when out of memory.
 */
static char *
out_name(const struct mapping *m, track_str raw)
{
	track_str t = str_trim(raw);
	size_t i;

	for (i = 0; i < m->nrename; i++) {
		track_str from = str_trim((track_str){ m->rename[i].from,
		    strlen(m->rename[i].from) });

		if (from.len == t.len &&
		    strncasecmp(from.ptr, t.ptr, t.len) == 0)
			return lower_trim((track_str){ m->rename[i].to,
			    strlen(m->rename[i].to) });
	}
	return lower_trim(t);
}

static void
say(track_import *imp, const char *file, long line, int warning,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void
say(track_import *imp, const char *file, long line, int warning,
    const char *fmt, ...)
{
	track_error e;
	va_list ap;

	error_clear(&e);
	e.kind = warning ? TRACK_EXIT_OK : TRACK_EXIT_DATA;
	e.file = file;
	e.line = line;
	va_start(ap, fmt);
	vsnprintf(e.text, sizeof e.text, fmt, ap);
	va_end(ap);
	if (imp->problem != NULL)
		imp->problem(imp->ctx, &e, warning);
}

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

/*
 * Normalises `v` as field `f` (or as group column `col`) into *out.
 * Scheme-owned canonical ids are borrowed; values that need formatting are
 * written into `buf`.  `rec` is the record so far, for the value's
 * subject, measure and point.  Returns 0; 1 when a deprecated spelling was
 * accepted (`why` says so); or -1 with `why` filled.
 */
static int
normalise(track_import *imp, enum field f, const char *col, int group,
    track_str v, const track_str *rec, track_str *out, char *buf,
    size_t bufsz, char *why, size_t whysz)
{
	const track_scheme *s = imp->s;
	const char *id, *ay = imp->m->academic_year;
	track_error e;
	int kind;

	*out = v;
	if (v.len == 0)
		return 0;
	switch (f) {
	case F_YEAR:
	case F_AGAINST:
		id = scheme_year_id(s, v.ptr, v.len);
		if (id == NULL && f == F_AGAINST &&
		    scheme_custom_index(s, v.ptr, v.len) >= 0) {
			id = scheme_custom_id(s,
			    (size_t)scheme_custom_index(s, v.ptr, v.len));
		}
		if (id == NULL) {
			struct cands c;

			cands_fill(&c, s, scheme_year_id_at, scheme_year_count(s));
			unknown("year group", v, &c, why, whysz);
			return -1;
		}
		*out = (track_str){ id, strlen(id) };
		return 0;
	case F_SUBJECT:
		id = scheme_subject_id(s, v.ptr, v.len);
		if (id == NULL) {
			struct cands c;

			cands_fill(&c, s, scheme_subject_id_at, scheme_subject_count(s));
			unknown("subject", v, &c, why, whysz);
			return -1;
		}
		*out = (track_str){ id, strlen(id) };
		return 0;
	case F_MEASURE:
		id = scheme_measure_id(s, v.ptr, v.len);
		if (id == NULL) {
			struct cands c;

			cands_fill(&c, s, scheme_measure_id_at, scheme_measure_count(s));
			unknown("measure", v, &c, why, whysz);
			return -1;
		}
		*out = (track_str){ id, strlen(id) };
		return 0;
	case F_POINT:
		if (ay != NULL)
			kind = scheme_point_qualify(s, v.ptr, v.len, ay,
			    strlen(ay), buf, bufsz);
		else
			kind = scheme_point_normalise(s, v.ptr, v.len, buf,
			    bufsz);
		if (kind <= 0) {
			snprintf(why, whysz, "unknown point \"%.*s%s\" (points "
			    "are terms such as autumn or 2025-26.autumn, or "
			    "statutory points such as ks2)", SHOW(v));
			return -1;
		}
		*out = (track_str){ buf, strlen(buf) };
		return 0;
	case F_VALUE: {
		long sc = imp->col[F_SUBJECT], pc = imp->col[F_POINT];
		long mc = imp->col[F_MEASURE];
		const char *subj, *meas, *pt = NULL;
		char pb[SCHEME_POINT_MAX];
		size_t ptlen;
		struct cands c;

		if (sc < 0)
			return 0;	/* nothing to check it against */
		/*
		 * The record's subject, measure and point, whatever their
		 * length, as the scheme's own ids (usually they are already:
		 * a joined cell is not).  An unknown point has no overrides.
		 */
		subj = scheme_subject_id(s, rec[sc].ptr, rec[sc].len);
		if (subj == NULL) {
			cands_fill(&c, s, scheme_subject_id_at,
			    scheme_subject_count(s));
			unknown("subject", rec[sc], &c, why, whysz);
			return -1;
		}
		meas = scheme_measure_id(s, mc >= 0 ? rec[mc].ptr : "",
		    mc >= 0 ? rec[mc].len : 0);
		if (meas == NULL) {
			cands_fill(&c, s, scheme_measure_id_at,
			    scheme_measure_count(s));
			unknown("measure", rec[mc], &c, why, whysz);
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
	default:
		break;
	}
	if (group) {
		int deprecated = 0;

		id = scheme_group_code(s, col, v.ptr, v.len, &deprecated);
		if (id == NULL) {
			const track_group *g = scheme_group_find(s, col);
			struct cands c = { .n = 0 };
			char what[80];
			size_t i;

			for (i = 0; i < scheme_group_value_count(g); i++)
				cands_add(&c, scheme_group_value_code(g, i));
			snprintf(what, sizeof what, "%s value", col);
			unknown(what, v, &c, why, whysz);
			return -1;
		}
		if (deprecated)
			snprintf(why, whysz, "%s \"%.*s%s\" read as \"%s\"",
			    col, SHOW(v), id);
		*out = (track_str){ id, strlen(id) };
		return deprecated ? 1 : 0;
	}
	return 0;
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
 * `status` and, when status is nonzero, message `why`.  Returns the new
 * entry's id, or -1 when the memo is full or memory is short: the value
 * is then simply normalised again next time.
 */
static long
memo_add(struct memo *mo, const struct mkey *k, int status, track_str out,
    const char *why)
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

/* What normalise() said about one value. */
struct answer {
	track_str out;
	const char *why;	/* the message, when status is nonzero */
	int status;		/* as normalise() returns */
	long id;		/* its id in the memo, or -1 */
};

/*
 * Asks normalise() about value `v` of column `c`, into `buf` (NORM_BUF
 * bytes) and `whybuf` (NORM_WHY bytes), and has memo `mo` (unless it is
 * NULL) keep the answer under the `keylen` bytes at `key`.  Kept out of
 * line, with the key passed as bytes: it runs once per distinct value,
 * and its hot callers can then keep their key and answer in registers.
 */
static __attribute__((noinline)) struct answer
memo_miss(track_import *imp, struct memo *mo, const struct ocol *c,
    const char *key, size_t keylen, track_str v, char *buf, char *whybuf)
{
	struct answer a;
	struct mkey k;

	a.status = normalise(imp, c->field, c->name, c->group, v, imp->rec,
	    &a.out, buf, NORM_BUF, whybuf, NORM_WHY);
	a.why = whybuf;
	a.id = -1;
	if (mo != NULL) {
		mkey_make(&k, key, keylen);
		a.id = memo_add(mo, &k, a.status, a.out, whybuf);
	}
	return a;
}

/*
 * The answer for key `k` (standing for value `v` of column `c`) from memo
 * `mo`, or else from normalise(), which the memo then keeps.  The text in
 * the answer points into the memo, or into `buf` and `whybuf` (see
 * memo_miss), and stays valid until the next record.
 */
static inline __attribute__((always_inline)) struct answer
memo_answer(track_import *imp, struct memo *mo, const struct ocol *c,
    const struct mkey *k, track_str v, char *buf, char *whybuf)
{
	const struct memo_ent *e = memo_find(mo, k);

	if (e == NULL)
		return memo_miss(imp, mo, c, k->p, k->len, v, buf, whybuf);
	return (struct answer){ { e->blob + e->keylen + 1, e->outlen },
	    e->why, e->status, e->id };
}

/*
 * normalise() for output column `i` (not the value) of the record in
 * imp->rec, through the column's memo; see memo_answer.
 */
static inline __attribute__((always_inline)) struct answer
normalise_col(track_import *imp, size_t i, char *buf, char *whybuf)
{
	struct ocol *c = &imp->oc[i];
	track_str v = imp->rec[i];
	struct mkey k;

	/* normalise() passes a blank through. */
	if (v.len == 0)
		return (struct answer){ v, whybuf, 0, ID_BLANK };
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
 * normalise() cuts it at 127 bytes or a NUL: equal keys still mean equal
 * answers.  Whether the measure and point columns exist is the same for
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

	/* normalise() passes these through. */
	if (v.len == 0 || col[0] < 0)
		return (struct answer){ v, whybuf, 0, -1 };
	if (v.len > MEMO_MAX_KEY)
		goto fresh;
	for (j = 0; j < 3; j++)
		if (col[j] >= 0 && imp->ans[col[j]] < 0)
			break;
	if (j == 3) {
		for (j = 0; j < 3; j++)
			if (col[j] >= 0)
				ids |= (uint64_t)imp->ans[col[j]] << (16 * j);
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

/* Appends an output column; returns its index or -1 when out of memory. */
static long
add_col(track_import *imp, const char *name, enum kind kind)
{
	struct ocol *oc = realloc(imp->oc, (imp->noc + 1) * sizeof *oc);
	struct ocol *c;

	if (oc == NULL)
		return -1;
	imp->oc = oc;
	c = &oc[imp->noc];
	memset(c, 0, sizeof *c);
	c->name = strdup(name);
	if (c->name == NULL)
		return -1;
	c->namelen = strlen(name);
	c->kind = kind;
	c->src = -1;
	c->join = -1;
	c->field = field_of(name);
	c->group = c->field == F_OTHER &&
	    scheme_group_find(imp->s, name) != NULL;
	return (long)imp->noc++;
}

static long
find_col(const track_import *imp, const char *name)
{
	size_t i;

	for (i = 0; i < imp->noc; i++)
		if (strcmp(imp->oc[i].name, name) == 0)
			return (long)i;
	return -1;
}

/* Nonzero when the trimmed column name matches an --unpivot pattern. */
static int
is_unpivot(const struct mapping *m, const char *name)
{
	size_t i;

	for (i = 0; i < m->nunpivot; i++)
		if (fnmatch(m->unpivot[i], name, FNM_CASEFOLD) == 0)
			return 1;
	return 0;
}

/*
 * Splits an unpivoted column's name into the --key fields and normalises
 * each part.  Returns 0, or fills err.
 */
static int
split_key(track_import *imp, struct ucol *u, const char *file,
    track_error *err)
{
	const struct mapping *m = imp->m;
	const char *p = u->label, *sep = m->split;
	size_t k = 0, seplen = sep ? strlen(sep) : 0;
	char buf[256], why[256];

	u->part = calloc(m->nkey, sizeof *u->part);
	u->partlen = calloc(m->nkey, sizeof *u->partlen);
	if (u->part == NULL || u->partlen == NULL)
		return error_set(err, TRACK_EXIT_IO, NULL, 0, "out of memory");
	if (m->nkey > 1 && seplen == 0)
		return error_set(err, TRACK_EXIT_USAGE, NULL, 0,
		    "--key names %zu fields; say how column names split "
		    "with --split SEP", m->nkey);
	while (*p != '\0') {
		const char *end = seplen ? strstr(p, sep) : NULL;
		size_t len = end ? (size_t)(end - p) : strlen(p);
		track_str part = str_trim((track_str){ p, len }), norm;
		enum field f;

		p += len + (end ? seplen : 0);
		if (part.len == 0)
			continue;
		if (k == m->nkey) {
			k++;
			break;
		}
		f = field_of(m->key[k]);
		norm = part;
		if (strcmp(m->key[k], "_") != 0 &&
		    normalise(imp, f == F_VALUE ? F_OTHER : f, m->key[k], 0,
		    part, NULL, &norm, buf, sizeof buf, why, sizeof why) < 0)
			return error_set(err, TRACK_EXIT_DATA, file, 1,
			    "column \"%s\": %s", u->label, why);
		u->part[k] = strndup(norm.ptr, norm.len);
		if (u->part[k] == NULL)
			return error_set(err, TRACK_EXIT_IO, NULL, 0,
			    "out of memory");
		u->partlen[k] = strlen(u->part[k]);
		k++;
	}
	if (k != m->nkey)
		return error_set(err, TRACK_EXIT_DATA, file, 1,
		    "column \"%s\" does not split into the %zu fields of "
		    "--key (%s%s%s)", u->label, m->nkey, m->key[0],
		    m->nkey > 1 ? ", ..." : "", seplen ? "" : "; no --split");
	return 0;
}

int
import_header(track_import *imp, const track_str *hdr, size_t n,
    const char *file, track_error *err)
{
	const struct mapping *m = imp->m;
	char **names = calloc(n + 1, sizeof *names);
	track_strmap *seen = strmap_new();
	size_t i, j, f;
	int rc = 0;
	long c;

	if (names == NULL || seen == NULL) {
		rc = error_set(err, TRACK_EXIT_IO, NULL, 0, "out of memory");
		goto out;
	}
	/* Name every export column; unpivoted ones become records. */
	for (i = 0; i < n; i++) {
		track_str t = str_trim(hdr[i]);
		char *label = strndup(t.ptr, t.len);
		int added;

		if (label == NULL) {
			rc = error_set(err, TRACK_EXIT_IO, NULL, 0,
			    "out of memory");
			goto out;
		}
		if (m->nunpivot > 0 && is_unpivot(m, label)) {
			struct ucol *u = realloc(imp->uc,
			    (imp->nuc + 1) * sizeof *u);

			if (u == NULL) {
				free(label);
				rc = error_set(err, TRACK_EXIT_IO, NULL, 0,
				    "out of memory");
				goto out;
			}
			imp->uc = u;
			u = &imp->uc[imp->nuc++];
			memset(u, 0, sizeof *u);
			u->src = (long)i;
			u->label = label;
			rc = split_key(imp, u, file, err);
			if (rc != 0)
				goto out;
			continue;
		}
		/* A template's hints (prev_reading, ...) are not data. */
		if (strncasecmp(label, "prev_", 5) == 0) {
			free(label);
			continue;
		}
		free(label);
		names[i] = out_name(m, hdr[i]);
		if (names[i] == NULL) {
			rc = error_set(err, TRACK_EXIT_IO, NULL, 0,
			    "out of memory");
			goto out;
		}
		strmap_intern(seen, names[i], strlen(names[i]), &added);
		for (j = 2; !added; j++) {
			char *again;

			if (asprintf(&again, "%s_%zu", names[i], j) < 0) {
				rc = error_set(err, TRACK_EXIT_IO, NULL, 0,
				    "out of memory");
				goto out;
			}
			strmap_intern(seen, again, strlen(again), &added);
			if (added) {
				say(imp, file, 1, 1, "duplicate column \"%s\" "
				    "renamed \"%s\"", names[i], again);
				free(names[i]);
				names[i] = again;
			} else {
				free(again);
			}
		}
	}
	if (m->nunpivot > 0 && imp->nuc == 0) {
		rc = error_set(err, TRACK_EXIT_DATA, file, 1,
		    "no column matches --unpivot \"%s\"%s", m->unpivot[0],
		    m->nunpivot > 1 ? " or the other patterns" : "");
		goto out;
	}
	/* Canonical columns first, then the rest in the export's order. */
	for (f = 0; f <= F_OTHER; f++) {
		for (i = 0; i < n; i++) {
			if (names[i] == NULL || (f < F_OTHER ?
			    strcmp(names[i], canonical[f]) != 0 :
			    field_of(names[i]) != F_OTHER))
				continue;
			c = add_col(imp, names[i], K_SRC);
			if (c < 0)
				goto oom;
			imp->oc[c].src = (long)i;
		}
		if (f == F_OTHER)
			break;
		for (j = 0; imp->nuc > 0 && j < m->nkey; j++) {
			if (strcmp(m->key[j], canonical[f]) != 0)
				continue;
			if (find_col(imp, canonical[f]) >= 0) {
				rc = error_set(err, TRACK_EXIT_DATA, file, 1,
				    "--key %s: the export already has a "
				    "\"%s\" column", m->key[j], m->key[j]);
				goto out;
			}
			c = add_col(imp, m->key[j], K_KEY);
			if (c < 0)
				goto oom;
			imp->oc[c].key = j;
		}
		if (f == F_VALUE && imp->nuc > 0) {
			if (find_col(imp, "value") >= 0) {
				rc = error_set(err, TRACK_EXIT_DATA, file, 1,
				    "--unpivot: the export already has a "
				    "\"value\" column");
				goto out;
			}
			if (add_col(imp, "value", K_VALUE) < 0)
				goto oom;
		}
	}
	/* Keys that are not canonical fields go after the canonical ones. */
	for (j = 0; imp->nuc > 0 && j < m->nkey; j++) {
		if (strcmp(m->key[j], "_") == 0 ||
		    field_of(m->key[j]) != F_OTHER)
			continue;
		if (find_col(imp, m->key[j]) >= 0) {
			rc = error_set(err, TRACK_EXIT_DATA, file, 1,
			    "--key %s: the export already has that column",
			    m->key[j]);
			goto out;
		}
		c = add_col(imp, m->key[j], K_KEY);
		if (c < 0)
			goto oom;
		imp->oc[c].key = j;
	}
	/* --set replaces a column of that name, or adds one. */
	for (j = 0; j < m->nset; j++) {
		char *name = lower_trim((track_str){ m->set[j].from,
		    strlen(m->set[j].from) });

		if (name == NULL)
			goto oom;
		c = find_col(imp, name);
		if (c < 0)
			c = add_col(imp, name, K_SET);
		free(name);
		if (c < 0)
			goto oom;
		imp->oc[c].kind = K_SET;
		imp->oc[c].constant = m->set[j].to;
	}
	/* Joined characteristics fill blanks or add columns. */
	for (j = 0; j < imp->njcols; j++) {
		if ((long)j == imp->jpupil)
			continue;
		c = find_col(imp, imp->jname[j]);
		if (c < 0)
			c = add_col(imp, imp->jname[j], K_JOIN);
		if (c < 0)
			goto oom;
		imp->oc[c].join = (long)j;
	}
	/* Put the canonical columns in order (--set may have added some). */
	for (i = 1; i < imp->noc; i++) {
		struct ocol t = imp->oc[i];

		for (j = i; j > 0 && imp->oc[j - 1].field > t.field; j--)
			imp->oc[j] = imp->oc[j - 1];
		imp->oc[j] = t;
	}
	for (f = 0; f < F_OTHER; f++)
		imp->col[f] = find_col(imp, canonical[f]);
	imp->chk = calloc(imp->noc + 1, sizeof *imp->chk);
	imp->ans = calloc(imp->noc + 1, sizeof *imp->ans);
	if (imp->chk == NULL || imp->ans == NULL)
		goto oom;
	/*
	 * Which columns one_record() normalises before the value: keys were
	 * normalised here, pupils and names are free text, and so are other
	 * columns unless the scheme has a group for them.
	 */
	for (i = 0; i < imp->noc; i++) {
		struct ocol *oc = &imp->oc[i];

		if (oc->kind != K_KEY && oc->field != F_VALUE &&
		    oc->field != F_PUPIL && oc->field != F_NAME &&
		    (oc->field != F_OTHER || oc->group))
			imp->chk[imp->nchk++] = i;
		if (oc->kind == K_SET)
			oc->constlen = strlen(oc->constant);
		imp->ans[i] = -1;
	}
	if (imp->jmap != NULL && imp->col[F_PUPIL] < 0) {
		rc = error_set(err, TRACK_EXIT_DATA, file, 1,
		    "--join needs a \"pupil\" column in the export; "
		    "use --rename (e.g. --rename UPN=pupil)");
		goto out;
	}
	imp->ohdr = calloc(imp->noc + 1, sizeof *imp->ohdr);
	imp->rec = calloc(imp->noc + 1, sizeof *imp->rec);
	imp->joined = calloc(imp->noc + 1, 1);
	if (imp->ohdr == NULL || imp->rec == NULL || imp->joined == NULL)
		goto oom;
	for (i = 0; i < imp->noc; i++)
		imp->ohdr[i] = (track_str){ imp->oc[i].name,
		    imp->oc[i].namelen };
	goto out;
oom:
	rc = error_set(err, TRACK_EXIT_IO, NULL, 0, "out of memory");
out:
	for (i = 0; names != NULL && i < n; i++)
		free(names[i]);
	free(names);
	strmap_free(seen);
	return rc;
}

const track_str *
import_out_header(const track_import *imp, size_t *n)
{
	*n = imp->noc;
	return imp->ohdr;
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
	enum field field;
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
static int
one_record(track_import *imp, const track_row *row, const char *file,
    long u, import_emit_fn emit, void *ctx)
{
	char vbuf[NORM_BUF], pbuf[NORM_BUF], why[NORM_WHY];
	size_t i, j;
	long line = row->line;
	const char *where = u >= 0 ? imp->uc[u].label : NULL;

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
		case K_SET:
			v.ptr = c->constant;
			v.len = c->constlen;
			break;
		case K_JOIN:
			break;
		}
		imp->rec[i] = v;
	}
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
			say(imp, file, line, 0, "%s%s%sno %s", where ? "\"" :
			    "", where ? where : "", where ? "\": " : "",
			    required[i].what);
			return 1;
		}
	}
	if (imp->col[F_VALUE] >= 0 && imp->rec[imp->col[F_VALUE]].len == 0 &&
	    (imp->col[F_SUBJECT] >= 0 || imp->col[F_POINT] >= 0)) {
		say(imp, file, line, 0, "empty value");
		return 1;
	}
	/*
	 * Keys were normalised with the header; the value goes last, as it
	 * is checked against the normalised subject, measure and point.  The
	 * point has a buffer of its own for that reason.
	 */
	for (j = 0; j < imp->nchk; j++) {
		struct answer a;

		i = imp->chk[j];
		if (imp->joined[i]) {
			imp->ans[i] = -1;
			continue;
		}
		a = normalise_col(imp, i, imp->oc[i].field == F_POINT ? pbuf :
		    vbuf, why);
		if (a.status < 0) {
			say(imp, file, line, 0, "%s%s%s%s", where ? "\"" : "",
			    where ? where : "", where ? "\": " : "", a.why);
			return 1;
		}
		if (a.status > 0)
			say(imp, file, line, 1, "%s", a.why);
		imp->rec[i] = a.out;
		imp->ans[i] = a.id;
	}
	if (imp->col[F_VALUE] >= 0) {
		struct answer a;

		i = (size_t)imp->col[F_VALUE];
		a = normalise_value(imp, i, vbuf, why);
		if (a.status < 0) {
			say(imp, file, line, 0, "%s%s%s%s", where ? "\"" : "",
			    where ? where : "", where ? "\": " : "", a.why);
			return 1;
		}
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

	if (imp->nuc == 0) {
		r = one_record(imp, row, file, -1, emit, ctx);
		return r < 0 ? -1 : r;
	}
	for (u = 0; u < imp->nuc; u++) {
		track_str cell = str_trim(row->field[imp->uc[u].src]);

		if (cell.len == 0)
			continue;	/* not assessed (yet) */
		r = one_record(imp, row, file, (long)u, emit, ctx);
		if (r < 0)
			return -1;
		errors += r;
	}
	return errors;
}

/* Reads the join file: one row of characteristics per pupil. */
static int
load_join(track_import *imp, const struct track_reader_opts *ropts,
    track_error *err)
{
	track_reader *r = NULL;
	const track_str *h;
	track_row row;
	enum track_read got;
	size_t n, i;
	int rc;
	char buf[256], why[400];
	struct track_reader_opts jo;

	/* The join file is its own file: detect its shape afresh. */
	if (ropts != NULL)
		jo = *ropts;
	else
		memset(&jo, 0, sizeof jo);
	jo.encoding = "auto";
	jo.delimiter = 0;
	jo.format = TRACK_IN_AUTO;
	jo.skip_lines = 0;
	jo.allow_duplicate_header = 0;
	rc = reader_open(&r, imp->m->join, &jo, err);
	if (rc != 0)
		return rc;
	imp->jfile = strdup(reader_name(r));
	h = reader_header(r, &n);
	imp->jname = calloc(n + 1, sizeof *imp->jname);
	imp->jmap = strmap_new();
	imp->missing = strmap_new();
	if (imp->jfile == NULL || imp->jname == NULL || imp->jmap == NULL ||
	    imp->missing == NULL) {
		rc = error_set(err, TRACK_EXIT_IO, NULL, 0, "out of memory");
		goto out;
	}
	imp->njcols = n;
	imp->jpupil = -1;
	for (i = 0; i < n; i++) {
		imp->jname[i] = out_name(imp->m, h[i]);
		if (imp->jname[i] == NULL) {
			rc = error_set(err, TRACK_EXIT_IO, NULL, 0,
			    "out of memory");
			goto out;
		}
		if (strcmp(imp->jname[i], "pupil") == 0)
			imp->jpupil = (long)i;
	}
	if (imp->jpupil < 0) {
		rc = error_set(err, TRACK_EXIT_DATA, imp->m->join, 1,
		    "the join file has no \"pupil\" column; use --rename "
		    "(e.g. --rename UPN=pupil)");
		goto out;
	}
	while ((got = reader_next(r, &row, err)) != TRACK_READ_EOF) {
		track_str p;
		long id;
		int added;

		if (got == TRACK_READ_FATAL) {
			rc = TRACK_EXIT_IO;
			goto out;
		}
		if (got == TRACK_READ_BAD) {
			if (imp->problem != NULL)
				imp->problem(imp->ctx, err, 0);
			continue;
		}
		p = str_trim(row.field[imp->jpupil]);
		if (p.len == 0) {
			say(imp, imp->jfile, row.line, 0, "no pupil id");
			continue;
		}
		id = strmap_intern(imp->jmap, p.ptr, p.len, &added);
		if (id < 0)
			goto oom;
		if (!added)
			say(imp, imp->jfile, row.line, 1, "pupil %.*s appears "
			    "again; this row replaces the earlier one",
			    (int)p.len, p.ptr);
		else if ((size_t)id >= imp->jcellcap) {
			size_t cap = imp->jcellcap ? imp->jcellcap * 2 : 256;
			struct jcell *c = realloc(imp->jcell,
			    cap * (n ? n : 1) * sizeof *c);

			if (c == NULL)
				goto oom;
			imp->jcell = c;
			imp->jcellcap = cap;
		}
		for (i = 0; i < n; i++) {
			track_str v = str_trim(row.field[i]), out = v;
			enum field f = field_of(imp->jname[i]);
			int g = f == F_OTHER &&
			    scheme_group_find(imp->s, imp->jname[i]) != NULL;
			long off;
			int nr = 0;

			if (f == F_YEAR || f == F_AGAINST || g)
				nr = normalise(imp, f, imp->jname[i], g, v,
				    NULL, &out, buf, sizeof buf, why,
				    sizeof why);
			if (nr < 0) {
				say(imp, imp->jfile, row.line, 0, "%s", why);
				out = v;
			} else if (nr > 0) {
				say(imp, imp->jfile, row.line, 1, "%s", why);
			}
			off = buf_append(&imp->jarena, out.ptr, out.len, 1);
			if (off < 0)
				goto oom;
			imp->jcell[(size_t)id * n + i].off = (size_t)off;
			imp->jcell[(size_t)id * n + i].len = out.len;
		}
	}
	rc = 0;
	goto out;
oom:
	rc = error_set(err, TRACK_EXIT_IO, NULL, 0, "out of memory");
out:
	reader_close(r);
	return rc;
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
		rc = load_join(imp, ropts, err);
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
		say(imp, imp->jfile, 0, 1, "no row for %zu pupil%s (%.*s%s%s); "
		    "their characteristics are blank", n, n == 1 ? "" : "s",
		    SHOWN, imp->first_missing ? imp->first_missing : "",
		    imp->first_missing && strlen(imp->first_missing) > SHOWN ?
		    "..." : "", n == 1 ? "" : ", ...");
}

void
import_free(track_import *imp)
{
	size_t i, k;

	if (imp == NULL)
		return;
	for (i = 0; i < imp->noc; i++) {
		free(imp->oc[i].name);
		memo_free(&imp->oc[i].memo);
	}
	free(imp->oc);
	free(imp->ohdr);
	free(imp->chk);
	free(imp->ans);
	memo_free(&imp->vmemo);
	free(imp->rec);
	free(imp->joined);
	for (i = 0; i < imp->nuc; i++) {
		for (k = 0; imp->uc[i].part != NULL && k < imp->m->nkey; k++)
			free(imp->uc[i].part[k]);
		free(imp->uc[i].part);
		free(imp->uc[i].partlen);
		free(imp->uc[i].label);
	}
	free(imp->uc);
	for (i = 0; i < imp->njcols; i++)
		free(imp->jname[i]);
	free(imp->jname);
	free(imp->jfile);
	free(imp->jcell);
	buf_free(&imp->jarena);
	strmap_free(imp->jmap);
	strmap_free(imp->missing);
	free(imp->first_missing);
	free(imp);
}
