/*
 * import_values.c - values an importer makes rather than copies: a --set
 * template built from the row's columns ("{Surname}, {Forename}"), and a
 * --recode that replaces an export's own words before the scheme reads
 * them ("Rising Stars PiRA" becomes pira).  See import_int.h.
 */
#include "import_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Nonzero when trimmed slice `a` equals `b` ignoring case. */
static int
same_name(track_str a, const char *b, size_t blen)
{
	track_str t = str_trim((track_str){ b, blen });

	return a.len == t.len && strncasecmp(a.ptr, t.ptr, a.len) == 0;
}

/* The export column named `name`, by its own name or its rename. */
static long
find_src(const struct mapping *m, const track_str *hdr, size_t n,
    track_str name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (same_name(name, hdr[i].ptr, hdr[i].len))
			return (long)i;
	for (i = 0; i < n; i++) {
		const char *to = import_rename_of(m, str_trim(hdr[i]));

		if (to != NULL && same_name(name, to, strlen(to)))
			return (long)i;
	}
	return -1;
}

/* Appends a part to `c`'s template.  Returns 0, or -1 (memory). */
static int
add_part(struct ocol *c, const char *text, size_t len, long src)
{
	struct tpart *t = realloc(c->tpl, (c->ntpl + 1) * sizeof *t);

	if (t == NULL)
		return -1;
	c->tpl = t;
	t = &c->tpl[c->ntpl];
	t->text = strndup(text, len);
	t->len = len;
	t->src = src;
	if (t->text == NULL)
		return -1;
	c->ntpl++;
	return 0;
}

/* Fails for template column `c`, listing the export's columns. */
static int
bad_template(const struct ocol *c, const track_str *hdr, size_t n,
    const char *what, track_str name, track_error *err)
{
	char cols[300];
	size_t i, at = 0;

	cols[0] = '\0';
	for (i = 0; i < n && at + 4 < sizeof cols; i++) {
		track_str t = str_trim(hdr[i]);
		int w = snprintf(cols + at, sizeof cols - at, "%s%.*s",
		    i ? ", " : "", (int)t.len, t.ptr);

		if (w < 0 || (size_t)w >= sizeof cols - at) {
			snprintf(cols + (sizeof cols - 5), 5, "...");
			break;
		}
		at += (size_t)w;
	}
	return error_set(err, TRACK_EXIT_USAGE, NULL, 0,
	    "--set %s='%s': %s%.*s%s (the export's columns are: %s)",
	    c->name, c->constant, what, (int)(name.len > 80 ? 80 : name.len),
	    name.ptr, name.len ? "\"" : "", cols);
}

int
import_template_parse(track_import *imp, struct ocol *c,
    const track_str *hdr, size_t n, track_error *err)
{
	const char *p = c->constant, *end = p + strlen(p);
	char *lit = malloc(end - p + 1);
	size_t litlen = 0;
	int rc = 0;

	if (strchr(p, '{') == NULL && strstr(p, "}}") == NULL) {
		free(lit);
		return 0;
	}
	if (lit == NULL)
		return error_nomem(err);
	while (rc == 0 && p < end) {
		const char *close;
		track_str name;
		long src;

		if ((p[0] == '{' || p[0] == '}') && p + 1 < end &&
		    p[1] == p[0]) {
			lit[litlen++] = *p;
			p += 2;
			continue;
		}
		if (p[0] != '{') {
			lit[litlen++] = *p++;
			continue;
		}
		close = memchr(p, '}', (size_t)(end - p));
		if (close == NULL) {
			rc = bad_template(c, hdr, n, "a \"{\" is not closed "
			    "(write \"{{\" for a brace)", (track_str){ "", 0 },
			    err);
			break;
		}
		name = str_trim((track_str){ p + 1, (size_t)(close - p - 1) });
		src = find_src(imp->m, hdr, n, name);
		if (src < 0) {
			rc = bad_template(c, hdr, n, "no column \"", name, err);
			break;
		}
		if ((litlen > 0 && add_part(c, lit, litlen, -1) != 0) ||
		    add_part(c, "", 0, src) != 0)
			rc = error_nomem(err);
		litlen = 0;
		p = close + 1;
	}
	if (rc == 0 && litlen > 0 && add_part(c, lit, litlen, -1) != 0)
		rc = error_nomem(err);
	free(lit);
	return rc;
}

/* The trimmed cell of template part `t`: empty for text or no cell. */
static track_str
part_cell(const struct tpart *t, const track_row *row)
{
	if (t->src < 0 || (size_t)t->src >= row->n)
		return (track_str){ "", 0 };
	return str_trim(row->field[t->src]);
}

/*
 * Text between two columns goes in only when the columns on both sides
 * of it have a value, so that "{Surname}, {Forename}" with no forename
 * gives "Okafor", not "Okafor,".
 */
int
import_template_fill(struct ocol *c, const track_row *row, track_str *out)
{
	size_t i;
	int any = 1;	/* a template of text alone ("a}}b") has a value */

	c->tbuf.len = 0;
	for (i = 0; i < c->ntpl; i++)
		any &= c->tpl[i].src < 0;
	for (i = 0; i < c->ntpl; i++) {
		const struct tpart *t = &c->tpl[i];
		track_str v = { t->text, t->len };

		if (t->src >= 0) {
			v = part_cell(t, row);
			any |= v.len > 0;
		} else if ((i > 0 && part_cell(&c->tpl[i - 1], row).len == 0) ||
		    (i + 1 < c->ntpl &&
		    part_cell(&c->tpl[i + 1], row).len == 0)) {
			continue;
		}
		if (v.len > 0 && buf_append(&c->tbuf, v.ptr, v.len, 0) < 0)
			return -1;
	}
	*out = any ? str_trim((track_str){ c->tbuf.ptr, c->tbuf.len }) :
	    (track_str){ "", 0 };
	return 0;
}

int
import_recode_find(const struct mapping *m, struct ocol *c)
{
	size_t i;

	for (i = 0; i < m->nrecode; i++) {
		const struct mapping_recode *r = &m->recode[i];
		struct recode *q;

		if (!same_name((track_str){ c->name, c->namelen }, r->field,
		    strlen(r->field)))
			continue;
		q = realloc(c->rc, (c->nrc + 1) * sizeof *q);
		if (q == NULL)
			return -1;
		c->rc = q;
		q[c->nrc].from = r->from;
		q[c->nrc].fromlen = strlen(r->from);
		q[c->nrc].to = r->to;
		q[c->nrc].tolen = strlen(r->to);
		c->nrc++;
	}
	return 0;
}

track_str
import_recode(const struct ocol *c, track_str v)
{
	size_t i;

	for (i = 0; i < c->nrc; i++)
		if (same_name(v, c->rc[i].from, c->rc[i].fromlen))
			return (track_str){ c->rc[i].to, c->rc[i].tolen };
	return v;
}

track_str
import_recode_named(const struct mapping *m, const char *field, track_str v)
{
	size_t i;

	for (i = 0; i < m->nrecode; i++)
		if (strcasecmp(m->recode[i].field, field) == 0 &&
		    same_name(v, m->recode[i].from, strlen(m->recode[i].from)))
			return (track_str){ m->recode[i].to,
			    strlen(m->recode[i].to) };
	return v;
}

void
import_values_free(struct ocol *c)
{
	size_t i;

	for (i = 0; i < c->ntpl; i++)
		free(c->tpl[i].text);
	free(c->tpl);
	buf_free(&c->tbuf);
	free(c->rc);
}
