/*
 * cli_int.h - what cli.c and jobs.c share: the read loop's work on one
 * row, and the loop with a reading thread.  Private to lib/cli/.
 */
#ifndef TRACK_CLI_INT_H
#define TRACK_CLI_INT_H

#include "cli.h"
#include "record/records.h"

/*
 * The read loop's work on one row that records_next (or a reading
 * thread, jobs.c) found: `got` with row `r` and err.  Calls `row` for a
 * good row; reports and rejects a bad one.  Returns 0 to go on, or 1 to
 * stop (a fatal read, a callback's stop or failure, a failed reject),
 * with *status made graver as the loop's status.  Inline: it runs once
 * a row.
 */
static inline int
cli_take_row(struct cli_rejects *rj, const track_str *h, size_t nh,
    enum track_read got, const track_row *r, track_error *err,
    cli_row_fn row, void *ctx, int *status)
{
	int rc = 0;

	if (rj != NULL && rj->quiet) {	/* cli_read_quiet */
		rc = got == TRACK_READ_ROW ? row(ctx, r, err) :
		    got == TRACK_READ_FATAL ? TRACK_EXIT_IO : TRACK_EXIT_DATA;
		if (rc == 0)
			return 0;
		error_clear(err);
		if (rc == TRACK_EXIT_DATA)
			return 0;
		if (rc != CLI_STOP)
			*status = rc;
		return 1;
	}
	if (got == TRACK_READ_FATAL) {
		cli_report(err);
		*status = TRACK_EXIT_IO;
		return 1;
	}
	if (got == TRACK_READ_ROW) {
		rc = row(ctx, r, err);
		if (rc == CLI_STOP)
			return 1;
		if (rc != 0 && rc != TRACK_EXIT_DATA) {
			if (err->text[0] != '\0')
				cli_report(err);
			*status = rc;
			return 1;
		}
		if (rc != 0 && err->file == NULL) {
			err->file = r->file;
			err->line = r->line;
		}
	}
	if (got == TRACK_READ_BAD || rc != 0) {
		*status = TRACK_EXIT_DATA;
		rc = 0;
		if (err->text[0] == '\0')	/* reported already */
			rc = rj != NULL ? cli_reject_quiet(rj, h, nh, r) : 0;
		else if (rj != NULL)
			rc = cli_reject(rj, err, h, nh, r);
		else
			cli_report(err);
		if (rc != 0) {
			*status = TRACK_EXIT_IO;
			return 1;
		}
		error_clear(err);
	}
	return 0;
}

/*
 * jobs.c: the rows of `rs` (its header taken already) read by other
 * threads (one file in parts by several: jobs_split.c; anything else by
 * one) into batches that this thread hands to cli_take_row, in file
 * order, so that every callback, message and rejected row is what the
 * one-thread loop gives.  Returns 0 with *status set when it ran, or -1
 * having read nothing (no thread could be started): then the caller
 * reads on its own.
 */
int cli_jobs_read(struct cli_common *c, track_records *rs, char **files,
    size_t n, struct cli_rejects *rj, cli_row_fn row, void *ctx,
    int *status);

#endif
