#!/bin/bash
# Summarise build/logs/results into build/report.md and print the counts
# as the last line: "N passed, N failed, N skipped". Exit 1 if any test
# failed or none ran.
#
# usage: scripts/report.sh [SERIES]     (the series make check proved)
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

series=${1:-6.12}
report=$BUILD/report.md
[ -s "$RESULTS" ] || die "no results in $RESULTS"
passed=$(grep -c '^PASS ' "$RESULTS" || true)
failed=$(grep -c '^FAIL ' "$RESULTS" || true)
skipped=$(grep -c '^SKIP ' "$RESULTS" || true)
{
	echo "# make check, $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo
	echo "- series: $series"
	for f in "$LOGS"/series-stamp-*; do
		[ -e "$f" ] || continue
		echo "- series-stamp ${f##*/series-stamp-}: $(cat "$f")"
	done
	for f in "$LOGS"/series-stamp-*; do
		[ -e "$f" ] || continue
		s=${f##*/series-stamp-}
		v=$BUILD/base/$s.version
		[ -e "$v" ] || continue
		echo "- base: Debian linux-source-$s $(cat "$v") (Linux $(make -s -C "$BUILD/base/$s" kernelversion))"
	done
	while read -r s now was; do
		echo "- note: Debian moved linux-source-$s to $now; configs/suites records $was as the last version proven"
	done <"$LOGS/moved"
	echo "- configs: allnoconfig + configs/qemu-ARCH.config + the series' tools/testing/selftests/dmabuf-heaps/config (where it has one) + configs/kunit.config + configs/kunit-dma-heap.config (where it has the heap core's KUnit tests) + configs/heaps-{m,y,n}.config (mainline: m, y); what is proven where: configs/check"
	sed -n -E 's/^(PASS|FAIL|SKIP) [0-9.]+ ([a-z0-9_]+) =[mny].*/\2/p' "$RESULTS" | sort -u |
		while read -r arch; do (
			WB_ARCH=$arch
			load_arch
			echo "- $arch: QEMU: $QEMU $QEMU_ARGS $ACCEL_ARGS; kernel command line: $CMDLINE + the CMA area (scripts/boot.sh: cma=64M, or a 64 MiB /reserved-memory/linux,cma node in QEMU's own device tree; the kselftest and nomodules boots: none, the selftests' CONFIG_CMA_SIZE_MBYTES)"
		); done
	echo "- host: $(nproc) CPUs, $(uname -r)"
	echo
	echo "## Per kernel"
	echo
	echo "| kernel | passed | failed | skipped | of which kselftest subtests passed |"
	echo "|---|---|---|---|---|"
	sed -n -E 's/^(PASS|FAIL|SKIP) ([0-9.]+ [a-z0-9_]+ =[mny]( [a-z0-9]+)?): (kselftest: )?.*/\1 \2 \4/p' "$RESULTS" |
		awk '{ k = $2 " " $3 " " $4; if ($5 != "" && $5 != "kselftest:") k = k " " $5
			if (!(k in seen)) { seen[k] = 1; order[++n] = k }
			c[k, $1]++; if ($NF == "kselftest:" && $1 == "PASS") ks[k]++ }
		END { for (i = 1; i <= n; i++) { k = order[i]
			printf "| %s | %d | %d | %d | %d |\n", k, c[k, "PASS"], c[k, "FAIL"], c[k, "SKIP"], ks[k] } }'
	echo
	echo "## Stage times (seconds)"
	echo
	sed 's/^/    /' "$LOGS/times"
	echo
	echo "## Results: $passed passed, $failed failed, $skipped skipped"
	echo
	sed 's/^/    /' "$RESULTS"
} >"$report"
echo "report: ${report#"$TOP"/}"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
