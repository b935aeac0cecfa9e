/*
 * check_latest.c - unit tests for lib/assess/latest.c: the last record of
 * an identity wins (pupil, subject, measure, point, objective), in input
 * order, written encoded (CSV) or as fields (JSON); and the warning for a
 * record superseded, word for word (another file, an objective, a long
 * pupil id cut at 40 bytes).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/str.h"
#include "assess/latest.h"
#include "fixture.h"

#define MAXROWS 16

/* A holder bound to one header, its rows kept for the test's length. */
struct held {
	char hstore[256];
	track_str h[FX_MAXF];
	size_t nh;
	char store[MAXROWS][256];	/* rows live until the write */
	track_str row[MAXROWS][FX_MAXF];
	size_t nrows;
	track_assess *a;
	track_derive *d;
	track_writer *w;
	track_latest *l;
	int fd;
	char warnings[2048];		/* each followed by a newline */
};

static void
on_warn(void *ctx, const char *msg)
{
	struct held *t = ctx;

	ck_assert(strlen(t->warnings) + strlen(msg) + 2 < sizeof t->warnings);
	strcat(t->warnings, msg);
	strcat(t->warnings, "\n");
}

static void
start(struct held *t, const char *header, enum track_format fmt)
{
	char path[] = "/tmp/check_latest.XXXXXX";
	const track_str *oh;
	track_error err;
	size_t on;

	memset(t, 0, sizeof *t);
	t->nh = fx_split(header, t->hstore, sizeof t->hstore, t->h);
	error_clear(&err);
	ck_assert_int_eq(assess_new(&t->a, def, t->h, t->nh,
	    ASSESS_STRICT_POINTS, &err), 0);
	ck_assert_int_eq(assess_derive_new(&t->d, t->a, def, t->h, t->nh,
	    &err), 0);
	t->fd = mkstemp(path);
	ck_assert(t->fd >= 0);
	unlink(path);
	ck_assert_int_eq(writer_open(&t->w, t->fd, fmt, 0, &err), 0);
	ck_assert_int_eq(assess_latest_new(&t->l, t->d, t->w, on_warn, t,
	    &err), 0);
	oh = assess_derive_header(t->d, &on);
	ck_assert_int_eq(writer_header(t->w, oh, on, &err), 0);
}

/* Adds input row `line`, read from line `line_no` of `file`. */
static void
add(struct held *t, const char *file, long line_no, const char *line)
{
	struct track_obs o;
	track_error err;
	track_str *row;

	ck_assert(t->nrows < MAXROWS);
	row = t->row[t->nrows];
	ck_assert_uint_eq(fx_split(line, t->store[t->nrows],
	    sizeof t->store[t->nrows], row), t->nh);
	t->nrows++;
	error_clear(&err);
	ck_assert_msg(assess_row(t->a, row, &o, &err) == 0, "%s", err.text);
	ck_assert_int_eq(assess_latest_add(t->l, &o, row, file, line_no,
	    &err), 0);
}

/* Writes the held rows; returns the whole output, to be freed. */
static char *
finish(struct held *t)
{
	track_error err;
	char *p;

	ck_assert_int_eq(assess_latest_write(t->l, &err), 0);
	ck_assert_int_eq(writer_finish(t->w, &err), 0);
	p = fx_slurp(t->fd);
	assess_latest_free(t->l);
	writer_free(t->w);
	close(t->fd);
	assess_derive_free(t->d);
	assess_free(t->a);
	return p;
}

/* The records of tests/cli/track-assess/duplicate-last-wins. */
static void
add_dup(struct held *t)
{
	add(t, "dup.csv", 2, "P01,4,reading,2025-26.autumn,,WTS");
	add(t, "dup.csv", 3, "P02,4,reading,2025-26.autumn,ta,EXS");
	add(t, "dup.csv", 4, "P01,4,reading,2025-26.autumn,ta,EXS");
	add(t, "dup.csv", 5, "P01,4,reading,2025-26.aut,ta,GDS");
	add(t, "dup.csv", 6, "P01,4,reading,2025-26.autumn,nfer,101");
	add(t, "dup.csv", 7, "P01,4,Reading,2025-26.spring,ta,GDS");
}

static const char dup_warnings[] =
    "dup.csv:4: supersedes dup.csv:2 (same pupil P01, subject, measure "
    "and point)\n"
    "dup.csv:5: supersedes dup.csv:4 (same pupil P01, subject, measure "
    "and point)\n";

START_TEST(last_wins_encoded)
{
	struct held t;
	char *out;

	start(&t, "pupil,year,subject,point,measure,value", TRACK_FMT_CSV);
	add_dup(&t);
	ck_assert_str_eq(t.warnings, dup_warnings);
	out = finish(&t);
	ck_assert_str_eq(out,
	    "pupil,year,subject,point,measure,value,band,rank,expected,"
	    "out_of_year,age_gap\n"
	    "P02,4,reading,2025-26.autumn,ta,EXS,at,13,EXS,,\n"
	    "P01,4,reading,2025-26.aut,ta,GDS,above,14,EXS,,\n"
	    "P01,4,reading,2025-26.autumn,nfer,101,at,2,95,,\n"
	    "P01,4,Reading,2025-26.spring,ta,GDS,above,14,EXS,,\n");
	free(out);
	assess_latest_free(NULL);
}
END_TEST

START_TEST(last_wins_fields)
{
	struct held t;
	char *out;

	start(&t, "pupil,year,subject,point,measure,value", TRACK_FMT_JSON);
	add_dup(&t);
	ck_assert_str_eq(t.warnings, dup_warnings);
	out = finish(&t);
	ck_assert_str_eq(out,
	    "{\"pupil\":\"P02\",\"year\":\"4\",\"subject\":\"reading\","
	    "\"point\":\"2025-26.autumn\",\"measure\":\"ta\",\"value\":\"EXS\","
	    "\"band\":\"at\",\"rank\":\"13\",\"expected\":\"EXS\","
	    "\"out_of_year\":\"\",\"age_gap\":\"\"}\n"
	    "{\"pupil\":\"P01\",\"year\":\"4\",\"subject\":\"reading\","
	    "\"point\":\"2025-26.aut\",\"measure\":\"ta\",\"value\":\"GDS\","
	    "\"band\":\"above\",\"rank\":\"14\",\"expected\":\"EXS\","
	    "\"out_of_year\":\"\",\"age_gap\":\"\"}\n"
	    "{\"pupil\":\"P01\",\"year\":\"4\",\"subject\":\"reading\","
	    "\"point\":\"2025-26.autumn\",\"measure\":\"nfer\",\"value\":\"101\","
	    "\"band\":\"at\",\"rank\":\"2\",\"expected\":\"95\","
	    "\"out_of_year\":\"\",\"age_gap\":\"\"}\n"
	    "{\"pupil\":\"P01\",\"year\":\"4\",\"subject\":\"Reading\","
	    "\"point\":\"2025-26.spring\",\"measure\":\"ta\",\"value\":\"GDS\","
	    "\"band\":\"above\",\"rank\":\"14\",\"expected\":\"EXS\","
	    "\"out_of_year\":\"\",\"age_gap\":\"\"}\n");
	free(out);
}
END_TEST

START_TEST(superseded_runs)
{
	struct held t;
	char *out;

	/* Dead rows at the start, in the middle and at the end. */
	start(&t, "pupil,subject,point,value", TRACK_FMT_CSV);
	add(&t, "a.csv", 2, "P1,maths,2025-26.autumn,WTS");
	add(&t, "a.csv", 3, "P2,maths,2025-26.autumn,WTS");
	add(&t, "a.csv", 4, "P3,maths,2025-26.autumn,WTS");
	add(&t, "b.csv", 2, "P1,maths,2025-26.autumn,EXS");
	add(&t, "b.csv", 3, "P3,maths,2025-26.autumn,EXS");
	add(&t, "b.csv", 4, "P4,maths,2025-26.autumn,EXS");
	add(&t, "b.csv", 5, "P3,maths,2025-26.autumn,GDS");
	ck_assert_str_eq(t.warnings,
	    "b.csv:2: supersedes a.csv:2 (same pupil P1, subject, measure "
	    "and point)\n"
	    "b.csv:3: supersedes a.csv:4 (same pupil P3, subject, measure "
	    "and point)\n"
	    "b.csv:5: supersedes b.csv:3 (same pupil P3, subject, measure "
	    "and point)\n");
	out = finish(&t);
	ck_assert_str_eq(out, "pupil,subject,point,value,band,rank,expected,"
	    "out_of_year,age_gap\n"
	    "P2,maths,2025-26.autumn,WTS,below,12,,,\n"
	    "P1,maths,2025-26.autumn,EXS,at,13,,,\n"
	    "P4,maths,2025-26.autumn,EXS,at,13,,,\n"
	    "P3,maths,2025-26.autumn,GDS,above,14,,,\n");
	free(out);
}
END_TEST

START_TEST(objective_and_long_pupil)
{
	struct held t;
	char *out;

	start(&t, "pupil,subject,point,value,objective", TRACK_FMT_CSV);
	add(&t, "in.csv", 2, "P1,reading,2025-26.autumn,EXS,");
	add(&t, "in.csv", 3, "P1,reading,2025-26.autumn,EXS,obj-1");
	add(&t, "in.csv", 4, "P1,reading,2025-26.autumn,EXS,obj-2");
	ck_assert_str_eq(t.warnings, "");
	add(&t, "in.csv", 5, "P1,reading,2025-26.autumn,WTS,obj-1");
	add(&t, "in.csv", 6,
	    "P7777777777777777777777777777777777777777777,reading,"
	    "2025-26.autumn,EXS,");
	add(&t, "in.csv", 7,
	    "P7777777777777777777777777777777777777777777,reading,"
	    "2025-26.autumn,GDS,");
	ck_assert_str_eq(t.warnings,
	    "in.csv:5: supersedes in.csv:3 (same pupil P1, subject, measure, "
	    "objective and point)\n"
	    "in.csv:7: supersedes in.csv:6 (same pupil "
	    "P777777777777777777777777777777777777777..., subject, measure "
	    "and point)\n");
	out = finish(&t);
	ck_assert(strstr(out, "P1,reading,2025-26.autumn,EXS,obj-1") == NULL);
	ck_assert(strstr(out, "P1,reading,2025-26.autumn,WTS,obj-1") != NULL);
	ck_assert(strstr(out, "P1,reading,2025-26.autumn,EXS,obj-2") != NULL);
	ck_assert(strstr(out, "2025-26.autumn,EXS,,") != NULL);
	ck_assert(strstr(out, "7,reading,2025-26.autumn,EXS") == NULL);
	free(out);
}
END_TEST

static Suite *
latest_suite(void)
{
	Suite *s = suite_create("latest");
	TCase *tc = tcase_create("latest");

	tcase_add_checked_fixture(tc, setup_default, teardown_default);
	tcase_add_test(tc, last_wins_encoded);
	tcase_add_test(tc, last_wins_fields);
	tcase_add_test(tc, superseded_runs);
	tcase_add_test(tc, objective_and_long_pupil);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(latest_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
