/*
 * check_import_ctf.c - lib/assess/import_ctf.c: a CTF's results as
 * records placed by the built-in scheme, its pupils, and the problems
 * reported at their lines.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_main.h"
#include "assess/import_ctf.h"
#include "scheme/scheme.h"

static char out[8192], probs[4096];

static void
add(char *buf, size_t size, const track_str *f, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		snprintf(buf + strlen(buf), size - strlen(buf), "%s%.*s",
		    i ? "," : "", (int)f[i].len, f[i].ptr);
	snprintf(buf + strlen(buf), size - strlen(buf), "\n");
}

static int
on_header(void *ctx, const track_str *o, size_t n, const track_str *in,
    size_t nin)
{
	(void)ctx;
	(void)in;
	(void)nin;
	add(out, sizeof out, o, n);
	return 0;
}

static int
on_record(void *ctx, const track_str *f, size_t n)
{
	(void)ctx;
	add(out, sizeof out, f, n);
	return 0;
}

static void
on_problem(void *ctx, const track_error *e, int warning)
{
	(void)ctx;
	(void)warning;
	snprintf(probs + strlen(probs), sizeof probs - strlen(probs),
	    "%ld: %s\n", e->line, e->text);
}

/* Imports `xml` with the built-in scheme; returns the status. */
static int
run(const char *xml, int pupils)
{
	const struct import_sink k = { on_header, on_record, NULL, NULL,
	    NULL, NULL, NULL };
	char path[] = "/tmp/check_import_ctf_XXXXXX";
	track_scheme *s;
	track_reader *r;
	track_error err;
	FILE *f;
	int fd, rc;

	out[0] = probs[0] = '\0';
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	f = fdopen(fd, "w");
	fputs(xml, f);
	fclose(f);
	ck_assert_int_eq(scheme_load_default(&s, &err), 0);
	ck_assert_int_eq(reader_open(&r, path, NULL, &err), 0);
	ck_assert_int_eq(reader_format(r), TRACK_IN_CTF);
	rc = import_ctf_read(s, NULL, r, pupils, on_problem, NULL, &k, &err);
	reader_close(r);
	scheme_free(s);
	unlink(path);
	return rc;
}

#define RESULT(y, subj, meth, comp, q, v) "<StageAssessment><Year>" y \
	"</Year><Subject>" subj "</Subject><Method>" meth "</Method>" \
	"<Component>" comp "</Component><ResultQualifier>" q \
	"</ResultQualifier><Result>" v "</Result></StageAssessment>\n"

static const char ctf[] = "<CTfile><CTFpupilData>\n"
    "<Pupil><UPN>A1</UPN><Surname>Bell</Surname><Forename>Jo</Forename>"
    "<DOB>2015-01-02</DOB><Sex>F</Sex><BasicDetails><NCyearActual>6"
    "</NCyearActual><FSMeligible>true</FSMeligible></BasicDetails>\n"
    "<StageAssessments><KeyStage><Stage>KS2</Stage>\n"
    RESULT("2026", "ENG", "TT", "REA", "SS", "105")
    RESULT("2026", "ENG", "TT", "REA", "TM", "38")
    RESULT("2026", "MAT", "TT", "MAT", "SS", "B")
    RESULT("2026", "ENG", "TA", "WRI", "TA", "exs")
    RESULT("2026", "ENG", "TT", "SPL", "SS", "101")
    RESULT("2026", "SCI", "TA", "SCI", "TA", "EXPT")
    RESULT("26", "ENG", "TT", "GPS", "SS", "101")
    "</KeyStage></StageAssessments></Pupil>\n"
    "<Pupil><UPN>A2</UPN><Surname>Ng</Surname><DOB>02/01/2015</DOB>"
    "<Sex>X</Sex></Pupil>\n"
    "</CTFpupilData></CTfile>\n";

START_TEST(ctf_records)
{
	ck_assert_int_eq(run(ctf, 0), TRACK_EXIT_DATA);
	ck_assert_str_eq(out, "pupil,name,year,subject,point,measure,value,"
	    "dob,gender,pp,send\n"
	    "A1,Bell, Jo,6,reading,2025-26.ks2,ks2,105,2015-01-02,F,Y,\n"
	    "A1,Bell, Jo,6,maths,2025-26.ks2,ks2,B,2015-01-02,F,Y,\n"
	    "A1,Bell, Jo,6,writing,2025-26.ks2,ta,EXS,2015-01-02,F,Y,\n");
	ck_assert_str_eq(probs,
	    "8: no rule in the scheme's ctf section places the result KS2 "
	    "ENG/SPL (method TT, qualifier SS)\n"
	    "9: unknown descriptor \"EXPT\" for science (did you mean EXS?)\n"
	    "10: Year \"26\" of a gps result is not a year such as 2026\n"
	    "12: DOB \"02/01/2015\" of pupil A2 is not a date (YYYY-MM-DD)\n"
	    "12: unknown Sex code \"X\" for pupil A2 (the scheme's ctf "
	    "section knows M, F)\n");
}
END_TEST

START_TEST(ctf_pupils)
{
	ck_assert_int_eq(run(ctf, 1), TRACK_EXIT_DATA);
	ck_assert_str_eq(out, "pupil,name,surname,forename,dob,year,gender,"
	    "pp,send\nA1,Bell, Jo,Bell,Jo,2015-01-02,6,F,Y,\n"
	    "A2,Ng,Ng,,,,,,\n");
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("import_ctf");
	TCase *tc = tcase_create("ctf");

	tcase_add_test(tc, ctf_records);
	tcase_add_test(tc, ctf_pupils);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(suite())
