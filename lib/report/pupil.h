/*
 * pupil.h - the individual pupil (track-pupil): one pupil's story across
 * points, and the flags for the intervention meeting.
 *
 * Records go in as they are read, with or without track-assess's columns;
 * each is placed by the scheme (band, the pupil's own words: "Y3 EXS" for
 * out-of-year work).  Of the records with the same pupil, subject,
 * measure and point the last one read wins, as everywhere.  Objective
 * records give each subject a row of objectives secured (pupil_obj.c).
 *
 * A profile is every subject and measure of a pupil across every point,
 * in scheme order, with the groups the pupil belongs to: the columns that
 * are neither canonical nor derived (pp, send, class, intervention, ...),
 * from the pupil's last record that has them.
 *
 * Flags (one row per pupil and reason) name their evidence:
 *   dropped       the band fell between two consecutive terms of one
 *                 subject and measure;
 *   stuck         below the standard at each of the last N terms of a
 *                 subject and measure that the pupil was assessed at
 *                 (--stuck N, default 3);
 *   disagree      teacher assessment and a test at the same point and
 *                 subject in different bands;
 *   missing       assessed in a subject and measure at the term before
 *                 the latest term of the records, and not at the latest;
 *   not-assessed  a not-assessed code at the latest term.
 * A flag never judges a pupil by a point score and never derives a
 * teacher judgement: it compares the bands the scheme gives.
 *
 * Memory: one small entry per pupil, subject, measure and point, and one
 * per pupil: it grows with pupils, not rows.
 *
 * Ownership: pupil_new returns a reader the caller frees with pupil_free;
 * it borrows the scheme and the options' strings.
 */
#ifndef TRACK_PUPIL_H
#define TRACK_PUPIL_H

#include <stddef.h>

#include "base/error.h"
#include "base/str.h"
#include "record/writer.h"
#include "scheme/scheme.h"

typedef struct track_pupils track_pupils;

/* The reasons for a flag, as bits of pupil_opts.reasons. */
enum pupil_reason {
	PR_DROPPED, PR_STUCK, PR_DISAGREE, PR_MISSING, PR_NOT_ASSESSED,
	PR_COUNT
};

/*
 * Told of each problem found while writing (-F ctf: a pupil whose id is
 * not a UPN, a result no rule of the scheme's ctf section places); the
 * rest is still written.
 */
typedef void (*pupil_problem_fn)(void *ctx, const track_error *e);

struct pupil_opts {
	int flags;		/* --flags: the flags, not the profiles */
	int transition;		/* --transition: what the next teacher needs */
	int ctf;		/* -F ctf: a partial Common Transfer File */
	const char *ctf_source;	/* --ctf-source LAESTAB, or NULL */
	const char *ctf_dest;	/* --ctf-dest LAESTAB, or NULL */
	const char *ctf_time;	/* the Header's DateTime, or NULL: now */
	unsigned reasons;	/* --flag LIST: bits by pupil_reason; 0: the
				   scheme's $.pupil.flags, else all */
	int stuck;		/* --stuck N: terms below the standard; 0: the
				   scheme's $.pupil.stuck, else 3 */
	pupil_problem_fn problem;	/* may be NULL */
	void *pctx;
	const char *pupil;	/* --pupil ID[,ID...], or NULL */
	const char *klass;	/* --class NAME: pupils whose latest class it is */
	const char *year;	/* --year Y: pupils whose latest year it is */
	unsigned threads;	/* -j: threads to fill long tables on (0, 1:
				   one) */
};

/*
 * Reads a list of reasons ("dropped,stuck") into *bits.  Fails with
 * TRACK_EXIT_USAGE naming an unknown one and the nearest.
 */
int pupil_reasons_parse(const char *list, unsigned *bits /* OUT */,
    track_error *err);

/* The reason's name ("not-assessed"). */
const char *pupil_reason_name(enum pupil_reason r);

/*
 * Nonzero when `s` is a LAESTAB for -F ctf's header: 7 characters, the
 * LA's 3 and the establishment's 4 ("9992041", "999/2041"), digits or
 * the DfE's placeholders M and X ("MMMMMMM": not known).
 */
int pupil_ctf_laestab_ok(const char *s);

/* Makes a reader.  TRACK_EXIT_USAGE for a bad --year. */
int pupil_new(track_pupils **out /* OUT */, const track_scheme *s,
    const struct pupil_opts *o, track_error *err);

/*
 * Tells p the input files it will read (n of them; none: stdin), so that
 * it can size its table of entries once, early, from their size and the
 * first rows, rather than doubling it over and over (at 10M records each
 * doubling moves every entry and clears fresh memory).  A hint: nothing
 * else depends on it, and a pipe is read as before.  The guess takes a
 * file's bytes to be CSV's; for a workbook or a CTF it is rougher, and
 * only the table's size follows from it.
 */
void pupil_expect(track_pupils *p, char *const *files, size_t n);

/*
 * Binds the record header.  TRACK_EXIT_DATA when a required column is
 * missing, TRACK_EXIT_USAGE when --class is given and there is no class
 * column.
 */
int pupil_bind(track_pupils *p, const track_str *hdr, size_t n,
    track_error *err);

/* Adds one record: 0, TRACK_EXIT_DATA (err->text) or TRACK_EXIT_IO. */
int pupil_row(track_pupils *p, const track_str *row, track_error *err);

/*
 * Writes the profiles, the flags or the transition items to `w` in
 * `fmt`: CSV, TSV, XLSX long tables; table and Markdown one grid or block
 * per pupil (profiles, transition) or one table (flags); JSON one
 * document per pupil per line (profiles with their flags, "report":
 * "pupil"; transition, "report": "transition") or one document (flags).
 * With o.ctf, a partial Common Transfer File instead, whatever `fmt`
 * (see pupil_ctf.c).  Returns 0 or the writer's error.
 */
int pupil_write(track_pupils *p, track_writer *w, enum track_format fmt,
    track_error *err);

/* Frees the reader.  `p` may be NULL. */
void pupil_free(track_pupils *p);

#endif
