/*
 * check_summary_read.c - unit tests for lib/report/summary_read.c, keys
 * and groups: one entry per identity with the latest record winning, a
 * --by column the input lacks refused at bind, group values trimmed and
 * interned, and the roll leaving out pupils not on it.
 */
#include "summary_fixture.h"

/* A later record of the same identity replaces the entry. */
START_TEST(latest_wins)
{
	static const char *const rows[] = {
		"p1,reading,2025-26.summer,WTS",
		"p1,reading,2025-26.summer,GDS",
		"p2,reading,2025-26.summer,EXS",
		NULL
	};
	struct summary_opts o = fx_opts();
	track_summary *m = fx_run(&o, "pupil,subject,point,value", rows);
	size_t i;
	int seen = 0;

	ck_assert_uint_eq(m->nent, 2);
	for (i = 0; i < m->nent; i++)
		if (m->ent[i].pupil == m->ent[0].pupil) {
			/* GDS: the band above the standard */
			ck_assert_int_eq(m->ent[i].bucket,
			    (int)m->standard + 1);
			seen++;
		}
	ck_assert_int_eq(seen, 1);
	summary_free(m);
}
END_TEST

/*
 * The latest point wins, whatever the order: a record at a point found
 * not better than the latest before a later point came is still passed
 * over after it, and so is one at a point already found not better
 * (summary_read.c remembers those); the best point seen is counted.
 */
START_TEST(latest_point_any_order)
{
	static const char *const rows[] = {
		"p1,reading,2024-25.autumn,WTS",
		"p2,reading,2024-25.spring,EXS",	/* better: autumn dropped */
		"p3,reading,2024-25.autumn,WTS",	/* not better: passed */
		"p4,reading,2024-25.summer,GDS",	/* better again */
		"p5,reading,2024-25.autumn,EXS",
		"p6,reading,2024-25.spring,EXS",	/* worse than summer */
		"p7,reading,2024-25.summer,WTS",
		"p8,reading,2024-25.autumn,EXS",	/* known not better */
		"p9,reading,2024-25.spring,GDS",	/* known not better */
		NULL
	};
	struct summary_opts o = fx_opts();
	track_summary *m = fx_run(&o, "pupil,subject,point,value", rows);

	ck_assert_str_eq(assess_point_text(m->a, m->point), "2024-25.summer");
	ck_assert_uint_eq(m->nent, 2);	/* p4 and p7 */
	ck_assert_int_eq(m->ent[0].bucket, (int)m->standard + 1);
	ck_assert_int_eq(m->ent[1].bucket, (int)m->standard - 1);
	summary_free(m);
}
END_TEST

/*
 * Each record's --by values are its own, whether the record before had
 * the same text (remembered), other text with the same value, or other.
 */
START_TEST(by_value_record_by_record)
{
	static const char *const rows[] = {
		"p1,reading,2025-26.summer,EXS,Y",
		"p1,writing,2025-26.summer,EXS,Y",
		"p2,reading,2025-26.summer,EXS, Y ",
		"p3,reading,2025-26.summer,EXS,N",
		"p4,reading,2025-26.summer,EXS,",
		"p5,reading,2025-26.summer,EXS,Y",
		NULL
	};
	static const char *const want[] = { "Y", "Y", "Y", "N", "", "Y" };
	struct summary_opts o = fx_opts();
	track_summary *m;
	size_t i, len;

	o.by = "pp";
	m = fx_run(&o, "pupil,subject,point,value,pp", rows);
	ck_assert_uint_eq(m->nent, 6);
	for (i = 0; i < m->nent; i++) {
		const char *v = strmap_key(m->by[0].vals, m->eg[i], &len);

		ck_assert_msg(len == strlen(want[i]) &&
		    memcmp(v, want[i], len) == 0, "record %zu: \"%.*s\"",
		    i + 1, (int)len, v);
	}
	summary_free(m);
}
END_TEST

/* The bucket of one record read on its own, with options o. */
static int
bucket_alone(const struct summary_opts *o, const char *pupil,
    const char *subject, const char *measure, const char *value)
{
	char line[80];
	const char *rows[2] = { line, NULL };
	track_summary *m;
	int b;

	snprintf(line, sizeof line, "%s,%s,%s,2025-26.summer,%s", pupil,
	    subject, measure, value);
	m = fx_run(o, "pupil,subject,measure,point,value", rows);
	ck_assert_uint_eq(m->nent, 1);
	b = m->ent[0].bucket;
	summary_free(m);
	return b;
}

/*
 * Each identity has one entry, the latest record's, however the pupils'
 * records are interleaved: an identity met again after other pupils, a
 * pupil's other subject and other measure, in each mode, and after a
 * better point has come.  With --over each point is its own identity.
 */
START_TEST(entries_interleaved)
{
	static const char *const rows[] = {
		"p1,reading,ta,2025-26.spring,EXS",	/* summer beats it */
		"p1,reading,ta,2025-26.summer,WTS",
		"p2,reading,ta,2025-26.summer,EXS",
		"p1,writing,ta,2025-26.summer,EXS",
		"p1,maths,nfer,2025-26.summer,104",
		"p2,reading,ta,2025-26.summer,GDS",	/* p2 again */
		"p3,reading,ta,2025-26.summer,EXS",
		"p1,reading,ta,2025-26.summer,GDS",	/* p1 after p2, p3 */
		"p1,maths,ta,2025-26.summer,WTS",	/* another measure */
		"p3,reading,ta,2025-26.spring,WTS",	/* another point */
		NULL
	};
	/* The entries, in order, each with the value that wins. */
	static const struct {
		const char *pupil, *subject, *measure, *value;
	} want[] = {
		{ "p1", "reading", "ta", "GDS" },
		{ "p2", "reading", "ta", "GDS" },
		{ "p1", "writing", "ta", "EXS" },
		{ "p1", "maths", "nfer", "104" },
		{ "p3", "reading", "ta", "EXS" },
		{ "p1", "maths", "ta", "WTS" },
	};
	const size_t nwant = sizeof want / sizeof want[0];
	int mode;

	for (mode = 0; mode < 3; mode++) {
		struct summary_opts o = fx_opts();
		track_summary *m;
		size_t i, k, len;

		if (mode == 1)
			o.point = "2025-26.summer";
		if (mode == 2)
			o.over = 1;
		m = fx_run(&o, "pupil,subject,measure,point,value", rows);
		/* --over keeps the two spring entries, the first first */
		ck_assert_uint_eq(m->nent, nwant + (mode == 2 ? 2 : 0));
		for (i = 0; i < nwant; i++) {
			const struct ent *x = &m->ent[i + (mode == 2)];
			const char *p = strmap_key(m->pn.ids, x->pupil, &len);

			ck_assert_msg(len == 2 && memcmp(p, want[i].pupil, 2)
			    == 0, "mode %d entry %zu: %.*s", mode, i,
			    (int)len, p);
			ck_assert_int_eq(x->subject, scheme_subject_index(def,
			    want[i].subject, strlen(want[i].subject)));
			ck_assert_int_eq(x->measure, scheme_measure_index(def,
			    want[i].measure, strlen(want[i].measure)));
			ck_assert_int_eq(x->bucket, bucket_alone(&o,
			    want[i].pupil, want[i].subject, want[i].measure,
			    want[i].value));
		}
		for (i = 0; i < m->nent; i++)
			for (k = 0; k < i; k++)
				ck_assert_msg(!(m->ent[i].pupil ==
				    m->ent[k].pupil && m->ent[i].subject ==
				    m->ent[k].subject && m->ent[i].measure ==
				    m->ent[k].measure && m->ent[i].point ==
				    m->ent[k].point), "mode %d: entries %zu "
				    "and %zu are one identity", mode, k, i);
		summary_free(m);
	}
}
END_TEST

/* A --by column the input lacks is a usage error at bind. */
START_TEST(by_column_missing)
{
	struct summary_opts o = fx_opts();
	track_summary *m = NULL;
	track_error err;
	track_str h[] = { { "pupil", 5 }, { "subject", 7 }, { "point", 5 },
	    { "value", 5 } };

	o.by = "pp";
	error_clear(&err);
	ck_assert_int_eq(summary_new(&m, def, &o, &err), 0);
	ck_assert_int_eq(summary_bind(m, h, 4, &err), TRACK_EXIT_USAGE);
	ck_assert_str_eq(err.text, "--by: no column \"pp\" in the input");
	summary_free(m);
}
END_TEST

/* Group values are trimmed: " Y " and "Y" are one value, "" is id 0. */
START_TEST(by_value_trims)
{
	struct summary_opts o = fx_opts();
	track_summary *m;
	long a, b, blank;

	o.by = "pp";
	m = fx_run(&o, "pupil,subject,point,value,pp", NULL);
	ck_assert_uint_eq(m->nby, 1);
	a = sum_by_value(m, &m->by[0], (track_str){ " Y ", 3 });
	b = sum_by_value(m, &m->by[0], (track_str){ "Y", 1 });
	blank = sum_by_value(m, &m->by[0], (track_str){ "  ", 2 });
	ck_assert_int_ge(a, 1);
	ck_assert_int_eq(a, b);
	ck_assert_int_eq(blank, 0);
	summary_free(m);
}
END_TEST

/* With a roll, records of pupils not on it are counted and left out. */
START_TEST(off_roll)
{
	static const char *const rows[] = {
		"p1,reading,2025-26.summer,EXS",
		"p9,reading,2025-26.summer,EXS",
		NULL
	};
	struct summary_opts o = fx_opts();
	track_summary *m = NULL;
	track_error err;
	track_str rh[] = { { "pupil", 5 } }, rr[] = { { "p1", 2 } };
	track_str blank[] = { { "", 0 } };
	char store[512];
	track_str f[FX_MAXF];
	size_t i, n;

	error_clear(&err);
	ck_assert_int_eq(summary_new(&m, def, &o, &err), 0);
	ck_assert_int_eq(summary_roll_bind(m, rh, 1, &err), 0);
	ck_assert_int_eq(summary_roll_row(m, rr, &err), 0);
	ck_assert_int_eq(summary_roll_row(m, blank, &err), TRACK_EXIT_DATA);
	n = fx_split("pupil,subject,point,value", store, sizeof store, f);
	ck_assert_int_eq(summary_bind(m, f, n, &err), 0);
	for (i = 0; rows[i] != NULL; i++) {
		fx_split(rows[i], store, sizeof store, f);
		ck_assert_int_eq(summary_row(m, f, &err), 0);
	}
	ck_assert_uint_eq(summary_off_roll(m), 1);
	ck_assert_uint_eq(m->nent, 1);
	summary_free(m);
}
END_TEST

static Suite *
read_suite(void)
{
	Suite *s = suite_create("summary_read");
	TCase *tc = tcase_create("read");

	tcase_add_checked_fixture(tc, setup_default, teardown_default);
	tcase_add_test(tc, latest_wins);
	tcase_add_test(tc, entries_interleaved);
	tcase_add_test(tc, latest_point_any_order);
	tcase_add_test(tc, by_value_record_by_record);
	tcase_add_test(tc, by_column_missing);
	tcase_add_test(tc, by_value_trims);
	tcase_add_test(tc, off_roll);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(read_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
