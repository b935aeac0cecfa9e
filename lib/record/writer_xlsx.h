/*
 * writer_xlsx.h - private to lib/record: the XLSX half of the writer
 * (writer.c hands every call for a workbook to these), on libxlsxwriter.
 *
 * What the workbook looks like is described in writer.h.  Ownership:
 * writer_xlsx_open returns a state that writer_xlsx_free frees (closing
 * the workbook without writing it unless writer_xlsx_finish did); it
 * copies what it keeps of every call's arguments.
 */
#ifndef TRACK_WRITER_XLSX_H
#define TRACK_WRITER_XLSX_H

#include <stddef.h>

#include "base/error.h"
#include "base/str.h"
#include "writer.h"

struct writer_xlsx;

/* Rows of a table whose values set the column widths. */
#define WRITER_XLSX_SAMPLE 1000
/* The widest a column is made, in characters. */
#define WRITER_XLSX_WIDTH_MAX 60

int writer_xlsx_open(struct writer_xlsx **out /* OUT */, const char *path,
    track_error *err);
int writer_xlsx_header(struct writer_xlsx *x, const track_str *names,
    size_t n, track_error *err);
int writer_xlsx_row(struct writer_xlsx *x, const track_str *f, size_t n,
    track_error *err);
int writer_xlsx_cells(struct writer_xlsx *x, const struct writer_cell *c,
    size_t n, track_error *err);
int writer_xlsx_text(struct writer_xlsx *x, const char *p, size_t n,
    track_error *err);
int writer_xlsx_table_end(struct writer_xlsx *x, track_error *err);
/* Writes the workbook to its file. */
int writer_xlsx_finish(struct writer_xlsx *x, track_error *err);
struct lxw_workbook *writer_xlsx_book(struct writer_xlsx *x);
void writer_xlsx_free(struct writer_xlsx *x);

/*
 * Nonzero when `s` is a plain decimal number that reads back as the same
 * text: an optional '-', no leading zero but a lone one before the point,
 * no trailing zero after it, at most 15 digits (what a double holds
 * exactly), not "-0".  Then *x (OUT) is its value.  "007", "1.50", "1e3"
 * and "+1" are text.
 */
int writer_xlsx_number(track_str s, double *x /* OUT */);

#endif
