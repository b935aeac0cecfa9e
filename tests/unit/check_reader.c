/*
 * check_reader.c - unit tests for lib/record/reader.c: CSV, TSV and JSON Lines
 * records, line numbers, bad rows, limits, encodings and chunking.
 *
 * Most tests write an input file into a scratch directory, read it all
 * with dump() and compare a transcript of what the reader returned:
 *
 *   H/<ncols>:<name>|<name>          the header
 *   <line>/<n>:<field>|<field>       a good row starting on <line>
 *   <line>/<n>!<errline>:<fields>    a bad row; err.line is <errline>
 *   EOF  or  FATAL                   how reading ended
 *   open <status> @<line>            reader_open failed
 *
 * In fields, LF, CR, tab, | and \ are written as \n, \r, \t, \| and \\,
 * and other control bytes as \xHH.
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


/* A string literal (which may hold NUL bytes) into a file. */
#define WRITE(name, lit) write_file((name), (lit), sizeof(lit) - 1)

/* A growing string. */
struct sbuf {
	char *p;
	size_t len, cap;
};

static void
sb_add(struct sbuf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->p = realloc(b->p, b->cap);
		ck_assert(b->p != NULL);
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void __attribute__((format(printf, 2, 3)))
sb_printf(struct sbuf *b, const char *fmt, ...)
{
	char tmp[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	ck_assert(n >= 0 && (size_t)n < sizeof tmp);
	sb_add(b, tmp, (size_t)n);
}

/* Appends n fields, escaped, joined by |; checks each is NUL-terminated. */
static void
sb_fields(struct sbuf *b, const track_str *f, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		if (i > 0)
			sb_add(b, "|", 1);
		ck_assert_msg(f[i].ptr != NULL, "field %zu has no pointer", i);
		ck_assert_msg(f[i].ptr[f[i].len] == '\0',
		    "field %zu is not NUL-terminated", i);
		for (j = 0; j < f[i].len; j++) {
			unsigned char c = (unsigned char)f[i].ptr[j];

			if (c == '\n')
				sb_add(b, "\\n", 2);
			else if (c == '\r')
				sb_add(b, "\\r", 2);
			else if (c == '\t')
				sb_add(b, "\\t", 2);
			else if (c == '|' || c == '\\') {
				sb_add(b, "\\", 1);
				sb_add(b, (const char *)&c, 1);
			} else if (c < 0x20 || c == 0x7F)
				sb_printf(b, "\\x%02X", c);
			else
				sb_add(b, (const char *)&c, 1);
		}
	}
}

/* The last error seen by dump(), for tests that look at messages. */
static track_error last_err;

/*
 * Reads all of `path` and returns the transcript described at the top
 * (the caller frees it).  Also checks the invariants every read must keep.
 */
static char *
dump(const char *path, const struct track_reader_opts *o)
{
	struct sbuf b = { NULL, 0, 0 };
	track_reader *r = (track_reader *)1;
	track_error err;
	track_row row;
	const track_str *h;
	size_t n;
	int rc, i;

	error_clear(&err);
	sb_add(&b, "", 0);
	rc = reader_open(&r, path, o, &err);
	if (rc != 0) {
		ck_assert_msg(r == NULL, "failed open left a reader");
		ck_assert_int_eq(err.kind, rc);
		ck_assert_msg(err.text[0] != '\0', "no error text");
		last_err = err;
		sb_printf(&b, "open %d @%ld\n", rc, err.line);
		return b.p;
	}
	ck_assert(r != NULL);
	h = reader_header(r, &n);
	sb_printf(&b, "H/%zu:", n);
	sb_fields(&b, h, n);
	sb_add(&b, "\n", 1);
	for (i = 0;; i++) {
		enum track_read got;

		ck_assert_msg(i < 1000000, "reader does not stop");
		error_clear(&err);
		got = reader_next(r, &row, &err);
		if (got == TRACK_READ_EOF) {
			sb_add(&b, "EOF\n", 4);
			/* And it stays at the end. */
			ck_assert_int_eq(reader_next(r, &row, &err),
			    TRACK_READ_EOF);
			break;
		}
		if (got == TRACK_READ_FATAL) {
			last_err = err;
			sb_add(&b, "FATAL\n", 6);
			break;
		}
		ck_assert_msg(got == TRACK_READ_ROW || got == TRACK_READ_BAD,
		    "reader_next returned %d", (int)got);
		ck_assert_msg(row.line > 0, "row has no line");
		if (got == TRACK_READ_ROW) {
			sb_printf(&b, "%ld/%zu:", row.line, row.n);
		} else {
			last_err = err;
			ck_assert_int_eq(err.kind, TRACK_EXIT_DATA);
			ck_assert_msg(err.text[0] != '\0', "bad row, no text");
			ck_assert_msg(err.file != NULL &&
			    strcmp(err.file, reader_name(r)) == 0,
			    "bad row error names file %s", err.file ?
			    err.file : "(null)");
			sb_printf(&b, "%ld/%zu!%ld:", row.line, row.n,
			    err.line);
		}
		sb_fields(&b, row.field, row.n);
		sb_add(&b, "\n", 1);
	}
	reader_close(r);
	return b.p;
}

/* Compares the transcript of reading `data` (a literal) with `want`. */
#define EXPECT(opts, data, want) do { \
	char *got_ = dump(WRITE("in", data), (opts)); \
	ck_assert_str_eq(got_, (want)); \
	free(got_); \
} while (0)

/* Options with only an encoding set. */
static struct track_reader_opts
enc(const char *e)
{
	struct track_reader_opts o;

	memset(&o, 0, sizeof o);
	o.encoding = e;
	return o;
}

/* ---- line ends ---------------------------------------------------- */

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

/* ---- JSON Lines --------------------------------------------------- */

START_TEST(json_basic)
{
	track_reader *r;
	track_error err;

	EXPECT(NULL, "{\"a\":\"x\",\"b\":\"y\"}\n{\"a\":\"1\",\"b\":\"2\"}\n",
	    "H/2:a|b\n1/2:x|y\n2/2:1|2\nEOF\n");
	ck_assert_int_eq(reader_open(&r, WRITE("j", "  \n {\"a\":1}\n"), NULL,
	    &err), 0);
	ck_assert_int_eq(reader_format(r), TRACK_IN_JSON);
	reader_close(r);
}
END_TEST

START_TEST(json_types)
{
	EXPECT(NULL, "{\"s\":\"t\",\"i\":1,\"r\":2.5,\"t\":true,\"f\":false,"
	    "\"n\":null}\n"
	    "{\"s\":\"\\u00e9\\n\",\"i\":-7,\"r\":0.1,\"t\":[1,2],"
	    "\"f\":{\"k\":1},\"n\":\"\"}\n",
	    "H/6:s|i|r|t|f|n\n1/6:t|1|2.5|true|false|\n"
	    "2/6:\xC3\xA9\\n|-7|0.1|[1,2]|{\"k\":1}|\nEOF\n");
}
END_TEST

START_TEST(json_missing_and_blank)
{
	EXPECT(NULL, "\n{\"a\":\"1\",\"b\":\"2\"}\n\n  \n{\"b\":\"3\"}\r\n"
	    "{}\n{\"b\":\"4\",\"a\":\"5\"}",
	    "H/2:a|b\n2/2:1|2\n5/2:|3\n6/2:|\n7/2:5|4\nEOF\n");
}
END_TEST

START_TEST(json_extra_key)
{
	EXPECT(NULL, "{\"a\":1}\n{\"a\":2,\"zz\":3}\n{\"a\":4}\n",
	    "H/1:a\n1/1:1\n2/1!2:{\"a\":2,\"zz\":3}\n3/1:4\nEOF\n");
	ck_assert_msg(strstr(last_err.text, "zz") != NULL, "message: %s",
	    last_err.text);
}
END_TEST

START_TEST(json_long_field)
{
	struct track_reader_opts o = enc(NULL);
	struct sbuf b = { NULL, 0, 0 };
	char *got;
	size_t i;

	/* A field as long as --max-field-size, on a line longer than it,
	 * is a field like any other. */
	o.max_field = 16;
	EXPECT(&o, "{\"a\":\"1\",\"b\":\"x\"}\n"
	    "{\"a\":\"1234567890123456\",\"b\":\"y\"}\n",
	    "H/2:a|b\n1/2:1|x\n2/2:1234567890123456|y\nEOF\n");
	/* One byte over is a bad row; the next line is read. */
	EXPECT(&o, "{\"a\":\"1\",\"b\":\"x\"}\n"
	    "{\"a\":\"12345678901234567\",\"b\":\"y\"}\n{\"a\":\"2\"}\n",
	    "H/2:a|b\n1/2:1|x\n2/0!2:\n3/2:2|\nEOF\n");
	/* A line over twice the limit and 64 KiB is refused unread, also
	 * as the last line with no line end (it used to vanish). */
	sb_add(&b, "{\"a\":\"1\"}\n{\"a\":\"", 14);
	for (i = 0; i < 65536 + 100; i++)
		sb_add(&b, "z", 1);
	sb_add(&b, "\"}", 2);
	got = dump(write_file("long", b.p, b.len), &o);
	ck_assert_str_eq(got, "H/1:a\n1/1:1\n2/0!2:\nEOF\n");
	ck_assert_msg(strstr(last_err.text, "line longer than") != NULL,
	    "message: %s", last_err.text);
	free(got);
	sb_add(&b, "\n{\"a\":\"3\"}\n", 11);
	got = dump(write_file("long", b.p, b.len), &o);
	ck_assert_str_eq(got, "H/1:a\n1/1:1\n2/0!2:\n3/1:3\nEOF\n");
	free(got);
	free(b.p);
}
END_TEST

START_TEST(json_invalid)
{
	EXPECT(NULL, "{\"a\":1}\n\n{bad\n[1]\n\"s\"\n{\"a\":2}\n",
	    "H/1:a\n1/1:1\n3/1!3:{bad\n4/1!4:[1]\n5/1!5:\"s\"\n6/1:2\nEOF\n");
	/* The first line must be an object. */
	EXPECT(&(struct track_reader_opts){ .format = TRACK_IN_JSON },
	    "[1,2]\n{\"a\":1}\n", "open 1 @1\n");
	EXPECT(NULL, "{\"a\":\n", "open 1 @1\n");
	/* A first object with no keys gives no columns: not a header. */
	EXPECT(NULL, "{}\n{}\n{\"a\":1}\n", "open 1 @1\n");
}
END_TEST

START_TEST(json_duplicate_header)
{
	/* jansson keeps the last of duplicate keys: one column. */
	EXPECT(NULL, "{\"a\":1,\"a\":2,\"b\":3}\n{\"b\":4}\n",
	    "H/2:a|b\n1/2:2|3\n2/2:|4\nEOF\n");
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
reader_suite(void)
{
	Suite *s = suite_create("reader");
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

	tc = tcase_create("json");
	tcase_add_unchecked_fixture(tc, tmp_setup, tmp_teardown);
	tcase_add_test(tc, json_basic);
	tcase_add_test(tc, json_types);
	tcase_add_test(tc, json_missing_and_blank);
	tcase_add_test(tc, json_extra_key);
	tcase_add_test(tc, json_invalid);
	tcase_add_test(tc, json_long_field);
	tcase_add_test(tc, json_duplicate_header);
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
	SRunner *sr = srunner_create(reader_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
