#!/bin/bash
# Build each series on Debian's other architectures, as a distribution's
# build of that kernel would: every architecture the series' suite lists
# (the Architectures: line of its InRelease) for which Debian builds that
# kernel (a linux-config-SERIES package exists for it), other than amd64
# and arm64, which make check builds and boots. For each architecture
# (configs/arch-ARCH.{boot,config}: allnoconfig plus a minimal machine):
#   =m   the heaps as modules: modpost passes (every symbol a heap module
#        uses is exported) and the modules are installed;
#   w1   W=1 on the C files the series touches: a warning the base does
#        not have fails;
#   =y   the heaps built in;
#   =n   a kernel without module support, the heaps built in;
# in one object directory a series and architecture, incrementally. An
# architecture whose .boot file names a QEMU machine (QEMU=) is built with
# the tests' fragments (the selftests' config, KUnit) and its =m kernel
# boots twice, as make check's m and m:kselftest boots: the guest's checks
# and the kselftests, then the kselftests alone. The
# CMA heap is asked for where the architecture can have DMA_CMA (its
# Kconfig selects HAVE_DMA_CONTIGUOUS), the system heap everywhere. A
# failing build is reported with the compiler's or modpost's first error;
# the other architectures still run. Ends with "N passed, N failed, N
# skipped".
#
# usage: scripts/arches.sh [SERIES...]     (default: 7.3 6.12 6.1)
# Environment: ARCHES (only these, such as "armhf s390x")
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

series_list=("$@")
[ "${#series_list[@]}" -gt 0 ] || series_list=(7.3 6.12 6.1)
start_job "make arches"
stage deps "$TOP/scripts/deps.sh" --arches || die "scripts/deps.sh --arches failed (log: build/logs/deps.log)"

# debian_arches SERIES: the architectures to build SERIES for, one a line
# on stdout; results (and result's echo of them) go to the results file
# and stderr
debian_arches() {
	local s=$1 suite release list a version
	suite=$(series_suite "$s")
	release=$(find "$BUILD/apt/$suite/lists" -name '*_InRelease' -print -quit)
	[ -n "$release" ] || die "no InRelease of $suite in build/apt: scripts/fetch.sh $s has not run"
	list=$(sed -n 's/^Architectures: //p' "$release")
	echo "Debian $suite lists: $list (${release#"$TOP"/})" >&2
	for a in $list; do
		case $a in all | amd64 | arm64) continue ;; esac
		[ -z "${ARCHES:-}" ] || [[ " $ARCHES " == *" $a "* ]] || continue
		private_apt "$suite" "$a"
		# once more after a pause: a mirror in the middle of a sync
		# serves an index that does not match its Release file
		if ! apt-get "${APT_OPTS[@]}" -q update >"$LOGS/apt-$suite-$a.log" 2>&1 &&
			! { sleep 20 && apt-get "${APT_OPTS[@]}" -q update >>"$LOGS/apt-$suite-$a.log" 2>&1; }; then
			# the architecture is in Debian's list: build it, and say
			# that whether Debian has a kernel there is not known
			result SKIP "$s $a: Debian $suite has a kernel for it" \
				"its package index could not be read, twice: $(grep -m 1 '^E: ' "$LOGS/apt-$suite-$a.log" | cut -c1-160) (log: build/logs/apt-$suite-$a.log)" >&2
			version=unknown
		else
			version=$(apt-cache "${APT_OPTS[@]}" show "linux-config-$s:$a" 2>/dev/null |
				awk '/^Version:/ { print $2 }' | sort -V | tail -n 1)
		fi
		if [ -z "$version" ]; then
			result SKIP "$s $a: built" "Debian $suite has no linux-config-$s for $a: no Debian kernel there" >&2
		elif [ ! -f "$TOP/configs/arch-$a.boot" ]; then
			result FAIL "$s $a: built" "Debian $suite builds linux $version for $a, and configs/arch-$a.boot does not exist" >&2
		else
			echo "$a"
		fi
	done
}

# heaps_fragment FILE HEAPS SRC: the heaps' options for SRC on WB_ARCH
# (HEAPS m, y, or n: no module support, the heaps built in)
heaps_fragment() {
	local file=$1 heaps=$2 src=$3 srcarch=$KARCH value=$2
	case $KARCH in i386 | x86_64) srcarch=x86 ;; esac
	{
		echo "CONFIG_DMABUF_HEAPS=y"
		if [ "$heaps" = n ]; then
			echo "# CONFIG_MODULES is not set"
			echo "# CONFIG_MODULE_UNLOAD is not set"
			value=y
		else
			echo "CONFIG_MODULES=y"
		fi
		echo "CONFIG_DMABUF_HEAPS_SYSTEM=$value"
		if grep -q -w 'select HAVE_DMA_CONTIGUOUS' "$src/arch/$srcarch/Kconfig"; then
			printf 'CONFIG_CMA=y\nCONFIG_DMA_CMA=y\nCONFIG_DMABUF_HEAPS_CMA=%s\n' "$value"
		fi
	} >"$file"
}

# from_top TREE: compiler output on stdin with TREE's paths made relative
# to its top (make O= prints them as ../../../../work/6.1/FILE)
from_top() {
	sed -E "s|$1/||g; s|^(\.\./)+${1#"$BUILD"/}/||; s|^\./||"
}

# first_error LOG TREE: the first compiler, linker or modpost error in LOG
first_error() {
	{ grep -m 1 -E '(error|ERROR):|undefined reference|Error [0-9]+' "$1" || echo "(no error line; see ${1#"$TOP"/})"; } |
		from_top "$2"
}

# w1 SRC OBJ FRAGMENT FILE.o...: the normalised W=1 warnings of the
# objects, compiled in OBJ (configured from FRAGMENT if not built yet)
w1() {
	local src=$1 obj=$2 frag=$3 files
	shift 3
	local kmake=(make -C "$src" O="$obj" ARCH="$KARCH" CROSS_COMPILE="$CROSS_COMPILE" -j"$(nproc)")
	files=$(printf '%s\n' "$@" | sed 's/\.o$/.c/' | paste -s -d '|')
	if [ ! -f "$obj/include/generated/autoconf.h" ]; then
		mkdir -p "$obj"
		cat "$TOP/configs/$ARCH_CONFIG.config" "$frag" >"$obj/fragment.config"
		"${kmake[@]}" KCONFIG_ALLCONFIG="$obj/fragment.config" allnoconfig >/dev/null
		"${kmake[@]}" prepare >/dev/null
	fi
	(cd "$obj" && rm -f "$@")
	# only the warnings of those files and of headers: what make rebuilds
	# on the way (asm-offsets.c after a tree is reset) is not the series'
	"${kmake[@]}" W=1 "$@" 2>&1 | grep -E 'warning:' |
		from_top "$src" | sed -E 's|:[0-9]+(:[0-9]+)?:|:|' |
		grep -E "^(${files//./\\.}|[^:]*\.h):" | LC_ALL=C sort -u
}

for s in "${series_list[@]}"; do
	"$TOP/scripts/prepare.sh" "$s" || continue
	work=$BUILD/work/$s
	base=$BUILD/base/$s
	mapfile -t arches < <(debian_arches "$s")
	mapfile -t touched < <(git -C "$work" diff --name-only refs/tags/base..series -- '*.c' ':!tools')
	mapfile -t objs < <(units "$work" "${touched[@]}" | sed 's/\.c$/.o/')
	for a in "${arches[@]}"; do
		export WB_ARCH=$a
		load_arch
		obj=$BUILD/obj/arch/$a/$s
		mkdir -p "$obj"
		arch_start=$(date +%s)
		tests=(--no-tests)
		[ -z "$QEMU" ] || tests=()
		for heaps in m y n; do
			frag=$obj.heaps-$heaps.config
			heaps_fragment "$frag" "$heaps" "$work"
			name="$s $a =$heaps"
			[ "$heaps" = n ] && name="$s $a =y, no module support"
			if ! stage "arch-$s-$a-$heaps" "$TOP/scripts/build.sh" "${tests[@]}" "$work" "$obj" "$frag"; then
				result FAIL "$name: builds" "$(first_error "$LOGS/arch-$s-$a-$heaps.log" "$work")"
				[ "$heaps" = m ] && break
				continue
			fi
			result PASS "$name: builds"
			[ "$heaps" = m ] || continue
			# what was asked as a module was built as one
			missing=
			for ko in system_heap $(grep -q '^CONFIG_DMABUF_HEAPS_CMA=m' "$obj/.config" && echo cma_heap); do
				[ -n "$(find "$obj/modroot" -name "$ko.ko*" -print -quit)" ] || missing="$missing $ko"
			done
			if [ -z "$missing" ]; then
				result PASS "$name: heap modules installed ($(grep -c '^CONFIG_DMABUF_HEAPS_[A-Z]*=m' "$obj/.config") of them)"
			else
				result FAIL "$name: heap modules installed" "missing:$missing"
			fi
			# a guest: boot the =m kernel before =y rebuilds it, with
			# the guest's checks, then the kselftests alone
			if [ -n "$QEMU" ]; then
				boot_check "$s" m "" "$obj"
				boot_check "$s" m kselftest "$obj"
			fi
			# W=1: nothing new against the base, on the same configuration
			mapfile -t in_base < <(for o in "${objs[@]}"; do [ -f "$base/${o%.o}.c" ] && echo "$o"; done)
			w1 "$work" "$obj" "$frag" "${objs[@]}" >"$obj.w1" 2>"$LOGS/arch-$s-$a-w1.log" || true
			w1 "$base" "$obj-base" "$frag" "${in_base[@]}" >"$obj-base.w1" 2>>"$LOGS/arch-$s-$a-w1.log" || true
			new=$(comm -23 "$obj.w1" "$obj-base.w1")
			if [ -n "$new" ]; then
				result FAIL "$s $a: W=1 finds nothing new against the base (${#objs[@]} files)" "$(head -n 3 <<<"$new" | tr '\n' ' ')"
			else
				result PASS "$s $a: W=1 finds nothing new against the base (${#objs[@]} files, $(wc -l <"$obj.w1") warnings, all in the base too)"
			fi
		done
		echo "$s $a took $(($(date +%s) - arch_start))s" | tee -a "$LOGS/times"
	done
done
finish_job "make arches"
