/*
 * input.h - a byte source that yields UTF-8 text.
 *
 * An input reads a file (or stdin, named "-") in large chunks and hands out
 * UTF-8.  A UTF-8 byte order mark is stripped; a UTF-16 (LE or BE) BOM is
 * always honoured, whatever encoding was asked for.  Otherwise the encoding
 * is the one given: "utf-8" (the default: bytes pass through untouched, and
 * the record reader validates them), "auto" (UTF-8 when the first 64 KiB are
 * valid UTF-8, otherwise windows-1252), or any name glibc's iconv knows,
 * such as "windows-1252" or "latin1".
 *
 * Bytes that cannot be decoded in the source encoding come out as the byte
 * 0xFF, which is never valid UTF-8, so the record reader reports the row
 * that holds them, with its line, instead of losing it.
 *
 * Ownership: input_open returns an input the caller frees with
 * input_close; the chunk that input_read lends stays valid until the next
 * call on the same input.
 */
#ifndef TRACK_INPUT_H
#define TRACK_INPUT_H

#include "base/error.h"

typedef struct track_input track_input;

/*
 * Opens `path` ("-" for stdin) for reading in `encoding` (NULL means
 * "utf-8").  On failure returns TRACK_EXIT_IO (cannot open) or
 * TRACK_EXIT_USAGE (unknown encoding) and fills `err`.
 */
int input_open(track_input **out /* OUT */, const char *path,
    const char *encoding, track_error *err);

/*
 * Opens the regular file `path` at byte `offset`, its bytes passed
 * through as UTF-8 with no BOM looked for: a reader of part of a file
 * (reader_open_at).  Fails as input_open.
 */
int input_open_at(track_input **out /* OUT */, const char *path,
    long long offset, track_error *err);

/*
 * Lends the next chunk of UTF-8 text in *buf and returns its length, or 0
 * at the end of the input, or -1 on a read error (err filled, kind
 * TRACK_EXIT_IO).  The borrower may write into the chunk (the reader
 * parses simple lines in place), and at least INPUT_SLACK set bytes
 * follow it, which word reads past its end may touch.
 */
#define INPUT_SLACK 32
long input_read(track_input *in, char **buf /* OUT */, track_error *err);

/*
 * Reads until at least `n` raw bytes (before any decoding) are there or
 * the input ends, and lends them in *buf without consuming them: the
 * reader looks at a file's first bytes for a workbook's signature.
 * Returns how many bytes are lent (fewer than n at the end of a short
 * input), or -1 on a read error (err filled).
 */
long input_peek(track_input *in, const unsigned char **buf /* OUT */,
    size_t n, track_error *err);

/*
 * A new file descriptor on the whole input, from its first byte, for a
 * reader that must seek (a workbook's zip directory is at its end): the
 * file itself when it is a regular file read from its start, otherwise an
 * unlinked temporary file (in $TMPDIR or /tmp) that the rest of the input
 * is copied into.  Nothing is read through `in` afterwards.  The caller
 * closes the descriptor.  Returns -1 with err filled (TRACK_EXIT_IO).
 */
int input_spool(track_input *in, track_error *err);

/* Nonzero when the input is stdin. */
int input_is_stdin(const track_input *in);

/* The descriptor the input reads. */
int input_fd(const track_input *in);

/* The name used in messages: the path, or "stdin".  Valid until close. */
const char *input_name(const track_input *in);

/* The encoding in use after detection, e.g. "utf-8" or "windows-1252". */
const char *input_encoding(const track_input *in);

/* Closes the input (stdin is left open).  `in` may be NULL. */
void input_close(track_input *in);

#endif
