/*
 * matrix.c - progress matrices (see matrix.h): the selectors parsed, the
 * records read into the two sides, and the grids built.  matrix_out.c
 * writes them.
 */
#include "matrix_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/str.h"
#include "record/records.h"

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
	for (k = 0; k < 2; k++) {
		m->side[k].catmap = strmap_new();
		m->side[k].emap = u64map_new_grouped(16);
		if (m->side[k].catmap == NULL || m->side[k].emap == NULL)
			rc = error_nomem(err);
	}
	if (pnames_init(&m->pn, o->pupils) != 0 || buf_append(&m->disp, "", 0, 1) < 0)
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

/*
 * Remembers the category and step of entry e, made from a row of
 * signature `sig`, for the side's next rows with it.  Returns 0, or -1
 * when out of memory.
 */
static int
remember(struct side *sd, long sig, const struct ment *e)
{
	size_t had = sd->mcap;

	if (buf_grow(&sd->memo, &sd->mcap, (size_t)sig + 1,
	    sizeof *sd->memo) != 0)
		return -1;
	memset(sd->memo + had, 0, (sd->mcap - had) * sizeof *sd->memo);
	sd->memo[sig].cat1 = e->cat + 1;
	sd->memo[sig].step = e->step;
	sd->memo[sig].stepkind = e->stepkind;
	sd->memo[sig].against = e->against;
	return 0;
}

/*
 * A record the matrix passes over still names its pupil (--pupils): the
 * name of a pupil's last record read is theirs, whatever its point.
 */
static int
name_only(track_matrix *m, const track_str *row, track_error *err)
{
	long pc = assess_col(m->a, A_PUPIL), nc = assess_col(m->a, A_NAME);

	if (!m->o.pupils || nc < 0 || row[pc].len == 0 || row[nc].len == 0)
		return 0;
	return pnames_intern(&m->pn, &m->disp, row[pc], row[nc]) < 0 ?
	    error_nomem(err) : 0;
}

/* The key of entry e's identity in a side's emap. */
static uint64_t
ment_key(const struct ment *e)
{
	return (uint64_t)e->pupil << 32 | (uint64_t)e->point << 16 |
	    (uint64_t)(uint16_t)e->subj;
}

/* The entry of side sd with the identity of e, or -1 when none. */
static long
side_find(const track_matrix *m, const struct side *sd,
    const struct ment *e)
{
	long i;

	if (m->point_free)
		return u64map_find(sd->emap, ment_key(e));
	for (i = chains_first(&sd->chain, e->pupil); i >= 0;
	    i = chains_next(&sd->chain, i))
		if (sd->ent[i].subj == e->subj && sd->ent[i].point == e->point)
			return i;
	return -1;
}

/*
 * The entry of side sd with the identity of e, added (*added set) when
 * there is none: the next one, sd->nent.  -1 when out of memory.
 */
static long
side_intern(const track_matrix *m, struct side *sd, const struct ment *e,
    int *added)
{
	long id;

	if (m->point_free)
		return u64map_intern(sd->emap, ment_key(e), added);
	*added = 0;
	id = side_find(m, sd, e);
	if (id >= 0)
		return id;
	if (chains_add(&sd->chain, e->pupil, (uint32_t)sd->nent) != 0)
		return -1;
	*added = 1;
	return (long)sd->nent;
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
		return name_only(m, row, err);
	rc = assess_row(m->a, row, &o, err);
	if (rc != 0 || o.objective.len > 0)
		return rc;
	if (m->o.pupils && o.name.len > 0 && pnames_intern(&m->pn, &m->disp,
	    o.pupil, o.name) < 0)
		return error_nomem(err);
	pid = -1;
	for (k = 0; k < 2; k++) {
		struct side *sd = &m->side[k];
		struct ment e;
		struct cat c;

		if (!matches(m, &m->sel[k], &o, row))
			continue;
		if (pid < 0 && (pid = pnames_intern(&m->pn, &m->disp,
		    o.pupil, o.name)) < 0)
			return error_nomem(err);
		if (o.point > 65534)
			return error_set(err, TRACK_EXIT_DATA, NULL, 0,
			    "too many distinct points");
		memset(&e, 0, sizeof e);
		if (o.sig >= 0 && (size_t)o.sig < sd->mcap &&
		    sd->memo[o.sig].cat1 > 0) {
			const struct smemo *q = &sd->memo[o.sig];

			e.cat = q->cat1 - 1;
			e.step = q->step;
			e.stepkind = q->stepkind;
			e.against = q->against;
		} else {
			categorise(m, &o, &c, &e);
			e.cat = (int32_t)cat_of(sd, &c);
			if (e.cat < 0 || (o.sig >= 0 && remember(sd, o.sig,
			    &e) != 0))
				return error_nomem(err);
		}
		e.pupil = (uint32_t)pid;
		e.subj = (int16_t)(m->subject_axis ? 0 : o.subject);
		e.point = (int32_t)(m->point_free ? o.point : 0);
		e.band = (int16_t)o.band;
		e.scale = o.scale;
		/* Room first: an entry interned is one that is written. */
		if (buf_grow(&sd->ent, &sd->ecap, sd->nent + 1,
		    sizeof *sd->ent) != 0 ||
		    (id = side_intern(m, sd, &e, &added)) < 0)
			return error_nomem(err);
		sd->ent[id] = e;	/* the last record wins */
		if (added)
			sd->nent++;
	}
	return 0;
}

/* ---- Building the grids ---- */

/*
 * Orders categories (indexes into the side's cats, the context; -1, none,
 * last): by class, then scale order.
 */
static int
cmp_cat(const void *x, const void *y, void *ctx)
{
	const struct cat *cats = ctx;
	long a = *(const long *)x, b = *(const long *)y;
	const struct cat *p, *q;

	if (a < 0 || b < 0)
		return (a < 0) - (b < 0);
	p = &cats[a];
	q = &cats[b];
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

/*
 * Pairs the two sides' entries: each earlier one with the later one of
 * the same identity (or none), then the later ones with no earlier (not
 * with --stable).  *pairs (the caller frees it) gets *np of them.
 * Returns 0 or -1 (out of memory).
 */
static int
pair_up(track_matrix *m, struct pair **pairs, size_t *np)
{
	struct side *sf = &m->side[FROM], *st = &m->side[TO];
	size_t pcap = 0, i;

	for (i = 0; i < sf->nent; i++) {
		const struct ment *e = &sf->ent[i];
		long t;

		if (!pair_ok(m, e))
			continue;
		t = side_find(m, st, e);
		if (t < 0 && m->o.stable)
			continue;
		if (buf_grow(pairs, &pcap, *np + 1, sizeof **pairs) != 0)
			return -1;
		(*pairs)[*np].f = (long)i;
		(*pairs)[(*np)++].t = t;
	}
	for (i = 0; i < st->nent && !m->o.stable; i++) {
		if (!pair_ok(m, &st->ent[i]) || side_find(m, sf,
		    &st->ent[i]) >= 0)
			continue;
		if (buf_grow(pairs, &pcap, *np + 1, sizeof **pairs) != 0)
			return -1;
		(*pairs)[*np].f = -1;
		(*pairs)[(*np)++].t = (long)i;
	}
	return 0;
}

/*
 * Lays out the grids: one per subject, in scheme order, its rows and
 * columns the categories the pairs have, in scale order, and its cells
 * made.  Returns 0 or -1 (out of memory).
 */
static int
lay_out(track_matrix *m, const struct pair *pairs, size_t np)
{
	struct side *sf = &m->side[FROM], *st = &m->side[TO];
	size_t i, k;

	for (i = 0; i < np; i++) {
		const struct ment *e = pairs[i].f >= 0 ? &sf->ent[pairs[i].f] :
		    &st->ent[pairs[i].t];
		struct grid *g = grid_for(m, e->subj);

		if (g == NULL || axis_add(&g->rows, &g->nrows, &g->rpos,
		    sf->ncat, pairs[i].f >= 0 ? sf->ent[pairs[i].f].cat : -1) <
		    -1 || axis_add(&g->cols, &g->ncols, &g->cpos, st->ncat,
		    pairs[i].t >= 0 ? st->ent[pairs[i].t].cat : -1) < -1)
			return -1;
	}
	for (k = 0; k < m->ngrid; k++) {
		struct grid *g = &m->grid[k];

		qsort_r(g->rows, g->nrows, sizeof *g->rows, cmp_cat, sf->cat);
		qsort_r(g->cols, g->ncols, sizeof *g->cols, cmp_cat, st->cat);
		for (i = 0; i < g->nrows; i++)
			g->rpos[g->rows[i] + 1] = (long)i;
		for (i = 0; i < g->ncols; i++)
			g->cpos[g->cols[i] + 1] = (long)i;
		g->cell = calloc(g->nrows * g->ncols + 1, sizeof *g->cell);
		if (g->cell == NULL)
			return -1;
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
	return 0;
}

/*
 * Whether a pair moved: 1 up, 0 the same, -1 down, or -2 when it cannot
 * say (no band or step on a side).  Steps are compared when both sides
 * have the same kind on the same scale (and curriculum), or both are
 * bins; else bands.
 */
static int
moved(const struct ment *f, const struct ment *t)
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
		return -2;
	return b > a ? 1 : b < a ? -1 : 0;
}

/* Counts the pairs into the grids' cells.  Returns 0 or -1. */
static int
count_pairs(track_matrix *m, const struct pair *pairs, size_t np)
{
	struct side *sf = &m->side[FROM], *st = &m->side[TO];
	size_t i;

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
				return -1;
			cl->names[cl->nn++] = m->pn.name[f ? f->pupil :
			    t->pupil];
		}
		if (f == NULL || t == NULL)
			continue;
		switch (moved(f, t)) {
		case 1:
			g->up++;
			break;
		case 0:
			g->same++;
			break;
		case -1:
			g->down++;
			break;
		default:
			break;
		}
	}
	return 0;
}

int
mx_build(track_matrix *m, track_error *err)
{
	struct side *sf = &m->side[FROM];
	struct pair *pairs = NULL;
	size_t np = 0, i;
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
	if (pair_up(m, &pairs, &np) != 0 || lay_out(m, pairs, np) != 0 ||
	    count_pairs(m, pairs, np) != 0)
		rc = error_nomem(err);
	free(pairs);
	return rc;
}
