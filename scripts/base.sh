#!/bin/bash
# Extract the fetched linux-source-SERIES .deb once into build/base/SERIES,
# a git repository with a single commit tagged "base": the pristine tree
# that every series tree is cloned from. When Debian serves a new version,
# the base is replaced and the change announced; series trees are full
# clones (scripts/tree.sh), so their commits survive it.
#
# usage: scripts/base.sh SERIES
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

series=${1:?usage: base.sh SERIES}
workbench_lock "scripts/base.sh $series"
need git git
need xz xz-utils
version=$(cat "$BUILD/debs/$series.version" 2>/dev/null) ||
	die "linux-source-$series not fetched: run scripts/fetch.sh $series"
deb=$BUILD/debs/linux-source-${series}_${version}_all.deb
dir=$BUILD/base/$series

if [ -d "$dir/.git" ] && [ "$(cat "$dir.version" 2>/dev/null)" = "$version" ]; then
	echo "base $series: linux-source-$series $version (already extracted)"
	exit 0
fi
old=$(cat "$dir.version" 2>/dev/null || true)
if [ -n "$old" ]; then
	echo "base $series: Debian moved linux-source-$series from $old to $version; replacing build/base/$series"
	echo "  (trees under build/src keep their commits: rebase them onto the new tag 'base' after 'git fetch --tags origin')"
fi
rm -rf "$dir" "$dir.tmp" "$dir.version"
mkdir -p "$dir.tmp"
dpkg-deb --fsys-tarfile "$deb" |
	tar -x -C "$dir.tmp" --wildcards './usr/src/linux-source-*.tar.*'
tar -x -C "$dir.tmp" -f "$dir.tmp"/usr/src/linux-source-*.tar.*
mv "$dir.tmp/linux-source-$series" "$dir"
rm -rf "$dir.tmp"
upstream=$(make -s -C "$dir" kernelversion)
git -C "$dir" init -q -b pristine
# no background gc: it would outlive this script and race the clones
git -C "$dir" config gc.auto 0
git -C "$dir" add -A -f
git -C "$dir" -c user.name=workbench -c user.email=workbench@localhost \
	commit -q -m "linux-source-$series $version (Linux $upstream)"
git -C "$dir" tag base
echo "$version" >"$dir.version"
echo "base $series: linux-source-$series $version (Linux $upstream)"
