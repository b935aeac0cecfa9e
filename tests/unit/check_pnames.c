/*
 * check_pnames.c - unit tests for lib/report/pnames.c: one name per
 * pupil, the last one read that is not blank, kept without growing with
 * rows.
 */
#include <check.h>
#include <string.h>

#include "check_main.h"
#include "report/pnames.h"

static track_str
S(const char *s)
{
	track_str t = { s, strlen(s) };

	return t;
}

static const char *
name_of(const struct pnames *pn, const track_buf *disp, long id)
{
	return disp->ptr + pn->name[id];
}

START_TEST(last_name_wins)
{
	struct pnames pn;
	track_buf disp = { 0 };
	long a, b;

	ck_assert_int_eq(pnames_init(&pn, 1), 0);
	ck_assert_int_ge(buf_append(&disp, "", 0, 1), 0);
	a = pnames_intern(&pn, &disp, S("p1"), S("Amara Lindqvist"));
	b = pnames_intern(&pn, &disp, S("p2"), S(""));
	ck_assert_int_ne(a, b);
	ck_assert_str_eq(name_of(&pn, &disp, b), "p2");	/* no name: the id */
	ck_assert_int_eq(pnames_intern(&pn, &disp, S("p1"),
	    S("Lindqvist, Amara")), a);
	ck_assert_str_eq(name_of(&pn, &disp, a), "Lindqvist, Amara");
	/* A blank name leaves the known one, from the cache or the map. */
	ck_assert_int_eq(pnames_intern(&pn, &disp, S("p1"), S("")), a);
	ck_assert_int_eq(pnames_intern(&pn, &disp, S("p2"), S("")), b);
	ck_assert_int_eq(pnames_intern(&pn, &disp, S("p1"), S("")), a);
	ck_assert_str_eq(name_of(&pn, &disp, a), "Lindqvist, Amara");
	/* A name for an id-named pupil replaces the id. */
	pnames_intern(&pn, &disp, S("p2"), S("Bo"));
	ck_assert_str_eq(name_of(&pn, &disp, b), "Bo");
	pnames_free(&pn);
	buf_free(&disp);
}
END_TEST

START_TEST(memory_follows_pupils)
{
	struct pnames pn;
	track_buf disp = { 0 };
	size_t used;
	int i;

	ck_assert_int_eq(pnames_init(&pn, 1), 0);
	ck_assert_int_ge(buf_append(&disp, "", 0, 1), 0);
	pnames_intern(&pn, &disp, S("p1"), S("Amara"));
	pnames_intern(&pn, &disp, S("p2"), S("Bo"));
	used = disp.len;
	for (i = 0; i < 1000; i++) {	/* interleaved: no cache hit */
		pnames_intern(&pn, &disp, S("p1"), S("Amara"));
		pnames_intern(&pn, &disp, S("p2"), S("Bo"));
	}
	ck_assert_uint_eq(disp.len, used);
	pnames_free(&pn);
	buf_free(&disp);
}
END_TEST

START_TEST(ids_without_names)
{
	struct pnames pn;
	track_buf disp = { 0 };

	ck_assert_int_eq(pnames_init(&pn, 0), 0);
	ck_assert_int_eq(pnames_intern(&pn, &disp, S("p1"), S("Amara")), 0);
	ck_assert_int_eq(pnames_intern(&pn, &disp, S("p2"), S("Bo")), 1);
	ck_assert_int_eq(pnames_intern(&pn, &disp, S("p1"), S("")), 0);
	ck_assert_ptr_null(pn.name);	/* nothing kept */
	ck_assert_uint_eq(disp.len, 0);
	pnames_free(&pn);
	buf_free(&disp);
}
END_TEST

static Suite *
pnames_suite(void)
{
	Suite *s = suite_create("pnames");
	TCase *tc = tcase_create("pnames");

	tcase_add_test(tc, last_name_wins);
	tcase_add_test(tc, memory_follows_pupils);
	tcase_add_test(tc, ids_without_names);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(pnames_suite())
