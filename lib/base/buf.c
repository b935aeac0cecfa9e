/* buf.c - a growable byte buffer; see buf.h. */
#include "buf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/*
 * A table or arena that has grown past BUF_HUGE_FROM (buf.h) is asked to
 * be backed by 2 MiB pages where the kernel offers them only on request
 * (Debian's "madvise" setting): holding a million records otherwise
 * means half a million page faults, a fifth of track-assess's time.  It
 * is a hint; nothing depends on it being taken.
 */
#define HUGE_PAGE ((uintptr_t)2 << 20)

void
buf_hint_huge(void *p, size_t len)
{
#ifdef MADV_HUGEPAGE
	uintptr_t a = ((uintptr_t)p + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
	uintptr_t b = ((uintptr_t)p + len) & ~(HUGE_PAGE - 1);

	if (b > a)
		(void)madvise((void *)a, b - a, MADV_HUGEPAGE);
#else
	(void)p;
	(void)len;
#endif
}

int
buf_reserve(track_buf *b, size_t more)
{
	size_t cap;
	char *p;

	if (more > SIZE_MAX / 2 - b->len)
		return -1;	/* never: b->len + more would wrap */
	if (b->len + more <= b->cap)
		return 0;
	/* Twice as big, or just big enough when that is more (a long
	 * field's bound is not rounded up to a power of two). */
	cap = b->cap ? b->cap * 2 : 4096;
	if (cap < b->len + more)
		cap = b->len + more;
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

	/* Room for n and a NUL, so that even n == 0 leaves a buffer. */
	if (b->len + n + 1 > b->cap && buf_reserve(b, n + 1) != 0)
		return -1;
	buf_copy_short(b->ptr + b->len, p, n);
	b->len += n;
	if (nul)
		b->ptr[b->len++] = '\0';
	return (long)off;
}

int
buf_append_varint(track_buf *b, uint64_t v)
{
	if (buf_reserve(b, 10) != 0)
		return -1;
	b->len = (size_t)(buf_put_varint(b->ptr + b->len, v) - b->ptr);
	return 0;
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
	/*
	 * realloc, then the hint.  glibc maps a block past its mmap
	 * threshold (128 KiB, rising to at most 32 MiB as such blocks are
	 * freed) on its own and grows it with mremap: its pages move, none
	 * is copied or faulted again, and only the new part is touched, in
	 * huge pages.  A smaller block may be copied, as by any realloc.
	 * (Copying every large block into a new one hinted first, as
	 * before, faulted its bytes twice and held both blocks at once:
	 * 10M records, summary --over 4.07 s to 2.93 s, matrix 139 to
	 * 125 MiB.)
	 */
	q = realloc(*p, n * size);
	if (q == NULL)
		return -1;
	if (n * size >= BUF_HUGE_FROM)
		buf_hint_huge(q, n * size);
	*p = q;
	*cap = n;
	return 0;
}
