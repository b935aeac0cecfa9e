/*
 * reader_int.h - what reader.c, reader_csv.c and reader_jsonl.c share: the
 * reader's body, its row queue and field arena, and the calls between
 * the three files.  Private to lib/record/reader*.c; see reader.h for the
 * API.
 *
 * reader.c holds what every format needs (opening, detecting the format,
 * the arena, the row queue, the header and row checks, reader_next);
 * reader_csv.c parses CSV and TSV (a fast path for simple lines, libcsv
 * for the rest, and going back after a malformed row); reader_jsonl.c
 * parses JSON Lines.  A format's feed function parses input until at
 * least one row is queued (reader_push_field, reader_push_row) or the
 * input ends.
 */
#ifndef TRACK_READER_INT_H
#define TRACK_READER_INT_H

#include <csv.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/error.h"
#include "base/str.h"
#include "input.h"
#include "reader.h"

/* Row flags set while parsing. */
#define ROW_TOO_WIDE	1u	/* more fields than max_columns */
#define ROW_TOO_BIG	2u	/* a field over max_field, skipped */
#define ROW_BAD_QUOTE	4u	/* a quote never closed before the end */
#define ROW_JSON_BAD	8u	/* JSON line that is not a usable object */
#define ROW_CHECK	16u	/* a byte >= 0x80 or NUL: validate the text */
#define ROW_STRAY_QUOTE	32u	/* a closing quote followed by more text */
#define ROW_CTF_BAD	128u	/* a CTF problem: field 0 says what */
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
	const char *raw;	/* track_row's raw, or NULL */
	size_t rawlen;
};

struct track_wb;
struct track_ctf;

struct track_reader {
	track_input *in;
	struct track_wb *wb;	/* a workbook's state (workbook_int.h) */
	struct track_ctf *ctf;	/* a CTF's state (reader_ctf.c) */
	const char *name;	/* input_name(in), for every row */
	struct track_reader_opts o;
	enum track_in_format fmt;
	int delim;

	struct csv_parser p;
	int p_live;

	/* Field arena and queue of parsed rows, reused after each drain. */
	char *buf;
	size_t blen, bcap;
	size_t bzero;		/* buf[0..bzero) is set (see make_room) */
	track_str *f;		/* the fields, pointing into buf, or into the
				   chunk for a simple line (fast_line) */
	size_t fcount, fcap;
	struct rowrec *rows;
	size_t nrows, rowcap, rowpos;

	/* The row being parsed. */
	size_t cur_first, cur_nf;
	size_t cur_blen;	/* where its first field starts in buf */
	long cur_line;
	unsigned cur_flags;
	const char *cur_raw;	/* its raw text (track_row), or NULL */
	size_t cur_rawlen;

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

	/* The chunk of input not yet fed to the parser, and the whole
	   chunk as the input lent it, writable (lent..lent_end): the
	   fields of simple lines are parsed in place there (fast_line). */
	const char *chunk;
	size_t chunklen;
	char *lent, *lent_end;
	int in_eof;
	int done;

	/* JSON lines that span chunks are gathered here. */
	char *lbuf;
	size_t llen, lcap;

	/* Header. */
	char *hbuf;
	track_str *hdr;		/* borrowed from another reader when
				   hdr_borrowed (reader_open_at) */
	int hdr_borrowed;
	size_t ncols;
	int have_header;
	int oom;
	int utf8;		/* the input is UTF-8 (not converted) */
	int nul_seen;		/* the input has held a NUL byte */
	char why[300];		/* why the queued JSON line is bad; JSON
				   lines are queued one at a time */
};

/*
 * Makes room in the arena for `bytes` more bytes (and the 16 bytes of
 * slack that word reads past a field may touch) and in the field table
 * for `fields` more fields.  Returns 0, or -1 with r->oom set.
 */
int reader_make_room(track_reader *r, size_t bytes, size_t fields);

/*
 * Appends a field of `len` bytes (plus a NUL) to the row being parsed,
 * noting a field over --max-field-size or past --max-columns in the row's
 * flags, and counting the line ends inside it.  Sets r->oom on failure.
 */
void reader_push_field(track_reader *r, const char *s, size_t len);

/* Gets the next chunk of text, or sets in_eof.  Returns -1 on error. */
int reader_next_chunk(track_reader *r, track_error *err);

/* Counts the line ends inside a quoted field: LF, CRLF and lone CR. */
static inline long
reader_count_newlines(const char *s, size_t len)
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
 * Ends the row being parsed and queues it, starting on `line`, with
 * `flags` added to its own.  Inline: it runs once a row.  Sets r->oom
 * on failure.
 */
static inline void
reader_push_row(track_reader *r, long line, unsigned flags)
{
	struct rowrec *rr;

	if (r->nrows >= r->rowcap && buf_grow((void **)&r->rows, &r->rowcap,
	    r->nrows + 1, sizeof *r->rows) != 0) {
		r->oom = 1;
		return;
	}
	rr = &r->rows[r->nrows++];
	rr->first = r->cur_nf ? r->cur_first : r->fcount;
	rr->nf = r->cur_nf;
	rr->line = line;
	rr->flags = flags | r->cur_flags;
	rr->col = 0;
	rr->raw = r->cur_raw;
	rr->rawlen = r->cur_rawlen;
	r->cur_nf = 0;
	r->cur_flags = 0;
	r->cur_raw = NULL;
}

/* reader_csv.c */

/*
 * Sets up CSV or TSV parsing once the first chunk is in hand: the
 * delimiter (given, tab for TSV, or detected from the first line) and
 * libcsv.  Returns 0 or an exit status with err filled.
 */
int reader_csv_open(track_reader *r, track_error *err);

/*
 * Parses CSV text (text to read again first, then the input) until at
 * least one row is queued or the input ends.  Returns -1 on an I/O or
 * allocation error, with err filled.
 */
int reader_csv_feed(track_reader *r, track_error *err);

/* reader_jsonl.c */

/*
 * Queues the next JSON line's row (good or bad), or notes the end of the
 * input.  Returns -1 on an I/O or allocation error, with err filled.
 */
int reader_json_feed(track_reader *r, track_error *err);

/* reader_ctf.c */

/*
 * Sets up reading a Common Transfer File (the input's first byte is
 * "<") and queues its header row.  Returns 0 or an exit status.
 */
int reader_ctf_open(track_reader *r, track_error *err);

/*
 * Parses the CTF until at least one row is queued or it ends; malformed
 * XML is a last bad row (ROW_CTF_BAD).  Returns -1 on an I/O or
 * allocation error, with err filled.
 */
int reader_ctf_feed(track_reader *r, track_error *err);

/* Frees a CTF's state (NULL is fine). */
void reader_ctf_close(struct track_ctf *c);

#endif
