/*
 * records.h - records from several inputs as one stream.
 *
 * The programs take any number of input files (none means stdin).  All of
 * them are opened, and their headers read, before the first row is handed
 * out, so a missing file stops the program before any output.  The stream's
 * header is the union of the files' headers in order of first appearance;
 * each row is laid out like that header, with empty fields for columns its
 * file does not have.
 *
 * Ownership: records_open returns a stream the caller frees with
 * records_close.  The header stays valid until records_close; a row stays
 * valid until the next records_next.
 */
#ifndef TRACK_RECORDS_H
#define TRACK_RECORDS_H

#include "base/str.h"
#include "reader.h"

typedef struct track_records track_records;

/*
 * Opens `n` inputs (`paths`; with n == 0, stdin).  Fails like reader_open
 * for the first input that cannot be opened.
 */
int records_open(track_records **out /* OUT */, char *const *paths, size_t n,
    const struct track_reader_opts *opts, track_error *err);

/* The union header: *n names, valid until records_close. */
const track_str *records_header(const track_records *rs, size_t *n /* OUT */);

/*
 * Reads the next row, in union layout for good rows.  A bad row is handed
 * out as its file gave it (for --rejects).  See enum track_read.
 */
enum track_read records_next(track_records *rs, track_row *row /* OUT */,
    track_error *err);

/* The name of the input the last row came from. */
const char *records_name(const track_records *rs);

/* The reader of the first input (format, delimiter, encoding). */
const track_reader *records_first(const track_records *rs);

/* The index of column `name` in header `h` (n names), or -1. */
long records_col(const track_str *h, size_t n, const char *name);

/*
 * The total size in bytes of input files `files` (n of them), or -1 when
 * one is "-" (stdin) or not a regular file, whose size is not known: for
 * a program that sizes its tables early from it.
 */
int64_t records_files_size(char *const *files, size_t n);

/* Closes every input.  `rs` may be NULL. */
void records_close(track_records *rs);

#endif
