/*
 * date.h - dates as exports write them, read into ISO 8601.
 *
 * Records carry `dob` and `date` as ISO 8601 (2016-03-04).  Exports write
 * them in other ways: UK day-first 04/03/2016, 4/3/16, 04-03-2016 and
 * 04.03.2016; 4 Mar 2016, 04-Mar-2016 and 4 March 2016; ISO itself, and
 * any of these with a time of day after them (spreadsheets write
 * "04/03/2016 00:00").  date_iso() reads all of them in one date order
 * (day first unless told month first) and refuses a date that does not
 * exist, naming what is wrong.
 *
 * A two-digit year is 20yy: pupils were born, and assessed, in this
 * century.  Years outside 1900..2199 are refused as typing mistakes.
 */
#ifndef TRACK_DATE_H
#define TRACK_DATE_H

#include <stddef.h>

/* The order of day and month in a date written with numbers. */
enum date_order {
	DATE_DMY,	/* 04/03/2016 is 4 March (the UK's, the default) */
	DATE_MDY	/* 04/03/2016 is 3 April (the USA's) */
};

/* The room for an ISO date and its NUL: "2016-03-04". */
#define DATE_ISO_SIZE 11

/*
 * Reads the `len` bytes at `text` (surrounding white space is ignored) as
 * a date in `order` and writes it as ISO 8601 into `out`.  Returns 0, or
 * -1 with `why` (`whysz` bytes) saying what is wrong, in a phrase that
 * starts with `what` (the column) and names the value ("dob \"31/02/2025\"
 * does not exist: February 2025 has 28 days").
 */
int date_iso(const char *what, const char *text, size_t len,
    enum date_order order, char out[DATE_ISO_SIZE], char *why, size_t whysz);

/*
 * Reads a date order by name: "dmy" or "mdy" (any case).  Returns 0, or
 * -1 when `name` is neither.
 */
int date_order_parse(const char *name, enum date_order *order /* OUT */);

#endif
