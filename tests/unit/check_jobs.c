/*
 * check_jobs.c - unit tests for lib/cli/jobs.c: -j's argument, and the
 * read loop with a reading thread, which must call back, report and
 * reject exactly as the one-thread loop does, whatever the batch size;
 * and cli_ahead, one reader read ahead, row for row as reader_next.
 */
#include <check.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/str.h"
#include "cli/cli.h"
#include "cli/jobs_int.h"
#include "check_main.h"
#include "scratch.h"
#include "capture.h"

/* What the callbacks saw, as text (grown as needed; the caller frees). */
struct seen {
	char *text;
	size_t len, cap;
};

static void __attribute__((format(printf, 2, 3)))
note(struct seen *sn, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	ck_assert(n >= 0);
	if (sn->len + (size_t)n + 1 > sn->cap) {
		sn->cap = (sn->len + (size_t)n + 1) * 2;
		sn->text = realloc(sn->text, sn->cap);
		ck_assert(sn->text != NULL);
	}
	va_start(ap, fmt);
	vsnprintf(sn->text + sn->len, sn->cap - sn->len, fmt, ap);
	va_end(ap);
	sn->len += (size_t)n;
}

static int
on_header(void *ctx, const track_str *h, size_t n, track_error *err)
{
	(void)err;
	note(ctx, "[%zu:%.*s]", n, (int)h[0].len, h[0].ptr);
	return 0;
}

/*
 * Notes file:line=every field (each field's NUL checked), and its raw
 * text in braces if it has any; refuses "bad", is silent on "told",
 * stops at "stop".
 */
static int
on_row(void *ctx, const track_row *row, track_error *err)
{
	const char *slash = strrchr(row->file, '/');
	size_t i;

	note(ctx, " %s:%ld=", slash != NULL ? slash + 1 : row->file,
	    row->line);
	for (i = 0; i < row->n; i++) {
		ck_assert(row->field[i].ptr[row->field[i].len] == '\0');
		note(ctx, "%s%.*s", i ? "," : "", (int)row->field[i].len,
		    row->field[i].ptr);
	}
	if (row->raw.ptr != NULL)
		note(ctx, "{%c%.*s}", row->delim, (int)row->raw.len,
		    row->raw.ptr);
	if (str_eq(row->field[0], "bad"))
		return error_set(err, TRACK_EXIT_DATA, NULL, 0, "a bad value");
	if (str_eq(row->field[0], "told"))
		return TRACK_EXIT_DATA;
	if (str_eq(row->field[0], "stop"))
		return CLI_STOP;
	return 0;
}

/* The whole of a file, or "(none)" (the caller frees). */
static char *
slurp(const char *path)
{
	char *p = read_text(path);

	return p != NULL ? p : strdup("(none)");
}

/* One run of the read loop with `jobs` threads. */
struct run {
	struct seen sn;
	char *msg, *rej;
	int rc;
};

/* cli_init's flags for the runs: CLI_RAW for rows with raw text. */
static unsigned init_flags;

/* Begins a run: the batch size (NULL: the default), *out and c cleared. */
static void
start(struct run *out, struct cli_common *c, const char *batch)
{
	if (batch != NULL)
		setenv("TRACK_JOBS_BATCH", batch, 1);
	else
		unsetenv("TRACK_JOBS_BATCH");
	memset(out, 0, sizeof *out);
	cli_init(c, "track-test", init_flags);
}

static void
run(struct run *out, char **files, size_t n, int jobs, const char *batch)
{
	char rej[PATH_MAX];
	struct cli_common c;
	struct cli_rejects rj;
	struct capture cap;

	snprintf(rej, sizeof rej, "%s/rejects.csv", tmpdir);
	unlink(rej);
	start(out, &c, batch);
	c.progress = 0;
	c.jobs = jobs;
	c.rejects = rej;
	ck_assert_int_eq(cli_rejects_open(&rj, &c), 0);
	capture_begin(&cap, 2);
	out->rc = cli_read_records(&c, files, n, &rj, on_header, on_row,
	    &out->sn);
	out->rc = cli_rejects_close(&rj, out->rc);
	out->msg = capture_end(&cap);
	out->rej = slurp(rej);
	cli_common_free(&c);
	unsetenv("TRACK_JOBS_BATCH");
}

static void
run_free(struct run *r)
{
	free(r->sn.text);
	free(r->msg);
	free(r->rej);
}

/* -j's argument: 1 to CLI_JOBS_MAX, digits only. */
START_TEST(jobs_option)
{
	static const char *good[] = { "1", "2", "256" };
	static const char *bad[] = { "0", "257", "x", "", "2x", "-1", " 2",
	    "+2", "99999999999999999999" };
	struct cli_common c;
	struct capture cap;
	size_t i;
	char *msg;

	cli_init(&c, "track-test", 0);
	ck_assert_int_eq(c.jobs, 1);
	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		ck_assert_int_eq(cli_jobs_option(&c, good[i]), 0);
		ck_assert_int_eq(c.jobs, atoi(good[i]));
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		c.jobs = 5;
		capture_begin(&cap, 2);
		ck_assert_int_eq(cli_jobs_option(&c, bad[i]),
		    TRACK_EXIT_USAGE);
		msg = capture_end(&cap);
		ck_assert_msg(strstr(msg, "give the number of threads") !=
		    NULL, "%s: %s", bad[i], msg);
		free(msg);
		ck_assert_int_eq(c.jobs, 5);
	}
	cli_jobs_default(&c);
	ck_assert_int_ge(c.jobs, 1);
	ck_assert_int_le(c.jobs, CLI_JOBS_MAX);
	cli_common_free(&c);
}
END_TEST

/*
 * Two files (the union header): quoted line breaks, "" quotes, CR LF, a
 * ragged row, a stray quote, rows the callback refuses (with and without
 * a message) and a field larger than a batch.  Every batch size and
 * thread count gives what one thread gives.
 */
START_TEST(jobs_same_as_one)
{
	static const char *batch[] = { NULL, "1", "2", "3", "7" };
	char *files[2], a[PATH_MAX], b[PATH_MAX];
	char *big, *text;
	const char *btext = "v,u\nq,r\nbad,s\n5,6\n";
	struct run one, many;
	size_t i, j, n = 300 * 1024;

	big = malloc(n + 1);
	ck_assert(big != NULL);
	memset(big, 'x', n);
	big[n] = '\0';
	text = malloc(n + 256);
	ck_assert(text != NULL);
	snprintf(text, n + 256, "v,w\r\n1,\"a\nb\"\r\nbad,\"c\"\"d\"\n"
	    "2\n3,\"e\"f\ntold,x\n%s,y\n4,\"\r\n\"\n", big);
	snprintf(a, sizeof a, "%s", write_file("a.csv", text, strlen(text)));
	snprintf(b, sizeof b, "%s", write_file("b.csv", btext,
	    strlen(btext)));
	files[0] = a;
	files[1] = b;
	run(&one, files, 2, 1, NULL);
	/* The rows in order, each at its first line (the quoted break
	   makes "bad" start on line 4). */
	ck_assert_msg(strncmp(one.sn.text, "[3:v] a.csv:2=1,a\nb, a.csv:4="
	    "bad,c\"d, a.csv:7=told,x, a.csv:8=xxx", 58) == 0, "%.80s",
	    one.sn.text);
	ck_assert_int_eq(one.rc, TRACK_EXIT_DATA);
	ck_assert_ptr_nonnull(strstr(one.msg, "a.csv:5: row has 1 field"));
	ck_assert_ptr_nonnull(strstr(one.msg, "a.csv:6: stray quote"));
	ck_assert_msg(strstr(one.msg, "b.csv:3: a bad value") != NULL, "%s", one.msg);
	for (i = 0; i < sizeof batch / sizeof batch[0]; i++) {
		for (j = 2; j <= 3; j++) {
			run(&many, files, 2, (int)j, batch[i]);
			ck_assert_str_eq(many.sn.text, one.sn.text);
			ck_assert_str_eq(many.msg, one.msg);
			ck_assert_str_eq(many.rej, one.rej);
			ck_assert_int_eq(many.rc, one.rc);
			run_free(&many);
		}
	}
	run_free(&one);
	free(big);
	free(text);
}
END_TEST

/*
 * CLI_RAW: a row's raw text (track_row) reaches the callback through the
 * batches as with one thread, and only where it has one: not for a
 * field quoted without need or a bad row.
 */
START_TEST(jobs_raw_text)
{
	static const char *batch[] = { NULL, "1", "2", "3" };
	static const char text[] = "v,w\n1,\"a,b\"\r\n\"2\",x\n3,\"c\nd\"\n"
	    "4,\"e\"f\n5,\"\"\"\"\n6,y\n";
	char *files[1], a[PATH_MAX];
	struct run one, many;
	size_t i, j;

	snprintf(a, sizeof a, "%s", write_file("raw.csv", text,
	    sizeof text - 1));
	files[0] = a;
	init_flags = CLI_RAW;
	run(&one, files, 1, 1, NULL);
	ck_assert_str_eq(one.sn.text, "[2:v] raw.csv:2=1,a,b{,1,\"a,b\"} "
	    "raw.csv:3=2,x raw.csv:4=3,c\nd{,3,\"c\nd\"} "
	    "raw.csv:7=5,\"{,5,\"\"\"\"} raw.csv:8=6,y{,6,y}");
	ck_assert_ptr_nonnull(strstr(one.msg, "raw.csv:6: stray quote"));
	for (i = 0; i < sizeof batch / sizeof batch[0]; i++) {
		for (j = 2; j <= 3; j++) {
			run(&many, files, 1, (int)j, batch[i]);
			ck_assert_str_eq(many.sn.text, one.sn.text);
			ck_assert_str_eq(many.msg, one.msg);
			run_free(&many);
		}
	}
	init_flags = 0;
	run_free(&one);
}
END_TEST

/*
 * A callback's stop ends the reading at that row, as with one thread:
 * the rows after it are neither seen nor reported nor rejected.
 */
START_TEST(jobs_stop)
{
	static const char *batch[] = { NULL, "1", "2" };
	char *files[1], a[PATH_MAX];
	struct run one, many;
	size_t i;
	const char *text = "v\n1\nbad\nstop\n\"never\n2\n";

	snprintf(a, sizeof a, "%s", write_file("stop.csv", text,
	    strlen(text)));
	files[0] = a;
	run(&one, files, 1, 1, NULL);
	ck_assert_str_eq(one.sn.text, "[1:v] stop.csv:2=1 stop.csv:3=bad "
	    "stop.csv:4=stop");
	ck_assert_int_eq(one.rc, TRACK_EXIT_DATA);
	for (i = 0; i < sizeof batch / sizeof batch[0]; i++) {
		run(&many, files, 1, 2, batch[i]);
		ck_assert_str_eq(many.sn.text, one.sn.text);
		ck_assert_str_eq(many.msg, one.msg);
		ck_assert_str_eq(many.rej, one.rej);
		ck_assert_int_eq(many.rc, one.rc);
		run_free(&many);
	}
	run_free(&one);
}
END_TEST

/* One run of cli_read_quiet: `jobs` threads, rows to `fn`. */
static void
run_quiet(struct run *out, char **files, size_t n, int jobs,
    const char *batch, cli_row_fn fn)
{
	struct cli_common c;
	struct capture cap;

	start(out, &c, batch);
	c.jobs = jobs;
	c.progress = 1;		/* even so, no progress line */
	capture_begin(&cap, 2);
	out->rc = cli_read_quiet(&c, files, n, on_header, fn, &out->sn);
	out->msg = capture_end(&cap);
	ck_assert_int_eq(c.progress, 1);
	cli_common_free(&c);
	unsetenv("TRACK_JOBS_BATCH");
}

/* Stops with a failure of its own at "fail"; else as on_row. */
static int
on_row_fail(void *ctx, const track_row *row, track_error *err)
{
	if (str_eq(row->field[0], "fail")) {
		note(ctx, " fail");
		return error_set(err, TRACK_EXIT_IO, NULL, 0, "it failed");
	}
	return on_row(ctx, row, err);
}

/*
 * A first pass (cli_read_quiet): the good rows called back in order, as
 * cli_read_records calls them, with any -j and batch; bad rows and rows
 * the callback calls bad passed over; nothing printed, 0 returned.  A
 * callback's failure stops it with its status, an input that cannot be
 * opened is TRACK_EXIT_IO, both unsaid, and a callback's stop is 0.
 */
START_TEST(quiet_pass)
{
	static const char *batch[] = { NULL, "1", "2", "7" };
	const char *text = "v,w\r\n1,\"a\nb\"\r\nbad,\"c\"\"d\"\n2\n"
	    "3,\"e\"f\ntold,x\n4,\"\r\n\"\n";
	const char *failing = "v\n1\nfail\n2\n";
	char *files[2], a[PATH_MAX], b[PATH_MAX];
	struct run loud, quiet;
	struct cli_common c;
	struct capture cap;
	struct seen sn = { 0 };
	size_t i, j;
	char *msg;
	int rc;

	snprintf(a, sizeof a, "%s", write_file("q.csv", text, strlen(text)));
	snprintf(b, sizeof b, "%s", write_file("f.csv", failing,
	    strlen(failing)));
	files[0] = a;
	run(&loud, files, 1, 1, NULL);
	ck_assert_int_eq(loud.rc, TRACK_EXIT_DATA);
	ck_assert(loud.msg[0] != '\0');
	for (i = 0; i < sizeof batch / sizeof batch[0]; i++)
		for (j = 1; j <= 3; j++) {
			run_quiet(&quiet, files, 1, (int)j, batch[i], on_row);
			ck_assert_str_eq(quiet.sn.text, loud.sn.text);
			ck_assert_str_eq(quiet.msg, "");
			ck_assert_int_eq(quiet.rc, 0);
			run_free(&quiet);
		}
	run_free(&loud);
	/* A failure stops the pass there, unsaid. */
	files[0] = b;
	for (j = 1; j <= 2; j++) {
		run_quiet(&quiet, files, 1, (int)j, "1", on_row_fail);
		ck_assert_str_eq(quiet.sn.text, "[1:v] f.csv:2=1 fail");
		ck_assert_str_eq(quiet.msg, "");
		ck_assert_int_eq(quiet.rc, TRACK_EXIT_IO);
		run_free(&quiet);
	}
	/* No such file: TRACK_EXIT_IO, unsaid. */
	files[0] = (char *)"/nonexistent/in.csv";
	cli_init(&c, "track-test", 0);
	capture_begin(&cap, 2);
	rc = cli_read_quiet(&c, files, 1, on_header, on_row_fail, &sn);
	msg = capture_end(&cap);
	ck_assert_int_eq(rc, TRACK_EXIT_IO);
	ck_assert_str_eq(msg, "");
	ck_assert_ptr_null(sn.text);
	free(msg);
	cli_common_free(&c);
}
END_TEST

/* The line ends of s[a..b) as the reader counts them. */
static long
naive_lines(const char *s, size_t a, size_t b)
{
	long n = 0;
	size_t i;

	for (i = a; i < b; i++)
		if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == b ||
		    s[i + 1] != '\n')))
			n++;
	return n;
}

/* The start of the line after the one at s[a] (s has n bytes), or n. */
static size_t
next_line(const char *s, size_t a, size_t n)
{
	const char *lf = a < n ? memchr(s + a, '\n', n - a) : NULL;

	return lf != NULL ? (size_t)(lf - s) + 1 : n;
}

/*
 * The cutting: the first line start after a point, and the line ends
 * between two line starts (LF, CR LF and a lone CR; a CR LF across the
 * 64 KiB blocks the counting reads).
 */
START_TEST(jobs_cutting)
{
	size_t n = 200000, i, a, b;
	char *s = malloc(n);
	const char *path;
	int fd, bad = 0;

	ck_assert(s != NULL);
	for (i = 0; i < n; i++)
		s[i] = "ab,\"\n\r"[(i * 7919 + i / 13) % 6];
	s[65535] = '\r';	/* a CR LF across the first block's end */
	s[65536] = '\n';
	s[n - 1] = '\n';
	path = write_file("cut.csv", s, n);
	fd = open(path, O_RDONLY);
	ck_assert_int_ge(fd, 0);
	for (a = 0; a < n; a += 4999) {
		long long at = jobs_line_after(fd, (long long)a, (long long)n);
		const char *lf = memchr(s + a, '\n', n - a);

		ck_assert(lf != NULL);
		ck_assert_int_eq(at, lf - s + 1);
	}
	ck_assert_int_eq(jobs_line_after(fd, (long long)n, (long long)n),
	    -1);
	/* Between line starts (after an LF), as the parts are. */
	for (a = 0; a < n; a = next_line(s, a, n)) {
		b = a + 70001 < n ? (size_t)(memchr(s + a + 70001, '\n',
		    n - a - 70001) ? (char *)memchr(s + a + 70001, '\n',
		    n - a - 70001) - s + 1 : (long)n) : n;
		ck_assert_int_eq(jobs_count_lines(fd, (long long)a,
		    (long long)b, &bad), naive_lines(s, a, b));
		ck_assert_int_eq(bad, 0);
		if (a > 1000)
			a += 9000;
	}
	close(fd);
	free(s);
}
END_TEST

/*
 * The file read in parts, cut at every byte (TRACK_JOBS_CUT): the same
 * callbacks, messages and rejects as one reader, whether the cut falls
 * inside a quoted line break, a "" quote, a CR LF, a stray quote or one
 * never closed.
 */
START_TEST(jobs_every_cut)
{
	static const char text[] = "v,w\r\n1,\"a\r\nb\"\r\n2,\"c\"\"d\"\n"
	    "\n3,\"e\n\"\"f\nx\"\n4,\"g\"h\n5,i\n6,\"j\n7,k\rbad,l\n"
	    "8,\"m\nn\",o\n9,\"never\n10,p\n";
	char *files[1], a[PATH_MAX], cut[64];
	struct run one, many;
	size_t at;

	snprintf(a, sizeof a, "%s", write_file("every.csv", text,
	    strlen(text)));
	files[0] = a;
	run(&one, files, 1, 1, NULL);
	ck_assert_int_eq(one.rc, TRACK_EXIT_DATA);
	setenv("TRACK_JOBS_MIN", "0", 1);
	for (at = 0; at <= strlen(text); at++) {
		snprintf(cut, sizeof cut, "%zu,%zu", at, at + 11);
		setenv("TRACK_JOBS_CUT", cut, 1);
		run(&many, files, 1, 3, NULL);
		ck_assert_msg(strcmp(many.sn.text, one.sn.text) == 0,
		    "cut %s: %s", cut, many.sn.text);
		ck_assert_str_eq(many.msg, one.msg);
		ck_assert_str_eq(many.rej, one.rej);
		ck_assert_int_eq(many.rc, one.rc);
		run_free(&many);
	}
	unsetenv("TRACK_JOBS_CUT");
	unsetenv("TRACK_JOBS_MIN");
	run_free(&one);
}
END_TEST

/* ---- cli_ahead: one reader read ahead ---- */

/*
 * Every row of the reader at `path` as text: its status, line, fields,
 * raw text and a bad row's message; through cli_ahead (batches of
 * `batch` rows) when `ahead`, else reader_next.  Stops after `stop`
 * rows (0: none).
 */
static char *
ahead_log(const char *path, int ahead, const char *batch, size_t stop)
{
	struct track_reader_opts ro;
	struct cli_ahead *a = NULL;
	struct seen sn = { 0 };
	track_reader *rd;
	track_error err;
	track_row row;
	enum track_read got;
	const track_str *h;
	size_t n, i, rows = 0;

	if (batch != NULL)
		setenv("TRACK_JOBS_BATCH", batch, 1);
	else
		unsetenv("TRACK_JOBS_BATCH");
	memset(&ro, 0, sizeof ro);
	ro.keep_raw = 1;
	ck_assert_int_eq(reader_open(&rd, path, &ro, &err), 0);
	h = reader_header(rd, &n);
	note(&sn, "[%zu:%.*s]", n, (int)h[0].len, h[0].ptr);
	if (ahead) {
		a = cli_ahead_new(rd);
		ck_assert_ptr_nonnull(a);
	}
	error_clear(&err);
	while ((got = ahead ? cli_ahead_next(a, &row, &err) :
	    reader_next(rd, &row, &err)) != TRACK_READ_EOF) {
		note(&sn, " %d@%ld=", (int)got, row.line);
		for (i = 0; row.field != NULL && i < row.n; i++)
			note(&sn, "%s%.*s", i ? "," : "", (int)(row.field[i].len >
			    20 ? 20 : row.field[i].len), row.field[i].ptr);
		if (row.raw.ptr != NULL)
			note(&sn, "{%.*s}", (int)(row.raw.len > 20 ? 20 :
			    row.raw.len), row.raw.ptr);
		if (got != TRACK_READ_ROW)
			note(&sn, "<%s>", err.text);
		if (got == TRACK_READ_FATAL || ++rows == stop)
			break;
		error_clear(&err);
	}
	/* The header is still the reader's, whole, at the end. */
	h = reader_header(rd, &n);
	note(&sn, " [%zu:%.*s]", n, (int)h[0].len, h[0].ptr);
	cli_ahead_free(a);
	reader_close(rd);
	unsetenv("TRACK_JOBS_BATCH");
	return sn.text;
}

/*
 * cli_ahead gives a reader's rows as reader_next does, whatever the
 * batch size: bad rows with their messages, raw text, quoted breaks, a
 * field larger than a batch; and it stops cleanly part way through.
 */
START_TEST(ahead_same_as_reader)
{
	static const char *batch[] = { NULL, "1", "2", "3", "7" };
	size_t n = 300 * 1024, i, stop;
	char *big = malloc(n + 1), *text = malloc(n + 256), *one, *got;
	char path[PATH_MAX];

	ck_assert(big != NULL && text != NULL);
	memset(big, 'x', n);
	big[n] = '\0';
	snprintf(text, n + 256, "v,w\r\n1,\"a\nb\"\r\nbad,\"c\"\"d\"\n"
	    "2\n3,\"e\"f\ntold,x\n%s,y\n4,\"\r\n\"\n5,z\n", big);
	snprintf(path, sizeof path, "%s", write_file("ahead.csv", text,
	    strlen(text)));
	one = ahead_log(path, 0, NULL, 0);
	ck_assert_msg(strstr(one, "row has 1 field") != NULL &&
	    strstr(one, "stray quote") != NULL && strstr(one, "{5,z}") !=
	    NULL, "%s", one);
	for (i = 0; i < sizeof batch / sizeof batch[0]; i++) {
		got = ahead_log(path, 1, batch[i], 0);
		ck_assert_str_eq(got, one);
		free(got);
	}
	free(one);
	/* Stopped after each row in turn: what was taken, then freed. */
	for (stop = 1; stop <= 8; stop++) {
		one = ahead_log(path, 0, NULL, stop);
		got = ahead_log(path, 1, "2", stop);
		ck_assert_str_eq(got, one);
		free(one);
		free(got);
	}
	free(big);
	free(text);
}
END_TEST

static Suite *
jobs_suite(void)
{
	Suite *s = suite_create("jobs");
	TCase *tc = tcase_create("jobs");

	tcase_add_checked_fixture(tc, tmp_setup, tmp_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, jobs_option);
	tcase_add_test(tc, jobs_same_as_one);
	tcase_add_test(tc, jobs_stop);
	tcase_add_test(tc, jobs_raw_text);
	tcase_add_test(tc, quiet_pass);
	tcase_add_test(tc, jobs_cutting);
	tcase_add_test(tc, jobs_every_cut);
	tcase_add_test(tc, ahead_same_as_reader);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(jobs_suite())
