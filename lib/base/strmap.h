/*
 * strmap.h - a hash map from byte strings to dense ids, and the FNV-1a hash.
 *
 * Keys are copied into an arena owned by the map; each key gets the next id
 * (0, 1, 2, ...) in insertion order, so callers keep per-key data in their
 * own arrays indexed by id.  Lookups do not allocate.
 *
 * Ownership: strmap_new returns a map the caller frees with strmap_free;
 * strmap_key lends a pointer that stays valid until the next
 * strmap_intern that adds a key (the arena may move) or strmap_free.
 */
#ifndef TRACK_STRMAP_H
#define TRACK_STRMAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct track_strmap track_strmap;

/* The 64-bit FNV-1a hash of `len` bytes at `p`, the same on every machine. */
uint64_t fnv1a64(const void *p, size_t len);

/* A new, empty map, or NULL when out of memory. */
track_strmap *strmap_new(void);

/*
 * Returns the id of `key`, adding it when absent (then *added, if not
 * NULL, is set to 1, else 0).  Returns -1 when out of memory.
 */
long strmap_intern(track_strmap *m, const char *key, size_t len,
    int *added /* OUT */);

/* Returns the id of `key`, or -1 when absent. */
long strmap_find(const track_strmap *m, const char *key, size_t len);

/*
 * The map's hash of a key (not the same on every machine: for memory
 * only), and strmap_intern and strmap_find given it, so that a caller
 * that keeps a cache of its own in front of the map hashes a key once.
 */
uint64_t strmap_hash(const char *key, size_t len);
long strmap_intern_hashed(track_strmap *m, const char *key, size_t len,
    uint64_t hash, int *added /* OUT */);
long strmap_find_hashed(const track_strmap *m, const char *key, size_t len,
    uint64_t hash);

/* The key with id `id` (NUL-terminated) and its length in *len. */
const char *strmap_key(const track_strmap *m, long id, size_t *len /* OUT */);

/* How many keys the map holds. */
size_t strmap_count(const track_strmap *m);

/* Frees the map.  `m` may be NULL. */
void strmap_free(track_strmap *m);

#endif
