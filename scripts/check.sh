#!/bin/bash
# The tests: the series applies to a pristine base, every patch builds,
# the heaps build =m, =y and =n, each kernel boots in QEMU where the guest
# checks the heaps and runs the dmabuf-heaps kselftests, and the static
# gates find nothing new. Then the new selftest runs, unchanged, on
# mainline (Debian's linux-source-7.2, heaps =m).
# Ends with "N passed, N failed, N skipped"; exits 1 if anything failed.
#
# usage: scripts/check.sh [SERIES]     (default 6.12)
# Environment: MAINLINE=7.2 (the mainline series to check; empty: skip it)
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

series=${1:-6.12}
mainline=${MAINLINE-7.2}
: >"$RESULTS"
: >"$LOGS/times"
started=$(date +%s)

# prepare SERIES: fetch, extract and apply; the tree is build/work/SERIES
prepare() {
	local s=$1 version
	stage "fetch-$s" "$TOP/scripts/fetch.sh" "$s"
	stage "extract-$s" "$TOP/scripts/base.sh" "$s"
	version=$(cat "$BUILD/base/$s.version")
	if stage "apply-$s" "$TOP/scripts/tree.sh" --reset "$s" "$BUILD/work/$s"; then
		result PASS "patches/$s applies with git am to linux-source-$s $version"
	else
		result FAIL "patches/$s applies with git am to linux-source-$s $version"
		return 1
	fi
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
	if [ "$heaps" != n ] && ! grep -q "^[A-Z]* $label: kselftest: .* selftests: dmabuf-heaps" "$RESULTS"; then
		result FAIL "$label: the dmabuf-heaps kselftests ran"
	fi
}

stage deps "$TOP/scripts/deps.sh"
prepare "$series" || exec "$TOP/scripts/report.sh"
work=$BUILD/work/$series

# The bisect gate must be able to fail: a patch that breaks the build.
git -C "$work" checkout -q --detach series
git -C "$work" am -q "$TOP"/tests/bad/0002-*.patch
if build "$series" m --no-verify >"$LOGS/gate-bisect-bad.log" 2>&1; then
	result FAIL "bisect gate rejects a patch that breaks the build"
else
	result PASS "bisect gate rejects a patch that breaks the build"
	echo "gate: bisect gate rejects a patch that breaks the build: ok"
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

"$TOP/scripts/gates.sh" "$series"

if [ -n "$mainline" ] && prepare "$mainline"; then
	if stage "build-$mainline-m" build "$mainline" m; then
		result PASS "$mainline builds with heaps =m"
		boot_check "$mainline" m
	else
		result FAIL "$mainline builds with heaps =m"
	fi
fi

echo "make check took $(($(date +%s) - started))s" >>"$LOGS/times"
exec "$TOP/scripts/report.sh"
