/*
 * jobs.c - -j N: the records read in a second thread.
 *
 * A report's work on a row (summary_row, matrix_row) builds maps whose
 * order decides nothing but must see the rows in file order: the name
 * rule ("the last record with a name wins"), a later record replacing an
 * earlier one, and the messages and --rejects rows, all in file order.
 * So the rows are not split between threads that each count; one thread
 * reads (records_next: any format, several files, a pipe), copying each
 * row into one of RING batches, and the program's thread takes the rows
 * from the batches in the order they were read, through cli_take_row, as
 * the one-thread loop does.  The callbacks, messages and rejected rows
 * are then the same, call for call, whatever -j is; nothing is merged.
 *
 * On two cores that is both cores busy: reading (splitting the CSV and
 * checking the rows) is about half of a report's work and taking the rows
 * the other half.  More threads than two would need the reading itself
 * split by byte ranges; -j above 2 reads with one thread too.
 *
 * Memory: RING batches of at most BATCH_BYTES of fields (or one row, when
 * a row is larger), whatever the number of rows.
 */
#include "cli_int.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"

#define RING 4				/* batches between the threads */
#define BATCH_BYTES ((size_t)256 * 1024)	/* field bytes a batch */
#define BATCH_ROWS 4096			/* rows a batch, unless ... */
#define BATCH_ENV "TRACK_JOBS_BATCH"	/* ... this says (tests: 1 makes
					   every row a batch of its own) */
#define SLACK 16			/* zero bytes after the last field */

/* One row as the reader gave it. */
struct jrow {
	enum track_read got;
	size_t first;		/* index of its first field in b->f */
	size_t n;
	int has_field;		/* row.field was not NULL */
	long line;
	const char *file;	/* the reader's name: valid while rs is */
	size_t err;		/* a bad or fatal row: its index in b->err */
};

struct batch {
	char *arena;		/* the fields' bytes, each with its NUL */
	size_t alen, acap;
	track_str *f;
	size_t nf, fcap;
	struct jrow *row;
	size_t nrow, rowcap;
	track_error *err;	/* the bad rows' errors */
	size_t nerr, errcap;
	int ready;		/* filled: the taker's until it clears it */
	int end;		/* the last batch: EOF or a fatal row ... */
	int oom;		/* ... or the reader ran out of memory */
};

struct jobs {
	track_records *rs;
	size_t batch_rows;	/* BATCH_ROWS, or BATCH_ENV's */
	struct batch ring[RING];
	pthread_mutex_t mu;
	pthread_cond_t filled, freed;
	int cancel;		/* the taker has stopped: read no more */
};

void
cli_jobs_default(struct cli_common *c)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	c->jobs = n < 1 ? 1 : n > CLI_JOBS_MAX ? CLI_JOBS_MAX : (int)n;
}

int
cli_jobs_option(struct cli_common *c, const char *arg)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (arg[0] < '0' || arg[0] > '9' || *end != '\0' || errno != 0 ||
	    v < 1 || v > CLI_JOBS_MAX) {
		cli_error("-j/--jobs \"%s\": give the number of threads, "
		    "1 to %d", arg, CLI_JOBS_MAX);
		return TRACK_EXIT_USAGE;
	}
	c->jobs = (int)v;
	return 0;
}

/* Rows a batch: BATCH_ROWS, or 1 to BATCH_ROWS from BATCH_ENV. */
static size_t
batch_rows(void)
{
	const char *e = getenv(BATCH_ENV);
	long v = e != NULL ? strtol(e, NULL, 10) : 0;

	return v >= 1 && v <= BATCH_ROWS ? (size_t)v : BATCH_ROWS;
}

/*
 * Makes room in b for a row of `n` fields and `bytes` bytes of text.
 * Returns 0, 1 when the batch is full (it holds rows and the row does not
 * fit), or -1 when out of memory.
 */
static int
batch_room(struct batch *b, size_t n, size_t bytes, size_t rows)
{
	if (b->nrow > 0 && (b->nrow >= rows ||
	    b->alen + bytes + SLACK > b->acap))
		return 1;
	if (b->alen + bytes + SLACK > b->acap) {
		/* Empty: no field points into the arena yet. */
		size_t cap = bytes + SLACK > BATCH_BYTES ? bytes + SLACK :
		    BATCH_BYTES;
		char *a = realloc(b->arena, cap);

		if (a == NULL)
			return -1;
		b->arena = a;
		b->acap = cap;
	}
	if (buf_grow((void **)&b->f, &b->fcap, b->nf + n, sizeof *b->f) != 0 ||
	    buf_grow((void **)&b->row, &b->rowcap, b->nrow + 1,
	    sizeof *b->row) != 0)
		return -1;
	return 0;
}

/*
 * The bytes row `r`'s fields take in a batch: one span from the first
 * field to the last field's NUL when the fields lie in order inside it
 * (*span set, as the reader lays a line out), else each field and a NUL.
 */
static size_t
row_bytes(const track_row *r, int *span)
{
	const char *lo, *hi, *at;
	size_t i, sum = 0;

	*span = r->n > 0;
	if (r->n == 0)
		return 0;
	lo = at = r->field[0].ptr;
	hi = r->field[r->n - 1].ptr + r->field[r->n - 1].len + 1;
	for (i = 0; i < r->n; i++) {
		sum += r->field[i].len + 1;
		if (r->field[i].ptr < at || r->field[i].ptr +
		    r->field[i].len >= hi)
			*span = 0;
		at = r->field[i].ptr + r->field[i].len;
	}
	return *span ? (size_t)(hi - lo) : sum;
}

/* Copies row `r` (room made) into b as its next row. */
static void
batch_add(struct batch *b, enum track_read got, const track_row *r,
    const track_error *err, int span, size_t bytes)
{
	struct jrow *jr = &b->row[b->nrow++];
	char *dst = b->arena + b->alen;
	const char *lo;
	size_t i;

	jr->got = got;
	jr->first = b->nf;
	jr->n = r->n;
	jr->has_field = r->field != NULL;
	jr->line = r->line;
	jr->file = r->file;
	jr->err = 0;
	if (span && r->n > 0) {
		lo = r->field[0].ptr;
		memcpy(dst, lo, bytes);
		for (i = 0; i < r->n; i++) {
			b->f[b->nf + i].ptr = dst + (r->field[i].ptr - lo);
			b->f[b->nf + i].len = r->field[i].len;
		}
	} else {
		char *p = dst;

		for (i = 0; i < r->n; i++) {
			memcpy(p, r->field[i].ptr, r->field[i].len);
			p[r->field[i].len] = '\0';
			b->f[b->nf + i].ptr = p;
			b->f[b->nf + i].len = r->field[i].len;
			p += r->field[i].len + 1;
		}
	}
	b->nf += r->n;
	b->alen += bytes;
	memset(b->arena + b->alen, 0, SLACK);
	if (got != TRACK_READ_ROW && err != NULL) {
		jr->err = b->nerr;
		b->err[b->nerr++] = *err;
	}
}

/* Waits for batch b to be free (or the taker to stop); 0 when free. */
static int
wait_free(struct jobs *j, struct batch *b)
{
	int cancel;

	pthread_mutex_lock(&j->mu);
	while (b->ready && !j->cancel)
		pthread_cond_wait(&j->freed, &j->mu);
	cancel = j->cancel;
	pthread_mutex_unlock(&j->mu);
	return cancel ? -1 : 0;
}

/* Hands batch b to the taker. */
static void
publish(struct jobs *j, struct batch *b)
{
	pthread_mutex_lock(&j->mu);
	b->ready = 1;
	pthread_cond_signal(&j->filled);
	pthread_mutex_unlock(&j->mu);
}

/*
 * Reads one row into b, or marks the end.  Returns 0 when the row went
 * in, 1 when b is full (the row waits in *r for the next batch), 2 at the
 * end.  err holds a bad row's error.
 */
static int
read_one(struct jobs *j, struct batch *b, track_row *r, track_error *err,
    enum track_read *got, int *have)
{
	size_t bytes;
	int span, room;

	if (!*have) {
		error_clear(err);
		*got = records_next(j->rs, r, err);
		*have = 1;
	}
	if (*got == TRACK_READ_EOF) {
		b->end = 1;
		return 2;
	}
	bytes = row_bytes(r, &span);
	room = batch_room(b, r->n, bytes, j->batch_rows);
	if (room == 0 && *got != TRACK_READ_ROW && buf_grow((void **)&b->err,
	    &b->errcap, b->nerr + 1, sizeof *b->err) != 0)
		room = -1;
	if (room == 1)
		return 1;
	if (room < 0) {
		b->oom = 1;
		b->end = 1;
		return 2;
	}
	batch_add(b, *got, r, err, span, bytes);
	*have = 0;
	if (*got == TRACK_READ_FATAL) {
		b->end = 1;
		return 2;
	}
	return 0;
}

/* The reading thread: fills the batches in turn until the end. */
static void *
reader_main(void *arg)
{
	struct jobs *j = arg;
	struct batch *b;
	track_row r;
	track_error err;
	enum track_read got = TRACK_READ_EOF;
	size_t k;
	int have = 0, rc;

	memset(&r, 0, sizeof r);
	for (k = 0;; k++) {
		b = &j->ring[k % RING];
		if (wait_free(j, b) != 0)
			break;
		b->alen = b->nf = b->nrow = b->nerr = 0;
		b->end = b->oom = 0;
		while ((rc = read_one(j, b, &r, &err, &got, &have)) == 0)
			;
		publish(j, b);
		if (rc == 2)
			break;
	}
	return NULL;
}

/*
 * Takes the rows of batch b in order.  Returns 0 to go on, 1 to stop.
 */
static int
take_batch(struct cli_common *c, struct batch *b, struct cli_rejects *rj,
    const track_str *h, size_t nh, cli_row_fn row, void *ctx, int *status,
    unsigned long long *rows)
{
	track_error err;
	track_row r;
	size_t i;

	/* err stays clear between rows: a callback's silence is then seen. */
	error_clear(&err);
	for (i = 0; i < b->nrow; i++) {
		const struct jrow *jr = &b->row[i];

		if ((++*rows & CLI_PROGRESS_EVERY) == 0)
			cli_progress(c, *rows);
		r.field = jr->has_field ? b->f + jr->first : NULL;
		r.n = jr->n;
		r.line = jr->line;
		r.file = jr->file;
		if (jr->got != TRACK_READ_ROW)
			err = b->err[jr->err];
		if (cli_take_row(rj, h, nh, jr->got, &r, &err, row, ctx,
		    status))
			return 1;
	}
	return 0;
}

/* Frees the batches and the locks. */
static void
jobs_free(struct jobs *j)
{
	size_t i;

	for (i = 0; i < RING; i++) {
		free(j->ring[i].arena);
		free(j->ring[i].f);
		free(j->ring[i].row);
		free(j->ring[i].err);
	}
	pthread_cond_destroy(&j->filled);
	pthread_cond_destroy(&j->freed);
	pthread_mutex_destroy(&j->mu);
}

/*
 * Starts the reading thread with the signals blocked in it, so that
 * SIGINT and the rest reach this thread's handler.  Returns 0 or -1.
 */
static int
start(struct jobs *j, pthread_t *t)
{
	sigset_t all, old;
	int rc;

	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(t, NULL, reader_main, j);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return rc == 0 ? 0 : -1;
}

int
cli_jobs_read(struct cli_common *c, track_records *rs,
    struct cli_rejects *rj, cli_row_fn row, void *ctx, int *status)
{
	struct jobs j;
	struct batch *b;
	pthread_t t;
	const track_str *h;
	size_t nh, k;
	unsigned long long rows = 0;
	int stop = 0, oom = 0;

	memset(&j, 0, sizeof j);
	j.rs = rs;
	j.batch_rows = batch_rows();
	h = records_header(rs, &nh);
	pthread_mutex_init(&j.mu, NULL);
	pthread_cond_init(&j.filled, NULL);
	pthread_cond_init(&j.freed, NULL);
	if (start(&j, &t) != 0) {
		jobs_free(&j);
		return -1;
	}
	for (k = 0; !stop; k++) {
		b = &j.ring[k % RING];
		pthread_mutex_lock(&j.mu);
		while (!b->ready)
			pthread_cond_wait(&j.filled, &j.mu);
		pthread_mutex_unlock(&j.mu);
		stop = take_batch(c, b, rj, h, nh, row, ctx, status, &rows);
		oom = !stop && b->oom;
		stop = stop || b->end;
		pthread_mutex_lock(&j.mu);
		b->ready = 0;
		j.cancel = stop;
		pthread_cond_broadcast(&j.freed);
		pthread_mutex_unlock(&j.mu);
	}
	pthread_join(t, NULL);
	if (oom) {
		/* The rows before it were taken; reading stops there. */
		cli_error("out of memory");
		*status = TRACK_EXIT_IO;
	}
	jobs_free(&j);
	return 0;
}
