#!/bin/bash
# make debian: the heaps on a real Debian boot. Builds the series' kernel
# with the heaps =m and what systemd needs (configs/debian-systemd.config
# and the machine's configs/debian-$WB_ARCH.config), with the tests'
# fragments, in the series' one object directory: on x86_64 that is make
# check's =m kernel (configs/qemu-x86_64.boot's GUEST_CONFIGS), which
# after make check only relinks what its =n build changed; a Debian trixie image
# with systemd, udev and libcamera (scripts/debian-image.sh), and boots it
# three times (scripts/debian-boot.sh): both heaps loaded by
# systemd-modules-load, the CMA heap deny-listed, both deny-listed. Ends
# with the counts line.
#
# usage: scripts/debian.sh [SERIES]     (default 6.12)
# Environment: WB_ARCH (default x86_64; arm64 builds its root file system
# through debootstrap with the second stage in the guest, the first run
# takes about an hour longer)
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

series=${1:-6.12}
obj=$(objdir "$series-debian")
img=$obj/debian.img
export RESULTS=$LOGS/debian-results
[ "$WB_ARCH" = x86_64 ] || RESULTS=$LOGS/debian-results-$WB_ARCH
start_job "make debian SERIES=$series WB_ARCH=$WB_ARCH"

stage deps "$TOP/scripts/deps.sh"
"$TOP/scripts/prepare.sh" "$series"
what="$series $WB_ARCH kernel (heaps =m, the tests' fragments, debian-systemd, debian-$WB_ARCH)"
if stage "build-$series-$WB_ARCH-debian" "$TOP/scripts/build.sh" --into "$obj" \
	"$BUILD/work/$series" "$(objdir "$series")" heaps-m debian-systemd "debian-$WB_ARCH"; then
	result PASS "debian: $what builds"
else
	result FAIL "debian: $what builds"
	exit 1
fi
if "$TOP/scripts/debian-image.sh" "$obj" "$img"; then
	result PASS "debian: trixie $WB_ARCH image builds"
else
	result FAIL "debian: trixie $WB_ARCH image builds"
	exit 1
fi

# result names: the x86_64 ones as before, others carry the architecture
tag=debian
[ "$WB_ARCH" = x86_64 ] || tag="debian $WB_ARCH"
logname() { echo "$LOGS/boot-debian-$series-$WB_ARCH-$1.log"; }
for c in all nocma noheap; do
	log=$(logname "$c")
	if stage "boot-debian-$WB_ARCH-$c" "$TOP/scripts/debian-boot.sh" "$obj" "$img" "$c" "$log"; then
		result PASS "$tag $c: boots, ends on its own, no kernel report"
	else
		result FAIL "$tag $c: boots, ends on its own, no kernel report"
	fi
	"$TOP/scripts/guest-results.sh" "$log" "$tag $c"
done

echo
echo "Linux $(cat "$obj/release") ($WB_ARCH), Debian trixie image ${img#"$TOP"/}: $(du -m --apparent-size "$img" | cut -f1) MiB" \
	"($(du -m "$img" | cut -f1) MiB used on the host)"
for c in all nocma noheap; do
	log=$(logname "$c")
	echo "boot $c: $(grep -h -o 'boot took [0-9]*s' "$log" 2>/dev/null || echo 'no boot')," \
		"$(tr -d '\r' <"$log" 2>/dev/null | grep -o 'wb-test started at uptime [0-9.]*s' || echo 'wb-test never started')"
done
grep -E '^(build-|debian-|boot-debian)' "$LOGS/times" | sed 's/^/stage time: /'
grep -v '^PASS' "$RESULTS" || true
pass=$(grep -c '^PASS' "$RESULTS" || true)
fail=$(grep -c '^FAIL' "$RESULTS" || true)
skip=$(grep -c '^SKIP' "$RESULTS" || true)
echo "$pass passed, $fail failed, $skip skipped in $(($(date +%s) - started))s (results: ${RESULTS#"$TOP"/})"
[ "$fail" -eq 0 ]
