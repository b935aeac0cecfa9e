/*
 * xml.h - text made safe for XML: the one escaper every writer of XML
 * uses (track-pupil -F ctf).
 *
 * Ownership: the caller owns the buffer; nothing else is kept.
 */
#ifndef TRACK_XML_H
#define TRACK_XML_H

#include <stddef.h>

#include "buf.h"

/*
 * Appends `n` bytes of UTF-8 text to `out` as XML character data or an
 * attribute value: & < > " and ' become entities, and the characters
 * XML 1.0 does not allow at all (the C0 controls but tab, line feed and
 * carriage return; U+FFFE and U+FFFF; bytes that are not UTF-8) become
 * U+FFFD, so that the result is always well-formed.  Carriage returns are
 * written as &#13; so that a reader keeps them.  Returns 0, or -1 when
 * out of memory.
 */
int xml_escape(track_buf *out, const char *s, size_t n);

#endif
