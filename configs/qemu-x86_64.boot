# How the x86_64 guest is built and boots, read by scripts/lib.sh's
# load_arch (KEY=value, no spaces around '='). Kernel, initramfs and the
# CMA area (cma= on the command line) are added by scripts/boot.sh.
#
# kernel: make ARCH=, the compiler prefix, the image make builds
KARCH=x86_64
CROSS_COMPILE=
IMAGE=arch/x86/boot/bzImage
# guest userspace: busybox-static and kmod are the host's own
DEB_ARCH=amd64
MULTIARCH=x86_64-linux-gnu
GUEST_DEBS=
GUEST_SUITE=
# commands and files the build (kernel, guest programs) and the boot need, each with its Debian package
TOOL_NEEDS="gcc:gcc /usr/lib/x86_64-linux-gnu/libc.a:libc6-dev"
BOOT_NEEDS="qemu-system-x86_64:qemu-system-x86 /usr/share/qemu/qboot.rom:qemu-system-data"
QEMU=qemu-system-x86_64
QEMU_ARGS="-nodefaults -no-reboot -display none -bios /usr/share/qemu/qboot.rom -machine pc -m 512"
# the Debian guest (make debian) boots from a virtio disk on PCI: SeaBIOS,
# whose PCI interrupt routing table lets a kernel without ACPI find the
# disk's interrupt (under qboot it finds none and waits for the disk forever)
DEBIAN_QEMU_ARGS="-nodefaults -no-reboot -display none -bios /usr/share/seabios/bios-256k.bin -machine pc -m 512"
# its disk's QEMU device: virtio-blk on PCI
DEBIAN_DISK=virtio-blk-pci
DEBIAN_BOOT_NEEDS="qemu-system-x86_64:qemu-system-x86 /usr/share/seabios/bios-256k.bin:seabios"
# fragments every kernel of this guest is built with, after ARCH_CONFIG:
# the Debian boot's, so that the busybox boots (make check) and the Debian
# boot (make debian) share one =m configuration, and make debian after
# make check rebuilds nothing but what =y or =n changed
GUEST_CONFIGS="debian-systemd debian-x86_64"
# tests: both host cores
ACCEL_ARGS="-accel tcg,thread=multi -smp 2"
# benchmarks: guest time counts instructions, so it repeats exactly
BENCH_ACCEL_ARGS="-accel tcg,thread=single -icount shift=0,sleep=off -smp 1"
# benchmarks: kernel parameters added by scripts/bench.sh. norandmaps: user
# space gets the same addresses in every boot. With address space
# randomization on, the seed comes from the host's clock (the RTC), and where
# a buffer lands decides how many page tables a mapping allocates: one
# figure moved by 1.3% between boots, another once by 37%.
BENCH_CMDLINE_EXTRA="norandmaps"
CMDLINE="console=ttyS0 panic=-1"
# where the CMA area comes from: cma= on the command line, or (config) the
# kernel's own CONFIG_CMA_SIZE_MBYTES, from the selftests' config fragment
CMA_MODES="cmdline config"
# 32-bit programs on this 64-bit kernel (IA32_EMULATION, the guest's
# compat32 mode): the same programs built for i386 by the host's compiler
# (bookworm's gcc 12; not gcc-multilib, which conflicts with every
# cross compiler)
COMPAT_CONFIG=CONFIG_IA32_EMULATION
COMPAT_KARCH=i386
COMPAT_CC="gcc -m32"
COMPAT_NEEDS="/usr/lib32/libc.a:libc6-dev-i386 /usr/lib/gcc/x86_64-linux-gnu/12/32/libgcc.a:lib32gcc-12-dev"
