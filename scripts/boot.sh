#!/bin/bash
# Boot a built kernel with its initramfs under QEMU (TCG) and watch the
# console: a timeout, a panic, an oops or a warning is a failure.
#
# usage: scripts/boot.sh OBJ HEAPS MODE [LOG]
#   HEAPS  m, y or n: how the heaps were built (the guest's expectation)
#   MODE   run, check, kselftest (the kselftests alone), stress, bench
#          (under -icount) or shell (interactive)
# Environment: BOOT_TIMEOUT (seconds, default 300), BOOT_APPEND (extra
# kernel parameters).
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

obj=${1:?usage: boot.sh OBJ HEAPS MODE [LOG]}
heaps=${2:?usage: boot.sh OBJ HEAPS MODE [LOG]}
mode=${3:?usage: boot.sh OBJ HEAPS MODE [LOG]}
log=${4:-$LOGS/boot-$(basename "$obj")-$mode.log}
timeout=${BOOT_TIMEOUT:-300}
# shellcheck source=../configs/qemu-x86_64.boot
. "$TOP/configs/qemu-x86_64.boot"
need "$QEMU" qemu-system-x86
[ -f /usr/share/qemu/qboot.rom ] || die "qboot.rom not found: install the Debian package 'qemu-system-data'"
for f in "$obj/arch/x86/boot/bzImage" "$obj/initramfs.cpio.gz"; do
	[ -f "$f" ] || die "$f missing: build the kernel and initramfs first"
done

accel=$ACCEL_ARGS
case $mode in bench | profile) accel=$BENCH_ACCEL_ARGS ;; esac
# shellcheck disable=SC2206 # QEMU_ARGS and accel are lists of words
qemu=("$QEMU" $QEMU_ARGS $accel -kernel "$obj/arch/x86/boot/bzImage"
	-initrd "$obj/initramfs.cpio.gz"
	-append "$CMDLINE wb.heaps=$heaps wb.mode=$mode ${BOOT_APPEND:-}")

if [ "$mode" = shell ]; then
	exec "${qemu[@]}" -serial mon:stdio
fi

echo "qemu: ${qemu[*]}" >"$log"
start=$(date +%s)
rc=0
timeout "$timeout" "${qemu[@]}" -serial stdio </dev/null >>"$log" 2>&1 || rc=$?
echo "boot took $(($(date +%s) - start))s" >>"$log"

fail=0
if [ "$rc" -eq 124 ]; then
	echo "boot: TIMEOUT: no power-off within ${timeout}s (log: ${log#"$TOP"/})" >&2
	tail -n 5 "$log" >&2
	fail=1
elif [ "$rc" -ne 0 ]; then
	echo "boot: qemu exited with status $rc (log: ${log#"$TOP"/})" >&2
	fail=1
fi
# Each kernel report starts with one of these lines. A bare "Call Trace:"
# is not one: the OOM killer prints a stack too, and the selftests call it
# on purpose (it is reported as a test result, not as a splat).
splat='Kernel panic|Oops|BUG:|WARNING:|general protection fault|KASAN|UBSAN|INFO: task .* blocked|unreferenced object'
if grep -q -E "$splat" "$log"; then
	echo "boot: kernel reported a problem (log: ${log#"$TOP"/}):" >&2
	grep -m 1 -A 8 -E "$splat" "$log" >&2
	fail=1
fi
if [ "$fail" -eq 0 ] && ! grep -q '^WB: done' "$log"; then
	echo "boot: the guest never reported 'WB: done' (log: ${log#"$TOP"/})" >&2
	fail=1
fi
exit "$fail"
