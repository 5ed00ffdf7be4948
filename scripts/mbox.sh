#!/bin/bash
# Prepare the series for the mailing list: build/mbox/ holds the cover
# letter and the patches, authored and signed off by the sender's own git
# identity, subjects "[PATCH SERIES n/N]" for a backport ("[PATCH n/N]"
# for a mainline series, configs/check), addressed with
# scripts/get_maintainer.pl, checked with checkpatch and with
# `git send-email --dry-run` (nothing is sent). The cover letter names the
# exact base, and the figures of build/report.md when that make check ran
# on this very revision of the series (scripts/stamp.sh) and passed.
#
# usage: scripts/mbox.sh [SERIES]     (default 6.12)
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=stamp.sh
. "$(dirname "$0")/stamp.sh"

series=${1:-6.12}
name=$(git -C "$TOP" config user.name || true)
email=$(git -C "$TOP" config user.email || true)
if [ -z "$name" ] || [ -z "$email" ]; then
	die "no git identity: set yours with git config --global user.name 'Your Name' and user.email you@example.org (the patches are signed off with it)"
fi
domain=$(echo "${email##*@}" | tr '[:upper:]' '[:lower:]')
case $domain in
example | *.example | example.com | *.example.com | example.org | *.example.org | example.net | *.example.net)
	die "the sender address $email is a placeholder (reserved example domain): set your own with git config --global user.email"
	;;
esac
[ -x "$(git --exec-path)/git-send-email" ] ||
	die "git send-email not found: install the Debian package 'git-email'"

version=$(base_version "$series")
# the cover letter's figures are those of the last make check if it ran on
# this revision of the series (same base, same patches) and passed
report=$BUILD/report.md
stamp=$(series_stamp "$series")
rseries=$series
rstamp=$(awk -v s="$series:" '$2 == "series-stamp" && $3 == s { print $4; exit }' "$report" 2>/dev/null || true)
results=$(sed -n -E 's/^## Results: ([0-9]+) passed, ([0-9]+) failed, .*/\1 \2/p' "$report" 2>/dev/null || true)
read -r passed failed <<<"${results:-0 0}"
figures=
if [ ! -s "$report" ]; then
	echo "warning: no build/report.md: the cover letter goes without figures (run make check SERIES=$series first)" >&2
elif [ "$rseries $rstamp" != "$series $stamp" ]; then
	echo "warning: build/report.md is of series ${rseries:-(none)} revision ${rstamp:-(none)}, not $series revision $stamp: the cover letter goes without figures (run make check SERIES=$series)" >&2
elif [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
	die "make check of $series revision $stamp did not pass ($passed passed, $failed failed; build/report.md): fix the series before mailing it"
else
	figures=$(sed -n -E 's/^## Results: (.*)/make check: \1/p; s/^- (base|configs|QEMU|kernel command line): /\1: /p' "$report" |
		fold -s -w 72 | sed 's/ *$//')
fi

tree=$BUILD/mbox-tree/$series
out=$BUILD/mbox/$series
"$TOP/scripts/tree.sh" --reset "$series" "$tree" >/dev/null
g() { git -C "$tree" -c user.name="$name" -c user.email="$email" "$@"; }

# the sender becomes the author of each patch and signs it off (git adds
# nothing when already there); sign-offs of placeholder addresses go
drop='/^Signed-off-by: .*[@.]example(\.(com|org|net))?>$/d'
g checkout -q -B mbox series
g rebase -q --exec "git log -1 --format=%B | sed -E '$drop' | git commit -q --amend --reset-author --signoff -F -" \
	refs/tags/base >"$LOGS/mbox-rebase.log" 2>&1

# the cover letter names the exact base
upstream=$(make -s -C "$BUILD/base/$series" kernelversion)
base_line="Base: Debian's linux-source-$series $version, the source of upstream v$upstream."
desc=$(g config branch.series.description)
if grep -q '^Base: ' <<<"$desc"; then
	desc=$(awk -v b="$base_line" '/^Base: / { $0 = b } { print }' <<<"$desc")
else
	desc=$desc$'\n\n'$base_line
fi
if [ -n "$figures" ]; then
	desc=${desc/checkpatch exceptions/Figures
-------
$figures

checkpatch exceptions}
fi
g config branch.mbox.description "$desc"

to=$(cd "$tree" && git format-patch -q --stdout refs/tags/base..mbox |
	scripts/get_maintainer.pl --no-rolestats --no-git --no-git-fallback --no-r --no-l |
	paste -s -d, -)
cc=$(cd "$tree" && git format-patch -q --stdout refs/tags/base..mbox |
	scripts/get_maintainer.pl --no-rolestats --no-git --no-git-fallback --no-m |
	paste -s -d, -)
# a backport names its stable base in the subject ("[PATCH 6.12 1/12]");
# a mainline series goes to the maintainers' trees as "[PATCH 1/6]"
kind=$(awk -v s="$series" '$1 == s { print $2; exit }' "$TOP/configs/check")
prefix="PATCH $series"
[ "$kind" = mainline ] && prefix=PATCH
rm -rf "$out"
g format-patch -q --cover-letter --cover-from-description=subject --thread=shallow \
	--subject-prefix="$prefix" --to="$to" --cc="$cc" -o "$out" refs/tags/base..mbox

"$TOP/scripts/checkpatch.sh" "$tree" "$out"/*.patch >"$LOGS/mbox-checkpatch.log" 2>&1 || {
	cat "$LOGS/mbox-checkpatch.log" >&2
	die "checkpatch finds problems in the mbox"
}
git send-email --dry-run --confirm=never --no-annotate --quiet --from="$name <$email>" \
	"$out"/*.patch </dev/null >"$LOGS/mbox-send-email.log" 2>&1 || {
	cat "$LOGS/mbox-send-email.log" >&2
	die "git send-email --dry-run refuses the mbox"
}
echo "mbox: ${out#"$TOP"/} ($(find "$out" -name '*.patch' | wc -l) mails, from $name <$email>)"
echo "  To: $to"
echo "  Cc: $cc"
echo "  send: git send-email ${out#"$TOP"/}/*.patch"
