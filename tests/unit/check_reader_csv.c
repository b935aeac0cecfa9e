/*
 * check_reader_csv.c - unit tests for lib/record/reader_csv.c: CSV and TSV
 * records, line ends, delimiters, bad rows (ragged, quotes, invalid text,
 * limits) and going on after them, each read on every path: the fast
 * path's splitters (AVX2 where the CPU has it, SSE2, SWAR; see
 * record/csv_scan.h) and libcsv alone.  See reader_dump.h for dump().
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
#include "record/csv_scan.h"
#include "record/reader.h"
#include "record/reader_int.h"
#include "scratch.h"
#include "reader_dump.h"

/* The paths every input here is read on. */
static const enum track_csv_path paths[] = {
	TRACK_CSV_AVX2, TRACK_CSV_SSE2, TRACK_CSV_SWAR, TRACK_CSV_LIBCSV
};
static const char *const path_names[] = { "avx2", "sse2", "swar", "libcsv" };
#define NPATHS (sizeof paths / sizeof paths[0])

/*
 * Reads data[0..len) on every path and compares each transcript with
 * `want`; when `msg` is not NULL, the last message on each path must
 * hold it.
 */
static void
expect_paths(const struct track_reader_opts *opts, const char *data,
    size_t len, const char *want, const char *msg)
{
	size_t i;

	for (i = 0; i < NPATHS; i++) {
		struct track_reader_opts o;
		char *got;

		if (opts != NULL)
			o = *opts;
		else
			memset(&o, 0, sizeof o);
		o.csv_path = paths[i];
		last_err.text[0] = '\0';
		got = dump(write_file("in", data, len), &o);
		if (strcmp(got, want) != 0) {
			size_t at = 0;

			/* Where they part, with some context. */
			while (got[at] == want[at])
				at++;
			at = at > 80 ? at - 80 : 0;
			ck_abort_msg("path %s read\n%.400s\nnot\n%.400s",
			    path_names[i], got + at, want + at);
		}
		ck_assert_msg(msg == NULL || strstr(last_err.text, msg) != NULL,
		    "path %s: message \"%s\" has no \"%s\"", path_names[i],
		    last_err.text, msg);
		free(got);
	}
}

/* EXPECT (reader_dump.h), on every path. */
#undef EXPECT
#define EXPECT(opts, data, want) \
	expect_paths((opts), (data), sizeof(data) - 1, (want), NULL)


START_TEST(lf)
{
	EXPECT(NULL, "a,b\n1,2\n3,4\n", "H/2:a|b\n2/2:1|2\n3/2:3|4\nEOF\n");
	/* No line end after the last row. */
	EXPECT(NULL, "a,b\n1,2\n3,4", "H/2:a|b\n2/2:1|2\n3/2:3|4\nEOF\n");
}
END_TEST

START_TEST(crlf)
{
	EXPECT(NULL, "a,b\r\n1,2\r\n3,4\r\n",
	    "H/2:a|b\n2/2:1|2\n3/2:3|4\nEOF\n");
	EXPECT(NULL, "a,b\r\n1,2\r\n3,4", "H/2:a|b\n2/2:1|2\n3/2:3|4\nEOF\n");
}
END_TEST

START_TEST(cr_only)
{
	EXPECT(NULL, "a,b\r1,2\r3,4\r", "H/2:a|b\n2/2:1|2\n3/2:3|4\nEOF\n");
	EXPECT(NULL, "a,b\r1,2\r3,4", "H/2:a|b\n2/2:1|2\n3/2:3|4\nEOF\n");
}
END_TEST

START_TEST(mixed_line_ends)
{
	EXPECT(NULL, "a,b\r\n1,2\n3,4\r5,6\r\n",
	    "H/2:a|b\n2/2:1|2\n3/2:3|4\n4/2:5|6\nEOF\n");
}
END_TEST

/* ---- quoted fields ------------------------------------------------ */

START_TEST(quoted_lf)
{
	EXPECT(NULL, "a,b\n\"x\ny\",1\n2,3\n",
	    "H/2:a|b\n2/2:x\\ny|1\n4/2:2|3\nEOF\n");
	/* In a later field, over two line ends. */
	EXPECT(NULL, "a,b\n1,\"p\nq\nr\"\n2,3\n",
	    "H/2:a|b\n2/2:1|p\\nq\\nr\n5/2:2|3\nEOF\n");
	/* Two multi-line fields in one row. */
	EXPECT(NULL, "a,b\n\"x\ny\",\"p\nq\"\n2,3\n",
	    "H/2:a|b\n2/2:x\\ny|p\\nq\n5/2:2|3\nEOF\n");
	/* A quoted line end in the header. */
	EXPECT(NULL, "\"a\nb\",c\n1,2\n", "H/2:a\\nb|c\n3/2:1|2\nEOF\n");
}
END_TEST

START_TEST(quoted_crlf)
{
	EXPECT(NULL, "a,b\r\n\"x\r\ny\",1\r\n2,3\r\n",
	    "H/2:a|b\n2/2:x\\r\\ny|1\n4/2:2|3\nEOF\n");
	EXPECT(NULL, "a,b\r\n1,\"p\r\n\r\nq\"\r\n2,3\r\n",
	    "H/2:a|b\n2/2:1|p\\r\\n\\r\\nq\n5/2:2|3\nEOF\n");
}
END_TEST

START_TEST(quoted_cr)
{
	EXPECT(NULL, "a,b\r\"x\ry\",1\r2,3\r",
	    "H/2:a|b\n2/2:x\\ry|1\n4/2:2|3\nEOF\n");
}
END_TEST

START_TEST(escaped_quotes)
{
	EXPECT(NULL, "a,b\n\"he said \"\"hi\"\"\",\"\"\"\"\n",
	    "H/2:a|b\n2/2:he said \"hi\"|\"\nEOF\n");
	/* A quoted delimiter is data. */
	EXPECT(NULL, "a,b\n\"1,5\",2\n", "H/2:a|b\n2/2:1,5|2\nEOF\n");
	/* A quoted header. */
	EXPECT(NULL, "\"a\",\"b\"\n1,2\n", "H/2:a|b\n2/2:1|2\nEOF\n");
}
END_TEST

START_TEST(empty_fields)
{
	EXPECT(NULL, "a,b,c\n,,\n\"\",\"\",x\n,y,\n",
	    "H/3:a|b|c\n2/3:||\n3/3:||x\n4/3:|y|\nEOF\n");
	/* A one-column file: a quoted empty field is a row, a blank line
	 * is not. */
	EXPECT(NULL, "a\n\"\"\n\nz\n", "H/1:a\n2/1:\n4/1:z\nEOF\n");
}
END_TEST

START_TEST(spaces_kept)
{
	EXPECT(NULL, "a, b \n x , y \n\t1\t,2  \n",
	    "H/2:a| b \n2/2: x | y \n3/2:\\t1\\t|2  \nEOF\n");
	EXPECT(NULL, "a,b\n\" x \",\"y \"\n", "H/2:a|b\n2/2: x |y \nEOF\n");
}
END_TEST

/* ---- blank lines -------------------------------------------------- */

START_TEST(blank_lines_lf)
{
	EXPECT(NULL, "a,b\n\n1,2\n\n\n3,4\n\n",
	    "H/2:a|b\n3/2:1|2\n6/2:3|4\nEOF\n");
	/* Before the header. */
	EXPECT(NULL, "\n\na,b\n1,2\n", "H/2:a|b\n4/2:1|2\nEOF\n");
}
END_TEST

START_TEST(blank_lines_crlf)
{
	EXPECT(NULL, "a,b\r\n\r\n1,2\r\n\r\n\r\n3,4\r\n",
	    "H/2:a|b\n3/2:1|2\n6/2:3|4\nEOF\n");
}
END_TEST

START_TEST(blank_lines_cr)
{
	EXPECT(NULL, "a,b\r\r1,2\r\r\r3,4\r",
	    "H/2:a|b\n3/2:1|2\n6/2:3|4\nEOF\n");
}
END_TEST

/* ---- delimiters and formats --------------------------------------- */

START_TEST(detect_comma)
{
	track_reader *r;
	track_error err;

	EXPECT(NULL, "a,b;c\n1,2;3\n", "H/2:a|b;c\n2/2:1|2;3\nEOF\n");
	ck_assert_int_eq(reader_open(&r, WRITE("c", "a,b\n"), NULL, &err), 0);
	ck_assert_int_eq(reader_delimiter(r), ',');
	ck_assert_int_eq(reader_format(r), TRACK_IN_CSV);
	ck_assert_str_eq(reader_encoding(r), "utf-8");
	reader_close(r);
}
END_TEST

START_TEST(detect_semicolon)
{
	track_reader *r;
	track_error err;

	EXPECT(NULL, "a;b;c\n1,5;2;3\n", "H/3:a|b|c\n2/3:1,5|2|3\nEOF\n");
	/* Commas inside quotes do not count. */
	EXPECT(NULL, "\"x,y,z\";b\n1;2\n", "H/2:x,y,z|b\n2/2:1|2\nEOF\n");
	ck_assert_int_eq(reader_open(&r, WRITE("s", "a;b\n"), NULL, &err), 0);
	ck_assert_int_eq(reader_delimiter(r), ';');
	reader_close(r);
}
END_TEST

START_TEST(detect_tab)
{
	track_reader *r;
	track_error err;

	EXPECT(NULL, "a\tb\tc\n1,5\t2\t3\n", "H/3:a|b|c\n2/3:1,5|2|3\nEOF\n");
	ck_assert_int_eq(reader_open(&r, WRITE("t", "a\tb\n"), NULL, &err),
	    0);
	ck_assert_int_eq(reader_delimiter(r), '\t');
	reader_close(r);
}
END_TEST

START_TEST(explicit_delimiter)
{
	struct track_reader_opts o = enc(NULL);

	o.delimiter = '|';
	EXPECT(&o, "a|b,c;d\n1|2\n", "H/2:a|b,c;d\n2/2:1|2\nEOF\n");
	/* Given a comma, semicolons stay data even where they win. */
	o.delimiter = ',';
	EXPECT(&o, "a;b;c,d\n1;2;3,4\n", "H/2:a;b;c|d\n2/2:1;2;3|4\nEOF\n");
}
END_TEST

START_TEST(tsv_format)
{
	struct track_reader_opts o = enc(NULL);
	track_reader *r;
	track_error err;

	o.format = TRACK_IN_TSV;
	EXPECT(&o, "a,b\tc;d\n1,2\t3;4\n", "H/2:a,b|c;d\n2/2:1,2|3;4\nEOF\n");
	ck_assert_int_eq(reader_open(&r, WRITE("t", "a,b\tc\n"), &o, &err),
	    0);
	ck_assert_int_eq(reader_format(r), TRACK_IN_TSV);
	ck_assert_int_eq(reader_delimiter(r), '\t');
	reader_close(r);
}
END_TEST

START_TEST(csv_forced)
{
	struct track_reader_opts o = enc(NULL);

	/* A CSV file whose first byte is { is still CSV when told so. */
	o.format = TRACK_IN_CSV;
	EXPECT(&o, "{a},b\n1,2\n", "H/2:{a}|b\n2/2:1|2\nEOF\n");
}
END_TEST

/* ---- empty input -------------------------------------------------- */

START_TEST(header_only)
{
	EXPECT(NULL, "a,b\n", "H/2:a|b\nEOF\n");
	EXPECT(NULL, "a,b", "H/2:a|b\nEOF\n");
	EXPECT(NULL, "a,b\r\n\r\n", "H/2:a|b\nEOF\n");
}
END_TEST

START_TEST(empty_file)
{
	EXPECT(NULL, "", "H/0:\nEOF\n");
	EXPECT(NULL, "\n\n\n", "H/0:\nEOF\n");
	EXPECT(NULL, "\xEF\xBB\xBF", "H/0:\nEOF\n");
}
END_TEST

/* ---- bad rows ----------------------------------------------------- */

START_TEST(ragged)
{
	EXPECT(NULL, "a,b\n1,2\n3\n4,5,6\n7,8\n",
	    "H/2:a|b\n2/2:1|2\n3/1!3:3\n4/3!4:4|5|6\n5/2:7|8\nEOF\n");
}
END_TEST

START_TEST(ragged_message)
{
	char *got = dump(WRITE("in", "a,b,c\n1,2\n"), NULL);

	ck_assert_str_eq(got, "H/3:a|b|c\n2/2!2:1|2\nEOF\n");
	free(got);
	ck_assert_msg(strstr(last_err.text, "2 fields") != NULL &&
	    strstr(last_err.text, "3") != NULL,
	    "message does not name both counts: %s", last_err.text);
	ck_assert_int_eq(last_err.line, 2);
}
END_TEST

START_TEST(unterminated_quote)
{
	/*
	 * A quote never closed: its row's first line is a bad row holding
	 * that line's fields, and reading goes on at the next line, so the
	 * rows it would have swallowed still come out.
	 */
	EXPECT(NULL, "a,b\n1,2\n3,\"x\n4,5\n6,7\n",
	    "H/2:a|b\n2/2:1|2\n3/2!3:3|x\n4/2:4|5\n5/2:6|7\nEOF\n");
	ck_assert_msg(strstr(last_err.text, "unterminated") != NULL &&
	    strstr(last_err.text, "\"b\"") != NULL &&
	    strstr(last_err.text, "next line") != NULL,
	    "message: %s", last_err.text);
	/* On the last line, with no line end. */
	EXPECT(NULL, "a,b\n1,2\n3,\"x", "H/2:a|b\n2/2:1|2\n3/2!3:3|x\nEOF\n");
	/* The first field; CR LF line ends. */
	EXPECT(NULL, "a,b\r\n\"1,2\r\n3,4\r\n",
	    "H/2:a|b\n2/1!2:1,2\n3/2:3|4\nEOF\n");
}
END_TEST

START_TEST(unterminated_quote_line)
{
	/* The quote opens on line 5, after a row spanning lines 2-3. */
	EXPECT(NULL, "a\n\"x\ny\"\n\n\"open\nmore\nstill",
	    "H/1:a\n2/1:x\\ny\n5/1!5:open\n6/1:more\n7/1:still\nEOF\n");
	/* In a later field of a row; CR LF. */
	EXPECT(NULL, "a,b\r\n1,2\r\n3,\"x\r\ny\r\n",
	    "H/2:a|b\n2/2:1|2\n3/2!3:3|x\n4/1!4:y\nEOF\n");
	/* CR line ends. */
	EXPECT(NULL, "a,b\r1,\"2\r3,4\r",
	    "H/2:a|b\n2/2!2:1|2\n3/2:3|4\nEOF\n");
}
END_TEST

/* ---- malformed quoted fields ---------------------------------------- */

START_TEST(stray_quote)
{
	/* The case from issue 11: the next line is not swallowed. */
	EXPECT(NULL, "pupil,name,v\nP1,\"Ann\"e,1\nP2,\"Bob\",2\nP3,Cy,3\n",
	    "H/3:pupil|name|v\n2/3!2:P1|Ann\"e|1\n3/3:P2|Bob|2\n"
	    "4/3:P3|Cy|3\nEOF\n");
	ck_assert_msg(strstr(last_err.text, "stray quote") != NULL &&
	    strstr(last_err.text, "\"name\"") != NULL,
	    "message: %s", last_err.text);
	ck_assert_int_eq(last_err.line, 2);
	/* Space after the closing quote is text after it too. */
	EXPECT(NULL, "a,b\n\"x\" ,1\n2,3\n",
	    "H/2:a|b\n2/2!2:x\" |1\n3/2:2|3\nEOF\n");
	/* The last field, before CR LF, and at the end of the file. */
	EXPECT(NULL, "a,b\r\n1,\"x\"y\r\n2,3\r\n4,\"z\"\"q",
	    "H/2:a|b\n2/2!2:1|x\"y\n3/2:2|3\n4/2!4:4|z\"q\nEOF\n");
	/* Semicolons and tabs. */
	EXPECT(NULL, "a;b\n\"1\"2;3\n4;5\n",
	    "H/2:a|b\n2/2!2:1\"2|3\n3/2:4|5\nEOF\n");
	EXPECT(NULL, "a\tb\n1\t\"2\"\"\"x\n4\t5\n",
	    "H/2:a|b\n2/2!2:1|2\"\"x\n3/2:4|5\nEOF\n");
}
END_TEST

START_TEST(stray_quote_resync)
{
	/*
	 * A quote opened on line 2 is closed on line 3, then followed by
	 * text: the bad row is line 2 alone, and line 3 is read again as a
	 * row of its own (a good one here).
	 */
	EXPECT(NULL, "p,n,v\nP1,\"Ann,1\nP2,\"Bob\",2\nP3,Cy,3\n",
	    "H/3:p|n|v\n2/2!2:P1|Ann,1\n3/3:P2|Bob|2\n4/3:P3|Cy|3\nEOF\n");
	/* A good quoted line end before the stray quote. */
	EXPECT(NULL, "a,b\n1,\"x\ny\nz\"q\n2,3\n",
	    "H/2:a|b\n2/2!2:1|x\n3/1!3:y\n4/1!4:z\"q\n5/2:2|3\nEOF\n");
	/* Blank lines inside are counted again, once. */
	EXPECT(NULL, "a,b\n1,\"x\n\n2,3\n\"y\"z,4\n5,6\n",
	    "H/2:a|b\n2/2!2:1|x\n4/2:2|3\n5/2!5:y\"z|4\n6/2:5|6\nEOF\n");
	/* A stray quote in the header is fatal. */
	EXPECT(NULL, "a,\"b\"c\n1,2\n", "open 1 @1\n");
	ck_assert_msg(strstr(last_err.text, "stray quote") != NULL,
	    "message: %s", last_err.text);
}
END_TEST

START_TEST(quote_in_unquoted_field)
{
	/* Kept as text: the field still ends at the delimiter. */
	EXPECT(NULL, "a,b\nAnn\"e,5'10\"\n2,3\n",
	    "H/2:a|b\n2/2:Ann\"e|5'10\"\n3/2:2|3\nEOF\n");
	EXPECT(NULL, "a,b\n x \"y\",\"\"\"z\"\"\"\n",
	    "H/2:a|b\n2/2: x \"y\"|\"z\"\nEOF\n");
}
END_TEST

/*
 * A stray quote on a line that runs over the 64 KiB chunk boundary, and
 * one in a row whose text runs over it: the bad row holds its whole first
 * line, and the lines after it come out with the right numbers.
 */
START_TEST(stray_quote_across_chunks)
{
	struct sbuf b = { NULL, 0, 0 }, w = { NULL, 0, 0 };
	int k;

	for (k = 0; k < 2; k++) {
		char *got;
		size_t fill, i;
		long line = 2;

		b.len = 0;
		w.len = 0;
		sb_add(&b, "a,b\n", 4);
		while (b.len < 65536 - 100) {
			sb_add(&b, "1,2\n", 4);
			line++;
		}
		fill = 65536 - 10 - b.len;
		if (k == 0) {
			/* x,"y"z and w bytes to past the boundary. */
			sb_add(&b, "x,\"y\"z", 6);
			for (i = 0; i < fill + 20; i++)
				sb_add(&b, "w", 1);
			sb_add(&b, "\n3,4\n", 5);
			sb_printf(&w, "%ld/2!%ld:x|y\"z", line, line);
			for (i = 0; i < fill + 20; i++)
				sb_add(&w, "w", 1);
			sb_printf(&w, "\n%ld/2:3|4\nEOF\n", line + 1);
		} else {
			/* x,"y and w bytes; the quote closes after the
			 * boundary, on the next line, and text follows. */
			sb_add(&b, "x,\"y", 4);
			for (i = 0; i < fill; i++)
				sb_add(&b, "w", 1);
			sb_add(&b, "\nwwwwwwwwwwwwwwwwwwww\"z\n3,4\n", 28);
			sb_printf(&w, "%ld/2!%ld:x|y", line, line);
			for (i = 0; i < fill; i++)
				sb_add(&w, "w", 1);
			sb_printf(&w, "\n%ld/1!%ld:wwwwwwwwwwwwwwwwwwww\"z\n"
			    "%ld/2:3|4\nEOF\n", line + 1, line + 1, line + 2);
		}
		got = dump(write_file("in", b.p, b.len), NULL);
		ck_assert_msg(strlen(got) > w.len &&
		    strcmp(got + strlen(got) - w.len, w.p) == 0,
		    "case %d ends\n%s\nnot\n%s", k,
		    got + (strlen(got) > w.len + 40 ? strlen(got) - w.len - 40
		    : 0), w.p);
		free(got);
	}
	free(b.p);
	free(w.p);
}
END_TEST

START_TEST(unterminated_quote_header)
{
	EXPECT(NULL, "a,\"b\n1,2\n", "open 1 @1\n");
}
END_TEST

START_TEST(invalid_utf8)
{
	EXPECT(NULL, "a,b\n1,\xFF\n2,3\n",
	    "H/2:a|b\n2/2!2:1|\xFF\n3/2:2|3\nEOF\n");
	ck_assert_msg(strstr(last_err.text, "UTF-8") != NULL, "message: %s",
	    last_err.text);
	/* Overlong, surrogate and truncated sequences. */
	EXPECT(NULL, "a\n\xC0\xAF\nok\n\xED\xA0\x80\n\xE2\x82\n",
	    "H/1:a\n2/1!2:\xC0\xAF\n3/1:ok\n4/1!4:\xED\xA0\x80\n"
	    "5/1!5:\xE2\x82\nEOF\n");
}
END_TEST

START_TEST(invalid_utf8_after_newline)
{
	/* The bad byte is on line 4: line 2 holds x, line 3 y and p. */
	EXPECT(NULL, "a,b\n\"x\ny\",\"p\nq\xFFr\"\n2,3\n",
	    "H/2:a|b\n2/2!4:x\\ny|p\\nq\xFFr\n5/2:2|3\nEOF\n");
	/* In the same field as the line end. */
	EXPECT(NULL, "a\n\"x\n\n\xFF\"\n2\n",
	    "H/1:a\n2/1!4:x\\n\\n\xFF\n5/1:2\nEOF\n");
	/* CRLF inside the field. */
	EXPECT(NULL, "a,b\r\n\"x\r\ny\",\"\xFF\"\r\n2,3\r\n",
	    "H/2:a|b\n2/2!3:x\\r\\ny|\xFF\n4/2:2|3\nEOF\n");
}
END_TEST

/*
 * A row with text beyond ASCII is checked in one pass over all its fields
 * when it can be (reader.c: span_valid), else field by field: the two
 * must agree.
 */
START_TEST(utf8_row_at_once)
{
	/* Valid characters in every field, and one in the header. */
	EXPECT(NULL, "n\xC3\xA9,b,c\n"
	    "Jos\xC3\xA9,\xE2\x82\xAC" "5,\xF0\x9F\x98\x80\n",
	    "H/3:n\xC3\xA9|b|c\n"
	    "2/3:Jos\xC3\xA9|\xE2\x82\xAC" "5|\xF0\x9F\x98\x80\nEOF\n");
	/*
	 * "" made " leaves the last byte of \xC3\xA9 behind the field's NUL:
	 * the row at once is not valid, but each field is.
	 */
	EXPECT(NULL, "a,b\n\"\"\"\xC3\xA9\",\xC3\xA9\n",
	    "H/2:a|b\n2/2:\"\xC3\xA9|\xC3\xA9\nEOF\n");
	/* A character cut in two by the delimiter: each half is bad. */
	EXPECT(NULL, "a,b\n\xC3,\xA9\nok,\xC3\xA9\n",
	    "H/2:a|b\n2/2!2:\xC3|\xA9\n3/2:ok|\xC3\xA9\nEOF\n");
	/* A bad byte in the last field, after good ones before it. */
	EXPECT(NULL, "a,b,c\n\xC3\xA9,\"x\ny\",z\xFF\n",
	    "H/3:a|b|c\n2/3!3:\xC3\xA9|x\\ny|z\xFF\nEOF\n");
}
END_TEST

START_TEST(invalid_utf8_header)
{
	EXPECT(NULL, "a,b\xE9\n1,2\n", "open 1 @1\n");
}
END_TEST

START_TEST(nul_byte)
{
	EXPECT(NULL, "a,b\n1,x\0y\n2,3\n",
	    "H/2:a|b\n2/2!2:1|x\\x00y\n3/2:2|3\nEOF\n");
	ck_assert_msg(strstr(last_err.text, "NUL") != NULL, "message: %s",
	    last_err.text);
	EXPECT(NULL, "a\0,b\n1,2\n", "open 1 @1\n");
}
END_TEST

START_TEST(max_field)
{
	struct track_reader_opts o = enc(NULL);

	o.max_field = 8;
	/* Exactly 8 bytes is fine; 9 is a bad row; reading resumes. */
	EXPECT(&o, "a,b\n1,12345678\n3,123456789\n4,5\n",
	    "H/2:a|b\n2/2:1|12345678\n3/0!3:\n4/2:4|5\nEOF\n");
	ck_assert_msg(strstr(last_err.text, "max-field-size") != NULL,
	    "message: %s", last_err.text);
}
END_TEST

START_TEST(max_field_header)
{
	struct track_reader_opts o = enc(NULL);

	o.max_field = 4;
	EXPECT(&o, "a,bbbbbbbbbb\n1,2\n", "open 1 @1\n");
}
END_TEST

START_TEST(max_field_big)
{
	struct track_reader_opts o = enc(NULL);
	size_t big = 200 * 1024, n;
	char *data = malloc(big + 64), *got;

	/* A 200 KiB field, more than one chunk, with a 1 KiB limit. */
	ck_assert(data != NULL);
	n = (size_t)sprintf(data, "a,b\n1,2\n3,");
	memset(data + n, 'x', big);
	n += big;
	n += (size_t)sprintf(data + n, "\n4,5\n");
	o.max_field = 1024;
	got = dump(write_file("big", data, n), &o);
	ck_assert_str_eq(got, "H/2:a|b\n2/2:1|2\n3/0!3:\n4/2:4|5\nEOF\n");
	free(got);
	free(data);
}
END_TEST

START_TEST(max_columns)
{
	struct track_reader_opts o = enc(NULL);

	o.max_columns = 3;
	EXPECT(&o, "a,b,c\n1,2,3,4\n5,6,7\n",
	    "H/3:a|b|c\n2/3!2:1|2|3\n3/3:5|6|7\nEOF\n");
	ck_assert_msg(strstr(last_err.text, "max-columns") != NULL,
	    "message: %s", last_err.text);
	EXPECT(&o, "a,b,c,d\n1,2,3,4\n", "open 1 @1\n");
}
END_TEST

START_TEST(duplicate_header)
{
	struct track_reader_opts o = enc(NULL);

	EXPECT(NULL, "a,b,a\n1,2,3\n", "open 1 @1\n");
	ck_assert_msg(strstr(last_err.text, "\"a\"") != NULL, "message: %s",
	    last_err.text);
	o.allow_duplicate_header = 1;
	EXPECT(&o, "a,b,a\n1,2,3\n", "H/3:a|b|a\n2/3:1|2|3\nEOF\n");
}
END_TEST

START_TEST(skip_lines)
{
	struct track_reader_opts o = enc(NULL);

	o.skip_lines = 2;
	EXPECT(&o, "Title, with comma\nSub\na,b\n1,2\n3\n",
	    "H/2:a|b\n4/2:1|2\n5/1!5:3\nEOF\n");
	EXPECT(&o, "T\r\nS\r\na,b\r\n1,2\r\n", "H/2:a|b\n4/2:1|2\nEOF\n");
	EXPECT(&o, "T\rS\ra,b\r1,2\r", "H/2:a|b\n4/2:1|2\nEOF\n");
	/* Skipping past the end leaves an empty input. */
	o.skip_lines = 10;
	EXPECT(&o, "T\na,b\n", "H/0:\nEOF\n");
}
END_TEST

START_TEST(missing_file)
{
	char path[PATH_MAX];
	char *got;

	snprintf(path, sizeof path, "%s/no-such-file.csv", tmpdir);
	got = dump(path, NULL);
	ck_assert_str_eq(got, "open 3 @0\n");
	ck_assert_msg(strstr(last_err.text, "no-such-file.csv") != NULL,
	    "message: %s", last_err.text);
	free(got);
}
END_TEST

START_TEST(from_stdin)
{
	track_reader *r;
	track_error err;
	track_row row;
	int save = dup(0), fd;

	fd = open(WRITE("stdin", "a\n1\n"), O_RDONLY);
	ck_assert(save >= 0 && fd >= 0);
	ck_assert(dup2(fd, 0) == 0);
	close(fd);
	ck_assert_int_eq(reader_open(&r, "-", NULL, &err), 0);
	ck_assert_str_eq(reader_name(r), "stdin");
	ck_assert_int_eq(reader_next(r, &row, &err), TRACK_READ_ROW);
	ck_assert(row.n == 1 && str_eq(row.field[0], "1"));
	ck_assert_int_eq(reader_next(r, &row, &err), TRACK_READ_EOF);
	reader_close(r);
	/* stdin is left open. */
	ck_assert(fcntl(0, F_GETFD) != -1);
	dup2(save, 0);
	close(save);
}
END_TEST

START_TEST(fields_valid_until_next)
{
	track_reader *r;
	track_error err;
	track_row row;
	const track_str *h;
	size_t n;

	/* The header stays valid while rows are read. */
	ck_assert_int_eq(reader_open(&r, WRITE("in", "name,v\nx,1\ny,2\n"),
	    NULL, &err), 0);
	h = reader_header(r, &n);
	ck_assert_int_eq(reader_next(r, &row, &err), TRACK_READ_ROW);
	ck_assert(str_eq(row.field[0], "x"));
	ck_assert_int_eq(reader_next(r, &row, &err), TRACK_READ_ROW);
	ck_assert(str_eq(row.field[0], "y") && str_eq(row.field[1], "2"));
	ck_assert_int_eq(reader_next(r, &row, &err), TRACK_READ_EOF);
	ck_assert(n == 2 && str_eq(h[0], "name") && str_eq(h[1], "v"));
	reader_close(r);
	reader_close(NULL);
}
END_TEST

/*
 * Reads `text` with keep_raw `keep` on splitter `path`, and returns each
 * row as "kind:raw" ("-" for no raw text) on a line of its own.
 */
static char *
raw_rows(const char *text, int keep, enum track_csv_path path,
    enum track_in_format fmt)
{
	struct track_reader_opts o;
	struct sbuf out = { NULL, 0, 0 };
	track_reader *r;
	track_error err;
	track_row row;
	enum track_read got;

	memset(&o, 0, sizeof o);
	o.keep_raw = keep;
	o.csv_path = path;
	o.format = fmt;
	ck_assert_int_eq(reader_open(&r, write_file("raw", text, strlen(text)),
	    &o, &err), 0);
	while ((got = reader_next(r, &row, &err)) != TRACK_READ_EOF) {
		ck_assert(got != TRACK_READ_FATAL);
		sb_printf(&out, "%c:", got == TRACK_READ_ROW ? 'r' : 'b');
		if (row.raw.ptr == NULL) {
			sb_printf(&out, "-\n");
			continue;
		}
		ck_assert(got == TRACK_READ_ROW);
		ck_assert_int_eq(row.delim, fmt == TRACK_IN_TSV ? '\t' : ',');
		sb_printf(&out, "%.*s\n", (int)row.raw.len, row.raw.ptr);
	}
	reader_close(r);
	return out.p;
}

/*
 * keep_raw: a row read whole by the splitter has its line as raw text
 * when that is how the writer writes its fields; a field quoted without
 * need, a row libcsv read (P6's quote inside a field), a bad row and any
 * row without keep_raw have none.  The line end (LF or CR LF) is not part
 * of it.
 */
START_TEST(raw_text)
{
	static const char csv[] =
	    "pupil,name,value\r\n"
	    "P1,\"Chen, Lily\",EXS\r\n"
	    "\"P2\",x,WTS\n"
	    "P3,\"\",GDS\n"
	    "P4,\"say \"\"hi\"\"\",GDS\n"
	    "P5,\"a\nb\",EXS\n"
	    "P6,x\"y,EXS\n"
	    "P7,\"ab\"c,EXS\n"
	    "P8,plain,\n";
	size_t i;
	char *got;

	for (i = 0; paths[i] != TRACK_CSV_LIBCSV; i++) {
		got = raw_rows(csv, 1, paths[i], TRACK_IN_AUTO);
		ck_assert_str_eq(got,
		    "r:P1,\"Chen, Lily\",EXS\n"
		    "r:-\n"
		    "r:-\n"
		    "r:P4,\"say \"\"hi\"\"\",GDS\n"
		    "r:P5,\"a\nb\",EXS\n"
		    "r:-\n"
		    "b:-\n"
		    "r:P8,plain,\n");
		free(got);
		got = raw_rows(csv, 0, paths[i], TRACK_IN_AUTO);
		ck_assert_str_eq(got,
		    "r:-\nr:-\nr:-\nr:-\nr:-\nr:-\nb:-\nr:-\n");
		free(got);
	}
	got = raw_rows(csv, 1, TRACK_CSV_LIBCSV, TRACK_IN_AUTO);
	ck_assert_str_eq(got, "r:-\nr:-\nr:-\nr:-\nr:-\nr:-\nb:-\nr:-\n");
	free(got);
	got = raw_rows("a\tb\n1\t\"x,y\"\n2\t\"x\ty\"\n", 1, TRACK_CSV_AUTO,
	    TRACK_IN_TSV);
	ck_assert_str_eq(got, "r:-\nr:2\t\"x\ty\"\n");
	free(got);
}
END_TEST

/* Where row's fields lie: 'c' in the chunk the input lent, 'a' in the
   arena, '?' elsewhere or split between them. */
static char
fields_at(const track_reader *r, const track_row *row)
{
	size_t i, chunk = 0, arena = 0;

	for (i = 0; i < row->n; i++) {
		const char *p = row->field[i].ptr;
		const char *e = p + row->field[i].len;

		chunk += p >= r->lent && e < r->lent_end;
		arena += p >= r->buf && e < r->buf + r->blen;
	}
	return chunk == row->n ? 'c' : arena == row->n ? 'a' : '?';
}

/*
 * Without keep_raw, a simple line's fields are parsed where the line lies
 * in the chunk the input lent: no copy (fast_line, FAST_INPLACE), with its
 * "" unescaped and its quoted line break counted there.  With keep_raw
 * (the line must stay as read, for its raw text), on the libcsv path, and
 * for a row libcsv read (P3's quote inside a field), they are in the
 * arena.  Moving the arena (reader_make_room, as a long row would) while
 * rows of both kinds are queued moves the arena's fields only.
 */
START_TEST(in_place)
{
	static const char csv[] =
	    "pupil,name,value\n"
	    "P1,\"Chen, Lily\",EXS\r\n"
	    "P2,\"say \"\"hi\"\"\",GDS\n"
	    "P3,x\"y,EXS\n"
	    "P4,\"a\nb\",WTS\n"
	    "P5,plain,\n"
	    "P6,\"\",x\n";
	static const char rows[] =
	    "2:P1|Chen, Lily|EXS\n3:P2|say \"hi\"|GDS\n4:P3|x\"y|EXS\n"
	    "5:P4|a\nb|WTS\n7:P5|plain|\n8:P6||x\n";
	const char *file = write_file("inplace", csv, strlen(csv));
	size_t i, k;
	int keep;

	for (i = 0; i < NPATHS; i++)
		for (keep = 0; keep < 2; keep++) {
			struct track_reader_opts o;
			struct sbuf got = { NULL, 0, 0 };
			char where[8];
			track_reader *r;
			track_error err;
			track_row row;

			memset(&o, 0, sizeof o);
			o.keep_raw = keep;
			o.csv_path = paths[i];
			ck_assert_int_eq(reader_open(&r, file, &o, &err), 0);
			for (k = 0; reader_next(r, &row, &err) ==
			    TRACK_READ_ROW; k++) {
				ck_assert_uint_lt(k, sizeof where - 1);
				where[k] = fields_at(r, &row);
				sb_printf(&got, "%ld:%s|%s|%s\n", row.line,
				    row.field[0].ptr, row.field[1].ptr,
				    row.field[2].ptr);
				if (k == 0) {
					/* P2 to P6 are queued: move the arena
					   from under them. */
					char *was = r->buf;
					size_t grow = r->bcap;

					while (r->buf == was && grow < 1 << 26) {
						ck_assert_int_eq(
						    reader_make_room(r, grow,
						    0), 0);
						grow *= 2;
					}
					ck_assert_ptr_ne(r->buf, was);
				}
			}
			where[k] = '\0';
			ck_assert_msg(strcmp(got.p, rows) == 0, "%s keep %d: %s",
			    path_names[i], keep, got.p);
			ck_assert_str_eq(where, paths[i] == TRACK_CSV_LIBCSV ||
			    keep ? "aaaaaa" : "ccaccc");
			free(got.p);
			reader_close(r);
		}
}
END_TEST

/* ---- the splitter: every path on tricky lines ----------------------- */

/*
 * A quoted field with a delimiter and a "" inside, moved along a line a
 * byte at a time, so that its quotes, the "" and the delimiters and the
 * line end after it fall on every offset of the 8-, 16-, 32- and 64-byte
 * blocks the splitters look at; with LF and CR LF line ends, and with a
 * line end inside the quotes.
 */
START_TEST(split_every_offset)
{
	struct sbuf in = { NULL, 0, 0 }, want = { NULL, 0, 0 };
	int k, v;

	for (v = 0; v < 3; v++) {
		const char *eol = v == 1 ? "\r\n" : "\n";

		for (k = 0; k < 140; k++) {
			in.len = want.len = 0;
			sb_printf(&in, "a,b,c%s", eol);
			sb_printf(&want, "H/3:a|b|c\n2/3:");
			for (int i = 0; i < k; i++) {
				sb_add(&in, "x", 1);
				sb_add(&want, "x", 1);
			}
			if (v == 2) {
				sb_printf(&in, ",\"q,\"\"r\ns\",z%s1,2,3%s", eol,
				    eol);
				sb_printf(&want, "|q,\"r\\ns|z\n4/3:1|2|3\nEOF\n");
			} else {
				sb_printf(&in, ",\"q,\"\"r\",z%s1,2,3%s", eol,
				    eol);
				sb_printf(&want, "|q,\"r|z\n3/3:1|2|3\nEOF\n");
			}
			expect_paths(NULL, in.p, in.len, want.p, NULL);
		}
	}
	free(in.p);
	free(want.p);
}
END_TEST

/* Fields of exactly 8, 16, 32 and 64 bytes, and one either side. */
START_TEST(split_block_sizes)
{
	static const int sizes[] = { 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64,
	    65, 127, 128, 129 };
	struct sbuf in = { NULL, 0, 0 }, want = { NULL, 0, 0 };
	size_t i;
	int q, j;

	for (q = 0; q < 2; q++) {
		in.len = want.len = 0;
		sb_add(&in, "h", 1);
		for (i = 1; i < sizeof sizes / sizeof sizes[0]; i++)
			sb_printf(&in, ",h%zu", i);
		sb_add(&in, "\n", 1);
		sb_printf(&want, "H/%zu:h", sizeof sizes / sizeof sizes[0]);
		for (i = 1; i < sizeof sizes / sizeof sizes[0]; i++)
			sb_printf(&want, "|h%zu", i);
		sb_add(&want, "\n2/15:", 6);
		for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
			if (i > 0) {
				sb_add(&in, ",", 1);
				sb_add(&want, "|", 1);
			}
			if (q)
				sb_add(&in, "\"", 1);
			for (j = 0; j < sizes[i]; j++) {
				sb_add(&in, j % 10 == 9 ? "." : "y", 1);
				sb_add(&want, j % 10 == 9 ? "." : "y", 1);
			}
			if (q)
				sb_add(&in, "\"", 1);
		}
		sb_add(&in, "\n", 1);
		sb_add(&want, "\nEOF\n", 5);
		expect_paths(NULL, in.p, in.len, want.p, NULL);
	}
	free(in.p);
	free(want.p);
}
END_TEST

/*
 * A row with a quoted delimiter, a "" and a quoted line end that starts
 * a few bytes before the reader's 64 KiB refill boundary, at every
 * distance up to 70 bytes, so that the boundary falls on each of its
 * bytes.
 */
START_TEST(split_refill_boundary)
{
	struct sbuf in = { NULL, 0, 0 }, want = { NULL, 0, 0 };
	char filler[201];
	int j;

	memset(filler, 'f', 200);
	filler[200] = '\0';
	for (j = 1; j <= 70; j++) {
		long line = 2;

		in.len = want.len = 0;
		sb_add(&in, "a,b,c\n", 6);
		sb_add(&want, "H/3:a|b|c\n", 10);
		/* Long rows, so that few come before the boundary. */
		while (in.len < 65536 - (size_t)j - 300) {
			sb_printf(&in, "1,%s,3\n", filler);
			sb_printf(&want, "%ld/3:1|%s|3\n", line++, filler);
		}
		while (in.len < 65536 - (size_t)j - 6) {
			sb_add(&in, "1,2,3\n", 6);
			sb_printf(&want, "%ld/3:1|2|3\n", line++);
		}
		while (in.len < 65536 - (size_t)j) {
			sb_add(&in, "4,5\n", 4);	/* pads to the byte */
			sb_printf(&want, "%ld/2!%ld:4|5\n", line, line);
			line++;
		}
		sb_printf(&in, "\"p,\"\"q\nr\",s,t\n7,8,9\n");
		sb_printf(&want, "%ld/3:p,\"q\\nr|s|t\n%ld/3:7|8|9\nEOF\n",
		    line, line + 2);
		expect_paths(NULL, in.p, in.len, want.p, NULL);
	}
	free(in.p);
	free(want.p);
}
END_TEST

START_TEST(split_trailing_delimiter)
{
	EXPECT(NULL, "a,b,c\n1,2,\n,,\n\"x\",\"\",\n",
	    "H/3:a|b|c\n2/3:1|2|\n3/3:||\n4/3:x||\nEOF\n");
	/* One too many: a ragged row, on every path. */
	EXPECT(NULL, "a,b\n1,2,\n3,4\n",
	    "H/2:a|b\n2/3!2:1|2|\n3/2:3|4\nEOF\n");
}
END_TEST

START_TEST(split_bom)
{
	EXPECT(NULL, "\xEF\xBB\xBF" "a,b\n\"1,x\",\"\xC3\xA9\"\"\"\n",
	    "H/2:a|b\n2/2:1,x|\xC3\xA9\"\nEOF\n");
}
END_TEST

START_TEST(split_other_delimiters)
{
	struct track_reader_opts o = enc(NULL);

	EXPECT(NULL, "a;b\n\"x;y\";\"p\"\"q\"\n1,5;2\n",
	    "H/2:a|b\n2/2:x;y|p\"q\n3/2:1,5|2\nEOF\n");
	EXPECT(NULL, "a\tb\n\"x\ty\"\t\"p,q\"\n1\t\n",
	    "H/2:a|b\n2/2:x\\ty|p,q\n3/2:1|\nEOF\n");
	o.format = TRACK_IN_TSV;
	EXPECT(&o, "a\tb\n\"x\ty\"\t2\n", "H/2:a|b\n2/2:x\\ty|2\nEOF\n");
	o.format = TRACK_IN_CSV;
	o.delimiter = '|';
	EXPECT(&o, "a|b\n\"x|y\"|2\n", "H/2:a|b\n2/2:x\\|y|2\nEOF\n");
}
END_TEST

/* The limits and their messages are the same on every path, for simple
 * lines (which the splitter takes) and quoted ones. */
START_TEST(split_limits)
{
	struct track_reader_opts o = enc(NULL);
	static const char in[] = "a,b\n1,\"1234,678\"\n2,\"12\"\"45678\"\n"
	    "3,\"123456789\"\n4,123456789\n5,6\n";
	static const char wide[] = "a,b,c\n1,\"2,x\",3\n1,2,\"3\",4\n5,6,7\n";

	o.max_field = 8;
	expect_paths(&o, in, sizeof in - 1, "H/2:a|b\n2/2:1|1234,678\n"
	    "3/2:2|12\"45678\n4/0!4:\n5/0!5:\n6/2:5|6\nEOF\n",
	    "max-field-size");
	o.max_field = 0;
	o.max_columns = 3;
	expect_paths(&o, wide, sizeof wide - 1,
	    "H/3:a|b|c\n2/3:1|2,x|3\n3/3!3:1|2|3\n4/3:5|6|7\nEOF\n",
	    "max-columns");
}
END_TEST

/*
 * csv_scan_line itself: what it takes and what it leaves to libcsv, the
 * same on every path.
 */
START_TEST(split_direct)
{
	static const struct {
		const char *line;
		int rc;
		size_t nf;
		const char *fields;	/* joined by | */
	} cases[] = {
		{ "a,b\n", 0, 2, "a|b" },
		{ "\n", 0, 0, "" },
		{ "\r\n", 0, 0, "" },
		{ "a,\"b,c\"\r\n", 0, 2, "a|b,c" },
		{ "\"\"\"\",x\n", 0, 2, "\"\"|x" },	/* still doubled */
		{ ",,\n", 0, 3, "||" },
		{ "\"a\nb\",c\n", 0, 2, "a\nb|c" },
		{ "ab\"c,d\n", -1, 0, "" },	/* a quote inside */
		{ "\"ab\"c,d\n", -1, 0, "" },	/* text after the quote */
		{ "\"ab\" ,d\n", -1, 0, "" },
		{ "a,b\rc\n", -1, 0, "" },	/* a lone CR */
		{ "a,b\r", -1, 0, "" },		/* a CR line end */
		{ "a,b", -1, 0, "" },		/* no line end yet */
		{ "a,\"b\n", -1, 0, "" },	/* a quote not closed */
		{ "a,\"b\"", -1, 0, "" },	/* the byte after not here */
	};
	size_t i, j, k;
	track_str f[CSV_SCAN_ROOM];
	char dst[1024], joined[1024];

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		for (j = 0; j + 1 < NPATHS; j++) {
			struct csv_scan sc;
			struct csv_line ln;
			const char *l = cases[i].line;
			size_t n = strlen(l), at = 0;
			int rc;

			csv_scan_start(&sc, l + n, ',',
			    csv_scan_path(paths[j]));
			rc = csv_scan_line(&sc, l, dst, f, &ln);
			ck_assert_msg(rc == cases[i].rc, "case %zu path %s: %d",
			    i, path_names[j], rc);
			if (rc != 0)
				continue;
			ck_assert_uint_eq(ln.nf, cases[i].nf);
			memcpy(dst, l, ln.len);
			for (k = 0; k < ln.nf; k++) {
				if (k > 0)
					joined[at++] = '|';
				memcpy(joined + at, f[k].ptr, f[k].len);
				at += f[k].len;
			}
			joined[at] = '\0';
			ck_assert_str_eq(joined, cases[i].fields);
			ck_assert_uint_eq(ln.next, n);
		}
	}
}
END_TEST

/* 256 fields is the most the splitter takes; 257 go to libcsv, and the
 * reader reads both the same on every path. */
START_TEST(split_many_fields)
{
	struct sbuf in = { NULL, 0, 0 }, want = { NULL, 0, 0 };
	int n, i;

	for (n = 255; n <= 258; n++) {
		in.len = want.len = 0;
		for (i = 0; i < n; i++)
			sb_printf(&in, "%sc%d", i ? "," : "", i);
		sb_add(&in, "\n", 1);
		sb_printf(&want, "H/%d:", n);
		for (i = 0; i < n; i++)
			sb_printf(&want, "%sc%d", i ? "|" : "", i);
		sb_add(&want, "\n2/", 3);
		sb_printf(&want, "%d:", n);
		for (i = 0; i < n; i++) {
			sb_printf(&in, "%s%s%d", i ? "," : "",
			    i % 7 ? "" : "\"", i);
			if (i % 7 == 0)
				sb_add(&in, "\"", 1);
			sb_printf(&want, "%s%d", i ? "|" : "", i);
		}
		sb_add(&in, "\n", 1);
		sb_add(&want, "\nEOF\n", 5);
		expect_paths(NULL, in.p, in.len, want.p, NULL);
	}
	free(in.p);
	free(want.p);
}
END_TEST


static Suite *
suite(void)
{
	Suite *s = suite_create("reader_csv");
	TCase *tc;

	tc = tcase_create("csv");
	tcase_add_unchecked_fixture(tc, tmp_setup, tmp_teardown);
	tcase_add_test(tc, lf);
	tcase_add_test(tc, crlf);
	tcase_add_test(tc, cr_only);
	tcase_add_test(tc, mixed_line_ends);
	tcase_add_test(tc, quoted_lf);
	tcase_add_test(tc, quoted_crlf);
	tcase_add_test(tc, quoted_cr);
	tcase_add_test(tc, escaped_quotes);
	tcase_add_test(tc, empty_fields);
	tcase_add_test(tc, spaces_kept);
	tcase_add_test(tc, blank_lines_lf);
	tcase_add_test(tc, blank_lines_crlf);
	tcase_add_test(tc, blank_lines_cr);
	tcase_add_test(tc, detect_comma);
	tcase_add_test(tc, detect_semicolon);
	tcase_add_test(tc, detect_tab);
	tcase_add_test(tc, explicit_delimiter);
	tcase_add_test(tc, tsv_format);
	tcase_add_test(tc, csv_forced);
	tcase_add_test(tc, header_only);
	tcase_add_test(tc, empty_file);
	tcase_add_test(tc, missing_file);
	tcase_add_test(tc, from_stdin);
	tcase_add_test(tc, fields_valid_until_next);
	suite_add_tcase(s, tc);

	tc = tcase_create("bad");
	tcase_add_unchecked_fixture(tc, tmp_setup, tmp_teardown);
	tcase_add_test(tc, ragged);
	tcase_add_test(tc, ragged_message);
	tcase_add_test(tc, unterminated_quote);
	tcase_add_test(tc, unterminated_quote_line);
	tcase_add_test(tc, unterminated_quote_header);
	tcase_add_test(tc, stray_quote);
	tcase_add_test(tc, stray_quote_resync);
	tcase_add_test(tc, quote_in_unquoted_field);
	tcase_add_test(tc, stray_quote_across_chunks);
	tcase_add_test(tc, invalid_utf8);
	tcase_add_test(tc, invalid_utf8_after_newline);
	tcase_add_test(tc, invalid_utf8_header);
	tcase_add_test(tc, utf8_row_at_once);
	tcase_add_test(tc, nul_byte);
	tcase_add_test(tc, max_field);
	tcase_add_test(tc, max_field_header);
	tcase_add_test(tc, max_field_big);
	tcase_add_test(tc, max_columns);
	tcase_add_test(tc, duplicate_header);
	tcase_add_test(tc, skip_lines);
	suite_add_tcase(s, tc);

	tc = tcase_create("split");
	tcase_add_unchecked_fixture(tc, tmp_setup, tmp_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, split_every_offset);
	tcase_add_test(tc, split_block_sizes);
	tcase_add_test(tc, split_refill_boundary);
	tcase_add_test(tc, split_trailing_delimiter);
	tcase_add_test(tc, split_bom);
	tcase_add_test(tc, split_other_delimiters);
	tcase_add_test(tc, split_limits);
	tcase_add_test(tc, split_direct);
	tcase_add_test(tc, split_many_fields);
	tcase_add_test(tc, raw_text);
	tcase_add_test(tc, in_place);
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
