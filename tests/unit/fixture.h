/*
 * fixture.h - what many suites share: the built-in scheme loaded before
 * each test (default_scheme.h: setup_default/teardown_default as a
 * checked fixture, the scheme in `def`), a line split on commas (no
 * quoting), and an unlinked temporary file read back whole.  Header-only, like scratch.h: each test program
 * is one translation unit.
 */
#ifndef TRACK_TEST_FIXTURE_H
#define TRACK_TEST_FIXTURE_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/str.h"
#include "scheme/scheme.h"
#include "default_scheme.h"

#define FX_MAXF 24
#define FX_UNUSED __attribute__((unused))

/*
 * Splits `line` on commas into at most FX_MAXF slices over `store`;
 * returns how many.
 */
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

/* An unlinked temporary file's descriptor. */
static FX_UNUSED int
fx_temp_fd(void)
{
	char path[] = "/tmp/check_track_fx.XXXXXX";
	int fd = mkstemp(path);

	ck_assert(fd >= 0);
	unlink(path);
	return fd;
}

/* What fd holds, as a new string (the caller frees it). */
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

#endif
