/*
 * suggest.h - "did you mean" suggestions.
 *
 * Finds the candidate nearest to a misspelt word by edit distance (optimal
 * string alignment: insertions, deletions, substitutions and swaps of two
 * adjacent characters each cost 1), ignoring ASCII case.  Nothing here
 * allocates; every returned pointer is one of the caller's candidates.
 */
#ifndef TRACK_SUGGEST_H
#define TRACK_SUGGEST_H

#include <stddef.h>

/* Longest word, in bytes, that suggest_distance() will measure. */
#define SUGGEST_MAX_LEN 255

/*
 * Returns the case-insensitive edit distance between a (alen bytes) and b
 * (blen bytes), or `limit + 1` when it is greater than `limit` (the work
 * stops early then).  Words longer than SUGGEST_MAX_LEN are never near
 * anything: the result is `limit + 1` unless the words are equal.
 */
size_t suggest_distance(const char *a, size_t alen, const char *b,
    size_t blen, size_t limit);

/*
 * The largest distance at which a word of `len` bytes gets a suggestion:
 * a third of its length rounded up, at least 1 and at most 3.
 */
size_t suggest_limit(size_t len);

/*
 * Returns the index of the candidate nearest to `word` (len bytes,
 * surrounding spaces ignored), or `n` when none is close enough.  A
 * candidate is close enough when its distance is at most
 * suggest_limit(len) and smaller than the word's length, so that a
 * one-letter word is never "corrected" to another letter.  Ties go to the
 * earliest candidate.  NULL candidates are skipped.
 */
size_t suggest_index(const char *word, size_t len,
    const char *const *candidates, size_t n);

/*
 * Like suggest_index(), but returns the candidate itself (borrowed from
 * the caller's array), or NULL when none is close enough.
 */
const char *suggest_nearest(const char *word, size_t len,
    const char *const *candidates, size_t n);

#endif
