/* mapping.c - the import recipe and its JSON file; see mapping.h. */
#include "mapping.h"

#include <errno.h>
#include <jansson.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/date.h"
#include "base/suggest.h"

void
mapping_init(struct mapping *m)
{
	memset(m, 0, sizeof *m);
	m->skip_lines = -1;
	m->date_order = -1;
	m->strict = -1;
	m->provenance = -1;
}

static int
oom(track_error *err)
{
	return error_set(err, TRACK_EXIT_IO, NULL, 0, "out of memory");
}

/* Adds or replaces a pair in a list of pairs. */
static int
add_pair(struct mapping_pair **list, size_t *n, const char *from,
    size_t fromlen, const char *to, track_error *err)
{
	struct mapping_pair *p;
	size_t i;
	char *f, *t;

	f = strndup(from, fromlen);
	t = strdup(to);
	if (f == NULL || t == NULL) {
		free(f);
		free(t);
		return oom(err);
	}
	for (i = 0; i < *n; i++) {
		if (strcasecmp((*list)[i].from, f) == 0) {
			free((*list)[i].from);
			free((*list)[i].to);
			(*list)[i].from = f;
			(*list)[i].to = t;
			return 0;
		}
	}
	p = realloc(*list, (*n + 1) * sizeof *p);
	if (p == NULL) {
		free(f);
		free(t);
		return oom(err);
	}
	p[*n].from = f;
	p[*n].to = t;
	*list = p;
	(*n)++;
	return 0;
}

static int
add_eq(struct mapping_pair **list, size_t *n, const char *pair,
    const char *opt, track_error *err)
{
	const char *eq = strchr(pair, '=');

	if (eq == NULL || eq == pair)
		return error_set(err, TRACK_EXIT_USAGE, NULL, 0,
		    "bad %s \"%s\" (use NAME=VALUE)", opt, pair);
	return add_pair(list, n, pair, (size_t)(eq - pair), eq + 1, err);
}

int
mapping_add_rename(struct mapping *m, const char *pair, track_error *err)
{
	return add_eq(&m->rename, &m->nrename, pair, "--rename", err);
}

int
mapping_add_set(struct mapping *m, const char *pair, track_error *err)
{
	return add_eq(&m->set, &m->nset, pair, "--set", err);
}

/* Adds or replaces the recoding of `from` in column `field`. */
static int
add_recode(struct mapping *m, const char *field, size_t fieldlen,
    const char *from, size_t fromlen, const char *to, track_error *err)
{
	struct mapping_recode *r;
	char *f = strndup(field, fieldlen), *v = strndup(from, fromlen);
	char *t = strdup(to);
	size_t i;

	if (f == NULL || v == NULL || t == NULL)
		goto oom;
	for (i = 0; i < m->nrecode; i++) {
		r = &m->recode[i];
		if (strcasecmp(r->field, f) == 0 &&
		    strcasecmp(r->from, v) == 0) {
			free(f);
			free(v);
			free(r->to);
			r->to = t;
			return 0;
		}
	}
	r = realloc(m->recode, (m->nrecode + 1) * sizeof *r);
	if (r == NULL)
		goto oom;
	m->recode = r;
	m->recode[m->nrecode++] = (struct mapping_recode){ f, v, t };
	return 0;
oom:
	free(f);
	free(v);
	free(t);
	return oom(err);
}

int
mapping_add_recode(struct mapping *m, const char *arg, track_error *err)
{
	const char *colon = strchr(arg, ':'), *eq;

	eq = colon != NULL ? strchr(colon, '=') : NULL;
	if (colon == NULL || colon == arg || eq == NULL || eq == colon + 1)
		return error_set(err, TRACK_EXIT_USAGE, NULL, 0,
		    "bad --recode \"%s\" (use FIELD:FROM=TO, e.g. "
		    "--recode 'measure:Rising Stars PiRA=pira')", arg);
	return add_recode(m, arg, (size_t)(colon - arg), colon + 1,
	    (size_t)(eq - colon - 1), eq + 1, err);
}

void
mapping_free_list(char ***list, size_t *n)
{
	size_t i;

	for (i = 0; i < *n; i++)
		free((*list)[i]);
	free(*list);
	*list = NULL;
	*n = 0;
}

int
mapping_set_list(char ***list, size_t *n, const char *csv, track_error *err)
{
	size_t count = 1, i;
	const char *p;

	mapping_free_list(list, n);
	for (p = csv; *p != '\0'; p++)
		count += *p == ',';
	*list = calloc(count, sizeof **list);
	if (*list == NULL)
		return oom(err);
	for (i = 0, p = csv; i < count; i++) {
		size_t len = strcspn(p, ","), skip = 0;

		/* "subject, point" means "subject,point". */
		while (skip < len && (p[skip] == ' ' || p[skip] == '\t'))
			skip++;
		while (len > skip && (p[len - 1] == ' ' || p[len - 1] == '\t'))
			len--;
		(*list)[i] = strndup(p + skip, len - skip);
		len = strcspn(p, ",");
		if ((*list)[i] == NULL) {
			*n = i;
			return oom(err);
		}
		p += len + (p[len] == ',');
	}
	*n = count;
	return 0;
}

int
mapping_set_string(char **field, const char *value, track_error *err)
{
	char *s = strdup(value);

	if (s == NULL)
		return oom(err);
	free(*field);
	*field = s;
	return 0;
}

/* Fails with the JSON path and, where one is near, a suggestion. */
static int
bad_key(const char *name, const char *path, const char *key,
    const char *const *keys, size_t nkeys, track_error *err)
{
	const char *near = suggest_nearest(key, strlen(key), keys, nkeys);

	return error_set(err, TRACK_EXIT_DATA, name, 0,
	    "%s: unknown key \"%s\"%s%s%s", path, key,
	    near ? " (did you mean " : "", near ? near : "", near ? "?)" : "");
}

static int
want_string(json_t *v, const char *name, const char *path, track_error *err)
{
	if (!json_is_string(v))
		return error_set(err, TRACK_EXIT_DATA, name, 0,
		    "%s: must be a string", path);
	return 0;
}

/* Loads an object of string -> string pairs. */
static int
load_pairs(json_t *obj, struct mapping_pair **list, size_t *n,
    const char *name, const char *path, track_error *err)
{
	const char *key;
	json_t *v;
	char where[256];
	int rc;

	if (!json_is_object(obj))
		return error_set(err, TRACK_EXIT_DATA, name, 0,
		    "%s: must be an object of \"name\": \"value\" pairs",
		    path);
	json_object_foreach(obj, key, v) {
		/* For messages: a long key is shown cut, and says so. */
		snprintf(where, sizeof where, "%s.%.80s%s", path, key,
		    strlen(key) > 80 ? "..." : "");
		if ((rc = want_string(v, name, where, err)) != 0)
			return rc;
		if ((rc = add_pair(list, n, key, strlen(key),
		    json_string_value(v), err)) != 0)
			return rc;
	}
	return 0;
}

/* Loads a list given as an array of strings or one string. */
static int
load_list(json_t *v, char ***list, size_t *n, const char *name,
    const char *path, track_error *err)
{
	size_t i;
	json_t *e;

	if (json_is_string(v))
		return mapping_set_list(list, n, json_string_value(v), err);
	if (!json_is_array(v) || json_array_size(v) == 0)
		return error_set(err, TRACK_EXIT_DATA, name, 0,
		    "%s: must be a non-empty array of strings", path);
	mapping_free_list(list, n);
	*list = calloc(json_array_size(v), sizeof **list);
	if (*list == NULL)
		return oom(err);
	json_array_foreach(v, i, e) {
		if (!json_is_string(e))
			return error_set(err, TRACK_EXIT_DATA, name, 0,
			    "%s[%zu]: must be a string", path, i);
		(*list)[i] = strdup(json_string_value(e));
		if ((*list)[i] == NULL)
			return oom(err);
		*n = i + 1;
	}
	return 0;
}

static int
load_unpivot(struct mapping *m, json_t *u, const char *name,
    track_error *err)
{
	static const char *const keys[] = { "columns", "key", "split" };
	const char *key;
	json_t *v;
	int rc;

	if (!json_is_object(u))
		return error_set(err, TRACK_EXIT_DATA, name, 0,
		    "$.unpivot: must be an object with \"columns\", \"key\" "
		    "and optionally \"split\"");
	json_object_foreach(u, key, v) {
		if (strcmp(key, "columns") == 0)
			rc = load_list(v, &m->unpivot, &m->nunpivot, name,
			    "$.unpivot.columns", err);
		else if (strcmp(key, "key") == 0)
			rc = load_list(v, &m->key, &m->nkey, name,
			    "$.unpivot.key", err);
		else if (strcmp(key, "split") == 0)
			rc = want_string(v, name, "$.unpivot.split", err) ||
			    mapping_set_string(&m->split, json_string_value(v),
			    err);
		else
			rc = bad_key(name, "$.unpivot", key, keys, 3, err);
		if (rc != 0)
			return err ? (int)err->kind : rc;
	}
	if (m->nunpivot == 0 || m->nkey == 0)
		return error_set(err, TRACK_EXIT_DATA, name, 0,
		    "$.unpivot: needs both \"columns\" and \"key\"");
	return 0;
}

/* Makes "join" relative to the mapping file's folder. */
static int
set_join(struct mapping *m, const char *file, const char *join,
    track_error *err)
{
	char *copy, *dir, *path;

	if (join[0] == '/' || strchr(file, '/') == NULL)
		return mapping_set_string(&m->join, join, err);
	copy = strdup(file);
	if (copy == NULL)
		return oom(err);
	dir = dirname(copy);
	if (asprintf(&path, "%s/%s", dir, join) < 0) {
		free(copy);
		return oom(err);
	}
	free(copy);
	free(m->join);
	m->join = path;
	return 0;
}

/* Loads "recode": { "field": { "from": "to", ... }, ... }. */
static int
load_recode(struct mapping *m, json_t *obj, const char *name,
    track_error *err)
{
	const char *field, *from;
	json_t *map, *to;

	if (!json_is_object(obj))
		return error_set(err, TRACK_EXIT_DATA, name, 0,
		    "$.recode: must be an object of \"column\": { \"from\": "
		    "\"to\" } maps");
	json_object_foreach(obj, field, map) {
		if (!json_is_object(map))
			return error_set(err, TRACK_EXIT_DATA, name, 0,
			    "$.recode.%.80s: must be an object of \"from\": "
			    "\"to\" pairs", field);
		json_object_foreach(map, from, to) {
			if (!json_is_string(to))
				return error_set(err, TRACK_EXIT_DATA, name, 0,
				    "$.recode.%.80s.%.80s: must be a string",
				    field, from);
			if (add_recode(m, field, strlen(field), from,
			    strlen(from), json_string_value(to), err) != 0)
				return TRACK_EXIT_IO;
		}
	}
	return 0;
}

/* Loads a true or false into *flag. */
static int
load_flag(json_t *v, int *flag, const char *name, const char *path,
    track_error *err)
{
	if (!json_is_boolean(v))
		return error_set(err, TRACK_EXIT_DATA, name, 0,
		    "%s: must be true or false", path);
	*flag = json_is_true(v);
	return 0;
}

/* Loads the delimiter: one character or "tab". */
static int
load_delimiter(struct mapping *m, json_t *v, const char *name,
    track_error *err)
{
	const char *d = json_string_value(v);

	if (d != NULL && strcmp(d, "tab") == 0)
		d = "\t";
	if (d == NULL || strlen(d) != 1 || *d == '"')
		return error_set(err, TRACK_EXIT_DATA, name, 0,
		    "$.delimiter: must be one character or \"tab\"");
	m->delimiter = (unsigned char)*d;
	return 0;
}

/* Loads "date_order": "dmy" or "mdy". */
static int
load_date_order(struct mapping *m, json_t *v, const char *name,
    track_error *err)
{
	enum date_order o;

	if (!json_is_string(v) ||
	    date_order_parse(json_string_value(v), &o) != 0)
		return error_set(err, TRACK_EXIT_DATA, name, 0,
		    "$.date_order: must be \"dmy\" (31/01/2025) or \"mdy\" "
		    "(01/31/2025)");
	m->date_order = (int)o;
	return 0;
}

/* Loads the string at `v` into *field. */
static int
load_string(json_t *v, char **field, const char *name, const char *path,
    track_error *err)
{
	int rc = want_string(v, name, path, err);

	return rc ? rc : mapping_set_string(field, json_string_value(v), err);
}

/* Loads one key of the mapping's top level. */
static int
load_key(struct mapping *m, const char *key, json_t *v, const char *name,
    track_error *err)
{
	static const char *const keys[] = {
		"encoding", "delimiter", "skip_lines", "academic_year",
		"rename", "set", "unpivot", "join", "date_order", "strict",
		"provenance", "recode"
	};

	if (strcmp(key, "encoding") == 0)
		return load_string(v, &m->encoding, name, "$.encoding", err);
	if (strcmp(key, "delimiter") == 0)
		return load_delimiter(m, v, name, err);
	if (strcmp(key, "skip_lines") == 0) {
		if (!json_is_integer(v) || json_integer_value(v) < 0)
			return error_set(err, TRACK_EXIT_DATA, name, 0,
			    "$.skip_lines: must be a whole number >= 0");
		m->skip_lines = (long)json_integer_value(v);
		return 0;
	}
	if (strcmp(key, "academic_year") == 0)
		return load_string(v, &m->academic_year, name,
		    "$.academic_year", err);
	if (strcmp(key, "rename") == 0)
		return load_pairs(v, &m->rename, &m->nrename, name, "$.rename",
		    err);
	if (strcmp(key, "set") == 0)
		return load_pairs(v, &m->set, &m->nset, name, "$.set", err);
	if (strcmp(key, "unpivot") == 0)
		return load_unpivot(m, v, name, err);
	if (strcmp(key, "join") == 0) {
		int rc = want_string(v, name, "$.join", err);

		return rc ? rc : set_join(m, name, json_string_value(v), err);
	}
	if (strcmp(key, "date_order") == 0)
		return load_date_order(m, v, name, err);
	if (strcmp(key, "strict") == 0)
		return load_flag(v, &m->strict, name, "$.strict", err);
	if (strcmp(key, "provenance") == 0)
		return load_flag(v, &m->provenance, name, "$.provenance", err);
	if (strcmp(key, "recode") == 0)
		return load_recode(m, v, name, err);
	return bad_key(name, "$", key, keys, sizeof keys / sizeof keys[0],
	    err);
}

int
mapping_load_buffer(struct mapping *m, const char *buf, size_t len,
    const char *name, track_error *err)
{
	json_error_t je;
	json_t *root, *v;
	const char *key;
	int rc = 0;

	root = json_loadb(buf, len, 0, &je);
	if (root == NULL)
		return error_set(err, TRACK_EXIT_DATA, name, je.line,
		    "not a valid JSON mapping: %s", je.text);
	if (!json_is_object(root))
		rc = error_set(err, TRACK_EXIT_DATA, name, 0,
		    "$: a mapping is a JSON object");
	else
		json_object_foreach(root, key, v)
			if ((rc = load_key(m, key, v, name, err)) != 0)
				break;
	json_decref(root);
	return rc;
}

int
mapping_load(struct mapping *m, const char *path, track_error *err)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0, n;
	int rc;

	if (f == NULL)
		return error_set(err, TRACK_EXIT_IO, NULL, 0,
		    "cannot open mapping %s: %s", path,
		    strerror(errno));
	for (;;) {
		if (len + 4096 > cap) {
			char *b;

			cap = cap ? cap * 2 : 8192;
			b = realloc(buf, cap);
			if (b == NULL) {
				free(buf);
				fclose(f);
				return oom(err);
			}
			buf = b;
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		free(buf);
		fclose(f);
		return error_set(err, TRACK_EXIT_IO, NULL, 0,
		    "cannot read mapping %s", path);
	}
	fclose(f);
	rc = mapping_load_buffer(m, buf, len, path, err);
	free(buf);
	return rc;
}

int
mapping_merge(struct mapping *m, struct mapping *opts, track_error *err)
{
	size_t i;
	int rc = 0;

	for (i = 0; rc == 0 && i < opts->nrename; i++)
		rc = add_pair(&m->rename, &m->nrename, opts->rename[i].from,
		    strlen(opts->rename[i].from), opts->rename[i].to, err);
	for (i = 0; rc == 0 && i < opts->nset; i++)
		rc = add_pair(&m->set, &m->nset, opts->set[i].from,
		    strlen(opts->set[i].from), opts->set[i].to, err);
	for (i = 0; rc == 0 && i < opts->nrecode; i++)
		rc = add_recode(m, opts->recode[i].field,
		    strlen(opts->recode[i].field), opts->recode[i].from,
		    strlen(opts->recode[i].from), opts->recode[i].to, err);
	if (rc != 0)
		return rc;
	if (opts->nunpivot > 0) {
		mapping_free_list(&m->unpivot, &m->nunpivot);
		m->unpivot = opts->unpivot, m->nunpivot = opts->nunpivot;
		opts->unpivot = NULL, opts->nunpivot = 0;
	}
	if (opts->nkey > 0) {
		mapping_free_list(&m->key, &m->nkey);
		m->key = opts->key, m->nkey = opts->nkey;
		opts->key = NULL, opts->nkey = 0;
	}
	if (opts->split != NULL)
		rc = mapping_set_string(&m->split, opts->split, err);
	if (rc == 0 && opts->join != NULL)
		rc = mapping_set_string(&m->join, opts->join, err);
	if (rc == 0 && opts->academic_year != NULL)
		rc = mapping_set_string(&m->academic_year, opts->academic_year,
		    err);
	if (opts->skip_lines >= 0)
		m->skip_lines = opts->skip_lines;
	if (opts->date_order >= 0)
		m->date_order = opts->date_order;
	if (opts->strict >= 0)
		m->strict = opts->strict;
	if (opts->provenance >= 0)
		m->provenance = opts->provenance;
	return rc;
}

/* Reads --skip-lines N: a whole number >= 0. */
static int
skip_lines(struct mapping *m, const char *arg, track_error *err)
{
	char *end;
	long n;

	n = strtol(arg, &end, 10);
	if (*arg == '\0' || *end != '\0' || n < 0)
		return error_set(err, TRACK_EXIT_USAGE, NULL, 0,
		    "bad --skip-lines \"%s\" (a whole number >= 0)", arg);
	m->skip_lines = n;
	return 0;
}

/* Reads --date-order dmy|mdy. */
static int
date_order(struct mapping *m, const char *arg, track_error *err)
{
	enum date_order o;

	if (date_order_parse(arg, &o) != 0)
		return error_set(err, TRACK_EXIT_USAGE, NULL, 0,
		    "bad --date-order \"%s\" (dmy for 31/01/2025, mdy for "
		    "01/31/2025)", arg);
	m->date_order = (int)o;
	return 0;
}

int
mapping_option(struct mapping *m, enum mapping_option opt, const char *arg,
    track_error *err)
{
	switch (opt) {
	case MAPPING_RENAME:
		return mapping_add_rename(m, arg, err);
	case MAPPING_SET:
		return mapping_add_set(m, arg, err);
	case MAPPING_UNPIVOT:
		return mapping_set_list(&m->unpivot, &m->nunpivot, arg, err);
	case MAPPING_KEY:
		return mapping_set_list(&m->key, &m->nkey, arg, err);
	case MAPPING_SPLIT:
		return mapping_set_string(&m->split, arg, err);
	case MAPPING_JOIN:
		return mapping_set_string(&m->join, arg, err);
	case MAPPING_SKIP_LINES:
		return skip_lines(m, arg, err);
	case MAPPING_ACADEMIC_YEAR:
		return mapping_set_string(&m->academic_year, arg, err);
	case MAPPING_DATE_ORDER:
		return date_order(m, arg, err);
	case MAPPING_STRICT:
		m->strict = 1;
		return 0;
	case MAPPING_PROVENANCE:
		m->provenance = 1;
		return 0;
	case MAPPING_RECODE:
		return mapping_add_recode(m, arg, err);
	}
	return error_set(err, TRACK_EXIT_USAGE, NULL, 0, "unknown option");
}

int
mapping_build(struct mapping *m, const char *path, struct mapping *opts,
    track_error *err)
{
	int rc;

	if (path != NULL && (rc = mapping_load(m, path, err)) != 0)
		return rc;
	return mapping_merge(m, opts, err);
}

void
mapping_reader_opts(const struct mapping *m, struct track_reader_opts *o,
    int enc_set, int delim_set)
{
	if (!enc_set)
		o->encoding = m->encoding ? m->encoding : "auto";
	if (!delim_set && m->delimiter)
		o->delimiter = m->delimiter;
	if (m->skip_lines >= 0)
		o->skip_lines = m->skip_lines;
	o->allow_duplicate_header = 1;
}

void
mapping_free(struct mapping *m)
{
	size_t i;

	free(m->encoding);
	free(m->academic_year);
	for (i = 0; i < m->nrename; i++) {
		free(m->rename[i].from);
		free(m->rename[i].to);
	}
	free(m->rename);
	for (i = 0; i < m->nset; i++) {
		free(m->set[i].from);
		free(m->set[i].to);
	}
	free(m->set);
	for (i = 0; i < m->nrecode; i++) {
		free(m->recode[i].field);
		free(m->recode[i].from);
		free(m->recode[i].to);
	}
	free(m->recode);
	mapping_free_list(&m->unpivot, &m->nunpivot);
	mapping_free_list(&m->key, &m->nkey);
	free(m->split);
	free(m->join);
	mapping_init(m);
}
