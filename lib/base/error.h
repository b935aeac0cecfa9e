/*
 * error.h - exit statuses and the error record filled by every library call.
 *
 * The library never prints and never exits.  A function that can fail
 * returns a status and, when it fails, fills a track_error that the caller
 * owns (the way jansson fills json_error_t).  Only cmd/ talks to the user.
 */
#ifndef TRACK_ERROR_H
#define TRACK_ERROR_H

#include <stddef.h>

/* Exit statuses, shared by every program and listed in every man page. */
enum track_exit {
	TRACK_EXIT_OK = 0,	/* success; warnings still exit 0 */
	TRACK_EXIT_DATA = 1,	/* bad data: good rows were still processed */
	TRACK_EXIT_USAGE = 2,	/* bad options or arguments */
	TRACK_EXIT_IO = 3	/* an I/O or system error; -o never renames */
};

/*
 * A library error.  `text` is a complete, lower-case message without the
 * program name or position, for example `unknown descriptor "EXPT" for
 * writing (did you mean EXS?)`.  `file` and `line` give the position when
 * there is one (line 0 means none).  `kind` is the exit status the error
 * implies.  `file` is borrowed from whoever opened the file and stays valid
 * while that object lives.
 */
typedef struct track_error {
	enum track_exit kind;
	const char *file;
	long line;
	unsigned col;		/* a workbook cell's column, 1 for A; 0 none */
	char text[512];
} track_error;

/* Clears `err` to "no error".  `err` may be NULL. */
void error_clear(track_error *err);

/*
 * Fills `err` (which may be NULL) with a message of kind `kind` at
 * file:line, formatted like printf.  Returns `kind` cast to int, so a
 * failing function can `return error_set(...)`.
 */
int error_set(track_error *err, enum track_exit kind, const char *file,
    long line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Fills `err` with "out of memory" (TRACK_EXIT_IO) and returns that. */
int error_nomem(track_error *err);

/*
 * Writes the position `file`:`line` into buf (size bytes) and returns buf.
 * A workbook sheet's rows are named "FILE:SHEET!" (see reader.h), and
 * their position is the cell, "marks.xlsx:Marks!C7" (column `col`, 1 for
 * A; 0 means A, the row's first cell); line 0 leaves "marks.xlsx:Marks".
 * Any other file is "file:line", or "file" for line 0.
 */
const char *error_where(char *buf, size_t size, const char *file, long line,
    unsigned col);

/* The graver of two exit statuses: they are numbered by gravity. */
int error_graver(int a, int b);


#endif
