/*
 * check_template.c - unit tests for lib/assess/template.c: the grid for a
 * point (pupils by class, name and id; the latest teacher assessment
 * before the point as the prev_ hint, out of year in its own words), the
 * subjects with teacher assessment or those of --subjects, --class, a
 * pupil's year and class as of their latest record, and the errors (an
 * unknown point, an unknown subject).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/str.h"
#include "template_fixture.h"

/*
 * Writes the grid as CSV (`flags` for the writer); returns the output, to
 * be freed, and the status in *rc.  Frees the template.
 */
static char *
finish(struct grid *g, unsigned flags, int *rc, track_error *err)
{
	char path[] = "/tmp/check_template.XXXXXX";
	track_writer *w;
	off_t end;
	char *p;
	int fd;

	fd = mkstemp(path);
	ck_assert(fd >= 0);
	unlink(path);
	ck_assert_int_eq(writer_open(&w, fd, TRACK_FMT_CSV, flags, err), 0);
	*rc = assess_template_write(g->t, w, err);
	ck_assert_int_eq(writer_finish(w, err), 0);
	writer_free(w);
	end = lseek(fd, 0, SEEK_END);
	ck_assert(end >= 0);
	p = malloc((size_t)end + 1);
	ck_assert(p != NULL);
	ck_assert(pread(fd, p, (size_t)end, 0) == (ssize_t)end);
	p[end] = '\0';
	close(fd);
	assess_template_free(g->t);
	assess_free(g->a);
	return p;
}

START_TEST(prev_hints)
{
	struct grid g;
	track_error err;
	char *out;
	int rc;

	start(&g, "2025-26.spring", NULL, NULL);
	add_marks(&g);
	out = finish(&g, WRITER_GUARD, &rc, &err);
	ck_assert_int_eq(rc, 0);
	ck_assert_str_eq(out, "pupil,name,year,class,point,reading,"
	    "prev_reading,writing,prev_writing,maths,prev_maths\n"
	    "P03,'=SUM(A1),4,4A,2025-26.spring,,EXS,,,,\n"
	    "P01,Amy Ash,4,4A,2025-26.spring,,EXS,,WTS,,GDS\n"
	    "P02,Ben Bell,4,4B,2025-26.spring,,Y3 EXS,,,,\n");
	free(out);
	assess_template_free(NULL);
}
END_TEST

START_TEST(subjects_and_class)
{
	struct grid g;
	track_error err;
	char *out;
	int rc;

	/* The point spelt loosely; the class compared without case. */
	start(&g, "2025-26.spr", "maths,reading", "4a");
	add_marks(&g);
	out = finish(&g, 0, &rc, &err);
	ck_assert_int_eq(rc, 0);
	ck_assert_str_eq(out, "pupil,name,year,class,point,maths,prev_maths,"
	    "reading,prev_reading\n"
	    "P03,=SUM(A1),4,4A,2025-26.spring,,,,EXS\n"
	    "P01,Amy Ash,4,4A,2025-26.spring,,GDS,,EXS\n");
	free(out);
}
END_TEST

START_TEST(latest_year_and_class)
{
	struct grid g;
	track_error err;
	char *out;
	int rc;

	/* Year and class from the latest record, read in any order. */
	start(&g, "2025-26.summer", NULL, NULL);
	bind(&g, "pupil,name,year,class,subject,point,value");
	add(&g, "P09,Zed,4,4B,maths,2025-26.spring,EXS");
	add(&g, "P09,Zed,3,3A,maths,2024-25.summer,WTS");
	add(&g, "P08,Yan,4,4A,maths,2025-26.autumn,GDS");
	add(&g, "P07,Yan,4,4A,maths,2025-26.autumn,EXS");
	out = finish(&g, 0, &rc, &err);
	ck_assert_int_eq(rc, 0);
	ck_assert_str_eq(out, "pupil,name,year,class,point,maths,prev_maths\n"
	    "P07,Yan,4,4A,2025-26.summer,,EXS\n"
	    "P08,Yan,4,4A,2025-26.summer,,GDS\n"
	    "P09,Zed,4,4B,2025-26.summer,,EXS\n");
	free(out);
}
END_TEST

START_TEST(empty_input)
{
	struct grid g;
	track_error err;
	char *out;
	int rc;

	/* Never bound: an input with no header. */
	start(&g, "2025-26.spring", NULL, NULL);
	out = finish(&g, 0, &rc, &err);
	ck_assert_int_eq(rc, 0);
	ck_assert_str_eq(out, "pupil,name,year,class,point\n");
	free(out);
}
END_TEST

START_TEST(errors)
{
	struct grid g;
	track_template *t = NULL;
	track_error err;
	char *out;
	int rc;

	ck_assert_int_eq(assess_template_new(&t, def, "2025-26.winter", NULL,
	    NULL, &err), TRACK_EXIT_USAGE);
	ck_assert_ptr_null(t);
	ck_assert_str_eq(err.text, "--point: unknown point \"2025-26.winter\" "
	    "(points are terms such as 2025-26.spring, or statutory points "
	    "such as ks2)");

	start(&g, "2025-26.spring", "reading,french", NULL);
	add_marks(&g);
	out = finish(&g, 0, &rc, &err);
	ck_assert_int_eq(rc, TRACK_EXIT_USAGE);
	ck_assert_str_eq(err.text, "--subjects: unknown subject \"french\"");
	ck_assert_str_eq(out, "");
	free(out);
}
END_TEST

static Suite *
template_suite(void)
{
	Suite *s = suite_create("template");
	TCase *tc = tcase_create("template");

	tcase_add_checked_fixture(tc, setup_default, teardown_default);
	tcase_add_test(tc, prev_hints);
	tcase_add_test(tc, subjects_and_class);
	tcase_add_test(tc, latest_year_and_class);
	tcase_add_test(tc, empty_input);
	tcase_add_test(tc, errors);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(template_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
