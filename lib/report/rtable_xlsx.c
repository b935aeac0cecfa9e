/*
 * rtable_xlsx.c - a report's table as rows of a workbook, with typed
 * cells: see rtable.h (rtable_write) and writer.h (writer_cells).
 */
#include <stdlib.h>
#include <string.h>

#include "record/writer.h"
#include "rtable_int.h"

/* Number formats: a percentage, a decimal, a signed difference. */
#define FMT_PCT "0.0%"
#define FMT_DEC "0.0"
#define FMT_POINTS "+0.0;-0.0;0.0"

/* Cell `c` as a typed cell into *out; text borrows `tmp` or `list`. */
static void
typed(const track_rtable *t, const struct rcell *c, struct writer_cell *out,
    char *tmp, size_t tmpsz, track_buf *list)
{
	const char *s;

	memset(out, 0, sizeof *out);
	out->number = 1;
	switch (c->kind) {
	case K_INT:
		out->x = (double)c->a;
		return;
	case K_PCT:
		out->x = (double)rtable_round_pct(c->a, c->b, 1) / 1000.0;
		out->numfmt = FMT_PCT;
		return;
	case K_DEC:
		out->x = (double)rtable_tenths_of(c->x) / 10.0;
		out->numfmt = FMT_DEC;
		return;
	case K_POINTS:
		out->x = (double)c->a / 10.0;
		out->numfmt = FMT_POINTS;
		return;
	case K_NUM:
		out->x = c->x;
		return;
	default:	/* text, a list, "c" or nothing */
		out->number = 0;
		s = rtable_text_of(t, c, 1, tmp, tmpsz, list);
		out->text = (track_str){ s, strlen(s) };
		return;
	}
}

int
rtable_write_xlsx(const track_rtable *t, track_writer *w, track_error *err)
{
	struct writer_cell *cl = calloc(t->ncols + 1, sizeof *cl);
	track_str *f = calloc(t->ncols + 1, sizeof *f);
	char (*tmp)[64] = calloc(t->ncols + 1, sizeof *tmp);
	track_buf *lists = calloc(t->ncols + 1, sizeof *lists);
	unsigned char *keepcol = calloc(t->ncols + 1, 1);
	size_t r, c, k;
	int rc;

	if (cl == NULL || f == NULL || tmp == NULL || lists == NULL ||
	    keepcol == NULL) {
		rc = error_nomem(err);
		goto out;
	}
	rtable_keep_cols(t, 1, keepcol);
	for (c = 0, k = 0; c < t->ncols; c++) {
		const char *s = t->arena.ptr + t->clabel[c];

		if (keepcol[c])
			f[k++] = (track_str){ s, strlen(s) };
	}
	rc = writer_header(w, f, k, err);
	for (r = 0; r < t->nrows && rc == 0; r++) {
		for (c = 0, k = 0; c < t->ncols; c++)
			if (keepcol[c])
				typed(t, &t->cells[r * t->width + c],
				    &cl[k++], tmp[c], sizeof tmp[c],
				    &lists[c]);
		rc = writer_cells(w, cl, k, err);
	}
	if (rc == 0)
		rc = writer_table_end(w, err);
out:
	for (c = 0; lists != NULL && c < t->ncols; c++)
		buf_free(&lists[c]);
	free(lists);
	free(keepcol);
	free(tmp);
	free(f);
	free(cl);
	return rc;
}
