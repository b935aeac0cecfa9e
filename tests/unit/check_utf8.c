/*
 * check_utf8.c - unit tests for lib/base/utf8.c: validation (whole and
 * chunked) and display width.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* utf8_valid_prefix of a literal (which may hold NUL bytes). */
#define VP(lit) utf8_valid_prefix((lit), sizeof(lit) - 1)
#define VPP(lit) utf8_valid_prefix_partial((lit), sizeof(lit) - 1)
#define W(lit) utf8_width((lit), sizeof(lit) - 1)

START_TEST(valid)
{
	ck_assert_uint_eq(VP(""), 0);
	ck_assert_uint_eq(VP("plain ascii, long enough for 8-byte steps"),
	    41);
	ck_assert_uint_eq(VP("\0nul\0"), 5);
	ck_assert_uint_eq(VP("Zo\xC3\xAB"), 4);
	ck_assert_uint_eq(VP("\xE2\x82\xAC"), 3);
	ck_assert_uint_eq(VP("\xF0\x9F\x98\x80"), 4);
	/* The extremes: U+0080, U+07FF, U+0800, U+FFFF, U+10000, U+10FFFF. */
	ck_assert_uint_eq(VP("\xC2\x80\xDF\xBF\xE0\xA0\x80\xEF\xBF\xBF"
	    "\xF0\x90\x80\x80\xF4\x8F\xBF\xBF"), 18);
	/* U+D7FF and U+E000, either side of the surrogates. */
	ck_assert_uint_eq(VP("\xED\x9F\xBF\xEE\x80\x80"), 6);
}
END_TEST

START_TEST(invalid)
{
	static const struct {
		const char *s;
		size_t len, bad;
	} cases[] = {
		{ "\x80", 1, 0 },			/* lone continuation */
		{ "ab\xBF", 3, 2 },
		{ "\xC0\xAF", 2, 0 },			/* overlong / */
		{ "\xC1\xBF", 2, 0 },
		{ "\xE0\x80\xAF", 3, 0 },		/* overlong, 3 bytes */
		{ "\xE0\x9F\xBF", 3, 0 },
		{ "\xF0\x80\x80\xAF", 4, 0 },		/* overlong, 4 bytes */
		{ "\xF0\x8F\xBF\xBF", 4, 0 },
		{ "x\xED\xA0\x80", 4, 1 },		/* surrogate D800 */
		{ "x\xED\xBF\xBF", 4, 1 },		/* surrogate DFFF */
		{ "\xF4\x90\x80\x80", 4, 0 },		/* U+110000 */
		{ "\xF5\x80\x80\x80", 4, 0 },
		{ "\xFE", 1, 0 },
		{ "\xFF", 1, 0 },
		{ "ok\xC3" "A", 4, 2 },			/* cut short */
		{ "\xE2\x82" "A", 3, 0 },
		{ "\xF0\x9F\x98" "A", 4, 0 },
		{ "\xC3", 1, 0 },			/* cut by the end */
		{ "Zo\xE2\x82", 4, 2 },
		{ "\xF0\x9F\x98", 3, 0 },
	};
	size_t i;

	for (i = 0; i < N(cases); i++)
		ck_assert_msg(utf8_valid_prefix(cases[i].s, cases[i].len) ==
		    cases[i].bad, "case %zu: %zu, want %zu", i,
		    utf8_valid_prefix(cases[i].s, cases[i].len), cases[i].bad);
}
END_TEST

START_TEST(invalid_every_offset)
{
	char buf[40];
	size_t at;

	/* One bad byte at each offset around the 8-byte fast path. */
	for (at = 0; at < 32; at++) {
		memset(buf, 'a', sizeof buf);
		buf[at] = (char)0xFF;
		ck_assert_uint_eq(utf8_valid_prefix(buf, sizeof buf), at);
		memcpy(buf + at, "\xC3\xA9", 2);
		ck_assert_uint_eq(utf8_valid_prefix(buf, sizeof buf),
		    sizeof buf);
	}
}
END_TEST

START_TEST(partial)
{
	/* A sequence cut off by the end of a chunk is fine here... */
	ck_assert_uint_eq(VPP("Zo\xC3"), 3);
	ck_assert_uint_eq(VPP("\xE2\x82"), 2);
	ck_assert_uint_eq(VPP("abc\xF0\x9F\x98"), 6);
	ck_assert_uint_eq(VPP("\xF0"), 1);
	/* ...but not one cut short by another byte, or never valid. */
	ck_assert_uint_eq(VPP("\xE2\x82" "A"), 0);
	ck_assert_uint_eq(VPP("ab\xFF"), 2);
	ck_assert_uint_eq(VPP("ab\xC0"), 2);
	ck_assert_uint_eq(VPP("ab\x80"), 2);
	ck_assert_uint_eq(VPP("valid\xC3\xA9"), 7);
}
END_TEST

START_TEST(width)
{
	ck_assert_uint_eq(W(""), 0);
	ck_assert_uint_eq(W("name"), 4);
	ck_assert_uint_eq(W("Zo\xC3\xAB"), 3);		/* Zoë */
	ck_assert_uint_eq(W("Zoe\xCC\x88"), 3);		/* e + combining */
	ck_assert_uint_eq(W("\xE4\xB8\xAD\xE6\x96\x87"), 4);	/* 中文 */
	ck_assert_uint_eq(W("\xED\x95\x9C"), 2);	/* 한 */
	ck_assert_uint_eq(W("\xEF\xBC\xA1"), 2);	/* fullwidth A */
	ck_assert_uint_eq(W("\xF0\x9F\x98\x80"), 2);	/* emoji */
	ck_assert_uint_eq(W("\xE2\x82\xAC"), 1);	/* euro */
	ck_assert_uint_eq(W("a\xE2\x80\x8D" "b"), 2);	/* zero-width joiner */
	/* Invalid bytes count one each. */
	ck_assert_uint_eq(W("\xFF\xFE"), 2);
	ck_assert_uint_eq(W("a\xC3"), 2);
	ck_assert_uint_eq(W("\xED\xA0\x80"), 3);
}
END_TEST

static Suite *
utf8_suite(void)
{
	Suite *s = suite_create("utf8");
	TCase *tc = tcase_create("utf8");

	tcase_add_test(tc, valid);
	tcase_add_test(tc, invalid);
	tcase_add_test(tc, invalid_every_offset);
	tcase_add_test(tc, partial);
	tcase_add_test(tc, width);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(utf8_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
