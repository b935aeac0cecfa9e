/*
 * check_scheme.c - the scheme's accessors (lib/scheme/scheme.c): years,
 * subjects, measures, bands and groups in the built-in scheme, and a
 * bespoke scheme that uses every feature.
 */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/str.h"
#include "scheme/scheme.h"

#include "default_scheme.h"

/* ---- Helpers ---- */

static const char *
year(const char *text)
{
	return scheme_year_id(def, text, strlen(text));
}

static const char *
subject(const char *text)
{
	return scheme_subject_id(def, text, strlen(text));
}

static const char *
measure(const char *text)
{
	return scheme_measure_id(def, text, strlen(text));
}

static char *
join(const char *const *parts)
{
	size_t n = 1, i;
	char *buf;

	for (i = 0; parts[i] != NULL; i++)
		n += strlen(parts[i]);
	buf = malloc(n);
	ck_assert_ptr_nonnull(buf);
	buf[0] = '\0';
	for (i = 0; parts[i] != NULL; i++)
		strcat(buf, parts[i]);
	return buf;
}

/* ---- Loading the default ---- */

START_TEST(test_default_loads)
{
	ck_assert_str_eq(scheme_name(def), "England primary");
	ck_assert_ptr_nonnull(scheme_description(def));
	ck_assert_uint_eq(scheme_year_count(def), 8);
	ck_assert_str_eq(scheme_year_id_at(def, 0), "N");
	ck_assert_str_eq(scheme_year_id_at(def, 7), "6");
	ck_assert_ptr_null(scheme_year_id_at(def, 8));
	ck_assert_uint_eq(scheme_band_count(def), 3);
	ck_assert_str_eq(scheme_band_id(def, 0), "below");
	ck_assert_str_eq(scheme_band_id(def, 2), "above");
	ck_assert_uint_eq(scheme_band_standard(def), 1);
	ck_assert_str_eq(scheme_measure_default(def), "ta");
	ck_assert_str_eq(scheme_subject_id_at(def, 0), "reading");
	ck_assert_str_eq(scheme_subject_label(def, 4),
	    "Grammar, punctuation and spelling");
	ck_assert_int_eq(scheme_min_group(def), 0);
	/* The 2025 KS2 national figures, with "ks2" matching 2025-26.ks2. */
	ck_assert_uint_eq(scheme_benchmark_count(def), 1);
	{
		const track_benchmark *b = scheme_benchmark_find(def,
		    "national-ks2-2025");
		const track_figure *f;

		ck_assert_ptr_nonnull(b);
		f = scheme_benchmark_lookup(def, b, "rwm", NULL,
		    "2025-26.ks2", NULL);
		ck_assert_ptr_nonnull(f);
		ck_assert(f->pct == 62);
		f = scheme_benchmark_lookup(def, b, "reading", "ks2", "ks2",
		    NULL);
		ck_assert_ptr_nonnull(f);
		ck_assert(f->pct == 75);
		ck_assert_ptr_null(scheme_benchmark_lookup(def, b, "reading",
		    "ks2", "2025-26.summer", NULL));
		ck_assert_ptr_null(scheme_benchmark_lookup(def, b, "reading",
		    "ta", "2025-26.ks2", NULL));
	}
	ck_assert_uint_eq(scheme_group_count(def), 6);
	scheme_free(NULL);
}
END_TEST

START_TEST(test_load_twice_is_independent)
{
	track_scheme *other;
	track_error err;

	ck_assert_int_eq(scheme_load_default(&other, &err), 0);
	ck_assert_ptr_ne(other, def);
	ck_assert_str_eq(scheme_year_id(other, "Y3", 2), "3");
	scheme_free(other);
	ck_assert_str_eq(year("Y3"), "3");
}
END_TEST

/* ---- Years, subjects, measures ---- */

START_TEST(test_year_aliases)
{
	static const char *const cases[][2] = {
		{ "4", "4" }, { "Year 4", "4" }, { "Y4", "4" },
		{ "yr 4", "4" }, { "Yr4", "4" }, { " year4 ", "4" },
		{ "YEAR 04", "4" }, { "Reception", "R" }, { "YR", "R" },
		{ "FS2", "R" }, { "r", "R" }, { "Nursery", "N" },
		{ "F1", "N" }, { "Year 1", "1" }, { "Y6", "6" },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ck_assert_msg(year(cases[i][0]) != NULL, "year \"%s\"",
		    cases[i][0]);
		ck_assert_str_eq(year(cases[i][0]), cases[i][1]);
	}
	ck_assert_ptr_null(year("Year 7"));
	ck_assert_ptr_null(year(""));
	ck_assert_ptr_null(year("   "));
	ck_assert_ptr_null(year("Y"));
	ck_assert_int_eq(scheme_year_index(def, "R", 1), 1);
	ck_assert_int_eq(scheme_year_index(def, "Year 6", 6), 7);
	ck_assert_int_eq(scheme_year_index(def, "7", 1), -1);
	/* Not NUL-terminated: only len bytes count. */
	ck_assert_str_eq(scheme_year_id(def, "Y5xyz", 2), "5");
	ck_assert_str_eq(scheme_year_label(def, 1), "Reception");
	ck_assert_int_eq(scheme_year_age(def, 1), 48);
	ck_assert_int_eq(scheme_year_age(def, 7), 120);
}
END_TEST

START_TEST(test_year_cmp)
{
	ck_assert_int_lt(scheme_year_cmp(def, "N", 1, "R", 1), 0);
	ck_assert_int_lt(scheme_year_cmp(def, "Reception", 9, "Y1", 2), 0);
	ck_assert_int_gt(scheme_year_cmp(def, "6", 1, "Year 2", 6), 0);
	ck_assert_int_eq(scheme_year_cmp(def, "Y3", 2, "3", 1), 0);
	/* Unknown years go last, in byte order. */
	ck_assert_int_lt(scheme_year_cmp(def, "6", 1, "7", 1), 0);
	ck_assert_int_gt(scheme_year_cmp(def, "8", 1, "N", 1), 0);
	ck_assert_int_lt(scheme_year_cmp(def, "10", 2, "9", 1), 0);
}
END_TEST

START_TEST(test_subject_aliases)
{
	ck_assert_str_eq(subject("maths"), "maths");
	ck_assert_str_eq(subject("Mathematics"), "maths");
	ck_assert_str_eq(subject("Math"), "maths");
	ck_assert_str_eq(subject(" MATHS "), "maths");
	ck_assert_str_eq(subject("Reading"), "reading");
	ck_assert_str_eq(subject("writing"), "writing");
	ck_assert_str_eq(subject("Science"), "science");
	ck_assert_str_eq(subject("GPS"), "gps");
	ck_assert_str_eq(subject("SPAG"), "gps");
	ck_assert_str_eq(subject("SPaG"), "gps");
	ck_assert_str_eq(subject("Grammar, punctuation and spelling"),
	    "gps");
	ck_assert_str_eq(subject("Word reading"), "elg-word-reading");
	ck_assert_ptr_null(subject("history"));
	ck_assert_ptr_null(subject("mathematic"));
	ck_assert_int_eq(scheme_subject_index(def, "writing", 7), 1);
}
END_TEST

START_TEST(test_measure_aliases)
{
	ck_assert_str_eq(measure(""), "ta");
	ck_assert_str_eq(measure("  "), "ta");
	ck_assert_str_eq(measure("TA"), "ta");
	ck_assert_str_eq(measure("Teacher assessment"), "ta");
	ck_assert_str_eq(measure("NFER"), "nfer");
	ck_assert_str_eq(measure("ks2"), "ks2");
	ck_assert_str_eq(measure("KS1"), "ks1");
	ck_assert_str_eq(measure("PSC"), "phonics");
	ck_assert_str_eq(measure("mtc"), "mtc");
	ck_assert_str_eq(measure("reading-age"), "reading-age");
	ck_assert_str_eq(measure("Reading age"), "reading-age");
	ck_assert_str_eq(measure("RA"), "reading-age");
	ck_assert_ptr_null(measure("sats"));
	ck_assert_uint_eq(scheme_measure_count(def), 13);
	ck_assert_str_eq(scheme_measure_label(def, 1),
	    "NFER standardised score");
	ck_assert_str_eq(scheme_scale_id(scheme_measure_scale(def, 1)),
	    "nfer");
}
END_TEST

START_TEST(test_band_lookup)
{
	ck_assert_int_eq(scheme_band_index(def, "below", 5), 0);
	ck_assert_int_eq(scheme_band_index(def, "AT", 2), 1);
	ck_assert_int_eq(scheme_band_index(def, "Above expected", 14), 2);
	ck_assert_int_eq(scheme_band_index(def, "middle", 6), -1);
	ck_assert_str_eq(scheme_band_label(def, 1), "At expected");
}
END_TEST

/* ---- Groups ---- */

/* Asserts that every spelling in the NULL-terminated list is `code`. */
static void
group_is(const char *col, const char *code, ...)
{
	va_list ap;
	const char *t;

	va_start(ap, code);
	while ((t = va_arg(ap, const char *)) != NULL) {
		const char *got = scheme_group_code(def, col, t, strlen(t),
		    NULL);

		ck_assert_msg(got != NULL && strcmp(got, code) == 0,
		    "%s \"%s\" gave %s, want %s", col, t, got ? got : "NULL",
		    code);
	}
	va_end(ap);
}

START_TEST(test_groups_as_exports_write_them)
{
	static const char *const yn[] = {
		"fsm", "pp", "disadvantaged", "eal"
	};
	size_t i;

	for (i = 0; i < 4; i++) {
		group_is(yn[i], "Y", "Yes", "YES", "y", "True", "T", "1", NULL);
		group_is(yn[i], "N", "No", "n", "false", "F", "0", NULL);
	}
	group_is("send", "K", "K ", "SEN Support", "SEN support", "k",
	    NULL);
	group_is("send", "E", "EHCP", "E", "EHC plan", "Statement", NULL);
	group_is("send", "N", "None", "N", "No SEN", NULL);
	group_is("gender", "M", "Male", "M", "Boy", "male", NULL);
	group_is("gender", "F", "Female", "F", "Girl", NULL);
	/* The nearest value by any spelling, as its code. */
	ck_assert_str_eq(scheme_group_suggest(scheme_group_find(def, "send"),
	    "SEN suport", 10), "K");
	ck_assert_str_eq(scheme_group_suggest(scheme_group_find(def, "send"),
	    "EHPC", 4), "E");
	ck_assert_str_eq(scheme_group_suggest(scheme_group_find(def,
	    "gender"), "Femal", 5), "F");
	ck_assert_str_eq(scheme_group_suggest(scheme_group_find(def, "fsm"),
	    "Yse", 3), "Y");
	ck_assert_ptr_null(scheme_group_suggest(scheme_group_find(def,
	    "send"), "Banana", 6));
	ck_assert_ptr_null(scheme_group_suggest(NULL, "K", 1));
}
END_TEST

START_TEST(test_groups)
{
	const track_group *send = scheme_group_find(def, "send");
	const track_group *pp = scheme_group_find(def, "PP");
	int dep = 7;

	ck_assert_str_eq(scheme_group_code(def, "send", "S", 1, &dep), "K");
	ck_assert_int_eq(dep, 1);
	ck_assert_str_eq(scheme_group_code(def, "send", "k", 1, &dep), "K");
	ck_assert_int_eq(dep, 0);
	ck_assert_str_eq(scheme_group_code(def, "send", " SEN support ", 13,
	    &dep), "K");
	ck_assert_int_eq(dep, 0);
	ck_assert_str_eq(scheme_group_code(def, "SEND", "ehcp", 4, &dep),
	    "E");
	ck_assert_str_eq(scheme_group_code(def, "send", "N", 1, NULL), "N");
	ck_assert_ptr_null(scheme_group_code(def, "send", "X", 1, &dep));
	ck_assert_int_eq(dep, 0);
	ck_assert_ptr_null(scheme_group_code(def, "class", "4B", 2, &dep));
	ck_assert_str_eq(scheme_group_code(def, "pp", "Yes", 3, &dep), "Y");
	ck_assert_str_eq(scheme_group_code(def, "pp", "0", 1, &dep), "N");
	ck_assert_str_eq(scheme_group_code(def, "gender", "girl", 4, &dep),
	    "F");
	ck_assert_str_eq(scheme_group_code(def, "eal", "no", 2, &dep), "N");
	ck_assert_str_eq(scheme_group_code(def, "disadvantaged", "Y", 1,
	    &dep), "Y");
	ck_assert_ptr_nonnull(send);
	ck_assert_ptr_nonnull(pp);
	ck_assert_str_eq(scheme_group_column(pp), "pp");
	ck_assert_str_eq(scheme_group_label(pp), "Pupil premium");
	ck_assert_str_eq(scheme_group_value_label(pp, 0), "Disadvantaged");
	ck_assert_uint_eq(scheme_group_value_count(send), 3);
	ck_assert_str_eq(scheme_group_value_code(send, 0), "N");
	ck_assert_str_eq(scheme_group_value_label(send, 1), "SEN support");
	ck_assert_str_eq(scheme_group_value_label(send, 2), "EHC plan");
	ck_assert_int_eq(scheme_group_value_index(send, "s", 1, &dep), 1);
	ck_assert_int_eq(dep, 1);
	ck_assert_str_eq(scheme_group_column(scheme_group_at(def, 0)),
	    "send");
	ck_assert_ptr_null(scheme_group_find(def, "class"));
}
END_TEST

/* ---- A scheme using every feature ---- */

static const char *const rich_parts[] = {
	"{\"name\": \"Bespoke\",\n"
	"\"bands\": [{\"id\": \"well-below\", \"label\": \"Well below\"},\n"
	"  {\"id\": \"below\", \"label\": \"Below\"},\n"
	"  {\"id\": \"secure\", \"label\": \"Secure\", \"standard\": true},\n"
	"  {\"id\": \"beyond\", \"label\": \"Beyond\"},\n"
	"  {\"id\": \"personal\", \"label\": \"Personal curriculum\"}],\n"
	"\"years\": [{\"id\": \"P1\", \"label\": \"Primary 1\"},\n"
	"  {\"id\": \"P2\"}, {\"id\": \"P3\"}, {\"id\": \"P4\"}],\n"
	"\"subjects\": [{\"id\": \"literacy\"}, {\"id\": \"numeracy\"},\n"
	"  {\"id\": \"art\", \"scales\": {\"judgement\": \"words\"}}],\n",
	"\"points\": {\"terms\": [{\"id\": \"t1\"}, {\"id\": \"t2\"}],\n"
	"  \"statutory\": [{\"id\": \"snsa\", \"scales\": {\"judgement\":\n"
	"    \"words\"}}],\n"
	"  \"other\": [{\"id\": \"baseline\", \"date\": \"2025-09-15\"},\n"
	"    {\"id\": \"exit\"}]},\n"
	"\"scales\": {\"cfe\": {\"kind\": \"level\", \"levels\": [\n"
	"    {\"code\": \"early\", \"label\": \"Early level\"},\n"
	"    {\"code\": \"first\"}, {\"code\": \"second\"}],\n"
	"    \"expected\": {\"P1\": \"early\", \"P4\": \"first\"},\n"
	"    \"bands\": {\"below\": \"well-below\", \"above\": \"beyond\"},\n"
	"    \"not_assessed\": [{\"code\": \"X\",\n"
	"      \"count\": \"excluded\"}]},\n",
	"  \"words\": {\"kind\": \"descriptor\", \"codes\": [\n"
	"    {\"code\": \"W1\", \"label\": \"Same words\",\n"
	"      \"band\": \"below\"},\n"
	"    {\"code\": \"W2\", \"label\": \"Same words\",\n"
	"      \"band\": \"secure\"},\n"
	"    {\"code\": \"W3\", \"label\": \"Three\",\n"
	"      \"band\": \"beyond\"}]},\n"
	"  \"pct\": {\"kind\": \"score\", \"min\": 0, \"max\": 100,\n"
	"    \"integer\": false, \"bands\": [{\"band\": \"below\"},\n"
	"    {\"band\": \"secure\", \"min\": 62.5}]}},\n"
	"\"measures\": [{\"id\": \"judgement\", \"aliases\": [\"J\"],\n"
	"  \"scale\": \"cfe\"}, {\"id\": \"percent\", \"scale\": \"pct\"}],\n"
	"\"out_of_year\": {\"below\": null, \"above\": \"beyond\",\n"
	"  \"custom\": \"personal\"},\n",
	"\"objectives\": {\"numeracy\": {\"P2\": [\n"
	"  {\"id\": \"n2-1\", \"label\": \"Count to 100\"},\n"
	"  {\"id\": \"n2-2\"}]}},\n"
	"\"custom_objectives\": {\"steps\": {\"label\": \"Small steps\",\n"
	"  \"objectives\": {\"numeracy\": [{\"id\": \"s1\"}]}}},\n"
	"\"groups\": {\"simd\": {\"label\": \"SIMD quintile\", \"values\": [\n"
	"  {\"code\": \"1\", \"label\": \"Most deprived\"},\n"
	"  {\"code\": \"5\", \"label\": \"Least deprived\"}]}},\n"
	"\"privacy\": {\"min_group\": 5},\n"
	"\"benchmarks\": {\"la\": {\"label\": \"Local authority\",\n"
	"  \"figures\": [\n"
	"  {\"subject\": \"numeracy\", \"pct\": 70},\n"
	"  {\"subject\": \"Numeracy\", \"point\": \"2024-25 T2\",\n"
	"   \"pct\": 72},\n"
	"  {\"subject\": \"literacy\", \"measure\": \"percent\",\n"
	"   \"band\": \"secure\", \"pct\": 55.5}]}}}\n",
	NULL
};

static track_scheme *
load_rich(void)
{
	char *text = join(rich_parts);
	track_scheme *s;
	track_error err;

	if (scheme_load_buffer(&s, text, strlen(text), "rich.json", &err)
	    != 0)
		ck_abort_msg("rich: %s:%ld: %s", err.file, err.line, err.text);
	free(text);
	return s;
}

START_TEST(test_rich_levels)
{
	track_scheme *s = load_rich();
	const track_scale *cfe = scheme_scale_for(s, "numeracy", NULL, NULL);
	track_value_ctx ctx = { 0, -1, 0, -1 };
	track_value v;
	track_error err;
	int b;

	ck_assert_str_eq(scheme_measure_default(s), "judgement");
	ck_assert_uint_eq(scheme_band_standard(s), 2);
	ck_assert_int_eq(scheme_min_group(s), 5);
	ck_assert_int_eq(scheme_scale_kind(cfe), TRACK_SCALE_LEVEL);
	ck_assert_int_eq(scheme_value_parse(s, cfe, "Early level", 11, &v,
	    &err), 0);
	ck_assert_int_eq(scheme_value_rank(cfe, &v), 1);
	ck_assert_int_eq(scheme_value_band(s, cfe, &v, &ctx, &b, &err), 0);
	ck_assert_str_eq(scheme_band_id(s, (size_t)b), "secure");
	ck_assert_int_eq(scheme_value_parse(s, cfe, "FIRST", 5, &v, &err), 0);
	ck_assert_int_eq(scheme_value_band(s, cfe, &v, &ctx, &b, &err), 0);
	ck_assert_str_eq(scheme_band_id(s, (size_t)b), "beyond");
	ctx.year = 3;
	ck_assert_int_eq(scheme_value_parse(s, cfe, "early", 5, &v, &err), 0);
	ck_assert_int_eq(scheme_value_band(s, cfe, &v, &ctx, &b, &err), 0);
	ck_assert_str_eq(scheme_band_id(s, (size_t)b), "well-below");
	ck_assert_str_eq(scheme_scale_expected(cfe, 3), "first");
	ck_assert_ptr_null(scheme_scale_expected(cfe, 1));
	/* P2 has no expected level, and no year cannot be placed. */
	ctx.year = 1;
	ck_assert_int_eq(scheme_value_band(s, cfe, &v, &ctx, &b, &err),
	    TRACK_EXIT_DATA);
	ck_assert_str_eq(err.text, "no expected level for year P2 on cfe");
	ck_assert_int_eq(scheme_value_band(s, cfe, &v, NULL, &b, &err),
	    TRACK_EXIT_DATA);
	/* Out of year: below keeps the own band, custom is "personal". */
	ctx.year = 3;
	ctx.against = 0;
	ck_assert_int_eq(scheme_value_band(s, cfe, &v, &ctx, &b, &err), 0);
	ck_assert_str_eq(scheme_band_id(s, (size_t)b), "well-below");
	ctx.year = 0;
	ctx.against = 2;
	ck_assert_int_eq(scheme_value_band(s, cfe, &v, &ctx, &b, &err), 0);
	ck_assert_str_eq(scheme_band_id(s, (size_t)b), "beyond");
	ctx.against = -1;
	ctx.custom = 1;
	ck_assert_int_eq(scheme_value_band(s, cfe, &v, &ctx, &b, &err), 0);
	ck_assert_str_eq(scheme_band_id(s, (size_t)b), "personal");
	ck_assert_int_eq(scheme_value_parse(s, cfe, "x", 1, &v, &err), 0);
	ck_assert_int_eq(v.kind, TRACK_VALUE_EXCLUDED);
	ck_assert_int_eq(scheme_value_parse(s, cfe, "frist", 5, &v, &err),
	    TRACK_EXIT_DATA);
	ck_assert_str_eq(err.text,
	    "unknown level \"frist\" for cfe (did you mean first?)");
	scheme_free(s);
}
END_TEST

START_TEST(test_rich_points_and_overrides)
{
	track_scheme *s = load_rich();
	static const char *const order[] = {
		"snsa", "baseline", "exit", "t1", "t2", "2024-25.t1",
		"2024-25.t2", "2024-25.snsa", "2025-26.t1", "autumn",
	};
	size_t n = sizeof order / sizeof order[0], i;
	track_point_key a, b;
	char out[32];

	for (i = 0; i + 1 < n; i++) {
		scheme_point_key(s, order[i], strlen(order[i]), &a);
		scheme_point_key(s, order[i + 1], strlen(order[i + 1]), &b);
		ck_assert_msg(scheme_point_cmp(&a, &b) < 0, "%s < %s",
		    order[i], order[i + 1]);
	}
	ck_assert_int_eq(scheme_point_normalise(s, "Baseline", 8, out,
	    sizeof out), TRACK_POINT_OTHER);
	ck_assert_str_eq(out, "baseline");
	/* Other points are not scoped to a year. */
	ck_assert_int_eq(scheme_point_normalise(s, "2025-26.baseline", 16,
	    out, sizeof out), TRACK_POINT_UNKNOWN);
	ck_assert_int_eq(scheme_point_qualify(s, "baseline", 8, "2025-26", 7,
	    out, sizeof out), TRACK_POINT_OTHER);
	ck_assert_str_eq(scheme_point_date(s, "baseline", 8), "2025-09-15");
	ck_assert_ptr_null(scheme_point_date(s, "exit", 4));
	ck_assert_str_eq(scheme_scale_id(scheme_scale_for(s, "literacy", "J",
	    "2025-26.snsa")), "words");
	ck_assert_str_eq(scheme_scale_id(scheme_scale_for(s, "art", NULL,
	    NULL)), "words");
	ck_assert_str_eq(scheme_scale_id(scheme_scale_for(s, "literacy",
	    "percent", "snsa")), "pct");
	scheme_free(s);
}
END_TEST

START_TEST(test_rich_values)
{
	track_scheme *s = load_rich();
	const track_scale *words = scheme_scale_find(s, "words");
	const track_scale *pct = scheme_scale_find(s, "pct");
	track_value v;
	track_error err;
	char out[32];
	int b;

	/* A label shared by two codes matches neither. */
	ck_assert_int_eq(scheme_value_parse(s, words, "Same words", 10, &v,
	    &err), TRACK_EXIT_DATA);
	ck_assert_int_eq(scheme_value_parse(s, words, "three", 5, &v, &err),
	    0);
	ck_assert_int_eq(v.index, 2);
	ck_assert_str_eq(scheme_scale_expected(pct, 0), "62.5");
	ck_assert_str_eq(scheme_scale_expected(words, 0), "W2");
	ck_assert_int_eq(scheme_value_normalise(s, pct, " 62.50 ", 7, out,
	    sizeof out, &err), 0);
	ck_assert_str_eq(out, "62.5");
	ck_assert_int_eq(scheme_value_parse(s, pct, "62.4", 4, &v, &err), 0);
	ck_assert_int_eq(scheme_value_band(s, pct, &v, NULL, &b, &err), 0);
	ck_assert_str_eq(scheme_band_id(s, (size_t)b), "below");
	ck_assert_int_eq(scheme_value_parse(s, pct, "62.5", 4, &v, &err), 0);
	ck_assert_int_eq(scheme_value_band(s, pct, &v, NULL, &b, &err), 0);
	ck_assert_str_eq(scheme_band_id(s, (size_t)b), "secure");
	ck_assert_int_eq(scheme_value_normalise(s, pct, "100", 3, out,
	    sizeof out, &err), 0);
	ck_assert_str_eq(out, "100");
	scheme_free(s);
}
END_TEST

START_TEST(test_rich_objectives_groups_benchmarks)
{
	track_scheme *s = load_rich();
	const track_objectives *l;
	const track_benchmark *bm;
	const track_figure *f;

	l = scheme_objectives(s, "Numeracy", "p2");
	ck_assert_ptr_nonnull(l);
	ck_assert_uint_eq(scheme_objectives_count(l), 2);
	ck_assert_str_eq(scheme_objectives_id(l, 0), "n2-1");
	ck_assert_str_eq(scheme_objectives_label(l, 0), "Count to 100");
	ck_assert_int_eq(scheme_objectives_find(l, "N2-2", 4), 1);
	ck_assert_int_eq(scheme_objectives_find(l, "n2-3", 4), -1);
	ck_assert_ptr_null(scheme_objectives(s, "numeracy", "P3"));
	ck_assert_ptr_null(scheme_objectives(s, "history", "P2"));
	ck_assert_uint_eq(scheme_objectives_count(NULL), 0);
	ck_assert_int_eq(scheme_custom_index(s, "steps", 5), 0);
	ck_assert_int_eq(scheme_custom_index(s, "Small steps", 11), 0);
	ck_assert_int_eq(scheme_custom_index(s, "P2", 2), -1);
	ck_assert_uint_eq(scheme_custom_count(s), 1);
	ck_assert_str_eq(scheme_custom_id(s, 0), "steps");
	ck_assert_str_eq(scheme_custom_label(s, 0), "Small steps");
	l = scheme_custom_objectives(s, "steps", "numeracy");
	ck_assert_int_eq(scheme_objectives_find(l, "s1", 2), 0);
	ck_assert_ptr_null(scheme_custom_objectives(s, "steps", "literacy"));
	ck_assert_str_eq(scheme_group_code(s, "SIMD", "most deprived", 13,
	    NULL), "1");
	ck_assert_ptr_null(scheme_group_code(s, "send", "K", 1, NULL));
	bm = scheme_benchmark_find(s, "la");
	ck_assert_ptr_nonnull(bm);
	ck_assert_str_eq(scheme_benchmark_label(bm), "Local authority");
	ck_assert_uint_eq(scheme_benchmark_figure_count(bm), 3);
	f = scheme_benchmark_figure(bm, 1);
	ck_assert_str_eq(f->subject, "numeracy");
	ck_assert_str_eq(f->measure, "judgement");
	ck_assert_str_eq(f->point, "2024-25.t2");
	ck_assert_str_eq(f->band, "at_or_above");
	f = scheme_benchmark_lookup(s, bm, "numeracy", NULL, "2024-25.T2",
	    NULL);
	ck_assert(f != NULL && f->pct == 72);
	f = scheme_benchmark_lookup(s, bm, "numeracy", NULL, "2025-26.t1",
	    NULL);
	ck_assert(f != NULL && f->pct == 70);
	f = scheme_benchmark_lookup(s, bm, "numeracy", NULL, NULL, NULL);
	ck_assert(f != NULL && f->pct == 70);
	f = scheme_benchmark_lookup(s, bm, "Literacy", "percent", NULL,
	    "Secure");
	ck_assert(f != NULL && f->pct == 55.5);
	ck_assert_ptr_null(scheme_benchmark_lookup(s, bm, "literacy", NULL,
	    NULL, NULL));
	ck_assert_ptr_null(scheme_benchmark_find(s, "national"));
	scheme_free(s);
}
END_TEST


static Suite *
scheme_suite(void)
{
	Suite *s = suite_create("scheme");
	TCase *tc;

	tc = tcase_create("default");
	tcase_add_checked_fixture(tc, setup_default, teardown_default);
	tcase_add_test(tc, test_default_loads);
	tcase_add_test(tc, test_load_twice_is_independent);
	tcase_add_test(tc, test_year_aliases);
	tcase_add_test(tc, test_year_cmp);
	tcase_add_test(tc, test_subject_aliases);
	tcase_add_test(tc, test_measure_aliases);
	tcase_add_test(tc, test_band_lookup);
	tcase_add_test(tc, test_groups);
	tcase_add_test(tc, test_groups_as_exports_write_them);
	suite_add_tcase(s, tc);

	tc = tcase_create("bespoke");
	tcase_add_test(tc, test_rich_levels);
	tcase_add_test(tc, test_rich_points_and_overrides);
	tcase_add_test(tc, test_rich_values);
	tcase_add_test(tc, test_rich_objectives_groups_benchmarks);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(scheme_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
