/*
 * fuzz_merge.c - track-summary --merge reading a partial file.
 *
 * Partials travel between hosts (GNU parallel over ssh, Hadoop), so their
 * reader must take any bytes.  The first byte chooses --pupils and
 * --totals; the rest is the partial.  When it merges, the table is made.
 */
#include <fcntl.h>

#include "fuzz.h"
#include "summary.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct summary_opts o;
	track_summary *m = NULL;
	track_error err;
	track_rtable *t = NULL;
	json_t *meta = NULL;
	char path[64];
	int fd;

	if (size < 1)
		return 0;
	memset(&o, 0, sizeof o);
	o.merge = 1;
	o.min_group = -1;
	o.pupils = data[0] & 1;
	o.totals = (data[0] >> 1) & 1;
	error_clear(&err);
	if (summary_new(&m, fuzz_scheme(), &o, &err) != 0)
		abort();
	fd = fuzz_file(data + 1, size - 1, path, sizeof path);
	error_clear(&err);
	if (summary_merge(m, path, NULL, NULL, &err) == 0) {
		error_clear(&err);
		if (summary_table(m, &t, &meta, &err) == 0) {
			rtable_free(t);
			json_decref(meta);
		}
	} else {
		FUZZ_ASSERT(err.text[0] != '\0');
	}
	summary_free(m);
	close(fd);
	return 0;
}
