#!/bin/bash
# Everything before a build: fetch Debian's linux-source-SERIES, extract it
# as the pristine base, and apply patches/SERIES to it in build/work/SERIES
# (the workbench's own tree; build/src/ is never touched). One stage line a
# step; each step's outcome is also recorded as a test result. Says so when
# Debian serves another version than the one configs/suites records.
#
# usage: scripts/prepare.sh SERIES
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

series=${1:?usage: prepare.sh SERIES}
pkg=linux-source-$series

if ! stage "fetch-$series" "$TOP/scripts/fetch.sh" "$series"; then
	result FAIL "$pkg: fetched from Debian"
	exit 1
fi
if ! stage "extract-$series" "$TOP/scripts/base.sh" "$series"; then
	result FAIL "$pkg: extracted as the pristine base"
	exit 1
fi
version=$(base_version "$series")
proven=$(proven_version "$series")
if [ -n "$proven" ] && [ "$proven" != "$version" ]; then
	echo "note: Debian now serves $pkg $version; the series was last proven on $proven (configs/suites)"
	echo "$series $version $proven" >>"$LOGS/moved"
fi
if stage "apply-$series" "$TOP/scripts/tree.sh" --reset "$series" "$BUILD/work/$series"; then
	result PASS "patches/$series applies with git am to $pkg $version"
else
	result FAIL "patches/$series applies with git am to $pkg $version"
	exit 1
fi
