/* pnames.c - pupils and their names; see pnames.h. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pnames.h"

int
pnames_init(struct pnames *pn, int keep)
{
	memset(pn, 0, sizeof *pn);
	pn->lastlen = SIZE_MAX;
	pn->keep = keep;
	pn->ids = strmap_new();
	return pn->ids == NULL ? -1 : 0;
}

long
pnames_intern(struct pnames *pn, track_buf *disp, track_str pupil,
    track_str name)
{
	int added;
	long id, off;

	/* Records usually come pupil by pupil. */
	if (pupil.len == pn->lastlen &&
	    str_same_bytes(pupil.ptr, pn->last, pupil.len) &&
	    (!pn->keep || name.len == 0))
		return pn->lastid;
	id = strmap_intern(pn->ids, pupil.ptr, pupil.len, &added);
	if (id < 0)
		return -1;
	if (pupil.len <= sizeof pn->last) {
		memcpy(pn->last, pupil.ptr, pupil.len);
		pn->lastlen = pupil.len;
		pn->lastid = id;
	}
	if (!pn->keep || (!added && name.len == 0))
		return id;
	if (buf_grow(&pn->name, &pn->cap, (size_t)id + 1, sizeof *pn->name))
		return -1;
	if (name.len == 0)
		name = pupil;
	if (!added && strlen(disp->ptr + pn->name[id]) == name.len &&
	    memcmp(disp->ptr + pn->name[id], name.ptr, name.len) == 0)
		return id;
	off = buf_append(disp, name.ptr, name.len, 1);
	if (off < 0)
		return -1;
	pn->name[id] = (size_t)off;
	return id;
}

void
pnames_free(struct pnames *pn)
{
	strmap_free(pn->ids);
	free(pn->name);
	pn->ids = NULL;
	pn->name = NULL;
}
