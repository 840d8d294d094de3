// SPDX-License-Identifier: GPL-2.0
/*
 * workload.c - the built-in cases.  Each makes exactly one creating syscall
 * from the calling thread (pthread_create: from glibc, also one clone3),
 * waits for what it created, and leaves nothing behind.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/sched.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/futex.h>

#include "workload.h"

/* Raw legacy clone with a NULL stack: the child continues on a copy of ours. */
static long raw_clone(unsigned long flags)
{
#if defined(__x86_64__)
	/* x86-64: (flags, newsp, parent_tid, child_tid, tls) */
	return syscall(SYS_clone, flags, 0UL, NULL, NULL, 0UL);
#else
	/* CLONE_BACKWARDS arches: (flags, newsp, parent_tid, tls, child_tid) */
	return syscall(SYS_clone, flags, 0UL, NULL, 0UL, NULL);
#endif
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

static const struct wl_case cases[] = {
	{ "raw_fork", "fork(2) as a raw syscall (clone(SIGCHLD) on arm64)", 0, "V-01",
	  case_raw_fork },
	{ "glibc_fork", "glibc fork(): clone(CHILD_SETTID|CHILD_CLEARTID|SIGCHLD)", 0, "V-03",
	  case_glibc_fork },
	{ "vfork", "vfork(): the parent sleeps until the child exits", 0, "V-02", case_vfork },
	{ "pthread_create", "glibc pthread_create(): clone3 with the thread flags", 0, "V-04",
	  case_pthread },
	{ "clone3_thread", "raw clone3 VM|FS|FILES|SIGHAND|THREAD|SYSVSEM", 0, "R-13",
	  case_clone3_thread },
	{ "sighand_no_vm", "clone(CLONE_SIGHAND) without CLONE_VM: EINVAL", EINVAL, "V-13",
	  case_sighand_without_vm },
	{ "thread_no_sighand", "clone(CLONE_THREAD|CLONE_VM) without SIGHAND: EINVAL", EINVAL,
	  "V-12", case_thread_without_sighand },
	{ "clone3_size_56", "clone3 with size 56 < 64: EINVAL", EINVAL, "V-04",
	  case_clone3_too_small },
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

int workload_run(struct wl_result *res)
{
	size_t n;
	const struct wl_case *c = workload_cases(&n);

	for (size_t i = 0; i < n; i++) {
		int err;

		memset(&res[i], 0, sizeof(res[i]));
		res[i].t_start = now_ns();
		err = c[i].fn(&res[i]);
		res[i].t_end = now_ns();
		if (err)
			return err;
		res[i].done = 1;
	}
	return 0;
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
