/* date.c - dates as exports write them, read into ISO 8601; see date.h. */
#include "date.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "str.h"

/* The bytes of a bad value a message shows. */
#define SHOWN 80

static const char *const month_name[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

/* One part of a date: a run of digits or of letters. */
struct part {
	const char *p;
	size_t len;
	int digits;		/* 1: digits; 0: letters */
	long n;			/* the number, for digits */
};

static int
is_alpha(unsigned char c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static int
is_num(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/*
 * The month a name stands for (1..12): its first three letters or more
 * of it ("Sep", "Sept", "September"), any case; 0 when none.
 */
static int
month_of(const char *p, size_t len)
{
	size_t i;

	if (len < 3)
		return 0;
	for (i = 0; i < 12; i++) {
		size_t full = strlen(month_name[i]);

		if (len <= full && strncasecmp(p, month_name[i], len) == 0)
			return (int)i + 1;
		if (i == 8 && len == 4 && strncasecmp(p, "sept", 4) == 0)
			return 9;
	}
	return 0;
}

/* Nonzero when byte `c` is one of `set` (never for a NUL). */
static int
in_set(unsigned char c, const char *set)
{
	return c != '\0' && strchr(set, c) != NULL;
}

/* Nonzero when the `len` bytes at `p` are a time of day ("T00:00:00Z"). */
static int
is_time(const char *p, size_t len)
{
	size_t i = 0, digits = 0;

	if (len == 0)
		return 1;
	if (p[0] != 'T' && p[0] != 't' && !str_space((unsigned char)p[0]))
		return 0;
	for (i = 1; i < len && str_space((unsigned char)p[i]); i++)
		;
	if (i == len || !is_num((unsigned char)p[i]))
		return 0;
	for (; i < len; i++) {
		unsigned char c = (unsigned char)p[i];

		if (is_num(c))
			digits++;
		else if (!(c == ':' || c == '.' || c == '+' || c == '-' ||
		    c == 'Z' || c == 'z' || str_space(c) ||
		    in_set(c, "APMapm")))
			return 0;
	}
	return digits >= 2;
}

/*
 * Splits the date into at most 3 parts, separated by one of / - . , or
 * white space; an ordinal's letters ("1st") are dropped.  Returns the
 * number of parts, or -1 when what follows them is not a time of day.
 */
static int
split(const char *t, size_t len, struct part *part)
{
	size_t i = 0;
	int n = 0;

	while (i < len && n < 3) {
		struct part *q = &part[n];
		unsigned char c = (unsigned char)t[i];

		if (!is_num(c) && !is_alpha(c))
			return -1;
		q->p = t + i;
		q->digits = is_num(c);
		q->n = 0;
		for (; i < len && (q->digits ? is_num((unsigned char)t[i]) :
		    is_alpha((unsigned char)t[i])); i++)
			if (q->digits && q->n < 100000)
				q->n = q->n * 10 + (t[i] - '0');
		q->len = (size_t)(t + i - q->p);
		n++;
		/* "1st", "22nd", "3rd", "4th" */
		if (q->digits && i + 2 <= len && is_alpha((unsigned char)t[i]) &&
		    (strncasecmp(t + i, "st", 2) == 0 ||
		    strncasecmp(t + i, "nd", 2) == 0 ||
		    strncasecmp(t + i, "rd", 2) == 0 ||
		    strncasecmp(t + i, "th", 2) == 0))
			i += 2;
		if (n == 3 || i == len)
			break;
		/* A time of day follows the third part only. */
		if (!in_set((unsigned char)t[i], "/-.,") &&
		    !str_space((unsigned char)t[i]))
			return -1;
		if (t[i] == ',')
			i++;
		while (i < len && str_space((unsigned char)t[i]))
			i++;
		if (i < len && in_set((unsigned char)t[i], "/-."))
			i++;
		while (i < len && str_space((unsigned char)t[i]))
			i++;
	}
	if (i < len && !is_time(t + i, len - i))
		return -1;
	return n;
}

static int
leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
days_in(long y, long m)
{
	static const int d[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	return m == 2 && leap(y) ? 29 : d[m - 1];
}

/*
 * Checks year, month and day; `swap_ok` says whether the other order
 * would have made a date (for the hint).  Returns 0, or -1 with `why`.
 */
static int
check(const char *what, track_str v, long y, long m, long d,
    enum date_order order, int swap_ok, char *why, size_t whysz)
{
	int shown = (int)(v.len > SHOWN ? SHOWN : v.len);
	const char *cut = v.len > SHOWN ? "..." : "";

	if (y < 1900 || y > 2199) {
		snprintf(why, whysz, "%s \"%.*s%s\": year %ld is out of range "
		    "1900..2199", what, shown, v.ptr, cut, y);
		return -1;
	}
	if (m < 1 || m > 12) {
		snprintf(why, whysz, "%s \"%.*s%s\" does not exist: there is "
		    "no month %ld%s", what, shown, v.ptr, cut, m,
		    !swap_ok ? "" : order == DATE_DMY ? " (read day first; "
		    "if the export writes the month first, use --date-order "
		    "mdy)" : " (read month first; if the export writes the "
		    "day first, use --date-order dmy)");
		return -1;
	}
	if (d < 1 || d > days_in(y, m)) {
		snprintf(why, whysz, "%s \"%.*s%s\" does not exist: %s %ld "
		    "has %d days", what, shown, v.ptr, cut, month_name[m - 1],
		    y, days_in(y, m));
		return -1;
	}
	return 0;
}

/* A two-digit year is this century's; other lengths are as written. */
static long
year_of(const struct part *p)
{
	return p->len == 2 ? 2000 + p->n : p->n;
}

int
date_iso(const char *what, const char *text, size_t len,
    enum date_order order, char out[DATE_ISO_SIZE], char *why, size_t whysz)
{
	track_str v = str_trim((track_str){ text, len });
	struct part p[3];
	long y = 0, m = 0, d = 0;
	int n, swap_ok = 0, shown = (int)(v.len > SHOWN ? SHOWN : v.len);
	const char *cut = v.len > SHOWN ? "..." : "";

	out[0] = '\0';
	n = v.len > 64 ? -1 : split(v.ptr, v.len, p);
	if (n == 1 && p[0].digits && p[0].len == v.len && v.len >= 4 &&
	    v.len <= 6) {
		snprintf(why, whysz, "%s \"%.*s%s\" is a number, not a date "
		    "(a spreadsheet's date serial? format the column as a "
		    "date, or write 31/01/2025)", what, shown, v.ptr, cut);
		return -1;
	}
	if (n == 2) {
		snprintf(why, whysz, "%s \"%.*s%s\" has no day (write "
		    "31/01/2025 or 2025-01-31)", what, shown, v.ptr, cut);
		return -1;
	}
	if (n == 3 && p[0].digits && p[1].digits && p[2].digits &&
	    p[0].len == 4 && p[1].len <= 2 && p[2].len <= 2) {
		y = p[0].n, m = p[1].n, d = p[2].n;	/* 2016-03-04 */
	} else if (n == 3 && p[0].digits && p[1].digits && p[2].digits &&
	    p[0].len <= 2 && p[1].len <= 2 &&
	    (p[2].len == 2 || p[2].len == 4)) {
		long a = p[0].n, b = p[1].n;

		y = year_of(&p[2]);
		d = order == DATE_DMY ? a : b;
		m = order == DATE_DMY ? b : a;
		swap_ok = d >= 1 && d <= 12 && m >= 1 && m <= 31 &&
		    m <= days_in(y, d);
	} else if (n == 3 && p[0].digits && !p[1].digits && p[2].digits &&
	    p[0].len <= 2 && (p[2].len == 2 || p[2].len == 4) &&
	    (m = month_of(p[1].p, p[1].len)) > 0) {
		d = p[0].n, y = year_of(&p[2]);		/* 4 Mar 2016 */
	} else if (n == 3 && !p[0].digits && p[1].digits && p[2].digits &&
	    p[1].len <= 2 && (p[2].len == 2 || p[2].len == 4) &&
	    (m = month_of(p[0].p, p[0].len)) > 0) {
		d = p[1].n, y = year_of(&p[2]);		/* March 4, 2016 */
	} else {
		snprintf(why, whysz, "%s \"%.*s%s\" is not a date (write "
		    "31/01/2025 or 2025-01-31)", what, shown, v.ptr, cut);
		return -1;
	}
	if (check(what, v, y, m, d, order, swap_ok, why, whysz) != 0)
		return -1;
	/* check() has bounded them: 1900..2199, 1..12, 1..31. */
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = out[7] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
	return 0;
}

int
date_order_parse(const char *name, enum date_order *order)
{
	if (strcasecmp(name, "dmy") == 0)
		*order = DATE_DMY;
	else if (strcasecmp(name, "mdy") == 0)
		*order = DATE_MDY;
	else
		return -1;
	return 0;
}
