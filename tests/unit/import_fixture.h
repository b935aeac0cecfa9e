/*
 * import_fixture.h - what the suites of the importer's files share
 * (check_import_header.c, check_import_norm.c, check_import_join.c): the
 * default scheme and an empty mapping before each test, an importer made
 * from the mapping, the problems it reports (written as track-import
 * writes them, "[warning: ]file:line: text"), and headers written as
 * "a|b|c".  Header-only, like scratch.h: each test program is one
 * translation unit.  The suites look inside the importer through
 * assess/import_int.h.
 */
#ifndef TRACK_TEST_IMPORT_FIXTURE_H
#define TRACK_TEST_IMPORT_FIXTURE_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess/import_int.h"
#include "scratch.h"

#define FX_UNUSED __attribute__((unused))
#define FX_MAXCOLS 32
#define FX_MAXPROB 16

static track_scheme *scheme;
static struct mapping map;
static track_import *imp;
static track_error err;

/* The problems reported, each as "[warning: ]file:line: text". */
static char prob[FX_MAXPROB][700];
static size_t nprob;

static FX_UNUSED void
fx_import_setup(void)
{
	track_error e;

	tmp_setup();
	if (scheme_load_default(&scheme, &e) != 0)
		ck_abort_msg("default scheme: %s", e.text);
	mapping_init(&map);
	error_clear(&err);
	imp = NULL;
	nprob = 0;
}

static FX_UNUSED void
fx_import_teardown(void)
{
	import_free(imp);
	imp = NULL;
	mapping_free(&map);
	scheme_free(scheme);
	scheme = NULL;
	tmp_teardown();
}

static FX_UNUSED void
fx_problem(void *ctx, const track_error *e, int warning)
{
	char pos[300] = "";

	(void)ctx;
	if (e->file != NULL && e->line > 0)
		snprintf(pos, sizeof pos, "%s:%ld: ", e->file, e->line);
	else if (e->file != NULL)
		snprintf(pos, sizeof pos, "%s: ", e->file);
	ck_assert_uint_lt(nprob, FX_MAXPROB);
	snprintf(prob[nprob++], sizeof prob[0], "%s%s%s",
	    warning ? "warning: " : "", pos, e->text);
}

/* Makes the importer from `map`, with `ro` (NULL: the defaults). */
static FX_UNUSED int
fx_make(const struct track_reader_opts *ro)
{
	return import_new(&imp, &map, scheme, ro, fx_problem, NULL, &err);
}

/*
 * Splits "a|b|c" into slices over `store` (NUL-terminated, as a reader
 * leaves them); returns how many.
 */
static FX_UNUSED size_t
fx_split(const char *line, char *store, size_t storesz, track_str *f)
{
	size_t n = 0;
	char *p = store, *bar;

	ck_assert_uint_lt(strlen(line), storesz);
	strcpy(store, line);
	for (;;) {
		ck_assert_uint_lt(n, FX_MAXCOLS);
		bar = strchr(p, '|');
		if (bar != NULL)
			*bar = '\0';
		f[n++] = (track_str){ p, strlen(p) };
		if (bar == NULL)
			break;
		p = bar + 1;
	}
	return n;
}

/* Makes the importer and gives it `hdr`; returns import_header's. */
static FX_UNUSED int
fx_start(const char *hdr)
{
	char store[1024];
	track_str f[FX_MAXCOLS];
	size_t n;

	ck_assert_msg(fx_make(NULL) == 0, "import_new: %s", err.text);
	n = fx_split(hdr, store, sizeof store, f);
	return import_header(imp, f, n, "export.csv", &err);
}

/* The output header joined with '|', in a static buffer. */
static FX_UNUSED const char *
fx_out_header(void)
{
	static char buf[1024];
	const track_str *h;
	size_t n, i, len = 0;

	h = import_out_header(imp, &n);
	buf[0] = '\0';
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%.*s",
		    i ? "|" : "", (int)h[i].len, h[i].ptr);
	ck_assert_uint_lt(len, sizeof buf);
	return buf;
}

/* A slice as a NUL-terminated string, in one of four static buffers. */
static FX_UNUSED const char *
fx_str(track_str s)
{
	static char buf[4][512];
	static int next;
	char *b = buf[next++ % 4];

	snprintf(b, sizeof buf[0], "%.*s", (int)s.len, s.ptr);
	return b;
}

#define FX_PROB(i, want) do { \
	ck_assert_msg((size_t)(i) < nprob, "no problem %d (got %zu)", \
	    (int)(i), nprob); \
	ck_assert_str_eq(prob[i], (want)); \
} while (0)

#endif
