#!/bin/bash
# kernel-doc on what a series changes:
# - every symbol the series exports must have kernel-doc, and
#   kernel-doc -Wall must have nothing to say about it;
# - on every C file and header the series touches, kernel-doc -Wall must
#   report nothing the base does not (compared without line numbers); the
#   warnings the series fixes are listed.
# Nothing checked (no export added, no file touched) is a failure.
# --backport: a backport carries mainline's exports as they are, with
# the kernel-doc mainline gave them: what the first check finds is
# listed ("as in mainline: ..."), not a failure; the second still holds.
#
# usage: scripts/kerneldoc.sh [--backport] TREE [BASE_REF]     (BASE_REF defaults to the tag "base")
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

backport=false
if [ "${1:-}" = --backport ]; then
	backport=true
	shift
fi
tree=${1:?usage: kerneldoc.sh [--backport] TREE [BASE_REF]}
ref=${2:-refs/tags/base}
fail=0
n=0
# -Wall is newer than some long-term trees (6.1): their kernel-doc warns
# about return values with -v, among lines of its own ("info:", a count)
wall=-Wall
help=$(cd "$tree" && { scripts/kernel-doc -h 2>&1 || true; })
[[ $help == *-Wall* ]] || wall=-v
kdoc() {
	(cd "$tree" && scripts/kernel-doc "$@" 2>&1) |
		{ grep -v -E ': info: |^[0-9]+ (warning|error)s?$' || true; }
}
# "file symbol" for each EXPORT_SYMBOL*() line the series adds (not
# EXPORT_SYMBOL_IF_KUNIT(): an export to the KUnit tests only, no API)
while read -r file sym; do
	n=$((n + 1))
	# kernel-doc -function still warns about the file's other functions
	out=$(kdoc -none "$wall" -function "$sym" "$file") || true
	out=$(grep -F "'$sym'" <<<"$out" || true)
	doc=$(cd "$tree" && scripts/kernel-doc -rst -function "$sym" "$file" 2>/dev/null)
	if [ -z "$doc" ]; then
		out="$file: $sym is exported without kernel-doc"
	fi
	if [ -n "$out" ] && $backport; then
		while IFS= read -r line; do echo "as in mainline: $line"; done <<<"$out"
	elif [ -n "$out" ]; then
		echo "$out"
		fail=1
	fi
done < <(git -C "$tree" diff -U0 "$ref" -- '*.c' | awk '
	/^\+\+\+ b\// { file = substr($2, 3) }
	/^\+EXPORT_SYMBOL_IF_KUNIT/ { next }
	/^\+EXPORT_SYMBOL/ { s = $0; sub(/^[^(]*\(/, "", s); sub(/[,)].*/, "", s); print file, s }')
echo "kernel-doc: $n exported symbols checked"

# warnings ROOT FILE: kernel-doc -Wall on ROOT/FILE, named FILE, without
# line numbers
warnings() {
	kdoc -none "$wall" "$1/$2" |
		sed -E "s|$1/||g; s/:[0-9]+([: ])/:\1/; s/line [0-9]+/line N/" | LC_ALL=C sort -u
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mapfile -t files < <(git -C "$tree" diff --name-only --diff-filter=M "$ref" -- '*.c' '*.h' ':!tools' ':!samples')
for f in "${files[@]}"; do
	mkdir -p "$tmp/base/$(dirname "$f")"
	git -C "$tree" show "$ref:$f" >"$tmp/base/$f"
	warnings "$tmp/base" "$f" >"$tmp/before"
	warnings "$(cd "$tree" && pwd)" "$f" >"$tmp/after"
	echo "kernel-doc $f: $(wc -l <"$tmp/before") warnings in the base, $(wc -l <"$tmp/after") with the series"
	comm -23 "$tmp/before" "$tmp/after" | sed 's/^/  fixed: /'
	comm -13 "$tmp/before" "$tmp/after" | sed 's/^/  new: /' >"$tmp/new"
	if [ -s "$tmp/new" ]; then
		cat "$tmp/new"
		fail=1
	fi
done
echo "kernel-doc: ${#files[@]} touched files compared with the base"
if [ "$n" -eq 0 ] && [ "${#files[@]}" -eq 0 ]; then
	echo "kernel-doc: the series adds no export and touches no C file or header: nothing was checked"
	exit 1
fi
exit "$fail"
