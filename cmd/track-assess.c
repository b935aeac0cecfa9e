/*
 * track-assess - validate records against the scheme and add band, rank,
 * expected, out_of_year and age_gap; or write a data-entry template.
 * See track-assess(1).
 */
#include <assert.h>
#include <getopt.h>
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
#include "scheme/scheme.h"
#include "base/strmap.h"
#include "base/u64map.h"

enum {
	OPT_TEMPLATE = CLI_OPT_FIRST_FREE,
	OPT_POINT,
	OPT_SUBJECTS,
	OPT_CLASS
};

static const struct option longopts[] = {
	CLI_LONGOPTS,
	{ "template", no_argument, NULL, OPT_TEMPLATE },
	{ "point", required_argument, NULL, OPT_POINT },
	{ "subjects", required_argument, NULL, OPT_SUBJECTS },
	{ "class", required_argument, NULL, OPT_CLASS },
	{ NULL, 0, NULL, 0 }
};

static void
usage(int status)
{
	FILE *f = status == 0 ? stdout : stderr;

	fprintf(f,
	    "usage: track-assess [-F FORMAT] [-o FILE] [-s SCHEME] [-e ENC] "
	    "[-d DELIM]\n"
	    "                    [--input-format FMT] [--rejects FILE]\n"
	    "                    [--excel-safe | --raw] [--max-field-size N]\n"
	    "                    [--max-columns N] [--no-progress] [FILE...]\n"
	    "       track-assess --template --point P [--subjects LIST] "
	    "[--class C] [--raw]\n"
	    "                    [-F FORMAT] [-o FILE] [-s SCHEME] [FILE...]\n"
	    "       track-assess -h | -V\n");
	if (status == 0)
		fprintf(f, "See track-assess(1).\n");
}

/* The columns track-assess adds, in order. */
enum { D_BAND, D_RANK, D_EXPECTED, D_OOY, D_GAP, D_N };
static const char *const dname[D_N] = {
	"band", "rank", "expected", "out_of_year", "age_gap"
};

/*
 * Room for a derived column: a band id, a rank, an expected value (a code
 * or a threshold), a reading age or gap, or the own words; all bounded by
 * the scheme's limit on ids (SCHEME_ID_MAX), never by the data.
 */
#define WORD_MAX ASSESS_WORDS_MAX
_Static_assert(WORD_MAX <= 255, "a word's length is kept in a byte");
_Static_assert(WORD_MAX >= SCHEME_ID_MAX + 1 && WORD_MAX >= 24,
    "a word holds an id or a number");

/*
 * What every row of one assess_row signature (o->sig) gives: the derived
 * columns, back to back at `off` in as->words, and when rows are encoded
 * ahead and end with them, their encoded text (the tail) at `tail`.
 */
struct sigmemo {
	int set;
	long what;			/* its identity's what id, or -1 */
	size_t off;
	unsigned char len[D_N];		/* each under WORD_MAX */
	size_t tail, tlen;
};

struct assess {
	struct cli_common c;
	int template;
	const char *point, *subjects, *klass;
	char canon[SCHEME_POINT_MAX];	/* --point, spelt canonically */
	track_scheme *s;
	track_assess *a;

	/* Output layout: input columns, then the derived ones not present. */
	size_t nin, nout;
	long dcol[D_N];			/* output index of each derived one */
	int at_end;			/* all of them are after the input's */
	track_str *hdr, *out;
	char word[D_N][WORD_MAX];	/* derived columns, worked out */
	struct sigmemo *memo;		/* by o->sig */
	size_t nmemo, mcap;
	track_buf words;

	/*
	 * Held rows, so that the last of a duplicate identity wins.  `rows`
	 * holds them back to back: each as the writer will write it when
	 * the writer can encode rows ahead (CSV, TSV), else its fields, each
	 * after its length.  `heads` holds one small head a row, in the same
	 * order: a live flag, then as varints its file (an index into
	 * `files`), its line and its length in `rows`.  A superseded row's
	 * flag is cleared, and flush() writes the live ones.  This keeps a
	 * record in little more than its output bytes.
	 */
	int encoded;
	track_buf rows, heads;
	const char **files;		/* input names, valid to the end */
	size_t nfiles, fcap;

	/* Identities: (pupil, what) -> id, what being the rest of it. */
	track_strmap *pupils;		/* pupil -> pupil id */
	long lastpupil;			/* the last row's pupil id, or -1 */
	track_strmap *whats;		/* subject, measure, point, objective */
	track_buf key;			/* a what's key, built */
	track_u64map *ids;
	size_t *winner;			/* id -> offset of its row's head */
	size_t wcap;
};

/* Lays out the output header.  Returns 0 or TRACK_EXIT_IO. */
static int
layout(struct assess *as, const track_str *h, size_t n)
{
	size_t i;
	int d;

	as->nin = n;
	as->hdr = calloc(n + D_N + 1, sizeof *as->hdr);
	as->out = calloc(n + D_N + 1, sizeof *as->out);
	if (as->hdr == NULL || as->out == NULL)
		return TRACK_EXIT_IO;
	for (i = 0; i < n; i++)
		as->hdr[i] = h[i];
	as->nout = n;
	for (d = 0; d < D_N; d++) {
		as->dcol[d] = records_col(h, n, dname[d]);
		if (as->dcol[d] < 0) {
			as->dcol[d] = (long)as->nout;
			as->hdr[as->nout++] = (track_str){ dname[d],
			    strlen(dname[d]) };
		}
	}
	as->at_end = as->nout == n + D_N;
	return 0;
}

/*
 * Writes `v` in decimal at `out` (which has room for 12 bytes), as "%d"
 * would; returns the length.  By hand, since snprintf costs more than
 * the rest of a row.
 */
static size_t
format_int(char *out, int v)
{
	char tmp[12];
	unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v;
	size_t n = 0, k = 0;

	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0);
	if (v < 0)
		out[k++] = '-';
	while (n > 0)
		out[k++] = tmp[--n];
	return k;
}

/*
 * Copies string `s`, a scheme id or a number the scheme formatted (so it
 * fits: see WORD_MAX), into word `d`; returns the length.
 */
static size_t
copy_word(struct assess *as, int d, const char *s)
{
	size_t n = s == NULL ? 0 : strlen(s);

	assert(n < sizeof as->word[d]);
	memcpy(as->word[d], s, n);
	as->word[d][n] = '\0';
	return n;
}

/*
 * Works out the derived columns of observation `o` into as->word, and
 * points their places in the output row at them: band, rank, expected,
 * out_of_year and age_gap.
 */
static void
work_out(struct assess *as, const struct track_obs *o)
{
	const track_scheme *s = as->s;
	size_t len[D_N], n;
	char *w;
	int d;

	for (d = 0; d < D_N; d++) {
		as->word[d][0] = '\0';
		len[d] = 0;
	}
	if (o->band >= 0)
		len[D_BAND] = copy_word(as, D_BAND,
		    scheme_band_id(s, (size_t)o->band));
	if (o->rank > 0)
		len[D_RANK] = format_int(as->word[D_RANK], o->rank);
	if (scheme_scale_kind(o->scale) == TRACK_SCALE_AGE) {
		if (o->age >= 0) {
			/* A reading age, "9.04". */
			w = as->word[D_EXPECTED];
			n = format_int(w, o->age / 12);
			w[n++] = '.';
			w[n++] = (char)('0' + o->age % 12 / 10);
			w[n++] = (char)('0' + o->age % 12 % 10);
			len[D_EXPECTED] = n;
			if (o->value.kind == TRACK_VALUE_NUMBER) {
				w = as->word[D_GAP];
				n = 0;
				if (o->value.bound != 0)
					w[n++] = o->value.bound < 0 ? '<' : '>';
				len[D_GAP] = n + format_int(w + n,
				    (int)o->value.number - o->age);
			}
		}
	} else if (o->year >= 0 && o->objective.len == 0) {
		const char *e = scheme_scale_expected(o->scale, o->year);

		if (e != NULL)
			len[D_EXPECTED] = copy_word(as, D_EXPECTED, e);
	}
	if (o->ooy != OOY_NONE) {
		int k = assess_own_words(as->a, o, as->word[D_OOY],
		    sizeof as->word[D_OOY]);

		len[D_OOY] = k < 0 ? 0 : (size_t)k;
	}
	for (d = 0; d < D_N; d++)
		as->out[as->dcol[d]] = (track_str){ as->word[d], len[d] };
}

/*
 * The memo of `o`'s signature, filled in from `o` when new, or NULL when
 * `o` has none.  Sets *nomem when out of memory.
 */
static struct sigmemo *
memo_of(struct assess *as, track_writer *w, const struct track_obs *o,
    int *nomem)
{
	struct sigmemo *m;
	size_t i;
	int d;

	if (o->sig < 0)
		return NULL;
	if ((size_t)o->sig >= as->nmemo) {
		if (buf_grow(&as->memo, &as->mcap, (size_t)o->sig + 1,
		    sizeof *as->memo) != 0)
			goto nomem;
		for (i = as->nmemo; i <= (size_t)o->sig; i++)
			as->memo[i].set = 0;
		as->nmemo = (size_t)o->sig + 1;
	}
	m = &as->memo[o->sig];
	if (m->set)
		return m;
	work_out(as, o);
	m->off = as->words.len;
	for (d = 0; d < D_N; d++) {
		if (buf_append(&as->words, as->word[d],
		    as->out[as->dcol[d]].len, 0) < 0)
			goto nomem;
		m->len[d] = (unsigned char)as->out[as->dcol[d]].len;
	}
	/*
	 * The tail: a row of an empty field and the derived columns encodes
	 * as a delimiter and then exactly the text they end a row with.  (The
	 * input's last slot is free to borrow: hold() fills the input's
	 * fields in again before it uses as->out.)
	 */
	m->tail = as->words.len;
	if (as->encoded && as->at_end) {
		as->out[as->nin - 1] = (track_str){ "", 0 };
		if (writer_encode(w, as->out + as->nin - 1, D_N + 1,
		    &as->words) != 0)
			goto nomem;
	}
	m->tlen = as->words.len - m->tail;
	m->what = -1;
	m->set = 1;
	return m;
nomem:
	*nomem = 1;
	return NULL;
}

/*
 * The id of the rest of `o`'s identity besides the pupil: its subject,
 * measure, point and objective (none for most records).  Returns -1 when
 * out of memory.
 */
static long
what_id(struct assess *as, const struct track_obs *o)
{
	struct {
		int subject, measure;
		long point;
	} k;

	memset(&k, 0, sizeof k);
	k.subject = o->subject;
	k.measure = o->measure;
	k.point = o->point;
	as->key.len = 0;
	if (buf_append(&as->key, &k, sizeof k, 0) < 0 ||
	    buf_append(&as->key, o->objective.ptr, o->objective.len, 0) < 0)
		return -1;
	return strmap_intern(as->whats, as->key.ptr, as->key.len, NULL);
}

/*
 * The identity id of `o` (its pupil and what_id), warning when it
 * supersedes an earlier record read from another line (`file`:`line` is
 * this record's) and marking that record's row dead.  `m` is o's memo or
 * NULL.  Returns -1 when out of memory.
 */
static long
identify(struct assess *as, const struct track_obs *o, struct sigmemo *m,
    const char *file, long line)
{
	long pid = -1, what, id;
	size_t klen;
	const char *k;
	int added;

	/* A pupil's records mostly come together. */
	if (as->lastpupil >= 0) {
		k = strmap_key(as->pupils, as->lastpupil, &klen);
		if (klen == o->pupil.len && memcmp(k, o->pupil.ptr, klen) == 0)
			pid = as->lastpupil;
	}
	if (pid < 0) {
		pid = strmap_intern(as->pupils, o->pupil.ptr, o->pupil.len,
		    NULL);
		as->lastpupil = pid;
	}
	if (o->objective.len == 0 && m != NULL && m->what >= 0) {
		what = m->what;
	} else {
		what = what_id(as, o);
		if (o->objective.len == 0 && m != NULL)
			m->what = what;
	}
	if (pid < 0 || what < 0 || pid > UINT32_MAX || what > UINT32_MAX)
		return -1;
	id = u64map_intern(as->ids, (uint64_t)pid << 32 | (uint64_t)what,
	    &added);
	if (id < 0 || ((size_t)id >= as->wcap && buf_grow(&as->winner,
	    &as->wcap, (size_t)id + 1, sizeof *as->winner) != 0))
		return -1;
	if (!added) {
		char *h = as->heads.ptr + as->winner[id];
		const char *p = h + 1;
		uint64_t of = buf_read_varint(&p), ol = buf_read_varint(&p);

		cli_warn("%s:%ld: supersedes %s:%ld (same pupil %.*s%s, "
		    "subject, measure%s and point)", file, line,
		    as->files[of], (long)ol,
		    (int)(o->pupil.len > 40 ? 40 : o->pupil.len),
		    o->pupil.ptr, o->pupil.len > 40 ? "..." : "",
		    o->objective.len ? ", objective" : "");
		*h = 0;
	}
	return id;
}

/* Appends row `f` (n fields) to `b`, each field after its length. */
static int
put_fields(track_buf *b, const track_str *f, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (buf_append_varint(b, f[i].len) != 0 ||
		    buf_append(b, f[i].ptr, f[i].len, 0) < 0)
			return -1;
	return 0;
}

/*
 * Holds the output row of observation `o`, read as `row` from line `line`
 * of `file`, for flush() to write unless a later record supersedes it.
 * Returns 0 or TRACK_EXIT_IO.
 */
static int
hold(struct assess *as, track_writer *w, const struct track_obs *o,
    const track_str *row, const char *file, long line)
{
	struct sigmemo *m;
	size_t start = as->rows.len;
	const char *p;
	char *h;
	long id;
	int d, nomem = 0;

	m = memo_of(as, w, o, &nomem);
	if (nomem)
		return TRACK_EXIT_IO;
	id = identify(as, o, m, file, line);
	if (id < 0)
		return TRACK_EXIT_IO;
	if (as->nfiles == 0 || as->files[as->nfiles - 1] != file) {
		if (buf_grow(&as->files, &as->fcap, as->nfiles + 1,
		    sizeof *as->files) != 0)
			return TRACK_EXIT_IO;
		as->files[as->nfiles++] = file;
	}
	if (m != NULL && as->encoded && as->at_end) {
		/* The input's fields, then the memo's tail in place of the
		 * line end (CSV and TSV end a row with one LF). */
		if (writer_encode(w, row, as->nin, &as->rows) != 0 ||
		    buf_reserve(&as->rows, m->tlen) != 0)
			return TRACK_EXIT_IO;
		as->rows.len--;
		buf_copy_short(as->rows.ptr + as->rows.len,
		    as->words.ptr + m->tail, m->tlen);
		as->rows.len += m->tlen;
	} else {
		memcpy(as->out, row, as->nin * sizeof *as->out);
		if (m == NULL) {
			work_out(as, o);
		} else {
			p = as->words.ptr + m->off;
			for (d = 0; d < D_N; d++) {
				as->out[as->dcol[d]] = (track_str){ p,
				    m->len[d] };
				p += m->len[d];
			}
		}
		if ((as->encoded ? writer_encode(w, as->out, as->nout,
		    &as->rows) : put_fields(&as->rows, as->out, as->nout)) != 0)
			return TRACK_EXIT_IO;
	}
	if (buf_reserve(&as->heads, 31) != 0)
		return TRACK_EXIT_IO;
	as->winner[id] = as->heads.len;
	h = as->heads.ptr + as->heads.len;
	*h++ = 1;
	h = buf_put_varint(h, as->nfiles - 1);
	h = buf_put_varint(h, (uint64_t)line);
	h = buf_put_varint(h, as->rows.len - start);
	as->heads.len = (size_t)(h - as->heads.ptr);
	return 0;
}

/*
 * Writes the held rows that won their identity, in input order: runs of
 * encoded rows in one go, else each row's fields through the writer.
 */
static int
flush(struct assess *as, track_writer *w, track_error *err)
{
	const char *h = as->heads.ptr, *end = h + as->heads.len;
	const char *rows = as->rows.ptr;
	size_t pos = 0, run = 0, len, k;
	int live;

	while (h < end) {
		live = *h++;
		(void)buf_read_varint(&h);	/* file */
		(void)buf_read_varint(&h);	/* line */
		len = (size_t)buf_read_varint(&h);
		if (as->encoded) {
			/* A dead row ends the run of live ones before it. */
			if (!live) {
				if (pos > run && writer_text(w, rows + run,
				    pos - run, err) != 0)
					return -1;
				run = pos + len;
			}
		} else if (live) {
			const char *p = rows + pos;

			for (k = 0; k < as->nout; k++) {
				as->out[k].len = (size_t)buf_read_varint(&p);
				as->out[k].ptr = p;
				p += as->out[k].len;
			}
			if (writer_row(w, as->out, as->nout, err) != 0)
				return -1;
		}
		pos += len;
	}
	if (as->encoded && pos > run &&
	    writer_text(w, rows + run, pos - run, err) != 0)
		return -1;
	return 0;
}

/* ---- --template ---- */

/* One pupil of the grid, with the latest judgement before the point. */
struct tpupil {
	size_t name, year, klass;	/* arena offsets */
	long at;			/* the point they came from, or -1 */
	long *prevpt;			/* per subject: point id, or -1 */
	size_t *prev;			/* per subject: arena offset */
	unsigned char *has;		/* per subject: any teacher assessment */
};

struct grid {
	track_strmap *ids;
	struct tpupil *p;
	size_t np, cap;
	int *subj;			/* template subjects */
	size_t nsubj;
	long point;			/* the point being entered */
	const char *ptext;		/* its canonical spelling */
	track_buf arena;
};

static const struct grid *sort_grid;

static int
cmp_pupil(const void *x, const void *y)
{
	const struct grid *g = sort_grid;
	size_t a = *(const size_t *)x, b = *(const size_t *)y;
	int c = strcmp(g->arena.ptr + g->p[a].klass,
	    g->arena.ptr + g->p[b].klass);

	if (c == 0)
		c = strcmp(g->arena.ptr + g->p[a].name,
		    g->arena.ptr + g->p[b].name);
	if (c == 0)
		c = strcmp(strmap_key(g->ids, (long)a, NULL),
		    strmap_key(g->ids, (long)b, NULL));
	return c;
}

/* Copies a slice into the grid's arena; returns its offset or -1. */
static long
keep(struct grid *g, track_str s)
{
	return buf_append(&g->arena, s.ptr, s.len, 1);
}

/*
 * Notes one observation for the grid: the pupil, and their judgement when
 * it is teacher assessment before the template's point and later than
 * the one held.  Returns 0 or TRACK_EXIT_IO.
 */
static int
grid_add(struct grid *g, struct assess *as, const struct track_obs *o,
    const track_str *row)
{
	long id, kc = assess_col(as->a, A_YEAR), cc;
	int added;
	size_t i, ns = scheme_subject_count(as->s);
	struct tpupil *p;
	char words[ASSESS_WORDS_MAX];

	id = strmap_intern(g->ids, o->pupil.ptr, o->pupil.len, &added);
	if (id < 0)
		return TRACK_EXIT_IO;
	if (added) {
		if (g->np == g->cap) {
			size_t n = g->cap ? g->cap * 2 : 256;

			p = realloc(g->p, n * sizeof *p);
			if (p == NULL)
				return TRACK_EXIT_IO;
			g->p = p;
			g->cap = n;
		}
		p = &g->p[g->np++];
		memset(p, 0, sizeof *p);
		p->prevpt = malloc(ns * sizeof *p->prevpt);
		p->prev = calloc(ns, sizeof *p->prev);
		p->has = calloc(ns, 1);
		if (p->prevpt == NULL || p->prev == NULL || p->has == NULL)
			return TRACK_EXIT_IO;
		for (i = 0; i < ns; i++)
			p->prevpt[i] = -1;
		p->at = -1;
	}
	p = &g->p[id];
	if (o->name.len > 0 && keep(g, o->name) >= 0)
		p->name = g->arena.len - o->name.len - 1;
	/* Year and class as of the pupil's latest record. */
	if (p->at < 0 || assess_point_cmp(as->a, o->point, p->at) >= 0) {
		p->at = o->point;
		if (kc >= 0 && row[kc].len > 0 && keep(g, row[kc]) >= 0)
			p->year = g->arena.len - row[kc].len - 1;
		cc = records_col(as->hdr, as->nin, "class");
		if (cc >= 0 && row[cc].len > 0 && keep(g, row[cc]) >= 0)
			p->klass = g->arena.len - row[cc].len - 1;
	}
	if (o->measure != scheme_measure_index(as->s, "", 0) ||
	    o->objective.len > 0)
		return 0;
	p->has[o->subject] = 1;
	if (assess_point_cmp(as->a, o->point, g->point) >= 0)
		return 0;
	if (p->prevpt[o->subject] >= 0 &&
	    assess_point_cmp(as->a, o->point, p->prevpt[o->subject]) < 0)
		return 0;
	if (assess_own_words(as->a, o, words, sizeof words) < 0)
		return 0;
	if (keep(g, (track_str){ words, strlen(words) }) < 0)
		return TRACK_EXIT_IO;
	p->prev[o->subject] = g->arena.len - strlen(words) - 1;
	p->prevpt[o->subject] = o->point;
	return 0;
}

/* Nonzero when pupil i is in the --class asked for (at their latest). */
static int
in_class(const struct grid *g, const struct assess *as, size_t i)
{
	return as->klass == NULL || strcasecmp(g->arena.ptr + g->p[i].klass,
	    as->klass) == 0;
}

/* Writes the grid.  Returns 0 or -1 (err filled). */
static int
grid_write(struct grid *g, struct assess *as, track_writer *w,
    track_error *err)
{
	size_t nc = 5 + 2 * g->nsubj, i, k, n, *order;
	track_str *f = calloc(nc, sizeof *f);
	char (*pn)[5 + SCHEME_ID_MAX + 1] = calloc(g->nsubj + 1, sizeof *pn);
	const char *pt = g->ptext;
	int rc = -1;

	order = calloc(g->np + 1, sizeof *order);
	if (f == NULL || pn == NULL || order == NULL) {
		error_set(err, TRACK_EXIT_IO, NULL, 0, "out of memory");
		goto out;
	}
	f[0] = (track_str){ "pupil", 5 };
	f[1] = (track_str){ "name", 4 };
	f[2] = (track_str){ "year", 4 };
	f[3] = (track_str){ "class", 5 };
	f[4] = (track_str){ "point", 5 };
	for (k = 0; k < g->nsubj; k++) {
		const char *id = scheme_subject_id_at(as->s,
		    (size_t)g->subj[k]);

		snprintf(pn[k], sizeof pn[k], "prev_%s", id);
		f[5 + 2 * k] = (track_str){ id, strlen(id) };
		f[6 + 2 * k] = (track_str){ pn[k], strlen(pn[k]) };
	}
	if (writer_header(w, f, nc, err) != 0)
		goto out;
	/* Only this class's pupils: their class at their latest record. */
	for (i = 0, n = 0; i < g->np; i++)
		if (in_class(g, as, i))
			order[n++] = i;
	sort_grid = g;
	qsort(order, n, sizeof *order, cmp_pupil);
	for (i = 0; i < n; i++) {
		const struct tpupil *p = &g->p[order[i]];
		const char *a = g->arena.ptr;

		f[0].ptr = strmap_key(g->ids, (long)order[i], &f[0].len);
		f[1] = (track_str){ a + p->name, strlen(a + p->name) };
		f[2] = (track_str){ a + p->year, strlen(a + p->year) };
		f[3] = (track_str){ a + p->klass, strlen(a + p->klass) };
		f[4] = (track_str){ pt, strlen(pt) };
		for (k = 0; k < g->nsubj; k++) {
			size_t off = p->prev[g->subj[k]];

			f[5 + 2 * k] = (track_str){ "", 0 };
			f[6 + 2 * k] = p->prevpt[g->subj[k]] < 0 ?
			    (track_str){ "", 0 } :
			    (track_str){ a + off, strlen(a + off) };
		}
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

/* Chooses the template's subjects: --subjects, or those with ta data. */
static int
grid_subjects(struct grid *g, struct assess *as)
{
	size_t i, j, ns = scheme_subject_count(as->s);
	char **list;
	long k;

	g->subj = calloc(ns + 1, sizeof *g->subj);
	if (g->subj == NULL)
		return TRACK_EXIT_IO;
	if (as->subjects == NULL) {
		/* Those the grid's pupils have teacher assessment in. */
		for (i = 0; i < ns; i++)
			for (j = 0; j < g->np; j++)
				if (g->p[j].has[i] && in_class(g, as, j)) {
					g->subj[g->nsubj++] = (int)i;
					break;
				}
		return 0;
	}
	k = str_split(as->subjects, ',', &list);
	if (k < 0)
		return TRACK_EXIT_IO;
	for (i = 0; i < (size_t)k && g->nsubj < ns; i++) {
		int si = scheme_subject_index(as->s, list[i], strlen(list[i]));

		if (si < 0) {
			cli_error("--subjects: unknown subject \"%s\"", list[i]);
			free(list);
			return TRACK_EXIT_USAGE;
		}
		g->subj[g->nsubj++] = si;
	}
	free(list);
	return 0;
}

static void
grid_free(struct grid *g)
{
	size_t i;

	for (i = 0; i < g->np; i++) {
		free(g->p[i].prevpt);
		free(g->p[i].prev);
		free(g->p[i].has);
	}
	free(g->p);
	free(g->subj);
	strmap_free(g->ids);
	buf_free(&g->arena);
}

/* Reads every record; writes them assessed, or the template. */
static int
run(struct assess *as, char **files, size_t nfiles)
{
	track_records *rs = NULL;
	struct cli_output out;
	struct cli_rejects rj;
	struct grid g;
	struct track_obs o;
	track_error err;
	track_row row;
	const track_str *h;
	size_t n;
	enum track_read got;
	unsigned long long rows = 0;
	int rc, status = 0, out_open = 0, rj_open = 0;

	memset(&g, 0, sizeof g);
	rc = records_open(&rs, files, nfiles, &as->c.ropts, &err);
	if (rc != 0) {
		cli_report(&err);
		return rc;
	}
	h = records_header(rs, &n);
	if (n > 0) {
		rc = assess_new(&as->a, as->s, h, n,
		    as->template ? 0 : ASSESS_STRICT_POINTS, &err);
		if (rc != 0) {
			err.file = records_name(rs);
			cli_report(&err);
			goto done;
		}
		if (layout(as, h, n) != 0)
			goto nomem;
	}
	if (as->template) {
		g.ids = strmap_new();
		if (g.ids == NULL || keep(&g,
		    (track_str){ "", 0 }) < 0)
			goto nomem;
		g.ptext = as->canon;
		if (as->a != NULL) {
			g.point = assess_point_intern(as->a, as->point,
			    strlen(as->point));
			if (g.point < 0)
				goto nomem;
		}
	}
	rc = cli_output_open(&out, &as->c);
	if (rc != 0)
		goto done;
	out_open = 1;
	rc = cli_rejects_open(&rj, &as->c);
	if (rc != 0)
		goto done;
	rj_open = 1;
	as->encoded = writer_encodes(out.w);
	if (n > 0 && !as->template &&
	    writer_header(out.w, as->hdr, as->nout, &err) != 0)
		goto write_failed;
	while ((got = records_next(rs, &row, &err)) != TRACK_READ_EOF) {
		cli_progress(&as->c, ++rows);
		if (got == TRACK_READ_FATAL) {
			cli_report(&err);
			status = TRACK_EXIT_IO;
			break;
		}
		if (got == TRACK_READ_ROW) {
			rc = assess_row(as->a, row.field, &o, &err);
			if (rc == TRACK_EXIT_IO)
				goto nomem;
			if (rc != 0) {
				err.file = records_name(rs);
				err.line = row.line;
			}
		}
		if (got == TRACK_READ_BAD || rc != 0) {
			status = error_graver(status, TRACK_EXIT_DATA);
			if (cli_reject(&rj, &err, h, n, &row) != 0) {
				status = TRACK_EXIT_IO;
				break;
			}
			continue;
		}
		if (as->template) {
			if (grid_add(&g, as, &o, row.field) != 0)
				goto nomem;
			continue;
		}
		if (hold(as, out.w, &o, row.field, records_name(rs),
		    row.line) != 0)
			goto nomem;
	}
	cli_progress_done(&as->c);
	if (status != TRACK_EXIT_IO) {
		if (as->template) {
			rc = grid_subjects(&g, as);
			if (rc != 0) {
				if (rc == TRACK_EXIT_IO)
					goto nomem;
				goto done;
			}
			if (grid_write(&g, as, out.w, &err) != 0)
				goto write_failed;
		} else if (flush(as, out.w, &err) != 0) {
			goto write_failed;
		}
	}
	rc = status;
	goto done;
nomem:
	cli_error("out of memory");
	rc = TRACK_EXIT_IO;
	goto done;
write_failed:
	if (!writer_broken_pipe(out.w)) {
		cli_report(&err);
		rc = TRACK_EXIT_IO;
	} else {
		rc = status;
	}
done:
	/* The output first: when it fails (a full disk), no rejects either. */
	if (out_open)
		rc = cli_output_close(&out, rc);
	if (rj_open)
		rc = cli_rejects_close(&rj, rc);
	records_close(rs);
	grid_free(&g);
	return rc;
}

int
main(int argc, char **argv)
{
	struct assess as;
	track_error err;
	int opt, rc = 0;

	memset(&as, 0, sizeof as);
	cli_init(&as.c, "track-assess", 0);
	while ((opt = getopt_long(argc, argv, CLI_SHORTOPTS, longopts,
	    NULL)) != -1) {
		int common = cli_option(&as.c, opt, optarg);

		if (common < 0) {
			rc = TRACK_EXIT_USAGE;
			goto out;
		}
		if (common > 0)
			continue;
		switch (opt) {
		case OPT_TEMPLATE:
			as.template = 1;
			break;
		case OPT_POINT:
			as.point = optarg;
			break;
		case OPT_SUBJECTS:
			as.subjects = optarg;
			break;
		case OPT_CLASS:
			as.klass = optarg;
			break;
		default:
			usage(TRACK_EXIT_USAGE);
			rc = TRACK_EXIT_USAGE;
			goto out;
		}
	}
	if (as.c.help) {
		usage(0);
		goto out;
	}
	if (as.c.version) {
		cli_version();
		goto out;
	}
	if (as.template && as.point == NULL) {
		cli_error("--template needs --point, the point the grid is "
		    "for (e.g. --point 2025-26.spring)");
		rc = TRACK_EXIT_USAGE;
		goto out;
	}
	if (!as.template && (as.point || as.subjects || as.klass)) {
		cli_error("--point, --subjects and --class go with --template");
		rc = TRACK_EXIT_USAGE;
		goto out;
	}
	/* A template is a report: guarded unless --raw. */
	if (as.template && !as.c.guard_set)
		as.c.guard = 1;
	rc = scheme_load(&as.s, as.c.scheme, &err);
	if (rc != 0) {
		cli_report(&err);
		goto out;
	}
	if (as.template && scheme_point_normalise(as.s, as.point,
	    strlen(as.point), as.canon, sizeof as.canon) <= 0) {
		cli_error("--point: unknown point \"%.80s%s\" (points are "
		    "terms such as 2025-26.spring, or statutory points such as "
		    "ks2)", as.point, strlen(as.point) > 80 ? "..." : "");
		rc = TRACK_EXIT_USAGE;
		goto out;
	}
	/* Keys are (pupil, what): a pupil's records sit side by side in
	   the table, so an export written pupil by pupil, or term by term
	   in pupil order, touches few cache lines. */
	as.ids = u64map_new_grouped(32);
	as.pupils = strmap_new();
	as.whats = strmap_new();
	as.lastpupil = -1;
	if (as.ids == NULL || as.pupils == NULL || as.whats == NULL) {
		cli_error("out of memory");
		rc = TRACK_EXIT_IO;
		goto out;
	}
	cli_inputs(&as.c, argv + optind, (size_t)(argc - optind));
	rc = run(&as, argv + optind, (size_t)(argc - optind));
out:
	assess_free(as.a);
	scheme_free(as.s);
	u64map_free(as.ids);
	strmap_free(as.pupils);
	strmap_free(as.whats);
	buf_free(&as.key);
	free(as.winner);
	free(as.files);
	buf_free(&as.rows);
	buf_free(&as.heads);
	free(as.memo);
	buf_free(&as.words);
	free(as.hdr);
	free(as.out);
	return cli_exit(&as.c, rc);
}
