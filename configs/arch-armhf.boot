# Debian's armhf, built and not booted (scripts/arches.sh), read by
# scripts/lib.sh's load_arch. 32-bit ARMv7, hard float: a multiplatform
# kernel for QEMU's virt machine, as Debian's armmp flavour.
KARCH=arm
CROSS_COMPILE=arm-linux-gnueabihf-
IMAGE=arch/arm/boot/zImage
# the Kconfig fragment on top of allnoconfig: configs/ARCH_CONFIG.config
ARCH_CONFIG=arch-armhf
TOOL_NEEDS="arm-linux-gnueabihf-gcc:gcc-arm-linux-gnueabihf"
