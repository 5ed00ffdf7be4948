#!/bin/bash
# Mutation test of the test suite: each tests/mutants/SERIES/*.patch breaks, on
# top of the series, something users rely on. The mutant kernel is built
# with the heaps =m and booted like make check's stress boot (guest checks,
# kselftests, a short heap-stress); the mutant is caught when a result the
# patch names fails, for the reason it names. Trailers in each mutant's
# commit message:
#   Expect-fail: ERE   a failing result whose name matches (required)
#   Expect-log: ERE    the build or boot log must say it (the reason)
#   Boot-mode: MODE    guest/init's mode (default stress; kselftest: the
#                      kselftests alone, nothing loaded before them)
#   Kernel-report: ERE the kernel report the mutant itself causes, if any.
#                      Without it, a boot whose kernel reported a problem
#                      (an oops, a warning: lib.sh's guest_faults) or that
#                      did not finish catches nothing: a bad kernel counts
#                      as caught by the failure a check names, never by a
#                      crash the tests provoked on it.
# Ends with "N passed, N failed, N skipped": one result a mutant.
#
# usage: scripts/mutants.sh [SERIES] [MUTANT.patch...]
# Environment: MUTANT_OBJ (object directory, default build/obj/SERIES-mutant)
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

series=${1:-6.12}
shift || true
mutants=()
for m in "$@"; do
	[ -f "$m" ] || die "no mutant $m"
	mutants+=("$(realpath "$m")")	# git am runs in the series' tree
done
[ "${#mutants[@]}" -gt 0 ] || mapfile -t mutants < <(find "$TOP/tests/mutants/$series" -name '*.patch' 2>/dev/null | sort)
[ "${#mutants[@]}" -gt 0 ] || die "no mutants in tests/mutants/$series"
export RESULTS=$LOGS/mutant-results
start_job "make mutants"
work=$BUILD/work/$series
obj=${MUTANT_OBJ:-$BUILD/obj/$series-mutant}

stage deps "$TOP/scripts/deps.sh"
"$TOP/scripts/prepare.sh" "$series" >/dev/null || die "the series does not apply"
# the kselftests: a backport's are those of the mainline series' tree
if [ -z "${KSELFTEST_SRC:-}" ]; then
	use_tests "$series" >/dev/null || die "the tree of the kselftests, patches/$(tests_series "$series"), does not apply"
fi
: >"$RESULTS"

for m in "${mutants[@]}"; do
	name=$(basename "$m" .patch)
	name=${name#[0-9][0-9][0-9][0-9]-}
	want=$(trailer Expect-fail "$m")
	reason=$(trailer Expect-log "$m")
	mode=$(trailer Boot-mode "$m")
	mode=${mode:-stress}
	report=$(trailer Kernel-report "$m")
	[ -n "$want" ] || die "${m#"$TOP"/}: no Expect-fail trailer"
	inner=$LOGS/mutant-$name-results
	: >"$inner"
	git -C "$work" checkout -q --detach series
	if ! git -C "$work" am -q "$m" >"$LOGS/mutant-$name-am.log" 2>&1; then
		git -C "$work" am --abort 2>/dev/null || true
		result FAIL "mutant $name: applies on top of the series" "see build/logs/mutant-$name-am.log"
		continue
	fi
	blog=$LOGS/mutant-$name-build.log
	log=$LOGS/mutant-$name-boot.log
	: >"$log"
	# --no-verify: a mutant may change what Kconfig allows
	if RESULTS=$inner stage "mutant-$name-build" "$TOP/scripts/build.sh" --no-verify \
		"$work" "$obj" heaps-m 2>/dev/null; then
		if stage "mutant-$name-initramfs" "$TOP/scripts/initramfs.sh" "$work" "$obj"; then
			BOOT_APPEND="wb.stress=-t,10" stage "mutant-$name-boot" \
				"$TOP/scripts/boot.sh" "$obj" m "$mode" "$log" 2>/dev/null ||
				RESULTS=$inner result FAIL "mutant =m: boots, no panic/oops/warning, powers off" >/dev/null
			RESULTS=$inner "$TOP/scripts/guest-results.sh" "$log" "mutant =m" >/dev/null
		else
			RESULTS=$inner result FAIL "mutant =m: initramfs" >/dev/null
		fi
	else
		RESULTS=$inner result FAIL "mutant builds with heaps =m" >/dev/null
	fi
	git -C "$work" checkout -q series
	caught=$(grep '^FAIL ' "$inner" | grep -E -m 1 -- "$want" || true)
	why=ok
	if [ -n "$reason" ] && ! grep -q -E -- "$reason" "$blog" "$log" 2>/dev/null; then
		why="the logs do not say /$reason/"
	fi
	if [ -s "$log" ] && ! faults=$(guest_faults "$log" 2>&1); then
		if ! grep -q 'kernel reported a problem' <<<"$faults"; then
			why="the guest did not finish (no 'WB: done')"
		elif [ -z "$report" ] || ! grep -q -E -- "$report" <<<"$faults"; then
			why="the kernel reported a problem: $(sed -n 2p <<<"$faults" | tr -d '\r')"
		fi
	fi
	if [ -n "$caught" ] && [ "$why" = ok ]; then
		result PASS "mutant $name: caught by ${caught#FAIL }"
		echo "mutant $name: caught by ${caught#FAIL }"
	elif [ -n "$caught" ]; then
		result FAIL "mutant $name: caught by ${caught#FAIL }, but $why"
	else
		result FAIL "mutant $name: survived: no failing result matches /$want/ ($(grep -c '^PASS ' "$inner") passed, $(grep -c '^FAIL ' "$inner") failed)"
	fi
done
finish_job "mutants"
