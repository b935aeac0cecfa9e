/*
 * track-pupil - the individual pupil: each pupil's story across points,
 * and the flags for the intervention meeting.  See track-pupil(1).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "report/pupil.h"
#include "scheme/ctf.h"
#include "scheme/scheme.h"

enum {
	OPT_FLAGS = CLI_OPT_FIRST_FREE,
	OPT_FLAG,
	OPT_STUCK,
	OPT_PUPIL,
	OPT_CLASS,
	OPT_YEAR,
	OPT_TRANSITION,
	OPT_CTF_SOURCE,
	OPT_CTF_DEST
};

static const struct option longopts[] = {
	CLI_LONGOPTS,
	{ "flags", no_argument, NULL, OPT_FLAGS },
	{ "flag", required_argument, NULL, OPT_FLAG },
	{ "stuck", required_argument, NULL, OPT_STUCK },
	{ "pupil", required_argument, NULL, OPT_PUPIL },
	{ "class", required_argument, NULL, OPT_CLASS },
	{ "year", required_argument, NULL, OPT_YEAR },
	{ "transition", no_argument, NULL, OPT_TRANSITION },
	{ "ctf-source", required_argument, NULL, OPT_CTF_SOURCE },
	{ "ctf-dest", required_argument, NULL, OPT_CTF_DEST },
	{ "jobs", required_argument, NULL, 'j' },
	{ NULL, 0, NULL, 0 }
};

static void
usage(int status)
{
	FILE *f = status == 0 ? stdout : stderr;

	fprintf(f,
	    "usage: track-pupil [--flags | --transition] [--flag LIST] "
	    "[--stuck N]\n"
	    "                   [--pupil ID[,ID...]] [--class NAME] "
	    "[--year Y]\n"
	    "                   [-F FORMAT | -F ctf [--ctf-source LAESTAB] "
	    "[--ctf-dest LAESTAB]]\n"
	    "                   [-o FILE] [-s SCHEME] [-j N]\n"
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
	int flag_list;		/* --flag was given */
	char when[32];		/* the CTF's DateTime */
};

/* Says what -F ctf left out, as a warning. */
static void
on_problem(void *ctx, const track_error *e)
{
	(void)ctx;
	cli_report_warning(e);
}

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

	p->o.threads = (unsigned)p->c.jobs;
	rc = pupil_new(&p->p, p->s, &p->o, &err);
	if (rc != 0) {
		cli_report(&err);
		return rc;
	}
	pupil_expect(p->p, files, n);
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
 * Checks the options that go together, and sets up -F ctf: its header's
 * schools and time (SOURCE_DATE_EPOCH, for a file made again the same,
 * or now; UTC).  Returns 0 or TRACK_EXIT_USAGE.
 */
static int
combine(struct prog *p)
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH"), *bad = NULL;
	time_t t = epoch != NULL ? (time_t)strtoll(epoch, NULL, 10) :
	    time(NULL);
	struct tm tm;

	if (p->o.flags && p->o.transition)
		bad = "--flags and --transition: choose one";
	else if (p->c.ctf && p->o.flags)
		bad = "-F ctf writes statutory results, not --flags";
	else if (!p->c.ctf && (p->o.ctf_source || p->o.ctf_dest))
		bad = "--ctf-source and --ctf-dest go with -F ctf";
	else if (p->o.ctf_source && !pupil_ctf_laestab_ok(p->o.ctf_source))
		bad = "--ctf-source: a LAESTAB is 7 digits, such as 9992041";
	else if (p->o.ctf_dest && !pupil_ctf_laestab_ok(p->o.ctf_dest))
		bad = "--ctf-dest: a LAESTAB is 7 digits, such as 9992041 "
		    "(MMMMMMM: not known)";
	if (bad != NULL) {
		cli_error("%s", bad);
		return TRACK_EXIT_USAGE;
	}
	if (p->flag_list && !p->o.transition)
		p->o.flags = 1;
	p->o.ctf = p->c.ctf;
	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(p->when, sizeof p->when, "%Y-%m-%dT%H:%M:%S", &tm) == 0)
		snprintf(p->when, sizeof p->when, "1970-01-01T00:00:00");
	p->o.ctf_time = p->when;
	p->o.problem = on_problem;
	p->o.pctx = p;
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

	while ((opt = cli_getopt(&p->c, argc, argv, CLI_SHORTOPTS "j:",
	    longopts, usage)) != -1) {
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
			p->flag_list = 1;
			break;
		case OPT_TRANSITION:
			p->o.transition = 1;
			break;
		case OPT_CTF_SOURCE:
			p->o.ctf_source = optarg;
			break;
		case OPT_CTF_DEST:
			p->o.ctf_dest = optarg;
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
	if (cli_no_html(&p->c) != 0)
		return TRACK_EXIT_USAGE;
	return combine(p);
}

int
main(int argc, char **argv)
{
	struct prog p;
	track_error err;
	int rc;

	memset(&p, 0, sizeof p);
	cli_init(&p.c, "track-pupil", CLI_REPORT | CLI_JOBS);
	p.c.ctf_ok = 1;
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
	if (p.o.ctf && !scheme_ctf_has(p.s)) {
		cli_error("-F ctf: the scheme %s has no \"ctf\" section to "
		    "say where results go (see track-import(1))",
		    scheme_name(p.s));
		rc = TRACK_EXIT_USAGE;
		goto out;
	}
	cli_inputs(&p.c, argv + optind, (size_t)(argc - optind));
	rc = run(&p, argv + optind, (size_t)(argc - optind));
out:
	pupil_free(p.p);
	scheme_free(p.s);
	return cli_exit(&p.c, rc);
}
