/*
 * check_reader.c - unit tests for lib/record/reader.c, what every format
 * shares: encodings, and big inputs read in chunks (the arena, the row
 * queue, the fast path beside libcsv, long fields).  CSV is in
 * check_reader_csv.c, JSON Lines in check_reader_jsonl.c; dump() and its
 * transcript are in reader_dump.h.
 */
#include <check.h>
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "base/str.h"
#include "record/reader.h"
#include "scratch.h"
#include "reader_dump.h"

/* ---- encodings ---------------------------------------------------- */

START_TEST(utf8_bom)
{
	EXPECT(NULL, "\xEF\xBB\xBF" "a,b\n1,\xC3\xA9\n",
	    "H/2:a|b\n2/2:1|\xC3\xA9\nEOF\n");
	/* Only one BOM is stripped. */
	EXPECT(NULL, "\xEF\xBB\xBF\xEF\xBB\xBF" "a\n1\n",
	    "H/1:\xEF\xBB\xBF" "a\n2/1:1\nEOF\n");
}
END_TEST

/*
 * Encodes UTF-8 text `s` as UTF-16 (big-endian when `be`) with a BOM into
 * out; returns the byte count.
 */
static size_t
utf16(const char *s, int be, unsigned char *out)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0;
	unsigned long cp;
	unsigned units[2];
	int k, i;

	out[n++] = be ? 0xFE : 0xFF;
	out[n++] = be ? 0xFF : 0xFE;
	while (*p) {
		if (*p < 0x80) {
			cp = *p++;
		} else if (*p < 0xE0) {
			cp = (unsigned long)(*p & 0x1F) << 6 | (p[1] & 0x3F);
			p += 2;
		} else if (*p < 0xF0) {
			cp = (unsigned long)(*p & 0x0F) << 12 |
			    (unsigned long)(p[1] & 0x3F) << 6 | (p[2] & 0x3F);
			p += 3;
		} else {
			cp = (unsigned long)(*p & 0x07) << 18 |
			    (unsigned long)(p[1] & 0x3F) << 12 |
			    (unsigned long)(p[2] & 0x3F) << 6 | (p[3] & 0x3F);
			p += 4;
		}
		if (cp >= 0x10000) {
			cp -= 0x10000;
			units[0] = 0xD800 | (unsigned)(cp >> 10);
			units[1] = 0xDC00 | (unsigned)(cp & 0x3FF);
			k = 2;
		} else {
			units[0] = (unsigned)cp;
			k = 1;
		}
		for (i = 0; i < k; i++) {
			out[n++] = be ? units[i] >> 8 : units[i] & 0xFF;
			out[n++] = be ? units[i] & 0xFF : units[i] >> 8;
		}
	}
	return n;
}

START_TEST(utf16le)
{
	unsigned char buf[256];
	size_t n = utf16("name,v\r\nZo\xC3\xAB,\xF0\x9F\x98\x80\r\n\r\n"
	    "\xE4\xB8\xAD,2\r\n", 0, buf);
	char *got = dump(write_file("le", buf, n), NULL);
	track_reader *r;
	track_error err;

	ck_assert_str_eq(got, "H/2:name|v\n2/2:Zo\xC3\xAB|\xF0\x9F\x98\x80\n"
	    "4/2:\xE4\xB8\xAD|2\nEOF\n");
	free(got);
	ck_assert_int_eq(reader_open(&r, write_file("le", buf, n), NULL,
	    &err), 0);
	ck_assert_int_eq(strncasecmp(reader_encoding(r), "utf-16", 6), 0);
	reader_close(r);
}
END_TEST

START_TEST(utf16be)
{
	unsigned char buf[256];
	size_t n = utf16("a;b\n\"x\ny\";\xC3\xA9\n1;2\n", 1, buf);
	char *got = dump(write_file("be", buf, n), NULL);

	ck_assert_str_eq(got, "H/2:a|b\n2/2:x\\ny|\xC3\xA9\n4/2:1|2\nEOF\n");
	free(got);
}
END_TEST

START_TEST(utf16_bom_wins)
{
	unsigned char buf[64];
	size_t n = utf16("a\n\xC3\xA9\n", 0, buf);
	struct track_reader_opts o = enc("windows-1252");
	char *got = dump(write_file("le", buf, n), &o);

	/* A UTF-16 BOM is honoured whatever encoding was asked for. */
	ck_assert_str_eq(got, "H/1:a\n2/1:\xC3\xA9\nEOF\n");
	free(got);
}
END_TEST

START_TEST(utf16_lone_surrogate)
{
	/* "a\n", then a lone high surrogate and "x", then "\nb\n". */
	static const unsigned char le[] = {
		0xFF, 0xFE, 'a', 0, '\n', 0, 0x00, 0xD8, 'x', 0, '\n', 0,
		'b', 0, '\n', 0
	};
	char *got = dump(write_file("le", le, sizeof le), NULL);

	/* The undecodable unit makes line 2 bad; line 3 still comes out. */
	ck_assert_msg(strncmp(got, "H/1:a\n2/1!2:", 12) == 0, "got %s", got);
	ck_assert_msg(strstr(got, "\n3/1:b\nEOF\n") != NULL, "got %s", got);
	free(got);
}
END_TEST

START_TEST(windows1252)
{
	struct track_reader_opts o = enc("windows-1252");

	EXPECT(&o, "a,b\n1,caf\xE9 \x80\n",
	    "H/2:a|b\n2/2:1|caf\xC3\xA9 \xE2\x82\xAC\nEOF\n");
	o = enc("latin1");
	EXPECT(&o, "a\n\xE9\n", "H/1:a\n2/1:\xC3\xA9\nEOF\n");
}
END_TEST

START_TEST(auto_encoding)
{
	struct track_reader_opts o = enc("auto");
	track_reader *r;
	track_error err;

	EXPECT(&o, "name\nRen\xE9\n", "H/1:name\n2/1:Ren\xC3\xA9\nEOF\n");
	ck_assert_int_eq(reader_open(&r, WRITE("w", "name\nRen\xE9\n"), &o,
	    &err), 0);
	ck_assert_msg(strcasecmp(reader_encoding(r), "windows-1252") == 0,
	    "encoding %s", reader_encoding(r));
	reader_close(r);
	/* Valid UTF-8 stays UTF-8. */
	EXPECT(&o, "name\nRen\xC3\xA9\n", "H/1:name\n2/1:Ren\xC3\xA9\nEOF\n");
	ck_assert_int_eq(reader_open(&r, WRITE("u", "name\nRen\xC3\xA9\n"),
	    &o, &err), 0);
	ck_assert_str_eq(reader_encoding(r), "utf-8");
	reader_close(r);
}
END_TEST

START_TEST(strict_utf8_default)
{
	EXPECT(NULL, "name\nRen\xE9\n", "H/1:name\n2/1!2:Ren\xE9\nEOF\n");
	ck_assert_msg(strstr(last_err.text, "windows-1252") != NULL,
	    "no hint in: %s", last_err.text);
}
END_TEST

START_TEST(unknown_encoding)
{
	EXPECT(&(struct track_reader_opts){ .encoding = "klingon-8" },
	    "a\n1\n", "open 2 @0\n");
	ck_assert_msg(strstr(last_err.text, "klingon-8") != NULL,
	    "message: %s", last_err.text);
}
END_TEST

/* ---- big inputs --------------------------------------------------- */

/*
 * Builds a CSV of about `size` bytes with line end `eol`; at byte offset
 * `at` (past the header) a quoted field spans several lines, crossing the
 * 64 KiB chunk boundary.  Records each row's expected line in lines[] and
 * returns the row count.
 */
static size_t
build_big(struct sbuf *b, size_t size, const char *eol, long *lines,
    size_t maxrows)
{
	size_t rows = 0, el = strlen(eol);
	long line = 1;
	char tmp[128];
	int spanned = 0;

	sb_add(b, "id,text", 7);
	sb_add(b, eol, el);
	line++;
	while (b->len < size) {
		int n;

		ck_assert(rows < maxrows);
		lines[rows] = line;
		if (!spanned && b->len > 65536 - 40) {
			/* Three physical lines, across the boundary. */
			n = sprintf(tmp, "%zu,\"start of field", rows);
			sb_add(b, tmp, (size_t)n);
			sb_add(b, eol, el);
			sb_add(b, "middle \"\" part, with comma", 26);
			sb_add(b, eol, el);
			sb_add(b, "end\"", 4);
			line += 2;
			spanned = 1;
		} else {
			n = sprintf(tmp, "%zu,row number %zu", rows, rows);
			sb_add(b, tmp, (size_t)n);
		}
		sb_add(b, eol, el);
		line++;
		rows++;
	}
	return rows;
}

static void
check_big(const char *eol)
{
	struct sbuf b = { NULL, 0, 0 };
	static long lines[20000];
	size_t rows = build_big(&b, 200 * 1024, eol, lines, 20000), i;
	track_reader *r;
	track_error err;
	track_row row;
	char want[64];

	ck_assert_int_eq(reader_open(&r, write_file("big", b.p, b.len), NULL,
	    &err), 0);
	for (i = 0; i < rows; i++) {
		ck_assert_int_eq(reader_next(r, &row, &err), TRACK_READ_ROW);
		ck_assert_int_eq(row.n, 2);
		ck_assert_msg(row.line == lines[i], "row %zu at line %ld, "
		    "want %ld", i, row.line, lines[i]);
		ck_assert(row.field[0].ptr[row.field[0].len] == '\0');
		ck_assert(row.field[1].ptr[row.field[1].len] == '\0');
		snprintf(want, sizeof want, "%zu", i);
		ck_assert(str_eq(row.field[0], want));
		if (row.field[1].len > 0 && row.field[1].ptr[0] == 's') {
			ck_assert_msg(strstr(row.field[1].ptr,
			    "middle \" part, with comma") != NULL &&
			    strstr(row.field[1].ptr, "end") != NULL,
			    "spanning field is %s", row.field[1].ptr);
			continue;
		}
		snprintf(want, sizeof want, "row number %zu", i);
		ck_assert_msg(str_eq(row.field[1], want), "row %zu is %.*s", i,
		    (int)row.field[1].len, row.field[1].ptr);
	}
	ck_assert_int_eq(reader_next(r, &row, &err), TRACK_READ_EOF);
	reader_close(r);
	free(b.p);
}

START_TEST(big_lf)
{
	check_big("\n");
}
END_TEST

/*
 * The fast path for simple lines (reader.c, parse_chunk) against libcsv
 * alone: each line below, followed by a plain line so that the fast path
 * may take it (it wants 16 bytes after a line), must read the same both
 * ways; and the simple ones must read as the expected transcript.
 */
static const char *const fast_cases[] = {
	"x,y\n1,2\n",				/* plain */
	"x,y\r\n1,2\r\n",			/* CRLF */
	"x,y\r\n1,2\r\n\n\r\n3,4\r\n\n5,6\n",	/* CRLF rows, then blank lines */
	"x,y\n\n1,2\n\r\n3,4\n",		/* blank lines, LF and CRLF */
	"x,y\n\"a,b\",\"c\"\"d\"\n",		/* quoted, "" inside */
	"x,y\n\"\",\"\"\"\"\n",			/* empty quoted, one quote */
	"x,y\n1,\n,\n",				/* empty last fields */
	"x,y\n\"ab\"c,d\n",			/* text after a closing quote */
	"x,y\nab\"c,d\n",			/* a quote inside a field */
	"x,y\n\"a\nb\",c\n",			/* a field over two lines */
	"x,y\na\rb,c\n",			/* a lone CR inside */
	"x,y\n\"a\rb\",c\n",			/* a lone CR inside quotes */
	"x,y\n1,2\r\r\n",			/* CR CR LF */
	"x,y\n1,2,3\n4\n",			/* ragged */
	"x,y\n\xc3\xa9,\xff\n",			/* UTF-8, and a bad byte */
	"x;y\n1;\"2;3\"\n",			/* semicolons */
	"x,y\n\"a\",\"b\"\r\n\"c\"\r\n",	/* quoted before CRLF */
	"x,y\n12345678901234567890,1\n",	/* over --max-field-size 16 */
	"x,y\n1,2,3,4,5,6,7,8,9\n",		/* over --max-columns 4 */
	"x,y\n1,\"a\"b\n2,3\n",			/* stray quote */
	"x,y\n\"a\"\"\"b,1\n",			/* stray after "" */
	"x,y\n1,\"a\n\"b\",2\n",		/* resync onto a good line */
	"x,y\r\n1,\"a\r\n2,\"b\"c\r\n",	/* CRLF, resync twice */
	"x,y\r1,\"a\"b\r2,3\r",			/* CR line ends */
	"x,y\n1,\"never closed\n2,3\n",		/* unterminated */
	"x,y\n1,\"0123456789abcdef\nX\"q\n",	/* over 16, then stray */
};

START_TEST(fast_path_same_as_libcsv)
{
	size_t i;
	int lim;

	for (i = 0; i < sizeof fast_cases / sizeof fast_cases[0]; i++) {
		for (lim = 0; lim < 2; lim++) {
			struct track_reader_opts o;
			char text[256], *fast, *slow;
			const char *path;

			memset(&o, 0, sizeof o);
			if (lim) {
				o.max_field = 16;
				o.max_columns = 4;
			}
			snprintf(text, sizeof text, "%splain,line,of,padding,"
			    "bytes\nmore,padding,bytes,for,the,last,line\n",
			    fast_cases[i]);
			path = write_file("in", text, strlen(text));
			fast = dump(path, &o);
			o.libcsv_only = 1;
			slow = dump(path, &o);
			ck_assert_msg(strcmp(fast, slow) == 0,
			    "case %zu (limits %d): fast path\n%s\nlibcsv\n%s",
			    i, lim, fast, slow);
			free(fast);
			free(slow);
		}
	}
}
END_TEST

START_TEST(fast_path_fields)
{
	EXPECT(NULL, "x,y\r\n\"a,b\",\"c\"\"d\"\r\n\r\n,\"\"\r\n"
	    "padding,padding,padding\n",
	    "H/2:x|y\n2/2:a,b|c\"d\n4/2:|\n5/3!5:padding|padding|padding\n"
	    "EOF\n");
}
END_TEST

START_TEST(big_crlf)
{
	check_big("\r\n");
}
END_TEST

START_TEST(big_cr)
{
	check_big("\r");
}
END_TEST

/* How many LF bytes `s` holds. */
static size_t
count_lf(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		n += s[i] == '\n';
	return n;
}

START_TEST(crlf_split_across_chunks)
{
	struct sbuf b = { NULL, 0, 0 };
	track_reader *r;
	track_error err;
	track_row row;
	long line = 2;
	int seen_last = 0;

	/* Rows placed so that a CRLF is split between two 64 KiB chunks. */
	sb_add(&b, "h\r\n", 3);
	while (b.len < 65536 - 6)
		sb_add(&b, "xx\r\n", 4);
	while (b.len != 65535)
		sb_add(&b, "y", 1);
	sb_add(&b, "\r\nlast\r\n", 8);
	ck_assert_int_eq(reader_open(&r, write_file("split", b.p, b.len), NULL,
	    &err), 0);
	for (;;) {
		enum track_read got = reader_next(r, &row, &err);

		ck_assert_int_ne(got, TRACK_READ_BAD);
		if (got == TRACK_READ_EOF)
			break;
		ck_assert_int_eq(row.n, 1);
		ck_assert_int_eq(row.line, line);
		if (row.field[0].ptr[0] == 'y')
			ck_assert_int_eq(row.field[0].len, 4);
		seen_last = str_eq(row.field[0], "last");
		line++;
	}
	/* Every line was a row, the last one "last". */
	ck_assert(seen_last);
	ck_assert_int_eq(line - 1, (long)count_lf(b.p, b.len));
	reader_close(r);
	free(b.p);
}
END_TEST

START_TEST(big_field)
{
	struct sbuf b = { NULL, 0, 0 };
	size_t big = 300 * 1024, i;
	char *field = malloc(big);
	track_reader *r;
	track_error err;
	track_row row;

	/* A 300 KiB quoted field with a line end every 1000 bytes. */
	ck_assert(field != NULL);
	for (i = 0; i < big; i++)
		field[i] = i % 1000 == 999 ? '\n' : 'a' + (char)(i % 26);
	sb_add(&b, "a,b\n1,\"", 7);
	sb_add(&b, field, big);
	sb_add(&b, "\"\n2,3\n", 6);
	ck_assert_int_eq(reader_open(&r, write_file("bigf", b.p, b.len), NULL,
	    &err), 0);
	ck_assert_int_eq(reader_next(r, &row, &err), TRACK_READ_ROW);
	ck_assert_int_eq(row.line, 2);
	ck_assert(row.field[1].len == big);
	ck_assert(memcmp(row.field[1].ptr, field, big) == 0);
	ck_assert(row.field[1].ptr[big] == '\0');
	ck_assert_int_eq(reader_next(r, &row, &err), TRACK_READ_ROW);
	ck_assert_int_eq(row.line, 2 + (long)(big / 1000) + 1);
	ck_assert(str_eq(row.field[0], "2") && str_eq(row.field[1], "3"));
	ck_assert_int_eq(reader_next(r, &row, &err), TRACK_READ_EOF);
	reader_close(r);
	free(field);
	free(b.p);
}
END_TEST

START_TEST(big_json)
{
	struct sbuf b = { NULL, 0, 0 };
	track_reader *r;
	track_error err;
	track_row row;
	char tmp[128];
	size_t rows = 0, i;

	sb_add(&b, "{\"id\":\"0\",\"v\":\"first\"}\n", 23);
	rows++;
	while (b.len < 200 * 1024) {
		int n = sprintf(tmp, "{\"id\":\"%zu\",\"v\":\"value %zu\"}\n",
		    rows, rows);

		sb_add(&b, tmp, (size_t)n);
		rows++;
	}
	ck_assert_int_eq(reader_open(&r, write_file("big.jsonl", b.p, b.len),
	    NULL, &err), 0);
	for (i = 0; i < rows; i++) {
		ck_assert_int_eq(reader_next(r, &row, &err), TRACK_READ_ROW);
		ck_assert_int_eq(row.line, (long)i + 1);
		snprintf(tmp, sizeof tmp, "%zu", i);
		ck_assert_msg(str_eq(row.field[0], tmp), "row %zu is %s", i,
		    row.field[0].ptr);
		ck_assert(row.field[1].ptr[row.field[1].len] == '\0');
	}
	ck_assert_int_eq(reader_next(r, &row, &err), TRACK_READ_EOF);
	reader_close(r);
	free(b.p);
}
END_TEST


static Suite *
suite(void)
{
	Suite *s = suite_create("reader");
	TCase *tc;

	tc = tcase_create("encoding");
	tcase_add_unchecked_fixture(tc, tmp_setup, tmp_teardown);
	tcase_add_test(tc, utf8_bom);
	tcase_add_test(tc, utf16le);
	tcase_add_test(tc, utf16be);
	tcase_add_test(tc, utf16_bom_wins);
	tcase_add_test(tc, utf16_lone_surrogate);
	tcase_add_test(tc, windows1252);
	tcase_add_test(tc, auto_encoding);
	tcase_add_test(tc, strict_utf8_default);
	tcase_add_test(tc, unknown_encoding);
	suite_add_tcase(s, tc);

	tc = tcase_create("big");
	tcase_add_unchecked_fixture(tc, tmp_setup, tmp_teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, big_lf);
	tcase_add_test(tc, fast_path_same_as_libcsv);
	tcase_add_test(tc, fast_path_fields);
	tcase_add_test(tc, big_crlf);
	tcase_add_test(tc, big_cr);
	tcase_add_test(tc, crlf_split_across_chunks);
	tcase_add_test(tc, big_field);
	tcase_add_test(tc, big_json);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
