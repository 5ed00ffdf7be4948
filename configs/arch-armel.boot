# Debian's armel, built and not booted (scripts/arches.sh), read by
# scripts/lib.sh's load_arch. 32-bit ARMv5, soft float: an ARM926 board
# (Versatile), the CPU class of Debian's marvell flavour.
KARCH=arm
CROSS_COMPILE=arm-linux-gnueabi-
IMAGE=arch/arm/boot/zImage
# the Kconfig fragment on top of allnoconfig: configs/ARCH_CONFIG.config
ARCH_CONFIG=arch-armel
TOOL_NEEDS="arm-linux-gnueabi-gcc:gcc-arm-linux-gnueabi"
