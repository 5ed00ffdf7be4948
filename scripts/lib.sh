# shellcheck shell=bash
# Shared helpers for the workbench scripts: paths, stage lines, errors.
# Sourced, never run.

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-$TOP/build}
LOGS=$BUILD/logs
mkdir -p "$LOGS"

die() {
	echo "error: $*" >&2
	exit 1
}

# stage NAME CMD...: run CMD with its output in $LOGS/NAME.log, print one
# line with the stage's duration, and on failure the log's last lines.
stage() {
	local name=$1 log=$LOGS/$1.log start rc=0
	shift
	start=$(date +%s)
	printf '%-28s ... ' "$name"
	"$@" >"$log" 2>&1 || rc=$?
	if [ "$rc" -ne 0 ]; then
		echo "FAILED after $(($(date +%s) - start))s (log: ${log#"$TOP"/})"
		grep -E -i 'error|fatal|undefined|failed|patch|hunk' "$log" | tail -n 15 >&2 ||
			tail -n 15 "$log" >&2
		return "$rc"
	fi
	echo "done in $(($(date +%s) - start))s"
	echo "$name $(($(date +%s) - start))" >>"$LOGS/times"
}

# need CMD PACKAGE: fail with a one-line message naming the Debian package.
need() {
	command -v "$1" >/dev/null 2>&1 ||
		die "'$1' not found: install the Debian package '$2' (or run scripts/deps.sh)"
}

# base_version SERIES: the Debian package version of the fetched base.
base_version() {
	cat "$BUILD/base/$1.version" 2>/dev/null ||
		die "no base for $1: run scripts/fetch.sh $1"
}

# result PASS|FAIL|SKIP NAME [REASON]: record one test result for the report.
RESULTS=${RESULTS:-$LOGS/results}
result() {
	local status=$1 name=$2
	echo "$status $name${3:+ # $3}" >>"$RESULTS"
	[ "$status" = PASS ] || echo "  $status $name${3:+ # $3}"
}
