/*
 * summary_read.c - keys and groups: the records (and the roll) read into
 * a summary's entries, one per identity (pupil, subject, measure,
 * point), each with the pupil's group values; with --objectives, the
 * objective judgements instead.
 */
#include "summary_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "record/records.h"

/* Makes the assessor when there is no record header (a merge). */
int
sum_need_assessor(track_summary *m, track_error *err)
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
int
sum_bind_points(track_summary *m, track_error *err)
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

/*
 * The privacy columns: when groups may be suppressed (a threshold above 1)
 * or the cells go to a partial (the merge may suppress), the year and
 * every column of the scheme's groups that the input or the roll has are
 * added as hidden --by columns (the year alone for a benchmark with
 * figures for year groups, so that each row knows its pupils' years:
 * see sum_cell_get), so that suppression is decided over the
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
	int rc, all = mg > 1 || m->o.partial;

	if ((!all && !m->bench_years) || m->o.objectives)
		return 0;
	/* A benchmark for year groups needs only the year. */
	if (!all)
		ng = 0;
	for (i = 0; i <= ng && m->nby < MAXBY; i++) {
		const char *name = i == 0 ? "year" :
		    scheme_group_column(scheme_group_at(m->s, i - 1));
		long c = records_col(hdr, n, name);

		for (k = 0; k < m->nby; k++)
			if (strcasecmp(m->by[k].name, name) == 0)
				break;
		if (c < 0 || k < m->nby)
			continue;
		rc = sum_add_by(m, name, BY_PRIVACY, err);
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
		if (b->col < 0 && b->hidden != BY_PRIVACY)
			return error_set(err, TRACK_EXIT_USAGE, NULL, 0,
			    "%s: no column \"%s\" in the input",
			    b->hidden ? "--gap" : "--by", b->name);
	}
	rc = add_privacy(m, hdr, n, 0, err);
	if (rc != 0)
		return rc;
	return sum_bind_points(m, err);
}

/* The interned id of group value `v` for by column `b` (canonical). */
long
sum_by_value(track_summary *m, struct bycol *b, track_str v)
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

/*
 * sum_by_value, remembering the last text of the column and its id: a
 * pupil's records mostly carry the same year group and pupil premium.
 */
static long
by_value_memo(track_summary *m, struct bycol *b, track_str v)
{
	long id;

	if (b->lastid >= 0 && v.len == b->lastlen &&
	    str_same_bytes(v.ptr, b->last, v.len))
		return b->lastid;
	id = sum_by_value(m, b, v);
	if (id >= 0 && v.len <= sizeof b->last) {
		memcpy(b->last, v.ptr, v.len);
		b->lastlen = v.len;
		b->lastid = id;
	}
	return id;
}

/* Interns a pupil; keeps their name with --pupils (see pnames.h). */
static long
pupil_id(track_summary *m, track_str p, track_str name)
{
	return pnames_intern(&m->pn, &m->disp, p, name);
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
	if (oid < 0)
		return error_nomem(err);
	if (oid >= (1L << 24))
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "too many distinct objectives");
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
	e->list = o->custom >= 0 ? list_custom(o->custom) :
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

long
sum_entry_find(const track_summary *m, uint32_t pupil, long point,
    int subject, int measure)
{
	long e;

	if (m->mode == MODE_OVER)
		return u64map_find(m->emap, entry_key(m, pupil, point,
		    subject, measure));
	for (e = chains_first(&m->echain, pupil); e >= 0;
	    e = chains_next(&m->echain, e)) {
		const struct ent *x = &m->ent[e];

		if (x->subject == subject && x->measure == measure &&
		    x->point == point)
			return e;
	}
	return -1;
}

/*
 * The entry of pupil pid for (point, subject, measure), added (*added set)
 * when there is none: see struct track_summary.  -1 when out of memory.
 */
static long
entry_intern(track_summary *m, uint32_t pid, long point, int subject,
    int measure, int *added)
{
	long id;

	if (m->mode == MODE_OVER)
		return u64map_intern(m->emap, entry_key(m, pid, point,
		    subject, measure), added);
	*added = 0;
	id = sum_entry_find(m, pid, point, subject, measure);
	if (id >= 0)
		return id;
	if (m->nent >= UINT32_MAX - 1 || chains_add(&m->echain, pid,
	    (uint32_t)m->nent) != 0)
		return -1;
	*added = 1;
	return (long)m->nent;
}

/* Forgets every entry (a better point has come, MODE_LATEST). */
static void
entries_clear(track_summary *m)
{
	if (m->mode == MODE_OVER)
		u64map_clear(m->emap);
	else
		chains_clear(&m->echain);
	m->nent = 0;
}

/*
 * Keeps record o (of row) as its identity's latest entry, with pupil id
 * pid and the row's group values.  Returns 0 or an error.
 */
static int
keep_entry(track_summary *m, const track_str *row,
    const struct track_obs *o, long pid, track_error *err)
{
	long id;
	size_t i;
	int added;
	struct ent *e;

	if (o->point >= (1L << 20) - 1)
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "too many distinct points (the limit is a million)");
	/* Room first: an entry interned is one that will be written. */
	if (buf_grow(&m->ent, &m->ecap, m->nent + 1, sizeof *m->ent) != 0 ||
	    (m->nby > 0 && buf_grow(&m->eg, &m->egcap, (m->nent + 1) *
	    m->nby, sizeof *m->eg) != 0))
		return error_nomem(err);
	id = entry_intern(m, (uint32_t)pid, o->point, o->subject, o->measure,
	    &added);
	if (id < 0)
		return error_nomem(err);
	if (added)
		m->nent = (size_t)id + 1;
	e = &m->ent[id];
	e->pupil = (uint32_t)pid;
	e->subject = (int16_t)o->subject;
	e->measure = (int16_t)o->measure;
	e->point = (int32_t)o->point;
	e->bucket = (int8_t)(o->value.kind == TRACK_VALUE_NOT_AT ? B_NOT_AT :
	    o->value.kind == TRACK_VALUE_EXCLUDED ? B_EXCLUDED :
	    o->band >= 0 ? o->band : B_NOBAND);
	e->number = (int8_t)(o->value.kind == TRACK_VALUE_NUMBER &&
	    scheme_scale_kind(o->scale) == TRACK_SCALE_SCORE);
	e->num = o->value.number;
	e->words = -1;
	if (m->pupils && o->ooy != OOY_NONE) {
		char w[ASSESS_WORDS_MAX];
		int n = assess_own_words(m->a, o, w, sizeof w);

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
			v = by_value_memo(m, b, row[b->col]);
			if (v < 0)
				return error_nomem(err);
		}
		m->eg[(size_t)id * m->nby + i] = (int32_t)v;
	}
	return 0;
}

/*
 * Nonzero when `point` is better than m->point (assess_point_better),
 * remembered for points 0 to 63: most records are at a point already
 * found not to be better.
 */
static int
better_point(track_summary *m, long point)
{
	if (m->worse_than != m->point) {
		m->worse = 0;
		m->worse_than = m->point;
	}
	if (point < 64 && (m->worse >> point & 1))
		return 0;
	if (assess_point_better(m->a, point, m->point))
		return 1;
	if (point < 64)
		m->worse |= (uint64_t)1 << point;
	return 0;
}

/*
 * A record the table passes over still names its pupil (--pupils): the
 * name of a pupil's last record read is theirs, whatever its point.
 */
static int
name_only(track_summary *m, const track_str *row, track_error *err)
{
	long pc = assess_col(m->a, A_PUPIL), nc = assess_col(m->a, A_NAME);

	if (nc < 0 || row[pc].len == 0 || row[nc].len == 0 || (m->roll &&
	    strmap_find(m->roll_ids, row[pc].ptr, row[pc].len) < 0))
		return 0;
	if (pupil_id(m, row[pc], row[nc]) < 0)
		return error_nomem(err);
	return 0;
}

int
summary_row(track_summary *m, const track_str *row, track_error *err)
{
	struct track_obs o;
	long pid, id;
	size_t i;
	int rc;

	/*
	 * With --point, only the records at that point are read (and
	 * checked).  Otherwise every record is checked, whatever the order
	 * of the input, and those at other points then passed over.
	 */
	if (m->mode == MODE_POINT && !m->o.objectives && !m->any_prior) {
		id = assess_peek_point(m->a, row);
		if (id >= 0 && id != m->point)
			return m->pupils ? name_only(m, row, err) : 0;
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
		return error_set(err, TRACK_EXIT_IO, NULL, 0,
		    "too many pupils");
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
			if (!better_point(m, o.point))
				return 0;
			entries_clear(m);
		}
		m->point = o.point;
		break;
	default:
		break;
	}
	return keep_entry(m, row, &o, pid, err);
}


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
	if (m->roll_col_pupil < 0) {
		char cols[300];
		size_t at = 0;

		cols[0] = '\0';
		for (i = 0; i < n && at + 8 < sizeof cols; i++)
			at += (size_t)snprintf(cols + at, sizeof cols - at,
			    "%s%.*s", i ? ", " : "", (int)(hdr[i].len > 60 ? 60 :
			    hdr[i].len), hdr[i].ptr);
		if (at >= sizeof cols - 8)
			snprintf(cols + sizeof cols - 8, 8, ", ...");
		return error_set(err, TRACK_EXIT_USAGE, NULL, 0,
		    "--roll: no \"pupil\" column in the roll (its columns are: "
		    "%s); make one with track-import --rename COLUMN=pupil",
		    cols);
	}
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
			v = sum_by_value(m, &m->by[i], row[m->by[i].roll_col]);
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
