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
 * Grows the array *pp (of *cap elements of `size` bytes) so that it holds
 * at least `need`, doubling; `pp` is the address of the array pointer.
 * Returns 0, or -1 when out of memory (the array is unchanged then).
 */
int buf_grow(void *pp, size_t *cap, size_t need, size_t size);

/* Frees the memory and empties the buffer. */
void buf_free(track_buf *b);

#endif
