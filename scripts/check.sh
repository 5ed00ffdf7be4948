#!/bin/bash
# The tests. First the workbench's own self-tests; then, for the backport
# series (SERIES, default 6.12) and for the mainline series (MAINLINE,
# default 7.3), on each guest architecture configs/check names for them:
# the series applies to Debian's pristine source, the heaps build =m, =y
# (and =n for a backport), each kernel boots in QEMU where the guest
# checks the heaps and runs the dmabuf-heaps kselftests; once a series, on
# its first architecture: every patch builds, the static gates find
# nothing new, and a named check fails on a kernel whose system
# heap can be unloaded. The Kconfig
# combinations of configs/check are scripts/combos.sh's (make combos).
# Every failure, early ones included, ends in build/report.md and the
# closing line "N passed, N failed, N skipped"; exits 1 if anything failed.
#
# usage: scripts/check.sh [SERIES]     (default 6.12)
# Environment: MAINLINE=7.3 (the mainline series to prove; empty: skip it),
# ARCHS="x86_64 arm64" (the guest architectures to prove them on)
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=stamp.sh
. "$TOP/scripts/stamp.sh"

series=${1:-6.12}
mainline=${MAINLINE-7.3}
archs=${ARCHS:-x86_64 arm64}
start_job "make check SERIES=$series"
: >"$LOGS/moved"
rm -f "$LOGS"/series-stamp*

finish() {
	echo "make check took $(($(date +%s) - started))s" >>"$LOGS/times"
	"$TOP/scripts/report.sh" "$series" || exit 1
	exit 0
}

# build SERIES HEAPS [BUILD-OPTIONS]: build/work/SERIES with the heaps
# =HEAPS, in the one object directory of SERIES for WB_ARCH (incremental).
# build.sh puts the fragments of the tree's tests (the selftests' config
# with its default CMA area, KUnit) before heaps-HEAPS: the kernels are
# those a CI builds from them, with the heaps as make check asks.
build() {
	"$TOP/scripts/build.sh" "${@:3}" "$BUILD/work/$1" "$(objdir "$1")" "heaps-$2"
}

# compat_selftest SERIES: the compat32 boot must notice a 64-bit program
# among its 32-bit ones: the =m kernel's compat32 initramfs, with the
# 64-bit heap-demo in place of the 32-bit one
compat_selftest() {
	local s=$1 obj root log=$LOGS/boot-selftest-$1-$WB_ARCH-compat32.log
	local name="$s $WB_ARCH: a 64-bit program in the compat32 boot fails its 32-bit check, named"
	obj=$(objdir "$s-m")
	root=$obj/initramfs
	if ! WB_COMPAT32=1 "$TOP/scripts/initramfs.sh" "$BUILD/work/$s" "$obj" >"$log" 2>&1; then
		result FAIL "$name" "the compat32 initramfs failed (log: ${log#"$TOP"/})"
		return
	fi
	cp "$root/bin/heap-demo" "$root/bin32/heap-demo"
	pack_initramfs "$root" "$obj/initramfs.cpio.gz"
	"$TOP/scripts/boot.sh" "$obj" m compat32 "$log" >/dev/null 2>&1 || true
	expect_said "$(tr -d '\r' <"$log")" 'WB: not ok bin32/heap-demo is a 32-bit [a-z0-9]+ program' "$name"
}

# alone_selftest SERIES HEAPS: lib.sh's alone_tested_cma, given this run's
# own results of the HEAPS:alone boot with one thing broken, must fail for
# that reason: dmabuf-heap-modules among them, dmabuf-heap not passed, no
# passed subtest on a heap other than system (a dmabuf-heap without
# subtests: its log without a "Testing heap:" line of another heap)
alone_selftest() {
	local s=$1 log=$LOGS/boot-$1-$WB_ARCH-$2-alone.log tmp=$LOGS/alone-selftest-$1-$WB_ARCH-$2
	# (the label starts with the series, as a boot's: configs/known-failures
	# applies to its results)
	local label="$1 selftest" name="$s $WB_ARCH =$2 alone: the check fails" edit reason
	local -a cases=(
		"\$a PASS $label: kselftest: dmabuf-heap-modules 1 heap_module.system.load|dmabuf-heap-modules ran too"
		"s/^[A-Z]+ ($label: kselftest: [0-9]+ selftests: dmabuf-heaps: dmabuf-heap)( # .*)?$/FAIL \1/|dmabuf-heap did not pass"
		"/\\[system\\]/!s/^PASS ($label: kselftest: dmabuf-heap \\[)/FAIL \1/|no subtest passed on a heap other than system"
	)
	tr -d '\r' <"$log" | grep -v -E '^# Testing heap: ' >"$tmp.log" || true
	for c in "${cases[@]}"; do
		edit=${c%%|*} reason=${c#*|}
		: >"$tmp"
		RESULTS=$tmp "$TOP/scripts/guest-results.sh" "$log" "$label" >/dev/null
		# 6.1's dmabuf-heap prints no subtests: its heaps are named in
		# "Testing heap:" lines, left out of the log given to the check
		if [ "$reason" = "no subtest passed on a heap other than system" ] &&
			! grep -q -E "^[A-Z]+ $label: kselftest: dmabuf-heap \[" "$tmp"; then
			reason="no 'Testing heap:' line names a heap other than system"
		fi
		sed -i -E "$edit" "$tmp"
		RESULTS=$tmp alone_tested_cma "$label" "$tmp.log" >/dev/null
		if grep -q -F "FAIL $label: dmabuf-heap ran alone, passed and tested a CMA heap # $reason" "$tmp"; then
			result PASS "$name: $reason"
		else
			result FAIL "$name: $reason" "got: $(grep ' ran alone' "$tmp" | head -c 300)"
		fi
	done
}

# boot_selftests SERIES: faults of a boot on WB_ARCH's =m kernel, each
# reported for what it is: a device tree QEMU refuses, a guest with no CMA
# heap node where the device tree was to declare linux,cma, a guest that
# does not power off in time. For architectures that take the CMA area
# from a device tree (CMA_MODES has dt).
boot_selftests() {
	local s=$1 obj log out dt
	obj=$(objdir "$s-m")
	log=$LOGS/boot-selftest-$s-$WB_ARCH
	dt=$( (load_arch && echo "$CMA_MODES") | grep -w dt || true)
	[ -n "$dt" ] || return 0

	printf 'not a device tree\n' >"$obj/bad.dtb"
	out=$(BOOT_DTB=$obj/bad.dtb WB_CMA=dt "$TOP/scripts/boot.sh" "$obj" m run "$log-bad-dtb.log" 2>&1) || true
	expect_said "$out" 'boot: QEMU rejected the device tree' \
		"$s $WB_ARCH: a device tree QEMU rejects fails the boot, named"

	# QEMU's own device tree, without the CMA node the guest is told to
	# expect (through dtc, as scripts/dtb.sh does: QEMU's dump is padded to
	# 1 MiB, and a kernel booted with that never prints a line)
	(load_arch && read -r -a args <<<"$QEMU $QEMU_ARGS $ACCEL_ARGS" &&
		"${args[@]}" -machine dumpdtb="$obj/qemu.dtb" >/dev/null 2>&1 &&
		dtc -q -I dtb -O dts "$obj/qemu.dtb" | dtc -q -I dts -O dtb -o "$obj/no-cma.dtb") || true
	# (the kernel may still make a default area of its own, from the
	# selftests' CONFIG_CMA_SIZE_MBYTES: its node is then "reserved")
	BOOT_DTB=$obj/no-cma.dtb WB_CMA=dt "$TOP/scripts/boot.sh" "$obj" m run "$log-no-cma.log" >/dev/null 2>&1 || true
	expect_said "$(tr -d '\r' <"$log-no-cma.log")" 'WB: not ok CMA heap node \(linux,cma\): found (no CMA heap node|reserved) instead' \
		"$s $WB_ARCH: a device tree without the linux,cma node fails the guest's CMA heap check, named"

	# a guest whose init is a shell waiting for input on the console
	out=$(BOOT_TIMEOUT=10 BOOT_APPEND="rdinit=/bin/sh" "$TOP/scripts/boot.sh" "$obj" m run "$log-hang.log" 2>&1) || true
	expect_said "$out" 'boot: TIMEOUT: no power-off within 10s' \
		"$s $WB_ARCH: a guest that does not power off fails on the boot timeout, named"
}

# expect_said TEXT PATTERN NAME: a result NAME, passed when TEXT matches
# PATTERN (an extended regexp)
expect_said() {
	if grep -q -E -- "$2" <<<"$1"; then
		result PASS "$3"
	else
		result FAIL "$3" "expected /$2/, got: $(head -c 300 <<<"$1" | tr '\n' ' ')"
	fi
}

# bisect_selftest SERIES: the series plus tests/bad/SERIES/0002 (a missing
# semicolon in system_heap.c) must fail to build, with the compiler's own
# error for that line; any other failure (a missing tool, say) does not count.
bisect_selftest() {
	local work=$BUILD/work/$1 log=$LOGS/bisect-bad-build-$1.log rc=0
	git -C "$work" checkout -q --detach series
	git -C "$work" am -q "$TOP/tests/bad/$1/"0002-*.patch || {
		git -C "$work" am --abort
		echo "tests/bad/$1/0002 does not apply on top of the series"
		return 1
	}
	build "$1" m --no-verify >"$log" 2>&1 || rc=$?
	git -C "$work" checkout -q series
	if [ "$rc" -eq 0 ]; then
		echo "the build with a missing semicolon succeeded (log: ${log#"$TOP"/})"
		return 1
	fi
	# gcc quotes with ASCII or typographic quotes, after the locale
	grep -E "system_heap\.c:[0-9]+:[0-9]+: error: expected [^ ]{0,3};[^ ]{0,3} before [^ ]{0,3}if" "$log" || {
		echo "the build failed, but not with the compiler's error for the broken line (log: ${log#"$TOP"/})"
		return 1
	}
}

# kernel_files COMMIT: the files COMMIT changes that a kernel build reads
# (all but Documentation/, tools/testing/selftests/ and MAINTAINERS), in
# build/work/SERIES ($work)
kernel_files() {
	git -C "$work" diff --name-only "$1^" "$1" |
		grep -v -E '^(Documentation/|tools/testing/selftests/|MAINTAINERS$)' || true
}

# selftests_build SERIES: the dmabuf-heaps kselftests of build/work/SERIES
# as checked out, built for WB_ARCH against its UAPI headers: what a
# bisect of a selftest patch has to build
selftests_build() {
	local src=$BUILD/work/$1 out hdr
	out=$(objdir "$1")/selftests-prefix
	load_arch
	hdr=$(uapi_headers "$src" "$KARCH" "$CROSS_COMPILE")
	rm -rf "$out"
	mkdir -p "$out"
	build_kselftests "$src" "$out" "$hdr" ARCH="$KARCH" CROSS_COMPILE="$CROSS_COMPILE"
	[ -x "$out/kselftest/dmabuf-heaps/dmabuf-heap" ]
}

# prove SERIES KIND ARCH BOOTS - FIRST: everything make check asks of
# a series on one guest architecture (a line of configs/check); FIRST=1 on
# a series' first line adds what is proven once a series
prove() {
	local s=$1 kind=$2 boots first=$6 work=$BUILD/work/$1 commits n i c subject verify heaps b what
	local all=(m y n)
	export WB_ARCH=$3
	IFS=, read -r -a boots <<<"$4"
	[ "$kind" = mainline ] && all=(m y)
	if [ "$first" = 1 ]; then
		# (already applied in this run when it holds a backport's tests)
		grep -q "^PASS patches/$s applies" "$RESULTS" || "$TOP/scripts/prepare.sh" "$s" || return 0
		# the revision under test, named now: a patch edited during the
		# run must not lend its name to these results
		series_stamp "$s" >"$LOGS/series-stamp-$s"
	elif ! grep -q "^PASS patches/$s applies" "$RESULTS"; then
		return 0
	fi
	# the kselftests that run on these kernels: a backport's are those of
	# the mainline series' tree (lib.sh's use_tests)
	if ! use_tests "$s"; then
		result FAIL "$s $WB_ARCH: the tree of its kselftests, patches/$(tests_series "$s"), applies"
		return 0
	fi
	# Bisectability: every prefix of the series builds with the heaps =m,
	# in one object directory (incremental), ending with the whole series;
	# on the series' first line (architecture) only, as a build bot
	# bisects on one: the other lines build the whole series. A patch
	# before the last that changes no file a kernel build reads builds
	# what it changes: its kselftests (a documentation patch, nothing).
	mapfile -t commits < <(git -C "$work" rev-list --reverse refs/tags/base..series)
	n=${#commits[@]}
	i=1
	[ "$first" = 1 ] || i=$n
	for i in $(seq "$i" "$n"); do
		c=${commits[$((i - 1))]}
		subject=$(git -C "$work" log -1 --format=%s "$c")
		git -C "$work" checkout -q --detach "$c"
		if [ "$i" -lt "$n" ] && [ -z "$(kernel_files "$c")" ]; then
			what="patch $i/$n changes no kernel source"
			if [ -z "$(git -C "$work" diff --name-only "$c^" "$c" -- tools/testing/selftests)" ]; then
				result SKIP "$s $WB_ARCH: $what (documentation): nothing to build: $subject"
			elif stage "selftests-$s-$WB_ARCH-$i" selftests_build "$s"; then
				result PASS "$s $WB_ARCH: $what; its kselftests build: $subject"
			else
				result FAIL "$s $WB_ARCH: $what; its kselftests build: $subject"
			fi
			continue
		fi
		verify=(--no-verify)
		[ "$i" -eq "$n" ] && verify=(--into "$(objdir "$s-m")")
		if stage "build-$s-$WB_ARCH-m-$i" build "$s" m "${verify[@]}"; then
			result PASS "$s $WB_ARCH: patch $i/$n builds with heaps =m: $subject"
		else
			result FAIL "$s $WB_ARCH: patch $i/$n builds with heaps =m: $subject"
		fi
	done
	git -C "$work" checkout -q series
	# The bisect gate must be able to fail, for the reason it names (after
	# the prefixes: on top of the whole series only one file rebuilds).
	if [ "$first" = 1 ]; then
		if stage "bisect-selftest-$s" bisect_selftest "$s"; then
			result PASS "$s: bisect gate rejects a patch that breaks the build (compiler: expected ';')"
		else
			result FAIL "$s: bisect gate rejects a patch that breaks the build (compiler: expected ';')"
		fi
	fi
	for heaps in "${all[@]:1}"; do
		if stage "build-$s-$WB_ARCH-$heaps" build "$s" "$heaps" --into "$(objdir "$s-$heaps")"; then
			result PASS "$s $WB_ARCH builds with heaps =$heaps"
		else
			result FAIL "$s $WB_ARCH builds with heaps =$heaps"
		fi
	done

	for b in "${boots[@]}"; do
		boot_check "$s" "${b%%:*}" "$(sed -n 's/^[^:]*://p' <<<"$b")"
	done
	boot_selftests "$s"
	for b in "${boots[@]}"; do
		[[ $b != *:alone ]] || alone_selftest "$s" "${b%%:*}"
	done
	[[ ",$4," != *,m:compat32,* ]] || compat_selftest "$s"

	if [ "$first" = 1 ]; then
		"$TOP/scripts/gates.sh" "$s" || result FAIL "$s: static gates: gates.sh ran to the end"
		# A named check must fail on a kernel whose system heap can be
		# unloaded (tests/bad/SERIES/0003: its trailers name it), with no
		# kernel report (scripts/mutants.sh).
		MUTANT_OBJ=$(objdir "$s") "$TOP/scripts/mutants.sh" "$s" "$TOP/tests/bad/$s/"0003-*.patch |
			grep -v -E '^[0-9]+ passed, ' || true
		sed -E "s/^(PASS|FAIL|SKIP) mutant /\1 $s $WB_ARCH: a named check fails on /" \
			"$LOGS/mutant-results" >>"$RESULTS"
		grep -q . "$LOGS/mutant-results" ||
			result FAIL "$s $WB_ARCH: a named check fails on a kernel whose heap can be unloaded"
	fi
}

# The workbench's own pieces that need no kernel.
if stage deps "$TOP/scripts/deps.sh"; then
	result PASS "deps: the Debian packages the workbench needs are installed"
else
	result FAIL "deps: the Debian packages the workbench needs are installed"
	finish
fi
# self_test WHAT SCRIPT: the "PASS name" and "FAIL name" lines of
# scripts/SCRIPT as results; it must print some
self_test() {
	local out n=0 status name
	out=$("$TOP/scripts/$2" 2>&1) || true
	while read -r status name; do
		result "$status" "$name"
		n=$((n + 1))
	done < <(grep -E '^(PASS|FAIL) ' <<<"$out")
	[ "$n" -gt 0 ] || result FAIL "$1: its self-test ran cases" "$(tail -n 1 <<<"$out")"
}
self_test "mirror lookup" test-mirror.sh
self_test "workbench lint" lint.sh

# configs/check: which series, on which architectures, booted how
seen=" "
lines=0
while read -r s kind arch boots combos; do
	case $s in '#'* | '') continue ;; esac
	if [ "$s" != "$series" ] && [ "$s" != "$mainline" ]; then
		continue
	fi
	case " $archs " in *" $arch "*) ;; *) continue ;; esac
	first=0
	case $seen in *" $s "*) ;; *) first=1 seen="$seen$s " ;; esac
	prove "$s" "$kind" "$arch" "$boots" "$combos" "$first"
	lines=$((lines + 1))
done < <(grep -v -E '^[[:space:]]*(#|$)' "$TOP/configs/check")
[ "$lines" -gt 0 ] || result FAIL "configs/check names what to prove for $series${mainline:+ and $mainline} on $archs"
finish
