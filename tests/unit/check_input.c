/*
 * check_input.c - unit tests for lib/record/input.c: chunked reading, byte order
 * marks, decoding and "auto" detection.
 */
#include <check.h>
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "base/str.h"
#include "record/input.h"
#include "scratch.h"


#define WRITE(name, lit) write_file((name), (lit), sizeof(lit) - 1)

/* What reading a whole input gave. */
struct got {
	char *p;
	size_t len;
	size_t chunks;
	char encoding[64];
};

/*
 * Reads all of `path` in `encoding`; fails the test if opening or reading
 * fails.  The caller frees g->p.
 */
static void
read_all(const char *path, const char *encoding, struct got *g)
{
	track_input *in;
	track_error err;
	char *buf;
	long n;
	size_t i;
	volatile unsigned slack = 0;	/* the reads are not optimised away */

	memset(g, 0, sizeof *g);
	ck_assert_int_eq(input_open(&in, path, encoding, &err), 0);
	for (;;) {
		ck_assert_msg(g->chunks < 100000, "input does not end");
		n = input_read(in, &buf, &err);
		ck_assert_msg(n >= 0, "read error: %s", err.text);
		if (n == 0)
			break;
		ck_assert(buf != NULL);
		g->p = realloc(g->p, g->len + (size_t)n + 1);
		ck_assert(g->p != NULL);
		memcpy(g->p + g->len, buf, (size_t)n);
		g->len += (size_t)n;
		g->p[g->len] = '\0';
		g->chunks++;
		/* The chunk is the borrower's to write over (the reader
		   parses in place), and INPUT_SLACK set bytes follow it:
		   what valgrind and the sanitizer runs check here. */
		memset(buf, '#', (size_t)n);
		for (i = 0; i < INPUT_SLACK; i++)
			slack += (unsigned char)buf[n + (long)i];
	}
	/* The end stays the end. */
	ck_assert_int_eq(input_read(in, &buf, &err), 0);
	snprintf(g->encoding, sizeof g->encoding, "%s", input_encoding(in));
	input_close(in);
	if (g->p == NULL)
		g->p = calloc(1, 1);
}

/* Reads `lit` (a literal) as a file and compares the text with `want`. */
#define EXPECT(encoding, lit, want) do { \
	struct got g_; \
	read_all(WRITE("in", lit), (encoding), &g_); \
	ck_assert_int_eq(g_.len, sizeof(want) - 1); \
	ck_assert_msg(memcmp(g_.p, (want), g_.len) == 0, "got %s", g_.p); \
	free(g_.p); \
} while (0)

START_TEST(passthrough)
{
	struct got g;

	EXPECT(NULL, "a,b\n1,2\n", "a,b\n1,2\n");
	/* Invalid UTF-8 passes through for the reader to report. */
	EXPECT(NULL, "\xFF\xC0\x80\x00z", "\xFF\xC0\x80\x00z");
	EXPECT("utf-8", "x\xE9y", "x\xE9y");
	EXPECT("UTF8", "x", "x");
	read_all(WRITE("in", "abc"), NULL, &g);
	ck_assert_str_eq(g.encoding, "utf-8");
	free(g.p);
}
END_TEST

START_TEST(empty)
{
	EXPECT(NULL, "", "");
	EXPECT("auto", "", "");
	EXPECT("windows-1252", "", "");
	/* Short files, shorter than any BOM. */
	EXPECT(NULL, "a", "a");
	EXPECT(NULL, "ab", "ab");
	EXPECT(NULL, "\xEF\xBB", "\xEF\xBB");
}
END_TEST

START_TEST(big_chunks)
{
	size_t size = 300 * 1024 + 17, i;
	char *data = malloc(size);
	struct got g;

	ck_assert(data != NULL);
	for (i = 0; i < size; i++)
		data[i] = (char)(' ' + (i * 7919) % 90);
	read_all(write_file("big", data, size), NULL, &g);
	ck_assert_msg(g.chunks >= 2, "%zu chunks", g.chunks);
	ck_assert_int_eq(g.len, size);
	ck_assert(memcmp(g.p, data, size) == 0);
	free(g.p);
	free(data);
}
END_TEST

START_TEST(utf8_bom)
{
	struct got g;

	EXPECT(NULL, "\xEF\xBB\xBF" "a\n", "a\n");
	EXPECT(NULL, "\xEF\xBB\xBF", "");
	/* Only at the start. */
	EXPECT(NULL, "a\xEF\xBB\xBF", "a\xEF\xBB\xBF");
	/* Whatever was asked for, a UTF-8 BOM means UTF-8. */
	read_all(WRITE("in", "\xEF\xBB\xBFz\xC3\xA9"), "windows-1252", &g);
	ck_assert_str_eq(g.p, "z\xC3\xA9");
	ck_assert_str_eq(g.encoding, "utf-8");
	free(g.p);
	read_all(WRITE("in", "\xEF\xBB\xBFz\xC3\xA9"), "auto", &g);
	ck_assert_str_eq(g.p, "z\xC3\xA9");
	free(g.p);
}
END_TEST

START_TEST(utf16)
{
	struct got g;

	/* "aé€😀\n" */
	read_all(WRITE("le", "\xFF\xFE" "a\0\xE9\0\xAC\x20\x3D\xD8\x00\xDE\n\0"),
	    NULL, &g);
	ck_assert_str_eq(g.p, "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\n");
	ck_assert_int_eq(strncasecmp(g.encoding, "utf-16le", 8), 0);
	free(g.p);
	read_all(WRITE("be", "\xFE\xFF" "\0a\0\xE9\x20\xAC\xD8\x3D\xDE\x00\0\n"),
	    NULL, &g);
	ck_assert_str_eq(g.p, "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\n");
	ck_assert_int_eq(strncasecmp(g.encoding, "utf-16be", 8), 0);
	free(g.p);
	/* The BOM wins over the encoding asked for. */
	EXPECT("windows-1252", "\xFF\xFE" "x\0", "x");
	EXPECT("auto", "\xFE\xFF" "\0x", "x");
	/* A BOM and nothing else. */
	EXPECT(NULL, "\xFF\xFE", "");
}
END_TEST

START_TEST(utf16_bad)
{
	/* A lone surrogate and an odd byte at the end become 0xFF. */
	EXPECT(NULL, "\xFF\xFE" "a\0\x00\xD8" "b\0", "a\xFF" "b");
	EXPECT(NULL, "\xFF\xFE" "a\0b", "a\xFF");
}
END_TEST

/*
 * A UTF-16LE file of about 200 KiB whose characters (2 and 4 bytes) fall
 * across every 64 KiB read, with 0 to 3 extra units in front so that the
 * reads split surrogate pairs at every offset; it must decode to exactly
 * the text.
 */
START_TEST(utf16_big)
{
	size_t cap = 260 * 1024, units, ulen, i;
	unsigned char *raw = malloc(cap);
	char *want = malloc(cap * 2);
	struct got g;
	int shift;

	ck_assert(raw != NULL && want != NULL);
	for (shift = 0; shift < 4; shift++) {
		units = ulen = 0;
		raw[units++] = 0xFF;
		raw[units++] = 0xFE;
		for (i = 0; i < (size_t)shift; i++) {
			raw[units++] = '.';
			raw[units++] = 0;
			want[ulen++] = '.';
		}
		for (i = 0; units < 200 * 1024; i++) {
			if (i % 3 == 2) {
				/* U+1F600 as a surrogate pair. */
				memcpy(raw + units, "\x3D\xD8\x00\xDE", 4);
				units += 4;
				memcpy(want + ulen, "\xF0\x9F\x98\x80", 4);
				ulen += 4;
			} else if (i % 3 == 1) {
				memcpy(raw + units, "\xE9\x00", 2);
				units += 2;
				memcpy(want + ulen, "\xC3\xA9", 2);
				ulen += 2;
			} else {
				raw[units++] = (unsigned char)('a' + i % 26);
				raw[units++] = 0;
				want[ulen++] = (char)('a' + i % 26);
			}
		}
		read_all(write_file("le", raw, units), NULL, &g);
		ck_assert_msg(g.len == ulen, "shift %d: %zu bytes, want %zu",
		    shift, g.len, ulen);
		ck_assert_msg(memcmp(g.p, want, ulen) == 0, "shift %d", shift);
		ck_assert_msg(memchr(g.p, 0xFF, g.len) == NULL, "shift %d",
		    shift);
		free(g.p);
	}
	free(raw);
	free(want);
}
END_TEST

START_TEST(windows1252)
{
	struct got g;

	EXPECT("windows-1252", "caf\xE9 \x80 \x93x\x94\n",
	    "caf\xC3\xA9 \xE2\x82\xAC \xE2\x80\x9Cx\xE2\x80\x9D\n");
	EXPECT("WINDOWS-1252", "\xE9", "\xC3\xA9");
	EXPECT("latin1", "\xE9\xFF", "\xC3\xA9\xC3\xBF");
	read_all(WRITE("in", "a"), "windows-1252", &g);
	ck_assert_msg(strcasecmp(g.encoding, "windows-1252") == 0,
	    "encoding %s", g.encoding);
	free(g.p);
}
END_TEST

START_TEST(undecodable)
{
	/* ASCII cannot hold 0xE9: it comes out as the 0xFF marker. */
	EXPECT("ascii", "a\xE9" "b\n", "a\xFF" "b\n");
}
END_TEST

START_TEST(auto_detect)
{
	struct got g;

	read_all(WRITE("in", "name\nRen\xE9\n"), "auto", &g);
	ck_assert_str_eq(g.p, "name\nRen\xC3\xA9\n");
	ck_assert_msg(strcasecmp(g.encoding, "windows-1252") == 0,
	    "encoding %s", g.encoding);
	free(g.p);
	read_all(WRITE("in", "name\nRen\xC3\xA9\n"), "auto", &g);
	ck_assert_str_eq(g.p, "name\nRen\xC3\xA9\n");
	ck_assert_str_eq(g.encoding, "utf-8");
	free(g.p);
	read_all(WRITE("in", "plain ascii"), "AUTO", &g);
	ck_assert_str_eq(g.encoding, "utf-8");
	free(g.p);
}
END_TEST

START_TEST(auto_big)
{
	size_t size = 150 * 1024, i;
	char *data = malloc(size + 8);
	struct got g;

	/* Valid UTF-8 with a 2-byte character across the 64 KiB mark. */
	ck_assert(data != NULL);
	for (i = 0; i < size; i++)
		data[i] = (char)('a' + i % 26);
	memcpy(data + 65535, "\xC3\xA9", 2);
	read_all(write_file("big", data, size), "auto", &g);
	ck_assert_str_eq(g.encoding, "utf-8");
	ck_assert_int_eq(g.len, size);
	ck_assert(memcmp(g.p, data, size) == 0);
	free(g.p);
	/* One bad byte in the first 64 KiB: all of it is windows-1252. */
	data[100] = '\xE9';
	read_all(write_file("big", data, size), "auto", &g);
	ck_assert_msg(strcasecmp(g.encoding, "windows-1252") == 0,
	    "encoding %s", g.encoding);
	ck_assert_int_eq(g.len, size + 1 + 2);
	ck_assert(memcmp(g.p + 100, "\xC3\xA9", 2) == 0);
	ck_assert(memcmp(g.p + 65536, "\xC3\x83\xC2\xA9", 4) == 0);
	free(g.p);
	free(data);
}
END_TEST

START_TEST(unknown_encoding)
{
	track_input *in = (track_input *)1;
	track_error err;

	ck_assert_int_eq(input_open(&in, WRITE("in", "a"), "klingon-8", &err),
	    TRACK_EXIT_USAGE);
	ck_assert(in == NULL);
	ck_assert_int_eq(err.kind, TRACK_EXIT_USAGE);
	ck_assert_msg(strstr(err.text, "klingon-8") != NULL, "message: %s",
	    err.text);
}
END_TEST

START_TEST(missing)
{
	track_input *in = (track_input *)1;
	track_error err;
	char path[PATH_MAX];

	snprintf(path, sizeof path, "%s/nope", tmpdir);
	ck_assert_int_eq(input_open(&in, path, NULL, &err), TRACK_EXIT_IO);
	ck_assert(in == NULL);
	ck_assert_int_eq(err.kind, TRACK_EXIT_IO);
	ck_assert_msg(strstr(err.text, "nope") != NULL, "message: %s",
	    err.text);
	input_close(NULL);
}
END_TEST

START_TEST(directory)
{
	track_input *in;
	track_error err;
	char *buf;

	/* A directory opens but cannot be read: an I/O error, not a hang. */
	if (input_open(&in, tmpdir, NULL, &err) != 0) {
		ck_assert_int_eq(err.kind, TRACK_EXIT_IO);
		return;
	}
	ck_assert_int_eq(input_read(in, &buf, &err), -1);
	ck_assert_int_eq(err.kind, TRACK_EXIT_IO);
	input_close(in);
}
END_TEST

START_TEST(from_stdin)
{
	track_input *in;
	track_error err;
	char *buf;
	int save = dup(0), fd = open(WRITE("s", "\xEF\xBB\xBFhi"), O_RDONLY);

	ck_assert(save >= 0 && fd >= 0);
	ck_assert(dup2(fd, 0) == 0);
	close(fd);
	ck_assert_int_eq(input_open(&in, "-", NULL, &err), 0);
	ck_assert_str_eq(input_name(in), "stdin");
	ck_assert_int_eq(input_read(in, &buf, &err), 2);
	ck_assert(memcmp(buf, "hi", 2) == 0);
	ck_assert_int_eq(input_read(in, &buf, &err), 0);
	input_close(in);
	/* stdin is left open. */
	ck_assert(fcntl(0, F_GETFD) != -1);
	dup2(save, 0);
	close(save);
}
END_TEST

START_TEST(name)
{
	track_input *in;
	track_error err;
	const char *path = WRITE("named.csv", "x");

	ck_assert_int_eq(input_open(&in, path, NULL, &err), 0);
	ck_assert_str_eq(input_name(in), path);
	input_close(in);
}
END_TEST

static Suite *
input_suite(void)
{
	Suite *s = suite_create("input");
	TCase *tc = tcase_create("input");

	tcase_add_unchecked_fixture(tc, tmp_setup, tmp_teardown);
	tcase_add_test(tc, passthrough);
	tcase_add_test(tc, empty);
	tcase_add_test(tc, big_chunks);
	tcase_add_test(tc, utf8_bom);
	tcase_add_test(tc, utf16);
	tcase_add_test(tc, utf16_bad);
	tcase_add_test(tc, utf16_big);
	tcase_add_test(tc, windows1252);
	tcase_add_test(tc, undecodable);
	tcase_add_test(tc, auto_detect);
	tcase_add_test(tc, auto_big);
	tcase_add_test(tc, unknown_encoding);
	tcase_add_test(tc, missing);
	tcase_add_test(tc, directory);
	tcase_add_test(tc, from_stdin);
	tcase_add_test(tc, name);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(input_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
