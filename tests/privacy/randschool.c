/*
 * randschool SEED DIR - writes a small random school for the attack test:
 * DIR/records.csv (teacher assessment in reading, writing and maths at
 * three points, t1 to t3) and DIR/roll.csv (every pupil, with a few who
 * have no records at all), and prints the suppression threshold to use.
 * Pupil ids and points carry the seed ("s7-P001", "s7.t1"), so that many
 * schools can share one file: each point of each school is then a slice
 * of its own, decided and attacked on its own.
 *
 * The schools are built so that suppression really happens: 6 to 90
 * pupils, rare SEND and EAL values, blank characteristics now and then,
 * absent (A, counted) and disapplied (D, excluded) codes, and missing
 * judgements.  The same seed always gives the same school.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t state;

/* splitmix64: the same numbers on every machine. */
static uint64_t
next(void)
{
	uint64_t z = (state += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* A whole number in [0, n). */
static unsigned
pick(unsigned n)
{
	return (unsigned)(next() % n);
}

/* Chooses by weights in per cent; the last takes what is left. */
static const char *
choose(const char *const *v, const unsigned *w, size_t n)
{
	unsigned r = pick(100), acc = 0;
	size_t i;

	for (i = 0; i + 1 < n; i++) {
		acc += w[i];
		if (r < acc)
			return v[i];
	}
	return v[n - 1];
}

int
main(int argc, char **argv)
{
	static const char *const subj[] = { "reading", "writing", "maths" };
	static const char *const pts[] = { "t1", "t2", "t3" };
	static const char *const ynv[] = { "N", "Y", "" };
	static const char *const sendv[] = { "N", "K", "E", "" };
	static const char *const gv[] = { "F", "M", "" };
	static const char *const val[] = { "WTS", "EXS", "GDS", "PK3", "A",
	    "D" };
	static const unsigned valw[] = { 24, 50, 15, 4, 4, 3 };
	static const int mins[] = { 3, 5, 5, 6, 10 };
	unsigned pp_w[3], send_w[4], eal_w[3], g_w[3] = { 48, 49, 3 };
	char path[4096];
	FILE *rec, *roll;
	unsigned np, extra, i, s, p, years, y0;
	unsigned long long seed;

	if (argc != 3) {
		fprintf(stderr, "usage: randschool SEED DIR\n");
		return 2;
	}
	seed = strtoull(argv[1], NULL, 10);
	state = seed * 2654435761ULL + 12345;
	snprintf(path, sizeof path, "%s/records.csv", argv[2]);
	rec = fopen(path, "w");
	snprintf(path, sizeof path, "%s/roll.csv", argv[2]);
	roll = fopen(path, "w");
	if (rec == NULL || roll == NULL) {
		perror(argv[2]);
		return 1;
	}
	np = 6 + pick(85);
	extra = pick(4);
	years = 1 + pick(6);
	y0 = 1 + pick(7 - years);
	pp_w[0] = 60 + pick(30);
	pp_w[1] = 97 - pp_w[0];
	send_w[0] = 78 + pick(15);
	send_w[2] = 1 + pick(5);
	send_w[1] = 98 - send_w[0] - send_w[2];
	eal_w[0] = 80 + pick(17);
	eal_w[1] = 98 - eal_w[0];
	fprintf(rec, "pupil,name,year,gender,pp,send,eal,subject,point,"
	    "measure,value\n");
	fprintf(roll, "pupil,name,year,gender,pp,send,eal\n");
	for (i = 0; i < np + extra; i++) {
		char id[64], row[300];
		unsigned y = y0 + pick(years);

		snprintf(id, sizeof id, "s%llu-P%03u", seed, i + 1);
		snprintf(row, sizeof row, "%s,Pupil %u,%u,%s,%s,%s,%s", id,
		    i + 1, y, choose(gv, g_w, 3), choose(ynv, pp_w, 3),
		    choose(sendv, send_w, 4), choose(ynv, eal_w, 3));
		fprintf(roll, "%s\n", row);
		if (i >= np)
			continue;	/* on roll, never assessed */
		for (s = 0; s < 3; s++)
			for (p = 0; p < 3; p++) {
				if (pick(100) < 6)
					continue;	/* not judged yet */
				fprintf(rec, "%s,%s,s%llu.%s,ta,%s\n", row,
				    subj[s], seed, pts[p], choose(val, valw,
				    6));
			}
	}
	printf("%d\n", mins[pick(5)]);
	return fclose(rec) != 0 || fclose(roll) != 0;
}
