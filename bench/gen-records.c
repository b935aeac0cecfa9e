/*
 * gen-records: write canonical track records for benchmarks.
 *
 *   gen-records [--part I/N] [ROWS [SEED]]
 *   gen-records --shape NAME ROWS
 *
 * Writes a header and exactly ROWS (default 2000000) records as CSV on
 * stdout:
 *
 *   pupil,name,year,subject,point,measure,value,gender,pp,send,eal,class
 *
 * Records come pupil by pupil.  Each pupil has 27 teacher assessments
 * (reading, writing and maths at the nine points 2023-24.autumn to
 * 2025-26.summer, values PK3-PK6, WTS, EXS or GDS) and 6 NFER scores
 * (reading and maths each summer, 70..140), so there are about ROWS/33
 * pupils.  pupil is a 13-character UPN-like id, unique for up to 10^12
 * pupils; name is "Surname, Forename", so every row has a quoted comma;
 * year runs 1..4 in 2023-24 and moves up each year, so 1..6 overall.
 *
 * With --part I/N it writes only pupils I, I+N, I+2N, ... (counting from
 * 0) of those ROWS records, with the header: N parts, each a pupil shard,
 * hold between them exactly the records of the whole, so a national-size
 * set can be made part by part on several cores and never stored.
 *
 * With --shape it writes ROWS records (same columns) in one of the shapes
 * that stress a report's grouping rather than its parsing (bench/shapes
 * times every program on them at several sizes, so that growth faster
 * than the input shows):
 *
 *   points  a new point every 10 records (ROWS/10 points, 10 pupils each,
 *           reading TA): --over point, --across point
 *   groups  a new class every 4 records (ROWS/4 groups): --by class
 *   cell    ROWS pupils in one class, half assessed in autumn and half in
 *           summer: one big cell, --pupils, a matrix of one cell
 *   names   200-byte pupil ids sharing a 190-byte prefix and 1000-byte
 *           names: long keys and long name lists
 *   dups    ROWS/100 record identities, each written 100 times: many
 *           superseded records
 *
 * The output depends only on ROWS and SEED (default 1): the generator is
 * splitmix64, seeded afresh for each pupil from SEED and the pupil's
 * number, with integer arithmetic only.  It streams through one
 * fixed buffer, with no allocation per row, so any ROWS is fine.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OUTBUF (1 << 20)
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char *const points[] = {
	"2023-24.autumn", "2023-24.spring", "2023-24.summer",
	"2024-25.autumn", "2024-25.spring", "2024-25.summer",
	"2025-26.autumn", "2025-26.spring", "2025-26.summer",
};
static const char *const subjects[] = { "reading", "writing", "maths" };
/* Girls' names, then as many boys' names. */
static const char *const forenames[] = {
	"Olivia", "Amelia", "Isla", "Ava", "Ivy", "Freya", "Lily", "Florence",
	"Grace", "Daisy", "Aisha", "Fatima", "Zoë", "Siân", "Chloé", "Niamh",
	"Noah", "Oliver", "George", "Leo", "Arthur", "Oscar", "Henry", "Jack",
	"Muhammad", "Ibrahim", "José", "Seán", "Łukasz", "Jakub", "Kwame",
	"Rhys",
};
static const char *const surnames[] = {
	"Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans",
	"Wilson", "Thomas", "Johnson", "Roberts", "Walker", "Wright", "Khan",
	"Ahmed", "Patel", "Singh", "Hussain", "O'Brien", "O'Connor", "Nowak",
	"Wójcik", "Okafor", "Mensah", "Sánchez", "Nguyen", "Chen", "Kelly",
	"Murphy", "Lewis-Hughes", "Ali", "Green",
};

static char out[OUTBUF];
static size_t outlen;
static uint64_t rng;

static uint64_t rnd(void)
{
	uint64_t z = (rng += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/*
 * An approximately normal integer, mean 0, SD about 1000: the sum of the
 * four 16-bit quarters of one random word, centred and scaled.
 */
static int gauss(void)
{
	uint64_t r = rnd();
	long s = 0;

	for (int i = 0; i < 4; i++, r >>= 16)
		s += (long)(r & 0xFFFF);
	return (int)((s - 131070) * 1000 / 37837);
}

/* Write the buffer out; a failed write ends the program. */
static void flush(void)
{
	if (outlen && fwrite(out, 1, outlen, stdout) != outlen) {
		if (errno != EPIPE)
			perror("gen-records: write");
		exit(3);
	}
	outlen = 0;
}

static void put(const char *s, size_t n)
{
	if (outlen + n > OUTBUF)
		flush();
	memcpy(out + outlen, s, n);
	outlen += n;
}

/* (a * b) mod 10^12 for a, b < 10^12, without overflow. */
static uint64_t mulmod12(uint64_t a, uint64_t b)
{
	const uint64_t m = 1000000000000ULL;
	uint64_t hi = b / 1000000, lo = b % 1000000;

	return ((a * hi % m) * 1000000 % m + a * lo % m) % m;
}

struct pupil {
	char prefix[128];	/* pupil,"name",year, (year filled per point) */
	size_t idlen;		/* bytes up to and including the name's , */
	char gender, pp, send, eal;
	char form;		/* class letter: A or B */
	int year0;		/* year group in 2023-24 */
	int latent;
};

/*
 * Make pupil number i: an id that is a bijection of i mod 10^12 (the
 * multiplier is odd and not a multiple of 5), a name and
 * characteristics.
 */
static void make_pupil(struct pupil *p, uint64_t i, uint64_t offset)
{
	static const char letters[] = "ABCDEFGHJKLMNPQRTUVWXYZ";
	const size_t half = NELEM(forenames) / 2;
	uint64_t id = (mulmod12(i % 1000000000000ULL, 614889782588491ULL) +
	    offset) % 1000000000000ULL;
	unsigned check = 0;
	const char *sur, *fore;
	int n;

	/* The check letter follows DfE's rule: digit k weighs k + 1. */
	for (uint64_t d = id, k = 13; k >= 2; k--, d /= 10)
		check += (unsigned)(d % 10 * k);
	/* One rnd() per statement: argument order is unspecified. */
	p->gender = rnd() & 1 ? 'F' : 'M';
	sur = surnames[rnd() % NELEM(surnames)];
	fore = forenames[rnd() % half + (p->gender == 'F' ? 0 : half)];
	n = snprintf(p->prefix, sizeof(p->prefix), "%c%012llu,\"%s, %s\",",
	    letters[check % 23], (unsigned long long)id, sur, fore);
	p->idlen = (size_t)n;
	p->pp = rnd() % 4 == 0 ? 'Y' : 'N';
	n = (int)(rnd() % 1000);
	p->send = n < 25 ? 'E' : n < 155 ? 'K' : 'N';
	p->eal = rnd() % 5 == 0 ? 'Y' : 'N';
	p->year0 = 1 + (int)(rnd() % 4);
	p->form = rnd() & 1 ? 'A' : 'B';
	p->latent = gauss() - (p->pp == 'Y' ? 450 : 0) -
	    (p->send == 'K' ? 1000 : p->send == 'E' ? 1900 : 0);
}

/* The teacher assessment for a score in thousandths of an SD. */
static const char *ta_value(int v)
{
	static const char *const pk[] = { "PK3", "PK4", "PK5", "PK6" };
	int k;

	if (v >= 900)
		return "GDS";
	if (v >= -900)
		return "EXS";
	if (v >= -2100)
		return "WTS";
	k = 3 - (-2100 - v) / 350;
	return pk[k < 0 ? 0 : k];
}

/* Writes one record of a --shape: the columns of the header below. */
static void shape_row(const char *pupil, const char *name, const char *point,
    const char *value, const char *class)
{
	put(pupil, strlen(pupil));
	put(",\"", 2);
	put(name, strlen(name));
	put("\",4,reading,", 12);
	put(point, strlen(point));
	put(",ta,", 4);
	put(value, strlen(value));
	put(",F,N,N,N,", 9);
	put(class, strlen(class));
	put("\n", 1);
}

/* Writes ROWS records of shape `name` (see the top); 2 when unknown. */
static int shape(const char *name, unsigned long long rows)
{
	static const char *const vals[] = { "WTS", "EXS", "EXS", "GDS" };
	static char id[256], nm[1100], pt[32], cls[32];
	unsigned long long i;

	if (strcmp(name, "points") && strcmp(name, "groups") &&
	    strcmp(name, "cell") && strcmp(name, "names") &&
	    strcmp(name, "dups")) {
		fprintf(stderr, "gen-records: unknown shape %s (points, "
		    "groups, cell, names or dups)\n", name);
		return 2;
	}
	memset(nm, 'n', 1000);
	nm[1000] = '\0';
	for (i = 0; i < rows; i++) {
		const char *v = vals[rnd() % 4];

		snprintf(pt, sizeof pt, "2025-26.summer");
		snprintf(cls, sizeof cls, "A");
		if (!strcmp(name, "points")) {
			snprintf(id, sizeof id, "P%llu", i % 10);
			snprintf(pt, sizeof pt, "p%09llu", i / 10);
			shape_row(id, "Pupil", pt, v, cls);
		} else if (!strcmp(name, "groups")) {
			snprintf(id, sizeof id, "P%llu", i);
			snprintf(cls, sizeof cls, "g%llu", i / 4);
			shape_row(id, "Pupil", pt, v, cls);
		} else if (!strcmp(name, "cell")) {
			snprintf(id, sizeof id, "P%llu", i / 2);
			if (i % 2 == 0)
				snprintf(pt, sizeof pt, "2025-26.autumn");
			shape_row(id, "Pupil", pt, v, cls);
		} else if (!strcmp(name, "names")) {
			memset(id, 'x', 190);
			snprintf(id + 190, sizeof id - 190, "%010llu", i);
			shape_row(id, nm, pt, v, cls);
		} else {
			snprintf(id, sizeof id, "P%llu", i % (rows / 100 + 1));
			shape_row(id, "Pupil", pt, v, cls);
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	static const char header[] = "pupil,name,year,subject,point,measure,"
	    "value,gender,pp,send,eal,class\n";
	unsigned long long rows = 2000000, seed = 1, done = 0, part = 0,
	    parts = 1, pupils;
	uint64_t offset, base;
	char *end;

	if (argc == 4 && strcmp(argv[1], "--shape") == 0) {
		int rc;

		rows = strtoull(argv[3], &end, 10);
		if (*end || end == argv[3]) {
			fprintf(stderr, "gen-records: bad ROWS: %s\n", argv[3]);
			return 2;
		}
		rng = 1;
		put(header, sizeof(header) - 1);
		rc = shape(argv[2], rows);
		flush();
		if (rc == 0 && (fflush(stdout) || ferror(stdout)))
			rc = 3;
		return rc;
	}
	if (argc > 2 && strcmp(argv[1], "--part") == 0) {
		if (sscanf(argv[2], "%llu/%llu", &part, &parts) != 2 ||
		    parts == 0 || part >= parts) {
			fprintf(stderr, "gen-records: bad --part %s (give I/N, "
			    "0 <= I < N)\n", argv[2]);
			return 2;
		}
		argc -= 2;
		argv += 2;
	}
	if (argc > 3 || (argc > 1 && argv[1][0] == '-')) {
		fprintf(stderr, "usage: gen-records [--part I/N] [ROWS [SEED]]\n"
		    "       gen-records --shape NAME ROWS\n");
		return 2;
	}
	errno = 0;
	if (argc > 1)
		rows = strtoull(argv[1], &end, 10);
	if (argc > 1 && (errno || *end || end == argv[1])) {
		fprintf(stderr, "gen-records: bad ROWS: %s\n", argv[1]);
		return 2;
	}
	if (argc > 2)
		seed = strtoull(argv[2], &end, 10);
	if (argc > 2 && (errno || *end || end == argv[2])) {
		fprintf(stderr, "gen-records: bad SEED: %s\n", argv[2]);
		return 2;
	}
	rng = seed;
	offset = rnd() % 1000000000000ULL;
	base = rnd();
	put(header, sizeof(header) - 1);
	/* 33 records a pupil; the last pupil may be cut short. */
	pupils = (rows + 32) / 33;
	for (uint64_t i = part; i < pupils; i += parts) {
		struct pupil p;
		int offs[NELEM(subjects)];

		/* Each pupil's records depend on SEED and i alone. */
		rng = base ^ (i * 0xd1b54a32d192ed03ULL);
		(void)rnd();
		done = i * 33;
		make_pupil(&p, i, offset);
		for (size_t s = 0; s < NELEM(subjects); s++)
			offs[s] = gauss() * 2 / 5;
		for (size_t t = 0; t < NELEM(points) && done < rows; t++) {
			int year = p.year0 + (int)(t / 3);
			char suffix[32], num[8];
			size_t slen, plen = strlen(points[t]);

			p.prefix[p.idlen] = (char)('0' + year);
			p.prefix[p.idlen + 1] = ',';
			slen = (size_t)snprintf(suffix, sizeof(suffix),
			    ",%c,%c,%c,%c,%d%c\n", p.gender, p.pp, p.send,
			    p.eal, year, p.form);
			/* s 0..2: ta per subject; 3, 4: nfer reading, maths */
			for (size_t s = 0; s < NELEM(subjects) + 2; s++) {
				int nfer = s >= NELEM(subjects);
				size_t subj = nfer ? (s == 3 ? 0 : 2) : s;
				int v = p.latent + offs[subj] + gauss() / 4;
				const char *val, *sub = subjects[subj];

				if (done >= rows || (nfer && t % 3 != 2))
					continue;
				if (nfer) {
					int score = 100 + v * 15 / 1000;

					score = score < 70 ? 70 : score;
					score = score > 140 ? 140 : score;
					snprintf(num, sizeof(num), "%d", score);
					val = num;
				} else {
					val = ta_value(v);
				}
				put(p.prefix, p.idlen + 2);
				put(sub, strlen(sub));
				put(",", 1);
				put(points[t], plen);
				put(nfer ? ",nfer," : ",ta,", nfer ? 6 : 4);
				put(val, strlen(val));
				put(suffix, slen);
				done++;
			}
		}
	}
	flush();
	if (fflush(stdout) || ferror(stdout)) {
		if (errno != EPIPE)
			perror("gen-records: write");
		return 3;
	}
	return 0;
}
