/*
 * check_mapping.c - unit tests for lib/assess/mapping.c: the import recipe, from
 * options (--rename, --set, lists) and from a JSON mapping file.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "base/str.h"
#include "assess/mapping.h"

/* Loads `json` into a fresh mapping `m`; returns the status. */
static int
load(struct mapping *m, const char *json, const char *name, track_error *err)
{
	mapping_init(m);
	error_clear(err);
	return mapping_load_buffer(m, json, strlen(json), name, err);
}

/* Asserts that mapping J fails with TRACK_EXIT_DATA, T in the message. */
#define BAD(J, T) do { \
	struct mapping m_; \
	track_error e_; \
	int rc_ = load(&m_, (J), "map.json", &e_); \
	ck_assert_msg(rc_ == TRACK_EXIT_DATA, "%s: rc %d, want %d", (J), \
	    rc_, TRACK_EXIT_DATA); \
	ck_assert_int_eq(e_.kind, TRACK_EXIT_DATA); \
	ck_assert_msg(strstr(e_.text, (T)) != NULL, \
	    "%s: \"%s\" does not contain \"%s\"", (J), e_.text, (T)); \
	mapping_free(&m_); \
} while (0)

START_TEST(init_not_set)
{
	struct mapping m;

	memset(&m, 0x5a, sizeof m);
	mapping_init(&m);
	ck_assert_ptr_null(m.encoding);
	ck_assert_int_eq(m.delimiter, 0);
	ck_assert_int_eq(m.skip_lines, -1);
	ck_assert_ptr_null(m.academic_year);
	ck_assert_uint_eq(m.nrename, 0);
	ck_assert_uint_eq(m.nset, 0);
	ck_assert_uint_eq(m.nunpivot, 0);
	ck_assert_uint_eq(m.nkey, 0);
	ck_assert_ptr_null(m.split);
	ck_assert_ptr_null(m.join);
	mapping_free(&m);
}
END_TEST

START_TEST(every_key)
{
	static const char json[] =
	    "{\n"
	    "  \"encoding\": \"windows-1252\",\n"
	    "  \"delimiter\": \";\",\n"
	    "  \"skip_lines\": 2,\n"
	    "  \"academic_year\": \"2025-26\",\n"
	    "  \"rename\": { \"UPN\": \"pupil\", \"Name\": \"name\" },\n"
	    "  \"set\": { \"measure\": \"ta\", \"point\": \"autumn\" },\n"
	    "  \"unpivot\": { \"columns\": [\"Reading *\", \"Maths *\"],\n"
	    "               \"key\": [\"subject\", \"point\"],"
	    " \"split\": \" \" },\n"
	    "  \"join\": \"pupils.csv\"\n"
	    "}\n";
	struct mapping m;
	track_error err;

	ck_assert_int_eq(load(&m, json, "map.json", &err), 0);
	ck_assert_str_eq(m.encoding, "windows-1252");
	ck_assert_int_eq(m.delimiter, ';');
	ck_assert_int_eq(m.skip_lines, 2);
	ck_assert_str_eq(m.academic_year, "2025-26");
	ck_assert_uint_eq(m.nrename, 2);
	ck_assert_str_eq(m.rename[0].from, "UPN");
	ck_assert_str_eq(m.rename[0].to, "pupil");
	ck_assert_str_eq(m.rename[1].from, "Name");
	ck_assert_str_eq(m.rename[1].to, "name");
	ck_assert_uint_eq(m.nset, 2);
	ck_assert_str_eq(m.set[0].from, "measure");
	ck_assert_str_eq(m.set[0].to, "ta");
	ck_assert_str_eq(m.set[1].from, "point");
	ck_assert_str_eq(m.set[1].to, "autumn");
	ck_assert_uint_eq(m.nunpivot, 2);
	ck_assert_str_eq(m.unpivot[0], "Reading *");
	ck_assert_str_eq(m.unpivot[1], "Maths *");
	ck_assert_uint_eq(m.nkey, 2);
	ck_assert_str_eq(m.key[0], "subject");
	ck_assert_str_eq(m.key[1], "point");
	ck_assert_str_eq(m.split, " ");
	/* No folder in the mapping's name: join stays as written. */
	ck_assert_str_eq(m.join, "pupils.csv");
	mapping_free(&m);
}
END_TEST

START_TEST(empty_object)
{
	struct mapping m;
	track_error err;

	ck_assert_int_eq(load(&m, "{}", "map.json", &err), 0);
	ck_assert_ptr_null(m.encoding);
	ck_assert_int_eq(m.delimiter, 0);
	ck_assert_int_eq(m.skip_lines, -1);
	ck_assert_uint_eq(m.nrename + m.nset + m.nunpivot + m.nkey, 0);
	ck_assert_ptr_null(m.join);
	mapping_free(&m);
}
END_TEST

START_TEST(delimiter_tab)
{
	struct mapping m;
	track_error err;

	ck_assert_int_eq(load(&m, "{\"delimiter\": \"tab\"}", "m", &err), 0);
	ck_assert_int_eq(m.delimiter, '\t');
	mapping_free(&m);
	ck_assert_int_eq(load(&m, "{\"delimiter\": \"\\t\"}", "m", &err), 0);
	ck_assert_int_eq(m.delimiter, '\t');
	mapping_free(&m);
	ck_assert_int_eq(load(&m, "{\"delimiter\": \",\"}", "m", &err), 0);
	ck_assert_int_eq(m.delimiter, ',');
	mapping_free(&m);
	ck_assert_int_eq(load(&m, "{\"skip_lines\": 0}", "m", &err), 0);
	ck_assert_int_eq(m.skip_lines, 0);
	mapping_free(&m);
}
END_TEST

START_TEST(unpivot_columns_string)
{
	static const char json[] = "{\"unpivot\": {\"columns\": "
	    "\"Reading,Writing,Maths\", \"key\": \"subject\"}}";
	struct mapping m;
	track_error err;

	ck_assert_int_eq(load(&m, json, "map.json", &err), 0);
	ck_assert_uint_eq(m.nunpivot, 3);
	ck_assert_str_eq(m.unpivot[0], "Reading");
	ck_assert_str_eq(m.unpivot[1], "Writing");
	ck_assert_str_eq(m.unpivot[2], "Maths");
	ck_assert_uint_eq(m.nkey, 1);
	ck_assert_str_eq(m.key[0], "subject");
	ck_assert_ptr_null(m.split);
	mapping_free(&m);

	ck_assert_int_eq(load(&m, "{\"unpivot\": {\"columns\": \"TA$*\", "
	    "\"key\": \"measure,point,_,subject\", \"split\": \"$\"}}",
	    "map.json", &err), 0);
	ck_assert_uint_eq(m.nunpivot, 1);
	ck_assert_str_eq(m.unpivot[0], "TA$*");
	ck_assert_uint_eq(m.nkey, 4);
	ck_assert_str_eq(m.key[0], "measure");
	ck_assert_str_eq(m.key[1], "point");
	ck_assert_str_eq(m.key[2], "_");
	ck_assert_str_eq(m.key[3], "subject");
	ck_assert_str_eq(m.split, "$");
	mapping_free(&m);
}
END_TEST

START_TEST(join_relative)
{
	struct mapping m;
	track_error err;

	ck_assert_int_eq(load(&m, "{\"join\": \"pupils.csv\"}",
	    "school/maps/autumn.json", &err), 0);
	ck_assert_str_eq(m.join, "school/maps/pupils.csv");
	mapping_free(&m);
	ck_assert_int_eq(load(&m, "{\"join\": \"../pupils.csv\"}",
	    "/srv/maps/autumn.json", &err), 0);
	ck_assert_str_eq(m.join, "/srv/maps/../pupils.csv");
	mapping_free(&m);
	ck_assert_int_eq(load(&m, "{\"join\": \"/data/pupils.csv\"}",
	    "school/maps/autumn.json", &err), 0);
	ck_assert_str_eq(m.join, "/data/pupils.csv");
	mapping_free(&m);
	ck_assert_int_eq(load(&m, "{\"join\": \"pupils.csv\"}", "map.json",
	    &err), 0);
	ck_assert_str_eq(m.join, "pupils.csv");
	mapping_free(&m);
}
END_TEST

START_TEST(unknown_top_key)
{
	struct mapping m;
	track_error err;

	ck_assert_int_eq(load(&m, "{\"renames\": {}}", "map.json", &err),
	    TRACK_EXIT_DATA);
	ck_assert_int_eq(err.kind, TRACK_EXIT_DATA);
	ck_assert_str_eq(err.file, "map.json");
	ck_assert_str_eq(err.text,
	    "$: unknown key \"renames\" (did you mean rename?)");
	mapping_free(&m);
	/* Nothing near: no suggestion. */
	ck_assert_int_eq(load(&m, "{\"colour\": 1}", "map.json", &err),
	    TRACK_EXIT_DATA);
	ck_assert_str_eq(err.text, "$: unknown key \"colour\"");
	mapping_free(&m);
	BAD("{\"skiplines\": 1}", "did you mean skip_lines?");
	BAD("{\"Join\": \"a.csv\"}", "$: unknown key \"Join\"");
}
END_TEST

START_TEST(unknown_unpivot_key)
{
	BAD("{\"unpivot\": {\"columns\": [\"a\"], \"key\": [\"subject\"], "
	    "\"splt\": \" \"}}",
	    "$.unpivot: unknown key \"splt\" (did you mean split?)");
	BAD("{\"unpivot\": {\"column\": [\"a\"], \"key\": [\"subject\"]}}",
	    "$.unpivot: unknown key \"column\" (did you mean columns?)");
}
END_TEST

START_TEST(wrong_types)
{
	BAD("{\"rename\": {\"UPN\": 5}}", "$.rename.UPN: must be a string");
	BAD("{\"set\": {\"point\": null}}", "$.set.point: must be a string");
	BAD("{\"rename\": [\"UPN\"]}", "$.rename: must be an object");
	BAD("{\"skip_lines\": -1}", "$.skip_lines: must be a whole number");
	BAD("{\"skip_lines\": 1.5}", "$.skip_lines");
	BAD("{\"skip_lines\": \"2\"}", "$.skip_lines");
	BAD("{\"delimiter\": \";;\"}", "$.delimiter: must be one character");
	BAD("{\"delimiter\": \"\"}", "$.delimiter");
	BAD("{\"delimiter\": 9}", "$.delimiter");
	BAD("{\"encoding\": 1}", "$.encoding: must be a string");
	BAD("{\"academic_year\": 2025}", "$.academic_year: must be a string");
	BAD("{\"join\": true}", "$.join: must be a string");
	BAD("{\"unpivot\": []}", "$.unpivot: must be an object");
	BAD("{\"unpivot\": {\"columns\": [], \"key\": \"subject\"}}",
	    "$.unpivot.columns: must be a non-empty array");
	BAD("{\"unpivot\": {\"columns\": [\"a\", 2], \"key\": \"subject\"}}",
	    "$.unpivot.columns[1]: must be a string");
	BAD("{\"unpivot\": {\"columns\": \"a\", \"key\": 3}}",
	    "$.unpivot.key: must be a non-empty array");
	BAD("{\"unpivot\": {\"columns\": \"a\", \"key\": \"subject\", "
	    "\"split\": 1}}", "$.unpivot.split: must be a string");
	BAD("[1, 2]", "$: a mapping is a JSON object");
}
END_TEST

/*
 * A long key in an error's path is cut to 80 bytes and ends in "...", so
 * the message says what is wrong (it used to be cut at 255 bytes, the
 * "must be a string" with it); a long pair itself is kept whole.
 */
START_TEST(long_key)
{
	char key[301], json[700], want[200];
	struct mapping m;
	track_error err;

	memset(key, 'K', 300);
	key[300] = '\0';
	snprintf(json, sizeof json, "{\"rename\": {\"%s\": 5}}", key);
	snprintf(want, sizeof want, "$.rename.%.80s...: must be a string",
	    key);
	BAD(json, want);
	snprintf(json, sizeof json, "{\"rename\": {\"%s\": \"pupil\"}}", key);
	ck_assert_int_eq(load(&m, json, "map.json", &err), 0);
	ck_assert_uint_eq(m.nrename, 1);
	ck_assert_str_eq(m.rename[0].from, key);
	mapping_free(&m);
}
END_TEST

START_TEST(unpivot_needs_key)
{
	BAD("{\"unpivot\": {\"columns\": [\"Reading *\"]}}",
	    "$.unpivot: needs both \"columns\" and \"key\"");
	BAD("{\"unpivot\": {\"key\": [\"subject\"]}}",
	    "$.unpivot: needs both \"columns\" and \"key\"");
}
END_TEST

START_TEST(invalid_json)
{
	struct mapping m;
	track_error err;

	ck_assert_int_eq(load(&m, "{\"rename\": {\n  \"a\": 1,\n}", "map.json",
	    &err), TRACK_EXIT_DATA);
	ck_assert_int_eq(err.kind, TRACK_EXIT_DATA);
	ck_assert_str_eq(err.file, "map.json");
	ck_assert_int_eq(err.line, 3);
	ck_assert_msg(strncmp(err.text, "not a valid JSON mapping: ", 26) == 0,
	    "%s", err.text);
	mapping_free(&m);
	ck_assert_int_eq(load(&m, "not json", "map.json", &err),
	    TRACK_EXIT_DATA);
	ck_assert_int_eq(err.line, 1);
	mapping_free(&m);
}
END_TEST

START_TEST(add_rename_and_set)
{
	struct mapping m;
	track_error err;

	mapping_init(&m);
	ck_assert_int_eq(mapping_add_rename(&m, "UPN=pupil", &err), 0);
	ck_assert_int_eq(mapping_add_rename(&m, "Name=name", &err), 0);
	/* Only the first '=' splits. */
	ck_assert_int_eq(mapping_add_set(&m, "note=a=b", &err), 0);
	/* An empty value is allowed. */
	ck_assert_int_eq(mapping_add_set(&m, "measure=", &err), 0);
	ck_assert_uint_eq(m.nrename, 2);
	ck_assert_str_eq(m.rename[0].from, "UPN");
	ck_assert_str_eq(m.rename[0].to, "pupil");
	ck_assert_str_eq(m.rename[1].from, "Name");
	ck_assert_str_eq(m.rename[1].to, "name");
	ck_assert_uint_eq(m.nset, 2);
	ck_assert_str_eq(m.set[0].from, "note");
	ck_assert_str_eq(m.set[0].to, "a=b");
	ck_assert_str_eq(m.set[1].from, "measure");
	ck_assert_str_eq(m.set[1].to, "");
	mapping_free(&m);
}
END_TEST

START_TEST(add_bad_pairs)
{
	struct mapping m;
	track_error err;

	mapping_init(&m);
	error_clear(&err);
	ck_assert_int_eq(mapping_add_rename(&m, "=pupil", &err),
	    TRACK_EXIT_USAGE);
	ck_assert_int_eq(err.kind, TRACK_EXIT_USAGE);
	ck_assert_str_eq(err.text, "bad --rename \"=pupil\" (use NAME=VALUE)");
	ck_assert_int_eq(mapping_add_rename(&m, "UPN", &err),
	    TRACK_EXIT_USAGE);
	ck_assert_int_eq(mapping_add_set(&m, "measure", &err),
	    TRACK_EXIT_USAGE);
	ck_assert_str_eq(err.text, "bad --set \"measure\" (use NAME=VALUE)");
	ck_assert_int_eq(mapping_add_set(&m, "=ta", &err), TRACK_EXIT_USAGE);
	ck_assert_int_eq(mapping_add_set(&m, "", &err), TRACK_EXIT_USAGE);
	ck_assert_uint_eq(m.nrename, 0);
	ck_assert_uint_eq(m.nset, 0);
	mapping_free(&m);
}
END_TEST

START_TEST(later_pair_replaces)
{
	struct mapping m;
	track_error err;

	mapping_init(&m);
	ck_assert_int_eq(mapping_add_rename(&m, "UPN=id", &err), 0);
	ck_assert_int_eq(mapping_add_rename(&m, "Name=name", &err), 0);
	ck_assert_int_eq(mapping_add_rename(&m, "upn=pupil", &err), 0);
	ck_assert_uint_eq(m.nrename, 2);
	ck_assert_str_eq(m.rename[0].to, "pupil");
	ck_assert_int_eq(strcasecmp(m.rename[0].from, "upn"), 0);
	ck_assert_str_eq(m.rename[1].from, "Name");
	ck_assert_int_eq(mapping_add_set(&m, "point=autumn", &err), 0);
	ck_assert_int_eq(mapping_add_set(&m, "POINT=spring", &err), 0);
	ck_assert_uint_eq(m.nset, 1);
	ck_assert_str_eq(m.set[0].to, "spring");
	mapping_free(&m);

	/* Options add to a file's pairs, and win where both name one. */
	ck_assert_int_eq(load(&m, "{\"rename\": {\"UPN\": \"id\"}, "
	    "\"set\": {\"point\": \"autumn\"}}", "map.json", &err), 0);
	ck_assert_int_eq(mapping_add_rename(&m, "UPN=pupil", &err), 0);
	ck_assert_int_eq(mapping_add_rename(&m, "Year=year", &err), 0);
	ck_assert_int_eq(mapping_add_set(&m, "point=2025-26.spring", &err), 0);
	ck_assert_uint_eq(m.nrename, 2);
	ck_assert_str_eq(m.rename[0].to, "pupil");
	ck_assert_str_eq(m.rename[1].to, "year");
	ck_assert_uint_eq(m.nset, 1);
	ck_assert_str_eq(m.set[0].to, "2025-26.spring");
	mapping_free(&m);
}
END_TEST

START_TEST(set_list)
{
	char **list = NULL;
	size_t n = 0;
	track_error err;

	ck_assert_int_eq(mapping_set_list(&list, &n, "Reading *,Maths *",
	    &err), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(list[0], "Reading *");
	ck_assert_str_eq(list[1], "Maths *");
	/* A second call replaces the list. */
	ck_assert_int_eq(mapping_set_list(&list, &n, "subject", &err), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(list[0], "subject");
	ck_assert_int_eq(mapping_set_list(&list, &n, "a,b,c,d", &err), 0);
	ck_assert_uint_eq(n, 4);
	ck_assert_str_eq(list[0], "a");
	ck_assert_str_eq(list[3], "d");
	mapping_free_list(&list, &n);
	ck_assert_ptr_null(list);
	ck_assert_uint_eq(n, 0);
	/* Freeing an empty list is safe. */
	mapping_free_list(&list, &n);
}
END_TEST

START_TEST(set_string)
{
	char *s = NULL;
	track_error err;

	ck_assert_int_eq(mapping_set_string(&s, "auto", &err), 0);
	ck_assert_str_eq(s, "auto");
	ck_assert_int_eq(mapping_set_string(&s, "windows-1252", &err), 0);
	ck_assert_str_eq(s, "windows-1252");
	free(s);
}
END_TEST

START_TEST(load_missing_file)
{
	struct mapping m;
	track_error err;

	mapping_init(&m);
	error_clear(&err);
	ck_assert_int_eq(mapping_load(&m, "/nonexistent/dir/map.json", &err),
	    TRACK_EXIT_IO);
	ck_assert_int_eq(err.kind, TRACK_EXIT_IO);
	ck_assert_msg(strstr(err.text, "cannot open mapping "
	    "/nonexistent/dir/map.json") != NULL, "%s", err.text);
	mapping_free(&m);
}
END_TEST

START_TEST(load_file)
{
	char dir[] = "/tmp/check_mapping.XXXXXX", path[64];
	struct mapping m;
	track_error err;
	FILE *f;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/map.json", dir);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("{\"rename\": {\"UPN\": \"pupil\"}, \"join\": \"pupils.csv\",\n"
	    " \"renames\": {}}\n", f);
	fclose(f);

	mapping_init(&m);
	ck_assert_int_eq(mapping_load(&m, path, &err), TRACK_EXIT_DATA);
	ck_assert_str_eq(err.file, path);
	ck_assert_str_eq(err.text,
	    "$: unknown key \"renames\" (did you mean rename?)");
	mapping_free(&m);

	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("{\"rename\": {\"UPN\": \"pupil\"}, \"join\": \"pupils.csv\"}\n",
	    f);
	fclose(f);
	ck_assert_int_eq(mapping_load(&m, path, &err), 0);
	ck_assert_uint_eq(m.nrename, 1);
	ck_assert_str_eq(m.rename[0].from, "UPN");
	snprintf(path, sizeof path, "%s/pupils.csv", dir);
	ck_assert_str_eq(m.join, path);
	mapping_free(&m);

	snprintf(path, sizeof path, "%s/map.json", dir);
	unlink(path);
	rmdir(dir);
}
END_TEST

START_TEST(free_leaves_reusable)
{
	static const char reuse[] = "{\"set\": {\"point\": \"autumn\"}}";
	struct mapping m;
	track_error err;

	ck_assert_int_eq(load(&m, "{\"encoding\": \"auto\", \"delimiter\": "
	    "\"tab\", \"skip_lines\": 3, \"academic_year\": \"2025-26\", "
	    "\"rename\": {\"a\": \"b\"}, \"set\": {\"c\": \"d\"}, "
	    "\"unpivot\": {\"columns\": \"x,y\", \"key\": \"subject\", "
	    "\"split\": \" \"}, \"join\": \"j.csv\"}", "map.json", &err), 0);
	mapping_free(&m);
	ck_assert_ptr_null(m.encoding);
	ck_assert_int_eq(m.delimiter, 0);
	ck_assert_int_eq(m.skip_lines, -1);
	ck_assert_ptr_null(m.academic_year);
	ck_assert_ptr_null(m.rename);
	ck_assert_uint_eq(m.nrename, 0);
	ck_assert_ptr_null(m.set);
	ck_assert_uint_eq(m.nset, 0);
	ck_assert_ptr_null(m.unpivot);
	ck_assert_uint_eq(m.nunpivot, 0);
	ck_assert_ptr_null(m.key);
	ck_assert_uint_eq(m.nkey, 0);
	ck_assert_ptr_null(m.split);
	ck_assert_ptr_null(m.join);
	/* Freed twice, and reused. */
	mapping_free(&m);
	ck_assert_int_eq(mapping_add_set(&m, "measure=ta", &err), 0);
	ck_assert_int_eq(mapping_load_buffer(&m, reuse, strlen(reuse),
	    "map.json", &err), 0);
	ck_assert_uint_eq(m.nset, 2);
	mapping_free(&m);
}
END_TEST

START_TEST(failed_load_frees)
{
	struct mapping m;
	track_error err;

	/* What was loaded before the error is freed by mapping_free. */
	ck_assert_int_eq(load(&m, "{\"rename\": {\"a\": \"b\"}, \"unpivot\": "
	    "{\"columns\": [\"x\", \"y\", 3], \"key\": \"subject\"}}",
	    "map.json", &err), TRACK_EXIT_DATA);
	mapping_free(&m);
	ck_assert_uint_eq(m.nrename, 0);
	ck_assert_uint_eq(m.nunpivot, 0);
}
END_TEST

START_TEST(merge_options_over_file)
{
	struct mapping m, o;
	track_error err;
	const char *file = "{\"rename\": {\"UPN\": \"id\", \"Nm\": \"name\"},"
	    "\"set\": {\"point\": \"autumn\"},"
	    "\"unpivot\": {\"columns\": \"A *\", \"key\": \"subject\"},"
	    "\"join\": \"p.csv\", \"academic_year\": \"2024-25\"}";

	mapping_init(&m);
	mapping_init(&o);
	ck_assert_int_eq(mapping_load_buffer(&m, file, strlen(file), "m.json",
	    &err), 0);
	ck_assert_int_eq(mapping_add_rename(&o, "upn=pupil", &err), 0);
	ck_assert_int_eq(mapping_add_set(&o, "measure=ta", &err), 0);
	ck_assert_int_eq(mapping_set_list(&o.unpivot, &o.nunpivot, "B *",
	    &err), 0);
	ck_assert_int_eq(mapping_set_string(&o.academic_year, "2025-26",
	    &err), 0);
	ck_assert_int_eq(mapping_merge(&m, &o, &err), 0);
	/* Renames and sets add up; the same name (any case) is replaced. */
	ck_assert_uint_eq(m.nrename, 2);
	ck_assert_str_eq(m.rename[0].to, "pupil");
	ck_assert_str_eq(m.rename[1].to, "name");
	ck_assert_uint_eq(m.nset, 2);
	/* Other settings replace the file's when given, else stay. */
	ck_assert_uint_eq(m.nunpivot, 1);
	ck_assert_str_eq(m.unpivot[0], "B *");
	ck_assert_uint_eq(m.nkey, 1);
	ck_assert_str_eq(m.key[0], "subject");
	ck_assert_str_eq(m.academic_year, "2025-26");
	ck_assert_str_eq(m.join, "p.csv");
	mapping_free(&m);
	mapping_free(&o);
}
END_TEST

/* Each option lands where mapping_merge and the importer look. */
START_TEST(options)
{
	struct mapping o;
	track_error err;

	mapping_init(&o);
	ck_assert_int_eq(mapping_option(&o, MAPPING_RENAME, "UPN=pupil",
	    &err), 0);
	ck_assert_int_eq(mapping_option(&o, MAPPING_SET, "measure=ta", &err),
	    0);
	ck_assert_int_eq(mapping_option(&o, MAPPING_UNPIVOT, "R *,M *", &err),
	    0);
	ck_assert_int_eq(mapping_option(&o, MAPPING_KEY, "subject,point",
	    &err), 0);
	ck_assert_int_eq(mapping_option(&o, MAPPING_SPLIT, " ", &err), 0);
	ck_assert_int_eq(mapping_option(&o, MAPPING_JOIN, "p.csv", &err), 0);
	ck_assert_int_eq(mapping_option(&o, MAPPING_SKIP_LINES, "3", &err), 0);
	ck_assert_int_eq(mapping_option(&o, MAPPING_ACADEMIC_YEAR, "2025-26",
	    &err), 0);
	ck_assert_uint_eq(o.nrename, 1);
	ck_assert_str_eq(o.rename[0].to, "pupil");
	ck_assert_uint_eq(o.nset, 1);
	ck_assert_str_eq(o.set[0].from, "measure");
	ck_assert_uint_eq(o.nunpivot, 2);
	ck_assert_str_eq(o.unpivot[1], "M *");
	ck_assert_uint_eq(o.nkey, 2);
	ck_assert_str_eq(o.split, " ");
	ck_assert_str_eq(o.join, "p.csv");
	ck_assert_int_eq(o.skip_lines, 3);
	ck_assert_str_eq(o.academic_year, "2025-26");
	/* A later one replaces. */
	ck_assert_int_eq(mapping_option(&o, MAPPING_SKIP_LINES, "0", &err), 0);
	ck_assert_int_eq(o.skip_lines, 0);
	mapping_free(&o);
}
END_TEST

START_TEST(bad_options)
{
	static const char *const bad[] = { "", "x", "1x", "-1", "2 " };
	struct mapping o;
	track_error err;
	char want[100];
	size_t i;

	mapping_init(&o);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ck_assert_int_eq(mapping_option(&o, MAPPING_SKIP_LINES, bad[i],
		    &err), TRACK_EXIT_USAGE);
		ck_assert_ptr_null(err.file);
		snprintf(want, sizeof want, "bad --skip-lines \"%s\" (a whole "
		    "number >= 0)", bad[i]);
		ck_assert_str_eq(err.text, want);
	}
	ck_assert_int_eq(o.skip_lines, -1);
	/* As strtol reads it: leading space is passed over. */
	ck_assert_int_eq(mapping_option(&o, MAPPING_SKIP_LINES, " 2", &err),
	    0);
	ck_assert_int_eq(o.skip_lines, 2);
	ck_assert_int_eq(mapping_option(&o, MAPPING_RENAME, "nothing",
	    &err), TRACK_EXIT_USAGE);
	ck_assert_str_eq(err.text, "bad --rename \"nothing\" (use "
	    "NAME=VALUE)");
	mapping_free(&o);
}
END_TEST

/* The file, then the options on top; no file is fine. */
START_TEST(build)
{
	char dir[] = "/tmp/check_mapping.XXXXXX", path[64];
	struct mapping m, o;
	track_error err;
	FILE *f;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/map.json", dir);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("{\"rename\": {\"UPN\": \"pupil\"}, \"skip_lines\": 2,"
	    " \"split\": \"x\", \"delimiter\": \";\"}", f);
	fclose(f);
	f = NULL;

	mapping_init(&m);
	mapping_init(&o);
	ck_assert_int_eq(mapping_build(&m, path, &o, &err), TRACK_EXIT_DATA);
	ck_assert_msg(strstr(err.text, "split") != NULL, "%s", err.text);
	mapping_free(&m);

	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("{\"rename\": {\"UPN\": \"pupil\"}, \"skip_lines\": 2,"
	    " \"delimiter\": \";\"}", f);
	fclose(f);
	ck_assert_int_eq(mapping_option(&o, MAPPING_RENAME, "Nm=name", &err),
	    0);
	ck_assert_int_eq(mapping_option(&o, MAPPING_SKIP_LINES, "5", &err), 0);
	ck_assert_int_eq(mapping_build(&m, path, &o, &err), 0);
	ck_assert_uint_eq(m.nrename, 2);
	ck_assert_int_eq(m.skip_lines, 5);
	ck_assert_int_eq(m.delimiter, ';');
	mapping_free(&m);
	unlink(path);
	rmdir(dir);

	/* No file: the options alone; the file's skip_lines stays unset. */
	mapping_init(&m);
	mapping_free(&o);
	mapping_init(&o);
	ck_assert_int_eq(mapping_option(&o, MAPPING_SET, "point=autumn",
	    &err), 0);
	ck_assert_int_eq(mapping_build(&m, NULL, &o, &err), 0);
	ck_assert_uint_eq(m.nset, 1);
	ck_assert_int_eq(m.skip_lines, -1);
	ck_assert_int_eq(mapping_build(&m, "/nonexistent/m.json", &o, &err),
	    TRACK_EXIT_IO);
	mapping_free(&m);
	mapping_free(&o);
}
END_TEST

START_TEST(reader_opts)
{
	struct track_reader_opts ro;
	struct mapping m;

	mapping_init(&m);
	memset(&ro, 0, sizeof ro);
	ro.delimiter = '|';
	mapping_reader_opts(&m, &ro, 0, 0);
	ck_assert_str_eq(ro.encoding, "auto");
	ck_assert_int_eq(ro.delimiter, '|');
	ck_assert_int_eq(ro.skip_lines, 0);
	ck_assert_int_eq(ro.allow_duplicate_header, 1);

	ck_assert_int_eq(mapping_set_string(&m.encoding, "windows-1252",
	    NULL), 0);
	m.delimiter = ';';
	m.skip_lines = 3;
	mapping_reader_opts(&m, &ro, 0, 0);
	ck_assert_str_eq(ro.encoding, "windows-1252");
	ck_assert_int_eq(ro.delimiter, ';');
	ck_assert_int_eq(ro.skip_lines, 3);
	/* -e and -d win over the file. */
	ro.encoding = "utf-8";
	ro.delimiter = '\t';
	mapping_reader_opts(&m, &ro, 1, 1);
	ck_assert_str_eq(ro.encoding, "utf-8");
	ck_assert_int_eq(ro.delimiter, '\t');
	mapping_free(&m);
}
END_TEST

START_TEST(new_keys)
{
	static const char json[] =
	    "{ \"date_order\": \"MDY\", \"strict\": true, "
	    "\"provenance\": false,\n"
	    "  \"recode\": { \"measure\": { \"PiRA 4\": \"pira\", "
	    "\"PUMA 4\": \"puma\" } } }";
	struct mapping m, o;
	track_error e;

	ck_assert_int_eq(load(&m, json, "map.json", &e), 0);
	ck_assert_int_eq(m.date_order, 1);	/* DATE_MDY */
	ck_assert_int_eq(m.strict, 1);
	ck_assert_int_eq(m.provenance, 0);
	ck_assert_uint_eq(m.nrecode, 2);
	ck_assert_str_eq(m.recode[1].field, "measure");
	ck_assert_str_eq(m.recode[1].from, "PUMA 4");
	ck_assert_str_eq(m.recode[1].to, "puma");
	/* Options replace the flags and add to (or replace) recodings. */
	mapping_init(&o);
	ck_assert_int_eq(mapping_option(&o, MAPPING_DATE_ORDER, "dmy", &e), 0);
	ck_assert_int_eq(mapping_option(&o, MAPPING_PROVENANCE, NULL, &e), 0);
	ck_assert_int_eq(mapping_option(&o, MAPPING_RECODE,
	    "Measure:puma 4=nfer", &e), 0);
	ck_assert_int_eq(mapping_option(&o, MAPPING_RECODE,
	    "subject:Eng=reading", &e), 0);
	ck_assert_int_eq(mapping_merge(&m, &o, &e), 0);
	ck_assert_int_eq(m.date_order, 0);
	ck_assert_int_eq(m.strict, 1);
	ck_assert_int_eq(m.provenance, 1);
	ck_assert_uint_eq(m.nrecode, 3);
	ck_assert_str_eq(m.recode[1].to, "nfer");
	ck_assert_str_eq(m.recode[2].from, "Eng");
	mapping_free(&m);
	mapping_free(&o);
}
END_TEST

START_TEST(new_keys_bad)
{
	struct mapping m;
	track_error e;

	BAD("{\"date_order\": \"ymd\"}", "$.date_order: must be");
	BAD("{\"strict\": \"yes\"}", "$.strict: must be true or false");
	BAD("{\"provenance\": 1}", "$.provenance: must be true or false");
	BAD("{\"recode\": []}", "$.recode: must be an object");
	BAD("{\"recode\": {\"measure\": \"pira\"}}",
	    "$.recode.measure: must be an object");
	BAD("{\"recode\": {\"measure\": {\"PiRA\": 1}}}",
	    "$.recode.measure.PiRA: must be a string");
	BAD("{\"date_ordr\": \"dmy\"}", "did you mean date_order?");
	mapping_init(&m);
	ck_assert_int_eq(mapping_option(&m, MAPPING_DATE_ORDER, "ymd", &e),
	    TRACK_EXIT_USAGE);
	ck_assert_int_eq(mapping_option(&m, MAPPING_RECODE, "measure=pira",
	    &e), TRACK_EXIT_USAGE);
	ck_assert_int_eq(mapping_option(&m, MAPPING_RECODE, ":a=b", &e),
	    TRACK_EXIT_USAGE);
	ck_assert_int_eq(mapping_option(&m, MAPPING_RECODE, "measure:=b",
	    &e), TRACK_EXIT_USAGE);
	/* An empty replacement is allowed: it blanks the value. */
	ck_assert_int_eq(mapping_option(&m, MAPPING_RECODE, "measure:x=",
	    &e), 0);
	mapping_free(&m);
}
END_TEST

static Suite *
mapping_suite(void)
{
	Suite *s = suite_create("mapping");
	TCase *tc = tcase_create("mapping");

	tcase_add_test(tc, init_not_set);
	tcase_add_test(tc, every_key);
	tcase_add_test(tc, empty_object);
	tcase_add_test(tc, delimiter_tab);
	tcase_add_test(tc, unpivot_columns_string);
	tcase_add_test(tc, join_relative);
	tcase_add_test(tc, unknown_top_key);
	tcase_add_test(tc, unknown_unpivot_key);
	tcase_add_test(tc, wrong_types);
	tcase_add_test(tc, long_key);
	tcase_add_test(tc, unpivot_needs_key);
	tcase_add_test(tc, invalid_json);
	tcase_add_test(tc, add_rename_and_set);
	tcase_add_test(tc, add_bad_pairs);
	tcase_add_test(tc, later_pair_replaces);
	tcase_add_test(tc, set_list);
	tcase_add_test(tc, set_string);
	tcase_add_test(tc, load_missing_file);
	tcase_add_test(tc, load_file);
	tcase_add_test(tc, free_leaves_reusable);
	tcase_add_test(tc, failed_load_frees);
	tcase_add_test(tc, merge_options_over_file);
	tcase_add_test(tc, options);
	tcase_add_test(tc, bad_options);
	tcase_add_test(tc, build);
	tcase_add_test(tc, reader_opts);
	tcase_add_test(tc, new_keys);
	tcase_add_test(tc, new_keys_bad);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(mapping_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
