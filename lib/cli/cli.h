/*
 * cli.h - what every program does the same way: common options, messages,
 * atomic -o output, --rejects, the progress line and the main record loop's
 * plumbing.
 *
 * This is the one library module that talks to the user (on stderr), on
 * behalf of cmd/: it exists so that five programs say things the same way.
 * It never exits; the caller returns the status it is given.
 *
 * Ownership: strings stored in struct cli_common point into argv or into
 * getopt's optarg and are never freed.  cli_output_open hands back a writer
 * that cli_output_close frees, and cli_rejects_close frees what
 * cli_rejects_open made.  The inputs recorded in struct cli_common are
 * freed by cli_exit (or cli_common_free).  The only process-wide state is
 * the program name and the list of temporary files a signal handler
 * removes.
 */
#ifndef TRACK_CLI_H
#define TRACK_CLI_H

#include <getopt.h>
#include <stddef.h>

#include "base/str.h"
#include "base/error.h"
#include "record/reader.h"
#include "record/writer.h"

/* Long-only option codes shared by every program (above any char). */
enum {
	CLI_OPT_INPUT_FORMAT = 1000,
	CLI_OPT_REJECTS,
	CLI_OPT_RAW,
	CLI_OPT_EXCEL_SAFE,
	CLI_OPT_NO_PROGRESS,
	CLI_OPT_MAX_FIELD,
	CLI_OPT_MAX_COLUMNS,
	CLI_OPT_BOM,
	CLI_OPT_SHEET,
	CLI_OPT_LIST_SHEETS,
	CLI_OPT_FIRST_FREE = 1100
};

/* The common short options, for getopt_long's optstring. */
#define CLI_SHORTOPTS "o:F:s:e:d:hV"

/* The common entries of every program's `struct option` table. */
#define CLI_LONGOPTS \
	{ "output", required_argument, NULL, 'o' }, \
	{ "format", required_argument, NULL, 'F' }, \
	{ "scheme", required_argument, NULL, 's' }, \
	{ "encoding", required_argument, NULL, 'e' }, \
	{ "delimiter", required_argument, NULL, 'd' }, \
	{ "input-format", required_argument, NULL, CLI_OPT_INPUT_FORMAT }, \
	{ "rejects", required_argument, NULL, CLI_OPT_REJECTS }, \
	{ "raw", no_argument, NULL, CLI_OPT_RAW }, \
	{ "excel-safe", no_argument, NULL, CLI_OPT_EXCEL_SAFE }, \
	{ "no-progress", no_argument, NULL, CLI_OPT_NO_PROGRESS }, \
	{ "max-field-size", required_argument, NULL, CLI_OPT_MAX_FIELD }, \
	{ "max-columns", required_argument, NULL, CLI_OPT_MAX_COLUMNS }, \
	{ "bom", no_argument, NULL, CLI_OPT_BOM }, \
	{ "sheet", required_argument, NULL, CLI_OPT_SHEET }, \
	{ "list-sheets", no_argument, NULL, CLI_OPT_LIST_SHEETS }, \
	{ "help", no_argument, NULL, 'h' }, \
	{ "version", no_argument, NULL, 'V' }

struct cli_common {
	const char *output;		/* -o; NULL or "-" is stdout */
	enum track_format format;	/* -F */
	int ctf_ok;			/* the program writes -F ctf ... */
	int ctf;			/* ... and it was asked for (format
					   is then csv) */
	const char *scheme;		/* -s */
	const char *rejects;		/* --rejects */
	int guard;			/* formula guard on CSV output */
	int guard_set;			/* --raw or --excel-safe was given */
	int progress;			/* show the progress line */
	int bom;			/* --bom: a UTF-8 BOM on CSV/TSV */
	int jobs;			/* -j: threads for reading (1) */
	int jobs_set;			/* -j was given */
	struct track_reader_opts ropts;	/* -e, -d, --input-format, limits */
	int encoding_set, delimiter_set;	/* -e, -d were given */
	int help, version;
	int list_sheets;		/* --list-sheets */
	int list_status;		/* how listing the sheets went */
	char **args;			/* the operands, after the options */
	size_t nargs;

	/* Kept by cli.c: the inputs recorded by cli_inputs ... */
	struct cli_input_id *in;
	size_t nin, in_cap;
	int in_oom;			/* an input could not be recorded */
	/* ... and the progress line's clock. */
	double progress_start, progress_last;
	int progress_shown;
};

/* The program name for messages, set by cli_init. */
extern const char *cli_progname;

/*
 * Sets the program name, LC_CTYPE from the environment (only LC_CTYPE, so
 * numbers always print with '.'), ignores SIGPIPE (a closed pipe shows up
 * as EPIPE and ends the program quietly), and fills `c` with defaults.
 * `flags`: CLI_REPORT for report programs, whose CSV is guarded by
 * default; CLI_JOBS for those that take -j (the default then the number
 * of cores, see cli_jobs_default; else 1); CLI_RAW for those that write
 * the rows they read on (ropts.keep_raw: see track_row's raw).
 */
#define CLI_REPORT 1u
#define CLI_JOBS 2u
#define CLI_RAW 4u
void cli_init(struct cli_common *c, const char *progname, unsigned flags);

/*
 * Handles option `opt` (a getopt_long result) if it is a common one.
 * Returns 1 when handled, 0 when it is not a common option, and -1 (after
 * printing why) when its argument is bad.
 */
int cli_option(struct cli_common *c, int opt, const char *arg);

/*
 * The programs' option loop: the next option that is the program's own,
 * by getopt_long over `shortopts` and `longopts` (which hold the common
 * ones, CLI_SHORTOPTS and CLI_LONGOPTS), with the common options handled
 * on the way by cli_option.  Returns the option, -1 after the last, or
 * CLI_OPT_BAD when an option is unknown (after usage(TRACK_EXIT_USAGE))
 * or a common option's argument is bad (after saying why).
 */
#define CLI_OPT_BAD (-2)
int cli_getopt(struct cli_common *c, int argc, char **argv,
    const char *shortopts, const struct option *longopts,
    void (*usage)(int));

/* Prints "prog: message" on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints "prog: warning: message" on stderr. */
void cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Prints a library error as "prog: file:line: text" (or shorter).  A data
 * error with a position is also counted by its kind (see cli_tally).
 */
void cli_report(const track_error *err);

/* The same for a warning: "prog: warning: file:line: text". */
void cli_report_warning(const track_error *err);

/*
 * tally.c: counts problem `err` (a warning when `warning` is nonzero) by
 * its kind, when it has a position.  cli_exit then prints one line per
 * kind ("prog: 37 rows with an unknown code (first: marks.xlsx:Sheet1!D7
 * \"EXS+\")") when some kind was met on more than one row.
 */
void cli_tally(const track_error *err, int warning);

/* Prints the summary cli_tally has counted, and forgets it. */
void cli_tally_print(void);

/*
 * Closes stdout at the end of main(): a failed write there (a full disk)
 * turns a status of 0 into TRACK_EXIT_IO, after saying so.  Frees what `c`
 * holds.  Returns the status main() should return.
 */
int cli_exit(struct cli_common *c, int status);

/* Frees what `c` holds (the recorded inputs).  `c` may be NULL. */
void cli_common_free(struct cli_common *c);

/* Prints the version line for -V. */
void cli_version(void);

/*
 * After the options: with --help, calls usage(0); with --version, prints
 * the version; with --list-sheets, prints the sheets of each workbook
 * operand (or stdin), one a line (after "file:" when there are several),
 * and notes any failure for cli_exit.  Returns 1 when one was done (the
 * program then ends with cli_exit), else 0.
 */
int cli_help_version(struct cli_common *c, void (*usage)(int));

/*
 * track-summary and track-matrix write tables, not pages: with -F html
 * says to pipe -F json into track-report and returns TRACK_EXIT_USAGE,
 * else 0.
 */
int cli_no_html(const struct cli_common *c);

/*
 * Records the input files (`n` names, "-" for stdin; none means stdin),
 * after the options are parsed and before any output is opened.  A new
 * -o or --rejects file is made no more open to its group and others than
 * the most restrictive regular input, and --rejects may not name an input
 * (the same file by device and inode: a hard link or another spelling
 * counts).  cli_read_records records its files itself.  Names that
 * cannot be stat()ed are passed over (reading them will say why).
 */
void cli_inputs(struct cli_common *c, char *const *files, size_t n);

/*
 * A file being written.  A regular file (or a new one) is written through
 * a temporary file `tmp` in its directory, which is renamed over `path` at
 * the end; symbolic links are followed first, so the file they point to is
 * replaced and the link stays.  Anything else (a FIFO, a character or
 * block device, a Unix socket) is opened and written in place, never
 * replaced: then `tmp` is NULL.  A replaced file keeps its mode (and its
 * owner where the user may set it).  SIGINT, SIGTERM and SIGHUP remove
 * every temporary file before the program dies of them.
 */
struct cli_file {
	int fd;
	char *path;		/* the target, links followed; NULL: stdout */
	char *tmp;		/* the temporary file beside it, or NULL */
	int existed;		/* the target existed when it was opened */
};

/* An open output: the writer plus what -o needs to finish atomically. */
struct cli_output {
	track_writer *w;
	struct cli_file file;
};

/*
 * Opens the output named by c->output in c->format, as a struct cli_file
 * (stdout for NULL or "-").  -F xlsx needs -o naming a regular file (or
 * a new one): libxlsxwriter writes the workbook by name, to the temporary
 * file, at cli_output_close.  --bom goes with CSV and TSV only.  Returns
 * 0 or TRACK_EXIT_IO / TRACK_EXIT_USAGE after printing why.
 */
int cli_output_open(struct cli_output *o, const struct cli_common *c);

/*
 * Finishes the output.  `status` is the program's status so far: for 0 and
 * TRACK_EXIT_DATA the writer is flushed and -o renamed into place; for
 * anything else the temporary file is removed and the old file stays.
 * Returns the final status (TRACK_EXIT_IO when flushing or renaming
 * failed).  A closed pipe on stdout, or on a FIFO written in place, is not
 * an error: the program ends quietly with `status`.
 */
int cli_output_close(struct cli_output *o, int status);

/*
 * split.c: track-filter --split's outputs, part k (1 to n) being -o's
 * pattern with k in place of its "%d", each a struct cli_output.
 */
#define CLI_SPLIT_MAX 1000	/* parts open at once, within the files */
struct cli_parts {
	struct cli_output *out;	/* part k at k - 1 */
	size_t n;		/* so many opened */
};

/*
 * After the options: parses --split's `arg` into *n (1 to CLI_SPLIT_MAX)
 * and checks that -o's `pattern` holds "%d" once and no other '%'.
 * Returns 0, or TRACK_EXIT_USAGE after saying why.
 */
int cli_split_check(const char *arg, const char *pattern, unsigned long *n);

/*
 * Opens parts 1 to n named by c->output, each as cli_output_open opens
 * -o, and with `hdr` (nh names; NULL for none) writes the header to each.
 * Returns 0 or a status after saying why; cli_parts_close closes what
 * was opened either way.
 */
int cli_parts_open(struct cli_parts *p, unsigned long n,
    const struct cli_common *c, const track_str *hdr, size_t nh);

/* Closes every part as cli_output_close does; returns the status. */
int cli_parts_close(struct cli_parts *p, int status);

/* --rejects: bad rows written as CSV with the input's header. */
struct cli_rejects {
	track_writer *w;
	struct cli_file file;
	int header_done;	/* something was rejected */
	const struct cli_common *c;	/* its inputs, never overwritten */
	int quiet;		/* cli_read_quiet's: nothing said or kept */
};

/*
 * Opens c->rejects, if set, as a struct cli_file.  Naming an input file, or
 * the -o output, is a usage error.  Returns 0, or TRACK_EXIT_USAGE /
 * TRACK_EXIT_IO after printing why.
 */
int cli_rejects_open(struct cli_rejects *rj, const struct cli_common *c);

/*
 * Records one bad row: prints `err` and, with --rejects, writes the row's
 * fields under `header`.  Returns 0, or TRACK_EXIT_IO if writing failed.
 */
int cli_reject(struct cli_rejects *rj, const track_error *err,
    const track_str *header, size_t nheader, const track_row *row);

/* Writes a bad row to --rejects (if open) without printing anything. */
int cli_reject_quiet(struct cli_rejects *rj, const track_str *header,
    size_t nheader, const track_row *row);

/*
 * Finishes the rejects file like cli_output_close: with `status` 0 or
 * TRACK_EXIT_DATA it is renamed into place, otherwise the old file stays.
 * When no row was rejected it creates nothing, but a file that was there
 * is emptied.  Returns the final status.
 */
int cli_rejects_close(struct cli_rejects *rj, int status);

/*
 * The progress line: call with the running row count; every so often, when
 * enabled and stderr is a terminal, it redraws "prog: N rows".
 * cli_progress_done clears the line.
 */
void cli_progress(struct cli_common *c, unsigned long long rows);

/* cli_progress looks at the clock once in CLI_PROGRESS_EVERY + 1 rows. */
#define CLI_PROGRESS_EVERY 0xFFFF
void cli_progress_done(struct cli_common *c);

/*
 * The one read loop.  Records `files` as inputs (cli_inputs), opens them
 * (none: stdin), calls `header` once with the union header (not for an
 * empty input), then `row` for every good row, with its file and line.
 * A bad row, or a row for which `row` returns TRACK_EXIT_DATA, is reported
 * (at the row's file:line unless `row` set a position in err) and written
 * to the rejects; reading goes on.  `row` returning anything else stops.
 * A callback that has printed its own message leaves err->text empty:
 * then nothing more is printed (a bad row still goes to the rejects).  A
 * callback returning CLI_STOP ends the reading quietly (a closed output
 * pipe), as if the input had ended.
 * Returns the graver of 0, TRACK_EXIT_DATA (some row was bad) and what
 * stopped it, after printing why.  `rj` may be NULL.
 */
#define CLI_STOP (-1)
typedef int (*cli_header_fn)(void *ctx, const track_str *h, size_t n,
    track_error *err);
typedef int (*cli_row_fn)(void *ctx, const track_row *row,
    track_error *err);
int cli_read_records(struct cli_common *c, char **files, size_t n,
    struct cli_rejects *rj, cli_header_fn header, cli_row_fn row,
    void *ctx);

/*
 * Reads a side file (track-summary's --roll, track-filter's --in): as
 * cli_read_records, bad rows reported and none kept, but with no
 * progress line.  Returns as cli_read_records.
 */
int cli_read_side(struct cli_common *c, const char *file,
    cli_header_fn header, cli_row_fn row, void *ctx);

/*
 * A program's first pass over inputs it will read again (track-assess,
 * track-filter --latest): reads them as cli_read_records does, with -j's
 * reading thread, but quietly, the second reading being the one that
 * speaks.  Nothing is printed (no message, no progress line) and no row
 * is rejected: a bad row, and a row that `row` calls bad
 * (TRACK_EXIT_DATA), are passed over; only running out of memory is
 * said.  Returns 0 when every row was read
 * (or `row` returned CLI_STOP), else the status that stopped the reading:
 * TRACK_EXIT_IO for an input that could not be opened or read, or what
 * `header` or `row` returned.
 */
int cli_read_quiet(struct cli_common *c, char **files, size_t n,
    cli_header_fn header, cli_row_fn row, void *ctx);

/*
 * The run of a report (track-matrix, track-pupil): reads the records of
 * `files` (stdin when n is 0) through `header` and `row`, keeping bad
 * rows for --rejects; then, unless reading failed, calls `check` (may be
 * NULL: the checks after reading, returning the status so far, which it
 * is given, or a graver one after saying why), opens the output and calls
 * `write` with the writer and the status, which returns the final one.
 * Returns the exit status.
 */
int cli_run_report(struct cli_common *c, char **files, size_t n,
    cli_header_fn header, cli_row_fn row,
    int (*check)(void *ctx, int status),
    int (*write)(void *ctx, track_writer *w, int status), void *ctx);

/*
 * jobs.c: -j/--jobs N for the reports.  cli_jobs_default sets c->jobs to
 * the number of online cores (at most CLI_JOBS_MAX); cli_jobs_option
 * parses N (1 to CLI_JOBS_MAX) into c->jobs, or returns TRACK_EXIT_USAGE
 * after saying what is wrong.  With c->jobs > 1, cli_read_records reads
 * in a second thread while the first takes the rows: the output is the
 * same whatever N.
 */
#define CLI_JOBS_MAX 256
void cli_jobs_default(struct cli_common *c);
int cli_jobs_option(struct cli_common *c, const char *arg);

/*
 * jobs.c: one reader read ahead by a thread of its own into the same
 * batches, for a program with its own read loop (track-import, whose
 * export may name a column twice).  cli_ahead_next (its argument a
 * struct cli_ahead) gives the reader's rows in order as reader_next
 * does, each valid until the next call; the thread starts at the first
 * call, so the header is read before it (when no thread can be started,
 * the caller's reads, as -j 1 does).  cli_ahead_new returns NULL
 * when out of memory; cli_ahead_free stops the thread (the rows not
 * taken are dropped) and frees it.
 */
struct cli_ahead;
struct cli_ahead *cli_ahead_new(track_reader *rd);
enum track_read cli_ahead_next(void *a, track_row *row, track_error *err);
void cli_ahead_free(struct cli_ahead *a);

/*
 * Parses --min-group's argument into *out (a whole number, 0 to
 * 1000000); returns 0, or TRACK_EXIT_USAGE after saying what is wrong.
 */
int cli_min_group(const char *arg, int *out);

/* Parses "I/N" for --shard; returns 0 and fills *i, *n, or -1. */
int cli_parse_shard(const char *s, unsigned long *i, unsigned long *n);

/* --shard's argument, as cli_parse_shard; 0, or TRACK_EXIT_USAGE after
 * saying what is wrong. */
int cli_shard_option(const char *arg, unsigned long *i, unsigned long *n);

#endif
