/*
 * csv_scan.h - the CSV reader's splitter for simple lines: it looks at
 * the text 64 bytes at a time, with AVX2, SSE2 or word-at-a-time (SWAR)
 * byte tests, for the delimiter, quotes, CR and LF, and records each
 * field's offset and length.
 *
 * A line is simple when it ends in LF or CR LF, holds no other CR outside
 * quotes, and each of its fields is either unquoted without a quote, or
 * quoted from its first byte to a closing quote followed by the delimiter
 * or the line end, with "" for a quote inside (and any bytes, line ends
 * too, between the quotes).  Anything else is left to libcsv, the
 * reference (see reader_csv.c).
 *
 * The three ways of looking give the same answers; which one runs is
 * chosen once (csv_scan_pick): AVX2 when the CPU has it (found at run
 * time, so the build needs no -mavx2), else SSE2 on x86-64, else SWAR.
 * Tests force each with the reader's csv_path option or the
 * TRACK_CSV_PATH environment variable (avx2, sse2, swar or libcsv).
 *
 * Ownership: a csv_scan holds no memory; it borrows the text it is
 * started on, which must stay in place while lines of it are split.
 */
#ifndef TRACK_CSV_SCAN_H
#define TRACK_CSV_SCAN_H

#include <stddef.h>
#include <stdint.h>

#include "base/str.h"
#include "reader.h"

/*
 * The most fields a simple line has; a wider line goes to libcsv.  The
 * field table handed to csv_scan_line needs CSV_SCAN_ROOM entries: it
 * may write up to 64 past the limit before it notices.
 */
#define CSV_SCAN_MAX_FIELDS 256
#define CSV_SCAN_ROOM (CSV_SCAN_MAX_FIELDS + 64)

/* What csv_scan_line found about a line, besides its fields. */
struct csv_line {
	size_t nf;	/* fields; 0 for a blank line */
	size_t len;	/* bytes before the line end */
	size_t next;	/* bytes to the start of the next line */
	int crlf;	/* it ends in CR LF (else LF) */
	int high;	/* it holds a byte >= 0x80 */
	int esc;	/* a quoted field holds "" (to unescape) */
	int nl;		/* a quoted field holds CR or LF (to count) */
	int canon;	/* every quoted field holds the delimiter, a quote,
			   CR or LF: the line is its fields as the writer
			   would write them (writer_row_src) */
};

struct csv_scan;
/* Finds the three masks of the 64 bytes at s (see struct csv_scan). */
typedef void (*csv_classify_fn)(struct csv_scan *sc, const char *s);

/*
 * The text being split, and what is known of the 64 bytes at `base`:
 * bit i of `dm` is set when base[i] is the delimiter; of `qs`, when it
 * is a quote, CR or LF; of `hi`, when it is >= 0x80.
 * Kept from line to line, so that each block is looked at once.  The
 * body is here so that a caller can keep one on its stack.
 */
struct csv_scan {
	const char *base, *end;
	uint64_t dm, qs, hi;
	uint64_t rep_d;			/* the delimiter in every byte */
	int delim;
	int canon;			/* find csv_line's canon (else 0):
					   csv_scan_start sets 0 */
	csv_classify_fn classify;
};

/*
 * The path to use for `want` (TRACK_CSV_AUTO picks the best the CPU
 * has; a path the CPU lacks falls back to the next below it): AVX2,
 * SSE2, SWAR, or TRACK_CSV_LIBCSV (no splitter).
 */
enum track_csv_path csv_scan_path(enum track_csv_path want);

/* The path named by `name` (avx2, sse2, swar, libcsv), or AUTO. */
enum track_csv_path csv_scan_path_named(const char *name);

/*
 * Starts splitting text that ends at `end` with delimiter `delim` on
 * path `path` (not AUTO or LIBCSV).
 */
void csv_scan_start(struct csv_scan *sc, const char *end, int delim,
    enum track_csv_path path);

/*
 * Splits the line at p (p < sc->end) for a copy of it to be made at dst:
 * fills f[0..nf) with slices of dst (the fields' bytes, at the offsets
 * they have in the line) and *out, and returns 0; or returns -1 when the
 * line is not simple, has more than CSV_SCAN_MAX_FIELDS fields, or does
 * not end before sc->end.  f must have room for CSV_SCAN_ROOM entries.
 * A quoted field's slice is its text between the quotes, with "" still
 * doubled.  Nothing is written at dst.
 */
int csv_scan_line(struct csv_scan *sc, const char *p, const char *dst,
    track_str *f /* OUT */, struct csv_line *out /* OUT */);

#endif
