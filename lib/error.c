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

int
str_is_number(track_str s)
{
	size_t i = 0, digits = 0;
	const char *p = s.ptr;

	if (i < s.len && (p[i] == '+' || p[i] == '-'))
		i++;
	while (i < s.len && p[i] >= '0' && p[i] <= '9')
		i++, digits++;
	if (i < s.len && p[i] == '.') {
		i++;
		while (i < s.len && p[i] >= '0' && p[i] <= '9')
			i++, digits++;
	}
	if (digits == 0)
		return 0;
	if (i < s.len && (p[i] == 'e' || p[i] == 'E')) {
		size_t e = 0;

		i++;
		if (i < s.len && (p[i] == '+' || p[i] == '-'))
			i++;
		while (i < s.len && p[i] >= '0' && p[i] <= '9')
			i++, e++;
		if (e == 0)
			return 0;
	}
	return i == s.len;
}

int
error_nomem(track_error *err)
{
	return error_set(err, TRACK_EXIT_IO, NULL, 0, "out of memory");
}

int
exit_graver(int a, int b)
{
	return a > b ? a : b;
}
