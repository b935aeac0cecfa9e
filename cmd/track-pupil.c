/*
 * track-pupil - the individual pupil: each pupil's story across points,
 * and the flags for the intervention meeting.  See track-pupil(1).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "report/pupil.h"
#include "scheme/scheme.h"

enum {
	OPT_FLAGS = CLI_OPT_FIRST_FREE,
	OPT_FLAG,
	OPT_STUCK,
	OPT_PUPIL,
	OPT_CLASS,
	OPT_YEAR
};

static const struct option longopts[] = {
	CLI_LONGOPTS,
	{ "flags", no_argument, NULL, OPT_FLAGS },
	{ "flag", required_argument, NULL, OPT_FLAG },
	{ "stuck", required_argument, NULL, OPT_STUCK },
	{ "pupil", required_argument, NULL, OPT_PUPIL },
	{ "class", required_argument, NULL, OPT_CLASS },
	{ "year", required_argument, NULL, OPT_YEAR },
	{ NULL, 0, NULL, 0 }
};

static void
usage(int status)
{
	FILE *f = status == 0 ? stdout : stderr;

	fprintf(f,
	    "usage: track-pupil [--flags [--flag LIST] [--stuck N]] "
	    "[--pupil ID[,ID...]]\n"
	    "                   [--class NAME] [--year Y] [-F FORMAT] "
	    "[-o FILE] [-s SCHEME]\n"
	    "                   [-e ENC] [-d DELIM] [--input-format FMT] "
	    "[--rejects FILE]\n"
	    "                   [--raw | --excel-safe] [--bom] "
	    "[--max-field-size N]\n"
	    "                   [--max-columns N] [--no-progress] "
	    "[--sheet SHEET] [FILE...]\n"
	    "       track-pupil --list-sheets [FILE...]\n"
	    "       track-pupil -h | -V\n");
	if (status == 0)
		fprintf(f, "See track-pupil(1).\n");
}

struct prog {
	struct cli_common c;
	struct pupil_opts o;
	track_scheme *s;
	track_pupils *p;
};

static int
on_header(void *ctx, const track_str *h, size_t n, track_error *err)
{
	return pupil_bind(((struct prog *)ctx)->p, h, n, err);
}

static int
on_row(void *ctx, const track_row *row, track_error *err)
{
	return pupil_row(((struct prog *)ctx)->p, row->field, err);
}

/* Writes the profiles or the flags; returns the final status. */
static int
write_result(void *ctx, track_writer *w, int status)
{
	struct prog *p = ctx;
	track_error err;
	int rc = pupil_write(p->p, w, p->c.format, &err);

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

	rc = pupil_new(&p->p, p->s, &p->o, &err);
	if (rc != 0) {
		cli_report(&err);
		return rc;
	}
	return cli_run_report(&p->c, files, n, on_header, on_row, NULL,
	    write_result, p);
}

/* Reads --stuck N: a whole number from 1 to 100. */
static int
stuck(const char *arg, int *out)
{
	char *end;
	long n = strtol(arg, &end, 10);

	if (*arg == '\0' || *end != '\0' || n < 1 || n > 100) {
		cli_error("bad --stuck \"%s\" (a whole number of terms, 1 to "
		    "100)", arg);
		return TRACK_EXIT_USAGE;
	}
	*out = (int)n;
	return 0;
}

/*
 * Parses the options into p.  Returns 0 to go on, -1 when -h or -V has
 * been answered, or TRACK_EXIT_USAGE.
 */
static int
options(struct prog *p, int argc, char **argv)
{
	track_error err;
	int opt;

	while ((opt = cli_getopt(&p->c, argc, argv, CLI_SHORTOPTS, longopts,
	    usage)) != -1) {
		switch (opt) {
		case OPT_FLAGS:
			p->o.flags = 1;
			break;
		case OPT_FLAG:
			if (pupil_reasons_parse(optarg, &p->o.reasons,
			    &err) != 0) {
				cli_report(&err);
				return TRACK_EXIT_USAGE;
			}
			p->o.flags = 1;
			break;
		case OPT_STUCK:
			if (stuck(optarg, &p->o.stuck) != 0)
				return TRACK_EXIT_USAGE;
			break;
		case OPT_PUPIL:
			p->o.pupil = optarg;
			break;
		case OPT_CLASS:
			p->o.klass = optarg;
			break;
		case OPT_YEAR:
			p->o.year = optarg;
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
	cli_init(&p.c, "track-pupil", 1);
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
	pupil_free(p.p);
	scheme_free(p.s);
	return cli_exit(&p.c, rc);
}
