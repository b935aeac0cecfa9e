/*
 * check_summary.c - unit tests for lib/report/summary.c, the aggregation behind
 * track-summary: records go in through summary_new, summary_bind and
 * summary_row, and the table that comes out (summary_table, written as
 * CSV) is checked cell by cell: bands and percentages, not-assessed and
 * excluded codes, the last record of an identity winning, the default
 * point, --point and --over, --by in scheme order with "Unknown" last,
 * combined subjects (without and with a roll), suppression (primary and
 * secondary), prior bands, benchmarks, gaps, objectives coverage, and
 * partials that merge into exactly the table a single pass gives.
 *
 * The example schemes are read by path from the repository root, where
 * tests/unit/run is started; partials go to a scratch directory.
 */
#include <check.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/str.h"
#include "report/summary.h"
#include "scratch.h"
#include "fixture.h"

static track_scheme *besp;	/* examples/schemes/bespoke-school.json */

static void
setup(void)
{
	track_error err;

	tmp_setup();
	error_clear(&err);
	if (scheme_load_default(&def, &err) != 0)
		ck_abort_msg("default scheme: %s", err.text);
	if (scheme_load_file(&besp, "examples/schemes/bespoke-school.json",
	    &err) != 0)
		ck_abort_msg("%s:%ld: %s", err.file, err.line, err.text);
}

static void
teardown(void)
{
	scheme_free(def);
	scheme_free(besp);
	def = besp = NULL;
	tmp_teardown();
}

/* ---- Records in ---- */


/* Options as track-summary has them with no flags given. */
static struct summary_opts
opts(void)
{
	struct summary_opts o;

	memset(&o, 0, sizeof o);
	o.min_group = -1;
	return o;
}

/* Binds header `hdr`; returns summary_bind's status. */
static int
bind(track_summary *m, const char *hdr, track_error *err)
{
	char store[512];
	track_str f[FX_MAXF];
	size_t n = fx_split(hdr, store, sizeof store, f);

	error_clear(err);
	return summary_bind(m, f, n, err);
}

/* Adds rows (NULL-terminated), each of which must be good. */
static void
feed(track_summary *m, size_t width, const char *const *rows)
{
	char store[512];
	track_str f[FX_MAXF];
	track_error err;
	size_t i, n;

	for (i = 0; rows[i] != NULL; i++) {
		n = fx_split(rows[i], store, sizeof store, f);
		ck_assert_msg(n == width, "\"%s\": %zu fields, want %zu",
		    rows[i], n, width);
		error_clear(&err);
		ck_assert_msg(summary_row(m, f, &err) == 0, "\"%s\": %s",
		    rows[i], err.text);
	}
}

static size_t
width(const char *hdr)
{
	size_t n = 1;

	for (; *hdr; hdr++)
		n += *hdr == ',';
	return n;
}

/* A summary on `s` with options `o`, fed header `hdr` and `rows`. */
static track_summary *
run(const track_scheme *s, const struct summary_opts *o, const char *hdr,
    const char *const *rows)
{
	track_summary *m = NULL;
	track_error err;

	error_clear(&err);
	if (summary_new(&m, s, o, &err) != 0)
		ck_abort_msg("summary_new: %s", err.text);
	if (bind(m, hdr, &err) != 0)
		ck_abort_msg("summary_bind(%s): %s", hdr, err.text);
	feed(m, width(hdr), rows);
	return m;
}

/* A roll for `m`: header and rows, before any record. */
static void
roll(track_summary *m, const char *hdr, const char *const *rows)
{
	char store[512];
	track_str f[FX_MAXF];
	track_error err;
	size_t n = fx_split(hdr, store, sizeof store, f), i;

	error_clear(&err);
	ck_assert_msg(summary_roll_bind(m, f, n, &err) == 0, "%s", err.text);
	for (i = 0; rows[i] != NULL; i++) {
		ck_assert(fx_split(rows[i], store, sizeof store, f) == n);
		ck_assert_msg(summary_roll_row(m, f, &err) == 0, "%s: %s",
		    rows[i], err.text);
	}
}

/* ---- Results out ---- */

/* Writes a table in `fmt` and returns the text. */
static char *
render(const track_rtable *t, enum track_format fmt)
{
	track_writer *w;
	track_error err;
	int fd = fx_temp_fd();
	char *out;

	ck_assert_int_eq(writer_open(&w, fd, fmt, 0, &err), 0);
	ck_assert_msg(rtable_write(t, w, fmt, &err) == 0, "%s", err.text);
	ck_assert_int_eq(writer_finish(w, &err), 0);
	writer_free(w);
	out = fx_slurp(fd);
	close(fd);
	return out;
}

#define MAXR 128
#define MAXC 48

/* A parsed CSV: row 0 is the header. */
struct grid {
	size_t nrows, ncols[MAXR];
	char *c[MAXR][MAXC];
};

/* Parses RFC 4180 CSV (quotes, doubled quotes, LF line ends). */
static struct grid *
parse_csv(const char *s)
{
	struct grid *g = calloc(1, sizeof *g);
	size_t len = strlen(s);

	ck_assert(g != NULL);
	while (*s) {
		size_t n = 0;

		ck_assert_msg(g->nrows < MAXR, "too many rows");
		for (;;) {
			char *f = malloc(len + 1), *o = f;

			ck_assert(f != NULL && n < MAXC);
			if (*s == '"') {
				for (s++; *s; s++) {
					if (*s == '"' && s[1] == '"')
						*o++ = *s++;
					else if (*s == '"')
						break;
					else
						*o++ = *s;
				}
				ck_assert(*s == '"');
				s++;
			} else {
				while (*s && *s != ',' && *s != '\n')
					*o++ = *s++;
			}
			*o = '\0';
			g->c[g->nrows][n++] = f;
			if (*s == ',') {
				s++;
				continue;
			}
			ck_assert_msg(*s == '\n', "no line end");
			s++;
			break;
		}
		g->ncols[g->nrows++] = n;
	}
	return g;
}

static void
grid_free(struct grid *g)
{
	size_t r, c;

	for (r = 0; g != NULL && r < g->nrows; r++)
		for (c = 0; c < g->ncols[r]; c++)
			free(g->c[r][c]);
	free(g);
}

/* One report: the table, its description, its CSV and the parsed CSV. */
struct res {
	track_rtable *t;
	json_t *meta;
	char *csv;
	struct grid *g;
};

static void
result(track_summary *m, struct res *r)
{
	track_error err;

	error_clear(&err);
	ck_assert_msg(summary_table(m, &r->t, &r->meta, &err) == 0, "%s",
	    err.text);
	ck_assert_ptr_nonnull(r->t);
	ck_assert_ptr_nonnull(r->meta);
	r->csv = render(r->t, TRACK_FMT_CSV);
	r->g = parse_csv(r->csv);
}

static void
res_free(struct res *r)
{
	rtable_free(r->t);
	json_decref(r->meta);
	free(r->csv);
	grid_free(r->g);
	memset(r, 0, sizeof *r);
}

/* The header index of column `col`, or -1. */
static long
colno(const struct res *r, const char *col)
{
	size_t c;

	for (c = 0; c < r->g->ncols[0]; c++)
		if (strcmp(r->g->c[0][c], col) == 0)
			return (long)c;
	return -1;
}

/*
 * The row whose leading fields are `key` (comma-separated: subject,
 * measure, point and the --by values), or -1.
 */
static long
rowno(const struct res *r, const char *key)
{
	char store[256];
	track_str f[FX_MAXF];
	size_t n = fx_split(key, store, sizeof store, f), row, i;

	for (row = 1; row < r->g->nrows; row++) {
		for (i = 0; i < n && i < r->g->ncols[row]; i++)
			if (!str_eq(f[i], r->g->c[row][i]))
				break;
		if (i == n)
			return (long)row;
	}
	return -1;
}

/* Asserts that the cell at (key, col) is `want`. */
static void
expect(const struct res *r, const char *key, const char *col,
    const char *want)
{
	long row = rowno(r, key), c = colno(r, col);

	ck_assert_msg(row > 0, "no row \"%s\" in:\n%s", key, r->csv);
	ck_assert_msg(c >= 0, "no column \"%s\" in:\n%s", col, r->csv);
	ck_assert_msg((size_t)c < r->g->ncols[row], "short row \"%s\"", key);
	ck_assert_msg(strcmp(r->g->c[row][c], want) == 0,
	    "%s / %s is \"%s\", want \"%s\", in:\n%s", key, col,
	    r->g->c[row][c], want, r->csv);
}

/* Asserts several columns of one row: pairs of column, value, NULL. */
static void
expect_row(const struct res *r, const char *key, ...)
{
	va_list ap;
	const char *col, *want;

	va_start(ap, key);
	while ((col = va_arg(ap, const char *)) != NULL) {
		want = va_arg(ap, const char *);
		expect(r, key, col, want);
	}
	va_end(ap);
}

/* The number of data rows. */
static size_t
nrows(const struct res *r)
{
	return r->g->nrows - 1;
}

/* Field `c` of data row `row` (1-based, as in the grid). */
static const char *
fld(const struct res *r, size_t row, size_t c)
{
	ck_assert(row < r->g->nrows && c < r->g->ncols[row]);
	return r->g->c[row][c];
}

/* ---- Bands ---- */

static const char *const band_rows[] = {
	"p1,4,reading,2025-26.summer,WTS",
	"p2,4,reading,2025-26.summer,EXS",
	"p3,4,reading,2025-26.summer,exs",
	"p4,4,reading,2025-26.summer,Greater depth",
	"p5,4,reading,2025-26.summer,A",
	"p6,4,reading,2025-26.summer,D",
	"p7,4,reading,2025-26.summer,PK3",
	"p1,4,maths,2025-26.summer,EXS",
	NULL
};

START_TEST(bands)
{
	struct summary_opts o = opts();
	track_summary *m = run(def, &o, "pupil,year,subject,point,value",
	    band_rows);
	struct res r;

	result(m, &r);
	/*
	 * reading: n counts everyone but the excluded (6); A counts as not
	 * at the standard.  Subjects in scheme order.
	 */
	ck_assert_str_eq(r.csv,
	    "subject,measure,point,n,below,pct_below,at,pct_at,above,"
	    "pct_above,pct_at_or_above,not_assessed,excluded,mean,median,"
	    "pct_full_marks\n"
	    "reading,ta,2025-26.summer,6,2,33.3,2,33.3,1,16.7,50.0,1,1,,,\n"
	    "maths,ta,2025-26.summer,1,0,0.0,1,100.0,0,0.0,100.0,0,0,,,\n");
	ck_assert_uint_eq(summary_rows_shown(m), 2);
	res_free(&r);
	summary_free(m);
}
END_TEST

START_TEST(labels)
{
	struct summary_opts o = opts();
	track_summary *m = run(def, &o, "pupil,year,subject,point,value",
	    band_rows);
	struct res r;
	char *tab;
	json_t *rows, *row0;

	result(m, &r);
	/* A table shows labels and whole percentages. */
	tab = render(r.t, TRACK_FMT_TABLE);
	ck_assert_msg(strncmp(tab, "Subject  Measure             Point",
	    34) == 0, "%s", tab);
	ck_assert(strstr(tab, "Reading  Teacher assessment  Summer 2025-26")
	    != NULL);
	ck_assert(strstr(tab, "Below expected") != NULL);
	ck_assert(strstr(tab, "% at or above") != NULL);
	ck_assert(strstr(tab, "Not assessed") != NULL);
	ck_assert(strstr(tab, "33.3") == NULL);
	ck_assert(strstr(tab, "  33  ") != NULL);
	ck_assert(strstr(tab, "  17  ") != NULL);
	/* Columns with nothing in them (mean, median) are left out. */
	ck_assert(strstr(tab, "Mean") == NULL);
	free(tab);
	/* JSON: ids with labels beside them, numbers as numbers. */
	rows = rtable_json(r.t);
	row0 = json_array_get(rows, 0);
	ck_assert_str_eq(json_string_value(json_object_get(row0, "subject")),
	    "reading");
	ck_assert_str_eq(json_string_value(json_object_get(row0,
	    "subject_label")), "Reading");
	ck_assert_str_eq(json_string_value(json_object_get(row0,
	    "point_label")), "Summer 2025-26");
	ck_assert_int_eq(json_integer_value(json_object_get(row0, "n")), 6);
	ck_assert(json_real_value(json_object_get(row0, "pct_below")) ==
	    33.3);
	ck_assert(json_is_null(json_object_get(row0, "mean")));
	json_decref(rows);
	/* The description. */
	ck_assert_str_eq(json_string_value(json_object_get(r.meta, "report")),
	    "summary");
	ck_assert_str_eq(json_string_value(json_object_get(r.meta, "kind")),
	    "overview");
	ck_assert_str_eq(json_string_value(json_object_get(r.meta, "scheme")),
	    "England primary");
	ck_assert_uint_eq(json_array_size(json_object_get(r.meta, "points")),
	    1);
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(
	    json_object_get(r.meta, "points"), 0), "id")), "2025-26.summer");
	ck_assert_int_eq(json_integer_value(json_object_get(r.meta,
	    "min_group")), 0);
	ck_assert_str_eq(json_string_value(json_object_get(r.meta,
	    "suppressed_marker")), "c");
	res_free(&r);
	summary_free(m);
}
END_TEST

START_TEST(scores)
{
	static const char *const rows[] = {
		"p1,maths,2025-26.summer,nfer,94",
		"p2,maths,2025-26.summer,nfer,95",
		"p3,maths,2025-26.summer,nfer,104",
		"p4,maths,2025-26.summer,nfer,115",
		"p5,maths,2025-26.summer,nfer,120",
		"p6,maths,2025-26.summer,nfer,B",
		"p7,maths,2025-26.summer,nfer,Q",
		"p1,reading,2025-26.summer,nfer,100",
		"p2,reading,2025-26.summer,nfer,101",
		"p3,reading,2025-26.summer,nfer,90",
		"p4,reading,2025-26.summer,nfer,<70",
		"p1,maths,2025-26.summer,ta,EXS",
		NULL
	};
	struct summary_opts o = opts();
	track_summary *m = run(def, &o, "pupil,subject,point,measure,value",
	    rows);
	struct res r;

	result(m, &r);
	/* B counts in n as not at; Q is left out; neither has a score. */
	expect_row(&r, "maths,nfer,2025-26.summer", "n", "6", "below", "1",
	    "pct_below", "16.7", "at", "2", "pct_at", "33.3", "above", "2",
	    "pct_above", "33.3", "pct_at_or_above", "66.7", "not_assessed",
	    "1", "excluded", "1", "mean", "105.6", "median", "104",
	    "pct_full_marks", "", NULL);
	/* An even count: the median is the mean of the middle two. */
	expect_row(&r, "reading,nfer,2025-26.summer", "n", "4", "mean",
	    "90.3", "median", "95", "pct_at_or_above", "50.0", NULL);
	/* Teacher assessment and the test are separate rows, ta first. */
	ck_assert_int_lt(rowno(&r, "maths,ta,2025-26.summer"),
	    rowno(&r, "maths,nfer,2025-26.summer"));
	expect_row(&r, "maths,ta,2025-26.summer", "n", "1", "mean", "",
	    NULL);
	res_free(&r);
	summary_free(m);
}
END_TEST

START_TEST(mtc_no_bands)
{
	static const char *const rows[] = {
		"p1,maths,mtc,mtc,25",
		"p2,maths,mtc,mtc,25",
		"p3,maths,mtc,mtc,20",
		"p4,maths,mtc,mtc,10",
		"p5,maths,mtc,mtc,A",
		"p6,maths,mtc,mtc,J",
		NULL
	};
	struct summary_opts o = opts();
	track_summary *m = run(def, &o, "pupil,subject,point,measure,value",
	    rows);
	struct res r;

	result(m, &r);
	/* No bands: no band figures; the mean, the median and % full marks
	 * (25 of 25) instead. */
	expect_row(&r, "maths,mtc,mtc", "n", "5", "below", "", "pct_below",
	    "", "at", "", "pct_at_or_above", "", "not_assessed", "1",
	    "excluded", "1", "mean", "20.0", "median", "22.5",
	    "pct_full_marks", "40.0", NULL);
	res_free(&r);
	summary_free(m);
}
END_TEST

START_TEST(last_wins)
{
	static const char *const rows[] = {
		"p1,Y,reading,2025-26.summer,ta,WTS",
		"p2,Y,reading,2025-26.summer,ta,WTS",
		"p3,N,reading,2025-26.summer,ta,EXS",
		/* Corrections, appended. */
		"p1,Y,reading,2025-26.summer,ta,GDS",
		"p2,N,reading,2025-26.summer,ta,EXS",
		"p3,N,reading,2025-26.summer,,D",
		/* Another measure is another identity. */
		"p1,Y,reading,2025-26.summer,nfer,90",
		NULL
	};
	struct summary_opts o = opts();
	track_summary *m;
	struct res r;

	o.by = "pp";
	m = run(def, &o, "pupil,pp,subject,point,measure,value", rows);
	result(m, &r);
	/* p1 only counts as above; p2 moved to N with EXS; p3 is now
	 * excluded. */
	expect_row(&r, "reading,ta,2025-26.summer,Y", "n", "1", "below", "0",
	    "above", "1", "pct_at_or_above", "100.0", NULL);
	expect_row(&r, "reading,ta,2025-26.summer,N", "n", "1", "at", "1",
	    "excluded", "1", "pct_at_or_above", "100.0", NULL);
	expect_row(&r, "reading,nfer,2025-26.summer,Y", "n", "1", "below",
	    "1", NULL);
	ck_assert_uint_eq(nrows(&r), 3);
	res_free(&r);
	summary_free(m);
}
END_TEST

/* ---- Points ---- */

START_TEST(default_point)
{
	static const char *const rows[] = {
		"p1,reading,ks1,EXS",
		"p1,reading,2025-26.autumn,WTS",
		"p1,reading,2025-26.spring,EXS",
		"p2,reading,2025-26.spring,GDS",
		/* Earlier terms, a statutory point after spring, and an
		 * unknown point: none of them is the default. */
		"p2,reading,2025-26.autumn,WTS",
		"p3,reading,2025-26.ks2,WTS",
		"p3,reading,week 40,WTS",
		"p4,reading,2024-25.summer,WTS",
		NULL
	};
	struct summary_opts o = opts();
	track_summary *m = run(def, &o, "pupil,subject,point,value", rows);
	struct res r;
	char seen[200];

	result(m, &r);
	/* The latest termly point. */
	ck_assert_uint_eq(nrows(&r), 1);
	expect_row(&r, "reading,ta,2025-26.spring", "n", "2", "at", "1",
	    "above", "1", "below", "0", NULL);
	ck_assert_int_eq(summary_points_seen(m, seen, sizeof seen), 0);
	ck_assert_str_eq(seen, "ks1, 2024-25.summer, 2025-26.autumn, "
	    "2025-26.spring, 2025-26.ks2, week 40");
	/* Cut short with "..." when it does not fit. */
	ck_assert_int_eq(summary_points_seen(m, seen, 16), 0);
	ck_assert_str_eq(seen, "ks1, 2024-25...");
	res_free(&r);
	summary_free(m);
}
END_TEST

START_TEST(default_point_no_terms)
{
	static const char *const rows[] = {
		"p1,reading,2025-26.ks2,EXS",
		"p1,reading,ks1,WTS",
		"p2,reading,ks1,WTS",
		NULL
	};
	struct summary_opts o = opts();
	track_summary *m = run(def, &o, "pupil,subject,point,value", rows);
	struct res r;

	result(m, &r);
	/* No term: the latest point. */
	ck_assert_uint_eq(nrows(&r), 1);
	expect_row(&r, "reading,ta,2025-26.ks2", "n", "1", "at", "1", NULL);
	res_free(&r);
	summary_free(m);
}
END_TEST

START_TEST(point_option)
{
	static const char *const rows[] = {
		"p1,reading,2025-26.autumn,WTS",
		"p1,reading,2025-26.summer,EXS",
		"p2,reading,Autumn 2025/26,GDS",
		"p2,maths,2025-26.summer,GDS",
		NULL
	};
	struct summary_opts o = opts();
	track_summary *m;
	struct res r;
	char seen[200];

	o.point = "2025/26 Aut";
	m = run(def, &o, "pupil,subject,point,value", rows);
	result(m, &r);
	ck_assert_uint_eq(nrows(&r), 1);
	expect_row(&r, "reading,ta,2025-26.autumn", "n", "2", "below", "1",
	    "above", "1", NULL);
	res_free(&r);
	summary_free(m);

	/* A point the input does not have: an empty table. */
	o.point = "2025-26.spring";
	m = run(def, &o, "pupil,subject,point,value", rows);
	result(m, &r);
	ck_assert_uint_eq(nrows(&r), 0);
	ck_assert_uint_eq(summary_rows_shown(m), 0);
	ck_assert_int_eq(summary_points_seen(m, seen, sizeof seen), 0);
	ck_assert_msg(strstr(seen, "2025-26.autumn") != NULL &&
	    strstr(seen, "2025-26.summer") != NULL, "%s", seen);
	res_free(&r);
	summary_free(m);
}
END_TEST

START_TEST(over_points)
{
	static const char *const rows[] = {
		"p1,reading,2025-26.summer,EXS",
		"p1,reading,2025-26.autumn,WTS",
		"p2,reading,2025-26.autumn,EXS",
		"p1,reading,ks1,GDS",
		NULL
	};
	struct summary_opts o = opts();
	track_summary *m;
	struct res r;

	o.over = 1;
	m = run(def, &o, "pupil,subject,point,value", rows);
	result(m, &r);
	/* Every point, in scheme order. */
	ck_assert_uint_eq(nrows(&r), 3);
	ck_assert_str_eq(fld(&r, 1, 2), "ks1");
	ck_assert_str_eq(fld(&r, 2, 2), "2025-26.autumn");
	ck_assert_str_eq(fld(&r, 3, 2), "2025-26.summer");
	expect_row(&r, "reading,ta,2025-26.autumn", "n", "2", "below", "1",
	    "at", "1", NULL);
	expect_row(&r, "reading,ta,2025-26.summer", "n", "1", "at", "1",
	    NULL);
	ck_assert_uint_eq(json_array_size(json_object_get(r.meta, "points")),
	    3);
	res_free(&r);
	summary_free(m);
}
END_TEST

/* ---- Groups ---- */

START_TEST(by_year)
{
	static const char *const rows[] = {
		"p1,,reading,2025-26.summer,EXS",
		"p2,Year 4,reading,2025-26.summer,EXS",
		"p3,3,reading,2025-26.summer,WTS",
		"p4,R,reading,2025-26.summer,GDS",
		"p5,Y3,reading,2025-26.summer,EXS",
		"p6,Reception,maths,2025-26.summer,EXS",
		NULL
	};
	struct summary_opts o = opts();
	track_summary *m;
	struct res r;
	char *tab;

	o.by = "year";
	m = run(def, &o, "pupil,year,subject,point,value", rows);
	result(m, &r);
	/* Scheme order (R before 3 before 4), canonical ids, blank last. */
	ck_assert_uint_eq(nrows(&r), 5);
	ck_assert_str_eq(fld(&r, 1, 3), "R");
	ck_assert_str_eq(fld(&r, 2, 3), "3");
	ck_assert_str_eq(fld(&r, 3, 3), "4");
	ck_assert_str_eq(fld(&r, 4, 3), "");
	ck_assert_str_eq(fld(&r, 5, 0), "maths");
	expect_row(&r, "reading,ta,2025-26.summer,3", "n", "2", "below", "1",
	    "at", "1", "pct_at_or_above", "50.0", NULL);
	expect_row(&r, "reading,ta,2025-26.summer,R", "n", "1", "above", "1",
	    NULL);
	expect_row(&r, "reading,ta,2025-26.summer,", "n", "1", "at", "1",
	    NULL);
	/* Labels: "Year", "Year 3", and "Unknown" for the blank. */
	tab = render(r.t, TRACK_FMT_TABLE);
	ck_assert(strstr(tab, "Year ") != NULL);
	ck_assert(strstr(tab, "Reception") != NULL);
	ck_assert(strstr(tab, "Year 3") != NULL);
	ck_assert(strstr(tab, "Unknown") != NULL);
	ck_assert_msg(strstr(tab, "Year 4") < strstr(tab, "Unknown"), "%s",
	    tab);
	free(tab);
	res_free(&r);
	summary_free(m);
}
END_TEST

START_TEST(by_group)
{
	static const char *const rows[] = {
		"p1,,F,reading,2025-26.summer,EXS",
		"p2,No,M,reading,2025-26.summer,EXS",
		"p3,maybe,Boy,reading,2025-26.summer,WTS",
		"p4,Yes,,reading,2025-26.summer,GDS",
		"p5,PP,Girl,reading,2025-26.summer,EXS",
		"p6,0,M,reading,2025-26.summer,WTS",
		NULL
	};
	struct summary_opts o = opts();
	track_summary *m;
	struct res r;

	o.by = "pp,Gender";
	m = run(def, &o, "pupil,pp,gender,subject,point,value", rows);
	result(m, &r);
	/* pp in scheme order (Y, N), then values the scheme does not know,
	 * then blank; gender F, M, blank within each. */
	ck_assert_str_eq(r.g->c[0][3], "pp");
	ck_assert_str_eq(r.g->c[0][4], "gender");
	ck_assert_uint_eq(nrows(&r), 5);
	ck_assert_str_eq(fld(&r, 1, 3), "Y");
	ck_assert_str_eq(fld(&r, 1, 4), "F");
	ck_assert_str_eq(fld(&r, 2, 3), "Y");
	ck_assert_str_eq(fld(&r, 2, 4), "");
	ck_assert_str_eq(fld(&r, 3, 3), "N");
	ck_assert_str_eq(fld(&r, 3, 4), "M");
	ck_assert_str_eq(fld(&r, 4, 3), "maybe");
	ck_assert_str_eq(fld(&r, 4, 4), "M");
	ck_assert_str_eq(fld(&r, 5, 3), "");
	ck_assert_str_eq(fld(&r, 5, 4), "F");
	expect_row(&r, "reading,ta,2025-26.summer,N,M", "n", "2", "below",
	    "1", "at", "1", NULL);
	expect_row(&r, "reading,ta,2025-26.summer,Y,F", "n", "1", "at", "1",
	    NULL);
	res_free(&r);
	summary_free(m);
}
END_TEST

START_TEST(by_raw)
{
	static const char *const rows[] = {
		"p1,4a,reading,2025-26.summer,EXS",
		"p2,10C,reading,2025-26.summer,EXS",
		"p3, 3B ,reading,2025-26.summer,WTS",
		"p4,3B,reading,2025-26.summer,GDS",
		NULL
	};
	struct summary_opts o = opts();
	track_summary *m;
	struct res r;

	o.by = "class";
	m = run(def, &o, "pupil,class,subject,point,value", rows);
	result(m, &r);
	/* Any other column: trimmed values in byte order. */
	ck_assert_uint_eq(nrows(&r), 3);
	ck_assert_str_eq(fld(&r, 1, 3), "10C");
	ck_assert_str_eq(fld(&r, 2, 3), "3B");
	ck_assert_str_eq(fld(&r, 3, 3), "4a");
	expect_row(&r, "reading,ta,2025-26.summer,3B", "n", "2", NULL);
	res_free(&r);
	summary_free(m);
}
END_TEST

START_TEST(by_errors)
{
	struct summary_opts o = opts();
	track_summary *m = NULL;
	track_error err;

	o.by = "class";
	ck_assert_int_eq(summary_new(&m, def, &o, &err), 0);
	ck_assert_int_eq(bind(m, "pupil,subject,point,value", &err),
	    TRACK_EXIT_USAGE);
	ck_assert_str_eq(err.text, "--by: no column \"class\" in the input");
	summary_free(m);

	o.by = "year,Year";
	m = (track_summary *)1;
	ck_assert_int_eq(summary_new(&m, def, &o, &err), TRACK_EXIT_USAGE);
	ck_assert_ptr_null(m);
	ck_assert_str_eq(err.text, "--by: \"Year\" given twice");

	o.by = "prior=";
	ck_assert_int_eq(summary_new(&m, def, &o, &err), TRACK_EXIT_USAGE);
	ck_assert_str_eq(err.text,
	    "--by prior= needs a point, e.g. prior=ks1");

	/* A missing required column is bad data. */
	o.by = NULL;
	ck_assert_int_eq(summary_new(&m, def, &o, &err), 0);
	ck_assert_int_eq(bind(m, "pupil,subject,value", &err),
	    TRACK_EXIT_DATA);
	ck_assert(strstr(err.text, "no \"point\" column") != NULL);
	summary_free(m);
	summary_free(NULL);
}
END_TEST

START_TEST(bad_rows)
{
	struct summary_opts o = opts();
	track_summary *m = NULL;
	track_error err;
	char store[256];
	track_str f[FX_MAXF];

	ck_assert_int_eq(summary_new(&m, def, &o, &err), 0);
	ck_assert_int_eq(bind(m, "pupil,subject,point,value", &err), 0);
	fx_split("p1,reading,2025-26.summer,EXPT", store, sizeof store, f);
	ck_assert_int_eq(summary_row(m, f, &err), TRACK_EXIT_DATA);
	ck_assert_str_eq(err.text,
	    "unknown descriptor \"EXPT\" for reading (did you mean EXS?)");
	fx_split("p1,reading,2025-26.summer,EXS", store, sizeof store, f);
	ck_assert_int_eq(summary_row(m, f, &err), 0);
	summary_free(m);
}
END_TEST

/* ---- Combined subjects ---- */

static const char *const rwm_rows[] = {
	"p1,reading,2025-26.summer,EXS",
	"p1,writing,2025-26.summer,GDS",
	"p1,maths,2025-26.summer,EXS",
	"p2,reading,2025-26.summer,GDS",
	"p2,writing,2025-26.summer,WTS",
	"p2,maths,2025-26.summer,EXS",
	"p3,reading,2025-26.summer,EXS",	/* no maths */
	"p3,writing,2025-26.summer,EXS",
	"p4,reading,2025-26.summer,A",
	"p4,writing,2025-26.summer,EXS",
	"p4,maths,2025-26.summer,EXS",
	"p5,reading,2025-26.summer,D",
	"p5,writing,2025-26.summer,EXS",
	"p5,maths,2025-26.summer,GDS",
	"p6,reading,2025-26.summer,GDS",
	"p6,writing,2025-26.summer,GDS",
	"p6,maths,2025-26.summer,GDS",
	NULL
};

START_TEST(combine)
{
	static const char *const comb[] = { "rwm=reading+writing+maths" };
	struct summary_opts o = opts();
	track_summary *m;
	struct res r;
	char *tab;

	o.combine = comb;
	o.ncombine = 1;
	m = run(def, &o, "pupil,subject,point,value", rwm_rows);
	result(m, &r);
	/*
	 * The lowest band of the parts; p3 (no maths) is not counted; a
	 * not-assessed part makes the pupil not assessed, an excluded part
	 * excluded.
	 */
	expect_row(&r, "rwm,ta,2025-26.summer", "n", "4", "below", "1",
	    "at", "1", "above", "1", "not_assessed", "1", "excluded", "1",
	    "pct_below", "25.0", "pct_at_or_above", "50.0", NULL);
	/* The parts are still there, and the combination comes last. */
	expect_row(&r, "reading,ta,2025-26.summer", "n", "5", NULL);
	expect_row(&r, "maths,ta,2025-26.summer", "n", "5", NULL);
	ck_assert_uint_eq(nrows(&r), 4);
	ck_assert_str_eq(fld(&r, 4, 0), "rwm");
	tab = render(r.t, TRACK_FMT_TABLE);
	ck_assert(strstr(tab, "RWM ") != NULL);
	free(tab);
	res_free(&r);
	summary_free(m);
}
END_TEST

START_TEST(combine_errors)
{
	static const struct {
		const char *spec, *want;
	} cases[] = {
		{ "rwm", "--combine \"rwm\": write NAME=SUBJECT+SUBJECT..., "
		    "e.g. rwm=reading+writing+maths" },
		{ "=reading+maths", "--combine \"=reading+maths\": write "
		    "NAME=SUBJECT+SUBJECT..., e.g. rwm=reading+writing+maths" },
		{ "rwm=reading+readin", "--combine: unknown subject "
		    "\"readin\"" },
		{ "rwm=reading:ta+maths:nope", "--combine: unknown measure "
		    "\"nope\"" },
		{ "rwm=reading", "--combine \"rwm=reading\": a combined "
		    "subject needs two parts or more" },
		{ "Maths=reading+writing", "--combine: \"Maths\" is already "
		    "a subject; choose another name" },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct summary_opts o = opts();
		track_summary *m = (track_summary *)1;
		track_error err;

		o.combine = &cases[i].spec;
		o.ncombine = 1;
		ck_assert_int_eq(summary_new(&m, def, &o, &err),
		    TRACK_EXIT_USAGE);
		ck_assert_ptr_null(m);
		ck_assert_str_eq(err.text, cases[i].want);
	}
	{
		static const char *const two[] = { "rw=reading+writing",
		    "rw=reading+maths" };
		struct summary_opts o = opts();
		track_summary *m;
		track_error err;

		o.combine = two;
		o.ncombine = 2;
		ck_assert_int_eq(summary_new(&m, def, &o, &err),
		    TRACK_EXIT_USAGE);
		ck_assert_str_eq(err.text, "--combine: \"rw\" given twice");
	}
}
END_TEST

static const char *const ks2_rows[] = {
	"p1,reading,2025-26.ks2,ks2,105",
	"p1,writing,2025-26.ks2,ta,EXS",
	"p1,maths,2025-26.ks2,ks2,111",
	"p2,reading,2025-26.ks2,ks2,112",
	"p2,writing,2025-26.ks2,ta,GDS",
	"p2,maths,2025-26.ks2,ks2,110",
	"p3,reading,2025-26.ks2,ks2,99",
	"p3,writing,2025-26.ks2,ta,EXS",
	"p3,maths,2025-26.ks2,ks2,100",
	/* Teacher assessment for reading is another measure: not a part. */
	"p4,reading,2025-26.ks2,ta,EXS",
	"p4,writing,2025-26.ks2,ta,EXS",
	"p4,maths,2025-26.ks2,ks2,100",
	NULL
};

START_TEST(combine_measures_benchmark)
{
	static const char *const comb[] = {
		"rwm=reading:ks2+writing:ta+maths:ks2"
	};
	struct summary_opts o = opts();
	track_summary *m;
	struct res r;

	o.combine = comb;
	o.ncombine = 1;
	o.benchmark = "national-ks2-2025";
	m = run(def, &o, "pupil,subject,point,measure,value", ks2_rows);
	result(m, &r);
	/* DfE's headline: tests with writing TA.  p4 has no reading test. */
	expect_row(&r, "rwm,ks2+ta+ks2,2025-26.ks2", "n", "3", "below", "1",
	    "at", "1", "above", "1", "pct_at_or_above", "66.7", "benchmark",
	    "62", "diff", "4.7", NULL);
	/* Reading test: 2 of 3 at or above against 75%. */
	expect_row(&r, "reading,ks2,2025-26.ks2", "n", "3", "pct_at_or_above",
	    "66.7", "benchmark", "75", "diff", "-8.3", "mean", "105.3",
	    "median", "105", NULL);
	/* Writing TA: 4 of 4 against 72%. */
	expect_row(&r, "writing,ta,2025-26.ks2", "n", "4", "pct_at_or_above",
	    "100.0", "benchmark", "72", "diff", "28.0", NULL);
	/* No figure for reading TA. */
	expect_row(&r, "reading,ta,2025-26.ks2", "n", "1", "benchmark", "",
	    "diff", "", NULL);
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(
	    r.meta, "benchmark"), "id")), "national-ks2-2025");
	res_free(&r);
	summary_free(m);
}
END_TEST

START_TEST(benchmark_unknown)
{
	struct summary_opts o = opts();
	track_summary *m = (track_summary *)1;
	track_error err;

	o.benchmark = "national";
	ck_assert_int_eq(summary_new(&m, def, &o, &err), TRACK_EXIT_USAGE);
	ck_assert_ptr_null(m);
	ck_assert_str_eq(err.text, "--benchmark: the scheme has no benchmark "
	    "\"national\" (it has: national-ks2-2025)");
	ck_assert_int_eq(summary_new(&m, besp, &o, &err), TRACK_EXIT_USAGE);
	ck_assert_str_eq(err.text, "--benchmark: the scheme has no benchmark "
	    "\"national\" (it has: none)");
}
END_TEST

/* ---- The roll ---- */

START_TEST(roll_missing)
{
	static const char *const rl[] = {
		"p1,Ann,Y", "p2,Bob,N", "p3,Cy,N", "p4,Di,Y", "p5,Ed,", NULL
	};
	static const char *const rows[] = {
		"p1,reading,2025-26.summer,EXS",
		"p2,reading,2025-26.summer,WTS",
		"p3,reading,2025-26.summer,GDS",
		"p4,writing,2025-26.summer,EXS",
		"p9,reading,2025-26.summer,EXS",	/* not on the roll */
		NULL
	};
	struct summary_opts o = opts();
	track_summary *m = NULL;
	track_error err;
	struct res r;

	o.pupils = 1;
	ck_assert_int_eq(summary_new(&m, def, &o, &err), 0);
	roll(m, "pupil,name,pp", rl);
	ck_assert_int_eq(bind(m, "pupil,subject,point,value", &err), 0);
	feed(m, 4, rows);
	ck_assert_uint_eq(summary_off_roll(m), 1);
	result(m, &r);
	/* The roll is the denominator: p4 and p5 are missing reading. */
	expect_row(&r, "reading,ta,2025-26.summer", "n", "5", "below", "1",
	    "pct_below", "20.0", "at", "1", "above", "1", "pct_at_or_above",
	    "40.0", "missing", "2", "pct_missing", "40.0", "pupils_missing",
	    "Di;Ed", "pupils_at", "Ann", "pupils_below", "Bob", NULL);
	expect_row(&r, "writing,ta,2025-26.summer", "n", "5", "at", "1",
	    "missing", "4", "pct_missing", "80.0", "pct_at_or_above", "20.0",
	    "pupils_missing", "Ann;Bob;Cy;Ed", NULL);
	ck_assert(json_is_true(json_object_get(r.meta, "roll")));
	res_free(&r);
	summary_free(m);
}
END_TEST

/*
 * With --over each point is its own slice: a pupil on the roll is missing
 * at a point where they have no record, even with one at another.
 */
START_TEST(roll_over)
{
	static const char *const rl[] = { "p1,Ann", "p2,Bob", "p3,Cy", NULL };
	static const char *const rows[] = {
		"p1,reading,2025-26.spring,EXS",
		"p2,reading,2025-26.spring,WTS",
		"p1,reading,2025-26.summer,GDS",
		"p3,reading,2025-26.summer,EXS",
		NULL
	};
	struct summary_opts o = opts();
	track_summary *m = NULL;
	track_error err;
	struct res r;

	o.pupils = 1;
	o.over = 1;
	ck_assert_int_eq(summary_new(&m, def, &o, &err), 0);
	roll(m, "pupil,name", rl);
	ck_assert_int_eq(bind(m, "pupil,subject,point,value", &err), 0);
	feed(m, 4, rows);
	result(m, &r);
	expect_row(&r, "reading,ta,2025-26.spring", "n", "3", "below", "1",
	    "at", "1", "missing", "1", "pupils_missing", "Cy", NULL);
	expect_row(&r, "reading,ta,2025-26.summer", "n", "3", "at", "1",
	    "above", "1", "missing", "1", "pupils_missing", "Bob", NULL);
	res_free(&r);
	summary_free(m);
}
END_TEST

START_TEST(roll_groups)
{
	static const char *const rl[] = {
		"p1,Y", "p2,N", "p3,N", "p4,Y", "p5,", NULL
	};
	static const char *const rows[] = {
		"p1,Y,reading,2025-26.summer,EXS",
		"p2,N,reading,2025-26.summer,WTS",
		NULL
	};
	struct summary_opts o = opts();
	track_summary *m = NULL;
	track_error err;
	struct res r;

	o.by = "pp";
	ck_assert_int_eq(summary_new(&m, def, &o, &err), 0);
	roll(m, "pupil,pp", rl);
	ck_assert_int_eq(bind(m, "pupil,pp,subject,point,value", &err), 0);
	feed(m, 5, rows);
	result(m, &r);
	/* Missing pupils go in their group from the roll. */
	expect_row(&r, "reading,ta,2025-26.summer,Y", "n", "2", "at", "1",
	    "missing", "1", NULL);
	expect_row(&r, "reading,ta,2025-26.summer,N", "n", "2", "below", "1",
	    "missing", "1", NULL);
	expect_row(&r, "reading,ta,2025-26.summer,", "n", "1", "missing",
	    "1", "pct_missing", "100.0", NULL);
	ck_assert_uint_eq(nrows(&r), 3);
	res_free(&r);
	summary_free(m);
}
END_TEST

START_TEST(roll_combine)
{
	static const char *const comb[] = { "rw=reading+writing" };
	static const char *const rl[] = {
		"p1", "p2", "p3", "p4", "p5", NULL
	};
	static const char *const rows[] = {
		"p1,reading,2025-26.summer,EXS",
		"p1,writing,2025-26.summer,GDS",
		"p2,reading,2025-26.summer,EXS",	/* no writing */
		"p3,reading,2025-26.summer,GDS",
		"p3,writing,2025-26.summer,WTS",
		"p4,writing,2025-26.summer,EXS",	/* no reading */
		NULL
	};
	struct summary_opts o = opts();
	track_summary *m = NULL;
	track_error err;
	struct res r;

	o.combine = comb;
	o.ncombine = 1;
	ck_assert_int_eq(summary_new(&m, def, &o, &err), 0);
	roll(m, "pupil", rl);
	ck_assert_int_eq(bind(m, "pupil,subject,point,value", &err), 0);
	feed(m, 4, rows);
	result(m, &r);
	/* With a roll, a pupil missing a part counts as missing. */
	expect_row(&r, "rw,ta,2025-26.summer", "n", "5", "at", "1", "below",
	    "1", "missing", "3", "pct_missing", "60.0", "pct_at_or_above",
	    "20.0", NULL);
	expect_row(&r, "reading,ta,2025-26.summer", "n", "5", "missing", "2",
	    NULL);
	res_free(&r);
	summary_free(m);
}
END_TEST

START_TEST(roll_errors)
{
	struct summary_opts o = opts();
	track_summary *m = NULL;
	track_error err;
	char store[64];
	track_str f[FX_MAXF];
	size_t n;

	ck_assert_int_eq(summary_new(&m, def, &o, &err), 0);
	n = fx_split("name,pp", store, sizeof store, f);
	ck_assert_int_eq(summary_roll_bind(m, f, n, &err), TRACK_EXIT_USAGE);
	ck_assert_str_eq(err.text, "--roll: no \"pupil\" column in the roll "
	    "(its columns are: name, pp); make one with track-import --rename "
	    "COLUMN=pupil");
	summary_free(m);

	ck_assert_int_eq(summary_new(&m, def, &o, &err), 0);
	n = fx_split("pupil,name", store, sizeof store, f);
	ck_assert_int_eq(summary_roll_bind(m, f, n, &err), 0);
	fx_split(",Ann", store, sizeof store, f);
	ck_assert_int_eq(summary_roll_row(m, f, &err), TRACK_EXIT_DATA);
	ck_assert_str_eq(err.text, "blank pupil in the roll");
	summary_free(m);
}
END_TEST

/* ---- Suppression ---- */

static const char *const supp_rows[] = {
	"p1,Y,reading,2025-26.summer,EXS",
	"p2,Y,reading,2025-26.summer,WTS",
	"p3,N,reading,2025-26.summer,EXS",
	"p4,N,reading,2025-26.summer,EXS",
	"p5,N,reading,2025-26.summer,GDS",
	"p6,N,reading,2025-26.summer,WTS",
	"p7,N,reading,2025-26.summer,EXS",
	"p8,,reading,2025-26.summer,EXS",
	"p9,,reading,2025-26.summer,EXS",
	"p10,,reading,2025-26.summer,WTS",
	"p11,,reading,2025-26.summer,D",
	NULL
};

/* Asserts that every figure of a row is "c". */
static void
expect_suppressed(const struct res *r, const char *key)
{
	static const char *const cols[] = {
		"n", "below", "pct_below", "at", "pct_at", "above",
		"pct_above", "pct_at_or_above", "not_assessed", "excluded",
	};
	size_t i;

	for (i = 0; i < sizeof cols / sizeof cols[0]; i++)
		expect(r, key, cols[i], "c");
}

START_TEST(min_group)
{
	struct summary_opts o = opts();
	track_summary *m;
	struct res r;

	o.by = "pp";
	o.min_group = 3;
	m = run(def, &o, "pupil,pp,subject,point,value", supp_rows);
	result(m, &r);
	/*
	 * Y has 2 pupils: suppressed.  N (5) and Unknown (3) are not small,
	 * but the overview publishes the total, so without --totals too the
	 * smallest other group, Unknown, is hidden as a complement.
	 */
	expect_suppressed(&r, "reading,ta,2025-26.summer,Y");
	expect_suppressed(&r, "reading,ta,2025-26.summer,");
	expect_row(&r, "reading,ta,2025-26.summer,N", "n", "5", "at", "3",
	    "pct_at_or_above", "80.0", NULL);
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(
	    r.meta, "suppressed"), "small")), 1);
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(
	    r.meta, "suppressed"), "complements")), 1);
	ck_assert_int_eq(json_integer_value(json_object_get(r.meta,
	    "min_group")), 3);
	res_free(&r);
	summary_free(m);

	/* 0 never suppresses. */
	o.min_group = 0;
	m = run(def, &o, "pupil,pp,subject,point,value", supp_rows);
	result(m, &r);
	expect_row(&r, "reading,ta,2025-26.summer,Y", "n", "2", NULL);
	res_free(&r);
	summary_free(m);
}
END_TEST

START_TEST(min_group_secondary)
{
	struct summary_opts o = opts();
	track_summary *m;
	struct res r;
	char *tab;

	o.by = "pp";
	o.min_group = 3;
	o.totals = 1;
	m = run(def, &o, "pupil,pp,subject,point,value", supp_rows);
	result(m, &r);
	/*
	 * With the total published, Y (2) could be recovered as total - N -
	 * Unknown: the smallest other group, Unknown (3), goes too.
	 */
	expect_suppressed(&r, "reading,ta,2025-26.summer,Y");
	expect_suppressed(&r, "reading,ta,2025-26.summer,");
	expect_row(&r, "reading,ta,2025-26.summer,N", "n", "5", NULL);
	expect_row(&r, "reading,ta,2025-26.summer,all", "n", "10", "below",
	    "3", "at", "6", "above", "1", "excluded", "1", "pct_at_or_above",
	    "70.0", NULL);
	ck_assert_uint_eq(nrows(&r), 4);
	ck_assert_str_eq(fld(&r, 4, 3), "all");
	tab = render(r.t, TRACK_FMT_TABLE);
	ck_assert(strstr(tab, "All pupils") != NULL);
	free(tab);
	res_free(&r);
	summary_free(m);
}
END_TEST

START_TEST(min_group_scheme)
{
	static const char *const rows[] = {
		"p1,4,reading,summer,On track",
		"p2,4,reading,summer,On track",
		"p3,4,reading,summer,Working towards",
		"p4,4,reading,summer,Greater depth",
		"p5,4,reading,summer,Personal curriculum",
		"p6,4,maths,summer,On track",
		NULL
	};
	struct summary_opts o = opts();
	track_summary *m = run(besp, &o, "pupil,year,subject,point,value",
	    rows);
	struct res r;

	result(m, &r);
	/* The bespoke scheme suppresses groups under 5; its four bands. */
	expect_row(&r, "reading,ta,summer", "n", "5", "well-below", "1",
	    "pct_well-below", "20.0", "below", "1", "at", "2", "above", "1",
	    "pct_at_or_above", "60.0", NULL);
	expect_row(&r, "maths,ta,summer", "n", "c", "at", "c",
	    "pct_well-below", "c", NULL);
	res_free(&r);
	summary_free(m);
}
END_TEST

/* ---- Prior attainment ---- */

START_TEST(prior)
{
	static const char *const rows[] = {
		"p1,reading,ks1,ta,WTS",
		"p2,reading,ks1,ta,EXS",
		"p3,reading,ks1,ta,GDS",
		"p5,reading,ks1,ta,A",
		"p1,reading,2025-26.summer,ta,EXS",
		"p2,reading,2025-26.summer,ta,EXS",
		"p3,reading,2025-26.summer,ta,GDS",
		"p4,reading,2025-26.summer,ta,WTS",
		"p5,reading,2025-26.summer,ta,WTS",
		/* Teacher assessment beats a test, before or after it. */
		"p6,reading,ks1,ks1,95",
		"p6,reading,ks1,ta,EXS",
		"p7,reading,ks1,ta,EXS",
		"p7,reading,ks1,ks1,95",
		"p6,reading,2025-26.summer,ta,EXS",
		"p7,reading,2025-26.summer,ta,EXS",
		/* Only a test: its band. */
		"p8,reading,ks1,ks1,95",
		"p8,reading,2025-26.summer,ta,GDS",
		NULL
	};
	struct summary_opts o = opts();
	track_summary *m;
	struct res r;
	char *tab;

	o.by = "prior=ks1";
	m = run(def, &o, "pupil,subject,point,measure,value", rows);
	result(m, &r);
	ck_assert_str_eq(r.g->c[0][3], "prior");
	/* Bands in order, then no prior (p4) or a not-assessed one (p5). */
	ck_assert_uint_eq(nrows(&r), 4);
	ck_assert_str_eq(fld(&r, 1, 3), "below");
	ck_assert_str_eq(fld(&r, 2, 3), "at");
	ck_assert_str_eq(fld(&r, 3, 3), "above");
	ck_assert_str_eq(fld(&r, 4, 3), "");
	expect_row(&r, "reading,ta,2025-26.summer,below", "n", "2", "at",
	    "1", "above", "1", NULL);
	expect_row(&r, "reading,ta,2025-26.summer,at", "n", "3", "at", "3",
	    NULL);
	expect_row(&r, "reading,ta,2025-26.summer,above", "n", "1", "above",
	    "1", NULL);
	expect_row(&r, "reading,ta,2025-26.summer,", "n", "2", "below", "2",
	    NULL);
	tab = render(r.t, TRACK_FMT_TABLE);
	ck_assert_msg(strstr(tab, "Prior (Key stage 1)") != NULL, "%s", tab);
	ck_assert(strstr(tab, "Below expected") != NULL);
	free(tab);
	res_free(&r);
	summary_free(m);
}
END_TEST

START_TEST(prior_combined)
{
	static const char *const comb[] = { "rw=reading+writing" };
	static const char *const rows[] = {
		"p1,reading,ks1,GDS",
		"p1,writing,ks1,EXS",
		"p2,reading,ks1,GDS",
		"p2,writing,ks1,GDS",
		"p3,reading,ks1,GDS",		/* no writing at ks1 */
		"p1,reading,2025-26.summer,EXS",
		"p1,writing,2025-26.summer,EXS",
		"p2,reading,2025-26.summer,EXS",
		"p2,writing,2025-26.summer,EXS",
		"p3,reading,2025-26.summer,EXS",
		"p3,writing,2025-26.summer,EXS",
		NULL
	};
	struct summary_opts o = opts();
	track_summary *m;
	struct res r;

	o.by = "prior=ks1";
	o.combine = comb;
	o.ncombine = 1;
	m = run(def, &o, "pupil,subject,point,value", rows);
	result(m, &r);
	/* A combined prior is the lowest of the parts' priors. */
	expect_row(&r, "rw,ta,2025-26.summer,at", "n", "1", NULL);
	expect_row(&r, "rw,ta,2025-26.summer,above", "n", "1", NULL);
	expect_row(&r, "rw,ta,2025-26.summer,", "n", "1", NULL);
	expect_row(&r, "writing,ta,2025-26.summer,", "n", "1", NULL);
	res_free(&r);
	summary_free(m);
}
END_TEST

/* ---- Gaps ---- */

START_TEST(gap)
{
	static const char *const rows[] = {
		"p1,Y,reading,2025-26.summer,EXS",
		"p2,Yes,reading,2025-26.summer,WTS",
		"p3,N,reading,2025-26.summer,EXS",
		"p4,N,reading,2025-26.summer,EXS",
		"p5,No,reading,2025-26.summer,GDS",
		"p6,N,maths,2025-26.summer,GDS",
		NULL
	};
	struct summary_opts o = opts();
	track_summary *m;
	struct res r;

	o.gap = "pp=Yes:No";
	m = run(def, &o, "pupil,pp,subject,point,value", rows);
	result(m, &r);
	ck_assert_str_eq(r.csv,
	    "subject,measure,point,group_a,n_a,pct_a,group_b,n_b,pct_b,gap\n"
	    "reading,ta,2025-26.summer,Y,2,50.0,N,3,100.0,-50.0\n"
	    "maths,ta,2025-26.summer,Y,0,,N,1,100.0,\n");
	ck_assert_str_eq(json_string_value(json_object_get(r.meta, "kind")),
	    "gap");
	res_free(&r);
	summary_free(m);

	/*
	 * Small groups: "c" and no gap.  N is the only other group in
	 * reading, so it is hidden too: the overview publishes the total,
	 * and the total less N would be Y.
	 */
	o.min_group = 3;
	m = run(def, &o, "pupil,pp,subject,point,value", rows);
	result(m, &r);
	expect_row(&r, "reading,ta,2025-26.summer", "n_a", "c", "pct_a", "c",
	    "n_b", "c", "pct_b", "c", "gap", "c", NULL);
	res_free(&r);
	summary_free(m);
}
END_TEST

START_TEST(gap_errors)
{
	static const char *const bad[] = { "pp", "pp=Y", "=Y:N", "pp=:N",
	    "pp=Y:" };
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct summary_opts o = opts();
		track_summary *m = (track_summary *)1;
		track_error err;
		char want[128];

		o.gap = bad[i];
		ck_assert_int_eq(summary_new(&m, def, &o, &err),
		    TRACK_EXIT_USAGE);
		ck_assert_ptr_null(m);
		snprintf(want, sizeof want, "--gap \"%s\": write COLUMN=A:B, "
		    "e.g. pp=Y:N", bad[i]);
		ck_assert_str_eq(err.text, want);
	}
}
END_TEST

/* ---- Names ---- */

START_TEST(pupil_names)
{
	static const char *const rows[] = {
		"p2,Zoe,4,reading,2025-26.summer,EXS,",
		"p1,Al,4,reading,2025-26.summer,EXS,",
		"p3,,4,reading,2025-26.summer,EXS,3",
		"p4,Bo,4,reading,2025-26.summer,A,",
		"p5,Cy,4,reading,2025-26.summer,D,",
		NULL
	};
	struct summary_opts o = opts();
	track_summary *m;
	struct res r;
	json_t *rows_j;

	o.pupils = 1;
	m = run(def, &o, "pupil,name,year,subject,point,value,against",
	    rows);
	result(m, &r);
	/* Sorted names; the id when there is no name; out-of-year pupils
	 * with their own words; the excluded nowhere. */
	expect_row(&r, "reading,ta,2025-26.summer", "pupils_at", "Al;Zoe",
	    "pupils_below", "p3 (Y3 EXS)", "pupils_above", "",
	    "pupils_not_assessed", "Bo", NULL);
	ck_assert(strstr(r.csv, "Cy") == NULL);
	rows_j = rtable_json(r.t);
	ck_assert_uint_eq(json_array_size(json_object_get(json_array_get(
	    rows_j, 0), "pupils_at")), 2);
	json_decref(rows_j);
	res_free(&r);
	summary_free(m);
}
END_TEST

/* ---- Objectives ---- */

static const char *const obj_rows[] = {
	"p1,Ann,4,maths,summer,y4m-02,On track,",
	"p1,Ann,4,maths,summer,y4m-01,GD,",
	"p2,Bo,4,maths,summer,y4m-01,Working towards,",
	/* An earlier judgement after a later one does not count. */
	"p2,Bo,4,maths,spring,y4m-01,On track,",
	"p3,Cy,4,reading,summer,pb-01,On track,phonics-booster",
	"p3,Cy,4,reading,summer,pb-02,Working towards,phonics-booster",
	/* Judgements without an objective are not coverage. */
	"p1,Ann,4,maths,summer,,On track,",
	NULL
};

START_TEST(objectives)
{
	struct summary_opts o = opts();
	track_summary *m;
	struct res r;
	json_t *per, *x;
	size_t i;

	o.objectives = 1;
	o.min_group = 0;
	m = run(besp, &o, "pupil,name,year,subject,point,objective,value,"
	    "against", obj_rows);
	result(m, &r);
	ck_assert_str_eq(r.g->c[0][0], "subject");
	ck_assert_str_eq(r.g->c[0][1], "list");
	ck_assert_str_eq(r.g->c[0][2], "objective");
	ck_assert_str_eq(r.g->c[0][3], "label");
	/* Subjects in scheme order, objectives in list order. */
	ck_assert_uint_eq(nrows(&r), 4);
	expect_row(&r, "reading,phonics-booster,pb-01", "label",
	    "Give the sound for each grapheme taught so far", "n", "1",
	    "secure", "1", "pct_secure", "100.0", NULL);
	expect_row(&r, "reading,phonics-booster,pb-02", "n", "1", "secure",
	    "0", "pct_secure", "0.0", NULL);
	expect_row(&r, "maths,4,y4m-01", "label",
	    "Count in multiples of 6, 7, 9, 25 and 1000", "n", "2", "secure",
	    "1", "pct_secure", "50.0", NULL);
	expect_row(&r, "maths,4,y4m-02", "n", "1", "secure", "1", NULL);
	ck_assert_str_eq(fld(&r, 3, 2), "y4m-01");
	ck_assert_str_eq(fld(&r, 4, 2), "y4m-02");
	ck_assert_uint_eq(summary_rows_shown(m), 5);
	ck_assert_str_eq(json_string_value(json_object_get(r.meta, "kind")),
	    "objectives");
	/* Objectives secured per pupil. */
	per = json_object_get(r.meta, "per_pupil");
	ck_assert_uint_eq(json_array_size(per), 2);
	json_array_foreach(per, i, x) {
		const char *list = json_string_value(json_object_get(x,
		    "list"));
		json_t *d = json_object_get(x, "pupils_by_secured");

		if (strcmp(list, "4") == 0) {
			ck_assert_str_eq(json_string_value(json_object_get(x,
			    "subject")), "maths");
			ck_assert_int_eq(json_integer_value(json_object_get(x,
			    "objectives")), 12);
			ck_assert_int_eq(json_integer_value(json_object_get(d,
			    "2")), 1);
			ck_assert_int_eq(json_integer_value(json_object_get(d,
			    "0")), 1);
		} else {
			ck_assert_str_eq(list, "phonics-booster");
			ck_assert_str_eq(json_string_value(json_object_get(x,
			    "list_label")), "Phonics booster group");
			ck_assert_int_eq(json_integer_value(json_object_get(x,
			    "objectives")), 8);
			ck_assert_int_eq(json_integer_value(json_object_get(d,
			    "1")), 1);
		}
	}
	res_free(&r);
	summary_free(m);
}
END_TEST

START_TEST(objectives_point)
{
	struct summary_opts o = opts();
	track_summary *m;
	struct res r;

	/* At --point spring: the spring judgement; summer is later. */
	o.objectives = 1;
	o.min_group = 0;
	o.point = "spring";
	m = run(besp, &o, "pupil,name,year,subject,point,objective,value,"
	    "against", obj_rows);
	result(m, &r);
	ck_assert_uint_eq(nrows(&r), 1);
	expect_row(&r, "maths,4,y4m-01", "n", "1", "secure", "1",
	    "pct_secure", "100.0", NULL);
	res_free(&r);
	summary_free(m);
}
END_TEST

START_TEST(objectives_suppressed)
{
	struct summary_opts o = opts();
	track_summary *m;
	struct res r;
	track_writer *w;
	track_error err;
	int fd;

	/* The bespoke scheme's min_group (5) applies. */
	o.objectives = 1;
	o.pupils = 1;
	m = run(besp, &o, "pupil,name,year,subject,point,objective,value,"
	    "against", obj_rows);
	result(m, &r);
	expect_row(&r, "maths,4,y4m-01", "n", "c", "secure", "c",
	    "pct_secure", "c", "pupils_secure", "c", "pupils_not_secure", "c",
	    NULL);
	res_free(&r);
	/* Coverage has no partials. */
	fd = fx_temp_fd();
	ck_assert_int_eq(writer_open(&w, fd, TRACK_FMT_JSON, 0, &err), 0);
	ck_assert_int_eq(summary_partial(m, w, &err), TRACK_EXIT_USAGE);
	ck_assert_str_eq(err.text,
	    "--partial does not work with --objectives");
	writer_free(w);
	close(fd);
	summary_free(m);

	/* With names, and no suppression. */
	o.min_group = 0;
	m = run(besp, &o, "pupil,name,year,subject,point,objective,value,"
	    "against", obj_rows);
	result(m, &r);
	expect_row(&r, "maths,4,y4m-01", "pupils_secure", "Ann",
	    "pupils_not_secure", "Bo", NULL);
	res_free(&r);
	summary_free(m);
}
END_TEST

/* ---- Partials and merging ---- */

/*
 * A made-up school: 60 pupils in years 3 to 6, three subjects at two
 * terms, test scores, key stage 2 for year 6, not-assessed codes, gaps,
 * corrections and out-of-year work.  Each row's pupil number is kept so
 * the set can be split by pupil.
 */
#define NP 60
#define MAXROWS 1200

struct dataset {
	char *row[MAXROWS + 1];
	int pupil[MAXROWS];
	size_t n;
};

static void
add(struct dataset *d, int pupil, const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	ck_assert(d->n < MAXROWS);
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	d->row[d->n] = strdup(buf);
	d->pupil[d->n++] = pupil;
	d->row[d->n] = NULL;
}

static const char data_hdr[] =
    "pupil,name,year,pp,send,subject,point,measure,value,against";

static void
make_data(struct dataset *d)
{
	static const char *const subj[] = { "reading", "writing", "maths" };
	static const char *const codes[] = { "WTS", "EXS", "EXS", "GDS",
	    "EXS", "PK4", "A", "EXS", "WTS", "D", "GDS", "EXS", "L" };
	static const char *const pts[] = { "2025-26.autumn",
	    "2025-26.summer" };
	static const char *const pp[] = { "Y", "N", "", "Yes", "N", "No" };
	static const char *const send[] = { "N", "K", "N", "E", "S", "N",
	    "" };
	int i, s, p;

	memset(d, 0, sizeof *d);
	for (p = 0; p < 2; p++)
		for (i = 0; i < NP; i++)
			for (s = 0; s < 3; s++) {
				int year = 3 + i % 4;
				const char *v = codes[(i * 7 + s * 5 + p * 3) %
				    13];

				if ((i * 7 + s + p) % 13 == 0)
					continue;	/* a gap */
				add(d, i, "u%03d,Pupil %d,%d,%s,%s,%s,%s,ta,%s,"
				    "%s", i, i, year, pp[i % 6], send[i % 7],
				    subj[s], pts[p], v, i % 11 == 5 && s == 0 ?
				    "2" : "");
				if (s == 2 && p == 1)
					add(d, i, "u%03d,Pupil %d,%d,%s,%s,"
					    "maths,%s,nfer,%d,", i, i, year,
					    pp[i % 6], send[i % 7], pts[p],
					    70 + (i * 37) % 71);
			}
	/* Corrections, appended. */
	for (i = 0; i < NP; i += 9)
		add(d, i, "u%03d,Pupil %d,%d,%s,%s,reading,2025-26.summer,ta,"
		    "GDS,", i, i, 3 + i % 4, pp[(i + 1) % 6], send[i % 7]);
	/* Key stage 2 for year 6. */
	for (i = 3; i < NP; i += 4) {
		add(d, i, "u%03d,Pupil %d,6,%s,%s,reading,2025-26.ks2,ks2,%d,",
		    i, i, pp[i % 6], send[i % 7], 80 + (i * 13) % 41);
		add(d, i, "u%03d,Pupil %d,6,%s,%s,writing,2025-26.ks2,ta,%s,",
		    i, i, pp[i % 6], send[i % 7], codes[i % 13]);
		if (i % 8 != 7)
			add(d, i, "u%03d,Pupil %d,6,%s,%s,maths,2025-26.ks2,"
			    "ks2,%d,", i, i, pp[i % 6], send[i % 7],
			    80 + (i * 29) % 41);
	}
}

static void
free_data(struct dataset *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		free(d->row[i]);
}

/* The rows of pupils in part `part` of `nparts` (by pupil number). */
static const char **
part_of(const struct dataset *d, int part, int nparts)
{
	const char **v = calloc(d->n + 1, sizeof *v);
	size_t i, k = 0;

	ck_assert(v != NULL);
	for (i = 0; i < d->n; i++)
		if (nparts == 1 || (d->pupil[i] * 7 + 3) % nparts == part)
			v[k++] = d->row[i];
	v[k] = NULL;
	return v;
}

/* Roll rows for the pupils of a part, plus pupils with no records. */
static const char **
roll_of(int part, int nparts)
{
	static char buf[NP + 6][32];
	const char **v = calloc(NP + 7, sizeof *v);
	int i, k = 0;

	ck_assert(v != NULL);
	for (i = 0; i < NP + 6; i++) {
		if (nparts > 1 && (i * 7 + 3) % nparts != part)
			continue;
		snprintf(buf[i], sizeof buf[i], "u%03d,Pupil %d,%s", i, i,
		    i % 2 ? "Y" : "N");
		v[k++] = buf[i];
	}
	v[k] = NULL;
	return v;
}

struct variant {
	const char *name;
	struct summary_opts mk;		/* making the partials */
	struct summary_opts mg;		/* merging them */
	int roll;
	enum track_format fmt;
};

/* One pass over `rows` (and a roll), as CSV/table text. */
static char *
single(const struct variant *v, const char *const *rows, int part,
    int nparts)
{
	track_summary *m = NULL;
	track_error err;
	track_rtable *t;
	json_t *meta, *rj;
	char *out, *js, *both;

	ck_assert_int_eq(summary_new(&m, def, &v->mk, &err), 0);
	if (v->roll) {
		const char **rl = roll_of(part, nparts);

		roll(m, "pupil,name,pp", rl);
		free(rl);
	}
	ck_assert_msg(bind(m, data_hdr, &err) == 0, "%s", err.text);
	feed(m, width(data_hdr), rows);
	ck_assert_msg(summary_table(m, &t, &meta, &err) == 0, "%s",
	    err.text);
	out = render(t, v->fmt);
	rj = rtable_json(t);
	js = json_dumps(rj, JSON_COMPACT);
	both = malloc(strlen(out) + strlen(js) + 2);
	sprintf(both, "%s\n%s", out, js);
	free(out);
	free(js);
	json_decref(rj);
	rtable_free(t);
	json_decref(meta);
	summary_free(m);
	return both;
}

/* Writes the partial of one part to a file; returns its path. */
static const char *
partial(const struct variant *v, const char *const *rows, int part,
    int nparts)
{
	static char path[8][PATH_MAX];
	track_summary *m = NULL;
	track_writer *w;
	track_error err;
	int fd;

	snprintf(path[part], sizeof path[part], "%s/part%d.jsonl", tmpdir,
	    part);
	fd = open(path[part], O_WRONLY | O_CREAT | O_TRUNC, 0600);
	ck_assert(fd >= 0);
	ck_assert_int_eq(summary_new(&m, def, &v->mk, &err), 0);
	if (v->roll) {
		const char **rl = roll_of(part, nparts);

		roll(m, "pupil,name,pp", rl);
		free(rl);
	}
	ck_assert_msg(bind(m, data_hdr, &err) == 0, "%s", err.text);
	feed(m, width(data_hdr), rows);
	ck_assert_int_eq(writer_open(&w, fd, TRACK_FMT_JSON, 0, &err), 0);
	ck_assert_msg(summary_partial(m, w, &err) == 0, "%s", err.text);
	ck_assert_int_eq(writer_finish(w, &err), 0);
	writer_free(w);
	close(fd);
	summary_free(m);
	return path[part];
}

/* Merges the partials of `nparts` parts, as CSV/table text. */
static char *
merged(const struct variant *v, const struct dataset *d, int nparts)
{
	const char *paths[8];
	struct summary_opts mg;
	track_summary *m = NULL;
	track_error err;
	track_rtable *t;
	json_t *meta, *rj;
	char *out, *js, *both;
	int k;

	for (k = 0; k < nparts; k++) {
		const char **rows = part_of(d, k, nparts);

		paths[k] = partial(v, rows, k, nparts);
		free(rows);
	}
	mg = v->mg;
	mg.merge = 1;	/* as track-summary --merge sets it */
	ck_assert_msg(summary_new(&m, def, &mg, &err) == 0, "%s: %s",
	    v->name, err.text);
	for (k = 0; k < nparts; k++)
		ck_assert_msg(summary_merge(m, paths[k], NULL, NULL, &err) == 0,
		    "%s: %s:%ld: %s", v->name, err.file ? err.file : "-",
		    err.line, err.text);
	ck_assert_msg(summary_table(m, &t, &meta, &err) == 0, "%s",
	    err.text);
	out = render(t, v->fmt);
	rj = rtable_json(t);
	js = json_dumps(rj, JSON_COMPACT);
	both = malloc(strlen(out) + strlen(js) + 2);
	sprintf(both, "%s\n%s", out, js);
	free(out);
	free(js);
	json_decref(rj);
	rtable_free(t);
	json_decref(meta);
	summary_free(m);
	return both;
}

static void check_variants(const struct variant *vs, size_t nv,
    const struct dataset *d);

/*
 * A summary made from `rows` (and a roll when `rl` is not NULL), written
 * as a partial to tmpdir/name; returns the path.
 */
static const char *
partial_file(const struct summary_opts *o, const char *hdr,
    const char *const *rl, const char *const *rows, const char *name)
{
	static char path[4][PATH_MAX];
	static int next;
	char *p = path[next++ % 4];
	track_summary *m = NULL;
	track_writer *w;
	track_error err;
	int fd;

	snprintf(p, PATH_MAX, "%s/%s", tmpdir, name);
	ck_assert_int_eq(summary_new(&m, def, o, &err), 0);
	if (rl != NULL)
		roll(m, "pupil", rl);
	ck_assert_msg(bind(m, hdr, &err) == 0, "%s", err.text);
	feed(m, width(hdr), rows);
	fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	ck_assert(fd >= 0);
	ck_assert_int_eq(writer_open(&w, fd, TRACK_FMT_JSON, 0, &err), 0);
	ck_assert_msg(summary_partial(m, w, &err) == 0, "%s", err.text);
	ck_assert_int_eq(writer_finish(w, &err), 0);
	writer_free(w);
	close(fd);
	summary_free(m);
	return p;
}

/*
 * A shard whose latest point is earlier than another shard's: with a
 * roll, its pupils are missing at the report's point, as in one pass.
 */
START_TEST(merge_latest_roll)
{
	static const char *const rows_a[] = {
		"a1,reading,2025-26.summer,EXS",
		"a2,reading,2025-26.summer,WTS",
		NULL
	};
	static const char *const rows_b[] = {
		"b1,reading,2025-26.autumn,GDS",
		"b2,reading,2025-26.autumn,EXS",
		NULL
	};
	static const char *const rows_all[] = {
		"a1,reading,2025-26.summer,EXS",
		"a2,reading,2025-26.summer,WTS",
		"b1,reading,2025-26.autumn,GDS",
		"b2,reading,2025-26.autumn,EXS",
		NULL
	};
	static const char *const roll_a[] = { "a1", "a2", NULL };
	static const char *const roll_b[] = { "b1", "b2", "b3", NULL };
	static const char *const roll_all[] = { "a1", "a2", "b1", "b2", "b3",
	    NULL };
	struct summary_opts o = opts();
	track_summary *m = NULL;
	track_error err;
	const char *pa, *pb;
	struct res one, both;

	/* One pass: the summer term, with all of b missing. */
	ck_assert_int_eq(summary_new(&m, def, &o, &err), 0);
	roll(m, "pupil", roll_all);
	ck_assert_int_eq(bind(m, "pupil,subject,point,value", &err), 0);
	feed(m, 4, rows_all);
	result(m, &one);
	summary_free(m);
	expect_row(&one, "reading,ta,2025-26.summer", "n", "5", "missing",
	    "3", NULL);

	pa = partial_file(&o, "pupil,subject,point,value", roll_a, rows_a,
	    "a.jsonl");
	pb = partial_file(&o, "pupil,subject,point,value", roll_b, rows_b,
	    "b.jsonl");
	ck_assert_int_eq(summary_new(&m, def, &o, &err), 0);
	ck_assert_int_eq(summary_merge(m, pa, NULL, NULL, &err), 0);
	ck_assert_int_eq(summary_merge(m, pb, NULL, NULL, &err), 0);
	result(m, &both);
	summary_free(m);
	ck_assert_str_eq(both.csv, one.csv);
	res_free(&one);
	res_free(&both);
}
END_TEST

/*
 * A shard with no value in a subject another shard has: with a roll, its
 * pupils are missing in that subject, as in one pass.
 */
START_TEST(merge_roll_subject)
{
	static const char *const rows_a[] = {
		"a1,reading,2025-26.summer,EXS",
		"a1,writing,2025-26.summer,EXS",
		NULL
	};
	static const char *const rows_b[] = {
		"b1,reading,2025-26.summer,GDS",
		NULL
	};
	static const char *const rows_all[] = {
		"a1,reading,2025-26.summer,EXS",
		"a1,writing,2025-26.summer,EXS",
		"b1,reading,2025-26.summer,GDS",
		NULL
	};
	static const char *const roll_a[] = { "a1", NULL };
	static const char *const roll_b[] = { "b1", NULL };
	static const char *const roll_all[] = { "a1", "b1", NULL };
	struct summary_opts o = opts();
	track_summary *m = NULL;
	track_error err;
	const char *pa, *pb;
	struct res one, both;

	ck_assert_int_eq(summary_new(&m, def, &o, &err), 0);
	roll(m, "pupil", roll_all);
	ck_assert_int_eq(bind(m, "pupil,subject,point,value", &err), 0);
	feed(m, 4, rows_all);
	result(m, &one);
	summary_free(m);
	expect_row(&one, "writing,ta,2025-26.summer", "n", "2", "missing",
	    "1", NULL);

	pa = partial_file(&o, "pupil,subject,point,value", roll_a, rows_a,
	    "a.jsonl");
	pb = partial_file(&o, "pupil,subject,point,value", roll_b, rows_b,
	    "b.jsonl");
	ck_assert_int_eq(summary_new(&m, def, &o, &err), 0);
	ck_assert_int_eq(summary_merge(m, pa, NULL, NULL, &err), 0);
	ck_assert_int_eq(summary_merge(m, pb, NULL, NULL, &err), 0);
	result(m, &both);
	summary_free(m);
	ck_assert_str_eq(both.csv, one.csv);
	res_free(&one);
	res_free(&both);
}
END_TEST

static const char *const rwm_spec[] = { "rwm=reading+writing+maths" };
static const char *const ks2_spec[] = {
	"rwm=reading:ks2+writing:ta+maths:ks2"
};

START_TEST(partial_merge)
{
	struct variant vs[12];
	struct dataset d;
	size_t nv = 0, i;

	make_data(&d);
	for (i = 0; i < sizeof vs / sizeof vs[0]; i++) {
		vs[i].mk = opts();
		vs[i].mg = opts();
		vs[i].roll = 0;
		vs[i].fmt = TRACK_FMT_CSV;
	}
	vs[nv++].name = "default";
	vs[nv].name = "by, combine, totals, suppression";
	vs[nv].mk.by = "year,pp";
	vs[nv].mk.combine = rwm_spec;
	vs[nv].mk.ncombine = 1;
	vs[nv].mk.totals = vs[nv].mg.totals = 1;
	vs[nv].mk.min_group = vs[nv].mg.min_group = 3;
	nv++;
	vs[nv].name = "over, by send, table";
	vs[nv].mk.over = 1;
	vs[nv].mk.by = "send";
	vs[nv].fmt = TRACK_FMT_TABLE;
	nv++;
	vs[nv].name = "point, pupils";
	vs[nv].mk.point = "Autumn 2025/26";
	vs[nv].mk.pupils = 1;
	vs[nv].mk.by = "pp";
	nv++;
	vs[nv].name = "prior";
	vs[nv].mk.by = "prior=2025-26.autumn";
	vs[nv].mk.combine = rwm_spec;
	vs[nv].mk.ncombine = 1;
	nv++;
	vs[nv].name = "gap";
	vs[nv].mk.gap = vs[nv].mg.gap = "pp=Y:N";
	nv++;
	vs[nv].name = "gap by year";
	vs[nv].mk.by = "year";
	vs[nv].mk.gap = vs[nv].mg.gap = "pp=Y:N";
	nv++;
	vs[nv].name = "ks2, benchmark";
	vs[nv].mk.point = "2025-26.ks2";
	vs[nv].mk.combine = ks2_spec;
	vs[nv].mk.ncombine = 1;
	vs[nv].mk.benchmark = vs[nv].mg.benchmark = "national-ks2-2025";
	nv++;
	vs[nv].name = "roll, pupils, combine";
	vs[nv].mk.pupils = 1;
	vs[nv].mk.by = "pp";
	vs[nv].mk.combine = rwm_spec;
	vs[nv].mk.ncombine = 1;
	vs[nv].roll = 1;
	nv++;
	vs[nv].name = "across point";
	vs[nv].mk.by = "year";
	vs[nv].mg.across = "point";
	vs[nv].mk.over = 1;
	vs[nv].fmt = TRACK_FMT_TABLE;
	nv++;
	check_variants(vs, nv, &d);
	free_data(&d);
}
END_TEST

/*
 * --across a --by column at the merge: the --by columns come from the
 * partials (track-summary refuses --by with --merge), so --across year
 * must be accepted when merging partials made with --by year.
 */
START_TEST(merge_across_by)
{
	struct variant v;
	struct dataset d;

	make_data(&d);
	v.name = "across year";
	v.mk = opts();
	v.mg = opts();
	v.roll = 0;
	v.fmt = TRACK_FMT_CSV;
	v.mk.by = "year";
	v.mk.over = 1;
	v.mg.across = "year";
	check_variants(&v, 1, &d);
	free_data(&d);
}
END_TEST

/* Checks that each variant's merged partials equal one pass. */
static void
check_variants(const struct variant *vs, size_t nv, const struct dataset *d)
{
	const char **all = part_of(d, 0, 1);
	size_t i;
	int nparts;

	for (i = 0; i < nv; i++) {
		struct variant one = vs[i];
		char *want;

		/* --across is for the final table only. */
		if (one.mg.across != NULL)
			one.mk.across = one.mg.across;
		want = single(&one, all, 0, 1);
		ck_assert_msg(strchr(want, '\n') != strrchr(want, '\n'),
		    "%s: an empty report", vs[i].name);
		for (nparts = 2; nparts <= 3; nparts++) {
			char *got = merged(&vs[i], d, nparts);

			ck_assert_msg(strcmp(got, want) == 0,
			    "%s, %d parts: merged\n%s\nsingle pass\n%s",
			    vs[i].name, nparts, got, want);
			free(got);
		}
		free(want);
	}
	free(all);
}

START_TEST(partial_format)
{
	static const char *const comb[] = { "rw=reading+writing" };
	static const char *const rows[] = {
		"p1,N,reading,2025-26.summer,nfer,104",
		"p2,Y,reading,2025-26.summer,nfer,104",
		"p3,Y,reading,2025-26.summer,nfer,90",
		"p1,N,reading,2025-26.summer,ta,EXS",
		"p1,N,writing,2025-26.summer,ta,GDS",
		NULL
	};
	struct summary_opts o = opts();
	track_summary *m;
	track_writer *w;
	track_error err;
	int fd = fx_temp_fd();
	char *out, *nl;
	json_t *head;
	json_error_t je;

	o.by = "pp";
	o.combine = comb;
	o.ncombine = 1;
	m = run(def, &o, "pupil,pp,subject,point,measure,value", rows);
	ck_assert_int_eq(writer_open(&w, fd, TRACK_FMT_JSON, 0, &err), 0);
	ck_assert_int_eq(summary_partial(m, w, &err), 0);
	ck_assert_int_eq(writer_finish(w, &err), 0);
	writer_free(w);
	out = fx_slurp(fd);
	close(fd);
	/* A header object, then one line per cell: counts and scores, no
	 * pupil ids (no --pupils). */
	nl = strchr(out, '\n');
	ck_assert_ptr_nonnull(nl);
	head = json_loadb(out, (size_t)(nl - out), 0, &je);
	ck_assert_msg(head != NULL, "%s", je.text);
	ck_assert_int_eq(json_integer_value(json_object_get(head,
	    "track_summary_partial")), 2);
	ck_assert_str_eq(json_string_value(json_object_get(head, "scheme")),
	    scheme_name(def));
	ck_assert_str_eq(json_string_value(json_object_get(head, "latest")),
	    "2025-26.summer");
	ck_assert_str_eq(json_string_value(json_object_get(head, "mode")),
	    "latest");
	ck_assert_uint_eq(json_array_size(json_object_get(head, "combine")),
	    1);
	json_decref(head);
	ck_assert(strstr(out, "p1") == NULL && strstr(out, "p2") == NULL);
	/* The Y group's two scores, as a histogram. */
	ck_assert_msg(strstr(out, "{\"subject\":\"reading\",\"measure\":"
	    "\"nfer\",\"point\":\"2025-26.summer\",\"groups\":[\"Y\"],"
	    "\"counts\":[1,1,0,0,0,0,0],\"scores\":[[90.0,1],[104.0,1]]}\n")
	    != NULL, "%s", out);
	/* The combined subject is a cell of its own. */
	ck_assert(strstr(out, "{\"subject\":\"rw\",\"measure\":\"ta\","
	    "\"point\":\"2025-26.summer\",\"groups\":[\"N\"],\"counts\":"
	    "[0,1,0,0,0,0,0],\"scores\":[]}\n") != NULL);
	free(out);
	summary_free(m);
}
END_TEST

START_TEST(merge_errors)
{
	struct summary_opts o = opts(), ob = opts();
	track_summary *m = NULL, *p;
	track_writer *w;
	track_error err;
	const char *junk, *a, *b;
	static const char *const rows[] = {
		"p1,4,reading,2025-26.summer,EXS", NULL
	};
	char pa[PATH_MAX], pb[PATH_MAX];
	int fd;

	/* Not a partial. */
	junk = write_file("junk.jsonl", "{\"a\":1}\n", 8);
	ck_assert_int_eq(summary_new(&m, def, &o, &err), 0);
	ck_assert_int_eq(summary_merge(m, junk, NULL, NULL, &err), TRACK_EXIT_DATA);
	ck_assert_str_eq(err.file, junk);
	ck_assert_int_eq(err.line, 1);
	ck_assert_str_eq(err.text, "not a track-summary partial (make one "
	    "with track-summary --partial)");
	summary_free(m);

	junk = write_file("csv.jsonl", "pupil,subject\n", 14);
	ck_assert_int_eq(summary_new(&m, def, &o, &err), 0);
	ck_assert_int_eq(summary_merge(m, junk, NULL, NULL, &err), TRACK_EXIT_DATA);
	ck_assert_int_eq(err.line, 1);
	summary_free(m);

	/* A file that is not there. */
	ck_assert_int_eq(summary_new(&m, def, &o, &err), 0);
	snprintf(pa, sizeof pa, "%s/none.jsonl", tmpdir);
	ck_assert_int_eq(summary_merge(m, pa, NULL, NULL, &err), TRACK_EXIT_IO);
	ck_assert(strncmp(err.text, "cannot open: ", 13) == 0);
	summary_free(m);

	/* Partials made with other options do not mix. */
	ob.by = "year";
	snprintf(pa, sizeof pa, "%s/a.jsonl", tmpdir);
	snprintf(pb, sizeof pb, "%s/b.jsonl", tmpdir);
	a = pa;
	b = pb;
	p = run(def, &o, "pupil,year,subject,point,value", rows);
	fd = open(a, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	ck_assert_int_eq(writer_open(&w, fd, TRACK_FMT_JSON, 0, &err), 0);
	ck_assert_int_eq(summary_partial(p, w, &err), 0);
	ck_assert_int_eq(writer_finish(w, &err), 0);
	writer_free(w);
	close(fd);
	summary_free(p);
	p = run(def, &ob, "pupil,year,subject,point,value", rows);
	fd = open(b, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	ck_assert_int_eq(writer_open(&w, fd, TRACK_FMT_JSON, 0, &err), 0);
	ck_assert_int_eq(summary_partial(p, w, &err), 0);
	ck_assert_int_eq(writer_finish(w, &err), 0);
	writer_free(w);
	close(fd);
	summary_free(p);
	ck_assert_int_eq(summary_new(&m, def, &o, &err), 0);
	ck_assert_int_eq(summary_merge(m, a, NULL, NULL, &err), 0);
	ck_assert_int_eq(summary_merge(m, b, NULL, NULL, &err),
	    TRACK_EXIT_USAGE);
	ck_assert_str_eq(err.file, b);
	ck_assert_int_eq(err.line, 1);
	ck_assert_str_eq(err.text, "this partial was made with --by year, "
	    "the first with no --by: make every partial with the same "
	    "options");
	summary_free(m);
}
END_TEST

/*
 * --gap at the merge names a column the partials are not grouped by: a
 * usage error saying so, not a complaint about the partial's cells.
 */
START_TEST(merge_gap_column)
{
	static const char *const rows[] = {
		"p1,Y,reading,2025-26.summer,EXS", NULL
	};
	struct summary_opts o = opts();
	track_summary *m = NULL;
	track_error err;
	const char *a = partial_file(&o, "pupil,pp,subject,point,value",
	    NULL, rows, "a.jsonl");

	o.gap = "pp=Y:N";
	o.merge = 1;
	ck_assert_int_eq(summary_new(&m, def, &o, &err), 0);
	error_clear(&err);
	ck_assert_msg(summary_merge(m, a, NULL, NULL, &err) == TRACK_EXIT_USAGE,
	    "%s:%ld: %s", err.file ? err.file : "-", err.line, err.text);
	ck_assert_str_eq(err.text, "--gap: the partials are not grouped by "
	    "that column (make them with --by or --gap)");
	summary_free(m);
}
END_TEST

START_TEST(option_errors)
{
	struct summary_opts o = opts();
	track_summary *m = (track_summary *)1;
	track_error err;

	o.across = "colour";
	ck_assert_int_eq(summary_new(&m, def, &o, &err), TRACK_EXIT_USAGE);
	ck_assert_ptr_null(m);
	ck_assert_str_eq(err.text, "--across \"colour\": spread point, "
	    "measure, subject or one of the --by columns");
	o.across = "point";
	o.gap = "pp=Y:N";
	ck_assert_int_eq(summary_new(&m, def, &o, &err), TRACK_EXIT_USAGE);
	ck_assert_str_eq(err.text, "--across and --gap do not go together");
}
END_TEST

START_TEST(across)
{
	static const char *const rows[] = {
		"p1,3,reading,2025-26.autumn,WTS",
		"p1,3,reading,2025-26.summer,EXS",
		"p2,3,reading,2025-26.summer,EXS",
		"p3,4,reading,2025-26.autumn,GDS",
		NULL
	};
	struct summary_opts o = opts();
	track_summary *m;
	struct res r;

	o.over = 1;
	o.by = "year";
	o.across = "point";
	m = run(def, &o, "pupil,year,subject,point,value", rows);
	result(m, &r);
	ck_assert_str_eq(r.csv,
	    "subject,measure,year,n_2025-26.autumn,"
	    "pct_at_or_above_2025-26.autumn,n_2025-26.summer,"
	    "pct_at_or_above_2025-26.summer\n"
	    "reading,ta,3,1,0.0,2,100.0\n"
	    "reading,ta,4,1,100.0,,\n");
	res_free(&r);
	summary_free(m);
}
END_TEST

static Suite *
summary_suite(void)
{
	Suite *s = suite_create("summary");
	TCase *tc;

	tc = tcase_create("overview");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, bands);
	tcase_add_test(tc, labels);
	tcase_add_test(tc, scores);
	tcase_add_test(tc, mtc_no_bands);
	tcase_add_test(tc, last_wins);
	tcase_add_test(tc, bad_rows);
	tcase_add_test(tc, pupil_names);
	tcase_add_test(tc, across);
	tcase_add_test(tc, option_errors);
	suite_add_tcase(s, tc);

	tc = tcase_create("points");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, default_point);
	tcase_add_test(tc, default_point_no_terms);
	tcase_add_test(tc, point_option);
	tcase_add_test(tc, over_points);
	suite_add_tcase(s, tc);

	tc = tcase_create("groups");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, by_year);
	tcase_add_test(tc, by_group);
	tcase_add_test(tc, by_raw);
	tcase_add_test(tc, by_errors);
	tcase_add_test(tc, prior);
	tcase_add_test(tc, prior_combined);
	tcase_add_test(tc, gap);
	tcase_add_test(tc, gap_errors);
	suite_add_tcase(s, tc);

	tc = tcase_create("combine");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, combine);
	tcase_add_test(tc, combine_errors);
	tcase_add_test(tc, combine_measures_benchmark);
	tcase_add_test(tc, benchmark_unknown);
	suite_add_tcase(s, tc);

	tc = tcase_create("roll");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, roll_missing);
	tcase_add_test(tc, roll_over);
	tcase_add_test(tc, roll_groups);
	tcase_add_test(tc, roll_combine);
	tcase_add_test(tc, roll_errors);
	suite_add_tcase(s, tc);

	tc = tcase_create("suppression");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, min_group);
	tcase_add_test(tc, min_group_secondary);
	tcase_add_test(tc, min_group_scheme);
	suite_add_tcase(s, tc);

	tc = tcase_create("objectives");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, objectives);
	tcase_add_test(tc, objectives_suppressed);
	tcase_add_test(tc, objectives_point);
	suite_add_tcase(s, tc);

	tc = tcase_create("merge");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, partial_merge);
	tcase_add_test(tc, merge_across_by);
	tcase_add_test(tc, merge_latest_roll);
	tcase_add_test(tc, merge_roll_subject);
	tcase_add_test(tc, partial_format);
	tcase_add_test(tc, merge_errors);
	tcase_add_test(tc, merge_gap_column);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(summary_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
