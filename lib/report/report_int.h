/*
 * report_int.h - what report.c shares with report_xlsx.c and
 * report_chart.c: the pack itself, the helpers that read the documents
 * and those that write the page.  Private to lib/report.
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

/* Where a page goes, and whether writing has failed (report.c). */
struct out {
	track_writer *w;
	track_error *err;
	int rc;			/* the first failure; nothing is written after */
	int md;			/* Markdown, not HTML */
	int parents;		/* a pupil page for a parent (report_pupil.c) */
};

/* Writes s as it is (markup). */
void report_put(struct out *o, const char *s);

/*
 * Writes an HTML page's start, up to and including its <style> tag:
 * the title, with an em dash and the school when there is one, escaped.
 */
void report_html_head(struct out *o, const char *title,
    const char *school);

/* Writes formatted markup; a long text is never cut. */
void report_putf(struct out *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Writes text from the data: HTML-escaped, or for Markdown with the
 * characters that would make markup (and line breaks) made harmless.
 */
void report_text(struct out *o, const char *s);

/* Writes a summary cell as the tables show it ("76%", "c", "+3"). */
void report_cell_text(struct out *o, json_t *doc, json_t *row,
    const char *col);

/*
 * Writes a summary row's label: subject, measure (unless teacher
 * assessment), the point (when `point` and the document has several)
 * and the row's groups.
 */
void report_row_label(struct out *o, json_t *doc, json_t *row, int point);

/*
 * Nonzero for a summary document over several points whose figures
 * follow a group from point to point: --over point (a row per point) or
 * --across point (a column per point).
 */
int report_over_points(json_t *doc);

/*
 * report_chart.c: draws a summary document's chart, if it has one, as
 * inline SVG with every figure printed beside its bar: over points
 * (report_over_points), small multiples of bars, one per group and a bar
 * per point; a --gap, paired bars per row with the gap.  A suppressed
 * figure gets no bar, only its "c".  Returns 1 when it drew a chart, 0
 * when the document has none.  HTML only.
 */
int report_chart(struct out *o, json_t *doc);

/*
 * The colour of band i whose standard is band s, in the pack's palette
 * (Okabe-Ito, which colour-blind readers can tell apart), the same in the
 * pack, its charts and a pupil's page.
 */
const char *report_band_colour(size_t i, size_t s);

/*
 * Said under a summary whose benchmark has a "note" (track-summary left
 * rows blank because its figures are for year groups).
 */
#define REPORT_BENCH_YEARS_NOTE "Its figures are for year groups: a row " \
    "of several year groups, or of none, is left blank, not compared."

/*
 * Zero when doc[key] is absent or an array of objects that each have a
 * text "id" (and, with `label`, a text "label"): what the writers rely
 * on, checked once when a document is added so that they need not.
 */
int report_list_ok(json_t *doc, const char *key, int label);

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

/*
 * A matrix document's heading: its "title" (track-matrix --title), or
 * "Progress".  Borrowed from doc.
 */
const char *report_matrix_title(json_t *doc);

#endif
