/*
 * matrix_int.h - the inside of a progress matrix (see matrix.h), shared
 * by matrix.c (options, reading the records, building the grids) and
 * matrix_out.c (the grids as a long table, JSON or text).  Nothing
 * outside lib/report/matrix*.c includes it; its functions carry the
 * prefix mx_.
 */
#ifndef TRACK_MATRIX_INT_H
#define TRACK_MATRIX_INT_H

#include <stddef.h>
#include <stdint.h>

#include "matrix.h"
#include "pnames.h"
#include "assess/assess.h"
#include "base/buf.h"
#include "base/chains.h"
#include "base/strmap.h"
#include "base/u64map.h"

#define MAXTERMS 8
#define MAXBINS 32

enum { FROM, TO };

/* Category classes, in row and column order. */
enum { C_OOY, C_IN, C_NA, C_NONE };

struct term {
	char *field, *value;
	long col;		/* other columns: header index */
	long point;		/* point: assessor id */
	int index;		/* subject, measure: scheme index */
};

struct sel {
	char *spec;
	struct term t[MAXTERMS];
	size_t nt;
	int subject, measure;	/* -1: free */
	char *point;		/* NULL: free */
	long point_id;
};

struct cat {
	int cls;
	double a;
	int b;
	char id[ASSESS_WORDS_MAX];	/* own words, a code, a bin, a band */
};

struct ment {
	uint32_t pupil;
	int16_t subj;
	int32_t point;
	int32_t cat;
	int16_t band;
	int32_t step;		/* code index or bin, for movement */
	int8_t stepkind;	/* 0 band, 1 code, 2 bin, 3 out-of-year code */
	int16_t against;	/* stepkind 3: the curriculum assessed */
	const track_scale *scale;
};

struct mcell {
	long long n;
	size_t *names;		/* offsets in m->disp */
	size_t nn, cap;
};

struct side {
	struct cat *cat;
	size_t ncat, ccap;
	track_strmap *catmap;	/* cls + id -> index */
	/*
	 * The entries, one per identity (pupil, point, subject), the
	 * last record's.  With a point on each side, a pupil has one a
	 * subject, found on the pupil's chain (see chains.h); otherwise
	 * one for each point, found by their key in emap.
	 */
	track_u64map *emap;	/* point_free: ment_key -> entry */
	track_chains chain;	/* else: pupil -> their entries */
	struct ment *ent;
	size_t nent, ecap;
	/*
	 * What categorise and cat_of gave a row, by its row-cache
	 * signature (track_obs.sig): rows with the same one have the same
	 * category and step.  cat1 is the category + 1; 0: not yet known.
	 */
	struct smemo {
		int32_t cat1, step;
		int16_t against;
		int8_t stepkind;
	} *memo;
	size_t mcap;
};

/* One matrix: a subject (or the pair of subjects). */
struct grid {
	int subj;
	long *rows, *cols;	/* category indexes in order; -1: none */
	size_t nrows, ncols;
	long *rpos, *cpos;	/* category + 1 -> its row or column, or -1 */
	struct mcell *cell;	/* nrows * ncols */
	long long up, same, down;
};

struct track_matrix {
	const track_scheme *s;
	struct matrix_opts o;
	struct sel sel[2];
	int subject_axis;	/* a selector names subjects */
	int point_free;
	double bins[MAXBINS];
	size_t nbins;
	track_assess *a;
	long point;		/* the point pairs are made at, when free */
	struct pnames pn;	/* pupils, and names with --pupils */
	track_buf disp;
	struct side side[2];
	struct grid *grid;
	size_t ngrid;
	long *gidx;		/* subject slot -> grid index, or -1 */
	int built;
};

/*
 * Pairs the two sides, lays out the grids and counts, once.  Returns 0
 * or TRACK_EXIT_IO (out of memory, err filled).
 */
int mx_build(track_matrix *m, track_error *err);

#endif
