# Debian's s390x, built and not booted (scripts/arches.sh), read by
# scripts/lib.sh's load_arch. 64-bit z/Architecture, big-endian.
KARCH=s390
CROSS_COMPILE=s390x-linux-gnu-
IMAGE=arch/s390/boot/bzImage
# the Kconfig fragment on top of allnoconfig: configs/ARCH_CONFIG.config
ARCH_CONFIG=arch-s390x
TOOL_NEEDS="s390x-linux-gnu-gcc:gcc-s390x-linux-gnu"
