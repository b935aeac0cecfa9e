/*
 * filter.h - choosing and reshaping records, as track-filter(1) does:
 * predicates (-w, --any), pupil sets (--in, --not-in), shards (--shard),
 * the latest point of each pupil, subject and measure (--latest), the
 * output columns (-c) and pseudonyms (--pseudonymise, --keep-column).
 *
 * A filter is made from its options (filter_new), told the pupils of the
 * --in and --not-in files (filter_set_add), bound to the input's header
 * (filter_bind), and then handed every good row (filter_row), which says
 * whether to write the row and what to write.  With --latest the rows are
 * held instead, and filter_latest hands out the chosen ones at the end.
 * Pupil ids, subjects, measures and points are compared trimmed of ASCII
 * white space, as the reports compare them.
 *
 * Ownership: filter_new returns a filter the caller frees with
 * filter_free.  The filter borrows what the options point to (the -w
 * expressions and the strings), which must outlive it; it borrows the header given to filter_bind until the last
 * row.  A row handed out by filter_row or filter_latest stays valid until
 * the next call into the filter (and no longer than the input row).
 */
#ifndef TRACK_FILTER_H
#define TRACK_FILTER_H

#include <stddef.h>

#include "base/error.h"
#include "base/str.h"
#include "pseudo.h"
#include "reader.h"
#include "where.h"
#include "writer.h"

typedef struct track_filter track_filter;

/* Which pupil set filter_set_add fills. */
enum track_filter_set {
	TRACK_FILTER_IN = 0,		/* --in: only these pupils */
	TRACK_FILTER_NOT_IN = 1		/* --not-in: all but these */
};

struct track_filter_opts {
	track_where *const *where;	/* -w expressions, bound by filter_bind */
	size_t nwhere;
	int any;			/* a row passes when any -w matches */
	int latest;			/* --latest */
	int in, not_in;			/* --in, --not-in were given */
	const char *columns;		/* -c: comma-separated names, or NULL */
	unsigned long shard_i, shard_n;	/* --shard I/N; shard_n 0: none */
	unsigned long split_n;		/* --split N; 0: none */
	const char *scheme_file;	/* -s, or NULL (see scheme_load) */
	const char *keyfile;		/* --pseudonymise, or NULL */
	const char *const *keep;	/* --keep-column lists, as given */
	size_t nkeep;
};

/*
 * Makes a filter from `o`, copied.  With --latest or --pseudonymise it
 * loads the scheme (which orders points and lists the identifying
 * columns), and with --pseudonymise the key (see pseudo_open).  An --in
 * or --not-in set starts empty: with --in and no pupil added, no row
 * passes.  Fails with TRACK_EXIT_USAGE for --keep-column without
 * --pseudonymise, --split with --shard or --latest, or as scheme_load and pseudo_open fail, or with
 * TRACK_EXIT_IO (out of memory).
 */
int filter_new(track_filter **out /* OUT */, const struct track_filter_opts *o,
    track_error *err);

/* Nonzero when the --pseudonymise key file can be read by others. */
int filter_key_loose(const track_filter *f);

/*
 * Adds pupil `id` (trimmed; blank ids are passed over) to the --in or
 * --not-in set.  Fails with TRACK_EXIT_IO (out of memory).
 */
int filter_set_add(track_filter *f, enum track_filter_set which, track_str id,
    track_error *err);

/*
 * Reading an --in or --not-in file `name` (as messages name it) with
 * header `h` of `n` names: its rows are to go to set `which`.  Fails with
 * TRACK_EXIT_DATA, naming the file, when it has no "pupil" column.
 */
int filter_set_header(track_filter *f, enum track_filter_set which,
    const char *name, const track_str *h, size_t n, track_error *err);

/* Adds the pupil of a row of that file; fails as filter_set_add. */
int filter_set_row(track_filter *f, const track_str *row, track_error *err);

/*
 * Binds the filter to the input's header `h` of `n` names (n > 0): the
 * -w columns, the pupil, subject, measure and point columns, and the
 * output columns (-c, or every column but those --pseudonymise leaves
 * out).  Fails with TRACK_EXIT_USAGE when a column the options need is
 * missing, a -c or --keep-column name is unknown, or -c names a column
 * --pseudonymise leaves out; with TRACK_EXIT_IO when out of memory.  The
 * error names no file.
 */
int filter_bind(track_filter *f, const track_str *h, size_t n,
    track_error *err);

/*
 * The warning for the columns of the bound header that --pseudonymise
 * leaves out without -c (none with -c, whose names are checked instead):
 * sets *msg (OUT) to a string the caller frees, such as `--pseudonymise
 * leaves out "upn": it identifies a pupil (--keep-column keeps a column)`,
 * or to NULL when none is left out.  Returns 0, or -1 when out of memory.
 */
int filter_dropped(const track_filter *f, char **msg /* OUT */);

/* The output header once bound: *n (OUT) names. */
const track_str *filter_header(const track_filter *f, size_t *n);

/*
 * Takes one good input row laid out like the bound header.  *out (OUT) is
 * the row to write now, with filter_header's width, or NULL when the row
 * is not chosen or is held for --latest.  Fails with TRACK_EXIT_IO (out
 * of memory, while holding a row).
 */
int filter_row(track_filter *f, const track_str *row,
    const track_str **out /* OUT */, track_error *err);

/*
 * --split: the part (1 to split_n) that a row chosen by filter_row goes
 * to, by `row`, the input row (laid out like the bound header): its
 * pupil's shard, as --shard I/N has it, so that part I holds the rows
 * --shard I/N would write.
 */
unsigned long filter_part(const track_filter *f, const track_str *row);

/*
 * --latest, once every row is in: writes to `w` the held rows whose point
 * is the latest of their pupil, subject and measure, as filter_latest
 * hands them out.  Fails with TRACK_EXIT_IO, err filled (see
 * writer_broken_pipe for a closed pipe).
 */
int filter_latest_write(track_filter *f, track_writer *w, track_error *err);

/*
 * --latest, once every row is in: hands out, one a call, the held rows
 * whose point is the latest of their pupil, subject and measure (in the
 * scheme's order of points), in input order.  *out (OUT) is NULL after
 * the last.  Fails with TRACK_EXIT_IO (out of memory).
 */
int filter_latest(track_filter *f, const track_str **out /* OUT */,
    track_error *err);

/*
 * --latest over inputs that can be read twice: a first pass, quiet,
 * finds each group's latest point among the rows chosen; filter_row then
 * hands out the rows at it as they come (the input read again, through
 * filter_bind), holding none, and filter_latest has none left.
 *
 * filter_plan_wanted says whether to make one: --latest, and `files` (n
 * of them) are all regular files.  A program then reads them with
 * cli_read_quiet, filter_plan_bind and filter_plan_row its callbacks and
 * the filter their context: the first binds the filter to the header
 * (as filter_bind, failing the same way), the second reads a row, in
 * file order (TRACK_EXIT_IO when out of memory).  filter_plan_done,
 * given the reading's status, makes the plan the filter's when every row
 * was read under a header; otherwise (a header that does not bind, a
 * failed read, memory out) there is no plan and nothing is said: the
 * second reading, holding rows, says why.
 */
int filter_plan_wanted(const track_filter *f, char *const *files, size_t n);
int filter_plan_bind(void *f, const track_str *h, size_t n,
    track_error *err);
int filter_plan_row(void *f, const track_row *row, track_error *err);
void filter_plan_done(track_filter *f, int status);

/* Frees the filter.  `f` may be NULL. */
void filter_free(track_filter *f);

#endif
