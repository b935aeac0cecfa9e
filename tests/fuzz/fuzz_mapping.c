/*
 * fuzz_mapping.c - the mapping-file loader, and the importer it sets up.
 *
 * The input is a mapping file.  When it loads, an importer is made from it
 * (a "join" file cannot be found, which is an error like any other) and
 * given a marksheet header and two rows, so that renames, sets and
 * unpivot globs and keys are all used.
 */
#include "base/str.h"
#include "fuzz.h"
#include "assess/import.h"
#include "assess/mapping.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
emit(void *ctx, const track_str *f, size_t n)
{
	size_t i, nh;

	/* A record has the output header's width; its fields are slices
	   (trimmed values are not NUL-terminated). */
	(void)import_out_header(ctx, &nh);
	FUZZ_ASSERT(n == nh);
	for (i = 0; i < n; i++)
		FUZZ_ASSERT(f[i].ptr != NULL || f[i].len == 0);
	return 0;
}

static void
problem(void *ctx, const track_error *err, int warning)
{
	(void)ctx;
	(void)warning;
	FUZZ_ASSERT(err->text[0] != '\0');
}

static const track_str header[] = {
	S("UPN"), S("Name"), S("Year"), S("Reading Autumn"),
	S("Writing Spring"), S("Maths Summer"), S("subject"), S("value")
};
static const track_str row1[] = {
	S("A1"), S("Ada"), S("4"), S("EXS"), S("WTS"), S(""), S("maths"),
	S("GDS")
};
static const track_str row2[] = {
	S("A2"), S("Bo"), S("Year 3"), S("exs "), S("x"), S("104"),
	S("reading"), S("")
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mapping m;
	track_error err;
	track_import *imp = NULL;

	mapping_init(&m);
	error_clear(&err);
	if (mapping_load_buffer(&m, (const char *)data, size,
	    "/nonexistent/fuzz-map.json", &err) != 0) {
		FUZZ_ASSERT(err.text[0] != '\0');
		mapping_free(&m);
		return 0;
	}
	error_clear(&err);
	if (import_new(&imp, &m, fuzz_scheme(), NULL, problem, NULL,
	    &err) == 0) {
		error_clear(&err);
		if (import_header(imp, header, 8, "fuzz.csv", &err) == 0) {
			track_row r = { row1, 8, 2, "fuzz.csv", { NULL, 0 }, 0 };

			(void)import_row(imp, &r, "fuzz.csv", emit, imp);
			r.field = row2;
			r.line = 3;
			(void)import_row(imp, &r, "fuzz.csv", emit, imp);
			import_finish(imp);
		}
		import_free(imp);
	}
	mapping_free(&m);
	return 0;
}
