/*
 * workbook_xlsx.c - .xlsx (Office Open XML) sheets for the reader: the
 * sheet list (xl/workbook.xml and its rels), the date styles
 * (xl/styles.xml), the shared strings, and the sheet itself streamed with
 * expat a chunk at a time.  See workbook_int.h.
 */
#include "workbook_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"

/* Cell types (the c element's t attribute). */
enum { T_NUM, T_SHARED, T_INLINE, T_STR, T_BOOL, T_ERROR, T_DATE };

/* ---- xl/workbook.xml: the sheets in order, and the date system ---- */

static void XMLCALL
book_start(void *ud, const char *el, const char **atts)
{
	struct track_wb *wb = ud;
	const char *name = wb_local(el), *v, *id = NULL;
	size_t i;

	if (strcmp(name, "workbookPr") == 0) {
		v = wb_attr(atts, "date1904");
		wb->date1904 = v != NULL && (strcmp(v, "1") == 0 ||
		    strcmp(v, "true") == 0);
	} else if (strcmp(name, "sheet") == 0) {
		v = wb_attr(atts, "name");
		/* The relationship id is r:id (a prefixed "id"). */
		for (i = 0; atts[i] != NULL; i += 2)
			if (strchr(atts[i], ':') != NULL &&
			    strcmp(wb_local(atts[i]), "id") == 0)
				id = atts[i + 1];
		if (v != NULL && id != NULL)
			wb_add_sheet(wb, v, id);
	}
}

static void XMLCALL
no_end(void *ud, const char *el)
{
	(void)ud;
	(void)el;
}

static void XMLCALL
no_text(void *ud, const char *s, int len)
{
	(void)ud;
	(void)s;
	(void)len;
}

/* "xl/" + a relationship's target (or the target without its "/"). */
static char *
part_path(const char *target)
{
	char *p;

	if (target[0] == '/')
		return strdup(target + 1);
	p = malloc(strlen(target) + 4);
	if (p != NULL)
		sprintf(p, "xl/%s", target);
	return p;
}

static int
ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);

	return n >= t && strcmp(s + n - t, tail) == 0;
}

/* xl/_rels/workbook.xml.rels: each sheet's part, and the tables'. */
static void XMLCALL
rels_start(void *ud, const char *el, const char **atts)
{
	struct track_wb *wb = ud;
	const char *id, *type, *target;
	char *p, **slot = NULL;
	size_t i;

	if (strcmp(wb_local(el), "Relationship") != 0)
		return;
	id = wb_attr(atts, "Id");
	type = wb_attr(atts, "Type");
	target = wb_attr(atts, "Target");
	if (id == NULL || type == NULL || target == NULL)
		return;
	if (ends_with(type, "/sharedStrings"))
		slot = &wb->ss_part;
	else if (ends_with(type, "/styles"))
		slot = &wb->st_part;
	if (slot != NULL) {
		free(*slot);
		*slot = part_path(target);
		return;
	}
	for (i = 0; i < wb->nsheet; i++) {
		if (wb->part[i] == NULL || wb->part[i][0] == '\x01' ||
		    strcmp(wb->part[i], id) != 0)
			continue;
		/* Chart, macro and dialog sheets are left out. */
		p = ends_with(type, "/worksheet") ? part_path(target) : NULL;
		free(wb->part[i]);
		wb->part[i] = NULL;
		if (p != NULL) {
			wb->part[i] = malloc(strlen(p) + 2);
			if (wb->part[i] != NULL)
				sprintf(wb->part[i], "\x01%s", p);
			free(p);
		}
	}
}

/* Keeps the worksheets whose part was found, in order. */
static void
keep_worksheets(struct track_wb *wb)
{
	size_t i, k = 0;

	for (i = 0; i < wb->nsheet; i++) {
		if (wb->part[i] == NULL || wb->part[i][0] != '\x01') {
			free(wb->sheet[i]);
			free(wb->part[i]);
			continue;
		}
		memmove(wb->part[i], wb->part[i] + 1, strlen(wb->part[i]));
		wb->sheet[k] = wb->sheet[i];
		wb->part[k] = wb->part[i];
		k++;
	}
	wb->nsheet = k;
}

/* Parses a whole small part with the handlers given. */
static int
parse_part(struct track_wb *wb, const char *name, int must,
    XML_StartElementHandler start, XML_EndElementHandler end,
    XML_CharacterDataHandler text, uint64_t limit)
{
	int rc;

	if (wb_parser(wb, start, end, text) != 0)
		return -1;
	rc = wb_zip_open(wb, name, limit, must);
	if (rc != 0)
		return rc < 0 ? -1 : 0;
	rc = wb_zip_pump(wb, 0);
	wb_zip_close(wb);
	return rc;
}

/* ---- xl/styles.xml: which cell styles are dates ---- */

/*
 * Nonzero when a number format's code shows a date or time: a d, m, y, h
 * or s outside quoted text, [brackets] and escaped characters.
 */
static int
code_is_date(const char *code)
{
	const char *p;

	for (p = code; *p != '\0'; p++) {
		switch (*p) {
		case '"':
			p = strchr(p + 1, '"');
			if (p == NULL)
				return 0;
			break;
		case '[':
			p = strchr(p + 1, ']');
			if (p == NULL)
				return 0;
			break;
		case '\\': case '_': case '*':
			if (p[1] == '\0')
				return 0;
			p++;
			break;
		default:
			if (strchr("dmyhsDMYHS", *p) != NULL)
				return 1;
			break;
		}
	}
	return 0;
}

/* The built-in date formats: 14 to 22 and 45 to 47. */
static int
builtin_date(unsigned long id)
{
	return (id >= 14 && id <= 22) || (id >= 45 && id <= 47);
}

static void XMLCALL
styles_start(void *ud, const char *el, const char **atts)
{
	struct track_wb *wb = ud;
	const char *name = wb_local(el), *v;
	unsigned long id;
	size_t i;
	int date;

	if (strcmp(name, "numFmt") == 0) {
		v = wb_attr(atts, "numFmtId");
		if (v == NULL || wb_attr(atts, "formatCode") == NULL ||
		    !code_is_date(wb_attr(atts, "formatCode")))
			return;
		if (buf_grow((void **)&wb->datefmt, &wb->datefmtcap,
		    wb->ndatefmt + 1, sizeof *wb->datefmt) != 0) {
			wb_bad(wb, TRACK_EXIT_IO, "out of memory");
			return;
		}
		wb->datefmt[wb->ndatefmt++] = (unsigned)strtoul(v, NULL, 10);
	} else if (strcmp(name, "cellXfs") == 0) {
		wb->in_xfs = 1;
	} else if (strcmp(name, "xf") == 0 && wb->in_xfs) {
		v = wb_attr(atts, "numFmtId");
		id = v != NULL ? strtoul(v, NULL, 10) : 0;
		date = builtin_date(id);
		for (i = 0; i < wb->ndatefmt && !date; i++)
			date = wb->datefmt[i] == id;
		if (buf_grow((void **)&wb->xfdate, &wb->xfcap, wb->nxf + 1,
		    1) != 0) {
			wb_bad(wb, TRACK_EXIT_IO, "out of memory");
			return;
		}
		wb->xfdate[wb->nxf++] = (unsigned char)date;
	}
}

static void XMLCALL
styles_end(void *ud, const char *el)
{
	struct track_wb *wb = ud;

	if (strcmp(wb_local(el), "cellXfs") == 0)
		wb->in_xfs = 0;
}

/* ---- xl/sharedStrings.xml: the strings, held as one table ---- */

static void XMLCALL
sst_start(void *ud, const char *el, const char **atts)
{
	struct track_wb *wb = ud;
	const char *name = wb_local(el);

	(void)atts;
	if (strcmp(name, "si") == 0) {
		wb->in_cell = 1;
		if (buf_grow((void **)&wb->ssoff, &wb->ssoffcap, wb->nss + 1,
		    sizeof *wb->ssoff) != 0) {
			wb_bad(wb, TRACK_EXIT_IO, "out of memory");
			return;
		}
		wb->ssoff[wb->nss] = wb->sslen;
	} else if (strcmp(name, "t") == 0 && wb->in_cell) {
		wb->in_text = 1;
	} else if (strcmp(name, "rPh") == 0) {
		wb->in_skip++;		/* phonetic runs are not the text */
	}
}

/* Appends to the shared strings, within WB_MAX_STRINGS. */
static int
sst_add(struct track_wb *wb, const char *s, size_t len)
{
	if (wb->sslen + len + 1 + wb->nss * sizeof *wb->ssoff >
	    WB_MAX_STRINGS)
		return wb_bad(wb, TRACK_EXIT_DATA, "the workbook's shared "
		    "strings are over %zu MiB; it is not read (save the sheet "
		    "as CSV)", WB_MAX_STRINGS >> 20);
	if (buf_grow((void **)&wb->ss, &wb->sscap, wb->sslen + len + 1,
	    1) != 0)
		return wb_bad(wb, TRACK_EXIT_IO, "out of memory");
	memcpy(wb->ss + wb->sslen, s, len);
	wb->sslen += len;
	return 0;
}

static void XMLCALL
sst_end(void *ud, const char *el)
{
	struct track_wb *wb = ud;
	const char *name = wb_local(el);

	if (strcmp(name, "si") == 0 && wb->in_cell) {
		if (sst_add(wb, "", 1) == 0)
			wb->nss++;
		wb->in_cell = 0;
	} else if (strcmp(name, "t") == 0) {
		wb->in_text = 0;
	} else if (strcmp(name, "rPh") == 0 && wb->in_skip > 0) {
		wb->in_skip--;
	}
}

static void XMLCALL
sst_text(void *ud, const char *s, int len)
{
	struct track_wb *wb = ud;

	if (wb->in_text && !wb->in_skip)
		sst_add(wb, s, (size_t)len);
}

/* ---- The sheet ---- */

static int
cell_type(const char *t)
{
	if (t == NULL || strcmp(t, "n") == 0)
		return T_NUM;
	if (strcmp(t, "s") == 0)
		return T_SHARED;
	if (strcmp(t, "inlineStr") == 0)
		return T_INLINE;
	if (strcmp(t, "b") == 0)
		return T_BOOL;
	if (strcmp(t, "e") == 0)
		return T_ERROR;
	if (strcmp(t, "d") == 0)
		return T_DATE;
	return T_STR;
}

static void XMLCALL
sheet_start(void *ud, const char *el, const char **atts)
{
	struct track_wb *wb = ud;
	const char *name = el[0] != '\0' && el[1] == '\0' ? el : wb_local(el);
	const char *v;
	long row;
	size_t col;

	if (strcmp(name, "row") == 0) {
		v = wb_attr(atts, "r");
		row = v != NULL ? strtol(v, NULL, 10) : 0;
		wb->rownum = row > wb->rownum ? row : wb->rownum + 1;
		wb->nextcol = 0;
		wb->ncell = 0;
		wb->tlen = 0;
	} else if (name[0] == 'c' && name[1] == '\0') {
		const char *ref = NULL, *t = NULL, *st = NULL;
		size_t i;

		/* One pass over the attributes: this runs for every cell. */
		for (i = 0; atts[i] != NULL; i += 2) {
			const char *a = atts[i];

			if (a[0] == '\0' || a[1] != '\0')
				a = wb_local(a);
			if (a[1] != '\0')
				continue;
			if (a[0] == 'r')
				ref = atts[i + 1];
			else if (a[0] == 't')
				t = atts[i + 1];
			else if (a[0] == 's')
				st = atts[i + 1];
		}
		col = wb_col_ref(ref, &row);
		if (col == (size_t)-1)
			col = wb->nextcol;
		wb->nextcol = col + 1;
		wb->ccol = col;
		wb->ctype = cell_type(t);
		wb->cstyle = st != NULL ? (int)strtol(st, NULL, 10) : 0;
		wb->cstart = wb->tlen;
		wb->in_cell = 1;
	} else if (!wb->in_cell) {
		return;
	} else if (strcmp(name, "v") == 0) {
		wb->in_value = 1;
	} else if (strcmp(name, "t") == 0) {
		wb->in_text = 1;
	} else if (strcmp(name, "rPh") == 0) {
		wb->in_skip++;
	}
}

/* Replaces the cell's text (from cstart) with s[0..len). */
static void
cell_set(struct track_wb *wb, const char *s, size_t len)
{
	wb->tlen = wb->cstart;
	wb_text(wb, s, len);
}

/* Turns the cell's raw value into its field's text, and adds it. */
static void
cell_end(struct track_wb *wb)
{
	char v[64], out[64];
	size_t len = wb->tlen - wb->cstart, n;
	unsigned long k;
	char *end;

	wb->in_cell = 0;
	switch (wb->ctype) {
	case T_SHARED:
		if (len == 0)
			break;
		n = len < 63 ? len : 63;
		memcpy(v, wb->text + wb->cstart, n);
		v[n] = '\0';
		k = strtoul(v, &end, 10);
		if (*end != '\0' || k >= wb->nss) {
			cell_set(wb, "#REF!", 5);
			wb_cell_add(wb, wb->ccol, wb->cstart, 5, 1);
			return;
		}
		cell_set(wb, wb->ss + wb->ssoff[k], strlen(wb->ss +
		    wb->ssoff[k]));
		break;
	case T_BOOL:
		if (len == 0)
			break;
		if (wb->text[wb->cstart] == '1' || wb->text[wb->cstart] == 't')
			cell_set(wb, "TRUE", 4);
		else
			cell_set(wb, "FALSE", 5);
		break;
	case T_NUM:
		if (len == 0 || len > 63)
			break;
		memcpy(v, wb->text + wb->cstart, len);
		v[len] = '\0';
		if (wb->cstyle >= 0 && (size_t)wb->cstyle < wb->nxf &&
		    wb->xfdate[wb->cstyle]) {
			double d = strtod(v, &end);

			n = *end == '\0' && end != v ?
			    wb_serial_date(d, wb->date1904, out) :
			    wb_number(v, out);
		} else {
			n = wb_number(v, out);
		}
		cell_set(wb, out, n);
		break;
	default:
		break;
	}
	wb_cell_add(wb, wb->ccol, wb->cstart, wb->tlen - wb->cstart,
	    wb->ctype == T_ERROR);
}

static void XMLCALL
sheet_end(void *ud, const char *el)
{
	struct track_wb *wb = ud;
	const char *name = el[0] != '\0' && el[1] == '\0' ? el : wb_local(el);

	if (name[0] == 'c' && name[1] == '\0' && wb->in_cell) {
		cell_end(wb);
	} else if (strcmp(name, "v") == 0) {
		wb->in_value = 0;
	} else if (strcmp(name, "t") == 0) {
		wb->in_text = 0;
	} else if (strcmp(name, "rPh") == 0 && wb->in_skip > 0) {
		wb->in_skip--;
	} else if (strcmp(name, "row") == 0) {
		wb_row_end(wb);
	} else if (strcmp(name, "sheetData") == 0) {
		wb->done = 1;
		XML_StopParser(wb->xp, XML_FALSE);
	}
}

static void XMLCALL
sheet_text(void *ud, const char *s, int len)
{
	struct track_wb *wb = ud;

	if (!wb->in_cell)
		return;
	if (wb->in_value || (wb->in_text && !wb->in_skip &&
	    wb->ctype == T_INLINE))
		wb_text(wb, s, (size_t)len);
}

int
wb_xlsx_open(struct track_wb *wb, int list, track_error *err)
{
	(void)err;
	if (parse_part(wb, "xl/workbook.xml", 1, book_start, no_end, no_text,
	    WB_MAX_META) != 0 ||
	    parse_part(wb, "xl/_rels/workbook.xml.rels", 1, rels_start,
	    no_end, no_text, WB_MAX_META) != 0)
		return -1;
	keep_worksheets(wb);
	if (list)
		return 0;
	if (wb_choose_sheet(wb) != 0)
		return -1;
	if (wb->st_part != NULL && parse_part(wb, wb->st_part, 0,
	    styles_start, styles_end, no_text, WB_MAX_META) != 0)
		return -1;
	wb->in_cell = wb->in_text = wb->in_skip = 0;
	if (wb->ss_part != NULL && parse_part(wb, wb->ss_part, 0, sst_start,
	    sst_end, sst_text, wb->max_entry) != 0)
		return -1;
	wb->in_cell = wb->in_text = wb->in_skip = 0;
	if (wb_parser(wb, sheet_start, sheet_end, sheet_text) != 0 ||
	    wb_zip_open(wb, wb->part[wb->want], wb->max_entry, 1) != 0)
		return -1;
	return 0;
}

int
wb_xlsx_feed(struct track_wb *wb)
{
	return wb_zip_pump(wb, 1);
}
