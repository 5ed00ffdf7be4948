# Debian's i386, built and not booted (scripts/arches.sh), read by
# scripts/lib.sh's load_arch. 32-bit x86 (make ARCH=i386, the host
# compiler with -m32).
KARCH=i386
CROSS_COMPILE=
IMAGE=arch/x86/boot/bzImage
# the Kconfig fragment on top of allnoconfig: configs/ARCH_CONFIG.config
ARCH_CONFIG=arch-i386
TOOL_NEEDS="gcc:gcc"
