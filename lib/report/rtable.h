/*
 * rtable.h - a report's table, written as CSV, TSV, an aligned table,
 * Markdown or one JSON document.
 *
 * track-summary and track-matrix build their results as an rtable: named
 * columns, and rows of typed cells.  A cell keeps both faces of a value:
 * CSV and JSON show ids and percentages to one decimal; table and
 * Markdown show labels and whole percentages (SPEC "Percentages", "Order").
 * Percentages are kept as exact fractions and rounded half up only when
 * written.  A suppressed cell is written "c".
 *
 * Ownership: rtable_new returns a table the caller frees with
 * rtable_free.  The table copies every string it is given.
 */
#ifndef TRACK_RTABLE_H
#define TRACK_RTABLE_H

#include <stddef.h>

#include <jansson.h>

#include "base/error.h"
#include "record/writer.h"

typedef struct track_rtable track_rtable;

/* A new, empty table, or NULL when out of memory. */
track_rtable *rtable_new(void);

/*
 * Adds a column with id `id` (the CSV header) and `label` (the table
 * header; NULL means the id).  Returns its index, or -1 when out of memory.
 */
long rtable_col(track_rtable *t, const char *id, const char *label);

/*
 * Adds n columns, cols[i] = { id, label }, as rtable_col does.  Returns 0,
 * or -1 when out of memory; t may be NULL (then -1), so that a new
 * table's columns can be added straight after rtable_new.
 */
int rtable_cols(track_rtable *t, const char *const cols[][2], size_t n);

size_t rtable_ncols(const track_rtable *t);
size_t rtable_nrows(const track_rtable *t);

/*
 * The id of the text in cell (`row`, `col`), "" when the cell is not text;
 * *label is its label, or NULL when it has none of its own (or is not
 * text).  Valid until the table changes.
 */
const char *rtable_cell_text(const track_rtable *t, size_t row, size_t col,
    const char **label);

/* Starts a new row, all cells empty.  Returns 0 or -1 (no memory). */
int rtable_row(track_rtable *t);

/*
 * Setters for a cell of the last row.  Each returns 0, or -1 when out of
 * memory.  `label` NULL means the same as `id`.
 */
int rtable_text(track_rtable *t, size_t col, const char *id,
    const char *label);
int rtable_int(track_rtable *t, size_t col, long long v);
/* A percentage: 100 * num / den, rounded when written.  den > 0. */
int rtable_pct(track_rtable *t, size_t col, long long num, long long den);
/* A decimal shown to one place (a mean, a difference). */
int rtable_dec(track_rtable *t, size_t col, double v);
/*
 * A difference in percentage points, given in tenths (-189 is -18.9):
 * one decimal in CSV and JSON, whole points in table and Markdown.
 */
int rtable_points(track_rtable *t, size_t col, long long tenths);
/* A number written as %.15g in every format (a median, a score). */
int rtable_num(track_rtable *t, size_t col, double v);
/* A suppressed figure: "c". */
int rtable_supp(track_rtable *t, size_t col);
/* A list of names: joined with ";" in text formats, an array in JSON. */
int rtable_list(track_rtable *t, size_t col, const char *const *items,
    size_t n);

/* Nonzero when the cell of row r and column c is empty. */
int rtable_is_empty(const track_rtable *t, size_t r, size_t c);

/*
 * Writes the table to `w` (CSV, TSV, table, Markdown or XLSX: the format
 * the writer was opened with), header first, then ends the table so
 * another may follow.  A workbook (rtable_xlsx.c) is for people, like
 * the table: labels, columns with nothing in them left out; counts and
 * figures are number cells (a percentage as a fraction of 1 shown "0.0%",
 * a mean "0.0", a difference in points "+0.0"), rounded as CSV shows
 * them, and a suppressed figure is the text "c".  Returns 0 or the
 * writer's error.
 */
int rtable_write(const track_rtable *t, track_writer *w, enum track_format fmt,
    track_error *err);

/*
 * Writes the rows of the table as rtable_write would, with no header,
 * for a long CSV or TSV table written a piece at a time (after the first
 * piece's rtable_write).  Only for CSV and TSV.
 */
int rtable_write_rows(const track_rtable *t, track_writer *w,
    enum track_format fmt, track_error *err);

/* Fills piece i of a long table; NULL when out of memory. */
typedef track_rtable *(*rtable_piece_fn)(void *ctx, size_t i);

/*
 * Writes a long CSV or TSV table made in n pieces (n > 0), each a table
 * with the same columns, the header with the first: the pieces are
 * filled on `threads` threads (see base/ahead.h) and written in order
 * on the caller's.  `fill` must be safe to run on several threads at
 * once.  Only for CSV and TSV.  Returns 0 or the writer's error (err
 * filled; out of memory is TRACK_EXIT_IO).
 */
int rtable_write_pieces(track_writer *w, enum track_format fmt, size_t n,
    unsigned threads, rtable_piece_fn fill, void *ctx, track_error *err);

/*
 * Returns the rows as a JSON array of objects (column id -> value: numbers
 * for counts and figures, "c" for suppressed ones, null for empty cells,
 * arrays for lists), with "<col>_label" beside every text cell whose label
 * differs from its id.  NULL when out of memory.  The caller owns it.
 */
json_t *rtable_json(const track_rtable *t);

/*
 * Adds "columns" ([{"id", "label"}]) and "rows" (rtable_json) to `meta`,
 * a report's JSON object.  Returns 0, or -1 when out of memory.
 */
int rtable_document(const track_rtable *t, json_t *meta);

/* Writes a JSON value on one line, then a newline. */
int rtable_json_write(json_t *doc, track_writer *w, track_error *err);

/* Rounds 100 * num / den half up to `tenths` ? tenths : units. */
long long rtable_round_pct(long long num, long long den, int tenths);

/* Frees the table.  `t` may be NULL. */
void rtable_free(track_rtable *t);

#endif
