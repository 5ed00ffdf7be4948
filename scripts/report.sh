#!/bin/bash
# Summarise build/logs/results into build/report.md and print the counts
# as the last line: "N passed, N failed, N skipped". Exit 1 if any test
# failed or none ran.
#
# usage: scripts/report.sh
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

report=$BUILD/report.md
[ -s "$RESULTS" ] || die "no results in $RESULTS"
passed=$(grep -c '^PASS ' "$RESULTS" || true)
failed=$(grep -c '^FAIL ' "$RESULTS" || true)
skipped=$(grep -c '^SKIP ' "$RESULTS" || true)
# shellcheck source=../configs/qemu-x86_64.boot
. "$TOP/configs/qemu-x86_64.boot"
{
	echo "# make check, $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo
	for v in "$BUILD"/base/*.version; do
		[ -e "$v" ] || continue
		s=$(basename "$v" .version)
		echo "- base: Debian linux-source-$s $(cat "$v") (Linux $(make -s -C "$BUILD/base/$s" kernelversion))"
	done
	echo "- configs: allnoconfig + configs/qemu-x86_64.config + configs/heaps-{m,y,n}.config"
	echo "- QEMU: $QEMU $QEMU_ARGS $ACCEL_ARGS"
	echo "- kernel command line: $CMDLINE"
	echo "- host: $(nproc) CPUs, $(uname -r)"
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
