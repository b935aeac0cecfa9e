/*
 * fuzz_jsonl.c - the JSON Lines reader.
 *
 * The first byte chooses the encoding and the limits; the rest is the
 * file, read as JSON Lines (and, with the top bit, detected as it would be
 * with no -i option).
 */
#include "reader_common.h"

static const char *const encodings[] = {
	NULL, "utf-8", "auto", "windows-1252", "UTF-16LE", "UTF-16BE",
	"latin1", NULL
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct track_reader_opts o;

	if (size < 1)
		return 0;
	memset(&o, 0, sizeof o);
	o.encoding = encodings[data[0] & 7];
	o.format = (data[0] & 0x80) ? TRACK_IN_AUTO : TRACK_IN_JSON;
	o.max_field = (data[0] & 0x08) ? 16 : 0;
	o.max_columns = (data[0] & 0x10) ? 4 : 0;
	o.allow_duplicate_header = (data[0] >> 5) & 1;
	read_all(data + 1, size - 1, &o, NULL);
	return 0;
}
