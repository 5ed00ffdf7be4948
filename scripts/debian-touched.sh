#!/bin/bash
# Which files of Debian's linux-source-SERIES did Debian's own patches
# change, and does the series change any of them?
#
# The linux-source tarball is upstream's tree with Debian's patches
# applied. Upstream's files carry one timestamp (the release's), and the
# files Debian's patches created or changed carry the time the package was
# built. So the files whose timestamp is not the most common one are
# Debian's. This needs neither the orig tarball nor debian/patches, which
# the mirror may not serve.
#
# usage: scripts/debian-touched.sh SERIES [TREE [REF]]
#   without TREE: list the files Debian's patches touched
#   with TREE: also the files REF..HEAD (REF defaults to the tag "base")
#   changes in TREE that Debian's patches touched; exit 1 if there are any
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

series=${1:?usage: debian-touched.sh SERIES [TREE [REF]]}
tree=${2:-}
ref=${3:-refs/tags/base}
version=$(cat "$BUILD/debs/$series.version" 2>/dev/null) ||
	die "linux-source-$series not fetched: run scripts/fetch.sh $series"
deb=$BUILD/debs/linux-source-${series}_${version}_all.deb
list=$BUILD/debs/$series.debian-touched

if [ ! -s "$list" ] || [ "$list" -ot "$deb" ]; then
	dpkg-deb --fsys-tarfile "$deb" |
		tar -xO --wildcards './usr/src/linux-source-*.tar.*' |
		xz -dc | tar -tv --full-time >"$list.tmp"
	# the most common timestamp (to the minute) is upstream's
	upstream=$(awk '$1 !~ /^d/ { print substr($4 " " $5, 1, 16) }' "$list.tmp" |
		sort | uniq -c | sort -rn | awk 'NR == 1 { print $2 " " $3 }')
	awk -v t="$upstream" '$1 !~ /^d/ && substr($4 " " $5, 1, 16) != t {
		sub(/^[^\/]*\//, "", $6); print $6 }' "$list.tmp" | sort >"$list"
	rm -f "$list.tmp"
fi
echo "linux-source-$series $version: $(wc -l <"$list") files changed or added by Debian's patches (${list#"$TOP"/})"
[ -n "$tree" ] || exit 0

mapfile -t touched < <(git -C "$tree" diff --name-only "$ref" HEAD)
overlap=$(printf '%s\n' "${touched[@]}" | sort | comm -12 - "$list")
echo "the series changes ${#touched[@]} files"
if [ -n "$overlap" ]; then
	echo "of which Debian's patches changed:"
	echo "$overlap"
	exit 1
fi
echo "none of them is changed by Debian's patches: the series applies to upstream as well"
