/*
 * template_fixture.h - what the template suites share (check_template.c,
 * check_template_xlsx.c): a grid being filled on the built-in scheme,
 * its rows kept for the test's length: start() makes the template,
 * bind() gives it a header, add() a row (comma-separated, no quoting),
 * add_marks() the records of the template-prev-hints golden case.
 * Header-only: each test program is one translation unit.
 */
#ifndef TRACK_TEST_TEMPLATE_FIXTURE_H
#define TRACK_TEST_TEMPLATE_FIXTURE_H

#include "assess/template.h"
#include "fixture.h"

#define MAXROWS 16

/* A template being filled, the rows kept for the test's length. */
struct grid {
	char hstore[256];
	track_str h[FX_MAXF];
	size_t nh;
	char store[MAXROWS][256];
	track_str row[MAXROWS][FX_MAXF];
	size_t nrows;
	track_assess *a;
	track_template *t;
};

static FX_UNUSED void
start(struct grid *g, const char *point, const char *subjects,
    const char *klass)
{
	track_error err;

	memset(g, 0, sizeof *g);
	error_clear(&err);
	ck_assert_msg(assess_template_new(&g->t, def, point, subjects, klass,
	    &err) == 0, "%s", err.text);
}

static FX_UNUSED void
bind(struct grid *g, const char *header)
{
	track_error err;

	g->nh = fx_split(header, g->hstore, sizeof g->hstore, g->h);
	ck_assert_int_eq(assess_new(&g->a, def, g->h, g->nh, 0, &err), 0);
	ck_assert_int_eq(assess_template_bind(g->t, g->a, g->h, g->nh, &err),
	    0);
}

static FX_UNUSED void
add(struct grid *g, const char *line)
{
	struct track_obs o;
	track_error err;
	track_str *row;

	ck_assert(g->nrows < MAXROWS);
	row = g->row[g->nrows];
	ck_assert_uint_eq(fx_split(line, g->store[g->nrows],
	    sizeof g->store[g->nrows], row), g->nh);
	g->nrows++;
	ck_assert_msg(assess_row(g->a, row, &o, &err) == 0, "%s", err.text);
	ck_assert_int_eq(assess_template_add(g->t, &o, row, &err), 0);
}

/* The records of tests/cli/track-assess/template-prev-hints. */
static FX_UNUSED void
add_marks(struct grid *g)
{
	bind(g, "pupil,name,year,class,subject,point,measure,value,against");
	add(g, "P01,Amy Ash,4,4A,reading,2025-26.autumn,ta,EXS,");
	add(g, "P01,Amy Ash,4,4A,writing,2025-26.autumn,ta,WTS,");
	add(g, "P01,Amy Ash,4,4A,maths,2025-26.autumn,ta,GDS,");
	add(g, "P01,Amy Ash,4,4A,reading,2025-26.autumn,nfer,101,");
	add(g, "P02,Ben Bell,4,4B,reading,2025-26.autumn,ta,EXS,3");
	add(g, "P02,Ben Bell,4,4B,maths,2025-26.spring,ta,WTS,");
	add(g, "P03,=SUM(A1),4,4A,reading,2024-25.summer,ta,GDS,");
	add(g, "P03,=SUM(A1),4,4A,reading,2025-26.autumn,ta,EXS,");
	add(g, "P03,=SUM(A1),4,4A,reading,2025-26.summer,ta,WTS,");
}

#endif
