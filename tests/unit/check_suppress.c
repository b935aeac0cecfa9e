/*
 * check_suppress.c - unit tests for lib/report/suppress.c: which groups of a
 * table are hidden so that no hidden figure can be worked out by adding
 * or subtracting published ones.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "report/suppress.h"

/* Every column fixed, and the finest table wanted. */
static int
decide(size_t ncol, size_t ncell, const long *keys, const long long *n,
    long long min, unsigned char *out, unsigned char *total)
{
	unsigned all = (1u << ncol) - 1;

	return suppress_decide(ncol, all, all, ncell, keys, n, n, min, out,
	    total);
}

/* One column: 2 is small; the complement is the smallest with n > 0. */
START_TEST(one_column)
{
	/* values 0..3 with n 2, 0, 9, 40: the n=0 group cannot hide it */
	static const long keys[] = { 0, 1, 2, 3 };
	static const long long n[] = { 2, 0, 9, 40 };
	unsigned char out[4], total;

	ck_assert_int_eq(decide(1, 4, keys, n, 5, out, &total), 0);
	ck_assert_int_eq(out[0], SUPPRESS_SMALL);
	ck_assert_int_eq(out[1], SUPPRESS_SHOWN);
	ck_assert_int_eq(out[2], SUPPRESS_COMPLEMENT);
	ck_assert_int_eq(out[3], SUPPRESS_SHOWN);
	ck_assert_int_eq(total, SUPPRESS_SHOWN);
}
END_TEST

/* Nothing small, or no threshold: nothing hidden. */
START_TEST(nothing)
{
	static const long keys[] = { 0, 1 };
	static const long long n[] = { 6, 7 };
	unsigned char out[2], total;

	ck_assert_int_eq(decide(1, 2, keys, n, 5, out, &total), 0);
	ck_assert(!out[0] && !out[1] && !total);
	ck_assert_int_eq(decide(1, 2, keys, n, 0, out, &total), 0);
	ck_assert(!out[0] && !out[1] && !total);
}
END_TEST

/* A small whole: every group is small or inside it. */
START_TEST(small_total)
{
	static const long keys[] = { 0, 1 };
	static const long long n[] = { 1, 2 };
	unsigned char out[2], total;

	ck_assert_int_eq(decide(1, 2, keys, n, 5, out, &total), 0);
	ck_assert_int_eq(total, SUPPRESS_SMALL);
	ck_assert_int_eq(out[0], SUPPRESS_SMALL);
	ck_assert_int_eq(out[1], SUPPRESS_SMALL);
}
END_TEST

/*
 * pp x send, the README's case: (Y,E) 2 and (N,E) 3 are small; send E (5)
 * and every margin are not.  Each line of the table and of its margins
 * must hold 0 or at least 2 hidden cells: (Y,K) and (N,K) go too.
 */
static const long px_keys[] = {
	0, 0, 0, 1, 0, 2,	/* Y: N K E */
	1, 0, 1, 1, 1, 2,	/* N: N K E */
};
static const long long px_n[] = { 37, 7, 2, 110, 16, 3 };

START_TEST(cross_tab)
{
	unsigned char out[6], total;

	ck_assert_int_eq(decide(2, 6, px_keys, px_n, 5, out, &total), 0);
	ck_assert_int_eq(out[0], SUPPRESS_SHOWN);
	ck_assert_int_eq(out[1], SUPPRESS_COMPLEMENT);
	ck_assert_int_eq(out[2], SUPPRESS_SMALL);
	ck_assert_int_eq(out[3], SUPPRESS_SHOWN);
	ck_assert_int_eq(out[4], SUPPRESS_COMPLEMENT);
	ck_assert_int_eq(out[5], SUPPRESS_SMALL);
}
END_TEST

/* The same table with its columns the other way round: the same cells. */
START_TEST(column_order)
{
	static const long keys[] = {
		0, 0, 1, 0,		/* N: Y N */
		0, 1, 1, 1,		/* K: Y N */
		0, 2, 1, 2,		/* E: Y N */
	};
	static const long long n[] = { 37, 110, 7, 16, 2, 3 };
	static const int same[] = { 0, 3, 1, 4, 2, 5 };
	unsigned char a[6], b[6], total;
	long k2[12];
	size_t i;

	/* Cells in send order, keys given (pp, send) as the caller sorts. */
	for (i = 0; i < 6; i++) {
		k2[2 * i] = keys[2 * i + 1];
		k2[2 * i + 1] = keys[2 * i];
	}
	ck_assert_int_eq(decide(2, 6, px_keys, px_n, 5, a, &total), 0);
	ck_assert_int_eq(decide(2, 6, k2, n, 5, b, &total), 0);
	for (i = 0; i < 6; i++)
		ck_assert_int_eq(b[i], a[same[i]]);
}
END_TEST

/*
 * A cell hidden only because its column's group is, and that a published
 * margin gives away anyway, is shown rather than pretended hidden: send E
 * (2) is small, so K (7) is its complement; year 2's pupils are all K, so
 * (2,K) is year 2 and is shown.
 */
START_TEST(determined_shown)
{
	static const long keys[] = {
		0, 1,			/* year 2: K */
		1, 0, 1, 1, 1, 2,	/* year 3: N K E */
		2, 0, 2, 2,		/* year 4: N E */
	};
	static const long long n[] = { 6, 10, 1, 1, 10, 1 };
	unsigned char out[6], total;

	ck_assert_int_eq(decide(2, 6, keys, n, 3, out, &total), 0);
	ck_assert_int_eq(out[0], SUPPRESS_SHOWN);
	ck_assert_int_eq(out[2], SUPPRESS_SMALL);
	ck_assert_int_eq(out[3], SUPPRESS_SMALL);
	ck_assert_int_eq(out[5], SUPPRESS_SMALL);
	/* year 4 and column N need a second hidden cell each */
	ck_assert_int_eq(out[4], SUPPRESS_COMPLEMENT);
	ck_assert_int_eq(out[1], SUPPRESS_COMPLEMENT);
}
END_TEST

static Suite *
suppress_suite(void)
{
	Suite *s = suite_create("suppress");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, one_column);
	tcase_add_test(tc, nothing);
	tcase_add_test(tc, small_total);
	tcase_add_test(tc, cross_tab);
	tcase_add_test(tc, column_order);
	tcase_add_test(tc, determined_shown);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(suppress_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
