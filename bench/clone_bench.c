// SPDX-License-Identifier: GPL-2.0
/*
 * clone_bench - the workloads `make bench` (bench/run.py) times: make N
 * clones of one kind on W workers as fast as possible, or do N units of
 * unrelated work (a pipe ping-pong between two processes, a syscall loop),
 * and print the rate.  Run alone for the baseline and under clonecheck or
 * bpftrace for the traced figure; run.py interleaves them and prints ratios.
 *
 * USAGE: clone_bench fork|vfork|thread|clone3|pingpong|syscall N|SECONDSs [W [RATE]]
 * Prints "KIND N SECONDS RATE" (RATE: units per second, all workers).  A count
 * written with an "s" (e.g. 35s) is a duration: each worker makes clones until
 * that many seconds have passed, and N is what all of them made (the storm of
 * `make bench`; not for pingpong).  With a
 * RATE above 0, the workers are paced to make RATE units per second between
 * them (absolute deadlines: a worker that falls behind catches up without
 * sleeping), for the search of the highest clone rate with nothing lost.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/sched.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
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

/*
 * clone3(CLONE_VM | CLONE_VFORK): the child shares the parent's stack, so it
 * exits in the same asm block, never returning through a C frame.
 */
static long clone3_vfork_exit(struct clone_args *a)
{
#if defined(__x86_64__)
	long ret;

	asm volatile("syscall\n\t"
		     "test %%rax, %%rax\n\t"
		     "jnz 1f\n\t"
		     "mov $60, %%eax\n\t"	/* exit(0) */
		     "xor %%edi, %%edi\n\t"
		     "syscall\n"
		     "1:"
		     : "=a"(ret)
		     : "0"((long)SYS_clone3), "D"(a), "S"(sizeof(*a))
		     : "rcx", "r11", "memory");
	return ret;
#elif defined(__aarch64__)
	register long x8 asm("x8") = SYS_clone3;
	register long x0 asm("x0") = (long)a;
	register long x1 asm("x1") = sizeof(*a);

	asm volatile("svc #0\n\t"
		     "cbnz x0, 1f\n\t"
		     "mov x8, #93\n\t"	/* exit(0) */
		     "mov x0, #0\n\t"
		     "svc #0\n"
		     "1:"
		     : "+r"(x0), "+r"(x8)
		     : "r"(x1)
		     : "memory");
	return x0;
#else
	(void)a;
	return -ENOSYS;
#endif
}

static int clone3_one(void)
{
	struct clone_args a = {
		.flags = CLONE_VM | CLONE_VFORK,
		.exit_signal = SIGCHLD,
	};
	long pid = clone3_vfork_exit(&a);

	if (pid < 0) {
		errno = (int)-pid;
		return -1;
	}
	return waitpid((pid_t)pid, NULL, 0) == pid ? 0 : -1;
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
	if (!strcmp(mode, "clone3"))
		return clone3_one();
	if (!strcmp(mode, "syscall"))
		return syscall(SYS_getppid) > 0 ? 0 : -1;
	pid = !strcmp(mode, "vfork") ? vfork() : fork();
	if (pid == 0)
		_exit(0);
	if (pid < 0)
		return -1;
	return waitpid(pid, NULL, 0) == pid ? 0 : -1;
}

/* N round trips of one byte between this process and a child over two pipes. */
static int pingpong(long n)
{
	int a[2], b[2];
	char c = 0;
	pid_t pid;

	if (pipe(a) || pipe(b))
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		close(a[1]);
		close(b[0]);
		while (read(a[0], &c, 1) == 1)
			if (write(b[1], &c, 1) != 1)
				break;
		_exit(0);
	}
	close(a[0]);
	close(b[1]);
	for (long i = 0; i < n; i++)
		if (write(a[1], &c, 1) != 1 || read(b[0], &c, 1) != 1)
			return -1;
	close(a[1]);
	return waitpid(pid, NULL, 0) == pid ? 0 : -1;
}

/* Sleep until T0 + I * PERIOD seconds (CLOCK_MONOTONIC), unless already past it. */
static void pace(double t0, long i, double period)
{
	double due = t0 + i * period;
	struct timespec ts;

	if (due <= now_s())
		return;
	ts.tv_sec = (time_t)due;
	ts.tv_nsec = (long)((due - (double)ts.tv_sec) * 1e9);
	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR)
		;
}

/*
 * N units, or (N == 0) units until T0 + DUR seconds; *DONE counts them.
 * PERIOD > 0 paces one unit per PERIOD seconds from T0.
 */
static int work(const char *mode, long n, double dur, double t0, double period, long *done)
{
	if (!strcmp(mode, "pingpong")) {
		*done = n;
		return pingpong(n);
	}
	for (long i = 0; n ? i < n : now_s() < t0 + dur; i++) {
		if (period > 0)
			pace(t0, i, period);
		if (one(mode))
			return -1;
		*done = i + 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static const char *const kinds[] = { "fork", "vfork", "thread", "clone3", "pingpong",
					     "syscall" };
	long n, w = 1, made = 0, *done;
	bool known = false;
	double t0, dt, dur = 0, rate = 0, period = 0;
	char *end = NULL;
	int failed = 0;

	for (size_t i = 0; argc >= 3 && i < sizeof(kinds) / sizeof(kinds[0]); i++)
		known |= !strcmp(argv[1], kinds[i]);
	if (argc < 3 || argc > 5 || !known) {
		fprintf(stderr, "usage: clone_bench fork|vfork|thread|clone3|pingpong|syscall "
				"N|SECONDSs [WORKERS [RATE]]\n");
		return 2;
	}
	n = strtol(argv[2], &end, 10);
	if (end && !strcmp(end, "s") && strcmp(argv[1], "pingpong")) {
		dur = (double)n;	/* a duration: count until then */
		n = 0;
	} else if (!end || *end) {
		n = -1;
	}
	if (argc >= 4)
		w = strtol(argv[3], NULL, 10);
	if (argc == 5)
		rate = strtod(argv[4], NULL);
	if ((n <= 0 && dur <= 0) || w <= 0 || w > 64 || !(rate >= 0) || rate > 1e9) {
		fprintf(stderr, "clone_bench: bad count '%s', workers '%s' or rate '%s'\n", argv[2],
			argc >= 4 ? argv[3] : "1", argc == 5 ? argv[4] : "0");
		return 2;
	}
	if (rate > 0)
		period = (double)w / rate;	/* each worker makes RATE / W per second */
	/* each worker's count, shared with the workers' processes */
	done = mmap(NULL, sizeof(long) * w, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
		    -1, 0);
	if (done == MAP_FAILED) {
		perror("clone_bench: mmap");
		return 1;
	}
	t0 = now_s();
	if (w == 1) {
		failed = work(argv[1], n, dur, t0, period, &done[0]);
	} else {
		/* W worker processes, each its share */
		for (long i = 0; i < w; i++) {
			pid_t pid = fork();

			if (pid == 0)
				_exit(work(argv[1], n / w, dur, t0, period, &done[i]) ? 1 : 0);
			if (pid < 0)
				failed = -1;
		}
		for (int st; wait(&st) > 0;)
			if (!WIFEXITED(st) || WEXITSTATUS(st))
				failed = -1;
	}
	dt = now_s() - t0;
	if (failed) {
		fprintf(stderr, "clone_bench: %s failed: %s\n", argv[1], strerror(errno));
		return 1;
	}
	for (long i = 0; i < w; i++)
		made += done[i];
	printf("%s %ld %.6f %.1f\n", argv[1], made, dt, made / dt);
	return 0;
}
