/*
 * writer.h - records out as CSV, TSV, JSON Lines, an aligned table or
 * Markdown.
 *
 * CSV is written with minimal RFC 4180 quoting (a field is quoted only when
 * it holds the delimiter, a quote, CR or LF) and LF line ends.  With
 * WRITER_GUARD, a text cell that starts with =, +, -, @, tab or CR gets a
 * leading ' so a spreadsheet does not run it as a formula; numbers are left
 * alone.  JSON Lines writes one object a line with every value a string.
 * The table and Markdown formats hold all rows until writer_finish, since
 * the column widths depend on every row; the others stream.
 *
 * All output is buffered and written to a file descriptor.  A failed write
 * (a full disk, a closed pipe) is an error: see writer_broken_pipe.  With
 * WRITER_BOM, CSV and TSV start with a UTF-8 byte order mark (for Excel).
 *
 * XLSX is a workbook written by libxlsxwriter to a file named by path
 * (writer_open_xlsx), never to a descriptor: a frozen, bold header row,
 * a field that is a plain decimal number as a number and everything else
 * as text (never a formula, so WRITER_GUARD is not needed), column widths
 * from the first rows, and text between tables (titles, notes) a line a
 * row in column A.  Rows stream (libxlsxwriter's constant_memory mode);
 * past the last row of a sheet they go on on a new sheet, under the
 * header again.  writer_cells writes typed cells (a report's table), and
 * writer_workbook gives higher layers the workbook itself (the template's
 * dropdowns and protection).
 *
 * Ownership: writer_open returns a writer the caller frees with
 * writer_free; the writer copies what it needs from every call's
 * arguments, and never closes the descriptor.
 */
#ifndef TRACK_WRITER_H
#define TRACK_WRITER_H

#include <stddef.h>

#include "base/str.h"
#include "base/buf.h"
#include "base/error.h"
#include "reader.h"

enum track_format {
	TRACK_FMT_CSV = 0,
	TRACK_FMT_TSV,
	TRACK_FMT_JSON,
	TRACK_FMT_TABLE,
	TRACK_FMT_MARKDOWN,
	TRACK_FMT_HTML,
	TRACK_FMT_XLSX
};

#define WRITER_GUARD 1u		/* guard spreadsheet formulas in CSV/TSV */
#define WRITER_BOM 2u		/* a UTF-8 byte order mark on CSV/TSV */

typedef struct track_writer track_writer;

/*
 * Parses a format name ("csv", "tsv", "json", "table", "markdown", "md",
 * "html", "xlsx") into *fmt.  Returns 0, or -1 for an unknown name.
 */
int writer_format_parse(const char *name, enum track_format *fmt /* OUT */);

/*
 * Opens a writer on descriptor `fd`.  HTML is not a record format, and
 * XLSX needs a file name (writer_open_xlsx); asking for either fails with
 * TRACK_EXIT_USAGE.
 */
int writer_open(track_writer **out /* OUT */, int fd, enum track_format fmt,
    unsigned flags, track_error *err);

/*
 * Opens an XLSX writer that writes the workbook to `path` (created or
 * truncated) at writer_finish; nothing is written before.  Fails with
 * TRACK_EXIT_IO (out of memory, no temporary file for libxlsxwriter).
 */
int writer_open_xlsx(track_writer **out /* OUT */, const char *path,
    unsigned flags, track_error *err);

/*
 * A typed cell for writer_cells: a number `x` shown with Excel number
 * format `numfmt` ("0.0%", "0.0"; NULL for General), or text.
 */
struct writer_cell {
	int number;		/* nonzero: the cell is x, else text */
	double x;
	const char *numfmt;	/* borrowed for the call */
	track_str text;
};

/*
 * XLSX only: writes one row of `n` typed cells under the header, as
 * writer_row writes text.  Fails with TRACK_EXIT_IO, or TRACK_EXIT_DATA
 * for a text too long for a cell (32,767 bytes) before writing any.
 */
int writer_cells(track_writer *w, const struct writer_cell *c, size_t n,
    track_error *err);

/*
 * XLSX only: the workbook being written (libxlsxwriter's lxw_workbook),
 * for a caller that lays out sheets of its own; the writer still closes
 * it at writer_finish.  Valid until writer_free.  NULL for other formats.
 */
struct lxw_workbook;
struct lxw_workbook *writer_workbook(track_writer *w);

/* Writes the header: `n` column names.  Call it once, before any row. */
int writer_header(track_writer *w, const track_str *names, size_t n,
    track_error *err);

/*
 * Writes one row of `n` fields.  In CSV and TSV `n` may differ from the
 * header's count (rejected rows are written as they were); the other
 * formats pad with empty fields or drop the extra ones.  XLSX fails with
 * TRACK_EXIT_DATA for a field too long for a cell, writing nothing of
 * the row.
 */
int writer_row(track_writer *w, const track_str *fields, size_t n,
    track_error *err);

/*
 * Nonzero when the writer's rows can be encoded ahead with writer_encode:
 * CSV and TSV, whose rows stand alone.
 */
int writer_encodes(const track_writer *w);

/*
 * Appends row `fields` (n of them) to `out`, byte for byte as writer_row
 * would write it, for a caller that holds rows and writes some of them
 * later with writer_text.  Only when writer_encodes(w).  Returns 0, or -1
 * when out of memory.
 */
int writer_encode(const track_writer *w, const track_str *fields, size_t n,
    track_buf *out);

/*
 * writer_row and writer_encode for an output row that begins with the
 * fields of row `src`, as read: when fields[0..src->n) are src's own
 * (the same slices) and src's raw text is how this writer would write
 * them (CSV or TSV with src's delimiter, no guard), that text is copied
 * and only the fields after are encoded.  The output is byte for byte
 * writer_row's (writer_encode's) either way.
 */
int writer_row_src(track_writer *w, const track_str *fields, size_t n,
    const track_row *src, track_error *err);
int writer_encode_src(const track_writer *w, const track_str *fields,
    size_t n, const track_row *src, track_buf *out);

/*
 * Writes `n` bytes as they are (a report's JSON document, a title between
 * tables).  Held table rows are not rendered first: see writer_table_end.
 */
int writer_text(track_writer *w, const char *p, size_t n, track_error *err);

/*
 * Ends one table: renders the held rows (table, Markdown) and forgets the
 * header, so that another writer_header may follow on the same output.
 */
int writer_table_end(track_writer *w, track_error *err);

/* Renders held rows (table, Markdown) and flushes.  Returns 0 or an error. */
int writer_finish(track_writer *w, track_error *err);

/* Nonzero when a write failed because the reader went away (EPIPE). */
int writer_broken_pipe(const track_writer *w);

/* Frees the writer without flushing.  `w` may be NULL. */
void writer_free(track_writer *w);

#endif
