/*
 * check_latest.c - unit tests for lib/assess/latest.c: the last record of
 * an identity wins (pupil, subject, measure, point, objective), in input
 * order, written encoded (CSV) or as fields (JSON); and the warning for a
 * record superseded, word for word (another file, an objective, a long
 * pupil id cut at 40 bytes).  Two passes over a file (assess_latest_pass_*,
 * then assess_latest_stream) must give what one pass gives, byte for byte
 * and warning for warning, with fingerprints cut to a few bits so that
 * most identities collide; and a file that grows between the passes is
 * an error, not a wrong answer.
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/str.h"
#include "assess/latest.h"
#include "record/records.h"
#include "fixture.h"
#include "scratch.h"

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
	ck_assert_int_eq(assess_latest_add(t->l, &o, &(track_row){ row,
	    t->nh, line_no, file, { NULL, 0 }, 0 }, &err), 0);
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

/* ---- Two passes against one ---- */

static void
warn_to(void *ctx, const char *msg)
{
	fprintf(ctx, "%s\n", msg);
}

/*
 * The first pass as track-assess makes it, cli_read_quiet's loop in one
 * thread: the plan of `files` and the assessor bound to their header,
 * both NULL when there is none (not a regular file, a header the
 * assessor refuses, a failed read).  Returns 0 or TRACK_EXIT_IO.
 */
static int
plan_files(track_latest_plan **plan, track_assess **a, char **files,
    size_t n, const struct track_reader_opts *ro, unsigned bits)
{
	struct track_latest_pass lp = { 0 };
	track_records *rs;
	track_error err;
	const track_str *h;
	enum track_read got = TRACK_READ_FATAL;
	track_row r;
	size_t nh;
	int rc = 0;

	lp.s = def;
	lp.flags = ASSESS_STRICT_POINTS;
	lp.hashbits = bits;
	if (assess_latest_pass_begin(&lp, files, n) != 0)
		return TRACK_EXIT_IO;
	if (lp.plan != NULL && records_open(&rs, files, n, ro, &err) == 0) {
		h = records_header(rs, &nh);
		if (nh > 0)
			rc = assess_latest_pass_header(&lp, h, nh, &err);
		while (rc == 0 && (got = records_next(rs, &r, &err)) !=
		    TRACK_READ_EOF && got != TRACK_READ_FATAL)
			if (got == TRACK_READ_ROW && assess_latest_pass_row(&lp,
			    &r, &err) == TRACK_EXIT_IO)
				rc = TRACK_EXIT_IO;
		records_close(rs);
		rc = rc != 0 ? rc : got == TRACK_READ_EOF ? 0 : TRACK_EXIT_IO;
	}
	rc = assess_latest_pass_end(&lp, lp.plan != NULL ? rc : 0);
	*plan = lp.plan;
	*a = lp.a;
	return rc;
}

/*
 * Runs track-assess's last-record-wins over file `path` in format `fmt`:
 * held (bits < 0) or in two passes with `bits` fingerprint bits.  Returns
 * the output and *warnings (OUT), both to be freed; *rc (OUT) the status
 * of the write.
 */
static char *
run_file(const char *path, enum track_format fmt, int bits, char **warnings,
    int *rc)
{
	struct track_reader_opts ro;
	track_latest_plan *plan = NULL;
	track_records *rs = NULL;
	track_assess *a = NULL;
	track_derive *d;
	track_writer *w;
	track_latest *l;
	track_error err;
	const track_str *h, *oh;
	struct track_obs o;
	enum track_read got;
	track_row r;
	size_t nh, on, wlen;
	char tmpl[] = "/tmp/check_latest.XXXXXX", *files[1];
	FILE *wf = open_memstream(warnings, &wlen);
	char *out;
	int fd, arc = 0;

	memset(&ro, 0, sizeof ro);
	files[0] = (char *)path;
	error_clear(&err);
	if (bits >= 0) {
		ck_assert_int_eq(plan_files(&plan, &a, files, 1, &ro,
		    (unsigned)bits), 0);
		ck_assert(plan != NULL && a != NULL);
	}
	ck_assert_int_eq(records_open(&rs, files, 1, &ro, &err), 0);
	h = records_header(rs, &nh);
	if (a == NULL)
		ck_assert_int_eq(assess_new(&a, def, h, nh,
		    ASSESS_STRICT_POINTS, &err), 0);
	ck_assert_int_eq(assess_derive_new(&d, a, def, h, nh, &err), 0);
	fd = mkstemp(tmpl);
	ck_assert(fd >= 0);
	unlink(tmpl);
	ck_assert_int_eq(writer_open(&w, fd, fmt, 0, &err), 0);
	ck_assert_int_eq(assess_latest_new(&l, d, w, warn_to, wf, &err), 0);
	if (plan != NULL)
		assess_latest_stream(l, plan);
	oh = assess_derive_header(d, &on);
	ck_assert_int_eq(writer_header(w, oh, on, &err), 0);
	while ((got = records_next(rs, &r, &err)) != TRACK_READ_EOF) {
		ck_assert(got != TRACK_READ_FATAL);
		if (got != TRACK_READ_ROW ||
		    assess_row(a, r.field, &o, &err) != 0)
			continue;
		arc = assess_latest_add(l, &o, &r, &err);
		if (arc != 0)
			break;
	}
	*rc = arc != 0 ? arc : assess_latest_write(l, &err);
	ck_assert_int_eq(writer_finish(w, &err), 0);
	out = fx_slurp(fd);
	close(fd);
	fclose(wf);
	records_close(rs);
	assess_latest_free(l);
	writer_free(w);
	assess_derive_free(d);
	assess_free(a);
	return out;
}

/*
 * Writes `n` random records (seed `seed`) to `path`: few pupils,
 * subjects, points and objectives, so identities come back often; now
 * and then a bad value, which neither pass may count.
 */
static void
random_file(const char *path, unsigned seed, int n)
{
	static const char *const subj[] = { "reading", "maths" };
	static const char *const pt[] = { "2025-26.autumn", "2025-26.spring" };
	static const char *const val[] = { "WTS", "EXS", "GDS", "XXX" };
	static const char *const obj[] = { "", "", "o1", "o2" };
	FILE *f = fopen(path, "w");
	int i;

	ck_assert(f != NULL);
	srand(seed);
	fprintf(f, "pupil,subject,point,value,objective\n");
	for (i = 0; i < n; i++)
		fprintf(f, "P%d,%s,%s,%s,%s\n", rand() % 5, subj[rand() % 2],
		    pt[rand() % 2], val[rand() % 7 == 0 ? 3 : rand() % 3],
		    obj[rand() % 4]);
	ck_assert_int_eq(fclose(f), 0);
}

START_TEST(two_passes_as_one)
{
	static const int bits[] = { 1, 2, 3, 8, 0 };
	static const enum track_format fmt[] = { TRACK_FMT_CSV, TRACK_FMT_JSON };
	char path[128], *want, *wantw, *got, *gotw;
	unsigned seed;
	size_t b, k;
	int rc;

	snprintf(path, sizeof path, "%s/in.csv", tmpdir);
	for (seed = 1; seed <= 40; seed++) {
		random_file(path, seed, 1 + (int)(seed * 7 % 90));
		for (k = 0; k < 2; k++) {
			want = run_file(path, fmt[k], -1, &wantw, &rc);
			ck_assert_int_eq(rc, 0);
			for (b = 0; b < sizeof bits / sizeof *bits; b++) {
				got = run_file(path, fmt[k], bits[b], &gotw,
				    &rc);
				ck_assert_int_eq(rc, 0);
				ck_assert_msg(strcmp(got, want) == 0,
				    "seed %u, %d bits:\n%s\nwant\n%s", seed,
				    bits[b], got, want);
				ck_assert_str_eq(gotw, wantw);
				free(got);
				free(gotw);
			}
			free(want);
			free(wantw);
		}
	}
}
END_TEST

START_TEST(file_changed)
{
	struct track_reader_opts ro;
	track_latest_plan *plan;
	track_assess *a;
	char path[128], *files[1] = { path };
	FILE *f;

	/* A plan of nothing: a record read then is one it does not know. */
	snprintf(path, sizeof path, "%s/in.csv", tmpdir);
	random_file(path, 3, 0);
	memset(&ro, 0, sizeof ro);
	ck_assert_int_eq(plan_files(&plan, &a, files, 1, &ro, 0), 0);
	ck_assert(plan != NULL);
	assess_latest_plan_free(plan);
	assess_free(a);
	/* Not a regular file, or none: no plan, and no error. */
	files[0] = (char *)"/dev/null";
	ck_assert_int_eq(plan_files(&plan, &a, files, 1, &ro, 0), 0);
	ck_assert(plan == NULL && a == NULL);
	files[0] = (char *)"-";
	ck_assert_int_eq(plan_files(&plan, &a, files, 1, &ro, 0), 0);
	ck_assert(plan == NULL && a == NULL);
	ck_assert_int_eq(plan_files(&plan, &a, files, 0, &ro, 0), 0);
	ck_assert(plan == NULL && a == NULL);
	/* A header the assessor refuses: no plan (one pass says why). */
	files[0] = path;
	f = fopen(path, "w");
	ck_assert(f != NULL);
	fprintf(f, "name,value\nA,EXS\n");
	fclose(f);
	ck_assert_int_eq(plan_files(&plan, &a, files, 1, &ro, 0), 0);
	ck_assert(plan == NULL && a == NULL);
}
END_TEST

/* The file grows between the passes: the second pass says so. */
static char *
run_grown(const char *path, int *rc)
{
	struct track_reader_opts ro;
	track_latest_plan *plan;
	track_records *rs;
	track_assess *a;
	track_derive *d;
	track_writer *w;
	track_latest *l;
	track_error err;
	const track_str *h;
	struct track_obs o;
	track_row r;
	size_t nh;
	char *files[1] = { (char *)path };
	FILE *f, *wf = fopen("/dev/null", "w");
	int fd = open("/dev/null", O_WRONLY);

	memset(&ro, 0, sizeof ro);
	ck_assert_int_eq(plan_files(&plan, &a, files, 1, &ro, 0), 0);
	f = fopen(path, "a");
	fprintf(f, "P9,maths,2025-26.autumn,EXS,\n");
	fclose(f);
	ck_assert_int_eq(records_open(&rs, files, 1, &ro, &err), 0);
	h = records_header(rs, &nh);
	ck_assert_int_eq(assess_derive_new(&d, a, def, h, nh, &err), 0);
	ck_assert_int_eq(writer_open(&w, fd, TRACK_FMT_CSV, 0, &err), 0);
	ck_assert_int_eq(assess_latest_new(&l, d, w, warn_to, wf, &err), 0);
	assess_latest_stream(l, plan);
	*rc = 0;
	while (*rc == 0 &&
	    records_next(rs, &r, &err) == TRACK_READ_ROW)
		if (assess_row(a, r.field, &o, &err) == 0)
			*rc = assess_latest_add(l, &o, &r, &err);
	if (*rc == 0)
		*rc = assess_latest_write(l, &err);
	records_close(rs);
	assess_latest_free(l);
	writer_free(w);
	close(fd);
	fclose(wf);
	assess_derive_free(d);
	assess_free(a);
	return strdup(err.text);
}

START_TEST(file_grown)
{
	char path[128], *text;
	int rc;

	snprintf(path, sizeof path, "%s/in.csv", tmpdir);
	random_file(path, 5, 20);
	text = run_grown(path, &rc);
	ck_assert_int_eq(rc, TRACK_EXIT_IO);
	ck_assert_str_eq(text, "the input changed while it was being read");
	free(text);
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
	tc = tcase_create("two passes");
	tcase_add_checked_fixture(tc, setup_default, teardown_default);
	tcase_add_checked_fixture(tc, tmp_setup, tmp_teardown);
	tcase_add_test(tc, two_passes_as_one);
	tcase_add_test(tc, file_changed);
	tcase_add_test(tc, file_grown);
	tcase_set_timeout(tc, 60);
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
