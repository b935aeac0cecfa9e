/*
 * check_summary_table.c - unit tests for lib/report/summary_table.c, the
 * overview table: cells in report order (subject, then the --by values
 * in scheme order with a blank last), the key columns with one left out,
 * labels ("" is "Unknown"), and small groups suppressed with the count
 * kept for the note.
 */
#include "summary_fixture.h"

static const char *const rows[] = {
	"p1,maths,2025-26.summer,EXS,",
	"p2,reading,2025-26.summer,EXS,N",
	"p3,reading,2025-26.summer,WTS,Y",
	"p4,reading,2025-26.summer,GDS,",
	NULL
};

/* Cells come in scheme order of subjects, then by value ("" last). */
START_TEST(ordered)
{
	struct summary_opts o = fx_opts();
	track_summary *m;
	track_error err;
	size_t *ord, n, i;
	const char *want[] = { "Y", "N", "", "" };	/* the scheme's order */

	o.by = "pp";
	o.min_group = 0;
	m = fx_run(&o, "pupil,subject,point,value,pp", rows);
	error_clear(&err);
	ck_assert_int_eq(sum_build(m, &err), 0);
	ck_assert_int_eq(sum_ordered(m, &ord, &n), 0);
	ck_assert_uint_eq(n, 4);
	for (i = 0; i < n; i++) {
		const struct cell *c = &m->cell[ord[i]];

		ck_assert_str_eq(strmap_key(m->by[0].vals, c->g[0], NULL),
		    want[i]);
		ck_assert_str_eq(sum_subject_id(m, c->subj),
		    i < 3 ? "reading" : "maths");
	}
	ck_assert_str_eq(sum_value_label(m, &m->by[0], 0), "Unknown");
	free(ord);
	summary_free(m);
}
END_TEST

/* The key columns leave out the one named (for --across, --gap). */
START_TEST(key_cols_skip)
{
	struct summary_opts o = fx_opts();
	track_summary *m;
	track_rtable *t = rtable_new();
	struct cols k;

	o.by = "pp";
	m = fx_run(&o, "pupil,subject,point,value,pp", rows);
	ck_assert_int_eq(sum_key_cols(m, t, &k, "point"), 0);
	ck_assert_int_eq(k.point, -1);
	ck_assert_int_ge(k.subject, 0);
	ck_assert_int_ge(k.by[0], 0);
	ck_assert_uint_eq(rtable_ncols(t), 3);
	rtable_free(t);
	summary_free(m);
}
END_TEST

/* A group smaller than --min-group is shown as "c" and counted. */
START_TEST(small_suppressed)
{
	struct summary_opts o = fx_opts();
	track_summary *m;
	char *csv;

	o.by = "pp";
	o.min_group = 2;
	m = fx_run(&o, "pupil,subject,point,value,pp", rows);
	csv = fx_table(m);
	ck_assert_msg(strstr(csv, "reading,ta,2025-26.summer,Y,c,") != NULL,
	    "%s", csv);
	ck_assert_int_gt(m->nsmall, 0);
	free(csv);
	summary_free(m);
}
END_TEST

/* The overview with no suppression: the figures of a cell. */
START_TEST(figures)
{
	struct summary_opts o = fx_opts();
	track_summary *m;
	char *csv;

	o.min_group = 0;
	m = fx_run(&o, "pupil,subject,point,value,pp", rows);
	csv = fx_table(m);
	ck_assert_msg(strstr(csv, "\nreading,ta,2025-26.summer,3,1,33.3,1,"
	    "33.3,1,33.3,66.7,0,0,,,\n") != NULL, "%s", csv);
	free(csv);
	summary_free(m);
}
END_TEST

/*
 * A combined subject whose parts' measures differ is labelled by what
 * each part is; one whose parts share a measure by that measure; and
 * --title goes into the description.
 */
START_TEST(combine_label_and_title)
{
	static const char *const marks[] = {
		"p1,reading,ks2,ks2,104", "p1,writing,ks2,ta,EXS",
		"p1,maths,ks2,ks2,99", NULL
	};
	const char *cmb[] = { "rwm=reading:ks2+writing:ta+maths:ks2",
	    "rm=reading:ks2+maths:ks2" };
	struct summary_opts o = fx_opts();
	track_summary *m;
	track_rtable *t;
	json_t *meta;
	track_error err;
	size_t ns = scheme_subject_count(def), nm = scheme_measure_count(def);
	int mix, same;

	o.combine = cmb;
	o.ncombine = 2;
	o.title = "Year 6 <KS2>";
	m = fx_run(&o, "pupil,subject,point,measure,value", marks);
	ck_assert_int_eq(summary_table(m, &t, &meta, &err), 0);
	ck_assert_str_eq(json_string_value(json_object_get(meta, "title")),
	    "Year 6 <KS2>");
	mix = sum_mslot_of(m, "ks2+ta+ks2");
	same = scheme_measure_index(def, "ks2", 3);
	ck_assert_int_ge(mix, (int)nm);
	ck_assert_str_eq(sum_cell_measure_label(m, (int)ns, mix),
	    "Reading and Maths: Key stage 2 scaled score; Writing: Teacher "
	    "assessment");
	ck_assert_str_eq(sum_measure_label(m, mix), "Reading and Maths: Key "
	    "stage 2 scaled score; Writing: Teacher assessment");
	ck_assert_str_eq(sum_cell_measure_label(m, (int)ns + 1, same),
	    "Key stage 2 scaled score");
	rtable_free(t);
	json_decref(meta);
	summary_free(m);
}
END_TEST

static Suite *
table_suite(void)
{
	Suite *s = suite_create("summary_table");
	TCase *tc = tcase_create("table");

	tcase_add_checked_fixture(tc, setup_default, teardown_default);
	tcase_add_test(tc, ordered);
	tcase_add_test(tc, key_cols_skip);
	tcase_add_test(tc, small_suppressed);
	tcase_add_test(tc, figures);
	tcase_add_test(tc, combine_label_and_title);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(table_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
