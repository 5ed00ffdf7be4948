# Debian's s390x, built (scripts/arches.sh) and booted on QEMU's
# s390-ccw-virtio machine, read by scripts/lib.sh's load_arch. 64-bit
# z/Architecture, big-endian: the byte order no other guest here has.
KARCH=s390
CROSS_COMPILE=s390x-linux-gnu-
IMAGE=arch/s390/boot/bzImage
# the Kconfig fragment on top of allnoconfig: configs/ARCH_CONFIG.config
ARCH_CONFIG=arch-s390x
TOOL_NEEDS="s390x-linux-gnu-gcc:gcc-s390x-linux-gnu /usr/s390x-linux-gnu/lib/libc.a:libc6-dev-s390x-cross"
# guest userspace: Debian's s390x busybox-static, and kmod with the
# libraries and dynamic loader it needs (scripts/guest-debs.sh)
DEB_ARCH=s390x
MULTIARCH=s390x-linux-gnu
GUEST_DEBS="busybox-static kmod libc6 liblzma5 libzstd1 libssl3"
GUEST_SUITE=bookworm
BOOT_NEEDS="qemu-system-s390x:qemu-system-misc"
QEMU=qemu-system-s390x
# QEMU's first serial port is the SCLP VT220 console (ttysclp0)
QEMU_ARGS="-nodefaults -no-reboot -display none -machine s390-ccw-virtio -cpu max -m 512"
ACCEL_ARGS="-accel tcg,thread=multi -smp 2"
CMDLINE="console=ttysclp0 panic=-1"
CMA_MODES="cmdline config"
