#!/bin/bash
# make lava: the proof as jobs a LAVA lab runs. For each series and guest
# architecture, the kernel with the heaps =m (make check's object
# directory, incremental), its modules tarball as KernelCI packs it, the
# kselftest tarball of the mainline series' tree (make kselftest-gen_tar,
# against the kernel's headers) and a busybox ramdisk without either;
# a job from configs/lava/kselftest-dmabuf-heaps.yaml.jinja2 (KernelCI's
# kselftest-dmabuf-heaps shape), a device from LAVA's own QEMU template
# (Debian bookworm's lava-server, unpacked) and configs/lava/qemu-ARCH.jinja2.
# Each job is validated against the job schema of bookworm's lava-common
# (installed, with lava-dispatcher) and of the newest LAVA Debian has
# (trixie-backports' lava-common, unpacked), then run by bookworm's
# lava-run, here, as root, with no server. Every case must pass (or be a
# known failure of configs/lava/known-failures), each program must report
# as many subtests as its plan announces, a heap other than system must
# have been tested, the console must hold no kernel report. Then a mutant
# kernel's job must complete and report the case its Lava-fail trailer
# names as failed, and no other failure but known ones. The kselftest
# results also under KernelCI's names (build/lava/NAME/kcidb-names).
#
# usage: scripts/lava.sh [SERIES...]     (default: 6.12 7.3)
# Environment: LAVA_ARCHS (default "x86_64 arm64"); LAVA_MUTANT (a patch
# of tests/mutants, default 7.3's never-freeing system heap, run on the
# first architecture; empty: none)
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

series_list=("$@")
[ "${#series_list[@]}" -gt 0 ] || series_list=(6.12 7.3)
read -r -a archs <<<"${LAVA_ARCHS:-x86_64 arm64}"
mutant=${LAVA_MUTANT-$TOP/tests/mutants/7.3/0001-mutant-the-system-heap-never-frees-a-released-buffer.patch}
if [ -n "$mutant" ]; then
	[ -f "$mutant" ] || die "LAVA_MUTANT: no such patch: $mutant"
	mutant=$(realpath "$mutant")	# git am runs in the series' tree
	[ -n "$(trailer Lava-fail "$mutant")" ] || die "${mutant#"$TOP"/}: no Lava-fail trailer (the case its job must fail)"
fi
out=$BUILD/lava
scratch=$BUILD/lava-work
export RESULTS=$LOGS/lava-results
start_job "make lava"
py=/usr/bin/python3

stage deps "$TOP/scripts/deps.sh"
# lava-run: Debian's lava-dispatcher, installed (as root) when missing
if ! grep -q 'install ok installed' < <(dpkg-query -W -f='${Status}\n' lava-dispatcher 2>/dev/null); then
	[ "$(id -u)" -eq 0 ] || die "lava-run not found: install the Debian package 'lava-dispatcher' (as root)"
	stage lava-dispatcher env DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -q --no-install-recommends lava-dispatcher ||
		die "could not install lava-dispatcher (log: build/logs/lava-dispatcher.log)"
	# the package enables its worker, which polls a server: this machine
	# runs jobs with lava-run alone
	if [ -d /run/systemd/system ]; then systemctl disable --now lava-worker.service >/dev/null 2>&1 || true; fi
fi
[ "$(id -u)" -eq 0 ] || die "lava-run runs jobs as root only"
"$py" -c 'import jinja2, yaml' 2>/dev/null ||
	die "Python's jinja2 and yaml not found: install the Debian packages 'python3-jinja2' and 'python3-yaml'"
lava_version=$(dpkg-query -W -f='${Version}' lava-dispatcher)

# unpack SUITE PACKAGE...: Debian SUITE's PACKAGEs, unpacked (never
# installed) under build/lava/pkgs/SUITE; prints their versions
unpack() {
	local suite=$1 dir=$out/pkgs/$1 p
	shift
	private_apt "$suite" amd64
	apt-get "${APT_OPTS[@]}" -q update >"$LOGS/apt-lava-$suite.log" 2>&1 ||
		die "apt-get update of $suite failed (log: build/logs/apt-lava-$suite.log)"
	rm -rf "$dir"
	mkdir -p "$dir/debs"
	(cd "$dir/debs" && apt-get "${APT_OPTS[@]}" -q download "$@") >>"$LOGS/apt-lava-$suite.log" 2>&1 ||
		die "could not download $* from $suite (log: build/logs/apt-lava-$suite.log)"
	for p in "$dir"/debs/*.deb; do
		dpkg-deb -x "$p" "$dir/root"
		dpkg-deb -f "$p" Package Version | paste -s -d ' '
	done
}
# nothing of an earlier run is taken for this one's
rm -rf "$out" "$scratch"
mkdir -p "$out" "$scratch"
# lava-server: the device-type templates, of the version that runs the jobs
unpack bookworm lava-server >"$out/versions"
grep -q "^Package: lava-server Version: $lava_version$" "$out/versions" ||
	die "bookworm's lava-server ($(cat "$out/versions")) is not the installed lava-dispatcher's version $lava_version"
templates=$out/pkgs/bookworm/root/usr/share/lava-server/device-types
unpack trixie-backports lava-common >>"$out/versions"
newest=$out/pkgs/trixie-backports/root/usr/lib/python3/dist-packages
[ -d "$newest/lava_common/schemas" ] || die "trixie-backports' lava-common has no lava_common/schemas in ${newest#"$TOP"/}"
echo "lava: lava-dispatcher $lava_version (installed); $(paste -s -d ';' "$out/versions")"

# the devices, rendered as lava-server renders them
for arch in "${archs[@]}"; do
	if "$py" "$TOP/scripts/lava.py" device "$templates" "$TOP/configs/lava/qemu-$arch.jinja2" \
		"$out/qemu-$arch.yaml" 2>"$LOGS/lava-device-$arch.log"; then
		result PASS "lava: device qemu-$arch renders from lava-server's qemu.jinja2 and is valid"
	else
		result FAIL "lava: device qemu-$arch renders from lava-server's qemu.jinja2 and is valid" \
			"$(tail -n 1 "$LOGS/lava-device-$arch.log")"
	fi
done

# modules_tar OBJ OUT: OBJ's installed modules (build.sh's modroot) as
# KernelCI packs them: stripped of debug information as INSTALL_MOD_STRIP=1
# strips them, tarred from the top (./lib/modules/<release>/...); the
# build and source links, which point into this machine, left out
modules_tar() {
	local root
	root=$scratch/$(basename "$2" .tar.xz)-$(basename "$1")
	rm -rf "$root"
	cp -a "$1/modroot" "$root" || return 1
	find "$root" -maxdepth 4 -type l \( -name build -o -name source \) -delete
	find "$root" -name '*.ko' -exec "${CROSS_COMPILE}strip" --strip-debug {} + || return 1
	tar -C "$root" --owner=0 --group=0 -cJf "$2" .
}

# artifacts SERIES NAME: build/lava/NAME/, the artifacts of WB_ARCH's
# kernel of SERIES as built in its object directory (heaps =m). Each
# step must succeed (stage runs this in a condition, where set -e does
# not stop a function).
artifacts() {
	local s=$1 dir=$out/$2 obj hdr ks=$scratch/$2-kselftest root=$scratch/$2-ramdisk
	obj=$(objdir "$s-m")
	load_arch
	rm -rf "$dir" "$ks" "$root"
	mkdir -p "$dir"
	cp "$obj/$IMAGE" "$dir/" || return 1
	modules_tar "$obj" "$dir/modules.tar.xz" || return 1
	# make kselftest-gen_tar, run by the selftests' own Makefile
	hdr=$(uapi_headers "$BUILD/work/$s" "$KARCH" "$CROSS_COMPILE") || return 1
	build_kselftests "$KSELFTEST_SRC" "$ks/build" "$hdr" ARCH="$KARCH" CROSS_COMPILE="$CROSS_COMPILE" \
		INSTALL_PATH="$ks/install" gen_tar || return 1
	cp "$ks/install/kselftest-packages/kselftest.tar.gz" "$dir/" || return 1
	# the ramdisk: the workbench's initramfs (init, busybox, kmod) without
	# the kernel's modules and the kselftests, which the job deploys
	"$TOP/scripts/initramfs.sh" "$BUILD/work/$s" "$obj" || return 1
	cp -a "$obj/initramfs" "$root" || return 1
	rm -rf "$root/lib/modules" "$root/kselftest"
	pack_initramfs "$root" "$dir/ramdisk.cpio.gz"
}

# job NAME SERIES: NAME's job (build/lava/NAME/job.yaml) for WB_ARCH,
# artifacts as file:// URLs
job() {
	local dir=$out/$1 s=$2 append dtb='' qemu
	load_arch
	append="$CMDLINE rdinit=/init kunit.autorun=1 wb.heaps=m wb.mode=shell"
	if [ "$WB_ARCH" = arm64 ]; then
		# a device-tree CMA area, as on a board: QEMU's own tree for the
		# device's machine (its CPU, memory and CPUs), with a linux,cma node
		mapfile -t qemu < <("$py" "$TOP/scripts/lava.py" qemu "$out/qemu-$WB_ARCH.yaml")
		[ "${#qemu[@]}" -gt 1 ] || return 1
		"$TOP/scripts/dtb.sh" "$dir/qemu-cma.dtb" 64 "${qemu[@]}" >/dev/null || return 1
		dtb=file://$dir/qemu-cma.dtb
	else
		append="$append cma=64M"
	fi
	"$py" "$TOP/scripts/lava.py" job "$TOP/configs/lava/kselftest-dmabuf-heaps.yaml.jinja2" "$dir/job.yaml" \
		job_name="dmabuf-heaps $1 kselftest-dmabuf-heaps" arch="$WB_ARCH" series="$s" heaps=m \
		kernel_url="file://$dir/$(basename "$IMAGE")" kernel_append="$append" \
		ramdisk_url="file://$dir/ramdisk.cpio.gz" modules_url="file://$dir/modules.tar.xz" \
		kselftest_url="file://$dir/kselftest.tar.gz" dtb_url="$dtb"
}

# run_job NAME: lava-run on NAME's job; its log (lava-run's stdout) in
# build/lava/NAME/lava.log, its cases in build/lava/NAME/cases, what the
# device printed in console.log; false when the job did not complete (a
# job error: lava-run's exit status 1)
run_job() {
	local dir=$out/$1 rc=0
	rm -rf "$dir/output"
	lava-run --job-id "$$" --output-dir "$dir/output" --device "$out/qemu-$WB_ARCH.yaml" \
		--dispatcher "$TOP/configs/lava/dispatcher.yaml" "$dir/job.yaml" >"$dir/lava.log" 2>&1 || rc=$?
	"$py" "$TOP/scripts/lava.py" results "$dir/lava.log" >"$dir/cases" || return 1
	"$py" "$TOP/scripts/lava.py" console "$dir/lava.log" | tr -d '\r' >"$dir/console.log" || return 1
	echo "lava-run exit status $rc, $(wc -l <"$dir/cases") cases"
	[ "$rc" -eq 0 ] && grep -q '^lava job pass$' "$dir/cases"
}

# known SERIES CASE: why CASE is a known failure of SERIES
# (configs/lava/known-failures), or nothing
known() { known_failure "$1" "$2" "$TOP/configs/lava/known-failures"; }

# all_known SERIES CASES: each of CASES (one a line) is a known failure
all_known() {
	local f
	while read -r f; do
		[ -n "$(known "$1" "$f")" ] || return 1
	done <<<"$2"
}

# plans DIR: each kselftest program's slug and the number of subtests its
# TAP plan announced, from what the device printed ("# selftests: C: P"
# and then that program's "# 1..N")
plans() {
	awk '
	/^# selftests: / { p = $0; sub(/^# selftests: [^:]*: */, "", p); gsub(/[^A-Za-z0-9_-]+/, "_", p); want = 1; next }
	want && /^# 1\.\.[0-9]+/ { n = $2; sub(/^1\.\./, "", n); print "dmabuf-heaps_" p, n; want = 0 }
	' "$1/console.log"
}

# check_cases NAME SERIES: NAME's cases as results. Each case passed, or
# is a known failure (a program whose only failing subtests are known
# failures, with all its subtests reported, is one too); a skip counts as
# a failure unless known (on these kernels everything runs); LAVA's own
# steps passed; no kernel report on the console; each program of the
# kselftest tarball's list reported with as many subtests as its plan; a
# heap other than system tested; the KUnit suite where the tree has it.
check_cases() {
	local dir=$out/$1 s=$2 label="$2 $WB_ARCH lava" suite c r prog why n=0 fails slug want got
	: >"$dir/kcidb-names"
	# shellcheck disable=SC2094 # the loop and awk only read the cases
	while read -r suite c r; do
		[ "$suite" != lava ] || continue
		n=$((n + 1))
		case $suite in
		*_kselftest-dmabuf-heaps) echo "kselftest.dmabuf-heaps.$c $r" >>"$dir/kcidb-names" ;;
		esac
		if [ "$r" = pass ]; then
			result PASS "$label: ${suite#*_}: $c"
		elif why=$(known "$s" "$c") && [ -n "$why" ]; then
			result SKIP "$label: ${suite#*_}: $c" "known failure ($r): $why"
		elif [ "$r" = skip ]; then
			result FAIL "$label: ${suite#*_}: $c" "skipped, where it must run"
		else
			fails=$(awk -v p="${c}_" 'index($2, p) == 1 && $3 != "pass" { print $2 }' "$dir/cases")
			want=$(plans "$dir" | awk -v p="$c" '$1 == p { print $2 }')
			got=$(awk -v p="${c}_" 'index($2, p) == 1' "$dir/cases" | wc -l)
			if [ -n "$fails" ] && [ -n "$want" ] && [ "$got" -eq "$want" ] && all_known "$s" "$fails"; then
				result SKIP "$label: ${suite#*_}: $c" "known failure: all $got subtests ran, only those of configs/lava/known-failures failed"
			else
				result FAIL "$label: ${suite#*_}: $c"
			fi
		fi
	done <"$dir/cases"
	if grep -q '^lava ' "$dir/cases" && ! grep -q -v '^lava .* pass$' < <(grep '^lava ' "$dir/cases"); then
		result PASS "$label: LAVA's own steps (deploy, boot, login, test shell) passed: $(grep -c '^lava ' "$dir/cases")"
	else
		result FAIL "$label: LAVA's own steps (deploy, boot, login, test shell) passed" \
			"$(grep '^lava ' "$dir/cases" | grep -v ' pass$' | head -n 3 | paste -s -d ';')"
	fi
	# a bad kernel counts as caught by a failing case, never by a kernel
	# report the tests provoked (lib.sh's list, on what the device printed)
	if grep -q -E "$kernel_reports" "$dir/console.log"; then
		result FAIL "$label: no kernel report on the console" "$(grep -m 1 -E "$kernel_reports" "$dir/console.log")"
	else
		result PASS "$label: no kernel report on the console"
	fi
	# every program of the collection, with all the subtests it announced
	while IFS=: read -r _ prog; do
		slug=dmabuf-heaps_$(sed -E 's/[^A-Za-z0-9_-]+/_/g' <<<"$prog")
		want=$(plans "$dir" | awk -v p="$slug" '$1 == p { print $2 }')
		got=$(awk -v p="${slug}_" '$1 ~ /_kselftest-dmabuf-heaps$/ && index($2, p) == 1' "$dir/cases" | wc -l)
		if grep -q -E "^[0-9]+_kselftest-dmabuf-heaps $slug " "$dir/cases" && [ -n "$want" ] &&
			[ "$want" -gt 0 ] && [ "$got" -eq "$want" ]; then
			result PASS "$label: kselftest-list.txt's $prog reported, with the $want subtests of its plan"
		else
			result FAIL "$label: kselftest-list.txt's $prog reported, with the subtests of its plan" \
				"plan: ${want:-none}, reported: $got"
		fi
	done < <(tar -xzOf "$dir/kselftest.tar.gz" ./kselftest-list.txt | grep '^dmabuf-heaps:')
	# the CMA heap too: dmabuf-heap tests every heap it finds, and its
	# released-memory case names the heap
	if grep -v -q '_of_heap_system_comes_back' < <(grep -E \
		'_kselftest-dmabuf-heaps dmabuf-heaps_dmabuf-heap_released_memory_of_heap_[A-Za-z0-9_-]+_comes_back pass$' "$dir/cases"); then
		result PASS "$label: a heap other than system (the CMA heap) was tested"
	else
		result FAIL "$label: a heap other than system (the CMA heap) was tested"
	fi
	if has_kunit "$BUILD/work/$s"; then
		if grep -q -E '^[0-9]+_kunit dma_heap\.' "$dir/cases"; then
			result PASS "$label: the KUnit suite dma_heap reported, with its cases"
		else
			result FAIL "$label: the KUnit suite dma_heap reported, with its cases"
		fi
	fi
	[ "$n" -gt 0 ] || result FAIL "$label: the job reported test cases"
}

# validate NAME: NAME's job against bookworm's job schema and the newest's
# (lava.py says which lava_common it used: it must be the one asked for)
validate() {
	local job=$out/$1/job.yaml label="${1/-/ } lava" log=$LOGS/lava-validate-$1.log
	if "$py" "$TOP/scripts/lava.py" validate "$job" >"$log" 2>&1 &&
		grep -q "^lava_common: /usr/lib/python3/dist-packages/" "$log"; then
		result PASS "$label: the job is valid for lava-common $lava_version (bookworm), strict"
	else
		result FAIL "$label: the job is valid for lava-common $lava_version (bookworm), strict" "$(tail -n 1 "$log")"
	fi
	if PYTHONPATH=$newest "$py" "$TOP/scripts/lava.py" validate "$job" >"$log.newest" 2>&1 &&
		grep -q -F "lava_common: $newest/" "$log.newest"; then
		result PASS "$label: the job is valid for trixie-backports' lava-common, strict"
	else
		result FAIL "$label: the job is valid for trixie-backports' lava-common, strict" "$(tail -n 1 "$log.newest")"
	fi
}

# check_selftest NAME SERIES: check_cases, given NAME's own results with
# one thing broken (no job run), must fail for that reason: a subtest
# missing from what its plan announced, the CMA heap's released-memory
# case failed, a kernel warning on the console, an unlisted skip, a LAVA
# step failed, the KUnit suite missing; and lava.py validate must reject
# a broken job with both schemas, naming what is wrong
check_selftest() {
	local name=$1 s=$2 i want tmp=$scratch/selftest label
	local out=$scratch/selftest-out
	# what is broken: a file of the job's results, a sed -E edit of it,
	# and the failure check_cases must then report
	local -a files=(cases cases console.log cases cases cases)
	# shellcheck disable=SC2016 # sed commands, not shell expansions
	local -a edits=(
		'0,/ dmabuf-heaps_dmabuf-heap_[A-Za-z]/{//d}'
		's/(_released_memory_of_heap_)(linux_cma|reserved|default_cma_region)(_comes_back) pass$/\1\2\3 fail/'
		'$a WARNING: CPU: 0 PID: 1 at drivers/dma-buf/dma-heap.c:1 selftest'
		's/( dmabuf-heaps_dmabuf-heap_Import_buffer_0) pass$/\1 skip/'
		's/^lava login-action pass$/lava login-action fail/'
		'/_kunit dma_heap[. ]/d'
	)
	local -a wants=(
		"kselftest-list.txt's dmabuf-heap reported, with the subtests of its plan"
		"a heap other than system (the CMA heap) was tested"
		"no kernel report on the console"
		"kselftest-dmabuf-heaps: dmabuf-heaps_dmabuf-heap_Import_buffer_0 # skipped, where it must run"
		"LAVA's own steps (deploy, boot, login, test shell) passed"
		"the KUnit suite dma_heap reported, with its cases"
	)
	label="$s $WB_ARCH lava"
	for i in "${!files[@]}"; do
		want=${wants[$i]}
		rm -rf "$out"
		mkdir -p "$out"
		cp -a "$BUILD/lava/$name" "$out/$name"
		sed -i -E "${edits[$i]}" "$out/$name/${files[$i]}"
		: >"$tmp"
		RESULTS=$tmp check_cases "$name" "$s" >/dev/null
		if grep -q -F "FAIL $label: $want" "$tmp"; then
			result PASS "$label: the check fails when one thing is broken: $want"
		else
			result FAIL "$label: the check fails when one thing is broken: $want" "got: $(grep -c '^FAIL' "$tmp") failures"
		fi
	done
	# both schemas must reject a job whose boot method LAVA does not have
	sed 's/^    method: qemu$/    method: qemuX/' "$BUILD/lava/$name/job.yaml" >"$tmp.yaml"
	if ! "$py" "$TOP/scripts/lava.py" validate "$tmp.yaml" >"$tmp.log" 2>&1 &&
		! PYTHONPATH=$newest "$py" "$TOP/scripts/lava.py" validate "$tmp.yaml" >>"$tmp.log" 2>&1 &&
		[ "$(grep -c -F "invalid: $tmp.yaml: unknown action type @ data['actions']['boot']['qemuX']" "$tmp.log")" -eq 2 ]; then
		result PASS "$label: both job schemas reject an unknown boot method (qemuX), named"
	else
		result FAIL "$label: both job schemas reject an unknown boot method (qemuX), named" "$(tail -n 1 "$tmp.log")"
	fi
}

# prove SERIES: its jobs, one a guest architecture
prove() {
	local s=$1 name arch
	"$TOP/scripts/prepare.sh" "$s" >/dev/null || { result FAIL "lava: patches/$s applies"; return; }
	use_tests "$s" >/dev/null || { result FAIL "lava: the tree of $s's kselftests applies"; return; }
	for arch in "${archs[@]}"; do
		export WB_ARCH=$arch
		name=$s-$arch
		if ! stage "build-$name-m" "$TOP/scripts/build.sh" --into "$(objdir "$s-m")" \
			"$BUILD/work/$s" "$(objdir "$s")" heaps-m; then
			result FAIL "$s $arch lava: the kernel builds (heaps =m)"
			continue
		fi
		if ! stage "lava-artifacts-$name" artifacts "$s" "$name" || ! stage "lava-job-$name" job "$name" "$s"; then
			result FAIL "$s $arch lava: kernel, modules, kselftest and ramdisk artifacts and the job"
			continue
		fi
		validate "$name"
		if stage "lava-run-$name" run_job "$name"; then
			result PASS "$s $arch lava: lava-run completed the job"
		else
			result FAIL "$s $arch lava: lava-run completed the job" "$(tail -n 1 "$LOGS/lava-run-$name.log")"
		fi
		check_cases "$name" "$s"
		# once, on the mainline series' first job
		if [ "$s" = "${series_list[-1]}" ] && [ "$arch" = "${archs[0]}" ]; then
			check_selftest "$name" "$s"
		fi
	done
}

# mutant_artifacts SERIES NAME BASE: the mutant kernel's image and
# modules, the rest and the job from BASE with the URLs moved
mutant_artifacts() {
	local s=$1 dir=$out/$2 base=$3 obj
	obj=$(objdir "$s-mutant-m")
	load_arch
	cp "$obj/$IMAGE" "$dir/" || return 1
	modules_tar "$obj" "$dir/modules.tar.xz" || return 1
	cp "$base/ramdisk.cpio.gz" "$base/kselftest.tar.gz" "$dir/" || return 1
	if [ -f "$base/qemu-cma.dtb" ]; then cp "$base/qemu-cma.dtb" "$dir/" || return 1; fi
	sed -e "s|file://$base/|file://$dir/|g" -e "s|^job_name: .*|job_name: dmabuf-heaps $2 kselftest-dmabuf-heaps|" \
		"$base/job.yaml" >"$dir/job.yaml"
}

# mutant_job PATCH: the series' kernel with PATCH on top, with the
# artifacts and job of the series' first architecture but for the kernel
# and modules. The job must complete; the case PATCH's Lava-fail trailer
# names must fail, for the reason its Expect-log trailer names (on the
# console), with no kernel report and no other failure but known ones
# and that case's program.
mutant_job() {
	local m=$1 s want reason name base work other prog label ok=true
	s=$(basename "$(dirname "$m")")
	want=$(trailer Lava-fail "$m")
	reason=$(trailer Expect-log "$m")
	export WB_ARCH=${archs[0]}
	name=$s-$WB_ARCH-mutant
	base=$out/$s-$WB_ARCH
	work=$BUILD/work/$s
	label="lava mutant $(basename "$m" .patch)"
	if ! grep -q -x "PASS $s $WB_ARCH lava: lava-run completed the job" "$RESULTS"; then
		result FAIL "$label: $s $WB_ARCH's own job completed first"
		return
	fi
	git -C "$work" checkout -q --detach series
	if ! git -C "$work" am -q "$m" >"$LOGS/lava-mutant-am.log" 2>&1; then
		git -C "$work" am --abort 2>/dev/null || true
		git -C "$work" checkout -q series
		result FAIL "$label: applies on top of $s" "see build/logs/lava-mutant-am.log"
		return
	fi
	stage "build-$name" "$TOP/scripts/build.sh" --no-verify --into "$(objdir "$s-mutant-m")" \
		"$work" "$(objdir "$s")" heaps-m || ok=false
	git -C "$work" checkout -q series
	$ok || { result FAIL "$label: the mutant kernel builds"; return; }
	mkdir -p "$out/$name"
	stage "lava-artifacts-$name" mutant_artifacts "$s" "$name" "$base" ||
		{ result FAIL "$label: its artifacts and job"; return; }
	if ! stage "lava-run-$name" run_job "$name"; then
		result FAIL "$label: the job completes (a failing case, not a job error)" \
			"$(tail -n 1 "$LOGS/lava-run-$name.log")"
		return
	fi
	result PASS "$label: the job completes (a failing case, not a job error)"
	if grep -q -E "^[0-9]+_kselftest-dmabuf-heaps $want fail$" "$out/$name/cases"; then
		result PASS "$label: reports $want as fail"
	else
		result FAIL "$label: reports $want as fail" "$(grep -E " $want " "$out/$name/cases" || echo "no such case")"
	fi
	if [ -z "$reason" ] || grep -q -E -- "$reason" "$out/$name/console.log"; then
		result PASS "$label: the console says why${reason:+ (/$reason/)}"
	else
		result FAIL "$label: the console says why (/$reason/)"
	fi
	if grep -q -E "$kernel_reports" "$out/$name/console.log"; then
		result FAIL "$label: no kernel report on the console" "$(grep -m 1 -E "$kernel_reports" "$out/$name/console.log")"
	else
		result PASS "$label: no kernel report on the console"
	fi
	# the failing case's program: the case whose name and "_" start it
	prog=$(awk -v w="$want" '$1 != "lava" && index(w, $2 "_") == 1 { print $2 }' "$out/$name/cases")
	other=$(awk '$1 != "lava" && $3 != "pass" { print $2 }' "$out/$name/cases" |
		{ grep -v -x -e "$want" -e "${prog:-$want}" || true; } | while read -r c; do
		[ -n "$(known "$s" "$c")" ] || echo "$c"
	done)
	if [ -z "$other" ]; then
		result PASS "$label: nothing else failed"
	else
		result FAIL "$label: nothing else failed" "$(head -n 3 <<<"$other" | paste -s -d ' ')"
	fi
}

for s in "${series_list[@]}"; do
	prove "$s"
done
[ -z "$mutant" ] || mutant_job "$mutant"
cat "$out"/*/kcidb-names >"$out/kcidb-names" 2>/dev/null || true
echo "lava: $(find "$out" -name lava.log | wc -l) jobs run by lava-run $lava_version; the kselftest results under KernelCI's names: ${out#"$TOP"/}/*/kcidb-names"
finish_job "make lava"
