/*
 * import_ctf.c - a Common Transfer File's rows as records or pupils; see
 * import_ctf.h.  The rows come from record/reader_ctf.c; which result
 * goes where is the scheme's "ctf" section (scheme/ctf.h).
 */
#include "import_ctf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/str.h"
#include "scheme/ctf.h"

/* The reader's columns that are read here. */
enum {
	I_UPN, I_SURNAME, I_FORENAME, I_DOB, I_SEX, I_FSM, I_SEN, I_NCYEAR,
	I_STAGE, I_LOCALE, I_YEAR, I_SUBJECT, I_METHOD, I_COMPONENT,
	I_STATUS, I_QUALIFIER, I_RESULT, I_N
};

static const char *const in_cols[I_N] = {
	"upn", "surname", "forename", "dob", "sex", "fsm", "sen", "ncyear",
	"stage", "locale", "year", "subject", "method", "component",
	"status", "qualifier", "result"
};

/* The pupil details that the section maps, by enum scheme_ctf_pupil. */
static const int detail_col[CTF_NPUPIL] = { I_SEX, I_FSM, I_SEN };
static const char *const detail_name[CTF_NPUPIL] = { "Sex", "FSM", "SEN" };

/* Output columns before the mapped details, for each mode. */
static const char *const rec_cols[] = {
	"pupil", "name", "year", "subject", "point", "measure", "value", "dob"
};
static const char *const pupil_cols[] = {
	"pupil", "name", "surname", "forename", "dob", "year"
};
enum { O_PUPIL, O_NAME, O_YEAR, O_SUBJECT, O_POINT, O_MEASURE, O_VALUE,
	O_DOB };
enum { P_PUPIL, P_NAME, P_SURNAME, P_FORENAME, P_DOB, P_YEAR };

#define MAX_OUT (8 + CTF_NPUPIL)

struct ctf_run {
	const track_scheme *s;
	track_import *imp;	/* the mapping's importer, or NULL */
	const char *file;
	int pupils;
	import_problem_fn problem;
	void *pctx;
	const struct import_sink *k;
	long idx[I_N];		/* each column's index in the reader's row */
	track_str ohdr[MAX_OUT];
	size_t nout, nfixed;
	int dcol[CTF_NPUPIL];	/* output index of each detail, or -1 */

	/* The pupil being read: its text (upn, name, surname, forename,
	 * dob, year, each NUL-ended) and its output fields. */
	track_buf upn;
	track_str pf[MAX_OUT];
	int pupil_bad;		/* its details had a problem */
	int have_pupil;
};

static void say(struct ctf_run *c, const track_row *row, const char *fmt,
    ...) __attribute__((format(printf, 3, 4)));

/* Reports a problem at the row's line. */
static void
say(struct ctf_run *c, const track_row *row, const char *fmt, ...)
{
	track_error e;
	va_list ap;

	error_clear(&e);
	e.kind = TRACK_EXIT_DATA;
	e.file = row->file;
	e.line = row->line;
	va_start(ap, fmt);
	vsnprintf(e.text, sizeof e.text, fmt, ap);
	va_end(ap);
	if (c->problem != NULL)
		c->problem(c->pctx, &e, 0);
}

/* Field `i` of the row, trimmed; empty when the reader lacks it. */
static track_str
fld(const struct ctf_run *c, const track_row *row, int i)
{
	if (c->idx[i] < 0 || (size_t)c->idx[i] >= row->n)
		return (track_str){ "", 0 };
	return str_trim(row->field[c->idx[i]]);
}

/* Nonzero when s looks like an ISO date, YYYY-MM-DD. */
static int
iso_date(track_str s)
{
	size_t i;

	if (s.len != 10 || s.ptr[4] != '-' || s.ptr[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s.ptr[i] < '0' || s.ptr[i] > '9'))
			return 0;
	return 1;
}

/*
 * Takes a new pupil's details from `row`: the name, the date of birth and
 * the mapped codes, reporting each that is bad (it is left blank).
 * Returns the number of problems.
 */
static int
take_pupil(struct ctf_run *c, const track_row *row)
{
	track_str up = fld(c, row, I_UPN), sur = fld(c, row, I_SURNAME);
	track_str fore = fld(c, row, I_FORENAME), dob = fld(c, row, I_DOB);
	track_str yr = fld(c, row, I_NCYEAR), part[6];
	const char *id, *text;
	int bad = 0;
	size_t i;

	/* upn, name, surname, forename, dob and year, each NUL-ended. */
	if (!iso_date(dob))
		dob.len = dob.len > 0 ? (size_t)-1 : 0;
	c->upn.len = 0;
	if (buf_append(&c->upn, up.ptr, up.len, 1) < 0 ||
	    buf_append(&c->upn, sur.ptr, sur.len, 0) < 0 ||
	    (fore.len > 0 && sur.len > 0 &&
	    buf_append(&c->upn, ", ", 2, 0) < 0) ||
	    buf_append(&c->upn, fore.ptr, fore.len, 1) < 0 ||
	    buf_append(&c->upn, sur.ptr, sur.len, 1) < 0 ||
	    buf_append(&c->upn, fore.ptr, fore.len, 1) < 0 ||
	    buf_append(&c->upn, dob.ptr, dob.len == (size_t)-1 ? 0 : dob.len,
	    1) < 0 ||
	    buf_append(&c->upn, yr.ptr, yr.len, 1) < 0)
		return -1;
	text = c->upn.ptr;
	for (i = 0; i < 6; i++) {
		part[i] = (track_str){ text, strlen(text) };
		text += part[i].len + 1;
	}
	c->have_pupil = 1;
	for (i = 0; i < MAX_OUT; i++)
		c->pf[i] = (track_str){ "", 0 };
	if (up.len == 0) {
		say(c, row, "a pupil with no UPN; their results are left out");
		bad++;
	}
	if (dob.len == (size_t)-1) {
		dob = fld(c, row, I_DOB);
		say(c, row, "DOB \"%.*s\" of pupil %.40s is not a date "
		    "(YYYY-MM-DD)", (int)(dob.len > 40 ? 40 : dob.len),
		    dob.ptr, c->upn.ptr);
		bad++;
	}
	for (i = 0; i < CTF_NPUPIL; i++) {
		track_str v = fld(c, row, detail_col[i]);
		char known[200];

		if (c->dcol[i] < 0 || v.len == 0)
			continue;
		id = scheme_ctf_code(c->s, (enum scheme_ctf_pupil)i, v.ptr,
		    v.len);
		if (id == NULL) {
			scheme_ctf_codes(c->s, (enum scheme_ctf_pupil)i, known,
			    sizeof known);
			say(c, row, "unknown %s code \"%.40s\" for pupil %.40s "
			    "(the scheme's ctf section knows %s)",
			    detail_name[i], v.ptr, c->upn.ptr, known);
			bad++;
			continue;
		}
		c->pf[c->dcol[i]] = (track_str){ id, strlen(id) };
	}
	if (c->pupils) {
		id = scheme_year_id(c->s, yr.ptr, yr.len);
		c->pf[P_YEAR] = id != NULL ? (track_str){ id, strlen(id) } :
		    part[5];
		c->pf[P_SURNAME] = part[2];
		c->pf[P_FORENAME] = part[3];
		c->pf[P_DOB] = part[4];
	} else {
		c->pf[O_DOB] = part[4];
	}
	c->pf[0] = part[0];
	c->pf[1] = part[1];
	c->pupil_bad = bad > 0;
	return bad;
}

/*
 * Hands the record in c->pf on: through the mapping's importer when there
 * is one (--join, --set, --recode, --provenance apply to a CTF's records
 * as to any export's), else straight to the sink.  Returns the number of
 * problems, or -1 when the sink stopped.
 */
static int
emit(struct ctf_run *c, const track_row *row)
{
	track_row r;

	if (c->imp == NULL)
		return c->k->record(c->k->ctx, c->pf, c->nout) != 0 ? -1 : 0;
	r = *row;
	r.field = c->pf;
	r.n = c->nout;
	r.raw.ptr = NULL;	/* not the fields read */
	return import_row(c->imp, &r, c->file, c->k->record, c->k->ctx);
}

/*
 * Places one result, emitting its record.  Returns the number of
 * problems (0 or 1), or -1 when the sink stopped.
 */
static int
take_result(struct ctf_run *c, const track_row *row)
{
	static const int key_col[CTF_NKEYS] = {
		I_STAGE, I_LOCALE, I_SUBJECT, I_METHOD, I_COMPONENT, I_STATUS,
		I_QUALIFIER
	};
	const struct scheme_ctf_place *p;
	track_str key[CTF_NKEYS], yr, v = fld(c, row, I_RESULT);
	char scoped[SCHEME_POINT_MAX], point[SCHEME_POINT_MAX];
	char value[SCHEME_VALUE_MAX];
	track_error e;
	long y = 0;
	size_t i;

	for (i = 0; i < CTF_NKEYS; i++)
		key[i] = fld(c, row, key_col[i]);
	p = scheme_ctf_match(c->s, key);
	if (p == NULL) {
		say(c, row, "no rule in the scheme's ctf section places the "
		    "result %.20s %.20s/%.20s (method %.20s, qualifier %.20s)",
		    key[CTF_STAGE].ptr, key[CTF_SUBJECT].ptr,
		    key[CTF_COMPONENT].ptr, key[CTF_METHOD].ptr,
		    key[CTF_QUALIFIER].ptr);
		return 1;
	}
	if (p->skip)
		return 0;
	yr = fld(c, row, I_YEAR);
	for (i = 0; i < yr.len && yr.ptr[i] >= '0' && yr.ptr[i] <= '9'; i++)
		y = y * 10 + (yr.ptr[i] - '0');
	if (yr.len != 4 || i != 4 || y < 1990) {
		say(c, row, "Year \"%.20s\" of a %s result is not a year such "
		    "as 2026", yr.ptr, p->subject);
		return 1;
	}
	snprintf(scoped, sizeof scoped, "%ld-%02ld.%s", y - 1, y % 100,
	    p->point);
	if (scheme_point_normalise(c->s, scoped, strlen(scoped), point,
	    sizeof point) <= 0) {
		say(c, row, "point %s is not one the scheme knows", scoped);
		return 1;
	}
	if (v.len == 0) {
		say(c, row, "empty Result for %s", p->subject);
		return 1;
	}
	if (scheme_value_normalise_for(c->s, p->subject, p->measure, point,
	    v.ptr, v.len, value, sizeof value, &e) != 0) {
		say(c, row, "%s", e.text);
		return 1;
	}
	c->pf[O_YEAR] = p->year != NULL ?
	    (track_str){ p->year, strlen(p->year) } : (track_str){ "", 0 };
	c->pf[O_SUBJECT] = (track_str){ p->subject, strlen(p->subject) };
	c->pf[O_POINT] = (track_str){ point, strlen(point) };
	c->pf[O_MEASURE] = (track_str){ p->measure, strlen(p->measure) };
	c->pf[O_VALUE] = (track_str){ value, strlen(value) };
	return emit(c, row);
}

/*
 * One good row: a new pupil's details, then (records) its result or
 * (pupils) the pupil's row.  Returns the number of problems, or -1 when
 * the sink stopped or memory ran out.
 */
static int
take_row(struct ctf_run *c, const track_row *row)
{
	track_str up = fld(c, row, I_UPN);
	int bad = 0;

	if (!c->have_pupil || up.len != c->pf[0].len ||
	    memcmp(up.ptr, c->upn.ptr, up.len) != 0 || up.len == 0) {
		bad = take_pupil(c, row);
		if (bad < 0)
			return -1;
		if (c->pupils && up.len > 0) {
			int r = emit(c, row);

			if (r < 0)
				return -1;
			bad += r;
		}
	}
	if (c->pupils || fld(c, row, I_STAGE).len == 0 || up.len == 0)
		return bad;
	return bad + take_result(c, row);
}

/* import_rows' row function. */
static int
take_row_cb(void *ctx, const track_row *row)
{
	return take_row(ctx, row);
}

/* Works out the columns: the reader's, and the output's. */
static void
columns(struct ctf_run *c, const track_str *h, size_t n)
{
	size_t i, j;

	for (i = 0; i < I_N; i++) {
		c->idx[i] = -1;
		for (j = 0; j < n; j++)
			if (str_eq(h[j], in_cols[i]))
				c->idx[i] = (long)j;
	}
	c->nfixed = c->pupils ? sizeof pupil_cols / sizeof pupil_cols[0] :
	    sizeof rec_cols / sizeof rec_cols[0];
	for (i = 0; i < c->nfixed; i++) {
		const char *name = c->pupils ? pupil_cols[i] : rec_cols[i];

		c->ohdr[i] = (track_str){ name, strlen(name) };
	}
	c->nout = c->nfixed;
	for (i = 0; i < CTF_NPUPIL; i++) {
		const char *col = scheme_ctf_column(c->s,
		    (enum scheme_ctf_pupil)i);

		c->dcol[i] = -1;
		if (col == NULL)
			continue;
		c->dcol[i] = (int)c->nout;
		c->ohdr[c->nout++] = (track_str){ col, strlen(col) };
	}
}

int
import_ctf_read(const track_scheme *s, track_import *imp, track_reader *rd,
    int pupils, import_problem_fn problem, void *pctx,
    const struct import_sink *k, track_error *err)
{
	const track_str *oh, *h;
	struct ctf_run c;
	size_t n, on;
	int rc;

	memset(&c, 0, sizeof c);
	c.s = s;
	c.imp = imp;
	c.file = reader_name(rd);
	c.pupils = pupils;
	c.problem = problem;
	c.pctx = pctx;
	c.k = k;
	error_clear(err);
	h = reader_header(rd, &n);
	columns(&c, h, n);
	if (!scheme_ctf_has(s)) {
		rc = error_set(err, TRACK_EXIT_DATA, reader_name(rd), 0,
		    "this is a Common Transfer File, and the scheme %s has "
		    "no \"ctf\" section to place its results (see "
		    "track-import(1))", scheme_name(s));
		goto out;
	}
	oh = c.ohdr;
	on = c.nout;
	if (imp != NULL) {
		rc = import_header(imp, c.ohdr, c.nout, c.file, err);
		if (rc != 0)
			goto out;
		oh = import_out_header(imp, &on);
	}
	rc = 0;
	if (k->header != NULL && k->header(k->ctx, oh, on, h, n) != 0)
		goto out;
	rc = import_rows(rd, h, n, k, take_row_cb, &c, err);
out:
	buf_free(&c.upn);
	return rc;
}
