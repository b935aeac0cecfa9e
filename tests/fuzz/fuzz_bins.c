/*
 * fuzz_bins.c - track-matrix's --bins parser, and the bins it makes.
 *
 * The input is the --bins text.  When it parses, NFER scores from autumn
 * to summer are binned with it and the matrix table is made.
 */
#include "base/str.h"
#include "fuzz.h"
#include "report/matrix.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const track_str header[] = {
	S("pupil"), S("year"), S("subject"), S("point"), S("measure"),
	S("value")
};
static const track_str rows[][6] = {
	{ S("N1"), S("4"), S("maths"), S("2025-26.autumn"), S("nfer"),
	  S("70") },
	{ S("N1"), S("4"), S("maths"), S("2025-26.summer"), S("nfer"),
	  S("140") },
	{ S("N2"), S("4"), S("maths"), S("2025-26.autumn"), S("nfer"),
	  S("99") },
	{ S("N2"), S("4"), S("maths"), S("2025-26.summer"), S("nfer"),
	  S("100") },
	{ S("N3"), S("4"), S("maths"), S("2025-26.summer"), S("nfer"),
	  S("A") },
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct matrix_opts o;
	track_matrix *m = NULL;
	track_error err;
	track_rtable *t = NULL;
	json_t *meta = NULL;
	size_t i;

	if (size > 4096)
		return 0;
	memset(&o, 0, sizeof o);
	o.from = "point=2025-26.autumn,measure=nfer";
	o.to = "point=2025-26.summer,measure=nfer";
	o.bins = fuzz_string(data, size);
	o.pupils = 1;
	error_clear(&err);
	if (matrix_new(&m, fuzz_scheme(), &o, &err) != 0) {
		FUZZ_ASSERT(err.text[0] != '\0');
		free((char *)o.bins);
		return 0;
	}
	error_clear(&err);
	if (matrix_bind(m, header, 6, &err) == 0) {
		for (i = 0; i < sizeof rows / sizeof rows[0]; i++)
			if (matrix_row(m, rows[i], &err) != 0) {
				fprintf(stderr, "row %zu: %s\n", i, err.text);
				abort();
			}
		if (matrix_table(m, &t, &meta, &err) == 0) {
			rtable_free(t);
			json_decref(meta);
		}
	}
	matrix_free(m);
	free((char *)o.bins);
	return 0;
}
