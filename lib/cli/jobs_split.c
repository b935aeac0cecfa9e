/*
 * jobs_split.c - -j N on one regular CSV file: the file read in parts by
 * N threads, the rows still taken by the program's thread in file order.
 *
 * The file is cut into parts of PART_BYTES (or where TRACK_JOBS_CUT says,
 * for tests): part k starts at S_k, the byte after the first line feed at
 * or after its nominal start, on the guess that this line feed is not
 * inside a quoted field.  Each part is read by a reader of its own
 * (reader_open_at; part 0 by the records stream, after the header), which
 * counts lines from 1 at S_k, and also counts the line ends of its part,
 * so that part k's first line L_k is known once parts 0 to k-1 are: the
 * taker adds L_k - 1 to every line of part k.  A part's rows are those
 * its reader gives that start before the next part's first line; the
 * first row that starts at or after it (the overrun) is only noted.
 *
 * The guess is checked before part k is taken: part k-1's overrun must
 * start on the line where part k's first row does.  A row starts only at
 * the start of a line and with the parser between rows (after a row's
 * line end, or going on at the next line after a malformed row), so when
 * both readers begin a row on the same line they are in the same state
 * there and give the same rows from then on: part k's rows are exactly
 * what one reader of the whole file gives.  When the guess was wrong (a
 * quoted line break, or a malformed quote that makes the reader go back
 * over it, at S_k), the parts from k on are dropped and the file is read
 * again by one reader in this thread, its rows before L_k passed over:
 * the output never differs, only the time.
 *
 * Memory: at most `window` parts (threads + 2) are read ahead of the
 * taker, each as batches of its rows: a constant, whatever the rows.
 */
#include "jobs_int.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#define PART_BYTES ((long long)1 << 20)	/* a part's nominal size */
#define MIN_BYTES ((long long)1 << 20)	/* smaller files: one reader */
#define CUT_ENV "TRACK_JOBS_CUT"	/* tests: "OFF,OFF,...", the parts'
					   nominal starts */
#define MIN_ENV "TRACK_JOBS_MIN"	/* tests: the smallest file split */
#define WINDOW_MAX 16

/* One part of the file. */
struct part {
	long long start, end;	/* S_k, S_k+1 (the file's size for the last) */
	long nlines;		/* line ends in [start, end) */
	long first;		/* its reader's first row's line, or 0: none */
	long over;		/* the first row at or past `end`, or 0 */
	struct batch *b;	/* its rows, a chain of batches */
	int done;		/* read: the taker's now */
	int fatal;		/* its last row is an I/O error */
};

struct split {
	const char *path;
	track_records *rs;	/* part 0 */
	const track_reader *like;
	const char *name;	/* the file's name in messages */
	long long *cut;		/* S_k for k = 0 .. nparts (the size) */
	size_t nparts;
	struct part *slot;	/* part k in slot k % window */
	size_t window;
	size_t next;		/* the next part to read */
	size_t taken;		/* parts taken (their slots free again) */
	struct batch *spare;	/* batches taken, to be used again */
	int cancel;
	pthread_mutex_t mu;
	pthread_cond_t work, done;
};

long
jobs_count_lines(int fd, long long start, long long end, int *bad)
{
	char buf[1 << 16];
	long n = 0;
	int cr = 0;	/* the byte before was a CR */

	while (start < end) {
		size_t want = end - start < (long long)sizeof buf ?
		    (size_t)(end - start) : sizeof buf, i;
		ssize_t got = pread(fd, buf, want, (off_t)start);
		const char *p, *q;

		if (got <= 0) {
			*bad = 1;
			return n;
		}
		if (cr && buf[0] == '\n')
			n--;	/* counted as a lone CR: it was CR LF */
		for (p = buf; (q = memchr(p, '\n', (size_t)(buf + got - p)))
		    != NULL; p = q + 1)
			n++;
		if (memchr(buf, '\r', (size_t)got) != NULL)
			for (i = 0; i < (size_t)got; i++)
				if (buf[i] == '\r' && (i + 1 == (size_t)got ||
				    buf[i + 1] != '\n'))
					n++;
		cr = buf[got - 1] == '\r';
		start += got;
	}
	return n;
}

long long
jobs_line_after(int fd, long long at, long long size)
{
	char buf[4096];
	ssize_t got;
	const char *lf;

	while (at < size) {
		got = pread(fd, buf, sizeof buf, (off_t)at);
		if (got <= 0)
			return -1;
		lf = memchr(buf, '\n', (size_t)got);
		if (lf != NULL)
			return at + (lf - buf) + 1;
		at += got;
	}
	return -1;
}

/*
 * Plans the parts of fd (size bytes): their starts into sp->cut.  Returns
 * the number of parts, 1 or more, or 0 when out of memory.
 */
static size_t
plan(struct split *sp, int fd, long long size)
{
	const char *env = getenv(CUT_ENV);
	size_t n = 1, cap = 2;
	long long at, s, last = 0;
	char *end;

	sp->cut = malloc(cap * sizeof *sp->cut);
	if (sp->cut == NULL)
		return 0;
	sp->cut[0] = 0;
	for (at = PART_BYTES;; at += PART_BYTES) {
		if (env != NULL) {
			if (*env == '\0')
				break;
			at = strtoll(env, &end, 10);
			env = *end == ',' ? end + 1 : end;
			if (end == env && *end != '\0')
				break;
		} else if (at >= size) {
			break;
		}
		s = jobs_line_after(fd, at, size);
		if (s <= last || s >= size)
			continue;	/* none, or the same part */
		if (n + 1 >= cap) {
			long long *c = realloc(sp->cut, 2 * cap * sizeof *c);

			if (c == NULL)
				return 0;
			sp->cut = c;
			cap *= 2;
		}
		sp->cut[n++] = last = s;
	}
	sp->cut[n] = size;
	return n;
}

/* Frees a chain of batches. */
static void
chain_free(struct batch *b)
{
	struct batch *nb;

	for (; b != NULL; b = nb) {
		nb = b->next;
		jobs_batch_free(b);
		free(b);
	}
}

/* Puts part p's batches on the spare list (sp->mu held); clears p. */
static void
part_clear(struct split *sp, struct part *p)
{
	struct batch *b, *nb;

	for (b = p->b; b != NULL; b = nb) {
		nb = b->next;
		b->next = sp->spare;
		sp->spare = b;
	}
	memset(p, 0, sizeof *p);
}

/* A batch for part k to fill: a spare one, emptied, or a new one. */
static struct batch *
new_batch(struct split *sp)
{
	struct batch *b;

	pthread_mutex_lock(&sp->mu);
	b = sp->spare;
	if (b != NULL)
		sp->spare = b->next;
	pthread_mutex_unlock(&sp->mu);
	if (b == NULL)
		return calloc(1, sizeof *b);
	b->alen = b->nf = b->nrow = b->nerr = 0;
	b->end = b->oom = 0;
	b->next = NULL;
	return b;
}

/*
 * Adds a row to part p's last batch, or a new one.  Returns 0, or -1
 * when out of memory.
 */
static int
part_add(struct split *sp, struct part *p, struct batch **last,
    enum track_read got, const track_row *r, const track_error *err)
{
	int rc = *last != NULL ? jobs_batch_add(*last, got, r, err,
	    BATCH_ROWS) : 1;

	if (rc == 1) {
		struct batch *b = new_batch(sp);

		if (b == NULL)
			return -1;
		if (*last != NULL)
			(*last)->next = b;
		else
			p->b = b;
		*last = b;
		rc = jobs_batch_add(b, got, r, err, BATCH_ROWS);
	}
	return rc == 0 ? 0 : -1;
}

/*
 * Reads part k into p: its rows, up to the first that starts on its
 * next part's first line or later.  Part 0 is the records stream's, with
 * the file's own lines; the others count from 1.
 */
static void
read_part(struct split *sp, size_t k, struct part *p)
{
	track_reader *r = NULL;
	struct batch *last = NULL;
	track_error err;
	track_row row;
	enum track_read got;
	long stop;
	int fd, bad = 0;

	p->start = sp->cut[k];
	p->end = sp->cut[k + 1];
	fd = open(sp->path, O_RDONLY | O_CLOEXEC);
	p->nlines = fd >= 0 ?
	    jobs_count_lines(fd, p->start, p->end, &bad) : 0;
	if (fd >= 0)
		close(fd);
	if (fd < 0 || bad) {
		p->first = -1;	/* never matches: read again by one */
		return;
	}
	stop = k + 1 == sp->nparts ? LONG_MAX : p->nlines + 1;
	error_clear(&err);
	if (k > 0 && reader_open_at(&r, sp->like, sp->path, p->start,
	    &err) != 0) {
		p->first = -1;
		return;
	}
	for (;;) {
		got = k == 0 ? records_next(sp->rs, &row, &err) :
		    reader_next(r, &row, &err);
		if (got == TRACK_READ_EOF)
			break;
		if (got != TRACK_READ_FATAL && p->first == 0)
			p->first = row.line;
		if (got != TRACK_READ_FATAL && row.line >= stop) {
			p->over = row.line;
			break;
		}
		row.file = sp->name;
		if (err.file != NULL)
			err.file = sp->name;
		if (part_add(sp, p, &last, got, &row, &err) != 0) {
			p->first = -1;
			break;
		}
		if (got == TRACK_READ_FATAL) {
			p->fatal = 1;
			break;
		}
		if (got != TRACK_READ_ROW)
			error_clear(&err);
	}
	reader_close(r);
}

/* A reading thread: reads the parts in turn, within the window. */
static void *
worker(void *arg)
{
	struct split *sp = arg;
	struct part *p;
	size_t k;

	pthread_mutex_lock(&sp->mu);
	for (;;) {
		while (!sp->cancel && sp->next < sp->nparts &&
		    sp->next >= sp->taken + sp->window)
			pthread_cond_wait(&sp->work, &sp->mu);
		if (sp->cancel || sp->next >= sp->nparts)
			break;
		k = sp->next++;
		p = &sp->slot[k % sp->window];
		pthread_mutex_unlock(&sp->mu);
		read_part(sp, k, p);
		pthread_mutex_lock(&sp->mu);
		p->done = 1;
		pthread_cond_broadcast(&sp->done);
	}
	pthread_mutex_unlock(&sp->mu);
	return NULL;
}

/*
 * The guess was wrong at part k (first line `line`): reads the file
 * again with one reader, passing over its rows before `line`, and takes
 * the rest.  Returns 0 or 1 (stop), with *status set.
 */
static int
read_again(struct cli_common *c, struct split *sp, char **files,
    struct cli_rejects *rj, cli_row_fn row, void *ctx, int *status,
    unsigned long long *rows, long line)
{
	track_records *rs;
	track_error err;
	track_row r;
	const track_str *h;
	size_t nh;
	enum track_read got;

	if (records_open(&rs, files, 1, &c->ropts, &err) != 0) {
		cli_report(&err);
		*status = TRACK_EXIT_IO;
		return 1;
	}
	h = records_header(sp->rs, &nh);
	error_clear(&err);
	while ((got = records_next(rs, &r, &err)) != TRACK_READ_EOF) {
		if (got != TRACK_READ_FATAL && r.line < line) {
			error_clear(&err);
			continue;
		}
		if ((++*rows & CLI_PROGRESS_EVERY) == 0)
			cli_progress(c, *rows);
		if (cli_take_row(rj, h, nh, got, &r, &err, row, ctx, status))
			break;
	}
	records_close(rs);
	return 1;
}

/*
 * Nonzero when -j may read files[0] in parts; its size in *size.  The
 * size is that of the file the records stream has open, which the parts
 * open again through /proc/self/fd: a file renamed, removed or replaced
 * under the same name while it is read is still read whole, as with -j 1.
 */
static int
splittable(track_records *rs, char **files, size_t n, long long *size)
{
	const char *env = getenv(MIN_ENV);
	long long min = env != NULL ? strtoll(env, NULL, 10) : MIN_BYTES;
	struct stat st;

	if (n != 1 || strcmp(files[0], "-") == 0 ||
	    !reader_splittable(records_first(rs)) ||
	    fstat(reader_fd(records_first(rs)), &st) != 0 ||
	    !S_ISREG(st.st_mode))
		return 0;
	*size = (long long)st.st_size;
	return *size >= min;
}

/* Starts n reading threads, signals blocked in them; returns how many. */
static size_t
start_workers(struct split *sp, pthread_t *t, size_t n)
{
	sigset_t all, old;
	size_t i;

	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	for (i = 0; i < n; i++)
		if (pthread_create(&t[i], NULL, worker, sp) != 0)
			break;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return i;
}

/*
 * Takes the parts in order, checking each guess; returns nonzero when
 * the taking stopped.
 */
static int
take_parts(struct cli_common *c, struct split *sp, char **files,
    struct cli_rejects *rj, cli_row_fn row, void *ctx, int *status)
{
	const track_str *h;
	struct part *p, prev = { 0 };
	struct batch *b;
	unsigned long long rows = 0;
	long line = 1, pline = 1;	/* L_k and L_k-1 */
	size_t k, nh;
	int stop = 0;

	h = records_header(sp->rs, &nh);
	for (k = 0; k < sp->nparts && !stop; k++) {
		p = &sp->slot[k % sp->window];
		pthread_mutex_lock(&sp->mu);
		while (!p->done)
			pthread_cond_wait(&sp->done, &sp->mu);
		pthread_mutex_unlock(&sp->mu);
		/* Part 0's lines are the file's; the others' from 1. */
		if (k > 0 && (p->first < 0 || prev.first < 0 ||
		    (prev.over == 0 ? 0 : prev.over + (k > 1 ? pline - 1 :
		    0)) != (p->first == 0 ? 0 : p->first + line - 1)))
			return read_again(c, sp, files, rj, row, ctx, status,
			    &rows, line);
		if (k == 0 && p->first < 0)
			return read_again(c, sp, files, rj, row, ctx, status,
			    &rows, 1);
		for (b = p->b; b != NULL && !stop; b = b->next)
			stop = jobs_take_batch(c, b, rj, h, nh, row, ctx,
			    status, &rows, k > 0 ? line - 1 : 0);
		stop = stop || p->fatal;
		prev = *p;
		prev.b = NULL;
		pline = line;
		line += p->nlines;
		pthread_mutex_lock(&sp->mu);
		part_clear(sp, p);
		sp->taken = k + 1;
		pthread_cond_broadcast(&sp->work);
		pthread_mutex_unlock(&sp->mu);
	}
	return stop;
}

int
jobs_split_read(struct cli_common *c, track_records *rs, char **files,
    size_t n, struct cli_rejects *rj, cli_row_fn row, void *ctx,
    int *status)
{
	struct split sp;
	pthread_t t[WINDOW_MAX];
	char self[40];
	long long size;
	size_t i, nt;
	int fd;

	/*
	 * With two threads, one reading and one counting (jobs.c) is faster
	 * than two reading parts beside the counting thread, which then
	 * share two cores three ways (10M records: 2.2 s against 2.6 s, and
	 * 3.6 s with -j 1): parts need three or more.
	 */
	if (c->jobs < 3 || !splittable(rs, files, n, &size))
		return -1;
	memset(&sp, 0, sizeof sp);
	snprintf(self, sizeof self, "/proc/self/fd/%d",
	    reader_fd(records_first(rs)));
	sp.path = self;
	sp.rs = rs;
	sp.like = records_first(rs);
	sp.name = records_name(rs);
	fd = open(sp.path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	sp.nparts = plan(&sp, fd, size);
	close(fd);
	nt = (size_t)c->jobs - 1 < WINDOW_MAX - 2 ? (size_t)c->jobs - 1 :
	    WINDOW_MAX - 2;	/* the counting thread is one of -j's */
	sp.window = nt + 1;
	sp.slot = calloc(sp.window, sizeof *sp.slot);
	if (sp.nparts < 2 || sp.slot == NULL) {
		free(sp.cut);
		free(sp.slot);
		return -1;
	}
	pthread_mutex_init(&sp.mu, NULL);
	pthread_cond_init(&sp.work, NULL);
	pthread_cond_init(&sp.done, NULL);
	nt = start_workers(&sp, t, nt);
	if (nt == 0) {
		free(sp.cut);
		free(sp.slot);
		return -1;
	}
	take_parts(c, &sp, files, rj, row, ctx, status);
	pthread_mutex_lock(&sp.mu);
	sp.cancel = 1;
	pthread_cond_broadcast(&sp.work);
	pthread_mutex_unlock(&sp.mu);
	for (i = 0; i < nt; i++)
		pthread_join(t[i], NULL);
	for (i = 0; i < sp.window; i++)
		part_clear(&sp, &sp.slot[i]);
	chain_free(sp.spare);
	pthread_cond_destroy(&sp.work);
	pthread_cond_destroy(&sp.done);
	pthread_mutex_destroy(&sp.mu);
	free(sp.cut);
	free(sp.slot);
	return 0;
}
