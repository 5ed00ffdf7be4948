#!/bin/bash
# Install the Debian packages the workbench needs, when some are missing.
# As root it runs apt-get; otherwise it names the packages to install.
#
# usage: scripts/deps.sh [--arches]     (--arches: make arches' too)
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

# ocaml-nox: coccinelle's OCaml-scripted rules need ocamlopt (coccicheck
# aborts with "No OCaml compiler found" without it); gnuplot-nox: make
# bench's plots; debian-archive-keyring: scripts/fetch.sh checks Debian's
# signatures with it; git send-email needs libmailtools-perl (even for
# --dry-run) and, to send over SMTP with TLS and a login,
# libio-socket-ssl-perl and libauthen-sasl-perl (only recommended by
# git-email, and recommends are not installed); the arm64 cross tools:
# builds and boots for arm64; mmdebstrap and e2fsprogs: make debian's
# Debian root file system and its ext4 image (mke2fs -d); seabios: the
# Debian guest boots with it (configs/qemu-x86_64.boot); debootstrap: the
# arm64 Debian root file system (scripts/debian-rootfs-foreign.sh); and
# scripts/lint.sh runs shellcheck.
packages=(build-essential flex bison bc libelf-dev libssl-dev kmod cpio
	rsync xz-utils busybox-static qemu-system-x86 qemu-system-data ccache
	git file python3 python3-ply python3-git sparse coccinelle ocaml-nox
	git-email libmailtools-perl libio-socket-ssl-perl libauthen-sasl-perl
	gnuplot-nox debian-archive-keyring
	gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-system-arm device-tree-compiler
	mmdebstrap e2fsprogs seabios debootstrap shellcheck)
# and what the guests' .boot files name (TOOL_NEEDS, BOOT_NEEDS,
# COMPAT_NEEDS: CMD:PACKAGE or /FILE:PACKAGE): make check's guests
# (configs/qemu-*.boot), with --arches also the architectures make arches
# builds and boots (configs/arch-*.boot)
boots=("$TOP"/configs/qemu-*.boot)
[ "${1:-}" != --arches ] || boots+=("$TOP"/configs/arch-*.boot)
while read -r item; do
	packages+=("${item#*:}")
done < <(sed -n -E 's/^[A-Z_]+_NEEDS="(.*)"$/\1/p' "${boots[@]}" | tr ' ' '\n')
missing=()
for p in "${packages[@]}"; do
	grep -q 'install ok installed' < <(dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null) ||
		missing+=("$p")
done
[ "${#missing[@]}" -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
	die "missing Debian packages: ${missing[*]} (sudo apt-get install ${missing[*]})"
fi
echo "installing: ${missing[*]}"
apt-get update -q >"$LOGS/deps.log" 2>&1 ||
	die "apt-get update failed (log: build/logs/deps.log)"
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
	"${missing[@]}" >>"$LOGS/deps.log" 2>&1 ||
	die "apt-get install ${missing[*]} failed (log: build/logs/deps.log)"
