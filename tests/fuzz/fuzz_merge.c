/*
 * fuzz_merge.c - track-summary --merge reading a partial file.
 *
 * Partials travel between hosts (GNU parallel over ssh, Hadoop), so their
 * reader must take any bytes.  The first byte chooses --pupils and
 * --totals; the rest is the partial.  A partial is checked like any
 * input, so whatever it holds:
 *   - each bad line is reported with its line number and exit 1, and the
 *     merge goes on (a header made with other options ends it, exit 2);
 *   - the table made from what was merged has no negative count and no
 *     percentage outside 0..100, and its means and medians are finite
 *     (a tampered count or score is refused, never summed).
 */
#include <fcntl.h>
#include <math.h>

#include "fuzz.h"
#include "report/summary.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Each bad line: a data error with a position and a message. */
static void
bad_line(void *ctx, const track_error *err)
{
	(void)ctx;
	FUZZ_ASSERT(err->kind == TRACK_EXIT_DATA);
	FUZZ_ASSERT(err->file != NULL && err->line > 0);
	FUZZ_ASSERT(err->text[0] != '\0');
}

/* The figures of a merged table are counts and percentages of pupils. */
static void
check_rows(json_t *meta)
{
	json_t *rows = json_object_get(meta, "rows"), *r, *v;
	const char *k;
	size_t i;

	json_array_foreach(rows, i, r) {
		json_object_foreach(r, k, v) {
			if (json_is_integer(v))
				FUZZ_ASSERT(json_integer_value(v) >= 0);
			if (!json_is_real(v))
				continue;
			FUZZ_ASSERT(isfinite(json_real_value(v)));
			if (strncmp(k, "pct_", 4) == 0)
				FUZZ_ASSERT(json_real_value(v) >= 0 &&
				    json_real_value(v) <= 100);
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct summary_opts o;
	track_summary *m = NULL;
	track_error err;
	track_rtable *t = NULL;
	json_t *meta = NULL;
	char path[64];
	int fd, rc;

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
	rc = summary_merge(m, path, bad_line, NULL, &err);
	if (rc == 0 || rc == TRACK_EXIT_DATA) {
		error_clear(&err);
		if (summary_table(m, &t, &meta, &err) == 0) {
			if (rtable_document(t, meta) == 0)
				check_rows(meta);
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
