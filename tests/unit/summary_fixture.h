/*
 * summary_fixture.h - what the suites of the summary's modules share
 * (check_summary_*.c): the default scheme loaded before each test, a
 * summary made and fed comma-separated rows (no quoting), and a table
 * rendered as CSV.  Header-only, like scratch.h: each test program is
 * one translation unit.
 */
#ifndef TRACK_TEST_SUMMARY_FIXTURE_H
#define TRACK_TEST_SUMMARY_FIXTURE_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/summary_int.h"

#define FX_MAXF 24
#define FX_UNUSED __attribute__((unused))

static track_scheme *def;	/* England primary (built in) */

static FX_UNUSED void
fx_setup(void)
{
	track_error err;

	error_clear(&err);
	if (scheme_load_default(&def, &err) != 0)
		ck_abort_msg("default scheme: %s", err.text);
}

static FX_UNUSED void
fx_teardown(void)
{
	scheme_free(def);
	def = NULL;
}

/* Options as track-summary has them with no flags given. */
static FX_UNUSED struct summary_opts
fx_opts(void)
{
	struct summary_opts o;

	memset(&o, 0, sizeof o);
	o.min_group = -1;
	return o;
}

/* Splits `line` on commas into slices over `store`; returns how many. */
static FX_UNUSED size_t
fx_split(const char *line, char *store, size_t storesz, track_str *f)
{
	size_t n = 0;
	char *p = store, *q;

	ck_assert_msg(strlen(line) < storesz, "line too long");
	strcpy(store, line);
	for (;;) {
		ck_assert(n < FX_MAXF);
		q = strchr(p, ',');
		f[n].ptr = p;
		f[n].len = q ? (size_t)(q - p) : strlen(p);
		n++;
		if (q == NULL)
			break;
		p = q + 1;
	}
	return n;
}

/* A summary with options o, bound to `hdr` and fed `rows` (NULL ends). */
static FX_UNUSED track_summary *
fx_run(const struct summary_opts *o, const char *hdr,
    const char *const *rows)
{
	char store[512];
	track_str f[FX_MAXF];
	track_summary *m = NULL;
	track_error err;
	size_t n, i;

	error_clear(&err);
	if (summary_new(&m, def, o, &err) != 0)
		ck_abort_msg("summary_new: %s", err.text);
	n = fx_split(hdr, store, sizeof store, f);
	if (summary_bind(m, f, n, &err) != 0)
		ck_abort_msg("summary_bind(%s): %s", hdr, err.text);
	for (i = 0; rows != NULL && rows[i] != NULL; i++) {
		ck_assert(fx_split(rows[i], store, sizeof store, f) == n);
		ck_assert_msg(summary_row(m, f, &err) == 0, "\"%s\": %s",
		    rows[i], err.text);
	}
	return m;
}

/* An unlinked temporary file's descriptor. */
static FX_UNUSED int
fx_temp_fd(void)
{
	char path[] = "/tmp/check_summary_fx.XXXXXX";
	int fd = mkstemp(path);

	ck_assert(fd >= 0);
	unlink(path);
	return fd;
}

/* What fd holds, as a new string. */
static FX_UNUSED char *
fx_slurp(int fd)
{
	off_t end = lseek(fd, 0, SEEK_END);
	char *p;

	ck_assert(end >= 0);
	p = malloc((size_t)end + 1);
	ck_assert(p != NULL);
	ck_assert(pread(fd, p, (size_t)end, 0) == (ssize_t)end);
	p[end] = '\0';
	return p;
}

/* Writes a table as CSV and returns the text (the caller frees it). */
static FX_UNUSED char *
fx_csv(const track_rtable *t)
{
	track_writer *w;
	track_error err;
	int fd = fx_temp_fd();
	char *out;

	ck_assert_int_eq(writer_open(&w, fd, TRACK_FMT_CSV, 0, &err), 0);
	ck_assert_msg(rtable_write(t, w, TRACK_FMT_CSV, &err) == 0, "%s",
	    err.text);
	ck_assert_int_eq(writer_finish(w, &err), 0);
	writer_free(w);
	out = fx_slurp(fd);
	close(fd);
	return out;
}

/* The summary's table as CSV (the caller frees it). */
static FX_UNUSED char *
fx_table(track_summary *m)
{
	track_rtable *t;
	json_t *meta;
	track_error err;
	char *s;

	error_clear(&err);
	ck_assert_msg(summary_table(m, &t, &meta, &err) == 0, "%s",
	    err.text);
	s = fx_csv(t);
	rtable_free(t);
	json_decref(meta);
	return s;
}

#endif
