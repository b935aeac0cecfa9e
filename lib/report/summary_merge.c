/*
 * summary_merge.c - --merge: partials (see summary_partial.c) read back,
 * each line checked as any input is (a bad line changes nothing), and
 * their cells and rosters added into the summary.
 */
#include "summary_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

/* Whether "by" entry e is a privacy column: one the records brought
 * (send, gender, eal), not one an option asked for. */
static int
privacy_col(json_t *e)
{
	return json_is_true(json_object_get(e, "hidden")) &&
	    json_is_true(json_object_get(e, "privacy"));
}

/* Whether two "by" lists are the same but for their privacy columns. */
static int
by_same_asked(json_t *x, json_t *y)
{
	size_t i = 0, j = 0, nx = json_array_size(x), ny = json_array_size(y);

	for (;;) {
		while (i < nx && privacy_col(json_array_get(x, i)))
			i++;
		while (j < ny && privacy_col(json_array_get(y, j)))
			j++;
		if (i == nx || j == ny)
			return i == nx && j == ny;
		if (!json_equal(json_array_get(x, i), json_array_get(y, j)))
			return 0;
		i++;
		j++;
	}
}

/*
 * Compares a partial's header with the first one's (both as structure()
 * makes them).  Returns 0; HEAD_PRIVACY when they differ only in the
 * privacy columns their records had (a partial of no records has none);
 * or TRACK_EXIT_USAGE with err naming the option they were made with
 * that differs.
 */
#define HEAD_PRIVACY (-2)
static int
head_same(json_t *first, json_t *head, track_error *err)
{
	static const char *const keys[] = { "scheme", "bands", "by",
	    "combine", "pupils", "roll", "mode", "point" };
	track_buf a = { 0 }, b = { 0 };
	size_t i;
	int rc, privacy = 0;

	for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		json_t *x = json_object_get(first, keys[i]);
		json_t *y = json_object_get(head, keys[i]);

		if ((x == NULL && y == NULL) || (x && y && json_equal(x, y)))
			continue;
		if (!strcmp(keys[i], "by") && x && y && by_same_asked(x, y)) {
			privacy = 1;
			continue;
		}
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
	return privacy ? HEAD_PRIVACY : 0;
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

/* Adds by column `spec` to the merge, as --gap's when --gap names it. */
static int
add_by(track_summary *m, const char *spec, enum by_shown hidden,
    track_error *err)
{
	int rc = sum_add_by(m, spec, hidden, err);

	if (rc != 0)
		return rc;
	m->by[m->nby - 1].prior_point = -1;
	if (m->o.gap != NULL) {
		const char *eq = strchr(m->o.gap, '=');

		if (strlen(spec) == (size_t)(eq - m->o.gap) &&
		    !strncmp(spec, m->o.gap, (size_t)(eq - m->o.gap))) {
			m->gapby = (int)m->nby - 1;
			/* a privacy column is shown as the gap's */
			if (m->by[m->gapby].hidden == BY_PRIVACY)
				m->by[m->gapby].hidden = BY_GAP;
		}
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
		enum by_shown hidden = json_is_true(json_object_get(v,
		    "hidden")) ? BY_GAP : BY_SHOWN;
		size_t k;

		if (hidden && json_is_true(json_object_get(v, "privacy")))
			hidden = BY_PRIVACY;

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
	}
	a = json_object_get(head, "combine");
	json_array_foreach(a, i, v) {
		rc = sum_add_combo(m, json_string_value(v), err);
		if (rc != 0)
			return rc;
		if (sum_mslot_of(m, m->combo[m->ncombo - 1].mtext) < 0)
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
	return sum_bind_points(m, err);
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
 * Reads a cell line's "counts" (nbands + 4 of them) into add[NBUCKET],
 * with their *total and the pupils *counted (all but excluded).  Returns
 * 0 or TRACK_EXIT_DATA.
 */
static int
read_counts(const track_summary *m, json_t *cnt, long long *add,
    long long *total, long long *counted, track_error *err)
{
	size_t b, nb = m->nbands + NBUCKET - MAXB;

	if (!json_is_array(cnt) || json_array_size(cnt) != nb)
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "\"counts\" is not a list of %zu counts (the scheme's "
		    "bands, then not assessed, excluded, missing and no band)",
		    nb);
	memset(add, 0, NBUCKET * sizeof *add);
	for (b = 0; b < nb; b++) {
		size_t to = b < m->nbands ? b : MAXB + (b - m->nbands);

		add[to] = part_count(json_array_get(cnt, b));
		if (add[to] < 0)
			return error_set(err, TRACK_EXIT_DATA, NULL, 0,
			    "the %s count is not a whole number from 0 to 2^40",
			    count_name(m, b));
		*total += add[to];
		if (to != B_EXCLUDED)
			*counted += add[to];
	}
	return 0;
}

/*
 * Checks a cell line's "pupils" (--pupils): a list of names per count,
 * as many as the count add[] has (none for the excluded).  Returns 0 or
 * TRACK_EXIT_DATA.
 */
static int
check_names(const track_summary *m, json_t *u, const long long *add,
    track_error *err)
{
	size_t b, nb = m->nbands + NBUCKET - MAXB;

	if (!json_is_array(u) || json_array_size(u) != nb)
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "\"pupils\" is not %zu lists of names", nb);
	for (b = 0; b < nb; b++) {
		size_t to = b < m->nbands ? b : MAXB + (b - m->nbands);

		if (!strings(json_array_get(u, b), to == B_EXCLUDED ? 0 :
		    (size_t)add[to]))
			return error_set(err, TRACK_EXIT_DATA, NULL, 0,
			    "%zu names for a %s count of %lld (or not all "
			    "names)", json_array_size(json_array_get(u, b)),
			    count_name(m, b), to == B_EXCLUDED ? 0 : add[to]);
	}
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
	json_t *g = json_object_get(o, "groups"), *h, *u = NULL, *v;
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
		    sum_mslot_of(m, meas);
	if (mi < 0)
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "unknown measure \"%.100s\" for %.100s in a partial", meas,
		    subj);
	if (read_counts(m, json_object_get(o, "counts"), add, &total,
	    &counted, err) != 0)
		return TRACK_EXIT_DATA;
	h = json_object_get(o, "scores");
	if (check_scores(m, h, si, mi, pt, counted, err) != 0)
		return TRACK_EXIT_DATA;
	if (m->pupils) {
		u = json_object_get(o, "pupils");
		if (check_names(m, u, add, err) != 0)
			return TRACK_EXIT_DATA;
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
	c = sum_cell_get(m, si, mi, point, gv);
	if (c == NULL || (m->npart > 0 && u64map_intern(
	    m->part[m->npart - 1].slices, slice_key(si, mi, point), NULL) < 0))
		return error_nomem(err);
	m->mtotal = sum;
	for (b = 0; b < NBUCKET; b++)	/* below the total: cannot fail */
		if (__builtin_add_overflow(c->cnt[b], add[b], &c->cnt[b]))
			return error_set(err, TRACK_EXIT_DATA, NULL, 0,
			    "a count overflows");
	json_array_foreach(h, i, v)
		if (sum_cell_score(c, json_number_value(json_array_get(v, 0)),
		    (long long)json_integer_value(json_array_get(v, 1))) != 0)
			return error_nomem(err);
	for (b = 0; m->pupils && b < nb; b++) {
		size_t to = b < m->nbands ? b : MAXB + (b - m->nbands);

		json_array_foreach(json_array_get(u, b), j, v) {
			const char *name = json_string_value(v);
			long off = buf_append(&m->disp, name, strlen(name), 1);

			if (off < 0 ||
			    sum_cell_name(c, (int)to, (size_t)off) != 0)
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

/* Whether every partial so far held no cells and no roster lines. */
static int
merged_nothing(const track_summary *m)
{
	size_t i;

	for (i = 0; i < m->npart; i++)
		if (u64map_count(m->part[i].slices) > 0 || m->part[i].nr > 0)
			return 0;
	return 1;
}

int
sum_merge_gap(track_summary *m, track_error *err)
{
	char name[128];
	size_t n = strcspn(m->o.gap, "=");

	if (!merged_nothing(m) || n >= sizeof name)
		return error_set(err, TRACK_EXIT_USAGE, NULL, 0,
		    "--gap: the partials are not grouped by that column (make "
		    "them with --by or --gap)");
	memcpy(name, m->o.gap, n);
	name[n] = '\0';
	return add_by(m, name, BY_GAP, err);
}

/*
 * A partial whose privacy columns differ from the first's (head_same's
 * HEAD_PRIVACY).  They are the columns its records had, and a partial of
 * no records (an empty shard) has none.  Of "by" lists that agree as far
 * as the shorter goes:
 * - this one shorter: the header of a partial of no records (or of
 *   records without those columns, whose cells then have too few groups
 *   and are refused).  It starts no part, so that the lines after it,
 *   in a reducer's sorted stream of concatenated partials, stay with
 *   the part before, where they came from.  Returns 1.
 * - this one longer, when every partial so far was empty: the merge
 *   takes this one's columns (*s becomes the merge's head).  Returns 0.
 * Otherwise the partial starts a part that must hold no cells.  Returns
 * 0, 1, or an error.
 */
static int
privacy_head(track_summary *m, json_t **s, int *cellless, track_error *err)
{
	json_t *x = json_object_get(m->partial_head, "by");
	json_t *y = json_object_get(*s, "by");
	size_t i, nx = json_array_size(x), ny = json_array_size(y);
	int rc;

	for (i = 0; i < nx && i < ny; i++)
		if (!json_equal(json_array_get(x, i), json_array_get(y, i)))
			break;
	if (i == ny && ny < nx)
		return 1;
	if (i < nx || !merged_nothing(m)) {
		*cellless = 1;
		return 0;
	}
	for (; i < ny; i++) {
		rc = add_by(m, json_string_value(json_object_get(
		    json_array_get(y, i), "by")), BY_PRIVACY, err);
		if (rc != 0)
			return rc;
	}
	json_decref(m->partial_head);
	m->partial_head = *s;
	*s = NULL;
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
	int rc, cellless = 0;

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
	if (rc == HEAD_PRIVACY)
		rc = privacy_head(m, &s, &cellless, err);
	json_decref(s);
	m->short_head = rc == 1;
	if (rc == 1)
		return 0;	/* an empty shard's: no part */
	if (rc != 0)
		return rc;
	if (new_part(m) != 0)
		return error_nomem(err);
	m->part[m->npart - 1].cellless = cellless;
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
	if (sum_need_assessor(m, err) != 0)
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
		} else if (m->o.gap != NULL && m->gapby < 0) {
			rc = error_set(err, TRACK_EXIT_USAGE, NULL, 0,
			    "--gap: the partials are not grouped by that "
			    "column (make them with --by or --gap)");
		} else if (m->part[m->npart - 1].cellless || (m->short_head &&
		    json_array_size(json_object_get(o, "groups")) < m->nby)) {
			rc = error_set(err, TRACK_EXIT_DATA, NULL, 0,
			    "this partial's records had other columns than "
			    "the first's (of send, gender and eal, kept for "
			    "suppression), so it is left out: make every "
			    "partial from records with the same columns");
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

int
summary_merge_files(track_summary *m, char *const *files, size_t n,
    summary_bad_fn *bad, void *ctx, track_error *err)
{
	static char *const stdin_only[] = { "-" };
	struct stat st;
	size_t i;
	int rc, status = 0;

	if (n == 0) {
		files = stdin_only;
		n = 1;
	}
	for (i = 0; i < n; i++) {
		if (bad != NULL && strcmp(files[i], "-") != 0 &&
		    stat(files[i], &st) == 0 && st.st_size == 0) {
			error_set(err, TRACK_EXIT_OK, NULL, 0,
			    "%s is empty: no partial to merge", files[i]);
			bad(ctx, err);
		}
		rc = summary_merge(m, files[i], bad, ctx, err);
		if (rc == TRACK_EXIT_DATA && bad != NULL)
			status = rc;	/* each line was passed to bad */
		else if (rc != 0)
			return rc;
	}
	return status;
}
