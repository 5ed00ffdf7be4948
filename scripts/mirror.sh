#!/bin/bash
# Print the first Debian archive mirror the system's apt sources name: the
# URI of a "deb" entry that ends in /debian (or /debian/) and carries the
# component main. That leaves out deb-src entries, debian-security and
# other archives (their URIs end otherwise), and third-party repositories
# that happen to end in /debian (docker, nginx, ...: no component main).
#
# Files are read in apt's own order: sources.list, then the *.list
# (one-line format) and *.sources (deb822) files of sources.list.d/ by
# name; the first mirror found wins. Commented-out entries and deb822
# stanzas with "Enabled: no" do not count.
#
# usage: scripts/mirror.sh
# Environment: APT_ETC=/etc/apt (the directory to read, for the tests)
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
export LC_ALL=C # file name order as apt sorts, not the locale's

etc=${APT_ETC:-/etc/apt}
etc=${etc%/}

# one-line format: deb [options] URI suite [component...]
oneline() {
	awk '{ sub(/#.*/, "") }
		$1 != "deb" { next }
		{
			sub(/^[ \t]*deb[ \t]+/, "")
			if (substr($0, 1, 1) == "[" && !sub(/^\[[^]]*\]/, ""))
				next
			n = split($0, w)
			if (w[1] !~ /\/debian\/?$/)
				next
			for (i = 3; i <= n; i++)
				if (w[i] == "main") { print w[1]; exit }
		}' "$1"
}

# deb822: stanzas of "Field: value" lines separated by blank lines; field
# names are case-insensitive, a line starting with a blank continues the
# field before it, and Types, URIs and Components are lists
deb822() {
	awk 'function has(list, word,   n, i, w) {
			n = split(list, w)
			for (i = 1; i <= n; i++)
				if (w[i] == word)
					return 1
			return 0
		}
		function stanza(   n, i, u) {
			if (!done && has(f["types"], "deb") && has(f["components"], "main") &&
			    !has(tolower(f["enabled"]), "no") && !has(tolower(f["enabled"]), "false")) {
				n = split(f["uris"], u)
				for (i = 1; i <= n; i++)
					if (u[i] ~ /\/debian\/?$/) {
						print u[i]
						done = 1
						break
					}
			}
			split("", f)
			key = ""
		}
		/^[ \t]*$/ { stanza(); next }
		/^#/ { next }
		/^[ \t]/ { if (key != "") f[key] = f[key] " " $0; next }
		{
			key = tolower($0)
			sub(/:.*/, "", key)
			sub(/^[^:]*:/, "")
			f[key] = $0
		}
		END { stanza() }' "$1"
}

files=()
[ -e "$etc/sources.list" ] && files+=("$etc/sources.list")
for f in "$etc"/sources.list.d/*; do
	case $f in
	*.list | *.sources) [ -f "$f" ] && files+=("$f") ;;
	esac
done
[ "${#files[@]}" -gt 0 ] ||
	die "no Debian mirror: no apt sources in $etc (sources.list, sources.list.d/*.list, sources.list.d/*.sources)"
for f in "${files[@]}"; do
	case $f in
	*.sources) url=$(deb822 "$f") ;;
	*) url=$(oneline "$f") ;;
	esac
	if [ -n "$url" ]; then
		echo "$url"
		exit 0
	fi
done
list=$(printf '%s, ' "${files[@]}")
die "no Debian mirror (a deb URI ending in /debian, with component main) in ${list%, }"
