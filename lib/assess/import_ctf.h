/*
 * import_ctf.h - a DfE Common Transfer File's rows (see reader.h) as
 * records or as a pupil file, placed by the scheme's "ctf" section (see
 * scheme/ctf.h).
 *
 * Records: each result (StageAssessment) that a rule places becomes one
 * record, pupil, name ("Surname, Forename"), year, subject, point (the
 * rule's, scoped to the academic year that ends in the result's Year:
 * 2026 gives "2025-26.ks2"), measure, value (checked against the scale,
 * so A, B, T, Q and M stay the scale's not-assessed codes), dob, then the
 * pupil columns the section maps (gender, pp, send).  A result that a
 * rule skips gives nothing; one that no rule places, an unknown code, a
 * bad Year or date is a problem at the result's line, and the rest is
 * read.
 *
 * Pupils (`pupils` nonzero): one row per pupil, pupil, name, surname,
 * forename, dob, year (NCyearActual) and the mapped columns (through an
 * importer, in its order: pupil, name, year, dob, then the others).
 *
 * Ownership: nothing is kept after import_ctf_read returns; records given
 * to the sink are valid only during the call.
 */
#ifndef TRACK_IMPORT_CTF_H
#define TRACK_IMPORT_CTF_H

#include "base/error.h"
#include "import.h"
#include "record/reader.h"
#include "scheme/scheme.h"

/*
 * Reads the CTF rows from `rd` (reader_format(rd) is TRACK_IN_CTF) into
 * the sink, reporting each problem through `problem` (with `pctx`).  With
 * an importer `imp` (NULL: none), the records (or pupils) go through it,
 * as the rows of an export whose header is theirs, so that the mapping's
 * --join, --set, --recode and --provenance apply to them.
 * Returns 0; TRACK_EXIT_DATA when a row or result was bad; or a status
 * with `err` filled when reading failed (err->text is empty otherwise).
 */
int import_ctf_read(const track_scheme *s, track_import *imp,
    track_reader *rd, int pupils, import_problem_fn problem, void *pctx,
    const struct import_sink *k, track_error *err);

#endif
