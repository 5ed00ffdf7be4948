#!/bin/bash
# Pack the guest's initramfs for a built kernel: busybox, kmod's modprobe
# (with the shared libraries and dynamic loader it needs), the
# modules_install tree, the guest programs and the dmabuf-heaps kselftests,
# all for the guest architecture WB_ARCH. Busybox and kmod are the host's
# own for x86_64, Debian's packages for the guest's architecture otherwise
# (scripts/guest-debs.sh); C programs are built static, cross where needed.
#
# usage: scripts/initramfs.sh SRC OBJ      writes OBJ/initramfs.cpio.gz
# Environment: WB_ARCH (default x86_64), WB_COMPAT32 (1: the 32-bit
# builds too, below), KSELFTEST_SRC (the tree whose dmabuf-heaps
# kselftests go in, default SRC: a mainline tree's, built against SRC's
# headers, runs mainline's tests on an older kernel as LKFT does)
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

src=$(cd "${1:?usage: initramfs.sh SRC OBJ}" && pwd)
obj=$(cd "${2:?usage: initramfs.sh SRC OBJ}" && pwd)
load_arch
need cpio cpio
need gzip gzip
need readelf binutils
need file file
need_all "$TOOL_NEEDS"
[ -f "$obj/release" ] || die "$obj has no built kernel: run scripts/build.sh first"
[ "$(cat "$obj/wb-arch" 2>/dev/null || echo x86_64)" = "$WB_ARCH" ] ||
	die "$obj holds a $(cat "$obj/wb-arch") kernel, not $WB_ARCH (set WB_ARCH)"

# where the guest's busybox and kmod come from
groot=/
if [ -n "$GUEST_DEBS" ]; then
	groot=$BUILD/guest/$WB_ARCH
	"$TOP/scripts/guest-debs.sh" "$groot"
fi
# find_bin NAME: NAME in the guest root's bin directories
find_bin() {
	local d
	for d in bin usr/bin sbin usr/sbin; do
		[ -x "$groot/$d/$1" ] && echo "$groot/$d/$1" && return
	done
	return 1
}
busybox=$(find_bin busybox) || die "busybox not found in $groot: install the Debian package 'busybox-static'"
grep -q 'statically linked' < <(file -L "$busybox") ||
	die "a static busybox is needed: install the Debian package 'busybox-static'"
kmod=$(find_bin kmod) || die "kmod not found in $groot: install the Debian package 'kmod'"

# in_root PATH: PATH inside the guest root, symbolic links followed there
# (an absolute link in an unpacked package points into the package)
in_root() {
	local p=$groot/${1#/} t n=0
	while [ -L "$p" ] && [ "$n" -lt 20 ]; do
		t=$(readlink "$p")
		case $t in
		/*) p=$groot/${t#/} ;;
		*) p=$(dirname "$p")/$t ;;
		esac
		n=$((n + 1))
	done
	[ -f "$p" ] && echo "$p"
}

root=$obj/initramfs
rm -rf "$root"
mkdir -p "$root"/{bin,sbin,lib,proc,sys,dev,tmp,kselftest}

# copy_elf FILE: FILE's dynamic loader and the shared libraries it needs,
# recursively, from the guest root into the initramfs
copy_elf() {
	local f=$1 interp lib from
	interp=$(readelf -l "$f" | sed -n 's/.*Requesting program interpreter: \(.*\)]$/\1/p')
	if [ -n "$interp" ] && [ ! -e "$root$interp" ]; then
		from=$(in_root "$interp") || die "$(basename "$f") needs the loader $interp: not in $groot"
		mkdir -p "$root$(dirname "$interp")"
		cp "$from" "$root$interp"
	fi
	for lib in $(readelf -d "$f" | sed -n 's/.*(NEEDED).*\[\(.*\)\]$/\1/p'); do
		[ -e "$root/lib/$MULTIARCH/$lib" ] && continue
		from=$(in_root "lib/$MULTIARCH/$lib") || from=$(in_root "usr/lib/$MULTIARCH/$lib") ||
			die "$(basename "$f") needs $lib: not in $groot/{,usr/}lib/$MULTIARCH (configs/qemu-$WB_ARCH.boot: GUEST_DEBS)"
		mkdir -p "$root/lib/$MULTIARCH"
		cp "$from" "$root/lib/$MULTIARCH/$lib"
		copy_elf "$from"
	done
}

# busybox for everything but module handling, which is kmod's job: the
# guest's init makes busybox's applet links in /bin (a foreign busybox
# cannot run here to list them) and leaves kmod's in /sbin
cp "$busybox" "$root/bin/busybox"
ln -s busybox "$root/bin/sh"
cp "$kmod" "$root/bin/kmod"
for tool in modprobe insmod rmmod lsmod depmod modinfo; do
	ln -s ../bin/kmod "$root/sbin/$tool"
done
copy_elf "$kmod"

# the kernel's modules, as `make modules_install` laid them out (depmod done)
cp -a "$obj/modroot/lib/modules" "$root/lib/"

# guest programs, against the tree's UAPI headers
hdr=$(uapi_headers "$src" "$KARCH" "$CROSS_COMPILE")
for prog in "$TOP"/guest/*.c; do
	"${CROSS_COMPILE}gcc" -static -O2 -Wall -Werror -pthread -isystem "$hdr/usr/include" \
		-o "$root/bin/$(basename "$prog" .c)" "$prog"
done
install -m 755 "$TOP/guest/init" "$root/init"

# the kselftests, built and installed by their own Makefile, against the
# same headers; another tree's in an object directory of their own, built
# afresh
ks_src=$src ks_out=$obj
if [ -n "${KSELFTEST_SRC:-}" ] && [ "$(cd "$KSELFTEST_SRC" && pwd)" != "$src" ]; then
	ks_src=$(cd "$KSELFTEST_SRC" && pwd)
	ks_out=$obj/kselftest-other
	rm -rf "$ks_out"
	mkdir -p "$ks_out"
	echo "kselftests: ${ks_src#"$TOP"/}'s, against ${src#"$TOP"/}'s headers"
fi
build_kselftests "$ks_src" "$ks_out" "$hdr" ARCH="$KARCH" CROSS_COMPILE="$CROSS_COMPILE" \
	INSTALL_PATH="$root/kselftest" install

# WB_COMPAT32=1 (the guest's compat32 mode): the same programs and
# kselftests built 32-bit as well, in /bin32 and /kselftest32, for a 64-bit
# kernel that runs 32-bit programs (IA32_EMULATION, arm64's COMPAT),
# against the 32-bit architecture's UAPI headers (COMPAT_CONFIG,
# COMPAT_KARCH, COMPAT_CC of the .boot)
if [ -n "${WB_COMPAT32:-}" ]; then
	[ -n "$COMPAT_CC" ] || die "WB_COMPAT32: the $WB_ARCH guest has no 32-bit compiler (COMPAT_CC in its .boot file)"
	grep -q "^$COMPAT_CONFIG=y" "$obj/.config" ||
		die "WB_COMPAT32: the kernel in ${obj#"$TOP"/} cannot run 32-bit programs (no $COMPAT_CONFIG)"
	need_all "$COMPAT_NEEDS"
	hdr32=$(uapi_headers "$src" "$COMPAT_KARCH")
	mkdir -p "$root/bin32" "$root/kselftest32"
	for prog in "$TOP"/guest/*.c; do
		# shellcheck disable=SC2086 # COMPAT_CC is a command and its options
		$COMPAT_CC -static -O2 -Wall -Werror -pthread -isystem "$hdr32/usr/include" \
			-o "$root/bin32/$(basename "$prog" .c)" "$prog"
	done
	build_kselftests "$ks_src" "$ks_out/compat32" "$hdr32" ARCH="$COMPAT_KARCH" CC="$COMPAT_CC" \
		INSTALL_PATH="$root/kselftest32" install
fi

pack_initramfs "$root" "$obj/initramfs.cpio.gz"
echo "initramfs: ${obj#"$TOP"/}/initramfs.cpio.gz ($(du -k "$obj/initramfs.cpio.gz" | cut -f1) KiB, $WB_ARCH)"
