/* buf.c - a growable byte buffer; see buf.h. */
#include "buf.h"

#include <stdlib.h>
#include <string.h>

int
buf_reserve(track_buf *b, size_t more)
{
	size_t cap;
	char *p;

	if (b->len + more <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 4096;
	while (cap < b->len + more)
		cap *= 2;
	p = realloc(b->ptr, cap);
	if (p == NULL)
		return -1;
	b->ptr = p;
	b->cap = cap;
	return 0;
}

long
buf_append(track_buf *b, const void *p, size_t n, int nul)
{
	size_t off = b->len;

	if (buf_reserve(b, n + (nul != 0)) != 0)
		return -1;
	if (n > 0)
		memcpy(b->ptr + b->len, p, n);
	b->len += n;
	if (nul)
		b->ptr[b->len++] = '\0';
	return (long)off;
}

void
buf_free(track_buf *b)
{
	free(b->ptr);
	b->ptr = NULL;
	b->len = b->cap = 0;
}

int
buf_grow(void *pp, size_t *cap, size_t need, size_t size)
{
	void **p = pp;
	size_t n;
	void *q;

	if (need <= *cap)
		return 0;
	n = *cap ? *cap : 64;
	while (n < need)
		n *= 2;
	q = realloc(*p, n * size);
	if (q == NULL)
		return -1;
	*p = q;
	*cap = n;
	return 0;
}
