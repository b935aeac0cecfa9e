# bench/twobuilds.sh - sourced by bench/callgrind and bench/against, which
# run every program under two builds side by side on the same records.
#
# Sets rows (--rows N, default $default_rows), runs (--runs N, default
# $default_runs), before and after (the two build directories, each with
# bin/ and tools/gen-records), tmp (removed on exit) and data (N records
# that AFTER's gen-records writes), and checks that both builds give the
# same output for every job (by checksum) before anything is measured.
set -euo pipefail
rows=$default_rows
runs=$default_runs
while [ $# -gt 0 ]; do
	case $1 in
	--rows) rows=$2; shift 2 ;;
	--runs) runs=$2; shift 2 ;;
	*) break ;;
	esac
done
usage="usage: $(basename "$0") [--rows N] [--runs N] BEFORE_BUILD AFTER_BUILD"
before=$(cd "${1:?$usage}" && pwd)
after=$(cd "${2:?$usage}" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
data=$tmp/records.csv
"$after/tools/gen-records" "$rows" > "$data"

# name | command line after the program directory; FILE is the records.
jobs=(
	"import|track-import FILE"
	"assess|track-assess FILE"
	"pass-through|track-filter FILE"
	"filter|track-filter -w subject=maths -w value=EXS|GDS FILE"
	"latest|track-filter --latest FILE"
	"shard|track-filter --shard 1/2 FILE"
	"summary|track-summary --by year,pp FILE"
	"summary --over|track-summary --over point FILE"
	"summary --partial|track-summary --by year,pp --partial FILE"
	"matrix|track-matrix --from point=2025-26.autumn --to point=2025-26.summer FILE"
	"pupil --flags|track-pupil --flags FILE"
	"pupil --transition|track-pupil --transition FILE"
)

# argv_of JOB - sets argv to the job's command line on $data.
argv_of() {
	local cmd=${1#*|}

	read -r -a argv <<< "${cmd//FILE/$data}"
}

for j in "${jobs[@]}"; do
	argv_of "$j"
	a=$("$before/bin/${argv[0]}" "${argv[@]:1}" 2>/dev/null | cksum || true)
	b=$("$after/bin/${argv[0]}" "${argv[@]:1}" 2>/dev/null | cksum || true)
	if [ "$a" != "$b" ]; then
		echo "$(basename "$0"): ${j%%|*}: the builds' outputs differ" >&2
		exit 1
	fi
done
