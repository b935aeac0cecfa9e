/*
 * check_import_values.c - unit tests for lib/assess/import_values.c and
 * what the importer does with the values it makes: --set templates from
 * the row's columns, --recode, dates read into ISO 8601, --provenance,
 * and columns that cannot be unpivoted (a warning, or an error under
 * --strict) after --rename has applied.
 */
#include "check_main.h"
#include "import_fixture.h"

/* The records emitted, each joined with '|'. */
static char rec[8][512];
static size_t nrec;

static int
collect(void *ctx, const track_str *f, size_t n)
{
	size_t i, len = 0;

	(void)ctx;
	ck_assert_uint_lt(nrec, 8);
	rec[nrec][0] = '\0';
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(rec[nrec] + len, sizeof rec[0] - len,
		    "%s%.*s", i ? "|" : "", (int)f[i].len, f[i].ptr);
	nrec++;
	return 0;
}

/* Imports row `line` ("a|b|c") at line `ln`; returns import_row's. */
static int
row_at(const char *line, long ln)
{
	char store[1024];
	track_str f[FX_MAXCOLS];
	track_row r;

	memset(&r, 0, sizeof r);
	r.n = fx_split(line, store, sizeof store, f);
	r.field = f;
	r.line = ln;
	return import_row(imp, &r, "export.csv", collect, NULL);
}

static void
setup(void)
{
	fx_import_setup();
	nrec = 0;
}

static void
set(const char *pair)
{
	ck_assert_int_eq(mapping_add_set(&map, pair, &err), 0);
}

static void
rename_(const char *pair)
{
	ck_assert_int_eq(mapping_add_rename(&map, pair, &err), 0);
}

START_TEST(template_name)
{
	rename_("Pupil ID=pupil");
	set("name={ Surname }, {forename}");
	set("subject=maths");
	set("point=autumn");
	set("value=EXS");
	ck_assert_int_eq(fx_start("Pupil ID|Forename|Surname"), 0);
	ck_assert_str_eq(fx_out_header(),
	    "pupil|name|subject|point|value|forename|surname");
	ck_assert_int_eq(row_at("A1| Amara |Lindqvist", 2), 0);
	ck_assert_int_eq(row_at("A2||Okafor", 3), 0);
	ck_assert_int_eq(row_at("A3|Zoe|", 4), 0);
	ck_assert_int_eq(row_at("A4||", 5), 0);
	ck_assert_uint_eq(nrec, 4);
	ck_assert_str_eq(rec[0],
	    "A1|Lindqvist, Amara|maths|autumn|EXS|Amara|Lindqvist");
	ck_assert_str_eq(rec[1], "A2|Okafor|maths|autumn|EXS||Okafor");
	ck_assert_str_eq(rec[2], "A3|Zoe|maths|autumn|EXS|Zoe|");
	ck_assert_str_eq(rec[3], "A4||maths|autumn|EXS||");
}
END_TEST

START_TEST(template_by_renamed_name_and_normalised)
{
	/* A template may name the renamed column, and its value is read
	   by the scheme like any other: here it makes the point. */
	rename_("UPN=pupil");
	rename_("Term=when");
	set("point={when} {Session}");
	set("subject=reading");
	set("value=EXS");
	ck_assert_int_eq(fx_start("UPN|Term|Session"), 0);
	ck_assert_int_eq(row_at("A1|Autumn|2025-26", 2), 0);
	ck_assert_uint_eq(nrec, 1);
	ck_assert_str_eq(rec[0],
	    "A1|reading|2025-26.autumn|EXS|Autumn|2025-26");
}
END_TEST

START_TEST(template_braces)
{
	rename_("UPN=pupil");
	set("note={{x}} {UPN} }");
	ck_assert_int_eq(fx_start("UPN"), 0);
	ck_assert_int_eq(row_at("A1", 2), 0);
	ck_assert_str_eq(rec[0], "A1|{x} A1 }");
}
END_TEST

START_TEST(template_bad)
{
	set("name={Surnam}, {Forename}");
	ck_assert_int_eq(fx_start("UPN|Forename|Surname"), TRACK_EXIT_USAGE);
	ck_assert_str_eq(err.text, "--set name='{Surnam}, {Forename}': no "
	    "column \"Surnam\" (the export's columns are: UPN, Forename, "
	    "Surname)");
}
END_TEST

START_TEST(template_unclosed)
{
	set("name={Surname");
	ck_assert_int_eq(fx_start("Surname"), TRACK_EXIT_USAGE);
	ck_assert_ptr_nonnull(strstr(err.text, "is not closed"));
}
END_TEST

START_TEST(recode_values_and_keys)
{
	rename_("UPN=pupil");
	ck_assert_int_eq(mapping_option(&map, MAPPING_RECODE,
	    "measure:Rising Stars PiRA=nfer", &err), 0);
	ck_assert_int_eq(mapping_option(&map, MAPPING_RECODE,
	    "subject:Eng=reading", &err), 0);
	ck_assert_int_eq(mapping_set_list(&map.unpivot, &map.nunpivot,
	    "* *", &err), 0);
	ck_assert_int_eq(mapping_set_list(&map.key, &map.nkey,
	    "subject,measure", &err), 0);
	ck_assert_int_eq(mapping_set_string(&map.split, " ", &err), 0);
	set("point=summer");
	ck_assert_int_eq(fx_start("UPN|Eng NFER|Maths NFER"), 0);
	ck_assert_int_eq(row_at("A1|104|99", 2), 0);
	ck_assert_uint_eq(nrec, 2);
	ck_assert_str_eq(rec[0], "A1|reading|summer|nfer|104");
	import_free(imp);
	imp = NULL;
	nrec = 0;
	mapping_free_list(&map.unpivot, &map.nunpivot);
	mapping_free_list(&map.key, &map.nkey);
	rename_("Test=measure");
	set("subject=reading");
	set("value=100");
	ck_assert_int_eq(fx_start("UPN|Test"), 0);
	ck_assert_int_eq(row_at("A1| rising stars pira ", 2), 0);
	ck_assert_int_eq(row_at("A2|NFER", 3), 0);
	ck_assert_str_eq(rec[0], "A1|reading|summer|nfer|100");
	ck_assert_str_eq(rec[1], "A2|reading|summer|nfer|100");
}
END_TEST

/* Every column the export's own (import.c's short fill): --recode too. */
START_TEST(recode_export_columns)
{
	rename_("UPN=pupil");
	rename_("Test=measure");
	ck_assert_int_eq(mapping_option(&map, MAPPING_RECODE,
	    "measure:Rising Stars PiRA=nfer", &err), 0);
	ck_assert_int_eq(mapping_option(&map, MAPPING_RECODE,
	    "subject:Eng=reading", &err), 0);
	ck_assert_int_eq(fx_start("UPN|Subject|Point|Test|Value"), 0);
	ck_assert_int_eq(row_at("A3| Eng |autumn|Rising Stars PiRA|98", 2),
	    0);
	ck_assert_int_eq(row_at("A4|maths|autumn|nfer|101", 3), 0);
	ck_assert_uint_eq(nrec, 2);
	ck_assert_str_eq(rec[0], "A3|reading|autumn|nfer|98");
	ck_assert_str_eq(rec[1], "A4|maths|autumn|nfer|101");
}
END_TEST

START_TEST(dates)
{
	rename_("UPN=pupil");
	set("subject=reading");
	set("point=autumn");
	set("value=EXS");
	ck_assert_int_eq(fx_start("UPN|DOB|Date"), 0);
	ck_assert_int_eq(row_at("A1|04/03/2016|4 Oct 2025", 2), 0);
	ck_assert_int_eq(row_at("A2|31/02/2016|2025-10-04", 3), 1);
	ck_assert_int_eq(row_at("A3||", 4), 0);
	ck_assert_uint_eq(nrec, 2);
	/* Each date has a buffer of its own: the dob is not the date. */
	ck_assert_str_eq(rec[0], "A1|reading|autumn|EXS|2016-03-04|2025-10-04");
	ck_assert_str_eq(rec[1], "A3|reading|autumn|EXS||");
	FX_PROB(0, "export.csv:3: dob \"31/02/2016\" does not exist: "
	    "February 2016 has 29 days");
}
END_TEST

START_TEST(dates_month_first)
{
	map.date_order = 1;	/* DATE_MDY */
	rename_("UPN=pupil");
	ck_assert_int_eq(fx_start("UPN|dob"), 0);
	ck_assert_int_eq(row_at("A1|03/04/2016", 2), 0);
	ck_assert_str_eq(rec[0], "A1|2016-03-04");
}
END_TEST

START_TEST(unpivot_unknown_column)
{
	rename_("UPN=pupil");
	rename_("Notes Autumn=notes");
	ck_assert_int_eq(mapping_set_list(&map.unpivot, &map.nunpivot, "* *",
	    &err), 0);
	ck_assert_int_eq(mapping_set_list(&map.key, &map.nkey,
	    "subject,point", &err), 0);
	ck_assert_int_eq(mapping_set_string(&map.split, " ", &err), 0);
	ck_assert_int_eq(fx_start("UPN|Reading Autumn|Sewing Autumn|"
	    "Notes Autumn"), 0);
	/* Notes is renamed before the patterns see it: a plain column. */
	ck_assert_str_eq(fx_out_header(), "pupil|subject|point|value|notes");
	ck_assert_uint_eq(imp->nuc, 1);
	ck_assert_uint_eq(nprob, 1);
	ck_assert_ptr_nonnull(strstr(prob[0], "warning: export.csv:1: "
	    "column \"Sewing Autumn\": unknown subject \"Sewing\""));
	ck_assert_ptr_nonnull(strstr(prob[0], "; not imported (the other "
	    "columns are)"));
	ck_assert_int_eq(imp->header_errors, 0);
	ck_assert_int_eq(row_at("A1|EXS|Hemming|late", 2), 0);
	ck_assert_str_eq(rec[0], "A1|reading|autumn|EXS|late");
}
END_TEST

START_TEST(unpivot_unknown_column_strict)
{
	map.strict = 1;
	rename_("UPN=pupil");
	ck_assert_int_eq(mapping_set_list(&map.unpivot, &map.nunpivot, "* *",
	    &err), 0);
	ck_assert_int_eq(mapping_set_list(&map.key, &map.nkey,
	    "subject,point", &err), 0);
	ck_assert_int_eq(mapping_set_string(&map.split, " ", &err), 0);
	ck_assert_int_eq(fx_start("UPN|Reading Autumn|Sewing Autumn"), 0);
	ck_assert_int_eq(imp->header_errors, 1);
	ck_assert_int_eq(strncmp(prob[0], "export.csv:1: column", 20), 0);
	ck_assert_ptr_null(strstr(prob[0], "the other columns"));
}
END_TEST

START_TEST(provenance)
{
	map.provenance = 1;
	rename_("UPN=pupil");
	set("subject=reading");
	set("point=autumn");
	ck_assert_int_eq(fx_start("UPN|Value"), 0);
	ck_assert_str_eq(fx_out_header(),
	    "pupil|subject|point|value|source|source_line");
	ck_assert_int_eq(row_at("A1|EXS", 12), 0);
	ck_assert_str_eq(rec[0], "A1|reading|autumn|EXS|export.csv|12");
}
END_TEST

static Suite *
values_suite(void)
{
	Suite *s = suite_create("import_values");
	TCase *tc = tcase_create("import_values");

	tcase_add_checked_fixture(tc, setup, fx_import_teardown);
	tcase_add_test(tc, template_name);
	tcase_add_test(tc, template_by_renamed_name_and_normalised);
	tcase_add_test(tc, template_braces);
	tcase_add_test(tc, template_bad);
	tcase_add_test(tc, template_unclosed);
	tcase_add_test(tc, recode_values_and_keys);
	tcase_add_test(tc, recode_export_columns);
	tcase_add_test(tc, dates);
	tcase_add_test(tc, dates_month_first);
	tcase_add_test(tc, unpivot_unknown_column);
	tcase_add_test(tc, unpivot_unknown_column_strict);
	tcase_add_test(tc, provenance);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(values_suite())
