/* cli.c - common command-line behaviour; see cli.h. */
#include "cli.h"
#include "records.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

const char *cli_progname = "track";

void
cli_init(struct cli_common *c, const char *progname, int report)
{
	const char *term = getenv("TERM");

	cli_progname = progname;
	setlocale(LC_CTYPE, "");
	signal(SIGPIPE, SIG_IGN);
	memset(c, 0, sizeof *c);
	c->format = TRACK_FMT_CSV;
	c->guard = report;
	c->progress = isatty(STDERR_FILENO) &&
	    !(term != NULL && strcmp(term, "dumb") == 0);
}

static void
vsay(const char *prefix, const char *fmt, va_list ap)
{
	char msg[2048];

	vsnprintf(msg, sizeof msg, fmt, ap);
	fprintf(stderr, "%s: %s%s\n", cli_progname, prefix, msg);
}

void
cli_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay("", fmt, ap);
	va_end(ap);
}

void
cli_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay("warning: ", fmt, ap);
	va_end(ap);
}

void
cli_report(const track_error *err)
{
	if (err->file != NULL && err->line > 0)
		cli_error("%s:%ld: %s", err->file, err->line, err->text);
	else if (err->file != NULL)
		cli_error("%s: %s", err->file, err->text);
	else
		cli_error("%s", err->text);
}

void
cli_version(void)
{
	printf("%s (track) %s\n", cli_progname, TRACK_VERSION);
}

/* Parses a size with an optional K, M or G suffix. */
static int
parse_size(const char *s, size_t *out)
{
	char *end;
	unsigned long long v;
	unsigned shift = 0;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || end == s || *s == '-')
		return -1;
	switch (*end) {
	case 'k': case 'K': shift = 10; end++; break;
	case 'm': case 'M': shift = 20; end++; break;
	case 'g': case 'G': shift = 30; end++; break;
	default: break;
	}
	if (v > (ULLONG_MAX >> shift) || (v << shift) > SIZE_MAX)
		return -1;
	v <<= shift;
	if (*end != '\0' || v == 0)
		return -1;
	*out = (size_t)v;
	return 0;
}

int
cli_option(struct cli_common *c, int opt, const char *arg)
{
	switch (opt) {
	case 'o':
		c->output = arg;
		return 1;
	case 'F':
		if (format_parse(arg, &c->format) != 0) {
			cli_error("unknown format \"%s\" (use csv, tsv, json, "
			    "table or markdown)", arg);
			return -1;
		}
		return 1;
	case 's':
		c->scheme = arg;
		return 1;
	case 'e':
		c->ropts.encoding = arg;
		return 1;
	case 'd':
		if (strcmp(arg, "tab") == 0 || strcmp(arg, "\\t") == 0)
			c->ropts.delimiter = '\t';
		else if (strlen(arg) == 1 && arg[0] != '"' &&
		    arg[0] != '\n' && arg[0] != '\r')
			c->ropts.delimiter = (unsigned char)arg[0];
		else {
			cli_error("bad delimiter \"%s\" (one character, or "
			    "tab)", arg);
			return -1;
		}
		return 1;
	case CLI_OPT_INPUT_FORMAT:
		if (strcmp(arg, "csv") == 0)
			c->ropts.format = TRACK_IN_CSV;
		else if (strcmp(arg, "tsv") == 0)
			c->ropts.format = TRACK_IN_TSV;
		else if (strcmp(arg, "json") == 0 || strcmp(arg, "jsonl") == 0)
			c->ropts.format = TRACK_IN_JSON;
		else if (strcmp(arg, "auto") == 0)
			c->ropts.format = TRACK_IN_AUTO;
		else {
			cli_error("unknown input format \"%s\" (use csv, tsv, "
			    "json or auto)", arg);
			return -1;
		}
		return 1;
	case CLI_OPT_REJECTS:
		c->rejects = arg;
		return 1;
	case CLI_OPT_RAW:
		c->guard = 0;
		c->guard_set = 1;
		return 1;
	case CLI_OPT_EXCEL_SAFE:
		c->guard = 1;
		c->guard_set = 1;
		return 1;
	case CLI_OPT_NO_PROGRESS:
		c->progress = 0;
		return 1;
	case CLI_OPT_MAX_FIELD:
	case CLI_OPT_MAX_COLUMNS: {
		size_t v;

		if (parse_size(arg, &v) != 0) {
			cli_error("bad %s \"%s\" (a positive number, "
			    "optionally with K, M or G)", opt ==
			    CLI_OPT_MAX_FIELD ? "--max-field-size" :
			    "--max-columns", arg);
			return -1;
		}
		if (opt == CLI_OPT_MAX_FIELD)
			c->ropts.max_field = v;
		else
			c->ropts.max_columns = v;
		return 1;
	}
	case 'h':
		c->help = 1;
		return 1;
	case 'V':
		c->version = 1;
		return 1;
	default:
		return 0;
	}
}

/* Creates a temporary file beside `path`; returns its fd or -1. */
static int
make_temp(const char *path, char **tmp)
{
	char *copy = strdup(path), *dir;
	int fd = -1;
	struct stat st;
	mode_t mask;

	*tmp = NULL;
	if (copy == NULL)
		return -1;
	dir = dirname(copy);
	if (asprintf(tmp, "%s/.%s.XXXXXX", dir, basename((char *)path)) < 0) {
		*tmp = NULL;
		free(copy);
		return -1;
	}
	free(copy);
	fd = mkstemp(*tmp);
	if (fd < 0) {
		free(*tmp);
		*tmp = NULL;
		return -1;
	}
	/* Keep the mode of the file we replace, else the usual 0666&~umask. */
	if (stat(path, &st) == 0) {
		fchmod(fd, st.st_mode & 07777);
	} else {
		mask = umask(0);
		umask(mask);
		fchmod(fd, 0666 & ~mask);
	}
	return fd;
}

int
cli_output_open(struct cli_output *o, const struct cli_common *c)
{
	track_error err;
	int rc;

	memset(o, 0, sizeof *o);
	o->fd = STDOUT_FILENO;
	if (c->output != NULL && strcmp(c->output, "-") != 0) {
		o->path = strdup(c->output);
		o->fd = o->path ? make_temp(o->path, &o->tmp) : -1;
		if (o->fd < 0) {
			cli_error("cannot write %s: %s", c->output,
			    strerror(errno));
			free(o->path);
			o->path = NULL;
			return TRACK_EXIT_IO;
		}
	}
	rc = writer_open(&o->w, o->fd, c->format,
	    c->guard ? WRITER_GUARD : 0, &err);
	if (rc != 0) {
		cli_report(&err);
		cli_output_close(o, rc);
		return rc;
	}
	return 0;
}

int
cli_output_close(struct cli_output *o, int status)
{
	track_error err;

	if (o->w != NULL && (status == 0 || status == TRACK_EXIT_DATA)) {
		if (writer_finish(o->w, &err) != 0) {
			if (writer_broken_pipe(o->w) && o->path == NULL) {
				/* The reader went away: end quietly. */
			} else {
				cli_report(&err);
				status = TRACK_EXIT_IO;
			}
		}
	}
	writer_free(o->w);
	o->w = NULL;
	if (o->path != NULL) {
		if ((status == 0 || status == TRACK_EXIT_DATA) &&
		    fsync(o->fd) != 0 && errno != EINVAL) {
			cli_error("cannot write %s: %s", o->path,
			    strerror(errno));
			status = TRACK_EXIT_IO;
		}
		if (close(o->fd) != 0 && status != TRACK_EXIT_IO) {
			cli_error("cannot write %s: %s", o->path,
			    strerror(errno));
			status = TRACK_EXIT_IO;
		}
		if (status == 0 || status == TRACK_EXIT_DATA) {
			if (rename(o->tmp, o->path) != 0) {
				cli_error("cannot rename %s to %s: %s", o->tmp,
				    o->path, strerror(errno));
				status = TRACK_EXIT_IO;
			}
		}
		if (status != 0 && status != TRACK_EXIT_DATA)
			unlink(o->tmp);
		free(o->path);
		free(o->tmp);
		o->path = o->tmp = NULL;
	}
	return status;
}

int
cli_rejects_open(struct cli_rejects *rj, const struct cli_common *c)
{
	track_error err;

	memset(rj, 0, sizeof *rj);
	rj->fd = -1;
	if (c->rejects == NULL)
		return 0;
	rj->fd = open(c->rejects, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0666);
	if (rj->fd < 0) {
		cli_error("cannot write %s: %s", c->rejects, strerror(errno));
		return TRACK_EXIT_IO;
	}
	if (writer_open(&rj->w, rj->fd, TRACK_FMT_CSV, 0, &err) != 0) {
		cli_report(&err);
		close(rj->fd);
		rj->fd = -1;
		return TRACK_EXIT_IO;
	}
	return 0;
}

int
cli_reject_quiet(struct cli_rejects *rj, const track_str *header,
    size_t nheader, const track_row *row)
{
	track_error werr;

	if (rj->w == NULL)
		return 0;
	if (!rj->header_done) {
		rj->header_done = 1;
		if (writer_header(rj->w, header, nheader, &werr) != 0)
			goto fail;
	}
	if (row != NULL && row->n > 0 &&
	    writer_row(rj->w, row->field, row->n, &werr) != 0)
		goto fail;
	return 0;
fail:
	cli_report(&werr);
	return TRACK_EXIT_IO;
}

int
cli_reject(struct cli_rejects *rj, const track_error *err,
    const track_str *header, size_t nheader, const track_row *row)
{
	cli_report(err);
	return cli_reject_quiet(rj, header, nheader, row);
}

int
cli_rejects_close(struct cli_rejects *rj)
{
	track_error err;
	int rc = 0;

	if (rj->w != NULL && writer_finish(rj->w, &err) != 0) {
		cli_report(&err);
		rc = TRACK_EXIT_IO;
	}
	writer_free(rj->w);
	rj->w = NULL;
	if (rj->fd >= 0 && close(rj->fd) != 0 && rc == 0) {
		cli_error("cannot write rejects: %s", strerror(errno));
		rc = TRACK_EXIT_IO;
	}
	rj->fd = -1;
	return rc;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double progress_start, progress_last;
static int progress_shown;

void
cli_progress(const struct cli_common *c, unsigned long long rows)
{
	double t;

	if (!c->progress || (rows & 0xFFFF) != 0)
		return;
	t = now();
	if (progress_start == 0) {
		progress_start = progress_last = t;
		return;
	}
	if (t - progress_start < 1.0 || t - progress_last < 0.25)
		return;
	progress_last = t;
	progress_shown = 1;
	fprintf(stderr, "\r%s: %llu rows, %.0f rows/s ", cli_progname, rows,
	    (double)rows / (t - progress_start));
}

void
cli_progress_done(const struct cli_common *c)
{
	if (c->progress && progress_shown)
		fprintf(stderr, "\r\033[K");
	progress_shown = 0;
}

int
cli_parse_shard(const char *s, unsigned long *i, unsigned long *n)
{
	char *end;

	errno = 0;
	if (*s < '0' || *s > '9')
		return -1;
	*i = strtoul(s, &end, 10);
	if (errno != 0 || *end != '/' || end[1] < '0' || end[1] > '9')
		return -1;
	*n = strtoul(end + 1, &end, 10);
	if (errno != 0 || *end != '\0' || *n == 0 || *i < 1 || *i > *n)
		return -1;
	return 0;
}

long
cli_split_list(const char *s, char sep, char ***out)
{
	size_t n = 1, i, len = strlen(s);
	char **v, *copy;

	for (i = 0; i < len; i++)
		n += s[i] == sep;
	v = malloc(n * sizeof *v + len + 1);
	if (v == NULL)
		return -1;
	copy = (char *)(v + n);
	memcpy(copy, s, len + 1);
	for (i = 0; i < n; i++) {
		v[i] = copy;
		copy += strcspn(copy, (char[]){ sep, '\0' });
		if (*copy == sep)
			*copy++ = '\0';
	}
	*out = v;
	return (long)n;
}

int
cli_read_records(const struct cli_common *c, char **files, size_t n,
    struct cli_rejects *rj, cli_header_fn header, cli_row_fn row, void *ctx)
{
	track_records *rs = NULL;
	track_error err;
	track_row r;
	const track_str *h;
	size_t nh;
	enum track_read got;
	unsigned long long rows = 0;
	int rc, status = 0;

	rc = records_open(&rs, files, n, &c->ropts, &err);
	if (rc != 0) {
		cli_report(&err);
		return rc;
	}
	h = records_header(rs, &nh);
	if (nh > 0) {
		rc = header(ctx, h, nh, &err);
		if (rc != 0) {
			if (err.file == NULL)
				err.file = records_name(rs);
			cli_report(&err);
			records_close(rs);
			return rc;
		}
	}
	while ((got = records_next(rs, &r, &err)) != TRACK_READ_EOF) {
		cli_progress(c, ++rows);
		rc = 0;
		if (got == TRACK_READ_FATAL) {
			cli_report(&err);
			status = TRACK_EXIT_IO;
			break;
		}
		if (got == TRACK_READ_ROW) {
			rc = row(ctx, r.field, &err);
			if (rc != 0 && rc != TRACK_EXIT_DATA) {
				cli_report(&err);
				status = rc;
				break;
			}
			if (rc != 0) {
				err.file = records_name(rs);
				err.line = r.line;
			}
		}
		if (got == TRACK_READ_BAD || rc != 0) {
			status = TRACK_EXIT_DATA;
			if (rj != NULL && cli_reject(rj, &err, h, nh, &r) != 0) {
				status = TRACK_EXIT_IO;
				break;
			}
			if (rj == NULL)
				cli_report(&err);
		}
	}
	cli_progress_done(c);
	records_close(rs);
	return status;
}

int
cli_exit(int status)
{
	if (fclose(stdout) != 0 && status == 0) {
		cli_error("cannot write output");
		return TRACK_EXIT_IO;
	}
	return status;
}
