/*
 * summary_fixture.h - what the suites of the summary's modules share
 * (check_summary_*.c): besides fixture.h (the default scheme, split,
 * temporary files), options as track-summary has them, a summary made
 * and fed comma-separated rows (no quoting), and a table rendered as CSV.
 * Header-only, like scratch.h: each test program is one translation unit.
 */
#ifndef TRACK_TEST_SUMMARY_FIXTURE_H
#define TRACK_TEST_SUMMARY_FIXTURE_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/summary_int.h"
#include "fixture.h"

/* Options as track-summary has them with no flags given. */
static FX_UNUSED struct summary_opts
fx_opts(void)
{
	struct summary_opts o;

	memset(&o, 0, sizeof o);
	o.min_group = -1;
	return o;
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
