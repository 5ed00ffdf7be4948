#!/bin/bash
# Benchmark the heaps side by side: 6.12 with the series, heaps =m and =y,
# and mainline 7.3 =m on x86_64; 6.12 =m and =y on arm64 (QEMU virt, the
# CMA area from the device tree). Each kernel boots BENCH_RUNS times (default 5) under
# QEMU -icount (guest time counts instructions), runs guest/heap-bench, and
# the figures land in build/bench/: results.md (per figure the median of the
# runs' medians and their spread; a spread above 1% is flagged), runs.tsv
# (every run's figures) and latency.png. Builds are those of make check
# when present (incremental otherwise).
#
# usage: scripts/bench.sh [-q]      -q: fewer sizes (a quick run)
# Environment: BENCH_RUNS (boots per kernel, default 5)
# Fails when a boot fails, when a guest reports "WB: not ok" (timens or
# heap-bench failed) or when a log has no BENCH line.
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

quick=
[ "${1:-}" = -q ] && quick=-q
runs=${BENCH_RUNS:-5}
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "BENCH_RUNS must be a positive number, not '$runs'"
# kernel parameters of bench boots only: what keeps guest time from moving
# between boots (configs/qemu-ARCH.boot)
bench_extra() {
	local WB_ARCH=$1
	load_arch
	echo "${BENCH_CMDLINE_EXTRA:-}"
}
out=$BUILD/bench
# series, heaps, guest architecture; named after their object directory
# (build/obj/6.12-m, build/obj/arm64/6.12-m)
kernels=("6.12 m x86_64" "6.12 y x86_64" "7.3 m x86_64" "6.12 m arm64" "6.12 y arm64")
# kname SERIES HEAPS ARCH: a kernel's name in the results
kname() { if [ "$3" = x86_64 ]; then echo "$1-$2"; else echo "$3/$1-$2"; fi; }
workbench_lock "make bench"
need gnuplot gnuplot-nox
mkdir -p "$out/arm64"
rm -f "$out"/*.log "$out"/arm64/*.log "$out/results.md" "$out/runs.tsv"
: >"$LOGS/times"
started=$(date +%s)

stage deps "$TOP/scripts/deps.sh"
names=()
for k in "${kernels[@]}"; do
	read -r s heaps arch <<<"$k"
	names+=("$(kname "$s" "$heaps" "$arch")")
	export WB_ARCH=$arch
	RESULTS=$LOGS/bench-results "$TOP/scripts/prepare.sh" "$s"
	stage "build-$s-$arch-$heaps" "$TOP/scripts/build.sh" --into "$(objdir "$s-$heaps")" \
		"$BUILD/work/$s" "$(objdir "$s")" "heaps-$heaps"
	stage "initramfs-$s-$arch-$heaps" "$TOP/scripts/initramfs.sh" "$BUILD/work/$s" "$(objdir "$s-$heaps")"
done

# Runs interleave the kernels: run 1 of each, then run 2 of each, ...
booted=$(date +%s)
failed=()
for ((run = 1; run <= runs; run++)); do
	for k in "${kernels[@]}"; do
		read -r s heaps arch <<<"$k"
		export WB_ARCH=$arch
		extra=$(bench_extra "$arch")
		log=$out/$(kname "$s" "$heaps" "$arch")-run$run.log
		name="$(kname "$s" "$heaps" "$arch") run $run (${log#"$TOP"/})"
		if ! BOOT_APPEND="wb.bench=${quick:-full}${extra:+ $extra}" BOOT_TIMEOUT=1200 \
			stage "bench-$s-$arch-$heaps-run$run" "$TOP/scripts/boot.sh" \
			"$(objdir "$s-$heaps")" "$heaps" bench "$log"; then
			failed+=("$name: the boot failed")
		fi
		[ -f "$log" ] || continue
		while IFS= read -r line; do
			failed+=("$name: ${line%$'\r'}")
		done < <(grep '^WB: not ok' "$log" || true)
		grep -q '^BENCH ' "$log" || failed+=("$name: no BENCH line")
	done
done
now=$(date +%s)
echo "bench took $((now - started))s ($runs runs of ${#kernels[@]} kernels: $((now - booted))s)" |
	tee -a "$LOGS/times"
if [ "${#failed[@]}" -gt 0 ]; then
	printf 'bench: %s\n' "${failed[@]}" >&2
	die "${#failed[@]} failure(s) in the bench runs: no results.md"
fi
BENCH_WALL="$((now - booted))s for $runs runs of ${#kernels[@]} kernels, $((now - started))s in all" \
	BUILD=$BUILD python3 "$TOP/scripts/bench-report.py" "$out" "${names[@]}"
