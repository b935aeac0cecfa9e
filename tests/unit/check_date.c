/*
 * check_date.c - unit tests for lib/base/date.c: dates as exports write
 * them, read into ISO 8601, and the ones that are not dates.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "base/date.h"

/* The ISO date `in` reads as in `order`, or "!" and the message. */
static const char *
iso(const char *in, enum date_order order)
{
	static char buf[600];
	char out[DATE_ISO_SIZE], why[512];

	if (date_iso("dob", in, strlen(in), order, out, why, sizeof why) != 0) {
		snprintf(buf, sizeof buf, "!%s", why);
		return buf;
	}
	snprintf(buf, sizeof buf, "%s", out);
	return buf;
}

START_TEST(uk_forms)
{
	ck_assert_str_eq(iso("04/03/2016", DATE_DMY), "2016-03-04");
	ck_assert_str_eq(iso("4/3/2016", DATE_DMY), "2016-03-04");
	ck_assert_str_eq(iso("04/03/16", DATE_DMY), "2016-03-04");
	ck_assert_str_eq(iso("04-03-2016", DATE_DMY), "2016-03-04");
	ck_assert_str_eq(iso("04.03.2016", DATE_DMY), "2016-03-04");
	ck_assert_str_eq(iso(" 04/03/2016 ", DATE_DMY), "2016-03-04");
	ck_assert_str_eq(iso("4 Mar 2016", DATE_DMY), "2016-03-04");
	ck_assert_str_eq(iso("04-Mar-2016", DATE_DMY), "2016-03-04");
	ck_assert_str_eq(iso("4 march 2016", DATE_DMY), "2016-03-04");
	ck_assert_str_eq(iso("4th March 2016", DATE_DMY), "2016-03-04");
	ck_assert_str_eq(iso("1 Sept 2016", DATE_DMY), "2016-09-01");
	ck_assert_str_eq(iso("March 4, 2016", DATE_DMY), "2016-03-04");
	ck_assert_str_eq(iso("4 Mar 16", DATE_DMY), "2016-03-04");
	/* Spreadsheets add a time of day. */
	ck_assert_str_eq(iso("04/03/2016 00:00", DATE_DMY), "2016-03-04");
	ck_assert_str_eq(iso("04/03/2016 00:00:00", DATE_DMY), "2016-03-04");
	ck_assert_str_eq(iso("4/3/2016 12:00 AM", DATE_DMY), "2016-03-04");
}
END_TEST

START_TEST(iso_forms)
{
	ck_assert_str_eq(iso("2016-03-04", DATE_DMY), "2016-03-04");
	ck_assert_str_eq(iso("2016-03-04", DATE_MDY), "2016-03-04");
	ck_assert_str_eq(iso("2016/3/4", DATE_DMY), "2016-03-04");
	ck_assert_str_eq(iso("2016-03-04T00:00:00", DATE_DMY), "2016-03-04");
	ck_assert_str_eq(iso("2016-03-04T00:00:00Z", DATE_DMY), "2016-03-04");
	ck_assert_str_eq(iso("2016-03-04 09:30:00+01:00", DATE_DMY),
	    "2016-03-04");
}
END_TEST

START_TEST(month_first)
{
	ck_assert_str_eq(iso("03/04/2016", DATE_MDY), "2016-03-04");
	ck_assert_str_eq(iso("12/25/2016", DATE_MDY), "2016-12-25");
	/* Names are read whatever the order. */
	ck_assert_str_eq(iso("4 Mar 2016", DATE_MDY), "2016-03-04");
	ck_assert_int_eq(date_order_parse("MDY", &(enum date_order){ 0 }), 0);
	ck_assert_int_eq(date_order_parse("ymd", &(enum date_order){ 0 }), -1);
}
END_TEST

START_TEST(impossible)
{
	ck_assert_str_eq(iso("31/02/2025", DATE_DMY), "!dob \"31/02/2025\" "
	    "does not exist: February 2025 has 28 days");
	ck_assert_str_eq(iso("29/02/2024", DATE_DMY), "2024-02-29");
	ck_assert_str_eq(iso("29/02/2100", DATE_DMY), "!dob \"29/02/2100\" "
	    "does not exist: February 2100 has 28 days");
	ck_assert_str_eq(iso("29/02/2000", DATE_DMY), "2000-02-29");
	/* Month first in a day-first file: the hint names the option. */
	ck_assert_str_eq(iso("12/25/2016", DATE_DMY), "!dob \"12/25/2016\" "
	    "does not exist: there is no month 25 (read day first; if the "
	    "export writes the month first, use --date-order mdy)");
	/* No hint when the other order is no date either. */
	ck_assert_str_eq(iso("13/13/2016", DATE_DMY), "!dob \"13/13/2016\" "
	    "does not exist: there is no month 13");
	ck_assert_str_eq(iso("25/12/2016", DATE_MDY), "!dob \"25/12/2016\" "
	    "does not exist: there is no month 25 (read month first; if the "
	    "export writes the day first, use --date-order dmy)");
	ck_assert_str_eq(iso("00/01/2016", DATE_DMY), "!dob \"00/01/2016\" "
	    "does not exist: January 2016 has 31 days");
	ck_assert_str_eq(iso("04/03/1016", DATE_DMY), "!dob \"04/03/1016\": "
	    "year 1016 is out of range 1900..2199");
}
END_TEST

START_TEST(not_dates)
{
	ck_assert_str_eq(iso("42436", DATE_DMY), "!dob \"42436\" is a number, "
	    "not a date (a spreadsheet's date serial? format the column as "
	    "a date, or write 31/01/2025)");
	ck_assert_str_eq(iso("Mar 2016", DATE_DMY), "!dob \"Mar 2016\" has no "
	    "day (write 31/01/2025 or 2025-01-31)");
	ck_assert_str_eq(iso("03/2016", DATE_DMY), "!dob \"03/2016\" has no "
	    "day (write 31/01/2025 or 2025-01-31)");
	ck_assert_str_eq(iso("yesterday", DATE_DMY), "!dob \"yesterday\" is "
	    "not a date (write 31/01/2025 or 2025-01-31)");
	ck_assert_str_eq(iso("4 Maz 2016", DATE_DMY)[0] == '!' ? "!" : "ok",
	    "!");
	ck_assert_str_eq(iso("04/03/2016 garbage", DATE_DMY)[0] == '!' ? "!" :
	    "ok", "!");
	ck_assert_str_eq(iso("04/03/201", DATE_DMY)[0] == '!' ? "!" : "ok",
	    "!");
	ck_assert_str_eq(iso("04//03/2016", DATE_DMY)[0] == '!' ? "!" : "ok",
	    "!");
	ck_assert_str_eq(iso("04/03/2016\0", DATE_DMY), "2016-03-04");
	{
		/* A NUL inside the text is not a separator. */
		char out[DATE_ISO_SIZE], why[512];

		ck_assert_int_eq(date_iso("dob", "04\0" "03/2016", 10, DATE_DMY,
		    out, why, sizeof why), -1);
		ck_assert_int_eq(date_iso("dob", "", 0, DATE_DMY, out, why,
		    sizeof why), -1);
	}
}
END_TEST

static Suite *
date_suite(void)
{
	Suite *s = suite_create("date");
	TCase *tc = tcase_create("date");

	tcase_add_test(tc, uk_forms);
	tcase_add_test(tc, iso_forms);
	tcase_add_test(tc, month_first);
	tcase_add_test(tc, impossible);
	tcase_add_test(tc, not_dates);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(date_suite())
