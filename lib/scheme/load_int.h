/*
 * load_int.h - the scheme loader's helpers, shared by load.c,
 * load_scales.c and load_sections.c.
 *
 * A struct loader carries the scheme being built, the caller's error and
 * the JSON path of what is being read.  Every helper returns 0, or the
 * status of the error it set (TRACK_EXIT_DATA naming the path, or
 * TRACK_EXIT_IO when out of memory), which TRY() passes up.  What the
 * helpers copy lives in the scheme's arena.
 */
#ifndef TRACK_SCHEME_LOAD_INT_H
#define TRACK_SCHEME_LOAD_INT_H

#include <jansson.h>

#include "scheme_int.h"

struct loader {
	track_scheme *s;
	track_error *err;
	const char *file;
	json_t *na_sets;	/* $.not_assessed, or NULL */
	size_t plen;
	char path[400];		/* JSON path of what is being read */
};

/* `n` zeroed bytes in the scheme's arena, or NULL. */
static inline void *
load_alloc(struct loader *l, size_t n)
{
	return arena_alloc(&l->s->arena, n);
}

/* A copy of z in the scheme's arena, or NULL. */
static inline const char *
load_strdup(struct loader *l, const char *z)
{
	return arena_strdup(&l->s->arena, z);
}

/* ---- Errors and paths (load.c) ---- */

/* Fails with "path: message", kind TRACK_EXIT_DATA. */
int load_fail(struct loader *l, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Fails with "out of memory", kind TRACK_EXIT_IO. */
int load_oom(struct loader *l);

/* Cuts the path to `len` bytes. */
void load_path_set(struct loader *l, size_t len);

/* Appends ".key" (or ["key"] for an odd key) and returns the old length. */
size_t load_path_key(struct loader *l, const char *key);

/* Appends "[i]" and returns the old length. */
size_t load_path_index(struct loader *l, size_t i);

/* Goes back to the path of length `old`. */
void load_path_pop(struct loader *l, size_t old);

/* Fails with "unknown WHAT "text" (did you mean "x"?)" from dict d. */
int load_fail_unknown(struct loader *l, const struct dict *d,
    const char *what, const char *text);

/* ---- Members (load.c) ---- */

/*
 * Fails on the first key of `o` (in file order) that is not in the
 * NULL-terminated `allowed`, suggesting the nearest allowed key.
 */
int load_check_keys(struct loader *l, json_t *o,
    const char *const *allowed);

/* Fails with "expected WHAT" unless v has JSON type `type`. */
int load_expect_type(struct loader *l, json_t *v, int type,
    const char *what);

/*
 * Finds member `key` of `o`, which must have JSON type `type` (described
 * as `what` in errors).  *out is NULL when the member is absent and not
 * `required`.
 */
int load_member(struct loader *l, json_t *o, const char *key, int type,
    const char *what, int required, json_t **out /* OUT */);

/*
 * Reads array member `key` of `o` into *arr (which must have an entry
 * when `required`), pushes its path and returns the old length in *old.
 */
int load_open_array(struct loader *l, json_t *o, const char *key,
    int required, json_t **arr /* OUT */, size_t *old /* OUT */);

/* Copies string member `key` into the arena; *out stays put if absent. */
int load_get_str(struct loader *l, json_t *o, const char *key,
    int required, const char **out /* OUT */);

/* A required string that is not blank, such as an id. */
int load_get_id(struct loader *l, json_t *o, const char *key,
    const char **out /* OUT */);

/* A number member; *out stays put when absent and not `required`. */
int load_get_num(struct loader *l, json_t *o, const char *key,
    int required, double *out /* OUT */);

/* A true or false member; *out stays put when absent. */
int load_get_bool(struct loader *l, json_t *o, const char *key,
    int *out /* OUT */);

/* A whole number member in lo..hi; *out stays put when absent. */
int load_get_int(struct loader *l, json_t *o, const char *key, long lo,
    long hi, int *out /* OUT */);

/* ---- Names (load.c) ---- */

/*
 * dict_put() for the loader: fails on an empty id or alias, an id over
 * SCHEME_ID_MAX bytes (objectives' ids may be longer) and a collision,
 * naming `what` the other entry is.
 */
int load_put_name(struct loader *l, struct dict *d, const char *text,
    int value, const char *canon, int prio, const char *what);

/* Registers each string of array member `key` of `o` as an alias. */
int load_put_aliases(struct loader *l, struct dict *d, json_t *o,
    const char *key, int value, const char *canon, const char *what);

/*
 * Reads an entry object at the current path: checks its keys against
 * `keys`, reads the id (member `idkey`) and label (default: the id), and
 * registers id, aliases and label in `d` for `value`.
 */
int load_entry(struct loader *l, json_t *o, const char *idkey,
    const char *const *keys, struct dict *d, int value, const char *what,
    const char **id /* OUT */, const char **label /* OUT */);

/* Looks up a band by spelling, failing with a suggestion. */
int load_find_band(struct loader *l, const char *text, int *out /* OUT */);

/* The index of the band whose id is `id` (case-insensitive), or -1. */
int load_band_by_id(const track_scheme *s, const char *id);

/* ---- The sections, in the order load() reads them ---- */

/* load_sections.c */
int load_bands(struct loader *l, json_t *root);
int load_years(struct loader *l, json_t *root);
int load_subjects(struct loader *l, json_t *root);

/* load_scales.c */
int load_na_sets(struct loader *l, json_t *root);
int load_scales(struct loader *l, json_t *root);

/* Looks up scale `text` for the current path, failing with a suggestion. */
int load_find_scale(struct loader *l, const char *text, int *out /* OUT */);

/* load_sections.c */
int load_measures(struct loader *l, json_t *root);
int load_subject_overrides(struct loader *l, json_t *root);
int load_points(struct loader *l, json_t *root);
int load_out_of_year(struct loader *l, json_t *root);
int load_objectives(struct loader *l, json_t *root);
int load_customs(struct loader *l, json_t *root);
int load_groups(struct loader *l, json_t *root);
int load_privacy(struct loader *l, json_t *root);
int load_benchmarks(struct loader *l, json_t *root);

/* load_ctf.c: $.ctf, read last, as it refers to all the rest */
int load_ctf(struct loader *l, json_t *root);

/* load_pupil.c: $.pupil, track-pupil's defaults */
int load_pupil_defaults(struct loader *l, json_t *root);

#endif
