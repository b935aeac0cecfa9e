/*
 * check_import_join.c - unit tests for lib/assess/import_join.c: the
 * --join file read when the importer is made, into a row of normalised
 * characteristics per pupil (looked at inside the importer, through
 * import_int.h), and its problems.
 */
#include "import_fixture.h"

/* Names `text`, written to pupils.csv, as the join file. */
static const char *
join_file(const char *text)
{
	const char *path = write_file("pupils.csv", text, strlen(text));

	ck_assert_int_eq(mapping_set_string(&map.join, path, &err), 0);
	return path;
}

/* Pupil `p`'s joined cell in column `name` ("-" when no such pupil). */
static const char *
cell(const char *p, const char *name)
{
	long id = strmap_find(imp->jmap, p, strlen(p));
	size_t j;
	struct jcell *c;

	if (id < 0)
		return "-";
	for (j = 0; j < imp->njcols; j++)
		if (strcmp(imp->jname[j], name) == 0)
			break;
	ck_assert_msg(j < imp->njcols, "no join column %s", name);
	c = &imp->jcell[(size_t)id * imp->njcols + j];
	return fx_str((track_str){ imp->jarena.ptr + c->off, c->len });
}

/* Keyed by pupil; year groups and group codes normalised once. */
START_TEST(keyed_by_pupil)
{
	ck_assert_int_eq(mapping_add_rename(&map, "UPN=pupil", &err), 0);
	join_file("Gender, UPN ,Year,SEND\n"
	    "F,A1,Year 4,K\n"
	    "M, A2 ,5,Support\n");
	ck_assert_int_eq(fx_make(NULL), 0);
	ck_assert_uint_eq(imp->njcols, 4);
	ck_assert_int_eq(imp->jpupil, 1);
	ck_assert_str_eq(imp->jname[0], "gender");
	ck_assert_str_eq(imp->jname[1], "pupil");
	ck_assert_str_eq(cell("A1", "year"), "4");
	ck_assert_str_eq(cell("A1", "gender"), "F");
	ck_assert_str_eq(cell("A2", "send"), "K");
	ck_assert_str_eq(cell("A2", "pupil"), "A2");
	ck_assert_str_eq(cell("A3", "year"), "-");
	ck_assert_uint_eq(nprob, 0);
}
END_TEST

/* Problems name the join file and line; a bad cell is kept as it is. */
START_TEST(problems)
{
	const char *path = join_file("pupil,send,year\n"
	    "A1,S,4\n"
	    ",K,4\n"
	    "A2,Q,Year 9\n"
	    "A1,E,3\n");
	char want[300];

	ck_assert_int_eq(fx_make(NULL), 0);
	ck_assert_uint_eq(nprob, 5);
	snprintf(want, sizeof want, "warning: %s:2: send \"S\" read as \"K\"",
	    path);
	FX_PROB(0, want);
	snprintf(want, sizeof want, "%s:3: no pupil id", path);
	FX_PROB(1, want);
	ck_assert_msg(strstr(prob[2], ":4: unknown send value \"Q\"") != NULL,
	    "%s", prob[2]);
	ck_assert_msg(strstr(prob[3], ":4: unknown year group \"Year 9\"") !=
	    NULL, "%s", prob[3]);
	snprintf(want, sizeof want, "warning: %s:5: pupil A1 appears again; "
	    "this row replaces the earlier one", path);
	FX_PROB(4, want);
	ck_assert_str_eq(cell("A2", "send"), "Q");
	ck_assert_str_eq(cell("A2", "year"), "Year 9");
	/* The later row for A1 won. */
	ck_assert_str_eq(cell("A1", "send"), "E");
	ck_assert_str_eq(cell("A1", "year"), "3");
}
END_TEST

/* A ragged row goes to the problem callback; the rest is still read. */
START_TEST(bad_row)
{
	join_file("pupil,gender\nA1,F,extra\nA2,M\n");
	ck_assert_int_eq(fx_make(NULL), 0);
	ck_assert_uint_eq(nprob, 1);
	ck_assert_msg(strstr(prob[0], "pupils.csv:2: ") != NULL, "%s",
	    prob[0]);
	ck_assert_str_eq(cell("A1", "gender"), "-");
	ck_assert_str_eq(cell("A2", "gender"), "M");
}
END_TEST

START_TEST(no_pupil_column)
{
	const char *path = join_file("ID,Gender\nA1,F\n");

	ck_assert_int_eq(fx_make(NULL), TRACK_EXIT_DATA);
	ck_assert_ptr_null(imp);
	ck_assert_str_eq(err.file, path);
	ck_assert_int_eq(err.line, 1);
	ck_assert_str_eq(err.text, "the join file has no \"pupil\" column; "
	    "use --rename (e.g. --rename UPN=pupil)");
}
END_TEST

/* The join file's shape is its own, not the export's options. */
START_TEST(own_shape)
{
	struct track_reader_opts ro;

	memset(&ro, 0, sizeof ro);
	ro.encoding = "utf-16le";
	ro.delimiter = ';';
	ro.skip_lines = 2;
	ro.allow_duplicate_header = 1;
	join_file("pupil\tclass\nA1\t4B\n");
	ck_assert_int_eq(fx_make(&ro), 0);
	ck_assert_str_eq(cell("A1", "class"), "4B");
}
END_TEST

/* Many pupils: the cells grow past their first room. */
START_TEST(many_pupils)
{
	char *text = malloc(20 * 1000 + 32), id[16];
	size_t len;
	int i;

	ck_assert_ptr_nonnull(text);
	len = (size_t)sprintf(text, "pupil,class\n");
	for (i = 0; i < 1000; i++)
		len += (size_t)sprintf(text + len, "P%d,C%d\n", i, i % 7);
	join_file(text);
	free(text);
	ck_assert_int_eq(fx_make(NULL), 0);
	ck_assert_uint_ge(imp->jcellcap, 1000);
	for (i = 0; i < 1000; i += 333) {
		char want[8];

		snprintf(id, sizeof id, "P%d", i);
		snprintf(want, sizeof want, "C%d", i % 7);
		ck_assert_str_eq(cell(id, "class"), want);
	}
}
END_TEST

/* Joined columns fill the export's blanks or are added after its own. */
START_TEST(columns_added)
{
	join_file("pupil,year,gender\nA1,4,F\n");
	ck_assert_int_eq(fx_start("pupil|subject|point|value|year"), 0);
	ck_assert_str_eq(fx_out_header(),
	    "pupil|year|subject|point|value|gender");
	ck_assert_int_eq(imp->oc[1].kind, K_SRC);
	ck_assert_int_eq(imp->oc[1].join, 1);
	ck_assert_int_eq(imp->oc[5].kind, K_JOIN);
	ck_assert_int_eq(imp->oc[5].join, 2);
	ck_assert_int_eq(imp->oc[0].join, -1);
}
END_TEST

START_TEST(missing_file)
{
	mapping_set_string(&map.join, "/nonexistent/check_import/p.csv",
	    &err);
	ck_assert_int_eq(fx_make(NULL), TRACK_EXIT_IO);
	ck_assert_ptr_null(imp);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("import_join");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, fx_import_setup, fx_import_teardown);
	tcase_add_test(tc, keyed_by_pupil);
	tcase_add_test(tc, problems);
	tcase_add_test(tc, bad_row);
	tcase_add_test(tc, no_pupil_column);
	tcase_add_test(tc, own_shape);
	tcase_add_test(tc, many_pupils);
	tcase_add_test(tc, columns_added);
	tcase_add_test(tc, missing_file);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
