/*
 * scratch.h - a scratch directory for the unit tests that need files.
 *
 * tmp_setup() makes a fresh directory under /tmp before each test case
 * and tmp_teardown() removes it, with everything in it, afterwards, even
 * when the test failed (use them as a checked fixture).  write_file()
 * puts bytes into a file there, and read_text() reads one back whole.
 * Header-only: each test program is one translation unit.
 */
#ifndef TRACK_TEST_SCRATCH_H
#define TRACK_TEST_SCRATCH_H

#include <check.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

static char tmpdir[64];

static __attribute__((unused)) void
tmp_setup(void)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/check_track.XXXXXX");
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		abort();
	}
}

static int
tmp_remove_one(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

static __attribute__((unused)) void
tmp_teardown(void)
{
	nftw(tmpdir, tmp_remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

/*
 * Writes `len` bytes into tmpdir/name and returns the path, in a static
 * buffer of which four are kept at once.
 */
static __attribute__((unused)) const char *
write_file(const char *name, const void *data, size_t len)
{
	static char paths[4][PATH_MAX];
	static int next;
	char *p = paths[next++ % 4];
	FILE *f;

	snprintf(p, PATH_MAX, "%s/%s", tmpdir, name);
	f = fopen(p, "wb");
	ck_assert_msg(f != NULL, "cannot create %s", p);
	ck_assert(fwrite(data, 1, len, f) == len);
	ck_assert(fclose(f) == 0);
	return p;
}

/* The contents of `path` (the caller frees), or NULL when it is absent. */
static __attribute__((unused)) char *
read_text(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *p;
	long n;

	if (f == NULL)
		return NULL;
	ck_assert(fseek(f, 0, SEEK_END) == 0);
	n = ftell(f);
	ck_assert(n >= 0);
	rewind(f);
	p = malloc((size_t)n + 1);
	ck_assert(p != NULL);
	ck_assert(fread(p, 1, (size_t)n, f) == (size_t)n);
	p[n] = '\0';
	fclose(f);
	return p;
}

#endif
