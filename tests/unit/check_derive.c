/*
 * check_derive.c - unit tests for lib/assess/derive.c: the output header
 * (derived columns appended, or filled in where the input has them), the
 * band, rank, expected, out_of_year and age_gap of records read against
 * the built-in scheme (teacher assessment, standardised scores, out of
 * year, reading ages), and the encoded rows matching the writer's.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/str.h"
#include "assess/derive.h"
#include "fixture.h"


/* An input header and a deriver bound to it. */
struct bound {
	char hstore[256];
	track_str h[FX_MAXF];
	size_t nh;
	track_assess *a;
	track_derive *d;
};

/* Joins n fields with commas into out (a static buffer of the caller). */
static const char *
join(const track_str *f, size_t n, char *out, size_t outsz)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		ck_assert(k + f[i].len + 2 < outsz);
		if (i > 0)
			out[k++] = ',';
		memcpy(out + k, f[i].ptr, f[i].len);
		k += f[i].len;
	}
	out[k] = '\0';
	return out;
}

static void
bind(struct bound *b, const char *header)
{
	track_error err;

	memset(b, 0, sizeof *b);
	b->nh = fx_split(header, b->hstore, sizeof b->hstore, b->h);
	error_clear(&err);
	ck_assert_msg(assess_new(&b->a, def, b->h, b->nh, ASSESS_STRICT_POINTS,
	    &err) == 0, "%s", err.text);
	ck_assert_int_eq(assess_derive_new(&b->d, b->a, def, b->h, b->nh,
	    &err), 0);
}

static void
unbind(struct bound *b)
{
	assess_derive_free(b->d);
	assess_free(b->a);
}

/* The output row of input row `line`, its fields joined by commas. */
static const char *
derive(struct bound *b, const char *line)
{
	static char out[512];
	char store[256];
	track_str row[FX_MAXF];
	const track_str *o;
	struct track_obs obs;
	track_error err;
	size_t hn;

	ck_assert_uint_eq(fx_split(line, store, sizeof store, row), b->nh);
	error_clear(&err);
	ck_assert_msg(assess_row(b->a, row, &obs, &err) == 0, "%s: %s", line,
	    err.text);
	ck_assert_int_eq(assess_derive_row(b->d, &obs, row, &o, &err), 0);
	(void)assess_derive_header(b->d, &hn);
	return join(o, hn, out, sizeof out);
}

static const char *
header(struct bound *b)
{
	static char out[512];
	const track_str *h;
	size_t n;

	h = assess_derive_header(b->d, &n);
	return join(h, n, out, sizeof out);
}

START_TEST(header_appended)
{
	struct bound b;

	bind(&b, "pupil,year,subject,point,measure,value");
	ck_assert_str_eq(header(&b), "pupil,year,subject,point,measure,value,"
	    "band,rank,expected,out_of_year,age_gap");
	unbind(&b);
	assess_derive_free(NULL);
}
END_TEST

START_TEST(header_in_place)
{
	struct bound b;

	/* An input's band and rank are replaced where they stand. */
	bind(&b, "pupil,year,subject,point,value,band,rank");
	ck_assert_str_eq(header(&b), "pupil,year,subject,point,value,band,"
	    "rank,expected,out_of_year,age_gap");
	ck_assert_str_eq(derive(&b, "P01,4,reading,2025-26.autumn,EXS,below,1"),
	    "P01,4,reading,2025-26.autumn,EXS,at,13,EXS,,");
	ck_assert_str_eq(derive(&b, "P02,4,reading,2025-26.autumn,GDS,,"),
	    "P02,4,reading,2025-26.autumn,GDS,above,14,EXS,,");
	unbind(&b);
}
END_TEST

START_TEST(bands_ranks_expected)
{
	struct bound b;

	bind(&b, "pupil,year,subject,point,measure,value");
	ck_assert_str_eq(derive(&b, "P02,4,reading,2025-26.autumn,ta,EXS"),
	    "P02,4,reading,2025-26.autumn,ta,EXS,at,13,EXS,,");
	ck_assert_str_eq(derive(&b, "P01,4,reading,2025-26.aut,ta,GDS"),
	    "P01,4,reading,2025-26.aut,ta,GDS,above,14,EXS,,");
	ck_assert_str_eq(derive(&b, "P01,4,reading,2025-26.autumn,nfer,101"),
	    "P01,4,reading,2025-26.autumn,nfer,101,at,2,95,,");
	/* The same signature again, for another pupil: the memo's words. */
	ck_assert_str_eq(derive(&b, "P03,4,reading,2025-26.autumn,ta,EXS"),
	    "P03,4,reading,2025-26.autumn,ta,EXS,at,13,EXS,,");
	ck_assert_str_eq(derive(&b, "P04,3,maths,2025-26.autumn,ta,WTS"),
	    "P04,3,maths,2025-26.autumn,ta,WTS,below,12,EXS,,");
	/* No year: a band from the value alone, and no expected standard. */
	ck_assert_str_eq(derive(&b, "P05,,maths,2025-26.autumn,ta,WTS"),
	    "P05,,maths,2025-26.autumn,ta,WTS,below,12,,,");
	unbind(&b);
}
END_TEST

START_TEST(out_of_year)
{
	struct bound b;

	bind(&b, "pupil,name,year,subject,point,value,against");
	ck_assert_str_eq(derive(&b, "P01,Amy,4,reading,2025-26.autumn,EXS,3"),
	    "P01,Amy,4,reading,2025-26.autumn,EXS,3,below,13,EXS,Y3 EXS,");
	ck_assert_str_eq(derive(&b, "P02,Ben,4,reading,2025-26.autumn,GDS,Y3"),
	    "P02,Ben,4,reading,2025-26.autumn,GDS,Y3,below,14,EXS,Y3 GDS,");
	ck_assert_str_eq(derive(&b, "P03,Cal,4,reading,2025-26.autumn,EXS,4"),
	    "P03,Cal,4,reading,2025-26.autumn,EXS,4,at,13,EXS,,");
	ck_assert_str_eq(derive(&b, "P04,Dee,3,maths,2025-26.autumn,WTS,4"),
	    "P04,Dee,3,maths,2025-26.autumn,WTS,4,above,12,EXS,Y4 WTS,");
	unbind(&b);
}
END_TEST

START_TEST(reading_age)
{
	struct bound b;

	bind(&b, "pupil,year,subject,point,measure,value,dob,date");
	ck_assert_str_eq(derive(&b, "P01,4,reading,2025-26.autumn,"
	    "reading-age,9:04,2017-01-15,2025-11-20"),
	    "P01,4,reading,2025-26.autumn,reading-age,9:04,2017-01-15,"
	    "2025-11-20,at,,8.10,,6");
	ck_assert_str_eq(derive(&b, "P03,4,reading,2025-26.autumn,"
	    "reading-age,<6:00,2016-09-01,2025-11-20"),
	    "P03,4,reading,2025-26.autumn,reading-age,<6:00,2016-09-01,"
	    "2025-11-20,below,,9.02,,<-38");
	ck_assert_str_eq(derive(&b, "P04,4,reading,2025-26.autumn,"
	    "reading-age,>12:00,2016-09-01,2025-11-20"),
	    "P04,4,reading,2025-26.autumn,reading-age,>12:00,2016-09-01,"
	    "2025-11-20,above,,9.02,,>34");
	unbind(&b);
}
END_TEST

/* ---- Encoded rows ---- */

/*
 * Encodes `n` input rows with assess_derive_encode, and writes them with
 * writer_row(assess_derive_row) too; the two must agree, and match
 * `want`.  With `row_first`, each row is derived as fields before it is
 * encoded (so its memo has no tail).
 */
static void
encode_rows(const char *hdr, const char *const *lines, size_t n,
    int row_first, enum track_format fmt, const char *want)
{
	struct bound b;
	track_writer *w;
	track_buf buf = { NULL, 0, 0 };
	track_str row[FX_MAXF];
	const track_str *o;
	struct track_obs obs;
	track_error err;
	char store[256], *text;
	size_t i, hn;
	int fd = fx_temp_fd();

	bind(&b, hdr);
	ck_assert_int_eq(writer_open(&w, fd, fmt, 0, &err), 0);
	ck_assert(writer_encodes(w));
	(void)assess_derive_header(b.d, &hn);
	for (i = 0; i < n; i++) {
		fx_split(lines[i], store, sizeof store, row);
		ck_assert_int_eq(assess_row(b.a, row, &obs, &err), 0);
		if (row_first) {
			ck_assert_int_eq(assess_derive_row(b.d, &obs, row, &o,
			    &err), 0);
			ck_assert_int_eq(writer_row(w, o, hn, &err), 0);
		}
		ck_assert_int_eq(assess_derive_encode(b.d, w, &obs,
		    &(track_row){ row, b.nh, (long)i + 2, "in.csv",
		    { NULL, 0 }, 0 }, &buf, &err), 0);
		if (!row_first) {
			ck_assert_int_eq(assess_derive_row(b.d, &obs, row, &o,
			    &err), 0);
			ck_assert_int_eq(writer_row(w, o, hn, &err), 0);
		}
	}
	ck_assert_int_eq(writer_finish(w, &err), 0);
	writer_free(w);
	text = fx_slurp(fd);
	close(fd);
	ck_assert_int_eq(buf_append(&buf, "", 0, 1) >= 0, 1);
	ck_assert_str_eq(buf.ptr, want);
	ck_assert_str_eq(text, want);
	free(text);
	buf_free(&buf);
	unbind(&b);
}

START_TEST(encode_matches_writer)
{
	static const char *const lines[] = {
		"P01,4,reading,2025-26.autumn,ta,EXS",
		"P02,4,reading,2025-26.autumn,ta,EXS",
		"P03,4,reading,2025-26.autumn,nfer,101",
		"P04,4,reading,2025-26.autumn,ta,EXS"
	};
	const char *csv =
	    "P01,4,reading,2025-26.autumn,ta,EXS,at,13,EXS,,\n"
	    "P02,4,reading,2025-26.autumn,ta,EXS,at,13,EXS,,\n"
	    "P03,4,reading,2025-26.autumn,nfer,101,at,2,95,,\n"
	    "P04,4,reading,2025-26.autumn,ta,EXS,at,13,EXS,,\n";
	const char *tsv =
	    "P01\t4\treading\t2025-26.autumn\tta\tEXS\tat\t13\tEXS\t\t\n"
	    "P02\t4\treading\t2025-26.autumn\tta\tEXS\tat\t13\tEXS\t\t\n"
	    "P03\t4\treading\t2025-26.autumn\tnfer\t101\tat\t2\t95\t\t\n"
	    "P04\t4\treading\t2025-26.autumn\tta\tEXS\tat\t13\tEXS\t\t\n";
	const char *hdr = "pupil,year,subject,point,measure,value";

	encode_rows(hdr, lines, 4, 0, TRACK_FMT_CSV, csv);
	encode_rows(hdr, lines, 4, 1, TRACK_FMT_CSV, csv);
	encode_rows(hdr, lines, 4, 0, TRACK_FMT_TSV, tsv);
}
END_TEST

START_TEST(encode_in_place)
{
	static const char *const lines[] = {
		"P01,4,reading,2025-26.autumn,EXS,below,1",
		"P02,4,reading,2025-26.autumn,EXS,,",
	};

	/* The derived columns do not all end the row: encoded whole. */
	encode_rows("pupil,year,subject,point,value,band,rank", lines, 2, 0,
	    TRACK_FMT_CSV,
	    "P01,4,reading,2025-26.autumn,EXS,at,13,EXS,,\n"
	    "P02,4,reading,2025-26.autumn,EXS,at,13,EXS,,\n");
}
END_TEST

static Suite *
derive_suite(void)
{
	Suite *s = suite_create("derive");
	TCase *tc = tcase_create("derive");

	tcase_add_checked_fixture(tc, setup_default, teardown_default);
	tcase_add_test(tc, header_appended);
	tcase_add_test(tc, header_in_place);
	tcase_add_test(tc, bands_ranks_expected);
	tcase_add_test(tc, out_of_year);
	tcase_add_test(tc, reading_age);
	tcase_add_test(tc, encode_matches_writer);
	tcase_add_test(tc, encode_in_place);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(derive_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
