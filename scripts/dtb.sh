#!/bin/bash
# A device tree with a CMA area for a QEMU machine that has none: dump the
# DTB QEMU itself generates for the machine options given (-machine
# dumpdtb=), decompile it, add a /reserved-memory node "linux,cma" (a
# reusable shared-dma-pool of MIB MiB, the default CMA area) and compile it
# back. Booted with -dtb and no cma= parameter, the kernel's CMA heap is
# /dev/dma_heap/linux,cma. The options must be those of the boot: the tree
# describes the CPUs, the memory and the devices of that machine.
#
# usage: scripts/dtb.sh OUT MIB QEMU QEMU-ARGS...
#   e.g. scripts/dtb.sh cma.dtb 64 qemu-system-aarch64 -machine virt -cpu max -m 512 -smp 2
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

out=${1:?usage: dtb.sh OUT MIB QEMU QEMU-ARGS...}
mib=${2:?usage: dtb.sh OUT MIB QEMU QEMU-ARGS...}
shift 2
[ $# -gt 0 ] || die "usage: dtb.sh OUT MIB QEMU QEMU-ARGS..."
need dtc device-tree-compiler
need fdtget device-tree-compiler
tmp=$out.tmp
rm -rf "$tmp"
mkdir -p "$tmp"

if ! "$@" -machine dumpdtb="$tmp/qemu.dtb" >"$tmp/qemu.log" 2>&1 || [ ! -s "$tmp/qemu.dtb" ]; then
	die "QEMU did not dump its device tree: $(grep -v 'dtb dumped' "$tmp/qemu.log" | head -n 1)"
fi
dtc -q -I dtb -O dts -o "$tmp/qemu.dts" "$tmp/qemu.dtb"
bytes=$((mib << 20))
cat "$tmp/qemu.dts" - >"$tmp/cma.dts" <<EOF

/ {
	reserved-memory {
		#address-cells = <2>;
		#size-cells = <2>;
		ranges;

		linux,cma {
			compatible = "shared-dma-pool";
			reusable;
			size = <$(printf '0x%x 0x%x' $((bytes >> 32)) $((bytes & 0xffffffff)))>;
			linux,cma-default;
		};
	};
};
EOF
dtc -q -I dts -O dtb -o "$out" "$tmp/cma.dts"
# what the kernel will read
if [ "$(fdtget -t s "$out" /reserved-memory/linux,cma compatible)" != shared-dma-pool ] ||
	! fdtget "$out" /reserved-memory/linux,cma linux,cma-default >/dev/null; then
	die "$out: no default shared-dma-pool node /reserved-memory/linux,cma"
fi
rm -rf "$tmp"
echo "dtb: ${out#"$TOP"/}: $(basename "$1")'s device tree + /reserved-memory/linux,cma ($mib MiB)"
