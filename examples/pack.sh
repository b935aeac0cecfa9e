#!/bin/sh
# examples/pack.sh OUTDIR - the termly pipeline, as a data manager would
# script it: import the exports, check them against the scheme, make the
# reports, and put them together as the governors' pack.
#
#   OUTDIR/records.csv          every record, from examples/import.sh
#   OUTDIR/assessed.csv         the records with their bands (track-assess)
#   OUTDIR/reports/*.json       one report each
#   OUTDIR/governors-pack.html  the pack, one self-contained page
#   OUTDIR/governors-pack.md    the same as Markdown
#   OUTDIR/intervention-CLASS.md  the flags for the intervention meeting
#   OUTDIR/pupils-CLASS.md        each pupil's grid across every point
#   OUTDIR/pupils-CLASS.html      the same as pages for staff, one a pupil,
#                                 with their groups and flags
#   OUTDIR/parents-CLASS.html     a page for each pupil's parents: plain
#                                 words, no flags, no groups but the class
#
# Copy it, change the points and the school's name, and run it every term
# (from cron, say).  Each step stops the script if it fails.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-out}
term=2025-26.summer		# the term the pack is for
autumn=2025-26.autumn		# where the year's progress is measured from
spring=2025-26.spring
term_label="Summer 2025-26"	# the term as the pack's headings name it
school="Example Primary School (generated data)"
class=Willow			# the class whose pupil pages are made
# Groups of fewer than min pupils are suppressed in every report alike: a
# report at another threshold (or none) would give a hidden figure away by
# subtraction, as the gap table once gave away the EHC plan figures.
min=5

"$here/import.sh" "$out"
track-assess -o "$out/assessed.csv" "$out/records.csv"

r="$out/reports"
mkdir -p "$r"
# 1. The attainment overview: every subject and measure this term.
track-summary --point "$term" --min-group "$min" -F json "$out/assessed.csv" \
	> "$r/1-overview.json"
# 2. Teacher assessment by year group, with a row for all pupils.
track-filter -w measure=ta "$out/assessed.csv" |
	track-summary --point "$term" --by year --totals --min-group "$min" \
	-F json > "$r/2-by-year.json"
# 3. Disadvantaged and SEND pupils.
track-filter -w measure=ta "$out/assessed.csv" |
	track-summary --point "$term" --by pp,send --totals --min-group "$min" \
	-F json > "$r/3-groups.json"
# 4. The gap between disadvantaged pupils and the rest (paired bars).
track-filter -w measure=ta "$out/assessed.csv" |
	track-summary --point "$term" --gap pp=Y:N --min-group "$min" \
	--title "Disadvantaged pupils and the rest: $term_label" -F json \
	> "$r/4-gap.json"
# 5. KS2: RWM as DfE counts it, against the national figures.
track-summary --point 2025-26.ks2 \
	--combine rwm=reading:ks2+writing:ta+maths:ks2 \
	--benchmark national-ks2-2025 --min-group "$min" \
	--title "Year 6: key stage 2 results against England" -F json \
	"$out/assessed.csv" > "$r/5-ks2.json"
# 6. Progress from autumn to this term, subject by subject.
track-matrix --from point="$autumn" --to point="$term" --min-group "$min" \
	--title "Progress through the year, whole school" \
	-F json "$out/assessed.csv" > "$r/6-progress.json"
# 7. The same for one year group, headed as such.
track-filter -w year=3 "$out/assessed.csv" |
	track-matrix --from point="$autumn" --to point="$term" \
	--min-group "$min" --title "Progress through the year, Year 3" \
	-F json > "$r/7-progress-year3.json"
# 8. Reading, writing and maths teacher assessment at each term of the
# year: % at the expected standard or above, drawn as bars over the terms.
track-filter -w measure=ta -w 'subject~^(reading|writing|maths)$' \
	-w "point~^($autumn|$spring|$term)\$" "$out/assessed.csv" |
	track-summary --over point --min-group "$min" \
	--title "Reading, writing and maths through the year" -F json \
	> "$r/8-over-the-year.json"

track-report --title "Governors' pack: attainment and progress" \
	--school "$school" --date "$term" \
	-o "$out/governors-pack.html" "$r"/*.json
track-report -F markdown --title "Governors' pack: attainment and progress" \
	--school "$school" --date "$term" \
	-o "$out/governors-pack.md" "$r"/*.json

# The pupils of one class: who needs help, and each pupil's story.
track-pupil --flags --class "$class" -F markdown \
	-o "$out/intervention-$class.md" "$out/assessed.csv"
track-pupil --class "$class" -F markdown -o "$out/pupils-$class.md" \
	"$out/assessed.csv"
# The same pupils as pages to print, one a pupil: for staff, and for each
# pupil's parents (plain words; no flags and no groups but the class).
# (Piped, not kept in reports/, whose every file goes into the pack.)
track-pupil --class "$class" -F json "$out/assessed.csv" |
	track-report --school "$school" --date "$term" \
	-o "$out/pupils-$class.html"
track-pupil --class "$class" -F json "$out/assessed.csv" |
	track-report --parents --parents-groups class --school "$school" \
	--date "$term" -o "$out/parents-$class.html"
