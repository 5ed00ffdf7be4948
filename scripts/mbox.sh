#!/bin/bash
# Prepare the series for the mailing list: build/mbox/ holds the cover
# letter and the patches, signed off by the sender's own git identity,
# addressed with scripts/get_maintainer.pl, checked with checkpatch and
# with `git send-email --dry-run` (nothing is sent).
#
# usage: scripts/mbox.sh [SERIES]     (default 6.12)
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

series=${1:-6.12}
name=$(git -C "$TOP" config user.name || true)
email=$(git -C "$TOP" config user.email || true)
if [ -z "$name" ] || [ -z "$email" ]; then
	die "no git identity: set yours with git config --global user.name 'Your Name' and user.email you@example.org (the patches are signed off with it)"
fi
[ -x "$(git --exec-path)/git-send-email" ] ||
	die "git send-email not found: install the Debian package 'git-email'"

version=$(base_version "$series")
tree=$BUILD/mbox-tree/$series
out=$BUILD/mbox/$series
"$TOP/scripts/tree.sh" --reset "$series" "$tree" >/dev/null
g() { git -C "$tree" -c user.name="$name" -c user.email="$email" "$@"; }

# the sender signs off each patch (git adds nothing when already there)
g checkout -q -B mbox series
g rebase -q --exec 'git commit -q --amend --no-edit --signoff' refs/tags/base >"$LOGS/mbox-rebase.log" 2>&1

# the cover letter names the exact base and the last make check's figures
upstream=$(make -s -C "$BUILD/base/$series" kernelversion)
desc=$(g config branch.series.description)
desc=${desc/Base: Debian linux-source-$series (Linux $series.y)./Base: Debian linux-source-$series $version (upstream v$upstream).}
if [ -s "$BUILD/report.md" ]; then
	figures=$(sed -n -E 's/^## Results: (.*)/make check: \1/p; s/^- (base|configs|QEMU|kernel command line): /\1: /p' "$BUILD/report.md" |
		fold -s -w 72 | sed 's/ *$//')
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
rm -rf "$out"
g format-patch -q --cover-letter --cover-from-description=subject --thread=shallow \
	--to="$to" --cc="$cc" -o "$out" refs/tags/base..mbox

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
