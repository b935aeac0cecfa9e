/*
 * pupil.c - the individual pupil: records gathered per pupil, subject,
 * measure and point (last one wins), profiles and flags; see pupil.h.
 * The writing is in pupil_out.c; pupil_int.h is what the two share.
 */
#include "pupil_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/suggest.h"
#include "record/records.h"

#define EXPECT_ROWS 4096	/* rows read before pupil_expect guesses */

static const char *const reason_names[PR_COUNT] = {
	"dropped", "stuck", "disagree", "missing", "not-assessed"
};

const char *
pupil_reason_name(enum pupil_reason r)
{
	return reason_names[r];
}

int
pupil_reasons_parse(const char *list, unsigned *bits, track_error *err)
{
	const char *p = list;

	*bits = 0;
	while (*p != '\0') {
		size_t len = strcspn(p, ","), i;
		track_str w = str_trim((track_str){ p, len });
		const char *near;

		for (i = 0; i < PR_COUNT; i++)
			if (w.len == strlen(reason_names[i]) &&
			    strncasecmp(w.ptr, reason_names[i], w.len) == 0)
				break;
		if (i == PR_COUNT) {
			near = suggest_nearest(w.ptr, w.len,
			    (const char *const *)reason_names, PR_COUNT);
			return error_set(err, TRACK_EXIT_USAGE, NULL, 0,
			    "--flag: unknown reason \"%.*s\"%s%s%s (the reasons "
			    "are dropped, stuck, disagree, missing, "
			    "not-assessed)", (int)(w.len > 40 ? 40 : w.len),
			    w.ptr, near ? " (did you mean " : "",
			    near ? near : "", near ? "?)" : "");
		}
		*bits |= 1u << i;
		p += len + (p[len] == ',');
	}
	if (*bits == 0)
		return error_set(err, TRACK_EXIT_USAGE, NULL, 0,
		    "--flag: name at least one reason");
	return 0;
}

/*
 * The reasons the scheme's $.pupil.flags names (checked when it was
 * loaded), or all of them when it names none.
 */
static unsigned
scheme_reasons(const track_scheme *s)
{
	size_t n, i, r;
	const char *const *names = scheme_pupil_flags(s, &n);
	unsigned bits = 0;

	for (i = 0; names != NULL && i < n; i++)
		for (r = 0; r < PR_COUNT; r++)
			if (strcmp(names[i], reason_names[r]) == 0)
				bits |= 1u << r;
	return bits != 0 ? bits : (1u << PR_COUNT) - 1;
}

int
pupil_upn_shaped(const char *id, size_t len)
{
	size_t i;

	if (len != 13 || id[0] < 'A' || id[0] > 'Z')
		return 0;
	for (i = 1; i < 12; i++)
		if (id[i] < '0' || id[i] > '9')
			return 0;
	return (id[12] >= '0' && id[12] <= '9') ||
	    (id[12] >= 'A' && id[12] <= 'Z');
}

int
pupil_new(track_pupils **out, const track_scheme *s,
    const struct pupil_opts *o, track_error *err)
{
	track_pupils *p;

	*out = NULL;
	p = calloc(1, sizeof *p);
	if (p == NULL)
		return error_nomem(err);
	p->s = s;
	p->o = *o;
	if (p->o.stuck <= 0)
		p->o.stuck = scheme_pupil_stuck(s) > 0 ? scheme_pupil_stuck(s) : 3;
	if (p->o.reasons == 0)
		p->o.reasons = scheme_reasons(s);
	p->want_year = -1;
	p->gclass = -1;
	p->dobcol = -1;
	if (o->year != NULL) {
		p->want_year = scheme_year_index(s, o->year, strlen(o->year));
		if (p->want_year < 0) {
			pupil_free(p);
			return error_set(err, TRACK_EXIT_USAGE, NULL, 0,
			    "--year: unknown year group \"%.40s\"", o->year);
		}
	}
	p->pupils = strmap_new();
	p->ids = u64map_new_grouped(32);
	p->whats = u64map_new();
	p->lastpupil = -1;
	p->words = strmap_new();
	p->gvals = strmap_new();
	p->only = strmap_new();
	p->objids = strmap_new();
	p->oids = u64map_new();
	p->opts = u64map_new();
	if (p->pupils == NULL || p->ids == NULL || p->whats == NULL ||
	    p->words == NULL || p->gvals == NULL || p->only == NULL ||
	    p->objids == NULL || p->oids == NULL || p->opts == NULL) {
		pupil_free(p);
		return error_nomem(err);
	}
	/* The empty text is id 0 of each: "none". */
	strmap_intern(p->words, "", 0, NULL);
	strmap_intern(p->gvals, "", 0, NULL);
	if (o->pupil != NULL) {
		const char *q = o->pupil;

		while (*q != '\0') {
			size_t len = strcspn(q, ",");
			track_str w = str_trim((track_str){ q, len });

			if (w.len > 0 &&
			    strmap_intern(p->only, w.ptr, w.len, NULL) < 0) {
				pupil_free(p);
				return error_nomem(err);
			}
			q += len + (q[len] == ',');
		}
	}
	*out = p;
	return 0;
}

/* Columns that are not groups: canonical, derived or provenance. */
static int
is_group_col(track_str h)
{
	static const char *const not[] = {
		"pupil", "name", "year", "against", "subject", "point",
		"measure", "value", "objective", "dob", "date", "band", "rank",
		"expected", "out_of_year", "age_gap", "source", "source_line",
		"forename", "surname", "upn"
	};
	size_t i;

	for (i = 0; i < sizeof not / sizeof not[0]; i++)
		if (str_eq(h, not[i]))
			return 0;
	return h.len > 0;
}

int
pupil_bind(track_pupils *p, const track_str *hdr, size_t n,
    track_error *err)
{
	size_t i;
	int rc;

	rc = assess_new(&p->a, p->s, hdr, n, ASSESS_USE_BAND, err);
	if (rc != 0)
		return rc;
	p->nfields = n;
	p->dobcol = assess_col(p->a, A_DOB);
	p->gcol = calloc(n + 1, sizeof *p->gcol);
	p->gname = calloc(n + 1, sizeof *p->gname);
	if (p->gcol == NULL || p->gname == NULL)
		return error_nomem(err);
	for (i = 0; i < n; i++) {
		if (!is_group_col(hdr[i]))
			continue;
		if (str_eq(hdr[i], "class"))
			p->gclass = (long)p->ngroups;
		p->gname[p->ngroups] = strndup(hdr[i].ptr, hdr[i].len);
		if (p->gname[p->ngroups] == NULL)
			return error_nomem(err);
		p->gcol[p->ngroups++] = (long)i;
	}
	if (p->o.klass != NULL && p->gclass < 0)
		return error_set(err, TRACK_EXIT_USAGE, NULL, 0,
		    "--class: the records have no \"class\" column");
	return 0;
}

/* Nonzero when the record's pupil is one --pupil wants (or all). */
static int
wanted(const track_pupils *p, const struct track_obs *o)
{
	return strmap_count(p->only) == 0 ||
	    strmap_find(p->only, o->pupil.ptr, o->pupil.len) >= 0;
}

/*
 * The pupil's entry, made when new.  Returns its index, or -1.  A
 * pupil's records mostly come together, so the last one is tried first.
 */
static long
pupil_of(track_pupils *p, track_str id)
{
	int added;
	size_t len;
	const char *last;
	long k;

	if (p->lastpupil >= 0) {
		last = strmap_key(p->pupils, p->lastpupil, &len);
		if (len == id.len && str_same_bytes(last, id.ptr, len))
			return p->lastpupil;
	}
	k = strmap_intern(p->pupils, id.ptr, id.len, &added);
	if (k >= 0)
		p->lastpupil = k;
	if (k < 0 || !added)
		return k;
	if ((size_t)k >= p->picap &&
	    buf_grow(&p->pi, &p->picap, (size_t)k + 1, sizeof *p->pi) != 0)
		return -1;
	memset(&p->pi[k], 0, sizeof p->pi[k]);
	p->pi[k].year = -1;
	if (p->ngroups > 0) {
		p->pi[k].g = calloc(p->ngroups, sizeof *p->pi[k].g);
		if (p->pi[k].g == NULL)
			return -1;
	}
	p->npi = (size_t)k + 1;
	return k;
}

/*
 * Sets *slot to the id of text `v` in gvals, unless `v` is blank.  The
 * text is usually what the slot holds already, which a compare tells
 * without hashing.  Returns 0, or -1 when out of memory.
 */
static int
keep_text(track_pupils *p, uint32_t *slot, track_str v)
{
	size_t len;
	const char *had;
	long id;

	if (v.len == 0)
		return 0;
	had = strmap_key(p->gvals, (long)*slot, &len);
	if (len == v.len && str_same_bytes(had, v.ptr, len))
		return 0;
	id = strmap_intern(p->gvals, v.ptr, v.len, NULL);
	if (id < 0)
		return -1;
	*slot = (uint32_t)id;
	return 0;
}

/* Keeps the pupil's name, year and groups from the record, unless blank. */
static int
note_pupil(track_pupils *p, struct pinfo *pi, const track_str *row,
    const struct track_obs *o)
{
	size_t i;

	if (keep_text(p, &pi->name, str_trim(o->name)) != 0)
		return -1;
	if (p->dobcol >= 0 &&
	    keep_text(p, &pi->dob, str_trim(row[p->dobcol])) != 0)
		return -1;
	if (o->year >= 0)
		pi->year = o->year;
	for (i = 0; i < p->ngroups; i++)
		if (keep_text(p, &pi->g[i], str_trim(row[p->gcol[i]])) != 0)
			return -1;
	return 0;
}

/*
 * The id in `words` of the record's value in its own words (*words), and
 * the id in `whats` of its subject, measure and point (*what).  These
 * small, dense ids put a pupil's entries side by side in `ids` (see
 * u64map_new_grouped), where the packed subject, measure and point would
 * scatter them over the table.  Records with the same deciding fields
 * (the same o->sig) have the same ids, so they are worked out once per
 * sig.  Returns 0, or -1 when out of memory.
 */
static int
words_of(track_pupils *p, const struct track_obs *o, long *words,
    long *what)
{
	char text[ASSESS_WORDS_MAX];
	size_t sig = (size_t)o->sig, i;

	if (o->sig >= 0 && sig < p->nbysig && p->bysig[sig].words != 0) {
		*words = (long)p->bysig[sig].words - 1;
		*what = (long)p->bysig[sig].what - 1;
		return 0;
	}
	if (assess_own_words(p->a, o, text, sizeof text) < 0)
		text[0] = '\0';
	*words = strmap_intern(p->words, text, strlen(text), NULL);
	*what = u64map_intern(p->whats, (uint64_t)o->subject << 22 |
	    (uint64_t)o->measure << 14 | (uint64_t)o->point, NULL);
	if (*words < 0 || *what < 0)
		return -1;
	if (o->sig < 0)
		return 0;
	if (sig >= p->nbysig) {
		if (buf_grow(&p->bysig, &p->sigcap, sig + 1,
		    sizeof *p->bysig) != 0)
			return -1;
		for (i = p->nbysig; i <= sig; i++)
			p->bysig[i].words = 0;
		p->nbysig = sig + 1;
	}
	p->bysig[sig].words = (uint32_t)*words + 1;
	p->bysig[sig].what = (uint32_t)*what + 1;
	return 0;
}

void
pupil_expect(track_pupils *p, char *const *files, size_t n)
{
	int64_t bytes = n > 0 ? records_files_size(files, n) : -1;

	p->bytes = bytes > 0 ? (uint64_t)bytes : 0;
}

/*
 * Counts row `row` towards pupil_expect's guess; after EXPECT_ROWS rows,
 * sizes the entries and their table for the rows the input's size says
 * are left, as many new entries a row as those rows brought (a file of
 * corrections brings fewer than one a row), and a twentieth more.
 */
static void
expect(track_pupils *p, const track_str *row)
{
	size_t i;
	double rows, ids;

	p->exp_bytes += p->nfields;
	for (i = 0; i < p->nfields; i++)
		p->exp_bytes += row[i].len;
	if (++p->exp_rows < EXPECT_ROWS)
		return;
	rows = (double)p->bytes / ((double)p->exp_bytes / (double)p->exp_rows);
	ids = rows * (double)u64map_count(p->ids) / (double)p->exp_rows * 1.05;
	p->bytes = 0;
	if (ids > (double)u64map_count(p->ids) && ids < (double)UINT32_MAX) {
		/* Hints: the entries too, so that they are not copied
		   into a block twice the size, and twice again. */
		(void)u64map_reserve(p->ids, (size_t)ids);
		(void)buf_grow(&p->e, &p->ecap, (size_t)ids, sizeof *p->e);
	}
}

int
pupil_row(track_pupils *p, const track_str *row, track_error *err)
{
	struct track_obs o;
	struct ikey k;
	long pid, id, w, what;
	int rc;

	if (p->bytes > 0)
		expect(p, row);
	rc = assess_row(p->a, row, &o, err);
	if (rc != 0)
		return rc;
	if (!wanted(p, &o))
		return 0;
	if (o.subject > PK_SUBJECT_MAX || o.measure > PK_MEASURE_MAX ||
	    o.point > PK_POINT_MAX)
		return error_set(err, TRACK_EXIT_DATA, NULL, 0, "more than %d "
		    "points, %d subjects or %d measures", PK_POINT_MAX + 1,
		    PK_SUBJECT_MAX + 1, PK_MEASURE_MAX + 1);
	pid = pupil_of(p, o.pupil);
	if (pid < 0 || note_pupil(p, &p->pi[pid], row, &o) != 0)
		return error_nomem(err);
	if (o.objective.len > 0) {
		rc = pupil_obj_row(p, &o, pid);
		if (rc > 0)
			return error_set(err, TRACK_EXIT_DATA, NULL, 0,
			    "more than %ld objectives", 1L << 22);
		return rc < 0 ? error_nomem(err) : 0;
	}
	if (words_of(p, &o, &w, &what) != 0)
		return error_nomem(err);
	memset(&k, 0, sizeof k);
	k.pupil = (uint32_t)pid;
	k.subject = (int16_t)o.subject;
	k.measure = (int16_t)o.measure;
	k.point = (int32_t)o.point;
	id = u64map_intern(p->ids, (uint64_t)k.pupil << 32 | (uint64_t)what,
	    NULL);
	if (id < 0)
		return error_nomem(err);
	if ((size_t)id >= p->ecap &&
	    buf_grow(&p->e, &p->ecap, (size_t)id + 1, sizeof *p->e) != 0)
		return error_nomem(err);
	p->e[id].k = k;
	p->e[id].band = (int16_t)o.band;
	p->e[id].na = o.value.kind == TRACK_VALUE_NOT_AT ||
	    o.value.kind == TRACK_VALUE_EXCLUDED;
	p->e[id].ooy = (uint8_t)o.ooy;
	p->e[id].own = (int16_t)o.band;
	p->e[id].against = (int16_t)(o.ooy == OOY_CUSTOM ? 1000 + o.custom :
	    o.against);
	if (o.ooy != OOY_NONE && o.value.kind == TRACK_VALUE_CODE)
		p->e[id].own = (int16_t)scheme_scale_code_band(o.scale,
		    (size_t)o.value.index);
	p->e[id].words = (uint32_t)w;
	p->ne = (size_t)id + 1 > p->ne ? (size_t)id + 1 : p->ne;
	return 0;
}

void
pupil_free(track_pupils *p)
{
	size_t i;

	if (p == NULL)
		return;
	assess_free(p->a);
	for (i = 0; i < p->npi; i++)
		free(p->pi[i].g);
	free(p->pi);
	free(p->e);
	for (i = 0; i < p->ngroups; i++)
		free(p->gname[i]);
	free(p->gname);
	free(p->gcol);
	strmap_free(p->pupils);
	u64map_free(p->ids);
	free(p->bysig);
	u64map_free(p->whats);
	strmap_free(p->words);
	strmap_free(p->gvals);
	strmap_free(p->only);
	strmap_free(p->objids);
	u64map_free(p->oids);
	u64map_free(p->opts);
	free(p->oe);
	free(p);
}
