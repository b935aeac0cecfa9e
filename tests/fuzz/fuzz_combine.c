/*
 * fuzz_combine.c - track-summary's --combine parser, and the combined
 * subjects it makes.
 *
 * The input is one or more --combine specs, one a line.  When they parse,
 * a few pupils' records are summarised with them and the table is made.
 */
#include "base/str.h"
#include "fuzz.h"
#include "report/summary.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAXSPECS 8

static const track_str header[] = {
	S("pupil"), S("year"), S("subject"), S("point"), S("measure"),
	S("value")
};
static const track_str rows[][6] = {
	{ S("P1"), S("6"), S("reading"), S("2025-26.summer"), S("ta"),
	  S("EXS") },
	{ S("P1"), S("6"), S("writing"), S("2025-26.summer"), S("ta"),
	  S("GDS") },
	{ S("P1"), S("6"), S("maths"), S("2025-26.summer"), S("ta"),
	  S("WTS") },
	{ S("P2"), S("6"), S("reading"), S("2025-26.ks2"), S("ks2"),
	  S("104") },
	{ S("P2"), S("6"), S("maths"), S("2025-26.summer"), S("ta"),
	  S("EXS") },
	{ S("P3"), S("6"), S("writing"), S("2025-26.summer"), S("ta"),
	  S("A") },
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct summary_opts o;
	track_summary *m = NULL;
	track_error err;
	track_rtable *t = NULL;
	json_t *meta = NULL;
	const char *specs[MAXSPECS];
	char *text, *p;
	size_t i, n = 0;

	if (size > 4096)
		return 0;
	text = fuzz_string(data, size);
	for (p = text; n < MAXSPECS; ) {
		char *nl = strchr(p, '\n');

		specs[n++] = p;
		if (nl == NULL)
			break;
		*nl = '\0';
		p = nl + 1;
	}
	memset(&o, 0, sizeof o);
	o.combine = specs;
	o.ncombine = n;
	o.min_group = -1;
	o.pupils = 1;
	o.over = 1;
	error_clear(&err);
	if (summary_new(&m, fuzz_scheme(), &o, &err) != 0) {
		FUZZ_ASSERT(err.text[0] != '\0');
		free(text);
		return 0;
	}
	error_clear(&err);
	if (summary_bind(m, header, 6, &err) == 0) {
		for (i = 0; i < sizeof rows / sizeof rows[0]; i++)
			if (summary_row(m, rows[i], &err) != 0) {
				fprintf(stderr, "row %zu: %s\n", i, err.text);
				abort();
			}
		if (summary_table(m, &t, &meta, &err) == 0) {
			rtable_free(t);
			json_decref(meta);
		}
	}
	summary_free(m);
	free(text);
	return 0;
}
