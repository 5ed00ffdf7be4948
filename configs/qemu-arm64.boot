# How the arm64 guest is built and boots, read by scripts/lib.sh's
# load_arch (KEY=value, no spaces around '='). Kernel, initramfs and the
# CMA area (device tree node or cma=) are added by scripts/boot.sh.
#
# kernel: make ARCH=, the compiler prefix, the image make builds
KARCH=arm64
CROSS_COMPILE=aarch64-linux-gnu-
IMAGE=arch/arm64/boot/Image
# guest userspace: Debian's arm64 busybox-static, and kmod with the
# libraries and dynamic loader it needs (scripts/guest-debs.sh)
DEB_ARCH=arm64
MULTIARCH=aarch64-linux-gnu
GUEST_DEBS="busybox-static kmod libc6 liblzma5 libzstd1 libssl3"
GUEST_SUITE=bookworm
# commands and files the build (kernel, guest programs) and the boot need, each with its Debian package
TOOL_NEEDS="aarch64-linux-gnu-gcc:gcc-aarch64-linux-gnu /usr/aarch64-linux-gnu/lib/libc.a:libc6-dev-arm64-cross"
BOOT_NEEDS="qemu-system-aarch64:qemu-system-arm dtc:device-tree-compiler fdtget:device-tree-compiler"
QEMU=qemu-system-aarch64
QEMU_ARGS="-nodefaults -no-reboot -display none -machine virt -cpu max -m 512"
# the Debian guest (make debian): the same machine, booted from a disk on
# one of virt's virtio-mmio transports (no PCI host bridge in the kernel)
DEBIAN_QEMU_ARGS="-nodefaults -no-reboot -display none -machine virt -cpu max -m 512"
DEBIAN_DISK=virtio-blk-device
DEBIAN_BOOT_NEEDS="qemu-system-aarch64:qemu-system-arm dtc:device-tree-compiler fdtget:device-tree-compiler"
# tests: both host cores
ACCEL_ARGS="-accel tcg,thread=multi -smp 2"
# benchmarks: guest time counts instructions, so it repeats exactly
BENCH_ACCEL_ARGS="-accel tcg,thread=single -icount shift=0,sleep=off -smp 1"
# benchmarks: kernel parameters added by scripts/bench.sh (user space gets
# the same addresses in every boot; see configs/qemu-x86_64.boot)
BENCH_CMDLINE_EXTRA="norandmaps"
CMDLINE="console=ttyAMA0 panic=-1"
# where the CMA area comes from: a /reserved-memory node in QEMU's own
# device tree (the default), cma= on the command line (WB_CMA=cmdline), or
# the kernel's own CONFIG_CMA_SIZE_MBYTES (WB_CMA=config)
CMA_MODES="dt cmdline config"
# 32-bit programs on this 64-bit kernel (COMPAT, the guest's compat32
# mode): the same programs built for armhf, ARMv7 with hard float
COMPAT_CONFIG=CONFIG_COMPAT
COMPAT_KARCH=arm
COMPAT_CC=arm-linux-gnueabihf-gcc
COMPAT_NEEDS="arm-linux-gnueabihf-gcc:gcc-arm-linux-gnueabihf /usr/arm-linux-gnueabihf/lib/libc.a:libc6-dev-armhf-cross"
