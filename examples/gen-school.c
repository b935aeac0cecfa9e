/*
 * gen-school: write the raw exports of fictional schools.
 *
 *   gen-school OUTDIR               the English primary (examples/school/raw)
 *   gen-school -s scotland OUTDIR   a Scottish primary (examples/scotland/raw)
 *   gen-school -s bespoke OUTDIR    a school with its own words
 *                                   (examples/bespoke/raw)
 *   gen-school -s school2 OUTDIR    Riverside Primary, exports as real
 *                                   MIS and test tools write them
 *                                   (examples/school2/raw; gen-school2.c)
 *
 * Everything here is invented.  Names are drawn from built-in lists of
 * forenames and surnames common in UK schools, grouped by heritage so
 * that they usually go together; no row describes a real child.  The
 * program uses its own PRNG (splitmix64) and only integer arithmetic, so
 * the output is identical, byte for byte, on every machine and every run.
 * Each school has its own seed: SEED (65), SCOTLAND_SEED (15) and
 * BESPOKE_SEED (6); build with -DSEED=N for another school.  Seed 65 is
 * the first of 1..155 whose English school shows the usual national
 * patterns below (roll 205-215; EXS+ 44-53% for disadvantaged pupils and
 * 68-76% for the others; girls ahead in writing; KS2 RWM 58-66% over the
 * three years, 50-72% in each, disadvantaged well behind; GLD 63-72%;
 * phonics 75-85%; 2-4% EHC plans), and Scottish seed 15 the first of
 * 1..60 with ACEL figures near the national ones.  OUTDIR is created if
 * needed.
 *
 * THE ENGLISH PRIMARY.  Cohorts of 27-30 pupils, one per year group,
 * Reception to Year 6 in 2025-26 (about 210 on roll), plus the two Year 6
 * cohorts that left in July 2024 and July 2025.  Pupils move up a year
 * each September.  Each year about 3.5% of pupils below Year 6 leave at
 * some term, and 0-2 pupils per year group join at some term (0-1 in a
 * Reception intake).  UPNs have the real shape and check letter (DfE
 * mod-23 rule) but the LA number 999, which no local authority has, so
 * none can belong to a real pupil.  Dates of birth fall in the cohort's
 * September-to-August year.
 *
 * Distributions.  Gender 50/50.  SEND: K about 9% of girls and 16% of
 * boys (13% overall), E about 2%/4% (3%).  PP (disadvantaged) about
 * 25%, more likely with SEND.  EAL about 20%, mostly among the pupils
 * whose names are not of UK heritage.  Each pupil has a latent attainment
 * (standard deviations, in thousandths): N(0,1) minus 0.8 SD if
 * disadvantaged, 1.1 SD for SEN support, 2 SD for an EHC plan; an EAL gap
 * that closes from 0.25 SD in Reception to nothing by Year 6; girls ahead
 * by 0.2 SD in reading and 0.35 SD in writing; the oldest in the year
 * ahead of the youngest (0.5 SD in Year 1, 0.16 SD in Year 6).  Each
 * subject adds its own offset (SD 0.4), each year a random walk step (SD
 * 0.25) and each term noise (SD 0.22), so a pupil's judgements persist
 * with some movement.  Cut-offs are quantiles of all assessed cells for
 * that term and subject over the three years:
 *
 *              at or above EXS          GDS
 *              Rdg  Wri  Mat        Rdg  Wri  Mat
 *   autumn     68%  64%  67%        10%   7%   9%
 *   spring     71%  67%  70%        15%  11%  13%
 *   summer     74%  70%  73%        20%  15%  18%
 *
 * Autumn is lower because assessment is "point in time": most pupils
 * who are on track are EXS, and few are judged GDS early in the year.
 * The lowest 4% (4.5% in writing) are on pre-key-stage codes, a step of
 * 0.35 SD per PK level, and pupils with an EHC plan more than 1 SD
 * below the PK cut-off are on EM.  About 0.8% of pupil-terms are absent
 * (A in every subject).  Reception has no termly TA: it has the EYFS
 * profile.
 *
 * Out of year: in 2025-26 the lowest-attaining pupil with SEN (not on EM)
 * of each of Years 3 to 6 is assessed against an earlier year (3 against
 * 2, 4 against 3, 5 and 6 against 4), so is WTS, EXS or GDS against it.
 * The reading intervention of 2025-26 is the three pupils of each of
 * Years 2 to 6 nearest to EXS among those WTS in reading in the autumn;
 * it lifts their reading 0.15 SD by spring and 0.3 SD by summer.
 *
 * The files, UTF-8 and LF unless said otherwise:
 *
 * marksheet-2025-26.csv  The current year, as a school keeps it in a
 *     spreadsheet.  Header UPN,Name,Year,Class,Curriculum year,
 *     Reading Autumn,Reading Spring,Reading Summer,Writing Autumn,...,
 *     Maths Summer.  One row per pupil on roll at some time, ordered by
 *     year group then name.  Name is "Surname, Forename" (always quoted),
 *     Year is "Reception" or "Year 4", Class is the class name (one class
 *     per year group, named after trees), Curriculum year is "Year 3" for
 *     a pupil assessed out of year and blank otherwise.  All three terms
 *     are filled; three EXS cells are typed WTS by mistake (see
 *     corrections).
 * marksheet-2024-25.csv  The same shape for 2024-25 without Curriculum
 *     year, as saved by Excel: Windows-1252, CRLF, and a title line
 *     ("Marksheet export 2024-25,,,...") before the header, so it needs
 *     --skip-lines 1.  Every name in it is representable in 1252.
 * marksheet-2023-24.csv  2023-24 as a Bromcom-style MIS export: UTF-8 with
 *     a BOM.  Header UPN,Name,Year,TA$Autumn$Reading,TA$Spring$Reading,
 *     TA$Summer$Reading,TA$Autumn$Writing,...,TA$Summer$Maths.  Year is
 *     "R" or "4"; values are clean codes.
 *   Values in the marksheets are GDS, EXS, WTS, PK1-PK6 (PK1-PK4 in Years
 *   1 and 2), EM and A.  They are typed the way teachers type: each class
 *   teacher has a habit (codes, words such as "Expected" and "Working
 *   towards", or lower case), and about 3% of cells carry a trailing
 *   space or another spelling ("exs", "Exs").  The Bromcom export uses
 *   clean codes only.  Blanks: Reception, terms before a pupil joined or
 *   after they left, and about half of new joiners in their first term.
 * pupils.csv  Characteristics of every pupil in any file, ordered by
 *     surname, forename: UPN,Surname,Forename,Gender,DOB,PP,SEND,EAL,Class,
 *     Intervention.  Gender F/M, DOB ISO 8601, PP Y/N, SEND N/K/E (two K
 *     rows are written "S", as some MIS exports do), EAL Y/N, Class is the
 *     class at the end of 2025-26 and blank for pupils no longer on roll,
 *     Intervention is Y for the reading intervention group, else blank.
 * intervention-2025-26.csv  The reading intervention group: pupil,name.
 * eyfs-profile.csv  The EYFS profile of each year's Reception, as the
 *     statutory return: UPN,Name,Class,Assessment ("EYFSP 2025/26"), then
 *     one column per early learning goal ("ELG listening", ...), 1 for
 *     emerging and 2 for expected.  Each goal is expected for 80-93% of
 *     pupils, by latent attainment, age and noise; GLD about 65%.
 * ks1-outcomes.csv  KS1 teacher assessment, the prior attainment of the
 *     pupils in Years 3-6 in 2025-26: UPN,Name,NC Year (now),KS1 Reading,
 *     KS1 Writing,KS1 Maths.  GDS, EXS, WTS, PK1-PK4, EM and one legacy
 *     BLW; about 70% EXS+ (writing 62%).  Half of the EAL joiners came
 *     from abroad and have no row.
 * phonics-checks.csv  The phonics screening check in Year 1 and the
 *     retake in Year 2, all three years: UPN,Name,Year,Check ("PSC
 *     2025/26"),Mark.  Marks 0-40 in the national shape, about 80% at 32
 *     or more; D for pupils on EM, about 1% A.
 * nfer-summer.csv  NFER-style summer tests of Years 1-5, three years, as
 *     an analysis tool exports them: semicolon-separated, Pupil name;UPN;
 *     Year group;Class;Test series ("Summer 2025/26");Reading;Maths.
 *     Standardised scores, mean 100 and SD 15, from the summer score plus
 *     test noise; "<70" and ">140" beyond the range; about 1.2% A; blank
 *     for pupils on EM.  One score has its digits swapped (corrected).
 * mtc-2023-24.csv ... mtc-2025-26.csv  The multiplication tables check in
 *     June of Year 4: UPN,Name,Class,Score.  0-25, about 30% full marks,
 *     mean about 21; U for pupils on EM, J for a pupil who joined that
 *     term, about 1% A.
 * ks2-2023-24.csv ... ks2-2025-26.csv  Year 6's KS2 results: UPN,Name,
 *     Reading - KS2 scaled score,Maths - KS2 scaled score,GPS - KS2
 *     scaled score,Writing - TA,Science - TA.  Scaled scores 80-120, about
 *     74% at 100 or more and 30% at 110 or more; B for a pupil on a PK
 *     code or EM in the subject, about 0.8% A.  Writing is the summer TA;
 *     science EXS for about 82%, else HNM.  RWM about 60%.  One reading
 *     mark was raised on review (corrected).
 * reading-ages-2025-26.csv  Reading tests of Years 2-6 in October 2025
 *     and June 2026: UPN,Name,Year,Class,DOB,Term,Date tested,Reading age.
 *     Reading age is chronological age plus a gap that grows with reading
 *     attainment and age; each teacher types it one way (7.04, 7:04 or
 *     7y4m), "<6:00" and ">12:00" at the ends of the test; about 1% A.
 * corrections-2025-26.csv  The data manager's corrections log, to be
 *     imported last: UPN,Name,Year,Subject,Point,Measure,Value.  The KS2
 *     review, the three mistyped TA cells and the swapped NFER score, each
 *     with the value that supersedes the one in its export.
 *
 * THE SCOTTISH PRIMARY (examples/schemes/scotland-bge.json).  8-10 pupils
 * in each of P1-P7 in 2025-26, in the classes P1, P2/3, P4/5 and P6/7;
 * ids are "S999" and five digits, not real Scottish Candidate Numbers.
 * tracking-2025-26.csv  A SEEMiS-style tracking export: SCN,Pupil,Stage,
 *     Class, then for each of Reading, Writing, Listening & Talking and
 *     Numeracy the columns "Reading - Term 1" .. "Reading - Term 4" and
 *     "Reading - ACEL 2025/26" (P1, P4 and P7 only).  Values are the
 *     highest CfE level achieved, as each class teacher types it
 *     ("Pre-early", "Not yet early", "Early level", "First", ...), or IM.
 * pupils.csv  SCN,Surname,Forename,Gender,SIMD,FME,ASN,EAL,Care
 *     experienced.
 *
 * THE BESPOKE SCHOOL (examples/schemes/bespoke-school.json).  Year 3
 * (Kestrels) and Year 4 (Falcons), 26-28 pupils each, 2025-26.
 * judgements-2025-26.csv  An MIS assessment export, one row per
 *     judgement: Student,UPN,Year,Form,Subject,Term,Judgement,Curriculum.
 *     Judgements in the school's words ("Working towards", "On track",
 *     "Greater depth", "Personal curriculum"; one class abbreviates them
 *     some terms: WT, OT, GD, PC) or A.  Curriculum is "Phonics booster
 *     group" for the booster group's reading and "Year 3" for one Year 4
 *     pupil's maths.
 * y4-maths-objectives-2025-26.csv  The maths lead's Year 4 objective grid:
 *     UPN,Student, then "y4m-01 Autumn" .. "y4m-12 Summer" for the
 *     objectives taught by each term; "Secure", "Working towards" or
 *     "Greater depth".
 * phonics-booster-2025-26.csv  The booster group's personal curriculum:
 *     UPN,Student,Year,Term,pb-01..pb-08, "On track" or "Working towards",
 *     blank when not yet taught.
 * pupils.csv  UPN,Forename,Surname,Class,Gender,PP,SEND,Booster.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "gen-school.h"

#ifndef SEED
#define SEED 65
#endif
#ifndef SCOTLAND_SEED
#define SCOTLAND_SEED 15
#endif
#ifndef BESPOKE_SEED
#define BESPOKE_SEED 6
#endif

enum {
	NAY = 3, NTERM = 3, NSUBJ = 3, NCOHORT = 9, MAXP = 400, NELG = 17,
	MAXIDS = 1024
};

/* Teacher assessment codes: 0 is blank, 1..6 are PK1..PK6. */
enum { V_BLANK = 0, V_WTS = 7, V_EXS, V_GDS, V_EM, V_ABS, V_BLW };

/* Subjects, in marksheet order. */
enum { READ, WRIT, MATH };

static const char *const ay_name[NAY] = { "2023-24", "2024-25", "2025-26" };
static const char *const ay_slash[NAY] = { "2023/24", "2024/25", "2025/26" };
static const char *const term_name[NTERM] = { "Autumn", "Spring", "Summer" };
static const char *const subj_name[NSUBJ] = { "Reading", "Writing", "Maths" };
static const char *const class_name[7] = {
	"Acorn", "Hazel", "Rowan", "Willow", "Oak", "Beech", "Ash"
};

/*
 * Names by heritage (struct heritage, gen-school.h), so that a pupil's
 * forename and surname usually go together.  Each list ends with NULL.
 */

static const char *const uk_girls[] = {
	"Olivia", "Amelia", "Isla", "Ava", "Ivy", "Freya", "Lily", "Florence",
	"Mia", "Willow", "Rosie", "Sophia", "Isabella", "Grace", "Daisy",
	"Sienna", "Poppy", "Elsie", "Emily", "Ella", "Evelyn", "Phoebe",
	"Evie", "Charlotte", "Harper", "Matilda", "Ruby", "Alice", "Hannah",
	"Niamh", "Aoife", "Erin", "Seren", "Megan", "Ffion", "Chloé", "Zoë",
	"Siân", "Renée", "Róisín", "Amélie", NULL
};
static const char *const uk_boys[] = {
	"Noah", "Oliver", "George", "Leo", "Arthur", "Oscar", "Theodore",
	"Freddie", "Henry", "Archie", "Jack", "Alfie", "Charlie", "Finley",
	"Jacob", "Thomas", "Isaac", "Harry", "Lucas", "Teddy", "Ethan", "Max",
	"James", "Joshua", "Mason", "Reggie", "Rory", "Dylan", "Kai", "Rhys",
	"Dafydd", "Seán", "Ciarán", "Oisín", "Joël", NULL
};
static const char *const uk_surnames[] = {
	"Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans",
	"Wilson", "Thomas", "Johnson", "Roberts", "Robinson", "Thompson",
	"Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall",
	"Lewis", "Harris", "Clarke", "Jackson", "Wood", "Turner", "Martin",
	"Cooper", "Hill", "Ward", "Morris", "Moore", "Lee", "King", "Baker",
	"Harrison", "Morgan", "Allen", "Scott", "Phillips", "Watson",
	"Parker", "Price", "Bennett", "Young", "Griffiths", "Mitchell",
	"Kelly", "Cook", "Carter", "Bailey", "Collins", "Bell", "Shaw",
	"Murphy", "Cox", "Richards", "O'Brien", "O'Connor", "O'Neill",
	"McCarthy", "Gallagher", "Lewis-Hughes", "Smith-Jones", NULL
};
static const char *const sa_girls[] = {
	"Aisha", "Fatima", "Maryam", "Zara", "Amira", "Priya", "Ananya",
	"Hafsa", "Ayesha", "Inaaya", NULL
};
static const char *const sa_boys[] = {
	"Muhammad", "Ibrahim", "Yusuf", "Zayn", "Omar", "Aarav", "Arjun",
	"Ayaan", "Hamza", "Rayan", NULL
};
static const char *const sa_surnames[] = {
	"Khan", "Ahmed", "Ali", "Hussain", "Rahman", "Iqbal", "Singh",
	"Sharma", "Shah", "Mistry", "Patel", "Chowdhury", NULL
};
static const char *const ee_girls[] = {
	"Zuzanna", "Oliwia", "Maja", "Lena", "Zofia", "Małgorzata", NULL
};
static const char *const ee_boys[] = {
	"Jakub", "Szymon", "Kacper", "Filip", "Antoni", "Łukasz", NULL
};
static const char *const ee_surnames[] = {
	"Nowak", "Wójcik", "Kowalczyk", "Popescu", "Ionescu", "Horvat",
	"Kałuża", NULL
};
static const char *const af_girls[] = {
	"Amara", "Precious", "Adaeze", "Abena", "Chioma", NULL
};
static const char *const af_boys[] = {
	"Kwame", "Tobi", "Chidi", "Kofi", "Femi", NULL
};
static const char *const af_surnames[] = {
	"Okafor", "Adeyemi", "Mensah", "Osei", "Boateng", "Okonkwo", NULL
};
static const char *const se_girls[] = {
	"Inés", "Sofia", "Lucía", "Beatriz", "Giulia", NULL
};
static const char *const se_boys[] = {
	"José", "Andrés", "Mateo", "Tomás", "João", NULL
};
static const char *const se_surnames[] = {
	"Sánchez", "Gonçalves", "Ferreira", "Da Silva", "Rossi", "García",
	NULL
};
static const char *const ot_girls[] = {
	"Mei", "Linh", "Elif", "Hanna", "Anaïs", NULL
};
static const char *const ot_boys[] = {
	"Wei", "Minh", "Emre", "Lukas", "Hugo", NULL
};
static const char *const ot_surnames[] = {
	"Chen", "Wang", "Nguyen", "Yılmaz", "Müller", "Dubois", NULL
};

const struct heritage heritages[] = {
	{ 620, 20, uk_girls, uk_boys, uk_surnames },
	{ 150, 500, sa_girls, sa_boys, sa_surnames },
	{ 80, 750, ee_girls, ee_boys, ee_surnames },
	{ 80, 350, af_girls, af_boys, af_surnames },
	{ 40, 650, se_girls, se_boys, se_surnames },
	{ 30, 650, ot_girls, ot_boys, ot_surnames },
};
const size_t nheritages = NELEM(heritages);

/* Scottish names, for the Scottish primary. */
static const char *const sc_girls[] = {
	"Isla", "Olivia", "Freya", "Emily", "Ava", "Sophie", "Eilidh",
	"Mhairi", "Iona", "Skye", "Kirsty", "Rosie", "Millie", "Orla",
	"Ellie", "Leah", "Morven", "Catriona", "Niamh", NULL
};
static const char *const sc_boys[] = {
	"Jack", "Noah", "Leo", "Harris", "Finlay", "Lewis", "Callum",
	"Ruaridh", "Fraser", "Angus", "Euan", "Hamish", "Rory", "Cameron",
	"Murray", "Lachlan", "Archie", "Alfie", "Innes", NULL
};
static const char *const sc_surnames[] = {
	"MacDonald", "Campbell", "Stewart", "Robertson", "Thomson",
	"Anderson", "Scott", "Murray", "Reid", "Fraser", "Ross", "MacLeod",
	"Paterson", "Morrison", "Wilson", "Brown", "Smith", "Kerr", "Grant",
	"Sinclair", "McKenzie", "Cameron", "Munro", "Johnston", "Gray",
	"MacKay", "Ferguson", "Hamilton", NULL
};

static const struct heritage scot_heritages[] = {
	{ 880, 10, sc_girls, sc_boys, sc_surnames },
	{ 60, 800, ee_girls, ee_boys, ee_surnames },
	{ 60, 500, sa_girls, sa_boys, sa_surnames },
};

uint64_t rng_state = SEED;

/* splitmix64: the next 64 random bits. */
uint64_t rnd(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A number in 0..n-1 (n > 0), by multiply-shift. */
int below(int n)
{
	return (int)(((rnd() >> 32) * (uint64_t)n) >> 32);
}

/* True with probability permille/1000. */
int chance(int permille)
{
	return below(1000) < permille;
}

/*
 * An approximately normal integer with mean 0 and standard deviation sd:
 * the sum of twelve uniforms on 0..999 has mean 5994 and SD about 1000.
 * Integer arithmetic keeps the result the same on every machine.
 */
int gauss(int sd)
{
	long sum = 0;

	for (int i = 0; i < 12; i++)
		sum += below(1000);
	return (int)((sum - 5994) * sd / 1000);
}

int clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/*
 * The value below which permille/1000 of the n values in buf lie (buf is
 * sorted in place).  n must be positive.
 */
int quantile(int *buf, int n, int permille)
{
	int i = (int)((long)n * permille / 1000);

	qsort(buf, (size_t)n, sizeof(int), cmp_int);
	return buf[i < n ? i : n - 1];
}

/*
 * How many per mille of the n sorted values in buf are above x: a
 * pupil's place from the top of a national-style distribution.
 */
static int per_mille_above(const int *buf, int n, int x)
{
	int lo = 0, hi = n;

	while (lo < hi) {
		int mid = (lo + hi) / 2;

		if (buf[mid] <= x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (int)((long)(n - lo) * 1000 / n);
}

/*
 * The mark of a pupil who is permille from the top, given cum[k], the per
 * mille of pupils scoring max - k or more (nondecreasing, ending in 1000).
 */
static int mark_from(const int *cum, int max, int permille)
{
	int k = 0;

	while (k < max && permille >= cum[k])
		k++;
	return max - k;
}

/* Integer square root of v >= 0. */
static long isqrt(long v)
{
	long r = 0;

	while ((r + 1) * (r + 1) <= v)
		r++;
	return r;
}

/* ---- Names and ids ---- */

/* Every pupil id and (surname, forename) pair made so far, in any school. */
static char used_id[MAXIDS][16];
static int nused_id;
static const char *used_name[MAXIDS][2];
static int nused_name;

static int id_taken(const char *id)
{
	for (int i = 0; i < nused_id; i++)
		if (!strcmp(used_id[i], id))
			return 1;
	return 0;
}

static void id_add(const char *id)
{
	if (nused_id >= MAXIDS) {
		fprintf(stderr, "gen-school: too many pupils\n");
		exit(1);
	}
	snprintf(used_id[nused_id++], sizeof(used_id[0]), "%s", id);
}

/*
 * Decode one UTF-8 sequence at *s, advance *s, and return the code point.
 * The built-in names are valid UTF-8, so no error checking is needed.
 */
static unsigned decode_utf8(const unsigned char **s)
{
	const unsigned char *u = *s;
	unsigned c;

	if (u[0] < 0x80) {
		*s += 1;
		return u[0];
	}
	if (u[0] < 0xE0) {
		*s += 2;
		return (unsigned)(u[0] & 0x1F) << 6 | (u[1] & 0x3F);
	}
	c = (unsigned)(u[0] & 0x0F) << 12 | (unsigned)(u[1] & 0x3F) << 6 |
	    (u[2] & 0x3F);
	*s += 3;
	return c;
}

/*
 * Convert UTF-8 text to Windows-1252 in out (size outsz).  Returns 0, or
 * -1 if a character has no 1252 byte or out is too small.
 */
int to_cp1252(const char *in, char *out, size_t outsz)
{
	static const unsigned short high[32] = {
		0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
		0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
		0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
		0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
	};
	const unsigned char *s = (const unsigned char *)in;
	size_t n = 0;

	while (*s) {
		unsigned c = decode_utf8(&s);
		int b = -1;

		if (c < 0x80 || (c >= 0xA0 && c <= 0xFF))
			b = (int)c;
		for (int i = 0; b < 0 && i < 32; i++)
			if (high[i] && high[i] == c)
				b = 0x80 + i;
		if (b < 0 || n + 1 >= outsz)
			return -1;
		out[n++] = (char)b;
	}
	out[n] = '\0';
	return 0;
}

static int encodable(const char *s)
{
	char buf[128];

	return to_cp1252(s, buf, sizeof(buf)) == 0;
}

/*
 * Fill upn (14 bytes) with a UPN allocated by establishment estab in the
 * academic year starting in autumn of 20yy: check letter (the DfE mod-23
 * rule), LA 999, estab, yy and a serial, unique among all ids so far.
 */
void make_upn(char *upn, int estab, int yy)
{
	static const char letters[] = "ABCDEFGHJKLMNPQRTUVWXYZ";

	do {
		int sum = 0;

		snprintf(upn + 1, 13, "999%04u%02u%03u",
		    (unsigned)estab % 10000, (unsigned)yy % 100,
		    1 + (unsigned)below(999));
		for (int i = 1; i < 13; i++)
			sum += (upn[i] - '0') * (i + 1);
		upn[0] = letters[sum % 23];
	} while (id_taken(upn));
	id_add(upn);
}

/* One entry of a NULL-terminated list, uniformly. */
static const char *pick(const char *const *list)
{
	int n = 0;

	while (list[n])
		n++;
	return list[below(n)];
}

/*
 * Choose a heritage from hs (nh of them), EAL ('Y' or 'N') and a name no
 * other pupil has.  One pupil in seven of another heritage than the first
 * has a forename from the first list.  With need1252 the draw is repeated
 * until Windows-1252 can carry the name.
 */
void make_name(const struct heritage *hs, size_t nh, char gender,
    int need1252, const char **surname, const char **forename, char *eal)
{
	const struct heritage *h = &hs[0];
	int r = below(1000), ok;

	for (size_t i = 0; i < nh; i++) {
		h = &hs[i];
		if (r < h->weight)
			break;
		r -= h->weight;
	}
	*eal = chance(h->eal) ? 'Y' : 'N';
	do {
		const struct heritage *fh = chance(140) ? &hs[0] : h;

		*forename = pick(gender == 'F' ? fh->girls : fh->boys);
		*surname = pick(h->surnames);
		ok = !need1252 || (encodable(*forename) && encodable(*surname));
		for (int i = 0; ok && i < nused_name; i++)
			if (used_name[i][0] == *surname &&
			    used_name[i][1] == *forename)
				ok = 0;
	} while (!ok);
	if (nused_name < MAXIDS) {
		used_name[nused_name][0] = *surname;
		used_name[nused_name++][1] = *forename;
	}
}

int days_in(int y, int m)
{
	static const int d[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	return m == 2 && y % 4 == 0 ? 29 : d[m - 1];
}

/*
 * A birth month (0 September .. 11 August) and date of birth ({year,
 * month, day}) for a pupil in Year y (0 Reception) in 2025-26.
 */
void make_dob(int y, int *bmonth, int *dob)
{
	*bmonth = below(12);
	dob[1] = (*bmonth + 8) % 12 + 1;
	dob[0] = *bmonth < 4 ? 2020 - y : 2021 - y;
	dob[2] = 1 + below(days_in(dob[0], dob[1]));
}

/* Whole months from date a to date b ({year, month, day}), b after a. */
static int months_between(const int *a, const int *b)
{
	int m = (b[0] - a[0]) * 12 + b[1] - a[1];

	return b[2] < a[2] ? m - 1 : m;
}

/* ---- Output ---- */

FILE *open_out(const char *dir, const char *name, char *path,
    size_t pathsz)
{
	FILE *f;

	snprintf(path, pathsz, "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f) {
		fprintf(stderr, "gen-school: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	return f;
}

void close_out(FILE *f, const char *path)
{
	if (ferror(f) | fclose(f)) {
		fprintf(stderr, "gen-school: %s: write error\n", path);
		exit(1);
	}
}

/* mkdir -p: create dir and its missing parents. */
void make_dir(const char *dir)
{
	char path[4096];
	size_t len = strlen(dir);

	if (len == 0 || len >= sizeof(path)) {
		fprintf(stderr, "gen-school: bad directory name\n");
		exit(2);
	}
	memcpy(path, dir, len + 1);
	for (size_t i = 1; i <= len; i++) {
		if (path[i] != '/' && path[i] != '\0')
			continue;
		path[i] = '\0';
		if (mkdir(path, 0777) && errno != EEXIST) {
			fprintf(stderr, "gen-school: %s: %s\n", path,
			    strerror(errno));
			exit(1);
		}
		if (i < len)
			path[i] = '/';
	}
}

/* ==== The English primary ==== */

/* A test result: no result, a number, or a not-assessed code. */
struct result {
	char code;		/* 0 none, '#' the number v, else a code */
	int v;
	int shown;		/* a typing slip written instead of v, or 0 */
};

struct pupil {
	char upn[14];
	const char *surname;
	const char *forename;
	char gender;		/* F or M */
	char pp;		/* Y or N */
	char send;		/* N, K or E */
	char send_out;		/* as written in pupils.csv: N, K, S or E */
	char eal;		/* Y or N */
	int cohort;		/* year group in 2025-26; 7, 8 left as Y6 */
	int first, last;	/* first and last term on roll, 0..8 */
	int joiner;		/* came from another school */
	int dob[3];		/* year, month, day */
	int bmonth;		/* month of birth, 0 September .. 11 August */
	int latent;		/* thousandths of an SD */
	int offset[NSUBJ];
	int score[NAY][NTERM][NSUBJ];
	unsigned char value[NAY][NTERM][NSUBJ];
	unsigned char blank[NAY][NTERM][NSUBJ];	/* not assessed yet */
	unsigned char absent[NAY][NTERM];
	unsigned char slip[NAY][NTERM][NSUBJ];	/* typed instead; corrected */
	int against;		/* curriculum year in 2025-26, or -1 */
	int ooy_base[NSUBJ];	/* out of year: autumn 2025-26 scores */
	int ooy_margin;		/* and how far above EXS they put the pupil */
	int intervention;	/* reading intervention in 2025-26 */
	unsigned char ks1[NSUBJ];
	struct result phonics[2];	/* Year 1 check, Year 2 retake */
	struct result mtc;
	struct result nfer[NAY][2];	/* reading, maths */
	struct result ks2[3];		/* reading, maths, gps */
	unsigned char ks2_writing;
	char ks2_science;		/* E (EXS) or H (HNM) */
	struct result ra[2];		/* months; autumn, summer 2025-26 */
	int ra_date[2][3];
	unsigned char eyfs[NELG];	/* 0 none, 1 emerging, 2 expected */
};

static struct pupil pupils[MAXP];
static int npupils;

/* The year group (0 for Reception) of cohort c in academic year ay. */
static int year_of(int c, int ay)
{
	return c - 2 + ay;
}

static int on_roll(const struct pupil *p, int ay, int term)
{
	int t = ay * NTERM + term;

	return p->first <= t && t <= p->last;
}

/* In the year's marksheet: on roll for some term of academic year ay. */
static int in_year(const struct pupil *p, int ay)
{
	return p->first <= ay * NTERM + 2 && p->last >= ay * NTERM;
}

/*
 * The attainment effect of being old or young for the year group, in
 * thousandths of an SD: September-born pupils ahead, August-born behind,
 * by less as they get older.
 */
static int age_effect(const struct pupil *p, int y)
{
	static const int k[7] = { 350, 250, 200, 150, 120, 100, 80 };

	return (55 - 10 * p->bmonth) * k[clamp(y, 0, 6)] / 55;
}

/* The EAL gap, closing from Reception to nothing by Year 6. */
static int eal_effect(const struct pupil *p, int y)
{
	return p->eal == 'Y' && y < 6 ? -250 + 40 * clamp(y, 0, 6) : 0;
}

static const int girl_adv[NSUBJ] = { 100, 175, -20 };

static int gender_effect(const struct pupil *p, int s)
{
	return p->gender == 'F' ? girl_adv[s] : -girl_adv[s];
}

/*
 * Add one pupil of cohort c, on roll from term first to term last, with
 * characteristics, latent attainment and a score for every term.
 */
static void add_pupil(int c, int first, int last, int joiner)
{
	static const int other_estab[] = { 2107, 3012, 2215, 2460 };
	struct pupil *p = &pupils[npupils];
	int drift = 0;

	if (npupils >= MAXP) {
		fprintf(stderr, "gen-school: too many pupils\n");
		exit(1);
	}
	memset(p, 0, sizeof(*p));
	p->cohort = c;
	p->first = first;
	p->last = last;
	p->joiner = joiner;
	p->against = -1;
	p->gender = chance(500) ? 'F' : 'M';
	if (chance(p->gender == 'F' ? 18 : 40))
		p->send = 'E';
	else if (chance(p->gender == 'F' ? 92 : 166))
		p->send = 'K';
	else
		p->send = 'N';
	p->send_out = p->send;
	p->pp = chance(p->send == 'N' ? 250 : 400) ? 'Y' : 'N';
	make_name(heritages, NELEM(heritages), p->gender, in_year(p, 1),
	    &p->surname, &p->forename, &p->eal);
	make_upn(p->upn, joiner ? other_estab[below(4)] : 2041, 25 - c);
	npupils++;

	make_dob(c, &p->bmonth, p->dob);

	p->latent = gauss(1000);
	if (p->pp == 'Y')
		p->latent -= 800;
	if (p->send == 'K')
		p->latent -= 1100;
	if (p->send == 'E')
		p->latent -= 2000;
	for (int s = 0; s < NSUBJ; s++)
		p->offset[s] = gauss(400);
	for (int ay = 0; ay < NAY; ay++) {
		int y = year_of(c, ay);

		drift += gauss(250);
		for (int t = 0; t < NTERM; t++) {
			p->absent[ay][t] = chance(8);
			for (int s = 0; s < NSUBJ; s++)
				p->score[ay][t][s] = p->latent + p->offset[s] +
				    gender_effect(p, s) + eal_effect(p, y) +
				    age_effect(p, y) + drift + gauss(220);
		}
		/* Half of new joiners are not assessed in their first term. */
		if (joiner && first / NTERM == ay && chance(500))
			for (int s = 0; s < NSUBJ; s++)
				p->blank[ay][first % NTERM][s] = 1;
	}
}

/* Make every cohort: core pupils, leavers and joiners. */
static void make_school(void)
{
	for (int c = 0; c < NCOHORT; c++) {
		int ay_first = c < 2 ? 2 - c : 0;
		int ay_last = c > 6 ? 8 - c : 2;
		int end = ay_last * NTERM + 2;
		int ncore = 27 + below(4);

		for (int i = 0; i < ncore; i++) {
			int last = end;

			for (int ay = ay_first; ay <= ay_last; ay++)
				if (year_of(c, ay) < 6 && last == end &&
				    chance(35))
					last = ay * NTERM + below(NTERM);
			add_pupil(c, ay_first * NTERM, last, 0);
		}
		for (int ay = ay_first; ay <= ay_last; ay++) {
			int n = below(3);

			if (ay == ay_first && c <= 2)
				n = below(2);	/* Reception intake is full */
			for (int i = 0; i < n; i++) {
				int t = below(NTERM);

				if (ay == ay_first && t == 0)
					t = 1 + below(2);
				add_pupil(c, ay * NTERM + t, end, 1);
			}
		}
	}
	/* Some MIS exports write S (SEN support) instead of K. */
	for (int marked = 0; marked < 2;) {
		struct pupil *p = &pupils[below(npupils)];

		if (p->send_out == 'K') {
			p->send_out = 'S';
			marked++;
		}
	}
}

/* True if this cell is teacher-assessed: on roll, not Reception, not new. */
static int assessed(const struct pupil *p, int ay, int t, int s)
{
	return on_roll(p, ay, t) && year_of(p->cohort, ay) >= 1 &&
	    !p->blank[ay][t][s];
}

/*
 * The code for p's score in academic year ay, term t and subject s, given
 * the cut-offs: GDS, EXS, WTS, then one PK level lower per 0.35 SD below
 * the PK cut (PK1-PK4 in Years 1 and 2, PK1-PK6 above), or EM for a pupil
 * with an EHC plan more than 1 SD below it.  A pupil assessed against an
 * earlier year's curriculum in 2025-26 is judged GDS, EXS or WTS by half
 * of how far their score has moved since the autumn, from p->ooy_margin
 * above the EXS cut.
 */
static int code_for(const struct pupil *p, int ay, int t, int s, int pk,
    int exs, int gds)
{
	int y = year_of(p->cohort, ay), maxpk = y <= 2 ? 4 : 6, code;
	int v = p->score[ay][t][s];

	if (ay == NAY - 1 && p->against >= 0) {
		v = exs + p->ooy_margin + (v - p->ooy_base[s]) / 2;
		return v >= gds ? V_GDS : v >= exs ? V_EXS : V_WTS;
	}
	if (v >= gds)
		return V_GDS;
	if (v >= exs)
		return V_EXS;
	if (v >= pk)
		return V_WTS;
	if (p->send == 'E' && v < pk - 1000)
		return V_EM;
	code = maxpk - (pk - v) / 350;
	return code < 1 ? 1 : code;
}

/*
 * Turn scores into codes.  For each term and subject the cut-offs are
 * quantiles of every assessed score in the three years.
 */
static void judge(void)
{
	/* Per mille below each cut: PK, EXS, GDS; [term][subject]. */
	static const int pk_cut[NSUBJ] = { 40, 45, 40 };
	static const int exs_cut[NTERM][NSUBJ] = {
		{ 320, 360, 330 }, { 290, 330, 300 }, { 260, 300, 270 },
	};
	static const int gds_cut[NTERM][NSUBJ] = {
		{ 900, 930, 910 }, { 850, 890, 870 }, { 800, 850, 820 },
	};
	static int buf[MAXP * NAY];

	for (int t = 0; t < NTERM; t++)
		for (int s = 0; s < NSUBJ; s++) {
			int n = 0, pk, exs, gds;

			for (int i = 0; i < npupils; i++)
				for (int ay = 0; ay < NAY; ay++)
					if (assessed(&pupils[i], ay, t, s) &&
					    !pupils[i].absent[ay][t])
						buf[n++] =
						    pupils[i].score[ay][t][s];
			pk = quantile(buf, n, pk_cut[s]);
			exs = quantile(buf, n, exs_cut[t][s]);
			gds = quantile(buf, n, gds_cut[t][s]);
			for (int i = 0; i < npupils; i++)
				for (int ay = 0; ay < NAY; ay++) {
					struct pupil *p = &pupils[i];
					int code = V_BLANK;

					if (!assessed(p, ay, t, s))
						code = V_BLANK;
					else if (p->absent[ay][t])
						code = V_ABS;
					else
						code = code_for(p, ay, t, s,
						    pk, exs, gds);
					p->value[ay][t][s] =
					    (unsigned char)code;
				}
		}
}

/* On roll for the whole of 2025-26. */
static int whole_year(const struct pupil *p)
{
	return p->first <= (NAY - 1) * NTERM && p->last == NAY * NTERM - 1;
}

/*
 * Four pupils with SEN, the lowest attainers of Years 3 to 6 who are not
 * on the engagement model, are assessed in 2025-26 against an earlier
 * year's curriculum: Year 3 against Year 2, Year 4 against Year 3, Year 5
 * against Year 4 and Year 6 against Year 4.  Against that curriculum their
 * autumn judgement is WTS (Years 3 and 6, 0.1 and 0.2 SD short of EXS) or
 * EXS (Years 4 and 5, 0.25 and 0.1 SD above it).
 */
static void choose_out_of_year(void)
{
	static const int against[7] = { -1, -1, -1, 2, 3, 4, 4 };
	static const int margin[7] = { 0, 0, 0, -100, 250, 100, -200 };

	for (int y = 3; y <= 6; y++) {
		struct pupil *best = NULL;
		int best_sum = 0;

		for (int i = 0; i < npupils; i++) {
			struct pupil *p = &pupils[i];
			int sum = 0, em = 0;

			if (p->cohort != y || !whole_year(p) || p->send == 'N')
				continue;
			for (int s = 0; s < NSUBJ; s++) {
				sum += p->score[NAY - 1][0][s];
				em |= p->value[NAY - 1][0][s] == V_EM;
			}
			if (!em && (!best || sum < best_sum)) {
				best = p;
				best_sum = sum;
			}
		}
		if (!best)
			continue;
		best->against = against[y];
		best->ooy_margin = margin[y];
		for (int s = 0; s < NSUBJ; s++)
			best->ooy_base[s] = best->score[NAY - 1][0][s];
	}
}

/*
 * The reading intervention of 2025-26: in each of Years 2 to 6, the three
 * pupils nearest to EXS among those judged WTS in reading in the autumn
 * (no EHC plan, not out of year).  It works: their reading improves by
 * 0.15 SD by spring and 0.3 SD by summer.
 */
static void choose_intervention(void)
{
	const int ay = NAY - 1;

	for (int y = 2; y <= 6; y++)
		for (int k = 0; k < 3; k++) {
			struct pupil *best = NULL;

			for (int i = 0; i < npupils; i++) {
				struct pupil *p = &pupils[i];

				if (p->cohort != y || !whole_year(p) ||
				    p->intervention || p->against >= 0 ||
				    p->send == 'E' ||
				    p->value[ay][0][READ] != V_WTS)
					continue;
				if (!best || p->score[ay][0][READ] >
				    best->score[ay][0][READ])
					best = p;
			}
			if (!best)
				break;
			best->intervention = 1;
			best->score[ay][1][READ] += 150;
			best->score[ay][2][READ] += 300;
		}
}

/* True for a pre-key stage code or the engagement model. */
static int is_pk_or_em(int v)
{
	return (v >= 1 && v <= 6) || v == V_EM;
}

/*
 * KS1 outcomes for the pupils on roll in 2025-26 in Years 3 to 6: from
 * their Year 2 summer score where the school has one, otherwise from a
 * score made the same way.  Cuts are quantiles of all of them: PK below
 * 5%, EXS and above about 70% (writing 62%), GDS about 17% (writing 8%).
 * The lowest writer on a PK code in Years 5-6 carries the legacy BLW.  Half of
 * the EAL joiners arrived from abroad and have no KS1 result.
 */
static void make_ks1(void)
{
	static const int exs_cut[NSUBJ] = { 300, 380, 290 };
	static const int gds_cut[NSUBJ] = { 820, 920, 840 };
	static int x[MAXP][NSUBJ], buf[MAXP];
	int take[MAXP];
	struct pupil *blw = NULL;

	for (int i = 0; i < npupils; i++) {
		struct pupil *p = &pupils[i];
		int ay2 = 4 - p->cohort;	/* the year p was in Year 2 */

		take[i] = p->cohort >= 3 && p->cohort <= 6 &&
		    in_year(p, NAY - 1) &&
		    !(p->joiner && p->eal == 'Y' && chance(500));
		for (int s = 0; s < NSUBJ; s++) {
			if (ay2 >= 0 && on_roll(p, ay2, 2))
				x[i][s] = p->score[ay2][2][s];
			else
				x[i][s] = p->latent + p->offset[s] +
				    gender_effect(p, s) + eal_effect(p, 2) +
				    age_effect(p, 2) + gauss(300);
		}
	}
	for (int s = 0; s < NSUBJ; s++) {
		int n = 0, pk, exs, gds;

		for (int i = 0; i < npupils; i++)
			if (take[i])
				buf[n++] = x[i][s];
		pk = quantile(buf, n, 50);
		exs = quantile(buf, n, exs_cut[s]);
		gds = quantile(buf, n, gds_cut[s]);
		for (int i = 0; i < npupils; i++) {
			struct pupil *p = &pupils[i];
			int v = x[i][s];

			if (!take[i])
				continue;
			if (v >= gds)
				p->ks1[s] = V_GDS;
			else if (v >= exs)
				p->ks1[s] = V_EXS;
			else if (v >= pk)
				p->ks1[s] = V_WTS;
			else if (p->send == 'E' && v < pk - 1000)
				p->ks1[s] = V_EM;
			else
				p->ks1[s] = (unsigned char)clamp(
				    4 - (pk - v) / 350, 1, 4);
			if (s == WRIT && p->cohort >= 5 && p->ks1[s] < V_WTS &&
			    (!blw || v < x[blw - pupils][s]))
				blw = p;
		}
	}
	if (blw)
		blw->ks1[WRIT] = V_BLW;
}

/*
 * The phonics screening check, out of 40, in June of Year 1; pupils below
 * 32 retake it in Year 2.  Marks follow the national shape (about 80% at
 * 32 or more, many at 35-40, a thin tail below), by each pupil's place
 * among all the Year 1 pupils of the three years.  Pupils on the
 * engagement model in reading are disapplied (D); about 1% are absent.
 */
static void make_phonics(void)
{
	static const int cum[41] = {
		140, 270, 390, 490, 580, 650, 710, 755, 800, 809, 819, 828,
		837, 846, 855, 863, 872, 880, 887, 895, 902, 909, 916, 923,
		929, 935, 941, 947, 952, 957, 962, 967, 972, 976, 980, 984,
		987, 991, 994, 997, 1000
	};
	static int x[MAXP], buf[MAXP];
	int n = 0;

	for (int i = 0; i < npupils; i++) {
		struct pupil *p = &pupils[i];

		x[i] = p->latent + p->offset[READ] + gender_effect(p, READ) +
		    eal_effect(p, 1) + age_effect(p, 1) + gauss(350);
		if (p->cohort >= 1 && p->cohort <= 3 &&
		    on_roll(p, 3 - p->cohort, 2))
			buf[n++] = x[i];
	}
	qsort(buf, (size_t)n, sizeof(int), cmp_int);
	for (int i = 0; i < npupils; i++) {
		struct pupil *p = &pupils[i];
		int ay1 = 3 - p->cohort, ay2 = 4 - p->cohort;
		int first;	/* the Year 1 mark, known or not; 0 if absent */

		if (ay1 >= 0 && ay1 < NAY && on_roll(p, ay1, 2)) {
			struct result *r = &p->phonics[0];

			if (p->value[ay1][2][READ] == V_EM) {
				r->code = 'D';
			} else if (chance(10)) {
				r->code = 'A';
			} else {
				r->code = '#';
				r->v = mark_from(cum, 40,
				    per_mille_above(buf, n, x[i]));
			}
			first = r->code == '#' ? r->v : 0;
		} else {
			first = mark_from(cum, 40, per_mille_above(buf, n,
			    x[i]));
		}
		if (ay2 >= 0 && ay2 < NAY && on_roll(p, ay2, 2) &&
		    first < 32 && p->value[ay2][2][READ] != V_EM &&
		    (ay1 < 0 || p->phonics[0].code != 'D')) {
			p->phonics[1].code = '#';
			p->phonics[1].v = mark_from(cum, 40,
			    per_mille_above(buf, n, x[i] + 900 + gauss(300)));
		}
	}
}

/*
 * The multiplication tables check, out of 25, in June of Year 4: about
 * 30% score 25 and the mean is about 21, by each pupil's place among the
 * Year 4 pupils of the three years.  Pupils on the engagement model in
 * maths are unable to participate (U), a pupil who joined that term has
 * just arrived (J), and about 1% are absent.
 */
static void make_mtc(void)
{
	static const int cum[26] = {
		300, 420, 520, 600, 670, 730, 780, 820, 855, 880, 900, 918,
		933, 946, 957, 966, 974, 980, 985, 989, 992, 995, 997, 998,
		999, 1000
	};
	static int x[MAXP], buf[MAXP];
	int n = 0;

	for (int i = 0; i < npupils; i++) {
		struct pupil *p = &pupils[i];
		int ay = 6 - p->cohort;

		if (ay < 0 || ay >= NAY || !on_roll(p, ay, 2))
			continue;
		x[i] = p->score[ay][2][MATH] + gauss(400);
		buf[n++] = x[i];
	}
	qsort(buf, (size_t)n, sizeof(int), cmp_int);
	for (int i = 0; i < npupils; i++) {
		struct pupil *p = &pupils[i];
		int ay = 6 - p->cohort;

		if (ay < 0 || ay >= NAY || !on_roll(p, ay, 2))
			continue;
		if (p->value[ay][2][MATH] == V_EM)
			p->mtc.code = 'U';
		else if (p->first == ay * NTERM + 2)
			p->mtc.code = 'J';
		else if (chance(10))
			p->mtc.code = 'A';
		else {
			p->mtc.code = '#';
			p->mtc.v = mark_from(cum, 25,
			    per_mille_above(buf, n, x[i]));
		}
	}
}

/*
 * NFER-style standardised scores in reading and maths each summer for
 * Years 1 to 5: the summer score plus test noise, standardised to mean
 * 100 and SD 15 over all of them; below 70 and above 140 are reported as
 * such.  Pupils on the engagement model do not sit them; about 1.2% are
 * absent (A), as is every pupil absent in the summer term.
 */
static void make_nfer(void)
{
	static int x[MAXP][NAY];

	for (int k = 0; k < 2; k++) {
		int s = k ? MATH : READ, n = 0;
		long sum = 0, sq = 0, mean, sd;

		for (int i = 0; i < npupils; i++)
			for (int ay = 0; ay < NAY; ay++) {
				struct pupil *p = &pupils[i];
				int y = year_of(p->cohort, ay);

				x[i][ay] = p->score[ay][2][s] + gauss(350);
				if (y < 1 || y > 5 || !on_roll(p, ay, 2))
					continue;
				sum += x[i][ay];
				n++;
			}
		mean = sum / n;
		for (int i = 0; i < npupils; i++)
			for (int ay = 0; ay < NAY; ay++) {
				int y = year_of(pupils[i].cohort, ay);

				if (y >= 1 && y <= 5 &&
				    on_roll(&pupils[i], ay, 2))
					sq += (x[i][ay] - mean) *
					    (x[i][ay] - mean);
			}
		sd = isqrt(sq / n);
		for (int i = 0; i < npupils; i++)
			for (int ay = 0; ay < NAY; ay++) {
				struct pupil *p = &pupils[i];
				struct result *r = &p->nfer[ay][k];
				int y = year_of(p->cohort, ay);

				if (y < 1 || y > 5 || !on_roll(p, ay, 2) ||
				    p->value[ay][2][s] == V_EM)
					continue;
				if (p->absent[ay][2] || chance(12)) {
					r->code = 'A';
					continue;
				}
				r->code = '#';
				r->v = 100 + (int)((x[i][ay] - mean) * 15 / sd);
			}
	}
}

/*
 * KS2 for Year 6 each year.  Reading, maths and GPS scaled scores come
 * from the summer score plus test noise: 100 at the 25th-27th percentile
 * of all Year 6 pupils of the three years, 110 at the 67th-74th, so that
 * about 74% reach the expected standard and a quarter to a third the
 * high score; 80..120.  A pupil on a pre-key stage code or the engagement
 * model in that subject is working below the standard of the test (B);
 * about 0.8% are absent (A).  Writing is the summer teacher assessment
 * (spring's if absent); science is EXS for about 82% and otherwise HNM.
 */
static void make_ks2(void)
{
	static const int exp_cut[3] = { 250, 260, 270 };
	static const int high_cut[3] = { 670, 740, 680 };
	static int x[MAXP][4], buf[MAXP];

	for (int i = 0; i < npupils; i++) {
		struct pupil *p = &pupils[i];
		int ay = 8 - p->cohort;

		if (ay < 0 || ay >= NAY || !on_roll(p, ay, 2))
			continue;
		x[i][0] = p->score[ay][2][READ] + gauss(300);
		x[i][1] = p->score[ay][2][MATH] + gauss(300);
		x[i][2] = (p->score[ay][2][READ] + p->score[ay][2][WRIT]) / 2 +
		    gauss(350);
		x[i][3] = (p->score[ay][2][READ] + p->score[ay][2][MATH]) / 2 +
		    gauss(400);
	}
	for (int k = 0; k < 4; k++) {
		int m = 0, lo, hi;

		for (int i = 0; i < npupils; i++) {
			int ay = 8 - pupils[i].cohort;

			if (ay >= 0 && ay < NAY && on_roll(&pupils[i], ay, 2))
				buf[m++] = x[i][k];
		}
		lo = quantile(buf, m, k < 3 ? exp_cut[k] : 180);
		hi = quantile(buf, m, k < 3 ? high_cut[k] : 180);
		for (int i = 0; i < npupils; i++) {
			struct pupil *p = &pupils[i];
			int ay = 8 - p->cohort, ta;

			if (ay < 0 || ay >= NAY || !on_roll(p, ay, 2))
				continue;
			if (k == 3) {
				p->ks2_science = x[i][k] >= lo ? 'E' : 'H';
				continue;
			}
			ta = p->value[ay][2][k == 0 ? READ : k == 1 ? MATH :
			    WRIT];
			if (is_pk_or_em(ta))
				p->ks2[k].code = 'B';
			else if (chance(8))
				p->ks2[k].code = 'A';
			else {
				p->ks2[k].code = '#';
				p->ks2[k].v = clamp(100 + (x[i][k] - lo) * 10 /
				    (hi - lo), 80, 120);
			}
		}
	}
	for (int i = 0; i < npupils; i++) {
		struct pupil *p = &pupils[i];
		int ay = 8 - p->cohort;

		if (ay < 0 || ay >= NAY || !on_roll(p, ay, 2))
			continue;
		p->ks2_writing = p->value[ay][2][WRIT];
		if (p->ks2_writing == V_ABS || p->ks2_writing == V_BLANK)
			p->ks2_writing = p->value[ay][1][WRIT];
		if (p->ks2_writing == V_ABS || p->ks2_writing == V_BLANK)
			p->ks2_writing = V_WTS;
	}
}

/*
 * Reading ages for Years 2 to 6, tested in October 2025 and June 2026
 * (each class on its own day): chronological age plus a gap that grows
 * with the pupil's reading score and year group, plus test noise; the
 * test reads from 6:00 to 12:00.  About 1% are absent (A).
 */
static void make_reading_ages(void)
{
	for (int i = 0; i < npupils; i++) {
		struct pupil *p = &pupils[i];
		int y = p->cohort;

		if (y < 2 || y > 6)
			continue;
		for (int k = 0; k < 2; k++) {
			int t = k ? 2 : 0, ca, ra;
			int *d = p->ra_date[k];

			if (!on_roll(p, NAY - 1, t) || p->blank[NAY - 1][t][0])
				continue;
			d[0] = k ? 2026 : 2025;
			d[1] = k ? 6 : 10;
			d[2] = (k ? 8 : 6) + y - 2;
			if (chance(10)) {
				p->ra[k].code = 'A';
				continue;
			}
			ca = months_between(p->dob, d);
			ra = ca + (p->score[NAY - 1][t][READ] + 330) *
			    (6 + 3 * y) / 1000 + gauss(4000) / 1000;
			p->ra[k].code = '#';
			p->ra[k].v = clamp(ra, 71, 145);
		}
	}
}

/* The early learning goals, in EYFS profile order, as exports name them. */
static const char *const elg_name[NELG] = {
	"ELG listening", "ELG speaking", "ELG self-regulation",
	"ELG managing self", "ELG building relationships", "ELG gross motor",
	"ELG fine motor", "ELG comprehension", "ELG word reading",
	"ELG writing", "ELG number", "ELG numerical patterns",
	"ELG past and present", "ELG people culture and communities",
	"ELG natural world", "ELG creating with materials",
	"ELG being imaginative and expressive"
};

/*
 * The EYFS profile in June of Reception: each goal is expected (2) when
 * the pupil's latent attainment, age, a per-goal offset and noise are
 * above that goal's cut, a quantile of all Reception pupils of the three
 * years (75% to 92% expected, writing the lowest), else emerging (1).
 */
static void make_eyfs(void)
{
	static const int exp_pm[NELG] = {
		870, 880, 890, 900, 900, 930, 880, 860, 830, 800, 850, 860,
		880, 890, 900, 910, 910
	};
	static const int elg_subj[5] = { READ, READ, WRIT, MATH, MATH };
	static int x[MAXP], buf[MAXP];

	for (int g = 0; g < NELG; g++) {
		int n = 0, cut;

		for (int i = 0; i < npupils; i++) {
			struct pupil *p = &pupils[i];
			int ay = 2 - p->cohort;

			x[i] = p->latent + age_effect(p, 0) +
			    eal_effect(p, 0) + gauss(450);
			if (g >= 7 && g <= 11)
				x[i] += p->offset[elg_subj[g - 7]];
			if (ay >= 0 && ay < NAY && on_roll(p, ay, 2))
				buf[n++] = x[i];
		}
		cut = quantile(buf, n, 1000 - exp_pm[g]);
		for (int i = 0; i < npupils; i++) {
			struct pupil *p = &pupils[i];
			int ay = 2 - p->cohort;

			if (ay >= 0 && ay < NAY && on_roll(p, ay, 2))
				p->eyfs[g] = x[i] >= cut ? 2 : 1;
		}
	}
}

/* ---- Corrections ---- */

struct correction {
	const struct pupil *p;
	int year;
	const char *subject, *point, *measure;
	char value[16];
};

static struct correction corrections[8];
static int ncorrections;

static void add_correction(const struct pupil *p, int year,
    const char *subject, const char *point, const char *measure,
    const char *value)
{
	struct correction *c = &corrections[ncorrections++];

	c->p = p;
	c->year = year;
	c->subject = subject;
	c->point = point;
	c->measure = measure;
	snprintf(c->value, sizeof(c->value), "%s", value);
}

static int cmp_name(const struct pupil *a, const struct pupil *b)
{
	int r = strcmp(a->surname, b->surname);

	if (!r)
		r = strcmp(a->forename, b->forename);
	if (!r)
		r = strcmp(a->upn, b->upn);
	return r;
}

static int cmp_pupil_name(const void *a, const void *b)
{
	return cmp_name(*(struct pupil *const *)a, *(struct pupil *const *)b);
}

/* Marksheet order: year group in academic year sort_ay, then name. */
static int sort_ay;

static int cmp_pupil_year(const void *a, const void *b)
{
	const struct pupil *p = *(struct pupil *const *)a;
	const struct pupil *q = *(struct pupil *const *)b;
	int yp = year_of(p->cohort, sort_ay), yq = year_of(q->cohort, sort_ay);

	if (yp != yq)
		return (yp > yq) - (yp < yq);
	return cmp_name(p, q);
}

/* Pupils in academic year ay's marksheet, in order.  Returns how many. */
static int roster(int ay, struct pupil **out)
{
	int n = 0;

	for (int i = 0; i < npupils; i++)
		if (in_year(&pupils[i], ay))
			out[n++] = &pupils[i];
	sort_ay = ay;
	qsort(out, (size_t)n, sizeof(*out), cmp_pupil_year);
	return n;
}

/*
 * The first EXS cell, in marksheet order, of year group y, subject s and
 * term t of 2025-26, typed as WTS by mistake and corrected later.
 */
static void slip_ta(int y, int t, int s)
{
	static struct pupil *list[MAXP];
	static const char *const pt[NTERM] = {
		"Autumn 2025/26", "Spring 2025/26", "Summer 2025/26"
	};
	int n = roster(NAY - 1, list);

	for (int i = 0; i < n; i++) {
		struct pupil *p = list[i];

		if (p->cohort == y && p->against < 0 &&
		    p->value[NAY - 1][t][s] == V_EXS) {
			p->slip[NAY - 1][t][s] = V_WTS;
			add_correction(p, y, subj_name[s], pt[t], "TA",
			    "EXS");
			return;
		}
	}
}

/*
 * The corrections log of 2025-26, in the order the data manager made
 * them: a KS2 reading mark raised on review (two marks, across the
 * expected standard), three teacher assessments typed as WTS instead of
 * EXS, and an NFER maths score with its digits swapped.
 */
static void make_corrections(void)
{
	static struct pupil *list[MAXP];
	int n = roster(1, list);
	char text[16];

	for (int i = 0; i < n; i++) {
		struct result *r = &list[i]->ks2[0];

		if (list[i]->cohort == 7 && r->code == '#' &&
		    r->v >= 100 && r->v <= 101) {
			r->shown = r->v - 2;
			snprintf(text, sizeof(text), "%d", r->v);
			add_correction(list[i], 6, "Reading", "KS2 2024/25",
			    "KS2 scaled score", text);
			break;
		}
	}
	slip_ta(3, 0, READ);
	slip_ta(1, 0, WRIT);
	slip_ta(5, 1, MATH);
	n = roster(NAY - 1, list);
	for (int i = 0; i < n; i++) {
		struct result *r = &list[i]->nfer[NAY - 1][1];
		int a = r->v / 10 % 10, b = r->v % 10;

		if (r->code == '#' && r->v > 100 && r->v <= 140 && a != b &&
		    100 + b * 10 + a <= 140 && list[i]->cohort == 4) {
			r->shown = 100 + b * 10 + a;
			snprintf(text, sizeof(text), "%d", r->v);
			add_correction(list[i], 4, "Maths", "Summer 2025/26",
			    "NFER", text);
			break;
		}
	}
}

/* ---- Writing the English exports ---- */

/*
 * Write value v the way a teacher with habit style types it: 0 codes,
 * 1 words, 2 lower case, -1 clean codes with no slips (an MIS export).
 */
static void put_value(FILE *f, int v, int style)
{
	static const char *const code[] = { "WTS", "EXS", "GDS", "EM" };
	static const char *const word[] = {
		"Working towards", "Expected", "Greater depth", "EM"
	};
	static const char *const slip[] = {
		"wts", "exs", "Exs", "Working Towards", "expected", "gds"
	};
	char text[32];

	if (v == V_BLANK)
		return;
	if (v == V_ABS) {
		fputs("A", f);
		return;
	}
	if (v <= 6)
		snprintf(text, sizeof(text), "%s%d",
		    style == 2 ? "pk" : "PK", v);
	else if (style == 1)
		snprintf(text, sizeof(text), "%s", word[v - V_WTS]);
	else
		snprintf(text, sizeof(text), "%s", code[v - V_WTS]);
	if (style == 2 && v > 6)
		for (char *c = text; *c; c++)
			*c = (char)(*c - 'A' + 'a');
	if (style >= 0 && v >= V_WTS && v <= V_GDS && chance(15)) {
		int k = below(2);

		if (v == V_WTS)
			snprintf(text, sizeof(text), "%s", slip[k ? 3 : 0]);
		else if (v == V_EXS)
			snprintf(text, sizeof(text), "%s", slip[1 + 3 * k]);
		else
			snprintf(text, sizeof(text), "%s", slip[5]);
	}
	fputs(text, f);
	if (style >= 0 && chance(20))
		fputc(' ', f);
}

/* A clean code, as MIS and statutory exports write them. */
static const char *code_text(int v)
{
	static const char *const pk[7] = {
		"", "PK1", "PK2", "PK3", "PK4", "PK5", "PK6"
	};

	switch (v) {
	case V_WTS:
		return "WTS";
	case V_EXS:
		return "EXS";
	case V_GDS:
		return "GDS";
	case V_EM:
		return "EM";
	case V_ABS:
		return "A";
	case V_BLW:
		return "BLW";
	default:
		return v >= 1 && v <= 6 ? pk[v] : "";
	}
}

/* Write a result: its slip if it has one, the number, or the code. */
static void put_result(FILE *f, const struct result *r)
{
	if (r->code == '#')
		fprintf(f, "%d", r->shown ? r->shown : r->v);
	else if (r->code)
		fputc(r->code, f);
}

/* Habit of each class teacher, [academic year][year group]. */
static const int style_of[NAY][7] = {
	{ -1, -1, -1, -1, -1, -1, -1 },
	{ 0, 1, 0, 0, 2, 0, 1 },
	{ 0, 0, 0, 1, 0, 2, 0 },
};

/*
 * Write a wide marksheet for ay (1 or 2).  In 1252 mode names are
 * converted, lines end in CRLF and a title line comes first.  2025-26 has
 * a "Curriculum year" column for pupils assessed out of year.
 */
static void write_marksheet(const char *dir, int ay, int cp1252)
{
	static struct pupil *list[MAXP];
	char path[4096], fname[64], name[256];
	const char *eol = cp1252 ? "\r\n" : "\n";
	int n = roster(ay, list), cy = ay == NAY - 1;
	FILE *f;

	snprintf(fname, sizeof(fname), "marksheet-%s.csv", ay_name[ay]);
	f = open_out(dir, fname, path, sizeof(path));
	if (cp1252)
		fprintf(f, "Marksheet export %s,,,,,,,,,,,,%s", ay_name[ay],
		    eol);
	fprintf(f, "UPN,Name,Year,Class%s", cy ? ",Curriculum year" : "");
	for (int s = 0; s < NSUBJ; s++)
		for (int t = 0; t < NTERM; t++)
			fprintf(f, ",%s %s", subj_name[s], term_name[t]);
	fputs(eol, f);
	for (int i = 0; i < n; i++) {
		struct pupil *p = list[i];
		int y = year_of(p->cohort, ay);

		snprintf(name, sizeof(name), "%s, %s", p->surname,
		    p->forename);
		if (cp1252 && to_cp1252(name, name, sizeof(name))) {
			fprintf(stderr, "gen-school: %s: not 1252\n", name);
			exit(1);
		}
		fprintf(f, "%s,\"%s\",", p->upn, name);
		if (y == 0)
			fputs("Reception", f);
		else
			fprintf(f, "Year %d", y);
		fprintf(f, ",%s", class_name[y]);
		if (cy && p->against >= 0)
			fprintf(f, ",Year %d", p->against);
		else if (cy)
			fputc(',', f);
		for (int s = 0; s < NSUBJ; s++)
			for (int t = 0; t < NTERM; t++) {
				int v = p->value[ay][t][s];

				fputc(',', f);
				put_value(f, p->slip[ay][t][s] ?
				    p->slip[ay][t][s] : v, style_of[ay][y]);
			}
		fputs(eol, f);
	}
	close_out(f, path);
}

/* Write 2023-24 as a Bromcom-style export with a UTF-8 BOM. */
static void write_bromcom(const char *dir)
{
	static struct pupil *list[MAXP];
	char path[4096];
	int n = roster(0, list);
	FILE *f = open_out(dir, "marksheet-2023-24.csv", path, sizeof(path));

	fputs("\xEF\xBB\xBFUPN,Name,Year", f);
	for (int s = 0; s < NSUBJ; s++)
		for (int t = 0; t < NTERM; t++)
			fprintf(f, ",TA$%s$%s", term_name[t], subj_name[s]);
	fputc('\n', f);
	for (int i = 0; i < n; i++) {
		struct pupil *p = list[i];
		int y = year_of(p->cohort, 0);

		fprintf(f, "%s,\"%s, %s\",", p->upn, p->surname, p->forename);
		if (y == 0)
			fputc('R', f);
		else
			fprintf(f, "%d", y);
		for (int s = 0; s < NSUBJ; s++)
			for (int t = 0; t < NTERM; t++) {
				fputc(',', f);
				put_value(f, p->value[0][t][s], -1);
			}
		fputc('\n', f);
	}
	close_out(f, path);
}

/*
 * Write pupils.csv: everyone, by name; class only if on roll at the end
 * of 2025-26; Intervention Y for the reading intervention group.
 */
static void write_pupils(const char *dir)
{
	static struct pupil *list[MAXP];
	char path[4096];
	FILE *f = open_out(dir, "pupils.csv", path, sizeof(path));

	for (int i = 0; i < npupils; i++)
		list[i] = &pupils[i];
	qsort(list, (size_t)npupils, sizeof(*list), cmp_pupil_name);
	fputs("UPN,Surname,Forename,Gender,DOB,PP,SEND,EAL,Class,"
	    "Intervention\n", f);
	for (int i = 0; i < npupils; i++) {
		struct pupil *p = list[i];
		int now = p->last == NAY * NTERM - 1 && p->cohort <= 6;

		fprintf(f, "%s,%s,%s,%c,%04d-%02d-%02d,%c,%c,%c,%s,%s\n",
		    p->upn, p->surname, p->forename, p->gender, p->dob[0],
		    p->dob[1], p->dob[2], p->pp, p->send_out, p->eal,
		    now ? class_name[p->cohort] : "",
		    p->intervention ? "Y" : "");
	}
	close_out(f, path);
}

/* Write intervention-2025-26.csv: the reading intervention group. */
static void write_intervention(const char *dir)
{
	static struct pupil *list[MAXP];
	char path[4096];
	FILE *f = open_out(dir, "intervention-2025-26.csv", path,
	    sizeof(path));
	int n = 0;

	for (int i = 0; i < npupils; i++)
		if (pupils[i].intervention)
			list[n++] = &pupils[i];
	qsort(list, (size_t)n, sizeof(*list), cmp_pupil_name);
	fputs("pupil,name\n", f);
	for (int i = 0; i < n; i++)
		fprintf(f, "%s,\"%s, %s\"\n", list[i]->upn, list[i]->surname,
		    list[i]->forename);
	close_out(f, path);
}

/*
 * Write nfer-summer.csv, as NFER's analysis tool exports a school's
 * summer tests of three years: semicolon-separated, one row per pupil and
 * test series, a column per subject.
 */
static void write_nfer(const char *dir)
{
	static struct pupil *list[MAXP];
	char path[4096];
	FILE *f = open_out(dir, "nfer-summer.csv", path, sizeof(path));

	fputs("Pupil name;UPN;Year group;Class;Test series;Reading;Maths\n", f);
	for (int ay = 0; ay < NAY; ay++) {
		int n = roster(ay, list);

		for (int i = 0; i < n; i++) {
			struct pupil *p = list[i];
			int y = year_of(p->cohort, ay);

			if (!p->nfer[ay][0].code && !p->nfer[ay][1].code)
				continue;
			fprintf(f, "%s, %s;%s;Year %d;%s;Summer %s", p->surname,
			    p->forename, p->upn, y, class_name[y],
			    ay_slash[ay]);
			for (int k = 0; k < 2; k++) {
				const struct result *r = &p->nfer[ay][k];

				fputc(';', f);
				if (r->code == '#' && !r->shown && r->v < 70)
					fputs("<70", f);
				else if (r->code == '#' && !r->shown &&
				    r->v > 140)
					fputs(">140", f);
				else
					put_result(f, r);
			}
			fputc('\n', f);
		}
	}
	close_out(f, path);
}

/* Write ks1-outcomes.csv: KS1 teacher assessment of Years 3 to 6 now. */
static void write_ks1(const char *dir)
{
	static struct pupil *list[MAXP];
	char path[4096];
	FILE *f = open_out(dir, "ks1-outcomes.csv", path, sizeof(path));
	int n = roster(NAY - 1, list);

	fputs("UPN,Name,NC Year,KS1 Reading,KS1 Writing,KS1 Maths\n", f);
	for (int i = 0; i < n; i++) {
		struct pupil *p = list[i];

		if (!p->ks1[0])
			continue;
		fprintf(f, "%s,\"%s, %s\",%d", p->upn, p->surname,
		    p->forename, p->cohort);
		for (int s = 0; s < NSUBJ; s++)
			fprintf(f, ",%s", code_text(p->ks1[s]));
		fputc('\n', f);
	}
	close_out(f, path);
}

/* Write phonics-checks.csv: every check and retake of the three years. */
static void write_phonics(const char *dir)
{
	static struct pupil *list[MAXP];
	char path[4096];
	FILE *f = open_out(dir, "phonics-checks.csv", path, sizeof(path));

	fputs("UPN,Name,Year,Check,Mark\n", f);
	for (int ay = 0; ay < NAY; ay++) {
		int n = roster(ay, list);

		for (int i = 0; i < n; i++) {
			struct pupil *p = list[i];
			int y = year_of(p->cohort, ay);
			const struct result *r = y == 1 ? &p->phonics[0] :
			    y == 2 ? &p->phonics[1] : NULL;

			if (!r || !r->code)
				continue;
			fprintf(f, "%s,\"%s, %s\",%d,PSC %s,", p->upn,
			    p->surname, p->forename, y, ay_slash[ay]);
			put_result(f, r);
			fputc('\n', f);
		}
	}
	close_out(f, path);
}

/* Write mtc-YYYY-YY.csv for each year: the MTC results of Year 4. */
static void write_mtc(const char *dir)
{
	static struct pupil *list[MAXP];
	char path[4096], fname[64];

	for (int ay = 0; ay < NAY; ay++) {
		int n = roster(ay, list);
		FILE *f;

		snprintf(fname, sizeof(fname), "mtc-%s.csv", ay_name[ay]);
		f = open_out(dir, fname, path, sizeof(path));
		fputs("UPN,Name,Class,Score\n", f);
		for (int i = 0; i < n; i++) {
			struct pupil *p = list[i];

			if (year_of(p->cohort, ay) != 4 || !p->mtc.code)
				continue;
			fprintf(f, "%s,\"%s, %s\",%s,", p->upn, p->surname,
			    p->forename, class_name[4]);
			put_result(f, &p->mtc);
			fputc('\n', f);
		}
		close_out(f, path);
	}
}

/* Write ks2-YYYY-YY.csv for each year: Year 6's KS2 results. */
static void write_ks2(const char *dir)
{
	static struct pupil *list[MAXP];
	char path[4096], fname[64];

	for (int ay = 0; ay < NAY; ay++) {
		int n = roster(ay, list);
		FILE *f;

		snprintf(fname, sizeof(fname), "ks2-%s.csv", ay_name[ay]);
		f = open_out(dir, fname, path, sizeof(path));
		fputs("UPN,Name,Reading - KS2 scaled score,"
		    "Maths - KS2 scaled score,GPS - KS2 scaled score,"
		    "Writing - TA,Science - TA\n", f);
		for (int i = 0; i < n; i++) {
			struct pupil *p = list[i];

			if (year_of(p->cohort, ay) != 6 || !p->ks2_science)
				continue;
			fprintf(f, "%s,\"%s, %s\"", p->upn, p->surname,
			    p->forename);
			for (int k = 0; k < 3; k++) {
				fputc(',', f);
				put_result(f, &p->ks2[k]);
			}
			fprintf(f, ",%s,%s\n", code_text(p->ks2_writing),
			    p->ks2_science == 'E' ? "EXS" : "HNM");
		}
		close_out(f, path);
	}
}

/*
 * Write a reading age of m months the way year group y's teacher types
 * it: 9.04, 9:04 or 9y4m; below 6:00 and above 12:00 as such.
 */
static void put_age(FILE *f, int y, int m)
{
	const char *pre = m < 72 ? "<" : m > 144 ? ">" : "";

	m = clamp(m, 72, 144);
	switch (y % 3) {
	case 0:
		fprintf(f, "%s%d:%02d", pre, m / 12, m % 12);
		break;
	case 1:
		fprintf(f, "%s%dy%dm", pre, m / 12, m % 12);
		break;
	default:
		fprintf(f, "%s%d.%02d", pre, m / 12, m % 12);
		break;
	}
}

/* Write reading-ages-2025-26.csv: the autumn tests, then the summer's. */
static void write_reading_ages(const char *dir)
{
	static struct pupil *list[MAXP];
	char path[4096];
	FILE *f = open_out(dir, "reading-ages-2025-26.csv", path,
	    sizeof(path));
	int n = roster(NAY - 1, list);

	fputs("UPN,Name,Year,Class,DOB,Term,Date tested,Reading age\n", f);
	for (int k = 0; k < 2; k++)
		for (int i = 0; i < n; i++) {
			struct pupil *p = list[i];
			const int *d = p->ra_date[k];

			if (!p->ra[k].code)
				continue;
			fprintf(f, "%s,\"%s, %s\",%d,%s,%04d-%02d-%02d,%s,"
			    "%04d-%02d-%02d,", p->upn, p->surname, p->forename,
			    p->cohort, class_name[p->cohort], p->dob[0],
			    p->dob[1], p->dob[2], k ? "Summer" : "Autumn",
			    d[0], d[1], d[2]);
			if (p->ra[k].code == '#')
				put_age(f, p->cohort, p->ra[k].v);
			else
				fputc(p->ra[k].code, f);
			fputc('\n', f);
		}
	close_out(f, path);
}

/*
 * Write eyfs-profile.csv: the EYFS profile of each year's Reception, one
 * column per goal, 1 emerging and 2 expected, as the statutory return.
 */
static void write_eyfs(const char *dir)
{
	static struct pupil *list[MAXP];
	char path[4096];
	FILE *f = open_out(dir, "eyfs-profile.csv", path, sizeof(path));

	fputs("UPN,Name,Class,Assessment", f);
	for (int g = 0; g < NELG; g++)
		fprintf(f, ",%s", elg_name[g]);
	fputc('\n', f);
	for (int ay = 0; ay < NAY; ay++) {
		int n = roster(ay, list);

		for (int i = 0; i < n; i++) {
			struct pupil *p = list[i];

			if (year_of(p->cohort, ay) != 0 || !p->eyfs[0])
				continue;
			fprintf(f, "%s,\"%s, %s\",%s,EYFSP %s", p->upn,
			    p->surname, p->forename, class_name[0],
			    ay_slash[ay]);
			for (int g = 0; g < NELG; g++)
				fprintf(f, ",%d", p->eyfs[g]);
			fputc('\n', f);
		}
	}
	close_out(f, path);
}

/* Write corrections-2025-26.csv: the data manager's corrections log. */
static void write_corrections(const char *dir)
{
	char path[4096];
	FILE *f = open_out(dir, "corrections-2025-26.csv", path,
	    sizeof(path));

	fputs("UPN,Name,Year,Subject,Point,Measure,Value\n", f);
	for (int i = 0; i < ncorrections; i++) {
		const struct correction *c = &corrections[i];

		fprintf(f, "%s,\"%s, %s\",%d,%s,%s,%s,%s\n", c->p->upn,
		    c->p->surname, c->p->forename, c->year, c->subject,
		    c->point, c->measure, c->value);
	}
	close_out(f, path);
}

static void england(const char *dir)
{
	rng_state = SEED;
	make_school();
	judge();
	choose_out_of_year();
	choose_intervention();
	judge();
	make_ks1();
	make_phonics();
	make_mtc();
	make_nfer();
	make_ks2();
	make_reading_ages();
	make_eyfs();
	make_corrections();
	write_bromcom(dir);
	write_marksheet(dir, 1, 1);
	write_marksheet(dir, 2, 0);
	write_pupils(dir);
	write_intervention(dir);
	write_nfer(dir);
	write_ks1(dir);
	write_phonics(dir);
	write_mtc(dir);
	write_ks2(dir);
	write_reading_ages(dir);
	write_eyfs(dir);
	write_corrections(dir);
}

/* ==== The Scottish primary ==== */

enum { SC_MAXP = 80, SC_NSUBJ = 4, SC_NTERM = 4, SC_NREF = 4000 };

struct spupil {
	char scn[12];
	const char *surname, *forename;
	char gender, fme, asn, eal, care;
	int simd;		/* 1 most deprived .. 5 */
	int stage;		/* 1..7 for P1..P7 */
	int first;		/* first term on roll, 0..3 */
	int im;			/* assessed against individual milestones */
	int z[SC_NSUBJ];	/* attainment, thousandths of an SD */
};

static struct spupil spupils[SC_MAXP];
static int nspupils;

static const char *const sc_subj[SC_NSUBJ] = {
	"Reading", "Writing", "Listening & Talking", "Numeracy"
};

static const char *const sc_class[8] = {
	"", "P1", "P2/3", "P2/3", "P4/5", "P4/5", "P6/7", "P6/7"
};

/*
 * Per mille of pupils who have achieved each CfE level by each term,
 * [level - 1][stage - 1][term]: Early by the end of P1 (about 78%),
 * First by the end of P4 (74%), Second by the end of P7 (72%), as in the
 * national ACEL figures; a few achieve the next level early, and a few
 * are still working towards a level years later (Early by P5).
 */
static const int sc_achieved[4][7][SC_NTERM] = {
	{ { 40, 120, 300, 780 }, { 800, 820, 850, 880 },
	  { 890, 900, 910, 930 }, { 935, 940, 945, 950 },
	  { 1000, 1000, 1000, 1000 }, { 1000, 1000, 1000, 1000 },
	  { 1000, 1000, 1000, 1000 } },
	{ { 0, 0, 0, 0 }, { 0, 0, 10, 20 }, { 30, 40, 60, 100 },
	  { 110, 170, 280, 740 }, { 750, 760, 780, 800 },
	  { 810, 820, 840, 860 }, { 865, 870, 880, 900 } },
	{ { 0, 0, 0, 0 }, { 0, 0, 0, 0 }, { 0, 0, 0, 0 }, { 0, 0, 0, 0 },
	  { 0, 0, 5, 15 }, { 20, 30, 50, 90 }, { 100, 180, 300, 720 } },
	{ { 0, 0, 0, 0 }, { 0, 0, 0, 0 }, { 0, 0, 0, 0 }, { 0, 0, 0, 0 },
	  { 0, 0, 0, 0 }, { 0, 0, 0, 0 }, { 0, 0, 10, 40 } },
};

/* A sorted sample of attainment, to turn per mille into cut-offs. */
static int sc_ref[SC_NREF];

/*
 * The highest CfE level (0 pre-early .. 4 third) a pupil with attainment
 * z has achieved at stage and term.
 */
static int sc_level(int z, int stage, int term)
{
	int level = 0;

	for (int l = 1; l <= 4; l++) {
		int pm = sc_achieved[l - 1][stage - 1][term];

		if (pm > 0 && z >= sc_ref[(1000 - pm) * (SC_NREF - 1) / 1000])
			level = l;
	}
	return level;
}

/*
 * Make the school: 8 to 10 pupils per stage, P1 to P7, two of them
 * joining during the year; SIMD quintiles weighted to the more deprived,
 * FME more likely in SIMD 1-2, ASN for about 35%, two care experienced.
 * Attainment is N(0,1) less 0.45 SD in SIMD 1 (0.25 in SIMD 2, plus 0.15
 * in SIMD 4 and 0.3 in SIMD 5), 0.3 for FME, 0.7 for ASN and 0.5 for
 * care experience, plus a subject offset (SD 0.35) and girls ahead in
 * literacy.  The two lowest attainers with ASN (one in P1-P4, one in
 * P5-P7) are assessed against individual milestones (IM).
 */
static void make_scotland(void)
{
	static const int simd_w[5] = { 220, 250, 200, 180, 150 };
	static const int simd_adj[5] = { -450, -250, 0, 150, 300 };
	static const int fme_pm[5] = { 450, 300, 150, 80, 80 };
	static const int girl[SC_NSUBJ] = { 150, 200, 100, -30 };
	struct spupil *im[2] = { NULL, NULL };
	static int latent[SC_MAXP];

	for (int i = 0; i < SC_NREF; i++)
		sc_ref[i] = -250 + gauss(1150);
	qsort(sc_ref, SC_NREF, sizeof(int), cmp_int);
	for (int stage = 1; stage <= 7; stage++) {
		int n = 8 + below(3);

		for (int i = 0; i < n; i++) {
			struct spupil *p = &spupils[nspupils++];
			int r = below(1000);

			memset(p, 0, sizeof(*p));
			p->stage = stage;
			p->gender = chance(500) ? 'F' : 'M';
			make_name(scot_heritages, NELEM(scot_heritages),
			    p->gender, 0, &p->surname, &p->forename, &p->eal);
			do
				snprintf(p->scn, sizeof(p->scn), "S999%05d",
				    below(100000));
			while (id_taken(p->scn));
			id_add(p->scn);
			for (p->simd = 1; p->simd < 5 &&
			    r >= simd_w[p->simd - 1]; p->simd++)
				r -= simd_w[p->simd - 1];
			p->fme = chance(fme_pm[p->simd - 1]) ? 'Y' : 'N';
			p->asn = chance(p->simd <= 2 ? 450 : 300) ? 'Y' : 'N';
			p->care = 'N';
			latent[nspupils - 1] = gauss(1000) +
			    simd_adj[p->simd - 1];
			if (p->fme == 'Y')
				latent[nspupils - 1] -= 300;
			if (p->asn == 'Y')
				latent[nspupils - 1] -= 700;
		}
	}
	/* Two care-experienced pupils. */
	for (int k = 0; k < 2; k++) {
		struct spupil *p = &spupils[below(nspupils)];

		if (p->care == 'Y')
			k--;
		p->care = 'Y';
	}
	/* Two joiners, in term 2 and term 3. */
	for (int k = 0; k < 2; k++) {
		struct spupil *p = &spupils[below(nspupils)];

		if (p->first)
			k--;
		else
			p->first = 1 + k;
	}
	for (int i = 0; i < nspupils; i++) {
		struct spupil *p = &spupils[i];

		if (p->care == 'Y')
			latent[i] -= 500;
		for (int s = 0; s < SC_NSUBJ; s++)
			p->z[s] = latent[i] + gauss(350) +
			    (p->gender == 'F' ? girl[s] : -girl[s]);
	}
	for (int i = 0; i < nspupils; i++) {
		struct spupil *p = &spupils[i];
		int g = p->stage >= 5;

		if (p->asn == 'Y' && (!im[g] || p->z[0] + p->z[3] <
		    im[g]->z[0] + im[g]->z[3]))
			im[g] = p;
	}
	for (int g = 0; g < 2; g++)
		if (im[g])
			im[g]->im = 1;
}

static int cmp_spupil(const void *a, const void *b)
{
	const struct spupil *p = a, *q = b;
	int r = p->stage - q->stage;

	if (!r)
		r = strcmp(p->surname, q->surname);
	if (!r)
		r = strcmp(p->forename, q->forename);
	return r;
}

/* A level as class teacher habit h types it. */
static const char *sc_word(int h, int level)
{
	static const char *const word[4][5] = {
		{ "Pre-early", "Early", "First", "Second", "Third" },
		{ "Not yet early", "Early", "First", "Second", "Third" },
		{ "Working towards early", "Early level", "First level",
		  "Second level", "Third level" },
		{ "Pre-early", "Early", "First", "Second", "Third" },
	};

	return word[h][level];
}

/*
 * Write tracking-2025-26.csv, a SEEMiS-style wide tracking export: one
 * column per curricular area and term, and the June ACEL return for P1,
 * P4 and P7; and pupils.csv, the characteristics.
 */
static void write_scotland(const char *dir)
{
	char path[4096];
	FILE *f = open_out(dir, "tracking-2025-26.csv", path, sizeof(path));

	qsort(spupils, (size_t)nspupils, sizeof(spupils[0]), cmp_spupil);
	fputs("SCN,Pupil,Stage,Class", f);
	for (int s = 0; s < SC_NSUBJ; s++) {
		for (int t = 0; t < SC_NTERM; t++)
			fprintf(f, ",%s - Term %d", sc_subj[s], t + 1);
		fprintf(f, ",%s - ACEL 2025/26", sc_subj[s]);
	}
	fputc('\n', f);
	for (int i = 0; i < nspupils; i++) {
		const struct spupil *p = &spupils[i];
		int h = (p->stage + 1) / 2 - 1, acel;

		acel = p->stage == 1 || p->stage == 4 || p->stage == 7;
		fprintf(f, "%s,\"%s, %s\",P%d,%s", p->scn, p->surname,
		    p->forename, p->stage, sc_class[p->stage]);
		for (int s = 0; s < SC_NSUBJ; s++) {
			for (int t = 0; t <= SC_NTERM; t++) {
				int term = t < SC_NTERM ? t : SC_NTERM - 1;

				fputc(',', f);
				if (term < p->first || (t == SC_NTERM && !acel))
					continue;
				if (p->im)
					fputs("IM", f);
				else
					fputs(sc_word(h, sc_level(p->z[s],
					    p->stage, term)), f);
			}
		}
		fputc('\n', f);
	}
	close_out(f, path);

	f = open_out(dir, "pupils.csv", path, sizeof(path));
	fputs("SCN,Surname,Forename,Gender,SIMD,FME,ASN,EAL,"
	    "Care experienced\n", f);
	for (int i = 0; i < nspupils; i++) {
		const struct spupil *p = &spupils[i];

		fprintf(f, "%s,%s,%s,%c,%d,%c,%c,%c,%c\n", p->scn, p->surname,
		    p->forename, p->gender, p->simd, p->fme, p->asn, p->eal,
		    p->care);
	}
	close_out(f, path);
}

static void scotland(const char *dir)
{
	rng_state = SCOTLAND_SEED;
	make_scotland();
	write_scotland(dir);
}

/* ==== The bespoke school ==== */

enum { BS_MAXP = 64, BS_NOBJ = 12, BS_NPB = 8 };

/* Its judgements, lowest first; 0 is blank, 5 absent. */
enum { B_BLANK, B_PC, B_WT, B_OT, B_GD, B_ABS };

struct bpupil {
	char upn[14];
	const char *surname, *forename;
	char gender, pp, send, eal;
	int year;		/* 3 or 4 */
	int booster;		/* in the phonics booster group */
	int personal;		/* on a personal curriculum in writing, maths */
	int against;		/* maths curriculum year, or -1 */
	int latent;
	int score[NTERM][NSUBJ];
	int value[NTERM][NSUBJ];
	int obj[NTERM][BS_NOBJ];
	int pb[NTERM][BS_NPB];
};

static struct bpupil bpupils[BS_MAXP];
static int nbpupils;

static const char *const bs_class[2] = { "Kestrels", "Falcons" };

/* How many Year 4 maths objectives have been taught by each term. */
static const int bs_taught[NTERM] = { 5, 9, 12 };

/*
 * Make the school's Year 3 (Kestrels) and Year 4 (Falcons): 26 to 28
 * pupils each, with England's latent model.  Judgements per term and
 * subject come from quantiles over both classes.  The lowest attainer is
 * on a personal curriculum in writing and maths (and has an EHC plan).
 * The two lowest
 * readers of each class (no EHC plan) are in the phonics booster group;
 * their reading is judged against its objectives.  The lowest Year 4
 * mathematician with SEN support is assessed against Year 3 in maths.
 */
static void make_bespoke(void)
{
	static const int wt_cut[NTERM] = { 300, 280, 250 };
	static const int gd_cut[NTERM] = { 900, 860, 820 };
	static int buf[BS_MAXP * BS_NOBJ * NTERM];
	struct bpupil *low = NULL;

	for (int y = 3; y <= 4; y++) {
		int n = 26 + below(3);

		for (int i = 0; i < n; i++) {
			struct bpupil *p = &bpupils[nbpupils++];
			int off[NSUBJ], drift = 0;

			memset(p, 0, sizeof(*p));
			p->year = y;
			p->against = -1;
			p->gender = chance(500) ? 'F' : 'M';
			p->send = chance(30) ? 'E' : chance(130) ? 'K' : 'N';
			p->pp = chance(p->send == 'N' ? 220 : 370) ? 'Y' : 'N';
			make_name(heritages, NELEM(heritages), p->gender, 0,
			    &p->surname, &p->forename, &p->eal);
			make_upn(p->upn, 2150, 25 - y);
			p->latent = gauss(1000) - (p->pp == 'Y' ? 550 : 0) -
			    (p->send == 'K' ? 1100 : p->send == 'E' ? 2000 : 0);
			for (int s = 0; s < NSUBJ; s++)
				off[s] = gauss(400) + (p->gender == 'F' ?
				    girl_adv[s] : -girl_adv[s]);
			for (int t = 0; t < NTERM; t++) {
				drift += gauss(120);
				for (int s = 0; s < NSUBJ; s++)
					p->score[t][s] = p->latent + off[s] +
					    drift + gauss(220);
			}
		}
	}
	for (int y = 3; y <= 4; y++)
		for (int k = 0; k < 2; k++) {
			struct bpupil *best = NULL;

			for (int i = 0; i < nbpupils; i++) {
				struct bpupil *p = &bpupils[i];

				if (p->year == y && !p->booster &&
				    p->send != 'E' && (!best ||
				    p->score[0][READ] < best->score[0][READ]))
					best = p;
			}
			best->booster = 1;
		}
	for (int i = 0; i < nbpupils; i++) {
		struct bpupil *p = &bpupils[i];

		if (p->year == 4 && p->send == 'K' && !p->booster &&
		    (!low || p->score[0][MATH] < low->score[0][MATH]))
			low = p;
	}
	if (low)
		low->against = 3;
	low = NULL;
	for (int i = 0; i < nbpupils; i++) {
		struct bpupil *p = &bpupils[i];

		if (!p->booster && p->against < 0 &&
		    (!low || p->latent < low->latent))
			low = p;
	}
	low->personal = 1;
	low->send = 'E';
	for (int t = 0; t < NTERM; t++)
		for (int s = 0; s < NSUBJ; s++) {
			int n = 0, wt, gd;

			for (int i = 0; i < nbpupils; i++)
				buf[n++] = bpupils[i].score[t][s];
			wt = quantile(buf, n, wt_cut[t]);
			gd = quantile(buf, n, gd_cut[t]);
			for (int i = 0; i < nbpupils; i++) {
				struct bpupil *p = &bpupils[i];
				int v = p->score[t][s], *out = &p->value[t][s];

				if (s == MATH && p->against >= 0)
					v += 1300;
				if (chance(8))
					*out = B_ABS;
				else if (v >= gd)
					*out = B_GD;
				else if (v >= wt)
					*out = B_OT;
				else if (p->personal && s != READ)
					*out = B_PC;
				else
					*out = B_WT;
			}
		}
	/* Year 4 maths objectives, for the pupils on the Year 4 curriculum. */
	{
		static int x[BS_MAXP][NTERM][BS_NOBJ];
		int n = 0, ot, gd;

		for (int i = 0; i < nbpupils; i++) {
			const struct bpupil *p = &bpupils[i];

			if (p->year != 4 || p->against >= 0)
				continue;
			for (int t = 0; t < NTERM; t++)
				for (int o = 0; o < bs_taught[t]; o++) {
					x[i][t][o] = p->score[t][MATH] -
					    90 * o + 120 * t + gauss(350);
					buf[n++] = x[i][t][o];
				}
		}
		ot = quantile(buf, n, 280);
		gd = quantile(buf, n, 880);
		for (int i = 0; i < nbpupils; i++) {
			struct bpupil *p = &bpupils[i];

			if (p->year != 4 || p->against >= 0)
				continue;
			/* Once secure, an objective stays secure. */
			for (int t = 0; t < NTERM; t++)
				for (int o = 0; o < bs_taught[t]; o++) {
					p->obj[t][o] = x[i][t][o] >= gd ? B_GD :
					    x[i][t][o] >= ot ? B_OT : B_WT;
					if (t > 0 && p->obj[t - 1][o] >
					    p->obj[t][o])
						p->obj[t][o] = p->obj[t - 1][o];
				}
		}
	}
	/*
	 * The booster group secures two or three more of its phonics
	 * objectives each term, and is on track against the list once five
	 * are secure.
	 */
	for (int i = 0; i < nbpupils; i++) {
		struct bpupil *p = &bpupils[i];
		int strength = below(2);

		if (!p->booster)
			continue;
		for (int t = 0; t < NTERM; t++) {
			int secure = clamp(2 + 2 * t + strength, 0, BS_NPB);

			for (int o = 0; o < BS_NPB; o++)
				p->pb[t][o] = o < secure ? B_OT :
				    o < secure + 2 ? B_WT : B_BLANK;
			if (p->value[t][READ] != B_ABS)
				p->value[t][READ] = secure >= 5 ? B_OT : B_WT;
		}
	}
}

static int cmp_bpupil(const void *a, const void *b)
{
	const struct bpupil *p = a, *q = b;
	int r = p->year - q->year;

	if (!r)
		r = strcmp(p->surname, q->surname);
	if (!r)
		r = strcmp(p->forename, q->forename);
	return r;
}

/* A judgement in the school's words, full (habit 0) or abbreviated. */
static const char *bs_word(int v, int abbrev)
{
	static const char *const full[6] = {
		"", "Personal curriculum", "Working towards", "On track",
		"Greater depth", "A"
	};
	static const char *const abbr[6] = { "", "PC", "WT", "OT", "GD", "A" };

	return abbrev ? abbr[v] : full[v];
}

/*
 * Write the bespoke school's exports: judgements-2025-26.csv, one row per
 * judgement as an MIS assessment export; y4-maths-objectives-2025-26.csv,
 * the maths lead's objective grid; phonics-booster-2025-26.csv, the
 * booster group's objectives; and pupils.csv.
 */
static void write_bespoke(const char *dir)
{
	static const char *const obj_word[5] = {
		"", "", "Working towards", "Secure", "Greater depth"
	};
	char path[4096];
	FILE *f;

	qsort(bpupils, (size_t)nbpupils, sizeof(bpupils[0]), cmp_bpupil);
	f = open_out(dir, "judgements-2025-26.csv", path, sizeof(path));
	fputs("Student,UPN,Year,Form,Subject,Term,Judgement,Curriculum\n", f);
	for (int t = 0; t < NTERM; t++)
		for (int i = 0; i < nbpupils; i++) {
			const struct bpupil *p = &bpupils[i];

			for (int s = 0; s < NSUBJ; s++) {
				const char *cur = "";

				if (s == READ && p->booster)
					cur = "Phonics booster group";
				else if (s == MATH && p->against >= 0)
					cur = "Year 3";
				fprintf(f, "%s %s,%s,Year %d,%s,%s,%s,%s,%s\n",
				    p->forename, p->surname, p->upn, p->year,
				    bs_class[p->year - 3], subj_name[s],
				    term_name[t], bs_word(p->value[t][s],
				    (p->year + t) % 3 == 2), cur);
			}
		}
	close_out(f, path);

	f = open_out(dir, "y4-maths-objectives-2025-26.csv", path,
	    sizeof(path));
	fputs("UPN,Student", f);
	for (int t = 0; t < NTERM; t++)
		for (int o = 0; o < bs_taught[t]; o++)
			fprintf(f, ",y4m-%02d %s", o + 1, term_name[t]);
	fputc('\n', f);
	for (int i = 0; i < nbpupils; i++) {
		const struct bpupil *p = &bpupils[i];

		if (p->year != 4)
			continue;
		fprintf(f, "%s,%s %s", p->upn, p->forename, p->surname);
		for (int t = 0; t < NTERM; t++)
			for (int o = 0; o < bs_taught[t]; o++)
				fprintf(f, ",%s", obj_word[p->obj[t][o]]);
		fputc('\n', f);
	}
	close_out(f, path);

	f = open_out(dir, "phonics-booster-2025-26.csv", path, sizeof(path));
	fputs("UPN,Student,Year,Term", f);
	for (int o = 0; o < BS_NPB; o++)
		fprintf(f, ",pb-%02d", o + 1);
	fputc('\n', f);
	for (int t = 0; t < NTERM; t++)
		for (int i = 0; i < nbpupils; i++) {
			const struct bpupil *p = &bpupils[i];

			if (!p->booster)
				continue;
			fprintf(f, "%s,%s %s,Year %d,%s", p->upn, p->forename,
			    p->surname, p->year, term_name[t]);
			for (int o = 0; o < BS_NPB; o++)
				fprintf(f, ",%s", bs_word(p->pb[t][o], 0));
			fputc('\n', f);
		}
	close_out(f, path);

	f = open_out(dir, "pupils.csv", path, sizeof(path));
	fputs("UPN,Forename,Surname,Class,Gender,PP,SEND,Booster\n", f);
	for (int i = 0; i < nbpupils; i++) {
		const struct bpupil *p = &bpupils[i];

		fprintf(f, "%s,%s,%s,%s,%c,%c,%c,%c\n", p->upn, p->forename,
		    p->surname, bs_class[p->year - 3], p->gender, p->pp,
		    p->send, p->booster ? 'Y' : 'N');
	}
	close_out(f, path);
}

static void bespoke(const char *dir)
{
	rng_state = BESPOKE_SEED;
	make_bespoke();
	write_bespoke(dir);
}

static void usage(void)
{
	fprintf(stderr, "usage: gen-school "
	    "[-s england|scotland|bespoke|school2] OUTDIR\n");
	exit(2);
}

int main(int argc, char **argv)
{
	const char *school = "england", *dir;

	if (argc == 4 && !strcmp(argv[1], "-s"))
		school = argv[2];
	else if (argc != 2)
		usage();
	dir = argv[argc - 1];
	if (dir[0] == '-')
		usage();
	make_dir(dir);
	if (!strcmp(school, "england"))
		england(dir);
	else if (!strcmp(school, "scotland"))
		scotland(dir);
	else if (!strcmp(school, "bespoke"))
		bespoke(dir);
	else if (!strcmp(school, "school2"))
		school2(dir);
	else
		usage();
	return 0;
}
