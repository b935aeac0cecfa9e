/* check_buf.c - unit tests for lib/base/buf.c. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "base/buf.h"

START_TEST(empty_is_ready)
{
	track_buf b = { 0 };

	ck_assert_int_eq(buf_reserve(&b, 0), 0);
	ck_assert_uint_eq(b.len, 0);
	buf_free(&b);
	buf_free(&b);		/* twice is harmless */
	ck_assert_ptr_null(b.ptr);
}
END_TEST

START_TEST(append_offsets_and_nul)
{
	track_buf b = { 0 };
	long a, c, e;

	a = buf_append(&b, "abc", 3, 1);
	c = buf_append(&b, "", 0, 1);
	e = buf_append(&b, "xy", 2, 0);
	ck_assert_int_eq(a, 0);
	ck_assert_int_eq(c, 4);
	ck_assert_int_eq(e, 5);
	ck_assert_uint_eq(b.len, 7);
	ck_assert_str_eq(b.ptr + a, "abc");
	ck_assert_str_eq(b.ptr + c, "");
	ck_assert_mem_eq(b.ptr + e, "xy", 2);
	buf_free(&b);
	ck_assert_uint_eq(b.len, 0);
}
END_TEST

/* Appending nothing to an empty buffer leaves an allocated buffer (fuzz_merge
 * found a zero offset applied to NULL here, under UBSan). */
START_TEST(append_nothing_to_empty)
{
	track_buf b = { 0 };

	ck_assert_int_eq(buf_append(&b, "", 0, 0), 0);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_ptr_nonnull(b.ptr);
	buf_free(&b);
}
END_TEST

START_TEST(grows_and_keeps_content)
{
	track_buf b = { 0 };
	char chunk[1000];
	size_t i;

	for (i = 0; i < sizeof chunk; i++)
		chunk[i] = (char)('a' + i % 26);
	for (i = 0; i < 5000; i++)
		ck_assert_int_eq(buf_append(&b, chunk, sizeof chunk, 0),
		    (long)(i * sizeof chunk));
	ck_assert_uint_eq(b.len, 5000 * sizeof chunk);
	ck_assert(b.cap >= b.len);
	for (i = 0; i < 5000; i++)
		ck_assert_mem_eq(b.ptr + i * sizeof chunk, chunk,
		    sizeof chunk);
	ck_assert_int_eq(buf_reserve(&b, 1 << 20), 0);
	ck_assert(b.cap >= b.len + (1 << 20));
	buf_free(&b);
}
END_TEST

/*
 * Growth: twice the room, or just what is asked when that is more (a
 * 16 MiB field's bound is not rounded up to 32 MiB, so that track-assess
 * with a reading thread still fits a long field in a 128 MiB address
 * space); a request that cannot be met fails and leaves the buffer be.
 */
START_TEST(grows_twice_or_as_asked)
{
	track_buf b = { 0 };
	size_t big = ((size_t)16 << 20) + 5;

	ck_assert_int_eq(buf_reserve(&b, 10), 0);
	ck_assert_uint_eq(b.cap, 4096);
	b.len = 4000;
	ck_assert_int_eq(buf_reserve(&b, 200), 0);
	ck_assert_uint_eq(b.cap, 8192);
	ck_assert_int_eq(buf_reserve(&b, big), 0);
	ck_assert_uint_eq(b.cap, 4000 + big);
	ck_assert_int_eq(buf_reserve(&b, SIZE_MAX - 10), -1);
	ck_assert_uint_eq(b.cap, 4000 + big);
	ck_assert_uint_eq(b.len, 4000);
	buf_free(&b);
}
END_TEST

/* Varints read back what was written, in the sizes the format gives. */
START_TEST(varints_round_trip)
{
	static const uint64_t vals[] = {
		0, 1, 127, 128, 300, 16383, 16384, 0xffffffffULL,
		0x0123456789abcdefULL, UINT64_MAX,
	};
	static const size_t sizes[] = { 1, 1, 1, 2, 2, 2, 3, 5, 9, 10 };
	track_buf b = { NULL, 0, 0 };
	char one[10];
	const char *p;
	size_t i;

	for (i = 0; i < sizeof vals / sizeof vals[0]; i++) {
		ck_assert_uint_eq((size_t)(buf_put_varint(one, vals[i]) - one),
		    sizes[i]);
		ck_assert_int_eq(buf_append_varint(&b, vals[i]), 0);
	}
	p = b.ptr;
	for (i = 0; i < sizeof vals / sizeof vals[0]; i++)
		ck_assert(buf_read_varint(&p) == vals[i]);
	ck_assert(p == b.ptr + b.len);
	buf_free(&b);
}
END_TEST

/* buf_copy_short copies exactly n bytes, for every n up to 40. */
START_TEST(copy_short_exact)
{
	char src[48], dst[48];
	size_t n, i;

	for (i = 0; i < sizeof src; i++)
		src[i] = (char)('a' + i % 26);
	for (n = 0; n <= 40; n++) {
		memset(dst, '#', sizeof dst);
		buf_copy_short(dst + 1, src, n);
		ck_assert(dst[0] == '#');
		ck_assert(memcmp(dst + 1, src, n) == 0);
		ck_assert(dst[n + 1] == '#');
	}
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("buf");
	TCase *tc = tcase_create("buf");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, empty_is_ready);
	tcase_add_test(tc, append_offsets_and_nul);
	tcase_add_test(tc, append_nothing_to_empty);
	tcase_add_test(tc, grows_and_keeps_content);
	tcase_add_test(tc, grows_twice_or_as_asked);
	tcase_add_test(tc, varints_round_trip);
	tcase_add_test(tc, copy_short_exact);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
