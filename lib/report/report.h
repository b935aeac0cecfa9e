/*
 * report.h - the governors' pack: report documents rendered as one HTML
 * page, as Markdown or as a workbook (track-report).
 *
 * A pack is made from the JSON documents that track-summary and
 * track-matrix write with -F json, in the order given.  Overviews become
 * stacked bars with their table, other summaries tables, matrices shaded
 * grids.  The HTML is self-contained: inline CSS and SVG, no scripts, no
 * fonts and nothing fetched, so it can be mailed or printed (to A4).
 * Every string from the data is escaped.  Colours come from a palette
 * that colour-blind readers can tell apart, and no figure is shown by
 * colour alone: every bar segment and grid cell carries its number.
 *
 * Ownership: report_new returns a pack the caller frees with
 * report_free.  report_add takes a reference to the document it is given
 * (the caller keeps its own).
 */
#ifndef TRACK_REPORT_H
#define TRACK_REPORT_H

#include <jansson.h>

#include "base/error.h"
#include "record/writer.h"

typedef struct track_report track_report;

struct report_opts {
	const char *title;	/* NULL: "Governors' pack" */
	const char *school;	/* NULL: none */
	const char *date;	/* the date of the data, as given; NULL: none */
	int parents;		/* pupil pages for a parent, nothing else */
	const char *parents_groups;	/* with parents: the group columns
					   shown, comma-separated; NULL: none */
	int workbook;		/* for report_xlsx: pupil pages refused */
};

/* A new, empty pack, or NULL when out of memory. */
track_report *report_new(const struct report_opts *o);

/*
 * Adds one document.  Fails with TRACK_EXIT_DATA when it is not a report
 * of track-summary, track-matrix or track-pupil (err says why), when it
 * is a pupil's and o.workbook is set, or when it is not a pupil's and
 * o.parents is set.
 */
int report_add(track_report *r, json_t *doc, track_error *err);

/* How many documents the pack holds. */
size_t report_count(const track_report *r);

/* Writes the pack as one HTML page. */
int report_html(const track_report *r, track_writer *w, track_error *err);

/* Writes the pack as Markdown. */
int report_markdown(const track_report *r, track_writer *w,
    track_error *err);

/*
 * Writes the pack as a workbook on XLSX writer `w` (writer_open_xlsx): a
 * sheet "Contents" (the title, school, date and a line per document
 * naming its sheet), then a sheet per document, named from its title
 * (unique, and valid for Excel).  A summary's sheet holds its title, the
 * table under a bold frozen header with numbers as numbers, percentages
 * as fractions of 1 shown "0.0%" and suppressed figures as the text "c",
 * and the note; a matrix's sheet each grid as a block under its title.
 * Fails with TRACK_EXIT_IO, or TRACK_EXIT_DATA for a text too long for a
 * cell.
 */
int report_xlsx(const track_report *r, track_writer *w, track_error *err);

void report_free(track_report *r);

/*
 * The heading of a summary's JSON document as plain text: its "title"
 * (track-summary --title) when it has one, else one made from what it
 * reports ("Summary by Pupil premium: Summer 2025-26"), for the pack and
 * a workbook's title.
 * Returns a new string the caller frees, or NULL when out of memory.
 */
char *report_summary_title(json_t *doc);

#endif
