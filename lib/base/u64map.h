/*
 * u64map.h - a hash map from 64-bit keys to dense ids.
 *
 * The reports keep one small entry per record identity or per pupil; they
 * pack the identity into a 64-bit key (interned pupil, subject, measure,
 * point) and keep the entries in their own arrays, indexed by the dense
 * id this map hands out (0, 1, 2, ... in insertion order).
 *
 * Ownership: u64map_new returns a map the caller frees with u64map_free.
 * Nothing here borrows from the caller.
 */
#ifndef TRACK_U64MAP_H
#define TRACK_U64MAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct track_u64map track_u64map;

/* A new, empty map, or NULL when out of memory. */
track_u64map *u64map_new(void);

/*
 * A map for keys that come in groups which differ only in their `low`
 * bits (a pupil's subjects, say): a group's keys are stored side by
 * side, so the records of one pupil touch one stretch of memory.  The
 * low bits should hold small numbers.  At most 32.
 */
track_u64map *u64map_new_grouped(unsigned low);

/*
 * Returns the id of `key`, adding it with the next id when absent (then
 * *added, if not NULL, is set to 1, else 0).  Returns -1 when out of
 * memory.
 */
long u64map_intern(track_u64map *m, uint64_t key, int *added /* OUT */);

/* Returns the id of `key`, or -1 when absent. */
long u64map_find(const track_u64map *m, uint64_t key);

/*
 * Makes room for `n` keys in all, so that the map does not grow (and
 * move every key) again and again on the way there: for a caller that
 * can tell, early, about how many keys a large input will bring.  The
 * map still grows past n.  Returns 0, or -1 when out of memory (the map
 * stays as usable as before).
 */
int u64map_reserve(track_u64map *m, size_t n);

/* How many keys the map holds. */
size_t u64map_count(const track_u64map *m);

/* Empties the map, keeping its memory for reuse. */
void u64map_clear(track_u64map *m);

/* Frees the map.  `m` may be NULL. */
void u64map_free(track_u64map *m);

#endif
