#!/bin/bash
# Every symbol a series exports must have kernel-doc, and kernel-doc -Wall
# must have nothing to say about it.
#
# usage: scripts/kerneldoc.sh TREE [BASE_REF]     (BASE_REF defaults to the tag "base")
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

tree=${1:?usage: kerneldoc.sh TREE [BASE_REF]}
ref=${2:-refs/tags/base}
fail=0
n=0
# "file symbol" for each EXPORT_SYMBOL*() line the series adds
while read -r file sym; do
	n=$((n + 1))
	# kernel-doc -function still warns about the file's other functions
	out=$(cd "$tree" && scripts/kernel-doc -none -Wall -function "$sym" "$file" 2>&1) || true
	out=$(grep -F "'$sym'" <<<"$out" || true)
	doc=$(cd "$tree" && scripts/kernel-doc -rst -function "$sym" "$file" 2>/dev/null)
	if [ -z "$doc" ]; then
		echo "$file: $sym is exported without kernel-doc"
		fail=1
	elif [ -n "$out" ]; then
		echo "$out"
		fail=1
	fi
done < <(git -C "$tree" diff -U0 "$ref" -- '*.c' | awk '
	/^\+\+\+ b\// { file = substr($2, 3) }
	/^\+EXPORT_SYMBOL/ { s = $0; sub(/^[^(]*\(/, "", s); sub(/[,)].*/, "", s); print file, s }')
echo "kernel-doc: $n exported symbols checked"
if [ "$n" -eq 0 ]; then
	echo "kernel-doc: the series adds no EXPORT_SYMBOL*(): nothing was checked"
	exit 1
fi
exit "$fail"
