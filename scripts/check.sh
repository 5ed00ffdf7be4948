#!/bin/bash
# The tests: the series applies to a pristine base, every patch builds,
# the heaps build =m, =y and =n, and each kernel boots in QEMU where the
# guest checks the heaps and runs the dmabuf-heaps kselftests.
# Ends with "N passed, N failed, N skipped"; exits 1 if anything failed.
#
# usage: scripts/check.sh [SERIES]     (default 6.12)
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

series=${1:-6.12}
work=$BUILD/work/$series
: >"$RESULTS"
: >"$LOGS/times"
started=$(date +%s)

stage deps "$TOP/scripts/deps.sh"
stage "fetch-$series" "$TOP/scripts/fetch.sh" "$series"
stage "extract-$series" "$TOP/scripts/base.sh" "$series"
version=$(cat "$BUILD/base/$series.version")

if stage "apply-$series" "$TOP/scripts/tree.sh" --reset "$series" "$work"; then
	result PASS "series applies with git am to linux-source-$series $version"
else
	result FAIL "series applies with git am to linux-source-$series $version"
	exec "$TOP/scripts/report.sh" "$series"
fi

# Bisectability: every prefix of the series builds with the heaps =m, in
# one object directory (incremental), ending with the whole series.
mapfile -t commits < <(git -C "$work" rev-list --reverse refs/tags/base..series)
n=${#commits[@]}
for i in $(seq 1 "$n"); do
	c=${commits[$((i - 1))]}
	subject=$(git -C "$work" log -1 --format=%s "$c")
	git -C "$work" checkout -q --detach "$c"
	verify=--no-verify
	[ "$i" -eq "$n" ] && verify=
	if stage "build-$series-m-$i" "$TOP/scripts/build.sh" $verify \
		"$work" "$BUILD/obj/$series-m" heaps-m; then
		result PASS "patch $i/$n builds with heaps =m: $subject"
	else
		result FAIL "patch $i/$n builds with heaps =m: $subject"
	fi
done
git -C "$work" checkout -q series

for heaps in y n; do
	if stage "build-$series-$heaps" "$TOP/scripts/build.sh" \
		"$work" "$BUILD/obj/$series-$heaps" "heaps-$heaps"; then
		result PASS "series builds with heaps =$heaps"
	else
		result FAIL "series builds with heaps =$heaps"
	fi
done

for heaps in m y n; do
	obj=$BUILD/obj/$series-$heaps
	log=$LOGS/boot-$series-$heaps.log
	: >"$log"
	if ! stage "initramfs-$series-$heaps" "$TOP/scripts/initramfs.sh" "$work" "$obj"; then
		result FAIL "$series =$heaps: initramfs"
		continue
	fi
	if stage "boot-$series-$heaps" "$TOP/scripts/boot.sh" "$obj" "$heaps" check "$log"; then
		result PASS "$series =$heaps: boots, no panic/oops/warning, powers off"
	else
		result FAIL "$series =$heaps: boots, no panic/oops/warning, powers off"
	fi
	"$TOP/scripts/guest-results.sh" "$log" "$series =$heaps"
	if [ "$heaps" != n ] && ! grep -q "^[A-Z]* $series =$heaps: kselftest: .* selftests: dmabuf-heaps" "$RESULTS"; then
		result FAIL "$series =$heaps: the dmabuf-heaps kselftests ran"
	fi
done

echo "make check took $(($(date +%s) - started))s" >>"$LOGS/times"
exec "$TOP/scripts/report.sh" "$series"
