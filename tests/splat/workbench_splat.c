// SPDX-License-Identifier: GPL-2.0
/*
 * workbench_splat: a module that warns and leaks on purpose when loaded, so
 * that `make stress` can prove its dmesg and kmemleak checks catch a real
 * report. Never load it anywhere else.
 */
#include <linux/module.h>
#include <linux/slab.h>

static void *kept;

/*
 * Not in .init.text: the module's init code is freed once it has run, and
 * kmemleak's backtrace then shows a bare address instead of a name.
 */
static noinline void workbench_splat_leak(void)
{
	void *lost = kmalloc(512, GFP_KERNEL);

	/* drop the only reference: kmemleak reports it after two scans */
	WRITE_ONCE(kept, lost);
	WRITE_ONCE(kept, NULL);
}

static int __init workbench_splat_init(void)
{
	workbench_splat_leak();
	WARN(1, "workbench_splat: a deliberate warning\n");
	return 0;
}
module_init(workbench_splat_init);
MODULE_DESCRIPTION("Deliberate warning and leak for the workbench's self-test");
MODULE_LICENSE("GPL");
