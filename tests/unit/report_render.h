/*
 * report_render.h - renders report documents with the pack (HTML or
 * Markdown) into a scratch file and reads the output back, for the
 * suites of lib/report (check_report.c, check_report_pupil.c).  Include
 * after scratch.h.
 */
#ifndef TRACK_TEST_REPORT_RENDER_H
#define TRACK_TEST_REPORT_RENDER_H

#include <fcntl.h>
#include <unistd.h>

#include "base/error.h"
#include "record/writer.h"
#include "report/report.h"

/*
 * Renders the documents (JSON texts, one each) and returns the output
 * (the caller frees it); *rc is TRACK_EXIT_DATA when one was refused.
 */
static __attribute__((unused)) char *
render_docs(const char *const *docs, size_t n, const struct report_opts *o,
    int md, int *rc)
{
	track_report *r = report_new(o);
	track_writer *w = NULL;
	track_error err;
	char path[128], *buf;
	size_t i;
	int fd;

	ck_assert_ptr_nonnull(r);
	*rc = 0;
	for (i = 0; i < n; i++) {
		json_error_t je;
		json_t *d = json_loads(docs[i], 0, &je);

		ck_assert_msg(d != NULL, "%s", je.text);
		if (report_add(r, d, &err) != 0)
			*rc = TRACK_EXIT_DATA;
		json_decref(d);
	}
	snprintf(path, sizeof path, "%s/out", tmpdir);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(writer_open(&w, fd, TRACK_FMT_CSV, 0, &err), 0);
	ck_assert_int_eq(md ? report_markdown(r, w, &err) : report_html(r, w,
	    &err), 0);
	ck_assert_int_eq(writer_finish(w, &err), 0);
	writer_free(w);
	close(fd);
	report_free(r);
	buf = read_text(path);
	ck_assert_ptr_nonnull(buf);
	return buf;
}

#endif
