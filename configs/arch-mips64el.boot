# Debian's mips64el, built and not booted (scripts/arches.sh), read by
# scripts/lib.sh's load_arch. 64-bit MIPS, little-endian: the Malta board,
# as Debian's mips64r2el flavour.
KARCH=mips
CROSS_COMPILE=mips64el-linux-gnuabi64-
IMAGE=vmlinux
# the Kconfig fragment on top of allnoconfig: configs/ARCH_CONFIG.config
ARCH_CONFIG=arch-mips64el
TOOL_NEEDS="mips64el-linux-gnuabi64-gcc:gcc-mips64el-linux-gnuabi64"
