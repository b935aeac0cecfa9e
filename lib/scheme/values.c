/*
 * values.c - values on a scale: parsing, formatting, banding, ranking.
 *
 * A value is a code of the scale (a descriptor or a level), a
 * not-assessed code, a score or a reading age.  This file parses user
 * text into a track_value, with errors that suggest the nearest code,
 * writes values back in their canonical spelling, and places a value in
 * a band (the out-of-year rule, then the scale's own rule) and in rank
 * order.
 */
#include "scheme_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>


/* Formats a number as scores are written: whole numbers without ".0". */
int
value_format_number(double x, char *out, size_t outsz)
{
	int n;

	if (x > -1e15 && x < 1e15 && (double)(long long)x == x)
		n = snprintf(out, outsz, "%lld", (long long)x);
	else
		n = snprintf(out, outsz, "%.15g", x);
	return n < 0 || (size_t)n >= outsz ? -1 : n;
}

static int
is_whole(double x)
{
	return x > -1e15 && x < 1e15 && (double)(long long)x == x;
}

/*
 * Skips the run of letters at text[*i] when it is one of the
 * NULL-terminated `words` (ignoring case), and the spaces after it.
 * Returns nonzero when it was.
 */
static int
skip_word(const char *text, size_t len, size_t *i,
    const char *const *words)
{
	size_t k, n;

	for (n = 0; *i + n < len && lower((unsigned char)text[*i + n]) >=
	    'a' && lower((unsigned char)text[*i + n]) <= 'z'; n++)
		;
	for (k = 0; words[k] != NULL; k++) {
		if (strlen(words[k]) == n &&
		    strncasecmp(text + *i, words[k], n) == 0) {
			for (*i += n; *i < len &&
			    is_space((unsigned char)text[*i]); (*i)++)
				;
			return 1;
		}
	}
	return 0;
}

/* Reads 1-2 digits at text[*i]; returns them, or -1. */
static int
two_digits(const char *text, size_t len, size_t *i)
{
	size_t start = *i;

	while (*i < len && is_digit(text[*i]))
		(*i)++;
	if (*i == start || *i - start > 2)
		return -1;
	return digits(text + start, *i - start);
}

/*
 * Reading ages: [<>] years (1-2 digits), then nothing, "." or ":" and
 * 1-2 digits of months, or a years word (y, yr, yrs, year, years) and
 * optionally months followed by a months word (m, mo, mth, mths, month,
 * months), with spaces and a comma allowed between the parts.
 */
int
scheme_age_parse(const char *text, size_t len, int *months, int *bound)
{
	static const char *const ywords[] = {
		"y", "yr", "yrs", "year", "years", NULL
	};
	static const char *const mwords[] = {
		"m", "mo", "mos", "mth", "mths", "month", "months", NULL
	};
	size_t i = 0;
	int y, m = 0;

	trim(&text, &len);
	*bound = 0;
	if (len > 0 && (text[0] == '<' || text[0] == '>')) {
		*bound = text[0] == '<' ? -1 : 1;
		for (i = 1; i < len && is_space((unsigned char)text[i]); i++)
			;
	}
	y = two_digits(text, len, &i);
	if (y < 0)
		return -1;
	if (i < len && (text[i] == '.' || text[i] == ':')) {
		i++;
		m = two_digits(text, len, &i);
		if (m < 0 || i != len)
			return -1;
	} else if (i < len) {
		while (i < len && is_space((unsigned char)text[i]))
			i++;
		if (!skip_word(text, len, &i, ywords))
			return -1;
		if (i < len && text[i] == ',')
			for (i++; i < len && is_space((unsigned char)text[i]);
			    i++)
				;
		if (i < len) {
			m = two_digits(text, len, &i);
			while (i < len && is_space((unsigned char)text[i]))
				i++;
			if (m < 0 || !skip_word(text, len, &i, mwords) ||
			    i != len)
				return -1;
		}
	}
	if (m > 11)
		return -1;
	*months = y * 12 + m;
	return 0;
}

/* Fails for an unknown value, suggesting the nearest code on the scale. */
static int
bad_value(const track_scale *sc, const char *what, const char *kind,
    const char *text, size_t len, track_error *err)
{
	const char *near = dict_suggest(&sc->d, text, len);
	int shown = (int)(len > SHOWN ? SHOWN : len);
	const char *cut = len > SHOWN ? "..." : "";

	if (near != NULL)
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "%s \"%.*s%s\" for %s (did you mean %s?)", kind, shown,
		    text, cut, what, near);
	return error_set(err, TRACK_EXIT_DATA, NULL, 0,
	    "%s \"%.*s%s\" for %s", kind, shown, text, cut, what);
}

/* Parses a score: a decimal number, or "<min" or ">max". */
static int
parse_score(const track_scale *sc, const char *what, const char *text,
    size_t len, track_value *out, track_error *err)
{
	char buf[64], *num = buf;
	size_t i = 0, nd = 0, k;
	int bound = 0, shown = (int)(len > SHOWN ? SHOWN : len);
	const char *cut = len > SHOWN ? "..." : "";
	double x;

	if (text[0] == '<' || text[0] == '>') {
		bound = text[0] == '<' ? -1 : 1;
		for (i = 1; i < len && is_space((unsigned char)text[i]); i++)
			;
	}
	k = i;
	if (k < len && text[k] == '-')
		k++;
	for (; k < len && is_digit(text[k]); k++)
		nd++;
	if (k < len && text[k] == '.')
		for (k++; k < len && is_digit(text[k]); k++)
			nd++;
	if (nd == 0 || k != len)
		return bad_value(sc, what, "invalid score", text, len, err);
	/* A long number ("000...104") is still a number: copied to the
	   heap, since strtod wants a NUL after it. */
	if (len - i >= sizeof buf) {
		num = malloc(len - i + 1);
		if (num == NULL)
			return error_set(err, TRACK_EXIT_IO, NULL, 0,
			    "out of memory");
	}
	memcpy(num, text + i, len - i);
	num[len - i] = '\0';
	x = strtod(num, NULL);
	if (num != buf)
		free(num);
	if ((bound < 0 && x != sc->min) || (bound > 0 && x != sc->max))
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "score %.*s%s is not allowed for %s (only <%g and >%g)",
		    shown, text, cut, what, sc->min, sc->max);
	if (x < sc->min || x > sc->max)
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "score %.*s%s out of range %g..%g for %s", shown, text,
		    cut, sc->min, sc->max, what);
	if (sc->integer && !is_whole(x))
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "score %.*s%s is not a whole number for %s", shown, text,
		    cut, what);
	out->kind = TRACK_VALUE_NUMBER;
	out->number = x;
	return 0;
}

/* scheme_value_parse() with `what` naming the context in messages. */
static int
value_parse(const track_scale *sc, const char *what, const char *text,
    size_t len, track_value *out, track_error *err)
{
	int v, months, bound;

	memset(out, 0, sizeof *out);
	trim(&text, &len);
	if (len == 0)
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "empty value for %s", what);
	v = dict_get(&sc->d, text, len);
	if (v >= 0 && (v & NA_FLAG) != 0) {
		out->index = v & DICT_INDEX;
		out->kind = sc->na[out->index].not_at ? TRACK_VALUE_NOT_AT :
		    TRACK_VALUE_EXCLUDED;
		return 0;
	}
	if (v >= 0) {
		out->kind = TRACK_VALUE_CODE;
		out->index = v;
		return 0;
	}
	switch (sc->kind) {
	case TRACK_SCALE_DESCRIPTOR:
		return bad_value(sc, what, "unknown descriptor", text, len,
		    err);
	case TRACK_SCALE_LEVEL:
		return bad_value(sc, what, "unknown level", text, len, err);
	case TRACK_SCALE_SCORE:
		return parse_score(sc, what, text, len, out, err);
	case TRACK_SCALE_AGE:
		break;
	}
	if (scheme_age_parse(text, len, &months, &bound) != 0)
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "invalid reading age \"%.*s%s\" for %s (write 9.04, 9:04, "
		    "9y4m or 9 years 4 months)", (int)(len > SHOWN ? SHOWN : len), text,
		    len > SHOWN ? "..." : "", what);
	out->kind = TRACK_VALUE_NUMBER;
	out->number = months;
	out->bound = bound;
	return 0;
}

int
scheme_value_parse(const track_scheme *s, const track_scale *sc,
    const char *text, size_t len, track_value *out, track_error *err)
{
	(void)s;
	return value_parse(sc, sc->id, text, len, out, err);
}

int
scheme_value_parse_as(const track_scale *sc, const char *what,
    const char *text, size_t len, track_value *out, track_error *err)
{
	return value_parse(sc, what, text, len, out, err);
}

int
scheme_value_format(const track_scale *sc, const track_value *v, char *out,
    size_t outsz)
{
	const char *z = NULL;
	int n, m;

	if (outsz == 0)
		return -1;
	out[0] = '\0';
	switch (v->kind) {
	case TRACK_VALUE_CODE:
		if (v->index < 0 || (size_t)v->index >= sc->ncodes)
			return -1;
		z = sc->codes[v->index].code;
		break;
	case TRACK_VALUE_NOT_AT:
	case TRACK_VALUE_EXCLUDED:
		if (v->index < 0 || (size_t)v->index >= sc->nna)
			return -1;
		z = sc->na[v->index].code;
		break;
	case TRACK_VALUE_NUMBER:
		if (sc->kind != TRACK_SCALE_AGE)
			return value_format_number(v->number, out, outsz);
		if (!(v->number >= 0 && v->number < 1e6))
			return -1;
		m = (int)v->number;
		n = snprintf(out, outsz, "%s%d.%02d", v->bound < 0 ? "<" :
		    v->bound > 0 ? ">" : "", m / 12, m % 12);
		return n < 0 || (size_t)n >= outsz ? -1 : n;
	}
	n = snprintf(out, outsz, "%s", z);
	return n < 0 || (size_t)n >= outsz ? -1 : n;
}

/* Parses and formats, naming `what` in messages. */
static int
value_normalise(const track_scale *sc, const char *what, const char *text,
    size_t len, char *out, size_t outsz, track_error *err)
{
	track_value v;

	TRY(value_parse(sc, what, text, len, &v, err));
	if (scheme_value_format(sc, &v, out, outsz) < 0)
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "value too long for %s", what);
	return 0;
}

int
scheme_value_normalise(const track_scheme *s, const track_scale *sc,
    const char *text, size_t len, char *out, size_t outsz, track_error *err)
{
	(void)s;
	return value_normalise(sc, sc->id, text, len, out, outsz, err);
}

int
scheme_value_normalise_for(const track_scheme *s, const char *subject,
    const char *measure, const char *point, const char *text, size_t len,
    char *out, size_t outsz, track_error *err)
{
	const track_scale *sc;
	const char *near;
	int si, mi;

	si = subject == NULL ? -1 :
	    dict_get(&s->subject_d, subject, strlen(subject));
	mi = measure == NULL ? (int)s->defmeasure :
	    scheme_measure_index(s, measure, strlen(measure));
	if (si < 0) {
		subject = subject == NULL ? "" : subject;
		near = dict_suggest(&s->subject_d, subject, strlen(subject));
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "unknown subject \"%.*s%s\"%s%s%s", SHOWN, subject,
		    strlen(subject) > SHOWN ? "..." : "",
		    near != NULL ? " (did you mean " : "",
		    near != NULL ? near : "", near != NULL ? "?)" : "");
	}
	if (mi < 0) {
		near = dict_suggest(&s->measure_d, measure, strlen(measure));
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "unknown measure \"%.*s%s\"%s%s%s", SHOWN, measure,
		    strlen(measure) > SHOWN ? "..." : "",
		    near != NULL ? " (did you mean " : "",
		    near != NULL ? near : "", near != NULL ? "?)" : "");
	}
	sc = scheme_scale_for(s, subject, measure, point);
	return value_normalise(sc, (size_t)mi == s->defmeasure ?
	    s->subjects[si].id : s->measures[mi].id, text, len, out, outsz,
	    err);
}

/*
 * Not-assessed codes have no band; then the out-of-year rule (teacher
 * judgements only); then the scale's own rule.
 */
int
scheme_value_band(const track_scheme *s, const track_scale *sc,
    const track_value *v, const track_value_ctx *ctx, int *band,
    track_error *err)
{
	int rule = -1, diff, exp, y;
	size_t i;

	*band = -1;
	if (v->kind == TRACK_VALUE_NOT_AT || v->kind == TRACK_VALUE_EXCLUDED)
		return 0;
	if ((sc->kind == TRACK_SCALE_DESCRIPTOR ||
	    sc->kind == TRACK_SCALE_LEVEL) && ctx != NULL) {
		if (ctx->custom)
			rule = s->ooy[2];
		else if (ctx->against >= 0 && ctx->year >= 0 &&
		    ctx->against != ctx->year)
			rule = s->ooy[ctx->against < ctx->year ? 0 : 1];
		if (rule >= 0) {
			*band = rule;
			return 0;
		}
	}
	if ((sc->kind == TRACK_SCALE_DESCRIPTOR ||
	    sc->kind == TRACK_SCALE_LEVEL) &&
	    (v->kind != TRACK_VALUE_CODE || v->index < 0 ||
	    (size_t)v->index >= sc->ncodes))
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "not a value of scale %s", sc->id);
	if ((sc->kind == TRACK_SCALE_SCORE || sc->kind == TRACK_SCALE_AGE) &&
	    v->kind != TRACK_VALUE_NUMBER)
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "not a value of scale %s", sc->id);
	switch (sc->kind) {
	case TRACK_SCALE_DESCRIPTOR:
		*band = sc->codes[v->index].band;
		break;
	case TRACK_SCALE_LEVEL:
		y = ctx == NULL ? -1 : ctx->year;
		if (y < 0 || (size_t)y >= sc->nexpected)
			return error_set(err, TRACK_EXIT_DATA, NULL, 0,
			    "no year group to place level %s on %s",
			    sc->codes[v->index].code, sc->id);
		exp = sc->expected[y];
		if (exp < 0)
			return error_set(err, TRACK_EXIT_DATA, NULL, 0,
			    "no expected level for year %s on %s",
			    s->years[y].id, sc->id);
		*band = sc->map[v->index < exp ? 0 : v->index == exp ? 1 : 2];
		break;
	case TRACK_SCALE_SCORE:
		for (i = sc->nth; i-- > 0;)
			if (v->number >= sc->th[i].min) {
				*band = sc->th[i].band;
				break;
			}
		break;
	case TRACK_SCALE_AGE:
		if (ctx == NULL || ctx->age < 0)
			return error_set(err, TRACK_EXIT_DATA, NULL, 0,
			    "no chronological age to place a reading age "
			    "on %s (needs dob and date)", sc->id);
		diff = (int)v->number - ctx->age;
		*band = sc->map[v->bound < 0 || diff < -sc->tolerance ? 0 :
		    v->bound > 0 || diff > sc->tolerance ? 2 : 1];
		break;
	}
	return 0;
}

int
scheme_value_rank(const track_scale *sc, const track_value *v)
{
	size_t i;

	if (v->kind == TRACK_VALUE_CODE)
		return v->index + 1;
	if (v->kind != TRACK_VALUE_NUMBER || sc->kind != TRACK_SCALE_SCORE)
		return 0;
	for (i = sc->nth; i-- > 0;)
		if (v->number >= sc->th[i].min)
			return (int)i + 1;
	return 0;
}
