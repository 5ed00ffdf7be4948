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
bad=$TOP/tests/bad/0001-workbench-a-change-every-static-gate-must-reject.patch

# expect PASS|FAIL NAME CMD...: run a gate, which must pass (PASS) or
# must reject its input (FAIL); its output goes to build/logs/gate-*.log.
expect() {
	local want=$1 name=$2 got=PASS log
	shift 2
	log=$LOGS/gate-$(tr -c 'a-z0-9\n' - <<<"${name,,}" | cut -c1-40).log
	"$@" >"$log" 2>&1 || got=FAIL
	if [ "$got" = "$want" ]; then
		result PASS "$name"
		echo "gate: $name: ok"
	else
		result FAIL "$name"
		echo "gate: $name: FAILED (log: ${log#"$TOP"/})"
		tail -n 20 "$log"
	fi
}
# new_findings TOOL OBJ: what OBJ's TOOL found that the base did not
new_findings() {
	comm -13 "$BUILD/obj/$series-gates-base/findings/$1" "$2/findings/$1"
}
no_new_findings() { [ -z "$(new_findings "$1" "$2" | tee "$LOGS/new-$1")" ]; }
has_new_findings() { ! no_new_findings "$@"; }

git -C "$work" checkout -q series
mapfile -t files < <(git -C "$work" diff --name-only refs/tags/base -- '*.c' ':!tools')
mapfile -t patches < <(find "$pdir" -name '0*.patch' | sort)

expect PASS "checkpatch --strict: every patch clean" \
	"$TOP/scripts/checkpatch.sh" "$work" "${patches[@]}"
expect PASS "kernel-doc -Wall: every exported symbol documented" \
	"$TOP/scripts/kerneldoc.sh" "$work"
stage "findings-base" "$TOP/scripts/findings.sh" "$base" "$BUILD/obj/$series-gates-base" "${files[@]}"
stage "findings-series" "$TOP/scripts/findings.sh" "$work" "$BUILD/obj/$series-gates" "${files[@]}"
for tool in w1 sparse coccinelle; do
	if no_new_findings "$tool" "$BUILD/obj/$series-gates"; then
		result PASS "$tool: nothing new against the base (${files[*]})"
	else
		result FAIL "$tool: nothing new against the base (${files[*]})"
		sed 's/^/    /' "$LOGS/new-$tool"
	fi
done

# Each gate must reject the bad change.
expect FAIL "checkpatch rejects trailing whitespace" "$TOP/scripts/checkpatch.sh" "$work" "$bad"
git -C "$work" checkout -q --detach series
git -C "$work" am -q --whitespace=nowarn "$bad"
expect FAIL "kernel-doc gate rejects an export without kernel-doc" "$TOP/scripts/kerneldoc.sh" "$work"
stage "findings-bad" "$TOP/scripts/findings.sh" "$work" "$BUILD/obj/$series-gates" drivers/dma-buf/dma-heap.c
for tool in w1 sparse coccinelle; do
	if has_new_findings "$tool" "$BUILD/obj/$series-gates"; then
		result PASS "$tool gate rejects the bad change"
	else
		result FAIL "$tool gate rejects the bad change"
	fi
done
git -C "$work" checkout -q series
