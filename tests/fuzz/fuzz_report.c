/*
 * fuzz_report.c - track-report reading a report document.
 *
 * The input is one JSON document as track-summary or track-matrix write
 * with -F json.  When it is accepted, the pack is written as HTML and as
 * Markdown (to /dev/null).
 */
#include <fcntl.h>

#include "fuzz.h"
#include "report/report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int devnull = -1;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct report_opts o = { .title = "Pack", .school = "<b>School</b>" };
	track_report *r;
	track_error err;
	json_error_t jerr;
	json_t *doc;
	int md;

	if (devnull < 0 && (devnull = open("/dev/null", O_WRONLY)) < 0)
		abort();
	doc = json_loadb((const char *)data, size, 0, &jerr);
	if (doc == NULL)
		return 0;
	r = report_new(&o);
	FUZZ_ASSERT(r != NULL);
	error_clear(&err);
	if (report_add(r, doc, &err) == 0) {
		for (md = 0; md < 2; md++) {
			track_writer *w = NULL;

			error_clear(&err);
			if (writer_open(&w, devnull, TRACK_FMT_CSV, 0, &err) != 0)
				abort();
			if (md)
				(void)report_markdown(r, w, &err);
			else
				(void)report_html(r, w, &err);
			(void)writer_finish(w, &err);
			writer_free(w);
		}
	} else {
		FUZZ_ASSERT(err.text[0] != '\0');
	}
	json_decref(doc);
	report_free(r);
	return 0;
}
