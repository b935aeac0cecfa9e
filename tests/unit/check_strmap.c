/*
 * check_strmap.c - unit tests for lib/base/strmap.c: interning byte strings to
 * dense ids, and the FNV-1a hash.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "base/strmap.h"

START_TEST(fnv_vectors)
{
	/* Published FNV-1a 64-bit test vectors. */
	ck_assert(fnv1a64("", 0) == UINT64_C(0xcbf29ce484222325));
	ck_assert(fnv1a64("a", 1) == UINT64_C(0xaf63dc4c8601ec8c));
	ck_assert(fnv1a64("foobar", 6) == UINT64_C(0x85944171f73967e8));
	ck_assert(fnv1a64("b", 1) == UINT64_C(0xaf63df4c8601f1a5));
	/* Only `len` bytes count, and NUL bytes are data. */
	ck_assert(fnv1a64("foobarbaz", 6) == UINT64_C(0x85944171f73967e8));
	ck_assert(fnv1a64("a\0", 2) != fnv1a64("a", 1));
	/* High bytes are unsigned. */
	ck_assert(fnv1a64("\xff", 1) == ((UINT64_C(0xcbf29ce484222325) ^
	    0xff) * UINT64_C(0x100000001b3)));
}
END_TEST

START_TEST(intern_and_find)
{
	track_strmap *m = strmap_new();
	int added = -1;
	size_t len = 99;
	const char *k;

	ck_assert(m != NULL);
	ck_assert_uint_eq(strmap_count(m), 0);
	ck_assert_int_eq(strmap_find(m, "maths", 5), -1);
	ck_assert_int_eq(strmap_intern(m, "maths", 5, &added), 0);
	ck_assert_int_eq(added, 1);
	ck_assert_int_eq(strmap_intern(m, "reading", 7, &added), 1);
	ck_assert_int_eq(added, 1);
	ck_assert_int_eq(strmap_intern(m, "maths", 5, &added), 0);
	ck_assert_int_eq(added, 0);
	ck_assert_int_eq(strmap_intern(m, "writing", 7, NULL), 2);
	ck_assert_uint_eq(strmap_count(m), 3);
	ck_assert_int_eq(strmap_find(m, "reading", 7), 1);
	ck_assert_int_eq(strmap_find(m, "writing", 7), 2);
	/* Prefixes and extensions are other keys. */
	ck_assert_int_eq(strmap_find(m, "math", 4), -1);
	ck_assert_int_eq(strmap_find(m, "mathss", 6), -1);
	ck_assert_int_eq(strmap_find(m, "Maths", 5), -1);
	k = strmap_key(m, 1, &len);
	ck_assert_uint_eq(len, 7);
	ck_assert_str_eq(k, "reading");
	ck_assert_str_eq(strmap_key(m, 0, NULL), "maths");
	strmap_free(m);
	strmap_free(NULL);
}
END_TEST

START_TEST(key_is_copied)
{
	track_strmap *m = strmap_new();
	char buf[] = "temporary";

	ck_assert_int_eq(strmap_intern(m, buf, 4, NULL), 0);
	memset(buf, 'x', sizeof buf - 1);
	ck_assert_str_eq(strmap_key(m, 0, NULL), "temp");
	ck_assert_int_eq(strmap_find(m, "temp", 4), 0);
	ck_assert_int_eq(strmap_find(m, buf, 4), -1);
	strmap_free(m);
}
END_TEST

START_TEST(empty_and_nul_keys)
{
	track_strmap *m = strmap_new();
	size_t len;
	const char *k;
	int added;

	ck_assert_int_eq(strmap_intern(m, "", 0, &added), 0);
	ck_assert_int_eq(added, 1);
	ck_assert_int_eq(strmap_intern(m, "a\0b", 3, &added), 1);
	ck_assert_int_eq(added, 1);
	ck_assert_int_eq(strmap_intern(m, "a", 1, &added), 2);
	ck_assert_int_eq(strmap_intern(m, "a\0c", 3, &added), 3);
	ck_assert_int_eq(strmap_intern(m, "\0", 1, &added), 4);
	ck_assert_int_eq(added, 1);
	ck_assert_int_eq(strmap_intern(m, "a\0b", 3, &added), 1);
	ck_assert_int_eq(added, 0);
	ck_assert_int_eq(strmap_find(m, "", 0), 0);
	/* Only len bytes count: none of "zzz" is the empty key. */
	ck_assert_int_eq(strmap_find(m, "zzz", 0), 0);
	ck_assert_int_eq(strmap_find(m, "\0", 1), 4);
	k = strmap_key(m, 1, &len);
	ck_assert_uint_eq(len, 3);
	ck_assert(memcmp(k, "a\0b", 4) == 0);
	k = strmap_key(m, 0, &len);
	ck_assert_uint_eq(len, 0);
	ck_assert(k[0] == '\0');
	ck_assert_uint_eq(strmap_count(m), 5);
	strmap_free(m);
}
END_TEST

START_TEST(growth)
{
	track_strmap *m = strmap_new();
	char key[32];
	size_t len, i, n = 50000;

	/* Ids stay dense and in insertion order through many rehashes. */
	for (i = 0; i < n; i++) {
		int k = snprintf(key, sizeof key, "upn-%zu", i * 7919);

		ck_assert_int_eq(strmap_intern(m, key, (size_t)k, NULL),
		    (long)i);
	}
	ck_assert_uint_eq(strmap_count(m), n);
	for (i = 0; i < n; i++) {
		int k = snprintf(key, sizeof key, "upn-%zu", i * 7919);
		int added;

		ck_assert_int_eq(strmap_find(m, key, (size_t)k), (long)i);
		ck_assert_int_eq(strmap_intern(m, key, (size_t)k, &added),
		    (long)i);
		ck_assert_int_eq(added, 0);
		ck_assert_str_eq(strmap_key(m, (long)i, &len), key);
		ck_assert_uint_eq(len, (size_t)k);
	}
	ck_assert_int_eq(strmap_find(m, "upn-1", 5), -1);
	ck_assert_uint_eq(strmap_count(m), n);
	strmap_free(m);
}
END_TEST

START_TEST(long_keys)
{
	track_strmap *m = strmap_new();
	size_t big = 1 << 20, len;
	char *a = malloc(big), *b = malloc(big);

	/* Keys bigger than the arena's first block; differ in the last byte. */
	ck_assert(a != NULL && b != NULL);
	memset(a, 'k', big);
	memset(b, 'k', big);
	b[big - 1] = 'l';
	ck_assert_int_eq(strmap_intern(m, "short", 5, NULL), 0);
	ck_assert_int_eq(strmap_intern(m, a, big, NULL), 1);
	ck_assert_int_eq(strmap_intern(m, b, big, NULL), 2);
	ck_assert_int_eq(strmap_find(m, a, big), 1);
	ck_assert_int_eq(strmap_find(m, b, big), 2);
	ck_assert_int_eq(strmap_find(m, a, big - 1), -1);
	ck_assert(memcmp(strmap_key(m, 2, &len), b, big) == 0);
	ck_assert_uint_eq(len, big);
	ck_assert_str_eq(strmap_key(m, 0, NULL), "short");
	strmap_free(m);
	free(a);
	free(b);
}
END_TEST

START_TEST(colliding_buckets)
{
	track_strmap *m = strmap_new();
	char key[16];
	int i;

	/*
	 * Single bytes 0..255 land in many of the same buckets of a small
	 * table; all must stay distinct.
	 */
	for (i = 0; i < 256; i++) {
		key[0] = (char)i;
		ck_assert_int_eq(strmap_intern(m, key, 1, NULL), i);
	}
	for (i = 0; i < 256; i++) {
		key[0] = (char)i;
		ck_assert_int_eq(strmap_find(m, key, 1), i);
	}
	strmap_free(m);
}
END_TEST

/*
 * Keys of every length from 0 to 24, and for each the keys one byte
 * apart at every position, each in a buffer of exactly its bytes (so a
 * hash that read past a key would be caught under AddressSanitizer):
 * all distinct, all found again.
 */
START_TEST(one_byte_apart)
{
	track_strmap *m = strmap_new();
	long want = 0;
	size_t len, i;
	int pass;

	for (pass = 0; pass < 2; pass++) {
		want = 0;
		for (len = 0; len <= 24; len++)
			for (i = 0; i <= len; i++) {
				/* i == len: the key of 'x's itself */
				char *k = malloc(len ? len : 1);

				ck_assert_ptr_nonnull(k);
				memset(k, 'x', len);
				if (i < len)
					k[i] = 'y';
				if (pass == 0)
					ck_assert_int_eq(strmap_intern(m, k, len,
					    NULL), want);
				else
					ck_assert_int_eq(strmap_find(m, k, len),
					    want);
				want++;
				free(k);
			}
	}
	ck_assert_uint_eq(strmap_count(m), (size_t)want);
	strmap_free(m);
}
END_TEST

/*
 * The hashed entry points: the map's hash of the same bytes is the same
 * wherever they lie, and intern and find given it agree with the plain
 * calls, id for id.
 */
START_TEST(given_the_hash)
{
	track_strmap *m = strmap_new();
	char a[32], b[32];
	size_t i;
	int added;

	ck_assert_ptr_nonnull(m);
	for (i = 0; i < 200; i++) {
		snprintf(a, sizeof a, "pupil-%zu|reading|ta", i);
		memcpy(b, a, sizeof a);
		ck_assert(strmap_hash(a, strlen(a)) == strmap_hash(b,
		    strlen(b)));
		ck_assert_int_eq(strmap_intern_hashed(m, a, strlen(a),
		    strmap_hash(a, strlen(a)), &added), (long)i);
		ck_assert_int_eq(added, 1);
	}
	for (i = 0; i < 200; i++) {
		snprintf(a, sizeof a, "pupil-%zu|reading|ta", i);
		ck_assert_int_eq(strmap_find_hashed(m, a, strlen(a),
		    strmap_hash(a, strlen(a))), (long)i);
		ck_assert_int_eq(strmap_find(m, a, strlen(a)), (long)i);
		ck_assert_int_eq(strmap_intern(m, a, strlen(a), &added),
		    (long)i);
		ck_assert_int_eq(added, 0);
	}
	ck_assert(strmap_hash("ab", 2) != strmap_hash("ab", 1));
	ck_assert_int_eq(strmap_find_hashed(m, "absent", 6,
	    strmap_hash("absent", 6)), -1);
	strmap_free(m);
}
END_TEST

static Suite *
strmap_suite(void)
{
	Suite *s = suite_create("strmap");
	TCase *tc = tcase_create("strmap");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, fnv_vectors);
	tcase_add_test(tc, intern_and_find);
	tcase_add_test(tc, key_is_copied);
	tcase_add_test(tc, empty_and_nul_keys);
	tcase_add_test(tc, growth);
	tcase_add_test(tc, long_keys);
	tcase_add_test(tc, colliding_buckets);
	tcase_add_test(tc, one_byte_apart);
	tcase_add_test(tc, given_the_hash);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(strmap_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
