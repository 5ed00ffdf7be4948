// SPDX-License-Identifier: GPL-2.0
/*
 * workbench_splat: a module that warns and leaks on purpose when loaded, so
 * that `make stress` can prove its dmesg and kmemleak checks catch a real
 * report. Never load it anywhere else.
 */
#include <linux/module.h>
#include <linux/slab.h>

static void *kept;

static int __init workbench_splat_init(void)
{
	void *lost = kmalloc(512, GFP_KERNEL);

	/* drop the only reference: kmemleak reports it after two scans */
	WRITE_ONCE(kept, lost);
	WRITE_ONCE(kept, NULL);
	WARN(1, "workbench_splat: a deliberate warning\n");
	return 0;
}
module_init(workbench_splat_init);
MODULE_DESCRIPTION("Deliberate warning and leak for the workbench's self-test");
MODULE_LICENSE("GPL");
