/* error.c - the error record shared by the library; see error.h. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void
error_clear(track_error *err)
{
	if (err == NULL)
		return;
	err->kind = TRACK_EXIT_OK;
	err->file = NULL;
	err->line = 0;
	err->col = 0;
	err->text[0] = '\0';
}

int
error_set(track_error *err, enum track_exit kind, const char *file,
    long line, const char *fmt, ...)
{
	va_list ap;

	if (err != NULL) {
		err->kind = kind;
		err->file = file;
		err->line = line;
		err->col = 0;
		va_start(ap, fmt);
		vsnprintf(err->text, sizeof err->text, fmt, ap);
		va_end(ap);
	}
	return (int)kind;
}


int
error_nomem(track_error *err)
{
	return error_set(err, TRACK_EXIT_IO, NULL, 0, "out of memory");
}

const char *
error_where(char *buf, size_t size, const char *file, long line, unsigned col)
{
	size_t n = strlen(file);
	char letters[8];
	int i = (int)sizeof letters - 1;

	if (n == 0 || file[n - 1] != '!') {
		if (line > 0)
			snprintf(buf, size, "%s:%ld", file, line);
		else
			snprintf(buf, size, "%s", file);
		return buf;
	}
	if (line <= 0) {
		snprintf(buf, size, "%.*s", (int)(n - 1), file);
		return buf;
	}
	letters[i] = '\0';
	if (col == 0)
		col = 1;
	while (col > 0 && i > 0) {
		letters[--i] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	snprintf(buf, size, "%s%s%ld", file, letters + i, line);
	return buf;
}

int
error_graver(int a, int b)
{
	return a > b ? a : b;
}
