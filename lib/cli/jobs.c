/*
 * jobs.c - -j N: the records read in a second thread.
 *
 * A report's work on a row (summary_row, matrix_row) builds maps that
 * must see the rows in file order: the name rule ("the last record with a name wins"), a later record replacing an
 * earlier one, and the messages and --rejects rows, all in file order.
 * So the rows are not split between threads that each count; one thread
 * reads (records_next: any format, several files, a pipe), copying each
 * row into one of RING batches, and the program's thread takes the rows
 * from the batches in the order they were read, through cli_take_row, as
 * the one-thread loop does.  The callbacks, messages and rejected rows
 * are then the same, call for call, whatever -j is; nothing is merged.
 *
 * This is the way for any input: a pipe, several files, JSON Lines, a
 * workbook.  One regular CSV file of 1 MiB or more is read in parts by
 * several threads instead (jobs_split.c), into batches of the same kind.
 *
 * Memory: RING batches of at most BATCH_BYTES of fields (or one row, when
 * a row is larger), whatever the number of rows.
 */
#include "cli_int.h"
#include "jobs_int.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"

#define RING 4				/* batches between the threads */
#define SLACK 16			/* zero bytes after the last field */
#define SPAN_MAX ((size_t)64 * 1024)	/* a row copied as one span */

struct jobs {
	track_records *rs;	/* the records read, or ... */
	track_reader *rd;	/* ... one reader's rows (cli_ahead) */
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
	c->jobs_set = 1;
	return 0;
}

size_t
jobs_batch_rows(void)
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
	if (bytes + SLACK > UINT32_MAX)
		return -1;	/* a row of 4 GiB: not in a batch */
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
	if ((b->nf + n > b->fcap && buf_grow((void **)&b->f, &b->fcap,
	    b->nf + n, sizeof *b->f) != 0) || (b->nrow + 1 > b->rowcap &&
	    buf_grow((void **)&b->row, &b->rowcap, b->nrow + 1,
	    sizeof *b->row) != 0))
		return -1;
	return 0;
}

/*
 * Copies the fields of row `r` into b as one span, from its first field
 * to its last field's NUL, when that is short and the fields lie in it
 * in order, each with its NUL, as the reader lays a row out in its arena
 * (a row in the union layout of several files, with fields of "" from
 * elsewhere, is not); and then its raw text, if it has one (which is
 * never empty), its length then in *rawlen.  Returns 0 when done, 1 when
 * the row is not so (nothing is kept), -1 when it is but b is full or
 * out of memory (the status is then in *room).
 */
static int
copy_span(struct batch *b, const track_row *r, size_t rows, int *room,
    size_t *rawlen)
{
	const track_str *restrict src = r->field;
	size_t i, len, n = r->n;
	const char *lo = src[0].ptr, *at = lo, *p;
	const char *hi = src[n - 1].ptr + src[n - 1].len + 1;
	size_t bytes = (size_t)(hi - lo);
	struct jfield *restrict f;
	uint32_t base;

	if (hi <= lo || bytes > SPAN_MAX)
		return 1;
	*rawlen = r->raw.ptr != NULL && r->raw.len <= SPAN_MAX ?
	    r->raw.len : 0;
	*room = batch_room(b, n, bytes + *rawlen, rows);
	if (*room != 0)
		return -1;
	base = (uint32_t)b->alen;
	f = b->f + b->nf;
	for (i = 0; i < n; i++) {
		p = src[i].ptr;
		len = src[i].len;
		if (p < at || p + len >= hi)
			return 1;
		f[i].off = base + (uint32_t)(p - lo);
		f[i].len = (uint32_t)len;
		at = p + len;
	}
	memcpy(b->arena + b->alen, lo, bytes);
	b->alen += bytes;
	if (*rawlen > 0) {
		memcpy(b->arena + b->alen, r->raw.ptr, *rawlen);
		b->alen += *rawlen;
	}
	return 0;
}

/* Copies the fields of row `r` into b one by one.  Returns as above. */
static int
copy_fields(struct batch *b, const track_row *r, size_t rows)
{
	size_t i, bytes = 0;
	char *p;
	int room;

	for (i = 0; i < r->n; i++)
		bytes += r->field[i].len + 1;
	room = batch_room(b, r->n, bytes, rows);
	if (room != 0)
		return room;
	p = b->arena + b->alen;
	for (i = 0; i < r->n; i++) {
		memcpy(p, r->field[i].ptr, r->field[i].len);
		p[r->field[i].len] = '\0';
		b->f[b->nf + i].off = (uint32_t)(p - b->arena);
		b->f[b->nf + i].len = (uint32_t)r->field[i].len;
		p += r->field[i].len + 1;
	}
	b->alen += bytes;
	return 0;
}

/*
 * Adds row `r` (with its error, for a bad or fatal row) to b.  Returns 0,
 * 1 when b is full (nothing added), or -1 when out of memory.
 */
int
jobs_batch_add(struct batch *b, enum track_read got, const track_row *r,
    const track_error *err, size_t rows)
{
	struct jrow *jr;
	int room = 0, rc;
	size_t rawlen = 0;

	if (got != TRACK_READ_ROW && b->nerr + 1 > b->errcap &&
	    buf_grow((void **)&b->err, &b->errcap, b->nerr + 1,
	    sizeof *b->err) != 0)
		return -1;
	rc = r->n > 0 ? copy_span(b, r, rows, &room, &rawlen) : 1;
	if (rc < 0)
		return room;
	if (rc > 0) {
		rawlen = 0;
		room = copy_fields(b, r, rows);
		if (room != 0)
			return room;
	}
	memset(b->arena + b->alen, 0, SLACK);
	jr = &b->row[b->nrow++];
	jr->got = got;
	jr->first = b->nf;
	jr->n = r->n;
	jr->has_field = r->field != NULL;
	jr->line = r->line;
	jr->file = r->file;
	jr->err = 0;
	jr->delim = r->delim;
	jr->rawlen = (uint32_t)rawlen;
	jr->rawoff = (uint32_t)(b->alen - rawlen);
	b->nf += r->n;
	if (got != TRACK_READ_ROW) {
		jr->err = b->nerr;
		b->err[b->nerr++] = *err;
	}
	return 0;
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
 * end.  err holds a bad row's error, and is cleared after one.
 */
static int
read_one(struct jobs *j, struct batch *b, track_row *r, track_error *err,
    enum track_read *got, int *have)
{
	int room;

	if (!*have) {
		*got = j->rs != NULL ? records_next(j->rs, r, err) :
		    reader_next(j->rd, r, err);
		*have = 1;
	}
	if (*got == TRACK_READ_EOF) {
		b->end = 1;
		return 2;
	}
	room = jobs_batch_add(b, *got, r, err, j->batch_rows);
	if (room == 1)
		return 1;
	if (room < 0) {
		b->oom = 1;
		b->end = 1;
		return 2;
	}
	*have = 0;
	if (*got != TRACK_READ_ROW)
		error_clear(err);
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
	error_clear(&err);
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

/* Sets b->x to row jr's fields.  Returns 0, or -1 when out of memory. */
static int
expand(struct batch *b, const struct jrow *jr)
{
	const struct jfield *restrict f = b->f + jr->first;
	track_str *restrict x;
	size_t i;

	if (jr->n >= b->xcap && buf_grow((void **)&b->x, &b->xcap, jr->n + 1,
	    sizeof *b->x) != 0)
		return -1;
	x = b->x;
	for (i = 0; i < jr->n; i++) {
		x[i].ptr = b->arena + f[i].off;
		x[i].len = f[i].len;
	}
	return 0;
}

/* Out of memory in the taker: says so; 1 (stop). */
static int
jobs_oom(int *status)
{
	cli_error("out of memory");
	*status = TRACK_EXIT_IO;
	return 1;
}

/*
 * Row i of batch b into *r as the reader gave it, `base` added to its
 * line (and a bad row's error, into *err, and its line).  Returns the
 * row's status, or -1 when out of memory.
 */
static int
batch_row(struct batch *b, size_t i, long base, track_row *r,
    track_error *err)
{
	const struct jrow *jr = &b->row[i];

	if (jr->has_field && expand(b, jr) != 0)
		return -1;
	r->field = jr->has_field ? b->x : NULL;
	r->n = jr->n;
	r->line = jr->line + base;
	r->file = jr->file;
	r->raw.ptr = jr->rawlen > 0 ? b->arena + jr->rawoff : NULL;
	r->raw.len = jr->rawlen;
	r->delim = jr->delim;
	if (jr->got != TRACK_READ_ROW) {
		*err = b->err[jr->err];
		if (err->line > 0)
			err->line += base;
	}
	return (int)jr->got;
}

/*
 * Takes the rows of batch b in order.  Returns 0 to go on, 1 to stop.
 */
int
jobs_take_batch(struct cli_common *c, struct batch *b,
    struct cli_rejects *rj, const track_str *h, size_t nh, cli_row_fn row,
    void *ctx, int *status, unsigned long long *rows, long base)
{
	track_error err;
	track_row r;
	size_t i;
	int got;

	/* err stays clear between rows: a callback's silence is then seen. */
	error_clear(&err);
	for (i = 0; i < b->nrow; i++) {
		if ((++*rows & CLI_PROGRESS_EVERY) == 0)
			cli_progress(c, *rows);
		got = batch_row(b, i, base, &r, &err);
		if (got < 0)
			return jobs_oom(status);
		if (cli_take_row(rj, h, nh, (enum track_read)got, &r, &err,
		    row, ctx, status))
			return 1;
	}
	return 0;
}

void
jobs_batch_free(struct batch *b)
{
	free(b->arena);
	free(b->f);
	free(b->x);
	free(b->row);
	free(b->err);
	memset(b, 0, sizeof *b);
}

/* Frees the batches and the locks. */
static void
jobs_free(struct jobs *j)
{
	size_t i;

	for (i = 0; i < RING; i++)
		jobs_batch_free(&j->ring[i]);
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
cli_jobs_read(struct cli_common *c, track_records *rs, char **files,
    size_t n, struct cli_rejects *rj, cli_row_fn row, void *ctx,
    int *status)
{
	struct jobs j;
	struct batch *b;
	pthread_t t;
	const track_str *h;
	size_t nh, k;
	unsigned long long rows = 0;
	int stop = 0, oom = 0;

	if (jobs_split_read(c, rs, files, n, rj, row, ctx, status) == 0)
		return 0;
	memset(&j, 0, sizeof j);
	j.rs = rs;
	j.batch_rows = jobs_batch_rows();
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
		stop = jobs_take_batch(c, b, rj, h, nh, row, ctx, status, &rows,
		    0);
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

/* ---- One reader read ahead, its rows taken one at a time ---- */

struct cli_ahead {
	struct jobs j;
	pthread_t t;
	int started;		/* the reading thread runs */
	int alone;		/* it could not be started: reader_next */
	int held;		/* ring[k % RING] is the taker's ... */
	size_t k, i;		/* ... and i its next row */
};

struct cli_ahead *
cli_ahead_new(track_reader *rd)
{
	struct cli_ahead *a = calloc(1, sizeof *a);

	if (a == NULL)
		return NULL;
	a->j.rd = rd;
	a->j.batch_rows = jobs_batch_rows();
	pthread_mutex_init(&a->j.mu, NULL);
	pthread_cond_init(&a->j.filled, NULL);
	pthread_cond_init(&a->j.freed, NULL);
	return a;
}

/*
 * The taker's side: waits for a batch, gives its rows one a call, then
 * hands it back; at the end (or when the reading thread ran out of
 * memory) it says so on every call.
 */
enum track_read
cli_ahead_next(void *ctx, track_row *row, track_error *err)
{
	struct cli_ahead *a = ctx;
	struct batch *b;

	if (a->alone)
		return reader_next(a->j.rd, row, err);
	if (!a->started) {
		if (start(&a->j, &a->t) != 0) {
			/* No thread to be had: this one reads, as -j 1. */
			a->alone = 1;
			return reader_next(a->j.rd, row, err);
		}
		a->started = 1;
	}
	for (;;) {
		b = &a->j.ring[a->k % RING];
		if (!a->held) {
			pthread_mutex_lock(&a->j.mu);
			while (!b->ready)
				pthread_cond_wait(&a->j.filled, &a->j.mu);
			pthread_mutex_unlock(&a->j.mu);
			a->held = 1;
			a->i = 0;
		}
		if (a->i < b->nrow) {
			int got = batch_row(b, a->i++, 0, row, err);

			if (got >= 0)
				return (enum track_read)got;
			error_set(err, TRACK_EXIT_IO, NULL, 0,
			    "out of memory");
			return TRACK_READ_FATAL;
		}
		if (b->end) {
			if (!b->oom)
				return TRACK_READ_EOF;
			error_set(err, TRACK_EXIT_IO, NULL, 0,
			    "out of memory");
			return TRACK_READ_FATAL;
		}
		pthread_mutex_lock(&a->j.mu);
		b->ready = 0;
		pthread_cond_broadcast(&a->j.freed);
		pthread_mutex_unlock(&a->j.mu);
		a->held = 0;
		a->k++;
	}
}

void
cli_ahead_free(struct cli_ahead *a)
{
	if (a == NULL)
		return;
	if (a->started) {
		pthread_mutex_lock(&a->j.mu);
		a->j.cancel = 1;
		pthread_cond_broadcast(&a->j.freed);
		pthread_mutex_unlock(&a->j.mu);
		pthread_join(a->t, NULL);
	}
	jobs_free(&a->j);
	free(a);
}
