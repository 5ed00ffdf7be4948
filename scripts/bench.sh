#!/bin/bash
# Benchmark the heaps side by side: 6.12 with the series, heaps =m and =y,
# and mainline 7.2 =m. Each kernel boots twice under QEMU -icount (guest
# time counts instructions: deterministic), runs guest/heap-bench, and the
# figures land in build/bench/: results.md (table), latency.png (plot).
# Builds are those of make check when present (incremental otherwise).
#
# usage: scripts/bench.sh [-q]      -q: fewer sizes (a quick run)
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

quick=
[ "${1:-}" = -q ] && quick=-q
out=$BUILD/bench
kernels=("6.12 m" "6.12 y" "7.2 m")
need gnuplot gnuplot-nox
mkdir -p "$out"
rm -f "$out"/*.log
: >"$LOGS/times"
started=$(date +%s)

stage deps "$TOP/scripts/deps.sh"
for k in "${kernels[@]}"; do
	read -r s heaps <<<"$k"
	if [ ! -d "$BUILD/work/$s" ]; then
		stage "fetch-$s" "$TOP/scripts/fetch.sh" "$s"
		stage "extract-$s" "$TOP/scripts/base.sh" "$s"
	fi
	stage "apply-$s" "$TOP/scripts/tree.sh" --reset "$s" "$BUILD/work/$s"
	stage "build-$s-$heaps" "$TOP/scripts/build.sh" "$BUILD/work/$s" "$BUILD/obj/$s-$heaps" "heaps-$heaps"
	stage "initramfs-$s-$heaps" "$TOP/scripts/initramfs.sh" "$BUILD/work/$s" "$BUILD/obj/$s-$heaps"
done
for run in 1 2; do
	for k in "${kernels[@]}"; do
		read -r s heaps <<<"$k"
		BOOT_APPEND="wb.bench=${quick:-full}" BOOT_TIMEOUT=1200 \
			stage "bench-$s-$heaps-run$run" "$TOP/scripts/boot.sh" \
			"$BUILD/obj/$s-$heaps" "$heaps" bench "$out/$s-$heaps-run$run.log"
	done
done
echo "bench took $(($(date +%s) - started))s" >>"$LOGS/times"
python3 "$TOP/scripts/bench-report.py" "$out" "${kernels[@]/ /-}"
