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

int
error_graver(int a, int b)
{
	return a > b ? a : b;
}
