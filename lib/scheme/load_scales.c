/*
 * load_scales.c - the scheme's scales and its not-assessed sets.
 *
 * $.scales is an object keyed by scale id.  A scale's kind (descriptor,
 * level, score or age) decides which keys it may have; this file reads
 * each kind (codes with their bands, levels with the expected level per
 * year, score thresholds, an age tolerance), the bands a level or age
 * scale maps below, at and above to, and the not-assessed codes, inline
 * or from a shared set in $.not_assessed.  Every code goes into the
 * scale's table, the not-assessed ones with NA_FLAG.
 */
#include "load_int.h"

#include <string.h>

#include "base/suggest.h"


/*
 * Reads a not-assessed list (the array at the current path) into sc,
 * registering its codes in the scale's dict beside the scale's own.
 */
static int
parse_na_list(struct loader *l, struct track_scale *sc, json_t *arr)
{
	static const char *const keys[] = {
		"code", "label", "aliases", "count", NULL
	};
	json_t *o;
	size_t i, old, old2;
	const char *count = NULL;
	struct na *na;

	sc->nna = json_array_size(arr);
	if (sc->nna > MAX_ENTRIES)
		return load_fail(l, "too many entries (at most %d)",
		    MAX_ENTRIES);
	sc->na = load_alloc(l, sc->nna * sizeof *sc->na);
	if (sc->na == NULL)
		return load_oom(l);
	json_array_foreach(arr, i, o) {
		na = &sc->na[i];
		old = load_path_index(l, i);
		TRY(load_entry(l, o, "code", keys, &sc->d,
		    NA_FLAG | (int)i, "code", &na->code, &na->label));
		TRY(load_get_str(l, o, "count", 1, &count));
		if (strcmp(count, "not-at") == 0) {
			na->not_at = 1;
		} else if (strcmp(count, "excluded") != 0) {
			old2 = load_path_key(l, "count");
			TRY(load_fail(l, "count must be \"not-at\" or "
			    "\"excluded\", not \"%s\"", count));
			load_path_pop(l, old2);
		}
		load_path_pop(l, old);
	}
	return 0;
}

/* Checks the shared not-assessed sets on their own, used or not. */
int
load_na_sets(struct loader *l, json_t *root)
{
	struct track_scale dummy;
	const char *key;
	json_t *v;
	size_t old, old2;

	TRY(load_member(l, root, "not_assessed", JSON_OBJECT, "an object", 0,
	    &l->na_sets));
	if (l->na_sets == NULL)
		return 0;
	old = load_path_key(l, "not_assessed");
	json_object_foreach(l->na_sets, key, v) {
		old2 = load_path_key(l, key);
		TRY(load_expect_type(l, v, JSON_ARRAY, "an array"));
		memset(&dummy, 0, sizeof dummy);
		TRY(parse_na_list(l, &dummy, v));
		load_path_pop(l, old2);
	}
	load_path_pop(l, old);
	return 0;
}

/* Reads member "not_assessed" of scale o: a set name or an inline list. */
static int
load_scale_na(struct loader *l, struct track_scale *sc, json_t *o)
{
	json_t *v = json_object_get(o, "not_assessed"), *set = NULL;
	const char *name, *key, **names;
	char saved[sizeof l->path];
	size_t old, savedlen, n = 0, i;

	if (v == NULL || json_is_null(v))
		return 0;
	old = load_path_key(l, "not_assessed");
	if (json_is_array(v)) {
		TRY(parse_na_list(l, sc, v));
		load_path_pop(l, old);
		return 0;
	}
	if (!json_is_string(v))
		return load_fail(l, "expected the name of a not_assessed set "
		    "or an array");
	name = json_string_value(v);
	if (l->na_sets != NULL)
		set = json_object_get(l->na_sets, name);
	if (set == NULL) {
		n = l->na_sets != NULL ? json_object_size(l->na_sets) : 0;
		names = load_alloc(l, (n + 1) * sizeof *names);
		if (names == NULL)
			return load_oom(l);
		i = 0;
		if (l->na_sets != NULL)
			json_object_foreach(l->na_sets, key, set) {
				names[i++] = key;
			}
		i = suggest_index(name, strlen(name), names, n);
		if (i < n)
			return load_fail(l, "unknown not_assessed set \"%s\" "
			    "(did you mean \"%s\"?)", name, names[i]);
		return load_fail(l, "unknown not_assessed set \"%s\"", name);
	}
	/* Errors in a shared set point at the set itself. */
	memcpy(saved, l->path, sizeof saved);
	savedlen = l->plen;
	load_path_set(l, 1);
	load_path_key(l, "not_assessed");
	load_path_key(l, name);
	TRY(parse_na_list(l, sc, set));
	memcpy(l->path, saved, sizeof saved);
	l->plen = savedlen;
	load_path_pop(l, old);
	return 0;
}

/*
 * The default band for outcome i (below, at, above) of a level or age
 * scale: the standard band for "at"; for the others the band called
 * "below" or "above", else the band next to the standard.  -1 if none.
 */
static int
default_map(const track_scheme *s, size_t i)
{
	int b;

	if (i == 1)
		return (int)s->standard;
	b = load_band_by_id(s, i == 0 ? "below" : "above");
	if (b >= 0)
		return b;
	if (i == 0)
		return s->standard > 0 ? (int)s->standard - 1 : -1;
	return s->standard + 1 < s->nbands ? (int)s->standard + 1 : -1;
}

/* Reads member "bands" of a level or age scale: below, at and above. */
static int
load_scale_map(struct loader *l, struct track_scale *sc, json_t *o)
{
	static const char *const keys[] = { "below", "at", "above", NULL };
	json_t *m;
	const char *name;
	size_t i, old, old2;

	TRY(load_member(l, o, "bands", JSON_OBJECT, "an object", 0, &m));
	old = load_path_key(l, "bands");
	if (m != NULL)
		TRY(load_check_keys(l, m, keys));
	for (i = 0; i < 3; i++) {
		name = keys[i];
		if (m != NULL)
			TRY(load_get_str(l, m, keys[i], 0, &name));
		old2 = load_path_key(l, keys[i]);
		if (m == NULL || json_object_get(m, keys[i]) == NULL) {
			sc->map[i] = default_map(l->s, i);
			if (sc->map[i] < 0)
				return load_fail(l, "there is no band \"%s\" "
				    "and no band %s the standard; name the "
				    "band to use", name, i == 0 ? "below" :
				    "above");
		} else {
			TRY(load_find_band(l, name, &sc->map[i]));
		}
		load_path_pop(l, old2);
	}
	load_path_pop(l, old);
	return 0;
}

/*
 * Reads a descriptor scale's codes, lowest first, and picks its expected
 * code: the first non-legacy code in the standard band.
 */
static int
load_descriptor(struct loader *l, struct track_scale *sc, json_t *o)
{
	static const char *const keys[] = {
		"code", "label", "aliases", "band", "legacy", NULL
	};
	track_scheme *s = l->s;
	json_t *arr, *c;
	struct code *cd;
	const char *band;
	size_t i, old, old2, old3;

	TRY(load_open_array(l, o, "codes", 1, &arr, &old));
	sc->ncodes = json_array_size(arr);
	sc->codes = load_alloc(l, sc->ncodes * sizeof *sc->codes);
	if (sc->codes == NULL)
		return load_oom(l);
	json_array_foreach(arr, i, c) {
		cd = &sc->codes[i];
		old2 = load_path_index(l, i);
		TRY(load_entry(l, c, "code", keys, &sc->d, (int)i, "code",
		    &cd->code, &cd->label));
		TRY(load_get_str(l, c, "band", 1, &band));
		old3 = load_path_key(l, "band");
		TRY(load_find_band(l, band, &cd->band));
		if (i > 0 && cd->band < sc->codes[i - 1].band)
			return load_fail(l, "codes go from lowest to highest, "
			    "but %s (%s) comes after %s (%s)", cd->code,
			    s->bands[cd->band].id, sc->codes[i - 1].code,
			    s->bands[sc->codes[i - 1].band].id);
		load_path_pop(l, old3);
		TRY(load_get_bool(l, c, "legacy", &cd->legacy));
		load_path_pop(l, old2);
	}
	load_path_pop(l, old);
	for (i = 0; i < sc->ncodes && sc->expect == NULL; i++)
		if (sc->codes[i].band == (int)s->standard &&
		    !sc->codes[i].legacy)
			sc->expect = sc->codes[i].code;
	for (i = 0; i < sc->ncodes && sc->expect == NULL; i++)
		if (sc->codes[i].band == (int)s->standard)
			sc->expect = sc->codes[i].code;
	return 0;
}

/* Reads a level scale: its levels, the expected level per year, its bands. */
static int
load_level(struct loader *l, struct track_scale *sc, json_t *o)
{
	static const char *const keys[] = {
		"code", "label", "aliases", NULL
	};
	track_scheme *s = l->s;
	json_t *arr, *c, *m, *v;
	const char *key, *near, *text;
	size_t i, old, old2;
	int y, lv;

	TRY(load_open_array(l, o, "levels", 1, &arr, &old));
	sc->ncodes = json_array_size(arr);
	sc->codes = load_alloc(l, sc->ncodes * sizeof *sc->codes);
	sc->expected = load_alloc(l, s->nyears * sizeof *sc->expected);
	if (sc->codes == NULL || sc->expected == NULL)
		return load_oom(l);
	json_array_foreach(arr, i, c) {
		old2 = load_path_index(l, i);
		TRY(load_entry(l, c, "code", keys, &sc->d, (int)i, "level",
		    &sc->codes[i].code, &sc->codes[i].label));
		sc->codes[i].band = -1;
		load_path_pop(l, old2);
	}
	load_path_pop(l, old);
	sc->nexpected = s->nyears;
	for (i = 0; i < s->nyears; i++)
		sc->expected[i] = -1;
	TRY(load_member(l, o, "expected", JSON_OBJECT, "an object", 0, &m));
	old = load_path_key(l, "expected");
	if (m != NULL) {
		json_object_foreach(m, key, v) {
			old2 = load_path_key(l, key);
			y = dict_get(&s->year_d, key, strlen(key));
			if (y < 0)
				return load_fail_unknown(l, &s->year_d, "year",
				    key);
			if (sc->expected[y] >= 0)
				return load_fail(l, "year %s is listed twice",
				    s->years[y].id);
			TRY(load_expect_type(l, v, JSON_STRING,
			    "a level code"));
			text = json_string_value(v);
			lv = dict_get(&sc->d, text, strlen(text));
			if (lv < 0) {
				near = dict_suggest(&sc->d, text,
				    strlen(text));
				if (near != NULL)
					return load_fail(l, "expected level "
					    "\"%s\" is not in the level list "
					    "(did you mean \"%s\"?)", text,
					    near);
				return load_fail(l, "expected level \"%s\" is "
				    "not in the level list", text);
			}
			sc->expected[y] = lv;
			load_path_pop(l, old2);
		}
	}
	load_path_pop(l, old);
	return load_scale_map(l, sc, o);
}

/*
 * Reads a score scale's "bands": increasing thresholds, the first at the
 * scale's min, each naming a band higher than the last.
 */
static int
load_thresholds(struct loader *l, struct track_scale *sc, json_t *o)
{
	static const char *const keys[] = { "band", "min", NULL };
	track_scheme *s = l->s;
	json_t *arr, *t;
	struct threshold *th;
	const char *band;
	char buf[64];
	size_t i, old, old2, old3;

	TRY(load_open_array(l, o, "bands", 0, &arr, &old));
	sc->nth = arr == NULL ? 0 : json_array_size(arr);
	sc->th = load_alloc(l, sc->nth * sizeof *sc->th);
	if (sc->th == NULL)
		return load_oom(l);
	for (i = 0; i < sc->nth; i++) {
		t = json_array_get(arr, i);
		th = &sc->th[i];
		old2 = load_path_index(l, i);
		TRY(load_expect_type(l, t, JSON_OBJECT, "an object"));
		TRY(load_check_keys(l, t, keys));
		TRY(load_get_str(l, t, "band", 1, &band));
		old3 = load_path_key(l, "band");
		TRY(load_find_band(l, band, &th->band));
		if (i > 0 && th->band <= sc->th[i - 1].band)
			return load_fail(l, "bands go from lowest to highest, "
			    "but %s comes after %s", s->bands[th->band].id,
			    s->bands[sc->th[i - 1].band].id);
		load_path_pop(l, old3);
		th->min = sc->min;
		TRY(load_get_num(l, t, "min", i > 0, &th->min));
		old3 = load_path_key(l, "min");
		if (i == 0 && th->min != sc->min)
			return load_fail(l, "the first band must start at the "
			    "scale's min (%g, not %g)", sc->min, th->min);
		if (i > 0 && th->min <= sc->th[i - 1].min)
			return load_fail(l, "thresholds overlap (%g is not "
			    "above %g)", th->min, sc->th[i - 1].min);
		if (th->min > sc->max)
			return load_fail(l, "threshold %g is above the scale's "
			    "max %g", th->min, sc->max);
		load_path_pop(l, old3);
		if (value_format_number(th->min, buf, sizeof buf) < 0)
			return load_fail(l, "number too long");
		th->text = load_strdup(l, buf);
		if (th->text == NULL)
			return load_oom(l);
		if (th->band == (int)s->standard)
			sc->expect = th->text;
		load_path_pop(l, old2);
	}
	load_path_pop(l, old);
	return 0;
}

/* Reads a score scale: range, whole numbers or not, thresholds. */
static int
load_score(struct loader *l, struct track_scale *sc, json_t *o)
{
	size_t old;

	TRY(load_get_num(l, o, "min", 1, &sc->min));
	TRY(load_get_num(l, o, "max", 1, &sc->max));
	if (sc->max <= sc->min) {
		old = load_path_key(l, "max");
		TRY(load_fail(l, "max %g is not above min %g", sc->max,
		    sc->min));
		load_path_pop(l, old);
	}
	sc->integer = 1;
	TRY(load_get_bool(l, o, "integer", &sc->integer));
	return load_thresholds(l, sc, o);
}

/*
 * Reads one scale object: its kind decides which keys are allowed; the
 * not-assessed codes come last so they may not shadow the scale's codes.
 */
static int
load_scale(struct loader *l, struct track_scale *sc, json_t *o)
{
	static const char *const kinds[] = {
		"descriptor", "level", "score", "age", NULL
	};
	static const char *const descriptor_keys[] = {
		"kind", "label", "not_assessed", "codes", NULL
	};
	static const char *const level_keys[] = {
		"kind", "label", "not_assessed", "levels", "expected",
		"bands", NULL
	};
	static const char *const score_keys[] = {
		"kind", "label", "not_assessed", "min", "max", "integer",
		"bands", NULL
	};
	static const char *const age_keys[] = {
		"kind", "label", "not_assessed", "tolerance", "bands", NULL
	};
	static const char *const *const keysets[] = {
		descriptor_keys, level_keys, score_keys, age_keys
	};
	const char *kind;
	size_t k, old;

	TRY(load_expect_type(l, o, JSON_OBJECT, "an object"));
	TRY(load_get_str(l, o, "kind", 1, &kind));
	for (k = 0; kinds[k] != NULL; k++)
		if (strcmp(kind, kinds[k]) == 0)
			break;
	if (kinds[k] == NULL) {
		old = load_path_key(l, "kind");
		k = suggest_index(kind, strlen(kind), kinds, 4);
		if (k < 4)
			return load_fail(l, "unknown kind \"%s\" (did you mean "
			    "\"%s\"?)", kind, kinds[k]);
		TRY(load_fail(l, "unknown kind \"%s\" (use descriptor, level, "
		    "score or age)", kind));
		load_path_pop(l, old);
	}
	sc->kind = (enum track_scale_kind)k;
	TRY(load_check_keys(l, o, keysets[k]));
	sc->label = sc->id;
	TRY(load_get_str(l, o, "label", 0, &sc->label));
	sc->map[0] = sc->map[1] = sc->map[2] = -1;
	switch (sc->kind) {
	case TRACK_SCALE_DESCRIPTOR:
		TRY(load_descriptor(l, sc, o));
		break;
	case TRACK_SCALE_LEVEL:
		TRY(load_level(l, sc, o));
		break;
	case TRACK_SCALE_SCORE:
		TRY(load_score(l, sc, o));
		break;
	case TRACK_SCALE_AGE:
		sc->tolerance = 6;
		TRY(load_get_int(l, o, "tolerance", 0, 120, &sc->tolerance));
		TRY(load_scale_map(l, sc, o));
		break;
	}
	return load_scale_na(l, sc, o);
}

/* Reads $.scales, an object keyed by scale id. */
int
load_scales(struct loader *l, json_t *root)
{
	track_scheme *s = l->s;
	json_t *obj, *v;
	const char *key;
	size_t i = 0, old, old2;

	TRY(load_member(l, root, "scales", JSON_OBJECT, "an object", 1, &obj));
	old = load_path_key(l, "scales");
	s->nscales = json_object_size(obj);
	if (s->nscales == 0)
		return load_fail(l, "must not be empty");
	s->scales = load_alloc(l, s->nscales * sizeof *s->scales);
	if (s->scales == NULL)
		return load_oom(l);
	json_object_foreach(obj, key, v) {
		old2 = load_path_key(l, key);
		s->scales[i].id = load_strdup(l, key);
		if (s->scales[i].id == NULL)
			return load_oom(l);
		TRY(load_put_name(l, &s->scale_d, s->scales[i].id, (int)i,
		    s->scales[i].id, PRIO_ID, "scale"));
		TRY(load_scale(l, &s->scales[i], v));
		load_path_pop(l, old2);
		i++;
	}
	load_path_pop(l, old);
	return 0;
}

/* Looks up scale `text` for the current path, failing with a suggestion. */
int
load_find_scale(struct loader *l, const char *text, int *out)
{
	*out = dict_get(&l->s->scale_d, text, strlen(text));
	if (*out < 0)
		return load_fail_unknown(l, &l->s->scale_d, "scale", text);
	return 0;
}
