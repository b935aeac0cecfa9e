/*
 * check_filter.c - unit tests for lib/record/filter.c: choosing rows by
 * -w and --any, the --in and --not-in sets, --shard, -c, --latest,
 * --pseudonymise with --keep-column, and the errors of binding a header.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/str.h"
#include "record/filter.h"

static const char *const names[] = {
	"pupil", "name", "subject", "point", "value", "upn"
};
#define NCOLS 6

static track_str hdr[NCOLS];

static void
setup_hdr(void)
{
	size_t i;

	for (i = 0; i < NCOLS; i++) {
		hdr[i].ptr = names[i];
		hdr[i].len = strlen(names[i]);
	}
}

/* A row from six strings. */
static void
mkrow(track_str *r, const char *p, const char *subj, const char *pt,
    const char *v)
{
	const char *f[NCOLS] = { p, "Ann", subj, pt, v, "K80" };
	size_t i;

	for (i = 0; i < NCOLS; i++) {
		r[i].ptr = f[i];
		r[i].len = strlen(f[i]);
	}
}

/* Whether the filter passes the row (and, if so, its first field). */
static int
passes(track_filter *f, const char *p, const char *subj, const char *v)
{
	track_str r[NCOLS];
	const track_str *o;
	track_error err;

	mkrow(r, p, subj, "2025-26.autumn", v);
	ck_assert_int_eq(filter_row(f, r, &o, &err), 0);
	return o != NULL;
}

static track_filter *
make(struct track_filter_opts *o)
{
	track_filter *f = NULL;
	track_error err;

	setup_hdr();
	ck_assert_int_eq(filter_new(&f, o, &err), 0);
	ck_assert_int_eq(filter_bind(f, hdr, NCOLS, &err), 0);
	return f;
}

START_TEST(passthrough)
{
	struct track_filter_opts o;
	track_filter *f;
	track_str r[NCOLS];
	const track_str *out, *h;
	track_error err;
	size_t n;

	memset(&o, 0, sizeof o);
	f = make(&o);
	h = filter_header(f, &n);
	ck_assert_uint_eq(n, NCOLS);
	ck_assert_str_eq(h[5].ptr, "upn");
	mkrow(r, "A1", "maths", "x", "EXS");
	ck_assert_int_eq(filter_row(f, r, &out, &err), 0);
	ck_assert_ptr_eq(out, r);
	filter_free(f);
	filter_free(NULL);
}
END_TEST

START_TEST(where_all_and_any)
{
	struct track_filter_opts o;
	track_where *w[2];
	track_filter *f;
	track_error err;

	ck_assert_int_eq(where_parse(&w[0], "subject=maths", &err), 0);
	ck_assert_int_eq(where_parse(&w[1], "value=EXS|GDS", &err), 0);
	memset(&o, 0, sizeof o);
	o.where = w;
	o.nwhere = 2;
	f = make(&o);
	ck_assert(passes(f, "A1", "maths", "EXS"));
	ck_assert(!passes(f, "A1", "maths", "WTS"));
	ck_assert(!passes(f, "A1", "reading", "GDS"));
	filter_free(f);
	o.any = 1;
	f = make(&o);
	ck_assert(passes(f, "A1", "reading", "GDS"));
	ck_assert(passes(f, "A1", "maths", "WTS"));
	ck_assert(!passes(f, "A1", "reading", "WTS"));
	filter_free(f);
	where_free(w[0]);
	where_free(w[1]);
}
END_TEST

START_TEST(sets_trimmed)
{
	struct track_filter_opts o;
	track_filter *f = NULL;
	track_error err;
	track_str id[2] = { { " A1 ", 4 }, { "", 0 } }, sh[2];

	memset(&o, 0, sizeof o);
	o.in = 1;
	o.not_in = 1;
	setup_hdr();
	ck_assert_int_eq(filter_new(&f, &o, &err), 0);
	ck_assert_int_eq(filter_set_add(f, TRACK_FILTER_IN, id[0], &err), 0);
	ck_assert_int_eq(filter_set_add(f, TRACK_FILTER_IN, id[1], &err), 0);
	sh[0] = (track_str){ "pupil", 5 };
	sh[1] = (track_str){ "x", 1 };
	ck_assert_int_eq(filter_set_header(f, TRACK_FILTER_NOT_IN, "s.csv",
	    sh, 2, &err), 0);
	sh[0] = (track_str){ "A2", 2 };
	ck_assert_int_eq(filter_set_row(f, sh, &err), 0);
	ck_assert_int_eq(filter_bind(f, hdr, NCOLS, &err), 0);
	ck_assert(passes(f, "A1 ", "maths", "EXS"));
	ck_assert(!passes(f, "A2", "maths", "EXS"));	/* not in --in */
	ck_assert(!passes(f, "", "maths", "EXS"));
	filter_free(f);
	/* A set file without a pupil column. */
	ck_assert_int_eq(filter_new(&f, &o, &err), 0);
	ck_assert_int_eq(filter_set_header(f, TRACK_FILTER_IN, "s.csv", sh + 1,
	    1, &err), TRACK_EXIT_DATA);
	ck_assert_str_eq(err.file, "s.csv");
	ck_assert_str_eq(err.text, "no \"pupil\" column to match on");
	filter_free(f);
}
END_TEST

START_TEST(shard_partitions)
{
	struct track_filter_opts o;
	track_filter *f[3];
	const char *ids[] = { "A1", "A2", "B7", "C9", " A1" };
	size_t i, k, hits;

	memset(&o, 0, sizeof o);
	o.shard_n = 3;
	for (k = 0; k < 3; k++) {
		o.shard_i = k + 1;
		f[k] = make(&o);
	}
	for (i = 0; i < 5; i++) {
		for (k = 0, hits = 0; k < 3; k++)
			hits += passes(f[k], ids[i], "maths", "EXS") != 0;
		ck_assert_uint_eq(hits, 1);
	}
	/* Trimmed: " A1" falls in A1's shard. */
	for (k = 0; k < 3; k++)
		ck_assert_int_eq(passes(f[k], ids[0], "m", "v"),
		    passes(f[k], ids[4], "m", "v"));
	for (k = 0; k < 3; k++)
		filter_free(f[k]);
}
END_TEST

START_TEST(columns_projected)
{
	struct track_filter_opts o;
	track_filter *f;
	track_str r[NCOLS];
	const track_str *out, *h;
	track_error err;
	size_t n;

	memset(&o, 0, sizeof o);
	o.columns = "value,pupil";
	f = make(&o);
	h = filter_header(f, &n);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(h[0].ptr, "value");
	mkrow(r, "A1", "maths", "x", "EXS");
	ck_assert_int_eq(filter_row(f, r, &out, &err), 0);
	ck_assert_str_eq(out[0].ptr, "EXS");
	ck_assert_str_eq(out[1].ptr, "A1");
	filter_free(f);
}
END_TEST

START_TEST(bind_errors)
{
	struct track_filter_opts o;
	track_filter *f = NULL;
	track_error err;
	const char *keep[] = { "dob" };

	setup_hdr();
	memset(&o, 0, sizeof o);
	o.columns = "pupil,score";
	ck_assert_int_eq(filter_new(&f, &o, &err), 0);
	ck_assert_int_eq(filter_bind(f, hdr, NCOLS, &err), TRACK_EXIT_USAGE);
	ck_assert_str_eq(err.text, "-c: no column \"score\" in the input");
	ck_assert_ptr_null(err.file);
	filter_free(f);
	memset(&o, 0, sizeof o);
	o.in = 1;
	ck_assert_int_eq(filter_new(&f, &o, &err), 0);
	ck_assert_int_eq(filter_bind(f, hdr + 1, NCOLS - 1, &err),
	    TRACK_EXIT_USAGE);
	ck_assert_str_eq(err.text,
	    "no \"pupil\" column in the input, which --in needs");
	filter_free(f);
	memset(&o, 0, sizeof o);
	o.latest = 1;
	ck_assert_int_eq(filter_new(&f, &o, &err), 0);
	ck_assert_int_eq(filter_bind(f, hdr, 2, &err), TRACK_EXIT_USAGE);
	ck_assert_str_eq(err.text, "--latest needs \"subject\" and \"point\" "
	    "columns in the input");
	filter_free(f);
	memset(&o, 0, sizeof o);
	o.keep = keep;
	o.nkeep = 1;
	f = (track_filter *)1;
	ck_assert_int_eq(filter_new(&f, &o, &err), TRACK_EXIT_USAGE);
	ck_assert_ptr_null(f);
}
END_TEST

/* Feeds one row with point `pt` and value `v` to a --latest filter. */
static void
feed(track_filter *f, const char *p, const char *subj, const char *pt,
    const char *v)
{
	track_str r[NCOLS];
	const track_str *o;
	track_error err;

	mkrow(r, p, subj, pt, v);
	ck_assert_int_eq(filter_row(f, r, &o, &err), 0);
	ck_assert_ptr_null(o);		/* held, not written yet */
}

/* --split: each row's part is the one --shard I/N keeps it in. */
START_TEST(split_parts_are_shards)
{
	struct track_filter_opts o;
	track_filter *f[4], *sp;
	const char *ids[] = { "A1", "A2", "B7", "C9", " A1", "", "Z" };
	track_str row[NCOLS];
	track_error err;
	size_t i, k;

	memset(&o, 0, sizeof o);
	o.shard_n = 4;
	for (k = 0; k < 4; k++) {
		o.shard_i = k + 1;
		f[k] = make(&o);
	}
	memset(&o, 0, sizeof o);
	o.split_n = 4;
	sp = make(&o);
	for (i = 0; i < sizeof ids / sizeof *ids; i++) {
		mkrow(row, ids[i], "maths", "2025-26.autumn", "EXS");
		k = filter_part(sp, row);
		ck_assert(k >= 1 && k <= 4);
		ck_assert_msg(passes(f[k - 1], ids[i], "maths", "EXS") != 0,
		    "%s: part %zu", ids[i], k);
	}
	for (k = 0; k < 4; k++)
		filter_free(f[k]);
	filter_free(sp);
	/* Not with --shard or --latest. */
	o.shard_n = 2;
	o.shard_i = 1;
	ck_assert_int_eq(filter_new(&sp, &o, &err), TRACK_EXIT_USAGE);
	ck_assert(strstr(err.text, "--shard") != NULL);
	o.shard_n = 0;
	o.latest = 1;
	ck_assert_int_eq(filter_new(&sp, &o, &err), TRACK_EXIT_USAGE);
	ck_assert(strstr(err.text, "--latest") != NULL);
}
END_TEST

START_TEST(latest_per_group)
{
	struct track_filter_opts o;
	track_filter *f;
	const track_str *out;
	track_error err;
	const char *want[] = { "1", "3", "4" };
	size_t k = 0;

	memset(&o, 0, sizeof o);
	o.latest = 1;
	f = make(&o);
	feed(f, "A1", "maths", "2025-26.summer", "1");
	feed(f, "A1", "maths", "2025-26.autumn", "2");
	feed(f, "A1 ", "reading", "2025-26.autumn", "3");
	feed(f, "A2", "maths", "2024-25.summer", "x");
	feed(f, "A2", "maths", "2025-26.spring", "4");
	for (;;) {
		ck_assert_int_eq(filter_latest(f, &out, &err), 0);
		if (out == NULL)
			break;
		ck_assert_uint_lt(k, 3);
		ck_assert_str_eq(out[4].ptr, want[k]);
		k++;
	}
	ck_assert_uint_eq(k, 3);
	filter_free(f);
}
END_TEST

/*
 * --latest in two passes (filter_plan_*, then filter_row) against the
 * held rows' answer, on 240 pupils' records with some left out, so that
 * a group's latest point is not always the last: the first pass pupil by
 * pupil, the second in that order, or subject by subject (a file that
 * changed order between the passes: each row must still find its own
 * group, not the one the second pass expects next, nor a recent one
 * that shares its slot).
 */
#define LP_PUPILS 240
#define LP_ROWS (LP_PUPILS * 9)

/* Row k of ordering `by_subject` (0: pupil by pupil) into r; 0 if left out. */
static int
lp_row(track_str *r, size_t k, int by_subject, char *pupil, char *value)
{
	static const char *subj[3] = { "reading", "writing", "maths" };
	static const char *pts[3] = { "2025-26.autumn", "2025-26.spring",
	    "2025-26.summer" };
	size_t p, s, t;

	if (by_subject) {
		s = k / (LP_PUPILS * 3);
		p = k / 3 % LP_PUPILS;
	} else {
		p = k / 9;
		s = k / 3 % 3;
	}
	t = k % 3;
	if ((p * 7 + s * 3 + t) % 5 == 0)
		return 0;
	snprintf(pupil, 16, "P%zu", p);
	snprintf(value, 16, "%zu.%zu.%zu", p, s, t);
	mkrow(r, pupil, subj[s], pts[t], value);
	return 1;
}

/* The values of the rows a filter writes, in turn, as one string. */
static void
lp_pass(track_filter *f, int by_subject, int planned, char *got, size_t cap)
{
	track_str r[NCOLS];
	const track_str *o;
	track_error err;
	char pupil[16], value[16];
	size_t k;

	got[0] = '\0';
	for (k = 0; k < LP_ROWS; k++) {
		if (!lp_row(r, k, by_subject, pupil, value))
			continue;
		ck_assert_int_eq(filter_row(f, r, &o, &err), 0);
		if (planned && o != NULL) {
			strncat(got, o[4].ptr, cap - strlen(got) - 2);
			strcat(got, " ");
		}
	}
	while (!planned) {
		ck_assert_int_eq(filter_latest(f, &o, &err), 0);
		if (o == NULL)
			break;
		strncat(got, o[4].ptr, cap - strlen(got) - 2);
		strcat(got, " ");
	}
}

START_TEST(latest_two_passes)
{
	struct track_filter_opts o;
	track_filter *f;
	track_error err;
	track_str r[NCOLS];
	track_row row;
	char pupil[16], value[16], *want, *got;
	size_t k, cap = LP_ROWS * 16;
	int first, second;

	want = malloc(cap);
	got = malloc(cap);
	ck_assert(want != NULL && got != NULL);
	memset(&o, 0, sizeof o);
	o.latest = 1;
	for (first = 0; first < 2; first++)
		for (second = 0; second < 2; second++) {
			/* One pass, rows held: the answer. */
			f = make(&o);
			lp_pass(f, second, 0, want, cap);
			filter_free(f);
			ck_assert(strlen(want) > 1000);
			/* Two passes. */
			f = make(&o);
			ck_assert_int_eq(filter_plan_bind(f, hdr, NCOLS, &err),
			    0);
			memset(&row, 0, sizeof row);
			row.field = r;
			row.n = NCOLS;
			for (k = 0; k < LP_ROWS; k++)
				if (lp_row(r, k, first, pupil, value))
					ck_assert_int_eq(filter_plan_row(f,
					    &row, &err), 0);
			filter_plan_done(f, 0);
			ck_assert_int_eq(filter_bind(f, hdr, NCOLS, &err), 0);
			lp_pass(f, second, 1, got, cap);
			ck_assert_msg(strcmp(got, want) == 0,
			    "first pass %d, second %d", first, second);
			filter_free(f);
		}
	free(want);
	free(got);
}
END_TEST

/*
 * --latest's group keys and point ids (lib/record/filter.c group_key,
 * point_id, point_later): groups whose fields run together into the
 * same bytes stay apart, pupil ids longer than the word form holds take
 * the slow form, and 42 points, more than are kept in front of the map
 * or in the table of pairs, come in an order that jumps about.  Each
 * group's latest row is known: the one-pass answer (rows held) and the
 * two-pass answer must both be exactly those rows, in file order.
 */
#define LK_PUPILS 20
#define LK_POINTS 42
#define LK_LONG (((size_t)1 << 21) + 3)
#define LK_PAIRS 400
#define LK_MAX (LK_PUPILS * 2 * LK_POINTS + 2 * LK_PAIRS + 8)

struct lk_rows {
	size_t n;
	char *pupil[LK_MAX];
	size_t plen[LK_MAX];
	const char *subj[LK_MAX];
	char pt[LK_POINTS][16];
	int ptof[LK_MAX];
	char value[LK_MAX][32];
	int top[LK_MAX];	/* the group's latest? */
	char *longa, *longb;
	char kid[LK_PAIRS][2][16];
};

static void
lk_add(struct lk_rows *r, char *pupil, const char *subj, int t, int top)
{
	size_t k = r->n++;

	r->pupil[k] = pupil;
	r->plen[k] = strlen(pupil);
	r->subj[k] = subj;
	r->ptof[k] = t;
	r->top[k] = top;
	snprintf(r->value[k], sizeof r->value[k], "v%zu", k);
}

static struct lk_rows *
lk_make(void)
{
	static const char *subj[2] = { "maths", "reading" };
	static char ids[LK_PUPILS][8];
	struct lk_rows *r = calloc(1, sizeof *r);
	size_t p, s, i;
	int t, last;

	ck_assert_ptr_nonnull(r);
	for (t = 0; t < LK_POINTS; t++)
		snprintf(r->pt[t], sizeof r->pt[t], "%04d-%02d.%s",
		    2000 + t / 3, (1 + t / 3) % 100,
		    t % 3 == 0 ? "autumn" : t % 3 == 1 ? "spring" : "summer");
	/* Points in an order that jumps about (17 is prime to 42's
	 * factors), each group's latest 41 - (p + s) % 5 and no later. */
	for (i = 0; i < LK_POINTS; i++) {
		t = (int)(i * 17 % LK_POINTS);
		for (p = 0; p < LK_PUPILS; p++)
			for (s = 0; s < 2; s++) {
				last = LK_POINTS - 1 - (int)((p + s) % 5);
				snprintf(ids[p], sizeof ids[p], "P%zu", p);
				if (t <= last)
					lk_add(r, ids[p], subj[s], t, t == last);
			}
	}
	/* ("AB", "Cx") and ("A", "BCx") are two groups, as are two long ids
	 * that differ only in their last byte. */
	lk_add(r, "AB", "Cx", 5, 1);
	lk_add(r, "A", "BCx", 2, 1);
	/* ("ABCDEFGH", "X") and ("ABCDEFGHX", ""): the same words but
	 * for their lengths. */
	lk_add(r, "ABCDEFGH", "X", 7, 1);
	lk_add(r, "ABCDEFGHX", "", 6, 1);
	/* ("Kn", "B") and then ("Knx", "B"): the first is kept with a
	 * shorter id that is the second's start, and some pairs share a
	 * slot of the groups kept in front of the map. */
	for (i = 0; i < LK_PAIRS; i++) {
		snprintf(r->kid[i][0], sizeof r->kid[i][0], "K%zu", i);
		snprintf(r->kid[i][1], sizeof r->kid[i][1], "K%zux", i);
		lk_add(r, r->kid[i][0], "B", 9, 1);
		lk_add(r, r->kid[i][1], "B", 8, 1);
	}
	r->longa = malloc(LK_LONG + 1);
	r->longb = malloc(LK_LONG + 1);
	ck_assert(r->longa != NULL && r->longb != NULL);
	memset(r->longa, 'Q', LK_LONG);
	memset(r->longb, 'Q', LK_LONG);
	r->longa[LK_LONG] = r->longb[LK_LONG] = '\0';
	r->longb[LK_LONG - 1] = 'R';
	lk_add(r, r->longa, "maths", 3, 0);
	lk_add(r, r->longb, "maths", 1, 1);
	lk_add(r, r->longa, "maths", 4, 1);
	return r;
}

/* Row k of r into f; appends what the filter writes now to got. */
static void
lk_feed(track_filter *f, const struct lk_rows *r, size_t k, char *got)
{
	track_str row[NCOLS];
	const track_str *o;
	track_error err;

	mkrow(row, r->pupil[k], r->subj[k], r->pt[r->ptof[k]], r->value[k]);
	row[0].len = r->plen[k];
	ck_assert_int_eq(filter_row(f, row, &o, &err), 0);
	if (o != NULL) {
		strcat(got, o[4].ptr);
		strcat(got, " ");
	}
}

START_TEST(latest_keys_and_points)
{
	struct track_filter_opts o;
	struct lk_rows *r = lk_make();
	track_filter *f;
	track_error err;
	track_str row[NCOLS];
	track_row tr;
	const track_str *out;
	size_t k, cap = r->n * 8 + 1;
	char *want = calloc(1, cap), *got = calloc(1, cap);

	ck_assert(want != NULL && got != NULL);
	for (k = 0; k < r->n; k++)
		if (r->top[k]) {
			strcat(want, r->value[k]);
			strcat(want, " ");
		}
	memset(&o, 0, sizeof o);
	o.latest = 1;
	/* One pass, rows held. */
	f = make(&o);
	for (k = 0; k < r->n; k++)
		lk_feed(f, r, k, got);
	ck_assert_str_eq(got, "");
	for (;;) {
		ck_assert_int_eq(filter_latest(f, &out, &err), 0);
		if (out == NULL)
			break;
		strcat(got, out[4].ptr);
		strcat(got, " ");
	}
	ck_assert_str_eq(got, want);
	filter_free(f);
	/* Two passes. */
	got[0] = '\0';
	f = make(&o);
	ck_assert_int_eq(filter_plan_bind(f, hdr, NCOLS, &err), 0);
	memset(&tr, 0, sizeof tr);
	tr.field = row;
	tr.n = NCOLS;
	for (k = 0; k < r->n; k++) {
		mkrow(row, r->pupil[k], r->subj[k], r->pt[r->ptof[k]],
		    r->value[k]);
		row[0].len = r->plen[k];
		ck_assert_int_eq(filter_plan_row(f, &tr, &err), 0);
	}
	filter_plan_done(f, 0);
	ck_assert_int_eq(filter_bind(f, hdr, NCOLS, &err), 0);
	for (k = 0; k < r->n; k++)
		lk_feed(f, r, k, got);
	ck_assert_str_eq(got, want);
	filter_free(f);
	free(r->longa);
	free(r->longb);
	free(r);
	free(want);
	free(got);
}
END_TEST

/*
 * --latest with a measure column: a pupil's subject under two measures
 * is two groups, each with its own latest row, for 400 pupils (some
 * pairs share a slot of the groups kept in front of the map).
 */
START_TEST(latest_measures)
{
	static const char *const mh[] = { "pupil", "subject", "measure",
	    "point", "value" };
	static const char *const pts[] = { "2025-26.summer",
	    "2025-26.autumn", "2025-26.autumn", "2025-26.spring" };
	struct track_filter_opts o;
	track_filter *f;
	track_str h[5], r[5];
	track_row tr;
	const track_str *out;
	track_error err;
	char pupil[16], value[16], want[16];
	size_t i, k, n;
	int pass;

	for (i = 0; i < 5; i++)
		h[i] = (track_str){ mh[i], strlen(mh[i]) };
	memset(&o, 0, sizeof o);
	o.latest = 1;
	for (pass = 1; pass <= 2; pass++) {
		ck_assert_int_eq(filter_new(&f, &o, &err), 0);
		if (pass == 2) {
			ck_assert_int_eq(filter_plan_bind(f, h, 5, &err), 0);
			memset(&tr, 0, sizeof tr);
			tr.field = r;
			tr.n = 5;
		}
		ck_assert_int_eq(filter_bind(f, h, 5, &err), 0);
		n = 0;
		for (k = 0; k < (pass == 2 ? 2u : 1u); k++) {
			if (pass == 2 && k == 1) {
				filter_plan_done(f, 0);
				ck_assert_int_eq(filter_bind(f, h, 5, &err), 0);
			}
			for (i = 0; i < 1600; i++) {
				/* Pupil i / 4: ta at summer, nfer at autumn,
				 * ta at autumn, nfer at spring: the groups'
				 * latest points differ. */
				snprintf(pupil, sizeof pupil, "P%zu", i / 4);
				snprintf(value, sizeof value, "%zu", i);
				r[0] = (track_str){ pupil, strlen(pupil) };
				r[1] = (track_str){ "maths", 5 };
				r[2] = i % 2 ? (track_str){ "nfer", 4 } :
				    (track_str){ "ta", 2 };
				r[3] = (track_str){ pts[i % 4], 14 };
				r[4] = (track_str){ value, strlen(value) };
				if (pass == 2 && k == 0) {
					ck_assert_int_eq(filter_plan_row(f, &tr,
					    &err), 0);
					continue;
				}
				ck_assert_int_eq(filter_row(f, r, &out, &err),
				    0);
				if (pass == 2 && out != NULL) {
					snprintf(want, sizeof want, "%zu",
					    i % 4 == 0 || i % 4 == 3 ? i : 0);
					ck_assert_str_eq(out[4].ptr, want);
					n++;
				}
			}
		}
		while (pass == 1) {
			ck_assert_int_eq(filter_latest(f, &out, &err), 0);
			if (out == NULL)
				break;
			snprintf(want, sizeof want, "%zu", n / 2 * 4 +
			    (n % 2 ? 3 : 0));
			ck_assert_str_eq(out[4].ptr, want);
			n++;
		}
		ck_assert_uint_eq(n, 800);
		filter_free(f);
	}
}
END_TEST

START_TEST(pseudonymise_drops)
{
	struct track_filter_opts o;
	track_filter *f = NULL;
	track_str r[NCOLS];
	const track_str *out, *h;
	track_error err;
	const char *keep[] = { "upn" };
	char key[] = "/tmp/check_filter_keyXXXXXX", *d;
	int fd = mkstemp(key);
	size_t n;

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, "0123456789abcdef-test-key\n", 26), 26);
	close(fd);
	chmod(key, 0600);
	setup_hdr();
	memset(&o, 0, sizeof o);
	o.keyfile = key;
	ck_assert_int_eq(filter_new(&f, &o, &err), 0);
	ck_assert_int_eq(filter_key_loose(f), 0);
	ck_assert_int_eq(filter_bind(f, hdr, NCOLS, &err), 0);
	ck_assert_int_eq(filter_dropped(f, &d), 0);
	ck_assert_str_eq(d, "--pseudonymise leaves out \"upn\": it identifies "
	    "a pupil (--keep-column keeps a column)");
	free(d);
	h = filter_header(f, &n);
	ck_assert_uint_eq(n, NCOLS - 1);
	mkrow(r, "A1", "maths", "x", "EXS");
	ck_assert_int_eq(filter_row(f, r, &out, &err), 0);
	ck_assert_uint_eq(out[0].len, PSEUDO_LEN);
	ck_assert_str_eq(out[0].ptr, out[1].ptr);	/* name too */
	ck_assert_str_ne(out[0].ptr, "A1");
	ck_assert_str_eq(h[4].ptr, "value");
	filter_free(f);
	/* --keep-column keeps it. */
	o.keep = keep;
	o.nkeep = 1;
	ck_assert_int_eq(filter_new(&f, &o, &err), 0);
	ck_assert_int_eq(filter_bind(f, hdr, NCOLS, &err), 0);
	ck_assert_int_eq(filter_dropped(f, &d), 0);
	ck_assert_ptr_null(d);
	filter_free(f);
	/* -c may not name a column it leaves out. */
	o.nkeep = 0;
	o.columns = "pupil,upn";
	ck_assert_int_eq(filter_new(&f, &o, &err), 0);
	ck_assert_int_eq(filter_bind(f, hdr, NCOLS, &err), TRACK_EXIT_USAGE);
	ck_assert(strstr(err.text, "identifies a pupil") != NULL);
	filter_free(f);
	unlink(key);
}
END_TEST

static Suite *
filter_suite(void)
{
	Suite *s = suite_create("filter");
	TCase *tc = tcase_create("filter");

	tcase_add_test(tc, passthrough);
	tcase_add_test(tc, where_all_and_any);
	tcase_add_test(tc, sets_trimmed);
	tcase_add_test(tc, shard_partitions);
	tcase_add_test(tc, split_parts_are_shards);
	tcase_add_test(tc, columns_projected);
	tcase_add_test(tc, bind_errors);
	tcase_add_test(tc, latest_per_group);
	tcase_add_test(tc, latest_two_passes);
	tcase_add_test(tc, latest_keys_and_points);
	tcase_add_test(tc, latest_measures);
	tcase_add_test(tc, pseudonymise_drops);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(filter_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
