/*
 * reader_dump.h - what the reader's Check suites share (check_reader.c,
 * check_reader_csv.c, check_reader_jsonl.c): dump() reads a whole input
 * and returns a transcript of what the reader returned:
 *
 *   H/<ncols>:<name>|<name>          the header
 *   <line>/<n>:<field>|<field>       a good row starting on <line>
 *   <line>/<n>!<errline>:<fields>    a bad row; err.line is <errline>
 *   EOF  or  FATAL                   how reading ended
 *   open <status> @<line>            reader_open failed
 *
 * In fields, LF, CR, tab, | and \ are written as \n, \r, \t, \| and \\,
 * and other control bytes as \xHH.
 */
#ifndef TRACK_CHECK_READER_DUMP_H
#define TRACK_CHECK_READER_DUMP_H

#include <check.h>
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "base/str.h"
#include "record/reader.h"
#include "scratch.h"


/* A string literal (which may hold NUL bytes) into a file. */
#define WRITE(name, lit) write_file((name), (lit), sizeof(lit) - 1)

/* A growing string. */
struct sbuf {
	char *p;
	size_t len, cap;
};

static __attribute__((unused)) void
sb_add(struct sbuf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->p = realloc(b->p, b->cap);
		ck_assert(b->p != NULL);
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void __attribute__((format(printf, 2, 3), unused))
sb_printf(struct sbuf *b, const char *fmt, ...)
{
	char tmp[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	ck_assert(n >= 0 && (size_t)n < sizeof tmp);
	sb_add(b, tmp, (size_t)n);
}

/* Appends n fields, escaped, joined by |; checks each is NUL-terminated. */
static __attribute__((unused)) void
sb_fields(struct sbuf *b, const track_str *f, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		if (i > 0)
			sb_add(b, "|", 1);
		ck_assert_msg(f[i].ptr != NULL, "field %zu has no pointer", i);
		ck_assert_msg(f[i].ptr[f[i].len] == '\0',
		    "field %zu is not NUL-terminated", i);
		for (j = 0; j < f[i].len; j++) {
			unsigned char c = (unsigned char)f[i].ptr[j];

			if (c == '\n')
				sb_add(b, "\\n", 2);
			else if (c == '\r')
				sb_add(b, "\\r", 2);
			else if (c == '\t')
				sb_add(b, "\\t", 2);
			else if (c == '|' || c == '\\') {
				sb_add(b, "\\", 1);
				sb_add(b, (const char *)&c, 1);
			} else if (c < 0x20 || c == 0x7F)
				sb_printf(b, "\\x%02X", c);
			else
				sb_add(b, (const char *)&c, 1);
		}
	}
}

/* The last error seen by dump(), for tests that look at messages. */
static __attribute__((unused)) track_error last_err;

/*
 * Reads all of `path` and returns the transcript described at the top
 * (the caller frees it).  Also checks the invariants every read must keep.
 */
static __attribute__((unused)) char *
dump(const char *path, const struct track_reader_opts *o)
{
	struct sbuf b = { NULL, 0, 0 };
	track_reader *r = (track_reader *)1;
	track_error err;
	track_row row;
	const track_str *h;
	size_t n;
	int rc, i;

	error_clear(&err);
	sb_add(&b, "", 0);
	rc = reader_open(&r, path, o, &err);
	if (rc != 0) {
		ck_assert_msg(r == NULL, "failed open left a reader");
		ck_assert_int_eq(err.kind, rc);
		ck_assert_msg(err.text[0] != '\0', "no error text");
		last_err = err;
		sb_printf(&b, "open %d @%ld\n", rc, err.line);
		return b.p;
	}
	ck_assert(r != NULL);
	h = reader_header(r, &n);
	sb_printf(&b, "H/%zu:", n);
	sb_fields(&b, h, n);
	sb_add(&b, "\n", 1);
	for (i = 0;; i++) {
		enum track_read got;

		ck_assert_msg(i < 1000000, "reader does not stop");
		error_clear(&err);
		got = reader_next(r, &row, &err);
		if (got == TRACK_READ_EOF) {
			sb_add(&b, "EOF\n", 4);
			/* And it stays at the end. */
			ck_assert_int_eq(reader_next(r, &row, &err),
			    TRACK_READ_EOF);
			break;
		}
		if (got == TRACK_READ_FATAL) {
			last_err = err;
			sb_add(&b, "FATAL\n", 6);
			break;
		}
		ck_assert_msg(got == TRACK_READ_ROW || got == TRACK_READ_BAD,
		    "reader_next returned %d", (int)got);
		ck_assert_msg(row.line > 0, "row has no line");
		if (got == TRACK_READ_ROW) {
			sb_printf(&b, "%ld/%zu:", row.line, row.n);
		} else {
			last_err = err;
			ck_assert_int_eq(err.kind, TRACK_EXIT_DATA);
			ck_assert_msg(err.text[0] != '\0', "bad row, no text");
			ck_assert_msg(err.file != NULL &&
			    strcmp(err.file, reader_name(r)) == 0,
			    "bad row error names file %s", err.file ?
			    err.file : "(null)");
			sb_printf(&b, "%ld/%zu!%ld:", row.line, row.n,
			    err.line);
		}
		sb_fields(&b, row.field, row.n);
		sb_add(&b, "\n", 1);
	}
	reader_close(r);
	return b.p;
}

/* Compares the transcript of reading `data` (a literal) with `want`. */
#define EXPECT(opts, data, want) do { \
	char *got_ = dump(WRITE("in", data), (opts)); \
	ck_assert_str_eq(got_, (want)); \
	free(got_); \
} while (0)

/* Options with only an encoding set. */
static __attribute__((unused)) struct track_reader_opts
enc(const char *e)
{
	struct track_reader_opts o;

	memset(&o, 0, sizeof o);
	o.encoding = e;
	return o;
}

/* ---- line ends ---------------------------------------------------- */

#endif
