#!/bin/bash
# The main job: build the patched kernel with the heaps as modules, boot it
# in QEMU, load the heaps with modprobe and allocate from each.
#
# usage: scripts/run.sh [--shell] [SERIES]
#   --shell  an interactive guest shell instead of the scripted run
# Environment: WB_ARCH (x86_64 or arm64, default x86_64)
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

mode=run
if [ "${1:-}" = --shell ]; then
	mode=shell
	shift
fi
series=${1:-6.12}
work=$BUILD/work/$series
obj=$(objdir "$series-m")
export RESULTS=$LOGS/run-results
start_job "make $mode SERIES=$series"

stage deps "$TOP/scripts/deps.sh"
"$TOP/scripts/prepare.sh" "$series"
# the kselftests: a backport's are those of the mainline series' tree
use_tests "$series"
stage "build-$series-m-$WB_ARCH" "$TOP/scripts/build.sh" --into "$obj" "$work" "$(objdir "$series")" heaps-m
stage "initramfs-$series-m-$WB_ARCH" "$TOP/scripts/initramfs.sh" "$work" "$obj"
if [ "$mode" = shell ]; then
	exec "$TOP/scripts/boot.sh" "$obj" m shell
fi
log=$LOGS/boot-$series-m-$WB_ARCH-run.log
rc=0
stage "boot-$series-m-$WB_ARCH" "$TOP/scripts/boot.sh" "$obj" m run "$log" || rc=$?
echo
echo "Linux $(cat "$obj/release") $WB_ARCH, Debian linux-source-$series $(cat "$BUILD/base/$series.version"), heaps =m"
# the guest's own output, without the kernel's messages
tr -d '\r' <"$log" | sed -n '/^== kernel/,/^WB: done/p' | grep -v -E '^\[ *[0-9]+\.[0-9]+\]'
fails=$(tr -d '\r' <"$log" | grep -c '^WB: not ok' || true)
oks=$(tr -d '\r' <"$log" | grep -c '^WB: ok' || true)
echo
echo "summary: $oks checks passed, $fails failed in $(($(date +%s) - started))s (full log: ${log#"$TOP"/})"
[ "$rc" -eq 0 ] && [ "$fails" -eq 0 ] && [ "$oks" -gt 0 ]
