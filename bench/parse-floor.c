/*
 * parse-floor: the fastest a libcsv-based program can read a file.
 *
 *   parse-floor [FILE]
 *
 * Parses FILE (or stdin, or "-") with libcsv set up as lib/record/reader.c sets
 * it up: CSV_STRICT_FINI | CSV_REPALL_NL, a space function that trims
 * nothing, 64 KiB blocks, read() in 64 KiB chunks.  The callbacks only
 * count, so the run time is the parse floor that bench/run compares
 * every program with.  Prints "ROWS FIELDS" (the header counts as a row;
 * with CSV_REPALL_NL so does each empty line).  Exits 1 on a parse
 * error, 2 on a usage error and 3 on an I/O error.
 */
#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define CHUNK (64 * 1024)

struct counts {
	unsigned long long rows, fields;
};

static void on_field(void *s, size_t len, void *data)
{
	(void)s;
	(void)len;
	((struct counts *)data)->fields++;
}

static void on_row(int c, void *data)
{
	(void)c;
	((struct counts *)data)->rows++;
}

static int space_never(unsigned char c)
{
	(void)c;
	return 0;
}

int main(int argc, char **argv)
{
	static char buf[CHUNK];
	const char *name = argc > 1 ? argv[1] : "-";
	struct counts n = { 0, 0 };
	struct csv_parser p;
	int fd = 0, rc = 0;
	ssize_t got;

	if (argc > 2 || (name[0] == '-' && name[1] != '\0')) {
		fprintf(stderr, "usage: parse-floor [FILE]\n");
		return 2;
	}
	if (strcmp(name, "-") != 0) {
		fd = open(name, O_RDONLY);
		if (fd < 0) {
			fprintf(stderr, "parse-floor: %s: %s\n", name,
			    strerror(errno));
			return 3;
		}
	}
	if (csv_init(&p, CSV_STRICT_FINI | CSV_REPALL_NL) != 0) {
		fprintf(stderr, "parse-floor: out of memory\n");
		return 3;
	}
	csv_set_space_func(&p, space_never);
	csv_set_blk_size(&p, CHUNK);
	for (;;) {
		got = read(fd, buf, sizeof(buf));
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			fprintf(stderr, "parse-floor: %s: %s\n", name,
			    strerror(errno));
			rc = 3;
			goto out;
		}
		if (got == 0)
			break;
		if (csv_parse(&p, buf, (size_t)got, on_field, on_row, &n) !=
		    (size_t)got) {
			fprintf(stderr, "parse-floor: %s: %s\n", name,
			    csv_strerror(csv_error(&p)));
			rc = 1;
			goto out;
		}
	}
	if (csv_fini(&p, on_field, on_row, &n) != 0) {
		fprintf(stderr, "parse-floor: %s: %s\n", name,
		    csv_strerror(csv_error(&p)));
		rc = 1;
	}
	printf("%llu %llu\n", n.rows, n.fields);
out:
	csv_free(&p);
	if (fd > 0)
		close(fd);
	if (fflush(stdout) != 0 && rc == 0)
		rc = 3;
	return rc;
}
