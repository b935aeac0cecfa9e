/*
 * summary_int.h - the inside of a summary (see summary.h), shared by the
 * files that make it up:
 *
 *   summary.c          options (--by, --combine, --gap, ...) and the result
 *   summary_read.c     keys and groups: records and the roll into entries
 *   summary_cell.c     cells and counting: entries into cells, once
 *   summary_table.c    the overview table, its figures and suppression
 *   summary_across.c   the --gap and --across tables
 *   summary_obj.c      --objectives coverage
 *   summary_partial.c  --partial: the cells written out
 *   summary_merge.c    --merge: partials checked and added up
 *
 * Nothing outside lib/report/summary*.c includes this header.  Its
 * functions carry the prefix sum_; they follow the summary's rules (no
 * printing; a status or -1 for out of memory, as each one says).
 */
#ifndef TRACK_SUMMARY_INT_H
#define TRACK_SUMMARY_INT_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "summary.h"
#include "pnames.h"
#include "assess/assess.h"
#include "base/buf.h"
#include "base/chains.h"
#include "base/strmap.h"
#include "base/u64map.h"

#define MAXB 16		/* bands a scheme may have, for cell counts */
#define MAXBY 8		/* --by columns */
#define MAXPARTS 24	/* parts of a combined subject (GLD has 12) */
#define NBUCKET (MAXB + 4)
#define CMEMO 256	/* cells remembered in front of the cell map */
#define ENTRY_LOW 12	/* subject and measure bits of an entry key */
#define NO_NEXT ((size_t)-1)	/* the end of a chain of cells */

/* Buckets a pupil is counted in, after the bands 0 .. MAXB-1. */
enum { B_NOT_AT = MAXB, B_EXCLUDED, B_MISSING, B_NOBAND };

enum bykind { BY_YEAR, BY_GROUP, BY_RAW, BY_PRIOR };

/*
 * Whether a --by column is shown: BY_GAP is the column --gap names when
 * --by does not, BY_PRIVACY one that add_privacy (summary_read.c) adds so
 * that suppression is decided over the same columns whatever is shown.
 */
enum by_shown { BY_SHOWN, BY_GAP, BY_PRIVACY };

struct bycol {
	char *name;
	enum bykind kind;
	long col, roll_col;
	const track_group *g;
	char *prior;		/* BY_PRIOR: the point's text */
	char *plabel;		/* BY_PRIOR: "Prior (Key stage 1)" */
	long prior_point;	/* its assessor id */
	track_strmap *vals;	/* canonical values; id 0 is "" */
	long *rank;		/* value id -> sort position */
	enum by_shown hidden;	/* shown, or why not */
	char last[16];		/* the last record's text in this column ... */
	size_t lastlen;
	long lastid;		/* ... and its value id, or -1 */
};

struct part {
	int subject;
	int measure;		/* scheme measure index */
};

struct combo {
	char *spec;		/* as given, for partials */
	char *name;
	char *label;		/* "RWM", "Literacy" */
	struct part p[MAXPARTS];
	size_t np;
	char *mtext;		/* measure column: "ta" or "ks2+ta+ks2" */
	char *mlabel;		/* its label when the parts' measures
				   differ ("Reading and Maths: Key stage 2
				   scaled score; Writing: Teacher
				   assessment"), else NULL */
};

/* One record identity's latest value. */
struct ent {
	uint32_t pupil;
	int16_t subject, measure;
	int32_t point;
	int8_t bucket;
	int8_t number;		/* value is a score on a score scale */
	double num;
	int32_t words;		/* own words ("Y3 EXS") offset, or -1 */
};

struct hv {
	double v;
	long long c;
};

struct plist {
	size_t *off;		/* display strings in m->disp */
	size_t n, cap;
};

struct cell {
	int subj, meas;		/* slots: scheme index, or past it */
	long point;
	long g[MAXBY];
	track_years years;	/* its pupils' year groups (a per-year
				   benchmark only; see sum_cell_get) */
	long long cnt[NBUCKET];
	struct hv *h;		/* scores and their counts */
	size_t nh, hcap;
	size_t hsorted;		/* h[0 .. hsorted) are sorted, each score
				   once: see sum_cell_score */
	struct plist pl[NBUCKET];
};

struct objent {
	uint32_t pupil;
	int16_t subject;
	int32_t point;
	int32_t list;		/* see LIST_NONE */
	int32_t objective;	/* id in m->objids */
	int8_t secure;
};

struct track_summary {
	const track_scheme *s;
	struct summary_opts o;
	track_assess *a;
	size_t nbands, standard;
	int mindef;

	struct bycol by[MAXBY];
	size_t nby;
	struct combo *combo;
	size_t ncombo;
	int gapby;		/* by index of the --gap column, or -1 */
	char *gap_a, *gap_b;
	const track_benchmark *bench;
	int bench_years;	/* it has figures for year groups */
	long long bench_mixed;	/* rows left blank: they mix years */
	long long bench_noyear;	/* rows left blank: no year known */
	track_years mixed_years;	/* the years those rows mix */
	char *bench_note;	/* the warning about them, or NULL */
	int pupils;
	int any_prior;		/* a --by prior=POINT column */
	enum { MODE_LATEST, MODE_POINT, MODE_OVER } mode;
	long point;		/* MODE_POINT: the point; MODE_LATEST: best */
	uint64_t worse;		/* MODE_LATEST: points 0..63 known not to
				   be better than ... */
	long worse_than;	/* ... this point (-1: none known) */
	int point_seen;

	struct pnames pn;	/* pupils, and names with --pupils */
	track_buf disp;		/* display strings, NUL after each */

	/*
	 * The entries, and how one is found again.  With --over a pupil
	 * has an entry for each point, and emap finds it by its key.
	 * Otherwise every entry is at one point and a pupil has only a
	 * few, found by walking the pupil's chain (see chains.h).
	 */
	track_u64map *emap;	/* MODE_OVER: entry_key -> entry */
	track_chains echain;	/* else: pupil -> their entries */
	struct ent *ent;
	int32_t *eg;		/* entry -> by values (nby each) */
	size_t nent, ecap, egcap;

	track_u64map *prior;	/* (pupil, subject) -> prior band + 1 */
	int8_t *pband;
	uint8_t *pdefault;
	size_t pcapb, pcapd;

	/* --roll */
	int roll;
	track_strmap *roll_ids;	/* roll pupil -> index */
	uint32_t *roll_pupil;
	long *roll_g;
	size_t nroll, rcap, rgcap;
	long roll_col_pupil, roll_col_name;
	unsigned long long off_roll;

	/* --objectives */
	track_u64map *omap;
	struct objent *oent;
	size_t noent, ocap;
	track_strmap *objids;

	/* cells */
	track_strmap *cmap;
	struct {			/* cells found, by hash: see
					   sum_cell_get */
		long key[3 + MAXBY];
		long id;
	} cmemo[CMEMO];
	struct cell *cell;
	size_t ncell, ccap;
	char **mslot;		/* measure slots past the scheme's: text */
	size_t nmslot;

	/* merge: each part's slices and roster, for its missing pupils */
	struct mpart {
		track_u64map *slices;
		struct rentry {
			int subj;
			long g[MAXBY];
			long long count;
			struct plist names;
		} *r;
		size_t nr, rcap;
		int cellless;	/* other privacy columns: must be empty */
	} *part;
	size_t npart;
	int rostered;
	int merged;
	json_t *partial_head;	/* the first partial's structure */
	int short_head;		/* the last header lacked privacy columns */
	long long mtotal;	/* every count merged, added up */

	/* suppression: per cell (enum suppress_kind), and what was shown */
	unsigned char *supp;
	long long nsmall, ncomp;
	int folded;		/* sum_suppress_and_fold has run */
};

/*
 * Which list of objectives a judgement is against, in one int32_t: a
 * year's list is the year's index (0 or more); LIST_NONE is no list (the
 * record has no year); the scheme's custom list k is list_custom(k), so
 * LIST_CUSTOM and below.
 */
enum { LIST_NONE = -1, LIST_CUSTOM = -2 };

static inline int32_t
list_custom(long k)
{
	return (int32_t)(LIST_CUSTOM - k);
}

static inline int
list_is_custom(long list)
{
	return list <= LIST_CUSTOM;
}

/* The custom list's index in the scheme; list_is_custom(list) holds. */
static inline size_t
list_custom_index(long list)
{
	return (size_t)(LIST_CUSTOM - list);
}

/*
 * Orders lists as reports show them: the years in order, then no list,
 * then the custom lists in order.  Returns <0, 0 or >0, as strcmp.
 */
static inline int
list_cmp(long a, long b)
{
	int ka = a >= 0 ? 0 : a == LIST_NONE ? 1 : 2;
	int kb = b >= 0 ? 0 : b == LIST_NONE ? 1 : 2;

	if (ka != kb)
		return ka < kb ? -1 : 1;
	if (ka == 2) {		/* custom: LIST_CUSTOM - k, k rising */
		a = -a;
		b = -b;
	}
	return a < b ? -1 : a > b;
}

/*
 * The most one count in a partial may be (no school system has 2^40
 * pupils), and the most all the counts merged may add up to: below that,
 * no sum the table makes of them (a cell, a totals row, a mean's count)
 * can overflow a long long.
 */
#define PART_MAX_COUNT ((long long)1 << 40)
#define MERGE_MAX_TOTAL ((long long)1 << 62)

/* Column indexes of the overview table (-1: not shown). */
struct cols {
	long subject, measure, point, by[MAXBY], n, band[MAXB], pct[MAXB];
	long atabove, not_at, excluded, missing, pct_missing, mean, median;
	long full, bench, diff, pupils[NBUCKET];
};

/*
 * The key of an identity: the pupil, then the point, then the subject
 * and measure in the low ENTRY_LOW bits (a pupil's records at a point
 * are kept side by side: see u64map_new_grouped).
 */
static inline uint64_t
entry_key(const track_summary *m, uint32_t pupil, long point, int subject,
    int measure)
{
	return (uint64_t)pupil << 32 | (uint64_t)point << ENTRY_LOW |
	    (uint64_t)(subject * (int)scheme_measure_count(m->s) + measure);
}

/*
 * The entry of pupil `pupil` for (point, subject, measure), or -1 when
 * there is none (summary_read.c).
 */
long sum_entry_find(const track_summary *m, uint32_t pupil, long point,
    int subject, int measure);

/* The key of a (subject, measure, point) slice. */
static inline uint64_t
slice_key(int subj, int meas, long point)
{
	return (uint64_t)subj << 40 | (uint64_t)meas << 24 | (uint64_t)point;
}

/* Nonzero when a cell is in the points the report shows. */
static inline int
shown(const track_summary *m, const struct cell *c)
{
	return m->mode == MODE_OVER || c->point == m->point;
}

/* The smallest group shown: --min-group, else the scheme's. */
static inline int
min_group(const track_summary *m)
{
	return m->o.min_group >= 0 ? m->o.min_group : scheme_min_group(m->s);
}

/* Nonzero when n pupils are a group too small to show. */
static inline int
small(const track_summary *m, long long n)
{
	return n > 0 && n < min_group(m);
}

/* The total of a cell's pupils counted in n (all but excluded). */
static inline long long
cell_n(const struct cell *c)
{
	long long n = 0;
	int i;

	for (i = 0; i < NBUCKET; i++)
		if (i != B_EXCLUDED)
			n += c->cnt[i];
	return n;
}

/* The pupils of a cell at or above the standard. */
static inline long long
at_or_above(const track_summary *m, const struct cell *c)
{
	long long k = 0;
	size_t b;

	for (b = m->standard; b < m->nbands; b++)
		k += c->cnt[b];
	return k;
}

/* Nonzero when a cell's figures include the bands. */
static inline int
has_bands(const track_summary *m, const struct cell *c)
{
	size_t b;
	long long k = 0;

	for (b = 0; b < m->nbands; b++)
		k += c->cnt[b];
	return k > 0 || c->cnt[B_NOBAND] == 0;
}

/* summary.c: options. */

/* A new string, a then b; NULL when out of memory. */
char *sum_cat(const char *a, const char *b);

/*
 * --merge --gap COL when no partial was grouped by COL: an error, unless
 * every partial was empty (a shard of no records knows none of its
 * records' columns), when COL is taken as --gap's and the table is
 * empty.  Returns 0 or TRACK_EXIT_USAGE.
 */
int sum_merge_gap(track_summary *m, track_error *err);

/*
 * Adds a --by column (or "prior=POINT"), shown or not as `hidden` says.
 * Returns 0, or an exit status with err filled.
 */
int sum_add_by(track_summary *m, const char *spec, enum by_shown hidden,
    track_error *err);

/* Adds one --combine spec.  Returns 0, or an exit status with err. */
int sum_add_combo(track_summary *m, const char *spec, track_error *err);

/* summary_read.c: keys and groups. */

/* Makes the assessor when there is no record header (a merge). */
int sum_need_assessor(track_summary *m, track_error *err);

/* Interns the points the options name, once there is an assessor. */
int sum_bind_points(track_summary *m, track_error *err);

/* The interned id of group value `v` for by column `b`, or -1. */
long sum_by_value(track_summary *m, struct bycol *b, track_str v);

/* summary_cell.c: cells and counting. */

/*
 * The cell for a key, made when new; NULL when out of memory.  With a
 * benchmark for year groups, a new cell's years are those of its year
 * column's value (SCHEME_YEARS_OTHER without one), or none once the cells
 * are folded over a hidden year column (sum_cell_add then gives them).
 */
struct cell *sum_cell_get(track_summary *m, int subj, int meas, long point,
    const long *g);

/* Adds a score (n pupils) to a cell's histogram.  Returns 0 or -1. */
int sum_cell_score(struct cell *c, double v, long long n);

/* Adds a name (an offset in m->disp) to a cell's bucket.  0 or -1. */
int sum_cell_name(struct cell *c, int bucket, size_t off);

/*
 * Adds cell `src` into `dst` (for totals rows and folds), and its year
 * groups to dst's.  0 or -1.
 */
int sum_cell_add(struct cell *dst, const struct cell *src);

/* Frees what a cell holds and zeroes it. */
void sum_cell_clear(struct cell *c);

/* Sorts and merges a cell's histogram: one entry per distinct score. */
void sum_compress(struct cell *c);

/*
 * Fills g with a pupil's group values in subject slot `subj`, from `eg`
 * (which may be g), working out --by prior.  Returns 0 or -1.
 */
int sum_groups_of(track_summary *m, const long *eg, uint32_t pupil,
    int subj, long *g);

/* The measure slot for a combined subject's measure text, or -1. */
int sum_mslot_of(track_summary *m, const char *text);

/* Counts the entries (or, after a merge, the missing) into cells, once. */
int sum_build(track_summary *m, track_error *err);

/* summary_table.c: the table and its figures. */

const char *sum_subject_id(const track_summary *m, int slot);
const char *sum_subject_label(const track_summary *m, int slot);
const char *sum_measure_id(const track_summary *m, int slot);
const char *sum_measure_label(const track_summary *m, int slot);
/* The label of measure slot `meas` in a cell of subject slot `subj`. */
const char *sum_cell_measure_label(const track_summary *m, int subj,
    int meas);

/* The label of value `v` of by column `b` ("" is "Unknown"). */
const char *sum_value_label(const track_summary *m, const struct bycol *b,
    long v);

/* The column heading of a --by column. */
const char *sum_by_label(const struct bycol *b);

/*
 * Adds the key columns to t: subject, measure, point and the shown --by
 * columns, but not the one named `skip` (may be NULL).  0 or -1.
 */
int sum_key_cols(track_summary *m, track_rtable *t, struct cols *k,
    const char *skip);

/* Fills the key cells of a row from cell `c` (totals: "All pupils"). */
int sum_key_cells(track_summary *m, track_rtable *t, const struct cols *k,
    const struct cell *c, int totals);

/* Writes a sorted name list for bucket b of cell c.  0 or -1. */
int sum_names_cell(track_summary *m, track_rtable *t, long colno,
    const struct cell *c, int b);

/*
 * The cells shown, in report order, into *out (n of them; the caller
 * frees it).  Returns 0 or -1.
 */
int sum_ordered(track_summary *m, size_t **out, size_t *n);

/* Decides suppression and folds the privacy columns, once.  0 or -1. */
int sum_suppress_and_fold(track_summary *m);

/* Counts a suppressed cell shown, for the note under the table. */
void sum_count_supp(track_summary *m, int kind);

/* The overview: one row per cell (and totals rows).  0 or -1. */
int sum_overview(track_summary *m, track_rtable *t, json_t *meta);

/* summary_across.c: --gap and --across tables.  0 or -1. */
int sum_gap(track_summary *m, track_rtable *t);
int sum_across(track_summary *m, track_rtable *t);

/* summary_obj.c: --objectives coverage.  0 or -1. */
int sum_objectives(track_summary *m, track_rtable *t, json_t *meta);

#endif
