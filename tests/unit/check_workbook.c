/*
 * check_workbook.c - unit tests for lib/record/workbook*.c: workbooks as
 * the reader's input.  Most cases build a small .xlsx or .ods with libzip
 * from XML written here, to reach one path each (shared and inline
 * strings, sparse references, dates in both systems, repeats, errors,
 * limits); the rest read the committed workbooks that LibreOffice and
 * libxlsxwriter wrote (tests/data/workbooks, made by its `make`).  Runs
 * from the repository root.  See reader_dump.h for dump().
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "base/error.h"
#include "base/str.h"
#include "record/reader.h"
#include "scratch.h"
#include "reader_dump.h"

#define WB "tests/data/workbooks/"

/* A zip in the scratch directory from pairs of entry names and texts
 * (NULL ends them); returns its path. */
static const char *
mkzip(const char *name, ...)
{
	static char path[PATH_MAX];
	const char *entry, *text;
	zip_source_t *src;
	zip_t *z;
	va_list ap;
	int zerr;

	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	ck_assert(z != NULL);
	va_start(ap, name);
	while ((entry = va_arg(ap, const char *)) != NULL) {
		text = va_arg(ap, const char *);
		src = zip_source_buffer(z, text, strlen(text), 0);
		ck_assert(src != NULL);
		ck_assert(zip_file_add(z, entry, src, ZIP_FL_OVERWRITE) >= 0);
	}
	va_end(ap);
	ck_assert_int_eq(zip_close(z), 0);
	return path;
}

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/" \
	"main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/" \
	"2006/relationships\""
#define REL "http://schemas.openxmlformats.org/officeDocument/2006/" \
	"relationships/"

static const char book[] =
    "<workbook " NS "><workbookPr/><sheets>"
    "<sheet name=\"Chart\" sheetId=\"3\" r:id=\"rId3\"/>"
    "<sheet name=\"Marks\" sheetId=\"1\" r:id=\"rId1\"/>"
    "<sheet name=\"Year 5\" sheetId=\"2\" r:id=\"rId2\"/>"
    "</sheets></workbook>";
static const char book1904[] =
    "<workbook " NS "><workbookPr date1904=\"1\"/><sheets>"
    "<sheet name=\"Marks\" sheetId=\"1\" r:id=\"rId1\"/>"
    "</sheets></workbook>";
static const char rels[] =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/"
    "2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"" REL "worksheet\" "
    "Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"" REL "worksheet\" "
    "Target=\"/xl/worksheets/sheet2.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"" REL "chartsheet\" "
    "Target=\"chartsheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId4\" Type=\"" REL "sharedStrings\" "
    "Target=\"sharedStrings.xml\"/>"
    "<Relationship Id=\"rId5\" Type=\"" REL "styles\" "
    "Target=\"styles.xml\"/>"
    "</Relationships>";
/* Styles: 0 plain, 1 built-in date 14, 2 custom date, 3 a number format
 * with d only inside quotes (not a date), 4 a date-time, 5 built-in 22. */
static const char styles[] =
    "<styleSheet " NS "><numFmts count=\"3\">"
    "<numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/>"
    "<numFmt numFmtId=\"165\" formatCode=\"0.0&quot; days&quot;\"/>"
    "<numFmt numFmtId=\"166\" formatCode=\"[$-409]yyyy\\-mm\\-dd hh:mm\"/>"
    "</numFmts><cellStyleXfs><xf numFmtId=\"14\"/></cellStyleXfs>"
    "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/>"
    "<xf numFmtId=\"164\"/><xf numFmtId=\"165\"/><xf numFmtId=\"166\"/>"
    "<xf numFmtId=\"22\"/></cellXfs></styleSheet>";
static const char sst[] =
    "<sst " NS "><si><t>pupil</t></si><si><t>score</t></si>"
    "<si><r><t>Ren</t></r><r><rPr><b/></rPr><t xml:space=\"preserve\">"
    "\xc3\xa9 B</t></r><rPh><t>IGNORED</t></rPh></si>"
    "<si><t>when</t></si></sst>";

/* An .xlsx whose Marks sheet has `data` inside sheetData. */
static const char *
xlsx(const char *name, const char *data, int date1904)
{
	static char sheet[16384];

	snprintf(sheet, sizeof sheet, "<worksheet " NS "><dimension "
	    "ref=\"A1:B2\"/><sheetData>%s</sheetData></worksheet>", data);
	return mkzip(name, "xl/workbook.xml", date1904 ? book1904 : book,
	    "xl/_rels/workbook.xml.rels", rels,
	    "xl/worksheets/sheet1.xml", sheet,
	    "xl/worksheets/sheet2.xml", "<worksheet " NS "><sheetData>"
	    "<row r=\"1\"><c t=\"inlineStr\"><is><t>second</t></is></c></row>"
	    "<row r=\"2\"><c t=\"inlineStr\"><is><t>two</t></is></c></row>"
	    "</sheetData></worksheet>",
	    "xl/sharedStrings.xml", sst, "xl/styles.xml", styles,
	    (const char *)NULL);
}

static void
expect(const char *path, const struct track_reader_opts *o,
    const char *want)
{
	char *got = dump(path, o);

	ck_assert_str_eq(got, want);
	free(got);
}

static struct track_reader_opts
sheet(const char *s)
{
	struct track_reader_opts o;

	memset(&o, 0, sizeof o);
	o.sheet = s;
	return o;
}

/* ---- .xlsx -------------------------------------------------------- */

START_TEST(shared_and_rich_strings)
{
	expect(xlsx("a.xlsx", "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c>"
	    "<c r=\"B1\" t=\"s\"><v>1</v></c></row>"
	    "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>2</v></c>"
	    "<c r=\"B2\"><v>100</v></c></row>", 0), NULL,
	    "H/2:pupil|score\n2/2:Ren\xc3\xa9 B|100\nEOF\n");
}
END_TEST

START_TEST(inline_str_and_booleans)
{
	expect(xlsx("a.xlsx", "<row><c t=\"inlineStr\"><is><t>a</t></is></c>"
	    "<c t=\"inlineStr\"><is><r><t>b</t></r><r><t>c</t></r></is></c>"
	    "<c t=\"inlineStr\"><is><t>d</t></is></c></row>"
	    "<row><c t=\"str\"><f>A1&amp;\"x\"</f><v>ax</v></c>"
	    "<c t=\"b\"><v>1</v></c><c t=\"b\"><v>0</v></c></row>", 0), NULL,
	    "H/3:a|bc|d\n2/3:ax|TRUE|FALSE\nEOF\n");
}
END_TEST

START_TEST(sparse_and_out_of_order)
{
	/* Cells by reference, not order; no r means the next column; the
	 * dimension is not trusted; an empty row keeps its number; a short
	 * row is padded; empty trailing cells are dropped. */
	expect(xlsx("a.xlsx", "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is>"
	    "<t>a</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>b</t></is>"
	    "</c><c r=\"D1\" t=\"inlineStr\"><is><t>d</t></is></c></row>"
	    "<row r=\"3\"><c r=\"D3\"><v>4</v></c><c r=\"A3\"><v>1</v></c>"
	    "</row><row r=\"4\"><c r=\"B4\"><v>2</v></c><c><v>3</v></c>"
	    "<c r=\"E4\" s=\"0\"/></row><row r=\"5\"/>"
	    "<row r=\"6\"><c r=\"A6\"><v>9</v></c></row>", 0), NULL,
	    "H/4:a|b||d\n3/4:1|||4\n4/4:|2|3|\n6/4:9|||\nEOF\n");
}
END_TEST

START_TEST(numbers_shortest)
{
	expect(xlsx("a.xlsx", "<row><c t=\"inlineStr\"><is><t>n</t></is></c>"
	    "</row><row><c><v>100</v></c></row>"
	    "<row><c><v>0.1</v></c></row>"
	    "<row><c><v>0.10000000000000001</v></c></row>"
	    "<row><c><v>1E-3</v></c></row>"
	    "<row><c><v>-0</v></c></row>"
	    "<row><c><v>2.5000000000000000</v></c></row>"
	    "<row><c><v>123456789012</v></c></row>", 0), NULL,
	    "H/1:n\n2/1:100\n3/1:0.1\n4/1:0.1\n5/1:0.001\n6/1:0\n7/1:2.5\n"
	    "8/1:123456789012\nEOF\n");
}
END_TEST

START_TEST(dates_1900)
{
	/* 1 is 1900-01-01, 59 1900-02-28, 60 Lotus's 1900-02-29, 61
	 * 1900-03-01; 45901 2025-09-01; a fraction is the time; a number
	 * format with "d" only in quotes is no date; a cellStyleXfs xf is
	 * not a cell style. */
	expect(xlsx("a.xlsx", "<row><c t=\"inlineStr\"><is><t>d</t></is></c>"
	    "</row><row><c s=\"1\"><v>1</v></c></row>"
	    "<row><c s=\"1\"><v>59</v></c></row>"
	    "<row><c s=\"2\"><v>60</v></c></row>"
	    "<row><c s=\"2\"><v>61</v></c></row>"
	    "<row><c s=\"1\"><v>45901</v></c></row>"
	    "<row><c s=\"4\"><v>45901.5625</v></c></row>"
	    "<row><c s=\"3\"><v>45901</v></c></row>"
	    "<row><c s=\"0\"><v>45901</v></c></row>"
	    "<row><c s=\"5\"><v>-1</v></c></row>", 0), NULL,
	    "H/1:d\n2/1:1900-01-01\n3/1:1900-02-28\n4/1:1900-02-29\n"
	    "5/1:1900-03-01\n6/1:2025-09-01\n7/1:2025-09-01T13:30:00\n"
	    "8/1:45901\n9/1:45901\n10/1:-1\nEOF\n");
}
END_TEST

START_TEST(dates_1904)
{
	/* In the 1904 system 0 is 1904-01-01: 2025-09-01 is 44439. */
	expect(xlsx("a.xlsx", "<row><c t=\"inlineStr\"><is><t>d</t></is></c>"
	    "</row><row><c s=\"1\"><v>0</v></c></row>"
	    "<row><c s=\"1\"><v>44439</v></c></row>", 1), NULL,
	    "H/1:d\n2/1:1904-01-01\n3/1:2025-09-01\nEOF\n");
}
END_TEST

START_TEST(error_cell_position)
{
	track_reader *r;
	track_error err;
	track_row row;
	char where[200];

	ck_assert_int_eq(reader_open(&r, xlsx("m.xlsx", "<row><c t=\"s\">"
	    "<v>0</v></c><c t=\"s\"><v>1</v></c></row><row r=\"7\"><c "
	    "r=\"A7\" t=\"inlineStr\"><is><t>x</t></is></c><c r=\"B7\" "
	    "t=\"e\"><f>NA()</f><v>#N/A</v></c></row><row r=\"8\"><c "
	    "t=\"inlineStr\"><is><t>y</t></is></c><c><v>3</v></c></row>", 0),
	    NULL, &err), 0);
	ck_assert_int_eq(reader_next(r, &row, &err), TRACK_READ_BAD);
	ck_assert_str_eq(error_where(where, sizeof where, err.file, err.line,
	    err.col), strcat(strcpy((char[PATH_MAX + 40]){ 0 }, tmpdir),
	    "/m.xlsx:Marks!B7"));
	ck_assert(strstr(err.text, "#N/A") != NULL);
	ck_assert(strstr(err.text, "\"score\"") != NULL);
	/* The good row after it is read. */
	ck_assert_int_eq(reader_next(r, &row, &err), TRACK_READ_ROW);
	ck_assert(row.line == 8 && str_eq(row.field[1], "3"));
	ck_assert_int_eq(reader_next(r, &row, &err), TRACK_READ_EOF);
	reader_close(r);
}
END_TEST

START_TEST(sheet_choice)
{
	struct track_reader_opts o;
	char **names;
	size_t n;
	track_error err;
	const char *p = xlsx("a.xlsx", "<row><c t=\"inlineStr\"><is><t>m</t>"
	    "</is></c></row>", 0);

	/* The chart sheet is left out: the first worksheet is Marks. */
	expect(p, NULL, "H/1:m\nEOF\n");
	o = sheet("Year 5");
	expect(p, &o, "H/1:second\n2/1:two\nEOF\n");
	o = sheet("2");
	expect(p, &o, "H/1:second\n2/1:two\nEOF\n");
	o = sheet("Nope");
	expect(p, &o, "open 2 @0\n");
	ck_assert(strstr(last_err.text, "the sheets are: Marks, Year 5") !=
	    NULL);
	o = sheet("3");
	expect(p, &o, "open 2 @0\n");
	ck_assert_int_eq(reader_sheets(p, NULL, &names, &n, &err), 0);
	ck_assert(n == 2 && strcmp(names[0], "Marks") == 0 &&
	    strcmp(names[1], "Year 5") == 0);
	reader_sheets_free(names, n);
	/* A CSV file has no sheets. */
	ck_assert_int_eq(reader_sheets(WRITE("c.csv", "a\n1\n"), NULL,
	    &names, &n, &err), TRACK_EXIT_DATA);
	ck_assert(names == NULL && n == 0);
}
END_TEST

START_TEST(header_position)
{
	/* A header error names the sheet and the row's first cell. */
	expect(xlsx("d.xlsx", "<row r=\"3\"><c t=\"inlineStr\"><is><t>a</t>"
	    "</is></c><c t=\"inlineStr\"><is><t>a</t></is></c></row>", 0),
	    NULL, "open 1 @0\n");
	ck_assert_msg(strstr(last_err.text, "d.xlsx:Marks!A3: duplicate "
	    "column name") != NULL, "%s", last_err.text);
	ck_assert(last_err.file == NULL);
}
END_TEST

START_TEST(skip_lines_and_long_cell)
{
	struct track_reader_opts o;

	memset(&o, 0, sizeof o);
	o.skip_lines = 1;
	o.max_field = 4;
	expect(xlsx("a.xlsx", "<row><c t=\"inlineStr\"><is><t>title</t></is>"
	    "</c></row><row><c t=\"inlineStr\"><is><t>h</t></is></c></row>"
	    "<row><c t=\"inlineStr\"><is><t>toolong</t></is></c></row>"
	    "<row><c t=\"inlineStr\"><is><t>ok</t></is></c></row>", 0), &o,
	    "H/1:h\n3/0!3:\n4/1:ok\nEOF\n");
}
END_TEST

START_TEST(damaged_xml)
{
	/* Rows before the damage are read; the damage is a bad row. */
	expect(xlsx("a.xlsx", "<row><c t=\"inlineStr\"><is><t>h</t></is></c>"
	    "</row><row><c><v>1</v></c></row><row><c><v>2</v></row>", 0),
	    NULL, "H/1:h\n2/1:1\n3/0!3:\nEOF\n");
	ck_assert(strstr(last_err.text, "not well-formed") != NULL);
	/* A shared string that is not there. */
	expect(xlsx("a.xlsx", "<row><c t=\"inlineStr\"><is><t>h</t></is></c>"
	    "</row><row><c t=\"s\"><v>99</v></c></row>", 0), NULL,
	    "H/1:h\n2/1!2:#REF!\nEOF\n");
}
END_TEST

START_TEST(zip_bomb_refused)
{
	struct track_reader_opts o;
	char *big = malloc(300001);
	const char *p;
	size_t i;

	ck_assert(big != NULL);
	memcpy(big, "<worksheet><sheetData>", 22);
	for (i = 22; i < 300000 - 24; i++)
		big[i] = ' ';
	memcpy(big + i, "</sheetData></worksheet>", 24);
	big[300000] = '\0';
	p = mkzip("bomb.xlsx", "xl/workbook.xml", book1904,
	    "xl/_rels/workbook.xml.rels", rels,
	    "xl/worksheets/sheet1.xml", big, (const char *)NULL);
	memset(&o, 0, sizeof o);
	o.max_entry = 100000;
	expect(p, &o, "open 1 @0\n");
	ck_assert_msg(strstr(last_err.text, "over the limit of 100000") !=
	    NULL, "%s", last_err.text);
	o.max_entry = 0;
	expect(p, &o, "H/0:\nEOF\n");
	free(big);
}
END_TEST

START_TEST(not_workbooks)
{
	static const char ole[512] = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
	    "....E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";
	static const char ole_other[512] = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1";

	expect(WRITE("x.pdf", "%PDF-1.7\n1 0 obj\n"), NULL, "open 1 @0\n");
	ck_assert(strstr(last_err.text, "PDF") != NULL);
	expect(mkzip("d.zip", "word/document.xml", "<w/>", (const char *)NULL),
	    NULL, "open 1 @0\n");
	ck_assert(strstr(last_err.text, "a Word document") != NULL);
	expect(mkzip("z.zip", "notes.txt", "hello", (const char *)NULL), NULL,
	    "open 1 @0\n");
	ck_assert(strstr(last_err.text, "a zip archive, not a workbook") !=
	    NULL);
	expect(write_file("enc.xlsx", ole, sizeof ole), NULL, "open 1 @0\n");
	ck_assert(strstr(last_err.text, "password-protected") != NULL);
	expect(write_file("o.xls", ole_other, sizeof ole_other), NULL,
	    "open 1 @0\n");
	ck_assert(strstr(last_err.text, "OLE2") != NULL);
	expect(WRITE("trunc.xlsx", "PK\3\4garbage"), NULL, "open 1 @0\n");
	ck_assert(strstr(last_err.text, "cannot be opened") != NULL);
	/* A missing workbook part. */
	expect(mkzip("m.xlsx", "xl/workbook.xml", book, (const char *)NULL),
	    NULL, "open 1 @0\n");
	ck_assert(strstr(last_err.text, "damaged") != NULL);
}
END_TEST

START_TEST(encrypted_entry)
{
	const char *p = xlsx("e.xlsx", "<row><c><v>1</v></c></row>", 0);
	zip_t *z = zip_open(p, 0, NULL);

	ck_assert(z != NULL);
	if (zip_file_set_encryption(z, zip_name_locate(z,
	    "xl/worksheets/sheet1.xml", 0), ZIP_EM_AES_256, "pw") != 0) {
		zip_discard(z);
		return;		/* libzip built without encryption */
	}
	ck_assert_int_eq(zip_close(z), 0);
	expect(p, NULL, "open 1 @0\n");
	ck_assert(strstr(last_err.text, "password-protected") != NULL);
}
END_TEST

START_TEST(from_stdin_pipe)
{
	track_reader *r;
	track_error err;
	track_row row;
	int save = dup(0), fds[2], in;
	char buf[4096];
	ssize_t n;

	in = open(WB "kinds.xlsx", O_RDONLY);
	ck_assert(in >= 0 && save >= 0 && pipe(fds) == 0);
	if (fork() == 0) {
		close(fds[0]);
		while ((n = read(in, buf, sizeof buf)) > 0)
			if (write(fds[1], buf, (size_t)n) != n)
				_exit(1);
		_exit(0);
	}
	close(in);
	close(fds[1]);
	ck_assert(dup2(fds[0], 0) == 0);
	close(fds[0]);
	ck_assert_int_eq(reader_open(&r, "-", NULL, &err), 0);
	ck_assert_str_eq(reader_name(r), "stdin:Marks!");
	ck_assert_int_eq(reader_next(r, &row, &err), TRACK_READ_ROW);
	ck_assert(str_eq(row.field[1], "100"));
	reader_close(r);
	dup2(save, 0);
	close(save);
}
END_TEST

/* ---- .ods --------------------------------------------------------- */

#define ODS_HEAD "<office:document-content xmlns:office=\"o\" " \
	"xmlns:table=\"t\" xmlns:text=\"x\" xmlns:calcext=\"c\"><office:body>" \
	"<office:spreadsheet>"
#define ODS_TAIL "</office:spreadsheet></office:body>" \
	"</office:document-content>"

static const char *
ods(const char *name, const char *tables)
{
	static char content[16384];

	snprintf(content, sizeof content, "%s%s%s", ODS_HEAD, tables,
	    ODS_TAIL);
	return mkzip(name, "mimetype",
	    "application/vnd.oasis.opendocument.spreadsheet",
	    "content.xml", content, (const char *)NULL);
}

#define C(s) "<table:table-cell office:value-type=\"string\"><text:p>" s \
	"</text:p></table:table-cell>"

START_TEST(ods_repeats)
{
	/* A trailing empty repeat of 16384 cells makes no fields; a
	 * repeated full row is each of its rows; repeated empty rows move
	 * the row number on; a repeated cell with text fills its columns. */
	expect(ods("a.ods", "<table:table table:name=\"S\">"
	    "<table:table-row>" C("a") C("b") C("c")
	    "<table:table-cell table:number-columns-repeated=\"16381\"/>"
	    "</table:table-row>"
	    "<table:table-row table:number-rows-repeated=\"2\">" C("x")
	    "<table:table-cell table:number-columns-repeated=\"2\" "
	    "office:value-type=\"float\" office:value=\"7\"/>"
	    "<table:table-cell table:number-columns-repeated=\"16381\"/>"
	    "</table:table-row><table:table-row "
	    "table:number-rows-repeated=\"1048000\"><table:table-cell "
	    "table:number-columns-repeated=\"16384\"/></table:table-row>"
	    "<table:table-row>" C("z") "</table:table-row>"
	    "</table:table>"), NULL,
	    "H/3:a|b|c\n2/3:x|7|7\n3/3:x|7|7\n1048004/3:z||\nEOF\n");
}
END_TEST

START_TEST(ods_values)
{
	struct track_reader_opts o = sheet("Two");

	expect(ods("a.ods", "<table:table table:name=\"One\"><table:table-row>"
	    C("one") "</table:table-row></table:table>"
	    "<table:table table:name=\"Two\"><table:table-row>" C("s") C("d")
	    C("b") C("f") C("e") "</table:table-row><table:table-row>"
	    "<table:table-cell office:value-type=\"string\"><text:p>l1"
	    "<text:s text:c=\"2\"/>x</text:p><text:p>l2</text:p>"
	    "<office:annotation><text:p>note</text:p></office:annotation>"
	    "</table:table-cell>"
	    "<table:table-cell office:value-type=\"date\" "
	    "office:date-value=\"2025-09-01T00:00:00\"><text:p>1/9</text:p>"
	    "</table:table-cell>"
	    "<table:table-cell office:value-type=\"boolean\" "
	    "office:boolean-value=\"true\"><text:p>yes</text:p>"
	    "</table:table-cell>"
	    "<table:table-cell office:value-type=\"percentage\" "
	    "office:value=\"0.10000000000000001\"><text:p>10%</text:p>"
	    "</table:table-cell>"
	    "<table:covered-table-cell/>"
	    "</table:table-row><table:table-row>" C("q")
	    "<table:table-cell table:formula=\"of:=NA()\" "
	    "office:value-type=\"float\" office:value=\"0\" "
	    "calcext:value-type=\"error\"><text:p>#N/A</text:p>"
	    "</table:table-cell></table:table-row></table:table>"), &o,
	    "H/5:s|d|b|f|e\n2/5:l1  x\\nl2|2025-09-01|TRUE|0.1|\n"
	    "3/5!3:q|#N/A|||\nEOF\n");
	o = sheet("Three");
	expect(ods("a.ods", "<table:table table:name=\"One\"/>"), &o,
	    "open 2 @0\n");
}
END_TEST

START_TEST(ods_encrypted)
{
	/* An .ods saved with a password: its manifest says so, and its
	 * content.xml is no longer XML. */
	expect(mkzip("p.ods", "mimetype",
	    "application/vnd.oasis.opendocument.spreadsheet",
	    "META-INF/manifest.xml", "<manifest:manifest><manifest:file-entry "
	    "manifest:full-path=\"content.xml\"><manifest:encryption-data "
	    "manifest:checksum-type=\"SHA1/1K\"/></manifest:file-entry>"
	    "</manifest:manifest>", "content.xml", "\x8b\x1f\x02binary",
	    (const char *)NULL), NULL, "open 1 @0\n");
	ck_assert(strstr(last_err.text, "password-protected") != NULL);
}
END_TEST

/* ---- Workbooks written by LibreOffice and libxlsxwriter ------------ */

START_TEST(written_by_libxlsxwriter)
{
	static const char want[] =
	    "H/6:pupil|score|fraction|date|when|note\n"
	    "2/6:Zo\xc3\xab|100|0.1|2025-09-01|2026-03-20T13:30:00|"
	    "line one\\nline two\n"
	    "4/6:Ali||-2.5|1900-01-01||sparse\n"
	    "5/6:Bea|TRUE|FALSE|1234567890123|3.14159|AB\n"
	    "6/8!6:Cy|||||||beyond\nEOF\n";

	expect(WB "kinds.xlsx", NULL, want);
	expect(WB "inline.xlsx", NULL, want);
}
END_TEST

START_TEST(written_by_libreoffice)
{
	/*
	 * LibreOffice counts from 1899-12-30 without Lotus's 1900-02-29, so
	 * it saves 1900-02-28 as serial 60, which Excel (and so track)
	 * reads as 1900-02-29; the .ods says 1900-02-28 in words.
	 */
	expect(WB "errors.xlsx", NULL, "H/3:pupil|reading|tested\n"
	    "2/3:Ali|100|2025-09-01\n3/3!3:Bea|#N/A|1900-02-29\n"
	    "7/3:Cy|0.1|1900-03-01\nEOF\n");
	expect(WB "errors.ods", NULL, "H/3:pupil|reading|tested\n"
	    "2/3:Ali|100|2025-09-01\n3/3!3:Bea|#N/A|1900-02-28\n"
	    "7/3:Cy|0.1|1900-03-01\nEOF\n");
	/* libfreexl gives no error cells: #N/A is empty in the .xls. */
	expect(WB "errors.xls", NULL, "H/3:pupil|reading|tested\n"
	    "2/3:Ali|100|2025-09-01\n3/3:Bea||1900-02-29\n"
	    "7/3:Cy|0.1|1900-03-01\nEOF\n");
	expect(WB "date1904.xlsx", NULL, "H/3:pupil|reading|tested\n"
	    "2/3:Ali|100|2025-09-01\n3/3!3:Bea|#N/A|1904-01-02\n"
	    "7/3:Cy|0.1|1904-01-01\nEOF\n");
}
END_TEST

START_TEST(same_as_csv)
{
	/* The example marksheet as CSV and as LibreOffice saved it. */
	char *csv = dump("examples/school/raw/marksheet-2025-26.csv", NULL);
	char *x = dump(WB "marksheet-2025-26.xlsx", NULL);
	char *o = dump(WB "marksheet-2025-26.ods", NULL);
	char *s = dump(WB "marksheet-2025-26.xls", NULL);

	ck_assert_str_eq(x, csv);
	ck_assert_str_eq(o, csv);
	ck_assert_str_eq(s, csv);
	free(csv);
	free(x);
	free(o);
	free(s);
}
END_TEST

static Suite *
workbook_suite(void)
{
	Suite *s = suite_create("workbook");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, tmp_setup, tmp_teardown);
	tcase_add_test(tc, shared_and_rich_strings);
	tcase_add_test(tc, inline_str_and_booleans);
	tcase_add_test(tc, sparse_and_out_of_order);
	tcase_add_test(tc, numbers_shortest);
	tcase_add_test(tc, dates_1900);
	tcase_add_test(tc, dates_1904);
	tcase_add_test(tc, error_cell_position);
	tcase_add_test(tc, sheet_choice);
	tcase_add_test(tc, header_position);
	tcase_add_test(tc, skip_lines_and_long_cell);
	tcase_add_test(tc, damaged_xml);
	tcase_add_test(tc, zip_bomb_refused);
	tcase_add_test(tc, not_workbooks);
	tcase_add_test(tc, encrypted_entry);
	tcase_add_test(tc, from_stdin_pipe);
	tcase_add_test(tc, ods_repeats);
	tcase_add_test(tc, ods_values);
	tcase_add_test(tc, ods_encrypted);
	tcase_add_test(tc, written_by_libxlsxwriter);
	tcase_add_test(tc, written_by_libreoffice);
	tcase_add_test(tc, same_as_csv);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(workbook_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
