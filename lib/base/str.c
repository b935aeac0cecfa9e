/* str.c - byte slices and shared text operations; see str.h. */
#include "str.h"

#include <stdlib.h>
#include <string.h>

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

track_str
str_trim_slow(track_str s)
{
	while (s.len > 0 && str_space((unsigned char)s.ptr[0])) {
		s.ptr++;
		s.len--;
	}
	while (s.len > 0 && str_space((unsigned char)s.ptr[s.len - 1]))
		s.len--;
	return s;
}

long
str_split(const char *s, char sep, char ***out)
{
	size_t n = 1, i, len = strlen(s);
	char **v, *copy;

	for (i = 0; i < len; i++)
		n += s[i] == sep;
	v = malloc(n * sizeof *v + len + 1);
	if (v == NULL)
		return -1;
	copy = (char *)(v + n);
	memcpy(copy, s, len + 1);
	for (i = 0; i < n; i++) {
		v[i] = copy;
		copy += strcspn(copy, (char[]){ sep, '\0' });
		if (*copy == sep)
			*copy++ = '\0';
	}
	*out = v;
	return (long)n;
}
