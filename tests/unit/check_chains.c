/*
 * check_chains.c - unit tests for lib/base/chains.c: each owner's items,
 * newest first, whatever the order owners come in; owners never seen;
 * clearing; and growth far past the first allocation.
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>

#include "base/chains.h"
#include "check_main.h"

/* Owner `owner`'s items, newest first, into out (at most max); count. */
static size_t
items(const track_chains *c, uint32_t owner, long *out, size_t max)
{
	size_t n = 0;
	long i;

	for (i = chains_first(c, owner); i >= 0 && n < max;
	    i = chains_next(c, i))
		out[n++] = i;
	return n;
}

START_TEST(interleaved_owners)
{
	track_chains c = { 0 };
	long got[8];

	ck_assert_int_eq(chains_first(&c, 0), -1);
	ck_assert_int_eq(chains_add(&c, 2, 0), 0);
	ck_assert_int_eq(chains_add(&c, 0, 1), 0);
	ck_assert_int_eq(chains_add(&c, 2, 2), 0);
	ck_assert_int_eq(chains_add(&c, 5, 3), 0);
	ck_assert_int_eq(chains_add(&c, 2, 4), 0);
	ck_assert_uint_eq(items(&c, 2, got, 8), 3);
	ck_assert_int_eq(got[0], 4);
	ck_assert_int_eq(got[1], 2);
	ck_assert_int_eq(got[2], 0);
	ck_assert_uint_eq(items(&c, 0, got, 8), 1);
	ck_assert_int_eq(got[0], 1);
	ck_assert_uint_eq(items(&c, 5, got, 8), 1);
	ck_assert_int_eq(got[0], 3);
	/* Owners below the highest seen, and above it, have none. */
	ck_assert_uint_eq(items(&c, 1, got, 8), 0);
	ck_assert_uint_eq(items(&c, 4, got, 8), 0);
	ck_assert_uint_eq(items(&c, 6, got, 8), 0);
	ck_assert_uint_eq(items(&c, UINT32_MAX, got, 8), 0);
	chains_free(&c);
	ck_assert_int_eq(chains_first(&c, 2), -1);
	chains_free(&c);	/* twice is harmless */
}
END_TEST

/* After a clear every owner has none, and ids start again from 0. */
START_TEST(clear)
{
	track_chains c = { 0 };
	long got[4];
	uint32_t o;

	chains_clear(&c);	/* empty: nothing to do */
	for (o = 0; o < 100; o++)
		ck_assert_int_eq(chains_add(&c, o, o), 0);
	chains_clear(&c);
	for (o = 0; o < 100; o++)
		ck_assert_uint_eq(items(&c, o, got, 4), 0);
	ck_assert_int_eq(chains_add(&c, 7, 0), 0);
	ck_assert_int_eq(chains_add(&c, 7, 1), 0);
	ck_assert_uint_eq(items(&c, 7, got, 4), 2);
	ck_assert_int_eq(got[0], 1);
	ck_assert_int_eq(got[1], 0);
	chains_free(&c);
}
END_TEST

/*
 * Many owners, seen out of order and again later, each with its items
 * in the order they came: the chains stay right through the growth of
 * both arrays.  The loop counts mismatches and asserts once.
 */
START_TEST(growth)
{
	track_chains c = { 0 };
	const uint32_t owners = 50000, per = 4;
	uint32_t id = 0, k, o, bad = 0;
	long got[8];

	for (k = 0; k < per; k++)
		for (o = 0; o < owners; o++)
			ck_assert_int_eq(chains_add(&c,
			    (o * 7919u + k) % owners, id++), 0);
	for (o = 0; o < owners; o++) {
		size_t n = items(&c, o, got, 8);

		if (n != per) {
			bad++;
			continue;
		}
		/* newest first: ids fall, each from its own round */
		for (k = 0; k < per; k++)
			bad += (uint32_t)got[k] / owners != per - 1 - k;
	}
	ck_assert_msg(bad == 0, "%u owners' chains wrong", bad);
	chains_free(&c);
}
END_TEST

/*
 * A clear starts a new epoch; when the epochs run out they start again
 * from the first, and no item linked before shows through.
 */
START_TEST(epochs_wrap)
{
	track_chains c = { 0 };
	long got[4];

	ck_assert_int_eq(chains_add(&c, 3, 0), 0);
	ck_assert_int_eq(chains_add(&c, 5, 1), 0);	/* in epoch 1 */
	c.epoch = UINT32_MAX - 1;	/* as if after many clears */
	ck_assert_uint_eq(items(&c, 3, got, 4), 0);
	ck_assert_int_eq(chains_add(&c, 3, 0), 0);
	ck_assert_int_eq(chains_add(&c, 4, 1), 0);
	ck_assert_uint_eq(items(&c, 3, got, 4), 1);
	chains_clear(&c);		/* the last epoch */
	ck_assert_uint_eq(c.epoch, UINT32_MAX);
	ck_assert_uint_eq(items(&c, 3, got, 4), 0);
	ck_assert_int_eq(chains_add(&c, 4, 0), 0);
	chains_clear(&c);		/* round again: epoch 1 */
	ck_assert_uint_eq(c.epoch, 1);
	ck_assert_uint_eq(items(&c, 3, got, 4), 0);
	ck_assert_uint_eq(items(&c, 5, got, 4), 0);	/* not epoch 1's */
	ck_assert_uint_eq(items(&c, 4, got, 4), 0);
	ck_assert_int_eq(chains_add(&c, 4, 0), 0);
	ck_assert_uint_eq(items(&c, 4, got, 4), 1);
	ck_assert_int_eq(got[0], 0);
	chains_free(&c);
}
END_TEST

/* The last ids are refused, and nothing is linked. */
START_TEST(id_limit)
{
	track_chains c = { 0 };

	ck_assert_int_eq(chains_add(&c, 0, UINT32_MAX - 1), -1);
	ck_assert_int_eq(chains_add(&c, 0, UINT32_MAX), -1);
	ck_assert_int_eq(chains_first(&c, 0), -1);
	chains_free(&c);
}
END_TEST

static Suite *
chains_suite(void)
{
	Suite *s = suite_create("chains");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, interleaved_owners);
	tcase_add_test(tc, clear);
	tcase_add_test(tc, growth);
	tcase_add_test(tc, epochs_wrap);
	tcase_add_test(tc, id_limit);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(chains_suite())
