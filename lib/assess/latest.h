/*
 * latest.h - last record wins: track-assess's output rows, held so that
 * of the records with the same identity (pupil, subject, measure, point
 * and objective) only the last one read is written.
 *
 * Each record is handed in as it is read (assess_latest_add), with where
 * it was read from.  One that supersedes an earlier record is a warning,
 * such as `dup.csv:4: supersedes dup.csv:2 (same pupil P01, subject,
 * measure and point)`, handed to the caller's warning function as it
 * happens (the library never prints).  At the end assess_latest_write
 * writes the rows that won, in input order, with the deriver's columns.
 *
 * Memory: a held row costs little more than its output bytes: with a
 * writer that encodes rows ahead (CSV, TSV) it is held encoded, else as
 * its fields, each after its length.
 *
 * Ownership: assess_latest_new returns a holder the caller frees with
 * assess_latest_free.  It borrows the deriver and the writer, which must
 * outlive it, and the file names given to assess_latest_add until the
 * last of them (they are used for warnings only).
 */
#ifndef TRACK_LATEST_H
#define TRACK_LATEST_H

#include "base/error.h"
#include "base/str.h"
#include "record/writer.h"
#include "assess.h"
#include "derive.h"

typedef struct track_latest track_latest;

/* Takes one warning, a complete message (`ctx` is the caller's). */
typedef void (*assess_latest_warn_fn)(void *ctx, const char *msg);

/*
 * Makes a holder of rows for writer `w`, derived by `d`; warnings go to
 * warn(ctx, message).  Fails with TRACK_EXIT_IO (out of memory).
 */
int assess_latest_new(track_latest **out /* OUT */, track_derive *d,
    track_writer *w, assess_latest_warn_fn warn, void *ctx,
    track_error *err);

/*
 * Tells the holder the input's header: when it has the columns `source`
 * and `source_line` (track-import --provenance), a record's warning names
 * the export and line it was imported from instead of where it was read.
 */
void assess_latest_provenance(track_latest *l, const track_str *hdr,
    size_t n);

/*
 * Holds the output row of observation `o`, read as input row `row` from
 * line `line` of `file`, in place of any earlier record with the same
 * identity (warning of it).  Fails with TRACK_EXIT_IO (out of memory).
 */
int assess_latest_add(track_latest *l, const struct track_obs *o,
    const track_str *row, const char *file, long line, track_error *err);

/*
 * Writes the held rows that won their identity, in input order.  Fails
 * with TRACK_EXIT_IO, err filled (see writer_broken_pipe for a closed
 * pipe).
 */
int assess_latest_write(track_latest *l, track_error *err);

/* Frees the holder.  `l` may be NULL. */
void assess_latest_free(track_latest *l);

#endif
