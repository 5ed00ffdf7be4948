#!/bin/bash
# The text of a series is for its takers, not for this repository: no
# commit message or cover letter line may name the workbench or one of
# its paths, keep a placeholder, or claim what the series cannot show.
# Reads each patch's subject and message (up to its "---" line) and the
# cover letter's text (up to its shortlog); prints each offending line as
# "PATCH:LINE: TEXT (why)" and fails if there is one.
#
# usage: scripts/product-text.sh PATCH...
set -euo pipefail

# ERE (case-insensitive), a tab, and why it is refused: one rule a line
rules=$(printf '%s\t%s\n' \
	'workbench' 'names the workbench' \
	'patches/[0-9]' 'names a path of the workbench' \
	'\bmake (check|mbox|debian|mutants|tree|export)\b' 'names a workbench command' \
	'to be filled in|filled in (later|when)' 'keeps a placeholder' \
	'\b(TODO|FIXME|TBD|XXX)\b' 'keeps a placeholder' \
	'@[A-Z_]+@' 'keeps a placeholder' \
	'sent to mainline first' 'claims a mainline posting it does not link')

[ $# -gt 0 ] || { echo "usage: product-text.sh PATCH..." >&2; exit 2; }
found=0
for p in "$@"; do
	[ -f "$p" ] || { echo "no such patch: $p" >&2; exit 2; }
	# the message: after the mail headers, up to "---" (a patch) or the
	# shortlog's "Author (N):" line (a cover letter)
	text=$(awk -v cover="$([[ $p == *0000-cover-letter.patch ]] && echo 1)" '
		body && /^---$/ { exit }
		body && cover && /^[^ ].* \([0-9]+\):$/ { exit }
		body { printf "%d:%s\n", NR, $0 }
		!body && /^Subject:/ { subj = 1 }
		!body && subj && /^[^ ]/ && !/^Subject:/ { subj = 0 }
		!body && subj { printf "%d:%s\n", NR, $0 }
		!body && /^$/ { body = 1 }' "$p")
	while IFS=$'\t' read -r pattern why; do
		while IFS= read -r hit; do
			[ -n "$hit" ] || continue
			echo "${p##*/}:${hit} ($why)"
			found=1
		done < <(grep -i -E -- "^[0-9]+:.*($pattern)" <<<"$text" || {
			rc=$?
			[ "$rc" -eq 1 ] || echo "0:grep failed on /$pattern/"
		})
	done <<<"$rules"
done
exit "$found"
