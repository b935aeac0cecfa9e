/*
 * fuzz_date.c - dates as exports write them (lib/base/date.c).
 *
 * The first byte picks the date order; the rest is the text.  A date
 * that reads must come out as a real ISO 8601 date, which reads again as
 * itself in either order; one that does not must say why.
 */
#include "base/date.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char out[DATE_ISO_SIZE], again[DATE_ISO_SIZE], why[512];
	enum date_order o;
	int y, m, d;

	if (size < 1 || size > 256)
		return 0;
	o = data[0] & 1 ? DATE_MDY : DATE_DMY;
	why[0] = '\0';
	if (date_iso("dob", (const char *)data + 1, size - 1, o, out, why,
	    sizeof why) != 0) {
		FUZZ_ASSERT(why[0] != '\0');
		return 0;
	}
	FUZZ_ASSERT(strlen(out) == 10 && out[4] == '-' && out[7] == '-');
	FUZZ_ASSERT(sscanf(out, "%4d-%2d-%2d", &y, &m, &d) == 3);
	FUZZ_ASSERT(y >= 1900 && y <= 2199 && m >= 1 && m <= 12 && d >= 1 &&
	    d <= 31);
	FUZZ_ASSERT(date_iso("dob", out, 10, DATE_MDY, again, why,
	    sizeof why) == 0 && strcmp(again, out) == 0);
	FUZZ_ASSERT(date_iso("dob", out, 10, DATE_DMY, again, why,
	    sizeof why) == 0 && strcmp(again, out) == 0);
	return 0;
}
