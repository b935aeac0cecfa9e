/*
 * gen-school2.c: Riverside Primary, the second English example school
 * (gen-school -s school2 OUTDIR, examples/school2/raw).  Everything here
 * is invented, with gen-school.c's names, UPNs (LA 999, establishment
 * 3104) and PRNG, from its own seed (SCHOOL2_SEED, 26).
 *
 * Where the first school's exports are tidy, these are the shapes real
 * systems write, each read by one mapping file (examples/school2/maps)
 * with no preprocessing.  Years 1-6 in 2025-26, 14-17 pupils each (about
 * 95), one class each; one Year 3 pupil left at Christmas, one Year 2
 * pupil joined in January, and the lowest-attaining Year 5 pupil with SEN
 * support is assessed against Year 4.  Each pupil has a latent attainment
 * (N(0,1) in thousandths of an SD, lower for pupil premium and SEN), an
 * offset per subject and noise per term.
 *
 * pupils.csv  The MIS pupils export (characteristics), ordered by
 *     surname: UPN,Surname,Forename,Date of Birth,Gender,FSM,Pupil
 *     Premium,EAL,SEN Status,Reg Group,Year.  Dates dd/mm/yyyy, about one
 *     in six d/m/yy; Gender Female/Male, some F/M; FSM Yes/No, some Y/N;
 *     Pupil Premium True/False; EAL Y/N, some Yes/No; SEN Status N, "K "
 *     (with a space), SEN Support, EHCP or E; Reg Group "4H"; Year "Year
 *     4".  The leaver is in it (exported with leavers).
 * arbor-marksheet-2025-26.csv  An Arbor-style assessment marksheet of
 *     Years 1-3, 5 and 6 (Year 4 keeps its own, below): UTF-8 with a BOM,
 *     CRLF.  Student ("Forename Surname"),UPN,Year Group ("Year 5"),
 *     Registration Form,Curriculum Year (the data manager's column:
 *     "Year 4" for the pupil assessed out of year), then "Reading -
 *     Autumn 2025", "Writing - Autumn 2025", "Maths - Autumn 2025",
 *     "Reading - Spring 2026", ... "Maths - Summer 2026".  Each class
 *     writes its judgements its own way: "Expected", "Working Towards",
 *     "Greater Depth" (Year 1), EXS/WTS/GDS (Year 2), lower case words
 *     (Year 3), words with some trailing spaces (Year 5), codes with some
 *     "Exs" (Year 6); PK4 or "Pre-key stage 4" for pupils with an EHC
 *     plan far below.  Blank before joining, after leaving and for about
 *     1% of cells not assessed.
 * sims-year4-2025-26.csv  Year 4's marksheet from a SIMS-style system:
 *     Windows-1252, semicolons, CRLF, a title row ("Marksheet: Year 4
 *     Assessment 2025/26") above the header Adno;UPN;Legal Surname;Legal
 *     Forename;Reg;Reading TA Aut 25/26;Writing TA Aut 25/26;Maths TA Aut
 *     25/26;... Sum 25/26.  Codes EXS/WTS/GDS, some "Exs".  Its names are
 *     all in 1252, two with accents (é, ö).
 * pira-puma-2025-26.csv  A long test export, one row per pupil per test
 *     per term: UPN,Name,Test,Term,Date Taken,Raw Score,Standardised
 *     Score,Age Standardised Score,Reading Age.  Test is PiRA or PUMA
 *     (Year 4: "Rising Stars PiRA 4", "Rising Stars PUMA 4"); Term
 *     "Autumn 2025", "Spring 2026", "Summer 2026"; dates dd/mm/yyyy;
 *     standardised scores 70-140, "<70" below; reading age "8y 4m" for
 *     PiRA.  An absent pupil has no row (about 2.5%).
 * ctf-ks2-2026.xml  The KS2 results as a DfE common transfer file
 *     (CTfile, Header, CTFpupilData/Pupil with UPN, Surname, Forename,
 *     DOB, Sex and StageAssessments/KeyStage, Stage KS2, with its
 *     StageAssessment elements), Year 2026: reading (Subject ENG,
 *     Component REA), maths (MAT, MAT) and GPS (ENG, GPS) by test (Method
 *     TT, ResultQualifier SS, a scaled score 80-120, or B; and TM, the
 *     test mark); writing (ENG, WRI) and science (SCI, SCI) by teacher
 *     assessment (Method TA, ResultQualifier TA; GDS/EXS/WTS/PK4,
 *     EXS/HNM).
 * ctf-phonics-mtc-2026.xml  The phonics screening check (KeyStage KS1,
 *     Subject and Component PHO, Year 1 and Year 2 retakes: the mark
 *     0-40, ResultQualifier MK, and WA/WT, OC) and the multiplication
 *     tables check (KS2, Subject MAT, Component MTC, Year 4, 0-25, SS) as
 *     one CTF.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen-school.h"

#ifndef SCHOOL2_SEED
#define SCHOOL2_SEED 26
#endif

enum { S2_MAXP = 128, S2_NT = 3, S2_NS = 3, S2_ESTAB = 3104 };

/* Judgements: 0 blank. */
enum { J_NONE, J_PK4, J_WTS, J_EXS, J_GDS };

struct s2pupil {
	char upn[14];
	const char *surname, *forename;
	char gender, fsm, pp, eal, send;	/* F/M, Y/N, Y/N, Y/N, N/K/E */
	int year;		/* 1..6 */
	int dob[3];
	int bmonth;		/* 0 September .. 11 August */
	int adno;
	int first, last;	/* terms on roll, 0..2 */
	int against;		/* curriculum year, or 0 */
	int latent, offset[S2_NS];
	unsigned char ta[S2_NT][S2_NS];
	int test[S2_NT][2];	/* PiRA, PUMA standardised; 0 absent */
};

static const char *const s2_subj[S2_NS] = { "Reading", "Writing", "Maths" };
static const char *const s2_term[S2_NT] = {
	"Autumn 2025", "Spring 2026", "Summer 2026"
};
static const char *const s2_sims_term[S2_NT] = { "Aut", "Spr", "Sum" };
static const char s2_teacher[8] = "?KPMHLD";	/* Reg Group letters */

static struct s2pupil s2[S2_MAXP];
static int ns2;

/* One pupil of Year y, on roll from term first to term last. */
static struct s2pupil *s2_add(int y, int first, int last)
{
	struct s2pupil *p = &s2[ns2];

	if (ns2 >= S2_MAXP) {
		fprintf(stderr, "gen-school: too many pupils\n");
		exit(1);
	}
	memset(p, 0, sizeof(*p));
	p->year = y;
	p->first = first;
	p->last = last;
	p->gender = chance(500) ? 'F' : 'M';
	p->send = chance(30) ? 'E' : chance(140) ? 'K' : 'N';
	p->fsm = chance(p->send == 'N' ? 180 : 330) ? 'Y' : 'N';
	p->pp = p->fsm == 'Y' || chance(50) ? 'Y' : 'N';
	make_name(heritages, nheritages, p->gender, y == 4, &p->surname,
	    &p->forename, &p->eal);
	make_upn(p->upn, first > 0 ? 2460 : S2_ESTAB, first > 0 ? 25 : 25 - y);
	p->adno = 1000 + ns2 * 7 + below(7);
	make_dob(y, &p->bmonth, p->dob);
	p->latent = 350 + gauss(1000) + (5 - p->bmonth) * 40;
	if (p->pp == 'Y')
		p->latent -= 600;
	if (p->send == 'K')
		p->latent -= 1000;
	if (p->send == 'E')
		p->latent -= 2000;
	for (int s = 0; s < S2_NS; s++)
		p->offset[s] = gauss(400);
	ns2++;
	return p;
}

/* A judgement from a score z in term t. */
static int s2_judge(const struct s2pupil *p, int z, int t)
{
	if (p->send == 'E' && z < -2300)
		return J_PK4;
	if (z > 1350 - t * 120)
		return J_GDS;
	if (z < -650 - t * 60)
		return J_WTS;
	return J_EXS;
}

/* A standardised score (mean 100, SD 15) from a score z. */
static int s2_standardised(int z)
{
	return clamp(100 + (z + gauss(300)) * 13 / 1000, 60, 141);
}

/*
 * The school: pupils, their judgements and test scores.  The leaver is
 * the third Year 3 pupil made, the joiner is added to Year 2, and the
 * pupil assessed out of year is chosen last.
 */
static void make_school2(void)
{
	struct s2pupil *low = NULL;

	for (int y = 1; y <= 6; y++) {
		int n = 14 + below(4);

		for (int i = 0; i < n; i++)
			s2_add(y, 0, y == 3 && i == 2 ? 0 : 2);
		if (y == 2)
			s2_add(2, 1, 2);
	}
	for (int i = 0; i < ns2; i++)
		if (s2[i].year == 5 && s2[i].send == 'K' &&
		    (!low || s2[i].latent < low->latent))
			low = &s2[i];
	if (low)
		low->against = 4;
	for (int i = 0; i < ns2; i++) {
		struct s2pupil *p = &s2[i];
		int lift = p->against ? 1300 : 0;

		for (int t = 0; t < S2_NT; t++) {
			int on = p->first <= t && t <= p->last;

			for (int s = 0; s < S2_NS; s++) {
				int z = p->latent + p->offset[s] +
				    gauss(220) + lift;
				int j = s2_judge(p, z, t);

				p->ta[t][s] = on && !chance(10) ? j : J_NONE;
			}
			for (int k = 0; k < 2; k++) {
				int z = p->latent + p->offset[k * 2];

				p->test[t][k] = on && !chance(25) ?
				    s2_standardised(z) : 0;
			}
		}
	}
}

static int s2_cmp_name(const void *a, const void *b);

/* Open dir/name (its path in path) with the pupils sorted by cmp. */
static FILE *s2_open(const char *dir, const char *name, char *path,
    int (*cmp)(const void *, const void *))
{
	qsort(s2, (size_t)ns2, sizeof(s2[0]), cmp);
	return open_out(dir, name, path, 4096);
}

static int s2_cmp_name(const void *a, const void *b)
{
	const struct s2pupil *p = a, *q = b;
	int c = strcmp(p->surname, q->surname);

	return c ? c : strcmp(p->forename, q->forename);
}

static int s2_cmp_year(const void *a, const void *b)
{
	const struct s2pupil *p = a, *q = b;

	return p->year != q->year ? p->year - q->year : s2_cmp_name(a, b);
}

/* A judgement in the style of a class (0-4, see the top), or a code. */
static const char *s2_word(int j, int style)
{
	static const char *const codes[] = { "", "PK4", "WTS", "EXS", "GDS" };
	static const char *const words[] = {
		"", "Pre-key stage 4", "Working Towards", "Expected",
		"Greater Depth"
	};
	static const char *const lower[] = {
		"", "pre-key stage 4", "working towards", "expected",
		"greater depth"
	};
	static const char *const spaced[] = {
		"", "PK4 ", "Working Towards ", "Expected ", "Greater Depth "
	};

	switch (style) {
	case 0:
		return words[j];
	case 2:
		return lower[j];
	case 3:
		return chance(60) ? spaced[j] : words[j];
	case 4:
		return j == J_EXS && chance(60) ? "Exs" : codes[j];
	default:
		return codes[j];
	}
}

/* Write s, a UTF-8 string, as Windows-1252. */
static void put_1252(FILE *f, const char *s)
{
	char buf[256];

	if (to_cp1252(s, buf, sizeof(buf))) {
		fprintf(stderr, "gen-school: %s: not in Windows-1252\n", s);
		exit(1);
	}
	fputs(buf, f);
}

static void write_pupils2(const char *dir)
{
	static const char *const sen_e[] = { "EHCP", "E" };
	static const char *const sen_k[] = { "K ", "SEN Support" };
	char path[4096];
	FILE *f = s2_open(dir, "pupils.csv", path, s2_cmp_name);

	fputs("UPN,Surname,Forename,Date of Birth,Gender,FSM,Pupil Premium,"
	    "EAL,SEN Status,Reg Group,Year\n", f);
	for (int i = 0; i < ns2; i++) {
		const struct s2pupil *p = &s2[i];
		int shortdate = chance(170), terse = chance(200);

		fprintf(f, "%s,%s,%s,", p->upn, p->surname, p->forename);
		if (shortdate)
			fprintf(f, "%d/%d/%02d,", p->dob[2], p->dob[1],
			    p->dob[0] % 100);
		else
			fprintf(f, "%02d/%02d/%04d,", p->dob[2], p->dob[1],
			    p->dob[0]);
		if (terse)
			fprintf(f, "%c,", p->gender);
		else
			fputs(p->gender == 'F' ? "Female," : "Male,", f);
		if (chance(150))
			fprintf(f, "%c,", p->fsm);
		else
			fputs(p->fsm == 'Y' ? "Yes," : "No,", f);
		fputs(p->pp == 'Y' ? "True," : "False,", f);
		if (chance(120))
			fputs(p->eal == 'Y' ? "Yes," : "No,", f);
		else
			fprintf(f, "%c,", p->eal);
		fprintf(f, "%s,%d%c,Year %d\n", p->send == 'E' ?
		    sen_e[below(2)] : p->send == 'K' ? sen_k[below(2)] : "N",
		    p->year, s2_teacher[p->year], p->year);
	}
	close_out(f, path);
}

static void write_arbor(const char *dir)
{
	static const int style[7] = { 0, 0, 1, 2, 1, 3, 4 };
	char path[4096];
	FILE *f = s2_open(dir, "arbor-marksheet-2025-26.csv", path,
	    s2_cmp_year);

	fputs("\xef\xbb\xbfStudent,UPN,Year Group,Registration Form,"
	    "Curriculum Year", f);
	for (int t = 0; t < S2_NT; t++)
		for (int s = 0; s < S2_NS; s++)
			fprintf(f, ",%s - %s", s2_subj[s], s2_term[t]);
	fputs("\r\n", f);
	for (int i = 0; i < ns2; i++) {
		const struct s2pupil *p = &s2[i];

		if (p->year == 4)
			continue;
		fprintf(f, "%s %s,%s,Year %d,%d%c,", p->forename, p->surname,
		    p->upn, p->year, p->year, s2_teacher[p->year]);
		if (p->against)
			fprintf(f, "Year %d", p->against);
		for (int t = 0; t < S2_NT; t++)
			for (int s = 0; s < S2_NS; s++)
				fprintf(f, ",%s",
				    s2_word(p->ta[t][s], style[p->year]));
		fputs("\r\n", f);
	}
	close_out(f, path);
}

static void write_sims(const char *dir)
{
	char path[4096];
	FILE *f = s2_open(dir, "sims-year4-2025-26.csv", path, s2_cmp_year);

	fputs("Marksheet: Year 4 Assessment 2025/26\r\n"
	    "Adno;UPN;Legal Surname;Legal Forename;Reg", f);
	for (int t = 0; t < S2_NT; t++)
		for (int s = 0; s < S2_NS; s++)
			fprintf(f, ";%s TA %s 25/26", s2_subj[s],
			    s2_sims_term[t]);
	fputs("\r\n", f);
	for (int i = 0; i < ns2; i++) {
		const struct s2pupil *p = &s2[i];

		if (p->year != 4)
			continue;
		fprintf(f, "%06d;%s;", p->adno, p->upn);
		put_1252(f, p->surname);
		fputc(';', f);
		put_1252(f, p->forename);
		fprintf(f, ";4%c", s2_teacher[4]);
		for (int t = 0; t < S2_NT; t++)
			for (int s = 0; s < S2_NS; s++)
				fprintf(f, ";%s", s2_word(p->ta[t][s], 4));
		fputs("\r\n", f);
	}
	close_out(f, path);
}

/* One row of the test export: pupil p, test k (0 PiRA), term t. */
static void put_test(FILE *f, const struct s2pupil *p, int k, int t)
{
	static const int month[S2_NT] = { 11, 3, 6 };
	static const int yr[S2_NT] = { 2025, 2026, 2026 };
	int ss = p->test[t][k];
	int age = (yr[t] - p->dob[0]) * 12 + month[t] - p->dob[1];
	int ass = clamp(ss + (p->bmonth * 2 - 11) / 3, 60, 141);
	int raw = clamp((ss - 62) * 50 / 78 + gauss(1500) / 1000, 0, 50);
	int ra = age + (ss - 100) * age / 150;

	fprintf(f, "%s,%s %s,%s%s%s,%s,%02d/%02d/%d,%d,", p->upn,
	    p->forename, p->surname, p->year == 4 ? "Rising Stars " : "",
	    k ? "PUMA" : "PiRA", p->year == 4 ? " 4" : "", s2_term[t],
	    8 + p->year, month[t], yr[t], raw);
	if (ss < 70)
		fputs("<70,<70,", f);
	else if (ss > 140)
		fputs(">140,>140,", f);
	else
		fprintf(f, "%d,%d,", ss, clamp(ass, 70, 140));
	if (!k)
		fprintf(f, "%dy %dm", ra / 12, ra % 12);
	fputc('\n', f);
}

static void write_tests(const char *dir)
{
	char path[4096];
	FILE *f = s2_open(dir, "pira-puma-2025-26.csv", path, s2_cmp_year);

	fputs("UPN,Name,Test,Term,Date Taken,Raw Score,Standardised Score,"
	    "Age Standardised Score,Reading Age\n", f);
	for (int t = 0; t < S2_NT; t++)
		for (int k = 0; k < 2; k++)
			for (int i = 0; i < ns2; i++)
				if (s2[i].test[t][k])
					put_test(f, &s2[i], k, t);
	close_out(f, path);
}

/* The CTF's header, from the STA to the school. */
static void ctf_open(FILE *f)
{
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CTfile>\n"
	    "  <Header>\n"
	    "    <DocumentName>Common Transfer File</DocumentName>\n"
	    "    <CTFversion>26.0</CTFversion>\n"
	    "    <DateTime>2026-07-07T09:12:40</DateTime>\n"
	    "    <DocumentQualifier>partial</DocumentQualifier>\n"
	    "    <SupplierID>STA</SupplierID>\n"
	    "    <SourceSchool>\n      <LEA>999</LEA>\n"
	    "      <Estab>3104</Estab>\n"
	    "      <SchoolName>Riverside Primary School</SchoolName>\n"
	    "      <AcademicYear>2025</AcademicYear>\n    </SourceSchool>\n"
	    "    <DestSchool>\n      <LEA>999</LEA>\n"
	    "      <Estab>3104</Estab>\n    </DestSchool>\n"
	    "  </Header>\n  <CTFpupilData>\n", f);
}

static void ctf_pupil(FILE *f, const struct s2pupil *p)
{
	fprintf(f, "    <Pupil>\n      <UPN>%s</UPN>\n"
	    "      <Surname>%s</Surname>\n      <Forename>%s</Forename>\n"
	    "      <DOB>%04d-%02d-%02d</DOB>\n      <Sex>%c</Sex>\n"
	    "      <StageAssessments>\n", p->upn, p->surname, p->forename,
	    p->dob[0], p->dob[1], p->dob[2], p->gender);
}

/* One StageAssessment (its stage is its KeyStage's). */
static void ctf_result(FILE *f, const char *subj, const char *method,
    const char *comp, const char *qual, const char *result, const char *date)
{
	fprintf(f, "          <StageAssessment>\n"
	    "            <Locale>ENG</Locale>\n"
	    "            <Year>2026</Year>\n"
	    "            <Subject>%s</Subject>\n"
	    "            <Method>%s</Method>\n"
	    "            <Component>%s</Component>\n"
	    "            <ResultStatus>F</ResultStatus>\n"
	    "            <ResultQualifier>%s</ResultQualifier>\n"
	    "            <Result>%s</Result>\n"
	    "            <ResultDate>%s</ResultDate>\n"
	    "          </StageAssessment>\n", subj, method, comp, qual,
	    result, date);
}

static void ctf_close_pupil(FILE *f)
{
	fputs("        </KeyStage>\n      </StageAssessments>\n"
	    "    </Pupil>\n", f);
}

static void ctf_close(FILE *f)
{
	fputs("  </CTFpupilData>\n</CTfile>\n", f);
}

/* A KS2 scaled score (80-120) from a score z, or B. */
static void ks2_score(char *buf, size_t n, int z)
{
	int ss = 103 + (z + gauss(350)) * 8 / 1000;

	if (ss < 80)
		snprintf(buf, n, "B");
	else
		snprintf(buf, n, "%d", clamp(ss, 80, 120));
}

/*
 * The test mark (ResultQualifier TM) behind scaled score ss, out of max:
 * the scaled score's place on 80..120, roughly.
 */
static void ctf_mark(FILE *f, const char *subj, const char *comp,
    const char *ss, int max)
{
	char m[8];
	int s = ss[0] == 'B' ? 80 : atoi(ss);

	snprintf(m, sizeof(m), "%d", clamp((s - 80) * max / 40, 0, max));
	ctf_result(f, subj, "TT", comp, "TM", m, "2026-07-07");
}

static void write_ctf_ks2(const char *dir)
{
	static const char *const ta[] = { "", "PK4", "WTS", "EXS", "GDS" };
	char path[4096], v[8];
	FILE *f = s2_open(dir, "ctf-ks2-2026.xml", path, s2_cmp_name);
	const char *date = "2026-07-07";

	ctf_open(f);
	for (int i = 0; i < ns2; i++) {
		const struct s2pupil *p = &s2[i];
		int z = p->latent;
		int w = p->ta[2][1] ? p->ta[2][1] : J_WTS;

		if (p->year != 6)
			continue;
		ctf_pupil(f, p);
		fputs("        <KeyStage>\n          <Stage>KS2</Stage>\n", f);
		ks2_score(v, sizeof(v), z + p->offset[0]);
		ctf_result(f, "ENG", "TT", "REA", "SS", v, date);
		ctf_mark(f, "ENG", "REA", v, 50);
		ks2_score(v, sizeof(v), z + p->offset[2]);
		ctf_result(f, "MAT", "TT", "MAT", "SS", v, date);
		ctf_mark(f, "MAT", "MAT", v, 110);
		ks2_score(v, sizeof(v), z + (p->offset[0] + p->offset[1]) / 2);
		ctf_result(f, "ENG", "TT", "GPS", "SS", v, date);
		ctf_mark(f, "ENG", "GPS", v, 70);
		ctf_result(f, "ENG", "TA", "WRI", "TA", ta[w], date);
		ctf_result(f, "SCI", "TA", "SCI", "TA",
		    z + gauss(500) > -900 ? "EXS" : "HNM", date);
		ctf_close_pupil(f);
	}
	ctf_close(f);
	close_out(f, path);
}

static void write_ctf_checks(const char *dir)
{
	char path[4096], v[8];
	FILE *f = s2_open(dir, "ctf-phonics-mtc-2026.xml", path, s2_cmp_name);

	ctf_open(f);
	for (int i = 0; i < ns2; i++) {
		const struct s2pupil *p = &s2[i];
		int z = p->latent + p->offset[p->year == 4 ? 2 : 0];

		if (p->year == 1 || (p->year == 2 && z < -900)) {
			int mark = 33 + (z + gauss(300)) * 6 / 1000;

			if (p->year == 2)
				mark += 6;
			snprintf(v, sizeof(v), "%d", clamp(mark, 0, 40));
			ctf_pupil(f, p);
			fputs("        <KeyStage>\n"
			    "          <Stage>KS1</Stage>\n", f);
			ctf_result(f, "PHO", "TT", "PHO", "MK", v,
			    "2026-06-12");
			ctf_result(f, "PHO", "TT", "PHO", "OC",
			    clamp(mark, 0, 40) >= 32 ? "WA" : "WT",
			    "2026-06-12");
		} else if (p->year == 4) {
			int score = 21 + (z + gauss(300)) * 4 / 1000;

			snprintf(v, sizeof(v), "%d", clamp(score, 0, 25));
			ctf_pupil(f, p);
			fputs("        <KeyStage>\n"
			    "          <Stage>KS2</Stage>\n", f);
			ctf_result(f, "MAT", "TT", "MTC", "SS", v,
			    "2026-06-19");
		} else {
			continue;
		}
		ctf_close_pupil(f);
	}
	ctf_close(f);
	close_out(f, path);
}

/* Riverside Primary's exports into dir (created by main). */
void school2(const char *dir)
{
	int k = 0;

	rng_state = SCHOOL2_SEED;
	make_school2();
	/* Year 4's SIMS file carries an é and an ö whatever the draw. */
	for (int i = 0; i < ns2 && k < 2; i++) {
		if (s2[i].year != 4 || s2[i].gender != 'F')
			continue;
		if (k++ == 0)
			s2[i].forename = "Chloé";
		else
			s2[i].surname = "Schröder";
	}
	write_pupils2(dir);
	write_arbor(dir);
	write_sims(dir);
	write_tests(dir);
	write_ctf_ks2(dir);
	write_ctf_checks(dir);
}
