/*
 * derive.h - the columns track-assess adds to a record: band, rank,
 * expected, out_of_year and age_gap, worked out from what assess_row read
 * (see track-assess(1)).
 *
 * A deriver is bound to the input's header.  The output has the input's
 * columns and then, in that order, the derived ones the input lacks; a
 * derived column the input has already is filled in where it stands.
 * For each observation the deriver gives the output row as fields
 * (assess_derive_row) or, for a writer that encodes rows ahead (CSV,
 * TSV), appends it encoded (assess_derive_encode).
 *
 * Speed: a row's derived columns depend only on its observation's
 * signature (o->sig, see assess_row), so they are worked out once a
 * signature and kept, with their encoded text when they end the row.
 * Nothing is allocated per row once every signature has been seen.
 *
 * Ownership: assess_derive_new returns a deriver the caller frees with
 * assess_derive_free.  It borrows the assessor, the scheme and the header
 * names, which must outlive it.  The header and a row it hands out stay
 * valid until the next call into the deriver (a row no longer than the
 * input row it was made from).
 */
#ifndef TRACK_DERIVE_H
#define TRACK_DERIVE_H

#include <stddef.h>

#include "base/buf.h"
#include "base/error.h"
#include "base/str.h"
#include "record/writer.h"
#include "scheme/scheme.h"
#include "assess.h"

typedef struct track_derive track_derive;

/* How many columns a deriver adds (when the input has none of them). */
#define ASSESS_DERIVED 5

/*
 * Binds a new deriver to the input's header `h` of `n` (> 0) names, read
 * by assessor `a` against scheme `s`.  Fails with TRACK_EXIT_IO (out of
 * memory).
 */
int assess_derive_new(track_derive **out /* OUT */, const track_assess *a,
    const track_scheme *s, const track_str *h, size_t n, track_error *err);

/* The output header: *n (OUT) names, the input's then the derived ones. */
const track_str *assess_derive_header(const track_derive *d,
    size_t *n /* OUT */);

/*
 * The output row of observation `o`, read as input row `row`: *out (OUT)
 * points at assess_derive_header's count of fields.  Fails with
 * TRACK_EXIT_IO (out of memory).
 */
int assess_derive_row(track_derive *d, const struct track_obs *o,
    const track_str *row, const track_str **out /* OUT */, track_error *err);

/*
 * Appends o's output row (as assess_derive_row gives it for row->field)
 * to `b`, byte for byte as writer `w` would write it; only when
 * writer_encodes(w), and with the same writer every call.  The input's
 * fields are copied from row->raw when they can be (writer_encode_src).
 * Fails with TRACK_EXIT_IO (out of memory).
 */
int assess_derive_encode(track_derive *d, const track_writer *w,
    const struct track_obs *o, const track_row *row, track_buf *b,
    track_error *err);

/* Frees the deriver.  `d` may be NULL. */
void assess_derive_free(track_derive *d);

#endif
