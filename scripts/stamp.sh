# shellcheck shell=bash
# Which patches make up a series, and the stamp naming one revision of it.
# Sourced after lib.sh, never run.

# series_patches SERIES: the patches of patches/SERIES in the order they
# apply, one path a line: those patches/SERIES/series lists (paths relative
# to patches/SERIES, as in a Debian series file) when it exists, otherwise
# every numbered patch in the directory but the cover letter.
series_patches() {
	local pdir=$TOP/patches/$1
	if [ -f "$pdir/series" ]; then
		sed -e 's/#.*//' -e '/^[[:space:]]*$/d' -e "s|^|$pdir/|" "$pdir/series"
	else
		find "$pdir" -name '[0-9][0-9][0-9][0-9]-*.patch' \
			! -name '0000-cover-letter.patch' | sort
	fi
}

# series_stamp SERIES: 12 hex digits naming this revision of the series,
# the sha1 of the base's Debian version file and of the patches: a new
# base or any change to a patch gives a new stamp.
series_stamp() {
	local version=$BUILD/base/$1.version patches p
	[ -f "$version" ] || die "no base for $1: run scripts/prepare.sh $1"
	mapfile -t patches < <(series_patches "$1")
	for p in "${patches[@]}"; do
		[ -f "$p" ] || die "no such patch: ${p#"$TOP"/}"
	done
	(
		cat "$version"
		cat "${patches[@]}" /dev/null
	) | sha1sum | cut -c1-12
}
