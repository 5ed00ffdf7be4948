#!/bin/bash
# Fetch Debian's linux-source-SERIES package into build/debs/ with a private
# apt configuration: the system's apt sources and state are never touched.
# The mirror is the system's own Debian mirror, found by scripts/mirror.sh
# in /etc/apt at run time.
#
# usage: scripts/fetch.sh SERIES [SUITE]     e.g. 6.12 trixie, 7.3 trixie-backports
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

series=${1:?usage: fetch.sh SERIES [SUITE]}
suite=${2:-$(series_suite "$series")}
[ -n "$suite" ] || die "no suite known for $series (configs/suites)"
pkg=linux-source-$series
# the newest cached .deb of the package
cached() { find "$BUILD/debs" -name "${pkg}_*.deb" | sort -V | tail -n 1; }
mkdir -p "$BUILD/debs"
private_apt "$suite" amd64
opts=("${APT_OPTS[@]}")
url=$APT_URL

if ! apt-get "${opts[@]}" -q update >"$LOGS/apt-$suite.log" 2>&1; then
	if [ -n "$(cached)" ]; then
		echo "warning: apt update for $suite failed; using the cached $pkg" >&2
	else
		die "$pkg: apt-get update of '$suite' from $url failed (log: build/logs/apt-$suite.log)"
	fi
else
	version=$(apt-cache "${opts[@]}" show "$pkg" 2>/dev/null |
		awk '/^Version:/ { print $2 }' | sort -V | tail -n 1)
	[ -n "$version" ] || die "$pkg: no such package in Debian '$suite'"
	deb=$BUILD/debs/${pkg}_${version}_all.deb
	if [ ! -s "$deb" ]; then
		(cd "$BUILD/debs" && apt-get "${opts[@]}" -q download "$pkg=$version") \
			>>"$LOGS/apt-$suite.log" 2>&1 ||
			die "$pkg=$version: apt-get download failed (log: build/logs/apt-$suite.log)"
	fi
fi
deb=$(cached)
dpkg-deb -f "$deb" Version >"$BUILD/debs/$series.version"
echo "$pkg $(cat "$BUILD/debs/$series.version") ($suite): ${deb#"$TOP"/}"
