/*
 * track-import - turn a school's exports (marksheets, MIS exports) into
 * canonical records.  See track-import(1).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "cli/cli.h"
#include "assess/import.h"
#include "assess/mapping.h"
#include "scheme/scheme.h"

enum {
	OPT_RENAME = CLI_OPT_FIRST_FREE,
	OPT_SET,
	OPT_UNPIVOT,
	OPT_KEY,
	OPT_SPLIT,
	OPT_JOIN,
	OPT_SKIP_LINES,
	OPT_ACADEMIC_YEAR
};

static const struct option longopts[] = {
	CLI_LONGOPTS,
	{ "map", required_argument, NULL, 'm' },
	{ "rename", required_argument, NULL, OPT_RENAME },
	{ "set", required_argument, NULL, OPT_SET },
	{ "unpivot", required_argument, NULL, OPT_UNPIVOT },
	{ "key", required_argument, NULL, OPT_KEY },
	{ "split", required_argument, NULL, OPT_SPLIT },
	{ "join", required_argument, NULL, OPT_JOIN },
	{ "skip-lines", required_argument, NULL, OPT_SKIP_LINES },
	{ "academic-year", required_argument, NULL, OPT_ACADEMIC_YEAR },
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
	    "                    [--skip-lines N] [--academic-year YYYY-YY] "
	    "[-s SCHEME]\n"
	    "                    [-e ENC] [-d DELIM] [--input-format FMT] "
	    "[-F FORMAT]\n"
	    "                    [-o FILE] [--rejects FILE] "
	    "[--excel-safe | --raw]\n"
	    "                    [--max-field-size N] [--max-columns N] "
	    "[--no-progress]\n"
	    "                    [FILE]\n"
	    "       track-import -h | -V\n");
	if (status == 0)
		fprintf(f, "See track-import(1).\n");
}

struct run {
	struct cli_common c;
	struct cli_output out;
	struct cli_rejects rj;
	int status;
	int errors_in_row;
	unsigned long long records;
};

static void
on_problem(void *ctx, const track_error *err, int warning)
{
	struct run *r = ctx;

	if (warning) {
		if (err->file != NULL && err->line > 0)
			cli_warn("%s:%ld: %s", err->file, err->line, err->text);
		else if (err->file != NULL)
			cli_warn("%s: %s", err->file, err->text);
		else
			cli_warn("%s", err->text);
		return;
	}
	cli_report(err);
	r->status = TRACK_EXIT_DATA;
}

static int
on_record(void *ctx, const track_str *fields, size_t n)
{
	struct run *r = ctx;
	track_error err;

	r->records++;
	if (writer_row(r->out.w, fields, n, &err) != 0) {
		if (!writer_broken_pipe(r->out.w))
			cli_report(&err);
		return -1;
	}
	return 0;
}

/*
 * Warns when the output lacks a required record column, naming the fix:
 * the import still works (any CSV can be tidied), but the result is not
 * yet records that the reports can read.
 */
static void
warn_not_records(const track_str *oh, size_t on, const track_str *in,
    size_t nin)
{
	static const char *const need[] = { "pupil", "subject", "point",
	    "value" };
	size_t i, k;

	for (k = 0; k < sizeof need / sizeof need[0]; k++) {
		for (i = 0; i < on; i++)
			if (str_eq(oh[i], need[k]))
				break;
		if (i < on)
			continue;
		if (k == 0) {
			/* Point at a column that looks like a pupil id. */
			for (i = 0; i < nin; i++)
				if (strcasestr(in[i].ptr, "upn") ||
				    strcasestr(in[i].ptr, "adno") ||
				    strcasestr(in[i].ptr, "id"))
					break;
			cli_warn("no \"pupil\" column, so these are not yet "
			    "records; name the pupil id column with "
			    "--rename '%.*s=pupil'", i < nin ? (int)in[i].len
			    : 6, i < nin ? in[i].ptr : "COLUMN");
		} else
			cli_warn("no \"%s\" column, so these are not yet "
			    "records; add one with --rename, --set or "
			    "--unpivot", need[k]);
		return;
	}
}

/* Applies the mapping file, then the options, to the reader options. */
static void
reader_settings(struct run *r, const struct mapping *m, long skip,
    int enc_set, int delim_set)
{
	if (!enc_set)
		r->c.ropts.encoding = m->encoding ? m->encoding : "auto";
	if (!delim_set && m->delimiter)
		r->c.ropts.delimiter = m->delimiter;
	if (skip >= 0)
		r->c.ropts.skip_lines = skip;
	else if (m->skip_lines >= 0)
		r->c.ropts.skip_lines = m->skip_lines;
	r->c.ropts.allow_duplicate_header = 1;
}

static int
import(struct run *r, const struct mapping *m, const track_scheme *s,
    const char *path)
{
	track_import *imp = NULL;
	track_reader *rd = NULL;
	track_error err;
	track_row row;
	const track_str *h;
	size_t n;
	enum track_read got;
	unsigned long long rows = 0;
	int rc, out_open = 0, rj_open = 0;

	rc = import_new(&imp, m, s, &r->c.ropts, on_problem, r, &err);
	if (rc != 0) {
		cli_report(&err);
		goto done;
	}
	rc = reader_open(&rd, path, &r->c.ropts, &err);
	if (rc != 0) {
		cli_report(&err);
		goto done;
	}
	h = reader_header(rd, &n);
	rc = cli_output_open(&r->out, &r->c);
	if (rc != 0)
		goto done;
	out_open = 1;
	rc = cli_rejects_open(&r->rj, &r->c);
	if (rc != 0)
		goto done;
	rj_open = 1;
	if (n > 0) {
		const track_str *oh;
		size_t on;

		rc = import_header(imp, h, n, reader_name(rd), &err);
		if (rc != 0) {
			cli_report(&err);
			goto done;
		}
		oh = import_out_header(imp, &on);
		warn_not_records(oh, on, h, n);
		if (writer_header(r->out.w, oh, on, &err) != 0) {
			cli_report(&err);
			rc = TRACK_EXIT_IO;
			goto done;
		}
	}
	while ((got = reader_next(rd, &row, &err)) != TRACK_READ_EOF) {
		int bad;

		cli_progress(&r->c, ++rows);
		if (got == TRACK_READ_FATAL) {
			cli_report(&err);
			r->status = TRACK_EXIT_IO;
			break;
		}
		if (got == TRACK_READ_BAD) {
			r->status = TRACK_EXIT_DATA;
			if (cli_reject(&r->rj, &err, h, n, &row) != 0) {
				r->status = TRACK_EXIT_IO;
				break;
			}
			continue;
		}
		bad = import_row(imp, &row, reader_name(rd), on_record, r);
		if (bad < 0) {
			if (!writer_broken_pipe(r->out.w))
				r->status = TRACK_EXIT_IO;
			break;
		}
		if (bad > 0 && r->rj.w != NULL) {
			if (cli_reject_quiet(&r->rj, h, n, &row) != 0) {
				r->status = TRACK_EXIT_IO;
				break;
			}
		}
	}
	cli_progress_done(&r->c);
	import_finish(imp);
	rc = r->status;
done:
	/* The output first: when it fails (a full disk), no rejects either. */
	if (out_open)
		rc = cli_output_close(&r->out, rc);
	if (rj_open)
		rc = cli_rejects_close(&r->rj, rc);
	reader_close(rd);
	import_free(imp);
	return rc;
}

int
main(int argc, char **argv)
{
	struct run r;
	struct mapping m, opts;
	track_scheme *s = NULL;
	track_error err;
	const char *mapfile = NULL;
	long skip = -1;
	int opt, rc = 0, enc_set = 0, delim_set = 0;
	char *end;

	memset(&r, 0, sizeof r);
	cli_init(&r.c, "track-import", 0);
	mapping_init(&m);
	mapping_init(&opts);
	while ((opt = getopt_long(argc, argv, CLI_SHORTOPTS "m:", longopts,
	    NULL)) != -1) {
		int common = cli_option(&r.c, opt, optarg);

		if (common < 0) {
			rc = TRACK_EXIT_USAGE;
			goto out;
		}
		if (common > 0) {
			enc_set |= opt == 'e';
			delim_set |= opt == 'd';
			continue;
		}
		rc = 0;
		switch (opt) {
		case 'm':
			mapfile = optarg;
			break;
		case OPT_RENAME:
			rc = mapping_add_rename(&opts, optarg, &err);
			break;
		case OPT_SET:
			rc = mapping_add_set(&opts, optarg, &err);
			break;
		case OPT_UNPIVOT:
			rc = mapping_set_list(&opts.unpivot, &opts.nunpivot,
			    optarg, &err);
			break;
		case OPT_KEY:
			rc = mapping_set_list(&opts.key, &opts.nkey, optarg,
			    &err);
			break;
		case OPT_SPLIT:
			rc = mapping_set_string(&opts.split, optarg, &err);
			break;
		case OPT_JOIN:
			rc = mapping_set_string(&opts.join, optarg, &err);
			break;
		case OPT_ACADEMIC_YEAR:
			rc = mapping_set_string(&opts.academic_year, optarg,
			    &err);
			break;
		case OPT_SKIP_LINES:
			skip = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || skip < 0) {
				cli_error("bad --skip-lines \"%s\" (a whole "
				    "number >= 0)", optarg);
				rc = TRACK_EXIT_USAGE;
				goto out;
			}
			break;
		default:
			usage(TRACK_EXIT_USAGE);
			rc = TRACK_EXIT_USAGE;
			goto out;
		}
		if (rc != 0) {
			cli_report(&err);
			goto out;
		}
	}
	if (r.c.help) {
		usage(0);
		goto out;
	}
	if (r.c.version) {
		cli_version();
		goto out;
	}
	if (argc - optind > 1) {
		cli_error("one export at a time (got %d files); import each "
		    "and combine the records with track-filter A.csv B.csv",
		    argc - optind);
		usage(TRACK_EXIT_USAGE);
		rc = TRACK_EXIT_USAGE;
		goto out;
	}
	if (mapfile != NULL && (rc = mapping_load(&m, mapfile, &err)) != 0) {
		cli_report(&err);
		goto out;
	}
	/* Options add to the file's renames and sets and replace the rest. */
	rc = mapping_merge(&m, &opts, &err);
	if (rc != 0) {
		cli_report(&err);
		goto out;
	}
	reader_settings(&r, &m, skip, enc_set, delim_set);
	rc = scheme_load(&s, r.c.scheme, &err);
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
	mapping_free(&opts);
	scheme_free(s);
	return cli_exit(&r.c, rc);
}
