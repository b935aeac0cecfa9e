/*
 * track-matrix - progress matrices: pupils counted by their value at one
 * assessment (rows) and another (columns), with totals, movement and the
 * names behind every cell.  See track-matrix(1).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "cli/cli.h"
#include "report/matrix.h"
#include "report/rtable.h"
#include "scheme/scheme.h"

enum {
	OPT_FROM = CLI_OPT_FIRST_FREE,
	OPT_TO,
	OPT_POINT,
	OPT_BINS,
	OPT_PUPILS,
	OPT_STABLE,
	OPT_MIN_GROUP,
	OPT_TITLE
};

static const struct option longopts[] = {
	CLI_LONGOPTS,
	{ "from", required_argument, NULL, OPT_FROM },
	{ "to", required_argument, NULL, OPT_TO },
	{ "point", required_argument, NULL, OPT_POINT },
	{ "bins", required_argument, NULL, OPT_BINS },
	{ "pupils", no_argument, NULL, OPT_PUPILS },
	{ "stable", no_argument, NULL, OPT_STABLE },
	{ "min-group", required_argument, NULL, OPT_MIN_GROUP },
	{ "title", required_argument, NULL, OPT_TITLE },
	{ "jobs", required_argument, NULL, 'j' },
	{ NULL, 0, NULL, 0 }
};

static void
usage(int status)
{
	FILE *f = status == 0 ? stdout : stderr;

	fprintf(f,
	    "usage: track-matrix --from SEL --to SEL [--point P] "
	    "[--bins E1,E2,...]\n"
	    "                    [--pupils] [--stable] [--min-group N] "
	    "[-F FORMAT]\n"
	    "                    [--title TEXT] [-o FILE] [-j N] [-s SCHEME]\n"
	    "                    [-e ENC] [-d DELIM] [--input-format FMT] "
	    "[--rejects FILE]\n"
	    "                    [--raw | --excel-safe] [--bom] "
	    "[--max-field-size N]\n"
	    "                    [--max-columns N] [--no-progress]\n"
	    "                    [--sheet SHEET] [FILE...]\n"
	    "       track-matrix --list-sheets [FILE...]\n"
	    "       track-matrix -h | -V\n");
	if (status == 0)
		fprintf(f, "See track-matrix(1).\n");
}

struct prog {
	struct cli_common c;
	struct matrix_opts o;
	track_scheme *s;
	track_matrix *m;
};

static int
on_header(void *ctx, const track_str *h, size_t n, track_error *err)
{
	return matrix_bind(((struct prog *)ctx)->m, h, n, err);
}

static int
on_row(void *ctx, const track_row *row, track_error *err)
{
	return matrix_row(((struct prog *)ctx)->m, row->field, err);
}

/* After the reading: the checks that need every record. */
static int
check(void *ctx, int status)
{
	struct prog *p = ctx;
	track_error err;

	if (matrix_check(p->m, &err) != 0) {
		cli_report(&err);
		status = error_graver(status, (int)err.kind);
	}
	return status;
}

/* Writes the matrices in the chosen format; returns the final status. */
static int
write_result(void *ctx, track_writer *w, int status)
{
	struct prog *p = ctx;
	track_rtable *t = NULL;
	json_t *meta = NULL;
	track_error err;
	int rc;

	error_clear(&err);
	if (p->c.format == TRACK_FMT_TABLE || p->c.format == TRACK_FMT_XLSX ||
	    p->c.format == TRACK_FMT_MARKDOWN) {
		rc = matrix_grids(p->m, w, p->c.format, &err);
	} else {
		rc = matrix_table(p->m, &t, &meta, &err);
		if (rc == 0 && p->c.format == TRACK_FMT_JSON)
			rc = rtable_json_write(meta, w, &err);
		else if (rc == 0)
			rc = rtable_write(t, w, p->c.format, &err);
	}
	rtable_free(t);
	json_decref(meta);
	if (rc == 0 || writer_broken_pipe(w))
		return status;
	cli_report(&err);
	return error_graver(status, rc);
}

static int
run(struct prog *p, char **files, size_t n)
{
	track_error err;
	int rc;

	rc = matrix_new(&p->m, p->s, &p->o, &err);
	if (rc != 0) {
		cli_report(&err);
		return rc;
	}
	return cli_run_report(&p->c, files, n, on_header, on_row, check,
	    write_result, p);
}

/*
 * Parses the options into p.  Returns 0 to go on, -1 when -h or -V has
 * been answered, or TRACK_EXIT_USAGE.
 */
static int
options(struct prog *p, int argc, char **argv)
{
	int opt;

	while ((opt = cli_getopt(&p->c, argc, argv, CLI_SHORTOPTS "j:",
	    longopts, usage)) != -1) {
		switch (opt) {
		case OPT_FROM:
			p->o.from = optarg;
			break;
		case OPT_TO:
			p->o.to = optarg;
			break;
		case OPT_POINT:
			p->o.point = optarg;
			break;
		case OPT_BINS:
			p->o.bins = optarg;
			break;
		case OPT_PUPILS:
			p->o.pupils = 1;
			break;
		case OPT_STABLE:
			p->o.stable = 1;
			break;
		case OPT_MIN_GROUP:
			if (cli_min_group(optarg, &p->o.min_group) != 0)
				return TRACK_EXIT_USAGE;
			break;
		case OPT_TITLE:
			p->o.title = optarg;
			break;
		default:	/* CLI_OPT_BAD */
			return TRACK_EXIT_USAGE;
		}
	}
	if (cli_help_version(&p->c, usage))
		return -1;
	return cli_no_html(&p->c);
}

int
main(int argc, char **argv)
{
	struct prog p;
	track_error err;
	int rc;

	memset(&p, 0, sizeof p);
	p.o.min_group = -1;
	cli_init(&p.c, "track-matrix", CLI_REPORT | CLI_JOBS);
	rc = options(&p, argc, argv);
	if (rc != 0) {
		rc = rc < 0 ? 0 : rc;
		goto out;
	}
	rc = scheme_load(&p.s, p.c.scheme, &err);
	if (rc != 0) {
		cli_report(&err);
		goto out;
	}
	cli_inputs(&p.c, argv + optind, (size_t)(argc - optind));
	rc = run(&p, argv + optind, (size_t)(argc - optind));
out:
	matrix_free(p.m);
	scheme_free(p.s);
	return cli_exit(&p.c, rc);
}
