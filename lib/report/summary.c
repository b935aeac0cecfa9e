/*
 * summary.c - overviews and summary tables (see summary.h): the options
 * checked and the summary made, and the result.  The rest of a summary
 * lives in the summary_*.c files beside this one (see summary_int.h).
 */
#include "summary_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "report.h"
#include "suppress.h"

/* A new string, the n bytes at s; NULL when out of memory. */
static char *
dupn(const char *s, size_t n)
{
	char *d = malloc(n + 1);

	if (d != NULL) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

/* A new string, a then b; NULL when out of memory. */
char *
sum_cat(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	char *d = malloc(na + nb + 1);

	if (d != NULL) {
		memcpy(d, a, na);
		memcpy(d + na, b, nb + 1);
	}
	return d;
}

/*
 * Adds a --by column (or "prior=POINT").  Returns 0, or an exit status
 * with err filled.
 */
int
sum_add_by(track_summary *m, const char *spec, enum by_shown hidden,
    track_error *err)
{
	struct bycol *b;
	size_t i;

	for (i = 0; i < m->nby; i++)
		if (strcasecmp(m->by[i].name, spec) == 0 ||
		    (m->by[i].kind == BY_PRIOR && strncasecmp(spec, "prior=",
		    6) == 0))
			return error_set(err, TRACK_EXIT_USAGE, NULL, 0,
			    "--by: \"%s\" given twice", spec);
	if (m->nby == MAXBY)
		return error_set(err, TRACK_EXIT_USAGE, NULL, 0,
		    "--by: at most %d columns", MAXBY);
	b = &m->by[m->nby];
	memset(b, 0, sizeof *b);
	b->col = b->roll_col = -1;
	b->lastid = -1;
	b->hidden = hidden;
	b->vals = strmap_new();
	if (b->vals == NULL || strmap_intern(b->vals, "", 0, NULL) != 0)
		return error_nomem(err);
	if (strncasecmp(spec, "prior=", 6) == 0) {
		if (spec[6] == '\0') {
			strmap_free(b->vals);
			b->vals = NULL;
			return error_set(err, TRACK_EXIT_USAGE, NULL, 0,
			    "--by prior= needs a point, e.g. prior=ks1");
		}
		b->kind = BY_PRIOR;
		m->any_prior = 1;
		b->name = strdup("prior");
		b->prior = strdup(spec + 6);
		if (b->prior == NULL)
			return error_nomem(err);
		{
			char *pl = scheme_point_label_dup(m->s,
			    b->prior, strlen(b->prior));

			b->plabel = pl ? sum_cat("Prior (", pl) : NULL;
			free(pl);
			pl = b->plabel ? sum_cat(b->plabel, ")") : NULL;
			free(b->plabel);
			b->plabel = pl;
			if (b->plabel == NULL) {
				free(b->name);
				free(b->prior);
				strmap_free(b->vals);
				memset(b, 0, sizeof *b);
				return error_nomem(err);
			}
		}
	} else {
		b->name = strdup(spec);
		if (b->name == NULL)
			return error_nomem(err);
		for (i = 0; b->name[i]; i++)
			if (b->name[i] >= 'A' && b->name[i] <= 'Z')
				b->name[i] = (char)(b->name[i] + 32);
		b->g = scheme_group_find(m->s, b->name);
		b->kind = strcmp(b->name, "year") == 0 ? BY_YEAR :
		    b->g != NULL ? BY_GROUP : BY_RAW;
	}
	if (b->name == NULL)
		return error_nomem(err);
	m->nby++;
	return 0;
}

static int
set_by(track_summary *m, const char *list, track_error *err)
{
	char **v;
	long k, i;
	int rc = 0;

	if (list == NULL || *list == '\0')
		return 0;
	k = str_split(list, ',', &v);
	if (k < 0)
		return error_nomem(err);
	for (i = 0; i < k && rc == 0; i++)
		rc = sum_add_by(m, v[i], BY_SHOWN, err);
	free(v);
	return rc;
}

/*
 * The label of a combined subject's measures when they differ: for each
 * measure, in the order the parts first use it, the labels of its
 * subjects and then its own ("Reading and Maths: Key stage 2 scaled
 * score; Writing: Teacher assessment").  Returns a new string, or NULL
 * when out of memory.
 */
static char *
combo_mlabel(const track_summary *m, const struct combo *c)
{
	track_buf b = { 0 };
	size_t i, j, k, n;
	int rc = 0;

	for (i = 0; i < c->np; i++) {
		const char *ml = scheme_measure_label(m->s,
		    (size_t)c->p[i].measure);

		for (j = 0; j < i; j++)
			if (c->p[j].measure == c->p[i].measure)
				break;
		if (j < i)
			continue;	/* this measure is done */
		for (n = 0, j = i; j < c->np; j++)
			n += c->p[j].measure == c->p[i].measure;
		rc |= b.len > 0 && buf_append(&b, "; ", 2, 0) < 0;
		for (k = 0, j = i; j < c->np; j++) {
			const char *sl = scheme_subject_label(m->s,
			    (size_t)c->p[j].subject);

			if (c->p[j].measure != c->p[i].measure)
				continue;
			if (k > 0)
				rc |= buf_append(&b, k + 1 == n ? " and " :
				    ", ", k + 1 == n ? 5 : 2, 0) < 0;
			rc |= buf_append(&b, sl, strlen(sl), 0) < 0;
			k++;
		}
		rc |= buf_append(&b, ": ", 2, 0) < 0 ||
		    buf_append(&b, ml, strlen(ml), 0) < 0;
	}
	if (rc != 0 || buf_append(&b, "", 0, 1) < 0) {
		buf_free(&b);
		return NULL;
	}
	return b.ptr;
}

/*
 * Parses one --combine spec, NAME=PART+PART where PART is SUBJECT or
 * SUBJECT:MEASURE.
 */
int
sum_add_combo(track_summary *m, const char *spec, track_error *err)
{
	const char *eq = strchr(spec, '='), *p, *q;
	struct combo *c;
	size_t i;
	int same = 1;
	track_buf mt = { 0 };

	if (eq == NULL || eq == spec || eq[1] == '\0')
		return error_set(err, TRACK_EXIT_USAGE, NULL, 0,
		    "--combine \"%s\": write NAME=SUBJECT+SUBJECT..., e.g. "
		    "rwm=reading+writing+maths", spec);
	c = realloc(m->combo, (m->ncombo + 1) * sizeof *c);
	if (c == NULL)
		return error_nomem(err);
	m->combo = c;
	c = &m->combo[m->ncombo];
	memset(c, 0, sizeof *c);
	c->spec = strdup(spec);
	c->name = dupn(spec, (size_t)(eq - spec));
	c->label = c->name ? strdup(c->name) : NULL;
	if (c->spec == NULL || c->name == NULL || c->label == NULL) {
		free(c->spec);
		free(c->name);
		free(c->label);
		return error_nomem(err);
	}
	/* rwm -> RWM, gld -> GLD; literacy -> Literacy */
	for (i = 0; c->label[i] && (i == 0 || strlen(c->name) <= 4); i++)
		if (c->label[i] >= 'a' && c->label[i] <= 'z')
			c->label[i] = (char)(c->label[i] - 32);
	m->ncombo++;
	if (scheme_subject_index(m->s, c->name, strlen(c->name)) >= 0)
		return error_set(err, TRACK_EXIT_USAGE, NULL, 0,
		    "--combine: \"%s\" is already a subject; choose another "
		    "name", c->name);
	for (i = 0; i + 1 < m->ncombo; i++)
		if (strcmp(m->combo[i].name, c->name) == 0)
			return error_set(err, TRACK_EXIT_USAGE, NULL, 0,
			    "--combine: \"%s\" given twice", c->name);
	for (p = eq + 1; ; p = q + 1) {
		const char *colon, *end;
		int si, mi;

		q = strchr(p, '+');
		end = q ? q : p + strlen(p);
		colon = memchr(p, ':', (size_t)(end - p));
		if (c->np == MAXPARTS)
			return error_set(err, TRACK_EXIT_USAGE, NULL, 0,
			    "--combine: at most %d parts", MAXPARTS);
		si = scheme_subject_index(m->s, p,
		    (size_t)((colon ? colon : end) - p));
		if (si < 0)
			return error_set(err, TRACK_EXIT_USAGE, NULL, 0,
			    "--combine: unknown subject \"%.*s\"",
			    (int)((colon ? colon : end) - p), p);
		mi = colon ? scheme_measure_index(m->s, colon + 1,
		    (size_t)(end - colon - 1)) : scheme_measure_index(m->s,
		    "", 0);
		if (mi < 0)
			return error_set(err, TRACK_EXIT_USAGE, NULL, 0,
			    "--combine: unknown measure \"%.*s\"",
			    (int)(end - colon - 1), colon + 1);
		c->p[c->np].subject = si;
		c->p[c->np].measure = mi;
		if (c->np > 0 && mi != c->p[0].measure)
			same = 0;
		c->np++;
		if (q == NULL)
			break;
	}
	if (c->np < 2)
		return error_set(err, TRACK_EXIT_USAGE, NULL, 0,
		    "--combine \"%s\": a combined subject needs two parts or "
		    "more", spec);
	for (i = 0; i < c->np; i++) {
		const char *id = scheme_measure_id_at(m->s,
		    (size_t)c->p[i].measure);

		if (same && i > 0)
			break;
		if ((i > 0 && buf_append(&mt, "+", 1, 0) < 0) ||
		    buf_append(&mt, id, strlen(id), 0) < 0) {
			buf_free(&mt);
			return error_nomem(err);
		}
	}
	if (buf_append(&mt, "", 0, 1) < 0)
		return error_nomem(err);
	c->mtext = mt.ptr;
	if (!same && (c->mlabel = combo_mlabel(m, c)) == NULL)
		return error_nomem(err);
	return 0;
}

/* --benchmark: finds the scheme's benchmark.  Returns 0 or usage. */
static int
set_benchmark(track_summary *m, track_error *err)
{
	size_t k, nb;
	track_buf names = { 0 };
	int rc;

	m->bench = scheme_benchmark_find(m->s, m->o.benchmark);
	if (m->bench != NULL) {
		m->bench_years = scheme_benchmark_has_years(m->bench);
		return 0;
	}
	nb = scheme_benchmark_count(m->s);
	for (k = 0; k < nb; k++) {
		const char *id = scheme_benchmark_id(scheme_benchmark_at(m->s,
		    k));

		if (k > 0)
			buf_append(&names, ", ", 2, 0);
		buf_append(&names, id, strlen(id), 0);
	}
	buf_append(&names, "", 0, 1);
	rc = error_set(err, TRACK_EXIT_USAGE, NULL, 0,
	    "--benchmark: the scheme has no benchmark \"%s\" (it has: %s)",
	    m->o.benchmark, nb ? names.ptr : "none");
	buf_free(&names);
	return rc;
}

/*
 * --gap COL=A:B: the two groups, and the column (added, not shown, when
 * --by does not name it).  Returns 0 or an exit status with err.
 */
static int
set_gap(track_summary *m, track_error *err)
{
	const char *gap = m->o.gap, *eq = strchr(gap, '='), *colon;
	char *col;
	size_t i;
	int rc = 0;

	colon = eq ? strchr(eq, ':') : NULL;
	if (eq == NULL || colon == NULL || eq == gap || colon == eq + 1 ||
	    colon[1] == '\0')
		return error_set(err, TRACK_EXIT_USAGE, NULL, 0,
		    "--gap \"%s\": write COLUMN=A:B, e.g. pp=Y:N", gap);
	col = dupn(gap, (size_t)(eq - gap));
	m->gap_a = dupn(eq + 1, (size_t)(colon - eq - 1));
	m->gap_b = strdup(colon + 1);
	if (col == NULL || m->gap_a == NULL || m->gap_b == NULL) {
		free(col);
		return error_nomem(err);
	}
	for (i = 0; i < m->nby; i++)
		if (strcasecmp(m->by[i].name, col) == 0)
			m->gapby = (int)i;
	/* At a merge the column comes from the partials. */
	if (m->gapby < 0 && !m->o.merge) {
		rc = sum_add_by(m, col, BY_GAP, err);
		m->gapby = (int)m->nby - 1;
	}
	free(col);
	return rc;
}

/* --across FIELD: checks the field.  Returns 0 or TRACK_EXIT_USAGE. */
static int
check_across(const track_summary *m, track_error *err)
{
	const char *f = m->o.across;
	int ok = strcmp(f, "point") == 0 || strcmp(f, "measure") == 0 ||
	    strcmp(f, "subject") == 0;
	size_t i;

	for (i = 0; i < m->nby; i++)
		if (strcmp(m->by[i].name, f) == 0)
			ok = 1;
	if (!ok && !m->o.merge)
		return error_set(err, TRACK_EXIT_USAGE, NULL, 0,
		    "--across \"%s\": spread point, measure, subject or one "
		    "of the --by columns", f);
	if (m->o.gap != NULL)
		return error_set(err, TRACK_EXIT_USAGE, NULL, 0,
		    "--across and --gap do not go together");
	return 0;
}

int
summary_check_opts(const struct summary_opts *o, track_error *err)
{
	if (o->point != NULL && o->over)
		return error_set(err, TRACK_EXIT_USAGE, NULL, 0,
		    "--point and --over point do not go together");
	if (o->partial && o->merge)
		return error_set(err, TRACK_EXIT_USAGE, NULL, 0,
		    "--partial and --merge do not go together");
	if (o->merge && (o->by || o->ncombine || o->pupils || o->point ||
	    o->over || o->roll || o->objectives))
		return error_set(err, TRACK_EXIT_USAGE, NULL, 0,
		    "--merge takes --by, --combine, --pupils, --point, "
		    "--over, --roll and --objectives from the partials; give "
		    "them when making the partials");
	if (o->partial && o->title != NULL)
		return error_set(err, TRACK_EXIT_USAGE, NULL, 0,
		    "--title names the final table: give it to --merge, not "
		    "--partial");
	if (o->partial && (o->objectives || o->across))
		return error_set(err, TRACK_EXIT_USAGE, NULL, 0,
		    "--partial does not work with --%s",
		    o->objectives ? "objectives" : "across");
	return 0;
}

int
summary_new(track_summary **out, const track_scheme *s,
    const struct summary_opts *o, track_error *err)
{
	track_summary *m;
	size_t i;
	int rc = 0;

	*out = NULL;
	m = calloc(1, sizeof *m);
	if (m == NULL)
		return error_nomem(err);
	m->s = s;
	m->o = *o;
	m->gapby = -1;
	m->point = -1;
	m->worse_than = -1;
	m->pupils = o->pupils;
	m->nbands = scheme_band_count(s);
	m->standard = scheme_band_standard(s);
	m->roll_col_pupil = m->roll_col_name = -1;
	for (i = 0; i < CMEMO; i++)
		m->cmemo[i].id = -1;
	m->mode = o->over ? MODE_OVER : o->point ? MODE_POINT : MODE_LATEST;
	m->emap = u64map_new_grouped(ENTRY_LOW);
	m->prior = u64map_new();
	m->cmap = strmap_new();
	m->omap = u64map_new();
	m->objids = strmap_new();
	if (pnames_init(&m->pn, o->pupils) != 0 || !m->emap || !m->prior || !m->cmap || !m->omap ||
	    !m->objids || buf_append(&m->disp, "", 0, 1) < 0) {
		rc = error_nomem(err);
		goto out;
	}
	if (scheme_subject_count(s) * scheme_measure_count(s) >=
	    (1u << ENTRY_LOW)) {
		rc = error_set(err, TRACK_EXIT_USAGE, NULL, 0,
		    "the scheme has too many subjects and measures for "
		    "reports (at most %u pairs)", 1u << ENTRY_LOW);
		goto out;
	}
	if (m->nbands > MAXB) {
		rc = error_set(err, TRACK_EXIT_USAGE, NULL, 0,
		    "the scheme has %zu bands; reports handle at most %d",
		    m->nbands, MAXB);
		goto out;
	}
	rc = set_by(m, o->by, err);
	for (i = 0; rc == 0 && i < o->ncombine; i++)
		rc = sum_add_combo(m, o->combine[i], err);
	if (rc == 0 && o->benchmark != NULL)
		rc = set_benchmark(m, err);
	if (rc == 0 && o->gap != NULL)
		rc = set_gap(m, err);
	if (rc == 0 && o->across != NULL)
		rc = check_across(m, err);
out:
	if (rc != 0) {
		summary_free(m);
		return rc;
	}
	*out = m;
	return 0;
}

static json_t *
meta_of(track_summary *m, const char *kind)
{
	json_t *o = json_object(), *a;
	size_t i, np;
	unsigned char *has;

	if (o == NULL)
		return NULL;
	json_object_set_new(o, "report", json_string("summary"));
	json_object_set_new(o, "kind", json_string(kind));
	if (m->o.title != NULL)
		json_object_set_new(o, "title", json_string(m->o.title));
	json_object_set_new(o, "scheme", json_string(scheme_name(m->s)));
	a = json_array();
	np = m->a != NULL ? assess_point_count(m->a) : 0;
	/* Which points have cells: one pass, not one per point. */
	has = calloc(np + 1, 1);
	if (has == NULL) {
		json_decref(a);
		json_decref(o);
		return NULL;
	}
	for (i = 0; i < m->ncell; i++)
		if (m->cell[i].point >= 0 && (size_t)m->cell[i].point < np)
			has[m->cell[i].point] = 1;
	for (i = 0; i < np; i++) {
		const char *pt = assess_point_text(m->a, (long)i);
		char *pl;

		if (m->mode != MODE_OVER && (long)i != m->point)
			continue;
		if (!has[i] && !m->o.objectives)
			continue;
		pl = scheme_point_label_dup(m->s, pt, strlen(pt));
		json_array_append_new(a, json_pack("{s:s, s:s}", "id", pt,
		    "label", pl ? pl : pt));
		free(pl);
	}
	free(has);
	json_object_set_new(o, "points", a);
	a = json_array();
	for (i = 0; i < m->nby; i++)
		if (!m->by[i].hidden)
			json_array_append_new(a, json_pack("{s:s, s:s}", "id",
			    m->by[i].name, "label", sum_by_label(&m->by[i])));
	json_object_set_new(o, "by", a);
	a = json_array();
	for (i = 0; i < m->nbands; i++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:b}", "id",
		    scheme_band_id(m->s, i), "label", scheme_band_label(m->s,
		    i), "standard", i == m->standard));
	json_object_set_new(o, "bands", a);
	json_object_set_new(o, "min_group", json_integer(min_group(m)));
	json_object_set_new(o, "suppressed_marker", json_string("c"));
	if (m->bench != NULL)
		json_object_set_new(o, "benchmark", json_pack("{s:s, s:s}",
		    "id", scheme_benchmark_id(m->bench), "label",
		    scheme_benchmark_label(m->bench)));
	if (m->o.gap != NULL)
		json_object_set_new(o, "gap", json_string(m->o.gap));
	if (m->o.across != NULL)
		json_object_set_new(o, "across", json_string(m->o.across));
	a = json_array();
	for (i = 0; i < m->ncombo; i++)
		json_array_append_new(a, json_string(m->combo[i].spec));
	json_object_set_new(o, "combine", a);
	json_object_set_new(o, "roll", json_boolean(m->roll));
	json_object_set_new(o, "pupils", json_boolean(m->pupils));
	return o;
}

/*
 * The warning about rows a benchmark for year groups was not compared
 * with (m->bench_note), also set as the benchmark's "note" in meta.
 * Returns 0 or -1 (out of memory).
 */
static int
bench_note(track_summary *m, json_t *meta)
{
	track_buf t = { 0 };
	const char *first = NULL, *id;
	size_t i, ny = scheme_year_count(m->s);
	int rc = 0;

	free(m->bench_note);
	m->bench_note = NULL;
	if (m->bench_mixed == 0 && m->bench_noyear == 0)
		return 0;
	for (i = 0; i < ny && i < SCHEME_YEARS_MAX && rc == 0; i++) {
		if (!(m->mixed_years & (track_years)1 << i))
			continue;
		id = scheme_year_id_at(m->s, i);
		if ((first != NULL && buf_append(&t, ", ", 2, 0) < 0) ||
		    buf_append(&t, id, strlen(id), 0) < 0)
			rc = -1;
		if (first == NULL)
			first = id;
	}
	if (rc == 0 && (m->mixed_years & SCHEME_YEARS_OTHER) &&
	    buf_append(&t, ", no year", 9, 0) < 0)
		rc = -1;
	if (rc == 0 && buf_append(&t, "", 0, 1) < 0)
		rc = -1;
	if (rc == 0 && m->bench_mixed > 0)
		rc = asprintf(&m->bench_note, "--benchmark %s: its figures are "
		    "for year groups, and %lld row%s mix%s year groups (%s): "
		    "left blank, not compared; use --by year, or keep one "
		    "year group (track-filter -w year=%s)",
		    scheme_benchmark_id(m->bench), m->bench_mixed,
		    m->bench_mixed == 1 ? "" : "s", m->bench_mixed == 1 ?
		    "es" : "", t.ptr, first) < 0 ? -1 : 0;
	else if (rc == 0)
		rc = asprintf(&m->bench_note, "--benchmark %s: its figures are "
		    "for year groups, and %lld row%s no year group the "
		    "scheme knows: left blank, not compared",
		    scheme_benchmark_id(m->bench), m->bench_noyear,
		    m->bench_noyear == 1 ? " has" : "s have") < 0 ? -1 : 0;
	if (rc != 0)
		m->bench_note = NULL;
	buf_free(&t);
	if (rc == 0)
		rc = json_object_set_new(json_object_get(meta, "benchmark"),
		    "note", json_string(m->bench_note));
	return rc;
}

const char *
summary_warning(const track_summary *m)
{
	return m->bench_note;
}

int
summary_table(track_summary *m, track_rtable **out, json_t **meta,
    track_error *err)
{
	track_rtable *t = NULL;
	json_t *mt = NULL;
	int rc;

	*out = NULL;
	*meta = NULL;
	if (m->a == NULL && sum_need_assessor(m, err) != 0)
		return TRACK_EXIT_IO;
	rc = sum_build(m, err);
	if (rc != 0)
		return rc;
	t = rtable_new();
	mt = meta_of(m, m->o.objectives ? "objectives" : m->o.gap ? "gap" :
	    m->o.across ? "across" : "overview");
	if (t == NULL || mt == NULL)
		goto oom;
	if (m->o.gap != NULL && m->gapby < 0 &&
	    (rc = sum_merge_gap(m, err)) != 0) {
		rtable_free(t);
		json_decref(mt);
		return rc;
	}
	if (m->o.across != NULL && strcmp(m->o.across, "point") &&
	    strcmp(m->o.across, "measure") && strcmp(m->o.across, "subject")) {
		size_t i;

		for (i = 0; i < m->nby; i++)
			if (!strcmp(m->by[i].name, m->o.across) &&
			    m->by[i].hidden != BY_PRIVACY)
				break;
		if (i == m->nby) {
			rtable_free(t);
			json_decref(mt);
			return error_set(err, TRACK_EXIT_USAGE, NULL, 0,
			    "--across \"%s\": the partials are not grouped by "
			    "that column", m->o.across);
		}
	}
	m->nsmall = m->ncomp = 0;
	if (!m->o.objectives && sum_suppress_and_fold(m) != 0)
		goto oom;
	if (m->o.objectives)
		rc = sum_objectives(m, t, mt);
	else if (m->o.gap != NULL)
		rc = sum_gap(m, t);
	else if (m->o.across != NULL)
		rc = sum_across(m, t);
	else
		rc = sum_overview(m, t, mt);
	if (rc != 0 || bench_note(m, mt) != 0)
		goto oom;
	/* For the note under the table: how many groups were hidden as
	 * small, and how many as complements (never which). */
	if (!m->o.objectives && json_object_set_new(mt, "suppressed",
	    json_pack("{s:I, s:I}", "small", (json_int_t)m->nsmall,
	    "complements", (json_int_t)m->ncomp)) != 0)
		goto oom;
	*out = t;
	*meta = mt;
	return 0;
oom:
	rtable_free(t);
	json_decref(mt);
	return error_nomem(err);
}

void
summary_free(track_summary *m)
{
	size_t i, b;

	if (m == NULL)
		return;
	assess_free(m->a);
	free(m->supp);
	free(m->bench_note);
	for (i = 0; i < m->nby; i++) {
		free(m->by[i].name);
		free(m->by[i].prior);
		free(m->by[i].plabel);
		free(m->by[i].rank);
		strmap_free(m->by[i].vals);
	}
	for (i = 0; i < m->ncombo; i++) {
		free(m->combo[i].spec);
		free(m->combo[i].name);
		free(m->combo[i].label);
		free(m->combo[i].mtext);
		free(m->combo[i].mlabel);
	}
	free(m->combo);
	free(m->gap_a);
	free(m->gap_b);
	pnames_free(&m->pn);
	buf_free(&m->disp);
	u64map_free(m->emap);
	chains_free(&m->echain);
	free(m->ent);
	free(m->eg);
	u64map_free(m->prior);
	free(m->pband);
	free(m->pdefault);
	strmap_free(m->roll_ids);
	free(m->roll_pupil);
	free(m->roll_g);
	u64map_free(m->omap);
	free(m->oent);
	strmap_free(m->objids);
	strmap_free(m->cmap);
	for (i = 0; i < m->ncell; i++) {
		free(m->cell[i].h);
		for (b = 0; b < NBUCKET; b++)
			free(m->cell[i].pl[b].off);
	}
	free(m->cell);
	for (i = 0; i < m->nmslot; i++)
		free(m->mslot[i]);
	free(m->mslot);
	json_decref(m->partial_head);
	for (i = 0; i < m->npart; i++) {
		for (b = 0; b < m->part[i].nr; b++)
			free(m->part[i].r[b].names.off);
		free(m->part[i].r);
		u64map_free(m->part[i].slices);
	}
	free(m->part);
	if (m->mode == MODE_POINT && m->merged)
		free((char *)m->o.point);
	free(m);
}

int
summary_points_seen(const track_summary *m, char *out, size_t outsz)
{
	return assess_points_seen(m->a, out, outsz);
}

int
summary_check(const track_summary *m, track_error *err)
{
	char seen[400];

	if (m->o.point == NULL || m->merged || summary_rows_shown(m) != 0 ||
	    summary_points_seen(m, seen, sizeof seen) != 0 || seen[0] == '\0')
		return 0;
	return error_set(err, TRACK_EXIT_DATA, NULL, 0, "no records at point "
	    "\"%s\" (the input has %s); choose one of those with --point",
	    m->o.point, seen);
}

size_t
summary_rows_shown(const track_summary *m)
{
	size_t i, k = 0;

	for (i = 0; i < m->ncell; i++)
		k += shown(m, &m->cell[i]);
	return k + m->noent;
}

/* Writes the note under a table that hides groups (see summary_write). */
static int
write_note(track_writer *w, enum track_format fmt, json_t *meta,
    track_error *err)
{
	json_t *sup = json_object_get(meta, "suppressed");
	char *note;
	int rc;

	if ((fmt != TRACK_FMT_TABLE && fmt != TRACK_FMT_MARKDOWN &&
	    fmt != TRACK_FMT_XLSX) ||
	    json_integer_value(json_object_get(sup, "small")) +
	    json_integer_value(json_object_get(sup, "complements")) == 0)
		return 0;
	note = suppress_note(json_integer_value(json_object_get(meta,
	    "min_group")), json_integer_value(json_object_get(sup,
	    "complements")));
	if (note == NULL)
		return 0;
	rc = writer_text(w, "\n", 1, err) || writer_text(w, note,
	    strlen(note), err) || writer_text(w, "\n", 1, err) ?
	    TRACK_EXIT_IO : 0;
	free(note);
	return rc;
}

int
summary_write(track_rtable *t, json_t *meta, track_writer *w,
    enum track_format fmt, track_error *err)
{
	int rc;

	error_clear(err);
	if (fmt == TRACK_FMT_JSON) {
		rc = rtable_document(t, meta) != 0 ? TRACK_EXIT_IO :
		    rtable_json_write(meta, w, err);
		if (rc != 0 && err->text[0] == '\0')
			error_set(err, TRACK_EXIT_IO, NULL, 0,
			    "out of memory");
		return rc;
	}
	if (fmt == TRACK_FMT_XLSX || ((fmt == TRACK_FMT_TABLE ||
	    fmt == TRACK_FMT_MARKDOWN) && json_is_string(json_object_get(meta,
	    "title")))) {
		/*
		 * A workbook for people: its title above the table; a table
		 * or Markdown only when --title gave one.
		 */
		char *title = report_summary_title(meta);

		if (title == NULL)
			return error_nomem(err);
		rc = writer_text(w, fmt == TRACK_FMT_MARKDOWN ? "## " : "",
		    fmt == TRACK_FMT_MARKDOWN ? 3 : 0, err) ||
		    writer_text(w, title, strlen(title), err) ||
		    writer_text(w, "\n\n", 2, err) ? TRACK_EXIT_IO : 0;
		free(title);
		if (rc != 0)
			return rc;
	}
	rc = rtable_write(t, w, fmt, err);
	return rc != 0 ? rc : write_note(w, fmt, meta, err);
}

int
summary_on_header(void *m, const track_str *hdr, size_t n,
    track_error *err)
{
	return summary_bind(m, hdr, n, err);
}

int
summary_on_row(void *m, const track_row *row, track_error *err)
{
	return summary_row(m, row->field, err);
}

int
summary_on_roll_header(void *m, const track_str *hdr, size_t n,
    track_error *err)
{
	return summary_roll_bind(m, hdr, n, err);
}

int
summary_on_roll_row(void *m, const track_row *row, track_error *err)
{
	return summary_roll_row(m, row->field, err);
}
