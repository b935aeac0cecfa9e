/*
 * check_summary_obj.c - unit tests for lib/report/summary_obj.c and the
 * list encoding it shares with summary_read.c (summary_int.h): lists in
 * report order (years, then none, then the custom lists), and the
 * coverage table, one row per objective in the list's order with the
 * custom list after the years.
 */
#include "summary_fixture.h"

/* The encoding: years 0.., LIST_NONE, custom lists at LIST_CUSTOM down. */
START_TEST(list_encoding)
{
	ck_assert_int_eq(list_custom(0), LIST_CUSTOM);
	ck_assert(list_is_custom(list_custom(3)));
	ck_assert(!list_is_custom(LIST_NONE));
	ck_assert(!list_is_custom(0));
	ck_assert_uint_eq(list_custom_index(list_custom(3)), 3);
}
END_TEST

/* Report order: years rising, then no list, then custom lists rising. */
START_TEST(list_order)
{
	const long order[] = { 0, 1, 6, LIST_NONE, list_custom(0),
	    list_custom(1), list_custom(7) };
	size_t n = sizeof order / sizeof order[0], i, j;

	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++) {
			int c = list_cmp(order[i], order[j]);

			ck_assert_msg(i < j ? c < 0 : i > j ? c > 0 : c == 0,
			    "list_cmp(%ld, %ld) = %d", order[i], order[j], c);
		}
}
END_TEST

static const char *const obj_rows[] = {
	"p1,4,maths,summer,y4m-02,On track,",
	"p1,4,maths,summer,y4m-01,GD,",
	"p2,4,maths,summer,y4m-01,Working towards,",
	"p3,4,reading,summer,pb-02,Working towards,phonics-booster",
	"p3,4,reading,summer,pb-01,On track,phonics-booster",
	NULL
};

/* The coverage rows: subjects in scheme order, objectives in list order. */
START_TEST(coverage)
{
	struct summary_opts o = fx_opts();
	track_scheme *besp = NULL;
	track_summary *m = NULL;
	track_error err;
	char store[512], *csv;
	track_str f[FX_MAXF];
	size_t i, n;

	error_clear(&err);
	ck_assert_msg(scheme_load_file(&besp,
	    "examples/schemes/bespoke-school.json", &err) == 0, "%s",
	    err.text);
	o.objectives = 1;
	o.min_group = 0;
	ck_assert_int_eq(summary_new(&m, besp, &o, &err), 0);
	n = fx_split("pupil,year,subject,point,objective,value,against",
	    store, sizeof store, f);
	ck_assert_int_eq(summary_bind(m, f, n, &err), 0);
	for (i = 0; obj_rows[i] != NULL; i++) {
		fx_split(obj_rows[i], store, sizeof store, f);
		ck_assert_msg(summary_row(m, f, &err) == 0, "%s", err.text);
	}
	csv = fx_table(m);
	ck_assert_msg(strstr(csv, "\nreading,phonics-booster,pb-01,") <
	    strstr(csv, "\nreading,phonics-booster,pb-02,"), "%s", csv);
	ck_assert_msg(strstr(csv, "\nreading,phonics-booster,pb-02,") <
	    strstr(csv, "\nmaths,4,y4m-01,"), "%s", csv);
	ck_assert_msg(strstr(csv, "\nmaths,4,y4m-01,") != NULL &&
	    strstr(csv, "\nmaths,4,y4m-01,") < strstr(csv, "\nmaths,4,y4m-02,"),
	    "%s", csv);
	ck_assert_uint_eq(summary_rows_shown(m), 5);
	free(csv);
	summary_free(m);
	scheme_free(besp);
}
END_TEST

static Suite *
obj_suite(void)
{
	Suite *s = suite_create("summary_obj");
	TCase *tc = tcase_create("objectives");

	tcase_add_checked_fixture(tc, setup_default, teardown_default);
	tcase_add_test(tc, list_encoding);
	tcase_add_test(tc, list_order);
	tcase_add_test(tc, coverage);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(obj_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
