#!/bin/bash
# Robustness: build the 6.12 kernel with the heaps =m and the debug options
# of configs/debug.config (KASAN, UBSAN, lockdep, kmemleak, fault
# injection), boot it, run the dmabuf-heaps selftests and guest/heap-stress,
# and fail on any splat or leak. A second, short boot loads a module that
# warns and leaks on purpose: that one must fail, or the checks prove
# nothing. Ends with "N passed, N failed, N skipped".
#
# usage: scripts/stress.sh [SECONDS]     (heap-stress run time, default 30)
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

seconds=${1:-30}
series=6.12
work=$BUILD/work/$series
obj=$BUILD/obj/$series-debug
export RESULTS=$LOGS/stress-results
start_job "make stress"

stage deps "$TOP/scripts/deps.sh"
"$TOP/scripts/prepare.sh" "$series"
# the kselftests: a backport's are those of the mainline series' tree
use_tests "$series"
stage "build-$series-debug" "$TOP/scripts/build.sh" "$work" "$obj" heaps-m debug
# the deliberate splat, as an external module installed next to the heaps
splat() {
	rm -rf "$obj/splat"
	cp -r "$TOP/tests/splat" "$obj/splat"
	make -C "$work" O="$obj" M="$obj/splat" modules &&
		make -C "$work" O="$obj" M="$obj/splat" INSTALL_MOD_PATH="$obj/modroot" modules_install
}
stage "build-splat-module" splat
stage "initramfs-$series-debug" "$TOP/scripts/initramfs.sh" "$work" "$obj"

log=$LOGS/stress-$series-debug.log
if BOOT_TIMEOUT=1500 BOOT_APPEND="wb.stress=-t,$seconds" \
	stage "stress-$series-debug" "$TOP/scripts/boot.sh" "$obj" m stress "$log"; then
	result PASS "debug kernel: no BUG, WARNING, KASAN, UBSAN, lockdep or hung-task report"
else
	result FAIL "debug kernel: no BUG, WARNING, KASAN, UBSAN, lockdep or hung-task report"
fi
"$TOP/scripts/guest-results.sh" "$log" "$series debug"

selftest=$LOGS/stress-$series-splat.log
echo "stress self-test: a module that warns and leaks (this boot must fail)"
rc=0
BOOT_TIMEOUT=900 BOOT_APPEND="wb.stress=-t,2 wb.splat=1" \
	"$TOP/scripts/boot.sh" "$obj" m stress "$selftest" >"$LOGS/stress-splat-verdict.log" 2>&1 || rc=$?
# It must fail because of the warning: the module's own text in the console,
# and boot.sh's verdict naming a kernel report. A timeout or a crash before
# the module loaded does not count.
if [ "$rc" -ne 0 ] && grep -q 'WARNING:.*workbench_splat' "$selftest" &&
	grep -q 'workbench_splat: a deliberate warning' "$selftest" &&
	grep -q 'kernel reported a problem' "$LOGS/stress-splat-verdict.log" &&
	! grep -q 'TIMEOUT' "$LOGS/stress-splat-verdict.log"; then
	result PASS "the dmesg check catches a deliberate WARN (workbench_splat)"
else
	result FAIL "the dmesg check catches a deliberate WARN (workbench_splat)" \
		"exit $rc; verdict: $(head -n 1 "$LOGS/stress-splat-verdict.log")"
fi
if grep -q '^WB: not ok kmemleak: no leak' "$selftest" &&
	grep -q 'workbench_splat' < <(grep -A 12 '^unreferenced object' "$selftest"); then
	result PASS "the kmemleak check catches a deliberate leak (workbench_splat_leak)"
else
	result FAIL "the kmemleak check catches a deliberate leak (workbench_splat_leak)"
fi
echo
echo "figures (Linux $(cat "$obj/release"), Debian linux-source-$series $(base_version "$series"), heaps =m + configs/debug.config, heap-stress -t $seconds):"
tr -d '\r' <"$log" | grep -E '^STRESS ' | sed 's/^STRESS /  /'
echo "  splats in dmesg: $(tr -d '\r' <"$log" | grep -c -E 'BUG:|WARNING:|KASAN|UBSAN|INFO: task .* blocked' || true)"
finish_job "stress"
