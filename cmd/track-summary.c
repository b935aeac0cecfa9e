/*
 * track-summary - attainment overviews and summary tables (by group,
 * combined, benchmarked, as gaps, over time; objectives coverage; with
 * partials that merge).  See track-summary(1).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "scheme/scheme.h"
#include "report/summary.h"

enum {
	OPT_POINT = CLI_OPT_FIRST_FREE, OPT_OVER, OPT_BY, OPT_PUPILS,
	OPT_COMBINE, OPT_MIN_GROUP, OPT_BENCHMARK, OPT_GAP, OPT_ACROSS,
	OPT_TOTALS, OPT_OBJECTIVES, OPT_PARTIAL, OPT_MERGE, OPT_ROLL, OPT_TITLE
};

static const struct option longopts[] = {
	CLI_LONGOPTS,
	{ "point", required_argument, NULL, OPT_POINT },
	{ "over", required_argument, NULL, OPT_OVER },
	{ "by", required_argument, NULL, OPT_BY },
	{ "pupils", no_argument, NULL, OPT_PUPILS },
	{ "combine", required_argument, NULL, OPT_COMBINE },
	{ "min-group", required_argument, NULL, OPT_MIN_GROUP },
	{ "benchmark", required_argument, NULL, OPT_BENCHMARK },
	{ "gap", required_argument, NULL, OPT_GAP },
	{ "across", required_argument, NULL, OPT_ACROSS },
	{ "totals", no_argument, NULL, OPT_TOTALS },
	{ "objectives", no_argument, NULL, OPT_OBJECTIVES },
	{ "partial", no_argument, NULL, OPT_PARTIAL },
	{ "merge", no_argument, NULL, OPT_MERGE },
	{ "roll", required_argument, NULL, OPT_ROLL },
	{ "title", required_argument, NULL, OPT_TITLE },
	{ "jobs", required_argument, NULL, 'j' },
	{ NULL, 0, NULL, 0 }
};

static void
usage(int status)
{
	FILE *f = status == 0 ? stdout : stderr;

	fprintf(f,
	    "usage: track-summary [--point P | --over point] [--by COLS] "
	    "[--pupils]\n"
	    "                     [--combine NAME=A+B...] [--min-group N] "
	    "[--benchmark NAME]\n"
	    "                     [--gap COL=A:B] [--across FIELD] [--totals] "
	    "[--roll FILE]\n"
	    "                     [--objectives] [--partial | --merge] "
	    "[--title TEXT]\n"
	    "                     [-F FORMAT] [-o FILE] [-j N]\n"
	    "                     [-s SCHEME] [-e ENC] [-d DELIM] "
	    "[--input-format FMT]\n"
	    "                     [--rejects FILE] [--raw | --excel-safe] "
	    "[--bom]\n"
	    "                     [--max-field-size N] [--max-columns N] "
	    "[--no-progress]\n"
	    "                     [--sheet SHEET] [FILE...]\n"
	    "       track-summary --list-sheets [FILE...]\n"
	    "       track-summary -h | -V\n");
	if (status == 0)
		fprintf(f, "See track-summary(1).\n");
}

struct prog {
	struct cli_common c;
	struct summary_opts o;
	const char **combine;
	track_scheme *s;
	track_summary *m;
};

/* Reports one bad line of a partial, or warns of an empty one. */
static void
on_bad_partial(void *ctx, const track_error *err)
{
	(void)ctx;
	if (err->kind == TRACK_EXIT_OK)
		cli_warn("%s", err->text);
	else
		cli_report(err);
}

/* Reads the records (the roll first, with --roll). */
static int
read_records(struct prog *p, char **files, size_t n, struct cli_rejects *rj)
{
	unsigned long long off;
	int rc, status = 0;

	if (p->o.roll != NULL) {
		status = cli_read_side(&p->c, p->o.roll,
		    summary_on_roll_header, summary_on_roll_row, p->m);
		if (status != 0 && status != TRACK_EXIT_DATA)
			return status;
	}
	rc = cli_read_records(&p->c, files, n, rj, summary_on_header,
	    summary_on_row, p->m);
	off = summary_off_roll(p->m);
	if (p->o.roll != NULL && off > 0)
		cli_warn("%llu record%s for pupils not on the roll (%s) %s "
		    "left out", off, off == 1 ? "" : "s", p->o.roll,
		    off == 1 ? "was" : "were");
	return error_graver(status, rc);
}

/* Writes the result in the chosen format. */
static int
write_result(struct prog *p, struct cli_output *out, int status)
{
	track_rtable *t = NULL;
	json_t *meta = NULL;
	track_error err;
	int rc;

	if (p->o.partial)
		rc = summary_partial(p->m, out->w, &err);
	else
		rc = summary_table(p->m, &t, &meta, &err);
	if (rc == 0 && !p->o.partial && summary_warning(p->m) != NULL)
		cli_warn("%s", summary_warning(p->m));
	if (rc == 0 && !p->o.partial && summary_check(p->m, &err) != 0) {
		cli_report(&err);
		status = error_graver(status, TRACK_EXIT_DATA);
	}
	if (rc == 0 && !p->o.partial)
		rc = summary_write(t, meta, out->w, p->c.format, &err);
	rtable_free(t);
	json_decref(meta);
	if (rc == 0 || writer_broken_pipe(out->w))
		return status;
	cli_report(&err);
	return error_graver(rc, status);
}

static int
run(struct prog *p, char **files, size_t n)
{
	struct cli_output out;
	struct cli_rejects rj;
	track_error err;
	int rc, status;

	rc = summary_check_opts(&p->o, &err);
	if (rc == 0)
		rc = summary_new(&p->m, p->s, &p->o, &err);
	if (rc != 0) {
		cli_report(&err);
		return rc;
	}
	rc = cli_rejects_open(&rj, &p->c);
	if (rc != 0)
		return rc;
	if (p->o.merge) {
		status = summary_merge_files(p->m, files, n, on_bad_partial,
		    p, &err);
		if (status != 0 && status != TRACK_EXIT_DATA)
			cli_report(&err);
	} else {
		status = read_records(p, files, n, &rj);
	}
	status = cli_rejects_close(&rj, status);
	if (status != 0 && status != TRACK_EXIT_DATA)
		return status;
	rc = cli_output_open(&out, &p->c);
	if (rc != 0)
		return rc;
	status = write_result(p, &out, status);
	return cli_output_close(&out, status);
}

/*
 * Parses the options into p.  Returns 0 to go on, -1 when -h or -V has
 * been answered, or TRACK_EXIT_USAGE.
 */
static int
options(struct prog *p, int argc, char **argv)
{
	struct summary_opts *o = &p->o;
	int opt;

	while ((opt = cli_getopt(&p->c, argc, argv, CLI_SHORTOPTS "j:",
	    longopts, usage)) != -1) {
		switch (opt) {
		case OPT_POINT:
			o->point = optarg;
			break;
		case OPT_OVER:
			if (strcmp(optarg, "point") != 0) {
				cli_error("--over \"%s\": only --over point is "
				    "supported", optarg);
				return TRACK_EXIT_USAGE;
			}
			o->over = 1;
			break;
		case OPT_BY:
			o->by = optarg;
			break;
		case OPT_PUPILS:
			o->pupils = 1;
			break;
		case OPT_COMBINE:
			p->combine[o->ncombine++] = optarg;
			break;
		case OPT_MIN_GROUP:
			if (cli_min_group(optarg, &o->min_group) != 0)
				return TRACK_EXIT_USAGE;
			break;
		case OPT_BENCHMARK:
			o->benchmark = optarg;
			break;
		case OPT_GAP:
			o->gap = optarg;
			break;
		case OPT_ACROSS:
			o->across = optarg;
			break;
		case OPT_TOTALS:
			o->totals = 1;
			break;
		case OPT_OBJECTIVES:
			o->objectives = 1;
			break;
		case OPT_PARTIAL:
			o->partial = 1;
			break;
		case OPT_MERGE:
			o->merge = 1;
			break;
		case OPT_ROLL:
			o->roll = optarg;
			break;
		case OPT_TITLE:
			o->title = optarg;
			break;
		default:	/* CLI_OPT_BAD */
			return TRACK_EXIT_USAGE;
		}
	}
	o->combine = p->combine;
	if (cli_help_version(&p->c, usage))
		return -1;
	if (o->partial && p->c.format == TRACK_FMT_XLSX) {
		cli_error("--partial writes JSON Lines for --merge, not a "
		    "workbook: leave out -F xlsx");
		return TRACK_EXIT_USAGE;
	}
	return cli_no_html(&p->c);
}

int
main(int argc, char **argv)
{
	struct prog p;
	track_error err;
	int rc;

	memset(&p, 0, sizeof p);
	cli_init(&p.c, "track-summary", CLI_REPORT | CLI_JOBS);
	p.o.min_group = -1;
	p.combine = calloc((size_t)argc + 1, sizeof *p.combine);
	if (p.combine == NULL) {
		cli_error("out of memory");
		return TRACK_EXIT_IO;
	}
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
	summary_free(p.m);
	scheme_free(p.s);
	free(p.combine);
	return cli_exit(&p.c, rc);
}
