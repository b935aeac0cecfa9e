/*
 * scheme.c - the scheme's accessors: the scheme itself, years, subjects,
 * measures, bands, groups, objectives, privacy and benchmarks.
 *
 * Everything here reads a loaded scheme (load.c builds it) and looks
 * user text up in its name tables, which fold case and white space and
 * never allocate.  Points are in points.c, scales in scales.c and values
 * in values.c.
 */
#include "scheme_int.h"

#include <string.h>
#include <strings.h>

/* ---- Scheme, years, subjects, measures, bands ---- */

const char *
scheme_name(const track_scheme *s)
{
	return s->name;
}

const char *
scheme_description(const track_scheme *s)
{
	return s->description;
}

int
scheme_year_index(const track_scheme *s, const char *text, size_t len)
{
	return dict_get(&s->year_d, text, len);
}

track_years
scheme_years_of(const track_scheme *s, const char *text, size_t len)
{
	int i = dict_get(&s->year_d, text, len);

	return i < 0 || i >= SCHEME_YEARS_MAX ? SCHEME_YEARS_OTHER :
	    (track_years)1 << i;
}

const char *
scheme_year_id(const track_scheme *s, const char *text, size_t len)
{
	int i = dict_get(&s->year_d, text, len);

	return i < 0 ? NULL : s->years[i].id;
}

size_t
scheme_year_count(const track_scheme *s)
{
	return s->nyears;
}

const char *
scheme_year_id_at(const track_scheme *s, size_t i)
{
	return i < s->nyears ? s->years[i].id : NULL;
}

const char *
scheme_year_label(const track_scheme *s, size_t i)
{
	return i < s->nyears ? s->years[i].label : NULL;
}

int
scheme_year_age(const track_scheme *s, size_t i)
{
	return i < s->nyears ? s->years[i].age : -1;
}


int
scheme_year_cmp(const track_scheme *s, const char *a, size_t alen,
    const char *b, size_t blen)
{
	int ia = dict_get(&s->year_d, a, alen);
	int ib = dict_get(&s->year_d, b, blen);

	if (ia >= 0 && ib >= 0)
		return ia < ib ? -1 : ia > ib;
	if (ia >= 0 || ib >= 0)
		return ia >= 0 ? -1 : 1;
	trim(&a, &alen);
	trim(&b, &blen);
	return bytes_cmp(a, alen, b, blen);
}

int
scheme_subject_index(const track_scheme *s, const char *text, size_t len)
{
	return dict_get(&s->subject_d, text, len);
}

const char *
scheme_subject_id(const track_scheme *s, const char *text, size_t len)
{
	int i = dict_get(&s->subject_d, text, len);

	return i < 0 ? NULL : s->subjects[i].id;
}

size_t
scheme_subject_count(const track_scheme *s)
{
	return s->nsubjects;
}

const char *
scheme_subject_id_at(const track_scheme *s, size_t i)
{
	return i < s->nsubjects ? s->subjects[i].id : NULL;
}

const char *
scheme_subject_label(const track_scheme *s, size_t i)
{
	return i < s->nsubjects ? s->subjects[i].label : NULL;
}

int
scheme_measure_index(const track_scheme *s, const char *text, size_t len)
{
	trim(&text, &len);
	if (len == 0)
		return (int)s->defmeasure;
	return dict_get(&s->measure_d, text, len);
}

const char *
scheme_measure_id(const track_scheme *s, const char *text, size_t len)
{
	int i = scheme_measure_index(s, text, len);

	return i < 0 ? NULL : s->measures[i].id;
}

size_t
scheme_measure_count(const track_scheme *s)
{
	return s->nmeasures;
}

const char *
scheme_measure_id_at(const track_scheme *s, size_t i)
{
	return i < s->nmeasures ? s->measures[i].id : NULL;
}

const char *
scheme_measure_label(const track_scheme *s, size_t i)
{
	return i < s->nmeasures ? s->measures[i].label : NULL;
}

const char *
scheme_measure_default(const track_scheme *s)
{
	return s->measures[s->defmeasure].id;
}

const track_scale *
scheme_measure_scale(const track_scheme *s, size_t i)
{
	return i < s->nmeasures ? &s->scales[s->measures[i].scale] : NULL;
}

size_t
scheme_band_count(const track_scheme *s)
{
	return s->nbands;
}

const char *
scheme_band_id(const track_scheme *s, size_t i)
{
	return i < s->nbands ? s->bands[i].id : NULL;
}

const char *
scheme_band_label(const track_scheme *s, size_t i)
{
	return i < s->nbands ? s->bands[i].label : NULL;
}

int
scheme_band_index(const track_scheme *s, const char *text, size_t len)
{
	return dict_get(&s->band_d, text, len);
}

size_t
scheme_band_standard(const track_scheme *s)
{
	return s->standard;
}

/* ---- Groups ---- */

const track_group *
scheme_group_find(const track_scheme *s, const char *column)
{
	int i = column == NULL ? -1 :
	    dict_get(&s->group_d, column, strlen(column));

	return i < 0 ? NULL : &s->groups[i];
}

int
scheme_group_value_index(const track_group *g, const char *text,
    size_t len, int *deprecated)
{
	int v = dict_get(&g->d, text, len);

	if (deprecated != NULL)
		*deprecated = v >= 0 && (v & DEPRECATED) != 0;
	return v < 0 ? -1 : v & DICT_INDEX;
}

const char *
scheme_group_suggest(const track_group *g, const char *text, size_t len)
{
	return g == NULL ? NULL : dict_suggest(&g->d, text, len);
}

const char *
scheme_group_code(const track_scheme *s, const char *column,
    const char *text, size_t len, int *deprecated)
{
	const track_group *g = scheme_group_find(s, column);
	int i;

	if (deprecated != NULL)
		*deprecated = 0;
	if (g == NULL)
		return NULL;
	i = scheme_group_value_index(g, text, len, deprecated);
	return i < 0 ? NULL : g->v[i].code;
}

size_t
scheme_group_count(const track_scheme *s)
{
	return s->ngroups;
}

const track_group *
scheme_group_at(const track_scheme *s, size_t i)
{
	return i < s->ngroups ? &s->groups[i] : NULL;
}

const char *
scheme_group_column(const track_group *g)
{
	return g->column;
}

const char *
scheme_group_label(const track_group *g)
{
	return g->label;
}

size_t
scheme_group_value_count(const track_group *g)
{
	return g->n;
}

const char *
scheme_group_value_code(const track_group *g, size_t i)
{
	return i < g->n ? g->v[i].code : NULL;
}

const char *
scheme_group_value_label(const track_group *g, size_t i)
{
	return i < g->n ? g->v[i].label : NULL;
}

/* ---- Objectives ---- */

const track_objectives *
scheme_objectives(const track_scheme *s, const char *subject,
    const char *year)
{
	int si, yi;

	if (subject == NULL || year == NULL)
		return NULL;
	si = dict_get(&s->subject_d, subject, strlen(subject));
	yi = dict_get(&s->year_d, year, strlen(year));
	if (si < 0 || yi < 0)
		return NULL;
	return s->objectives[(size_t)si * s->nyears + (size_t)yi];
}

const track_objectives *
scheme_custom_objectives(const track_scheme *s, const char *list,
    const char *subject)
{
	int ci, si;

	if (list == NULL || subject == NULL)
		return NULL;
	ci = dict_get(&s->custom_d, list, strlen(list));
	si = dict_get(&s->subject_d, subject, strlen(subject));
	if (ci < 0 || si < 0)
		return NULL;
	return s->customs[ci].by_subject[si];
}

int
scheme_custom_index(const track_scheme *s, const char *text, size_t len)
{
	return dict_get(&s->custom_d, text, len);
}

size_t
scheme_custom_count(const track_scheme *s)
{
	return s->ncustoms;
}

const char *
scheme_custom_id(const track_scheme *s, size_t i)
{
	return i < s->ncustoms ? s->customs[i].id : NULL;
}

const char *
scheme_custom_label(const track_scheme *s, size_t i)
{
	return i < s->ncustoms ? s->customs[i].label : NULL;
}

size_t
scheme_objectives_count(const track_objectives *l)
{
	return l == NULL ? 0 : l->n;
}

const char *
scheme_objectives_id(const track_objectives *l, size_t i)
{
	return l != NULL && i < l->n ? l->o[i].id : NULL;
}

const char *
scheme_objectives_label(const track_objectives *l, size_t i)
{
	return l != NULL && i < l->n ? l->o[i].label : NULL;
}

int
scheme_objectives_find(const track_objectives *l, const char *text,
    size_t len)
{
	return l == NULL ? -1 : dict_get(&l->d, text, len);
}

/* ---- Privacy and benchmarks ---- */

int
scheme_min_group(const track_scheme *s)
{
	return s->min_group;
}

const char *const *
scheme_identifying(const track_scheme *s, size_t *n)
{
	*n = s->nidentifying;
	return s->identifying;
}

const track_benchmark *
scheme_benchmark_find(const track_scheme *s, const char *id)
{
	int i = id == NULL ? -1 : dict_get(&s->bench_d, id, strlen(id));

	return i < 0 ? NULL : &s->bench[i];
}

size_t
scheme_benchmark_count(const track_scheme *s)
{
	return s->nbench;
}

const track_benchmark *
scheme_benchmark_at(const track_scheme *s, size_t i)
{
	return i < s->nbench ? &s->bench[i] : NULL;
}

const char *
scheme_benchmark_id(const track_benchmark *b)
{
	return b->id;
}

const char *
scheme_benchmark_label(const track_benchmark *b)
{
	return b->label;
}

size_t
scheme_benchmark_figure_count(const track_benchmark *b)
{
	return b->n;
}

const track_figure *
scheme_benchmark_figure(const track_benchmark *b, size_t i)
{
	return i < b->n ? &b->f[i] : NULL;
}

/*
 * Matches figures field by field.  The subject is compared as a canonical
 * subject id when the scheme knows it, else case-insensitively as given.
 * A match scores 2 for a point and 1 for years; the best scoring first
 * figure wins.
 */
const track_figure *
scheme_benchmark_lookup_years(const track_scheme *s, const track_benchmark *b,
    const char *subject, const char *measure, const char *point,
    track_years years, const char *band)
{
	const track_figure *f, *best = NULL;
	const char *m, *bd = "at_or_above", *pc = NULL;
	char pbuf[SCHEME_POINT_MAX];
	size_t i, pclen = 0;
	int k, score, top = -1;

	if (subject == NULL)
		return NULL;
	k = dict_get(&s->subject_d, subject, strlen(subject));
	if (k >= 0)
		subject = s->subjects[k].id;
	m = scheme_measure_id(s, measure == NULL ? "" : measure,
	    measure == NULL ? 0 : strlen(measure));
	if (m == NULL)
		return NULL;
	if (band != NULL && strcmp(band, "at_or_above") != 0) {
		k = dict_get(&s->band_d, band, strlen(band));
		if (k < 0)
			return NULL;
		bd = s->bands[k].id;
	}
	/* A figure's point is one the scheme knows; an unknown point (of
	   any length) matches only the figures without one. */
	if (point != NULL && scheme_point_canon(s, point, strlen(point), pbuf,
	    &pc, &pclen) == TRACK_POINT_UNKNOWN)
		point = NULL;
	for (i = 0; i < b->n; i++) {
		f = &b->f[i];
		if (strcasecmp(f->subject, subject) != 0 ||
		    strcmp(f->measure, m) != 0 || strcmp(f->band, bd) != 0)
			continue;
		if (f->years != 0 && f->years != years)
			continue;
		score = f->years != 0;
		if (f->point != NULL) {
			/* "ks2" also matches "2025-26.ks2" */
			if (point == NULL || (strcmp(f->point, pbuf) != 0 &&
			    (strchr(f->point, '.') != NULL || strchr(pbuf,
			    '.') == NULL || strcmp(f->point, strchr(pbuf,
			    '.') + 1) != 0)))
				continue;
			score += 2;
		}
		if (score > top) {
			best = f;
			top = score;
		}
	}
	return best;
}

const track_figure *
scheme_benchmark_lookup(const track_scheme *s, const track_benchmark *b,
    const char *subject, const char *measure, const char *point,
    const char *band)
{
	return scheme_benchmark_lookup_years(s, b, subject, measure, point, 0,
	    band);
}

int
scheme_benchmark_has_years(const track_benchmark *b)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		if (b->f[i].years != 0)
			return 1;
	return 0;
}
