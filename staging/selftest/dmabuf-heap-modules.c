// SPDX-License-Identifier: GPL-2.0
/*
 * dmabuf-heap-modules - the dma-buf heaps built as modules
 *
 * The system heap (system_heap.ko) and the CMA heap (cma_heap.ko) may be
 * built as modules. They have no module_exit(), so once loaded they stay.
 * This test checks, for each heap module the running kernel knows of:
 *
 *  - its life cycle: modprobe makes its node under /dev/dma_heap appear,
 *    /proc/modules marks it [permanent], delete_module() is refused with
 *    EBUSY and leaves the heap working, loading it again is harmless, and
 *    modinfo shows the GPL license and the DMA_BUF and DMA_BUF_HEAP symbol
 *    namespaces. A heap built in, or not built at all, skips these tests;
 *  - for every node under /dev/dma_heap: allocation, mmap and CPU access
 *    bracketed by DMA_BUF_IOCTL_SYNC at 4 KiB, 64 KiB, 1 MiB and 16 MiB
 *    (8 MiB at most from a CMA heap), and a buffer that outlives its heap
 *    fd;
 *  - bad DMA_HEAP_IOCTL_ALLOC input, each case pinned to what Linux 6.12
 *    answers. Every node other than "system" is taken for a CMA heap.
 *
 * What Linux 6.12 answers (drivers/dma-buf/dma-heap.c unless noted):
 *
 *   case                                 system heap     CMA heap
 *   -----------------------------------  --------------  --------------
 *   fd field not 0 on input              EINVAL          EINVAL
 *   unknown fd_flags bits                EINVAL          EINVAL
 *   unknown heap_flags bits              EINVAL          EINVAL
 *   len 0                                EINVAL          EINVAL
 *   len ~0ULL (page-aligns to 0)         EINVAL          EINVAL
 *   NULL argument pointer                EFAULT          EFAULT
 *   read-only argument (copy-out fails)  EFAULT, no fd   EFAULT, no fd
 *   unknown ioctl nr (1)                 EINVAL (a)      EINVAL (a)
 *   16-byte struct (no heap_flags)       success         success
 *   32-byte struct, extra bytes 0        success         success
 *   32-byte struct, extra bytes not 0    success (b)     success (b)
 *   len twice the RAM                    OOM kill (c)    ENOMEM (d)
 *   len ~0ULL - (PAGE_SIZE - 1)          OOM kill (c)    ENOMEM (d)
 *
 * (a) Only _IOC_NR() selects the command, and there is a single one: every
 *     other nr is EINVAL, never ENOTTY.
 * (b) Bytes past the kernel's struct are copied in and then ignored.
 * (c) system_heap_allocate() has no size limit: it takes pages until its
 *     order-0 GFP_HIGHUSER allocations wake the OOM killer, and no errno
 *     ever reaches user space. The case runs in a child that volunteers
 *     as the OOM victim, and only on a small machine without swap.
 * (d) cma_alloc() returns NULL at once for more pages than the CMA area
 *     has, and cma_heap_allocate() turns that into ENOMEM.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/types.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/dma-buf.h>
#include <linux/dma-heap.h>

/* In the kernel tree this file sits in dmabuf-heaps/, one level down. */
#if __has_include("kselftest.h")
#include "kselftest.h"
#else
#include "../kselftest.h"
#endif

#ifndef DMA_HEAP_VALID_FD_FLAGS
#define DMA_HEAP_VALID_FD_FLAGS (O_CLOEXEC | O_ACCMODE)
#endif
#ifndef DMA_HEAP_VALID_HEAP_FLAGS
#define DMA_HEAP_VALID_HEAP_FLAGS 0
#endif

#define HEAP_DIR	"/dev/dma_heap"
#define MAX_HEAPS	32
#define BUF_FD_FLAGS	(O_RDWR | O_CLOEXEC)

#define SZ_4K		0x1000ULL
#define SZ_64K		0x10000ULL
#define SZ_1M		0x100000ULL
#define SZ_8M		0x800000ULL
#define SZ_16M		0x1000000ULL
#define CMA_MAX_LEN	SZ_8M

/* Filling RAM up to the OOM killer is only done on machines this small. */
#define OOM_MAX_RAM	(2048ULL << 20)
/* Seconds the child filling RAM gets before it is stopped. */
#define OOM_TIMEOUT	120
/* Exit status of a child that could not become the OOM victim. */
#define CHILD_SETUP_FAILED 255

/* The DMA_HEAP_IOCTL_ALLOC argument as an older and a newer UAPI may have it. */
struct alloc_data_short {
	__u64 len;
	__u32 fd;
	__u32 fd_flags;
};

struct alloc_data_long {
	struct dma_heap_allocation_data data;
	__u64 extra;
};

static size_t page_size;
static char release[sizeof(((struct utsname *)0)->release)];
static char heaps[MAX_HEAPS][NAME_MAX + 1];
static int nr_heaps;
static unsigned long long ram_bytes, swap_bytes, cma_bytes;

/* ----------------------------------------------------------------------
 * Small helpers
 */

static const char *errno_name(int err)
{
	static char buf[32];

	switch (err) {
	case EPERM:
		return "EPERM";
	case ENOENT:
		return "ENOENT";
	case EINTR:
		return "EINTR";
	case ENOEXEC:
		return "ENOEXEC";
	case EAGAIN:
		return "EAGAIN";
	case ENOMEM:
		return "ENOMEM";
	case EACCES:
		return "EACCES";
	case EFAULT:
		return "EFAULT";
	case EBUSY:
		return "EBUSY";
	case EEXIST:
		return "EEXIST";
	case ENODEV:
		return "ENODEV";
	case EINVAL:
		return "EINVAL";
	case ENOTTY:
		return "ENOTTY";
	case EKEYREJECTED:
		return "EKEYREJECTED";
	}
	snprintf(buf, sizeof(buf), "errno %d", err);
	return buf;
}

/* Print one TAP result line: "desc" or "desc: why". */
static void report(int result, const char *desc, const char *why)
{
	const char *sep = why && why[0] ? ": " : "";

	if (!why)
		why = "";
	switch (result) {
	case KSFT_PASS:
		ksft_test_result_pass("%s%s%s\n", desc, sep, why);
		break;
	case KSFT_SKIP:
		ksft_test_result_skip("%s%s%s\n", desc, sep, why);
		break;
	default:
		ksft_test_result_fail("%s%s%s\n", desc, sep, why);
		break;
	}
}

static __printf(4, 5) int say(int result, char *why, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, len, fmt, ap);
	va_end(ap);
	return result;
}

/* Print a tool's captured output as diagnostics, one line at a time. */
static void print_output(const char *tool, const char *out)
{
	const char *end;

	while (*out) {
		end = strchrnul(out, '\n');
		ksft_print_msg("%s: %.*s\n", tool, (int)(end - out), out);
		out = *end ? end + 1 : end;
	}
}

static void sleep_ms(long ms)
{
	struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000 };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* The lowest free fd number, which is the one the next open() returns. */
static int lowest_free_fd(void)
{
	int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);

	if (fd >= 0)
		close(fd);
	return fd;
}

static bool is_char_dev(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISCHR(st.st_mode);
}

/* A value from /proc/meminfo in bytes, 0 when it is not there. */
static unsigned long long meminfo_bytes(const char *key)
{
	unsigned long long kb = 0;
	size_t n = strlen(key);
	char *line = NULL;
	size_t cap = 0;
	FILE *f;

	f = fopen("/proc/meminfo", "re");
	if (!f)
		return 0;
	while (getline(&line, &cap, f) > 0) {
		if (!strncmp(line, key, n) && line[n] == ':') {
			kb = strtoull(line + n + 1, NULL, 10);
			break;
		}
	}
	free(line);
	fclose(f);
	return kb * 1024;
}

/* Find an executable in $PATH, then in the usual system directories. */
static bool find_tool(const char *name, char *path, size_t len)
{
	static const char * const dirs[] = { "/sbin", "/usr/sbin", "/bin", "/usr/bin" };
	const char *env = getenv("PATH");
	char *copy, *dir, *save = NULL;
	bool found = false;
	size_t i;

	copy = strdup(env ? env : "");
	for (dir = copy ? strtok_r(copy, ":", &save) : NULL; dir && !found;
	     dir = strtok_r(NULL, ":", &save)) {
		snprintf(path, len, "%s/%s", dir, name);
		found = !access(path, X_OK);
	}
	free(copy);
	for (i = 0; i < ARRAY_SIZE(dirs) && !found; i++) {
		snprintf(path, len, "%s/%s", dirs[i], name);
		found = !access(path, X_OK);
	}
	if (!found)
		path[0] = '\0';
	return found;
}

/*
 * Run a program with its stdout and stderr captured in out (truncated to
 * fit). Return its exit status, 128 + the signal that killed it, or -1 if
 * it could not be run.
 */
static int run_tool(const char *path, const char *const argv[], char *out, size_t len)
{
	size_t used = 0;
	int pipefd[2];
	char buf[256];
	ssize_t n;
	pid_t pid;
	int st;

	out[0] = '\0';
	if (pipe2(pipefd, O_CLOEXEC))
		return -1;
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0) {
		close(pipefd[0]);
		close(pipefd[1]);
		return -1;
	}
	if (pid == 0) {
		if (dup2(pipefd[1], STDOUT_FILENO) < 0 || dup2(pipefd[1], STDERR_FILENO) < 0)
			_exit(127);
		execv(path, (char *const *)argv);
		_exit(127);
	}
	close(pipefd[1]);
	for (;;) {
		n = read(pipefd[0], buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (used + 1 < len) {
			size_t take = (size_t)n < len - 1 - used ? (size_t)n : len - 1 - used;

			memcpy(out + used, buf, take);
			used += take;
			out[used] = '\0';
		}
	}
	close(pipefd[0]);
	while (waitpid(pid, &st, 0) < 0) {
		if (errno != EINTR)
			return -1;
	}
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	return 128 + WTERMSIG(st);
}

/* Does out hold word as a line of its own? */
static bool has_line(const char *out, const char *word)
{
	size_t n = strlen(word);
	const char *end;

	while (*out) {
		end = strchrnul(out, '\n');
		if ((size_t)(end - out) >= n && !strncmp(out, word, n) &&
		    strspn(out + n, " \t\r") == (size_t)(end - out) - n)
			return true;
		out = *end ? end + 1 : end;
	}
	return false;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* Sorted names of the character devices under /dev/dma_heap. */
static int list_heaps(char names[][NAME_MAX + 1], int max)
{
	char path[sizeof(HEAP_DIR) + NAME_MAX + 1];
	struct dirent *de;
	int n = 0;
	DIR *dir;

	dir = opendir(HEAP_DIR);
	if (!dir)
		return 0;
	while ((de = readdir(dir)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), HEAP_DIR "/%s", de->d_name);
		if (!is_char_dev(path))
			continue;
		if (n == max) {
			ksft_print_msg("more than %d heaps, ignoring %s\n", max, de->d_name);
			continue;
		}
		snprintf(names[n++], NAME_MAX + 1, "%s", de->d_name);
	}
	closedir(dir);
	qsort(names, n, NAME_MAX + 1, compare_names);
	return n;
}

/* ----------------------------------------------------------------------
 * Heap and buffer helpers
 */

static int heap_open(const char *name)
{
	char path[sizeof(HEAP_DIR) + NAME_MAX + 1];

	snprintf(path, sizeof(path), HEAP_DIR "/%.*s", NAME_MAX, name);
	return open(path, O_RDONLY | O_CLOEXEC);
}

/* Allocate len bytes; 0 and the dma-buf fd in *buf_fd, or -errno. */
static int heap_alloc(int heap_fd, __u64 len, int *buf_fd)
{
	struct dma_heap_allocation_data data = {
		.len = len,
		.fd_flags = BUF_FD_FLAGS,
	};
	int ret;

	ret = ioctl(heap_fd, DMA_HEAP_IOCTL_ALLOC, &data);
	*buf_fd = ret ? -1 : (int)data.fd;
	return ret ? -errno : 0;
}

static int buf_sync(int buf_fd, __u64 flags)
{
	struct dma_buf_sync sync = { .flags = flags };
	int ret;

	do {
		ret = ioctl(buf_fd, DMA_BUF_IOCTL_SYNC, &sync);
	} while (ret && (errno == EINTR || errno == EAGAIN));
	return ret;
}

static unsigned char pattern(size_t i)
{
	return (unsigned char)(i * 31 + 7);
}

/*
 * Map a fresh buffer, check inside a read/write CPU access window that it
 * is zeroed and fill it, then read the pattern back in a second, read-only
 * window.
 */
static int buf_check(int buf_fd, size_t len, char *why, size_t wlen)
{
	static const unsigned char zero[4096];
	int ret = KSFT_PASS;
	unsigned char *p;
	size_t i, n;

	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, buf_fd, 0);
	if (p == MAP_FAILED)
		return say(KSFT_FAIL, why, wlen, "mmap: %s", strerror(errno));

	if (buf_sync(buf_fd, DMA_BUF_SYNC_START | DMA_BUF_SYNC_RW)) {
		ret = say(KSFT_FAIL, why, wlen, "SYNC_START: %s", strerror(errno));
		goto unmap;
	}
	for (i = 0; i < len; i += n) {
		n = len - i < sizeof(zero) ? len - i : sizeof(zero);
		if (memcmp(p + i, zero, n))
			break;
	}
	if (i < len) {
		while (!p[i])
			i++;
		ret = say(KSFT_FAIL, why, wlen, "byte %zu is 0x%02x, not zero", i, p[i]);
	}
	for (i = 0; i < len; i++)
		p[i] = pattern(i);
	if (buf_sync(buf_fd, DMA_BUF_SYNC_END | DMA_BUF_SYNC_RW)) {
		ret = say(KSFT_FAIL, why, wlen, "SYNC_END: %s", strerror(errno));
		goto unmap;
	}
	if (ret != KSFT_PASS)
		goto unmap;

	if (buf_sync(buf_fd, DMA_BUF_SYNC_START | DMA_BUF_SYNC_READ)) {
		ret = say(KSFT_FAIL, why, wlen, "SYNC_START (read): %s", strerror(errno));
		goto unmap;
	}
	for (i = 0; i < len && p[i] == pattern(i); i++)
		;
	if (i < len)
		ret = say(KSFT_FAIL, why, wlen, "byte %zu reads back 0x%02x, wrote 0x%02x",
			  i, p[i], pattern(i));
	if (buf_sync(buf_fd, DMA_BUF_SYNC_END | DMA_BUF_SYNC_READ))
		ret = say(KSFT_FAIL, why, wlen, "SYNC_END (read): %s", strerror(errno));
unmap:
	munmap(p, len);
	return ret;
}

/* Allocate len bytes from the named heap and check the buffer. */
static int heap_alloc_check(const char *name, size_t len, char *why, size_t wlen)
{
	int heap_fd, buf_fd, ret;

	heap_fd = heap_open(name);
	if (heap_fd < 0)
		return say(KSFT_FAIL, why, wlen, "open %s: %s", name, strerror(errno));
	ret = heap_alloc(heap_fd, len, &buf_fd);
	close(heap_fd);
	if (ret)
		return say(KSFT_FAIL, why, wlen, "allocating %zu bytes from %s: %s",
			   len, name, errno_name(-ret));
	ret = buf_check(buf_fd, len, why, wlen);
	close(buf_fd);
	return ret;
}

/* ----------------------------------------------------------------------
 * Module life cycle
 */

enum build { NOT_CONFIGURED, BUILT_IN, LOADABLE };

struct heap_module {
	const char *name;
	bool cma;			/* its node is any node but "system" */
	enum build build;
	char ko[PATH_MAX];		/* the module file, from modules.dep */
	char modprobe[PATH_MAX];	/* the tools, "" when missing */
	char modinfo[PATH_MAX];
	int load_status;		/* exit status of the first modprobe */
	char load_out[1024];
	char node[NAME_MAX + 1];	/* its heap's node, "" if none */
};

static struct heap_module heap_modules[] = {
	{ .name = "system_heap", .cma = false },
	{ .name = "cma_heap", .cma = true },
};

static const char * const lifecycle_desc[] = {
	"modprobe",
	"heap node in " HEAP_DIR,
	"[permanent] in /proc/modules",
	"delete_module() refused with EBUSY",
	"still in /proc/modules after delete_module()",
	"heap allocates after delete_module()",
	"modprobe again leaves it loaded and working",
	"finit_module() of it again gives EEXIST",
	"modinfo license is GPL",
	"modinfo import_ns has DMA_BUF and DMA_BUF_HEAP",
};

enum {
	STEP_LOAD, STEP_NODE, STEP_PERMANENT, STEP_DELETE, STEP_STILL_LISTED,
	STEP_STILL_ALLOCATES, STEP_RELOAD, STEP_FINIT, STEP_LICENSE, STEP_IMPORT_NS,
};

/* Is path (from modules.builtin or modules.dep) the file of module name? */
static bool is_module_file(const char *path, const char *name, bool compressed_ok)
{
	const char *base = strrchr(path, '/');
	size_t n = strlen(name);

	base = base ? base + 1 : path;
	if (strncmp(base, name, n) || strncmp(base + n, ".ko", 3))
		return false;
	return !base[n + 3] || (compressed_ok && base[n + 3] == '.');
}

/* Look the module up in modules.builtin, then in modules.dep. */
static void classify(struct heap_module *m)
{
	char path[PATH_MAX];
	char *line = NULL;
	size_t cap = 0;
	FILE *f;

	m->build = NOT_CONFIGURED;
	snprintf(path, sizeof(path), "/lib/modules/%s/modules.builtin", release);
	f = fopen(path, "re");
	while (f && getline(&line, &cap, f) > 0) {
		line[strcspn(line, "\n")] = '\0';
		if (is_module_file(line, m->name, false)) {
			m->build = BUILT_IN;
			break;
		}
	}
	if (f)
		fclose(f);

	snprintf(path, sizeof(path), "/lib/modules/%s/modules.dep", release);
	f = m->build == NOT_CONFIGURED ? fopen(path, "re") : NULL;
	while (f && getline(&line, &cap, f) > 0) {
		line[strcspn(line, ":\n")] = '\0';
		if (is_module_file(line, m->name, true)) {
			m->build = LOADABLE;
			if (line[0] == '/')
				snprintf(m->ko, sizeof(m->ko), "%s", line);
			else
				snprintf(m->ko, sizeof(m->ko), "/lib/modules/%s/%s", release, line);
			break;
		}
	}
	if (f)
		fclose(f);
	free(line);
}

/* Is the module in /proc/modules? If so, and line is set, copy its line. */
static bool module_listed(const char *name, char *line, size_t len)
{
	size_t n = strlen(name);
	char *buf = NULL;
	bool found = false;
	size_t cap = 0;
	FILE *f;

	f = fopen("/proc/modules", "re");
	if (!f)
		return false;
	while (!found && getline(&buf, &cap, f) > 0) {
		if (strncmp(buf, name, n) || buf[n] != ' ')
			continue;
		found = true;
		if (line) {
			buf[strcspn(buf, "\n")] = '\0';
			snprintf(line, len, "%s", buf);
		}
	}
	free(buf);
	fclose(f);
	return found;
}

static int modprobe(struct heap_module *m, char *out, size_t len)
{
	const char *const argv[] = { m->modprobe, m->name, NULL };

	return run_tool(m->modprobe, argv, out, len);
}

static int modinfo_field(struct heap_module *m, const char *field, char *out, size_t len)
{
	const char *const argv[] = { m->modinfo, "-F", field, m->name, NULL };

	return run_tool(m->modinfo, argv, out, len);
}

/* The system heap's node is "system"; the CMA heap's is any other one. */
static bool is_node_of(const struct heap_module *m, const char *node)
{
	return m->cma ? strcmp(node, "system") != 0 : strcmp(node, "system") == 0;
}

/* The heap's node, waiting a little for it to show up. */
static bool find_node(struct heap_module *m)
{
	char names[MAX_HEAPS][NAME_MAX + 1];
	int tries, n, i;

	for (tries = 0; tries < 20; tries++) {
		n = list_heaps(names, MAX_HEAPS);
		for (i = 0; i < n; i++) {
			if (is_node_of(m, names[i])) {
				snprintf(m->node, sizeof(m->node), "%.*s", NAME_MAX, names[i]);
				return true;
			}
		}
		sleep_ms(100);
	}
	m->node[0] = '\0';
	return false;
}

static int no_node(struct heap_module *m, char *why, size_t len)
{
	if (m->cma)
		return say(KSFT_SKIP, why, len, "no CMA area");
	return say(KSFT_FAIL, why, len, "no " HEAP_DIR "/system");
}

static int lifecycle_step(struct heap_module *m, int step, char *why, size_t len)
{
	char out[1024];
	int ret, fd;

	switch (step) {
	case STEP_LOAD:
		if (m->load_status) {
			print_output("modprobe", m->load_out);
			return say(KSFT_FAIL, why, len, "exit status %d", m->load_status);
		}
		return KSFT_PASS;

	case STEP_NODE:
		if (!find_node(m))
			return no_node(m, why, len);
		return say(KSFT_PASS, why, len, "%s", m->node);

	case STEP_PERMANENT:
		if (!module_listed(m->name, out, sizeof(out)))
			return say(KSFT_FAIL, why, len, "not in /proc/modules");
		if (!strstr(out, "[permanent]"))
			return say(KSFT_FAIL, why, len, "listed as \"%s\"", out);
		return KSFT_PASS;

	case STEP_DELETE:
		ret = syscall(__NR_delete_module, m->name, O_NONBLOCK);
		if (!ret)
			return say(KSFT_FAIL, why, len, "the module was unloaded");
		if (errno != EBUSY)
			return say(KSFT_FAIL, why, len, "%s", errno_name(errno));
		return KSFT_PASS;

	case STEP_STILL_LISTED:
		return module_listed(m->name, NULL, 0) ? KSFT_PASS : KSFT_FAIL;

	case STEP_STILL_ALLOCATES:
		if (!m->node[0])
			return no_node(m, why, len);
		return heap_alloc_check(m->node, page_size, why, len);

	case STEP_RELOAD:
		ret = modprobe(m, out, sizeof(out));
		if (ret) {
			print_output("modprobe", out);
			return say(KSFT_FAIL, why, len, "modprobe exit status %d", ret);
		}
		if (!module_listed(m->name, NULL, 0))
			return say(KSFT_FAIL, why, len, "not in /proc/modules");
		if (!m->node[0])
			return say(KSFT_PASS, why, len, "no node to allocate from");
		return heap_alloc_check(m->node, page_size, why, len);

	case STEP_FINIT:
		if (!is_module_file(m->ko, m->name, false))
			return say(KSFT_SKIP, why, len, "%s is compressed", m->ko);
		fd = open(m->ko, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return say(KSFT_FAIL, why, len, "open %s: %s", m->ko, strerror(errno));
		ret = syscall(__NR_finit_module, fd, "", 0);
		if (ret)
			ret = errno;
		close(fd);
		if (!ret)
			return say(KSFT_FAIL, why, len, "loaded again");
		if (ret != EEXIST)
			return say(KSFT_FAIL, why, len, "%s", errno_name(ret));
		return KSFT_PASS;

	case STEP_LICENSE:
		ret = modinfo_field(m, "license", out, sizeof(out));
		if (ret || !has_line(out, "GPL"))
			goto modinfo_failed;
		return KSFT_PASS;

	case STEP_IMPORT_NS:
		ret = modinfo_field(m, "import_ns", out, sizeof(out));
		if (ret || !has_line(out, "DMA_BUF") || !has_line(out, "DMA_BUF_HEAP"))
			goto modinfo_failed;
		return KSFT_PASS;
	}
	return say(KSFT_FAIL, why, len, "no step %d", step);

modinfo_failed:
	print_output("modinfo", out);
	if (ret)
		return say(KSFT_FAIL, why, len, "modinfo exit status %d", ret);
	return say(KSFT_FAIL, why, len, "modinfo printed something else");
}

/* Why a step cannot run, or NULL when it can. */
static const char *lifecycle_skip(struct heap_module *m, int step, char *buf, size_t len)
{
	if (m->build == BUILT_IN) {
		snprintf(buf, len, "%s is built in", m->name);
		return buf;
	}
	if (m->build == NOT_CONFIGURED) {
		snprintf(buf, len, "%s not configured", m->name);
		return buf;
	}
	if (step >= STEP_LICENSE)
		return m->modinfo[0] ? NULL : "modinfo not found";
	if (!m->modprobe[0])
		return "modprobe not found";
	if (geteuid())
		return "loading modules needs root";
	if (step != STEP_LOAD && m->load_status) {
		snprintf(buf, len, "modprobe %s failed", m->name);
		return buf;
	}
	return NULL;
}

/* Before the plan: classify the module and, if it is one, load it. */
static void module_prepare(struct heap_module *m)
{
	classify(m);
	find_tool("modprobe", m->modprobe, sizeof(m->modprobe));
	find_tool("modinfo", m->modinfo, sizeof(m->modinfo));
	if (m->build == LOADABLE && m->modprobe[0] && !geteuid())
		m->load_status = modprobe(m, m->load_out, sizeof(m->load_out));
}

/*
 * A heap that is in neither list but has its node is built in all the
 * same: a kernel where the heap's Kconfig option is a bool puts nothing in
 * modules.builtin for it.
 */
static void module_refine(struct heap_module *m)
{
	int i;

	if (m->build != NOT_CONFIGURED)
		return;
	for (i = 0; i < nr_heaps; i++) {
		if (is_node_of(m, heaps[i])) {
			ksft_print_msg("%s: not in modules.builtin or modules.dep, but %s exists\n",
				       m->name, heaps[i]);
			m->build = BUILT_IN;
			return;
		}
	}
}

static void module_tests(struct heap_module *m)
{
	char desc[128], why[512], buf[128];
	const char *skip;
	size_t step;
	int ret;

	for (step = 0; step < ARRAY_SIZE(lifecycle_desc); step++) {
		snprintf(desc, sizeof(desc), "%s: %s", m->name, lifecycle_desc[step]);
		skip = lifecycle_skip(m, step, buf, sizeof(buf));
		if (skip) {
			report(KSFT_SKIP, desc, skip);
			continue;
		}
		why[0] = '\0';
		ret = lifecycle_step(m, step, why, sizeof(why));
		report(ret, desc, why);
	}
}

/* ----------------------------------------------------------------------
 * Allocation and bad input, for every heap
 */

struct heap_ctx {
	const char *name;
	bool system;
	int fd;
};

struct heap_case {
	const char *desc;
	int (*run)(const struct heap_ctx *h, unsigned long long arg, char *why, size_t len);
	unsigned long long arg;
};

static int case_alloc(const struct heap_ctx *h, unsigned long long arg, char *why, size_t len)
{
	size_t size = arg;
	int buf_fd, ret;

	if (!h->system && size > CMA_MAX_LEN)
		size = CMA_MAX_LEN;
	if (!h->system && cma_bytes && size > cma_bytes)
		return say(KSFT_SKIP, why, len, "%zu bytes is more than the CMA total", size);
	ret = heap_alloc(h->fd, size, &buf_fd);
	if (ret)
		return say(KSFT_FAIL, why, len, "%zu bytes: %s", size, errno_name(-ret));
	ret = buf_check(buf_fd, size, why, len);
	close(buf_fd);
	if (ret == KSFT_PASS)
		say(ret, why, len, "%zu KiB", size >> 10);
	return ret;
}

static int case_outlive(const struct heap_ctx *h, unsigned long long arg, char *why, size_t len)
{
	int heap_fd, buf_fd, ret;

	heap_fd = heap_open(h->name);
	if (heap_fd < 0)
		return say(KSFT_FAIL, why, len, "open: %s", strerror(errno));
	ret = heap_alloc(heap_fd, arg, &buf_fd);
	close(heap_fd);
	if (ret)
		return say(KSFT_FAIL, why, len, "%s", errno_name(-ret));
	ret = buf_check(buf_fd, arg, why, len);
	close(buf_fd);
	return ret;
}

/* Requests the 6.12 ioctl refuses with EINVAL before calling the heap. */
enum { BAD_FD, BAD_FD_FLAGS, BAD_HEAP_FLAGS, LEN_ZERO, LEN_WRAPS };

static const struct dma_heap_allocation_data bad_requests[] = {
	[BAD_FD] = { .len = SZ_4K, .fd = 1, .fd_flags = BUF_FD_FLAGS },
	[BAD_FD_FLAGS] = { .len = SZ_4K, .fd_flags = ~(__u32)DMA_HEAP_VALID_FD_FLAGS },
	[BAD_HEAP_FLAGS] = {
		.len = SZ_4K,
		.fd_flags = BUF_FD_FLAGS,
		.heap_flags = ~(__u64)DMA_HEAP_VALID_HEAP_FLAGS,
	},
	[LEN_ZERO] = { .len = 0, .fd_flags = BUF_FD_FLAGS },
	[LEN_WRAPS] = { .len = ~0ULL, .fd_flags = BUF_FD_FLAGS },
};

/* Check a failed ioctl's errno; close the fd of one that succeeded. */
static int want_errno(int ret, int err, int fd, int expected, char *why, size_t len)
{
	if (!ret) {
		if (fd >= 0)
			close(fd);
		return say(KSFT_FAIL, why, len, "succeeded, expected %s", errno_name(expected));
	}
	if (err != expected)
		return say(KSFT_FAIL, why, len, "%s, expected %s", errno_name(err),
			   errno_name(expected));
	return KSFT_PASS;
}

static int case_einval(const struct heap_ctx *h, unsigned long long arg, char *why, size_t len)
{
	struct dma_heap_allocation_data data = bad_requests[arg];
	int ret;

	ret = ioctl(h->fd, DMA_HEAP_IOCTL_ALLOC, &data);
	return want_errno(ret, errno, data.fd, EINVAL, why, len);
}

static int case_null_arg(const struct heap_ctx *h, unsigned long long arg, char *why, size_t len)
{
	int ret;

	(void)arg;
	ret = ioctl(h->fd, DMA_HEAP_IOCTL_ALLOC, NULL);
	return want_errno(ret, errno, -1, EFAULT, why, len);
}

/*
 * The argument is readable but not writable: 6.12 allocates, fails to
 * copy the fd number out, and then gives back both the fd and the buffer.
 */
static int case_ro_arg(const struct heap_ctx *h, unsigned long long arg, char *why, size_t len)
{
	struct dma_heap_allocation_data *data;
	int ret, err, before, after;

	(void)arg;
	data = mmap(NULL, page_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (data == MAP_FAILED)
		return say(KSFT_FAIL, why, len, "mmap: %s", strerror(errno));
	data->len = page_size;
	data->fd_flags = BUF_FD_FLAGS;
	if (mprotect(data, page_size, PROT_READ)) {
		ret = say(KSFT_FAIL, why, len, "mprotect: %s", strerror(errno));
		goto unmap;
	}
	before = lowest_free_fd();
	ret = ioctl(h->fd, DMA_HEAP_IOCTL_ALLOC, data);
	err = errno;
	after = lowest_free_fd();
	if (before >= 0 && after != before) {
		/* an fd was installed after all: the lowest free one was taken */
		close(before);
		ret = say(KSFT_FAIL, why, len, "%s, but fd %d was installed",
			  ret ? errno_name(err) : "success", before);
		goto unmap;
	}
	ret = want_errno(ret, err, -1, EFAULT, why, len);
unmap:
	munmap(data, page_size);
	return ret;
}

static int case_bad_nr(const struct heap_ctx *h, unsigned long long arg, char *why, size_t len)
{
	struct dma_heap_allocation_data data = { .len = SZ_4K, .fd_flags = BUF_FD_FLAGS };
	int ret;

	(void)arg;
	ret = ioctl(h->fd, _IOWR(DMA_HEAP_IOC_MAGIC, 0x1, struct dma_heap_allocation_data), &data);
	return want_errno(ret, errno, data.fd, EINVAL, why, len);
}

/* Argument structs of other sizes, as older and newer UAPIs would pass. */
enum { SHORT_STRUCT, LONG_STRUCT_ZERO, LONG_STRUCT_NONZERO };

static int case_struct_size(const struct heap_ctx *h, unsigned long long arg, char *why,
			    size_t len)
{
	struct alloc_data_short s = { .len = page_size, .fd_flags = BUF_FD_FLAGS };
	struct alloc_data_long l = { .data = { .len = page_size, .fd_flags = BUF_FD_FLAGS } };
	int ret, err, buf_fd, expected_fd;

	/* The kernel hands out the lowest free fd: the fd field must say that one. */
	expected_fd = lowest_free_fd();
	if (arg == SHORT_STRUCT) {
		ret = ioctl(h->fd, _IOWR(DMA_HEAP_IOC_MAGIC, 0x0, struct alloc_data_short), &s);
		buf_fd = s.fd;
	} else {
		l.extra = arg == LONG_STRUCT_NONZERO ? 0x5a5a5a5a5a5a5a5aULL : 0;
		ret = ioctl(h->fd, _IOWR(DMA_HEAP_IOC_MAGIC, 0x0, struct alloc_data_long), &l);
		buf_fd = l.data.fd;
	}
	err = errno;
	if (ret && lowest_free_fd() == expected_fd)
		return say(KSFT_FAIL, why, len, "%s, expected success", errno_name(err));
	if (ret || buf_fd != expected_fd) {
		if (expected_fd >= 0 && lowest_free_fd() != expected_fd)
			close(expected_fd);
		return say(KSFT_FAIL, why, len, "fd field says %d, but the new fd is %d",
			   buf_fd, expected_fd);
	}
	ret = buf_check(buf_fd, page_size, why, len);
	close(buf_fd);
	return ret;
}

/*
 * Filling RAM through the system heap ends in the OOM killer. Only do it
 * where that is quick and harmless: little RAM, no swap to thrash, and no
 * panic on OOM.
 */
static bool oom_case_allowed(char *why, size_t len)
{
	int panic_on_oom = 0;
	FILE *f;

	f = fopen("/proc/sys/vm/panic_on_oom", "re");
	if (f) {
		if (fscanf(f, "%d", &panic_on_oom) != 1)
			panic_on_oom = 0;
		fclose(f);
	}
	if (panic_on_oom) {
		say(KSFT_SKIP, why, len, "vm.panic_on_oom is set");
		return false;
	}
	if (swap_bytes) {
		say(KSFT_SKIP, why, len, "would push the machine through %llu MiB of swap first",
		    swap_bytes >> 20);
		return false;
	}
	if (!ram_bytes || ram_bytes > OOM_MAX_RAM) {
		say(KSFT_SKIP, why, len, "would fill %llu MiB of RAM to reach the OOM killer",
		    ram_bytes >> 20);
		return false;
	}
	return true;
}

static bool volunteer_for_oom(void)
{
	int fd = open("/proc/self/oom_score_adj", O_WRONLY | O_CLOEXEC);
	bool ok;

	if (fd < 0)
		return false;
	ok = write(fd, "1000", 4) == 4;
	close(fd);
	return ok;
}

/*
 * Allocate in a child that volunteers as the OOM victim, and answer with
 * how the child ended.
 */
static int alloc_in_child(int heap_fd, __u64 size, bool need_oom_victim, int *status)
{
	int buf_fd, ret;
	pid_t pid;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0)
		return -errno;
	if (pid == 0) {
		if (!volunteer_for_oom() && need_oom_victim)
			_exit(CHILD_SETUP_FAILED);
		alarm(OOM_TIMEOUT);
		ret = heap_alloc(heap_fd, size, &buf_fd);
		if (!ret) {
			close(buf_fd);
			_exit(0);
		}
		_exit(-ret < CHILD_SETUP_FAILED ? -ret : CHILD_SETUP_FAILED - 1);
	}
	while (waitpid(pid, status, 0) < 0) {
		if (errno != EINTR)
			return -errno;
	}
	return 0;
}

enum { HUGE_TWICE_RAM, HUGE_TOP_PAGE };

static int case_huge(const struct heap_ctx *h, unsigned long long arg, char *why, size_t len)
{
	__u64 size;
	int ret, st;

	if (arg == HUGE_TWICE_RAM) {
		if (!ram_bytes)
			return say(KSFT_SKIP, why, len, "RAM size unknown");
		size = 2 * ram_bytes;
	} else {
		size = ~0ULL - (page_size - 1);
	}
	if (h->system && !oom_case_allowed(why, len))
		return KSFT_SKIP;

	ret = alloc_in_child(h->fd, size, h->system, &st);
	if (ret)
		return say(KSFT_FAIL, why, len, "fork: %s", strerror(-ret));

	if (WIFEXITED(st) && WEXITSTATUS(st) == CHILD_SETUP_FAILED)
		return say(KSFT_SKIP, why, len, "cannot set oom_score_adj");
	if (WIFSIGNALED(st) && WTERMSIG(st) == SIGALRM)
		return say(KSFT_FAIL, why, len, "no answer within %d s", OOM_TIMEOUT);
	if (h->system) {
		if (WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL)
			return say(KSFT_PASS, why, len, "OOM-killed, as 6.12 has no size check");
		if (WIFEXITED(st) && !WEXITSTATUS(st))
			return say(KSFT_FAIL, why, len, "succeeded, expected the OOM killer");
		if (WIFEXITED(st))
			return say(KSFT_FAIL, why, len, "%s, expected the OOM killer",
				   errno_name(WEXITSTATUS(st)));
	} else {
		if (WIFEXITED(st) && WEXITSTATUS(st) == ENOMEM)
			return say(KSFT_PASS, why, len, "ENOMEM");
		if (WIFEXITED(st) && !WEXITSTATUS(st))
			return say(KSFT_FAIL, why, len, "succeeded, expected ENOMEM");
		if (WIFEXITED(st))
			return say(KSFT_FAIL, why, len, "%s, expected ENOMEM",
				   errno_name(WEXITSTATUS(st)));
	}
	return say(KSFT_FAIL, why, len, "allocating child killed by signal %d", WTERMSIG(st));
}

static const struct heap_case heap_cases[] = {
	{ "alloc, mmap, sync, zeroed: 4 KiB", case_alloc, SZ_4K },
	{ "alloc, mmap, sync, zeroed: 64 KiB", case_alloc, SZ_64K },
	{ "alloc, mmap, sync, zeroed: 1 MiB", case_alloc, SZ_1M },
	{ "alloc, mmap, sync, zeroed: 16 MiB (CMA: 8 MiB)", case_alloc, SZ_16M },
	{ "buffer usable after its heap fd is closed", case_outlive, SZ_64K },
	{ "fd field not 0 on input: EINVAL", case_einval, BAD_FD },
	{ "unknown fd_flags bits: EINVAL", case_einval, BAD_FD_FLAGS },
	{ "unknown heap_flags bits: EINVAL", case_einval, BAD_HEAP_FLAGS },
	{ "len 0: EINVAL", case_einval, LEN_ZERO },
	{ "len ~0ULL: EINVAL", case_einval, LEN_WRAPS },
	{ "NULL argument: EFAULT", case_null_arg, 0 },
	{ "read-only argument: EFAULT and no fd", case_ro_arg, 0 },
	{ "unknown ioctl nr: EINVAL", case_bad_nr, 0 },
	{ "16-byte (older) struct: success", case_struct_size, SHORT_STRUCT },
	{ "32-byte (newer) struct, extra 0: success", case_struct_size, LONG_STRUCT_ZERO },
	{ "32-byte (newer) struct, extra not 0: success", case_struct_size,
	  LONG_STRUCT_NONZERO },
	{ "len twice the RAM: OOM kill (system), ENOMEM (CMA)", case_huge, HUGE_TWICE_RAM },
	{ "len ~0ULL - (page size - 1): OOM kill (system), ENOMEM (CMA)", case_huge,
	  HUGE_TOP_PAGE },
};

static void heap_tests(const char *name)
{
	struct heap_ctx h = { .name = name, .system = !strcmp(name, "system") };
	char desc[NAME_MAX + 128], why[512];
	int ret, err, result;
	size_t i;

	h.fd = heap_open(name);
	err = errno;
	for (i = 0; i < ARRAY_SIZE(heap_cases); i++) {
		snprintf(desc, sizeof(desc), "%.*s: %s", NAME_MAX, name, heap_cases[i].desc);
		if (h.fd < 0) {
			result = err == EACCES ? KSFT_SKIP : KSFT_FAIL;
			snprintf(why, sizeof(why), "open: %s", strerror(err));
			report(result, desc, why);
			continue;
		}
		why[0] = '\0';
		ret = heap_cases[i].run(&h, heap_cases[i].arg, why, sizeof(why));
		report(ret, desc, why);
	}
	if (h.fd >= 0)
		close(h.fd);
}

int main(void)
{
	struct utsname uts;
	struct sysinfo si;
	unsigned int plan;
	size_t i;
	int h;

	ksft_print_header();

	page_size = sysconf(_SC_PAGESIZE);
	if (!uname(&uts))
		snprintf(release, sizeof(release), "%s", uts.release);
	if (!sysinfo(&si)) {
		ram_bytes = (unsigned long long)si.totalram * si.mem_unit;
		swap_bytes = (unsigned long long)si.totalswap * si.mem_unit;
	}
	cma_bytes = meminfo_bytes("CmaTotal");

	/* Load the modules first: the heaps they add decide the plan. */
	for (i = 0; i < ARRAY_SIZE(heap_modules); i++)
		module_prepare(&heap_modules[i]);
	nr_heaps = list_heaps(heaps, MAX_HEAPS);
	for (i = 0; i < ARRAY_SIZE(heap_modules); i++)
		module_refine(&heap_modules[i]);

	plan = ARRAY_SIZE(heap_modules) * ARRAY_SIZE(lifecycle_desc);
	plan += nr_heaps ? nr_heaps * ARRAY_SIZE(heap_cases) : 1;
	ksft_set_plan(plan);

	for (i = 0; i < ARRAY_SIZE(heap_modules); i++)
		module_tests(&heap_modules[i]);

	if (!nr_heaps)
		ksft_test_result_skip("allocations: no heap in %s\n", HEAP_DIR);
	for (h = 0; h < nr_heaps; h++)
		heap_tests(heaps[h]);

	if (ksft_get_xskip_cnt() == (int)plan) {
		ksft_print_cnts();
		return KSFT_SKIP;
	}
	ksft_finished();
}
