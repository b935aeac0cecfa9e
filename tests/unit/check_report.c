/*
 * check_report.c - unit tests for lib/report/report.c: the governors' pack in
 * HTML and Markdown, from report documents.
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/report.h"

#include "scratch.h"
#include "report_render.h"
#include "report_docs.h"

/* Renders the documents, each of which the pack must take. */
static char *
render(const char *const *docs, size_t n, const struct report_opts *o,
    int md)
{
	int rc;
	char *out = render_docs(docs, n, o, md, &rc);

	ck_assert_int_eq(rc, 0);
	return out;
}

START_TEST(escapes_everything)
{
	const char *docs[] = { summary_doc };
	struct report_opts o = { .title = "Pack <1>", .school = "St \"Mary\" & 'All'", .date = "<now>" };
	char *h = render(docs, 1, &o, 0);

	ck_assert_ptr_null(strstr(h, "<script"));
	ck_assert_ptr_nonnull(strstr(h,
	    "&lt;script&gt;alert(1)&lt;/script&gt;"));
	ck_assert_ptr_nonnull(strstr(h, "Reading &amp; &lt;i&gt;co&lt;/i&gt;"));
	ck_assert_ptr_nonnull(strstr(h, "<h1>Pack &lt;1&gt;</h1>"));
	ck_assert_ptr_nonnull(strstr(h,
	    "St &quot;Mary&quot; &amp; &#39;All&#39;"));
	ck_assert_ptr_nonnull(strstr(h, "Data as at &lt;now&gt;"));
	ck_assert_ptr_null(strstr(h, "<b>"));
	free(h);
}
END_TEST

START_TEST(self_contained)
{
	const char *docs[] = { summary_doc, matrix_doc };
	struct report_opts o = { 0 };
	char *h = render(docs, 2, &o, 0);
	const char *p;

	ck_assert_ptr_null(strstr(h, "src="));
	ck_assert_ptr_null(strstr(h, "href="));
	ck_assert_ptr_null(strstr(h, "http"));
	for (p = strstr(h, "url("); p != NULL; p = strstr(p + 1, "url("))
		ck_assert(p[4] == '#');
	ck_assert_ptr_nonnull(strstr(h, "@page{size:A4"));
	ck_assert_ptr_nonnull(strstr(h, "<title>Governors&#39; pack</title>"));
	free(h);
}
END_TEST

/* Bars and cells carry their numbers: nothing by colour alone. */
START_TEST(figures_not_colour_alone)
{
	const char *docs[] = { summary_doc };
	struct report_opts o = { 0 };
	char *h = render(docs, 1, &o, 0);

	/* 1 of 8 is 12.5%: whole numbers, half up, from the counts. */
	ck_assert_ptr_nonnull(strstr(h, ">88%</text>"));
	ck_assert_ptr_nonnull(strstr(h, "aria-label=\"Below 13%, At 88%\""));
	ck_assert_ptr_nonnull(strstr(h, "1 (13%)"));
	ck_assert_ptr_nonnull(strstr(h, "7 (88%)"));
	ck_assert_ptr_nonnull(strstr(h, "url(#stripes)"));
	/* The suppressed row: marked, and no bar. */
	ck_assert_ptr_nonnull(strstr(h, "<td class=\"supp\""));
	/* Not "a small group": it may be hidden as a complement. */
	ck_assert_ptr_nonnull(strstr(h, "c</span> suppressed</td>"));
	ck_assert_ptr_nonnull(strstr(h, "groups of fewer than 5 pupils"));
	/* One point: it is in the heading, not a column. */
	ck_assert_ptr_nonnull(strstr(h, "<h2>Attainment overview: Autumn</h2>"));
	ck_assert_ptr_null(strstr(h, "<th scope=\"col\">Point</th>"));
	free(h);
}
END_TEST

START_TEST(matrix_grid)
{
	const char *docs[] = { matrix_doc };
	struct report_opts o = { 0 };
	char *h = render(docs, 1, &o, 0), *m;

	ck_assert_ptr_nonnull(strstr(h, "<h3>Reading: Autumn to Summer</h3>"));
	ck_assert_ptr_nonnull(strstr(h, "<td class=\"num diag\""));
	ck_assert_ptr_nonnull(strstr(h, "Moved up 2, stayed the same 4, "
	    "moved down 0."));
	ck_assert_ptr_nonnull(strstr(h, "<b>WTS to EXS (2):</b> Ben; Cal"));
	free(h);
	m = render(docs, 1, &o, 1);
	ck_assert_ptr_nonnull(strstr(m, "| WTS | 1 | 2 | 3 |"));
	ck_assert_ptr_nonnull(strstr(m, "| Total | 1 | 5 | 6 |"));
	ck_assert_ptr_nonnull(strstr(m, "- EXS to EXS (3): D; E; F"));
	free(m);
}
END_TEST

START_TEST(markdown_escapes)
{
	const char *docs[] = { summary_doc };
	struct report_opts o = { .title = "A | B" };
	char *m = render(docs, 1, &o, 1);

	ck_assert_ptr_nonnull(strstr(m, "# A \\| B\n"));
	ck_assert_ptr_nonnull(strstr(m, "| Reading &amp; &lt;i&gt;co&lt;/i&gt; |"));
	ck_assert_ptr_nonnull(strstr(m, "&lt;script&gt;"));
	ck_assert_ptr_null(strstr(m, "<script"));
	ck_assert_ptr_nonnull(strstr(m, "| c | c |"));
	free(m);
}
END_TEST

START_TEST(rejects_other_documents)
{
	static const char *const bad[] = {
		"[1,2]", "{\"report\":\"list\"}", "{\"report\":\"summary\"}",
		"{\"report\":\"matrix\",\"matrices\":3}"
	};
	struct report_opts o = { 0 };
	track_report *r = report_new(&o);
	track_error err;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		json_t *d = json_loads(bad[i], 0, NULL);

		ck_assert_ptr_nonnull(d);
		ck_assert_int_eq(report_add(r, d, &err), TRACK_EXIT_DATA);
		json_decref(d);
	}
	ck_assert_uint_eq(report_count(r), 0);
	report_free(r);
	report_free(NULL);
}
END_TEST

/* --title heads a document; without one the heading says what it is. */
START_TEST(titles)
{
	json_t *s = json_loads("{\"report\":\"summary\",\"title\":\"Year 3\","
	    "\"points\":[{\"id\":\"a\",\"label\":\"Autumn\"}]}", 0, NULL);
	json_t *o = json_loads("{\"report\":\"summary\",\"kind\":\"overview\","
	    "\"points\":[{\"id\":\"a\",\"label\":\"Autumn\"},{\"id\":\"b\","
	    "\"label\":\"Spring\"},{\"id\":\"c\",\"label\":\"Summer\"}]}", 0,
	    NULL);
	char *t;

	ck_assert_ptr_nonnull(s);
	ck_assert_ptr_nonnull(o);
	t = report_summary_title(s);
	ck_assert_str_eq(t, "Year 3");
	free(t);
	t = report_summary_title(o);
	ck_assert_str_eq(t, "Over time: Autumn to Summer");
	free(t);
	json_decref(s);
	json_decref(o);
}
END_TEST

static Suite *
report_suite(void)
{
	Suite *s = suite_create("report");
	TCase *tc = tcase_create("pack");

	tcase_add_checked_fixture(tc, tmp_setup, tmp_teardown);
	tcase_add_test(tc, escapes_everything);
	tcase_add_test(tc, self_contained);
	tcase_add_test(tc, figures_not_colour_alone);
	tcase_add_test(tc, matrix_grid);
	tcase_add_test(tc, markdown_escapes);
	tcase_add_test(tc, rejects_other_documents);
	tcase_add_test(tc, titles);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(report_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
