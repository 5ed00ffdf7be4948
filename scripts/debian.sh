#!/bin/bash
# make debian: the heaps on a real Debian boot. Builds the series' kernel
# with the heaps =m and what systemd needs (configs/debian-systemd.config),
# a Debian trixie image with systemd, udev and libcamera
# (scripts/debian-image.sh), and boots it three times
# (scripts/debian-boot.sh): both heaps loaded by systemd-modules-load, the
# CMA heap deny-listed, both deny-listed. Ends with the counts line.
#
# usage: scripts/debian.sh [SERIES]     (default 6.12; x86_64 only)
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

series=${1:-6.12}
[ "$WB_ARCH" = x86_64 ] || die "make debian boots an x86_64 Debian image only (WB_ARCH=$WB_ARCH)"
obj=$BUILD/obj/$series-debian
img=$obj/debian.img
export RESULTS=$LOGS/debian-results
start_job "make debian SERIES=$series"

stage deps "$TOP/scripts/deps.sh"
"$TOP/scripts/prepare.sh" "$series"
if stage "build-$series-debian" "$TOP/scripts/build.sh" --into "$obj" \
	"$BUILD/work/$series" "$BUILD/obj/$series-debian-build" heaps-m debian-systemd; then
	result PASS "debian: $series kernel (heaps =m, debian-systemd) builds"
else
	result FAIL "debian: $series kernel (heaps =m, debian-systemd) builds"
	exit 1
fi
if "$TOP/scripts/debian-image.sh" "$obj" "$img"; then
	result PASS "debian: trixie image builds"
else
	result FAIL "debian: trixie image builds"
	exit 1
fi

for c in all nocma noheap; do
	log=$LOGS/boot-debian-$series-$c.log
	if stage "boot-debian-$c" "$TOP/scripts/debian-boot.sh" "$obj" "$img" "$c" "$log"; then
		result PASS "debian $c: boots, ends on its own, no kernel report"
	else
		result FAIL "debian $c: boots, ends on its own, no kernel report"
	fi
	"$TOP/scripts/guest-results.sh" "$log" "debian $c"
done

echo
echo "Linux $(cat "$obj/release"), Debian trixie image ${img#"$TOP"/}: $(du -m --apparent-size "$img" | cut -f1) MiB" \
	"($(du -m "$img" | cut -f1) MiB used on the host)"
for c in all nocma noheap; do
	log=$LOGS/boot-debian-$series-$c.log
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
