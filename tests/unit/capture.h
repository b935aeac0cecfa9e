/*
 * capture.h - what a test's code writes to stdout or stderr, caught in a
 * scratch file: capture_begin(&c, fd) points fd at it, capture_end(&c)
 * puts fd back and returns what was written.  Header-only.
 */
#ifndef TRACK_TEST_CAPTURE_H
#define TRACK_TEST_CAPTURE_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* A redirection of descriptor `fd` into a scratch file. */
struct capture {
	int fd, save, tmp;
};

static __attribute__((unused)) void
capture_begin(struct capture *c, int fd)
{
	char path[] = "/tmp/check_track.out.XXXXXX";

	fflush(fd == 1 ? stdout : stderr);
	c->fd = fd;
	c->save = dup(fd);
	c->tmp = mkstemp(path);
	ck_assert(c->save >= 0 && c->tmp >= 0);
	unlink(path);
	ck_assert(dup2(c->tmp, fd) == fd);
}

/* Ends the redirection; returns what was written (the caller frees). */
static __attribute__((unused)) char *
capture_end(struct capture *c)
{
	off_t n;
	char *p;

	fflush(c->fd == 1 ? stdout : stderr);
	ck_assert(dup2(c->save, c->fd) == c->fd);
	close(c->save);
	n = lseek(c->tmp, 0, SEEK_END);
	ck_assert(n >= 0);
	p = malloc((size_t)n + 1);
	ck_assert(p != NULL);
	ck_assert(pread(c->tmp, p, (size_t)n, 0) == (ssize_t)n);
	p[n] = '\0';
	close(c->tmp);
	return p;
}

#endif
