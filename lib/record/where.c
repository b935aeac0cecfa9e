/* where.c - -w/--where predicates; see where.h. */
#include "where.h"

#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include "base/str.h"
#include <string.h>

enum op {
	OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE, OP_RE, OP_NRE,
	OP_NONEMPTY, OP_EMPTY
};

struct track_where {
	enum op op;
	char *col;
	long index;		/* bound column, or -1 */
	char *text;		/* the value(s), NUL-separated for sets */
	track_str *set;
	size_t nset;
	double num;
	regex_t re;
	int have_re;
};

/* Parses a whole-field number; returns 0 on success. */
static int
parse_number(const char *s, size_t len, double *out)
{
	char *end;

	/* Decimal only: strtod alone would also take "0x10", "inf", " 5". */
	if (!str_is_number((track_str){ s, len }))
		return -1;
	*out = strtod(s, &end);
	return (size_t)(end - s) == len ? 0 : -1;
}

/*
 * glibc's regcomp copies a counted repetition's subexpression once per
 * count, so nested counts multiply: "((a{100}){100}){100}" asks for a
 * million copies and gigabytes.  The product of every count in the
 * expression bounds that; more than WHERE_RE_MAX_REPEAT is refused.  Real
 * patterns ("^[A-Z][0-9]{12}$" for a UPN) stay far below it.  Stacked
 * operators ("a+++") nest copies the same way, so each one stacked on
 * another counts as two.
 */
#define WHERE_RE_MAX_REPEAT 1000

static int
regex_too_big(const char *re)
{
	double product = 1;
	const char *p = re;
	int after_op = 0;	/* the last thing was a repetition */

	while (*p != '\0') {
		int op = *p == '*' || *p == '+' || *p == '?' || *p == '{';

		if (op && after_op) {
			product *= 2;
			if (product > WHERE_RE_MAX_REPEAT)
				return 1;
		}
		after_op = op;
		if (*p == '\\' && p[1] != '\0') {
			p += 2;
		} else if (*p == '[') {
			/* A bracket expression: "[]...]" and "[^]...]" hold a
			   literal ']' first. */
			p++;
			if (*p == '^')
				p++;
			if (*p == ']')
				p++;
			while (*p != '\0' && *p != ']')
				p++;
			if (*p == ']')
				p++;
		} else if (*p == '{') {
			double lo = 0, hi = -1;

			p++;
			while (*p >= '0' && *p <= '9' && lo < 1e9)
				lo = lo * 10 + (*p++ - '0');
			if (*p == ',') {
				p++;
				if (*p >= '0' && *p <= '9')
					hi = 0;
				while (*p >= '0' && *p <= '9' && hi < 1e9)
					hi = hi * 10 + (*p++ - '0');
			}
			product *= (hi > lo ? hi : lo) + 1;
			if (product > WHERE_RE_MAX_REPEAT)
				return 1;
			if (*p == '}')
				p++;
		} else {
			p++;
		}
	}
	return 0;
}

/*
 * Parses one -w expression (see where.h).  Long because it is one pass
 * over the expression's grammar (column, operator, value, then the check
 * of each operator's value with its own message), whose steps share the
 * scan position and the half-built predicate.
 */
int
where_parse(track_where **out, const char *expr, track_error *err)
{
	track_where *w;
	size_t n = strcspn(expr, "=!<>~"), i;
	const char *rest = expr + n, *val;
	int rc = 0;

	*out = NULL;
	w = calloc(1, sizeof *w);
	if (w == NULL)
		return error_set(err, TRACK_EXIT_IO, NULL, 0, "out of memory");
	w->index = -1;
	if (n == 0 && expr[0] == '!' && expr[1] != '\0' &&
	    strpbrk(expr + 1, "=!<>~") == NULL) {
		w->op = OP_EMPTY;
		w->col = strdup(expr + 1);
		goto done;
	}
	if (n == 0) {
		rc = error_set(err, TRACK_EXIT_USAGE, NULL, 0,
		    "bad --where \"%s\": no column name before the operator "
		    "(e.g. subject=maths)", expr);
		goto done;
	}
	w->col = strndup(expr, n);
	if (*rest == '\0') {
		w->op = OP_NONEMPTY;
		goto done;
	}
	if (strncmp(rest, "!=", 2) == 0)
		w->op = OP_NE, val = rest + 2;
	else if (strncmp(rest, "!~", 2) == 0)
		w->op = OP_NRE, val = rest + 2;
	else if (strncmp(rest, "<=", 2) == 0)
		w->op = OP_LE, val = rest + 2;
	else if (strncmp(rest, ">=", 2) == 0)
		w->op = OP_GE, val = rest + 2;
	else if (*rest == '=')
		w->op = OP_EQ, val = rest + 1;
	else if (*rest == '<')
		w->op = OP_LT, val = rest + 1;
	else if (*rest == '>')
		w->op = OP_GT, val = rest + 1;
	else if (*rest == '~')
		w->op = OP_RE, val = rest + 1;
	else {
		rc = error_set(err, TRACK_EXIT_USAGE, NULL, 0,
		    "bad --where \"%s\": unknown operator (use = != < <= > "
		    ">= ~ or !~)", expr);
		goto done;
	}
	w->text = strdup(val);
	if (w->col == NULL || w->text == NULL) {
		rc = error_set(err, TRACK_EXIT_IO, NULL, 0, "out of memory");
		goto done;
	}
	switch (w->op) {
	case OP_EQ:
	case OP_NE: {
		char *p = w->text;

		w->nset = 1;
		for (i = 0; p[i] != '\0'; i++)
			w->nset += p[i] == '|';
		w->set = calloc(w->nset, sizeof *w->set);
		if (w->set == NULL) {
			rc = error_set(err, TRACK_EXIT_IO, NULL, 0,
			    "out of memory");
			goto done;
		}
		for (i = 0; i < w->nset; i++) {
			size_t len = strcspn(p, "|");

			w->set[i].ptr = p;
			w->set[i].len = len;
			p += len;
			if (*p == '|')
				*p++ = '\0';
		}
		break;
	}
	case OP_RE:
	case OP_NRE: {
		int e;

		if (regex_too_big(w->text)) {
			rc = error_set(err, TRACK_EXIT_USAGE, NULL, 0,
			    "bad --where \"%s\": its repetitions ({n,m}, "
			    "nested or stacked + * ?) would make more than "
			    "%d copies of a part; write a simpler regular "
			    "expression", expr,
			    WHERE_RE_MAX_REPEAT);
			goto done;
		}
		e = regcomp(&w->re, w->text, REG_EXTENDED | REG_NOSUB);
		if (e != 0) {
			char msg[128];

			regerror(e, &w->re, msg, sizeof msg);
			rc = error_set(err, TRACK_EXIT_USAGE, NULL, 0,
			    "bad --where \"%s\": bad regular expression: %s",
			    expr, msg);
			goto done;
		}
		w->have_re = 1;
		break;
	}
	default:
		if (parse_number(w->text, strlen(w->text), &w->num) != 0)
			rc = error_set(err, TRACK_EXIT_USAGE, NULL, 0,
			    "bad --where \"%s\": \"%s\" is not a number",
			    expr, w->text);
		break;
	}
done:
	if (rc == 0 && w->col == NULL)
		rc = error_set(err, TRACK_EXIT_IO, NULL, 0, "out of memory");
	if (rc != 0) {
		where_free(w);
		return rc;
	}
	*out = w;
	return 0;
}

int
where_bind(track_where *w, const track_str *header, size_t n,
    track_error *err)
{
	size_t i, len = strlen(w->col), used = 0;
	char list[256];

	for (i = 0; i < n; i++) {
		if (header[i].len == len &&
		    memcmp(header[i].ptr, w->col, len) == 0) {
			w->index = (long)i;
			return 0;
		}
	}
	list[0] = '\0';
	for (i = 0; i < n; i++) {
		/* Keep room for ", ..." after the last name that fits. */
		size_t room = sizeof list - used - 6;
		int k = snprintf(list + used, room, "%s%.*s", i ? ", " : "",
		    (int)header[i].len, header[i].ptr);

		if (k < 0 || (size_t)k >= room) {
			snprintf(list + used, sizeof list - used, ", ...");
			break;
		}
		used += (size_t)k;
	}
	return error_set(err, TRACK_EXIT_USAGE, NULL, 0,
	    "--where \"%s\": no column \"%s\" in the input (columns: %s)",
	    w->col, w->col, list);
}

int
where_match(const track_where *w, const track_str *fields)
{
	track_str f = fields[w->index];
	size_t i;
	double d;

	switch (w->op) {
	case OP_EQ:
	case OP_NE:
		for (i = 0; i < w->nset; i++)
			if (f.len == w->set[i].len && (f.len == 0 ||
			    memcmp(f.ptr, w->set[i].ptr, f.len) == 0))
				return w->op == OP_EQ;
		return w->op == OP_NE;
	case OP_RE:
		return regexec(&w->re, f.ptr, 0, NULL, 0) == 0;
	case OP_NRE:
		return regexec(&w->re, f.ptr, 0, NULL, 0) != 0;
	case OP_NONEMPTY:
		return f.len > 0;
	case OP_EMPTY:
		return f.len == 0;
	default:
		break;
	}
	if (parse_number(f.ptr, f.len, &d) != 0)
		return 0;
	switch (w->op) {
	case OP_LT: return d < w->num;
	case OP_LE: return d <= w->num;
	case OP_GT: return d > w->num;
	case OP_GE: return d >= w->num;
	default: return 0;
	}
}

const char *
where_column(const track_where *w)
{
	return w->col;
}

void
where_free(track_where *w)
{
	if (w == NULL)
		return;
	if (w->have_re)
		regfree(&w->re);
	free(w->col);
	free(w->text);
	free(w->set);
	free(w);
}
