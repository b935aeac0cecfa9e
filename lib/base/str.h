/*
 * str.h - byte slices and the few operations on text every layer shares:
 * equality, the number test, the one trim, and splitting a list.
 *
 * Ownership: a track_str borrows its bytes; str_trim returns a slice of
 * its argument; str_split returns one allocation the caller frees.
 */
#ifndef TRACK_STR_H
#define TRACK_STR_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* A borrowed byte slice: `len` bytes at `ptr`, not NUL-terminated. */
typedef struct track_str {
	const char *ptr;
	size_t len;
} track_str;

/* Nonzero when slice `s` equals the NUL-terminated string `z`. */
int str_eq(track_str s, const char *z);

/*
 * Nonzero when the n bytes at a and at b are the same.  Inline, with
 * overlapping loads for up to 16 bytes: the short ids, names and labels
 * compared for every record would cost more as a call to memcmp.
 */
static inline int
str_same_bytes(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;
	uint64_t x, y, u, v;
	uint32_t i, j, k, l;

	if (n > 16)
		return memcmp(p, q, n) == 0;
	if (n >= 8) {
		memcpy(&x, p, 8);
		memcpy(&y, q, 8);
		memcpy(&u, p + n - 8, 8);
		memcpy(&v, q + n - 8, 8);
		return ((x ^ y) | (u ^ v)) == 0;
	}
	if (n >= 4) {
		memcpy(&i, p, 4);
		memcpy(&j, q, 4);
		memcpy(&k, p + n - 4, 4);
		memcpy(&l, q + n - 4, 4);
		return ((i ^ j) | (k ^ l)) == 0;
	}
	return n == 0 || (p[0] == q[0] && p[n / 2] == q[n / 2] &&
	    p[n - 1] == q[n - 1]);
}

/*
 * Nonzero when `s` is a decimal number: [+-]digits[.digits][e[+-]digits],
 * with at least one digit and nothing around it.
 */
int str_is_number(track_str s);

/*
 * White space, as the whole toolkit trims it: the ASCII space, tab, line
 * feed, carriage return, vertical tab and form feed (isspace() in the C
 * locale).  Every trim of a value, an id, a header or a scheme text uses
 * this one set.
 */
static inline int
str_space(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* str_trim's loops, for a slice that has white space at an end. */
track_str str_trim_slow(track_str s);

/*
 * The slice without white space at either end.  Most fields have none, so
 * that is tested here, inline, and the loops are left to str_trim_slow().
 */
static inline track_str
str_trim(track_str s)
{
	/* Every white space byte is at most ' ': one test for each end. */
	if (s.len == 0 || ((unsigned char)s.ptr[0] > ' ' &&
	    (unsigned char)s.ptr[s.len - 1] > ' '))
		return s;
	return str_trim_slow(s);
}

/*
 * Splits a `sep`-separated list into a newly allocated array of strings
 * (the array and the copy of the text are one allocation: free(*out)).
 * Returns the count, or -1 when out of memory.
 */
long str_split(const char *s, char sep, char ***out /* OUT */);

#endif
