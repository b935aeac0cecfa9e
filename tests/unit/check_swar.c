/*
 * check_swar.c - unit tests for lib/base/swar.h: the byte tests on words,
 * and the two loaders of a short run of bytes, each against a loop that
 * looks at one byte at a time; every load from a buffer of exactly the
 * bytes loaded, so that a read outside it is caught under AddressSanitizer
 * and valgrind.
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/swar.h"
#include "check_main.h"

/* The n bytes at p as a word, byte i at bits 8i to 8i+7. */
static uint64_t
bytewise(const unsigned char *p, size_t n)
{
	uint64_t w = 0;
	size_t i;

	for (i = 0; i < n; i++)
		w |= (uint64_t)p[i] << (8 * i);
	return w;
}

/* n bytes (n < 8) of a pseudo-random pattern in a buffer of exactly n. */
static unsigned char *
pattern(size_t n, unsigned seed)
{
	unsigned char *p = malloc(n ? n : 1);
	size_t i;

	ck_assert_ptr_nonnull(p);
	for (i = 0; i < n; i++) {
		seed = seed * 1103515245u + 12345u;
		p[i] = (unsigned char)(seed >> 16);
	}
	return p;
}

/* swar_load_exact is the bytes in order, zero beyond them, for 0 to 7. */
START_TEST(load_exact)
{
	size_t n;
	unsigned seed;

	for (n = 0; n < 8; n++)
		for (seed = 0; seed < 200; seed++) {
			unsigned char *p = pattern(n, seed);

			ck_assert_msg(swar_load_exact(p, n) == bytewise(p, n),
			    "n = %zu, seed %u", n, seed);
			free(p);
		}
}
END_TEST

/*
 * Runs that differ in length or in any one byte load differently: a key
 * made of such words tells "ab" from "ab\0" and "ba".
 */
START_TEST(load_exact_tells_apart)
{
	unsigned char a[7], b[7];
	size_t n, i;

	memset(a, 'x', sizeof a);
	memcpy(b, a, sizeof b);
	for (n = 1; n < 8; n++)
		for (i = 0; i < n; i++) {
			b[i] = 'y';
			ck_assert(swar_load_exact(a, n) != swar_load_exact(b,
			    n));
			b[i] = 'x';
		}
	ck_assert(swar_load_exact("ab", 2) != swar_load_exact("ba", 2));
	ck_assert(swar_load_exact("ab", 2) == swar_load_exact("ab\0", 2));
	ck_assert(swar_load_exact("\0\0\0\0\0", 5) == 0);
}
END_TEST

/*
 * swar_load_short holds every byte of the run and no other (some may be
 * there twice), so "any byte is ..." tests on it are exact.
 */
START_TEST(load_short)
{
	size_t n, i, k;
	unsigned seed;

	for (n = 0; n < 8; n++)
		for (seed = 0; seed < 200; seed++) {
			unsigned char *p = pattern(n, seed);
			uint64_t w = swar_load_short(p, n);

			for (i = 0; i < n; i++) {
				int found = 0;

				for (k = 0; k < 8; k++)
					found |= (unsigned char)(w >> 8 * k) ==
					    p[i];
				ck_assert_msg(found, "n = %zu: byte %zu", n, i);
			}
			for (k = 0; k < 8; k++) {
				unsigned char c = (unsigned char)(w >> 8 * k);
				int in = c == 0;

				for (i = 0; i < n; i++)
					in |= c == p[i];
				ck_assert_msg(in, "n = %zu: stray byte", n);
			}
			free(p);
		}
}
END_TEST

/* HAS_ZERO and HAS_LESS against the bytes one at a time. */
START_TEST(byte_tests)
{
	unsigned seed;
	int n;

	for (seed = 0; seed < 2000; seed++) {
		unsigned char *p = pattern(7, seed);
		unsigned char w8[8];
		uint64_t w;
		int zero = 0, less;
		size_t i;

		memcpy(w8, p, 7);
		w8[7] = (unsigned char)(seed % 3 == 0 ? 0 : 0x80 | seed);
		memcpy(&w, w8, 8);
		for (i = 0; i < 8; i++)
			zero |= w8[i] == 0;
		ck_assert_int_eq(HAS_ZERO(w) != 0, zero);
		for (n = 1; n <= 128; n *= 2) {
			less = 0;
			for (i = 0; i < 8; i++)
				less |= w8[i] < n;
			ck_assert_int_eq(HAS_LESS(w, n) != 0, less);
		}
		free(p);
	}
}
END_TEST

static Suite *
swar_suite(void)
{
	Suite *s = suite_create("swar");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, load_exact);
	tcase_add_test(tc, load_exact_tells_apart);
	tcase_add_test(tc, load_short);
	tcase_add_test(tc, byte_tests);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(swar_suite())
