/*
 * check_str.c - unit tests for lib/base/str.c: byte slices, the one trim,
 * list splitting and str_same_bytes.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"

#define S(z) ((track_str){ (z), sizeof(z) - 1 })

START_TEST(slices)
{
	track_str s = { "maths", 5 };

	ck_assert(str_eq(s, "maths"));
	ck_assert(!str_eq(s, "math"));
	ck_assert(!str_eq(s, "mathss"));
	ck_assert(!str_eq(s, "Maths"));
	ck_assert(!str_eq(s, ""));
	/* Only `len` bytes of the slice count. */
	ck_assert(str_eq((track_str){ "mathsXYZ", 5 }, "maths"));
	ck_assert(str_eq((track_str){ "abc", 0 }, ""));
	ck_assert(str_eq((track_str){ NULL, 0 }, ""));
	ck_assert(!str_eq((track_str){ "", 0 }, "a"));
	/* A NUL inside the slice is data. */
	ck_assert(!str_eq((track_str){ "a\0b", 3 }, "a"));
	ck_assert(!str_eq((track_str){ "a\0", 2 }, "a"));
}
END_TEST

START_TEST(trim_set)
{
	/* Every ASCII white space goes, from both ends, and nothing else. */
	track_str t = str_trim(S(" \t\r\n\v\fEXS\f\v\n\r\t "));

	ck_assert(str_eq(t, "EXS"));
	t = str_trim(S("\x85" "EXS" "\xa0"));
	ck_assert_uint_eq(t.len, 5);
	t = str_trim(S("  a b  "));
	ck_assert(str_eq(t, "a b"));
	t = str_trim(S("   "));
	ck_assert_uint_eq(t.len, 0);
	t = str_trim(S(""));
	ck_assert_uint_eq(t.len, 0);
	/* The fast path hands back the slice itself. */
	{
		const char *z = "GDS";
		track_str u = str_trim((track_str){ z, 3 });

		ck_assert_ptr_eq(u.ptr, z);
		ck_assert_uint_eq(u.len, 3);
	}
	/* One end only, either end. */
	ck_assert(str_eq(str_trim(S("x\r")), "x"));
	ck_assert(str_eq(str_trim(S("\tx")), "x"));
	ck_assert(str_space(' ') && str_space('\t') && str_space('\r'));
	ck_assert(!str_space('\0') && !str_space('\b') && !str_space('x'));
	ck_assert(!str_space(0x85) && !str_space(0xa0) && !str_space('\x0e'));
}
END_TEST

START_TEST(split_list)
{
	char **v;
	char src[] = "pupil,name,,year";

	ck_assert_int_eq(str_split(src, ',', &v), 4);
	/* The strings are a copy. */
	memset(src, 'x', sizeof src - 1);
	ck_assert_str_eq(v[0], "pupil");
	ck_assert_str_eq(v[1], "name");
	ck_assert_str_eq(v[2], "");
	ck_assert_str_eq(v[3], "year");
	free(v);
	ck_assert_int_eq(str_split("solo", ',', &v), 1);
	ck_assert_str_eq(v[0], "solo");
	free(v);
	ck_assert_int_eq(str_split("", ',', &v), 1);
	ck_assert_str_eq(v[0], "");
	free(v);
	ck_assert_int_eq(str_split(",", ',', &v), 2);
	ck_assert_str_eq(v[0], "");
	ck_assert_str_eq(v[1], "");
	free(v);
	ck_assert_int_eq(str_split("a,b;c", ';', &v), 2);
	ck_assert_str_eq(v[0], "a,b");
	ck_assert_str_eq(v[1], "c");
	free(v);
}
END_TEST

/*
 * str_same_bytes against memcmp: every length to 40, the two runs equal,
 * then differing in one byte at each place in turn (by one bit, or by a
 * byte that is zero), at offsets that are not aligned.
 */
START_TEST(same_bytes)
{
	char a[64], b[64];
	size_t n, i, off;
	int bit;

	for (off = 0; off < 3; off++)
		for (n = 0; n <= 40; n++) {
			for (i = 0; i < n; i++)
				a[off + i] = b[off + 1 + i] =
				    (char)('a' + (i * 7 + n) % 26);
			ck_assert_msg(str_same_bytes(a + off, b + off + 1, n),
			    "%zu bytes", n);
			for (i = 0; i < n; i++)
				for (bit = 0; bit < 9; bit += 8) {
					char keep = b[off + 1 + i];

					b[off + 1 + i] = bit < 8 ?
					    (char)(keep ^ 1 << bit) : 0;
					ck_assert_msg(!str_same_bytes(a + off,
					    b + off + 1, n), "%zu bytes, "
					    "byte %zu", n, i);
					b[off + 1 + i] = keep;
				}
		}
}
END_TEST

static Suite *
str_suite(void)
{
	Suite *s = suite_create("str");
	TCase *tc = tcase_create("str");

	tcase_add_test(tc, slices);
	tcase_add_test(tc, trim_set);
	tcase_add_test(tc, split_list);
	tcase_add_test(tc, same_bytes);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(str_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
