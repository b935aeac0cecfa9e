/*
 * check_schemes.c - the shipped example schemes (examples/schemes/) load
 * and mean what they say: Scotland CfE (BGE) and the bespoke school.
 * Runs from the repository root; falls back to $TOP/examples/schemes.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/str.h"
#include "scheme/scheme.h"

static track_scheme *sch;	/* the scheme under test, per test */
static char path[4096];		/* must outlive errors naming it */

/* Loads examples/schemes/`name` into sch, or fails the test. */
static void
load(const char *name)
{
	track_error err;
	const char *top;

	snprintf(path, sizeof path, "examples/schemes/%s", name);
	top = getenv("TOP");
	if (access(path, R_OK) != 0 && top != NULL && *top != '\0')
		snprintf(path, sizeof path, "%s/examples/schemes/%s", top,
		    name);
	error_clear(&err);
	sch = NULL;
	if (scheme_load_file(&sch, path, &err) != 0)
		ck_abort_msg("%s: %s:%ld: %s", name,
		    err.file != NULL ? err.file : "?", err.line, err.text);
	ck_assert_ptr_nonnull(sch);
}

static void
setup_scotland(void)
{
	load("scotland-bge.json");
}

static void
setup_bespoke(void)
{
	load("bespoke-school.json");
}

static void
teardown(void)
{
	scheme_free(sch);
	sch = NULL;
}

/* ---- Helpers ---- */

static int
year_index(const char *text)
{
	return scheme_year_index(sch, text, strlen(text));
}

static const char *
year_id(const char *text)
{
	return scheme_year_id(sch, text, strlen(text));
}

static const char *
subject_id(const char *text)
{
	return scheme_subject_id(sch, text, strlen(text));
}

/* Normalises `text` on `sc`; returns the canonical text or NULL. */
static const char *
norm(const track_scale *sc, const char *text)
{
	static char out[128];
	track_error err;

	error_clear(&err);
	if (scheme_value_normalise(sch, sc, text, strlen(text), out,
	    sizeof out, &err) != 0)
		return NULL;
	return out;
}

/*
 * Returns the band id of `text` on `sc` for a pupil in `year` (against
 * that year, or against year `against` when not NULL, or against a custom
 * list when `custom`), or NULL when it has none; fails the test when the
 * value does not parse or cannot be placed.
 */
static const char *
band_ctx(const track_scale *sc, const char *text, const char *yr,
    const char *against, int custom)
{
	track_value v;
	track_value_ctx ctx;
	track_error err;
	int band;

	error_clear(&err);
	if (scheme_value_parse(sch, sc, text, strlen(text), &v, &err) != 0)
		ck_abort_msg("parse \"%s\": %s", text, err.text);
	ctx.year = yr != NULL ? year_index(yr) : -1;
	ctx.against = against != NULL ? year_index(against) : -1;
	ctx.custom = custom;
	ctx.age = -1;
	if (scheme_value_band(sch, sc, &v, &ctx, &band, &err) != 0)
		ck_abort_msg("band \"%s\" in %s: %s", text,
		    yr != NULL ? yr : "(none)", err.text);
	return band < 0 ? NULL : scheme_band_id(sch, (size_t)band);
}

static const char *
band(const track_scale *sc, const char *text, const char *yr)
{
	return band_ctx(sc, text, yr, NULL, 0);
}

static const char *
group(const char *column, const char *text)
{
	return scheme_group_code(sch, column, text, strlen(text), NULL);
}

/* ---- Scotland ---- */

START_TEST(test_scot_years)
{
	ck_assert_int_eq(scheme_year_count(sch), 12);
	ck_assert_int_eq(year_index("ELC3"), 0);
	ck_assert_int_eq(year_index("ELC4"), 1);
	ck_assert_int_eq(year_index("P1"), 2);
	ck_assert_int_eq(year_index("P4"), 5);
	ck_assert_int_eq(year_index("Primary 4"), 5);
	ck_assert_int_eq(year_index("p 4"), 5);
	ck_assert_int_eq(year_index("S3"), 11);
	ck_assert_str_eq(year_id("Secondary 1"), "S1");
	ck_assert_str_eq(year_id("s 2"), "S2");
	ck_assert_str_eq(year_id("Nursery"), "ELC4");
	ck_assert_str_eq(year_id("Pre-school"), "ELC4");
	ck_assert_str_eq(year_id("Ante-pre-school"), "ELC3");
	ck_assert_ptr_null(year_id("P8"));
	ck_assert_ptr_null(year_id("Year 4"));
	ck_assert_int_eq(scheme_year_age(sch, 5), 8 * 12);
	ck_assert_int_lt(scheme_year_cmp(sch, "P7", 2, "S1", 2), 0);
	ck_assert_int_lt(scheme_year_cmp(sch, "Nursery", 7, "P1", 2), 0);
}
END_TEST

START_TEST(test_scot_subjects_measures)
{
	ck_assert_str_eq(subject_id("numeracy and mathematics"), "numeracy");
	ck_assert_str_eq(subject_id("Maths"), "numeracy");
	ck_assert_str_eq(subject_id("Listening and talking"),
	    "listening-talking");
	ck_assert_str_eq(subject_id("listening & talking"),
	    "listening-talking");
	ck_assert_str_eq(subject_id("Talking and listening"),
	    "listening-talking");
	ck_assert_str_eq(subject_id("reading"), "reading");
	ck_assert_str_eq(subject_id("Writing"), "writing");
	ck_assert_str_eq(scheme_measure_default(sch), "ta");
	ck_assert_str_eq(scheme_measure_id(sch, "SNSA", 4), "snsa");
	ck_assert_str_eq(scheme_measure_id(sch, "progress", 8), "progress");
	ck_assert_int_eq(scheme_band_count(sch), 3);
	ck_assert_str_eq(scheme_band_id(sch, scheme_band_standard(sch)), "at");
}
END_TEST

START_TEST(test_scot_levels)
{
	const track_scale *cfe = scheme_scale_for(sch, "numeracy", NULL,
	    NULL);

	ck_assert_ptr_nonnull(cfe);
	ck_assert_str_eq(scheme_scale_id(cfe), "cfe");
	ck_assert_int_eq(scheme_scale_kind(cfe), TRACK_SCALE_LEVEL);
	ck_assert_str_eq(norm(cfe, "Early level"), "early");
	ck_assert_str_eq(norm(cfe, "1st"), "first");
	ck_assert_str_eq(norm(cfe, " Second Level "), "second");
	ck_assert_str_eq(norm(cfe, "3rd"), "third");
	ck_assert_str_eq(norm(cfe, "FOURTH"), "fourth");
	ck_assert_ptr_null(norm(cfe, "fifth"));

	/* Expected levels: milestones, and between them the last one. */
	ck_assert_str_eq(scheme_scale_expected(cfe, year_index("P1")),
	    "early");
	ck_assert_str_eq(scheme_scale_expected(cfe, year_index("P3")),
	    "early");
	ck_assert_str_eq(scheme_scale_expected(cfe, year_index("P4")),
	    "first");
	ck_assert_str_eq(scheme_scale_expected(cfe, year_index("P6")),
	    "first");
	ck_assert_str_eq(scheme_scale_expected(cfe, year_index("P7")),
	    "second");
	ck_assert_str_eq(scheme_scale_expected(cfe, year_index("S2")),
	    "second");
	ck_assert_str_eq(scheme_scale_expected(cfe, year_index("S3")),
	    "third");

	/* Bands. */
	ck_assert_str_eq(band(cfe, "first", "P4"), "at");
	ck_assert_str_eq(band(cfe, "First level", "Primary 4"), "at");
	ck_assert_str_eq(band(cfe, "early", "P4"), "below");
	ck_assert_str_eq(band(cfe, "second", "P4"), "above");
	ck_assert_str_eq(band(cfe, "early", "P1"), "at");
	ck_assert_str_eq(band(cfe, "pre-early", "P1"), "below");
	ck_assert_str_eq(band(cfe, "second", "P7"), "at");
	ck_assert_str_eq(band(cfe, "third", "S3"), "at");
	ck_assert_str_eq(band(cfe, "fourth", "S3"), "above");
	ck_assert_str_eq(band(cfe, "pre-early", "ELC4"), "at");
	ck_assert_str_eq(band(cfe, "early", "ELC4"), "above");
	/* Out of year: a P5 pupil assessed against P3. */
	ck_assert_str_eq(band_ctx(cfe, "first", "P5", "P3", 0), "below");

	/* Individual milestones: not assessed on levels, left out. */
	ck_assert_str_eq(norm(cfe, "Individual milestones"), "IM");
	ck_assert_ptr_null(band(cfe, "IM", "P4"));
}
END_TEST

START_TEST(test_scot_progress_and_snsa)
{
	const track_scale *p = scheme_scale_for(sch, "reading", "progress",
	    NULL);
	const track_scale *snsa = scheme_scale_for(sch, "numeracy", "snsa",
	    NULL);

	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(scheme_scale_kind(p), TRACK_SCALE_DESCRIPTOR);
	ck_assert_int_eq(scheme_scale_code_count(p), 3);
	ck_assert_str_eq(norm(p, "On track"), "on-track");
	ck_assert_str_eq(norm(p, "not on track"), "not-on-track");
	ck_assert_str_eq(norm(p, "Achieved"), "achieved");
	ck_assert_str_eq(band(p, "on track", "P2"), "at");
	ck_assert_str_eq(band(p, "not on track", "P2"), "below");
	ck_assert_str_eq(band(p, "achieved", "P4"), "at");
	ck_assert_str_eq(band(p, "on-track", "ELC3"), "at");

	ck_assert_ptr_nonnull(snsa);
	ck_assert_int_eq(scheme_scale_kind(snsa), TRACK_SCALE_SCORE);
	ck_assert_str_eq(band(snsa, "94", "P4"), "below");
	ck_assert_str_eq(band(snsa, "95", "P4"), "at");
	ck_assert_str_eq(band(snsa, "115", "P4"), "above");
	ck_assert_ptr_null(norm(snsa, "141"));
}
END_TEST

/* Asserts that point `text` reads as kind `kind`, written `want`. */
static void
point_is(const char *text, int kind, const char *want)
{
	char out[64];

	ck_assert_int_eq(scheme_point_normalise(sch, text, strlen(text), out,
	    sizeof out), kind);
	ck_assert_str_eq(out, want);
}

START_TEST(test_scot_points)
{
	char out[64];

	point_is("ACEL", TRACK_POINT_STATUTORY, "acel");
	point_is("Term 2", TRACK_POINT_TERM, "term2");
	point_is("Summer", TRACK_POINT_TERM, "term4");
	ck_assert_int_lt(scheme_point_compare(sch, "term1", 5, "term4", 5),
	    0);
	/* Terms start in August, October, January and April. */
	point_is("Term 1 2025", TRACK_POINT_SCOPED_TERM, "2025-26.term1");
	point_is("Term 2 2025", TRACK_POINT_SCOPED_TERM, "2025-26.term2");
	point_is("Spring 2026", TRACK_POINT_SCOPED_TERM, "2025-26.term3");
	point_is("Term 4 2026", TRACK_POINT_SCOPED_TERM, "2025-26.term4");
	point_is("ACEL 2026", TRACK_POINT_SCOPED_STATUTORY, "2025-26.acel");
	/* Four terms: "Autumn 2" is a half term. */
	ck_assert_int_gt(scheme_point_why(sch, "Autumn 2", 8, out,
	    sizeof out), 0);
	ck_assert_int_eq(strncmp(out, "a six-term point in a four-term", 31),
	    0);
}
END_TEST

START_TEST(test_scot_groups)
{
	const track_group *g = scheme_group_find(sch, "simd");

	ck_assert_ptr_nonnull(g);
	ck_assert_str_eq(scheme_group_label(g), "SIMD quintile");
	ck_assert_int_eq(scheme_group_value_count(g), 5);
	ck_assert_str_eq(group("simd", "1"), "1");
	ck_assert_str_eq(group("simd", "5"), "5");
	ck_assert_str_eq(group("simd", "Q3"), "3");
	ck_assert_ptr_null(group("simd", "6"));
	ck_assert_ptr_null(group("simd", "0"));
	ck_assert_str_eq(group("fme", "yes"), "Y");
	ck_assert_str_eq(group("fme", "N"), "N");
	ck_assert_str_eq(scheme_group_label(scheme_group_find(sch, "fme")),
	    "Free school meals");
	ck_assert_str_eq(group("asn", "Y"), "Y");
	ck_assert_str_eq(scheme_group_label(scheme_group_find(sch, "asn")),
	    "Additional support needs");
	ck_assert_str_eq(group("care-experienced", "true"), "Y");
	ck_assert_str_eq(group("gender", "Girl"), "F");
	ck_assert_str_eq(group("eal", "No"), "N");
	ck_assert_str_eq(group("fme", "T"), "Y");
	ck_assert_str_eq(group("asn", "f"), "N");
}
END_TEST

START_TEST(test_scot_benchmark)
{
	const track_benchmark *b = scheme_benchmark_find(sch, "acel-2024-25");
	const track_figure *f;
	track_years p147 = scheme_years_of(sch, "P1", 2) |
	    scheme_years_of(sch, "P4", 2) | scheme_years_of(sch, "P7", 2);
	track_years p4 = scheme_years_of(sch, "Primary 4", 9);

	ck_assert_ptr_nonnull(b);
	ck_assert_ptr_nonnull(strstr(scheme_benchmark_label(b),
	    "Achievement of Curriculum for Excellence (CfE) Levels 2024-25"));
	ck_assert_ptr_nonnull(strstr(scheme_benchmark_label(b),
	    "Scottish Government"));
	ck_assert_int_eq(scheme_benchmark_figure_count(b), 4);
	/* The 2024-25 figures are for P1, P4 and P7 together, and S3. */
	f = scheme_benchmark_lookup_years(sch, b, "literacy", NULL, NULL,
	    p147, NULL);
	ck_assert_ptr_nonnull(f);
	ck_assert_double_eq_tol(f->pct, 74.5, 1e-9);
	f = scheme_benchmark_lookup_years(sch, b, "numeracy", "ta", "acel",
	    p147, NULL);
	ck_assert_ptr_nonnull(f);
	ck_assert_double_eq_tol(f->pct, 80.3, 1e-9);
	f = scheme_benchmark_lookup_years(sch, b, "numeracy", NULL, NULL,
	    scheme_years_of(sch, "S3", 2), NULL);
	ck_assert(f != NULL && f->pct == 90.9);
	ck_assert_ptr_null(scheme_benchmark_lookup_years(sch, b, "literacy",
	    NULL, NULL, p4, NULL));
	ck_assert_ptr_null(scheme_benchmark_lookup(sch, b, "literacy", NULL,
	    NULL, NULL));
	ck_assert_ptr_null(scheme_benchmark_lookup_years(sch, b, "writing",
	    NULL, NULL, p147, NULL));
	/* 2023-24 has each stage apart. */
	b = scheme_benchmark_find(sch, "acel-2023-24");
	ck_assert_ptr_nonnull(b);
	f = scheme_benchmark_lookup_years(sch, b, "literacy", NULL, NULL, p4,
	    NULL);
	ck_assert(f != NULL && f->pct == 71);
	f = scheme_benchmark_lookup_years(sch, b, "literacy", NULL, NULL,
	    p147, NULL);
	ck_assert(f != NULL && f->pct == 74);
	f = scheme_benchmark_lookup_years(sch, b, "reading", NULL, NULL,
	    scheme_years_of(sch, "P1", 2), NULL);
	ck_assert(f != NULL && f->pct == 81);
	ck_assert_ptr_null(scheme_benchmark_lookup_years(sch, b, "numeracy",
	    NULL, NULL, scheme_years_of(sch, "P2", 2), NULL));
}
END_TEST

/* ---- Bespoke school ---- */

START_TEST(test_bespoke_bands_and_words)
{
	const track_scale *ta = scheme_scale_for(sch, "maths", NULL, NULL);

	ck_assert_int_eq(scheme_band_count(sch), 4);
	ck_assert_str_eq(scheme_band_id(sch, 0), "well-below");
	ck_assert_str_eq(scheme_band_id(sch, 1), "below");
	ck_assert_str_eq(scheme_band_id(sch, 2), "at");
	ck_assert_str_eq(scheme_band_id(sch, 3), "above");
	ck_assert_str_eq(scheme_band_label(sch, 3), "Greater depth");
	ck_assert_int_eq(scheme_band_standard(sch), 2);

	ck_assert_ptr_nonnull(ta);
	ck_assert_int_eq(scheme_scale_code_count(ta), 4);
	ck_assert_str_eq(norm(ta, "on track"), "On track");
	ck_assert_str_eq(norm(ta, "ONTRACK"), "On track");
	ck_assert_str_eq(norm(ta, "working towards"), "Working towards");
	ck_assert_str_eq(norm(ta, "GD"), "Greater depth");
	ck_assert_str_eq(norm(ta, "personal curriculum"),
	    "Personal curriculum");
	ck_assert_ptr_null(norm(ta, "EXS"));
	ck_assert_str_eq(band(ta, "Personal curriculum", "4"), "well-below");
	ck_assert_str_eq(band(ta, "Working towards", "4"), "below");
	ck_assert_str_eq(band(ta, "On track", "4"), "at");
	ck_assert_str_eq(band(ta, "Greater depth", "4"), "above");
	/* Against the custom list: well below, whatever the words. */
	ck_assert_int_ge(scheme_custom_index(sch, "phonics-booster", 15), 0);
	ck_assert_str_eq(band_ctx(ta, "On track", "2", NULL, 1),
	    "well-below");
}
END_TEST

START_TEST(test_bespoke_objectives)
{
	const track_objectives *l = scheme_objectives(sch, "maths", "4");
	const track_objectives *c;

	ck_assert_ptr_nonnull(l);
	ck_assert_int_eq(scheme_objectives_count(l), 12);
	ck_assert_str_eq(scheme_objectives_id(l, 0), "y4m-01");
	ck_assert_str_eq(scheme_objectives_label(l, 0),
	    "Count in multiples of 6, 7, 9, 25 and 1000");
	ck_assert_int_eq(scheme_objectives_find(l, "Y4M-12", 6), 11);
	ck_assert_ptr_nonnull(scheme_objectives(sch, "Mathematics",
	    "Year 4"));
	ck_assert_ptr_null(scheme_objectives(sch, "maths", "5"));
	ck_assert_ptr_null(scheme_objectives(sch, "reading", "4"));

	ck_assert_int_eq(scheme_custom_count(sch), 1);
	ck_assert_str_eq(scheme_custom_id(sch, 0), "phonics-booster");
	c = scheme_custom_objectives(sch, "phonics-booster", "reading");
	ck_assert_ptr_nonnull(c);
	ck_assert_int_ge(scheme_objectives_count(c), 6);
	ck_assert_int_le(scheme_objectives_count(c), 10);
}
END_TEST

START_TEST(test_bespoke_rest)
{
	ck_assert_int_eq(scheme_min_group(sch), 5);
	ck_assert_int_eq(scheme_year_count(sch), 7);
	ck_assert_str_eq(year_id("Reception"), "R");
	ck_assert_str_eq(year_id("Y6"), "6");
	ck_assert_int_eq(scheme_subject_count(sch), 3);
	ck_assert_str_eq(subject_id("Mathematics"), "maths");
	point_is("Spring", TRACK_POINT_TERM, "spring");
	ck_assert_int_lt(scheme_point_compare(sch, "autumn", 6, "summer", 6),
	    0);
	ck_assert_str_eq(group("booster", "yes"), "Y");
}
END_TEST

static void
setup_six(void)
{
	load("england-six-terms.json");
}

START_TEST(test_six_terms)
{
	static const char *const order[] = {
		"ks2", "autumn-1", "2025-26.autumn-1", "Autumn 2 2025",
		"Spring 1 2026", "2025-26.spring-2", "HT5 2026", "Summer 2 2026",
		"2025-26.ks2", "Autumn 1 2026"
	};
	size_t n = sizeof order / sizeof order[0], i;
	char out[300];

	ck_assert_str_eq(scheme_name(sch), "England primary, six terms");
	/* Everything but the terms is England's. */
	ck_assert_int_eq(scheme_measure_count(sch), 13);
	ck_assert_str_eq(group("send", "EHCP"), "E");
	for (i = 0; i + 1 < n; i++)
		ck_assert_msg(scheme_point_compare(sch, order[i],
		    strlen(order[i]), order[i + 1], strlen(order[i + 1])) < 0,
		    "%s is not before %s", order[i], order[i + 1]);
	point_is("Autumn 2", TRACK_POINT_TERM, "autumn-2");
	point_is("Spring 2 2026", TRACK_POINT_SCOPED_TERM, "2025-26.spring-2");
	point_is("T6 25/26", TRACK_POINT_SCOPED_TERM, "2025-26.summer-2");
	/* A three-term spelling is not a six-term point. */
	ck_assert_int_eq(scheme_point_normalise(sch, "Autumn 2025", 11, out,
	    sizeof out), TRACK_POINT_UNKNOWN);
	scheme_point_why(sch, "Autumn 2025", 11, out, sizeof out);
	ck_assert_str_eq(out, "a term of a three-term year in a six-term "
	    "scheme: write Autumn 1 or Autumn 2");
	scheme_point_why(sch, "Summer", 6, out, sizeof out);
	ck_assert_str_eq(out, "a term of a three-term year in a six-term "
	    "scheme: write Summer 1 or Summer 2");
}
END_TEST

static Suite *
schemes_suite(void)
{
	Suite *s = suite_create("schemes");
	TCase *tc;

	tc = tcase_create("scotland");
	tcase_add_checked_fixture(tc, setup_scotland, teardown);
	tcase_add_test(tc, test_scot_years);
	tcase_add_test(tc, test_scot_subjects_measures);
	tcase_add_test(tc, test_scot_levels);
	tcase_add_test(tc, test_scot_progress_and_snsa);
	tcase_add_test(tc, test_scot_points);
	tcase_add_test(tc, test_scot_groups);
	tcase_add_test(tc, test_scot_benchmark);
	suite_add_tcase(s, tc);

	tc = tcase_create("six-terms");
	tcase_add_checked_fixture(tc, setup_six, teardown);
	tcase_add_test(tc, test_six_terms);
	suite_add_tcase(s, tc);

	tc = tcase_create("bespoke");
	tcase_add_checked_fixture(tc, setup_bespoke, teardown);
	tcase_add_test(tc, test_bespoke_bands_and_words);
	tcase_add_test(tc, test_bespoke_objectives);
	tcase_add_test(tc, test_bespoke_rest);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(schemes_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
