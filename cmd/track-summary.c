/*
 * track-summary - attainment overviews and summary tables: % of pupils in
 * each band by subject, measure and point, by group, combined, against a
 * benchmark, as gaps, over time, or objectives coverage; with partials
 * that merge.  See track-summary(1).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/str.h"
#include "cli/cli.h"
#include "report/rtable.h"
#include "scheme/scheme.h"
#include "report/summary.h"
#include "report/suppress.h"

enum {
	OPT_POINT = CLI_OPT_FIRST_FREE,
	OPT_OVER,
	OPT_BY,
	OPT_PUPILS,
	OPT_COMBINE,
	OPT_MIN_GROUP,
	OPT_BENCHMARK,
	OPT_GAP,
	OPT_ACROSS,
	OPT_TOTALS,
	OPT_OBJECTIVES,
	OPT_PARTIAL,
	OPT_MERGE,
	OPT_ROLL
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
	    "[-F FORMAT] [-o FILE]\n"
	    "                     [-s SCHEME] [-e ENC] [-d DELIM] "
	    "[--input-format FMT]\n"
	    "                     [--rejects FILE] [--raw | --excel-safe]\n"
	    "                     [--max-field-size N] [--max-columns N] "
	    "[--no-progress]\n"
	    "                     [FILE...]\n"
	    "       track-summary -h | -V\n");
	if (status == 0)
		fprintf(f, "See track-summary(1).\n");
}

struct prog {
	struct cli_common c;
	struct summary_opts o;
	const char **combine;
	int partial, merge;
	const char *roll;
	track_scheme *s;
	track_summary *m;
};

static int
on_header(void *ctx, const track_str *h, size_t n, track_error *err)
{
	return summary_bind(((struct prog *)ctx)->m, h, n, err);
}

static int
on_row(void *ctx, const track_row *row, track_error *err)
{
	return summary_row(((struct prog *)ctx)->m, row->field, err);
}

static int
on_roll_header(void *ctx, const track_str *h, size_t n, track_error *err)
{
	return summary_roll_bind(((struct prog *)ctx)->m, h, n, err);
}

static int
on_roll_row(void *ctx, const track_row *row, track_error *err)
{
	return summary_roll_row(((struct prog *)ctx)->m, row->field, err);
}

/* Reports one bad line of a partial. */
static void
on_bad_partial(void *ctx, const track_error *err)
{
	(void)ctx;
	cli_report(err);
}

/* Reads the input (records, or partials with --merge). */
static int
read_input(struct prog *p, char **files, size_t n, struct cli_rejects *rj)
{
	track_error err;
	char *roll[1];
	size_t i;
	int rc, status = 0;

	if (p->merge) {
		static char *stdin_only[] = { "-" };

		if (n == 0) {
			files = stdin_only;
			n = 1;
		}
		for (i = 0; i < n; i++) {
			struct stat st;

			/* An empty partial is most often a part that failed. */
			if (strcmp(files[i], "-") != 0 &&
			    stat(files[i], &st) == 0 && st.st_size == 0)
				cli_warn("%s is empty: no partial to merge",
				    files[i]);
			rc = summary_merge(p->m, files[i], on_bad_partial, p,
			    &err);
			if (rc == TRACK_EXIT_DATA) {
				status = rc;	/* each line was reported */
			} else if (rc != 0) {
				cli_report(&err);
				return rc;
			}
		}
		return status;
	}
	if (p->roll != NULL) {
		int progress = p->c.progress;

		roll[0] = (char *)p->roll;
		p->c.progress = 0;
		status = cli_read_records(&p->c, roll, 1, NULL,
		    on_roll_header, on_roll_row, p);
		p->c.progress = progress;
		if (status != 0 && status != TRACK_EXIT_DATA)
			return status;
	}
	rc = cli_read_records(&p->c, files, n, rj, on_header, on_row, p);
	if (p->roll != NULL && summary_off_roll(p->m) > 0)
		cli_warn("%llu record%s for pupils not on the roll (%s) "
		    "%s left out", summary_off_roll(p->m),
		    summary_off_roll(p->m) == 1 ? "" : "s", p->roll,
		    summary_off_roll(p->m) == 1 ? "was" : "were");
	return error_graver(status, rc);
}

/*
 * Under an aligned or Markdown table that hides something, the note that
 * says why (suppress_note); CSV stays a table for other programs, and
 * JSON carries the counts for track-report.  Returns 0 or the error.
 */
static int
write_note(track_writer *w, enum track_format fmt, json_t *meta,
    track_error *err)
{
	json_t *sup = json_object_get(meta, "suppressed");
	char *note;
	int rc;

	if ((fmt != TRACK_FMT_TABLE && fmt != TRACK_FMT_MARKDOWN) ||
	    json_integer_value(json_object_get(sup, "small")) +
	    json_integer_value(json_object_get(sup, "complements")) == 0)
		return 0;
	note = suppress_note(json_integer_value(json_object_get(meta,
	    "min_group")), json_integer_value(json_object_get(sup,
	    "complements")));
	if (note == NULL)
		return 0;
	rc = writer_text(w, "\n", 1, err) || writer_text(w, note,
	    strlen(note), err) || writer_text(w, "\n", 1, err) ?
	    TRACK_EXIT_IO : 0;
	free(note);
	return rc;
}

/* Writes the result in the chosen format. */
static int
write_result(struct prog *p, struct cli_output *out, int status)
{
	track_rtable *t = NULL;
	json_t *meta = NULL;
	track_error err;
	char seen[400];
	int rc;

	if (p->partial) {
		rc = summary_partial(p->m, out->w, &err);
		goto done;
	}
	rc = summary_table(p->m, &t, &meta, &err);
	if (rc != 0)
		goto done;
	if (p->o.point != NULL && summary_rows_shown(p->m) == 0 &&
	    summary_points_seen(p->m, seen, sizeof seen) == 0 &&
	    seen[0] != '\0') {
		cli_error("no records at point \"%s\" (the input has %s); "
		    "choose one of those with --point", p->o.point, seen);
		status = error_graver(status, TRACK_EXIT_DATA);
	}
	if (p->c.format == TRACK_FMT_JSON) {
		rc = rtable_document(t, meta) != 0 ? TRACK_EXIT_IO :
		    rtable_json_write(meta, out->w, &err);
		if (rc != 0 && err.text[0] == '\0')
			error_set(&err, TRACK_EXIT_IO, NULL, 0,
			    "out of memory");
	} else {
		rc = rtable_write(t, out->w, p->c.format, &err);
		if (rc == 0)
			rc = write_note(out->w, p->c.format, meta, &err);
	}
done:
	rtable_free(t);
	json_decref(meta);
	if (rc != 0) {
		if (!writer_broken_pipe(out->w))
			cli_report(&err);
		return writer_broken_pipe(out->w) ? status : error_graver(rc, status);
	}
	return status;
}

static int
run(struct prog *p, char **files, size_t n)
{
	struct cli_output out;
	struct cli_rejects rj;
	track_error err;
	int rc, status;

	rc = summary_new(&p->m, p->s, &p->o, &err);
	if (rc != 0) {
		cli_report(&err);
		return rc;
	}
	rc = cli_rejects_open(&rj, &p->c);
	if (rc != 0)
		return rc;
	status = read_input(p, files, n, &rj);
	status = cli_rejects_close(&rj, status);
	if (status != 0 && status != TRACK_EXIT_DATA)
		return status;
	rc = cli_output_open(&out, &p->c);
	if (rc != 0)
		return rc;
	status = write_result(p, &out, status);
	return cli_output_close(&out, status);
}

/* Parses a whole number option; returns -1 when it is not one. */
static long
whole(const char *s)
{
	char *end;
	long v;

	if (*s < '0' || *s > '9')
		return -1;
	v = strtol(s, &end, 10);
	return *end != '\0' || v < 0 || v > 1000000 ? -1 : v;
}

int
main(int argc, char **argv)
{
	struct prog p;
	track_error err;
	int opt, rc = 0;

	memset(&p, 0, sizeof p);
	cli_init(&p.c, "track-summary", 1);
	p.o.min_group = -1;
	p.combine = calloc((size_t)argc + 1, sizeof *p.combine);
	if (p.combine == NULL) {
		cli_error("out of memory");
		return TRACK_EXIT_IO;
	}
	while ((opt = getopt_long(argc, argv, CLI_SHORTOPTS, longopts,
	    NULL)) != -1) {
		int common = cli_option(&p.c, opt, optarg);

		if (common < 0) {
			rc = TRACK_EXIT_USAGE;
			goto out;
		}
		if (common > 0)
			continue;
		switch (opt) {
		case OPT_POINT:
			p.o.point = optarg;
			break;
		case OPT_OVER:
			if (strcmp(optarg, "point") != 0) {
				cli_error("--over \"%s\": only --over point is "
				    "supported", optarg);
				rc = TRACK_EXIT_USAGE;
				goto out;
			}
			p.o.over = 1;
			break;
		case OPT_BY:
			p.o.by = optarg;
			break;
		case OPT_PUPILS:
			p.o.pupils = 1;
			break;
		case OPT_COMBINE:
			p.combine[p.o.ncombine++] = optarg;
			break;
		case OPT_MIN_GROUP:
			p.o.min_group = (int)whole(optarg);
			if (p.o.min_group < 0) {
				cli_error("--min-group \"%s\": give a whole "
				    "number, e.g. 5", optarg);
				rc = TRACK_EXIT_USAGE;
				goto out;
			}
			break;
		case OPT_BENCHMARK:
			p.o.benchmark = optarg;
			break;
		case OPT_GAP:
			p.o.gap = optarg;
			break;
		case OPT_ACROSS:
			p.o.across = optarg;
			break;
		case OPT_TOTALS:
			p.o.totals = 1;
			break;
		case OPT_OBJECTIVES:
			p.o.objectives = 1;
			break;
		case OPT_PARTIAL:
			p.partial = 1;
			p.o.partial = 1;
			break;
		case OPT_MERGE:
			p.merge = p.o.merge = 1;
			break;
		case OPT_ROLL:
			p.roll = optarg;
			break;
		default:
			usage(TRACK_EXIT_USAGE);
			rc = TRACK_EXIT_USAGE;
			goto out;
		}
	}
	p.o.combine = p.combine;
	if (p.c.help) {
		usage(0);
		goto out;
	}
	if (p.c.version) {
		cli_version();
		goto out;
	}
	rc = TRACK_EXIT_USAGE;
	if (p.o.point != NULL && p.o.over)
		cli_error("--point and --over point do not go together");
	else if (p.partial && p.merge)
		cli_error("--partial and --merge do not go together");
	else if (p.merge && (p.o.by || p.o.ncombine || p.o.pupils ||
	    p.o.point || p.o.over || p.roll || p.o.objectives))
		cli_error("--merge takes --by, --combine, --pupils, --point, "
		    "--over, --roll and --objectives from the partials; give "
		    "them when making the partials");
	else if (p.partial && (p.o.objectives || p.o.across))
		cli_error("--partial does not work with --%s",
		    p.o.objectives ? "objectives" : "across");
	else if (p.c.format == TRACK_FMT_HTML)
		cli_error("-F html: pipe -F json into track-report for the "
		    "governors' pack");
	else
		rc = 0;
	if (rc != 0)
		goto out;
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
