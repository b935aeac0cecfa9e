/* chains.c - the items of each owner, newest first; see chains.h. */
#include "chains.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"

int
chains_add(track_chains *c, uint32_t owner, uint32_t id)
{
	long prev;

	if (id >= UINT32_MAX - 1)
		return -1;
	if (c->epoch == 0)
		c->epoch = 1;
	if (owner >= c->nfirst) {
		if (buf_grow(&c->first, &c->fcap, (size_t)owner + 1,
		    sizeof *c->first) != 0)
			return -1;
		memset(c->first + c->nfirst, 0, ((size_t)owner + 1 -
		    c->nfirst) * sizeof *c->first);
		c->nfirst = (size_t)owner + 1;
	}
	if (buf_grow(&c->next, &c->ncap, (size_t)id + 1, sizeof *c->next) !=
	    0)
		return -1;
	prev = chains_first(c, owner);
	c->next[id] = (uint32_t)(prev + 1);
	c->first[owner] = (uint64_t)c->epoch << 32 | (id + 1);
	return 0;
}

void
chains_clear(track_chains *c)
{
	if (c->epoch < UINT32_MAX) {
		c->epoch++;
		return;
	}
	/* Every epoch used: forget them all and start again. */
	if (c->nfirst > 0)
		memset(c->first, 0, c->nfirst * sizeof *c->first);
	c->epoch = 1;
}

void
chains_free(track_chains *c)
{
	free(c->first);
	free(c->next);
	memset(c, 0, sizeof *c);
}
