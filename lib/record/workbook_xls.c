/*
 * workbook_xls.c - .xls (Excel 97-2003, BIFF8) sheets for the reader,
 * through libfreexl, which reads the whole file and hands out cells (and
 * date cells as ISO text).  See workbook_int.h.
 *
 * libfreexl is not trusted with hostile files: fuzzing found it reading
 * outside its buffers on a damaged .xls.  So it runs in a child process,
 * which sends the sheet names and the chosen sheet's cells down a pipe;
 * when it crashes or hangs, the parent says the file cannot be read and
 * carries on.  The child writes records of a type byte, two numbers and
 * a text:
 *
 *   'S' 0 0 name       a sheet, in order        'E'  the list ends
 *   'C' row col text   a cell                   'R' row  a row ends
 *   'F' kind 0 text    a failure (wb_bad)       'D'  the sheet ends
 */
#include "workbook_int.h"

#include <errno.h>
#include <fcntl.h>
#include <freexl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Seconds libfreexl may take before the child is stopped. */
#define XLS_TIMEOUT 120

/*
 * Under a sanitizer (the tests, the fuzzer) a child that libfreexl
 * crashes must not report itself: its death is expected and handled.
 * The sanitizers' runtime defines this; elsewhere it is absent.
 */
void __sanitizer_set_death_callback(void (*callback)(void))
    __attribute__((weak));

/* ---- The child ---- */

struct xout {
	int fd;
	char buf[65536];
	size_t len;
};

static void
xflush(struct xout *o)
{
	size_t off = 0;
	ssize_t n;

	while (off < o->len) {
		n = write(o->fd, o->buf + off, o->len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			_exit(3);	/* the parent went away */
		off += (size_t)n;
	}
	o->len = 0;
}

static void
xsend(struct xout *o, int type, unsigned a, unsigned b, const char *s,
    size_t len)
{
	unsigned char h[13];

	if (len > 16u << 20)
		len = 16u << 20;
	h[0] = (unsigned char)type;
	memcpy(h + 1, &a, 4);
	memcpy(h + 5, &b, 4);
	memcpy(h + 9, &(unsigned){ (unsigned)len }, 4);
	if (o->len + sizeof h + len > sizeof o->buf)
		xflush(o);
	if (sizeof h + len > sizeof o->buf) {
		memcpy(o->buf, h, sizeof h);
		o->len = sizeof h;
		xflush(o);
		while (len > 0) {
			ssize_t n = write(o->fd, s, len);

			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				_exit(3);
			s += n;
			len -= (size_t)n;
		}
		return;
	}
	memcpy(o->buf + o->len, h, sizeof h);
	memcpy(o->buf + o->len + sizeof h, s, len);
	o->len += sizeof h + len;
}

/* Sends cell (row, col) as text, if it has any. */
static void
child_cell(struct xout *o, const void *xls, unsigned row, unsigned short col)
{
	FreeXL_CellValue v;
	char out[64], *t = NULL;
	size_t n;

	if (freexl_get_cell_value(xls, row, col, &v) != FREEXL_OK)
		return;
	switch (v.type) {
	case FREEXL_CELL_INT:
		n = (size_t)snprintf(out, sizeof out, "%d", v.value.int_value);
		break;
	case FREEXL_CELL_DOUBLE:
		n = wb_number_d(v.value.double_value, out);
		break;
	case FREEXL_CELL_TEXT:
	case FREEXL_CELL_SST_TEXT:
	case FREEXL_CELL_DATE:
	case FREEXL_CELL_DATETIME:
	case FREEXL_CELL_TIME:
		if (v.value.text_value == NULL)
			return;
		n = strlen(v.value.text_value);
		if (v.type != FREEXL_CELL_DATETIME || n != 19) {
			xsend(o, 'C', row, col, v.value.text_value, n);
			return;
		}
		/* ISO 8601: a T between the date and the time, and no
		 * time at midnight. */
		memcpy(out, v.value.text_value, 19);
		t = out;
		t[10] = 'T';
		if (memcmp(t + 10, "T00:00:00", 9) == 0)
			n = 10;
		break;
	default:
		return;
	}
	xsend(o, 'C', row, col, out, n);
}

/* Ends the child: what is buffered is sent, the rest freed. */
static void
child_exit(struct xout *o, const void *xls)
{
	xflush(o);
	free(o);
	if (xls != NULL)
		freexl_close(xls);
	_exit(0);
}

static void
child_fail(struct xout *o, const void *xls, int kind, const char *text)
{
	xsend(o, 'F', (unsigned)kind, 0, text, strlen(text));
	child_exit(o, xls);
}

/*
 * The child: opens `path` with libfreexl and sends the sheet names, then
 * (unless `list`) the cells of sheet `want` (a name or number, or NULL
 * for the first), and exits.  Never returns.
 */
static void
child(int fd, const char *path, const char *want, int list)
{
	struct xout *o = malloc(sizeof *o);
	const void *xls = NULL;
	unsigned info = 0, count = 0, rows = 0, r, i, k = 0, pick = 0;
	unsigned short cols = 0, c;
	const char *name;
	char *end;
	int rc, found = want == NULL;

	if (o == NULL)
		_exit(3);
	o->fd = fd;
	o->len = 0;
	alarm(XLS_TIMEOUT);
	rc = freexl_open(path, &xls);
	if (rc != FREEXL_OK)
		child_fail(o, NULL, TRACK_EXIT_DATA, "this is an OLE2 file "
		    "(like an old .xls or .doc) that is not an Excel 97-2003 "
		    "workbook libfreexl can read; save it from its program as "
		    ".xlsx or CSV");
	if (freexl_get_info(xls, FREEXL_BIFF_PASSWORD, &info) == FREEXL_OK &&
	    info == FREEXL_BIFF_OBFUSCATED)
		child_fail(o, xls, TRACK_EXIT_DATA, "the workbook is password-"
		    "protected (encrypted); open it in Excel, remove the "
		    "password, save it and try again, or save the sheet as "
		    "CSV");
	if (freexl_get_info(xls, FREEXL_BIFF_SHEET_COUNT, &count) !=
	    FREEXL_OK)
		count = 0;
	if (want != NULL)
		k = (unsigned)strtoul(want, &end, 10);
	for (i = 0; i < count && i < 65535; i++) {
		char fallback[32];

		if (freexl_get_worksheet_name(xls, (unsigned short)i, &name) !=
		    FREEXL_OK || name == NULL) {
			snprintf(fallback, sizeof fallback, "Sheet%u", i + 1);
			name = fallback;
		}
		xsend(o, 'S', 0, 0, name, strlen(name));
		if (!found && want != NULL && strcmp(want, name) == 0) {
			found = 1;
			pick = i;
		}
	}
	if (!found && want != NULL && *want >= '1' && *want <= '9' &&
	    *end == '\0' && k <= count) {
		found = 1;
		pick = k - 1;
	}
	xsend(o, 'E', found, pick, "", 0);
	if (list || !found || count == 0)
		child_exit(o, xls);
	if (freexl_select_active_worksheet(xls, (unsigned short)pick) !=
	    FREEXL_OK ||
	    freexl_worksheet_dimensions(xls, &rows, &cols) != FREEXL_OK)
		child_fail(o, xls, TRACK_EXIT_DATA, "a sheet of the workbook "
		    "cannot be read; it is damaged");
	for (r = 0; r < rows; r++) {
		for (c = 0; c < cols; c++)
			child_cell(o, xls, r, c);
		xsend(o, 'R', r + 1, 0, "", 0);
	}
	xsend(o, 'D', 0, 0, "", 0);
	child_exit(o, xls);
}

/* ---- The parent ---- */

/* Reads one record; returns its type, or 0 at the end or on damage. */
static int
xrecv(struct track_wb *wb, unsigned *a, unsigned *b, size_t *len)
{
	unsigned char h[13];
	unsigned n;

	if (fread(h, 1, sizeof h, wb->xin) != sizeof h)
		return 0;
	memcpy(a, h + 1, 4);
	memcpy(b, h + 5, 4);
	memcpy(&n, h + 9, 4);
	wb->cstart = wb->tlen;
	if (n > 0) {
		if (n > (16u << 20))
			return 0;
		if (wb->tlen + n + 1 > wb->tcap) {
			char *t = realloc(wb->text, wb->tlen + n + 1);

			if (t == NULL)
				return 0;
			wb->text = t;
			wb->tcap = wb->tlen + n + 1;
		}
		if (fread(wb->text + wb->tlen, 1, n, wb->xin) != n)
			return 0;
	}
	*len = n;
	return h[0];
}

/* Says why the child stopped early. */
static int
xls_lost(struct track_wb *wb)
{
	return wb_bad(wb, TRACK_EXIT_DATA, "libfreexl could not read this "
	    ".xls file (it is damaged, or not a workbook it knows); save it "
	    "from its program as .xlsx or CSV");
}

int
wb_xls_open(struct track_wb *wb, int list, track_error *err)
{
	unsigned a, b;
	size_t len;
	int fds[2], type;
	char *name;

	(void)err;
	if (pipe(fds) != 0)
		return wb_bad(wb, TRACK_EXIT_IO, "cannot make a pipe: %s",
		    strerror(errno));
	wb->xpid = fork();
	if (wb->xpid < 0) {
		close(fds[0]);
		close(fds[1]);
		return wb_bad(wb, TRACK_EXIT_IO, "cannot fork: %s",
		    strerror(errno));
	}
	if (wb->xpid == 0) {
		int null = open("/dev/null", O_WRONLY);

		close(fds[0]);
		/* libfreexl's own complaints are not ours to print. */
		if (null >= 0)
			dup2(null, STDERR_FILENO);
		if (__sanitizer_set_death_callback != NULL)
			__sanitizer_set_death_callback(NULL);
		signal(SIGALRM, SIG_DFL);
		child(fds[1], wb->fdpath, wb->r->o.sheet, list);
	}
	close(fds[1]);
	wb->xin = fdopen(fds[0], "r");
	if (wb->xin == NULL) {
		close(fds[0]);
		return wb_bad(wb, TRACK_EXIT_IO, "out of memory");
	}
	while ((type = xrecv(wb, &a, &b, &len)) == 'S') {
		name = strndup(wb->text + wb->cstart, len);
		if (name == NULL || wb_add_sheet(wb, name, NULL) != 0) {
			free(name);
			return wb_bad(wb, TRACK_EXIT_IO, "out of memory");
		}
		free(name);
		wb->tlen = 0;
	}
	wb->tlen = 0;
	if (type == 'F' && len > 0)
		return wb_bad(wb, (int)a, "%.*s", (int)len, wb->text);
	if (type != 'E')
		return xls_lost(wb);
	if (list)
		return 0;
	/* Not found, or no sheets: the usage error, with the list. */
	if (!a || wb->nsheet == 0)
		return wb_choose_sheet(wb) != 0 ? -1 : xls_lost(wb);
	if (b >= wb->nsheet)
		return xls_lost(wb);
	wb->want = b;
	return 0;
}

int
wb_xls_feed(struct track_wb *wb)
{
	unsigned a, b;
	size_t len;
	int type;

	while (wb->r->nrows == 0 && !wb->done && !wb->fail) {
		type = xrecv(wb, &a, &b, &len);
		switch (type) {
		case 'C':
			wb->tlen = wb->cstart + len;
			wb_cell_add(wb, b, wb->cstart, len, 0);
			break;
		case 'R':
			wb->rownum = (long)a;
			wb_row_end(wb);
			break;
		case 'D':
			wb->done = 1;
			break;
		case 'F':
			if (len == 0)
				return xls_lost(wb);
			return wb_bad(wb, (int)a, "%.*s", (int)len,
			    wb->text + wb->cstart);
		default:
			return xls_lost(wb);
		}
	}
	return wb->fail ? -1 : 0;
}

void
wb_xls_close(struct track_wb *wb)
{
	int status;

	if (wb->xin != NULL)
		fclose(wb->xin);
	wb->xin = NULL;
	if (wb->xpid > 0) {
		kill(wb->xpid, SIGKILL);
		while (waitpid(wb->xpid, &status, 0) < 0 && errno == EINTR)
			;
	}
	wb->xpid = 0;
}
