/*
 * check_report_chart.c - unit tests for lib/report/report_chart.c: the
 * pack's charts over points and of gaps, and that a suppressed figure
 * never gets a bar.
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/report_int.h"

#include "check_main.h"
#include "scratch.h"

/*
 * Draws the chart of one document (a JSON text) into a file and returns
 * what was written; *drew gets report_chart's answer.
 */
static char *
chart(const char *doc, int md, int *drew)
{
	track_writer *w = NULL;
	track_error err;
	struct out o;
	json_error_t je;
	json_t *d = json_loads(doc, 0, &je);
	char path[128];
	char *buf;
	int fd;

	ck_assert_msg(d != NULL, "%s", je.text);
	snprintf(path, sizeof path, "%s/out", tmpdir);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(writer_open(&w, fd, TRACK_FMT_CSV, 0, &err), 0);
	memset(&o, 0, sizeof o);
	o.w = w;
	o.err = &err;
	o.md = md;
	*drew = report_chart(&o, d);
	ck_assert_int_eq(o.rc, 0);
	ck_assert_int_eq(writer_finish(w, &err), 0);
	writer_free(w);
	close(fd);
	json_decref(d);
	buf = read_text(path);
	ck_assert_ptr_nonnull(buf);
	return buf;
}

/* How many times `needle` occurs in `h`. */
static size_t
count(const char *h, const char *needle)
{
	size_t n = 0;

	for (h = strstr(h, needle); h != NULL; h = strstr(h + 1, needle))
		n++;
	return n;
}

#define BANDS "\"bands\":[{\"id\":\"below\",\"label\":\"Below\"," \
	"\"standard\":false},{\"id\":\"at\",\"label\":\"At\"," \
	"\"standard\":true}]"
#define PTS "\"points\":[{\"id\":\"a\",\"label\":\"Autumn 2025-26\"}," \
	"{\"id\":\"s\",\"label\":\"Summer 2025-26\"}]"

/*
 * --over point: a row per point and group; the groups' rows are not next
 * to each other (groups sort after points), and one group is suppressed
 * at the second point.
 */
static const char over_rows[] = "{\"report\":\"summary\",\"kind\":"
    "\"overview\"," PTS ",\"by\":[{\"id\":\"pp\",\"label\":\"PP\"}],"
    BANDS ",\"columns\":[],\"rows\":["
    "{\"subject\":\"reading\",\"subject_label\":\"Reading & <b>\","
    "\"measure\":\"ta\",\"point\":\"a\",\"point_label\":\"Autumn 2025-26\","
    "\"pp\":\"Y\",\"pp_label\":\"Disadvantaged\",\"n\":8,\"below\":1,"
    "\"at\":7,\"pct_at_or_above\":87.5},"
    "{\"subject\":\"reading\",\"subject_label\":\"Reading & <b>\","
    "\"measure\":\"ta\",\"point\":\"a\",\"point_label\":\"Autumn 2025-26\","
    "\"pp\":\"N\",\"pp_label\":\"Other\",\"n\":10,\"below\":4,\"at\":6,"
    "\"pct_at_or_above\":60.0},"
    "{\"subject\":\"reading\",\"subject_label\":\"Reading & <b>\","
    "\"measure\":\"ta\",\"point\":\"s\",\"point_label\":\"Summer 2025-26\","
    "\"pp\":\"Y\",\"pp_label\":\"Disadvantaged\",\"n\":\"c\",\"below\":"
    "\"c\",\"at\":\"c\",\"pct_at_or_above\":\"c\"},"
    "{\"subject\":\"reading\",\"subject_label\":\"Reading & <b>\","
    "\"measure\":\"ta\",\"point\":\"s\",\"point_label\":\"Summer 2025-26\","
    "\"pp\":\"N\",\"pp_label\":\"Other\",\"n\":10,\"below\":1,\"at\":9,"
    "\"pct_at_or_above\":90.0}]}";

START_TEST(over_rows_grouped)
{
	int drew;
	char *h = chart(over_rows, 0, &drew), *y, *n;

	ck_assert_int_eq(drew, 1);
	ck_assert_uint_eq(count(h, "<figure class=\"chart\">"), 2);
	y = strstr(h, "<figcaption>Reading &amp; &lt;b&gt;: Disadvantaged");
	n = strstr(h, "<figcaption>Reading &amp; &lt;b&gt;: Other");
	ck_assert_ptr_nonnull(y);
	ck_assert_ptr_nonnull(n);
	ck_assert_ptr_null(strstr(h, "<b>"));
	/* 7 of 8 from the counts, half up: 88%, not the 87.5 given. */
	ck_assert_ptr_nonnull(strstr(y,
	    "aria-label=\"Autumn 2025-26 88%, Summer 2025-26 c\""));
	ck_assert_ptr_nonnull(strstr(n,
	    "aria-label=\"Autumn 2025-26 60%, Summer 2025-26 90%\""));
	/* The suppressed figure: a "c" and no bar; the others a bar each. */
	ck_assert_uint_eq(count(h, "<rect "), 3);
	ck_assert_uint_eq(count(h, ">c</text>"), 1);
	ck_assert_ptr_nonnull(strstr(h, "height=\"81.00\""));	/* 90% */
	ck_assert_ptr_nonnull(strstr(h, ">Summer</text>"));
	ck_assert_ptr_nonnull(strstr(h, ">2025-26</text>"));
	free(h);
}
END_TEST

/* --across point: a column per point; a row with nothing is left out. */
START_TEST(over_columns)
{
	static const char doc[] = "{\"report\":\"summary\",\"kind\":\"across\","
	    "\"across\":\"point\"," PTS ",\"by\":[]," BANDS ",\"columns\":[],"
	    "\"rows\":[{\"subject\":\"maths\",\"subject_label\":\"Maths\","
	    "\"measure\":\"nfer\",\"measure_label\":\"NFER\","
	    "\"n_a\":20,\"pct_at_or_above_a\":55.0,\"n_s\":\"c\","
	    "\"pct_at_or_above_s\":\"c\"},"
	    "{\"subject\":\"mtc\",\"subject_label\":\"MTC\",\"measure\":\"mtc\","
	    "\"n_a\":20,\"pct_at_or_above_a\":null,\"n_s\":20,"
	    "\"pct_at_or_above_s\":null}]}";
	int drew;
	char *h = chart(doc, 0, &drew);

	ck_assert_int_eq(drew, 1);
	ck_assert_uint_eq(count(h, "<figure class=\"chart\">"), 1);
	ck_assert_ptr_nonnull(strstr(h, "<figcaption>Maths (NFER)</figcaption>"));
	ck_assert_ptr_nonnull(strstr(h,
	    "aria-label=\"Autumn 2025-26 55%, Summer 2025-26 c\""));
	ck_assert_uint_eq(count(h, "<rect "), 1);
	ck_assert_ptr_null(strstr(h, "MTC"));
	free(h);
}
END_TEST

/* Many points wrap onto lines of at most nine bars. */
START_TEST(many_points_wrap)
{
	char doc[8192];
	size_t i, k;
	int drew;
	char *h;

	k = (size_t)snprintf(doc, sizeof doc, "{\"report\":\"summary\","
	    "\"kind\":\"overview\",\"points\":[{\"id\":\"p1\",\"label\":"
	    "\"P1\"},{\"id\":\"p2\",\"label\":\"P2\"}],\"by\":[]," BANDS
	    ",\"columns\":[],\"rows\":[");
	for (i = 0; i < 20; i++)
		k += (size_t)snprintf(doc + k, sizeof doc - k, "%s{\"subject\":"
		    "\"reading\",\"measure\":\"ta\",\"point\":\"p%zu\",\"n\":4,"
		    "\"at\":%zu,\"below\":%zu,\"pct_at_or_above\":0}",
		    i ? "," : "", i, i % 5, 4 - i % 5);
	snprintf(doc + k, sizeof doc - k, "]}");
	h = chart(doc, 0, &drew);
	ck_assert_int_eq(drew, 1);
	ck_assert_uint_eq(count(h, "<figure class=\"chart\">"), 1);
	ck_assert_uint_eq(count(h, "<svg class=\"chart\""), 3);
	ck_assert_uint_eq(count(h, "<rect "), 20);
	ck_assert_ptr_nonnull(strstr(h, ">100%</text>"));
	free(h);
}
END_TEST

/* A gap: paired bars, the figures and groups beside them, the gap. */
START_TEST(gap_pairs)
{
	static const char doc[] = "{\"report\":\"summary\",\"kind\":\"gap\","
	    "\"points\":[{\"id\":\"s\",\"label\":\"Summer\"}],\"by\":[],"
	    BANDS ",\"columns\":[],\"rows\":["
	    "{\"subject\":\"reading\",\"subject_label\":\"Reading\","
	    "\"measure\":\"ta\",\"group_a\":\"Y\",\"group_a_label\":"
	    "\"Disadvantaged\",\"n_a\":46,\"pct_a\":60.9,\"group_b\":\"N\","
	    "\"group_b_label\":\"Other\",\"n_b\":129,\"pct_b\":82.2,"
	    "\"gap\":-21.3},"
	    "{\"subject\":\"maths\",\"subject_label\":\"Maths\","
	    "\"measure\":\"ta\",\"group_a\":\"Y\",\"group_a_label\":"
	    "\"Disadvantaged\",\"n_a\":\"c\",\"pct_a\":\"c\",\"group_b\":\"N\","
	    "\"group_b_label\":\"Other\",\"n_b\":129,\"pct_b\":80.0,"
	    "\"gap\":\"c\"}]}";
	int drew;
	char *h = chart(doc, 0, &drew);

	ck_assert_int_eq(drew, 1);
	ck_assert_uint_eq(count(h, "<svg class=\"chart\""), 2);
	ck_assert_ptr_nonnull(strstr(h, ">61% Disadvantaged</text>"));
	ck_assert_ptr_nonnull(strstr(h, ">82% Other</text>"));
	ck_assert_ptr_nonnull(strstr(h, "Gap \xe2\x88\x92" "21</td>"));
	ck_assert_ptr_nonnull(strstr(h, ">c Disadvantaged</text>"));
	ck_assert_ptr_nonnull(strstr(h, "Gap c</td>"));
	/* legend 2, bars 3: the suppressed side has none */
	ck_assert_uint_eq(count(h, "<rect "), 5);
	ck_assert_ptr_nonnull(strstr(h, "width=\"240.00\""));	/* 80% */
	free(h);
}
END_TEST

/* No chart: Markdown, one point, a matrix; nothing is written. */
START_TEST(no_chart)
{
	static const char one[] = "{\"report\":\"summary\",\"kind\":"
	    "\"overview\",\"points\":[{\"id\":\"s\",\"label\":\"S\"}],"
	    "\"by\":[]," BANDS ",\"columns\":[],\"rows\":[]}";
	static const char mx[] = "{\"report\":\"matrix\",\"matrices\":[]}";
	int drew;
	char *h;

	h = chart(over_rows, 1, &drew);
	ck_assert_int_eq(drew, 0);
	ck_assert_str_eq(h, "");
	free(h);
	h = chart(one, 0, &drew);
	ck_assert_int_eq(drew, 0);
	ck_assert_str_eq(h, "");
	free(h);
	h = chart(mx, 0, &drew);
	ck_assert_int_eq(drew, 0);
	ck_assert_str_eq(h, "");
	free(h);
}
END_TEST

static Suite *
report_chart_suite(void)
{
	Suite *s = suite_create("report_chart");
	TCase *tc = tcase_create("charts");

	tcase_add_checked_fixture(tc, tmp_setup, tmp_teardown);
	tcase_add_test(tc, over_rows_grouped);
	tcase_add_test(tc, over_columns);
	tcase_add_test(tc, many_points_wrap);
	tcase_add_test(tc, gap_pairs);
	tcase_add_test(tc, no_chart);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(report_chart_suite())
