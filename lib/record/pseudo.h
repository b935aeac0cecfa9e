/*
 * pseudo.h - keyed pseudonyms and pupil shards.
 *
 * A pseudonym is HMAC-SHA256 (OpenSSL's libcrypto) of the pupil id under a
 * secret key read from a file, written as "p" and the first 20 hex digits
 * (80 bits): the same key and id always give the same pseudonym, and
 * without the key it cannot be reversed or recomputed.  The key is never
 * printed.  Ids are trimmed of white space (str_trim) first, as the reports trim
 * them, so "A123 " and "A123" are one pupil with one pseudonym.
 *
 * Identifying columns (names, UPN, date of birth, contact details) are
 * recognised by pseudo_identifying, from the scheme's list or the built-in
 * one, so that pseudonymised data can leave them out.
 *
 * A shard is fnv1a64(trimmed pupil id) mod N, plus 1, identical on every
 * machine.
 *
 * Ownership: pseudo_open returns a keyed context the caller frees with
 * pseudo_free, which wipes the key.
 */
#ifndef TRACK_PSEUDO_H
#define TRACK_PSEUDO_H

#include <stddef.h>

#include "base/error.h"

#define PSEUDO_LEN 21		/* "p" + 20 hex digits */
#define PSEUDO_MIN_KEY 16	/* bytes */
#define PSEUDO_MAX_KEY 4096	/* bytes */

typedef struct track_pseudo track_pseudo;

/*
 * Reads the key from `keyfile` (its bytes, less one trailing newline).  A key
 * shorter than PSEUDO_MIN_KEY or longer than PSEUDO_MAX_KEY bytes fails
 * with TRACK_EXIT_USAGE (a long key is never cut short); an unreadable
 * file with TRACK_EXIT_IO.  *loose is set nonzero when the file can be read
 * by its group or others.
 */
int pseudo_open(track_pseudo **out /* OUT */, const char *keyfile,
    int *loose /* OUT */, track_error *err);

/*
 * Writes the pseudonym of `id`, trimmed, into out (PSEUDO_LEN bytes plus a
 * NUL) and returns PSEUDO_LEN; an id that is blank once trimmed stays
 * blank (out is "" and the result 0), so that the reports still see it as
 * a missing id.
 */
size_t pseudo_make(track_pseudo *p, const char *id, size_t len,
    char out[PSEUDO_LEN + 1]);

/*
 * The built-in list of columns that identify a pupil, NULL-terminated: the
 * one used when the scheme gives none ("privacy": {"identifying": [...]}).
 */
extern const char *const pseudo_identifying_default[];

/*
 * Whether column name `col` (`len` bytes) is one of `list` (n names):
 * returns the name it matches, or NULL.  Case and separators (anything
 * but letters and digits) are ignored, and a name also matches a run of
 * whole words inside the column's name, words being split at separators,
 * at a lower- to upper-case step and between letters and digits; a
 * trailing "s" or "es" is allowed.  So "name" matches "Name", "Pupil
 * Name", "first_name" and "Names", "upn" matches "UPN " and "PupilUPN",
 * "postcode" matches "Post Code", but "uln" does not match "vulnerable".
 */
const char *pseudo_identifying(const char *const *list, size_t n,
    const char *col, size_t len);

/* Frees the context, wiping the key.  `p` may be NULL. */
void pseudo_free(track_pseudo *p);

/* The shard (1..n) of a pupil id, trimmed. */
unsigned long pseudo_shard(const char *id, size_t len, unsigned long n);

#endif
