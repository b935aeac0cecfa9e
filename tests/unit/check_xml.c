/*
 * check_xml.c - unit tests for lib/base/xml.c: XML escaping, so that any
 * text makes well-formed XML.
 */
#include <check.h>
#include <string.h>

#include "check_main.h"
#include "base/xml.h"

/* `in` (n bytes) escaped must be `want`. */
static void
esc(const char *in, size_t n, const char *want)
{
	track_buf b = { 0 };

	ck_assert_int_eq(xml_escape(&b, in, n), 0);
	ck_assert_uint_eq(b.len, strlen(want));
	ck_assert(b.len == 0 || memcmp(b.ptr, want, b.len) == 0);
	buf_free(&b);
}

START_TEST(entities)
{
	esc("O'Brien <&> \"Jo\"", 16,
	    "O&apos;Brien &lt;&amp;&gt; &quot;Jo&quot;");
	esc("plain", 5, "plain");
	esc("", 0, "");
	esc("a\tb\nc\rd", 7, "a\tb\nc&#13;d");
	esc("]]>", 3, "]]&gt;");
}
END_TEST

START_TEST(not_allowed)
{
	/* Controls, NUL, bad UTF-8 and U+FFFE become U+FFFD; good UTF-8
	 * (Siân, 😀) stays. */
	esc("a\x01" "b", 3, "a\xef\xbf\xbd" "b");
	esc("a\0b", 3, "a\xef\xbf\xbd" "b");
	esc("\xff\xc3", 2, "\xef\xbf\xbd\xef\xbf\xbd");
	esc("\xc3", 1, "\xef\xbf\xbd");
	esc("\xef\xbf\xbe", 3, "\xef\xbf\xbd");
	esc("Si\xc3\xa2n", 5, "Si\xc3\xa2n");
	esc("\xf0\x9f\x98\x80", 4, "\xf0\x9f\x98\x80");
	esc("\xed\xa0\x80", 3, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("xml");
	TCase *tc = tcase_create("xml");

	tcase_add_test(tc, entities);
	tcase_add_test(tc, not_allowed);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(suite())
