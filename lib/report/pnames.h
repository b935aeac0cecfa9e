/*
 * pnames.h - pupils and their names, one rule for every report.
 *
 * A pupil is named by the name on the last record read for them that has
 * one, whatever its point, subject or measure, and whether or not the
 * report counts that record; a pupil whose records have no name is named
 * by a pupil file's (track-summary --roll, track-import --join) or else
 * by their id.  track-summary --pupils, track-matrix --pupils and
 * track-pupil all follow it, so a pupil has one name across the pack.
 *
 * Ownership: the names live in the caller's buffer `disp`, which must
 * not be empty (offset 0 is taken); pnames_free frees the rest.
 */
#ifndef TRACK_PNAMES_H
#define TRACK_PNAMES_H

#include <stddef.h>

#include "base/buf.h"
#include "base/str.h"
#include "base/strmap.h"

struct pnames {
	track_strmap *ids;	/* pupil id -> index, in order first seen */
	size_t *name;		/* index -> their name's offset in disp */
	size_t cap;
	char last[32];		/* the previous pupil and their index */
	size_t lastlen;
	long lastid;
	int keep;		/* keep names (--pupils) */
};

/* Sets up an empty set; `keep` nonzero keeps names.  0, or -1 (memory). */
int pnames_init(struct pnames *pn, int keep);

/*
 * The index of pupil `pupil`, interned; when names are kept, `name`
 * becomes their name (a new pupil with none is named by their id; a
 * blank name leaves a known one; a name is stored again only when it
 * changed, so memory follows pupils, not rows).  -1 when out of memory.
 */
long pnames_intern(struct pnames *pn, track_buf *disp, track_str pupil,
    track_str name);

/* Frees what pnames_init and pnames_intern allocated. */
void pnames_free(struct pnames *pn);

#endif
