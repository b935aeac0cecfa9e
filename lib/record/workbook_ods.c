/*
 * workbook_ods.c - .ods (OpenDocument spreadsheet) sheets for the reader:
 * content.xml streamed with expat, the chosen table:table's rows and
 * cells, with repeated rows and cells (an empty repeat only moves the
 * column or row on; it never becomes fields of its own).  See
 * workbook_int.h.
 */
#include "workbook_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Cell kinds: a value from an attribute, or the text of its paragraphs. */
enum { O_EMPTY, O_VALUE, O_TEXT };

/* The number in attribute `name`, at least 1 and at most `cap`. */
static long
repeat(const char **atts, const char *name, long cap)
{
	const char *v = wb_attr(atts, name);
	long n = v != NULL ? strtol(v, NULL, 10) : 1;

	return n < 1 ? 1 : n > cap ? cap : n;
}

/* Nonzero when table `name`, the index'th, is the one asked for. */
static int
wanted(const struct track_wb *wb, const char *name, size_t index)
{
	const char *want = wb->r->o.sheet;
	char *end;
	unsigned long k;

	if (want == NULL)
		return index == 0;
	if (strcmp(want, name) == 0)
		return 1;
	k = strtoul(want, &end, 10);
	return *want >= '1' && *want <= '9' && *end == '\0' && k == index + 1;
}

static void
table_start(struct track_wb *wb, const char **atts)
{
	const char *name = wb_attr(atts, "name");

	if (wb->in_table) {
		wb->in_table++;		/* a table inside a cell */
		return;
	}
	if (wb_add_sheet(wb, name != NULL ? name : "", NULL) != 0)
		return;
	if (wb->list || !wanted(wb, name != NULL ? name : "",
	    wb->nsheet - 1))
		return;
	wb->in_table = 1;
	wb->want = wb->nsheet - 1;
	wb->rownum = 0;
	/* The sheet is found: stop here until the rows are asked for. */
	XML_StopParser(wb->xp, XML_TRUE);
}

/* A cell's value from its attributes, by office:value-type. */
static void
cell_value(struct track_wb *wb, const char **atts)
{
	const char *type = wb_attr(atts, "value-type"), *v;
	char out[64];
	size_t n, i;

	wb->ctype = O_EMPTY;
	if (type == NULL)
		return;
	wb->ctype = O_TEXT;
	/* calcext:value-type="error" marks a formula's error (#N/A). */
	wb->cstyle = 0;
	for (i = 0; atts[i] != NULL; i += 2)
		if (strcmp(wb_local(atts[i]), "value-type") == 0 &&
		    strcmp(atts[i + 1], "error") == 0)
			wb->cstyle = 1;
	if (strcmp(type, "float") == 0 || strcmp(type, "percentage") == 0 ||
	    strcmp(type, "currency") == 0) {
		v = wb_attr(atts, "value");
		if (v == NULL || wb->cstyle)
			return;
		n = wb_number(v, out);
		wb_text(wb, out, n);
		wb->ctype = O_VALUE;
	} else if (strcmp(type, "date") == 0) {
		v = wb_attr(atts, "date-value");
		if (v == NULL)
			return;
		n = strlen(v);
		if (n > 9 && strcmp(v + 10, "T00:00:00") == 0)
			n = 10;
		wb_text(wb, v, n);
		wb->ctype = O_VALUE;
	} else if (strcmp(type, "boolean") == 0) {
		v = wb_attr(atts, "boolean-value");
		if (v == NULL)
			return;
		if (strcmp(v, "true") == 0)
			wb_text(wb, "TRUE", 4);
		else
			wb_text(wb, "FALSE", 5);
		wb->ctype = O_VALUE;
	}
}

static void XMLCALL
content_start(void *ud, const char *el, const char **atts)
{
	struct track_wb *wb = ud;
	const char *name = wb_local(el);
	long k;

	if (strcmp(name, "table") == 0) {
		table_start(wb, atts);
		return;
	}
	if (wb->in_table != 1)
		return;
	if (strcmp(name, "table-row") == 0) {
		wb->rrepeat = repeat(atts, "number-rows-repeated", 1L << 24);
		wb->ncell = 0;
		wb->tlen = 0;
		wb->nextcol = 0;
	} else if (strcmp(name, "table-cell") == 0 ||
	    strcmp(name, "covered-table-cell") == 0) {
		wb->crepeat = repeat(atts, "number-columns-repeated", 1L << 24);
		wb->cstart = wb->tlen;
		wb->in_cell = 1;
		wb->cparas = 0;
		cell_value(wb, atts);
	} else if (!wb->in_cell || wb->ctype != O_TEXT) {
		return;
	} else if (strcmp(name, "annotation") == 0) {
		wb->in_skip++;		/* a comment is not the cell's text */
	} else if (wb->in_skip) {
		return;
	} else if (strcmp(name, "p") == 0) {
		if (wb->cparas++ > 0)
			wb_text(wb, "\n", 1);
		wb->in_text++;
	} else if (strcmp(name, "s") == 0 && wb->in_text) {
		k = repeat(atts, "c", 1024);
		while (k-- > 0)
			wb_text(wb, " ", 1);
	} else if (strcmp(name, "tab") == 0 && wb->in_text) {
		wb_text(wb, "\t", 1);
	} else if (strcmp(name, "line-break") == 0 && wb->in_text) {
		wb_text(wb, "\n", 1);
	}
}

/* Ends a cell: its text (if any) in each column it repeats over. */
static void
cell_end(struct track_wb *wb)
{
	size_t len = wb->tlen - wb->cstart;
	long k;

	wb->in_cell = 0;
	wb->in_text = 0;
	wb->in_skip = 0;
	if (len == 0 && !wb->cstyle) {
		wb->nextcol += (size_t)wb->crepeat;
		return;
	}
	for (k = 0; k < wb->crepeat && !wb->fail; k++) {
		if (wb->nextcol > wb->r->o.max_columns + 1)
			break;
		wb_cell_add(wb, wb->nextcol++, wb->cstart, len, wb->cstyle);
	}
	wb->nextcol += (size_t)(wb->crepeat - k);
}

/* Ends a row: an empty one moves the row number on; a full one is
 * queued once for each row it repeats over, up to WB_MAX_REPEAT. */
static void
row_end(struct track_wb *wb)
{
	long k;

	if (wb->ncell == 0) {
		if (wb->rownum < (1L << 30))
			wb->rownum += wb->rrepeat;
		return;
	}
	for (k = 0; k < wb->rrepeat; k++) {
		if (k == WB_MAX_REPEAT) {
			wb_bad(wb, TRACK_EXIT_DATA, "row %ld repeats %ld "
			    "times, over %d; the rest are not read",
			    wb->rownum, wb->rrepeat, WB_MAX_REPEAT);
			return;
		}
		wb->rownum++;
		wb_row_emit(wb);
	}
	wb->ncell = 0;
	wb->tlen = 0;
}

static void XMLCALL
content_end(void *ud, const char *el)
{
	struct track_wb *wb = ud;
	const char *name = wb_local(el);

	if (strcmp(name, "table") == 0) {
		if (wb->in_table > 1) {
			wb->in_table--;
		} else if (wb->in_table == 1) {
			wb->in_table = 0;
			wb->done = 1;
			XML_StopParser(wb->xp, XML_FALSE);
		}
		return;
	}
	if (wb->in_table != 1)
		return;
	if (strcmp(name, "table-cell") == 0 ||
	    strcmp(name, "covered-table-cell") == 0) {
		if (wb->in_cell)
			cell_end(wb);
	} else if (strcmp(name, "table-row") == 0) {
		row_end(wb);
	} else if (strcmp(name, "annotation") == 0 && wb->in_skip > 0) {
		wb->in_skip--;
	} else if (strcmp(name, "p") == 0 && wb->in_text > 0) {
		wb->in_text--;
	}
}

static void XMLCALL
content_text(void *ud, const char *s, int len)
{
	struct track_wb *wb = ud;

	if (wb->in_table == 1 && wb->in_cell && wb->ctype == O_TEXT &&
	    wb->in_text && !wb->in_skip)
		wb_text(wb, s, (size_t)len);
}

int
wb_ods_open(struct track_wb *wb, int list, track_error *err)
{
	(void)err;
	wb->list = list;
	/* A password-protected .ods keeps its parts encrypted, which its
	 * manifest says (ODF 1.2, 3.8). */
	if (wb_zip_has(wb, "META-INF/manifest.xml", "encryption-data"))
		return wb_encrypted(wb);
	if (wb_parser(wb, content_start, content_end, content_text) != 0 ||
	    wb_zip_open(wb, "content.xml", wb->max_entry, 1) != 0)
		return -1;
	/* Parse until the sheet is found (the parser then stops) or the
	 * end, which lists every sheet. */
	while (!wb->in_table && !wb->done && !wb->fail)
		if (wb_zip_pump(wb, 0) != 0 || wb->suspended)
			break;
	if (wb->fail)
		return -1;
	if (list)
		return 0;
	if (!wb->in_table)
		return wb_choose_sheet(wb) != 0 ? -1 :
		    wb_bad(wb, TRACK_EXIT_DATA, "sheet %s not found",
		    wb->sheet[wb->want]);
	return 0;
}

int
wb_ods_feed(struct track_wb *wb)
{
	return wb_zip_pump(wb, 1);
}
