/*
 * check_u64map.c - unit tests for lib/base/u64map.c: 64-bit keys to dense ids
 * in insertion order, growth, clearing and the extreme keys.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/u64map.h"

/* A key that spreads the bits of i the way packed identities do. */
static uint64_t
packed(uint64_t i)
{
	return i << 32 | (i % 7) << 16 | (i % 5) << 8 | (i % 3);
}

START_TEST(intern_and_find)
{
	track_u64map *m = u64map_new();
	int added = -1;

	ck_assert(m != NULL);
	ck_assert_uint_eq(u64map_count(m), 0);
	ck_assert_int_eq(u64map_find(m, 42), -1);
	ck_assert_int_eq(u64map_intern(m, 42, &added), 0);
	ck_assert_int_eq(added, 1);
	ck_assert_int_eq(u64map_intern(m, 7, &added), 1);
	ck_assert_int_eq(added, 1);
	/* Again: the same id, and not added. */
	ck_assert_int_eq(u64map_intern(m, 42, &added), 0);
	ck_assert_int_eq(added, 0);
	ck_assert_int_eq(u64map_intern(m, 9, NULL), 2);
	ck_assert_int_eq(u64map_intern(m, 9, NULL), 2);
	ck_assert_uint_eq(u64map_count(m), 3);
	ck_assert_int_eq(u64map_find(m, 42), 0);
	ck_assert_int_eq(u64map_find(m, 7), 1);
	ck_assert_int_eq(u64map_find(m, 9), 2);
	ck_assert_int_eq(u64map_find(m, 8), -1);
	u64map_free(m);
}
END_TEST

START_TEST(extreme_keys)
{
	track_u64map *m = u64map_new();
	int added = -1;

	/* Key 0 is a key like any other (slots hold id + 1). */
	ck_assert_int_eq(u64map_find(m, 0), -1);
	ck_assert_int_eq(u64map_intern(m, 0, &added), 0);
	ck_assert_int_eq(added, 1);
	ck_assert_int_eq(u64map_intern(m, UINT64_MAX, &added), 1);
	ck_assert_int_eq(added, 1);
	ck_assert_int_eq(u64map_intern(m, UINT64_MAX - 1, NULL), 2);
	ck_assert_int_eq(u64map_intern(m, (uint64_t)1 << 63, NULL), 3);
	ck_assert_int_eq(u64map_intern(m, 0, &added), 0);
	ck_assert_int_eq(added, 0);
	ck_assert_int_eq(u64map_find(m, 0), 0);
	ck_assert_int_eq(u64map_find(m, UINT64_MAX), 1);
	ck_assert_int_eq(u64map_find(m, UINT64_MAX - 1), 2);
	ck_assert_int_eq(u64map_find(m, (uint64_t)1 << 63), 3);
	ck_assert_int_eq(u64map_find(m, 1), -1);
	ck_assert_uint_eq(u64map_count(m), 4);
	u64map_free(m);
}
END_TEST

START_TEST(growth)
{
	track_u64map *m = u64map_new();
	const uint64_t n = 200000;
	uint64_t i, bad = 0, first = 0;
	int added;

	/*
	 * Far past the first table of 1024 slots, through many doublings.
	 * The loops count mismatches and assert once (a Check assertion per
	 * key would dominate the run time).
	 */
	for (i = 0; i < n; i++) {
		added = -1;
		if (u64map_intern(m, packed(i), &added) != (long)i ||
		    added != 1)
			first = bad++ ? first : i;
	}
	ck_assert_msg(bad == 0, "%llu keys got the wrong id, first %llu",
	    (unsigned long long)bad, (unsigned long long)first);
	ck_assert_uint_eq(u64map_count(m), n);
	/* Every id is still found, dense and in insertion order. */
	for (i = 0; i < n; i++)
		if (u64map_find(m, packed(i)) != (long)i)
			first = bad++ ? first : i;
	ck_assert_msg(bad == 0, "%llu keys lost, first %llu",
	    (unsigned long long)bad, (unsigned long long)first);
	/* Interning them again adds nothing. */
	for (i = 0; i < n; i += 7)
		if (u64map_intern(m, packed(i), &added) != (long)i ||
		    added != 0)
			first = bad++ ? first : i;
	ck_assert_msg(bad == 0, "%llu keys added twice, first %llu",
	    (unsigned long long)bad, (unsigned long long)first);
	ck_assert_uint_eq(u64map_count(m), n);
	/* Keys never added are absent. */
	for (i = n; i < 2 * n; i++)
		if (u64map_find(m, packed(i)) != -1)
			first = bad++ ? first : i;
	ck_assert_msg(bad == 0, "%llu absent keys found, first %llu",
	    (unsigned long long)bad, (unsigned long long)first);
	u64map_free(m);
}
END_TEST

/*
 * Room made early (u64map_reserve) keeps the keys already in, hands out
 * the same ids, and lets the map still grow past it; asking for less
 * than it has changes nothing.
 */
START_TEST(reserve)
{
	track_u64map *m = u64map_new_grouped(8);
	const uint64_t n = 50000;
	uint64_t i, bad = 0, first = 0;

	for (i = 0; i < 3000; i++)
		ck_assert_int_eq(u64map_intern(m, packed(i), NULL), (long)i);
	ck_assert_int_eq(u64map_reserve(m, n), 0);
	ck_assert_int_eq(u64map_reserve(m, 10), 0);
	for (i = 0; i < 3000; i++)
		if (u64map_find(m, packed(i)) != (long)i)
			first = bad++ ? first : i;
	ck_assert_msg(bad == 0, "%llu keys lost by the reserve, first %llu",
	    (unsigned long long)bad, (unsigned long long)first);
	for (i = 3000; i < 4 * n; i++)
		if (u64map_intern(m, packed(i), NULL) != (long)i)
			first = bad++ ? first : i;
	for (i = 0; i < 4 * n; i++)
		if (u64map_find(m, packed(i)) != (long)i)
			first = bad++ ? first : i;
	ck_assert_msg(bad == 0, "%llu keys wrong after the reserve, first %llu",
	    (unsigned long long)bad, (unsigned long long)first);
	ck_assert_uint_eq(u64map_count(m), 4 * n);
	ck_assert_int_eq(u64map_find(m, packed(4 * n)), -1);
	u64map_free(m);
}
END_TEST

START_TEST(sequential_keys)
{
	track_u64map *m = u64map_new();
	uint64_t i, bad = 0;

	/* Keys that differ only in their low bits, and only in their high. */
	for (i = 0; i < 20000; i++)
		bad += u64map_intern(m, i, NULL) != (long)i;
	for (i = 0; i < 20000; i++)
		bad += u64map_intern(m, (i + 1) << 44, NULL) !=
		    (long)(20000 + i);
	for (i = 0; i < 20000; i++)
		bad += u64map_find(m, i) != (long)i ||
		    u64map_find(m, (i + 1) << 44) != (long)(20000 + i);
	ck_assert_msg(bad == 0, "%llu wrong ids", (unsigned long long)bad);
	ck_assert_uint_eq(u64map_count(m), 40000);
	u64map_free(m);
}
END_TEST

START_TEST(clear)
{
	track_u64map *m = u64map_new();
	uint64_t i, bad = 0;
	int added;

	for (i = 0; i < 5000; i++)
		bad += u64map_intern(m, packed(i), NULL) != (long)i;
	ck_assert(bad == 0);
	u64map_clear(m);
	ck_assert_uint_eq(u64map_count(m), 0);
	for (i = 0; i < 5000; i++)
		bad += u64map_find(m, packed(i)) != -1;
	ck_assert_msg(bad == 0, "%llu keys survived the clear",
	    (unsigned long long)bad);
	/* Ids start again from 0, in the new insertion order. */
	ck_assert_int_eq(u64map_intern(m, packed(4999), &added), 0);
	ck_assert_int_eq(added, 1);
	ck_assert_int_eq(u64map_intern(m, packed(3), &added), 1);
	ck_assert_int_eq(added, 1);
	ck_assert_int_eq(u64map_find(m, packed(4999)), 0);
	ck_assert_int_eq(u64map_find(m, packed(3)), 1);
	ck_assert_int_eq(u64map_find(m, packed(0)), -1);
	ck_assert_uint_eq(u64map_count(m), 2);
	/* And it grows again after a clear. */
	for (i = 10000; i < 30000; i++)
		bad += u64map_intern(m, packed(i), NULL) !=
		    (long)(i - 10000 + 2);
	ck_assert(bad == 0);
	ck_assert_uint_eq(u64map_count(m), 20002);
	ck_assert_int_eq(u64map_find(m, packed(3)), 1);
	/* Clearing an empty map is harmless. */
	u64map_clear(m);
	u64map_clear(m);
	ck_assert_uint_eq(u64map_count(m), 0);
	ck_assert_int_eq(u64map_intern(m, 0, NULL), 0);
	u64map_free(m);
}
END_TEST

START_TEST(free_null)
{
	u64map_free(NULL);
}
END_TEST

static Suite *
u64map_suite(void)
{
	Suite *s = suite_create("u64map");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, intern_and_find);
	tcase_add_test(tc, extreme_keys);
	tcase_add_test(tc, growth);
	tcase_add_test(tc, reserve);
	tcase_add_test(tc, sequential_keys);
	tcase_add_test(tc, clear);
	tcase_add_test(tc, free_null);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(u64map_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
