/*
 * track-report - the governors' pack: the JSON documents of track-summary
 * and track-matrix rendered as one self-contained HTML page, as
 * Markdown, or as a workbook; and track-pupil's as a page a pupil, for
 * staff or (--parents) for a parent.  See track-report(1).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "report/report.h"

enum {
	OPT_TITLE = CLI_OPT_FIRST_FREE,
	OPT_SCHOOL,
	OPT_DATE,
	OPT_PARENTS,
	OPT_PARENTS_GROUPS
};

static const struct option longopts[] = {
	CLI_LONGOPTS,
	{ "title", required_argument, NULL, OPT_TITLE },
	{ "school", required_argument, NULL, OPT_SCHOOL },
	{ "date", required_argument, NULL, OPT_DATE },
	{ "parents", no_argument, NULL, OPT_PARENTS },
	{ "parents-groups", required_argument, NULL, OPT_PARENTS_GROUPS },
	{ NULL, 0, NULL, 0 }
};

static void
usage(int status)
{
	FILE *f = status == 0 ? stdout : stderr;

	fprintf(f,
	    "usage: track-report [--title TEXT] [--school NAME] [--date DATE]\n"
	    "                    [--parents [--parents-groups LIST]]\n"
	    "                    [-F html|markdown|xlsx] [-o FILE] "
	    "[-s SCHEME]\n"
	    "                    [-e ENC] [-d DELIM] [--input-format FMT]\n"
	    "                    [--rejects FILE] "
	    "[--raw | --excel-safe]\n"
	    "                    [--max-field-size N]"
	    " [--max-columns N] [--no-progress]\n"
	    "                    [--sheet SHEET] [FILE...]\n"
	    "       track-report --list-sheets [FILE...]\n"
	    "       track-report -h | -V\n");
	if (status == 0)
		fprintf(f, "See track-report(1).\n");
}

/*
 * Reads the documents of one input, one JSON object a line (blank lines
 * skipped).  A line that is not a report is reported as file:line and
 * left out.  Returns 0, TRACK_EXIT_DATA or TRACK_EXIT_IO.
 */
static int
read_docs(track_report *r, const char *path)
{
	int is_stdin = strcmp(path, "-") == 0;
	const char *name = is_stdin ? "stdin" : path;
	FILE *f = is_stdin ? stdin : fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	long lineno = 0;
	int status = 0;

	if (f == NULL) {
		cli_error("cannot open %s: %s", path, strerror(errno));
		return TRACK_EXIT_IO;
	}
	while ((len = getline(&line, &cap, f)) > 0) {
		json_error_t je;
		track_error err;
		json_t *doc;
		ssize_t i;

		lineno++;
		for (i = 0; i < len && (line[i] == ' ' || line[i] == '\t' ||
		    line[i] == '\n' || line[i] == '\r'); i++)
			;
		if (i == len)
			continue;
		doc = json_loadb(line, (size_t)len, 0, &je);
		if (doc == NULL) {
			cli_error("%s:%ld: not JSON (%s); give the -F json "
			    "output of track-summary, track-matrix or "
			    "track-pupil", name, lineno, je.text);
			status = TRACK_EXIT_DATA;
			continue;
		}
		if (report_add(r, doc, &err) != 0) {
			err.file = name;
			err.line = lineno;
			cli_report(&err);
			status = error_graver(status, (int)err.kind);
		}
		json_decref(doc);
	}
	if (ferror(f)) {
		cli_error("cannot read %s: %s", name, strerror(errno));
		status = TRACK_EXIT_IO;
	}
	free(line);
	if (!is_stdin)
		fclose(f);
	return status;
}

/*
 * Parses the options into c and ro.  Returns 0 to go on, -1 when -h or
 * -V has been answered, or TRACK_EXIT_USAGE.
 */
static int
options(struct cli_common *c, struct report_opts *ro, int argc,
    char **argv)
{
	int opt;

	while ((opt = cli_getopt(c, argc, argv, CLI_SHORTOPTS, longopts,
	    usage)) != -1) {
		switch (opt) {
		case OPT_TITLE:
			ro->title = optarg;
			break;
		case OPT_SCHOOL:
			ro->school = optarg;
			break;
		case OPT_DATE:
			ro->date = optarg;
			break;
		case OPT_PARENTS:
			ro->parents = 1;
			break;
		case OPT_PARENTS_GROUPS:
			ro->parents_groups = optarg;
			break;
		default:	/* CLI_OPT_BAD */
			return TRACK_EXIT_USAGE;
		}
	}
	if (cli_help_version(c, usage))
		return -1;
	if (c->format != TRACK_FMT_HTML && c->format != TRACK_FMT_MARKDOWN &&
	    c->format != TRACK_FMT_XLSX) {
		cli_error("-F: track-report writes html, markdown or xlsx");
		return TRACK_EXIT_USAGE;
	}
	if (c->bom) {
		cli_error("--bom goes with csv or tsv output");
		return TRACK_EXIT_USAGE;
	}
	if (ro->parents_groups != NULL && !ro->parents) {
		cli_error("--parents-groups goes with --parents");
		return TRACK_EXIT_USAGE;
	}
	if (ro->parents && c->format == TRACK_FMT_XLSX) {
		cli_error("--parents writes html or markdown");
		return TRACK_EXIT_USAGE;
	}
	ro->workbook = c->format == TRACK_FMT_XLSX;
	return 0;
}

/* Writes the page; returns the final status (status if all went well). */
static int
write_page(const struct cli_common *c, track_report *r, int status)
{
	struct cli_common raw;
	struct cli_output out;
	track_error err;
	int rc;

	/* The page is text: the writer only buffers it. */
	raw = *c;
	if (c->format != TRACK_FMT_XLSX)
		raw.format = TRACK_FMT_CSV;
	rc = cli_output_open(&out, &raw);
	if (rc != 0)
		return rc;
	error_clear(&err);
	if (c->format == TRACK_FMT_XLSX)
		rc = report_xlsx(r, out.w, &err);
	else if (c->format == TRACK_FMT_HTML)
		rc = report_html(r, out.w, &err);
	else
		rc = report_markdown(r, out.w, &err);
	if (rc != 0 && !writer_broken_pipe(out.w))
		cli_report(&err);
	return cli_output_close(&out, rc != 0 && !writer_broken_pipe(out.w) ?
	    rc : status);
}

int
main(int argc, char **argv)
{
	struct cli_common c;
	struct report_opts ro;
	track_report *r = NULL;
	int rc, i, status = 0;

	memset(&ro, 0, sizeof ro);
	cli_init(&c, "track-report", CLI_REPORT);
	c.format = TRACK_FMT_HTML;
	rc = options(&c, &ro, argc, argv);
	if (rc != 0) {
		rc = rc < 0 ? 0 : rc;
		goto out;
	}
	r = report_new(&ro);
	if (r == NULL) {
		cli_error("out of memory");
		rc = TRACK_EXIT_IO;
		goto out;
	}
	cli_inputs(&c, argv + optind, (size_t)(argc - optind));
	if (optind == argc)
		status = read_docs(r, "-");
	for (i = optind; i < argc && status != TRACK_EXIT_IO; i++)
		status = error_graver(status, read_docs(r, argv[i]));
	rc = status == TRACK_EXIT_IO ? status : write_page(&c, r, status);
out:
	report_free(r);
	return cli_exit(&c, rc);
}
