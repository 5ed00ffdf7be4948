#!/bin/bash
# Configure and build a minimal QEMU kernel for the guest architecture
# WB_ARCH (x86_64 or arm64, configs/qemu-$WB_ARCH.{config,boot}; cross-built
# where it is not the host's) with its modules installed the way a
# distribution does (modules_install + depmod).
#
# usage: scripts/build.sh [--no-verify] SRC OBJ FRAGMENT...
#   SRC       kernel source tree
#   OBJ       object directory (reused: incremental builds)
#   FRAGMENT  Kconfig fragments from configs/, applied in order on top of
#             allnoconfig and configs/qemu-$WB_ARCH.config (a name like
#             heaps-m means configs/heaps-m.config)
#   --no-verify  accept a configuration in which Kconfig changed what a
#             fragment asks for (a tree where the heaps are still bool)
# Result: OBJ/IMAGE (arch/x86/boot/bzImage, arch/arm64/boot/Image) and
# OBJ/modroot/lib/modules/<release>; OBJ/wb-arch names the architecture.
# Environment: WB_ARCH (default x86_64)
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

verify=true
if [ "${1:-}" = --no-verify ]; then
	verify=false
	shift
fi
src=${1:?usage: build.sh SRC OBJ FRAGMENT...}
obj=${2:?usage: build.sh SRC OBJ FRAGMENT...}
shift 2
load_arch
need gcc gcc
need_all "$TOOL_NEEDS"
need flex flex
need bison bison
need bc bc
need depmod kmod
need rsync rsync
[ -f /usr/include/libelf.h ] || die "libelf.h not found: install the Debian package 'libelf-dev'"
[ -f /usr/include/openssl/ssl.h ] || die "openssl headers not found: install the Debian package 'libssl-dev'"

mkdir -p "$obj"
src=$(cd "$src" && pwd)
obj=$(cd "$obj" && pwd)
built_for=$(cat "$obj/wb-arch" 2>/dev/null || echo x86_64)
if [ -f "$obj/.config" ] && [ "$built_for" != "$WB_ARCH" ]; then
	die "${obj#"$TOP"/} holds a $built_for build, not $WB_ARCH: use another object directory"
fi
echo "$WB_ARCH" >"$obj/wb-arch"
frags=()
for f in "qemu-$WB_ARCH" "$@"; do
	case $f in
	*/*) frags+=("$(realpath "$f")") ;;
	*) frags+=("$TOP/configs/$f.config") ;;
	esac
done
cat "${frags[@]}" >"$obj/fragment.config"

kmake=(make -C "$src" O="$obj" ARCH="$KARCH" CROSS_COMPILE="$CROSS_COMPILE" -j"$(nproc)"
	KBUILD_BUILD_TIMESTAMP=workbench KBUILD_BUILD_USER=workbench
	KBUILD_BUILD_HOST=workbench)
if command -v ccache >/dev/null 2>&1; then
	export CCACHE_DIR=${CCACHE_DIR:-$BUILD/ccache} CCACHE_BASEDIR=$BUILD
	export CCACHE_NOHASHDIR=1 CCACHE_SLOPPINESS=time_macros,include_file_mtime,include_file_ctime
	kmake+=(CC="ccache ${CROSS_COMPILE}gcc")
fi

"${kmake[@]}" KCONFIG_ALLCONFIG="$obj/fragment.config" allnoconfig
# Every option a fragment asks for must have survived Kconfig.
bad=0
while IFS= read -r want; do
	sym=${want#\# }
	sym=${sym%%[= ]*}
	got=$(grep -E "^($sym=|# $sym is not set)" "$obj/.config" || echo "# $sym is not set")
	if [ "$got" != "$want" ]; then
		echo "config: asked '$want', got '$got'" >&2
		bad=1
	fi
done < <(grep -h -E '^(CONFIG_[A-Z0-9_]+=|# CONFIG_[A-Z0-9_]+ is not set)' "$obj/fragment.config")
[ "$bad" -eq 0 ] || ! $verify || die "the kernel configuration lost options the fragments ask for"

"${kmake[@]}" "$(basename "$IMAGE")" modules
rm -rf "$obj/modroot"
"${kmake[@]}" INSTALL_MOD_PATH="$obj/modroot" modules_install
make -s -C "$src" O="$obj" ARCH="$KARCH" kernelrelease >"$obj/release"
echo "built $(cat "$obj/release") in ${obj#"$TOP"/}"
