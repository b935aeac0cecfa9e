/*
 * load_pupil.c - the scheme's "pupil" section: track-pupil's defaults
 * (load_pupil_defaults, called by load.c) and their accessors in scheme.h.
 */
#include "load_int.h"

#include <string.h>
#include <strings.h>

#include "base/suggest.h"

/*
 * The reasons track-pupil can flag, as track-pupil(1) and report/pupil.c
 * name them (tests/unit/check_pupil.c holds the two lists together).
 */
static const char *const reasons[] = {
	"dropped", "stuck", "disagree", "missing", "not-assessed"
};
#define NREASONS (sizeof reasons / sizeof reasons[0])

/* Reads $.pupil.flags: known reasons, none twice, at least one. */
static int
load_flags(struct loader *l, json_t *o)
{
	track_scheme *s = l->s;
	json_t *arr, *v;
	size_t old, old2, i, j, r;
	const char *name, *near;

	TRY(load_open_array(l, o, "flags", 0, &arr, &old));
	if (arr == NULL) {
		load_path_pop(l, old);
		return 0;
	}
	if (json_array_size(arr) == 0)
		return load_fail(l, "name at least one reason (%s, %s, %s, "
		    "%s, %s), or leave \"flags\" out", reasons[0], reasons[1],
		    reasons[2], reasons[3], reasons[4]);
	s->npupil_flags = json_array_size(arr);
	s->pupil_flags = load_alloc(l, (s->npupil_flags + 1) *
	    sizeof *s->pupil_flags);
	if (s->pupil_flags == NULL)
		return load_oom(l);
	json_array_foreach(arr, i, v) {
		old2 = load_path_index(l, i);
		TRY(load_expect_type(l, v, JSON_STRING, "a string"));
		name = json_string_value(v);
		for (r = 0; r < NREASONS; r++)
			if (strcasecmp(name, reasons[r]) == 0)
				break;
		if (r == NREASONS) {
			near = suggest_nearest(name, strlen(name),
			    reasons, NREASONS);
			if (near != NULL)
				return load_fail(l, "unknown reason \"%s\" "
				    "(did you mean \"%s\"?)", name, near);
			return load_fail(l, "unknown reason \"%s\" (the "
			    "reasons are %s, %s, %s, %s, %s)", name,
			    reasons[0], reasons[1], reasons[2], reasons[3],
			    reasons[4]);
		}
		for (j = 0; j < i; j++)
			if (s->pupil_flags[j] == reasons[r])
				return load_fail(l, "\"%s\" is listed twice",
				    reasons[r]);
		s->pupil_flags[i] = reasons[r];
		load_path_pop(l, old2);
	}
	s->pupil_flags[s->npupil_flags] = NULL;
	load_path_pop(l, old);
	return 0;
}

int
load_pupil_defaults(struct loader *l, json_t *root)
{
	static const char *const keys[] = { "flags", "stuck", NULL };
	json_t *o;
	size_t old;

	TRY(load_member(l, root, "pupil", JSON_OBJECT, "an object", 0, &o));
	if (o == NULL)
		return 0;
	old = load_path_key(l, "pupil");
	TRY(load_check_keys(l, o, keys));
	TRY(load_flags(l, o));
	TRY(load_get_int(l, o, "stuck", 1, 100, &l->s->pupil_stuck));
	load_path_pop(l, old);
	return 0;
}

const char *const *
scheme_pupil_flags(const track_scheme *s, size_t *n)
{
	*n = s->npupil_flags;
	return s->pupil_flags;
}

int
scheme_pupil_stuck(const track_scheme *s)
{
	return s->pupil_stuck;
}
