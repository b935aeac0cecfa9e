/*
 * ctf.h - the scheme's "ctf" section: how a DfE Common Transfer File's
 * results and pupil details become records (see track-import(1)).
 *
 * THE FORMAT.  $.ctf is an object; every key is optional:
 *
 *   "pupil"    {"sex"|"fsm"|"sen": {"column"*: record column,
 *              "codes"*: {CTF code: the column's code}}}.  When the
 *              column is one of the scheme's groups, each code must be
 *              one of that group's values.
 *   "results"  [rule], tried in order; the first that matches a
 *              StageAssessment places it.  A rule matches on any of
 *              "stage", "locale", "subject", "method", "component",
 *              "status" (ResultStatus) and "qualifier" (ResultQualifier):
 *              a string compared ignoring ASCII case, where "*" (or a
 *              key left out) matches anything and a trailing "*"
 *              matches a prefix ("E*").  Then either "skip": true (a
 *              result the school does not keep, such as raw test marks)
 *              or "to"*: {"subject"*, "measure", "point"*, "year"}, each
 *              known to the scheme; the measure defaults to the scheme's
 *              default, and the point is a statutory or other point,
 *              scoped to the academic year of the CTF's Year.  A rule
 *              may say in "write" (an object with the keys above) what
 *              to write for the keys it leaves open or matches by a
 *              pattern, when track-pupil -F ctf writes the result back.
 *   "write"    {key: value}: what to write for a key that neither the
 *              rule names exactly nor its "write" gives ("locale":
 *              "ENG", "status": "F").  A key with no value at all is
 *              left out of the file.
 *
 * WRITING BACK.  A record goes to the first rule whose "to" is its
 * subject, measure and point (unscoped), and whose keys, written, are
 * placed by that same rule when read back; so what track-pupil writes,
 * track-import reads to the same record.
 *
 * Ownership: every pointer returned is borrowed from the scheme and
 * valid until scheme_free().
 */
#ifndef TRACK_SCHEME_CTF_H
#define TRACK_SCHEME_CTF_H

#include <stddef.h>

#include "base/str.h"
#include "scheme.h"

/* The fields a rule matches on, in the order of a key array. */
enum scheme_ctf_key {
	CTF_STAGE, CTF_LOCALE, CTF_SUBJECT, CTF_METHOD, CTF_COMPONENT,
	CTF_STATUS, CTF_QUALIFIER, CTF_NKEYS
};

/* The pupil details the section maps. */
enum scheme_ctf_pupil { CTF_SEX, CTF_FSM, CTF_SEN, CTF_NPUPIL };

/* Where a rule puts a result: ids the scheme knows (year may be NULL). */
struct scheme_ctf_place {
	int skip;		/* a known result that is not kept */
	const char *subject;
	const char *measure;
	const char *point;	/* unscoped: "ks2" */
	const char *year;
};

/* Nonzero when the scheme has a "ctf" section. */
int scheme_ctf_has(const track_scheme *s);

/*
 * The first rule that matches the result whose fields are key[0 ..
 * CTF_NKEYS) (trimmed), or NULL when none does.
 */
const struct scheme_ctf_place *scheme_ctf_match(const track_scheme *s,
    const track_str key[CTF_NKEYS]);

/* The record column detail `f` goes in, or NULL when it is not mapped. */
const char *scheme_ctf_column(const track_scheme *s,
    enum scheme_ctf_pupil f);

/*
 * The column's code for CTF code `text` (len bytes, matched ignoring
 * ASCII case and surrounding space), or NULL when the section does not
 * list it.
 */
const char *scheme_ctf_code(const track_scheme *s, enum scheme_ctf_pupil f,
    const char *text, size_t len);

/*
 * The keys to write for a result in subject, measure and point (ids; the
 * point unscoped, "ks2"): each key[k] borrowed from the scheme, empty
 * when it is to be left out.  Returns 0, or -1 when no rule can write it
 * (see WRITING BACK).
 */
int scheme_ctf_place_back(const track_scheme *s, const char *subject,
    const char *measure, const char *point,
    track_str key[CTF_NKEYS] /* OUT */);

/*
 * The first CTF code that detail `f` maps to the column's code `code`
 * (len bytes, ignoring ASCII case), or NULL.
 */
const char *scheme_ctf_code_back(const track_scheme *s,
    enum scheme_ctf_pupil f, const char *code, size_t len);

/* The CTF codes listed for detail `f`, joined with ", " into out. */
void scheme_ctf_codes(const track_scheme *s, enum scheme_ctf_pupil f,
    char *out /* OUT */, size_t outsz);

#endif
