/*
 * where.h - the -w/--where predicates of track-filter and the reports.
 *
 * An expression is one predicate on one column:
 *
 *   col=v        equal (byte for byte)        col!=v      not equal
 *   col=v1|v2    one of a set                 col!=v1|v2  none of a set
 *   col<n  col<=n  col>n  col>=n              numeric; false when the
 *                                             field is not a number
 *   col~regex    POSIX extended regular expression, anywhere in the field
 *   col!~regex   does not match
 *   col          not empty                    !col        empty
 *
 * An expression is parsed once, bound to a header once, and then matched
 * against every row without allocating.
 *
 * Ownership: where_parse returns an expression the caller frees with
 * where_free.  It keeps no pointer to the text it was parsed from.
 */
#ifndef TRACK_WHERE_H
#define TRACK_WHERE_H

#include <stddef.h>

#include "base/str.h"
#include "base/error.h"

typedef struct track_where track_where;

/* Parses `expr`.  A malformed one fails with TRACK_EXIT_USAGE. */
int where_parse(track_where **out /* OUT */, const char *expr,
    track_error *err);

/*
 * Finds the expression's column in `header`.  A column that is not there
 * fails with TRACK_EXIT_USAGE and names the columns that are.
 */
int where_bind(track_where *w, const track_str *header, size_t n,
    track_error *err);

/*
 * Nonzero when row `fields` (laid out like the bound header) satisfies the
 * expression.  Fields must be followed by a NUL byte, as reader rows are.
 */
int where_match(const track_where *w, const track_str *fields);

/* The column the expression tests, as written. */
const char *where_column(const track_where *w);

/* Frees the expression.  `w` may be NULL. */
void where_free(track_where *w);

#endif
