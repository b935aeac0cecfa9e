/*
 * template.h - track-assess --template: the data-entry grid for one point.
 *
 * The grid has a row a pupil (optionally only those of one class) and,
 * for each subject, an empty column for the teacher's judgement at the
 * point and a prev_ column with the pupil's latest teacher assessment
 * before it, as a hint:
 *
 *   pupil,name,year,class,point,reading,prev_reading,...
 *   P01,Ann Lee,4,4B,2025-26.spring,,Y3 EXS,...
 *
 * A template is made for a point (assess_template_new), bound to the
 * assessor of the input (assess_template_bind), told every good record
 * (assess_template_add), and written at the end (assess_template_write),
 * pupils in order of class, name and id.  A pupil's name, year and class
 * are those of their latest record.
 *
 * Ownership: assess_template_new returns a template the caller frees
 * with assess_template_free.  It borrows the scheme, the option strings
 * and the assessor, which must outlive it; what it keeps of the records
 * it copies.
 */
#ifndef TRACK_TEMPLATE_H
#define TRACK_TEMPLATE_H

#include <stddef.h>

#include "base/error.h"
#include "base/str.h"
#include "record/writer.h"
#include "scheme/scheme.h"
#include "assess.h"

typedef struct track_template track_template;

/*
 * Makes a template for point `point` (as given: --point) of scheme `s`,
 * with the subjects in `subjects` (comma-separated ids: --subjects; NULL
 * for those the pupils have teacher assessment in) and only the pupils of
 * class `klass` (compared without case: --class; NULL for all).  Fails
 * with TRACK_EXIT_USAGE when the scheme does not know the point, with
 * TRACK_EXIT_IO when out of memory.
 */
int assess_template_new(track_template **out /* OUT */, const track_scheme *s,
    const char *point, const char *subjects, const char *klass,
    track_error *err);

/*
 * Binds the template to the input read by assessor `a`, whose header is
 * `h` (n names: the class is taken from a "class" column).  Fails with
 * TRACK_EXIT_IO (out of memory).
 */
int assess_template_bind(track_template *t, track_assess *a,
    const track_str *h, size_t n, track_error *err);

/*
 * Notes one good record, observation `o` of input row `row`: the pupil,
 * and their judgement when it is teacher assessment before the point and
 * later than the one held.  Fails with TRACK_EXIT_IO (out of memory).
 */
int assess_template_add(track_template *t, const struct track_obs *o,
    const track_str *row, track_error *err);

/*
 * Writes the grid to `w`.  Fails with TRACK_EXIT_USAGE when --subjects
 * names a subject the scheme does not know (before writing anything),
 * and with TRACK_EXIT_IO (out of memory, or writing failed: see
 * writer_broken_pipe for a closed pipe).
 */
int assess_template_write(track_template *t, track_writer *w,
    track_error *err);

/* Frees the template.  `t` may be NULL. */
void assess_template_free(track_template *t);

#endif
