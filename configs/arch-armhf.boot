# Debian's armhf, built (scripts/arches.sh) and booted on QEMU's virt
# machine, read by scripts/lib.sh's load_arch. 32-bit ARMv7, hard float: a
# multiplatform kernel, as Debian's armmp flavour. Its CMA area is a
# /reserved-memory node in QEMU's own device tree, as on arm64.
KARCH=arm
CROSS_COMPILE=arm-linux-gnueabihf-
IMAGE=arch/arm/boot/zImage
# the Kconfig fragment on top of allnoconfig: configs/ARCH_CONFIG.config
ARCH_CONFIG=arch-armhf
TOOL_NEEDS="arm-linux-gnueabihf-gcc:gcc-arm-linux-gnueabihf /usr/arm-linux-gnueabihf/lib/libc.a:libc6-dev-armhf-cross"
# guest userspace: Debian's armhf busybox-static, and kmod with the
# libraries and dynamic loader it needs (scripts/guest-debs.sh)
DEB_ARCH=armhf
MULTIARCH=arm-linux-gnueabihf
GUEST_DEBS="busybox-static kmod libc6 liblzma5 libzstd1 libssl3"
GUEST_SUITE=bookworm
BOOT_NEEDS="qemu-system-arm:qemu-system-arm dtc:device-tree-compiler fdtget:device-tree-compiler"
QEMU=qemu-system-arm
# highmem=off: the whole RAM below 4 GiB, where a kernel without LPAE
# reaches it
QEMU_ARGS="-nodefaults -no-reboot -display none -machine virt,highmem=off -cpu cortex-a15 -m 512"
ACCEL_ARGS="-accel tcg,thread=multi -smp 2"
CMDLINE="console=ttyAMA0 panic=-1"
CMA_MODES="dt cmdline config"
