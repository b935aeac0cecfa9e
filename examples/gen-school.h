/*
 * gen-school.h: what gen-school.c shares with the other schools'
 * generators (gen-school2.c): the PRNG, names and ids, Windows-1252 and
 * the output files.  gen-school.c defines all of it; see its comment for
 * how each works.  Every pupil id and name made by any school is
 * remembered, so no two schools share one.
 */
#ifndef GEN_SCHOOL_H
#define GEN_SCHOOL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Names of one heritage: weight per mille of pupils, eal per mille EAL. */
struct heritage {
	int weight, eal;
	const char *const *girls, *const *boys, *const *surnames;
};

/* The English school's heritages, nheritages of them. */
extern const struct heritage heritages[];
extern const size_t nheritages;

/* The PRNG: set rng_state to a school's seed before making it. */
extern uint64_t rng_state;
uint64_t rnd(void);
int below(int n);
int chance(int permille);
int gauss(int sd);
int clamp(int v, int lo, int hi);
int quantile(int *buf, int n, int permille);

/* A UPN of LA 999 (14 bytes with the NUL), unique among all ids made. */
void make_upn(char *upn, int estab, int yy);
/* A heritage, EAL and a name no other pupil has (see gen-school.c). */
void make_name(const struct heritage *hs, size_t nh, char gender,
    int need1252, const char **surname, const char **forename, char *eal);
/* UTF-8 to Windows-1252 in out; -1 when a character has no 1252 byte. */
int to_cp1252(const char *in, char *out, size_t outsz);
int days_in(int y, int m);
/* Birth month (0 September) and date of birth, Year y in 2025-26. */
void make_dob(int y, int *bmonth, int *dob);

/* Files: exit with a message on any failure. */
FILE *open_out(const char *dir, const char *name, char *path, size_t pathsz);
void close_out(FILE *f, const char *path);
void make_dir(const char *dir);

/* Riverside Primary (gen-school2.c): its exports into dir. */
void school2(const char *dir);

#endif
