/* reader.c - records from CSV, TSV or JSON Lines; see reader.h. */
#include "reader.h"

#include <csv.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "base/buf.h"
#include "input.h"
#include "base/strmap.h"
#include "base/swar.h"
#include "base/utf8.h"

/* Row flags set while parsing. */
#define ROW_TOO_WIDE	1u	/* more fields than max_columns */
#define ROW_TOO_BIG	2u	/* a field over max_field, skipped */
#define ROW_BAD_QUOTE	4u	/* a quote never closed before the end */
#define ROW_JSON_BAD	8u	/* JSON line that is not a usable object */
#define ROW_CHECK	16u	/* a byte >= 0x80 or NUL: validate the text */
#define ROW_STRAY_QUOTE	32u	/* a closing quote followed by more text */
/* libcsv's parser states (csv.h does not name them). */
#define LIBCSV_ROW_NOT_BEGUN 0
#define LIBCSV_FIELD_BEGUN 2

/* Buffers above this size are given back once they are empty again. */
#define KEEP_BUFFER	((size_t)1 << 20)

struct rowrec {
	size_t first;		/* index of its first field */
	size_t nf;
	long line;
	unsigned flags;
	unsigned col;		/* ROW_STRAY_QUOTE, ROW_BAD_QUOTE: the field */
};

struct track_reader {
	track_input *in;
	struct track_reader_opts o;
	enum track_in_format fmt;
	int delim;

	struct csv_parser p;
	int p_live;

	/* Field arena and queue of parsed rows, reused after each drain. */
	char *buf;
	size_t blen, bcap;
	size_t bzero;		/* buf[0..bzero) is set (see make_room) */
	track_str *f;		/* the fields, pointing into buf */
	size_t fcount, fcap;
	struct rowrec *rows;
	size_t nrows, rowcap, rowpos;

	/* The row being parsed. */
	size_t cur_first, cur_nf;
	size_t cur_blen;	/* where its first field starts in buf */
	long cur_line;
	unsigned cur_flags;

	/* Line tracking. */
	long line;		/* physical line the parser is on */
	int last_cr;		/* the last row ended with CR */
	int skip_to_eol;	/* resynchronising: skip to the next line */

	/*
	 * Going back after a malformed CSV row (see resync).  row_line is
	 * the line libcsv's open row starts on; rraw holds that row's text
	 * from its start once it runs past one piece of text handed to
	 * libcsv; pb holds text to parse again before the next chunk.  A
	 * bad row whose first line is not complete yet waits in `pending`
	 * (its flag) while the rest of that line is skipped.
	 */
	long row_line;
	char *rraw;
	size_t rrlen, rrcap;
	char *pb;
	size_t pblen, pbcap, pbpos;
	unsigned pending, pending_col;
	long pending_line;

	/* The chunk of input not yet fed to the parser. */
	const char *chunk;
	size_t chunklen;
	int in_eof;
	int done;

	/* JSON lines that span chunks are gathered here. */
	char *lbuf;
	size_t llen, lcap;

	/* Header. */
	char *hbuf;
	track_str *hdr;
	size_t ncols;
	int have_header;
	int oom;
	int utf8;		/* the input is UTF-8 (not converted) */
	int nul_seen;		/* the input has held a NUL byte */
	char why[200];		/* why the queued JSON line is bad; JSON
				   lines are queued one at a time */
};

/*
 * Makes room in the arena for `bytes` more bytes (and the 16 bytes of
 * slack that word reads past a field may touch) and in the field table
 * for `fields` more fields.  The bytes up to that room are set, so that
 * word reads past a field never see uninitialised memory; the rest of
 * the capacity is left untouched, so a doubled arena costs address
 * space, not memory.  Sets r->oom on failure.
 */
static int
make_room(track_reader *r, size_t bytes, size_t fields)
{
	size_t i, need = r->blen + bytes + 16;
	uintptr_t base = (uintptr_t)r->buf;

	if (buf_grow((void **)&r->buf, &r->bcap, need, 1) != 0 ||
	    buf_grow((void **)&r->f, &r->fcap, r->fcount + fields,
	    sizeof *r->f) != 0) {
		r->oom = 1;
		return -1;
	}
	if (need > r->bzero) {
		memset(r->buf + r->bzero, 0, need - r->bzero);
		r->bzero = need;
	}
	if ((uintptr_t)r->buf != base)	/* the arena moved: follow it */
		for (i = 0; i < r->fcount; i++)
			r->f[i].ptr = r->buf +
			    ((uintptr_t)r->f[i].ptr - base);
	return 0;
}


/* Counts the line ends inside a quoted field: LF, CRLF and lone CR. */
static long
count_newlines(const char *s, size_t len)
{
	long n = 0;
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] == '\n')
			n++;
		else if (s[i] == '\r' && (i + 1 == len || s[i + 1] != '\n'))
			n++;
	}
	return n;
}

/*
 * Looks for anything unusual in s[0..len), eight bytes at a time: returns
 * 0 for plain ASCII text, 1 when it holds CR or LF (and nothing else
 * unusual), 2 when it holds a byte >= 0x80, which the row check must then
 * look at.  (NUL bytes are looked for only once the input has shown one;
 * see nul_seen.)  A short tail is read as overlapping loads: a byte seen
 * twice does no harm, and the zero bytes left over are neither CR, LF
 * nor high.
 */
static int
unusual(const char *s, size_t len)
{
	uint64_t w, any = 0, line = 0;
	size_t i;

	for (i = 0; i + 8 <= len; i += 8) {
		memcpy(&w, s + i, 8);
		any |= w;
		line |= HAS_ZERO(w ^ REP('\n')) | HAS_ZERO(w ^ REP('\r'));
	}
	if (i < len) {
		if (len >= 8)
			memcpy(&w, s + len - 8, 8);
		else
			w = swar_load_short(s, len);
		any |= w;
		line |= HAS_ZERO(w ^ REP('\n')) | HAS_ZERO(w ^ REP('\r'));
	}
	if (any & REP(0x80))
		return 2;
	return line != 0;
}

/*
 * Appends a field of `len` bytes (plus a NUL) to the current row.  The
 * arena and the field table have room already (see make_room), so this is
 * a copy and two stores.
 */
static void
push_field(track_reader *r, const char *s, size_t len)
{
	track_str *f;
	char *dst;

	if (r->cur_nf == 0) {
		r->cur_first = r->fcount;
		r->cur_blen = r->blen;
	}
	r->cur_nf++;
	if (r->cur_nf > r->o.max_columns) {
		r->cur_flags |= ROW_TOO_WIDE;
		return;
	}
	if (len > r->o.max_field) {
		r->cur_flags |= ROW_TOO_BIG;
		len = 0;
	}
	if ((r->blen + len + 1 + 16 > r->bzero || r->fcount + 1 > r->fcap) &&
	    make_room(r, len + 1, 1) != 0)
		return;
	dst = r->buf + r->blen;
	memcpy(dst, s, len);
	dst[len] = '\0';
	f = &r->f[r->fcount++];
	f->ptr = dst;
	f->len = len;
	r->blen += len + 1;
	switch (unusual(dst, len)) {
	case 0:
		break;
	case 1:
		/* Only a quoted field can hold a line end.  (libcsv keeps
		 * its state in locals while it parses, so r->p.quoted cannot
		 * tell us.) */
		r->line += count_newlines(dst, len);
		break;
	default:
		r->cur_flags |= ROW_CHECK;
		r->line += count_newlines(dst, len);
		break;
	}
	if (r->nul_seen && memchr(dst, 0, len) != NULL)
		r->cur_flags |= ROW_CHECK;
}

/* Ends the current row and queues it. */
static void
push_row(track_reader *r, long line, unsigned flags)
{
	struct rowrec *rr;

	if (buf_grow((void **)&r->rows, &r->rowcap, r->nrows + 1,
	    sizeof *r->rows) != 0) {
		r->oom = 1;
		return;
	}
	rr = &r->rows[r->nrows++];
	rr->first = r->cur_nf ? r->cur_first : r->fcount;
	rr->nf = r->cur_nf;
	rr->line = line;
	rr->flags = flags | r->cur_flags;
	rr->col = 0;
	r->cur_nf = 0;
	r->cur_flags = 0;
}

/*
 * The rare cases of a short field (see cb_field): a byte below 14 (line
 * ends, NUL, tab), which needs counting or checking, or a byte >= 0x80,
 * which needs the UTF-8 check.
 */
static __attribute__((noinline)) void
field_unusual(track_reader *r, const char *dst, size_t len, int high)
{
	if (high || memchr(dst, 0, len) != NULL)
		r->cur_flags |= ROW_CHECK;
	r->line += count_newlines(dst, len);
}

static void
cb_field(void *s, size_t len, void *data)
{
	track_reader *r = data;
	uint64_t w0, w1, m;
	char *dst;
	track_str *f;

	if (r->cur_nf == 0) {
		r->cur_line = r->line;
		r->cur_first = r->fcount;
		r->cur_blen = r->blen;
	}
	/*
	 * The common case, a short field, copied and scanned as two words.
	 * `s` is libcsv's entry buffer, at least 64 KiB (csv_set_blk_size),
	 * so 16 bytes can always be read from it; the arena has 16 bytes
	 * of set slack after its last field (make_room), so 16 can be
	 * written.
	 * Bytes past `len` are replaced by 'x' before the words are looked
	 * at, and the next field or the NUL written here overwrites them.
	 */
	if (__builtin_expect(len > 16 || len > r->o.max_field ||
	    r->cur_nf >= r->o.max_columns || r->p.entry_size < 16 ||
	    r->blen + 17 + 16 > r->bzero || r->fcount + 1 > r->fcap, 0)) {
		push_field(r, s, len);
		return;
	}
	r->cur_nf++;
	memcpy(&w0, s, 8);
	memcpy(&w1, (const char *)s + 8, 8);
	dst = r->buf + r->blen;
	memcpy(dst, &w0, 8);
	memcpy(dst + 8, &w1, 8);
	dst[len] = '\0';
	f = &r->f[r->fcount++];
	f->ptr = dst;
	f->len = len;
	r->blen += len + 1;
	if (len < 8) {
		m = len ? ~0ULL >> (64 - 8 * len) : 0;
		w0 = (w0 & m) | (REP('x') & ~m);
		w1 = REP('x');
	} else if (len < 16) {
		m = len > 8 ? ~0ULL >> (128 - 8 * len) : 0;
		w1 = (w1 & m) | (REP('x') & ~m);
	}
	if (__builtin_expect(((HAS_LESS(w0, 14) | HAS_LESS(w1, 14) |
	    ((w0 | w1) & REP(0x80))) != 0), 0))
		field_unusual(r, dst, len, ((w0 | w1) & REP(0x80)) != 0);
}

static void
cb_row(int c, void *data)
{
	track_reader *r = data;

	if (r->cur_nf == 0) {
		/* A blank line, or the LF of a CRLF. */
		if (c == '\n' && r->last_cr) {
			r->last_cr = 0;
			return;
		}
		r->line++;
		r->last_cr = (c == '\r');
		return;
	}
	push_row(r, r->cur_line, 0);
	if (c != -1)
		r->line++;
	r->last_cr = (c == '\r');
}

static int
space_never(unsigned char c)
{
	(void)c;
	return 0;
}

static int
parser_init(track_reader *r, track_error *err)
{
	if (csv_init(&r->p, CSV_STRICT | CSV_REPALL_NL) != 0)
		return error_set(err, TRACK_EXIT_IO, NULL, 0, "out of memory");
	csv_set_space_func(&r->p, space_never);
	csv_set_delim(&r->p, (unsigned char)r->delim);
	csv_set_blk_size(&r->p, 64 * 1024);
	r->p_live = 1;
	return 0;
}

/* Drops the queued rows, keeping the fields of the row being parsed. */
static void
reset_queue(track_reader *r)
{
	size_t i, base, kept;

	if (r->cur_nf > 0 && r->cur_first < r->fcount) {
		base = (size_t)(r->f[r->cur_first].ptr - r->buf);
		kept = r->fcount - r->cur_first;
		for (i = 0; i < kept; i++) {
			r->f[i].ptr = r->f[r->cur_first + i].ptr - base;
			r->f[i].len = r->f[r->cur_first + i].len;
		}
		memmove(r->buf, r->buf + base, r->blen - base);
		r->blen -= base;
		r->fcount = kept;
		r->cur_first = 0;
	} else {
		r->blen = 0;
		r->fcount = 0;
		r->cur_first = 0;
	}
	r->cur_blen = 0;
	r->nrows = 0;
	r->rowpos = 0;
}

/* Gets the next chunk of text, or sets in_eof.  Returns -1 on error. */
static int
next_chunk(track_reader *r, track_error *err)
{
	long n;

	if (r->chunklen > 0 || r->in_eof)
		return 0;
	n = input_read(r->in, &r->chunk, err);
	if (n < 0)
		return -1;
	if (n == 0)
		r->in_eof = 1;
	r->chunklen = (size_t)n;
	return 0;
}

/*
 * The fast path.  libcsv reads a byte at a time through a state machine;
 * most lines of an export are simple, so parse_text splits those itself
 * and hands libcsv only the rest.  A line is simple when it ends in LF or
 * CRLF, holds no other CR, and each of its fields is either unquoted
 * without a quote, or quoted from its first byte to a closing quote that
 * is followed by the delimiter or the line end, with "" for a quote
 * inside.  Its fields and row end go to cb_field and cb_row exactly as
 * libcsv would send them, so everything after is the same code.  Any
 * other line (a field spanning lines, a quote inside an unquoted field, a
 * malformed quoted field, a CR line end, more than FAST_MAX_FIELDS fields)
 * goes to libcsv, as does a line that starts while libcsv is inside a row;
 * so a malformed row, and going back after it (resync), is always
 * libcsv's.  The fuzz harness fuzz_csv reads every input both ways
 * (libcsv_only) and requires the same rows, lines and messages.
 */
#define FAST_MAX_FIELDS 256

struct fast_field {
	uint32_t off, len;	/* within the line */
	int esc;		/* quoted with "" inside: unescape */
};

/* Nonzero when libcsv is between rows, so a line may bypass it. */
static int
at_row_start(const track_reader *r)
{
	return r->p.pstate == 0 && r->p.entry_pos == 0 && r->cur_nf == 0;
}

/*
 * The first byte at or after c that is one of the three in `a`, `b` and
 * `d` (each a byte repeated), looking eight bytes at a time; c + 8 must be
 * readable for every word looked at, which the caller's 16 bytes of slack
 * after the line guarantee.  Returns NULL past `lim`.
 */
static inline const char *
scan3(const char *c, const char *lim, uint64_t a, uint64_t b, uint64_t d)
{
	for (; c < lim; c += 8) {
		uint64_t w, m;

		memcpy(&w, c, 8);
		m = HAS_ZERO(w ^ a) | HAS_ZERO(w ^ b) | HAS_ZERO(w ^ d);
		if (m != 0) {
			c += __builtin_ctzll(m) >> 3;
			return c < lim ? c : NULL;
		}
	}
	return NULL;
}

/*
 * Parses the simple line at p, in a chunk that ends at `end`, and returns
 * the byte after its LF; returns NULL, having done nothing, when libcsv
 * must read it.  The line is copied into the arena once; its fields are
 * slices of the copy, each ended by a NUL written over its delimiter or
 * closing quote.
 */
static const char *
fast_line(track_reader *r, const char *p, const char *end)
{
	struct fast_field fl[FAST_MAX_FIELDS];
	const uint64_t rd = REP(r->delim), rq = REP('"'), rn = REP('\n'),
	    rr = REP('\r');
	const char *lim = end - 16, *q = p, *c, *le;
	size_t nf = 0, i, len;
	uint64_t any = 0;
	char *dst;
	int crlf = 0;

	if (p >= lim)
		return NULL;
	/* A blank line: a row end with no fields, as libcsv reports it. */
	if (*p == '\n' || (*p == '\r' && p[1] == '\n')) {
		if (*p == '\r')
			cb_row('\r', r);
		cb_row('\n', r);
		return p + (*p == '\r' ? 2 : 1);
	}
	/* Fields, up to the line end: LF, or CR LF. */
	for (;;) {
		if (nf == FAST_MAX_FIELDS)
			return NULL;
		if (*q == '"') {
			int esc = 0;

			c = q + 1;
			for (;;) {
				c = scan3(c, lim, rq, rn, rr);
				if (c == NULL || *c != '"')
					return NULL;	/* spans lines, CR */
				if (c[1] != '"')
					break;
				esc = 1;
				c += 2;
			}
			fl[nf].off = (uint32_t)(q + 1 - p);
			fl[nf].len = (uint32_t)(c - (q + 1));
			fl[nf].esc = esc;
			nf++;
			c++;	/* past the closing quote */
			if (*c == (char)r->delim) {
				q = c + 1;
				continue;
			}
			if (*c != '\n' && *c != '\r')
				return NULL;	/* "ab"c: libcsv's call */
		} else {
			c = scan3(q, lim, rd, rq, rn);
			if (c == NULL || *c == '"')
				return NULL;
			fl[nf].off = (uint32_t)(q - p);
			fl[nf].len = (uint32_t)(c - q);
			fl[nf].esc = 0;
			nf++;
			if (*c == (char)r->delim) {
				q = c + 1;
				continue;
			}
			/* An LF ends the line, and a CR just before it
			   belongs to the line end; any other CR is found
			   below, over the whole line. */
			if (c > q && c[-1] == '\r')
				fl[nf - 1].len--, c--;
		}
		break;
	}
	/* c is at the LF, or at the CR of a CR LF. */
	if (*c == '\r') {
		if (c[1] != '\n')
			return NULL;
		crlf = 1;
	}
	le = c;
	len = (size_t)(le - p);
	if (len > UINT32_MAX || len > r->o.max_field ||
	    nf > r->o.max_columns)
		return NULL;	/* the limits are push_field's to report */
	/* A CR or a byte >= 0x80 anywhere in the line, NUL once seen. */
	for (i = 0; i < len; i += 8) {
		uint64_t w;

		memcpy(&w, p + i, 8);
		if (i + 8 > len)
			w &= ~0ULL >> (8 * (i + 8 - len));
		if (HAS_ZERO(w ^ rr))
			return NULL;
		any |= w;
	}
	if ((r->blen + len + 1 + 16 > r->bzero || r->fcount + nf > r->fcap) &&
	    make_room(r, len + 1, nf) != 0)
		return NULL;
	dst = r->buf + r->blen;
	memcpy(dst, p, len);
	r->cur_first = r->fcount;
	r->cur_blen = r->blen;
	r->cur_line = r->line;
	r->cur_nf = nf;
	if ((any & REP(0x80)) ||
	    (r->nul_seen && memchr(p, 0, len) != NULL))
		r->cur_flags |= ROW_CHECK;
	for (i = 0; i < nf; i++) {
		track_str *f = &r->f[r->fcount++];
		char *s = dst + fl[i].off;
		size_t n = fl[i].len;

		if (fl[i].esc) {
			size_t j, k = 0;

			for (j = 0; j < n; j++) {
				s[k++] = s[j];
				if (s[j] == '"')
					j++;	/* the second of "" */
			}
			n = k;
		}
		s[n] = '\0';
		f->ptr = s;
		f->len = n;
	}
	dst[len] = '\0';
	r->blen += len + 1;
	/* As libcsv reports a CR LF: the CR ends the row, the LF after it
	   is an empty row that cb_row knows to drop. */
	if (crlf)
		cb_row('\r', r);
	cb_row('\n', r);
	return le + 1 + crlf;
}

/*
 * Appends s[0..n) to the raw text buffer *b of *len bytes and capacity
 * *cap.  Sets r->oom on failure.
 */
static int
raw_add(track_reader *r, char **b, size_t *len, size_t *cap, const char *s,
    size_t n)
{
	if (n == 0)
		return 0;
	if (buf_grow((void **)b, cap, *len + n, 1) != 0) {
		r->oom = 1;
		return -1;
	}
	memcpy(*b + *len, s, n);
	*len += n;
	return 0;
}

/* Empties a raw text buffer, giving a large one back. */
static void
raw_clear(char **b, size_t *len, size_t *cap)
{
	*len = 0;
	if (*cap > KEEP_BUFFER) {
		free(*b);
		*b = NULL;
		*cap = 0;
	}
}

/*
 * Hands s[0..n) to libcsv.  libcsv runs in strict mode, which stops at
 * any quote that does not open, close or double a quote of a quoted
 * field.  A quote inside an unquoted field (Ann"e) is kept as text, as
 * Python's csv module (so csvkit), DuckDB and libcsv's own lenient mode
 * keep it: the field still ends at the next delimiter, so nothing is
 * merged or lost.  A closing quote followed by anything but the
 * delimiter or the line end ("Ann"e) is a malformed field, as RFC 4180,
 * Go's encoding/csv and DuckDB's strict mode have it: returns
 * ROW_STRAY_QUOTE, with libcsv stopped inside that field.  Returns 0
 * otherwise; sets r->oom when libcsv ran out of memory.
 */
static unsigned
libcsv_parse(track_reader *r, const char *s, size_t n)
{
	for (;;) {
		size_t done = csv_parse(&r->p, s, n, cb_field, cb_row, r);

		if (done == n)
			return 0;
		if (csv_error(&r->p) != CSV_EPARSE) {
			r->oom = 1;
			return 0;
		}
		r->p.status = CSV_SUCCESS;
		if (r->p.pstate != LIBCSV_FIELD_BEGUN || r->p.quoted)
			return ROW_STRAY_QUOTE;
		/* libcsv stopped before the quote, with room for a byte. */
		r->p.entry_buf[r->p.entry_pos++] = '"';
		s += done + 1;
		n -= done + 1;
	}
}

/* Puts libcsv between rows, holding nothing; a large buffer goes back. */
static void
libcsv_restart(track_reader *r)
{
	r->p.pstate = LIBCSV_ROW_NOT_BEGUN;
	r->p.quoted = 0;
	r->p.spaces = 0;
	r->p.entry_pos = 0;
	r->p.status = CSV_SUCCESS;
	if (r->p.entry_size > KEEP_BUFFER)
		csv_free(&r->p);	/* csv_parse allocates again */
}

/* Takes the fields of the row being parsed out of the arena. */
static void
drop_row(track_reader *r)
{
	if (r->cur_nf > 0) {
		r->fcount = r->cur_first;
		r->blen = r->cur_blen;
	}
	r->cur_nf = 0;
	r->cur_flags = 0;
}

/*
 * Splits the first line of a malformed row, s[0..len) without its line
 * end, into fields for bad_row, leniently: a field that starts with a
 * quote runs to a quote followed by the delimiter or the end ("" is a
 * quote); a quote followed by anything else is kept as text and the
 * field goes on unquoted to the next delimiter; a quote never closed
 * runs to the end of the line.  So "Ann"e,1 is Ann"e and 1.  The quoted
 * fields are unescaped in place.
 */
static void
lenient_fields(track_reader *r, char *s, size_t len)
{
	char *p = s, *end = s + len, *out, *f;
	char d = (char)r->delim;

	for (;;) {
		f = out = p;
		if (p < end && *p == '"') {
			f = out = ++p;
			while (p < end) {
				if (*p != '"') {
					*out++ = *p++;
				} else if (p + 1 < end && p[1] == '"') {
					*out++ = '"';
					p += 2;
				} else if (p + 1 == end || p[1] == d) {
					p++;
					break;
				} else {
					*out++ = *p++;	/* a stray quote */
					break;
				}
			}
		}
		while (p < end && *p != d)
			*out++ = *p++;
		push_field(r, f, (size_t)(out - f));
		if (p == end)
			break;
		p++;	/* the delimiter */
	}
}

/*
 * Queues the bad row `why` starting on `line`, whose first physical line
 * (without its line end) is s[0..len).  For --rejects it holds that
 * line's fields as lenient_fields reads them, and only that line's: the
 * lines after it are read again as rows of their own.  A row with a field
 * over the limit holds no fields.
 */
static void
bad_row(track_reader *r, unsigned why, unsigned col, long line, char *s,
    size_t len)
{
	r->cur_nf = 0;
	r->cur_flags = 0;
	r->cur_line = line;
	if (why != ROW_TOO_BIG && len > 0)
		lenient_fields(r, s, len);
	push_row(r, line, why);
	if (!r->oom)
		r->rows[r->nrows - 1].col = col;
}

/*
 * libcsv's open row, which started on r->row_line, is malformed (`why`:
 * ROW_STRAY_QUOTE, ROW_BAD_QUOTE for a quote never closed before the end,
 * or ROW_TOO_BIG for a field over --max-field-size still open), found
 * while reading seg[0..seglen).  The row's first physical line becomes a
 * bad row (see bad_row) and reading goes on at the next physical line:
 * the row's text after its first line (rraw, then seg) is put in pb to
 * be parsed again, before `rest`, the unread part of pb when pb was being
 * parsed.  So a stray quote, or one never closed, costs one line, not
 * the lines it would have swallowed.  When the first line goes on past
 * seg, its rest is skipped (skip_to_eol) and the bad row waits for it
 * (pending).  Returns nonzero when pb was replaced.
 */
static int
resync(track_reader *r, unsigned why, const char *seg, size_t seglen,
    const char *rest, size_t restlen)
{
	unsigned col = (unsigned)r->cur_nf;
	long line = r->row_line;
	size_t i, fle;
	char *t;

	if (raw_add(r, &r->rraw, &r->rrlen, &r->rrcap, seg, seglen) != 0)
		return 0;
	libcsv_restart(r);
	drop_row(r);
	for (i = 0; i < r->rrlen; i++)
		if (r->rraw[i] == '\n' || r->rraw[i] == '\r')
			break;
	if (i == r->rrlen) {
		r->line = line;
		r->skip_to_eol = 1;
		if (why == ROW_TOO_BIG) {
			bad_row(r, why, col, line, NULL, 0);
			raw_clear(&r->rraw, &r->rrlen, &r->rrcap);
		} else {
			r->pending = why;
			r->pending_col = col;
			r->pending_line = line;
		}
		return 0;
	}
	bad_row(r, why, col, line, r->rraw, i);
	fle = i + 1;
	r->last_cr = 0;
	if (r->rraw[i] == '\r') {
		if (fle < r->rrlen)
			fle += r->rraw[fle] == '\n';
		else
			r->last_cr = 1;	/* an LF next is part of this end */
	}
	memmove(r->rraw, r->rraw + fle, r->rrlen - fle);
	r->rrlen -= fle;
	if (raw_add(r, &r->rraw, &r->rrlen, &r->rrcap, rest, restlen) != 0)
		return 0;
	t = r->pb;
	r->pb = r->rraw;
	r->rraw = t;
	i = r->pbcap;
	r->pbcap = r->rrcap;
	r->rrcap = i;
	r->pblen = r->rrlen;
	r->pbpos = 0;
	raw_clear(&r->rraw, &r->rrlen, &r->rrcap);
	r->line = line + 1;
	return 1;
}

/*
 * Skips text up to the end of the current physical line (after a bad
 * row), gathering it for a pending bad row, up to --max-field-size.
 * Returns the bytes used of s[0..n).
 */
static size_t
skip_line(track_reader *r, const char *s, size_t n)
{
	const char *e = s, *end = s + n;
	size_t keep;

	while (e < end && *e != '\n' && *e != '\r')
		e++;
	if (r->pending) {
		keep = (size_t)(e - s);
		if (r->rrlen > r->o.max_field)
			keep = 0;
		else if (keep > r->o.max_field + 1 - r->rrlen)
			keep = r->o.max_field + 1 - r->rrlen;
		if (raw_add(r, &r->rraw, &r->rrlen, &r->rrcap, s, keep) != 0)
			return n;
	}
	if (e == end)
		return n;
	r->skip_to_eol = 0;
	r->line++;
	r->last_cr = 0;
	if (*e == '\r') {
		if (e + 1 < end)
			e += e[1] == '\n';
		else
			r->last_cr = 1;
	}
	if (r->pending) {
		bad_row(r, r->pending, r->pending_col, r->pending_line,
		    r->rraw, r->rrlen);
		r->pending = 0;
		raw_clear(&r->rraw, &r->rrlen, &r->rrcap);
	}
	return (size_t)(e + 1 - s);
}

/*
 * The end of the physical line at p: just past its LF, CR LF or lone CR,
 * or `end`.  *lf caches the next LF at or after p (end when there is
 * none), so that text with CR line ends is not searched to its end for
 * every line.
 */
static const char *
line_end(const char *p, const char *end, const char **lf)
{
	const char *cr;

	if (*lf == NULL || *lf < p) {
		*lf = memchr(p, '\n', (size_t)(end - p));
		if (*lf == NULL)
			*lf = end;
	}
	cr = memchr(p, '\r', (size_t)(*lf - p));
	if (cr != NULL)
		return cr + 1 + (cr + 1 < end && cr[1] == '\n');
	return *lf < end ? *lf + 1 : end;
}

/*
 * Parses the text in hand: pb when it holds text to read again, else the
 * chunk.  Simple lines go by the fast path (unless libcsv_only), which
 * only takes a line with 16 bytes of the text after it, for its word
 * reads; the rest go to libcsv a physical line at a time, so that a
 * malformed row is found on the line it went wrong and reading can go
 * back to the line after the row's start (resync).  The text of a row
 * that runs past one line is kept in rraw until it ends.  Stops early
 * when the reader has to go back or skip.
 */
static void
parse_text(track_reader *r)
{
	int from_pb = r->pbpos < r->pblen;
	const char *s = from_pb ? r->pb + r->pbpos : r->chunk;
	const char *p = s, *end = s + (from_pb ? r->pblen - r->pbpos :
	    r->chunklen), *next, *e, *lf = NULL;
	unsigned bad;

	while (p < end && !r->oom) {
		if (r->skip_to_eol) {
			p += skip_line(r, p, (size_t)(end - p));
			continue;
		}
		/*
		 * Only a line that ends in LF may be simple, and fast_line
		 * looks for that LF.  Once libcsv has been handed a line,
		 * lf is the next LF; until the text passes it, the lines
		 * end in CR, so fast_line is not asked (with CR line ends
		 * it would search to a far LF on every line).
		 */
		if (!r->o.libcsv_only && (lf == NULL || lf < p) &&
		    at_row_start(r) && (next = fast_line(r, p, end)) != NULL) {
			p = next;
			continue;
		}
		e = line_end(p, end, &lf);
		if (r->p.pstate == LIBCSV_ROW_NOT_BEGUN)
			r->row_line = r->line;
		bad = libcsv_parse(r, p, (size_t)(e - p));
		if (r->oom)
			break;
		if (bad == 0 && r->p.entry_pos > r->o.max_field)
			bad = ROW_TOO_BIG;
		if (bad != 0) {
			if (resync(r, bad, p, (size_t)(e - p), from_pb ? e :
			    NULL, from_pb ? (size_t)(end - e) : 0)) {
				/* pb holds what is to be read next */
				if (!from_pb) {
					r->chunk = e;
					r->chunklen = (size_t)(end - e);
				}
				return;
			}
			p = e;
			continue;
		}
		if (r->p.pstate == LIBCSV_ROW_NOT_BEGUN) {
			/* A long row is over: give its buffers back. */
			if (r->rrlen > 0)
				raw_clear(&r->rraw, &r->rrlen, &r->rrcap);
			if (r->p.entry_size > KEEP_BUFFER)
				csv_free(&r->p);
		} else {
			raw_add(r, &r->rraw, &r->rrlen, &r->rrcap, p,
			    (size_t)(e - p));
		}
		p = e;
	}
	if (from_pb) {
		r->pbpos += (size_t)(p - s);
		if (r->pbpos >= r->pblen) {
			r->pbpos = 0;
			raw_clear(&r->pb, &r->pblen, &r->pbcap);
		}
	} else {
		r->chunk = p;
		r->chunklen = (size_t)(end - p);
	}
}

/*
 * The end of the input: a bad row waiting for the end of its line is
 * queued; a quote never closed makes its row bad and the text after the
 * row's first line is read again (resync); otherwise libcsv finishes the
 * last row.
 */
static void
csv_end(track_reader *r)
{
	if (r->skip_to_eol) {
		r->skip_to_eol = 0;
		if (r->pending) {
			bad_row(r, r->pending, r->pending_col,
			    r->pending_line, r->rraw, r->rrlen);
			r->pending = 0;
		}
	} else if (r->p.pstate == LIBCSV_FIELD_BEGUN && r->p.quoted) {
		resync(r, ROW_BAD_QUOTE, NULL, 0, NULL, 0);
		return;
	} else {
		csv_fini(&r->p, cb_field, cb_row, r);
	}
	raw_clear(&r->rraw, &r->rrlen, &r->rrcap);
	r->done = 1;
}

/*
 * Parses text (pb first, then the input) until at least one row is
 * queued or the input ends.  Returns -1 on an I/O or allocation error.
 */
static int
csv_feed(track_reader *r, track_error *err)
{
	while (r->nrows == 0 && !r->done) {
		if (r->pbpos < r->pblen) {
			parse_text(r);
		} else {
			if (next_chunk(r, err) != 0)
				return -1;
			if (r->chunklen == 0) {
				csv_end(r);
			} else {
				if (!r->nul_seen &&
				    memchr(r->chunk, 0, r->chunklen) != NULL)
					r->nul_seen = 1;
				/* Fields from this chunk: at most its bytes
				 * and a NUL each (a field begun earlier and
				 * longer fields ask push_field for room). */
				if (make_room(r, 2 * r->chunklen + 2,
				    r->chunklen + 2) == 0)
					parse_text(r);
			}
		}
		if (r->oom)
			return error_set(err, TRACK_EXIT_IO, NULL, 0,
			    "out of memory"), -1;
	}
	return 0;
}

/* Formats a JSON scalar or container into the current row as text. */
static void
push_json(track_reader *r, json_t *v)
{
	char num[64];

	switch (json_typeof(v)) {
	case JSON_STRING:
		push_field(r, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER:
		snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT,
		    json_integer_value(v));
		push_field(r, num, strlen(num));
		break;
	case JSON_REAL: {
		double d = json_real_value(v);
		int prec;

		for (prec = 1; prec <= 17; prec++) {
			snprintf(num, sizeof num, "%.*g", prec, d);
			if (strtod(num, NULL) == d)
				break;
		}
		push_field(r, num, strlen(num));
		break;
	}
	case JSON_TRUE:
		push_field(r, "true", 4);
		break;
	case JSON_FALSE:
		push_field(r, "false", 5);
		break;
	case JSON_NULL:
		push_field(r, "", 0);
		break;
	default: {
		char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);

		push_field(r, s ? s : "", s ? strlen(s) : 0);
		free(s);
		break;
	}
	}
}

/* Marks the row being built as a bad JSON line with reason `why`. */
static void
json_bad(track_reader *r, long line, const char *why)
{
	push_row(r, line, ROW_JSON_BAD);
	snprintf(r->why, sizeof r->why, "%s", why);
}

/* Turns one JSON line into a queued row (good or bad). */
static void
json_line(track_reader *r, const char *s, size_t len, long line)
{
	json_error_t je;
	json_t *obj;
	const char *key;
	json_t *v;
	size_t i, matched = 0;
	char why[160];

	r->cur_line = line;
	obj = json_loadb(s, len, 0, &je);
	if (obj == NULL || !json_is_object(obj)) {
		if (obj == NULL)
			snprintf(why, sizeof why, "invalid JSON: %.140s",
			    je.text);
		else
			snprintf(why, sizeof why,
			    "JSON line is not an object");
		push_field(r, s, len);
		json_bad(r, line, why);
		json_decref(obj);
		return;
	}
	if (!r->have_header && r->nrows == 0) {
		/* The first object's keys are the header; it is a record too. */
		json_object_foreach(obj, key, v)
			push_field(r, key, strlen(key));
		push_row(r, line, 0);
		json_object_foreach(obj, key, v)
			push_json(r, v);
		push_row(r, line, 0);
		json_decref(obj);
		return;
	}
	for (i = 0; i < r->ncols; i++) {
		v = json_object_getn(obj, r->hdr[i].ptr, r->hdr[i].len);
		if (v == NULL) {
			push_field(r, "", 0);
			continue;
		}
		matched++;
		push_json(r, v);
	}
	if (matched < json_object_size(obj)) {
		json_object_foreach(obj, key, v) {
			size_t k, kl = strlen(key);

			for (k = 0; k < r->ncols; k++)
				if (r->hdr[k].len == kl &&
				    memcmp(r->hdr[k].ptr, key, kl) == 0)
					break;
			if (k == r->ncols)
				break;
		}
		snprintf(why, sizeof why, "key \"%.60s\" is not in the header "
		    "(the first record's keys)", key ? key : "");
		r->cur_nf = 0;
		r->cur_flags = 0;
		push_field(r, s, len);
		json_bad(r, line, why);
	} else {
		push_row(r, line, 0);
	}
	json_decref(obj);
}

static int
is_blank(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' &&
		    s[i] != '\n')
			return 0;
	return 1;
}

/*
 * The longest JSON line read: a field may be as long as --max-field-size,
 * and its escapes ("\"", "\u00e9") and the rest of the object make the
 * line longer, so twice that and 64 KiB.  A longer line is refused
 * without being kept.
 */
static size_t
json_line_max(const track_reader *r)
{
	size_t m = r->o.max_field;

	return m > (SIZE_MAX - 65536) / 2 ? SIZE_MAX : 2 * m + 65536;
}

/* Queues the bad row of a JSON line over json_line_max. */
static void
json_too_long(track_reader *r)
{
	char why[160];

	r->cur_nf = 0;
	r->cur_flags = 0;
	snprintf(why, sizeof why, "line longer than %zu bytes (twice "
	    "--max-field-size and 64 KiB); row skipped", json_line_max(r));
	json_bad(r, r->line, why);
	r->skip_to_eol = 0;
}

/* Empties the JSON line buffer, giving a large one back. */
static void
json_line_done(track_reader *r)
{
	r->llen = 0;
	if (r->lcap > KEEP_BUFFER) {
		free(r->lbuf);
		r->lbuf = NULL;
		r->lcap = 0;
	}
}

/* Queues the next JSON line's row.  Returns -1 on error. */
static int
json_feed(track_reader *r, track_error *err)
{
	while (r->nrows == 0 && !r->done) {
		const char *nl;
		size_t take;

		if (next_chunk(r, err) != 0)
			return -1;
		if (r->chunklen == 0) {
			/* End of input: a last line without LF. */
			if (r->skip_to_eol)
				json_too_long(r);
			else if (r->llen > 0 && !is_blank(r->lbuf, r->llen))
				json_line(r, r->lbuf, r->llen, r->line);
			json_line_done(r);
			r->done = 1;
			break;
		}
		nl = memchr(r->chunk, '\n', r->chunklen);
		take = nl ? (size_t)(nl - r->chunk) : r->chunklen;
		if (nl != NULL && r->llen == 0) {
			/* The whole line is in the chunk: no copy. */
			if (!is_blank(r->chunk, take))
				json_line(r, r->chunk, take, r->line);
		} else {
			if (r->skip_to_eol ||
			    take > json_line_max(r) - r->llen) {
				json_line_done(r);
				r->skip_to_eol = 1;
			} else if (!r->skip_to_eol) {
				if (buf_grow((void **)&r->lbuf, &r->lcap,
				    r->llen + take + 1, 1) != 0)
					return error_set(err, TRACK_EXIT_IO,
					    NULL, 0, "out of memory"), -1;
				memcpy(r->lbuf + r->llen, r->chunk, take);
				r->llen += take;
			}
			if (nl != NULL) {
				if (r->skip_to_eol)
					json_too_long(r);
				else if (!is_blank(r->lbuf, r->llen))
					json_line(r, r->lbuf, r->llen,
					    r->line);
				json_line_done(r);
			}
		}
		if (nl != NULL) {
			r->line++;
			r->chunklen -= take + 1;
			r->chunk = nl + 1;
		} else {
			r->chunklen = 0;
		}
		if (r->oom)
			return error_set(err, TRACK_EXIT_IO, NULL, 0,
			    "out of memory"), -1;
	}
	return 0;
}

static int
feed(track_reader *r, track_error *err)
{
	if (r->rowpos >= r->nrows)
		reset_queue(r);
	if (r->fmt == TRACK_IN_JSON)
		return json_feed(r, err);
	return csv_feed(r, err);
}

/* Skips `n` physical lines (title rows) of raw text. */
static int
skip_lines(track_reader *r, long n, track_error *err)
{
	while (n > 0) {
		const char *p, *end;

		if (next_chunk(r, err) != 0)
			return -1;
		if (r->chunklen == 0)
			return 0;
		p = r->chunk;
		end = p + r->chunklen;
		while (p < end && n > 0) {
			if (*p == '\n' || (*p == '\r' &&
			    (p + 1 >= end || p[1] != '\n'))) {
				n--;
				r->line++;
			}
			p++;
		}
		r->chunklen = (size_t)(end - p);
		r->chunk = p;
	}
	return 0;
}

/* Picks , ; or tab: whichever occurs most in the first line. */
static int
detect_delim(const char *s, size_t len)
{
	size_t i, comma = 0, semi = 0, tab = 0;
	int q = 0;

	for (i = 0; i < len; i++) {
		char c = s[i];

		if (c == '"')
			q = !q;
		else if (!q && (c == '\n' || c == '\r'))
			break;
		else if (!q && c == ',')
			comma++;
		else if (!q && c == ';')
			semi++;
		else if (!q && c == '\t')
			tab++;
	}
	if (semi > comma && semi >= tab)
		return ';';
	if (tab > comma && tab > semi)
		return '\t';
	return ',';
}

/* Validates and stores the header row. */
static int
take_header(track_reader *r, struct rowrec *rr, track_error *err)
{
	const char *name = input_name(r->in);
	size_t i, total = 0;
	track_strmap *seen = NULL;
	int rc = 0;
	char *p;

	if (rr->flags & ROW_TOO_WIDE)
		return error_set(err, TRACK_EXIT_DATA, name, rr->line,
		    "header has more than %zu columns (--max-columns)",
		    r->o.max_columns);
	if (rr->flags & ROW_TOO_BIG)
		return error_set(err, TRACK_EXIT_DATA, name, rr->line,
		    "header field longer than %zu bytes (--max-field-size)",
		    r->o.max_field);
	if (rr->flags & ROW_STRAY_QUOTE)
		return error_set(err, TRACK_EXIT_DATA, name, rr->line,
		    "stray quote after a quoted field in the header (a quote "
		    "inside quotes is written \"\")");
	if (rr->flags & (ROW_BAD_QUOTE | ROW_JSON_BAD))
		return error_set(err, TRACK_EXIT_DATA, name, rr->line,
		    "%s", rr->flags & ROW_BAD_QUOTE ?
		    "unterminated quoted field in the header" : r->why);
	if (rr->nf == 0)	/* only JSON can say so: {} */
		return error_set(err, TRACK_EXIT_DATA, name, rr->line,
		    "the first object has no keys; its keys are the "
		    "columns (\"pupil\", \"subject\", ...)");
	for (i = 0; i < rr->nf; i++)
		total += r->f[rr->first + i].len + 1;
	r->hbuf = malloc(total ? total : 1);
	r->hdr = calloc(rr->nf ? rr->nf : 1, sizeof *r->hdr);
	seen = strmap_new();
	if (r->hbuf == NULL || r->hdr == NULL || seen == NULL) {
		rc = error_set(err, TRACK_EXIT_IO, name, 0, "out of memory");
		goto out;
	}
	p = r->hbuf;
	for (i = 0; i < rr->nf; i++) {
		const char *f = r->f[rr->first + i].ptr;
		size_t n = r->f[rr->first + i].len;
		int added;

		if (utf8_valid_prefix(f, n) != n || memchr(f, 0, n) != NULL) {
			rc = error_set(err, TRACK_EXIT_DATA, name, rr->line,
			    "header name %zu is not valid %s text%s", i + 1,
			    input_encoding(r->in),
			    strcmp(input_encoding(r->in), "utf-8") == 0 ?
			    "; if the file is from Excel, try -e windows-1252"
			    : "");
			goto out;
		}
		memcpy(p, f, n);
		p[n] = '\0';
		r->hdr[i].ptr = p;
		r->hdr[i].len = n;
		p += n + 1;
		if (strmap_intern(seen, f, n, &added) < 0) {
			rc = error_set(err, TRACK_EXIT_IO, name, 0,
			    "out of memory");
			goto out;
		}
		if (!added && !r->o.allow_duplicate_header) {
			rc = error_set(err, TRACK_EXIT_DATA, name, rr->line,
			    "duplicate column name \"%.*s\" in the header",
			    (int)(n > 60 ? 60 : n), f);
			goto out;
		}
	}
	r->ncols = rr->nf;
	r->have_header = 1;
out:
	strmap_free(seen);
	return rc;
}

int
reader_open(track_reader **out, const char *path,
    const struct track_reader_opts *opts, track_error *err)
{
	track_reader *r;
	int rc;
	size_t i;

	*out = NULL;
	r = calloc(1, sizeof *r);
	if (r == NULL)
		return error_set(err, TRACK_EXIT_IO, path, 0, "out of memory");
	if (opts != NULL)
		r->o = *opts;
	if (r->o.max_field == 0)
		r->o.max_field = TRACK_DEFAULT_MAX_FIELD;
	if (r->o.max_columns == 0)
		r->o.max_columns = TRACK_DEFAULT_MAX_COLUMNS;
	r->line = 1;
	rc = input_open(&r->in, path, r->o.encoding, err);
	if (rc != 0)
		goto fail;
	rc = TRACK_EXIT_IO;
	if (skip_lines(r, r->o.skip_lines, err) != 0 || next_chunk(r, err))
		goto fail;
	r->fmt = r->o.format;
	if (r->fmt == TRACK_IN_AUTO) {
		r->fmt = TRACK_IN_CSV;
		for (i = 0; i < r->chunklen; i++) {
			char c = r->chunk[i];

			if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
				continue;
			if (c == '{')
				r->fmt = TRACK_IN_JSON;
			break;
		}
	}
	/* JSON strings can carry NUL as \u0000: always look for it. */
	r->nul_seen = r->fmt == TRACK_IN_JSON;
	if (r->fmt != TRACK_IN_JSON) {
		r->delim = r->o.delimiter;
		if (r->delim == 0)
			r->delim = r->fmt == TRACK_IN_TSV ? '\t' :
			    detect_delim(r->chunk, r->chunklen);
		rc = parser_init(r, err);
		if (rc != 0)
			goto fail;
	}
	if (feed(r, err) != 0) {
		rc = TRACK_EXIT_IO;
		goto fail;
	}
	r->utf8 = strcmp(input_encoding(r->in), "utf-8") == 0;
	if (r->nrows > 0) {
		rc = take_header(r, &r->rows[0], err);
		if (rc != 0)
			goto fail;
		r->rowpos = 1;
	}
	*out = r;
	return 0;
fail:
	/* The reader's copy of the name goes with it; point at the caller's. */
	if (err != NULL && err->file != NULL)
		err->file = strcmp(path, "-") == 0 ? "stdin" : path;
	reader_close(r);
	return rc;
}

const track_str *
reader_header(const track_reader *r, size_t *n)
{
	*n = r->ncols;
	return r->hdr;
}

/*
 * Nonzero when s[0..len) has a byte >= 0x80.  `s` is a field in the
 * arena, so reading the whole last word (into the NUL and the slack
 * after it) is safe; the bytes past the field are masked off.
 */
static int
has_high(const char *s, size_t len)
{
	uint64_t w, any = 0;
	size_t i;

	for (i = 0; i < len; i += 8) {
		memcpy(&w, s + i, 8);
		if (len - i < 8)
			w &= ~0ULL >> (64 - 8 * (len - i));
		any |= w;
	}
	return (any & REP(0x80)) != 0;
}

/* Says why row `rr` is bad in err; returns nonzero when it is. */
static int
check_row(track_reader *r, const struct rowrec *rr, track_error *err)
{
	const char *name = input_name(r->in);
	size_t i;
	long line = rr->line;

	/* Clean rows (no flag, the right width) need no more work. */
	if (rr->flags == 0 && rr->nf == r->ncols)
		return 0;
	if (rr->flags & (ROW_STRAY_QUOTE | ROW_BAD_QUOTE)) {
		char col[80];

		if (rr->col < r->ncols)
			snprintf(col, sizeof col, "\"%.60s\"",
			    r->hdr[rr->col].ptr);
		else
			snprintf(col, sizeof col, "%u", rr->col + 1);
		if (rr->flags & ROW_STRAY_QUOTE)
			return error_set(err, TRACK_EXIT_DATA, name, line,
			    "stray quote after the quoted field %s (a quote "
			    "inside quotes is written \"\"); reading goes on "
			    "at the next line", col);
		return error_set(err, TRACK_EXIT_DATA, name, line,
		    "unterminated quote in field %s (never closed); reading "
		    "goes on at the next line", col);
	}
	if (rr->flags & ROW_TOO_BIG)
		return error_set(err, TRACK_EXIT_DATA, name, line,
		    "field longer than %zu bytes (--max-field-size); row "
		    "skipped", r->o.max_field);
	if (rr->flags & ROW_JSON_BAD)
		return error_set(err, TRACK_EXIT_DATA, name, line, "%s",
		    r->why);
	if (rr->flags & ROW_TOO_WIDE)
		return error_set(err, TRACK_EXIT_DATA, name, line,
		    "row has more than %zu fields (--max-columns)",
		    r->o.max_columns);
	if (rr->nf != r->ncols)
		return error_set(err, TRACK_EXIT_DATA, name, line,
		    "row has %zu field%s but the header has %zu", rr->nf,
		    rr->nf == 1 ? "" : "s", r->ncols);
	for (i = 0; i < rr->nf; i++) {
		const char *f = r->f[rr->first + i].ptr;
		size_t n = r->f[rr->first + i].len, bad;

		bad = has_high(f, n) ? utf8_valid_prefix(f, n) : n;
		if (bad != n)
			return error_set(err, TRACK_EXIT_DATA, name,
			    line + count_newlines(f, bad),
			    "%s in column \"%s\" (byte 0x%02X at offset %zu)"
			    "%s", r->utf8 ? "invalid UTF-8" :
			    "text that cannot be decoded",
			    r->hdr[i].ptr, (unsigned char)f[bad], bad,
			    r->utf8 ? "; if the file is from Excel, try "
			    "-e windows-1252" : "");
		if (memchr(f, 0, n) != NULL)
			return error_set(err, TRACK_EXIT_DATA, name,
			    line + count_newlines(f, (size_t)((const char *)
			    memchr(f, 0, n) - f)),
			    "NUL byte in column \"%s\"", r->hdr[i].ptr);
		line += count_newlines(f, n);
	}
	return 0;
}

enum track_read
reader_next(track_reader *r, track_row *row, track_error *err)
{
	struct rowrec *rr;
	size_t nf;

	row->field = NULL;
	row->n = 0;
	row->line = 0;
	row->file = input_name(r->in);
	if (r->rowpos >= r->nrows) {
		if (feed(r, err) != 0)
			return TRACK_READ_FATAL;
		if (r->rowpos >= r->nrows)
			return TRACK_READ_EOF;
	}
	rr = &r->rows[r->rowpos++];
	if (!r->have_header) {
		/* The first good line of a file whose header was bad. */
		return TRACK_READ_EOF;
	}
	nf = rr->nf < r->o.max_columns ? rr->nf : r->o.max_columns;
	/* A row of no fields before any field was stored has no table. */
	row->field = r->f != NULL ? r->f + rr->first : NULL;
	row->n = (rr->flags & ROW_TOO_BIG) ? 0 : nf;
	row->line = rr->line;
	if (check_row(r, rr, err) != 0)
		return TRACK_READ_BAD;
	return TRACK_READ_ROW;
}

const char *
reader_name(const track_reader *r)
{
	return input_name(r->in);
}

enum track_in_format
reader_format(const track_reader *r)
{
	return r->fmt;
}

int
reader_delimiter(const track_reader *r)
{
	return r->delim;
}

const char *
reader_encoding(const track_reader *r)
{
	return input_encoding(r->in);
}

void
reader_close(track_reader *r)
{
	if (r == NULL)
		return;
	if (r->p_live)
		csv_free(&r->p);
	input_close(r->in);
	free(r->buf);
	free(r->f);
	free(r->rows);
	free(r->lbuf);
	free(r->rraw);
	free(r->pb);
	free(r->hbuf);
	free(r->hdr);
	free(r);
}
