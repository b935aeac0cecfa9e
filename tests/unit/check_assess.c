/*
 * check_assess.c - unit tests for lib/assess/assess.c: binding a header, reading
 * records against the England, Scotland and bespoke schemes (bands, ranks,
 * values, out-of-year and custom lists, objectives, ages, errors with
 * suggestions, blank fields, strict and lenient points, a given band),
 * point order, dates and year short forms.
 *
 * The example schemes are read by path from the repository root, where
 * tests/unit/run is started.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "assess/assess.h"
#include "fixture.h"

static track_scheme *scot;	/* examples/schemes/scotland-bge.json */
static track_scheme *besp;	/* examples/schemes/bespoke-school.json */

static void
load(track_scheme **s, const char *path)
{
	track_error err;

	error_clear(&err);
	if ((path ? scheme_load_file(s, path, &err) :
	    scheme_load_default(s, &err)) != 0)
		ck_abort_msg("%s: %s:%ld: %s", path ? path : "default",
		    err.file, err.line, err.text);
}

static void
setup(void)
{
	load(&def, NULL);
	load(&scot, "examples/schemes/scotland-bge.json");
	load(&besp, "examples/schemes/bespoke-school.json");
}

static void
teardown(void)
{
	scheme_free(def);
	scheme_free(scot);
	scheme_free(besp);
	def = scot = besp = NULL;
}

/* ---- Helpers ---- */

/* An assessor on scheme `s` for header `hdr` (comma-separated). */
/* The header width of each live assessor, so rows can be checked. */
static struct {
	const track_assess *a;
	size_t n;
} widths[8];

static track_assess *
mk(const track_scheme *s, const char *hdr, unsigned flags)
{
	char store[512];
	track_str f[FX_MAXF];
	size_t n = fx_split(hdr, store, sizeof store, f);
	track_assess *a = NULL;
	track_error err;

	error_clear(&err);
	if (assess_new(&a, s, f, n, flags, &err) != 0)
		ck_abort_msg("assess_new(%s): %s", hdr, err.text);
	ck_assert_ptr_nonnull(a);
	memmove(widths + 1, widths, sizeof widths - sizeof widths[0]);
	widths[0].a = a;
	widths[0].n = n;
	return a;
}

static char rowstore[512];

/* Reads one row (comma-separated) into *o; returns assess_row's status. */
static int
row(track_assess *a, const char *line, struct track_obs *o, track_error *err)
{
	track_str f[FX_MAXF];
	size_t n = fx_split(line, rowstore, sizeof rowstore, f), i;

	for (i = 0; i < 8 && widths[i].a != a; i++)
		;
	if (i < 8)
		ck_assert_msg(n == widths[i].n, "\"%s\": %zu fields, "
		    "the header has %zu", line, n, widths[i].n);
	error_clear(err);
	return assess_row(a, f, o, err);
}

/* Reads a row that must be good. */
static void
good(track_assess *a, const char *line, struct track_obs *o)
{
	track_error err;
	int rc = row(a, line, o, &err);

	ck_assert_msg(rc == 0, "\"%s\": %s", line, err.text);
}

/* Reads a row that must fail with kind DATA and exactly message `want`. */
static void
bad(track_assess *a, const char *line, const char *want)
{
	struct track_obs o;
	track_error err;
	int rc = row(a, line, &o, &err);

	ck_assert_msg(rc == TRACK_EXIT_DATA, "\"%s\" gave %d (want \"%s\")",
	    line, rc, want);
	ck_assert_int_eq(err.kind, TRACK_EXIT_DATA);
	ck_assert_str_eq(err.text, want);
	/* The caller fills in the position. */
	ck_assert_ptr_null(err.file);
	ck_assert_int_eq(err.line, 0);
}

/* The band id of an observation, or "none". */
static const char *
band(const track_scheme *s, const struct track_obs *o)
{
	return o->band < 0 ? "none" : scheme_band_id(s, (size_t)o->band);
}

/* The own-words text of an observation (static). */
static const char *
words(const track_assess *a, const struct track_obs *o)
{
	static char buf[128];

	ck_assert_int_ge(assess_own_words(a, o, buf, sizeof buf), 0);
	return buf;
}

static int
yidx(const track_scheme *s, const char *y)
{
	int i = scheme_year_index(s, y, strlen(y));

	ck_assert_int_ge(i, 0);
	return i;
}

static int
bidx(const track_scheme *s, const char *b)
{
	return scheme_band_index(s, b, strlen(b));
}

static const char *
str(track_str s)
{
	static char buf[4][128];
	static int k;
	char *p = buf[k++ % 4];

	snprintf(p, sizeof buf[0], "%.*s", (int)s.len, s.ptr);
	return p;
}

/* ---- Binding ---- */

START_TEST(new_missing_columns)
{
	static const struct {
		const char *hdr, *missing;
	} cases[] = {
		{ "subject,point,value", "pupil" },
		{ "pupil,point,value,measure", "subject" },
		{ "pupil,subject,value,year", "point" },
		{ "pupil,subject,point,band", "value" },
		{ "name,year", "pupil" },
		/* Names are matched exactly. */
		{ "Pupil,subject,point,value", "pupil" },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char store[256], want[300];
		track_str f[FX_MAXF];
		size_t n = fx_split(cases[i].hdr, store, sizeof store, f);
		track_assess *a = (track_assess *)1;
		track_error err;
		int rc;

		error_clear(&err);
		rc = assess_new(&a, def, f, n, 0, &err);
		ck_assert_msg(rc == TRACK_EXIT_DATA, "%s: %d", cases[i].hdr,
		    rc);
		ck_assert_ptr_null(a);
		ck_assert_int_eq(err.kind, TRACK_EXIT_DATA);
		snprintf(want, sizeof want, "no \"%s\" column in the input "
		    "(records need pupil, subject, point and value; for an "
		    "export, track-import --rename UPN=pupil makes them)",
		    cases[i].missing);
		/* A capitalised name is not matched, but is named. */
		if (strncmp(cases[i].hdr, "Pupil", 5) == 0)
			snprintf(want, sizeof want, "no \"pupil\" column in "
			    "the input, but there is \"Pupil\": column names "
			    "are lower case (track-import makes records from "
			    "an export)");
		ck_assert_str_eq(err.text, want);
	}
	/* No header at all. */
	{
		track_assess *a = (track_assess *)1;
		track_error err;

		ck_assert_int_eq(assess_new(&a, def, NULL, 0, 0, &err),
		    TRACK_EXIT_DATA);
		ck_assert_ptr_null(a);
		ck_assert(strstr(err.text, "no \"pupil\" column") != NULL);
	}
	assess_free(NULL);
}
END_TEST

START_TEST(columns)
{
	track_assess *a = mk(def, "value,x,point,subject,pupil,dob,band",
	    0);

	ck_assert_int_eq(assess_col(a, A_VALUE), 0);
	ck_assert_int_eq(assess_col(a, A_POINT), 2);
	ck_assert_int_eq(assess_col(a, A_SUBJECT), 3);
	ck_assert_int_eq(assess_col(a, A_PUPIL), 4);
	ck_assert_int_eq(assess_col(a, A_DOB), 5);
	ck_assert_int_eq(assess_col(a, A_BAND), 6);
	ck_assert_int_eq(assess_col(a, A_NAME), -1);
	ck_assert_int_eq(assess_col(a, A_YEAR), -1);
	ck_assert_int_eq(assess_col(a, A_MEASURE), -1);
	ck_assert_int_eq(assess_col(a, A_AGAINST), -1);
	ck_assert_int_eq(assess_col(a, A_OBJECTIVE), -1);
	ck_assert_int_eq(assess_col(a, A_DATE), -1);
	assess_free(a);
}
END_TEST

/* ---- Descriptors, scores, levels, ages ---- */

START_TEST(descriptor)
{
	track_assess *a = mk(def, "pupil,name,year,subject,point,value", 0);
	struct track_obs o;

	good(a, " p1 ,Ann,4,Reading,2025-26.autumn, exs ", &o);
	ck_assert_str_eq(str(o.pupil), "p1");
	ck_assert_str_eq(str(o.name), "Ann");
	ck_assert_uint_eq(o.objective.len, 0);
	ck_assert_int_eq(o.subject, scheme_subject_index(def, "reading", 7));
	ck_assert_int_eq(o.measure, scheme_measure_index(def, "ta", 2));
	ck_assert_str_eq(scheme_scale_id(o.scale), "ta");
	ck_assert_str_eq(assess_point_text(a, o.point), "2025-26.autumn");
	ck_assert_int_eq(o.year, yidx(def, "4"));
	ck_assert_int_eq(o.against, -1);
	ck_assert_int_eq(o.custom, -1);
	ck_assert_int_eq(o.ooy, OOY_NONE);
	ck_assert_int_eq(o.value.kind, TRACK_VALUE_CODE);
	ck_assert_str_eq(scheme_scale_code(o.scale, (size_t)o.value.index),
	    "EXS");
	ck_assert_str_eq(band(def, &o), "at");
	ck_assert_int_eq(o.rank, o.value.index + 1);
	/* EM BLW PK1..PK4 PKF PK5 PKE PK6 PKG WTS, then EXS. */
	ck_assert_int_eq(o.rank, 13);
	ck_assert_int_eq(o.age, -1);
	ck_assert_str_eq(words(a, &o), "EXS");

	good(a, "p2,,4,maths,2025-26.autumn,Greater depth", &o);
	ck_assert_str_eq(band(def, &o), "above");
	ck_assert_int_eq(o.rank, 14);
	ck_assert_str_eq(words(a, &o), "GDS");
	ck_assert_uint_eq(o.name.len, 0);

	good(a, "p3,,4,writing,2025-26.autumn,working towards", &o);
	ck_assert_str_eq(band(def, &o), "below");
	ck_assert_int_eq(o.rank, 12);
	ck_assert_int_eq(o.year, yidx(def, "4"));

	good(a, "p4,,Year 4,writing,2025-26.autumn,PKF", &o);
	ck_assert_str_eq(band(def, &o), "below");
	ck_assert_int_eq(o.rank, 7);
	ck_assert_int_eq(o.year, yidx(def, "4"));

	/* Not assessed: no band, no rank, the code's kind. */
	good(a, "p5,,4,reading,2025-26.autumn,A", &o);
	ck_assert_int_eq(o.value.kind, TRACK_VALUE_NOT_AT);
	ck_assert_int_eq(o.band, -1);
	ck_assert_int_eq(o.rank, 0);
	ck_assert_str_eq(words(a, &o), "A");
	good(a, "p5,,4,reading,2025-26.autumn,d", &o);
	ck_assert_int_eq(o.value.kind, TRACK_VALUE_EXCLUDED);
	ck_assert_int_eq(o.band, -1);
	ck_assert_str_eq(words(a, &o), "D");

	/* Science has its own scale. */
	good(a, "p6,,6,science,2025-26.summer,HNM", &o);
	ck_assert_str_eq(scheme_scale_id(o.scale), "ta-science");
	ck_assert_str_eq(band(def, &o), "below");
	ck_assert_int_eq(o.rank, 1);
	good(a, "p6,,6,science,2025-26.summer,has met", &o);
	ck_assert_str_eq(band(def, &o), "at");
	ck_assert_int_eq(o.rank, 2);
	assess_free(a);
}
END_TEST

START_TEST(point_scale_override)
{
	track_assess *a = mk(def, "pupil,year,subject,point,value", 0);
	struct track_obs o;

	/* The same value text on two scales: the value cache must not mix
	 * them up. */
	good(a, "p1,2,reading,ks1,EXS", &o);
	ck_assert_str_eq(scheme_scale_id(o.scale), "ta-ks1");
	ck_assert_int_eq(o.rank, 9);
	ck_assert_str_eq(band(def, &o), "at");
	good(a, "p1,2,reading,2025-26.autumn,EXS", &o);
	ck_assert_str_eq(scheme_scale_id(o.scale), "ta");
	ck_assert_int_eq(o.rank, 13);
	good(a, "p1,2,reading,2024-25.ks1,EXS", &o);
	ck_assert_str_eq(scheme_scale_id(o.scale), "ta-ks1");
	ck_assert_int_eq(o.rank, 9);
	good(a, "p1,2,reading,KS1,EXS", &o);
	ck_assert_str_eq(assess_point_text(a, o.point), "ks1");
	ck_assert_int_eq(o.rank, 9);
	/* PK5 is not on the key stage 1 scale, but is on the termly one. */
	good(a, "p1,2,reading,2025-26.autumn,PK5", &o);
	ck_assert_str_eq(band(def, &o), "below");
	{
		track_error err;

		ck_assert_int_eq(row(a, "p1,2,reading,ks1,PK5", &o, &err),
		    TRACK_EXIT_DATA);
		ck_assert_msg(strncmp(err.text, "unknown descriptor \"PK5\" "
		    "for reading", 35) == 0, "%s", err.text);
	}
	assess_free(a);
}
END_TEST

START_TEST(scores)
{
	track_assess *a = mk(def, "pupil,year,subject,point,measure,value", 0);
	struct track_obs o;

	good(a, "p1,4,maths,2025-26.autumn,nfer,94", &o);
	ck_assert_int_eq(o.measure, scheme_measure_index(def, "nfer", 4));
	ck_assert_str_eq(scheme_scale_id(o.scale), "nfer");
	ck_assert_int_eq(o.value.kind, TRACK_VALUE_NUMBER);
	ck_assert(o.value.number == 94);
	ck_assert_str_eq(band(def, &o), "below");
	ck_assert_int_eq(o.rank, 1);
	good(a, "p1,4,maths,2025-26.autumn,NFER,95", &o);
	ck_assert_str_eq(band(def, &o), "at");
	ck_assert_int_eq(o.rank, 2);
	good(a, "p1,4,maths,2025-26.autumn,nfer, 114.0 ", &o);
	ck_assert(o.value.number == 114);
	ck_assert_str_eq(band(def, &o), "at");
	good(a, "p1,4,maths,2025-26.autumn,Standardised score,115", &o);
	ck_assert_str_eq(band(def, &o), "above");
	ck_assert_int_eq(o.rank, 3);
	good(a, "p1,4,maths,2025-26.autumn,nfer,<70", &o);
	ck_assert(o.value.number == 70);
	ck_assert_str_eq(band(def, &o), "below");
	ck_assert_str_eq(words(a, &o), "70");
	good(a, "p1,4,maths,2025-26.autumn,nfer,>140", &o);
	ck_assert(o.value.number == 140);
	ck_assert_str_eq(band(def, &o), "above");
	/* Test codes. */
	good(a, "p1,4,maths,2025-26.autumn,nfer,B", &o);
	ck_assert_int_eq(o.value.kind, TRACK_VALUE_NOT_AT);
	ck_assert_int_eq(o.band, -1);
	ck_assert_int_eq(o.rank, 0);
	good(a, "p1,4,maths,2025-26.autumn,nfer,Q", &o);
	ck_assert_int_eq(o.value.kind, TRACK_VALUE_EXCLUDED);
	/* KS2 scaled scores. */
	good(a, "p1,6,reading,ks2,ks2,99", &o);
	ck_assert_str_eq(band(def, &o), "below");
	good(a, "p1,6,reading,ks2,ks2,100", &o);
	ck_assert_str_eq(band(def, &o), "at");
	good(a, "p1,6,reading,ks2,ks2,110", &o);
	ck_assert_str_eq(band(def, &o), "above");
	/* The MTC has no bands: a number, no band, no rank. */
	good(a, "p1,4,maths,mtc,mtc,25", &o);
	ck_assert_int_eq(o.value.kind, TRACK_VALUE_NUMBER);
	ck_assert(o.value.number == 25);
	ck_assert_int_eq(o.band, -1);
	ck_assert_int_eq(o.rank, 0);
	/* Phonics. */
	good(a, "p1,1,reading,phonics,phonics,31", &o);
	ck_assert_str_eq(band(def, &o), "below");
	good(a, "p1,1,reading,phonics,phonics,32", &o);
	ck_assert_str_eq(band(def, &o), "at");

	bad(a, "p1,4,maths,2025-26.autumn,nfer,150",
	    "score 150 out of range 70..140 for nfer");
	bad(a, "p1,4,maths,2025-26.autumn,nfer,69",
	    "score 69 out of range 70..140 for nfer");
	bad(a, "p1,4,maths,2025-26.autumn,nfer,104.5",
	    "score 104.5 is not a whole number for nfer");
	bad(a, "p1,4,maths,2025-26.autumn,nfer,<80",
	    "score <80 is not allowed for nfer (only <70 and >140)");
	bad(a, "p1,4,maths,2025-26.autumn,nfer,abc",
	    "invalid score \"abc\" for nfer");
	assess_free(a);
}
END_TEST

START_TEST(levels)
{
	track_assess *a = mk(scot, "pupil,year,subject,point,value", 0);
	struct track_obs o;

	good(a, "p1,P4,numeracy,2025-26.term2,First level", &o);
	ck_assert_str_eq(scheme_scale_id(o.scale), "cfe");
	ck_assert_str_eq(scheme_scale_code(o.scale, (size_t)o.value.index),
	    "first");
	ck_assert_str_eq(band(scot, &o), "at");
	ck_assert_int_eq(o.rank, 3);
	good(a, "p1,Primary 4,numeracy,2025-26.term2,early", &o);
	ck_assert_str_eq(band(scot, &o), "below");
	ck_assert_int_eq(o.rank, 2);
	good(a, "p1,P4,numeracy,2025-26.term2,2nd", &o);
	ck_assert_str_eq(band(scot, &o), "above");
	/* P1 expects early: the same levels band differently there. */
	good(a, "p1,P1,reading,2025-26.term2,early", &o);
	ck_assert_str_eq(band(scot, &o), "at");
	good(a, "p1,P1,reading,2025-26.term2,first", &o);
	ck_assert_str_eq(band(scot, &o), "above");
	/* A level cannot be placed without a year group. */
	bad(a, "p1,,numeracy,2025-26.term2,first",
	    "no year group to place level first on cfe");
	bad(a, "p1,P4,numeracy,2025-26.term2,fifth",
	    "unknown level \"fifth\" for numeracy");
	assess_free(a);
}
END_TEST

START_TEST(ages)
{
	track_assess *a = mk(def,
	    "pupil,year,subject,point,measure,value,dob,date", 0);
	track_assess *b;
	struct track_obs o;

	/* Born 2016-09-15, assessed 2025-10-01: 108 months (9y0m). */
	good(a, "p1,4,reading,2025-26.autumn,reading-age,9.04,2016-09-15,"
	    "2025-10-01", &o);
	ck_assert_int_eq(o.age, 108);
	ck_assert(o.value.number == 112);
	ck_assert_str_eq(band(def, &o), "at");	/* within 6 months */
	ck_assert_int_eq(o.rank, 0);
	ck_assert_str_eq(words(a, &o), "9.04");
	/* On the birthday itself the month counts. */
	good(a, "p1,4,reading,2025-26.autumn,RA,9:06,2016-09-15,2025-09-15",
	    &o);
	ck_assert_int_eq(o.age, 108);
	ck_assert_str_eq(band(def, &o), "at");
	/* The day before, it does not. */
	good(a, "p1,4,reading,2025-26.autumn,RA,9.07,2016-09-15,2025-09-14",
	    &o);
	ck_assert_int_eq(o.age, 107);
	ck_assert_str_eq(band(def, &o), "above");
	good(a, "p1,4,reading,2025-26.autumn,RA,8.05,2016-09-15,2025-10-01",
	    &o);
	ck_assert_str_eq(band(def, &o), "below");
	good(a, "p1,4,reading,2025-26.autumn,RA,8y6m,2016-09-15,2025-10-01",
	    &o);
	ck_assert_str_eq(band(def, &o), "at");
	ck_assert_str_eq(words(a, &o), "8.06");
	good(a, "p1,4,reading,2025-26.autumn,RA,<6:00,2016-09-15,2025-10-01",
	    &o);
	ck_assert_int_eq(o.value.bound, -1);
	ck_assert_str_eq(band(def, &o), "below");
	ck_assert_str_eq(words(a, &o), "<6.00");
	/* A date with a time after it. */
	good(a, "p1,4,reading,2025-26.autumn,RA,9.00,2016-09-15,"
	    "2025-10-01T09:30:00Z", &o);
	ck_assert_int_eq(o.age, 108);
	/* Other measures get no age. */
	good(a, "p1,4,reading,2025-26.autumn,ta,EXS,2016-09-15,2025-10-01",
	    &o);
	ck_assert_int_eq(o.age, -1);

	/* No age, no band: an error, never a silent band. */
	bad(a, "p1,4,reading,2025-26.autumn,RA,9.00,,2025-10-01",
	    "no chronological age to place a reading age on reading-age "
	    "(needs dob and date)");
	bad(a, "p1,4,reading,2025-26.autumn,RA,9.00,2016-09-15,",
	    "no chronological age to place a reading age on reading-age "
	    "(needs dob and date)");
	/* A UK date left as the export wrote it says so. */
	bad(a, "p1,4,reading,2025-26.autumn,RA,9.00,15/09/2016,2025-10-01",
	    "dob \"15/09/2016\" is not an ISO 8601 date (YYYY-MM-DD); "
	    "track-import reads dates as exports write them (31/01/2025, "
	    "31-Jan-2025)");
	bad(a, "p1,4,reading,2025-26.autumn,RA,9.00,2016-09-15,1/10/25",
	    "date \"1/10/25\" is not an ISO 8601 date (YYYY-MM-DD); "
	    "track-import reads dates as exports write them (31/01/2025, "
	    "31-Jan-2025)");
	/* Assessed before being born. */
	bad(a, "p1,4,reading,2025-26.autumn,RA,9.00,2026-01-01,2025-10-01",
	    "no chronological age to place a reading age on reading-age "
	    "(needs dob and date)");
	bad(a, "p1,4,reading,2025-26.autumn,RA,nine,2016-09-15,2025-10-01",
	    "invalid reading age \"nine\" for reading-age (write 9.04, 9:04, "
	    "9y4m or 9 years 4 months)");
	assess_free(a);

	/* Without a date column, the point's date (none in England). */
	b = mk(def, "pupil,subject,point,measure,value,dob", 0);
	{
		struct track_obs x;
		track_error err;

		ck_assert_int_eq(row(b, "p1,reading,2025-26.autumn,RA,9.00,"
		    "2016-09-15", &x, &err), TRACK_EXIT_DATA);
		ck_assert(strstr(err.text, "no chronological age") != NULL);
	}
	assess_free(b);
}
END_TEST

START_TEST(ages_point_date)
{
	static const char text[] =
	    "{\"name\": \"t\",\n"
	    "\"bands\": [{\"id\": \"below\"}, {\"id\": \"at\"},"
	    " {\"id\": \"above\"}],\n"
	    "\"years\": [{\"id\": \"4\"}],\n"
	    "\"subjects\": [{\"id\": \"reading\"}],\n"
	    "\"points\": {\"other\": [{\"id\": \"baseline\","
	    " \"date\": \"2025-09-20\"}]},\n"
	    "\"scales\": {\"ra\": {\"kind\": \"age\", \"tolerance\": 3}},\n"
	    "\"measures\": [{\"id\": \"ra\", \"scale\": \"ra\"}]}\n";
	track_scheme *s = NULL;
	track_assess *a;
	struct track_obs o;
	track_error err;

	ck_assert_msg(scheme_load_buffer(&s, text, strlen(text), "t.json",
	    &err) == 0, "%s", err.text);
	a = mk(s, "pupil,subject,point,value,dob,date", 0);
	/* No date on the record: the point's date, 2025-09-20. */
	good(a, "p1,reading,baseline,9.00,2016-09-15,", &o);
	ck_assert_int_eq(o.age, 108);
	ck_assert_str_eq(band(s, &o), "at");
	good(a, "p1,reading,baseline,9.04,2016-09-15,", &o);
	ck_assert_str_eq(band(s, &o), "above");	/* tolerance 3 */
	/* A record's own date wins. */
	good(a, "p1,reading,baseline,9.00,2016-09-15,2026-09-15", &o);
	ck_assert_int_eq(o.age, 120);
	ck_assert_str_eq(band(s, &o), "below");
	assess_free(a);
	scheme_free(s);
}
END_TEST

/* ---- Out of year, custom lists, objectives ---- */

START_TEST(out_of_year)
{
	track_assess *a = mk(def,
	    "pupil,year,subject,point,measure,value,against", 0);
	struct track_obs o;

	/* Year 4 working on the Year 3 curriculum, at its standard. */
	good(a, "p1,4,reading,2025-26.autumn,,EXS,3", &o);
	ck_assert_int_eq(o.year, yidx(def, "4"));
	ck_assert_int_eq(o.against, yidx(def, "3"));
	ck_assert_int_eq(o.ooy, OOY_BELOW);
	ck_assert_int_eq(o.custom, -1);
	ck_assert_str_eq(band(def, &o), "below");
	ck_assert_int_eq(o.rank, 13);	/* the value's own place */
	ck_assert_str_eq(words(a, &o), "Y3 EXS");
	/* Aliases for the year against. */
	good(a, "p1,Year 4,reading,2025-26.autumn,,GDS,Y3", &o);
	ck_assert_int_eq(o.ooy, OOY_BELOW);
	ck_assert_str_eq(band(def, &o), "below");
	ck_assert_str_eq(words(a, &o), "Y3 GDS");
	/* Working above their year. */
	good(a, "p2,3,maths,2025-26.autumn,,WTS,Year 4", &o);
	ck_assert_int_eq(o.ooy, OOY_ABOVE);
	ck_assert_int_eq(o.against, yidx(def, "4"));
	ck_assert_str_eq(band(def, &o), "above");
	ck_assert_str_eq(words(a, &o), "Y4 WTS");
	/* Reception is not a number: no "Y". */
	good(a, "p3,2,maths,2025-26.autumn,,EXS,R", &o);
	ck_assert_int_eq(o.ooy, OOY_BELOW);
	ck_assert_str_eq(words(a, &o), "R EXS");
	/* Against their own year: not out of year. */
	good(a, "p4,4,reading,2025-26.autumn,,EXS,Y4", &o);
	ck_assert_int_eq(o.ooy, OOY_NONE);
	ck_assert_int_eq(o.against, -1);
	ck_assert_str_eq(band(def, &o), "at");
	ck_assert_str_eq(words(a, &o), "EXS");
	/* Blank against: not out of year. */
	good(a, "p4,4,reading,2025-26.autumn,,EXS,", &o);
	ck_assert_int_eq(o.ooy, OOY_NONE);
	ck_assert_str_eq(band(def, &o), "at");
	/* Not assessed stays without a band. */
	good(a, "p4,4,reading,2025-26.autumn,,A,3", &o);
	ck_assert_int_eq(o.band, -1);
	ck_assert_str_eq(words(a, &o), "Y3 A");
	/* Scores keep their own band out of year. */
	good(a, "p5,4,maths,2025-26.autumn,nfer,120,3", &o);
	ck_assert_int_eq(o.ooy, OOY_BELOW);
	ck_assert_str_eq(band(def, &o), "above");

	bad(a, "p6,,reading,2025-26.autumn,,EXS,3",
	    "\"against\" is set but \"year\" is blank, so the out-of-year "
	    "rule cannot apply");
	bad(a, "p6,4,reading,2025-26.autumn,,EXS,Year 9",
	    "unknown year group or custom list in against \"Year 9\" (the "
	    "scheme has N, R, 1, 2, 3, 4, 5, 6; a new one goes in the scheme "
	    "file, given with -s)");
	assess_free(a);

	/* Scotland: levels out of year, and stage short forms. */
	a = mk(scot, "pupil,year,subject,point,value,against", 0);
	good(a, "p1,P4,numeracy,2025-26.term2,early,P3", &o);
	ck_assert_int_eq(o.ooy, OOY_BELOW);
	ck_assert_str_eq(band(scot, &o), "below");
	ck_assert_str_eq(words(a, &o), "P3 early");
	good(a, "p1,P3,numeracy,2025-26.term2,first,P4", &o);
	ck_assert_int_eq(o.ooy, OOY_ABOVE);
	ck_assert_str_eq(band(scot, &o), "above");
	ck_assert_str_eq(words(a, &o), "P4 first");
	assess_free(a);
}
END_TEST

START_TEST(custom_list)
{
	track_assess *a = mk(besp, "pupil,year,subject,point,value,against",
	    0);
	struct track_obs o;

	good(a, "p1,4,reading,summer,On track,phonics-booster", &o);
	ck_assert_int_eq(o.ooy, OOY_CUSTOM);
	ck_assert_int_eq(o.custom, scheme_custom_index(besp,
	    "phonics-booster", 15));
	ck_assert_int_eq(o.custom, 0);
	ck_assert_int_eq(o.against, -1);
	ck_assert_int_eq(o.band, bidx(besp, "well-below"));
	ck_assert_int_eq(o.band, 0);
	ck_assert_str_eq(words(a, &o), "phonics-booster On track");
	ck_assert_int_eq(o.rank, 3);
	/* No year is needed for a custom list. */
	good(a, "p1,,reading,summer,GD,phonics-booster", &o);
	ck_assert_int_eq(o.ooy, OOY_CUSTOM);
	ck_assert_str_eq(band(besp, &o), "well-below");
	ck_assert_str_eq(words(a, &o), "phonics-booster Greater depth");
	/* Bespoke words, in year. */
	good(a, "p2,4,maths,summer,secure,", &o);
	ck_assert_int_eq(o.ooy, OOY_NONE);
	ck_assert_str_eq(band(besp, &o), "at");
	ck_assert_str_eq(words(a, &o), "On track");
	good(a, "p2,4,maths,summer,PC,", &o);
	ck_assert_str_eq(band(besp, &o), "well-below");
	ck_assert_int_eq(o.rank, 1);
	assess_free(a);
}
END_TEST

START_TEST(objectives)
{
	track_assess *a = mk(besp,
	    "pupil,year,subject,point,value,against,objective", 0);
	struct track_obs o;

	/* An objective is judged on its own words: no out-of-year rule. */
	good(a, "p1,4,maths,summer,On track,3, y4m-01 ", &o);
	ck_assert_str_eq(str(o.objective), "y4m-01");
	ck_assert_int_eq(o.ooy, OOY_NONE);
	ck_assert_str_eq(band(besp, &o), "at");
	ck_assert_str_eq(words(a, &o), "On track");
	good(a, "p1,4,reading,summer,On track,phonics-booster,pb-01", &o);
	ck_assert_int_eq(o.ooy, OOY_NONE);
	ck_assert_str_eq(band(besp, &o), "at");
	ck_assert_str_eq(words(a, &o), "On track");
	good(a, "p1,4,reading,summer,Working towards,phonics-booster,pb-02",
	    &o);
	ck_assert_str_eq(band(besp, &o), "below");
	/* The same row without the objective is out of year. */
	good(a, "p1,4,reading,summer,On track,phonics-booster,", &o);
	ck_assert_int_eq(o.ooy, OOY_CUSTOM);
	ck_assert_str_eq(band(besp, &o), "well-below");
	ck_assert_uint_eq(o.objective.len, 0);
	assess_free(a);
}
END_TEST

/* ---- Errors ---- */

START_TEST(unknown_names)
{
	track_assess *a = mk(def, "pupil,year,subject,point,measure,value",
	    ASSESS_STRICT_POINTS);

	bad(a, "p1,4,reding,2025-26.autumn,,EXS",
	    "unknown subject \"reding\" (did you mean reading?)");
	bad(a, "p1,4,  Reding ,2025-26.autumn,,EXS",
	    "unknown subject \"Reding\" (did you mean reading?)");
	bad(a, "p1,4,history,2025-26.autumn,,EXS",
	    "unknown subject \"history\" (the scheme has reading, writing, "
	    "maths, science, gps, elg-listening, elg-speaking, "
	    "elg-self-regulation, ...; a new one goes in the scheme file, "
	    "given with -s)");
	bad(a, "p1,4,maths,2025-26.autumn,nfr,100",
	    "unknown measure \"nfr\" (did you mean nfer?)");
	bad(a, "p1,4,reading,2025-26.autumn,,EXPT",
	    "unknown descriptor \"EXPT\" for reading (did you mean EXS?)");
	bad(a, "p1,4,writing,2025-26.autumn,ta,GSD",
	    "unknown descriptor \"GSD\" for writing (did you mean GDS?)");
	bad(a, "p1,4,maths,2025-26.autumn,nfer,EXS",
	    "invalid score \"EXS\" for nfer");
	bad(a, "p1,Year 9,reading,2025-26.autumn,,EXS",
	    "unknown year group \"Year 9\" (the scheme has N, R, 1, 2, "
	    "3, 4, 5, 6; a new one goes in the scheme file, given with -s)");
	bad(a, "p1,4,reading,2025-26.autum,,EXS",
	    "unknown point \"2025-26.autum\" (did you mean 2025-26.autumn?)");
	bad(a, "p1,4,reading,sumer,,EXS",
	    "unknown point \"sumer\" (did you mean summer?)");
	bad(a, "p1,4,reading,week 3,,EXS", "unknown point \"week 3\"");
	/* The cache remembers a bad subject as bad. */
	bad(a, "p1,4,reding,2025-26.autumn,,EXS",
	    "unknown subject \"reding\" (did you mean reading?)");
	assess_free(a);
}
END_TEST

START_TEST(blank_fields)
{
	track_assess *a = mk(def,
	    "pupil,year,subject,point,measure,value,against", 0);
	struct track_obs o;

	bad(a, ",4,reading,2025-26.autumn,,EXS,", "blank pupil");
	bad(a, "  ,4,reading,2025-26.autumn,,EXS,", "blank pupil");
	bad(a, "p1,4,,2025-26.autumn,,EXS,", "blank subject");
	bad(a, "p1,4,reading, ,,EXS,", "blank point");
	bad(a, "p1,4,reading,2025-26.autumn,,,", "blank value");
	bad(a, "p1,4,reading,2025-26.autumn,,\t ,", "blank value");
	/* Optional fields may be blank. */
	good(a, "p1,,reading,2025-26.autumn,,EXS,", &o);
	ck_assert_int_eq(o.year, -1);
	ck_assert_int_eq(o.measure, scheme_measure_index(def, "ta", 2));
	ck_assert_str_eq(band(def, &o), "at");
	/* Blank after trimming is blank too (values are trimmed). */
	good(a, "p1,4,reading,2025-26.autumn,  ,EXS,", &o);
	ck_assert_int_eq(o.measure, scheme_measure_index(def, "ta", 2));
	assess_free(a);
}
END_TEST

/*
 * A year or against field of only spaces is blank, like a blank measure,
 * pupil or value (SPEC: values are trimmed), not an unknown year "".
 */
START_TEST(blank_year_spaces)
{
	track_assess *a = mk(def, "pupil,year,subject,point,value", 0);
	struct track_obs o;

	good(a, "p1,  ,reading,2025-26.autumn,EXS", &o);
	ck_assert_int_eq(o.year, -1);
	ck_assert_str_eq(band(def, &o), "at");
	good(a, "p1,\t,reading,2025-26.autumn,EXS", &o);
	ck_assert_int_eq(o.year, -1);
	assess_free(a);
}
END_TEST

START_TEST(blank_against_spaces)
{
	track_assess *a = mk(def, "pupil,year,subject,point,value,against",
	    0);
	struct track_obs o;

	good(a, "p1,4,reading,2025-26.autumn,EXS,  ", &o);
	ck_assert_int_eq(o.ooy, OOY_NONE);
	ck_assert_int_eq(o.against, -1);
	ck_assert_str_eq(band(def, &o), "at");
	assess_free(a);
}
END_TEST

START_TEST(strict_and_lenient_points)
{
	track_assess *lax = mk(def, "pupil,subject,point,value", 0);
	track_assess *strict = mk(def, "pupil,subject,point,value",
	    ASSESS_STRICT_POINTS);
	struct track_obs o;

	/* A point the scheme does not know is a late point by default. */
	good(lax, "p1,reading,week 3,EXS", &o);
	ck_assert_str_eq(assess_point_text(lax, o.point), "week 3");
	ck_assert(!assess_point_is_term(lax, o.point));
	ck_assert_str_eq(band(def, &o), "at");
	good(lax, "p1,reading, Week 10 ,EXS", &o);
	ck_assert_str_eq(assess_point_text(lax, o.point), "Week 10");
	bad(strict, "p1,reading,week 3,EXS", "unknown point \"week 3\"");
	/* Known points are fine either way, in any spelling. */
	good(strict, "p1,reading,Autumn 2025/26,EXS", &o);
	ck_assert_str_eq(assess_point_text(strict, o.point),
	    "2025-26.autumn");
	good(strict, "p1,reading,2025-26.autumn,EXS", &o);
	/* "week 3" was seen (and refused), and one autumn. */
	ck_assert_int_eq(assess_point_count(strict), 2);
	good(strict, "p1,reading,Aut,EXS", &o);
	ck_assert_str_eq(assess_point_text(strict, o.point), "autumn");
	ck_assert(assess_point_is_term(strict, o.point));
	ck_assert_int_eq(assess_point_count(strict), 3);
	assess_free(lax);
	assess_free(strict);
}
END_TEST

START_TEST(use_band)
{
	track_assess *a = mk(def, "pupil,year,subject,point,value,band",
	    ASSESS_USE_BAND);
	track_assess *b = mk(def, "pupil,year,subject,point,value,band", 0);
	track_assess *c = mk(def, "pupil,year,subject,point,value",
	    ASSESS_USE_BAND);
	struct track_obs o;

	/* A given band wins over the scheme's. */
	good(a, "p1,4,reading,2025-26.autumn,WTS,above", &o);
	ck_assert_str_eq(band(def, &o), "above");
	ck_assert_int_eq(o.rank, 12);
	good(a, "p1,4,reading,2025-26.autumn,WTS, At ", &o);
	ck_assert_str_eq(band(def, &o), "at");
	/* A blank one is worked out. */
	good(a, "p1,4,reading,2025-26.autumn,WTS,", &o);
	ck_assert_str_eq(band(def, &o), "below");
	bad(a, "p1,4,reading,2025-26.autumn,WTS,abve",
	    "unknown band \"abve\" (did you mean above?)");
	/* Without the flag the column is ignored. */
	good(b, "p1,4,reading,2025-26.autumn,WTS,above", &o);
	ck_assert_str_eq(band(def, &o), "below");
	good(b, "p1,4,reading,2025-26.autumn,WTS,nonsense", &o);
	ck_assert_str_eq(band(def, &o), "below");
	/* With the flag but no column, bands are worked out. */
	good(c, "p1,4,reading,2025-26.autumn,GDS", &o);
	ck_assert_str_eq(band(def, &o), "above");
	assess_free(a);
	assess_free(b);
	assess_free(c);
	/* A given band also lets a level through without a year. */
	a = mk(scot, "pupil,year,subject,point,value,band", ASSESS_USE_BAND);
	good(a, "p1,,numeracy,2025-26.term2,first,at", &o);
	ck_assert_str_eq(band(scot, &o), "at");
	assess_free(a);
}
END_TEST

/* A band field of only spaces is blank: the band is worked out. */
START_TEST(use_band_spaces)
{
	track_assess *a = mk(def, "pupil,year,subject,point,value,band",
	    ASSESS_USE_BAND);
	struct track_obs o;

	good(a, "p1,4,reading,2025-26.autumn,WTS,  ", &o);
	ck_assert_str_eq(band(def, &o), "below");
	assess_free(a);
}
END_TEST

START_TEST(many_rows)
{
	track_assess *a = mk(def, "pupil,year,subject,point,value", 0);
	static const char *const vals[] = { "WTS", "EXS", "GDS" };
	static const char *const want[] = { "below", "at", "above" };
	struct track_obs o;
	char line[128];
	int i, wrong = 0;

	/* The caches stay right past their first allocation. */
	for (i = 0; i < 3000; i++) {
		track_error err;

		snprintf(line, sizeof line, "p%d,%d,%s,%d-%02d.%s,%s", i,
		    1 + i % 6, i % 2 ? "reading" : "maths", 2000 + i % 300,
		    (1 + i % 300) % 100, i % 3 == 0 ? "autumn" : i % 3 == 1 ?
		    "spring" : "summer", vals[i % 3]);
		if (row(a, line, &o, &err) != 0 ||
		    strcmp(band(def, &o), want[i % 3]) != 0 ||
		    o.year != yidx(def, "1") + i % 6)
			wrong++;
	}
	ck_assert_int_eq(wrong, 0);
	ck_assert_uint_eq(assess_point_count(a), 300);
	assess_free(a);
}
END_TEST

/* ---- Points ---- */

/*
 * The row cache gives the same observation as reading every row the long
 * way, on the second sight of a row as on the first, with the pupil,
 * name and objective of the row in hand, for rows whose deciding fields
 * differ only in where a field ends; and a cached row still fails when a
 * field it does not key on (a blank pupil) is bad.
 */
START_TEST(row_cache)
{
	static const char *const rows[] = {
		/* the same bytes as the next in other fields: not one row */
		"P8,Hal,,reading,2025-26.autumn,ta,EXS,4,",
		"P1,Ann,4,reading,2025-26.autumn,ta,EXS,,",
		"P2,Bob,4,reading,2025-26.autumn,ta,EXS,,",
		"P3,Cat,4,reading,2025-26.autumn,ta,EXS,3,",
		"P4,Dan,4,maths,2025-26.summer,nfer,104,,",
		"P5,Eve,4,maths,2025-26.summer,nfer,104,,",
		"P6,Fay,4,maths,2025-26.autumn,ta,On track,,o1",
		"P1,Ann,4,reading,2025-26.autumn,ta,EXS,,",
		"P7,Gus,4,maths,2025-26.autumn,ta,EXS,,o1",
	};
	const char *hdr = "pupil,name,year,subject,point,measure,value,"
	    "against,objective";
	track_assess *fast = mk(def, hdr, 0);
	track_assess *slow = mk(def, hdr, ASSESS_NO_CACHE);
	struct track_obs a, b;
	track_error err;
	size_t i, k;

	for (k = 0; k < 2; k++)
		for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
			int ra = row(fast, rows[i], &a, &err);
			int rb = row(slow, rows[i], &b, &err);

			ck_assert_int_eq(ra, rb);
			if (ra != 0)
				continue;
			ck_assert_str_eq(str(a.pupil), str(b.pupil));
			ck_assert_str_eq(str(a.name), str(b.name));
			ck_assert_str_eq(str(a.objective), str(b.objective));
			ck_assert_int_eq(a.subject, b.subject);
			ck_assert_int_eq(a.measure, b.measure);
			ck_assert_ptr_eq(a.scale, b.scale);
			ck_assert_int_eq(a.year, b.year);
			ck_assert_int_eq(a.against, b.against);
			ck_assert_int_eq(a.ooy, b.ooy);
			ck_assert_int_eq(a.band, b.band);
			ck_assert_int_eq(a.rank, b.rank);
			ck_assert_int_eq(a.value.kind, b.value.kind);
			ck_assert_int_eq(a.value.index, b.value.index);
			ck_assert(a.value.number == b.value.number);
		}
	ck_assert_int_eq(row(fast, ",Zed,4,reading,2025-26.autumn,ta,EXS,,",
	    &a, &err), TRACK_EXIT_DATA);
	ck_assert_str_eq(err.text, "blank pupil");
	assess_free(fast);
	assess_free(slow);
}
END_TEST

START_TEST(point_order)
{
	track_assess *a = mk(def, "pupil,subject,point,value", 0);
	long ks2 = assess_point_intern(a, "2025-26.ks2", 11);
	long sum = assess_point_intern(a, "Summer 2025/26", 14);
	long ks1 = assess_point_intern(a, "KS1", 3);
	long aut = assess_point_intern(a, "2025-26.autumn", 14);
	long aut24 = assess_point_intern(a, "2024-25.autumn", 14);
	long bare = assess_point_intern(a, "autumn", 6);
	long w9 = assess_point_intern(a, "week 9", 6);
	long w10 = assess_point_intern(a, "week 10", 7);
	long phon = assess_point_intern(a, "phonics", 7);

	ck_assert_int_ge(ks2, 0);
	ck_assert_str_eq(assess_point_text(a, sum), "2025-26.summer");
	ck_assert_str_eq(assess_point_text(a, ks1), "ks1");
	/* Interning a spelling again gives the same id. */
	ck_assert_int_eq(assess_point_intern(a, "2025/26 Aut", 11), aut);
	ck_assert_int_eq(assess_point_intern(a, "ks2", 3),
	    assess_point_intern(a, "KS2", 3));
	ck_assert_int_ne(assess_point_intern(a, "ks2", 3), ks2);

	/* ks1 < 2025-26.autumn < 2025-26.summer < 2025-26.ks2 */
	ck_assert_int_lt(assess_point_cmp(a, ks1, aut), 0);
	ck_assert_int_lt(assess_point_cmp(a, aut, sum), 0);
	ck_assert_int_lt(assess_point_cmp(a, sum, ks2), 0);
	ck_assert_int_lt(assess_point_cmp(a, ks1, ks2), 0);
	ck_assert_int_gt(assess_point_cmp(a, ks2, aut), 0);
	ck_assert_int_gt(assess_point_cmp(a, sum, ks1), 0);
	ck_assert_int_eq(assess_point_cmp(a, sum, sum), 0);
	/* Statutory points in listed order, then bare terms, then years. */
	ck_assert_int_lt(assess_point_cmp(a, phon, ks1), 0);
	ck_assert_int_lt(assess_point_cmp(a, ks1, bare), 0);
	ck_assert_int_lt(assess_point_cmp(a, bare, aut24), 0);
	ck_assert_int_lt(assess_point_cmp(a, aut24, aut), 0);
	/* Unknown points last, in natural order. */
	ck_assert_int_lt(assess_point_cmp(a, ks2, w9), 0);
	ck_assert_int_lt(assess_point_cmp(a, w9, w10), 0);
	ck_assert_int_gt(assess_point_cmp(a, w10, w9), 0);

	ck_assert(assess_point_is_term(a, aut));
	ck_assert(assess_point_is_term(a, sum));
	ck_assert(assess_point_is_term(a, bare));
	ck_assert(!assess_point_is_term(a, ks1));
	ck_assert(!assess_point_is_term(a, ks2));
	ck_assert(!assess_point_is_term(a, phon));
	ck_assert(!assess_point_is_term(a, w9));
	assess_free(a);
}
END_TEST

START_TEST(parse_date)
{
	static const struct {
		const char *text;
		int ok, months, day;
	} cases[] = {
		{ "2025-10-01", 1, 2025 * 12 + 9, 1 },
		{ "2016-01-31", 1, 2016 * 12, 31 },
		{ "2016-12-15", 1, 2016 * 12 + 11, 15 },
		{ "2025-10-01T09:30:00Z", 1, 2025 * 12 + 9, 1 },
		{ "2025-10-01 09:30", 1, 2025 * 12 + 9, 1 },
		{ "0000-01-01", 1, 0, 1 },
		{ "2025-13-01", 0, 0, 0 },
		{ "2025-00-10", 0, 0, 0 },
		{ "2025-10-00", 0, 0, 0 },
		{ "2025-10-32", 0, 0, 0 },
		{ "2025-1-01", 0, 0, 0 },
		{ "2025/10/01", 0, 0, 0 },
		{ "01-10-2025", 0, 0, 0 },
		{ "2025-10-0", 0, 0, 0 },
		{ "2025-10-01x", 0, 0, 0 },
		{ "2025-1a-01", 0, 0, 0 },
		{ "", 0, 0, 0 },
		{ "20251001", 0, 0, 0 },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int m = -7, d = -7;
		int rc = assess_parse_date(cases[i].text,
		    strlen(cases[i].text), &m, &d);

		ck_assert_msg(rc == (cases[i].ok ? 0 : -1), "\"%s\" gave %d",
		    cases[i].text, rc);
		if (cases[i].ok) {
			ck_assert_int_eq(m, cases[i].months);
			ck_assert_int_eq(d, cases[i].day);
		}
	}
	/* Only len bytes count. */
	{
		int m, d;

		ck_assert_int_eq(assess_parse_date("2025-10-01", 9, &m, &d),
		    -1);
		ck_assert_int_eq(assess_parse_date("2025-10-01garbage", 10,
		    &m, &d), 0);
		ck_assert_int_eq(d, 1);
	}
}
END_TEST

/*
 * Days that do not exist are not dates (a mistyped date of birth should
 * not pass silently); 29 February only in leap years.
 */
START_TEST(parse_date_calendar)
{
	static const char *const bad[] = {
		"2025-02-30", "2025-02-29", "2023-02-29", "2100-02-29",
		"2025-04-31", "2025-06-31", "2025-09-31", "2025-11-31",
	};
	static const char *const good[] = {
		"2024-02-29", "2000-02-29", "2025-02-28", "2025-01-31",
		"2025-12-31", "2025-04-30",
	};
	size_t i;
	int m, d;

	for (i = 0; i < sizeof good / sizeof good[0]; i++)
		ck_assert_msg(assess_parse_date(good[i], 10, &m, &d) == 0,
		    "%s refused", good[i]);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(assess_parse_date(bad[i], 10, &m, &d) == -1,
		    "%s accepted", bad[i]);
}
END_TEST

START_TEST(year_short)
{
	char buf[16];

	ck_assert_int_eq(assess_year_short(def, yidx(def, "3"), buf,
	    sizeof buf), 2);
	ck_assert_str_eq(buf, "Y3");
	ck_assert_int_eq(assess_year_short(def, yidx(def, "R"), buf,
	    sizeof buf), 1);
	ck_assert_str_eq(buf, "R");
	ck_assert_int_eq(assess_year_short(def, yidx(def, "N"), buf,
	    sizeof buf), 1);
	ck_assert_str_eq(buf, "N");
	ck_assert_int_eq(assess_year_short(scot, yidx(scot, "Primary 4"),
	    buf, sizeof buf), 2);
	ck_assert_str_eq(buf, "P4");
	ck_assert_int_eq(assess_year_short(scot, yidx(scot, "ELC4"), buf,
	    sizeof buf), 4);
	ck_assert_str_eq(buf, "ELC4");
	/* Too small. */
	ck_assert_int_eq(assess_year_short(def, yidx(def, "3"), buf, 2), -1);
	ck_assert_int_eq(assess_year_short(def, yidx(def, "3"), buf, 3), 2);
}
END_TEST

START_TEST(own_words_small)
{
	track_assess *a = mk(def, "pupil,year,subject,point,value,against",
	    0);
	struct track_obs o;
	char buf[8];

	good(a, "p1,4,reading,2025-26.autumn,EXS,3", &o);
	ck_assert_int_eq(assess_own_words(a, &o, buf, 7), 6);
	ck_assert_str_eq(buf, "Y3 EXS");
	ck_assert_int_eq(assess_own_words(a, &o, buf, 6), -1);
	assess_free(a);
}
END_TEST

/*
 * A point, or a score, of 256 bytes or more is data like any other: it
 * used to be cut to fit a 256-byte buffer, fail, and be reported as "out
 * of memory" (exit 3).  Two long points that share their first 255 bytes
 * are two points.
 */
START_TEST(long_points)
{
	track_assess *lax = mk(def, "pupil,subject,point,value", 0);
	track_assess *strict = mk(def, "pupil,subject,point,value,measure",
	    ASSESS_STRICT_POINTS);
	char p1[301], p2[301], zeros[400];
	track_str f[5];
	struct track_obs o;
	track_error err;
	long a, b;

	memset(p1, 'w', 300);
	p1[300] = '\0';
	memcpy(p2, p1, sizeof p1);
	p2[299] = 'x';
	a = assess_point_intern(lax, p1, 300);
	b = assess_point_intern(lax, p2, 300);
	ck_assert_int_ge(a, 0);
	ck_assert_int_ge(b, 0);
	ck_assert_int_ne(a, b);
	ck_assert_str_eq(assess_point_text(lax, a), p1);
	ck_assert_str_eq(assess_point_text(lax, b), p2);
	ck_assert_int_ne(assess_point_cmp(lax, a, b), 0);
	ck_assert_int_eq(assess_point_intern(lax, p1, 300), a);

	/* A record at a long point: a late point, or an error, never 3. */
	f[0] = (track_str){ "p1", 2 };
	f[1] = (track_str){ "reading", 7 };
	f[2] = (track_str){ p2, 300 };
	f[3] = (track_str){ "EXS", 3 };
	f[4] = (track_str){ "ta", 2 };
	error_clear(&err);
	ck_assert_int_eq(assess_row(lax, f, &o, &err), 0);
	ck_assert_int_eq(o.point, b);
	ck_assert_int_eq(assess_peek_point(lax, f), b);
	error_clear(&err);
	ck_assert_int_eq(assess_row(strict, f, &o, &err), TRACK_EXIT_DATA);
	ck_assert_msg(strncmp(err.text, "unknown point \"wwww", 19) == 0 &&
	    strstr(err.text, "www...\"") != NULL, "%s", err.text);

	/* A known point spelt long is still that point. */
	memset(zeros, ' ', sizeof zeros);
	memcpy(zeros, "2025-26", 7);
	memcpy(zeros + 390, "autumn", 6);
	f[2] = (track_str){ zeros, 396 };
	error_clear(&err);
	ck_assert_msg(assess_row(strict, f, &o, &err) == 0, "%s", err.text);
	ck_assert_str_eq(assess_point_text(strict, o.point), "2025-26.autumn");

	/* A score of 300 digits is a number: 104. */
	memset(zeros, '0', sizeof zeros);
	memcpy(zeros + 297, "104", 3);
	f[2] = (track_str){ "2025-26.autumn", 14 };
	f[3] = (track_str){ zeros, 300 };
	f[4] = (track_str){ "nfer", 4 };
	error_clear(&err);
	ck_assert_msg(assess_row(strict, f, &o, &err) == 0, "%s", err.text);
	ck_assert(o.value.number == 104);
	assess_free(lax);
	assess_free(strict);
}
END_TEST

/* Own words of the longest ids a scheme may have fit ASSESS_WORDS_MAX. */
START_TEST(own_words_longest)
{
	static const char fmt[] = "{\"name\": \"n\","
	    "\"bands\": [{\"id\": \"below\"}, {\"id\": \"at\"}],"
	    "\"years\": [{\"id\": \"%s\"}, {\"id\": \"%s2\"}],"
	    "\"subjects\": [{\"id\": \"reading\"}],"
	    "\"scales\": {\"d\": {\"kind\": \"descriptor\", \"codes\": ["
	    "{\"code\": \"%s\", \"band\": \"at\"}]}},"
	    "\"measures\": [{\"id\": \"ta\", \"scale\": \"d\"}]}";
	char y[SCHEME_ID_MAX], y2[SCHEME_ID_MAX + 1], c[SCHEME_ID_MAX + 1];
	char json[1024], out[ASSESS_WORDS_MAX];
	track_scheme *s = NULL;
	track_assess *a;
	track_error err;
	track_str f[6];
	struct track_obs o;

	memset(y, 'y', sizeof y - 1);
	y[0] = '1';				/* a number: "Y1yy..." */
	y[sizeof y - 1] = '\0';			/* 63 bytes */
	snprintf(y2, sizeof y2, "%s2", y);	/* 64 */
	memset(c, 'C', sizeof c - 1);
	c[sizeof c - 1] = '\0';			/* 64 */
	snprintf(json, sizeof json, fmt, y, y, c);
	error_clear(&err);
	ck_assert_msg(scheme_load_buffer(&s, json, strlen(json), "t", &err) ==
	    0, "%s", err.text);
	a = mk(s, "pupil,year,against,subject,point,value", 0);
	/* In year "yyy...2", assessed against "yyy...". */
	f[0] = (track_str){ "p", 1 };
	f[1] = (track_str){ y2, strlen(y2) };
	f[2] = (track_str){ y, strlen(y) };
	f[3] = (track_str){ "reading", 7 };
	f[4] = (track_str){ "autumn", 6 };
	f[5] = (track_str){ c, strlen(c) };
	error_clear(&err);
	ck_assert_msg(assess_row(a, f, &o, &err) == 0, "%s", err.text);
	ck_assert_int_eq(assess_own_words(a, &o, out, sizeof out),
	    1 + 63 + 1 + 64);
	ck_assert(out[0] == 'Y' && strncmp(out + 1, y, 63) == 0 &&
	    out[64] == ' ' && strcmp(out + 65, c) == 0);
	assess_free(a);
	scheme_free(s);
}
END_TEST

static Suite *
assess_suite(void)
{
	Suite *s = suite_create("assess");
	TCase *tc;

	tc = tcase_create("bind");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, new_missing_columns);
	tcase_add_test(tc, columns);
	suite_add_tcase(s, tc);

	tc = tcase_create("values");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, descriptor);
	tcase_add_test(tc, point_scale_override);
	tcase_add_test(tc, scores);
	tcase_add_test(tc, levels);
	tcase_add_test(tc, ages);
	tcase_add_test(tc, ages_point_date);
	tcase_add_test(tc, many_rows);
	suite_add_tcase(s, tc);

	tc = tcase_create("out_of_year");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, out_of_year);
	tcase_add_test(tc, custom_list);
	tcase_add_test(tc, objectives);
	tcase_add_test(tc, own_words_small);
	tcase_add_test(tc, own_words_longest);
	suite_add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, unknown_names);
	tcase_add_test(tc, blank_fields);
	tcase_add_test(tc, blank_year_spaces);
	tcase_add_test(tc, blank_against_spaces);
	tcase_add_test(tc, strict_and_lenient_points);
	tcase_add_test(tc, long_points);
	tcase_add_test(tc, use_band);
	tcase_add_test(tc, use_band_spaces);
	suite_add_tcase(s, tc);

	tc = tcase_create("points");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, row_cache);
	tcase_add_test(tc, point_order);
	tcase_add_test(tc, parse_date);
	tcase_add_test(tc, parse_date_calendar);
	tcase_add_test(tc, year_short);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(assess_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
