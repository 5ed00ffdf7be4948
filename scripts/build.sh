#!/bin/bash
# Configure and build a minimal kernel for the architecture WB_ARCH: a QEMU
# guest (x86_64 or arm64, configs/qemu-$WB_ARCH.{config,boot}) or one that
# is only built (configs/arch-$WB_ARCH.{config,boot}); cross-built where it
# is not the host's, with its modules installed the way a distribution
# does (modules_install + depmod).
#
# usage: scripts/build.sh [--no-verify] [--no-tests] [--into DIR] SRC OBJ FRAGMENT...
#   SRC       kernel source tree
#   OBJ       object directory (reused: incremental builds)
#   FRAGMENT  Kconfig fragments from configs/, applied in order on top of
#             allnoconfig, the architecture's (ARCH_CONFIG and GUEST_CONFIGS
#             of its .boot file) and those of the tests (lib.sh's test_frags: the
#             selftests' config of KSELFTEST_SRC, default SRC; KUnit where
#             SRC has the heap core's tests): a name like
#             heaps-m means configs/heaps-m.config
#   --no-tests  leave out the tests' fragments (a distribution's kernel)
#   --no-verify  accept a configuration in which Kconfig changed what a
#             fragment asks for (a tree where the heaps are still bool)
#   --into DIR  then copy the result to DIR (what boots and initramfs.sh
#             need): OBJ stays the one object directory that every
#             configuration of a tree builds in, incrementally (a copied
#             object directory is rebuilt from scratch: objtool records its
#             own path, and every object depends on objtool)
# Result: OBJ/IMAGE (arch/x86/boot/bzImage, arch/arm64/boot/Image) and
# OBJ/modroot/lib/modules/<release>; OBJ/wb-arch names the architecture.
# Environment: WB_ARCH (default x86_64), KSELFTEST_SRC (the tree whose
# kselftests run on this kernel: a backport's are mainline's)
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

verify=true
tests=true
into=
while [ $# -gt 0 ]; do
	case $1 in
	--no-verify) verify=false ;;
	--no-tests) tests=false ;;
	--into) into=${2:?--into needs a directory}; shift ;;
	*) break ;;
	esac
	shift
done
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
tests_frags=()
if $tests; then mapfile -t tests_frags < <(test_frags "$src" "${KSELFTEST_SRC:-}"); fi
read -r -a guest_frags <<<"$GUEST_CONFIGS"
for f in "$ARCH_CONFIG" "${guest_frags[@]}" "${tests_frags[@]}" "$@"; do
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
# Every option a fragment asks for must have survived Kconfig (where
# fragments disagree, the last one says what is asked).
declare -A asked=()
order=()
while IFS= read -r want; do
	sym=${want#\# }
	sym=${sym%%[= ]*}
	[ -n "${asked[$sym]+set}" ] || order+=("$sym")
	asked[$sym]=$want
done < <(grep -h -E '^(CONFIG_[A-Z0-9_]+=|# CONFIG_[A-Z0-9_]+ is not set)' "$obj/fragment.config")
bad=0
for sym in "${order[@]}"; do
	want=${asked[$sym]}
	got=$(grep -E "^($sym=|# $sym is not set)" "$obj/.config" || echo "# $sym is not set")
	if [ "$got" != "$want" ]; then
		echo "config: asked '$want', got '$got'" >&2
		bad=1
	fi
done
[ "$bad" -eq 0 ] || ! $verify || die "the kernel configuration lost options the fragments ask for"

rm -rf "$obj/modroot"
if grep -q '^CONFIG_MODULES=y' "$obj/.config"; then
	"${kmake[@]}" "$(basename "$IMAGE")" modules
	"${kmake[@]}" INSTALL_MOD_PATH="$obj/modroot" modules_install
else
	# a kernel without module support (a build bot's combination)
	"${kmake[@]}" "$(basename "$IMAGE")"
	mkdir -p "$obj/modroot/lib/modules"
fi
make -s -C "$src" O="$obj" ARCH="$KARCH" kernelrelease >"$obj/release"
echo "built $(cat "$obj/release") in ${obj#"$TOP"/}"
if [ -n "$into" ]; then
	mkdir -p "$into"
	rsync -a --delete --exclude=/initramfs --exclude=/initramfs.cpio.gz "$obj/" "$into/"
	echo "copied to ${into#"$TOP"/}"
fi
