/*
 * swar.h - byte tests on 64-bit words ("SIMD within a register").
 *
 * The reader and the writer look at every byte of every field; these
 * macros and the loader let them look at eight at a time.  Header-only,
 * so that they inline into the hot loops.
 */
#ifndef TRACK_SWAR_H
#define TRACK_SWAR_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Byte c repeated in every byte of a 64-bit word. */
#define REP(c) (0x0101010101010101ULL * (unsigned char)(c))

/* Nonzero when some byte of word `v` is zero (exact for "any"). */
#define HAS_ZERO(v) (((v) - REP(1)) & ~(v) & REP(0x80))

/* Nonzero when some byte of word `v` is below n (n <= 128; exact). */
#define HAS_LESS(v, n) (((v) - REP(n)) & ~(v) & REP(0x80))

/*
 * Loads the n bytes at p (n < 8) into one word with overlapping loads:
 * some bytes may appear twice, which does no harm to an "any byte is ..."
 * test, and the bytes not filled are zero.  Never reads outside p[0..n).
 */
static inline uint64_t
swar_load_short(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint32_t a, b;
	uint16_t c, d;

	if (n >= 4) {
		memcpy(&a, s, 4);
		memcpy(&b, s + n - 4, 4);
		return a | (uint64_t)b << 32;
	}
	if (n >= 2) {
		memcpy(&c, s, 2);
		memcpy(&d, s + n - 2, 2);
		return c | (uint64_t)d << 16;
	}
	return n == 1 ? s[0] : 0;
}

/*
 * Loads the n bytes at p (n < 8) into one word exactly: byte i of p is
 * bits 8i to 8i+7 of the word and the bytes beyond n are zero, so two runs of bytes load equal exactly when they are equal.  The
 * overlapping loads agree where they overlap.  Never reads outside
 * p[0..n).
 */
static inline uint64_t
swar_load_exact(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint32_t a, b;
	uint16_t c, d;

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	uint64_t w = 0;

	while (n-- > 0)
		w |= (uint64_t)s[n] << (8 * n);
	(void)a, (void)b, (void)c, (void)d;
	return w;
#endif
	if (n >= 4) {
		memcpy(&a, s, 4);
		memcpy(&b, s + n - 4, 4);
		return a | (uint64_t)b << (8 * (n - 4));
	}
	if (n >= 2) {
		memcpy(&c, s, 2);
		memcpy(&d, s + n - 2, 2);
		return c | (uint64_t)d << (8 * (n - 2));
	}
	return n == 1 ? s[0] : 0;
}

#endif
