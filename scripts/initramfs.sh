#!/bin/bash
# Pack the guest's initramfs for a built kernel: busybox, kmod's modprobe
# (with the shared libraries it needs), the modules_install tree, the
# guest programs and the dmabuf-heaps kselftests.
#
# usage: scripts/initramfs.sh SRC OBJ      writes OBJ/initramfs.cpio.gz
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

src=$(cd "${1:?usage: initramfs.sh SRC OBJ}" && pwd)
obj=$(cd "${2:?usage: initramfs.sh SRC OBJ}" && pwd)
need cpio cpio
need kmod kmod
need gzip gzip
file -L /bin/busybox 2>/dev/null | grep -q 'statically linked' ||
	die "a static busybox is needed: install the Debian package 'busybox-static'"
[ -f "$obj/release" ] || die "$obj has no built kernel: run scripts/build.sh first"

root=$obj/initramfs
rm -rf "$root"
mkdir -p "$root"/{bin,sbin,lib,lib64,proc,sys,dev,tmp,kselftest}

# busybox for everything but module handling, which is kmod's job
cp /bin/busybox "$root/bin/"
for applet in $(/bin/busybox --list); do
	case $applet in
	modprobe | insmod | rmmod | lsmod | depmod | modinfo | busybox) ;;
	*) ln -s busybox "$root/bin/$applet" ;;
	esac
done
cp /usr/bin/kmod "$root/bin/"
for tool in modprobe insmod rmmod lsmod depmod modinfo; do
	ln -s ../bin/kmod "$root/sbin/$tool"
done
for lib in $(ldd /usr/bin/kmod | grep -o '/[^ ]*'); do
	mkdir -p "$root$(dirname "$lib")"
	cp -L "$lib" "$root$lib"
done

# the kernel's modules, as `make modules_install` laid them out (depmod done)
cp -a "$obj/modroot/lib/modules" "$root/lib/"

# guest programs, against this kernel's UAPI headers
make -s -C "$src" O="$obj" headers
for prog in "$TOP"/guest/*.c; do
	gcc -static -O2 -Wall -Werror -pthread -isystem "$obj/usr/include" \
		-o "$root/bin/$(basename "$prog" .c)" "$prog"
done
install -m 755 "$TOP/guest/init" "$root/init"

# the kselftests, installed by their own Makefile
make -s -C "$src/tools/testing/selftests" O="$obj" TARGETS=dmabuf-heaps \
	INSTALL_PATH="$root/kselftest" install

(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0) |
	gzip -1 >"$obj/initramfs.cpio.gz"
echo "initramfs: ${obj#"$TOP"/}/initramfs.cpio.gz ($(du -k "$obj/initramfs.cpio.gz" | cut -f1) KiB)"
