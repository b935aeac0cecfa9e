/* u64map.c - open-addressing hash map of 64-bit keys; see u64map.h. */
#include "u64map.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"

/*
 * A slot holds the id and a tag: 32 more bits of the key's hash.  A probe
 * compares tags and reads the key itself (in another array) only when
 * they match, so a lookup in a large map costs one cache miss, not one
 * for the slot and one more for each key it passes.
 *
 * The table grows when it would be more than three quarters full
 * (MAX_LOAD_NUM / MAX_LOAD_DEN).  A slot is 8 bytes, eight to a cache
 * line, so the longer runs of a fuller table mostly stay in the line
 * first read; at half full, as before, a map of 10M keys took 256 MiB
 * of slots, not 128, and on a host where fresh memory is dear that cost
 * more than the probes.
 */
#define MAX_LOAD_NUM 3
#define MAX_LOAD_DEN 4
struct slot {
	uint32_t v;		/* id + 1, or 0 for empty */
	uint32_t tag;
};

struct track_u64map {
	struct slot *slots;
	unsigned low;		/* low key bits kept near each other */
	size_t nslots;		/* a power of two */
	uint64_t *keys;		/* by id */
	size_t count, cap;
};

/*
 * MurmurHash3's 64-bit finaliser: every bit of a packed key (a pupil id
 * in the high half, small ids below) reaches the low bits of the slot.
 */
static size_t
slot_of(const track_u64map *m, uint64_t key, size_t mask, uint32_t *tag)
{
	uint64_t h = key >> m->low, low = key & ((1ULL << m->low) - 1);

	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	*tag = (uint32_t)(h >> 32) ^ (uint32_t)low;
	/* Keys that differ only in their low bits land side by side. */
	return (size_t)(h + low) & mask;
}

track_u64map *
u64map_new(void)
{
	return u64map_new_grouped(0);
}

track_u64map *
u64map_new_grouped(unsigned low)
{
	track_u64map *m = calloc(1, sizeof *m);

	if (m == NULL)
		return NULL;
	m->low = low < 32 ? low : 32;
	m->nslots = 1024;
	m->slots = calloc(m->nslots, sizeof *m->slots);
	if (m->slots == NULL) {
		free(m);
		return NULL;
	}
	return m;
}

static long
lookup(const track_u64map *m, uint64_t key, size_t *slot, uint32_t *tag)
{
	size_t mask = m->nslots - 1, i = slot_of(m, key, mask, tag);

	for (;;) {
		struct slot s = m->slots[i];

		if (s.v == 0) {
			*slot = i;
			return -1;
		}
		if (s.tag == *tag && m->keys[s.v - 1] == key) {
			*slot = i;
			return (long)s.v - 1;
		}
		i = (i + 1) & mask;
	}
}

/* Moves the keys into a slot table of n slots (a power of two). */
static int
rehash(track_u64map *m, size_t n)
{
	size_t i;
	struct slot *s = calloc(n, sizeof *s);

	if (s == NULL)
		return -1;
	if (n * sizeof *s >= BUF_HUGE_FROM)
		buf_hint_huge(s, n * sizeof *s);
	for (i = 0; i < m->count; i++) {
		uint32_t tag;
		size_t j = slot_of(m, m->keys[i], n - 1, &tag);

		while (s[j].v != 0)
			j = (j + 1) & (n - 1);
		s[j].v = (uint32_t)i + 1;
		s[j].tag = tag;
	}
	free(m->slots);
	m->slots = s;
	m->nslots = n;
	return 0;
}

int
u64map_reserve(track_u64map *m, size_t n)
{
	size_t k = m->nslots;

	if (n > UINT32_MAX - 1)
		n = UINT32_MAX - 1;
	while (n * MAX_LOAD_DEN > k * MAX_LOAD_NUM)
		k *= 2;
	if (k == m->nslots)
		return 0;
	if (rehash(m, k) != 0)
		return -1;
	return n > m->cap ? buf_grow(&m->keys, &m->cap, n, sizeof *m->keys) :
	    0;
}

long
u64map_intern(track_u64map *m, uint64_t key, int *added)
{
	size_t slot;
	uint32_t tag;
	long id;

	if (added != NULL)
		*added = 0;
	id = lookup(m, key, &slot, &tag);
	if (id >= 0)
		return id;
	if (m->count >= UINT32_MAX - 1)
		return -1;
	if ((m->count + 1) * MAX_LOAD_DEN > m->nslots * MAX_LOAD_NUM) {
		if (rehash(m, m->nslots * 2) != 0)
			return -1;
		lookup(m, key, &slot, &tag);
	}
	if (m->count == m->cap &&
	    buf_grow(&m->keys, &m->cap, m->count + 1, sizeof *m->keys) != 0)
		return -1;
	m->keys[m->count] = key;
	m->slots[slot].v = (uint32_t)m->count + 1;
	m->slots[slot].tag = tag;
	if (added != NULL)
		*added = 1;
	return (long)m->count++;
}

long
u64map_find(const track_u64map *m, uint64_t key)
{
	size_t slot;
	uint32_t tag;

	return lookup(m, key, &slot, &tag);
}

size_t
u64map_count(const track_u64map *m)
{
	return m->count;
}

void
u64map_clear(track_u64map *m)
{
	memset(m->slots, 0, m->nslots * sizeof *m->slots);
	m->count = 0;
}

void
u64map_free(track_u64map *m)
{
	if (m == NULL)
		return;
	free(m->slots);
	free(m->keys);
	free(m);
}
