/*
 * fuzz.h - helpers shared by the libFuzzer harnesses in tests/fuzz.
 *
 * Each harness is one fuzz_*.c file with LLVMFuzzerTestOneInput; `make
 * fuzz` builds them with clang -fsanitize=fuzzer,address,undefined and runs
 * them from the corpora in tests/fuzz/corpus (see tests/fuzz/run).
 */
#ifndef TRACK_FUZZ_H
#define TRACK_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "base/str.h"
#include "scheme/scheme.h"

/*
 * The library reads inputs by path, so a harness hands it the fuzzer's
 * bytes as an in-memory file: fuzz_file() writes them to a memfd and
 * returns its descriptor, and fuzz_path() names it for open().
 */
static inline int
fuzz_file(const uint8_t *data, size_t size, char *path, size_t pathlen)
{
	int fd = memfd_create("fuzz", MFD_CLOEXEC);

	if (fd < 0) {
		perror("memfd_create");
		abort();
	}
	while (size > 0) {
		ssize_t n = write(fd, data, size);

		if (n <= 0) {
			perror("write");
			abort();
		}
		data += n;
		size -= (size_t)n;
	}
	snprintf(path, pathlen, "/proc/self/fd/%d", fd);
	return fd;
}

/* A NUL-terminated copy of the bytes, for parsers of option strings. */
static inline char *
fuzz_string(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (s == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* The built-in scheme, loaded once for the harnesses that need one. */
static inline const track_scheme *
fuzz_scheme(void)
{
	static track_scheme *s;
	track_error err;

	if (s == NULL && scheme_load_default(&s, &err) != 0)
		abort();
	return s;
}

/* A string literal as a track_str initialiser. */
#define S(z) { z, sizeof z - 1 }

/* Fails the run loudly: a broken invariant is a finding like a crash. */
#define FUZZ_ASSERT(c) do { \
	if (!(c)) { \
		fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, \
		    __LINE__, #c); \
		abort(); \
	} \
} while (0)

#endif
