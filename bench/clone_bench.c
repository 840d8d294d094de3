// SPDX-License-Identifier: GPL-2.0
/*
 * clone_bench - make N clones of one kind as fast as possible and print the
 * rate.  Run alone for the baseline and under `clonecheck -c` for the
 * traced figure; bench/run.sh interleaves the two and prints ratios.
 *
 * USAGE: clone_bench fork|vfork|thread N
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void *thread_fn(void *arg)
{
	return arg;
}

static int one(const char *mode)
{
	pid_t pid;

	if (!strcmp(mode, "thread")) {
		pthread_t t;

		if (pthread_create(&t, NULL, thread_fn, NULL))
			return -1;
		return pthread_join(t, NULL) ? -1 : 0;
	}
	pid = !strcmp(mode, "vfork") ? vfork() : fork();
	if (pid == 0)
		_exit(0);
	if (pid < 0)
		return -1;
	return waitpid(pid, NULL, 0) == pid ? 0 : -1;
}

int main(int argc, char **argv)
{
	double t0, dt;
	long n;

	if (argc != 3 || (strcmp(argv[1], "fork") && strcmp(argv[1], "vfork") &&
			  strcmp(argv[1], "thread"))) {
		fprintf(stderr, "usage: clone_bench fork|vfork|thread N\n");
		return 2;
	}
	n = strtol(argv[2], NULL, 10);
	if (n <= 0) {
		fprintf(stderr, "clone_bench: bad count '%s'\n", argv[2]);
		return 2;
	}
	t0 = now_s();
	for (long i = 0; i < n; i++)
		if (one(argv[1])) {
			fprintf(stderr, "clone_bench: %s failed: %s\n", argv[1], strerror(errno));
			return 1;
		}
	dt = now_s() - t0;
	printf("%s %ld %.6f %.1f\n", argv[1], n, dt, n / dt);
	return 0;
}
