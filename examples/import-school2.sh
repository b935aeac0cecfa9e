#!/bin/sh
# examples/import-school2.sh OUTDIR
#
# The termly import of Riverside Primary (examples/school2), the example
# whose exports look the way real systems write them.  Each export is
# read as it comes, by one mapping file in examples/school2/maps, with no
# preprocessing:
#
#   pupils.csv                  the MIS pupils export (UK dates, Yes/No and
#                               True/False flags, Surname and Forename):
#                               maps/pupils.json makes OUTDIR/parts/
#                               school2-pupils.csv, which every other
#                               import joins
#   arbor-marksheet-2025-26.csv an Arbor marksheet, "Reading - Autumn 2025"
#                               (UTF-8 with a BOM, CRLF): maps/arbor.json
#   sims-year4-2025-26.csv      Year 4's SIMS marksheet (Windows-1252,
#                               semicolons, a title row): maps/sims.json
#   pira-puma-2025-26.csv       PiRA and PUMA, one row per test:
#                               maps/pira-puma.json (its "Forename
#                               Surname" is set blank, so that the pupils
#                               file's "Surname, Forename" is joined)
#   ctf-ks2-2026.xml            KS2 results, a common transfer file:
#                               maps/ctf-ks2.json
#   ctf-phonics-mtc-2026.xml    the phonics check and the MTC, a CTF:
#                               maps/ctf-checks.json
#
# The records go to OUTDIR/school2.csv (each export's in OUTDIR/parts/).
# Warnings go to standard error; the exit status is the worst import's.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
raw="$here/school2/raw"
maps="$here/school2/maps"
out=${1:-out}
parts="$out/parts"
mkdir -p "$parts"

# PENDING: exports to skip (by map name), which tests/crosscheck/school2
# leaves out too; empty now that every export is read.  Set
# SCHOOL2_PENDING to try the import without some of them.
pending=${SCHOOL2_PENDING-""}
ready() {
	case " $pending " in *" $1 "*) return 1 ;; esac
}

rc=0
pupils="$parts/school2-pupils.csv"
track-import -m "$maps/pupils.json" -o "$pupils" "$raw/pupils.csv" || rc=$?
# imp NAME EXPORT: import one export by maps/NAME.json, joining pupils.
imp() {
	ready "$1" || return 0
	track-import -m "$maps/$1.json" --join "$pupils" \
		-o "$parts/school2-$1.csv" "$raw/$2" || rc=$?
	files="$files $parts/school2-$1.csv"
}
files=
imp arbor arbor-marksheet-2025-26.csv
imp sims sims-year4-2025-26.csv
imp pira-puma pira-puma-2025-26.csv
imp ctf-ks2 ctf-ks2-2026.xml
imp ctf-checks ctf-phonics-mtc-2026.xml

canon=pupil,name,year,against,subject,point,measure,value
if [ -n "$files" ]; then
	# shellcheck disable=SC2086
	track-filter -o "$out/school2.csv" \
		-c "$canon,dob,date,gender,fsm,pp,send,eal,class" $files
else
	echo "$canon,dob,date,gender,fsm,pp,send,eal,class" \
		> "$out/school2.csv"
fi
exit $rc
