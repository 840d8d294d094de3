// SPDX-License-Identifier: GPL-2.0
/*
 * storm.c - the clone storm of `make stress`: W workers, each making clones
 * one after another (fork, vfork, pthread_create, clone3, in the order the
 * mix names them) for S seconds, and counting every clone syscall it makes
 * in a shared counter file, so that a run of clonecheck can be held to the
 * storm's own count.
 *
 *   cc-storm -c COUNTS [-s SECONDS] [-w WORKERS] [-m MIX] [-p PID_MAX]
 *
 * COUNTS: a file this program creates (struct storm_counts below, native
 * endian) and updates while it runs.  `made` counts every clone syscall a
 * storm process made, the ones that set the storm up included, whatever
 * they returned; it is incremented after the syscall returns in the caller,
 * so a storm that is killed may have made one more per process than it
 * counted (only rounds where the storm ends by itself are held to it).
 *
 * -p PID_MAX: the workers run in a new pid namespace whose pid_max (per
 * namespace since Linux 6.14, kernel/pid.c pid_table_root) is PID_MAX, so
 * their pids wrap; `wraps` counts the wraps one worker saw (a child's pid
 * lower than the one before).  The host's pid_max is never written: on an
 * older kernel, where pid_max is one global sysctl, -p is refused.
 *
 * Exit status 0 when every worker ran to its end, 1 if one did not, 2 on
 * a usage error (one line on stderr).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/sched.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_WORKERS 16

struct storm_counts {
	uint64_t made;		/* clone syscalls made (setup + workers) */
	uint64_t failed;	/* ... that returned an error */
	uint64_t wraps;		/* pid wraps seen by worker 0 */
	uint64_t done;		/* workers that ran to their end */
	uint64_t pgid;		/* the storm's process group (its main process's) */
	uint64_t by_kind[4];	/* fork, vfork, thread, clone3 */
};

static struct storm_counts *cnt;

static void die(const char *fmt, const char *arg)
{
	fprintf(stderr, "cc-storm: ");
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	exit(2);
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void count(int kind, long ret)
{
	__atomic_add_fetch(&cnt->made, 1, __ATOMIC_RELAXED);
	if (kind >= 0)
		__atomic_add_fetch(&cnt->by_kind[kind], 1, __ATOMIC_RELAXED);
	if (ret < 0)
		__atomic_add_fetch(&cnt->failed, 1, __ATOMIC_RELAXED);
}

static void *thread_fn(void *arg)
{
	return arg;
}

/* One clone of kind k; the child's pid (or tid), or -1. */
static long one_clone(int k)
{
	struct clone_args ca = { .exit_signal = SIGCHLD };
	pthread_t t;
	long pid;

	switch (k) {
	case 0:
		pid = fork();
		if (pid == 0)
			_exit(0);
		count(0, pid);
		if (pid > 0)
			waitpid(pid, NULL, 0);
		return pid;
	case 1:
		pid = vfork();
		if (pid == 0)
			_exit(0);
		count(1, pid);
		if (pid > 0)
			waitpid(pid, NULL, 0);
		return pid;
	case 2:
		errno = pthread_create(&t, NULL, thread_fn, NULL);
		count(2, errno ? -1 : 0);
		if (errno)
			return -1;
		pthread_join(t, NULL);
		return -1;	/* a tid is not known here */
	default:
		pid = syscall(SYS_clone3, &ca, sizeof(ca));
		if (pid == 0)
			_exit(0);
		count(3, pid);
		if (pid > 0)
			waitpid(pid, NULL, 0);
		return pid;
	}
}

static int worker(int id, const int *mix, int n_mix, double end)
{
	long last = 0, pid;

	for (unsigned long i = 0; now_s() < end; i++) {
		pid = one_clone(mix[i % n_mix]);
		if (id == 0 && pid > 0) {
			if (pid < last)
				__atomic_add_fetch(&cnt->wraps, 1, __ATOMIC_RELAXED);
			last = pid;
		}
	}
	__atomic_add_fetch(&cnt->done, 1, __ATOMIC_RELAXED);
	return 0;
}

/* Start the workers and wait for them: 0 if each ran to its end. */
static int run_workers(int w, const int *mix, int n_mix, double end)
{
	pid_t pids[MAX_WORKERS];
	int status, bad = 0;

	for (int i = 0; i < w; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			_exit(worker(i, mix, n_mix, end));
		count(-1, pids[i]);
		if (pids[i] < 0)
			return 1;
	}
	for (int i = 0; i < w; i++)
		if (waitpid(pids[i], &status, 0) != pids[i] || !WIFEXITED(status) ||
		    WEXITSTATUS(status))
			bad = 1;
	return bad;
}

/* pid_max is per pid namespace from 6.14 on. */
static int pidns_pid_max_ok(void)
{
	struct utsname u;
	int maj = 0, min = 0;

	if (uname(&u) || sscanf(u.release, "%d.%d", &maj, &min) != 2)
		return 0;
	return maj > 6 || (maj == 6 && min >= 14);
}

int main(int argc, char **argv)
{
	const char *counts = NULL, *mixs = "fvtc";
	int w = 2, pid_max = 0, mix[64], n_mix = 0, opt, fd, status;
	double secs = 5;
	char *endp;
	pid_t init;

	while ((opt = getopt(argc, argv, "c:s:w:m:p:")) != -1) {
		switch (opt) {
		case 'c':
			counts = optarg;
			break;
		case 's':
			secs = strtod(optarg, &endp);
			if (*endp || !(secs > 0 && secs < 86400))
				die("bad -s %s: seconds, more than 0", optarg);
			break;
		case 'w':
			w = (int)strtol(optarg, &endp, 10);
			if (*endp || w < 1 || w > MAX_WORKERS)
				die("bad -w %s: 1 to 16 workers", optarg);
			break;
		case 'm':
			mixs = optarg;
			break;
		case 'p':
			pid_max = (int)strtol(optarg, &endp, 10);
			if (*endp || pid_max < 301 || pid_max > 4194304)
				die("bad -p %s: a pid_max of 301 to 4194304", optarg);
			break;
		default:
			die("usage: cc-storm -c COUNTS [-s SECONDS] [-w WORKERS] [-m MIX] "
			    "[-p PID_MAX]%s", "");
		}
	}
	if (!counts)
		die("no -c COUNTS file%s", "");
	for (const char *m = mixs; *m; m++) {
		const char *kinds = "fvtc", *k = strchr(kinds, *m);

		if (!k || n_mix == 64)
			die("bad -m %s: letters f (fork), v (vfork), t (thread), c (clone3)",
			    mixs);
		mix[n_mix++] = (int)(k - kinds);
	}
	if (!n_mix)
		die("bad -m: empty%s", "");
	if (pid_max && !pidns_pid_max_ok())
		die("-p needs Linux 6.14 or later (pid_max per pid namespace)%s", "");

	fd = open(counts, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0 || ftruncate(fd, sizeof(*cnt)))
		die("cannot create %s", counts);
	cnt = mmap(NULL, sizeof(*cnt), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (cnt == MAP_FAILED)
		die("cannot map %s", counts);
	close(fd);
	cnt->pgid = (uint64_t)getpgrp();

	double end = now_s() + secs;

	if (!pid_max)
		return run_workers(w, mix, n_mix, end);
	if (unshare(CLONE_NEWPID))
		die("unshare(CLONE_NEWPID): %s", strerror(errno));
	init = fork();
	if (init == 0) {
		char buf[16];
		int n = snprintf(buf, sizeof(buf), "%d\n", pid_max);

		/* pid 1 of the new namespace: this write is the namespace's own */
		fd = open("/proc/sys/kernel/pid_max", O_WRONLY | O_CLOEXEC);
		if (fd < 0 || write(fd, buf, n) != n) {
			fprintf(stderr, "cc-storm: cannot set the namespace's pid_max: %s\n",
				strerror(errno));
			_exit(2);
		}
		close(fd);
		_exit(run_workers(w, mix, n_mix, end));
	}
	count(-1, init);
	if (init < 0)
		return 1;
	if (waitpid(init, &status, 0) != init || !WIFEXITED(status))
		return 1;
	return WEXITSTATUS(status);
}
