/* input.c - a byte source that yields UTF-8 text; see input.h. */
#include "input.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/utf8.h"

#define CHUNK (64 * 1024)

struct track_input {
	int fd;
	int is_stdin;
	char *name;
	char encoding[64];
	int started;		/* the first chunk has been looked at */
	int eof;
	iconv_t cd;		/* (iconv_t)-1 when passing UTF-8 through */
	int unit;		/* bytes skipped on an undecodable byte */
	char *raw;		/* raw bytes read from fd */
	size_t rawlen;		/* bytes pending in raw (from rawoff) */
	size_t rawoff;
	char *out;		/* decoded UTF-8 */
	size_t outcap;
	off_t start;		/* the offset the input began at, or -1 */
};

int
input_open(track_input **out, const char *path, const char *encoding,
    track_error *err)
{
	track_input *in;
	int rc = 0;

	*out = NULL;
	in = calloc(1, sizeof *in);
	if (in == NULL)
		return error_set(err, TRACK_EXIT_IO, path, 0, "out of memory");
	in->fd = -1;
	in->cd = (iconv_t)-1;
	in->raw = calloc(1, CHUNK + INPUT_SLACK);
	in->outcap = CHUNK * 4 + 16;
	in->out = calloc(1, in->outcap);
	if (encoding == NULL || *encoding == '\0')
		encoding = "utf-8";
	if (strcasecmp(encoding, "utf8") == 0)
		encoding = "utf-8";
	snprintf(in->encoding, sizeof in->encoding, "%s", encoding);
	if (strcmp(path, "-") == 0) {
		in->fd = STDIN_FILENO;
		in->is_stdin = 1;
		in->name = strdup("stdin");
	} else {
		in->name = strdup(path);
		in->fd = open(path, O_RDONLY | O_CLOEXEC);
	}
	if (in->raw == NULL || in->out == NULL || in->name == NULL) {
		rc = error_set(err, TRACK_EXIT_IO, path, 0, "out of memory");
		goto out;
	}
	if (in->fd < 0) {
		rc = error_set(err, TRACK_EXIT_IO, NULL, 0, "cannot open %s: %s",
		    path, strerror(errno));
		goto out;
	}
	in->start = lseek(in->fd, 0, SEEK_CUR);
	if (strcasecmp(encoding, "utf-8") != 0 &&
	    strcasecmp(encoding, "auto") != 0) {
		iconv_t cd = iconv_open("UTF-8", encoding);

		if (cd == (iconv_t)-1) {
			rc = error_set(err, TRACK_EXIT_USAGE, NULL, 0,
			    "unknown encoding \"%s\" (try utf-8, "
			    "windows-1252, utf-16 or auto)", encoding);
			goto out;
		}
		iconv_close(cd);
	}
out:
	if (rc != 0) {
		input_close(in);
		return rc;
	}
	*out = in;
	return 0;
}

/* Reads more raw bytes after the pending ones; returns bytes read. */
static long
fill(track_input *in, track_error *err)
{
	ssize_t n;

	if (in->rawoff > 0 && in->rawlen > 0)
		memmove(in->raw, in->raw + in->rawoff, in->rawlen);
	in->rawoff = 0;
	if (in->eof)
		return 0;
	do {
		n = read(in->fd, in->raw + in->rawlen, CHUNK - in->rawlen);
	} while (n < 0 && errno == EINTR);
	if (n < 0) {
		error_set(err, TRACK_EXIT_IO, NULL, 0, "cannot read %s: %s",
		    in->name, strerror(errno));
		return -1;
	}
	if (n == 0)
		in->eof = 1;
	in->rawlen += (size_t)n;
	return n;
}

/* Switches to converting from `enc` with iconv. */
static int
use_iconv(track_input *in, const char *enc, track_error *err)
{
	if (enc != in->encoding)
		snprintf(in->encoding, sizeof in->encoding, "%s", enc);
	in->cd = iconv_open("UTF-8", in->encoding);
	if (in->cd == (iconv_t)-1)
		return error_set(err, TRACK_EXIT_USAGE, NULL, 0,
		    "unknown encoding \"%s\"", enc);
	in->unit = strncasecmp(enc, "utf-16", 6) == 0 ? 2 : 1;
	return 0;
}

/*
 * Looks at the start of the input: strips a BOM, honours UTF-16 BOMs and
 * settles "auto".  Reads until at least 4 bytes are there or the input
 * ends, so a BOM split over reads is still seen.
 */
static int
start(track_input *in, track_error *err)
{
	const unsigned char *r;
	long n;

	in->started = 1;
	while (in->rawlen < 4 && !in->eof) {
		n = fill(in, err);
		if (n < 0)
			return TRACK_EXIT_IO;
	}
	r = (const unsigned char *)in->raw;
	if (in->rawlen >= 3 && r[0] == 0xEF && r[1] == 0xBB && r[2] == 0xBF) {
		in->rawoff = 3;
		in->rawlen -= 3;
		snprintf(in->encoding, sizeof in->encoding, "utf-8");
		return 0;
	}
	if (in->rawlen >= 2 && r[0] == 0xFF && r[1] == 0xFE) {
		in->rawoff = 2;
		in->rawlen -= 2;
		return use_iconv(in, "UTF-16LE", err);
	}
	if (in->rawlen >= 2 && r[0] == 0xFE && r[1] == 0xFF) {
		in->rawoff = 2;
		in->rawlen -= 2;
		return use_iconv(in, "UTF-16BE", err);
	}
	if (strcasecmp(in->encoding, "auto") == 0) {
		while (in->rawlen < CHUNK && !in->eof) {
			n = fill(in, err);
			if (n < 0)
				return TRACK_EXIT_IO;
		}
		if (utf8_valid_prefix_partial(in->raw, in->rawlen) ==
		    in->rawlen) {
			snprintf(in->encoding, sizeof in->encoding, "utf-8");
			return 0;
		}
		return use_iconv(in, "WINDOWS-1252", err);
	}
	if (strcasecmp(in->encoding, "utf-8") == 0)
		return 0;
	return use_iconv(in, in->encoding, err);
}

/* Converts pending raw bytes into in->out; returns the bytes produced. */
static size_t
convert(track_input *in)
{
	char *src = in->raw + in->rawoff;
	size_t srclen = in->rawlen;
	char *dst = in->out;
	size_t dstlen = in->outcap - INPUT_SLACK;

	while (srclen > 0) {
		size_t r = iconv(in->cd, &src, &srclen, &dst, &dstlen);

		if (r != (size_t)-1)
			break;
		if (errno == EILSEQ || (errno == EINVAL && in->eof)) {
			/* Undecodable: pass a 0xFF marker on to the reader. */
			size_t skip = srclen < (size_t)in->unit ?
			    srclen : (size_t)in->unit;

			*dst++ = (char)0xFF;
			dstlen--;
			src += skip;
			srclen -= skip;
			continue;
		}
		break;	/* EINVAL: incomplete, wait for more; E2BIG: later */
	}
	in->rawoff = (size_t)(src - in->raw);
	in->rawlen = srclen;
	return (size_t)(dst - in->out);
}

int
input_is_stdin(const track_input *in)
{
	return in->is_stdin;
}

int
input_fd(const track_input *in)
{
	return in->fd;
}

int
input_open_at(track_input **out, const char *path, long long offset,
    track_error *err)
{
	int rc = input_open(out, path, "utf-8", err);

	if (rc != 0)
		return rc;
	if (lseek((*out)->fd, (off_t)offset, SEEK_SET) < 0) {
		rc = error_set(err, TRACK_EXIT_IO, NULL, 0, "cannot read %s: %s",
		    path, strerror(errno));
		input_close(*out);
		*out = NULL;
		return rc;
	}
	(*out)->started = 1;	/* no BOM in the middle of a file */
	(*out)->start = -1;
	return 0;
}

long
input_read(track_input *in, char **buf, track_error *err)
{
	long n;
	size_t got;

	*buf = NULL;
	if (!in->started && start(in, err) != 0)
		return -1;
	if (in->cd == (iconv_t)-1) {
		/* UTF-8: lend the raw bytes themselves. */
		if (in->rawlen == 0) {
			in->rawoff = 0;
			n = fill(in, err);
			if (n <= 0)
				return n;
		}
		*buf = in->raw + in->rawoff;
		n = (long)in->rawlen;
		in->rawoff = 0;
		in->rawlen = 0;
		return n;
	}
	for (;;) {
		if (in->rawlen > 0) {
			got = convert(in);
			if (got > 0) {
				*buf = in->out;
				return (long)got;
			}
		}
		if (in->eof && in->rawlen == 0)
			return 0;
		n = fill(in, err);
		if (n < 0)
			return -1;
		if (n == 0 && in->rawlen > 0) {
			/* Incomplete sequence at the very end. */
			got = convert(in);
			*buf = in->out;
			return (long)got;
		}
	}
}

long
input_peek(track_input *in, const unsigned char **buf, size_t n,
    track_error *err)
{
	if (n > CHUNK)
		n = CHUNK;
	if (in->rawoff > 0 && in->rawlen > 0)
		memmove(in->raw, in->raw + in->rawoff, in->rawlen);
	in->rawoff = 0;
	while (in->rawlen < n && !in->eof)
		if (fill(in, err) < 0)
			return -1;
	*buf = (const unsigned char *)in->raw;
	return (long)in->rawlen;
}

/* Writes all of s[0..n) to fd; returns 0 or -1 with errno set. */
static int
write_all(int fd, const char *s, size_t n)
{
	ssize_t w;

	while (n > 0) {
		w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

int
input_spool(track_input *in, track_error *err)
{
	struct stat st;
	const char *dir = getenv("TMPDIR");
	char path[4096];
	int fd;
	long n;

	if (in->start == 0 && fstat(in->fd, &st) == 0 && S_ISREG(st.st_mode)) {
		fd = dup(in->fd);
		if (fd < 0 || lseek(fd, 0, SEEK_SET) != 0)
			goto fail;
		return fd;
	}
	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	snprintf(path, sizeof path, "%s/track-spool-XXXXXX", dir);
	fd = mkstemp(path);
	if (fd < 0)
		goto fail;
	unlink(path);
	for (;;) {
		if (write_all(fd, in->raw + in->rawoff, in->rawlen) != 0) {
			close(fd);
			goto fail;
		}
		in->rawoff = in->rawlen = 0;
		n = fill(in, err);
		if (n < 0) {
			close(fd);
			return -1;
		}
		if (n == 0)
			break;
	}
	if (lseek(fd, 0, SEEK_SET) != 0) {
		close(fd);
		goto fail;
	}
	return fd;
fail:
	error_set(err, TRACK_EXIT_IO, NULL, 0, "cannot read %s: %s", in->name,
	    strerror(errno));
	return -1;
}

const char *
input_name(const track_input *in)
{
	return in->name;
}

const char *
input_encoding(const track_input *in)
{
	return in->encoding;
}

void
input_close(track_input *in)
{
	if (in == NULL)
		return;
	if (in->cd != (iconv_t)-1)
		iconv_close(in->cd);
	if (in->fd >= 0 && !in->is_stdin)
		close(in->fd);
	free(in->name);
	free(in->raw);
	free(in->out);
	free(in);
}
