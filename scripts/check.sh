#!/bin/bash
# The tests. First the workbench's own self-tests; then, for the backport
# series (SERIES, default 6.12) and for the mainline series (MAINLINE,
# default 7.3): the series applies to Debian's pristine source, every patch
# builds, the heaps build =m, =y (and =n for a backport), each kernel boots
# in QEMU where the guest checks the heaps and runs the dmabuf-heaps
# kselftests, the static gates find nothing new, and the module selftest
# fails on a kernel whose system heap can be unloaded.
# Every failure, early ones included, ends in build/report.md and the
# closing line "N passed, N failed, N skipped"; exits 1 if anything failed.
#
# usage: scripts/check.sh [SERIES]     (default 6.12)
# Environment: MAINLINE=7.3 (the mainline series to prove; empty: skip it)
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=stamp.sh
. "$TOP/scripts/stamp.sh"

series=${1:-6.12}
mainline=${MAINLINE-7.3}
workbench_lock "make check SERIES=$series"
: >"$RESULTS"
: >"$LOGS/times"
: >"$LOGS/moved"
rm -f "$LOGS"/series-stamp*
started=$(date +%s)

finish() {
	echo "make check took $(($(date +%s) - started))s" >>"$LOGS/times"
	"$TOP/scripts/report.sh" "$series" || exit 1
	exit 0
}

# build SERIES HEAPS [--no-verify]: build/work/SERIES into build/obj/SERIES-HEAPS
build() {
	"$TOP/scripts/build.sh" "${@:3}" "$BUILD/work/$1" "$BUILD/obj/$1-$2" "heaps-$2"
}

# boot_check SERIES HEAPS [MODE]: initramfs, boot in MODE (check: the
# guest's checks and the kselftests; stress: a short heap-stress run too;
# kselftest: the kselftests alone, nothing loaded before them)
boot_check() {
	local s=$1 heaps=$2 mode=${3:-check} obj=$BUILD/obj/$1-$2
	local label="$1 =$2${3:+ $3}" log=$LOGS/boot-$1-$2${3:+-$3}.log
	: >"$log"
	if ! stage "initramfs-$s-$heaps" "$TOP/scripts/initramfs.sh" "$BUILD/work/$s" "$obj"; then
		result FAIL "$label: initramfs"
		return
	fi
	if BOOT_APPEND="wb.stress=-t,10" stage "boot-$s-$heaps${3:+-$3}" \
		"$TOP/scripts/boot.sh" "$obj" "$heaps" "$mode" "$log"; then
		result PASS "$label: boots, no panic/oops/warning, powers off"
	else
		result FAIL "$label: boots, no panic/oops/warning, powers off"
	fi
	"$TOP/scripts/guest-results.sh" "$log" "$label"
	if ! grep -q "^[A-Z]* $label: " "$RESULTS"; then
		result FAIL "$label: the guest reported results"
	fi
	if [ "$heaps" != n ] && ! grep -q "^[A-Z]* $label: kselftest: .* selftests: dmabuf-heaps" "$RESULTS"; then
		result FAIL "$label: the dmabuf-heaps kselftests ran"
	fi
}

# bisect_selftest SERIES: the series plus tests/bad/SERIES/0002 (a missing
# semicolon in system_heap.c) must fail to build, with the compiler's own
# error for that line; any other failure (a missing tool, say) does not count.
bisect_selftest() {
	local work=$BUILD/work/$1 log=$LOGS/bisect-bad-build-$1.log rc=0
	git -C "$work" checkout -q --detach series
	git -C "$work" am -q "$TOP/tests/bad/$1/"0002-*.patch || {
		git -C "$work" am --abort
		echo "tests/bad/$1/0002 does not apply on top of the series"
		return 1
	}
	build "$1" m --no-verify >"$log" 2>&1 || rc=$?
	git -C "$work" checkout -q series
	if [ "$rc" -eq 0 ]; then
		echo "the build with a missing semicolon succeeded (log: ${log#"$TOP"/})"
		return 1
	fi
	# gcc quotes with ASCII or typographic quotes, after the locale
	grep -E "system_heap\.c:[0-9]+:[0-9]+: error: expected [^ ]{0,3};[^ ]{0,3} before [^ ]{0,3}if" "$log" || {
		echo "the build failed, but not with the compiler's error for the broken line (log: ${log#"$TOP"/})"
		return 1
	}
}

# prove SERIES backport|mainline: everything make check asks of a series
prove() {
	local s=$1 kind=$2 work=$BUILD/work/$1 commits n i c subject verify heaps
	local all=(m y n)
	[ "$kind" = mainline ] && all=(m y)
	"$TOP/scripts/prepare.sh" "$s" || return 0
	# the revision under test, named now: a patch edited during the run
	# must not lend its name to these results
	series_stamp "$s" >"$LOGS/series-stamp-$s"

	# The bisect gate must be able to fail, for the reason it names.
	if stage "bisect-selftest-$s" bisect_selftest "$s"; then
		result PASS "$s: bisect gate rejects a patch that breaks the build (compiler: expected ';')"
	else
		result FAIL "$s: bisect gate rejects a patch that breaks the build (compiler: expected ';')"
	fi
	# Bisectability: every prefix of the series builds with the heaps =m,
	# in one object directory (incremental), ending with the whole series.
	mapfile -t commits < <(git -C "$work" rev-list --reverse refs/tags/base..series)
	n=${#commits[@]}
	for i in $(seq 1 "$n"); do
		c=${commits[$((i - 1))]}
		subject=$(git -C "$work" log -1 --format=%s "$c")
		git -C "$work" checkout -q --detach "$c"
		verify=--no-verify
		[ "$i" -eq "$n" ] && verify=
		if stage "build-$s-m-$i" build "$s" m $verify; then
			result PASS "$s: patch $i/$n builds with heaps =m: $subject"
		else
			result FAIL "$s: patch $i/$n builds with heaps =m: $subject"
		fi
	done
	git -C "$work" checkout -q series
	for heaps in "${all[@]:1}"; do
		if stage "build-$s-$heaps" build "$s" "$heaps"; then
			result PASS "$s builds with heaps =$heaps"
		else
			result FAIL "$s builds with heaps =$heaps"
		fi
	done

	for heaps in "${all[@]}"; do
		boot_check "$s" "$heaps"
	done
	if [ "$kind" = backport ]; then
		# the short stress: concurrent allocations and unload attempts
		# (make stress runs it long, on a debug kernel)
		boot_check "$s" m stress
	else
		# the kselftests as a CI runs them: nothing loads the heaps first
		boot_check "$s" m kselftest
	fi

	"$TOP/scripts/gates.sh" "$s" || result FAIL "$s: static gates: gates.sh ran to the end"

	# The module selftest must fail on a kernel whose system heap can be
	# unloaded (tests/bad/SERIES/0003; it may end in a panic).
	MUTANT_OBJ=$BUILD/obj/$s-m "$TOP/scripts/mutants.sh" "$s" "$TOP/tests/bad/$s/"0003-*.patch |
		grep -v -E '^[0-9]+ passed, ' || true
	sed -E "s/^(PASS|FAIL|SKIP) mutant /\1 $s: the module selftest fails on /" \
		"$LOGS/mutant-results" >>"$RESULTS"
	grep -q . "$LOGS/mutant-results" || result FAIL "$s: the module selftest fails on a kernel whose heap can be unloaded"
}

# The workbench's own pieces that need no kernel.
if stage deps "$TOP/scripts/deps.sh"; then
	result PASS "deps: the Debian packages the workbench needs are installed"
else
	result FAIL "deps: the Debian packages the workbench needs are installed"
	finish
fi
n=0
while read -r status name; do
	result "$status" "$name"
	n=$((n + 1))
done < <("$TOP/scripts/test-mirror.sh" 2>&1 | grep -E '^(PASS|FAIL) ')
[ "$n" -gt 0 ] || result FAIL "mirror lookup: its self-test ran cases"

prove "$series" backport
[ -z "$mainline" ] || prove "$mainline" mainline
finish
