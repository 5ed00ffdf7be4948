#!/bin/bash
# What Debian's own kernels do with the dma-buf heaps today: the heap
# options of each configuration in Debian's linux-config-SERIES package,
# fetched for each architecture with a private apt configuration (the
# system's apt sources and state are never touched). The evidence behind
# patches/debian/'s request, rerun when Debian serves a new version.
#
# usage: scripts/debian-config.sh [SERIES [ARCH...]]     (default 7.3 arm64 amd64)
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

series=${1:-7.3}
shift || true
archs=("$@")
[ "${#archs[@]}" -gt 0 ] || archs=(arm64 amd64)
suite=$(series_suite "$series")
[ -n "$suite" ] || die "no suite known for $series (configs/suites)"
workbench_lock "scripts/debian-config.sh $series"
need dpkg-deb dpkg
need xzcat xz-utils
pkg=linux-config-$series
dir=$BUILD/debian-config/$series
mkdir -p "$dir"
for arch in "${archs[@]}"; do
	private_apt "$suite" "$arch"
	apt-get "${APT_OPTS[@]}" -q update >"$LOGS/apt-$suite-$arch.log" 2>&1 ||
		die "apt-get update of '$suite' ($arch) from $APT_URL failed (log: build/logs/apt-$suite-$arch.log)"
	version=$(apt-cache "${APT_OPTS[@]}" show "$pkg:$arch" 2>/dev/null |
		awk '/^Version:/ { print $2 }' | sort -V | tail -n 1)
	[ -n "$version" ] || die "$pkg: not in Debian '$suite' for $arch"
	deb=$dir/${pkg}_${version}_$arch.deb
	if [ ! -s "$deb" ]; then
		(cd "$dir" && apt-get "${APT_OPTS[@]}" -q download "$pkg:$arch=$version") \
			>>"$LOGS/apt-$suite-$arch.log" 2>&1 ||
			die "$pkg:$arch=$version: apt-get download failed (log: build/logs/apt-$suite-$arch.log)"
	fi
	rm -rf "$dir/x-$arch"
	dpkg-deb -x "$deb" "$dir/x-$arch"
	for c in "$dir/x-$arch/usr/src/$pkg/config.${arch}"_*.xz; do
		name=${c##*/config.}
		name=${name%.xz}
		echo "== $pkg $version ($suite), $name"
		xzcat "$c" | grep -E '^(# )?CONFIG_(DMABUF_HEAPS[A-Z_]*|DMA_CMA|CMA_SIZE_MBYTES)[= ]' |
			sed 's/^/  /'
	done
done
