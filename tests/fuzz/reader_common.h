/*
 * reader_common.h - reads a whole input the way the programs do and checks
 * what the reader promises about every row (used by fuzz_csv and
 * fuzz_jsonl).
 */
#ifndef TRACK_FUZZ_READER_COMMON_H
#define TRACK_FUZZ_READER_COMMON_H

#include <fcntl.h>

#include "base/str.h"
#include "fuzz.h"
#include "record/reader.h"
#include "record/writer.h"
#include "base/utf8.h"

/* What a reader gave, byte for byte, to compare two ways of reading. */
struct transcript {
	char *p;
	size_t len, cap;
};

static void
note(struct transcript *t, const void *s, size_t n)
{
	if (t == NULL)
		return;
	if (t->len + n + 1 > t->cap) {
		t->cap = (t->len + n + 1) * 2;
		t->p = realloc(t->p, t->cap);
		if (t->p == NULL)
			abort();
	}
	memcpy(t->p + t->len, s, n);
	t->len += n;
}

static void
note_row(struct transcript *t, int kind, long line, const track_str *f,
    size_t n, const char *why)
{
	char head[64];
	size_t i;

	snprintf(head, sizeof head, "%d %ld %zu:", kind, line, n);
	note(t, head, strlen(head));
	for (i = 0; i < n; i++) {
		snprintf(head, sizeof head, "%zu:", f[i].len);
		note(t, head, strlen(head));
		note(t, f[i].ptr, f[i].len);
	}
	if (why != NULL)
		note(t, why, strlen(why));
	note(t, "\n", 1);
}

static void
check_fields(const track_str *f, size_t n, int good)
{
	size_t i;

	for (i = 0; i < n; i++) {
		FUZZ_ASSERT(f[i].ptr != NULL);
		FUZZ_ASSERT(f[i].ptr[f[i].len] == '\0');
		if (good) {
			FUZZ_ASSERT(utf8_valid_prefix(f[i].ptr, f[i].len) ==
			    f[i].len);
			FUZZ_ASSERT(memchr(f[i].ptr, 0, f[i].len) == NULL);
		}
	}
}

/*
 * A row's raw text (track_row) is what a writer with its delimiter
 * writes for its fields, line end apart: writer_row_src copies it in
 * place of encoding them.  (A delimiter no writer writes is not checked.)
 */
static void
check_raw(const track_row *row)
{
	static track_writer *w[2];
	static track_buf b;
	track_error err;
	int k = row->delim == '\t';

	if (row->raw.ptr == NULL || (row->delim != ',' && !k))
		return;
	if (w[k] == NULL)
		FUZZ_ASSERT(writer_open(&w[k], open("/dev/null", O_WRONLY),
		    k ? TRACK_FMT_TSV : TRACK_FMT_CSV, 0, &err) == 0);
	b.len = 0;
	FUZZ_ASSERT(writer_encode(w[k], row->field, row->n, &b) == 0);
	FUZZ_ASSERT(b.len == row->raw.len + 1 && b.ptr[row->raw.len] == '\n');
	FUZZ_ASSERT(memcmp(b.ptr, row->raw.ptr, row->raw.len) == 0);
}

/*
 * Reads every row of `data` with `opts`.  A good row has the header's
 * width and valid UTF-8 without NUL bytes, and its raw text, if any, is
 * its fields written out; a bad row has a message with a line; lines
 * never go backwards.
 */
static void
read_all(const uint8_t *data, size_t size,
    const struct track_reader_opts *opts, struct transcript *t)
{
	char path[64];
	int fd = fuzz_file(data, size, path, sizeof path);
	track_reader *r = NULL;
	track_error err;
	const track_str *hdr;
	size_t ncols;
	long last = 0;

	error_clear(&err);
	if (reader_open(&r, path, opts, &err) != 0) {
		FUZZ_ASSERT(r == NULL);
		FUZZ_ASSERT(err.text[0] != '\0');
		note_row(t, -1, err.line, NULL, 0, err.text);
		close(fd);
		return;
	}
	hdr = reader_header(r, &ncols);
	check_fields(hdr, ncols, 1);
	note_row(t, 0, 0, hdr, ncols, NULL);
	for (;;) {
		track_row row;
		enum track_read got;

		error_clear(&err);
		got = reader_next(r, &row, &err);
		if (got == TRACK_READ_EOF)
			break;
		note_row(t, (int)got, row.line, row.field, row.n,
		    got == TRACK_READ_ROW ? NULL : err.text);
		if (got == TRACK_READ_FATAL) {
			FUZZ_ASSERT(err.text[0] != '\0');
			break;
		}
		FUZZ_ASSERT(row.line >= last);
		last = row.line;
		if (got == TRACK_READ_ROW) {
			FUZZ_ASSERT(row.n == ncols);
			check_fields(row.field, row.n, 1);
			check_raw(&row);
		} else {
			FUZZ_ASSERT(got == TRACK_READ_BAD);
			FUZZ_ASSERT(err.text[0] != '\0');
			FUZZ_ASSERT(err.line >= 1);
			check_fields(row.field, row.n, 0);
		}
	}
	reader_close(r);
	close(fd);
}

#endif
