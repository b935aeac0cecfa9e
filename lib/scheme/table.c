/*
 * table.c - the arena a scheme lives in, and building its name tables.
 *
 * Loading copies everything a scheme keeps into one arena, so that
 * scheme_free() frees a handful of blocks.  Every name that user text is
 * matched against goes into a struct dict: an open-addressing hash table
 * keyed by the folded spelling (ASCII lower case, white space removed),
 * beside a list of every spelling for suggestions.  This file builds the
 * tables and suggests; the lookups, which run per record and never
 * allocate, are static inline in scheme_int.h.
 */
#include "scheme_int.h"

#include <stdlib.h>
#include <string.h>

#include "base/suggest.h"

void *
arena_alloc(struct arena *a, size_t n)
{
	const size_t unit = sizeof(max_align_t);
	size_t units = n / unit + 1, size;
	struct block *b = a->head;
	void *p;

	if (b == NULL || b->size - b->used < units) {
		size = units > 4096 ? units : 4096;
		b = calloc(1, sizeof *b + size * unit);
		if (b == NULL)
			return NULL;
		b->size = size;
		b->next = a->head;
		a->head = b;
	}
	p = b->data + b->used;
	b->used += units;
	return p;
}

char *
arena_strdup(struct arena *a, const char *z)
{
	size_t n = strlen(z);
	char *p = arena_alloc(a, n + 1);

	if (p != NULL)
		memcpy(p, z, n + 1);
	return p;
}

void
arena_free(struct arena *a)
{
	struct block *b, *next;

	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	a->head = NULL;
}

/* Doubles the slots of d (16 at first); nonzero when out of memory. */
static int
dict_grow(struct arena *a, struct dict *d)
{
	size_t cap = d->cap == 0 ? 16 : d->cap * 2, i, j;
	struct slot *slots = arena_alloc(a, cap * sizeof *slots);

	if (slots == NULL)
		return -1;
	for (i = 0; i < d->cap; i++) {
		if (d->slots[i].key == NULL)
			continue;
		for (j = d->slots[i].hash & (cap - 1); slots[j].key != NULL;
		    j = (j + 1) & (cap - 1))
			;
		slots[j] = d->slots[i];
	}
	d->slots = slots;
	d->cap = cap;
	return 0;
}

/* Keeps spelling `name` of `canon` for suggestions; nonzero on no memory. */
static int
dict_add_name(struct arena *a, struct dict *d, const char *name,
    const char *canon)
{
	size_t cap;
	const char **names, **canons;

	if (d->nnames == d->capnames) {
		cap = d->capnames == 0 ? 8 : d->capnames * 2;
		names = arena_alloc(a, cap * sizeof *names);
		canons = arena_alloc(a, cap * sizeof *canons);
		if (names == NULL || canons == NULL)
			return -1;
		if (d->nnames > 0) {
			memcpy(names, d->names, d->nnames * sizeof *names);
			memcpy(canons, d->canons, d->nnames * sizeof *canons);
		}
		d->names = names;
		d->canons = canons;
		d->capnames = cap;
	}
	/* Aliases may live in the JSON tree, which is freed after loading. */
	d->names[d->nnames] = arena_strdup(a, name);
	if (d->names[d->nnames] == NULL)
		return -1;
	d->canons[d->nnames] = canon;
	d->nnames++;
	return 0;
}

/* Settles a spelling that is already in the table; see dict_put(). */
static enum dict_status
dict_clash(struct slot *sl, int value, const char *canon, int prio,
    const char **taken)
{
	if (sl->value == value) {
		if (prio < sl->prio)
			sl->prio = prio;
		return DICT_OK;
	}
	if (prio == PRIO_LABEL) {
		if (sl->prio == PRIO_LABEL)
			sl->value = AMBIGUOUS;
		return DICT_OK;
	}
	if (sl->prio == PRIO_LABEL) {
		sl->value = value;
		sl->canon = canon;
		sl->prio = prio;
		return DICT_OK;
	}
	*taken = sl->canon;
	if (prio == PRIO_ID && sl->prio == PRIO_ID)
		return DICT_DUPLICATE;
	return DICT_TAKEN;
}

enum dict_status
dict_put(struct arena *a, struct dict *d, const char *text, int value,
    const char *canon, int prio, const char **taken)
{
	size_t flen, len = strlen(text), i, k;
	uint32_t h = fold_hash(text, len, &flen);
	struct slot *sl;
	char *key;

	if (flen == 0)
		return prio == PRIO_LABEL ? DICT_OK : DICT_EMPTY;
	if (dict_add_name(a, d, text, canon) != 0)
		return DICT_NOMEM;
	sl = (struct slot *)dict_slot(d, text, len);
	if (sl != NULL)
		return dict_clash(sl, value, canon, prio, taken);
	if ((d->count + 1) * 2 > d->cap && dict_grow(a, d) != 0)
		return DICT_NOMEM;
	key = arena_alloc(a, flen + 1);
	if (key == NULL)
		return DICT_NOMEM;
	for (i = 0, k = 0; i < len; i++)
		if (!is_space((unsigned char)text[i]))
			key[k++] = (char)lower((unsigned char)text[i]);
	for (i = h & (d->cap - 1); d->slots[i].key != NULL;
	    i = (i + 1) & (d->cap - 1))
		;
	d->slots[i].key = key;
	d->slots[i].canon = canon;
	d->slots[i].len = flen;
	d->slots[i].hash = h;
	d->slots[i].value = value;
	d->slots[i].prio = prio;
	d->count++;
	return DICT_OK;
}

const char *
dict_suggest(const struct dict *d, const char *text, size_t len)
{
	size_t i = suggest_index(text, len,
	    (const char *const *)d->names, d->nnames);

	return i < d->nnames ? d->canons[i] : NULL;
}
