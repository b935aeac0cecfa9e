/*
 * derive.c - the columns track-assess adds: see derive.h.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "record/records.h"
#include "derive.h"

/* The columns a deriver adds, in order. */
enum { D_BAND, D_RANK, D_EXPECTED, D_OOY, D_GAP, D_N };
_Static_assert(D_N == ASSESS_DERIVED, "ASSESS_DERIVED counts them");
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
 * columns, back to back at `off` in d->words, and when they end the row
 * and a writer encodes it, their encoded text (the tail) at `tail`.
 */
struct sigmemo {
	int set;
	int tailed;			/* set, with its tail made */
	size_t off;
	unsigned char len[D_N];		/* each under WORD_MAX */
	size_t tail, tlen;
};

struct track_derive {
	const track_assess *a;
	const track_scheme *s;

	/* Output layout: input columns, then the derived ones not present. */
	size_t nin, nout;
	long dcol[D_N];			/* output index of each derived one */
	int at_end;			/* all of them are after the input's */
	track_str *hdr, *out;
	char word[D_N][WORD_MAX];	/* derived columns, worked out */
	struct sigmemo *memo;		/* by o->sig */
	size_t nmemo, mcap;
	track_buf words;
};

int
assess_derive_new(track_derive **out, const track_assess *a,
    const track_scheme *s, const track_str *h, size_t n, track_error *err)
{
	track_derive *d;
	size_t i;
	int k;

	*out = NULL;
	d = calloc(1, sizeof *d);
	if (d == NULL)
		return error_nomem(err);
	d->a = a;
	d->s = s;
	d->nin = n;
	d->hdr = calloc(n + D_N + 1, sizeof *d->hdr);
	d->out = calloc(n + D_N + 1, sizeof *d->out);
	if (d->hdr == NULL || d->out == NULL) {
		assess_derive_free(d);
		return error_nomem(err);
	}
	for (i = 0; i < n; i++)
		d->hdr[i] = h[i];
	d->nout = n;
	for (k = 0; k < D_N; k++) {
		d->dcol[k] = records_col(h, n, dname[k]);
		if (d->dcol[k] < 0) {
			d->dcol[k] = (long)d->nout;
			d->hdr[d->nout++] = (track_str){ dname[k],
			    strlen(dname[k]) };
		}
	}
	d->at_end = d->nout == n + D_N;
	*out = d;
	return 0;
}

const track_str *
assess_derive_header(const track_derive *d, size_t *n)
{
	*n = d->nout;
	return d->hdr;
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
 * fits: see WORD_MAX), into word `k`; returns the length.
 */
static size_t
copy_word(track_derive *d, int k, const char *s)
{
	size_t n = s == NULL ? 0 : strlen(s);

	assert(n < sizeof d->word[k]);
	memcpy(d->word[k], s, n);
	d->word[k][n] = '\0';
	return n;
}

/*
 * Works out the expected column of observation `o` (and the age gap, for
 * a reading age) into d->word, setting their lengths in len[].
 */
static void
work_expected(track_derive *d, const struct track_obs *o, size_t *len)
{
	size_t n;
	char *w;

	if (scheme_scale_kind(o->scale) == TRACK_SCALE_AGE) {
		if (o->age < 0)
			return;
		/* A reading age, "9.04". */
		w = d->word[D_EXPECTED];
		n = format_int(w, o->age / 12);
		w[n++] = '.';
		w[n++] = (char)('0' + o->age % 12 / 10);
		w[n++] = (char)('0' + o->age % 12 % 10);
		len[D_EXPECTED] = n;
		if (o->value.kind == TRACK_VALUE_NUMBER) {
			w = d->word[D_GAP];
			n = 0;
			if (o->value.bound != 0)
				w[n++] = o->value.bound < 0 ? '<' : '>';
			len[D_GAP] = n + format_int(w + n,
			    (int)o->value.number - o->age);
		}
	} else if (o->year >= 0 && o->objective.len == 0) {
		const char *e = scheme_scale_expected(o->scale, o->year);

		if (e != NULL)
			len[D_EXPECTED] = copy_word(d, D_EXPECTED, e);
	}
}

/*
 * Works out the derived columns of observation `o` into d->word, and
 * points their places in the output row at them: band, rank, expected,
 * out_of_year and age_gap.
 */
static void
work_out(track_derive *d, const struct track_obs *o)
{
	size_t len[D_N];
	int k;

	for (k = 0; k < D_N; k++) {
		d->word[k][0] = '\0';
		len[k] = 0;
	}
	if (o->band >= 0)
		len[D_BAND] = copy_word(d, D_BAND,
		    scheme_band_id(d->s, (size_t)o->band));
	if (o->rank > 0)
		len[D_RANK] = format_int(d->word[D_RANK], o->rank);
	work_expected(d, o, len);
	if (o->ooy != OOY_NONE) {
		int n = assess_own_words(d->a, o, d->word[D_OOY],
		    sizeof d->word[D_OOY]);

		len[D_OOY] = n < 0 ? 0 : (size_t)n;
	}
	for (k = 0; k < D_N; k++)
		d->out[d->dcol[k]] = (track_str){ d->word[k], len[k] };
}

/*
 * The memo of `o`'s signature, filled in from `o` when new, or NULL when
 * `o` has none.  A new memo gets its tail too when `w` is not NULL and
 * the derived columns end the row.  Sets *nomem when out of memory.
 */
static struct sigmemo *
memo_of(track_derive *d, const track_writer *w, const struct track_obs *o,
    int *nomem)
{
	struct sigmemo *m;
	size_t i;
	int k;

	if (o->sig < 0)
		return NULL;
	if ((size_t)o->sig >= d->nmemo) {
		if (buf_grow(&d->memo, &d->mcap, (size_t)o->sig + 1,
		    sizeof *d->memo) != 0)
			goto nomem;
		for (i = d->nmemo; i <= (size_t)o->sig; i++)
			d->memo[i].set = d->memo[i].tailed = 0;
		d->nmemo = (size_t)o->sig + 1;
	}
	m = &d->memo[o->sig];
	if (m->set)
		return m;
	work_out(d, o);
	m->off = d->words.len;
	for (k = 0; k < D_N; k++) {
		if (buf_append(&d->words, d->word[k],
		    d->out[d->dcol[k]].len, 0) < 0)
			goto nomem;
		m->len[k] = (unsigned char)d->out[d->dcol[k]].len;
	}
	/*
	 * The tail: a row of an empty field and the derived columns encodes
	 * as a delimiter and then exactly the text they end a row with.  (The
	 * input's last slot is free to borrow: the rows made later fill the
	 * input's fields in again before they use d->out.)
	 */
	m->tail = d->words.len;
	if (w != NULL && d->at_end) {
		d->out[d->nin - 1] = (track_str){ "", 0 };
		if (writer_encode(w, d->out + d->nin - 1, D_N + 1,
		    &d->words) != 0)
			goto nomem;
	}
	m->tlen = d->words.len - m->tail;
	m->tailed = w != NULL && d->at_end;
	m->set = 1;
	return m;
nomem:
	*nomem = 1;
	return NULL;
}

/* Fills d->out with `row` and the derived columns of `o`, memo `m`. */
static void
fill(track_derive *d, const struct track_obs *o, const struct sigmemo *m,
    const track_str *row)
{
	const char *p;
	int k;

	memcpy(d->out, row, d->nin * sizeof *d->out);
	if (m == NULL) {
		work_out(d, o);
		return;
	}
	p = d->words.ptr + m->off;
	for (k = 0; k < D_N; k++) {
		d->out[d->dcol[k]] = (track_str){ p, m->len[k] };
		p += m->len[k];
	}
}

int
assess_derive_row(track_derive *d, const struct track_obs *o,
    const track_str *row, const track_str **out, track_error *err)
{
	struct sigmemo *m;
	int nomem = 0;

	*out = NULL;
	m = memo_of(d, NULL, o, &nomem);
	if (nomem)
		return error_nomem(err);
	fill(d, o, m, row);
	*out = d->out;
	return 0;
}

/*
 * Appends o's output row to `b` the long way: its fields, encoded whole
 * (o has no memo with a tail).  Returns 0 or TRACK_EXIT_IO.
 */
static int
encode_slow(track_derive *d, const track_writer *w, const struct track_obs *o,
    const track_row *row, track_buf *b, track_error *err)
{
	struct sigmemo *m;
	int nomem = 0;

	m = memo_of(d, w, o, &nomem);
	if (nomem)
		return error_nomem(err);
	if (m != NULL && m->tailed)
		return assess_derive_encode(d, w, o, row, b, err);
	fill(d, o, m, row->field);
	if (writer_encode(w, d->out, d->nout, b) != 0)
		return error_nomem(err);
	return 0;
}

int
assess_derive_encode(track_derive *d, const track_writer *w,
    const struct track_obs *o, const track_row *row, track_buf *b,
    track_error *err)
{
	const struct sigmemo *m;

	if (o->sig < 0 || (size_t)o->sig >= d->nmemo ||
	    !d->memo[o->sig].tailed)
		return encode_slow(d, w, o, row, b, err);
	/* The input's fields, then the memo's tail in place of the line
	 * end (CSV and TSV end a row with one LF). */
	m = &d->memo[o->sig];
	if (writer_encode_src(w, row->field, d->nin, row, b) != 0 ||
	    (b->len + m->tlen > b->cap && buf_reserve(b, m->tlen) != 0))
		return error_nomem(err);
	b->len--;
	buf_copy_short(b->ptr + b->len, d->words.ptr + m->tail, m->tlen);
	b->len += m->tlen;
	return 0;
}

void
assess_derive_free(track_derive *d)
{
	if (d == NULL)
		return;
	free(d->hdr);
	free(d->out);
	free(d->memo);
	buf_free(&d->words);
	free(d);
}
