/* suggest.c - "did you mean" suggestions; see suggest.h. */
#include "suggest.h"

#include <string.h>

static int
fold(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 'a';
	return c;
}

static size_t
min2(size_t a, size_t b)
{
	return a < b ? a : b;
}

/*
 * Optimal string alignment distance with three rolling rows, abandoning
 * the work as soon as two whole rows in a row exceed `limit`.
 */
size_t
suggest_distance(const char *a, size_t alen, const char *b, size_t blen,
    size_t limit)
{
	size_t rows[3][SUGGEST_MAX_LEN + 1];
	size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2], *tmp;
	size_t i, j, best, prev_best, cost, v;

	if (alen > SUGGEST_MAX_LEN || blen > SUGGEST_MAX_LEN) {
		if (alen == blen) {
			for (i = 0; i < alen; i++)
				if (fold((unsigned char)a[i]) !=
				    fold((unsigned char)b[i]))
					return limit + 1;
			return 0;
		}
		return limit + 1;
	}
	if ((alen > blen ? alen - blen : blen - alen) > limit)
		return limit + 1;
	for (j = 0; j <= blen; j++)
		prev[j] = j;
	prev_best = 0;
	for (i = 1; i <= alen; i++) {
		cur[0] = i;
		best = i;
		for (j = 1; j <= blen; j++) {
			cost = fold((unsigned char)a[i - 1]) !=
			    fold((unsigned char)b[j - 1]);
			v = min2(prev[j] + 1, cur[j - 1] + 1);
			v = min2(v, prev[j - 1] + cost);
			if (i > 1 && j > 1 &&
			    fold((unsigned char)a[i - 1]) ==
			    fold((unsigned char)b[j - 2]) &&
			    fold((unsigned char)a[i - 2]) ==
			    fold((unsigned char)b[j - 1]))
				v = min2(v, prev2[j - 2] + 1);
			cur[j] = v;
			best = min2(best, v);
		}
		/* A swap can reach back two rows, so both must be over. */
		if (best > limit && prev_best > limit)
			return limit + 1;
		prev_best = best;
		tmp = prev2;
		prev2 = prev;
		prev = cur;
		cur = tmp;
	}
	return prev[blen] > limit ? limit + 1 : prev[blen];
}

size_t
suggest_limit(size_t len)
{
	size_t t = (len + 2) / 3;

	if (t < 1)
		t = 1;
	if (t > 3)
		t = 3;
	return t;
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' ||
	    c == '\f' || c == '\v';
}

size_t
suggest_index(const char *word, size_t len, const char *const *candidates,
    size_t n)
{
	size_t i, d, limit, found = n, best;

	while (len > 0 && is_space(word[0])) {
		word++;
		len--;
	}
	while (len > 0 && is_space(word[len - 1]))
		len--;
	if (len == 0)
		return n;
	limit = suggest_limit(len);
	if (limit >= len)
		limit = len - 1;
	best = limit + 1;
	for (i = 0; i < n; i++) {
		if (candidates[i] == NULL)
			continue;
		d = suggest_distance(word, len, candidates[i],
		    strlen(candidates[i]), best == 0 ? 0 : best - 1);
		if (d < best) {
			best = d;
			found = i;
			if (d == 0)
				break;
		}
	}
	return found;
}

const char *
suggest_nearest(const char *word, size_t len, const char *const *candidates,
    size_t n)
{
	size_t i = suggest_index(word, len, candidates, n);

	return i < n ? candidates[i] : NULL;
}
