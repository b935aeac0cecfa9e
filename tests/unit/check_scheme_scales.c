/* check_scheme_scales.c - scales and their accessors (lib/scheme/scales.c). */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/str.h"
#include "scheme/scheme.h"

#include "default_scheme.h"

/* ---- Scales for subject, measure and point ---- */

static const char *
scale_id(const char *subj, const char *meas, const char *point)
{
	const track_scale *sc = scheme_scale_for(def, subj, meas, point);

	return sc == NULL ? NULL : scheme_scale_id(sc);
}

START_TEST(test_scale_for)
{
	ck_assert_str_eq(scale_id("writing", NULL, NULL), "ta");
	ck_assert_str_eq(scale_id("writing", "", NULL), "ta");
	ck_assert_str_eq(scale_id("Writing", "TA", "2025-26.autumn"), "ta");
	ck_assert_str_eq(scale_id("science", NULL, NULL), "ta-science");
	ck_assert_str_eq(scale_id("writing", NULL, "ks1"), "ta-ks1");
	ck_assert_str_eq(scale_id("writing", NULL, "2024-25.KS1"), "ta-ks1");
	ck_assert_str_eq(scale_id("writing", NULL, "ks2"), "ta");
	/* A subject override beats a point override. */
	ck_assert_str_eq(scale_id("science", NULL, "ks1"), "ta-science");
	ck_assert_str_eq(scale_id("reading", "nfer", "ks1"), "nfer");
	ck_assert_str_eq(scale_id("reading", "ks2", NULL), "ks2");
	ck_assert_str_eq(scale_id("maths", "MTC", NULL), "mtc");
	ck_assert_str_eq(scale_id("reading", "RA", NULL), "reading-age");
	ck_assert_str_eq(scale_id("elg-number", NULL, "eyfs"), "eyfs");
	ck_assert_str_eq(scale_id("writing", NULL, "no such point"), "ta");
	ck_assert_ptr_null(scale_id("history", NULL, NULL));
	ck_assert_ptr_null(scale_id("reading", "sats", NULL));
	ck_assert_ptr_null(scale_id(NULL, NULL, NULL));
	ck_assert_ptr_nonnull(scheme_scale_find(def, "nfer"));
	ck_assert_ptr_null(scheme_scale_find(def, "nfr"));
	ck_assert_int_eq(scheme_scale_kind(scheme_scale_find(def, "ta")),
	    TRACK_SCALE_DESCRIPTOR);
	ck_assert_int_eq(scheme_scale_kind(scheme_scale_find(def,
	    "reading-age")), TRACK_SCALE_AGE);
}
END_TEST

START_TEST(test_descriptor_accessors)
{
	const track_scale *ta = scheme_scale_find(def, "ta");
	size_t i, legacy = 0;

	ck_assert_str_eq(scheme_scale_label(ta), "Teacher assessment");
	for (i = 0; i < scheme_scale_code_count(ta); i++)
		if (scheme_scale_code_legacy(ta, i))
			legacy++;
	ck_assert_uint_eq(legacy, 4);
	ck_assert_str_eq(scheme_scale_code(ta, 0), "EM");
	ck_assert_str_eq(scheme_scale_code_label(ta, 0), "Engagement model");
	ck_assert_int_eq(scheme_scale_code_band(ta, 0), 0);
	ck_assert_ptr_null(scheme_scale_code(ta, 99));
}
END_TEST

START_TEST(test_score_accessors)
{
	const track_scale *nfer = scheme_scale_find(def, "nfer");
	double min, max;
	int band;

	scheme_scale_range(nfer, &min, &max);
	ck_assert(min == 70 && max == 140);
	ck_assert_int_eq(scheme_scale_integer(nfer), 1);
	scheme_scale_threshold(nfer, 1, &band, &min);
	ck_assert_int_eq(band, 1);
	ck_assert(min == 95);
	ck_assert_int_eq(scheme_scale_tolerance(nfer), 0);
}
END_TEST

/* Scales by id, not by alias or label; NULL for NULL. */
START_TEST(test_scale_find)
{
	const track_scale *sc = scheme_scale_find(def, "READING-AGE");

	ck_assert_ptr_nonnull(sc);
	ck_assert_str_eq(scheme_scale_id(sc), "reading-age");
	ck_assert_int_eq(scheme_scale_kind(sc), TRACK_SCALE_AGE);
	ck_assert_int_eq(scheme_scale_tolerance(sc), 6);
	ck_assert_ptr_null(scheme_scale_find(def, NULL));
	ck_assert_ptr_null(scheme_scale_find(def, "Reading age"));
	ck_assert_ptr_eq(scheme_measure_scale(def, 1),
	    scheme_scale_find(def, "nfer"));
	ck_assert_ptr_null(scheme_measure_scale(def, 99));
}
END_TEST

/* Out-of-range indexes give NULL, -1 or 0, never a read past the end. */
START_TEST(test_scale_bounds)
{
	const track_scale *ta = scheme_scale_find(def, "ta");
	const track_scale *nfer = scheme_scale_find(def, "nfer");
	size_t n = scheme_scale_code_count(ta);
	int band;
	double min;

	ck_assert_uint_eq(n, 14);
	ck_assert_ptr_null(scheme_scale_code(ta, n));
	ck_assert_ptr_null(scheme_scale_code_label(ta, n));
	ck_assert_int_eq(scheme_scale_code_band(ta, n), -1);
	ck_assert_int_eq(scheme_scale_code_legacy(ta, n), 0);
	ck_assert_ptr_null(scheme_scale_na_code(ta, 3));
	ck_assert_ptr_null(scheme_scale_na_label(ta, 3));
	ck_assert_int_eq(scheme_scale_na_not_at(ta, 3), 0);
	ck_assert_str_eq(scheme_scale_na_code(ta, 2), "L");
	ck_assert_int_eq(scheme_scale_na_not_at(ta, 0), 1);
	ck_assert_int_eq(scheme_scale_na_not_at(ta, 1), 0);
	scheme_scale_threshold(nfer, scheme_scale_threshold_count(nfer),
	    &band, &min);
	ck_assert_int_eq(band, -1);
	ck_assert_double_eq(min, 0);
	/* A descriptor scale expects the same code in every year. */
	ck_assert_str_eq(scheme_scale_expected(ta, -1), "EXS");
	ck_assert_str_eq(scheme_scale_expected(ta, 99), "EXS");
}
END_TEST

static Suite *
scheme_scales_suite(void)
{
	Suite *s = suite_create("scheme_scales");
	TCase *tc;

	tc = tcase_create("scales");
	tcase_add_checked_fixture(tc, setup_default, teardown_default);
	tcase_add_test(tc, test_scale_for);
	tcase_add_test(tc, test_descriptor_accessors);
	tcase_add_test(tc, test_score_accessors);
	tcase_add_test(tc, test_scale_find);
	tcase_add_test(tc, test_scale_bounds);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(scheme_scales_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
