/*
 * pupil_ctf.c - track-pupil -F ctf: the chosen pupils' statutory results
 * as a partial DfE Common Transfer File (CTF 25), for the MIS.
 *
 * The element names are those record/reader_ctf.c reads (CTfile, Header,
 * CTFpupilData, Pupil, UPN, Surname, Forename, DOB, Sex,
 * StageAssessments, KeyStage, Stage, StageAssessment, Locale, Year,
 * Subject, Method, Component, ResultStatus, ResultQualifier, Result).
 * Which result goes where is the scheme's "ctf" section read backwards
 * (scheme_ctf_place_back), so track-import reads the file back to the
 * same records.  Every text is escaped by xml_escape.
 *
 * Left out, and told to o.problem at the end, one message for each
 * reason, subject, measure and point with a count and the first pupil: a
 * pupil whose id is not a UPN, a result at a statutory point with no
 * academic year ("ks2", not "2025-26.ks2"), a result assessed out of
 * year, and a result that no rule writes.  Pupils with no statutory
 * result are left out quietly: the file is of statutory results.
 */
#include "pupil_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/xml.h"
#include "scheme/ctf.h"

/* A result to write: its entry and the keys the scheme gives it. */
struct cres {
	const struct pent *e;
	track_str key[CTF_NKEYS];
	int year;		/* the CTF's Year: the academic year's end */
	int stage;		/* order of its Stage, first seen first */
};

/* Why results were left out. */
enum why { W_NOYEAR, W_OOY, W_NORULE, W_UPN };

/* Results left out for the same reason, counted (told at the end). */
struct left {
	enum why why;
	uint32_t pupil;		/* the first pupil */
	int16_t subject, measure;
	int32_t point;		/* the point id (W_UPN: none) */
	size_t n, npupils;
	uint32_t last;		/* the last pupil counted */
};

struct ctf {
	struct view *v;
	track_buf b;
	struct cres *res;
	size_t nres, cap;
	struct left *left;
	size_t nleft, leftcap;
	int bad;		/* out of memory */
};

static void problem(const track_pupils *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Counts a result of entry `e` left out for `why`. */
static void
leave(struct ctf *c, enum why why, const struct pent *e)
{
	struct left *l;
	size_t i;
	int any = why == W_UPN;

	for (i = 0; i < c->nleft; i++) {
		l = &c->left[i];
		if (l->why == why && (any || (l->subject == e->k.subject &&
		    l->measure == e->k.measure && l->point == e->k.point))) {
			l->n++;
			l->npupils += l->last != e->k.pupil;
			l->last = e->k.pupil;
			return;
		}
	}
	if (buf_grow(&c->left, &c->leftcap, c->nleft + 1,
	    sizeof *c->left) != 0) {
		c->bad = 1;
		return;
	}
	l = &c->left[c->nleft++];
	l->why = why;
	l->pupil = l->last = e->k.pupil;
	l->subject = e->k.subject;
	l->measure = e->k.measure;
	l->point = e->k.point;
	l->n = l->npupils = 1;
}

/* Tells what was left out, a message for each reason and result. */
static void
tell_left(const struct ctf *c)
{
	const track_pupils *p = c->v->p;
	const struct left *l;
	const char *subj, *meas, *pt, *first;
	char more[64];
	size_t i, len;

	for (i = 0; i < c->nleft; i++) {
		l = &c->left[i];
		subj = scheme_subject_id_at(p->s, (size_t)l->subject);
		meas = scheme_measure_id_at(p->s, (size_t)l->measure);
		pt = assess_point_text(p->a, l->point);
		first = strmap_key(p->pupils, (long)l->pupil, &len);
		snprintf(more, sizeof more, l->npupils > 1 ? " and %zu more" :
		    "", l->npupils - 1);
		const char *rs = l->n == 1 ? "" : "s";
		const char *have = l->n == 1 ? "has" : "have";

		if (l->why == W_UPN)
			problem(p, "%zu %s (13 characters: a letter, 11 "
			    "digits, a digit or a letter) %s left out of the "
			    "CTF with %zu statutory result%s (%.40s%s)",
			    l->npupils, l->npupils == 1 ? "pupil whose id is "
			    "not a UPN" : "pupils whose ids are not UPNs",
			    l->npupils == 1 ? "is" : "are", l->n, rs, first,
			    more);
		else if (l->why == W_NOYEAR)
			problem(p, "%zu result%s in %s, %s at %s %s no "
			    "academic year (a point such as 2025-26.%s) and "
			    "%s left out of the CTF (%.40s%s)", l->n, rs, subj,
			    meas, pt, have, pt, l->n == 1 ? "is" : "are",
			    first, more);
		else if (l->why == W_OOY)
			problem(p, "%zu result%s in %s, %s at %s %s assessed "
			    "out of year and %s left out of the CTF "
			    "(%.40s%s)", l->n, rs, subj, meas, pt, l->n == 1 ?
			    "was" : "were", l->n == 1 ? "is" : "are", first,
			    more);
		else
			problem(p, "no rule of the scheme's ctf section writes "
			    "%s, %s at %s: %zu result%s %s left out of the "
			    "CTF (%.40s%s)", subj, meas, pt, l->n, rs,
			    l->n == 1 ? "is" : "are", first, more);
	}
}

/* Tells the caller of something left out. */
static void
problem(const track_pupils *p, const char *fmt, ...)
{
	track_error e;
	va_list ap;

	if (p->o.problem == NULL)
		return;
	error_clear(&e);
	e.kind = TRACK_EXIT_DATA;
	va_start(ap, fmt);
	vsnprintf(e.text, sizeof e.text, fmt, ap);
	va_end(ap);
	p->o.problem(p->o.pctx, &e);
}

/* Appends NUL-ended text as it is (markup). */
static void
raw(struct ctf *c, const char *s)
{
	if (buf_append(&c->b, s, strlen(s), 0) < 0)
		c->bad = 1;
}

/* Appends <name>text</name> at `indent` spaces and a line end. */
static void
el(struct ctf *c, int indent, const char *name, const char *text,
    size_t len)
{
	char pre[80];

	snprintf(pre, sizeof pre, "%*s<%s>", indent, "", name);
	raw(c, pre);
	if (xml_escape(&c->b, text, len) != 0)
		c->bad = 1;
	snprintf(pre, sizeof pre, "</%s>\n", name);
	raw(c, pre);
}

static void
elz(struct ctf *c, int indent, const char *name, const char *text)
{
	el(c, indent, name, text, strlen(text));
}

/* Reads a LAESTAB ("9992041", "999/2041") into lea and estab. */
static int
laestab(const char *s, char lea[4], char estab[5])
{
	char d[8];
	size_t n = 0;

	for (; *s != '\0'; s++) {
		if ((*s == '/' || *s == '-' || *s == ' ') && n == 3)
			continue;
		if (n == 7 || !((*s >= '0' && *s <= '9') || *s == 'M' ||
		    *s == 'X'))
			return -1;
		d[n++] = *s;
	}
	if (n != 7)
		return -1;
	memcpy(lea, d, 3);
	lea[3] = '\0';
	memcpy(estab, d + 3, 4);
	estab[4] = '\0';
	return 0;
}

int
pupil_ctf_laestab_ok(const char *s)
{
	char lea[4], estab[5];

	return laestab(s, lea, estab) == 0;
}

/* A school: <Tag><LEA/><Estab/></Tag>; 000/0000 when not given. */
static void
school(struct ctf *c, const char *tag, const char *code)
{
	char lea[4] = "000", estab[5] = "0000", line[64];

	if (code != NULL && laestab(code, lea, estab) != 0) {
		memcpy(lea, "000", 4);
		memcpy(estab, "0000", 5);
	}
	snprintf(line, sizeof line, "    <%s>\n", tag);
	raw(c, line);
	elz(c, 6, "LEA", lea);
	elz(c, 6, "Estab", estab);
	snprintf(line, sizeof line, "    </%s>\n", tag);
	raw(c, line);
}

static void
header(struct ctf *c)
{
	const struct pupil_opts *o = &c->v->p->o;

	raw(c, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<CTfile>\n  <Header>\n");
	elz(c, 4, "DocumentName", "Common Transfer File");
	elz(c, 4, "CTFversion", "25.0");
	elz(c, 4, "DateTime", o->ctf_time != NULL ? o->ctf_time :
	    "1970-01-01T00:00:00");
	elz(c, 4, "DocumentQualifier", "partial");
	elz(c, 4, "DataDescriptor", "Statutory assessments");
	elz(c, 4, "SupplierID", "track");
	school(c, "SourceSchool", o->ctf_source);
	school(c, "DestSchool", o->ctf_dest != NULL ? o->ctf_dest :
	    o->ctf_source);
	raw(c, "  </Header>\n  <CTFpupilData>\n");
}

static int
cmp_res(const void *x, const void *y, void *ctx)
{
	const struct cres *a = x, *b = y;
	const struct view *v = ctx;

	if (a->stage != b->stage)
		return a->stage < b->stage ? -1 : 1;
	if (v->prank[a->e->k.point] != v->prank[b->e->k.point])
		return v->prank[a->e->k.point] < v->prank[b->e->k.point] ?
		    -1 : 1;
	if (a->e->k.subject != b->e->k.subject)
		return a->e->k.subject < b->e->k.subject ? -1 : 1;
	return a->e->k.measure < b->e->k.measure ? -1 :
	    a->e->k.measure > b->e->k.measure;
}

/*
 * Places result `e` of a pupil, whose id is a UPN when `upn`: 1 when it
 * is statutory and goes in, 0 when it is not statutory, -1 when it is
 * statutory and left out (counted).
 */
static int
place(struct ctf *c, int upn, const struct pent *e, struct cres *r)
{
	const track_pupils *p = c->v->p;
	const char *pt = assess_point_text(p->a, e->k.point), *dot;
	const char *subj = scheme_subject_id_at(p->s, (size_t)e->k.subject);
	const char *meas = pupil_meas_id(p, e->k.measure);
	track_point_key key;
	int kind = scheme_point_key(p->s, pt, strlen(pt), &key);
	enum why why;

	if (e->k.measure == PM_OBJECTIVES || (kind != TRACK_POINT_STATUTORY &&
	    kind != TRACK_POINT_SCOPED_STATUTORY))
		return 0;
	dot = strchr(pt, '.');
	if (!upn)
		why = W_UPN;
	else if (kind == TRACK_POINT_STATUTORY)
		why = W_NOYEAR;
	else if (e->ooy != OOY_NONE)
		why = W_OOY;
	else if (dot == NULL || scheme_ctf_place_back(p->s, subj, meas,
	    dot + 1, r->key) != 0)
		why = W_NORULE;
	else {
		r->e = e;
		r->year = key.year + 1;
		return 1;
	}
	leave(c, why, e);
	return -1;
}

/* Sex, by the scheme's ctf section, from the pupil's groups; or NULL. */
static const char *
sex_of(const track_pupils *p, const struct pinfo *pi)
{
	const char *col = scheme_ctf_column(p->s, CTF_SEX), *v;
	size_t i;

	for (i = 0; col != NULL && i < p->ngroups; i++)
		if (strcasecmp(p->gname[i], col) == 0 && pi->g[i] != 0) {
			v = pupil_gval(p, pi->g[i]);
			return scheme_ctf_code_back(p->s, CTF_SEX, v,
			    strlen(v));
		}
	return NULL;
}

/* Nonzero when `d` is a date, YYYY-MM-DD. */
static int
iso_date(const char *d)
{
	size_t i;

	if (strlen(d) != 10 || d[4] != '-' || d[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (d[i] < '0' || d[i] > '9'))
			return 0;
	return 1;
}

/* One result's StageAssessment. */
static void
result(struct ctf *c, const struct cres *r)
{
	static const char *const tag[CTF_NKEYS] = {
		NULL, "Locale", "Subject", "Method", "Component",
		"ResultStatus", "ResultQualifier"
	};
	static const int order[] = {
		CTF_LOCALE, -1, CTF_SUBJECT, CTF_METHOD, CTF_COMPONENT,
		CTF_STATUS, CTF_QUALIFIER
	};
	const track_pupils *p = c->v->p;
	const char *w;
	char year[16];
	size_t i, len;

	raw(c, "          <StageAssessment>\n");
	for (i = 0; i < sizeof order / sizeof order[0]; i++) {
		if (order[i] < 0) {
			snprintf(year, sizeof year, "%d", r->year);
			elz(c, 12, "Year", year);
		} else if (r->key[order[i]].len > 0) {
			el(c, 12, tag[order[i]], r->key[order[i]].ptr,
			    r->key[order[i]].len);
		}
	}
	w = strmap_key(p->words, (long)r->e->words, &len);
	el(c, 12, "Result", w, len);
	raw(c, "          </StageAssessment>\n");
}

/* The pupil of entries ord[from..to): their results, then the Pupil. */
static void
pupil(struct ctf *c, size_t from, size_t to)
{
	const track_pupils *p = c->v->p;
	uint32_t k = p->e[c->v->ord[from]].k.pupil;
	const struct pinfo *pi = &p->pi[k];
	size_t len, i, j, n = 0;
	const char *id = strmap_key(p->pupils, (long)k, &len), *name, *comma;
	const char *sex, *dob;
	int upn = pupil_upn_shaped(id, len);

	c->nres = 0;
	for (i = from; i < to; i++) {
		if (buf_grow(&c->res, &c->cap, c->nres + 1,
		    sizeof *c->res) != 0) {
			c->bad = 1;
			return;
		}
		if (place(c, upn, &p->e[c->v->ord[i]], &c->res[c->nres]) > 0)
			c->nres++;
	}
	if (c->nres == 0)
		return;
	/* Stages in the order their first result comes. */
	for (i = 0; i < c->nres; i++) {
		c->res[i].stage = -1;
		for (j = 0; j < i && c->res[i].stage < 0; j++)
			if (c->res[j].key[CTF_STAGE].len ==
			    c->res[i].key[CTF_STAGE].len &&
			    memcmp(c->res[j].key[CTF_STAGE].ptr,
			    c->res[i].key[CTF_STAGE].ptr,
			    c->res[i].key[CTF_STAGE].len) == 0)
				c->res[i].stage = c->res[j].stage;
		if (c->res[i].stage < 0)
			c->res[i].stage = (int)n++;
	}
	qsort_r(c->res, c->nres, sizeof *c->res, cmp_res, c->v);
	raw(c, "    <Pupil>\n");
	el(c, 6, "UPN", id, len);
	name = pupil_gval(p, pi->name);
	comma = strstr(name, ", ");
	if (comma != NULL) {
		el(c, 6, "Surname", name, (size_t)(comma - name));
		elz(c, 6, "Forename", comma + 2);
	} else if (name[0] != '\0') {
		elz(c, 6, "Surname", name);
	}
	dob = pupil_gval(p, pi->dob);
	if (iso_date(dob))
		elz(c, 6, "DOB", dob);
	sex = sex_of(p, pi);
	if (sex != NULL)
		elz(c, 6, "Sex", sex);
	raw(c, "      <StageAssessments>\n");
	for (i = 0; i < c->nres; i++) {
		if (i == 0 || c->res[i].stage != c->res[i - 1].stage) {
			if (i > 0)
				raw(c, "        </KeyStage>\n");
			raw(c, "        <KeyStage>\n");
			el(c, 10, "Stage", c->res[i].key[CTF_STAGE].ptr,
			    c->res[i].key[CTF_STAGE].len);
		}
		result(c, &c->res[i]);
	}
	raw(c, "        </KeyStage>\n      </StageAssessments>\n"
	    "    </Pupil>\n");
}

int
pupil_ctf_write(struct view *v, track_writer *w, track_error *err)
{
	struct ctf c;
	size_t k, j;
	int rc = 0;

	memset(&c, 0, sizeof c);
	c.v = v;
	header(&c);
	for (k = 0; rc == 0 && !c.bad && k < v->n; k = j) {
		j = pupil_end(v, k);
		pupil(&c, k, j);
		/* Out a pupil at a time: memory is one pupil's file. */
		if (!c.bad && c.b.len > 0)
			rc = writer_text(w, c.b.ptr, c.b.len, err);
		c.b.len = 0;
	}
	if (rc == 0 && !c.bad) {
		raw(&c, "  </CTFpupilData>\n</CTfile>\n");
		if (!c.bad)
			rc = writer_text(w, c.b.ptr, c.b.len, err);
	}
	if (rc == 0 && c.bad)
		rc = error_nomem(err);
	if (rc == 0)
		tell_left(&c);
	buf_free(&c.b);
	free(c.res);
	free(c.left);
	return rc;
}
