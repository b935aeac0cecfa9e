/*
 * check_writer.c - unit tests for lib/record/writer.c: CSV quoting and the formula
 * guard, TSV, JSON Lines escaping, table and Markdown layout, write errors
 * and str_is_number.
 *
 * Each test writes into an unlinked temporary file and reads back what
 * the writer put there.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/str.h"
#include "base/buf.h"
#include "record/writer.h"
#include "fixture.h"

/* A NUL-terminated string as a slice. */
static track_str
S(const char *z)
{
	track_str s = { z, strlen(z) };

	return s;
}

/*
 * Writes a header of `nh` names and `nrows` rows of `nf` fields (the
 * NULL-terminated strings in `cells`, row after row) in format `fmt` with
 * `flags`, and returns the output.
 */
static char *
render(enum track_format fmt, unsigned flags, const char *const *hdr,
    size_t nh, const char *const *cells, size_t nrows, size_t nf)
{
	track_writer *w;
	track_error err;
	track_str f[32];
	size_t i, r;
	int fd = fx_temp_fd();
	char *out;

	ck_assert(nh <= 32 && nf <= 32);
	ck_assert_int_eq(writer_open(&w, fd, fmt, flags, &err), 0);
	for (i = 0; i < nh; i++)
		f[i] = S(hdr[i]);
	ck_assert_int_eq(writer_header(w, f, nh, &err), 0);
	for (r = 0; r < nrows; r++) {
		for (i = 0; i < nf; i++)
			f[i] = S(cells[r * nf + i]);
		ck_assert_int_eq(writer_row(w, f, nf, &err), 0);
	}
	ck_assert_int_eq(writer_finish(w, &err), 0);
	writer_free(w);
	out = fx_slurp(fd);
	close(fd);
	return out;
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* One column "v" holding each of `vals`; compares the output. */
static void
check_column(enum track_format fmt, unsigned flags, const char *const *vals,
    size_t n, const char *want)
{
	static const char *const hdr[] = { "v" };
	char *got = render(fmt, flags, hdr, 1, vals, n, 1);

	ck_assert_str_eq(got, want);
	free(got);
}

/*
 * writer_encode (track-assess's held rows) gives the bytes writer_row
 * writes, for CSV and TSV, with and without the formula guard, on fields
 * of every length around the short-field path's 16 bytes and every byte
 * below '-' that may need quotes.
 */
START_TEST(encode_same_as_row)
{
	static const char *const cells[] = {
		"", "a", "ab", "abc", "abcd", "abcdefg", "abcdefgh", "abcdefghi",
		"abcdefghijklmno", "abcdefghijklmnop", "abcdefghijklmnopq",
		"a,b", "a\tb", "a b", "\"", "say \"hi\"", "cr\rx", "lf\nx",
		"=1+2", "+44", "-3", "@x", "\t=x", "=\"a,b\"", "Zo\xc3\xab",
		"0123456789,123456", "'quoted'", "#!", "a\"b\"c\"d\"e\"f\"g\"h",
	};
	static const enum track_format fmts[] = { TRACK_FMT_CSV,
	    TRACK_FMT_TSV };
	size_t i, j, k;

	for (i = 0; i < N(fmts); i++) {
		for (k = 0; k < 2; k++) {
			unsigned flags = k ? WRITER_GUARD : 0;
			track_writer *w;
			track_error err;
			track_buf b = { NULL, 0, 0 };
			track_str f[3];
			char *want;
			int fd = fx_temp_fd();

			ck_assert_int_eq(writer_open(&w, fd, fmts[i], flags,
			    &err), 0);
			ck_assert(writer_encodes(w));
			for (j = 0; j < N(cells); j++) {
				f[0] = S(cells[j]);
				f[1] = S(cells[(j * 7 + 3) % N(cells)]);
				f[2] = S(cells[(j * 5 + 1) % N(cells)]);
				ck_assert_int_eq(writer_row(w, f, 3, &err), 0);
				ck_assert_int_eq(writer_encode(w, f, 3, &b), 0);
			}
			ck_assert_int_eq(writer_finish(w, &err), 0);
			writer_free(w);
			want = fx_slurp(fd);
			close(fd);
			ck_assert_uint_eq(b.len, strlen(want));
			ck_assert_msg(memcmp(b.ptr, want, b.len) == 0,
			    "format %d, guard %u: encode differs from row",
			    (int)fmts[i], flags);
			free(want);
			free(b.ptr);
		}
	}
}
END_TEST

START_TEST(csv_quoting)
{
	static const char *const hdr[] = { "a", "b" };
	static const char *const cells[] = {
		"plain", "a,b",
		"say \"hi\"", "\"",
		"cr\rx", "lf\nx",
		"crlf\r\nx", "",
		" sp ", "semi;colon\ttab",
	};
	char *got = render(TRACK_FMT_CSV, 0, hdr, 2, cells, 5, 2);

	ck_assert_str_eq(got, "a,b\n"
	    "plain,\"a,b\"\n"
	    "\"say \"\"hi\"\"\",\"\"\"\"\n"
	    "\"cr\rx\",\"lf\nx\"\n"
	    "\"crlf\r\nx\",\n"
	    " sp ,semi;colon\ttab\n");
	free(got);
}
END_TEST

START_TEST(csv_ragged_rows)
{
	track_writer *w;
	track_error err;
	track_str f[3] = { S("1"), S("2"), S("3") };
	int fd = fx_temp_fd();
	char *got;

	/* Rejected rows keep their own field count in CSV. */
	ck_assert_int_eq(writer_open(&w, fd, TRACK_FMT_CSV, 0, &err), 0);
	ck_assert_int_eq(writer_header(w, f, 2, &err), 0);
	ck_assert_int_eq(writer_row(w, f, 3, &err), 0);
	ck_assert_int_eq(writer_row(w, f, 1, &err), 0);
	ck_assert_int_eq(writer_row(w, f, 0, &err), 0);
	ck_assert_int_eq(writer_finish(w, &err), 0);
	writer_free(w);
	got = fx_slurp(fd);
	ck_assert_str_eq(got, "1,2\n1,2,3\n1\n\n");
	free(got);
	close(fd);
}
END_TEST

START_TEST(csv_guard)
{
	static const char *const vals[] = {
		"=1+1", "-5", "+3.5", "@x", "\tx", "-", "+", "-x", "=a,b",
		"\rx", "-1e5", "1-2", "x=1", "", "'=1", "-.5", "--5", "+-5",
	};

	check_column(TRACK_FMT_CSV, WRITER_GUARD, vals, N(vals), "v\n"
	    "'=1+1\n"
	    "-5\n"
	    "+3.5\n"
	    "'@x\n"
	    "'\tx\n"
	    "'-\n"
	    "'+\n"
	    "'-x\n"
	    "\"'=a,b\"\n"
	    "\"'\rx\"\n"
	    "-1e5\n"
	    "1-2\n"
	    "x=1\n"
	    "\n"
	    "'=1\n"
	    "-.5\n"
	    "'--5\n"
	    "'+-5\n");
}
END_TEST

START_TEST(csv_no_guard)
{
	static const char *const vals[] = {
		"=1+1", "-5", "@x", "\tx", "-x", "=a,b", "\rx",
	};

	check_column(TRACK_FMT_CSV, 0, vals, N(vals), "v\n"
	    "=1+1\n"
	    "-5\n"
	    "@x\n"
	    "\tx\n"
	    "-x\n"
	    "\"=a,b\"\n"
	    "\"\rx\"\n");
}
END_TEST

START_TEST(tsv)
{
	static const char *const hdr[] = { "a", "b" };
	static const char *const cells[] = {
		"x\ty", "p,q",
		"say \"hi\"", "l\nf",
		"\tlead", "=f",
	};
	char *got = render(TRACK_FMT_TSV, 0, hdr, 2, cells, 3, 2);

	ck_assert_str_eq(got, "a\tb\n"
	    "\"x\ty\"\tp,q\n"
	    "\"say \"\"hi\"\"\"\t\"l\nf\"\n"
	    "\"\tlead\"\t=f\n");
	free(got);
	got = render(TRACK_FMT_TSV, WRITER_GUARD, hdr, 2, cells + 4, 1, 2);
	ck_assert_str_eq(got, "a\tb\n\"'\tlead\"\t'=f\n");
	free(got);
}
END_TEST

START_TEST(json)
{
	static const char *const hdr[] = { "pupil", "na\"me", "v" };
	static const char *const cells[] = {
		"p1", "Zo\xC3\xAB \xE4\xB8\xAD", "q\"uote",
		"p2", "back\\slash", "\x01\x1f\x7f",
		"p3", "\n\r\t\b\f", "",
	};
	char *got = render(TRACK_FMT_JSON, WRITER_GUARD, hdr, 3, cells, 3, 3);

	ck_assert_str_eq(got,
	    "{\"pupil\":\"p1\",\"na\\\"me\":\"Zo\xC3\xAB \xE4\xB8\xAD\","
	    "\"v\":\"q\\\"uote\"}\n"
	    "{\"pupil\":\"p2\",\"na\\\"me\":\"back\\\\slash\","
	    "\"v\":\"\\u0001\\u001f\x7f\"}\n"
	    "{\"pupil\":\"p3\",\"na\\\"me\":\"\\n\\r\\t\\u0008\\u000c\","
	    "\"v\":\"\"}\n");
	free(got);
}
END_TEST

START_TEST(json_guard_free)
{
	static const char *const vals[] = { "=1+1", "-x" };

	/* JSON is data for programs: no formula guard. */
	check_column(TRACK_FMT_JSON, WRITER_GUARD, vals, N(vals),
	    "{\"v\":\"=1+1\"}\n{\"v\":\"-x\"}\n");
}
END_TEST

START_TEST(json_pad_and_drop)
{
	track_writer *w;
	track_error err;
	track_str f[3] = { S("1"), S("2"), S("3") };
	int fd = fx_temp_fd();
	char *got;

	ck_assert_int_eq(writer_open(&w, fd, TRACK_FMT_JSON, 0, &err), 0);
	ck_assert_int_eq(writer_header(w, (track_str[]){ S("a"), S("b") }, 2,
	    &err), 0);
	ck_assert_int_eq(writer_row(w, f, 1, &err), 0);
	ck_assert_int_eq(writer_row(w, f, 3, &err), 0);
	ck_assert_int_eq(writer_finish(w, &err), 0);
	writer_free(w);
	got = fx_slurp(fd);
	ck_assert_str_eq(got, "{\"a\":\"1\",\"b\":\"\"}\n{\"a\":\"1\",\"b\":\"2\"}\n");
	free(got);
	close(fd);
}
END_TEST

START_TEST(json_header_only)
{
	static const char *const vals[] = { NULL };

	/* No rows, no output: JSON Lines has no header line. */
	check_column(TRACK_FMT_JSON, 0, vals, 0, "");
}
END_TEST

START_TEST(table)
{
	static const char *const hdr[] = { "name", "score", "class" };
	static const char *const cells[] = {
		"Zo\xC3\xAB", "5", "3B",
		"\xE4\xB8\xAD\xE6\x96\x87", "10", "4",
		"Al", "", "x",
		"Jose\xCC\x81", "7.5", "y",
	};
	char *got = render(TRACK_FMT_TABLE, 0, hdr, 3, cells, 4, 3);

	/*
	 * "Zoë" is 3 columns wide, 中文 4, and "José" with a combining
	 * accent 4; score is numeric (blanks allowed) and right aligned;
	 * class is not.
	 */
	ck_assert_str_eq(got,
	    "name  score  class\n"
	    "----  -----  -----\n"
	    "Zo\xC3\xAB       5  3B\n"
	    "\xE4\xB8\xAD\xE6\x96\x87     10  4\n"
	    "Al           x\n"
	    "Jose\xCC\x81    7.5  y\n");
	free(got);
}
END_TEST

START_TEST(table_wide_values)
{
	static const char *const hdr[] = { "k", "n" };
	static const char *const cells[] = {
		"\xF0\x9F\x98\x80", "1",
		"ab\ncd", "-20",
	};
	char *got = render(TRACK_FMT_TABLE, 0, hdr, 2, cells, 2, 2);

	/* An emoji is two columns; a line end in a cell shows as a space. */
	ck_assert_str_eq(got,
	    "k      n\n"
	    "-----  ---\n"
	    "\xF0\x9F\x98\x80       1\n"
	    "ab cd  -20\n");
	free(got);
}
END_TEST

START_TEST(table_header_only)
{
	static const char *const hdr[] = { "alpha", "b" };
	char *got = render(TRACK_FMT_TABLE, 0, hdr, 2, NULL, 0, 2);

	ck_assert_str_eq(got, "alpha  b\n-----  -\n");
	free(got);
}
END_TEST

START_TEST(table_guard_free)
{
	static const char *const vals[] = { "=1+1" };

	check_column(TRACK_FMT_TABLE, WRITER_GUARD, vals, 1,
	    "v\n----\n=1+1\n");
}
END_TEST

START_TEST(markdown)
{
	static const char *const hdr[] = { "a", "n" };
	static const char *const cells[] = {
		"x|y", "1",
		"p\nq", "22",
		"Zo\xC3\xAB", "",
	};
	char *got = render(TRACK_FMT_MARKDOWN, 0, hdr, 2, cells, 3, 2);

	/* Widths count the cells as written, escapes included. */
	ck_assert_str_eq(got,
	    "| a      | n   |\n"
	    "| ------ | --: |\n"
	    "| x\\|y   |   1 |\n"
	    "| p<br>q |  22 |\n"
	    "| Zo\xC3\xAB    |     |\n");
	free(got);
}
END_TEST

START_TEST(markdown_text)
{
	static const char *const hdr[] = { "subject", "value" };
	static const char *const cells[] = {
		"reading", "EXS",
		"maths", "GDS",
	};
	char *got = render(TRACK_FMT_MARKDOWN, 0, hdr, 2, cells, 2, 2);

	ck_assert_str_eq(got,
	    "| subject | value |\n"
	    "| ------- | ----- |\n"
	    "| reading | EXS   |\n"
	    "| maths   | GDS   |\n");
	free(got);
}
END_TEST

START_TEST(formats)
{
	static const struct {
		const char *name;
		int ok;
		enum track_format fmt;
	} cases[] = {
		{ "csv", 1, TRACK_FMT_CSV }, { "tsv", 1, TRACK_FMT_TSV },
		{ "json", 1, TRACK_FMT_JSON }, { "jsonl", 1, TRACK_FMT_JSON },
		{ "table", 1, TRACK_FMT_TABLE },
		{ "markdown", 1, TRACK_FMT_MARKDOWN },
		{ "md", 1, TRACK_FMT_MARKDOWN }, { "html", 1, TRACK_FMT_HTML },
		{ "CSV", 0, 0 }, { "xml", 0, 0 }, { "", 0, 0 },
		{ "csvx", 0, 0 }, { "cs", 0, 0 },
	};
	size_t i;

	for (i = 0; i < N(cases); i++) {
		enum track_format f = (enum track_format)99;
		int rc = writer_format_parse(cases[i].name, &f);

		ck_assert_msg(rc == (cases[i].ok ? 0 : -1), "\"%s\" gave %d",
		    cases[i].name, rc);
		if (cases[i].ok)
			ck_assert_msg(f == cases[i].fmt, "\"%s\" is %d",
			    cases[i].name, (int)f);
	}
}
END_TEST

START_TEST(html_refused)
{
	track_writer *w = (track_writer *)1;
	track_error err;

	ck_assert_int_eq(writer_open(&w, 1, TRACK_FMT_HTML, 0, &err),
	    TRACK_EXIT_USAGE);
	ck_assert(w == NULL);
	ck_assert_int_eq(err.kind, TRACK_EXIT_USAGE);
	writer_free(NULL);
}
END_TEST

/*
 * One row through writer_row_src, or writer_encode_src when `enc`: the
 * fields are src's own (the same slices) when `same`, with `extra`
 * fields after them.  src's raw text is a marker, so that the output
 * shows whether it was copied.
 */
static char *
row_src(enum track_format fmt, unsigned flags, int delim, int same,
    size_t extra, int enc)
{
	static const char *const text[] = { "a", "b,c", "d", "x,y", "z" };
	track_str own[3], f[5];
	track_row src = { own, 3, 2, "in.csv", { "RAW", 3 }, delim };
	track_writer *w;
	track_error err;
	track_buf b = { NULL, 0, 0 };
	char *out;
	size_t i;
	int fd = fx_temp_fd();

	for (i = 0; i < 5; i++) {
		f[i] = S(text[i]);
		if (i < 3)
			own[i] = same ? f[i] : S(strdup(text[i]));
	}
	ck_assert_int_eq(writer_open(&w, fd, fmt, flags, &err), 0);
	if (fmt == TRACK_FMT_JSON)
		ck_assert_int_eq(writer_header(w, (track_str[]){ S("p"),
		    S("q"), S("r"), S("s"), S("t") }, 5, &err), 0);
	if (enc) {
		ck_assert_int_eq(writer_encode_src(w, f, 3 + extra, &src, &b),
		    0);
		ck_assert_int_eq(writer_text(w, b.ptr, b.len, &err), 0);
	} else {
		ck_assert_int_eq(writer_row_src(w, f, 3 + extra, &src, &err),
		    0);
	}
	ck_assert_int_eq(writer_finish(w, &err), 0);
	writer_free(w);
	out = fx_slurp(fd);
	close(fd);
	free(b.ptr);
	if (!same)
		for (i = 0; i < 3; i++)
			free((char *)own[i].ptr);
	return out;
}

/*
 * writer_row_src and writer_encode_src copy a row's raw text only when
 * the fields are its own and the writer writes them so: CSV or TSV with
 * the row's delimiter and no guard.  Otherwise they encode, as
 * writer_row does.
 */
START_TEST(raw_copied_when_same)
{
	static const struct {
		enum track_format fmt;
		unsigned flags;
		int delim, same;
		size_t extra;
		const char *want;
	} c[] = {
		{ TRACK_FMT_CSV, 0, ',', 1, 0, "RAW\n" },
		{ TRACK_FMT_CSV, 0, ',', 1, 2, "RAW,\"x,y\",z\n" },
		{ TRACK_FMT_TSV, 0, '\t', 1, 1, "RAW\tx,y\n" },
		{ TRACK_FMT_CSV, 0, ',', 0, 0, "a,\"b,c\",d\n" },
		{ TRACK_FMT_CSV, 0, ',', 0, 1, "a,\"b,c\",d,\"x,y\"\n" },
		{ TRACK_FMT_CSV, WRITER_GUARD, ',', 1, 0, "a,\"b,c\",d\n" },
		{ TRACK_FMT_CSV, 0, '\t', 1, 0, "a,\"b,c\",d\n" },
		{ TRACK_FMT_TSV, 0, ',', 1, 0, "a\tb,c\td\n" },
		{ TRACK_FMT_CSV, 0, ';', 1, 0, "a,\"b,c\",d\n" },
		{ TRACK_FMT_JSON, 0, ',', 1, 2, "{\"p\":\"a\",\"q\":\"b,c\","
		    "\"r\":\"d\",\"s\":\"x,y\",\"t\":\"z\"}\n" },
	};
	size_t i;
	int enc;

	for (i = 0; i < N(c); i++) {
		for (enc = 0; enc < 2; enc++) {
			char *got;

			if (enc && c[i].fmt == TRACK_FMT_JSON)
				continue;	/* writer_encode: CSV, TSV */
			got = row_src(c[i].fmt, c[i].flags, c[i].delim,
			    c[i].same, c[i].extra, enc);
			ck_assert_msg(strcmp(got, c[i].want) == 0,
			    "case %zu (%s): got \"%s\"", i,
			    enc ? "encode" : "row", got);
			free(got);
		}
	}
}
END_TEST

/*
 * A row with no raw text, or fewer fields than the row read, is encoded;
 * a raw row that does not fit the output buffer's room flushes it first,
 * and the output is writer_row's, byte for byte, row after row.
 */
START_TEST(raw_rows_through_buffer)
{
	track_writer *w, *ref;
	track_error err;
	char line[64], *got, *want;
	track_str f[3];
	track_row src;
	int fd = fx_temp_fd(), rfd = fx_temp_fd(), i, n;

	ck_assert_int_eq(writer_open(&w, fd, TRACK_FMT_CSV, 0, &err), 0);
	ck_assert_int_eq(writer_open(&ref, rfd, TRACK_FMT_CSV, 0, &err), 0);
	for (i = 0; i < 30000; i++) {
		n = snprintf(line, sizeof line, "P%d,\"Lee, Al\",%d", i,
		    i % 7);
		f[0] = (track_str){ line, (size_t)(strchr(line, ',') -
		    line) };
		f[1] = (track_str){ strchr(line, '"') + 1, 7 };
		f[2] = (track_str){ strrchr(line, ',') + 1, 1 };
		memset(&src, 0, sizeof src);
		src.field = f;
		src.n = 3;
		src.delim = ',';
		if (i % 3 != 0)
			src.raw = (track_str){ line, (size_t)n };
		ck_assert_int_eq(writer_row_src(w, f, i % 5 == 0 ? 2 : 3,
		    &src, &err), 0);
		ck_assert_int_eq(writer_row(ref, f, i % 5 == 0 ? 2 : 3, &err),
		    0);
	}
	ck_assert_int_eq(writer_finish(w, &err), 0);
	ck_assert_int_eq(writer_finish(ref, &err), 0);
	writer_free(w);
	writer_free(ref);
	got = fx_slurp(fd);
	want = fx_slurp(rfd);
	ck_assert_uint_gt(strlen(want), 512 * 1024);
	ck_assert(strcmp(got, want) == 0);
	free(got);
	free(want);
	close(fd);
	close(rfd);
}
END_TEST

START_TEST(big_output)
{
	track_writer *w;
	track_error err;
	char num[32], *got, *p;
	track_str f[2];
	int fd = fx_temp_fd(), i;

	/* Far more than the output buffer. */
	ck_assert_int_eq(writer_open(&w, fd, TRACK_FMT_CSV, 0, &err), 0);
	ck_assert_int_eq(writer_header(w, (track_str[]){ S("i"), S("t") }, 2,
	    &err), 0);
	for (i = 0; i < 100000; i++) {
		snprintf(num, sizeof num, "%d", i);
		f[0] = S(num);
		f[1] = S(i % 2 ? "odd, with comma" : "even");
		ck_assert_int_eq(writer_row(w, f, 2, &err), 0);
	}
	ck_assert_int_eq(writer_finish(w, &err), 0);
	writer_free(w);
	got = fx_slurp(fd);
	p = got;
	ck_assert(strncmp(p, "i,t\n", 4) == 0);
	p += 4;
	for (i = 0; i < 100000; i++) {
		char want[64];
		int n = snprintf(want, sizeof want, i % 2 ?
		    "%d,\"odd, with comma\"\n" : "%d,even\n", i);

		ck_assert_msg(strncmp(p, want, (size_t)n) == 0, "row %d", i);
		p += n;
	}
	ck_assert(*p == '\0');
	free(got);
	close(fd);
}
END_TEST

START_TEST(big_table)
{
	track_writer *w;
	track_error err;
	char num[32], *got;
	track_str f[1];
	int fd = fx_temp_fd(), i;
	size_t lines = 0;

	ck_assert_int_eq(writer_open(&w, fd, TRACK_FMT_TABLE, 0, &err), 0);
	ck_assert_int_eq(writer_header(w, (track_str[]){ S("n") }, 1, &err),
	    0);
	for (i = 0; i < 50000; i++) {
		snprintf(num, sizeof num, "%d", i);
		f[0] = S(num);
		ck_assert_int_eq(writer_row(w, f, 1, &err), 0);
	}
	ck_assert_int_eq(writer_finish(w, &err), 0);
	writer_free(w);
	got = fx_slurp(fd);
	for (i = 0; got[i] != '\0'; i++)
		lines += got[i] == '\n';
	ck_assert_int_eq(lines, 50000 + 2);
	/* Right aligned to the widest, "49999". */
	ck_assert(strncmp(got, "n    \n-----\n    0\n    1\n", 24) == 0 ||
	    strncmp(got, "n\n-----\n    0\n    1\n", 20) == 0);
	free(got);
	close(fd);
}
END_TEST

START_TEST(broken_pipe)
{
	track_writer *w;
	track_error err;
	int p[2];
	void (*old)(int) = signal(SIGPIPE, SIG_IGN);

	ck_assert(pipe(p) == 0);
	close(p[0]);
	ck_assert_int_eq(writer_open(&w, p[1], TRACK_FMT_CSV, 0, &err), 0);
	ck_assert_int_eq(writer_header(w, (track_str[]){ S("a") }, 1, &err),
	    0);
	ck_assert_int_eq(writer_row(w, (track_str[]){ S("1") }, 1, &err), 0);
	ck_assert_int_eq(writer_broken_pipe(w), 0);
	ck_assert_int_eq(writer_finish(w, &err), TRACK_EXIT_IO);
	ck_assert_int_eq(err.kind, TRACK_EXIT_IO);
	ck_assert(writer_broken_pipe(w));
	/* Once failed, it stays failed. */
	ck_assert_int_eq(writer_row(w, (track_str[]){ S("2") }, 1, &err),
	    TRACK_EXIT_IO);
	ck_assert_int_eq(writer_finish(w, &err), TRACK_EXIT_IO);
	writer_free(w);
	close(p[1]);
	ck_assert_int_eq(writer_broken_pipe(NULL), 0);
	signal(SIGPIPE, old);
}
END_TEST

START_TEST(write_error)
{
	track_writer *w;
	track_error err;
	char path[] = "/tmp/check_writer.XXXXXX";
	int fd = mkstemp(path), ro;

	/* A descriptor open for reading only: EBADF, not a broken pipe. */
	ck_assert(fd >= 0);
	ro = open(path, O_RDONLY);
	unlink(path);
	close(fd);
	ck_assert(ro >= 0);
	ck_assert_int_eq(writer_open(&w, ro, TRACK_FMT_JSON, 0, &err), 0);
	ck_assert_int_eq(writer_header(w, (track_str[]){ S("a") }, 1, &err),
	    0);
	ck_assert_int_eq(writer_row(w, (track_str[]){ S("1") }, 1, &err), 0);
	ck_assert_int_eq(writer_finish(w, &err), TRACK_EXIT_IO);
	ck_assert(err.text[0] != '\0');
	ck_assert_int_eq(writer_broken_pipe(w), 0);
	writer_free(w);
	close(ro);
}
END_TEST

START_TEST(numbers)
{
	static const char *const yes[] = {
		"0", "7", "-5", "+3.5", "10.25", "1e5", "1E-3", "-2.5e+10",
		"2.", "-.5", ".5", "007",
	};
	static const char *const no[] = {
		"", "-", "+", ".", "e5", "1e", "1e+", "1.2.3", "0x10", " 1",
		"1 ", "NaN", "inf", "1,000", "--1", "1e5.5", "5%", "\xEF\xBC\x95",
		"-e1", ".e1",
	};
	size_t i;

	for (i = 0; i < N(yes); i++)
		ck_assert_msg(str_is_number(S(yes[i])), "\"%s\" is a number",
		    yes[i]);
	for (i = 0; i < N(no); i++)
		ck_assert_msg(!str_is_number(S(no[i])), "\"%s\" is no number",
		    no[i]);
	/* The slice's length counts, not the NUL. */
	ck_assert(str_is_number((track_str){ "12x", 2 }));
	ck_assert(!str_is_number((track_str){ "12", 0 }));
}
END_TEST

START_TEST(bom)
{
	static const char *const hdr[] = { "name" };
	static const char *const vals[] = { "Zo\xc3\xab" };
	track_writer *w;
	track_error err;
	char *out;
	int fd;

	/* --bom: CSV and TSV start with EF BB BF, once; not by default. */
	out = render(TRACK_FMT_CSV, WRITER_BOM, hdr, 1, vals, 1, 1);
	ck_assert_str_eq(out, "\xef\xbb\xbfname\nZo\xc3\xab\n");
	free(out);
	out = render(TRACK_FMT_TSV, WRITER_BOM | WRITER_GUARD, hdr, 1, vals,
	    1, 1);
	ck_assert_str_eq(out, "\xef\xbb\xbfname\nZo\xc3\xab\n");
	free(out);
	out = render(TRACK_FMT_CSV, 0, hdr, 1, vals, 1, 1);
	ck_assert_str_eq(out, "name\nZo\xc3\xab\n");
	free(out);
	/* Not on JSON Lines. */
	out = render(TRACK_FMT_JSON, WRITER_BOM, hdr, 1, vals, 1, 1);
	ck_assert_str_eq(out, "{\"name\":\"Zo\xc3\xab\"}\n");
	free(out);
	/* Text first (a report's JSON, a title): the mark comes first. */
	fd = fx_temp_fd();
	ck_assert_int_eq(writer_open(&w, fd, TRACK_FMT_CSV, WRITER_BOM,
	    &err), 0);
	ck_assert_int_eq(writer_text(w, "t\n", 2, &err), 0);
	ck_assert_int_eq(writer_header(w, (track_str[]){ S("a") }, 1, &err),
	    0);
	ck_assert_int_eq(writer_finish(w, &err), 0);
	writer_free(w);
	out = fx_slurp(fd);
	close(fd);
	ck_assert_str_eq(out, "\xef\xbb\xbft\na\n");
	free(out);
}
END_TEST

static Suite *
writer_suite(void)
{
	Suite *s = suite_create("writer");
	TCase *tc;

	tc = tcase_create("csv");
	tcase_add_test(tc, csv_quoting);
	tcase_add_test(tc, csv_ragged_rows);
	tcase_add_test(tc, csv_guard);
	tcase_add_test(tc, csv_no_guard);
	tcase_add_test(tc, tsv);
	tcase_add_test(tc, big_output);
	suite_add_tcase(s, tc);

	tc = tcase_create("json");
	tcase_add_test(tc, json);
	tcase_add_test(tc, json_guard_free);
	tcase_add_test(tc, json_pad_and_drop);
	tcase_add_test(tc, json_header_only);
	suite_add_tcase(s, tc);

	tc = tcase_create("table");
	tcase_add_test(tc, table);
	tcase_add_test(tc, table_wide_values);
	tcase_add_test(tc, table_header_only);
	tcase_add_test(tc, table_guard_free);
	tcase_add_test(tc, markdown);
	tcase_add_test(tc, markdown_text);
	tcase_add_test(tc, big_table);
	suite_add_tcase(s, tc);

	tc = tcase_create("misc");
	tcase_add_test(tc, formats);
	tcase_add_test(tc, html_refused);
	tcase_add_test(tc, broken_pipe);
	tcase_add_test(tc, write_error);
	tcase_add_test(tc, numbers);
	tcase_add_test(tc, encode_same_as_row);
	tcase_add_test(tc, raw_copied_when_same);
	tcase_add_test(tc, raw_rows_through_buffer);
	tcase_add_test(tc, bom);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(writer_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
