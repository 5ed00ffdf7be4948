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
prog=
heap=
sub_run=0
sub_skip=0
kunit=false
suite=
tr -d '\r' <"$log" | while IFS= read -r line; do
	if $kunit; then
		case $line in
		'    # Subtest: '*) suite=${line##*: } ;;
		'    ok '* | '    not ok '* | 'ok '* | 'not ok '*)
			tap=${line#    }
			desc=$(sed -E 's/^(not )?ok ([0-9]+) ?(- )?/\2 /; s/ # (SKIP|skip).*//' <<<"$tap")
			[[ $line == ' '* ]] && desc="$suite $desc"
			if [[ $tap =~ \#\ (SKIP|skip)\ ?(.*)$ ]]; then
				result SKIP "$label: kunit: $desc" "${BASH_REMATCH[2]}"
			elif [[ $tap == 'not ok'* ]]; then
				result FAIL "$label: kunit: $desc"
			else
				result PASS "$label: kunit: $desc"
			fi
			;;
		# the KTAP ends where init starts printing
		'== '* | 'WB: '* | 'TAP version '*) kunit=false ;;
		esac
		$kunit && continue
	fi
	case $line in
	'KTAP version '*) kunit=true suite='' ;;
	'# selftests: '*) prog=${line##*: } heap='' sub_run=0 sub_skip=0 ;;
	'# # Testing heap: '*) heap=" [${line##*: }]" ;;
	'WB: ok '*) result PASS "$label: ${line#WB: ok }" ;;
	'WB: not ok '*) result FAIL "$label: ${line#WB: not ok }" ;;
	'WB: skip '*)
		line=${line#WB: skip }
		result SKIP "$label: ${line%% # *}" "${line#* # }"
		;;
	'# ok '* | '# not ok '* | 'ok '* | 'not ok '*)
		tap=${line#\# }
		desc=$(sed -E 's/^(not )?ok ([0-9]+) ?(- )?/\2 /; s/ # (SKIP|skip).*//' <<<"$tap")
		[[ $line == '# '* ]] && desc="$prog$heap $desc"
		if [[ $line == '# '* ]]; then
			sub_run=$((sub_run + 1))
			[[ $tap =~ \#\ (SKIP|skip) ]] && sub_skip=$((sub_skip + 1))
		fi
		if [[ $tap =~ \#\ (SKIP|skip)\ ?(.*)$ ]]; then
			result SKIP "$label: kselftest: $desc" "${BASH_REMATCH[2]}"
		elif [[ $line != '# '* && $tap == ok* ]] && [ "$sub_run" -gt 0 ] && [ "$sub_skip" -eq "$sub_run" ]; then
			result SKIP "$label: kselftest: $desc" "every one of its $sub_run subtests skipped"
		elif [[ $tap == 'not ok'* ]]; then
			result FAIL "$label: kselftest: $desc"
		else
			result PASS "$label: kselftest: $desc"
		fi
		;;
	esac
done
