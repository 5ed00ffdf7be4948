#!/bin/bash
# Mainline's dmabuf-heaps kselftests on an LTS kernel, as LKFT and KernelCI
# run mainline's kselftests on the stable trees: the LTS series' kernel
# (heaps =m, in make check's object directory for it, built incrementally)
# boots with the kselftests of a mainline tree, built against the LTS
# kernel's UAPI headers, in the guest's kselftest mode (nothing loads the
# heaps before). Each result is a line of build/logs/lts-tests-results,
# the console is build/logs/lts-tests-LTS-ARCH.log; ends with "N passed, N
# failed, N skipped" (a failure here may be a fix the LTS tree lacks: the
# case names the fix).
#
# usage: scripts/lts-tests.sh LTS MAINLINE-TREE
#   LTS            a backport series (6.12, 6.1): build/work/LTS as make
#                  check prepares it
#   MAINLINE-TREE  a kernel tree with the mainline tests, such as
#                  build/work/7.3 or build/src/7.3 on a branch of choice
# Environment: WB_ARCH (default x86_64), BOOT_APPEND
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

lts=${1:?usage: lts-tests.sh LTS MAINLINE-TREE}
from=$(cd "${2:?usage: lts-tests.sh LTS MAINLINE-TREE}" && pwd)
load_arch
[ -n "$QEMU" ] || die "WB_ARCH=$WB_ARCH: its .boot file names no QEMU machine"
export RESULTS=$LOGS/lts-tests-results
start_job "lts-tests $lts"
"$TOP/scripts/prepare.sh" "$lts" || die "the $lts series does not apply"
obj=$(objdir "$lts")
name=lts-tests-$lts-$WB_ARCH
label="$lts $WB_ARCH =m, tests of ${from#"$TOP"/}"
stage "build-$lts-m" "$TOP/scripts/build.sh" "$BUILD/work/$lts" "$obj" heaps-m
stage "initramfs-$lts-m" env KSELFTEST_SRC="$from" "$TOP/scripts/initramfs.sh" "$BUILD/work/$lts" "$obj"
log=$LOGS/$name.log
rc=0
"$TOP/scripts/boot.sh" "$obj" m kselftest "$log" >/dev/null || rc=$?
[ "$rc" -eq 0 ] || result FAIL "$label: the guest booted and finished" "boot.sh status $rc (log: ${log#"$TOP"/})"
"$TOP/scripts/guest-results.sh" "$log" "$label"
echo "kernel $(cat "$obj/release"), $(git -C "$from" describe --always --all 2>/dev/null || echo "${from#"$TOP"/}")"
finish_job "lts-tests $lts"
