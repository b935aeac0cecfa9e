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
str_eq(track_str s, const char *z)
{
	size_t n = strlen(z);

	return s.len == n && (n == 0 || memcmp(s.ptr, z, n) == 0);
}
