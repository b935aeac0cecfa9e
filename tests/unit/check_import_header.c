/*
 * check_import_header.c - unit tests for lib/assess/import_header.c: an
 * export's header made into the output columns (--rename, --set,
 * --unpivot with --key and --split, duplicates, the join's columns), the
 * errors for a header that cannot be used, and import_missing.  The
 * columns are looked at inside the importer (import_int.h).
 */
#include "import_fixture.h"

static void
add_rename(const char *pair)
{
	ck_assert_int_eq(mapping_add_rename(&map, pair, &err), 0);
}

static void
unpivot(const char *cols, const char *key, const char *sep)
{
	ck_assert_int_eq(mapping_set_list(&map.unpivot, &map.nunpivot, cols,
	    &err), 0);
	ck_assert_int_eq(mapping_set_list(&map.key, &map.nkey, key, &err), 0);
	if (sep != NULL)
		ck_assert_int_eq(mapping_set_string(&map.split, sep, &err), 0);
}

/* The output column called `name`, which must be there. */
static const struct ocol *
col(const char *name)
{
	size_t i;

	for (i = 0; i < imp->noc; i++)
		if (strcmp(imp->oc[i].name, name) == 0)
			return &imp->oc[i];
	ck_abort_msg("no column %s in %s", name, fx_out_header());
	return NULL;
}

/* Nonzero when one_record normalises output column `name` itself. */
static int
checked(const char *name)
{
	size_t j;

	for (j = 0; j < imp->nchk; j++)
		if (strcmp(imp->oc[imp->chk[j]].name, name) == 0)
			return 1;
	return 0;
}

START_TEST(fields_and_names)
{
	char *s;

	ck_assert_int_eq(import_field_of("pupil"), F_PUPIL);
	ck_assert_int_eq(import_field_of("date"), F_DATE);
	ck_assert_int_eq(import_field_of("Pupil"), F_OTHER);
	ck_assert_int_eq(import_field_of("class"), F_OTHER);
	s = import_lower_trim((track_str){ " Teacher Judgement\t", 19 });
	ck_assert_str_eq(s, "teacher judgement");
	free(s);
	add_rename(" upn = Pupil ");
	s = import_out_name(&map, (track_str){ "  UPN ", 6 });
	ck_assert_str_eq(s, "pupil");
	free(s);
	s = import_out_name(&map, (track_str){ " Class ", 7 });
	ck_assert_str_eq(s, "class");
	free(s);
}
END_TEST

/* Canonical columns first in their order, then the rest in the export's. */
START_TEST(rename_and_order)
{
	add_rename("UPN=pupil");
	add_rename("Teacher Judgement=value");
	ck_assert_int_eq(fx_start("Class|Teacher judgement|Point| UPN |"
	    "Subject|send"), 0);
	ck_assert_str_eq(fx_out_header(),
	    "pupil|subject|point|value|class|send");
	ck_assert_int_eq(col("pupil")->kind, K_SRC);
	ck_assert_int_eq(col("pupil")->src, 3);
	ck_assert_int_eq(col("value")->src, 1);
	ck_assert_int_eq(col("class")->src, 0);
	ck_assert_int_eq(imp->col[F_PUPIL], 0);
	ck_assert_int_eq(imp->col[F_VALUE], 3);
	ck_assert_int_eq(imp->col[F_YEAR], -1);
	/* send has the scheme's groups; class is free text. */
	ck_assert_int_eq(col("send")->group, 1);
	ck_assert_int_eq(col("class")->group, 0);
	ck_assert(checked("subject") && checked("point") && checked("send"));
	ck_assert(!checked("pupil") && !checked("value") && !checked("class"));
	ck_assert_uint_eq(nprob, 0);
}
END_TEST

/* A wide marksheet: each matching column's cells become records. */
START_TEST(unpivot_two_keys)
{
	add_rename("UPN=pupil");
	unpivot("Reading *,Maths *", "subject,point", " ");
	ck_assert_int_eq(fx_start("UPN|Name|Reading Autumn|Maths  Spring|"
	    "prev_reading|send"), 0);
	ck_assert_str_eq(fx_out_header(),
	    "pupil|name|subject|point|value|send");
	ck_assert_uint_eq(imp->nuc, 2);
	ck_assert_int_eq(imp->uc[0].src, 2);
	ck_assert_str_eq(imp->uc[0].label, "Reading Autumn");
	ck_assert_str_eq(imp->uc[0].part[0], "reading");
	ck_assert_str_eq(imp->uc[0].part[1], "autumn");
	ck_assert_uint_eq(imp->uc[0].partlen[1], 6);
	ck_assert_int_eq(imp->uc[1].src, 3);
	ck_assert_str_eq(imp->uc[1].part[0], "maths");
	ck_assert_str_eq(imp->uc[1].part[1], "spring");
	ck_assert_int_eq(col("subject")->kind, K_KEY);
	ck_assert_uint_eq(col("subject")->key, 0);
	ck_assert_int_eq(col("point")->kind, K_KEY);
	ck_assert_uint_eq(col("point")->key, 1);
	ck_assert_int_eq(col("value")->kind, K_VALUE);
	/* Keys were normalised here, so one_record does not again. */
	ck_assert(!checked("subject") && !checked("point"));
}
END_TEST

/* "_" skips a part; a key that is no canonical field goes after them. */
START_TEST(unpivot_skip_and_other_key)
{
	unpivot("T*", "_,subject,strand", "-");
	ck_assert_int_eq(fx_start("pupil|point|T-Maths-Number|T-Maths-Shape"),
	    0);
	ck_assert_str_eq(fx_out_header(),
	    "pupil|subject|point|value|strand");
	/* A skipped part is kept as it is, and no column takes it. */
	ck_assert_str_eq(imp->uc[0].part[0], "T");
	ck_assert_str_eq(imp->uc[0].part[1], "maths");
	ck_assert_str_eq(imp->uc[0].part[2], "Number");
	ck_assert_str_eq(imp->uc[1].part[2], "Shape");
}
END_TEST

/* --set replaces a column of the name, or adds one in its place. */
START_TEST(set_columns)
{
	ck_assert_int_eq(mapping_add_set(&map, "Measure=ta", &err), 0);
	ck_assert_int_eq(mapping_add_set(&map, "point=autumn", &err), 0);
	ck_assert_int_eq(mapping_add_set(&map, "source=sheet", &err), 0);
	ck_assert_int_eq(fx_start("pupil|subject|point|value"), 0);
	ck_assert_str_eq(fx_out_header(),
	    "pupil|subject|point|measure|value|source");
	ck_assert_int_eq(col("point")->kind, K_SET);
	ck_assert_str_eq(col("point")->constant, "autumn");
	ck_assert_uint_eq(col("point")->constlen, 6);
	ck_assert_int_eq(col("measure")->kind, K_SET);
	ck_assert_int_eq(imp->col[F_MEASURE], 3);
}
END_TEST

START_TEST(duplicates)
{
	ck_assert_int_eq(fx_start("pupil|Class|class|CLASS "), 0);
	ck_assert_str_eq(fx_out_header(), "pupil|class|class_2|class_3");
	ck_assert_uint_eq(nprob, 2);
	FX_PROB(0, "warning: export.csv:1: duplicate column \"class\" "
	    "renamed \"class_2\"");
	FX_PROB(1, "warning: export.csv:1: duplicate column \"class\" "
	    "renamed \"class_3\"");
	ck_assert_int_eq(col("class_3")->src, 3);
}
END_TEST

/* A header that cannot be used: the column, the fix, at file:1. */
START_TEST(bad_headers)
{
	unpivot("Reading *", "subject,point", " ");
	ck_assert_int_eq(fx_start("pupil|Reading Autumn Extra"),
	    TRACK_EXIT_DATA);
	ck_assert_str_eq(err.file, "export.csv");
	ck_assert_int_eq(err.line, 1);
	ck_assert_str_eq(err.text, "no column could be imported by --unpivot "
	    "\"Reading *\"");
	/* The column itself was a warning, naming why. */
	FX_PROB(0, "warning: export.csv:1: column \"Reading Autumn Extra\" "
	    "does not split into the 2 fields of --key (subject, ...); not "
	    "imported (the other columns are)");
}
END_TEST

START_TEST(bad_key_part)
{
	unpivot("Reading *", "subject,point", " ");
	ck_assert_int_eq(fx_start("pupil|Reading Autum|Reading Spring"), 0);
	ck_assert_msg(strncmp(prob[0], "warning: export.csv:1: column "
	    "\"Reading Autum\": unknown point \"Autum\"", 62) == 0, "%s",
	    prob[0]);
	ck_assert_uint_eq(imp->nuc, 1);
}
END_TEST

START_TEST(key_clashes)
{
	unpivot("Read*", "subject", NULL);
	ck_assert_int_eq(fx_start("pupil|subject|Reading"), TRACK_EXIT_DATA);
	ck_assert_str_eq(err.text, "--key subject: the export already has a "
	    "\"subject\" column");
}
END_TEST

START_TEST(no_unpivot_match)
{
	unpivot("Reading *,Maths *", "subject", NULL);
	ck_assert_int_eq(fx_start("pupil|Writing"), TRACK_EXIT_DATA);
	ck_assert_str_eq(err.text, "no column matches --unpivot \"Reading *\" "
	    "or the other patterns");
}
END_TEST

START_TEST(needs_split)
{
	unpivot("Reading *", "subject,point", NULL);
	ck_assert_int_eq(fx_start("pupil|Reading Autumn"), TRACK_EXIT_USAGE);
	ck_assert_ptr_null(err.file);
	ck_assert_str_eq(err.text, "--key names 2 fields; say how column "
	    "names split with --split SEP");
}
END_TEST

/* The first column records need that the output lacks, and a hint. */
START_TEST(missing)
{
	track_str in[3] = { { "Adno", 4 }, { "subject", 7 }, { "x", 1 } };
	track_str full[4] = { { "pupil", 5 }, { "subject", 7 },
	    { "point", 5 }, { "value", 5 } };
	long like = 7;

	ck_assert_ptr_null(import_missing(full, 4, in, 3, &like));
	ck_assert_int_eq(like, -1);
	ck_assert_str_eq(import_missing(full + 1, 3, in, 3, &like), "pupil");
	ck_assert_int_eq(like, 0);
	ck_assert_str_eq(import_missing(full + 1, 3, in + 1, 2, &like),
	    "pupil");
	ck_assert_int_eq(like, -1);
	ck_assert_str_eq(import_missing(full, 3, in, 3, &like), "value");
	ck_assert_int_eq(like, -1);
	/* A pupil file (pupil and nothing assessed) lacks nothing. */
	ck_assert_ptr_null(import_missing(full, 1, in, 3, &like));
	ck_assert_str_eq(import_missing(full, 2, in, 3, &like), "point");
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("import_header");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, fx_import_setup, fx_import_teardown);
	tcase_add_test(tc, fields_and_names);
	tcase_add_test(tc, rename_and_order);
	tcase_add_test(tc, unpivot_two_keys);
	tcase_add_test(tc, unpivot_skip_and_other_key);
	tcase_add_test(tc, set_columns);
	tcase_add_test(tc, duplicates);
	tcase_add_test(tc, bad_headers);
	tcase_add_test(tc, bad_key_part);
	tcase_add_test(tc, key_clashes);
	tcase_add_test(tc, no_unpivot_match);
	tcase_add_test(tc, needs_split);
	tcase_add_test(tc, missing);
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
