/*
 * reader.c - records from CSV, TSV or JSON Lines; see reader.h.  What every
 * format shares lives here; reader_csv.c and reader_jsonl.c parse.
 */
#include "reader_int.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/str.h"
#include "base/strmap.h"
#include "base/swar.h"
#include "base/utf8.h"
#include "input.h"
#include "workbook_int.h"

/*
 * Makes room in the arena for `bytes` more bytes (and the 16 bytes of
 * slack that word reads past a field may touch) and in the field table
 * for `fields` more fields.  The bytes up to that room are set, so that
 * word reads past a field never see uninitialised memory; the rest of
 * the capacity is left untouched, so a doubled arena costs address
 * space, not memory.  Sets r->oom on failure.
 */
int
reader_make_room(track_reader *r, size_t bytes, size_t fields)
{
	size_t i, need = r->blen + bytes + 16, oldcap = r->bcap;
	uintptr_t base = (uintptr_t)r->buf, p;

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
	/* The arena moved: its fields follow it, and only they (a simple
	   line's fields may lie in the chunk: fast_line). */
	if ((uintptr_t)r->buf != base)
		for (i = 0; i < r->fcount; i++) {
			p = (uintptr_t)r->f[i].ptr;
			if (p - base < oldcap)	/* not one in the chunk */
				r->f[i].ptr = r->buf + (p - base);
		}
	return 0;
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
 * Appends a field of `len` bytes (plus a NUL) to the current row: a
 * copy and two stores when the arena and the field table have room
 * already (see reader_make_room), as they mostly do.
 */
void
reader_push_field(track_reader *r, const char *s, size_t len)
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
	    reader_make_room(r, len + 1, 1) != 0)
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
		r->line += reader_count_newlines(dst, len);
		break;
	default:
		r->cur_flags |= ROW_CHECK;
		r->line += reader_count_newlines(dst, len);
		break;
	}
	if (r->nul_seen && memchr(dst, 0, len) != NULL)
		r->cur_flags |= ROW_CHECK;
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
int
reader_next_chunk(track_reader *r, track_error *err)
{
	long n;

	if (r->chunklen > 0 || r->in_eof)
		return 0;
	n = input_read(r->in, &r->lent, err);
	if (n < 0)
		return -1;
	if (n == 0)
		r->in_eof = 1;
	r->chunk = r->lent;
	r->chunklen = (size_t)n;
	r->lent_end = r->lent != NULL ? r->lent + n : NULL;
	return 0;
}

static int
feed(track_reader *r, track_error *err)
{
	if (r->rowpos >= r->nrows)
		reset_queue(r);
	if (r->fmt == TRACK_IN_JSON)
		return reader_json_feed(r, err);
	if (r->fmt == TRACK_IN_WORKBOOK)
		return reader_wb_feed(r, err);
	if (r->fmt == TRACK_IN_CTF)
		return reader_ctf_feed(r, err);
	return reader_csv_feed(r, err);
}

/* Skips `n` physical lines (title rows) of raw text. */
static int
skip_lines(track_reader *r, long n, track_error *err)
{
	while (n > 0) {
		const char *p, *end;

		if (reader_next_chunk(r, err) != 0)
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

/* Validates and stores the header row. */
static int
take_header(track_reader *r, struct rowrec *rr, track_error *err)
{
	const char *name = r->name;
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

/*
 * Looks at the input's first bytes: a workbook is opened (reader_wb_open,
 * or only its sheets read when `list`) and 0 returned; a PDF is refused;
 * anything else is text, -1.  Returns an exit status on failure.
 */
static int
open_workbook(track_reader *r, int list, track_error *err)
{
	const unsigned char *head;
	long n = input_peek(r->in, &head, 8, err);
	int fd;

	if (n < 0)
		return TRACK_EXIT_IO;
	switch (reader_wb_sniff(head, (size_t)n)) {
	case WB_TEXT:
		return -1;
	case WB_PDF:
		return error_set(err, TRACK_EXIT_DATA, r->name, 0, "this is a "
		    "PDF document, not a table; export the marksheet from its "
		    "program as .xlsx or CSV instead");
	default:
		break;
	}
	fd = input_spool(r->in, err);
	if (fd < 0)
		return TRACK_EXIT_IO;
	return reader_wb_open(r, fd, list, err);
}

int
reader_sheets(const char *path, const struct track_reader_opts *opts,
    char ***names, size_t *n, track_error *err)
{
	track_reader *r;
	int rc;

	*names = NULL;
	*n = 0;
	error_clear(err);
	r = calloc(1, sizeof *r);
	if (r == NULL)
		return error_nomem(err);
	if (opts != NULL)
		r->o = *opts;
	rc = input_open(&r->in, path, NULL, err);
	if (rc == 0) {
		r->name = input_name(r->in);
		rc = open_workbook(r, 1, err);
	}
	if (rc < 0)
		rc = error_set(err, TRACK_EXIT_DATA, r->name, 0, "not a "
		    "workbook (.xlsx, .ods or .xls), so it has no sheets");
	if (rc == 0) {
		size_t i;

		for (i = 0; r->wb->part != NULL && i < r->wb->nsheet; i++)
			free(r->wb->part[i]);
		*names = r->wb->sheet;
		*n = r->wb->nsheet;
		r->wb->sheet = NULL;
		r->wb->nsheet = 0;
	}
	if (err != NULL && err->file != NULL)
		err->file = strcmp(path, "-") == 0 ? "stdin" : path;
	reader_close(r);
	return rc;
}

void
reader_sheets_free(char **names, size_t n)
{
	size_t i;

	for (i = 0; names != NULL && i < n; i++)
		free(names[i]);
	free(names);
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
	r->name = input_name(r->in);
	rc = open_workbook(r, 0, err);
	if (rc < 0)
		goto text;
	if (rc != 0)
		goto fail;
	r->fmt = TRACK_IN_WORKBOOK;
	goto first;
text:
	rc = TRACK_EXIT_IO;
	if (skip_lines(r, r->o.skip_lines, err) != 0 || reader_next_chunk(r, err))
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
			else if (c == '<')
				r->fmt = TRACK_IN_CTF;
			break;
		}
	}
	/* JSON strings can carry NUL as \u0000: always look for it. */
	r->nul_seen = r->fmt == TRACK_IN_JSON;
	if (r->fmt == TRACK_IN_CTF) {
		rc = reader_ctf_open(r, err);
		if (rc != 0)
			goto fail;
	} else if (r->fmt != TRACK_IN_JSON) {
		rc = reader_csv_open(r, err);
		if (rc != 0)
			goto fail;
	}
first:
	if (feed(r, err) != 0) {
		rc = err != NULL && err->kind != TRACK_EXIT_OK ? (int)err->kind :
		    TRACK_EXIT_IO;
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
	/*
	 * The reader's copy of the name goes with it; point at the caller's.
	 * A workbook's position ("marks.xlsx:Marks!A1") goes into the text.
	 */
	if (err != NULL && err->file != NULL && err->file == r->name &&
	    r->wb != NULL) {
		char where[600], text[sizeof err->text];

		error_where(where, sizeof where, err->file, err->line,
		    err->col);
		snprintf(text, sizeof text, "%.200s: %.300s", where, err->text);
		memcpy(err->text, text, sizeof text);
		err->file = NULL;
		err->line = 0;
		err->col = 0;
	}
	if (err != NULL && err->file != NULL)
		err->file = strcmp(path, "-") == 0 ? "stdin" : path;
	reader_close(r);
	return rc;
}

int
reader_splittable(const track_reader *r)
{
	return (r->fmt == TRACK_IN_CSV || r->fmt == TRACK_IN_TSV) &&
	    r->wb == NULL && r->ctf == NULL && r->o.skip_lines == 0 &&
	    r->have_header && r->utf8 && !input_is_stdin(r->in);
}

int
reader_fd(const track_reader *r)
{
	return input_fd(r->in);
}

int
reader_open_at(track_reader **out, const track_reader *like,
    const char *path, long long offset, track_error *err)
{
	track_reader *r;
	int rc;

	*out = NULL;
	r = calloc(1, sizeof *r);
	if (r == NULL)
		return error_nomem(err);
	r->o = like->o;
	r->o.delimiter = like->delim;
	r->line = 1;
	rc = input_open_at(&r->in, path, offset, err);
	if (rc != 0)
		goto fail;
	r->name = like->name;	/* path may be /proc/self/fd/N */
	r->fmt = like->fmt;
	rc = reader_csv_open(r, err);
	if (rc != 0)
		goto fail;
	r->utf8 = 1;
	r->hdr = like->hdr;
	r->hdr_borrowed = 1;
	r->ncols = like->ncols;
	r->have_header = 1;
	*out = r;
	return 0;
fail:
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

/*
 * Nonzero when the text has no NUL byte to look for: CSV or TSV whose
 * input has shown none (the chunk is looked at before it is parsed).
 */
static int
no_nul(const track_reader *r)
{
	return (r->fmt == TRACK_IN_CSV || r->fmt == TRACK_IN_TSV) &&
	    !r->nul_seen;
}

/*
 * Nonzero when row rr's fields, in order in one span of the arena, each
 * after an ASCII byte (a delimiter, a quote or the NUL after a field),
 * are valid UTF-8 all at once: each field then starts and ends on a
 * character's boundary, so each is valid.  One pass over the row, where
 * the field-by-field check (check_row) makes several over each field.
 * Zero says nothing: an unescaped field ("" made ") can leave half a
 * character behind its NUL, and the fields are then checked one by one.
 */
static int
span_valid(const track_reader *r, const struct rowrec *rr)
{
	const track_str *f = r->f + rr->first;
	const char *lo, *at;
	size_t i;

	if (rr->nf == 0 || !no_nul(r))
		return 0;
	lo = at = f[0].ptr;
	for (i = 0; i < rr->nf; i++) {
		if (f[i].ptr < at || (f[i].ptr > lo &&
		    (unsigned char)f[i].ptr[-1] >= 0x80))
			return 0;
		at = f[i].ptr + f[i].len;
	}
	/* all in the arena, or all in the chunk (fast_line) */
	if (!(lo >= r->buf && at <= r->buf + r->blen) &&
	    !(lo >= r->lent && at <= r->lent_end))
		return 0;
	return utf8_valid_prefix(lo, (size_t)(at - lo)) == (size_t)(at - lo);
}

/* Says why row `rr` is bad in err; returns nonzero when it is. */
static int
check_row(track_reader *r, const struct rowrec *rr, track_error *err)
{
	const char *name = r->name;
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
	if ((rr->flags & ROW_WB_ERROR) && rr->col < rr->nf) {
		error_set(err, TRACK_EXIT_DATA, name, line, "the cell holds "
		    "the error %.40s%s%.60s%s; correct it in the workbook or "
		    "clear it", r->f[rr->first + rr->col].ptr,
		    rr->col < r->ncols ? " (column \"" : "",
		    rr->col < r->ncols ? r->hdr[rr->col].ptr : "",
		    rr->col < r->ncols ? "\")" : "");
		err->col = rr->col + 1;
		return TRACK_EXIT_DATA;
	}
	if (rr->flags & ROW_JSON_BAD)
		return error_set(err, TRACK_EXIT_DATA, name, line, "%s",
		    r->why);
	if (rr->flags & ROW_CTF_BAD)
		return error_set(err, TRACK_EXIT_DATA, name, line, "%s",
		    rr->nf > 0 ? r->f[rr->first].ptr : "bad CTF");
	if (rr->flags & ROW_TOO_WIDE)
		return error_set(err, TRACK_EXIT_DATA, name, line,
		    "row has more than %zu fields (--max-columns)",
		    r->o.max_columns);
	if (rr->nf != r->ncols) {
		error_set(err, TRACK_EXIT_DATA, name, line,
		    "row has %zu field%s but the header has %zu", rr->nf,
		    rr->nf == 1 ? "" : "s", r->ncols);
		/* A workbook's row: the last cell, past the header's end. */
		if (r->wb != NULL && rr->nf > r->ncols)
			err->col = (unsigned)rr->nf;
		return TRACK_EXIT_DATA;
	}
	if (span_valid(r, rr))
		return 0;
	for (i = 0; i < rr->nf; i++) {
		const char *f = r->f[rr->first + i].ptr;
		size_t n = r->f[rr->first + i].len, bad;

		bad = has_high(f, n) ? utf8_valid_prefix(f, n) : n;
		if (bad != n)
			return error_set(err, TRACK_EXIT_DATA, name,
			    line + reader_count_newlines(f, bad),
			    "%s in column \"%s\" (byte 0x%02X at offset %zu)"
			    "%s", r->utf8 ? "invalid UTF-8" :
			    "text that cannot be decoded",
			    r->hdr[i].ptr, (unsigned char)f[bad], bad,
			    r->utf8 ? "; if the file is from Excel, try "
			    "-e windows-1252" : "");
		if (!no_nul(r) && memchr(f, 0, n) != NULL)
			return error_set(err, TRACK_EXIT_DATA, name,
			    line + reader_count_newlines(f, (size_t)((const char *)
			    memchr(f, 0, n) - f)),
			    "NUL byte in column \"%s\"", r->hdr[i].ptr);
		line += reader_count_newlines(f, n);
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
	row->file = r->name;
	row->raw.ptr = NULL;
	row->raw.len = 0;
	row->delim = r->delim;
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
	row->raw.ptr = rr->raw;
	row->raw.len = rr->rawlen;
	return TRACK_READ_ROW;
}

const char *
reader_name(const track_reader *r)
{
	return r->name;
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
	reader_wb_close(r->wb);
	reader_ctf_close(r->ctf);
	input_close(r->in);
	free(r->buf);
	free(r->f);
	free(r->rows);
	free(r->lbuf);
	free(r->rraw);
	free(r->pb);
	free(r->hbuf);
	if (!r->hdr_borrowed)
		free(r->hdr);
	free(r);
}

