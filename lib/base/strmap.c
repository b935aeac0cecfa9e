/* strmap.c - open-addressing hash map of byte strings; see strmap.h. */
#include "strmap.h"

#include <stdlib.h>
#include <string.h>

#include "str.h"
#include "swar.h"

struct entry {
	size_t off;	/* key offset in the arena */
	size_t len;
	uint64_t hash;
};

struct track_strmap {
	long *slots;		/* id + 1, or 0 for empty */
	size_t nslots;		/* a power of two */
	struct entry *ent;
	size_t count, entcap;
	char *arena;
	size_t alen, acap;
};

uint64_t
fnv1a64(const void *p, size_t len)
{
	const unsigned char *s = p;
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/*
 * The map's own hash of a key: eight bytes at a time, then mixed so that
 * every bit reaches the low bits a slot is chosen by.  Not stable across
 * machines or versions, unlike fnv1a64 (shards are cut with that); only
 * for the map in memory.
 */
static uint64_t
key_hash(const char *p, size_t n)
{
	uint64_t h = n * 0x9e3779b97f4a7c15ULL, w;

	while (n >= 8) {
		memcpy(&w, p, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdULL;
		h ^= h >> 29;
		p += 8;
		n -= 8;
	}
	h = (h ^ swar_load_short(p, n)) * 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 32;
	h *= 0xff51afd7ed558ccdULL;
	return h ^ (h >> 29);
}

track_strmap *
strmap_new(void)
{
	track_strmap *m = calloc(1, sizeof *m);

	if (m == NULL)
		return NULL;
	m->nslots = 64;
	m->slots = calloc(m->nslots, sizeof *m->slots);
	if (m->slots == NULL) {
		free(m);
		return NULL;
	}
	return m;
}

static long
lookup(const track_strmap *m, const char *key, size_t len, uint64_t h,
    size_t *slot)
{
	size_t mask = m->nslots - 1;
	size_t i = (size_t)h & mask;

	for (;;) {
		long v = m->slots[i];
		const struct entry *e;

		if (v == 0) {
			*slot = i;
			return -1;
		}
		e = &m->ent[v - 1];
		if (e->hash == h && e->len == len &&
		    str_same_bytes(m->arena + e->off, key, len)) {
			*slot = i;
			return v - 1;
		}
		i = (i + 1) & mask;
	}
}

/* Doubles the slot table and rehashes every key. */
static int
grow(track_strmap *m)
{
	size_t n = m->nslots * 2, i;
	long *s = calloc(n, sizeof *s);

	if (s == NULL)
		return -1;
	for (i = 0; i < m->count; i++) {
		size_t j = (size_t)m->ent[i].hash & (n - 1);

		while (s[j] != 0)
			j = (j + 1) & (n - 1);
		s[j] = (long)i + 1;
	}
	free(m->slots);
	m->slots = s;
	m->nslots = n;
	return 0;
}

uint64_t
strmap_hash(const char *key, size_t len)
{
	return key_hash(key, len);
}

long
strmap_intern(track_strmap *m, const char *key, size_t len, int *added)
{
	return strmap_intern_hashed(m, key, len, key_hash(key, len), added);
}

long
strmap_intern_hashed(track_strmap *m, const char *key, size_t len,
    uint64_t h, int *added)
{
	size_t slot;
	long id;

	if (added != NULL)
		*added = 0;
	id = lookup(m, key, len, h, &slot);
	if (id >= 0)
		return id;
	if ((m->count + 1) * 4 > m->nslots * 3) {
		if (grow(m) != 0)
			return -1;
		lookup(m, key, len, h, &slot);
	}
	if (m->count == m->entcap) {
		size_t cap = m->entcap ? m->entcap * 2 : 64;
		struct entry *e = realloc(m->ent, cap * sizeof *e);

		if (e == NULL)
			return -1;
		m->ent = e;
		m->entcap = cap;
	}
	if (m->alen + len + 1 > m->acap) {
		size_t cap = m->acap ? m->acap * 2 : 4096;
		char *a;

		while (cap < m->alen + len + 1)
			cap *= 2;
		a = realloc(m->arena, cap);
		if (a == NULL)
			return -1;
		m->arena = a;
		m->acap = cap;
	}
	if (len > 0)
		memcpy(m->arena + m->alen, key, len);
	m->arena[m->alen + len] = '\0';
	m->ent[m->count].off = m->alen;
	m->ent[m->count].len = len;
	m->ent[m->count].hash = h;
	m->alen += len + 1;
	m->slots[slot] = (long)m->count + 1;
	if (added != NULL)
		*added = 1;
	return (long)m->count++;
}

long
strmap_find(const track_strmap *m, const char *key, size_t len)
{
	return strmap_find_hashed(m, key, len, key_hash(key, len));
}

long
strmap_find_hashed(const track_strmap *m, const char *key, size_t len,
    uint64_t h)
{
	size_t slot;

	return lookup(m, key, len, h, &slot);
}

const char *
strmap_key(const track_strmap *m, long id, size_t *len)
{
	if (len != NULL)
		*len = m->ent[id].len;
	return m->arena + m->ent[id].off;
}

size_t
strmap_count(const track_strmap *m)
{
	return m->count;
}

void
strmap_free(track_strmap *m)
{
	if (m == NULL)
		return;
	free(m->slots);
	free(m->ent);
	free(m->arena);
	free(m);
}
