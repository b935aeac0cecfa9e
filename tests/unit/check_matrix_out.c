/*
 * check_matrix_out.c - unit tests for lib/report/matrix_out.c, the
 * matrices written out: the long table (a row per cell with pupils, then
 * per-row and per-column totals, the total and the movement) with its
 * JSON grid, the text grids with their title and movement line, and a
 * grid with too few pupils suppressed whole in both.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/matrix.h"
#include "fixture.h"

static const char *const rows[][4] = {
	{ "p1", "reading", "2025-26.autumn", "WTS" },
	{ "p1", "reading", "2025-26.summer", "EXS" },
	{ "p2", "reading", "2025-26.autumn", "EXS" },
	{ "p2", "reading", "2025-26.summer", "EXS" },
	{ "p3", "reading", "2025-26.autumn", "GDS" },
	{ "p3", "reading", "2025-26.summer", "EXS" },
};

/* A matrix autumn to summer over rows, min_group as given. */
static track_matrix *
run(int min_group)
{
	struct matrix_opts o;
	track_matrix *m = NULL;
	track_error err;
	track_str h[] = { { "pupil", 5 }, { "subject", 7 }, { "point", 5 },
	    { "value", 5 } }, f[4];
	size_t i, k;

	memset(&o, 0, sizeof o);
	o.from = "point=2025-26.autumn";
	o.to = "point=2025-26.summer";
	o.min_group = min_group;
	error_clear(&err);
	ck_assert_msg(matrix_new(&m, def, &o, &err) == 0, "%s", err.text);
	ck_assert_msg(matrix_bind(m, h, 4, &err) == 0, "%s", err.text);
	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		for (k = 0; k < 4; k++) {
			f[k].ptr = rows[i][k];
			f[k].len = strlen(rows[i][k]);
		}
		ck_assert_msg(matrix_row(m, f, &err) == 0, "%s", err.text);
	}
	return m;
}

/* What matrix_grids, or matrix_table written as a table, gives in fmt. */
static char *
written(track_matrix *m, enum track_format fmt, int grids, json_t **meta)
{
	char path[] = "/tmp/check_matrix_out.XXXXXX";
	int fd = mkstemp(path);
	track_writer *w;
	track_rtable *t = NULL;
	track_error err;
	off_t end;
	char *s;

	ck_assert(fd >= 0);
	unlink(path);
	error_clear(&err);
	ck_assert_int_eq(writer_open(&w, fd, fmt, 0, &err), 0);
	if (grids) {
		ck_assert_int_eq(matrix_grids(m, w, fmt, &err), 0);
	} else {
		ck_assert_int_eq(matrix_table(m, &t, meta, &err), 0);
		ck_assert_int_eq(rtable_write(t, w, fmt, &err), 0);
		rtable_free(t);
	}
	ck_assert_int_eq(writer_finish(w, &err), 0);
	writer_free(w);
	end = lseek(fd, 0, SEEK_END);
	s = calloc((size_t)end + 1, 1);
	ck_assert(pread(fd, s, (size_t)end, 0) == (ssize_t)end);
	close(fd);
	return s;
}

/* The long table: cells with pupils, totals and movement. */
START_TEST(long_table)
{
	track_matrix *m = run(0);
	json_t *meta = NULL, *g;
	char *s = written(m, TRACK_FMT_CSV, 0, &meta);

	ck_assert_msg(strstr(s, "reading,WTS,EXS,1\n") != NULL, "%s", s);
	ck_assert_msg(strstr(s, "reading,total,total,3\n") != NULL, "%s", s);
	ck_assert_msg(strstr(s, "reading,moved,up,1\n") != NULL, "%s", s);
	ck_assert_msg(strstr(s, "reading,moved,same,1\n") != NULL, "%s", s);
	ck_assert_msg(strstr(s, "reading,moved,down,1\n") != NULL, "%s", s);
	g = json_array_get(json_object_get(meta, "matrices"), 0);
	ck_assert_int_eq(json_integer_value(json_object_get(g, "total")), 3);
	ck_assert_uint_eq(json_array_size(json_object_get(g, "rows")), 3);
	ck_assert_uint_eq(json_array_size(json_object_get(g, "cols")), 1);
	json_decref(meta);
	free(s);
	matrix_free(m);
}
END_TEST

/* The text grid: a title, the table, the movement line. */
START_TEST(text_grid)
{
	track_matrix *m = run(0);
	char *s = written(m, TRACK_FMT_TABLE, 1, NULL);

	ck_assert_msg(strncmp(s, "Reading: ", 9) == 0, "%s", s);
	ck_assert_msg(strstr(s, "\nMoved up 1, stayed the same 1, moved down "
	    "1.\n") != NULL, "%s", s);
	free(s);
	matrix_free(m);
}
END_TEST

/* Fewer pupils than --min-group: suppressed whole, in both forms. */
START_TEST(suppressed)
{
	track_matrix *m = run(5);
	json_t *meta = NULL, *g;
	char *s = written(m, TRACK_FMT_CSV, 0, &meta);

	ck_assert_msg(strstr(s, "reading,total,total,c\n") != NULL, "%s", s);
	ck_assert_ptr_null(strstr(s, "WTS"));
	g = json_array_get(json_object_get(meta, "matrices"), 0);
	ck_assert(json_is_true(json_object_get(g, "suppressed")));
	json_decref(meta);
	free(s);
	matrix_free(m);
	m = run(5);
	s = written(m, TRACK_FMT_TABLE, 1, NULL);
	ck_assert_msg(strstr(s, "Suppressed (c): fewer than 5 pupils.\n") !=
	    NULL, "%s", s);
	free(s);
	matrix_free(m);
}
END_TEST

static Suite *
matrix_out_suite(void)
{
	Suite *s = suite_create("matrix_out");
	TCase *tc = tcase_create("out");

	tcase_add_checked_fixture(tc, setup_default, teardown_default);
	tcase_add_test(tc, long_table);
	tcase_add_test(tc, text_grid);
	tcase_add_test(tc, suppressed);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(matrix_out_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
