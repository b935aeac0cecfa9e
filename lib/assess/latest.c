/*
 * latest.c - last record wins: see latest.h.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/error.h"
#include "base/strmap.h"
#include "base/u64map.h"
#include "latest.h"

struct track_latest {
	track_derive *d;
	track_writer *w;
	size_t nout;			/* the output's width */
	track_str *out;			/* a row being written */
	assess_latest_warn_fn warn;
	void *ctx;
	track_buf msg;			/* a warning, formatted */

	/*
	 * Held rows.  `rows` holds them back to back: each as the writer
	 * will write it when the writer can encode rows ahead (CSV, TSV),
	 * else its fields, each after its length.  `heads` holds one small
	 * head a row, in the same order: a live flag, then as varints its
	 * file (an index into `files`), its line and its length in `rows`.
	 * A superseded row's flag is cleared, and assess_latest_write
	 * writes the live ones.
	 */
	int encoded;
	track_buf rows, heads;
	const char **files;		/* input names, borrowed */
	size_t nfiles, fcap;

	/*
	 * Provenance: when records carry the export they were imported from
	 * (track-import --provenance), warnings name it instead.  Its names
	 * are kept here, one copy each, as the rows' text does not last.
	 */
	long srccol, linecol;		/* source, source_line; or -1 */
	track_strmap *srcmap;		/* export name -> index in srcname */
	char **srcname;
	size_t nsrc, srccap;

	/* Identities: (pupil, what) -> id, what being the rest of it. */
	track_strmap *pupils;		/* pupil -> pupil id */
	long lastpupil;			/* the last row's pupil id, or -1 */
	track_strmap *whats;		/* subject, measure, point, objective */
	track_buf key;			/* a what's key, built */
	long *whatof;			/* by o->sig: its what id, or -1 */
	size_t nwhatof, whatcap;
	track_u64map *ids;
	size_t *winner;			/* id -> offset of its row's head */
	size_t wcap;
};

int
assess_latest_new(track_latest **out, track_derive *d, track_writer *w,
    assess_latest_warn_fn warn, void *ctx, track_error *err)
{
	track_latest *l;

	*out = NULL;
	l = calloc(1, sizeof *l);
	if (l == NULL)
		return error_nomem(err);
	l->d = d;
	l->w = w;
	l->warn = warn;
	l->ctx = ctx;
	l->encoded = writer_encodes(w);
	(void)assess_derive_header(d, &l->nout);
	l->out = calloc(l->nout + 1, sizeof *l->out);
	/* Keys are (pupil, what): a pupil's records sit side by side in
	   the table, so an export written pupil by pupil, or term by term
	   in pupil order, touches few cache lines. */
	l->ids = u64map_new_grouped(32);
	l->pupils = strmap_new();
	l->whats = strmap_new();
	l->lastpupil = -1;
	l->srccol = l->linecol = -1;
	if (l->out == NULL || l->ids == NULL || l->pupils == NULL ||
	    l->whats == NULL) {
		assess_latest_free(l);
		return error_nomem(err);
	}
	*out = l;
	return 0;
}

/* Hands the caller a warning, formatted like printf.  Returns 0 or -1. */
static int __attribute__((format(printf, 2, 3)))
warn(track_latest *l, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return -1;
	l->msg.len = 0;
	if (buf_reserve(&l->msg, (size_t)n + 1) != 0)
		return -1;
	va_start(ap, fmt);
	vsnprintf(l->msg.ptr, (size_t)n + 1, fmt, ap);
	va_end(ap);
	l->warn(l->ctx, l->msg.ptr);
	return 0;
}

/*
 * The id of the rest of `o`'s identity besides the pupil: its subject,
 * measure, point and objective (none for most records), kept by o->sig
 * when it has no objective.  Returns -1 when out of memory.
 */
static long
what_id(track_latest *l, const struct track_obs *o)
{
	struct {
		int subject, measure;
		long point;
	} k;
	size_t sig = (size_t)o->sig, i;
	long what;

	if (o->objective.len == 0 && o->sig >= 0 && sig < l->nwhatof &&
	    l->whatof[sig] >= 0)
		return l->whatof[sig];
	memset(&k, 0, sizeof k);
	k.subject = o->subject;
	k.measure = o->measure;
	k.point = o->point;
	l->key.len = 0;
	if (buf_append(&l->key, &k, sizeof k, 0) < 0 ||
	    buf_append(&l->key, o->objective.ptr, o->objective.len, 0) < 0)
		return -1;
	what = strmap_intern(l->whats, l->key.ptr, l->key.len, NULL);
	if (what < 0 || o->objective.len > 0 || o->sig < 0)
		return what;
	if (sig >= l->nwhatof) {
		if (buf_grow(&l->whatof, &l->whatcap, sig + 1,
		    sizeof *l->whatof) != 0)
			return -1;
		for (i = l->nwhatof; i <= sig; i++)
			l->whatof[i] = -1;
		l->nwhatof = sig + 1;
	}
	l->whatof[sig] = what;
	return what;
}

/*
 * Warns that `o` (read at `file`:`line`) supersedes the record whose row
 * head is `h`, and marks that row dead.  Out of line, so that identify,
 * run for every record, keeps a small frame.  Returns -1 when out of
 * memory.
 */
static __attribute__((noinline)) int
supersede(track_latest *l, const struct track_obs *o, char *h,
    const char *file, long line)
{
	const char *p = h + 1;
	uint64_t of = buf_read_varint(&p), ol = buf_read_varint(&p);
	char w1[600], w2[600];

	if (warn(l, "%s: supersedes %s (same pupil %.*s%s, "
	    "subject, measure%s and point)",
	    error_where(w1, sizeof w1, file, line, 0),
	    error_where(w2, sizeof w2, l->files[of], (long)ol, 0),
	    (int)(o->pupil.len > 40 ? 40 : o->pupil.len),
	    o->pupil.ptr, o->pupil.len > 40 ? "..." : "",
	    o->objective.len ? ", objective" : "") != 0)
		return -1;
	*h = 0;
	return 0;
}

/*
 * The identity id of `o` (its pupil and what_id), warning when it
 * supersedes an earlier record read from another line (`file`:`line` is
 * this record's) and marking that record's row dead.  Returns -1 when out
 * of memory.
 */
static long
identify(track_latest *l, const struct track_obs *o, const char *file,
    long line)
{
	long pid = -1, what, id;
	size_t klen;
	const char *k;
	int added;

	/* A pupil's records mostly come together. */
	if (l->lastpupil >= 0) {
		k = strmap_key(l->pupils, l->lastpupil, &klen);
		if (klen == o->pupil.len && memcmp(k, o->pupil.ptr, klen) == 0)
			pid = l->lastpupil;
	}
	if (pid < 0) {
		pid = strmap_intern(l->pupils, o->pupil.ptr, o->pupil.len,
		    NULL);
		l->lastpupil = pid;
	}
	what = what_id(l, o);
	if (pid < 0 || what < 0 || pid > UINT32_MAX || what > UINT32_MAX)
		return -1;
	id = u64map_intern(l->ids, (uint64_t)pid << 32 | (uint64_t)what,
	    &added);
	if (id < 0 || ((size_t)id >= l->wcap && buf_grow(&l->winner,
	    &l->wcap, (size_t)id + 1, sizeof *l->winner) != 0))
		return -1;
	if (!added && supersede(l, o, l->heads.ptr + l->winner[id], file,
	    line) != 0)
		return -1;
	return id;
}

/* Appends row `f` (n fields) to `b`, each field after its length. */
static int
put_fields(track_buf *b, const track_str *f, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (buf_append_varint(b, f[i].len) != 0 ||
		    buf_append(b, f[i].ptr, f[i].len, 0) < 0)
			return -1;
	return 0;
}

/* Appends o's output row to l->rows.  Returns 0 or TRACK_EXIT_IO. */
static int
put_row(track_latest *l, const struct track_obs *o, const track_str *row,
    track_error *err)
{
	const track_str *out;

	if (l->encoded)
		return assess_derive_encode(l->d, l->w, o, row, &l->rows, err);
	if (assess_derive_row(l->d, o, row, &out, err) != 0)
		return TRACK_EXIT_IO;
	if (put_fields(&l->rows, out, l->nout) != 0)
		return error_nomem(err);
	return 0;
}

void
assess_latest_provenance(track_latest *l, const track_str *hdr, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (str_eq(hdr[i], "source"))
			l->srccol = (long)i;
		else if (str_eq(hdr[i], "source_line"))
			l->linecol = (long)i;
	}
	if (l->srccol < 0 || l->linecol < 0)
		l->srccol = l->linecol = -1;
}

/*
 * The export row `row` was imported from, into *file and *line, when it
 * names one.  Returns 0, or -1 when out of memory.
 */
static int
provenance(track_latest *l, const track_str *row, const char **file,
    long *line)
{
	track_str src = row[l->srccol], ln = row[l->linecol];
	long id, n = 0;
	size_t i;
	int added;

	for (i = 0; i < ln.len && i < 12 && ln.ptr[i] >= '0' &&
	    ln.ptr[i] <= '9'; i++)
		n = n * 10 + (ln.ptr[i] - '0');
	if (src.len == 0 || i == 0 || i != ln.len)
		return 0;
	if (l->srcmap == NULL && (l->srcmap = strmap_new()) == NULL)
		return -1;
	id = strmap_intern(l->srcmap, src.ptr, src.len, &added);
	if (id < 0)
		return -1;
	if (added) {
		if (buf_grow(&l->srcname, &l->srccap, l->nsrc + 1,
		    sizeof *l->srcname) != 0 ||
		    (l->srcname[l->nsrc] = strndup(src.ptr, src.len)) == NULL)
			return -1;
		l->nsrc++;
	}
	*file = l->srcname[id];
	*line = n;
	return 0;
}

int
assess_latest_add(track_latest *l, const struct track_obs *o,
    const track_str *row, const char *file, long line, track_error *err)
{
	size_t start = l->rows.len;
	char *h;
	long id;

	if (l->srccol >= 0 && provenance(l, row, &file, &line) != 0)
		return error_nomem(err);
	if (put_row(l, o, row, err) != 0)
		return TRACK_EXIT_IO;
	id = identify(l, o, file, line);
	if (id < 0)
		goto nomem;
	if (l->nfiles == 0 || l->files[l->nfiles - 1] != file) {
		if (buf_grow(&l->files, &l->fcap, l->nfiles + 1,
		    sizeof *l->files) != 0)
			goto nomem;
		l->files[l->nfiles++] = file;
	}
	if (l->heads.len + 31 > l->heads.cap &&
	    buf_reserve(&l->heads, 31) != 0)
		goto nomem;
	l->winner[id] = l->heads.len;
	h = l->heads.ptr + l->heads.len;
	*h++ = 1;
	h = buf_put_varint(h, l->nfiles - 1);
	h = buf_put_varint(h, (uint64_t)line);
	h = buf_put_varint(h, l->rows.len - start);
	l->heads.len = (size_t)(h - l->heads.ptr);
	return 0;
nomem:
	l->rows.len = start;
	return error_nomem(err);
}

int
assess_latest_write(track_latest *l, track_error *err)
{
	const char *h = l->heads.ptr, *end = h + l->heads.len;
	const char *rows = l->rows.ptr;
	size_t pos = 0, run = 0, len, k;
	int live;

	while (h < end) {
		live = *h++;
		(void)buf_read_varint(&h);	/* file */
		(void)buf_read_varint(&h);	/* line */
		len = (size_t)buf_read_varint(&h);
		if (l->encoded) {
			/* A dead row ends the run of live ones before it. */
			if (!live) {
				if (pos > run && writer_text(l->w, rows + run,
				    pos - run, err) != 0)
					return TRACK_EXIT_IO;
				run = pos + len;
			}
		} else if (live) {
			const char *p = rows + pos;

			for (k = 0; k < l->nout; k++) {
				l->out[k].len = (size_t)buf_read_varint(&p);
				l->out[k].ptr = p;
				p += l->out[k].len;
			}
			if (writer_row(l->w, l->out, l->nout, err) != 0)
				return TRACK_EXIT_IO;
		}
		pos += len;
	}
	if (l->encoded && pos > run &&
	    writer_text(l->w, rows + run, pos - run, err) != 0)
		return TRACK_EXIT_IO;
	return 0;
}

void
assess_latest_free(track_latest *l)
{
	if (l == NULL)
		return;
	free(l->out);
	buf_free(&l->msg);
	buf_free(&l->rows);
	buf_free(&l->heads);
	free(l->files);
	while (l->nsrc > 0)
		free(l->srcname[--l->nsrc]);
	free(l->srcname);
	strmap_free(l->srcmap);
	strmap_free(l->pupils);
	strmap_free(l->whats);
	buf_free(&l->key);
	free(l->whatof);
	u64map_free(l->ids);
	free(l->winner);
	free(l);
}
