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
 * Inputs that can be read twice (regular files) need not be held: a first
 * pass (assess_latest_pass_begin, _header, _row, _end) reads them
 * quietly and keeps a fingerprint of each record's identity (32 bits and
 * the record's number, 8 bytes in a table at most 80% full, sized from
 * the files' size), marking those met more than once, and then frees the
 * table but for one bit a record; for those alone it keeps the
 * identity's bytes and its last record.  Handed the plan
 * (assess_latest_stream), the holder then writes each record as the
 * second pass reads it, when it is the last of its identity, with the
 * same warnings.  Two identities with the
 * same fingerprint are told apart by their bytes, so a fingerprint
 * collision costs memory, never a record: only an identity's first record
 * goes unchecked in the first pass, and the second pass checks it.
 *
 * Ownership: assess_latest_new returns a holder the caller frees with
 * assess_latest_free.  It borrows the deriver and the writer, which must
 * outlive it, and the file names given to assess_latest_add until the
 * last of them (they are used for warnings only).  A first pass leaves a
 * plan freed with assess_latest_plan_free, unless handed to a holder,
 * which then owns it, and an assessor the caller frees.
 */
#ifndef TRACK_LATEST_H
#define TRACK_LATEST_H

#include "base/error.h"
#include "base/str.h"
#include "record/reader.h"
#include "record/writer.h"
#include "assess.h"
#include "derive.h"

typedef struct track_latest track_latest;
typedef struct track_latest_plan track_latest_plan;

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
 * Holds the output row of observation `o`, read as input row `row` (from
 * its line of its file), in place of any earlier record with the same
 * identity (warning of it).  Fails with TRACK_EXIT_IO (out of memory).
 */
int assess_latest_add(track_latest *l, const struct track_obs *o,
    const track_row *row, track_error *err);

/*
 * Writes the held rows that won their identity, in input order.  Fails
 * with TRACK_EXIT_IO, err filled (see writer_broken_pipe for a closed
 * pipe).
 */
int assess_latest_write(track_latest *l, track_error *err);

/*
 * The first pass over inputs read twice, fed row by row in file order:
 * a program reads them with cli_read_quiet (which prints nothing and
 * passes bad rows over), assess_latest_pass_header and _row its
 * callbacks and the pass their context.  The caller sets s, flags
 * (assess_new's) and hashbits (1 to 32, 0 meaning 32: the bits of each
 * fingerprint kept; tests use few, for collisions).
 *
 * assess_latest_pass_begin makes lp->plan for `files` (n of them), sized
 * from their size, or leaves it NULL when there are none or one is not a
 * regular file (stdin, a pipe): then there is no first pass, and the
 * rows are held.  The header binds lp->a, which the second pass goes on
 * with, so that ids agree; each good row's identity goes into the plan.
 * assess_latest_pass_end, given the reading's status, ends the pass:
 * when the reading stopped short (a header the assessor refuses, a
 * failed read) or saw no header, the plan and the assessor are freed and
 * NULL, and the second reading, holding rows, says why.  Each returns 0,
 * or TRACK_EXIT_IO when out of memory (lp->oom), which is not said.
 */
struct track_latest_pass {
	const track_scheme *s;
	unsigned flags, hashbits;
	track_latest_plan *plan;	/* OUT */
	track_assess *a;		/* OUT */
	int oom;
};

int assess_latest_pass_begin(struct track_latest_pass *lp,
    char *const *files, size_t n);
int assess_latest_pass_header(void *lp, const track_str *h, size_t n,
    track_error *err);
int assess_latest_pass_row(void *lp, const track_row *row,
    track_error *err);
int assess_latest_pass_end(struct track_latest_pass *lp, int status);

/*
 * Hands plan `p` (its first pass read the same input, through the same
 * assessor) to holder `l`, which owns it from now on: each record given
 * to assess_latest_add is then written at once, if it is the last of its
 * identity, and assess_latest_write writes what is left.  A record that
 * the plan does not know (the input changed between the passes) fails
 * with TRACK_EXIT_IO.
 */
void assess_latest_stream(track_latest *l, track_latest_plan *p);

/* Frees a plan.  `p` may be NULL. */
void assess_latest_plan_free(track_latest_plan *p);

/* Frees the holder.  `l` may be NULL. */
void assess_latest_free(track_latest *l);

#endif
