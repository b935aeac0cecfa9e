/*
 * workbook.c - what the workbook formats share: finding which a file is,
 * the zip container and its limits, the row being collected, and numbers
 * and dates as text.  See workbook_int.h.
 */
#include "workbook_int.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"

#define WB_CHUNK	(64 * 1024)

enum wb_sniff
reader_wb_sniff(const unsigned char *p, size_t n)
{
	if (n >= 4 && p[0] == 'P' && p[1] == 'K' &&
	    ((p[2] == 3 && p[3] == 4) || (p[2] == 5 && p[3] == 6)))
		return WB_ZIP;
	if (n >= 4 && p[0] == 0xD0 && p[1] == 0xCF && p[2] == 0x11 &&
	    p[3] == 0xE0)
		return WB_OLE2;
	if (n >= 4 && memcmp(p, "%PDF", 4) == 0)
		return WB_PDF;
	return WB_TEXT;
}

int
wb_bad(struct track_wb *wb, int kind, const char *fmt, ...)
{
	va_list ap;

	if (wb->fail)
		return -1;
	wb->fail = 1;
	wb->fail_kind = kind;
	va_start(ap, fmt);
	vsnprintf(wb->why, sizeof wb->why, fmt, ap);
	va_end(ap);
	if (wb->xp != NULL)
		XML_StopParser(wb->xp, XML_FALSE);
	return -1;
}

const char *
wb_local(const char *name)
{
	const char *c = strrchr(name, ':');

	return c != NULL ? c + 1 : name;
}

const char *
wb_attr(const char **atts, const char *local)
{
	size_t i;

	for (i = 0; atts[i] != NULL; i += 2)
		if (strcmp(wb_local(atts[i]), local) == 0)
			return atts[i + 1];
	return NULL;
}

int
wb_add_sheet(struct track_wb *wb, const char *name, const char *part)
{
	char *n, *p = NULL;

	if (buf_grow((void **)&wb->sheet, &wb->sheetcap, wb->nsheet + 1,
	    sizeof *wb->sheet) != 0 || (wb->part == NULL && wb->nsheet > 0))
		return wb_bad(wb, TRACK_EXIT_IO, "out of memory");
	wb->part = realloc(wb->part, wb->sheetcap * sizeof *wb->part);
	n = strdup(name);
	if (part != NULL)
		p = strdup(part);
	if (wb->part == NULL || n == NULL || (part != NULL && p == NULL)) {
		free(n);
		free(p);
		return wb_bad(wb, TRACK_EXIT_IO, "out of memory");
	}
	wb->sheet[wb->nsheet] = n;
	wb->part[wb->nsheet] = p;
	wb->nsheet++;
	return 0;
}

int
wb_parser(struct track_wb *wb, XML_StartElementHandler start,
    XML_EndElementHandler end, XML_CharacterDataHandler text)
{
	if (wb->xp != NULL)
		XML_ParserFree(wb->xp);
	wb->xp = XML_ParserCreate("UTF-8");
	if (wb->xp == NULL)
		return wb_bad(wb, TRACK_EXIT_IO, "out of memory");
	XML_SetUserData(wb->xp, wb);
	XML_SetElementHandler(wb->xp, start, end);
	XML_SetCharacterDataHandler(wb->xp, text);
	return 0;
}

/* Says that the workbook is encrypted. */
int
wb_encrypted(struct track_wb *wb)
{
	return wb_bad(wb, TRACK_EXIT_DATA, "the workbook is password-"
	    "protected (encrypted); open it in its program, remove the "
	    "password (in Excel: File > Info > Protect Workbook), save it "
	    "and try again, or save the sheet as CSV");
}

int
wb_zip_has(struct track_wb *wb, const char *name, const char *needle)
{
	zip_stat_t st;
	zip_file_t *f;
	zip_int64_t n;
	char *text;
	int found;

	zip_stat_init(&st);
	if (zip_stat(wb->zip, name, 0, &st) != 0 ||
	    !(st.valid & ZIP_STAT_SIZE) || st.size > WB_MAX_META)
		return 0;
	text = malloc((size_t)st.size + 1);
	f = text != NULL ? zip_fopen(wb->zip, name, 0) : NULL;
	n = f != NULL ? zip_fread(f, text, st.size) : -1;
	if (f != NULL)
		zip_fclose(f);
	found = n >= 0 && memmem(text, (size_t)n, needle, strlen(needle)) !=
	    NULL;
	free(text);
	return found;
}

/*
 * Opens zip entry `name` for streaming through wb->xp.  Its size is
 * checked against `limit` before anything is inflated.  Returns 0, 1
 * when it is missing and not `must`, or -1 (wb->why says why).
 */
int
wb_zip_open(struct track_wb *wb, const char *name, uint64_t limit, int must)
{
	zip_stat_t st;

	wb_zip_close(wb);
	zip_stat_init(&st);
	if (zip_stat(wb->zip, name, 0, &st) != 0) {
		if (!must)
			return 1;
		return wb_bad(wb, TRACK_EXIT_DATA, "the workbook has no %s; "
		    "it is damaged (save it again from its program)", name);
	}
	if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) &&
	    st.encryption_method != ZIP_EM_NONE)
		return wb_encrypted(wb);
	if (!(st.valid & ZIP_STAT_SIZE) || st.size > limit)
		return wb_bad(wb, TRACK_EXIT_DATA, "%s in the workbook would "
		    "be %llu bytes unpacked, over the limit of %llu; it is "
		    "not read (a damaged file or a zip bomb)", name,
		    (unsigned long long)st.size, (unsigned long long)limit);
	wb->zf = zip_fopen(wb->zip, name, 0);
	if (wb->zf == NULL)
		return wb_bad(wb, TRACK_EXIT_DATA, "cannot read %s in the "
		    "workbook: %s", name, zip_strerror(wb->zip));
	wb->zsize = st.size;
	wb->zread = 0;
	wb->zname = name;
	wb->done = 0;
	return 0;
}

void
wb_zip_close(struct track_wb *wb)
{
	if (wb->zf != NULL)
		zip_fclose(wb->zf);
	wb->zf = NULL;
}

/* After XML_Parse failed: stopped on purpose, or damaged XML. */
static int
xml_failed(struct track_wb *wb)
{
	if (wb->fail)
		return -1;
	if (XML_GetErrorCode(wb->xp) == XML_ERROR_ABORTED) {
		wb->done = 1;
		return 0;
	}
	return wb_bad(wb, TRACK_EXIT_DATA, "%s in the workbook is not "
	    "well-formed XML (%s at its line %lu); the workbook is damaged",
	    wb->zname, XML_ErrorString(XML_GetErrorCode(wb->xp)),
	    (unsigned long)XML_GetCurrentLineNumber(wb->xp));
}

/*
 * Inflates the open entry a chunk at a time into the parser, until the
 * entry ends, the parser is stopped, or (with `until_row`) a row is
 * queued.  Never inflates more than the size the zip directory gave.
 * Returns 0, or -1 with wb->why set.
 */
int
wb_zip_pump(struct track_wb *wb, int until_row)
{
	zip_int64_t n;
	enum XML_Status st;

	if (wb->chunk == NULL && (wb->chunk = malloc(WB_CHUNK)) == NULL)
		return wb_bad(wb, TRACK_EXIT_IO, "out of memory");
	if (wb->suspended && !wb->fail) {
		/* Go on with the chunk the parser stopped in. */
		wb->suspended = 0;
		st = XML_ResumeParser(wb->xp);
		if (st == XML_STATUS_SUSPENDED) {
			wb->suspended = 1;
			return 0;
		}
		if (st == XML_STATUS_ERROR)
			return xml_failed(wb);
		if (wb->final_sent)
			wb->done = 1;
	}
	while (!wb->done && !wb->fail &&
	    (!until_row || wb->r->nrows == 0)) {
		n = zip_fread(wb->zf, wb->chunk, WB_CHUNK);
		if (n < 0) {
			zip_error_t *ze = zip_file_get_error(wb->zf);
			int code = zip_error_code_zip(ze);

			return wb_bad(wb, code == ZIP_ER_READ ||
			    code == ZIP_ER_SEEK ? TRACK_EXIT_IO :
			    TRACK_EXIT_DATA, "cannot read %s in the workbook: "
			    "%s", wb->zname, zip_error_strerror(ze));
		}
		wb->zread += (uint64_t)n;
		if (wb->zread > wb->zsize)
			return wb_bad(wb, TRACK_EXIT_DATA, "%s in the workbook "
			    "is longer than its zip directory says; it is "
			    "damaged", wb->zname);
		wb->final_sent = n == 0;
		st = XML_Parse(wb->xp, wb->chunk, (int)n, n == 0);
		if (wb->r->oom)
			return wb_bad(wb, TRACK_EXIT_IO, "out of memory");
		if (st == XML_STATUS_SUSPENDED) {
			wb->suspended = 1;
			break;
		}
		if (st == XML_STATUS_ERROR)
			return xml_failed(wb);
		if (n == 0)
			wb->done = 1;
	}
	return wb->fail ? -1 : 0;
}

/* ---- The row being collected ---- */

int
wb_text(struct track_wb *wb, const char *s, size_t len)
{
	size_t have = wb->tlen - wb->cstart, cap = wb->r->o.max_field + 1;

	/* A field past --max-field-size is kept one byte over: flagged. */
	if (have >= cap)
		return 0;
	if (len > cap - have)
		len = cap - have;
	if (buf_grow((void **)&wb->text, &wb->tcap, wb->tlen + len + 1,
	    1) != 0)
		return wb_bad(wb, TRACK_EXIT_IO, "out of memory");
	memcpy(wb->text + wb->tlen, s, len);
	wb->tlen += len;
	return 0;
}

void
wb_cell_add(struct track_wb *wb, size_t col, size_t off, size_t len,
    int error)
{
	struct wb_cell *c;

	if (len == 0 && !error)
		return;
	if (wb->ncell > wb->r->o.max_columns) {
		wb->tlen = off;		/* too wide: flagged at the end */
		return;
	}
	if (buf_grow((void **)&wb->cell, &wb->cellcap, wb->ncell + 1,
	    sizeof *wb->cell) != 0) {
		wb_bad(wb, TRACK_EXIT_IO, "out of memory");
		return;
	}
	c = &wb->cell[wb->ncell++];
	c->col = col;
	c->off = off;
	c->len = len;
	c->error = error;
}

static int
cell_cmp(const void *a, const void *b)
{
	const struct wb_cell *x = a, *y = b;

	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->off < y->off ? -1 : x->off > y->off;
}

/*
 * Queues the sheet row being collected (wb_row_end then forgets it): its
 * cells, in column order with empty fields between, become a queued row
 * of the reader (the last cell given for a column wins).  An empty row, or one above the header that
 * skip_lines skips, queues nothing.  Rows shorter than the header are
 * padded; a row wider than --max-columns gets its flag from
 * reader_push_field.
 */
void
wb_row_end(struct track_wb *wb)
{
	wb_row_emit(wb);
	wb->ncell = 0;
	wb->tlen = 0;
	wb->cstart = 0;
}

void
wb_row_emit(struct track_wb *wb)
{
	track_reader *r = wb->r;
	size_t i, j, width = 0, col, errcol = 0;
	int sorted = 1, err = 0;

	for (i = 0; i < wb->ncell; i++) {
		if (wb->cell[i].col + 1 > width)
			width = wb->cell[i].col + 1;
		if (i > 0 && wb->cell[i].col <= wb->cell[i - 1].col)
			sorted = 0;
	}
	if (width == 0 || wb->rownum <= r->o.skip_lines)
		return;
	if (!sorted)
		qsort(wb->cell, wb->ncell, sizeof *wb->cell, cell_cmp);
	if (!wb->have_hwidth) {
		wb->hwidth = width;
		wb->have_hwidth = 1;
	} else if (width < wb->hwidth) {
		width = wb->hwidth;
	}
	if (width > r->o.max_columns + 1)
		width = r->o.max_columns + 1;
	for (col = 0, j = 0; col < width; col++) {
		const struct wb_cell *take = NULL;

		while (j < wb->ncell && wb->cell[j].col < col)
			j++;
		while (j < wb->ncell && wb->cell[j].col == col)
			take = &wb->cell[j++];
		if (take == NULL) {
			reader_push_field(r, "", 0);
			continue;
		}
		reader_push_field(r, wb->text + take->off, take->len);
		if (take->error && !err) {
			err = 1;
			errcol = col;
		}
	}
	reader_push_row(r, wb->rownum, err ? ROW_WB_ERROR : 0);
	if (err && !r->oom)
		r->rows[r->nrows - 1].col = (unsigned)errcol;
}

size_t
wb_col_ref(const char *ref, long *row)
{
	size_t col = 0;
	long rn = 0;

	*row = 0;
	if (ref == NULL)
		return (size_t)-1;
	while (*ref == '$')
		ref++;
	if (!((*ref >= 'A' && *ref <= 'Z') || (*ref >= 'a' && *ref <= 'z')))
		return (size_t)-1;
	while ((*ref >= 'A' && *ref <= 'Z') || (*ref >= 'a' && *ref <= 'z')) {
		if (col < ((size_t)1 << 30))
			col = col * 26 + (size_t)((*ref | 0x20) - 'a' + 1);
		ref++;
	}
	while (*ref == '$')
		ref++;
	while (*ref >= '0' && *ref <= '9') {
		if (rn < 100000000L)
			rn = rn * 10 + (*ref - '0');
		ref++;
	}
	*row = rn;
	return col - 1;
}

/* ---- Numbers and dates ---- */

/*
 * Nonzero when `v` is a plain decimal number that is already its own
 * shortest exact form: an optional minus, digits without a needless
 * leading zero, an optional fraction without trailing zeros, at most 15
 * significant digits.
 */
static int
plain_shortest(const char *v)
{
	const char *p = v;
	int digits = 0, lead = 1;

	if (*p == '-')
		p++;
	if (*p == '0' && p[1] >= '0' && p[1] <= '9')
		return 0;
	if (!(*p >= '0' && *p <= '9'))
		return 0;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (*p != '0')
			lead = 0;
		if (!lead)
			digits++;
	}
	if (*p == '.') {
		p++;
		if (!(*p >= '0' && *p <= '9'))
			return 0;
		for (; *p >= '0' && *p <= '9'; p++) {
			if (*p != '0')
				lead = 0;
			if (!lead)
				digits++;
		}
		if (p[-1] == '0')
			return 0;
	}
	return *p == '\0' && digits <= 15 && strcmp(v, "-0") != 0;
}

size_t
wb_number_d(double d, char *out)
{
	int prec;

	if (d == 0)
		d = 0;		/* no "-0" */
	if (!isfinite(d))
		return (size_t)snprintf(out, 64, "%s", isnan(d) ? "NaN" :
		    d > 0 ? "Infinity" : "-Infinity");
	if (d == floor(d) && fabs(d) < 1e15)
		return (size_t)snprintf(out, 64, "%.0f", d);
	for (prec = 1; prec <= 17; prec++) {
		snprintf(out, 64, "%.*g", prec, d);
		if (strtod(out, NULL) == d)
			break;
	}
	return strlen(out);
}

size_t
wb_number(const char *v, char *out)
{
	char *end;
	double d;
	size_t n = strlen(v);

	if (n < 64 && plain_shortest(v)) {
		memcpy(out, v, n + 1);
		return n;
	}
	d = strtod(v, &end);
	if (end == v || *end != '\0' || n >= 64) {
		n = n > 63 ? 63 : n;	/* not a number: the text as it is */
		memcpy(out, v, n);
		out[n] = '\0';
		return n;
	}
	return wb_number_d(d, out);
}

/* The civil date of `days` after 1970-01-01 (Howard Hinnant's method). */
static void
civil(long days, int *y, int *m, int *d)
{
	long z = days + 719468, era, doe, yoe, doy, mp;

	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/*
 * A date cell's serial number as ISO 8601: "2025-09-01", with the time
 * ("2025-09-01T13:30:00") when it has a fraction, or the time alone for
 * day 0.  The 1900 system counts 1900-01-01 as 1 and keeps Lotus's
 * fictitious 1900-02-29 as 60, so later serials are one day off; the 1904
 * system counts 1904-01-01 as 0.  A serial outside 0 to 9999-12-31 stays
 * a number.
 */
size_t
wb_serial_date(double serial, int date1904, char *out)
{
	long days, secs;
	int y, m, d;
	size_t n;

	if (!isfinite(serial) || serial < 0 || serial >= 2958466.0)
		return wb_number_d(serial, out);
	days = (long)floor(serial);
	secs = lround((serial - (double)days) * 86400.0);
	if (secs >= 86400) {
		days++;
		secs -= 86400;
	}
	if (!date1904 && days == 0)
		return (size_t)snprintf(out, 64, "%02ld:%02ld:%02ld",
		    secs / 3600, secs / 60 % 60, secs % 60);
	if (date1904) {
		civil(days - 24107, &y, &m, &d);
	} else if (days == 60) {
		y = 1900;
		m = 2;
		d = 29;
	} else {
		civil(days - (days < 60 ? 25568 : 25569), &y, &m, &d);
	}
	n = (size_t)snprintf(out, 64, "%04d-%02d-%02d", y, m, d);
	if (secs > 0)
		n += (size_t)snprintf(out + n, 64 - n, "T%02ld:%02ld:%02ld",
		    secs / 3600, secs / 60 % 60, secs % 60);
	return n;
}

/* ---- Opening ---- */

/* Nonzero when the OLE2 file on fd holds a stream named EncryptedPackage
 * (an encrypted .xlsx): its name is in the directory, in UTF-16LE. */
static int
has_encrypted_package(int fd)
{
	static const char name[] = "EncryptedPackage";
	char pat[32], *buf;
	ssize_t n;
	size_t i, have = 0;
	int found = 0;

	for (i = 0; i < 16; i++) {
		pat[2 * i] = name[i];
		pat[2 * i + 1] = 0;
	}
	buf = malloc(WB_CHUNK + sizeof pat);
	if (buf == NULL || lseek(fd, 0, SEEK_SET) != 0) {
		free(buf);
		return 0;
	}
	while (!found) {
		n = read(fd, buf + have, WB_CHUNK);
		if (n <= 0)
			break;
		have += (size_t)n;
		found = memmem(buf, have, pat, sizeof pat) != NULL;
		if (have > sizeof pat) {
			memmove(buf, buf + have - sizeof pat, sizeof pat);
			have = sizeof pat;
		}
	}
	free(buf);
	return found;
}

/* What a zip that is not a workbook is, in words, for the message. */
static const char *
zip_what(zip_t *z)
{
	if (zip_name_locate(z, "word/document.xml", 0) >= 0)
		return "a Word document";
	if (zip_name_locate(z, "ppt/presentation.xml", 0) >= 0)
		return "a PowerPoint presentation";
	if (zip_name_locate(z, "mimetype", 0) >= 0)
		return "an OpenDocument file that is not a spreadsheet";
	return "a zip archive";
}

/* The kind of a zip: .xlsx, .ods, or 0 (wb->why says what it is). */
static int
zip_kind(struct track_wb *wb)
{
	static const char ods[] = "application/vnd.oasis.opendocument."
	    "spreadsheet";
	char mime[sizeof ods];
	zip_file_t *f;
	zip_int64_t n;

	if (zip_name_locate(wb->zip, "xl/workbook.xml", 0) >= 0)
		return WB_XLSX;
	if (zip_name_locate(wb->zip, "mimetype", 0) >= 0 &&
	    (f = zip_fopen(wb->zip, "mimetype", 0)) != NULL) {
		n = zip_fread(f, mime, sizeof mime - 1);
		zip_fclose(f);
		if (n == (zip_int64_t)sizeof mime - 1 &&
		    memcmp(mime, ods, sizeof mime - 1) == 0)
			return WB_ODS;
	}
	wb_bad(wb, TRACK_EXIT_DATA, "this is %s, not a workbook (no "
	    "xl/workbook.xml or OpenDocument spreadsheet inside); save the "
	    "marksheet as .xlsx, .ods or CSV", zip_what(wb->zip));
	return 0;
}

/* Opens the container on wb->fd: sets wb->kind, or fails. */
static int
open_container(struct track_wb *wb)
{
	unsigned char b[4];
	zip_error_t ze;
	int zerr = 0;

	if (pread(wb->fd, b, 4, 0) != 4)
		return wb_bad(wb, TRACK_EXIT_IO, "cannot read it: %s",
		    strerror(errno));
	if (reader_wb_sniff(b, 4) == WB_OLE2) {
		if (has_encrypted_package(wb->fd))
			return wb_encrypted(wb);
		wb->kind = WB_XLS;
		return 0;
	}
	wb->zip = zip_fdopen(wb->fd, ZIP_RDONLY, &zerr);
	if (wb->zip == NULL) {
		zip_error_init_with_code(&ze, zerr);
		wb_bad(wb, zerr == ZIP_ER_READ || zerr == ZIP_ER_SEEK ||
		    zerr == ZIP_ER_MEMORY ? TRACK_EXIT_IO : TRACK_EXIT_DATA,
		    "this looks like a zip file (a workbook) but cannot be "
		    "opened as one: %s; save it again from its program",
		    zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return -1;
	}
	wb->fd = -1;		/* libzip owns it now */
	wb->kind = zip_kind(wb);
	return wb->kind != 0 ? 0 : -1;
}

/* Quotes a sheet name as a formula would when it needs it: 'Year 5'. */
static int
make_pos(struct track_wb *wb, const char *file, const char *sheet)
{
	size_t i, n = strlen(sheet);
	int plain = n > 0 && !(sheet[0] >= '0' && sheet[0] <= '9');
	char *p;

	for (i = 0; i < n && plain; i++)
		if (!((sheet[i] >= 'A' && sheet[i] <= 'Z') ||
		    (sheet[i] >= 'a' && sheet[i] <= 'z') ||
		    (sheet[i] >= '0' && sheet[i] <= '9') ||
		    sheet[i] == '_' || sheet[i] == '.' ||
		    (unsigned char)sheet[i] >= 0x80))
			plain = 0;
	p = wb->pos = malloc(strlen(file) + 2 * n + 6);
	if (p == NULL)
		return wb_bad(wb, TRACK_EXIT_IO, "out of memory");
	p += sprintf(p, "%s:", file);
	if (!plain)
		*p++ = '\'';
	for (i = 0; i < n; i++) {
		if (sheet[i] == '\'' && !plain)
			*p++ = '\'';
		*p++ = sheet[i];
	}
	if (!plain)
		*p++ = '\'';
	*p++ = '!';
	*p = '\0';
	return 0;
}

/*
 * Picks the sheet r->o.sheet names (a name, or a number from 1), or the
 * first; fails with a usage error listing the sheets.
 */
static int
choose_sheet(struct track_wb *wb)
{
	const char *want = wb->r->o.sheet;
	char list[200];
	size_t i, len = 0;
	char *end;
	unsigned long k;

	if (wb->nsheet == 0)
		return wb_bad(wb, TRACK_EXIT_DATA, "the workbook has no "
		    "worksheet");
	if (want == NULL) {
		wb->want = 0;
		return 0;
	}
	for (i = 0; i < wb->nsheet; i++)
		if (strcmp(wb->sheet[i], want) == 0) {
			wb->want = i;
			return 0;
		}
	k = strtoul(want, &end, 10);
	if (*want >= '1' && *want <= '9' && *end == '\0' && k <= wb->nsheet) {
		wb->want = k - 1;
		return 0;
	}
	list[0] = '\0';
	for (i = 0; i < wb->nsheet && len + 4 < sizeof list; i++)
		len += (size_t)snprintf(list + len, sizeof list - len, "%s%s",
		    i ? ", " : "", wb->sheet[i]);
	return wb_bad(wb, TRACK_EXIT_USAGE, "no sheet \"%.60s\" (--sheet "
	    "takes a name or a number from 1 to %zu; the sheets are: %s)",
	    want, wb->nsheet, list);
}

int
reader_wb_open(track_reader *r, int fd, int list, track_error *err)
{
	struct track_wb *wb = calloc(1, sizeof *wb);
	int rc;

	if (wb == NULL) {
		close(fd);
		return error_nomem(err);
	}
	r->wb = wb;
	wb->r = r;
	wb->fd = fd;
	wb->max_entry = r->o.max_entry ? r->o.max_entry : WB_MAX_ENTRY;
	if (r->o.max_field == 0)
		r->o.max_field = TRACK_DEFAULT_MAX_FIELD;
	if (r->o.max_columns == 0)
		r->o.max_columns = TRACK_DEFAULT_MAX_COLUMNS;
	snprintf(wb->fdpath, sizeof wb->fdpath, "/proc/self/fd/%d", fd);
	rc = open_container(wb);
	if (rc == 0) {
		if (wb->kind == WB_XLSX)
			rc = wb_xlsx_open(wb, list, err);
		else if (wb->kind == WB_ODS)
			rc = wb_ods_open(wb, list, err);
		else
			rc = wb_xls_open(wb, list, err);
	}
	if (rc == 0 && !wb->fail && !list && make_pos(wb, r->name,
	    wb->sheet[wb->want]) == 0)
		r->name = wb->pos;
	if (wb->fail)
		return error_set(err, wb->fail_kind, r->name, 0, "%s",
		    wb->why);
	return rc;
}

int
wb_choose_sheet(struct track_wb *wb)
{
	return choose_sheet(wb);
}

int
reader_wb_feed(track_reader *r, track_error *err)
{
	struct track_wb *wb = r->wb;

	if (r->done)
		return 0;
	/* A format's feed fails by setting wb->fail, looked at below. */
	if (!wb->fail) {
		if (wb->kind == WB_XLSX)
			wb_xlsx_feed(wb);
		else if (wb->kind == WB_ODS)
			wb_ods_feed(wb);
		else
			wb_xls_feed(wb);
	}
	if (wb->fail) {
		r->done = 1;
		if (wb->fail_kind == TRACK_EXIT_IO) {
			error_set(err, TRACK_EXIT_IO, r->name, 0, "%s",
			    wb->why);
			return -1;
		}
		/* Bad data: a bad row that says why, and the end. */
		r->cur_nf = 0;
		r->cur_flags = 0;
		snprintf(r->why, sizeof r->why, "%s", wb->why);
		reader_push_row(r, wb->rownum > 0 ? wb->rownum : 1,
		    ROW_JSON_BAD);
		return r->oom ? error_nomem(err), -1 : 0;
	}
	if (wb->done)
		r->done = 1;
	return 0;
}

void
reader_wb_close(struct track_wb *wb)
{
	size_t i;

	if (wb == NULL)
		return;
	wb_zip_close(wb);
	if (wb->zip != NULL)
		zip_discard(wb->zip);
	wb_xls_close(wb);
	if (wb->fd >= 0)
		close(wb->fd);
	if (wb->xp != NULL)
		XML_ParserFree(wb->xp);
	for (i = 0; i < wb->nsheet; i++) {
		free(wb->sheet[i]);
		if (wb->part != NULL)
			free(wb->part[i]);
	}
	free(wb->sheet);
	free(wb->part);
	free(wb->pos);
	free(wb->chunk);
	free(wb->xfdate);
	free(wb->ss);
	free(wb->ssoff);
	free(wb->cell);
	free(wb->text);
	free(wb->ss_part);
	free(wb->st_part);
	free(wb->datefmt);
	free(wb);
}
