/*
 * check_scheme_load.c - the scheme loader (lib/scheme/load*.c): what it
 * rejects, with which message at which JSON path, and loading files.
 */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/str.h"
#include "scheme/scheme.h"

/* ---- Broken schemes ---- */

/*
 * Builds a small scheme from parts (NULL means the default part) and
 * loads it, returning the status; the scheme is freed at once.
 */
static int
try_load(track_error *err, const char *bands, const char *years,
    const char *subjects, const char *scales, const char *measures,
    const char *extra)
{
	static char buf[8192];
	track_scheme *s = NULL;
	int rc;

	snprintf(buf, sizeof buf, "{\"name\": \"t\",\n%s,\n%s,\n%s,\n%s,\n"
	    "%s%s%s}",
	    bands ? bands : "\"bands\": [{\"id\": \"below\"}, "
	    "{\"id\": \"at\"}, {\"id\": \"above\"}]",
	    years ? years : "\"years\": [{\"id\": \"1\", \"aliases\": "
	    "[\"Y1\"]}, {\"id\": \"2\", \"aliases\": [\"Y2\"]}]",
	    subjects ? subjects : "\"subjects\": [{\"id\": \"reading\"}, "
	    "{\"id\": \"maths\"}]",
	    scales ? scales : "\"scales\": {\"ta\": {\"kind\": "
	    "\"descriptor\", \"codes\": [{\"code\": \"WTS\", \"band\": "
	    "\"below\"}, {\"code\": \"EXS\", \"band\": \"at\"}]}, "
	    "\"nfer\": {\"kind\": \"score\", \"min\": 70, \"max\": 140, "
	    "\"bands\": [{\"band\": \"below\", \"min\": 70}, {\"band\": "
	    "\"at\", \"min\": 95}, {\"band\": \"above\", \"min\": 115}]}}",
	    measures ? measures : "\"measures\": [{\"id\": \"ta\", "
	    "\"scale\": \"ta\"}, {\"id\": \"nfer\", \"scale\": \"nfer\"}]",
	    extra ? ",\n" : "", extra ? extra : "");
	error_clear(err);
	rc = scheme_load_buffer(&s, buf, strlen(buf), "t.json", err);
	if (rc == 0)
		ck_assert_ptr_nonnull(s);
	else
		ck_assert_ptr_null(s);
	scheme_free(s);
	return rc;
}

/* Asserts a semantic error with exactly message `want` (no line). */
static void
rejected(track_error *err, int rc, const char *want)
{
	ck_assert_msg(rc == TRACK_EXIT_DATA, "accepted (want %s)", want);
	ck_assert_int_eq(err->kind, TRACK_EXIT_DATA);
	ck_assert_str_eq(err->file, "t.json");
	ck_assert_int_eq(err->line, 0);
	ck_assert_str_eq(err->text, want);
}

START_TEST(test_minimal_scheme_loads)
{
	track_error err;

	ck_assert_int_eq(try_load(&err, NULL, NULL, NULL, NULL, NULL, NULL),
	    0);
}
END_TEST

START_TEST(test_reject_unknown_keys)
{
	track_error err;
	int rc;

	rc = try_load(&err, NULL, NULL, NULL, NULL, NULL, "\"scals\": {}");
	rejected(&err, rc,
	    "$: unknown key \"scals\" (did you mean \"scales\"?)");
	rc = try_load(&err, NULL, NULL, NULL, NULL, NULL, "\"colour\": 1");
	rejected(&err, rc, "$: unknown key \"colour\"");
	rc = try_load(&err, NULL, "\"years\": [{\"id\": \"1\", \"alias\": "
	    "[\"Y1\"]}]", NULL, NULL, NULL, NULL);
	rejected(&err, rc, "$.years[0]: unknown key \"alias\" (did you mean "
	    "\"aliases\"?)");
	rc = try_load(&err, NULL, NULL, NULL, "\"scales\": {\"nfer\": "
	    "{\"kind\": \"score\", \"min\": 70, \"max\": 140, "
	    "\"tresholds\": []}}", "\"measures\": [{\"id\": \"nfer\", "
	    "\"scale\": \"nfer\"}]", NULL);
	rejected(&err, rc, "$.scales.nfer: unknown key \"tresholds\"");
	rc = try_load(&err, NULL, NULL, NULL, "\"scales\": {\"x\": "
	    "{\"kind\": \"score\", \"min\": 0, \"max\": 9, \"codes\": []}}",
	    "\"measures\": [{\"id\": \"x\", \"scale\": \"x\"}]", NULL);
	rejected(&err, rc, "$.scales.x: unknown key \"codes\"");
	rc = try_load(&err, NULL, NULL, NULL, NULL, NULL,
	    "\"privacy\": {\"min_groups\": 5}");
	rejected(&err, rc, "$.privacy: unknown key \"min_groups\" (did you "
	    "mean \"min_group\"?)");
}
END_TEST

START_TEST(test_reject_thresholds)
{
	track_error err;
	int rc;

	rc = try_load(&err, NULL, NULL, NULL, "\"scales\": {\"nfer\": "
	    "{\"kind\": \"score\", \"min\": 70, \"max\": 140, \"bands\": "
	    "[{\"band\": \"below\"}, {\"band\": \"at\", \"min\": 95}, "
	    "{\"band\": \"above\", \"min\": 95}]}}",
	    "\"measures\": [{\"id\": \"nfer\", \"scale\": \"nfer\"}]", NULL);
	rejected(&err, rc, "$.scales.nfer.bands[2].min: thresholds overlap "
	    "(95 is not above 95)");
	rc = try_load(&err, NULL, NULL, NULL, "\"scales\": {\"nfer\": "
	    "{\"kind\": \"score\", \"min\": 70, \"max\": 140, \"bands\": "
	    "[{\"band\": \"below\", \"min\": 70}, {\"band\": \"at\", "
	    "\"min\": 115}, {\"band\": \"above\", \"min\": 95}]}}",
	    "\"measures\": [{\"id\": \"nfer\", \"scale\": \"nfer\"}]", NULL);
	rejected(&err, rc, "$.scales.nfer.bands[2].min: thresholds overlap "
	    "(95 is not above 115)");
	rc = try_load(&err, NULL, NULL, NULL, "\"scales\": {\"nfer\": "
	    "{\"kind\": \"score\", \"min\": 70, \"max\": 140, \"bands\": "
	    "[{\"band\": \"below\", \"min\": 60}]}}",
	    "\"measures\": [{\"id\": \"nfer\", \"scale\": \"nfer\"}]", NULL);
	rejected(&err, rc, "$.scales.nfer.bands[0].min: the first band must "
	    "start at the scale's min (70, not 60)");
	rc = try_load(&err, NULL, NULL, NULL, "\"scales\": {\"nfer\": "
	    "{\"kind\": \"score\", \"min\": 70, \"max\": 140, \"bands\": "
	    "[{\"band\": \"below\"}, {\"band\": \"at\", \"min\": 150}]}}",
	    "\"measures\": [{\"id\": \"nfer\", \"scale\": \"nfer\"}]", NULL);
	rejected(&err, rc, "$.scales.nfer.bands[1].min: threshold 150 is "
	    "above the scale's max 140");
	rc = try_load(&err, NULL, NULL, NULL, "\"scales\": {\"nfer\": "
	    "{\"kind\": \"score\", \"min\": 70, \"max\": 140, \"bands\": "
	    "[{\"band\": \"at\"}, {\"band\": \"below\", \"min\": 100}]}}",
	    "\"measures\": [{\"id\": \"nfer\", \"scale\": \"nfer\"}]", NULL);
	rejected(&err, rc, "$.scales.nfer.bands[1].band: bands go from "
	    "lowest to highest, but below comes after at");
	rc = try_load(&err, NULL, NULL, NULL, "\"scales\": {\"nfer\": "
	    "{\"kind\": \"score\", \"min\": 70, \"max\": 70}}",
	    "\"measures\": [{\"id\": \"nfer\", \"scale\": \"nfer\"}]", NULL);
	rejected(&err, rc, "$.scales.nfer.max: max 70 is not above min 70");
	rc = try_load(&err, NULL, NULL, NULL, "\"scales\": {\"nfer\": "
	    "{\"kind\": \"score\", \"min\": \"70\", \"max\": 140}}",
	    "\"measures\": [{\"id\": \"nfer\", \"scale\": \"nfer\"}]", NULL);
	rejected(&err, rc, "$.scales.nfer.min: expected a number");
}
END_TEST

START_TEST(test_reject_references)
{
	track_error err;
	int rc;

	rc = try_load(&err, NULL, NULL, NULL, NULL, "\"measures\": [{\"id\": "
	    "\"ta\", \"scale\": \"ta\"}, {\"id\": \"nfer\", \"scale\": "
	    "\"nfr\"}]", NULL);
	rejected(&err, rc, "$.measures[1].scale: unknown scale \"nfr\" (did "
	    "you mean \"nfer\"?)");
	rc = try_load(&err, NULL, NULL, NULL, "\"scales\": {\"ta\": "
	    "{\"kind\": \"descriptor\", \"codes\": [{\"code\": \"WTS\", "
	    "\"band\": \"bellow\"}]}}", "\"measures\": [{\"id\": \"ta\", "
	    "\"scale\": \"ta\"}]", NULL);
	rejected(&err, rc, "$.scales.ta.codes[0].band: unknown band "
	    "\"bellow\" (did you mean \"below\"?)");
	rc = try_load(&err, NULL, NULL, "\"subjects\": [{\"id\": "
	    "\"reading\", \"scales\": {\"tx\": \"ta\"}}]", NULL, NULL, NULL);
	rejected(&err, rc, "$.subjects[0].scales.tx: unknown measure \"tx\" "
	    "(did you mean \"ta\"?)");
	rc = try_load(&err, NULL, NULL, "\"subjects\": [{\"id\": "
	    "\"reading\", \"scales\": {\"ta\": \"tax\"}}]", NULL, NULL, NULL);
	rejected(&err, rc, "$.subjects[0].scales.ta: unknown scale \"tax\" "
	    "(did you mean \"ta\"?)");
	rc = try_load(&err, NULL, NULL, NULL, "\"scales\": {\"cfe\": "
	    "{\"kind\": \"level\", \"levels\": [{\"code\": \"early\"}, "
	    "{\"code\": \"first\"}], \"expected\": {\"Y1\": \"erly\"}}}",
	    "\"measures\": [{\"id\": \"ta\", \"scale\": \"cfe\"}]", NULL);
	rejected(&err, rc, "$.scales.cfe.expected.Y1: expected level "
	    "\"erly\" is not in the level list (did you mean \"early\"?)");
	rc = try_load(&err, NULL, NULL, NULL, "\"scales\": {\"cfe\": "
	    "{\"kind\": \"level\", \"levels\": [{\"code\": \"early\"}], "
	    "\"expected\": {\"Y3\": \"early\"}}}",
	    "\"measures\": [{\"id\": \"ta\", \"scale\": \"cfe\"}]", NULL);
	rejected(&err, rc, "$.scales.cfe.expected.Y3: unknown year \"Y3\" "
	    "(did you mean \"1\"?)");
	rc = try_load(&err, NULL, NULL, NULL, NULL, NULL, "\"points\": "
	    "{\"statutory\": [{\"id\": \"ks1\", \"scales\": {\"ta\": "
	    "\"ks1ta\"}}]}");
	rejected(&err, rc, "$.points.statutory[0].scales.ta: unknown scale "
	    "\"ks1ta\"");
	rc = try_load(&err, NULL, NULL, NULL, "\"scales\": {\"ta\": "
	    "{\"kind\": \"descriptor\", \"codes\": [{\"code\": \"WTS\", "
	    "\"band\": \"below\"}], \"not_assessed\": \"tests\"}}",
	    "\"measures\": [{\"id\": \"ta\", \"scale\": \"ta\"}]",
	    "\"not_assessed\": {\"test\": []}");
	rejected(&err, rc, "$.scales.ta.not_assessed: unknown not_assessed "
	    "set \"tests\" (did you mean \"test\"?)");
	rc = try_load(&err, NULL, NULL, NULL, NULL, NULL,
	    "\"out_of_year\": {\"below\": \"under\"}");
	rejected(&err, rc, "$.out_of_year.below: unknown band \"under\"");
	rc = try_load(&err, NULL, NULL, NULL, NULL, NULL,
	    "\"objectives\": {\"science\": {\"1\": []}}");
	rejected(&err, rc, "$.objectives.science: unknown subject "
	    "\"science\"");
	rc = try_load(&err, NULL, NULL, NULL, NULL, NULL,
	    "\"benchmarks\": {\"nat\": {\"figures\": [{\"subject\": "
	    "\"rwm\", \"band\": \"abve\", \"pct\": 60}]}}");
	rejected(&err, rc, "$.benchmarks.nat.figures[0].band: unknown band "
	    "\"abve\" (did you mean \"above\"?)");
	rc = try_load(&err, NULL, NULL, NULL, NULL, NULL,
	    "\"benchmarks\": {\"nat\": {\"figures\": [{\"subject\": "
	    "\"rwm\", \"point\": \"ks3\", \"pct\": 60}]}}");
	rejected(&err, rc, "$.benchmarks.nat.figures[0].point: unknown point "
	    "\"ks3\"");
}
END_TEST

START_TEST(test_reject_duplicates)
{
	track_error err;
	int rc;

	rc = try_load(&err, NULL, "\"years\": [{\"id\": \"1\"}, {\"id\": "
	    "\"1\"}]", NULL, NULL, NULL, NULL);
	rejected(&err, rc, "$.years[1].id: duplicate year \"1\"");
	rc = try_load(&err, NULL, "\"years\": [{\"id\": \"1\", \"aliases\": "
	    "[\"Y1\"]}, {\"id\": \"2\", \"aliases\": [\"y 1\"]}]", NULL,
	    NULL, NULL, NULL);
	rejected(&err, rc, "$.years[1].aliases[0]: \"y 1\" is already used "
	    "by year 1");
	rc = try_load(&err, NULL, NULL, "\"subjects\": [{\"id\": "
	    "\"maths\"}, {\"id\": \"numeracy\", \"aliases\": [\"Maths\"]}]",
	    NULL, NULL, NULL);
	rejected(&err, rc, "$.subjects[1].aliases[0]: \"Maths\" is already "
	    "used by subject maths");
	rc = try_load(&err, NULL, NULL, NULL, "\"scales\": {\"ta\": "
	    "{\"kind\": \"descriptor\", \"codes\": [{\"code\": \"A\", "
	    "\"band\": \"below\"}], \"not_assessed\": [{\"code\": \"A\", "
	    "\"count\": \"not-at\"}]}}", "\"measures\": [{\"id\": \"ta\", "
	    "\"scale\": \"ta\"}]", NULL);
	rejected(&err, rc, "$.scales.ta.not_assessed[0].code: duplicate code "
	    "\"A\"");
	rc = try_load(&err, NULL, NULL, NULL, NULL, NULL, "\"groups\": "
	    "{\"send\": {\"values\": [{\"code\": \"K\", \"deprecated\": "
	    "[\"S\"]}, {\"code\": \"S\"}]}}");
	rejected(&err, rc, "$.groups.send.values[1].code: \"S\" is already "
	    "used by value K");
	rc = try_load(&err, NULL, NULL, NULL, NULL, NULL, "\"points\": "
	    "{\"terms\": [{\"id\": \"autumn\"}], \"statutory\": [{\"id\": "
	    "\"ks2\", \"aliases\": [\"Autumn\"]}]}");
	rejected(&err, rc, "$.points.statutory[0].aliases[0]: \"Autumn\" is "
	    "already used by point autumn");
	rc = try_load(&err, NULL, NULL, NULL, NULL, NULL,
	    "\"custom_objectives\": {\"Y2\": {\"objectives\": {}}}");
	rejected(&err, rc, "$.custom_objectives.Y2: custom list \"Y2\" has "
	    "the same name as year 2");
	rc = try_load(&err, NULL, NULL, NULL, NULL, NULL,
	    "\"objectives\": {\"maths\": {\"2\": [], \"Y2\": []}}");
	rejected(&err, rc, "$.objectives.maths.Y2: maths year 2 is listed "
	    "twice");
}
END_TEST

START_TEST(test_reject_other)
{
	track_error err;
	int rc;

	rc = try_load(&err, NULL, NULL, NULL, "\"scales\": {\"ta\": "
	    "{\"kind\": \"descriptor\", \"codes\": [{\"code\": \"EXS\", "
	    "\"band\": \"at\"}, {\"code\": \"WTS\", \"band\": "
	    "\"below\"}]}}", "\"measures\": [{\"id\": \"ta\", \"scale\": "
	    "\"ta\"}]", NULL);
	rejected(&err, rc, "$.scales.ta.codes[1].band: codes go from lowest "
	    "to highest, but WTS (below) comes after EXS (at)");
	rc = try_load(&err, NULL, NULL, NULL, "\"scales\": {\"x\": "
	    "{\"kind\": \"scor\"}}", "\"measures\": []", NULL);
	rejected(&err, rc, "$.scales.x.kind: unknown kind \"scor\" (did you "
	    "mean \"score\"?)");
	rc = try_load(&err, NULL, NULL, NULL, NULL, "\"measures\": []",
	    NULL);
	rejected(&err, rc, "$.measures: must not be empty");
	rc = try_load(&err, NULL, "\"years\": [{\"id\": \"1\", \"age\": "
	    "\"five\"}]", NULL, NULL, NULL, NULL);
	rejected(&err, rc, "$.years[0].age: expected a whole number");
	rc = try_load(&err, NULL, "\"years\": [{\"id\": \" \"}]", NULL,
	    NULL, NULL, NULL);
	rejected(&err, rc, "$.years[0].id: empty id");
	rc = try_load(&err, NULL, "\"years\": [{\"label\": \"One\"}]", NULL,
	    NULL, NULL, NULL);
	rejected(&err, rc, "$.years[0]: missing key \"id\"");
	rc = try_load(&err, NULL, "\"years\": [\"1\"]", NULL, NULL, NULL,
	    NULL);
	rejected(&err, rc, "$.years[0]: expected an object");
	rc = try_load(&err, "\"bands\": [{\"id\": \"low\"}, {\"id\": "
	    "\"high\"}]", NULL, NULL, NULL, NULL, NULL);
	rejected(&err, rc, "$.bands: no band has \"standard\": true and none "
	    "is called \"at\"");
	rc = try_load(&err, NULL, NULL, NULL, NULL, NULL, "\"points\": "
	    "{\"terms\": [{\"id\": \"aut.1\"}]}");
	rejected(&err, rc, "$.points.terms[0].id: a point id cannot contain "
	    "\".\"");
	rc = try_load(&err, NULL, NULL, NULL, NULL, NULL, "\"points\": "
	    "{\"other\": [{\"id\": \"baseline\", \"date\": \"15/09/2025\"}]}");
	rejected(&err, rc, "$.points.other[0].date: expected a date as "
	    "YYYY-MM-DD");
	rc = try_load(&err, NULL, NULL, NULL, NULL, NULL, "\"privacy\": "
	    "{\"min_group\": -1}");
	rejected(&err, rc, "$.privacy.min_group: -1 is out of range "
	    "0..1000000");
	rc = try_load(&err, NULL, NULL, NULL, NULL, NULL, "\"groups\": "
	    "{\"send\": {\"values\": [{\"code\": \"K\", \"label\": 3}]}}");
	rejected(&err, rc, "$.groups.send.values[0].label: expected a "
	    "string");
	rc = try_load(&err, NULL, NULL, NULL, "\"scales\": {\"ta\": "
	    "{\"kind\": \"descriptor\", \"codes\": [{\"code\": \"WTS\", "
	    "\"band\": \"below\"}], \"not_assessed\": [{\"code\": \"A\", "
	    "\"count\": \"yes\"}]}}", "\"measures\": [{\"id\": \"ta\", "
	    "\"scale\": \"ta\"}]", NULL);
	rejected(&err, rc, "$.scales.ta.not_assessed[0].count: count must be "
	    "\"not-at\" or \"excluded\", not \"yes\"");
	rc = try_load(&err, NULL, NULL, NULL, NULL, NULL, "\"points\": "
	    "{\"terms\": [{\"id\": \"autumn\", \"month\": 13}]}");
	rejected(&err, rc, "$.points.terms[0].month: 13 is out of range "
	    "1..12");
	rc = try_load(&err, NULL, NULL, NULL, NULL, NULL, "\"points\": "
	    "{\"terms\": [{\"id\": \"autumn\", \"month\": \"Sep\"}]}");
	rejected(&err, rc, "$.points.terms[0].month: expected a whole number");
	rc = try_load(&err, NULL, NULL, NULL, NULL, NULL, "\"points\": "
	    "{\"other\": [{\"id\": \"baseline\", \"month\": 9}]}");
	rejected(&err, rc, "$.points.other[0]: unknown key \"month\"");
	/* An error inside a shared set points at the set. */
	rc = try_load(&err, NULL, NULL, NULL, NULL, NULL,
	    "\"not_assessed\": {\"test\": [{\"code\": \"A\"}]}");
	rejected(&err, rc, "$.not_assessed.test[0]: missing key \"count\"");
}
END_TEST

START_TEST(test_reject_missing_section)
{
	static const char text[] = "{\"name\": \"t\", \"bands\": [{\"id\": "
	    "\"at\"}], \"years\": [{\"id\": \"1\"}], \"subjects\": "
	    "[{\"id\": \"reading\"}], \"measures\": []}";
	track_scheme *s = (track_scheme *)&text;
	track_error err;

	ck_assert_int_eq(scheme_load_buffer(&s, text, strlen(text), "t.json",
	    &err), TRACK_EXIT_DATA);
	ck_assert_ptr_null(s);
	ck_assert_str_eq(err.text, "$: missing key \"scales\"");
	ck_assert_int_eq(scheme_load_buffer(&s, "[]", 2, "t.json", &err),
	    TRACK_EXIT_DATA);
	ck_assert_str_eq(err.text, "$: expected an object");
}
END_TEST

START_TEST(test_reject_bad_json)
{
	static const char text[] = "{\n  \"name\": \"t\",\n  \"bands\": [\n"
	    "    {\"id\": \"at\"},\n  }\n}\n";
	static const char dup[] = "{\n\"name\": \"a\",\n\"name\": \"b\"\n}";
	track_scheme *s;
	track_error err;

	ck_assert_int_eq(scheme_load_buffer(&s, text, strlen(text), "b.json",
	    &err), TRACK_EXIT_DATA);
	ck_assert_ptr_null(s);
	ck_assert_str_eq(err.file, "b.json");
	ck_assert_int_eq(err.line, 5);
	ck_assert_msg(strncmp(err.text, "not a scheme: invalid JSON: ", 28)
	    == 0, "%s", err.text);
	ck_assert_ptr_nonnull(strstr(err.text, "a scheme is a JSON file"));
	ck_assert_ptr_nonnull(strstr(err.text, "(column "));
	ck_assert_int_eq(scheme_load_buffer(&s, dup, strlen(dup), "b.json",
	    &err), TRACK_EXIT_DATA);
	ck_assert_int_eq(err.line, 3);
	ck_assert_ptr_nonnull(strstr(err.text, "duplicate"));
	ck_assert_int_eq(scheme_load_buffer(&s, "", 0, "b.json", &err),
	    TRACK_EXIT_DATA);
	ck_assert_int_eq(scheme_load_buffer(&s, "{\"name\":\"a\\u0000\"}",
	    18, "b.json", &err), TRACK_EXIT_DATA);
}
END_TEST

/* ---- Files and TRACK_SCHEME ---- */

static char tmpdir[] = "/tmp/check_scheme.XXXXXX";

static void
setup_files(void)
{
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void
teardown_files(void)
{
	char path[256];

	snprintf(path, sizeof path, "%s/good.json", tmpdir);
	unlink(path);
	snprintf(path, sizeof path, "%s/bad.json", tmpdir);
	unlink(path);
	snprintf(path, sizeof path, "%s/six.json", tmpdir);
	unlink(path);
	snprintf(path, sizeof path, "%s/loop.json", tmpdir);
	unlink(path);
	rmdir(tmpdir);
	memcpy(tmpdir + strlen(tmpdir) - 6, "XXXXXX", 6);
	unsetenv("TRACK_SCHEME");
}

static const char minimal[] = "{\"name\": \"From file\", \"bands\": "
    "[{\"id\": \"at\"}], \"years\": [{\"id\": \"1\"}], \"subjects\": "
    "[{\"id\": \"reading\"}], \"scales\": {\"s\": {\"kind\": \"score\", "
    "\"min\": 0, \"max\": 10}}, \"measures\": [{\"id\": \"m\", "
    "\"scale\": \"s\"}]}\n";

static const char *
write_file(const char *name, const char *text)
{
	static char path[256];
	FILE *fp;

	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	fp = fopen(path, "w");
	ck_assert_ptr_nonnull(fp);
	fputs(text, fp);
	fclose(fp);
	return path;
}

START_TEST(test_load_file)
{
	char good[256], bad[256];
	track_scheme *s;
	track_error err;

	snprintf(good, sizeof good, "%s", write_file("good.json", minimal));
	snprintf(bad, sizeof bad, "%s", write_file("bad.json",
	    "{\n\"name\": \"x\",\n\"bands\": [}\n"));
	ck_assert_int_eq(scheme_load_file(&s, good, &err), 0);
	ck_assert_str_eq(scheme_name(s), "From file");
	ck_assert_str_eq(scheme_measure_default(s), "m");
	scheme_free(s);
	ck_assert_int_eq(scheme_load_file(&s, bad, &err), TRACK_EXIT_DATA);
	ck_assert_ptr_null(s);
	ck_assert_ptr_eq(err.file, bad);
	ck_assert_int_eq(err.line, 3);
	ck_assert_int_eq(scheme_load_file(&s, "/nonexistent/s.json", &err),
	    TRACK_EXIT_IO);
	ck_assert_ptr_null(s);
	ck_assert_int_eq(err.kind, TRACK_EXIT_IO);
	ck_assert_str_eq(err.file, "/nonexistent/s.json");
	ck_assert_ptr_nonnull(strstr(err.text, "cannot open scheme"));
	ck_assert_int_eq(scheme_load_file(&s, tmpdir, &err), TRACK_EXIT_IO);
}
END_TEST

/* Loads `text` as t.json; returns the status, the scheme freed. */
static int
load_text(const char *text, track_error *err)
{
	track_scheme *s = NULL;
	int rc = scheme_load_buffer(&s, text, strlen(text), "t.json", err);

	scheme_free(s);
	return rc;
}

START_TEST(test_extends)
{
	char six[256], loop[256];
	track_scheme *s;
	track_error err;
	char out[64];

	/* The built-in scheme, with its terms replaced and a name. */
	snprintf(six, sizeof six, "%s", write_file("six.json", "{\"extends\": "
	    "\"built-in\", \"name\": \"Six\", \"points\": {\"terms\": "
	    "[{\"id\": \"a1\", \"month\": 9}, {\"id\": \"a2\", \"month\": "
	    "11}]}}"));
	ck_assert_int_eq(scheme_load_file(&s, six, &err), 0);
	ck_assert_str_eq(scheme_name(s), "Six");
	/* Objects merge key by key: the statutory points stay. */
	ck_assert_int_eq(scheme_point_normalise(s, "KS2 2026", 8, out,
	    sizeof out), TRACK_POINT_SCOPED_STATUTORY);
	ck_assert_int_eq(scheme_point_normalise(s, "a2 2025", 7, out,
	    sizeof out), TRACK_POINT_SCOPED_TERM);
	ck_assert_str_eq(out, "2025-26.a2");
	ck_assert_int_eq(scheme_point_normalise(s, "autumn", 6, out,
	    sizeof out), TRACK_POINT_UNKNOWN);
	ck_assert_int_eq(scheme_measure_count(s), 13);
	scheme_free(s);
	/* A path is relative to the extending file's folder. */
	write_file("good.json", minimal);
	snprintf(loop, sizeof loop, "%s", write_file("loop.json",
	    "{\"extends\": \"good.json\", \"privacy\": {\"min_group\": 3}}"));
	ck_assert_int_eq(scheme_load_file(&s, loop, &err), 0);
	ck_assert_str_eq(scheme_name(s), "From file");
	ck_assert_int_eq(scheme_min_group(s), 3);
	scheme_free(s);
	/* A loop, a missing base, a base that is no scheme. */
	write_file("loop.json", "{\"extends\": \"loop.json\"}");
	ck_assert_int_eq(scheme_load_file(&s, loop, &err), TRACK_EXIT_DATA);
	ck_assert_ptr_eq(err.file, loop);
	ck_assert_ptr_nonnull(strstr(err.text, "more than 8 deep"));
	write_file("loop.json", "{\"extends\": \"none.json\"}");
	ck_assert_int_eq(scheme_load_file(&s, loop, &err), TRACK_EXIT_IO);
	ck_assert_ptr_eq(err.file, loop);
	ck_assert_ptr_nonnull(strstr(err.text, "$.extends: "));
	ck_assert_ptr_nonnull(strstr(err.text, "none.json: cannot open"));
	write_file("loop.json", "{\"extends\": \"bad.json\"}");
	write_file("bad.json", "{\n[\n");
	ck_assert_int_eq(scheme_load_file(&s, loop, &err), TRACK_EXIT_DATA);
	ck_assert_ptr_nonnull(strstr(err.text, "bad.json:2: not a scheme"));
	/* The merged scheme is checked as one. */
	ck_assert_int_eq(load_text("{\"extends\": \"built-in\", \"bands\": "
	    "7}", &err), TRACK_EXIT_DATA);
	ck_assert_str_eq(err.text, "$.bands: expected an array");
	ck_assert_int_eq(load_text("{\"extends\": 1}", &err),
	    TRACK_EXIT_DATA);
	ck_assert_str_eq(err.text, "$.extends: expected a string (a scheme "
	    "file, or \"built-in\")");
}
END_TEST

START_TEST(test_track_scheme_env)
{
	char good[256];
	track_scheme *s;
	track_error err;

	snprintf(good, sizeof good, "%s", write_file("good.json", minimal));
	unsetenv("TRACK_SCHEME");
	ck_assert_int_eq(scheme_load(&s, NULL, &err), 0);
	ck_assert_str_eq(scheme_name(s), "England primary");
	scheme_free(s);
	setenv("TRACK_SCHEME", good, 1);
	ck_assert_int_eq(scheme_load(&s, NULL, &err), 0);
	ck_assert_str_eq(scheme_name(s), "From file");
	scheme_free(s);
	setenv("TRACK_SCHEME", "", 1);
	ck_assert_int_eq(scheme_load(&s, NULL, &err), 0);
	ck_assert_str_eq(scheme_name(s), "England primary");
	scheme_free(s);
	/* An explicit path wins over the environment. */
	setenv("TRACK_SCHEME", "/nonexistent/env.json", 1);
	ck_assert_int_eq(scheme_load(&s, good, &err), 0);
	ck_assert_str_eq(scheme_name(s), "From file");
	scheme_free(s);
	ck_assert_int_eq(scheme_load(&s, NULL, &err), TRACK_EXIT_IO);
	ck_assert_ptr_null(s);
	ck_assert_str_eq(err.file, "/nonexistent/env.json");
}
END_TEST

/* An id or code longer than SCHEME_ID_MAX is a scheme error. */
START_TEST(test_reject_long_ids)
{
	char id[SCHEME_ID_MAX + 2], part[512], want[512];
	track_error err;
	int rc;

	memset(id, 'a', sizeof id - 1);
	id[sizeof id - 1] = '\0';		/* 65 bytes */
	snprintf(part, sizeof part, "\"subjects\": [{\"id\": \"%s\"}]", id);
	rc = try_load(&err, NULL, NULL, part, NULL, NULL, NULL);
	snprintf(want, sizeof want, "$.subjects[0].id: subject \"%.64s...\" "
	    "is too long (65 bytes; the limit is 64)", id);
	rejected(&err, rc, want);
	snprintf(part, sizeof part, "\"scales\": {\"ta\": {\"kind\": "
	    "\"descriptor\", \"codes\": [{\"code\": \"%s\", \"band\": "
	    "\"at\"}]}, \"nfer\": {\"kind\": \"score\", \"min\": 0, "
	    "\"max\": 1}}", id);
	rc = try_load(&err, NULL, NULL, NULL, part, NULL, NULL);
	snprintf(want, sizeof want, "$.scales.ta.codes[0].code: code "
	    "\"%.64s...\" is too long (65 bytes; the limit is 64)", id);
	rejected(&err, rc, want);
	/* 64 bytes is fine; objective ids, aliases and labels are free. */
	id[SCHEME_ID_MAX] = '\0';
	snprintf(part, sizeof part, "\"subjects\": [{\"id\": \"%s\", "
	    "\"label\": \"%s%s\", \"aliases\": [\"%s%s\"]}]", id, id, id, id,
	    id);
	ck_assert_int_eq(try_load(&err, NULL, NULL, part, NULL, NULL, NULL),
	    0);
	snprintf(part, sizeof part, "\"objectives\": {\"reading\": {\"1\": "
	    "[{\"id\": \"%s%s\"}]}}", id, id);
	ck_assert_msg(try_load(&err, NULL, NULL, NULL, NULL, NULL, part) ==
	    0, "%s", err.text);
}
END_TEST

/*
 * A figure without a point matches any point, however long; one with a
 * point matches only that point (and "ks2" its year-scoped forms).
 */
START_TEST(test_benchmark_long_point)
{
	static const char json[] = "{\"name\": \"t\", \"bands\": [{\"id\": "
	    "\"at\"}], \"years\": [{\"id\": \"1\"}], \"subjects\": [{\"id\": "
	    "\"reading\"}], \"scales\": {\"ta\": {\"kind\": \"descriptor\", "
	    "\"codes\": [{\"code\": \"EXS\", \"band\": \"at\"}]}}, "
	    "\"measures\": [{\"id\": \"ta\", \"scale\": \"ta\"}], "
	    "\"points\": {\"statutory\": [{\"id\": \"ks2\"}]}, "
	    "\"benchmarks\": {\"b\": {\"figures\": [{\"subject\": "
	    "\"reading\", \"pct\": 50}, {\"subject\": \"reading\", "
	    "\"point\": \"ks2\", \"pct\": 60}]}}}";
	track_scheme *s = NULL;
	track_error err;
	const track_benchmark *b;
	const track_figure *f;
	char p[301];

	error_clear(&err);
	ck_assert_msg(scheme_load_buffer(&s, json, strlen(json), "t", &err) ==
	    0, "%s", err.text);
	b = scheme_benchmark_find(s, "b");
	memset(p, 'z', 300);
	p[300] = '\0';
	f = scheme_benchmark_lookup(s, b, "reading", NULL, p, NULL);
	ck_assert_ptr_nonnull(f);
	ck_assert(f->pct == 50);
	f = scheme_benchmark_lookup(s, b, "reading", NULL, "2025-26.ks2",
	    NULL);
	ck_assert_ptr_nonnull(f);
	ck_assert(f->pct == 60);
	/* Not a year-scoped ks2: an unknown point with a dot in it. */
	f = scheme_benchmark_lookup(s, b, "reading", NULL, "week.ks2", NULL);
	ck_assert(f != NULL && f->pct == 50);
	scheme_free(s);
}
END_TEST

/*
 * A figure's "year" is a year (any spelling) or a list of them, checked
 * at its JSON path with a suggestion; the years are kept as a set.
 */
START_TEST(test_benchmark_years_load)
{
	static const char *const bad[][2] = {
		{ "\"Y3\"", "$.benchmarks.nat.figures[0].year: unknown year "
		    "\"Y3\" (did you mean \"1\"?)" },
		{ "[\"1\", \"Y4\"]", "$.benchmarks.nat.figures[0].year[1]: "
		    "unknown year \"Y4\" (did you mean \"1\"?)" },
		{ "[]", "$.benchmarks.nat.figures[0].year: must not be empty "
		    "(leave \"year\" out for a figure for every year)" },
		{ "[\"1\", \"Y1\"]", "$.benchmarks.nat.figures[0].year[1]: "
		    "year 1 is listed twice" },
		{ "[1]", "$.benchmarks.nat.figures[0].year[0]: expected a "
		    "year" },
		{ "2", "$.benchmarks.nat.figures[0].year: expected a year or "
		    "a list of years" },
	};
	static const char json[] = "{\"name\": \"t\", \"bands\": [{\"id\": "
	    "\"at\"}], \"years\": [{\"id\": \"1\", \"aliases\": [\"Y1\"]}, "
	    "{\"id\": \"2\", \"aliases\": [\"Y2\"]}], \"subjects\": "
	    "[{\"id\": \"reading\"}], \"scales\": {\"ta\": {\"kind\": "
	    "\"descriptor\", \"codes\": [{\"code\": \"EXS\", \"band\": "
	    "\"at\"}]}}, \"measures\": [{\"id\": \"ta\", \"scale\": "
	    "\"ta\"}], \"benchmarks\": {\"b\": {\"figures\": ["
	    "{\"subject\": \"reading\", \"year\": \"Y1\", \"pct\": 10}, "
	    "{\"subject\": \"reading\", \"year\": [\"2\", \" y 1\"], "
	    "\"pct\": 30}, {\"subject\": \"reading\", \"pct\": 40}]}}}";
	track_scheme *s = NULL;
	track_error err;
	const track_benchmark *b;
	char extra[200];
	size_t i;
	int rc;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(extra, sizeof extra, "\"benchmarks\": {\"nat\": "
		    "{\"figures\": [{\"subject\": \"reading\", \"year\": "
		    "%s, \"pct\": 60}]}}", bad[i][0]);
		rc = try_load(&err, NULL, NULL, NULL, NULL, NULL, extra);
		rejected(&err, rc, bad[i][1]);
	}
	error_clear(&err);
	ck_assert_msg(scheme_load_buffer(&s, json, strlen(json), "t", &err) ==
	    0, "%s", err.text);
	b = scheme_benchmark_find(s, "b");
	ck_assert(scheme_benchmark_has_years(b));
	ck_assert_uint_eq(scheme_benchmark_figure(b, 0)->years, 1);
	ck_assert_uint_eq(scheme_benchmark_figure(b, 1)->years, 3);
	ck_assert_uint_eq(scheme_benchmark_figure(b, 2)->years, 0);
	ck_assert_uint_eq(scheme_years_of(s, "Y2", 2), 2);
	ck_assert_uint_eq(scheme_years_of(s, "Y9", 2), SCHEME_YEARS_OTHER);
	ck_assert_uint_eq(scheme_years_of(s, "", 0), SCHEME_YEARS_OTHER);
	scheme_free(s);
}
END_TEST

/*
 * Which figure pupils of a set of years get: exactly their years, else
 * the figure for any year; a point beats years; no year known, or years
 * no figure names exactly, get only the figure for any year.
 */
START_TEST(test_benchmark_years_lookup)
{
	static const char json[] = "{\"name\": \"t\", \"bands\": [{\"id\": "
	    "\"at\"}], \"years\": [{\"id\": \"P1\"}, {\"id\": \"P2\"}, "
	    "{\"id\": \"P3\"}], \"subjects\": [{\"id\": \"reading\"}, "
	    "{\"id\": \"maths\"}], \"scales\": {\"ta\": {\"kind\": "
	    "\"descriptor\", \"codes\": [{\"code\": \"EXS\", \"band\": "
	    "\"at\"}]}}, \"measures\": [{\"id\": \"ta\", \"scale\": "
	    "\"ta\"}], \"points\": {\"statutory\": [{\"id\": \"acel\"}]}, "
	    "\"benchmarks\": {\"b\": {\"figures\": ["
	    "{\"subject\": \"reading\", \"year\": \"P1\", \"pct\": 11}, "
	    "{\"subject\": \"reading\", \"year\": [\"P1\", \"P3\"], "
	    "\"pct\": 13}, "
	    "{\"subject\": \"reading\", \"pct\": 10}, "
	    "{\"subject\": \"reading\", \"point\": \"acel\", \"pct\": 20}, "
	    "{\"subject\": \"reading\", \"point\": \"acel\", \"year\": "
	    "\"P2\", \"pct\": 22}, "
	    "{\"subject\": \"maths\", \"year\": \"P2\", \"pct\": 32}]}}}";
	static const struct {
		const char *subject, *point;
		track_years years;
		double want;	/* -1: no figure */
	} c[] = {
		{ "reading", NULL, 1, 11 },		/* P1 */
		{ "reading", NULL, 2, 10 },		/* P2: any year */
		{ "reading", NULL, 5, 13 },		/* P1 and P3 */
		{ "reading", NULL, 7, 10 },		/* all three */
		{ "reading", NULL, 0, 10 },		/* not known */
		{ "reading", NULL, 1 | SCHEME_YEARS_OTHER, 10 },
		{ "reading", "2025-26.acel", 1, 20 },	/* point first */
		{ "reading", "2025-26.acel", 2, 22 },
		{ "reading", "acel", 0, 20 },
		{ "maths", NULL, 2, 32 },
		{ "maths", NULL, 1, -1 },		/* P1: none */
		{ "maths", NULL, 3, -1 },		/* mixed: none */
		{ "maths", NULL, 0, -1 },
	};
	track_scheme *s = NULL;
	track_error err;
	const track_benchmark *b;
	const track_figure *f;
	size_t i;

	error_clear(&err);
	ck_assert_msg(scheme_load_buffer(&s, json, strlen(json), "t", &err) ==
	    0, "%s", err.text);
	b = scheme_benchmark_find(s, "b");
	for (i = 0; i < sizeof c / sizeof c[0]; i++) {
		f = scheme_benchmark_lookup_years(s, b, c[i].subject, NULL,
		    c[i].point, c[i].years, NULL);
		if (c[i].want < 0)
			ck_assert_msg(f == NULL, "case %zu: got %g", i,
			    f->pct);
		else
			ck_assert_msg(f != NULL && f->pct == c[i].want,
			    "case %zu: got %g, want %g", i, f ? f->pct : -1,
			    c[i].want);
	}
	/* Without years, as before: only the figures for any year. */
	f = scheme_benchmark_lookup(s, b, "maths", NULL, NULL, NULL);
	ck_assert_ptr_null(f);
	f = scheme_benchmark_lookup(s, b, "reading", NULL, NULL, NULL);
	ck_assert(f != NULL && f->pct == 10);
	scheme_free(s);
}
END_TEST

/*
 * Errors name where they are: keys that are not plain words are
 * bracketed, an error in a shared not_assessed set points at the set,
 * and a JSON syntax error gives its line and column.
 */
START_TEST(test_error_positions)
{
	track_scheme *s = NULL;
	track_error err;
	const char *bad = "{\"name\": \"t\",\n  \"bands\": [\n    {\"id\": "
	    "\"at\"},\n  ]\n}\n";
	int rc;

	rc = try_load(&err, NULL, NULL, NULL, "\"scales\": {\"a b\": "
	    "{\"kind\": \"scor\"}}", NULL, NULL);
	rejected(&err, rc, "$.scales[\"a b\"].kind: unknown kind \"scor\" "
	    "(did you mean \"score\"?)");
	rc = try_load(&err, NULL, NULL, NULL, "\"scales\": {\"ta\": "
	    "{\"kind\": \"descriptor\", \"codes\": [{\"code\": \"X\", "
	    "\"band\": \"at\"}], \"not_assessed\": \"test\"}}", NULL,
	    "\"not_assessed\": {\"test\": [{\"code\": \"X\", "
	    "\"count\": \"excluded\"}]}");
	rejected(&err, rc, "$.not_assessed.test[0].code: duplicate code "
	    "\"X\"");
	error_clear(&err);
	rc = scheme_load_buffer(&s, bad, strlen(bad), "t.json", &err);
	ck_assert_int_eq(rc, TRACK_EXIT_DATA);
	ck_assert_ptr_null(s);
	ck_assert_int_eq(err.line, 4);
	ck_assert_ptr_nonnull(strstr(err.text, "(column 3)"));
}
END_TEST

static Suite *
scheme_load_suite(void)
{
	Suite *s = suite_create("scheme_load");
	TCase *tc;

	tc = tcase_create("broken");
	tcase_add_test(tc, test_minimal_scheme_loads);
	tcase_add_test(tc, test_reject_unknown_keys);
	tcase_add_test(tc, test_reject_thresholds);
	tcase_add_test(tc, test_reject_references);
	tcase_add_test(tc, test_reject_duplicates);
	tcase_add_test(tc, test_reject_other);
	tcase_add_test(tc, test_reject_long_ids);
	tcase_add_test(tc, test_benchmark_long_point);
	tcase_add_test(tc, test_benchmark_years_load);
	tcase_add_test(tc, test_benchmark_years_lookup);
	tcase_add_test(tc, test_reject_missing_section);
	tcase_add_test(tc, test_reject_bad_json);
	tcase_add_test(tc, test_error_positions);
	suite_add_tcase(s, tc);

	tc = tcase_create("files");
	tcase_add_checked_fixture(tc, setup_files, teardown_files);
	tcase_add_test(tc, test_load_file);
	tcase_add_test(tc, test_extends);
	tcase_add_test(tc, test_track_scheme_env);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(scheme_load_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
