/*
 * cli_int.h - what cli.c and jobs.c share: the read loop's work on one
 * row, and the loop with a reading thread.  Private to lib/cli/.
 */
#ifndef TRACK_CLI_INT_H
#define TRACK_CLI_INT_H

#include "cli.h"
#include "record/records.h"

/*
 * The read loop's work on one row that records_next found (`got`, row
 * `r`, err): calls `row` for a good row, reports and rejects a bad one.
 * Returns 0 to go on, or 1 to stop, with *status made graver.
 */
int cli_take_row(struct cli_rejects *rj, const track_str *h, size_t nh,
    enum track_read got, const track_row *r, track_error *err,
    cli_row_fn row, void *ctx, int *status);

/*
 * jobs.c: the rows of `rs` (its header taken already) read by a second
 * thread into a few batches that this thread hands to cli_take_row, in
 * the order read, so that every callback, message and rejected row is
 * what the one-thread loop gives.  Returns 0 with *status set when it
 * ran, or -1 having read nothing (no thread could be started): then the
 * caller reads on its own.
 */
int cli_jobs_read(struct cli_common *c, track_records *rs, char **files,
    size_t n, struct cli_rejects *rj, cli_row_fn row, void *ctx,
    int *status);

#endif
