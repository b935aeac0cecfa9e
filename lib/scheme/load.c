/*
 * load.c - loading a scheme: the entry points and the loader's helpers.
 *
 * See scheme.h for the JSON format.  jansson parses the file; load()
 * then reads the tree section by section (load_sections.c, and
 * load_scales.c for the scales), copying everything the scheme keeps into
 * its arena, so the tree is freed as soon as the scheme is built.  The
 * helpers here read members of the tree with their JSON path kept in the
 * loader, so that every error says where it is ("$.scales.ks2.bands[1]:
 * ..."), and register names in the scheme's tables.
 */
#include "load_int.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/suggest.h"

/* The shipped examples/schemes/england-primary.json, embedded by make. */
extern const char track_default_scheme[];
extern const size_t track_default_scheme_len;

#define DEFAULT_NAME	"built-in scheme"
#define MAX_SCHEME	(16L << 20)	/* bytes in a scheme file */
#define MAX_EXTENDS	8		/* schemes extending schemes */

/* Fails with "path: message", kind TRACK_EXIT_DATA. */
int
load_fail(struct loader *l, const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return error_set(l->err, TRACK_EXIT_DATA, l->file, 0, "%s: %s",
	    l->path, msg);
}

int
load_oom(struct loader *l)
{
	return error_set(l->err, TRACK_EXIT_IO, l->file, 0, "out of memory");
}

void
load_path_set(struct loader *l, size_t len)
{
	if (len >= sizeof l->path)
		len = sizeof l->path - 1;
	l->plen = len;
	l->path[len] = '\0';
}

/* Appends ".key" (or ["key"] for an odd key) and returns the old length. */
size_t
load_path_key(struct loader *l, const char *key)
{
	size_t old = l->plen, room = sizeof l->path - old;
	const char *p;
	int plain = key[0] != '\0', n;

	for (p = key; *p != '\0'; p++)
		if (!(is_digit(*p) || (lower((unsigned char)*p) >= 'a' &&
		    lower((unsigned char)*p) <= 'z') || *p == '-' ||
		    *p == '_'))
			plain = 0;
	if (plain)
		n = snprintf(l->path + old, room, ".%s", key);
	else
		n = snprintf(l->path + old, room, "[\"%s\"]", key);
	load_path_set(l, n < 0 ? old : old + (size_t)n);
	return old;
}

size_t
load_path_index(struct loader *l, size_t i)
{
	size_t old = l->plen, room = sizeof l->path - old;
	int n = snprintf(l->path + old, room, "[%zu]", i);

	load_path_set(l, n < 0 ? old : old + (size_t)n);
	return old;
}

void
load_path_pop(struct loader *l, size_t old)
{
	load_path_set(l, old);
}

static size_t
count_keys(const char *const *keys)
{
	size_t n = 0;

	while (keys[n] != NULL)
		n++;
	return n;
}

/*
 * Fails on the first key of `o` (in file order) that is not in the
 * NULL-terminated `allowed`, suggesting the nearest allowed key.
 */
int
load_check_keys(struct loader *l, json_t *o, const char *const *allowed)
{
	const char *key;
	json_t *v;
	size_t i, n = count_keys(allowed);

	json_object_foreach(o, key, v) {
		(void)v;
		for (i = 0; i < n; i++)
			if (strcmp(key, allowed[i]) == 0)
				break;
		if (i < n)
			continue;
		i = suggest_index(key, strlen(key), allowed, n);
		if (i < n)
			return load_fail(l, "unknown key \"%s\" (did you mean "
			    "\"%s\"?)", key, allowed[i]);
		return load_fail(l, "unknown key \"%s\"", key);
	}
	return 0;
}

int
load_expect_type(struct loader *l, json_t *v, int type, const char *what)
{
	int ok = type == JSON_REAL ? json_is_number(v) :
	    (int)json_typeof(v) == type;

	if (!ok)
		return load_fail(l, "expected %s", what);
	return 0;
}

/*
 * Finds member `key` of `o`, which must have JSON type `type` (described
 * as `what` in errors).  *out is NULL when the member is absent and not
 * `required`.
 */
int
load_member(struct loader *l, json_t *o, const char *key, int type,
    const char *what, int required, json_t **out)
{
	json_t *v = json_object_get(o, key);
	size_t old;

	*out = NULL;
	if (v == NULL || (json_is_null(v) && !required)) {
		if (required)
			return load_fail(l, "missing key \"%s\"", key);
		return 0;
	}
	old = load_path_key(l, key);
	TRY(load_expect_type(l, v, type, what));
	if (json_is_array(v) && json_array_size(v) > MAX_ENTRIES)
		return load_fail(l, "too many entries (at most %d)",
		    MAX_ENTRIES);
	load_path_pop(l, old);
	*out = v;
	return 0;
}

/* Copies string member `key` into the arena; *out stays put if absent. */
int
load_get_str(struct loader *l, json_t *o, const char *key, int required,
    const char **out)
{
	json_t *v;

	TRY(load_member(l, o, key, JSON_STRING, "a string", required, &v));
	if (v == NULL)
		return 0;
	*out = load_strdup(l, json_string_value(v));
	return *out == NULL ? load_oom(l) : 0;
}

/* A required string that is not blank, such as an id. */
int
load_get_id(struct loader *l, json_t *o, const char *key, const char **out)
{
	size_t old, flen;

	TRY(load_get_str(l, o, key, 1, out));
	fold_hash(*out, strlen(*out), &flen);
	if (flen == 0) {
		old = load_path_key(l, key);
		TRY(load_fail(l, "empty %s", key));
		load_path_pop(l, old);
	}
	return 0;
}

int
load_get_num(struct loader *l, json_t *o, const char *key, int required,
    double *out)
{
	json_t *v;

	TRY(load_member(l, o, key, JSON_REAL, "a number", required, &v));
	if (v != NULL)
		*out = json_number_value(v);
	return 0;
}

int
load_get_bool(struct loader *l, json_t *o, const char *key, int *out)
{
	json_t *v = json_object_get(o, key);
	size_t old;

	if (v == NULL)
		return 0;
	if (!json_is_boolean(v)) {
		old = load_path_key(l, key);
		TRY(load_fail(l, "expected true or false"));
		load_path_pop(l, old);
	}
	*out = json_is_true(v);
	return 0;
}

/* A whole number member in lo..hi; *out stays put when absent. */
int
load_get_int(struct loader *l, json_t *o, const char *key, long lo, long hi,
    int *out)
{
	json_t *v = json_object_get(o, key);
	size_t old;

	if (v == NULL || json_is_null(v))
		return 0;
	old = load_path_key(l, key);
	if (!json_is_integer(v))
		return load_fail(l, "expected a whole number");
	if (json_integer_value(v) < lo || json_integer_value(v) > hi)
		return load_fail(l, "%lld is out of range %ld..%ld",
		    (long long)json_integer_value(v), lo, hi);
	*out = (int)json_integer_value(v);
	load_path_pop(l, old);
	return 0;
}

/*
 * dict_put() for the loader: fails on an empty id or alias, an id over
 * SCHEME_ID_MAX bytes (objectives' ids may be longer) and a collision,
 * naming `what` the other entry is.
 */
int
load_put_name(struct loader *l, struct dict *d, const char *text, int value,
    const char *canon, int prio, const char *what)
{
	size_t flen, len = strlen(text);
	const char *taken = NULL;

	fold_hash(text, len, &flen);
	if (flen == 0) {
		if (prio == PRIO_LABEL)
			return 0;
		return load_fail(l, "empty name");
	}
	if (prio == PRIO_ID && len > SCHEME_ID_MAX &&
	    strcmp(what, "objective") != 0)
		return load_fail(l, "%s \"%.*s...\" is too long (%zu bytes; "
		    "the limit is %d)", what, SHOWN, text, len, SCHEME_ID_MAX);
	switch (dict_put(&l->s->arena, d, text, value, canon, prio, &taken)) {
	case DICT_OK:
		break;
	case DICT_EMPTY:
		return load_fail(l, "empty name");
	case DICT_DUPLICATE:
		return load_fail(l, "duplicate %s \"%s\"", what, text);
	case DICT_TAKEN:
		return load_fail(l, "\"%s\" is already used by %s %s", text,
		    what, taken);
	case DICT_NOMEM:
		return load_oom(l);
	}
	return 0;
}

/* Registers each string of array member `key` of `o` as an alias. */
int
load_put_aliases(struct loader *l, struct dict *d, json_t *o, const char *key,
    int value, const char *canon, const char *what)
{
	json_t *arr, *v;
	size_t i, old, old2;

	TRY(load_member(l, o, key, JSON_ARRAY, "an array of strings", 0, &arr));
	if (arr == NULL)
		return 0;
	old = load_path_key(l, key);
	json_array_foreach(arr, i, v) {
		old2 = load_path_index(l, i);
		TRY(load_expect_type(l, v, JSON_STRING, "a string"));
		TRY(load_put_name(l, d, json_string_value(v), value, canon,
		    PRIO_ALIAS, what));
		load_path_pop(l, old2);
	}
	load_path_pop(l, old);
	return 0;
}

/*
 * Reads an entry object at the current path: checks its keys against
 * `keys`, reads the id (member `idkey`) and label (default: the id), and
 * registers id, aliases and label in `d` for `value`.
 */
int
load_entry(struct loader *l, json_t *o, const char *idkey,
    const char *const *keys, struct dict *d, int value, const char *what,
    const char **id, const char **label)
{
	size_t old;

	TRY(load_expect_type(l, o, JSON_OBJECT, "an object"));
	TRY(load_check_keys(l, o, keys));
	TRY(load_get_id(l, o, idkey, id));
	*label = *id;
	TRY(load_get_str(l, o, "label", 0, label));
	old = load_path_key(l, idkey);
	TRY(load_put_name(l, d, *id, value, *id, PRIO_ID, what));
	load_path_pop(l, old);
	TRY(load_put_aliases(l, d, o, "aliases", value, *id, what));
	return load_put_name(l, d, *label, value, *id, PRIO_LABEL, what);
}

/* Looks up a band by spelling, failing with a suggestion. */
int
load_find_band(struct loader *l, const char *text, int *out)
{
	const char *near;

	*out = dict_get(&l->s->band_d, text, strlen(text));
	if (*out >= 0)
		return 0;
	near = dict_suggest(&l->s->band_d, text, strlen(text));
	if (near != NULL)
		return load_fail(l, "unknown band \"%s\" (did you mean "
		    "\"%s\"?)", text, near);
	return load_fail(l, "unknown band \"%s\"", text);
}

/* The index of the band whose id is `id` (case-insensitive), or -1. */
int
load_band_by_id(const track_scheme *s, const char *id)
{
	size_t i;

	for (i = 0; i < s->nbands; i++)
		if (strcasecmp(s->bands[i].id, id) == 0)
			return (int)i;
	return -1;
}

/* Fails with "unknown WHAT "text" (did you mean "x"?)" from dict d. */
int
load_fail_unknown(struct loader *l, const struct dict *d, const char *what,
    const char *text)
{
	const char *near = dict_suggest(d, text, strlen(text));

	if (near != NULL)
		return load_fail(l, "unknown %s \"%s\" (did you mean \"%s\"?)",
		    what, text, near);
	return load_fail(l, "unknown %s \"%s\"", what, text);
}

static const char *const root_keys[] = {
	"name", "description", "bands", "years", "subjects", "points",
	"not_assessed", "scales", "measures", "out_of_year", "objectives",
	"custom_objectives", "groups", "privacy", "benchmarks",
	"ctf", "pupil", NULL
};

/*
 * Reads array member `key` of `o` into *arr (which must have an entry
 * when `required`), pushes its path and returns the old length in *old.
 */
int
load_open_array(struct loader *l, json_t *o, const char *key, int required,
    json_t **arr, size_t *old)
{
	TRY(load_member(l, o, key, JSON_ARRAY, "an array", required, arr));
	*old = load_path_key(l, key);
	if (required && json_array_size(*arr) == 0)
		return load_fail(l, "must not be empty");
	return 0;
}

/* Builds l->s from the parsed document, section by section. */
static int
load(struct loader *l, json_t *root)
{
	track_scheme *s = l->s;

	load_path_set(l, 0);
	l->path[0] = '$';
	load_path_set(l, 1);
	if (!json_is_object(root))
		return load_fail(l, "expected an object");
	TRY(load_check_keys(l, root, root_keys));
	TRY(load_get_id(l, root, "name", &s->name));
	TRY(load_get_str(l, root, "description", 0, &s->description));
	TRY(load_bands(l, root));
	TRY(load_years(l, root));
	TRY(load_subjects(l, root));
	TRY(load_na_sets(l, root));
	TRY(load_scales(l, root));
	TRY(load_measures(l, root));
	TRY(load_subject_overrides(l, root));
	TRY(load_points(l, root));
	TRY(load_out_of_year(l, root));
	TRY(load_objectives(l, root));
	TRY(load_customs(l, root));
	TRY(load_groups(l, root));
	TRY(load_privacy(l, root));
	TRY(load_benchmarks(l, root));
	TRY(load_ctf(l, root));		/* load_ctf.c */
	return load_pupil_defaults(l, root);	/* load_pupil.c */
}

/*
 * Merges `over` into `base` key by key: an object merges into an object,
 * anything else (an array too) replaces the base's member.  Returns 0, or
 * -1 when out of memory.
 */
static int
merge(json_t *base, json_t *over)
{
	const char *key;
	json_t *v, *b;

	json_object_foreach(over, key, v) {
		b = json_object_get(base, key);
		if (json_is_object(v) && json_is_object(b)) {
			if (merge(b, v) != 0)
				return -1;
		} else if (json_object_set(base, key, v) != 0) {
			return -1;
		}
	}
	return 0;
}

static int parse_scheme(json_t **root, const char *buf, size_t len,
    const char *name, int depth, track_error *err);
static int read_scheme(const char *path, char **buf, size_t *len,
    track_error *err);

/*
 * The base of a scheme with "extends" (see scheme.h), parsed with its own
 * "extends" resolved, into *base.  `name` is the extending file; a path
 * is relative to its folder.  Errors name the extending file, with the
 * base's own message after "$.extends".
 */
static int
load_base(json_t **base /* OUT */, const char *target, const char *name,
    int depth, track_error *err)
{
	track_error e;
	const char *slash = strrchr(name, '/');
	char *path = NULL, *buf = NULL;
	size_t len, dir = slash == NULL ? 0 : (size_t)(slash - name) + 1;
	int rc;

	*base = NULL;
	error_clear(&e);
	if (depth >= MAX_EXTENDS)
		return error_set(err, TRACK_EXIT_DATA, name, 0, "$.extends: "
		    "schemes extend each other more than %d deep (a loop?)",
		    MAX_EXTENDS);
	if (strcmp(target, "built-in") == 0) {
		rc = parse_scheme(base, track_default_scheme,
		    track_default_scheme_len, DEFAULT_NAME, depth + 1, &e);
		goto out;
	}
	path = malloc(dir + strlen(target) + 1);
	if (path == NULL)
		return error_nomem(err);
	if (target[0] == '/')
		dir = 0;
	memcpy(path, name, dir);
	strcpy(path + dir, target);
	rc = read_scheme(path, &buf, &len, &e);
	if (rc == 0)
		rc = parse_scheme(base, buf, len, path, depth + 1, &e);
out:
	if (rc != 0) {
		char where[300];

		error_where(where, sizeof where, e.file, e.line, 0);
		rc = error_set(err, (enum track_exit)rc, name, 0,
		    "$.extends: %s: %s", where, e.text);
	}
	free(buf);
	free(path);
	return rc;
}

/*
 * Parses the scheme JSON at buf into *root, resolving "extends": the
 * base scheme with this one merged into it.
 */
static int
parse_scheme(json_t **root /* OUT */, const char *buf, size_t len,
    const char *name, int depth, track_error *err)
{
	json_error_t jerr;
	json_t *ext, *base;

	*root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr);
	if (*root == NULL)
		return error_set(err, TRACK_EXIT_DATA, name,
		    jerr.line > 0 ? jerr.line : 0,
		    "not a scheme: invalid JSON: %s (column %d); a scheme "
		    "is a JSON file like examples/schemes/england-primary.json",
		    jerr.text, jerr.column > 0 ? jerr.column : 0);
	ext = json_is_object(*root) ? json_object_get(*root, "extends") : NULL;
	if (ext == NULL)
		return 0;
	if (!json_is_string(ext)) {
		json_decref(*root);
		*root = NULL;
		return error_set(err, TRACK_EXIT_DATA, name, 0, "$.extends: "
		    "expected a string (a scheme file, or \"built-in\")");
	}
	if (load_base(&base, json_string_value(ext), name, depth, err) != 0) {
		json_decref(*root);
		*root = NULL;
		return err->kind;
	}
	json_object_del(*root, "extends");
	if (merge(base, *root) != 0) {
		json_decref(base);
		base = NULL;
	}
	json_decref(*root);
	*root = base;
	return base == NULL ? error_nomem(err) : 0;
}

int
scheme_load_buffer(track_scheme **out, const char *buf, size_t len,
    const char *name, track_error *err)
{
	struct loader l;
	json_t *root;
	track_scheme *s = NULL;
	int rc;

	*out = NULL;
	TRY(parse_scheme(&root, buf, len, name, 0, err));
	s = calloc(1, sizeof *s);
	if (s == NULL) {
		rc = error_set(err, TRACK_EXIT_IO, name, 0, "out of memory");
		goto out;
	}
	memset(&l, 0, sizeof l);
	l.s = s;
	l.err = err;
	l.file = name;
	rc = load(&l, root);
out:
	json_decref(root);
	if (rc != 0)
		scheme_free(s);
	else
		*out = s;
	return rc;
}

/*
 * Reads the scheme file at `path` into a new buffer (*buf, the caller
 * frees it) of *len bytes.  Returns 0, or an error naming `path`.
 */
static int
read_scheme(const char *path, char **buf /* OUT */, size_t *len /* OUT */,
    track_error *err)
{
	FILE *fp;
	char *grown;
	size_t cap = 0, n;
	int rc = 0;

	*buf = NULL;
	*len = 0;
	fp = fopen(path, "rb");
	if (fp == NULL)
		return error_set(err, TRACK_EXIT_IO, path, 0,
		    "cannot open scheme: %s", strerror(errno));
	for (;;) {
		if (*len == cap) {
			cap = cap == 0 ? 65536 : cap * 2;
			grown = cap > (size_t)MAX_SCHEME ? NULL :
			    realloc(*buf, cap);
			if (grown == NULL) {
				rc = error_set(err, cap > (size_t)MAX_SCHEME ?
				    TRACK_EXIT_DATA : TRACK_EXIT_IO, path, 0,
				    cap > (size_t)MAX_SCHEME ?
				    "scheme is too large" : "out of memory");
				goto out;
			}
			*buf = grown;
		}
		n = fread(*buf + *len, 1, cap - *len, fp);
		*len += n;
		if (n == 0)
			break;
	}
	if (ferror(fp))
		rc = error_set(err, TRACK_EXIT_IO, path, 0,
		    "cannot read scheme: %s", strerror(errno));
out:
	if (rc != 0) {
		free(*buf);
		*buf = NULL;
	}
	fclose(fp);
	return rc;
}

int
scheme_load_file(track_scheme **out, const char *path, track_error *err)
{
	char *buf;
	size_t len;
	int rc;

	*out = NULL;
	TRY(read_scheme(path, &buf, &len, err));
	rc = scheme_load_buffer(out, buf, len, path, err);
	free(buf);
	return rc;
}

int
scheme_load_default(track_scheme **out, track_error *err)
{
	return scheme_load_buffer(out, track_default_scheme,
	    track_default_scheme_len, DEFAULT_NAME, err);
}

int
scheme_load(track_scheme **out, const char *path_or_null, track_error *err)
{
	const char *env;

	if (path_or_null != NULL)
		return scheme_load_file(out, path_or_null, err);
	env = getenv("TRACK_SCHEME");
	if (env != NULL && env[0] != '\0')
		return scheme_load_file(out, env, err);
	return scheme_load_default(out, err);
}

void
scheme_free(track_scheme *s)
{
	if (s == NULL)
		return;
	arena_free(&s->arena);
	free(s);
}
