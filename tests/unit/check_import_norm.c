/*
 * check_import_norm.c - unit tests for lib/assess/import_norm.c: one
 * value normalised as a canonical field or a group column with the
 * built-in England scheme, through import_normalise (import_int.h).
 */
#include "import_fixture.h"

/* What one call of import_normalise gave. */
struct norm {
	int status;
	char out[NORM_BUF + 1];
	char why[NORM_WHY];
};

/* import_normalise(f, col, group, v, rec) on the importer made. */
static struct norm
norm(enum import_field f, const char *col, int group, const char *v,
    const track_str *rec)
{
	struct norm r;
	char buf[NORM_BUF];
	track_str out;

	memset(&r, 0, sizeof r);
	r.status = import_normalise(imp, f, col, group,
	    (track_str){ v, strlen(v) }, rec, &out, buf, sizeof buf, r.why,
	    sizeof r.why);
	snprintf(r.out, sizeof r.out, "%.*s", (int)out.len, out.ptr);
	return r;
}

#define NORM_OK(f, v, want) do { \
	struct norm n_ = norm((f), NULL, 0, (v), NULL); \
	ck_assert_msg(n_.status == 0, "%s: %s", (v), n_.why); \
	ck_assert_str_eq(n_.out, (want)); \
} while (0)

#define NORM_BAD(f, v, want) do { \
	struct norm n_ = norm((f), NULL, 0, (v), NULL); \
	ck_assert_int_eq(n_.status, -1); \
	ck_assert_str_eq(n_.why, (want)); \
} while (0)

START_TEST(year_groups)
{
	ck_assert_int_eq(fx_make(NULL), 0);
	NORM_OK(F_YEAR, "Year 4", "4");
	NORM_OK(F_YEAR, "4", "4");
	NORM_OK(F_AGAINST, "Year 3", "3");
	NORM_BAD(F_YEAR, "Year 14", "unknown year group \"Year 14\"");
}
END_TEST

START_TEST(subjects_and_measures)
{
	ck_assert_int_eq(fx_make(NULL), 0);
	NORM_OK(F_SUBJECT, "Maths", "maths");
	NORM_OK(F_SUBJECT, "READING", "reading");
	NORM_BAD(F_SUBJECT, "mathz",
	    "unknown subject \"mathz\" (did you mean maths?)");
	NORM_OK(F_MEASURE, "TA", "ta");
	NORM_BAD(F_MEASURE, "tz", "unknown measure \"tz\" (did you mean ta?)");
}
END_TEST

START_TEST(points)
{
	ck_assert_int_eq(fx_make(NULL), 0);
	NORM_OK(F_POINT, "Autumn", "autumn");
	NORM_OK(F_POINT, "2025-26.Spring", "2025-26.spring");
	NORM_BAD(F_POINT, "autum", "unknown point \"autum\" (points are "
	    "terms such as autumn or 2025-26.autumn, or statutory points "
	    "such as ks2)");
}
END_TEST

/* With --academic-year, a bare term is qualified with it. */
START_TEST(points_academic_year)
{
	ck_assert_int_eq(mapping_set_string(&map.academic_year, "2024-25",
	    &err), 0);
	ck_assert_int_eq(fx_make(NULL), 0);
	NORM_OK(F_POINT, "summer", "2024-25.summer");
	NORM_OK(F_POINT, "2025-26.autumn", "2025-26.autumn");
}
END_TEST

/* A value is read against the record's subject, measure and point. */
START_TEST(values)
{
	track_str rec[5] = { { "A1", 2 }, { "maths", 5 },
	    { "2025-26.autumn", 14 }, { "ta", 2 }, { "", 0 } };
	struct norm n;

	ck_assert_int_eq(fx_start("pupil|subject|point|measure|value"), 0);
	n = norm(F_VALUE, NULL, 0, "Expected", rec);
	ck_assert_int_eq(n.status, 0);
	ck_assert_str_eq(n.out, "EXS");
	n = norm(F_VALUE, NULL, 0, "exs", rec);
	ck_assert_str_eq(n.out, "EXS");
	n = norm(F_VALUE, NULL, 0, "XYZ", rec);
	ck_assert_int_eq(n.status, -1);
	ck_assert_msg(strstr(n.why, "\"XYZ\"") != NULL, "%s", n.why);
	/* An unknown subject is named, with the nearest. */
	rec[1] = (track_str){ "mathz", 5 };
	n = norm(F_VALUE, NULL, 0, "EXS", rec);
	ck_assert_int_eq(n.status, -1);
	ck_assert_str_eq(n.why,
	    "unknown subject \"mathz\" (did you mean maths?)");
	rec[1] = (track_str){ "maths", 5 };
	rec[3] = (track_str){ "tz", 2 };
	n = norm(F_VALUE, NULL, 0, "EXS", rec);
	ck_assert_int_eq(n.status, -1);
	ck_assert_str_eq(n.why, "unknown measure \"tz\" (did you mean ta?)");
}
END_TEST

/* Without a subject column there is nothing to read a value against. */
START_TEST(value_unchecked)
{
	struct norm n;

	ck_assert_int_eq(fx_start("pupil|value"), 0);
	n = norm(F_VALUE, NULL, 0, "anything", (track_str[]){ { "A1", 2 },
	    { "anything", 8 } });
	ck_assert_int_eq(n.status, 0);
	ck_assert_str_eq(n.out, "anything");
}
END_TEST

START_TEST(group_codes)
{
	struct norm n;

	ck_assert_int_eq(fx_make(NULL), 0);
	n = norm(F_OTHER, "send", 1, "Support", NULL);
	ck_assert_int_eq(n.status, 0);
	ck_assert_str_eq(n.out, "K");
	/* A deprecated spelling is read, with a warning. */
	n = norm(F_OTHER, "send", 1, "S", NULL);
	ck_assert_int_eq(n.status, 1);
	ck_assert_str_eq(n.out, "K");
	ck_assert_str_eq(n.why, "send \"S\" read as \"K\"");
	n = norm(F_OTHER, "send", 1, "Q", NULL);
	ck_assert_int_eq(n.status, -1);
	ck_assert_msg(strncmp(n.why, "unknown send value \"Q\"", 22) == 0,
	    "%s", n.why);
	/* Not a group column: free text, as it is. */
	n = norm(F_OTHER, "class", 0, "4B ", NULL);
	ck_assert_int_eq(n.status, 0);
	ck_assert_str_eq(n.out, "4B ");
}
END_TEST

/* A blank is passed through, whatever the field. */
START_TEST(blanks)
{
	ck_assert_int_eq(fx_make(NULL), 0);
	NORM_OK(F_YEAR, "", "");
	NORM_OK(F_SUBJECT, "", "");
	NORM_OK(F_POINT, "", "");
	NORM_OK(F_PUPIL, " A1 ", " A1 ");
}
END_TEST

/* A message shows at most SHOWN bytes of a bad value, then "...". */
START_TEST(long_value_shown)
{
	char v[300], want[400];
	struct norm n;

	ck_assert_int_eq(fx_make(NULL), 0);
	memset(v, 'q', 200);
	v[200] = '\0';
	n = norm(F_SUBJECT, NULL, 0, v, NULL);
	ck_assert_int_eq(n.status, -1);
	snprintf(want, sizeof want, "unknown subject \"%.*s...\"", SHOWN, v);
	ck_assert_str_eq(n.why, want);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("import_norm");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, fx_import_setup, fx_import_teardown);
	tcase_add_test(tc, year_groups);
	tcase_add_test(tc, subjects_and_measures);
	tcase_add_test(tc, points);
	tcase_add_test(tc, points_academic_year);
	tcase_add_test(tc, values);
	tcase_add_test(tc, value_unchecked);
	tcase_add_test(tc, group_codes);
	tcase_add_test(tc, blanks);
	tcase_add_test(tc, long_value_shown);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
