/* u64map.c - open-addressing hash map of 64-bit keys; see u64map.h. */
#include "u64map.h"

#include <stdlib.h>
#include <string.h>

struct track_u64map {
	uint32_t *slots;	/* id + 1, or 0 for empty */
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
slot_of(const track_u64map *m, uint64_t key, size_t mask)
{
	uint64_t h = key >> m->low;

	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	/* Keys that differ only in their low bits land side by side. */
	return (size_t)(h + (key & ((1ULL << m->low) - 1))) & mask;
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
lookup(const track_u64map *m, uint64_t key, size_t *slot)
{
	size_t mask = m->nslots - 1, i = slot_of(m, key, mask);

	for (;;) {
		uint32_t v = m->slots[i];

		if (v == 0) {
			*slot = i;
			return -1;
		}
		if (m->keys[v - 1] == key) {
			*slot = i;
			return (long)v - 1;
		}
		i = (i + 1) & mask;
	}
}

/* Doubles the slot table and re-inserts every key. */
static int
grow(track_u64map *m)
{
	size_t n = m->nslots * 2, i;
	uint32_t *s = calloc(n, sizeof *s);

	if (s == NULL)
		return -1;
	for (i = 0; i < m->count; i++) {
		size_t j = slot_of(m, m->keys[i], n - 1);

		while (s[j] != 0)
			j = (j + 1) & (n - 1);
		s[j] = (uint32_t)i + 1;
	}
	free(m->slots);
	m->slots = s;
	m->nslots = n;
	return 0;
}

long
u64map_intern(track_u64map *m, uint64_t key, int *added)
{
	size_t slot;
	long id;

	if (added != NULL)
		*added = 0;
	id = lookup(m, key, &slot);
	if (id >= 0)
		return id;
	if (m->count >= UINT32_MAX - 1)
		return -1;
	if ((m->count + 1) * 2 > m->nslots) {
		if (grow(m) != 0)
			return -1;
		lookup(m, key, &slot);
	}
	if (m->count == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 1024;
		uint64_t *k = realloc(m->keys, cap * sizeof *k);

		if (k == NULL)
			return -1;
		m->keys = k;
		m->cap = cap;
	}
	m->keys[m->count] = key;
	m->slots[slot] = (uint32_t)m->count + 1;
	if (added != NULL)
		*added = 1;
	return (long)m->count++;
}

long
u64map_find(const track_u64map *m, uint64_t key)
{
	size_t slot;

	return lookup(m, key, &slot);
}

uint64_t
u64map_key(const track_u64map *m, long id)
{
	return m->keys[id];
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
