# Debian's riscv64, built and not booted (scripts/arches.sh), read by
# scripts/lib.sh's load_arch. 64-bit RISC-V with an MMU.
KARCH=riscv
CROSS_COMPILE=riscv64-linux-gnu-
IMAGE=arch/riscv/boot/Image
# the Kconfig fragment on top of allnoconfig: configs/ARCH_CONFIG.config
ARCH_CONFIG=arch-riscv64
TOOL_NEEDS="riscv64-linux-gnu-gcc:gcc-riscv64-linux-gnu"
