// SPDX-License-Identifier: GPL-2.0
/*
 * timens: run a command and print how long it took, in nanoseconds of
 * CLOCK_MONOTONIC, as a heap-bench line:
 *   BENCH heap=LABEL op=OP size=0 iters=1 median_ns=N min_ns=N mib_s=0
 *
 * The time runs from before fork() to waitpid()'s return: the fork, the
 * exec (for kmod's modprobe: the dynamic loader and its libraries too),
 * all the command does, and its exit.  One sample: a module loads once.
 *
 * usage: timens LABEL OP COMMAND [ARG...]
 * Exit status: the command's, or 1 if it could not be run.
 */
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(int argc, char **argv)
{
	long long start, ns;
	int status;
	pid_t pid;

	if (argc < 4) {
		fprintf(stderr, "usage: %s LABEL OP COMMAND [ARG...]\n", argv[0]);
		return 1;
	}
	start = now_ns();
	pid = fork();
	if (pid < 0) {
		perror("fork");
		return 1;
	}
	if (pid == 0) {
		execvp(argv[3], argv + 3);
		perror(argv[3]);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0) {
		perror("waitpid");
		return 1;
	}
	ns = now_ns() - start;
	printf("BENCH heap=%s op=%s size=0 iters=1 median_ns=%lld min_ns=%lld mib_s=0\n",
	       argv[1], argv[2], ns, ns);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
