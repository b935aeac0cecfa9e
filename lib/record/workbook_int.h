/*
 * workbook_int.h - workbooks (.xlsx, .ods, .xls) as a reader's input:
 * what reader.c calls and what workbook.c, workbook_xlsx.c,
 * workbook_ods.c and workbook_xls.c share.  Private to lib/record.
 *
 * reader.c looks at an input's first bytes (reader_wb_sniff); for a
 * workbook it hands a seekable descriptor to reader_wb_open, which opens
 * the container (libzip, or libfreexl in a child process for .xls),
 * finds the sheet, and
 * afterwards reader_wb_feed queues rows into the reader exactly as the
 * CSV parser does (reader_push_field, reader_push_row).  workbook.c holds
 * what the three formats share: the container, the limits, the row being
 * collected (cells placed by column), and numbers and dates as text.
 *
 * A sheet's rows are CSV's rows: the first non-empty row (after
 * skip_lines rows) is the header, a row's cells are placed by their
 * column with empty fields between, trailing empty cells are dropped and
 * short rows padded to the header's width, and empty rows are skipped
 * but keep their numbers (a row's line is its number in the sheet).
 */
#ifndef TRACK_WORKBOOK_INT_H
#define TRACK_WORKBOOK_INT_H

#include <expat.h>
#include <stddef.h>
#include <stdint.h>
#include <zip.h>

#include "reader_int.h"

/* What an input's first bytes say it is. */
enum wb_sniff {
	WB_TEXT = 0,	/* CSV, TSV or JSON Lines */
	WB_ZIP,		/* PK\3\4 (or an empty zip): .xlsx or .ods */
	WB_OLE2,	/* D0 CF 11 E0: .xls, or an encrypted workbook */
	WB_PDF		/* %PDF */
};

enum wb_kind { WB_XLSX = 1, WB_ODS, WB_XLS };

/* Row flag (reader_int.h holds the others): a cell holds an error. */
#define ROW_WB_ERROR	64u

/* Limits (see reader_wb_open). */
#define WB_MAX_ENTRY	((uint64_t)4 << 30)	/* a sheet's XML */
#define WB_MAX_META	((uint64_t)64 << 20)	/* workbook, styles, rels */
#define WB_MAX_STRINGS	((size_t)512 << 20)	/* shared strings held */
#define WB_MAX_REPEAT	1024	/* repeated empty .ods cells made fields */

/* A collected cell: its column and its text in wb->text. */
struct wb_cell {
	size_t col;
	size_t off, len;
	int error;		/* an error value such as #N/A */
};

struct track_wb {
	track_reader *r;
	enum wb_kind kind;
	int fd;
	zip_t *zip;
	int xpid;		/* .xls: the child running libfreexl */
	FILE *xin;		/* and what it sends (workbook_xls.c) */
	char fdpath[64];	/* /proc/self/fd/N, for libfreexl */
	uint64_t max_entry;

	/* The sheets: names (and for .xlsx the part each is in). */
	char **sheet;
	char **part;
	size_t nsheet, sheetcap;
	size_t want;		/* the chosen sheet's index */
	char *pos;		/* "file:Sheet!" for messages */

	/* The entry being streamed and its parser. */
	zip_file_t *zf;
	uint64_t zsize, zread;
	const char *zname;
	XML_Parser xp;
	char *chunk;
	int done;
	int suspended;		/* the parser stopped inside a chunk */
	int final_sent;		/* the last XML_Parse was the final one */
	int fail;		/* a parse or limit error is in `why` */
	int fail_kind;
	char why[300];

	/* .xlsx: dates, styles and shared strings. */
	int date1904;
	char *ss_part, *st_part;	/* where the rels say they are */
	unsigned *datefmt;	/* custom numFmtIds that are dates */
	size_t ndatefmt, datefmtcap;
	int in_xfs;
	unsigned char *xfdate;	/* cellXfs index -> 1 when a date */
	size_t nxf, xfcap;
	char *ss;		/* shared strings, each NUL-ended */
	size_t sslen, sscap;
	size_t *ssoff;
	size_t nss, ssoffcap;

	/* The row being collected. */
	struct wb_cell *cell;
	size_t ncell, cellcap;
	char *text;
	size_t tlen, tcap;
	long rownum;		/* the sheet's row number */
	size_t nextcol;		/* a cell without a reference goes here */
	size_t hwidth;		/* the header's width, once seen */
	int have_hwidth;

	/* The cell being parsed (XML). */
	int in_cell, in_value, in_text, in_skip;
	size_t ccol;
	size_t cstart;		/* where its text starts in wb->text */
	int ctype;		/* per format */
	int cstyle;
	long crepeat, rrepeat;
	int cparas;
	int in_table;		/* .ods: inside the chosen table */
	int list;		/* only the sheet names are wanted */
};

/* reader.c's view */

/* Looks at an input's first n bytes; see enum wb_sniff. */
enum wb_sniff reader_wb_sniff(const unsigned char *p, size_t n);

/*
 * Opens the workbook on descriptor `fd` (consumed, closed by
 * reader_wb_close) and chooses its sheet (r->o.sheet, default the first
 * worksheet), or with `list` only reads the sheet names.  `path` is the
 * file's name for messages.  Fails with TRACK_EXIT_DATA (not a workbook,
 * encrypted, damaged, over a limit), TRACK_EXIT_USAGE (no such sheet) or
 * TRACK_EXIT_IO.
 */
int reader_wb_open(track_reader *r, int fd, int list, track_error *err);

/* Queues rows until at least one is queued or the sheet ends. */
int reader_wb_feed(track_reader *r, track_error *err);

/* Frees the workbook state of `r` (NULL is fine). */
void reader_wb_close(struct track_wb *wb);

/* workbook.c, for the formats */

/*
 * The zip part being streamed through wb->xp: wb_zip_open opens entry
 * `name` after checking its size against `limit` (returns 1 when it is
 * missing and not `must`), wb_zip_pump inflates it into the parser until
 * it ends or (with `until_row`) a row is queued, wb_zip_close closes it.
 * Failures return -1 with wb->why set (wb_bad).
 */
int wb_zip_open(struct track_wb *wb, const char *name, uint64_t limit,
    int must);
int wb_zip_pump(struct track_wb *wb, int until_row);
void wb_zip_close(struct track_wb *wb);
/* Nonzero when the small zip entry `name` holds the bytes `needle`. */
int wb_zip_has(struct track_wb *wb, const char *name, const char *needle);
/* Fails (wb_bad) saying the workbook is password-protected. */
int wb_encrypted(struct track_wb *wb);
int wb_bad(struct track_wb *wb, int kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * wb_parser makes a new expat parser (wb its user data) for the next
 * part; wb_local is an element or attribute name without its prefix;
 * wb_attr finds an attribute by that name; wb_add_sheet appends a sheet
 * (`part` may be NULL); wb_choose_sheet picks r->o.sheet among them, or
 * fails with the usage error that lists them; wb_bad records a failure
 * of exit status `kind` in wb->why and stops the parser (returns -1).
 */
int wb_parser(struct track_wb *wb, XML_StartElementHandler start,
    XML_EndElementHandler end, XML_CharacterDataHandler text);
const char *wb_local(const char *name);
const char *wb_attr(const char **atts, const char *local);
int wb_add_sheet(struct track_wb *wb, const char *name, const char *part);
int wb_choose_sheet(struct track_wb *wb);

/*
 * The row being collected.  wb_text appends to the cell being parsed
 * (from wb->cstart; past --max-field-size it keeps one byte more, so the
 * row is flagged); wb_cell_add records a cell of column `col` whose text
 * is wb->text[off..off+len) (an empty one is dropped); wb_row_emit queues
 * the row into the reader (see workbook.c) and wb_row_end does so and
 * forgets it.  wb_col_ref parses a reference such as "C7" into its column
 * (0 for A; (size_t)-1 when there is none) and *row.
 */
int wb_text(struct track_wb *wb, const char *s, size_t len);
void wb_cell_add(struct track_wb *wb, size_t col, size_t off, size_t len,
    int error);
void wb_row_end(struct track_wb *wb);
void wb_row_emit(struct track_wb *wb);
size_t wb_col_ref(const char *ref, long *row);

/* Numbers and dates as text: into out (at least 64 bytes); the length. */
size_t wb_number(const char *v, char *out);
size_t wb_number_d(double d, char *out);
size_t wb_serial_date(double serial, int date1904, char *out);

/* The formats */
int wb_xlsx_open(struct track_wb *wb, int list, track_error *err);
int wb_xlsx_feed(struct track_wb *wb);
int wb_ods_open(struct track_wb *wb, int list, track_error *err);
int wb_ods_feed(struct track_wb *wb);
int wb_xls_open(struct track_wb *wb, int list, track_error *err);
int wb_xls_feed(struct track_wb *wb);
void wb_xls_close(struct track_wb *wb);

#endif
