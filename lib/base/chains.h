/*
 * chains.h - for each owner (a dense id, such as an interned pupil), the
 * ids of its items (dense too, such as a report's entries), newest first.
 *
 * The reports keep one entry per record identity.  When each pupil has
 * only a few (their subjects at one point), walking the pupil's chain
 * finds an entry with no hash table that grows with the entries: 4 bytes
 * an owner and 4 an item, nothing to rehash, and the chain of the pupil
 * just read is still in the cache.  The caller compares the entries.
 *
 * Ownership: a zeroed track_chains is empty; chains_free frees what it
 * holds.  Nothing here borrows from the caller.
 */
#ifndef TRACK_CHAINS_H
#define TRACK_CHAINS_H

#include <stddef.h>
#include <stdint.h>

typedef struct track_chains {
	/*
	 * owner -> their newest item + 1 (0: none) in the low 32 bits,
	 * and in the high 32 the epoch it was linked in: chains_clear
	 * starts a new epoch, so it costs nothing however many owners
	 * there are.  Epoch 0 is never current.
	 */
	uint64_t *first;
	uint32_t *next;		/* item -> the owner's one before + 1 */
	uint32_t epoch;
	size_t nfirst, fcap, ncap;
} track_chains;

/*
 * Links item `id` (below UINT32_MAX - 1, not yet linked since the last
 * chains_clear) as the newest of `owner`.  Returns 0, or -1 when out of
 * memory (nothing linked).
 */
int chains_add(track_chains *c, uint32_t owner, uint32_t id);

/* The newest item of `owner`, or -1 when they have none. */
static inline long
chains_first(const track_chains *c, uint32_t owner)
{
	uint64_t v;

	if (owner >= c->nfirst)
		return -1;
	v = c->first[owner];
	return (uint32_t)(v >> 32) == c->epoch ? (long)(uint32_t)v - 1 : -1;
}

/* The item linked before `id` to the same owner, or -1. */
static inline long
chains_next(const track_chains *c, long id)
{
	return (long)c->next[id] - 1;
}

/* Unlinks every item: every owner has none.  Takes no time. */
void chains_clear(track_chains *c);

/* Frees what c holds and leaves it empty. */
void chains_free(track_chains *c);

#endif
