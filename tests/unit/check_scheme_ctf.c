/*
 * check_scheme_ctf.c - the scheme's "ctf" section (lib/scheme/load_ctf.c):
 * what the loader refuses, at which JSON path, the lookups, and the rules
 * read backwards for track-pupil -F ctf.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "base/str.h"
#include "scheme/ctf.h"
#include "scheme/scheme.h"

/* A small scheme with `ctf` as its ctf section. */
static int
load(track_scheme **s, track_error *err, const char *ctf)
{
	static char buf[4096];

	snprintf(buf, sizeof buf, "{\"name\": \"t\", \"bands\": [{\"id\": "
	    "\"below\"}, {\"id\": \"at\"}], \"years\": [{\"id\": \"6\"}], "
	    "\"subjects\": [{\"id\": \"reading\"}], \"points\": "
	    "{\"statutory\": [{\"id\": \"ks2\"}], \"terms\": [{\"id\": "
	    "\"summer\"}]}, \"scales\": {\"ks2\": {\"kind\": \"score\", "
	    "\"min\": 80, \"max\": 120, \"bands\": [{\"band\": \"below\", "
	    "\"min\": 80}, {\"band\": \"at\", \"min\": 100}]}}, "
	    "\"measures\": [{\"id\": \"ks2\", \"scale\": \"ks2\"}], "
	    "\"groups\": {\"gender\": {\"values\": [{\"code\": \"F\"}, "
	    "{\"code\": \"M\"}]}}, \"ctf\": %s}", ctf);
	*s = NULL;
	error_clear(err);
	return scheme_load_buffer(s, buf, strlen(buf), "t.json", err);
}

static void
refused(const char *ctf, const char *want)
{
	track_scheme *s;
	track_error err;

	ck_assert_int_eq(load(&s, &err, ctf), TRACK_EXIT_DATA);
	ck_assert_ptr_null(s);
	ck_assert_str_eq(err.text, want);
}

START_TEST(ctf_refused)
{
	refused("{\"result\": []}", "$.ctf: unknown key \"result\" (did you "
	    "mean \"results\"?)");
	refused("{\"results\": [{\"stage\": \"KS2\", \"to\": {\"subject\": "
	    "\"reding\", \"point\": \"ks2\"}}]}", "$.ctf.results[0].to."
	    "subject: unknown subject \"reding\" (did you mean \"reading\"?)");
	refused("{\"results\": [{\"to\": {\"subject\": \"reading\", "
	    "\"measure\": \"ta\", \"point\": \"ks2\"}}]}",
	    "$.ctf.results[0].to.measure: unknown measure \"ta\"");
	refused("{\"results\": [{\"to\": {\"subject\": \"reading\", "
	    "\"point\": \"summer\"}}]}", "$.ctf.results[0].to.point: "
	    "\"summer\" is not a statutory or other point; the CTF's Year "
	    "gives the academic year");
	refused("{\"results\": [{\"to\": {\"subject\": \"reading\", "
	    "\"point\": \"ks9\"}}]}", "$.ctf.results[0].to.point: unknown "
	    "point \"ks9\" (did you mean \"ks2\"?)");
	refused("{\"results\": [{\"to\": {\"subject\": \"reading\", "
	    "\"point\": \"ks2\", \"year\": \"7\"}}]}",
	    "$.ctf.results[0].to.year: unknown year \"7\"");
	refused("{\"results\": [{\"stage\": \"KS2\"}]}", "$.ctf.results[0]: "
	    "missing \"to\" (where the result goes) or \"skip\": true");
	refused("{\"results\": [{\"skip\": true, \"to\": {}}]}",
	    "$.ctf.results[0]: a rule has \"skip\": true or \"to\", not both");
	refused("{\"pupil\": {\"sex\": {\"column\": \"gender\", \"codes\": "
	    "{\"M\": \"B\"}}}}", "$.ctf.pupil.sex.codes.M: \"B\" is not a "
	    "value of the group \"gender\"");
	refused("{\"pupil\": {\"gender\": {}}}", "$.ctf.pupil: unknown key "
	    "\"gender\"");
}
END_TEST

START_TEST(ctf_lookups)
{
	track_scheme *s;
	track_error err;
	const struct scheme_ctf_place *p;
	track_str key[CTF_NKEYS];
	char known[64];
	size_t i;

	ck_assert_int_eq(load(&s, &err, "{\"pupil\": {\"sex\": {\"column\": "
	    "\"gender\", \"codes\": {\"M\": \"M\", \"F\": \"F\"}}, \"fsm\": "
	    "{\"column\": \"fsm\", \"codes\": {\"true\": \"Y\"}}}, "
	    "\"results\": [{\"qualifier\": \"TM\", \"skip\": true}, "
	    "{\"stage\": \"KS2\", \"component\": \"RE*\", \"to\": "
	    "{\"subject\": \"Reading\", \"measure\": \"ks2\", \"point\": "
	    "\"KS2\", \"year\": \"6\"}}]}"), 0);
	ck_assert(scheme_ctf_has(s));
	for (i = 0; i < CTF_NKEYS; i++)
		key[i] = (track_str){ "", 0 };
	ck_assert_ptr_null(scheme_ctf_match(s, key));
	key[CTF_STAGE] = (track_str){ "ks2", 3 };
	key[CTF_COMPONENT] = (track_str){ "REA", 3 };
	p = scheme_ctf_match(s, key);
	ck_assert_ptr_nonnull(p);
	ck_assert(!p->skip);
	ck_assert_str_eq(p->subject, "reading");
	ck_assert_str_eq(p->point, "ks2");
	ck_assert_str_eq(p->year, "6");
	key[CTF_QUALIFIER] = (track_str){ "TM", 2 };
	ck_assert(scheme_ctf_match(s, key)->skip);	/* the first wins */
	key[CTF_QUALIFIER] = (track_str){ "SS", 2 };
	key[CTF_COMPONENT] = (track_str){ "MAT", 3 };
	ck_assert_ptr_null(scheme_ctf_match(s, key));
	ck_assert_str_eq(scheme_ctf_column(s, CTF_SEX), "gender");
	ck_assert_ptr_null(scheme_ctf_column(s, CTF_SEN));
	ck_assert_str_eq(scheme_ctf_code(s, CTF_SEX, " m ", 3), "M");
	ck_assert_ptr_null(scheme_ctf_code(s, CTF_SEX, "X", 1));
	scheme_ctf_codes(s, CTF_SEX, known, sizeof known);
	ck_assert_str_eq(known, "M, F");
	scheme_free(s);
	ck_assert_int_eq(scheme_load_default(&s, &err), 0);
	ck_assert(scheme_ctf_has(s));
	scheme_free(s);
}
END_TEST

/* Nonzero when key k of a written result is `want`. */
static int
is(const track_str *key, int k, const char *want)
{
	return str_eq(key[k], want);
}

START_TEST(ctf_write_back)
{
	track_scheme *s;
	track_error err;
	track_str key[CTF_NKEYS];

	/* The rule names stage and component by a pattern, so "write"
	 * says what to write; the section gives the locale. */
	ck_assert_int_eq(load(&s, &err, "{\"write\": {\"locale\": \"ENG\"}, "
	    "\"results\": [{\"qualifier\": \"TM\", \"skip\": true}, "
	    "{\"stage\": \"KS2\", \"component\": \"RE*\", \"write\": "
	    "{\"component\": \"REA\", \"subject\": \"ENG\", \"qualifier\": "
	    "\"SS\"}, \"to\": {\"subject\": \"reading\", \"measure\": "
	    "\"ks2\", \"point\": \"ks2\"}}]}"), 0);
	ck_assert_int_eq(scheme_ctf_place_back(s, "reading", "ks2", "ks2",
	    key), 0);
	ck_assert(is(key, CTF_STAGE, "KS2") && is(key, CTF_COMPONENT, "REA") &&
	    is(key, CTF_SUBJECT, "ENG") && is(key, CTF_QUALIFIER, "SS") &&
	    is(key, CTF_LOCALE, "ENG") && is(key, CTF_METHOD, ""));
	/* What is written is read back by the same rule. */
	ck_assert_str_eq(scheme_ctf_match(s, key)->subject, "reading");
	ck_assert_int_eq(scheme_ctf_place_back(s, "reading", "ks2", "summer",
	    key), -1);
	ck_assert_ptr_null(scheme_ctf_code_back(s, CTF_SEX, "M", 1));
	scheme_free(s);

	/* Written as TM, it would be skipped on the way back: no rule. */
	ck_assert_int_eq(load(&s, &err, "{\"results\": [{\"qualifier\": "
	    "\"TM\", \"skip\": true}, {\"stage\": \"KS2\", \"write\": "
	    "{\"subject\": \"ENG\", \"qualifier\": \"TM\"}, \"to\": "
	    "{\"subject\": \"reading\", \"measure\": \"ks2\", \"point\": "
	    "\"ks2\"}}]}"), 0);
	ck_assert_int_eq(scheme_ctf_place_back(s, "reading", "ks2", "ks2",
	    key), -1);
	scheme_free(s);

	/* No subject written: no rule either. */
	ck_assert_int_eq(load(&s, &err, "{\"results\": [{\"stage\": "
	    "\"KS2\", \"to\": {\"subject\": \"reading\", \"measure\": "
	    "\"ks2\", \"point\": \"ks2\"}}]}"), 0);
	ck_assert_int_eq(scheme_ctf_place_back(s, "reading", "ks2", "ks2",
	    key), -1);
	scheme_free(s);

	refused("{\"write\": {\"stag\": \"KS2\"}}", "$.ctf.write: unknown "
	    "key \"stag\" (did you mean \"stage\"?)");
	refused("{\"results\": [{\"stage\": \"KS2\", \"write\": "
	    "{\"stage\": \"KS1\"}, \"skip\": true}]}",
	    "$.ctf.results[0].write: \"stage\": the rule names it already");
	refused("{\"write\": {\"stage\": \"K*\"}}", "$.ctf.write: "
	    "\"stage\": a value to write has no \"*\"");

	/* The shipped England scheme writes every result it reads. */
	ck_assert_int_eq(scheme_load_default(&s, &err), 0);
	ck_assert_int_eq(scheme_ctf_place_back(s, "elg-number", "ta", "eyfs",
	    key), 0);
	ck_assert(is(key, CTF_SUBJECT, "MAT") && is(key, CTF_COMPONENT, "E11") &&
	    is(key, CTF_METHOD, "FA") && is(key, CTF_STATUS, "F"));
	ck_assert_int_eq(scheme_ctf_place_back(s, "reading", "phonics",
	    "phonics", key), 0);
	ck_assert(is(key, CTF_QUALIFIER, "MK"));
	ck_assert_str_eq(scheme_ctf_code_back(s, CTF_SEX, "f", 1), "F");
	ck_assert_ptr_null(scheme_ctf_code_back(s, CTF_SEX, "X", 1));
	scheme_free(s);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("scheme_ctf");
	TCase *tc = tcase_create("ctf");

	tcase_add_test(tc, ctf_refused);
	tcase_add_test(tc, ctf_lookups);
	tcase_add_test(tc, ctf_write_back);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(suite())
