/*
 * import_join.c - the --join file: one row of pupil characteristics per
 * pupil, read when the importer is made, its cells normalised once (year
 * groups and group codes) and kept in an arena.  See import_int.h.
 */
#include "import_int.h"

#include <stdlib.h>
#include <string.h>

/*
 * Opens the join file.  It is its own file: its encoding, delimiter and
 * format are detected afresh, it has no title lines, and its header may
 * not name a column twice.
 */
static int
join_open(track_import *imp, const struct track_reader_opts *ropts,
    track_reader **r, track_error *err)
{
	struct track_reader_opts jo;

	if (ropts != NULL)
		jo = *ropts;
	else
		memset(&jo, 0, sizeof jo);
	jo.encoding = "auto";
	jo.delimiter = 0;
	jo.format = TRACK_IN_AUTO;
	jo.skip_lines = 0;
	jo.allow_duplicate_header = 0;
	return reader_open(r, imp->m->join, &jo, err);
}

/*
 * Names the join file's `n` columns (renamed like the export's) and finds
 * its pupil column.  Returns 0, or fills err.
 */
static int
join_header(track_import *imp, const track_str *h, size_t n,
    track_error *err)
{
	size_t i;

	imp->jname = calloc(n + 1, sizeof *imp->jname);
	imp->jmap = strmap_new();
	imp->missing = strmap_new();
	if (imp->jfile == NULL || imp->jname == NULL || imp->jmap == NULL ||
	    imp->missing == NULL)
		return error_nomem(err);
	imp->njcols = n;
	imp->jpupil = -1;
	for (i = 0; i < n; i++) {
		imp->jname[i] = import_out_name(imp->m, h[i]);
		if (imp->jname[i] == NULL)
			return error_nomem(err);
		if (strcmp(imp->jname[i], "pupil") == 0)
			imp->jpupil = (long)i;
	}
	if (imp->jpupil < 0)
		return error_set(err, TRACK_EXIT_DATA, imp->m->join, 1,
		    "the join file has no \"pupil\" column; use --rename "
		    "(e.g. --rename UPN=pupil)");
	return 0;
}

/* Makes room in imp->jcell for pupil `id`.  Returns 0 or -1. */
static int
join_room(track_import *imp, long id)
{
	size_t n = imp->njcols, cap;
	struct jcell *c;

	if ((size_t)id < imp->jcellcap)
		return 0;
	cap = imp->jcellcap ? imp->jcellcap * 2 : 256;
	c = realloc(imp->jcell, cap * (n ? n : 1) * sizeof *c);
	if (c == NULL)
		return -1;
	imp->jcell = c;
	imp->jcellcap = cap;
	return 0;
}

/*
 * Keeps the cells of `row` as pupil `id`'s, year groups, dates and group
 * codes normalised (a bad one is reported and kept as it was).  Returns 0 or
 * -1 when out of memory.
 */
static int
join_cells(track_import *imp, const track_row *row, long id)
{
	size_t n = imp->njcols, i;
	char buf[256], why[400];

	for (i = 0; i < n; i++) {
		track_str v = str_trim(row->field[i]), out = v;
		enum import_field f = import_field_of(imp->jname[i]);
		int g = f == F_OTHER &&
		    scheme_group_find(imp->s, imp->jname[i]) != NULL;
		long off;
		int nr = 0;

		if (f == F_YEAR || f == F_AGAINST || f == F_DOB ||
		    f == F_DATE || g)
			nr = import_normalise(imp, f, imp->jname[i], g, v, NULL,
			    &out, buf, sizeof buf, why, sizeof why);
		if (nr < 0) {
			import_say(imp, imp->jfile, row->line, 0, "%s", why);
			out = v;
		} else if (nr > 0) {
			import_say(imp, imp->jfile, row->line, 1, "%s", why);
		}
		off = buf_append(&imp->jarena, out.ptr, out.len, 1);
		if (off < 0)
			return -1;
		imp->jcell[(size_t)id * n + i].off = (size_t)off;
		imp->jcell[(size_t)id * n + i].len = out.len;
	}
	return 0;
}

/*
 * Takes one good row of the join file: its pupil's characteristics (a
 * later row for the same pupil replaces the earlier one, with a warning).
 * Returns 0 or -1 when out of memory.
 */
static int
join_row(track_import *imp, const track_row *row)
{
	track_str p = str_trim(row->field[imp->jpupil]);
	long id;
	int added;

	if (p.len == 0) {
		import_say(imp, imp->jfile, row->line, 0, "no pupil id");
		return 0;
	}
	id = strmap_intern(imp->jmap, p.ptr, p.len, &added);
	if (id < 0)
		return -1;
	if (!added)
		import_say(imp, imp->jfile, row->line, 1, "pupil %.*s appears "
		    "again; this row replaces the earlier one",
		    (int)p.len, p.ptr);
	else if (join_room(imp, id) != 0)
		return -1;
	return join_cells(imp, row, id);
}

int
import_load_join(track_import *imp, const struct track_reader_opts *ropts,
    track_error *err)
{
	track_reader *r = NULL;
	const track_str *h;
	track_row row;
	enum track_read got;
	size_t n;
	int rc;

	rc = join_open(imp, ropts, &r, err);
	if (rc != 0)
		return rc;
	imp->jfile = strdup(reader_name(r));
	h = reader_header(r, &n);
	rc = join_header(imp, h, n, err);
	while (rc == 0 && (got = reader_next(r, &row, err)) != TRACK_READ_EOF) {
		if (got == TRACK_READ_FATAL)
			rc = TRACK_EXIT_IO;
		else if (got == TRACK_READ_BAD && imp->problem != NULL)
			imp->problem(imp->ctx, err, 0);
		else if (got == TRACK_READ_ROW && join_row(imp, &row) != 0)
			rc = error_nomem(err);
	}
	reader_close(r);
	return rc;
}

void
import_free_join(track_import *imp)
{
	size_t i;

	for (i = 0; i < imp->njcols; i++)
		free(imp->jname[i]);
	free(imp->jname);
	free(imp->jfile);
	free(imp->jcell);
	buf_free(&imp->jarena);
	strmap_free(imp->jmap);
	strmap_free(imp->missing);
	free(imp->first_missing);
}
