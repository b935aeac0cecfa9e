/*
 * summary.h - attainment overviews and summary tables (track-summary).
 *
 * A summary reads records and keeps one small entry per record identity
 * it needs (pupil, subject, measure, point): the band, the value and the
 * pupil's group values.  A later record with the same identity replaces
 * the earlier one.  Rows themselves are never kept.
 *
 * At the end the entries are counted into cells, one per (subject,
 * measure, point, group values), with combined subjects, the roll and
 * prior attainment applied.  Cells are what --partial writes and --merge
 * adds up: every figure in the final table is worked out from the cells
 * alone, so a merge of partials from a split by pupil gives exactly the
 * table a single pass gives.
 *
 * Ownership: summary_new returns a summary the caller frees with
 * summary_free.  It borrows the scheme and the options' strings, which
 * must outlive it.  Tables and JSON handed out belong to the caller.
 */
#ifndef TRACK_SUMMARY_H
#define TRACK_SUMMARY_H

#include <stddef.h>

#include <jansson.h>

#include "base/str.h"
#include "base/error.h"
#include "rtable.h"
#include "scheme/scheme.h"
#include "record/reader.h"
#include "record/writer.h"

typedef struct track_summary track_summary;

struct summary_opts {
	const char *point;	/* --point P, or NULL for the latest */
	int over;		/* --over point: every point */
	const char *by;		/* --by COLS, comma-separated, or NULL */
	int pupils;		/* --pupils: names behind every count */
	const char *const *combine;	/* --combine NAME=PART+PART... */
	size_t ncombine;
	int min_group;		/* --min-group N, or -1 for the scheme's */
	const char *benchmark;	/* --benchmark NAME */
	const char *gap;	/* --gap COL=A:B */
	const char *across;	/* --across FIELD */
	int totals;		/* --totals: an "All pupils" row */
	int objectives;		/* --objectives: coverage instead */
	int partial;		/* --partial: cells keep the privacy columns
				   (see summary_bind) for the merge */
	int merge;		/* --merge: --by and --combine come from the
				   partials, so --gap and --across are
				   checked against them later */
	const char *roll;	/* --roll FILE (see summary_roll_bind) */
	const char *title;	/* --title TEXT: the table's heading, carried
				   in the JSON ("title") for track-report */
};

/*
 * The options a program takes that do not go together, whatever the
 * scheme: --point with --over, --partial with --merge, --objectives or
 * --across, --merge with what the partials give.  Returns 0 or
 * TRACK_EXIT_USAGE with err saying which.
 */
int summary_check_opts(const struct summary_opts *o, track_error *err);

/*
 * Checks the options against the scheme and makes a summary.  Fails with
 * TRACK_EXIT_USAGE (err says which option and why: an unknown subject in
 * --combine, a benchmark the scheme lacks, a bad --gap, ...) or
 * TRACK_EXIT_IO when out of memory.
 */
int summary_new(track_summary **out /* OUT */, const track_scheme *s,
    const struct summary_opts *o, track_error *err);

/*
 * Binds the record stream's header.  Fails with TRACK_EXIT_DATA when a
 * required column is missing, TRACK_EXIT_USAGE when a --by column is not
 * in the input.
 */
int summary_bind(track_summary *m, const track_str *hdr, size_t n,
    track_error *err);

/*
 * Adds one record.  Returns 0, TRACK_EXIT_DATA when it is bad (err->text
 * says why; the caller adds the position) or TRACK_EXIT_IO.
 */
int summary_row(track_summary *m, const track_str *row, track_error *err);

/*
 * --roll: binds the roll file's header (it needs a pupil column; --by
 * columns it has give the groups of pupils without a value), then adds
 * its rows.  Call both before the first summary_row.
 */
int summary_roll_bind(track_summary *m, const track_str *hdr, size_t n,
    track_error *err);
int summary_roll_row(track_summary *m, const track_str *row,
    track_error *err);

/* How many records were left out because their pupil is not on the roll. */
unsigned long long summary_off_roll(const track_summary *m);

/*
 * --partial: writes the cells as JSON Lines, a header object first.
 * Returns 0 or an error.
 */
int summary_partial(track_summary *m, track_writer *w, track_error *err);

/* Called with each bad line of a partial (err has its file and line). */
typedef void summary_bad_fn(void *ctx, const track_error *err);

/*
 * --merge: adds the cells of one partial file (`path`, "-" for stdin).
 * A partial is checked like any input: each line that is not a partial
 * line, or has counts that are not whole numbers from 0 to 2^40 (or that
 * overflow once added up), scores off the scale, or names that do not
 * match its counts, is passed to bad(ctx, ...) with its file and line and
 * left out, and the good lines are still merged; then the call returns
 * TRACK_EXIT_DATA.  A partial made with other options than the first (or
 * another scheme or bands than the merge's) fails with TRACK_EXIT_USAGE,
 * err naming the difference; one that cannot be read with TRACK_EXIT_IO.
 * `bad` may be NULL: then the first bad line ends the call.
 */
int summary_merge(track_summary *m, const char *path, summary_bad_fn *bad,
    void *ctx, track_error *err);

/*
 * --merge: summary_merge for each of the n files (stdin when n is 0).
 * An empty file, most often a part that failed, is passed to bad(ctx,
 * ...) as a warning: err->kind TRACK_EXIT_OK, err->text the message.
 * Returns 0, TRACK_EXIT_DATA when some lines were bad (each was passed
 * to bad), or the first other failure with err filled.
 */
int summary_merge_files(track_summary *m, char *const *files, size_t n,
    summary_bad_fn *bad, void *ctx, track_error *err);

/*
 * Builds the final table.  *meta gets a JSON object describing it (report
 * kind, scheme, points, by, bands, suppression, benchmark) for -F json.
 */
int summary_table(track_summary *m, track_rtable **out /* OUT */,
    json_t **meta /* OUT */, track_error *err);

/*
 * Writes the points the input had, in scheme order and comma-separated,
 * into `out` (for "no records at point ..." messages).  Returns 0 or -1.
 */
int summary_points_seen(const track_summary *m, char *out /* OUT */,
    size_t outsz);

/*
 * After summary_table: a warning for the user, or NULL: rows that a
 * benchmark with figures for year groups was not compared with, because
 * they mix year groups or have none (their benchmark is blank).  Borrowed
 * from m until summary_free.
 */
const char *summary_warning(const track_summary *m);

/*
 * After summary_table: TRACK_EXIT_DATA when --point was given and the
 * report shows nothing although the input had records at other points
 * (err says which points it had, for a message), else 0.
 */
int summary_check(const track_summary *m, track_error *err);

/* How many cells (or objective judgements) the report will show. */
size_t summary_rows_shown(const track_summary *m);

/*
 * Writes a table that summary_table made (t and its meta) to w in fmt:
 * for JSON one document (rtable_document) for track-report; an aligned
 * or Markdown table with, when it hides groups, the note that says why
 * (suppress_note) under it, and with --title the title above it (a
 * "## " heading in Markdown); CSV as a plain table; a workbook with the
 * report's title above the table and the note under it.  Returns 0 or an exit
 * status with err filled.
 */
int summary_write(track_rtable *t, json_t *meta, track_writer *w,
    enum track_format fmt, track_error *err);

/*
 * Adaptors for a record reading loop whose context is the summary (`m`):
 * summary_on_header calls summary_bind, summary_on_row summary_row, and
 * the roll's two summary_roll_bind and summary_roll_row.
 */
int summary_on_header(void *m, const track_str *hdr, size_t n,
    track_error *err);
int summary_on_row(void *m, const track_row *row, track_error *err);
int summary_on_roll_header(void *m, const track_str *hdr, size_t n,
    track_error *err);
int summary_on_roll_row(void *m, const track_row *row, track_error *err);

/* Frees the summary.  `m` may be NULL. */
void summary_free(track_summary *m);

#endif
