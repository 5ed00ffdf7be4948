#!/bin/bash
# Summarise build/logs/results into build/report-SERIES.md and print the
# counts as the last line: "N passed, N failed, N skipped". Exit 1 if any
# test failed or none ran.
#
# usage: scripts/report.sh SERIES
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

series=${1:?usage: report.sh SERIES}
report=$BUILD/report-$series.md
[ -s "$RESULTS" ] || die "no results in $RESULTS"
passed=$(grep -c '^PASS ' "$RESULTS" || true)
failed=$(grep -c '^FAIL ' "$RESULTS" || true)
skipped=$(grep -c '^SKIP ' "$RESULTS" || true)
# shellcheck source=../configs/qemu-x86_64.boot
. "$TOP/configs/qemu-x86_64.boot"
{
	echo "# make check, $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo
	echo "- base: Debian linux-source-$series $(cat "$BUILD/base/$series.version" 2>/dev/null || echo '?')"
	echo "- configs: allnoconfig + configs/qemu-x86_64.config + configs/heaps-{m,y,n}.config"
	echo "- QEMU: $QEMU $QEMU_ARGS"
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
