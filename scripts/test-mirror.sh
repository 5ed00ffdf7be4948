#!/bin/bash
# Feed scripts/mirror.sh the sample apt trees under tests/mirror/ and check
# what it prints: one line a case, "PASS mirror: CASE" or "FAIL mirror: CASE
# (expected X, got Y)". Exits 1 if any case failed.
#
# usage: scripts/test-mirror.sh
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

# The samples name their hosts @NAME@: written out here as
# http://NAME.invalid (the repository holds no mirror address)
samples=$(mktemp -d)
trap 'rm -rf "$samples"' EXIT
cp -r "$TOP/tests/mirror/." "$samples/"
find "$samples" -type f -exec sed -i -E 's#@(https?):([a-z]+)@#\1://\2.invalid#g' {} +
u() { echo "http://$1.invalid"; }
failed=0

# check CASE EXPECTED: run mirror.sh on tests/mirror/CASE. EXPECTED is the
# mirror it must print, or "exit N: MESSAGE" when it must fail so.
check() {
	local case=$1 want=$2 got rc=0
	got=$(APT_ETC=$samples/$case "$TOP/scripts/mirror.sh" 2>&1) || rc=$?
	[ "$rc" -eq 0 ] || got="exit $rc: $got"
	if [ "$got" = "$want" ]; then
		echo "PASS mirror: $case"
	else
		echo "FAIL mirror: $case (expected $want, got $got)"
		failed=1
	fi
}

# one-line format in sources.list only (a stock Debian 12): deb-src and
# debian-security before the mirror do not count
check one-line "$(u mirror)/debian"
# options in brackets, blanks inside them too; the URI is printed as written
check one-line-options "$(u mirror)/debian/"
# deb822 in sources.list.d only: a deb-src stanza, then a stanza listing
# two URIs of which the second is the mirror
check deb822 "$(u mirror)/debian"
# both places: apt reads sources.list before sources.list.d/, so the
# mirror of sources.list wins
check both "$(u first)/debian"
# within sources.list.d/, files go by name whatever their format
# (a.sources before b.list); files ending otherwise are not read
check order "$(u first)/debian"
# commented-out lines, a commented-out stanza and an "Enabled: no" stanza
# do not count
check disabled "$(u mirror)/debian"
# debian-security and third-party repositories (one ending in /debian,
# without component main) do not count
check security-third-party "$(u mirror)/debian"
# nothing usable: one line naming every file read (not *.list.disabled)
check none "exit 1: error: no Debian mirror (a deb URI ending in /debian, with component main) in $samples/none/sources.list, $samples/none/sources.list.d/debian.sources"
# no sources at all
check missing "exit 1: error: no Debian mirror: no apt sources in $samples/missing (sources.list, sources.list.d/*.list, sources.list.d/*.sources)"

exit "$failed"
