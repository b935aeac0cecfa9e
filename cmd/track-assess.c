/*
 * track-assess - validate records against the scheme and add band, rank,
 * expected, out_of_year and age_gap; or write a data-entry template.
 * See track-assess(1); the columns are lib/assess/derive.c's, last record
 * wins in lib/assess/latest.c and the template is lib/assess/template.c.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "assess/assess.h"
#include "assess/derive.h"
#include "assess/latest.h"
#include "assess/template.h"
#include "cli/cli.h"
#include "scheme/scheme.h"

enum {
	OPT_TEMPLATE = CLI_OPT_FIRST_FREE,
	OPT_POINT,
	OPT_SUBJECTS,
	OPT_CLASS
};

static const struct option longopts[] = {
	CLI_LONGOPTS,
	{ "template", no_argument, NULL, OPT_TEMPLATE },
	{ "point", required_argument, NULL, OPT_POINT },
	{ "subjects", required_argument, NULL, OPT_SUBJECTS },
	{ "class", required_argument, NULL, OPT_CLASS },
	{ "jobs", required_argument, NULL, 'j' },
	{ NULL, 0, NULL, 0 }
};

static void
usage(int status)
{
	FILE *f = status == 0 ? stdout : stderr;

	fprintf(f,
	    "usage: track-assess [-F FORMAT] [-o FILE] [-s SCHEME] [-e ENC] "
	    "[-d DELIM]\n"
	    "                    [--input-format FMT] [--rejects FILE]\n"
	    "                    [--excel-safe | --raw] [--bom] "
	    "[--max-field-size N]\n"
	    "                    [--max-columns N] [--no-progress] [-j N]\n"
	    "                    [--sheet SHEET] [FILE...]\n"
	    "       track-assess --template --point P [--subjects LIST] "
	    "[--class C] [--raw]\n"
	    "                    [-F FORMAT] [-o FILE] [-s SCHEME] [FILE...]\n"
	    "       track-assess --list-sheets [FILE...]\n"
	    "       track-assess -h | -V\n");
	if (status == 0)
		fprintf(f, "See track-assess(1).\n");
}

struct prog {
	struct cli_common c;
	int template;
	const char *point, *subjects, *klass;
	track_scheme *s;
	track_assess *a;
	track_derive *d;		/* the columns added */
	track_latest *l;		/* the rows held: last record wins */
	track_latest_plan *plan;	/* or a first pass's, not held */
	track_template *t;		/* --template */
	struct cli_output out;
	struct cli_rejects rj;
	int out_open, rj_open, header_seen;
	int piped;		/* the output pipe closed: reading stopped */
};

/* Parses the options into p; returns 0, -1 (-h, -V) or an exit status. */
static int
options(struct prog *p, int argc, char **argv)
{
	int opt;

	while ((opt = cli_getopt(&p->c, argc, argv, CLI_SHORTOPTS "j:",
	    longopts, usage)) != -1) {
		switch (opt) {
		case OPT_TEMPLATE:
			p->template = 1;
			break;
		case OPT_POINT:
			p->point = optarg;
			break;
		case OPT_SUBJECTS:
			p->subjects = optarg;
			break;
		case OPT_CLASS:
			p->klass = optarg;
			break;
		default:	/* CLI_OPT_BAD */
			return TRACK_EXIT_USAGE;
		}
	}
	if (cli_help_version(&p->c, usage))
		return -1;
	if (p->template && p->point == NULL) {
		cli_error("--template needs --point, the point the grid is "
		    "for (e.g. --point 2025-26.spring)");
		return TRACK_EXIT_USAGE;
	}
	if (!p->template && (p->point || p->subjects || p->klass)) {
		cli_error("--point, --subjects and --class go with --template");
		return TRACK_EXIT_USAGE;
	}
	/* A template is a report: guarded unless --raw. */
	if (p->template && !p->c.guard_set)
		p->c.guard = 1;
	return 0;
}

/* Opens -o and --rejects, in that order.  Returns 0 or a status. */
static int
open_outputs(struct prog *p)
{
	int rc;

	rc = cli_output_open(&p->out, &p->c);
	if (rc != 0)
		return rc;
	p->out_open = 1;
	rc = cli_rejects_open(&p->rj, &p->c);
	p->rj_open = rc == 0;
	return rc;
}

static void
on_warn(void *ctx, const char *msg)
{
	(void)ctx;
	cli_warn("%s", msg);
}

/*
 * The input's header: binds the assessor and the columns or the
 * template, opens the outputs and writes the header.  A failure past the
 * assessor's is printed here, so that the read loop stops quietly.
 */
static int
on_header(void *ctx, const track_str *h, size_t n, track_error *err)
{
	struct prog *p = ctx;
	const track_str *oh;
	track_error e;
	size_t on;
	int rc;

	p->header_seen = 1;
	/* After a first pass its assessor goes on, with the same ids. */
	rc = p->a != NULL ? 0 : assess_new(&p->a, p->s, h, n, p->t != NULL ?
	    0 : ASSESS_STRICT_POINTS, err);
	if (rc != 0)
		return rc;
	rc = p->t != NULL ? assess_template_bind(p->t, p->a, h, n, &e) :
	    assess_derive_new(&p->d, p->a, p->s, h, n, &e);
	if (rc != 0) {
		cli_report(&e);
		return rc;
	}
	rc = open_outputs(p);
	if (rc != 0 || p->t != NULL)
		return rc;
	rc = assess_latest_new(&p->l, p->d, p->out.w, on_warn, p, &e);
	if (rc != 0) {
		cli_report(&e);
		return rc;
	}
	assess_latest_provenance(p->l, h, n);
	if (p->plan != NULL) {
		assess_latest_stream(p->l, p->plan);
		p->plan = NULL;
	}
	oh = assess_derive_header(p->d, &on);
	if (writer_header(p->out.w, oh, on, &e) == 0)
		return 0;
	if (writer_broken_pipe(p->out.w)) {
		p->piped = 1;
		return CLI_STOP;
	}
	cli_report(&e);
	return TRACK_EXIT_IO;
}

/* A good row: into the template, or held for the output. */
static int
on_row(void *ctx, const track_row *row, track_error *err)
{
	struct prog *p = ctx;
	struct track_obs o;
	int rc;

	rc = assess_row(p->a, row->field, &o, err);
	if (rc != 0)
		return rc;
	if (p->t != NULL)
		return assess_template_add(p->t, &o, row->field, err);
	return assess_latest_add(p->l, &o, row, err);
}

/*
 * After the reading, which ended with status `rc`: writes the held rows
 * or the template.  Returns the status.
 */
static int
finish(struct prog *p, int rc)
{
	track_error err;
	int wrc;

	if (p->piped || (rc != 0 && rc != TRACK_EXIT_DATA))
		return rc;
	/* No output when the header was bad: no grid either. */
	if (p->t != NULL && p->out.w != NULL)
		wrc = assess_template_write(p->t, p->out.w, &err);
	else if (p->l != NULL)
		wrc = assess_latest_write(p->l, &err);
	else
		return rc;
	if (wrc == 0)
		return rc;
	if (wrc == TRACK_EXIT_IO && writer_broken_pipe(p->out.w))
		return rc;
	cli_report(&err);
	return wrc;
}

/*
 * Reads every record; writes them assessed, or the template.  Regular
 * files are read twice, so that no row is held: first for each record's
 * identity, then to write the last of each.
 */
static int
run(struct prog *p, char **files, size_t n)
{
	struct track_latest_pass lp = { 0 };
	int rc;

	/* Regular files: a first pass, quiet, holding no row. */
	lp.s = p->s;
	lp.flags = ASSESS_STRICT_POINTS;
	if (p->t == NULL && (assess_latest_pass_begin(&lp, files, n) != 0 ||
	    (lp.plan != NULL && assess_latest_pass_end(&lp,
	    cli_read_quiet(&p->c, files, n, assess_latest_pass_header,
	    assess_latest_pass_row, &lp)) != 0))) {
		cli_error("out of memory");
		return TRACK_EXIT_IO;
	}
	p->plan = lp.plan;
	p->a = lp.a;
	rc = cli_read_records(&p->c, files, n, &p->rj, on_header, on_row, p);
	if (!p->header_seen && rc == 0)
		rc = open_outputs(p);	/* an empty input */
	rc = finish(p, rc);
	/* The output first: when it fails (a full disk), no rejects either. */
	if (p->out_open)
		rc = cli_output_close(&p->out, rc);
	if (p->rj_open)
		rc = cli_rejects_close(&p->rj, rc);
	return rc;
}

int
main(int argc, char **argv)
{
	struct prog p;
	track_error err;
	int rc;

	memset(&p, 0, sizeof p);
	cli_init(&p.c, "track-assess", CLI_JOBS | CLI_RAW);
	rc = options(&p, argc, argv);
	if (rc != 0) {
		rc = rc < 0 ? 0 : rc;
		goto out;
	}
	rc = scheme_load(&p.s, p.c.scheme, &err);
	if (rc == 0 && p.template)
		rc = assess_template_new(&p.t, p.s, p.point, p.subjects,
		    p.klass, &err);
	if (rc != 0) {
		cli_report(&err);
		goto out;
	}
	rc = run(&p, argv + optind, (size_t)(argc - optind));
out:
	assess_latest_free(p.l);
	assess_latest_plan_free(p.plan);
	assess_derive_free(p.d);
	assess_template_free(p.t);
	assess_free(p.a);
	scheme_free(p.s);
	return cli_exit(&p.c, rc);
}
