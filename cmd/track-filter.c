/*
 * track-filter - choose records: predicates, latest point, intersections,
 * columns, shards and pseudonyms.  See track-filter(1); the choosing is
 * lib/record/filter.c's.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "cli/cli.h"
#include "record/filter.h"

enum {
	OPT_ANY = CLI_OPT_FIRST_FREE,
	OPT_LATEST,
	OPT_IN,
	OPT_NOT_IN,
	OPT_SHARD,
	OPT_SPLIT,
	OPT_PSEUDO,
	OPT_KEEP
};

static const struct option longopts[] = {
	CLI_LONGOPTS,
	{ "where", required_argument, NULL, 'w' },
	{ "any", no_argument, NULL, OPT_ANY },
	{ "latest", no_argument, NULL, OPT_LATEST },
	{ "in", required_argument, NULL, OPT_IN },
	{ "not-in", required_argument, NULL, OPT_NOT_IN },
	{ "columns", required_argument, NULL, 'c' },
	{ "shard", required_argument, NULL, OPT_SHARD },
	{ "split", required_argument, NULL, OPT_SPLIT },
	{ "pseudonymise", required_argument, NULL, OPT_PSEUDO },
	{ "pseudonymize", required_argument, NULL, OPT_PSEUDO },
	{ "keep-column", required_argument, NULL, OPT_KEEP },
	{ "jobs", required_argument, NULL, 'j' },
	{ NULL, 0, NULL, 0 }
};

static void
usage(int status)
{
	FILE *f = status == 0 ? stdout : stderr;

	fprintf(f,
	    "usage: track-filter [-w EXPR]... [--any] [--latest] [--in FILE] "
	    "[--not-in FILE]\n"
	    "                    [-c LIST] [--shard I/N | --split N -o PATTERN]\n"
	    "                    [--pseudonymise KEYFILE "
	    "[--keep-column LIST]...]\n"
	    "                    [-F FORMAT] [-o FILE] [-s SCHEME] [-e ENC] "
	    "[-d DELIM]\n"
	    "                    [--input-format FMT] [--rejects FILE]\n"
	    "                    [--excel-safe | --raw] [--bom] "
	    "[--max-field-size N]\n"
	    "                    [--max-columns N] [--no-progress] [-j N]\n"
	    "                    [--sheet SHEET] [FILE...]\n"
	    "       track-filter --list-sheets [FILE...]\n"
	    "       track-filter -h | -V\n");
	if (status == 0)
		fprintf(f, "See track-filter(1).\n");
}

struct prog {
	struct cli_common c;
	struct track_filter_opts o;
	track_where **where;
	const char **keep;
	const char *in_file, *not_in_file, *split;	/* --split N */
	track_filter *f;
	enum track_filter_set set;	/* the --in/--not-in file being read */
	const char *set_file;
	struct cli_output out;
	struct cli_parts parts;
	int out_open, header_seen, piped;	/* piped: the output closed */
	size_t nout;		/* the output's width */
};

/* Parses the options into p; returns 0 or an exit status. */
static int
parse_options(struct prog *p, int argc, char **argv)
{
	track_error err;
	int opt;

	while ((opt = cli_getopt(&p->c, argc, argv, CLI_SHORTOPTS "w:c:j:",
	    longopts, usage)) != -1) {
		switch (opt) {
		case 'w':
			if (where_parse(&p->where[p->o.nwhere], optarg, &err)) {
				cli_report(&err);
				return TRACK_EXIT_USAGE;
			}
			p->o.nwhere++;
			break;
		case OPT_ANY: p->o.any = 1; break;
		case OPT_LATEST: p->o.latest = 1; break;
		case OPT_IN: p->in_file = optarg; p->o.in = 1; break;
		case OPT_NOT_IN: p->not_in_file = optarg; p->o.not_in = 1; break;
		case 'c': p->o.columns = optarg; break;
		case OPT_PSEUDO: p->o.keyfile = optarg; break;
		case OPT_KEEP: p->keep[p->o.nkeep++] = optarg; break;
		case OPT_SPLIT: p->split = optarg; break;
		case OPT_SHARD:
			if (cli_shard_option(optarg, &p->o.shard_i,
			    &p->o.shard_n) != 0)
				return TRACK_EXIT_USAGE;
			break;
		default:	/* CLI_OPT_BAD */
			return TRACK_EXIT_USAGE;
		}
	}
	if (!p->o.latest && !p->c.jobs_set)
		p->c.jobs = 1;	/* one thread is faster here */
	return p->split == NULL ? 0 :
	    cli_split_check(p->split, p->c.output, &p->o.split_n);
}

static int
on_set_header(void *ctx, const track_str *h, size_t n, track_error *err)
{
	struct prog *p = ctx;

	return filter_set_header(p->f, p->set, p->set_file, h, n, err);
}

static int
on_set_row(void *ctx, const track_row *row, track_error *err)
{
	return filter_set_row(((struct prog *)ctx)->f, row->field, err);
}

/*
 * Reads the pupils of the --in and --not-in files into the filter.  A
 * bad row is reported and the rest still used.
 */
static int
load_sets(struct prog *p)
{
	const char *file[2] = { p->in_file, p->not_in_file };
	int rc = 0, k;

	for (k = 0; k < 2 && (rc == 0 || rc == TRACK_EXIT_DATA); k++) {
		p->set = k == 0 ? TRACK_FILTER_IN : TRACK_FILTER_NOT_IN;
		p->set_file = file[k];
		if (file[k] != NULL)
			rc = error_graver(rc, cli_read_side(&p->c, file[k],
			    on_set_header, on_set_row, p));
	}
	return rc;
}

/* Warns, on one line, of the columns --pseudonymise leaves out. */
static int
warn_dropped(const track_filter *f)
{
	char *msg;

	if (filter_dropped(f, &msg) != 0) {
		cli_error("out of memory");
		return TRACK_EXIT_IO;
	}
	if (msg != NULL)
		cli_warn("%s", msg);
	free(msg);
	return 0;
}

/*
 * The input's header: binds the filter, opens the output and writes its
 * header.  A failure is printed here, so the read loop stops quietly.
 */
static int
on_header(void *ctx, const track_str *h, size_t n, track_error *err)
{
	struct prog *p = ctx;
	const track_str *oh;
	track_error e;
	int rc;

	(void)err;
	p->header_seen = 1;
	rc = filter_bind(p->f, h, n, &e);
	if (rc != 0) {
		cli_report(&e);
		return rc;
	}
	rc = warn_dropped(p->f);
	oh = filter_header(p->f, &p->nout);
	if (rc == 0 && p->o.split_n > 0)
		return cli_parts_open(&p->parts, p->o.split_n, &p->c, oh,
		    p->nout);
	if (rc == 0)
		rc = cli_output_open(&p->out, &p->c);
	if (rc != 0)
		return rc;
	p->out_open = 1;
	if (writer_header(p->out.w, oh, p->nout, &e) == 0)
		return 0;
	if (writer_broken_pipe(p->out.w)) {
		p->piped = 1;
		return CLI_STOP;
	}
	cli_report(&e);
	return TRACK_EXIT_IO;
}

/* A good row: written if chosen; a closed output pipe ends the reading. */
static int
on_row(void *ctx, const track_row *row, track_error *err)
{
	struct prog *p = ctx;
	const track_str *o;
	track_writer *w;
	int rc;

	rc = filter_row(p->f, row->field, &o, err);
	if (rc != 0 || o == NULL)
		return rc;
	w = p->parts.n > 0 ?
	    p->parts.out[filter_part(p->f, row->field) - 1].w : p->out.w;
	rc = writer_row_src(w, o, p->nout, row, err);
	if (rc == 0 || rc == TRACK_EXIT_DATA)	/* too long for a cell */
		return rc;
	if (!writer_broken_pipe(w))
		return TRACK_EXIT_IO;
	p->piped = 1;
	return CLI_STOP;
}

/* Reads every record and writes the ones chosen. */
static int
run(struct prog *p, char **files, size_t n)
{
	struct cli_rejects rj;
	track_error err;
	int rc;

	rc = cli_rejects_open(&rj, &p->c);
	if (rc != 0)
		return rc;
	if (filter_plan_wanted(p->f, files, n))
		filter_plan_done(p->f, cli_read_quiet(&p->c, files, n,
		    filter_plan_bind, filter_plan_row, p->f));
	rc = cli_read_records(&p->c, files, n, &rj, on_header, on_row, p);
	if (!p->header_seen && rc != 0) {
		/* No input could be opened: the rejects file stays as it was. */
		cli_rejects_close(&rj, TRACK_EXIT_USAGE);
		return rc;
	}
	if (!p->header_seen && p->o.split_n > 0)
		rc = cli_parts_open(&p->parts, p->o.split_n, &p->c, NULL, 0);
	else if (!p->header_seen) {
		rc = cli_output_open(&p->out, &p->c);	/* an empty input */
		p->out_open = rc == 0;
	}
	if (p->o.latest && p->out_open && !p->piped &&
	    (rc == 0 || rc == TRACK_EXIT_DATA) &&
	    filter_latest_write(p->f, p->out.w, &err) != 0) {
		if (!writer_broken_pipe(p->out.w))
			cli_report(&err);
		rc = TRACK_EXIT_IO;
	}
	/* The output first: when it fails (a full disk), no rejects either. */
	if (p->out_open)
		rc = cli_output_close(&p->out, rc);
	rc = cli_parts_close(&p->parts, rc);
	return cli_rejects_close(&rj, rc);
}

int
main(int argc, char **argv)
{
	struct prog p;
	track_error err;
	int rc, set_rc;
	size_t i;

	memset(&p, 0, sizeof p);
	cli_init(&p.c, "track-filter", CLI_JOBS | CLI_RAW);
	p.o.where = p.where = calloc((size_t)argc + 1, sizeof *p.where);
	p.o.keep = p.keep = calloc((size_t)argc + 1, sizeof *p.keep);
	if (p.where == NULL || p.keep == NULL) {
		cli_error("out of memory");
		rc = TRACK_EXIT_IO;
		goto out;
	}
	rc = parse_options(&p, argc, argv);
	if (rc != 0 || cli_help_version(&p.c, usage))
		goto out;
	p.o.scheme_file = p.c.scheme;
	rc = filter_new(&p.f, &p.o, &err);
	if (rc != 0) {
		cli_report(&err);
		goto out;
	}
	if (filter_key_loose(p.f))
		cli_warn("key file %s can be read by others; chmod 600 it",
		    p.o.keyfile);
	set_rc = load_sets(&p);
	if (set_rc != 0 && set_rc != TRACK_EXIT_DATA) {
		rc = set_rc;
		goto out;
	}
	cli_inputs(&p.c, argv + optind, (size_t)(argc - optind));
	rc = run(&p, argv + optind, (size_t)(argc - optind));
	if (rc == 0)
		rc = set_rc;
out:
	for (i = 0; i < p.o.nwhere; i++)
		where_free(p.where[i]);
	free(p.where);
	free(p.keep);
	filter_free(p.f);
	return cli_exit(&p.c, rc);
}
