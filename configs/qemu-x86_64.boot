# How the x86_64 guest boots, read by scripts/boot.sh (KEY=value, no spaces
# around '='). Kernel and initramfs paths are added by the script.
QEMU=qemu-system-x86_64
QEMU_ARGS="-nodefaults -no-reboot -display none -bios /usr/share/qemu/qboot.rom -machine pc -accel tcg,thread=multi -smp 2 -m 512"
CMDLINE="console=ttyS0 panic=-1 cma=64M"
