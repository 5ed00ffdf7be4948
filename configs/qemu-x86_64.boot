# How the x86_64 guest boots, read by scripts/boot.sh (KEY=value, no spaces
# around '='). Kernel and initramfs paths are added by the script.
QEMU=qemu-system-x86_64
QEMU_ARGS="-nodefaults -no-reboot -display none -bios /usr/share/qemu/qboot.rom -machine pc -m 512"
# tests: both host cores
ACCEL_ARGS="-accel tcg,thread=multi -smp 2"
# benchmarks: guest time counts instructions, so it repeats exactly
BENCH_ACCEL_ARGS="-accel tcg,thread=single -icount shift=0,sleep=off -smp 1"
# benchmarks: kernel parameters added by scripts/bench.sh. norandmaps: user
# space gets the same addresses in every boot. With address space
# randomization on, the seed comes from the host's clock (the RTC), and where
# a buffer lands decides how many page tables a mapping allocates: one
# figure moved by 1.3% between boots, another once by 37%.
BENCH_CMDLINE_EXTRA="norandmaps"
CMDLINE="console=ttyS0 panic=-1 cma=64M"
