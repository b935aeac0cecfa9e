/*
 * fuzz_ctf.c - Common Transfer Files: the reader (lib/record/reader_ctf.c)
 * and the import that places their results (lib/assess/import_ctf.c).
 *
 * The first byte chooses the options: the encoding, a small field limit,
 * and whether the pupils are wanted instead of the records.  The rest is
 * the file.  Every row is checked as reader_common.h checks CSV's; then
 * the import reads it with the built-in scheme, and every record it makes
 * must have the output's width and valid fields.
 */
#include "assess/import_ctf.h"
#include "reader_common.h"

static const char *const encodings[] = { NULL, "auto", "windows-1252",
	"UTF-16LE" };

struct seen {
	size_t nout;
};

static int
on_header(void *ctx, const track_str *out, size_t nout, const track_str *in,
    size_t nin)
{
	struct seen *s = ctx;

	(void)out;
	(void)in;
	(void)nin;
	s->nout = nout;
	return 0;
}

static int
on_record(void *ctx, const track_str *f, size_t n)
{
	struct seen *s = ctx;

	FUZZ_ASSERT(n == s->nout);
	check_fields(f, n, 1);
	FUZZ_ASSERT(f[0].len > 0);	/* every record has a pupil */
	return 0;
}

static void
on_problem(void *ctx, const track_error *err, int warning)
{
	(void)ctx;
	(void)warning;
	FUZZ_ASSERT(err->text[0] != '\0');
	FUZZ_ASSERT(err->line >= 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct track_reader_opts o;
	struct seen s = { 0 };
	const struct import_sink k = { on_header, on_record, NULL, NULL, &s,
	    NULL, NULL };
	track_reader *r = NULL;
	track_error err;
	char path[64];
	int fd;

	if (size < 1)
		return 0;
	memset(&o, 0, sizeof o);
	o.encoding = encodings[data[0] & 3];
	o.max_field = (data[0] & 0x08) ? 16 : 0;
	read_all(data + 1, size - 1, &o, NULL);
	fd = fuzz_file(data + 1, size - 1, path, sizeof path);
	if (reader_open(&r, path, &o, &err) == 0 &&
	    reader_format(r) == TRACK_IN_CTF)
		(void)import_ctf_read(fuzz_scheme(), NULL, r,
		    (data[0] >> 4) & 1, on_problem, NULL, &k, &err);
	reader_close(r);
	close(fd);
	return 0;
}
