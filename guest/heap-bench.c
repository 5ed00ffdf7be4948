// SPDX-License-Identifier: GPL-2.0
/*
 * heap-bench: time dma-buf heap allocation, the first CPU touch of a
 * mapped buffer, and, for reference, glibc's memset() in user space; print
 * one machine-readable line per measurement.
 *
 * usage: heap-bench [-q | -s SIZE] [HEAP...]
 *   HEAP  name under /dev/dma_heap; default: every node, sorted by name
 *   -q    quick run: 4 KiB, 1 MiB and 16 MiB only
 *   -s    one size only, in bytes
 *
 * Each (heap, op, size) gets one untimed warm-up iteration and then
 * N = max(3, min(200, 64 MiB / size)) timed ones.  The median and the
 * minimum are reported in nanoseconds (CLOCK_MONOTONIC), and the
 * throughput in MiB/s is derived from the median.  Nothing here is random
 * and the order is fixed, but where the buffers land in the address space
 * is the kernel's choice: with address space randomization on, it differs
 * in every boot, and so do the page tables a mapping needs and, under QEMU
 * -icount, the time it takes.  The second header line prints the layout;
 * boot with norandmaps for output that repeats exactly.
 *
 * What each op times:
 *   alloc_free  DMA_HEAP_IOCTL_ALLOC and close() of the new dma-buf
 *   mmap_touch  on a buffer allocated untimed: mmap(), DMA_BUF_SYNC_START,
 *               one write per 4 KiB page (each faults the page in),
 *               DMA_BUF_SYNC_END, munmap()
 *   memset      glibc's memset() of a malloc()ed buffer whose pages are
 *               already faulted in: user space only, no heap and no kernel
 *               zeroing; a reference for this CPU model's write speed
 *
 * Output lines:
 *   BENCH heap=H op=OP size=S iters=N median_ns=M min_ns=m mib_s=T
 *   BENCH heap=H op=OP size=S status=ERRNAME
 * OP is alloc_free, mmap_touch or memset (memset uses heap=-), or open
 * (size=0) when a heap node cannot be opened.  A heap that runs out of
 * memory (ENOMEM) at one size skips all larger sizes.
 * Exit status: 1 if an error other than ENOMEM occurred or no heap was
 * found, 2 on a usage error, 0 otherwise.  The buffers are touched only
 * between DMA_BUF_SYNC_START and DMA_BUF_SYNC_END.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include <linux/dma-buf.h>
#include <linux/dma-heap.h>

#define HEAP_DIR	"/dev/dma_heap"
#define KIB		1024UL
#define MIB		(1024UL * KIB)
#define TOUCH_STRIDE	(4 * KIB)
#define MIN_ITERS	3UL
#define MAX_ITERS	200UL
#define ITER_BUDGET	(64 * MIB)
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static const size_t full_sizes[] = {
	4 * KIB, 16 * KIB, 64 * KIB, 256 * KIB,
	1 * MIB, 4 * MIB, 16 * MIB, 64 * MIB,
};

static const size_t quick_sizes[] = { 4 * KIB, 1 * MIB, 16 * MIB };

struct bench {
	const char *heap;	/* heap name, "-" for memset */
	int heap_fd;
	size_t size;
	unsigned char *buf;	/* memset only */
};

static int any_error;
static unsigned long long samples[MAX_ITERS];

static const char *errname(int err)
{
	static char buf[16];
	const char *name = strerrorname_np(err);

	if (name)
		return name;
	snprintf(buf, sizeof(buf), "E%d", err);
	return buf;
}

static unsigned long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/* Keep the compiler from dropping stores that nobody reads back. */
static void clobber(void *p)
{
	asm volatile("" : : "r"(p) : "memory");
}

/* N = max(3, min(200, 64 MiB / size)) */
static size_t iters_for(size_t size)
{
	size_t n = ITER_BUDGET / size;

	if (n > MAX_ITERS)
		n = MAX_ITERS;
	return n < MIN_ITERS ? MIN_ITERS : n;
}

/* Returns the new dma-buf fd, or -errno. */
static int heap_alloc(int heap_fd, size_t size)
{
	struct dma_heap_allocation_data data = {
		.len = size,
		.fd_flags = O_RDWR | O_CLOEXEC,
	};

	if (ioctl(heap_fd, DMA_HEAP_IOCTL_ALLOC, &data) < 0)
		return -errno;
	return data.fd;
}

static int sync_buf(int fd, __u64 flags)
{
	struct dma_buf_sync sync = { .flags = flags };

	return ioctl(fd, DMA_BUF_IOCTL_SYNC, &sync) < 0 ? errno : 0;
}

static int op_alloc_free(struct bench *b, unsigned long long *ns)
{
	unsigned long long t0 = now_ns();
	int fd;

	fd = heap_alloc(b->heap_fd, b->size);
	if (fd >= 0)
		close(fd);
	*ns = now_ns() - t0;
	return fd < 0 ? -fd : 0;
}

/* mmap, CPU-access window, one write per 4 KiB page, munmap. */
static int touch_buf(int fd, size_t size)
{
	unsigned char *p;
	size_t off;
	int err;

	p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		return errno;
	err = sync_buf(fd, DMA_BUF_SYNC_START | DMA_BUF_SYNC_RW);
	if (!err) {
		for (off = 0; off < size; off += TOUCH_STRIDE)
			p[off] = 1;
		clobber(p);
		err = sync_buf(fd, DMA_BUF_SYNC_END | DMA_BUF_SYNC_RW);
	}
	if (munmap(p, size) < 0 && !err)
		err = errno;
	return err;
}

static int op_mmap_touch(struct bench *b, unsigned long long *ns)
{
	unsigned long long t0;
	int fd, err;

	fd = heap_alloc(b->heap_fd, b->size);
	if (fd < 0)
		return -fd;
	t0 = now_ns();
	err = touch_buf(fd, b->size);
	*ns = now_ns() - t0;
	close(fd);
	return err;
}

static int op_memset(struct bench *b, unsigned long long *ns)
{
	unsigned long long t0 = now_ns();

	memset(b->buf, 0, b->size);
	clobber(b->buf);
	*ns = now_ns() - t0;
	return 0;
}

static int cmp_ull(const void *a, const void *b)
{
	unsigned long long x = *(const unsigned long long *)a;
	unsigned long long y = *(const unsigned long long *)b;

	return (x > y) - (x < y);
}

static void report(const struct bench *b, const char *op, size_t n)
{
	unsigned long long med;
	double mib_s = 0;

	qsort(samples, n, sizeof(samples[0]), cmp_ull);
	if (n & 1)
		med = samples[n / 2];
	else
		med = (samples[n / 2 - 1] + samples[n / 2]) / 2;
	if (med)
		mib_s = (double)b->size * 1e9 / med / MIB;
	printf("BENCH heap=%s op=%s size=%zu iters=%zu median_ns=%llu min_ns=%llu mib_s=%.1f\n",
	       b->heap, op, b->size, n, med, samples[0], mib_s);
}

static void report_status(const struct bench *b, const char *op, int err)
{
	printf("BENCH heap=%s op=%s size=%zu status=%s\n",
	       b->heap, op, b->size, errname(err));
	if (err != ENOMEM)
		any_error = 1;
}

/* One untimed warm-up, then iters_for() timed runs; returns 0 or errno. */
static int run(struct bench *b, const char *op,
	       int (*fn)(struct bench *b, unsigned long long *ns))
{
	size_t i, n = iters_for(b->size);
	int err;

	err = fn(b, &samples[0]);
	for (i = 0; !err && i < n; i++)
		err = fn(b, &samples[i]);
	if (err)
		report_status(b, op, err);
	else
		report(b, op, n);
	return err;
}

static void bench_memset(size_t size)
{
	struct bench b = { .heap = "-", .heap_fd = -1, .size = size };

	b.buf = malloc(size);
	if (!b.buf) {
		report_status(&b, "memset", ENOMEM);
		return;
	}
	memset(b.buf, 1, size);	/* fault every page in, untimed */
	run(&b, "memset", op_memset);
	free(b.buf);
}

static void bench_heap(const char *name, const size_t *sizes, size_t nsizes)
{
	struct bench b = { .heap = name };
	char path[PATH_MAX];
	size_t i;
	int err;

	snprintf(path, sizeof(path), "%s/%s", HEAP_DIR, name);
	b.heap_fd = open(path, O_RDONLY | O_CLOEXEC);
	if (b.heap_fd < 0) {
		report_status(&b, "open", errno);
		return;
	}
	for (i = 0; i < nsizes; i++) {
		b.size = sizes[i];
		err = run(&b, "alloc_free", op_alloc_free);
		if (err == ENOMEM)
			report_status(&b, "mmap_touch", ENOMEM);
		else
			err = run(&b, "mmap_touch", op_mmap_touch);
		if (err == ENOMEM)
			break;
	}
	close(b.heap_fd);
}

static int not_dot(const struct dirent *d)
{
	return d->d_name[0] != '.';
}

static void bench_all_heaps(const size_t *sizes, size_t nsizes)
{
	struct dirent **list;
	int i, n;

	n = scandir(HEAP_DIR, &list, not_dot, alphasort);
	if (n <= 0) {
		/* nothing measured is a failed benchmark, not an empty success */
		fprintf(stderr, "heap-bench: no heaps found in %s\n", HEAP_DIR);
		any_error = 1;
		if (n == 0)
			free(list);
		return;
	}
	for (i = 0; i < n; i++) {
		bench_heap(list[i]->d_name, sizes, nsizes);
		free(list[i]);
	}
	free(list);
}

static void print_header(const size_t *sizes, size_t nsizes)
{
	size_t i;

	printf("# heap-bench: iters=max(%lu,min(%lu,%lu/size)) after 1 untimed warm-up;",
	       MIN_ITERS, MAX_ITERS, ITER_BUDGET);
	printf(" median_ns/min_ns from CLOCK_MONOTONIC; mib_s from median; sizes=");
	for (i = 0; i < nsizes; i++)
		printf("%s%zu", i ? "," : "", sizes[i]);
	printf("\n");
}

/*
 * Where this process's memory lies: with address space randomization on,
 * the heap buffers land elsewhere in every boot, and a mapping that needs
 * a page table of its own costs more than one that shares one (under
 * -icount, guest time moves with it).  Printed so that a log shows it.
 */
static void print_layout(void)
{
	char aslr[8] = "?";
	void *map;
	FILE *f;

	f = fopen("/proc/sys/kernel/randomize_va_space", "r");
	if (f) {
		if (!fgets(aslr, sizeof(aslr), f))
			strcpy(aslr, "?");
		aslr[strcspn(aslr, "\n")] = '\0';
		fclose(f);
	}
	map = mmap(NULL, 4 * KIB, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	printf("# heap-bench: randomize_va_space=%s stack=%p brk=%p mmap=%p\n",
	       aslr, (void *)&f, sbrk(0), map == MAP_FAILED ? NULL : map);
	if (map != MAP_FAILED)
		munmap(map, 4 * KIB);
}

static int usage(void)
{
	fprintf(stderr, "usage: heap-bench [-q | -s SIZE] [HEAP...]\n");
	return 2;
}

int main(int argc, char **argv)
{
	const size_t *sizes = full_sizes;
	size_t i, nsizes = ARRAY_SIZE(full_sizes);
	size_t one_size;
	char *end;
	int opt;

	while ((opt = getopt(argc, argv, "qs:")) != -1) {
		switch (opt) {
		case 'q':
			sizes = quick_sizes;
			nsizes = ARRAY_SIZE(quick_sizes);
			break;
		case 's':
			one_size = strtoull(optarg, &end, 0);
			if (end == optarg || *end || !one_size)
				return usage();
			sizes = &one_size;
			nsizes = 1;
			break;
		default:
			return usage();
		}
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	print_header(sizes, nsizes);
	print_layout();
	for (i = 0; i < nsizes; i++)
		bench_memset(sizes[i]);
	if (optind < argc) {
		for (; optind < argc; optind++)
			bench_heap(argv[optind], sizes, nsizes);
	} else {
		bench_all_heaps(sizes, nsizes);
	}
	return any_error;
}
