/*
 * check_rtable.c - unit tests for lib/report/rtable.c: columns and rows, the
 * rounding of percentages, the two faces of a cell (ids and one decimal in
 * CSV, labels and whole numbers in table and Markdown), suppressed and
 * empty cells, lists, and the JSON rows.
 *
 * Tables are written through a writer into an unlinked temporary file, or
 * a pipe, and read back.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/str.h"
#include "report/rtable.h"
#include "fixture.h"

/* Writes `t` in `fmt` (with `flags`) and returns the output. */
static char *
render(const track_rtable *t, enum track_format fmt, unsigned flags)
{
	track_writer *w;
	track_error err;
	int fd = fx_temp_fd();
	char *out;

	ck_assert_int_eq(writer_open(&w, fd, fmt, flags, &err), 0);
	ck_assert_msg(rtable_write(t, w, fmt, &err) == 0, "%s", err.text);
	ck_assert_int_eq(writer_finish(w, &err), 0);
	writer_free(w);
	out = fx_slurp(fd);
	close(fd);
	return out;
}

/* Checks that `got` is `want`, then frees it. */
static void
same(char *got, const char *want)
{
	ck_assert_str_eq(got, want);
	free(got);
}

/*
 * A table with every kind of cell:
 *   subject  text with a label
 *   n        int
 *   pct_at   pct
 *   mean     dec
 *   median   num
 *   nothing  always empty
 *   flag     text whose label is its id, a suppressed cell, empty
 *   pupils   a list
 */
static track_rtable *
sample(void)
{
	static const char *const names[] = { "Ann", "Bob Lee", "Cy" };
	track_rtable *t = rtable_new();

	ck_assert_ptr_nonnull(t);
	ck_assert_int_eq(rtable_col(t, "subject", "Subject"), 0);
	ck_assert_int_eq(rtable_col(t, "n", "Pupils"), 1);
	ck_assert_int_eq(rtable_col(t, "pct_at", "%"), 2);
	ck_assert_int_eq(rtable_col(t, "mean", "Mean"), 3);
	ck_assert_int_eq(rtable_col(t, "median", NULL), 4);
	ck_assert_int_eq(rtable_col(t, "nothing", "Nothing"), 5);
	ck_assert_int_eq(rtable_col(t, "flag", "Flag"), 6);
	ck_assert_int_eq(rtable_col(t, "pupils", "Names"), 7);

	ck_assert_int_eq(rtable_row(t), 0);
	ck_assert_int_eq(rtable_text(t, 0, "reading", "Reading"), 0);
	ck_assert_int_eq(rtable_int(t, 1, 8), 0);
	ck_assert_int_eq(rtable_pct(t, 2, 1, 8), 0);
	ck_assert_int_eq(rtable_dec(t, 3, 104.25), 0);
	ck_assert_int_eq(rtable_num(t, 4, 104.5), 0);
	ck_assert_int_eq(rtable_text(t, 6, "x", "x"), 0);
	ck_assert_int_eq(rtable_list(t, 7, names, 3), 0);

	ck_assert_int_eq(rtable_row(t), 0);
	ck_assert_int_eq(rtable_text(t, 0, "maths", NULL), 0);
	ck_assert_int_eq(rtable_int(t, 1, 3), 0);
	ck_assert_int_eq(rtable_pct(t, 2, 2, 3), 0);
	ck_assert_int_eq(rtable_dec(t, 3, -0.25), 0);
	ck_assert_int_eq(rtable_num(t, 4, 100), 0);
	ck_assert_int_eq(rtable_supp(t, 6), 0);
	ck_assert_int_eq(rtable_list(t, 7, names, 0), 0);

	ck_assert_int_eq(rtable_row(t), 0);
	ck_assert_int_eq(rtable_text(t, 0, "rwm", "RWM"), 0);
	ck_assert_int_eq(rtable_int(t, 1, 0), 0);
	ck_assert_int_eq(rtable_pct(t, 2, 1, 3), 0);
	ck_assert_int_eq(rtable_dec(t, 3, 0.04), 0);
	ck_assert_int_eq(rtable_list(t, 7, names + 2, 1), 0);
	return t;
}

/* ---- Structure ---- */

START_TEST(cols_and_rows)
{
	track_rtable *t = rtable_new();
	size_t c;

	ck_assert_uint_eq(rtable_ncols(t), 0);
	ck_assert_uint_eq(rtable_nrows(t), 0);
	ck_assert_int_eq(rtable_col(t, "a", "A"), 0);
	ck_assert_int_eq(rtable_col(t, "b", NULL), 1);
	ck_assert_uint_eq(rtable_ncols(t), 2);
	ck_assert_int_eq(rtable_row(t), 0);
	ck_assert_uint_eq(rtable_nrows(t), 1);
	/* Columns come before rows. */
	ck_assert_int_eq(rtable_col(t, "c", NULL), -1);
	ck_assert_uint_eq(rtable_ncols(t), 2);
	ck_assert(rtable_is_empty(t, 0, 0));
	ck_assert(rtable_is_empty(t, 0, 1));
	ck_assert_int_eq(rtable_int(t, 1, 0), 0);
	ck_assert(rtable_is_empty(t, 0, 0));
	ck_assert(!rtable_is_empty(t, 0, 1));	/* 0 is a value */
	/* Past the last column counts as empty. */
	ck_assert(rtable_is_empty(t, 0, 2));
	ck_assert_int_eq(rtable_row(t), 0);
	ck_assert(rtable_is_empty(t, 1, 1));
	ck_assert_int_eq(rtable_supp(t, 0), 0);
	ck_assert(!rtable_is_empty(t, 1, 0));
	ck_assert(!rtable_is_empty(t, 0, 1));	/* the first row kept */
	ck_assert_uint_eq(rtable_nrows(t), 2);
	rtable_free(t);
	rtable_free(NULL);

	/* Every kind of cell is not empty. */
	t = sample();
	for (c = 0; c < 8; c++)
		ck_assert_msg(rtable_is_empty(t, 0, c) == (c == 5),
		    "row 0 col %zu", c);
	ck_assert(!rtable_is_empty(t, 1, 7));	/* an empty list */
	ck_assert(rtable_is_empty(t, 2, 4));
	ck_assert(rtable_is_empty(t, 2, 6));
	rtable_free(t);
}
END_TEST

START_TEST(big)
{
	track_rtable *t = rtable_new();
	char id[32], want[32], *got, *p;
	int c, r;

	/* More columns and rows than the first allocations. */
	for (c = 0; c < 45; c++) {
		snprintf(id, sizeof id, "c%d", c);
		ck_assert_int_eq(rtable_col(t, id, NULL), c);
	}
	for (r = 0; r < 300; r++) {
		ck_assert_int_eq(rtable_row(t), 0);
		for (c = 0; c < 45; c++)
			rtable_int(t, (size_t)c, r * 100 + c);
	}
	ck_assert_uint_eq(rtable_nrows(t), 300);
	got = render(t, TRACK_FMT_CSV, 0);
	p = strchr(got, '\n') + 1;
	for (r = 0; r < 300; r++) {
		snprintf(want, sizeof want, "%d,%d,", r * 100, r * 100 + 1);
		ck_assert_msg(strncmp(p, want, strlen(want)) == 0, "row %d",
		    r);
		p = strchr(p, '\n') + 1;
		snprintf(want, sizeof want, ",%d\n", r * 100 + 44);
		ck_assert_msg(strncmp(p - strlen(want), want,
		    strlen(want)) == 0, "row %d", r);
	}
	ck_assert(*p == '\0');
	free(got);
	rtable_free(t);
}
END_TEST

START_TEST(copies_strings)
{
	track_rtable *t = rtable_new();
	char id[16] = "col", lb[16] = "Col", v[16] = "val", l[16] = "Val";
	const char *items[1] = { v };

	rtable_col(t, id, lb);
	rtable_col(t, "list", NULL);
	rtable_row(t);
	rtable_text(t, 0, v, l);
	rtable_list(t, 1, items, 1);
	strcpy(id, "XXX");
	strcpy(lb, "YYY");
	strcpy(v, "ZZZ");
	strcpy(l, "WWW");
	same(render(t, TRACK_FMT_CSV, 0), "col,list\nval,val\n");
	same(render(t, TRACK_FMT_TABLE, 0),
	    "Col  list\n---  ----\nVal  val\n");
	rtable_free(t);
}
END_TEST

/*
 * rtable_cell_text reads a text cell back, id and label (NULL when the
 * label is the id, however it was given); any other cell is "" with no
 * label.  track-pupil's transition items read the flags table so.
 */
START_TEST(cell_text)
{
	track_rtable *t = rtable_new();
	const char *label = "x", *id;

	ck_assert_int_eq(rtable_col(t, "a", NULL), 0);
	ck_assert_int_eq(rtable_col(t, "b", NULL), 1);
	ck_assert_int_eq(rtable_col(t, "c", NULL), 2);
	ck_assert_int_eq(rtable_col(t, "d", NULL), 3);
	rtable_row(t);
	rtable_text(t, 0, "maths", "Mathematics");
	rtable_text(t, 1, "ta", NULL);
	rtable_int(t, 2, 7);
	rtable_row(t);
	rtable_text(t, 1, "EXS", "EXS");
	rtable_text(t, 3, "", NULL);
	id = rtable_cell_text(t, 0, 0, &label);
	ck_assert_str_eq(id, "maths");
	ck_assert_str_eq(label, "Mathematics");
	id = rtable_cell_text(t, 0, 1, &label);
	ck_assert_str_eq(id, "ta");
	ck_assert_ptr_null(label);
	label = "x";
	ck_assert_str_eq(rtable_cell_text(t, 0, 2, &label), "");	/* int */
	ck_assert_ptr_null(label);
	label = "x";
	ck_assert_str_eq(rtable_cell_text(t, 0, 3, &label), "");	/* empty */
	ck_assert_ptr_null(label);
	ck_assert_str_eq(rtable_cell_text(t, 1, 0, &label), "");
	ck_assert_str_eq(rtable_cell_text(t, 1, 1, &label), "EXS");
	ck_assert_ptr_null(label);
	ck_assert_str_eq(rtable_cell_text(t, 1, 3, &label), "");
	ck_assert_ptr_null(label);
	rtable_free(t);
}
END_TEST

/* ---- Rounding ---- */

START_TEST(round_pct)
{
	static const struct {
		long long num, den;
		int tenths;
		long long want;
	} cases[] = {
		/* One decimal, as tenths. */
		{ 1, 8, 1, 125 },		/* 12.5 */
		{ 1, 3, 1, 333 },		/* 33.3 */
		{ 2, 3, 1, 667 },		/* 66.7 */
		{ 1, 16, 1, 63 },		/* 6.25 -> 6.3 */
		{ 1, 6, 1, 167 },		/* 16.67 */
		{ 1, 2000, 1, 1 },		/* 0.05 -> 0.1 */
		{ 1, 2001, 1, 0 },		/* 0.04998 -> 0.0 */
		{ 0, 7, 1, 0 },
		{ 7, 7, 1, 1000 },
		{ 123456789, 246913578, 1, 500 },
		/* Whole numbers. */
		{ 1, 8, 0, 13 },		/* 12.5 -> 13 */
		{ 3, 8, 0, 38 },		/* 37.5 -> 38 */
		{ 7, 40, 0, 18 },		/* 17.5 -> 18 */
		{ 1, 3, 0, 33 },
		{ 2, 3, 0, 67 },
		{ 5, 1000, 0, 1 },		/* 0.5 -> 1 */
		{ 4, 1000, 0, 0 },		/* 0.4 -> 0 */
		{ 499, 1000, 0, 50 },		/* 49.9 -> 50 */
		{ 1, 1, 0, 100 },
		{ 0, 1, 0, 0 },
		/* Half up also for negatives: towards +infinity. */
		{ -1, 8, 1, -125 },
		{ -1, 8, 0, -12 },
		{ -3, 8, 0, -37 },
		{ -2, 3, 0, -67 },
		/* Large counts stay exact. */
		{ 1000000000001LL, 2000000000002LL, 0, 50 },
		{ 1LL << 40, 3LL << 40, 1, 333 },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		ck_assert_msg(rtable_round_pct(cases[i].num, cases[i].den,
		    cases[i].tenths) == cases[i].want,
		    "%lld/%lld (%s) gave %lld, want %lld", cases[i].num,
		    cases[i].den, cases[i].tenths ? "tenths" : "whole",
		    rtable_round_pct(cases[i].num, cases[i].den,
		    cases[i].tenths), cases[i].want);
}
END_TEST

/* Percentages written: one decimal in CSV, whole numbers in a table. */
START_TEST(pct_faces)
{
	static const struct {
		long long num, den;
		const char *csv, *table;
	} cases[] = {
		{ 1, 8, "12.5", "13" }, { 1, 3, "33.3", "33" },
		{ 2, 3, "66.7", "67" }, { 5, 1000, "0.5", "1" },
		{ 0, 4, "0.0", "0" }, { 4, 4, "100.0", "100" },
		{ 1, 16, "6.3", "6" }, { 3, 8, "37.5", "38" },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		track_rtable *t = rtable_new();
		char want[64];

		rtable_col(t, "pct", "%");
		rtable_row(t);
		rtable_pct(t, 0, cases[i].num, cases[i].den);
		snprintf(want, sizeof want, "pct\n%s\n", cases[i].csv);
		same(render(t, TRACK_FMT_CSV, WRITER_GUARD), want);
		snprintf(want, sizeof want, "pct\n%s\n", cases[i].csv);
		same(render(t, TRACK_FMT_TSV, 0), want);
		{
			char *got = render(t, TRACK_FMT_TABLE, 0);
			char *last = got + strlen(got) - 1;

			/* The last line is the cell, right aligned. */
			while (last > got && last[-1] != '\n')
				last--;
			while (*last == ' ')
				last++;
			snprintf(want, sizeof want, "%s\n", cases[i].table);
			ck_assert_msg(strcmp(last, want) == 0,
			    "%lld/%lld: table \"%s\", want %s", cases[i].num,
			    cases[i].den, last, cases[i].table);
			free(got);
		}
		rtable_free(t);
	}
}
END_TEST

/* ---- Writing ---- */

START_TEST(csv)
{
	track_rtable *t = sample();

	/* Ids, one decimal, every column (even the empty one), "c", lists
	 * joined with ";". */
	same(render(t, TRACK_FMT_CSV, WRITER_GUARD),
	    "subject,n,pct_at,mean,median,nothing,flag,pupils\n"
	    "reading,8,12.5,104.3,104.5,,x,Ann;Bob Lee;Cy\n"
	    "maths,3,66.7,-0.2,100,,c,\n"
	    "rwm,0,33.3,0.0,,,,Cy\n");
	same(render(t, TRACK_FMT_TSV, 0),
	    "subject\tn\tpct_at\tmean\tmedian\tnothing\tflag\tpupils\n"
	    "reading\t8\t12.5\t104.3\t104.5\t\tx\tAnn;Bob Lee;Cy\n"
	    "maths\t3\t66.7\t-0.2\t100\t\tc\t\n"
	    "rwm\t0\t33.3\t0.0\t\t\t\tCy\n");
	rtable_free(t);
}
END_TEST

/*
 * Texts whose labels are longer or shorter than their ids (and one the
 * same as its id), each written with its own length.
 */
START_TEST(text_lengths)
{
	track_rtable *t = rtable_new();

	ck_assert_int_eq(rtable_col(t, "what", "What"), 0);
	ck_assert_int_eq(rtable_col(t, "who", "Who"), 1);
	ck_assert_int_eq(rtable_row(t), 0);
	ck_assert_int_eq(rtable_text(t, 0, "rwm", "Reading, writing, maths"),
	    0);
	ck_assert_int_eq(rtable_text(t, 1, "year-4-blue-class", "4B"), 0);
	ck_assert_int_eq(rtable_row(t), 0);
	ck_assert_int_eq(rtable_text(t, 0, "re", "re"), 0);
	ck_assert_int_eq(rtable_text(t, 1, "", "Nobody"), 0);
	same(render(t, TRACK_FMT_CSV, 0),
	    "what,who\n"
	    "rwm,year-4-blue-class\n"
	    "re,\n");
	same(render(t, TRACK_FMT_MARKDOWN, 0),
	    "| What                    | Who    |\n"
	    "| ----------------------- | ------ |\n"
	    "| Reading, writing, maths | 4B     |\n"
	    "| re                      | Nobody |\n");
	rtable_free(t);
}
END_TEST

START_TEST(csv_in_pieces)
{
	track_rtable *t = sample();
	track_writer *w;
	track_error err;
	int fd = fx_temp_fd();

	/* A long table a piece at a time: one header, the rows twice. */
	ck_assert_int_eq(writer_open(&w, fd, TRACK_FMT_CSV, 0, &err), 0);
	ck_assert_int_eq(rtable_write(t, w, TRACK_FMT_CSV, &err), 0);
	ck_assert_int_eq(rtable_write_rows(t, w, TRACK_FMT_CSV, &err), 0);
	ck_assert_int_eq(writer_finish(w, &err), 0);
	writer_free(w);
	same(fx_slurp(fd),
	    "subject,n,pct_at,mean,median,nothing,flag,pupils\n"
	    "reading,8,12.5,104.3,104.5,,x,Ann;Bob Lee;Cy\n"
	    "maths,3,66.7,-0.2,100,,c,\n"
	    "rwm,0,33.3,0.0,,,,Cy\n"
	    "reading,8,12.5,104.3,104.5,,x,Ann;Bob Lee;Cy\n"
	    "maths,3,66.7,-0.2,100,,c,\n"
	    "rwm,0,33.3,0.0,,,,Cy\n");
	close(fd);
	rtable_free(t);
}
END_TEST

/* Piece i of pieces_fill's long table: cells to quote and to guard. */
static track_rtable *
pieces_fill(void *ctx, size_t i)
{
	static const char *const odd[] = {
		"=SUM(A1)", "a,b", "say \"hi\"", "two\nlines", "+44", "plain"
	};
	track_rtable *t = rtable_new();
	char id[32];
	size_t r;

	(void)ctx;
	if (rtable_col(t, "id", "Id") < 0 || rtable_col(t, "text", NULL) < 0 ||
	    rtable_col(t, "n", NULL) < 0)
		return NULL;
	for (r = 0; r < 3 + i % 4; r++) {
		snprintf(id, sizeof id, "p%zu-%zu", i, r);
		if (rtable_row(t) != 0 || rtable_text(t, 0, id, "P") != 0 ||
		    rtable_text(t, 1, odd[(i + r) % 6], NULL) != 0 ||
		    rtable_pct(t, 2, (long long)r, 3) != 0)
			return NULL;
	}
	return t;
}

/* The pieces' tables written one after another, or by
 * rtable_write_pieces on `threads` threads. */
static char *
pieces_out(enum track_format fmt, unsigned flags, unsigned threads)
{
	track_writer *w;
	track_rtable *t;
	track_error err;
	int fd = fx_temp_fd();
	size_t i;
	char *out;

	ck_assert_int_eq(writer_open(&w, fd, fmt, flags, &err), 0);
	if (threads > 0) {
		ck_assert_int_eq(rtable_write_pieces(w, fmt, 40, threads,
		    pieces_fill, NULL, &err), 0);
	} else {
		for (i = 0; i < 40; i++) {
			t = pieces_fill(NULL, i);
			ck_assert_int_eq(i == 0 ? rtable_write(t, w, fmt, &err) :
			    rtable_write_rows(t, w, fmt, &err), 0);
			rtable_free(t);
		}
	}
	ck_assert_int_eq(writer_finish(w, &err), 0);
	writer_free(w);
	out = fx_slurp(fd);
	close(fd);
	return out;
}

/*
 * rtable_write_pieces, with the pieces filled on other threads: the bytes
 * writing each piece in turn gives (one header, the pieces in order,
 * quoted, guarded and with a BOM alike).
 */
START_TEST(write_pieces)
{
	static const unsigned flags[] = { 0, WRITER_GUARD, WRITER_BOM };
	static const enum track_format fmts[] = { TRACK_FMT_CSV, TRACK_FMT_TSV };
	static const unsigned threads[] = { 1, 2, 5 };
	size_t f, m, k;

	for (f = 0; f < 3; f++)
		for (m = 0; m < 2; m++) {
			char *want = pieces_out(fmts[m], flags[f], 0);

			ck_assert_ptr_nonnull(strstr(want, "p39-"));
			if (flags[f] == WRITER_GUARD)
				ck_assert_ptr_nonnull(strstr(want, "'=SUM"));
			for (k = 0; k < 3; k++) {
				char *got = pieces_out(fmts[m], flags[f],
				    threads[k]);

				ck_assert_msg(strcmp(got, want) == 0,
				    "flags %u, format %zu, %u threads",
				    flags[f], m, threads[k]);
				free(got);
			}
			free(want);
		}
}
END_TEST

START_TEST(table)
{
	track_rtable *t = sample();

	/* Labels (the id where there is none), whole percentages, and the
	 * column with nothing in it left out. */
	same(render(t, TRACK_FMT_TABLE, 0),
	    "Subject  Pupils  %   Mean   median  Flag  Names\n"
	    "-------  ------  --  -----  ------  ----  --------------\n"
	    "Reading       8  13  104.3   104.5  x     Ann;Bob Lee;Cy\n"
	    "maths         3  67   -0.2     100  c\n"
	    "RWM           0  33    0.0                Cy\n");
	rtable_free(t);
}
END_TEST

START_TEST(table_layout)
{
	track_rtable *t = sample();
	char *got = render(t, TRACK_FMT_TABLE, 0);
	char *md;

	/* The layout itself is the writer's (check_writer); here the
	 * faces: labels, whole percentages, and no empty column. */
	ck_assert_msg(strncmp(got, "Subject  Pupils", 15) == 0, "%s", got);
	ck_assert(strstr(got, "Nothing") == NULL);
	ck_assert(strstr(got, "nothing") == NULL);
	ck_assert(strstr(got, "median") != NULL);	/* label NULL: id */
	ck_assert(strstr(got, "Reading ") != NULL);
	ck_assert(strstr(got, "RWM ") != NULL);
	ck_assert(strstr(got, "maths ") != NULL);
	ck_assert(strstr(got, " 13 ") != NULL);
	ck_assert(strstr(got, " 67 ") != NULL);
	ck_assert(strstr(got, " 33 ") != NULL);
	ck_assert(strstr(got, "12.5") == NULL);
	ck_assert(strstr(got, "104.3") != NULL);
	ck_assert(strstr(got, "Ann;Bob Lee;Cy") != NULL);
	free(got);

	md = render(t, TRACK_FMT_MARKDOWN, 0);
	ck_assert_msg(strncmp(md, "| Subject | Pupils |", 20) == 0, "%s", md);
	ck_assert(strstr(md, "Nothing") == NULL);
	ck_assert(strstr(md, "| Reading ") != NULL);
	ck_assert(strstr(md, " 13 |") != NULL);
	ck_assert(strstr(md, " 67 |") != NULL);
	ck_assert(strstr(md, "| c ") != NULL);
	free(md);
	rtable_free(t);
}
END_TEST

START_TEST(table_exact)
{
	track_rtable *t = rtable_new();

	rtable_col(t, "subject", "Subject");
	rtable_col(t, "n", "Pupils");
	rtable_col(t, "pct_at", "%");
	rtable_col(t, "gone", "Gone");
	rtable_row(t);
	rtable_text(t, 0, "reading", "Reading");
	rtable_int(t, 1, 8);
	rtable_pct(t, 2, 1, 8);
	rtable_row(t);
	rtable_text(t, 0, "rwm", "RWM");
	rtable_supp(t, 1);
	rtable_supp(t, 2);
	same(render(t, TRACK_FMT_TABLE, 0),
	    "Subject  Pupils  %\n"
	    "-------  ------  --\n"
	    "Reading       8  13\n"
	    "RWM           c   c\n");
	same(render(t, TRACK_FMT_MARKDOWN, 0),
	    "| Subject | Pupils | %   |\n"
	    "| ------- | -----: | --: |\n"
	    "| Reading |      8 |  13 |\n"
	    "| RWM     |      c |   c |\n");
	same(render(t, TRACK_FMT_CSV, WRITER_GUARD),
	    "subject,n,pct_at,gone\n"
	    "reading,8,12.5,\n"
	    "rwm,c,c,\n");
	rtable_free(t);
}
END_TEST

START_TEST(header_only)
{
	track_rtable *t = rtable_new();

	rtable_col(t, "subject", "Subject");
	rtable_col(t, "n", "Pupils");
	/* No rows: every column is kept, even in a table. */
	same(render(t, TRACK_FMT_CSV, 0), "subject,n\n");
	same(render(t, TRACK_FMT_TABLE, 0),
	    "Subject  Pupils\n-------  ------\n");
	rtable_free(t);
}
END_TEST

START_TEST(two_tables)
{
	track_rtable *a = rtable_new(), *b = rtable_new();
	track_writer *w;
	track_error err;
	int fd = fx_temp_fd();

	rtable_col(a, "x", "X");
	rtable_row(a);
	rtable_int(a, 0, 1);
	rtable_col(b, "y", "Y");
	rtable_col(b, "z", "Z");
	rtable_row(b);
	rtable_text(b, 0, "p", "P");
	rtable_int(b, 1, 2);
	ck_assert_int_eq(writer_open(&w, fd, TRACK_FMT_TABLE, 0, &err), 0);
	ck_assert_int_eq(rtable_write(a, w, TRACK_FMT_TABLE, &err), 0);
	ck_assert_int_eq(writer_text(w, "\n", 1, &err), 0);
	ck_assert_int_eq(rtable_write(b, w, TRACK_FMT_TABLE, &err), 0);
	ck_assert_int_eq(writer_finish(w, &err), 0);
	writer_free(w);
	same(fx_slurp(fd), "X\n-\n1\n\nY  Z\n-  -\nP  2\n");
	close(fd);
	rtable_free(a);
	rtable_free(b);
}
END_TEST

START_TEST(guard)
{
	track_rtable *t = rtable_new();

	rtable_col(t, "name", NULL);
	rtable_col(t, "diff", NULL);
	rtable_row(t);
	rtable_text(t, 0, "=cmd", NULL);
	rtable_dec(t, 1, -3.5);
	/* Text is guarded, numbers are not. */
	same(render(t, TRACK_FMT_CSV, WRITER_GUARD), "name,diff\n'=cmd,-3.5\n");
	same(render(t, TRACK_FMT_CSV, 0), "name,diff\n=cmd,-3.5\n");
	rtable_free(t);
}
END_TEST

/* ---- JSON ---- */

START_TEST(json_rows)
{
	track_rtable *t = sample();
	json_t *rows = rtable_json(t), *r, *v;

	ck_assert_ptr_nonnull(rows);
	ck_assert(json_is_array(rows));
	ck_assert_uint_eq(json_array_size(rows), 3);

	r = json_array_get(rows, 0);
	ck_assert_str_eq(json_string_value(json_object_get(r, "subject")),
	    "reading");
	ck_assert_str_eq(json_string_value(json_object_get(r,
	    "subject_label")), "Reading");
	v = json_object_get(r, "n");
	ck_assert(json_is_integer(v));
	ck_assert_int_eq(json_integer_value(v), 8);
	v = json_object_get(r, "pct_at");
	ck_assert(json_is_number(v));
	ck_assert(json_number_value(v) == 12.5);
	ck_assert(json_number_value(json_object_get(r, "mean")) == 104.3);
	ck_assert(json_number_value(json_object_get(r, "median")) == 104.5);
	/* Empty: null.  A label equal to the id: no _label key. */
	ck_assert(json_is_null(json_object_get(r, "nothing")));
	ck_assert_str_eq(json_string_value(json_object_get(r, "flag")), "x");
	ck_assert_ptr_null(json_object_get(r, "flag_label"));
	v = json_object_get(r, "pupils");
	ck_assert(json_is_array(v));
	ck_assert_uint_eq(json_array_size(v), 3);
	ck_assert_str_eq(json_string_value(json_array_get(v, 1)), "Bob Lee");
	/* Keys: the 8 columns and one label. */
	ck_assert_uint_eq(json_object_size(r), 9);

	r = json_array_get(rows, 1);
	ck_assert_ptr_null(json_object_get(r, "subject_label"));
	ck_assert(json_number_value(json_object_get(r, "pct_at")) == 66.7);
	ck_assert(json_number_value(json_object_get(r, "mean")) == -0.2);
	ck_assert(json_number_value(json_object_get(r, "median")) == 100);
	ck_assert_str_eq(json_string_value(json_object_get(r, "flag")), "c");
	ck_assert(json_is_array(json_object_get(r, "pupils")));
	ck_assert_uint_eq(json_array_size(json_object_get(r, "pupils")), 0);
	ck_assert_uint_eq(json_object_size(r), 8);

	r = json_array_get(rows, 2);
	ck_assert_str_eq(json_string_value(json_object_get(r,
	    "subject_label")), "RWM");
	ck_assert_int_eq(json_integer_value(json_object_get(r, "n")), 0);
	ck_assert(json_number_value(json_object_get(r, "pct_at")) == 33.3);
	ck_assert(json_number_value(json_object_get(r, "mean")) == 0);
	ck_assert(json_is_null(json_object_get(r, "median")));
	ck_assert(json_is_null(json_object_get(r, "flag")));
	json_decref(rows);
	rtable_free(t);
}
END_TEST

START_TEST(json_document_pipe)
{
	track_rtable *t = sample();
	json_t *meta = json_pack("{s:s}", "report", "test"), *doc, *cols;
	track_writer *w;
	track_error err;
	json_error_t je;
	char buf[4096];
	ssize_t n, got = 0;
	int p[2];

	ck_assert_int_eq(rtable_document(t, meta), 0);
	cols = json_object_get(meta, "columns");
	ck_assert_uint_eq(json_array_size(cols), 8);
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(
	    cols, 0), "id")), "subject");
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(
	    cols, 0), "label")), "Subject");
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(
	    cols, 4), "label")), "median");
	ck_assert_uint_eq(json_array_size(json_object_get(meta, "rows")), 3);

	/* Through a pipe: one line, then a newline. */
	ck_assert(pipe(p) == 0);
	ck_assert_int_eq(writer_open(&w, p[1], TRACK_FMT_JSON, 0, &err), 0);
	ck_assert_int_eq(rtable_json_write(meta, w, &err), 0);
	ck_assert_int_eq(writer_finish(w, &err), 0);
	writer_free(w);
	close(p[1]);
	while ((n = read(p[0], buf + got, sizeof buf - 1 - (size_t)got)) > 0)
		got += n;
	close(p[0]);
	buf[got] = '\0';
	ck_assert_int_gt(got, 2);
	ck_assert(buf[got - 1] == '\n');
	ck_assert(memchr(buf, '\n', (size_t)got - 1) == NULL);
	/* Keys in the order given; numbers with their decimals. */
	ck_assert(strncmp(buf, "{\"report\":\"test\",\"columns\":[", 28) == 0);
	ck_assert(strstr(buf, "\"pct_at\":12.5") != NULL);
	ck_assert(strstr(buf, "\"pct_at\":66.7") != NULL);
	ck_assert(strstr(buf, "\"mean\":104.3") != NULL);
	ck_assert(strstr(buf, "\"nothing\":null") != NULL);
	ck_assert(strstr(buf, "\"pupils\":[\"Ann\",\"Bob Lee\",\"Cy\"]") !=
	    NULL);
	doc = json_loads(buf, 0, &je);
	ck_assert_msg(doc != NULL, "%s", je.text);
	ck_assert(json_equal(doc, meta));
	json_decref(doc);
	json_decref(meta);
	rtable_free(t);
}
END_TEST

/*
 * A text cell's label goes under "<column>_label" whatever the length of
 * the column's id: two long ids that share a prefix keep their own keys
 * (a 300-byte buffer cut them to one before).
 */
START_TEST(json_long_column_label)
{
	track_rtable *t = rtable_new();
	char a[400], b[400], key[420];
	json_t *rows, *r;

	memset(a, 'c', sizeof a - 2);
	a[sizeof a - 2] = 'A';
	a[sizeof a - 1] = '\0';
	memcpy(b, a, sizeof b);
	b[sizeof b - 2] = 'B';
	ck_assert_int_eq(rtable_col(t, a, "First"), 0);
	ck_assert_int_eq(rtable_col(t, b, "Second"), 1);
	ck_assert_int_eq(rtable_row(t), 0);
	ck_assert_int_eq(rtable_text(t, 0, "x", "Label of x"), 0);
	ck_assert_int_eq(rtable_text(t, 1, "y", "Label of y"), 0);
	rows = rtable_json(t);
	ck_assert_ptr_nonnull(rows);
	r = json_array_get(rows, 0);
	ck_assert_uint_eq(json_object_size(r), 4);
	snprintf(key, sizeof key, "%s_label", a);
	ck_assert_str_eq(json_string_value(json_object_get(r, key)),
	    "Label of x");
	snprintf(key, sizeof key, "%s_label", b);
	ck_assert_str_eq(json_string_value(json_object_get(r, key)),
	    "Label of y");
	json_decref(rows);
	rtable_free(t);
}
END_TEST

static Suite *
rtable_suite(void)
{
	Suite *s = suite_create("rtable");
	TCase *tc;

	tc = tcase_create("structure");
	tcase_add_test(tc, cols_and_rows);
	tcase_add_test(tc, big);
	tcase_add_test(tc, copies_strings);
	tcase_add_test(tc, cell_text);
	suite_add_tcase(s, tc);

	tc = tcase_create("rounding");
	tcase_add_test(tc, round_pct);
	tcase_add_test(tc, pct_faces);
	suite_add_tcase(s, tc);

	tc = tcase_create("write");
	tcase_add_test(tc, csv);
	tcase_add_test(tc, text_lengths);
	tcase_add_test(tc, write_pieces);
	tcase_add_test(tc, csv_in_pieces);
	tcase_add_test(tc, table);
	tcase_add_test(tc, table_layout);
	tcase_add_test(tc, table_exact);
	tcase_add_test(tc, header_only);
	tcase_add_test(tc, two_tables);
	tcase_add_test(tc, guard);
	suite_add_tcase(s, tc);

	tc = tcase_create("json");
	tcase_add_test(tc, json_rows);
	tcase_add_test(tc, json_document_pipe);
	tcase_add_test(tc, json_long_column_label);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(rtable_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
