/* records.c - several inputs as one stream; see records.h. */
#include "records.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/str.h"
#include "base/strmap.h"

struct track_records {
	track_reader **r;
	size_t **map;		/* per input: union index of each column */
	size_t n, cur;
	track_strmap *names;
	track_str *hdr;
	size_t ncols;
	track_str *row;		/* the row in union layout */
	unsigned char *identity; /* input i's layout is the union's */
};

/* Nonzero when input `i` maps its columns onto the union one to one. */
static int
is_identity(const track_records *rs, size_t i)
{
	size_t nh, j;

	reader_header(rs->r[i], &nh);
	if (nh != rs->ncols)
		return 0;
	for (j = 0; j < nh; j++)
		if (rs->map[i][j] != j)
			return 0;
	return 1;
}

int
records_open(track_records **out, char *const *paths, size_t n,
    const struct track_reader_opts *opts, track_error *err)
{
	static char *const stdin_path[] = { "-" };
	track_records *rs;
	size_t i, j, k;
	int rc = 0;

	*out = NULL;
	if (n == 0) {
		paths = stdin_path;
		n = 1;
	}
	rs = calloc(1, sizeof *rs);
	if (rs == NULL)
		return error_set(err, TRACK_EXIT_IO, NULL, 0, "out of memory");
	rs->r = calloc(n, sizeof *rs->r);
	rs->map = calloc(n, sizeof *rs->map);
	rs->names = strmap_new();
	if (rs->r == NULL || rs->map == NULL || rs->names == NULL) {
		rc = error_set(err, TRACK_EXIT_IO, NULL, 0, "out of memory");
		goto out;
	}
	rs->n = n;
	for (i = 0; i < n; i++) {
		const track_str *h;
		size_t nh;

		for (k = 0; k < i; k++) {
			if (strcmp(paths[i], "-") == 0 &&
			    strcmp(paths[k], "-") == 0) {
				rc = error_set(err, TRACK_EXIT_USAGE, NULL, 0,
				    "stdin (-) can be read only once");
				goto out;
			}
		}
		rc = reader_open(&rs->r[i], paths[i], opts, err);
		if (rc != 0)
			goto out;
		h = reader_header(rs->r[i], &nh);
		rs->map[i] = calloc(nh + 1, sizeof **rs->map);
		if (rs->map[i] == NULL) {
			rc = error_set(err, TRACK_EXIT_IO, NULL, 0,
			    "out of memory");
			goto out;
		}
		for (j = 0; j < nh; j++) {
			long id = strmap_intern(rs->names, h[j].ptr, h[j].len,
			    NULL);

			if (id < 0) {
				rc = error_set(err, TRACK_EXIT_IO, NULL, 0,
				    "out of memory");
				goto out;
			}
			rs->map[i][j] = (size_t)id;
		}
	}
	rs->ncols = strmap_count(rs->names);
	rs->hdr = calloc(rs->ncols + 1, sizeof *rs->hdr);
	rs->row = calloc(rs->ncols + 1, sizeof *rs->row);
	if (rs->hdr == NULL || rs->row == NULL) {
		rc = error_set(err, TRACK_EXIT_IO, NULL, 0, "out of memory");
		goto out;
	}
	for (j = 0; j < rs->ncols; j++)
		rs->hdr[j].ptr = strmap_key(rs->names, (long)j,
		    &rs->hdr[j].len);
	rs->identity = calloc(n, 1);
	if (rs->identity == NULL) {
		rc = error_set(err, TRACK_EXIT_IO, NULL, 0, "out of memory");
		goto out;
	}
	for (i = 0; i < n; i++)
		rs->identity[i] = (unsigned char)is_identity(rs, i);
out:
	if (rc != 0) {
		records_close(rs);
		return rc;
	}
	*out = rs;
	return 0;
}

const track_str *
records_header(const track_records *rs, size_t *n)
{
	*n = rs->ncols;
	return rs->hdr;
}

enum track_read
records_next(track_records *rs, track_row *row, track_error *err)
{
	enum track_read got;
	size_t j;

	for (;;) {
		if (rs->cur >= rs->n)
			return TRACK_READ_EOF;
		got = reader_next(rs->r[rs->cur], row, err);
		if (got != TRACK_READ_EOF)
			break;
		rs->cur++;
	}
	if (got != TRACK_READ_ROW)
		return got;
	if (rs->identity[rs->cur])
		return got;
	for (j = 0; j < rs->ncols; j++) {
		rs->row[j].ptr = "";
		rs->row[j].len = 0;
	}
	for (j = 0; j < row->n; j++)
		rs->row[rs->map[rs->cur][j]] = row->field[j];
	row->field = rs->row;
	row->n = rs->ncols;
	row->raw.ptr = NULL;	/* rearranged: no longer the line */
	return got;
}

const char *
records_name(const track_records *rs)
{
	size_t i = rs->cur < rs->n ? rs->cur : rs->n - 1;

	return reader_name(rs->r[i]);
}

const track_reader *
records_first(const track_records *rs)
{
	return rs->r[0];
}

void
records_close(track_records *rs)
{
	size_t i;

	if (rs == NULL)
		return;
	for (i = 0; i < rs->n; i++) {
		reader_close(rs->r[i]);
		free(rs->map[i]);
	}
	free(rs->r);
	free(rs->map);
	free(rs->hdr);
	free(rs->row);
	free(rs->identity);
	strmap_free(rs->names);
	free(rs);
}

long
records_col(const track_str *h, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (str_eq(h[i], name))
			return (long)i;
	return -1;
}

int64_t
records_files_size(char *const *files, size_t n)
{
	struct stat st;
	int64_t bytes = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (strcmp(files[i], "-") == 0 || stat(files[i], &st) != 0 ||
		    !S_ISREG(st.st_mode))
			return -1;
		bytes += (int64_t)st.st_size;
	}
	return bytes;
}
