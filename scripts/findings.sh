#!/bin/bash
# Run the static checkers maintainers run on the C files a series touches
# and write what they report, one finding a line, with line numbers dropped
# so that a tree and its base compare: OBJ/findings/{w1,sparse,coccinelle}.
#
# usage: scripts/findings.sh TREE OBJ FILE.c...
#   TREE  kernel tree; OBJ  its own object directory for the checks
# Environment: FINDINGS_COCCI (one rule of scripts/coccinelle, such as
# free/ifnullfree.cocci, instead of all of them)
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
cocci_src=$obj/cocci-src
targets=()
files=()
for f in "$@"; do
	[ -f "$tree/$f" ] || continue
	targets+=("${f%.c}.o")
	files+=("$f")
done
[ "${#targets[@]}" -gt 0 ] || die "none of the files exists in $tree: $*"

# Nothing to do when the tree, the files and the configuration are those
# of the last run (the base never changes).
stamp=$( (git -C "$tree" rev-parse HEAD; git -C "$tree" status --porcelain -- "$@"
	echo "$@" "${FINDINGS_COCCI:-}"; cat "$TOP/configs/qemu-x86_64.config" "$TOP/configs/heaps-m.config" "$0") | sha1sum)
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

# normalise: path relative to the tree, no line or column numbers; spatch's
# remarks on a rule's own text ("should X be a metavariable?") and
# coccicheck's on rules it skips are about the rules, not the code checked
normalise() {
	grep -E '(warning|error|WARNING|ERROR|note)[: ]' |
		grep -v -E '^warning: line [0-9]+: should .* be a metavariable\?$|^warning: Skipping .* as it does not match mode' |
		sed -E "s|$cocci_src/||g; s|$tree/||g; s|^\./||; s|:[0-9]+(:[0-9-]+)*:|:|; s|line [0-9]+|line N|g; s/‘|’/'/g" |
		LC_ALL=C sort -u
}
rm -f "${targets[@]/#/$obj/}"
# run_checker TOOL MAKE-ARGS...: one pass over the targets; the checker must
# run to completion, never count as "0 findings" when it did not
run_checker() {
	local tool=$1 log=$obj/findings/$1.log rc=0
	shift
	"${kmake[@]}" "$@" "${targets[@]}" >"$log" 2>&1 || rc=$?
	normalise <"$log" >"$obj/findings/$tool" || true
	if [ "$rc" -ne 0 ]; then
		echo "$tool: make exited with status $rc (log: ${log#"$TOP"/}):" >&2
		grep -E -i -m 10 'error|failed|not found|no ocaml' "$log" >&2 || true
		return 1
	fi
}
incomplete() {
	echo "$1: did not run to completion: $2 (log: ${obj#"$TOP"/}/findings/$1.log)" >&2
	exit 1
}
run_checker w1 W=1
for t in "${targets[@]}"; do
	[ -f "$obj/$t" ] || incomplete w1 "$t was not compiled"
done
# W=1 again, so that nothing is recompiled: only the checkers speak
# a kernel may ask for a newer sparse than Debian's: then sparse cannot
# check it at all, which is said (findings/sparse.unavailable), not
# counted as "0 findings"
rm -f "$obj/findings/sparse.unavailable"
run_checker sparse W=1 C=2
if grep -q 'sparse is not available or not up to date' "$obj/findings/sparse.log"; then
	echo "this kernel needs a newer sparse than $(sparse --version 2>&1 | head -n 1)" >"$obj/findings/sparse.unavailable"
fi
# per_file LOG PATTERN: how many of the files a LOG line matching PATTERN
# names (make also checks scripts/mod/empty.c on the way: not counted)
per_file() {
	local f n=0
	for f in "${files[@]}"; do
		grep -q -F -- "/$f" < <(grep -E -- "$2" "$1") && n=$((n + 1))
	done
	echo "$n"
}
checked=$(per_file "$obj/findings/sparse.log" '^  CHECK ')
[ "$checked" -eq "${#targets[@]}" ] || [ -e "$obj/findings/sparse.unavailable" ] ||
	incomplete sparse "it checked $checked of ${#targets[@]} files"
# coccinelle as maintainers run it on a directory (make coccicheck M=DIR:
# each rule once, over every file of DIR), on a directory that holds copies
# of the files at their paths in the tree
cocci=()
if [ -n "${FINDINGS_COCCI:-}" ]; then
	[ -f "$tree/scripts/coccinelle/$FINDINGS_COCCI" ] || die "FINDINGS_COCCI: no scripts/coccinelle/$FINDINGS_COCCI in $tree"
	cocci=(COCCI="$tree/scripts/coccinelle/$FINDINGS_COCCI")
fi
rm -rf "$cocci_src"
for f in "${files[@]}"; do
	mkdir -p "$cocci_src/$(dirname "$f")"
	cp "$tree/$f" "$cocci_src/$f"
done
copies=$(find "$cocci_src" -name '*.c' | wc -l)
[ "$copies" -eq "${#files[@]}" ] || incomplete coccinelle "$copies of ${#files[@]} files copied for it"
log=$obj/findings/coccinelle.log
rc=0
"${kmake[@]}" coccicheck MODE=report M="$cocci_src" "${cocci[@]}" >"$log" 2>&1 || rc=$?
normalise <"$log" >"$obj/findings/coccinelle" || true
[ "$rc" -eq 0 ] || incomplete coccinelle "make coccicheck exited with status $rc"
# coccicheck prints each spatch command it runs: every rule of
# scripts/coccinelle must have run over the directory (or been skipped by
# its own version or mode check), and no spatch may have failed
rules=$(find "$tree/scripts/coccinelle" -name '*.cocci' | wc -l)
[ -z "${FINDINGS_COCCI:-}" ] || rules=1
[ "$rules" -gt 0 ] || incomplete coccinelle "no rules in scripts/coccinelle"
# rules skipped by their own checks, each named once (too new for this
# spatch, or without the mode asked for)
skipped=$(sed -n -E 's/^Skipping coccinelle SmPL patch: (.*)/\1/p
	s/^warning: Skipping ([^ ]+) as it does not match mode .*/\1/p' "$log" |
	sort -u | wc -l)
# (newer kernels run make in M=DIR itself: "--dir ." there)
ran=$(grep -- '--cocci-file ' "$log" | grep -c -E -- "--dir ($cocci_src|\.) " || true)
if grep -q -- '--dir \. ' "$log" && ! grep -q -F "Entering directory '$cocci_src'" "$log"; then
	incomplete coccinelle "spatch ran over '.', and make did not enter ${cocci_src#"$TOP"/}"
fi
[ $((ran + skipped)) -eq "$rules" ] ||
	incomplete coccinelle "$ran of $rules rules ran over ${cocci_src#"$TOP"/} ($skipped skipped)"
if grep -E -i 'No OCaml|coccicheck failed|Fatal error|exception' "$obj/findings/coccinelle.log" >&2; then
	incomplete coccinelle "spatch reported an error"
fi
echo "w1: ${#targets[@]} files compiled, $(wc -l <"$obj/findings/w1") findings"
echo "sparse: $checked files checked, $(wc -l <"$obj/findings/sparse") findings"
echo "coccinelle: $ran of $rules rules ran over the ${#files[@]} files ($skipped skipped by their own checks), $(wc -l <"$obj/findings/coccinelle") findings"
echo "$stamp" >"$obj/findings/stamp"
