/*
 * check_report_pupil.c - unit tests for lib/report/report_pupil.c: pupil
 * pages from track-pupil's documents, for staff and for parents.
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/report.h"

#include "check_main.h"
#include "scratch.h"
#include "report_render.h"

/* One pupil with a group, a flag, an out-of-year value and a score. */
static const char pupil_doc[] =
    "{\"report\":\"pupil\",\"pupil\":\"P1\",\"name\":\"<i>Ann</i> & Co\","
    "\"year\":\"4\",\"year_label\":\"Year 4\","
    "\"groups\":{\"pp\":\"Y\",\"class\":\"Ash\"},"
    "\"group_labels\":{\"pp\":{\"label\":\"Pupil premium\","
    "\"value_label\":\"Disadvantaged\"}},"
    "\"points\":[{\"id\":\"a\",\"label\":\"Autumn\"},"
    "{\"id\":\"s\",\"label\":\"Summer\"}],"
    "\"bands\":[{\"id\":\"below\",\"label\":\"Below expected\"},"
    "{\"id\":\"at\",\"label\":\"At expected\",\"standard\":true}],"
    "\"rows\":[{\"subject\":\"reading\",\"subject_label\":\"Reading\","
    "\"measure\":\"ta\",\"measure_label\":\"Teacher assessment\","
    "\"points\":[{\"point\":\"s\",\"value\":\"Y3 EXS\",\"band\":\"below\","
    "\"out_of_year\":true,\"value_label\":\"Working at the expected "
    "standard\",\"against_label\":\"Year 3\"}]},"
    "{\"subject\":\"reading\",\"measure\":\"nfer\",\"measure_label\":"
    "\"NFER\",\"points\":[{\"point\":\"a\",\"value\":\"104\","
    "\"band\":\"at\",\"out_of_year\":false}]}],"
    "\"secret\":\"Other, Pupil\","
    "\"flags\":[{\"reason\":\"dropped\",\"evidence\":\"EXS -> Y3 EXS\"}]}";

START_TEST(staff_page)
{
	const char *docs[] = { pupil_doc };
	struct report_opts o = { 0 };
	int rc;
	char *html = render_docs(docs, 1, &o, 0, &rc);

	ck_assert_int_eq(rc, 0);
	ck_assert_ptr_null(strstr(html, "<i>"));
	ck_assert_ptr_nonnull(strstr(html, "&lt;i&gt;Ann&lt;/i&gt; &amp; Co"));
	/* Coloured by band, the value written in it, striped below. */
	ck_assert_ptr_nonnull(strstr(html, "<td class=\"v below ooy\" "
	    "style=\"background-color:#E69F00;color:#000\" title=\"Working at "
	    "the expected standard: Below expected\">Y3 EXS</td>"));
	ck_assert_ptr_nonnull(strstr(html, ">104</td>"));
	/* Columns in the document's order, an empty cell where none. */
	ck_assert_ptr_nonnull(strstr(html, "<th scope=\"col\">Autumn</th>"
	    "<th scope=\"col\">Summer</th>"));
	ck_assert_ptr_nonnull(strstr(html, "Pupil premium: Disadvantaged"));
	ck_assert_ptr_nonnull(strstr(html, "<h3>Flags</h3>"));
	ck_assert_ptr_nonnull(strstr(html, "EXS -&gt; Y3 EXS"));
	ck_assert_ptr_nonnull(strstr(html, "Y3: assessed against Year 3."));
	ck_assert_ptr_null(strstr(html, "Governors"));
	free(html);
}
END_TEST

START_TEST(parents_page)
{
	const char *docs[] = { pupil_doc,
	    "{\"report\":\"summary\",\"rows\":[],\"columns\":[]}" };
	struct report_opts o = { 0 };
	int rc, md;

	o.parents = 1;
	o.parents_groups = "CLASS";
	for (md = 0; md <= 1; md++) {
		char *out = render_docs(docs, 2, &o, md, &rc);

		/* The summary is refused, the pupil's page still written. */
		ck_assert_int_eq(rc, TRACK_EXIT_DATA);
		ck_assert_ptr_nonnull(strstr(out, "Working at the expected "
		    "standard for Year 3"));
		ck_assert_ptr_nonnull(strstr(out, "104"));
		ck_assert_ptr_nonnull(strstr(out, "At expected"));
		ck_assert_ptr_nonnull(strstr(out, "Class: Ash"));
		ck_assert_ptr_null(strstr(out, "Pupil premium"));
		ck_assert_ptr_null(strstr(out, "Disadvantaged"));
		ck_assert_ptr_null(strstr(out, "Flags"));
		ck_assert_ptr_null(strstr(out, "dropped"));
		ck_assert_ptr_null(strstr(out, "Other, Pupil"));
		ck_assert_ptr_null(strstr(out, "P1"));
		free(out);
	}
}
END_TEST

START_TEST(refused_shapes)
{
	const char *bad[] = {
		"{\"report\":\"pupil\",\"pupil\":\"P1\"}",
		"{\"report\":\"pupil\",\"rows\":[]}",
		"{\"report\":\"pupil\",\"pupil\":\"P1\",\"rows\":[{\"points\":"
		    "[{\"point\":\"a\"}]}]}",
		"{\"report\":\"pupil\",\"pupil\":\"P1\",\"rows\":[],\"flags\":1}",
	};
	struct report_opts o = { 0 };
	track_error err;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		track_report *r = report_new(&o);
		json_t *d = json_loads(bad[i], 0, NULL);

		ck_assert_int_eq(report_add(r, d, &err), TRACK_EXIT_DATA);
		ck_assert_uint_eq(report_count(r), 0);
		json_decref(d);
		report_free(r);
	}
	{	/* A workbook takes no pupil pages. */
		track_report *r;
		json_t *d = json_loads(pupil_doc, 0, NULL);

		o.workbook = 1;
		r = report_new(&o);
		ck_assert_int_eq(report_add(r, d, &err), TRACK_EXIT_DATA);
		json_decref(d);
		report_free(r);
	}
}
END_TEST

static Suite *
report_pupil_suite(void)
{
	Suite *s = suite_create("report_pupil");
	TCase *tc = tcase_create("pages");

	tcase_add_checked_fixture(tc, tmp_setup, tmp_teardown);
	tcase_add_test(tc, staff_page);
	tcase_add_test(tc, parents_page);
	tcase_add_test(tc, refused_shapes);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(report_pupil_suite())
