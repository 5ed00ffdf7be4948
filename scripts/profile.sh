#!/bin/bash
# Where a CMA heap allocation spends its time: build 6.12 (with the series)
# and mainline 7.2 with the function profiler (configs/trace.config), boot
# each under -icount, profile 4 KiB allocations from the CMA heap, and write
# the top functions by total time to build/bench/profile-KERNEL.txt.
#
# usage: scripts/profile.sh
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

out=$BUILD/bench
mkdir -p "$out"
for s in 6.12 7.2; do
	obj=$BUILD/obj/$s-trace
	stage "fetch-$s" "$TOP/scripts/fetch.sh" "$s"
	stage "extract-$s" "$TOP/scripts/base.sh" "$s"
	stage "apply-$s" "$TOP/scripts/tree.sh" --reset "$s" "$BUILD/work/$s"
	stage "build-$s-trace" "$TOP/scripts/build.sh" "$BUILD/work/$s" "$obj" heaps-m trace
	stage "initramfs-$s-trace" "$TOP/scripts/initramfs.sh" "$BUILD/work/$s" "$obj"
	stage "profile-$s" "$TOP/scripts/boot.sh" "$obj" m profile "$LOGS/profile-$s.log"
	tr -d '\r' <"$LOGS/profile-$s.log" | sed -n 's/^PROFILE //p' >"$out/profile-$s.txt"
	echo "== $s: Linux $(cat "$obj/release"), top functions while allocating 4 KiB from the CMA heap"
	head -n 25 "$out/profile-$s.txt"
done
