/*
 * template_int.h - private to lib/assess: the body of a track_template,
 * for template.c and the workbook grid (template_xlsx.c).
 */
#ifndef TRACK_TEMPLATE_INT_H
#define TRACK_TEMPLATE_INT_H

#include <stddef.h>

#include "base/buf.h"
#include "base/strmap.h"
#include "template.h"

/* One pupil of the grid, with the latest judgement before the point. */
struct tpupil {
	size_t name, year, klass;	/* arena offsets */
	long at;			/* the point they came from, or -1 */
	long *prevpt;			/* per subject: point id, or -1 */
	size_t *prev;			/* per subject: arena offset */
	unsigned char *has;		/* per subject: any teacher assessment */
};

struct track_template {
	const track_scheme *s;
	track_assess *a;		/* NULL until bound */
	const char *point;		/* --point, as given */
	char ptext[SCHEME_POINT_MAX];	/* --point, spelt canonically */
	const char *subjects;		/* --subjects, or NULL */
	const char *klass;		/* --class, or NULL */
	long pt;			/* the point's id */
	long kyear, kclass;		/* the year and class columns, or -1 */
	size_t ns;			/* the scheme's subjects */
	int ta;				/* the teacher-assessment measure */

	track_strmap *ids;		/* pupil -> index into p */
	struct tpupil *p;
	size_t np, cap;
	int *subj;			/* the grid's subjects */
	size_t nsubj;
	track_buf arena;		/* starts with "" at offset 0 */
};

/* Pupil `i`'s row of the grid into f (5 + 2 * nsubj fields). */
void template_grid_row(const track_template *t, size_t i, track_str *f);

/*
 * Writes the grid into workbook `book` as template.h describes: header
 * `f` (nc names), then the pupils `pupils` (n indices, in order).
 * Returns 0 or fails with TRACK_EXIT_IO.
 */
struct lxw_workbook;
int template_xlsx(const track_template *t, struct lxw_workbook *book,
    const track_str *f, size_t nc, const size_t *pupils, size_t n,
    track_error *err);

#endif
