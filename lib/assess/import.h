/*
 * import.h - turning a school's export into canonical records.
 *
 * An importer applies a mapping (see mapping.h) to rows read from an
 * export: it matches header names ignoring case and surrounding space,
 * renames columns, fills constants, unpivots wide marksheets (one column
 * per subject and point) into one record per cell, joins a pupil
 * characteristics file on `pupil`, trims values and normalises the
 * scheme's aliases ("Expected" and "exs " become EXS, "Year 4" becomes 4).
 * Each record is validated against the scheme; a bad one is reported with
 * its line and, where one exists, the nearest valid code.
 *
 * Records come out with the canonical columns first, in the order pupil,
 * name, year, against, subject, point, measure, value, objective, dob,
 * date; then the export's other columns in their order; then the joined
 * characteristics.  Column names are lower case.
 *
 * A blank marksheet cell is "not assessed yet" and yields no record.
 *
 * Ownership: import_new returns an importer the caller frees with
 * import_free.  It borrows the mapping and the scheme, which must outlive
 * it.  Records handed to the emit callback are valid only during the call.
 */
#ifndef TRACK_IMPORT_H
#define TRACK_IMPORT_H

#include <stddef.h>

#include "base/str.h"
#include "base/error.h"
#include "mapping.h"
#include "record/reader.h"
#include "scheme/scheme.h"

typedef struct track_import track_import;

/* Receives each record: `n` fields laid out like import_out_header. */
typedef int (*import_emit_fn)(void *ctx, const track_str *fields, size_t n);

/*
 * Receives each problem: an error (the record is not emitted) or, when
 * `warning` is nonzero, a warning (it is).  `err` carries file and line.
 */
typedef void (*import_problem_fn)(void *ctx, const track_error *err,
    int warning);

/*
 * Makes an importer.  When the mapping names a join file it is read now,
 * with `ropts` (encoding, delimiter, limits; NULL for the defaults);
 * problems in it go to
 * `problem`.  Fails with the exit status the failure implies.
 */
int import_new(track_import **out /* OUT */, const struct mapping *m,
    const track_scheme *s, const struct track_reader_opts *ropts,
    import_problem_fn problem, void *ctx, track_error *err);

/*
 * Reads the export's header (from reader_header) and works out the output
 * columns.  Duplicate names are renamed name_2, name_3 with a warning.
 * Fails with TRACK_EXIT_DATA when the header cannot be used (an unpivot
 * column name that does not split into the --key fields, or whose parts
 * are not valid), naming the column and the fix.
 */
int import_header(track_import *imp, const track_str *hdr, size_t n,
    const char *file, track_error *err);

/* The output header: *n names, valid until import_free. */
const track_str *import_out_header(const track_import *imp,
    size_t *n /* OUT */);

/*
 * Turns one good row of the export into records, calling `emit` for each
 * good one and the problem callback for each error or warning.  Returns
 * the number of errors (0 when every record was good), or -1 when `emit`
 * failed (its nonzero return stops the row).
 */
int import_row(track_import *imp, const track_row *row, const char *file,
    import_emit_fn emit, void *ctx);

/*
 * The export's row whose record is being handed to `emit` (valid during
 * that call), or NULL (also for a NULL importer).  A record's field is that row's own slice where
 * the importer left it as read (trimmed of nothing, its text already the
 * scheme's), so a CSV sink can pass the row to writer_row_src.
 */
const track_row *import_source(const track_import *imp);

/*
 * Reports, through the problem callback, pupils that had no row in the
 * join file (one warning with the count and the first such pupil).
 */
void import_finish(track_import *imp);

/*
 * The first column a record needs (pupil, subject, point, value) that
 * output header `out` lacks, or NULL.  For the pupil, *like is the export
 * column (of `in`) that looks like a pupil id, or -1.  The import still
 * works without (any CSV can be tidied), but the result is not yet
 * records that the reports can read.  A pupil file (a pupil column and
 * none of the others) lacks nothing: NULL.
 */
const char *import_missing(const track_str *out, size_t nout,
    const track_str *in, size_t nin, long *like /* OUT */);

/*
 * Where import_read sends what it makes; `ctx` goes to each callback.
 * A callback returns 0 to go on, or nonzero to stop the reading: it has
 * then reported why and kept the status itself.  `header` and `reject`
 * may be NULL, and so may `progress`.
 */
struct import_sink {
	/*
	 * The output header `out`, before any record (not for an empty
	 * export); `in` is the export's.
	 */
	int (*header)(void *ctx, const track_str *out, size_t nout,
	    const track_str *in, size_t nin);
	/* Each record, as import_row hands it out. */
	import_emit_fn record;
	/*
	 * A bad row of the export, under the export's header `h`: `err` says
	 * why when the reader found it bad, and is NULL when the importer has
	 * reported its problems already.
	 */
	int (*reject)(void *ctx, const track_error *err, const track_str *h,
	    size_t n, const track_row *row);
	/* The running count of rows read, after each row. */
	void (*progress)(void *ctx, unsigned long long rows);
	void *ctx;
	/*
	 * Where the rows come from: NULL, reader_next on the reader; else
	 * next(src, ...), which must give the reader's rows as reader_next
	 * would (read ahead on another thread: cli_ahead_next).
	 */
	enum track_read (*next)(void *src, track_row *row, track_error *err);
	void *src;
};

/*
 * Reads the export from `rd`, which was opened with the mapping's reader
 * options (see mapping_reader_opts): its header through import_header,
 * then every row through import_row.  Returns 0; or
 * TRACK_EXIT_DATA when a row was bad; or a status with `err` filled when
 * the header cannot be used or reading failed (err->text is empty
 * otherwise).  A callback that stops the reading ends it as if the
 * export had ended.
 */
int import_read(track_import *imp, track_reader *rd,
    const struct import_sink *k, track_error *err);

/*
 * The read loop import_read and import_ctf_read share: each row of `rd`
 * (whose header is `h`, n names) to fn(ctx, row), which returns the
 * number of problems in it (the row then goes to the sink's reject) or
 * -1 to stop; a bad row goes to the reject with the reader's message;
 * progress after each.  Returns 0, TRACK_EXIT_DATA when a row was bad, or
 * TRACK_EXIT_IO with `err` filled when reading failed.
 */
int import_rows(track_reader *rd, const track_str *h, size_t n,
    const struct import_sink *k, int (*fn)(void *ctx, const track_row *row),
    void *ctx, track_error *err);

/* Frees the importer.  `imp` may be NULL. */
void import_free(track_import *imp);

#endif
