// SPDX-License-Identifier: GPL-2.0
/*
 * heap-demo: allocate one buffer from each dma-buf heap named on the
 * command line, map it, check that it reads back zeroed, write to it
 * inside a CPU-access window, and print one line per heap.
 *
 * usage: heap-demo SIZE HEAP...     (HEAP is a name under /dev/dma_heap)
 * SIZE 0 checks the other side: the heap core refuses a zero length
 * with EINVAL before any heap sees it (dma_heap_ioctl_allocate()).
 * Exit status: 0 when every heap passed, 1 otherwise.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/dma-buf.h>
#include <linux/dma-heap.h>

static int sync_buf(int fd, __u64 flags)
{
	struct dma_buf_sync sync = { .flags = flags };

	return ioctl(fd, DMA_BUF_IOCTL_SYNC, &sync);
}

/* Returns NULL on success, or a short description of what failed. */
static const char *try_heap(const char *name, size_t size)
{
	struct dma_heap_allocation_data data = {
		.len = size,
		.fd_flags = O_RDWR | O_CLOEXEC,
	};
	static char why[128];
	const char *err = NULL;
	char path[64];
	unsigned char *p;
	int heap_fd;
	size_t i;

	snprintf(path, sizeof(path), "/dev/dma_heap/%s", name);
	heap_fd = open(path, O_RDONLY | O_CLOEXEC);
	if (heap_fd < 0) {
		snprintf(why, sizeof(why), "open %s: %s", path, strerror(errno));
		return why;
	}
	if (ioctl(heap_fd, DMA_HEAP_IOCTL_ALLOC, &data) < 0) {
		int e = errno;

		close(heap_fd);
		if (!size && e == EINVAL)
			return NULL;
		snprintf(why, sizeof(why), "DMA_HEAP_IOCTL_ALLOC: %s%s", strerror(e),
			 size ? "" : ", not EINVAL");
		return why;
	}
	close(heap_fd);
	if (!size) {
		close(data.fd);
		return "a zero length was allocated, not refused with EINVAL";
	}

	p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, data.fd, 0);
	if (p == MAP_FAILED) {
		snprintf(why, sizeof(why), "mmap: %s", strerror(errno));
		close(data.fd);
		return why;
	}
	/* the buffer is read and written only inside this CPU-access window */
	if (sync_buf(data.fd, DMA_BUF_SYNC_START | DMA_BUF_SYNC_RW) < 0) {
		snprintf(why, sizeof(why), "DMA_BUF_IOCTL_SYNC start: %s", strerror(errno));
		err = why;
	} else {
		/* every byte, up to the first that is not zero */
		for (i = 0; i < size && !p[i]; i++)
			;
		if (i < size) {
			snprintf(why, sizeof(why), "byte %zu is 0x%02x, not zero", i, p[i]);
			err = why;
		} else {
			memset(p, 0xa5, size);
		}
		/* a window that was opened is closed, whatever was found in it */
		if (sync_buf(data.fd, DMA_BUF_SYNC_END | DMA_BUF_SYNC_RW) < 0 && !err) {
			snprintf(why, sizeof(why), "DMA_BUF_IOCTL_SYNC end: %s", strerror(errno));
			err = why;
		}
	}
	munmap(p, size);
	close(data.fd);
	return err;
}

int main(int argc, char **argv)
{
	size_t size;
	int i, failed = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: %s SIZE HEAP...\n", argv[0]);
		return 2;
	}
	size = strtoull(argv[1], NULL, 0);
	for (i = 2; i < argc; i++) {
		const char *err = try_heap(argv[i], size);

		if (err) {
			printf("heap %-8s FAILED: %s\n", argv[i], err);
			failed = 1;
		} else if (!size) {
			printf("heap %-8s a zero length refused with EINVAL\n", argv[i]);
		} else {
			printf("heap %-8s %zu bytes allocated, mapped, read back zeroed\n",
			       argv[i], size);
		}
	}
	return failed;
}
