/* matrix.c - progress matrices; see matrix.h. */
#include "matrix.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/str.h"
#include "assess/assess.h"
#include "base/buf.h"
#include "record/records.h"
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
	track_u64map *emap;
	struct ment *ent;
	size_t nent, ecap;
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
	track_strmap *pupil_ids;
	char last[32];		/* the previous pupil and their id */
	size_t lastlen;
	long lastid;
	size_t *pname;
	size_t pcap;
	track_buf disp;
	struct side side[2];
	struct grid *grid;
	size_t ngrid;
	long *gidx;		/* subject slot -> grid index, or -1 */
	int built;
};

/* Parses a selector "field=value[,field=value]". */
static int
parse_sel(track_matrix *m, struct sel *sl, const char *spec, const char *opt,
    track_error *err)
{
	const char *p = spec, *comma, *eq;

	sl->spec = strdup(spec);
	sl->subject = sl->measure = -1;
	if (sl->spec == NULL)
		return error_nomem(err);
	while (*p) {
		struct term *t;

		comma = strchr(p, ',');
		if (comma == NULL)
			comma = p + strlen(p);
		eq = memchr(p, '=', (size_t)(comma - p));
		if (eq == NULL || eq == p || sl->nt == MAXTERMS)
			return error_set(err, TRACK_EXIT_USAGE, NULL, 0,
			    "%s \"%s\": write field=value[,field=value], e.g. "
			    "point=2025-26.autumn", opt, spec);
		t = &sl->t[sl->nt++];
		t->field = strndup(p, (size_t)(eq - p));
		t->value = strndup(eq + 1, (size_t)(comma - eq - 1));
		t->col = t->point = -1;
		if (t->field == NULL || t->value == NULL)
			return error_nomem(err);
		if (strcmp(t->field, "subject") == 0) {
			t->index = scheme_subject_index(m->s, t->value,
			    strlen(t->value));
			if (t->index < 0)
				return error_set(err, TRACK_EXIT_USAGE, NULL, 0,
				    "%s: unknown subject \"%s\"", opt,
				    t->value);
			sl->subject = t->index;
		} else if (strcmp(t->field, "measure") == 0) {
			t->index = scheme_measure_index(m->s, t->value,
			    strlen(t->value));
			if (t->index < 0)
				return error_set(err, TRACK_EXIT_USAGE, NULL, 0,
				    "%s: unknown measure \"%s\"", opt,
				    t->value);
			sl->measure = t->index;
		} else if (strcmp(t->field, "point") == 0) {
			sl->point = t->value;
		} else if (strcmp(t->field, "pupil") == 0 ||
		    strcmp(t->field, "value") == 0) {
			return error_set(err, TRACK_EXIT_USAGE, NULL, 0,
			    "%s: \"%s\" cannot be a side of a matrix", opt,
			    t->field);
		}
		p = *comma ? comma + 1 : comma;
	}
	if (sl->nt == 0)
		return error_set(err, TRACK_EXIT_USAGE, NULL, 0,
		    "%s is empty", opt);
	return 0;
}

static int
cmp_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;

	return a < b ? -1 : a > b;
}

int
matrix_new(track_matrix **out, const track_scheme *s,
    const struct matrix_opts *o, track_error *err)
{
	track_matrix *m;
	int rc = 0, k;

	*out = NULL;
	m = calloc(1, sizeof *m);
	if (m == NULL)
		return error_nomem(err);
	m->s = s;
	m->o = *o;
	m->point = -1;
	m->lastlen = SIZE_MAX;
	m->pupil_ids = strmap_new();
	for (k = 0; k < 2; k++) {
		m->side[k].catmap = strmap_new();
		m->side[k].emap = u64map_new_grouped(16);
		if (m->side[k].catmap == NULL || m->side[k].emap == NULL)
			rc = error_nomem(err);
	}
	if (m->pupil_ids == NULL || buf_append(&m->disp, "", 0, 1) < 0)
		rc = error_nomem(err);
	if (rc == 0 && (o->from == NULL || o->to == NULL))
		rc = error_set(err, TRACK_EXIT_USAGE, NULL, 0,
		    "give both sides: --from SEL --to SEL, e.g. --from "
		    "point=2025-26.autumn --to point=2025-26.summer");
	if (rc == 0)
		rc = parse_sel(m, &m->sel[FROM], o->from, "--from", err);
	if (rc == 0)
		rc = parse_sel(m, &m->sel[TO], o->to, "--to", err);
	if (rc != 0)
		goto out;
	/* A subject or point named on one side holds for both. */
	for (k = 0; k < 2; k++) {
		struct sel *a = &m->sel[k], *b = &m->sel[1 - k];

		if (a->subject >= 0 && b->subject < 0)
			b->subject = a->subject;
		if (a->point != NULL && b->point == NULL)
			b->point = a->point;
		if (a->measure < 0)
			a->measure = scheme_measure_index(s, "", 0);
	}
	m->subject_axis = m->sel[FROM].subject >= 0;
	m->point_free = m->sel[FROM].point == NULL;
	if (!m->point_free && o->point != NULL) {
		rc = error_set(err, TRACK_EXIT_USAGE, NULL, 0,
		    "--point is for matrices whose sides name no point");
		goto out;
	}
	if (o->bins != NULL) {
		const char *p = o->bins;
		char *end;

		while (*p) {
			if (m->nbins == MAXBINS) {
				rc = error_set(err, TRACK_EXIT_USAGE, NULL, 0,
				    "--bins: at most %d edges", MAXBINS);
				goto out;
			}
			m->bins[m->nbins] = strtod(p, &end);
			if (end == p || (*end != ',' && *end != '\0')) {
				rc = error_set(err, TRACK_EXIT_USAGE, NULL, 0,
				    "--bins \"%s\": give increasing numbers "
				    "separated by commas, e.g. 85,95,105,115",
				    o->bins);
				goto out;
			}
			m->nbins++;
			p = *end ? end + 1 : end;
		}
		qsort(m->bins, m->nbins, sizeof m->bins[0], cmp_double);
		for (k = 1; k < (int)m->nbins; k++)
			if (m->bins[k] == m->bins[k - 1]) {
				rc = error_set(err, TRACK_EXIT_USAGE, NULL, 0,
				    "--bins: %g is given twice", m->bins[k]);
				goto out;
			}
		if (m->nbins == 0)
			rc = error_set(err, TRACK_EXIT_USAGE, NULL, 0,
			    "--bins is empty");
	}
out:
	if (rc != 0) {
		matrix_free(m);
		return rc;
	}
	*out = m;
	return 0;
}

int
matrix_bind(track_matrix *m, const track_str *hdr, size_t n,
    track_error *err)
{
	size_t k, i;
	int rc;

	rc = assess_new(&m->a, m->s, hdr, n, ASSESS_USE_BAND, err);
	if (rc != 0)
		return rc;
	for (k = 0; k < 2; k++) {
		struct sel *sl = &m->sel[k];

		sl->point_id = -1;
		if (sl->point != NULL) {
			sl->point_id = assess_point_intern(m->a, sl->point,
			    strlen(sl->point));
			if (sl->point_id < 0)
				return error_nomem(err);
		}
		for (i = 0; i < sl->nt; i++) {
			struct term *t = &sl->t[i];

			if (!strcmp(t->field, "subject") ||
			    !strcmp(t->field, "measure") ||
			    !strcmp(t->field, "point"))
				continue;
			t->col = records_col(hdr, n, t->field);
			if (t->col < 0)
				return error_set(err, TRACK_EXIT_USAGE, NULL, 0,
				    "%s: no column \"%s\" in the input",
				    k == FROM ? "--from" : "--to", t->field);
		}
	}
	if (m->o.point != NULL) {
		m->point = assess_point_intern(m->a, m->o.point,
		    strlen(m->o.point));
		if (m->point < 0)
			return error_nomem(err);
	}
	return 0;
}

/* Nonzero when a record belongs to a side. */
static int
matches(const track_matrix *m, const struct sel *sl,
    const struct track_obs *o, const track_str *row)
{
	size_t i;

	if (o->measure != sl->measure)
		return 0;
	if (sl->subject >= 0 && o->subject != sl->subject)
		return 0;
	if (sl->point != NULL && o->point != sl->point_id)
		return 0;
	if (m->point_free && m->o.point != NULL && o->point != m->point)
		return 0;
	for (i = 0; i < sl->nt; i++) {
		const struct term *t = &sl->t[i];
		track_str v;
		size_t n;

		if (t->col < 0)
			continue;
		v = row[t->col];
		while (v.len > 0 && *v.ptr == ' ') {
			v.ptr++;
			v.len--;
		}
		while (v.len > 0 && v.ptr[v.len - 1] == ' ')
			v.len--;
		n = strlen(t->value);
		if (v.len != n || strncasecmp(v.ptr, t->value, n) != 0)
			return 0;
	}
	return 1;
}

/* Interns a category for a side; returns its index or -1. */
static long
cat_of(struct side *sd, const struct cat *c)
{
	char key[1 + sizeof c->id];
	int added;
	size_t n = strlen(c->id);
	long id;

	key[0] = (char)('0' + c->cls);
	memcpy(key + 1, c->id, n);
	id = strmap_intern(sd->catmap, key, n + 1, &added);
	if (id < 0 || buf_grow(&sd->cat, &sd->ccap, (size_t)id + 1,
	    sizeof *sd->cat) != 0)
		return -1;
	if (added)
		sd->cat[id] = *c;
	sd->ncat = strmap_count(sd->catmap);
	return id;
}

/* Works out the category and movement step of an observation. */
static void
categorise(track_matrix *m, const struct track_obs *o, struct cat *c,
    struct ment *e)
{
	enum track_scale_kind kind = scheme_scale_kind(o->scale);
	char val[SCHEME_VALUE_MAX];
	size_t i;

	memset(c, 0, sizeof *c);
	e->stepkind = 0;
	e->step = o->band;
	if (o->value.kind == TRACK_VALUE_NOT_AT ||
	    o->value.kind == TRACK_VALUE_EXCLUDED) {
		c->cls = C_NA;
		c->a = o->value.index;
		scheme_value_format(o->scale, &o->value, c->id, sizeof c->id);
		return;
	}
	if (o->value.kind == TRACK_VALUE_CODE) {
		int band = scheme_scale_code_band(o->scale,
		    (size_t)o->value.index);

		c->cls = o->ooy != OOY_NONE ? C_OOY : C_IN;
		c->a = (band < 0 ? 0 : band) * 1000 + o->value.index;
		c->b = o->ooy == OOY_CUSTOM ? 1000 + o->custom : o->against;
		if (o->ooy != OOY_NONE)
			assess_own_words(m->a, o, c->id, sizeof c->id);
		else
			snprintf(c->id, sizeof c->id, "%s", scheme_scale_code(
			    o->scale, (size_t)o->value.index));
		/* Codes compare within one curriculum: "Y3 WTS" to "Y3 EXS"
		 * is up; across curricula, bands compare. */
		e->stepkind = o->ooy == OOY_NONE ? 1 : 3;
		e->step = o->value.index;
		e->against = (int16_t)(o->ooy == OOY_CUSTOM ? 1000 + o->custom :
		    o->against);
		return;
	}
	c->cls = C_IN;
	if (kind == TRACK_SCALE_SCORE && m->nbins > 0) {
		int integer = scheme_scale_integer(o->scale);
		double v = o->value.number;

		for (i = 0; i < m->nbins && v >= m->bins[i]; i++)
			;
		c->a = 1000000.0 + (double)i;
		if (i == 0)
			snprintf(c->id, sizeof c->id, "<%g", m->bins[0]);
		else if (i == m->nbins)
			snprintf(c->id, sizeof c->id, ">=%g", m->bins[i - 1]);
		else if (integer && floor(m->bins[i]) == m->bins[i])
			snprintf(c->id, sizeof c->id, "%g-%g", m->bins[i - 1],
			    m->bins[i] - 1);
		else
			snprintf(c->id, sizeof c->id, "%g-<%g", m->bins[i - 1],
			    m->bins[i]);
		e->stepkind = 2;
		e->step = (int32_t)i;
		return;
	}
	if (o->band >= 0) {
		c->a = o->band * 1000 + 999;
		snprintf(c->id, sizeof c->id, "%s", scheme_band_id(m->s,
		    (size_t)o->band));
		return;
	}
	/* A score with no bands (the MTC): each score is its own row. */
	c->a = 2000000.0 + o->value.number;
	scheme_value_format(o->scale, &o->value, val, sizeof val);
	snprintf(c->id, sizeof c->id, "%s", val);
}

int
matrix_row(track_matrix *m, const track_str *row, track_error *err)
{
	struct track_obs o;
	int k, rc, added;
	long pid, id;

	/* Rows at points neither side wants are passed over. */
	id = assess_peek_point(m->a, row);
	if (id >= 0 && ((!m->point_free && id != m->sel[FROM].point_id &&
	    id != m->sel[TO].point_id) || (m->point_free &&
	    m->o.point != NULL && id != m->point)))
		return 0;
	rc = assess_row(m->a, row, &o, err);
	if (rc != 0 || o.objective.len > 0)
		return rc;
	pid = -1;
	for (k = 0; k < 2; k++) {
		struct side *sd = &m->side[k];
		struct ment e;
		struct cat c;
		uint64_t key;

		if (!matches(m, &m->sel[k], &o, row))
			continue;
		if (pid < 0 && o.pupil.len == m->lastlen &&
		    memcmp(o.pupil.ptr, m->last, o.pupil.len) == 0)
			pid = m->lastid;	/* pupil by pupil, usually */
		if (pid < 0) {
			pid = strmap_intern(m->pupil_ids, o.pupil.ptr,
			    o.pupil.len, &added);
			if (pid >= 0 && o.pupil.len <= sizeof m->last) {
				memcpy(m->last, o.pupil.ptr, o.pupil.len);
				m->lastlen = o.pupil.len;
				m->lastid = pid;
			}
			if (pid < 0 || buf_grow(&m->pname, &m->pcap,
			    (size_t)pid + 1, sizeof *m->pname) != 0)
				return error_nomem(err);
			if (added || o.name.len > 0) {
				track_str nm = o.name.len ? o.name : o.pupil;
				long off = buf_append(&m->disp, nm.ptr, nm.len,
				    1);

				if (off < 0)
					return error_nomem(err);
				m->pname[pid] = (size_t)off;
			}
		}
		if (o.point > 65534)
			return error_set(err, TRACK_EXIT_DATA, NULL, 0,
			    "too many distinct points");
		memset(&e, 0, sizeof e);
		categorise(m, &o, &c, &e);
		e.pupil = (uint32_t)pid;
		e.subj = (int16_t)(m->subject_axis ? 0 : o.subject);
		e.point = (int32_t)(m->point_free ? o.point : 0);
		e.band = (int16_t)o.band;
		e.scale = o.scale;
		e.cat = (int32_t)cat_of(sd, &c);
		if (e.cat < 0)
			return error_nomem(err);
		key = (uint64_t)pid << 32 | (uint64_t)e.point << 16 |
		    (uint64_t)(uint16_t)e.subj;
		id = u64map_intern(sd->emap, key, &added);
		if (id < 0 || buf_grow(&sd->ent, &sd->ecap, (size_t)id + 1,
		    sizeof *sd->ent) != 0)
			return error_nomem(err);
		sd->ent[id] = e;	/* the last record wins */
		if (added)
			sd->nent++;
	}
	return 0;
}

/* ---- Building the grids ---- */

static const struct cat *sort_cats;

static int
cmp_cat(const void *x, const void *y)
{
	long a = *(const long *)x, b = *(const long *)y;
	const struct cat *p, *q;

	if (a < 0 || b < 0)
		return (a < 0) - (b < 0);
	p = &sort_cats[a];
	q = &sort_cats[b];
	if (p->cls != q->cls)
		return p->cls < q->cls ? -1 : 1;
	if (p->cls == C_OOY && p->b != q->b)
		return p->b < q->b ? -1 : 1;
	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	return strcmp(p->id, q->id);
}

/*
 * Finds or adds the grid for subject slot `subj` (through m->gidx, not
 * by a search: a pair looks its grid up once each).
 */
static struct grid *
grid_for(track_matrix *m, int subj)
{
	size_t i, ns = scheme_subject_count(m->s);
	struct grid *g;

	if (m->gidx == NULL) {
		m->gidx = malloc((ns + 1) * sizeof *m->gidx);
		if (m->gidx == NULL)
			return NULL;
		for (i = 0; i <= ns; i++)
			m->gidx[i] = -1;
	}
	if (m->gidx[subj] >= 0)
		return &m->grid[m->gidx[subj]];
	g = realloc(m->grid, (m->ngrid + 1) * sizeof *g);
	if (g == NULL)
		return NULL;
	m->grid = g;
	g = &m->grid[m->ngrid];
	memset(g, 0, sizeof *g);
	g->subj = subj;
	m->gidx[subj] = (long)m->ngrid++;
	return g;
}

/*
 * Adds category `c` (or -1, none) to a grid's rows or columns, unless
 * there already: `pos` (ncat + 1 entries, all -1 at first) says where
 * each category is, so adding is constant time whatever the number of
 * categories.  Returns its index, or -2 when out of memory.
 */
static long
axis_add(long **v, size_t *n, long **pos, size_t ncat, long c)
{
	size_t i;
	long *p;

	if (*pos == NULL) {
		*pos = malloc((ncat + 1) * sizeof **pos);
		if (*pos == NULL)
			return -2;
		for (i = 0; i <= ncat; i++)
			(*pos)[i] = -1;
	}
	if ((*pos)[c + 1] >= 0)
		return (*pos)[c + 1];
	p = realloc(*v, (*n + 1) * sizeof *p);
	if (p == NULL)
		return -2;
	*v = p;
	p[*n] = c;
	(*pos)[c + 1] = (long)*n;
	return (long)(*n)++;
}

/* The pairs: from entry (or -1) and to entry (or -1). */
struct pair {
	long f, t;
};

static int
pair_ok(const track_matrix *m, const struct ment *e)
{
	return !m->point_free || e->point == m->point;
}

/* Pairs the two sides, lays out the grids and counts. */
static int
build(track_matrix *m, track_error *err)
{
	struct side *sf = &m->side[FROM], *st = &m->side[TO];
	struct pair *pairs = NULL;
	size_t np = 0, pcap = 0, i, k;
	int rc = 0;

	if (m->built)
		return 0;
	m->built = 1;
	if (m->a == NULL)
		return 0;
	if (m->point_free && m->point < 0)
		for (i = 0; i < sf->nent; i++)
			if (m->point < 0 || assess_point_better(m->a,
			    sf->ent[i].point, m->point))
				m->point = sf->ent[i].point;
	for (i = 0; i < sf->nent; i++) {
		const struct ment *e = &sf->ent[i];
		long t;

		if (!pair_ok(m, e))
			continue;
		t = u64map_find(st->emap, u64map_key(sf->emap, (long)i));
		if (t < 0 && m->o.stable)
			continue;
		if (buf_grow(&pairs, &pcap, np + 1, sizeof *pairs) != 0)
			goto oom;
		pairs[np].f = (long)i;
		pairs[np++].t = t;
	}
	for (i = 0; i < st->nent && !m->o.stable; i++) {
		if (!pair_ok(m, &st->ent[i]) || u64map_find(sf->emap,
		    u64map_key(st->emap, (long)i)) >= 0)
			continue;
		if (buf_grow(&pairs, &pcap, np + 1, sizeof *pairs) != 0)
			goto oom;
		pairs[np].f = -1;
		pairs[np++].t = (long)i;
	}
	/* Rows and columns: the categories that occur, in scale order. */
	for (i = 0; i < np; i++) {
		const struct ment *e = pairs[i].f >= 0 ? &sf->ent[pairs[i].f] :
		    &st->ent[pairs[i].t];
		struct grid *g = grid_for(m, e->subj);

		if (g == NULL || axis_add(&g->rows, &g->nrows, &g->rpos,
		    sf->ncat, pairs[i].f >= 0 ? sf->ent[pairs[i].f].cat : -1) <
		    -1 || axis_add(&g->cols, &g->ncols, &g->cpos, st->ncat,
		    pairs[i].t >= 0 ? st->ent[pairs[i].t].cat : -1) < -1)
			goto oom;
	}
	for (k = 0; k < m->ngrid; k++) {
		struct grid *g = &m->grid[k];

		sort_cats = sf->cat;
		qsort(g->rows, g->nrows, sizeof *g->rows, cmp_cat);
		sort_cats = st->cat;
		qsort(g->cols, g->ncols, sizeof *g->cols, cmp_cat);
		for (i = 0; i < g->nrows; i++)
			g->rpos[g->rows[i] + 1] = (long)i;
		for (i = 0; i < g->ncols; i++)
			g->cpos[g->cols[i] + 1] = (long)i;
		g->cell = calloc(g->nrows * g->ncols + 1, sizeof *g->cell);
		if (g->cell == NULL)
			goto oom;
	}
	/* Subjects in scheme order. */
	for (k = 1; k < m->ngrid; k++) {
		struct grid x = m->grid[k];
		size_t j = k;

		while (j > 0 && m->grid[j - 1].subj > x.subj) {
			m->grid[j] = m->grid[j - 1];
			j--;
		}
		m->grid[j] = x;
	}
	for (k = 0; k < m->ngrid; k++)
		m->gidx[m->grid[k].subj] = (long)k;
	for (i = 0; i < np; i++) {
		const struct ment *f = pairs[i].f >= 0 ? &sf->ent[pairs[i].f] :
		    NULL;
		const struct ment *t = pairs[i].t >= 0 ? &st->ent[pairs[i].t] :
		    NULL;
		struct grid *g = grid_for(m, f ? f->subj : t->subj);
		long r = g->rpos[(f ? f->cat : -1) + 1];
		long c = g->cpos[(t ? t->cat : -1) + 1];
		struct mcell *cl = &g->cell[(size_t)r * g->ncols + (size_t)c];

		cl->n++;
		if (m->o.pupils) {
			if (buf_grow(&cl->names, &cl->cap, cl->nn + 1,
			    sizeof *cl->names) != 0)
				goto oom;
			cl->names[cl->nn++] = m->pname[f ? f->pupil :
			    t->pupil];
		}
		if (f == NULL || t == NULL)
			continue;
		{
			int a, b;

			if (f->stepkind == t->stepkind && f->stepkind != 0 &&
			    f->scale == t->scale && (f->stepkind != 3 ||
			    f->against == t->against)) {
				a = f->step;
				b = t->step;
			} else if (f->stepkind == 2 && t->stepkind == 2) {
				a = f->step;
				b = t->step;
			} else {
				a = f->band;
				b = t->band;
			}
			if (a < 0 || b < 0)
				continue;
			if (b > a)
				g->up++;
			else if (b < a)
				g->down++;
			else
				g->same++;
		}
	}
	goto out;
oom:
	rc = error_nomem(err);
out:
	free(pairs);
	return rc;
}

/* ---- Output ---- */

static const char *
cat_id(const track_matrix *m, int side, long c)
{
	if (c < 0)
		return side == FROM ? "no earlier" : "no later";
	return m->side[side].cat[c].id;
}

/* The label of a category: band labels for bands, else the id. */
static const char *
cat_label(const track_matrix *m, int side, long c)
{
	int b;

	if (c < 0)
		return side == FROM ? "No earlier" : "No later";
	b = scheme_band_index(m->s, m->side[side].cat[c].id,
	    strlen(m->side[side].cat[c].id));
	if (b >= 0 && m->side[side].cat[c].cls == C_IN &&
	    fmod(m->side[side].cat[c].a, 1000) == 999)
		return scheme_band_label(m->s, (size_t)b);
	return m->side[side].cat[c].id;
}

/* Appends NUL-terminated `s` to `b` (the NUL not kept); -1: no memory. */
static int
put(track_buf *b, const char *s)
{
	if (*s == '\0')	/* nothing to add to a buffer not yet made */
		return 0;
	return buf_append(b, s, strlen(s), 0) < 0 ? -1 : 0;
}

/* Ends the text in `b` and hands it out (NULL when out of memory). */
static char *
done(track_buf *b, int rc)
{
	if (rc != 0 || buf_append(b, "", 0, 1) < 0) {
		buf_free(b);
		return NULL;
	}
	return b->ptr;
}

/*
 * The subject column, "reading", or "reading vs writing" on an axis, in
 * a new string (labels when `label`); NULL when out of memory.
 */
static char *
subject_text(const track_matrix *m, const struct grid *g, int label)
{
	int a = m->sel[FROM].subject, b = m->sel[TO].subject;
	track_buf o = { 0 };
	int rc;

	if (!m->subject_axis)
		a = b = g->subj;
	rc = put(&o, label ? scheme_subject_label(m->s, (size_t)a) :
	    scheme_subject_id_at(m->s, (size_t)a));
	if (a != b)
		rc |= put(&o, " vs ") | put(&o, label ?
		    scheme_subject_label(m->s, (size_t)b) :
		    scheme_subject_id_at(m->s, (size_t)b));
	return done(&o, rc);
}

/*
 * Describes one side for a grid's title, in a new string: its measure
 * (when the sides' measures differ) and its point's label (when the side
 * names one).  NULL when out of memory.
 */
static char *
side_text(const track_matrix *m, int side)
{
	const struct sel *sl = &m->sel[side];
	track_buf o = { 0 };
	int rc = put(&o, "");

	if (m->sel[FROM].measure != m->sel[TO].measure)
		rc |= put(&o, scheme_measure_label(m->s, (size_t)sl->measure));
	if (sl->point != NULL) {
		char *pl = scheme_point_label_dup(m->s,
		    sl->point, strlen(sl->point));

		rc |= pl == NULL || put(&o, o.len ? ", " : "") || put(&o, pl);
		free(pl);
	}
	return done(&o, rc);
}

static int
cmp_name(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* Sorted names of a cell, borrowed from m->disp; caller frees the array. */
static const char **
names_of(const track_matrix *m, const struct mcell *c)
{
	const char **v = calloc(c->nn + 1, sizeof *v);
	size_t i;

	if (v == NULL)
		return NULL;
	for (i = 0; i < c->nn; i++)
		v[i] = m->disp.ptr + c->names[i];
	qsort(v, c->nn, sizeof *v, cmp_name);
	return v;
}

/* The threshold: --min-group, else the scheme's privacy setting. */
static long long
min_group(const track_matrix *m)
{
	return m->o.min_group >= 0 ? m->o.min_group : scheme_min_group(m->s);
}

/*
 * Nonzero when a grid is suppressed whole: a threshold above 1, and
 * fewer pupils than it (but some) with an earlier value, with a later
 * one, with both, or in all.  Each of those is a group the grid's totals
 * would publish.
 */
static int
grid_suppressed(const track_matrix *m, const struct grid *g)
{
	long long mg = min_group(m), from = 0, to = 0, both = 0, all = 0;
	size_t r, c;

	if (mg <= 1)
		return 0;
	for (r = 0; r < g->nrows; r++)
		for (c = 0; c < g->ncols; c++) {
			long long n = g->cell[r * g->ncols + c].n;

			all += n;
			from += g->rows[r] >= 0 ? n : 0;
			to += g->cols[c] >= 0 ? n : 0;
			both += g->rows[r] >= 0 && g->cols[c] >= 0 ? n : 0;
		}
	return (from > 0 && from < mg) || (to > 0 && to < mg) ||
	    (both > 0 && both < mg) || (all > 0 && all < mg);
}

/* Adds one long row whose figures are suppressed. */
static int
supp_row(track_matrix *m, track_rtable *t, const char *subj,
    const char *slabel, const char *from, const char *flabel,
    const char *to, const char *tlabel)
{
	if (rtable_row(t) != 0 || rtable_text(t, 0, subj, slabel) != 0 ||
	    rtable_text(t, 1, from, flabel) != 0 ||
	    rtable_text(t, 2, to, tlabel) != 0 || rtable_supp(t, 3) != 0)
		return -1;
	return m->o.pupils ? rtable_supp(t, 4) : 0;
}

/*
 * A suppressed grid: the "total" row and the "moved" rows, every figure
 * "c"; no rows or columns.  Returns 0 or -1 (out of memory).
 */
static int
supp_grid(track_matrix *m, track_rtable *t, json_t *grids, const char *subj,
    const char *slab)
{
	static const char *const mv[][2] = { { "up", "Up" },
	    { "same", "Same" }, { "down", "Down" } };
	json_t *gj;
	size_t i;

	if (supp_row(m, t, subj, slab, "total", "Total", "total", "Total"))
		return -1;
	for (i = 0; i < 3; i++)
		if (supp_row(m, t, subj, slab, "moved", "Moved", mv[i][0],
		    mv[i][1]) != 0)
			return -1;
	gj = json_pack("{s:s, s:s, s:b, s:[], s:[], s:[], s:[], s:[], s:s, "
	    "s:s, s:s, s:s}", "subject", subj, "subject_label", slab,
	    "suppressed", 1, "rows", "cols", "cells", "row_totals",
	    "col_totals", "total", "c", "up", "c", "same", "c", "down", "c");
	return gj == NULL || json_array_append_new(grids, gj) != 0 ? -1 : 0;
}

/* Adds one long row. */
static int
long_row(track_matrix *m, track_rtable *t, const char *subj,
    const char *slabel, const char *from, const char *flabel,
    const char *to, const char *tlabel, long long n, const struct mcell *c)
{
	if (rtable_row(t) != 0 || rtable_text(t, 0, subj, slabel) != 0 ||
	    rtable_text(t, 1, from, flabel) != 0 ||
	    rtable_text(t, 2, to, tlabel) != 0 || rtable_int(t, 3, n) != 0)
		return -1;
	if (m->o.pupils && c != NULL) {
		const char **v = names_of(m, c);
		int rc;

		if (v == NULL)
			return -1;
		rc = rtable_list(t, 4, v, c->nn);
		free(v);
		return rc;
	}
	return 0;
}

static json_t *
side_json(const track_matrix *m, int side)
{
	const struct sel *sl = &m->sel[side];
	json_t *o = json_pack("{s:s, s:s}", "selector", sl->spec, "measure",
	    scheme_measure_id_at(m->s, (size_t)sl->measure));

	if (o != NULL && sl->point != NULL) {
		char *lb = scheme_point_label_dup(m->s,
		    sl->point, strlen(sl->point));

		if (lb == NULL) {
			json_decref(o);
			return NULL;
		}
		json_object_set_new(o, "point", json_string(sl->point));
		json_object_set_new(o, "point_label", json_string(lb));
		free(lb);
	}
	return o;
}

int
matrix_table(track_matrix *m, track_rtable **out, json_t **meta,
    track_error *err)
{
	track_rtable *t = rtable_new();
	json_t *mt = NULL, *grids = json_array();
	char *subj = NULL, *slab = NULL;
	size_t k, r, c;
	int rc;

	*out = NULL;
	*meta = NULL;
	rc = build(m, err);
	if (rc != 0)
		goto fail;
	if (t == NULL || grids == NULL || rtable_col(t, "subject",
	    "Subject") < 0 || rtable_col(t, "from", "From") < 0 ||
	    rtable_col(t, "to", "To") < 0 || rtable_col(t, "n", "Pupils") < 0 ||
	    (m->o.pupils && rtable_col(t, "pupils", "Pupils") < 0))
		goto oom;
	for (k = 0; k < m->ngrid; k++) {
		struct grid *g = &m->grid[k];
		long long *rt = calloc(g->nrows + 1, sizeof *rt);
		long long *ct = calloc(g->ncols + 1, sizeof *ct), all = 0;
		json_t *gj, *rows = json_array(), *cols = json_array();
		json_t *cells = json_array(), *pj = json_array();

		if (rt == NULL || ct == NULL || rows == NULL || cols == NULL ||
		    cells == NULL || pj == NULL) {
			free(rt);
			free(ct);
			goto oom;
		}
		free(subj);
		free(slab);
		subj = subject_text(m, g, 0);
		slab = subject_text(m, g, 1);
		if (subj == NULL || slab == NULL) {
			free(rt);
			free(ct);
			goto oom;
		}
		if (grid_suppressed(m, g)) {
			json_decref(rows);
			json_decref(cols);
			json_decref(cells);
			json_decref(pj);
			free(rt);
			free(ct);
			if (supp_grid(m, t, grids, subj, slab) != 0)
				goto oom;
			continue;
		}
		for (r = 0; r < g->nrows; r++) {
			json_t *line = json_array(), *pl = json_array();

			json_array_append_new(rows, json_pack("{s:s, s:s}",
			    "id", cat_id(m, FROM, g->rows[r]), "label",
			    cat_label(m, FROM, g->rows[r])));
			for (c = 0; c < g->ncols; c++) {
				const struct mcell *cl = &g->cell[r * g->ncols +
				    c];

				rt[r] += cl->n;
				ct[c] += cl->n;
				all += cl->n;
				json_array_append_new(line,
				    json_integer(cl->n));
				if (m->o.pupils) {
					const char **v = names_of(m, cl);
					json_t *nl = json_array();
					size_t i;

					for (i = 0; v && i < cl->nn; i++)
						json_array_append_new(nl,
						    json_string(v[i]));
					free(v);
					json_array_append_new(pl, nl);
				}
				if (cl->n > 0 && long_row(m, t, subj, slab,
				    cat_id(m, FROM, g->rows[r]),
				    cat_label(m, FROM, g->rows[r]),
				    cat_id(m, TO, g->cols[c]),
				    cat_label(m, TO, g->cols[c]), cl->n,
				    cl) != 0) {
					free(rt);
					free(ct);
					goto oom;
				}
			}
			json_array_append_new(cells, line);
			if (m->o.pupils)
				json_array_append_new(pj, pl);
			else
				json_decref(pl);
		}
		for (c = 0; c < g->ncols; c++)
			json_array_append_new(cols, json_pack("{s:s, s:s}",
			    "id", cat_id(m, TO, g->cols[c]), "label",
			    cat_label(m, TO, g->cols[c])));
		for (r = 0; r < g->nrows; r++)
			if (long_row(m, t, subj, slab, cat_id(m, FROM,
			    g->rows[r]), cat_label(m, FROM, g->rows[r]),
			    "total", "Total", rt[r], NULL) != 0)
				goto oom2;
		for (c = 0; c < g->ncols; c++)
			if (long_row(m, t, subj, slab, "total", "Total",
			    cat_id(m, TO, g->cols[c]), cat_label(m, TO,
			    g->cols[c]), ct[c], NULL) != 0)
				goto oom2;
		if (long_row(m, t, subj, slab, "total", "Total", "total",
		    "Total", all, NULL) != 0 ||
		    long_row(m, t, subj, slab, "moved", "Moved", "up", "Up",
		    g->up, NULL) != 0 ||
		    long_row(m, t, subj, slab, "moved", "Moved", "same", "Same",
		    g->same, NULL) != 0 ||
		    long_row(m, t, subj, slab, "moved", "Moved", "down", "Down",
		    g->down, NULL) != 0)
			goto oom2;
		{
			json_t *rtj = json_array(), *ctj = json_array();

			for (r = 0; r < g->nrows; r++)
				json_array_append_new(rtj, json_integer(rt[r]));
			for (c = 0; c < g->ncols; c++)
				json_array_append_new(ctj, json_integer(ct[c]));
			gj = json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:o, "
			    "s:I, s:I, s:I, s:I}", "subject", subj,
			    "subject_label", slab, "rows", rows, "cols", cols,
			    "cells", cells, "row_totals", rtj, "col_totals",
			    ctj, "total", (json_int_t)all, "up",
			    (json_int_t)g->up, "same", (json_int_t)g->same,
			    "down", (json_int_t)g->down);
		}
		if (gj != NULL && m->o.pupils)
			json_object_set_new(gj, "pupils", pj);
		else
			json_decref(pj);
		free(rt);
		free(ct);
		if (gj == NULL || json_array_append_new(grids, gj) != 0)
			goto oom;
		continue;
oom2:
		free(rt);
		free(ct);
		goto oom;
	}
	mt = json_pack("{s:s, s:s, s:o, s:o}", "report", "matrix", "scheme",
	    scheme_name(m->s), "from", side_json(m, FROM), "to",
	    side_json(m, TO));
	if (mt == NULL)
		goto oom;
	if (m->point_free && m->point >= 0) {
		const char *pt = assess_point_text(m->a, m->point);
		char *lb = scheme_point_label_dup(m->s, pt, strlen(pt));

		if (lb == NULL) {
			json_decref(mt);
			goto oom;
		}
		json_object_set_new(mt, "point", json_string(pt));
		json_object_set_new(mt, "point_label", json_string(lb));
		free(lb);
	}
	json_object_set_new(mt, "pupils", json_boolean(m->o.pupils));
	json_object_set_new(mt, "stable", json_boolean(m->o.stable));
	if (min_group(m) > 1)
		json_object_set_new(mt, "min_group",
		    json_integer(min_group(m)));
	json_object_set_new(mt, "matrices", grids);
	free(subj);
	free(slab);
	*out = t;
	*meta = mt;
	return 0;
oom:
	rc = error_nomem(err);
fail:
	free(subj);
	free(slab);
	rtable_free(t);
	json_decref(grids);
	return rc;
}

/* Writes one line of text. */
static int
line(track_writer *w, const char *s, track_error *err)
{
	return writer_text(w, s, strlen(s), err);
}

int
matrix_grids(track_matrix *m, track_writer *w, enum track_format fmt,
    track_error *err)
{
	track_rtable *t = NULL;
	char buf[200], *subj = NULL, *a = NULL, *b = NULL, *pl = NULL;
	size_t k, r, c;
	int rc;

	rc = build(m, err);
	if (rc != 0)
		return rc;
	a = side_text(m, FROM);
	b = side_text(m, TO);
	if (m->point_free && m->point >= 0) {
		const char *pt = assess_point_text(m->a, m->point);

		pl = scheme_point_label_dup(m->s, pt, strlen(pt));
	} else {
		pl = strdup("");
	}
	if (a == NULL || b == NULL || pl == NULL) {
		rc = error_nomem(err);
		goto out;
	}
	for (k = 0; k < m->ngrid; k++) {
		struct grid *g = &m->grid[k];
		long long *ct = calloc(g->ncols + 1, sizeof *ct), all = 0;

		t = rtable_new();
		free(subj);
		subj = subject_text(m, g, 1);
		if (ct == NULL || t == NULL || subj == NULL)
			goto oom;
		/* The title: "Reading: Autumn 2025-26 to Summer 2025-26". */
		if (line(w, k ? "\n" : "", err) != 0 ||
		    line(w, fmt == TRACK_FMT_MARKDOWN ? "### " : "", err) ||
		    line(w, subj, err) || line(w, ": ", err) ||
		    line(w, a, err) || line(w, *a && *b ? " to " : "", err) ||
		    line(w, b, err) || line(w, *pl && (*a || *b) ? ", " : "",
		    err) || line(w, pl, err) || line(w, "\n\n", err)) {
			free(ct);
			goto fail;
		}
		if (grid_suppressed(m, g)) {
			free(ct);
			rtable_free(t);
			t = NULL;
			snprintf(buf, sizeof buf, "Suppressed (c): fewer than "
			    "%lld pupils.\n", min_group(m));
			if (line(w, buf, err) != 0)
				goto fail;
			continue;
		}
		if (rtable_col(t, "from", "From \\ to") < 0)
			goto oom;
		for (c = 0; c < g->ncols; c++)
			if (rtable_col(t, cat_id(m, TO, g->cols[c]),
			    cat_label(m, TO, g->cols[c])) < 0)
				goto oom;
		if (rtable_col(t, "total", "Total") < 0)
			goto oom;
		for (r = 0; r < g->nrows; r++) {
			long long rt = 0;

			if (rtable_row(t) != 0 || rtable_text(t, 0, cat_id(m,
			    FROM, g->rows[r]), cat_label(m, FROM,
			    g->rows[r])) != 0)
				goto oom;
			for (c = 0; c < g->ncols; c++) {
				long long n = g->cell[r * g->ncols + c].n;

				rtable_int(t, c + 1, n);
				rt += n;
				ct[c] += n;
			}
			rtable_int(t, g->ncols + 1, rt);
			all += rt;
		}
		if (rtable_row(t) != 0 || rtable_text(t, 0, "total", "Total"))
			goto oom;
		for (c = 0; c < g->ncols; c++)
			rtable_int(t, c + 1, ct[c]);
		rtable_int(t, g->ncols + 1, all);
		free(ct);
		ct = NULL;
		if (rtable_write(t, w, fmt, err) != 0)
			goto fail;
		rtable_free(t);
		t = NULL;
		snprintf(buf, sizeof buf, "\nMoved up %lld, stayed the same "
		    "%lld, moved down %lld.\n", g->up, g->same, g->down);
		if (line(w, buf, err) != 0)
			goto fail;
		for (r = 0; m->o.pupils && r < g->nrows; r++)
			for (c = 0; c < g->ncols; c++) {
				const struct mcell *cl = &g->cell[r * g->ncols +
				    c];
				const char **v;
				size_t i;

				if (cl->n == 0)
					continue;
				v = names_of(m, cl);
				if (v == NULL)
					goto oom;
				snprintf(buf, sizeof buf, " (%lld): ", cl->n);
				rc = line(w, fmt == TRACK_FMT_MARKDOWN ? "- " :
				    "  ", err);
				if (rc == 0)
					rc = line(w, cat_label(m, FROM,
					    g->rows[r]), err);
				if (rc == 0)
					rc = line(w, " to ", err);
				if (rc == 0)
					rc = line(w, cat_label(m, TO,
					    g->cols[c]), err);
				if (rc == 0)
					rc = line(w, buf, err);
				for (i = 0; rc == 0 && i < cl->nn; i++) {
					rc = line(w, v[i], err);
					if (rc == 0)
						rc = line(w, i + 1 < cl->nn ?
						    "; " : "\n", err);
				}
				free(v);
				if (rc != 0)
					goto fail;
			}
		continue;
oom:
		free(ct);
		rtable_free(t);
		t = NULL;
		rc = error_nomem(err);
		goto out;
	}
	rc = 0;
	goto out;
fail:
	rtable_free(t);
	rc = TRACK_EXIT_IO;
out:
	free(subj);
	free(a);
	free(b);
	free(pl);
	return rc;
}

int
matrix_check(const track_matrix *m, track_error *err)
{
	char seen[400];
	int k;

	for (k = 0; k < 2; k++) {
		if (m->side[k].nent > 0 || (m->sel[k].point == NULL &&
		    m->o.point == NULL))
			continue;
		if (assess_points_seen(m->a, seen, sizeof seen) != 0)
			return error_nomem(err);
		if (seen[0] == '\0')
			return 0;	/* no records at all: nothing to say */
		return error_set(err, TRACK_EXIT_DATA, NULL, 0, "%s %s: no "
		    "records match%s%s%s", k == FROM ? "--from" : "--to",
		    m->sel[k].spec, seen[0] ? " (the input has points " : "",
		    seen, seen[0] ? ")" : "");
	}
	return 0;
}

void
matrix_free(track_matrix *m)
{
	size_t k, i;

	if (m == NULL)
		return;
	for (k = 0; k < 2; k++) {
		for (i = 0; i < m->sel[k].nt; i++) {
			free(m->sel[k].t[i].field);
			free(m->sel[k].t[i].value);
		}
		free(m->sel[k].spec);
		free(m->side[k].cat);
		strmap_free(m->side[k].catmap);
		u64map_free(m->side[k].emap);
		free(m->side[k].ent);
	}
	for (k = 0; k < m->ngrid; k++) {
		for (i = 0; i < m->grid[k].nrows * m->grid[k].ncols; i++)
			free(m->grid[k].cell[i].names);
		free(m->grid[k].cell);
		free(m->grid[k].rows);
		free(m->grid[k].cols);
		free(m->grid[k].rpos);
		free(m->grid[k].cpos);
	}
	free(m->grid);
	free(m->gidx);
	assess_free(m->a);
	strmap_free(m->pupil_ids);
	free(m->pname);
	buf_free(&m->disp);
	free(m);
}
