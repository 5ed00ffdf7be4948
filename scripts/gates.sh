#!/bin/bash
# The static gates a maintainer runs, on the series in build/work/SERIES:
# checkpatch --strict, kernel-doc, and W=1, sparse and coccinelle compared
# with the pristine base. Then each gate is fed tests/bad/ and must fail.
# Records its results for scripts/report.sh.
#
# usage: scripts/gates.sh SERIES
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

series=${1:?usage: gates.sh SERIES}
work=$BUILD/work/$series
base=$BUILD/base/$series
pdir=$TOP/patches/$series
bad=$(echo "$TOP/tests/bad/$series/"0001-*.patch)

# gate_log NAME: where a gate's output goes
gate_log() { echo "$LOGS/gate-$series-$(tr -c 'a-z0-9\n' - <<<"${1,,}" | cut -c1-40).log"; }
# accept NAME CMD...: a gate that must pass on the series
accept() {
	local name=$1 log
	shift
	log=$(gate_log "$name")
	if "$@" >"$log" 2>&1; then
		result PASS "$series: $name"
		echo "gate: $name: ok"
	else
		result FAIL "$series: $name"
		echo "gate: $name: FAILED (log: ${log#"$TOP"/})"
		tail -n 20 "$log"
	fi
}
# reject NAME PATTERN CMD...: a gate fed a bad change must fail, and say
# why in its own words (PATTERN, an extended regexp); failing for any
# other reason does not count
reject() {
	local name=$1 pattern=$2 log rc=0
	shift 2
	log=$(gate_log "$name")
	"$@" >"$log" 2>&1 || rc=$?
	if [ "$rc" -ne 0 ] && grep -q -E -- "$pattern" "$log"; then
		result PASS "$series: $name"
		echo "gate: $name: ok ($(grep -m 1 -o -E -- "$pattern" "$log"))"
	else
		result FAIL "$series: $name"
		echo "gate: $name: FAILED: exit $rc, expected /$pattern/ (log: ${log#"$TOP"/})"
		tail -n 20 "$log"
	fi
}
# new_findings TOOL OBJ [REFERENCE]: what OBJ's TOOL found that the
# REFERENCE's did not (default: the base's)
new_findings() {
	comm -13 "${3:-$BUILD/obj/$series-gates-base}/findings/$1" "$2/findings/$1"
}
no_new_findings() { [ -z "$(new_findings "$1" "$2" | tee "$LOGS/new-$series-$1")" ]; }

git -C "$work" checkout -q series
mapfile -t touched < <(git -C "$work" diff --name-only refs/tags/base -- '*.c' ':!tools')
mapfile -t files < <(units "$work" "${touched[@]}")
# the series and its cover letter (not the RFC patches sent apart)
mapfile -t patches < <(find "$pdir" -maxdepth 1 -name '0*.patch' | sort)
mapfile -t rfc < <(find "$pdir" -mindepth 2 -path '*/rfc/0*.patch' | sort)

accept "checkpatch --strict: every patch clean" \
	"$TOP/scripts/checkpatch.sh" "$work" "${patches[@]}"
# a backport carries mainline's exports with mainline's kernel-doc: it
# must add no warning, but is not asked to document what mainline did not
kind=$(awk -v s="$series" '!/^#/ && $1 == s { print $2; exit }' "$TOP/configs/check")
if [ "$kind" = backport ]; then
	accept "kernel-doc -Wall: nothing new in the touched files (exports as mainline documents them)" \
		"$TOP/scripts/kerneldoc.sh" --backport "$work"
else
	accept "kernel-doc -Wall: exports documented, nothing new in the touched files" \
		"$TOP/scripts/kerneldoc.sh" "$work"
fi
accept "the text is for its takers: no workbench, placeholder or unsupported claim" \
	"$TOP/scripts/product-text.sh" "${patches[@]}" "${rfc[@]}"
gates_obj=$BUILD/obj/$series-gates
# The series first; the base only when there is something to compare:
# a series with no finding has nothing new against any base.
tools=(w1 sparse coccinelle)
if ! stage "findings-$series" "$TOP/scripts/findings.sh" "$work" "$gates_obj" "${files[@]}" ||
	{ [ -n "$(cat "${tools[@]/#/$gates_obj/findings/}")" ] &&
		! stage "findings-$series-base" "$TOP/scripts/findings.sh" "$base" "$gates_obj-base" "${files[@]}"; }; then
	for tool in "${tools[@]}"; do
		result FAIL "$series: $tool: nothing new against the base (${files[*]})" "a checker did not run to completion"
	done
else
	for tool in "${tools[@]}"; do
		found=$(wc -l <"$gates_obj/findings/$tool")
		if [ "$tool" = sparse ] && [ -e "$gates_obj/findings/sparse.unavailable" ]; then
			result SKIP "$series: $tool: nothing new against the base (${files[*]})" \
				"$(cat "$gates_obj/findings/sparse.unavailable")"
		elif [ "$found" -eq 0 ]; then
			result PASS "$series: $tool: nothing new against the base (${files[*]}; the series: no finding)"
		elif no_new_findings "$tool" "$gates_obj"; then
			result PASS "$series: $tool: nothing new against the base (${files[*]}; the series: $found, all in the base)"
		else
			result FAIL "$series: $tool: nothing new against the base (${files[*]})"
			sed 's/^/    /' "$LOGS/new-$series-$tool"
		fi
	done
fi

# Each gate must reject the bad change, for the reason it names.
reject "checkpatch rejects trailing whitespace" 'TRAILING_WHITESPACE' \
	"$TOP/scripts/checkpatch.sh" "$work" "$bad"
# the series' first patch with one sentence about the workbench added
sed '0,/^$/s//\nTested on the workbench./' "${patches[1]}" >"$LOGS/product-text-bad.patch"
reject "the text gate rejects a message that names the workbench" \
	'product-text-bad.patch:[0-9]+:Tested on the workbench. \(names the workbench\)' \
	"$TOP/scripts/product-text.sh" "$LOGS/product-text-bad.patch"
git -C "$work" checkout -q --detach series
if ! git -C "$work" am -q --whitespace=nowarn "$bad" >"$LOGS/gate-am-bad.log" 2>&1; then
	git -C "$work" am --abort || true
	result FAIL "$series: tests/bad/$series/0001 applies on top of the series" "see build/logs/gate-am-bad.log"
	git -C "$work" checkout -q series
	exit 0
fi
if [ "$kind" = backport ]; then
	reject "kernel-doc gate rejects a new kernel-doc warning (an undescribed parameter)" \
		"new: .*'p' not described in 'dma_heap_gate_probe'" "$TOP/scripts/kerneldoc.sh" --backport "$work"
else
	reject "kernel-doc gate rejects an export without kernel-doc" \
		'dma_heap_gate_probe is exported without kernel-doc' "$TOP/scripts/kerneldoc.sh" "$work"
fi
# in an object directory of their own, so the series' findings stay valid;
# what is new is what the series (the reference) did not have; coccinelle
# runs the one rule that must speak
declare -A expected=(
	[w1]="no previous prototype for 'dma_heap_gate_probe'"
	[sparse]="symbol 'dma_heap_gate_probe' was not declared"
	[coccinelle]="NULL check before some freeing functions is not needed"
)
if FINDINGS_COCCI=free/ifnullfree.cocci stage "findings-$series-bad" \
	"$TOP/scripts/findings.sh" "$work" "$gates_obj-bad" drivers/dma-buf/dma-heap.c &&
	[ -f "$gates_obj/findings/w1" ]; then
	for tool in "${tools[@]}"; do
		if [ "$tool" = sparse ] && [ -e "$gates_obj-bad/findings/sparse.unavailable" ]; then
			result SKIP "$series: $tool gate rejects the bad change (${expected[$tool]})" \
				"$(cat "$gates_obj-bad/findings/sparse.unavailable")"
		elif grep -q -F -- "${expected[$tool]}" < <(new_findings "$tool" "$gates_obj-bad" "$gates_obj"); then
			result PASS "$series: $tool gate rejects the bad change (${expected[$tool]})"
		else
			result FAIL "$series: $tool gate rejects the bad change (${expected[$tool]})"
			new_findings "$tool" "$gates_obj-bad" "$gates_obj" | sed 's/^/    /'
		fi
	done
else
	for tool in "${tools[@]}"; do
		result FAIL "$series: $tool gate rejects the bad change (${expected[$tool]})" "a checker did not run to completion"
	done
fi
git -C "$work" checkout -q series
