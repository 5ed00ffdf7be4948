#!/bin/bash
# Write the commits of a series tree back to patches/SERIES with
# `git format-patch`, cover letter included (its subject and text are the
# branch description, its shortlog and diffstat are regenerated).
#
# usage: scripts/export.sh SERIES [DIR]     DIR defaults to build/src/SERIES
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

series=${1:?usage: export.sh SERIES [DIR]}
dir=${2:-$BUILD/src/$series}
out=$TOP/patches/$series
[ -d "$dir/.git" ] || die "no tree at $dir: run 'make tree' first"
[ -z "$(git -C "$dir" status --porcelain --untracked-files=no)" ] ||
	die "$dir has uncommitted changes: commit them (git commit --amend or a fixup) first"
[ -n "$(git -C "$dir" config branch.series.description)" ] ||
	die "no cover letter text: set it with 'git -C $dir branch --edit-description series'"

tmp=$(mktemp -d "$BUILD/export.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
git -C "$dir" format-patch -q --zero-commit --no-signature --cover-letter \
	--cover-from-description=subject -o "$tmp" refs/tags/base..series
mkdir -p "$out"
rm -f "$out"/[0-9][0-9][0-9][0-9]-*.patch
mv "$tmp"/*.patch "$out"/
echo "exported $(find "$out" -maxdepth 1 -name '0*.patch' ! -name '0000-*' | wc -l) patches and a cover letter to ${out#"$TOP"/}"
