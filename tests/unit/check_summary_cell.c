/*
 * check_summary_cell.c - unit tests for lib/report/summary_cell.c, cells
 * and counting: one cell per key (found again, not made twice, however
 * many), scores merged into a histogram (squeezed as they come), cells
 * added up and cleared, entries counted into cells once by sum_build,
 * and a combined subject counted only for pupils with every part.
 */
#include "summary_fixture.h"

#include <math.h>

/* A key's cell is made once and found again; another key, another cell. */
START_TEST(cell_get_once)
{
	struct summary_opts o = fx_opts();
	track_summary *m = fx_run(&o, "pupil,subject,point,value", NULL);
	long g[MAXBY] = { 0 };
	struct cell *a, *b, *c;

	a = sum_cell_get(m, 0, 0, 5, g);
	ck_assert_ptr_nonnull(a);
	a->cnt[0] = 7;
	b = sum_cell_get(m, 0, 0, 5, g);
	ck_assert_ptr_nonnull(b);
	ck_assert_int_eq(b->cnt[0], 7);
	ck_assert_uint_eq(m->ncell, 1);
	c = sum_cell_get(m, 0, 0, 6, g);
	ck_assert_ptr_nonnull(c);
	ck_assert_uint_eq(m->ncell, 2);
	ck_assert_int_eq(c->point, 6);
	ck_assert_int_eq(c->cnt[0], 0);
	summary_free(m);
}
END_TEST

/* Scores are sorted and equal ones merged, their counts added. */
START_TEST(compress_scores)
{
	struct cell c;

	memset(&c, 0, sizeof c);
	ck_assert_int_eq(sum_cell_score(&c, 102, 1), 0);
	ck_assert_int_eq(sum_cell_score(&c, 95, 2), 0);
	ck_assert_int_eq(sum_cell_score(&c, 102, 3), 0);
	sum_compress(&c);
	ck_assert_uint_eq(c.nh, 2);
	ck_assert(c.h[0].v == 95 && c.h[0].c == 2);
	ck_assert(c.h[1].v == 102 && c.h[1].c == 4);
	sum_cell_clear(&c);
	ck_assert_uint_eq(c.nh, 0);
	ck_assert_ptr_null(c.h);
}
END_TEST

/* The reference: every score kept, sorted stably, equal ones merged. */
struct refhv {
	double v;
	long long c;
	size_t at;	/* when it was added: the tie-break of a stable sort */
};

static int
cmp_refhv(const void *x, const void *y)
{
	const struct refhv *a = x, *b = y;

	if (a->v != b->v)
		return a->v < b->v ? -1 : 1;
	return a->at < b->at ? -1 : a->at > b->at;
}

/*
 * Many scores into one cell, squeezed as they come (sum_cell_score): the
 * histogram is what one sort of them all gives, with the first of two
 * equal scores (0 and -0) kept, and its room stays a few times its
 * distinct scores.  Then every score distinct, so that squeezing frees
 * nothing and the histogram has to grow.
 */
START_TEST(squeeze_scores)
{
	enum { N = 60000, ALL = N + 5003 };
	struct refhv *ref = malloc(ALL * sizeof *ref);
	struct cell c;
	size_t i, k, n = 0;
	unsigned x = 12345;

	ck_assert_ptr_nonnull(ref);
	memset(&c, 0, sizeof c);
	for (i = 0; i < N; i++) {
		double v;

		x = x * 1103515245u + 12345u;
		v = (double)((x >> 16) % 301) / 2 - 20;	/* -20 .. 130 */
		if (i == 7)
			v = 0.0;
		else if (i == 9000)
			v = -0.0;
		ref[n].v = v;
		ref[n].c = 1 + (long long)(i % 3);
		ref[n].at = n;
		ck_assert_int_eq(sum_cell_score(&c, v, ref[n].c), 0);
		n++;
	}
	ck_assert_uint_le(c.hcap, 8 * 301);
	/* A score already sorted is counted where it is. */
	sum_compress(&c);
	k = c.nh;
	ck_assert_int_eq(sum_cell_score(&c, 130, 1), 0);
	ck_assert_int_eq(sum_cell_score(&c, -20, 1), 0);
	ck_assert_int_eq(sum_cell_score(&c, 55.5, 1), 0);
	ck_assert_uint_eq(c.nh, k);
	ref[n].v = 130;
	ref[n + 1].v = -20;
	ref[n + 2].v = 55.5;
	for (i = 0; i < 3; i++, n++) {
		ref[n].c = 1;
		ref[n].at = n;
	}
	for (i = 0; i < 5000; i++, n++) {
		ref[n].v = 1000 + (double)((i * 7919) % 5000);
		ref[n].c = 1;
		ref[n].at = n;
		ck_assert_int_eq(sum_cell_score(&c, ref[n].v, 1), 0);
	}
	sum_compress(&c);
	qsort(ref, n, sizeof *ref, cmp_refhv);
	for (i = 1, k = 0; i < n; i++) {
		if (ref[i].v == ref[k].v)
			ref[k].c += ref[i].c;
		else
			ref[++k] = ref[i];
	}
	ck_assert_uint_eq(c.nh, k + 1);
	for (i = 0; i <= k; i++) {
		ck_assert(c.h[i].v == ref[i].v);
		ck_assert_int_eq(c.h[i].c, ref[i].c);
		ck_assert_int_eq(signbit(c.h[i].v) != 0,
		    signbit(ref[i].v) != 0);
	}
	ck_assert(c.h[40].v == 0.0 && !signbit(c.h[40].v));
	sum_cell_clear(&c);
	free(ref);
}
END_TEST

/*
 * More cells than the memo has slots, asked for in turn and again: each
 * key finds its own cell, however the memo's slots are shared (1,000
 * points of one subject cannot have a slot each).
 */
START_TEST(cell_memo_many)
{
	struct summary_opts o = fx_opts();
	track_summary *m = fx_run(&o, "pupil,subject,point,value", NULL);
	long g[MAXBY] = { 0 };
	struct cell *c;
	int round, s, p;

	for (round = 0; round < 3; round++)
		for (p = 0; p < 1000; p++)
			for (s = 0; s < 2; s++) {
				c = sum_cell_get(m, s, s % 2, p, g);
				ck_assert_ptr_nonnull(c);
				if (round == 0)
					c->cnt[0] = s * 1000 + p;
				ck_assert_int_eq(c->subj, s);
				ck_assert_int_eq(c->meas, s % 2);
				ck_assert_int_eq(c->point, p);
				ck_assert_int_eq(c->cnt[0], s * 1000 + p);
			}
	ck_assert_uint_eq(m->ncell, 2000);
	summary_free(m);
}
END_TEST

/* Adding a cell adds its counts, scores and names. */
START_TEST(cell_add)
{
	struct cell a, b;

	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	a.cnt[1] = 2;
	b.cnt[1] = 3;
	b.cnt[B_MISSING] = 1;
	ck_assert_int_eq(sum_cell_score(&b, 10, 1), 0);
	ck_assert_int_eq(sum_cell_name(&b, 1, 42), 0);
	ck_assert_int_eq(sum_cell_add(&a, &b), 0);
	ck_assert_int_eq(a.cnt[1], 5);
	ck_assert_int_eq(a.cnt[B_MISSING], 1);
	ck_assert_uint_eq(a.nh, 1);
	ck_assert_uint_eq(a.pl[1].n, 1);
	ck_assert_uint_eq(a.pl[1].off[0], 42);
	ck_assert_int_eq(cell_n(&a), 6);
	sum_cell_clear(&a);
	sum_cell_clear(&b);
}
END_TEST

/* sum_build counts each entry once, into the bucket of its band. */
START_TEST(build_counts)
{
	static const char *const rows[] = {
		"p1,reading,2025-26.summer,WTS",
		"p2,reading,2025-26.summer,EXS",
		"p3,reading,2025-26.summer,EXS",
		"p3,maths,2025-26.summer,A",
		NULL
	};
	struct summary_opts o = fx_opts();
	track_summary *m = fx_run(&o, "pupil,subject,point,value", rows);
	track_error err;
	long long total = 0;
	size_t i, b;

	error_clear(&err);
	ck_assert_int_eq(sum_build(m, &err), 0);
	ck_assert_uint_eq(m->ncell, 2);
	ck_assert_int_eq(sum_build(m, &err), 0);	/* once */
	ck_assert_uint_eq(m->ncell, 2);
	for (i = 0; i < m->ncell; i++)
		for (b = 0; b < NBUCKET; b++)
			total += m->cell[i].cnt[b];
	ck_assert_int_eq(total, 4);
	summary_free(m);
}
END_TEST

/* A combined subject counts only the pupils with every part. */
START_TEST(combine_needs_all)
{
	static const char *const rows[] = {
		"p1,reading,2025-26.summer,EXS",
		"p1,writing,2025-26.summer,EXS",
		"p1,maths,2025-26.summer,GDS",
		"p2,reading,2025-26.summer,EXS",
		"p2,maths,2025-26.summer,EXS",
		NULL
	};
	static const char *const combine[] = {
		"rwm=reading+writing+maths"
	};
	struct summary_opts o = fx_opts();
	track_summary *m;
	char *csv;

	o.combine = combine;
	o.ncombine = 1;
	m = fx_run(&o, "pupil,subject,point,value", rows);
	csv = fx_table(m);
	/* p1 is at the standard in all three (worst part: EXS). */
	ck_assert_msg(strstr(csv, "rwm,ta,2025-26.summer,1,0,0.0,1,100.0")
	    != NULL, "%s", csv);
	free(csv);
	summary_free(m);
}
END_TEST

static Suite *
cell_suite(void)
{
	Suite *s = suite_create("summary_cell");
	TCase *tc = tcase_create("cells");

	tcase_add_checked_fixture(tc, setup_default, teardown_default);
	tcase_add_test(tc, cell_get_once);
	tcase_add_test(tc, compress_scores);
	tcase_add_test(tc, squeeze_scores);
	tcase_add_test(tc, cell_memo_many);
	tcase_add_test(tc, cell_add);
	tcase_add_test(tc, build_counts);
	tcase_add_test(tc, combine_needs_all);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(cell_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
