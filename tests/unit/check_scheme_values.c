/*
 * check_scheme_values.c - values on a scale (lib/scheme/values.c):
 * parsing, normalising, errors with suggestions, bands and ranks.
 */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/str.h"
#include "scheme/scheme.h"

#include "default_scheme.h"

/* Normalises `text` for subject/measure/point; returns the result. */
static const char *
norm_for(const char *subj, const char *meas, const char *point,
    const char *text, int *rc, track_error *err)
{
	static char out[64];

	error_clear(err);
	*rc = scheme_value_normalise_for(def, subj, meas, point, text,
	    strlen(text), out, sizeof out, err);
	return *rc == 0 ? out : NULL;
}

/* Asserts that `text` normalises to `want`. */
static void
norm_ok(const char *subj, const char *meas, const char *point,
    const char *text, const char *want)
{
	track_error err;
	const char *got;
	int rc;

	got = norm_for(subj, meas, point, text, &rc, &err);
	ck_assert_msg(rc == 0, "\"%s\" for %s/%s: %s", text, subj,
	    meas ? meas : "-", err.text);
	ck_assert_str_eq(got, want);
}

/* Asserts that `text` is rejected with exactly message `want`. */
static void
norm_bad(const char *subj, const char *meas, const char *text,
    const char *want)
{
	track_error err;
	int rc;

	norm_for(subj, meas, NULL, text, &rc, &err);
	ck_assert_int_eq(rc, TRACK_EXIT_DATA);
	ck_assert_int_eq(err.kind, TRACK_EXIT_DATA);
	ck_assert_str_eq(err.text, want);
}

/* The band id of `text` on the scale for subject/measure, no context. */
static const char *
band_of(const char *subj, const char *meas, const char *text)
{
	const track_scale *sc = scheme_scale_for(def, subj, meas, NULL);
	track_value v;
	track_error err;
	int b;

	ck_assert_ptr_nonnull(sc);
	ck_assert_int_eq(scheme_value_parse(def, sc, text, strlen(text), &v,
	    &err), 0);
	ck_assert_int_eq(scheme_value_band(def, sc, &v, NULL, &b, &err), 0);
	return b < 0 ? "none" : scheme_band_id(def, (size_t)b);
}

static int
rank_of(const track_scale *sc, const char *text)
{
	track_value v;
	track_error err;

	ck_assert_int_eq(scheme_value_parse(def, sc, text, strlen(text), &v,
	    &err), 0);
	return scheme_value_rank(sc, &v);
}

/* ---- Descriptor values ---- */

START_TEST(test_descriptor_aliases)
{
	static const char *const cases[][2] = {
		{ "EXS", "EXS" }, { "exs ", "EXS" }, { " Exs", "EXS" },
		{ "Expected", "EXS" }, { "secure", "EXS" },
		{ "On track", "EXS" }, { "ontrack", "EXS" },
		{ "working at the expected standard", "EXS" },
		{ "Working at expected", "EXS" }, { "EX", "EXS" },
		{ "WTS", "WTS" }, { "working towards", "WTS" },
		{ "Working towards the expected standard", "WTS" },
		{ "WT", "WTS" }, { "GDS", "GDS" }, { "greater depth", "GDS" },
		{ "Greater Depth", "GDS" }, { "GD", "GDS" },
		{ "Working at greater depth", "GDS" },
		{ "PK1", "PK1" }, { "pk6", "PK6" }, { "PK 3", "PK3" },
		{ "Pre-key stage standard 2", "PK2" }, { "EM", "EM" },
		{ "Engagement model", "EM" }, { "PKF", "PKF" },
		{ "pke", "PKE" }, { "PKG", "PKG" }, { "BLW", "BLW" },
		{ "A", "A" }, { "d", "D" }, { "Left", "L" },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		norm_ok("writing", NULL, NULL, cases[i][0], cases[i][1]);
	norm_ok("science", NULL, NULL, "HNM", "HNM");
	norm_ok("science", NULL, NULL, "has not met", "HNM");
	norm_ok("science", NULL, NULL, "expected", "EXS");
	norm_ok("writing", NULL, "ks1", "PK4", "PK4");
	norm_ok("writing", NULL, "ks1", "greater depth", "GDS");
	norm_ok("elg-number", NULL, "eyfs", "Emerging", "EMG");
	norm_ok("elg-number", NULL, "eyfs", "2", "EXP");
}
END_TEST

START_TEST(test_descriptor_errors)
{
	norm_bad("writing", NULL, "EXPT",
	    "unknown descriptor \"EXPT\" for writing (did you mean EXS?)");
	norm_bad("writing", "ta", "wrking towards",
	    "unknown descriptor \"wrking towards\" for writing (did you "
	    "mean WTS?)");
	norm_bad("writing", NULL, "banana",
	    "unknown descriptor \"banana\" for writing");
	norm_bad("writing", NULL, "  ", "empty value for writing");
	/* Codes of one scale are not valid on another. */
	norm_bad("writing", NULL, "HNM",
	    "unknown descriptor \"HNM\" for writing");
	norm_bad("science", NULL, "WTS",
	    "unknown descriptor \"WTS\" for science");
	norm_bad("science", NULL, "GDS",
	    "unknown descriptor \"GDS\" for science");
	norm_bad("science", NULL, "HMN",
	    "unknown descriptor \"HMN\" for science (did you mean HNM?)");
	/* PK5 and PK6 are KS2 standards, not KS1. */
	{
		track_error err;
		int rc;

		norm_for("writing", NULL, "2023-24.ks1", "PK6", &rc, &err);
		ck_assert_int_eq(rc, TRACK_EXIT_DATA);
	}
	norm_bad("history", NULL, "EXS", "unknown subject \"history\"");
	norm_bad("mathss", NULL, "EXS",
	    "unknown subject \"mathss\" (did you mean maths?)");
	norm_bad("maths", "nfr", "100",
	    "unknown measure \"nfr\" (did you mean nfer?)");
}
END_TEST

START_TEST(test_descriptor_scale_names_scale)
{
	const track_scale *sc = scheme_scale_find(def, "ta");
	track_error err;
	char out[16];

	ck_assert_int_eq(scheme_value_normalise(def, sc, "EXPT", 4, out,
	    sizeof out, &err), TRACK_EXIT_DATA);
	ck_assert_str_eq(err.text,
	    "unknown descriptor \"EXPT\" for ta (did you mean EXS?)");
	ck_assert_int_eq(scheme_value_normalise(def, sc, "expected", 8, out,
	    sizeof out, &err), 0);
	ck_assert_str_eq(out, "EXS");
	/* Too small for the canonical text. */
	ck_assert_int_eq(scheme_value_normalise(def, sc, "expected", 8, out,
	    3, &err), TRACK_EXIT_DATA);
}
END_TEST

START_TEST(test_descriptor_bands_and_ranks)
{
	const track_scale *ta = scheme_scale_find(def, "ta");

	ck_assert_str_eq(band_of("writing", NULL, "WTS"), "below");
	ck_assert_str_eq(band_of("writing", NULL, "PK6"), "below");
	ck_assert_str_eq(band_of("writing", NULL, "PKF"), "below");
	ck_assert_str_eq(band_of("writing", NULL, "BLW"), "below");
	ck_assert_str_eq(band_of("writing", NULL, "EM"), "below");
	ck_assert_str_eq(band_of("writing", NULL, "expected"), "at");
	ck_assert_str_eq(band_of("writing", NULL, "GDS"), "above");
	ck_assert_str_eq(band_of("science", NULL, "HNM"), "below");
	ck_assert_str_eq(band_of("science", NULL, "EXS"), "at");
	/* Not-assessed codes have no band. */
	ck_assert_str_eq(band_of("writing", NULL, "A"), "none");
	ck_assert_int_eq(rank_of(ta, "EM"), 1);
	ck_assert_int_lt(rank_of(ta, "PK1"), rank_of(ta, "PK6"));
	ck_assert_int_lt(rank_of(ta, "PK6"), rank_of(ta, "WTS"));
	ck_assert_int_lt(rank_of(ta, "WTS"), rank_of(ta, "EXS"));
	ck_assert_int_lt(rank_of(ta, "EXS"), rank_of(ta, "GDS"));
	ck_assert_int_eq(rank_of(ta, "GDS"),
	    (int)scheme_scale_code_count(ta));
	ck_assert_int_eq(rank_of(ta, "A"), 0);
	ck_assert_str_eq(scheme_scale_expected(ta, 3), "EXS");
	ck_assert_str_eq(scheme_scale_expected(scheme_scale_find(def,
	    "ta-science"), 3), "EXS");
}
END_TEST

START_TEST(test_not_assessed)
{
	const track_scale *ta = scheme_scale_find(def, "ta");
	const track_scale *ks2 = scheme_scale_find(def, "ks2");
	track_value v;
	track_error err;
	size_t i;
	int b = 7;

	ck_assert_int_eq(scheme_value_parse(def, ta, "A", 1, &v, &err), 0);
	ck_assert_int_eq(v.kind, TRACK_VALUE_NOT_AT);
	ck_assert_int_eq(scheme_value_band(def, ta, &v, NULL, &b, &err), 0);
	ck_assert_int_eq(b, -1);
	ck_assert_int_eq(scheme_value_parse(def, ta, "d", 1, &v, &err), 0);
	ck_assert_int_eq(v.kind, TRACK_VALUE_EXCLUDED);
	/* DfE counts B, T, A and M as not at the standard. */
	for (i = 0; i < 4; i++) {
		ck_assert_int_eq(scheme_value_parse(def, ks2, &"BTAM"[i], 1,
		    &v, &err), 0);
		ck_assert_int_eq(v.kind, TRACK_VALUE_NOT_AT);
	}
	ck_assert_int_eq(scheme_value_parse(def, ks2, "q", 1, &v, &err), 0);
	ck_assert_int_eq(v.kind, TRACK_VALUE_EXCLUDED);
	ck_assert_str_eq(scheme_scale_na_code(ks2, (size_t)v.index), "Q");
	ck_assert_int_eq(scheme_scale_na_not_at(ks2, 0), 1);
	ck_assert_str_eq(scheme_scale_na_label(ks2, 0), "Absent");
	ck_assert_uint_eq(scheme_scale_na_count(ta), 3);
	norm_ok("reading", "ks2", NULL, " b ", "B");
	norm_ok("reading", "RA", NULL, "A", "A");
}
END_TEST

/* ---- Scores ---- */

START_TEST(test_score_bands)
{
	ck_assert_str_eq(band_of("reading", "nfer", "70"), "below");
	ck_assert_str_eq(band_of("reading", "nfer", "94"), "below");
	ck_assert_str_eq(band_of("reading", "nfer", "95"), "at");
	ck_assert_str_eq(band_of("reading", "nfer", "114"), "at");
	ck_assert_str_eq(band_of("reading", "nfer", "115"), "above");
	ck_assert_str_eq(band_of("reading", "nfer", "140"), "above");
	ck_assert_str_eq(band_of("reading", "nfer", "<70"), "below");
	ck_assert_str_eq(band_of("reading", "nfer", ">140"), "above");
	ck_assert_str_eq(band_of("reading", "ks2", "80"), "below");
	ck_assert_str_eq(band_of("reading", "ks2", "99"), "below");
	ck_assert_str_eq(band_of("reading", "ks2", "100"), "at");
	ck_assert_str_eq(band_of("reading", "ks2", "109"), "at");
	ck_assert_str_eq(band_of("reading", "ks2", "110"), "above");
	ck_assert_str_eq(band_of("reading", "ks2", "120"), "above");
	ck_assert_str_eq(band_of("reading", "ks1", "99"), "below");
	ck_assert_str_eq(band_of("reading", "ks1", "100"), "at");
	ck_assert_str_eq(band_of("reading", "ks1", "115"), "at");
	ck_assert_str_eq(band_of("reading", "phonics", "31"), "below");
	ck_assert_str_eq(band_of("reading", "phonics", "32"), "at");
	ck_assert_str_eq(band_of("reading", "phonics", "0"), "below");
	/* mtc has no bands. */
	ck_assert_str_eq(band_of("maths", "mtc", "25"), "none");
	ck_assert_str_eq(band_of("maths", "mtc", "0"), "none");
}
END_TEST

START_TEST(test_score_ranks)
{
	const track_scale *nfer = scheme_scale_find(def, "nfer");
	const track_scale *mtc = scheme_scale_find(def, "mtc");

	ck_assert_int_eq(rank_of(nfer, "94"), 1);
	ck_assert_int_eq(rank_of(nfer, "95"), 2);
	ck_assert_int_eq(rank_of(nfer, "115"), 3);
	ck_assert_int_eq(rank_of(mtc, "25"), 0);
	ck_assert_int_eq(rank_of(nfer, "A"), 0);
	ck_assert_str_eq(scheme_scale_expected(nfer, 3), "95");
	ck_assert_str_eq(scheme_scale_expected(scheme_scale_find(def, "ks2"),
	    7), "100");
	ck_assert_ptr_null(scheme_scale_expected(mtc, 3));
	ck_assert_uint_eq(scheme_scale_threshold_count(mtc), 0);
	ck_assert_uint_eq(scheme_scale_threshold_count(nfer), 3);
}
END_TEST

START_TEST(test_score_normalise)
{
	norm_ok("reading", "nfer", NULL, "104", "104");
	norm_ok("reading", "nfer", NULL, " 104 ", "104");
	norm_ok("reading", "nfer", NULL, "104.0", "104");
	norm_ok("reading", "nfer", NULL, "0104", "104");
	norm_ok("reading", "nfer", NULL, "<70", "70");
	norm_ok("reading", "nfer", NULL, "< 70", "70");
	norm_ok("reading", "nfer", NULL, ">140", "140");
	norm_ok("maths", "mtc", NULL, "25", "25");
	norm_ok("reading", "phonics", NULL, "0", "0");
	norm_bad("reading", "nfer", "150",
	    "score 150 out of range 70..140 for nfer");
	norm_bad("reading", "nfer", "69",
	    "score 69 out of range 70..140 for nfer");
	norm_bad("reading", "nfer", "-5",
	    "score -5 out of range 70..140 for nfer");
	norm_bad("reading", "ks2", "121",
	    "score 121 out of range 80..120 for ks2");
	norm_bad("maths", "mtc", "26",
	    "score 26 out of range 0..25 for mtc");
	norm_bad("reading", "nfer", "104.5",
	    "score 104.5 is not a whole number for nfer");
	norm_bad("reading", "nfer", "<95",
	    "score <95 is not allowed for nfer (only <70 and >140)");
	norm_bad("reading", "nfer", "abc",
	    "invalid score \"abc\" for nfer");
	norm_bad("reading", "nfer", "1e2",
	    "invalid score \"1e2\" for nfer");
	norm_bad("reading", "nfer", "nan", "invalid score \"nan\" for nfer");
	norm_bad("reading", "nfer", "10 4",
	    "invalid score \"10 4\" for nfer");
	norm_bad("reading", "nfer", ".", "invalid score \".\" for nfer");
	norm_bad("reading", "nfer", "AA",
	    "invalid score \"AA\" for nfer (did you mean A?)");
}
END_TEST

/* ---- Reading ages ---- */

static void
age_ok(const char *text, int months, int bound)
{
	int m = -1, b = 9;

	ck_assert_msg(scheme_age_parse(text, strlen(text), &m, &b) == 0,
	    "\"%s\" rejected", text);
	ck_assert_msg(m == months && b == bound, "\"%s\": %d %d", text, m, b);
}

static void
age_bad(const char *text)
{
	int m, b;

	ck_assert_msg(scheme_age_parse(text, strlen(text), &m, &b) == -1,
	    "\"%s\" accepted", text);
}

START_TEST(test_age_parse)
{
	age_ok("9.04", 112, 0);
	age_ok("9.4", 112, 0);
	age_ok("9:04", 112, 0);
	age_ok("9:4", 112, 0);
	age_ok("9y4m", 112, 0);
	age_ok("9Y4M", 112, 0);
	age_ok("9y 4m", 112, 0);
	age_ok(" 9y04m ", 112, 0);
	age_ok("9y", 108, 0);
	age_ok("9", 108, 0);
	age_ok("9.11", 119, 0);
	age_ok("9.10", 118, 0);
	age_ok("12.00", 144, 0);
	age_ok("<6:00", 72, -1);
	age_ok(">12:00", 144, 1);
	age_ok("< 6.00", 72, -1);
	age_bad("9.12");
	age_bad("9.");
	age_bad(".4");
	age_bad("9.004");
	age_bad("9y4");
	age_bad("9y4mm");
	age_bad("123.01");
	age_bad("abc");
	age_bad("");
	age_bad("<");
	age_bad("9-04");
	age_bad("-9.04");
	/* Words, as test reports write them. */
	age_ok("8y 11m", 107, 0);
	age_ok("8 years 11 months", 107, 0);
	age_ok("8 Years, 11 Months", 107, 0);
	age_ok("8 yrs 1 mth", 97, 0);
	age_ok("8 years", 96, 0);
	age_ok("1 year 1 month", 13, 0);
	age_ok("<6 years 0 months", 72, -1);
	/* "8.11" is 8 years 11 months, never 8.11 years. */
	age_ok("8.11", 107, 0);
	age_bad("8 years 12 months");
	age_bad("8 years 11");
	age_bad("8 decades");
	age_bad("8 years 11 months old");
	age_bad("years 11 months");
	age_bad("8 years 11 months 2 days");
}
END_TEST

START_TEST(test_age_values)
{
	const track_scale *ra = scheme_scale_find(def, "reading-age");
	track_value v;
	track_value_ctx ctx = { -1, -1, 0, 112 };
	track_error err;
	int b;

	norm_ok("reading", "reading-age", NULL, "9:4", "9.04");
	norm_ok("reading", "RA", NULL, "9y4m", "9.04");
	norm_ok("reading", "RA", NULL, "<6:00", "<6.00");
	norm_ok("reading", "RA", NULL, ">12:00", ">12.00");
	norm_ok("reading", "RA", NULL, "10", "10.00");
	norm_bad("reading", "RA", "9.13",
	    "invalid reading age \"9.13\" for reading-age (write 9.04, "
	    "9:04, 9y4m or 9 years 4 months)");
	ck_assert_int_eq(scheme_scale_tolerance(ra), 6);
	ck_assert_int_eq(scheme_value_parse(def, ra, "8.10", 4, &v, &err), 0);
	ck_assert(v.number == 106);
	ck_assert_int_eq(scheme_value_band(def, ra, &v, &ctx, &b, &err), 0);
	ck_assert_str_eq(scheme_band_id(def, (size_t)b), "at");
	ck_assert_int_eq(scheme_value_parse(def, ra, "8.09", 4, &v, &err), 0);
	ck_assert_int_eq(scheme_value_band(def, ra, &v, &ctx, &b, &err), 0);
	ck_assert_str_eq(scheme_band_id(def, (size_t)b), "below");
	ck_assert_int_eq(scheme_value_parse(def, ra, "9.10", 4, &v, &err), 0);
	ck_assert_int_eq(scheme_value_band(def, ra, &v, &ctx, &b, &err), 0);
	ck_assert_str_eq(scheme_band_id(def, (size_t)b), "at");
	ck_assert_int_eq(scheme_value_parse(def, ra, "9.11", 4, &v, &err), 0);
	ck_assert_int_eq(scheme_value_band(def, ra, &v, &ctx, &b, &err), 0);
	ck_assert_str_eq(scheme_band_id(def, (size_t)b), "above");
	ck_assert_int_eq(scheme_value_rank(ra, &v), 0);
	/* Below the test's floor is below, above its ceiling above,
	   whatever the pupil's age. */
	ctx.age = 70;
	ck_assert_int_eq(scheme_value_parse(def, ra, "<6:00", 5, &v, &err),
	    0);
	ck_assert_int_eq(scheme_value_band(def, ra, &v, &ctx, &b, &err), 0);
	ck_assert_str_eq(scheme_band_id(def, (size_t)b), "below");
	ctx.age = 150;
	ck_assert_int_eq(scheme_value_parse(def, ra, ">12:00", 6, &v, &err),
	    0);
	ck_assert_int_eq(scheme_value_band(def, ra, &v, &ctx, &b, &err), 0);
	ck_assert_str_eq(scheme_band_id(def, (size_t)b), "above");
	/* Without a chronological age there is nothing to compare. */
	ctx.age = -1;
	ck_assert_int_eq(scheme_value_band(def, ra, &v, &ctx, &b, &err),
	    TRACK_EXIT_DATA);
	ck_assert_int_eq(scheme_value_band(def, ra, &v, NULL, &b, &err),
	    TRACK_EXIT_DATA);
	ck_assert_ptr_nonnull(strstr(err.text, "reading-age"));
	ck_assert_ptr_null(scheme_scale_expected(ra, 3));
}
END_TEST

/* ---- Out of year ---- */

START_TEST(test_out_of_year)
{
	const track_scale *ta = scheme_scale_find(def, "ta");
	const track_scale *nfer = scheme_scale_find(def, "nfer");
	int y4 = scheme_year_index(def, "4", 1);
	int y3 = scheme_year_index(def, "3", 1);
	int y5 = scheme_year_index(def, "5", 1);
	track_value_ctx ctx = { y4, y3, 0, -1 };
	track_value v;
	track_error err;
	int b;

	ck_assert_int_eq(scheme_value_parse(def, ta, "GDS", 3, &v, &err), 0);
	ck_assert_int_eq(scheme_value_band(def, ta, &v, &ctx, &b, &err), 0);
	ck_assert_str_eq(scheme_band_id(def, (size_t)b), "below");
	ctx.against = y5;
	ck_assert_int_eq(scheme_value_parse(def, ta, "WTS", 3, &v, &err), 0);
	ck_assert_int_eq(scheme_value_band(def, ta, &v, &ctx, &b, &err), 0);
	ck_assert_str_eq(scheme_band_id(def, (size_t)b), "above");
	ctx.against = y4;
	ck_assert_int_eq(scheme_value_band(def, ta, &v, &ctx, &b, &err), 0);
	ck_assert_str_eq(scheme_band_id(def, (size_t)b), "below");
	ctx.against = -1;
	ctx.custom = 1;
	ck_assert_int_eq(scheme_value_parse(def, ta, "EXS", 3, &v, &err), 0);
	ck_assert_int_eq(scheme_value_band(def, ta, &v, &ctx, &b, &err), 0);
	ck_assert_str_eq(scheme_band_id(def, (size_t)b), "below");
	/* Scores keep their own band. */
	ctx.custom = 0;
	ctx.against = y3;
	ck_assert_int_eq(scheme_value_parse(def, nfer, "120", 3, &v, &err),
	    0);
	ck_assert_int_eq(scheme_value_band(def, nfer, &v, &ctx, &b, &err), 0);
	ck_assert_str_eq(scheme_band_id(def, (size_t)b), "above");
	/* Not-assessed codes stay without a band. */
	ck_assert_int_eq(scheme_value_parse(def, ta, "A", 1, &v, &err), 0);
	ck_assert_int_eq(scheme_value_band(def, ta, &v, &ctx, &b, &err), 0);
	ck_assert_int_eq(b, -1);
}
END_TEST

/* A score is a number however many digits it is written with. */
START_TEST(test_score_long)
{
	char v[301];
	const char *got;
	track_error err;
	track_value val;
	int rc;

	memset(v, '0', 300);
	memcpy(v + 297, "104", 3);
	v[300] = '\0';
	got = norm_for("reading", "nfer", NULL, v, &rc, &err);
	ck_assert_msg(rc == 0, "%s", err.text);
	ck_assert_str_eq(got, "104");
	memcpy(v + 290, "1.50000000", 10);
	got = norm_for("reading", "nfer", NULL, v, &rc, &err);
	ck_assert_int_eq(rc, TRACK_EXIT_DATA);
	ck_assert_str_eq(err.text, "score 000000000000000000000000000000000"
	    "0000000000000000000000000000000... out of range 70..140 for "
	    "nfer");
	v[150] = 'x';
	ck_assert_int_eq(scheme_value_parse(def, scheme_measure_scale(def,
	    1), v, 300, &val, &err), TRACK_EXIT_DATA);
}
END_TEST

/*
 * A not-assessed code parses to its own index on the not-assessed list,
 * not to a code of the scale, whatever its position: the flag is masked
 * off.
 */
START_TEST(test_not_assessed_index)
{
	const track_scale *ks2 = scheme_scale_find(def, "ks2");
	track_value v;
	track_error err;
	size_t i, n = scheme_scale_na_count(ks2);
	char out[SCHEME_VALUE_MAX];

	ck_assert_uint_eq(n, 9);
	for (i = 0; i < n; i++) {
		const char *code = scheme_scale_na_code(ks2, i);

		ck_assert_int_eq(scheme_value_parse(def, ks2, code,
		    strlen(code), &v, &err), 0);
		ck_assert_int_eq(v.index, (int)i);
		ck_assert_int_eq(v.kind, scheme_scale_na_not_at(ks2, i) ?
		    TRACK_VALUE_NOT_AT : TRACK_VALUE_EXCLUDED);
		ck_assert_int_gt(scheme_value_format(ks2, &v, out,
		    sizeof out), 0);
		ck_assert_str_eq(out, code);
	}
	v.index = (int)n;
	ck_assert_int_eq(scheme_value_format(ks2, &v, out, sizeof out), -1);
	ck_assert_str_eq(out, "");
}
END_TEST

static Suite *
scheme_values_suite(void)
{
	Suite *s = suite_create("scheme_values");
	TCase *tc;

	tc = tcase_create("values");
	tcase_add_checked_fixture(tc, setup_default, teardown_default);
	tcase_add_test(tc, test_descriptor_aliases);
	tcase_add_test(tc, test_descriptor_errors);
	tcase_add_test(tc, test_descriptor_scale_names_scale);
	tcase_add_test(tc, test_descriptor_bands_and_ranks);
	tcase_add_test(tc, test_not_assessed);
	tcase_add_test(tc, test_score_bands);
	tcase_add_test(tc, test_score_ranks);
	tcase_add_test(tc, test_score_normalise);
	tcase_add_test(tc, test_score_long);
	tcase_add_test(tc, test_age_parse);
	tcase_add_test(tc, test_age_values);
	tcase_add_test(tc, test_out_of_year);
	tcase_add_test(tc, test_not_assessed_index);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(scheme_values_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
