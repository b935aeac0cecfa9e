/*
 * scales.c - which scale a value is on, and what a scale holds.
 *
 * scheme_scale_for() picks the scale for a subject, measure and point
 * (the subject's override, then the point's, then the measure's own
 * scale); the rest are the accessors of a track_scale: its kind, codes,
 * range, thresholds, tolerance, not-assessed codes and expected value.
 */
#include "scheme_int.h"

#include <string.h>

/* Subject override, then point override, then the measure's scale. */
const track_scale *
scheme_scale_for(const track_scheme *s, const char *subject,
    const char *measure, const char *point)
{
	struct parsed_point pp;
	const int *over;
	int si, mi;

	if (subject == NULL)
		return NULL;
	si = dict_get(&s->subject_d, subject, strlen(subject));
	mi = measure == NULL ? (int)s->defmeasure :
	    scheme_measure_index(s, measure, strlen(measure));
	if (si < 0 || mi < 0)
		return NULL;
	over = s->subjects[si].over;
	if (over != NULL && over[mi] >= 0)
		return &s->scales[over[mi]];
	if (point != NULL) {
		point_parse(s, point, strlen(point), &pp);
		over = pp.kind == TRACK_POINT_UNKNOWN ? NULL :
		    point_def(s, &pp)->over;
		if (over != NULL && over[mi] >= 0)
			return &s->scales[over[mi]];
	}
	return &s->scales[s->measures[mi].scale];
}

const track_scale *
scheme_scale_find(const track_scheme *s, const char *id)
{
	int i = id == NULL ? -1 : dict_get(&s->scale_d, id, strlen(id));

	return i < 0 ? NULL : &s->scales[i];
}

const char *
scheme_scale_id(const track_scale *sc)
{
	return sc->id;
}

const char *
scheme_scale_label(const track_scale *sc)
{
	return sc->label;
}

enum track_scale_kind
scheme_scale_kind(const track_scale *sc)
{
	return sc->kind;
}

size_t
scheme_scale_code_count(const track_scale *sc)
{
	return sc->ncodes;
}

const char *
scheme_scale_code(const track_scale *sc, size_t i)
{
	return i < sc->ncodes ? sc->codes[i].code : NULL;
}

const char *
scheme_scale_code_label(const track_scale *sc, size_t i)
{
	return i < sc->ncodes ? sc->codes[i].label : NULL;
}

int
scheme_scale_code_band(const track_scale *sc, size_t i)
{
	return i < sc->ncodes ? sc->codes[i].band : -1;
}

int
scheme_scale_code_legacy(const track_scale *sc, size_t i)
{
	return i < sc->ncodes ? sc->codes[i].legacy : 0;
}

void
scheme_scale_range(const track_scale *sc, double *min, double *max)
{
	*min = sc->min;
	*max = sc->max;
}

int
scheme_scale_integer(const track_scale *sc)
{
	return sc->integer;
}

size_t
scheme_scale_threshold_count(const track_scale *sc)
{
	return sc->nth;
}

void
scheme_scale_threshold(const track_scale *sc, size_t i, int *band,
    double *min)
{
	*band = i < sc->nth ? sc->th[i].band : -1;
	*min = i < sc->nth ? sc->th[i].min : 0;
}

int
scheme_scale_tolerance(const track_scale *sc)
{
	return sc->tolerance;
}

size_t
scheme_scale_na_count(const track_scale *sc)
{
	return sc->nna;
}

const char *
scheme_scale_na_code(const track_scale *sc, size_t i)
{
	return i < sc->nna ? sc->na[i].code : NULL;
}

const char *
scheme_scale_na_label(const track_scale *sc, size_t i)
{
	return i < sc->nna ? sc->na[i].label : NULL;
}

int
scheme_scale_na_not_at(const track_scale *sc, size_t i)
{
	return i < sc->nna ? sc->na[i].not_at : 0;
}

const char *
scheme_scale_expected(const track_scale *sc, int year)
{
	if (sc->kind == TRACK_SCALE_LEVEL) {
		if (year < 0 || (size_t)year >= sc->nexpected ||
		    sc->expected[year] < 0)
			return NULL;
		return sc->codes[sc->expected[year]].code;
	}
	return sc->expect;
}
