/* cli.c - common command-line behaviour; see cli.h. */
#include "cli.h"
#include "base/str.h"
#include "record/records.h"
#include "report/suppress.h"
#include "cli_int.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <locale.h>
#include <malloc.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

/* static state: the program's name, set once by cli_init (getprogname). */
const char *cli_progname = "track";

void
cli_init(struct cli_common *c, const char *progname, unsigned flags)
{
	const char *term = getenv("TERM");

	cli_progname = progname;
	setlocale(LC_CTYPE, "");
	signal(SIGPIPE, SIG_IGN);
	memset(c, 0, sizeof *c);
	c->format = TRACK_FMT_CSV;
	c->guard = (flags & CLI_REPORT) != 0;
	c->jobs = 1;
	c->ropts.keep_raw = (flags & CLI_RAW) != 0;
	if (flags & CLI_JOBS) {
		cli_jobs_default(c);
		/*
		 * One malloc arena for every thread: a reading thread
		 * allocates only as its buffers grow, and an arena of its
		 * own reserves 64 MiB of address space, which a long field
		 * under `ulimit -v` cannot spare.
		 */
		mallopt(M_ARENA_MAX, 1);
	}
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
	char where[600];

	if (err->file != NULL)
		cli_error("%s: %s", error_where(where, sizeof where, err->file,
		    err->line, err->col), err->text);
	else
		cli_error("%s", err->text);
	if (err->kind == TRACK_EXIT_DATA)
		cli_tally(err, 0);
}

void
cli_report_warning(const track_error *err)
{
	char where[600];

	if (err->file != NULL)
		cli_warn("%s: %s", error_where(where, sizeof where, err->file,
		    err->line, err->col), err->text);
	else
		cli_warn("%s", err->text);
	cli_tally(err, 1);
}

void
cli_version(void)
{
	printf("%s (track) %s\n", cli_progname, TRACK_VERSION);
}

int
cli_getopt(struct cli_common *c, int argc, char **argv, const char *shortopts,
    const struct option *longopts, void (*usage)(int))
{
	int opt, common;

	while ((opt = getopt_long(argc, argv, shortopts, longopts,
	    NULL)) != -1) {
		if (opt == '?') {
			usage(TRACK_EXIT_USAGE);
			return CLI_OPT_BAD;
		}
		common = cli_option(c, opt, optarg);
		if (common < 0)
			return CLI_OPT_BAD;
		if (common == 0)
			return opt;
	}
	c->args = argv + optind;
	c->nargs = optind < argc ? (size_t)(argc - optind) : 0;
	return -1;
}

/* --list-sheets: each operand's sheets, one a line; returns the status. */
static int
list_sheets(const struct cli_common *c)
{
	char *const stdin_only[] = { "-" };
	char *const *files = c->nargs > 0 ? c->args : stdin_only;
	size_t nfiles = c->nargs > 0 ? c->nargs : 1, i, j, n;
	track_error err;
	char **names;
	int rc, status = 0;

	for (i = 0; i < nfiles; i++) {
		rc = reader_sheets(files[i], &c->ropts, &names, &n, &err);
		if (rc != 0) {
			cli_report(&err);
			status = error_graver(status, rc);
			continue;
		}
		for (j = 0; j < n; j++)
			printf("%s%s%s\n", nfiles > 1 ? files[i] : "",
			    nfiles > 1 ? ":" : "", names[j]);
		reader_sheets_free(names, n);
	}
	return status;
}

int
cli_help_version(struct cli_common *c, void (*usage)(int))
{
	if (c->help)
		usage(0);
	else if (c->version)
		cli_version();
	else if (c->list_sheets)
		c->list_status = list_sheets(c);
	return c->help || c->version || c->list_sheets;
}

int
cli_min_group(const char *arg, int *out)
{
	long v = suppress_min_group_parse(arg);

	if (v < 0) {
		cli_error("--min-group \"%s\": give a whole number, e.g. 5",
		    arg);
		return TRACK_EXIT_USAGE;
	}
	*out = (int)v;
	return 0;
}

int
cli_no_html(const struct cli_common *c)
{
	if (c->format != TRACK_FMT_HTML)
		return 0;
	cli_error("-F html: pipe -F json into track-report for the "
	    "governors' pack");
	return TRACK_EXIT_USAGE;
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

/*
 * -F: a writer's format, or "ctf" where the program writes it (the
 * format is then csv, which carries the text).  1, or -1 after saying why.
 */
static int
format_option(struct cli_common *c, const char *arg)
{
	c->ctf = c->ctf_ok && strcmp(arg, "ctf") == 0;
	if (c->ctf) {
		c->format = TRACK_FMT_CSV;
		return 1;
	}
	if (writer_format_parse(arg, &c->format) != 0) {
		cli_error("unknown format \"%s\" (use csv, tsv, json, table, "
		    "markdown%s or xlsx)", arg, c->ctf_ok ? ", ctf" : "");
		return -1;
	}
	return 1;
}

int
cli_option(struct cli_common *c, int opt, const char *arg)
{
	switch (opt) {
	case 'o':
		c->output = arg;
		return 1;
	case 'j':	/* only where the program takes -j */
		return cli_jobs_option(c, arg) == 0 ? 1 : -1;
	case 'F':
		return format_option(c, arg);
	case 's':
		c->scheme = arg;
		return 1;
	case 'e':
		c->ropts.encoding = arg;
		c->encoding_set = 1;
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
		c->delimiter_set = 1;
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
	case CLI_OPT_BOM:
		c->bom = 1;
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
	case CLI_OPT_SHEET:
		if (*arg == '\0') {
			cli_error("--sheet: give a sheet's name or number "
			    "(1 is the first)");
			return -1;
		}
		c->ropts.sheet = arg;
		return 1;
	case CLI_OPT_LIST_SHEETS:
		c->list_sheets = 1;
		return 1;
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

/* ---- Inputs: what an output may not be more open than, or overwrite ---- */

struct cli_input_id {
	dev_t dev;
	ino_t ino;
	mode_t mode;
};

void
cli_common_free(struct cli_common *c)
{
	if (c == NULL)
		return;
	free(c->in);
	c->in = NULL;
	c->nin = c->in_cap = 0;
	c->in_oom = 0;
}

static void
input_add(struct cli_common *c, const struct stat *st)
{
	struct cli_input_id *v;
	size_t cap;

	if (c->nin == c->in_cap) {
		cap = c->in_cap ? c->in_cap * 2 : 8;
		v = realloc(c->in, cap * sizeof *v);
		if (v == NULL) {
			c->in_oom = 1;
			return;
		}
		c->in = v;
		c->in_cap = cap;
	}
	c->in[c->nin].dev = st->st_dev;
	c->in[c->nin].ino = st->st_ino;
	c->in[c->nin].mode = st->st_mode;
	c->nin++;
}

void
cli_inputs(struct cli_common *c, char *const *files, size_t n)
{
	struct stat st;
	size_t i;
	int rc;

	if (n == 0 && fstat(STDIN_FILENO, &st) == 0)
		input_add(c, &st);
	for (i = 0; i < n; i++) {
		rc = strcmp(files[i], "-") == 0 ? fstat(STDIN_FILENO, &st) :
		    stat(files[i], &st);
		if (rc == 0)
			input_add(c, &st);
	}
}

/* Nonzero when `st` is one of the inputs (a character device never is). */
static int
is_input(const struct cli_common *c, const struct stat *st)
{
	size_t i;

	if (S_ISCHR(st->st_mode))
		return 0;
	for (i = 0; i < c->nin; i++)
		if (c->in[i].dev == st->st_dev && c->in[i].ino == st->st_ino)
			return 1;
	return 0;
}

/*
 * The mode of a new output file: 0666 less the umask, and no more open to
 * its group and others than the most restrictive regular input file.
 */
static mode_t
new_file_mode(const struct cli_common *c)
{
	mode_t mask = umask(0), m;
	size_t i;

	umask(mask);
	m = 0666 & ~mask;
	for (i = 0; i < c->nin; i++)
		if (S_ISREG(c->in[i].mode))
			m &= c->in[i].mode | 0700;
	return m;
}

/* ---- Temporary files, removed when a signal ends the program ---- */

#define MAX_TEMPS 8

/* Read by the signal handler: the paths of the live temporary files. */
/*
 * static state: a signal handler can reach nothing else, so the names of
 * the temporary files to remove, and whether the handlers are set, are
 * the one process-wide state in lib/.
 */
static char *volatile temps[MAX_TEMPS];
/* static state: see temps. */
static int handlers_set;
static const int fatal_signals[] = { SIGINT, SIGTERM, SIGHUP };
#define N_FATAL (sizeof fatal_signals / sizeof fatal_signals[0])

/*
 * On SIGINT, SIGTERM or SIGHUP: removes the temporary files and dies of
 * the same signal (the handler was installed with SA_RESETHAND and
 * SA_NODEFER, so raise() takes the default action at once).  Only
 * async-signal-safe calls.
 */
static void
on_fatal_signal(int sig)
{
	size_t i;

	for (i = 0; i < MAX_TEMPS; i++)
		if (temps[i] != NULL)
			unlink(temps[i]);
	raise(sig);
}

/* Installs the handler for each fatal signal that is not ignored. */
static void
set_handlers(void)
{
	struct sigaction sa, old;
	size_t i;

	if (handlers_set)
		return;
	handlers_set = 1;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_fatal_signal;
	sa.sa_flags = SA_RESETHAND | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < N_FATAL; i++) {
		if (sigaction(fatal_signals[i], NULL, &old) == 0 &&
		    old.sa_handler == SIG_IGN)
			continue;	/* nohup: stay immune */
		sigaction(fatal_signals[i], &sa, NULL);
	}
}

/* Blocks (how = SIG_BLOCK) or unblocks the fatal signals. */
static void
mask_signals(int how)
{
	sigset_t set;
	size_t i;

	sigemptyset(&set);
	for (i = 0; i < N_FATAL; i++)
		sigaddset(&set, fatal_signals[i]);
	sigprocmask(how, &set, NULL);
}

/*
 * Notes temporary file `add`, or with `add` NULL forgets `drop`.  Call it
 * with the fatal signals blocked.
 */
static void
temp_note(char *add, const char *drop)
{
	size_t i;

	for (i = 0; i < MAX_TEMPS; i++) {
		if (add != NULL && temps[i] == NULL) {
			temps[i] = add;
			return;
		}
		if (add == NULL && temps[i] == drop) {
			temps[i] = NULL;
			return;
		}
	}
}

/* ---- Output files ---- */

/*
 * Follows the symbolic links of `name` to the path they end at, which need
 * not exist (a dangling link names the file to create).  Returns a new
 * string, or NULL with errno set.
 */
static char *
follow_links(const char *name)
{
	char *cur = strdup(name), *next, link[PATH_MAX];
	const char *slash;
	struct stat st;
	ssize_t k;
	int depth;

	for (depth = 0; cur != NULL; depth++) {
		if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode))
			return cur;
		k = depth < 40 ? readlink(cur, link, sizeof link - 1) : -1;
		if (k < 0) {
			if (depth >= 40)
				errno = ELOOP;
			free(cur);
			return NULL;
		}
		link[k] = '\0';
		slash = strrchr(cur, '/');
		if (link[0] == '/' || slash == NULL)
			next = strdup(link);
		else if (asprintf(&next, "%.*s/%s", (int)(slash - cur), cur,
		    link) < 0)
			next = NULL;
		free(cur);
		cur = next;
	}
	errno = ENOMEM;
	return NULL;
}

/*
 * Creates the temporary file for f->path in the same directory, with the
 * mode (and, where allowed, the owner) of the file it will replace, or
 * new_file_mode() for a new one, and notes it for the signal handler.
 * Returns its descriptor, or -1 with errno set.
 */
static int
make_temp(struct cli_file *f, const struct stat *old,
    const struct cli_common *c)
{
	const char *slash = strrchr(f->path, '/');
	int fd, e;

	if (slash == NULL) {
		if (asprintf(&f->tmp, ".%s.XXXXXX", f->path) < 0)
			f->tmp = NULL;
	} else if (asprintf(&f->tmp, "%.*s/.%s.XXXXXX",
	    (int)(slash - f->path), f->path, slash + 1) < 0)
		f->tmp = NULL;
	if (f->tmp == NULL) {
		errno = ENOMEM;
		return -1;
	}
	set_handlers();
	mask_signals(SIG_BLOCK);
	fd = mkostemp(f->tmp, O_CLOEXEC);
	e = errno;
	if (fd >= 0)
		temp_note(f->tmp, NULL);
	mask_signals(SIG_UNBLOCK);
	if (fd < 0) {
		free(f->tmp);
		f->tmp = NULL;
		errno = e;
		return -1;
	}
	if (old != NULL) {
		/* chown first: it may clear set-id bits that chmod restores. */
		if ((old->st_uid != geteuid() || old->st_gid != getegid()) &&
		    fchown(fd, old->st_uid, old->st_gid) != 0 &&
		    fchown(fd, (uid_t)-1, old->st_gid) != 0) {
			/* Not allowed: the file becomes the user's own. */
		}
		fchmod(fd, old->st_mode & 07777);
	} else {
		fchmod(fd, new_file_mode(c));
	}
	return fd;
}

/* Opens a connection to the Unix socket at `path`, or returns -1. */
static int
open_socket(const char *path)
{
	struct sockaddr_un sa;
	int fd, e;

	memset(&sa, 0, sizeof sa);
	sa.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof sa.sun_path) {
		errno = ENAMETOOLONG;
		return -1;
	}
	strcpy(sa.sun_path, path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd >= 0 && connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
		e = errno;
		close(fd);
		errno = e;
		fd = -1;
	}
	return fd;
}

/*
 * Opens output file `name` into `f`: a regular file (or a name that does
 * not exist yet) through a temporary file beside it, after following
 * symbolic links; anything else (a FIFO, a device, a socket) in place.
 * `st` (OUT) gets the target's status and *exists whether it has one.
 * Returns 0, or -1 with errno set.
 */
static int
file_resolve(struct cli_file *f, const char *name, struct stat *st,
    int *exists)
{
	memset(f, 0, sizeof *f);
	f->fd = -1;
	*exists = 0;
	f->path = follow_links(name);
	if (f->path == NULL)
		return -1;
	if (stat(f->path, st) == 0)
		*exists = 1;
	else if (errno != ENOENT)
		return -1;
	return 0;
}

/* Opens a file resolved by file_resolve.  Returns 0, or -1 (errno). */
static int
file_open(struct cli_file *f, const struct stat *st, int exists,
    const struct cli_common *c)
{
	f->existed = exists;
	if (exists && S_ISSOCK(st->st_mode))
		f->fd = open_socket(f->path);
	else if (exists && !S_ISREG(st->st_mode))
		f->fd = open(f->path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
	else
		f->fd = make_temp(f, exists ? st : NULL, c);
	return f->fd < 0 ? -1 : 0;
}

/*
 * Finishes file `f` once its writer is flushed.  With `status` 0 or
 * TRACK_EXIT_DATA and `keep` nonzero, a temporary file is synced, closed
 * and renamed over the target; otherwise it is removed and the target is
 * left as it was.  Returns `status`, or TRACK_EXIT_IO when a step failed.
 */
static int
file_close(struct cli_file *f, int status, int keep)
{
	int ok = keep && (status == 0 || status == TRACK_EXIT_DATA);

	if (f->path == NULL)
		return status;
	if (f->tmp != NULL && ok && fsync(f->fd) != 0) {
		cli_error("cannot write %s: %s", f->path, strerror(errno));
		status = TRACK_EXIT_IO;
		ok = 0;
	}
	if (f->fd >= 0 && close(f->fd) != 0 && ok) {
		cli_error("cannot write %s: %s", f->path, strerror(errno));
		status = TRACK_EXIT_IO;
		ok = 0;
	}
	f->fd = -1;
	if (f->tmp != NULL) {
		mask_signals(SIG_BLOCK);
		if (ok && rename(f->tmp, f->path) != 0) {
			cli_error("cannot rename %s to %s: %s", f->tmp,
			    f->path, strerror(errno));
			status = TRACK_EXIT_IO;
			ok = 0;
		}
		if (!ok)
			unlink(f->tmp);
		temp_note(NULL, f->tmp);
		mask_signals(SIG_UNBLOCK);
	}
	free(f->path);
	free(f->tmp);
	f->path = f->tmp = NULL;
	return status;
}

/*
 * The usage errors of -F xlsx and --bom before anything is opened: a
 * workbook only to a regular file named by -o (`exists` and `st` say
 * what is there), a byte order mark only on CSV and TSV.  Returns 0, or
 * TRACK_EXIT_USAGE after saying why.
 */
static int
output_usage(const struct cli_common *c, const struct stat *st, int exists)
{
	int file = c->output != NULL && strcmp(c->output, "-") != 0;

	if (c->bom && c->format != TRACK_FMT_CSV &&
	    c->format != TRACK_FMT_TSV) {
		cli_error("--bom goes with csv or tsv output");
		return TRACK_EXIT_USAGE;
	}
	if (c->format != TRACK_FMT_XLSX || (file && (!exists ||
	    S_ISREG(st->st_mode))))
		return 0;
	if (!file)
		cli_error("-F xlsx writes a workbook to a file, not to "
		    "standard output: give -o FILE.xlsx");
	else
		cli_error("-F xlsx: %s is not a regular file; a workbook is "
		    "written to a file", c->output);
	return TRACK_EXIT_USAGE;
}

int
cli_output_open(struct cli_output *o, const struct cli_common *c)
{
	track_error err;
	struct stat st;
	int rc, bad, exists = 0;
	unsigned flags = (c->guard ? WRITER_GUARD : 0) |
	    (c->bom ? WRITER_BOM : 0);

	memset(o, 0, sizeof *o);
	o->file.fd = STDOUT_FILENO;
	if (c->output != NULL && strcmp(c->output, "-") != 0) {
		if (c->in_oom) {
			cli_error("out of memory");
			return TRACK_EXIT_IO;
		}
		bad = file_resolve(&o->file, c->output, &st, &exists);
		if (bad == 0 && (rc = output_usage(c, &st, exists)) != 0) {
			file_close(&o->file, rc, 0);
			return rc;
		}
		if (bad != 0 || file_open(&o->file, &st, exists, c) != 0) {
			cli_error("cannot write %s: %s", c->output,
			    strerror(errno));
			file_close(&o->file, TRACK_EXIT_IO, 0);
			return TRACK_EXIT_IO;
		}
	} else if ((rc = output_usage(c, NULL, 0)) != 0) {
		return rc;
	}
	if (c->format == TRACK_FMT_XLSX)
		rc = writer_open_xlsx(&o->w, o->file.tmp, flags, &err);
	else
		rc = writer_open(&o->w, o->file.fd, c->format, flags, &err);
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
			if (writer_broken_pipe(o->w) && o->file.tmp == NULL) {
				/* The reader went away: end quietly. */
			} else {
				cli_report(&err);
				status = TRACK_EXIT_IO;
			}
		}
	}
	writer_free(o->w);
	o->w = NULL;
	return file_close(&o->file, status, 1);
}

/*
 * `path` with its directory made absolute and free of links and dots, for
 * comparing two names of a file that does not exist yet.  Returns a new
 * string, or NULL when out of memory or the directory cannot be resolved.
 */
static char *
canonical(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir, *real, *out = NULL;

	dir = slash == NULL ? strdup(".") : slash == path ? strdup("/") :
	    strndup(path, (size_t)(slash - path));
	real = dir != NULL ? realpath(dir, NULL) : NULL;
	if (real != NULL && asprintf(&out, "%s/%s", real,
	    slash == NULL ? path : slash + 1) < 0)
		out = NULL;
	free(dir);
	free(real);
	return out;
}

/*
 * Nonzero when the file at `b` (resolved, `bst` its status if `bexists`)
 * is also where -o `a` writes.
 */
static int
same_target(const char *a, const char *b, const struct stat *bst,
    int bexists)
{
	char *pa, *ca = NULL, *cb = NULL;
	struct stat st;
	int same;

	if (a == NULL || strcmp(a, "-") == 0)
		return 0;
	pa = follow_links(a);
	if (pa == NULL)
		return 0;
	if (bexists) {
		same = stat(pa, &st) == 0 && !S_ISCHR(st.st_mode) &&
		    st.st_dev == bst->st_dev && st.st_ino == bst->st_ino;
	} else {
		ca = canonical(pa);
		cb = canonical(b);
		same = strcmp(ca != NULL ? ca : pa, cb != NULL ? cb : b) == 0;
	}
	free(pa);
	free(ca);
	free(cb);
	return same;
}

int
cli_rejects_open(struct cli_rejects *rj, const struct cli_common *c)
{
	track_error err;
	struct stat st;
	int exists;

	memset(rj, 0, sizeof *rj);
	rj->file.fd = -1;
	rj->c = c;
	if (c->rejects == NULL)
		return 0;
	if (c->in_oom) {
		cli_error("out of memory");
		return TRACK_EXIT_IO;
	}
	if (file_resolve(&rj->file, c->rejects, &st, &exists) != 0)
		goto io_error;
	if (exists && is_input(c, &st)) {
		cli_error("--rejects %s names an input file; give another "
		    "file for the rejected rows", c->rejects);
		file_close(&rj->file, TRACK_EXIT_USAGE, 0);
		return TRACK_EXIT_USAGE;
	}
	if (same_target(c->output, rj->file.path, &st, exists)) {
		cli_error("--rejects %s is also the -o output; give another "
		    "file for the rejected rows", c->rejects);
		file_close(&rj->file, TRACK_EXIT_USAGE, 0);
		return TRACK_EXIT_USAGE;
	}
	if (file_open(&rj->file, &st, exists, c) != 0)
		goto io_error;
	if (writer_open(&rj->w, rj->file.fd, TRACK_FMT_CSV, 0, &err) != 0) {
		cli_report(&err);
		file_close(&rj->file, TRACK_EXIT_IO, 0);
		return TRACK_EXIT_IO;
	}
	return 0;
io_error:
	cli_error("cannot write %s: %s", c->rejects, strerror(errno));
	file_close(&rj->file, TRACK_EXIT_IO, 0);
	return TRACK_EXIT_IO;
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
cli_rejects_close(struct cli_rejects *rj, int status)
{
	track_error err;
	struct stat st;

	if (rj->w != NULL && (status == 0 || status == TRACK_EXIT_DATA) &&
	    writer_finish(rj->w, &err) != 0) {
		cli_report(&err);
		status = TRACK_EXIT_IO;
	}
	writer_free(rj->w);
	rj->w = NULL;
	/*
	 * An input recorded after the open (a --roll read by
	 * cli_read_records) is still never replaced.
	 */
	if (rj->file.tmp != NULL && rj->file.existed &&
	    (status == 0 || status == TRACK_EXIT_DATA) &&
	    stat(rj->file.path, &st) == 0 && is_input(rj->c, &st)) {
		cli_error("--rejects %s names an input file; give another "
		    "file for the rejected rows", rj->file.path);
		status = TRACK_EXIT_USAGE;
	}
	/* Nothing rejected and no file there before: leave none. */
	return file_close(&rj->file, status,
	    rj->header_done || rj->file.existed);
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void
cli_progress(struct cli_common *c, unsigned long long rows)
{
	double t;

	if (!c->progress || (rows & CLI_PROGRESS_EVERY) != 0)
		return;
	t = now();
	if (c->progress_start == 0) {
		c->progress_start = c->progress_last = t;
		return;
	}
	if (t - c->progress_start < 1.0 || t - c->progress_last < 0.25)
		return;
	c->progress_last = t;
	c->progress_shown = 1;
	fprintf(stderr, "\r%s: %llu rows, %.0f rows/s ", cli_progname, rows,
	    (double)rows / (t - c->progress_start));
}

void
cli_progress_done(struct cli_common *c)
{
	if (c->progress && c->progress_shown)
		fprintf(stderr, "\r\033[K");
	c->progress_shown = 0;
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

int
cli_shard_option(const char *arg, unsigned long *i, unsigned long *n)
{
	if (cli_parse_shard(arg, i, n) == 0)
		return 0;
	cli_error("bad --shard \"%s\" (I/N with 1 <= I <= N, e.g. 2/8)",
	    arg);
	return TRACK_EXIT_USAGE;
}

/* Quiet when rj->quiet (cli_read_quiet): an unopened input is then
 * TRACK_EXIT_IO, unsaid. */
int
cli_read_records(struct cli_common *c, char **files, size_t n,
    struct cli_rejects *rj, cli_header_fn header, cli_row_fn row, void *ctx)
{
	track_records *rs = NULL;
	track_error err;
	track_row r;
	const track_str *h;
	size_t nh;
	enum track_read got;
	unsigned long long rows = 0;
	int rc, status = 0, quiet = rj != NULL && rj->quiet;

	if (!quiet)
		cli_inputs(c, files, n);
	rc = records_open(&rs, files, n, &c->ropts, &err);
	if (rc != 0) {
		if (quiet)
			return TRACK_EXIT_IO;
		cli_report(&err);
		return rc;
	}
	h = records_header(rs, &nh);
	if (nh > 0) {
		error_clear(&err);
		rc = header(ctx, h, nh, &err);
		if (rc != 0) {
			if (err.file == NULL)
				err.file = records_name(rs);
			if (rc != CLI_STOP && err.text[0] != '\0' && !quiet)
				cli_report(&err);
			records_close(rs);
			return rc == CLI_STOP ? 0 : rc;
		}
	}
	/* -j N: a second thread reads while this one takes the rows. */
	if (c->jobs > 1 && cli_jobs_read(c, rs, files, n, rj, row, ctx,
	    &status) == 0)
		goto done;
	/* err stays clear between rows: a callback's silence is then seen. */
	error_clear(&err);
	while ((got = records_next(rs, &r, &err)) != TRACK_READ_EOF) {
		if ((++rows & CLI_PROGRESS_EVERY) == 0)
			cli_progress(c, rows);
		if (cli_take_row(rj, h, nh, got, &r, &err, row, ctx, &status))
			break;
	}
done:
	cli_progress_done(c);
	records_close(rs);
	return status;
}

int
cli_read_side(struct cli_common *c, const char *file, cli_header_fn header,
    cli_row_fn row, void *ctx)
{
	char *files[1] = { (char *)file };
	int progress = c->progress, rc;

	c->progress = 0;
	rc = cli_read_records(c, files, 1, NULL, header, row, ctx);
	c->progress = progress;
	return rc;
}

int
cli_read_quiet(struct cli_common *c, char **files, size_t n,
    cli_header_fn header, cli_row_fn row, void *ctx)
{
	struct cli_rejects quiet;
	int progress = c->progress, keep_raw = c->ropts.keep_raw, rc;

	memset(&quiet, 0, sizeof quiet);
	quiet.quiet = 1;
	c->progress = 0;
	c->ropts.keep_raw = 0;	/* nothing is written */
	rc = cli_read_records(c, files, n, &quiet, header, row, ctx);
	c->progress = progress;
	c->ropts.keep_raw = keep_raw;
	return rc;
}

int
cli_exit(struct cli_common *c, int status)
{
	status = error_graver(status, c->list_status);
	cli_tally_print();
	cli_common_free(c);
	if (fclose(stdout) != 0 && status == 0) {
		cli_error("cannot write output");
		return TRACK_EXIT_IO;
	}
	return status;
}

int
cli_run_report(struct cli_common *c, char **files, size_t n,
    cli_header_fn header, cli_row_fn row,
    int (*check)(void *ctx, int status),
    int (*write)(void *ctx, track_writer *w, int status), void *ctx)
{
	struct cli_output out;
	struct cli_rejects rj;
	int rc, status;

	rc = cli_rejects_open(&rj, c);
	if (rc != 0)
		return rc;
	status = cli_read_records(c, files, n, &rj, header, row, ctx);
	status = cli_rejects_close(&rj, status);
	if (status != 0 && status != TRACK_EXIT_DATA)
		return status;
	if (check != NULL)
		status = check(ctx, status);
	rc = cli_output_open(&out, c);
	if (rc != 0)
		return rc;
	return cli_output_close(&out, write(ctx, out.w, status));
}
