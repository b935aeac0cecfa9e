/*
 * reader_jsonl.c - JSON Lines for the reader: one object a line, the first
 * object's keys the header.  See reader.h for the API and reader_int.h
 * for what the files share.
 */
#include "reader_int.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"

/* Formats a JSON scalar or container into the current row as text. */
static void
push_json(track_reader *r, json_t *v)
{
	char num[64];

	switch (json_typeof(v)) {
	case JSON_STRING:
		reader_push_field(r, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER:
		snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT,
		    json_integer_value(v));
		reader_push_field(r, num, strlen(num));
		break;
	case JSON_REAL: {
		double d = json_real_value(v);
		int prec;

		for (prec = 1; prec <= 17; prec++) {
			snprintf(num, sizeof num, "%.*g", prec, d);
			if (strtod(num, NULL) == d)
				break;
		}
		reader_push_field(r, num, strlen(num));
		break;
	}
	case JSON_TRUE:
		reader_push_field(r, "true", 4);
		break;
	case JSON_FALSE:
		reader_push_field(r, "false", 5);
		break;
	case JSON_NULL:
		reader_push_field(r, "", 0);
		break;
	default: {
		char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);

		reader_push_field(r, s ? s : "", s ? strlen(s) : 0);
		free(s);
		break;
	}
	}
}

/* Marks the row being built as a bad JSON line with reason `why`. */
static void
json_bad(track_reader *r, long line, const char *why)
{
	reader_push_row(r, line, ROW_JSON_BAD);
	snprintf(r->why, sizeof r->why, "%s", why);
}

/* Turns one JSON line into a queued row (good or bad). */
static void
json_line(track_reader *r, const char *s, size_t len, long line)
{
	json_error_t je;
	json_t *obj;
	const char *key;
	json_t *v;
	size_t i, matched = 0;
	char why[160];

	r->cur_line = line;
	obj = json_loadb(s, len, 0, &je);
	if (obj == NULL || !json_is_object(obj)) {
		if (obj == NULL)
			snprintf(why, sizeof why, "invalid JSON: %.140s",
			    je.text);
		else
			snprintf(why, sizeof why,
			    "JSON line is not an object");
		reader_push_field(r, s, len);
		json_bad(r, line, why);
		json_decref(obj);
		return;
	}
	if (!r->have_header && r->nrows == 0) {
		/* The first object's keys are the header; it is a record too. */
		json_object_foreach(obj, key, v)
			reader_push_field(r, key, strlen(key));
		reader_push_row(r, line, 0);
		json_object_foreach(obj, key, v)
			push_json(r, v);
		reader_push_row(r, line, 0);
		json_decref(obj);
		return;
	}
	for (i = 0; i < r->ncols; i++) {
		v = json_object_getn(obj, r->hdr[i].ptr, r->hdr[i].len);
		if (v == NULL) {
			reader_push_field(r, "", 0);
			continue;
		}
		matched++;
		push_json(r, v);
	}
	if (matched < json_object_size(obj)) {
		json_object_foreach(obj, key, v) {
			size_t k, kl = strlen(key);

			for (k = 0; k < r->ncols; k++)
				if (r->hdr[k].len == kl &&
				    memcmp(r->hdr[k].ptr, key, kl) == 0)
					break;
			if (k == r->ncols)
				break;
		}
		snprintf(why, sizeof why, "key \"%.60s\" is not in the header "
		    "(the first record's keys)", key ? key : "");
		r->cur_nf = 0;
		r->cur_flags = 0;
		reader_push_field(r, s, len);
		json_bad(r, line, why);
	} else {
		reader_push_row(r, line, 0);
	}
	json_decref(obj);
}

static int
is_blank(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' &&
		    s[i] != '\n')
			return 0;
	return 1;
}

/*
 * The longest JSON line read: a field may be as long as --max-field-size,
 * and its escapes ("\"", "\u00e9") and the rest of the object make the
 * line longer, so twice that and 64 KiB.  A longer line is refused
 * without being kept.
 */
static size_t
json_line_max(const track_reader *r)
{
	size_t m = r->o.max_field;

	return m > (SIZE_MAX - 65536) / 2 ? SIZE_MAX : 2 * m + 65536;
}

/* Queues the bad row of a JSON line over json_line_max. */
static void
json_too_long(track_reader *r)
{
	char why[160];

	r->cur_nf = 0;
	r->cur_flags = 0;
	snprintf(why, sizeof why, "line longer than %zu bytes (twice "
	    "--max-field-size and 64 KiB); row skipped", json_line_max(r));
	json_bad(r, r->line, why);
	r->skip_to_eol = 0;
}

/* Empties the JSON line buffer, giving a large one back. */
static void
json_line_done(track_reader *r)
{
	r->llen = 0;
	if (r->lcap > KEEP_BUFFER) {
		free(r->lbuf);
		r->lbuf = NULL;
		r->lcap = 0;
	}
}

/* Queues the next JSON line's row.  Returns -1 on error. */
int
reader_json_feed(track_reader *r, track_error *err)
{
	while (r->nrows == 0 && !r->done) {
		const char *nl;
		size_t take;

		if (reader_next_chunk(r, err) != 0)
			return -1;
		if (r->chunklen == 0) {
			/* End of input: a last line without LF. */
			if (r->skip_to_eol)
				json_too_long(r);
			else if (r->llen > 0 && !is_blank(r->lbuf, r->llen))
				json_line(r, r->lbuf, r->llen, r->line);
			json_line_done(r);
			r->done = 1;
			break;
		}
		nl = memchr(r->chunk, '\n', r->chunklen);
		take = nl ? (size_t)(nl - r->chunk) : r->chunklen;
		if (nl != NULL && r->llen == 0) {
			/* The whole line is in the chunk: no copy. */
			if (!is_blank(r->chunk, take))
				json_line(r, r->chunk, take, r->line);
		} else {
			if (r->skip_to_eol ||
			    take > json_line_max(r) - r->llen) {
				json_line_done(r);
				r->skip_to_eol = 1;
			} else if (!r->skip_to_eol) {
				if (buf_grow((void **)&r->lbuf, &r->lcap,
				    r->llen + take + 1, 1) != 0)
					return error_set(err, TRACK_EXIT_IO,
					    NULL, 0, "out of memory"), -1;
				memcpy(r->lbuf + r->llen, r->chunk, take);
				r->llen += take;
			}
			if (nl != NULL) {
				if (r->skip_to_eol)
					json_too_long(r);
				else if (!is_blank(r->lbuf, r->llen))
					json_line(r, r->lbuf, r->llen,
					    r->line);
				json_line_done(r);
			}
		}
		if (nl != NULL) {
			r->line++;
			r->chunklen -= take + 1;
			r->chunk = nl + 1;
		} else {
			r->chunklen = 0;
		}
		if (r->oom)
			return error_set(err, TRACK_EXIT_IO, NULL, 0,
			    "out of memory"), -1;
	}
	return 0;
}
