/* check_suggest.c - unit tests for lib/suggest. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "base/suggest.h"

static size_t
dist(const char *a, const char *b, size_t limit)
{
	return suggest_distance(a, strlen(a), b, strlen(b), limit);
}

START_TEST(test_distance)
{
	ck_assert_uint_eq(dist("kitten", "sitting", 5), 3);
	ck_assert_uint_eq(dist("", "", 3), 0);
	ck_assert_uint_eq(dist("", "abc", 3), 3);
	ck_assert_uint_eq(dist("abc", "", 3), 3);
	ck_assert_uint_eq(dist("EXS", "exs", 3), 0);
	ck_assert_uint_eq(dist("EXPT", "EXS", 3), 2);
	/* Adjacent swaps cost one (Damerau). */
	ck_assert_uint_eq(dist("ab", "ba", 3), 1);
	ck_assert_uint_eq(dist("scales", "sclaes", 3), 1);
	ck_assert_uint_eq(dist("maths", "mtahs", 3), 1);
}
END_TEST

START_TEST(test_distance_limit)
{
	/* Over the limit, the answer is limit + 1, however far. */
	ck_assert_uint_eq(dist("kitten", "sitting", 2), 3);
	ck_assert_uint_eq(dist("abcdef", "uvwxyz", 1), 2);
	ck_assert_uint_eq(dist("a", "abcdefgh", 2), 3);
	ck_assert_uint_eq(dist("kitten", "sitting", 3), 3);
	/* A swap late in the word must not be cut off early. */
	ck_assert_uint_eq(dist("abcd", "abdc", 1), 1);
}
END_TEST

START_TEST(test_distance_long)
{
	char a[300], b[300];

	memset(a, 'x', sizeof a - 1);
	a[sizeof a - 1] = '\0';
	memcpy(b, a, sizeof b);
	ck_assert_uint_eq(dist(a, b, 3), 0);
	b[0] = 'y';
	ck_assert_uint_eq(dist(a, b, 3), 4);
	b[0] = 'X';
	ck_assert_uint_eq(dist(a, b, 3), 0);
}
END_TEST

START_TEST(test_limit)
{
	ck_assert_uint_eq(suggest_limit(0), 1);
	ck_assert_uint_eq(suggest_limit(1), 1);
	ck_assert_uint_eq(suggest_limit(3), 1);
	ck_assert_uint_eq(suggest_limit(4), 2);
	ck_assert_uint_eq(suggest_limit(6), 2);
	ck_assert_uint_eq(suggest_limit(7), 3);
	ck_assert_uint_eq(suggest_limit(40), 3);
}
END_TEST

static const char *const codes[] = { "WTS", "EXS", "GDS", "PKF", "EM" };
static const char *const keys[] = {
	"name", "years", "subjects", "scales", "measures", "groups"
};

static const char *
near(const char *word, const char *const *c, size_t n)
{
	return suggest_nearest(word, strlen(word), c, n);
}

START_TEST(test_nearest)
{
	ck_assert_str_eq(near("EXPT", codes, 5), "EXS");
	ck_assert_str_eq(near("exs", codes, 5), "EXS");
	ck_assert_str_eq(near("  wts ", codes, 5), "WTS");
	ck_assert_str_eq(near("GSD", codes, 5), "GDS");
	ck_assert_str_eq(near("scals", keys, 6), "scales");
	ck_assert_str_eq(near("SUBJECT", keys, 6), "subjects");
	ck_assert_str_eq(near("measrues", keys, 6), "measures");
	ck_assert_ptr_null(near("zzzz", codes, 5));
	ck_assert_ptr_null(near("potatoes", keys, 6));
	ck_assert_ptr_null(near("", codes, 5));
	ck_assert_ptr_null(near("   ", codes, 5));
	ck_assert_ptr_null(near("EXS", codes, 0));
}
END_TEST

START_TEST(test_nearest_short)
{
	static const char *const letters[] = { "A", "B", "AB" };

	/* One letter is never "corrected" to another. */
	ck_assert_ptr_null(near("X", letters, 3));
	ck_assert_str_eq(near("a", letters, 3), "A");
	/* Three letters allow one edit, not two. */
	ck_assert_ptr_null(near("XYS", codes, 5));
	ck_assert_str_eq(near("EXX", codes, 5), "EXS");
}
END_TEST

START_TEST(test_nearest_ties_and_nulls)
{
	static const char *const c[] = { NULL, "cat", "cut", NULL };

	/* "cot" is one edit from both; the first wins. */
	ck_assert_str_eq(near("cot", c, 4), "cat");
	ck_assert_uint_eq(suggest_index("cot", 3, c, 4), 1);
	ck_assert_uint_eq(suggest_index("dog", 3, c, 4), 4);
	/* An exact match beats an earlier near one. */
	ck_assert_str_eq(near("cut", c, 4), "cut");
}
END_TEST

static Suite *
suggest_suite(void)
{
	Suite *s = suite_create("suggest");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_distance);
	tcase_add_test(tc, test_distance_limit);
	tcase_add_test(tc, test_distance_long);
	tcase_add_test(tc, test_limit);
	tcase_add_test(tc, test_nearest);
	tcase_add_test(tc, test_nearest_short);
	tcase_add_test(tc, test_nearest_ties_and_nulls);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(suggest_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
