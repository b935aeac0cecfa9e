/* check_scheme_points.c - the point grammar (lib/scheme/points.c). */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/str.h"
#include "scheme/scheme.h"

#include "default_scheme.h"

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

/* Points are listed statutory first, then other points, then terms. */
START_TEST(test_point_count_and_ids)
{
	size_t i, n = scheme_point_count(def);

	ck_assert_uint_eq(n, 8);
	ck_assert_str_eq(scheme_point_id_at(def, 0), "eyfs");
	ck_assert_str_eq(scheme_point_id_at(def, 4), "ks2");
	ck_assert_str_eq(scheme_point_id_at(def, 5), "autumn");
	ck_assert_str_eq(scheme_point_id_at(def, 7), "summer");
	ck_assert_ptr_null(scheme_point_id_at(def, 8));
	for (i = 0; i < n; i++) {
		const char *id = scheme_point_id_at(def, i);
		char buf[SCHEME_POINT_MAX];

		ck_assert_int_gt(scheme_point_normalise(def, id, strlen(id),
		    buf, sizeof buf), 0);
		ck_assert_str_eq(buf, id);
		ck_assert_ptr_null(scheme_point_date(def, id, strlen(id)));
	}
}
END_TEST

/*
 * The separators between an academic year and its point are any run of
 * ".", "_", ":" and spaces; a year with no point, a point with no year
 * after the space, and other points scoped to a year are unknown.
 */
START_TEST(test_point_scoping)
{
	track_point_key k;

	ck_assert_int_eq(scheme_point_key(def, "2025-26._: T1", 13, &k),
	    TRACK_POINT_SCOPED_TERM);
	ck_assert_int_eq(k.year, 2025);
	ck_assert_int_eq(scheme_point_key(def, "2025/2026 KS2", 13, &k),
	    TRACK_POINT_SCOPED_STATUTORY);
	ck_assert_int_eq(k.year, 2025);
	ck_assert_int_eq(scheme_point_key(def, "2025-26.", 8, &k),
	    TRACK_POINT_UNKNOWN);
	ck_assert_int_eq(scheme_point_key(def, "2025-26autumn", 13, &k),
	    TRACK_POINT_UNKNOWN);
	ck_assert_int_eq(scheme_point_key(def, "2025-27.autumn", 14, &k),
	    TRACK_POINT_UNKNOWN);
	ck_assert_int_eq(scheme_point_key(def, "autumn 2025-26", 14, &k),
	    TRACK_POINT_SCOPED_TERM);
	ck_assert_int_eq(scheme_point_key(def, "autumn 2025-2", 13, &k),
	    TRACK_POINT_UNKNOWN);
}
END_TEST

/* ---- Exports' spellings (issue 14) ---- */

START_TEST(test_point_calendar_years)
{
	/* A term's month places a calendar year: autumn starts the year. */
	point_norm("Autumn 2025", "2025-26.autumn", TRACK_POINT_SCOPED_TERM);
	point_norm("Spring 2026", "2025-26.spring", TRACK_POINT_SCOPED_TERM);
	point_norm("Summer 2026", "2025-26.summer", TRACK_POINT_SCOPED_TERM);
	point_norm("Aut 2025", "2025-26.autumn", TRACK_POINT_SCOPED_TERM);
	point_norm("Autumn Term 2025", "2025-26.autumn",
	    TRACK_POINT_SCOPED_TERM);
	point_norm("T1 2025", "2025-26.autumn", TRACK_POINT_SCOPED_TERM);
	point_norm("KS2 2026", "2025-26.ks2", TRACK_POINT_SCOPED_STATUTORY);
	/* Academic years, two digits and four. */
	point_norm("Autumn 25/26", "2025-26.autumn", TRACK_POINT_SCOPED_TERM);
	point_norm("Autumn 2025/26", "2025-26.autumn",
	    TRACK_POINT_SCOPED_TERM);
	point_norm("Autumn 2025-2026", "2025-26.autumn",
	    TRACK_POINT_SCOPED_TERM);
	point_norm("25-26.spring", "2025-26.spring", TRACK_POINT_SCOPED_TERM);
	/* Not years, or not points. */
	point_norm("Autumn 2025/27", "Autumn 2025/27", TRACK_POINT_UNKNOWN);
	point_norm("Autumn 0025", "Autumn 0025", TRACK_POINT_UNKNOWN);
	point_norm("Autumn 202", "Autumn 202", TRACK_POINT_UNKNOWN);
	point_norm("Winter 2025", "Winter 2025", TRACK_POINT_UNKNOWN);
	point_norm("Autumn 2", "Autumn 2", TRACK_POINT_UNKNOWN);
	ck_assert_int_eq(scheme_academic_year("25/26", 5), 2025);
	ck_assert_int_eq(scheme_academic_year("25/27", 5), -1);
	ck_assert_int_eq(scheme_academic_year("25/2026", 7), -1);
	ck_assert_int_eq(scheme_academic_year("2025", 4), -1);
}
END_TEST

START_TEST(test_point_calendar_sorts)
{
	ck_assert_int_eq(scheme_point_compare(def, "Spring 2026", 11,
	    "2025-26.spring", 14), 0);
	ck_assert_int_lt(scheme_point_compare(def, "Autumn 2025", 11,
	    "Spring 2026", 11), 0);
	ck_assert_int_lt(scheme_point_compare(def, "Summer 2026", 11,
	    "Autumn 2026", 11), 0);
}
END_TEST

/* Asserts that scheme_point_why() explains `in` with `want`. */
static void
point_why(const track_scheme *s, const char *in, const char *want)
{
	char out[400];
	int n = scheme_point_why(s, in, strlen(in), out, sizeof out);

	ck_assert_str_eq(out, want);
	ck_assert_int_eq(n, (int)strlen(want));
}

START_TEST(test_point_why)
{
	char small[8];

	point_why(def, "Autumn 2", "a six-term point in a three-term "
	    "scheme, whose terms are autumn, spring and summer; a school "
	    "with six terms uses a scheme that lists six, such as "
	    "england-six-terms.json");
	point_why(def, "Spring-1 2026", "a six-term point in a three-term "
	    "scheme, whose terms are autumn, spring and summer; a school "
	    "with six terms uses a scheme that lists six, such as "
	    "england-six-terms.json");
	point_why(def, "2025-26 Aut 1", "a six-term point in a three-term "
	    "scheme, whose terms are autumn, spring and summer; a school "
	    "with six terms uses a scheme that lists six, such as "
	    "england-six-terms.json");
	point_why(def, "HT4", "a six-term point in a three-term "
	    "scheme, whose terms are autumn, spring and summer; a school "
	    "with six terms uses a scheme that lists six, such as "
	    "england-six-terms.json");
	point_why(def, "Autumn 2025/27", "2025/27 is not an academic year: "
	    "the second year follows the first, as in 2025/26");
	/* Nothing to say: known points, and what looks like no point. */
	point_why(def, "Autumn 2025", "");
	point_why(def, "ks2", "");
	point_why(def, "baseline", "");
	point_why(def, "Autumn 3", "");
	point_why(def, "HT7", "");
	point_why(def, "Autumn 12", "");
	/* Cut short, still terminated. */
	ck_assert_int_eq(scheme_point_why(def, "HT1", 3, small,
	    sizeof small), 7);
	ck_assert_str_eq(small, "a six-t");
}
END_TEST

/* A scheme whose terms give no month. */
static const char no_months[] = "{\"name\": \"t\", \"bands\": [{\"id\": "
    "\"at\"}], \"years\": [{\"id\": \"1\"}], \"subjects\": [{\"id\": "
    "\"reading\"}], \"points\": {\"terms\": [{\"id\": \"autumn\"}, "
    "{\"id\": \"spring\"}, {\"id\": \"summer\", \"month\": 4}]}, "
    "\"scales\": {\"s\": {\"kind\": \"score\", \"min\": 0, \"max\": 10}}, "
    "\"measures\": [{\"id\": \"m\", \"scale\": \"s\"}]}";

START_TEST(test_point_calendar_needs_month)
{
	track_scheme *s;
	track_error err;
	char out[64];

	ck_assert_int_eq(scheme_load_buffer(&s, no_months, strlen(no_months),
	    "t.json", &err), 0);
	ck_assert_int_eq(scheme_point_normalise(s, "Autumn 2025", 11, out,
	    sizeof out), TRACK_POINT_UNKNOWN);
	point_why(s, "Autumn 2025", "2025 is a calendar year, and the scheme "
	    "gives autumn no \"month\" to place it in an academic year: "
	    "write the academic year (2024-25 or 2025-26)");
	/* Academic years need no month; summer has one. */
	ck_assert_int_eq(scheme_point_normalise(s, "Autumn 2025/26", 14, out,
	    sizeof out), TRACK_POINT_SCOPED_TERM);
	ck_assert_int_eq(scheme_point_normalise(s, "Summer 2026", 11, out,
	    sizeof out), TRACK_POINT_SCOPED_TERM);
	ck_assert_str_eq(out, "2025-26.summer");
	scheme_free(s);
}
END_TEST

static Suite *
scheme_points_suite(void)
{
	Suite *s = suite_create("scheme_points");
	TCase *tc;

	tc = tcase_create("points");
	tcase_add_checked_fixture(tc, setup_default, teardown_default);
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
	tcase_add_test(tc, test_point_count_and_ids);
	tcase_add_test(tc, test_point_scoping);
	tcase_add_test(tc, test_point_calendar_years);
	tcase_add_test(tc, test_point_calendar_sorts);
	tcase_add_test(tc, test_point_why);
	tcase_add_test(tc, test_point_calendar_needs_month);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(scheme_points_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
