/*
 * points.c - the point grammar: parsing, ordering and writing points.
 *
 * A point is a term ("autumn"), a statutory point ("ks2") or another
 * listed point, by any of its spellings, or a term or statutory point
 * scoped to an academic year ("2025-26.autumn", "autumn 2025/26").  This
 * file parses those spellings (point_parse(), used by scales.c too),
 * gives them their sort key and order, and writes their canonical
 * spellings and labels.
 */
#include "scheme_int.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Parses an academic year at the start of t: 2025-26, 2025/26, 2025-2026,
 * 2025/2026, or 25-26 and 25/26 (this century).  Returns the bytes it
 * takes (and the first calendar year in *year), or 0 when t does not
 * start with one.
 */
static size_t
acyear_prefix(const char *t, size_t n, int *year)
{
	size_t w, d;
	int y, y2;

	for (w = 0; w < n && w < 5 && is_digit(t[w]); w++)
		;
	if ((w != 4 && w != 2) || w + 3 > n || (t[w] != '-' && t[w] != '/'))
		return 0;
	for (d = 0; w + 1 + d < n && is_digit(t[w + 1 + d]); d++)
		;
	if (d != 2 && !(d == 4 && w == 4))
		return 0;
	y = digits(t, w) + (w == 2 ? 2000 : 0);
	y2 = digits(t + w + 1, d);
	if (!((d == 2 && y2 == (y + 1) % 100) || (d == 4 && y2 == y + 1)))
		return 0;
	*year = y;
	return w + 1 + d;
}

/*
 * Nonzero when t looks like an academic year but is none: two runs of 2
 * or 4 digits around "-" or "/" ("2025/27").
 */
static int
bad_acyear(const char *t, size_t n)
{
	size_t w, d;
	int y;

	for (w = 0; w < n && is_digit(t[w]); w++)
		;
	if ((w != 4 && w != 2) || w + 1 >= n || (t[w] != '-' && t[w] != '/'))
		return 0;
	for (d = 0; w + 1 + d < n && is_digit(t[w + 1 + d]); d++)
		;
	return (d == 2 || d == 4) && w + 1 + d == n &&
	    acyear_prefix(t, n, &y) == 0;
}

int
scheme_academic_year(const char *text, size_t len)
{
	int y;

	trim(&text, &len);
	if (acyear_prefix(text, len, &y) != len || len == 0)
		return -1;
	return y;
}

/* Fills p when v (a point dict value) may be scoped to a year. */
static int
scope(struct parsed_point *p, int v, int year)
{
	if (v < 0 || (v >> 16 != CLS_TERM && v >> 16 != CLS_STATUTORY))
		return 0;
	p->cls = v >> 16;
	p->idx = v & 0xffff;
	p->year = year;
	p->kind = p->cls == CLS_TERM ? TRACK_POINT_SCOPED_TERM :
	    TRACK_POINT_SCOPED_STATUTORY;
	return 1;
}

/*
 * Scopes point p (head, hlen bytes, a listed term or statutory point) to
 * the year written at t (tn bytes): an academic year, or a calendar year
 * placed by the point's month (one from August on starts the academic
 * year: Autumn 2025 is 2025-26, Spring 2026 is 2025-26 too).  A year that
 * is not one, and a calendar year for a point without a month, are kept
 * as p->problem.  Returns nonzero when t is a year, good or bad.
 */
static int
scope_tail(const track_scheme *s, const char *head, size_t hlen,
    const char *t, size_t tn, size_t at, struct parsed_point *p)
{
	int v, y, month;
	size_t i;

	for (i = 0; i < tn && is_digit(t[i]); i++)
		;
	y = scheme_academic_year(t, tn);
	if (y < 0 && !(i == 4 && tn == 4 && t[0] != '0')) {
		if (!bad_acyear(t, tn))
			return 0;
		p->problem = PP_BAD_YEAR;
		p->at = at;
		return 1;
	}
	v = dict_get(&s->point_d, head, hlen);
	if (v < 0 || (v >> 16 != CLS_TERM && v >> 16 != CLS_STATUTORY))
		return 1;
	if (y < 0) {
		month = s->pts[v >> 16][v & 0xffff].month;
		if (month == 0) {
			p->problem = PP_NO_MONTH;
			p->near = v;
			p->at = at;
			return 1;
		}
		y = digits(t, 4) - (month < 8);
	}
	scope(p, v, y);
	return 1;
}

/*
 * Explains an unknown point head (without its year) that names a term
 * of a year divided otherwise: "Autumn 2" or "HT2" when the scheme has
 * no six terms, "Autumn" when it has six and lists "Autumn 1".
 */
static void
term_count_problem(const track_scheme *s, const char *h, size_t n,
    struct parsed_point *p)
{
	char buf[SCHEME_ID_MAX + 3];
	size_t b;
	int v;

	trim(&h, &n);
	if (n == 0)
		return;
	if (s->npts[CLS_TERM] == 6 && n <= SCHEME_ID_MAX) {
		memcpy(buf, h, n);
		memcpy(buf + n, " 1", 2);
		v = dict_get(&s->point_d, buf, n + 2);
		if (v >= 0 && v >> 16 == CLS_TERM) {
			p->problem = PP_THREE_TERM;
			p->near = v;
		}
		return;
	}
	if (s->npts[CLS_TERM] == 6 || n < 2 || !is_digit(h[n - 1]) ||
	    is_digit(h[n - 2]))
		return;
	b = n - 1;
	if (b == 2 && lower((unsigned char)h[0]) == 'h' &&
	    lower((unsigned char)h[1]) == 't' && h[b] >= '1' && h[b] <= '6') {
		p->problem = PP_SIX_TERM;
		p->near = -1;
		return;
	}
	while (b > 0 && (is_space((unsigned char)h[b - 1]) ||
	    h[b - 1] == '-' || h[b - 1] == '_'))
		b--;
	v = b > 0 && (h[n - 1] == '1' || h[n - 1] == '2') ?
	    dict_get(&s->point_d, h, b) : -1;
	if (v >= 0 && v >> 16 == CLS_TERM) {
		p->problem = PP_SIX_TERM;
		p->near = v;
	}
}

/*
 * Parses a point spelling: a listed point, "YEAR<sep>point" with <sep>
 * any run of ".", "_", ":" and spaces, or "point YEAR".
 */
void
point_parse(const track_scheme *s, const char *text, size_t len,
    struct parsed_point *p)
{
	size_t n, k, i;
	int v, y;

	trim(&text, &len);
	memset(p, 0, sizeof *p);
	p->kind = TRACK_POINT_UNKNOWN;
	p->cls = p->idx = -1;
	p->text = text;
	p->len = len;
	v = dict_get(&s->point_d, text, len);
	if (v >= 0) {
		p->cls = v >> 16;
		p->idx = v & 0xffff;
		p->kind = p->cls == CLS_STATUTORY ? TRACK_POINT_STATUTORY :
		    p->cls == CLS_OTHER ? TRACK_POINT_OTHER : TRACK_POINT_TERM;
		return;
	}
	n = acyear_prefix(text, len, &y);
	if (n > 0) {
		for (k = n; k < len && (text[k] == '.' || text[k] == '_' ||
		    text[k] == ':' || is_space((unsigned char)text[k])); k++)
			;
		if (k > n && k < len)
			scope(p, dict_get(&s->point_d, text + k, len - k), y);
		if (k > n && k < len && p->kind == TRACK_POINT_UNKNOWN)
			term_count_problem(s, text + k, len - k, p);
		return;
	}
	for (i = len; i > 0 && !is_space((unsigned char)text[i - 1]); i--)
		;
	if (i == 0 || !scope_tail(s, text, i, text + i, len - i, i, p))
		i = len;
	if (p->kind == TRACK_POINT_UNKNOWN && p->problem == PP_NONE)
		term_count_problem(s, text, i, p);
}

/* "three" for 3: how many terms a scheme's year has, in words. */
static const char *
count_word(size_t n)
{
	static const char *const w[] = {
		"no", "one", "two", "three", "four", "five", "six", "seven",
		"eight"
	};

	return n < sizeof w / sizeof w[0] ? w[n] : "many";
}

int
scheme_point_why(const track_scheme *s, const char *text, size_t len,
    char *out, size_t outsz)
{
	struct parsed_point p;
	const struct pointdef *d = NULL, *d2;
	size_t nt = s->npts[CLS_TERM], i;
	int n = 0, y;

	point_parse(s, text, len, &p);
	if (outsz > 0)
		out[0] = '\0';
	if (p.near >= 0 && (p.problem == PP_NO_MONTH ||
	    p.problem == PP_SIX_TERM || p.problem == PP_THREE_TERM))
		d = &s->pts[p.near >> 16][p.near & 0xffff];
	switch (p.problem) {
	case PP_NONE:
		return 0;
	case PP_BAD_YEAR:
		n = snprintf(out, outsz, "%.*s is not an academic year: the "
		    "second year follows the first, as in 2025/26",
		    (int)(p.len - p.at), p.text + p.at);
		break;
	case PP_NO_MONTH:
		y = digits(p.text + p.at, 4);
		n = snprintf(out, outsz, "%d is a calendar year, and the "
		    "scheme gives %s no \"month\" to place it in an academic "
		    "year: write the academic year (%d-%02d or %d-%02d)",
		    y, d->id, y - 1, y % 100, y, (y + 1) % 100);
		break;
	case PP_SIX_TERM:
		n = snprintf(out, outsz, "a six-term point in a %s-term "
		    "scheme, whose terms are ", count_word(nt));
		for (i = 0; i < nt && n >= 0 && (size_t)n < outsz; i++)
			n += snprintf(out + n, outsz - (size_t)n, "%s%s",
			    i == 0 ? "" : i + 1 == nt ? " and " : ", ",
			    s->pts[CLS_TERM][i].id);
		if (n >= 0 && (size_t)n < outsz)
			n += snprintf(out + n, outsz - (size_t)n, "; a "
			    "school with six terms uses a scheme that lists "
			    "six, such as england-six-terms.json");
		break;
	case PP_THREE_TERM:
		d2 = (size_t)(p.near & 0xffff) + 1 < nt ? d + 1 : d;
		n = snprintf(out, outsz, "a term of a three-term year in a "
		    "six-term scheme: write %s or %s", d->label, d2->label);
		break;
	}
	if (n < 0)
		return 0;
	return (size_t)n < outsz ? n : (int)outsz - 1;
}

enum track_point_kind
scheme_point_key(const track_scheme *s, const char *p, size_t n,
    track_point_key *out)
{
	struct parsed_point pp;

	point_parse(s, p, n, &pp);
	memset(out, 0, sizeof *out);
	out->pos = pp.idx;
	switch (pp.kind) {
	case TRACK_POINT_STATUTORY:
		out->cls = CLS_STATUTORY;
		break;
	case TRACK_POINT_OTHER:
		out->cls = CLS_OTHER;
		break;
	case TRACK_POINT_TERM:
		out->cls = CLS_TERM;
		break;
	case TRACK_POINT_SCOPED_TERM:
		out->cls = CLS_SCOPED;
		out->year = pp.year;
		break;
	case TRACK_POINT_SCOPED_STATUTORY:
		out->cls = CLS_SCOPED;
		out->year = pp.year;
		out->pos = (int)s->npts[CLS_TERM] + pp.idx;
		break;
	case TRACK_POINT_UNKNOWN:
		out->cls = CLS_UNKNOWN;
		out->pos = 0;
		out->text = pp.text;
		out->len = pp.len;
		break;
	}
	return pp.kind;
}

/*
 * Natural order: runs of digits compare as numbers, everything else byte
 * by byte, so "t9" < "t10".  Texts equal but for leading zeros fall back
 * to byte order, so the order is total.
 */
static int
natural_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t i = 0, j = 0, si, sj;
	int c;

	while (i < alen && j < blen) {
		if (is_digit(a[i]) && is_digit(b[j])) {
			while (i < alen && a[i] == '0')
				i++;
			while (j < blen && b[j] == '0')
				j++;
			for (si = i; i < alen && is_digit(a[i]); i++)
				;
			for (sj = j; j < blen && is_digit(b[j]); j++)
				;
			if (i - si != j - sj)
				return i - si < j - sj ? -1 : 1;
			c = memcmp(a + si, b + sj, i - si);
			if (c != 0)
				return c < 0 ? -1 : 1;
			continue;
		}
		if (a[i] != b[j])
			return (unsigned char)a[i] < (unsigned char)b[j] ?
			    -1 : 1;
		i++;
		j++;
	}
	if (i < alen || j < blen)
		return i < alen ? 1 : -1;
	return bytes_cmp(a, alen, b, blen);
}

/* Class, then academic year, then position; unknown points by text. */
int
scheme_point_cmp(const track_point_key *a, const track_point_key *b)
{
	if (a->cls != b->cls)
		return a->cls < b->cls ? -1 : 1;
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	if (a->pos != b->pos)
		return a->pos < b->pos ? -1 : 1;
	if (a->cls == CLS_UNKNOWN)
		return natural_cmp(a->text, a->len, b->text, b->len);
	return 0;
}

int
scheme_point_compare(const track_scheme *s, const char *a, size_t alen,
    const char *b, size_t blen)
{
	track_point_key ka, kb;

	scheme_point_key(s, a, alen, &ka);
	scheme_point_key(s, b, blen, &kb);
	return scheme_point_cmp(&ka, &kb);
}

/* Writes the canonical spelling of a parsed point; see normalise. */
static int
point_write(const track_scheme *s, const struct parsed_point *p, char *out,
    size_t outsz)
{
	const struct pointdef *d = point_def(s, p);
	int n;

	if (outsz == 0)
		return -1;
	if (d == NULL) {
		if (p->len >= outsz) {
			out[0] = '\0';
			return -1;
		}
		memcpy(out, p->text, p->len);
		out[p->len] = '\0';
		return TRACK_POINT_UNKNOWN;
	}
	if (p->kind == TRACK_POINT_SCOPED_TERM ||
	    p->kind == TRACK_POINT_SCOPED_STATUTORY)
		n = snprintf(out, outsz, "%04d-%02d.%s", p->year,
		    (p->year + 1) % 100, d->id);
	else
		n = snprintf(out, outsz, "%s", d->id);
	if (n < 0 || (size_t)n >= outsz) {
		out[0] = '\0';
		return -1;
	}
	return (int)p->kind;
}

enum track_point_kind
scheme_point_canon(const track_scheme *s, const char *text, size_t len,
    char buf[SCHEME_POINT_MAX], const char **out, size_t *outlen)
{
	struct parsed_point p;
	int kind;

	point_parse(s, text, len, &p);
	if (p.kind == TRACK_POINT_UNKNOWN) {
		*out = p.text;
		*outlen = p.len;
		return TRACK_POINT_UNKNOWN;
	}
	kind = point_write(s, &p, buf, SCHEME_POINT_MAX);
	assert(kind > 0);	/* ids are at most SCHEME_ID_MAX bytes */
	*out = buf;
	*outlen = strlen(buf);
	return (enum track_point_kind)kind;
}

int
scheme_point_normalise(const track_scheme *s, const char *text, size_t len,
    char *out, size_t outsz)
{
	struct parsed_point p;

	point_parse(s, text, len, &p);
	return point_write(s, &p, out, outsz);
}

int
scheme_point_qualify(const track_scheme *s, const char *p, size_t plen,
    const char *year, size_t ylen, char *out, size_t outsz)
{
	struct parsed_point pp;
	int y;

	point_parse(s, p, plen, &pp);
	if (pp.kind == TRACK_POINT_TERM) {
		y = scheme_academic_year(year, ylen);
		if (y < 0) {
			if (outsz > 0)
				out[0] = '\0';
			return -1;
		}
		pp.kind = TRACK_POINT_SCOPED_TERM;
		pp.year = y;
	}
	return point_write(s, &pp, out, outsz);
}

/*
 * Formats point p's label into out (as snprintf: out may be NULL when
 * outsz is 0) and returns the label's full length, or -1.
 */
static int
point_label_fmt(const track_scheme *s, const char *p, size_t len,
    char *out, size_t outsz)
{
	struct parsed_point pp;
	const struct pointdef *d;

	point_parse(s, p, len, &pp);
	d = point_def(s, &pp);
	if (d == NULL)
		return snprintf(out, outsz, "%.*s", (int)pp.len, pp.text);
	if (pp.kind == TRACK_POINT_SCOPED_TERM ||
	    pp.kind == TRACK_POINT_SCOPED_STATUTORY)
		return snprintf(out, outsz, "%s %04d-%02d", d->label, pp.year,
		    (pp.year + 1) % 100);
	return snprintf(out, outsz, "%s", d->label);
}

int
scheme_point_label(const track_scheme *s, const char *p, size_t len,
    char *out, size_t outsz)
{
	int n = point_label_fmt(s, p, len, out, outsz);

	return n < 0 || (size_t)n >= outsz ? -1 : 0;
}

char *
scheme_point_label_dup(const track_scheme *s, const char *p, size_t len)
{
	int n = point_label_fmt(s, p, len, NULL, 0);
	char *out;

	if (n < 0)
		return NULL;
	out = malloc((size_t)n + 1);
	if (out != NULL)
		point_label_fmt(s, p, len, out, (size_t)n + 1);
	return out;
}

size_t
scheme_point_count(const track_scheme *s)
{
	return s->npts[0] + s->npts[1] + s->npts[2];
}

const char *
scheme_point_id_at(const track_scheme *s, size_t i)
{
	int cls;

	for (cls = 0; cls < 3; cls++) {
		if (i < s->npts[cls])
			return s->pts[cls][i].id;
		i -= s->npts[cls];
	}
	return NULL;
}

const char *
scheme_point_date(const track_scheme *s, const char *p, size_t len)
{
	struct parsed_point pp;

	point_parse(s, p, len, &pp);
	return pp.kind == TRACK_POINT_OTHER ? point_def(s, &pp)->date : NULL;
}
