/* check_scheme.c - unit tests for lib/scheme. */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/str.h"
#include "scheme/scheme.h"

static track_scheme *def;	/* the built-in scheme, per test */

static void
setup_default(void)
{
	track_error err;

	error_clear(&err);
	if (scheme_load_default(&def, &err) != 0)
		ck_abort_msg("default scheme: %s:%ld: %s", err.file, err.line,
		    err.text);
}

static void
teardown_default(void)
{
	scheme_free(def);
	def = NULL;
}

/* ---- Helpers ---- */

static const char *
year(const char *text)
{
	return scheme_year_id(def, text, strlen(text));
}

static const char *
subject(const char *text)
{
	return scheme_subject_id(def, text, strlen(text));
}

static const char *
measure(const char *text)
{
	return scheme_measure_id(def, text, strlen(text));
}

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

static char *
join(const char *const *parts)
{
	size_t n = 1, i;
	char *buf;

	for (i = 0; parts[i] != NULL; i++)
		n += strlen(parts[i]);
	buf = malloc(n);
	ck_assert_ptr_nonnull(buf);
	buf[0] = '\0';
	for (i = 0; parts[i] != NULL; i++)
		strcat(buf, parts[i]);
	return buf;
}

/* ---- Loading the default ---- */

START_TEST(test_default_loads)
{
	ck_assert_str_eq(scheme_name(def), "England primary");
	ck_assert_ptr_nonnull(scheme_description(def));
	ck_assert_uint_eq(scheme_year_count(def), 8);
	ck_assert_str_eq(scheme_year_id_at(def, 0), "N");
	ck_assert_str_eq(scheme_year_id_at(def, 7), "6");
	ck_assert_ptr_null(scheme_year_id_at(def, 8));
	ck_assert_uint_eq(scheme_band_count(def), 3);
	ck_assert_str_eq(scheme_band_id(def, 0), "below");
	ck_assert_str_eq(scheme_band_id(def, 2), "above");
	ck_assert_uint_eq(scheme_band_standard(def), 1);
	ck_assert_str_eq(scheme_measure_default(def), "ta");
	ck_assert_str_eq(scheme_subject_id_at(def, 0), "reading");
	ck_assert_str_eq(scheme_subject_label(def, 4),
	    "Grammar, punctuation and spelling");
	ck_assert_int_eq(scheme_min_group(def), 0);
	/* The 2025 KS2 national figures, with "ks2" matching 2025-26.ks2. */
	ck_assert_uint_eq(scheme_benchmark_count(def), 1);
	{
		const track_benchmark *b = scheme_benchmark_find(def,
		    "national-ks2-2025");
		const track_figure *f;

		ck_assert_ptr_nonnull(b);
		f = scheme_benchmark_lookup(def, b, "rwm", NULL,
		    "2025-26.ks2", NULL);
		ck_assert_ptr_nonnull(f);
		ck_assert(f->pct == 62);
		f = scheme_benchmark_lookup(def, b, "reading", "ks2", "ks2",
		    NULL);
		ck_assert_ptr_nonnull(f);
		ck_assert(f->pct == 75);
		ck_assert_ptr_null(scheme_benchmark_lookup(def, b, "reading",
		    "ks2", "2025-26.summer", NULL));
		ck_assert_ptr_null(scheme_benchmark_lookup(def, b, "reading",
		    "ta", "2025-26.ks2", NULL));
	}
	ck_assert_uint_eq(scheme_group_count(def), 5);
	scheme_free(NULL);
}
END_TEST

START_TEST(test_load_twice_is_independent)
{
	track_scheme *other;
	track_error err;

	ck_assert_int_eq(scheme_load_default(&other, &err), 0);
	ck_assert_ptr_ne(other, def);
	ck_assert_str_eq(scheme_year_id(other, "Y3", 2), "3");
	scheme_free(other);
	ck_assert_str_eq(year("Y3"), "3");
}
END_TEST

/* ---- Years, subjects, measures ---- */

START_TEST(test_year_aliases)
{
	static const char *const cases[][2] = {
		{ "4", "4" }, { "Year 4", "4" }, { "Y4", "4" },
		{ "yr 4", "4" }, { "Yr4", "4" }, { " year4 ", "4" },
		{ "YEAR 04", "4" }, { "Reception", "R" }, { "YR", "R" },
		{ "FS2", "R" }, { "r", "R" }, { "Nursery", "N" },
		{ "F1", "N" }, { "Year 1", "1" }, { "Y6", "6" },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ck_assert_msg(year(cases[i][0]) != NULL, "year \"%s\"",
		    cases[i][0]);
		ck_assert_str_eq(year(cases[i][0]), cases[i][1]);
	}
	ck_assert_ptr_null(year("Year 7"));
	ck_assert_ptr_null(year(""));
	ck_assert_ptr_null(year("   "));
	ck_assert_ptr_null(year("Y"));
	ck_assert_int_eq(scheme_year_index(def, "R", 1), 1);
	ck_assert_int_eq(scheme_year_index(def, "Year 6", 6), 7);
	ck_assert_int_eq(scheme_year_index(def, "7", 1), -1);
	/* Not NUL-terminated: only len bytes count. */
	ck_assert_str_eq(scheme_year_id(def, "Y5xyz", 2), "5");
	ck_assert_str_eq(scheme_year_label(def, 1), "Reception");
	ck_assert_int_eq(scheme_year_age(def, 1), 48);
	ck_assert_int_eq(scheme_year_age(def, 7), 120);
}
END_TEST

START_TEST(test_year_cmp)
{
	ck_assert_int_lt(scheme_year_cmp(def, "N", 1, "R", 1), 0);
	ck_assert_int_lt(scheme_year_cmp(def, "Reception", 9, "Y1", 2), 0);
	ck_assert_int_gt(scheme_year_cmp(def, "6", 1, "Year 2", 6), 0);
	ck_assert_int_eq(scheme_year_cmp(def, "Y3", 2, "3", 1), 0);
	/* Unknown years go last, in byte order. */
	ck_assert_int_lt(scheme_year_cmp(def, "6", 1, "7", 1), 0);
	ck_assert_int_gt(scheme_year_cmp(def, "8", 1, "N", 1), 0);
	ck_assert_int_lt(scheme_year_cmp(def, "10", 2, "9", 1), 0);
}
END_TEST

START_TEST(test_subject_aliases)
{
	ck_assert_str_eq(subject("maths"), "maths");
	ck_assert_str_eq(subject("Mathematics"), "maths");
	ck_assert_str_eq(subject("Math"), "maths");
	ck_assert_str_eq(subject(" MATHS "), "maths");
	ck_assert_str_eq(subject("Reading"), "reading");
	ck_assert_str_eq(subject("writing"), "writing");
	ck_assert_str_eq(subject("Science"), "science");
	ck_assert_str_eq(subject("GPS"), "gps");
	ck_assert_str_eq(subject("SPAG"), "gps");
	ck_assert_str_eq(subject("SPaG"), "gps");
	ck_assert_str_eq(subject("Grammar, punctuation and spelling"),
	    "gps");
	ck_assert_str_eq(subject("Word reading"), "elg-word-reading");
	ck_assert_ptr_null(subject("history"));
	ck_assert_ptr_null(subject("mathematic"));
	ck_assert_int_eq(scheme_subject_index(def, "writing", 7), 1);
}
END_TEST

START_TEST(test_measure_aliases)
{
	ck_assert_str_eq(measure(""), "ta");
	ck_assert_str_eq(measure("  "), "ta");
	ck_assert_str_eq(measure("TA"), "ta");
	ck_assert_str_eq(measure("Teacher assessment"), "ta");
	ck_assert_str_eq(measure("NFER"), "nfer");
	ck_assert_str_eq(measure("ks2"), "ks2");
	ck_assert_str_eq(measure("KS1"), "ks1");
	ck_assert_str_eq(measure("PSC"), "phonics");
	ck_assert_str_eq(measure("mtc"), "mtc");
	ck_assert_str_eq(measure("reading-age"), "reading-age");
	ck_assert_str_eq(measure("Reading age"), "reading-age");
	ck_assert_str_eq(measure("RA"), "reading-age");
	ck_assert_ptr_null(measure("sats"));
	ck_assert_uint_eq(scheme_measure_count(def), 7);
	ck_assert_str_eq(scheme_measure_label(def, 1),
	    "NFER standardised score");
	ck_assert_str_eq(scheme_scale_id(scheme_measure_scale(def, 1)),
	    "nfer");
}
END_TEST

START_TEST(test_band_lookup)
{
	ck_assert_int_eq(scheme_band_index(def, "below", 5), 0);
	ck_assert_int_eq(scheme_band_index(def, "AT", 2), 1);
	ck_assert_int_eq(scheme_band_index(def, "Above expected", 14), 2);
	ck_assert_int_eq(scheme_band_index(def, "middle", 6), -1);
	ck_assert_str_eq(scheme_band_label(def, 1), "At expected");
}
END_TEST

/* ---- Points ---- */

START_TEST(test_point_order)
{
	static const char *const order[] = {
		"eyfs", "phonics", "ks1", "mtc", "ks2",
		"autumn", "spring", "summer",
		"2024-25.autumn", "2024-25.spring", "2024-25.summer",
		"2024-25.eyfs", "2024-25.ks2",
		"2025-26.autumn", "2025-26.summer", "2025-26.mtc",
		"2026-27.autumn",
		"baseline", "test2", "test9", "test10", "test10a", "zzz",
	};
	size_t n = sizeof order / sizeof order[0], i, j;
	track_point_key a, b;
	int c;

	for (i = 0; i < n; i++) {
		scheme_point_key(def, order[i], strlen(order[i]), &a);
		for (j = 0; j < n; j++) {
			scheme_point_key(def, order[j], strlen(order[j]), &b);
			c = scheme_point_cmp(&a, &b);
			ck_assert_msg((i < j && c < 0) || (i == j && c == 0) ||
			    (i > j && c > 0), "%s vs %s gives %d", order[i],
			    order[j], c);
		}
	}
}
END_TEST

START_TEST(test_point_spellings_compare_equal)
{
	ck_assert_int_eq(scheme_point_compare(def, "2025-26.autumn", 14,
	    "2025/26 Autumn term", 19), 0);
	ck_assert_int_eq(scheme_point_compare(def, "KS2", 3, "ks2", 3), 0);
	ck_assert_int_lt(scheme_point_compare(def, "KS2", 3,
	    "2020-21 T1", 10), 0);
	ck_assert_int_lt(scheme_point_compare(def, "Summer 2024-25", 14,
	    "2024-25.KS2", 11), 0);
}
END_TEST

START_TEST(test_point_kinds)
{
	track_point_key k;

	ck_assert_int_eq(scheme_point_key(def, "ks2", 3, &k),
	    TRACK_POINT_STATUTORY);
	ck_assert_int_eq(scheme_point_key(def, "Autumn", 6, &k),
	    TRACK_POINT_TERM);
	ck_assert_int_eq(scheme_point_key(def, "2025-26.autumn", 14, &k),
	    TRACK_POINT_SCOPED_TERM);
	ck_assert_int_eq(k.year, 2025);
	ck_assert_ptr_null(k.text);
	ck_assert_int_eq(scheme_point_key(def, "2025-26.ks2", 11, &k),
	    TRACK_POINT_SCOPED_STATUTORY);
	ck_assert_int_eq(scheme_point_key(def, " baseline ", 10, &k),
	    TRACK_POINT_UNKNOWN);
	ck_assert_uint_eq(k.len, 8);
	ck_assert_int_eq(memcmp(k.text, "baseline", 8), 0);
}
END_TEST

static void
point_norm(const char *in, const char *want, int kind)
{
	char out[64];
	int rc = scheme_point_normalise(def, in, strlen(in), out, sizeof out);

	ck_assert_msg(rc == kind, "\"%s\": kind %d, want %d", in, rc, kind);
	ck_assert_str_eq(out, want);
}

START_TEST(test_point_normalise)
{
	point_norm("autumn", "autumn", TRACK_POINT_TERM);
	point_norm("Autumn", "autumn", TRACK_POINT_TERM);
	point_norm(" AUT ", "autumn", TRACK_POINT_TERM);
	point_norm("Spring term", "spring", TRACK_POINT_TERM);
	point_norm("T3", "summer", TRACK_POINT_TERM);
	point_norm("KS2", "ks2", TRACK_POINT_STATUTORY);
	point_norm("Key stage 1", "ks1", TRACK_POINT_STATUTORY);
	point_norm("PSC", "phonics", TRACK_POINT_STATUTORY);
	point_norm("EYFSP", "eyfs", TRACK_POINT_STATUTORY);
	point_norm("2025-26.autumn", "2025-26.autumn",
	    TRACK_POINT_SCOPED_TERM);
	point_norm("2025-26.Aut", "2025-26.autumn", TRACK_POINT_SCOPED_TERM);
	point_norm("2025/26 autumn", "2025-26.autumn",
	    TRACK_POINT_SCOPED_TERM);
	point_norm("2025-2026 T2", "2025-26.spring", TRACK_POINT_SCOPED_TERM);
	point_norm("2025/2026_summer", "2025-26.summer",
	    TRACK_POINT_SCOPED_TERM);
	point_norm("Summer 2025/26", "2025-26.summer",
	    TRACK_POINT_SCOPED_TERM);
	point_norm("Autumn term 2025-26", "2025-26.autumn",
	    TRACK_POINT_SCOPED_TERM);
	point_norm("2025-26.KS2", "2025-26.ks2",
	    TRACK_POINT_SCOPED_STATUTORY);
	point_norm("1999-00.ks2", "1999-00.ks2",
	    TRACK_POINT_SCOPED_STATUTORY);
	/* Unknown points come back trimmed, unchanged. */
	point_norm(" Baseline ", "Baseline", TRACK_POINT_UNKNOWN);
	point_norm("2025-27.autumn", "2025-27.autumn", TRACK_POINT_UNKNOWN);
	point_norm("2025-26.winter", "2025-26.winter", TRACK_POINT_UNKNOWN);
	point_norm("2025-26", "2025-26", TRACK_POINT_UNKNOWN);
	point_norm("2025-26autumn", "2025-26autumn", TRACK_POINT_UNKNOWN);
	point_norm("", "", TRACK_POINT_UNKNOWN);
}
END_TEST

START_TEST(test_point_normalise_small_buffer)
{
	char out[8];

	ck_assert_int_eq(scheme_point_normalise(def, "2025-26.autumn", 14,
	    out, sizeof out), -1);
	ck_assert_str_eq(out, "");
	ck_assert_int_eq(scheme_point_normalise(def, "ks2", 3, out, 4),
	    TRACK_POINT_STATUTORY);
	ck_assert_int_eq(scheme_point_normalise(def, "ks2", 3, out, 3), -1);
	ck_assert_int_eq(scheme_point_normalise(def, "whatever", 8, out,
	    sizeof out), -1);
}
END_TEST

START_TEST(test_point_qualify)
{
	char out[64];

	ck_assert_int_eq(scheme_point_qualify(def, "autumn", 6, "2025-26", 7,
	    out, sizeof out), TRACK_POINT_SCOPED_TERM);
	ck_assert_str_eq(out, "2025-26.autumn");
	ck_assert_int_eq(scheme_point_qualify(def, "Aut", 3, " 2025/26 ", 9,
	    out, sizeof out), TRACK_POINT_SCOPED_TERM);
	ck_assert_str_eq(out, "2025-26.autumn");
	ck_assert_int_eq(scheme_point_qualify(def, "KS2", 3, "2025-26", 7,
	    out, sizeof out), TRACK_POINT_STATUTORY);
	ck_assert_str_eq(out, "ks2");
	ck_assert_int_eq(scheme_point_qualify(def, "2024-25 spring", 14,
	    "2025-26", 7, out, sizeof out), TRACK_POINT_SCOPED_TERM);
	ck_assert_str_eq(out, "2024-25.spring");
	ck_assert_int_eq(scheme_point_qualify(def, "autumn", 6, "2025", 4,
	    out, sizeof out), -1);
	ck_assert_int_eq(scheme_point_qualify(def, "autumn", 6, "2025-27",
	    7, out, sizeof out), -1);
	ck_assert_int_eq(scheme_point_qualify(def, "other", 5, "2025-26", 7,
	    out, sizeof out), TRACK_POINT_UNKNOWN);
	ck_assert_str_eq(out, "other");
}
END_TEST

START_TEST(test_academic_year)
{
	ck_assert_int_eq(scheme_academic_year("2025-26", 7), 2025);
	ck_assert_int_eq(scheme_academic_year("2025/26", 7), 2025);
	ck_assert_int_eq(scheme_academic_year("2025-2026", 9), 2025);
	ck_assert_int_eq(scheme_academic_year(" 2025/2026 ", 11), 2025);
	ck_assert_int_eq(scheme_academic_year("1999-00", 7), 1999);
	ck_assert_int_eq(scheme_academic_year("2025-27", 7), -1);
	ck_assert_int_eq(scheme_academic_year("2025-2027", 9), -1);
	ck_assert_int_eq(scheme_academic_year("2025", 4), -1);
	ck_assert_int_eq(scheme_academic_year("2025-6", 6), -1);
	ck_assert_int_eq(scheme_academic_year("2025-26x", 8), -1);
	ck_assert_int_eq(scheme_academic_year("", 0), -1);
}
END_TEST

START_TEST(test_point_label)
{
	char out[64];

	ck_assert_int_eq(scheme_point_label(def, "2025-26.aut", 11, out,
	    sizeof out), 0);
	ck_assert_str_eq(out, "Autumn 2025-26");
	ck_assert_int_eq(scheme_point_label(def, "ks2", 3, out, sizeof out),
	    0);
	ck_assert_str_eq(out, "Key stage 2");
	ck_assert_int_eq(scheme_point_label(def, " odd ", 5, out,
	    sizeof out), 0);
	ck_assert_str_eq(out, "odd");
	ck_assert_int_eq(scheme_point_label(def, "ks2", 3, out, 4), -1);
	ck_assert_ptr_null(scheme_point_date(def, "ks2", 3));
}
END_TEST

/* The allocating label: whatever the length, and the same text. */
START_TEST(test_point_label_dup)
{
	char in[302], *l;

	l = scheme_point_label_dup(def, "2025-26.aut", 11);
	ck_assert_str_eq(l, "Autumn 2025-26");
	free(l);
	memset(in, 'q', sizeof in);
	in[0] = ' ';
	in[sizeof in - 1] = ' ';
	l = scheme_point_label_dup(def, in, sizeof in);
	ck_assert_uint_eq(strlen(l), 300);
	ck_assert_int_eq(l[0], 'q');
	free(l);
}
END_TEST

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
	    "9:04 or 9y4m)");
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

/* ---- Groups ---- */

START_TEST(test_groups)
{
	const track_group *send = scheme_group_find(def, "send");
	const track_group *pp = scheme_group_find(def, "PP");
	int dep = 7;

	ck_assert_str_eq(scheme_group_code(def, "send", "S", 1, &dep), "K");
	ck_assert_int_eq(dep, 1);
	ck_assert_str_eq(scheme_group_code(def, "send", "k", 1, &dep), "K");
	ck_assert_int_eq(dep, 0);
	ck_assert_str_eq(scheme_group_code(def, "send", " SEN support ", 13,
	    &dep), "K");
	ck_assert_int_eq(dep, 0);
	ck_assert_str_eq(scheme_group_code(def, "SEND", "ehcp", 4, &dep),
	    "E");
	ck_assert_str_eq(scheme_group_code(def, "send", "N", 1, NULL), "N");
	ck_assert_ptr_null(scheme_group_code(def, "send", "X", 1, &dep));
	ck_assert_int_eq(dep, 0);
	ck_assert_ptr_null(scheme_group_code(def, "class", "4B", 2, &dep));
	ck_assert_str_eq(scheme_group_code(def, "pp", "Yes", 3, &dep), "Y");
	ck_assert_str_eq(scheme_group_code(def, "pp", "0", 1, &dep), "N");
	ck_assert_str_eq(scheme_group_code(def, "gender", "girl", 4, &dep),
	    "F");
	ck_assert_str_eq(scheme_group_code(def, "eal", "no", 2, &dep), "N");
	ck_assert_str_eq(scheme_group_code(def, "disadvantaged", "Y", 1,
	    &dep), "Y");
	ck_assert_ptr_nonnull(send);
	ck_assert_ptr_nonnull(pp);
	ck_assert_str_eq(scheme_group_column(pp), "pp");
	ck_assert_str_eq(scheme_group_label(pp), "Pupil premium");
	ck_assert_str_eq(scheme_group_value_label(pp, 0), "Disadvantaged");
	ck_assert_uint_eq(scheme_group_value_count(send), 3);
	ck_assert_str_eq(scheme_group_value_code(send, 0), "N");
	ck_assert_str_eq(scheme_group_value_label(send, 1), "SEN support");
	ck_assert_str_eq(scheme_group_value_label(send, 2), "EHC plan");
	ck_assert_int_eq(scheme_group_value_index(send, "s", 1, &dep), 1);
	ck_assert_int_eq(dep, 1);
	ck_assert_str_eq(scheme_group_column(scheme_group_at(def, 0)),
	    "send");
	ck_assert_ptr_null(scheme_group_find(def, "class"));
}
END_TEST

/* ---- Broken schemes ---- */

/*
 * Builds a small scheme from parts (NULL means the default part) and
 * loads it, returning the status; the scheme is freed at once.
 */
static int
try_load(track_error *err, const char *bands, const char *years,
    const char *subjects, const char *scales, const char *measures,
    const char *extra)
{
	static char buf[8192];
	track_scheme *s = NULL;
	int rc;

	snprintf(buf, sizeof buf, "{\"name\": \"t\",\n%s,\n%s,\n%s,\n%s,\n"
	    "%s%s%s}",
	    bands ? bands : "\"bands\": [{\"id\": \"below\"}, "
	    "{\"id\": \"at\"}, {\"id\": \"above\"}]",
	    years ? years : "\"years\": [{\"id\": \"1\", \"aliases\": "
	    "[\"Y1\"]}, {\"id\": \"2\", \"aliases\": [\"Y2\"]}]",
	    subjects ? subjects : "\"subjects\": [{\"id\": \"reading\"}, "
	    "{\"id\": \"maths\"}]",
	    scales ? scales : "\"scales\": {\"ta\": {\"kind\": "
	    "\"descriptor\", \"codes\": [{\"code\": \"WTS\", \"band\": "
	    "\"below\"}, {\"code\": \"EXS\", \"band\": \"at\"}]}, "
	    "\"nfer\": {\"kind\": \"score\", \"min\": 70, \"max\": 140, "
	    "\"bands\": [{\"band\": \"below\", \"min\": 70}, {\"band\": "
	    "\"at\", \"min\": 95}, {\"band\": \"above\", \"min\": 115}]}}",
	    measures ? measures : "\"measures\": [{\"id\": \"ta\", "
	    "\"scale\": \"ta\"}, {\"id\": \"nfer\", \"scale\": \"nfer\"}]",
	    extra ? ",\n" : "", extra ? extra : "");
	error_clear(err);
	rc = scheme_load_buffer(&s, buf, strlen(buf), "t.json", err);
	if (rc == 0)
		ck_assert_ptr_nonnull(s);
	else
		ck_assert_ptr_null(s);
	scheme_free(s);
	return rc;
}

/* Asserts a semantic error with exactly message `want` (no line). */
static void
rejected(track_error *err, int rc, const char *want)
{
	ck_assert_msg(rc == TRACK_EXIT_DATA, "accepted (want %s)", want);
	ck_assert_int_eq(err->kind, TRACK_EXIT_DATA);
	ck_assert_str_eq(err->file, "t.json");
	ck_assert_int_eq(err->line, 0);
	ck_assert_str_eq(err->text, want);
}

START_TEST(test_minimal_scheme_loads)
{
	track_error err;

	ck_assert_int_eq(try_load(&err, NULL, NULL, NULL, NULL, NULL, NULL),
	    0);
}
END_TEST

START_TEST(test_reject_unknown_keys)
{
	track_error err;
	int rc;

	rc = try_load(&err, NULL, NULL, NULL, NULL, NULL, "\"scals\": {}");
	rejected(&err, rc,
	    "$: unknown key \"scals\" (did you mean \"scales\"?)");
	rc = try_load(&err, NULL, NULL, NULL, NULL, NULL, "\"colour\": 1");
	rejected(&err, rc, "$: unknown key \"colour\"");
	rc = try_load(&err, NULL, "\"years\": [{\"id\": \"1\", \"alias\": "
	    "[\"Y1\"]}]", NULL, NULL, NULL, NULL);
	rejected(&err, rc, "$.years[0]: unknown key \"alias\" (did you mean "
	    "\"aliases\"?)");
	rc = try_load(&err, NULL, NULL, NULL, "\"scales\": {\"nfer\": "
	    "{\"kind\": \"score\", \"min\": 70, \"max\": 140, "
	    "\"tresholds\": []}}", "\"measures\": [{\"id\": \"nfer\", "
	    "\"scale\": \"nfer\"}]", NULL);
	rejected(&err, rc, "$.scales.nfer: unknown key \"tresholds\"");
	rc = try_load(&err, NULL, NULL, NULL, "\"scales\": {\"x\": "
	    "{\"kind\": \"score\", \"min\": 0, \"max\": 9, \"codes\": []}}",
	    "\"measures\": [{\"id\": \"x\", \"scale\": \"x\"}]", NULL);
	rejected(&err, rc, "$.scales.x: unknown key \"codes\"");
	rc = try_load(&err, NULL, NULL, NULL, NULL, NULL,
	    "\"privacy\": {\"min_groups\": 5}");
	rejected(&err, rc, "$.privacy: unknown key \"min_groups\" (did you "
	    "mean \"min_group\"?)");
}
END_TEST

START_TEST(test_reject_thresholds)
{
	track_error err;
	int rc;

	rc = try_load(&err, NULL, NULL, NULL, "\"scales\": {\"nfer\": "
	    "{\"kind\": \"score\", \"min\": 70, \"max\": 140, \"bands\": "
	    "[{\"band\": \"below\"}, {\"band\": \"at\", \"min\": 95}, "
	    "{\"band\": \"above\", \"min\": 95}]}}",
	    "\"measures\": [{\"id\": \"nfer\", \"scale\": \"nfer\"}]", NULL);
	rejected(&err, rc, "$.scales.nfer.bands[2].min: thresholds overlap "
	    "(95 is not above 95)");
	rc = try_load(&err, NULL, NULL, NULL, "\"scales\": {\"nfer\": "
	    "{\"kind\": \"score\", \"min\": 70, \"max\": 140, \"bands\": "
	    "[{\"band\": \"below\", \"min\": 70}, {\"band\": \"at\", "
	    "\"min\": 115}, {\"band\": \"above\", \"min\": 95}]}}",
	    "\"measures\": [{\"id\": \"nfer\", \"scale\": \"nfer\"}]", NULL);
	rejected(&err, rc, "$.scales.nfer.bands[2].min: thresholds overlap "
	    "(95 is not above 115)");
	rc = try_load(&err, NULL, NULL, NULL, "\"scales\": {\"nfer\": "
	    "{\"kind\": \"score\", \"min\": 70, \"max\": 140, \"bands\": "
	    "[{\"band\": \"below\", \"min\": 60}]}}",
	    "\"measures\": [{\"id\": \"nfer\", \"scale\": \"nfer\"}]", NULL);
	rejected(&err, rc, "$.scales.nfer.bands[0].min: the first band must "
	    "start at the scale's min (70, not 60)");
	rc = try_load(&err, NULL, NULL, NULL, "\"scales\": {\"nfer\": "
	    "{\"kind\": \"score\", \"min\": 70, \"max\": 140, \"bands\": "
	    "[{\"band\": \"below\"}, {\"band\": \"at\", \"min\": 150}]}}",
	    "\"measures\": [{\"id\": \"nfer\", \"scale\": \"nfer\"}]", NULL);
	rejected(&err, rc, "$.scales.nfer.bands[1].min: threshold 150 is "
	    "above the scale's max 140");
	rc = try_load(&err, NULL, NULL, NULL, "\"scales\": {\"nfer\": "
	    "{\"kind\": \"score\", \"min\": 70, \"max\": 140, \"bands\": "
	    "[{\"band\": \"at\"}, {\"band\": \"below\", \"min\": 100}]}}",
	    "\"measures\": [{\"id\": \"nfer\", \"scale\": \"nfer\"}]", NULL);
	rejected(&err, rc, "$.scales.nfer.bands[1].band: bands go from "
	    "lowest to highest, but below comes after at");
	rc = try_load(&err, NULL, NULL, NULL, "\"scales\": {\"nfer\": "
	    "{\"kind\": \"score\", \"min\": 70, \"max\": 70}}",
	    "\"measures\": [{\"id\": \"nfer\", \"scale\": \"nfer\"}]", NULL);
	rejected(&err, rc, "$.scales.nfer.max: max 70 is not above min 70");
	rc = try_load(&err, NULL, NULL, NULL, "\"scales\": {\"nfer\": "
	    "{\"kind\": \"score\", \"min\": \"70\", \"max\": 140}}",
	    "\"measures\": [{\"id\": \"nfer\", \"scale\": \"nfer\"}]", NULL);
	rejected(&err, rc, "$.scales.nfer.min: expected a number");
}
END_TEST

START_TEST(test_reject_references)
{
	track_error err;
	int rc;

	rc = try_load(&err, NULL, NULL, NULL, NULL, "\"measures\": [{\"id\": "
	    "\"ta\", \"scale\": \"ta\"}, {\"id\": \"nfer\", \"scale\": "
	    "\"nfr\"}]", NULL);
	rejected(&err, rc, "$.measures[1].scale: unknown scale \"nfr\" (did "
	    "you mean \"nfer\"?)");
	rc = try_load(&err, NULL, NULL, NULL, "\"scales\": {\"ta\": "
	    "{\"kind\": \"descriptor\", \"codes\": [{\"code\": \"WTS\", "
	    "\"band\": \"bellow\"}]}}", "\"measures\": [{\"id\": \"ta\", "
	    "\"scale\": \"ta\"}]", NULL);
	rejected(&err, rc, "$.scales.ta.codes[0].band: unknown band "
	    "\"bellow\" (did you mean \"below\"?)");
	rc = try_load(&err, NULL, NULL, "\"subjects\": [{\"id\": "
	    "\"reading\", \"scales\": {\"tx\": \"ta\"}}]", NULL, NULL, NULL);
	rejected(&err, rc, "$.subjects[0].scales.tx: unknown measure \"tx\" "
	    "(did you mean \"ta\"?)");
	rc = try_load(&err, NULL, NULL, "\"subjects\": [{\"id\": "
	    "\"reading\", \"scales\": {\"ta\": \"tax\"}}]", NULL, NULL, NULL);
	rejected(&err, rc, "$.subjects[0].scales.ta: unknown scale \"tax\" "
	    "(did you mean \"ta\"?)");
	rc = try_load(&err, NULL, NULL, NULL, "\"scales\": {\"cfe\": "
	    "{\"kind\": \"level\", \"levels\": [{\"code\": \"early\"}, "
	    "{\"code\": \"first\"}], \"expected\": {\"Y1\": \"erly\"}}}",
	    "\"measures\": [{\"id\": \"ta\", \"scale\": \"cfe\"}]", NULL);
	rejected(&err, rc, "$.scales.cfe.expected.Y1: expected level "
	    "\"erly\" is not in the level list (did you mean \"early\"?)");
	rc = try_load(&err, NULL, NULL, NULL, "\"scales\": {\"cfe\": "
	    "{\"kind\": \"level\", \"levels\": [{\"code\": \"early\"}], "
	    "\"expected\": {\"Y3\": \"early\"}}}",
	    "\"measures\": [{\"id\": \"ta\", \"scale\": \"cfe\"}]", NULL);
	rejected(&err, rc, "$.scales.cfe.expected.Y3: unknown year \"Y3\" "
	    "(did you mean \"1\"?)");
	rc = try_load(&err, NULL, NULL, NULL, NULL, NULL, "\"points\": "
	    "{\"statutory\": [{\"id\": \"ks1\", \"scales\": {\"ta\": "
	    "\"ks1ta\"}}]}");
	rejected(&err, rc, "$.points.statutory[0].scales.ta: unknown scale "
	    "\"ks1ta\"");
	rc = try_load(&err, NULL, NULL, NULL, "\"scales\": {\"ta\": "
	    "{\"kind\": \"descriptor\", \"codes\": [{\"code\": \"WTS\", "
	    "\"band\": \"below\"}], \"not_assessed\": \"tests\"}}",
	    "\"measures\": [{\"id\": \"ta\", \"scale\": \"ta\"}]",
	    "\"not_assessed\": {\"test\": []}");
	rejected(&err, rc, "$.scales.ta.not_assessed: unknown not_assessed "
	    "set \"tests\" (did you mean \"test\"?)");
	rc = try_load(&err, NULL, NULL, NULL, NULL, NULL,
	    "\"out_of_year\": {\"below\": \"under\"}");
	rejected(&err, rc, "$.out_of_year.below: unknown band \"under\"");
	rc = try_load(&err, NULL, NULL, NULL, NULL, NULL,
	    "\"objectives\": {\"science\": {\"1\": []}}");
	rejected(&err, rc, "$.objectives.science: unknown subject "
	    "\"science\"");
	rc = try_load(&err, NULL, NULL, NULL, NULL, NULL,
	    "\"benchmarks\": {\"nat\": {\"figures\": [{\"subject\": "
	    "\"rwm\", \"band\": \"abve\", \"pct\": 60}]}}");
	rejected(&err, rc, "$.benchmarks.nat.figures[0].band: unknown band "
	    "\"abve\" (did you mean \"above\"?)");
	rc = try_load(&err, NULL, NULL, NULL, NULL, NULL,
	    "\"benchmarks\": {\"nat\": {\"figures\": [{\"subject\": "
	    "\"rwm\", \"point\": \"ks3\", \"pct\": 60}]}}");
	rejected(&err, rc, "$.benchmarks.nat.figures[0].point: unknown point "
	    "\"ks3\"");
}
END_TEST

START_TEST(test_reject_duplicates)
{
	track_error err;
	int rc;

	rc = try_load(&err, NULL, "\"years\": [{\"id\": \"1\"}, {\"id\": "
	    "\"1\"}]", NULL, NULL, NULL, NULL);
	rejected(&err, rc, "$.years[1].id: duplicate year \"1\"");
	rc = try_load(&err, NULL, "\"years\": [{\"id\": \"1\", \"aliases\": "
	    "[\"Y1\"]}, {\"id\": \"2\", \"aliases\": [\"y 1\"]}]", NULL,
	    NULL, NULL, NULL);
	rejected(&err, rc, "$.years[1].aliases[0]: \"y 1\" is already used "
	    "by year 1");
	rc = try_load(&err, NULL, NULL, "\"subjects\": [{\"id\": "
	    "\"maths\"}, {\"id\": \"numeracy\", \"aliases\": [\"Maths\"]}]",
	    NULL, NULL, NULL);
	rejected(&err, rc, "$.subjects[1].aliases[0]: \"Maths\" is already "
	    "used by subject maths");
	rc = try_load(&err, NULL, NULL, NULL, "\"scales\": {\"ta\": "
	    "{\"kind\": \"descriptor\", \"codes\": [{\"code\": \"A\", "
	    "\"band\": \"below\"}], \"not_assessed\": [{\"code\": \"A\", "
	    "\"count\": \"not-at\"}]}}", "\"measures\": [{\"id\": \"ta\", "
	    "\"scale\": \"ta\"}]", NULL);
	rejected(&err, rc, "$.scales.ta.not_assessed[0].code: duplicate code "
	    "\"A\"");
	rc = try_load(&err, NULL, NULL, NULL, NULL, NULL, "\"groups\": "
	    "{\"send\": {\"values\": [{\"code\": \"K\", \"deprecated\": "
	    "[\"S\"]}, {\"code\": \"S\"}]}}");
	rejected(&err, rc, "$.groups.send.values[1].code: \"S\" is already "
	    "used by value K");
	rc = try_load(&err, NULL, NULL, NULL, NULL, NULL, "\"points\": "
	    "{\"terms\": [{\"id\": \"autumn\"}], \"statutory\": [{\"id\": "
	    "\"ks2\", \"aliases\": [\"Autumn\"]}]}");
	rejected(&err, rc, "$.points.statutory[0].aliases[0]: \"Autumn\" is "
	    "already used by point autumn");
	rc = try_load(&err, NULL, NULL, NULL, NULL, NULL,
	    "\"custom_objectives\": {\"Y2\": {\"objectives\": {}}}");
	rejected(&err, rc, "$.custom_objectives.Y2: custom list \"Y2\" has "
	    "the same name as year 2");
	rc = try_load(&err, NULL, NULL, NULL, NULL, NULL,
	    "\"objectives\": {\"maths\": {\"2\": [], \"Y2\": []}}");
	rejected(&err, rc, "$.objectives.maths.Y2: maths year 2 is listed "
	    "twice");
}
END_TEST

START_TEST(test_reject_other)
{
	track_error err;
	int rc;

	rc = try_load(&err, NULL, NULL, NULL, "\"scales\": {\"ta\": "
	    "{\"kind\": \"descriptor\", \"codes\": [{\"code\": \"EXS\", "
	    "\"band\": \"at\"}, {\"code\": \"WTS\", \"band\": "
	    "\"below\"}]}}", "\"measures\": [{\"id\": \"ta\", \"scale\": "
	    "\"ta\"}]", NULL);
	rejected(&err, rc, "$.scales.ta.codes[1].band: codes go from lowest "
	    "to highest, but WTS (below) comes after EXS (at)");
	rc = try_load(&err, NULL, NULL, NULL, "\"scales\": {\"x\": "
	    "{\"kind\": \"scor\"}}", "\"measures\": []", NULL);
	rejected(&err, rc, "$.scales.x.kind: unknown kind \"scor\" (did you "
	    "mean \"score\"?)");
	rc = try_load(&err, NULL, NULL, NULL, NULL, "\"measures\": []",
	    NULL);
	rejected(&err, rc, "$.measures: must not be empty");
	rc = try_load(&err, NULL, "\"years\": [{\"id\": \"1\", \"age\": "
	    "\"five\"}]", NULL, NULL, NULL, NULL);
	rejected(&err, rc, "$.years[0].age: expected a whole number");
	rc = try_load(&err, NULL, "\"years\": [{\"id\": \" \"}]", NULL,
	    NULL, NULL, NULL);
	rejected(&err, rc, "$.years[0].id: empty id");
	rc = try_load(&err, NULL, "\"years\": [{\"label\": \"One\"}]", NULL,
	    NULL, NULL, NULL);
	rejected(&err, rc, "$.years[0]: missing key \"id\"");
	rc = try_load(&err, NULL, "\"years\": [\"1\"]", NULL, NULL, NULL,
	    NULL);
	rejected(&err, rc, "$.years[0]: expected an object");
	rc = try_load(&err, "\"bands\": [{\"id\": \"low\"}, {\"id\": "
	    "\"high\"}]", NULL, NULL, NULL, NULL, NULL);
	rejected(&err, rc, "$.bands: no band has \"standard\": true and none "
	    "is called \"at\"");
	rc = try_load(&err, NULL, NULL, NULL, NULL, NULL, "\"points\": "
	    "{\"terms\": [{\"id\": \"aut.1\"}]}");
	rejected(&err, rc, "$.points.terms[0].id: a point id cannot contain "
	    "\".\"");
	rc = try_load(&err, NULL, NULL, NULL, NULL, NULL, "\"points\": "
	    "{\"other\": [{\"id\": \"baseline\", \"date\": \"15/09/2025\"}]}");
	rejected(&err, rc, "$.points.other[0].date: expected a date as "
	    "YYYY-MM-DD");
	rc = try_load(&err, NULL, NULL, NULL, NULL, NULL, "\"privacy\": "
	    "{\"min_group\": -1}");
	rejected(&err, rc, "$.privacy.min_group: -1 is out of range "
	    "0..1000000");
	rc = try_load(&err, NULL, NULL, NULL, NULL, NULL, "\"groups\": "
	    "{\"send\": {\"values\": [{\"code\": \"K\", \"label\": 3}]}}");
	rejected(&err, rc, "$.groups.send.values[0].label: expected a "
	    "string");
	rc = try_load(&err, NULL, NULL, NULL, "\"scales\": {\"ta\": "
	    "{\"kind\": \"descriptor\", \"codes\": [{\"code\": \"WTS\", "
	    "\"band\": \"below\"}], \"not_assessed\": [{\"code\": \"A\", "
	    "\"count\": \"yes\"}]}}", "\"measures\": [{\"id\": \"ta\", "
	    "\"scale\": \"ta\"}]", NULL);
	rejected(&err, rc, "$.scales.ta.not_assessed[0].count: count must be "
	    "\"not-at\" or \"excluded\", not \"yes\"");
	/* An error inside a shared set points at the set. */
	rc = try_load(&err, NULL, NULL, NULL, NULL, NULL,
	    "\"not_assessed\": {\"test\": [{\"code\": \"A\"}]}");
	rejected(&err, rc, "$.not_assessed.test[0]: missing key \"count\"");
}
END_TEST

START_TEST(test_reject_missing_section)
{
	static const char text[] = "{\"name\": \"t\", \"bands\": [{\"id\": "
	    "\"at\"}], \"years\": [{\"id\": \"1\"}], \"subjects\": "
	    "[{\"id\": \"reading\"}], \"measures\": []}";
	track_scheme *s = (track_scheme *)&text;
	track_error err;

	ck_assert_int_eq(scheme_load_buffer(&s, text, strlen(text), "t.json",
	    &err), TRACK_EXIT_DATA);
	ck_assert_ptr_null(s);
	ck_assert_str_eq(err.text, "$: missing key \"scales\"");
	ck_assert_int_eq(scheme_load_buffer(&s, "[]", 2, "t.json", &err),
	    TRACK_EXIT_DATA);
	ck_assert_str_eq(err.text, "$: expected an object");
}
END_TEST

START_TEST(test_reject_bad_json)
{
	static const char text[] = "{\n  \"name\": \"t\",\n  \"bands\": [\n"
	    "    {\"id\": \"at\"},\n  }\n}\n";
	static const char dup[] = "{\n\"name\": \"a\",\n\"name\": \"b\"\n}";
	track_scheme *s;
	track_error err;

	ck_assert_int_eq(scheme_load_buffer(&s, text, strlen(text), "b.json",
	    &err), TRACK_EXIT_DATA);
	ck_assert_ptr_null(s);
	ck_assert_str_eq(err.file, "b.json");
	ck_assert_int_eq(err.line, 5);
	ck_assert_msg(strncmp(err.text, "not a scheme: invalid JSON: ", 28)
	    == 0, "%s", err.text);
	ck_assert_ptr_nonnull(strstr(err.text, "a scheme is a JSON file"));
	ck_assert_ptr_nonnull(strstr(err.text, "(column "));
	ck_assert_int_eq(scheme_load_buffer(&s, dup, strlen(dup), "b.json",
	    &err), TRACK_EXIT_DATA);
	ck_assert_int_eq(err.line, 3);
	ck_assert_ptr_nonnull(strstr(err.text, "duplicate"));
	ck_assert_int_eq(scheme_load_buffer(&s, "", 0, "b.json", &err),
	    TRACK_EXIT_DATA);
	ck_assert_int_eq(scheme_load_buffer(&s, "{\"name\":\"a\\u0000\"}",
	    18, "b.json", &err), TRACK_EXIT_DATA);
}
END_TEST

/* ---- A scheme using every feature ---- */

static const char *const rich_parts[] = {
	"{\"name\": \"Bespoke\",\n"
	"\"bands\": [{\"id\": \"well-below\", \"label\": \"Well below\"},\n"
	"  {\"id\": \"below\", \"label\": \"Below\"},\n"
	"  {\"id\": \"secure\", \"label\": \"Secure\", \"standard\": true},\n"
	"  {\"id\": \"beyond\", \"label\": \"Beyond\"},\n"
	"  {\"id\": \"personal\", \"label\": \"Personal curriculum\"}],\n"
	"\"years\": [{\"id\": \"P1\", \"label\": \"Primary 1\"},\n"
	"  {\"id\": \"P2\"}, {\"id\": \"P3\"}, {\"id\": \"P4\"}],\n"
	"\"subjects\": [{\"id\": \"literacy\"}, {\"id\": \"numeracy\"},\n"
	"  {\"id\": \"art\", \"scales\": {\"judgement\": \"words\"}}],\n",
	"\"points\": {\"terms\": [{\"id\": \"t1\"}, {\"id\": \"t2\"}],\n"
	"  \"statutory\": [{\"id\": \"snsa\", \"scales\": {\"judgement\":\n"
	"    \"words\"}}],\n"
	"  \"other\": [{\"id\": \"baseline\", \"date\": \"2025-09-15\"},\n"
	"    {\"id\": \"exit\"}]},\n"
	"\"scales\": {\"cfe\": {\"kind\": \"level\", \"levels\": [\n"
	"    {\"code\": \"early\", \"label\": \"Early level\"},\n"
	"    {\"code\": \"first\"}, {\"code\": \"second\"}],\n"
	"    \"expected\": {\"P1\": \"early\", \"P4\": \"first\"},\n"
	"    \"bands\": {\"below\": \"well-below\", \"above\": \"beyond\"},\n"
	"    \"not_assessed\": [{\"code\": \"X\",\n"
	"      \"count\": \"excluded\"}]},\n",
	"  \"words\": {\"kind\": \"descriptor\", \"codes\": [\n"
	"    {\"code\": \"W1\", \"label\": \"Same words\",\n"
	"      \"band\": \"below\"},\n"
	"    {\"code\": \"W2\", \"label\": \"Same words\",\n"
	"      \"band\": \"secure\"},\n"
	"    {\"code\": \"W3\", \"label\": \"Three\",\n"
	"      \"band\": \"beyond\"}]},\n"
	"  \"pct\": {\"kind\": \"score\", \"min\": 0, \"max\": 100,\n"
	"    \"integer\": false, \"bands\": [{\"band\": \"below\"},\n"
	"    {\"band\": \"secure\", \"min\": 62.5}]}},\n"
	"\"measures\": [{\"id\": \"judgement\", \"aliases\": [\"J\"],\n"
	"  \"scale\": \"cfe\"}, {\"id\": \"percent\", \"scale\": \"pct\"}],\n"
	"\"out_of_year\": {\"below\": null, \"above\": \"beyond\",\n"
	"  \"custom\": \"personal\"},\n",
	"\"objectives\": {\"numeracy\": {\"P2\": [\n"
	"  {\"id\": \"n2-1\", \"label\": \"Count to 100\"},\n"
	"  {\"id\": \"n2-2\"}]}},\n"
	"\"custom_objectives\": {\"steps\": {\"label\": \"Small steps\",\n"
	"  \"objectives\": {\"numeracy\": [{\"id\": \"s1\"}]}}},\n"
	"\"groups\": {\"simd\": {\"label\": \"SIMD quintile\", \"values\": [\n"
	"  {\"code\": \"1\", \"label\": \"Most deprived\"},\n"
	"  {\"code\": \"5\", \"label\": \"Least deprived\"}]}},\n"
	"\"privacy\": {\"min_group\": 5},\n"
	"\"benchmarks\": {\"la\": {\"label\": \"Local authority\",\n"
	"  \"figures\": [\n"
	"  {\"subject\": \"numeracy\", \"pct\": 70},\n"
	"  {\"subject\": \"Numeracy\", \"point\": \"2024-25 T2\",\n"
	"   \"pct\": 72},\n"
	"  {\"subject\": \"literacy\", \"measure\": \"percent\",\n"
	"   \"band\": \"secure\", \"pct\": 55.5}]}}}\n",
	NULL
};

static track_scheme *
load_rich(void)
{
	char *text = join(rich_parts);
	track_scheme *s;
	track_error err;

	if (scheme_load_buffer(&s, text, strlen(text), "rich.json", &err)
	    != 0)
		ck_abort_msg("rich: %s:%ld: %s", err.file, err.line, err.text);
	free(text);
	return s;
}

START_TEST(test_rich_levels)
{
	track_scheme *s = load_rich();
	const track_scale *cfe = scheme_scale_for(s, "numeracy", NULL, NULL);
	track_value_ctx ctx = { 0, -1, 0, -1 };
	track_value v;
	track_error err;
	int b;

	ck_assert_str_eq(scheme_measure_default(s), "judgement");
	ck_assert_uint_eq(scheme_band_standard(s), 2);
	ck_assert_int_eq(scheme_min_group(s), 5);
	ck_assert_int_eq(scheme_scale_kind(cfe), TRACK_SCALE_LEVEL);
	ck_assert_int_eq(scheme_value_parse(s, cfe, "Early level", 11, &v,
	    &err), 0);
	ck_assert_int_eq(scheme_value_rank(cfe, &v), 1);
	ck_assert_int_eq(scheme_value_band(s, cfe, &v, &ctx, &b, &err), 0);
	ck_assert_str_eq(scheme_band_id(s, (size_t)b), "secure");
	ck_assert_int_eq(scheme_value_parse(s, cfe, "FIRST", 5, &v, &err), 0);
	ck_assert_int_eq(scheme_value_band(s, cfe, &v, &ctx, &b, &err), 0);
	ck_assert_str_eq(scheme_band_id(s, (size_t)b), "beyond");
	ctx.year = 3;
	ck_assert_int_eq(scheme_value_parse(s, cfe, "early", 5, &v, &err), 0);
	ck_assert_int_eq(scheme_value_band(s, cfe, &v, &ctx, &b, &err), 0);
	ck_assert_str_eq(scheme_band_id(s, (size_t)b), "well-below");
	ck_assert_str_eq(scheme_scale_expected(cfe, 3), "first");
	ck_assert_ptr_null(scheme_scale_expected(cfe, 1));
	/* P2 has no expected level, and no year cannot be placed. */
	ctx.year = 1;
	ck_assert_int_eq(scheme_value_band(s, cfe, &v, &ctx, &b, &err),
	    TRACK_EXIT_DATA);
	ck_assert_str_eq(err.text, "no expected level for year P2 on cfe");
	ck_assert_int_eq(scheme_value_band(s, cfe, &v, NULL, &b, &err),
	    TRACK_EXIT_DATA);
	/* Out of year: below keeps the own band, custom is "personal". */
	ctx.year = 3;
	ctx.against = 0;
	ck_assert_int_eq(scheme_value_band(s, cfe, &v, &ctx, &b, &err), 0);
	ck_assert_str_eq(scheme_band_id(s, (size_t)b), "well-below");
	ctx.year = 0;
	ctx.against = 2;
	ck_assert_int_eq(scheme_value_band(s, cfe, &v, &ctx, &b, &err), 0);
	ck_assert_str_eq(scheme_band_id(s, (size_t)b), "beyond");
	ctx.against = -1;
	ctx.custom = 1;
	ck_assert_int_eq(scheme_value_band(s, cfe, &v, &ctx, &b, &err), 0);
	ck_assert_str_eq(scheme_band_id(s, (size_t)b), "personal");
	ck_assert_int_eq(scheme_value_parse(s, cfe, "x", 1, &v, &err), 0);
	ck_assert_int_eq(v.kind, TRACK_VALUE_EXCLUDED);
	ck_assert_int_eq(scheme_value_parse(s, cfe, "frist", 5, &v, &err),
	    TRACK_EXIT_DATA);
	ck_assert_str_eq(err.text,
	    "unknown level \"frist\" for cfe (did you mean first?)");
	scheme_free(s);
}
END_TEST

START_TEST(test_rich_points_and_overrides)
{
	track_scheme *s = load_rich();
	static const char *const order[] = {
		"snsa", "baseline", "exit", "t1", "t2", "2024-25.t1",
		"2024-25.t2", "2024-25.snsa", "2025-26.t1", "autumn",
	};
	size_t n = sizeof order / sizeof order[0], i;
	track_point_key a, b;
	char out[32];

	for (i = 0; i + 1 < n; i++) {
		scheme_point_key(s, order[i], strlen(order[i]), &a);
		scheme_point_key(s, order[i + 1], strlen(order[i + 1]), &b);
		ck_assert_msg(scheme_point_cmp(&a, &b) < 0, "%s < %s",
		    order[i], order[i + 1]);
	}
	ck_assert_int_eq(scheme_point_normalise(s, "Baseline", 8, out,
	    sizeof out), TRACK_POINT_OTHER);
	ck_assert_str_eq(out, "baseline");
	/* Other points are not scoped to a year. */
	ck_assert_int_eq(scheme_point_normalise(s, "2025-26.baseline", 16,
	    out, sizeof out), TRACK_POINT_UNKNOWN);
	ck_assert_int_eq(scheme_point_qualify(s, "baseline", 8, "2025-26", 7,
	    out, sizeof out), TRACK_POINT_OTHER);
	ck_assert_str_eq(scheme_point_date(s, "baseline", 8), "2025-09-15");
	ck_assert_ptr_null(scheme_point_date(s, "exit", 4));
	ck_assert_str_eq(scheme_scale_id(scheme_scale_for(s, "literacy", "J",
	    "2025-26.snsa")), "words");
	ck_assert_str_eq(scheme_scale_id(scheme_scale_for(s, "art", NULL,
	    NULL)), "words");
	ck_assert_str_eq(scheme_scale_id(scheme_scale_for(s, "literacy",
	    "percent", "snsa")), "pct");
	scheme_free(s);
}
END_TEST

START_TEST(test_rich_values)
{
	track_scheme *s = load_rich();
	const track_scale *words = scheme_scale_find(s, "words");
	const track_scale *pct = scheme_scale_find(s, "pct");
	track_value v;
	track_error err;
	char out[32];
	int b;

	/* A label shared by two codes matches neither. */
	ck_assert_int_eq(scheme_value_parse(s, words, "Same words", 10, &v,
	    &err), TRACK_EXIT_DATA);
	ck_assert_int_eq(scheme_value_parse(s, words, "three", 5, &v, &err),
	    0);
	ck_assert_int_eq(v.index, 2);
	ck_assert_str_eq(scheme_scale_expected(pct, 0), "62.5");
	ck_assert_str_eq(scheme_scale_expected(words, 0), "W2");
	ck_assert_int_eq(scheme_value_normalise(s, pct, " 62.50 ", 7, out,
	    sizeof out, &err), 0);
	ck_assert_str_eq(out, "62.5");
	ck_assert_int_eq(scheme_value_parse(s, pct, "62.4", 4, &v, &err), 0);
	ck_assert_int_eq(scheme_value_band(s, pct, &v, NULL, &b, &err), 0);
	ck_assert_str_eq(scheme_band_id(s, (size_t)b), "below");
	ck_assert_int_eq(scheme_value_parse(s, pct, "62.5", 4, &v, &err), 0);
	ck_assert_int_eq(scheme_value_band(s, pct, &v, NULL, &b, &err), 0);
	ck_assert_str_eq(scheme_band_id(s, (size_t)b), "secure");
	ck_assert_int_eq(scheme_value_normalise(s, pct, "100", 3, out,
	    sizeof out, &err), 0);
	ck_assert_str_eq(out, "100");
	scheme_free(s);
}
END_TEST

START_TEST(test_rich_objectives_groups_benchmarks)
{
	track_scheme *s = load_rich();
	const track_objectives *l;
	const track_benchmark *bm;
	const track_figure *f;

	l = scheme_objectives(s, "Numeracy", "p2");
	ck_assert_ptr_nonnull(l);
	ck_assert_uint_eq(scheme_objectives_count(l), 2);
	ck_assert_str_eq(scheme_objectives_id(l, 0), "n2-1");
	ck_assert_str_eq(scheme_objectives_label(l, 0), "Count to 100");
	ck_assert_int_eq(scheme_objectives_find(l, "N2-2", 4), 1);
	ck_assert_int_eq(scheme_objectives_find(l, "n2-3", 4), -1);
	ck_assert_ptr_null(scheme_objectives(s, "numeracy", "P3"));
	ck_assert_ptr_null(scheme_objectives(s, "history", "P2"));
	ck_assert_uint_eq(scheme_objectives_count(NULL), 0);
	ck_assert_int_eq(scheme_custom_index(s, "steps", 5), 0);
	ck_assert_int_eq(scheme_custom_index(s, "Small steps", 11), 0);
	ck_assert_int_eq(scheme_custom_index(s, "P2", 2), -1);
	ck_assert_uint_eq(scheme_custom_count(s), 1);
	ck_assert_str_eq(scheme_custom_id(s, 0), "steps");
	ck_assert_str_eq(scheme_custom_label(s, 0), "Small steps");
	l = scheme_custom_objectives(s, "steps", "numeracy");
	ck_assert_int_eq(scheme_objectives_find(l, "s1", 2), 0);
	ck_assert_ptr_null(scheme_custom_objectives(s, "steps", "literacy"));
	ck_assert_str_eq(scheme_group_code(s, "SIMD", "most deprived", 13,
	    NULL), "1");
	ck_assert_ptr_null(scheme_group_code(s, "send", "K", 1, NULL));
	bm = scheme_benchmark_find(s, "la");
	ck_assert_ptr_nonnull(bm);
	ck_assert_str_eq(scheme_benchmark_label(bm), "Local authority");
	ck_assert_uint_eq(scheme_benchmark_figure_count(bm), 3);
	f = scheme_benchmark_figure(bm, 1);
	ck_assert_str_eq(f->subject, "numeracy");
	ck_assert_str_eq(f->measure, "judgement");
	ck_assert_str_eq(f->point, "2024-25.t2");
	ck_assert_str_eq(f->band, "at_or_above");
	f = scheme_benchmark_lookup(s, bm, "numeracy", NULL, "2024-25.T2",
	    NULL);
	ck_assert(f != NULL && f->pct == 72);
	f = scheme_benchmark_lookup(s, bm, "numeracy", NULL, "2025-26.t1",
	    NULL);
	ck_assert(f != NULL && f->pct == 70);
	f = scheme_benchmark_lookup(s, bm, "numeracy", NULL, NULL, NULL);
	ck_assert(f != NULL && f->pct == 70);
	f = scheme_benchmark_lookup(s, bm, "Literacy", "percent", NULL,
	    "Secure");
	ck_assert(f != NULL && f->pct == 55.5);
	ck_assert_ptr_null(scheme_benchmark_lookup(s, bm, "literacy", NULL,
	    NULL, NULL));
	ck_assert_ptr_null(scheme_benchmark_find(s, "national"));
	scheme_free(s);
}
END_TEST

/* ---- Files and TRACK_SCHEME ---- */

static char tmpdir[] = "/tmp/check_scheme.XXXXXX";

static void
setup_files(void)
{
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void
teardown_files(void)
{
	char path[256];

	snprintf(path, sizeof path, "%s/good.json", tmpdir);
	unlink(path);
	snprintf(path, sizeof path, "%s/bad.json", tmpdir);
	unlink(path);
	rmdir(tmpdir);
	memcpy(tmpdir + strlen(tmpdir) - 6, "XXXXXX", 6);
	unsetenv("TRACK_SCHEME");
}

static const char minimal[] = "{\"name\": \"From file\", \"bands\": "
    "[{\"id\": \"at\"}], \"years\": [{\"id\": \"1\"}], \"subjects\": "
    "[{\"id\": \"reading\"}], \"scales\": {\"s\": {\"kind\": \"score\", "
    "\"min\": 0, \"max\": 10}}, \"measures\": [{\"id\": \"m\", "
    "\"scale\": \"s\"}]}\n";

static const char *
write_file(const char *name, const char *text)
{
	static char path[256];
	FILE *fp;

	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	fp = fopen(path, "w");
	ck_assert_ptr_nonnull(fp);
	fputs(text, fp);
	fclose(fp);
	return path;
}

START_TEST(test_load_file)
{
	char good[256], bad[256];
	track_scheme *s;
	track_error err;

	snprintf(good, sizeof good, "%s", write_file("good.json", minimal));
	snprintf(bad, sizeof bad, "%s", write_file("bad.json",
	    "{\n\"name\": \"x\",\n\"bands\": [}\n"));
	ck_assert_int_eq(scheme_load_file(&s, good, &err), 0);
	ck_assert_str_eq(scheme_name(s), "From file");
	ck_assert_str_eq(scheme_measure_default(s), "m");
	scheme_free(s);
	ck_assert_int_eq(scheme_load_file(&s, bad, &err), TRACK_EXIT_DATA);
	ck_assert_ptr_null(s);
	ck_assert_ptr_eq(err.file, bad);
	ck_assert_int_eq(err.line, 3);
	ck_assert_int_eq(scheme_load_file(&s, "/nonexistent/s.json", &err),
	    TRACK_EXIT_IO);
	ck_assert_ptr_null(s);
	ck_assert_int_eq(err.kind, TRACK_EXIT_IO);
	ck_assert_str_eq(err.file, "/nonexistent/s.json");
	ck_assert_ptr_nonnull(strstr(err.text, "cannot open scheme"));
	ck_assert_int_eq(scheme_load_file(&s, tmpdir, &err), TRACK_EXIT_IO);
}
END_TEST

START_TEST(test_track_scheme_env)
{
	char good[256];
	track_scheme *s;
	track_error err;

	snprintf(good, sizeof good, "%s", write_file("good.json", minimal));
	unsetenv("TRACK_SCHEME");
	ck_assert_int_eq(scheme_load(&s, NULL, &err), 0);
	ck_assert_str_eq(scheme_name(s), "England primary");
	scheme_free(s);
	setenv("TRACK_SCHEME", good, 1);
	ck_assert_int_eq(scheme_load(&s, NULL, &err), 0);
	ck_assert_str_eq(scheme_name(s), "From file");
	scheme_free(s);
	setenv("TRACK_SCHEME", "", 1);
	ck_assert_int_eq(scheme_load(&s, NULL, &err), 0);
	ck_assert_str_eq(scheme_name(s), "England primary");
	scheme_free(s);
	/* An explicit path wins over the environment. */
	setenv("TRACK_SCHEME", "/nonexistent/env.json", 1);
	ck_assert_int_eq(scheme_load(&s, good, &err), 0);
	ck_assert_str_eq(scheme_name(s), "From file");
	scheme_free(s);
	ck_assert_int_eq(scheme_load(&s, NULL, &err), TRACK_EXIT_IO);
	ck_assert_ptr_null(s);
	ck_assert_str_eq(err.file, "/nonexistent/env.json");
}
END_TEST

/*
 * Points of any length: an unknown one is its own trimmed text, whole,
 * never cut to a buffer (two long points that share a prefix are two
 * points); a known point spelt long is still that point.
 */
START_TEST(test_point_canon_long)
{
	char p[310], q[310], buf[SCHEME_POINT_MAX], small[256];
	const char *out;
	size_t len;
	track_point_key ka, kb;

	memset(p, ' ', sizeof p);
	memset(p + 2, 'q', 300);
	p[sizeof p - 1] = '\0';
	memcpy(q, p, sizeof p);
	q[301] = 'r';
	ck_assert_int_eq(scheme_point_canon(def, p, strlen(p), buf, &out,
	    &len), TRACK_POINT_UNKNOWN);
	ck_assert_ptr_eq(out, p + 2);
	ck_assert_uint_eq(len, 300);
	/* scheme_point_normalise() needs room for an unknown point. */
	ck_assert_int_eq(scheme_point_normalise(def, p, strlen(p), small,
	    sizeof small), -1);
	scheme_point_key(def, p, strlen(p), &ka);
	scheme_point_key(def, q, strlen(q), &kb);
	ck_assert_int_lt(scheme_point_cmp(&ka, &kb), 0);
	memset(p, ' ', sizeof p);
	memcpy(p, "2025/26", 7);
	memcpy(p + 290, "Autumn", 6);
	p[296] = '\0';
	ck_assert_int_eq(scheme_point_canon(def, p, strlen(p), buf, &out,
	    &len), TRACK_POINT_SCOPED_TERM);
	ck_assert_ptr_eq(out, buf);
	ck_assert_str_eq(buf, "2025-26.autumn");
	ck_assert_uint_eq(len, 14);
	ck_assert_int_eq(scheme_point_canon(def, "KS2", 3, buf, &out, &len),
	    TRACK_POINT_STATUTORY);
	ck_assert_str_eq(out, "ks2");
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

/* An id or code longer than SCHEME_ID_MAX is a scheme error. */
START_TEST(test_reject_long_ids)
{
	char id[SCHEME_ID_MAX + 2], part[512], want[512];
	track_error err;
	int rc;

	memset(id, 'a', sizeof id - 1);
	id[sizeof id - 1] = '\0';		/* 65 bytes */
	snprintf(part, sizeof part, "\"subjects\": [{\"id\": \"%s\"}]", id);
	rc = try_load(&err, NULL, NULL, part, NULL, NULL, NULL);
	snprintf(want, sizeof want, "$.subjects[0].id: subject \"%.64s...\" "
	    "is too long (65 bytes; the limit is 64)", id);
	rejected(&err, rc, want);
	snprintf(part, sizeof part, "\"scales\": {\"ta\": {\"kind\": "
	    "\"descriptor\", \"codes\": [{\"code\": \"%s\", \"band\": "
	    "\"at\"}]}, \"nfer\": {\"kind\": \"score\", \"min\": 0, "
	    "\"max\": 1}}", id);
	rc = try_load(&err, NULL, NULL, NULL, part, NULL, NULL);
	snprintf(want, sizeof want, "$.scales.ta.codes[0].code: code "
	    "\"%.64s...\" is too long (65 bytes; the limit is 64)", id);
	rejected(&err, rc, want);
	/* 64 bytes is fine; objective ids, aliases and labels are free. */
	id[SCHEME_ID_MAX] = '\0';
	snprintf(part, sizeof part, "\"subjects\": [{\"id\": \"%s\", "
	    "\"label\": \"%s%s\", \"aliases\": [\"%s%s\"]}]", id, id, id, id,
	    id);
	ck_assert_int_eq(try_load(&err, NULL, NULL, part, NULL, NULL, NULL),
	    0);
	snprintf(part, sizeof part, "\"objectives\": {\"reading\": {\"1\": "
	    "[{\"id\": \"%s%s\"}]}}", id, id);
	ck_assert_msg(try_load(&err, NULL, NULL, NULL, NULL, NULL, part) ==
	    0, "%s", err.text);
}
END_TEST

/*
 * A figure without a point matches any point, however long; one with a
 * point matches only that point (and "ks2" its year-scoped forms).
 */
START_TEST(test_benchmark_long_point)
{
	static const char json[] = "{\"name\": \"t\", \"bands\": [{\"id\": "
	    "\"at\"}], \"years\": [{\"id\": \"1\"}], \"subjects\": [{\"id\": "
	    "\"reading\"}], \"scales\": {\"ta\": {\"kind\": \"descriptor\", "
	    "\"codes\": [{\"code\": \"EXS\", \"band\": \"at\"}]}}, "
	    "\"measures\": [{\"id\": \"ta\", \"scale\": \"ta\"}], "
	    "\"points\": {\"statutory\": [{\"id\": \"ks2\"}]}, "
	    "\"benchmarks\": {\"b\": {\"figures\": [{\"subject\": "
	    "\"reading\", \"pct\": 50}, {\"subject\": \"reading\", "
	    "\"point\": \"ks2\", \"pct\": 60}]}}}";
	track_scheme *s = NULL;
	track_error err;
	const track_benchmark *b;
	const track_figure *f;
	char p[301];

	error_clear(&err);
	ck_assert_msg(scheme_load_buffer(&s, json, strlen(json), "t", &err) ==
	    0, "%s", err.text);
	b = scheme_benchmark_find(s, "b");
	memset(p, 'z', 300);
	p[300] = '\0';
	f = scheme_benchmark_lookup(s, b, "reading", NULL, p, NULL);
	ck_assert_ptr_nonnull(f);
	ck_assert(f->pct == 50);
	f = scheme_benchmark_lookup(s, b, "reading", NULL, "2025-26.ks2",
	    NULL);
	ck_assert_ptr_nonnull(f);
	ck_assert(f->pct == 60);
	/* Not a year-scoped ks2: an unknown point with a dot in it. */
	f = scheme_benchmark_lookup(s, b, "reading", NULL, "week.ks2", NULL);
	ck_assert(f != NULL && f->pct == 50);
	scheme_free(s);
}
END_TEST

static Suite *
scheme_suite(void)
{
	Suite *s = suite_create("scheme");
	TCase *tc;

	tc = tcase_create("default");
	tcase_add_checked_fixture(tc, setup_default, teardown_default);
	tcase_add_test(tc, test_default_loads);
	tcase_add_test(tc, test_load_twice_is_independent);
	tcase_add_test(tc, test_year_aliases);
	tcase_add_test(tc, test_year_cmp);
	tcase_add_test(tc, test_subject_aliases);
	tcase_add_test(tc, test_measure_aliases);
	tcase_add_test(tc, test_band_lookup);
	tcase_add_test(tc, test_point_order);
	tcase_add_test(tc, test_point_spellings_compare_equal);
	tcase_add_test(tc, test_point_kinds);
	tcase_add_test(tc, test_point_normalise);
	tcase_add_test(tc, test_point_normalise_small_buffer);
	tcase_add_test(tc, test_point_canon_long);
	tcase_add_test(tc, test_point_qualify);
	tcase_add_test(tc, test_academic_year);
	tcase_add_test(tc, test_point_label);
	tcase_add_test(tc, test_point_label_dup);
	tcase_add_test(tc, test_scale_for);
	tcase_add_test(tc, test_descriptor_aliases);
	tcase_add_test(tc, test_descriptor_errors);
	tcase_add_test(tc, test_descriptor_scale_names_scale);
	tcase_add_test(tc, test_descriptor_bands_and_ranks);
	tcase_add_test(tc, test_descriptor_accessors);
	tcase_add_test(tc, test_not_assessed);
	tcase_add_test(tc, test_score_bands);
	tcase_add_test(tc, test_score_ranks);
	tcase_add_test(tc, test_score_accessors);
	tcase_add_test(tc, test_score_normalise);
	tcase_add_test(tc, test_score_long);
	tcase_add_test(tc, test_age_parse);
	tcase_add_test(tc, test_age_values);
	tcase_add_test(tc, test_out_of_year);
	tcase_add_test(tc, test_groups);
	suite_add_tcase(s, tc);

	tc = tcase_create("broken");
	tcase_add_test(tc, test_minimal_scheme_loads);
	tcase_add_test(tc, test_reject_unknown_keys);
	tcase_add_test(tc, test_reject_thresholds);
	tcase_add_test(tc, test_reject_references);
	tcase_add_test(tc, test_reject_duplicates);
	tcase_add_test(tc, test_reject_other);
	tcase_add_test(tc, test_reject_long_ids);
	tcase_add_test(tc, test_benchmark_long_point);
	tcase_add_test(tc, test_reject_missing_section);
	tcase_add_test(tc, test_reject_bad_json);
	suite_add_tcase(s, tc);

	tc = tcase_create("bespoke");
	tcase_add_test(tc, test_rich_levels);
	tcase_add_test(tc, test_rich_points_and_overrides);
	tcase_add_test(tc, test_rich_values);
	tcase_add_test(tc, test_rich_objectives_groups_benchmarks);
	suite_add_tcase(s, tc);

	tc = tcase_create("files");
	tcase_add_checked_fixture(tc, setup_files, teardown_files);
	tcase_add_test(tc, test_load_file);
	tcase_add_test(tc, test_track_scheme_env);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(scheme_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
