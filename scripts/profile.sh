#!/bin/bash
# Where a CMA heap allocation spends its time: build 6.12 (with the series)
# and mainline 7.3 with the function profiler (configs/trace.config), boot
# each under -icount, profile 4 KiB allocations from the CMA heap, and write
# the top functions by total time to build/bench/profile-KERNEL.txt.
#
# usage: scripts/profile.sh
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

out=$BUILD/bench
workbench_lock "make profile"
export RESULTS=$LOGS/profile-results
mkdir -p "$out"
stage deps "$TOP/scripts/deps.sh"
for s in 6.12 7.3; do
	obj=$BUILD/obj/$s-trace
	"$TOP/scripts/prepare.sh" "$s"
	stage "build-$s-trace" "$TOP/scripts/build.sh" "$BUILD/work/$s" "$obj" heaps-m trace
	stage "initramfs-$s-trace" "$TOP/scripts/initramfs.sh" "$BUILD/work/$s" "$obj"
	stage "profile-$s" "$TOP/scripts/boot.sh" "$obj" m profile "$LOGS/profile-$s.log"
	tr -d '\r' <"$LOGS/profile-$s.log" | sed -n 's/^PROFILE //p' >"$out/profile-$s.txt"
	echo "== $s: Linux $(cat "$obj/release"), top functions while allocating 4 KiB from the CMA heap"
	head -n 25 "$out/profile-$s.txt"
done
