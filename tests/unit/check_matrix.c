/*
 * check_matrix.c - unit tests for lib/report/matrix.c, the progress matrices
 * behind track-matrix: pupils paired across two selectors, categories in
 * scale order, out-of-year categories before in-year ones, "no earlier"
 * and "no later", --stable, score bins, movement up, same and down, and
 * subject against subject.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/str.h"
#include "report/matrix.h"
#include "fixture.h"

/* ---- Records in ---- */

static struct matrix_opts
mopts(const char *from, const char *to)
{
	struct matrix_opts o;

	memset(&o, 0, sizeof o);
	o.from = from;
	o.to = to;
	return o;
}

static const char hdr[] = "pupil,name,year,subject,point,measure,value,"
    "against,class";

/* A matrix with options `o`, fed `rows` (NULL-terminated) under hdr. */
static track_matrix *
run(const struct matrix_opts *o, const char *const *rows)
{
	track_matrix *m = NULL;
	track_error err;
	char store[512];
	track_str f[FX_MAXF];
	size_t n, i, w;

	error_clear(&err);
	if (matrix_new(&m, def, o, &err) != 0)
		ck_abort_msg("matrix_new: %s", err.text);
	w = fx_split(hdr, store, sizeof store, f);
	if (matrix_bind(m, f, w, &err) != 0)
		ck_abort_msg("matrix_bind: %s", err.text);
	for (i = 0; rows[i] != NULL; i++) {
		n = fx_split(rows[i], store, sizeof store, f);
		ck_assert_msg(n == w, "\"%s\": %zu fields", rows[i], n);
		ck_assert_msg(matrix_row(m, f, &err) == 0, "\"%s\": %s",
		    rows[i], err.text);
	}
	return m;
}

/* ---- Results out ---- */

static char *
render(const track_rtable *t, enum track_format fmt)
{
	track_writer *w;
	track_error err;
	int fd = fx_temp_fd();
	char *out;

	ck_assert_int_eq(writer_open(&w, fd, fmt, 0, &err), 0);
	ck_assert_int_eq(rtable_write(t, w, fmt, &err), 0);
	ck_assert_int_eq(writer_finish(w, &err), 0);
	writer_free(w);
	out = fx_slurp(fd);
	close(fd);
	return out;
}

/* The grids as drawn for a terminal. */
static char *
grids(track_matrix *m, enum track_format fmt)
{
	track_writer *w;
	track_error err;
	int fd = fx_temp_fd();
	char *out;

	ck_assert_int_eq(writer_open(&w, fd, fmt, 0, &err), 0);
	ck_assert_msg(matrix_grids(m, w, fmt, &err) == 0, "%s", err.text);
	ck_assert_int_eq(writer_finish(w, &err), 0);
	writer_free(w);
	out = fx_slurp(fd);
	close(fd);
	return out;
}

struct res {
	track_rtable *t;
	json_t *meta;
	char *csv;
};

static void
result(track_matrix *m, struct res *r)
{
	track_error err;

	error_clear(&err);
	ck_assert_msg(matrix_table(m, &r->t, &r->meta, &err) == 0, "%s",
	    err.text);
	r->csv = render(r->t, TRACK_FMT_CSV);
}

static void
res_free(struct res *r)
{
	rtable_free(r->t);
	json_decref(r->meta);
	free(r->csv);
}

/*
 * The n of the long row "subject,from,to" (as written in CSV), or "-"
 * when there is no such row.
 */
static const char *
n_of(const struct res *r, const char *key)
{
	static char buf[64];
	size_t kl = strlen(key);
	const char *p = r->csv;

	while (p != NULL && *p) {
		if (strncmp(p, key, kl) == 0 && p[kl] == ',') {
			const char *e = p + kl + 1;
			size_t n = strcspn(e, ",\n");

			snprintf(buf, sizeof buf, "%.*s", (int)n, e);
			return buf;
		}
		p = strchr(p, '\n');
		p = p ? p + 1 : NULL;
	}
	return "-";
}

static void
expect_n(const struct res *r, const char *key, const char *want)
{
	const char *got = n_of(r, key);

	ck_assert_msg(strcmp(got, want) == 0, "%s: n %s, want %s, in:\n%s",
	    key, got, want, r->csv);
}

/*
 * The ids after "subject,PREFIX" in order of the long rows: with PREFIX
 * "total," the columns; with "" and to == total the rows.
 */
static void
axis(const struct res *r, const char *subject, int cols, char *out,
    size_t outsz)
{
	const char *p = r->csv;
	char pre[128];
	size_t pl;

	out[0] = '\0';
	snprintf(pre, sizeof pre, "%s,", subject);
	pl = strlen(pre);
	for (; p != NULL && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		const char *a, *b, *c;
		char id[64];

		if (strncmp(p, pre, pl) != 0)
			continue;
		a = p + pl;
		b = strchr(a, ',');
		c = b ? strchr(b + 1, ',') : NULL;
		if (b == NULL || c == NULL)
			continue;
		if (cols && strncmp(a, "total,", 6) == 0 &&
		    strncmp(b + 1, "total,", 6) != 0)
			snprintf(id, sizeof id, "%.*s", (int)(c - b - 1),
			    b + 1);
		else if (!cols && strncmp(b + 1, "total,", 6) == 0 &&
		    strncmp(a, "total,", 6) != 0)
			snprintf(id, sizeof id, "%.*s", (int)(b - a), a);
		else
			continue;
		if (out[0])
			strncat(out, "|", outsz - strlen(out) - 1);
		strncat(out, id, outsz - strlen(out) - 1);
	}
}

static void
expect_axis(const struct res *r, const char *subject, int cols,
    const char *want)
{
	char got[512];

	axis(r, subject, cols, got, sizeof got);
	ck_assert_msg(strcmp(got, want) == 0, "%s %s: %s, want %s, in:\n%s",
	    subject, cols ? "columns" : "rows", got, want, r->csv);
}

/* ---- Pairing ---- */

static const char *const terms[] = {
	"p1,Ann,4,reading,2025-26.autumn,ta,WTS,,4A",
	"p1,Ann,4,reading,2025-26.summer,ta,EXS,,4A",
	"p2,Bo,4,reading,2025-26.autumn,,EXS,,4A",
	"p2,Bo,4,reading,2025-26.summer,,EXS,,4A",
	"p3,Cy,4,reading,2025-26.autumn,,GDS,,4B",
	"p3,Cy,4,reading,2025-26.summer,,EXS,,4B",
	"p4,Di,4,reading,2025-26.autumn,,EXS,,4B",	/* no later */
	"p5,Ed,4,reading,2025-26.summer,,WTS,,4B",	/* no earlier */
	"p6,Fi,4,reading,2025-26.autumn,,PK3,,4A",
	"p6,Fi,4,reading,2025-26.summer,,WTS,,4A",
	"p7,Gu,4,reading,2025-26.autumn,,EXS,,4A",
	"p7,Gu,4,reading,2025-26.summer,,A,,4A",
	"p1,Ann,4,maths,2025-26.autumn,,EXS,,4A",
	"p1,Ann,4,maths,2025-26.summer,,GDS,,4A",
	/* Not on either side: another measure, another point. */
	"p1,Ann,4,reading,2025-26.autumn,nfer,100,,4A",
	"p2,Bo,4,reading,2025-26.spring,ta,GDS,,4A",
	/* A correction: the last record wins. */
	"p2,Bo,4,reading,2025-26.summer,ta,WTS,,4A",
	"p2,Bo,4,reading,2025-26.summer,ta,EXS,,4A",
	NULL
};

START_TEST(pairing)
{
	struct matrix_opts o = mopts("point=2025-26.autumn",
	    "point=2025-26.summer");
	track_matrix *m = run(&o, terms);
	struct res r;

	result(m, &r);
	/*
	 * Rows and columns in scale order (PK3, WTS, EXS, GDS), the
	 * not-assessed after the codes, "no earlier" and "no later" last;
	 * then totals and movement.  Reading before maths.
	 */
	ck_assert_str_eq(r.csv,
	    "subject,from,to,n\n"
	    "reading,PK3,WTS,1\n"
	    "reading,WTS,EXS,1\n"
	    "reading,EXS,EXS,1\n"
	    "reading,EXS,A,1\n"
	    "reading,EXS,no later,1\n"
	    "reading,GDS,EXS,1\n"
	    "reading,no earlier,WTS,1\n"
	    "reading,PK3,total,1\n"
	    "reading,WTS,total,1\n"
	    "reading,EXS,total,3\n"
	    "reading,GDS,total,1\n"
	    "reading,no earlier,total,1\n"
	    "reading,total,WTS,2\n"
	    "reading,total,EXS,3\n"
	    "reading,total,A,1\n"
	    "reading,total,no later,1\n"
	    "reading,total,total,7\n"
	    "reading,moved,up,2\n"
	    "reading,moved,same,1\n"
	    "reading,moved,down,1\n"
	    "maths,EXS,GDS,1\n"
	    "maths,EXS,total,1\n"
	    "maths,total,GDS,1\n"
	    "maths,total,total,1\n"
	    "maths,moved,up,1\n"
	    "maths,moved,same,0\n"
	    "maths,moved,down,0\n");
	res_free(&r);
	matrix_free(m);
}
END_TEST

START_TEST(labels_and_json)
{
	struct matrix_opts o = mopts("point=2025-26.autumn",
	    "point=2025-26.summer");
	track_matrix *m = run(&o, terms);
	struct res r;
	json_t *g, *rows;
	char *tab;

	result(m, &r);
	tab = render(r.t, TRACK_FMT_TABLE);
	ck_assert(strstr(tab, "Reading") != NULL);
	ck_assert(strstr(tab, "No earlier") != NULL);
	ck_assert(strstr(tab, "No later") != NULL);
	ck_assert(strstr(tab, "Moved") != NULL);
	free(tab);
	ck_assert_str_eq(json_string_value(json_object_get(r.meta, "report")),
	    "matrix");
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(
	    r.meta, "from"), "point")), "2025-26.autumn");
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(
	    r.meta, "to"), "point_label")), "Summer 2025-26");
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(
	    r.meta, "to"), "measure")), "ta");
	ck_assert_uint_eq(json_array_size(json_object_get(r.meta,
	    "matrices")), 2);
	g = json_array_get(json_object_get(r.meta, "matrices"), 0);
	ck_assert_str_eq(json_string_value(json_object_get(g, "subject")),
	    "reading");
	ck_assert_str_eq(json_string_value(json_object_get(g,
	    "subject_label")), "Reading");
	rows = json_object_get(g, "rows");
	ck_assert_uint_eq(json_array_size(rows), 5);
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(
	    rows, 0), "id")), "PK3");
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(
	    rows, 4), "label")), "No earlier");
	ck_assert_uint_eq(json_array_size(json_object_get(g, "cols")), 4);
	/* cells[EXS][A] */
	ck_assert_int_eq(json_integer_value(json_array_get(json_array_get(
	    json_object_get(g, "cells"), 2), 2)), 1);
	ck_assert_int_eq(json_integer_value(json_array_get(json_array_get(
	    json_object_get(g, "cells"), 2), 0)), 0);
	ck_assert_int_eq(json_integer_value(json_object_get(g, "total")), 7);
	ck_assert_int_eq(json_integer_value(json_object_get(g, "up")), 2);
	ck_assert_int_eq(json_integer_value(json_object_get(g, "down")), 1);
	ck_assert_int_eq(json_integer_value(json_array_get(json_object_get(g,
	    "row_totals"), 2)), 3);
	res_free(&r);
	matrix_free(m);
}
END_TEST

START_TEST(grid_drawing)
{
	static const char *const rows[] = {
		"p1,Ann,4,maths,2025-26.autumn,,EXS,,",
		"p1,Ann,4,maths,2025-26.summer,,GDS,,",
		"p2,Bo,4,maths,2025-26.autumn,,EXS,,",
		"p2,Bo,4,maths,2025-26.summer,,EXS,,",
		NULL
	};
	struct matrix_opts o = mopts("point=2025-26.autumn",
	    "point=2025-26.summer");
	track_matrix *m;
	char *got;

	o.pupils = 1;
	m = run(&o, rows);
	got = grids(m, TRACK_FMT_TABLE);
	ck_assert_str_eq(got,
	    "Maths: Autumn 2025-26 to Summer 2025-26\n"
	    "\n"
	    "From \\ to  EXS  GDS  Total\n"
	    "---------  ---  ---  -----\n"
	    "EXS          1    1      2\n"
	    "Total        1    1      2\n"
	    "\n"
	    "Moved up 1, stayed the same 1, moved down 0.\n"
	    "  EXS to EXS (1): Bo\n"
	    "  EXS to GDS (1): Ann\n");
	free(got);
	matrix_free(m);
}
END_TEST

START_TEST(stable)
{
	struct matrix_opts o = mopts("point=2025-26.autumn",
	    "point=2025-26.summer");
	track_matrix *m;
	struct res r;

	o.stable = 1;
	m = run(&o, terms);
	result(m, &r);
	/* Only pupils on both sides. */
	expect_axis(&r, "reading", 0, "PK3|WTS|EXS|GDS");
	expect_axis(&r, "reading", 1, "WTS|EXS|A");
	expect_n(&r, "reading,total,total", "5");
	expect_n(&r, "reading,EXS,no later", "-");
	expect_n(&r, "reading,no earlier,WTS", "-");
	expect_n(&r, "reading,moved,up", "2");
	ck_assert(json_is_true(json_object_get(r.meta, "stable")));
	res_free(&r);
	matrix_free(m);
}
END_TEST

/*
 * A correction on either side replaces the record before it, whatever
 * came between: each pupil is counted once, at their last values.
 */
START_TEST(corrections)
{
	static const char *const rows[] = {
		"p1,Ann,4,reading,2025-26.autumn,ta,WTS,,4A",
		"p2,Bo,4,reading,2025-26.autumn,ta,GDS,,4A",
		"p1,Ann,4,reading,2025-26.autumn,ta,EXS,,4A",	/* from */
		"p1,Ann,4,reading,2025-26.summer,ta,EXS,,4A",
		"p2,Bo,4,reading,2025-26.summer,ta,GDS,,4A",
		"p1,Ann,4,maths,2025-26.summer,ta,WTS,,4A",
		"p1,Ann,4,reading,2025-26.summer,ta,GDS,,4A",	/* to */
		NULL
	};
	struct matrix_opts o = mopts("point=2025-26.autumn",
	    "point=2025-26.summer");
	track_matrix *m;
	struct res r;

	o.pupils = 1;
	m = run(&o, rows);
	result(m, &r);
	expect_n(&r, "reading,total,total", "2");
	expect_n(&r, "reading,EXS,GDS", "1");
	expect_n(&r, "reading,GDS,GDS", "1");
	expect_n(&r, "reading,moved,up", "1");
	expect_n(&r, "reading,moved,same", "1");
	expect_axis(&r, "reading", 0, "EXS|GDS");
	expect_axis(&r, "reading", 1, "GDS");
	expect_n(&r, "maths,no earlier,WTS", "1");
	res_free(&r);
	matrix_free(m);
}
END_TEST

START_TEST(names)
{
	struct matrix_opts o = mopts("point=2025-26.autumn",
	    "point=2025-26.summer");
	track_matrix *m;
	struct res r;

	o.pupils = 1;
	m = run(&o, terms);
	result(m, &r);
	ck_assert(strncmp(r.csv, "subject,from,to,n,pupils\n", 25) == 0);
	ck_assert(strstr(r.csv, "reading,WTS,EXS,1,Ann\n") != NULL);
	ck_assert(strstr(r.csv, "reading,EXS,no later,1,Di\n") != NULL);
	ck_assert(strstr(r.csv, "reading,no earlier,WTS,1,Ed\n") != NULL);
	/* Totals carry no names. */
	ck_assert(strstr(r.csv, "reading,EXS,total,3,\n") != NULL);
	res_free(&r);
	matrix_free(m);
}
END_TEST

START_TEST(other_column)
{
	struct matrix_opts o = mopts("point=2025-26.autumn,class=4A",
	    "point=2025-26.summer");
	track_matrix *m = run(&o, terms);
	struct res r;

	result(m, &r);
	/* Only class 4A on the autumn side: p3 and p5 have no earlier
	 * value, and p4 (4B, autumn only) is on neither side. */
	expect_n(&r, "reading,no earlier,EXS", "1");
	expect_n(&r, "reading,no earlier,WTS", "1");
	expect_n(&r, "reading,EXS,no later", "-");
	expect_n(&r, "reading,total,total", "6");
	res_free(&r);
	matrix_free(m);
}
END_TEST

/*
 * The same records (subject, point, value) on both sides, met in another
 * order on each: each side's categories are its own, so what one side
 * remembers of a record's category is not the other's.
 */
START_TEST(same_rows_both_sides)
{
	static const char *const rows[] = {
		"p1,Ann,4,reading,2025-26.autumn,ta,EXS,,4A",
		"p2,Bo,4,reading,2025-26.autumn,ta,WTS,,4A",
		"p3,Cy,4,reading,2025-26.autumn,ta,WTS,,4B",
		"p4,Di,4,reading,2025-26.autumn,ta,EXS,,4B",
		"p5,Ed,4,reading,2025-26.autumn,ta,GDS,,4B",
		"p6,Fi,4,reading,2025-26.autumn,ta,EXS,,4B",
		"p7,Gu,4,reading,2025-26.autumn,ta,WTS,,4A",
		NULL
	};
	struct matrix_opts o = mopts("class=4A", "class=4B");
	track_matrix *m = run(&o, rows);
	struct res r;

	result(m, &r);
	expect_n(&r, "reading,WTS,no later", "2");
	expect_n(&r, "reading,EXS,no later", "1");
	expect_n(&r, "reading,no earlier,WTS", "1");
	expect_n(&r, "reading,no earlier,EXS", "2");
	expect_n(&r, "reading,no earlier,GDS", "1");
	expect_n(&r, "reading,total,total", "7");
	res_free(&r);
	matrix_free(m);
}
END_TEST

/* ---- Out of year ---- */

START_TEST(out_of_year)
{
	static const char *const rows[] = {
		"q1,,4,writing,2025-26.autumn,,EXS,3,",
		"q1,,4,writing,2025-26.summer,,EXS,,",
		"q2,,4,writing,2025-26.autumn,,WTS,Y3,",
		"q2,,4,writing,2025-26.summer,,WTS,,",
		"q3,,4,writing,2025-26.autumn,,EXS,,",
		"q3,,4,writing,2025-26.summer,,GDS,,",
		"q4,,4,writing,2025-26.autumn,,WTS,2,",
		"q4,,4,writing,2025-26.summer,,WTS,,",
		"q5,,4,writing,2025-26.autumn,,EXS,,",
		"q5,,4,writing,2025-26.summer,,EXS,3,",
		NULL
	};
	struct matrix_opts o = mopts("point=2025-26.autumn",
	    "point=2025-26.summer");
	track_matrix *m;
	struct res r;
	json_t *g;

	o.pupils = 1;
	m = run(&o, rows);
	result(m, &r);
	/*
	 * Out-of-year categories (keyed by the year against, then the code)
	 * come before the in-year ones, in their own words.
	 */
	expect_axis(&r, "writing", 0, "Y2 WTS|Y3 WTS|Y3 EXS|EXS");
	expect_axis(&r, "writing", 1, "Y3 EXS|WTS|EXS|GDS");
	expect_n(&r, "writing,Y3 EXS,EXS", "1");
	expect_n(&r, "writing,Y3 WTS,WTS", "1");
	expect_n(&r, "writing,Y2 WTS,WTS", "1");
	expect_n(&r, "writing,EXS,GDS", "1");
	expect_n(&r, "writing,EXS,Y3 EXS", "1");
	/*
	 * Movement by bands across out-of-year: Y3 EXS (below) to EXS is
	 * up, Y3 WTS or Y2 WTS (below) to WTS the same, EXS to Y3 EXS
	 * (below) down; EXS to GDS up.
	 */
	expect_n(&r, "writing,moved,up", "2");
	expect_n(&r, "writing,moved,same", "2");
	expect_n(&r, "writing,moved,down", "1");
	/* The JSON labels are the own words too. */
	g = json_array_get(json_object_get(r.meta, "matrices"), 0);
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(
	    json_object_get(g, "rows"), 0), "label")), "Y2 WTS");
	res_free(&r);
	matrix_free(m);
}
END_TEST

/* ---- Scores ---- */

static const char *const scores[] = {
	"s1,,4,maths,2025-26.autumn,nfer,90,,",
	"s1,,4,maths,2025-26.summer,nfer,100,,",
	"s2,,4,maths,2025-26.autumn,nfer,100,,",
	"s2,,4,maths,2025-26.summer,nfer,120,,",
	"s3,,4,maths,2025-26.autumn,nfer,120,,",
	"s3,,4,maths,2025-26.summer,nfer,96,,",
	"s4,,4,maths,2025-26.autumn,nfer,100,,",
	"s4,,4,maths,2025-26.summer,nfer,110,,",
	"s5,,4,maths,2025-26.autumn,nfer,95,,",
	"s5,,4,maths,2025-26.summer,nfer,114,,",
	"s6,,4,maths,2025-26.autumn,nfer,94,,",
	"s6,,4,maths,2025-26.summer,nfer,115,,",
	"s1,,4,maths,2025-26.summer,ta,EXS,,",
	NULL
};

START_TEST(score_bands)
{
	struct matrix_opts o = mopts("point=2025-26.autumn,measure=nfer",
	    "point=2025-26.summer,measure=nfer");
	track_matrix *m = run(&o, scores);
	struct res r;
	char *tab;

	result(m, &r);
	/* Without --bins, scores fall into the scale's bands. */
	expect_axis(&r, "maths", 0, "below|at|above");
	expect_axis(&r, "maths", 1, "at|above");
	expect_n(&r, "maths,below,at", "1");
	expect_n(&r, "maths,below,above", "1");
	expect_n(&r, "maths,at,at", "2");
	expect_n(&r, "maths,at,above", "1");
	expect_n(&r, "maths,above,at", "1");
	expect_n(&r, "maths,moved,up", "3");
	expect_n(&r, "maths,moved,same", "2");
	expect_n(&r, "maths,moved,down", "1");
	/* Band labels in a table. */
	tab = render(r.t, TRACK_FMT_TABLE);
	ck_assert(strstr(tab, "Below expected") != NULL);
	ck_assert(strstr(tab, "Above expected") != NULL);
	free(tab);
	res_free(&r);
	matrix_free(m);
}
END_TEST

START_TEST(bins)
{
	struct matrix_opts o = mopts("point=2025-26.autumn,measure=nfer",
	    "point=2025-26.summer,measure=nfer");
	track_matrix *m;
	struct res r;

	o.bins = "115,95";	/* any order */
	m = run(&o, scores);
	result(m, &r);
	/* An integer scale: "95-114", not "95-<115". */
	expect_axis(&r, "maths", 0, "<95|95-114|>=115");
	expect_axis(&r, "maths", 1, "95-114|>=115");
	expect_n(&r, "maths,<95,95-114", "1");
	expect_n(&r, "maths,<95,>=115", "1");
	expect_n(&r, "maths,95-114,95-114", "2");
	expect_n(&r, "maths,95-114,>=115", "1");
	expect_n(&r, "maths,>=115,95-114", "1");
	expect_n(&r, "maths,moved,up", "3");
	expect_n(&r, "maths,moved,same", "2");
	expect_n(&r, "maths,moved,down", "1");
	res_free(&r);
	matrix_free(m);

	/* Finer bins: movement between bins, not bands. */
	o.bins = "95,100,105,110,115";
	m = run(&o, scores);
	result(m, &r);
	expect_axis(&r, "maths", 0, "<95|95-99|100-104|>=115");
	expect_n(&r, "maths,100-104,110-114", "1");
	/* s4 100 -> 110 and s5 95 -> 114 move up between bins. */
	expect_n(&r, "maths,moved,up", "5");
	expect_n(&r, "maths,moved,same", "0");
	expect_n(&r, "maths,moved,down", "1");
	res_free(&r);
	matrix_free(m);
}
END_TEST

START_TEST(test_against_ta)
{
	static const char *const rows[] = {
		"t1,,4,maths,2025-26.summer,nfer,90,,",
		"t1,,4,maths,2025-26.summer,ta,EXS,,",
		"t2,,4,maths,2025-26.summer,nfer,120,,",
		"t2,,4,maths,2025-26.summer,ta,EXS,,",
		"t3,,4,maths,2025-26.summer,nfer,100,,",
		"t3,,4,maths,2025-26.summer,ta,EXS,,",
		/* Earlier points are left out: pairs are made at one. */
		"t4,,4,maths,2025-26.autumn,nfer,100,,",
		"t4,,4,maths,2025-26.autumn,ta,EXS,,",
		NULL
	};
	struct matrix_opts o = mopts("measure=nfer", "measure=ta");
	track_matrix *m;
	struct res r;

	m = run(&o, rows);
	result(m, &r);
	/* The latest point of the --from side; bands compare. */
	expect_n(&r, "maths,total,total", "3");
	expect_n(&r, "maths,below,EXS", "1");
	expect_n(&r, "maths,above,EXS", "1");
	expect_n(&r, "maths,moved,up", "1");
	expect_n(&r, "maths,moved,same", "1");
	expect_n(&r, "maths,moved,down", "1");
	ck_assert_str_eq(json_string_value(json_object_get(r.meta, "point")),
	    "2025-26.summer");
	res_free(&r);
	matrix_free(m);

	/* --point picks another. */
	o.point = "Autumn 2025/26";
	m = run(&o, rows);
	result(m, &r);
	expect_n(&r, "maths,total,total", "1");
	expect_n(&r, "maths,at,EXS", "1");
	expect_n(&r, "maths,moved,same", "1");
	res_free(&r);
	matrix_free(m);
}
END_TEST

START_TEST(prior_scale)
{
	static const char *const rows[] = {
		"k1,,3,reading,ks1,,PK4,,",
		"k1,,3,reading,2025-26.summer,,PK5,,",
		"k2,,3,reading,ks1,,WTS,,",
		"k2,,3,reading,2025-26.summer,,EXS,,",
		"k3,,3,reading,KS1,,GDS,,",
		"k3,,3,reading,2025-26.summer,,EXS,,",
		NULL
	};
	struct matrix_opts o = mopts("point=ks1", "point=2025-26.summer");
	track_matrix *m = run(&o, rows);
	struct res r;

	result(m, &r);
	/*
	 * Key stage 1 has its own scale: codes are not compared across
	 * scales, bands are (PK4 to PK5 is below to below, the same).
	 */
	expect_axis(&r, "reading", 0, "PK4|WTS|GDS");
	expect_axis(&r, "reading", 1, "PK5|EXS");
	expect_n(&r, "reading,moved,up", "1");
	expect_n(&r, "reading,moved,same", "1");
	expect_n(&r, "reading,moved,down", "1");
	res_free(&r);
	matrix_free(m);
}
END_TEST

/* ---- Subjects ---- */

START_TEST(subject_axis)
{
	static const char *const rows[] = {
		"r1,Ann,4,reading,2025-26.summer,,EXS,,",
		"r1,Ann,4,writing,2025-26.summer,,WTS,,",
		"r2,Bo,4,reading,2025-26.summer,,GDS,,",
		"r2,Bo,4,writing,2025-26.summer,,GDS,,",
		"r3,Cy,4,reading,2025-26.summer,,WTS,,",
		"r4,Di,4,maths,2025-26.summer,,WTS,,",
		"r1,Ann,4,reading,2025-26.autumn,,WTS,,",
		NULL
	};
	struct matrix_opts o = mopts("subject=reading", "subject=Writing");
	track_matrix *m = run(&o, rows);
	struct res r;
	char *tab;

	result(m, &r);
	/* One matrix, "reading vs writing", at the latest point. */
	expect_n(&r, "reading vs writing,EXS,WTS", "1");
	expect_n(&r, "reading vs writing,GDS,GDS", "1");
	expect_n(&r, "reading vs writing,WTS,no later", "1");
	expect_n(&r, "reading vs writing,total,total", "3");
	expect_n(&r, "reading vs writing,moved,down", "1");
	expect_n(&r, "reading vs writing,moved,same", "1");
	ck_assert(strstr(r.csv, "maths") == NULL);
	ck_assert_uint_eq(json_array_size(json_object_get(r.meta,
	    "matrices")), 1);
	tab = render(r.t, TRACK_FMT_TABLE);
	ck_assert(strstr(tab, "Reading vs Writing") != NULL);
	free(tab);
	res_free(&r);
	matrix_free(m);

	/* A subject named on one side holds for both. */
	o = mopts("subject=reading,point=2025-26.autumn",
	    "point=2025-26.summer");
	m = run(&o, rows);
	result(m, &r);
	expect_n(&r, "reading,WTS,EXS", "1");
	expect_n(&r, "reading,no earlier,GDS", "1");
	ck_assert(strstr(r.csv, "writing") == NULL);
	res_free(&r);
	matrix_free(m);
}
END_TEST

/* ---- Errors ---- */

START_TEST(option_errors)
{
	static const struct {
		const char *from, *to, *point, *bins, *want;
	} cases[] = {
		{ NULL, "point=x", NULL, NULL, "give both sides: --from SEL "
		    "--to SEL, e.g. --from point=2025-26.autumn --to "
		    "point=2025-26.summer" },
		{ "point", "point=x", NULL, NULL, "--from \"point\": write "
		    "field=value[,field=value], e.g. point=2025-26.autumn" },
		{ "point=a", "=b", NULL, NULL, "--to \"=b\": write "
		    "field=value[,field=value], e.g. point=2025-26.autumn" },
		{ "", "point=b", NULL, NULL, "--from is empty" },
		{ "subject=reding", "point=b", NULL, NULL,
		    "--from: unknown subject \"reding\"" },
		{ "point=a", "measure=nfr", NULL, NULL,
		    "--to: unknown measure \"nfr\"" },
		{ "point=a", "pupil=p1", NULL, NULL,
		    "--to: \"pupil\" cannot be a side of a matrix" },
		{ "point=a", "point=b", "c", NULL,
		    "--point is for matrices whose sides name no point" },
		{ "measure=nfer", "measure=ta", NULL, "95,x", "--bins "
		    "\"95,x\": give increasing numbers separated by commas, "
		    "e.g. 85,95,105,115" },
		{ "measure=nfer", "measure=ta", NULL, "95,100,95",
		    "--bins: 95 is given twice" },
		{ "measure=nfer", "measure=ta", NULL, "",
		    "--bins is empty" },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct matrix_opts o = mopts(cases[i].from, cases[i].to);
		track_matrix *m = (track_matrix *)1;
		track_error err;

		o.point = cases[i].point;
		o.bins = cases[i].bins;
		error_clear(&err);
		ck_assert_msg(matrix_new(&m, def, &o, &err) ==
		    TRACK_EXIT_USAGE, "case %zu accepted", i);
		ck_assert_ptr_null(m);
		ck_assert_str_eq(err.text, cases[i].want);
	}
	matrix_free(NULL);
}
END_TEST

START_TEST(bind_errors)
{
	struct matrix_opts o = mopts("point=a,form=4B", "point=b");
	track_matrix *m = NULL;
	track_error err;
	char store[512];
	track_str f[FX_MAXF];
	size_t w = fx_split(hdr, store, sizeof store, f);

	ck_assert_int_eq(matrix_new(&m, def, &o, &err), 0);
	ck_assert_int_eq(matrix_bind(m, f, w, &err), TRACK_EXIT_USAGE);
	ck_assert_str_eq(err.text, "--from: no column \"form\" in the input");
	matrix_free(m);

	/* Bad records are bad data. */
	o = mopts("point=2025-26.autumn", "point=2025-26.summer");
	ck_assert_int_eq(matrix_new(&m, def, &o, &err), 0);
	ck_assert_int_eq(matrix_bind(m, f, w, &err), 0);
	fx_split("p1,,4,reading,2025-26.autumn,,EXPT,,", store, sizeof store, f);
	ck_assert_int_eq(matrix_row(m, f, &err), TRACK_EXIT_DATA);
	ck_assert_str_eq(err.text,
	    "unknown descriptor \"EXPT\" for reading (did you mean EXS?)");
	matrix_free(m);

	/* A header without the record columns. */
	ck_assert_int_eq(matrix_new(&m, def, &o, &err), 0);
	w = fx_split("pupil,subject", store, sizeof store, f);
	ck_assert_int_eq(matrix_bind(m, f, w, &err), TRACK_EXIT_DATA);
	matrix_free(m);
}
END_TEST

START_TEST(empty)
{
	static const char *const rows[] = { NULL };
	struct matrix_opts o = mopts("point=2025-26.autumn",
	    "point=2025-26.summer");
	track_matrix *m = run(&o, rows);
	struct res r;

	result(m, &r);
	ck_assert_str_eq(r.csv, "subject,from,to,n\n");
	ck_assert_uint_eq(json_array_size(json_object_get(r.meta,
	    "matrices")), 0);
	res_free(&r);
	matrix_free(m);
}
END_TEST

/*
 * --min-group: a matrix of fewer pupils than the threshold on either side
 * (or paired) is "c" whole, with no rows or columns; at the threshold it
 * is shown.
 */
START_TEST(min_group)
{
	struct matrix_opts o = mopts("point=2025-26.autumn",
	    "point=2025-26.summer");
	track_matrix *m;
	struct res r;
	json_t *g;

	o.stable = 1;
	o.min_group = 6;
	m = run(&o, terms);
	result(m, &r);
	expect_n(&r, "reading,total,total", "c");
	expect_n(&r, "reading,moved,up", "c");
	expect_n(&r, "reading,EXS,total", "-");
	g = json_array_get(json_object_get(r.meta, "matrices"), 0);
	ck_assert(json_is_true(json_object_get(g, "suppressed")));
	ck_assert_uint_eq(json_array_size(json_object_get(g, "rows")), 0);
	ck_assert_str_eq(json_string_value(json_object_get(g, "total")), "c");
	ck_assert_int_eq(json_integer_value(json_object_get(r.meta,
	    "min_group")), 6);
	res_free(&r);
	matrix_free(m);

	o.min_group = 5;
	m = run(&o, terms);
	result(m, &r);
	expect_n(&r, "reading,total,total", "5");
	res_free(&r);
	matrix_free(m);
}
END_TEST

static Suite *
matrix_suite(void)
{
	Suite *s = suite_create("matrix");
	TCase *tc;

	tc = tcase_create("pairs");
	tcase_add_checked_fixture(tc, setup_default, teardown_default);
	tcase_add_test(tc, pairing);
	tcase_add_test(tc, labels_and_json);
	tcase_add_test(tc, grid_drawing);
	tcase_add_test(tc, stable);
	tcase_add_test(tc, corrections);
	tcase_add_test(tc, names);
	tcase_add_test(tc, other_column);
	tcase_add_test(tc, same_rows_both_sides);
	tcase_add_test(tc, out_of_year);
	tcase_add_test(tc, empty);
	tcase_add_test(tc, min_group);
	suite_add_tcase(s, tc);

	tc = tcase_create("scores");
	tcase_add_checked_fixture(tc, setup_default, teardown_default);
	tcase_add_test(tc, score_bands);
	tcase_add_test(tc, bins);
	tcase_add_test(tc, test_against_ta);
	tcase_add_test(tc, prior_scale);
	suite_add_tcase(s, tc);

	tc = tcase_create("subjects");
	tcase_add_checked_fixture(tc, setup_default, teardown_default);
	tcase_add_test(tc, subject_axis);
	suite_add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_add_checked_fixture(tc, setup_default, teardown_default);
	tcase_add_test(tc, option_errors);
	tcase_add_test(tc, bind_errors);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(matrix_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
