# Entry points of the workbench; each target is one script under scripts/.
SERIES ?= 6.12

.PHONY: run shell check lts-tests arches combos debian debian-cost lava tree export mbox bench profile stress mutants deps clean help
help:
	@echo "make run     build the patched $(SERIES) kernel (heaps =m), boot it, load and use the heaps"
	@echo "make shell   the same kernel, with an interactive guest shell"
	@echo "make check   the tests: apply, bisect, =m/=y/=n builds, boots, kselftests"
	@echo "make lts-tests mainline's kselftests (TESTS_FROM, default build/work/7.3) on the $(SERIES) kernel, as LKFT runs them"
	@echo "make arches  the series built on Debian's other architectures (=m, =y, no modules, W=1); armhf and s390x booted"
	@echo "make combos  the Kconfig combinations a build bot tries (configs/check), built"
	@echo "make debian  a Debian trixie boot: systemd loads the heaps, udev sets their group, libcamera uses them"
	@echo "make debian-cost  the Debian request on sid's arm64 configuration: olddefconfig's changes, sizes =y/=m"
	@echo "make lava    LAVA jobs (KernelCI's kselftest shape) for 6.12 and 7.3, x86_64 and arm64, run by lava-run here"
	@echo "make tree    build/src/$(SERIES): a git tree of the base with the series, to edit"
	@echo "make export  write build/src/$(SERIES)'s commits back to patches/$(SERIES)"
	@echo "make mbox    build/mbox/$(SERIES): the series ready for git send-email (nothing is sent)"
	@echo "make bench   heap latency: 6.12 =m vs =y vs mainline 7.3, under QEMU -icount"
	@echo "make profile function profile of CMA heap allocations, 6.12 vs 7.3"
	@echo "make stress  debug kernel (KASAN, lockdep, kmemleak, fault injection) + heap-stress"
	@echo "make mutants each tests/mutants/SERIES patch breaks the kernel: a named check must fail"

run:
	scripts/run.sh $(SERIES)

shell:
	scripts/run.sh --shell $(SERIES)

check:
	scripts/check.sh $(SERIES)

# mainline's kselftests (TESTS_FROM: a tree that has them) on the SERIES kernel
TESTS_FROM ?= build/work/7.3
lts-tests:
	scripts/lts-tests.sh $(SERIES) $(TESTS_FROM)

arches:
	scripts/arches.sh $(ARCHES_SERIES)

combos:
	scripts/combos.sh $(SERIES)
debian:
	scripts/debian.sh $(SERIES)

debian-cost:
	scripts/deps.sh
	scripts/debian-cost.sh

lava:
	scripts/lava.sh $(LAVA_SERIES)

tree:
	scripts/deps.sh
	scripts/fetch.sh $(SERIES)
	scripts/base.sh $(SERIES)
	scripts/tree.sh $(SERIES) build/src/$(SERIES)

export:
	scripts/deps.sh
	scripts/export.sh $(SERIES)

mbox:
	scripts/deps.sh
	scripts/mbox.sh $(SERIES)

bench:
	scripts/bench.sh $(BENCH_ARGS)

profile:
	scripts/profile.sh

stress:
	scripts/stress.sh $(STRESS_SECONDS)

mutants:
	scripts/mutants.sh $(SERIES)

deps:
	scripts/deps.sh

clean:
	rm -rf build/obj build/work build/logs
