/*
 * pseudo.h - keyed pseudonyms and pupil shards.
 *
 * A pseudonym is HMAC-SHA256 (OpenSSL's libcrypto) of the pupil id under a
 * secret key read from a file, written as "p" and the first 20 hex digits
 * (80 bits): the same key and id always give the same pseudonym, and
 * without the key it cannot be reversed or recomputed.  The key is never
 * printed.
 *
 * A shard is fnv1a64(pupil id) mod N, plus 1, identical on every machine.
 *
 * Ownership: pseudo_open returns a keyed context the caller frees with
 * pseudo_free, which wipes the key.
 */
#ifndef TRACK_PSEUDO_H
#define TRACK_PSEUDO_H

#include <stddef.h>

#include "error.h"

#define PSEUDO_LEN 21		/* "p" + 20 hex digits */
#define PSEUDO_MIN_KEY 16	/* bytes */

typedef struct track_pseudo track_pseudo;

/*
 * Reads the key from `keyfile` (its bytes, less one trailing newline).  A key
 * shorter than PSEUDO_MIN_KEY bytes fails with TRACK_EXIT_USAGE; an
 * unreadable file with TRACK_EXIT_IO.  *loose is set nonzero when the file
 * can be read by its group or others.
 */
int pseudo_open(track_pseudo **out /* OUT */, const char *keyfile,
    int *loose /* OUT */, track_error *err);

/* Writes the pseudonym of `id` into out (PSEUDO_LEN bytes plus a NUL). */
void pseudo_make(const track_pseudo *p, const char *id, size_t len,
    char out[PSEUDO_LEN + 1]);

/* Frees the context, wiping the key.  `p` may be NULL. */
void pseudo_free(track_pseudo *p);

/* The shard (1..n) of a pupil id. */
unsigned long shard_of(const char *id, size_t len, unsigned long n);

#endif
