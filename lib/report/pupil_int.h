/*
 * pupil_int.h - the inside of track-pupil's reader (see pupil.h), shared
 * by pupil.c (gathering the records) and pupil_out.c (profiles, flags and
 * their formats).  Nothing else includes it but the Check suite.
 */
#ifndef TRACK_PUPIL_INT_H
#define TRACK_PUPIL_INT_H

#include <stdint.h>

#include "pupil.h"
#include "assess/assess.h"
#include "base/buf.h"
#include "base/strmap.h"
#include "base/u64map.h"
#include "rtable.h"

/* An identity: pupil, subject, measure and point (no padding). */
struct ikey {
	uint32_t pupil;		/* index of the pupil, in order first seen */
	int16_t subject, measure;
	int32_t point;		/* the assessor's point id */
};

/* The last record of an identity. */
struct pent {
	struct ikey k;
	int16_t band;		/* band index, or -1 */
	int16_t own;		/* out of year: the code's band on its own
				   curriculum ("Y3 EXS" is at); else band */
	int16_t against;	/* the year or list assessed against */
	uint8_t na;		/* a not-assessed code */
	uint8_t ooy;		/* enum assess_ooy */
	uint32_t words;		/* its own words, an id in `words` */
};

/*
 * An objective's judgement: the last record of a pupil, subject,
 * objective and point (pupil_obj.c).
 */
struct oent {
	uint32_t pupil;
	int16_t subject;
	uint8_t secure;		/* at the standard or above */
	int32_t point;
	uint32_t obj;		/* the objective, an id in objids */
	uint32_t oi;		/* the pupil, subject and objective's id */
	int32_t list;		/* its list: a year index, 1000 + a custom
				   list's, or -1 */
};

/*
 * What the records of one o->sig share (words_of): their words and their
 * "what", the id of their subject, measure and point, each + 1 (0: not
 * worked out yet).
 */
struct psig {
	uint32_t words, what;
};

/* A pupil: name, year and groups from their last record with them. */
struct pinfo {
	uint32_t name;		/* an id in `gvals`; 0: none */
	uint32_t dob;		/* date of birth, an id in `gvals`; 0: none */
	int year;		/* scheme year index, or -1 */
	uint32_t *g;		/* per group column, an id in `gvals` */
};

struct track_pupils {
	const track_scheme *s;
	struct pupil_opts o;
	track_assess *a;
	int want_year;		/* --year's index, or -1 */
	long gclass;		/* the class column's group index, or -1 */
	long dobcol;		/* the dob column, or -1 */
	track_strmap *only;	/* --pupil's ids */

	track_strmap *pupils;	/* pupil id -> index into pi */
	struct pinfo *pi;
	size_t npi, picap;
	long *gcol;		/* the group columns, in header order */
	char **gname;
	size_t ngroups;
	track_strmap *gvals;	/* names and group values */

	/* pupil_expect: the input's size, and the first rows' bytes */
	uint64_t bytes;		/* 0: not known, or the table is sized */
	uint64_t exp_rows, exp_bytes;
	size_t nfields;		/* the header's */

	track_u64map *ids;	/* (pupil, what) -> index into e */
	struct pent *e;
	size_t ne, ecap;
	track_u64map *whats;	/* packed subject, measure, point -> what */
	track_strmap *words;	/* values in their own words */
	struct psig *bysig;	/* by a record's o->sig: see words_of */
	size_t nbysig, sigcap;
	long lastpupil;		/* the last record's pupil, or -1 */

	track_strmap *objids;	/* objectives */
	track_u64map *oids;	/* (pupil, subject, objective) -> id */
	track_u64map *opts;	/* (that id, point) -> index into oe */
	struct oent *oe;
	size_t noe, oecap;
	int obj_done;		/* their entries are made (pupil_write) */
};

/* The measure of the objectives' entries, above any scheme measure's. */
#define PM_OBJECTIVES 255

/*
 * Keeps objective record `o` of pupil `pid`.  Returns 0, 1 when there
 * are too many objectives, or -1 when out of memory.
 */
int pupil_obj_row(track_pupils *p, const struct track_obs *o, long pid);

/*
 * Adds each pupil's objectives secured, per subject and point, to the
 * entries (once).  Returns 0 or -1 (out of memory).
 */
int pupil_obj_entries(track_pupils *p);

/* A measure's id and label, PM_OBJECTIVES's too ("objectives"). */
const char *pupil_meas_id(const track_pupils *p, int m);
const char *pupil_meas_label(const track_pupils *p, int m);

/* The parts of an identity's packed key: 32 + 10 + 8 + 14 bits. */
#define PK_SUBJECT_MAX 1023
#define PK_MEASURE_MAX 254
#define PK_POINT_MAX 16383

/* What the writing works with: the order, and the terms that matter. */
struct view {
	track_pupils *p;
	size_t *ord;		/* entries, in output order */
	int *prank;		/* point id -> its place in scheme order */
	char **plabel;		/* point id -> its label ("Summer 2025-26"),
				   or its id when the scheme has none */
	size_t npoints;
	size_t n;		/* the entries of the pupils chosen */
	long last, prev;	/* the latest term of the records, the one
				   before it; -1: none */
	int ta;			/* the measure index of teacher assessment */
};

/* pupil_out.c: the view (free it with view_free even when this fails). */
int view_make(struct view *v, track_pupils *p);
void view_free(struct view *v);
/*
 * Puts v->ord in output order (view_make does): by counting, or with
 * `counting` 0 the slower way it falls back to (for the tests).
 */
int view_sort(struct view *v, int counting);
/* Point `point`'s label, made once by view_make. */
const char *view_point_label(const struct view *v, long point);
/* The end of the run of entries of the pupil at ord[from]. */
size_t pupil_end(const struct view *v, size_t from);
/*
 * Where each piece of a long table starts (*n pieces, then v->n): runs of
 * whole pupils of about PIECE entries (a few more).  NULL when out of
 * memory.
 */
#define PIECE 4096
size_t *pupil_pieces(const struct view *v, size_t *n);
/* The flags table, empty; and the flags of entries ord[from..to). */
track_rtable *flags_table(void);
/* flags_table()'s columns, in order. */
enum flag_col {
	FC_PUPIL, FC_NAME, FC_YEAR, FC_REASON, FC_SUBJECT, FC_MEASURE,
	FC_POINT, FC_EVIDENCE
};
int flags_of(track_rtable *t, const struct view *v, size_t from, size_t to);

/*
 * pupil_transition.c: --transition's table, CSV long or one block per
 * pupil, or its JSON documents; pupil_ctf.c: -F ctf.  Each returns 0 or
 * the writer's error (err filled).
 */
int pupil_transition_write(struct view *v, track_writer *w,
    enum track_format fmt, track_error *err);
int pupil_ctf_write(struct view *v, track_writer *w, track_error *err);

/*
 * Nonzero when `id` is shaped like a UPN: 13 characters, a letter, 11
 * digits, then a digit or a letter (a temporary UPN).
 */
int pupil_upn_shaped(const char *id, size_t len);

/* Text `id` of the names and group values (gvals). */
static inline const char *
pupil_gval(const track_pupils *p, uint32_t id)
{
	size_t len;

	return strmap_key(p->gvals, (long)id, &len);
}

#endif
