/*
 * fuzz_scheme.c - the scheme loader.
 *
 * The input is a scheme file.  When it loads, every scale's codes must
 * parse back to themselves, and every point the scheme lists must
 * normalise, label and compare without harm.  What the scheme writes from
 * its ids must fit the sizes scheme.h promises: a code in
 * SCHEME_VALUE_MAX, a known point (bare or year-scoped) in
 * SCHEME_POINT_MAX.
 */
#include "fuzz.h"
#include "scheme/scheme.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
walk_scale(const track_scheme *s, const track_scale *sc)
{
	size_t i, n = scheme_scale_code_count(sc);
	double min, max;
	char out[256];
	track_error err;

	for (i = 0; i < n; i++) {
		const char *code = scheme_scale_code(sc, i);
		track_value v;

		error_clear(&err);
		if (scheme_value_parse(s, sc, code, strlen(code), &v,
		    &err) != 0)
			continue;	/* a code shadowed by a not-assessed one */
		if (v.kind == TRACK_VALUE_CODE) {
			char small[SCHEME_VALUE_MAX];

			FUZZ_ASSERT(scheme_value_format(sc, &v, out,
			    sizeof out) >= 0);
			FUZZ_ASSERT(scheme_value_format(sc, &v, small,
			    sizeof small) >= 0);
		}
		(void)scheme_value_rank(sc, &v);
	}
	for (i = 0; i < 20; i++)
		(void)scheme_scale_expected(sc, (int)i);
	scheme_scale_range(sc, &min, &max);
	for (i = 0; i < scheme_scale_threshold_count(sc); i++) {
		int band;
		double at;
		track_value v;

		scheme_scale_threshold(sc, i, &band, &at);
		snprintf(out, sizeof out, "%g", at);
		error_clear(&err);
		if (scheme_value_parse(s, sc, out, strlen(out), &v,
		    &err) == 0) {
			int got = -1;

			error_clear(&err);
			(void)scheme_value_band(s, sc, &v, NULL, &got, &err);
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	track_scheme *s = NULL;
	track_error err;
	size_t i, j, n;
	char out[256];

	error_clear(&err);
	if (scheme_load_buffer(&s, (const char *)data, size, "fuzz.json",
	    &err) != 0) {
		FUZZ_ASSERT(s == NULL);
		FUZZ_ASSERT(err.text[0] != '\0');
		return 0;
	}
	n = scheme_point_count(s);
	for (i = 0; i < n; i++) {
		const char *p = scheme_point_id_at(s, i), *canon;
		char pbuf[SCHEME_POINT_MAX];
		size_t clen;

		FUZZ_ASSERT(strlen(p) <= SCHEME_ID_MAX);
		FUZZ_ASSERT(scheme_point_normalise(s, p, strlen(p), pbuf,
		    sizeof pbuf) > 0);
		FUZZ_ASSERT(scheme_point_canon(s, p, strlen(p), pbuf, &canon,
		    &clen) != TRACK_POINT_UNKNOWN && canon == pbuf &&
		    clen == strlen(pbuf));
		FUZZ_ASSERT(scheme_point_qualify(s, p, strlen(p), "9999-00", 7,
		    pbuf, sizeof pbuf) > 0);
		(void)scheme_point_normalise(s, p, strlen(p), out,
		    sizeof out);
		(void)scheme_point_label(s, p, strlen(p), out, sizeof out);
		(void)scheme_point_qualify(s, p, strlen(p), "2025-26", 7, out,
		    sizeof out);
		for (j = 0; j < n; j++) {
			const char *q = scheme_point_id_at(s, j);

			FUZZ_ASSERT((scheme_point_compare(s, p, strlen(p), q,
			    strlen(q)) == 0) == (i == j) ||
			    strcasecmp(p, q) == 0);
		}
	}
	for (i = 0; i < scheme_measure_count(s); i++) {
		const track_scale *sc = scheme_measure_scale(s, i);

		if (sc != NULL)
			walk_scale(s, sc);
		for (j = 0; j < scheme_subject_count(s); j++) {
			sc = scheme_scale_for(s, scheme_subject_id_at(s, j),
			    scheme_measure_id_at(s, i), NULL);
			if (sc != NULL)
				walk_scale(s, sc);
		}
	}
	for (i = 0; i < scheme_group_count(s); i++) {
		const track_group *g = scheme_group_at(s, i);

		(void)scheme_group_code(s, scheme_group_column(g), "x", 1,
		    NULL);
	}
	scheme_free(s);
	return 0;
}
