/*
 * report_int.h - what report.c shares with report_xlsx.c: the pack itself
 * and the helpers that read the documents.  Private to lib/report.
 */
#ifndef TRACK_REPORT_INT_H
#define TRACK_REPORT_INT_H

#include <jansson.h>

#include "report.h"

struct track_report {
	struct report_opts o;
	json_t *docs;		/* array of the documents, in order */
};

/* A text cell's label ("<col>_label", col of any length), or its id. */
const char *report_label_of(json_t *row, const char *col);

/*
 * The exact percentage (0..100) of summary cell `col` ("pct_...") into
 * *out when the row's counts are there; returns 0, or -1 when they are
 * not (use the figure as given).
 */
int report_exact_pct(json_t *doc, json_t *row, const char *col,
    double *out);

/* Nonzero when a summary row's figures are suppressed. */
int report_suppressed(json_t *row);

/* Nonzero when no row has anything in column `col`. */
int report_empty_col(json_t *rows, const char *col);

/*
 * A matrix grid's heading as plain text ("Reading: Autumn 2025-26 to
 * Summer 2025-26"), a new string the caller frees; NULL when out of
 * memory.
 */
char *report_grid_title(json_t *doc, json_t *g);

/*
 * A matrix document's heading: its "title" (track-matrix --title), or
 * "Progress".  Borrowed from doc.
 */
const char *report_matrix_title(json_t *doc);

#endif
