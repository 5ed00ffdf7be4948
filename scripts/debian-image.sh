#!/bin/bash
# A Debian trixie root file system for a built kernel, as an ext4 image:
# systemd, udev, kmod and libcamera (configs/debian-packages), trimmed by
# configs/debian-dpkg.cfg, with the files of guest/debian/ on top and the
# kernel's modules_install tree in /usr/lib/modules. The architecture is
# the guest's (WB_ARCH): the host's own is built by mmdebstrap, another
# by scripts/debian-rootfs-foreign.sh (debootstrap, second stage in the
# guest).
#
# Two caches, each rebuilt only when its inputs change:
#   build/debian/rootfs-ARCH.tar  the packages and the two test users;
#                             its inputs are the package list, the dpkg
#                             configuration and the scripts that build it
#                             (build/debian/rootfs-ARCH.hash)
#   IMAGE                     the tarball unpacked, guest/debian/ and the
#                             kernel's modules copied in, packed with
#                             mke2fs -d; its inputs are the tarball,
#                             guest/debian/ and the modules (IMAGE.hash).
#                             Changing a test file costs a repack (seconds),
#                             not a new mmdebstrap run (minutes).
#
# usage: scripts/debian-image.sh OBJ [IMAGE]
#   OBJ    a kernel built by scripts/build.sh (OBJ/release, OBJ/modroot)
#   IMAGE  default OBJ/debian.img
# Needs root: mmdebstrap's root mode, and file owners kept when unpacking.
# Environment: WB_ARCH (default x86_64)
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

obj=${1:?usage: debian-image.sh OBJ [IMAGE]}
img=${2:-$obj/debian.img}
suite=trixie
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
load_arch
foreign=false
[ "$DEB_ARCH" = "$(dpkg --print-architecture)" ] || foreign=true
$foreign || need mmdebstrap mmdebstrap
need mke2fs e2fsprogs
need sha256sum coreutils
[ -r "$keyring" ] || die "$keyring not found: install the Debian package 'debian-archive-keyring'"
[ "$(id -u)" -eq 0 ] || die "debian-image.sh needs root (mmdebstrap's root mode, file owners in the image)"
dir=$BUILD/debian
mkdir -p "$dir"

# hash_tree DIR: one hash over the names, modes and contents of DIR's files
# and the targets of its symlinks
hash_tree() {
	(cd "$1" && find . \( -type f -o -type l \) -printf '%p %m %l\n' | LC_ALL=C sort &&
		find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum) | sha256sum | cut -d' ' -f1
}

tar=$dir/rootfs-$DEB_ARCH.tar
inputs=("$TOP/configs/debian-packages" "$TOP/configs/debian-dpkg.cfg" "${BASH_SOURCE[0]}")
$foreign && inputs+=("$TOP/scripts/debian-rootfs-foreign.sh" "$TOP/guest/debian-second-stage")
rootfs_hash=$(cat "${inputs[@]}" - <<<"$suite $DEB_ARCH" | sha256sum | cut -d' ' -f1)

build_rootfs() {
	local mirror packages
	if $foreign; then
		"$TOP/scripts/debian-rootfs-foreign.sh" "$obj" "$suite" "$tar.new"
		mv "$tar.new" "$tar"
		echo "$rootfs_hash" >"$dir/rootfs-$DEB_ARCH.hash"
		return
	fi
	mirror=$("$TOP/scripts/mirror.sh")
	packages=$(sed 's/#.*//' "$TOP/configs/debian-packages" | xargs | tr ' ' ,)
	echo "mirror: $mirror; packages: $packages"
	# shellcheck disable=SC2016 # "$1": mmdebstrap gives each hook the chroot's path
	mmdebstrap --mode=root --variant=essential --format=tar \
		--include="$packages" \
		--dpkgopt="$TOP/configs/debian-dpkg.cfg" \
		--customize-hook='chroot "$1" useradd --create-home --groups video camuser' \
		--customize-hook='chroot "$1" useradd --create-home nocam' \
		--customize-hook='chroot "$1" passwd --delete root' \
		"$suite" "$tar.new" \
		"deb [signed-by=$keyring] $mirror $suite main"
	mv "$tar.new" "$tar"
	echo "$rootfs_hash" >"$dir/rootfs-$DEB_ARCH.hash"
}

if [ -f "$tar" ] && [ "$(cat "$dir/rootfs-$DEB_ARCH.hash" 2>/dev/null)" = "$rootfs_hash" ]; then
	echo "debian-rootfs: cached (${tar#"$TOP"/}, inputs unchanged)"
elif $foreign; then
	# its own stage lines: first stage, stage image, second stage
	build_rootfs
else
	stage debian-rootfs build_rootfs
fi

release=$(cat "$obj/release" 2>/dev/null) || die "$obj/release missing: build the kernel first (scripts/build.sh)"
modules=$obj/modroot/lib/modules/$release
[ -d "$modules" ] || die "$modules missing: the kernel was built without modules_install"
image_hash=$( (echo "$rootfs_hash $release"
	hash_tree "$TOP/guest/debian"
	hash_tree "$modules") | sha256sum | cut -d' ' -f1)

build_image() {
	local root=$dir/root mib
	rm -rf "$root"
	mkdir -p "$root"
	tar --numeric-owner -xpf "$tar" -C "$root"
	# the workbench's files, owned by root (directories such as /lib that
	# are symlinks in the image stay symlinks)
	tar -C "$TOP/guest/debian" --owner=0 --group=0 -cf - . |
		tar -C "$root" --keep-directory-symlink -xpf -
	# modules_install's tree, as the distribution's kernel package puts it
	mkdir -p "$root/usr/lib/modules"
	cp -a "$modules" "$root/usr/lib/modules/"
	rm -f "$root/usr/lib/modules/$release/build" "$root/usr/lib/modules/$release/source"
	chown -R 0:0 "$root/usr/lib/modules/$release"
	# a fixed machine id: no first-boot setup on every boot of the image
	cut -c1-32 <<<"$image_hash" >"$root/etc/machine-id"
	# room for the journal and the test's logs: the files plus a quarter, + 64 MiB
	mib=$(du -sm "$root" | cut -f1)
	mib=$((mib + mib / 4 + 64))
	rm -f "$img.new"
	truncate -s "${mib}M" "$img.new"
	mke2fs -q -t ext4 -L wb-debian -d "$root" "$img.new"
	rm -rf "$root"
	mv "$img.new" "$img"
	echo "$image_hash" >"$img.hash"
	echo "image: ${img#"$TOP"/}, $mib MiB, Linux $release"
}

if [ -f "$img" ] && [ "$(cat "$img.hash" 2>/dev/null)" = "$image_hash" ]; then
	echo "debian-image: cached (${img#"$TOP"/}, inputs unchanged)"
else
	stage debian-image build_image
fi
