/*
 * xlsx-part FILE.xlsx PART - prints one part of a workbook (for example
 * xl/worksheets/sheet1.xml) with an element a line (a cell with its value
 * on one line: <c ...><v>4</v></c>), so that the golden cases can grep
 * the XML a writer made.  Exits 1 when the file is
 * no zip or has no such part, 2 on bad usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../unit/xlsx_part.h"

int
main(int argc, char **argv)
{
	char *text, *p;

	if (argc != 3) {
		fprintf(stderr, "usage: xlsx-part FILE.xlsx PART\n");
		return 2;
	}
	text = xlsx_part(argv[1], argv[2]);
	if (text == NULL) {
		fprintf(stderr, "xlsx-part: %s: no part %s\n", argv[1],
		    argv[2]);
		return 1;
	}
	for (p = text; *p != '\0'; p++) {
		/* A line before every opening tag but a cell's insides. */
		if (*p == '<' && p > text && p[1] != '/' &&
		    strncmp(p, "<v>", 3) != 0 && strncmp(p, "<t>", 3) != 0 &&
		    strncmp(p, "<t ", 3) != 0 && strncmp(p, "<is>", 4) != 0 &&
		    strncmp(p, "<f>", 3) != 0 && p[-1] != '\n')
			putchar('\n');
		putchar(*p);
	}
	putchar('\n');
	free(text);
	return 0;
}
