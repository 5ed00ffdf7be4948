#!/bin/bash
# The tests: the workbench's own self-tests, then the series applies to a
# pristine base, every patch builds, the heaps build =m, =y and =n, each
# kernel boots in QEMU where the guest checks the heaps and runs the
# dmabuf-heaps kselftests, and the static gates find nothing new. Then the
# new selftest runs, unchanged, on mainline (Debian's linux-source-7.2).
# Every failure, early ones included, ends in build/report.md and the
# closing line "N passed, N failed, N skipped"; exits 1 if anything failed.
#
# usage: scripts/check.sh [SERIES]     (default 6.12)
# Environment: MAINLINE=7.2 (the mainline series to check; empty: skip it)
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=stamp.sh
. "$TOP/scripts/stamp.sh"

series=${1:-6.12}
mainline=${MAINLINE-7.2}
workbench_lock "make check SERIES=$series"
: >"$RESULTS"
: >"$LOGS/times"
: >"$LOGS/moved"
rm -f "$LOGS/series-stamp"
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
# kselftests; stress: a short heap-stress run too), collect the results
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

# bisect_selftest SERIES: the series plus tests/bad/0002 (a missing
# semicolon in system_heap.c) must fail to build, with the compiler's own
# error for that line; any other failure (a missing tool, say) does not count.
bisect_selftest() {
	local work=$BUILD/work/$1 log=$LOGS/bisect-bad-build.log rc=0
	git -C "$work" checkout -q --detach series
	git -C "$work" am -q "$TOP"/tests/bad/0002-*.patch || {
		git -C "$work" am --abort
		echo "tests/bad/0002 does not apply on top of the series"
		return 1
	}
	# the C locale: the compiler's quotes are then plain ASCII
	LC_ALL=C build "$1" m --no-verify >"$log" 2>&1 || rc=$?
	git -C "$work" checkout -q series
	if [ "$rc" -eq 0 ]; then
		echo "the build with a missing semicolon succeeded (log: ${log#"$TOP"/})"
		return 1
	fi
	grep -E "system_heap\.c:[0-9]+:[0-9]+: error: expected ';' before 'if'" "$log" || {
		echo "the build failed, but not with the compiler's error for the broken line (log: ${log#"$TOP"/})"
		return 1
	}
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

"$TOP/scripts/prepare.sh" "$series" || finish
work=$BUILD/work/$series
# the revision under test, named now: a patch edited during the run must
# not lend its name to these results
series_stamp "$series" >"$LOGS/series-stamp"

# The bisect gate must be able to fail, for the reason it names.
if stage "bisect-selftest-$series" bisect_selftest "$series"; then
	result PASS "bisect gate rejects a patch that breaks the build (compiler: expected ';')"
else
	result FAIL "bisect gate rejects a patch that breaks the build (compiler: expected ';')"
fi

# Bisectability: every prefix of the series builds with the heaps =m, in
# one object directory (incremental), ending with the whole series.
mapfile -t commits < <(git -C "$work" rev-list --reverse refs/tags/base..series)
n=${#commits[@]}
for i in $(seq 1 "$n"); do
	c=${commits[$((i - 1))]}
	subject=$(git -C "$work" log -1 --format=%s "$c")
	git -C "$work" checkout -q --detach "$c"
	verify=--no-verify
	[ "$i" -eq "$n" ] && verify=
	if stage "build-$series-m-$i" build "$series" m $verify; then
		result PASS "patch $i/$n builds with heaps =m: $subject"
	else
		result FAIL "patch $i/$n builds with heaps =m: $subject"
	fi
done
git -C "$work" checkout -q series

for heaps in y n; do
	if stage "build-$series-$heaps" build "$series" "$heaps"; then
		result PASS "$series builds with heaps =$heaps"
	else
		result FAIL "$series builds with heaps =$heaps"
	fi
done
for heaps in m y n; do
	boot_check "$series" "$heaps"
done
# the short stress: concurrent allocations and unload attempts on the
# plain =m kernel (make stress runs it long, on a debug kernel)
boot_check "$series" m stress

"$TOP/scripts/gates.sh" "$series" || result FAIL "static gates: gates.sh ran to the end"

if [ -n "$mainline" ] && "$TOP/scripts/prepare.sh" "$mainline"; then
	if stage "build-$mainline-m" build "$mainline" m; then
		result PASS "$mainline builds with heaps =m"
		boot_check "$mainline" m
	else
		result FAIL "$mainline builds with heaps =m"
	fi
fi
finish
