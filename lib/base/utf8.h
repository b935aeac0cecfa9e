/*
 * utf8.h - UTF-8 validation and display width.
 *
 * Pure functions over byte slices; nothing is allocated.
 */
#ifndef TRACK_UTF8_H
#define TRACK_UTF8_H

#include <stddef.h>

/*
 * Returns the offset of the first byte of `s` that does not start a valid,
 * complete UTF-8 sequence (overlong forms and surrogates are invalid), or
 * `len` when all of `s` is valid.
 */
size_t utf8_valid_prefix(const char *s, size_t len);

/*
 * Like utf8_valid_prefix, but an incomplete sequence cut off by the end of
 * `s` counts as valid (for chunks of a longer stream).
 */
size_t utf8_valid_prefix_partial(const char *s, size_t len);

/*
 * Returns the number of terminal columns `s` occupies: combining marks
 * take none, East Asian wide characters two, everything else one.
 * Invalid bytes count one each.
 */
size_t utf8_width(const char *s, size_t len);

#endif
