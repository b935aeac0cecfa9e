/*
 * check_scheme_table.c - the arena and the name tables of lib/scheme/
 * (table.c, and the inline lookups of scheme_int.h).
 *
 * These are the scheme's insides, so this suite includes its private
 * header: the tables are tested directly, without a scheme around them.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scheme/scheme_int.h"

static struct arena arena;
static struct dict d;

static void
setup(void)
{
	memset(&arena, 0, sizeof arena);
	memset(&d, 0, sizeof d);
}

static void
teardown(void)
{
	arena_free(&arena);
}

/* Puts text for value, asserting the status. */
static void
put(const char *text, int value, const char *canon, int prio, int want)
{
	const char *taken = NULL;

	ck_assert_int_eq(dict_put(&arena, &d, text, value, canon, prio,
	    &taken), want);
}

static int
get(const char *text)
{
	return dict_get(&d, text, strlen(text));
}

START_TEST(test_fold_lookup)
{
	put("Year 4", 3, "4", PRIO_LABEL, DICT_OK);
	put("Y4", 3, "4", PRIO_ALIAS, DICT_OK);
	ck_assert_int_eq(get("year4"), 3);
	ck_assert_int_eq(get("  YEAR\t4 "), 3);
	ck_assert_int_eq(get("y 4"), 3);
	ck_assert_int_eq(get("Year 5"), -1);
	ck_assert_int_eq(get("Year"), -1);
	ck_assert_int_eq(get("Year 44"), -1);
	ck_assert_int_eq(get(""), -1);
	ck_assert_int_eq(get(" \t "), -1);
	/* Only ASCII folds: the bytes of other letters must match. */
	put("\xc3\x89t\xc3\xa9", 1, "ete", PRIO_ID, DICT_OK);
	ck_assert_int_eq(get("\xc3\x89T\xc3\xa9"), 1);
	ck_assert_int_eq(get("\xc3\xa9t\xc3\xa9"), -1);
}
END_TEST

START_TEST(test_empty_table)
{
	ck_assert_int_eq(get("anything"), -1);
	ck_assert_ptr_null(dict_suggest(&d, "anything", 8));
}
END_TEST

/* The table grows past its first 16 slots and keeps every entry. */
START_TEST(test_grow)
{
	char name[16];
	int i;

	for (i = 0; i < 1000; i++) {
		snprintf(name, sizeof name, "n%d", i);
		put(name, i, "x", PRIO_ID, DICT_OK);
	}
	ck_assert_uint_eq(d.count, 1000);
	ck_assert_uint_ge(d.cap, 2000);
	for (i = 0; i < 1000; i++) {
		snprintf(name, sizeof name, "N %d", i);
		ck_assert_int_eq(get(name), i);
	}
	ck_assert_int_eq(get("n1000"), -1);
}
END_TEST

START_TEST(test_collisions)
{
	const char *taken = NULL;

	put("EXS", 0, "EXS", PRIO_ID, DICT_OK);
	put("Expected", 0, "EXS", PRIO_ALIAS, DICT_OK);
	/* The same spelling for the same entry is no collision. */
	put("exs", 0, "EXS", PRIO_ALIAS, DICT_OK);
	ck_assert_int_eq(dict_put(&arena, &d, "e x s", 1, "GDS", PRIO_ID,
	    &taken), DICT_DUPLICATE);
	ck_assert_str_eq(taken, "EXS");
	taken = NULL;
	ck_assert_int_eq(dict_put(&arena, &d, "EXPECTED", 1, "GDS", PRIO_ALIAS,
	    &taken), DICT_TAKEN);
	ck_assert_str_eq(taken, "EXS");
	taken = NULL;
	ck_assert_int_eq(dict_put(&arena, &d, "expected", 1, "GDS", PRIO_ID,
	    &taken), DICT_TAKEN);
	ck_assert_str_eq(taken, "EXS");
	put("  ", 1, "GDS", PRIO_ID, DICT_EMPTY);
	put("", 1, "GDS", PRIO_ALIAS, DICT_EMPTY);
	put(" ", 1, "GDS", PRIO_LABEL, DICT_OK);
	ck_assert_int_eq(get("EXS"), 0);
}
END_TEST

/*
 * A label gives way to an id or alias, and a label two entries share
 * matches neither; an id may take over a label's spelling.
 */
START_TEST(test_labels)
{
	put("a", 0, "a", PRIO_ID, DICT_OK);
	put("b", 1, "b", PRIO_ID, DICT_OK);
	put("A", 1, "b", PRIO_LABEL, DICT_OK);
	ck_assert_int_eq(get("a"), 0);
	put("Same", 0, "a", PRIO_LABEL, DICT_OK);
	put("same", 1, "b", PRIO_LABEL, DICT_OK);
	ck_assert_int_eq(get("same"), -1);
	ck_assert_int_eq(dict_slot(&d, "same", 4)->value, AMBIGUOUS);
	put("Other", 0, "a", PRIO_LABEL, DICT_OK);
	put("other", 1, "b", PRIO_ALIAS, DICT_OK);
	ck_assert_int_eq(get("OTHER"), 1);
	ck_assert_str_eq(dict_slot(&d, "other", 5)->canon, "b");
}
END_TEST

/* Suggestions come from every spelling, labels and aliases included. */
START_TEST(test_suggest)
{
	put("EXS", 0, "EXS", PRIO_ID, DICT_OK);
	put("Expected standard", 0, "EXS", PRIO_LABEL, DICT_OK);
	put("GDS", 1, "GDS", PRIO_ID, DICT_OK);
	put("Greater depth", 1, "GDS", PRIO_LABEL, DICT_OK);
	ck_assert_str_eq(dict_suggest(&d, "EXT", 3), "EXS");
	ck_assert_str_eq(dict_suggest(&d, "greter depth", 12), "GDS");
	ck_assert_str_eq(dict_suggest(&d, "expected standrd", 16), "EXS");
	ck_assert_ptr_null(dict_suggest(&d, "something else entirely", 23));
}
END_TEST

/*
 * NA_FLAG and DEPRECATED are distinct bits above every index: a table
 * holding a not-assessed code and a deprecated alias tells them apart,
 * and masking with DICT_INDEX gives back the index either way.
 */
START_TEST(test_flags_distinct)
{
	int na, dep;

	ck_assert_int_eq(NA_FLAG & DEPRECATED, 0);
	ck_assert_int_eq((NA_FLAG | DEPRECATED) & DICT_INDEX, 0);
	ck_assert_int_gt(NA_FLAG, CLS_TERM << 16 | MAX_ENTRIES);
	ck_assert_int_gt(DEPRECATED, CLS_TERM << 16 | MAX_ENTRIES);
	put("A", NA_FLAG | 2, "A", PRIO_ID, DICT_OK);
	put("S", DEPRECATED | 2, "K", PRIO_ALIAS, DICT_OK);
	put("K", 2, "K", PRIO_ID, DICT_OK);
	put("last", NA_FLAG | MAX_ENTRIES, "last", PRIO_ID, DICT_OK);
	na = get("a");
	dep = get("s");
	ck_assert_int_ne(na & NA_FLAG, 0);
	ck_assert_int_eq(na & DEPRECATED, 0);
	ck_assert_int_ne(dep & DEPRECATED, 0);
	ck_assert_int_eq(dep & NA_FLAG, 0);
	ck_assert_int_eq(na & DICT_INDEX, 2);
	ck_assert_int_eq(dep & DICT_INDEX, 2);
	ck_assert_int_eq(get("K"), 2);
	ck_assert_int_eq(get("last") & DICT_INDEX, MAX_ENTRIES);
	ck_assert_int_eq(get("last") & DEPRECATED, 0);
}
END_TEST

/* Arena memory is zeroed, aligned and stays put across big requests. */
START_TEST(test_arena)
{
	char *a = arena_alloc(&arena, 10), *big, *c;
	size_t i;

	ck_assert_ptr_nonnull(a);
	for (i = 0; i < 10; i++)
		ck_assert_int_eq(a[i], 0);
	memcpy(a, "keep", 5);
	big = arena_alloc(&arena, 1 << 20);
	ck_assert_ptr_nonnull(big);
	ck_assert_int_eq(big[(1 << 20) - 1], 0);
	c = arena_alloc(&arena, 3);
	ck_assert_uint_eq((uintptr_t)c % _Alignof(max_align_t), 0);
	ck_assert_str_eq(a, "keep");
	ck_assert_str_eq(arena_strdup(&arena, "copy"), "copy");
	arena_free(&arena);
	ck_assert_ptr_null(arena.head);
	arena_free(&arena);
}
END_TEST

static Suite *
scheme_table_suite(void)
{
	Suite *s = suite_create("scheme_table");
	TCase *tc = tcase_create("table");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_fold_lookup);
	tcase_add_test(tc, test_empty_table);
	tcase_add_test(tc, test_grow);
	tcase_add_test(tc, test_collisions);
	tcase_add_test(tc, test_labels);
	tcase_add_test(tc, test_suggest);
	tcase_add_test(tc, test_flags_distinct);
	tcase_add_test(tc, test_arena);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(scheme_table_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
