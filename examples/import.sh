#!/bin/sh
# examples/import.sh OUTDIR
#
# The termly import, as a data manager would script it: three years of
# exports from the example school, each in the shape the school really has
# it, turned into one file of canonical records, OUTDIR/records.csv.
#
#   marksheet-2025-26.csv  this year's spreadsheet (UTF-8)
#   marksheet-2024-25.csv  last year's, saved by Excel (Windows-1252, CRLF,
#                          a title line above the header)
#   marksheet-2023-24.csv  the year before, a Bromcom-style MIS export
#
# Copy it, point it at your own files, and run it from cron every term.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
school="$here/school"
out=${1:-out}
mkdir -p "$out"

track-import -m "$school/maps/marksheet.json" --academic-year 2025-26 \
	-o "$out/records-2025-26.csv" "$school/raw/marksheet-2025-26.csv"
track-import -m "$school/maps/marksheet.json" --academic-year 2024-25 \
	--skip-lines 1 \
	-o "$out/records-2024-25.csv" "$school/raw/marksheet-2024-25.csv"
track-import -m "$school/maps/bromcom.json" --academic-year 2023-24 \
	-o "$out/records-2023-24.csv" "$school/raw/marksheet-2023-24.csv"

# One file of records, all three years.
track-filter -o "$out/records.csv" "$out/records-2023-24.csv" \
	"$out/records-2024-25.csv" "$out/records-2025-26.csv"
