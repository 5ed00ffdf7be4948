#!/bin/bash
# The Kconfig combinations a build bot tries, from the combos column of
# configs/check: each built and linked, in the series' object directory
# for its architecture (incrementally, in the order listed), with no
# compiler, linker or modpost warning (Kconfig's own notes on the
# fragments do not count). Built, not booted. Ends with "N passed, N
# failed, N skipped".
#
# usage: scripts/combos.sh [SERIES]     (default 6.12)
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

series=${1:-6.12}
export RESULTS=$LOGS/combos-results
start_job "make combos SERIES=$series"
warned='\.[chS]:[0-9]+:([0-9]+:)? warning:|^ld: warning:|WARNING: modpost:'

stage deps "$TOP/scripts/deps.sh"
"$TOP/scripts/prepare.sh" "$series" || die "patches/$series does not apply"
git -C "$BUILD/work/$series" checkout -q series
n=0
while read -r s _ arch _ combos; do
	if [ "$s" != "$series" ] || [ "$combos" = - ]; then
		continue
	fi
	export WB_ARCH=$arch
	IFS=, read -r -a list <<<"$combos"
	for c in "${list[@]}"; do
		log=$LOGS/build-$s-$arch-$c.log
		name="$s $arch: Kconfig $c ($(sed -n -E 's/^# (CONFIG_[A-Z0-9_]+) is not set$/\1=n/p; t; /^CONFIG_/p' "$TOP/configs/$c.config" | tr '\n' ' ' | sed 's/ $//')) builds and links, no compiler warning"
		if ! stage "build-$s-$arch-$c" "$TOP/scripts/build.sh" "$BUILD/work/$s" "$(objdir "$s")" "$c"; then
			result FAIL "$name"
		elif grep -q -E "$warned" "$log"; then
			result FAIL "$name" "$(grep -m 3 -E "$warned" "$log" | tr '\n' ' ')"
		else
			result PASS "$name"
		fi
		n=$((n + 1))
	done
done < <(grep -v -E '^[[:space:]]*(#|$)' "$TOP/configs/check")
[ "$n" -gt 0 ] || result FAIL "configs/check lists Kconfig combinations for $series"
finish_job "make combos"
