/*
 * reader.h - records from one CSV, TSV, JSON Lines or workbook input.
 *
 * A reader turns an input (see input.h) into a header and rows.  CSV is
 * parsed with libcsv set up for RFC 4180: no trimming of spaces, blank
 * lines skipped but counted, and line numbers that stay right across
 * quoted newlines, CRLF, LF and CR line ends.  A malformed quoted field (a
 * closing quote followed by more text, or a quote never closed) makes its
 * row's first physical line a bad row, and reading goes on at the next
 * line; a quote inside an unquoted field is text.  The delimiter (comma,
 * semicolon or tab) is detected from the header line unless it is given.
 * JSON Lines holds one object a line; the first object's keys are the
 * header.  Memory is a few times the longest field (or JSON line).
 *
 * An input whose first non-blank byte is "<" is read as a DfE Common
 * Transfer File (see reader_ctf.c): one row per result (StageAssessment)
 * with the pupil's details, and one for a pupil with no result, under the
 * header upn, surname, forename, dob, sex, fsm, sen, ncyear, stage,
 * locale, year, subject, method, component, status, qualifier, result.
 * A row's line is its element's; malformed XML ends the rows with a bad
 * row that says where.
 *
 * A workbook (.xlsx, .ods or .xls) is found by its content, never its
 * name, whatever the format asked for; its sheet (opts->sheet, or the
 * first worksheet) gives a header and rows as the same table saved as CSV
 * would (see workbook_int.h).  Its rows' file is "FILE:SHEET!" and their
 * line the row's number in the sheet, so that error_where (error.h) says
 * "marks.xlsx:Marks!C7".  Numbers come out in their shortest exact form,
 * date cells as ISO 8601, booleans as TRUE and FALSE; a cell holding an
 * error (#N/A) makes its row bad.  A workbook on stdin is copied to an
 * unlinked temporary file first.
 *
 * Fields are slices of a buffer that is reused from row to row: there is
 * no allocation per field or per row in the steady state.  Every field is
 * followed by a NUL byte in that buffer, so field.ptr[field.len] == '\0'.
 *
 * Ownership: reader_open returns a reader the caller frees with
 * reader_close.  The header stays valid until reader_close; a row's fields
 * stay valid until the next reader_next call.
 */
#ifndef TRACK_READER_H
#define TRACK_READER_H

#include <stddef.h>

#include "base/str.h"
#include "base/error.h"

/* Input formats; TRACK_IN_AUTO looks at the first non-blank byte. */
enum track_in_format {
	TRACK_IN_AUTO = 0,
	TRACK_IN_CSV,
	TRACK_IN_TSV,
	TRACK_IN_JSON,
	TRACK_IN_WORKBOOK,	/* .xlsx, .ods or .xls, found by content */
	TRACK_IN_CTF		/* a DfE Common Transfer File (XML) */
};

/*
 * How CSV lines are split (see record/csv_scan.h): AUTO is the fastest
 * the CPU has (or what the TRACK_CSV_PATH environment variable names:
 * avx2, sse2, swar or libcsv); the others force one, for tests.  LIBCSV
 * reads every line with libcsv, as libcsv_only does.
 */
enum track_csv_path {
	TRACK_CSV_AUTO = 0,
	TRACK_CSV_AVX2,
	TRACK_CSV_SSE2,
	TRACK_CSV_SWAR,
	TRACK_CSV_LIBCSV
};

#define TRACK_DEFAULT_MAX_FIELD ((size_t)16 * 1024 * 1024)
#define TRACK_DEFAULT_MAX_COLUMNS ((size_t)65536)

struct track_reader_opts {
	const char *encoding;		/* NULL means "utf-8"; see input.h */
	enum track_in_format format;
	int delimiter;			/* 0 detects , ; or tab */
	size_t max_field;		/* 0 means the default, 16 MiB */
	size_t max_columns;		/* 0 means the default, 65536 */
	long skip_lines;		/* physical lines skipped before the header */
	int allow_duplicate_header;	/* leave duplicate names to the caller */
	int libcsv_only;		/* tests: no fast path (see reader.c) */
	enum track_csv_path csv_path;	/* tests: the splitter to use */
	const char *sheet;		/* a workbook's sheet, by name or
					   number (1 is the first); NULL
					   means the first worksheet */
	unsigned long long max_entry;	/* tests: a workbook part's largest
					   size; 0 means the default */
	int keep_raw;			/* give rows their raw text (see
					   track_row), for a caller that
					   writes them on */
};

typedef struct track_reader track_reader;

/*
 * One row: `n` fields, the name of the file it came from (as messages
 * print it; valid while its reader is open) and the physical line it
 * starts on.  `raw`, when its ptr is not NULL, is the CSV line the row
 * was read from, without its line end, and exactly what a CSV writer
 * with delimiter `delim` and no guard writes for the fields (so a row
 * passed through is copied, not encoded again: writer_row_src); it is
 * valid as long as the fields.  Only the reader sets it, and only for
 * a line its splitter read whole; anything that builds or rearranges a
 * row leaves it NULL.
 */
typedef struct track_row {
	const track_str *field;
	size_t n;
	long line;
	const char *file;
	track_str raw;
	int delim;
} track_row;

/* What reader_next found. */
enum track_read {
	TRACK_READ_EOF = 0,	/* no more rows */
	TRACK_READ_ROW = 1,	/* a good row */
	TRACK_READ_BAD = 2,	/* a bad row: err says why; row holds what was
				   parsed (for --rejects; a malformed quoted
				   field's row, its first line read leniently;
				   a field over the limit's, nothing); reading
				   goes on */
	TRACK_READ_FATAL = 3	/* an I/O error: err says why; stop */
};

/*
 * Opens `path` ("-" is stdin) and reads its header.  `opts` may be NULL for
 * the defaults.  An empty input is valid and has no columns.  Fails with
 * TRACK_EXIT_IO when the file cannot be read, TRACK_EXIT_USAGE for an
 * unknown encoding, and TRACK_EXIT_DATA for a header that cannot be used
 * (duplicate names, too many columns, a field over the limit, invalid
 * UTF-8, a first JSON line that is not an object).
 */
int reader_open(track_reader **out /* OUT */, const char *path,
    const struct track_reader_opts *opts, track_error *err);

/*
 * For reading a file in parts (-j, lib/cli/jobs.c): reader_splittable
 * says whether r reads a regular file as CSV or TSV in UTF-8 (no
 * --skip-lines, its header read); reader_open_at then opens a reader of
 * r's file `path` from byte `offset`, which must be the start of a line,
 * reading as r does (its delimiter, limits and splitter) under r's
 * header, which it borrows (r must outlive it).  Its lines are counted
 * from 1 at `offset`.  Fails as reader_open.
 */
int reader_splittable(const track_reader *r);

/*
 * The descriptor a splittable reader reads, so that its parts open the
 * very file it has open (/proc/self/fd/N), not whatever has its name now.
 */
int reader_fd(const track_reader *r);
int reader_open_at(track_reader **out /* OUT */, const track_reader *like,
    const char *path, long long offset, track_error *err);

/* The header: *n column names, valid until reader_close. */
const track_str *reader_header(const track_reader *r, size_t *n /* OUT */);

/* Reads the next row into *row; see enum track_read. */
enum track_read reader_next(track_reader *r, track_row *row /* OUT */,
    track_error *err);

/*
 * The sheets of the workbook at `path` ("-" is stdin), in order, chart
 * sheets left out: *names is an array of *n strings that the caller
 * frees with reader_sheets_free.  Fails like reader_open; a file that is
 * not a workbook is TRACK_EXIT_DATA.
 */
int reader_sheets(const char *path, const struct track_reader_opts *opts,
    char ***names /* OUT */, size_t *n /* OUT */, track_error *err);
void reader_sheets_free(char **names, size_t n);

/* The name used in messages ("stdin" for "-"; "FILE:SHEET!" for a
 * workbook's sheet). */
const char *reader_name(const track_reader *r);

/* The input format in use after detection (CSV, TSV, JSON, workbook). */
enum track_in_format reader_format(const track_reader *r);

/* The delimiter in use for CSV and TSV. */
int reader_delimiter(const track_reader *r);

/* The encoding in use after detection. */
const char *reader_encoding(const track_reader *r);

/* Closes the reader.  `r` may be NULL. */
void reader_close(track_reader *r);

#endif
