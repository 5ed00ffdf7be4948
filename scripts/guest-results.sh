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
# A subtest configs/known-failures lists for this boot's series is a
# skip when it fails, with the entry's reason, and a failure when it
# passes (the entry is stale); a program whose failing subtests are all
# known is a skip too, when it ran to its totals line.
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
sub_known=0
sub_fail=0
totals=false
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
	'# selftests: '*) prog=${line##*: } heap='' sub_run=0 sub_skip=0 sub_known=0 sub_fail=0 totals=false skip_all='' ;;
	# kselftest.h's last line: the program ran to its end
	'# # Totals: '*) totals=true ;;
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
		known=
		if [[ $line == '# '* ]]; then
			sub_run=$((sub_run + 1))
			[[ $tap =~ \#\ (SKIP|skip) ]] && sub_skip=$((sub_skip + 1))
			known=$(known_failure "$label" "kselftest: $desc")
			if [[ $tap == 'not ok'* ]]; then
				if [ -n "$known" ]; then sub_known=$((sub_known + 1)); else sub_fail=$((sub_fail + 1)); fi
			fi
		fi
		if [ -n "$known" ] && [[ $tap == 'not ok'* ]]; then
			result SKIP "$label: kselftest: $desc" "known failure: $known (configs/known-failures)"
		elif [ -n "$known" ] && [[ ! $tap =~ \#\ (SKIP|skip) ]]; then
			result FAIL "$label: kselftest: $desc" "configs/known-failures lists it as failing ($known), but it passed: remove the entry"
		elif [[ $line != '# '* && $tap == 'not ok'* ]] && $totals && [ "$sub_known" -gt 0 ] && [ "$sub_fail" -eq 0 ]; then
			result SKIP "$label: kselftest: $desc" "known failure: only its $sub_known subtests of configs/known-failures failed"
		elif [[ $line != '# '* && $tap == ok* && ! $tap =~ \#\ (SKIP|skip) ]] &&
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
