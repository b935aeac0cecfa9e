/* utf8.c - UTF-8 validation and display width; see utf8.h. */
#include "utf8.h"

#include <stdint.h>
#include <string.h>

/*
 * Decodes one sequence at s[0..len).  Returns its length and stores the
 * code point, 0 when the sequence is invalid, or -1 when it is a valid
 * prefix cut off by the end of the buffer.
 */
static int
decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	unsigned char c = s[0];
	int n, i;
	uint32_t v, min;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		v = c & 0x1F;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		v = c & 0x0F;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		v = c & 0x07;
		min = 0x10000;
	} else {
		return 0;
	}
	for (i = 1; i < n; i++) {
		if ((size_t)i >= len)
			return -1;
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return n;
}

static size_t
valid_prefix(const char *str, size_t len, int partial)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	uint32_t cp;
	int n;

	while (i < len) {
		/* Fast path: eight ASCII bytes at a time. */
		while (i + 8 <= len) {
			uint64_t w;

			memcpy(&w, s + i, 8);
			if (w & 0x8080808080808080ULL)
				break;
			i += 8;
		}
		if (i >= len)
			break;
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		n = decode(s + i, len - i, &cp);
		if (n == -1)
			return partial ? len : i;
		if (n == 0)
			return i;
		i += (size_t)n;
	}
	return len;
}

size_t
utf8_valid_prefix(const char *s, size_t len)
{
	return valid_prefix(s, len, 0);
}

size_t
utf8_valid_prefix_partial(const char *s, size_t len)
{
	return valid_prefix(s, len, 1);
}

static int
is_combining(uint32_t c)
{
	return (c >= 0x0300 && c <= 0x036F) || (c >= 0x1AB0 && c <= 0x1AFF) ||
	    (c >= 0x1DC0 && c <= 0x1DFF) || (c >= 0x20D0 && c <= 0x20FF) ||
	    (c >= 0xFE20 && c <= 0xFE2F) || c == 0x200B || c == 0x200C ||
	    c == 0x200D || c == 0xFE0F;
}

static int
is_wide(uint32_t c)
{
	return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
	    (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
	    (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
	    (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||
	    (c >= 0x1F900 && c <= 0x1F9FF) || (c >= 0x20000 && c <= 0x3FFFD);
}

size_t
utf8_width(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, w = 0;
	uint32_t cp;
	int n;

	while (i < len) {
		if (s[i] < 0x80) {
			w++;
			i++;
			continue;
		}
		n = decode(s + i, len - i, &cp);
		if (n <= 0) {
			w++;
			i++;
			continue;
		}
		i += (size_t)n;
		if (is_combining(cp))
			continue;
		w += is_wide(cp) ? 2 : 1;
	}
	return w;
}
