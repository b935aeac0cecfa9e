/*
 * check_cli.c - unit tests for lib/cli/cli.c: common options, messages, the
 * atomic -o output, --rejects, --shard and list parsing.
 *
 * cli.c talks to the user on stderr (and -V on stdout), so the tests that
 * look at messages point those descriptors at a scratch file for a while.
 */
#include <check.h>
#include <dirent.h>
#include <ftw.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/str.h"
#include "cli/cli.h"
#include "scratch.h"
#include "capture.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/*
 * The scratch directory, made before and removed after the test case, and
 * inside it a fresh directory for each test.
 */
static char dir[128];


static void
test_dir(void)
{
	snprintf(dir, sizeof dir, "%s/t.XXXXXX", tmpdir);
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		abort();
	}
}

/* dir/name in a static buffer (two kept at once). */
static const char *
tmp_path(const char *name)
{
	static char paths[2][PATH_MAX];
	static int next;
	char *p = paths[next++ % 2];

	snprintf(p, PATH_MAX, "%s/%s", dir, name);
	return p;
}

static void
write_text(const char *path, const char *s)
{
	FILE *f = fopen(path, "wb");

	ck_assert_msg(f != NULL, "cannot create %s", path);
	ck_assert(fputs(s, f) >= 0);
	ck_assert(fclose(f) == 0);
}

/* How many entries the test's directory holds. */
static int
dir_entries(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	ck_assert(d != NULL);
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

static track_str
S(const char *z)
{
	track_str s = { z, strlen(z) };

	return s;
}

/* ---- --shard and lists -------------------------------------------- */

START_TEST(shard)
{
	static const struct {
		const char *s;
		unsigned long i, n;
	} good[] = {
		{ "1/1", 1, 1 }, { "3/7", 3, 7 }, { "7/7", 7, 7 },
		{ "10/12", 10, 12 }, { "1/1000000", 1, 1000000 },
	};
	static const char *const bad[] = {
		"0/3", "4/3", "a/b", "1/0", "1/", "/3", "", "1", "3/", "/",
		"1/3x", "1x/3", "-1/3", "1/-3", " 1/3", "1/ 3", "+1/3", "1/+3",
		"1//3", "1/3/5", "0/0", "99999999999999999999999/3",
		"1/99999999999999999999999",
	};
	unsigned long i, n;
	size_t k;

	for (k = 0; k < N(good); k++) {
		i = n = 0;
		ck_assert_msg(cli_parse_shard(good[k].s, &i, &n) == 0,
		    "\"%s\" refused", good[k].s);
		ck_assert_uint_eq(i, good[k].i);
		ck_assert_uint_eq(n, good[k].n);
	}
	for (k = 0; k < N(bad); k++)
		ck_assert_msg(cli_parse_shard(bad[k], &i, &n) == -1,
		    "\"%s\" accepted", bad[k]);
}
END_TEST

START_TEST(split_list_long)
{
	char *s = malloc(20000), **v;
	size_t i, len = 0;
	char want[16];

	ck_assert(s != NULL);
	for (i = 0; i < 2000; i++)
		len += (size_t)sprintf(s + len, "%sc%zu", i ? "," : "", i);
	ck_assert_int_eq(str_split(s, ',', &v), 2000);
	for (i = 0; i < 2000; i++) {
		snprintf(want, sizeof want, "c%zu", i);
		ck_assert_str_eq(v[i], want);
	}
	free(v);
	free(s);
}
END_TEST

/* ---- options ------------------------------------------------------ */

START_TEST(init_defaults)
{
	struct cli_common c;
	struct sigaction sa;

	memset(&c, 0x55, sizeof c);
	cli_init(&c, "track-test", 0);
	ck_assert_str_eq(cli_progname, "track-test");
	ck_assert(c.output == NULL && c.scheme == NULL && c.rejects == NULL);
	ck_assert_int_eq(c.format, TRACK_FMT_CSV);
	ck_assert_int_eq(c.guard, 0);
	ck_assert_int_eq(c.help, 0);
	ck_assert_int_eq(c.version, 0);
	ck_assert(c.ropts.encoding == NULL);
	ck_assert_int_eq(c.ropts.format, TRACK_IN_AUTO);
	ck_assert_int_eq(c.ropts.delimiter, 0);
	ck_assert_uint_eq(c.ropts.max_field, 0);
	ck_assert_uint_eq(c.ropts.max_columns, 0);
	/* stderr is not a terminal here: no progress line. */
	if (!isatty(2))
		ck_assert_int_eq(c.progress, 0);
	/* A closed pipe shows up as EPIPE, not a signal. */
	ck_assert(sigaction(SIGPIPE, NULL, &sa) == 0);
	ck_assert(sa.sa_handler == SIG_IGN);
	/* Report programs guard their CSV by default. */
	cli_init(&c, "track-report-test", 1);
	ck_assert_int_eq(c.guard, 1);
}
END_TEST

START_TEST(simple_options)
{
	struct cli_common c;

	cli_init(&c, "track-test", 0);
	ck_assert_int_eq(cli_option(&c, 'o', "out.csv"), 1);
	ck_assert_str_eq(c.output, "out.csv");
	ck_assert_int_eq(cli_option(&c, 's', "scheme.json"), 1);
	ck_assert_str_eq(c.scheme, "scheme.json");
	ck_assert_int_eq(cli_option(&c, 'e', "windows-1252"), 1);
	ck_assert_str_eq(c.ropts.encoding, "windows-1252");
	ck_assert_int_eq(cli_option(&c, CLI_OPT_REJECTS, "bad.csv"), 1);
	ck_assert_str_eq(c.rejects, "bad.csv");
	ck_assert_int_eq(cli_option(&c, CLI_OPT_EXCEL_SAFE, NULL), 1);
	ck_assert_int_eq(c.guard, 1);
	ck_assert_int_eq(cli_option(&c, CLI_OPT_RAW, NULL), 1);
	ck_assert_int_eq(c.guard, 0);
	c.progress = 1;
	ck_assert_int_eq(cli_option(&c, CLI_OPT_NO_PROGRESS, NULL), 1);
	ck_assert_int_eq(c.progress, 0);
	ck_assert_int_eq(cli_option(&c, 'h', NULL), 1);
	ck_assert_int_eq(c.help, 1);
	ck_assert_int_eq(cli_option(&c, 'V', NULL), 1);
	ck_assert_int_eq(c.version, 1);
	/* Not common options. */
	ck_assert_int_eq(cli_option(&c, 'w', "x=1"), 0);
	ck_assert_int_eq(cli_option(&c, CLI_OPT_FIRST_FREE, "x"), 0);
	ck_assert_int_eq(cli_option(&c, '?', NULL), 0);
}
END_TEST

/* What the usage function of test_getopt was called with (-1: not). */
static int usage_status = -1;

static void
test_usage(int status)
{
	usage_status = status;
}

/* Runs cli_getopt over argv (NULL-terminated) into `got`; returns count. */
static size_t
test_getopt(struct cli_common *c, char **argv, int *got, size_t max)
{
	static const struct option longopts[] = {
		CLI_LONGOPTS,
		{ "mine", required_argument, NULL, CLI_OPT_FIRST_FREE },
		{ NULL, 0, NULL, 0 }
	};
	int argc = 0, opt;
	size_t n = 0;

	while (argv[argc] != NULL)
		argc++;
	optind = 0;
	opterr = 0;
	usage_status = -1;
	while ((opt = cli_getopt(c, argc, argv, CLI_SHORTOPTS "w:", longopts,
	    test_usage)) != -1) {
		ck_assert(n < max);
		got[n++] = opt;
		if (opt == CLI_OPT_BAD)
			break;
	}
	return n;
}

START_TEST(getopt_loop)
{
	struct cli_common c;
	int got[8];
	char *good[] = { "prog", "-e", "utf-8", "-w", "a=1", "--mine", "x",
	    "-d", "tab", "-o", "out.csv", "in.csv", NULL };
	char *plain[] = { "prog", "-w", "a=1", NULL };
	char *bad_delim[] = { "prog", "-w", "a=1", "-d", "ab", "-w", "b=2",
	    NULL };
	char *unknown[] = { "prog", "--nonsense", NULL };
	struct capture cap;
	char *err;

	/* Common options are handled on the way; the program's come back. */
	cli_init(&c, "track-test", 0);
	ck_assert_uint_eq(test_getopt(&c, good, got, 8), 2);
	ck_assert_int_eq(got[0], 'w');
	ck_assert_int_eq(got[1], CLI_OPT_FIRST_FREE);
	ck_assert_int_eq(optind, 11);
	ck_assert_str_eq(c.ropts.encoding, "utf-8");
	ck_assert_int_eq(c.ropts.delimiter, '\t');
	ck_assert_str_eq(c.output, "out.csv");
	ck_assert_int_eq(c.encoding_set, 1);
	ck_assert_int_eq(c.delimiter_set, 1);
	ck_assert_int_eq(usage_status, -1);
	/* Without -e and -d, neither counts as given. */
	cli_init(&c, "track-test", 0);
	ck_assert_uint_eq(test_getopt(&c, plain, got, 8), 1);
	ck_assert_int_eq(c.encoding_set, 0);
	ck_assert_int_eq(c.delimiter_set, 0);
	/* A bad common argument: said, no usage, and the loop ends there. */
	cli_init(&c, "track-test", 0);
	capture_begin(&cap, 2);
	ck_assert_uint_eq(test_getopt(&c, bad_delim, got, 8), 2);
	err = capture_end(&cap);
	ck_assert_int_eq(got[1], CLI_OPT_BAD);
	ck_assert_int_eq(usage_status, -1);
	ck_assert_str_eq(err,
	    "track-test: bad delimiter \"ab\" (one character, or tab)\n");
	free(err);
	/* An unknown option: the usage, as a usage error. */
	cli_init(&c, "track-test", 0);
	ck_assert_uint_eq(test_getopt(&c, unknown, got, 8), 1);
	ck_assert_int_eq(got[0], CLI_OPT_BAD);
	ck_assert_int_eq(usage_status, TRACK_EXIT_USAGE);
}
END_TEST

START_TEST(format_option)
{
	struct cli_common c;
	struct capture cap;
	char *msg;

	cli_init(&c, "track-test", 0);
	ck_assert_int_eq(cli_option(&c, 'F', "json"), 1);
	ck_assert_int_eq(c.format, TRACK_FMT_JSON);
	ck_assert_int_eq(cli_option(&c, 'F', "md"), 1);
	ck_assert_int_eq(c.format, TRACK_FMT_MARKDOWN);
	capture_begin(&cap, 2);
	ck_assert_int_eq(cli_option(&c, 'F', "xml"), -1);
	msg = capture_end(&cap);
	ck_assert_int_eq(c.format, TRACK_FMT_MARKDOWN);
	ck_assert_msg(strncmp(msg, "track-test: ", 12) == 0 &&
	    strstr(msg, "\"xml\"") != NULL, "message: %s", msg);
	free(msg);
}
END_TEST

START_TEST(input_format_option)
{
	static const struct {
		const char *arg;
		enum track_in_format f;
	} good[] = {
		{ "csv", TRACK_IN_CSV }, { "tsv", TRACK_IN_TSV },
		{ "json", TRACK_IN_JSON }, { "jsonl", TRACK_IN_JSON },
		{ "auto", TRACK_IN_AUTO },
	};
	static const char *const bad[] = { "xml", "CSV", "", "table" };
	struct cli_common c;
	struct capture cap;
	size_t k;
	char *msg;

	cli_init(&c, "track-test", 0);
	for (k = 0; k < N(good); k++) {
		ck_assert_int_eq(cli_option(&c, CLI_OPT_INPUT_FORMAT,
		    good[k].arg), 1);
		ck_assert_int_eq(c.ropts.format, good[k].f);
	}
	capture_begin(&cap, 2);
	for (k = 0; k < N(bad); k++)
		ck_assert_msg(cli_option(&c, CLI_OPT_INPUT_FORMAT, bad[k]) ==
		    -1, "\"%s\" accepted", bad[k]);
	msg = capture_end(&cap);
	ck_assert_msg(strstr(msg, "\"xml\"") != NULL, "message: %s", msg);
	free(msg);
}
END_TEST

START_TEST(delimiter_option)
{
	static const struct {
		const char *arg;
		int d;
	} good[] = {
		{ "tab", '\t' }, { "\\t", '\t' }, { "\t", '\t' }, { ";", ';' },
		{ ",", ',' }, { "|", '|' },
	};
	static const char *const bad[] = { "ab", "\"", "", "\n", "\r", ";;" };
	struct cli_common c;
	struct capture cap;
	size_t k;
	char *msg;

	cli_init(&c, "track-test", 0);
	for (k = 0; k < N(good); k++) {
		ck_assert_int_eq(cli_option(&c, 'd', good[k].arg), 1);
		ck_assert_int_eq(c.ropts.delimiter, good[k].d);
	}
	capture_begin(&cap, 2);
	for (k = 0; k < N(bad); k++)
		ck_assert_msg(cli_option(&c, 'd', bad[k]) == -1,
		    "\"%s\" accepted", bad[k]);
	msg = capture_end(&cap);
	ck_assert_int_eq(c.ropts.delimiter, '|');
	ck_assert_msg(strstr(msg, "track-test: ") == msg, "message: %s", msg);
	free(msg);
}
END_TEST

START_TEST(size_options)
{
	static const struct {
		const char *arg;
		size_t v;
	} good[] = {
		{ "10", 10 }, { "4K", 4096 }, { "4k", 4096 },
		{ "2M", 2 * 1024 * 1024 }, { "16m", 16 * 1024 * 1024 },
		{ "1G", (size_t)1 << 30 }, { "1", 1 },
	};
	static const char *const bad[] = {
		"0", "0K", "-1", "-1K", "abc", "5X", "", "1KB", "K",
		"1.5M", "18446744073709551616", "99999999999999999999999",
		/* Would wrap around when the suffix is applied. */
		"18014398509481985K", "17179869185G",
	};
	struct cli_common c;
	struct capture cap;
	size_t k;
	char *msg;

	cli_init(&c, "track-test", 0);
	for (k = 0; k < N(good); k++) {
		ck_assert_int_eq(cli_option(&c, CLI_OPT_MAX_FIELD,
		    good[k].arg), 1);
		ck_assert_uint_eq(c.ropts.max_field, good[k].v);
		ck_assert_int_eq(cli_option(&c, CLI_OPT_MAX_COLUMNS,
		    good[k].arg), 1);
		ck_assert_uint_eq(c.ropts.max_columns, good[k].v);
	}
	capture_begin(&cap, 2);
	for (k = 0; k < N(bad); k++) {
		ck_assert_msg(cli_option(&c, CLI_OPT_MAX_FIELD, bad[k]) == -1,
		    "--max-field-size \"%s\" accepted (as %zu)", bad[k],
		    c.ropts.max_field);
		ck_assert_msg(cli_option(&c, CLI_OPT_MAX_COLUMNS, bad[k]) ==
		    -1, "--max-columns \"%s\" accepted", bad[k]);
	}
	msg = capture_end(&cap);
	ck_assert_msg(strstr(msg, "track-test: bad --max-field-size \"0\"") !=
	    NULL, "message: %s", msg);
	ck_assert_msg(strstr(msg, "--max-columns \"abc\"") != NULL,
	    "message: %s", msg);
	free(msg);
}
END_TEST

/* ---- messages ----------------------------------------------------- */

START_TEST(messages)
{
	struct cli_common c;
	struct capture cap;
	track_error err;
	char *msg;

	cli_init(&c, "track-test", 0);
	capture_begin(&cap, 2);
	cli_error("cannot open %s", "x.csv");
	cli_warn("%d superseded", 3);
	error_set(&err, TRACK_EXIT_DATA, "marks.csv", 17, "bad \"EXPT\"");
	cli_report(&err);
	error_set(&err, TRACK_EXIT_DATA, "marks.csv", 0, "no rows");
	cli_report(&err);
	error_set(&err, TRACK_EXIT_USAGE, NULL, 0, "bad option");
	cli_report(&err);
	msg = capture_end(&cap);
	ck_assert_str_eq(msg,
	    "track-test: cannot open x.csv\n"
	    "track-test: warning: 3 superseded\n"
	    "track-test: marks.csv:17: bad \"EXPT\"\n"
	    "track-test: marks.csv: no rows\n"
	    "track-test: bad option\n");
	free(msg);
}
END_TEST

START_TEST(version)
{
	struct cli_common c;
	struct capture cap;
	char *msg;

	cli_init(&c, "track-test", 0);
	capture_begin(&cap, 1);
	cli_version();
	msg = capture_end(&cap);
	ck_assert_str_eq(msg, "track-test (track) " TRACK_VERSION "\n");
	free(msg);
}
END_TEST

START_TEST(progress_off)
{
	struct cli_common c;
	struct capture cap;
	unsigned long long i;
	char *msg;

	cli_init(&c, "track-test", 0);
	c.progress = 0;
	capture_begin(&cap, 2);
	for (i = 0; i < 300000; i++)
		cli_progress(&c, i);
	cli_progress_done(&c);
	msg = capture_end(&cap);
	ck_assert_str_eq(msg, "");
	free(msg);
}
END_TEST

/* ---- -o ----------------------------------------------------------- */

/* Opens -o `path`, writes a header and one row, and closes with status. */
static int
output_run(const char *path, int status)
{
	struct cli_common c;
	struct cli_output o;
	track_error err;
	track_str h[2] = { S("pupil"), S("value") };
	track_str r[2] = { S("A1"), S("=EXS") };
	char *during;

	cli_init(&c, "track-test", 0);
	c.output = path;
	ck_assert_int_eq(cli_output_open(&o, &c), 0);
	ck_assert(o.w != NULL);
	ck_assert(o.file.fd > 2);
	ck_assert(o.file.tmp != NULL);
	ck_assert_int_eq(writer_header(o.w, h, 2, &err), 0);
	ck_assert_int_eq(writer_row(o.w, r, 2, &err), 0);
	/* Nothing reaches the target before the close. */
	during = read_text(path);
	ck_assert(during == NULL || strstr(during, "A1") == NULL);
	free(during);
	return cli_output_close(&o, status);
}

START_TEST(output_success)
{
	const char *path = tmp_path("out.csv");
	char *got;

	write_text(path, "old\n");
	ck_assert_int_eq(output_run(path, 0), 0);
	got = read_text(path);
	ck_assert_str_eq(got, "pupil,value\nA1,=EXS\n");
	free(got);
	/* No temporary file left beside it. */
	ck_assert_int_eq(dir_entries(), 1);
	unlink(path);
}
END_TEST

START_TEST(output_bad_data)
{
	const char *path = tmp_path("out.csv");
	char *got;

	/* Bad data still renames: the good rows are the output. */
	write_text(path, "old\n");
	ck_assert_int_eq(output_run(path, TRACK_EXIT_DATA), TRACK_EXIT_DATA);
	got = read_text(path);
	ck_assert_str_eq(got, "pupil,value\nA1,=EXS\n");
	free(got);
	ck_assert_int_eq(dir_entries(), 1);
	unlink(path);
}
END_TEST

START_TEST(output_io_error)
{
	const char *path = tmp_path("out.csv");
	char *got;

	/* An I/O error never renames: the old file stays as it was. */
	write_text(path, "old\n");
	ck_assert_int_eq(output_run(path, TRACK_EXIT_IO), TRACK_EXIT_IO);
	got = read_text(path);
	ck_assert_str_eq(got, "old\n");
	free(got);
	ck_assert_int_eq(dir_entries(), 1);
	/* Nor a usage error. */
	ck_assert_int_eq(output_run(path, TRACK_EXIT_USAGE), TRACK_EXIT_USAGE);
	got = read_text(path);
	ck_assert_str_eq(got, "old\n");
	free(got);
	ck_assert_int_eq(dir_entries(), 1);
	unlink(path);
	/* And with no old file, no file at all. */
	ck_assert_int_eq(output_run(path, TRACK_EXIT_IO), TRACK_EXIT_IO);
	ck_assert_int_eq(access(path, F_OK), -1);
	ck_assert_int_eq(dir_entries(), 0);
}
END_TEST

START_TEST(output_mode)
{
	const char *path = tmp_path("out.csv");
	struct stat st;
	mode_t old = umask(022);

	/* The mode of the file replaced is kept... */
	write_text(path, "old\n");
	ck_assert(chmod(path, 0640) == 0);
	ck_assert_int_eq(output_run(path, 0), 0);
	ck_assert(stat(path, &st) == 0);
	ck_assert_uint_eq(st.st_mode & 07777, 0640);
	unlink(path);
	/* ...and a new file gets 0666 less the umask. */
	ck_assert_int_eq(output_run(path, 0), 0);
	ck_assert(stat(path, &st) == 0);
	ck_assert_uint_eq(st.st_mode & 07777, 0644);
	unlink(path);
	umask(old);
}
END_TEST

START_TEST(output_same_as_input)
{
	const char *path = tmp_path("data.csv");
	struct cli_common c;
	struct cli_output o;
	track_error err;
	char *in, *got;

	/* -o FILE may also be the input: read it all, then replace it. */
	write_text(path, "a\n1\n");
	cli_init(&c, "track-test", 0);
	c.output = path;
	ck_assert_int_eq(cli_output_open(&o, &c), 0);
	in = read_text(path);
	ck_assert_str_eq(in, "a\n1\n");
	ck_assert_int_eq(writer_header(o.w, (track_str[]){ S("a") }, 1,
	    &err), 0);
	ck_assert_int_eq(writer_row(o.w, (track_str[]){ S("2") }, 1, &err),
	    0);
	ck_assert_int_eq(cli_output_close(&o, 0), 0);
	got = read_text(path);
	ck_assert_str_eq(got, "a\n2\n");
	free(in);
	free(got);
	unlink(path);
}
END_TEST

START_TEST(output_no_directory)
{
	struct cli_common c;
	struct cli_output o;
	struct capture cap;
	char *msg;

	cli_init(&c, "track-test", 0);
	c.output = tmp_path("missing-dir/out.csv");
	capture_begin(&cap, 2);
	ck_assert_int_eq(cli_output_open(&o, &c), TRACK_EXIT_IO);
	msg = capture_end(&cap);
	ck_assert_msg(strncmp(msg, "track-test: ", 12) == 0 &&
	    strstr(msg, "out.csv") != NULL, "message: %s", msg);
	free(msg);
	ck_assert_int_eq(dir_entries(), 0);
}
END_TEST

START_TEST(output_html_refused)
{
	struct cli_common c;
	struct cli_output o;
	struct capture cap;
	char *msg;

	cli_init(&c, "track-test", 0);
	c.output = tmp_path("out.html");
	c.format = TRACK_FMT_HTML;
	capture_begin(&cap, 2);
	ck_assert_int_eq(cli_output_open(&o, &c), TRACK_EXIT_USAGE);
	msg = capture_end(&cap);
	ck_assert_msg(strstr(msg, "html") != NULL, "message: %s", msg);
	free(msg);
	/* The temporary file went with it. */
	ck_assert_int_eq(dir_entries(), 0);
}
END_TEST

START_TEST(output_guard)
{
	const char *path = tmp_path("out.csv");
	struct cli_common c;
	struct cli_output o;
	track_error err;
	char *got;

	cli_init(&c, "track-test", 1);
	c.output = path;
	ck_assert_int_eq(cli_output_open(&o, &c), 0);
	ck_assert_int_eq(writer_header(o.w, (track_str[]){ S("v") }, 1, &err),
	    0);
	ck_assert_int_eq(writer_row(o.w, (track_str[]){ S("=1") }, 1, &err),
	    0);
	ck_assert_int_eq(cli_output_close(&o, 0), 0);
	got = read_text(path);
	ck_assert_str_eq(got, "v\n'=1\n");
	free(got);
	unlink(path);
}
END_TEST

/* Writes one row to stdout through cli_output with output `name`. */
static char *
stdout_run(const char *name)
{
	struct cli_common c;
	struct cli_output o;
	struct capture cap;
	track_error err;

	cli_init(&c, "track-test", 0);
	c.output = name;
	c.format = TRACK_FMT_JSON;
	capture_begin(&cap, 1);
	ck_assert_int_eq(cli_output_open(&o, &c), 0);
	ck_assert_int_eq(o.file.fd, 1);
	ck_assert(o.file.path == NULL);
	ck_assert_int_eq(writer_header(o.w, (track_str[]){ S("a") }, 1, &err),
	    0);
	ck_assert_int_eq(writer_row(o.w, (track_str[]){ S("1") }, 1, &err),
	    0);
	ck_assert_int_eq(cli_output_close(&o, 0), 0);
	return capture_end(&cap);
}

START_TEST(output_stdout)
{
	char *got = stdout_run("-");

	ck_assert_str_eq(got, "{\"a\":\"1\"}\n");
	free(got);
	got = stdout_run(NULL);
	ck_assert_str_eq(got, "{\"a\":\"1\"}\n");
	free(got);
	ck_assert_int_eq(dir_entries(), 0);
}
END_TEST

START_TEST(output_closed_pipe)
{
	struct cli_common c;
	struct cli_output o;
	struct capture cap;
	track_error err;
	int p[2], save = dup(1), i, st;
	char *msg;

	/* stdout is a pipe whose reader went away (| head). */
	cli_init(&c, "track-test", 0);
	ck_assert(pipe(p) == 0 && save >= 0);
	close(p[0]);
	ck_assert(dup2(p[1], 1) == 1);
	close(p[1]);
	capture_begin(&cap, 2);
	ck_assert_int_eq(cli_output_open(&o, &c), 0);
	ck_assert_int_eq(writer_header(o.w, (track_str[]){ S("a") }, 1, &err),
	    0);
	for (i = 0; i < 10; i++)
		writer_row(o.w, (track_str[]){ S("x") }, 1, &err);
	st = cli_output_close(&o, TRACK_EXIT_DATA);
	msg = capture_end(&cap);
	dup2(save, 1);
	close(save);
	/* It ends quietly, with the status it had. */
	ck_assert_int_eq(st, TRACK_EXIT_DATA);
	ck_assert_str_eq(msg, "");
	free(msg);
}
END_TEST

/* ---- --rejects ---------------------------------------------------- */

START_TEST(rejects)
{
	const char *path = tmp_path("rejects.csv");
	struct cli_common c;
	struct cli_rejects rj;
	struct capture cap;
	track_error err;
	track_str hdr[2] = { S("a"), S("b") };
	track_str f1[1] = { S("=1") }, f2[3] = { S("x,y"), S("2"), S("3") };
	track_row r1 = { f1, 1, 3, "in.csv", { NULL, 0 }, 0 },
	    r2 = { f2, 3, 4, "in.csv", { NULL, 0 }, 0 },
	    r3 = { NULL, 0, 5, "in.csv", { NULL, 0 }, 0 };
	char *got, *msg;

	cli_init(&c, "track-test", 1);
	c.rejects = path;
	ck_assert_int_eq(cli_rejects_open(&rj, &c), 0);
	capture_begin(&cap, 2);
	error_set(&err, TRACK_EXIT_DATA, "in.csv", 3, "row has 1 field");
	ck_assert_int_eq(cli_reject(&rj, &err, hdr, 2, &r1), 0);
	ck_assert_int_eq(cli_reject_quiet(&rj, hdr, 2, &r2), 0);
	/* A row with nothing kept (an oversized field) adds no line. */
	error_set(&err, TRACK_EXIT_DATA, "in.csv", 5, "field too long");
	ck_assert_int_eq(cli_reject(&rj, &err, hdr, 2, &r3), 0);
	msg = capture_end(&cap);
	ck_assert_int_eq(cli_rejects_close(&rj, TRACK_EXIT_DATA),
	    TRACK_EXIT_DATA);
	ck_assert_str_eq(msg, "track-test: in.csv:3: row has 1 field\n"
	    "track-test: in.csv:5: field too long\n");
	/* Rows as they were: raw CSV, no guard, own field counts. */
	got = read_text(path);
	ck_assert_str_eq(got, "a,b\n=1\n\"x,y\",2,3\n");
	free(got);
	free(msg);
	unlink(path);
}
END_TEST

START_TEST(rejects_header_only)
{
	const char *path = tmp_path("rejects.csv");
	struct cli_common c;
	struct cli_rejects rj;
	struct capture cap;
	track_error err;
	track_str hdr[1] = { S("a") };
	track_row r = { NULL, 0, 2, "in.csv", { NULL, 0 }, 0 };
	char *got, *msg;

	cli_init(&c, "track-test", 0);
	c.rejects = path;
	ck_assert_int_eq(cli_rejects_open(&rj, &c), 0);
	capture_begin(&cap, 2);
	error_set(&err, TRACK_EXIT_DATA, "in.csv", 2, "too long");
	ck_assert_int_eq(cli_reject(&rj, &err, hdr, 1, &r), 0);
	msg = capture_end(&cap);
	ck_assert_int_eq(cli_rejects_close(&rj, TRACK_EXIT_DATA),
	    TRACK_EXIT_DATA);
	got = read_text(path);
	ck_assert_str_eq(got, "a\n");
	free(got);
	free(msg);
	unlink(path);
}
END_TEST

START_TEST(rejects_none)
{
	struct cli_common c;
	struct cli_rejects rj;
	struct capture cap;
	track_error err;
	track_str f[1] = { S("1") };
	track_row r = { f, 1, 2, "in.csv", { NULL, 0 }, 0 };
	char *msg;

	/* Without --rejects, a bad row is only reported. */
	cli_init(&c, "track-test", 0);
	ck_assert_int_eq(cli_rejects_open(&rj, &c), 0);
	capture_begin(&cap, 2);
	error_set(&err, TRACK_EXIT_DATA, "in.csv", 2, "bad");
	ck_assert_int_eq(cli_reject(&rj, &err, f, 1, &r), 0);
	ck_assert_int_eq(cli_reject_quiet(&rj, f, 1, &r), 0);
	msg = capture_end(&cap);
	ck_assert_int_eq(cli_rejects_close(&rj, TRACK_EXIT_DATA),
	    TRACK_EXIT_DATA);
	ck_assert_str_eq(msg, "track-test: in.csv:2: bad\n");
	free(msg);
	ck_assert_int_eq(dir_entries(), 0);
}
END_TEST

START_TEST(rejects_unwritable)
{
	struct cli_common c;
	struct cli_rejects rj;
	struct capture cap;
	char *msg;

	cli_init(&c, "track-test", 0);
	c.rejects = tmp_path("missing-dir/rejects.csv");
	capture_begin(&cap, 2);
	ck_assert_int_eq(cli_rejects_open(&rj, &c), TRACK_EXIT_IO);
	msg = capture_end(&cap);
	ck_assert_msg(strstr(msg, "rejects.csv") != NULL, "message: %s", msg);
	free(msg);
}
END_TEST

/* ---- Where output goes: links, special files, modes, signals -------- */

START_TEST(output_symlink_followed)
{
	char target[PATH_MAX], link[PATH_MAX], *got;
	struct stat st;

	/* The file a link points to is replaced; the link stays a link. */
	snprintf(target, sizeof target, "%s", tmp_path("target.csv"));
	snprintf(link, sizeof link, "%s", tmp_path("link.csv"));
	write_text(target, "old\n");
	ck_assert(chmod(target, 0640) == 0);
	ck_assert(symlink("target.csv", link) == 0);
	ck_assert_int_eq(output_run(link, 0), 0);
	ck_assert(lstat(link, &st) == 0 && S_ISLNK(st.st_mode));
	ck_assert(stat(target, &st) == 0);
	ck_assert_uint_eq(st.st_mode & 07777, 0640);
	got = read_text(target);
	ck_assert_str_eq(got, "pupil,value\nA1,=EXS\n");
	free(got);
	ck_assert_int_eq(dir_entries(), 2);
	/* A dangling link names the file to create. */
	unlink(target);
	ck_assert_int_eq(output_run(link, 0), 0);
	ck_assert(lstat(link, &st) == 0 && S_ISLNK(st.st_mode));
	got = read_text(target);
	ck_assert_str_eq(got, "pupil,value\nA1,=EXS\n");
	free(got);
	ck_assert_int_eq(dir_entries(), 2);
}
END_TEST

START_TEST(output_fifo_in_place)
{
	const char *path = tmp_path("fifo");
	struct cli_common c;
	struct cli_output o;
	track_error err;
	struct stat st;
	char got[64];
	int rd;
	ssize_t n;

	/* A FIFO is written into, never replaced by a regular file. */
	ck_assert(mkfifo(path, 0600) == 0);
	rd = open(path, O_RDONLY | O_NONBLOCK);
	ck_assert(rd >= 0);
	cli_init(&c, "track-test", 0);
	c.output = path;
	ck_assert_int_eq(cli_output_open(&o, &c), 0);
	ck_assert(o.file.tmp == NULL);
	ck_assert_int_eq(writer_header(o.w, (track_str[]){ S("a") }, 1, &err),
	    0);
	ck_assert_int_eq(cli_output_close(&o, 0), 0);
	n = read(rd, got, sizeof got - 1);
	ck_assert_int_eq(n, 2);
	got[n] = '\0';
	ck_assert_str_eq(got, "a\n");
	close(rd);
	ck_assert(lstat(path, &st) == 0 && S_ISFIFO(st.st_mode));
	ck_assert_int_eq(dir_entries(), 1);
}
END_TEST

START_TEST(output_socket_in_place)
{
	const char *path = tmp_path("sock");
	struct sockaddr_un sa;
	struct cli_common c;
	struct cli_output o;
	track_error err;
	struct stat st;
	char got[64];
	int ls, conn;
	ssize_t n;

	/* A Unix socket is connected to and written, never replaced. */
	memset(&sa, 0, sizeof sa);
	sa.sun_family = AF_UNIX;
	ck_assert(strlen(path) < sizeof sa.sun_path);
	strcpy(sa.sun_path, path);
	ls = socket(AF_UNIX, SOCK_STREAM, 0);
	ck_assert(ls >= 0);
	ck_assert(bind(ls, (struct sockaddr *)&sa, sizeof sa) == 0);
	ck_assert(listen(ls, 1) == 0);
	cli_init(&c, "track-test", 0);
	c.output = path;
	ck_assert_int_eq(cli_output_open(&o, &c), 0);
	ck_assert(o.file.tmp == NULL);
	ck_assert_int_eq(writer_header(o.w, (track_str[]){ S("b") }, 1, &err),
	    0);
	ck_assert_int_eq(cli_output_close(&o, TRACK_EXIT_DATA),
	    TRACK_EXIT_DATA);
	conn = accept(ls, NULL, NULL);
	ck_assert(conn >= 0);
	n = read(conn, got, sizeof got - 1);
	ck_assert_int_eq(n, 2);
	got[n] = '\0';
	ck_assert_str_eq(got, "b\n");
	close(conn);
	close(ls);
	ck_assert(lstat(path, &st) == 0 && S_ISSOCK(st.st_mode));
	ck_assert_int_eq(dir_entries(), 1);
}
END_TEST

START_TEST(output_mode_from_inputs)
{
	char in[PATH_MAX], in2[PATH_MAX], out[PATH_MAX];
	char *files[2] = { in, in2 };
	struct cli_common c;
	struct cli_output o;
	struct stat st;
	mode_t old = umask(022);

	/* A new file is no more open than the most restrictive input. */
	snprintf(in, sizeof in, "%s", tmp_path("in.csv"));
	snprintf(in2, sizeof in2, "%s", tmp_path("in2.csv"));
	snprintf(out, sizeof out, "%s", tmp_path("out.csv"));
	write_text(in, "a\n");
	write_text(in2, "a\n");
	ck_assert(chmod(in, 0640) == 0 && chmod(in2, 0604) == 0);
	cli_init(&c, "track-test", 0);
	cli_inputs(&c, files, 2);
	c.output = out;
	ck_assert_int_eq(cli_output_open(&o, &c), 0);
	ck_assert_int_eq(cli_output_close(&o, 0), 0);
	ck_assert(stat(out, &st) == 0);
	ck_assert_uint_eq(st.st_mode & 07777, 0600);
	unlink(out);
	/* The umask still applies; cli_common_free forgets the inputs. */
	umask(077);
	ck_assert(chmod(in, 0644) == 0);
	cli_inputs(&c, files, 1);
	ck_assert_int_eq(cli_output_open(&o, &c), 0);
	ck_assert_int_eq(cli_output_close(&o, 0), 0);
	ck_assert(stat(out, &st) == 0);
	ck_assert_uint_eq(st.st_mode & 07777, 0600);
	unlink(out);
	umask(022);
	cli_common_free(&c);
	cli_init(&c, "track-test", 0);
	c.output = out;
	ck_assert_int_eq(cli_output_open(&o, &c), 0);
	ck_assert_int_eq(cli_output_close(&o, 0), 0);
	ck_assert(stat(out, &st) == 0);
	ck_assert_uint_eq(st.st_mode & 07777, 0644);
	umask(old);
}
END_TEST

START_TEST(output_signal_removes_temp)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	const char *path = tmp_path("out.csv");
	struct cli_common c;
	struct cli_output o;
	char *got;
	size_t i;
	pid_t pid;
	int st;

	write_text(path, "old\n");
	for (i = 0; i < N(sigs); i++) {
		pid = fork();
		ck_assert(pid >= 0);
		if (pid == 0) {
			struct sigaction cur;

			/* Not ignored (but a handler set earlier may stay). */
			if (sigaction(sigs[i], NULL, &cur) == 0 &&
			    cur.sa_handler == SIG_IGN)
				signal(sigs[i], SIG_DFL);
			cli_init(&c, "track-test", 0);
			c.output = path;
			if (cli_output_open(&o, &c) != 0 || dir_entries() != 2)
				_exit(99);
			raise(sigs[i]);
			_exit(98);
		}
		ck_assert(waitpid(pid, &st, 0) == pid);
		ck_assert_msg(WIFSIGNALED(st) && WTERMSIG(st) == sigs[i],
		    "signal %d: status %#x", sigs[i], st);
		/* The temporary file went; the old file is as it was. */
		ck_assert_int_eq(dir_entries(), 1);
		got = read_text(path);
		ck_assert_str_eq(got, "old\n");
		free(got);
	}
}
END_TEST

START_TEST(rejects_input_refused)
{
	char in[PATH_MAX], other[PATH_MAX];
	char *files[1] = { in };
	struct cli_common c;
	struct cli_rejects rj;
	struct capture cap;
	char *msg, *got;

	/* The same file by another name (a hard link) is still an input. */
	snprintf(in, sizeof in, "%s", tmp_path("in.csv"));
	snprintf(other, sizeof other, "%s", tmp_path("again.csv"));
	write_text(in, "a\n1\n");
	ck_assert(link(in, other) == 0);
	cli_init(&c, "track-test", 0);
	cli_inputs(&c, files, 1);
	c.rejects = other;
	capture_begin(&cap, 2);
	ck_assert_int_eq(cli_rejects_open(&rj, &c), TRACK_EXIT_USAGE);
	msg = capture_end(&cap);
	ck_assert_msg(strstr(msg, "names an input") != NULL, "message: %s",
	    msg);
	free(msg);
	got = read_text(in);
	ck_assert_str_eq(got, "a\n1\n");
	free(got);
	ck_assert_int_eq(dir_entries(), 2);
	/* And the -o output may not be the rejects file either. */
	c.rejects = tmp_path("out.csv");
	c.output = tmp_path("out.csv");
	capture_begin(&cap, 2);
	ck_assert_int_eq(cli_rejects_open(&rj, &c), TRACK_EXIT_USAGE);
	msg = capture_end(&cap);
	ck_assert_msg(strstr(msg, "also the -o output") != NULL,
	    "message: %s", msg);
	free(msg);
	ck_assert_int_eq(dir_entries(), 2);
	cli_common_free(&c);
}
END_TEST

/* Opens --rejects `path`, rejects `nrows` rows, closes with `status`. */
static int
rejects_run(const char *path, int nrows, int status)
{
	struct cli_common c;
	struct cli_rejects rj;
	track_str hdr[1] = { S("a") }, f[1] = { S("x") };
	track_row r = { f, 1, 2, "in.csv", { NULL, 0 }, 0 };
	char *before = read_text(path), *during;
	int i;

	cli_init(&c, "track-test", 0);
	c.rejects = path;
	ck_assert_int_eq(cli_rejects_open(&rj, &c), 0);
	ck_assert(rj.file.tmp != NULL);
	for (i = 0; i < nrows; i++)
		ck_assert_int_eq(cli_reject_quiet(&rj, hdr, 1, &r), 0);
	/* Nothing reaches the file before the close. */
	during = read_text(path);
	ck_assert(before == NULL ? during == NULL :
	    during != NULL && strcmp(before, during) == 0);
	free(before);
	free(during);
	return cli_rejects_close(&rj, status);
}

START_TEST(rejects_atomic)
{
	const char *path = tmp_path("bad.csv");
	struct stat st;
	char *got;

	/* Nothing rejected and no file before: no file after. */
	ck_assert_int_eq(rejects_run(path, 0, 0), 0);
	ck_assert_int_eq(dir_entries(), 0);
	/* Rows rejected: written, renamed at the end (exit 1 too). */
	ck_assert_int_eq(rejects_run(path, 2, TRACK_EXIT_DATA),
	    TRACK_EXIT_DATA);
	got = read_text(path);
	ck_assert_str_eq(got, "a\nx\nx\n");
	free(got);
	ck_assert(chmod(path, 0640) == 0);
	/* Exit 3 never renames: the old file stays. */
	ck_assert_int_eq(rejects_run(path, 1, TRACK_EXIT_IO), TRACK_EXIT_IO);
	got = read_text(path);
	ck_assert_str_eq(got, "a\nx\nx\n");
	free(got);
	ck_assert_int_eq(dir_entries(), 1);
	/* Nothing rejected but the file was there: emptied, mode kept. */
	ck_assert_int_eq(rejects_run(path, 0, 0), 0);
	ck_assert(stat(path, &st) == 0);
	ck_assert_int_eq(st.st_size, 0);
	ck_assert_uint_eq(st.st_mode & 07777, 0640);
	ck_assert_int_eq(dir_entries(), 1);
}
END_TEST

/* What the read-loop test's callbacks saw. */
struct seen {
	char text[256];
	size_t len;
};

static int
seen_header(void *ctx, const track_str *h, size_t n, track_error *err)
{
	struct seen *sn = ctx;

	(void)err;
	sn->len += (size_t)snprintf(sn->text + sn->len,
	    sizeof sn->text - sn->len, "[%zu:%.*s]", n, (int)h[0].len,
	    h[0].ptr);
	return 0;
}

/* Notes file:line=first field; refuses a row whose value is "bad". */
static int
seen_row(void *ctx, const track_row *row, track_error *err)
{
	struct seen *sn = ctx;
	const char *slash = strrchr(row->file, '/');

	sn->len += (size_t)snprintf(sn->text + sn->len,
	    sizeof sn->text - sn->len, "%s:%ld=%.*s ",
	    slash != NULL ? slash + 1 : row->file, row->line,
	    (int)row->field[0].len, row->field[0].ptr);
	if (str_eq(row->field[0], "bad"))
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "a bad value");
	if (str_eq(row->field[0], "told"))
		return TRACK_EXIT_DATA;	/* reported by the callback */
	if (str_eq(row->field[0], "stop"))
		return CLI_STOP;
	if (str_eq(row->field[0], "fail"))
		return TRACK_EXIT_IO;	/* reported by the callback */
	return 0;
}

START_TEST(read_loop_file_and_line)
{
	char a[512], b[512];
	char *files[2] = { a, b };
	struct cli_common c;
	struct capture cap;
	struct seen sn = { "", 0 };
	char *msg;
	int rc;

	snprintf(a, sizeof a, "%s", tmp_path("one.csv"));
	snprintf(b, sizeof b, "%s", tmp_path("two.csv"));
	write_text(a, "v\n1\n\"2\n2\"\n3\n");
	write_text(b, "v\nbad\n4\n");
	cli_init(&c, "track-test", 0);
	c.progress = 0;
	capture_begin(&cap, 2);
	rc = cli_read_records(&c, files, 2, NULL, seen_header, seen_row, &sn);
	msg = capture_end(&cap);
	/* Each row carries its own file and first line (a quoted line
	   break makes the third row start on line 4). */
	ck_assert_str_eq(sn.text, "[1:v]one.csv:2=1 one.csv:3=2\n2 "
	    "one.csv:5=3 two.csv:2=bad two.csv:3=4 ");
	/* A row the callback refuses is reported at its file and line. */
	ck_assert_int_eq(rc, TRACK_EXIT_DATA);
	ck_assert_msg(strstr(msg, "two.csv:2: a bad value") != NULL,
	    "message: %s", msg);
	free(msg);
	/* The loop recorded both files as inputs. */
	ck_assert_uint_eq(c.nin, 2);
	cli_common_free(&c);
	ck_assert_uint_eq(c.nin, 0);
}
END_TEST

/* Quiet statuses: a callback that printed its own message, and CLI_STOP. */
START_TEST(read_loop_quiet)
{
	char a[512], rej[512];
	char *files[1] = { a };
	struct cli_common c;
	struct cli_rejects rj;
	struct capture cap;
	struct seen sn = { "", 0 };
	char *msg, *got;
	int rc;

	snprintf(a, sizeof a, "%s", tmp_path("quiet.csv"));
	snprintf(rej, sizeof rej, "%s", tmp_path("quiet-rejects.csv"));
	write_text(a, "v\n1\ntold\nstop\n2\n");
	cli_init(&c, "track-test", 0);
	c.progress = 0;
	c.rejects = rej;
	ck_assert_int_eq(cli_rejects_open(&rj, &c), 0);
	capture_begin(&cap, 2);
	rc = cli_read_records(&c, files, 1, &rj, seen_header, seen_row, &sn);
	msg = capture_end(&cap);
	/* "told" is bad but printed nothing more; reading stopped at "stop",
	   so "2" was never read, and the status is the rows' so far. */
	ck_assert_str_eq(sn.text, "[1:v]quiet.csv:2=1 quiet.csv:3=told "
	    "quiet.csv:4=stop ");
	ck_assert_int_eq(rc, TRACK_EXIT_DATA);
	ck_assert_str_eq(msg, "");
	free(msg);
	ck_assert_int_eq(cli_rejects_close(&rj, rc), TRACK_EXIT_DATA);
	got = read_text(rej);
	ck_assert_str_eq(got, "v\ntold\n");
	free(got);
	/* A failure the callback reported stops the loop without a word. */
	write_text(a, "v\nfail\n3\n");
	sn.len = 0;
	capture_begin(&cap, 2);
	rc = cli_read_records(&c, files, 1, NULL, seen_header, seen_row, &sn);
	msg = capture_end(&cap);
	ck_assert_int_eq(rc, TRACK_EXIT_IO);
	ck_assert_str_eq(msg, "");
	ck_assert_str_eq(sn.text, "[1:v]quiet.csv:2=fail ");
	free(msg);
	cli_common_free(&c);
}
END_TEST

/* Reports `text` at file:line (col), an error or a warning. */
static void
problem(const char *file, long line, unsigned col, int warning,
    const char *text)
{
	track_error e;

	error_set(&e, warning ? TRACK_EXIT_OK : TRACK_EXIT_DATA, file, line,
	    "%s", text);
	e.col = col;
	if (warning)
		cli_report_warning(&e);
	else
		cli_report(&e);
}

START_TEST(tally_by_kind)
{
	struct capture c;
	char *out;

	cli_progname = "track-import";
	/* One problem needs no summing up. */
	capture_begin(&c, 2);
	problem("a.csv", 2, 0, 0, "unknown descriptor \"EXS+\" for reading");
	cli_tally_print();
	out = capture_end(&c);
	ck_assert_str_eq(out, "track-import: a.csv:2: unknown descriptor "
	    "\"EXS+\" for reading\n");
	free(out);
	/* A row counts once per kind; rows of a workbook name the cell. */
	capture_begin(&c, 2);
	problem("marks.xlsx:Sheet1!", 7, 4, 0, "\"Reading Autumn\": unknown "
	    "descriptor \"EXS+\" for reading (did you mean EXS?)");
	problem("marks.xlsx:Sheet1!", 7, 5, 0, "\"Writing Autumn\": unknown "
	    "descriptor \"GDS+\" for writing");
	problem("marks.xlsx:Sheet1!", 9, 4, 0, "unknown descriptor \"x\" for "
	    "reading");
	problem("marks.xlsx:Sheet1!", 9, 2, 0, "unknown year group \"Y9\"");
	problem("pupils.csv", 4, 0, 1, "unknown send value \"S\"");
	problem("pupils.csv", 5, 0, 1, "unknown send value \"Q\"");
	problem("pupils.csv", 6, 0, 0, "a message of no kind");
	problem(NULL, 0, 0, 0, "unknown descriptor \"no position\"");
	cli_tally_print();
	out = capture_end(&c);
	ck_assert_ptr_nonnull(strstr(out, "track-import: 2 rows with an "
	    "unknown code (first: marks.xlsx:Sheet1!D7 \"EXS+\")\n"
	    "track-import: 1 row with an unknown year group (first: "
	    "marks.xlsx:Sheet1!B9 \"Y9\")\n"
	    "track-import: warning: 2 rows with an unknown send value "
	    "(first: pupils.csv:4 \"S\")\n"));
	ck_assert_ptr_null(strstr(out, "no kind ("));
	free(out);
	/* Printing forgets the counts. */
	capture_begin(&c, 2);
	cli_tally_print();
	out = capture_end(&c);
	ck_assert_str_eq(out, "");
	free(out);
}
END_TEST

static Suite *
cli_suite(void)
{
	Suite *s = suite_create("cli");
	TCase *tc;

	tc = tcase_create("parse");
	tcase_add_test(tc, shard);
	tcase_add_test(tc, split_list_long);
	suite_add_tcase(s, tc);

	tc = tcase_create("options");
	tcase_add_test(tc, init_defaults);
	tcase_add_test(tc, simple_options);
	tcase_add_test(tc, getopt_loop);
	tcase_add_test(tc, format_option);
	tcase_add_test(tc, input_format_option);
	tcase_add_test(tc, delimiter_option);
	tcase_add_test(tc, size_options);
	tcase_add_test(tc, messages);
	tcase_add_test(tc, version);
	tcase_add_test(tc, progress_off);
	suite_add_tcase(s, tc);

	tc = tcase_create("output");
	tcase_add_unchecked_fixture(tc, tmp_setup, tmp_teardown);
	tcase_add_checked_fixture(tc, test_dir, NULL);
	tcase_add_test(tc, output_success);
	tcase_add_test(tc, output_bad_data);
	tcase_add_test(tc, output_io_error);
	tcase_add_test(tc, output_mode);
	tcase_add_test(tc, output_same_as_input);
	tcase_add_test(tc, output_no_directory);
	tcase_add_test(tc, output_html_refused);
	tcase_add_test(tc, output_guard);
	tcase_add_test(tc, output_stdout);
	tcase_add_test(tc, output_closed_pipe);
	tcase_add_test(tc, rejects);
	tcase_add_test(tc, rejects_header_only);
	tcase_add_test(tc, rejects_none);
	tcase_add_test(tc, rejects_unwritable);
	tcase_add_test(tc, output_symlink_followed);
	tcase_add_test(tc, output_fifo_in_place);
	tcase_add_test(tc, output_socket_in_place);
	tcase_add_test(tc, output_mode_from_inputs);
	tcase_add_test(tc, output_signal_removes_temp);
	tcase_add_test(tc, rejects_input_refused);
	tcase_add_test(tc, rejects_atomic);
	tcase_add_test(tc, read_loop_file_and_line);
	tcase_add_test(tc, read_loop_quiet);
	tcase_add_test(tc, tally_by_kind);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(cli_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
