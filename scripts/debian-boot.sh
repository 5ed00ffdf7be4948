#!/bin/bash
# Boot a built kernel on the Debian image (scripts/debian-image.sh) under
# QEMU (TCG): systemd starts, wb-test.service prints "WB:" lines on the
# serial console and reboots, which ends QEMU (-no-reboot). The image is
# opened with snapshot=on: every boot starts from the same image and
# writes nothing back.
#
# usage: scripts/debian-boot.sh OBJ IMAGE CASE [LOG]
#   CASE  all     both heaps listed in modules-load.d, loaded at boot
#         nocma   cma_heap deny-listed (modprobe.blacklist=): only the system heap
#         noheap  both deny-listed: no heap at all
# Environment: BOOT_TIMEOUT (seconds, default 900), BOOT_APPEND (extra
# kernel parameters).
# A boot that does not end in time fails, naming what it waited for:
# systemd's "A start job is running for ..." unit, else the last unit that
# started and never finished, else the last line of the console.
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

obj=${1:?usage: debian-boot.sh OBJ IMAGE CASE [LOG]}
img=${2:?usage: debian-boot.sh OBJ IMAGE CASE [LOG]}
case_=${3:?usage: debian-boot.sh OBJ IMAGE CASE [LOG]}
log=${4:-$LOGS/boot-debian-$case_.log}
timeout=${BOOT_TIMEOUT:-900}
load_arch
need_all "$DEBIAN_BOOT_NEEDS"
for f in "$obj/$IMAGE" "$img"; do
	[ -f "$f" ] || die "$f missing: build the kernel and the image first"
done
case $case_ in
all) deny= ;;
nocma) deny="modprobe.blacklist=cma_heap" ;;
noheap) deny="modprobe.blacklist=system_heap,cma_heap" ;;
*) die "unknown case '$case_' (all, nocma, noheap)" ;;
esac

# the CMA area as the busybox guest gets it (cma= or a device tree node)
# shellcheck disable=SC2206 # DEBIAN_QEMU_ARGS and ACCEL_ARGS are lists of words
machine=("$QEMU" $DEBIAN_QEMU_ARGS $ACCEL_ARGS)
cma_area "$obj" 64 "${machine[@]}"
[ -z "$cma_dtb" ] || machine+=(-dtb "$cma_dtb")
# systemd's start timeout raised from 90 s: under TCG on a shared host a
# slow unit is not a hung one; the boot's own timeout still applies
qemu=("${machine[@]}" -kernel "$obj/$IMAGE"
	-drive "file=$img,if=none,id=disk,format=raw,snapshot=on" -device "$DEBIAN_DISK,drive=disk"
	-append "$CMDLINE root=/dev/vda rw $cma_append systemd.firstboot=off systemd.default_timeout_start_sec=600 wb.case=$case_ $deny ${BOOT_APPEND:-}")
rc=$(guest_console "$log" "$timeout" "${qemu[@]}")
# the console's terminal control sequences (systemd's status colours, its
# terminal resets) go: what is left is text, "WB:" lines start a line
sed -i -e 's/\x1b\[[0-9;?!]*[A-Za-z]//g' -e 's/\x1b\][0-9;]*\(\x07\|\x1b\\\)\?//g' "$log"

# hung_on: what the guest was waiting for when the time ran out
hung_on() {
	local text unit
	text=$(tr -d '\r' <"$log")
	unit=$(grep -o 'A start job is running for .*' <<<"$text" | tail -n 1 | sed 's/ (.*//')
	if [ -n "$unit" ]; then
		echo "systemd: $unit"
		return
	fi
	# the last "Starting X..." without a "Started X" or "Finished X"
	unit=$(awk '/Starting .*\.\.\./ { sub(/.*Starting /, ""); sub(/\.\.\.$/, ""); s[$0] = NR }
		/(Started|Finished) / { sub(/.*(Started|Finished) /, ""); sub(/\.$/, ""); delete s[$0] }
		END { for (u in s) if (s[u] > n) { n = s[u]; last = u }; print last }' <<<"$text")
	if [ -n "$unit" ]; then
		echo "systemd unit '$unit' started and never finished"
	elif grep -q '^WB: ' <<<"$text"; then
		echo "wb-test.service, after: $(grep '^WB: ' <<<"$text" | tail -n 1)"
	else
		echo "no systemd output; last console line: $(grep -v '^ *$' <<<"$text" | tail -n 1)"
	fi
}

if [ "$rc" -eq 124 ]; then
	echo "boot: TIMEOUT after ${timeout}s, waiting for $(hung_on) (log: ${log#"$TOP"/})" >&2
	guest_faults "$log" || true
	exit 1
elif [ "$rc" -ne 0 ]; then
	echo "boot: qemu exited with status $rc (log: ${log#"$TOP"/}): $(grep -v '^qemu: ' "$log" | head -n 2 | tr '\n' ' ')" >&2
	guest_faults "$log" || true
	exit 1
fi
guest_faults "$log"
