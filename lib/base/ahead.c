/* ahead.c - pieces filled on several threads, put in order; see ahead.h. */
#include "ahead.h"

#include <pthread.h>
#include <signal.h>

struct ahead {
	ahead_fill_fn fill;
	void *ctx;
	size_t n;		/* pieces in all */
	size_t next;		/* the next piece to fill */
	size_t put;		/* pieces put so far */
	int stop;		/* a fill failed or a put stopped: fill no more */
	void *slot[AHEAD_RING];	/* piece i in slot i % AHEAD_RING ... */
	unsigned char ready[AHEAD_RING];	/* ... once filled */
	pthread_mutex_t mu;
	pthread_cond_t cv;
};

/*
 * With the lock held: takes the next piece to fill into *i and returns 1,
 * or returns 0 when there is none to take now (the ring is full, or all
 * are taken, or the run stopped).
 */
static int
take(struct ahead *a, size_t *i)
{
	if (a->stop || a->next >= a->n || a->next >= a->put + AHEAD_RING)
		return 0;
	*i = a->next++;
	return 1;
}

/* Fills piece i without the lock, then files it with the lock held. */
static void
fill_one(struct ahead *a, size_t i)
{
	void *piece;

	pthread_mutex_unlock(&a->mu);
	piece = a->fill(a->ctx, i);
	pthread_mutex_lock(&a->mu);
	if (piece == NULL)
		a->stop = 1;
	a->slot[i % AHEAD_RING] = piece;
	a->ready[i % AHEAD_RING] = 1;
	pthread_cond_broadcast(&a->cv);
}

static void *
helper(void *arg)
{
	struct ahead *a = arg;
	size_t i;

	pthread_mutex_lock(&a->mu);
	while (!a->stop && a->next < a->n) {
		if (take(a, &i))
			fill_one(a, i);
		else
			pthread_cond_wait(&a->cv, &a->mu);
	}
	pthread_mutex_unlock(&a->mu);
	return NULL;
}

/* One thread: fill a piece, put it, and on. */
static int
run_alone(size_t n, ahead_fill_fn fill, ahead_put_fn put, void *ctx)
{
	size_t i;
	void *piece;
	int rc;

	for (i = 0; i < n; i++) {
		piece = fill(ctx, i);
		if (piece == NULL)
			return -1;
		rc = put(ctx, i, piece);
		if (rc != 0)
			return rc;
	}
	return 0;
}

/*
 * The calling thread's part, with the lock held: puts the pieces in
 * order, and fills one itself whenever the next to put is not ready and
 * one can be taken.  Every piece below a->next is filled or being
 * filled, and a failed fill files NULL, so the wait always ends.
 */
static int
put_in_order(struct ahead *a, ahead_put_fn put)
{
	size_t k, i;
	void *piece;
	int rc = 0;

	while (a->put < a->n) {
		k = a->put % AHEAD_RING;
		if (a->ready[k]) {
			piece = a->slot[k];
			a->ready[k] = 0;
			a->slot[k] = NULL;
			if (piece == NULL) {
				rc = -1;
				break;
			}
			pthread_mutex_unlock(&a->mu);
			rc = put(a->ctx, a->put, piece);
			pthread_mutex_lock(&a->mu);
			if (rc != 0)
				break;
			a->put++;
			pthread_cond_broadcast(&a->cv);
		} else if (take(a, &i)) {
			fill_one(a, i);
		} else {
			pthread_cond_wait(&a->cv, &a->mu);
		}
	}
	return rc;
}

int
ahead_run(size_t n, unsigned threads, ahead_fill_fn fill, ahead_put_fn put,
    ahead_drop_fn drop, void *ctx)
{
	struct ahead a = { .fill = fill, .ctx = ctx, .n = n };
	pthread_t tid[AHEAD_MAX];
	sigset_t all, old;
	size_t nt = 0, k;
	int rc;

	if (threads <= 1 || n <= 1)
		return run_alone(n, fill, put, ctx);
	if (pthread_mutex_init(&a.mu, NULL) != 0)
		return run_alone(n, fill, put, ctx);
	if (pthread_cond_init(&a.cv, NULL) != 0) {
		pthread_mutex_destroy(&a.mu);
		return run_alone(n, fill, put, ctx);
	}
	/* The helpers block every signal, so that SIGINT and the rest
	   reach the caller's thread and its handler, as -j's readers do. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	while (nt + 1 < threads && nt < AHEAD_MAX &&
	    pthread_create(&tid[nt], NULL, helper, &a) == 0)
		nt++;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	pthread_mutex_lock(&a.mu);
	rc = put_in_order(&a, put);
	a.stop = 1;
	pthread_cond_broadcast(&a.cv);
	pthread_mutex_unlock(&a.mu);
	for (k = 0; k < nt; k++)
		pthread_join(tid[k], NULL);
	/* After a stop: the pieces filled and not put. */
	for (k = 0; k < AHEAD_RING; k++)
		if (a.ready[k] && a.slot[k] != NULL)
			drop(ctx, a.slot[k]);
	pthread_cond_destroy(&a.cv);
	pthread_mutex_destroy(&a.mu);
	return rc;
}
