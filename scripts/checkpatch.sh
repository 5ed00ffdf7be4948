#!/bin/bash
# checkpatch.pl --strict on each patch: no error, warning or check, but
# for the exceptions the cover letter justifies, one a line in the form
#   - N/M TYPE: why
# (patch N, checkpatch message type TYPE). The cover letter itself is not
# a patch and is only read for those lines.
#
# usage: scripts/checkpatch.sh TREE PATCH...     (TREE provides checkpatch.pl)
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

tree=${1:?usage: checkpatch.sh TREE PATCH...}
shift
fail=0
exceptions=
for p in "$@"; do
	case $p in
	*/0000-cover-letter.patch)
		exceptions=$(sed -n -E 's|^- ([0-9]+)/[0-9]+ ([A-Z_]+):.*|\1 \2|p' "$p")
		;;
	esac
done
for p in "$@"; do
	[[ $p == */0000-cover-letter.patch ]] && continue
	p=$(realpath "$p")
	n=$(basename "$p" | sed -E 's/^0*([0-9]+)-.*/\1/')
	ignore=$(awk -v n="$n" '$1 == n { printf "%s,", $2 }' <<<"$exceptions")
	# from the top of the tree, where checkpatch.pl expects to run, with
	# Debian's python3 for its SPDX check (python3-ply, python3-git)
	if out=$(cd "$tree" && PATH=/usr/bin:$PATH scripts/checkpatch.pl --strict --quiet --no-summary \
		--show-types ${ignore:+--ignore "${ignore%,}"} "$p" 2>&1) && [ -z "$out" ]; then
		echo "clean: ${p##*/}${ignore:+ (justified in the cover letter: ${ignore%,})}"
	else
		echo "${p##*/}:"
		echo "$out"
		fail=1
	fi
done
exit "$fail"
