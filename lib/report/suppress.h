/*
 * suppress.h - which groups of a table to suppress, so that no suppressed
 * figure can be worked out by addition or subtraction from the tables a
 * report can publish.
 *
 * A report groups the pupils of one subject, measure and point by some
 * columns (--by).  Every table over any subset of those columns can be
 * asked for too (the overview is the table over none of them, --totals
 * adds it, --gap and --across show the same groups another way), so the
 * decision is made over the whole lattice of those tables, the coarsest
 * first, and the decision for one table depends only on its own groups
 * and on the tables over fewer columns.  The same table therefore gets
 * the same answer whichever larger table it was decided for.
 *
 * For each table, from the coarsest:
 *   - a group of fewer than min_group pupils, counted or excluded, but
 *     not none, is suppressed (small): "0 counted, 1 excluded" says what
 *     happened to one child;
 *   - a group inside a suppressed group of a coarser table is suppressed
 *     (otherwise its parts would add up to the hidden group);
 *   - then, while the table's published groups and those of the coarser
 *     tables determine a suppressed group, or a suppressed group of a
 *     coarser table, as a linear combination (exactly: its indicator lies
 *     in the row space of the published groups, over the groups of this
 *     table), another group is suppressed (a complement): the smallest
 *     group with n > 0 in a line with it that frees it, ties broken by
 *     the values' report order (n counts the pupils counted: a group
 *     with only excluded pupils hides nothing);
 *   - a hidden group that the published groups give away anyway, and that
 *     is not small, is shown: hiding it would only pretend;
 *   - when a hidden group is still determined (the coarser tables' groups
 *     and the groups this table lacks give it away), a coarser group that
 *     pins it is hidden too and everything is decided again.  Only a
 *     table over the `fixed` columns and the finer table's other columns
 *     is changed that way, so the decision for a table depends only on
 *     its own columns and the fixed ones.  A report makes every decision
 *     over the fixed columns (the year and the scheme's groups) whatever
 *     it was asked for, so every table is decided alike in every report.
 *
 * Column order must be canonical (the caller sorts the columns by name),
 * so that --by a,b and --by b,a decide alike.
 *
 * The library never prints.  Nothing here allocates anything the caller
 * frees.
 */
#ifndef TRACK_SUPPRESS_H
#define TRACK_SUPPRESS_H

#include <stddef.h>

#define SUPPRESS_MAXCOL 8

enum suppress_kind {
	SUPPRESS_SHOWN = 0,
	SUPPRESS_SMALL = 1,	/* 0 < n < min_group */
	SUPPRESS_COMPLEMENT = 2	/* hidden so that the small cannot be found */
};

/*
 * Decides the suppression of the tables over the `ncol` columns (at most
 * SUPPRESS_MAXCOL) of `ncell` cells, the finest groups.  Cell i's key is
 * keys[i * ncol .. i * ncol + ncol): whole numbers whose order is the
 * values' report order, distinct for distinct cells; n[i] is its pupils
 * counted in n, size[i] all its pupils (excluded ones too).
 * `fixed` has a bit for each column of the fixed universe (bit c for
 * column c).  min_group <= 1 suppresses nothing.  Writes out[i] (enum
 * suppress_kind) for the group cell i falls in, in the table over the
 * columns of `want`, and *total for the table over no columns (the
 * overview's row).  Returns 0, or -1 when out of memory (out is then
 * undefined).
 */
int suppress_decide(size_t ncol, unsigned fixed, unsigned want,
    size_t ncell, const long *keys, const long long *n,
    const long long *size, long long min_group,
    unsigned char *out /* OUT */, unsigned char *total /* OUT */);

/*
 * The note under a table: the threshold, and how many groups were hidden
 * as complements (never which), e.g. "Figures for groups of fewer than 5
 * pupils are suppressed and marked c. 2 other groups are marked c too,
 * though not small, so that the small ones cannot be worked out by
 * subtraction."  NULL when min_group <= 1 or out of memory; the caller
 * frees it.
 */
char *suppress_note(long long min_group, long long complements);

/*
 * Parses a --min-group value: a whole number from 0 to 1000000, written
 * in digits only.  Returns it, or -1 when `s` is not one.
 */
long suppress_min_group_parse(const char *s);

#endif
