/*
 * import_int.h - the inside of an importer (see import.h), shared by the
 * files that make it up:
 *
 *   import.c           the importer: its rows made into records, the memos
 *                      that keep them fast, the read loop (import_read)
 *   import_header.c    the header: columns matched and renamed, --set,
 *                      --unpivot column names split into the --key fields
 *   import_norm.c      one value normalised as a canonical field or a
 *                      group column (the scheme's aliases, "did you mean")
 *   import_join.c      the --join file, read into a row per pupil
 *   import_values.c    values built from columns (--set templates) and
 *                      recoded (--recode)
 *
 * Nothing outside lib/assess/import*.c includes this header (but the
 * Check suites).  Its functions carry the prefix import_ and follow the
 * importer's rules: no printing (problems go to the problem callback or
 * into a track_error), a status or -1 as each one says.
 */
#ifndef TRACK_IMPORT_INT_H
#define TRACK_IMPORT_INT_H

#include <stddef.h>
#include <stdint.h>

#include "import.h"
#include "base/buf.h"
#include "base/strmap.h"

/* The canonical columns, in output order. */
enum import_field {
	F_PUPIL, F_NAME, F_YEAR, F_AGAINST, F_SUBJECT, F_POINT, F_MEASURE,
	F_VALUE, F_OBJECTIVE, F_DOB, F_DATE, F_OTHER
};

/* Their names, F_PUPIL .. F_DATE. */
extern const char *const import_canonical[F_OTHER];

enum import_kind {
	K_SRC,		/* a column of the export */
	K_KEY,		/* a part of an unpivoted column's name */
	K_VALUE,	/* an unpivoted cell */
	K_SET,		/* a --set constant or template */
	K_JOIN,		/* a column of the join file */
	K_SOURCE,	/* --provenance: the export's name */
	K_SOURCE_LINE	/* --provenance: the row's line */
};

/* A part of a --set template: text, or the trimmed cell of a column. */
struct tpart {
	char *text;		/* the text, with "{{" read as "{" */
	size_t len;
	long src;		/* the export column, or -1 for text */
};

/* A --recode of one output column: `from` (trimmed) becomes `to`. */
struct recode {
	const char *from;
	size_t fromlen;
	const char *to;
	size_t tolen;
};

/*
 * A memo remembers what import_normalise() said about each distinct value
 * of one output column.  Exports repeat a handful of values (subjects,
 * points, codes, year groups) hundreds of thousands of times, and the
 * scheme's lookups fold case and format text every time; the memo does
 * that once per distinct value.  Keys are the exact bytes, not folded:
 * "EXS" and "exs" are two entries with the same answer, which costs little
 * and keeps the memo from having to know the scheme's rules.  Failures and
 * warnings are remembered with their message, so each bad record is still
 * reported as it was.  The value column's key also holds the subject,
 * measure and point it was checked against (see normalise_value in
 * import.c).
 *
 * The table is open addressing with linear probing, at most half full.
 * An entry's text lives in its own allocation, which never moves, so a
 * record may point into it while the table grows.
 */
struct memo_ent {
	char *blob;		/* key, NUL, out, NUL, why, NUL; NULL: empty */
	uint64_t hash;
	uint64_t w0, w1;	/* the key's first 16 bytes (see mkey_make) */
	size_t keylen, outlen;
	const char *why;	/* in blob; for status != 0 */
	int status;		/* what import_normalise() returned */
	int same;		/* out is the text that was asked about */
	long id;		/* 0, 1, 2, ... in the order added */
};

struct memo {
	struct memo_ent *slot;
	size_t nslots;		/* 0 or a power of two */
	unsigned shift;		/* 64 - log2(nslots): hash >> shift is a slot */
	size_t count;
	size_t last;		/* the slot memo_find() found last */
};

/*
 * The room import_normalise() gets for formatted text and for a message.
 * The text is a canonical point or value, which the scheme's limit on ids
 * bounds; a message shows at most SHOWN bytes of a bad value.
 */
#define NORM_BUF 256
#define NORM_WHY 400
_Static_assert(NORM_BUF >= SCHEME_POINT_MAX && NORM_BUF >= SCHEME_VALUE_MAX,
    "import_normalise() writes a known point or a value");

/* The bytes of a bad value a message shows; a longer one ends in "...". */
#define SHOWN 80
#define SHOW(v) (int)((v).len > SHOWN ? SHOWN : (v).len), (v).ptr, \
	(v).len > SHOWN ? "..." : ""

/* An output column. */
struct ocol {
	char *name;
	size_t namelen;
	enum import_kind kind;
	long src;		/* K_SRC: export column */
	size_t key;		/* K_KEY: index into --key */
	const char *constant;	/* K_SET */
	size_t constlen;	/* strlen(constant) */
	long join;		/* join column (K_JOIN, or fallback), or -1 */
	enum import_field field;
	int group;		/* the scheme has groups for this column */
	struct memo memo;	/* when one_record() normalises it */
	struct tpart *tpl;	/* K_SET: a template's parts, or NULL */
	size_t ntpl;
	track_buf tbuf;		/* the template filled for this row */
	struct recode *rc;	/* its --recode pairs */
	size_t nrc;
};

/* An unpivoted column of the export: each of its cells is a record. */
struct ucol {
	long src;
	char *label;		/* the trimmed column name, for messages */
	char **part;		/* normalised key values, one per --key */
	size_t *partlen;	/* their lengths */
};

/* A cell of the join file, in jarena. */
struct jcell {
	size_t off, len;
};

struct track_import {
	const struct mapping *m;
	const track_scheme *s;
	import_problem_fn problem;
	void *ctx;
	const track_row *src;	/* the row import_row is on (import_source) */

	struct ocol *oc;
	size_t noc;
	track_str *ohdr;
	struct ucol *uc;
	size_t nuc;
	long col[F_OTHER];	/* output index of each canonical field */
	size_t *chk;		/* the columns normalised before the value */
	size_t nchk;
	unsigned char *chkbuf;	/* chk[j]'s buffer in one_record: 0 a
				   value's, 1 a point's, 2 and 3 dates' */
	long *srcs;		/* when every column is an export column
				   with no --recode, each one's; else NULL */
	long *ans;		/* the memo id of each rec[i], or -1 */
	struct memo vmemo;	/* values by subject, measure and point id */
	track_str *rec;
	unsigned char *joined;	/* rec[i] came from the join file */

	/* The join file: pupil -> row of normalised cells. */
	char *jfile;
	char **jname;
	size_t njcols;
	long jpupil;
	track_strmap *jmap;
	struct jcell *jcell;	/* njcols cells per pupil id */
	size_t jcellcap;	/* pupils jcell has room for */
	track_buf jarena;	/* the cells' text */
	track_strmap *missing;
	char *first_missing;	/* the first such pupil's id, whole */

	const struct import_sink *sink;	/* import_read's */
	const char *file;		/* the export's name, for one_row */
	unsigned say_col;	/* the cell a message is about, 1 for A */
	int header_errors;	/* --strict: unknown columns were errors */
	char linebuf[24];	/* K_SOURCE_LINE's text */
};

/* import.c */

/*
 * Hands a problem to the problem callback: an error, or a warning when
 * `warning` is nonzero, at `file` and `line` (NULL and 0: none).
 */
void import_say(track_import *imp, const char *file, long line, int warning,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Frees what an unpivoted column holds (not `u` itself). */
void import_free_ucol(const track_import *imp, struct ucol *u);

/* import_header.c */

/* The canonical field called `name`, or F_OTHER. */
enum import_field import_field_of(const char *name);

/* A new copy of `s`, trimmed and in lower case, or NULL (no memory). */
char *import_lower_trim(track_str s);

/*
 * The output name of an export column: its rename target when a --rename
 * matches (ignoring case and surrounding space), else its own name;
 * trimmed and in lower case either way.  Returns a new string, or NULL
 * when out of memory.
 */
char *import_out_name(const struct mapping *m, track_str raw);

/*
 * The rename target of export column name `t` (trimmed), ignoring case
 * and surrounding space, or NULL when no --rename names it.
 */
const char *import_rename_of(const struct mapping *m, track_str t);

/* import_values.c */

/*
 * Reads the --set template of output column `c` (its constant) against
 * the export's header: "{Surname}, {Forename}" names two columns,
 * matched like --rename (ignoring case and surrounding space, by the
 * export's name or the renamed one).  A constant with no brace is left
 * alone.  Fails with TRACK_EXIT_USAGE for an unknown column or an
 * unclosed brace, naming the columns there are.
 */
int import_template_parse(track_import *imp, struct ocol *c,
    const track_str *hdr, size_t n, track_error *err);

/*
 * The value template column `c` makes for `row`: its text and the
 * trimmed cells, trimmed; empty when every cell it names is empty.
 * Returns -1 when out of memory.
 */
int import_template_fill(struct ocol *c, const track_row *row,
    track_str *out);

/* Finds output column `c`'s --recode pairs.  Returns 0, or -1 (memory). */
int import_recode_find(const struct mapping *m, struct ocol *c);

/* The value `v` (trimmed) recodes to in column `c`, or `v` itself. */
track_str import_recode(const struct ocol *c, track_str v);

/* The value `v` (trimmed) recodes to in column `field`, or `v` itself. */
track_str import_recode_named(const struct mapping *m, const char *field,
    track_str v);

/* Frees what import_template_parse and import_recode_find made. */
void import_values_free(struct ocol *c);

/* import_norm.c */

/*
 * Normalises `v` as field `f` (or as group column `col`) into *out.
 * Scheme-owned canonical ids are borrowed; values that need formatting are
 * written into `buf`.  `rec` is the record so far (laid out like the
 * output header), for the value's subject, measure and point.  Returns 0;
 * 1 when a deprecated spelling was accepted (`why` says so); or -1 with
 * `why` filled.
 */
int import_normalise(const track_import *imp, enum import_field f,
    const char *col, int group, track_str v, const track_str *rec,
    track_str *out, char *buf, size_t bufsz, char *why, size_t whysz);

/* import_join.c */

/*
 * Reads the join file (imp->m->join) with the reader options `ropts`
 * (NULL: the defaults): one row of normalised characteristics per pupil.
 * Bad rows go to the problem callback.  Returns 0, or a status with `err`
 * filled.
 */
int import_load_join(track_import *imp, const struct track_reader_opts *ropts,
    track_error *err);

/* Frees what import_load_join made. */
void import_free_join(track_import *imp);

#endif
