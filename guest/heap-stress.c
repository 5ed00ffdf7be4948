// SPDX-License-Identifier: GPL-2.0
/*
 * heap-stress: bounded stress test for the dma-buf heaps.
 *
 * usage: heap-stress [-t SECONDS] [-j THREADS] [-n MAX_OPS_PER_THREAD] [-s SEED]
 *        defaults: -t 20 -j 4 -n 100000 -s 1
 *
 * The heaps must be loaded already: nothing is loaded before /dev/dma_heap is
 * listed, so a host without heaps is left alone.  Worker threads allocate from
 * every heap in turn and map the buffer.  Inside one CPU-access window
 * (DMA_BUF_SYNC_START/END, RW) they check that every byte reads back zero and
 * write a pattern to every byte; inside a second one (READ) they check every
 * byte of the pattern.  The buffer is touched only inside these windows.  A
 * module thread tries to unload system_heap and cma_heap every ~50 ms
 * (permanent: EBUSY; ENOENT when built in) and runs "modprobe NAME", which
 * must exit 0; a loaded module that /proc/modules does not list as
 * [permanent] is a failure, and no unload of it is tried (it would leave
 * its heap calling into freed memory).  In the middle third of the run,
 * fail_page_alloc and failslab (if in debugfs) fail 10% of the workers'
 * allocations, and only theirs
 * (task-filter plus make-it-fail).  The kernel exposes no count of injected
 * failures, so the errors the workers see in the window are counted: when
 * fault injection is on, a run whose window saw none fails (the injection did
 * not take, or the window never opened).  At start and end, twice the RAM
 * from each CMA heap must fail with ENOMEM; the system heap is skipped (it
 * would allocate page by page until the OOM killer runs).
 *
 * Output: lines starting with "STRESS ", the last one "STRESS result=PASS",
 * "STRESS result=FAIL reason=R[,R...]" or "STRESS result=SKIP reason=no_heaps".
 * Exit status: 0 pass, 1 fail, 2 usage error, 4 skip (no heap node).
 * ENOMEM is allowed at every step.  EINTR is not: the heaps return it only with
 * a fatal signal pending, and no signal is caught (SIGCHLD is ignored).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/dma-buf.h>
#include <linux/dma-heap.h>

#define HEAP_DIR	"/dev/dma_heap/"
#define FI_DIR		"/sys/kernel/debug/"
#define MAX_HEAPS	8
#define MAX_THREADS	64
#define ERRNO_SLOTS	256	/* larger errno values share slot 0 */
#define MAX_LOGS	20	/* detailed messages on stderr per run */
#define SZ_1M		(1024UL * 1024)
#define GOLDEN		0x9e3779b97f4a7c15ULL
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define inc(p)		__atomic_fetch_add((p), 1, __ATOMIC_RELAXED)
#define get(p)		__atomic_load_n((p), __ATOMIC_RELAXED)

enum { PHASE_BEFORE, PHASE_WINDOW, PHASE_AFTER };

/* Written in this order, restored in reverse: probability last, and first. */
static const char * const fi_knobs[][2] = {
	{ "fail_page_alloc/task-filter", "Y" }, { "failslab/task-filter", "Y" },
	{ "fail_page_alloc/interval", "1" }, { "failslab/interval", "1" },
	{ "fail_page_alloc/times", "-1" }, { "failslab/times", "-1" },
	{ "fail_page_alloc/verbose", "0" }, { "failslab/verbose", "0" },
	{ "fail_page_alloc/space", "0" }, { "failslab/space", "0" },
	{ "fail_page_alloc/ignore-gfp-wait", "N" }, { "failslab/ignore-gfp-wait", "N" },
	{ "fail_page_alloc/ignore-gfp-highmem", "N" }, { "fail_page_alloc/min-order", "0" },
	{ "fail_page_alloc/probability", "10" }, { "failslab/probability", "10" },
};

struct heap_stats {
	char path[sizeof(HEAP_DIR) + 64];
	const char *name;	/* in path */
	size_t max_len;
	unsigned long ops, ok, enomem, errors, corrupt;
	unsigned long by_errno[ERRNO_SLOTS];
};

/* Written by the module thread only; main reads them after the join. */
struct mod_stats {
	const char *name;
	unsigned long attempts, ebusy, unloaded, notloaded, unloadable, other;
	unsigned long reload_ok, reload_fail;
};

struct stress {
	/* set before the threads start, read-only while they run */
	unsigned int seconds, threads, nheaps;
	unsigned long max_ops;
	unsigned long long seed;
	size_t page;
	double deadline;
	bool fi;
	/* one writer each: the module thread, and main (the window) */
	struct mod_stats mod[2];
	char fi_saved[ARRAY_SIZE(fi_knobs)][32];
	/* names read-only, counters and the rest through __atomic builtins */
	struct heap_stats heap[MAX_HEAPS];
	int phase, stop;
	unsigned int workers_done;
	unsigned long targets, target_fail, logs;
	unsigned long window_errors, window_by_errno[ERRNO_SLOTS];
};

struct worker {
	struct stress *st;
	unsigned int idx;
	pthread_t thread;
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static unsigned long long splitmix64(unsigned long long *state)
{
	unsigned long long z = (*state += GOLDEN);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static const char *errname(int e)
{
	const char *n = e > 0 && e < ERRNO_SLOTS ? strerrorname_np(e) : NULL;

	return n ? n : "EOTHER";
}

static void print_errnos(unsigned long *by_errno)
{
	const char *sep = "";
	int e;

	for (e = 0; e < ERRNO_SLOTS; e++) {
		if (get(&by_errno[e])) {
			printf("%s%s:%lu", sep, errname(e), get(&by_errno[e]));
			sep = ",";
		}
	}
	printf("%s\n", *sep ? "" : "none");
}

static bool may_log(struct stress *st)
{
	return inc(&st->logs) < MAX_LOGS;
}

static int buf_sync(int fd, __u64 flags)
{
	struct dma_buf_sync sync = { .flags = flags };

	return ioctl(fd, DMA_BUF_IOCTL_SYNC, &sync);
}

/*
 * The pattern: 64-bit word @i of a buffer holds tag ^ (i + 1) * GOLDEN, so
 * that every word differs from its neighbours, from the same word of another
 * operation (the tag), and from zero (unless the tag collides).
 */
static uint64_t pattern(uint64_t tag, size_t i)
{
	return tag ^ (i + 1) * GOLDEN;
}

/* Writes the pattern of @tag to every byte of @p.  @len: a multiple of 8. */
static void fill_buf(void *p, size_t len, uint64_t tag)
{
	uint64_t *w = p;
	size_t i;

	for (i = 0; i < len / sizeof(*w); i++)
		w[i] = pattern(tag, i);
}

/* The first byte that differs: its offset, the value found and the one expected. */
struct bad_byte {
	long off;
	unsigned char got, want;
};

/*
 * Checks every byte of @p (page-aligned, @len a multiple of 8) against zero
 * (@zero) or the pattern of @tag, a 64-bit word at a time.  Returns false and
 * fills @bad with the first byte that differs, or returns true.
 */
static bool check_buf(const void *p, size_t len, bool zero, uint64_t tag,
		      struct bad_byte *bad)
{
	const uint64_t *w = p;
	size_t i, k, words = len / sizeof(*w);
	unsigned char got[sizeof(*w)], want[sizeof(*w)];
	uint64_t g = 0, e = 0;

	if (zero) {
		for (i = 0; i < words && !(g = w[i]); i++)
			;
	} else {
		for (i = 0; i < words && (g = w[i]) == (e = pattern(tag, i)); i++)
			;
	}
	if (i == words)
		return true;
	/* the word read once, compared byte by byte in memory order */
	memcpy(got, &g, sizeof(got));
	memcpy(want, &e, sizeof(want));
	for (k = 0; k < sizeof(got) - 1 && got[k] == want[k]; k++)
		;
	bad->off = i * sizeof(*w) + k;
	bad->got = got[k];
	bad->want = want[k];
	return false;
}

/* munmap() can fail with ENOMEM under fault injection: retry, leak nothing. */
static int unmap(void *p, size_t len)
{
	int i;

	for (i = 0; i < 10000; i++)
		if (!munmap(p, len))
			return 0;
	return errno;
}

/*
 * One allocate/map/check/write/check cycle, accounted to @hs.  The buffer is
 * read and written only between DMA_BUF_SYNC_START and DMA_BUF_SYNC_END: the
 * zero check and the pattern write in a read-write window, the pattern check
 * in a read window after the first one ended (on a non-coherent system, the
 * pattern is then read back from memory, not from the CPU caches).
 */
static void one_op(struct stress *st, struct heap_stats *hs, size_t len,
		   unsigned long long tag, bool in_window)
{
	struct dma_heap_allocation_data data = {
		.len = len,
		.fd_flags = O_RDWR | O_CLOEXEC,
	};
	const char *stage = "open", *what = "not zeroed";
	struct bad_byte bad = { .off = -1 };
	unsigned char *p;
	int fd, ret, err = 0;

	fd = open(hs->path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		err = errno;
		goto account;
	}
	stage = "alloc";
	if (ioctl(fd, DMA_HEAP_IOCTL_ALLOC, &data) < 0)
		err = errno;
	close(fd);
	if (err)
		goto account;

	stage = "mmap";
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, data.fd, 0);
	if (p == MAP_FAILED) {
		err = errno;
		goto close_buf;
	}
	/* window 1: the new buffer reads back zeroed; write the pattern */
	stage = "sync_start";
	if (buf_sync(data.fd, DMA_BUF_SYNC_START | DMA_BUF_SYNC_RW)) {
		err = errno;
		goto unmap_buf;
	}
	if (check_buf(p, len, true, 0, &bad))
		fill_buf(p, len, tag);
	stage = "sync_end";
	if (buf_sync(data.fd, DMA_BUF_SYNC_END | DMA_BUF_SYNC_RW)) {
		err = errno;
		goto corrupt;
	}
	if (bad.off >= 0)
		goto corrupt;
	/* window 2: read the pattern back */
	what = "pattern";
	stage = "sync_start_read";
	if (buf_sync(data.fd, DMA_BUF_SYNC_START | DMA_BUF_SYNC_READ)) {
		err = errno;
		goto unmap_buf;
	}
	check_buf(p, len, false, tag, &bad);
	stage = "sync_end_read";
	if (buf_sync(data.fd, DMA_BUF_SYNC_END | DMA_BUF_SYNC_READ))
		err = errno;
corrupt:
	if (bad.off >= 0 && may_log(st))
		fprintf(stderr, "heap-stress: CORRUPT heap=%s len=%zu offset=%ld"
			" byte=0x%02x expected=0x%02x (%s)\n",
			hs->name, len, bad.off, bad.got, bad.want, what);
unmap_buf:
	ret = unmap(p, len);
	if (ret && !err) {
		err = ret;
		stage = "munmap";
	}
close_buf:
	close(data.fd);
account:
	inc(&hs->ops);
	if (bad.off >= 0)
		inc(&hs->corrupt);
	else if (!err)
		inc(&hs->ok);
	if (!err)
		return;
	inc(&hs->by_errno[err < ERRNO_SLOTS ? err : 0]);
	inc(err == ENOMEM ? &hs->enomem : &hs->errors);
	if (err != ENOMEM && may_log(st))
		fprintf(stderr, "heap-stress: heap=%s len=%zu %s: %s\n",
			hs->name, len, stage, errname(err));
	if (in_window) {
		inc(&st->window_errors);
		inc(&st->window_by_errno[err < ERRNO_SLOTS ? err : 0]);
	}
}

static int open_make_it_fail(void)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/self/task/%d/make-it-fail", gettid());
	return open(path, O_WRONLY | O_CLOEXEC);
}

/* Marks (or unmarks) the thread that @fd belongs to for fault injection. */
static bool make_it_fail(int fd, bool on)
{
	int i;

	for (i = 0; i < 100; i++)
		if (write(fd, on ? "1" : "0", 1) == 1)
			return true;
	return false;
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	struct stress *st = w->st;
	unsigned long long rng = st->seed ^ ((w->idx + 1ULL) << 32);
	unsigned long long tag = splitmix64(&rng);
	/* opened early: writing to it later needs no allocation */
	int mif = st->fi ? open_make_it_fail() : -1;
	bool targeted = false;
	unsigned long op;

	if (st->fi && mif < 0)
		inc(&st->target_fail);
	for (op = 0; op < st->max_ops && !get(&st->stop) && now() < st->deadline; op++) {
		struct heap_stats *hs = &st->heap[(w->idx + op) % st->nheaps];
		bool window = __atomic_load_n(&st->phase, __ATOMIC_ACQUIRE) == PHASE_WINDOW;

		if (mif >= 0 && window != targeted) {
			targeted = !targeted;
			if (targeted)
				inc(&st->targets);
			if (!make_it_fail(mif, targeted))
				inc(&st->target_fail);
		}
		one_op(st, hs, (1 + splitmix64(&rng) % (hs->max_len / st->page)) * st->page,
		       tag ^ op, targeted);
	}
	if (targeted && !make_it_fail(mif, false))
		inc(&st->target_fail);
	if (mif >= 0)
		close(mif);
	inc(&st->workers_done);
	return NULL;
}

/*
 * Not fork(): it would make every private page of the process copy-on-write,
 * the workers' stacks and TLS included.  The kernel itself writes to a worker's
 * TLS (the rseq area glibc registers) on its way back to user mode; if breaking
 * the COW there hits an injected page allocation failure, the kernel cannot
 * retry the fault as it does for user accesses, and rseq kills the worker with
 * SIGSEGV.  posix_spawn() shares the address space until the exec (vfork).
 */
static bool run_modprobe(const char *name)
{
	char *const argv[] = { "modprobe", (char *)name, NULL };
	int status;
	pid_t pid;

	if (posix_spawnp(&pid, "modprobe", NULL, NULL, argv, environ))
		return false;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return false;
	return WIFEXITED(status) && !WEXITSTATUS(status);
}

/*
 * How /proc/modules lists NAME: not at all (0, built in or not loaded),
 * as [permanent] (1: the kernel refuses to unload it, so trying cannot
 * take a heap from its users), or as a module that can be unloaded (2).
 */
static int module_state(const char *name)
{
	size_t len = strlen(name);
	char line[512];
	int state = 0;
	FILE *f;

	f = fopen("/proc/modules", "r");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, name, len) && line[len] == ' ') {
			state = strstr(line, "[permanent]") ? 1 : 2;
			break;
		}
	fclose(f);
	return state;
}

static void module_cycle(struct stress *st, struct mod_stats *m)
{
	m->attempts++;
	/*
	 * A loaded heap module that is not permanent would really go, and
	 * leave its heap calling into freed memory: count it (a failure)
	 * without the call that would harm the kernel.
	 */
	if (module_state(m->name) == 2) {
		m->unloadable++;
		if (may_log(st))
			fprintf(stderr, "heap-stress: %s is not [permanent]: unload not tried\n",
				m->name);
		return;
	}
	if (!syscall(__NR_delete_module, m->name, O_NONBLOCK)) {
		m->unloaded++;
		fprintf(stderr, "heap-stress: %s was unloaded!\n", m->name);
	} else if (errno == ENOENT) {
		m->notloaded++;
		return;		/* built in, or never loaded: nothing to reload */
	} else if (errno == EBUSY) {
		m->ebusy++;
	} else {
		m->other++;
		if (may_log(st))
			fprintf(stderr, "heap-stress: delete_module(%s): %s\n",
				m->name, errname(errno));
	}
	if (run_modprobe(m->name)) {
		m->reload_ok++;
		return;
	}
	m->reload_fail++;
	if (may_log(st))
		fprintf(stderr, "heap-stress: modprobe %s failed\n", m->name);
}

static void *module_main(void *arg)
{
	struct stress *st = arg;

	while (!get(&st->stop) && now() < st->deadline) {
		module_cycle(st, &st->mod[0]);
		module_cycle(st, &st->mod[1]);
		usleep(50000);
	}
	return NULL;
}

/* Writes @wr to the debugfs file @knob, or reads it into @rd when @wr is NULL. */
static int knob_io(const char *knob, const char *wr, char *rd, size_t len)
{
	char path[128];
	ssize_t n;
	int fd, err;

	snprintf(path, sizeof(path), FI_DIR "%s", knob);
	fd = open(path, (wr ? O_WRONLY : O_RDONLY) | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = wr ? write(fd, wr, strlen(wr)) : read(fd, rd, len - 1);
	err = n > 0 ? 0 : n ? -errno : -EIO;
	close(fd);
	if (!wr && !err) {
		rd[n] = '\0';
		rd[strcspn(rd, "\n")] = '\0';
	}
	return err;
}

/* Restores the first @n knobs, in reverse order. */
static void restore_knobs(struct stress *st, size_t n)
{
	while (n--)
		if (knob_io(fi_knobs[n][0], st->fi_saved[n], NULL, 0))
			fprintf(stderr, "heap-stress: cannot restore %s=%s\n",
				fi_knobs[n][0], st->fi_saved[n]);
}

static bool setup_knobs(struct stress *st)
{
	size_t i;
	int err;

	for (i = 0; i < ARRAY_SIZE(fi_knobs); i++) {
		err = knob_io(fi_knobs[i][0], NULL, st->fi_saved[i], sizeof(st->fi_saved[i]));
		if (!err)
			err = knob_io(fi_knobs[i][0], fi_knobs[i][1], NULL, 0);
		if (err) {
			fprintf(stderr, "heap-stress: %s: %s\n", fi_knobs[i][0], errname(-err));
			restore_knobs(st, i);
			return false;
		}
	}
	return true;
}

/* Twice the RAM from each CMA heap: must fail with ENOMEM. */
static bool oversized(struct stress *st, const char *when)
{
	struct sysinfo si;
	bool pass = true;
	unsigned int h;

	if (sysinfo(&si)) {
		perror("heap-stress: sysinfo");
		return false;
	}
	for (h = 0; h < st->nheaps; h++) {
		struct dma_heap_allocation_data data = {
			.len = (__u64)si.totalram * si.mem_unit * 2,
			.fd_flags = O_RDWR | O_CLOEXEC,
		};
		int fd, err = 0;

		printf("STRESS larger_than_ram heap=%s when=%s ", st->heap[h].name, when);
		if (!strcmp(st->heap[h].name, "system")) {
			printf("skipped=oom_killer\n");
			continue;
		}
		fd = open(st->heap[h].path, O_RDONLY | O_CLOEXEC);
		if (fd < 0 || ioctl(fd, DMA_HEAP_IOCTL_ALLOC, &data) < 0)
			err = errno;
		else
			close(data.fd);
		if (fd >= 0)
			close(fd);
		printf("len=%llu errno=%s\n", (unsigned long long)data.len,
		       err ? errname(err) : "none");
		pass &= err == ENOMEM;
	}
	return pass;
}

static unsigned int list_heaps(struct stress *st)
{
	DIR *dir = opendir(HEAP_DIR);
	unsigned int n = 0;
	struct dirent *de;

	while (dir && n < MAX_HEAPS && (de = readdir(dir))) {
		struct heap_stats *hs = &st->heap[n];
		size_t len = strlen(de->d_name);

		if (de->d_name[0] == '.' || sizeof(HEAP_DIR) + len > sizeof(hs->path))
			continue;
		memcpy(hs->path, HEAP_DIR, sizeof(HEAP_DIR) - 1);
		memcpy(hs->path + sizeof(HEAP_DIR) - 1, de->d_name, len + 1);
		hs->name = hs->path + sizeof(HEAP_DIR) - 1;
		hs->max_len = strcmp(de->d_name, "system") ? 2 * SZ_1M : 4 * SZ_1M;
		n++;
	}
	if (dir)
		closedir(dir);
	return n;
}

static void add_reason(char *reasons, size_t len, bool failed, const char *why)
{
	size_t used = strlen(reasons);

	if (failed)
		snprintf(reasons + used, len - used, "%s%s", used ? "," : "", why);
}

static void bad_args(void)
{
	fprintf(stderr, "usage: heap-stress [-t SECONDS] [-j THREADS]");
	fprintf(stderr, " [-n MAX_OPS_PER_THREAD] [-s SEED]\n");
	exit(2);
}

/* A number in [@min, @max], or exit with the usage message. */
static unsigned long long number(const char *arg, unsigned long long min,
				 unsigned long long max)
{
	unsigned long long v;
	char *end;

	errno = 0;
	v = strtoull(arg, &end, 0);
	if (errno || end == arg || *end || *arg == '-' || v < min || v > max)
		bad_args();
	return v;
}

/* Opens the fault-injection window in the middle third of the run. */
static bool run_clock(struct stress *st, double t0, double *w_len)
{
	double w_start = 0;
	bool fi_ok = true;

	for (;;) {
		double el = now() - t0;
		int phase = __atomic_load_n(&st->phase, __ATOMIC_RELAXED);
		bool done = get(&st->workers_done) == st->threads;

		if (phase == PHASE_BEFORE && st->fi && !done && el >= st->seconds / 3.0) {
			fi_ok = setup_knobs(st);
			w_start = now();
			phase = fi_ok ? PHASE_WINDOW : PHASE_AFTER;
			__atomic_store_n(&st->phase, phase, __ATOMIC_RELEASE);
		}
		if (phase == PHASE_WINDOW && (done || el >= st->seconds * 2 / 3.0)) {
			__atomic_store_n(&st->phase, PHASE_AFTER, __ATOMIC_RELEASE);
			restore_knobs(st, ARRAY_SIZE(fi_knobs));
			*w_len = now() - w_start;
		}
		if (done || el >= st->seconds)
			return fi_ok;
		usleep(10000);
	}
}

int main(int argc, char **argv)
{
	struct stress stress = {
		.seconds = 20, .threads = 4, .max_ops = 100000, .seed = 1,
		.mod = { { .name = "system_heap" }, { .name = "cma_heap" } },
	};
	struct stress *st = &stress;
	bool big_ok, fi_ok = true, mod_started, bad_errno = false, fi_none = false;
	unsigned long corrupt = 0, unloaded = 0, unloadable = 0, mod_other = 0;
	unsigned long reload_fail = 0;
	unsigned int i, started = 0;
	char reasons[160] = "";
	pthread_t mod_thread;
	double w_len = 0;
	struct worker *w;
	int opt, fd;

	while ((opt = getopt(argc, argv, "t:j:n:s:")) != -1) {
		switch (opt) {
		case 't':
			st->seconds = number(optarg, 1, 86400);
			break;
		case 'j':
			st->threads = number(optarg, 1, MAX_THREADS);
			break;
		case 'n':
			st->max_ops = number(optarg, 1, ~0UL);
			break;
		case 's':
			st->seed = number(optarg, 0, ~0ULL);
			break;
		default:
			bad_args();
		}
	}
	if (optind != argc)
		bad_args();
	setvbuf(stdout, NULL, _IOLBF, 0);
	st->page = sysconf(_SC_PAGESIZE);
	st->nheaps = list_heaps(st);
	if (!st->nheaps) {
		printf("STRESS heaps=none\nSTRESS result=SKIP reason=no_heaps\n");
		return 4;
	}
	printf("STRESS config seconds=%u threads=%u max_ops=%lu seed=%llu heaps=",
	       st->seconds, st->threads, st->max_ops, st->seed);
	for (i = 0; i < st->nheaps; i++)
		printf("%s%s", i ? "," : "", st->heap[i].name);
	printf("\n");

	st->fi = !access(FI_DIR "fail_page_alloc", F_OK) && !access(FI_DIR "failslab", F_OK);
	if (st->fi) {	/* threads inherit the flag: start them all unmarked */
		fd = open_make_it_fail();
		fi_ok = fd >= 0 && make_it_fail(fd, false);
		if (fd >= 0)
			close(fd);
		st->fi = fi_ok;
	}
	big_ok = oversized(st, "start");

	w = calloc(st->threads, sizeof(*w));
	st->deadline = now() + st->seconds;
	mod_started = w && !pthread_create(&mod_thread, NULL, module_main, st);
	for (i = 0; mod_started && i < st->threads; i++, started++) {
		w[i] = (struct worker){ .st = st, .idx = i };
		if (pthread_create(&w[i].thread, NULL, worker_main, &w[i]))
			break;
	}
	if (started == st->threads)
		fi_ok &= run_clock(st, st->deadline - st->seconds, &w_len);
	__atomic_store_n(&st->stop, 1, __ATOMIC_RELAXED);
	for (i = 0; i < started; i++)
		pthread_join(w[i].thread, NULL);
	if (mod_started)
		pthread_join(mod_thread, NULL);
	free(w);
	big_ok &= oversized(st, "end");

	for (i = 0; i < st->nheaps; i++) {
		struct heap_stats *hs = &st->heap[i];

		printf("STRESS heap=%s ops=%lu ok=%lu enomem=%lu errors=%lu corrupt=%lu errnos=",
		       hs->name, hs->ops, hs->ok, hs->enomem, hs->errors, hs->corrupt);
		print_errnos(hs->by_errno);
		corrupt += hs->corrupt;
		bad_errno |= hs->errors;
	}
	for (i = 0; i < ARRAY_SIZE(st->mod); i++) {
		struct mod_stats *m = &st->mod[i];

		printf("STRESS module=%s unload_attempts=%lu ebusy=%lu unloaded=%lu",
		       m->name, m->attempts, m->ebusy, m->unloaded);
		printf(" notloaded=%lu unloadable=%lu other=%lu reload_ok=%lu reload_fail=%lu\n",
		       m->notloaded, m->unloadable, m->other, m->reload_ok,
		       m->reload_fail);
		unloaded += m->unloaded;
		unloadable += m->unloadable;
		mod_other += m->other;
		reload_fail += m->reload_fail;
	}
	fi_ok &= !st->target_fail;
	if (!st->fi && fi_ok) {
		printf("STRESS faultinject=unavailable reason=no_debugfs_knobs\n");
	} else {
		printf("STRESS faultinject=%s window_s=%.1f targets=%lu target_fail=%lu",
		       !fi_ok ? "error" : w_len ? "on" : "no_window", w_len, st->targets,
		       st->target_fail);
		printf(" injected=not_exposed errors_in_window=%lu errors_by_errno=",
		       st->window_errors);
		print_errnos(st->window_by_errno);
		/* the failures the window is for: none means it tested nothing */
		fi_none = fi_ok && started == st->threads && !st->window_errors;
		if (fi_none)
			fprintf(stderr, "heap-stress: the fault-injection window saw no injected"
				" failure (%s)\n", w_len ? "errors_in_window=0" :
				"it never opened: the workers were done first");
	}

	add_reason(reasons, sizeof(reasons), corrupt, "corrupt");
	add_reason(reasons, sizeof(reasons), bad_errno, "unexpected_errno");
	add_reason(reasons, sizeof(reasons), unloaded, "module_unloaded");
	add_reason(reasons, sizeof(reasons), unloadable, "module_not_permanent");
	add_reason(reasons, sizeof(reasons), mod_other, "delete_module_errno");
	add_reason(reasons, sizeof(reasons), reload_fail, "reload_fail");
	add_reason(reasons, sizeof(reasons), !big_ok, "larger_than_ram");
	add_reason(reasons, sizeof(reasons), !fi_ok, "faultinject_setup");
	add_reason(reasons, sizeof(reasons), fi_none, "faultinject_no_failure");
	add_reason(reasons, sizeof(reasons), started < st->threads, "thread_create");
	printf("STRESS result=%s%s%s\n", *reasons ? "FAIL" : "PASS",
	       *reasons ? " reason=" : "", reasons);
	return *reasons ? 1 : 0;
}
