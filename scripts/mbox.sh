#!/bin/bash
# Prepare the series for the mailing list: build/mbox/ holds the cover
# letter and the patches, signed off by the sender's own git identity
# (a mainline series' patches are authored by it too; a backport keeps
# its mainline author, whom git send-email copies), subjects "[PATCH
# SERIES n/N]" for a backport ("[PATCH n/N]" for a mainline series,
# configs/check), checked with checkpatch and with `git send-email
# --dry-run` (nothing is sent). Each patch is addressed to what
# scripts/get_maintainer.pl names for it (maintainers To:, reviewers and
# lists Cc:), the cover letter to all of them; a stable fix among the
# backports also as a mail of its own to stable
# (build/mbox/SERIES/stable/); a carry set
# (patches/SERIES/README: "Taker: none", or stable for its fixes only)
# writes those stable mails and nothing else. Earlier
# versions kept in patches/SERIES/vN/ make this one vN+1: "[PATCH vN+1
# n/N]", with a range-diff against vN in the cover letter. The cover
# letter names the exact base (base-commit: when configs/suites knows the
# upstream commit), and the figures of build/report.md when that make
# check ran on this very revision of the series (scripts/stamp.sh) and
# passed.
#
# SERIES=debian prepares patches/debian/'s request instead: the bug mail
# and the packaging patch, both from the sender.
#
# usage: scripts/mbox.sh [SERIES]     (default 6.12; or debian)
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

# The Debian request (patches/debian/, SERIES=debian): the bug mail from
# the sender, and the patch to the packaging with the sender as its
# author, dated now; what goes with them is the sender's to choose
# (reportbug --draftpath, a mail to submit@bugs.debian.org, a merge
# request on salsa)
if [ "$series" = debian ]; then
	out=$BUILD/mbox/debian
	rm -rf "$out"
	mkdir -p "$out"
	for p in "$TOP"/patches/debian/0*.patch; do
		awk -v from="From: $name <$email>" -v date="Date: $(date -R)" '
			!body && /^From: / { print from; skip = 1; next }
			!body && /^Date: / { print date; skip = 0; next }
			!body && skip && /^[ \t]/ { next }
			{ skip = 0 }
			/^$/ { body = 1 }
			{ print }' "$p" >"$out/${p##*/}"
	done
	for m in "$TOP"/patches/debian/*.mail; do
		{ echo "From: $name <$email>"; cat "$m"; } >"$out/${m##*/}"
	done
	echo "mbox: ${out#"$TOP"/}: $(find "$out" -type f | wc -l) files, from $name <$email>"
	exit 0
fi

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

# the sender signs off each patch, after its tags and notes (git adds
# nothing when already there), and becomes the author of a mainline
# series' patches; a backport keeps its mainline author. Sign-offs of
# placeholder addresses go.
kind=$(awk -v s="$series" '!/^#/ && $1 == s { print $2; exit }' "$TOP/configs/check")
drop='/^Signed-off-by: .*[@.]example(\.(com|org|net))?>$/d'
reset=--reset-author
[ "$kind" = mainline ] || reset=
reauthor="git log -1 --format=%B | sed -E '$drop' | git commit -q --amend $reset --signoff -F -"
g checkout -q -B mbox series
g rebase -q --exec "$reauthor" refs/tags/base >"$LOGS/mbox-rebase.log" 2>&1

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
	desc=${desc/checkpatch exceptions/Figures:
$figures

checkpatch exceptions}
fi
g config branch.mbox.description "$desc"

# maintainers: MAINTAINERS' M: entries (To:); reviewers and lists (Cc:)
# (its look-ups of Fixes: commits fail in a tree without mainline's
# history: their complaints go to the log)
maintainers() {
	(cd "$tree" && scripts/get_maintainer.pl --no-rolestats --no-git --no-git-fallback "$@" \
		2>>"$LOGS/mbox-get_maintainer.log" | paste -s -d, -)
}
to=$(g format-patch -q --stdout refs/tags/base..mbox | maintainers --no-r --no-l)
cc=$(g format-patch -q --stdout refs/tags/base..mbox | maintainers --no-m)
# a backport names its stable base in the subject ("[PATCH 6.12 1/12]");
# a mainline series goes to the maintainers' trees as "[PATCH 1/6]"
prefix="PATCH $series"
[ "$kind" = mainline ] && prefix=PATCH
# the previous version kept in patches/SERIES/vN: this is vN+1
prev=$(find "$TOP/patches/$series" -mindepth 1 -maxdepth 1 -type d -name 'v[0-9]*' |
	sed 's|.*/v||' | sort -n | tail -n 1)
range_diff=()
if [ -n "$prev" ]; then
	prefix="$prefix v$((prev + 1))"
	mapfile -t old < <(find "$TOP/patches/$series/v$prev" -name '[0-9][0-9][0-9][0-9]-*.patch' \
		! -name '0000-cover-letter.patch' | sort)
	g checkout -q -B "v$prev" refs/tags/base
	g am -q "${old[@]}" >"$LOGS/mbox-v$prev.log" 2>&1 ||
		die "patches/$series/v$prev does not apply to the base (log: ${LOGS#"$TOP"/}/mbox-v$prev.log)"
	# the same author and sign-off as this version: the range-diff shows
	# what changed in the patches, not who sends them
	g rebase -q --exec "$reauthor" refs/tags/base >>"$LOGS/mbox-v$prev.log" 2>&1
	g checkout -q mbox
	range_diff=(--range-diff="refs/tags/base..v$prev")
fi
rm -rf "$out"
g format-patch -q --cover-letter --cover-from-description=subject --thread=shallow \
	--subject-prefix="$prefix" "${range_diff[@]}" -o "$out" refs/tags/base..mbox
# each patch to its own maintainers, the cover letter to all of them
for p in "$out"/*.patch; do
	if [[ $p == */0000-cover-letter.patch ]]; then
		pto=$to pcc=$cc
	else
		pto=$(maintainers --no-r --no-l "$p")
		pcc=$(maintainers --no-m "$p")
	fi
	awk -v to="$pto" -v cc="$pcc" '!done && /^Subject: / { print "To: " to; print "Cc: " cc; done = 1 } { print }' \
		"$p" >"$p.tmp" && mv "$p.tmp" "$p"
done
# A stable fix among the backports (a patch with "commit <id> upstream."
# and "Cc: stable@") also goes to the stable tree on its own, as stable
# takes fixes: "[PATCH 6.1.y]" to stable@vger.kernel.org, its
# maintainers copied (and its mainline author, by git send-email), with
# patches/SERIES/stable-note below its "---" line.
if [ "$kind" != mainline ]; then
	i=0
	while read -r c; do
		i=$((i + 1))
		msg=$(g log -1 --format=%B "$c")
		grep -q -E '^commit [0-9a-f]{40} upstream\.$' <<<"$msg" || continue
		grep -q -E '^Cc: stable@vger\.kernel\.org' <<<"$msg" || continue
		# (numbered as in the series: the cover letter's checkpatch
		# exceptions name it by that number)
		p=$(g format-patch -1 --start-number "$i" --subject-prefix="PATCH $series.y" -o "$out/stable" "$c")
		pcc=$(maintainers "$p")
		awk -v cc="$pcc" '!done && /^Subject: / { print "To: stable@vger.kernel.org"; print "Cc: " cc; done = 1 } { print }' \
			"$p" >"$p.tmp" && mv "$p.tmp" "$p"
		# what stable should know that is not part of the commit
		# (patches/SERIES/stable-note), below the "---" line
		if [ -f "$TOP/patches/$series/stable-note" ]; then
			awk -v note="$TOP/patches/$series/stable-note" '
				{ print }
				!done && /^---$/ { while ((getline l < note) > 0) print l; print ""; done = 1 }' \
				"$p" >"$p.tmp" && mv "$p.tmp" "$p"
		fi
	done < <(g rev-list --reverse refs/tags/base..mbox)
fi
upstream_commit=$(awk -v s="$series" '$1 == s { print $4; exit }' "$TOP/configs/suites")
if [ -n "$upstream_commit" ]; then
	echo "base-commit: $upstream_commit" >>"$out/0000-cover-letter.patch"
else
	echo "warning: configs/suites has no upstream commit for $series: the cover letter has no base-commit: line" >&2
fi

# A carry set (patches/SERIES/README: "Taker: none", or stable for its
# fixes only) has no one to mail the series to: only its stable fixes go
taker=$(sed -n '1s/^Taker: //p' "$TOP/patches/$series/README" 2>/dev/null || true)
mails=()
carry=false
case $taker in
none* | "stable, for patch"*) carry=true ;;
*) mails=("$out"/*.patch) ;;
esac
[ -d "$out/stable" ] && mails+=("$out"/stable/*.patch)
# (the cover letter, mailed or not, holds the checkpatch exceptions)
"$TOP/scripts/checkpatch.sh" "$tree" "$out/0000-cover-letter.patch" "${mails[@]}" >"$LOGS/mbox-checkpatch.log" 2>&1 || {
	cat "$LOGS/mbox-checkpatch.log" >&2
	die "checkpatch finds problems in the mbox"
}
if $carry; then
	rm -f "$out"/*.patch
	echo "patches/$series is a carry set (patches/$series/README: Taker: $taker): the series is not mailed"
fi
[ "${#mails[@]}" -gt 0 ] || { echo "mbox: nothing to mail"; exit 0; }
git send-email --dry-run --confirm=never --no-annotate --quiet --from="$name <$email>" \
	"${mails[@]}" </dev/null >"$LOGS/mbox-send-email.log" 2>&1 || {
	cat "$LOGS/mbox-send-email.log" >&2
	die "git send-email --dry-run refuses the mbox"
}
echo "mbox: ${out#"$TOP"/} ($(find "$out" -name '*.patch' | wc -l) mails, from $name <$email>)"
if [ -f "$out/0000-cover-letter.patch" ]; then
	echo "  cover letter To: $to"
	echo "  cover letter Cc: $cc"
	echo "  send: git send-email ${out#"$TOP"/}/*.patch"
fi
if [ -d "$out/stable" ]; then
	echo "  to stable on their own ($(find "$out/stable" -name '*.patch' | wc -l)): git send-email ${out#"$TOP"/}/stable/*.patch"
fi
