/*
 * fuzz_csv.c - the CSV/TSV reader on every encoding and delimiter path.
 *
 * The first byte chooses the encoding, the format and the delimiter; the
 * second the limits (small ones, so that the field-size and column-count
 * paths are reached), the lines to skip, duplicate headers and whether
 * the fast path gives rows their raw text.  The rest is the file.
 *
 * Every input is read four times: with every line through libcsv (the
 * reference), and as the programs read it, with the fast path for
 * simple lines, on each of its splitters (AVX2 where the CPU has it,
 * SSE2, SWAR: see record/csv_scan.h), which also gives rows their raw
 * text (keep_raw; read_all checks it).  All must give the same header,
 * rows, lines and messages.  fuzz_split compares the splitter with
 * libcsv a line at a time.
 */
#include "reader_common.h"

static const char *const encodings[] = {
	NULL, "utf-8", "auto", "windows-1252", "latin1", "UTF-16LE",
	"UTF-16BE", "ISO-8859-15"
};
static const enum track_in_format formats[] = {
	TRACK_IN_AUTO, TRACK_IN_CSV, TRACK_IN_TSV, TRACK_IN_CSV
};
static const int delimiters[] = { 0, ',', ';', '\t' };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct track_reader_opts o;
	static const enum track_csv_path paths[] = {
		TRACK_CSV_AVX2, TRACK_CSV_SSE2, TRACK_CSV_SWAR
	};
	static const char *const names[] = { "avx2", "sse2", "swar" };
	struct transcript slow = { NULL, 0, 0 };
	size_t i;

	if (size < 2)
		return 0;
	memset(&o, 0, sizeof o);
	o.encoding = encodings[data[0] & 7];
	o.format = formats[(data[0] >> 3) & 3];
	o.delimiter = delimiters[(data[0] >> 5) & 3];
	o.max_field = (data[1] & 1) ? 16 : 0;
	o.max_columns = (data[1] & 2) ? 4 : 0;
	o.skip_lines = (data[1] >> 2) & 3;
	o.allow_duplicate_header = (data[1] >> 4) & 1;
	o.csv_path = TRACK_CSV_LIBCSV;
	read_all(data + 2, size - 2, &o, &slow);
	for (i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		struct transcript fast = { NULL, 0, 0 };

		o.csv_path = paths[i];
		o.keep_raw = (data[1] >> 5) & 1;
		read_all(data + 2, size - 2, &o, &fast);
		if (fast.len != slow.len ||
		    memcmp(fast.p, slow.p, fast.len) != 0) {
			/* fwrite: fields may hold NUL bytes. */
			fprintf(stderr, "fast path (%s):\n", names[i]);
			fwrite(fast.p, 1, fast.len, stderr);
			fputs("libcsv:\n", stderr);
			fwrite(slow.p, 1, slow.len, stderr);
			FUZZ_ASSERT(!"the fast path and libcsv differ");
		}
		free(fast.p);
	}
	free(slow.p);
	return 0;
}
