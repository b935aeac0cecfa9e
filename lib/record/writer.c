/* writer.c - CSV, TSV, JSON Lines, table and Markdown output; see writer.h. */
#include "writer.h"
#include "writer_xlsx.h"

#include <assert.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/str.h"
#include "base/buf.h"
#include "base/swar.h"
#include "base/utf8.h"

#define OUTBUF (256 * 1024)

struct cell {
	size_t off, len;
};

struct track_writer {
	int fd;
	enum track_format fmt;
	unsigned flags;
	int delim;
	int failed;
	int epipe;
	int bom;			/* a byte order mark still to write */
	struct writer_xlsx *x;		/* XLSX: the workbook */
	char *buf;
	size_t len;
	uint64_t rep_delim;		/* the delimiter in every byte */

	/* Header names (owned copy) for JSON keys and held formats. */
	char *names;
	struct cell *hdr;
	size_t ncols;

	/* Held rows for table and Markdown. */
	char *hold;
	size_t holdlen, holdcap;
	struct cell *cells;
	size_t ncells, cellcap;
};

int
writer_format_parse(const char *name, enum track_format *fmt)
{
	static const struct {
		const char *name;
		enum track_format fmt;
	} names[] = {
		{ "csv", TRACK_FMT_CSV }, { "tsv", TRACK_FMT_TSV },
		{ "json", TRACK_FMT_JSON }, { "jsonl", TRACK_FMT_JSON },
		{ "table", TRACK_FMT_TABLE }, { "markdown", TRACK_FMT_MARKDOWN },
		{ "md", TRACK_FMT_MARKDOWN }, { "html", TRACK_FMT_HTML },
		{ "xlsx", TRACK_FMT_XLSX },
	};
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (strcmp(name, names[i].name) == 0) {
			*fmt = names[i].fmt;
			return 0;
		}
	}
	return -1;
}

int
writer_open(track_writer **out, int fd, enum track_format fmt,
    unsigned flags, track_error *err)
{
	track_writer *w;

	*out = NULL;
	if (fmt == TRACK_FMT_HTML)
		return error_set(err, TRACK_EXIT_USAGE, NULL, 0,
		    "html is a report format; records can be csv, tsv, "
		    "json, table, markdown or xlsx");
	if (fmt == TRACK_FMT_XLSX)
		return error_set(err, TRACK_EXIT_USAGE, NULL, 0,
		    "-F xlsx writes a workbook to a file: give -o FILE.xlsx");
	w = calloc(1, sizeof *w);
	if (w == NULL || (w->buf = malloc(OUTBUF)) == NULL) {
		free(w);
		return error_set(err, TRACK_EXIT_IO, NULL, 0, "out of memory");
	}
	w->fd = fd;
	w->fmt = fmt;
	w->flags = flags;
	/* Either is below '-', as maybe_special() needs. */
	w->delim = fmt == TRACK_FMT_TSV ? '\t' : ',';
	w->rep_delim = REP(w->delim);
	w->bom = (flags & WRITER_BOM) &&
	    (fmt == TRACK_FMT_CSV || fmt == TRACK_FMT_TSV);
	*out = w;
	return 0;
}

int
writer_open_xlsx(track_writer **out, const char *path, unsigned flags,
    track_error *err)
{
	track_writer *w;
	int rc;

	*out = NULL;
	w = calloc(1, sizeof *w);
	if (w == NULL)
		return error_nomem(err);
	w->fd = -1;
	w->fmt = TRACK_FMT_XLSX;
	w->flags = flags;
	rc = writer_xlsx_open(&w->x, path, err);
	if (rc != 0) {
		free(w);
		return rc;
	}
	*out = w;
	return 0;
}

int
writer_cells(track_writer *w, const struct writer_cell *c, size_t n,
    track_error *err)
{
	if (w->x == NULL)
		return error_set(err, TRACK_EXIT_USAGE, NULL, 0,
		    "typed cells are for workbooks");
	if (w->failed)
		return TRACK_EXIT_IO;
	return writer_xlsx_cells(w->x, c, n, err);
}

struct lxw_workbook *
writer_workbook(track_writer *w)
{
	return w->x != NULL ? writer_xlsx_book(w->x) : NULL;
}

/* Writes the byte order mark, once, before anything else. */
static int
put_bom(track_writer *w, track_error *err);

/* Writes `n` bytes at `p` to the descriptor, retrying short writes. */
static int
write_all(track_writer *w, const char *p, size_t n, track_error *err)
{
	size_t off = 0;

	if (w->failed)
		return TRACK_EXIT_IO;
	while (off < n) {
		ssize_t k = write(w->fd, p + off, n - off);

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			w->failed = 1;
			w->epipe = errno == EPIPE;
			return error_set(err, TRACK_EXIT_IO, NULL, 0,
			    "cannot write output: %s", strerror(errno));
		}
		off += (size_t)k;
	}
	return 0;
}

/* Writes the buffer out. */
static int
flush(track_writer *w, track_error *err)
{
	if (write_all(w, w->buf, w->len, err) != 0)
		return TRACK_EXIT_IO;
	w->len = 0;
	return 0;
}

static int
put(track_writer *w, const char *p, size_t n, track_error *err)
{
	/* A long run (rows held and written at once) goes straight out,
	 * rather than through the buffer a piece at a time. */
	if (n >= OUTBUF) {
		if (flush(w, err) != 0)
			return TRACK_EXIT_IO;
		return write_all(w, p, n, err);
	}
	while (n > 0) {
		size_t room = OUTBUF - w->len;

		if (room == 0) {
			if (flush(w, err) != 0)
				return TRACK_EXIT_IO;
			continue;
		}
		if (room > n)
			room = n;
		memcpy(w->buf + w->len, p, room);
		w->len += room;
		p += room;
		n -= room;
	}
	return 0;
}

static int
putc_(track_writer *w, char c, track_error *err)
{
	if (w->len == OUTBUF && flush(w, err) != 0)
		return TRACK_EXIT_IO;
	w->buf[w->len++] = c;
	return 0;
}

static int
put_bom(track_writer *w, track_error *err)
{
	w->bom = 0;
	return put(w, "\xEF\xBB\xBF", 3, err);
}

/* Nonzero when a spreadsheet would take `s` for a formula. */
static int
needs_guard(track_str s)
{
	char c;

	if (s.len == 0)
		return 0;
	c = s.ptr[0];
	if (c != '=' && c != '+' && c != '-' && c != '@' && c != '\t' &&
	    c != '\r')
		return 0;
	return !str_is_number(s);
}

/* Nonzero when word `v` holds the delimiter, a quote, CR or LF. */
static inline int
special_word(const track_writer *w, uint64_t v)
{
	return HAS_ZERO(v ^ w->rep_delim) || HAS_ZERO(v ^ REP('"')) ||
	    HAS_ZERO(v ^ REP('\r')) || HAS_ZERO(v ^ REP('\n'));
}

/*
 * Nonzero when `s` holds the delimiter, a quote, CR or LF, and so must be
 * quoted.  Eight bytes at a time, since most fields need no quoting; a
 * short tail is read as overlapping loads (a byte seen twice does no
 * harm, and the zero bytes left over are never special).
 */
static inline __attribute__((always_inline)) int
needs_quote(const track_writer *w, track_str s)
{
	const unsigned char *p = (const unsigned char *)s.ptr;
	size_t i, n = s.len;
	uint64_t v;

	if (n >= 8) {
		for (i = 0; i + 8 <= n; i += 8) {
			memcpy(&v, p + i, 8);
			if (special_word(w, v))
				return 1;
		}
		if (i == n)
			return 0;
		memcpy(&v, p + n - 8, 8);
		return special_word(w, v);
	}
	if (n == 0)
		return 0;
	v = swar_load_short(p, n);
	return special_word(w, v);
}

static int
csv_field(track_writer *w, track_str s, track_error *err)
{
	const unsigned char *p = (const unsigned char *)s.ptr;
	size_t i, start;
	int quote, guard;

	guard = (w->flags & WRITER_GUARD) && needs_guard(s);
	quote = needs_quote(w, s);
	if (!quote && !guard)
		return put(w, s.ptr, s.len, err);
	if (quote && putc_(w, '"', err) != 0)
		return TRACK_EXIT_IO;
	if (guard && putc_(w, '\'', err) != 0)
		return TRACK_EXIT_IO;
	if (!quote)
		return put(w, s.ptr, s.len, err);
	for (start = 0, i = 0; i < s.len; i++) {
		if (p[i] != '"')
			continue;
		if (put(w, s.ptr + start, i + 1 - start, err) != 0 ||
		    putc_(w, '"', err) != 0)
			return TRACK_EXIT_IO;
		start = i + 1;
	}
	if (put(w, s.ptr + start, s.len - start, err) != 0)
		return TRACK_EXIT_IO;
	return putc_(w, '"', err);
}

/*
 * Nonzero (under REP(0x80)) when some byte of word `v` is below '-'.  The
 * delimiter (comma or tab), the quote, CR and LF all are, so a field
 * without such a byte needs no quotes: one test instead of four.  A
 * field with a space, say, is then written the long way, which is exact.
 * Every byte of `v` must be one of the field's, since a zero counts.
 */
static inline uint64_t
maybe_special(uint64_t v)
{
	return (v - REP('-')) & ~v;
}

/*
 * Copies a field of n <= 16 bytes from `p` to `o` as buf_copy_short does,
 * and tests the words the moves load (so a short field is read once):
 * returns nonzero when the field may need quoting (see maybe_special).
 * The words are filled with the field's own bytes, repeated when it is
 * shorter than four.
 */
static inline __attribute__((always_inline)) uint64_t
move_short(char *o, const char *p, size_t n)
{
	uint64_t a, b;
	uint32_t c, d;
	uint16_t e, f;

	if (n >= 8) {
		memcpy(&a, p, 8);
		memcpy(&b, p + n - 8, 8);
		memcpy(o, &a, 8);
		memcpy(o + n - 8, &b, 8);
		return (maybe_special(a) | maybe_special(b)) &
		    REP(0x80);
	}
	if (n >= 4) {
		memcpy(&c, p, 4);
		memcpy(&d, p + n - 4, 4);
		memcpy(o, &c, 4);
		memcpy(o + n - 4, &d, 4);
		return maybe_special(c | (uint64_t)d << 32) & REP(0x80);
	}
	if (n >= 2) {
		memcpy(&e, p, 2);
		memcpy(&f, p + n - 2, 2);
		memcpy(o, &e, 2);
		memcpy(o + n - 2, &f, 2);
		a = e | (uint64_t)f << 16;
		return maybe_special(a | a << 32) & REP(0x80);
	}
	if (n == 1) {
		*o = *p;
		return maybe_special(REP(*p)) & REP(0x80);
	}
	return 0;
}

/*
 * The most bytes a CSV row of `n` fields can take: every byte doubled,
 * plus quotes, guard and delimiters, and the line end.
 */
static inline size_t
csv_bound(const track_str *f, size_t n)
{
	size_t i, bound = 1;

	for (i = 0; i < n; i++)
		bound += 2 * f[i].len + 4;
	return bound;
}

/*
 * Encodes field `s` at `o` the long way, quoted and guarded as it needs,
 * and returns the end.
 */
static char *
csv_encode_field(const track_writer *w, char *o, track_str s)
{
	const char *p = s.ptr;
	size_t k;
	int guard = (w->flags & WRITER_GUARD) && needs_guard(s);

	if (!needs_quote(w, s)) {
		if (guard)
			*o++ = '\'';
		buf_copy_short(o, p, s.len);
		return o + s.len;
	}
	*o++ = '"';
	if (guard)
		*o++ = '\'';
	if (memchr(p, '"', s.len) == NULL) {
		buf_copy_short(o, p, s.len);
		o += s.len;
	} else {
		for (k = 0; k < s.len; k++) {
			*o++ = p[k];
			if (p[k] == '"')
				*o++ = '"';
		}
	}
	*o++ = '"';
	return o;
}

/*
 * Encodes one CSV row at `o`, which has room for csv_bound() bytes, and
 * returns the end.  A short field is copied first, by the moves that
 * also test it (move_short), and only one that may need quotes or a
 * guard is written again over it, the long way; each field is followed
 * by a delimiter, and the last one becomes the line end.  `guarding` is
 * the writer's WRITER_GUARD, passed as a constant so that each caller
 * gets a loop without the test it does not need.
 */
static inline __attribute__((always_inline)) char *
csv_encode(const track_writer *w, char *o, const track_str *f, size_t n,
    int guarding)
{
	/* Read once: a store through `o` could alias the writer, and the
	 * compiler would load it again for every field. */
	const char delim = (char)w->delim;
	size_t i;

	for (i = 0; i < n; i++) {
		track_str s = f[i];

		if (s.len > 16 || move_short(o, s.ptr, s.len) != 0 ||
		    (guarding && needs_guard(s)))
			o = csv_encode_field(w, o, s);
		else
			o += s.len;
		*o++ = delim;
	}
	if (n > 0)
		o--;
	*o++ = '\n';
	return o;
}

/* Encodes a row at `o` as csv_encode does, guarding as the writer says. */
static char *
csv_encode_row(const track_writer *w, char *o, const track_str *f, size_t n)
{
	if (w->flags & WRITER_GUARD)
		return csv_encode(w, o, f, n, 1);
	return csv_encode(w, o, f, n, 0);
}

/*
 * Writes one CSV row.  When the row surely fits in the buffer it is
 * encoded straight in (csv_encode); otherwise field by field.
 */
static int
csv_row(track_writer *w, const track_str *f, size_t n, track_error *err)
{
	size_t i, bound = csv_bound(f, n);
	char *o;

	if (bound > OUTBUF - w->len) {
		if (flush(w, err) != 0)
			return TRACK_EXIT_IO;
		if (bound > OUTBUF) {
			for (i = 0; i < n; i++) {
				if (i > 0 && putc_(w, (char)w->delim, err))
					return TRACK_EXIT_IO;
				if (csv_field(w, f[i], err) != 0)
					return TRACK_EXIT_IO;
			}
			return putc_(w, '\n', err);
		}
	}
	o = csv_encode_row(w, w->buf + w->len, f, n);
	w->len = (size_t)(o - w->buf);
	return 0;
}

int
writer_encodes(const track_writer *w)
{
	return w->fmt == TRACK_FMT_CSV || w->fmt == TRACK_FMT_TSV;
}

int
writer_encode(const track_writer *w, const track_str *fields, size_t n,
    track_buf *out)
{
	size_t bound = csv_bound(fields, n);
	char *o;

	assert(writer_encodes(w));
	if (buf_reserve(out, bound) != 0)
		return -1;
	o = csv_encode_row(w, out->ptr + out->len, fields, n);
	out->len = (size_t)(o - out->ptr);
	return 0;
}

_Static_assert(sizeof(track_str) == sizeof(const char *) + sizeof(size_t),
    "from_raw compares slices as bytes");

/*
 * Nonzero when fields[0..src->n) may be written as src's raw text
 * (writer_row_src): the same slices, and a CSV writer that writes them
 * so.
 */
static int
from_raw(const track_writer *w, const track_str *fields, size_t n,
    const track_row *src)
{
	if (src == NULL || src->raw.ptr == NULL || n < src->n ||
	    src->n == 0 || (w->flags & WRITER_GUARD) ||
	    !writer_encodes(w) || src->delim != w->delim)
		return 0;
	/* The same slices: a slice is a pointer and a length, no padding
	 * (below), so the tables compare as bytes. */
	return fields == src->field || memcmp(fields, src->field,
	    src->n * sizeof *fields) == 0;
}

/*
 * Encodes at `o` (room for raw's bytes and csv_bound of the rest) the
 * row that is `raw` and then fields[0..n), and returns the end.
 */
static char *
raw_encode(const track_writer *w, char *o, track_str raw,
    const track_str *f, size_t n)
{
	memcpy(o, raw.ptr, raw.len);
	o += raw.len;
	if (n == 0) {
		*o++ = '\n';
		return o;
	}
	*o++ = (char)w->delim;
	return csv_encode_row(w, o, f, n);
}

int
writer_row_src(track_writer *w, const track_str *fields, size_t n,
    const track_row *src, track_error *err)
{
	size_t bound;

	if (w->failed || !from_raw(w, fields, n, src))
		return writer_row(w, fields, n, err);
	bound = src->raw.len + 1 + csv_bound(fields + src->n, n - src->n);
	if (bound > OUTBUF - w->len) {
		if (flush(w, err) != 0)
			return TRACK_EXIT_IO;
		if (bound > OUTBUF)
			return writer_row(w, fields, n, err);
	}
	w->len = (size_t)(raw_encode(w, w->buf + w->len, src->raw,
	    fields + src->n, n - src->n) - w->buf);
	return 0;
}

int
writer_encode_src(const track_writer *w, const track_str *fields, size_t n,
    const track_row *src, track_buf *out)
{
	size_t bound;
	char *o;

	if (!from_raw(w, fields, n, src))
		return writer_encode(w, fields, n, out);
	bound = src->raw.len + 1 + csv_bound(fields + src->n, n - src->n);
	if (buf_reserve(out, bound) != 0)
		return -1;
	o = raw_encode(w, out->ptr + out->len, src->raw, fields + src->n,
	    n - src->n);
	out->len = (size_t)(o - out->ptr);
	return 0;
}

/* Writes `s` as a JSON string, quotes included. */
static int
json_string(track_writer *w, const char *s, size_t len, track_error *err)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, start = 0;
	char esc[8];

	if (putc_(w, '"', err) != 0)
		return TRACK_EXIT_IO;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *e = NULL;
		size_t elen = 2;

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		switch (c) {
		case '"': e = "\\\""; break;
		case '\\': e = "\\\\"; break;
		case '\n': e = "\\n"; break;
		case '\r': e = "\\r"; break;
		case '\t': e = "\\t"; break;
		default:
			esc[0] = '\\'; esc[1] = 'u'; esc[2] = '0'; esc[3] = '0';
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
			e = esc;
			elen = 6;
		}
		if (put(w, s + start, i - start, err) != 0 ||
		    put(w, e, elen, err) != 0)
			return TRACK_EXIT_IO;
		start = i + 1;
	}
	if (put(w, s + start, len - start, err) != 0)
		return TRACK_EXIT_IO;
	return putc_(w, '"', err);
}

static int
json_row(track_writer *w, const track_str *f, size_t n, track_error *err)
{
	size_t i;

	if (putc_(w, '{', err) != 0)
		return TRACK_EXIT_IO;
	for (i = 0; i < w->ncols; i++) {
		track_str v = i < n ? f[i] : (track_str){ "", 0 };

		if (i > 0 && putc_(w, ',', err) != 0)
			return TRACK_EXIT_IO;
		if (json_string(w, w->names + w->hdr[i].off, w->hdr[i].len,
		    err) != 0 || putc_(w, ':', err) != 0 ||
		    json_string(w, v.ptr, v.len, err) != 0)
			return TRACK_EXIT_IO;
	}
	if (put(w, "}\n", 2, err) != 0)
		return TRACK_EXIT_IO;
	return 0;
}

/* Keeps a row for the table or Markdown rendering. */
static int
hold_row(track_writer *w, const track_str *f, size_t n, track_error *err)
{
	size_t i;

	for (i = 0; i < w->ncols; i++) {
		track_str v = i < n ? f[i] : (track_str){ "", 0 };

		if (w->holdlen + v.len > w->holdcap) {
			size_t cap = w->holdcap ? w->holdcap * 2 : 65536;
			char *h;

			while (cap < w->holdlen + v.len)
				cap *= 2;
			h = realloc(w->hold, cap);
			if (h == NULL)
				return error_set(err, TRACK_EXIT_IO, NULL, 0,
				    "out of memory");
			w->hold = h;
			w->holdcap = cap;
		}
		if (w->ncells == w->cellcap) {
			size_t cap = w->cellcap ? w->cellcap * 2 : 1024;
			struct cell *c = realloc(w->cells, cap * sizeof *c);

			if (c == NULL)
				return error_set(err, TRACK_EXIT_IO, NULL, 0,
				    "out of memory");
			w->cells = c;
			w->cellcap = cap;
		}
		if (v.len > 0)
			memcpy(w->hold + w->holdlen, v.ptr, v.len);
		w->cells[w->ncells].off = w->holdlen;
		w->cells[w->ncells].len = v.len;
		w->ncells++;
		w->holdlen += v.len;
	}
	return 0;
}

int
writer_header(track_writer *w, const track_str *names, size_t n,
    track_error *err)
{
	size_t i, total = 0;

	if (w->x != NULL)
		return writer_xlsx_header(w->x, names, n, err);
	if (w->bom && put_bom(w, err) != 0)
		return TRACK_EXIT_IO;
	for (i = 0; i < n; i++)
		total += names[i].len;
	free(w->names);
	free(w->hdr);
	w->names = malloc(total + 1);
	w->hdr = calloc(n + 1, sizeof *w->hdr);
	if (w->names == NULL || w->hdr == NULL)
		return error_set(err, TRACK_EXIT_IO, NULL, 0, "out of memory");
	total = 0;
	for (i = 0; i < n; i++) {
		if (names[i].len > 0)
			memcpy(w->names + total, names[i].ptr, names[i].len);
		w->hdr[i].off = total;
		w->hdr[i].len = names[i].len;
		total += names[i].len;
	}
	w->ncols = n;
	switch (w->fmt) {
	case TRACK_FMT_CSV:
	case TRACK_FMT_TSV:
		return csv_row(w, names, n, err);
	case TRACK_FMT_TABLE:
	case TRACK_FMT_MARKDOWN:
		return hold_row(w, names, n, err);
	default:
		return 0;
	}
}

int
writer_row(track_writer *w, const track_str *fields, size_t n,
    track_error *err)
{
	if (w->failed)
		return TRACK_EXIT_IO;
	switch (w->fmt) {
	case TRACK_FMT_CSV:
	case TRACK_FMT_TSV:
		return csv_row(w, fields, n, err);
	case TRACK_FMT_JSON:
		return json_row(w, fields, n, err);
	case TRACK_FMT_XLSX:
		return writer_xlsx_row(w->x, fields, n, err);
	default:
		return hold_row(w, fields, n, err);
	}
}

static int
pad(track_writer *w, size_t n, track_error *err)
{
	while (n-- > 0)
		if (putc_(w, ' ', err) != 0)
			return TRACK_EXIT_IO;
	return 0;
}

/* Writes a cell for Markdown: | escaped, line ends as <br>. */
static int
md_cell(track_writer *w, const char *s, size_t len, track_error *err)
{
	size_t i;

	for (i = 0; i < len; i++) {
		int rc;

		if (s[i] == '|')
			rc = put(w, "\\|", 2, err);
		else if (s[i] == '\n')
			rc = put(w, "<br>", 4, err);
		else if (s[i] == '\r')
			rc = 0;
		else
			rc = putc_(w, s[i], err);
		if (rc != 0)
			return TRACK_EXIT_IO;
	}
	return 0;
}

/* The display width of a cell as written in `fmt`. */
static size_t
cell_width(enum track_format fmt, const char *s, size_t len)
{
	size_t w = utf8_width(s, len), i;

	if (fmt != TRACK_FMT_MARKDOWN)
		return w;
	for (i = 0; i < len; i++) {
		if (s[i] == '|')
			w += 1;		/* \| */
		else if (s[i] == '\n')
			w += 3;		/* <br> */
		else if (s[i] == '\r')
			w -= 1;		/* dropped */
	}
	return w;
}

/*
 * Renders the held rows.  Table: columns two spaces apart, numbers right
 * aligned, a rule under the header, line ends in cells shown as spaces.
 * Markdown: a pipe table, numeric columns right aligned.
 */
static int
render(track_writer *w, track_error *err)
{
	size_t nrows, r, c, *width = NULL;
	unsigned char *numeric = NULL;
	int rc = 0;

	if (w->ncols == 0)
		return 0;
	nrows = w->ncells / w->ncols;
	width = calloc(w->ncols, sizeof *width);
	numeric = calloc(w->ncols, 1);
	if (width == NULL || numeric == NULL) {
		rc = error_set(err, TRACK_EXIT_IO, NULL, 0, "out of memory");
		goto out;
	}
	for (c = 0; c < w->ncols; c++) {
		numeric[c] = nrows > 1;
		if (w->fmt == TRACK_FMT_MARKDOWN && width[c] < 3)
			width[c] = 3;
	}
	for (r = 0; r < nrows; r++) {
		for (c = 0; c < w->ncols; c++) {
			struct cell *k = &w->cells[r * w->ncols + c];
			size_t cw = cell_width(w->fmt, w->hold + k->off,
			    k->len);
			track_str s = { w->hold + k->off, k->len };

			if (cw > width[c])
				width[c] = cw;
			/* "c" marks a suppressed figure in a number column. */
			if (r > 0 && k->len > 0 && !str_is_number(s) &&
			    !str_eq(s, "c"))
				numeric[c] = 0;
		}
	}
	for (r = 0; r < nrows && rc == 0; r++) {
		size_t start = w->len;

		if (w->fmt == TRACK_FMT_MARKDOWN)
			rc = put(w, "| ", 2, err);
		for (c = 0; c < w->ncols && rc == 0; c++) {
			struct cell *k = &w->cells[r * w->ncols + c];
			const char *s = w->hold + k->off;
			size_t cw = cell_width(w->fmt, s, k->len), i;
			int right = numeric[c] && r > 0;
			int last = c + 1 == w->ncols;

			if (right)
				rc = pad(w, width[c] - cw, err);
			if (w->fmt == TRACK_FMT_MARKDOWN) {
				rc = rc ? rc : md_cell(w, s, k->len, err);
			} else {
				for (i = 0; i < k->len && rc == 0; i++)
					rc = putc_(w, s[i] == '\n' ||
					    s[i] == '\r' ? ' ' : s[i], err);
			}
			if (!right && (!last || w->fmt == TRACK_FMT_MARKDOWN))
				rc = rc ? rc : pad(w, width[c] - cw, err);
			if (w->fmt == TRACK_FMT_MARKDOWN)
				rc = rc ? rc : put(w, last ? " |" : " | ", last
				    ? 2 : 3, err);
			else if (!last)
				rc = rc ? rc : put(w, "  ", 2, err);
		}
		/* No trailing spaces after an empty last cell (when the row is
		 * still in the buffer, as it is unless it was flushed). */
		while (w->fmt == TRACK_FMT_TABLE && w->len > start &&
		    w->buf[w->len - 1] == ' ')
			w->len--;
		rc = rc ? rc : putc_(w, '\n', err);
		if (r > 0 || rc != 0)
			continue;
		/* The rule under the header. */
		if (w->fmt == TRACK_FMT_MARKDOWN)
			rc = putc_(w, '|', err);
		for (c = 0; c < w->ncols && rc == 0; c++) {
			size_t i, n = width[c];

			if (w->fmt == TRACK_FMT_MARKDOWN) {
				rc = putc_(w, ' ', err);
				for (i = 0; i + 1 < n && rc == 0; i++)
					rc = putc_(w, '-', err);
				rc = rc ? rc : putc_(w, numeric[c] ? ':' : '-',
				    err);
				rc = rc ? rc : put(w, " |", 2, err);
				continue;
			}
			for (i = 0; i < n && rc == 0; i++)
				rc = putc_(w, '-', err);
			if (c + 1 < w->ncols)
				rc = rc ? rc : put(w, "  ", 2, err);
		}
		rc = rc ? rc : putc_(w, '\n', err);
	}
out:
	free(width);
	free(numeric);
	return rc;
}

int
writer_text(track_writer *w, const char *p, size_t n, track_error *err)
{
	if (w->failed)
		return TRACK_EXIT_IO;
	if (w->x != NULL)
		return writer_xlsx_text(w->x, p, n, err);
	if (w->bom && put_bom(w, err) != 0)
		return TRACK_EXIT_IO;
	return put(w, p, n, err);
}

int
writer_table_end(track_writer *w, track_error *err)
{
	if (w->failed)
		return TRACK_EXIT_IO;
	if (w->x != NULL)
		return writer_xlsx_table_end(w->x, err);
	if ((w->fmt == TRACK_FMT_TABLE || w->fmt == TRACK_FMT_MARKDOWN) &&
	    render(w, err) != 0)
		return TRACK_EXIT_IO;
	free(w->names);
	free(w->hdr);
	w->names = NULL;
	w->hdr = NULL;
	w->ncols = 0;
	w->ncells = 0;
	w->holdlen = 0;
	return 0;
}

int
writer_finish(track_writer *w, track_error *err)
{
	if (w->failed)
		return TRACK_EXIT_IO;
	if (w->x != NULL) {
		if (writer_xlsx_finish(w->x, err) == 0)
			return 0;
		w->failed = 1;
		return err->kind;
	}
	if ((w->fmt == TRACK_FMT_TABLE || w->fmt == TRACK_FMT_MARKDOWN) &&
	    render(w, err) != 0)
		return TRACK_EXIT_IO;
	return flush(w, err);
}

int
writer_broken_pipe(const track_writer *w)
{
	return w != NULL && w->epipe;
}

void
writer_free(track_writer *w)
{
	if (w == NULL)
		return;
	writer_xlsx_free(w->x);
	free(w->buf);
	free(w->names);
	free(w->hdr);
	free(w->hold);
	free(w->cells);
	free(w);
}
