#!/bin/bash
# Run the static checkers maintainers run on the C files a series touches
# and write what they report, one finding a line, with line numbers dropped
# so that a tree and its base compare: OBJ/findings/{w1,sparse,coccinelle}.
#
# usage: scripts/findings.sh TREE OBJ FILE.c...
#   TREE  kernel tree; OBJ  its own object directory for the checks
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

tree=$(cd "${1:?usage: findings.sh TREE OBJ FILE.c...}" && pwd)
obj=${2:?usage: findings.sh TREE OBJ FILE.c...}
shift 2
need sparse sparse
need spatch coccinelle
mkdir -p "$obj/findings"
obj=$(cd "$obj" && pwd)
targets=()
for f in "$@"; do
	[ -f "$tree/$f" ] && targets+=("${f%.c}.o")
done
[ "${#targets[@]}" -gt 0 ] || die "none of the files exists in $tree: $*"

# Nothing to do when the tree, the files and the configuration are those
# of the last run (the base never changes).
stamp=$( (git -C "$tree" rev-parse HEAD; git -C "$tree" status --porcelain -- "$@"
	echo "$@"; cat "$TOP/configs/qemu-x86_64.config" "$TOP/configs/heaps-m.config") | sha1sum)
if [ "$(cat "$obj/findings/stamp" 2>/dev/null)" = "$stamp" ]; then
	echo "findings: up to date"
	exit 0
fi
rm -f "$obj/findings/stamp"

# the same minimal configuration as the =m kernel (Kconfig turns =m into
# =y where the tree does not allow modules)
kmake=(make -C "$tree" O="$obj" ARCH=x86_64 -j"$(nproc)")
cat "$TOP/configs/qemu-x86_64.config" "$TOP/configs/heaps-m.config" >"$obj/fragment.config"
"${kmake[@]}" KCONFIG_ALLCONFIG="$obj/fragment.config" allnoconfig
"${kmake[@]}" prepare

# normalise: path relative to the tree, no line or column numbers
normalise() {
	grep -E '(warning|error|WARNING|ERROR|note)[: ]' |
		sed -E "s|$tree/||g; s|^\./||; s|:[0-9]+(:[0-9-]+)*:|:|; s|line [0-9]+|line N|g" |
		LC_ALL=C sort -u
}
rm -f "${targets[@]/#/$obj/}"
"${kmake[@]}" W=1 "${targets[@]}" 2>&1 | tee "$obj/findings/w1.log" | normalise >"$obj/findings/w1" || true
# W=1 again, so that nothing is recompiled: only the checkers speak
"${kmake[@]}" W=1 C=2 "${targets[@]}" 2>&1 | tee "$obj/findings/sparse.log" |
	normalise >"$obj/findings/sparse" || true
"${kmake[@]}" W=1 C=2 CHECK="$tree/scripts/coccicheck" MODE=report "${targets[@]}" 2>&1 |
	tee "$obj/findings/coccinelle.log" | normalise >"$obj/findings/coccinelle" || true
for t in w1 sparse coccinelle; do
	echo "$t: $(wc -l <"$obj/findings/$t") findings"
done
echo "$stamp" >"$obj/findings/stamp"
