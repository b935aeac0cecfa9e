/*
 * jobs_int.h - what jobs.c (the reading thread) and jobs_split.c (the
 * file read in parts by several threads) share: batches of rows copied
 * out of a reader, taken in order by the program's thread.  Private to
 * lib/cli/.
 */
#ifndef TRACK_JOBS_INT_H
#define TRACK_JOBS_INT_H

#include "cli_int.h"

#include <stdint.h>

#define BATCH_BYTES ((size_t)256 * 1024)	/* field bytes a batch */
#define BATCH_ROWS 4096			/* rows a batch, unless ... */
#define BATCH_ENV "TRACK_JOBS_BATCH"	/* ... this says (tests: 1 makes
					   every row a batch of its own) */

/* One row as the reader gave it. */
struct jrow {
	enum track_read got;
	size_t first;		/* index of its first field in b->f */
	size_t n;
	int has_field;		/* row.field was not NULL */
	long line;
	const char *file;	/* the reader's name: valid while rs is */
	size_t err;		/* a bad or fatal row: its index in b->err */
	int delim;		/* row.delim */
	uint32_t rawoff, rawlen;	/* row.raw's copy; rawlen 0: none */
};

/* A field: where its bytes start in the arena, and how many. */
struct jfield {
	uint32_t off, len;
};

struct batch {
	char *arena;		/* the fields' bytes, each with its NUL */
	size_t alen, acap;	/* alen < 4 GiB: see batch_room */
	struct jfield *f;	/* half a track_str: less for the other
				   thread to fetch */
	size_t nf, fcap;
	track_str *x;		/* the taker's: one row's fields, expanded */
	size_t xcap;
	struct jrow *row;
	size_t nrow, rowcap;
	track_error *err;	/* the bad rows' errors */
	size_t nerr, errcap;
	int ready;		/* filled: the taker's until it clears it */
	int end;		/* the last batch: EOF or a fatal row ... */
	int oom;		/* ... or the reader ran out of memory */
	struct batch *next;	/* jobs_split.c: a part's next batch */
};

/* Rows a batch: BATCH_ROWS, or 1 to BATCH_ROWS from BATCH_ENV. */
size_t jobs_batch_rows(void);

/*
 * Adds row `r` (with its error, for a bad or fatal row) to b, which
 * holds at most `rows` rows.  Returns 0, 1 when b is full (nothing
 * added), or -1 when out of memory.
 */
int jobs_batch_add(struct batch *b, enum track_read got, const track_row *r,
    const track_error *err, size_t rows);

/* Frees what b holds and zeroes it. */
void jobs_batch_free(struct batch *b);

/*
 * Takes the rows of batch b in order through cli_take_row, `base` added
 * to their lines (and their errors' lines).  Returns 0 to go on, 1 to
 * stop.
 */
int jobs_take_batch(struct cli_common *c, struct batch *b,
    struct cli_rejects *rj, const track_str *h, size_t nh, cli_row_fn row,
    void *ctx, int *status, unsigned long long *rows, long base);

/*
 * jobs_split.c: reads the one regular CSV file `files[0]` in parts, each
 * by a thread of its own, when it can (see there); returns 0 having done
 * so, with *status set, or -1 having read nothing.
 */
int jobs_split_read(struct cli_common *c, track_records *rs, char **files,
    size_t n, struct cli_rejects *rj, cli_row_fn row, void *ctx,
    int *status);

/*
 * The line ends in bytes [start, end) of fd, as the reader counts them:
 * LF, CR LF and a lone CR, one each.  Sets *bad when fd cannot be read.
 */
long jobs_count_lines(int fd, long long start, long long end, int *bad);

/* The byte after the first LF at or after `at` in fd (size bytes), or
 * -1 when there is none. */
long long jobs_line_after(int fd, long long at, long long size);

#endif
