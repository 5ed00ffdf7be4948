# Debian's ppc64el, built and not booted (scripts/arches.sh), read by
# scripts/lib.sh's load_arch. 64-bit POWER, little-endian, for pSeries
# (QEMU's pseries machine), as Debian's powerpc64le flavour.
KARCH=powerpc
CROSS_COMPILE=powerpc64le-linux-gnu-
IMAGE=vmlinux
# the Kconfig fragment on top of allnoconfig: configs/ARCH_CONFIG.config
ARCH_CONFIG=arch-ppc64el
TOOL_NEEDS="powerpc64le-linux-gnu-gcc:gcc-powerpc64le-linux-gnu"
