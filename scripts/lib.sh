# shellcheck shell=bash
# Shared helpers for the workbench scripts: paths, stage lines, errors,
# the workbench lock. Sourced, never run.

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-$TOP/build}
LOGS=$BUILD/logs
mkdir -p "$LOGS"
# the guest's architecture: configs/qemu-$WB_ARCH.{config,boot} describe it
WB_ARCH=${WB_ARCH:-x86_64}

die() {
	echo "error: $*" >&2
	exit 1
}

# objects LOG: how many objects a kernel build in LOG has compiled so far
objects() {
	grep -c -E '^  (CC|AS|LD|AR|CC \[M\]|LD \[M\]) ' "$1" 2>/dev/null || true
}

# stage NAME CMD...: run CMD with its output in $LOGS/NAME.log and print
# one line with the stage's duration, and on failure the log's last lines.
# While it runs, a terminal sees the elapsed time and the objects compiled;
# anything else (CI) gets a plain progress line every minute.
stage() {
	local name=$1 log=$LOGS/$1.log start rc=0 pid tick=0 n
	shift
	start=$(date +%s)
	"$@" >"$log" 2>&1 &
	pid=$!
	while kill -0 "$pid" 2>/dev/null; do
		sleep 1
		tick=$((tick + 1))
		n=$(objects "$log")
		if [ "$n" -gt 0 ]; then n=", $n objects built"; else n=; fi
		if [ -t 1 ]; then
			printf '\r%-28s ... %ds%s ' "$name" "$tick" "$n"
		elif [ $((tick % 60)) -eq 0 ]; then
			echo "$name: still running after ${tick}s$n"
		fi
	done
	wait "$pid" || rc=$?
	[ -t 1 ] && printf '\r\033[K'
	printf '%-28s ... ' "$name"
	if [ "$rc" -ne 0 ]; then
		echo "FAILED after $(($(date +%s) - start))s (log: ${log#"$TOP"/})"
		grep -E -i 'error|fatal|undefined|failed|patch|hunk' "$log" |
			grep -v -E '^  [A-Z]+ +[^ ]+$' | tail -n 15 >&2 ||
			tail -n 15 "$log" >&2
		return "$rc"
	fi
	echo "done in $(($(date +%s) - start))s"
	echo "$name $(($(date +%s) - start))" >>"$LOGS/times"
}

# need CMD PACKAGE: fail with a one-line message naming the Debian package.
need() {
	command -v "$1" >/dev/null 2>&1 ||
		die "'$1' not found: install the Debian package '$2' (or run scripts/deps.sh as root)"
}

# need_all "CMD:PACKAGE /FILE:PACKAGE ...": need each command, or file.
need_all() {
	local item
	for item in $1; do
		case $item in
		/*) [ -e "${item%%:*}" ] ||
			die "${item%%:*} not found: install the Debian package '${item#*:}' (or run scripts/deps.sh as root)" ;;
		*) need "${item%%:*}" "${item#*:}" ;;
		esac
	done
}

# load_arch: read configs/qemu-$WB_ARCH.boot, how the guest of that
# architecture is built and boots (KARCH, CROSS_COMPILE, IMAGE, QEMU, ...),
# or configs/arch-$WB_ARCH.boot for one that is only built (ARCH_CONFIG:
# its Kconfig fragment, configs/qemu-$WB_ARCH.config for a guest).
load_arch() {
	local f=$TOP/configs/qemu-$WB_ARCH.boot known='' key
	# every key any .boot file sets starts empty: an architecture read
	# after another keeps nothing of it (one that is only built has no
	# QEMU, no guest)
	while read -r key; do
		printf -v "$key" '%s' ''
	done < <(sed -n -E 's/^([A-Z_][A-Z0-9_]*)=.*/\1/p' "$TOP"/configs/*.boot | sort -u)
	# shellcheck disable=SC2034 # the architecture's fragment, for build.sh
	ARCH_CONFIG=qemu-$WB_ARCH
	# an architecture that is built, not booted (Debian's other ones)
	[ -f "$f" ] || f=$TOP/configs/arch-$WB_ARCH.boot
	if [ ! -f "$f" ]; then
		for f in "$TOP"/configs/qemu-*.boot "$TOP"/configs/arch-*.boot; do
			f=${f##*/}
			f=${f#*-}
			known="$known ${f%.boot}"
		done
		die "WB_ARCH=$WB_ARCH: no configs/qemu-$WB_ARCH.boot or arch-$WB_ARCH.boot (known:$known)"
	fi
	# shellcheck source=../configs/qemu-x86_64.boot
	. "$f"
}

# objdir NAME: the object directory of kernel NAME (e.g. 6.12-m):
# build/obj/NAME for x86_64, build/obj/WB_ARCH/NAME for the others
objdir() {
	if [ "$WB_ARCH" = x86_64 ]; then
		echo "$BUILD/obj/$1"
	else
		echo "$BUILD/obj/$WB_ARCH/$1"
	fi
}

# uapi_headers SRC KARCH [CROSS_COMPILE]: install SRC's UAPI headers for
# KARCH and print the directory (its usr/include is the -isystem). They
# depend on the tree and the architecture's source directory, not on a
# configuration: one directory a tree and arch/ directory serves all of
# its kernels, i386 and x86_64 alike (installing them afresh costs about
# 40 s; again, a second)
uapi_headers() {
	local dir srcarch=$2
	case $srcarch in i386 | x86_64) srcarch=x86 ;; esac
	dir=$BUILD/headers/$srcarch-$(printf '%s' "$1" | sha1sum | cut -c1-12)
	mkdir -p "$dir"
	make -s -C "$1" O="$dir" ARCH="$2" CROSS_COMPILE="${3:-}" headers >&2
	echo "$dir"
}

# build_kselftests TREE OUT HDR MAKEARGS...: the dmabuf-heaps kselftests of
# TREE, built by their own Makefile in OUT against the UAPI headers in HDR
# (uapi_headers); MAKEARGS name the architecture and compiler, and
# INSTALL_PATH=DIR install to install them as well
build_kselftests() {
	local tree=$1 out=$2 hdr=$3
	shift 3
	make -s -C "$tree/tools/testing/selftests" O="$out" \
		KHDR_INCLUDES="-isystem $hdr/usr/include" TARGETS=dmabuf-heaps "$@"
}

# pack_initramfs ROOT OUT: the directory ROOT as a gzipped newc cpio
# archive OUT, files owned by root, in a stable order
pack_initramfs() {
	(cd "$1" && find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0) | gzip -1 >"$2"
}

# units TREE FILE.c...: those of the C files that TREE compiles on their
# own (its Makefile names their object): a file another one includes,
# such as a KUnit test built into the file it tests, is checked as part
# of that file
units() {
	local tree=$1 f
	shift
	for f in "$@"; do
		if grep -q -s -E "(^|[[:space:]=+])$(basename "$f" .c)\.o([[:space:]]|$)" \
			"$tree/$(dirname "$f")/Makefile" "$tree/$(dirname "$f")/Kbuild"; then
			echo "$f"
		fi
	done
}

# has_kunit SRC: the kernel tree has the heap core's KUnit tests
has_kunit() {
	grep -q '^config DMABUF_HEAPS_KUNIT_TEST$' "$1/drivers/dma-buf/Kconfig"
}

# test_frags SRC [TESTS]: the Kconfig fragments of the tests, one a line:
# the dmabuf-heaps selftests' config (their heaps and CMA area) of TESTS,
# the tree whose kselftests run on the kernel (default SRC itself), KUnit
# (configs/kunit, always) and, where the kernel tree SRC has them, the
# heap core's KUnit tests (configs/kunit-dma-heap)
test_frags() {
	local selftest=${2:-$1}/tools/testing/selftests/dmabuf-heaps/config
	if [ -f "$selftest" ]; then echo "$selftest"; fi
	echo "$TOP/configs/kunit.config"
	if has_kunit "$1"; then echo "$TOP/configs/kunit-dma-heap.config"; fi
}

# tests_series SERIES: the series whose tree's kselftests test SERIES's
# kernels: a mainline series its own; a backport the mainline series of
# configs/check (its first), as LKFT runs mainline's kselftests on stable
tests_series() {
	local kind
	kind=$(awk -v s="$1" '!/^#/ && $1 == s { print $2; exit }' "$TOP/configs/check")
	if [ "$kind" = backport ]; then
		awk '!/^#/ && $2 == "mainline" { print $1; exit }' "$TOP/configs/check"
	else
		echo "$1"
	fi
}

# use_tests SERIES: export KSELFTEST_SRC, the tree whose kselftests test
# SERIES's kernels (tests_series), after scripts/prepare.sh has made it
# when it is another series' and this run has not applied it yet
use_tests() {
	local t
	t=$(tests_series "$1")
	if [ "$t" != "$1" ] && ! grep -q "^PASS patches/$t applies" "$RESULTS" 2>/dev/null; then
		"$TOP/scripts/prepare.sh" "$t" || return 1
	fi
	export KSELFTEST_SRC=$BUILD/work/$t
}

# known_failure LABEL NAME [LIST]: why the result NAME of a boot labelled
# LABEL (its first word the series) is a known failure, or nothing. LIST:
# SERIES<TAB>NAME-ERE<TAB>WHY lines, default configs/known-failures
# (make lava's: configs/lava/known-failures)
known_failure() {
	local s=${1%% *}
	awk -F '\t' -v s="$s" -v n="$2" '$1 == s && n ~ ("^" $2 "$") { print $3; exit }' \
		"${3:-$TOP/configs/known-failures}"
}

# trailer KEY PATCH: the value of PATCH's first "KEY: value" line
trailer() { sed -n "/^$1: /{s///p;q}" "$2"; }

# cma_area OBJ MIB QEMU QEMU-ARGS...: where the guest's CMA area of MIB MiB
# comes from, WB_CMA (default the first of the architecture's CMA_MODES):
# "cmdline" is cma= on the kernel command line, "dt" a /reserved-memory
# node added to QEMU's own device tree for that machine (scripts/dtb.sh;
# BOOT_DTB boots a given tree instead), "config" nothing at all: the
# kernel's own CONFIG_CMA_SIZE_MBYTES, as the selftests' config fragment
# sets it (MIB does not apply). Sets cma_dtb (the tree to boot with -dtb,
# empty for cmdline and config) and cma_append (kernel parameters, wb.cma=
# names the CMA heap's node for the guest: "reserved" or "linux,cma").
cma_area() {
	local obj=$1 mib=$2 mode=${WB_CMA:-${CMA_MODES%% *}}
	shift 2
	case " $CMA_MODES " in
	*" $mode "*) ;;
	*) die "WB_CMA=$mode: the $WB_ARCH guest takes its CMA area from: $CMA_MODES" ;;
	esac
	cma_dtb=
	if [ "$mode" = config ]; then
		cma_append="wb.cma=reserved"
	elif [ "$mode" = dt ]; then
		cma_dtb=${BOOT_DTB:-$obj/qemu-cma.dtb}
		[ -n "${BOOT_DTB:-}" ] || "$TOP/scripts/dtb.sh" "$cma_dtb" "$mib" "$@" >/dev/null
		cma_append="wb.cma=linux,cma"
	else
		# shellcheck disable=SC2034 # for the caller
		cma_append="cma=${mib}M wb.cma=reserved"
	fi
}

# private_apt SUITE DEB_ARCH: an apt configuration of the workbench's own
# under build/apt/ (sources list, lists, cache) for Debian SUITE and
# DEB_ARCH, from the system's Debian mirror (scripts/mirror.sh). Sets
# APT_URL and APT_OPTS, the options apt-get and apt-cache need to use it;
# the system's apt sources and state are never touched.
private_apt() {
	local suite=$1 arch=$2 dir keyring=/usr/share/keyrings/debian-archive-keyring.gpg
	need apt-get apt
	[ -r "$keyring" ] || die "$keyring not found: install the Debian package 'debian-archive-keyring' (or run scripts/deps.sh as root)"
	APT_URL=$("$TOP/scripts/mirror.sh") || exit 1
	dir=$BUILD/apt/$suite
	[ "$arch" = amd64 ] || dir=$dir-$arch
	mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial"
	echo "deb [signed-by=$keyring] $APT_URL $suite main" >"$dir/sources.list"
	: >"$dir/status"
	# shellcheck disable=SC2034 # for the caller
	APT_OPTS=(-o "Dir::Etc::SourceList=$dir/sources.list"
		-o "Dir::Etc::SourceParts=/dev/null"
		-o "Dir::State::Lists=$dir/lists"
		-o "Dir::State::Status=$dir/status"
		-o "Dir::Cache=$dir/cache"
		-o "Debug::NoLocking=1"
		-o "APT::Architecture=$arch")
}

# workbench_lock WHAT: one workbench command at a time writes build/ (they
# share build/work, build/obj and the logs). Taken by the entry scripts;
# the scripts they run inherit it. The lock file names its holder; a
# holder that is gone leaves a stale lock, which is taken over.
workbench_lock() {
	local lock=$BUILD/.lock pid
	[ -n "${WORKBENCH_LOCKED:-}" ] && return 0
	for _ in 1 2; do
		if (set -o noclobber; echo "$$ '$1', started $(date -u '+%H:%M:%S UTC')" >"$lock") 2>/dev/null; then
			export WORKBENCH_LOCKED=$$
			trap 'rm -f "$BUILD/.lock"' EXIT
			return 0
		fi
		read -r pid _ <"$lock" 2>/dev/null || pid=
		if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
			die "build/ is in use by $(cut -d' ' -f2- "$lock") (pid $pid); wait for it to finish"
		fi
		rm -f "$lock"
	done
	die "could not take the workbench lock $lock"
}

# start_job WHAT: the start of a make target's script, after it exported
# RESULTS: the workbench lock, an empty results file and, for the command
# that took the lock (not one that runs inside make check), empty stage
# times in build/logs/times. Sets started (seconds since the epoch).
start_job() {
	workbench_lock "$1"
	: >"$RESULTS"
	if [ "$WORKBENCH_LOCKED" = $$ ]; then
		: >"$LOGS/times"
	fi
	# shellcheck disable=SC2034 # read by the script that called start_job
	started=$(date +%s)
}

# finish_job WHAT: record how long the job took (in build/logs/times) and
# print its closing line, "N passed, N failed, N skipped"; true when
# something passed and nothing failed
finish_job() {
	local passed failed skipped
	echo "$1 took $(($(date +%s) - started))s" >>"$LOGS/times"
	passed=$(grep -c '^PASS ' "$RESULTS" || true)
	failed=$(grep -c '^FAIL ' "$RESULTS" || true)
	skipped=$(grep -c '^SKIP ' "$RESULTS" || true)
	echo "$passed passed, $failed failed, $skipped skipped"
	[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
}

# alone_tested_cma LABEL LOG: in the alone boot, dmabuf-heap ran by
# itself (dmabuf-heap-modules, which runs first otherwise and loads the
# heaps, reported nothing), passed (or failed only its known failures),
# and tested a heap other than system:
# a passed subtest of that heap, or, for a dmabuf-heap that prints no
# subtests (6.1's), a "Testing heap:" line of its own in LOG
alone_tested_cma() {
	local label=$1 log=$2 name="dmabuf-heap ran alone, passed and tested a CMA heap" why='' mine
	# (no "cmd | grep -q" here: under pipefail, grep -q quitting at its
	# first match fails the pipeline when cmd still has lines to write)
	mine=$(grep -F "$label: kselftest: " "$RESULTS" || true)
	if grep -q -F 'dmabuf-heap-modules' <<<"$mine"; then
		why="dmabuf-heap-modules ran too: run_kselftest.sh -t was not applied"
	elif ! grep -q -E "^(PASS $label: kselftest: [0-9]+ selftests: dmabuf-heaps: dmabuf-heap|SKIP $label: kselftest: [0-9]+ selftests: dmabuf-heaps: dmabuf-heap( # exit=[0-9]+)? # known failure: .*)$" <<<"$mine"; then
		why="dmabuf-heap did not pass"
	elif grep -q -E "^[A-Z]+ $label: kselftest: dmabuf-heap \[" <<<"$mine"; then
		[ "$(grep -E "^PASS $label: kselftest: dmabuf-heap \[[^]]+\] " <<<"$mine" | grep -c -v -F '[system]')" -gt 0 ] ||
			why="no subtest passed on a heap other than system"
	elif [ "$(tr -d '\r' <"$log" | grep -E '^# Testing heap: ' | grep -c -v ': system$')" -eq 0 ]; then
		why="no 'Testing heap:' line names a heap other than system"
	fi
	if [ -z "$why" ]; then result PASS "$label: $name"; else result FAIL "$label: $name" "$why"; fi
}

# kselftest_results LABEL: the kselftest results recorded for LABEL, each
# "STATUS test", sorted
kselftest_results() {
	awk -v p="$1: kselftest: " '{ i = index($0, p) } i == length($1) + 2 { print $1, substr($0, i + length(p)) }' "$RESULTS" |
		LC_ALL=C sort
}

# same_results LABEL OTHER: LABEL's kselftests had the results OTHER's had
same_results() {
	local mine theirs diff
	mine=$(kselftest_results "$1")
	theirs=$(kselftest_results "$2")
	if [ -z "$theirs" ]; then
		result FAIL "$1: the kselftest results of $2" "no results of $2 to compare with (boot it first)"
	elif ! grep -q '^PASS ' <<<"$mine"; then
		result FAIL "$1: the kselftest results of $2" "no kselftest passed here"
	elif [ "$mine" = "$theirs" ]; then
		result PASS "$1: the kselftest results of $2 ($(wc -l <<<"$mine") of them)"
	else
		# (diff exits 1 when they differ, which is the point here)
		diff=$(diff <(echo "$theirs") <(echo "$mine") | grep '^[<>]' | head -n 4 | tr '\n' ' ' || true)
		result FAIL "$1: the kselftest results of $2" "they differ (< $2, > this boot): $diff"
	fi
}

# boot_check SERIES HEAPS [WHAT [OBJ]]: initramfs, boot and the guest's
# results, on the kernel in OBJ (default: objdir SERIES-HEAPS).
# WHAT is a guest mode (check, the default: the guest's checks and the
# kselftests; stress: a short heap-stress too; kselftest: the kselftests
# alone, nothing loaded before them, on the selftests' own CMA area;
# nomodules: the same with module loading disabled; alone: dmabuf-heap
# alone (run_kselftest.sh -t), which must load the heaps itself;
# compat32: check's checks and kselftests with the 32-bit builds of the
# programs, whose kselftest results must be those of the =HEAPS boot
# before it) or where the CMA area comes from (dt, cmdline, config).
boot_check() {
	local s=$1 heaps=$2 what=${3:-} obj=${4:-} mode=check cma='' append='' label log before
	case $what in
	'') ;;
	dt | cmdline | config) cma=$what ;;
	# the kselftests alone, as a CI runs them: on a kernel booted
	# without a CMA area of the workbench's, only the fragment's
	kselftest) mode=$what cma=config ;;
	# the same with module loading disabled from the start: the module
	# tests must skip, saying so, and nothing may fail
	nomodules) mode=kselftest cma=config append="sysctl.kernel.modules_disabled=1" ;;
	# dmabuf-heap alone, as run_kselftest.sh -t runs it: nothing has
	# loaded the heap modules for it
	alone) mode=kselftest cma=config append="wb.ktest=dmabuf-heaps:dmabuf-heap" ;;
	*) mode=$what ;;
	esac
	[ -n "$obj" ] || obj=$(objdir "$s-$heaps")
	label="$s $WB_ARCH =$heaps${what:+ $what}"
	log=$LOGS/boot-$s-$WB_ARCH-$heaps${what:+-$what}.log
	: >"$log"
	if ! WB_COMPAT32=$([ "$what" != compat32 ] || echo 1) stage "initramfs-$s-$WB_ARCH-$heaps${what:+-$what}" \
		"$TOP/scripts/initramfs.sh" "$BUILD/work/$s" "$obj"; then
		result FAIL "$label: initramfs"
		return
	fi
	if BOOT_APPEND="wb.stress=-t,10${append:+ $append}" WB_CMA=$cma stage "boot-$s-$WB_ARCH-$heaps${what:+-$what}" \
		"$TOP/scripts/boot.sh" "$obj" "$heaps" "$mode" "$log"; then
		result PASS "$label: boots, no panic/oops/warning, powers off"
	else
		result FAIL "$label: boots, no panic/oops/warning, powers off"
	fi
	# the guest's own results: lines guest-results.sh adds (the boot's
	# and the build's lines above have the same label)
	before=$(wc -l <"$RESULTS")
	"$TOP/scripts/guest-results.sh" "$log" "$label"
	if [ "$(wc -l <"$RESULTS")" -eq "$before" ]; then
		result FAIL "$label: the guest reported results"
	fi
	if [ "$heaps" != n ] && ! grep -q "^[A-Z]* $label: kselftest: .* selftests: dmabuf-heaps" "$RESULTS"; then
		result FAIL "$label: the dmabuf-heaps kselftests ran"
	fi
	# the heap core's KUnit tests run at boot on every kernel of a tree
	# that has them (build.sh enables them)
	if has_kunit "$BUILD/work/$s" && ! grep -q -E "^PASS $label: kunit: [0-9]+ dma[-_]heap$" "$RESULTS"; then
		result FAIL "$label: the heap core's KUnit tests ran and passed"
	fi
	# with nothing loaded before it, the module test must have tested
	# cma_heap, not skipped it: mainline's dmabuf-heap-modules.sh loaded it
	if [ "$heaps" = m ] && [ "$what" = kselftest ] && ! grep -q -E "^PASS $label: kselftest: dmabuf-heap-modules\.sh [0-9]+ cma_heap modprobe$" "$RESULTS"; then
		result FAIL "$label: dmabuf-heap-modules tested cma_heap" \
			"'cma_heap modprobe' did not pass (see the boot log)"
	fi
	# 32-bit programs through the compat syscalls: the kselftests give
	# what the 64-bit ones gave on the same kernel (its =HEAPS boot)
	[ "$what" != compat32 ] || same_results "$label" "$s $WB_ARCH =$heaps"
	[ "$what" != alone ] || alone_tested_cma "$label" "$log"
	if [ "$what" = nomodules ]; then
		if grep -q -E "^SKIP $label: kselftest: (dmabuf-heap-modules .*|[0-9]+ selftests: dmabuf-heaps: dmabuf-heap-modules\.sh) # module loading is disabled" "$RESULTS" &&
			! grep -q -E "^PASS $label: kselftest: dmabuf-heap-modules(\.sh)? [0-9]+ " "$RESULTS"; then
			result PASS "$label: the module tests skip: module loading is disabled"
		else
			result FAIL "$label: the module tests skip: module loading is disabled"
		fi
	fi
}

# base_version SERIES: the Debian package version of the extracted base.
base_version() {
	cat "$BUILD/base/$1.version" 2>/dev/null ||
		die "no base for $1: run scripts/prepare.sh $1 (or make tree SERIES=$1)"
}

# series_suite SERIES: the Debian suite configs/suites names for SERIES
series_suite() {
	awk -v s="$1" '$1 == s { print $2 }' "$TOP/configs/suites"
}

# proven_version SERIES: the Debian version configs/suites records the
# series as proven on (empty if none)
proven_version() {
	awk -v s="$1" '$1 == s && $3 != "-" { print $3 }' "$TOP/configs/suites"
}

# result PASS|FAIL|SKIP NAME [REASON]: record one test result for the report.
RESULTS=${RESULTS:-$LOGS/results}
result() {
	local status=$1 name=$2
	echo "$status $name${3:+ # $3}" >>"$RESULTS"
	[ "$status" = PASS ] || echo "  $status $name${3:+ # $3}"
}

# guest_console LOG TIMEOUT QEMU-COMMAND...: run a guest for at most TIMEOUT
# seconds with its serial console in LOG (after a "qemu:" line naming the
# command, before a "boot took Ns" line); prints QEMU's exit status (124:
# the timeout ran out)
guest_console() {
	local log=$1 timeout=$2 start rc=0
	shift 2
	echo "qemu: $*" >"$log"
	start=$(date +%s)
	timeout "$timeout" "$@" -serial stdio </dev/null >>"$log" 2>&1 || rc=$?
	echo "boot took $(($(date +%s) - start))s" >>"$log"
	echo "$rc"
}

# guest_faults LOG: what a finished boot's console says went wrong, on
# stderr: a kernel report (each starts with one of these lines; a bare
# "Call Trace:" is not one: the OOM killer prints a stack too, and the
# selftests call it on purpose), or no "WB: done" from the guest. False
# when it found one.
# the first line of each kernel report guest_faults knows
kernel_reports='Kernel panic|Oops|BUG:|WARNING:|general protection fault|KASAN|UBSAN|INFO: task .* blocked|unreferenced object'
guest_faults() {
	local log=$1
	if grep -q -E "$kernel_reports" "$log"; then
		echo "boot: kernel reported a problem (log: ${log#"$TOP"/}):" >&2
		grep -m 1 -A 8 -E "$kernel_reports" "$log" >&2
		return 1
	fi
	if ! grep -q '^WB: done' < <(tr -d '\r' <"$log"); then
		echo "boot: the guest never reported 'WB: done' (log: ${log#"$TOP"/})" >&2
		return 1
	fi
}
