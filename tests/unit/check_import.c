/*
 * check_import.c - unit tests for lib/assess/import.c: turning an export's header
 * and rows into canonical records with the built-in England scheme.
 *
 * Each test fills the mapping `map` by hand, starts an importer on a header
 * written as "a|b|c", feeds it rows written the same way, and looks at the
 * records (joined with '|') and the problems it reported (written as
 * track-import writes them, "[warning: ]file:line: text").
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/str.h"
#include "assess/import.h"
#include "record/reader.h"

#define MAXGOT 64
#define MAXCOLS 32

/* What the importer handed back. */
struct got {
	char rec[MAXGOT][512];
	size_t nrec;
	char prob[MAXGOT][700];
	size_t nprob, nwarn, nerr;
	int stop;		/* the emit callback fails when set */
};

static track_scheme *scheme;
static struct mapping map;
static track_import *imp;
static struct got got;
static track_error err;
static char tmpdir[64];

/* What import_read handed the sink, besides the records in `got`. */
static struct {
	char hdr[600];		/* "out|... <- in|..." */
	size_t nhdr;
	char rej[8][600];	/* "why: first field" ("-" for no why) */
	size_t nrej;
	unsigned long long rows;
	int stop_header;
} rd_log;

/* Removes the scratch folder scratch() made, if any. */
static void
scratch_clean(void)
{
	char path[128];

	if (tmpdir[0] == '\0')
		return;
	snprintf(path, sizeof path, "%s/pupils.csv", tmpdir);
	unlink(path);
	snprintf(path, sizeof path, "%s/export.csv", tmpdir);
	unlink(path);
	rmdir(tmpdir);
	tmpdir[0] = '\0';
}

static void
setup(void)
{
	track_error e;

	if (scheme_load_default(&scheme, &e) != 0) {
		fprintf(stderr, "default scheme: %s\n", e.text);
		abort();
	}
	mapping_init(&map);
	memset(&got, 0, sizeof got);
	error_clear(&err);
	imp = NULL;
	tmpdir[0] = '\0';
	rd_log.stop_header = 0;
}

static void
teardown(void)
{
	import_free(imp);
	imp = NULL;
	mapping_free(&map);
	scheme_free(scheme);
	scheme = NULL;
	scratch_clean();
}

static void
on_problem(void *ctx, const track_error *e, int warning)
{
	struct got *g = ctx;
	char pos[300] = "";

	ck_assert_int_eq(e->kind, warning ? TRACK_EXIT_OK : TRACK_EXIT_DATA);
	if (e->file != NULL && e->line > 0)
		snprintf(pos, sizeof pos, "%s:%ld: ", e->file, e->line);
	else if (e->file != NULL)
		snprintf(pos, sizeof pos, "%s: ", e->file);
	ck_assert_uint_lt(g->nprob, MAXGOT);
	snprintf(g->prob[g->nprob++], sizeof g->prob[0], "%s%s%s",
	    warning ? "warning: " : "", pos, e->text);
	if (warning)
		g->nwarn++;
	else
		g->nerr++;
}

/* Joins `n` slices with '|' into `out`. */
static void
join(char *out, size_t outsz, const track_str *f, size_t n)
{
	size_t i, len = 0;

	out[0] = '\0';
	for (i = 0; i < n && len < outsz; i++)
		len += (size_t)snprintf(out + len, outsz - len, "%s%.*s",
		    i ? "|" : "", (int)f[i].len, f[i].ptr);
	ck_assert_uint_lt(len, outsz);
}

static int
on_record(void *ctx, const track_str *f, size_t n)
{
	struct got *g = ctx;
	size_t on;

	/* Records are laid out like the output header. */
	import_out_header(imp, &on);
	ck_assert_uint_eq(n, on);
	ck_assert_uint_lt(g->nrec, MAXGOT);
	join(g->rec[g->nrec++], sizeof g->rec[0], f, n);
	return g->stop;
}

/*
 * Splits "a|b|c" into NUL-terminated fields in `buf` (as a reader leaves
 * them); returns the number of fields.
 */
static size_t
split(char *buf, size_t bufsz, const char *line, track_str *f)
{
	size_t n = 0;
	char *p = buf, *bar;

	ck_assert_uint_lt(strlen(line), bufsz);
	strcpy(buf, line);
	for (;;) {
		ck_assert_uint_lt(n, MAXCOLS);
		bar = strchr(p, '|');
		if (bar != NULL)
			*bar = '\0';
		f[n++] = (track_str){ p, strlen(p) };
		if (bar == NULL)
			break;
		p = bar + 1;
	}
	return n;
}

/* Makes the importer from `map`; returns import_new's status. */
static int
make(void)
{
	struct track_reader_opts ro;

	memset(&ro, 0, sizeof ro);
	ro.encoding = "auto";
	return import_new(&imp, &map, scheme, &ro, on_problem, &got, &err);
}

/* Makes the importer and gives it header `hdr`; returns import_header's. */
static int
start(const char *hdr)
{
	static char buf[1024];
	track_str f[MAXCOLS];
	size_t n;
	int rc;

	rc = make();
	ck_assert_msg(rc == 0, "import_new: %s", err.text);
	n = split(buf, sizeof buf, hdr, f);
	/* The importer keeps nothing of the header it is given. */
	rc = import_header(imp, f, n, "export.csv", &err);
	memset(buf, '#', sizeof buf);
	return rc;
}

/* Like start(), for a header that must be accepted. */
static void
ok_start(const char *hdr)
{
	int rc = start(hdr);

	ck_assert_msg(rc == 0, "import_header(\"%s\"): %d %s", hdr, rc,
	    err.text);
}

/* The output header joined with '|'. */
static const char *
out_header(void)
{
	static char buf[1024];
	const track_str *h;
	size_t n;

	h = import_out_header(imp, &n);
	join(buf, sizeof buf, h, n);
	return buf;
}

/* Feeds one row, at line `line`; returns import_row's result. */
static int
row(long line, const char *cells)
{
	char buf[1024];
	track_str f[MAXCOLS];
	track_row r;

	memset(&r, 0, sizeof r);
	r.n = split(buf, sizeof buf, cells, f);
	r.field = f;
	r.line = line;
	return import_row(imp, &r, "export.csv", on_record, &got);
}

#define REC(i, want) do { \
	ck_assert_msg((size_t)(i) < got.nrec, "no record %d (got %zu)", \
	    (int)(i), got.nrec); \
	ck_assert_str_eq(got.rec[i], (want)); \
} while (0)

#define PROB(i, want) do { \
	ck_assert_msg((size_t)(i) < got.nprob, "no problem %d (got %zu)", \
	    (int)(i), got.nprob); \
	ck_assert_str_eq(got.prob[i], (want)); \
} while (0)

static void
add_rename(const char *pair)
{
	ck_assert_int_eq(mapping_add_rename(&map, pair, &err), 0);
}

static void
add_set(const char *pair)
{
	ck_assert_int_eq(mapping_add_set(&map, pair, &err), 0);
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

/* Writes `text` to `name` in a scratch folder; returns the path. */
static const char *
scratch(const char *name, const char *text)
{
	static char path[128];
	FILE *f;

	if (tmpdir[0] == '\0') {
		snprintf(tmpdir, sizeof tmpdir, "/tmp/check_import.XXXXXX");
		ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	}
	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
	return path;
}


/* ---- Names and columns ---- */

START_TEST(header_names)
{
	ok_start(" Pupil |SUBJECT|\tPoint | VaLuE ");
	ck_assert_str_eq(out_header(), "pupil|subject|point|value");
	ck_assert_int_eq(row(2, " A1 | Maths |2025-26.autumn| Expected "), 0);
	ck_assert_uint_eq(got.nrec, 1);
	REC(0, "A1|maths|2025-26.autumn|EXS");
	ck_assert_uint_eq(got.nprob, 0);
}
END_TEST

START_TEST(renames)
{
	add_rename("upn=pupil");
	add_rename(" Teacher Judgement =value");
	ok_start(" UPN |Subject|Point|Teacher judgement|Class");
	ck_assert_str_eq(out_header(), "pupil|subject|point|value|class");
	ck_assert_int_eq(row(2, "A1|maths|autumn|GDS|4B"), 0);
	REC(0, "A1|maths|autumn|GDS|4B");
}
END_TEST

START_TEST(set_adds_and_overrides)
{
	add_set("measure=ta");
	add_set("point=2025-26.spring");
	add_set("source=marksheet");
	ok_start("pupil|subject|Point|value|class");
	ck_assert_str_eq(out_header(),
	    "pupil|subject|point|measure|value|class|source");
	ck_assert_int_eq(row(2, "A1|maths|2025-26.autumn|EXS|4B"), 0);
	ck_assert_int_eq(row(3, "A2|maths||WTS|4B"), 0);
	REC(0, "A1|maths|2025-26.spring|ta|EXS|4B|marksheet");
	REC(1, "A2|maths|2025-26.spring|ta|WTS|4B|marksheet");
}
END_TEST

START_TEST(set_point_academic_year)
{
	/* A --set point is normalised like any other. */
	add_set("point=Autumn");
	ck_assert_int_eq(mapping_set_string(&map.academic_year, "2025-26",
	    &err), 0);
	ok_start("pupil|subject|value");
	ck_assert_str_eq(out_header(), "pupil|subject|point|value");
	ck_assert_int_eq(row(2, "A1|maths|EXS"), 0);
	REC(0, "A1|maths|2025-26.autumn|EXS");
}
END_TEST

START_TEST(set_field_any_case)
{
	/*
	 * Field names are lower case in records, and mapping_add_set
	 * already treats "Point" and "point" as one field, so --set
	 * Point=spring must fill the "point" column, not add a second one.
	 */
	add_set("Point=spring");
	add_set("MEASURE=ta");
	ok_start("pupil|subject|point|value");
	ck_assert_str_eq(out_header(), "pupil|subject|point|measure|value");
	ck_assert_int_eq(row(2, "A1|maths|autumn|EXS"), 0);
	REC(0, "A1|maths|spring|ta|EXS");
}
END_TEST

START_TEST(rename_target_any_case)
{
	/* Output column names are lower case, whatever --rename says. */
	add_rename("UPN=Pupil");
	ok_start("UPN|subject|point|value");
	ck_assert_str_eq(out_header(), "pupil|subject|point|value");
	ck_assert_int_eq(row(2, "A1|maths|autumn|EXS"), 0);
	REC(0, "A1|maths|autumn|EXS");
}
END_TEST

/*
 * The sink of source_slices: for each record, '=' for a field that is
 * the source row's own slice at the same place and '~' for one that is
 * not; import_source is the row being imported while its record is out.
 */
static const track_row *src_row;
static char src_marks[8][MAXCOLS + 1];
static size_t src_n;

static int
on_src_record(void *ctx, const track_str *f, size_t n)
{
	const track_row *r = import_source(imp);
	size_t i;

	(void)ctx;
	ck_assert_ptr_eq(r, src_row);
	ck_assert_uint_lt(src_n, 8);
	for (i = 0; i < n && i < MAXCOLS; i++)
		src_marks[src_n][i] = i < r->n && f[i].ptr == r->field[i].ptr &&
		    f[i].len == r->field[i].len ? '=' : '~';
	src_marks[src_n++][i] = '\0';
	return 0;
}

/*
 * A field the importer leaves as it was read stays the row's own slice
 * (so that track-import can copy a clean line: writer_row_src); one it
 * trims, recodes or normalises does not.
 */
START_TEST(source_slices)
{
	static const char *const rows[] = {
		"A1|reading|2025-26.autumn|ta|EXS",
		"A1|Reading|2025-26.autumn|ta|exs",
		" A1|reading|2025-26.autumn|TA|EXS",
		"A1|reading|2025-26.autumn|ta|EXS",
	};
	char buf[1024];
	track_str f[MAXCOLS];
	track_row r;
	size_t i;

	ok_start("pupil|subject|point|measure|value");
	ck_assert_str_eq(out_header(), "pupil|subject|point|measure|value");
	ck_assert_ptr_null(import_source(imp));
	for (i = 0; i < 4; i++) {
		memset(&r, 0, sizeof r);
		r.n = split(buf, sizeof buf, rows[i], f);
		r.field = f;
		r.line = (long)i + 2;
		src_row = &r;
		ck_assert_int_eq(import_row(imp, &r, "export.csv",
		    on_src_record, NULL), 0);
		ck_assert_ptr_null(import_source(imp));
	}
	ck_assert_uint_eq(src_n, 4);
	ck_assert_str_eq(src_marks[0], "=====");
	ck_assert_str_eq(src_marks[1], "=~==~");
	ck_assert_str_eq(src_marks[2], "~==~=");
	ck_assert_str_eq(src_marks[3], "=====");
	ck_assert_ptr_null(import_source(NULL));
}
END_TEST

START_TEST(canonical_order)
{
	ok_start("Class|Date|DOB|Objective|Value|Measure|Point|Subject|"
	    "Against|Year|Name|Pupil|Gender");
	ck_assert_str_eq(out_header(), "pupil|name|year|against|subject|point|"
	    "measure|value|objective|dob|date|class|gender");
	ck_assert_int_eq(row(2, "4B|2025-12-01|2016-05-04||EXS|ta|"
	    "2025-26.autumn|reading|3|Year 4|Ann|A1|f"), 0);
	REC(0, "A1|Ann|4|3|reading|2025-26.autumn|ta|EXS||2016-05-04|"
	    "2025-12-01|4B|F");
	ck_assert_uint_eq(got.nprob, 0);
}
END_TEST

START_TEST(duplicate_headers)
{
	ok_start("pupil|Note|note| NOTE |value_2|Value|value");
	ck_assert_str_eq(out_header(),
	    "pupil|value|note|note_2|note_3|value_2|value_3");
	ck_assert_uint_eq(got.nwarn, 3);
	ck_assert_uint_eq(got.nerr, 0);
	PROB(0, "warning: export.csv:1: duplicate column \"note\" renamed "
	    "\"note_2\"");
	PROB(1, "warning: export.csv:1: duplicate column \"note\" renamed "
	    "\"note_3\"");
	PROB(2, "warning: export.csv:1: duplicate column \"value\" renamed "
	    "\"value_3\"");
	ck_assert_int_eq(row(2, "A1|a|b|c|x|EXS|y"), 0);
	REC(0, "A1|EXS|a|b|c|x|y");
}
END_TEST

/* ---- Unpivot ---- */

START_TEST(unpivot_one_key)
{
	add_rename("upn=pupil");
	add_set("point=2025-26.summer");
	unpivot("reading,writing,maths", "subject", NULL);
	ok_start("UPN|Reading|Writing|Maths");
	ck_assert_str_eq(out_header(), "pupil|subject|point|value");
	ck_assert_int_eq(row(2, "A1|EXS|WTS|GDS"), 0);
	ck_assert_int_eq(row(3, "A2|exs||pk5"), 0);
	ck_assert_uint_eq(got.nrec, 5);
	REC(0, "A1|reading|2025-26.summer|EXS");
	REC(1, "A1|writing|2025-26.summer|WTS");
	REC(2, "A1|maths|2025-26.summer|GDS");
	REC(3, "A2|reading|2025-26.summer|EXS");
	REC(4, "A2|maths|2025-26.summer|PK5");
	ck_assert_uint_eq(got.nprob, 0);
}
END_TEST

START_TEST(unpivot_two_keys)
{
	add_rename("UPN=pupil");
	unpivot("Reading *,Maths *", "subject,point", " ");
	ok_start("UPN | Name|Year|Class|Reading Autumn|Reading Spring|"
	    "Maths Autumn");
	ck_assert_str_eq(out_header(),
	    "pupil|name|year|subject|point|value|class");
	ck_assert_int_eq(row(2, "A1|Smith, Ann|Year 4|4B|Expected |WTS|exs"),
	    0);
	ck_assert_int_eq(row(3, "A2|Jones, Bo|Year 4|4B||GDS| Greater depth"),
	    0);
	ck_assert_uint_eq(got.nrec, 5);
	REC(0, "A1|Smith, Ann|4|reading|autumn|EXS|4B");
	REC(1, "A1|Smith, Ann|4|reading|spring|WTS|4B");
	REC(2, "A1|Smith, Ann|4|maths|autumn|EXS|4B");
	REC(3, "A2|Jones, Bo|4|reading|spring|GDS|4B");
	REC(4, "A2|Jones, Bo|4|maths|autumn|GDS|4B");
	ck_assert_uint_eq(got.nprob, 0);
}
END_TEST

START_TEST(unpivot_academic_year)
{
	add_rename("UPN=pupil");
	add_set("measure=ta");
	unpivot("Reading *,Maths *", "subject,point", " ");
	ck_assert_int_eq(mapping_set_string(&map.academic_year, "2025-26",
	    &err), 0);
	ok_start("UPN|Name|Year|Class|Reading Autumn|Maths  Spring ");
	ck_assert_str_eq(out_header(),
	    "pupil|name|year|subject|point|measure|value|class");
	ck_assert_int_eq(row(2, "A1|Smith, Ann|Reception|4B|Expected|exs"), 0);
	REC(0, "A1|Smith, Ann|R|reading|2025-26.autumn|ta|EXS|4B");
	REC(1, "A1|Smith, Ann|R|maths|2025-26.spring|ta|EXS|4B");
}
END_TEST

START_TEST(unpivot_bromcom)
{
	add_rename("UPN=pupil");
	unpivot("TA$*", "measure,point,_,subject", "$");
	ck_assert_int_eq(mapping_set_string(&map.academic_year, "2025-26",
	    &err), 0);
	ok_start("UPN|Name|TA$Autumn$Y4$Reading|TA$Autumn$Y4$Maths");
	ck_assert_str_eq(out_header(),
	    "pupil|name|subject|point|measure|value");
	ck_assert_int_eq(row(2, "A1|Smith, Ann|EXS|WTS"), 0);
	ck_assert_uint_eq(got.nrec, 2);
	REC(0, "A1|Smith, Ann|reading|2025-26.autumn|ta|EXS");
	REC(1, "A1|Smith, Ann|maths|2025-26.autumn|ta|WTS");
}
END_TEST

START_TEST(unpivot_blank_and_bad_cells)
{
	add_rename("UPN=pupil");
	add_set("point=autumn");
	unpivot("Reading,Writing,Maths", "subject", NULL);
	ok_start("UPN|Reading|Writing|Maths");
	/* Blank cells are not assessed yet: no record, no problem. */
	ck_assert_int_eq(row(2, "A1| |\t|"), 0);
	ck_assert_uint_eq(got.nrec, 0);
	ck_assert_uint_eq(got.nprob, 0);
	/* A bad cell is one error; the row's good cells still come out. */
	ck_assert_int_eq(row(3, "A2|EXPT|wts|GDS"), 1);
	ck_assert_uint_eq(got.nrec, 2);
	REC(0, "A2|writing|autumn|WTS");
	REC(1, "A2|maths|autumn|GDS");
	ck_assert_uint_eq(got.nprob, 1);
	PROB(0, "export.csv:3: \"Reading\": unknown descriptor \"EXPT\" for "
	    "reading (did you mean EXS?)");
	ck_assert_int_eq(row(4, "A3|EXPT|wts|GSD"), 2);
	ck_assert_uint_eq(got.nrec, 3);
	REC(2, "A3|writing|autumn|WTS");
	ck_assert_uint_eq(got.nerr, 3);
	/* An empty pupil is an error for each cell. */
	ck_assert_int_eq(row(5, " |EXS||GDS"), 2);
	ck_assert_uint_eq(got.nrec, 3);
	PROB(3, "export.csv:5: \"Reading\": no pupil id");
	PROB(4, "export.csv:5: \"Maths\": no pupil id");
}
END_TEST

START_TEST(unpivot_key_not_canonical)
{
	add_rename("UPN=pupil");
	add_set("point=autumn");
	unpivot("* Reading", "term,subject", " ");
	ok_start("UPN|Class|Mock Reading");
	ck_assert_str_eq(out_header(), "pupil|subject|point|value|class|term");
	ck_assert_int_eq(row(2, "A1|4B|EXS"), 0);
	REC(0, "A1|reading|autumn|EXS|4B|Mock");
}
END_TEST

START_TEST(unpivot_header_errors)
{
	add_rename("UPN=pupil");
	unpivot("Science *", "subject,point", " ");
	ck_assert_int_eq(start("UPN|Reading Autumn|Maths Autumn"),
	    TRACK_EXIT_DATA);
	ck_assert_int_eq(err.kind, TRACK_EXIT_DATA);
	ck_assert_str_eq(err.file, "export.csv");
	ck_assert_int_eq(err.line, 1);
	ck_assert_str_eq(err.text, "no column matches --unpivot \"Science *\"");
	import_free(imp);
	imp = NULL;

	unpivot("Science *,Art *", "subject,point", " ");
	ck_assert_int_eq(start("UPN|Reading Autumn"), TRACK_EXIT_DATA);
	ck_assert_str_eq(err.text, "no column matches --unpivot \"Science *\" "
	    "or the other patterns");
	import_free(imp);
	imp = NULL;

	/* A column that does not split is a warning; when it was the only
	 * one, nothing can be imported. */
	unpivot("Reading *", "subject,point,measure", " ");
	ck_assert_int_eq(start("UPN|Reading Autumn"), TRACK_EXIT_DATA);
	ck_assert_int_eq(err.line, 1);
	ck_assert_str_eq(err.text, "no column could be imported by --unpivot "
	    "\"Reading *\"");
	import_free(imp);
	imp = NULL;

	unpivot("Reading*", "subject,point", " ");
	ck_assert_int_eq(start("UPN|Reading Autumn Extra"), TRACK_EXIT_DATA);
	ck_assert_msg(strstr(err.text, "could be imported") != NULL, "%s",
	    err.text);
	import_free(imp);
	imp = NULL;

	unpivot("Reading *", "subject,point", " ");
	ck_assert_int_eq(start("UPN|Reading Autum"), TRACK_EXIT_DATA);
	ck_assert_int_eq(err.line, 1);
	ck_assert_str_eq(err.text, "no column could be imported by --unpivot "
	    "\"Reading *\"");
	ck_assert_msg(got.nprob > 0 && strstr(got.prob[got.nprob - 1],
	    "column \"Reading Autum\": unknown point \"Autum\" (") != NULL,
	    "%s", got.nprob ? got.prob[got.nprob - 1] : "no problem");
	import_free(imp);
	imp = NULL;

	unpivot("* Autumn", "subject,point", " ");
	ck_assert_int_eq(start("UPN|Readng Autumn"), TRACK_EXIT_DATA);
	ck_assert_msg(got.nprob > 0 && strstr(got.prob[got.nprob - 1],
	    "column \"Readng Autumn\": unknown subject \"Readng\" (did you "
	    "mean reading?); not imported") != NULL, "%s",
	    got.nprob ? got.prob[got.nprob - 1] : "no problem");
	import_free(imp);
	imp = NULL;

	/* --key names a column the export already has. */
	unpivot("Reading *", "subject,point", " ");
	ck_assert_int_eq(start("UPN|Point|Reading Autumn"), TRACK_EXIT_DATA);
	ck_assert_str_eq(err.text,
	    "--key point: the export already has a \"point\" column");
	import_free(imp);
	imp = NULL;

	unpivot("* Reading", "term,subject", " ");
	ck_assert_int_eq(start("UPN|Term|Mock Reading"), TRACK_EXIT_DATA);
	ck_assert_str_eq(err.text,
	    "--key term: the export already has that column");
	import_free(imp);
	imp = NULL;

	unpivot("Reading *", "subject,point", " ");
	ck_assert_int_eq(start("UPN|Value|Reading Autumn"), TRACK_EXIT_DATA);
	ck_assert_str_eq(err.text,
	    "--unpivot: the export already has a \"value\" column");
}
END_TEST

START_TEST(unpivot_needs_split)
{
	unpivot("Reading *", "subject,point", NULL);
	ck_assert_int_eq(start("UPN|Reading Autumn"), TRACK_EXIT_USAGE);
	ck_assert_str_eq(err.text, "--key names 2 fields; say how column "
	    "names split with --split SEP");
}
END_TEST

START_TEST(unpivot_key_mismatch)
{
	ck_assert_int_eq(mapping_set_list(&map.unpivot, &map.nunpivot,
	    "Reading *", &err), 0);
	ck_assert_int_eq(make(), TRACK_EXIT_USAGE);
	ck_assert_ptr_null(imp);
	ck_assert_str_eq(err.text,
	    "--unpivot needs --key FIELD (e.g. --key subject,point)");
	mapping_free(&map);
	ck_assert_int_eq(mapping_set_list(&map.key, &map.nkey, "subject",
	    &err), 0);
	ck_assert_int_eq(make(), TRACK_EXIT_USAGE);
	ck_assert_ptr_null(imp);
	ck_assert_str_eq(err.text, "--key goes with --unpivot COLUMNS");
}
END_TEST

/* ---- Values ---- */

START_TEST(value_aliases)
{
	ok_start("Pupil|Subject|Point|Measure|Value|Year");
	ck_assert_str_eq(out_header(),
	    "pupil|year|subject|point|measure|value");
	ck_assert_int_eq(row(2, "A1| Maths |2025-26.autumn||Expected|Year 4"),
	    0);
	ck_assert_int_eq(row(3, "A1|maths|2025-26.autumn|nfer| 104 |Y4"), 0);
	ck_assert_int_eq(row(4, "A2|Mathematics|ks2|ks2|110|6"), 0);
	ck_assert_int_eq(row(5, "A3|writing|autumn|TA|exs |Reception"), 0);
	ck_assert_int_eq(row(6, "A4|reading|spring|ta|Greater depth|R"), 0);
	ck_assert_int_eq(row(7, "A5|reading|Spring 2025/26|ta|gds|Year 4"), 0);
	ck_assert_uint_eq(got.nprob, 0);
	ck_assert_uint_eq(got.nrec, 6);
	REC(0, "A1|4|maths|2025-26.autumn||EXS");
	REC(1, "A1|4|maths|2025-26.autumn|nfer|104");
	REC(2, "A2|6|maths|ks2|ks2|110");
	REC(3, "A3|R|writing|autumn|ta|EXS");
	REC(4, "A4|R|reading|spring|ta|GDS");
	REC(5, "A5|4|reading|2025-26.spring|ta|GDS");
}
END_TEST

START_TEST(bad_values)
{
	ok_start("pupil|year|subject|point|measure|value");
	ck_assert_int_eq(row(2, "A1|4|writing|autumn||EXPT"), 1);
	PROB(0, "export.csv:2: unknown descriptor \"EXPT\" for writing "
	    "(did you mean EXS?)");
	ck_assert_int_eq(row(3, "A1|4|mathz|autumn||EXS"), 1);
	PROB(1, "export.csv:3: unknown subject \"mathz\" (did you mean "
	    "maths?)");
	ck_assert_int_eq(row(4, "A1|Year 14|maths|autumn||EXS"), 1);
	PROB(2, "export.csv:4: unknown year group \"Year 14\"");
	ck_assert_int_eq(row(5, "A1|Yaer 4|maths|autumn||EXS"), 1);
	ck_assert_msg(strstr(got.prob[3], "export.csv:5: unknown year group "
	    "\"Yaer 4\"") == got.prob[3], "%s", got.prob[3]);
	ck_assert_int_eq(row(6, "A1|4|reading|summer|nfer|150"), 1);
	PROB(4, "export.csv:6: score 150 out of range 70..140 for nfer");
	ck_assert_int_eq(row(7, "A1|4|reading|summer|nfer|abc"), 1);
	PROB(5, "export.csv:7: invalid score \"abc\" for nfer");
	ck_assert_int_eq(row(8, "A1|4|reading|summer|nferr|100"), 1);
	PROB(6, "export.csv:8: unknown measure \"nferr\" (did you mean "
	    "nfer?)");
	ck_assert_int_eq(row(9, "A1|4|maths|2025-26.autum||EXS"), 1);
	PROB(7, "export.csv:9: unknown point \"2025-26.autum\" (points are "
	    "terms such as autumn or 2025-26.autumn, or statutory points such "
	    "as ks2)");
	ck_assert_int_eq(row(10, " |4|maths|autumn||EXS"), 1);
	PROB(8, "export.csv:10: no pupil id");
	ck_assert_int_eq(row(11, "A1|4|maths|autumn|| "), 1);
	PROB(9, "export.csv:11: empty value");
	ck_assert_uint_eq(got.nprob, 10);
	ck_assert_uint_eq(got.nerr, 10);
	ck_assert_uint_eq(got.nrec, 0);
	/* A good row after the bad ones. */
	ck_assert_int_eq(row(12, "A1|4|reading|summer|nfer|<70"), 0);
	REC(0, "A1|4|reading|summer|nfer|70");
}
END_TEST

/*
 * One value checked again under another measure, subject or point in the
 * same run: the answer kept for it (import.c's value memo) is kept for
 * the value with its subject, measure and point, never the value alone.
 */
START_TEST(value_memo_keys)
{
	ok_start("pupil|year|subject|point|measure|value");
	ck_assert_int_eq(row(2, "A1|4|reading|summer|nfer|104"), 0);
	ck_assert_int_eq(row(3, "A1|4|reading|summer||104"), 1);
	ck_assert_int_eq(row(4, "A1|4|reading|summer|nfer|104"), 0);
	ck_assert_int_eq(row(5, "A1|4|reading|summer||EXS"), 0);
	ck_assert_int_eq(row(6, "A1|4|reading|summer|nfer|EXS"), 1);
	ck_assert_int_eq(row(7, "A1|4|reading|summer||EXS"), 0);
	/* Eight bytes, and nine: the short key and the long one. */
	ck_assert_int_eq(row(8, "A1|4|reading|summer||expected"), 0);
	ck_assert_int_eq(row(9, "A1|4|reading|summer|nfer|expected"), 1);
	ck_assert_int_eq(row(10, "A1|4|reading|summer||Expected."), 1);
	ck_assert_int_eq(row(11, "A1|4|reading|summer||Expected "), 0);
	ck_assert_uint_eq(got.nerr, 4);
	ck_assert_uint_eq(got.nrec, 6);
	REC(0, "A1|4|reading|summer|nfer|104");
	REC(1, "A1|4|reading|summer|nfer|104");
	REC(2, "A1|4|reading|summer||EXS");
	REC(5, "A1|4|reading|summer||EXS");
}
END_TEST

START_TEST(required_blank)
{
	/*
	 * subject and point are required in a record; a row that has the
	 * column but leaves it blank is an error, like a blank pupil.
	 */
	ok_start("pupil|subject|point|value");
	ck_assert_int_eq(row(2, "A1| |autumn|EXS"), 1);
	ck_assert_int_eq(row(3, "A2|maths| |EXS"), 1);
	ck_assert_uint_eq(got.nerr, 2);
	ck_assert_uint_eq(got.nrec, 0);
}
END_TEST

START_TEST(group_columns)
{
	ok_start("pupil|pp|send|gender|eal");
	ck_assert_int_eq(row(2, "A1|y|S|f|"), 0);
	REC(0, "A1|Y|K|F|");
	ck_assert_uint_eq(got.nwarn, 1);
	PROB(0, "warning: export.csv:2: send \"S\" read as \"K\"");
	ck_assert_int_eq(row(3, "A2|N|X|M|N"), 1);
	PROB(1, "export.csv:3: unknown send value \"X\"");
	ck_assert_int_eq(row(4, "A3|Yes|EX|Girl|N"), 1);
	PROB(2, "export.csv:4: unknown send value \"EX\" (did you mean E?)");
	ck_assert_int_eq(row(5, "A3|Yes|EHCP|Girl|EAL"), 0);
	REC(1, "A3|Y|E|F|Y");
	ck_assert_int_eq(row(6, "A4|maybe|N|M|N"), 1);
	ck_assert_msg(strstr(got.prob[3], "export.csv:6: unknown pp value "
	    "\"maybe\"") == got.prob[3], "%s", got.prob[3]);
	ck_assert_uint_eq(got.nrec, 2);
}
END_TEST

START_TEST(emit_failure)
{
	add_set("point=autumn");
	unpivot("Reading,Maths", "subject", NULL);
	ok_start("pupil|Reading|Maths");
	got.stop = 1;
	ck_assert_int_eq(row(2, "A1|EXS|GDS"), -1);
	/* The row stops at the failed record. */
	ck_assert_uint_eq(got.nrec, 1);
	import_free(imp);
	imp = NULL;

	mapping_free(&map);
	memset(&got, 0, sizeof got);
	got.stop = 7;
	ok_start("pupil|subject|point|value");
	ck_assert_int_eq(row(2, "A1|maths|autumn|EXS"), -1);
	ck_assert_uint_eq(got.nrec, 1);
	ck_assert_uint_eq(got.nprob, 0);
}
END_TEST

START_TEST(free_null)
{
	import_free(NULL);
	/* An importer never given a header frees cleanly too. */
	ck_assert_int_eq(make(), 0);
	ck_assert_ptr_nonnull(imp);
	import_finish(imp);
	ck_assert_uint_eq(got.nprob, 0);
}
END_TEST

/* ---- Join ---- */

START_TEST(join_file)
{
	const char *path = scratch("pupils.csv",
	    "UPN,Year,Gender,PP,SEND\n"
	    "A1,Year 4,F,Y,S\n"
	    "A3,Year 5,M,N,N\n"
	    "A4,6,M,N,Q\n");

	add_rename("UPN=pupil");
	ck_assert_int_eq(mapping_set_string(&map.join, path, &err), 0);
	ck_assert_int_eq(make(), 0);
	/* Problems in the join file are reported as it is read. */
	ck_assert_uint_eq(got.nprob, 2);
	ck_assert_msg(strstr(got.prob[0], "pupils.csv:2: send \"S\" read as "
	    "\"K\"") != NULL && strncmp(got.prob[0], "warning: ", 9) == 0,
	    "%s", got.prob[0]);
	ck_assert_msg(strstr(got.prob[1], "pupils.csv:4: unknown send value "
	    "\"Q\"") != NULL && strncmp(got.prob[1], "warning", 7) != 0,
	    "%s", got.prob[1]);
	memset(&got, 0, sizeof got);

	ck_assert_int_eq(import_header(imp, (track_str[]){
	    { "UPN", 3 }, { "subject", 7 }, { "point", 5 }, { "value", 5 },
	    { "send", 4 } }, 5, "export.csv", &err), 0);
	ck_assert_str_eq(out_header(),
	    "pupil|year|subject|point|value|send|gender|pp");
	ck_assert_int_eq(row(2, "A1|maths|2025-26.autumn|EXS|"), 0);
	ck_assert_int_eq(row(3, "A2|maths|2025-26.autumn|WTS|K"), 0);
	ck_assert_int_eq(row(4, "A3|maths|2025-26.autumn|GDS|E"), 0);
	ck_assert_int_eq(row(5, "A2|reading|2025-26.autumn|GDS|"), 0);
	ck_assert_int_eq(row(6, "A5|reading|2025-26.autumn|GDS|"), 0);
	ck_assert_uint_eq(got.nrec, 5);
	/* A blank export cell takes the joined value; a filled one wins. */
	REC(0, "A1|4|maths|2025-26.autumn|EXS|K|F|Y");
	REC(1, "A2||maths|2025-26.autumn|WTS|K||");
	REC(2, "A3|5|maths|2025-26.autumn|GDS|E|M|N");
	REC(3, "A2||reading|2025-26.autumn|GDS|||");
	REC(4, "A5||reading|2025-26.autumn|GDS|||");
	ck_assert_uint_eq(got.nprob, 0);

	import_finish(imp);
	ck_assert_uint_eq(got.nprob, 1);
	ck_assert_uint_eq(got.nwarn, 1);
	ck_assert_msg(strstr(got.prob[0], "pupils.csv: no row for 2 pupils "
	    "(A2, ...); their characteristics are blank") != NULL, "%s",
	    got.prob[0]);
}
END_TEST

START_TEST(join_one_missing)
{
	const char *path = scratch("pupils.csv", "Pupil,Class\nA1,4B\n");

	ck_assert_int_eq(mapping_set_string(&map.join, path, &err), 0);
	ok_start("pupil|subject|point|value|class");
	ck_assert_str_eq(out_header(), "pupil|subject|point|value|class");
	ck_assert_int_eq(row(2, "A1|maths|autumn|EXS| "), 0);
	ck_assert_int_eq(row(3, "A1|maths|autumn|EXS|5C"), 0);
	ck_assert_int_eq(row(4, "A9|maths|autumn|EXS|"), 0);
	REC(0, "A1|maths|autumn|EXS|4B");
	REC(1, "A1|maths|autumn|EXS|5C");
	REC(2, "A9|maths|autumn|EXS|");
	ck_assert_uint_eq(got.nprob, 0);
	import_finish(imp);
	ck_assert_uint_eq(got.nprob, 1);
	ck_assert_msg(strstr(got.prob[0], "no row for 1 pupil (A9); their "
	    "characteristics are blank") != NULL, "%s", got.prob[0]);
}
END_TEST

START_TEST(join_all_found)
{
	const char *path = scratch("pupils.csv", "pupil,gender\nA1,F\n");

	ck_assert_int_eq(mapping_set_string(&map.join, path, &err), 0);
	ok_start("pupil|subject|point|value");
	ck_assert_int_eq(row(2, "A1|maths|autumn|EXS"), 0);
	REC(0, "A1|maths|autumn|EXS|F");
	import_finish(imp);
	ck_assert_uint_eq(got.nprob, 0);
}
END_TEST

START_TEST(join_needs_export_pupil)
{
	const char *path = scratch("pupils.csv", "pupil,gender\nA1,F\n");

	ck_assert_int_eq(mapping_set_string(&map.join, path, &err), 0);
	ck_assert_int_eq(start("UPN|subject|point|value"), TRACK_EXIT_DATA);
	ck_assert_msg(strstr(err.text, "--join needs a \"pupil\" column") !=
	    NULL, "%s", err.text);
}
END_TEST

START_TEST(join_no_pupil)
{
	const char *path = scratch("pupils.csv", "ID,Gender\nA1,F\n");

	ck_assert_int_eq(mapping_set_string(&map.join, path, &err), 0);
	ck_assert_int_eq(make(), TRACK_EXIT_DATA);
	ck_assert_ptr_null(imp);
	ck_assert_int_eq(err.kind, TRACK_EXIT_DATA);
	ck_assert_int_eq(err.line, 1);
	ck_assert_str_eq(err.text, "the join file has no \"pupil\" column; "
	    "use --rename (e.g. --rename UPN=pupil)");
}
END_TEST

START_TEST(join_missing_file)
{
	ck_assert_int_eq(mapping_set_string(&map.join,
	    "/nonexistent/check_import/pupils.csv", &err), 0);
	ck_assert_int_eq(make(), TRACK_EXIT_IO);
	ck_assert_ptr_null(imp);
	ck_assert_int_eq(err.kind, TRACK_EXIT_IO);
}
END_TEST

/* Writes `n` copies of `c` after `pre` into `out`; returns `out`. */
static char *
longstr(char *out, const char *pre, int c, size_t n, const char *post)
{
	size_t k = strlen(pre);

	memcpy(out, pre, k);
	memset(out + k, c, n);
	strcpy(out + k + n, post);
	return out;
}

/*
 * Values of 256 bytes or more: a point the scheme does not know is an
 * error that shows its first 80 bytes and "..."; a known point, a score
 * and a pupil id of any length are read whole.
 */
START_TEST(long_values)
{
	char v[400], line[600], want[700];

	ok_start("pupil|subject|point|measure|value");
	longstr(v, "", '0', 297, "104");
	snprintf(line, sizeof line, "A1|reading|summer|nfer|%s", v);
	ck_assert_int_eq(row(2, line), 0);
	REC(0, "A1|reading|summer|nfer|104");
	longstr(v, "2025/26", ' ', 290, "Autumn");
	snprintf(line, sizeof line, "A1|maths|%s||EXS", v);
	ck_assert_int_eq(row(3, line), 0);
	REC(1, "A1|maths|2025-26.autumn||EXS");
	longstr(v, "", 'q', 300, "");
	snprintf(line, sizeof line, "A1|maths|%s||EXS", v);
	ck_assert_int_eq(row(4, line), 1);
	snprintf(want, sizeof want, "export.csv:4: unknown point \"%.80s...\" "
	    "(points are terms such as autumn or 2025-26.autumn, or "
	    "statutory points such as ks2)", v);
	PROB(0, want);
	longstr(v, "P", '7', 299, "");
	snprintf(line, sizeof line, "%s|maths|autumn||GDS", v);
	ck_assert_int_eq(row(5, line), 0);
	snprintf(want, sizeof want, "%s|maths|autumn||GDS", v);
	REC(2, want);
	ck_assert_uint_eq(got.nerr, 1);
}
END_TEST

/*
 * A value is checked against the record's subject, measure and point in
 * full: a joined subject of 150 bytes used to be cut to 127, and what was
 * left ("reading" and spaces) passed for reading.
 */
START_TEST(join_long_subject)
{
	char subj[200], file[300];
	const char *path;

	longstr(subj, "reading", ' ', 150, "x");
	snprintf(file, sizeof file, "pupil,subject\nA1,%s\n", subj);
	path = scratch("pupils.csv", file);
	ck_assert_int_eq(mapping_set_string(&map.join, path, &err), 0);
	ok_start("pupil|subject|point|value");
	ck_assert_int_eq(row(2, "A1||autumn|EXS"), 1);
	ck_assert_uint_eq(got.nrec, 0);
	ck_assert_msg(strstr(got.prob[0], "export.csv:2: unknown subject "
	    "\"reading     ") == got.prob[0], "%s", got.prob[0]);
	ck_assert_int_eq(row(3, "A1|Reading|autumn|EXS"), 0);
	REC(0, "A1|reading|autumn|EXS");
}
END_TEST

/* The pupil the join file lacks is named whole, up to 80 bytes. */
START_TEST(join_missing_long_pupil)
{
	char id[200], line[300];
	const char *path = scratch("pupils.csv", "pupil,gender\nA1,F\n");

	ck_assert_int_eq(mapping_set_string(&map.join, path, &err), 0);
	ok_start("pupil|subject|point|value");
	longstr(id, "B", '9', 99, "");
	snprintf(line, sizeof line, "%s|maths|autumn|EXS", id);
	ck_assert_int_eq(row(2, line), 0);
	import_finish(imp);
	ck_assert_uint_eq(got.nprob, 1);
	ck_assert_msg(strstr(got.prob[0], "no row for 1 pupil (B999") !=
	    NULL && strstr(got.prob[0], "999...); their") != NULL, "%s",
	    got.prob[0]);
}
END_TEST

/* ---- The read loop ---- */

static int
rd_header(void *ctx, const track_str *out, size_t nout, const track_str *in,
    size_t nin)
{
	char a[256], b[256];

	(void)ctx;
	join(a, sizeof a, out, nout);
	join(b, sizeof b, in, nin);
	snprintf(rd_log.hdr, sizeof rd_log.hdr, "%s <- %s", a, b);
	rd_log.nhdr++;
	return rd_log.stop_header;
}

static int
rd_reject(void *ctx, const track_error *e, const track_str *h, size_t n,
    const track_row *r)
{
	(void)ctx;
	ck_assert_uint_gt(n, 0);
	ck_assert_ptr_nonnull(h);
	ck_assert_uint_lt(rd_log.nrej, 8);
	snprintf(rd_log.rej[rd_log.nrej++], sizeof rd_log.rej[0], "%s: %.*s",
	    e != NULL ? e->text : "-", (int)r->field[0].len, r->field[0].ptr);
	return 0;
}

static void
rd_progress(void *ctx, unsigned long long rows)
{
	(void)ctx;
	ck_assert_uint_eq(rows, rd_log.rows + 1);
	rd_log.rows = rows;
}

/* Makes the importer and reads `text` as an export through import_read. */
static int
read_export(const char *text)
{
	const struct import_sink sink = { rd_header, on_record, rd_reject,
	    rd_progress, &got, NULL, NULL };
	struct track_reader_opts ro;
	track_reader *rd = NULL;
	const char *path = scratch("export.csv", text);
	int rc, stop = rd_log.stop_header;

	memset(&rd_log, 0, sizeof rd_log);
	rd_log.stop_header = stop;
	ck_assert_int_eq(make(), 0);
	memset(&ro, 0, sizeof ro);
	mapping_reader_opts(&map, &ro, 0, 0);
	ck_assert_int_eq(reader_open(&rd, path, &ro, &err), 0);
	rc = import_read(imp, rd, &sink, &err);
	reader_close(rd);
	return rc;
}

START_TEST(read_rows)
{
	add_rename("UPN=pupil");
	ck_assert_int_eq(read_export("UPN,Subject,Point,Value,Class,class\n"
	    "A1,maths,autumn,EXS,4B,x\n"
	    "A2,maths,autumn\n"
	    "A3,mathz,autumn,EXS,4B,y\n"
	    "A4,reading,autumn,GDS,4B,z\n"), TRACK_EXIT_DATA);
	ck_assert_str_eq(err.text, "");
	ck_assert_uint_eq(rd_log.nhdr, 1);
	ck_assert_str_eq(rd_log.hdr, "pupil|subject|point|value|class|class_2"
	    " <- UPN|Subject|Point|Value|Class|class");
	ck_assert_uint_eq(got.nrec, 2);
	REC(0, "A1|maths|autumn|EXS|4B|x");
	REC(1, "A4|reading|autumn|GDS|4B|z");
	ck_assert_uint_eq(rd_log.rows, 4);
	/* The reader's bad row comes with why; the importer's without. */
	ck_assert_uint_eq(rd_log.nrej, 2);
	ck_assert_msg(strncmp(rd_log.rej[0], "-: ", 3) != 0 &&
	    strstr(rd_log.rej[0], ": A2") != NULL, "%s", rd_log.rej[0]);
	ck_assert_str_eq(rd_log.rej[1], "-: A3");
	ck_assert_uint_eq(got.nprob, 2);
	ck_assert_msg(strstr(got.prob[0], "duplicate column \"class\"") !=
	    NULL, "%s", got.prob[0]);
	ck_assert_msg(strstr(got.prob[1], "export.csv:4: unknown subject "
	    "\"mathz\"") != NULL, "%s", got.prob[1]);
}
END_TEST

/* One row of a marksheet makes a record per filled cell. */
START_TEST(read_unpivot)
{
	unpivot("Reading *,Maths *", "subject,point", " ");
	ck_assert_int_eq(read_export("pupil,Reading Autumn,Maths Autumn\n"
	    "A1,EXS,WTS\nA2,,GDS\n"), 0);
	ck_assert_uint_eq(got.nrec, 3);
	REC(0, "A1|reading|autumn|EXS");
	REC(1, "A1|maths|autumn|WTS");
	REC(2, "A2|maths|autumn|GDS");
	ck_assert_uint_eq(rd_log.rows, 2);
	ck_assert_uint_eq(rd_log.nrej, 0);
}
END_TEST

/* A header that cannot be used: its status and message, no header out. */
START_TEST(read_bad_header)
{
	unpivot("Reading *", "subject,point", " ");
	ck_assert_int_eq(read_export("pupil,Reading Autumn Term\nA1,EXS\n"),
	    TRACK_EXIT_DATA);
	/* (err.file was the reader's name, gone with the reader.) */
	ck_assert_int_eq(err.line, 1);
	ck_assert_msg(strstr(err.text, "could be imported") != NULL, "%s",
	    err.text);
	ck_assert_uint_eq(rd_log.nhdr, 0);
	ck_assert_uint_eq(rd_log.rows, 0);
}
END_TEST

/* A callback that stops ends the reading quietly. */
START_TEST(read_stops)
{
	got.stop = 1;
	ck_assert_int_eq(read_export("pupil,subject,point,value\n"
	    "A1,maths,autumn,XYZ\nA2,maths,autumn,EXS\n"
	    "A3,maths,autumn,EXS\n"), TRACK_EXIT_DATA);
	ck_assert_str_eq(err.text, "");
	ck_assert_uint_eq(got.nrec, 1);
	REC(0, "A2|maths|autumn|EXS");
	ck_assert_uint_eq(rd_log.rows, 2);

	import_free(imp);
	imp = NULL;
	memset(&got, 0, sizeof got);
	rd_log.stop_header = 1;
	ck_assert_int_eq(read_export("pupil,subject,point,value\n"
	    "A1,maths,autumn,EXS\n"), 0);
	ck_assert_uint_eq(rd_log.nhdr, 1);
	ck_assert_uint_eq(got.nrec, 0);
	ck_assert_uint_eq(rd_log.rows, 0);
}
END_TEST

/* An empty export: no header, no rows, no problem. */
START_TEST(read_empty)
{
	ck_assert_int_eq(read_export(""), 0);
	ck_assert_uint_eq(rd_log.nhdr, 0);
	ck_assert_uint_eq(got.nrec, 0);
}
END_TEST

static Suite *
import_suite(void)
{
	Suite *s = suite_create("import");
	TCase *tc = tcase_create("import");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, header_names);
	tcase_add_test(tc, source_slices);
	tcase_add_test(tc, read_rows);
	tcase_add_test(tc, read_unpivot);
	tcase_add_test(tc, read_bad_header);
	tcase_add_test(tc, read_stops);
	tcase_add_test(tc, read_empty);
	tcase_add_test(tc, renames);
	tcase_add_test(tc, set_adds_and_overrides);
	tcase_add_test(tc, set_point_academic_year);
	tcase_add_test(tc, set_field_any_case);
	tcase_add_test(tc, rename_target_any_case);
	tcase_add_test(tc, canonical_order);
	tcase_add_test(tc, duplicate_headers);
	tcase_add_test(tc, unpivot_one_key);
	tcase_add_test(tc, unpivot_two_keys);
	tcase_add_test(tc, unpivot_academic_year);
	tcase_add_test(tc, unpivot_bromcom);
	tcase_add_test(tc, unpivot_blank_and_bad_cells);
	tcase_add_test(tc, unpivot_key_not_canonical);
	tcase_add_test(tc, unpivot_header_errors);
	tcase_add_test(tc, unpivot_needs_split);
	tcase_add_test(tc, unpivot_key_mismatch);
	tcase_add_test(tc, value_aliases);
	tcase_add_test(tc, bad_values);
	tcase_add_test(tc, value_memo_keys);
	tcase_add_test(tc, long_values);
	tcase_add_test(tc, required_blank);
	tcase_add_test(tc, group_columns);
	tcase_add_test(tc, emit_failure);
	tcase_add_test(tc, free_null);
	tcase_add_test(tc, join_file);
	tcase_add_test(tc, join_one_missing);
	tcase_add_test(tc, join_all_found);
	tcase_add_test(tc, join_long_subject);
	tcase_add_test(tc, join_missing_long_pupil);
	tcase_add_test(tc, join_needs_export_pupil);
	tcase_add_test(tc, join_no_pupil);
	tcase_add_test(tc, join_missing_file);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(import_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
