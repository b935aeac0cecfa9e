/*
 * template.c - track-assess --template, the data-entry grid: see
 * template.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/buf.h"
#include "base/strmap.h"
#include "record/records.h"
#include "template.h"
#include "template_int.h"

/* Copies a slice into the template's arena; returns its offset or -1. */
static long
keep(track_template *t, track_str s)
{
	return buf_append(&t->arena, s.ptr, s.len, 1);
}

int
assess_template_new(track_template **out, const track_scheme *s,
    const char *point, const char *subjects, const char *klass,
    track_error *err)
{
	track_template *t;

	*out = NULL;
	t = calloc(1, sizeof *t);
	if (t == NULL)
		return error_nomem(err);
	if (scheme_point_normalise(s, point, strlen(point), t->ptext,
	    sizeof t->ptext) <= 0) {
		free(t);
		return error_set(err, TRACK_EXIT_USAGE, NULL, 0, "--point: "
		    "unknown point \"%.80s%s\" (points are terms such as "
		    "2025-26.spring, or statutory points such as ks2)", point,
		    strlen(point) > 80 ? "..." : "");
	}
	t->s = s;
	t->point = point;
	t->subjects = subjects;
	t->klass = klass;
	t->kyear = t->kclass = -1;
	t->ns = scheme_subject_count(s);
	t->ta = scheme_measure_index(s, "", 0);
	t->ids = strmap_new();
	if (t->ids == NULL || keep(t, (track_str){ "", 0 }) < 0) {
		assess_template_free(t);
		return error_nomem(err);
	}
	*out = t;
	return 0;
}

int
assess_template_bind(track_template *t, track_assess *a, const track_str *h,
    size_t n, track_error *err)
{
	t->a = a;
	t->kyear = assess_col(a, A_YEAR);
	t->kclass = records_col(h, n, "class");
	t->pt = assess_point_intern(a, t->point, strlen(t->point));
	if (t->pt < 0)
		return error_nomem(err);
	return 0;
}

/* Adds pupil number t->np, new.  Returns 0 or -1 (out of memory). */
static int
add_pupil(track_template *t)
{
	struct tpupil *p;
	size_t i;

	if (t->np == t->cap) {
		size_t n = t->cap ? t->cap * 2 : 256;

		p = realloc(t->p, n * sizeof *p);
		if (p == NULL)
			return -1;
		t->p = p;
		t->cap = n;
	}
	p = &t->p[t->np++];
	memset(p, 0, sizeof *p);
	p->prevpt = malloc(t->ns * sizeof *p->prevpt);
	p->prev = calloc(t->ns, sizeof *p->prev);
	p->has = calloc(t->ns, 1);
	if (p->prevpt == NULL || p->prev == NULL || p->has == NULL)
		return -1;
	for (i = 0; i < t->ns; i++)
		p->prevpt[i] = -1;
	p->at = -1;
	return 0;
}

/*
 * Keeps the name, year and class of pupil `p` from record `o` (row
 * `row`): the name from any record that has one, the year and class as of
 * the pupil's latest.
 */
static void
keep_pupil(track_template *t, struct tpupil *p, const struct track_obs *o,
    const track_str *row)
{
	long kc = t->kyear, cc = t->kclass;

	if (o->name.len > 0 && keep(t, o->name) >= 0)
		p->name = t->arena.len - o->name.len - 1;
	if (p->at >= 0 && assess_point_cmp(t->a, o->point, p->at) < 0)
		return;
	p->at = o->point;
	if (kc >= 0 && row[kc].len > 0 && keep(t, row[kc]) >= 0)
		p->year = t->arena.len - row[kc].len - 1;
	if (cc >= 0 && row[cc].len > 0 && keep(t, row[cc]) >= 0)
		p->klass = t->arena.len - row[cc].len - 1;
}

int
assess_template_add(track_template *t, const struct track_obs *o,
    const track_str *row, track_error *err)
{
	char words[ASSESS_WORDS_MAX];
	struct tpupil *p;
	size_t n;
	long id;
	int added;

	id = strmap_intern(t->ids, o->pupil.ptr, o->pupil.len, &added);
	if (id < 0 || (added && add_pupil(t) != 0))
		return error_nomem(err);
	p = &t->p[id];
	keep_pupil(t, p, o, row);
	if (o->measure != t->ta || o->objective.len > 0)
		return 0;
	p->has[o->subject] = 1;
	if (assess_point_cmp(t->a, o->point, t->pt) >= 0)
		return 0;
	if (p->prevpt[o->subject] >= 0 &&
	    assess_point_cmp(t->a, o->point, p->prevpt[o->subject]) < 0)
		return 0;
	if (assess_own_words(t->a, o, words, sizeof words) < 0)
		return 0;
	n = strlen(words);
	if (keep(t, (track_str){ words, n }) < 0)
		return error_nomem(err);
	p->prev[o->subject] = t->arena.len - n - 1;
	p->prevpt[o->subject] = o->point;
	return 0;
}

/* Nonzero when pupil i is in the --class asked for (at their latest). */
static int
in_class(const track_template *t, size_t i)
{
	return t->klass == NULL || strcasecmp(t->arena.ptr + t->p[i].klass,
	    t->klass) == 0;
}

/*
 * Chooses the grid's subjects: --subjects, or those the grid's pupils
 * have teacher assessment in.  Returns 0, or fails with TRACK_EXIT_USAGE
 * (an unknown subject) or TRACK_EXIT_IO.
 */
static int
choose_subjects(track_template *t, track_error *err)
{
	size_t i, j, ns = t->ns;
	char **list;
	long k;

	t->subj = calloc(ns + 1, sizeof *t->subj);
	if (t->subj == NULL)
		return error_nomem(err);
	if (t->subjects == NULL) {
		for (i = 0; i < ns; i++)
			for (j = 0; j < t->np; j++)
				if (t->p[j].has[i] && in_class(t, j)) {
					t->subj[t->nsubj++] = (int)i;
					break;
				}
		return 0;
	}
	k = str_split(t->subjects, ',', &list);
	if (k < 0)
		return error_nomem(err);
	for (i = 0; i < (size_t)k && t->nsubj < ns; i++) {
		int si = scheme_subject_index(t->s, list[i], strlen(list[i]));

		if (si < 0) {
			error_set(err, TRACK_EXIT_USAGE, NULL, 0,
			    "--subjects: unknown subject \"%s\"", list[i]);
			free(list);
			return TRACK_EXIT_USAGE;
		}
		t->subj[t->nsubj++] = si;
	}
	free(list);
	return 0;
}

/* A pupil of the grid, as it sorts: class, name, then id. */
struct sortkey {
	const char *klass, *name, *id;
	size_t i;
};

static int
cmp_pupil(const void *x, const void *y)
{
	const struct sortkey *a = x, *b = y;
	int c = strcmp(a->klass, b->klass);

	if (c == 0)
		c = strcmp(a->name, b->name);
	if (c == 0)
		c = strcmp(a->id, b->id);
	return c;
}

/* The grid's header into f (5 + 2 * nsubj), its prev_ names into pn. */
static void
grid_header(const track_template *t, track_str *f,
    char (*pn)[5 + SCHEME_ID_MAX + 1])
{
	size_t k;

	f[0] = (track_str){ "pupil", 5 };
	f[1] = (track_str){ "name", 4 };
	f[2] = (track_str){ "year", 4 };
	f[3] = (track_str){ "class", 5 };
	f[4] = (track_str){ "point", 5 };
	for (k = 0; k < t->nsubj; k++) {
		const char *id = scheme_subject_id_at(t->s,
		    (size_t)t->subj[k]);

		snprintf(pn[k], sizeof pn[k], "prev_%s", id);
		f[5 + 2 * k] = (track_str){ id, strlen(id) };
		f[6 + 2 * k] = (track_str){ pn[k], strlen(pn[k]) };
	}
}

void
template_grid_row(const track_template *t, size_t i, track_str *f)
{
	const struct tpupil *p = &t->p[i];
	const char *a = t->arena.ptr;
	size_t k, off;

	f[0].ptr = strmap_key(t->ids, (long)i, &f[0].len);
	f[1] = (track_str){ a + p->name, strlen(a + p->name) };
	f[2] = (track_str){ a + p->year, strlen(a + p->year) };
	f[3] = (track_str){ a + p->klass, strlen(a + p->klass) };
	f[4] = (track_str){ t->ptext, strlen(t->ptext) };
	for (k = 0; k < t->nsubj; k++) {
		off = p->prev[t->subj[k]];
		f[5 + 2 * k] = (track_str){ "", 0 };
		f[6 + 2 * k] = p->prevpt[t->subj[k]] < 0 ?
		    (track_str){ "", 0 } :
		    (track_str){ a + off, strlen(a + off) };
	}
}

int
assess_template_write(track_template *t, track_writer *w, track_error *err)
{
	size_t nc, i, n;
	track_str *f = NULL;
	char (*pn)[5 + SCHEME_ID_MAX + 1] = NULL;
	struct sortkey *order = NULL;
	int rc;

	rc = choose_subjects(t, err);
	if (rc != 0)
		return rc;
	rc = TRACK_EXIT_IO;
	nc = 5 + 2 * t->nsubj;
	f = calloc(nc, sizeof *f);
	pn = calloc(t->nsubj + 1, sizeof *pn);
	order = calloc(t->np + 1, sizeof *order);
	if (f == NULL || pn == NULL || order == NULL) {
		error_nomem(err);
		goto out;
	}
	grid_header(t, f, pn);
	if (writer_workbook(w) == NULL && writer_header(w, f, nc, err) != 0)
		goto out;
	/* Only this class's pupils: their class at their latest record. */
	for (i = 0, n = 0; i < t->np; i++)
		if (in_class(t, i))
			order[n++] = (struct sortkey){
			    t->arena.ptr + t->p[i].klass,
			    t->arena.ptr + t->p[i].name,
			    strmap_key(t->ids, (long)i, NULL), i };
	qsort(order, n, sizeof *order, cmp_pupil);
	if (writer_workbook(w) != NULL) {
		size_t *ix = malloc((n + 1) * sizeof *ix);

		if (ix == NULL) {
			error_nomem(err);
			goto out;
		}
		for (i = 0; i < n; i++)
			ix[i] = order[i].i;
		rc = template_xlsx(t, writer_workbook(w), f, nc, ix, n, err);
		free(ix);
		goto out;
	}
	for (i = 0; i < n; i++) {
		template_grid_row(t, order[i].i, f);
		if (writer_row(w, f, nc, err) != 0)
			goto out;
	}
	rc = 0;
out:
	free(f);
	free(pn);
	free(order);
	return rc;
}

void
assess_template_free(track_template *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->np; i++) {
		free(t->p[i].prevpt);
		free(t->p[i].prev);
		free(t->p[i].has);
	}
	free(t->p);
	free(t->subj);
	strmap_free(t->ids);
	buf_free(&t->arena);
	free(t);
}
