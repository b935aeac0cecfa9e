/*
 * check_summary_merge.c - unit tests for lib/report/summary_merge.c:
 * partials of a split by pupil merge into the table a single pass gives;
 * a bad line is passed to the callback with its file and line and left
 * out; an empty partial is a warning; a missing one an I/O error.
 */
#include "summary_fixture.h"
#include "scratch.h"

static const char *const half_a[] = {
	"p1,reading,2025-26.summer,EXS,Y",
	"p2,reading,2025-26.summer,WTS,N",
	NULL
};

static const char *const half_b[] = {
	"p3,reading,2025-26.summer,GDS,N",
	"p3,maths,2025-26.summer,EXS,N",
	NULL
};

static const char *const all[] = {
	"p1,reading,2025-26.summer,EXS,Y",
	"p2,reading,2025-26.summer,WTS,N",
	"p3,reading,2025-26.summer,GDS,N",
	"p3,maths,2025-26.summer,EXS,N",
	NULL
};

/* Writes the partial of rows, --by pp, into tmpdir/name; returns it. */
static const char *
partial_file(const char *name, const char *const *rows)
{
	struct summary_opts o = fx_opts();
	track_summary *m;
	track_writer *w;
	track_error err;
	int fd = fx_temp_fd();
	char *s;
	const char *path;

	o.by = "pp";
	o.partial = 1;
	m = fx_run(&o, "pupil,subject,point,value,pp", rows);
	error_clear(&err);
	ck_assert_int_eq(writer_open(&w, fd, TRACK_FMT_JSON, 0, &err), 0);
	ck_assert_int_eq(summary_partial(m, w, &err), 0);
	ck_assert_int_eq(writer_finish(w, &err), 0);
	writer_free(w);
	s = fx_slurp(fd);
	close(fd);
	path = write_file(name, s, strlen(s));
	free(s);
	summary_free(m);
	return path;
}

/* What the bad-line callback saw. */
struct seen {
	int warnings, bad;
	long line;
	char text[512];
};

static void
on_bad(void *ctx, const track_error *err)
{
	struct seen *s = ctx;

	if (err->kind == TRACK_EXIT_OK) {
		s->warnings++;
		return;
	}
	s->bad++;
	s->line = err->line;
	snprintf(s->text, sizeof s->text, "%s", err->text);
}

static track_summary *
merger(void)
{
	struct summary_opts o = fx_opts();
	track_summary *m = NULL;
	track_error err;

	o.merge = 1;
	error_clear(&err);
	ck_assert_int_eq(summary_new(&m, def, &o, &err), 0);
	return m;
}

/* Two halves merge into exactly the single pass's table. */
START_TEST(halves_make_whole)
{
	struct summary_opts o = fx_opts();
	char *files[2], *one, *two;
	track_summary *m = merger(), *single;
	struct seen seen = { 0, 0, 0, "" };
	track_error err;

	files[0] = strdup(partial_file("a.jsonl", half_a));
	files[1] = strdup(partial_file("b.jsonl", half_b));
	ck_assert_int_eq(summary_merge_files(m, files, 2, on_bad, &seen,
	    &err), 0);
	ck_assert_int_eq(seen.bad + seen.warnings, 0);
	two = fx_table(m);
	o.by = "pp";
	single = fx_run(&o, "pupil,subject,point,value,pp", all);
	one = fx_table(single);
	ck_assert_str_eq(two, one);
	free(one);
	free(two);
	free(files[0]);
	free(files[1]);
	summary_free(single);
	summary_free(m);
}
END_TEST

/* A bad line is reported at its line and left out; the rest merges. */
START_TEST(bad_line)
{
	track_summary *m = merger();
	struct seen seen = { 0, 0, 0, "" };
	track_error err;
	char *s, *files[1];
	const char *good = partial_file("a.jsonl", half_a);
	FILE *f = fopen(good, "a");

	ck_assert_ptr_nonnull(f);
	fputs("{\"subject\": \"reading\"}\n", f);
	fclose(f);
	files[0] = (char *)good;
	ck_assert_int_eq(summary_merge_files(m, files, 1, on_bad, &seen,
	    &err), TRACK_EXIT_DATA);
	ck_assert_int_eq(seen.bad, 1);
	ck_assert_ptr_nonnull(strstr(seen.text, "not a track-summary "
	    "partial cell"));
	ck_assert_int_gt(seen.line, 1);
	s = fx_table(m);
	ck_assert_ptr_nonnull(strstr(s, "\nreading,ta,2025-26.summer,"));
	free(s);
	summary_free(m);
}
END_TEST

/* An empty partial is a warning; a missing one an I/O error. */
START_TEST(empty_and_missing)
{
	track_summary *m = merger();
	struct seen seen = { 0, 0, 0, "" };
	track_error err;
	char *files[2];

	files[0] = strdup(write_file("empty.jsonl", "", 0));
	files[1] = "/nonexistent/part.jsonl";
	error_clear(&err);
	ck_assert_int_eq(summary_merge_files(m, files, 2, on_bad, &seen,
	    &err), TRACK_EXIT_IO);
	ck_assert_int_eq(seen.warnings, 1);
	ck_assert_str_eq(err.file, "/nonexistent/part.jsonl");
	free(files[0]);
	summary_free(m);
}
END_TEST

static Suite *
merge_suite(void)
{
	Suite *s = suite_create("summary_merge");
	TCase *tc = tcase_create("merge");

	tcase_add_checked_fixture(tc, setup_default, teardown_default);
	tcase_add_checked_fixture(tc, tmp_setup, tmp_teardown);
	tcase_add_test(tc, halves_make_whole);
	tcase_add_test(tc, bad_line);
	tcase_add_test(tc, empty_and_missing);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(merge_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
