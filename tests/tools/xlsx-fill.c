/*
 * xlsx-fill FILE.xlsx PART CELL=VALUE... - types values into empty cells
 * of a workbook, as a teacher filling in a grid would: each empty cell
 * <c r="CELL" .../> of part PART (for example xl/worksheets/sheet1.xml)
 * becomes a text cell holding VALUE (plain text: no & or <), and the
 * part is written back into the zip.  For tests/xlsx/run's round trip.
 * Exits 1 when a cell is not there and empty, 2 on bad usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "../unit/xlsx_part.h"

/* Replaces the empty cell `ref` in *text with a text cell of `value`. */
static int
fill(char **text, const char *ref, const char *value)
{
	char key[64], *at, *end, *out;
	size_t head, tail, n;

	snprintf(key, sizeof key, "<c r=\"%s\" ", ref);
	at = strstr(*text, key);
	end = at != NULL ? strchr(at, '>') : NULL;
	if (end == NULL || end[-1] != '/')
		return -1;
	head = (size_t)(end - 1 - *text);	/* up to the "/>" */
	tail = strlen(end + 1);
	n = head + strlen(value) + tail + 64;
	out = malloc(n);
	if (out == NULL)
		return -1;
	snprintf(out, n, "%.*s t=\"inlineStr\"><is><t>%s</t></is></c>%s",
	    (int)head, *text, value, end + 1);
	free(*text);
	*text = out;
	return 0;
}

int
main(int argc, char **argv)
{
	zip_t *z;
	zip_source_t *src;
	char *text, *eq;
	int i;

	if (argc < 4) {
		fprintf(stderr, "usage: xlsx-fill FILE.xlsx PART CELL=VALUE"
		    "...\n");
		return 2;
	}
	text = xlsx_part(argv[1], argv[2]);
	if (text == NULL) {
		fprintf(stderr, "xlsx-fill: %s: no part %s\n", argv[1],
		    argv[2]);
		return 1;
	}
	for (i = 3; i < argc; i++) {
		eq = strchr(argv[i], '=');
		if (eq == NULL)
			return 2;
		*eq = '\0';
		if (fill(&text, argv[i], eq + 1) != 0) {
			fprintf(stderr, "xlsx-fill: no empty cell %s\n",
			    argv[i]);
			free(text);
			return 1;
		}
	}
	z = zip_open(argv[1], 0, NULL);
	src = z != NULL ? zip_source_buffer(z, text, strlen(text), 1) : NULL;
	if (src == NULL || zip_file_add(z, argv[2], src,
	    ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8) < 0 || zip_close(z) != 0) {
		fprintf(stderr, "xlsx-fill: cannot write %s\n", argv[1]);
		return 1;
	}
	return 0;
}
