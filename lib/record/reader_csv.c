/*
 * reader_csv.c - CSV and TSV for the reader: a fast path for simple lines,
 * libcsv for the rest, and going back after a malformed row.  See
 * reader.h for the API and reader_int.h for what the files share.
 */
#include "reader_int.h"

#include <csv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/swar.h"
#include "csv_scan.h"

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
	r->line += reader_count_newlines(dst, len);
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
	 * of set slack after its last field (reader_make_room), so 16 can be
	 * written.
	 * Bytes past `len` are replaced by 'x' before the words are looked
	 * at, and the next field or the NUL written here overwrites them.
	 */
	if (__builtin_expect(len > 16 || len > r->o.max_field ||
	    r->cur_nf >= r->o.max_columns || r->p.entry_size < 16 ||
	    r->blen + 17 + 16 > r->bzero || r->fcount + 1 > r->fcap, 0)) {
		reader_push_field(r, s, len);
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
	reader_push_row(r, r->cur_line, 0);
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

int
reader_csv_open(track_reader *r, track_error *err)
{
	r->delim = r->o.delimiter;
	if (r->delim == 0)
		r->delim = r->fmt == TRACK_IN_TSV ? '\t' :
		    detect_delim(r->chunk, r->chunklen);
	if (r->o.csv_path == TRACK_CSV_AUTO)
		r->o.csv_path = csv_scan_path_named(getenv("TRACK_CSV_PATH"));
	if (r->o.libcsv_only || r->delim == '"' || r->delim == '\n' ||
	    r->delim == '\r')
		r->o.csv_path = TRACK_CSV_LIBCSV;
	r->o.csv_path = csv_scan_path(r->o.csv_path);
	return parser_init(r, err);
}

/*
 * The fast path.  libcsv reads a byte at a time through a state machine;
 * most lines of an export are simple, so parse_text has csv_scan split
 * those (64 bytes at a time: see csv_scan.h for what is simple) and hands
 * libcsv only the rest.  Their fields and row end go to cb_row exactly as
 * libcsv would send them, so everything after is the same code.  Any
 * other line (a quote inside an unquoted field, a malformed quoted
 * field, a CR line end, a row that runs past the text in hand, more than
 * CSV_SCAN_MAX_FIELDS fields, a line over a limit) goes to libcsv, as
 * does a line that starts while libcsv is inside a row; so a malformed
 * row, and going back after it (resync), is always libcsv's.  The fuzz
 * harness fuzz_csv reads every input by each path (csv_path) and
 * requires the same rows, lines and messages as libcsv's.
 */

/* Nonzero when libcsv is between rows, so a line may bypass it. */
static int
at_row_start(const track_reader *r)
{
	return r->p.pstate == 0 && r->p.entry_pos == 0 && r->cur_nf == 0;
}

/*
 * Unescapes a quoted field's "" in place; returns its new length.
 */
static size_t
unescape(char *s, size_t n)
{
	size_t j, k = 0;

	for (j = 0; j < n; j++) {
		s[k++] = s[j];
		if (s[j] == '"')
			j++;	/* the second of "" */
	}
	return k;
}

/* How fast_line lays out a line's fields (a constant at each call). */
enum fast_how {
	FAST_COPY,	/* copied into the arena (text that does not last) */
	FAST_RAW,	/* copied, and a canonical line is the row's raw text */
	FAST_INPLACE	/* parsed where it lies in the chunk */
};

/*
 * Parses the simple line at p, in text that `sc` was started on, and
 * returns the byte after its line end; returns NULL, having done
 * nothing, when libcsv must read it.  Its fields are slices of the line,
 * each ended by a NUL written over its delimiter or closing quote, and
 * `how` says where that line is:
 *
 *   FAST_INPLACE: the chunk itself, which lasts until the rows queued
 *   from it are handed out (reader_csv_feed reads the next chunk only
 *   when the queue is empty) and which the input lends writable, with
 *   set bytes after it for the word reads past a field (input_read).
 *   So a simple line costs no copy.
 *
 *   FAST_COPY: a copy in the arena, for text that does not last (pb).
 *
 *   FAST_RAW: a copy in the arena, the chunk's line left as it was, so
 *   that a canonical line can be the row's raw text (track_row, for
 *   readers with keep_raw).
 */
static inline __attribute__((always_inline)) const char *
fast_line(track_reader *r, struct csv_scan *sc, const char *p,
    enum fast_how how)
{
	struct csv_line ln;
	size_t i, nf, room = (size_t)(sc->end - p) + 1;
	track_str *f;
	char *dst;

	if (((how != FAST_INPLACE && r->blen + room + 16 > r->bzero) ||
	    r->fcount + CSV_SCAN_ROOM > r->fcap) &&
	    reader_make_room(r, how == FAST_INPLACE ? 0 : room,
	    CSV_SCAN_ROOM) != 0)
		return NULL;
	dst = how == FAST_INPLACE ? r->lent + (p - r->lent) :
	    r->buf + r->blen;
	f = r->f + r->fcount;
	if (csv_scan_line(sc, p, dst, f, &ln) != 0)
		return NULL;
	nf = ln.nf;
	if (nf == 0) {
		if (ln.crlf)
			cb_row('\r', r);
		cb_row('\n', r);
		return p + ln.next;
	}
	if (ln.len > r->o.max_field || nf > r->o.max_columns)
		return NULL;	/* the limits are reader_push_field's to report */
	if (how != FAST_INPLACE)
		memcpy(dst, p, ln.len);
	r->cur_first = r->fcount;
	r->cur_blen = r->blen;
	r->cur_line = r->line;
	r->cur_nf = nf;
	if (ln.high || (r->nul_seen && memchr(p, 0, ln.len) != NULL))
		r->cur_flags |= ROW_CHECK;
	for (i = 0; i < nf; i++)
		dst[f[i].ptr - dst + f[i].len] = '\0';
	if (__builtin_expect(ln.esc | ln.nl, 0)) {
		for (i = 0; i < nf; i++) {
			char *s = dst + (f[i].ptr - dst);

			if (s == dst || s[-1] != '"')
				continue;	/* not quoted */
			if (ln.nl)
				r->line += reader_count_newlines(s, f[i].len);
			if (ln.esc && memchr(s, '"', f[i].len) != NULL) {
				f[i].len = unescape(s, f[i].len);
				s[f[i].len] = '\0';
			}
		}
	}
	r->fcount += nf;
	dst[ln.len] = '\0';
	if (how != FAST_INPLACE)
		r->blen += ln.len + 1;
	if (how == FAST_RAW && ln.canon) {
		r->cur_raw = p;
		r->cur_rawlen = ln.len;
	}
	/* As libcsv reports a CR LF: the CR ends the row, the LF after it
	   is an empty row that cb_row knows to drop. */
	if (ln.crlf)
		cb_row('\r', r);
	cb_row('\n', r);
	return p + ln.next;
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
		reader_push_field(r, f, (size_t)(out - f));
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
	reader_push_row(r, line, why);
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
 * chunk.  Simple lines go by the fast path (unless the path is libcsv),
 * which only takes a row that ends within the text in hand; the rest
 * go to libcsv a physical line at a time, so that a
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
	int fast = r->o.csv_path != TRACK_CSV_LIBCSV;
	enum fast_how how = from_pb ? FAST_COPY : r->o.keep_raw ? FAST_RAW :
	    FAST_INPLACE;
	struct csv_scan sc;

	if (fast) {
		csv_scan_start(&sc, end, r->delim, r->o.csv_path);
		sc.canon = r->o.keep_raw;
	}
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
		if (fast && (lf == NULL || lf < p) && at_row_start(r) &&
		    (next = how == FAST_INPLACE ?
		    fast_line(r, &sc, p, FAST_INPLACE) : how == FAST_RAW ?
		    fast_line(r, &sc, p, FAST_RAW) :
		    fast_line(r, &sc, p, FAST_COPY)) != NULL) {
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
int
reader_csv_feed(track_reader *r, track_error *err)
{
	while (r->nrows == 0 && !r->done) {
		if (r->pbpos < r->pblen) {
			parse_text(r);
		} else {
			if (reader_next_chunk(r, err) != 0)
				return -1;
			if (r->chunklen == 0) {
				csv_end(r);
			} else {
				if (!r->nul_seen &&
				    memchr(r->chunk, 0, r->chunklen) != NULL)
					r->nul_seen = 1;
				/* Fields from this chunk: at most its bytes
				 * and a NUL each (a field begun earlier and
				 * longer fields ask reader_push_field for room). */
				if (reader_make_room(r, 2 * r->chunklen + 2,
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
