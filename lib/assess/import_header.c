/*
 * import_header.c - the export's header made into the output columns:
 * names matched ignoring case and surrounding space, --rename and --set
 * applied, --unpivot columns found and their names split into the --key
 * fields, the join file's columns added, the canonical columns put first.
 * See import_int.h.
 */
#include "import_int.h"

#include <ctype.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const import_canonical[F_OTHER] = {
	"pupil", "name", "year", "against", "subject", "point", "measure",
	"value", "objective", "dob", "date"
};

enum import_field
import_field_of(const char *name)
{
	size_t i;

	for (i = 0; i < F_OTHER; i++)
		if (strcmp(name, import_canonical[i]) == 0)
			return (enum import_field)i;
	return F_OTHER;
}

char *
import_lower_trim(track_str s)
{
	char *c;
	size_t i;

	s = str_trim(s);
	c = strndup(s.ptr, s.len);
	for (i = 0; c != NULL && c[i] != '\0'; i++)
		c[i] = (char)tolower((unsigned char)c[i]);
	return c;
}

const char *
import_rename_of(const struct mapping *m, track_str t)
{
	size_t i;

	for (i = 0; i < m->nrename; i++) {
		track_str from = str_trim((track_str){ m->rename[i].from,
		    strlen(m->rename[i].from) });

		if (from.len == t.len &&
		    strncasecmp(from.ptr, t.ptr, t.len) == 0)
			return m->rename[i].to;
	}
	return NULL;
}

char *
import_out_name(const struct mapping *m, track_str raw)
{
	track_str t = str_trim(raw);
	const char *to = import_rename_of(m, t);

	if (to != NULL)
		return import_lower_trim((track_str){ to, strlen(to) });
	return import_lower_trim(t);
}

/* Appends an output column; returns its index or -1 when out of memory. */
static long
add_col(track_import *imp, const char *name, enum import_kind kind)
{
	struct ocol *oc = realloc(imp->oc, (imp->noc + 1) * sizeof *oc);
	struct ocol *c;

	if (oc == NULL)
		return -1;
	imp->oc = oc;
	c = &oc[imp->noc];
	memset(c, 0, sizeof *c);
	c->name = strdup(name);
	if (c->name == NULL)
		return -1;
	c->namelen = strlen(name);
	c->kind = kind;
	c->src = -1;
	c->join = -1;
	c->field = import_field_of(name);
	c->group = c->field == F_OTHER &&
	    scheme_group_find(imp->s, name) != NULL;
	return (long)imp->noc++;
}

static long
find_col(const track_import *imp, const char *name)
{
	size_t i;

	for (i = 0; i < imp->noc; i++)
		if (strcmp(imp->oc[i].name, name) == 0)
			return (long)i;
	return -1;
}

/* Nonzero when the trimmed column name matches an --unpivot pattern. */
static int
is_unpivot(const struct mapping *m, const char *name)
{
	size_t i;

	for (i = 0; i < m->nunpivot; i++)
		if (fnmatch(m->unpivot[i], name, FNM_CASEFOLD) == 0)
			return 1;
	return 0;
}

/*
 * Splits an unpivoted column's name into the --key fields and normalises
 * each part.  Returns 0, or fills err.
 */
static int
split_key(track_import *imp, struct ucol *u, const char *file,
    track_error *err)
{
	const struct mapping *m = imp->m;
	const char *p = u->label, *sep = m->split;
	size_t k = 0, seplen = sep ? strlen(sep) : 0;
	char buf[256], why[256];

	u->part = calloc(m->nkey, sizeof *u->part);
	u->partlen = calloc(m->nkey, sizeof *u->partlen);
	if (u->part == NULL || u->partlen == NULL)
		return error_nomem(err);
	if (m->nkey > 1 && seplen == 0)
		return error_set(err, TRACK_EXIT_USAGE, NULL, 0,
		    "--key names %zu fields; say how column names split "
		    "with --split SEP", m->nkey);
	while (*p != '\0') {
		const char *end = seplen ? strstr(p, sep) : NULL;
		size_t len = end ? (size_t)(end - p) : strlen(p);
		track_str part = str_trim((track_str){ p, len }), norm;
		enum import_field f;

		p += len + (end ? seplen : 0);
		if (part.len == 0)
			continue;
		if (k == m->nkey) {
			k++;
			break;
		}
		f = import_field_of(m->key[k]);
		part = import_recode_named(m, m->key[k], part);
		norm = part;
		if (strcmp(m->key[k], "_") != 0 &&
		    import_normalise(imp, f == F_VALUE ? F_OTHER : f, m->key[k],
		    0, part, NULL, &norm, buf, sizeof buf, why, sizeof why) < 0)
			return error_set(err, TRACK_EXIT_DATA, file, 1,
			    "column \"%s\": %s", u->label, why);
		u->part[k] = strndup(norm.ptr, norm.len);
		if (u->part[k] == NULL)
			return error_nomem(err);
		u->partlen[k] = strlen(u->part[k]);
		k++;
	}
	if (k != m->nkey)
		return error_set(err, TRACK_EXIT_DATA, file, 1,
		    "column \"%s\" does not split into the %zu fields of "
		    "--key (%s%s%s)", u->label, m->nkey, m->key[0],
		    m->nkey > 1 ? ", ..." : "", seplen ? "" : "; no --split");
	return 0;
}

/*
 * Adds export column `src`, named `label` (trimmed, after --rename; it
 * becomes the column's), as unpivoted: each of its cells will be a
 * record.  A name that does not split into valid --key fields (a column
 * that names no subject or point) is not imported, with a warning, or an
 * error under --strict; the other columns still are.  Returns 0, or
 * fills err.
 */
static int
add_unpivot(track_import *imp, long src, char *label, const char *file,
    track_error *err)
{
	struct ucol *u = realloc(imp->uc, (imp->nuc + 1) * sizeof *u);
	int rc, strict = imp->m->strict > 0;

	if (u == NULL) {
		free(label);
		return error_nomem(err);
	}
	imp->uc = u;
	u = &imp->uc[imp->nuc++];
	memset(u, 0, sizeof *u);
	u->src = src;
	u->label = label;
	rc = split_key(imp, u, file, err);
	if (rc != TRACK_EXIT_DATA)
		return rc;
	imp->say_col = (unsigned)src + 1;
	import_say(imp, file, 1, !strict, "%s; not imported%s", err->text,
	    strict ? "" : " (the other columns are)");
	imp->say_col = 0;
	imp->header_errors += strict;
	imp->nuc--;
	import_free_ucol(imp, u);
	error_clear(err);
	return 0;
}

/*
 * Makes *name unique among the names in `seen` (and adds it there): a
 * name met before becomes name_2, name_3, ... with a warning.  Returns 0,
 * or fills err.
 */
static int
unique_name(track_import *imp, track_strmap *seen, char **name,
    const char *file, track_error *err)
{
	char *again;
	size_t j;
	int added;

	strmap_intern(seen, *name, strlen(*name), &added);
	for (j = 2; !added; j++) {
		if (asprintf(&again, "%s_%zu", *name, j) < 0)
			return error_nomem(err);
		strmap_intern(seen, again, strlen(again), &added);
		if (added) {
			import_say(imp, file, 1, 1, "duplicate column \"%s\" "
			    "renamed \"%s\"", *name, again);
			free(*name);
			*name = again;
		} else {
			free(again);
		}
	}
	return 0;
}

/*
 * Names every export column in names[] (NULL for one that is no output
 * column); unpivoted ones become records instead.  Returns 0, or fills
 * err.
 */
static int
name_columns(track_import *imp, const track_str *hdr, size_t n, char **names,
    const char *file, track_error *err)
{
	const struct mapping *m = imp->m;
	track_strmap *seen = strmap_new();
	size_t i, matched = 0;
	int rc = 0;

	if (seen == NULL)
		return error_nomem(err);
	for (i = 0; rc == 0 && i < n; i++) {
		track_str t = str_trim(hdr[i]);
		const char *to = import_rename_of(m, t);
		char *label;

		/* --rename applies before --unpivot and --split see it. */
		if (to != NULL)
			t = str_trim((track_str){ to, strlen(to) });
		label = strndup(t.ptr, t.len);
		if (label == NULL) {
			rc = error_nomem(err);
		} else if (m->nunpivot > 0 && is_unpivot(m, label)) {
			matched++;
			rc = add_unpivot(imp, (long)i, label, file, err);
		} else if (strncasecmp(label, "prev_", 5) == 0) {
			/* A template's hints (prev_reading, ...): not data. */
			free(label);
		} else {
			free(label);
			names[i] = import_out_name(m, hdr[i]);
			rc = names[i] == NULL ? error_nomem(err) :
			    unique_name(imp, seen, &names[i], file, err);
		}
	}
	strmap_free(seen);
	if (rc == 0 && m->nunpivot > 0 && imp->nuc == 0)
		rc = error_set(err, TRACK_EXIT_DATA, file, 1,
		    "no column %s --unpivot \"%s\"%s", matched ?
		    "could be imported by" : "matches", m->unpivot[0],
		    m->nunpivot > 1 ? " or the other patterns" : "");
	return rc;
}

/*
 * Adds the columns canonical field `f` gets: the export's column of that
 * name, then a --key field of that name, then (for the value) the
 * unpivoted cells.  Returns 0, or fills err.
 */
static int
add_canonical(track_import *imp, char *const *names, size_t n,
    enum import_field f, const char *file, track_error *err)
{
	const struct mapping *m = imp->m;
	size_t i, j;
	long c;

	for (i = 0; i < n; i++) {
		if (names[i] == NULL ||
		    strcmp(names[i], import_canonical[f]) != 0)
			continue;
		if ((c = add_col(imp, names[i], K_SRC)) < 0)
			return error_nomem(err);
		imp->oc[c].src = (long)i;
	}
	for (j = 0; imp->nuc > 0 && j < m->nkey; j++) {
		if (strcmp(m->key[j], import_canonical[f]) != 0)
			continue;
		if (find_col(imp, import_canonical[f]) >= 0)
			return error_set(err, TRACK_EXIT_DATA, file, 1,
			    "--key %s: the export already has a \"%s\" column",
			    m->key[j], m->key[j]);
		if ((c = add_col(imp, m->key[j], K_KEY)) < 0)
			return error_nomem(err);
		imp->oc[c].key = j;
	}
	if (f == F_VALUE && imp->nuc > 0) {
		if (find_col(imp, "value") >= 0)
			return error_set(err, TRACK_EXIT_DATA, file, 1,
			    "--unpivot: the export already has a \"value\" "
			    "column");
		if (add_col(imp, "value", K_VALUE) < 0)
			return error_nomem(err);
	}
	return 0;
}

/*
 * Adds the columns: canonical ones first, then the export's others in
 * its order, then --key fields that are not canonical.  Returns 0, or
 * fills err.
 */
static int
add_columns(track_import *imp, char *const *names, size_t n,
    const char *file, track_error *err)
{
	const struct mapping *m = imp->m;
	size_t i, j;
	int f, rc;
	long c;

	for (f = 0; f < F_OTHER; f++)
		if ((rc = add_canonical(imp, names, n, f, file, err)) != 0)
			return rc;
	for (i = 0; i < n; i++) {
		if (names[i] == NULL || import_field_of(names[i]) != F_OTHER)
			continue;
		if ((c = add_col(imp, names[i], K_SRC)) < 0)
			return error_nomem(err);
		imp->oc[c].src = (long)i;
	}
	for (j = 0; imp->nuc > 0 && j < m->nkey; j++) {
		if (strcmp(m->key[j], "_") == 0 ||
		    import_field_of(m->key[j]) != F_OTHER)
			continue;
		if (find_col(imp, m->key[j]) >= 0)
			return error_set(err, TRACK_EXIT_DATA, file, 1,
			    "--key %s: the export already has that column",
			    m->key[j]);
		if ((c = add_col(imp, m->key[j], K_KEY)) < 0)
			return error_nomem(err);
		imp->oc[c].key = j;
	}
	return 0;
}

/*
 * Adds what is not in the export: --set replaces a column of that name,
 * or adds one (a template is read against the export's header `hdr`);
 * the join file's characteristics fill blanks or add columns; and with
 * --provenance, source and source_line.  Returns 0, or fills err.
 */
static int
add_set_and_join(track_import *imp, const track_str *hdr, size_t n,
    track_error *err)
{
	const struct mapping *m = imp->m;
	size_t j;
	long c;

	for (j = 0; j < m->nset; j++) {
		char *name = import_lower_trim((track_str){ m->set[j].from,
		    strlen(m->set[j].from) });
		int rc;

		if (name == NULL)
			return error_nomem(err);
		c = find_col(imp, name);
		if (c < 0)
			c = add_col(imp, name, K_SET);
		free(name);
		if (c < 0)
			return error_nomem(err);
		imp->oc[c].kind = K_SET;
		imp->oc[c].constant = m->set[j].to;
		rc = import_template_parse(imp, &imp->oc[c], hdr, n, err);
		if (rc != 0)
			return rc;
	}
	for (j = 0; j < imp->njcols; j++) {
		if ((long)j == imp->jpupil)
			continue;
		c = find_col(imp, imp->jname[j]);
		if (c < 0)
			c = add_col(imp, imp->jname[j], K_JOIN);
		if (c < 0)
			return error_nomem(err);
		imp->oc[c].join = (long)j;
	}
	if (m->provenance > 0) {
		if (find_col(imp, "source") >= 0 ||
		    find_col(imp, "source_line") >= 0)
			return error_set(err, TRACK_EXIT_USAGE, NULL, 0,
			    "--provenance: the export already has a "
			    "\"source\" or \"source_line\" column; rename it "
			    "with --rename");
		if (add_col(imp, "source", K_SOURCE) < 0 ||
		    add_col(imp, "source_line", K_SOURCE_LINE) < 0)
			return error_nomem(err);
	}
	for (j = 0; j < imp->noc; j++)
		if (import_recode_find(m, &imp->oc[j]) != 0)
			return error_nomem(err);
	return 0;
}

/*
 * Puts the canonical columns in order (--set may have added some), and
 * makes what one_record() (import.c) works with: where each canonical
 * field is, which columns it normalises before the value, and room for a
 * record.  Returns 0, or fills err.
 */
static int
finish_columns(track_import *imp, const char *file, track_error *err)
{
	size_t i, j;
	int plain = 1;

	for (i = 1; i < imp->noc; i++) {
		struct ocol t = imp->oc[i];

		for (j = i; j > 0 && imp->oc[j - 1].field > t.field; j--)
			imp->oc[j] = imp->oc[j - 1];
		imp->oc[j] = t;
	}
	for (i = 0; i < F_OTHER; i++)
		imp->col[i] = find_col(imp, import_canonical[i]);
	imp->chk = calloc(imp->noc + 1, sizeof *imp->chk);
	imp->chkbuf = calloc(imp->noc + 1, 1);
	imp->ans = calloc(imp->noc + 1, sizeof *imp->ans);
	if (imp->chk == NULL || imp->chkbuf == NULL || imp->ans == NULL)
		return error_nomem(err);
	/*
	 * Which columns one_record() normalises before the value: keys were
	 * normalised here, pupils and names are free text, and so are other
	 * columns unless the scheme has a group for them.
	 */
	for (i = 0; i < imp->noc; i++) {
		struct ocol *oc = &imp->oc[i];

		if (oc->kind != K_KEY && oc->field != F_VALUE &&
		    oc->field != F_PUPIL && oc->field != F_NAME &&
		    (oc->field != F_OTHER || oc->group)) {
			/* Fields formatted by the scheme each have a
			 * buffer of their own. */
			imp->chkbuf[imp->nchk] = oc->field == F_POINT ? 1 :
			    oc->field == F_DOB ? 2 : oc->field == F_DATE ? 3 : 0;
			imp->chk[imp->nchk++] = i;
		}
		if (oc->kind != K_SRC || oc->nrc > 0)
			plain = 0;
		if (oc->kind == K_SET)
			oc->constlen = strlen(oc->constant);
		imp->ans[i] = -1;
	}
	if (plain && (imp->srcs = calloc(imp->noc + 1,
	    sizeof *imp->srcs)) == NULL)
		return error_nomem(err);
	for (i = 0; plain && i < imp->noc; i++)
		imp->srcs[i] = imp->oc[i].src;
	if (imp->jmap != NULL && imp->col[F_PUPIL] < 0)
		return error_set(err, TRACK_EXIT_DATA, file, 1,
		    "--join needs a \"pupil\" column in the export; "
		    "use --rename (e.g. --rename UPN=pupil)");
	imp->ohdr = calloc(imp->noc + 1, sizeof *imp->ohdr);
	imp->rec = calloc(imp->noc + 1, sizeof *imp->rec);
	imp->joined = calloc(imp->noc + 1, 1);
	if (imp->ohdr == NULL || imp->rec == NULL || imp->joined == NULL)
		return error_nomem(err);
	for (i = 0; i < imp->noc; i++)
		imp->ohdr[i] = (track_str){ imp->oc[i].name,
		    imp->oc[i].namelen };
	return 0;
}

int
import_header(track_import *imp, const track_str *hdr, size_t n,
    const char *file, track_error *err)
{
	char **names = calloc(n + 1, sizeof *names);
	size_t i;
	int rc;

	if (names == NULL)
		return error_nomem(err);
	rc = name_columns(imp, hdr, n, names, file, err);
	if (rc == 0)
		rc = add_columns(imp, names, n, file, err);
	if (rc == 0)
		rc = add_set_and_join(imp, hdr, n, err);
	if (rc == 0)
		rc = finish_columns(imp, file, err);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

const track_str *
import_out_header(const track_import *imp, size_t *n)
{
	*n = imp->noc;
	return imp->ohdr;
}

const char *
import_missing(const track_str *out, size_t nout, const track_str *in,
    size_t nin, long *like)
{
	static const char *const need[] = { "pupil", "subject", "point",
	    "value" };
	size_t i, k, have = 0;

	*like = -1;
	/* A pupil file (pupil and characteristics, nothing assessed) is
	 * what it should be: joined by --join or --roll, not a record. */
	for (i = 0; i < nout; i++)
		for (k = 0; k < sizeof need / sizeof need[0]; k++)
			have |= (size_t)str_eq(out[i], need[k]) << k;
	if (have == 1)
		return NULL;
	for (k = 0; k < sizeof need / sizeof need[0]; k++) {
		for (i = 0; i < nout; i++)
			if (str_eq(out[i], need[k]))
				break;
		if (i < nout)
			continue;
		/* A column that looks like a pupil id. */
		for (i = 0; k == 0 && i < nin; i++) {
			if (strcasestr(in[i].ptr, "upn") ||
			    strcasestr(in[i].ptr, "adno") ||
			    strcasestr(in[i].ptr, "id")) {
				*like = (long)i;
				break;
			}
		}
		return need[k];
	}
	return NULL;
}
