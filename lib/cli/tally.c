/*
 * tally.c - the problems of a run counted by kind, so that at the end the
 * data manager sees the size of each problem before its details:
 *
 *   track-import: 37 rows with an unknown code (first: marks.xlsx:Sheet1!D7
 *   "EXS+")
 *
 * Every problem reported with a position (cli_report, cli_report_warning)
 * is counted under its kind, which is read from the message: the library's
 * messages start with what is wrong ("unknown descriptor \"EXS+\" for
 * writing"), and a cell of an unpivoted column has the column's name in
 * front ("\"Reading Autumn\": ...").  A row counts once per kind.  The
 * summary is printed by cli_exit when some kind was met on more than one
 * row; one problem needs no summing up.
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>

/* The kinds a run can tell apart; more are counted under the last. */
#define MAX_KINDS 24

struct kind {
	char what[96];		/* "an unknown code" */
	int warning;
	unsigned long rows;
	char file[256];		/* the last row counted, to count rows once */
	long line;
	char first[160];	/* where it was first, and the value */
};

/*
 * static state: problems are reported from callbacks all over cmd/ and
 * lib/cli (cli_report takes only the error), and the summary is printed
 * by cli_exit; a run is one process, so the counts are the process's.
 */
static struct kind kinds[MAX_KINDS];
/* static state: see kinds. */
static size_t nkinds;

/* Message starts and what they are called in the summary. */
static const struct {
	const char *start;
	const char *what;
} named[] = {
	{ "unknown descriptor ", "an unknown code" },
	{ "unknown level ", "an unknown level" },
	{ "unknown subject ", "an unknown subject" },
	{ "unknown measure ", "an unknown measure" },
	{ "unknown point ", "an unknown point" },
	{ "unknown year group ", "an unknown year group" },
	{ "invalid score ", "a score that is not a number" },
	{ "invalid reading age ", "a reading age that cannot be read" },
	{ "no pupil id", "no pupil id" },
	{ "no subject", "no subject" },
	{ "no point", "no point" },
	{ "empty value", "an empty value" },
	{ "dob ", "a date of birth that cannot be read" },
	{ "date ", "a date that cannot be read" },
};

/* The message without a column's name in front of it. */
static const char *
body(const char *text)
{
	const char *q;

	/* "\"Reading Autumn\": unknown ..." is about a column's cell. */
	if (text[0] == '"' && (q = strstr(text + 1, "\": ")) != NULL)
		return q + 3;
	return text;
}

/*
 * Reads the kind of message `text` into k->what; leaves it empty for a
 * message of no kind named here (it is not counted).
 */
static void
kind_of(const char *text, struct kind *k)
{
	const char *q;
	size_t i;

	text = body(text);
	for (i = 0; i < sizeof named / sizeof named[0]; i++) {
		if (strncmp(text, named[i].start, strlen(named[i].start)) == 0) {
			snprintf(k->what, sizeof k->what, "%s", named[i].what);
			return;
		}
	}
	/* "unknown send value \"S\"": an unknown value of a group. */
	if (strncmp(text, "unknown ", 8) == 0 &&
	    (q = strstr(text, " value \"")) != NULL && q - text < 60) {
		snprintf(k->what, sizeof k->what, "an %.*s value",
		    (int)(q - text), text);
		return;
	}
	/* Other messages are rarer, and their words are their own. */
	k->what[0] = '\0';
}

void
cli_tally(const track_error *err, int warning)
{
	struct kind probe, *k = NULL;
	char where[600];
	const char *v, *end;
	size_t i;

	if (err->file == NULL || err->text[0] == '\0')
		return;
	memset(&probe, 0, sizeof probe);
	kind_of(err->text, &probe);
	if (probe.what[0] == '\0')
		return;
	for (i = 0; i < nkinds; i++)
		if (kinds[i].warning == warning &&
		    strcmp(kinds[i].what, probe.what) == 0)
			k = &kinds[i];
	if (k == NULL && nkinds == MAX_KINDS)
		return;
	if (k == NULL) {
		k = &kinds[nkinds++];
		*k = probe;
		k->warning = warning;
		error_where(where, sizeof where, err->file, err->line,
		    err->col);
		/* The value: the first quoted text after the kind's start. */
		v = strchr(body(err->text), '"');
		end = v != NULL ? strchr(v + 1, '"') : NULL;
		if (end != NULL && end - v - 1 > 40)
			snprintf(k->first, sizeof k->first, "%.100s %.41s...\"",
			    where, v);
		else if (end != NULL)
			snprintf(k->first, sizeof k->first, "%.100s %.*s", where,
			    (int)(end - v + 1), v);
		else
			snprintf(k->first, sizeof k->first, "%.150s", where);
	} else if (err->line > 0 && k->line == err->line &&
	    strncmp(k->file, err->file, sizeof k->file - 1) == 0) {
		return;		/* this row was counted */
	}
	k->rows++;
	snprintf(k->file, sizeof k->file, "%s", err->file);
	k->line = err->line;
}

void
cli_tally_print(void)
{
	size_t i;
	int many = 0;

	for (i = 0; i < nkinds; i++)
		many |= kinds[i].rows > 1;
	for (i = 0; many && i < nkinds; i++) {
		const struct kind *k = &kinds[i];

		fprintf(stderr, "%s: %s%lu row%s with %s (first: %s)\n",
		    cli_progname, k->warning ? "warning: " : "", k->rows,
		    k->rows == 1 ? "" : "s", k->what, k->first);
	}
	nkinds = 0;
}
