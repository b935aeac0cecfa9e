/*
 * fuzz_where.c - the -w/--where expression parser and matcher.
 *
 * The input is an expression.  When it parses, it is bound to a header
 * that has its column and matched against a few rows.
 */
#include "base/str.h"
#include "fuzz.h"
#include "record/where.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const track_str rows[][2] = {
	{ S("EXS"), S("") },
	{ S("104.5"), S("maths") },
	{ S(""), S("Smith, Ada") },
	{ S("-3e2"), S("x|y") },
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *expr;
	track_where *w = NULL;
	track_error err;
	track_str hdr[2];
	size_t i;

	if (size > 4096)
		return 0;
	expr = fuzz_string(data, size);
	error_clear(&err);
	if (where_parse(&w, expr, &err) != 0) {
		FUZZ_ASSERT(w == NULL);
		FUZZ_ASSERT(err.text[0] != '\0');
		free(expr);
		return 0;
	}
	/* The expression's own column, and one it does not name. */
	hdr[0].ptr = where_column(w);
	hdr[0].len = strlen(hdr[0].ptr);
	hdr[1].ptr = "zz-other";
	hdr[1].len = 8;
	error_clear(&err);
	if (where_bind(w, hdr, 2, &err) == 0) {
		for (i = 0; i < sizeof rows / sizeof rows[0]; i++)
			(void)where_match(w, rows[i]);
	}
	where_free(w);
	free(expr);
	return 0;
}
