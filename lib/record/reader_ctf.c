/*
 * reader_ctf.c - DfE Common Transfer Files (CTF, XML) as rows, streamed
 * through expat a chunk of input at a time.  See reader.h for what the
 * rows hold and reader_int.h for how a format feeds the reader.
 *
 * The element names are the DfE's (the CTF 25 specification): a CTfile
 * holds Header and CTFpupilData; each Pupil has UPN, Surname, Forename,
 * DOB, Sex (Gender before CTF 25), BasicDetails (NCyearActual,
 * FSMeligible), FSMhistory (FSMinstance with FSMendDate), SENhistory
 * (SEN with SENprovision) and StageAssessments, whose KeyStage elements
 * hold a Stage and StageAssessment elements (Locale, Year, Subject,
 * Method, Component, ResultStatus, ResultQualifier, Result, ResultDate).
 * Namespace prefixes are ignored.  Everything else (contacts,
 * attendance, school history, ...) is skipped; an element the
 * specification does not have inside KeyStage or StageAssessment is a
 * bad row at its line, and reading goes on.
 *
 * A result becomes a row as soon as its StageAssessment ends, with the
 * pupil's details read so far (the specification puts them first), so
 * memory is one pupil's details and one result, whatever the file's
 * size.  A pupil with no result gives one row when it ends.
 */
#include "reader_int.h"

#include <expat.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "workbook_int.h"

/* The columns: the pupil's details, then the result's. */
static const char *const ctf_cols[] = {
	"upn", "surname", "forename", "dob", "sex", "fsm", "sen", "ncyear",
	"stage", "locale", "year", "subject", "method", "component",
	"status", "qualifier", "result"
};
enum {
	C_UPN, C_SURNAME, C_FORENAME, C_DOB, C_SEX, C_FSM, C_SEN, C_NCYEAR,
	C_STAGE, C_LOCALE, C_YEAR, C_SUBJECT, C_METHOD, C_COMPONENT,
	C_STATUS, C_QUALIFIER, C_RESULT, C_N
};

/* The elements that matter, by where they are. */
enum tag {
	T_SKIP = 0, T_ROOT, T_PUPILDATA, T_PUPIL, T_BASIC, T_FSMHIST,
	T_FSMINST, T_SENHIST, T_SEN, T_ASSESSMENTS, T_KEYSTAGE, T_RESULT,
	T_LEAF
};

#define MAX_DEPTH 64	/* tags kept; deeper elements are skipped */

struct track_ctf {
	track_reader *r;
	XML_Parser xp;
	int tag[MAX_DEPTH];
	int depth;
	int root_seen;
	int fail;		/* the XML is malformed: the rest is lost */

	/* The text of each column, and of the element being read. */
	track_buf col[C_N];
	int leaf;		/* the column being read, or -1 */
	int leaf_fsm_end;	/* reading an FSMendDate */
	track_buf fsm_end;
	int fsm_eligible;	/* FSMeligible was given */
	int fsm_open;		/* an FSMinstance has no end date */
	int pupil_rows;		/* rows given for this pupil */
	long pupil_line, result_line;
	long last_line;		/* of the last row queued: lines never go
				   back */

	/*
	 * An unknown element inside a StageAssessment waits for the result's
	 * row, which comes first (its line is earlier): the first one's
	 * message and line, and how many more there were.
	 */
	char held[200];
	long held_line;
	int held_more;
};

/* The tag of element `name` (local) inside an element of tag `parent`. */
static int
tag_of(int parent, const char *name, int *col)
{
	static const struct {
		int parent;
		const char *name;
		int tag, col;
	} map[] = {
		{ T_ROOT, "CTFpupilData", T_PUPILDATA, -1 },
		{ T_PUPILDATA, "Pupil", T_PUPIL, -1 },
		{ T_PUPIL, "UPN", T_LEAF, C_UPN },
		{ T_PUPIL, "Surname", T_LEAF, C_SURNAME },
		{ T_PUPIL, "Forename", T_LEAF, C_FORENAME },
		{ T_PUPIL, "DOB", T_LEAF, C_DOB },
		{ T_PUPIL, "Sex", T_LEAF, C_SEX },
		{ T_PUPIL, "Gender", T_LEAF, C_SEX },
		{ T_PUPIL, "BasicDetails", T_BASIC, -1 },
		{ T_PUPIL, "FSMeligible", T_LEAF, C_FSM },
		{ T_PUPIL, "FSMhistory", T_FSMHIST, -1 },
		{ T_PUPIL, "SENhistory", T_SENHIST, -1 },
		{ T_PUPIL, "StageAssessments", T_ASSESSMENTS, -1 },
		{ T_BASIC, "NCyearActual", T_LEAF, C_NCYEAR },
		{ T_BASIC, "FSMeligible", T_LEAF, C_FSM },
		{ T_BASIC, "FSMhistory", T_FSMHIST, -1 },
		{ T_BASIC, "SENhistory", T_SENHIST, -1 },
		{ T_BASIC, "SENprovision", T_LEAF, C_SEN },
		{ T_FSMHIST, "FSMinstance", T_FSMINST, -1 },
		{ T_SENHIST, "SEN", T_SEN, -1 },
		{ T_SEN, "SENprovision", T_LEAF, C_SEN },
		{ T_ASSESSMENTS, "KeyStage", T_KEYSTAGE, -1 },
		{ T_KEYSTAGE, "Stage", T_LEAF, C_STAGE },
		{ T_KEYSTAGE, "StageAssessment", T_RESULT, -1 },
		{ T_RESULT, "Locale", T_LEAF, C_LOCALE },
		{ T_RESULT, "Year", T_LEAF, C_YEAR },
		{ T_RESULT, "Subject", T_LEAF, C_SUBJECT },
		{ T_RESULT, "Method", T_LEAF, C_METHOD },
		{ T_RESULT, "Component", T_LEAF, C_COMPONENT },
		{ T_RESULT, "ResultStatus", T_LEAF, C_STATUS },
		{ T_RESULT, "ResultQualifier", T_LEAF, C_QUALIFIER },
		{ T_RESULT, "Result", T_LEAF, C_RESULT },
		{ T_RESULT, "ResultDate", T_SKIP, -1 },
	};
	size_t i;

	*col = -1;
	for (i = 0; i < sizeof map / sizeof map[0]; i++)
		if (map[i].parent == parent && strcmp(map[i].name, name) == 0) {
			*col = map[i].col;
			return map[i].tag;
		}
	return T_SKIP;
}

/* Queues a bad row at `line` whose first field says why. */
static void
ctf_bad(struct track_ctf *c, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
ctf_bad(struct track_ctf *c, long line, const char *fmt, ...)
{
	char why[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	if (line < c->last_line)
		line = c->last_line;
	c->last_line = line;
	c->r->cur_nf = 0;
	c->r->cur_flags = 0;
	reader_push_field(c->r, why, strlen(why));
	reader_push_row(c->r, line, ROW_CTF_BAD);
}

/* Queues a row of the pupil's details and columns first..C_N. */
static void
ctf_row(struct track_ctf *c, long line)
{
	size_t i;

	if (line < c->last_line)
		line = c->last_line;
	c->last_line = line;
	for (i = 0; i < C_N; i++)
		reader_push_field(c->r, c->col[i].len ? c->col[i].ptr : "",
		    c->col[i].len);
	reader_push_row(c->r, line, 0);
	c->pupil_rows++;
}

static void
clear_cols(struct track_ctf *c, int from, int to)
{
	int i;

	for (i = from; i < to; i++)
		c->col[i].len = 0;
}

static void XMLCALL
on_start(void *ud, const char *el, const char **atts)
{
	struct track_ctf *c = ud;
	const char *name = wb_local(el);
	long line = (long)XML_GetCurrentLineNumber(c->xp);
	int parent, tag, col;

	(void)atts;
	if (!c->root_seen) {
		c->root_seen = 1;
		if (strcmp(name, "CTfile") != 0) {
			c->fail = 1;
			ctf_bad(c, line, "not a Common Transfer File: the root "
			    "element is <%.60s>, not <CTfile>", name);
			XML_StopParser(c->xp, XML_FALSE);
			return;
		}
		c->tag[c->depth++] = T_ROOT;
		return;
	}
	parent = c->depth <= MAX_DEPTH ? c->tag[c->depth - 1] : T_SKIP;
	tag = parent == T_LEAF ? T_SKIP : tag_of(parent, name, &col);
	if (tag == T_SKIP && parent == T_KEYSTAGE)
		ctf_bad(c, line, "unknown element <%.60s> in <KeyStage>; "
		    "left out", name);
	else if (tag == T_SKIP && parent == T_RESULT &&
	    strcmp(name, "ResultDate") != 0 && c->held[0] != '\0')
		c->held_more++;
	else if (tag == T_SKIP && parent == T_RESULT &&
	    strcmp(name, "ResultDate") != 0) {
		snprintf(c->held, sizeof c->held, "unknown element <%.60s> "
		    "in <StageAssessment>; left out", name);
		c->held_line = line;
	}
	if (parent == T_FSMINST && strcmp(name, "FSMendDate") == 0) {
		c->leaf_fsm_end = 1;
		c->fsm_end.len = 0;
	}
	if (c->depth < MAX_DEPTH)
		c->tag[c->depth] = tag;
	c->depth++;
	switch (tag) {
	case T_PUPIL:
		clear_cols(c, 0, C_N);
		c->fsm_eligible = c->fsm_open = 0;
		c->pupil_rows = 0;
		c->pupil_line = line;
		break;
	case T_FSMINST:
		c->fsm_end.len = 0;
		break;
	case T_KEYSTAGE:
		clear_cols(c, C_STAGE, C_N);
		break;
	case T_RESULT:
		clear_cols(c, C_LOCALE, C_N);
		c->result_line = line;
		break;
	case T_LEAF:
		c->leaf = col;
		c->col[col].len = 0;
		if (col == C_FSM)
			c->fsm_eligible = 1;
		break;
	default:
		break;
	}
}

static void XMLCALL
on_end(void *ud, const char *el)
{
	struct track_ctf *c = ud;
	int tag = c->depth <= MAX_DEPTH ? c->tag[c->depth - 1] : T_SKIP;

	(void)el;
	c->depth--;
	c->leaf = -1;
	c->leaf_fsm_end = 0;
	switch (tag) {
	case T_FSMINST:
		if (c->fsm_end.len == 0)
			c->fsm_open = 1;
		break;
	case T_RESULT:
		ctf_row(c, c->result_line);
		if (c->held[0] != '\0')
			ctf_bad(c, c->held_line, "%s%s", c->held,
			    c->held_more ? " (and more after it)" : "");
		c->held[0] = '\0';
		c->held_more = 0;
		break;
	case T_FSMHIST:
		/* Eligible now: an instance with no end date. */
		if (!c->fsm_eligible) {
			c->col[C_FSM].len = 0;
			if (buf_append(&c->col[C_FSM], c->fsm_open ? "true" :
			    "false", c->fsm_open ? 4 : 5, 0) < 0)
				c->r->oom = 1;
		}
		break;
	case T_PUPIL:
		if (c->pupil_rows == 0) {
			clear_cols(c, C_STAGE, C_N);
			ctf_row(c, c->pupil_line);
		}
		break;
	default:
		break;
	}
}

/* Appends text to the column being read, up to one byte past the limit. */
static void XMLCALL
on_text(void *ud, const char *s, int len)
{
	struct track_ctf *c = ud;
	track_buf *b = c->leaf >= 0 ? &c->col[c->leaf] :
	    c->leaf_fsm_end ? &c->fsm_end : NULL;
	size_t room, n = (size_t)len;

	if (b == NULL)
		return;
	room = c->r->o.max_field + 1 > b->len ?
	    c->r->o.max_field + 1 - b->len : 0;
	if (n > room)
		n = room;
	if (n > 0 && buf_append(b, s, n, 0) < 0)
		c->r->oom = 1;
}

int
reader_ctf_open(track_reader *r, track_error *err)
{
	struct track_ctf *c;
	size_t i, max;

	c = calloc(1, sizeof *c);
	if (c == NULL)
		return error_nomem(err);
	r->ctf = c;
	c->r = r;
	c->leaf = -1;
	/* The input is UTF-8 by now, whatever the declaration says. */
	c->xp = XML_ParserCreate("UTF-8");
	if (c->xp == NULL)
		return error_nomem(err);
	XML_SetUserData(c->xp, c);
	XML_SetElementHandler(c->xp, on_start, on_end);
	XML_SetCharacterDataHandler(c->xp, on_text);
	max = r->o.max_field;	/* the limit is for the file's text */
	r->o.max_field = TRACK_DEFAULT_MAX_FIELD;
	for (i = 0; i < C_N; i++)
		reader_push_field(r, ctf_cols[i], strlen(ctf_cols[i]));
	reader_push_row(r, 1, 0);
	r->o.max_field = max;
	return r->oom ? error_nomem(err) : 0;
}

/* Says why the XML stopped being readable, as the last (bad) row. */
static void
malformed(struct track_ctf *c, int final)
{
	enum XML_Error e = XML_GetErrorCode(c->xp);

	c->fail = 1;
	ctf_bad(c, (long)XML_GetCurrentLineNumber(c->xp),
	    "malformed XML: %s (column %lu)%s", XML_ErrorString(e),
	    (unsigned long)XML_GetCurrentColumnNumber(c->xp) + 1,
	    final ? "; the file may be cut short" :
	    "; the rest of the file is not read");
}

int
reader_ctf_feed(track_reader *r, track_error *err)
{
	struct track_ctf *c = r->ctf;

	while (r->nrows == r->rowpos && !r->done) {
		if (reader_next_chunk(r, err) != 0)
			return -1;
		if (XML_Parse(c->xp, r->chunk, (int)r->chunklen,
		    r->in_eof) == XML_STATUS_ERROR && !c->fail)
			malformed(c, r->in_eof);
		r->chunklen = 0;
		if (r->oom)
			return error_nomem(err), -1;
		if (c->fail || r->in_eof) {
			if (!c->fail && !c->root_seen)
				ctf_bad(c, 1, "not a Common Transfer File: no "
				    "XML element");
			r->done = 1;
		}
	}
	return r->oom ? error_nomem(err), -1 : 0;
}

void
reader_ctf_close(struct track_ctf *c)
{
	size_t i;

	if (c == NULL)
		return;
	if (c->xp != NULL)
		XML_ParserFree(c->xp);
	for (i = 0; i < C_N; i++)
		buf_free(&c->col[i]);
	buf_free(&c->fsm_end);
	free(c);
}
