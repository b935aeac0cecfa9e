/*
 * gen-school: write the raw exports of a fictional primary school.
 *
 *   gen-school OUTDIR
 *
 * Everything here is invented.  Names are drawn from built-in lists of
 * forenames and surnames common in UK schools, grouped by heritage so
 * that they usually go together; no row describes a real child.  The
 * program uses its own PRNG (splitmix64, seed 357) and only integer
 * arithmetic, so the output is identical, byte for byte, on every machine
 * and every run.  Seed 357 is the first of 1..400 whose school shows the
 * usual national patterns below (disadvantage gap, girls ahead in
 * writing, roll 205-215); build with -DSEED=N for another school.  It
 * writes four files into OUTDIR, creating the directory if needed:
 *
 * marksheet-2025-26.csv  The current year, as a school keeps it in a
 *     spreadsheet: UTF-8, LF, no BOM.  Header
 *       UPN,Name,Year,Class,Reading Autumn,Reading Spring,Reading Summer,
 *       Writing Autumn,...,Maths Summer
 *     One row per pupil on roll, ordered by year group then name.  Name is
 *     "Surname, Forename" (always quoted), Year is "Reception" or "Year 4",
 *     Class is the class name (one class per year group, named after
 *     trees).  Only autumn is filled in; spring and summer are blank.
 * marksheet-2024-25.csv  The same shape for 2024-25 with all three terms
 *     filled, as saved by Excel: Windows-1252, CRLF, and a title line
 *     ("Marksheet export 2024-25,,,...") before the header, so it needs
 *     --skip-lines 1.  Every name in it is representable in 1252.
 * marksheet-2023-24.csv  2023-24 as a Bromcom-style MIS export: UTF-8 with
 *     a BOM, LF.  Header UPN,Name,Year,TA$Autumn$Reading,TA$Spring$Reading,
 *     TA$Summer$Reading,TA$Autumn$Writing,...,TA$Summer$Maths.  Year is
 *     "R" or "4"; values are clean codes.
 * pupils.csv  Characteristics of every pupil in any file, ordered by
 *     surname, forename: UPN,Surname,Forename,Gender,PP,SEND,EAL,Class.
 *     UTF-8, LF.  Gender F/M, PP Y/N, SEND N/K/E (three K rows are
 *     written "S", as some MIS exports do), EAL Y/N, Class is the class in
 *     2025-26 and blank for pupils no longer on roll.
 *
 * Values in the marksheets are GDS, EXS, WTS, PK1-PK6 (PK1-PK4 in Years 1
 * and 2) and, rarely, EM.  They are typed the way teachers type: each
 * class teacher has a habit (codes, words such as "Expected" and
 * "Working towards", or lower case), and about 3% of cells carry a
 * trailing space or another spelling ("exs", "Exs").  The Bromcom export
 * uses clean codes only.  Reception rows are listed with every TA cell
 * blank: Reception is assessed against the EYFS goals, not termly TA.
 * Other blanks: terms before a pupil joined or after they left, about
 * 0.5% absences, and about half of new joiners in their first term.
 *
 * The school.  Cohorts of 27-30 pupils, one per year group, Reception to
 * Year 6 in 2025-26 (about 210 on roll), plus the two Year 6 cohorts that
 * left in July 2024 and July 2025.  Pupils move up a year each September.
 * In 2023-24 and 2024-25 about 3.5% of pupils below Year 6 leave at
 * some term, and 0-2 pupils per year group join at some term; in 2025-26
 * (assessed up to autumn) no one has left and 0-1 per year group joined
 * in autumn.  UPNs have the real shape and check letter (DfE mod-23 rule)
 * but the LA number 999, which no local authority has, so none can
 * belong to a real pupil.
 *
 * Distributions.  Gender 50/50.  SEND: K about 9% of girls and 16% of
 * boys (13% overall), E about 2%/4% (3%).  PP (disadvantaged) about
 * 25%, more likely with SEND.  EAL about 20%, mostly among the pupils
 * whose names are not of UK heritage.
 * Each pupil has a latent attainment (standard deviations, in
 * thousandths): N(0,1) minus 0.5 SD if disadvantaged, 1.1 SD for SEN
 * support, 2 SD for an EHC plan; an EAL gap that closes from 0.21 SD in
 * Year 1 to nothing by Year 6; girls ahead by 0.2 SD in reading and
 * 0.35 SD in writing.  Each subject adds its own offset (SD 0.4), each
 * year a random walk step (SD 0.25) and each term noise (SD 0.22), so a
 * pupil's judgements persist with some movement.  Cut-offs are quantiles
 * of all assessed cells for that term and subject over the three years:
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
 * below the PK cut-off are on EM.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#ifndef SEED
#define SEED 357
#endif

enum { NAY = 3, NTERM = 3, NSUBJ = 3, NCOHORT = 9, MAXP = 400 };

/* Value codes: 0 is blank, 1..6 are PK1..PK6. */
enum { V_BLANK = 0, V_WTS = 7, V_EXS, V_GDS, V_EM };

static const char *const ay_name[NAY] = { "2023-24", "2024-25", "2025-26" };
static const char *const term_name[NTERM] = { "Autumn", "Spring", "Summer" };
static const char *const subj_name[NSUBJ] = { "Reading", "Writing", "Maths" };
static const char *const class_name[7] = {
	"Acorn", "Hazel", "Rowan", "Willow", "Oak", "Beech", "Ash"
};

/*
 * Names by heritage, so that a pupil's forename and surname usually go
 * together.  weight is per mille of pupils, eal the per mille chance of
 * EAL.  Each list ends with NULL.
 */
struct heritage {
	int weight, eal;
	const char *const *girls, *const *boys, *const *surnames;
};

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

static const struct heritage heritages[] = {
	{ 620, 20, uk_girls, uk_boys, uk_surnames },
	{ 150, 500, sa_girls, sa_boys, sa_surnames },
	{ 80, 750, ee_girls, ee_boys, ee_surnames },
	{ 80, 350, af_girls, af_boys, af_surnames },
	{ 40, 650, se_girls, se_boys, se_surnames },
	{ 30, 650, ot_girls, ot_boys, ot_surnames },
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

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
	int latent;		/* thousandths of an SD */
	int offset[NSUBJ];
	int score[NAY][NTERM][NSUBJ];
	unsigned char value[NAY][NTERM][NSUBJ];
	unsigned char blank[NAY][NTERM][NSUBJ];
};

static struct pupil pupils[MAXP];
static int npupils;
static uint64_t rng_state = SEED;

/* splitmix64: the next 64 random bits. */
static uint64_t rnd(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A number in 0..n-1 (n > 0), by multiply-shift. */
static int below(int n)
{
	return (int)(((rnd() >> 32) * (uint64_t)n) >> 32);
}

/* True with probability permille/1000. */
static int chance(int permille)
{
	return below(1000) < permille;
}

/*
 * An approximately normal integer with mean 0 and standard deviation sd:
 * the sum of twelve uniforms on 0..999 has mean 5994 and SD about 1000.
 * Integer arithmetic keeps the result the same on every machine.
 */
static int gauss(int sd)
{
	long sum = 0;

	for (int i = 0; i < 12; i++)
		sum += below(1000);
	return (int)((sum - 5994) * sd / 1000);
}

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
static int to_cp1252(const char *in, char *out, size_t outsz)
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
 * Fill p->upn with a UPN allocated by establishment estab in the academic
 * year starting in autumn of 20yy: check letter, LA 999, estab, yy and a
 * serial, unique among the pupils made so far.
 */
static void make_upn(struct pupil *p, int estab, int yy)
{
	static const char letters[] = "ABCDEFGHJKLMNPQRTUVWXYZ";
	int unique;

	do {
		int sum = 0;

		snprintf(p->upn + 1, sizeof(p->upn) - 1, "999%04u%02u%03u",
		    (unsigned)estab % 10000, (unsigned)yy % 100,
		    1 + (unsigned)below(999));
		for (int i = 1; i < 13; i++)
			sum += (p->upn[i] - '0') * (i + 1);
		p->upn[0] = letters[sum % 23];
		unique = 1;
		for (int i = 0; i < npupils; i++)
			if (&pupils[i] != p && !strcmp(pupils[i].upn, p->upn))
				unique = 0;
	} while (!unique);
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
 * Choose p's heritage, EAL and a name that no other pupil has.  One pupil
 * in seven of other heritage has a forename from the UK list.  A pupil
 * who appears in the 2024-25 marksheet needs a name Windows-1252 can
 * carry, so the draw is repeated until it can.
 */
static void make_name(struct pupil *p)
{
	const struct heritage *h = &heritages[0];
	int need1252 = in_year(p, 1);
	int r = below(1000), ok;

	for (size_t i = 0; i < NELEM(heritages); i++) {
		h = &heritages[i];
		if (r < h->weight)
			break;
		r -= h->weight;
	}
	p->eal = chance(h->eal) ? 'Y' : 'N';
	do {
		const struct heritage *fh = chance(140) ? &heritages[0] : h;

		p->forename = pick(p->gender == 'F' ? fh->girls : fh->boys);
		p->surname = pick(h->surnames);
		ok = !need1252 ||
		    (encodable(p->forename) && encodable(p->surname));
		for (int i = 0; ok && i < npupils; i++)
			if (&pupils[i] != p &&
			    pupils[i].surname == p->surname &&
			    pupils[i].forename == p->forename)
				ok = 0;
	} while (!ok);
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
	p->gender = chance(500) ? 'F' : 'M';
	if (chance(p->gender == 'F' ? 18 : 40))
		p->send = 'E';
	else if (chance(p->gender == 'F' ? 92 : 166))
		p->send = 'K';
	else
		p->send = 'N';
	p->send_out = p->send;
	p->pp = chance(p->send == 'N' ? 225 : 370) ? 'Y' : 'N';
	make_name(p);
	if (joiner)
		make_upn(p, other_estab[below(4)], 25 - c);
	else
		make_upn(p, 2041, 25 - c);
	npupils++;

	p->latent = gauss(1000);
	if (p->pp == 'Y')
		p->latent -= 500;
	if (p->send == 'K')
		p->latent -= 1100;
	if (p->send == 'E')
		p->latent -= 2000;
	for (int s = 0; s < NSUBJ; s++)
		p->offset[s] = gauss(400);
	for (int ay = 0; ay < NAY; ay++) {
		int y = year_of(c, ay);
		int eal = p->eal == 'Y' && y < 6 ? -250 + 40 * y : 0;
		static const int girl_adv[NSUBJ] = { 100, 175, -20 };

		drift += gauss(250);
		for (int t = 0; t < NTERM; t++)
			for (int s = 0; s < NSUBJ; s++) {
				int g = p->gender == 'F' ? girl_adv[s]
				    : -girl_adv[s];

				p->score[ay][t][s] = p->latent + p->offset[s] +
				    g + eal + drift + gauss(220);
				p->blank[ay][t][s] = chance(5);
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

			for (int ay = ay_first; ay < 2; ay++)
				if (year_of(c, ay) < 6 && last == end &&
				    chance(35))
					last = ay * NTERM + below(NTERM);
			add_pupil(c, ay_first * NTERM, last, 0);
		}
		for (int ay = ay_first; ay <= ay_last; ay++) {
			int n = ay < 2 ? below(3) : below(2);

			if (ay == ay_first && c <= 2 && ay == 2 - c)
				n = below(2);	/* Reception intake is full */
			for (int i = 0; i < n; i++) {
				int t = ay < 2 ? below(NTERM) : 0;

				if (ay == ay_first && t == 0 && ay < 2)
					t = 1;
				add_pupil(c, ay * NTERM + t, end, 1);
			}
		}
	}
	/* Some MIS exports write S (SEN support) instead of K. */
	for (int marked = 0; marked < 3;) {
		struct pupil *p = &pupils[below(npupils)];

		if (p->send_out == 'K') {
			p->send_out = 'S';
			marked++;
		}
	}
}

/* True if this cell is teacher-assessed: on roll, not Reception, past. */
static int assessed(const struct pupil *p, int ay, int t)
{
	return on_roll(p, ay, t) && year_of(p->cohort, ay) >= 1 &&
	    (ay < 2 || t == 0);
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/*
 * The code for score v of a pupil in year group y, given the cut-offs:
 * GDS, EXS, WTS, then one PK level lower per 0.35 SD below the PK cut
 * (PK1-PK4 in Years 1 and 2, PK1-PK6 above), or EM for a pupil with an
 * EHC plan more than 1 SD below it.
 */
static int code_for(const struct pupil *p, int y, int v, int pk, int exs,
    int gds)
{
	int maxpk = y <= 2 ? 4 : 6, code;

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
					if (assessed(&pupils[i], ay, t))
						buf[n++] =
						    pupils[i].score[ay][t][s];
			qsort(buf, (size_t)n, sizeof(int), cmp_int);
			pk = buf[n * pk_cut[s] / 1000];
			exs = buf[n * exs_cut[t][s] / 1000];
			gds = buf[n * gds_cut[t][s] / 1000];
			for (int i = 0; i < npupils; i++)
				for (int ay = 0; ay < NAY; ay++) {
					struct pupil *p = &pupils[i];
					int code = V_BLANK;

					if (assessed(p, ay, t) &&
					    !p->blank[ay][t][s])
						code = code_for(p,
						    year_of(p->cohort, ay),
						    p->score[ay][t][s],
						    pk, exs, gds);
					p->value[ay][t][s] =
					    (unsigned char)code;
				}
		}
}

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

static FILE *open_out(const char *dir, const char *name, char *path,
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

static void close_out(FILE *f, const char *path)
{
	if (ferror(f) | fclose(f)) {
		fprintf(stderr, "gen-school: %s: write error\n", path);
		exit(1);
	}
}

/* Habit of each class teacher, [academic year][year group]. */
static const int style_of[NAY][7] = {
	{ -1, -1, -1, -1, -1, -1, -1 },
	{ 0, 1, 0, 0, 2, 0, 1 },
	{ 0, 0, 0, 1, 0, 2, 0 },
};

/*
 * Write a wide marksheet for ay (1 or 2).  In 1252 mode names are
 * converted, lines end in CRLF and a title line comes first.
 */
static void write_marksheet(const char *dir, int ay, int cp1252)
{
	static struct pupil *list[MAXP];
	char path[4096], fname[64], name[256];
	const char *eol = cp1252 ? "\r\n" : "\n";
	int n = roster(ay, list);
	FILE *f;

	snprintf(fname, sizeof(fname), "marksheet-%s.csv", ay_name[ay]);
	f = open_out(dir, fname, path, sizeof(path));
	if (cp1252)
		fprintf(f, "Marksheet export %s,,,,,,,,,,,,%s", ay_name[ay],
		    eol);
	fputs("UPN,Name,Year,Class", f);
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
		for (int s = 0; s < NSUBJ; s++)
			for (int t = 0; t < NTERM; t++) {
				fputc(',', f);
				put_value(f, p->value[ay][t][s],
				    style_of[ay][y]);
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

/* Write pupils.csv: everyone, by name; class only if on roll now. */
static void write_pupils(const char *dir)
{
	static struct pupil *list[MAXP];
	char path[4096];
	FILE *f = open_out(dir, "pupils.csv", path, sizeof(path));

	for (int i = 0; i < npupils; i++)
		list[i] = &pupils[i];
	qsort(list, (size_t)npupils, sizeof(*list), cmp_pupil_name);
	fputs("UPN,Surname,Forename,Gender,PP,SEND,EAL,Class\n", f);
	for (int i = 0; i < npupils; i++) {
		struct pupil *p = list[i];
		int now = p->last == NAY * NTERM - 1 && p->cohort <= 6;

		fprintf(f, "%s,%s,%s,%c,%c,%c,%c,%s\n", p->upn, p->surname,
		    p->forename, p->gender, p->pp, p->send_out, p->eal,
		    now ? class_name[p->cohort] : "");
	}
	close_out(f, path);
}

/* mkdir -p: create dir and its missing parents. */
static void make_dir(const char *dir)
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

int main(int argc, char **argv)
{
	if (argc != 2 || argv[1][0] == '-') {
		fprintf(stderr, "usage: gen-school OUTDIR\n");
		return 2;
	}
	make_dir(argv[1]);
	make_school();
	judge();
	write_bromcom(argv[1]);
	write_marksheet(argv[1], 1, 1);
	write_marksheet(argv[1], 2, 0);
	write_pupils(argv[1]);
	return 0;
}
