#!/bin/bash
# Prove a mainline series such as patches/7.3 (issue 13) in QEMU: the
# kselftests alone, as a CI runs them (guest mode "kselftest": nothing
# loads the heap modules before), on
#
#   m        the series, heaps =m: dmabuf-heap-modules.sh passes
#   rfc-pre  the series' kernel, configured with the RFC's selftest config
#            too, with the selftests of patches/SERIES/rfc: the RFC test
#            cases skip, each naming the patch it needs
#   rfc      the series + rfc/, heaps =m: they pass
#   mutant   the series + tests/bad/SERIES (a system heap module_exit()):
#            dmabuf-heap-modules.sh skips its unload case, saying why
#   sig      the series, heaps =m, module signatures checked
#            (configs/module-sig) and enforced (module.sig_enforce=1), the
#            modules unsigned: the module tests skip, saying so
#   y        the series, heaps =y: the module tests skip
#
# SRC is a git tree on branch "series" (scripts/tree.sh SERIES SRC); the
# script makes branches proof-rfc and proof-mutant there and leaves SRC on
# "series". One object directory a heaps setting (lib.sh's objdir
# proof-SERIES-m, -y), built incrementally (the =y one starts as a copy of the =m one).
# Logs: build/logs/proof-*.log,
# a summary of the TAP lines at the end.
#
# usage: scripts/mainline-proof.sh SERIES SRC [STEP...]   (default: all)
# Environment: WB_ARCH (the guest architecture, default x86_64: any with a
# QEMU machine, such as armhf for the RFC's 32-bit case), BOOT_APPEND
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

series=${1:?usage: mainline-proof.sh SERIES SRC [STEP...]}
src=$(cd "${2:?usage: mainline-proof.sh SERIES SRC [STEP...]}" && pwd)
shift 2
steps=("$@")
[ "${#steps[@]}" -gt 0 ] || steps=(m rfc-pre rfc mutant y)
# object directories of their own: the source tree is SRC, not make
# check's build/work/SERIES
load_arch
[ -n "$QEMU" ] || die "WB_ARCH=$WB_ARCH: its .boot file names no QEMU machine: it is built, not booted"
objm=$(objdir "proof-$series-m")
objy=$(objdir "proof-$series-y")
mkdir -p "$(dirname "$objm")"
workbench_lock "scripts/mainline-proof.sh $series"
export BOOT_TIMEOUT=${BOOT_TIMEOUT:-1200}
export BOOT_APPEND=${BOOT_APPEND-}
g() { git -C "$src" "$@"; }

branches() {
	g checkout -q series
	g branch -q -f proof-rfc series
	g branch -q -f proof-mutant series
	g checkout -q proof-rfc
	g am -q "$TOP/patches/$series/rfc/"0[0-9][0-9][1-9]-*.patch
	g checkout -q proof-mutant
	g am -q "$TOP/tests/bad/$series/"*.patch
	g checkout -q series
}

# kernel OBJ FRAGMENT...: build SRC as checked out now into OBJ
kernel() {
	nice -n 19 "$TOP/scripts/build.sh" "$src" "$@" >"$LOGS/proof-build-$(basename "$1").log" 2>&1
}

# boot NAME OBJ HEAPS: initramfs from SRC as checked out now, boot, summary
boot() {
	local log=$LOGS/proof-$1.log rc=0
	nice -n 19 "$TOP/scripts/initramfs.sh" "$src" "$2" >"$LOGS/proof-initramfs-$1.log" 2>&1
	nice -n 19 "$TOP/scripts/boot.sh" "$2" "$3" kselftest "$log" || rc=$?
	echo "== $1 (boot.sh status $rc, log ${log#"$TOP"/})"
	grep -E '^(not ok|ok) [0-9]+ |# (SKIP|PASSED|FAILED|Totals)|^# *(ok|not ok) [0-9]+ ' "$log" |
		sed 's/^/  /' || true
	grep -m 3 -E 'Kernel panic|BUG:|Killed process' "$log" | sed 's/^/  console: /' || true
}

# afresh each run, from the patches as they are now: branches kept from
# an earlier run would test the RFC and the mutant as they were then
branches
for step in "${steps[@]}"; do
	case $step in
	m)
		g checkout -q series
		kernel "$objm" heaps-m
		boot m "$objm" m
		;;
	rfc-pre)
		# the series' kernel, configured with the RFC's selftest
		# config too (what its tests need), and the RFC's selftests
		g show proof-rfc:tools/testing/selftests/dmabuf-heaps/config >"$objm.rfc-config"
		g checkout -q series
		kernel "$objm" "$objm.rfc-config" heaps-m
		g checkout -q proof-rfc
		boot rfc-pre "$objm" m
		g checkout -q series
		;;
	rfc)
		g checkout -q proof-rfc
		kernel "$objm" heaps-m
		boot rfc "$objm" m
		g checkout -q series
		;;
	mutant)
		g checkout -q proof-mutant
		kernel "$objm" heaps-m
		boot mutant "$objm" m
		g checkout -q series
		;;
	sig)
		# signatures enforced, the heap modules unsigned: the module
		# tests skip, saying so, and nothing fails
		g checkout -q series
		kernel "$objm" module-sig heaps-m
		BOOT_APPEND="$BOOT_APPEND module.sig_enforce=1" boot sig "$objm" m
		;;
	y)
		g checkout -q series
		[ -d "$objy" ] || cp -a "$objm" "$objy"
		kernel "$objy" heaps-y
		boot y "$objy" y
		;;
	*) die "unknown step $step (m, rfc-pre, rfc, mutant, sig, y)" ;;
	esac
done
