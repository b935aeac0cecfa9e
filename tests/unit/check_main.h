/*
 * check_main.h - the main() every Check suite program has: run the suite,
 * exit 0 when nothing failed.  A program says CHECK_MAIN(its_suite()).
 */
#ifndef TRACK_TEST_CHECK_MAIN_H
#define TRACK_TEST_CHECK_MAIN_H

#include <check.h>
#include <stdlib.h>

/* Runs suite `s` and returns the program's exit status. */
static inline int
check_run(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

#define CHECK_MAIN(suite) \
	int main(void) { return check_run(suite); }

#endif
