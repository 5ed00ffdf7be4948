# Debian's mipsel, built and not booted (scripts/arches.sh), read by
# scripts/lib.sh's load_arch. 32-bit MIPS, little-endian: the Malta board,
# as Debian's 4kc-malta flavour.
KARCH=mips
CROSS_COMPILE=mipsel-linux-gnu-
IMAGE=vmlinux
# the Kconfig fragment on top of allnoconfig: configs/ARCH_CONFIG.config
ARCH_CONFIG=arch-mipsel
TOOL_NEEDS="mipsel-linux-gnu-gcc:gcc-mipsel-linux-gnu"
