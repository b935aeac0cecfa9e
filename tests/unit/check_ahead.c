/*
 * check_ahead.c - unit tests for lib/base/ahead.c: pieces filled on
 * several threads and put in order; a fill that fails, a put that stops,
 * and the pieces filled but not put freed.
 */
#include <check.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check_main.h"
#include "base/ahead.h"

enum { N = 500 };

struct run {
	size_t fail_at;		/* the fill that fails, or N */
	size_t stop_at;		/* the put that stops, or N */
	size_t order[N];	/* the pieces in the order they were put */
	size_t nput;
	size_t filled;		/* pieces filled (atomically counted) */
	size_t dropped;		/* pieces dropped (the caller's thread) */
	unsigned char seen[N];	/* a piece filled twice would show here */
	int twice;
	pthread_mutex_t mu;
};

/* A piece: its index and a little work, uneven, so threads overtake. */
static void *
fill(void *ctx, size_t i)
{
	struct run *r = ctx;
	size_t *piece;
	struct timespec ts = { 0, (long)(i % 7) * 20000 };

	if (i == r->fail_at)
		return NULL;
	nanosleep(&ts, NULL);
	piece = malloc(sizeof *piece);
	if (piece == NULL)
		return NULL;
	*piece = i;
	pthread_mutex_lock(&r->mu);
	r->filled++;
	r->twice |= r->seen[i];
	r->seen[i] = 1;
	pthread_mutex_unlock(&r->mu);
	return piece;
}

static int
put(void *ctx, size_t i, void *piece)
{
	struct run *r = ctx;
	size_t got = *(size_t *)piece;

	free(piece);
	if (got != i)
		return 99;	/* a piece put under another's number */
	if (i == r->stop_at)
		return 3;
	r->order[r->nput++] = got;
	return 0;
}

static void
drop(void *ctx, void *piece)
{
	((struct run *)ctx)->dropped++;
	free(piece);
}

static struct run *
new_run(size_t fail_at, size_t stop_at)
{
	struct run *r = calloc(1, sizeof *r);

	ck_assert_ptr_nonnull(r);
	r->fail_at = fail_at;
	r->stop_at = stop_at;
	pthread_mutex_init(&r->mu, NULL);
	return r;
}

static void
free_run(struct run *r)
{
	pthread_mutex_destroy(&r->mu);
	free(r);
}

START_TEST(in_order)
{
	static const unsigned threads[] = { 0, 1, 2, 3, 8, 64 };
	size_t t, i;

	for (t = 0; t < sizeof threads / sizeof threads[0]; t++) {
		struct run *r = new_run(N, N);

		ck_assert_int_eq(ahead_run(N, threads[t], fill, put, drop, r),
		    0);
		ck_assert_uint_eq(r->nput, N);
		for (i = 0; i < N; i++)
			ck_assert_uint_eq(r->order[i], i);
		ck_assert_uint_eq(r->filled, N);
		ck_assert_int_eq(r->twice, 0);
		ck_assert_uint_eq(r->dropped, 0);
		free_run(r);
	}
}
END_TEST

START_TEST(none_and_one)
{
	struct run *r = new_run(N, N);

	ck_assert_int_eq(ahead_run(0, 2, fill, put, drop, r), 0);
	ck_assert_uint_eq(r->filled, 0);
	ck_assert_int_eq(ahead_run(1, 2, fill, put, drop, r), 0);
	ck_assert_uint_eq(r->nput, 1);
	free_run(r);
}
END_TEST

/*
 * A fill that fails: -1, the pieces before it all put, none after it;
 * every piece filled is put or dropped (ASan's leak check sees the rest).
 */
START_TEST(fill_fails)
{
	static const unsigned threads[] = { 1, 2, 4 };
	size_t t, i;

	for (t = 0; t < sizeof threads / sizeof threads[0]; t++) {
		struct run *r = new_run(123, N);

		ck_assert_int_eq(ahead_run(N, threads[t], fill, put, drop, r),
		    -1);
		ck_assert_uint_eq(r->nput, 123);
		for (i = 0; i < r->nput; i++)
			ck_assert_uint_eq(r->order[i], i);
		ck_assert_uint_eq(r->filled, r->nput + r->dropped);
		ck_assert_uint_le(r->dropped, AHEAD_RING);
		free_run(r);
	}
}
END_TEST

/* A put that stops: its value, and nothing put after it. */
START_TEST(put_stops)
{
	static const unsigned threads[] = { 1, 2, 4 };
	size_t t;

	for (t = 0; t < sizeof threads / sizeof threads[0]; t++) {
		struct run *r = new_run(N, 40);

		ck_assert_int_eq(ahead_run(N, threads[t], fill, put, drop, r),
		    3);
		ck_assert_uint_eq(r->nput, 40);
		/* The piece that stopped was freed by put itself. */
		ck_assert_uint_eq(r->filled, r->nput + 1 + r->dropped);
		ck_assert_uint_le(r->filled, 40 + 1 + AHEAD_RING);
		free_run(r);
	}
}
END_TEST

static Suite *
ahead_suite(void)
{
	Suite *s = suite_create("ahead");
	TCase *tc = tcase_create("ahead");

	tcase_add_test(tc, in_order);
	tcase_add_test(tc, none_and_one);
	tcase_add_test(tc, fill_fails);
	tcase_add_test(tc, put_stops);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(ahead_suite())
