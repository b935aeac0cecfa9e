/*
 * report_pupil.c - pupil pages: track-pupil's JSON documents, one page a
 * pupil, in HTML or Markdown, for staff or (--parents) for a parent.  See
 * report.h and track-report(1).
 *
 * A pupil document is kept as its compact JSON text, not as a tree, so
 * that a whole school of pages costs about the size of its input; it is
 * parsed again, one at a time, when its page is written.  For a parent the
 * document is cut down as it is added, to the fields a parent's page shows
 * (see for_parents): flags, the pupil's id and the groups not asked for
 * never reach the page.
 */
#include "report.h"
#include "report_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The text at obj[key], or NULL. */
static const char *
str(json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

/* ---- Adding ---- */

/*
 * Zero when a pupil document has the shape the pages rely on: a text
 * "pupil", "rows" of objects each with "points" of objects that have a
 * text "point" and "value"; "groups" (if any) an object of texts; "flags"
 * (if any) an array of objects; "points" and "bands" (if any) lists of
 * objects with an "id".
 */
static int
pupil_ok(json_t *doc)
{
	json_t *rows = json_object_get(doc, "rows"), *r, *c, *g, *v;
	const char *k;
	size_t i, j;

	if (!json_is_string(json_object_get(doc, "pupil")) ||
	    !json_is_array(rows) || report_list_ok(doc, "points", 0) != 0 ||
	    report_list_ok(doc, "bands", 0) != 0)
		return -1;
	json_array_foreach(rows, i, r) {
		if (!json_is_object(r) || !json_is_array(json_object_get(r,
		    "points")))
			return -1;
		json_array_foreach(json_object_get(r, "points"), j, c)
			if (!json_is_object(c) || str(c, "point") == NULL ||
			    str(c, "value") == NULL)
				return -1;
	}
	g = json_object_get(doc, "groups");
	if (g != NULL && !json_is_object(g))
		return -1;
	json_object_foreach(g, k, v)
		if (!json_is_string(v))
			return -1;
	g = json_object_get(doc, "flags");
	if (g != NULL && !json_is_array(g))
		return -1;
	json_array_foreach(g, i, v)
		if (!json_is_object(v))
			return -1;
	return 0;
}

/* Nonzero when `name` is one of the comma-separated `list` (any case). */
static int
listed(const char *list, const char *name)
{
	size_t n = strlen(name);

	while (list != NULL && *list) {
		size_t len = strcspn(list, ",");

		if (len == n && strncasecmp(list, name, n) == 0)
			return 1;
		list += len + (list[len] == ',');
	}
	return 0;
}

/* Copies the members `keys` of `from` that are there into `to`. */
static int
copy_keys(json_t *to, json_t *from, const char *const *keys)
{
	for (; *keys; keys++) {
		json_t *v = json_object_get(from, *keys);

		if (v != NULL && json_object_set(to, *keys, v) != 0)
			return -1;
	}
	return 0;
}

/*
 * The part of a pupil document that a parent's page shows, as a new
 * document (NULL when out of memory): the name (the pupil id only when
 * there is no name), the year, the groups listed in --parents-groups, the
 * points, bands and rows, and in each row and cell only the fields a page
 * shows.  Flags, and anything a later track-pupil adds, are left behind,
 * so nothing else can reach the page.
 */
static json_t *
for_parents(const struct report_opts *o, json_t *doc)
{
	static const char *const top[] = { "report", "name", "year",
	    "year_label", "points", "bands", NULL };
	static const char *const rowk[] = { "subject", "subject_label",
	    "measure", "measure_label", NULL };
	static const char *const cellk[] = { "point", "point_label", "value",
	    "value_label", "band", "out_of_year", "against_label", NULL };
	json_t *d = json_object(), *g = json_object(), *gl = json_object();
	json_t *rows = json_array(), *r, *c, *v;
	const char *k;
	size_t i, j;

	if (d == NULL || g == NULL || gl == NULL || rows == NULL ||
	    copy_keys(d, doc, top) != 0)
		goto oom;
	if (str(doc, "name") == NULL && json_object_set(d, "pupil",
	    json_object_get(doc, "pupil")) != 0)
		goto oom;
	json_object_foreach(json_object_get(doc, "groups"), k, v) {
		json_t *l = json_object_get(json_object_get(doc,
		    "group_labels"), k);

		if (!listed(o->parents_groups, k))
			continue;
		if (json_object_set(g, k, v) != 0 || (l != NULL &&
		    json_object_set(gl, k, l) != 0))
			goto oom;
	}
	json_array_foreach(json_object_get(doc, "rows"), i, r) {
		json_t *nr = json_object(), *pts = json_array();

		if (json_array_append_new(rows, nr) != 0 || pts == NULL ||
		    json_object_set_new(nr, "points", pts) != 0 ||
		    copy_keys(nr, r, rowk) != 0)
			goto oom;
		json_array_foreach(json_object_get(r, "points"), j, c) {
			json_t *nc = json_object();

			if (json_array_append_new(pts, nc) != 0 ||
			    copy_keys(nc, c, cellk) != 0)
				goto oom;
		}
	}
	if (json_object_set_new(d, "groups", g) != 0) {
		g = NULL;
		goto oom;
	}
	g = NULL;
	if (json_object_set_new(d, "group_labels", gl) != 0) {
		gl = NULL;
		goto oom;
	}
	gl = NULL;
	if (json_object_set_new(d, "rows", rows) != 0) {
		rows = NULL;
		goto oom;
	}
	return d;
oom:
	json_decref(d);
	json_decref(g);
	json_decref(gl);
	json_decref(rows);
	return NULL;
}

int
report_pupil_add(track_report *r, json_t *doc, track_error *err)
{
	const char *kind = str(doc, "report");
	json_t *keep = doc, *item;
	char *text;

	if (kind != NULL && strcmp(kind, "pupil") != 0)	/* with --parents */
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "a %.40s document left out: --parents writes pages that "
		    "carry one pupil's data each, and nothing else", kind);
	if (pupil_ok(doc) != 0)
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "a pupil document without a text \"pupil\" and \"rows\" "
		    "of \"points\" with a \"point\" and a \"value\" (make one "
		    "with track-pupil -F json)");
	if (r->o.workbook)
		return error_set(err, TRACK_EXIT_DATA, NULL, 0,
		    "a pupil document left out: pupil pages are written as "
		    "html or markdown, not xlsx");
	if (r->o.parents && (keep = for_parents(&r->o, doc)) == NULL)
		return error_nomem(err);
	text = json_dumps(keep, JSON_COMPACT);
	if (keep != doc)
		json_decref(keep);
	item = text != NULL ? json_pack("{s:s,s:s}", "report", "pupil",
	    "json", text) : NULL;
	free(text);
	if (item == NULL || json_array_append_new(r->docs, item) != 0)
		return error_nomem(err);
	r->npupils++;
	return 0;
}

/* ---- Writing ---- */

/* ---- The parts of a page ---- */

/* Plain words for the flag reasons track-pupil writes; else as given. */
static const char *
reason_words(const char *reason)
{
	static const char *const r[][2] = {
		{ "dropped", "Dropped a band" },
		{ "stuck", "Below the standard for several terms" },
		{ "disagree", "Test and teacher assessment disagree" },
		{ "missing", "Not assessed this term" },
		{ "not-assessed", "Not-assessed code" },
	};
	size_t i;

	for (i = 0; reason != NULL && i < sizeof r / sizeof r[0]; i++)
		if (strcmp(reason, r[i][0]) == 0)
			return r[i][1];
	return reason;
}

/* The index of the standard band (0 when none says so). */
static size_t
standard_of(json_t *bands)
{
	json_t *b;
	size_t i;

	json_array_foreach(bands, i, b)
		if (json_is_true(json_object_get(b, "standard")))
			return i;
	return 0;
}

/* The index of band `id` in `bands`, or -1. */
static long
band_index(json_t *bands, const char *id)
{
	json_t *b;
	size_t i;

	if (id == NULL)
		return -1;
	json_array_foreach(bands, i, b)
		if (str(b, "id") && strcmp(str(b, "id"), id) == 0)
			return (long)i;
	return -1;
}

/*
 * The grid's columns: the document's "points", or (from a track-pupil
 * that did not write them) every point of the rows in the order first
 * seen, as a new array of {"id","label"} the caller releases; NULL when
 * out of memory.
 */
static json_t *
columns_of(json_t *doc)
{
	json_t *pts = json_object_get(doc, "points"), *cols, *r, *c, *k;
	size_t i, j, n;

	if (json_is_array(pts))
		return json_incref(pts);
	cols = json_array();
	json_array_foreach(json_object_get(doc, "rows"), i, r)
		json_array_foreach(json_object_get(r, "points"), j, c) {
			json_array_foreach(cols, n, k)
				if (!strcmp(str(k, "id"), str(c, "point")))
					break;
			if (n < json_array_size(cols))
				continue;
			if (cols == NULL || json_array_append_new(cols,
			    json_pack("{s:s,s:s}", "id", str(c, "point"),
			    "label", str(c, "point_label") ? str(c,
			    "point_label") : str(c, "point"))) != 0) {
				json_decref(cols);
				return NULL;
			}
		}
	return cols;
}

/* The cell of row `r` at point `id`, or NULL. */
static json_t *
cell_at(json_t *r, const char *id)
{
	json_t *c;
	size_t i;

	json_array_foreach(json_object_get(r, "points"), i, c)
		if (strcmp(str(c, "point"), id) == 0)
			return c;
	return NULL;
}

/* The label of a band id, or the id. */
static const char *
band_label(json_t *bands, const char *id)
{
	long b = band_index(bands, id);

	return b >= 0 && str(json_array_get(bands, (size_t)b), "label") ?
	    str(json_array_get(bands, (size_t)b), "label") : id;
}

/*
 * Nonzero when a cell's words do not say its band, so that a page with no
 * colour (Markdown), or a parent's, must: a score or age (a value that
 * starts like a number, or has no label), or a value out of year ("Y3
 * EXS" is below for a Year 4 pupil).
 */
static int
band_unsaid(json_t *c)
{
	const char *v = str(c, "value");

	return str(c, "value_label") == NULL || json_is_true(json_object_get(
	    c, "out_of_year")) || (v != NULL && strchr("0123456789<>.-+",
	    *v) != NULL && *v != '\0');
}

/*
 * A cell's words.  For staff, the value as given ("Y3 EXS"), and in
 * Markdown, which has no colour, its band where the value does not say it
 * (see band_unsaid).  For a parent, the school's descriptor with the code
 * after it ("Working at the expected standard (EXS)", out of year
 * "Working at the expected standard for Year 3 (Y3 EXS, Below
 * expected)"), or a score with its band ("104 (At expected)").
 */
static void
cell_words(struct out *o, json_t *bands, json_t *c)
{
	const char *v = str(c, "value"), *l = str(c, "value_label");
	const char *b = str(c, "band");
	int band = (o->md || o->parents) && b != NULL && band_unsaid(c);

	if (o->parents && l != NULL) {
		report_text(o, l);
		if (json_is_true(json_object_get(c, "out_of_year")) &&
		    str(c, "against_label") != NULL) {
			report_put(o, " for ");
			report_text(o, str(c, "against_label"));
		}
		report_put(o, o->md ? " (" : " <span class=\"code\">(");
		report_text(o, v);
		if (band) {
			report_put(o, ", ");
			report_text(o, band_label(bands, b));
		}
		report_put(o, o->md ? ")" : ")</span>");
		return;
	}
	report_text(o, v);
	if (band) {
		report_put(o, o->md ? " (" : " <span class=\"code\">(");
		report_text(o, band_label(bands, b));
		report_put(o, o->md ? ")" : ")</span>");
	}
}

/* One cell of the grid in HTML: coloured by band, its words in it. */
static void
cell_html(struct out *o, json_t *bands, size_t std, json_t *c)
{
	long b = band_index(bands, str(c, "band"));
	const char *col = b >= 0 ? report_band_colour((size_t)b, std) : "#DDDDDD";

	report_putf(o, "<td class=\"v%s%s\" style=\"background-color:%s;color:%s\" "
	    "title=\"", b >= 0 && (size_t)b < std ? " below" : "",
	    json_is_true(json_object_get(c, "out_of_year")) ? " ooy" : "",
	    col, !strcmp(col, "#0072B2") || !strcmp(col, "#D55E00") ?
	    "#fff" : "#000");
	if (str(c, "value_label")) {
		report_text(o, str(c, "value_label"));
		report_put(o, b >= 0 ? ": " : "");
	}
	if (b >= 0)
		report_text(o, band_label(bands, str(c, "band")));
	report_put(o, "\">");
	cell_words(o, bands, c);
	report_put(o, "</td>");
}

/* How many rows from `i` on share row i's subject. */
static size_t
subject_run(json_t *rows, size_t i)
{
	const char *s = str(json_array_get(rows, i), "subject");
	size_t j = i + 1;

	while (s != NULL && j < json_array_size(rows) && str(json_array_get(
	    rows, j), "subject") && !strcmp(str(json_array_get(rows, j),
	    "subject"), s))
		j++;
	return j - i;
}

/*
 * The grid: subjects and measures down, in the document's order (tests
 * beside the teacher's judgement of the same subject), points across.
 */
static void
grid(struct out *o, json_t *doc, json_t *cols)
{
	json_t *rows = json_object_get(doc, "rows"), *bands =
	    json_object_get(doc, "bands"), *r, *k;
	size_t i, j, run = 0, std = standard_of(bands);

	if (json_array_size(rows) == 0) {
		report_put(o, o->md ? "No assessments.\n\n" :
		    "<p class=\"note\">No assessments.</p>\n");
		return;
	}
	report_put(o, o->md ? "| Subject | Measure |" : "<table class=\"grid\">\n"
	    "<thead><tr><th scope=\"col\">Subject</th>"
	    "<th scope=\"col\">Measure</th>");
	json_array_foreach(cols, j, k) {
		report_put(o, o->md ? " " : "<th scope=\"col\">");
		report_text(o, str(k, "label") ? str(k, "label") : str(k, "id"));
		report_put(o, o->md ? " |" : "</th>");
	}
	if (o->md) {
		report_put(o, "\n| --- | --- |");
		for (j = 0; j < json_array_size(cols); j++)
			report_put(o, " --- |");
		report_put(o, "\n");
	} else {
		report_put(o, "</tr></thead>\n<tbody>\n");
	}
	json_array_foreach(rows, i, r) {
		const char *subj = str(r, "subject_label") ? str(r,
		    "subject_label") : str(r, "subject");

		if (o->md) {
			report_put(o, "| ");
			report_text(o, subj);
			report_put(o, " | ");
		} else {
			report_put(o, "<tr>");
			if (run == 0) {
				run = subject_run(rows, i);
				report_putf(o, "<th scope=\"rowgroup\" rowspan=\"%zu\">",
				    run);
				report_text(o, subj);
				report_put(o, "</th>");
			}
			run--;
			report_put(o, "<th scope=\"row\">");
		}
		report_text(o, str(r, "measure_label") ? str(r, "measure_label") :
		    str(r, "measure"));
		report_put(o, o->md ? " |" : "</th>");
		json_array_foreach(cols, j, k) {
			json_t *c = cell_at(r, str(k, "id"));

			if (o->md) {
				report_put(o, " ");
				if (c != NULL)
					cell_words(o, bands, c);
				report_put(o, " |");
			} else if (c == NULL) {
				report_put(o, "<td class=\"none\"></td>");
			} else {
				cell_html(o, bands, std, c);
			}
		}
		report_put(o, o->md ? "\n" : "</tr>\n");
	}
	report_put(o, o->md ? "\n" : "</tbody>\n</table>\n");
}

/* The key to the colours (HTML): each band, then not assessed. */
static void
legend(struct out *o, json_t *bands)
{
	size_t i, std = standard_of(bands);
	json_t *b;

	if (o->md || json_array_size(bands) == 0)
		return;
	report_put(o, "<p class=\"legend\">");
	json_array_foreach(bands, i, b) {
		report_putf(o, "<span class=\"key%s\" style=\"background-color:%s\">"
		    "</span> ", i < std ? " below" : "", report_band_colour(i, std));
		report_text(o, str(b, "label") ? str(b, "label") : str(b, "id"));
		report_put(o, " ");
	}
	report_put(o, "<span class=\"key\" style=\"background-color:#DDDDDD\">"
	    "</span> Not assessed</p>\n");
}

/*
 * Under the grid: what the out-of-year words mean ("Y3 EXS: assessed
 * against Year 3"), once for each curriculum.
 */
static void
ooy_note(struct out *o, json_t *doc)
{
	json_t *r, *c, *seen = json_object();
	size_t i, j;

	if (seen == NULL) {
		if (o->rc == 0)
			o->rc = error_nomem(o->err);
		return;
	}
	json_array_foreach(json_object_get(doc, "rows"), i, r)
		json_array_foreach(json_object_get(r, "points"), j, c) {
			const char *a = str(c, "against_label");

			if (!json_is_true(json_object_get(c, "out_of_year")) ||
			    a == NULL || json_object_get(seen, a) != NULL)
				continue;
			if (json_object_size(seen) == 0)
				report_put(o, o->md ? "" : "<p class=\"note\">");
			else
				report_put(o, " ");
			json_object_set_new(seen, a, json_true());
			if (o->rc == 0)
				o->rc = writer_text(o->w, str(c, "value"),
				    strcspn(str(c, "value"), " "), o->err);
			report_put(o, o->parents ? " means work assessed against the "
			    "curriculum for " : ": assessed against ");
			report_text(o, a);
			report_put(o, o->parents ? ", not their own year's." : ".");
		}
	if (json_object_size(seen) > 0)
		report_put(o, o->md ? "\n\n" : "</p>\n");
	json_decref(seen);
}

/* The pupil's groups, in words where the scheme has them. */
static void
groups(struct out *o, json_t *doc)
{
	json_t *g = json_object_get(doc, "groups"), *gl =
	    json_object_get(doc, "group_labels"), *v;
	const char *k;
	int first = 1;

	if (json_object_size(g) == 0)
		return;
	report_put(o, o->md ? "" : "<p class=\"groups\">");
	if (!o->parents)
		report_put(o, o->md ? "Groups: " : "<b>Groups:</b> ");
	json_object_foreach(g, k, v) {
		json_t *l = json_object_get(gl, k);

		report_put(o, first ? "" : "; ");
		first = 0;
		if (str(l, "label") != NULL) {
			report_text(o, str(l, "label"));
		} else {	/* a column name: "class" as "Class" */
			char up[2] = { *k >= 'a' && *k <= 'z' ?
			    (char)(*k - 'a' + 'A') : *k, '\0' };

			report_text(o, up);
			report_text(o, *k ? k + 1 : k);
		}
		report_put(o, ": ");
		report_text(o, str(l, "value_label") ? str(l, "value_label") :
		    json_string_value(v));
	}
	report_put(o, o->md ? "\n\n" : "</p>\n");
}

/* The flags, for staff: reason, where, and the evidence. */
static void
flags(struct out *o, json_t *doc)
{
	json_t *fl = json_object_get(doc, "flags"), *f;
	size_t i;

	if (fl == NULL)
		return;
	report_put(o, o->md ? "### Flags\n\n" : "<h3>Flags</h3>\n");
	if (json_array_size(fl) == 0) {
		report_put(o, o->md ? "None.\n\n" : "<p class=\"note\">None.</p>\n");
		return;
	}
	report_put(o, o->md ? "| Reason | Subject | Measure | Point | Evidence |\n"
	    "| --- | --- | --- | --- | --- |\n" : "<table class=\"flags\">\n"
	    "<thead><tr><th scope=\"col\">Reason</th><th scope=\"col\">"
	    "Subject</th><th scope=\"col\">Measure</th><th scope=\"col\">"
	    "Point</th><th scope=\"col\">Evidence</th></tr></thead>\n"
	    "<tbody>\n");
	json_array_foreach(fl, i, f) {
		static const char *const col[][2] = {
			{ "subject_label", "subject" },
			{ "measure_label", "measure" },
			{ "point_label", "point" },
			{ "evidence", "evidence" },
		};
		size_t k;

		report_put(o, o->md ? "| " : "<tr><td>");
		report_text(o, reason_words(str(f, "reason")));
		for (k = 0; k < 4; k++) {
			report_put(o, o->md ? " | " : "</td><td>");
			report_text(o, str(f, col[k][0]) ? str(f, col[k][0]) :
			    str(f, col[k][1]));
		}
		report_put(o, o->md ? " |\n" : "</td></tr>\n");
	}
	report_put(o, o->md ? "\n" : "</tbody>\n</table>\n");
}

/*
 * The heading of a page: the school, the title and the date on a line,
 * then the pupil's name (h1 when the pages stand alone, h2 in a pack),
 * their year and, for staff, their id.
 */
static void
page_head(struct out *o, const struct report_opts *ro, json_t *doc,
    int alone)
{
	const char *title = ro->title ? ro->title : ro->parents ?
	    "Progress report" : "Pupil profile";
	const char *name = str(doc, "name");

	report_put(o, o->md ? (alone ? "# " : "## ") : alone ? "<header>\n<h1>" :
	    "<header>\n<h2 class=\"name\">");
	report_text(o, name && *name ? name : str(doc, "pupil"));
	report_put(o, o->md ? "\n\n" : alone ? "</h1>\n<p class=\"kicker\">" :
	    "</h2>\n<p class=\"kicker\">");
	report_text(o, title);
	if (ro->school) {
		report_put(o, " \xc2\xb7 ");
		report_text(o, ro->school);
	}
	if (ro->date) {
		report_put(o, " \xc2\xb7 Data as at ");
		report_text(o, ro->date);
	}
	report_put(o, o->md ? "\n\n" : "</p>\n<p class=\"who\">");
	report_text(o, str(doc, "year_label") ? str(doc, "year_label") :
	    str(doc, "year"));
	if (!o->parents && str(doc, "pupil")) {
		report_put(o, str(doc, "year_label") || str(doc, "year") ?
		    " \xc2\xb7 Pupil " : "Pupil ");
		report_text(o, str(doc, "pupil"));
	}
	report_put(o, o->md ? "\n\n" : "</p>\n</header>\n");
}

/* One page: a pupil document (already parsed) for staff or a parent. */
static void
page(struct out *o, const struct report_opts *ro, json_t *doc, int alone)
{
	json_t *cols = columns_of(doc);

	if (cols == NULL) {
		if (o->rc == 0)
			o->rc = error_nomem(o->err);
		return;
	}
	report_put(o, o->md ? "" : o->parents ? "<section class=\"pupil parents\">\n" :
	    "<section class=\"pupil\">\n");
	page_head(o, ro, doc, alone);
	groups(o, doc);
	if (o->parents)
		report_put(o, o->md ? "Each term the teacher judges how your child is "
		    "doing against what the school expects by then; test "
		    "results are shown beside the judgements.\n\n" :
		    "<p class=\"intro\">Each term the teacher judges how your "
		    "child is doing against what the school expects by then; "
		    "test results are shown beside the judgements. The "
		    "colours show the same as the words:</p>\n");
	legend(o, json_object_get(doc, "bands"));
	grid(o, doc, cols);
	ooy_note(o, doc);
	if (!o->parents)
		flags(o, doc);
	report_put(o, o->md ? "" : "</section>\n");
	json_decref(cols);
}

/* Parses a stored page's document; NULL (with o->rc set) on failure. */
static json_t *
stored(struct out *o, json_t *item)
{
	json_error_t je;
	json_t *doc = json_loads(str(item, "json"), 0, &je);

	if (doc == NULL && o->rc == 0)
		o->rc = error_nomem(o->err);	/* it was our own text */
	return doc;
}

int
report_pupil_page(const track_report *r, json_t *item, track_writer *w,
    int md, track_error *err)
{
	struct out o = { .w = w, .err = err, .md = md, .parents = r->o.parents };
	json_t *doc = stored(&o, item);

	if (doc != NULL) {
		if (md)
			report_put(&o, "---\n\n");
		page(&o, &r->o, doc, 0);
	}
	json_decref(doc);
	return o.rc;
}

/* ---- Pages on their own ---- */

/* The whole page's style when there are only pupil pages. */
static const char page_css[] =
    "body{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,"
    "Arial,sans-serif;color:#111;margin:2em auto;max-width:60em;"
    "padding:0 1em;line-height:1.35}\n"
    "h1{margin:0 0 .1em}\n"
    ".note{font-size:.85em;color:#333}\n";

const char report_pupil_css[] =
    "section.pupil{break-before:page;page-break-before:always}\n"
    "section.pupil header{border-bottom:3px solid #0072B2;"
    "margin-bottom:.8em}\n"
    "section.pupil h2.name{margin:0 0 .1em;border:none}\n"
    "section.pupil .kicker,section.pupil .who{margin:.1em 0;"
    "font-size:.9em;color:#333}\n"
    "section.pupil h3{margin:1em 0 .3em;font-size:1em}\n"
    "table.grid,table.flags{border-collapse:collapse;margin:.5em 0;"
    "font-size:.8em}\n"
    "table.grid th,table.grid td,table.flags th,table.flags td{"
    "border:1px solid #999;padding:.2em .35em;text-align:left;"
    "vertical-align:top}\n"
    "table.grid thead th,table.flags thead th{background:#eee}\n"
    "table.grid{width:100%;table-layout:fixed}\n"
    "table.grid thead th:first-child{width:5.5em}"
    "table.grid thead th:nth-child(2){width:8em}\n"
    "table.grid td{text-align:center;overflow-wrap:break-word;"
    "-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
    "table.grid td.below,.legend .below{background-image:"
    "repeating-linear-gradient(45deg,rgba(0,0,0,.2) 0 2px,"
    "transparent 2px 6px)}\n"
    "table.grid td.ooy{font-style:italic}\n"

    "table.grid .code{display:block;font-size:.85em}\n"
    ".parents table.grid td{padding:.15em .1em;hyphens:auto}\n"
    ".legend{font-size:.85em}.legend .key{display:inline-block;"
    "width:1.1em;height:1.1em;vertical-align:middle;border:1px solid #999;"
    "-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
    ".groups,.intro{font-size:.9em}\n"
    "@page{size:A4;margin:12mm}\n"
    "@media print{body{margin:0;max-width:none;font-size:9.5pt}"
    "table.grid,table.flags{font-size:7pt}.parents table.grid td{"
    "font-size:6.5pt}"
    "section.pupil{break-inside:auto}tr{break-inside:avoid}}\n";

int
report_pupil_pages(const track_report *r, track_writer *w, int md,
    track_error *err)
{
	struct out o = { .w = w, .err = err, .md = md, .parents = r->o.parents };
	const char *title = r->o.title ? r->o.title : r->o.parents ?
	    "Progress reports" : "Pupil pages";
	json_t *item, *doc;
	size_t i;

	if (!md) {
		report_html_head(&o, title, r->o.school);
		report_put(&o, page_css);
		report_put(&o, report_pupil_css);
		report_put(&o, "</style>\n</head>\n<body>\n<main>\n");
	}
	json_array_foreach(r->docs, i, item) {
		if (o.rc != 0)
			break;
		doc = stored(&o, item);
		if (doc == NULL)
			break;
		if (md && i > 0)
			report_put(&o, "---\n\n");
		page(&o, &r->o, doc, 1);
		json_decref(doc);
	}
	if (!md)
		report_put(&o, "</main>\n</body>\n</html>\n");
	return o.rc;
}
