/*
 * split.c - the outputs of track-filter --split: N files named by -o's
 * pattern, part k with k in place of its "%d", each opened and finished
 * as -o is (cli_output_open, cli_output_close).  See cli.h.
 */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
cli_split_check(const char *arg, const char *pattern, unsigned long *n)
{
	const char *d = pattern != NULL ? strchr(pattern, '%') : NULL;
	char *end;

	errno = 0;
	*n = strtoul(arg, &end, 10);
	if (*arg < '0' || *arg > '9' || *end != '\0' || errno != 0 ||
	    *n < 1 || *n > CLI_SPLIT_MAX) {
		cli_error("bad --split \"%s\" (the number of parts, 1 to %d)",
		    arg, CLI_SPLIT_MAX);
		return TRACK_EXIT_USAGE;
	}
	if (d == NULL || d[1] != 'd' || strchr(d + 2, '%') != NULL) {
		cli_error("--split needs -o naming the parts, with %%d once "
		    "for the part's number (e.g. -o 'part-%%d.csv')");
		return TRACK_EXIT_USAGE;
	}
	return 0;
}

int
cli_parts_open(struct cli_parts *p, unsigned long n,
    const struct cli_common *c, const track_str *hdr, size_t nh)
{
	struct cli_common pc = *c;
	const char *pct = strchr(c->output, '%');
	size_t len = strlen(c->output) + 24;
	char *name = malloc(len);
	track_error e;
	int rc = 0;

	p->out = calloc(n, sizeof *p->out);
	p->n = 0;
	if (name == NULL || p->out == NULL) {
		free(name);
		cli_error("out of memory");
		return TRACK_EXIT_IO;
	}
	pc.output = name;
	while (rc == 0 && p->n < n) {
		snprintf(name, len, "%.*s%zu%s", (int)(pct - c->output),
		    c->output, p->n + 1, pct + 2);
		rc = cli_output_open(&p->out[p->n], &pc);
		if (rc != 0)
			break;
		p->n++;
		if (hdr != NULL && writer_header(p->out[p->n - 1].w, hdr, nh,
		    &e) != 0) {
			cli_report(&e);
			rc = TRACK_EXIT_IO;
		}
	}
	free(name);
	return rc;
}

int
cli_parts_close(struct cli_parts *p, int status)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		status = cli_output_close(&p->out[i], status);
	free(p->out);
	p->out = NULL;
	p->n = 0;
	return status;
}
