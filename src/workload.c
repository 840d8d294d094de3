// SPDX-License-Identifier: GPL-2.0
/*
 * workload.c - the built-in cases.  Each makes one creating syscall that it
 * is about, either from the calling thread or from a helper process it
 * forks first (a helper changes its own policy, affinity, credentials,
 * limits or namespaces so that clonecheck's own stay untouched).  Each
 * waits for everything it created and leaves nothing behind: no process,
 * cgroup, namespace, signal disposition, policy, affinity or rlimit.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/sched.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/futex.h>

#include "log.h"
#include "workload.h"


/*
 * Raw legacy clone with a NULL stack and no CLONE_VM: the child continues on
 * a copy of ours.  The arch's argument order (V-03).
 */
static long raw_clone5(unsigned long flags, int *ptid, int *ctid, unsigned long tls)
{
#if defined(__x86_64__)
	/* x86-64: (flags, newsp, parent_tid, child_tid, tls) */
	return syscall(SYS_clone, flags, 0UL, ptid, ctid, tls);
#else
	/* CLONE_BACKWARDS arches: (flags, newsp, parent_tid, tls, child_tid) */
	return syscall(SYS_clone, flags, 0UL, ptid, tls, ctid);
#endif
}

static long raw_clone(unsigned long flags)
{
	return raw_clone5(flags, NULL, NULL, 0);
}

static int reap(struct wl_result *res, long ret)
{
	int status;

	res->ret = ret < 0 ? -errno : ret;
	if (ret == 0)
		_exit(0);	/* child */
	if (ret < 0)
		return 0;
	res->child = (pid_t)ret;
	while (waitpid((pid_t)ret, &status, __WALL) < 0 && errno == EINTR)
		;
	return 0;
}

static int case_raw_fork(struct wl_result *res)
{
#ifdef SYS_fork
	return reap(res, syscall(SYS_fork));
#else
	return reap(res, raw_clone(SIGCHLD));
#endif
}

static int case_glibc_fork(struct wl_result *res)
{
	return reap(res, fork());
}

static int case_vfork(struct wl_result *res)
{
	pid_t pid = vfork();

	if (pid == 0)
		_exit(0);
	return reap(res, pid);
}

static void *thread_fn(void *arg)
{
	return arg;
}

static int case_pthread(struct wl_result *res)
{
	pthread_t t;
	int err = pthread_create(&t, NULL, thread_fn, NULL);

	if (err) {
		res->ret = -err;
		return 0;
	}
	pthread_join(t, NULL);
	/* glibc returns no tid; the test matches the clone by its caller. */
	res->ret = 0;
	return 0;
}

/*
 * clone3 with the thread flags of pthread_create (less SETTLS): the child
 * runs on its own stack with no libc, so both the syscall and the child's
 * exit are in assembly.  CHILD_CLEARTID wakes us when it is gone.
 */
static char thread_stack[64 * 1024] __attribute__((aligned(16)));
static _Atomic int32_t thread_tid;

static long clone3_exit_child(struct clone_args *ca, size_t size)
{
	long ret;
#if defined(__x86_64__)
	register long rdi __asm__("rdi") = (long)ca;
	register long rsi __asm__("rsi") = (long)size;

	__asm__ volatile("syscall\n\t"
			 "test %%rax, %%rax\n\t"
			 "jnz 1f\n\t"
			 "mov $60, %%eax\n\t" /* SYS_exit */
			 "xor %%edi, %%edi\n\t"
			 "syscall\n\t"
			 "1:"
			 : "=a"(ret)
			 : "0"((long)SYS_clone3), "r"(rdi), "r"(rsi)
			 : "rcx", "r11", "memory");
#elif defined(__aarch64__)
	register long x8 __asm__("x8") = SYS_clone3;
	register long x0 __asm__("x0") = (long)ca;
	register long x1 __asm__("x1") = (long)size;

	__asm__ volatile("svc #0\n\t"
			 "cbnz x0, 1f\n\t"
			 "mov x8, #93\n\t" /* SYS_exit */
			 "mov x0, #0\n\t"
			 "svc #0\n\t"
			 "1:"
			 : "+r"(x0)
			 : "r"(x8), "r"(x1)
			 : "memory");
	ret = x0;
#else
#error "clone3 workload case: unsupported architecture"
#endif
	return ret;
}

static int case_clone3_thread(struct wl_result *res)
{
	struct clone_args ca;
	int32_t parent_tid = 0;
	long ret;

	memset(&ca, 0, sizeof(ca));
	ca.flags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD |
		   CLONE_SYSVSEM | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID;
	ca.parent_tid = (uintptr_t)&parent_tid;
	ca.child_tid = (uintptr_t)&thread_tid;
	ca.stack = (uintptr_t)thread_stack;
	ca.stack_size = sizeof(thread_stack);
	atomic_store(&thread_tid, 1);
	ret = clone3_exit_child(&ca, sizeof(ca));
	if (ret < 0) {
		res->ret = ret;
		return 0;
	}
	res->ret = ret;
	res->child = (pid_t)ret;
	/* Wait for CLONE_CHILD_CLEARTID to zero thread_tid at the thread's exit. */
	while (atomic_load(&thread_tid) != 0)
		syscall(SYS_futex, &thread_tid, FUTEX_WAIT, 1, NULL, NULL, 0);
	return 0;
}

/* V-13: CLONE_SIGHAND without CLONE_VM must fail with EINVAL. */
static int case_sighand_without_vm(struct wl_result *res)
{
	return reap(res, raw_clone(CLONE_SIGHAND | SIGCHLD));
}

/* V-12: CLONE_THREAD without CLONE_SIGHAND must fail with EINVAL. */
static int case_thread_without_sighand(struct wl_result *res)
{
	return reap(res, raw_clone(CLONE_THREAD | CLONE_VM));
}

/* V-04.2: clone3 with a struct smaller than CLONE_ARGS_SIZE_VER0. */
static int case_clone3_too_small(struct wl_result *res)
{
	struct clone_args ca;
	long ret;

	memset(&ca, 0, sizeof(ca));
	ca.exit_signal = SIGCHLD;
	ret = syscall(SYS_clone3, &ca, 56);
	return reap(res, ret);
}

/* ------------------------------------------------------------------------
 * Raw legacy clone whose child exits at once in assembly: safe with
 * CLONE_VM, CLONE_VFORK or CLONE_THREAD (the child touches no memory, so
 * sharing the caller's stack is harmless; newsp may still be given).
 */
static long clone_exit_child(unsigned long flags, void *newsp, int *ptid, int *ctid,
			     unsigned long tls)
{
	long ret;
#if defined(__x86_64__)
	register long rdi __asm__("rdi") = (long)flags;
	register long rsi __asm__("rsi") = (long)newsp;
	register long rdx __asm__("rdx") = (long)ptid;
	register long r10 __asm__("r10") = (long)ctid;
	register long r8 __asm__("r8") = (long)tls;

	__asm__ volatile("syscall\n\t"
			 "test %%rax, %%rax\n\t"
			 "jnz 1f\n\t"
			 "mov $60, %%eax\n\t" /* SYS_exit */
			 "xor %%edi, %%edi\n\t"
			 "syscall\n\t"
			 "1:"
			 : "=a"(ret)
			 : "0"((long)SYS_clone), "r"(rdi), "r"(rsi), "r"(rdx), "r"(r10), "r"(r8)
			 : "rcx", "r11", "memory");
#elif defined(__aarch64__)
	/* CLONE_BACKWARDS: (flags, newsp, parent_tid, tls, child_tid) */
	register long x8 __asm__("x8") = SYS_clone;
	register long x0 __asm__("x0") = (long)flags;
	register long x1 __asm__("x1") = (long)newsp;
	register long x2 __asm__("x2") = (long)ptid;
	register long x3 __asm__("x3") = (long)tls;
	register long x4 __asm__("x4") = (long)ctid;

	__asm__ volatile("svc #0\n\t"
			 "cbnz x0, 1f\n\t"
			 "mov x8, #93\n\t" /* SYS_exit */
			 "mov x0, #0\n\t"
			 "svc #0\n\t"
			 "1:"
			 : "+r"(x0)
			 : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4)
			 : "memory");
	ret = x0;
#else
#error "clone workload cases: unsupported architecture"
#endif
	return ret;
}

/* A libc syscall()'s result as wl_result wants it (-errno on failure). */
static long sysret(long ret)
{
	return ret < 0 ? -errno : ret;
}

/* Wait until a CLONE_THREAD child is gone (it is reaped by itself). */
static void wait_thread_gone(pid_t tid)
{
	struct timespec ms = { 0, 1000000 };

	for (int i = 0; i < 5000; i++) {
		if (syscall(SYS_tgkill, getpid(), tid, 0) < 0 && errno == ESRCH)
			return;
		nanosleep(&ms, NULL);
	}
}

/* Wait for a child that may have any exit signal (or none). */
static void wait_child(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, __WALL) < 0 && errno == EINTR)
		;
}

/* A raw clone (assembly exit in the child), then reap or wait for the child. */
static int do_clone_exit(struct wl_result *res, unsigned long flags, int *ptid, int *ctid,
			 unsigned long tls)
{
	/* the raw syscall's own return: a child tid or -errno */
	long ret = clone_exit_child(flags, thread_stack + sizeof(thread_stack), ptid, ctid, tls);

	res->ret = ret;
	if (ret <= 0)
		return 0;
	res->child = (pid_t)ret;
	if (flags & CLONE_THREAD)
		wait_thread_gone((pid_t)ret);
	else
		wait_child((pid_t)ret);
	return 0;
}

/* clone3 whose child exits at once; reaps or waits for it. */
static int do_clone3_exit(struct wl_result *res, struct clone_args *ca, size_t size)
{
	long ret = clone3_exit_child(ca, size);

	res->ret = ret;
	if (ret <= 0)
		return 0;
	res->child = (pid_t)ret;
	if (ca->flags & CLONE_THREAD)
		wait_thread_gone((pid_t)ret);
	else
		wait_child((pid_t)ret);
	return 0;
}

static void ca_init(struct clone_args *ca, uint64_t flags, uint64_t exit_signal)
{
	memset(ca, 0, sizeof(*ca));
	ca->flags = flags;
	ca->exit_signal = exit_signal;
}

/* -------------------------------------------------------------- helpers */

/*
 * Run fn in a forked helper process (glibc fork, itself observed and
 * labelled with the case).  The helper changes its own state, makes the
 * clone the case is about, reaps what it made and reports through a shared
 * page.  A helper that cannot set itself up makes the case fail to run.
 */
struct helper_page {
	struct wl_result r;
	int setup_err;		/* -errno: the helper could not prepare */
};

typedef int (*helper_fn)(struct wl_result *out);

static int in_helper(struct wl_result *res, helper_fn fn)
{
	struct helper_page *pg = mmap(NULL, sizeof(*pg), PROT_READ | PROT_WRITE,
				      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int status, err = 0;
	pid_t pid;

	if (pg == MAP_FAILED)
		return -errno;
	memset(pg, 0, sizeof(*pg));
	pid = fork();
	if (pid < 0) {
		err = -errno;
		munmap(pg, sizeof(*pg));
		return err;
	}
	if (pid == 0) {
		pg->setup_err = fn(&pg->r);
		_exit(0);
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!WIFEXITED(status))
		err = -ECHILD;
	else if (pg->setup_err)
		err = pg->setup_err;
	res->ret = pg->r.ret;
	res->child = pg->r.child;
	munmap(pg, sizeof(*pg));
	return err;
}

/* Become nobody:nogroup (no capabilities left). */
static int drop_to_nobody(void)
{
	if (setgroups(0, NULL) || setgid(65534) || setuid(65534))
		return -errno;
	return 0;
}

/* The fork a helper makes once it is set up: plain fork(2). */
static int helper_fork(struct wl_result *out)
{
#ifdef SYS_fork
	return reap(out, syscall(SYS_fork));
#else
	return reap(out, raw_clone(SIGCHLD));
#endif
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

#define WL_SCHED_FLAG_RESET_ON_FORK 0x01

static int set_deadline(bool reset)
{
	struct wl_sched_attr a = {
		.size = sizeof(a),
		.sched_policy = 6,	/* SCHED_DEADLINE */
		.sched_flags = reset ? WL_SCHED_FLAG_RESET_ON_FORK : 0,
		.sched_runtime = 1000000,
		.sched_deadline = 10000000,
		.sched_period = 10000000,
	};

	return syscall(SYS_sched_setattr, 0, &a, 0) ? -errno : 0;
}

static int set_policy(int policy, int prio)
{
	struct sched_param sp = { .sched_priority = prio };

	return sched_setscheduler(0, policy, &sp) ? -errno : 0;
}

/* ------------------------------------------------------- entry points */

/* V-03: legacy clone, the arch's argument order, distinct ptid and ctid. */
static int32_t legacy_ptid, legacy_ctid;

static int case_clone_tids(struct wl_result *res)
{
	legacy_ptid = legacy_ctid = 0;
	return reap(res, raw_clone5(CLONE_PARENT_SETTID | CLONE_CHILD_SETTID |
				    CLONE_CHILD_CLEARTID | SIGCHLD,
				    &legacy_ptid, &legacy_ctid, 0));
}

static int clone3_fork_size(struct wl_result *res, size_t size)
{
	struct clone_args ca;

	ca_init(&ca, 0, SIGCHLD);
	return reap(res, syscall(SYS_clone3, &ca, size));
}

static int case_clone3_64(struct wl_result *res)
{
	return clone3_fork_size(res, CLONE_ARGS_SIZE_VER0);
}

static int case_clone3_80(struct wl_result *res)
{
	return clone3_fork_size(res, CLONE_ARGS_SIZE_VER1);
}

static int case_clone3_88(struct wl_result *res)
{
	return clone3_fork_size(res, CLONE_ARGS_SIZE_VER2);
}

/* V-04.3: a bigger struct is fine when every byte past 88 is zero. */
static int case_clone3_big_zero(struct wl_result *res)
{
	static uint64_t buf[512];	/* 4096 bytes, PAGE_SIZE */

	memset(buf, 0, sizeof(buf));
	buf[4] = SIGCHLD;		/* exit_signal */
	return reap(res, syscall(SYS_clone3, buf, sizeof(buf)));
}

static void *spawn_thread_fn(void *arg)
{
	pthread_t t;

	if (pthread_create(&t, NULL, thread_fn, NULL))
		return (void *)1;
	pthread_join(t, NULL);
	return arg;
}

/* A thread that creates a thread: both clone3 calls are the case's. */
static int case_thread_in_thread(struct wl_result *res)
{
	pthread_t t;
	void *ret = NULL;
	int err = pthread_create(&t, NULL, spawn_thread_fn, NULL);

	if (err) {
		res->ret = -err;
		return 0;
	}
	pthread_join(t, &ret);
	res->ret = ret ? -EAGAIN : 0;
	return 0;
}

#define SPAWN_EXIT_ENV "CLONECHECK_SPAWN_EXIT"

/*
 * A program image run with CLONECHECK_SPAWN_EXIT=1 in its environment exits
 * at once, before main(): the posix_spawn case runs its own executable
 * (/proc/self/exe: clonecheck, or the test binary, both linking this file),
 * the one program sure to exist, in a bare initramfs as on a host.
 */
__attribute__((constructor)) static void spawned_exit(void)
{
	const char *v = getenv(SPAWN_EXIT_ENV);

	if (v && !strcmp(v, "1"))
		_exit(0);
}

/* glibc posix_spawn: clone3(VM|VFORK) on its own stack, then exec. */
static int case_posix_spawn(struct wl_result *res)
{
	char *argv[] = { "clonecheck-spawned", NULL };
	char *envp[] = { SPAWN_EXIT_ENV "=1", NULL };
	pid_t pid;
	int err = posix_spawn(&pid, "/proc/self/exe", NULL, NULL, argv, envp);

	if (err) {
		res->ret = -err;
		return 0;
	}
	res->ret = pid;
	res->child = pid;
	wait_child(pid);
	return 0;
}

/* ---------------------------------------------------- flags, one by one */

static int case_flag(struct wl_result *res, unsigned long flags)
{
	return do_clone_exit(res, flags, NULL, NULL, 0);
}

/* SETTLS with a user address: the child's fsbase (x86) / tpidr is it. */
static int case_settls(struct wl_result *res)
{
	return do_clone_exit(res, CLONE_SETTLS | SIGCHLD, NULL, NULL,
			     (unsigned long)(thread_stack + 4096));
}

static int32_t flag_tid;

static int case_parent_settid(struct wl_result *res)
{
	flag_tid = 0;
	return do_clone_exit(res, CLONE_PARENT_SETTID | SIGCHLD, &flag_tid, NULL, 0);
}

static int case_child_settid(struct wl_result *res)
{
	return do_clone_exit(res, CLONE_CHILD_SETTID | SIGCHLD, NULL, &flag_tid, 0);
}

static int case_child_cleartid(struct wl_result *res)
{
	return do_clone_exit(res, CLONE_CHILD_CLEARTID | SIGCHLD, NULL, &flag_tid, 0);
}

/* Legacy PIDFD: the fd comes back through the parent_tid argument. */
static int case_pidfd(struct wl_result *res)
{
	int pidfd = -1;

	do_clone_exit(res, CLONE_PIDFD | SIGCHLD, &pidfd, NULL, 0);
	if (pidfd >= 0)
		close(pidfd);
	return 0;
}

/* pthread_create's flags through legacy clone, with SETTLS and both tids. */
static int32_t thread_ctid;

static int case_clone_pthread_flags(struct wl_result *res)
{
	long ret;

	atomic_store(&thread_tid, 1);
	ret = clone_exit_child(CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND |
				       CLONE_THREAD | CLONE_SYSVSEM | CLONE_SETTLS |
				       CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID,
				       thread_stack + sizeof(thread_stack), &thread_ctid,
				       (int *)&thread_tid, (unsigned long)(thread_stack + 8192));
	res->ret = ret;
	if (ret <= 0)
		return 0;
	res->child = (pid_t)ret;
	while (atomic_load(&thread_tid) != 0)
		syscall(SYS_futex, &thread_tid, FUTEX_WAIT, 1, NULL, NULL, 0);
	return 0;
}

/* clone3 CLEAR_SIGHAND: handlers reset in the child's new sighand. */
static int case_clone3_clear_sighand(struct wl_result *res)
{
	struct clone_args ca;

	ca_init(&ca, CLONE_CLEAR_SIGHAND, SIGCHLD);
	return do_clone3_exit(res, &ca, sizeof(ca));
}

/* clone3 PIDFD with its own pidfd field. */
static int case_clone3_pidfd(struct wl_result *res)
{
	struct clone_args ca;
	int pidfd = -1;

	ca_init(&ca, CLONE_PIDFD, SIGCHLD);
	ca.pidfd = (uintptr_t)&pidfd;
	do_clone3_exit(res, &ca, sizeof(ca));
	if (pidfd >= 0)
		close(pidfd);
	return 0;
}

/* 6.9+ (E-11): a thread pidfd, CLONE_PIDFD with CLONE_THREAD. */
static int case_clone3_pidfd_thread(struct wl_result *res)
{
	struct clone_args ca;
	int pidfd = -1;

	ca_init(&ca, CLONE_VM | CLONE_SIGHAND | CLONE_THREAD | CLONE_PIDFD, 0);
	ca.pidfd = (uintptr_t)&pidfd;
	ca.stack = (uintptr_t)thread_stack;
	ca.stack_size = sizeof(thread_stack);
	do_clone3_exit(res, &ca, sizeof(ca));
	if (pidfd >= 0)
		close(pidfd);
	return 0;
}

/* clone3 VFORK|VM on its own stack (posix_spawn's clone, without exec). */
static int case_clone3_vfork(struct wl_result *res)
{
	struct clone_args ca;

	ca_init(&ca, CLONE_VM | CLONE_VFORK, SIGCHLD);
	ca.stack = (uintptr_t)thread_stack;
	ca.stack_size = sizeof(thread_stack);
	return do_clone3_exit(res, &ca, sizeof(ca));
}

/* ----------------------------------------------------- exit signals */

/*
 * Exit signal SIGUSR1: blocked around the clone and taken off the pending
 * set afterwards, so nothing of it stays with the caller.
 */
static int clone_with_blocked_signal(struct wl_result *res, int sig, bool clone3)
{
	sigset_t set, old;
	struct timespec zero = { 0, 0 };

	sigemptyset(&set);
	sigaddset(&set, sig);
	pthread_sigmask(SIG_BLOCK, &set, &old);
	if (clone3) {
		struct clone_args ca;

		ca_init(&ca, 0, sig);
		do_clone3_exit(res, &ca, sizeof(ca));
	} else {
		case_flag(res, sig);
	}
	while (sigtimedwait(&set, NULL, &zero) == sig)
		;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return 0;
}

static int case_exit_signal_usr1(struct wl_result *res)
{
	return clone_with_blocked_signal(res, SIGUSR1, false);
}

static int case_clone3_exit_signal_64(struct wl_result *res)
{
	return clone_with_blocked_signal(res, 64, true);
}

static int case_clone3_exit_signal_0(struct wl_result *res)
{
	struct clone_args ca;

	ca_init(&ca, 0, 0);
	return do_clone3_exit(res, &ca, sizeof(ca));
}

/* -------------------------------------------------------- namespaces */

/* CLONE_NEWTIME only through clone3. */
static int case_clone3_newtime(struct wl_result *res)
{
	struct clone_args ca;

	ca_init(&ca, CLONE_NEWTIME, SIGCHLD);
	return do_clone3_exit(res, &ca, sizeof(ca));
}

/* NEWTIME with VM: the child keeps the caller's time ns until exec (6.18). */
static int case_clone3_newtime_vm(struct wl_result *res)
{
	struct clone_args ca;

	ca_init(&ca, CLONE_NEWTIME | CLONE_VM, SIGCHLD);
	ca.stack = (uintptr_t)thread_stack;
	ca.stack_size = sizeof(thread_stack);
	return do_clone3_exit(res, &ca, sizeof(ca));
}

/* set_tid {1} in a new pid namespace: the child is its pid 1. */
static int case_set_tid_newpid(struct wl_result *res)
{
	struct clone_args ca;
	pid_t tids[1] = { 1 };

	ca_init(&ca, CLONE_NEWPID, SIGCHLD);
	ca.set_tid = (uintptr_t)tids;
	ca.set_tid_size = 1;
	return do_clone3_exit(res, &ca, sizeof(ca));
}

/* set_tid {1, our own pid}: the outer level's number is taken (EEXIST). */
static int case_set_tid_eexist(struct wl_result *res)
{
	struct clone_args ca;
	pid_t tids[2] = { 1, getpid() };

	ca_init(&ca, CLONE_NEWPID, SIGCHLD);
	ca.set_tid = (uintptr_t)tids;
	ca.set_tid_size = 2;
	return do_clone3_exit(res, &ca, sizeof(ca));
}

/* ---------------------------------------------- V- errors, precedence */

/* V-04.1: size above PAGE_SIZE, and a bad pointer too: E2BIG wins. */
static int case_clone3_e2big_size(struct wl_result *res)
{
	res->ret = sysret(syscall(SYS_clone3, (void *)8, 4097));
	return 0;
}

/* V-04.2 before the copy: size 56 with a bad pointer is EINVAL, not EFAULT. */
static int case_clone3_small_efault(struct wl_result *res)
{
	res->ret = sysret(syscall(SYS_clone3, (void *)8, 56));
	return 0;
}

/* V-04.3: a non-zero byte past offset 88 -> E2BIG. */
static int case_clone3_e2big_tail(struct wl_result *res)
{
	static uint64_t buf[12];	/* 96 bytes */

	memset(buf, 0, sizeof(buf));
	buf[4] = SIGCHLD;
	buf[11] = 1;
	return reap(res, syscall(SYS_clone3, buf, sizeof(buf)));
}

/* V-04.3: the struct cannot be read -> EFAULT. */
static int case_clone3_efault(struct wl_result *res)
{
	res->ret = sysret(syscall(SYS_clone3, (void *)8, CLONE_ARGS_SIZE_VER2));
	return 0;
}

static int clone3_fail(struct wl_result *res, struct clone_args *ca, size_t size)
{
	return reap(res, syscall(SYS_clone3, ca, size));
}

/* V-04.4: set_tid_size above MAX_PID_NS_LEVEL. */
static int case_clone3_set_tid_33(struct wl_result *res)
{
	struct clone_args ca;
	static pid_t tids[33];

	ca_init(&ca, 0, SIGCHLD);
	ca.set_tid = (uintptr_t)tids;
	ca.set_tid_size = 33;
	return clone3_fail(res, &ca, sizeof(ca));
}

/* V-04.5: set_tid_size without set_tid. */
static int case_clone3_set_tid_null(struct wl_result *res)
{
	struct clone_args ca;

	ca_init(&ca, 0, SIGCHLD);
	ca.set_tid_size = 1;
	return clone3_fail(res, &ca, sizeof(ca));
}

/* V-04.6: set_tid without set_tid_size. */
static int case_clone3_set_tid_nosize(struct wl_result *res)
{
	struct clone_args ca;
	pid_t tids[1] = { 1 };

	ca_init(&ca, 0, SIGCHLD);
	ca.set_tid = (uintptr_t)tids;
	return clone3_fail(res, &ca, sizeof(ca));
}

/* V-04.7: exit_signal above _NSIG. */
static int case_clone3_exit_signal_65(struct wl_result *res)
{
	struct clone_args ca;

	ca_init(&ca, 0, 65);
	return clone3_fail(res, &ca, sizeof(ca));
}

/* V-04.8: INTO_CGROUP with a VER1 (80-byte) struct. */
static int case_clone3_cgroup_size80(struct wl_result *res)
{
	struct clone_args ca;

	ca_init(&ca, CLONE_INTO_CGROUP, SIGCHLD);
	return clone3_fail(res, &ca, CLONE_ARGS_SIZE_VER1);
}

/* V-04.9 before V-04.10: unreadable set_tid with DETACHED -> EFAULT. */
static int case_clone3_set_tid_efault(struct wl_result *res)
{
	struct clone_args ca;

	ca_init(&ca, CLONE_DETACHED, SIGCHLD);
	ca.set_tid = 8;
	ca.set_tid_size = 1;
	return clone3_fail(res, &ca, sizeof(ca));
}

/* V-04.10a: a flag bit clone3 does not know. */
static int case_clone3_unknown_flag(struct wl_result *res)
{
	struct clone_args ca;

	ca_init(&ca, 1ULL << 40, SIGCHLD);
	return clone3_fail(res, &ca, sizeof(ca));
}

/* V-04.10b: CLONE_DETACHED is refused by clone3. */
static int case_clone3_detached(struct wl_result *res)
{
	struct clone_args ca;

	ca_init(&ca, CLONE_DETACHED, SIGCHLD);
	return clone3_fail(res, &ca, sizeof(ca));
}

/* V-04.10c: SIGHAND with CLEAR_SIGHAND. */
static int case_clone3_sighand_clear(struct wl_result *res)
{
	struct clone_args ca;

	ca_init(&ca, CLONE_VM | CLONE_SIGHAND | CLONE_CLEAR_SIGHAND, SIGCHLD);
	return clone3_fail(res, &ca, sizeof(ca));
}

/* V-04.10d: THREAD with an exit signal (legacy clone ignores it). */
static int case_clone3_thread_signal(struct wl_result *res)
{
	struct clone_args ca;

	ca_init(&ca, CLONE_VM | CLONE_SIGHAND | CLONE_THREAD, SIGCHLD);
	ca.stack = (uintptr_t)thread_stack;
	ca.stack_size = sizeof(thread_stack);
	return clone3_fail(res, &ca, sizeof(ca));
}

/* V-04.10e: a stack size without a stack. */
static int case_clone3_stack_size_only(struct wl_result *res)
{
	struct clone_args ca;

	ca_init(&ca, 0, SIGCHLD);
	ca.stack_size = 4096;
	return clone3_fail(res, &ca, sizeof(ca));
}

/* V-04.10e: a stack range beyond user space. */
static int case_clone3_stack_kernel(struct wl_result *res)
{
	struct clone_args ca;

	ca_init(&ca, 0, SIGCHLD);
	ca.stack = 0xffff800000000000ULL;
	ca.stack_size = 4096;
	return clone3_fail(res, &ca, sizeof(ca));
}

/* V-05: legacy PIDFD|PARENT_SETTID share one pointer: always EINVAL. */
static int case_pidfd_parent_settid(struct wl_result *res)
{
	int fd = -1;

	return reap(res, raw_clone5(CLONE_PIDFD | CLONE_PARENT_SETTID | SIGCHLD, &fd, NULL, 0));
}

/* V-05 through clone3: the same address for pidfd and parent_tid. */
static int case_clone3_pidfd_same_ptr(struct wl_result *res)
{
	struct clone_args ca;
	int fd = -1;

	ca_init(&ca, CLONE_PIDFD | CLONE_PARENT_SETTID, SIGCHLD);
	ca.pidfd = ca.parent_tid = (uintptr_t)&fd;
	return clone3_fail(res, &ca, sizeof(ca));
}

/* V-05 before V-10: kernel_clone's check comes first. */
static int case_pidfd_settid_newns_fs(struct wl_result *res)
{
	int fd = -1;

	return reap(res, raw_clone5(CLONE_PIDFD | CLONE_PARENT_SETTID | CLONE_NEWNS |
					    CLONE_FS | SIGCHLD, &fd, NULL, 0));
}

/* V-10: NEWNS with FS. */
static int case_newns_fs(struct wl_result *res)
{
	return reap(res, raw_clone(CLONE_NEWNS | CLONE_FS | SIGCHLD));
}

/* V-10 before V-12: NEWNS|FS and THREAD without SIGHAND. */
static int case_newns_fs_thread(struct wl_result *res)
{
	return reap(res, raw_clone(CLONE_NEWNS | CLONE_FS | CLONE_THREAD | CLONE_VM));
}

/* V-11: NEWUSER with FS. */
static int case_newuser_fs(struct wl_result *res)
{
	return reap(res, raw_clone(CLONE_NEWUSER | CLONE_FS | SIGCHLD));
}

/* V-12 before V-13: THREAD alone lacks both SIGHAND and VM. */
static int case_thread_alone(struct wl_result *res)
{
	return reap(res, raw_clone(CLONE_THREAD));
}

/* V-15: THREAD with NEWPID. */
static int case_thread_newpid(struct wl_result *res)
{
	return do_clone_exit(res, CLONE_VM | CLONE_SIGHAND | CLONE_THREAD | CLONE_NEWPID,
			     NULL, NULL, 0);
}

/* V-15: THREAD with NEWUSER (through clone3). */
static int case_clone3_thread_newuser(struct wl_result *res)
{
	struct clone_args ca;

	ca_init(&ca, CLONE_VM | CLONE_SIGHAND | CLONE_THREAD | CLONE_NEWUSER, 0);
	ca.stack = (uintptr_t)thread_stack;
	ca.stack_size = sizeof(thread_stack);
	return do_clone3_exit(res, &ca, sizeof(ca));
}

/* V-17: PIDFD with DETACHED (legacy clone; clone3 refuses DETACHED first). */
static int case_pidfd_detached(struct wl_result *res)
{
	return reap(res, raw_clone(CLONE_PIDFD | CLONE_DETACHED | SIGCHLD));
}

/* V-34: NEWIPC with SYSVSEM as root -> EINVAL. */
static int case_newipc_sysvsem(struct wl_result *res)
{
	return reap(res, raw_clone(CLONE_NEWIPC | CLONE_SYSVSEM | SIGCHLD));
}

#define KERNEL_TLS 0xffff800000000000UL

/* V-36: SETTLS with a kernel address -> EPERM (x86_64). */
static int case_settls_kernel(struct wl_result *res)
{
	return reap(res, raw_clone5(CLONE_SETTLS | SIGCHLD, NULL, NULL, KERNEL_TLS));
}

/* V-34 before V-36: copy_namespaces runs before copy_thread. */
static int case_newipc_sysvsem_settls(struct wl_result *res)
{
	return reap(res, raw_clone5(CLONE_NEWIPC | CLONE_SYSVSEM | CLONE_SETTLS | SIGCHLD, NULL,
				    NULL, KERNEL_TLS));
}

/* V-36 before V-37: copy_thread runs before alloc_pid. */
static int case_clone3_settls_set_tid(struct wl_result *res)
{
	struct clone_args ca;
	pid_t tids[2] = { 1, 1 };

	ca_init(&ca, CLONE_SETTLS, SIGCHLD);
	ca.tls = KERNEL_TLS;
	ca.set_tid = (uintptr_t)tids;
	ca.set_tid_size = 2;
	return clone3_fail(res, &ca, sizeof(ca));
}

/* V-37: two set_tid levels for a child of the init pid ns (level 0). */
static int case_set_tid_levels(struct wl_result *res)
{
	struct clone_args ca;
	pid_t tids[2] = { 1, 1 };

	ca_init(&ca, 0, SIGCHLD);
	ca.set_tid = (uintptr_t)tids;
	ca.set_tid_size = 2;
	return clone3_fail(res, &ca, sizeof(ca));
}

/* V-38: a new pid ns has no reaper yet, so its first pid must be 1. */
static int case_set_tid_newpid_2(struct wl_result *res)
{
	struct clone_args ca;
	pid_t tids[1] = { 2 };

	ca_init(&ca, CLONE_NEWPID, SIGCHLD);
	ca.set_tid = (uintptr_t)tids;
	ca.set_tid_size = 1;
	return clone3_fail(res, &ca, sizeof(ca));
}

/* V-38: tid 0 is out of range. */
static int case_set_tid_zero(struct wl_result *res)
{
	struct clone_args ca;
	pid_t tids[1] = { 0 };

	ca_init(&ca, 0, SIGCHLD);
	ca.set_tid = (uintptr_t)tids;
	ca.set_tid_size = 1;
	return clone3_fail(res, &ca, sizeof(ca));
}

/* ------------------------------------------------ cases run by a helper */

/* V-14: CLONE_PARENT from the init of a new pid namespace. */
static int case_parent_from_ns_init(struct wl_result *res)
{
	struct helper_page *pg = mmap(NULL, sizeof(*pg), PROT_READ | PROT_WRITE,
				      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	long ret;

	if (pg == MAP_FAILED)
		return -errno;
	memset(pg, 0, sizeof(*pg));
	pg->r.ret = -ECHILD;
	ret = raw_clone(CLONE_NEWPID | SIGCHLD);
	if (ret == 0) {
		/* pid 1 of the new namespace: SIGNAL_UNKILLABLE */
		pg->r.ret = sysret(raw_clone(CLONE_PARENT | SIGCHLD));
		if (pg->r.ret == 0)
			_exit(0);
		_exit(0);
	}
	if (ret < 0) {
		res->ret = -errno;
		munmap(pg, sizeof(*pg));
		return 0;
	}
	wait_child((pid_t)ret);
	res->ret = pg->r.ret;
	munmap(pg, sizeof(*pg));
	return 0;
}

/* CLONE_PARENT from a child: the grandchild is ours to reap. */
static int helper_clone_parent(struct wl_result *out)
{
	long ret = raw_clone(CLONE_PARENT | SIGCHLD);

	if (ret == 0)
		_exit(0);
	out->ret = sysret(ret);
	out->child = ret > 0 ? (pid_t)ret : 0;
	return 0;
}

static int case_clone_parent(struct wl_result *res)
{
	int err = in_helper(res, helper_clone_parent);

	if (res->child > 0)
		wait_child(res->child);
	return err;
}

/* After unshare(CLONE_NEWPID) the active pid ns differs from the children's. */
static int helper_unshare_thread(struct wl_result *out)
{
	if (unshare(CLONE_NEWPID))
		return -errno;
	return do_clone_exit(out, CLONE_VM | CLONE_SIGHAND | CLONE_THREAD, NULL, NULL, 0);
}

static int helper_unshare_newpid(struct wl_result *out)
{
	if (unshare(CLONE_NEWPID))
		return -errno;
	return reap(out, raw_clone(CLONE_NEWPID | SIGCHLD));
}

/* Unprivileged: namespaces need CAP_SYS_ADMIN (V-34 EPERM). */
static int helper_nobody_newns(struct wl_result *out)
{
	int err = drop_to_nobody();

	return err ? err : reap(out, raw_clone(CLONE_NEWNS | SIGCHLD));
}

/* Unprivileged NEWIPC|SYSVSEM: EPERM wins over EINVAL. */
static int helper_nobody_newipc_sysvsem(struct wl_result *out)
{
	int err = drop_to_nobody();

	return err ? err : reap(out, raw_clone(CLONE_NEWIPC | CLONE_SYSVSEM | SIGCHLD));
}

/* Unprivileged NEWUSER|NEWNET: the capability is checked in the new user ns. */
static int helper_nobody_newuser_newnet(struct wl_result *out)
{
	int err = drop_to_nobody();

	return err ? err : reap(out, raw_clone(CLONE_NEWUSER | CLONE_NEWNET | SIGCHLD));
}

/* RLIMIT_NPROC 1 as nobody: the helper itself is the one task allowed. */
static int helper_nproc(struct wl_result *out)
{
	struct rlimit rl = { 1, 1 };

	if (setrlimit(RLIMIT_NPROC, &rl))
		return -errno;
	if (drop_to_nobody())
		return -errno;
	return helper_fork(out);
}

/* Scheduler: the helper takes a policy, then forks. */
static int helper_fifo(struct wl_result *out)
{
	int err = set_policy(SCHED_FIFO, 10);

	return err ? err : helper_fork(out);
}

static int helper_fifo_reset(struct wl_result *out)
{
	int err = set_policy(SCHED_FIFO | SCHED_RESET_ON_FORK, 10);

	return err ? err : helper_fork(out);
}

static int helper_rr(struct wl_result *out)
{
	int err = set_policy(SCHED_RR, 20);

	return err ? err : helper_fork(out);
}

static int helper_rr_reset(struct wl_result *out)
{
	int err = set_policy(SCHED_RR | SCHED_RESET_ON_FORK, 20);

	return err ? err : helper_fork(out);
}

static int helper_nice(struct wl_result *out)
{
	if (setpriority(PRIO_PROCESS, 0, -5))
		return -errno;
	return helper_fork(out);
}

static int helper_nice_reset(struct wl_result *out)
{
	int err;

	if (setpriority(PRIO_PROCESS, 0, -5))
		return -errno;
	err = set_policy(SCHED_OTHER | SCHED_RESET_ON_FORK, 0);
	return err ? err : helper_fork(out);
}

static int helper_batch(struct wl_result *out)
{
	int err = set_policy(SCHED_BATCH, 0);

	return err ? err : helper_fork(out);
}

static int helper_idle(struct wl_result *out)
{
	int err = set_policy(SCHED_IDLE, 0);

	return err ? err : helper_fork(out);
}

static int helper_deadline(struct wl_result *out)
{
	int err = set_deadline(false);

	return err ? err : helper_fork(out);
}

static int helper_deadline_reset(struct wl_result *out)
{
	int err = set_deadline(true);

	return err ? err : helper_fork(out);
}

/* V-27 before V-34: sched_fork runs before copy_namespaces. */
static int helper_deadline_newipc_sysvsem(struct wl_result *out)
{
	int err = set_deadline(false);

	return err ? err : reap(out, raw_clone(CLONE_NEWIPC | CLONE_SYSVSEM | SIGCHLD));
}

/* A DL thread's CLONE_THREAD fails the same way. */
static int helper_deadline_thread(struct wl_result *out)
{
	int err = set_deadline(false);

	return err ? err : do_clone_exit(out, CLONE_VM | CLONE_SIGHAND | CLONE_THREAD,
					 NULL, NULL, 0);
}

/* CPU affinity: the child's CPU must be the one CPU its parent allows. */
static int helper_affinity_one(struct wl_result *out)
{
	cpu_set_t set;
	int last = -1;

	if (sched_getaffinity(0, sizeof(set), &set))
		return -errno;
	for (int c = 0; c < CPU_SETSIZE; c++)
		if (CPU_ISSET(c, &set))
			last = c;
	if (last < 0)
		return -EINVAL;
	CPU_ZERO(&set);
	CPU_SET(last, &set);
	if (sched_setaffinity(0, sizeof(set), &set))
		return -errno;
	return helper_fork(out);
}

/* A thread of a pinned helper: CLONE_THREAD keeps the calling thread's mask. */
static int helper_affinity_thread(struct wl_result *out)
{
	cpu_set_t set;

	if (sched_getaffinity(0, sizeof(set), &set))
		return -errno;
	for (int c = 0; c < CPU_SETSIZE; c++)
		if (CPU_ISSET(c, &set)) {
			CPU_ZERO(&set);
			CPU_SET(c, &set);
			break;
		}
	if (sched_setaffinity(0, sizeof(set), &set))
		return -errno;
	return do_clone_exit(out, CLONE_VM | CLONE_SIGHAND | CLONE_THREAD, NULL, NULL, 0);
}

/* io_context with a valid ioprio: a fork copies it, CLONE_IO shares it. */
#define WL_IOPRIO_BE4 ((2 << 13) | 4)	/* IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4) */

static int helper_ioprio_fork(struct wl_result *out)
{
	if (syscall(SYS_ioprio_set, 1 /* IOPRIO_WHO_PROCESS */, 0, WL_IOPRIO_BE4))
		return -errno;
	return helper_fork(out);
}

static int helper_ioprio_clone_io(struct wl_result *out)
{
	if (syscall(SYS_ioprio_set, 1, 0, WL_IOPRIO_BE4))
		return -errno;
	return reap(out, raw_clone(CLONE_IO | SIGCHLD));
}

/* --------------------------------------------------------------- cgroups */

/*
 * Where the cgroup hierarchies are: the first cgroup2 mount and the first
 * cgroup v1 mount with the pids controller, from /proc/self/mountinfo.
 * With no cgroup2 mount at all (a bare initramfs), one is mounted on a
 * private directory for the run and taken down by workload_run().
 */
static char cg2_root[200], cg1_pids[200], cg2_private[64];

static void cg_find_mounts(void)
{
	FILE *f = fopen("/proc/self/mountinfo", "r");
	char line[1024];

	cg2_root[0] = cg1_pids[0] = '\0';
	while (f && fgets(line, sizeof(line), f)) {
		char mnt[200], fstype[32], opts[512];
		const char *sep = strstr(line, " - ");

		/* "id parent maj:min root mountpoint opts ... - fstype source superopts" */
		if (!sep || sscanf(line, "%*s %*s %*s %*s %199s", mnt) != 1 ||
		    sscanf(sep + 3, "%31s %*s %511s", fstype, opts) != 2)
			continue;
		if (!cg2_root[0] && !strcmp(fstype, "cgroup2"))
			snprintf(cg2_root, sizeof(cg2_root), "%s", mnt);
		if (!cg1_pids[0] && !strcmp(fstype, "cgroup") &&
		    (strstr(opts, ",pids") || !strncmp(opts, "pids", 4)))
			snprintf(cg1_pids, sizeof(cg1_pids), "%s", mnt);
	}
	if (f)
		fclose(f);
	if (cg2_root[0])
		return;
	snprintf(cg2_private, sizeof(cg2_private), "/tmp/clonecheck-cg2-XXXXXX");
	if (!mkdtemp(cg2_private)) {
		cg2_private[0] = '\0';
		return;
	}
	if (mount("cgroup2", cg2_private, "cgroup2", 0, NULL)) {
		rmdir(cg2_private);
		cg2_private[0] = '\0';
		return;
	}
	snprintf(cg2_root, sizeof(cg2_root), "%s", cg2_private);
}

static void cg_unmount_private(void)
{
	if (!cg2_private[0])
		return;
	umount2(cg2_private, MNT_DETACH);
	rmdir(cg2_private);
	cg2_private[0] = '\0';
}

#define CG2_ROOT cg2_root

static void cg_path(char *buf, size_t len, const char *root, const char *what)
{
	snprintf(buf, len, "%s/clonecheck-wl-%d-%s", root, (int)getpid(), what);
}

/* rmdir, retrying while the last task's css_set is still being released. */
static int cg_remove(const char *path)
{
	struct timespec ms = { 0, 1000000 };

	for (int i = 0; i < 1000; i++) {
		if (!rmdir(path) || errno == ENOENT)
			return 0;
		if (errno != EBUSY)
			return -errno;
		nanosleep(&ms, NULL);
	}
	return -EBUSY;
}

static int write_str(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;
	int err = 0;

	if (fd < 0)
		return -errno;
	n = write(fd, s, strlen(s));
	if (n < 0)
		err = -errno;
	close(fd);
	return err;
}

/* clone3 INTO_CGROUP into a fresh cgroup v2 directory. */
static int case_into_cgroup(struct wl_result *res)
{
	char path[256];
	struct clone_args ca;
	int fd, err;

	if (!CG2_ROOT[0])
		return -ENOENT;
	cg_path(path, sizeof(path), CG2_ROOT, "into");
	if (mkdir(path, 0755) && errno != EEXIST)
		return -errno;
	fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		err = -errno;
		cg_remove(path);
		return err;
	}
	ca_init(&ca, CLONE_INTO_CGROUP, SIGCHLD);
	ca.cgroup = (uint64_t)fd;
	do_clone3_exit(res, &ca, sizeof(ca));
	close(fd);
	return cg_remove(path);
}

/* INTO_CGROUP with an fd that is not a cgroup directory -> EBADF. */
static int case_into_cgroup_ebadf(struct wl_result *res)
{
	struct clone_args ca;
	int fd = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	ca_init(&ca, CLONE_INTO_CGROUP, SIGCHLD);
	ca.cgroup = (uint64_t)fd;
	do_clone3_exit(res, &ca, sizeof(ca));
	close(fd);
	return 0;
}

/* INTO_CGROUP into a removed cgroup -> ENOENT (errata X-1). */
static int case_into_cgroup_removed(struct wl_result *res)
{
	char path[256];
	struct clone_args ca;
	int fd, err;

	if (!CG2_ROOT[0])
		return -ENOENT;
	cg_path(path, sizeof(path), CG2_ROOT, "gone");
	if (mkdir(path, 0755) && errno != EEXIST)
		return -errno;
	fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	err = fd < 0 ? -errno : cg_remove(path);
	if (err) {
		if (fd >= 0)
			close(fd);
		cg_remove(path);
		return err;
	}
	ca_init(&ca, CLONE_INTO_CGROUP, SIGCHLD);
	ca.cgroup = (uint64_t)fd;
	do_clone3_exit(res, &ca, sizeof(ca));
	close(fd);
	return 0;
}

/*
 * pids.max 1: the helper is the cgroup's one task, so its fork is refused
 * (V-43, EAGAIN).  The v1 pids hierarchy if mounted, else cgroup v2, where
 * the controller must be enabled in the root's subtree_control (done for the
 * case and undone after, if it was not on already).
 */
static char pids_root[200], pids_cg[256];

static int helper_pids_max(struct wl_result *out)
{
	char procs[300];
	int err;

	snprintf(procs, sizeof(procs), "%s/cgroup.procs", pids_cg);
	err = write_str(procs, "0");
	if (err)
		return err;
	helper_fork(out);
	/* back to the root so that the directory can go */
	snprintf(procs, sizeof(procs), "%s/cgroup.procs", pids_root);
	return write_str(procs, "0");
}

/* Is word a whole word of the one-line file path? */
static bool file_has_word(const char *path, const char *word)
{
	char buf[512], *save = NULL;
	FILE *f = fopen(path, "r");
	bool found = false;

	if (!f)
		return false;
	if (fgets(buf, sizeof(buf), f))
		for (char *w = strtok_r(buf, " \n", &save); w && !found;
		     w = strtok_r(NULL, " \n", &save))
			found = !strcmp(w, word);
	fclose(f);
	return found;
}

static int case_pids_max(struct wl_result *res)
{
	char max[300], ctl[300];
	bool enabled = false;
	int err, err2;

	if (cg1_pids[0]) {
		snprintf(pids_root, sizeof(pids_root), "%s", cg1_pids);
	} else if (cg2_root[0]) {
		snprintf(pids_root, sizeof(pids_root), "%s", cg2_root);
		snprintf(ctl, sizeof(ctl), "%s/cgroup.subtree_control", pids_root);
		if (!file_has_word(ctl, "pids")) {
			err = write_str(ctl, "+pids");
			if (err)
				return err;
			enabled = true;
		}
	} else {
		return -ENOENT;
	}
	cg_path(pids_cg, sizeof(pids_cg), pids_root, "pids");
	if (mkdir(pids_cg, 0755) && errno != EEXIST)
		return -errno;
	snprintf(max, sizeof(max), "%s/pids.max", pids_cg);
	err = write_str(max, "1");
	if (!err)
		err = in_helper(res, helper_pids_max);
	err2 = cg_remove(pids_cg);
	if (enabled && write_str(ctl, "-pids") && !err2)
		err2 = -EBUSY;
	return err ? err : err2;
}

static const struct wl_case cases[] = {
	/* entry points (the first eight are live_clone.c's) */
	{ "raw_fork", "fork(2) as a raw syscall (clone(SIGCHLD) on arm64)", 0, "R-25",
	  .fn = case_raw_fork },
	{ "glibc_fork", "glibc fork(): clone(CHILD_SETTID|CHILD_CLEARTID|SIGCHLD)", 0, "R-37",
	  .fn = case_glibc_fork },
	{ "vfork", "vfork(): the parent sleeps until the child exits", 0, "R-04",
	  .fn = case_vfork },
	{ "pthread_create", "glibc pthread_create(): clone3 with the thread flags", 0, "R-22",
	  .fn = case_pthread },
	{ "clone3_thread", "raw clone3 VM|FS|FILES|SIGHAND|THREAD|SYSVSEM", 0, "R-13",
	  .fn = case_clone3_thread },
	{ "sighand_no_vm", "clone(CLONE_SIGHAND) without CLONE_VM: EINVAL", EINVAL, "V-13",
	  .fn = case_sighand_without_vm },
	{ "thread_no_sighand", "clone(CLONE_THREAD|CLONE_VM) without SIGHAND: EINVAL", EINVAL,
	  "V-12", .fn = case_thread_without_sighand },
	{ "clone3_size_56", "clone3 with size 56 < 64: EINVAL", EINVAL, "V-04",
	  .fn = case_clone3_too_small },
	{ "clone_tids", "legacy clone, arch order: PARENT_SETTID, CHILD_SETTID|CLEARTID", 0,
	  "R-38", .fn = case_clone_tids },
	{ "clone3_size_64", "clone3 fork with a VER0 struct (64 bytes)", 0, "R-25",
	  .fn = case_clone3_64 },
	{ "clone3_size_80", "clone3 fork with a VER1 struct (80 bytes)", 0, "R-25",
	  .fn = case_clone3_80 },
	{ "clone3_size_88", "clone3 fork with a VER2 struct (88 bytes)", 0, "R-25",
	  .fn = case_clone3_88 },
	{ "clone3_size_4096", "clone3 with 4096 bytes, zero past 88: accepted", 0, "R-25",
	  .fn = case_clone3_big_zero },
	{ "thread_in_thread", "a pthread that calls pthread_create", 0, "R-13",
	  .fn = case_thread_in_thread },
	{ "posix_spawn", "glibc posix_spawn of itself (exits at once): clone3 VM|VFORK", 0, "R-04",
	  .fn = case_posix_spawn },
	/* flags one by one */
	{ "flag_vm", "clone(VM|SIGCHLD): mm shared, sigaltstack reset", 0, "R-02",
	  .flags = CLONE_VM | SIGCHLD },
	{ "flag_fs", "clone(FS|SIGCHLD): fs shared", 0, "R-09", .flags = CLONE_FS | SIGCHLD },
	{ "flag_files", "clone(FILES|SIGCHLD): files shared", 0, "R-08",
	  .flags = CLONE_FILES | SIGCHLD },
	{ "flag_sighand", "clone(VM|SIGHAND|SIGCHLD): sighand shared", 0, "R-12",
	  .flags = CLONE_VM | CLONE_SIGHAND | SIGCHLD },
	/* Legacy CLONE_THREAD: the exit signal given is ignored (exit_signal -1). */
	{ "flag_thread", "clone(VM|SIGHAND|THREAD|SIGCHLD): signal ignored, same tgid", 0,
	  "R-24", .flags = CLONE_VM | CLONE_SIGHAND | CLONE_THREAD | SIGCHLD },
	{ "flag_sysvsem", "clone(SYSVSEM|SIGCHLD): undo list shared", 0, "R-10",
	  .flags = CLONE_SYSVSEM | SIGCHLD },
	{ "flag_settls", "clone(SETTLS|SIGCHLD): the child's TLS base is tls", 0, "R-35",
	  .fn = case_settls },
	{ "flag_parent_settid", "clone(PARENT_SETTID|SIGCHLD)", 0, "R-34",
	  .fn = case_parent_settid },
	{ "flag_child_settid", "clone(CHILD_SETTID|SIGCHLD): set_child_tid", 0, "R-37",
	  .fn = case_child_settid },
	{ "flag_child_cleartid", "clone(CHILD_CLEARTID|SIGCHLD): clear_child_tid", 0, "R-38",
	  .fn = case_child_cleartid },
	{ "flag_pidfd", "clone(PIDFD|SIGCHLD): the fd comes back in parent_tid", 0, "R-34",
	  .fn = case_pidfd },
	/* Legacy CLONE_VFORK|CLONE_VM: we sleep until the child has exited. */
	{ "flag_vfork", "clone(VFORK|VM|SIGCHLD): vfork_done set", 0, "R-04",
	  .flags = CLONE_VFORK | CLONE_VM | SIGCHLD },
	{ "flag_io", "clone(IO|SIGCHLD) without an io_context", 0, "R-11",
	  .flags = CLONE_IO | SIGCHLD },
	{ "flag_untraced", "clone(UNTRACED|SIGCHLD)", 0, "R-40",
	  .flags = CLONE_UNTRACED | SIGCHLD },
	/* CLONE_PTRACE while nobody traces us: nothing attaches. */
	{ "flag_ptrace", "clone(PTRACE|SIGCHLD) while untraced: nothing attaches", 0, "R-40",
	  .flags = CLONE_PTRACE | SIGCHLD },
	{ "clone_pthread_flags", "legacy clone with glibc's thread flags and SETTLS", 0,
	  "R-35", .fn = case_clone_pthread_flags },
	{ "clone3_clear_sighand", "clone3 CLEAR_SIGHAND: a new sighand", 0, "R-12",
	  .fn = case_clone3_clear_sighand },
	{ "clone3_pidfd", "clone3 PIDFD with its own pidfd field", 0, "R-34",
	  .fn = case_clone3_pidfd },
	{ "clone3_pidfd_thread", "clone3 PIDFD|THREAD: a thread pidfd (6.9+)", 0, "R-24",
	  .fn = case_clone3_pidfd_thread },
	{ "clone3_vfork", "clone3 VM|VFORK on its own stack", 0, "R-04", .fn = case_clone3_vfork },
	/* exit signals */
	/* Legacy clone with exit signal 0: nobody is signalled, __WALL reaps. */
	{ "exit_signal_0", "legacy clone, exit signal 0", 0, "R-25", .flags = 0 },
	{ "exit_signal_usr1", "legacy clone, exit signal SIGUSR1 (blocked, drained)", 0,
	  "R-25", .fn = case_exit_signal_usr1 },
	/* Legacy clone: exit signal 200 (> _NSIG) is stored as-is; none is sent. */
	{ "exit_signal_200", "legacy clone, exit signal 200 stored as-is", 0, "R-25",
	  .flags = 200 },
	{ "clone3_exit_signal_0", "clone3, exit signal 0", 0, "R-25",
	  .fn = case_clone3_exit_signal_0 },
	{ "clone3_exit_signal_64", "clone3, exit signal 64 = _NSIG (blocked, drained)", 0,
	  "R-25", .fn = case_clone3_exit_signal_64 },
	/* namespaces (root) */
	{ "ns_mnt", "clone(NEWNS)", 0, "R-21", .flags = CLONE_NEWNS | SIGCHLD },
	{ "ns_uts", "clone(NEWUTS)", 0, "R-21", .flags = CLONE_NEWUTS | SIGCHLD },
	{ "ns_ipc", "clone(NEWIPC)", 0, "R-21", .flags = CLONE_NEWIPC | SIGCHLD },
	{ "ns_pid", "clone(NEWPID): the child is pid 1 there, unkillable", 0, "R-21",
	  .flags = CLONE_NEWPID | SIGCHLD },
	{ "ns_net", "clone(NEWNET)", 0, "R-21", .flags = CLONE_NEWNET | SIGCHLD },
	{ "ns_cgroup", "clone(NEWCGROUP)", 0, "R-21", .flags = CLONE_NEWCGROUP | SIGCHLD },
	{ "ns_user", "clone(NEWUSER): full capabilities in the new user ns", 0, "R-22",
	  .flags = CLONE_NEWUSER | SIGCHLD },
	/* All namespaces at once (legacy clone has no NEWTIME: its bit is CSIGNAL). */
	{ "ns_all", "clone with every legacy namespace flag", 0, "R-21",
	  .flags = CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWPID | CLONE_NEWNET |
		   CLONE_NEWCGROUP | CLONE_NEWUSER | SIGCHLD },
	{ "ns_time", "clone3(NEWTIME)", 0, "R-21", .fn = case_clone3_newtime },
	{ "ns_time_vm", "clone3(NEWTIME|VM): time ns switches only at exec", 0, "R-21",
	  .fn = case_clone3_newtime_vm },
	{ "set_tid_newpid", "clone3 NEWPID, set_tid {1}", 0, "R-21", .fn = case_set_tid_newpid },
	{ "set_tid_eexist", "clone3 NEWPID, set_tid {1, our pid}: EEXIST", EEXIST, "V-38",
	  .fn = case_set_tid_eexist },
	/* clone3 argument errors (V-04), in the order they are checked */
	{ "clone3_e2big_size", "clone3 size 4097 with a bad pointer: E2BIG first", E2BIG,
	  "V-04", .fn = case_clone3_e2big_size },
	{ "clone3_small_efault", "clone3 size 56 with a bad pointer: EINVAL before EFAULT",
	  EINVAL, "V-04",
	  .fn = case_clone3_small_efault },
	{ "clone3_e2big_tail", "clone3 size 96, a non-zero byte past 88: E2BIG", E2BIG,
	  "V-04", .fn = case_clone3_e2big_tail },
	{ "clone3_efault", "clone3 struct unreadable: EFAULT", EFAULT, "V-04",
	  .fn = case_clone3_efault },
	{ "clone3_set_tid_33", "clone3 set_tid_size 33: EINVAL", EINVAL, "V-04",
	  .fn = case_clone3_set_tid_33 },
	{ "clone3_set_tid_null", "clone3 set_tid_size 1, set_tid NULL: EINVAL", EINVAL, "V-04",
	  .fn = case_clone3_set_tid_null },
	{ "clone3_set_tid_nosize", "clone3 set_tid without a size: EINVAL", EINVAL, "V-04",
	  .fn = case_clone3_set_tid_nosize },
	{ "clone3_exit_signal_65", "clone3 exit signal 65 > _NSIG: EINVAL", EINVAL, "V-04",
	  .fn = case_clone3_exit_signal_65 },
	{ "clone3_cgroup_size80", "clone3 INTO_CGROUP with a VER1 struct: EINVAL", EINVAL,
	  "V-04", .fn = case_clone3_cgroup_size80 },
	{ "clone3_set_tid_efault", "clone3 set_tid unreadable and DETACHED: EFAULT first",
	  EFAULT, "V-04",
	  .fn = case_clone3_set_tid_efault },
	{ "clone3_unknown_flag", "clone3 flag bit 40: EINVAL", EINVAL, "V-04",
	  .fn = case_clone3_unknown_flag },
	{ "clone3_detached", "clone3 DETACHED: EINVAL", EINVAL, "V-04",
	  .fn = case_clone3_detached },
	{ "clone3_sighand_clear", "clone3 SIGHAND with CLEAR_SIGHAND: EINVAL", EINVAL, "V-04",
	  .fn = case_clone3_sighand_clear },
	{ "clone3_thread_signal", "clone3 THREAD with exit signal SIGCHLD: EINVAL", EINVAL,
	  "V-04", .fn = case_clone3_thread_signal },
	{ "clone3_stack_size_only", "clone3 stack_size without a stack: EINVAL", EINVAL,
	  "V-04", .fn = case_clone3_stack_size_only },
	{ "clone3_stack_kernel", "clone3 stack in kernel space: EINVAL", EINVAL, "V-04",
	  .fn = case_clone3_stack_kernel },
	/* kernel_clone and copy_process errors, with precedence */
	{ "pidfd_parent_settid", "clone PIDFD|PARENT_SETTID (one pointer): EINVAL", EINVAL,
	  "V-05", .fn = case_pidfd_parent_settid },
	{ "clone3_pidfd_same_ptr", "clone3 PIDFD|PARENT_SETTID, same pointer: EINVAL", EINVAL,
	  "V-05", .fn = case_clone3_pidfd_same_ptr },
	{ "pidfd_settid_newns_fs", "PIDFD|PARENT_SETTID|NEWNS|FS: V-05 before V-10", EINVAL,
	  "V-05", .fn = case_pidfd_settid_newns_fs },
	{ "newns_fs", "clone NEWNS|FS: EINVAL", EINVAL, "V-10", .fn = case_newns_fs },
	{ "newns_fs_thread", "NEWNS|FS|THREAD|VM: V-10 before V-12", EINVAL, "V-10",
	  .fn = case_newns_fs_thread },
	{ "newuser_fs", "clone NEWUSER|FS: EINVAL", EINVAL, "V-11", .fn = case_newuser_fs },
	{ "thread_alone", "clone THREAD alone: V-12 before V-13", EINVAL, "V-12",
	  .fn = case_thread_alone },
	{ "parent_from_ns_init", "CLONE_PARENT from a pid ns init: EINVAL", EINVAL, "V-14",
	  .fn = case_parent_from_ns_init },
	{ "thread_newpid", "clone VM|SIGHAND|THREAD|NEWPID: EINVAL", EINVAL, "V-15",
	  .fn = case_thread_newpid },
	{ "clone3_thread_newuser", "clone3 VM|SIGHAND|THREAD|NEWUSER: EINVAL", EINVAL, "V-15",
	  .fn = case_clone3_thread_newuser },
	{ "unshared_pidns_thread", "THREAD after unshare(NEWPID) (helper): EINVAL", EINVAL,
	  "V-15", .helper = helper_unshare_thread },
	{ "pidfd_detached", "clone PIDFD|DETACHED: EINVAL", EINVAL, "V-17",
	  .fn = case_pidfd_detached },
	{ "rlimit_nproc", "fork as nobody with RLIMIT_NPROC 1 (helper): EAGAIN", EAGAIN, "V-23",
	  .helper = helper_nproc },
	{ "newipc_sysvsem", "clone NEWIPC|SYSVSEM as root: EINVAL", EINVAL, "V-34",
	  .fn = case_newipc_sysvsem },
	{ "nobody_newns", "clone NEWNS as nobody (helper): EPERM", EPERM, "V-34",
	  .helper = helper_nobody_newns },
	{ "nobody_newipc_sysvsem", "NEWIPC|SYSVSEM as nobody: EPERM before EINVAL", EPERM,
	  "V-34", .helper = helper_nobody_newipc_sysvsem },
	{ "nobody_newuser_newnet", "NEWUSER|NEWNET as nobody: allowed", 0, "R-21",
	  .helper = helper_nobody_newuser_newnet },
	{ "unshared_pidns_newpid", "NEWPID after unshare(NEWPID) (helper): EINVAL", EINVAL,
	  "V-34", .helper = helper_unshare_newpid },
	{ "settls_kernel", "clone SETTLS with a kernel address: EPERM", EPERM, "V-36",
	  .fn = case_settls_kernel },
	{ "newipc_sysvsem_settls", "NEWIPC|SYSVSEM|SETTLS(kernel): V-34 before V-36", EINVAL,
	  "V-34", .fn = case_newipc_sysvsem_settls },
	{ "clone3_settls_set_tid", "SETTLS(kernel) and 2 set_tid levels: V-36 before V-37",
	  EPERM, "V-36",
	  .fn = case_clone3_settls_set_tid },
	{ "set_tid_levels", "clone3 2 set_tid levels at level 0: EINVAL", EINVAL, "V-37",
	  .fn = case_set_tid_levels },
	{ "set_tid_newpid_2", "clone3 NEWPID, set_tid {2}: no reaper yet, EINVAL", EINVAL,
	  "V-38", .fn = case_set_tid_newpid_2 },
	{ "set_tid_zero", "clone3 set_tid {0}: EINVAL", EINVAL, "V-38", .fn = case_set_tid_zero },
	/* the parent's tree, cgroups, io */
	{ "clone_parent", "CLONE_PARENT from a helper: our grandchild is our child", 0,
	  "R-25", .fn = case_clone_parent },
	{ "ioprio_fork", "fork of a helper with ioprio BE/4: a new io_context", 0, "R-11",
	  .helper = helper_ioprio_fork },
	{ "ioprio_clone_io", "clone(IO) of a helper with ioprio BE/4: shared", 0, "R-11",
	  .helper = helper_ioprio_clone_io },
	{ "into_cgroup", "clone3 INTO_CGROUP into a new cgroup v2", 0, "R-24",
	  .fn = case_into_cgroup },
	{ "into_cgroup_ebadf", "clone3 INTO_CGROUP with an fd of /: EBADF", EBADF, "V-42",
	  .fn = case_into_cgroup_ebadf },
	{ "into_cgroup_removed", "clone3 INTO_CGROUP, cgroup removed: ENOENT", ENOENT, "V-42",
	  .fn = case_into_cgroup_removed },
	{ "pids_max", "fork in a v1 pids cgroup with pids.max 1 (helper): EAGAIN", EAGAIN,
	  "V-23", .fn = case_pids_max },
	/* scheduler (helpers) */
	{ "sched_fifo", "SCHED_FIFO 10 parent: inherited", 0, "S-02", .helper = helper_fifo },
	{ "sched_fifo_reset", "SCHED_FIFO|RESET_ON_FORK parent: child NORMAL", 0, "S-04",
	  .helper = helper_fifo_reset },
	{ "sched_rr", "SCHED_RR 20 parent: inherited", 0, "S-02", .helper = helper_rr },
	{ "sched_rr_reset", "SCHED_RR|RESET_ON_FORK parent: child NORMAL", 0, "S-04",
	  .helper = helper_rr_reset },
	{ "sched_nice", "nice -5 parent: inherited", 0, "S-02", .helper = helper_nice },
	{ "sched_nice_reset", "nice -5 with RESET_ON_FORK: child nice 0", 0, "S-04",
	  .helper = helper_nice_reset },
	{ "sched_batch", "SCHED_BATCH parent", 0, "S-02", .helper = helper_batch },
	{ "sched_idle", "SCHED_IDLE parent", 0, "S-02", .helper = helper_idle },
	{ "sched_deadline", "SCHED_DEADLINE parent: EAGAIN", EAGAIN, "V-27",
	  .helper = helper_deadline },
	{ "sched_deadline_reset", "SCHED_DEADLINE with RESET_ON_FORK: child NORMAL", 0,
	  "S-04", .helper = helper_deadline_reset },
	{ "sched_deadline_newipc", "DL parent, NEWIPC|SYSVSEM: V-27 before V-34", EAGAIN,
	  "V-27", .helper = helper_deadline_newipc_sysvsem },
	{ "sched_deadline_thread", "DL parent, CLONE_THREAD: EAGAIN", EAGAIN, "V-27",
	  .helper = helper_deadline_thread },
	{ "affinity_one_cpu", "parent pinned to one CPU: the child runs there", 0, "S-10",
	  .helper = helper_affinity_one },
	{ "affinity_thread", "pinned parent, CLONE_THREAD: mask copied", 0, "R-42",
	  .helper = helper_affinity_thread },
};

const struct wl_case *workload_cases(size_t *n)
{
	*n = sizeof(cases) / sizeof(cases[0]);
	return cases;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* One case: its function, or its helper in a forked process, or its flags. */
static int run_case(const struct wl_case *c, struct wl_result *res)
{
	if (c->fn)
		return c->fn(res);
	if (c->helper)
		return in_helper(res, c->helper);
	return case_flag(res, c->flags);
}

int workload_run(struct wl_result *res)
{
	size_t n;
	const struct wl_case *c = workload_cases(&n);
	int err = 0;

	cg_find_mounts();
	for (size_t i = 0; i < n && !err; i++) {
		memset(&res[i], 0, sizeof(res[i]));
		res[i].t_start = now_ns();
		err = run_case(&c[i], &res[i]);
		res[i].t_end = now_ns();
		if (err)
			log_error("workload case %s could not run: %s", c[i].name, strerror(-err));
		else
			res[i].done = 1;
	}
	cg_unmount_private();
	return err;
}

int workload_case_at(const struct wl_result *res, uint64_t ts_ns)
{
	size_t n;

	workload_cases(&n);
	for (size_t i = 0; i < n; i++)
		if (res[i].done && res[i].t_start <= ts_ns && ts_ns <= res[i].t_end)
			return (int)i;
	return -1;
}
