/*
 * csv_scan.c - the splitter for simple CSV lines: AVX2, SSE2 and SWAR
 * byte tests behind one line walker; see csv_scan.h.
 *
 * Each way of looking turns 64 bytes into three 64-bit masks (csv_scan's
 * st, qs and hi); csv_scan_line walks a line by the masks' set bits, so
 * a field costs a count of trailing zeros, not a loop over its bytes.
 */
#include "csv_scan.h"

#include <string.h>
#include <strings.h>

#include "base/swar.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define HAVE_X86 1
#else
#define HAVE_X86 0
#endif

/* 0x80 in each byte of w that equals the byte of `rep` (exact). */
static inline uint64_t
eq_bytes(uint64_t w, uint64_t rep)
{
	uint64_t x = w ^ rep;

	return ~(((x & REP(0x7F)) + REP(0x7F)) | x) & REP(0x80);
}

/* The 0x80 bits of m's bytes as eight bits, byte i to bit i. */
static inline uint64_t
pack_bytes(uint64_t m)
{
	return ((m >> 7) * 0x0102040810204080ULL) >> 56;
}

/* Word at a time: any CPU. */
static void
classify_swar(struct csv_scan *sc, const char *s)
{
	uint64_t dm = 0, qs = 0, hi = 0, w, q;
	int i;

	for (i = 0; i < 8; i++) {
		memcpy(&w, s + 8 * i, 8);
		q = eq_bytes(w, REP('"')) | eq_bytes(w, REP('\n')) |
		    eq_bytes(w, REP('\r'));
		qs |= pack_bytes(q) << (8 * i);
		dm |= pack_bytes(eq_bytes(w, sc->rep_d)) << (8 * i);
		hi |= pack_bytes(w & REP(0x80)) << (8 * i);
	}
	sc->dm = dm;
	sc->qs = qs;
	sc->hi = hi;
}

#if HAVE_X86
/* Sixteen bytes at a time: every x86-64 CPU has SSE2. */
__attribute__((target("sse2"))) static void
classify_sse2(struct csv_scan *sc, const char *s)
{
	const __m128i d = _mm_set1_epi8((char)sc->delim),
	    q = _mm_set1_epi8('"'), n = _mm_set1_epi8('\n'),
	    r = _mm_set1_epi8('\r');
	uint64_t dm = 0, qs = 0, hi = 0;
	int i;

	for (i = 0; i < 4; i++) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)
		    (s + 16 * i));
		__m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, q),
		    _mm_cmpeq_epi8(v, n)), _mm_cmpeq_epi8(v, r));

		qs |= (uint64_t)(unsigned)_mm_movemask_epi8(m) << (16 * i);
		dm |= (uint64_t)(unsigned)_mm_movemask_epi8(
		    _mm_cmpeq_epi8(v, d)) << (16 * i);
		hi |= (uint64_t)(unsigned)_mm_movemask_epi8(v) << (16 * i);
	}
	sc->dm = dm;
	sc->qs = qs;
	sc->hi = hi;
}

/* Thirty-two bytes at a time, on a CPU found to have AVX2. */
__attribute__((target("avx2"))) static void
classify_avx2(struct csv_scan *sc, const char *s)
{
	const __m256i d = _mm256_set1_epi8((char)sc->delim),
	    q = _mm256_set1_epi8('"'), n = _mm256_set1_epi8('\n'),
	    r = _mm256_set1_epi8('\r');
	const __m256i a = _mm256_loadu_si256((const __m256i *)(const void *)s),
	    b = _mm256_loadu_si256((const __m256i *)(const void *)(s + 32));
	__m256i ma = _mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi8(a, q),
	    _mm256_cmpeq_epi8(a, n)), _mm256_cmpeq_epi8(a, r));
	__m256i mb = _mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi8(b, q),
	    _mm256_cmpeq_epi8(b, n)), _mm256_cmpeq_epi8(b, r));

	sc->qs = (uint32_t)_mm256_movemask_epi8(ma) |
	    (uint64_t)(uint32_t)_mm256_movemask_epi8(mb) << 32;
	sc->dm = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(a, d)) |
	    (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(b, d))
	    << 32;
	sc->hi = (uint32_t)_mm256_movemask_epi8(a) |
	    (uint64_t)(uint32_t)_mm256_movemask_epi8(b) << 32;
}
#endif

enum track_csv_path
csv_scan_path(enum track_csv_path want)
{
#if HAVE_X86
	if (want == TRACK_CSV_AUTO || want == TRACK_CSV_AVX2) {
		__builtin_cpu_init();
		if (__builtin_cpu_supports("avx2"))
			return TRACK_CSV_AVX2;
		return TRACK_CSV_SSE2;
	}
	return want;
#else
	if (want == TRACK_CSV_AUTO || want == TRACK_CSV_AVX2 ||
	    want == TRACK_CSV_SSE2)
		return TRACK_CSV_SWAR;
	return want;
#endif
}

enum track_csv_path
csv_scan_path_named(const char *name)
{
	if (name == NULL)
		return TRACK_CSV_AUTO;
	if (strcasecmp(name, "avx2") == 0)
		return TRACK_CSV_AVX2;
	if (strcasecmp(name, "sse2") == 0)
		return TRACK_CSV_SSE2;
	if (strcasecmp(name, "swar") == 0)
		return TRACK_CSV_SWAR;
	if (strcasecmp(name, "libcsv") == 0)
		return TRACK_CSV_LIBCSV;
	return TRACK_CSV_AUTO;
}

void
csv_scan_start(struct csv_scan *sc, const char *end, int delim,
    enum track_csv_path path)
{
	sc->base = NULL;
	sc->end = end;
	sc->delim = delim;
	sc->canon = 0;
	sc->rep_d = REP(delim);
	sc->dm = sc->qs = sc->hi = 0;
	sc->classify = classify_swar;
#if HAVE_X86
	if (path == TRACK_CSV_AVX2)
		sc->classify = classify_avx2;
	else if (path == TRACK_CSV_SSE2)
		sc->classify = classify_sse2;
#else
	(void)path;
#endif
}

/*
 * Looks at the 64 bytes at b; past the end of the text (the last block)
 * they are read from a copy padded with NUL bytes, which match nothing.
 */
static void
load_block(struct csv_scan *sc, const char *b)
{
	char pad[64];
	size_t n = (size_t)(sc->end - b);

	sc->base = b;
	if (n >= 64) {
		sc->classify(sc, b);
		return;
	}
	memcpy(pad, b, n);
	memset(pad + n, 0, 64 - n);
	sc->classify(sc, pad);
}

/*
 * Moves on to the block after the current one, first adding the bytes
 * >= 0x80 of the one left, from *from on (the line's), to *high.
 * Returns -1 at the end of the text.
 */
static inline int
next_block(struct csv_scan *sc, uint64_t *from, int *high)
{
	if (sc->end - sc->base <= 64)
		return -1;
	if (sc->hi & *from)
		*high = 1;
	*from = ~0ULL;
	load_block(sc, sc->base + 64);
	return 0;
}

/* The bits of `mask` (the current block's) for c and the bytes after. */
static inline uint64_t
bits_from(uint64_t mask, const char *base, const char *c)
{
	size_t off;

	if (c <= base)
		return mask;
	off = (size_t)(c - base);
	return off < 64 ? mask & (~0ULL << off) : 0;
}

/* Nonzero when the byte at c (c < end) ends the line: LF or CR LF. */
static inline int
line_end_at(const char *c, const char *end)
{
	return *c == '\n' || (*c == '\r' && c + 1 < end && c[1] == '\n');
}

/*
 * The closing quote of a quoted field whose text starts at c: the first
 * quote that is not one of "".  Sets *esc when there is a "", and *nl
 * when there is a CR or LF.  Returns NULL when the field or the byte
 * after it runs past the text.
 */
static inline __attribute__((always_inline)) const char *
close_quote(struct csv_scan *sc, const char *c, uint64_t *from, int *high,
    int *esc, int *nl)
{
	uint64_t m = bits_from(sc->qs, sc->base, c);

	for (;;) {
		while (m == 0) {
			if (next_block(sc, from, high) != 0)
				return NULL;
			m = bits_from(sc->qs, sc->base, c);
		}
		c = sc->base + __builtin_ctzll(m);
		m &= m - 1;
		if (*c != '"') {
			*nl = 1;	/* CR or LF */
			continue;
		}
		if (c + 1 >= sc->end)
			return NULL;
		if (c[1] != '"')
			return c;
		*esc = 1;
		c += 2;
		m = bits_from(sc->qs, sc->base, c);
	}
}

/*
 * Nonzero when text s[0..n) holds delimiter d, a quote, CR or LF, as a
 * field must for the writer to quote it; the delimiter, the likeliest,
 * is looked for first.
 */
static int
must_quote(const char *s, size_t n, char d)
{
	return memchr(s, d, n) != NULL || memchr(s, '"', n) != NULL ||
	    memchr(s, '\n', n) != NULL || memchr(s, '\r', n) != NULL;
}

/*
 * Long because it is the hot loop of every program: in each block, the
 * delimiters before the next quote, CR or LF end a field each, taken a
 * set bit at a time with the field count and the masks in registers.
 * `want` is sc->canon, passed as a constant so that a reader that does
 * not want csv_line's canon pays nothing for it.
 */
static inline __attribute__((always_inline)) int
scan_line(struct csv_scan *sc, const char *p, const char *dst,
    track_str *f, struct csv_line *out, const int want)
{
	const char *end = sc->end, *q = p, *c, *b;
	const char d = (char)sc->delim;
	size_t nf = 0, off;
	uint64_t from, dd, o;
	int esc = 0, nl = 0, high = 0, canon = want;

	/* A blank line: a row end with no fields, as libcsv reports it. */
	if (line_end_at(p, end)) {
		out->nf = out->len = 0;
		out->crlf = *p == '\r';
		out->next = 1 + (size_t)out->crlf;
		out->high = out->esc = out->nl = 0;
		out->canon = want;
		return 0;
	}
	if (sc->base == NULL || p < sc->base || p >= sc->base + 64)
		load_block(sc, p);
	from = ~0ULL << (p - sc->base);
	for (;;) {
		/* The delimiters from q to the next quote, CR or LF: at
		   most 64, which CSV_SCAN_ROOM leaves room for. */
		o = bits_from(sc->qs, sc->base, q);
		dd = bits_from(sc->dm, sc->base, q);
		if (o != 0)
			dd &= (o & -o) - 1;
		b = dst + (sc->base - p);
		if (dd != 0) {
			const char *fq = dst + (q - p);

			do {
				const char *e = b + __builtin_ctzll(dd);

				dd &= dd - 1;
				f[nf].ptr = fq;
				f[nf].len = (size_t)(e - fq);
				nf++;
				fq = e + 1;
			} while (dd != 0);
			if (nf > CSV_SCAN_MAX_FIELDS)
				return -1;
			q = p + (fq - dst);
		}
		if (o == 0) {
			if (next_block(sc, &from, &high) != 0)
				return -1;
			continue;
		}
		c = sc->base + __builtin_ctzll(o);
		if (nf == CSV_SCAN_MAX_FIELDS)
			return -1;
		if (*c == '"') {
			if (c != q)
				return -1;	/* a quote inside: libcsv's */
			c = close_quote(sc, c + 1, &from, &high, &esc, &nl);
			if (c == NULL)
				return -1;
			/* Quotes the writer would leave off: not canonical. */
			if (canon && !must_quote(q + 1, (size_t)(c - (q + 1)),
			    d))
				canon = 0;
			f[nf].ptr = dst + (q + 1 - p);
			f[nf].len = (size_t)(c - (q + 1));
			nf++;
			c++;	/* past the closing quote */
			if (*c == d) {
				q = c + 1;
				continue;
			}
			if (!line_end_at(c, end))
				return -1;	/* "ab"c: libcsv's */
			break;
		}
		if (!line_end_at(c, end))
			return -1;	/* a lone CR: libcsv's */
		f[nf].ptr = dst + (q - p);
		f[nf].len = (size_t)(c - q);
		nf++;
		break;
	}
	/* c is at the LF, or the CR of a CR LF, at most 64 bytes past the
	   current block's start. */
	off = (size_t)(c - sc->base);
	if (off < 64)
		from &= ~(~0ULL << off);
	if (sc->hi & from)
		high = 1;
	out->len = (size_t)(c - p);
	out->nf = nf;
	out->crlf = *c == '\r';
	out->next = out->len + 1 + (size_t)out->crlf;
	out->high = high;
	out->esc = esc;
	out->nl = nl;
	out->canon = canon;
	return 0;
}

int
csv_scan_line(struct csv_scan *sc, const char *p, const char *dst,
    track_str *f, struct csv_line *out)
{
	if (sc->canon)
		return scan_line(sc, p, dst, f, out, 1);
	return scan_line(sc, p, dst, f, out, 0);
}
