// SPDX-License-Identifier: GPL-2.0
/*
 * wl_helper.c - helper processes and what they change of themselves.  A
 * helper is forked from the thread running the workload, dies with it
 * (PR_SET_PDEATHSIG), changes its own policy, credentials, limits,
 * namespaces or tracer, makes the case's call and reports through a page it
 * shares with its parent.  The setups below refuse to run anywhere else.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <grp.h>
#include <limits.h>
#include <linux/capability.h>
#include <linux/keyctl.h>
#include <linux/sched.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "wl_helper.h"
#include "wl_sys.h"

/*
 * Is the process that forked us (pid parent in its pid ns) still there?
 * getppid() names it while it is visible; the init of a new pid ns sees 0
 * and asks the parent's pidfd instead (readable once it has exited).
 */
static bool parent_alive(pid_t parent, int pidfd)
{
	struct pollfd p = { .fd = pidfd, .events = POLLIN };
	pid_t ppid = getppid();

	if (ppid)
		return ppid == parent;
	return pidfd < 0 || poll(&p, 1, 0) == 0;
}

pid_t wl_helper_fork(void)
{
	pid_t parent = getpid();
	int pidfd = (int)syscall(SYS_pidfd_open, parent, 0);
	pid_t pid = fork();

	if (pid == 0) {
		/* Armed after fork: a parent gone before this line sends nothing. */
		if (prctl(PR_SET_PDEATHSIG, SIGKILL) || !parent_alive(parent, pidfd))
			_exit(127);
	}
	if (pidfd >= 0)
		close(pidfd);
	return pid;
}

/* What a helper and its descendants report to the workload. */
struct helper_page {
	struct wl_result r;
	int err;		/* -errno: the helper could not do its part */
};

int wl_in_helper(struct wl_result *res, int (*fn)(const void *arg, struct wl_result *out),
		 const void *arg)
{
	struct helper_page *pg = mmap(NULL, sizeof(*pg), PROT_READ | PROT_WRITE,
				      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int status = 0, err = 0;
	pid_t pid;

	if (pg == MAP_FAILED)
		return -errno;
	memset(pg, 0, sizeof(*pg));
	pid = wl_helper_fork();
	if (pid < 0) {
		err = -errno;
		munmap(pg, sizeof(*pg));
		return err;
	}
	if (pid == 0) {
		int e = fn(arg, &pg->r);

		/* a supervisor leaves what the process it waited for said */
		if (e != WL_SUPERVISED)
			pg->err = e;
		_exit(0);
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	err = pg->err;
	if (!err && !(WIFEXITED(status) && WEXITSTATUS(status) == 0))
		err = -ECHILD;
	res->ret = pg->r.ret;
	res->child = pg->r.child;
	res->signaled = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
	munmap(pg, sizeof(*pg));
	return err;
}

/* Every setup here changes the process it runs in: helpers only. */
#define HELPER_ONLY(x)                  \
	do {                            \
		if (!(x)->helper)       \
			return -EINVAL; \
	} while (0)

/* 0, or -errno of the call that just failed (ret < 0 with errno set). */
static int err_of(long ret)
{
	return ret < 0 ? -errno : 0;
}

int wl_setup_policy(struct wl_ctx *x, long policy, long prio)
{
	struct sched_param sp = { .sched_priority = (int)prio };

	HELPER_ONLY(x);
	return err_of(sched_setscheduler(0, (int)policy, &sp));
}

int wl_setup_nice(struct wl_ctx *x, long nice, long reset)
{
	HELPER_ONLY(x);
	if (setpriority(PRIO_PROCESS, 0, (int)nice))
		return -errno;
	return reset ? wl_setup_policy(x, SCHED_OTHER | SCHED_RESET_ON_FORK, 0) : 0;
}

struct wl_sched_attr {		/* include/uapi/linux/sched/types.h, VER0 */
	uint32_t size;
	uint32_t sched_policy;
	uint64_t sched_flags;
	int32_t sched_nice;
	uint32_t sched_priority;
	uint64_t sched_runtime;
	uint64_t sched_deadline;
	uint64_t sched_period;
};

#define WL_SCHED_DEADLINE 6
#define WL_SCHED_FLAG_RESET_ON_FORK 0x01

/* SCHED_DEADLINE 1 ms every 10 ms. */
int wl_setup_deadline(struct wl_ctx *x, long reset, long unused)
{
	struct wl_sched_attr a = {
		.size = sizeof(a),
		.sched_policy = WL_SCHED_DEADLINE,
		.sched_flags = reset ? WL_SCHED_FLAG_RESET_ON_FORK : 0,
		.sched_runtime = 1000000,
		.sched_deadline = 10000000,
		.sched_period = 10000000,
	};

	(void)unused;
	HELPER_ONLY(x);
	return err_of(syscall(SYS_sched_setattr, 0, &a, 0));
}

/* VER1 (SCHED_ATTR_SIZE_VER1, 56 bytes): adds the utilization clamps */
struct wl_sched_attr1 {
	struct wl_sched_attr v0;
	uint32_t sched_util_min;
	uint32_t sched_util_max;
};

#define WL_SCHED_FLAG_UTIL_CLAMP_MIN 0x20	/* include/uapi/linux/sched.h */

const char *wl_uclamp_unavailable(void)
{
	/* kernel/sched/core.c: the sysctl exists only with CONFIG_UCLAMP_TASK */
	return access("/proc/sys/kernel/sched_util_clamp_min_rt_default", F_OK) ?
	       "no CONFIG_UCLAMP_TASK (no kernel.sched_util_clamp_min_rt_default)" : NULL;
}

/*
 * S-03/S-09: WL_UCLAMP_RT, SCHED_FIFO 10 with the default clamps (util-min
 * the rt default, not user-defined); WL_UCLAMP_RT_USER, SCHED_FIFO 10 with
 * util-min @min set by sched_setattr() SCHED_FLAG_UTIL_CLAMP_MIN
 * (user_defined); WL_UCLAMP_NICE_MIN, SCHED_NORMAL nice -20: normal_prio
 * 100, the lowest that is not rt_task().
 */
int wl_setup_uclamp(struct wl_ctx *x, long mode, long min)
{
	struct wl_sched_attr1 a = {
		.v0 = {
			.size = sizeof(a),
			.sched_policy = SCHED_FIFO,
			.sched_flags = WL_SCHED_FLAG_UTIL_CLAMP_MIN,
			.sched_priority = 10,
		},
		.sched_util_min = (uint32_t)min,
	};

	HELPER_ONLY(x);
	if (wl_uclamp_unavailable())
		return -EOPNOTSUPP;
	switch (mode) {
	case WL_UCLAMP_RT:
		return wl_setup_policy(x, SCHED_FIFO, 10);
	case WL_UCLAMP_RT_USER:
		return err_of(syscall(SYS_sched_setattr, 0, &a, 0));
	case WL_UCLAMP_NICE_MIN:
		return wl_setup_nice(x, -20, 0);
	}
	return -EINVAL;
}

/*
 * SCHED_DEADLINE, then @depth nested user namespaces: the policy needs
 * CAP_SYS_NICE in init_user_ns (kernel/sched/syscalls.c:
 * user_check_sched_setscheduler(): "Can't set/change SCHED_DEADLINE policy
 * at all" without capable()), so it is set first; unshare() keeps it.
 */
int wl_setup_deadline_userns(struct wl_ctx *x, long depth, long unused)
{
	int err = wl_setup_deadline(x, 0, unused);

	return err ? err : wl_setup_userns(x, depth, unused);
}

/*
 * PI boost (S-02): the helper holds a PTHREAD_PRIO_INHERIT mutex that a
 * SCHED_FIFO thread of its own waits on, so rt_mutex_setprio() has raised
 * the helper's prio to the waiter's while its normal_prio stays at 120
 * (kernel/locking/rtmutex.c:rt_mutex_adjust_prio()).  The setup returns
 * once /proc shows the boost: the stat "priority" field is p->prio -
 * MAX_RT_PRIO (fs/proc/array.c:do_task_stat(), task_prio()), -1 - rt_prio
 * for a boost to SCHED_FIFO rt_prio.  Undone by unlocking and joining.
 */
static pthread_mutex_t pi_mutex;
static pthread_t pi_waiter;

static void *pi_wait(void *unused)
{
	(void)unused;
	pthread_mutex_lock(&pi_mutex);
	pthread_mutex_unlock(&pi_mutex);
	return NULL;
}

/* The stat "priority" field (the 18th) of this thread, or INT_MIN. */
static int own_stat_prio(void)
{
	char path[64], buf[512], *p;
	int prio = INT_MIN, fd, n;

	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", (int)syscall(SYS_gettid));
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return INT_MIN;
	n = (int)read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return INT_MIN;
	buf[n] = 0;
	p = strrchr(buf, ')');	/* comm may hold spaces: fields 3.. follow it */
	if (p && sscanf(p + 1, " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %*u %*u "
			"%*d %*d %d", &prio) != 1)
		prio = INT_MIN;
	return prio;
}

static int pi_undo(struct wl_ctx *x)
{
	(void)x;
	pthread_mutex_unlock(&pi_mutex);
	return -pthread_join(pi_waiter, NULL);
}

int wl_setup_pi_boosted(struct wl_ctx *x, long rt_prio, long unused)
{
	struct sched_param sp = { .sched_priority = (int)rt_prio };
	pthread_mutexattr_t ma;
	pthread_attr_t attr;
	int err;

	(void)unused;
	HELPER_ONLY(x);
	if (pthread_mutexattr_init(&ma) ||
	    pthread_mutexattr_setprotocol(&ma, PTHREAD_PRIO_INHERIT) ||
	    pthread_mutex_init(&pi_mutex, &ma))
		return -EOPNOTSUPP;
	pthread_mutexattr_destroy(&ma);
	err = pthread_mutex_lock(&pi_mutex);
	if (err)
		return -err;
	if (pthread_attr_init(&attr))
		return -ENOMEM;
	err = pthread_attr_setinheritsched(&attr, PTHREAD_EXPLICIT_SCHED);
	err = err ? err : pthread_attr_setschedpolicy(&attr, SCHED_FIFO);
	err = err ? err : pthread_attr_setschedparam(&attr, &sp);
	err = err ? err : pthread_create(&pi_waiter, &attr, pi_wait, NULL);
	pthread_attr_destroy(&attr);
	if (err)
		return -err;
	x->undo = pi_undo;
	for (int i = 0; i < 2000; i++) {	/* up to 2 s */
		struct timespec ms = { .tv_nsec = 1000000 };

		if (own_stat_prio() == -1 - (int)rt_prio)
			return 0;
		nanosleep(&ms, NULL);
	}
	return -ETIMEDOUT;
}

/* Pinned to the last CPU it may run on. */
int wl_setup_pin(struct wl_ctx *x, long unused, long unused2)
{
	cpu_set_t set;
	int last = -1;

	(void)unused;
	(void)unused2;
	HELPER_ONLY(x);
	if (sched_getaffinity(0, sizeof(set), &set))
		return -errno;
	for (int c = 0; c < CPU_SETSIZE; c++)
		if (CPU_ISSET(c, &set))
			last = c;
	if (last < 0)
		return -EINVAL;
	CPU_ZERO(&set);
	CPU_SET(last, &set);
	return err_of(sched_setaffinity(0, sizeof(set), &set));
}

#define WL_IOPRIO_WHO_PROCESS 1

/* An io_context with this ioprio (block/ioprio.c: set_task_ioprio() makes one). */
int wl_setup_ioprio(struct wl_ctx *x, long ioprio, long unused)
{
	(void)unused;
	HELPER_ONLY(x);
	return err_of(syscall(SYS_ioprio_set, WL_IOPRIO_WHO_PROCESS, 0, (int)ioprio));
}

/* nobody:nogroup, no capabilities left; with RLIMIT_NPROC nproc first if > 0. */
int wl_setup_nobody(struct wl_ctx *x, long nproc, long unused)
{
	struct rlimit rl = { (rlim_t)nproc, (rlim_t)nproc };

	(void)unused;
	HELPER_ONLY(x);
	if (nproc > 0 && setrlimit(RLIMIT_NPROC, &rl))
		return -errno;
	if (setgroups(0, NULL) || setgid(65534) || setuid(65534))
		return -errno;
	return 0;
}

/*
 * A uid no process shows in /proc (from 0x7ffe0000 + the pid's low 16
 * bits on): a count of 1 after the helper takes it, only it counted.
 */
static uid_t unused_uid(void)
{
	uid_t uid = 0x7ffe0000u + ((uid_t)getpid() & 0xffffu);
	bool used = true;

	for (int tries = 0; used && tries < 64; tries++, uid++) {
		DIR *d = opendir("/proc");
		struct dirent *e;

		used = false;
		while (d && !used && (e = readdir(d))) {
			char path[300], line[128];
			FILE *f;

			if (e->d_name[0] < '1' || e->d_name[0] > '9')
				continue;
			snprintf(path, sizeof(path), "/proc/%s/status", e->d_name);
			f = fopen(path, "re");
			while (f && fgets(line, sizeof(line), f)) {
				unsigned int r, ef, sv, fs;

				if (sscanf(line, "Uid: %u %u %u %u", &r, &ef, &sv, &fs) == 4) {
					used = r == uid || ef == uid || sv == uid || fs == uid;
					break;
				}
			}
			if (f)
				fclose(f);
		}
		if (d)
			closedir(d);
		if (!used)
			return uid;
	}
	return uid;
}

/*
 * V-23, R-23: RLIMIT_NPROC nproc, then a uid no other task has (so its
 * count is the helper's 1) with no capability but @cap (-1: none), kept
 * across setresuid() with PR_SET_KEEPCAPS and put back in the effective set.
 */
int wl_setup_nproc_uid(struct wl_ctx *x, long nproc, long cap)
{
	struct rlimit rl = { (rlim_t)nproc, (rlim_t)nproc };
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct data[2] = { { 0 } };
	uid_t uid = unused_uid();

	HELPER_ONLY(x);
	if (cap >= 64)
		return -EINVAL;
	if (setrlimit(RLIMIT_NPROC, &rl))
		return -errno;
	if (cap >= 0 && prctl(PR_SET_KEEPCAPS, 1L, 0L, 0L, 0L))
		return -errno;
	if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) || setresuid(uid, uid, uid))
		return -errno;
	if (cap < 0)
		return 0;
	data[cap / 32].effective = data[cap / 32].permitted = 1u << (cap % 32);
	return err_of(syscall(SYS_capset, &hdr, data));
}

const char *wl_cap_unavailable(long cap)
{
	if (prctl(PR_CAPBSET_READ, cap, 0L, 0L, 0L) == 1)
		return NULL;
	return "the capability is not in this system's bounding set";
}

/* RLIMIT_NPROC nproc, staying root (INIT_USER is exempt, V-23). */
int wl_setup_rlimit_nproc(struct wl_ctx *x, long nproc, long unused)
{
	struct rlimit rl = { (rlim_t)nproc, (rlim_t)nproc };

	(void)unused;
	HELPER_ONLY(x);
	return setrlimit(RLIMIT_NPROC, &rl) ? -errno : 0;
}

/* A thread keyring in its cred (security/keys: install_thread_keyring()). */
int wl_setup_thread_keyring(struct wl_ctx *x, long unused, long unused2)
{
	(void)unused;
	(void)unused2;
	HELPER_ONLY(x);
	return err_of(syscall(SYS_keyctl, KEYCTL_GET_KEYRING_ID, KEY_SPEC_THREAD_KEYRING, 1));
}

int wl_setup_unshare(struct wl_ctx *x, long flags, long unused)
{
	(void)unused;
	HELPER_ONLY(x);
	return err_of(unshare((int)flags));
}

/* sig blocked, so that an exit signal sent to the helper stays pending. */
int wl_setup_block_signal(struct wl_ctx *x, long sig, long unused)
{
	sigset_t set;

	(void)unused;
	HELPER_ONLY(x);
	sigemptyset(&set);
	sigaddset(&set, (int)sig);
	return -pthread_sigmask(SIG_BLOCK, &set, NULL);
}

/* Wait for pid; WL_SUPERVISED if it exited 0, else -ECHILD. */
static int supervise(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, __WALL) < 0)
		if (errno != EINTR)
			return -errno;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? WL_SUPERVISED : -ECHILD;
}

/* PTRACE_ATTACH (the tracee stops with SIGSTOP), then the options. */
static int trace_attach(pid_t t, long options)
{
	int status;

	if (ptrace(PTRACE_ATTACH, t, 0, 0))
		return -errno;
	if (waitpid(t, &status, __WALL) != t || !WIFSTOPPED(status))
		return -ECHILD;
	if (ptrace(PTRACE_SETOPTIONS, t, 0, options | PTRACE_O_EXITKILL))
		return -errno;
	return err_of(ptrace(PTRACE_CONT, t, 0, 0));
}

/*
 * The tracer's loop until the tracee t exits: each child attached to us
 * on its way (PTRACE_O_TRACE*, CLONE_PTRACE) is detached at its first stop
 * and runs on; t is resumed after each stop, with the signal it stopped
 * for unless the stop was ptrace's own (an event, SIGTRAP, ATTACH's SIGSTOP).
 */
static int trace_until_exit(pid_t t)
{
	for (;;) {
		int status, sig;
		pid_t p = waitpid(-1, &status, __WALL);

		if (p < 0 && errno == EINTR)
			continue;
		if (p < 0)
			return -errno;
		if (p == t && !WIFSTOPPED(status))
			return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? WL_SUPERVISED
									      : -ECHILD;
		if (!WIFSTOPPED(status))
			continue;
		if (p != t) {
			ptrace(PTRACE_DETACH, p, 0, 0);
			continue;
		}
		sig = WSTOPSIG(status);
		if ((status >> 16) || sig == SIGTRAP || sig == SIGSTOP)
			sig = 0;
		ptrace(PTRACE_CONT, t, 0, sig);
	}
}

/*
 * The helper forks the tracee, which waits on a pipe until it is traced,
 * then makes the call; the helper traces it to its end.
 */
int wl_setup_ptrace(struct wl_ctx *x, long options, long attach)
{
	int go[2], err;
	char byte = 0;
	pid_t t;

	HELPER_ONLY(x);
	if (pipe2(go, O_CLOEXEC))
		return -errno;
	t = wl_helper_fork();
	if (t == 0) {
		close(go[1]);
		if (read(go[0], &byte, 1) != 1)
			_exit(1);	/* the tracer gave up */
		close(go[0]);
		return 0;
	}
	err = t < 0 ? -errno : 0;
	close(go[0]);
	if (!err)
		err = attach ? trace_attach(t, options)
			     : err_of(ptrace(PTRACE_SEIZE, t, 0, options | PTRACE_O_EXITKILL));
	if (!err && write(go[1], &byte, 1) != 1)
		err = -errno;
	close(go[1]);
	if (t > 0 && err) {
		kill(t, SIGKILL);
		wl_wait_child(t);
	}
	return err ? err : trace_until_exit(t);
}

int wl_setup_pidns(struct wl_ctx *x, long depth, long unused)
{
	(void)unused;
	HELPER_ONLY(x);
	for (long i = 0; i < depth; i++) {
		pid_t pid;

		if (unshare(CLONE_NEWPID))
			return -errno;
		pid = wl_helper_fork();
		if (pid < 0)
			return -errno;
		if (pid > 0)
			return supervise(pid);
	}
	x->nested = depth > 0;
	return 0;
}

/*
 * The caller is the helper's child made by clone3(AUTOREAP|PIDFD) with exit
 * signal 0 (7.1+, kernel/fork.c: p->signal->autoreap), so that its own
 * CLONE_PARENT is refused (V-49).  An autoreaped child leaves nothing for
 * wait(2): the helper waits for its pidfd to become readable (it exited).
 * A kernel before 7.1 refuses the flag (EINVAL, V-04): then the helper
 * makes the call itself, an ordinary CLONE_PARENT.
 */
int wl_setup_autoreaped(struct wl_ctx *x, long unused, long unused2)
{
	int pidfd = -1;
	struct clone_args ca = {
		.flags = WL_CLONE_AUTOREAP | CLONE_PIDFD,
		.pidfd = (uintptr_t)&pidfd,
	};
	pid_t parent = getpid();
	struct pollfd p;
	long pid;

	(void)unused;
	(void)unused2;
	HELPER_ONLY(x);
	pid = syscall(SYS_clone3, &ca, sizeof(ca));
	if (pid < 0)
		return errno == EINVAL ? 0 : -errno;
	if (pid == 0) {
		if (prctl(PR_SET_PDEATHSIG, SIGKILL) || getppid() != parent)
			_exit(127);
		return 0;
	}
	p = (struct pollfd){ .fd = pidfd, .events = POLLIN };
	while (poll(&p, 1, -1) < 0)
		if (errno != EINTR) {
			close(pidfd);
			return -errno;
		}
	close(pidfd);
	return WL_SUPERVISED;
}


/* An idle thread of a full pid ns: blocks until its process exits. */
static void *idle_thread(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

const char *wl_pidns_pid_max_unavailable(void)
{
	return wl_kernel_version() >= 614 ? NULL :
	       "a pid ns's own pid_max is 6.14+ (the global one is never written)";
}

/*
 * V-39: the caller becomes the init of a new pid ns (wl_setup_pidns()),
 * sets that ns's own pid_max (6.14+, kernel/pid.c: /proc/sys/kernel/pid_max
 * is the writer's active pid ns's; refused before 6.14, where it is the
 * global one, and checked here: a new ns starts at PID_MAX_LIMIT, errata
 * X-8, never at the host's value) and fills it with @threads idle threads,
 * numbers 2 and up, on small stacks.  They die with it.
 */
int wl_setup_pidns_full(struct wl_ctx *x, long threads, long pid_max)
{
	pthread_attr_t attr;
	char val[32], cur[32] = "";
	long min;
	int err, fd;

	if (wl_pidns_pid_max_unavailable())
		return -EOPNOTSUPP;
	err = wl_setup_pidns(x, 1, 0);
	if (err)
		return err;
	if (getpid() != 1)
		return -EPROTO;
	fd = open("/proc/sys/kernel/pid_max", O_RDONLY | O_CLOEXEC);
	if (fd < 0 || read(fd, cur, sizeof(cur) - 1) < 0) {
		err = -errno;
		if (fd >= 0)
			close(fd);
		return err;
	}
	close(fd);
	if (atol(cur) != 4194304)	/* not a fresh ns's own: never write it */
		return -EPROTO;
	snprintf(val, sizeof(val), "%ld", pid_max);
	err = wl_write_file("/proc/sys/kernel/pid_max", val);
	if (err)
		return err;
	/* small stacks, but not below the arch's minimum (arm64 glibc: 128 KiB) */
	min = sysconf(_SC_THREAD_STACK_MIN);
	if (pthread_attr_init(&attr) ||
	    pthread_attr_setstacksize(&attr, min > 65536 ? (size_t)min : 65536))
		return -ENOMEM;
	for (long i = 0; i < threads && !err; i++) {
		pthread_t t;

		err = -pthread_create(&t, &attr, idle_thread, NULL);
	}
	pthread_attr_destroy(&attr);
	return err;
}

/*
 * V-38: the caller becomes the init of a level-2 pid ns whose parent, the
 * level-1 ns, has its own pid_max lowered to @pid_max (6.14+:
 * wl_setup_pidns_full() with no threads).  The level-2 ns, new, keeps
 * PID_MAX_LIMIT (kernel/pid_namespace.c:create_pid_namespace(), v6.18.35:
 * `ns->pid_max = PID_MAX_LIMIT;`), so a set_tid entry for level 1 meets a
 * pid_max that BPF reads for no level (only pid_ns_for_children's and the
 * init ns's).
 */
int wl_setup_pidns_lowered(struct wl_ctx *x, long pid_max, long unused)
{
	int err;

	(void)unused;
	err = wl_setup_pidns_full(x, 0, pid_max);
	if (err)
		return err;
	err = wl_setup_pidns(x, 1, 0);
	if (err)
		return err;
	return getpid() == 1 ? 0 : -EPROTO;
}

int wl_setup_pidns_dead(struct wl_ctx *x, long unused, long unused2)
{
	pid_t pid;

	(void)unused;
	(void)unused2;
	HELPER_ONLY(x);
	if (unshare(CLONE_NEWPID))
		return -errno;
	/* kernel/pid_namespace.c: the init's exit runs zap_pid_namespace() */
	pid = fork();
	if (pid < 0)
		return -errno;
	if (pid == 0)
		_exit(0);
	wl_wait_child(pid);
	return 0;
}

/* Write s to path: 0 or -errno. */
int wl_write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, s, strlen(s));
	n = n < 0 ? -errno : 0;
	close(fd);
	return (int)n;
}

/*
 * A user ns below ours, root in it mapped to root in ours: the owner may map
 * its own ids (kernel/user_namespace.c:new_idmap_permitted()), gids only
 * with setgroups denied.  Its creator has every capability in it.
 */
static int enter_userns(void)
{
	int err;

	if (unshare(CLONE_NEWUSER))
		return -errno;
	err = wl_write_file("/proc/self/setgroups", "deny");
	if (!err)
		err = wl_write_file("/proc/self/uid_map", "0 0 1");
	if (!err)
		err = wl_write_file("/proc/self/gid_map", "0 0 1");
	return err;
}

int wl_setup_userns(struct wl_ctx *x, long depth, long unused)
{
	(void)unused;
	HELPER_ONLY(x);
	for (long i = 0; i < depth; i++) {
		int err = enter_userns();

		if (err)
			return err;
	}
	return 0;
}

/*
 * user.max_*_namespaces are per user ns (kernel/ucount.c: the sysctl set is
 * the current task's user ns's), and inc_ucount() tests every level's, so
 * a 0 in ours refuses the next such namespace with ENOSPC.
 */
int wl_setup_userns_limit(struct wl_ctx *x, long which, long unused)
{
	static const char *const names[] = {
		[WL_UC_USER] = "max_user_namespaces", [WL_UC_MNT] = "max_mnt_namespaces",
		[WL_UC_PID] = "max_pid_namespaces", [WL_UC_UTS] = "max_uts_namespaces",
	};
	char path[64];
	int err;

	(void)unused;
	HELPER_ONLY(x);
	if (which < 0 || which >= (long)(sizeof(names) / sizeof(names[0])))
		return -EINVAL;
	err = enter_userns();
	if (err)
		return err;
	snprintf(path, sizeof(path), "/proc/sys/user/%s", names[which]);
	return wl_write_file(path, "0");
}

/*
 * The pid ns owner: a user ns of its own, a pid ns for its children and
 * their init (fs/proc/namespaces.c shows pid_for_children only once the
 * ns has a child_reaper); says so on ready, and ends them both once done
 * reads end of file.
 */
static void foreign_pidns_owner(int ready, int done)
{
	char byte = 0;
	pid_t init;

	if (enter_userns() || unshare(CLONE_NEWPID))
		_exit(1);
	init = wl_helper_fork();
	if (init == 0) {
		for (;;)
			pause();
	}
	if (init < 0 || write(ready, &byte, 1) != 1)
		_exit(1);
	while (read(done, &byte, 1) < 0 && errno == EINTR)
		;
	kill(init, SIGKILL);
	wl_wait_child(init);
	_exit(0);
}

/*
 * kernel/pid_namespace.c:create_pid_namespace() (v5.10.223 .. v7.2.13):
 * `if (!in_userns(parent_pid_ns->user_ns, user_ns)) goto out;` with err
 * -EINVAL.  A child of the helper makes a pid ns owned by a user ns of its
 * own; the helper, root in the init user ns and so capable in both
 * (kernel/pid_namespace.c:pidns_install()), setns()es into it and forks
 * the caller there, its creds still in the init user ns.
 */
int wl_setup_pidns_foreign(struct wl_ctx *x, long unused, long unused2)
{
	int ready[2], done[2], fd = -1, err = 0;
	char path[64], byte = 0;
	pid_t a, c = -1;

	(void)unused;
	(void)unused2;
	HELPER_ONLY(x);
	if (pipe2(ready, O_CLOEXEC))
		return -errno;
	if (pipe2(done, O_CLOEXEC)) {
		err = -errno;
		close(ready[0]);
		close(ready[1]);
		return err;
	}
	a = wl_helper_fork();
	if (a == 0) {
		close(ready[0]);
		close(done[1]);
		foreign_pidns_owner(ready[1], done[0]);
	}
	close(ready[1]);
	close(done[0]);
	if (a < 0)
		err = -errno;
	else if (read(ready[0], &byte, 1) != 1)
		err = -ECHILD;
	close(ready[0]);
	if (!err) {
		snprintf(path, sizeof(path), "/proc/%d/ns/pid_for_children", (int)a);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		err = fd < 0 ? -errno : err_of(setns(fd, CLONE_NEWPID));
	}
	if (fd >= 0)
		close(fd);
	if (!err) {
		c = wl_helper_fork();
		if (c == 0) {
			close(done[1]);
			x->nested = true;
			return 0;
		}
		err = c < 0 ? -errno : supervise(c);
	}
	close(done[1]);
	if (a > 0)
		wl_wait_child(a);
	return err;
}

/* fs/file.c:alloc_fd(): `if (fd >= end) error = -EMFILE;`, end = RLIMIT_NOFILE */
int wl_setup_nofile_full(struct wl_ctx *x, long unused, long unused2)
{
	struct rlimit rl;
	int fd;

	(void)unused;
	(void)unused2;
	HELPER_ONLY(x);
	fd = open("/", O_PATH | O_CLOEXEC);	/* the lowest free fd */
	if (fd < 0)
		return -errno;
	close(fd);
	if (getrlimit(RLIMIT_NOFILE, &rl))
		return -errno;
	rl.rlim_cur = (rlim_t)fd;
	return err_of(setrlimit(RLIMIT_NOFILE, &rl));
}

int wl_setup_nnp(struct wl_ctx *x, long unused, long unused2)
{
	(void)unused;
	(void)unused2;
	HELPER_ONLY(x);
	return err_of(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
}

int wl_setup_subreaper(struct wl_ctx *x, long unused, long unused2)
{
	(void)unused;
	(void)unused2;
	HELPER_ONLY(x);
	return err_of(prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0));
}

int wl_setup_sigaltstack(struct wl_ctx *x, long unused, long unused2)
{
	static char alt[64 * 1024] __attribute__((aligned(16)));
	stack_t ss = { .ss_sp = alt, .ss_size = sizeof(alt) };

	(void)unused;
	(void)unused2;
	HELPER_ONLY(x);
	return err_of(sigaltstack(&ss, NULL));
}

/*
 * capset(2) with the effective set less one capability: a root helper then
 * has, e.g., CAP_SYS_ADMIN without CAP_CHECKPOINT_RESTORE or the reverse
 * (security/commoncap.c:cap_capable() tests the effective set).
 */
int wl_setup_cap_drop(struct wl_ctx *x, long cap, long unused)
{
	struct __user_cap_header_struct h = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct d[_LINUX_CAPABILITY_U32S_3];

	(void)unused;
	HELPER_ONLY(x);
	if (cap < 0 || cap >= 32 * _LINUX_CAPABILITY_U32S_3)
		return -EINVAL;
	if (syscall(SYS_capget, &h, d))
		return -errno;
	d[cap / 32].effective &= ~(1U << (cap % 32));
	return err_of(syscall(SYS_capset, &h, d));
}
