/*
 * check_reader_csv.c - unit tests for lib/record/reader_csv.c: CSV and TSV
 * records, line ends, delimiters, bad rows (ragged, quotes, invalid text,
 * limits) and going on after them.  See reader_dump.h for dump().
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
	tcase_add_test(tc, nul_byte);
	tcase_add_test(tc, max_field);
	tcase_add_test(tc, max_field_header);
	tcase_add_test(tc, max_field_big);
	tcase_add_test(tc, max_columns);
	tcase_add_test(tc, duplicate_header);
	tcase_add_test(tc, skip_lines);
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
