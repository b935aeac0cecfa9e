# bash completion for track-import, track-filter, track-assess,
# track-summary, track-matrix, track-pupil and track-report.
#
# Installed once as .../bash-completion/completions/track, with a link per
# program so that bash-completion loads it on demand; or source it directly.
# Builtins only (compgen, compopt): no bash-completion helpers are needed.
#
# The option lists follow each cmd/track-*.c longopts table plus
# CLI_LONGOPTS (lib/cli/cli.h); tests/install/run checks they still agree.

_track_common='-o --output -F --format -s --scheme -e --encoding
	-d --delimiter --input-format --rejects --raw --excel-safe --bom
	--no-progress --max-field-size --max-columns --sheet --list-sheets
	-h --help -V --version'

# Sets COMPREPLY to the words of $1 that begin with $2.
_track_words()
{
	local IFS=$' \t\n'
	mapfile -t COMPREPLY < <(compgen -W "$1" -- "$2")
}

# Sets COMPREPLY to the file names that begin with $1.
_track_files()
{
	compopt -o filenames 2>/dev/null
	mapfile -t COMPREPLY < <(compgen -f -- "$1")
}

_track()
{
	local cur prev prog opts i
	COMPREPLY=()
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=
	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
	prog=${COMP_WORDS[0]##*/}

	# --opt=VALUE: split by bash at '=' (the default COMP_WORDBREAKS) ...
	if [[ $cur == = && $prev == --* ]]; then
		cur=
	elif [[ $prev == = ]] && ((COMP_CWORD > 1)); then
		prev=${COMP_WORDS[COMP_CWORD - 2]}
	# ... or kept whole, when '=' is not a word break.
	elif [[ $cur == --*=* ]]; then
		prev=${cur%%=*}
		cur=${cur#*=}
	fi

	# The option's argument.
	case $prev in
	-F | --format)
		if [[ $prog == track-report ]]; then
			_track_words 'html markdown xlsx' "$cur"
		elif [[ $prog == track-pupil ]]; then
			_track_words 'csv tsv json table markdown xlsx ctf' "$cur"
		else
			_track_words 'csv tsv json table markdown xlsx' "$cur"
		fi
		return 0
		;;
	-e | --encoding)
		_track_words 'utf-8 windows-1252 utf-16 auto' "$cur"
		return 0
		;;
	--input-format)
		_track_words 'csv tsv json auto' "$cur"
		return 0
		;;
	-o | --output | -s | --scheme | --rejects | -m | --map | --join | \
	--in | --not-in | --pseudonymise | --pseudonymize | --roll)
		_track_files "$cur"
		return 0
		;;
	--over)
		[[ $prog == track-summary ]] && {
			_track_words 'point' "$cur"
			return 0
		}
		;;
	--across)
		[[ $prog == track-summary ]] && {
			_track_words 'point measure subject' "$cur"
			return 0
		}
		;;
	--flag)
		[[ $prog == track-pupil ]] && {
			_track_words 'dropped stuck disagree missing not-assessed' "$cur"
			return 0
		}
		;;
	--date-order)
		_track_words 'dmy mdy' "$cur"
		return 0
		;;
	--from | --to)
		[[ $prog == track-matrix ]] && {
			_track_words 'point= subject= measure=' "$cur"
			compopt -o nospace 2>/dev/null
			return 0
		}
		;;
	-d | --delimiter | --max-field-size | --max-columns | --sheet | \
	-w | --where | -c | --columns | --shard | \
	--rename | --set | --unpivot | --key | --split | --skip-lines | \
	--academic-year | --point | --subjects | --class | --by | \
	--combine | --min-group | --benchmark | --gap | --bins | -j | --jobs | \
	--title | --school | --date | --recode | --stuck | --pupil | --year | \
	--ctf-source | --ctf-dest | --parents-groups)
		# Free text: nothing sensible to offer.
		return 0
		;;
	esac

	# An option, unless `--` has ended them.
	if [[ $cur == -* ]]; then
		for ((i = 1; i < COMP_CWORD; i++)); do
			[[ ${COMP_WORDS[i]} == -- ]] && break
		done
		if ((i == COMP_CWORD)); then
			case $prog in
			track-import)
				opts='-m --map --rename --set --unpivot --key
					--split --join --skip-lines --academic-year
					--recode --date-order --strict --provenance --ctf-pupils
					-j --jobs' ;;
			track-filter)
				opts='-w --where --any --latest --in --not-in
					-c --columns --shard --split --pseudonymise
					--pseudonymize --keep-column -j --jobs' ;;
			track-assess)
				opts='--template --point --subjects --class -j --jobs' ;;
			track-summary)
				opts='--point --over --by --pupils --combine
					--min-group --benchmark --gap --across
					--totals --objectives --partial --merge
					--roll --title -j --jobs' ;;
			track-matrix)
				opts='--from --to --point --bins --pupils
					--stable --min-group --title -j --jobs' ;;
			track-pupil)
				opts='--flags --transition --flag --stuck --pupil
					--class --year --ctf-source --ctf-dest
					-j --jobs' ;;
			track-report)
				opts='--title --school --date --parents
					--parents-groups' ;;
			*)
				opts= ;;
			esac
			_track_words "$opts $_track_common" "$cur"
			return 0
		fi
	fi

	_track_files "$cur"
	return 0
}

complete -F _track track-import track-filter track-assess track-summary \
	track-matrix track-pupil track-report
