/*
 * buf.h - a growable byte buffer, for arenas that hold many small strings.
 *
 * The struct is open on purpose: callers index into `ptr` by offset (never
 * keep a pointer across an append, since the buffer may move).  A zeroed
 * track_buf is empty and ready.  buf_free releases the memory; the buffer
 * may then be used again.
 */
#ifndef TRACK_BUF_H
#define TRACK_BUF_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct track_buf {
	char *ptr;
	size_t len, cap;
} track_buf;

/* Makes room for `more` bytes after len.  Returns 0, or -1 (no memory). */
int buf_reserve(track_buf *b, size_t more);

/*
 * Appends `n` bytes and, when `nul` is nonzero, a NUL after them (not
 * counted in the appended length).  Returns the offset they start at, or
 * -1 when out of memory.
 */
long buf_append(track_buf *b, const void *p, size_t n, int nul);

/*
 * Asks that [p, p + len) be backed by huge pages (see buf.c); buffers of
 * BUF_HUGE_FROM bytes or more get it from buf_grow, as do u64map tables.
 */
#define BUF_HUGE_FROM ((size_t)4 << 20)
void buf_hint_huge(void *p, size_t len);

/*
 * Grows the array *pp (of *cap elements of `size` bytes) so that it holds
 * at least `need`, doubling; `pp` is the address of the array pointer.
 * Returns 0, or -1 when out of memory (the array is unchanged then).
 */
int buf_grow(void *pp, size_t *cap, size_t need, size_t size);

/*
 * Varints: seven bits a byte, low bits first, the top bit set on every
 * byte but the last, so that numbers below 128 take one byte.  Inline,
 * since arenas of small records write and read several a record.
 */

/* Writes `v` at `o` (room for 10 bytes) and returns the end. */
static inline char *
buf_put_varint(char *o, uint64_t v)
{
	unsigned char *u = (unsigned char *)o;

	while (v >= 0x80) {
		*u++ = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	*u++ = (unsigned char)v;
	return (char *)u;
}

/* Reads a varint at *p and moves *p past it. */
static inline uint64_t
buf_read_varint(const char **p)
{
	const unsigned char *s = (const unsigned char *)*p;
	uint64_t v = 0;
	unsigned shift = 0;

	while (*s & 0x80) {
		v |= (uint64_t)(*s++ & 0x7f) << shift;
		shift += 7;
	}
	v |= (uint64_t)*s++ << shift;
	*p = (const char *)s;
	return v;
}

/*
 * Copies `n` bytes from `p` to `o` without calling memcpy for short
 * strings (most fields are): two overlapping moves of 8, 4 or 2 bytes
 * never read or write outside the n bytes.
 */
static inline void
buf_copy_short(char *o, const char *p, size_t n)
{
	uint64_t a, b;
	uint32_t c, d;
	uint16_t e, f;

	if (n > 16) {
		memcpy(o, p, n);
	} else if (n >= 8) {
		memcpy(&a, p, 8);
		memcpy(&b, p + n - 8, 8);
		memcpy(o, &a, 8);
		memcpy(o + n - 8, &b, 8);
	} else if (n >= 4) {
		memcpy(&c, p, 4);
		memcpy(&d, p + n - 4, 4);
		memcpy(o, &c, 4);
		memcpy(o + n - 4, &d, 4);
	} else if (n >= 2) {
		memcpy(&e, p, 2);
		memcpy(&f, p + n - 2, 2);
		memcpy(o, &e, 2);
		memcpy(o + n - 2, &f, 2);
	} else if (n == 1) {
		*o = *p;
	}
}

/* Appends `v` as a varint.  Returns 0, or -1 when out of memory. */
int buf_append_varint(track_buf *b, uint64_t v);

/* Frees the memory and empties the buffer. */
void buf_free(track_buf *b);

#endif
