/* summary.c - overviews and summary tables; see summary.h. */
#include "summary.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/str.h"
#include "assess/assess.h"
#include "base/buf.h"
#include "cli/cli.h"
#include "record/records.h"
#include "base/strmap.h"
#include "suppress.h"
#include "base/u64map.h"

#define MAXB 16		/* bands a scheme may have, for cell counts */
#define MAXBY 8		/* --by columns */
#define MAXPARTS 24	/* parts of a combined subject (GLD has 12) */
#define NBUCKET (MAXB + 4)
#define CMEMO 8		/* cells remembered in front of the cell map */
#define ENTRY_LOW 12	/* subject and measure bits of an entry key */
#define NO_NEXT ((size_t)-1)	/* the end of a chain of cells */

/* Buckets a pupil is counted in, after the bands 0 .. MAXB-1. */
enum { B_NOT_AT = MAXB, B_EXCLUDED, B_MISSING, B_NOBAND };

enum bykind { BY_YEAR, BY_GROUP, BY_RAW, BY_PRIOR };

struct bycol {
	char *name;
	enum bykind kind;
	long col, roll_col;
	const track_group *g;
	char *prior;		/* BY_PRIOR: the point's text */
	char *plabel;		/* BY_PRIOR: "Prior (Key stage 1)" */
	long prior_point;	/* its assessor id */
	track_strmap *vals;	/* canonical values; id 0 is "" */
	long *rank;		/* value id -> sort position */
	int hidden;		/* not shown: 1 added for --gap, 2 a privacy
				   column (see add_privacy) */
};

struct part {
	int subject;
	int measure;		/* scheme measure index */
};

struct combo {
	char *spec;		/* as given, for partials */
	char *name;
	char *label;		/* "RWM", "Literacy" */
	struct part p[MAXPARTS];
	size_t np;
	char *mtext;		/* measure column: "ta" or "ks2+ta+ks2" */
};

/* One record identity's latest value. */
struct ent {
	uint32_t pupil;
	int16_t subject, measure;
	int32_t point;
	int8_t bucket;
	int8_t number;		/* value is a score on a score scale */
	double num;
	int32_t words;		/* own words ("Y3 EXS") offset, or -1 */
};

struct hv {
	double v;
	long long c;
};

struct plist {
	size_t *off;		/* display strings in m->disp */
	size_t n, cap;
};

struct cell {
	int subj, meas;		/* slots: scheme index, or past it */
	long point;
	long g[MAXBY];
	long long cnt[NBUCKET];
	struct hv *h;
	size_t nh, hcap;
	struct plist pl[NBUCKET];
};

struct objent {
	uint32_t pupil;
	int16_t subject;
	int32_t point;
	int32_t list;		/* year index, or -2 - custom index */
	int32_t objective;	/* id in m->objids */
	int8_t secure;
};

struct track_summary {
	const track_scheme *s;
	struct summary_opts o;
	track_assess *a;
	size_t nbands, standard;
	int mindef;

	struct bycol by[MAXBY + 1];	/* one spare, for sorting */
	size_t nby;
	struct combo *combo;
	size_t ncombo;
	int gapby;		/* by index of the --gap column, or -1 */
	char *gap_a, *gap_b;
	const track_benchmark *bench;
	int pupils;
	int any_prior;		/* a --by prior=POINT column */
	enum { MODE_LATEST, MODE_POINT, MODE_OVER } mode;
	long point;		/* MODE_POINT: the point; MODE_LATEST: best */
	int point_seen;

	track_strmap *pupil_ids;
	char last[32];		/* the previous pupil and their id */
	size_t lastlen;
	long lastid;
	size_t *pname;		/* pupil -> display offset (with --pupils) */
	size_t pcap;
	track_buf disp;		/* display strings, NUL after each */

	track_u64map *emap;
	struct ent *ent;
	int32_t *eg;		/* entry -> by values (nby each) */
	size_t nent, ecap, egcap;

	track_u64map *prior;	/* (pupil, subject) -> prior band + 1 */
	int8_t *pband;
	uint8_t *pdefault;
	size_t pcapb, pcapd;

	/* --roll */
	int roll;
	track_strmap *roll_ids;	/* roll pupil -> index */
	uint32_t *roll_pupil;
	long *roll_g;
	size_t nroll, rcap, rgcap;
	long roll_col_pupil, roll_col_name;
	unsigned long long off_roll;

	/* --objectives */
	track_u64map *omap;
	struct objent *oent;
	size_t noent, ocap;
	track_strmap *objids;

	/* cells */
	track_strmap *cmap;
	struct {			/* the last few cells found */
		long key[3 + MAXBY];
		long id;
	} cmemo[CMEMO];
	unsigned cnext;
	struct cell *cell;
	size_t ncell, ccap;
	char **mslot;		/* measure slots past the scheme's: text */
	size_t nmslot;

	/* merge: each part's slices and roster, for its missing pupils */
	struct mpart {
		track_u64map *slices;
		struct rentry {
			int subj;
			long g[MAXBY];
			long long count;
			struct plist names;
		} *r;
		size_t nr, rcap;
	} *part;
	size_t npart;
	int rostered;
	int merged;
	json_t *partial_head;	/* the first partial's structure */
	long long mtotal;	/* every count merged, added up */

	/* suppression: per cell (enum suppress_kind), and what was shown */
	unsigned char *supp;
	long long nsmall, ncomp;
	int folded;		/* suppress_and_fold has run */
};

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
static char *
cat(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	char *d = malloc(na + nb + 1);

	if (d != NULL) {
		memcpy(d, a, na);
		memcpy(d + na, b, nb + 1);
	}
	return d;
}

/* ---- Options ---- */

/*
 * Adds a --by column (or "prior=POINT").  Returns 0, or an exit status
 * with err filled.
 */
static int
add_by(track_summary *m, const char *spec, int hidden, track_error *err)
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

			b->plabel = pl ? cat("Prior (", pl) : NULL;
			free(pl);
			pl = b->plabel ? cat(b->plabel, ")") : NULL;
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
		rc = add_by(m, v[i], 0, err);
	free(v);
	return rc;
}

/*
 * Parses one --combine spec, NAME=PART+PART where PART is SUBJECT or
 * SUBJECT:MEASURE.
 */
static int
add_combo(track_summary *m, const char *spec, track_error *err)
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
	m->pupils = o->pupils;
	m->nbands = scheme_band_count(s);
	m->standard = scheme_band_standard(s);
	m->roll_col_pupil = m->roll_col_name = -1;
	m->lastlen = SIZE_MAX;
	for (i = 0; i < CMEMO; i++)
		m->cmemo[i].id = -1;
	m->mode = o->over ? MODE_OVER : o->point ? MODE_POINT : MODE_LATEST;
	m->pupil_ids = strmap_new();
	m->emap = u64map_new_grouped(ENTRY_LOW);
	m->prior = u64map_new();
	m->cmap = strmap_new();
	m->omap = u64map_new();
	m->objids = strmap_new();
	if (!m->pupil_ids || !m->emap || !m->prior || !m->cmap || !m->omap ||
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
		rc = add_combo(m, o->combine[i], err);
	if (rc == 0 && o->benchmark != NULL) {
		m->bench = scheme_benchmark_find(s, o->benchmark);
		if (m->bench == NULL) {
			size_t k, nb = scheme_benchmark_count(s);
			track_buf names = { 0 };

			for (k = 0; k < nb; k++) {
				const char *id = scheme_benchmark_id(
				    scheme_benchmark_at(s, k));

				if (k > 0)
					buf_append(&names, ", ", 2, 0);
				buf_append(&names, id, strlen(id), 0);
			}
			buf_append(&names, "", 0, 1);
			rc = error_set(err, TRACK_EXIT_USAGE, NULL, 0,
			    "--benchmark: the scheme has no benchmark \"%s\" "
			    "(it has: %s)", o->benchmark, nb ? names.ptr :
			    "none");
			buf_free(&names);
		}
	}
	if (rc == 0 && o->gap != NULL) {
		const char *eq = strchr(o->gap, '='), *colon;
		char *col;

		colon = eq ? strchr(eq, ':') : NULL;
		if (eq == NULL || colon == NULL || eq == o->gap ||
		    colon == eq + 1 || colon[1] == '\0') {
			rc = error_set(err, TRACK_EXIT_USAGE, NULL, 0,
			    "--gap \"%s\": write COLUMN=A:B, e.g. pp=Y:N",
			    o->gap);
			goto out;
		}
		col = dupn(o->gap, (size_t)(eq - o->gap));
		m->gap_a = dupn(eq + 1, (size_t)(colon - eq - 1));
		m->gap_b = strdup(colon + 1);
		if (col == NULL || m->gap_a == NULL || m->gap_b == NULL) {
			free(col);
			rc = error_nomem(err);
			goto out;
		}
		for (i = 0; i < m->nby; i++)
			if (strcasecmp(m->by[i].name, col) == 0)
				m->gapby = (int)i;
		/* At a merge the column comes from the partials. */
		if (m->gapby < 0 && !o->merge) {
			rc = add_by(m, col, 1, err);
			m->gapby = (int)m->nby - 1;
		}
		free(col);
	}
	if (rc == 0 && o->across != NULL) {
		int ok = strcmp(o->across, "point") == 0 ||
		    strcmp(o->across, "measure") == 0 ||
		    strcmp(o->across, "subject") == 0;

		for (i = 0; i < m->nby; i++)
			if (strcmp(m->by[i].name, o->across) == 0)
				ok = 1;
		if (!ok && !o->merge)
			rc = error_set(err, TRACK_EXIT_USAGE, NULL, 0,
			    "--across \"%s\": spread point, measure, subject "
			    "or one of the --by columns", o->across);
		else if (o->gap != NULL)
			rc = error_set(err, TRACK_EXIT_USAGE, NULL, 0,
			    "--across and --gap do not go together");
	}
out:
	if (rc != 0) {
		summary_free(m);
		return rc;
	}
	*out = m;
	return 0;
}

/* ---- Reading records ---- */

/* Makes the assessor when there is no record header (a merge). */
static int
need_assessor(track_summary *m, track_error *err)
{
	static const track_str h[] = {
		{ "pupil", 5 }, { "subject", 7 }, { "point", 5 },
		{ "value", 5 }
	};

	if (m->a != NULL)
		return 0;
	return assess_new(&m->a, m->s, h, 4, ASSESS_USE_BAND, err);
}

/* Interns the points the options name, once there is an assessor. */
static int
bind_points(track_summary *m, track_error *err)
{
	size_t i;

	if (m->mode == MODE_POINT && m->point < 0) {
		m->point = assess_point_intern(m->a, m->o.point,
		    strlen(m->o.point));
		if (m->point < 0)
			return error_nomem(err);
	}
	for (i = 0; i < m->nby; i++) {
		if (m->by[i].kind != BY_PRIOR || m->by[i].prior_point >= 0)
			continue;
		m->by[i].prior_point = assess_point_intern(m->a,
		    m->by[i].prior, strlen(m->by[i].prior));
		if (m->by[i].prior_point < 0)
			return error_nomem(err);
	}
	return 0;
}

static int add_privacy(track_summary *m, const track_str *hdr, size_t n,
    int roll, track_error *err);

int
summary_bind(track_summary *m, const track_str *hdr, size_t n,
    track_error *err)
{
	size_t i;
	int rc;

	rc = assess_new(&m->a, m->s, hdr, n, ASSESS_USE_BAND, err);
	if (rc != 0)
		return rc;
	for (i = 0; i < m->nby; i++) {
		struct bycol *b = &m->by[i];

		b->prior_point = -1;
		if (b->kind == BY_PRIOR)
			continue;
		b->col = records_col(hdr, n, b->name);
		if (b->col < 0 && b->hidden != 2)
			return error_set(err, TRACK_EXIT_USAGE, NULL, 0,
			    "%s: no column \"%s\" in the input",
			    b->hidden ? "--gap" : "--by", b->name);
	}
	rc = add_privacy(m, hdr, n, 0, err);
	if (rc != 0)
		return rc;
	return bind_points(m, err);
}

/*
 * The privacy columns: when groups may be suppressed (a threshold above 1)
 * or the cells go to a partial (the merge may suppress), the year and
 * every column of the scheme's groups that the input or the roll has are
 * added as hidden --by columns, so that suppression is decided over the
 * same columns whatever the report was asked for (see
 * decide_suppression): --by send alone then hides what --by pp,send and
 * --by eal,send need hidden.  The cells are folded over them before the
 * tables are made.  Called with the roll's header (roll nonzero), which
 * comes first, then with the records'; a column one of them lacks is
 * blank there, as for --by.  Columns past MAXBY are left out.  Returns 0
 * or an error.
 */
static int
add_privacy(track_summary *m, const track_str *hdr, size_t n, int roll,
    track_error *err)
{
	long mg = m->o.min_group >= 0 ? m->o.min_group :
	    scheme_min_group(m->s);
	size_t i, k, ng = scheme_group_count(m->s);
	int rc;

	if ((mg <= 1 && !m->o.partial) || m->o.objectives)
		return 0;
	for (i = 0; i <= ng && m->nby < MAXBY; i++) {
		const char *name = i == 0 ? "year" :
		    scheme_group_column(scheme_group_at(m->s, i - 1));
		long c = records_col(hdr, n, name);

		for (k = 0; k < m->nby; k++)
			if (strcasecmp(m->by[k].name, name) == 0)
				break;
		if (c < 0 || k < m->nby)
			continue;
		rc = add_by(m, name, 2, err);
		if (rc != 0)
			return rc;
		m->by[m->nby - 1].prior_point = -1;
		if (roll) {
			m->by[m->nby - 1].roll_col = c;
			continue;
		}
		m->by[m->nby - 1].col = c;
		/* Pupils of the roll read already: blank in this column. */
		for (k = 0; k < m->nroll; k++)
			m->roll_g[k * MAXBY + m->nby - 1] = 0;
	}
	return 0;
}

/* The interned id of group value `v` for by column `b` (canonical). */
static long
by_value(track_summary *m, struct bycol *b, track_str v)
{
	const char *code = NULL;

	v = str_trim(v);
	if (v.len > 0 && b->kind == BY_YEAR)
		code = scheme_year_id(m->s, v.ptr, v.len);
	else if (v.len > 0 && b->kind == BY_GROUP)
		code = scheme_group_code(m->s, b->name, v.ptr, v.len, NULL);
	if (code != NULL)
		return strmap_intern(b->vals, code, strlen(code), NULL);
	return strmap_intern(b->vals, v.ptr, v.len, NULL);
}

/* Interns a pupil; keeps their display name with --pupils. */
static long
pupil_id(track_summary *m, track_str p, track_str name)
{
	int added;
	long id, off;

	/* Records usually come pupil by pupil. */
	if (p.len == m->lastlen && memcmp(p.ptr, m->last, p.len) == 0 &&
	    (!m->pupils || name.len == 0))
		return m->lastid;
	id = strmap_intern(m->pupil_ids, p.ptr, p.len, &added);
	if (id >= 0 && p.len <= sizeof m->last) {
		memcpy(m->last, p.ptr, p.len);
		m->lastlen = p.len;
		m->lastid = id;
	}
	if (id < 0 || !m->pupils)
		return id;
	if (buf_grow(&m->pname, &m->pcap, (size_t)id + 1, sizeof *m->pname))
		return -1;
	if (added || name.len > 0) {
		if (name.len == 0)
			name = p;
		off = buf_append(&m->disp, name.ptr, name.len, 1);
		if (off < 0)
			return -1;
		m->pname[id] = (size_t)off;
	}
	return id;
}

/*
 * The key of an identity: the pupil, then the point, then the subject
 * and measure in the low ENTRY_LOW bits (a pupil's records at a point
 * are kept side by side: see u64map_new_grouped).
 */
static uint64_t
entry_key(const track_summary *m, uint32_t pupil, long point, int subject,
    int measure)
{
	return (uint64_t)pupil << 32 | (uint64_t)point << ENTRY_LOW |
	    (uint64_t)(subject * (int)scheme_measure_count(m->s) + measure);
}

/* Keeps an objective judgement (--objectives). */
static int
add_objective(track_summary *m, const struct track_obs *o, long pid,
    track_error *err)
{
	long oid, id;
	int added;
	uint64_t key;
	struct objent *e;

	if (m->mode == MODE_POINT &&
	    assess_point_cmp(m->a, o->point, m->point) > 0)
		return 0;
	oid = strmap_intern(m->objids, o->objective.ptr, o->objective.len,
	    NULL);
	if (oid < 0 || oid >= (1L << 24))
		return oid < 0 ? error_nomem(err) : error_set(err, TRACK_EXIT_DATA,
		    NULL, 0, "too many distinct objectives");
	key = (uint64_t)pid << 32 | (uint64_t)o->subject << 24 |
	    (uint64_t)oid;
	id = u64map_intern(m->omap, key, &added);
	if (id < 0 || buf_grow(&m->oent, &m->ocap, (size_t)id + 1,
	    sizeof *m->oent) != 0)
		return error_nomem(err);
	e = &m->oent[id];
	if (!added && assess_point_cmp(m->a, o->point, e->point) < 0)
		return 0;
	if (added)
		m->noent++;
	e->pupil = (uint32_t)pid;
	e->subject = (int16_t)o->subject;
	e->point = (int32_t)o->point;
	e->objective = (int32_t)oid;
	e->list = o->custom >= 0 ? -2 - o->custom :
	    o->against >= 0 ? o->against : o->year;
	e->secure = (int8_t)(o->band >= 0 && (size_t)o->band >= m->standard);
	return 0;
}

/* Remembers the band a pupil had at a --by prior=POINT point. */
static int
add_prior(track_summary *m, const struct track_obs *o, long pid)
{
	uint64_t key = (uint64_t)pid << 32 | (uint64_t)o->subject;
	int added, def = o->measure == scheme_measure_index(m->s, "", 0);
	long id = u64map_intern(m->prior, key, &added);

	if (id < 0 || buf_grow(&m->pband, &m->pcapb, (size_t)id + 1, 1) != 0 ||
	    buf_grow(&m->pdefault, &m->pcapd, (size_t)id + 1, 1) != 0)
		return -1;
	if (!added && m->pdefault[id] && !def)
		return 0;	/* teacher assessment beats a test */
	m->pband[id] = (int8_t)(o->value.kind == TRACK_VALUE_CODE ||
	    o->value.kind == TRACK_VALUE_NUMBER ? o->band : -1);
	m->pdefault[id] = (uint8_t)def;
	return 0;
}

int
summary_row(track_summary *m, const track_str *row, track_error *err)
{
	struct track_obs o;
	long pid, id;
	uint64_t key;
	size_t i;
	int added, rc;
	struct ent *e;

	/*
	 * With --point, only the records at that point are read (and
	 * checked).  Otherwise every record is checked, whatever the order
	 * of the input, and those at other points then passed over.
	 */
	if (m->mode == MODE_POINT && !m->o.objectives && !m->any_prior) {
		id = assess_peek_point(m->a, row);
		if (id >= 0 && id != m->point)
			return 0;
	}
	rc = assess_row(m->a, row, &o, err);
	if (rc != 0)
		return rc;
	if (m->roll && strmap_find(m->roll_ids, o.pupil.ptr,
	    o.pupil.len) < 0) {
		m->off_roll++;
		return 0;
	}
	pid = pupil_id(m, o.pupil, o.name);
	if (pid < 0)
		return error_nomem(err);
	if (pid > (long)UINT32_MAX - 1)
		return error_set(err, TRACK_EXIT_IO, NULL, 0, "too many pupils");
	if (m->o.objectives)
		return o.objective.len > 0 ? add_objective(m, &o, pid, err) :
		    0;
	if (o.objective.len > 0)
		return 0;	/* objectives never feed the judgement */
	for (i = 0; i < m->nby; i++)
		if (m->by[i].kind == BY_PRIOR &&
		    o.point == m->by[i].prior_point &&
		    add_prior(m, &o, pid) != 0)
			return error_nomem(err);
	switch (m->mode) {
	case MODE_POINT:
		if (o.point != m->point)
			return 0;
		break;
	case MODE_LATEST:
		if (m->point >= 0 && o.point != m->point) {
			if (!assess_point_better(m->a, o.point, m->point))
				return 0;
			u64map_clear(m->emap);
			m->nent = 0;
		}
		m->point = o.point;
		break;
	default:
		break;
	}
	if (o.point >= (1L << 20) - 1)
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "too many distinct points (the limit is a million)");
	key = entry_key(m, (uint32_t)pid, o.point, o.subject, o.measure);
	id = u64map_intern(m->emap, key, &added);
	if (id < 0 || buf_grow(&m->ent, &m->ecap, (size_t)id + 1,
	    sizeof *m->ent) != 0)
		return error_nomem(err);
	if (m->nby > 0 && buf_grow(&m->eg, &m->egcap, ((size_t)id + 1) *
	    m->nby, sizeof *m->eg) != 0)
		return error_nomem(err);
	if (added)
		m->nent = (size_t)id + 1;
	e = &m->ent[id];
	e->pupil = (uint32_t)pid;
	e->subject = (int16_t)o.subject;
	e->measure = (int16_t)o.measure;
	e->point = (int32_t)o.point;
	e->bucket = (int8_t)(o.value.kind == TRACK_VALUE_NOT_AT ? B_NOT_AT :
	    o.value.kind == TRACK_VALUE_EXCLUDED ? B_EXCLUDED :
	    o.band >= 0 ? o.band : B_NOBAND);
	e->number = (int8_t)(o.value.kind == TRACK_VALUE_NUMBER &&
	    scheme_scale_kind(o.scale) == TRACK_SCALE_SCORE);
	e->num = o.value.number;
	e->words = -1;
	if (m->pupils && o.ooy != OOY_NONE) {
		char w[ASSESS_WORDS_MAX];
		int n = assess_own_words(m->a, &o, w, sizeof w);

		if (n > 0) {
			long off = buf_append(&m->disp, w, (size_t)n, 1);

			if (off < 0)
				return error_nomem(err);
			e->words = (int32_t)off;
		}
	}
	for (i = 0; i < m->nby; i++) {
		struct bycol *b = &m->by[i];
		long v = 0;

		if (b->kind != BY_PRIOR && b->col >= 0) {
			v = by_value(m, b, row[b->col]);
			if (v < 0)
				return error_nomem(err);
		}
		m->eg[(size_t)id * m->nby + i] = (int32_t)v;
	}
	return 0;
}

/* ---- The roll ---- */

int
summary_roll_bind(track_summary *m, const track_str *hdr, size_t n,
    track_error *err)
{
	size_t i;

	m->roll = 1;
	m->roll_ids = strmap_new();
	if (m->roll_ids == NULL)
		return error_nomem(err);
	m->roll_col_pupil = records_col(hdr, n, "pupil");
	m->roll_col_name = records_col(hdr, n, "name");
	if (m->roll_col_pupil < 0)
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "no \"pupil\" column in the roll");
	for (i = 0; i < m->nby; i++)
		m->by[i].roll_col = m->by[i].kind == BY_PRIOR ? -1 :
		    records_col(hdr, n, m->by[i].name);
	return add_privacy(m, hdr, n, 1, err);
}

int
summary_roll_row(track_summary *m, const track_str *row, track_error *err)
{
	track_str p = row[m->roll_col_pupil], none = { "", 0 };
	long id, pid;
	int added;
	size_t i;

	if (p.len == 0)
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "blank pupil in the roll");
	id = strmap_intern(m->roll_ids, p.ptr, p.len, &added);
	pid = pupil_id(m, p, m->roll_col_name >= 0 ?
	    row[m->roll_col_name] : none);
	if (id < 0 || pid < 0)
		return error_nomem(err);
	if (added) {
		if (buf_grow(&m->roll_pupil, &m->rcap, m->nroll + 1,
		    sizeof *m->roll_pupil) != 0 || buf_grow(&m->roll_g,
		    &m->rgcap, (m->nroll + 1) * MAXBY, sizeof *m->roll_g))
			return error_nomem(err);
		m->nroll++;
	}
	m->roll_pupil[id] = (uint32_t)pid;
	for (i = 0; i < m->nby; i++) {
		long v = 0;

		if (m->by[i].roll_col >= 0) {
			v = by_value(m, &m->by[i], row[m->by[i].roll_col]);
			if (v < 0)
				return error_nomem(err);
		}
		m->roll_g[(size_t)id * MAXBY + i] = v;
	}
	return 0;
}

unsigned long long
summary_off_roll(const track_summary *m)
{
	return m->off_roll;
}

/* ---- Cells ---- */

/* The cell for a key, made when new; NULL when out of memory. */
static struct cell *
cell_get(track_summary *m, int subj, int meas, long point, const long *g)
{
	long key[3 + MAXBY], id;
	int added;
	size_t i;
	struct cell *c;

	memset(key, 0, sizeof key);
	key[0] = subj;
	key[1] = meas;
	key[2] = point;
	for (i = 0; i < m->nby; i++)
		key[3 + i] = g[i];
	/* A pupil's entries come together and share their groups: the
	 * last few cells answer most lookups without hashing. */
	for (i = 0; i < CMEMO; i++)
		if (m->cmemo[i].id >= 0 && memcmp(m->cmemo[i].key, key,
		    sizeof key) == 0)
			return &m->cell[m->cmemo[i].id];
	id = strmap_intern(m->cmap, (const char *)key,
	    (3 + m->nby) * sizeof key[0], &added);
	if (id < 0 || buf_grow(&m->cell, &m->ccap, (size_t)id + 1,
	    sizeof *m->cell) != 0)
		return NULL;
	c = &m->cell[id];
	memcpy(m->cmemo[m->cnext % CMEMO].key, key, sizeof key);
	m->cmemo[m->cnext++ % CMEMO].id = id;
	if (added) {
		memset(c, 0, sizeof *c);
		c->subj = subj;
		c->meas = meas;
		c->point = point;
		for (i = 0; i < m->nby; i++)
			c->g[i] = g[i];
		m->ncell++;
	}
	return c;
}

/* Adds a score (with a count) to a cell's histogram. */
static int
cell_score(struct cell *c, double v, long long n)
{
	if (buf_grow(&c->h, &c->hcap, c->nh + 1, sizeof *c->h) != 0)
		return -1;
	c->h[c->nh].v = v;
	c->h[c->nh].c = n;
	c->nh++;
	return 0;
}

/* Adds a name (an offset in m->disp) to a cell's list for a bucket. */
static int
cell_name(struct cell *c, int bucket, size_t off)
{
	struct plist *l = &c->pl[bucket];

	if (buf_grow(&l->off, &l->cap, l->n + 1, sizeof *l->off) != 0)
		return -1;
	l->off[l->n++] = off;
	return 0;
}

/* The display string for a pupil, with their own words if out of year. */
static long
display(track_summary *m, uint32_t pupil, int32_t words)
{
	size_t nn, nw;
	long off;

	if (words < 0)
		return (long)m->pname[pupil];
	/* Both parts live in m->disp: make room first, so that it does
	 * not move while they are copied. */
	nn = strlen(m->disp.ptr + m->pname[pupil]);
	nw = strlen(m->disp.ptr + words);
	if (buf_reserve(&m->disp, nn + nw + 4) != 0)
		return -1;
	off = buf_append(&m->disp, m->disp.ptr + m->pname[pupil], nn, 0);
	buf_append(&m->disp, " (", 2, 0);
	buf_append(&m->disp, m->disp.ptr + words, nw, 0);
	buf_append(&m->disp, ")", 1, 1);
	return off;
}

/* Counts one pupil into a cell. */
static int
count(track_summary *m, int subj, int meas, long point, const long *g,
    int bucket, int number, double v, uint32_t pupil, int32_t words)
{
	struct cell *c = cell_get(m, subj, meas, point, g);
	long off;

	if (c == NULL)
		return -1;
	c->cnt[bucket]++;
	if (number && bucket != B_EXCLUDED && cell_score(c, v, 1) != 0)
		return -1;
	if (m->pupils && bucket != B_EXCLUDED) {
		off = display(m, pupil, words);
		if (off < 0 || cell_name(c, bucket, (size_t)off) != 0)
			return -1;
	}
	return 0;
}

/* The --by prior value id for a pupil in a subject slot. */
static long
prior_value(track_summary *m, struct bycol *b, uint32_t pupil, int subj)
{
	size_t k, np = 1;
	int lowest = -2;
	const struct part *parts;
	struct part one;

	if (subj < (int)scheme_subject_count(m->s)) {
		one.subject = subj;
		parts = &one;
	} else {
		parts = m->combo[subj - (int)scheme_subject_count(m->s)].p;
		np = m->combo[subj - (int)scheme_subject_count(m->s)].np;
	}
	for (k = 0; k < np; k++) {
		long id = u64map_find(m->prior, (uint64_t)pupil << 32 |
		    (uint64_t)parts[k].subject);
		int band = id < 0 ? -1 : m->pband[id];

		if (band < 0)
			return 0;
		if (lowest == -2 || band < lowest)
			lowest = band;
	}
	{
		const char *bid = scheme_band_id(m->s, (size_t)lowest);

		return strmap_intern(b->vals, bid, strlen(bid), NULL);
	}
}

/* Fills g with an entry's group values, working out priors. */
static int
groups_of(track_summary *m, const long *eg, uint32_t pupil, int subj,
    long *g)
{
	size_t i;

	for (i = 0; i < m->nby; i++) {
		g[i] = m->by[i].kind == BY_PRIOR ? prior_value(m, &m->by[i],
		    pupil, subj) : eg[i];
		if (g[i] < 0)
			return -1;
	}
	return 0;
}

/* Copies entry e's group values into g (which it returns). */
static long *
entry_groups(const track_summary *m, size_t e, long *g)
{
	size_t i;

	for (i = 0; i < m->nby; i++)
		g[i] = m->eg[e * m->nby + i];
	return g;
}

/* Per combined subject: which pupils at which points have every part. */
struct comb {
	track_u64map *map;	/* (pupil, point) -> index */
	struct cstate {
		unsigned mask;
		int lowest;	/* band, or a bucket past the bands */
		size_t first;	/* entry whose groups are used */
		int32_t words;
	} *st;
	size_t cap;
};

/*
 * The bucket of a combination so far (`cur`, -1 for none yet) with one
 * more part in bucket `b`: excluded beats not-at, which beats no band,
 * which beats the lowest band.
 */
static int
worse(int cur, int b)
{
	static const int order[] = { B_EXCLUDED, B_NOT_AT, B_NOBAND };
	size_t i;

	if (cur < 0)
		return b;
	for (i = 0; i < 3; i++)
		if (cur == order[i] || b == order[i])
			return order[i];
	return b < cur ? b : cur;
}

static int
combine(track_summary *m, size_t ci, struct comb *cb)
{
	const struct combo *c = &m->combo[ci];
	size_t e, k, ns = scheme_subject_count(m->s);
	unsigned full = (1u << c->np) - 1;
	int slot = (int)ns + (int)ci;
	int meas = scheme_measure_index(m->s, c->mtext, strlen(c->mtext));
	long g[MAXBY];

	if (meas < 0) {
		for (k = 0; k < m->nmslot; k++)
			if (strcmp(m->mslot[k], c->mtext) == 0)
				meas = (int)(scheme_measure_count(m->s) + k);
	}
	cb->map = u64map_new();
	if (cb->map == NULL)
		return -1;
	for (e = 0; e < m->nent; e++) {
		const struct ent *x = &m->ent[e];
		struct cstate *st;
		int added;
		long id;

		for (k = 0; k < c->np; k++)
			if (c->p[k].subject == x->subject &&
			    c->p[k].measure == x->measure)
				break;
		if (k == c->np)
			continue;
		id = u64map_intern(cb->map, (uint64_t)x->pupil << 32 |
		    (uint64_t)(uint32_t)x->point, &added);
		if (id < 0 || buf_grow(&cb->st, &cb->cap, (size_t)id + 1,
		    sizeof *cb->st) != 0)
			return -1;
		st = &cb->st[id];
		if (added) {
			st->mask = 0;
			st->lowest = -1;
			st->first = e;
			st->words = -1;
		}
		st->mask |= 1u << k;
		st->lowest = worse(st->lowest, x->bucket);
		if (x->words >= 0)
			st->words = x->words;
	}
	for (k = 0; k < u64map_count(cb->map); k++) {
		const struct cstate *st = &cb->st[k];
		const struct ent *x = &m->ent[st->first];

		if (st->mask != full)
			continue;
		if (groups_of(m, entry_groups(m, st->first, g), x->pupil, slot,
		    g) != 0 || count(m, slot, meas, x->point, g, st->lowest,
		    0, 0, x->pupil, st->words) != 0)
			return -1;
	}
	return 0;
}

/* Measure slot for a combined subject's measure text, added if new. */
static int
mslot_of(track_summary *m, const char *text)
{
	int mi = scheme_measure_index(m->s, text, strlen(text));
	size_t k;
	char **v;

	if (mi >= 0 && strchr(text, '+') == NULL)
		return mi;
	for (k = 0; k < m->nmslot; k++)
		if (strcmp(m->mslot[k], text) == 0)
			return (int)(scheme_measure_count(m->s) + k);
	v = realloc(m->mslot, (m->nmslot + 1) * sizeof *v);
	if (v == NULL)
		return -1;
	m->mslot = v;
	v[m->nmslot] = strdup(text);
	if (v[m->nmslot] == NULL)
		return -1;
	return (int)(scheme_measure_count(m->s) + m->nmslot++);
}

/*
 * Counts pupils on the roll who have no value in a slice as missing (for
 * a combined subject: who lack a part).
 */
static int
roll_missing(track_summary *m, struct comb *cb)
{
	size_t ns = scheme_subject_count(m->s), nc = m->ncell, c, r, k;
	track_u64map *done = u64map_new();
	long g[MAXBY];
	int rc = 0;

	if (done == NULL)
		return -1;
	for (c = 0; c < nc && rc == 0; c++) {
		const struct cell x = m->cell[c];
		uint64_t sk = (uint64_t)x.subj << 40 | (uint64_t)x.meas << 24 |
		    (uint64_t)x.point;
		int added;

		if (u64map_intern(done, sk, &added) < 0) {
			rc = -1;
			break;
		}
		if (!added)
			continue;
		for (r = 0; r < m->nroll && rc == 0; r++) {
			uint32_t p = m->roll_pupil[r];
			long id;
			int has;

			if (x.subj < (int)ns) {
				has = u64map_find(m->emap, entry_key(m, p,
				    x.point, x.subj, x.meas)) >= 0;
			} else {
				struct comb *b = &cb[x.subj - (int)ns];
				unsigned full = (1u << m->combo[x.subj -
				    (int)ns].np) - 1;

				id = u64map_find(b->map, (uint64_t)p << 32 |
				    (uint64_t)(uint32_t)x.point);
				has = id >= 0 && b->st[id].mask == full;
			}
			if (has)
				continue;
			for (k = 0; k < m->nby; k++)
				g[k] = m->roll_g[r * MAXBY + k];
			if (groups_of(m, g, p, x.subj, g) != 0 ||
			    count(m, x.subj, x.meas, x.point, g, B_MISSING, 0,
			    0, p, -1) != 0)
				rc = -1;
		}
	}
	u64map_free(done);
	return rc;
}

static int roster_missing(track_summary *m);

/* Counts the entries into cells, once. */
static int
build(track_summary *m, track_error *err)
{
	size_t e, ci;
	long g[MAXBY];
	struct comb *cb = NULL;
	int rc = 0;

	if (m->merged) {
		if (m->roll && !m->rostered) {
			m->rostered = 1;
			rc = roster_missing(m);
			if (rc == -2)
				return error_set(err, TRACK_EXIT_DATA, NULL, 0,
				    "the partials' missing pupils add up to more "
				    "than 2^62");
			if (rc != 0)
				return error_nomem(err);
		}
		return 0;
	}
	if (m->ncell > 0 || m->a == NULL)
		return 0;
	for (e = 0; e < m->nent; e++) {
		const struct ent *x = &m->ent[e];

		if (groups_of(m, entry_groups(m, e, g), x->pupil, x->subject,
		    g) != 0 || count(m, x->subject, x->measure, x->point, g,
		    x->bucket, x->number, x->num, x->pupil, x->words) != 0)
			goto oom;
	}
	cb = calloc(m->ncombo + 1, sizeof *cb);
	if (cb == NULL)
		goto oom;
	for (ci = 0; ci < m->ncombo; ci++)
		if (mslot_of(m, m->combo[ci].mtext) < 0 ||
		    combine(m, ci, &cb[ci]) != 0)
			goto oom;
	if (m->roll && roll_missing(m, cb) != 0)
		goto oom;
	goto out;
oom:
	rc = error_nomem(err);
out:
	for (ci = 0; cb != NULL && ci < m->ncombo; ci++) {
		u64map_free(cb[ci].map);
		free(cb[ci].st);
	}
	free(cb);
	return rc;
}

/* ---- The table ---- */

static int
cmp_hv(const void *x, const void *y)
{
	double a = ((const struct hv *)x)->v, b = ((const struct hv *)y)->v;

	return a < b ? -1 : a > b;
}

/* Sorts and merges a cell's histogram: one entry per distinct score. */
static void
compress(struct cell *c)
{
	size_t i, k = 0;

	if (c->nh < 2)
		return;
	qsort(c->h, c->nh, sizeof *c->h, cmp_hv);
	for (i = 1; i < c->nh; i++) {
		if (c->h[i].v == c->h[k].v)
			c->h[k].c += c->h[i].c;
		else
			c->h[++k] = c->h[i];
	}
	c->nh = k + 1;
}

static const track_summary *sort_m;

/* Orders the values of one --by column: scheme order, "" last. */
static int
cmp_val(const void *x, const void *y)
{
	const struct bycol *b = sort_m->by + sort_m->nby;	/* see below */
	long a = *(const long *)x, c = *(const long *)y;
	size_t la, lc;
	const char *ta = strmap_key(b->vals, a, &la);
	const char *tc = strmap_key(b->vals, c, &lc);
	long ra = -1, rc = -1;

	if (la == 0 || lc == 0)
		return (la == 0) - (lc == 0);
	switch (b->kind) {
	case BY_YEAR:
		ra = scheme_year_index(sort_m->s, ta, la);
		rc = scheme_year_index(sort_m->s, tc, lc);
		break;
	case BY_GROUP:
		ra = scheme_group_value_index(b->g, ta, la, NULL);
		rc = scheme_group_value_index(b->g, tc, lc, NULL);
		break;
	case BY_PRIOR:
		ra = scheme_band_index(sort_m->s, ta, la);
		rc = scheme_band_index(sort_m->s, tc, lc);
		break;
	default:
		break;
	}
	if (ra != rc)
		return ra < 0 ? 1 : rc < 0 ? -1 : ra < rc ? -1 : 1;
	return strcmp(ta, tc);
}

/* Works out b->rank, the sort position of every value of a column. */
static int
rank_values(track_summary *m, struct bycol *b)
{
	size_t n = strmap_count(b->vals), i;
	long *order = calloc(n + 1, sizeof *order);

	free(b->rank);
	b->rank = calloc(n + 1, sizeof *b->rank);
	if (order == NULL || b->rank == NULL) {
		free(order);
		return -1;
	}
	for (i = 0; i < n; i++)
		order[i] = (long)i;
	/* cmp_val reads the column from the slot after the last one. */
	m->by[m->nby] = *b;
	sort_m = m;
	qsort(order, n, sizeof *order, cmp_val);
	for (i = 0; i < n; i++)
		b->rank[order[i]] = (long)i;
	free(order);
	return 0;
}

/* Compares two cells in report order. */
static int
cmp_cell(const void *x, const void *y)
{
	const track_summary *m = sort_m;
	const struct cell *a = &m->cell[*(const size_t *)x];
	const struct cell *b = &m->cell[*(const size_t *)y];
	size_t i;
	int c;

	if (a->subj != b->subj)
		return a->subj < b->subj ? -1 : 1;
	if (a->meas != b->meas)
		return a->meas < b->meas ? -1 : 1;
	c = assess_point_cmp(m->a, a->point, b->point);
	if (c != 0)
		return c;
	for (i = 0; i < m->nby; i++)
		if (a->g[i] != b->g[i])
			return m->by[i].rank[a->g[i]] < m->by[i].rank[b->g[i]] ?
			    -1 : 1;
	return 0;
}

static const char *
subject_id(const track_summary *m, int slot)
{
	size_t ns = scheme_subject_count(m->s);

	return slot < (int)ns ? scheme_subject_id_at(m->s, (size_t)slot) :
	    m->combo[slot - (int)ns].name;
}

static const char *
subject_label(const track_summary *m, int slot)
{
	size_t ns = scheme_subject_count(m->s);

	if (slot < (int)ns)
		return scheme_subject_label(m->s, (size_t)slot);
	return m->combo[slot - (int)ns].label;
}

static const char *
measure_id(const track_summary *m, int slot)
{
	size_t nm = scheme_measure_count(m->s);

	return slot < (int)nm ? scheme_measure_id_at(m->s, (size_t)slot) :
	    m->mslot[slot - (int)nm];
}

static const char *
measure_label(const track_summary *m, int slot)
{
	size_t nm = scheme_measure_count(m->s);

	return slot < (int)nm ? scheme_measure_label(m->s, (size_t)slot) :
	    m->mslot[slot - (int)nm];
}

/* The label of value `v` of by column `b` ("" is "Unknown"). */
static const char *
value_label(const track_summary *m, const struct bycol *b, long v)
{
	size_t len;
	const char *t = strmap_key(b->vals, v, &len);
	int i;

	if (len == 0)
		return "Unknown";
	switch (b->kind) {
	case BY_YEAR:
		i = scheme_year_index(m->s, t, len);
		return i < 0 ? t : scheme_year_label(m->s, (size_t)i);
	case BY_GROUP:
		i = scheme_group_value_index(b->g, t, len, NULL);
		return i < 0 ? t : scheme_group_value_label(b->g, (size_t)i);
	case BY_PRIOR:
		i = scheme_band_index(m->s, t, len);
		return i < 0 ? t : scheme_band_label(m->s, (size_t)i);
	default:
		return t;
	}
}

static const char *
by_label(const struct bycol *b)
{
	if (b->kind == BY_YEAR)
		return "Year";
	if (b->kind == BY_GROUP)
		return scheme_group_label(b->g);
	if (b->kind == BY_PRIOR)
		return b->plabel;
	return b->name;
}

/* The total of a cell's pupils counted in n (all but excluded). */
static long long
cell_n(const struct cell *c)
{
	long long n = 0;
	int i;

	for (i = 0; i < NBUCKET; i++)
		if (i != B_EXCLUDED)
			n += c->cnt[i];
	return n;
}

/* Column indexes of the overview table. */
struct cols {
	long subject, measure, point, by[MAXBY], n, band[MAXB], pct[MAXB];
	long atabove, not_at, excluded, missing, pct_missing, mean, median;
	long full, bench, diff, pupils[NBUCKET];
};

/* Adds a column; returns -1 (and the caller fails) when out of memory. */
static long
col(track_rtable *t, const char *id, const char *label)
{
	return rtable_col(t, id, label);
}

/* The key columns: subject, measure, point and the shown --by columns. */
static int
key_cols(track_summary *m, track_rtable *t, struct cols *k,
    const char *skip)
{
	size_t i;

	k->subject = k->measure = k->point = -1;
	if (!skip || strcmp(skip, "subject"))
		k->subject = col(t, "subject", "Subject");
	if (!skip || strcmp(skip, "measure"))
		k->measure = col(t, "measure", "Measure");
	if (!skip || strcmp(skip, "point"))
		k->point = col(t, "point", "Point");
	for (i = 0; i < m->nby; i++) {
		k->by[i] = -1;
		if (m->by[i].hidden || (skip && !strcmp(skip, m->by[i].name)))
			continue;
		k->by[i] = col(t, m->by[i].name, by_label(&m->by[i]));
		if (k->by[i] < 0)
			return -1;
	}
	return k->subject == -1 && k->measure == -1 ? -1 : 0;
}

/* Fills the key cells of a row from cell `c` (g NULL: the totals row). */
static int
key_cells(track_summary *m, track_rtable *t, const struct cols *k,
    const struct cell *c, int totals)
{
	const char *pt = assess_point_text(m->a, c->point);
	size_t i;
	int rc = 0;

	if (k->subject >= 0)
		rc |= rtable_text(t, (size_t)k->subject, subject_id(m, c->subj),
		    subject_label(m, c->subj));
	if (k->measure >= 0)
		rc |= rtable_text(t, (size_t)k->measure, measure_id(m, c->meas),
		    measure_label(m, c->meas));
	if (k->point >= 0) {
		char *pl = scheme_point_label_dup(m->s, pt, strlen(pt));

		rc |= pl == NULL || rtable_text(t, (size_t)k->point, pt, pl);
		free(pl);
	}
	for (i = 0; i < m->nby; i++) {
		if (k->by[i] < 0)
			continue;
		if (totals)
			rc |= rtable_text(t, (size_t)k->by[i], "all",
			    "All pupils");
		else
			rc |= rtable_text(t, (size_t)k->by[i],
			    strmap_key(m->by[i].vals, c->g[i], NULL),
			    value_label(m, &m->by[i], c->g[i]));
	}
	return rc ? -1 : 0;
}

static int
cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* Writes a sorted name list for bucket b of cell c. */
static int
names_cell(track_summary *m, track_rtable *t, long colno,
    const struct cell *c, int b)
{
	const char **v = calloc(c->pl[b].n + 1, sizeof *v);
	size_t i;
	int rc;

	if (v == NULL)
		return -1;
	for (i = 0; i < c->pl[b].n; i++)
		v[i] = m->disp.ptr + c->pl[b].off[i];
	qsort(v, c->pl[b].n, sizeof *v, cmp_str);
	rc = rtable_list(t, (size_t)colno, v, c->pl[b].n);
	free(v);
	return rc;
}

/* The scale of a cell's subject and measure, or NULL (combined). */
static const track_scale *
cell_scale(const track_summary *m, const struct cell *c)
{
	if (c->subj >= (int)scheme_subject_count(m->s) ||
	    c->meas >= (int)scheme_measure_count(m->s))
		return NULL;
	return scheme_scale_for(m->s, subject_id(m, c->subj),
	    measure_id(m, c->meas), assess_point_text(m->a, c->point));
}

/* % of pupils at or above the standard, as a fraction. */
static long long
at_or_above(const track_summary *m, const struct cell *c)
{
	long long k = 0;
	size_t b;

	for (b = m->standard; b < m->nbands; b++)
		k += c->cnt[b];
	return k;
}

static int
has_bands(const track_summary *m, const struct cell *c)
{
	size_t b;
	long long k = 0;

	for (b = 0; b < m->nbands; b++)
		k += c->cnt[b];
	return k > 0 || c->cnt[B_NOBAND] == 0;
}

/* Writes the figures of one overview row. */
static int
figures(track_summary *m, track_rtable *t, const struct cols *k,
    const struct cell *c, int supp)
{
	long long n = cell_n(c), scores = 0;
	const track_scale *sc = cell_scale(m, c);
	size_t b, i;
	int bands = has_bands(m, c), rc = 0;

	if (supp) {
		rc |= rtable_supp(t, (size_t)k->n);
		for (b = 0; b < m->nbands; b++) {
			rc |= rtable_supp(t, (size_t)k->band[b]);
			rc |= rtable_supp(t, (size_t)k->pct[b]);
		}
		rc |= rtable_supp(t, (size_t)k->atabove);
		rc |= rtable_supp(t, (size_t)k->not_at);
		rc |= rtable_supp(t, (size_t)k->excluded);
		if (k->missing >= 0) {
			rc |= rtable_supp(t, (size_t)k->missing);
			rc |= rtable_supp(t, (size_t)k->pct_missing);
		}
		if (c->nh > 0) {
			rc |= rtable_supp(t, (size_t)k->mean);
			rc |= rtable_supp(t, (size_t)k->median);
		}
		if (k->diff >= 0)
			rc |= rtable_supp(t, (size_t)k->diff);
		for (i = 0; i < NBUCKET; i++)
			if (k->pupils[i] >= 0)
				rc |= rtable_supp(t, (size_t)k->pupils[i]);
		return rc ? -1 : 0;
	}
	rc |= rtable_int(t, (size_t)k->n, n);
	for (b = 0; bands && b < m->nbands; b++) {
		rc |= rtable_int(t, (size_t)k->band[b], c->cnt[b]);
		rc |= rtable_pct(t, (size_t)k->pct[b], c->cnt[b], n);
	}
	if (bands)
		rc |= rtable_pct(t, (size_t)k->atabove, at_or_above(m, c), n);
	rc |= rtable_int(t, (size_t)k->not_at, c->cnt[B_NOT_AT]);
	rc |= rtable_int(t, (size_t)k->excluded, c->cnt[B_EXCLUDED]);
	if (k->missing >= 0) {
		rc |= rtable_int(t, (size_t)k->missing, c->cnt[B_MISSING]);
		rc |= rtable_pct(t, (size_t)k->pct_missing, c->cnt[B_MISSING],
		    n);
	}
	for (i = 0; i < c->nh; i++)
		scores += c->h[i].c;
	if (scores > 0) {
		long double sum = 0;
		long long half = scores / 2, seen = 0;
		double lo = 0, hi = 0;
		int got_lo = 0;

		for (i = 0; i < c->nh; i++)
			sum += (long double)c->h[i].v * c->h[i].c;
		rc |= rtable_dec(t, (size_t)k->mean, (double)(sum / scores));
		/* The median: the middle score, or the mean of the two. */
		for (i = 0; i < c->nh; i++) {
			seen += c->h[i].c;
			if (!got_lo && seen > (scores - 1) / 2) {
				lo = c->h[i].v;
				got_lo = 1;
			}
			if (seen > half) {
				hi = c->h[i].v;
				break;
			}
		}
		rc |= rtable_num(t, (size_t)k->median, scores % 2 ? hi :
		    (lo + hi) / 2);
		if (!bands && sc != NULL) {
			double lo_r, hi_r;
			long long top = 0;

			scheme_scale_range(sc, &lo_r, &hi_r);
			for (i = 0; i < c->nh; i++)
				if (c->h[i].v >= hi_r)
					top += c->h[i].c;
			rc |= rtable_pct(t, (size_t)k->full, top, n);
		}
	}
	if (k->bench >= 0 && bands && n > 0) {
		const track_figure *f = scheme_benchmark_lookup(m->s, m->bench,
		    subject_id(m, c->subj), c->subj < (int)
		    scheme_subject_count(m->s) ? measure_id(m, c->meas) : NULL,
		    assess_point_text(m->a, c->point), NULL);

		if (f != NULL) {
			long long mine = rtable_round_pct(at_or_above(m, c), n,
			    1);
			long long theirs = (long long)(f->pct * 10 + 0.5);

			rc |= rtable_num(t, (size_t)k->bench, f->pct);
			rc |= rtable_points(t, (size_t)k->diff, mine - theirs);
		}
	}
	for (i = 0; i < NBUCKET; i++)
		if (k->pupils[i] >= 0)
			rc |= names_cell(m, t, k->pupils[i], c, (int)i);
	return rc ? -1 : 0;
}

/* The columns of the overview. */
static int
overview_cols(track_summary *m, track_rtable *t, struct cols *k)
{
	char *id, *lb;
	size_t b, i;

	if (key_cols(m, t, k, NULL) != 0)
		return -1;
	k->n = col(t, "n", "Pupils");
	for (b = 0; b < m->nbands; b++) {
		const char *bid = scheme_band_id(m->s, b);

		k->band[b] = col(t, bid, scheme_band_label(m->s, b));
		id = cat("pct_", bid);
		k->pct[b] = id ? col(t, id, "%") : -1;
		free(id);
		if (k->band[b] < 0 || k->pct[b] < 0)
			return -1;
	}
	k->atabove = col(t, "pct_at_or_above", "% at or above");
	k->not_at = col(t, "not_assessed", "Not assessed");
	k->excluded = col(t, "excluded", "Excluded");
	k->missing = k->pct_missing = -1;
	if (m->roll) {
		k->missing = col(t, "missing", "Missing");
		k->pct_missing = col(t, "pct_missing", "% missing");
	}
	k->mean = col(t, "mean", "Mean");
	k->median = col(t, "median", "Median");
	k->full = col(t, "pct_full_marks", "% full marks");
	k->bench = k->diff = -1;
	if (m->bench != NULL) {
		k->bench = col(t, "benchmark", "Benchmark");
		k->diff = col(t, "diff", "Difference");
	}
	for (i = 0; i < NBUCKET; i++)
		k->pupils[i] = -1;
	if (m->pupils) {
		for (b = 0; b < m->nbands; b++) {
			id = cat("pupils_", scheme_band_id(m->s, b));
			lb = cat("Pupils: ", scheme_band_label(m->s, b));
			k->pupils[b] = id && lb ? col(t, id, lb) : -1;
			free(id);
			free(lb);
			if (k->pupils[b] < 0)
				return -1;
		}
		k->pupils[B_NOT_AT] = col(t, "pupils_not_assessed",
		    "Pupils: Not assessed");
		if (m->roll)
			k->pupils[B_MISSING] = col(t, "pupils_missing",
			    "Pupils: Missing");
	}
	return k->n < 0 || k->atabove < 0 || k->excluded < 0 ||
	    k->full < 0 ? -1 : 0;
}

/* Adds cell `src` into `dst` (for totals rows). */
static int
cell_add(struct cell *dst, const struct cell *src)
{
	size_t i, j;

	for (i = 0; i < NBUCKET; i++)
		dst->cnt[i] += src->cnt[i];
	for (i = 0; i < src->nh; i++)
		if (cell_score(dst, src->h[i].v, src->h[i].c) != 0)
			return -1;
	for (i = 0; i < NBUCKET; i++)
		for (j = 0; j < src->pl[i].n; j++)
			if (cell_name(dst, (int)i, src->pl[i].off[j]) != 0)
				return -1;
	return 0;
}

static void
cell_clear(struct cell *c)
{
	size_t i;

	free(c->h);
	for (i = 0; i < NBUCKET; i++)
		free(c->pl[i].off);
	memset(c, 0, sizeof *c);
}

/* Nonzero when a cell is in the points the report shows. */
static int
shown(const track_summary *m, const struct cell *c)
{
	return m->mode == MODE_OVER || c->point == m->point;
}

/* The cells shown, in report order, into *out (n of them). */
static int
ordered(track_summary *m, size_t **out, size_t *n)
{
	size_t i, k = 0, *v = calloc(m->ncell + 1, sizeof *v);

	if (v == NULL)
		return -1;
	for (i = 0; i < m->nby; i++)
		if (rank_values(m, &m->by[i]) != 0) {
			free(v);
			return -1;
		}
	for (i = 0; i < m->ncell; i++) {
		compress(&m->cell[i]);
		if (shown(m, &m->cell[i]))
			v[k++] = i;
	}
	sort_m = m;
	qsort(v, k, sizeof *v, cmp_cell);
	*out = v;
	*n = k;
	return 0;
}

/* Nonzero when two cells share subject, measure and point. */
static int
same_slice(const struct cell *a, const struct cell *b)
{
	return a->subj == b->subj && a->meas == b->meas &&
	    a->point == b->point;
}

static int
min_group(const track_summary *m)
{
	return m->o.min_group >= 0 ? m->o.min_group : scheme_min_group(m->s);
}

static int
small(const track_summary *m, long long n)
{
	return n > 0 && n < min_group(m);
}

static const track_summary *name_m;

/* Orders --by column indexes by the columns' names. */
static int
cmp_byname(const void *x, const void *y)
{
	return strcmp(name_m->by[*(const size_t *)x].name,
	    name_m->by[*(const size_t *)y].name);
}

/*
 * Decides which of the shown cells ord[0..n) to suppress, slice by slice
 * (subject, measure, point), into m->supp: see suppress.h.  The lattice
 * is over every --by column, the --gap column and the privacy columns
 * too (add_privacy), taken in the order of their names, with the values'
 * report order as keys; the year and the scheme's groups are the fixed
 * columns.  So the overview, --by any columns in any order, --totals,
 * --gap, --across and --over hide the same groups of the same records.
 * A complement is chosen whether or not a total is shown, since the
 * overview publishes it.  Each cell gets the decision for its group in
 * the table shown (over the columns that are not privacy columns).
 * Returns 0 or -1 (out of memory).
 */
static int
decide_suppression(track_summary *m, const size_t *ord, size_t n)
{
	size_t colord[MAXBY], i, j, k, c;
	long *keys = NULL;
	long long *cn = NULL, *cs = NULL;
	unsigned char *out = NULL, total;
	unsigned fixed = 0, want = 0;
	int rc = -1;

	free(m->supp);
	m->supp = calloc(m->ncell + 1, 1);
	keys = malloc((n * (m->nby + 1) + 1) * sizeof *keys);
	cn = malloc((n + 1) * sizeof *cn);
	cs = malloc((n + 1) * sizeof *cs);
	out = malloc(n + 1);
	if (m->supp == NULL || keys == NULL || cn == NULL || cs == NULL ||
	    out == NULL)
		goto out;
	for (c = 0; c < m->nby; c++)
		colord[c] = c;
	name_m = m;
	qsort(colord, m->nby, sizeof *colord, cmp_byname);
	for (c = 0; c < m->nby; c++) {
		const struct bycol *b = &m->by[colord[c]];

		if (b->kind == BY_YEAR || b->kind == BY_GROUP)
			fixed |= 1u << c;
		if (b->hidden != 2)
			want |= 1u << c;
	}
	for (i = 0; i < n; i = j) {
		for (j = i; j < n && same_slice(&m->cell[ord[i]],
		    &m->cell[ord[j]]); j++) {
			const struct cell *d = &m->cell[ord[j]];

			for (c = 0; c < m->nby; c++)
				keys[(j - i) * m->nby + c] =
				    m->by[colord[c]].rank[d->g[colord[c]]];
			cn[j - i] = cell_n(d);
			cs[j - i] = cn[j - i] + d->cnt[B_EXCLUDED];
		}
		if (suppress_decide(m->nby, fixed, want, j - i, keys, cn, cs,
		    min_group(m), out, &total) != 0)
			goto out;
		for (k = i; k < j; k++)
			m->supp[ord[k]] = out[k - i];
	}
	rc = 0;
out:
	free(keys);
	free(cn);
	free(cs);
	free(out);
	return rc;
}

/*
 * Decides suppression over every column (decide_suppression), then folds
 * the cells over the privacy columns, which are not shown: the cells
 * that differ only there are added up, and keep their group's decision.
 * Done once, before the table is made.  Returns 0 or -1 (out of memory).
 */
static int
suppress_and_fold(track_summary *m)
{
	struct cell *old;
	unsigned char *os;
	size_t *ord, n, nold, i, k;
	int rc = -1, any = 0;

	if (m->folded)
		return 0;
	m->folded = 1;
	if (ordered(m, &ord, &n) != 0)
		return -1;
	rc = decide_suppression(m, ord, n);
	free(ord);
	if (rc != 0)
		return -1;
	for (k = 0; k < m->nby; k++)
		any |= m->by[k].hidden == 2;
	if (!any)
		return 0;
	old = m->cell;
	nold = m->ncell;
	os = m->supp;
	m->cell = NULL;
	m->ncell = m->ccap = 0;
	m->supp = calloc(nold + 1, 1);
	strmap_free(m->cmap);
	m->cmap = strmap_new();
	for (k = 0; k < CMEMO; k++)
		m->cmemo[k].id = -1;
	rc = m->supp == NULL || m->cmap == NULL ? -1 : 0;
	for (i = 0; i < nold && rc == 0; i++) {
		long g[MAXBY];
		struct cell *d;

		for (k = 0; k < m->nby; k++)
			g[k] = m->by[k].hidden == 2 ? 0 : old[i].g[k];
		d = cell_get(m, old[i].subj, old[i].meas, old[i].point, g);
		if (d == NULL || cell_add(d, &old[i]) != 0)
			rc = -1;
		else
			m->supp[d - m->cell] = os[i];
	}
	for (i = 0; i < nold; i++)
		cell_clear(&old[i]);
	free(old);
	free(os);
	return rc;
}

/* Counts a suppressed cell shown, for the note under the table. */
static void
count_supp(track_summary *m, int kind)
{
	if (kind == SUPPRESS_SMALL)
		m->nsmall++;
	else if (kind == SUPPRESS_COMPLEMENT)
		m->ncomp++;
}

/* How many --by columns are shown (not --gap's or privacy columns). */
static size_t
shown_by(const track_summary *m)
{
	size_t i, k = 0;

	for (i = 0; i < m->nby; i++)
		k += !m->by[i].hidden;
	return k;
}

/* The overview, one row per cell (and totals rows). */
/*
 * Adds a cell's score distribution to `dist` (for -F json): the subject,
 * measure, point, group values and [score, pupils] pairs.
 */
static int
distribution(track_summary *m, json_t *dist, const struct cell *c)
{
	json_t *o, *g = json_object(), *h = json_array();
	size_t i;

	if (g == NULL || h == NULL) {
		json_decref(g);
		json_decref(h);
		return -1;
	}
	for (i = 0; i < m->nby; i++)
		if (!m->by[i].hidden)
			json_object_set_new(g, m->by[i].name, json_string(
			    strmap_key(m->by[i].vals, c->g[i], NULL)));
	for (i = 0; i < c->nh; i++)
		json_array_append_new(h, json_pack("[f, I]", c->h[i].v,
		    (json_int_t)c->h[i].c));
	o = json_pack("{s:s, s:s, s:s, s:o, s:o}", "subject", subject_id(m,
	    c->subj), "measure", measure_id(m, c->meas), "point",
	    assess_point_text(m->a, c->point), "groups", g, "scores", h);
	return o == NULL ? -1 : json_array_append_new(dist, o);
}

static int
overview(track_summary *m, track_rtable *t, json_t *meta)
{
	struct cols k;
	size_t *ord, n, i, j, s0;
	unsigned char *supp = NULL;
	struct cell tot;
	int rc = -1, totals = m->o.totals && shown_by(m) > 0, sm;
	json_t *dist = json_array();

	memset(&tot, 0, sizeof tot);
	if (dist == NULL || json_object_set_new(meta, "distributions",
	    dist) != 0)
		return -1;
	if (overview_cols(m, t, &k) != 0 || ordered(m, &ord, &n) != 0)
		return -1;
	supp = calloc(n + 1, 1);
	if (supp == NULL)
		goto out;
	for (i = 0; i < n; i = j) {
		/* See decide_suppression: complements are already chosen,
		 * whether or not the total is shown. */
		for (j = i; j < n && same_slice(&m->cell[ord[i]],
		    &m->cell[ord[j]]); j++) {
			supp[j] = m->supp[ord[j]] != SUPPRESS_SHOWN;
			count_supp(m, m->supp[ord[j]]);
		}
		for (s0 = i; s0 < j; s0++) {
			const struct cell *c = &m->cell[ord[s0]];

			if (rtable_row(t) != 0 || key_cells(m, t, &k, c, 0) ||
			    figures(m, t, &k, c, supp[s0]) != 0)
				goto out;
			if (c->nh > 0 && !supp[s0] && distribution(m, dist,
			    c) != 0)
				goto out;
		}
		if (!totals)
			continue;
		cell_clear(&tot);
		tot.subj = m->cell[ord[i]].subj;
		tot.meas = m->cell[ord[i]].meas;
		tot.point = m->cell[ord[i]].point;
		for (s0 = i; s0 < j; s0++)
			if (cell_add(&tot, &m->cell[ord[s0]]) != 0)
				goto out;
		compress(&tot);
		sm = small(m, cell_n(&tot) + tot.cnt[B_EXCLUDED]);
		if (sm)
			count_supp(m, SUPPRESS_SMALL);
		if (rtable_row(t) != 0 || key_cells(m, t, &k, &tot, 1) ||
		    figures(m, t, &k, &tot, sm) != 0)
			goto out;
	}
	rc = 0;
out:
	cell_clear(&tot);
	free(ord);
	free(supp);
	return rc;
}

static int key_groups(const track_summary *m, const size_t *ord, size_t n,
    int field, size_t **lead, size_t **next);

/* --gap COL=A:B: one row per key, the two groups side by side. */
static int
gap(track_summary *m, track_rtable *t)
{
	struct cols k;
	struct bycol *b = &m->by[m->gapby];
	long ga = by_value(m, b, (track_str){ m->gap_a, strlen(m->gap_a) });
	long gb = by_value(m, b, (track_str){ m->gap_b, strlen(m->gap_b) });
	long c_ga, c_na, c_pa, c_gb, c_nb, c_pb, c_gap;
	size_t *ord, *lead = NULL, *next = NULL, n, i, j;
	int rc = -1;

	if (ga < 0 || gb < 0 || key_cols(m, t, &k, b->name) != 0)
		return -1;
	c_ga = col(t, "group_a", "Group");
	c_na = col(t, "n_a", "Pupils");
	c_pa = col(t, "pct_a", "% at or above");
	c_gb = col(t, "group_b", "Compared with");
	c_nb = col(t, "n_b", "Pupils");
	c_pb = col(t, "pct_b", "% at or above");
	c_gap = col(t, "gap", "Gap");
	if (c_gap < 0 || ordered(m, &ord, &n) != 0)
		return -1;
	if (key_groups(m, ord, n, m->gapby, &lead, &next) != 0)
		goto out;
	for (i = 0; i < n; i++) {
		const struct cell *c = &m->cell[ord[i]], *x[2] = { NULL, NULL };
		const long want[2] = { ga, gb };
		long long nn[2] = { 0, 0 }, at[2] = { 0, 0 };
		const long cg[2] = { c_ga, c_gb }, cn[2] = { c_na, c_nb };
		const long cp[2] = { c_pa, c_pb };
		int s[2], h;

		/* One row per key: the first cell of each key leads. */
		if (lead[i] != i)
			continue;
		for (j = i; j != NO_NEXT; j = next[j]) {
			const struct cell *d = &m->cell[ord[j]];

			for (h = 0; h < 2; h++)
				if (d->g[m->gapby] == want[h])
					x[h] = d;
		}
		if (x[0] == NULL && x[1] == NULL)
			continue;
		if (rtable_row(t) != 0 || key_cells(m, t, &k, c, 0) != 0)
			goto out;
		for (h = 0; h < 2; h++) {
			if (x[h] != NULL) {
				nn[h] = cell_n(x[h]);
				at[h] = at_or_above(m, x[h]);
			}
			/* A side hidden as a complement hides the gap too:
			 * with the other side it would give its figures. */
			s[h] = x[h] != NULL && m->supp[x[h] - m->cell] !=
			    SUPPRESS_SHOWN;
			if (x[h] != NULL)
				count_supp(m, m->supp[x[h] - m->cell]);
			if (rtable_text(t, (size_t)cg[h],
			    strmap_key(b->vals, want[h], NULL),
			    value_label(m, b, want[h])) != 0)
				goto out;
			if (s[h]) {
				rtable_supp(t, (size_t)cn[h]);
				rtable_supp(t, (size_t)cp[h]);
				continue;
			}
			rtable_int(t, (size_t)cn[h], nn[h]);
			if (nn[h] > 0)
				rtable_pct(t, (size_t)cp[h], at[h], nn[h]);
		}
		if (s[0] || s[1])
			rtable_supp(t, (size_t)c_gap);
		else if (nn[0] > 0 && nn[1] > 0)
			rtable_points(t, (size_t)c_gap, rtable_round_pct(at[0],
			    nn[0], 1) - rtable_round_pct(at[1], nn[1], 1));
	}
	rc = 0;
out:
	free(ord);
	free(lead);
	free(next);
	return rc;
}

/* The value of the --across field in a cell, as an id. */
static long
across_of(const struct cell *c, int field)
{
	return field == -1 ? c->subj : field == -2 ? c->meas :
	    field == -3 ? c->point : c->g[field];
}

/* Compares two cells by their --across value (report order). */
static int across_field;
static int
cmp_across(const void *x, const void *y)
{
	const track_summary *m = sort_m;
	const struct cell *a = &m->cell[*(const size_t *)x];
	const struct cell *b = &m->cell[*(const size_t *)y];
	long va = across_of(a, across_field), vb = across_of(b,
	    across_field);

	if (va == vb)
		return 0;
	if (across_field == -3)
		return assess_point_cmp(m->a, va, vb);
	if (across_field >= 0)
		return m->by[across_field].rank[va] <
		    m->by[across_field].rank[vb] ? -1 : 1;
	return va < vb ? -1 : 1;
}

/*
 * Groups the ordered cells ord[0..n) whose keys match on every field but
 * `field` (see same_key), in one pass through a hash map rather than by
 * comparing every pair: (*lead)[i] is the first cell of i's group, and
 * (*next)[i] the next one after i (NO_NEXT at the end).  The caller frees
 * both.  Returns 0, or -1 when out of memory.
 */
static int
key_groups(const track_summary *m, const size_t *ord, size_t n, int field,
    size_t **lead, size_t **next)
{
	track_strmap *map = strmap_new();
	size_t *first = calloc(n + 1, sizeof *first);
	size_t *last = calloc(n + 1, sizeof *last), i, k;
	int rc = -1;

	*lead = calloc(n + 1, sizeof **lead);
	*next = calloc(n + 1, sizeof **next);
	if (map == NULL || first == NULL || last == NULL || *lead == NULL ||
	    *next == NULL)
		goto out;
	for (i = 0; i < n; i++) {
		const struct cell *c = &m->cell[ord[i]];
		long key[3 + MAXBY], id;
		int added;

		memset(key, 0, sizeof key);
		key[0] = field == -1 ? 0 : c->subj;
		key[1] = field == -2 ? 0 : c->meas;
		key[2] = field == -3 ? 0 : c->point;
		for (k = 0; k < m->nby; k++)
			key[3 + k] = (int)k == field ? 0 : c->g[k];
		id = strmap_intern(map, (const char *)key, (3 + m->nby) *
		    sizeof key[0], &added);
		if (id < 0)
			goto out;
		(*next)[i] = NO_NEXT;
		if (added)
			first[id] = i;
		else
			(*next)[last[id]] = i;
		last[id] = i;
		(*lead)[i] = first[id];
	}
	rc = 0;
out:
	if (rc != 0) {
		free(*lead);
		free(*next);
		*lead = *next = NULL;
	}
	strmap_free(map);
	free(first);
	free(last);
	return rc;
}

/* --across FIELD: the field's values spread over columns. */
static int
across(track_summary *m, track_rtable *t)
{
	struct cols k;
	size_t *ord, *vals = NULL, *vpos = NULL, *lead = NULL, *next = NULL;
	size_t n, nv = 0, i, j;
	long *cn = NULL, *cp = NULL;
	int field = -4, rc = -1;
	track_u64map *vmap = u64map_new();
	char *id = NULL, *lb = NULL, *vl = NULL;

	for (i = 0; i < m->nby; i++)
		if (strcmp(m->by[i].name, m->o.across) == 0 &&
		    m->by[i].hidden != 2)
			field = (int)i;
	if (field == -4)
		field = !strcmp(m->o.across, "subject") ? -1 :
		    !strcmp(m->o.across, "measure") ? -2 : -3;
	if (vmap == NULL || key_cols(m, t, &k, m->o.across) != 0 ||
	    ordered(m, &ord, &n) != 0) {
		u64map_free(vmap);
		return -1;
	}
	/* The distinct values, in order: one representative cell each. */
	vals = calloc(n + 1, sizeof *vals);
	vpos = calloc(n + 1, sizeof *vpos);
	cn = calloc(n + 1, sizeof *cn);
	cp = calloc(n + 1, sizeof *cp);
	if (vals == NULL || vpos == NULL || cn == NULL || cp == NULL ||
	    key_groups(m, ord, n, field, &lead, &next) != 0)
		goto out;
	for (i = 0; i < n; i++) {
		int added;

		if (u64map_intern(vmap, (uint64_t)across_of(&m->cell[ord[i]],
		    field), &added) < 0)
			goto out;
		if (added)
			vals[nv++] = ord[i];
	}
	sort_m = m;
	across_field = field;
	qsort(vals, nv, sizeof *vals, cmp_across);
	for (j = 0; j < nv; j++) {
		const struct cell *c = &m->cell[vals[j]];
		long v = across_of(c, field);
		const char *vid, *vlab;

		vpos[u64map_find(vmap, (uint64_t)v)] = j;
		free(vl);
		vl = NULL;
		if (field == -1) {
			vid = subject_id(m, (int)v);
			vlab = subject_label(m, (int)v);
		} else if (field == -2) {
			vid = measure_id(m, (int)v);
			vlab = measure_label(m, (int)v);
		} else if (field == -3) {
			vid = assess_point_text(m->a, v);
			vl = scheme_point_label_dup(m->s, vid, strlen(vid));
			vlab = vl;
		} else {
			vid = strmap_key(m->by[field].vals, v, NULL);
			vlab = value_label(m, &m->by[field], v);
		}
		if (vlab == NULL)
			goto out;
		free(id);
		free(lb);
		id = cat("n_", vid);
		lb = cat(vlab, ": pupils");
		cn[j] = id && lb ? col(t, id, lb) : -1;
		free(id);
		free(lb);
		id = cat("pct_at_or_above_", vid);
		lb = cat(vlab, ": % at or above");
		cp[j] = id && lb ? col(t, id, lb) : -1;
		if (cn[j] < 0 || cp[j] < 0)
			goto out;
	}
	for (i = 0; i < n; i++) {
		const struct cell *c = &m->cell[ord[i]];

		if (lead[i] != i)
			continue;	/* one row per key: the first leads */
		if (rtable_row(t) != 0 || key_cells(m, t, &k, c, 0) != 0)
			goto out;
		for (j = i; j != NO_NEXT; j = next[j]) {
			const struct cell *d = &m->cell[ord[j]];
			long long dn = cell_n(d);
			size_t v = vpos[u64map_find(vmap,
			    (uint64_t)across_of(d, field))];

			if (m->supp[ord[j]] != SUPPRESS_SHOWN) {
				count_supp(m, m->supp[ord[j]]);
				rtable_supp(t, (size_t)cn[v]);
				rtable_supp(t, (size_t)cp[v]);
				continue;
			}
			rtable_int(t, (size_t)cn[v], dn);
			if (dn > 0 && has_bands(m, d))
				rtable_pct(t, (size_t)cp[v], at_or_above(m, d),
				    dn);
		}
	}
	rc = 0;
out:
	free(ord);
	free(vals);
	free(vpos);
	free(lead);
	free(next);
	free(cn);
	free(cp);
	free(id);
	free(lb);
	free(vl);
	u64map_free(vmap);
	return rc;
}

/* ---- --objectives ---- */

struct ocell {
	int subject;
	int list;		/* year index, or -2 - custom index */
	long objective;
	long long n, secure;
	struct plist pl[2];	/* 0: not secure, 1: secure */
};

static int
cmp_ocell(const void *x, const void *y)
{
	const struct ocell *a = x, *b = y;
	const track_summary *m = sort_m;
	const char *ta, *tb;
	int ia, ib;

	if (a->subject != b->subject)
		return a->subject < b->subject ? -1 : 1;
	if (a->list != b->list) {
		/* Years in order, then custom lists in order. */
		long ka = a->list >= 0 ? a->list : 1000 - a->list;
		long kb = b->list >= 0 ? b->list : 1000 - b->list;

		return ka < kb ? -1 : 1;
	}
	ta = strmap_key(m->objids, a->objective, NULL);
	tb = strmap_key(m->objids, b->objective, NULL);
	{
		const track_objectives *l = a->list >= 0 ?
		    scheme_objectives(m->s, scheme_subject_id_at(m->s,
		    (size_t)a->subject), scheme_year_id_at(m->s,
		    (size_t)a->list)) : scheme_custom_objectives(m->s,
		    scheme_custom_id(m->s, (size_t)(-2 - a->list)),
		    scheme_subject_id_at(m->s, (size_t)a->subject));

		ia = l ? scheme_objectives_find(l, ta, strlen(ta)) : -1;
		ib = l ? scheme_objectives_find(l, tb, strlen(tb)) : -1;
	}
	if (ia != ib)
		return ia < 0 ? 1 : ib < 0 ? -1 : ia < ib ? -1 : 1;
	return strcmp(ta, tb);
}

/* The list's objectives from the scheme, or NULL. */
static const track_objectives *
list_of(const track_summary *m, int subject, int list)
{
	const char *sid = scheme_subject_id_at(m->s, (size_t)subject);

	if (list >= 0)
		return scheme_objectives(m->s, sid, scheme_year_id_at(m->s,
		    (size_t)list));
	if (list < -1)
		return scheme_custom_objectives(m->s, scheme_custom_id(m->s,
		    (size_t)(-2 - list)), sid);
	return NULL;
}

static const char *
list_id(const track_summary *m, int list)
{
	return list >= 0 ? scheme_year_id_at(m->s, (size_t)list) :
	    list < -1 ? scheme_custom_id(m->s, (size_t)(-2 - list)) : "";
}

static const char *
list_label(const track_summary *m, int list)
{
	return list >= 0 ? scheme_year_label(m->s, (size_t)list) :
	    list < -1 ? scheme_custom_label(m->s, (size_t)(-2 - list)) :
	    "Unknown";
}

/* Orders the per-pupil lists by subject, then years, then custom lists. */
static void
sort_per(json_t *per)
{
	size_t n = json_array_size(per), i, j;

	for (i = 1; i < n; i++)
		for (j = i; j > 0; j--) {
			json_t *a = json_array_get(per, j - 1);
			json_t *b = json_array_get(per, j);
			json_int_t sa = json_integer_value(json_object_get(a,
			    "_s")), sb = json_integer_value(json_object_get(b,
			    "_s")), la = json_integer_value(json_object_get(a,
			    "_l")), lb = json_integer_value(json_object_get(b,
			    "_l"));

			la = la >= 0 ? la : 1000 - la;
			lb = lb >= 0 ? lb : 1000 - lb;
			if (sa < sb || (sa == sb && la <= lb))
				break;
			json_incref(a);
			json_array_set(per, j - 1, b);
			json_array_set_new(per, j, a);
		}
}

/*
 * Objectives coverage: one row per objective, and in *per (JSON) how many
 * objectives each pupil has secured.
 */
static int
objectives(track_summary *m, track_rtable *t, json_t *meta)
{
	track_strmap *idx = strmap_new();
	track_u64map *pp = u64map_new();	/* (pupil, subject, list) */
	struct ocell *oc = NULL;
	size_t noc = 0, cap = 0, i, ppcap = 0;
	long long *secured = NULL;
	struct { int subject, list; uint32_t pupil; } *who = NULL;
	size_t whocap = 0;
	long c_s, c_l, c_o, c_lab, c_n, c_sec, c_pct, c_ps = -1, c_pn = -1;
	json_t *per = json_array();
	int rc = -1;

	if (idx == NULL || pp == NULL || per == NULL)
		goto out;
	for (i = 0; i < m->noent; i++) {
		const struct objent *e = &m->oent[i];
		long key[3] = { e->subject, e->list, e->objective }, id;
		int added;
		uint64_t pk;

		id = strmap_intern(idx, (const char *)key, sizeof key, &added);
		if (id < 0 || buf_grow(&oc, &cap, (size_t)id + 1, sizeof *oc))
			goto out;
		if (added) {
			memset(&oc[id], 0, sizeof oc[id]);
			oc[id].subject = e->subject;
			oc[id].list = e->list;
			oc[id].objective = e->objective;
			noc++;
		}
		oc[id].n++;
		oc[id].secure += e->secure;
		if (m->pupils) {
			struct plist *l = &oc[id].pl[e->secure ? 1 : 0];

			if (buf_grow(&l->off, &l->cap, l->n + 1, sizeof *l->off))
				goto out;
			l->off[l->n++] = m->pname[e->pupil];
		}
		pk = (uint64_t)e->pupil << 32 | (uint64_t)(uint16_t)e->subject
		    << 16 | (uint64_t)(uint16_t)(e->list + 1000);
		id = u64map_intern(pp, pk, &added);
		if (id < 0 || buf_grow(&secured, &ppcap, (size_t)id + 1,
		    sizeof *secured) || buf_grow(&who, &whocap, (size_t)id + 1,
		    sizeof *who))
			goto out;
		if (added) {
			secured[id] = 0;
			who[id].subject = e->subject;
			who[id].list = e->list;
			who[id].pupil = e->pupil;
		}
		secured[id] += e->secure;
	}
	sort_m = m;
	qsort(oc, noc, sizeof *oc, cmp_ocell);
	c_s = col(t, "subject", "Subject");
	c_l = col(t, "list", "Curriculum");
	c_o = col(t, "objective", "Objective");
	c_lab = col(t, "label", "Description");
	c_n = col(t, "n", "Pupils");
	c_sec = col(t, "secure", "Secure");
	c_pct = col(t, "pct_secure", "% secure");
	if (m->pupils) {
		c_ps = col(t, "pupils_secure", "Pupils: secure");
		c_pn = col(t, "pupils_not_secure", "Pupils: not yet");
	}
	if (c_pct < 0 || (m->pupils && c_pn < 0))
		goto out;
	for (i = 0; i < noc; i++) {
		const struct ocell *o = &oc[i];
		const track_objectives *l = list_of(m, o->subject, o->list);
		const char *oid = strmap_key(m->objids, o->objective, NULL);
		int k = l ? scheme_objectives_find(l, oid, strlen(oid)) : -1;
		struct cell tmp;

		if (rtable_row(t) != 0 ||
		    rtable_text(t, (size_t)c_s, scheme_subject_id_at(m->s,
		    (size_t)o->subject), scheme_subject_label(m->s,
		    (size_t)o->subject)) != 0 ||
		    rtable_text(t, (size_t)c_l, list_id(m, o->list),
		    list_label(m, o->list)) != 0 ||
		    rtable_text(t, (size_t)c_o, oid, NULL) != 0 ||
		    rtable_text(t, (size_t)c_lab, k >= 0 ?
		    scheme_objectives_label(l, (size_t)k) : oid, NULL) != 0)
			goto out;
		if (small(m, o->n)) {
			rtable_supp(t, (size_t)c_n);
			rtable_supp(t, (size_t)c_sec);
			rtable_supp(t, (size_t)c_pct);
			if (m->pupils) {
				rtable_supp(t, (size_t)c_ps);
				rtable_supp(t, (size_t)c_pn);
			}
			continue;
		}
		rtable_int(t, (size_t)c_n, o->n);
		rtable_int(t, (size_t)c_sec, o->secure);
		rtable_pct(t, (size_t)c_pct, o->secure, o->n);
		if (m->pupils) {
			memset(&tmp, 0, sizeof tmp);
			tmp.pl[0] = o->pl[1];
			tmp.pl[1] = o->pl[0];
			if (names_cell(m, t, c_ps, &tmp, 0) != 0 ||
			    names_cell(m, t, c_pn, &tmp, 1) != 0)
				goto out;
		}
	}
	/* Objectives secured per pupil: a distribution per list. */
	for (i = 0; i < u64map_count(pp); i++) {
		json_t *o = NULL;
		size_t j;
		char key[64];

		for (j = 0; j < json_array_size(per); j++) {
			json_t *x = json_array_get(per, j);

			if (json_integer_value(json_object_get(x, "_s")) ==
			    who[i].subject && json_integer_value(
			    json_object_get(x, "_l")) == who[i].list)
				o = x;
		}
		if (o == NULL) {
			const track_objectives *l = list_of(m, who[i].subject,
			    who[i].list);

			o = json_pack("{s:s, s:s, s:s, s:I, s:I, s:{}}",
			    "subject", scheme_subject_id_at(m->s,
			    (size_t)who[i].subject), "list", list_id(m,
			    who[i].list), "list_label", list_label(m,
			    who[i].list), "_s", (json_int_t)who[i].subject,
			    "_l", (json_int_t)who[i].list, "pupils_by_secured");
			if (o == NULL || json_array_append_new(per, o) != 0)
				goto out;
			if (l != NULL && json_object_set_new(o, "objectives",
			    json_integer((json_int_t)
			    scheme_objectives_count(l))) != 0)
				goto out;
			if (m->pupils && json_object_set_new(o, "pupils",
			    json_array()) != 0)
				goto out;
		}
		snprintf(key, sizeof key, "%lld", secured[i]);
		{
			json_t *d = json_object_get(o, "pupils_by_secured");
			json_int_t v = json_integer_value(json_object_get(d,
			    key));

			if (json_object_set_new(d, key, json_integer(v + 1)))
				goto out;
		}
		if (m->pupils && json_array_append_new(json_object_get(o,
		    "pupils"), json_pack("{s:s, s:I}", "name", m->disp.ptr +
		    m->pname[who[i].pupil], "secured",
		    (json_int_t)secured[i])) != 0)
			goto out;
	}
	sort_per(per);
	for (i = 0; i < json_array_size(per); i++) {
		json_object_del(json_array_get(per, i), "_s");
		json_object_del(json_array_get(per, i), "_l");
	}
	if (json_object_set(meta, "per_pupil", per) != 0)
		goto out;
	rc = 0;
out:
	for (i = 0; i < noc; i++) {
		free(oc[i].pl[0].off);
		free(oc[i].pl[1].off);
	}
	free(oc);
	free(secured);
	free(who);
	json_decref(per);
	strmap_free(idx);
	u64map_free(pp);
	return rc;
}

/* ---- --partial and --merge ---- */

static const char *const mode_name[] = { "latest", "point", "over" };

/* The structure partials must share, as a JSON object. */
static json_t *
structure(const track_summary *m)
{
	json_t *o = json_object(), *a;
	size_t i;

	if (o == NULL)
		return NULL;
	json_object_set_new(o, "scheme", json_string(scheme_name(m->s)));
	a = json_array();
	for (i = 0; i < m->nbands; i++)
		json_array_append_new(a, json_string(scheme_band_id(m->s, i)));
	json_object_set_new(o, "bands", a);
	a = json_array();
	for (i = 0; i < m->nby; i++) {
		char *spec = m->by[i].kind == BY_PRIOR ? cat("prior=",
		    m->by[i].prior) : strdup(m->by[i].name);

		if (spec == NULL) {
			json_decref(a);
			json_decref(o);
			return NULL;
		}
		json_array_append_new(a, json_pack("{s:s, s:b, s:b}", "by",
		    spec, "hidden", m->by[i].hidden != 0, "privacy",
		    m->by[i].hidden == 2));
		free(spec);
	}
	json_object_set_new(o, "by", a);
	a = json_array();
	for (i = 0; i < m->ncombo; i++)
		json_array_append_new(a, json_string(m->combo[i].spec));
	json_object_set_new(o, "combine", a);
	json_object_set_new(o, "pupils", json_boolean(m->pupils));
	json_object_set_new(o, "roll", json_boolean(m->roll));
	json_object_set_new(o, "mode", json_string(mode_name[m->mode]));
	if (m->mode == MODE_POINT)
		json_object_set_new(o, "point", json_string(m->o.point));
	return o;
}

/* Writes one JSON value as a line. */
static int
put_line(track_writer *w, json_t *v, track_error *err)
{
	int rc;

	if (v == NULL)
		return error_nomem(err);
	rc = rtable_json_write(v, w, err);
	json_decref(v);
	return rc;
}

/*
 * With --roll, a partial also says how many of its roll pupils (and with
 * --pupils, who) fall in each group, per subject: the merge counts them
 * as missing in any subject and point this part has no values for.
 */
static int
write_roster(track_summary *m, track_writer *w, track_error *err)
{
	size_t ns = scheme_subject_count(m->s), sl, r, i, k;
	track_strmap *keys = strmap_new();
	long long *cnt = NULL;
	struct plist *names = NULL;
	size_t cap = 0, ncap = 0;
	long g[MAXBY];
	int rc = 0;

	if (keys == NULL)
		return error_nomem(err);
	for (sl = 0; sl < ns + m->ncombo && rc == 0; sl++) {
		size_t n0 = strmap_count(keys);

		for (r = 0; r < m->nroll; r++) {
			long key[1 + MAXBY], id;
			int added;

			for (k = 0; k < m->nby; k++)
				g[k] = m->roll_g[r * MAXBY + k];
			if (groups_of(m, g, m->roll_pupil[r], (int)sl, g) != 0)
				goto oom;
			memset(key, 0, sizeof key);
			key[0] = (long)sl;
			memcpy(key + 1, g, m->nby * sizeof g[0]);
			id = strmap_intern(keys, (const char *)key,
			    (1 + m->nby) * sizeof key[0], &added);
			if (id < 0 || buf_grow(&cnt, &cap, (size_t)id + 1,
			    sizeof *cnt) || buf_grow(&names, &ncap, (size_t)id + 1,
			    sizeof *names))
				goto oom;
			if (added) {
				cnt[id] = 0;
				memset(&names[id], 0, sizeof names[id]);
			}
			cnt[id]++;
			if (m->pupils && (buf_grow(&names[id].off, &names[id].cap,
			    names[id].n + 1, sizeof(size_t)) != 0))
				goto oom;
			if (m->pupils)
				names[id].off[names[id].n++] =
				    m->pname[m->roll_pupil[r]];
		}
		for (i = n0; i < strmap_count(keys) && rc == 0; i++) {
			long key[1 + MAXBY];
			json_t *gj = json_array(), *nj = json_array();
			json_t *o;

			/* The arena does not keep keys aligned. */
			memcpy(key, strmap_key(keys, (long)i, NULL),
			    (1 + m->nby) * sizeof key[0]);
			for (k = 0; k < m->nby; k++)
				json_array_append_new(gj, json_string(
				    strmap_key(m->by[k].vals, key[1 + k],
				    NULL)));
			for (k = 0; k < names[i].n; k++)
				json_array_append_new(nj, json_string(
				    m->disp.ptr + names[i].off[k]));
			o = json_pack("{s:s, s:o, s:I}", "roster",
			    subject_id(m, (int)sl), "groups", gj, "count",
			    (json_int_t)cnt[i]);
			if (o != NULL && m->pupils)
				json_object_set_new(o, "names", nj);
			else
				json_decref(nj);
			rc = put_line(w, o, err);
		}
	}
	goto out;
oom:
	rc = error_nomem(err);
out:
	for (i = 0; i < strmap_count(keys) && names != NULL; i++)
		free(names[i].off);
	free(names);
	free(cnt);
	strmap_free(keys);
	return rc;
}

int
summary_partial(track_summary *m, track_writer *w, track_error *err)
{
	json_t *head;
	size_t i, j, b;
	int rc;

	if (m->o.objectives)
		return error_set(err, TRACK_EXIT_USAGE, NULL, 0,
		    "--partial does not work with --objectives");
	if (m->a == NULL && need_assessor(m, err) != 0)
		return TRACK_EXIT_IO;
	rc = build(m, err);
	if (rc != 0)
		return rc;
	head = structure(m);
	if (head == NULL)
		return error_nomem(err);
	json_object_set_new(head, "track_summary_partial", json_integer(2));
	json_object_set_new(head, "latest", m->mode == MODE_LATEST &&
	    m->point >= 0 ? json_string(assess_point_text(m->a, m->point)) :
	    json_null());
	rc = put_line(w, head, err);
	for (i = 0; i < m->ncell && rc == 0; i++) {
		struct cell *c = &m->cell[i];
		json_t *o, *g = json_array(), *cnt = json_array();
		json_t *h = json_array(), *u = json_array();

		if (!shown(m, c)) {
			json_decref(g);
			json_decref(cnt);
			json_decref(h);
			json_decref(u);
			continue;
		}
		compress(c);
		for (j = 0; j < m->nby; j++)
			json_array_append_new(g, json_string(strmap_key(
			    m->by[j].vals, c->g[j], NULL)));
		for (b = 0; b < m->nbands; b++)
			json_array_append_new(cnt, json_integer(c->cnt[b]));
		for (b = MAXB; b < NBUCKET; b++)
			json_array_append_new(cnt, json_integer(c->cnt[b]));
		for (j = 0; j < c->nh; j++)
			json_array_append_new(h, json_pack("[f, I]",
			    c->h[j].v, (json_int_t)c->h[j].c));
		for (b = 0; m->pupils && b < NBUCKET; b++) {
			json_t *l;

			if (b >= m->nbands && b < MAXB)
				continue;
			l = json_array();
			for (j = 0; j < c->pl[b].n; j++)
				json_array_append_new(l, json_string(
				    m->disp.ptr + c->pl[b].off[j]));
			json_array_append_new(u, l);
		}
		o = json_pack("{s:s, s:s, s:s, s:o, s:o, s:o}",
		    "subject", subject_id(m, c->subj),
		    "measure", measure_id(m, c->meas),
		    "point", assess_point_text(m->a, c->point),
		    "groups", g, "counts", cnt, "scores", h);
		if (o != NULL && m->pupils)
			json_object_set_new(o, "pupils", u);
		else
			json_decref(u);
		rc = put_line(w, o, err);
	}
	if (rc == 0 && m->roll)
		rc = write_roster(m, w, err);
	return rc;
}

/* ---- Checking partials ---- */

/*
 * The most one count in a partial may be (no school system has 2^40
 * pupils), and the most all the counts merged may add up to: below that,
 * no sum the table makes of them (a cell, a totals row, a mean's count)
 * can overflow a long long.
 */
#define PART_MAX_COUNT ((long long)1 << 40)
#define MERGE_MAX_TOTAL ((long long)1 << 62)

/* A count from a partial: a whole number 0 .. PART_MAX_COUNT, else -1. */
static long long
part_count(json_t *v)
{
	json_int_t k;

	if (!json_is_integer(v))
		return -1;
	k = json_integer_value(v);
	return k < 0 || k > PART_MAX_COUNT ? -1 : (long long)k;
}

/* The name of count b of a partial's cell line, for messages. */
static const char *
count_name(const track_summary *m, size_t b)
{
	static const char *const extra[] = { "not_assessed", "excluded",
	    "missing", "no band" };

	return b < m->nbands ? scheme_band_id(m->s, b) :
	    extra[(b - m->nbands) % 4];
}

/* Nonzero when v is an array of n strings (any n when n is SIZE_MAX). */
static int
strings(json_t *v, size_t n)
{
	json_t *e;
	size_t i;

	if (!json_is_array(v) || (n != SIZE_MAX && json_array_size(v) != n))
		return 0;
	json_array_foreach(v, i, e)
		if (!json_is_string(e))
			return 0;
	return 1;
}

/* The subject slot of a partial's subject (a combined one too), or -1. */
static int
subject_slot(const track_summary *m, const char *subj)
{
	size_t i, ns = scheme_subject_count(m->s);
	int si = scheme_subject_index(m->s, subj, strlen(subj));

	for (i = 0; si < 0 && i < m->ncombo; i++)
		if (!strcmp(m->combo[i].name, subj))
			si = (int)(ns + i);
	return si;
}

/*
 * Checks a partial's header line: the shape of each key.  Returns 0 or
 * TRACK_EXIT_DATA (err says what is wrong; the caller adds the place).
 */
static int
head_shape(json_t *o, track_error *err)
{
	json_t *v, *e;
	const char *mode;
	size_t i;

	if (!strings(json_object_get(o, "bands"), SIZE_MAX) ||
	    json_array_size(json_object_get(o, "bands")) == 0)
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "a partial header whose \"bands\" are not a list of names");
	v = json_object_get(o, "by");
	if (!json_is_array(v))
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "a partial header whose \"by\" is not a list");
	json_array_foreach(v, i, e)
		if (!json_is_string(json_object_get(e, "by")) ||
		    !json_is_boolean(json_object_get(e, "hidden")))
			return error_set(err, TRACK_EXIT_DATA, NULL, 0,
			    "a partial header whose \"by\" entry %zu has no "
			    "name", i + 1);
	if (json_array_size(v) > MAXBY)
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "a partial header with more than %d --by columns", MAXBY);
	if (!strings(json_object_get(o, "combine"), SIZE_MAX))
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "a partial header whose \"combine\" is not a list of "
		    "specs");
	if (!json_is_boolean(json_object_get(o, "pupils")) ||
	    !json_is_boolean(json_object_get(o, "roll")))
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "a partial header without true or false \"pupils\" and "
		    "\"roll\"");
	mode = json_string_value(json_object_get(o, "mode"));
	if (mode == NULL || (strcmp(mode, "latest") && strcmp(mode, "point") &&
	    strcmp(mode, "over")))
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "a partial header whose \"mode\" is not latest, point or "
		    "over");
	if (!strcmp(mode, "point") && !json_is_string(json_object_get(o,
	    "point")))
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "no point in a --point partial");
	v = json_object_get(o, "latest");
	if (v != NULL && !json_is_null(v) && !json_is_string(v))
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "a partial header whose \"latest\" is not a point");
	v = json_object_get(o, "scheme");
	if (v != NULL && !json_is_string(v))
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "a partial header whose \"scheme\" is not a name");
	return 0;
}

/* Appends s to b (a message: running out of memory only shortens it). */
static void
put_s(track_buf *b, const char *s)
{
	if (*s != '\0')	/* nothing to add to a buffer not yet made */
		buf_append(b, s, strlen(s), 0);
}

/*
 * Appends, for a message, the option that made a partial's header (as
 * structure() makes it) hold what it does under `key`.
 */
static void
describe(track_buf *b, const char *key, json_t *head)
{
	json_t *v = json_object_get(head, key), *e;
	size_t i, k = 0;

#define PUT(s) put_s(b, (s))
	if (!strcmp(key, "scheme")) {
		PUT("scheme \"");
		PUT(json_string_value(v));
		PUT("\"");
	} else if (!strcmp(key, "bands")) {
		PUT("bands ");
		json_array_foreach(v, i, e) {
			PUT(i ? "," : "");
			PUT(json_string_value(e));
		}
	} else if (!strcmp(key, "by")) {
		json_array_foreach(v, i, e) {
			if (json_is_true(json_object_get(e, "hidden")))
				continue;
			PUT(k++ ? "," : "--by ");
			PUT(json_string_value(json_object_get(e, "by")));
		}
		json_array_foreach(v, i, e) {
			if (!json_is_true(json_object_get(e, "hidden")) ||
			    json_is_true(json_object_get(e, "privacy")))
				continue;
			PUT(k++ ? " and --gap " : "--gap ");
			PUT(json_string_value(json_object_get(e, "by")));
		}
		if (k == 0)
			PUT("no --by");
	} else if (!strcmp(key, "combine")) {
		json_array_foreach(v, i, e) {
			PUT(i ? " --combine " : "--combine ");
			PUT(json_string_value(e));
		}
		if (json_array_size(v) == 0)
			PUT("no --combine");
	} else if (!strcmp(key, "pupils") || !strcmp(key, "roll")) {
		PUT(json_is_true(v) ? "--" : "no --");
		PUT(key);
	} else {
		const char *mode = json_string_value(json_object_get(head,
		    "mode"));

		if (!strcmp(mode, "point")) {
			PUT("--point ");
			PUT(json_string_value(json_object_get(head, "point")));
		} else {
			PUT(!strcmp(mode, "over") ? "--over point" :
			    "the latest point (no --point)");
		}
	}
#undef PUT
}

/*
 * Compares a partial's header with the first one's (both as structure()
 * makes them).  Returns 0, or TRACK_EXIT_USAGE with err naming the option
 * they were made with that differs.
 */
static int
head_same(json_t *first, json_t *head, track_error *err)
{
	static const char *const keys[] = { "scheme", "bands", "by",
	    "combine", "pupils", "roll", "mode", "point" };
	track_buf a = { 0 }, b = { 0 };
	size_t i;
	int rc;

	for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		json_t *x = json_object_get(first, keys[i]);
		json_t *y = json_object_get(head, keys[i]);

		if ((x == NULL && y == NULL) || (x && y && json_equal(x, y)))
			continue;
		describe(&a, keys[i], head);
		describe(&b, keys[i], first);
		if (buf_append(&a, "", 0, 1) < 0 ||
		    buf_append(&b, "", 0, 1) < 0) {
			rc = error_nomem(err);
		} else {
			rc = error_set(err, TRACK_EXIT_USAGE, NULL, 0,
			    "this partial was made with %s, the first with "
			    "%s: make every partial with the same options",
			    a.ptr, b.ptr);
		}
		buf_free(&a);
		buf_free(&b);
		return rc;
	}
	return 0;
}

/*
 * Checks a partial's header against the scheme of the merge: the same
 * scheme, with the same bands.  Returns 0 or TRACK_EXIT_USAGE.
 */
static int
head_scheme(const track_summary *m, json_t *head, track_error *err)
{
	json_t *bands = json_object_get(head, "bands"), *e;
	const char *name = json_string_value(json_object_get(head, "scheme"));
	size_t i;
	int same = json_array_size(bands) == m->nbands;

	if (name != NULL && strcmp(name, scheme_name(m->s)) != 0)
		return error_set(err, TRACK_EXIT_USAGE, NULL, 0,
		    "this partial was made with scheme \"%s\", not \"%s\": "
		    "give the merge the same -s SCHEME", name,
		    scheme_name(m->s));
	json_array_foreach(bands, i, e)
		if (same && strcmp(json_string_value(e),
		    scheme_band_id(m->s, i)) != 0)
			same = 0;
	if (!same) {
		track_buf a = { 0 }, b = { 0 };
		int rc;

		describe(&a, "bands", head);
		for (i = 0; i < m->nbands; i++) {
			put_s(&b, i ? "," : "");
			put_s(&b, scheme_band_id(m->s, i));
		}
		if (buf_append(&a, "", 0, 1) < 0 ||
		    buf_append(&b, "", 0, 1) < 0)
			rc = error_nomem(err);
		else
			rc = error_set(err, TRACK_EXIT_USAGE, NULL, 0,
			    "this partial was made with %s, but the scheme "
			    "\"%s\" has %s: give the merge the same -s SCHEME",
			    a.ptr, scheme_name(m->s), b.ptr);
		buf_free(&a);
		buf_free(&b);
		return rc;
	}
	return 0;
}

/* Sets up by columns and combined subjects from a partial's header. */
static int
adopt(track_summary *m, json_t *head, track_error *err)
{
	json_t *a = json_object_get(head, "by"), *v;
	const char *mode = json_string_value(json_object_get(head, "mode"));
	size_t i;
	int rc = 0;

	json_array_foreach(a, i, v) {
		const char *spec = json_string_value(json_object_get(v, "by"));
		int hidden = json_is_true(json_object_get(v, "hidden"));
		size_t k;

		if (hidden && json_is_true(json_object_get(v, "privacy")))
			hidden = 2;

		/* --gap at the merge may name a column already there. */
		for (k = 0; k < m->nby; k++)
			if (m->by[k].hidden && !strcmp(m->by[k].name, spec))
				break;
		if (k < m->nby) {
			struct bycol tmp = m->by[k];

			memmove(&m->by[k], &m->by[k + 1], (m->nby - k - 1) *
			    sizeof tmp);
			m->by[m->nby - 1] = tmp;
			m->nby--;
			free(tmp.name);
			free(tmp.prior);
			free(tmp.plabel);
			strmap_free(tmp.vals);
			m->gapby = -1;
		}
		rc = add_by(m, spec, hidden, err);
		if (rc != 0)
			return rc;
		m->by[m->nby - 1].prior_point = -1;
		if (m->o.gap != NULL) {
			const char *eq = strchr(m->o.gap, '=');

			if (strlen(spec) == (size_t)(eq - m->o.gap) &&
			    !strncmp(spec, m->o.gap, (size_t)(eq - m->o.gap))) {
				m->gapby = (int)m->nby - 1;
				/* a privacy column is shown as the gap's */
				if (m->by[m->gapby].hidden == 2)
					m->by[m->gapby].hidden = 1;
			}
		}
	}
	if (m->o.gap != NULL && m->gapby < 0)
		return error_set(err, TRACK_EXIT_USAGE, NULL, 0,
		    "--gap: the partials are not grouped by that column (make "
		    "them with --by or --gap)");
	a = json_object_get(head, "combine");
	json_array_foreach(a, i, v) {
		rc = add_combo(m, json_string_value(v), err);
		if (rc != 0)
			return rc;
		if (mslot_of(m, m->combo[m->ncombo - 1].mtext) < 0)
			return error_nomem(err);
	}
	m->pupils = json_is_true(json_object_get(head, "pupils"));
	m->roll = json_is_true(json_object_get(head, "roll"));
	m->mode = !strcmp(mode, "over") ? MODE_OVER : !strcmp(mode, "point") ?
	    MODE_POINT : MODE_LATEST;
	if (m->mode == MODE_POINT) {
		m->o.point = strdup(json_string_value(json_object_get(head,
		    "point")));
		if (m->o.point == NULL)
			return error_nomem(err);
		m->point = -1;
	}
	return bind_points(m, err);
}

/* The key of a (subject, measure, point) slice. */
static uint64_t
slice_key(int subj, int meas, long point)
{
	return (uint64_t)subj << 40 | (uint64_t)meas << 24 | (uint64_t)point;
}

/*
 * Adds one roster line of a partial (see write_roster), once it has
 * checked all of it: a bad line changes nothing.
 */
static int
merge_roster(track_summary *m, json_t *o, track_error *err)
{
	const char *subj = json_string_value(json_object_get(o, "roster"));
	json_t *g = json_object_get(o, "groups");
	json_t *names = json_object_get(o, "names"), *v;
	struct mpart *p = &m->part[m->npart - 1];
	struct rentry *e;
	long long count = part_count(json_object_get(o, "count"));
	size_t i;
	int si;

	if (subj == NULL || !strings(g, m->nby))
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "not a track-summary partial roster line (it needs a "
		    "\"roster\" subject, %zu \"groups\" and a \"count\")",
		    m->nby);
	si = subject_slot(m, subj);
	if (si < 0)
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "unknown subject \"%.100s\" in a partial", subj);
	if (count < 0)
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "a roster count that is not a whole number from 0 to "
		    "2^40");
	if (m->pupils && !strings(names, (size_t)count))
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "a roster whose names are not %lld names", count);
	if (buf_grow(&p->r, &p->rcap, p->nr + 1, sizeof *p->r) != 0)
		return error_nomem(err);
	e = &p->r[p->nr];
	memset(e, 0, sizeof *e);
	e->subj = si;
	e->count = count;
	for (i = 0; i < m->nby; i++) {
		const char *t = json_string_value(json_array_get(g, i));

		e->g[i] = strmap_intern(m->by[i].vals, t, strlen(t), NULL);
		if (e->g[i] < 0)
			return error_nomem(err);
	}
	p->nr++;
	json_array_foreach(m->pupils ? names : NULL, i, v) {
		long off = buf_append(&m->disp, json_string_value(v),
		    strlen(json_string_value(v)), 1);

		if (off < 0 || buf_grow(&e->names.off, &e->names.cap,
		    e->names.n + 1, sizeof(size_t)) != 0)
			return error_nomem(err);
		e->names.off[e->names.n++] = (size_t)off;
	}
	return 0;
}

/*
 * After a merge with --roll: a part's roll pupils are missing in every
 * slice that the part has no values for.  Returns 0, -1 when out of
 * memory, -2 when a count would overflow.
 */
static int
roster_missing(track_summary *m)
{
	size_t nc = m->ncell, c, p, i, k;
	track_u64map *done = u64map_new();
	int rc = 0;

	if (done == NULL)
		return -1;
	for (c = 0; c < nc && rc == 0; c++) {
		struct cell x = m->cell[c];
		uint64_t sk = slice_key(x.subj, x.meas, x.point);
		int added;

		if (u64map_intern(done, sk, &added) < 0) {
			rc = -1;
			break;
		}
		if (!added)
			continue;
		for (p = 0; p < m->npart && rc == 0; p++) {
			if (u64map_find(m->part[p].slices, sk) >= 0)
				continue;
			for (i = 0; i < m->part[p].nr && rc == 0; i++) {
				const struct rentry *e = &m->part[p].r[i];
				struct cell *d;

				if (e->subj != x.subj)
					continue;
				d = cell_get(m, x.subj, x.meas, x.point, e->g);
				if (d == NULL) {
					rc = -1;
					break;
				}
				if (__builtin_add_overflow(d->cnt[B_MISSING],
				    e->count, &d->cnt[B_MISSING]) ||
				    __builtin_add_overflow(m->mtotal, e->count,
				    &m->mtotal) || m->mtotal > MERGE_MAX_TOTAL) {
					rc = -2;
					break;
				}
				for (k = 0; k < e->names.n && rc == 0; k++)
					rc = cell_name(d, B_MISSING,
					    e->names.off[k]);
			}
		}
	}
	u64map_free(done);
	return rc;
}

/*
 * Checks a cell line's scores: [score, pupils] pairs, each score a
 * number on the cell's score scale, the pupils adding up to no more than
 * the `counted` pupils the line has.  Returns 0 or TRACK_EXIT_DATA.
 */
static int
check_scores(const track_summary *m, json_t *h, int si, int mi,
    const char *pt, long long counted, track_error *err)
{
	const track_scale *sc = NULL;
	double lo = 0, hi = 0;
	long long sum = 0;
	json_t *v;
	size_t i;

	if (!json_is_array(h))
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "\"scores\" is not a list");
	if (json_array_size(h) == 0)
		return 0;
	if (si < (int)scheme_subject_count(m->s) &&
	    mi < (int)scheme_measure_count(m->s))
		sc = scheme_scale_for(m->s, scheme_subject_id_at(m->s,
		    (size_t)si), scheme_measure_id_at(m->s, (size_t)mi), pt);
	if (sc == NULL || scheme_scale_kind(sc) != TRACK_SCALE_SCORE)
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "scores for a subject and measure that have no score "
		    "scale");
	scheme_scale_range(sc, &lo, &hi);
	json_array_foreach(h, i, v) {
		json_t *x = json_array_get(v, 0);
		long long k = part_count(json_array_get(v, 1));
		double d = json_number_value(x);

		if (json_array_size(v) != 2 || !json_is_number(x) || k < 0)
			return error_set(err, TRACK_EXIT_DATA, NULL, 0,
			    "score %zu is not a [score, pupils] pair", i + 1);
		if (!(d >= lo && d <= hi))
			return error_set(err, TRACK_EXIT_DATA, NULL, 0,
			    "score %.15g is outside the scale's range %g to %g",
			    d, lo, hi);
		sum += k;
	}
	if (sum > counted)
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "%lld scores for %lld pupils", sum, counted);
	return 0;
}

/*
 * Adds one cell line of a partial, once it has checked all of it: the
 * subject, measure, point and groups, counts that are whole numbers (and
 * that do not overflow when added), scores on the scale, and names that
 * match the counts.  A bad line changes nothing.
 */
static int
merge_cell(track_summary *m, json_t *o, track_error *err)
{
	const char *subj = json_string_value(json_object_get(o, "subject"));
	const char *meas = json_string_value(json_object_get(o, "measure"));
	const char *pt = json_string_value(json_object_get(o, "point"));
	json_t *g = json_object_get(o, "groups"), *cnt, *h, *u = NULL, *v;
	long long add[NBUCKET], counted = 0, total = 0, sum;
	long gv[MAXBY], point;
	int si = -1, mi;
	size_t i, b, j, ns = scheme_subject_count(m->s);
	size_t nb = m->nbands + NBUCKET - MAXB;
	struct cell *c;

	if (subj == NULL || meas == NULL || pt == NULL || *pt == '\0' ||
	    !strings(g, m->nby))
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "not a track-summary partial cell (it needs a \"subject\", "
		    "\"measure\", \"point\" and %zu \"groups\")", m->nby);
	si = subject_slot(m, subj);
	if (si < 0)
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "unknown subject \"%.100s\" in a partial", subj);
	mi = scheme_measure_index(m->s, meas, strlen(meas));
	if (si >= (int)ns)	/* a combined subject's measure text */
		mi = strcmp(meas, m->combo[si - (int)ns].mtext) ? -1 :
		    mslot_of(m, meas);
	if (mi < 0)
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "unknown measure \"%.100s\" for %.100s in a partial", meas,
		    subj);
	cnt = json_object_get(o, "counts");
	if (!json_is_array(cnt) || json_array_size(cnt) != nb)
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "\"counts\" is not a list of %zu counts (the scheme's "
		    "bands, then not assessed, excluded, missing and no band)",
		    nb);
	memset(add, 0, sizeof add);
	for (b = 0; b < nb; b++) {
		size_t to = b < m->nbands ? b : MAXB + (b - m->nbands);

		add[to] = part_count(json_array_get(cnt, b));
		if (add[to] < 0)
			return error_set(err, TRACK_EXIT_DATA, NULL, 0,
			    "the %s count is not a whole number from 0 to 2^40",
			    count_name(m, b));
		total += add[to];
		if (to != B_EXCLUDED)
			counted += add[to];
	}
	h = json_object_get(o, "scores");
	if (check_scores(m, h, si, mi, pt, counted, err) != 0)
		return TRACK_EXIT_DATA;
	if (m->pupils) {
		u = json_object_get(o, "pupils");
		if (!json_is_array(u) || json_array_size(u) != nb)
			return error_set(err, TRACK_EXIT_DATA, NULL, 0,
			    "\"pupils\" is not %zu lists of names", nb);
		for (b = 0; b < nb; b++) {
			size_t to = b < m->nbands ? b : MAXB + (b - m->nbands);

			if (!strings(json_array_get(u, b), to == B_EXCLUDED ?
			    0 : (size_t)add[to]))
				return error_set(err, TRACK_EXIT_DATA, NULL, 0,
				    "%zu names for a %s count of %lld (or not "
				    "all names)", json_array_size(json_array_get(
				    u, b)), count_name(m, b), to == B_EXCLUDED ?
				    0 : add[to]);
		}
	}
	if (__builtin_add_overflow(m->mtotal, total, &sum) ||
	    sum > MERGE_MAX_TOTAL)
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "the counts add up to more than 2^62 pupils with the "
		    "partials before");
	/* All checked: add the line. */
	point = assess_point_intern(m->a, pt, strlen(pt));
	if (point < 0)
		return error_nomem(err);
	for (i = 0; i < m->nby; i++) {
		const char *t = json_string_value(json_array_get(g, i));

		gv[i] = strmap_intern(m->by[i].vals, t, strlen(t), NULL);
		if (gv[i] < 0)
			return error_nomem(err);
	}
	c = cell_get(m, si, mi, point, gv);
	if (c == NULL || (m->npart > 0 && u64map_intern(
	    m->part[m->npart - 1].slices, slice_key(si, mi, point), NULL) < 0))
		return error_nomem(err);
	m->mtotal = sum;
	for (b = 0; b < NBUCKET; b++)	/* below the total: cannot fail */
		if (__builtin_add_overflow(c->cnt[b], add[b], &c->cnt[b]))
			return error_set(err, TRACK_EXIT_DATA, NULL, 0,
			    "a count overflows");
	json_array_foreach(h, i, v)
		if (cell_score(c, json_number_value(json_array_get(v, 0)),
		    (long long)json_integer_value(json_array_get(v, 1))) != 0)
			return error_nomem(err);
	for (b = 0; m->pupils && b < nb; b++) {
		size_t to = b < m->nbands ? b : MAXB + (b - m->nbands);

		json_array_foreach(json_array_get(u, b), j, v) {
			const char *name = json_string_value(v);
			long off = buf_append(&m->disp, name, strlen(name), 1);

			if (off < 0 || cell_name(c, (int)to, (size_t)off) != 0)
				return error_nomem(err);
		}
	}
	return 0;
}

/* Starts the record of one more partial. */
static int
new_part(track_summary *m)
{
	struct mpart *p = realloc(m->part, (m->npart + 1) * sizeof *p);

	if (p == NULL)
		return -1;
	m->part = p;
	p = &m->part[m->npart];
	memset(p, 0, sizeof *p);
	p->slices = u64map_new();
	if (p->slices == NULL)
		return -1;
	m->npart++;
	return 0;
}

/*
 * Reads a partial's header line: checks its shape, its scheme and bands
 * against the merge's, and its options against the first partial's (or,
 * for the first, takes them).  Returns 0, TRACK_EXIT_DATA for a header
 * that is not one, TRACK_EXIT_USAGE for one made with other options.
 */
static int
merge_head(track_summary *m, json_t *o, track_error *err)
{
	json_int_t version = json_integer_value(json_object_get(o,
	    "track_summary_partial"));
	json_t *s;
	int rc;

	if (!json_is_integer(json_object_get(o, "track_summary_partial")) ||
	    version < 1 || version > 2)
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "a partial from another version of track-summary (this "
		    "one reads versions 1 and 2)");
	rc = head_shape(o, err);
	if (rc != 0)
		return rc;
	/* Version 1 did not name its scheme: take it to be this one. */
	s = json_deep_copy(o);
	if (s == NULL || (json_object_get(s, "scheme") == NULL &&
	    json_object_set_new(s, "scheme", json_string(scheme_name(m->s)))))
		goto oom;
	json_object_del(s, "latest");
	json_object_del(s, "track_summary_partial");
	rc = head_scheme(m, s, err);
	if (rc == 0 && m->partial_head == NULL) {
		rc = adopt(m, s, err);
		if (rc != 0 && rc != TRACK_EXIT_IO)
			rc = TRACK_EXIT_USAGE;	/* not the merge's scheme */
		m->partial_head = s;
		s = NULL;
	} else if (rc == 0) {
		rc = head_same(m->partial_head, s, err);
	}
	json_decref(s);
	if (rc != 0)
		return rc;
	if (new_part(m) != 0)
		return error_nomem(err);
	s = json_object_get(o, "latest");
	if (json_is_string(s)) {
		long p = assess_point_intern(m->a, json_string_value(s),
		    strlen(json_string_value(s)));

		if (p < 0)
			return error_nomem(err);
		if (m->point < 0 || assess_point_better(m->a, p, m->point))
			m->point = p;
	}
	return 0;
oom:
	json_decref(s);
	return error_nomem(err);
}

int
summary_merge(track_summary *m, const char *path, summary_bad_fn *bad,
    void *ctx, track_error *err)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	const char *name = strcmp(path, "-") == 0 ? "stdin" : path;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	long lineno = 0;
	json_t *o;
	json_error_t je;
	int rc = 0, status = 0, head = 0;

	if (f == NULL)
		return error_set(err, TRACK_EXIT_IO, path, 0, "cannot open: %s",
		    strerror(errno));
	if (need_assessor(m, err) != 0)
		goto io;
	m->merged = 1;
	while ((len = getline(&line, &cap, f)) > 0) {
		lineno++;
		if (len == 1 && line[0] == '\n')
			continue;
		o = json_loadb(line, (size_t)len, 0, &je);
		error_clear(err);
		if (o == NULL || !json_is_object(o)) {
			rc = error_set(err, TRACK_EXIT_DATA, NULL, 0,
			    "not a track-summary partial (make one with "
			    "track-summary --partial)");
		} else if (json_object_get(o, "track_summary_partial") !=
		    NULL) {
			/* A header starts each partial; partials may be
			 * concatenated (a reducer reads them as one
			 * stream).  After a bad one, its lines are
			 * passed over until the next. */
			rc = merge_head(m, o, err);
			head = rc == 0 ? 1 : -1;
		} else if (head < 0) {
			rc = 0;
		} else if (head == 0) {
			rc = error_set(err, TRACK_EXIT_DATA, NULL, 0,
			    "not a track-summary partial (make one with "
			    "track-summary --partial)");
			head = -1;
		} else if (json_object_get(o, "roster") != NULL) {
			rc = merge_roster(m, o, err);
		} else {
			rc = merge_cell(m, o, err);
		}
		json_decref(o);
		if (rc != 0 && err->line == 0) {
			err->file = name;
			err->line = lineno;
		}
		if (rc == TRACK_EXIT_DATA && bad != NULL) {
			bad(ctx, err);
			status = TRACK_EXIT_DATA;
		} else if (rc != 0) {
			status = rc;
			break;
		}
	}
	if (status != TRACK_EXIT_IO && status != TRACK_EXIT_USAGE &&
	    ferror(f))
		status = error_set(err, TRACK_EXIT_IO, name, 0, "read error");
	else if (status == TRACK_EXIT_DATA && bad != NULL)
		error_set(err, TRACK_EXIT_DATA, name, 0,
		    "bad lines were left out of the merge");
	free(line);
	if (f != stdin)
		fclose(f);
	return status;
io:
	if (f != stdin)
		fclose(f);
	return TRACK_EXIT_IO;
}

/* ---- The result ---- */

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
			    m->by[i].name, "label", by_label(&m->by[i])));
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

int
summary_table(track_summary *m, track_rtable **out, json_t **meta,
    track_error *err)
{
	track_rtable *t = NULL;
	json_t *mt = NULL;
	int rc;

	*out = NULL;
	*meta = NULL;
	if (m->a == NULL && need_assessor(m, err) != 0)
		return TRACK_EXIT_IO;
	rc = build(m, err);
	if (rc != 0)
		return rc;
	t = rtable_new();
	mt = meta_of(m, m->o.objectives ? "objectives" : m->o.gap ? "gap" :
	    m->o.across ? "across" : "overview");
	if (t == NULL || mt == NULL)
		goto oom;
	if (m->o.across != NULL && strcmp(m->o.across, "point") &&
	    strcmp(m->o.across, "measure") && strcmp(m->o.across, "subject")) {
		size_t i;

		for (i = 0; i < m->nby; i++)
			if (!strcmp(m->by[i].name, m->o.across) &&
			    m->by[i].hidden != 2)
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
	if (!m->o.objectives && suppress_and_fold(m) != 0)
		goto oom;
	if (m->o.objectives)
		rc = objectives(m, t, mt);
	else if (m->o.gap != NULL)
		rc = gap(m, t);
	else if (m->o.across != NULL)
		rc = across(m, t);
	else
		rc = overview(m, t, mt);
	if (rc != 0)
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
	}
	free(m->combo);
	free(m->gap_a);
	free(m->gap_b);
	strmap_free(m->pupil_ids);
	free(m->pname);
	buf_free(&m->disp);
	u64map_free(m->emap);
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

size_t
summary_rows_shown(const track_summary *m)
{
	size_t i, k = 0;

	for (i = 0; i < m->ncell; i++)
		k += shown(m, &m->cell[i]);
	return k + m->noent;
}
