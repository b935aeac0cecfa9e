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
 * pass (assess_latest_plan) reads them quietly and keeps a fingerprint of
 * each record's identity (32 bits and the record's number, 8 bytes in a
 * table at most 80% full, sized from the files' size), marking those met
 * more than once, and then frees the table but for one bit a record; for those alone it keeps the identity's bytes
 * and its last record.  Handed the plan (assess_latest_stream), the holder
 * then writes each record as the second pass reads it, when it is the
 * last of its identity, with the same warnings.  Two identities with the
 * same fingerprint are told apart by their bytes, so a fingerprint
 * collision costs memory, never a record: only an identity's first record
 * goes unchecked in the first pass, and the second pass checks it.
 *
 * Ownership: assess_latest_new returns a holder the caller frees with
 * assess_latest_free.  It borrows the deriver and the writer, which must
 * outlive it, and the file names given to assess_latest_add until the
 * last of them (they are used for warnings only).  assess_latest_plan
 * returns a plan freed with assess_latest_plan_free, unless handed to a
 * holder, which then owns it, and an assessor the caller frees.
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

/*
 * The first pass over `files` (n of them, every one a regular file, else
 * there is no plan): reads them with `opts` as the program will, binding
 * *a (OUT) to their header with assess_new(s, flags), and each good
 * record's identity into a plan (*out, OUT).  Prints nothing: when the
 * files cannot be opened, their header is bad or a read fails, *out and
 * *a are NULL and the program reads them the one-pass way, which says
 * why.  `hashbits` (1 to 32; 0 means 32) keeps that many bits of each
 * fingerprint: tests use few, for collisions.  Fails with TRACK_EXIT_IO
 * (out of memory).
 */
int assess_latest_plan(track_latest_plan **out /* OUT */,
    track_assess **a /* OUT */, const track_scheme *s, unsigned flags,
    char *const *files, size_t n, const struct track_reader_opts *opts,
    unsigned hashbits, track_error *err);

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
