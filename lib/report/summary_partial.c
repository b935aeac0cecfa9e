/*
 * summary_partial.c - --partial: a summary's cells written as JSON Lines,
 * a header first (the options they were made with, which every partial
 * of a merge must share), then one line per cell, then with --roll the
 * roster (see summary_merge.c for the reading side).
 */
#include "summary_int.h"

#include <stdlib.h>
#include <string.h>

static const char *const mode_name[] = { "latest", "point", "over" };

/* The structure partials must share, as a JSON object. */
static json_t *
structure(const track_summary *m)
{
	json_t *o = json_object(), *a;
	size_t i;

	if (o == NULL)
		return NULL;
	json_object_set_new(o, "scheme", json_string(scheme_name(m->s)));
	a = json_array();
	for (i = 0; i < m->nbands; i++)
		json_array_append_new(a, json_string(scheme_band_id(m->s, i)));
	json_object_set_new(o, "bands", a);
	a = json_array();
	for (i = 0; i < m->nby; i++) {
		char *spec = m->by[i].kind == BY_PRIOR ? sum_cat("prior=",
		    m->by[i].prior) : strdup(m->by[i].name);

		if (spec == NULL) {
			json_decref(a);
			json_decref(o);
			return NULL;
		}
		json_array_append_new(a, json_pack("{s:s, s:b, s:b}", "by",
		    spec, "hidden", m->by[i].hidden != BY_SHOWN, "privacy",
		    m->by[i].hidden == BY_PRIVACY));
		free(spec);
	}
	json_object_set_new(o, "by", a);
	a = json_array();
	for (i = 0; i < m->ncombo; i++)
		json_array_append_new(a, json_string(m->combo[i].spec));
	json_object_set_new(o, "combine", a);
	json_object_set_new(o, "pupils", json_boolean(m->pupils));
	json_object_set_new(o, "roll", json_boolean(m->roll));
	json_object_set_new(o, "mode", json_string(mode_name[m->mode]));
	if (m->mode == MODE_POINT)
		json_object_set_new(o, "point", json_string(m->o.point));
	return o;
}

/* Writes one JSON value as a line. */
static int
put_line(track_writer *w, json_t *v, track_error *err)
{
	int rc;

	if (v == NULL)
		return error_nomem(err);
	rc = rtable_json_write(v, w, err);
	json_decref(v);
	return rc;
}

/*
 * With --roll, a partial also says how many of its roll pupils (and with
 * --pupils, who) fall in each group, per subject: the merge counts them
 * as missing in any subject and point this part has no values for.
 */
static int
write_roster(track_summary *m, track_writer *w, track_error *err)
{
	size_t ns = scheme_subject_count(m->s), sl, r, i, k;
	track_strmap *keys = strmap_new();
	long long *cnt = NULL;
	struct plist *names = NULL;
	size_t cap = 0, ncap = 0;
	long g[MAXBY];
	int rc = 0;

	if (keys == NULL)
		return error_nomem(err);
	for (sl = 0; sl < ns + m->ncombo && rc == 0; sl++) {
		size_t n0 = strmap_count(keys);

		for (r = 0; r < m->nroll; r++) {
			long key[1 + MAXBY], id;
			int added;

			for (k = 0; k < m->nby; k++)
				g[k] = m->roll_g[r * MAXBY + k];
			if (sum_groups_of(m, g, m->roll_pupil[r], (int)sl,
			    g) != 0)
				goto oom;
			memset(key, 0, sizeof key);
			key[0] = (long)sl;
			memcpy(key + 1, g, m->nby * sizeof g[0]);
			id = strmap_intern(keys, (const char *)key,
			    (1 + m->nby) * sizeof key[0], &added);
			if (id < 0 || buf_grow(&cnt, &cap, (size_t)id + 1,
			    sizeof *cnt) || buf_grow(&names, &ncap,
			    (size_t)id + 1, sizeof *names))
				goto oom;
			if (added) {
				cnt[id] = 0;
				memset(&names[id], 0, sizeof names[id]);
			}
			cnt[id]++;
			if (m->pupils && buf_grow(&names[id].off,
			    &names[id].cap, names[id].n + 1,
			    sizeof(size_t)) != 0)
				goto oom;
			if (m->pupils)
				names[id].off[names[id].n++] =
				    m->pn.name[m->roll_pupil[r]];
		}
		for (i = n0; i < strmap_count(keys) && rc == 0; i++) {
			long key[1 + MAXBY];
			json_t *gj = json_array(), *nj = json_array();
			json_t *o;

			/* The arena does not keep keys aligned. */
			memcpy(key, strmap_key(keys, (long)i, NULL),
			    (1 + m->nby) * sizeof key[0]);
			for (k = 0; k < m->nby; k++)
				json_array_append_new(gj, json_string(
				    strmap_key(m->by[k].vals, key[1 + k],
				    NULL)));
			for (k = 0; k < names[i].n; k++)
				json_array_append_new(nj, json_string(
				    m->disp.ptr + names[i].off[k]));
			o = json_pack("{s:s, s:o, s:I}", "roster",
			    sum_subject_id(m, (int)sl), "groups", gj, "count",
			    (json_int_t)cnt[i]);
			if (o != NULL && m->pupils)
				json_object_set_new(o, "names", nj);
			else
				json_decref(nj);
			rc = put_line(w, o, err);
		}
	}
	goto out;
oom:
	rc = error_nomem(err);
out:
	for (i = 0; i < strmap_count(keys) && names != NULL; i++)
		free(names[i].off);
	free(names);
	free(cnt);
	strmap_free(keys);
	return rc;
}

int
summary_partial(track_summary *m, track_writer *w, track_error *err)
{
	json_t *head;
	size_t i, j, b;
	int rc;

	if (m->o.objectives)
		return error_set(err, TRACK_EXIT_USAGE, NULL, 0,
		    "--partial does not work with --objectives");
	if (m->a == NULL && sum_need_assessor(m, err) != 0)
		return TRACK_EXIT_IO;
	rc = sum_build(m, err);
	if (rc != 0)
		return rc;
	head = structure(m);
	if (head == NULL)
		return error_nomem(err);
	json_object_set_new(head, "track_summary_partial", json_integer(2));
	json_object_set_new(head, "latest", m->mode == MODE_LATEST &&
	    m->point >= 0 ? json_string(assess_point_text(m->a, m->point)) :
	    json_null());
	rc = put_line(w, head, err);
	for (i = 0; i < m->ncell && rc == 0; i++) {
		struct cell *c = &m->cell[i];
		json_t *o, *g = json_array(), *cnt = json_array();
		json_t *h = json_array(), *u = json_array();

		if (!shown(m, c)) {
			json_decref(g);
			json_decref(cnt);
			json_decref(h);
			json_decref(u);
			continue;
		}
		sum_compress(c);
		for (j = 0; j < m->nby; j++)
			json_array_append_new(g, json_string(strmap_key(
			    m->by[j].vals, c->g[j], NULL)));
		for (b = 0; b < m->nbands; b++)
			json_array_append_new(cnt, json_integer(c->cnt[b]));
		for (b = MAXB; b < NBUCKET; b++)
			json_array_append_new(cnt, json_integer(c->cnt[b]));
		for (j = 0; j < c->nh; j++)
			json_array_append_new(h, json_pack("[f, I]",
			    c->h[j].v, (json_int_t)c->h[j].c));
		for (b = 0; m->pupils && b < NBUCKET; b++) {
			json_t *l;

			if (b >= m->nbands && b < MAXB)
				continue;
			l = json_array();
			for (j = 0; j < c->pl[b].n; j++)
				json_array_append_new(l, json_string(
				    m->disp.ptr + c->pl[b].off[j]));
			json_array_append_new(u, l);
		}
		o = json_pack("{s:s, s:s, s:s, s:o, s:o, s:o}",
		    "subject", sum_subject_id(m, c->subj),
		    "measure", sum_measure_id(m, c->meas),
		    "point", assess_point_text(m->a, c->point),
		    "groups", g, "counts", cnt, "scores", h);
		if (o != NULL && m->pupils)
			json_object_set_new(o, "pupils", u);
		else
			json_decref(u);
		rc = put_line(w, o, err);
	}
	if (rc == 0 && m->roll)
		rc = write_roster(m, w, err);
	return rc;
}
