/*
 * track-import - turn a school's exports (marksheets, MIS exports) into
 * canonical records.  See track-import(1).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "assess/import.h"
#include "assess/import_ctf.h"
#include "assess/mapping.h"
#include "scheme/scheme.h"

/* The mapping's options (see mapping_option) follow cli's. */
#define MAP(o) (CLI_OPT_FIRST_FREE + (o))
/* --ctf-pupils, after them. */
#define OPT_CTF_PUPILS MAP(MAPPING_LAST + 1)

static const struct option longopts[] = {
	CLI_LONGOPTS,
	{ "map", required_argument, NULL, 'm' },
	{ "rename", required_argument, NULL, MAP(MAPPING_RENAME) },
	{ "set", required_argument, NULL, MAP(MAPPING_SET) },
	{ "unpivot", required_argument, NULL, MAP(MAPPING_UNPIVOT) },
	{ "key", required_argument, NULL, MAP(MAPPING_KEY) },
	{ "split", required_argument, NULL, MAP(MAPPING_SPLIT) },
	{ "join", required_argument, NULL, MAP(MAPPING_JOIN) },
	{ "skip-lines", required_argument, NULL, MAP(MAPPING_SKIP_LINES) },
	{ "academic-year", required_argument, NULL,
	    MAP(MAPPING_ACADEMIC_YEAR) },
	{ "date-order", required_argument, NULL, MAP(MAPPING_DATE_ORDER) },
	{ "strict", no_argument, NULL, MAP(MAPPING_STRICT) },
	{ "provenance", no_argument, NULL, MAP(MAPPING_PROVENANCE) },
	{ "recode", required_argument, NULL, MAP(MAPPING_RECODE) },
	{ "ctf-pupils", no_argument, NULL, OPT_CTF_PUPILS },
	{ "jobs", required_argument, NULL, 'j' },
	{ NULL, 0, NULL, 0 }
};

static void
usage(int status)
{
	FILE *f = status == 0 ? stdout : stderr;

	fprintf(f,
	    "usage: track-import [-m MAPFILE] [--rename SRC=DST]... "
	    "[--set FIELD=VALUE]...\n"
	    "                    [--unpivot COLS --key FIELDS [--split SEP]] "
	    "[--join FILE]\n"
	    "                    [--recode FIELD:FROM=TO]... "
	    "[--date-order dmy|mdy]\n"
	    "                    [--skip-lines N] [--academic-year YYYY-YY] "
	    "[--strict]\n"
	    "                    [--provenance] [-s SCHEME]\n"
	    "                    [-e ENC] [-d DELIM] [--input-format FMT] "
	    "[-F FORMAT]\n"
	    "                    [-o FILE] [--rejects FILE] "
	    "[--excel-safe | --raw] [--bom]\n"
	    "                    [--max-field-size N] [--max-columns N] "
	    "[--no-progress]\n"
	    "                    [--sheet SHEET] [-j N] [FILE]\n"
	    "       track-import --ctf-pupils [-s SCHEME] [-o FILE] [CTF]\n"
	    "       track-import --list-sheets [FILE]\n"
	    "       track-import -h | -V\n");
	if (status == 0)
		fprintf(f, "See track-import(1).\n");
}

struct run {
	struct cli_common c;
	struct cli_output out;
	struct cli_rejects rj;
	int status;
	const char *mapfile;	/* -m */
	struct mapping opts;	/* the mapping's options */
	int ctf_pupils;		/* --ctf-pupils: a CTF's pupils, not results */
	track_import *imp;	/* the importer, for import_source */
};

static void
on_problem(void *ctx, const track_error *err, int warning)
{
	struct run *r = ctx;

	if (warning) {
		cli_report_warning(err);
		return;
	}
	cli_report(err);
	r->status = TRACK_EXIT_DATA;
}

/*
 * The output header; first a warning when it lacks a column that records
 * need, naming the fix.
 */
static int
on_header(void *ctx, const track_str *out, size_t nout, const track_str *in,
    size_t nin)
{
	struct run *r = ctx;
	track_error err;
	const char *need;
	long i;

	need = r->ctf_pupils ? NULL : import_missing(out, nout, in, nin, &i);
	if (need != NULL && strcmp(need, "pupil") == 0)
		cli_warn("no \"pupil\" column, so these are not yet "
		    "records; name the pupil id column with "
		    "--rename '%.*s=pupil'", i >= 0 ? (int)in[i].len : 6,
		    i >= 0 ? in[i].ptr : "COLUMN");
	else if (need != NULL)
		cli_warn("no \"%s\" column, so these are not yet "
		    "records; add one with --rename, --set or "
		    "--unpivot", need);
	if (writer_header(r->out.w, out, nout, &err) == 0)
		return 0;
	cli_report(&err);
	r->status = TRACK_EXIT_IO;
	return -1;
}

/* A record out; a closed output pipe ends the reading quietly. */
static int
on_record(void *ctx, const track_str *fields, size_t n)
{
	struct run *r = ctx;
	track_error err;

	int rc = writer_row_src(r->out.w, fields, n, import_source(r->imp),
	    &err);

	if (rc == 0)
		return 0;
	if (rc == TRACK_EXIT_DATA) {	/* too long for a workbook cell */
		cli_report(&err);
		r->status = error_graver(r->status, rc);
		return 0;
	}
	if (!writer_broken_pipe(r->out.w)) {
		cli_report(&err);
		r->status = TRACK_EXIT_IO;
	}
	return -1;
}

/* A bad row: reported (unless the importer has) and kept by --rejects. */
static int
on_reject(void *ctx, const track_error *err, const track_str *h, size_t n,
    const track_row *row)
{
	struct run *r = ctx;
	int rc;

	rc = err != NULL ? cli_reject(&r->rj, err, h, n, row) :
	    cli_reject_quiet(&r->rj, h, n, row);
	if (rc != 0)
		r->status = TRACK_EXIT_IO;
	return rc;
}

static void
on_progress(void *ctx, unsigned long long rows)
{
	struct run *r = ctx;

	cli_progress(&r->c, rows);
}

/*
 * Imports the export at `path` to the output.  The reading is
 * import_read's, not cli_read_records: an export may name a column twice
 * (the second becomes name_2), which the records stream would merge, and
 * one row can make several records.
 */
static int
import(struct run *r, const struct mapping *m, const track_scheme *s,
    const char *path)
{
	struct import_sink sink = { on_header, on_record, on_reject,
	    on_progress, r, NULL, NULL };
	struct cli_ahead *ahead = NULL;
	track_import *imp = NULL;
	track_reader *rd = NULL;
	track_error err;
	int rc, out_open = 0, rj_open = 0;

	rc = import_new(&imp, m, s, &r->c.ropts, on_problem, r, &err);
	r->imp = imp;
	if (rc == 0)
		rc = reader_open(&rd, path, &r->c.ropts, &err);
	if (rc != 0) {
		cli_report(&err);
		goto done;
	}
	rc = cli_output_open(&r->out, &r->c);
	out_open = rc == 0;
	if (rc == 0)
		rc = cli_rejects_open(&r->rj, &r->c);
	rj_open = out_open && rc == 0;
	if (rc != 0)
		goto done;
	if (reader_format(rd) == TRACK_IN_CTF)	/* a CTF: see import_ctf.h */
		rc = import_ctf_read(s, imp, rd, r->ctf_pupils, on_problem,
		    r, &sink, &err);
	else if (r->ctf_pupils)
		rc = error_set(&err, TRACK_EXIT_DATA, reader_name(rd), 0,
		    "--ctf-pupils reads a Common Transfer File (XML), and "
		    "this is not one");
	else {
		/* -j 2 or more: one thread reads while this one imports. */
		if (r->c.jobs > 1 && (ahead = cli_ahead_new(rd)) != NULL) {
			sink.next = cli_ahead_next;
			sink.src = ahead;
		}
		rc = import_read(imp, rd, &sink, &err);
		cli_ahead_free(ahead);
	}
	if (err.text[0] != '\0')
		cli_report(&err);
	cli_progress_done(&r->c);
	import_finish(imp);
	rc = error_graver(rc, r->status);
done:
	/* The output first: when it fails (a full disk), no rejects either. */
	if (out_open)
		rc = cli_output_close(&r->out, rc);
	if (rj_open)
		rc = cli_rejects_close(&r->rj, rc);
	reader_close(rd);
	import_free(imp);
	r->imp = NULL;
	return rc;
}

/*
 * Reads the options into `r`.  Returns 0, or the exit status after
 * saying why.
 */
static int
options(struct run *r, int argc, char **argv)
{
	track_error err;
	int opt, rc;

	while ((opt = cli_getopt(&r->c, argc, argv, CLI_SHORTOPTS "m:j:",
	    longopts, usage)) != -1) {
		if (opt == 'm') {
			r->mapfile = optarg;
			continue;
		}
		if (opt == OPT_CTF_PUPILS) {
			r->ctf_pupils = 1;
			continue;
		}
		if (opt < MAP(MAPPING_RENAME) ||
		    opt > MAP(MAPPING_LAST))	/* CLI_OPT_BAD */
			return TRACK_EXIT_USAGE;
		rc = mapping_option(&r->opts, opt - MAP(0), optarg, &err);
		if (rc != 0) {
			cli_report(&err);
			return rc;
		}
	}
	if (!r->c.help && !r->c.version && argc - optind > 1) {
		cli_error("one export at a time (got %d files); import each "
		    "and combine the records with track-filter A.csv B.csv",
		    argc - optind);
		usage(TRACK_EXIT_USAGE);
		return TRACK_EXIT_USAGE;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct run r;
	struct mapping m;
	track_scheme *s = NULL;
	track_error err;
	int rc;

	memset(&r, 0, sizeof r);
	cli_init(&r.c, "track-import", CLI_RAW | CLI_JOBS);
	mapping_init(&m);
	mapping_init(&r.opts);
	rc = options(&r, argc, argv);
	if (rc != 0 || cli_help_version(&r.c, usage))
		goto out;
	/* Options add to the file's renames and sets and replace the rest. */
	rc = mapping_build(&m, r.mapfile, &r.opts, &err);
	if (rc == 0) {
		mapping_reader_opts(&m, &r.c.ropts, r.c.encoding_set,
		    r.c.delimiter_set);
		rc = scheme_load(&s, r.c.scheme, &err);
	}
	if (rc != 0) {
		cli_report(&err);
		goto out;
	}
	cli_inputs(&r.c, argv + optind, (size_t)(argc - optind));
	if (m.join != NULL)
		cli_inputs(&r.c, &m.join, 1);
	rc = import(&r, &m, s, optind < argc ? argv[optind] : "-");
out:
	mapping_free(&m);
	mapping_free(&r.opts);
	scheme_free(s);
	return cli_exit(&r.c, rc);
}
