# How the x86_64 guest boots, read by scripts/boot.sh (KEY=value, no spaces
# around '='). Kernel and initramfs paths are added by the script.
QEMU=qemu-system-x86_64
QEMU_ARGS="-nodefaults -no-reboot -display none -bios /usr/share/qemu/qboot.rom -machine pc -m 512"
# tests: both host cores
ACCEL_ARGS="-accel tcg,thread=multi -smp 2"
# benchmarks: guest time counts instructions, so it repeats exactly
BENCH_ACCEL_ARGS="-accel tcg,thread=single -icount shift=0,sleep=off -smp 1"
CMDLINE="console=ttyS0 panic=-1 cma=64M"
