/*
 * rtable_int.h - private to lib/report: the body of a track_rtable, for
 * rtable.c and its workbook rendering (rtable_xlsx.c).
 */
#ifndef TRACK_RTABLE_INT_H
#define TRACK_RTABLE_INT_H

#include "base/buf.h"
#include "rtable.h"

#define NONE ((size_t)-1)

enum rtable_kind {
	K_EMPTY, K_TEXT, K_INT, K_PCT, K_DEC, K_NUM, K_SUPP, K_LIST, K_POINTS
};

struct rcell {
	enum rtable_kind kind;
	size_t id, label;	/* arena offsets; label NONE = the id */
	long long a, b;		/* int; pct num/den; list count; a text's
				   id and label lengths */
	double x;
};

struct track_rtable {
	track_buf arena;
	size_t *cid, *clabel;
	size_t ncols, ccap;
	struct rcell *cells;	/* rows * ccap_at_first_row */
	size_t nrows, rcap, width;
};

/* Rounds to one decimal place, half up, as tenths. */
long long rtable_tenths_of(double v);

/*
 * Formats cell `c` for text output into `o` (osz bytes; a list into
 * `list`), with labels or ids; returns the string.
 */
const char *rtable_text_of(const track_rtable *t, const struct rcell *c,
    int labels, char *o, size_t osz, track_buf *list);

/*
 * Fills keepcol (ncols bytes): every column, or with `labels` (a table
 * for people) only those with something in them.
 */
void rtable_keep_cols(const track_rtable *t, int labels,
    unsigned char *keepcol);

/* rtable_write for XLSX: see rtable.h. */
int rtable_write_xlsx(const track_rtable *t, track_writer *w,
    track_error *err);

#endif
