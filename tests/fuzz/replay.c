/*
 * replay.c - runs a fuzz harness over saved inputs without libFuzzer.
 *
 * `make check` links each tests/fuzz/fuzz_*.c harness with this driver
 * (gcc, and ASan+UBSan under SANITIZE) and feeds it every input in
 * tests/fuzz/corpus/NAME, which holds the inputs that once crashed a
 * harness as well as the minimised corpus.  A harness that aborts fails
 * the check.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
replay(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t len = 0, cap = 0, n;

	if (f == NULL) {
		perror(path);
		return -1;
	}
	for (;;) {
		if (cap - len < 65536) {
			cap = cap ? cap * 2 : 65536;
			buf = realloc(buf, cap);
			if (buf == NULL) {
				perror("realloc");
				exit(2);
			}
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
		if (n == 0)
			break;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(buf, len);
	free(buf);
	return 0;
}

int
main(int argc, char **argv)
{
	int i, count = 0;

	for (i = 1; i < argc; i++) {
		DIR *d = opendir(argv[i]);
		struct dirent *e;

		if (d == NULL) {
			if (replay(argv[i]) != 0)
				return 2;
			count++;
			continue;
		}
		while ((e = readdir(d)) != NULL) {
			char path[4096];

			if (e->d_name[0] == '.')
				continue;
			snprintf(path, sizeof path, "%s/%s", argv[i], e->d_name);
			if (replay(path) != 0)
				return 2;
			count++;
		}
		closedir(d);
	}
	printf("%d\n", count);
	return 0;
}
