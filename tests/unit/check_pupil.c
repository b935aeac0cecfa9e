/*
 * check_pupil.c - unit tests for lib/report/pupil.c and pupil_out.c: the
 * records gathered per pupil (last one wins, --pupil, --class, --year),
 * the profile in scheme order, and each flag reason, positive and
 * negative; --transition (pupil_transition.c), -F ctf (pupil_ctf.c) and
 * the scheme's defaults for --flag and --stuck.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_main.h"
#include "default_scheme.h"
#include "fixture.h"
#include "report/pupil_int.h"

/* A reader with options `o` that has read the records (header first,
 * comma-separated); the caller frees it. */
static track_pupils *
gather(const struct pupil_opts *o, const char *const *l)
{
	track_pupils *p;
	track_error err;
	track_str f[FX_MAXF];
	char store[2048];
	size_t n, i;

	ck_assert_int_eq(pupil_new(&p, def, o, &err), 0);
	n = fx_split(l[0], store, sizeof store, f);
	ck_assert_msg(pupil_bind(p, f, n, &err) == 0, "%s", err.text);
	for (i = 1; l[i] != NULL; i++) {
		n = fx_split(l[i], store, sizeof store, f);
		ck_assert_msg(pupil_row(p, f, &err) == 0, "%s: %s", l[i],
		    err.text);
	}
	return p;
}

/* Runs the records through a reader with options `o` (see gather), and
 * returns its output in `fmt` (the caller frees). */
static char *
run(const struct pupil_opts *o, enum track_format fmt, const char *const *l)
{
	track_pupils *p = gather(o, l);
	track_writer *w;
	track_error err;
	int fd = fx_temp_fd();
	char *out;

	ck_assert_int_eq(writer_open(&w, fd, fmt, 0, &err), 0);
	ck_assert_msg(pupil_write(p, w, fmt, &err) == 0, "%s", err.text);
	ck_assert_int_eq(writer_finish(w, &err), 0);
	writer_free(w);
	pupil_free(p);
	out = fx_slurp(fd);
	close(fd);
	return out;
}

/* The problems told while writing, one a line (pupil_opts.problem). */
static char told[2048];

static void
tell(void *ctx, const track_error *e)
{
	(void)ctx;
	strncat(told, e->text, sizeof told - strlen(told) - 2);
	strcat(told, "\n");
}

static const char *const recs[] = {
	"pupil,name,year,against,subject,point,measure,value,pp",
	"P2,Two,4,,reading,2025-26.spring,ta,WTS,Y",
	"P2,Two,4,,reading,2025-26.autumn,ta,WTS,",
	"P2,Two,4,,reading,2025-26.summer,ta,EXS,",
	"P2,Two,4,,reading,2025-26.summer,ta,WTS,",	/* wins */
	"P1,One,4,,maths,2025-26.summer,ta,EXS,N",
	"P1,One,4,,maths,ks1,ta,GDS,N",
	"P1,One,4,,reading,2025-26.summer,nfer,104,N",
	NULL
};

START_TEST(reasons)
{
	track_error err;
	unsigned b;

	ck_assert_int_eq(pupil_reasons_parse("dropped, Not-Assessed", &b,
	    &err), 0);
	ck_assert_uint_eq(b, 1u << PR_DROPPED | 1u << PR_NOT_ASSESSED);
	ck_assert_int_eq(pupil_reasons_parse("stuk", &b, &err),
	    TRACK_EXIT_USAGE);
	ck_assert_ptr_nonnull(strstr(err.text, "did you mean stuck?"));
	ck_assert_int_eq(pupil_reasons_parse(",", &b, &err),
	    TRACK_EXIT_USAGE);
	ck_assert_str_eq(pupil_reason_name(PR_NOT_ASSESSED), "not-assessed");
}
END_TEST

START_TEST(profile_order_and_last_wins)
{
	struct pupil_opts o = { 0 };
	char *out = run(&o, TRACK_FMT_CSV, recs);

	/* Pupils as first read; subjects, measures, points in scheme order;
	 * statutory points first; the last record of an identity wins; the
	 * group from the last record that has one. */
	ck_assert_str_eq(out,
	    "pupil,name,year,subject,measure,point,value,band,pp\n"
	    "P2,Two,4,reading,ta,2025-26.autumn,WTS,below,Y\n"
	    "P2,Two,4,reading,ta,2025-26.spring,WTS,below,Y\n"
	    "P2,Two,4,reading,ta,2025-26.summer,WTS,below,Y\n"
	    "P1,One,4,reading,nfer,2025-26.summer,104,at,N\n"
	    "P1,One,4,maths,ta,ks1,GDS,above,N\n"
	    "P1,One,4,maths,ta,2025-26.summer,EXS,at,N\n");
	free(out);
}
END_TEST

START_TEST(selection)
{
	struct pupil_opts o = { 0 };
	char *out;

	o.pupil = " P1 ,P9";
	out = run(&o, TRACK_FMT_CSV, recs);
	ck_assert_ptr_null(strstr(out, "P2"));
	ck_assert_ptr_nonnull(strstr(out, "P1,One"));
	free(out);
	o.pupil = NULL;
	o.year = "Year 5";
	out = run(&o, TRACK_FMT_CSV, recs);
	ck_assert_str_eq(out,
	    "pupil,name,year,subject,measure,point,value,band,pp\n");
	free(out);
}
END_TEST

/* The flags of `l` as "pupil reason subject measure point" lines. */
static char *
flags(const char *const *l, int stuck)
{
	struct pupil_opts o = { 0 };
	char *out, *p, *q, *res = calloc(1, 4096);
	size_t at = 0;

	o.flags = 1;
	o.stuck = stuck;
	out = run(&o, TRACK_FMT_TSV, l);
	for (p = strchr(out, '\n') + 1; *p != '\0'; p = q + 1) {
		const char *c[8];
		size_t k = 0;

		q = strchr(p, '\n');
		*q = '\0';
		for (c[k++] = p; k < 8 && (p = strchr(p, '\t')) != NULL;)
			*p++ = '\0', c[k++] = p;
		ck_assert_uint_eq(k, 8);
		at += (size_t)snprintf(res + at, 4096 - at, "%s %s %s %s %s\n",
		    c[0], c[3], c[4], c[5], c[6]);
	}
	free(out);
	return res;
}

START_TEST(flag_reasons)
{
	static const char *const l[] = {
		"pupil,year,against,subject,point,measure,value",
		/* Dropped, then stayed below: dropped, not stuck (2 terms). */
		"D,4,,reading,2025-26.autumn,ta,EXS",
		"D,4,,reading,2025-26.spring,ta,WTS",
		"D,4,,reading,2025-26.summer,ta,WTS",
		/* Stayed WTS: stuck, not dropped. */
		"S,4,,reading,2025-26.autumn,ta,WTS",
		"S,4,,reading,2025-26.spring,ta,WTS",
		"S,4,,reading,2025-26.summer,ta,WTS",
		/* Out of year throughout and progressing: neither. */
		"O,4,3,reading,2025-26.autumn,ta,WTS",
		"O,4,3,reading,2025-26.spring,ta,EXS",
		"O,4,3,reading,2025-26.summer,ta,EXS",
		/* TA and a test at one point in other bands: disagree. */
		"T,4,,maths,2025-26.summer,ta,EXS",
		"T,4,,maths,2025-26.summer,nfer,92",
		"U,4,,maths,2025-26.summer,ta,EXS",
		"U,4,,maths,2025-26.summer,nfer,95",
		/* Spring but not summer: missing; A at summer. */
		"M,4,,writing,2025-26.spring,ta,EXS",
		"A,4,,writing,2025-26.spring,ta,EXS",
		"A,4,,writing,2025-26.summer,ta,A",
		NULL
	};
	char *got = flags(l, 3);

	ck_assert_str_eq(got,
	    "D dropped reading ta 2025-26.spring\n"
	    "S stuck reading ta 2025-26.summer\n"
	    "T disagree maths nfer 2025-26.summer\n"
	    "M missing writing ta 2025-26.summer\n"
	    "A not-assessed writing ta 2025-26.summer\n");
	free(got);
	got = flags(l, 2);
	ck_assert_ptr_nonnull(strstr(got, "D stuck reading ta"));
	ck_assert_ptr_null(strstr(got, "O "));
	free(got);
}
END_TEST

START_TEST(ooy_curricula)
{
	static const char *const l[] = {
		"pupil,year,against,subject,point,measure,value",
		/* Within one earlier curriculum: Y3 EXS to Y3 WTS fell. */
		"F,4,3,writing,2025-26.autumn,ta,EXS",
		"F,4,3,writing,2025-26.spring,ta,WTS",
		/* To an earlier curriculum: a fall, whatever its code. */
		"B,4,,writing,2025-26.autumn,ta,EXS",
		"B,4,3,writing,2025-26.spring,ta,GDS",
		/* Back to the pupil's own year: not a fall. */
		"R,4,3,writing,2025-26.autumn,ta,GDS",
		"R,4,,writing,2025-26.spring,ta,WTS",
		NULL
	};
	char *got = flags(l, 3);

	ck_assert_str_eq(got,
	    "F dropped writing ta 2025-26.spring\n"
	    "B dropped writing ta 2025-26.spring\n");
	free(got);
}
END_TEST

START_TEST(json_document)
{
	struct pupil_opts o = { 0 };
	char *out = run(&o, TRACK_FMT_JSON, recs);
	char *second = strchr(out, '\n');

	/* One line per pupil, each with its flags. */
	ck_assert_ptr_nonnull(second);
	ck_assert_ptr_nonnull(strstr(out, "{\"report\":\"pupil\",\"pupil\":"
	    "\"P2\""));
	ck_assert_ptr_nonnull(strstr(out, "\"reason\":\"stuck\""));
	ck_assert_ptr_nonnull(strstr(second + 1, "\"pupil\":\"P1\""));
	ck_assert_ptr_null(strstr(second + 1, "\"reason\""));
	ck_assert_ptr_nonnull(strstr(out, "\"point_label\":\"Key stage 1\""));
	free(out);
}
END_TEST

START_TEST(class_and_year_by_latest)
{
	static const char *const l[] = {
		"pupil,year,subject,point,measure,value,class",
		"M,3,reading,2024-25.summer,ta,EXS,Ash",
		"M,4,reading,2025-26.autumn,ta,WTS,Oak",
		"N,4,reading,2025-26.autumn,ta,EXS,Ash",
		NULL
	};
	struct pupil_opts o = { 0 };
	char *out;

	/* The pupil's latest class chooses them, with their history. */
	o.klass = "oak";
	o.flags = 1;
	out = run(&o, TRACK_FMT_CSV, l);
	ck_assert_str_eq(out,
	    "pupil,name,year,reason,subject,measure,point,evidence\n"
	    "M,,4,dropped,reading,ta,2025-26.autumn,reading: EXS "
	    "(2024-25.summer) -> WTS (2025-26.autumn)\n");
	free(out);
	o.klass = NULL;
	o.flags = 0;
	o.year = "Y3";
	out = run(&o, TRACK_FMT_CSV, l);
	ck_assert_str_eq(out,
	    "pupil,name,year,subject,measure,point,value,band,class\n");
	free(out);
}
END_TEST

START_TEST(objectives_secured)
{
	/* No list in the scheme: of those judged so far; a judgement
	 * stands until the next; no flag comes from objectives. */
	static const char *const l[] = {
		"pupil,name,year,subject,point,objective,value",
		"P1,One,4,maths,2025-26.autumn,m1,EXS",
		"P1,One,4,maths,2025-26.autumn,m2,WTS",
		"P1,One,4,maths,2025-26.spring,m2,EXS",
		"P1,One,4,maths,2025-26.summer,m1,WTS",
		"P1,One,4,maths,2025-26.summer,m1,GDS",	/* wins */
		NULL
	};
	struct pupil_opts o = { 0 };
	char *out;

	o.stuck = 3;
	out = run(&o, TRACK_FMT_CSV, l);
	ck_assert_str_eq(out,
	    "pupil,name,year,subject,measure,point,value,band\n"
	    "P1,One,4,maths,objectives,2025-26.autumn,1 of 2,\n"
	    "P1,One,4,maths,objectives,2025-26.spring,2 of 2,\n"
	    "P1,One,4,maths,objectives,2025-26.summer,2 of 2,\n");
	free(out);
	o.flags = 1;
	out = run(&o, TRACK_FMT_CSV, l);
	ck_assert_str_eq(out,
	    "pupil,name,year,reason,subject,measure,point,evidence\n");
	free(out);
}
END_TEST

/* A Year 6 pupil with every kind of transition item, and two more. */
static const char *const trecs[] = {
	"pupil,name,year,subject,point,measure,value,dob,gender,pp,"
	"intervention",
	"A999204122607,Jo Bell,6,reading,2025-26.ks2,ks2,104,"
	"2014-10-03,F,Y,Reading catch-up",
	"A999204122607,,6,reading,2019-20.phonics,phonics,35,,,,",
	"A999204122607,,6,reading,2025-26.autumn,ta,EXS,,,,",
	"A999204122607,,6,reading,2025-26.spring,ta,WTS,,,,",
	"A999204122607,,6,reading,2025-26.spring,nfer,92,,,,",
	"A999204122607,,6,reading,ks1,ta,EXS,,,,",
	"P7,No Upn,6,reading,2025-26.ks2,ks2,100,,,N,",
	"T999204122683X,Long Id,6,reading,2025-26.ks2,ks2,99,,,N,",
	NULL
};

START_TEST(transition_items)
{
	struct pupil_opts o = { 0 };
	char *out;

	o.transition = 1;
	o.pupil = "A999204122607";
	out = run(&o, TRACK_FMT_CSV, trecs);
	/* Statutory in point order, then the latest judgement and test,
	 * groups, interventions, flags. */
	ck_assert_str_eq(out,
	    "pupil,name,year,kind,item,measure,point,value,band,detail\n"
	    "A999204122607,Jo Bell,6,statutory,reading,ta,ks1,EXS,at,\n"
	    "A999204122607,Jo Bell,6,statutory,reading,phonics,"
	    "2019-20.phonics,35,at,\n"
	    "A999204122607,Jo Bell,6,statutory,reading,ks2,2025-26.ks2,"
	    "104,at,\n"
	    "A999204122607,Jo Bell,6,judgement,reading,ta,"
	    "2025-26.spring,WTS,below,\n"
	    "A999204122607,Jo Bell,6,test,reading,nfer,2025-26.spring,"
	    "92,below,\n"
	    "A999204122607,Jo Bell,6,group,gender,,,F,,\n"
	    "A999204122607,Jo Bell,6,group,pp,,,Y,,\n"
	    "A999204122607,Jo Bell,6,intervention,intervention,,,"
	    "Reading catch-up,,\n"
	    "A999204122607,Jo Bell,6,flag,reading,ta,2025-26.spring,"
	    "dropped,,reading: EXS (2025-26.autumn) -> WTS (2025-26.spring)\n");
	free(out);
	/* --flag picks the reasons here too. */
	o.reasons = 1u << PR_STUCK;
	out = run(&o, TRACK_FMT_CSV, trecs);
	ck_assert_ptr_null(strstr(out, ",flag,"));
	free(out);
}
END_TEST

START_TEST(transition_json)
{
	struct pupil_opts o = { 0 };
	char *out;

	o.transition = 1;
	out = run(&o, TRACK_FMT_JSON, trecs);
	ck_assert_ptr_nonnull(strstr(out, "{\"report\":\"transition\","
	    "\"pupil\":\"A999204122607\",\"name\":\"Jo Bell\",\"year\":\"6\","
	    "\"year_label\":\"Year 6\",\"groups\":{\"gender\":\"F\",\"pp\":"
	    "\"Y\"},\"interventions\":{\"intervention\":\"Reading catch-up\"},"
	    "\"rows\":[{\"kind\":\"statutory\",\"subject\":\"reading\""));
	ck_assert_ptr_nonnull(strstr(out, "{\"kind\":\"test\",\"subject\":"
	    "\"reading\",\"subject_label\":\"Reading\",\"measure\":\"nfer\""));
	ck_assert_ptr_nonnull(strstr(out, "\"flags\":[{\"pupil\":"
	    "\"A999204122607\""));
	/* One document a pupil, a line each. */
	ck_assert_ptr_nonnull(strstr(out, "}\n{\"report\":\"transition\","
	    "\"pupil\":\"P7\""));
	free(out);
}
END_TEST

START_TEST(ctf_file)
{
	struct pupil_opts o = { 0 };
	char *out;

	o.ctf = 1;
	o.ctf_source = "999/2041";
	o.ctf_time = "2026-07-08T09:30:00";
	o.problem = tell;
	told[0] = '\0';
	out = run(&o, TRACK_FMT_CSV, trecs);
	ck_assert_ptr_nonnull(strstr(out, "<?xml version=\"1.0\" encoding="
	    "\"UTF-8\"?>\n<CTfile>\n  <Header>\n"));
	ck_assert_ptr_nonnull(strstr(out, "<DateTime>2026-07-08T09:30:00"
	    "</DateTime>"));
	ck_assert_ptr_nonnull(strstr(out, "<DestSchool>\n      <LEA>999</LEA>"
	    "\n      <Estab>2041</Estab>"));
	ck_assert_ptr_nonnull(strstr(out, "<UPN>A999204122607</UPN>\n"
	    "      <Surname>Jo Bell</Surname>\n"
	    "      <DOB>2014-10-03</DOB>\n      <Sex>F</Sex>\n"));
	/* KS1 phonics (2019-20: Year 2020) before KS2, by stage. */
	ck_assert_ptr_nonnull(strstr(out, "<Stage>KS2</Stage>\n"
	    "          <StageAssessment>\n            <Locale>ENG</Locale>\n"
	    "            <Year>2026</Year>\n            <Subject>ENG</Subject>"
	    "\n            <Method>TT</Method>\n            <Component>REA"
	    "</Component>\n            <ResultStatus>F</ResultStatus>\n"
	    "            <ResultQualifier>SS</ResultQualifier>\n"
	    "            <Result>104</Result>\n"));
	ck_assert_ptr_nonnull(strstr(out, "<Year>2020</Year>"));
	ck_assert_ptr_null(strstr(out, "P7"));
	ck_assert_ptr_null(strstr(out, "T999204122683X"));
	ck_assert_ptr_null(strstr(out, "nfer"));
	ck_assert(strlen(out) > 20 && strcmp(out + strlen(out) - 20,
	    "Data>\n</CTfile>\n") != 0);
	ck_assert_ptr_nonnull(strstr(out, "</CTFpupilData>\n</CTfile>\n"));
	ck_assert_str_eq(told,
	    "1 result in reading, ta at ks1 has no academic year (a point "
	    "such as 2025-26.ks1) and is left out of the CTF "
	    "(A999204122607)\n"
	    "2 pupils whose ids are not UPNs (13 characters: a letter, 11 "
	    "digits, a digit or a letter) are left out of the CTF with 2 "
	    "statutory results (P7 and 1 more)\n");
	free(out);
}
END_TEST

START_TEST(ids_and_codes)
{
	ck_assert(pupil_upn_shaped("A999204122607", 13));
	ck_assert(pupil_upn_shaped("A99920412260T", 13));
	ck_assert(!pupil_upn_shaped("a999204122607", 13));
	ck_assert(!pupil_upn_shaped("A9992041226", 11));
	ck_assert(!pupil_upn_shaped("A99920412X607", 13));
	ck_assert(pupil_ctf_laestab_ok("9992041"));
	ck_assert(pupil_ctf_laestab_ok("999/2041"));
	ck_assert(pupil_ctf_laestab_ok("MMMMMMM"));
	ck_assert(!pupil_ctf_laestab_ok("99-2041"));
	ck_assert(!pupil_ctf_laestab_ok("99920411"));
	ck_assert(!pupil_ctf_laestab_ok(""));
}
END_TEST

START_TEST(scheme_defaults)
{
	static const char good[] = "{\"extends\": \"built-in\", \"pupil\": "
	    "{\"flags\": [\"Not-Assessed\", \"dropped\"], \"stuck\": 2}}";
	static const char *const bad[][2] = {
		{ "{\"extends\": \"built-in\", \"pupil\": {\"flags\": "
		  "[\"stuk\"]}}",
		  "$.pupil.flags[0]: unknown reason \"stuk\" (did you mean "
		  "\"stuck\"?)" },
		{ "{\"extends\": \"built-in\", \"pupil\": {\"flags\": []}}",
		  "$.pupil.flags: name at least one reason (dropped, stuck, "
		  "disagree, missing, not-assessed), or leave \"flags\" out" },
		{ "{\"extends\": \"built-in\", \"pupil\": {\"flags\": "
		  "[\"stuck\", \"STUCK\"]}}",
		  "$.pupil.flags[1]: \"stuck\" is listed twice" },
		{ "{\"extends\": \"built-in\", \"pupil\": {\"stuck\": 0}}",
		  "$.pupil.stuck: 0 is out of range 1..100" },
		{ "{\"extends\": \"built-in\", \"pupil\": {\"flag\": []}}",
		  "$.pupil: unknown key \"flag\" (did you mean \"flags\"?)" },
	};
	track_scheme *s;
	track_error err;
	track_pupils *p;
	struct pupil_opts o = { 0 };
	const char *const *names;
	size_t n, i;

	ck_assert_int_eq(scheme_load_buffer(&s, good, strlen(good), "t.json",
	    &err), 0);
	names = scheme_pupil_flags(s, &n);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(names[0], "not-assessed");
	ck_assert_int_eq(scheme_pupil_stuck(s), 2);
	ck_assert_int_eq(pupil_new(&p, s, &o, &err), 0);
	ck_assert_uint_eq(p->o.reasons, 1u << PR_NOT_ASSESSED |
	    1u << PR_DROPPED);
	ck_assert_int_eq(p->o.stuck, 2);
	pupil_free(p);
	/* The options win over the scheme. */
	o.reasons = 1u << PR_STUCK;
	o.stuck = 4;
	ck_assert_int_eq(pupil_new(&p, s, &o, &err), 0);
	ck_assert_uint_eq(p->o.reasons, 1u << PR_STUCK);
	ck_assert_int_eq(p->o.stuck, 4);
	pupil_free(p);
	scheme_free(s);
	/* Without the section: every reason, 3 terms. */
	o.reasons = 0;
	o.stuck = 0;
	ck_assert_ptr_null(scheme_pupil_flags(def, &n));
	ck_assert_int_eq(pupil_new(&p, def, &o, &err), 0);
	ck_assert_uint_eq(p->o.reasons, (1u << PR_COUNT) - 1);
	ck_assert_int_eq(p->o.stuck, 3);
	pupil_free(p);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		s = NULL;
		ck_assert_int_ne(scheme_load_buffer(&s, bad[i][0],
		    strlen(bad[i][0]), "t.json", &err), 0);
		ck_assert_str_eq(err.text, bad[i][1]);
	}
	/* The scheme knows the reasons track-pupil knows, by name. */
	for (i = 0; i < PR_COUNT; i++) {
		char doc[200];

		snprintf(doc, sizeof doc, "{\"extends\": \"built-in\", "
		    "\"pupil\": {\"flags\": [\"%s\"]}}",
		    pupil_reason_name((enum pupil_reason)i));
		ck_assert_int_eq(scheme_load_buffer(&s, doc, strlen(doc),
		    "t.json", &err), 0);
		scheme_free(s);
	}
}
END_TEST

/* Counts the lines of `s` that start with `head`. */
static size_t
lines_starting(const char *s, const char *head)
{
	size_t n = 0, len = strlen(head);

	for (; *s != '\0'; s = strchr(s, '\n') + 1)
		n += strncmp(s, head, len) == 0;
	return n;
}

/*
 * Long CSV and TSV tables (--flags, the profile) are written a piece of
 * whole pupils at a time (write_pieces): 3,001 pupils of three entries,
 * more than a piece holds, with pieces ending inside a pupil's run unless
 * they are carried to its end.  The flags are those of the whole table
 * written at once (flags_of over every entry), the header comes once,
 * and the profile has every entry once, each pupil's together.
 */
START_TEST(long_tables_in_pieces)
{
	enum { NP = 3001 };
	static const char *const term[][2] = {
		{ "2025-26.autumn", "EXS" }, { "2025-26.spring", "WTS" },
		{ "2025-26.summer", "WTS" }
	};
	const char **l = calloc(3 * NP + 2, sizeof *l);
	char *lines = malloc((size_t)3 * NP * 64), *got, *want, *at;
	struct pupil_opts o = { 0 };
	track_pupils *p;
	track_rtable *t;
	track_writer *w;
	track_error err;
	struct view v;
	char head[32];
	size_t i, k;
	int fd;

	ck_assert(l != NULL && lines != NULL);
	l[0] = "pupil,year,against,subject,point,measure,value";
	for (i = 0, at = lines; i < NP; i++)
		for (k = 0; k < 3; k++) {
			l[1 + 3 * i + k] = at;
			at += sprintf(at, "P%04zu,4,,reading,%s,ta,%s", i,
			    term[k][0], term[k][1]) + 1;
		}
	o.flags = 1;
	got = run(&o, TRACK_FMT_CSV, l);
	/* The pieces filled on several threads: the same bytes. */
	for (k = 2; k <= 5; k += 3) {
		o.threads = (unsigned)k;
		want = run(&o, TRACK_FMT_CSV, l);
		ck_assert_msg(strcmp(got, want) == 0, "flags, %zu threads", k);
		free(want);
		o.flags = 0;
		o.transition = 1;
		want = run(&o, TRACK_FMT_CSV, l);
		o.threads = 1;
		at = run(&o, TRACK_FMT_CSV, l);
		ck_assert_uint_eq(lines_starting(at, "P"), 2 * NP);
		ck_assert_msg(strcmp(at, want) == 0, "transition, %zu "
		    "threads", k);
		free(want);
		free(at);
		o.transition = 0;
		o.flags = 1;
	}
	o.threads = 0;
	/* The whole table at once, as before. */
	p = gather(&o, l);
	ck_assert_int_eq(view_make(&v, p), 0);
	ck_assert_uint_gt(v.n, 4096);
	t = flags_table();
	ck_assert_int_eq(flags_of(t, &v, 0, v.n), 0);
	fd = fx_temp_fd();
	ck_assert_int_eq(writer_open(&w, fd, TRACK_FMT_CSV, 0, &err), 0);
	ck_assert_int_eq(rtable_write(t, w, TRACK_FMT_CSV, &err), 0);
	ck_assert_int_eq(writer_finish(w, &err), 0);
	writer_free(w);
	want = fx_slurp(fd);
	close(fd);
	rtable_free(t);
	view_free(&v);
	pupil_free(p);
	ck_assert_uint_eq(lines_starting(got, "P"), NP);
	ck_assert_msg(strcmp(got, want) == 0,
	    "the flags written in pieces are not the whole table's");
	free(got);
	free(want);
	/* The profile: one header, every entry, in pupil order, on one
	 * thread or three. */
	o.flags = 0;
	got = run(&o, TRACK_FMT_TSV, l);
	o.threads = 3;
	want = run(&o, TRACK_FMT_TSV, l);
	ck_assert_str_eq(got, want);
	free(want);
	ck_assert_uint_eq(lines_starting(got, "pupil\t"), 1);
	ck_assert_uint_eq(lines_starting(got, "P"), 3 * NP);
	for (i = 0, at = strchr(got, '\n') + 1; i < NP; i++)
		for (k = 0; k < 3; k++, at = strchr(at, '\n') + 1) {
			snprintf(head, sizeof head, "P%04zu\t", i);
			ck_assert_msg(strncmp(at, head, strlen(head)) == 0,
			    "entry %zu of pupil %zu", k, i);
		}
	ck_assert_str_eq(at, "");
	free(got);
	free(lines);
	free(l);
}
END_TEST

/*
 * The entries' order (view_make, by counting) is cmp_ent's: by pupil as
 * first read, then subject, measure and point in scheme order; and the
 * same as the way it falls back to.  The records come in an order far
 * from it, with pupils coming back, and --year leaves some out.
 */
START_TEST(entries_in_order)
{
	static const char *const subj[] = { "writing", "maths", "reading" };
	static const char *const pts[] = {
		"2025-26.summer", "ks1", "2024-25.autumn", "2025-26.autumn",
		"2024-25.summer"
	};
	enum { NP = 40, NR = NP * 3 * 2 * 5 };
	const char **l = calloc(NR + 2, sizeof *l);
	char *lines = malloc((size_t)NR * 64), *at;
	struct pupil_opts o = { 0 };
	track_pupils *p;
	struct view v;
	size_t i, r = 1, *first;
	int pass;

	ck_assert(l != NULL && lines != NULL);
	l[0] = "pupil,year,against,subject,point,measure,value";
	at = lines;
	/* Point by point, pupils in a scrambled order each time. */
	for (i = 0; i < NR; i++) {
		size_t pt = i / (NP * 6), rest = i % (NP * 6);
		size_t pu = (rest * 7 + pt * 3) % NP, sj = rest / NP % 3;
		int test = rest / (NP * 3) != 0;

		l[r++] = at;
		at += sprintf(at, "P%02zu,%d,,%s,%s,%s,%s", pu, pu % 3 ? 4 : 5,
		    subj[sj], pts[pt], test ? "nfer" : "ta",
		    test ? "101" : "EXS") + 1;
	}
	for (pass = 0; pass < 2; pass++) {
		o.year = pass == 0 ? NULL : "4";
		p = gather(&o, l);
		ck_assert_int_eq(view_make(&v, p), 0);
		/* Year 4: the 26 pupils of 40 whose number is not a multiple of 3. */
		ck_assert_uint_eq(v.n, pass == 0 ? NR : 26 * NR / NP);
		for (i = 1; i < v.n; i++) {
			const struct ikey *a = &p->e[v.ord[i - 1]].k;
			const struct ikey *b = &p->e[v.ord[i]].k;
			long d = a->pupil != b->pupil ? (long)a->pupil - b->pupil :
			    a->subject != b->subject ? a->subject - b->subject :
			    a->measure != b->measure ? a->measure - b->measure :
			    v.prank[a->point] - v.prank[b->point];

			ck_assert_msg(d < 0, "entries %zu and %zu out of order",
			    i - 1, i);
		}
		first = malloc(v.n * sizeof *first);
		ck_assert_ptr_nonnull(first);
		memcpy(first, v.ord, v.n * sizeof *first);
		ck_assert_int_eq(view_sort(&v, 0), 0);
		ck_assert(memcmp(first, v.ord, v.n * sizeof *first) == 0);
		free(first);
		view_free(&v);
		pupil_free(p);
	}
	free(lines);
	free(l);
}
END_TEST

/*
 * Records whose band needs the pupil's age (a reading age) are read the
 * long way each time, without the row cache's memo; they still meet the
 * other records of their identity, so the last one wins.
 */
START_TEST(ages_last_wins)
{
	static const char *const l[] = {
		"pupil,year,subject,point,measure,value,dob,date",
		"P1,4,reading,2025-26.autumn,reading-age,9:04,2017-01-15,"
		"2025-11-20",
		"P1,4,reading,2025-26.autumn,ta,EXS,2017-01-15,",
		"P2,4,reading,2025-26.autumn,reading-age,8:00,2017-03-15,"
		"2025-11-20",
		"P1,4,reading,2025-26.autumn,reading-age,9:06,2017-01-15,"
		"2025-11-21",
		"P1,4,reading,2025-26.spring,reading-age,9:08,2017-01-15,"
		"2026-03-21",
		"P1,4,reading,2025-26.autumn,ta,WTS,2017-01-15,",
		NULL
	};
	struct pupil_opts o = { 0 };
	char *out = run(&o, TRACK_FMT_CSV, l);

	ck_assert_str_eq(out,
	    "pupil,name,year,subject,measure,point,value,band\n"
	    "P1,,4,reading,ta,2025-26.autumn,WTS,below\n"
	    "P1,,4,reading,reading-age,2025-26.autumn,9.06,above\n"
	    "P1,,4,reading,reading-age,2025-26.spring,9.08,at\n"
	    "P2,,4,reading,reading-age,2025-26.autumn,8.00,below\n");
	free(out);
}
END_TEST

/*
 * A flag's evidence longer than its buffer (a point id of 700
 * characters) is cut as snprintf would cut it: the first 599 bytes of
 * the whole text, nothing past them.
 */
START_TEST(long_evidence_cut)
{
	char pt[702], r1[800], r2[800], whole[1024];
	const char *l[4], *ev, *label;
	struct pupil_opts o = { 0 };
	track_pupils *p;
	track_rtable *t;
	struct view v;

	memset(pt, 'x', sizeof pt - 1);
	pt[0] = 'p';
	pt[sizeof pt - 1] = '\0';
	snprintf(r1, sizeof r1, "P1,4,,reading,%s,ta,EXS", pt);
	snprintf(r2, sizeof r2, "P1,4,,reading,%s,nfer,85", pt);
	l[0] = "pupil,year,against,subject,point,measure,value";
	l[1] = r1;
	l[2] = r2;
	l[3] = NULL;
	o.flags = 1;
	p = gather(&o, l);
	ck_assert_int_eq(view_make(&v, p), 0);
	t = flags_table();
	ck_assert_int_eq(flags_of(t, &v, 0, v.n), 0);
	ck_assert_uint_eq(rtable_nrows(t), 1);
	ev = rtable_cell_text(t, 0, FC_EVIDENCE, &label);
	snprintf(whole, sizeof whole, "reading: teacher assessment EXS (at), "
	    "nfer 85 (below) (%s)", pt);
	ck_assert_uint_eq(strlen(whole), 55 + 701 + 1);
	ck_assert_uint_eq(strlen(ev), 599);
	ck_assert(strncmp(ev, whole, 599) == 0);
	rtable_free(t);
	view_free(&v);
	pupil_free(p);
}
END_TEST

/*
 * Told the input's size (pupil_expect), the reader sizes its entries'
 * table after EXPECT_ROWS rows, then goes on: every entry is still the
 * identity's last record, as without it.  The rows correct each other
 * (each identity twice, the second value the one kept), so the guess is
 * of entries, not rows.
 */
START_TEST(expected_size)
{
	enum { NP = 1500 };
	static const char *const pts[] = {
		"2024-25.autumn", "2024-25.summer", "2025-26.autumn",
		"2025-26.summer"
	};
	const char **l = calloc(8 * NP + 2, sizeof *l);
	char *lines = malloc((size_t)8 * NP * 64), *at, *plain, *told_size;
	char path[] = "/tmp/check_pupil_XXXXXX";
	char *files[1];
	struct pupil_opts o = { 0 };
	track_pupils *p;
	track_writer *w;
	track_error err;
	track_str f[FX_MAXF];
	char store[512];
	size_t i, k, n, r = 1;
	int fd, pass;

	ck_assert(l != NULL && lines != NULL);
	l[0] = "pupil,year,against,subject,point,measure,value";
	at = lines;
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < NP; i++)
			for (k = 0; k < 4; k++) {
				l[r++] = at;
				at += sprintf(at, "P%04zu,4,,reading,%s,ta,%s",
				    i, pts[k], pass == 0 ? "GDS" : (i + k) % 3 ?
				    "EXS" : "WTS") + 1;
			}
	plain = run(&o, TRACK_FMT_CSV, l);
	/* The same rows, told a file of about their size. */
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	for (i = 0; l[i] != NULL; i++)
		ck_assert(write(fd, l[i], strlen(l[i])) >= 0 &&
		    write(fd, "\n", 1) == 1);
	close(fd);
	files[0] = path;
	ck_assert_int_eq(pupil_new(&p, def, &o, &err), 0);
	pupil_expect(p, files, 1);
	ck_assert_uint_gt(p->bytes, 0);
	n = fx_split(l[0], store, sizeof store, f);
	ck_assert_int_eq(pupil_bind(p, f, n, &err), 0);
	for (i = 1; l[i] != NULL; i++) {
		n = fx_split(l[i], store, sizeof store, f);
		ck_assert_int_eq(pupil_row(p, f, &err), 0);
	}
	ck_assert_uint_eq(p->bytes, 0);	/* the guess was made */
	ck_assert_uint_eq(u64map_count(p->ids), 4 * NP);
	/* The entries were sized by it too: the first 4,096 rows were all
	 * new identities, so it took every row to bring one (12,000 and a
	 * twentieth), more than doubling ever gives 6,000. */
	ck_assert_uint_ge(p->ecap, 12000);
	fd = fx_temp_fd();
	ck_assert_int_eq(writer_open(&w, fd, TRACK_FMT_CSV, 0, &err), 0);
	ck_assert_int_eq(pupil_write(p, w, TRACK_FMT_CSV, &err), 0);
	ck_assert_int_eq(writer_finish(w, &err), 0);
	writer_free(w);
	pupil_free(p);
	told_size = fx_slurp(fd);
	close(fd);
	unlink(path);
	ck_assert_str_eq(told_size, plain);
	ck_assert_ptr_null(strstr(plain, "GDS"));
	free(plain);
	free(told_size);
	free(lines);
	free(l);
}
END_TEST

static Suite *
pupil_suite(void)
{
	Suite *s = suite_create("pupil");
	TCase *tc = tcase_create("pupil");

	tcase_add_checked_fixture(tc, setup_default, teardown_default);
	tcase_add_test(tc, reasons);
	tcase_add_test(tc, profile_order_and_last_wins);
	tcase_add_test(tc, selection);
	tcase_add_test(tc, flag_reasons);
	tcase_add_test(tc, ooy_curricula);
	tcase_add_test(tc, json_document);
	tcase_add_test(tc, class_and_year_by_latest);
	tcase_add_test(tc, objectives_secured);
	tcase_add_test(tc, transition_items);
	tcase_add_test(tc, transition_json);
	tcase_add_test(tc, ctf_file);
	tcase_add_test(tc, ids_and_codes);
	tcase_add_test(tc, scheme_defaults);
	tcase_add_test(tc, long_tables_in_pieces);
	tcase_add_test(tc, expected_size);
	tcase_add_test(tc, entries_in_order);
	tcase_add_test(tc, ages_last_wins);
	tcase_add_test(tc, long_evidence_cut);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(pupil_suite())
