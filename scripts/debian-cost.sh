#!/bin/bash
# What the Debian request changes and costs, on sid's own kernel: sid's
# linux-source-SERIES with its arm64 configuration (linux-config-SERIES,
# config.arm64_none_arm64, fetched by scripts/debian-config.sh), the heaps
# as sid has them and with configs/debian-heaps-{y,m}.config added. For
# each: what olddefconfig changes against sid's own configuration put
# through olddefconfig with the same compiler (it must be the symbols
# asked for and nothing else), and the sizes of what they add: the
# objects linked into the kernel (size(1) of dma-heap.o and the heaps' .o)
# and the modules (.ko, unstripped and stripped). Only the heaps' objects
# are built, in one object directory, incrementally: a whole arm64 kernel
# of this configuration takes hours on this machine. Modules are also
# given compressed as the package compresses them (xz, as
# CONFIG_MODULE_COMPRESS_XZ does), an approximation: sid builds with its
# own compiler, BTF and signatures. The other arm64 flavours must change
# as arm64 does with the request; amd64's heap settings are listed, the
# precedent the request is weighed against. Writes
# build/debian-cost/report.md; ends with "N passed, N failed".
#
# usage: scripts/debian-cost.sh [SERIES]     (default 7.2, sid's: configs/suites)
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

series=${1:-7.2}
# the variant patches/debian/ asks for (configs/debian-heaps-$request.config)
request=y
export RESULTS=$LOGS/debian-cost-results
export WB_ARCH=arm64
load_arch
need_all "$TOOL_NEEDS"
need size binutils
need xz xz-utils
start_job "debian-cost $series"
out=$BUILD/debian-cost
obj=$BUILD/obj/debian-cost-$series
mkdir -p "$out" "$obj"

stage "fetch-$series" "$TOP/scripts/fetch.sh" "$series"
stage "extract-$series" "$TOP/scripts/base.sh" "$series"
stage "debian-config-$series" "$TOP/scripts/debian-config.sh" "$series" arm64 amd64
src=$BUILD/base/$series
sid_configs=$BUILD/debian-config/$series/x-arm64/usr/src/linux-config-$series
sid_config=$sid_configs/config.arm64_none_arm64.xz
amd64_configs=$BUILD/debian-config/$series/x-amd64/usr/src/linux-config-$series
[ -f "$sid_config" ] || die "no arm64 configuration in linux-config-$series (looked for ${sid_config#"$TOP"/})"
version=$(cat "$BUILD/base/$series.version")
config_version=$(find "$BUILD/debian-config/$series" -name "linux-config-${series}_*_arm64.deb" | sed -E 's/.*_([^_]+)_arm64\.deb$/\1/' | sort -V | tail -n 1)

kmake=(make -C "$src" O="$obj" ARCH="$KARCH" CROSS_COMPILE="$CROSS_COMPILE" -j"$(nproc)"
	KBUILD_BUILD_TIMESTAMP=workbench KBUILD_BUILD_USER=workbench KBUILD_BUILD_HOST=workbench)
# symbols VARIANT: the configuration's settings, one a line, sorted
symbols() { grep -E '^(CONFIG_|# CONFIG_.* is not set)' "$out/config-$1" | LC_ALL=C sort; }

# configure VARIANT [FRAGMENT [CONFIG]]: sid's configuration (or CONFIG,
# another flavour's), FRAGMENT's lines appended (the last assignment
# wins), through olddefconfig
configure() {
	xzcat "${3:-$sid_config}" >"$obj/.config"
	[ -z "${2:-}" ] || cat "$2" >>"$obj/.config"
	"${kmake[@]}" olddefconfig
	cp "$obj/.config" "$out/config-$1"
}

# promptless SYMBOL: Kconfig gives SYMBOL no prompt (a configuration file
# cannot set it; it follows what it depends on)
promptless() {
	local file
	file=$(grep -r -l -x --include='Kconfig*' "config ${1#CONFIG_}" "$src" | head -n 1)
	[ -n "$file" ] || return 1
	! awk -v c="config ${1#CONFIG_}" '
		$0 == c { on = 1; next }
		on && /^[^ \t#]/ { exit }
		on && /^[ \t]+((bool|tristate|string|int|hex)[ \t]+"|prompt[ \t])/ { found = 1 }
		END { exit !found }' "$file"
}

# The modules whose code the request's promptless implications build in
# (CONFIG_TEE_DMABUF_HEAPS, CONFIG_OPTEE_STATIC_PROTMEM_POOL: the TEE
# subsystem's protected-memory heaps; TEE and OPTEE are modules in sid)
implied_modules=(drivers/tee/tee.ko drivers/tee/optee/optee.ko)

# heap_objects VARIANT: build what the heaps' options select, and the
# implied modules; their sizes
heap_objects() {
	local v=$1 o
	# measured only if this configuration builds them: none left over
	# from another in this object directory
	for o in drivers/dma-buf/dma-heap.o drivers/dma-buf/heaps/system_heap.o drivers/dma-buf/heaps/cma_heap.o \
		drivers/dma-buf/heaps/system_heap.ko drivers/dma-buf/heaps/cma_heap.ko "${implied_modules[@]}"; do
		rm -f "$obj/$o"
	done
	"${kmake[@]}" prepare
	"${kmake[@]}" drivers/dma-buf/ drivers/tee/
	# (modules linked without a vmlinux: modpost cannot resolve their
	# kernel symbols, which KBUILD_MODPOST_WARN makes warnings)
	if [ "$v" = m ]; then
		"${kmake[@]}" KBUILD_MODPOST_WARN=1 drivers/dma-buf/heaps/system_heap.ko drivers/dma-buf/heaps/cma_heap.ko
	fi
	"${kmake[@]}" KBUILD_MODPOST_WARN=1 "${implied_modules[@]}"
	: >"$out/sizes-$v"
	for o in drivers/dma-buf/dma-heap.o drivers/dma-buf/heaps/system_heap.o drivers/dma-buf/heaps/cma_heap.o; do
		[ -f "$obj/$o" ] || continue
		# an object compiled for a module is not in vmlinux
		if [ "$v" = m ] && [[ $o == */heaps/* ]]; then continue; fi
		size "$obj/$o" | awk -v o="$o" 'NR == 2 { print "built-in", o, $1, $2, $3, $4 }' >>"$out/sizes-$v"
	done
	for o in drivers/dma-buf/heaps/system_heap.ko drivers/dma-buf/heaps/cma_heap.ko "${implied_modules[@]}"; do
		[ -f "$obj/$o" ] || continue
		"${CROSS_COMPILE}strip" --strip-debug -o "$obj/$o.stripped" "$obj/$o"
		# compressed as the kernel's modules_install compresses with xz
		echo "module $o $(stat -c %s "$obj/$o") $(stat -c %s "$obj/$o.stripped")" \
			"$(xz --check=crc32 --lzma2=dict=1MiB -c "$obj/$o.stripped" | wc -c)" >>"$out/sizes-$v"
	done
}

: >"$RESULTS"
stage "config-sid" configure sid
stage "build-sid" heap_objects sid
for v in y m; do
	stage "config-$v" configure "$v" "$TOP/configs/debian-heaps-$v.config"
	diff <(symbols sid) <(symbols "$v") | grep '^[<>]' >"$out/olddefconfig-$v.diff" || true
	# what is set must be the fragment's symbols, as asked; options its
	# symbols make visible may appear, left unset (listed in the report)
	asked=$(grep -c -E '^CONFIG_' "$TOP/configs/debian-heaps-$v.config")
	: >"$out/implied-$v"
	set_now=$(grep '^> CONFIG_' "$out/olddefconfig-$v.diff" | sed 's/^> //' || true)
	extra=$(grep -v -x -F -f <(grep -E '^CONFIG_' "$TOP/configs/debian-heaps-$v.config") <<<"$set_now" || true)
	# beyond them, only what Kconfig derives from them, without a prompt
	prompted=
	while read -r sym; do
		[ -z "$sym" ] || promptless "${sym%%=*}" || prompted="$prompted $sym"
	done <<<"$extra"
	name="debian-cost $series arm64 =$v: olddefconfig on sid's configuration sets the $asked symbols asked for and, beyond them, only promptless ones they imply"
	missing=$(grep -E '^CONFIG_' "$TOP/configs/debian-heaps-$v.config" | grep -v -x -F -f <(echo "$set_now") || true)
	if [ -z "$missing" ] && [ -z "$prompted" ]; then
		result PASS "$name"
		tr '\n' ' ' <<<"$extra" >"$out/implied-$v"
	else
		result FAIL "$name" "not set as asked: $(tr '\n' ' ' <<<"$missing"); with a prompt, beyond the request:$prompted"
	fi
	if stage "build-$v" heap_objects "$v"; then
		result PASS "debian-cost $series arm64 =$v: the heaps build under sid's configuration"
	else
		result FAIL "debian-cost $series arm64 =$v: the heaps build under sid's configuration"
	fi
done
# The patch to the packaging asks for what was measured as the request
patch=$(find "$TOP/patches/debian" -name '0001-*.patch' | head -n 1)
name="debian-cost: patches/debian's patch sets what configs/debian-heaps-$request.config sets"
if [ -z "$patch" ]; then
	result FAIL "$name" "no patches/debian/0001-*.patch"
elif diff <(sed -n 's/^+\(CONFIG_.*\)/\1/p' "$patch" | LC_ALL=C sort) \
	<(grep -E '^CONFIG_' "$TOP/configs/debian-heaps-$request.config" | LC_ALL=C sort) >/dev/null; then
	result PASS "$name"
else
	result FAIL "$name" "${patch#"$TOP"/} adds other settings"
fi

# The other arm64 flavours read arm64/config too: the request must change
# each as it changes arm64
: >"$out/flavours"
for c in "$sid_configs"/config.arm64_*.xz; do
	flavour=${c##*/config.arm64_none_}
	flavour=${flavour%.xz}
	[ "$flavour" != arm64 ] || continue
	stage "config-$flavour" configure "$flavour" "" "$c"
	stage "config-$flavour-$request" configure "$flavour-$request" "$TOP/configs/debian-heaps-$request.config" "$c"
	name="debian-cost $series $flavour =$request: olddefconfig changes what it changes on arm64"
	if diff -q <(diff <(symbols "$flavour") <(symbols "$flavour-$request") | grep '^[<>]') "$out/olddefconfig-$request.diff" >/dev/null; then
		result PASS "$name"
		echo "$flavour: the same as arm64" >>"$out/flavours"
	else
		result FAIL "$name" "see build/debian-cost/config-$flavour-$request"
		echo "$flavour: differs from arm64" >>"$out/flavours"
	fi
done
[ -s "$out/flavours" ] || result FAIL "debian-cost $series: arm64 flavours other than arm64 found" "none in ${sid_configs#"$TOP"/}"

diff <(xzcat "$sid_config" | grep -E '^(CONFIG_|# CONFIG_.* is not set)' | LC_ALL=C sort) <(symbols sid) |
	grep '^[<>]' >"$out/toolchain.diff" || true
toolchain=$(sed -E 's/^[<>] (# )?(CONFIG_[A-Z0-9_]+).*/\2/' "$out/toolchain.diff" | sort -u | grep -c . || true)

{
	echo "# The Debian request on sid's configuration, $(date -u '+%Y-%m-%d')"
	echo
	echo "- source: Debian linux-source-$series $version ($(series_suite "$series")), Linux $(make -s -C "$src" kernelversion)"
	echo "- configuration: linux-config-$series $config_version, config.arm64_none_arm64"
	echo "- compiler: $("${CROSS_COMPILE}gcc" --version | head -n 1); sid's configuration through olddefconfig with it differs from the packaged one in $toolchain symbols (below: those of the toolchain sid's was built with, its versions and what it can do: Rust, assembler, pahole, the signing key types); the request's diffs are against that"
	echo "- command: scripts/debian-cost.sh $series"
	echo
	echo "sid's packaged configuration (<) and after olddefconfig with this compiler (>):"
	echo
	sed 's/^/    /' "$out/toolchain.diff"
	echo
	echo "Heap settings in sid's configuration:"
	echo
	grep -E '^(# )?CONFIG_(DMABUF_HEAPS[A-Z_]*|UDMABUF|DMA_CMA|CMA|CMA_SIZE_MBYTES)[= ]' "$out/config-sid" | sed 's/^/    /'
	echo
	echo "amd64's heap settings today (the precedent):"
	echo
	for c in "$amd64_configs"/config.amd64_*.xz; do
		echo "    ${c##*/config.}:"
		xzcat "$c" | grep -E '^(# )?CONFIG_(DMABUF_HEAPS[A-Z_]*|UDMABUF|DMA_CMA|CMA_SIZE_MBYTES)[= ]' | sed 's/^/        /'
	done
	echo
	echo "Sizes as sid has it (bytes; modules: file, with debug info stripped, stripped and xz-compressed):"
	echo
	sed 's/^/    /' "$out/sizes-sid"
	for v in y m; do
		echo
		echo "## =$v (configs/debian-heaps-$v.config)$([ "$v" != "$request" ] || echo ", the request")"
		echo
		echo "olddefconfig changes (the implied, promptless ones: $(cat "$out/implied-$v" 2>/dev/null || echo none)):"
		echo
		sed 's/^/    /' "$out/olddefconfig-$v.diff"
		echo
		echo "Sizes (bytes): built-in objects: text, data, bss, total; modules: file, with debug info stripped, stripped and xz-compressed:"
		echo
		sed 's/^/    /' "$out/sizes-$v"
		awk '$1 == "built-in" { t += $6 } END { printf "    built in, in all: %d\n", t }' "$out/sizes-$v"
	done
	echo
	echo "## The other arm64 flavours with =$request"
	echo
	sed 's/^/    /' "$out/flavours"
} >"$out/report.md"
echo "report: ${out#"$TOP"/}/report.md"
finish_job "debian-cost $series"
