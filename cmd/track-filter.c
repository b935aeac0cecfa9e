/*
 * track-filter - choose records: predicates, latest point, intersections,
 * columns, shards and pseudonyms.  See track-filter(1).
 */
#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "base/buf.h"
#include "cli/cli.h"
#include "record/pseudo.h"
#include "record/records.h"
#include "scheme/scheme.h"
#include "base/strmap.h"
#include "record/where.h"

enum {
	OPT_ANY = CLI_OPT_FIRST_FREE,
	OPT_LATEST,
	OPT_IN,
	OPT_NOT_IN,
	OPT_SHARD,
	OPT_PSEUDO,
	OPT_KEEP
};

static const struct option longopts[] = {
	CLI_LONGOPTS,
	{ "where", required_argument, NULL, 'w' },
	{ "any", no_argument, NULL, OPT_ANY },
	{ "latest", no_argument, NULL, OPT_LATEST },
	{ "in", required_argument, NULL, OPT_IN },
	{ "not-in", required_argument, NULL, OPT_NOT_IN },
	{ "columns", required_argument, NULL, 'c' },
	{ "shard", required_argument, NULL, OPT_SHARD },
	{ "pseudonymise", required_argument, NULL, OPT_PSEUDO },
	{ "pseudonymize", required_argument, NULL, OPT_PSEUDO },
	{ "keep-column", required_argument, NULL, OPT_KEEP },
	{ NULL, 0, NULL, 0 }
};

static void
usage(int status)
{
	FILE *f = status == 0 ? stdout : stderr;

	fprintf(f,
	    "usage: track-filter [-w EXPR]... [--any] [--latest] [--in FILE] "
	    "[--not-in FILE]\n"
	    "                    [-c LIST] [--shard I/N]\n"
	    "                    [--pseudonymise KEYFILE "
	    "[--keep-column LIST]...]\n"
	    "                    [-F FORMAT] [-o FILE] [-s SCHEME] [-e ENC] "
	    "[-d DELIM]\n"
	    "                    [--input-format FMT] [--rejects FILE]\n"
	    "                    [--excel-safe | --raw] [--max-field-size N]\n"
	    "                    [--max-columns N] [--no-progress] [FILE...]\n"
	    "       track-filter -h | -V\n");
	if (status == 0)
		fprintf(f, "See track-filter(1).\n");
}

struct filter {
	struct cli_common c;
	track_where **where;
	size_t nwhere;
	int any;
	int latest;
	const char *in_file, *not_in_file;
	const char *columns;
	unsigned long shard_i, shard_n;
	const char *keyfile;
	const char **keep;	/* --keep-column lists, as given */
	size_t nkeep;

	track_strmap *in_set, *not_in_set;
	track_pseudo *pseudo;
	track_scheme *scheme;
	long pupil_col, name_col;
	size_t *cols;		/* output column -> input column */
	size_t ncols;
	track_str *out;		/* the projected row */
	track_str *outhdr;	/* the projected header */
	char pname[PSEUDO_LEN + 1];
	size_t pnamelen;

	/* --latest */
	long subject_col, measure_col, point_col;
	track_strmap *groups, *points;
	track_buf arena;	/* held rows' fields, NUL after each */
	track_buf key;		/* the group key being built (reused) */
	struct held {
		size_t off;
		long group, point;
	} *held;
	size_t nheld, heldcap;
};

/*
 * Loads the pupil ids of `path` into a new set for --in / --not-in.
 * Returns 0 or an exit status after printing why.
 */
static int
load_set(struct filter *f, const char *path, track_strmap **out)
{
	track_records *rs = NULL;
	track_error err;
	track_row row;
	const track_str *h;
	size_t n;
	long col;
	enum track_read got;
	int rc = 0;
	char *paths[1];
	track_str id;

	paths[0] = (char *)path;
	cli_inputs(&f->c, paths, 1);
	*out = strmap_new();
	if (*out == NULL) {
		cli_error("out of memory");
		return TRACK_EXIT_IO;
	}
	rc = records_open(&rs, paths, 1, &f->c.ropts, &err);
	if (rc != 0) {
		cli_report(&err);
		return rc;
	}
	h = records_header(rs, &n);
	col = records_col(h, n, "pupil");
	if (col < 0 && n > 0) {
		cli_error("%s: no \"pupil\" column to match on", path);
		rc = TRACK_EXIT_DATA;
		goto out;
	}
	while ((got = records_next(rs, &row, &err)) != TRACK_READ_EOF) {
		if (got == TRACK_READ_FATAL) {
			cli_report(&err);
			rc = TRACK_EXIT_IO;
			break;
		}
		if (got == TRACK_READ_BAD) {
			cli_report(&err);
			rc = TRACK_EXIT_DATA;
			continue;
		}
		id = row.field[col];
		id = str_trim(id);
		if (id.len > 0 && strmap_intern(*out, id.ptr, id.len,
		    NULL) < 0) {
			cli_error("out of memory");
			rc = TRACK_EXIT_IO;
			break;
		}
	}
out:
	records_close(rs);
	return rc;
}

/* Nonzero when column name `c` is `word` once case and separators go. */
static int
folds_to(track_str c, const char *word)
{
	size_t i;

	for (i = 0; i < c.len; i++) {
		unsigned char b = (unsigned char)c.ptr[i];

		if (!isalnum(b) && b < 0x80)
			continue;
		if (*word == '\0' || tolower(b) != *word++)
			return 0;
	}
	return *word == '\0';
}

/*
 * For --pseudonymise: sets drop[i] for each column of header `h` that
 * identifies a pupil (the scheme's list, or the built-in one) and that
 * --keep-column does not keep.  `pupil` and `name` are not dropped: they
 * get the pseudonym.  Another column spelled "Pupil" is dropped.  Returns
 * 0, or an exit status after printing why.
 */
static int
find_identifying(struct filter *f, const track_str *h, size_t n,
    unsigned char *drop)
{
	const char *const *ids;
	size_t nids, i, k;
	long c, j;
	char **list;
	int rc = 0;

	ids = scheme_identifying(f->scheme, &nids);
	if (ids == NULL)
		for (ids = pseudo_identifying_default, nids = 0;
		    ids[nids] != NULL; nids++)
			;
	for (i = 0; i < n; i++)
		drop[i] = (long)i != f->pupil_col && (long)i != f->name_col &&
		    (folds_to(h[i], "pupil") || pseudo_identifying(ids, nids,
		    h[i].ptr, h[i].len) != NULL);
	for (k = 0; k < f->nkeep && rc == 0; k++) {
		j = str_split(f->keep[k], ',', &list);
		if (j < 0) {
			cli_error("out of memory");
			return TRACK_EXIT_IO;
		}
		while (j-- > 0 && rc == 0) {
			c = records_col(h, n, list[j]);
			if (c < 0) {
				cli_error("--keep-column: no column \"%s\" in "
				    "the input", list[j]);
				rc = TRACK_EXIT_USAGE;
			} else if (c == f->pupil_col || c == f->name_col) {
				cli_error("--keep-column: \"%s\" always gets "
				    "the pseudonym", list[j]);
				rc = TRACK_EXIT_USAGE;
			} else {
				drop[c] = 0;
			}
		}
		free(list);
	}
	return rc;
}

/* Warns, on one line, that the columns marked in `drop` are left out. */
static int
warn_dropped(const track_str *h, size_t n, const unsigned char *drop)
{
	track_buf b = { NULL, 0, 0 };
	size_t i, k = 0;
	int rc = 0;

	for (i = 0; i < n && rc == 0; i++) {
		if (!drop[i])
			continue;
		if ((k++ > 0 && buf_append(&b, ", ", 2, 0) < 0) ||
		    buf_append(&b, "\"", 1, 0) < 0 ||
		    buf_append(&b, h[i].ptr, h[i].len, 0) < 0 ||
		    buf_append(&b, "\"", 1, 0) < 0)
			rc = -1;
	}
	if (rc == 0 && k > 0 && buf_append(&b, "", 0, 1) < 0)
		rc = -1;
	if (rc != 0)
		cli_error("out of memory");
	else if (k > 0)
		cli_warn("--pseudonymise leaves out %s: %s identif%s a pupil "
		    "(--keep-column keeps a column)", b.ptr,
		    k == 1 ? "it" : "they", k == 1 ? "ies" : "y");
	buf_free(&b);
	return rc == 0 ? 0 : TRACK_EXIT_IO;
}

/*
 * Binds everything that depends on the header: predicates, columns, the
 * pupil column, and with --pseudonymise the columns to leave out.
 * Returns 0 or an exit status after printing why.
 */
static int
bind(struct filter *f, const track_str *h, size_t n)
{
	track_error err;
	unsigned char *drop = NULL;
	size_t i;
	int rc = 0;

	for (i = 0; i < f->nwhere; i++) {
		if (where_bind(f->where[i], h, n, &err) != 0) {
			cli_report(&err);
			return TRACK_EXIT_USAGE;
		}
	}
	f->pupil_col = records_col(h, n, "pupil");
	f->name_col = records_col(h, n, "name");
	if (f->pupil_col < 0 && (f->in_file || f->not_in_file ||
	    f->shard_n || f->keyfile || f->latest)) {
		cli_error("no \"pupil\" column in the input, which --%s needs",
		    f->in_file ? "in" : f->not_in_file ? "not-in" :
		    f->shard_n ? "shard" : f->keyfile ? "pseudonymise" :
		    "latest");
		return TRACK_EXIT_USAGE;
	}
	if (f->latest) {
		f->subject_col = records_col(h, n, "subject");
		f->measure_col = records_col(h, n, "measure");
		f->point_col = records_col(h, n, "point");
		if (f->subject_col < 0 || f->point_col < 0) {
			cli_error("--latest needs \"subject\" and \"point\" "
			    "columns in the input");
			return TRACK_EXIT_USAGE;
		}
	}
	drop = calloc(n + 1, 1);
	if (drop == NULL) {
		cli_error("out of memory");
		return TRACK_EXIT_IO;
	}
	if (f->keyfile != NULL) {
		rc = find_identifying(f, h, n, drop);
		if (rc != 0)
			goto out;
	}
	if (f->columns != NULL) {
		char **list;
		long k = str_split(f->columns, ',', &list);

		if (k < 0) {
			cli_error("out of memory");
			rc = TRACK_EXIT_IO;
			goto out;
		}
		f->cols = calloc((size_t)k, sizeof *f->cols);
		for (i = 0; f->cols != NULL && i < (size_t)k; i++) {
			long c = records_col(h, n, list[i]);

			if (c < 0)
				cli_error("-c: no column \"%s\" in the input",
				    list[i]);
			else if (drop[c])
				cli_error("-c: column \"%s\" identifies a "
				    "pupil, and --pseudonymise leaves it out "
				    "(--keep-column %s keeps it)", list[i],
				    list[i]);
			if (c < 0 || drop[c]) {
				free(list);
				rc = TRACK_EXIT_USAGE;
				goto out;
			}
			f->cols[i] = (size_t)c;
		}
		free(list);
		f->ncols = (size_t)k;
	} else {
		rc = warn_dropped(h, n, drop);
		if (rc != 0)
			goto out;
		f->cols = calloc(n + 1, sizeof *f->cols);
		for (i = 0; f->cols != NULL && i < n; i++)
			if (!drop[i])
				f->cols[f->ncols++] = i;
	}
	f->out = calloc(f->ncols + 1, sizeof *f->out);
	f->outhdr = calloc(f->ncols + 1, sizeof *f->outhdr);
	if (f->cols == NULL || f->out == NULL || f->outhdr == NULL) {
		cli_error("out of memory");
		rc = TRACK_EXIT_IO;
		goto out;
	}
	for (i = 0; i < f->ncols; i++)
		f->outhdr[i] = h[f->cols[i]];
out:
	free(drop);
	return rc;
}

/* Nonzero when the row passes every test. */
static int
wanted(const struct filter *f, const track_str *row)
{
	size_t i;

	if (f->nwhere > 0) {
		int ok = !f->any;

		for (i = 0; i < f->nwhere; i++) {
			int m = where_match(f->where[i], row);

			if (f->any && m) {
				ok = 1;
				break;
			}
			if (!f->any && !m) {
				ok = 0;
				break;
			}
		}
		if (!ok)
			return 0;
	}
	if (f->pupil_col >= 0) {
		track_str p = row[f->pupil_col];

		/* Ids are compared trimmed, as the reports compare them. */
		p = str_trim(p);
		if (f->in_set && strmap_find(f->in_set, p.ptr, p.len) < 0)
			return 0;
		if (f->not_in_set &&
		    strmap_find(f->not_in_set, p.ptr, p.len) >= 0)
			return 0;
		if (f->shard_n &&
		    pseudo_shard(p.ptr, p.len, f->shard_n) != f->shard_i)
			return 0;
	}
	return 1;
}

/*
 * Projects the row onto the output columns, pseudonymising, and returns
 * the row to write: `row` itself when there is nothing to change.
 */
static const track_str *
project(struct filter *f, const track_str *row)
{
	size_t i;

	if (f->columns == NULL && f->pseudo == NULL)
		return row;

	if (f->pseudo != NULL) {
		track_str p = row[f->pupil_col];

		f->pnamelen = pseudo_make(f->pseudo, p.ptr, p.len, f->pname);
	}
	for (i = 0; i < f->ncols; i++) {
		long c = (long)f->cols[i];

		f->out[i] = row[c];
		if (f->pseudo != NULL && (c == f->pupil_col ||
		    c == f->name_col)) {
			f->out[i].ptr = f->pname;
			f->out[i].len = f->pnamelen;
		}
	}
	return f->out;
}

/*
 * Appends field `v`, trimmed, to f->key as its length (a varint) and its
 * bytes, so that no two different lists of fields give one key: ("ab",
 * "c") and ("a", "bc") differ, however long the fields.  Returns -1 when
 * out of memory.
 */
static int
key_add(struct filter *f, track_str v)
{
	char len[10];
	size_t n;

	v = str_trim(v);
	n = (size_t)(buf_put_varint(len, v.len) - len);
	if (buf_append(&f->key, len, n, 0) < 0 ||
	    buf_append(&f->key, v.ptr, v.len, 0) < 0)
		return -1;
	return 0;
}

/*
 * Holds projected row `out` for --latest, with the ids of its (pupil,
 * subject, measure) group and of its point, read from input row `row`;
 * each is trimmed, as the reports trim them.  The key is built in a
 * buffer that is reused, so a record costs no allocation of its own.
 * Returns -1 when out of memory.
 */
static int
hold(struct filter *f, const track_str *row, const track_str *out)
{
	track_str m = f->measure_col >= 0 ? row[f->measure_col] :
	    (track_str){ "", 0 };
	track_str pt = row[f->point_col];
	size_t i;
	struct held *h;

	m = str_trim(m);
	if (m.len == 0)
		m = (track_str){ "ta", 2 };
	pt = str_trim(pt);
	f->key.len = 0;
	if (key_add(f, row[f->pupil_col]) != 0 ||
	    key_add(f, row[f->subject_col]) != 0 || key_add(f, m) != 0)
		return -1;
	if (f->nheld == f->heldcap) {
		size_t cap = f->heldcap ? f->heldcap * 2 : 4096;

		h = realloc(f->held, cap * sizeof *h);
		if (h == NULL)
			return -1;
		f->held = h;
		f->heldcap = cap;
	}
	h = &f->held[f->nheld];
	h->off = f->arena.len;
	h->group = strmap_intern(f->groups, f->key.ptr, f->key.len, NULL);
	h->point = strmap_intern(f->points, pt.ptr, pt.len, NULL);
	if (h->group < 0 || h->point < 0)
		return -1;
	for (i = 0; i < f->ncols; i++)
		if (buf_append(&f->arena, out[i].ptr, out[i].len, 1) < 0)
			return -1;
	f->nheld++;
	return 0;
}

static const track_scheme *sort_scheme;
static const track_strmap *sort_points;

static int
cmp_points(const void *a, const void *b)
{
	size_t la, lb;
	const char *pa = strmap_key(sort_points, *(const long *)a, &la);
	const char *pb = strmap_key(sort_points, *(const long *)b, &lb);

	return scheme_point_compare(sort_scheme, pa, la, pb, lb);
}

/* Writes the held rows whose point is their group's latest, in order. */
static int
flush_latest(struct filter *f, track_writer *w)
{
	size_t np = strmap_count(f->points), ng = strmap_count(f->groups), i;
	long *order = calloc(np + 1, sizeof *order);
	long *rank = calloc(np + 1, sizeof *rank);
	long *best = calloc(ng + 1, sizeof *best);
	track_error err;
	int rc = 0;

	if (order == NULL || rank == NULL || best == NULL) {
		cli_error("out of memory");
		rc = TRACK_EXIT_IO;
		goto out;
	}
	for (i = 0; i < np; i++)
		order[i] = (long)i;
	sort_scheme = f->scheme;
	sort_points = f->points;
	qsort(order, np, sizeof *order, cmp_points);
	for (i = 0; i < np; i++)
		rank[order[i]] = (long)i;
	for (i = 0; i < ng; i++)
		best[i] = -1;
	for (i = 0; i < f->nheld; i++)
		if (rank[f->held[i].point] > best[f->held[i].group])
			best[f->held[i].group] = rank[f->held[i].point];
	for (i = 0; i < f->nheld && rc == 0; i++) {
		const char *p = f->arena.ptr + f->held[i].off;
		size_t k;

		if (rank[f->held[i].point] != best[f->held[i].group])
			continue;
		for (k = 0; k < f->ncols; k++) {
			f->out[k].ptr = p;
			f->out[k].len = strlen(p);
			p += f->out[k].len + 1;
		}
		if (writer_row(w, f->out, f->ncols, &err) != 0) {
			if (!writer_broken_pipe(w))
				cli_report(&err);
			rc = TRACK_EXIT_IO;
		}
	}
out:
	free(order);
	free(rank);
	free(best);
	return rc;
}

/* Reads every record and writes the ones chosen. */
static int
run(struct filter *f, char **files, size_t nfiles)
{
	track_records *rs = NULL;
	struct cli_output out;
	struct cli_rejects rj;
	track_error err;
	track_row row;
	const track_str *h, *o;
	size_t n;
	enum track_read got;
	unsigned long long rows = 0;
	int rc, status = 0, out_open = 0, rj_open = 0;

	rc = records_open(&rs, files, nfiles, &f->c.ropts, &err);
	if (rc != 0) {
		cli_report(&err);
		return rc;
	}
	h = records_header(rs, &n);
	if (n > 0) {
		rc = bind(f, h, n);
		if (rc != 0)
			goto done;
	}
	rc = cli_output_open(&out, &f->c);
	if (rc != 0)
		goto done;
	out_open = 1;
	rc = cli_rejects_open(&rj, &f->c);
	if (rc != 0)
		goto done;
	rj_open = 1;
	if (n > 0 && writer_header(out.w, f->outhdr, f->ncols, &err) != 0)
		goto write_failed;
	while ((got = records_next(rs, &row, &err)) != TRACK_READ_EOF) {
		cli_progress(&f->c, ++rows);
		if (got == TRACK_READ_FATAL) {
			cli_report(&err);
			status = TRACK_EXIT_IO;
			break;
		}
		if (got == TRACK_READ_BAD) {
			status = TRACK_EXIT_DATA;
			if (cli_reject(&rj, &err, h, n, &row) != 0) {
				status = TRACK_EXIT_IO;
				break;
			}
			continue;
		}
		if (!wanted(f, row.field))
			continue;
		o = project(f, row.field);
		if (f->latest) {
			if (hold(f, row.field, o) != 0) {
				cli_error("out of memory");
				status = TRACK_EXIT_IO;
				break;
			}
			continue;
		}
		if (writer_row(out.w, o, f->ncols, &err) != 0)
			goto write_failed;
	}
	if (f->latest && status != TRACK_EXIT_IO)
		status = flush_latest(f, out.w) ? TRACK_EXIT_IO : status;
	cli_progress_done(&f->c);
	rc = status;
	goto done;
write_failed:
	if (!writer_broken_pipe(out.w)) {
		cli_report(&err);
		rc = TRACK_EXIT_IO;
	} else {
		rc = status;
	}
done:
	/* The output first: when it fails (a full disk), no rejects either. */
	if (out_open)
		rc = cli_output_close(&out, rc);
	if (rj_open)
		rc = cli_rejects_close(&rj, rc);
	records_close(rs);
	return rc;
}

int
main(int argc, char **argv)
{
	struct filter f;
	track_error err;
	int opt, rc = 0, loose, set_rc = 0;
	size_t i;

	memset(&f, 0, sizeof f);
	cli_init(&f.c, "track-filter", 0);
	f.pupil_col = f.name_col = -1;
	f.where = calloc((size_t)argc + 1, sizeof *f.where);
	f.keep = calloc((size_t)argc + 1, sizeof *f.keep);
	if (f.where == NULL || f.keep == NULL) {
		cli_error("out of memory");
		return TRACK_EXIT_IO;
	}
	while ((opt = getopt_long(argc, argv, CLI_SHORTOPTS "w:c:", longopts,
	    NULL)) != -1) {
		int common = cli_option(&f.c, opt, optarg);

		if (common < 0) {
			rc = TRACK_EXIT_USAGE;
			goto out;
		}
		if (common > 0)
			continue;
		switch (opt) {
		case 'w':
			if (where_parse(&f.where[f.nwhere], optarg, &err)) {
				cli_report(&err);
				rc = TRACK_EXIT_USAGE;
				goto out;
			}
			f.nwhere++;
			break;
		case OPT_ANY:
			f.any = 1;
			break;
		case OPT_LATEST:
			f.latest = 1;
			break;
		case OPT_IN:
			f.in_file = optarg;
			break;
		case OPT_NOT_IN:
			f.not_in_file = optarg;
			break;
		case 'c':
			f.columns = optarg;
			break;
		case OPT_SHARD:
			if (cli_parse_shard(optarg, &f.shard_i, &f.shard_n)) {
				cli_error("bad --shard \"%s\" (I/N with 1 <= I "
				    "<= N, e.g. 2/8)", optarg);
				rc = TRACK_EXIT_USAGE;
				goto out;
			}
			break;
		case OPT_PSEUDO:
			f.keyfile = optarg;
			break;
		case OPT_KEEP:
			f.keep[f.nkeep++] = optarg;
			break;
		default:
			usage(TRACK_EXIT_USAGE);
			rc = TRACK_EXIT_USAGE;
			goto out;
		}
	}
	if (f.c.help) {
		usage(0);
		goto out;
	}
	if (f.c.version) {
		cli_version();
		goto out;
	}
	if (f.nkeep > 0 && f.keyfile == NULL) {
		cli_error("--keep-column needs --pseudonymise (without it "
		    "every column is kept)");
		rc = TRACK_EXIT_USAGE;
		goto out;
	}
	/* The scheme orders points and lists the identifying columns. */
	if (f.latest || f.keyfile != NULL) {
		rc = scheme_load(&f.scheme, f.c.scheme, &err);
		if (rc != 0) {
			cli_report(&err);
			goto out;
		}
	}
	if (f.latest) {
		f.groups = strmap_new();
		f.points = strmap_new();
		if (f.groups == NULL || f.points == NULL) {
			cli_error("out of memory");
			rc = TRACK_EXIT_IO;
			goto out;
		}
	}
	if (f.keyfile != NULL) {
		rc = pseudo_open(&f.pseudo, f.keyfile, &loose, &err);
		if (rc != 0) {
			cli_report(&err);
			goto out;
		}
		if (loose)
			cli_warn("key file %s can be read by others; "
			    "chmod 600 it", f.keyfile);
	}
	/* A bad row in an --in file is reported and the rest still used. */
	if (f.in_file != NULL)
		set_rc = load_set(&f, f.in_file, &f.in_set);
	if ((set_rc == 0 || set_rc == TRACK_EXIT_DATA) && f.not_in_file)
		set_rc = error_graver(set_rc,
		    load_set(&f, f.not_in_file, &f.not_in_set));
	if (set_rc != 0 && set_rc != TRACK_EXIT_DATA) {
		rc = set_rc;
		goto out;
	}
	cli_inputs(&f.c, argv + optind, (size_t)(argc - optind));
	rc = run(&f, argv + optind, (size_t)(argc - optind));
	if (rc == 0)
		rc = set_rc;
out:
	for (i = 0; i < f.nwhere; i++)
		where_free(f.where[i]);
	free(f.where);
	free(f.keep);
	free(f.cols);
	free(f.out);
	free(f.outhdr);
	buf_free(&f.arena);
	buf_free(&f.key);
	free(f.held);
	strmap_free(f.in_set);
	strmap_free(f.not_in_set);
	strmap_free(f.groups);
	strmap_free(f.points);
	pseudo_free(f.pseudo);
	scheme_free(f.scheme);
	return cli_exit(&f.c, rc);
}
