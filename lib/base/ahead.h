/*
 * ahead.h - a long output made in pieces, the pieces filled on several
 * threads and put (written) in order on the calling one.
 *
 * track-pupil writes its flags, profiles and transition items a run of
 * whole pupils at a time.  Filling a piece reads only what the reading
 * left behind; putting it writes it.  ahead_run fills pieces 0 to n - 1
 * on `threads` threads in all (the caller's among them) and puts each, in
 * order, on the caller's thread, with at most AHEAD_RING pieces filled
 * and not yet put.  With one thread it fills and puts each in turn.
 *
 * The fill function must be safe to run on several threads at once for
 * different pieces: it may read shared state, not change it.
 */
#ifndef TRACK_AHEAD_H
#define TRACK_AHEAD_H

#include <stddef.h>

/* Pieces filled and not yet put, at most. */
#define AHEAD_RING 16

/* Helper threads, at most (so threads beyond AHEAD_MAX + 1 are not used). */
#define AHEAD_MAX 7

/* Fills piece i; returns it, or NULL when out of memory. */
typedef void *(*ahead_fill_fn)(void *ctx, size_t i);

/*
 * Puts piece i (filled by fill) and frees it; returns 0, or nonzero to
 * stop (ahead_run then returns that value).
 */
typedef int (*ahead_put_fn)(void *ctx, size_t i, void *piece);

/* Frees a piece filled but not put, after a stop. */
typedef void (*ahead_drop_fn)(void *ctx, void *piece);

/*
 * Fills and puts pieces 0 to n - 1 (see above).  Returns 0, -1 when a
 * fill ran out of memory, or the first nonzero value of put.  When a
 * thread cannot be started, fewer do the filling.
 */
int ahead_run(size_t n, unsigned threads, ahead_fill_fn fill,
    ahead_put_fn put, ahead_drop_fn drop, void *ctx);

#endif
