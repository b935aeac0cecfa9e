/*
 * jsoncmp EXPECTED ACTUAL - compares, as data, a JSON array of objects
 * (EXPECTED) with JSON Lines (ACTUAL, "-" for stdin): the same objects in
 * the same order, value for value.  Exits 0 when equal, 1 when not (and
 * says where), 2 on bad usage or unreadable input.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
main(int argc, char **argv)
{
	json_error_t je;
	json_t *want, *got, *line;
	FILE *f;
	char *buf = NULL;
	size_t cap = 0;
	ssize_t n;
	long lineno = 0;
	size_t i;
	int rc = 0;

	if (argc != 3) {
		fprintf(stderr, "usage: jsoncmp EXPECTED.json ACTUAL.jsonl\n");
		return 2;
	}
	want = json_load_file(argv[1], 0, &je);
	if (want == NULL || !json_is_array(want)) {
		fprintf(stderr, "jsoncmp: %s:%d: %s\n", argv[1], je.line,
		    want ? "not an array" : je.text);
		return 2;
	}
	f = strcmp(argv[2], "-") == 0 ? stdin : fopen(argv[2], "r");
	if (f == NULL) {
		perror(argv[2]);
		return 2;
	}
	got = json_array();
	while ((n = getline(&buf, &cap, f)) > 0) {
		lineno++;
		line = json_loadb(buf, (size_t)n, 0, &je);
		if (line == NULL) {
			fprintf(stderr, "jsoncmp: %s:%ld: %s\n", argv[2],
			    lineno, je.text);
			rc = 1;
			continue;
		}
		json_array_append_new(got, line);
	}
	free(buf);
	if (f != stdin)
		fclose(f);
	if (json_array_size(want) != json_array_size(got)) {
		fprintf(stderr, "jsoncmp: expected %zu records, got %zu\n",
		    json_array_size(want), json_array_size(got));
		rc = 1;
	}
	for (i = 0; i < json_array_size(want) && i < json_array_size(got);
	    i++) {
		if (!json_equal(json_array_get(want, i),
		    json_array_get(got, i))) {
			char *a = json_dumps(json_array_get(want, i),
			    JSON_COMPACT | JSON_SORT_KEYS);
			char *b = json_dumps(json_array_get(got, i),
			    JSON_COMPACT | JSON_SORT_KEYS);

			fprintf(stderr, "jsoncmp: record %zu differs\n"
			    "  expected %s\n  got      %s\n", i + 1, a, b);
			free(a);
			free(b);
			rc = 1;
		}
	}
	json_decref(want);
	json_decref(got);
	return rc;
}
