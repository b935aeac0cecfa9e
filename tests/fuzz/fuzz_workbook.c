/*
 * fuzz_workbook.c - the workbook reader (lib/record/workbook*.c) on zip
 * and XML inputs.
 *
 * The first byte chooses what the rest is: a whole file (a zip, an OLE2
 * .xls or anything else), or one part of a workbook built around it with
 * libzip in memory: an .xlsx's sheet, shared strings, styles or
 * workbook.xml, or an .ods's content.xml.  The second byte chooses the
 * options: the sheet, the lines to skip and small limits.  Every row is
 * checked as reader_common.h checks CSV's (the header's width, valid
 * UTF-8, lines that never go back, a message for every bad row).
 */
#include <zip.h>

#include "reader_common.h"

static const char book[] =
    "<workbook xmlns:r=\"r\"><workbookPr/><sheets>"
    "<sheet name=\"Marks\" sheetId=\"1\" r:id=\"rId1\"/>"
    "<sheet name=\"Two\" sheetId=\"2\" r:id=\"rId2\"/>"
    "</sheets></workbook>";
static const char rels[] =
    "<Relationships>"
    "<Relationship Id=\"rId1\" Type=\"x/worksheet\" "
    "Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"x/worksheet\" "
    "Target=\"worksheets/sheet2.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"x/sharedStrings\" "
    "Target=\"sharedStrings.xml\"/>"
    "<Relationship Id=\"rId4\" Type=\"x/styles\" Target=\"styles.xml\"/>"
    "</Relationships>";
static const char sheet[] =
    "<worksheet><sheetData><row r=\"1\"><c t=\"s\"><v>0</v></c>"
    "<c t=\"s\"><v>1</v></c><c t=\"inlineStr\"><is><t>d</t></is></c></row>"
    "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>2</v></c><c s=\"1\"><v>60</v></c>"
    "<c r=\"C3\" s=\"2\"><v>45901.5</v></c></row><row><c t=\"e\"><v>#N/A"
    "</v></c><c t=\"b\"><v>1</v></c><c><v>0.1</v></c></row>"
    "</sheetData></worksheet>";
static const char sst[] =
    "<sst><si><t>a</t></si><si><r><t>b</t></r><r><t>c</t></r></si>"
    "<si><t>x</t><rPh><t>y</t></rPh></si></sst>";
static const char styles[] =
    "<styleSheet><numFmts><numFmt numFmtId=\"164\" formatCode=\"d/m/y\"/>"
    "</numFmts><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/>"
    "<xf numFmtId=\"164\"/></cellXfs></styleSheet>";

/* A zip of the given entries (pairs of name and text, `n` of them), in
 * memory; returns its bytes (the caller frees them) and *len. */
static uint8_t *
mkzip(const char *const *e, const size_t *elen, size_t n, size_t *len)
{
	zip_error_t ze;
	zip_source_t *src, *f;
	zip_t *z;
	zip_int64_t size;
	uint8_t *out;
	size_t i;

	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	FUZZ_ASSERT(src != NULL);
	zip_source_keep(src);
	z = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	FUZZ_ASSERT(z != NULL);
	for (i = 0; i < n; i++) {
		f = zip_source_buffer(z, e[2 * i + 1], elen[i], 0);
		FUZZ_ASSERT(f != NULL);
		FUZZ_ASSERT(zip_file_add(z, e[2 * i], f, 0) >= 0);
	}
	FUZZ_ASSERT(zip_close(z) == 0);
	FUZZ_ASSERT(zip_source_open(src) == 0);
	FUZZ_ASSERT(zip_source_seek(src, 0, SEEK_END) == 0);
	size = zip_source_tell(src);
	FUZZ_ASSERT(size >= 0 && zip_source_seek(src, 0, SEEK_SET) == 0);
	out = malloc((size_t)size + 1);
	FUZZ_ASSERT(out != NULL);
	FUZZ_ASSERT(zip_source_read(src, out, (zip_uint64_t)size) == size);
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&ze);
	*len = (size_t)size;
	return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const sheets[] = { NULL, "2", "Two", "Nope" };
	struct track_reader_opts o;
	const char *e[12];
	size_t elen[6], n = 0, len, i;
	char *part;
	uint8_t *file;
	int mode;

	if (size < 2)
		return 0;
	memset(&o, 0, sizeof o);
	mode = data[0] % 6;
	o.sheet = sheets[data[1] & 3];
	o.skip_lines = (data[1] >> 2) & 3;
	o.max_field = (data[1] & 16) ? 8 : 0;
	o.max_columns = (data[1] & 32) ? 3 : 0;
	o.max_entry = (data[1] & 64) ? 4096 : 0;
	if (mode == 0) {
		read_all(data + 2, size - 2, &o, NULL);
		return 0;
	}
	part = fuzz_string(data + 2, size - 2);
	if (mode == 5) {
		e[0] = "mimetype";
		e[1] = "application/vnd.oasis.opendocument.spreadsheet";
		e[2] = "content.xml";
		e[3] = part;
		n = 2;
	} else {
		e[0] = "xl/workbook.xml";
		e[1] = mode == 4 ? part : book;
		e[2] = "xl/_rels/workbook.xml.rels";
		e[3] = rels;
		e[4] = "xl/worksheets/sheet1.xml";
		e[5] = mode == 1 ? part : sheet;
		e[6] = "xl/worksheets/sheet2.xml";
		e[7] = mode == 1 ? sheet : part;
		e[8] = "xl/sharedStrings.xml";
		e[9] = mode == 2 ? part : sst;
		e[10] = "xl/styles.xml";
		e[11] = mode == 3 ? part : styles;
		n = 6;
	}
	for (i = 0; i < n; i++)
		elen[i] = e[2 * i + 1] == part ? size - 2 :
		    strlen(e[2 * i + 1]);
	file = mkzip(e, elen, n, &len);
	read_all(file, len, &o, NULL);
	free(file);
	free(part);
	return 0;
}
