#!/bin/bash
# A Debian root file system for a guest architecture the host cannot run
# (arm64 on an x86_64 host), without qemu-user and binfmt_misc: debootstrap's
# first stage unpacks the packages on the host, its second stage runs in
# the guest itself, booted under QEMU with the kernel the image is for
# (guest/debian-second-stage as PID 1: packages configured, test users
# added, the result packed into /rootfs.tar). The tarball is read back out
# of the stage image with debugfs; it holds what scripts/debian-image.sh's
# mmdebstrap run gives for the host's architecture.
#
# usage: scripts/debian-rootfs-foreign.sh OBJ SUITE OUT
#   OBJ    a WB_ARCH kernel built with configs/debian-systemd.config
#   OUT    the tarball to write
# Environment: WB_ARCH, STAGE2_TIMEOUT (seconds, default 5400: every
# package's maintainer scripts run under TCG)
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

obj=${1:?usage: debian-rootfs-foreign.sh OBJ SUITE OUT}
suite=${2:?usage: debian-rootfs-foreign.sh OBJ SUITE OUT}
out=${3:?usage: debian-rootfs-foreign.sh OBJ SUITE OUT}
timeout=${STAGE2_TIMEOUT:-5400}
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
load_arch
need debootstrap debootstrap
need mke2fs e2fsprogs
need debugfs e2fsprogs
need_all "$DEBIAN_BOOT_NEEDS"
[ -r "$keyring" ] || die "$keyring not found: install the Debian package 'debian-archive-keyring'"
[ -f "$obj/$IMAGE" ] || die "$obj/$IMAGE missing: build the kernel first"
work=$BUILD/debian/stage-$DEB_ARCH
root=$work/root
console=$LOGS/debian-$DEB_ARCH-second-stage-console.log

first_stage() {
	local mirror packages
	mirror=$("$TOP/scripts/mirror.sh")
	packages=$(sed 's/#.*//' "$TOP/configs/debian-packages" | xargs | tr ' ' ,)
	echo "mirror: $mirror; architecture: $DEB_ARCH; packages: $packages"
	debootstrap --foreign --arch="$DEB_ARCH" --variant=minbase --keyring="$keyring" \
		--include="$packages" "$suite" "$root" "$mirror"
}

# trim: the dpkg configuration goes into the image, and what it keeps out
# is deleted from the first stage's unpacked files (the second stage's
# dpkg then leaves it out as it installs each package again). For the
# second stage only, dpkg skips its fsync calls (as mmdebstrap's own
# installs do): a guest that dies mid-way is rebuilt anyway.
trim() {
	local cfg=$TOP/configs/debian-dpkg.cfg expr=() keep=() p
	install -m 644 "$cfg" "$root/etc/dpkg/dpkg.cfg.d/workbench"
	echo force-unsafe-io >"$root/etc/dpkg/dpkg.cfg.d/wb-unsafe-io"
	while IFS= read -r p; do
		case $p in
		path-exclude=*) expr+=(${expr[0]+-o} -path "$root${p#path-exclude=}") ;;
		path-include=*) keep+=(! -path "$root${p#path-include=}") ;;
		esac
	done <"$cfg"
	find "$root" ! -type d \( "${expr[@]}" \) "${keep[@]}" -delete
}

image() {
	local mib
	cp "$TOP/guest/debian-second-stage" "$root/wb-second-stage"
	# the unpacked files, the packed copy of the installed ones and room to spare
	mib=$(du -sm "$root" | cut -f1)
	mib=$((mib * 3 + 256))
	truncate -s "${mib}M" "$work/stage.img"
	mke2fs -q -t ext4 -d "$root" "$work/stage.img"
	echo "stage image: $mib MiB"
}

second_stage() {
	local rc
	# shellcheck disable=SC2206 # DEBIAN_QEMU_ARGS and ACCEL_ARGS are lists of words
	local qemu=("$QEMU" $DEBIAN_QEMU_ARGS $ACCEL_ARGS -kernel "$obj/$IMAGE"
		-drive "file=$work/stage.img,if=none,id=disk,format=raw,cache=unsafe" -device "$DEBIAN_DISK,drive=disk"
		-append "$CMDLINE root=/dev/vda rw init=/wb-second-stage")
	rc=$(guest_console "$console" "$timeout" "${qemu[@]}")
	tr -d '\r' <"$console" | grep '^WB-STAGE2: ' || true
	if [ "$rc" -eq 124 ]; then
		echo "second stage: TIMEOUT after ${timeout}s (log: ${console#"$TOP"/}); last lines:" >&2
		tail -n 5 "$console" >&2
		return 1
	fi
	if ! grep -q '^WB-STAGE2: done' < <(tr -d '\r' <"$console"); then
		echo "second stage: failed, QEMU status $rc (log: ${console#"$TOP"/}); last lines:" >&2
		tail -n 15 "$console" >&2
		return 1
	fi
	debugfs -R "dump /rootfs.tar $out" "$work/stage.img"
	tar -tf "$out" ./etc/passwd >/dev/null || die "$out: no ./etc/passwd in the packed root file system"
}

rm -rf "$work"
mkdir -p "$work"
stage "debian-$DEB_ARCH-first-stage" first_stage
trim
stage "debian-$DEB_ARCH-stage-image" image
stage "debian-$DEB_ARCH-second-stage" second_stage
rm -rf "$work"
echo "root file system packed: $(du -m --apparent-size "$out" | cut -f1) MiB"
