#!/bin/bash
# Boot a built kernel with its initramfs under QEMU (TCG) and watch the
# console: a timeout, a panic, an oops or a warning is a failure. The
# machine is that of configs/qemu-$WB_ARCH.boot; the CMA area of 64 MiB
# comes from cma= on the command line, or (where CMA_MODES offers "dt")
# from a /reserved-memory node in QEMU's own device tree (scripts/dtb.sh).
# The guest is told the CMA heap's node name to expect: "reserved" for
# cma=, "linux,cma" for the device tree node.
#
# usage: scripts/boot.sh OBJ HEAPS MODE [LOG]
#   HEAPS  m, y or n: how the heaps were built (the guest's expectation)
#   MODE   run, check, kselftest (the kselftests alone), stress, bench
#          (under -icount) or shell (interactive)
# Environment: WB_ARCH (default x86_64), WB_CMA (dt, cmdline or config; default
# the first of the architecture's CMA_MODES), BOOT_DTB (boot this device tree
# instead of generating one; dt mode), BOOT_TIMEOUT (seconds, default 300),
# BOOT_APPEND (extra kernel parameters).
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

obj=${1:?usage: boot.sh OBJ HEAPS MODE [LOG]}
heaps=${2:?usage: boot.sh OBJ HEAPS MODE [LOG]}
mode=${3:?usage: boot.sh OBJ HEAPS MODE [LOG]}
log=${4:-$LOGS/boot-$(basename "$obj")-$mode.log}
timeout=${BOOT_TIMEOUT:-300}
cma_mib=64
load_arch
need_all "$BOOT_NEEDS"
[ "$(cat "$obj/wb-arch" 2>/dev/null || echo x86_64)" = "$WB_ARCH" ] ||
	die "$obj holds a $(cat "$obj/wb-arch") kernel, not $WB_ARCH (set WB_ARCH)"
for f in "$obj/$IMAGE" "$obj/initramfs.cpio.gz"; do
	[ -f "$f" ] || die "$f missing: build the kernel and initramfs first"
done

accel=$ACCEL_ARGS
case $mode in bench | profile) accel=$BENCH_ACCEL_ARGS ;; esac
# shellcheck disable=SC2206 # QEMU_ARGS and accel are lists of words
machine=("$QEMU" $QEMU_ARGS $accel)

cma_area "$obj" "$cma_mib" "${machine[@]}"
dtb=$cma_dtb
[ -z "$dtb" ] || machine+=(-dtb "$dtb")
# kunit.autorun=1: a 7.x kernel from allnoconfig has KUnit's built-in
# tests (configs/kunit) wait for debugfs; older ones ignore the option
qemu=("${machine[@]}" -kernel "$obj/$IMAGE" -initrd "$obj/initramfs.cpio.gz"
	-append "$CMDLINE $cma_append kunit.autorun=1 wb.heaps=$heaps wb.mode=$mode ${BOOT_APPEND:-}")

if [ "$mode" = shell ]; then
	exec "${qemu[@]}" -serial mon:stdio
fi

rc=$(guest_console "$log" "$timeout" "${qemu[@]}")
if [ "$rc" -eq 124 ]; then
	echo "boot: TIMEOUT: no power-off within ${timeout}s (log: ${log#"$TOP"/})" >&2
	tail -n 5 "$log" >&2
	guest_faults "$log" || true
	exit 1
elif [ "$rc" -ne 0 ]; then
	# QEMU's own complaint, if it refused to start
	why=$(grep -v -E -m 3 '^(qemu: |boot took )' "$log" | tr -d '\r' |
		awk 'NR > 1 { printf "; " } { printf "%s", $0 }' || true)
	if [ -n "$dtb" ] && grep -q -i -E 'dtb|fdt|device tree' <<<"$why"; then
		echo "boot: QEMU rejected the device tree ${dtb#"$TOP"/}: $why" >&2
	else
		echo "boot: qemu exited with status $rc (log: ${log#"$TOP"/})${why:+: $why}" >&2
	fi
	guest_faults "$log" || true
	exit 1
fi
guest_faults "$log"
