/*
 * load_sections.c - the scheme's sections other than its scales.
 *
 * One function per top-level key of a scheme (see scheme.h): bands,
 * years and subjects, which the scales refer to; then measures and the
 * subjects' and points' scale overrides, which refer to the scales;
 * points; out_of_year; objectives and custom objectives; groups; privacy;
 * benchmarks.  load() in load.c calls them in that order.  Each reads its
 * part of the JSON tree into the scheme with the helpers of load.c.
 */
#include "load_int.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

/* Reads $.bands and finds the standard band. */
int
load_bands(struct loader *l, json_t *root)
{
	static const char *const keys[] = {
		"id", "label", "aliases", "standard", NULL
	};
	track_scheme *s = l->s;
	json_t *arr, *o;
	size_t i, old, old2;
	int standard = -1, flag;

	TRY(load_open_array(l, root, "bands", 1, &arr, &old));
	s->nbands = json_array_size(arr);
	s->bands = load_alloc(l, s->nbands * sizeof *s->bands);
	if (s->bands == NULL)
		return load_oom(l);
	json_array_foreach(arr, i, o) {
		old2 = load_path_index(l, i);
		TRY(load_entry(l, o, "id", keys, &s->band_d, (int)i, "band",
		    &s->bands[i].id, &s->bands[i].label));
		flag = 0;
		TRY(load_get_bool(l, o, "standard", &flag));
		if (flag && standard >= 0)
			return load_fail(l, "only one band can be the standard "
			    "(%s already is)", s->bands[standard].id);
		if (flag)
			standard = (int)i;
		load_path_pop(l, old2);
	}
	if (standard < 0)
		standard = load_band_by_id(s, "at");
	if (standard < 0)
		return load_fail(l, "no band has \"standard\": true and none "
		    "is called \"at\"");
	s->standard = (size_t)standard;
	load_path_pop(l, old);
	return 0;
}

/* Reads $.years; "age" is stored in months. */
int
load_years(struct loader *l, json_t *root)
{
	static const char *const keys[] = {
		"id", "label", "aliases", "age", NULL
	};
	track_scheme *s = l->s;
	json_t *arr, *o;
	size_t i, old, old2;
	int age;

	TRY(load_open_array(l, root, "years", 1, &arr, &old));
	s->nyears = json_array_size(arr);
	s->years = load_alloc(l, s->nyears * sizeof *s->years);
	if (s->years == NULL)
		return load_oom(l);
	json_array_foreach(arr, i, o) {
		old2 = load_path_index(l, i);
		TRY(load_entry(l, o, "id", keys, &s->year_d, (int)i, "year",
		    &s->years[i].id, &s->years[i].label));
		age = -1;
		TRY(load_get_int(l, o, "age", 0, 30, &age));
		s->years[i].age = age < 0 ? -1 : age * 12;
		load_path_pop(l, old2);
	}
	load_path_pop(l, old);
	return 0;
}

static const char *const subject_keys[] = {
	"id", "label", "aliases", "scales", NULL
};

/* Subjects without their scale overrides, which need the measures. */
int
load_subjects(struct loader *l, json_t *root)
{
	track_scheme *s = l->s;
	json_t *arr, *o;
	size_t i, old, old2;

	TRY(load_open_array(l, root, "subjects", 1, &arr, &old));
	s->nsubjects = json_array_size(arr);
	s->subjects = load_alloc(l, s->nsubjects * sizeof *s->subjects);
	if (s->subjects == NULL)
		return load_oom(l);
	json_array_foreach(arr, i, o) {
		old2 = load_path_index(l, i);
		TRY(load_entry(l, o, "id", subject_keys, &s->subject_d,
		    (int)i, "subject", &s->subjects[i].id,
		    &s->subjects[i].label));
		load_path_pop(l, old2);
	}
	load_path_pop(l, old);
	return 0;
}

/* Reads $.measures; the measure "ta" (else the first) is the default. */
int
load_measures(struct loader *l, json_t *root)
{
	static const char *const keys[] = {
		"id", "label", "aliases", "scale", NULL
	};
	track_scheme *s = l->s;
	json_t *arr, *o;
	const char *scale;
	size_t i, old, old2, old3;

	TRY(load_open_array(l, root, "measures", 1, &arr, &old));
	s->nmeasures = json_array_size(arr);
	s->measures = load_alloc(l, s->nmeasures * sizeof *s->measures);
	if (s->measures == NULL)
		return load_oom(l);
	json_array_foreach(arr, i, o) {
		old2 = load_path_index(l, i);
		TRY(load_entry(l, o, "id", keys, &s->measure_d, (int)i,
		    "measure", &s->measures[i].id, &s->measures[i].label));
		TRY(load_get_str(l, o, "scale", 1, &scale));
		old3 = load_path_key(l, "scale");
		TRY(load_find_scale(l, scale, &s->measures[i].scale));
		load_path_pop(l, old3);
		load_path_pop(l, old2);
	}
	load_path_pop(l, old);
	for (i = 0; i < s->nmeasures; i++)
		if (strcasecmp(s->measures[i].id, "ta") == 0)
			s->defmeasure = i;
	return 0;
}

/* Reads member "scales" of o, {measure: scale}, into *out (or NULL). */
static int
load_overrides(struct loader *l, json_t *o, int **out)
{
	track_scheme *s = l->s;
	json_t *m, *v;
	const char *key;
	size_t i, old, old2;
	int mi, si, *over;

	*out = NULL;
	TRY(load_member(l, o, "scales", JSON_OBJECT, "an object", 0, &m));
	if (m == NULL)
		return 0;
	over = load_alloc(l, s->nmeasures * sizeof *over);
	if (over == NULL)
		return load_oom(l);
	for (i = 0; i < s->nmeasures; i++)
		over[i] = -1;
	old = load_path_key(l, "scales");
	json_object_foreach(m, key, v) {
		old2 = load_path_key(l, key);
		mi = dict_get(&s->measure_d, key, strlen(key));
		if (mi < 0)
			return load_fail_unknown(l, &s->measure_d, "measure",
			    key);
		if (over[mi] >= 0)
			return load_fail(l, "measure %s is listed twice",
			    s->measures[mi].id);
		TRY(load_expect_type(l, v, JSON_STRING, "a scale id"));
		TRY(load_find_scale(l, json_string_value(v), &si));
		over[mi] = si;
		load_path_pop(l, old2);
	}
	load_path_pop(l, old);
	*out = over;
	return 0;
}

/* Reads each subject's "scales" once the measures and scales exist. */
int
load_subject_overrides(struct loader *l, json_t *root)
{
	json_t *arr = json_object_get(root, "subjects");
	size_t i, old, old2;

	old = load_path_key(l, "subjects");
	for (i = 0; i < l->s->nsubjects; i++) {
		old2 = load_path_index(l, i);
		TRY(load_overrides(l, json_array_get(arr, i),
		    &l->s->subjects[i].over));
		load_path_pop(l, old2);
	}
	load_path_pop(l, old);
	return 0;
}

/* Nonzero when text is a YYYY-MM-DD date with a plausible month and day. */
static int
is_date(const char *t)
{
	int i, month, day;

	if (strlen(t) != 10 || t[4] != '-' || t[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !is_digit(t[i]))
			return 0;
	month = (t[5] - '0') * 10 + (t[6] - '0');
	day = (t[8] - '0') * 10 + (t[9] - '0');
	return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/*
 * Reads $.points: terms, statutory and other points share one table, the
 * class in the high bits of each value.
 */
int
load_points(struct loader *l, json_t *root)
{
	static const char *const keys[] = {
		"terms", "statutory", "other", NULL
	};
	static const char *const point_keys[] = {
		"id", "label", "aliases", "scales", "month", NULL
	};
	static const char *const other_keys[] = {
		"id", "label", "aliases", "scales", "date", NULL
	};
	static const int cls_of[] = { CLS_TERM, CLS_STATUTORY, CLS_OTHER };
	track_scheme *s = l->s;
	json_t *pts, *arr, *o;
	struct pointdef *p;
	size_t k, i, old, old2, old3, old4;
	int cls;

	TRY(load_member(l, root, "points", JSON_OBJECT, "an object", 0, &pts));
	if (pts == NULL)
		return 0;
	old = load_path_key(l, "points");
	TRY(load_check_keys(l, pts, keys));
	for (k = 0; k < 3; k++) {
		cls = cls_of[k];
		TRY(load_open_array(l, pts, keys[k], 0, &arr, &old2));
		s->npts[cls] = arr == NULL ? 0 : json_array_size(arr);
		s->pts[cls] = load_alloc(l, s->npts[cls] * sizeof *p);
		if (s->pts[cls] == NULL)
			return load_oom(l);
		for (i = 0; i < s->npts[cls]; i++) {
			o = json_array_get(arr, i);
			p = &s->pts[cls][i];
			old3 = load_path_index(l, i);
			TRY(load_entry(l, o, "id", cls == CLS_OTHER ?
			    other_keys : point_keys, &s->point_d,
			    cls << 16 | (int)i, "point", &p->id, &p->label));
			old4 = load_path_key(l, "id");
			if (strchr(p->id, '.') != NULL)
				return load_fail(l, "a point id cannot contain "
				    "\".\"");
			if (scheme_academic_year(p->id, strlen(p->id)) >= 0)
				return load_fail(l, "a point id cannot be an "
				    "academic year");
			load_path_pop(l, old4);
			TRY(load_get_int(l, o, "month", 1, 12, &p->month));
			TRY(load_get_str(l, o, "date", 0, &p->date));
			if (p->date != NULL && !is_date(p->date)) {
				old4 = load_path_key(l, "date");
				TRY(load_fail(l,
				    "expected a date as YYYY-MM-DD"));
				load_path_pop(l, old4);
			}
			TRY(load_overrides(l, o, &p->over));
			load_path_pop(l, old3);
		}
		load_path_pop(l, old2);
	}
	load_path_pop(l, old);
	return 0;
}

/* Reads $.out_of_year; null keeps the value's own band. */
int
load_out_of_year(struct loader *l, json_t *root)
{
	static const char *const keys[] = {
		"below", "above", "custom", NULL
	};
	track_scheme *s = l->s;
	json_t *o, *v;
	size_t i, old, old2;

	s->ooy[0] = load_band_by_id(s, "below");
	s->ooy[1] = load_band_by_id(s, "above");
	s->ooy[2] = s->ooy[0];
	TRY(load_member(l, root, "out_of_year", JSON_OBJECT, "an object", 0,
	    &o));
	if (o == NULL)
		return 0;
	old = load_path_key(l, "out_of_year");
	TRY(load_check_keys(l, o, keys));
	for (i = 0; i < 3; i++) {
		v = json_object_get(o, keys[i]);
		if (v == NULL)
			continue;
		old2 = load_path_key(l, keys[i]);
		if (json_is_null(v)) {
			s->ooy[i] = -1;
		} else {
			TRY(load_expect_type(l, v, JSON_STRING,
			    "a band or null"));
			TRY(load_find_band(l, json_string_value(v),
			    &s->ooy[i]));
		}
		load_path_pop(l, old2);
	}
	load_path_pop(l, old);
	return 0;
}

/* Reads a list of objectives (the array value v at the current path). */
static int
parse_objectives(struct loader *l, json_t *v, track_objectives **out)
{
	static const char *const keys[] = { "id", "label", NULL };
	track_objectives *list;
	json_t *o;
	size_t i, old;

	TRY(load_expect_type(l, v, JSON_ARRAY, "an array"));
	if (json_array_size(v) > MAX_ENTRIES)
		return load_fail(l, "too many entries (at most %d)",
		    MAX_ENTRIES);
	list = load_alloc(l, sizeof *list);
	if (list == NULL)
		return load_oom(l);
	list->n = json_array_size(v);
	list->o = load_alloc(l, list->n * sizeof *list->o);
	if (list->o == NULL)
		return load_oom(l);
	json_array_foreach(v, i, o) {
		old = load_path_index(l, i);
		TRY(load_entry(l, o, "id", keys, &list->d, (int)i,
		    "objective", &list->o[i].id, &list->o[i].label));
		load_path_pop(l, old);
	}
	*out = list;
	return 0;
}

/* Looks up subject `text` for the current path, failing with a suggestion. */
static int
find_subject(struct loader *l, const char *text, int *out)
{
	*out = dict_get(&l->s->subject_d, text, strlen(text));
	if (*out < 0)
		return load_fail_unknown(l, &l->s->subject_d, "subject", text);
	return 0;
}

/* Reads $.objectives into the subject-by-year table of lists. */
int
load_objectives(struct loader *l, json_t *root)
{
	track_scheme *s = l->s;
	json_t *obj, *byyear, *v;
	const char *skey, *ykey;
	size_t old, old2, old3;
	int si, yi;
	track_objectives **slot;

	s->objectives = load_alloc(l, s->nsubjects * s->nyears *
	    sizeof *s->objectives);
	if (s->objectives == NULL)
		return load_oom(l);
	TRY(load_member(l, root, "objectives", JSON_OBJECT, "an object", 0,
	    &obj));
	if (obj == NULL)
		return 0;
	old = load_path_key(l, "objectives");
	json_object_foreach(obj, skey, byyear) {
		old2 = load_path_key(l, skey);
		TRY(find_subject(l, skey, &si));
		TRY(load_expect_type(l, byyear, JSON_OBJECT, "an object of "
		    "years"));
		json_object_foreach(byyear, ykey, v) {
			old3 = load_path_key(l, ykey);
			yi = dict_get(&s->year_d, ykey, strlen(ykey));
			if (yi < 0)
				return load_fail_unknown(l, &s->year_d, "year",
				    ykey);
			slot = &s->objectives[(size_t)si * s->nyears +
			    (size_t)yi];
			if (*slot != NULL)
				return load_fail(l,
				    "%s year %s is listed twice",
				    s->subjects[si].id, s->years[yi].id);
			TRY(parse_objectives(l, v, slot));
			load_path_pop(l, old3);
		}
		load_path_pop(l, old2);
	}
	load_path_pop(l, old);
	return 0;
}

/*
 * Reads $.custom_objectives.  A list's id may not be a year spelling,
 * since `against` holds either.
 */
int
load_customs(struct loader *l, json_t *root)
{
	static const char *const keys[] = { "label", "objectives", NULL };
	track_scheme *s = l->s;
	json_t *obj, *o, *m, *v;
	const char *key, *skey;
	struct custom *c;
	size_t i = 0, old, old2, old3, old4;
	int si, yi;

	TRY(load_member(l, root, "custom_objectives", JSON_OBJECT, "an object",
	    0, &obj));
	if (obj == NULL)
		return 0;
	old = load_path_key(l, "custom_objectives");
	s->ncustoms = json_object_size(obj);
	s->customs = load_alloc(l, s->ncustoms * sizeof *s->customs);
	if (s->customs == NULL)
		return load_oom(l);
	json_object_foreach(obj, key, o) {
		c = &s->customs[i];
		old2 = load_path_key(l, key);
		c->id = load_strdup(l, key);
		c->by_subject = load_alloc(l,
		    s->nsubjects * sizeof *c->by_subject);
		if (c->id == NULL || c->by_subject == NULL)
			return load_oom(l);
		yi = dict_get(&s->year_d, key, strlen(key));
		if (yi >= 0)
			return load_fail(l, "custom list \"%s\" has the same "
			    "name as year %s", key, s->years[yi].id);
		TRY(load_put_name(l, &s->custom_d, c->id, (int)i, c->id,
		    PRIO_ID, "custom list"));
		TRY(load_expect_type(l, o, JSON_OBJECT, "an object"));
		TRY(load_check_keys(l, o, keys));
		c->label = c->id;
		TRY(load_get_str(l, o, "label", 0, &c->label));
		TRY(load_put_name(l, &s->custom_d, c->label, (int)i, c->id,
		    PRIO_LABEL, "custom list"));
		TRY(load_member(l, o, "objectives", JSON_OBJECT, "an object", 1,
		    &m));
		old3 = load_path_key(l, "objectives");
		json_object_foreach(m, skey, v) {
			old4 = load_path_key(l, skey);
			TRY(find_subject(l, skey, &si));
			if (c->by_subject[si] != NULL)
				return load_fail(l,
				    "subject %s is listed twice",
				    s->subjects[si].id);
			TRY(parse_objectives(l, v, &c->by_subject[si]));
			load_path_pop(l, old4);
		}
		load_path_pop(l, old3);
		load_path_pop(l, old2);
		i++;
	}
	load_path_pop(l, old);
	return 0;
}

/* Reads $.groups; deprecated aliases carry the DEPRECATED flag. */
int
load_groups(struct loader *l, json_t *root)
{
	static const char *const keys[] = { "label", "values", NULL };
	static const char *const value_keys[] = {
		"code", "label", "aliases", "deprecated", NULL
	};
	track_scheme *s = l->s;
	json_t *obj, *o, *arr, *v;
	const char *key;
	struct track_group *g;
	size_t i = 0, j, old, old2, old3, old4;

	TRY(load_member(l, root, "groups", JSON_OBJECT, "an object", 0, &obj));
	if (obj == NULL)
		return 0;
	old = load_path_key(l, "groups");
	s->ngroups = json_object_size(obj);
	s->groups = load_alloc(l, s->ngroups * sizeof *s->groups);
	if (s->groups == NULL)
		return load_oom(l);
	json_object_foreach(obj, key, o) {
		g = &s->groups[i];
		old2 = load_path_key(l, key);
		g->column = load_strdup(l, key);
		if (g->column == NULL)
			return load_oom(l);
		TRY(load_put_name(l, &s->group_d, g->column, (int)i, g->column,
		    PRIO_ID, "group"));
		TRY(load_expect_type(l, o, JSON_OBJECT, "an object"));
		TRY(load_check_keys(l, o, keys));
		g->label = g->column;
		TRY(load_get_str(l, o, "label", 0, &g->label));
		TRY(load_open_array(l, o, "values", 1, &arr, &old3));
		g->n = json_array_size(arr);
		g->v = load_alloc(l, g->n * sizeof *g->v);
		if (g->v == NULL)
			return load_oom(l);
		json_array_foreach(arr, j, v) {
			old4 = load_path_index(l, j);
			TRY(load_entry(l, v, "code", value_keys, &g->d,
			    (int)j, "value", &g->v[j].code, &g->v[j].label));
			TRY(load_put_aliases(l, &g->d, v, "deprecated",
			    (int)j | DEPRECATED, g->v[j].code, "value"));
			load_path_pop(l, old4);
		}
		load_path_pop(l, old3);
		load_path_pop(l, old2);
		i++;
	}
	load_path_pop(l, old);
	return 0;
}

/* Reads $.privacy. */
int
load_privacy(struct loader *l, json_t *root)
{
	static const char *const keys[] = {
		"min_group", "identifying", NULL
	};
	track_scheme *s = l->s;
	json_t *o, *arr, *v;
	size_t old, old2, old3, i, j;
	const char *name;

	TRY(load_member(l, root, "privacy", JSON_OBJECT, "an object", 0, &o));
	if (o == NULL)
		return 0;
	old = load_path_key(l, "privacy");
	TRY(load_check_keys(l, o, keys));
	TRY(load_get_int(l, o, "min_group", 0, 1000000, &s->min_group));
	/* The columns that identify a pupil (an empty list is allowed). */
	TRY(load_open_array(l, o, "identifying", 0, &arr, &old2));
	if (arr != NULL) {
		s->nidentifying = json_array_size(arr);
		s->identifying = load_alloc(l, (s->nidentifying + 1) *
		    sizeof *s->identifying);
		if (s->identifying == NULL)
			return load_oom(l);
		json_array_foreach(arr, i, v) {
			old3 = load_path_index(l, i);
			TRY(load_expect_type(l, v, JSON_STRING, "a string"));
			name = json_string_value(v);
			for (j = 0; name[j] != '\0' && !isalnum((unsigned char)
			    name[j]) && (unsigned char)name[j] < 0x80; j++)
				;
			if (name[j] == '\0')
				TRY(load_fail(l, "a column name needs a letter "
				    "or a digit"));
			s->identifying[i] = load_strdup(l, name);
			if (s->identifying[i] == NULL)
				return load_oom(l);
			load_path_pop(l, old3);
		}
		s->identifying[s->nidentifying] = NULL;
	}
	load_path_pop(l, old2);
	load_path_pop(l, old);
	return 0;
}

/*
 * Reads a figure's "year": a year id (or alias) or a non-empty list of
 * them, the year groups the figure is for together, into f->years.
 */
static int
load_figure_years(struct loader *l, json_t *o, track_figure *f)
{
	track_scheme *s = l->s;
	json_t *v = json_object_get(o, "year"), *y;
	const char *text;
	size_t i, n, old, old2;
	int k;

	f->years = 0;
	if (v == NULL)
		return 0;
	old = load_path_key(l, "year");
	if (!json_is_string(v) && !json_is_array(v))
		return load_fail(l, "expected a year or a list of years");
	n = json_is_array(v) ? json_array_size(v) : 1;
	if (n == 0)
		return load_fail(l, "must not be empty (leave \"year\" out "
		    "for a figure for every year)");
	for (i = 0; i < n; i++) {
		y = json_is_array(v) ? json_array_get(v, i) : v;
		old2 = json_is_array(v) ? load_path_index(l, i) : l->plen;
		TRY(load_expect_type(l, y, JSON_STRING, "a year"));
		text = json_string_value(y);
		k = dict_get(&s->year_d, text, strlen(text));
		if (k < 0)
			return load_fail_unknown(l, &s->year_d, "year", text);
		if (k >= SCHEME_YEARS_MAX)
			return load_fail(l, "a benchmark figure can name only "
			    "the scheme's first %d years", SCHEME_YEARS_MAX);
		if (f->years & (track_years)1 << k)
			return load_fail(l, "year %s is listed twice",
			    s->years[k].id);
		f->years |= (track_years)1 << k;
		load_path_pop(l, old2);
	}
	load_path_pop(l, old);
	return 0;
}

/* Reads one benchmark figure, canonicalising its references. */
static int
load_figure(struct loader *l, json_t *o, track_figure *f)
{
	static const char *const keys[] = {
		"subject", "measure", "point", "year", "band", "pct", NULL
	};
	track_scheme *s = l->s;
	const char *text = NULL;
	char buf[SCHEME_POINT_MAX];
	size_t old;
	int i;

	TRY(load_expect_type(l, o, JSON_OBJECT, "an object"));
	TRY(load_check_keys(l, o, keys));
	TRY(load_get_id(l, o, "subject", &f->subject));
	i = dict_get(&s->subject_d, f->subject, strlen(f->subject));
	if (i >= 0)
		f->subject = s->subjects[i].id;
	f->measure = s->measures[s->defmeasure].id;
	TRY(load_get_str(l, o, "measure", 0, &text));
	old = load_path_key(l, "measure");
	if (text != NULL) {
		i = dict_get(&s->measure_d, text, strlen(text));
		if (i < 0)
			return load_fail_unknown(l, &s->measure_d, "measure",
			    text);
		f->measure = s->measures[i].id;
	}
	load_path_pop(l, old);
	TRY(load_get_str(l, o, "point", 0, &f->point));
	old = load_path_key(l, "point");
	if (f->point != NULL) {
		if (scheme_point_normalise(s, f->point, strlen(f->point),
		    buf, sizeof buf) <= 0)
			return load_fail_unknown(l, &s->point_d, "point",
			    f->point);
		f->point = load_strdup(l, buf);
		if (f->point == NULL)
			return load_oom(l);
	}
	load_path_pop(l, old);
	TRY(load_figure_years(l, o, f));
	f->band = "at_or_above";
	text = NULL;
	TRY(load_get_str(l, o, "band", 0, &text));
	old = load_path_key(l, "band");
	if (text != NULL && strcmp(text, "at_or_above") != 0) {
		TRY(load_find_band(l, text, &i));
		f->band = s->bands[i].id;
	}
	load_path_pop(l, old);
	TRY(load_get_num(l, o, "pct", 1, &f->pct));
	if (f->pct < 0 || f->pct > 100) {
		old = load_path_key(l, "pct");
		TRY(load_fail(l, "%g is not a percentage (0..100)", f->pct));
		load_path_pop(l, old);
	}
	return 0;
}

/* Reads $.benchmarks, an object keyed by benchmark id. */
int
load_benchmarks(struct loader *l, json_t *root)
{
	static const char *const keys[] = { "label", "figures", NULL };
	track_scheme *s = l->s;
	json_t *obj, *o, *arr, *f;
	const char *key;
	struct track_benchmark *b;
	size_t i = 0, j, old, old2, old3, old4;

	TRY(load_member(l, root, "benchmarks", JSON_OBJECT, "an object", 0,
	    &obj));
	if (obj == NULL)
		return 0;
	old = load_path_key(l, "benchmarks");
	s->nbench = json_object_size(obj);
	s->bench = load_alloc(l, s->nbench * sizeof *s->bench);
	if (s->bench == NULL)
		return load_oom(l);
	json_object_foreach(obj, key, o) {
		b = &s->bench[i];
		old2 = load_path_key(l, key);
		b->id = load_strdup(l, key);
		if (b->id == NULL)
			return load_oom(l);
		TRY(load_put_name(l, &s->bench_d, b->id, (int)i, b->id, PRIO_ID,
		    "benchmark"));
		TRY(load_expect_type(l, o, JSON_OBJECT, "an object"));
		TRY(load_check_keys(l, o, keys));
		b->label = b->id;
		TRY(load_get_str(l, o, "label", 0, &b->label));
		TRY(load_open_array(l, o, "figures", 1, &arr, &old3));
		b->n = json_array_size(arr);
		b->f = load_alloc(l, b->n * sizeof *b->f);
		if (b->f == NULL)
			return load_oom(l);
		json_array_foreach(arr, j, f) {
			old4 = load_path_index(l, j);
			TRY(load_figure(l, f, &b->f[j]));
			load_path_pop(l, old4);
		}
		load_path_pop(l, old3);
		load_path_pop(l, old2);
		i++;
	}
	load_path_pop(l, old);
	return 0;
}
