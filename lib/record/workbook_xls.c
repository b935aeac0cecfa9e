/*
 * workbook_xls.c - .xls (Excel 97-2003, BIFF8) sheets for the reader,
 * through libfreexl, which reads the whole file and hands out cells (and
 * date cells as ISO text).  See workbook_int.h.
 */
#include "workbook_int.h"

#include <freexl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Rows queued by one feed. */
#define XLS_BATCH 256

int
wb_xls_open(struct track_wb *wb, int list, track_error *err)
{
	unsigned int info = 0, count = 0, rows = 0;
	unsigned short cols = 0, i;
	const char *name;
	char fallback[32];
	int rc;

	(void)err;
	rc = freexl_open(wb->fdpath, &wb->xls);
	if (rc != FREEXL_OK) {
		wb->xls = NULL;
		return wb_bad(wb, TRACK_EXIT_DATA, "this is an OLE2 file "
		    "(like an old .xls or .doc) that is not an Excel 97-2003 "
		    "workbook libfreexl can read (error %d); save it from its "
		    "program as .xlsx or CSV", rc);
	}
	if (freexl_get_info(wb->xls, FREEXL_BIFF_PASSWORD, &info) ==
	    FREEXL_OK && info == FREEXL_BIFF_OBFUSCATED)
		return wb_bad(wb, TRACK_EXIT_DATA, "the workbook is password-"
		    "protected (encrypted); open it in Excel, remove the "
		    "password, save it and try again, or save the sheet as "
		    "CSV");
	if (freexl_get_info(wb->xls, FREEXL_BIFF_SHEET_COUNT, &count) !=
	    FREEXL_OK)
		count = 0;
	for (i = 0; i < count && i < 65535; i++) {
		if (freexl_get_worksheet_name(wb->xls, i, &name) !=
		    FREEXL_OK || name == NULL) {
			snprintf(fallback, sizeof fallback, "Sheet%u",
			    (unsigned)i + 1);
			name = fallback;
		}
		if (wb_add_sheet(wb, name, NULL) != 0)
			return -1;
	}
	if (list)
		return 0;
	if (wb_choose_sheet(wb) != 0)
		return -1;
	if (freexl_select_active_worksheet(wb->xls,
	    (unsigned short)wb->want) != FREEXL_OK ||
	    freexl_worksheet_dimensions(wb->xls, &rows, &cols) != FREEXL_OK)
		return wb_bad(wb, TRACK_EXIT_DATA, "cannot read sheet %s of "
		    "the workbook; it is damaged", wb->sheet[wb->want]);
	wb->xrows = rows;
	wb->xcols = cols;
	wb->xrow = 0;
	return 0;
}

/* Adds cell (row, col) to the row being collected. */
static void
xls_cell(struct track_wb *wb, unsigned row, unsigned short col)
{
	FreeXL_CellValue v;
	char out[64];
	size_t n, start = wb->tlen;
	char *t;

	if (freexl_get_cell_value(wb->xls, row, col, &v) != FREEXL_OK)
		return;
	wb->cstart = start;
	switch (v.type) {
	case FREEXL_CELL_INT:
		n = (size_t)snprintf(out, sizeof out, "%d", v.value.int_value);
		wb_text(wb, out, n);
		break;
	case FREEXL_CELL_DOUBLE:
		n = wb_number_d(v.value.double_value, out);
		wb_text(wb, out, n);
		break;
	case FREEXL_CELL_TEXT:
	case FREEXL_CELL_SST_TEXT:
	case FREEXL_CELL_DATE:
	case FREEXL_CELL_DATETIME:
	case FREEXL_CELL_TIME:
		if (v.value.text_value == NULL)
			return;
		wb_text(wb, v.value.text_value, strlen(v.value.text_value));
		/* ISO 8601 puts a T between the date and the time. */
		t = wb->text + start;
		if (v.type == FREEXL_CELL_DATETIME && wb->tlen - start > 10 &&
		    t[10] == ' ')
			t[10] = 'T';
		if (v.type == FREEXL_CELL_DATETIME && wb->tlen - start == 19 &&
		    memcmp(t + 10, "T00:00:00", 9) == 0)
			wb->tlen = start + 10;
		break;
	default:
		return;
	}
	wb_cell_add(wb, col, start, wb->tlen - start, 0);
}

int
wb_xls_feed(struct track_wb *wb)
{
	unsigned k;
	unsigned short c;

	for (k = 0; (k < XLS_BATCH || wb->r->nrows == 0) &&
	    wb->xrow < wb->xrows && !wb->fail; k++) {
		for (c = 0; c < wb->xcols; c++)
			xls_cell(wb, wb->xrow, c);
		wb->xrow++;
		wb->rownum = (long)wb->xrow;
		wb_row_end(wb);
	}
	if (wb->xrow >= wb->xrows)
		wb->done = 1;
	return wb->fail ? -1 : 0;
}

void
wb_xls_close(struct track_wb *wb)
{
	if (wb->xls != NULL)
		freexl_close(wb->xls);
	wb->xls = NULL;
}
