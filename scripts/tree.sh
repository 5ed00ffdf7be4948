#!/bin/bash
# Make DIR a git tree of the pristine base with patches/SERIES applied by
# `git am`: branch "series" on top of the tag "base".
#
#   scripts/tree.sh SERIES DIR          new tree for a developer; refuses to
#                                       touch DIR if it exists
#   scripts/tree.sh --reset SERIES DIR  the workbench's own tree: reset and
#                                       re-apply (skipped when up to date)
#
# When a patch does not apply, say which patch and which hunk; DIR is left
# as it was before (a new DIR is removed, a reset DIR goes back to its
# previous commit).
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=stamp.sh
. "$TOP/scripts/stamp.sh"

reset=false
if [ "${1:-}" = --reset ]; then
	reset=true
	shift
fi
series=${1:?usage: tree.sh [--reset] SERIES DIR}
dir=${2:?usage: tree.sh [--reset] SERIES DIR}
workbench_lock "scripts/tree.sh $series"
base=$BUILD/base/$series
pdir=$TOP/patches/$series
[ -d "$base/.git" ] || die "no base for $series: run scripts/base.sh $series"
mapfile -t patches < <(series_patches "$series")
[ "${#patches[@]}" -gt 0 ] || die "patches/$series has no patches"
stamp=$(series_stamp "$series")

# report_failure PATCH LOG: name the patch and hunk that did not apply.
report_failure() {
	local patch=$1 log=$2 file line hunk
	echo "error: ${patch#"$TOP"/} does not apply to linux-source-$series $(cat "$base.version")" >&2
	read -r file line < <(sed -n 's/^error: patch failed: \(.*\):\([0-9]*\)$/\1 \2/p' "$log" | head -n 1) || true
	if [ -n "${file:-}" ]; then
		hunk=$(awk -v f="$file" -v l="$line" '
			/^diff --git / { cur = ($3 == "a/" f); n = 0 }
			cur && /^@@ / { n++; split($2, a, ","); if (-a[1] == l) { print n; exit } }' "$patch")
		echo "error: hunk #${hunk:-?} of $file (at line $line) failed" >&2
	else
		grep -E -m 3 '^(error|fatal):' "$log" >&2 || true
	fi
}

if [ -e "$dir" ] && ! $reset; then
	die "$dir exists: 'make export' to keep its commits, or remove it to start over"
fi
new=false
if [ ! -d "$dir/.git" ]; then
	rm -rf "$dir"
	# a full clone (hard links, not --shared): its commits must survive
	# scripts/base.sh replacing the base when Debian moves
	git clone -q --no-checkout "$base" "$dir"
	git -C "$dir" config gc.auto 0
	new=true
elif [ "$(cat "$dir/.git/workbench-stamp" 2>/dev/null)" = "$stamp $(git -C "$dir" rev-parse -q --verify HEAD)" ] &&
	[ "$(git -C "$dir" symbolic-ref -q HEAD)" = refs/heads/series ] &&
	[ -z "$(git -C "$dir" status --porcelain)" ]; then
	exit 0
fi
g() { git -C "$dir" "$@"; }
g am --abort >/dev/null 2>&1 || true
previous=$(g rev-parse -q --verify HEAD || true)
g fetch -q --force origin +refs/tags/base:refs/tags/base
g checkout -q -f -B series refs/tags/base
for p in "${patches[@]}"; do
	if ! g am -q --keep-cr "$p" >"$LOGS/am.log" 2>&1; then
		g am --abort >/dev/null 2>&1 || true
		report_failure "$p" "$LOGS/am.log"
		if $new; then
			rm -rf "$dir"
		elif [ -n "$previous" ]; then
			g checkout -q -f -B series "$previous"
		fi
		exit 1
	fi
done
# The cover letter's subject and text live on as the branch description, so
# that scripts/export.sh can regenerate it with a fresh shortlog.
if [ -f "$pdir/0000-cover-letter.patch" ]; then
	# (a long subject is folded over several header lines)
	awk '/^Subject: / { sub(/^Subject: (\[[^]]*\] )?/, ""); subject = $0; next }
		subject != "" && /^ / { subject = subject $0; next }
		subject != "" { print subject; print ""; subject = "" }
		/^$/ && !body { body = 1; next }
		body && /^[A-Za-z].* \([0-9]+\):$/ { exit }
		body { print }' "$pdir/0000-cover-letter.patch" >"$dir/.git/description.tmp"
	g config branch.series.description "$(cat "$dir/.git/description.tmp")"
	rm -f "$dir/.git/description.tmp"
fi
echo "$stamp $(g rev-parse HEAD)" >"$dir/.git/workbench-stamp"
echo "tree $series: ${dir#"$TOP"/} = base $(cat "$base.version") + ${#patches[@]} patches"
