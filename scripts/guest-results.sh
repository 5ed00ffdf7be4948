#!/bin/bash
# Turn a guest console log into test results: the init's "WB:" lines, the
# TAP of the kselftest runner (each subtest, and each test program) and the
# KTAP the kernel's built-in KUnit suites print at boot (each case, and
# each suite), before init runs.
#
# usage: scripts/guest-results.sh LOG LABEL     appends to build/logs/results
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

log=${1:?usage: guest-results.sh LOG LABEL}
label=${2:?usage: guest-results.sh LOG LABEL}
# Subtests are named after their program and, where it says so, the heap.
# A program whose subtests all skipped is a skip, though its TAP line
# says ok (kselftest_harness exits 0 when every test skips).
# tap_desc TAP: "N name" of a (K)TAP result line, its directive left out
tap_desc() { sed -E 's/^(not )?ok ([0-9]+) ?(- )?/\2 /; s/ # (SKIP|skip).*//' <<<"$1"; }
# tap_result NAME TAP: record the result a (K)TAP line gives NAME
tap_result() {
	if [[ $2 =~ \#\ (SKIP|skip)\ ?(.*)$ ]]; then
		result SKIP "$1" "${BASH_REMATCH[2]}"
	elif [[ $2 == 'not ok'* ]]; then
		result FAIL "$1"
	else
		result PASS "$1"
	fi
}
prog=
heap=
sub_run=0
sub_skip=0
skip_all=
kunit=false
suite=
tr -d '\r' <"$log" | while IFS= read -r line; do
	if $kunit; then
		case $line in
		'    # Subtest: '*) suite=${line##*: } ;;
		'    ok '* | '    not ok '* | 'ok '* | 'not ok '*)
			tap=${line#    }
			desc=$(tap_desc "$tap")
			[[ $line == ' '* ]] && desc="$suite $desc"
			tap_result "$label: kunit: $desc" "$tap"
			;;
		# the KTAP ends where init starts printing
		'== '* | 'WB: '* | 'TAP version '*) kunit=false ;;
		esac
		$kunit && continue
	fi
	case $line in
	'KTAP version '*) kunit=true suite='' ;;
	'# selftests: '*) prog=${line##*: } heap='' sub_run=0 sub_skip=0 skip_all='' ;;
	# a program that skips as a whole: its reason, for the runner's line
	'# 1..0 # SKIP '*) skip_all=${line#'# 1..0 # SKIP '} ;;
	'# # Testing heap: '*) heap=" [${line##*: }]" ;;
	'WB: ok '*) result PASS "$label: ${line#WB: ok }" ;;
	'WB: not ok '*) result FAIL "$label: ${line#WB: not ok }" ;;
	'WB: skip '*)
		line=${line#WB: skip }
		result SKIP "$label: ${line%% # *}" "${line#* # }"
		;;
	'# ok '* | '# not ok '* | 'ok '* | 'not ok '*)
		tap=${line#\# }
		desc=$(tap_desc "$tap")
		[[ $line == '# '* ]] && desc="$prog$heap $desc"
		if [[ $line == '# '* ]]; then
			sub_run=$((sub_run + 1))
			[[ $tap =~ \#\ (SKIP|skip) ]] && sub_skip=$((sub_skip + 1))
		fi
		if [[ $line != '# '* && $tap == ok* && ! $tap =~ \#\ (SKIP|skip) ]] &&
			[ "$sub_run" -gt 0 ] && [ "$sub_skip" -eq "$sub_run" ]; then
			result SKIP "$label: kselftest: $desc" "every one of its $sub_run subtests skipped"
		elif [[ $line != '# '* && $tap =~ \#\ (SKIP|skip)\ ?$ && -n $skip_all ]]; then
			result SKIP "$label: kselftest: $desc" "$skip_all"
		else
			tap_result "$label: kselftest: $desc" "$tap"
		fi
		;;
	esac
done
