#!/bin/sh
# examples/import.sh OUTDIR
#
# The termly import, as a data manager would script it: every export of
# the example school, each in the shape the school really has it, turned
# into one file of canonical records, OUTDIR/records.csv.  Each export has
# a mapping file in examples/school/maps/, and each joins pupils.csv (the
# characteristics, with date of birth and the reading intervention).
#
#   marksheet-2025-26.xlsx this year's spreadsheet, as the workbook the
#                          school keeps (examples/school/; the same table
#                          as raw/marksheet-2025-26.csv, saved by
#                          LibreOffice), with a "Curriculum year" for
#                          pupils assessed out of year
#   marksheet-2024-25.csv  last year's, saved by Excel (Windows-1252, CRLF,
#                          a title line above the header)
#   marksheet-2023-24.csv  the year before, a Bromcom-style MIS export
#   eyfs-profile.csv       the EYFS profile of each year's Reception (1/2)
#   ks1-outcomes.csv       KS1 teacher assessment of Years 3-6 (prior
#                          attainment, point ks1)
#   phonics-checks.csv     phonics screening checks and retakes
#   nfer-summer.csv        NFER summer tests, Years 1-5 (semicolons)
#   mtc-YYYY-YY.csv        the multiplication tables check, one per year
#   ks2-YYYY-YY.csv        KS2 results, one per year
#   reading-ages-2025-26.csv  reading tests in autumn and summer, with date
#                          of birth and date tested
#   corrections-2025-26.csv   the corrections log: imported last, so each
#                          correction supersedes the record it corrects
#
# It also imports the Scottish example (OUTDIR/scotland.csv, with
# examples/schemes/scotland-bge.json) and the bespoke-school example
# (OUTDIR/bespoke.csv, with examples/schemes/bespoke-school.json), and
# Riverside Primary, whose exports look the way real systems write them
# (OUTDIR/school2.csv, by examples/import-school2.sh).  The records of
# each export are kept in OUTDIR/parts/.
#
# Copy it, point it at your own files, and run it from cron every term.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
raw="$here/school/raw"
maps="$here/school/maps"
out=${1:-out}
parts="$out/parts"
mkdir -p "$parts"

# Every import that joins pupils.csv checks it again and would repeat the
# same warnings (such as SEND "S" read as "K"): each is said once, at the
# end, and the exit status is kept.
log=$(mktemp)
trap 'rc=$?; awk "!seen[\$0]++" "$log" >&2; rm -f "$log"; exit $rc' EXIT
imp() {
	track-import "$@" 2>>"$log"
}

# England: teacher assessment, three years.
imp -m "$maps/bromcom.json" --academic-year 2023-24 \
	-o "$parts/ta-2023-24.csv" "$raw/marksheet-2023-24.csv"
imp -m "$maps/marksheet.json" --academic-year 2024-25 --skip-lines 1 \
	-o "$parts/ta-2024-25.csv" "$raw/marksheet-2024-25.csv"
imp -m "$maps/marksheet.json" --academic-year 2025-26 \
	-o "$parts/ta-2025-26.csv" "$here/school/marksheet-2025-26.xlsx"

# Statutory assessments and tests.
imp -m "$maps/eyfs.json" -o "$parts/eyfs.csv" "$raw/eyfs-profile.csv"
imp -m "$maps/ks1.json" -o "$parts/ks1.csv" "$raw/ks1-outcomes.csv"
imp -m "$maps/phonics.json" -o "$parts/phonics.csv" "$raw/phonics-checks.csv"
imp -m "$maps/nfer.json" -o "$parts/nfer.csv" "$raw/nfer-summer.csv"
for ay in 2023-24 2024-25 2025-26; do
	imp -m "$maps/mtc.json" --set "point=$ay.mtc" \
		-o "$parts/mtc-$ay.csv" "$raw/mtc-$ay.csv"
	imp -m "$maps/ks2.json" --set "point=$ay.ks2" \
		-o "$parts/ks2-$ay.csv" "$raw/ks2-$ay.csv"
done
imp -m "$maps/reading-ages.json" --academic-year 2025-26 \
	-o "$parts/reading-ages-2025-26.csv" "$raw/reading-ages-2025-26.csv"
imp -m "$maps/corrections.json" \
	-o "$parts/corrections-2025-26.csv" "$raw/corrections-2025-26.csv"

# One file of records, corrections last; the canonical columns, then the
# characteristics.
canon=pupil,name,year,against,subject,point,measure,value
track-filter -o "$out/records.csv" \
	-c "$canon,dob,date,gender,pp,send,eal,class,intervention" \
	"$parts/ta-2023-24.csv" "$parts/ta-2024-25.csv" \
	"$parts/ta-2025-26.csv" "$parts/eyfs.csv" "$parts/ks1.csv" \
	"$parts/phonics.csv" "$parts/nfer.csv" \
	"$parts/mtc-2023-24.csv" "$parts/mtc-2024-25.csv" \
	"$parts/mtc-2025-26.csv" "$parts/ks2-2023-24.csv" \
	"$parts/ks2-2024-25.csv" "$parts/ks2-2025-26.csv" \
	"$parts/reading-ages-2025-26.csv" "$parts/corrections-2025-26.csv"

# Scotland: a SEEMiS-style tracking export, CfE levels.
imp -s "$here/schemes/scotland-bge.json" \
	-m "$here/scotland/maps/tracking.json" --academic-year 2025-26 \
	-o "$parts/scotland-2025-26.csv" \
	"$here/scotland/raw/tracking-2025-26.csv"
sc=pupil,name,year,subject,point,measure,value
track-filter -o "$out/scotland.csv" \
	-c "$sc,class,gender,simd,fme,asn,eal,care-experienced" \
	"$parts/scotland-2025-26.csv"

# The bespoke school: its own words, Year 4 maths objectives, and the
# phonics booster group's personal curriculum.
bs="$here/bespoke"
for f in judgements objectives booster; do
	case $f in
	judgements) in=judgements-2025-26.csv ;;
	objectives) in=y4-maths-objectives-2025-26.csv ;;
	booster) in=phonics-booster-2025-26.csv ;;
	esac
	imp -s "$here/schemes/bespoke-school.json" -m "$bs/maps/$f.json" \
		--academic-year 2025-26 -o "$parts/bespoke-$f.csv" \
		"$bs/raw/$in"
done
track-filter -o "$out/bespoke.csv" \
	-c "$canon,objective,class,gender,pp,send,booster" \
	"$parts/bespoke-judgements.csv" "$parts/bespoke-objectives.csv" \
	"$parts/bespoke-booster.csv"

# Riverside Primary: Arbor, SIMS, MIS, PiRA/PUMA and CTF exports as they
# come, one mapping each.
"$here/import-school2.sh" "$out" 2>>"$log"
