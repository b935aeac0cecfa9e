/*
 * check_summary_partial.c - unit tests for lib/report/summary_partial.c:
 * a partial is JSON Lines, its header first (the options it was made
 * with), then a line per cell shown, then with a roll one roster line
 * per subject and group; --objectives cannot be partial.
 */
#include "summary_fixture.h"

static const char *const rows[] = {
	"p1,reading,2025-26.summer,EXS,Y",
	"p2,reading,2025-26.summer,WTS,N",
	"p2,maths,2025-26.summer,GDS,N",
	NULL
};

/* Writes m's partial and returns its lines (the caller frees them). */
static char *
partial(track_summary *m, int *rc)
{
	track_writer *w;
	track_error err;
	int fd = fx_temp_fd();
	char *out;

	error_clear(&err);
	ck_assert_int_eq(writer_open(&w, fd, TRACK_FMT_JSON, 0, &err), 0);
	*rc = summary_partial(m, w, &err);
	ck_assert_int_eq(writer_finish(w, &err), 0);
	writer_free(w);
	out = fx_slurp(fd);
	close(fd);
	return out;
}

static size_t
lines(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

/* The header, then one line per cell. */
START_TEST(header_then_cells)
{
	struct summary_opts o = fx_opts();
	track_summary *m;
	json_t *head;
	json_error_t je;
	char *s;
	int rc;

	o.by = "pp";
	o.partial = 1;
	m = fx_run(&o, "pupil,subject,point,value,pp", rows);
	s = partial(m, &rc);
	ck_assert_int_eq(rc, 0);
	head = json_loadb(s, (size_t)(strchr(s, '\n') - s), 0, &je);
	ck_assert_ptr_nonnull(head);
	ck_assert_int_eq(json_integer_value(json_object_get(head,
	    "track_summary_partial")), 2);
	ck_assert_str_eq(json_string_value(json_object_get(head, "mode")),
	    "latest");
	ck_assert_str_eq(json_string_value(json_object_get(head, "latest")),
	    "2025-26.summer");
	/* reading Y, reading N, maths N, over the privacy columns too */
	ck_assert_uint_eq(lines(s), 1 + m->ncell);
	ck_assert_uint_ge(m->ncell, 3);
	ck_assert_ptr_nonnull(strstr(s, "\"counts\""));
	json_decref(head);
	free(s);
	summary_free(m);
}
END_TEST

/* --objectives is not partial. */
START_TEST(no_objectives)
{
	struct summary_opts o = fx_opts();
	track_summary *m;
	char *s;
	int rc;

	o.objectives = 1;
	m = fx_run(&o, "pupil,subject,point,value,pp", rows);
	s = partial(m, &rc);
	ck_assert_int_eq(rc, TRACK_EXIT_USAGE);
	ck_assert_str_eq(s, "");
	free(s);
	summary_free(m);
}
END_TEST

/* With a roll, roster lines follow the cells: counts per subject. */
START_TEST(roster)
{
	struct summary_opts o = fx_opts();
	track_summary *m = NULL;
	track_error err;
	track_str rh[] = { { "pupil", 5 } };
	track_str r1[] = { { "p1", 2 } }, r2[] = { { "p2", 2 } };
	track_str r3[] = { { "p3", 2 } };
	char store[512], *s, *ro;
	track_str f[FX_MAXF];
	size_t i, n;
	int rc;

	o.partial = 1;
	error_clear(&err);
	ck_assert_int_eq(summary_new(&m, def, &o, &err), 0);
	ck_assert_int_eq(summary_roll_bind(m, rh, 1, &err), 0);
	ck_assert_int_eq(summary_roll_row(m, r1, &err), 0);
	ck_assert_int_eq(summary_roll_row(m, r2, &err), 0);
	ck_assert_int_eq(summary_roll_row(m, r3, &err), 0);
	n = fx_split("pupil,subject,point,value,pp", store, sizeof store, f);
	ck_assert_int_eq(summary_bind(m, f, n, &err), 0);
	for (i = 0; rows[i] != NULL; i++) {
		fx_split(rows[i], store, sizeof store, f);
		ck_assert_int_eq(summary_row(m, f, &err), 0);
	}
	s = partial(m, &rc);
	ck_assert_int_eq(rc, 0);
	ro = strstr(s, "\"roster\":\"reading\"");
	ck_assert_msg(ro != NULL, "%s", s);
	ck_assert_msg(strstr(ro, "\"count\":3") != NULL, "%s", s);
	free(s);
	summary_free(m);
}
END_TEST

static Suite *
partial_suite(void)
{
	Suite *s = suite_create("summary_partial");
	TCase *tc = tcase_create("partial");

	tcase_add_checked_fixture(tc, setup_default, teardown_default);
	tcase_add_test(tc, header_then_cells);
	tcase_add_test(tc, no_objectives);
	tcase_add_test(tc, roster);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(partial_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
