/*
 * default_scheme.h - the built-in scheme, loaded afresh for each test of
 * a scheme suite (tcase_add_checked_fixture(tc, setup_default,
 * teardown_default)).  fixture.h includes it.
 */
#ifndef TRACK_TEST_DEFAULT_SCHEME_H
#define TRACK_TEST_DEFAULT_SCHEME_H

#include <check.h>

#include "scheme/scheme.h"

static __attribute__((unused)) track_scheme *def;	/* per test */

static __attribute__((unused)) void
setup_default(void)
{
	track_error err;

	error_clear(&err);
	if (scheme_load_default(&def, &err) != 0)
		ck_abort_msg("default scheme: %s:%ld: %s", err.file, err.line,
		    err.text);
}

static __attribute__((unused)) void
teardown_default(void)
{
	scheme_free(def);
	def = NULL;
}

#endif
