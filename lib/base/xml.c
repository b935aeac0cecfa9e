/*
 * xml.c - XML escaping of text; see xml.h.
 */
#include "xml.h"

#include <string.h>

#include "utf8.h"

static const char replacement[] = "\xef\xbf\xbd";	/* U+FFFD */

/* The entity for byte c, or NULL when it goes out as it is. */
static const char *
entity(unsigned char c)
{
	switch (c) {
	case '&': return "&amp;";
	case '<': return "&lt;";
	case '>': return "&gt;";
	case '"': return "&quot;";
	case '\'': return "&apos;";
	case '\r': return "&#13;";
	case '\t': case '\n': return NULL;
	default: return c < 0x20 || c == 0x7f ? replacement : NULL;
	}
}

int
xml_escape(track_buf *out, const char *s, size_t n)
{
	size_t i = 0, run;
	const unsigned char *u = (const unsigned char *)s;
	const char *rep;

	while (i < n) {
		/* Plain ASCII goes out in one piece. */
		for (run = i; run < n && u[run] < 0x80 &&
		    entity(u[run]) == NULL; run++)
			;
		if (run > i && buf_append(out, s + i, run - i, 0) < 0)
			return -1;
		i = run;
		if (i == n)
			break;
		if (u[i] < 0x80) {
			rep = entity(u[i]);
			if (buf_append(out, rep, strlen(rep), 0) < 0)
				return -1;
			i++;
			continue;
		}
		/* One character: its length by the lead byte, if valid. */
		run = u[i] >= 0xf0 ? 4 : u[i] >= 0xe0 ? 3 : u[i] >= 0xc0 ? 2 : 1;
		if (run > n - i || utf8_valid_prefix(s + i, run) != run) {
			if (buf_append(out, replacement, 3, 0) < 0)
				return -1;
			i++;	/* a bad byte, one U+FFFD */
			continue;
		}
		if (run == 3 && u[i] == 0xef && u[i + 1] == 0xbf &&
		    u[i + 2] >= 0xbe) {
			if (buf_append(out, replacement, 3, 0) < 0)
				return -1;
			i += 3;	/* U+FFFE or U+FFFF */
			continue;
		}
		if (buf_append(out, s + i, run, 0) < 0)
			return -1;
		i += run;
	}
	return 0;
}
