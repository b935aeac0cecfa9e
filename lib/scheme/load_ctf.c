/*
 * load_ctf.c - the scheme's "ctf" section: reading and checking it
 * (load_ctf, called last by load.c) and the lookups of ctf.h.
 */
#include "load_int.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "ctf.h"

/* A rule of $.ctf.results. */
struct ctf_rule {
	const char *key[CTF_NKEYS];	/* NULL matches anything */
	const char *write[CTF_NKEYS];	/* "write": for the open keys */
	struct scheme_ctf_place to;
};

/* $.ctf.pupil.sex (fsm, sen): CTF code -> the column's code. */
struct ctf_codes {
	const char *column;		/* NULL: not mapped */
	const char **from, **to;
	size_t n;
};

struct scheme_ctf {
	struct ctf_rule *rule;
	size_t nrule;
	struct ctf_codes pupil[CTF_NPUPIL];
	const char *write[CTF_NKEYS];	/* $.ctf.write */
};

static const char *const key_names[CTF_NKEYS + 1] = {
	"stage", "locale", "subject", "method", "component", "status",
	"qualifier", NULL	/* NULL ends it for load_check_keys */
};

static const char *const pupil_names[CTF_NPUPIL + 1] = {
	"sex", "fsm", "sen", NULL	/* NULL ends it for load_check_keys */
};

/*
 * Reads $.ctf.pupil.NAME into *c: the column, and its codes, each of
 * which must be one of the group's values when the column is a group.
 */
static int
load_codes(struct loader *l, json_t *o, struct ctf_codes *c)
{
	static const char *const keys[] = { "column", "codes", NULL };
	const track_group *g;
	json_t *codes, *v;
	const char *k;
	size_t i = 0, old;

	TRY(load_expect_type(l, o, JSON_OBJECT, "an object"));
	TRY(load_check_keys(l, o, keys));
	TRY(load_get_id(l, o, "column", &c->column));
	TRY(load_member(l, o, "codes", JSON_OBJECT, "an object", 1, &codes));
	g = scheme_group_find(l->s, c->column);
	old = load_path_key(l, "codes");
	c->n = json_object_size(codes);
	c->from = load_alloc(l, (c->n + 1) * sizeof *c->from);
	c->to = load_alloc(l, (c->n + 1) * sizeof *c->to);
	if (c->from == NULL || c->to == NULL)
		return load_oom(l);
	json_object_foreach(codes, k, v) {
		size_t old2 = load_path_key(l, k);
		const char *code;

		TRY(load_expect_type(l, v, JSON_STRING, "a string"));
		code = json_string_value(v);
		if (g != NULL && scheme_group_value_index(g, code,
		    strlen(code), NULL) < 0)
			return load_fail(l, "\"%s\" is not a value of the "
			    "group \"%s\"", code, c->column);
		c->from[i] = load_strdup(l, k);
		c->to[i] = load_strdup(l, code);
		if (c->from[i] == NULL || c->to[i] == NULL)
			return load_oom(l);
		i++;
		load_path_pop(l, old2);
	}
	load_path_pop(l, old);
	return 0;
}

/* Reads $.ctf.pupil. */
static int
load_pupil(struct loader *l, json_t *ctf, struct scheme_ctf *c)
{
	json_t *o, *v;
	size_t i, old, old2;

	TRY(load_member(l, ctf, "pupil", JSON_OBJECT, "an object", 0, &o));
	if (o == NULL)
		return 0;
	old = load_path_key(l, "pupil");
	TRY(load_check_keys(l, o, pupil_names));
	for (i = 0; i < CTF_NPUPIL; i++) {
		v = json_object_get(o, pupil_names[i]);
		if (v == NULL)
			continue;
		old2 = load_path_key(l, pupil_names[i]);
		TRY(load_codes(l, v, &c->pupil[i]));
		load_path_pop(l, old2);
	}
	load_path_pop(l, old);
	return 0;
}

/*
 * Reads a rule's "to": each id must be known, and the point a statutory
 * or other point (it is scoped by the CTF's year), and the three must
 * have a scale.
 */
static int
load_to(struct loader *l, json_t *o, struct scheme_ctf_place *p)
{
	static const char *const keys[] = {
		"subject", "measure", "point", "year", NULL
	};
	const track_scheme *s = l->s;
	const char *text = NULL;
	char pt[SCHEME_POINT_MAX];
	size_t old;
	int kind;

	TRY(load_expect_type(l, o, JSON_OBJECT, "an object"));
	TRY(load_check_keys(l, o, keys));
	TRY(load_get_id(l, o, "subject", &text));
	old = load_path_key(l, "subject");
	p->subject = scheme_subject_id(s, text, strlen(text));
	if (p->subject == NULL)
		return load_fail_unknown(l, &s->subject_d, "subject", text);
	load_path_pop(l, old);
	p->measure = scheme_measure_default(s);
	text = NULL;
	TRY(load_get_str(l, o, "measure", 0, &text));
	old = load_path_key(l, "measure");
	if (text != NULL) {
		p->measure = scheme_measure_id(s, text, strlen(text));
		if (p->measure == NULL)
			return load_fail_unknown(l, &s->measure_d, "measure",
			    text);
	}
	load_path_pop(l, old);
	TRY(load_get_id(l, o, "point", &text));
	old = load_path_key(l, "point");
	kind = scheme_point_normalise(s, text, strlen(text), pt, sizeof pt);
	if (kind != TRACK_POINT_STATUTORY && kind != TRACK_POINT_OTHER)
		return kind == TRACK_POINT_UNKNOWN ?
		    load_fail_unknown(l, &s->point_d, "point", text) :
		    load_fail(l, "\"%s\" is not a statutory or other point; "
		    "the CTF's Year gives the academic year", text);
	p->point = load_strdup(l, pt);
	if (p->point == NULL)
		return load_oom(l);
	load_path_pop(l, old);
	text = NULL;
	TRY(load_get_str(l, o, "year", 0, &text));
	if (text != NULL) {
		old = load_path_key(l, "year");
		p->year = scheme_year_id(s, text, strlen(text));
		if (p->year == NULL)
			return load_fail_unknown(l, &s->year_d, "year", text);
		load_path_pop(l, old);
	}
	if (scheme_scale_for(s, p->subject, p->measure, p->point) == NULL)
		return load_fail(l, "no scale for %s, %s at %s", p->subject,
		    p->measure, p->point);
	return 0;
}

/* Nonzero when rule key `k` names one value exactly (no "*"). */
static int
exact(const char *k)
{
	return k != NULL && k[0] != '\0' && k[strlen(k) - 1] != '*';
}

/*
 * Reads a "write" object (member of `o`) into w: the values to write in a
 * Common Transfer File for keys that `rkey` (a rule's keys, or NULL for
 * the section) leaves open.
 */
static int
load_write(struct loader *l, json_t *o, const char **rkey, const char **w)
{
	json_t *wo;
	size_t i, old;

	TRY(load_member(l, o, "write", JSON_OBJECT, "an object", 0, &wo));
	if (wo == NULL)
		return 0;
	old = load_path_key(l, "write");
	TRY(load_check_keys(l, wo, key_names));
	for (i = 0; i < CTF_NKEYS; i++) {
		TRY(load_get_str(l, wo, key_names[i], 0, &w[i]));
		if (w[i] == NULL)
			continue;
		if (strchr(w[i], '*') != NULL || (rkey != NULL &&
		    exact(rkey[i])))
			return load_fail(l, "\"%s\": %s", key_names[i],
			    strchr(w[i], '*') != NULL ? "a value to write "
			    "has no \"*\"" : "the rule names it already");
	}
	load_path_pop(l, old);
	return 0;
}

/* Reads one rule of $.ctf.results. */
static int
load_rule(struct loader *l, json_t *o, struct ctf_rule *r)
{
	static const char *const keys[] = {
		"stage", "locale", "subject", "method", "component", "status",
		"qualifier", "skip", "to", "write", NULL
	};
	json_t *to;
	size_t i, old;

	TRY(load_expect_type(l, o, JSON_OBJECT, "an object"));
	TRY(load_check_keys(l, o, keys));
	for (i = 0; i < CTF_NKEYS; i++) {
		TRY(load_get_str(l, o, key_names[i], 0, &r->key[i]));
		if (r->key[i] != NULL && strcmp(r->key[i], "*") == 0)
			r->key[i] = NULL;
	}
	TRY(load_write(l, o, r->key, r->write));
	TRY(load_get_bool(l, o, "skip", &r->to.skip));
	TRY(load_member(l, o, "to", JSON_OBJECT, "an object", 0, &to));
	if (r->to.skip && to != NULL)
		return load_fail(l, "a rule has \"skip\": true or \"to\", "
		    "not both");
	if (r->to.skip)
		return 0;
	if (to == NULL)
		return load_fail(l, "missing \"to\" (where the result goes) "
		    "or \"skip\": true");
	old = load_path_key(l, "to");
	TRY(load_to(l, to, &r->to));
	load_path_pop(l, old);
	return 0;
}

/* Reads $.ctf, the last section. */
int
load_ctf(struct loader *l, json_t *root)
{
	static const char *const keys[] = {
		"pupil", "results", "write", NULL
	};
	struct scheme_ctf *c;
	json_t *ctf, *arr, *o;
	size_t i, old, old2, old3;

	TRY(load_member(l, root, "ctf", JSON_OBJECT, "an object", 0, &ctf));
	if (ctf == NULL)
		return 0;
	old = load_path_key(l, "ctf");
	TRY(load_check_keys(l, ctf, keys));
	c = load_alloc(l, sizeof *c);
	if (c == NULL)
		return load_oom(l);
	TRY(load_pupil(l, ctf, c));
	TRY(load_write(l, ctf, NULL, c->write));
	TRY(load_open_array(l, ctf, "results", 0, &arr, &old2));
	c->nrule = json_array_size(arr);
	c->rule = load_alloc(l, (c->nrule + 1) * sizeof *c->rule);
	if (c->rule == NULL)
		return load_oom(l);
	json_array_foreach(arr, i, o) {
		old3 = load_path_index(l, i);
		TRY(load_rule(l, o, &c->rule[i]));
		load_path_pop(l, old3);
	}
	load_path_pop(l, old2);
	load_path_pop(l, old);
	l->s->ctf = c;
	return 0;
}

int
scheme_ctf_has(const track_scheme *s)
{
	return s->ctf != NULL;
}

/* Nonzero when `v` matches pattern `pat` ("E*" is a prefix). */
static int
key_match(const char *pat, track_str v)
{
	size_t n = strlen(pat);

	if (n > 0 && pat[n - 1] == '*')
		return v.len >= n - 1 && strncasecmp(pat, v.ptr, n - 1) == 0;
	return v.len == n && strncasecmp(pat, v.ptr, n) == 0;
}

const struct scheme_ctf_place *
scheme_ctf_match(const track_scheme *s, const track_str key[CTF_NKEYS])
{
	size_t i, k;

	if (s->ctf == NULL)
		return NULL;
	for (i = 0; i < s->ctf->nrule; i++) {
		const struct ctf_rule *r = &s->ctf->rule[i];

		for (k = 0; k < CTF_NKEYS; k++)
			if (r->key[k] != NULL && !key_match(r->key[k], key[k]))
				break;
		if (k == CTF_NKEYS)
			return &r->to;
	}
	return NULL;
}

const char *
scheme_ctf_column(const track_scheme *s, enum scheme_ctf_pupil f)
{
	return s->ctf != NULL ? s->ctf->pupil[f].column : NULL;
}

const char *
scheme_ctf_code(const track_scheme *s, enum scheme_ctf_pupil f,
    const char *text, size_t len)
{
	const struct ctf_codes *c;
	track_str v = str_trim((track_str){ text, len });
	size_t i;

	if (s->ctf == NULL)
		return NULL;
	c = &s->ctf->pupil[f];
	for (i = 0; i < c->n; i++)
		if (strlen(c->from[i]) == v.len &&
		    strncasecmp(c->from[i], v.ptr, v.len) == 0)
			return c->to[i];
	return NULL;
}

void
scheme_ctf_codes(const track_scheme *s, enum scheme_ctf_pupil f,
    char *out, size_t outsz)
{
	size_t i, len = 0;

	if (outsz == 0)
		return;
	out[0] = '\0';
	for (i = 0; s->ctf != NULL && i < s->ctf->pupil[f].n; i++) {
		int n = snprintf(out + len, outsz - len, "%s%s",
		    i ? ", " : "", s->ctf->pupil[f].from[i]);

		if (n < 0 || (size_t)n >= outsz - len)
			return;
		len += (size_t)n;
	}
}

/*
 * The keys rule `r` writes: its exact keys, else its "write", else the
 * section's "write", else empty (left out).
 */
static void
rule_keys(const struct scheme_ctf *c, const struct ctf_rule *r,
    track_str key[CTF_NKEYS])
{
	size_t k;
	const char *v;

	for (k = 0; k < CTF_NKEYS; k++) {
		v = exact(r->key[k]) ? r->key[k] : r->write[k] != NULL ?
		    r->write[k] : c->write[k] != NULL ? c->write[k] : "";
		key[k] = (track_str){ v, strlen(v) };
	}
}

int
scheme_ctf_place_back(const track_scheme *s, const char *subject,
    const char *measure, const char *point, track_str key[CTF_NKEYS])
{
	size_t i;

	for (i = 0; s->ctf != NULL && i < s->ctf->nrule; i++) {
		const struct ctf_rule *r = &s->ctf->rule[i];

		if (r->to.skip || strcmp(r->to.subject, subject) != 0 ||
		    strcmp(r->to.measure, measure) != 0 ||
		    strcmp(r->to.point, point) != 0)
			continue;
		rule_keys(s->ctf, r, key);
		/* Read back, the keys must come to this rule. */
		if (key[CTF_STAGE].len > 0 && key[CTF_SUBJECT].len > 0 &&
		    scheme_ctf_match(s, key) == &r->to)
			return 0;
	}
	return -1;
}

const char *
scheme_ctf_code_back(const track_scheme *s, enum scheme_ctf_pupil f,
    const char *code, size_t len)
{
	const struct ctf_codes *c;
	size_t i;

	if (s->ctf == NULL)
		return NULL;
	c = &s->ctf->pupil[f];
	for (i = 0; i < c->n; i++)
		if (strlen(c->to[i]) == len &&
		    strncasecmp(c->to[i], code, len) == 0)
			return c->from[i];
	return NULL;
}
