/*
 * fuzz_split.c - the CSV splitter (record/csv_scan.h) against libcsv, a
 * line at a time.
 *
 * The first byte chooses the delimiter (comma, semicolon, tab or, from
 * the byte itself, anything but a quote, CR or LF); the rest is text.
 * Its lines are split by each of the splitter's paths (AVX2 where the
 * CPU has it, SSE2, SWAR), each keeping its own state from line to line
 * as the reader does.  The paths must agree on every line: whether they
 * take it, its fields, length, line end and flags.  A line they take
 * must be what libcsv, set up as the reader sets it up (strict, every
 * line end reported), makes of the same bytes: the same fields, once
 * "" is unescaped, in one row; and the flags must be true (a byte >=
 * 0x80, a "" or a line end inside quotes).  A line not taken is skipped
 * to its LF, and the next is split.
 */
#include <csv.h>

#include "fuzz.h"
#include "record/csv_scan.h"

#define NPATHS 3

/* What libcsv made of a line: its first row's fields, end to end. */
struct lib_row {
	char *text;
	size_t len, cap;
	size_t nf, rows;
};

static void
lib_field(void *s, size_t len, void *data)
{
	struct lib_row *lr = data;

	if (lr->rows > 0)
		return;
	if (lr->len + len + 16 > lr->cap) {
		lr->cap = (lr->len + len + 16) * 2;
		lr->text = realloc(lr->text, lr->cap);
		FUZZ_ASSERT(lr->text != NULL);
	}
	memcpy(lr->text + lr->len, &len, sizeof len);
	memcpy(lr->text + lr->len + sizeof len, s, len);
	lr->len += sizeof len + len;
	lr->nf++;
}

static void
lib_row_end(int c, void *data)
{
	(void)c;
	((struct lib_row *)data)->rows++;
}

static int
space_never(unsigned char c)
{
	(void)c;
	return 0;
}

/* libcsv's first row of s[0..n) into *lr; returns 0 when it parsed. */
static int
libcsv_line(const char *s, size_t n, int delim, struct lib_row *lr)
{
	struct csv_parser p;
	int rc = 0;

	lr->len = lr->nf = lr->rows = 0;
	FUZZ_ASSERT(csv_init(&p, CSV_STRICT | CSV_REPALL_NL) == 0);
	csv_set_space_func(&p, space_never);
	csv_set_delim(&p, (unsigned char)delim);
	if (csv_parse(&p, s, n, lib_field, lib_row_end, lr) != n)
		rc = -1;
	else
		csv_fini(&p, lib_field, lib_row_end, lr);
	csv_free(&p);
	return rc;
}

/* Unescapes "" in s[0..n) into out; returns the length. */
static size_t
unescape(const char *s, size_t n, char *out)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		out[k++] = s[i];
		if (s[i] == '"') {
			FUZZ_ASSERT(i + 1 < n && s[i + 1] == '"');
			i++;
		}
	}
	return k;
}

/*
 * Checks the line at p that the splitter took (fields f, copy at dst)
 * against libcsv and against its own flags; `want` is the scanner's
 * canon (csv_line's canon: every quoted field must be).
 */
static void
check_line(const char *p, const char *dst, const track_str *f,
    const struct csv_line *ln, int delim, struct lib_row *lr, char *tmp,
    int want)
{
	size_t i, at = 0, n, len;
	int high = 0, esc = 0, nl = 0, canon = 1;

	FUZZ_ASSERT(p[ln->len] == (ln->crlf ? '\r' : '\n'));
	FUZZ_ASSERT(!ln->crlf || p[ln->len + 1] == '\n');
	FUZZ_ASSERT(ln->next == ln->len + 1 + (size_t)ln->crlf);
	FUZZ_ASSERT(libcsv_line(p, ln->next, delim, lr) == 0);
	FUZZ_ASSERT(lr->rows >= 1);
	FUZZ_ASSERT(lr->nf == ln->nf);
	for (i = 0; i < ln->len; i++)
		high |= (unsigned char)p[i] >= 0x80;
	FUZZ_ASSERT(high == ln->high);
	for (i = 0; i < ln->nf; i++) {
		const char *s = f[i].ptr;
		int quoted = s > dst && s[-1] == '"';

		FUZZ_ASSERT(s >= dst && s + f[i].len <= dst + ln->len);
		n = f[i].len;
		if (quoted) {
			canon &= memchr(s, delim, n) != NULL ||
			    memchr(s, '"', n) != NULL ||
			    memchr(s, '\n', n) != NULL ||
			    memchr(s, '\r', n) != NULL;
			esc |= memchr(s, '"', n) != NULL;
			nl |= memchr(s, '\n', n) != NULL ||
			    memchr(s, '\r', n) != NULL;
			n = unescape(s, n, tmp);
			s = tmp;
		}
		memcpy(&len, lr->text + at, sizeof len);
		FUZZ_ASSERT(len == n);
		FUZZ_ASSERT(memcmp(lr->text + at + sizeof len, s, n) == 0);
		at += sizeof len + len;
	}
	FUZZ_ASSERT(esc == ln->esc);
	FUZZ_ASSERT(nl == ln->nl);
	FUZZ_ASSERT(ln->canon == (want && canon));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum track_csv_path paths[NPATHS] = {
		TRACK_CSV_AVX2, TRACK_CSV_SSE2, TRACK_CSV_SWAR
	};
	static const int delims[] = { ',', ';', '\t' };
	struct csv_scan sc[NPATHS];
	struct csv_line ln[NPATHS];
	track_str *f[NPATHS];
	struct lib_row lr = { NULL, 0, 0, 0, 0 };
	const char *text, *p, *end, *lf;
	char *dst, *tmp;
	int delim, rc[NPATHS], i;
	size_t k;

	if (size < 2)
		return 0;
	delim = data[0] < 192 ? delims[data[0] % 3] : data[0] & 0x7F;
	if (delim == '"' || delim == '\n' || delim == '\r' || delim == 0)
		delim = ',';
	/* The text in a buffer of its own, so that reading past it is
	   caught by the sanitizer. */
	text = fuzz_string(data + 1, size - 1);
	end = text + (size - 1);
	dst = malloc(size + 1);
	tmp = malloc(size + 1);
	FUZZ_ASSERT(dst != NULL && tmp != NULL);
	for (i = 0; i < NPATHS; i++) {
		csv_scan_start(&sc[i], end, delim, csv_scan_path(paths[i]));
		sc[i].canon = data[0] & 1;
		f[i] = malloc(CSV_SCAN_ROOM * sizeof *f[i]);
		FUZZ_ASSERT(f[i] != NULL);
	}
	for (p = text; p < end;) {
		/* Zeroed: the padding too is compared. */
		memset(ln, 0, sizeof ln);
		for (i = 0; i < NPATHS; i++)
			rc[i] = csv_scan_line(&sc[i], p, dst, f[i], &ln[i]);
		for (i = 1; i < NPATHS; i++) {
			FUZZ_ASSERT(rc[i] == rc[0]);
			if (rc[0] != 0)
				continue;
			FUZZ_ASSERT(memcmp(&ln[i], &ln[0], sizeof ln[0]) == 0);
			for (k = 0; k < ln[0].nf; k++) {
				FUZZ_ASSERT(f[i][k].ptr == f[0][k].ptr);
				FUZZ_ASSERT(f[i][k].len == f[0][k].len);
			}
		}
		if (rc[0] == 0) {
			memcpy(dst, p, ln[0].len);
			check_line(p, dst, f[0], &ln[0], delim, &lr, tmp,
			    data[0] & 1);
			p += ln[0].next;
			continue;
		}
		lf = memchr(p, '\n', (size_t)(end - p));
		p = lf != NULL ? lf + 1 : end;
	}
	for (i = 0; i < NPATHS; i++)
		free(f[i]);
	free((char *)text);
	free(dst);
	free(tmp);
	free(lr.text);
	return 0;
}
