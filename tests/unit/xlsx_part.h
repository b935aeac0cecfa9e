/*
 * xlsx_part.h - for tests: one part of a workbook (a zip member such as
 * "xl/worksheets/sheet1.xml") read back whole with libzip, to check the
 * XML a writer made.  Used by the Check suites and tests/tools/xlsx-part.
 */
#ifndef TRACK_TEST_XLSX_PART_H
#define TRACK_TEST_XLSX_PART_H

#include <stdlib.h>
#include <string.h>
#include <zip.h>

/*
 * The text of part `name` of workbook `path`, NUL-terminated, to be
 * freed; NULL when the file is not a zip or has no such part.
 */
static inline char *
xlsx_part(const char *path, const char *name)
{
	zip_t *z = zip_open(path, ZIP_RDONLY, NULL);
	zip_stat_t st;
	zip_file_t *f;
	char *text = NULL;

	if (z == NULL)
		return NULL;
	if (zip_stat(z, name, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE) &&
	    st.size < (1u << 30) && (f = zip_fopen(z, name, 0)) != NULL) {
		text = malloc(st.size + 1);
		if (text != NULL && zip_fread(f, text, st.size) !=
		    (zip_int64_t)st.size) {
			free(text);
			text = NULL;
		}
		if (text != NULL)
			text[st.size] = '\0';
		zip_fclose(f);
	}
	zip_close(z);
	return text;
}

/* How many times `needle` occurs in `text` (0 for a NULL text). */
static inline size_t
xlsx_count(const char *text, const char *needle)
{
	size_t n = 0;

	while (text != NULL && (text = strstr(text, needle)) != NULL) {
		n++;
		text += strlen(needle);
	}
	return n;
}

#endif
