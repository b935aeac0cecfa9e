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
	size_t npupils;		/* how many of them are pupil pages */
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
 * Pupil pages (report_pupil.c).  report_pupil_add adds a pupil document
 * (or, with --parents, refuses any other) as one of r's documents: its
 * compact text under "json", cut down for a parent.  report_pupil_page
 * writes one such document as a page of a pack; report_pupil_pages writes
 * the whole output when the documents are all pupil pages (or --parents).
 * report_pupil_css is the pages' style, for a pack's <style>.
 */
int report_pupil_add(track_report *r, json_t *doc, track_error *err);
int report_pupil_page(const track_report *r, json_t *item, track_writer *w,
    int md, track_error *err);
int report_pupil_pages(const track_report *r, track_writer *w, int md,
    track_error *err);
extern const char report_pupil_css[];

#endif
