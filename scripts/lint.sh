#!/bin/bash
# The workbench's own shell code: shellcheck finds nothing, and no script
# that sets pipefail pipes into "grep -q". grep -q quits at its first
# match; the command writing into the pipe then dies of SIGPIPE if it
# had more to write, and under pipefail the pipeline fails although the
# match was found (a check that flips at random: CI's run of b72df36 lost
# an alone boot's "tested a CMA heap" this way). Write
# "grep -q RE < <(cmd)" instead. Each rule is first shown rejecting a
# sample written to break it, by its message. Prints "PASS lint: ..." or
# "FAIL lint: ... (why)" lines; exits 1 if any failed.
#
# usage: scripts/lint.sh
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
need shellcheck shellcheck

failed=0
pass() { echo "PASS lint: $1"; }
fail() {
	echo "FAIL lint: $1 ($2)"
	failed=1
}

# the repository's shell scripts: by their first line
shell_files() {
	local f
	while IFS= read -r f; do
		case $(head -n 1 "$TOP/$f") in
		'#!/bin/bash'* | '#!/bin/sh'* | '# shellcheck shell=bash') echo "$f" ;;
		esac
	done < <(git -C "$TOP" ls-files)
}

# pipe_to_grep_q FILE...: "FILE:LINE: ..." for each line, outside
# comments, where a pipe feeds grep -q, in a file that sets pipefail or
# is sourced by bash scripts (which all set it)
pipe_to_grep_q() {
	local f
	for f in "$@"; do
		grep -q -E '^[[:space:]]*set -[a-z]*o pipefail|^# shellcheck shell=bash' "$f" || continue
		grep -n -E '(^|[^|])\|[[:space:]]*grep([[:space:]]+-[^[:space:]]+)*[[:space:]]+-[a-zA-Z]*q' "$f" |
			grep -v -E '^[0-9]+:[[:space:]]*#' | sed "s|^|${f#"$TOP"/}:|" || true
	done
}

mapfile -t files < <(shell_files)
[ "${#files[@]}" -gt 0 ] || fail "shell scripts found" "git ls-files listed none"

# the rules must reject their samples, for the reason they name
sample=$(mktemp)
trap 'rm -f "$sample"' EXIT
# (the pipe is a variable here, or this line would be a finding itself)
bar='|'
cat >"$sample" <<EOF
#!/bin/bash
set -euo pipefail
if dmesg $bar grep -q -F BUG; then echo \$x; fi
EOF
got=$(pipe_to_grep_q "$sample")
if [[ $got == *":3:if dmesg $bar grep -q -F BUG"* ]]; then
	pass "the pipe-into-grep-q rule rejects a sample (line 3 named)"
else
	fail "the pipe-into-grep-q rule rejects a sample" "got: ${got:-nothing}"
fi
got=$(shellcheck -f gcc "$sample" 2>&1) || true
if [[ $got == *"SC2154"* ]]; then
	pass "shellcheck rejects a sample (SC2154, an unset variable)"
else
	fail "shellcheck rejects a sample (SC2154)" "got: ${got:-nothing}"
fi

got=$(cd "$TOP" && pipe_to_grep_q "${files[@]}")
if [ -z "$got" ]; then
	pass "no script under pipefail pipes into grep -q (${#files[@]} scripts)"
else
	fail "no script under pipefail pipes into grep -q" "$(head -n 3 <<<"$got" | tr '\n' ' ')"
fi
if got=$(cd "$TOP" && shellcheck -f gcc "${files[@]}" 2>&1); then
	pass "shellcheck finds nothing (${#files[@]} scripts)"
else
	fail "shellcheck finds nothing" "$(head -n 3 <<<"$got" | tr '\n' ' ')"
fi
exit "$failed"
