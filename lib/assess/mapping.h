/*
 * mapping.h - the import recipe: how a school's export becomes records.
 *
 * A mapping holds everything track-import is told: renames, constant
 * fields, which columns to unpivot and how their names split into fields,
 * a characteristics file to join, title lines to skip, the encoding and
 * delimiter.  It is built from options, or loaded from a JSON mapping file
 * (-m) so the same import runs every term:
 *
 *   {
 *     "encoding": "auto",            "delimiter": ",",
 *     "skip_lines": 1,               "academic_year": "2025-26",
 *     "rename": { "UPN": "pupil", "Name": "name" },
 *     "set": { "measure": "ta" },
 *     "unpivot": { "columns": ["Reading *", "Writing *", "Maths *"],
 *                  "key": ["subject", "point"], "split": " " },
 *     "join": "pupils.csv",
 *     "date_order": "dmy",           "strict": false,
 *     "provenance": false,
 *     "recode": { "measure": { "Rising Stars PiRA": "pira" } }
 *   }
 *
 * A "set" value may name the row's columns in braces ("{Surname},
 * {Forename}"; "{{" is a brace); "recode" replaces a column's values
 * (matched ignoring case and surrounding space) before the scheme reads
 * them.  Every key is optional; unknown keys are errors.  "join" is relative to
 * the mapping file's folder.  Options given on the command line add to the
 * file's renames and sets (and win where both name the same field) and
 * replace its other settings.
 *
 * Ownership: struct mapping owns every string and array in it;
 * mapping_free releases them.
 */
#ifndef TRACK_MAPPING_H
#define TRACK_MAPPING_H

#include <stddef.h>

#include "base/error.h"
#include "record/reader.h"

struct mapping_pair {
	char *from;
	char *to;
};

/* A recoding: in output column `field`, the value `from` becomes `to`. */
struct mapping_recode {
	char *field;
	char *from;
	char *to;
};

struct mapping {
	char *encoding;			/* NULL: not set */
	int delimiter;			/* 0: not set */
	long skip_lines;		/* -1: not set */
	char *academic_year;
	struct mapping_pair *rename;	/* source name -> field */
	size_t nrename;
	struct mapping_pair *set;	/* field -> constant */
	size_t nset;
	char **unpivot;			/* column names or globs */
	size_t nunpivot;
	char **key;			/* fields the column name fills; "_"
					   skips a part */
	size_t nkey;
	char *split;			/* separator within column names */
	char *join;
	int date_order;			/* -1: not set; else enum date_order */
	int strict;			/* -1: not set; 1: unknown columns
					   are errors */
	int provenance;			/* -1: not set; 1: add source and
					   source_line */
	struct mapping_recode *recode;
	size_t nrecode;
};

/* Sets every field of `m` to "not set". */
void mapping_init(struct mapping *m);

/*
 * Loads mapping file `path` into `m` (which mapping_init prepared).
 * Fails with TRACK_EXIT_IO when unreadable, TRACK_EXIT_DATA with
 * "file:line" for bad JSON or "$.path: ..." for bad content.
 */
int mapping_load(struct mapping *m, const char *path, track_error *err);

/* Same, from a buffer; `name` is used in messages and for "join". */
int mapping_load_buffer(struct mapping *m, const char *buf, size_t len,
    const char *name, track_error *err);

/*
 * Adds "FROM=TO" to the renames (rename) or "FIELD=VALUE" to the sets.
 * A later pair for the same name replaces the earlier one.  Fails with
 * TRACK_EXIT_USAGE when there is no '=' or the left side is empty.
 */
int mapping_add_rename(struct mapping *m, const char *pair, track_error *err);
int mapping_add_set(struct mapping *m, const char *pair, track_error *err);

/*
 * Adds "FIELD:FROM=TO" to the recodings (replacing one for the same field
 * and value).  Fails with TRACK_EXIT_USAGE when it is not of that shape.
 */
int mapping_add_recode(struct mapping *m, const char *arg, track_error *err);

/* Replaces a list (unpivot or key) with a comma-separated one. */
int mapping_set_list(char ***list, size_t *n, const char *csv,
    track_error *err);

/* Frees a list and sets it empty. */
void mapping_free_list(char ***list, size_t *n);

/* Replaces a string setting. */
int mapping_set_string(char **field, const char *value, track_error *err);

/*
 * Applies the command line's settings `opts` on top of a mapping file's
 * `m`: renames, sets and recodings are added (replacing pairs of the same
 * name), the unpivot columns, key, split, join, title lines to skip,
 * academic year, date order, strict and provenance replace the file's
 * when given.  Lists may be moved out of `opts`;
 * free both afterwards.
 */
int mapping_merge(struct mapping *m, struct mapping *opts, track_error *err);

/* The options that fill a mapping (track-import's --rename, ...). */
enum mapping_option {
	MAPPING_RENAME,		/* --rename FROM=TO */
	MAPPING_SET,		/* --set FIELD=VALUE */
	MAPPING_UNPIVOT,	/* --unpivot COLS */
	MAPPING_KEY,		/* --key FIELDS */
	MAPPING_SPLIT,		/* --split SEP */
	MAPPING_JOIN,		/* --join FILE */
	MAPPING_SKIP_LINES,	/* --skip-lines N */
	MAPPING_ACADEMIC_YEAR,	/* --academic-year YYYY-YY */
	MAPPING_DATE_ORDER,	/* --date-order dmy|mdy */
	MAPPING_STRICT,		/* --strict (no argument) */
	MAPPING_PROVENANCE,	/* --provenance (no argument) */
	MAPPING_RECODE		/* --recode FIELD:FROM=TO */
};

/* The last of them, for a program's range check. */
#define MAPPING_LAST MAPPING_RECODE

/*
 * Takes option `opt` with its argument `arg` into `m` (the command line's
 * settings, for mapping_build).  Fails with TRACK_EXIT_USAGE for a bad
 * argument, naming the option.
 */
int mapping_option(struct mapping *m, enum mapping_option opt,
    const char *arg, track_error *err);

/*
 * The mapping an import runs with, into `m` (which mapping_init
 * prepared): mapping file `path` (NULL: none) with the command line's
 * settings `opts` on top (see mapping_merge).  Fails like mapping_load
 * and mapping_merge.
 */
int mapping_build(struct mapping *m, const char *path, struct mapping *opts,
    track_error *err);

/*
 * Applies the mapping's encoding (when `enc_set` is zero: -e was not
 * given; "auto" when the mapping has none), delimiter (when `delim_set`
 * is zero) and title lines to `o`, and lets the export's header name a
 * column twice (the importer renames the second name_2).
 */
void mapping_reader_opts(const struct mapping *m,
    struct track_reader_opts *o, int enc_set, int delim_set);

/* Frees everything `m` holds and leaves it as mapping_init did. */
void mapping_free(struct mapping *m);

#endif
