/*
 * check_summary_across.c - unit tests for lib/report/summary_across.c:
 * --across spreads a field's values over columns (one row per key, the
 * values in report order) and --gap puts two groups side by side with
 * the gap between them in points.
 */
#include "summary_fixture.h"

static const char *const rows[] = {
	"p1,reading,2025-26.autumn,WTS,Y",
	"p1,reading,2025-26.summer,EXS,Y",
	"p2,reading,2025-26.autumn,EXS,N",
	"p2,reading,2025-26.summer,GDS,N",
	NULL
};

/* --across point: a pair of columns per point, in point order. */
START_TEST(across_point)
{
	struct summary_opts o = fx_opts();
	track_summary *m;
	char *csv, *a, *s;

	o.over = 1;
	o.across = "point";
	o.min_group = 0;
	m = fx_run(&o, "pupil,subject,point,value,pp", rows);
	csv = fx_table(m);
	a = strstr(csv, "n_2025-26.autumn");
	s = strstr(csv, "n_2025-26.summer");
	ck_assert_msg(a != NULL && s != NULL && a < s, "%s", csv);
	ck_assert_msg(strstr(csv, "\nreading,ta,2,50.0,2,100.0\n") != NULL,
	    "%s", csv);
	free(csv);
	summary_free(m);
}
END_TEST

/* --across pp: a column pair per pp value, a row per point. */
START_TEST(across_by)
{
	struct summary_opts o = fx_opts();
	track_summary *m;
	char *csv;

	o.over = 1;
	o.by = "pp";
	o.across = "pp";
	o.min_group = 0;
	m = fx_run(&o, "pupil,subject,point,value,pp", rows);
	csv = fx_table(m);
	ck_assert_msg(strncmp(csv, "subject,measure,point,n_Y,", 26) == 0,
	    "%s", csv);
	ck_assert_msg(strstr(csv, "\nreading,ta,2025-26.summer,1,100.0,1,"
	    "100.0\n") != NULL, "%s", csv);
	free(csv);
	summary_free(m);
}
END_TEST

/* --gap pp=Y:N: both groups and the gap in percentage points. */
START_TEST(gap)
{
	struct summary_opts o = fx_opts();
	track_summary *m;
	char *csv;

	o.point = "2025-26.autumn";
	o.gap = "pp=Y:N";
	o.min_group = 0;
	m = fx_run(&o, "pupil,subject,point,value,pp", rows);
	csv = fx_table(m);
	ck_assert_msg(strstr(csv, "\nreading,ta,2025-26.autumn,Y,1,0.0,N,1,"
	    "100.0,-100.0\n") != NULL, "%s", csv);
	free(csv);
	summary_free(m);
}
END_TEST

static Suite *
across_suite(void)
{
	Suite *s = suite_create("summary_across");
	TCase *tc = tcase_create("across");

	tcase_add_checked_fixture(tc, setup_default, teardown_default);
	tcase_add_test(tc, across_point);
	tcase_add_test(tc, across_by);
	tcase_add_test(tc, gap);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(across_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
