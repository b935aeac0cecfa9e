/*
 * matrix.h - progress matrices (track-matrix).
 *
 * A matrix pairs each pupil's value on one side (--from) with their value
 * on the other (--to) and counts the pairs: rows are the earlier values,
 * columns the later, in the scale's order.  A selector is
 * field=value[,field=value]: point, subject and measure are matched as
 * the scheme spells them, any other column on its trimmed text.  A
 * selector without measure means measure=ta; a subject or point named on
 * one side only applies to both.  Each subject gets its own matrix unless
 * a selector names subjects; when neither names a point, pairs are made
 * at one point (--point, or the latest point of the --from side).
 *
 * Suppression: with a threshold above 1 (--min-group, else the scheme's
 * privacy setting), a matrix with fewer pupils than it on either side,
 * paired, or in all is suppressed whole: every figure "c", and no rows
 * or columns, since which codes occur would say too much.  Its totals
 * are a whole-school figure (of whatever records it was given), which
 * the summary hides only when that is small too.
 *
 * Out-of-year values have their own rows and columns ("Y3 EXS"); pupils
 * found on one side only are counted as "no earlier" or "no later"
 * (unless --stable).  Movement compares codes on a shared scale, bins
 * with --bins, and bands otherwise.
 *
 * Memory: one small entry per pupil, subject and side (and point when the
 * point is not fixed).
 *
 * Ownership: matrix_new returns a matrix the caller frees with
 * matrix_free; it borrows the scheme and the options' strings.
 */
#ifndef TRACK_MATRIX_H
#define TRACK_MATRIX_H

#include <stddef.h>

#include <jansson.h>

#include "base/str.h"
#include "base/error.h"
#include "rtable.h"
#include "scheme/scheme.h"
#include "record/writer.h"

typedef struct track_matrix track_matrix;

struct matrix_opts {
	const char *from, *to;	/* selectors */
	const char *point;	/* --point, when no selector names one */
	const char *bins;	/* --bins E1,E2,...: score bin edges */
	int pupils;		/* --pupils: names in every cell */
	int stable;		/* --stable: only pupils on both sides */
	int min_group;		/* --min-group N, or -1 for the scheme's */
	const char *title;	/* --title TEXT: the heading, or NULL */
};

/* Parses the options.  TRACK_EXIT_USAGE with err filled when bad. */
int matrix_new(track_matrix **out /* OUT */, const track_scheme *s,
    const struct matrix_opts *o, track_error *err);

/* Binds the record header (TRACK_EXIT_USAGE: a selector column absent). */
int matrix_bind(track_matrix *m, const track_str *hdr, size_t n,
    track_error *err);

/* Adds one record: 0, TRACK_EXIT_DATA (err->text) or TRACK_EXIT_IO. */
int matrix_row(track_matrix *m, const track_str *row, track_error *err);

/*
 * The long table: subject, from, to, n (and pupils), with rows "total"
 * for the totals and from "moved" to up, same or down for movement.
 * *meta describes the report for -F json (with the grids in
 * "matrices", and --title in "title").
 */
int matrix_table(track_matrix *m, track_rtable **out /* OUT */,
    json_t **meta /* OUT */, track_error *err);

/*
 * Draws each matrix as a grid (table or Markdown) on `w`, under the
 * --title when there is one (a "## " heading in Markdown).
 */
int matrix_grids(track_matrix *m, track_writer *w, enum track_format fmt,
    track_error *err);

/*
 * After the records: TRACK_EXIT_DATA (err says which selector, and the
 * points the input has) when a side that names a point matched nothing,
 * which is most often a misspelt point.
 */
int matrix_check(const track_matrix *m, track_error *err);

void matrix_free(track_matrix *m);

#endif
