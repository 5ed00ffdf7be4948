#!/bin/bash
# Unpack the guest's userspace from Debian's packages for its architecture
# (GUEST_DEBS of configs/qemu-$WB_ARCH.boot, from GUEST_SUITE) into DIR:
# fetched with the workbench's private apt configuration (the system's apt
# sources are never touched), cached under build/debs/DEB_ARCH/, unpacked
# with dpkg-deb -x (nothing is installed, no maintainer script runs).
# Skipped when DIR already holds the same packages; remove DIR to refresh.
#
# usage: scripts/guest-debs.sh DIR
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

root=${1:?usage: guest-debs.sh DIR}
load_arch
[ -n "$GUEST_DEBS" ] || die "the $WB_ARCH guest runs the host's own programs (no GUEST_DEBS in configs/qemu-$WB_ARCH.boot)"
need dpkg-deb dpkg
debs=$BUILD/debs/$DEB_ARCH
want="$GUEST_SUITE $DEB_ARCH: $GUEST_DEBS"
if [ -d "$root" ] && [ "$(cat "$root.debs" 2>/dev/null)" = "$want" ]; then
	echo "guest $WB_ARCH: $want (already unpacked)"
	exit 0
fi
mkdir -p "$debs"
# the newest cached .deb of package $1
cached() { find "$debs" -name "${1}_*_$DEB_ARCH.deb" | sort -V | tail -n 1; }

private_apt "$GUEST_SUITE" "$DEB_ARCH"
log=$LOGS/apt-$GUEST_SUITE-$DEB_ARCH.log
# shellcheck disable=SC2086 # GUEST_DEBS is a list of packages
if ! apt-get "${APT_OPTS[@]}" -q update >"$log" 2>&1 ||
	! (cd "$debs" && apt-get "${APT_OPTS[@]}" -q download $GUEST_DEBS) >>"$log" 2>&1; then
	echo "warning: apt could not fetch $want from $APT_URL (log: ${log#"$TOP"/}); trying the cache" >&2
fi

rm -rf "$root" "$root.debs"
mkdir -p "$root"
for p in $GUEST_DEBS; do
	deb=$(cached "$p")
	[ -n "$deb" ] || die "$p ($DEB_ARCH): not fetched from Debian '$GUEST_SUITE' and not in ${debs#"$TOP"/} (log: ${log#"$TOP"/})"
	dpkg-deb -x "$deb" "$root"
	echo "  $(basename "$deb")"
done
echo "$want" >"$root.debs"
echo "guest $WB_ARCH: $want unpacked in ${root#"$TOP"/}"
