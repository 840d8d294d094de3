// SPDX-License-Identifier: GPL-2.0
/*
 * workload.c - the built-in cases and their runner.  A case is a row: the
 * creating call it is about (struct wl_call), what prepares the caller
 * (struct wl_setup: wl_helper.c, wl_cgroup.c, or the two below), and
 * whether a forked helper makes it.  The runner makes each call, waits for
 * everything it created and undoes what the setup did; a helper changes
 * only itself.  Five cases with a libc entry point have a body of their own.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/sched.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "wl_cgroup.h"
#include "wl_helper.h"
#include "wl_inject.h"
#include "wl_kmade.h"
#include "wl_sysctl.h"
#include "inject_plan.h"
#include "wl_sys.h"

/* ------------------------------------------------------------ the call */

static char case_stack[64 * 1024] __attribute__((aligned(16)));
static int32_t tid_word[2];	/* what parent_tid and child_tid point at */
static int pidfd_word;		/* what pidfd points at */

static uint64_t addr_of(enum wl_ptr p, void *mem)
{
	return p == WL_MEM ? (uintptr_t)mem : p == WL_BAD ? 8 : 0;
}

static long call_clone(const struct wl_call *k)
{
	uint64_t sp = k->stack_at == WL_MEM ? (uintptr_t)(case_stack + sizeof(case_stack)) : k->stack;
	uint64_t tls = k->tls_at == WL_MEM ? (uintptr_t)(case_stack + 4096) : k->tls;
	/* legacy CLONE_PIDFD returns the fd through parent_tid */
	uint64_t ptid = k->pidfd ? addr_of(k->pidfd, &pidfd_word) : addr_of(k->ptid, &tid_word[0]);

	return wl_clone_exit(k->flags, sp, (void *)(uintptr_t)ptid,
			     (void *)(uintptr_t)addr_of(k->ctid, &tid_word[1]), tls);
}

static long call_clone3(const struct wl_call *k)
{
	static uint64_t buf[512];	/* PAGE_SIZE: clone3's largest struct */
	static pid_t tids[33];		/* MAX_PID_NS_LEVEL + 1 */
	struct clone_args ca = {
		.flags = k->flags,
		.pidfd = addr_of(k->pidfd, &pidfd_word),
		.child_tid = addr_of(k->ctid, &tid_word[1]),
		.parent_tid = k->ptid == WL_ALIAS ? (uintptr_t)&pidfd_word
						  : addr_of(k->ptid, &tid_word[0]),
		.exit_signal = k->exit_signal,
		.stack = k->stack_at == WL_MEM ? (uintptr_t)case_stack : k->stack,
		.stack_size = k->stack_at == WL_MEM ? sizeof(case_stack) : k->stack_size,
		.tls = k->tls_at == WL_MEM ? (uintptr_t)(case_stack + 4096) : k->tls,
		.set_tid = addr_of(k->set_tid_at, tids),
		.set_tid_size = k->set_tid_size,
		.cgroup = k->cgroup,
	};

	memset(tids, 0, sizeof(tids));
	for (size_t i = 0; i < ARRAY_SIZE(k->set_tid); i++)
		tids[i] = k->set_tid[i] == WL_SELF ? getpid() : k->set_tid[i];
	memset(buf, 0, sizeof(buf));
	memcpy(buf, &ca, sizeof(ca));
	buf[CLONE_ARGS_SIZE_VER2 / sizeof(buf[0])] = k->tail;
	return wl_spawn_exit(SYS_clone3, k->args_bad ? 8 : (long)buf,
			     k->size ? (long)k->size : (long)sizeof(ca), 0, 0, 0);
}

/* Wait for the call's child; CLONE_PARENT's belongs to the caller's parent. */
static void wait_for(const struct wl_call *k, pid_t child)
{
	const uint64_t cleared = CLONE_VM | CLONE_CHILD_CLEARTID;

	if (k->flags & CLONE_PARENT)
		return;
	if (!(k->flags & CLONE_THREAD)) {
		wl_wait_child(child);
		return;
	}
	if ((k->flags & cleared) == cleared && k->ctid == WL_MEM)
		wl_wait_cleared(&tid_word[1]);
	wl_wait_thread(child);
}

static void make_call(const struct wl_ctx *x, struct wl_result *res)
{
	const struct wl_call *k = &x->call;
	long ret;

	pidfd_word = -1;
	tid_word[0] = 0;
	tid_word[1] = 1;	/* CLONE_CHILD_CLEARTID with VM zeroes it */
	if (k->entry == WL_CLONE)
		ret = call_clone(k);
	else if (k->entry == WL_CLONE3)
		ret = call_clone3(k);
	else
		ret = wl_fork_exit();
	res->ret = ret;
	if (ret > 0) {
		res->child = x->nested ? wl_global_pid((pid_t)ret) : (pid_t)ret;
		if (x->before_wait)
			x->before_wait((struct wl_ctx *)x);
		wait_for(k, (pid_t)ret);
	}
	if (pidfd_word >= 0)
		close(pidfd_word);
}

/* A declared case in this process: setup, call, undo. */
static int run_call(const struct wl_case *c, struct wl_result *res, bool helper)
{
	struct wl_ctx x = { .call = c->call, .helper = helper, .fd = -1 };
	int err = c->setup.fn ? c->setup.fn(&x, c->setup.a, c->setup.b) : 0;

	if (!err)
		make_call(&x, res);
	if (x.undo && err != WL_SUPERVISED) {
		int undo_err = x.undo(&x);

		err = err ? err : undo_err;
	}
	return err;
}

static int run_helper_call(const void *c, struct wl_result *out)
{
	return run_call(c, out, true);
}

/* ----------------------------------------- setups for boundary values */

#if defined(__x86_64__)
/* SETTLS at TASK_SIZE_MAX + delta: EPERM from TASK_SIZE_MAX on (V-36). */
static int wl_setup_tls_at_limit(struct wl_ctx *x, long delta, long unused)
{
	(void)unused;
	x->call.tls = wl_task_size_max() + (uint64_t)delta;
	return 0;
}

/*
 * A 64 KiB clone3 stack that ends at the 4-level user limit (accepted by
 * every x86_64 kernel: access_ok() allows an end up to TASK_SIZE_MAX), or
 * one byte past this kernel's own limit (past = 1).
 */
static int wl_setup_stack_end(struct wl_ctx *x, long past, long unused)
{
	uint64_t end = past ? wl_task_size_max() + 1 : WL_TASK_SIZE_MAX_4L;

	(void)unused;
	x->call.stack_size = sizeof(case_stack);
	x->call.stack = end - sizeof(case_stack);
	return 0;
}
#endif

/* set_tid {pid_max + delta}, pid_max read from /proc (V-38's range at level 0). */
static int wl_setup_set_tid_pid_max(struct wl_ctx *x, long delta, long unused)
{
	FILE *f = fopen("/proc/sys/kernel/pid_max", "re");
	int pid_max = 0;

	(void)unused;
	if (!f)
		return -errno;
	if (fscanf(f, "%d", &pid_max) != 1 || pid_max <= 0)
		pid_max = 0;
	fclose(f);
	if (!pid_max)
		return -EIO;
	x->call.set_tid[0] = (int32_t)(pid_max + delta);
	return 0;
}

/* --------------------------------------------- cases with a body of their own */

/* A libc fork-like call: the child exits, the caller waits. */
static int reap(struct wl_result *res, pid_t pid)
{
	if (pid == 0)
		_exit(0);
	res->ret = pid < 0 ? -errno : pid;
	if (pid > 0) {
		res->child = pid;
		wl_wait_child(pid);
	}
	return 0;
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
	wl_wait_child(pid);
	return 0;
}

#define EXEC_CLONE_PARENT_ENV "CLONECHECK_EXEC_CLONE_PARENT"

/*
 * A program image run with CLONECHECK_EXEC_CLONE_PARENT=<fd> makes one
 * legacy clone(CLONE_PARENT|SIGCHLD) before main(), writes what it returned
 * to fd and exits.  Its exec gave it self_exec_id = parent_exec_id + 1, so
 * the child's parent_exec_id (the caller's parent_exec_id with
 * CLONE_PARENT, R-25) differs from the caller's self_exec_id.
 */
__attribute__((constructor)) static void exec_clone_parent(void)
{
	const char *v = getenv(EXEC_CLONE_PARENT_ENV);
	char *end;
	long fd, ret;

	if (!v)
		return;
	fd = strtol(v, &end, 10);
	if (*v == '\0' || *end != '\0' || fd < 0 || fd > INT32_MAX)
		_exit(126);
	ret = wl_clone_exit(CLONE_PARENT | SIGCHLD, 0, NULL, NULL, 0);
	_exit(write((int)fd, &ret, sizeof(ret)) == (ssize_t)sizeof(ret) ? 0 : 125);
}

/*
 * CLONE_PARENT from a helper that has exec'd (itself, as above): the child
 * is ours, its parent_exec_id the helper's parent_exec_id, which is our
 * self_exec_id, not the helper's.
 */
static int case_exec_clone_parent(struct wl_result *res)
{
	char *argv[] = { "clonecheck-exec-clone-parent", NULL };
	char env[64];
	char *envp[] = { env, NULL };
	int p[2], status, err = 0;
	long ret = 0;
	pid_t h;

	if (pipe2(p, O_CLOEXEC))
		return -errno;
	h = wl_helper_fork();
	if (h == 0) {
		/* the write end survives the exec, the read end does not */
		if (fcntl(p[1], F_SETFD, 0))
			_exit(124);
		snprintf(env, sizeof(env), EXEC_CLONE_PARENT_ENV "=%d", p[1]);
		execve("/proc/self/exe", argv, envp);
		_exit(127);
	}
	if (h < 0)
		err = -errno;
	close(p[1]);
	if (!err && read(p[0], &ret, sizeof(ret)) != (ssize_t)sizeof(ret))
		err = -EPROTO;
	close(p[0]);
	if (h > 0) {
		while (waitpid(h, &status, __WALL) < 0 && errno == EINTR)
			;
		if (!err && !(WIFEXITED(status) && WEXITSTATUS(status) == 0))
			err = -ECHILD;
	}
	res->ret = ret;
	if (ret > 0) {
		res->child = (pid_t)ret;
		wl_wait_child((pid_t)ret);
	}
	return err;
}

#if defined(__aarch64__)
/*
 * arch/arm64/kernel/process.c:copy_thread() (v5.10.223 .. v7.2.13) gives a
 * child without CLONE_SETTLS `*task_user_tls(p) = read_sysreg(tpidr_el0)`:
 * the register, which the parent's thread.uw.tp_value (saved only when it
 * is switched out, tls_thread_switch()) may not show yet.  A helper
 * writes the register and forks at once, signals blocked.
 */
static int tpidr_fork(const void *unused, struct wl_result *out)
{
	sigset_t all;
	long ret;

	(void)unused;
	sigfillset(&all);
	if (pthread_sigmask(SIG_BLOCK, &all, NULL))
		return -EINVAL;
	ret = wl_fork_exit_tpidr((uint64_t)(uintptr_t)__builtin_thread_pointer() + 64);
	out->ret = ret;
	if (ret > 0) {
		out->child = (pid_t)ret;
		wl_wait_child((pid_t)ret);
	}
	return 0;
}

static int case_tpidr_fork(struct wl_result *res)
{
	return wl_in_helper(res, tpidr_fork, NULL);
}
#endif

/* ------------------------------------------------------------ the table */

#define CLONE(f, ...) .call = { .entry = WL_CLONE, .flags = (f), __VA_ARGS__ }
#define CLONE3(f, sig, ...) \
	.call = { .entry = WL_CLONE3, .flags = (f), .exit_signal = (sig), __VA_ARGS__ }
#define FORK() .call = { .entry = WL_FORK }
#define STACK .stack_at = WL_MEM
#define SET_TID(n, ...) .set_tid_at = WL_MEM, .set_tid_size = (n), .set_tid = { __VA_ARGS__ }
#define SETUP(fn, a, b) .setup = { wl_setup_##fn, (a), (b) }
#define HELPER(fn, a, b) .helper = true, SETUP(fn, a, b)
/* A 7.1+ flag: before 7.1 clone3 refuses it as unknown (E-25). */
#define SINCE_7_1 .since = WL_KERNEL_7_1, .before_err = EINVAL, .before_rule = "V-04"

#define KERNEL_ADDR 0xffff800000000000UL	/* above every user address */
#define PID_MAX_LIMIT (4 * 1024 * 1024)	/* include/linux/threads.h, 64-bit */
#define IOPRIO(class, level) (((class) << 13) | (level)) /* IOPRIO_PRIO_VALUE */
#define IOPRIO_RT 1
#define IOPRIO_BE 2
#define IOPRIO_IDLE 3
#define THREAD_FLAGS (CLONE_VM | CLONE_SIGHAND | CLONE_THREAD)

static const struct wl_case cases[] = {
	/* entry points (the first eight are live_clone.c's) */
	{ "raw_fork", "fork(2) as a raw syscall (clone(SIGCHLD) on arm64)", 0, "R-25", FORK() },
	{ "glibc_fork", "glibc fork(): clone(CHILD_SETTID|CHILD_CLEARTID|SIGCHLD)", 0, "R-37",
	  .fn = case_glibc_fork },
	{ "vfork", "vfork(): the parent sleeps until the child exits", 0, "R-04",
	  .fn = case_vfork },
	{ "pthread_create", "glibc pthread_create(): clone3 with the thread flags", 0, "R-22",
	  .fn = case_pthread },
	{ "clone3_thread", "raw clone3 VM|FS|FILES|SIGHAND|THREAD|SYSVSEM", 0, "R-13",
	  CLONE3(THREAD_FLAGS | CLONE_FS | CLONE_FILES | CLONE_SYSVSEM | CLONE_PARENT_SETTID |
			 CLONE_CHILD_CLEARTID, 0, .ptid = WL_MEM, .ctid = WL_MEM, STACK) },
	{ "sighand_no_vm", "clone(CLONE_SIGHAND) without CLONE_VM: EINVAL", EINVAL, "V-13",
	  CLONE(CLONE_SIGHAND | SIGCHLD) },
	{ "thread_no_sighand", "clone(CLONE_THREAD|CLONE_VM) without SIGHAND: EINVAL", EINVAL,
	  "V-12", CLONE(CLONE_THREAD | CLONE_VM) },
	{ "clone3_size_56", "clone3 with size 56 < 64: EINVAL", EINVAL, "V-04",
	  CLONE3(0, SIGCHLD, .size = 56) },
	{ "clone_tids", "legacy clone, arch order: PARENT_SETTID, CHILD_SETTID|CLEARTID", 0,
	  "R-38", CLONE(CLONE_PARENT_SETTID | CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | SIGCHLD,
			.ptid = WL_MEM, .ctid = WL_MEM) },
	{ "clone3_size_64", "clone3 fork with a VER0 struct (64 bytes)", 0, "R-25",
	  CLONE3(0, SIGCHLD, .size = CLONE_ARGS_SIZE_VER0) },
	{ "clone3_size_80", "clone3 fork with a VER1 struct (80 bytes)", 0, "R-25",
	  CLONE3(0, SIGCHLD, .size = CLONE_ARGS_SIZE_VER1) },
	{ "clone3_size_88", "clone3 fork with a VER2 struct (88 bytes)", 0, "R-25",
	  CLONE3(0, SIGCHLD, .size = CLONE_ARGS_SIZE_VER2) },
	{ "clone3_size_4096", "clone3 with 4096 bytes, zero past 88: accepted", 0, "R-25",
	  CLONE3(0, SIGCHLD, .size = 4096) },
	{ "thread_in_thread", "a pthread that calls pthread_create", 0, "R-13",
	  .fn = case_thread_in_thread },
	{ "posix_spawn", "glibc posix_spawn of itself (exits at once): clone3 VM|VFORK", 0, "R-04",
	  .fn = case_posix_spawn },
	/* flags one by one */
	{ "flag_vm", "clone(VM|SIGCHLD): mm shared, sigaltstack reset", 0, "R-02",
	  CLONE(CLONE_VM | SIGCHLD, STACK) },
	{ "flag_fs", "clone(FS|SIGCHLD): fs shared", 0, "R-09", CLONE(CLONE_FS | SIGCHLD, STACK) },
	{ "flag_files", "clone(FILES|SIGCHLD): files shared", 0, "R-08",
	  CLONE(CLONE_FILES | SIGCHLD, STACK) },
	{ "flag_sighand", "clone(VM|SIGHAND|SIGCHLD): sighand shared", 0, "R-12",
	  CLONE(CLONE_VM | CLONE_SIGHAND | SIGCHLD, STACK) },
	/* Legacy CLONE_THREAD: the exit signal given is ignored (exit_signal -1). */
	{ "flag_thread", "clone(VM|SIGHAND|THREAD|SIGCHLD): signal ignored, same tgid", 0,
	  "R-24", CLONE(THREAD_FLAGS | SIGCHLD, STACK) },
	{ "flag_sysvsem", "clone(SYSVSEM|SIGCHLD): undo list shared", 0, "R-10",
	  CLONE(CLONE_SYSVSEM | SIGCHLD, STACK) },
	{ "flag_settls", "clone(SETTLS|SIGCHLD): the child's TLS base is tls", 0, "R-35",
	  CLONE(CLONE_SETTLS | SIGCHLD, STACK, .tls_at = WL_MEM) },
	{ "flag_parent_settid", "clone(PARENT_SETTID|SIGCHLD)", 0, "R-34",
	  CLONE(CLONE_PARENT_SETTID | SIGCHLD, STACK, .ptid = WL_MEM) },
	{ "flag_child_settid", "clone(CHILD_SETTID|SIGCHLD): set_child_tid", 0, "R-37",
	  CLONE(CLONE_CHILD_SETTID | SIGCHLD, STACK, .ctid = WL_MEM) },
	{ "vm_child_settid", "clone(VM|CHILD_SETTID|SIGCHLD): the word unwritten until the "
	  "child runs", 0, "O-07", CLONE(CLONE_VM | CLONE_CHILD_SETTID | SIGCHLD, STACK,
					 .ctid = WL_MEM) },
	{ "vm_child_settid3", "clone3(VM|CHILD_SETTID): the word unwritten until the child "
	  "runs", 0, "O-07", CLONE3(CLONE_VM | CLONE_CHILD_SETTID, SIGCHLD, .ctid = WL_MEM,
				    STACK) },
	{ "flag_child_cleartid", "clone(CHILD_CLEARTID|SIGCHLD): clear_child_tid", 0, "R-38",
	  CLONE(CLONE_CHILD_CLEARTID | SIGCHLD, STACK, .ctid = WL_MEM) },
	{ "flag_pidfd", "clone(PIDFD|SIGCHLD): the fd comes back in parent_tid", 0, "R-34",
	  CLONE(CLONE_PIDFD | SIGCHLD, STACK, .pidfd = WL_MEM) },
	/* Legacy CLONE_VFORK|CLONE_VM: we sleep until the child has exited. */
	{ "flag_vfork", "clone(VFORK|VM|SIGCHLD): vfork_done set", 0, "R-04",
	  CLONE(CLONE_VFORK | CLONE_VM | SIGCHLD, STACK) },
	{ "flag_io", "clone(IO|SIGCHLD) without an io_context", 0, "R-11",
	  CLONE(CLONE_IO | SIGCHLD, STACK) },
	{ "flag_untraced", "clone(UNTRACED|SIGCHLD)", 0, "R-40",
	  CLONE(CLONE_UNTRACED | SIGCHLD, STACK) },
	/* CLONE_PTRACE while nobody traces us: nothing attaches. */
	{ "flag_ptrace", "clone(PTRACE|SIGCHLD) while untraced: nothing attaches", 0, "R-40",
	  CLONE(CLONE_PTRACE | SIGCHLD, STACK) },
	{ "clone_pthread_flags", "legacy clone with glibc's thread flags and SETTLS", 0,
	  "R-35", CLONE(THREAD_FLAGS | CLONE_FS | CLONE_FILES | CLONE_SYSVSEM | CLONE_SETTLS |
			CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID,
			STACK, .ptid = WL_MEM, .ctid = WL_MEM, .tls_at = WL_MEM) },
	{ "clone3_clear_sighand", "clone3 CLEAR_SIGHAND: a new sighand", 0, "R-12",
	  CLONE3(CLONE_CLEAR_SIGHAND, SIGCHLD) },
	{ "clone3_pidfd", "clone3 PIDFD with its own pidfd field", 0, "R-34",
	  CLONE3(CLONE_PIDFD, SIGCHLD, .pidfd = WL_MEM) },
	{ "clone3_pidfd_thread", "clone3 PIDFD|THREAD: a thread pidfd (6.9+)", 0, "R-24",
	  CLONE3(THREAD_FLAGS | CLONE_PIDFD, 0, .pidfd = WL_MEM, STACK) },
	{ "clone3_vfork", "clone3 VM|VFORK on its own stack", 0, "R-04",
	  CLONE3(CLONE_VM | CLONE_VFORK, SIGCHLD, STACK) },
	/* exit signals; one that is not SIGCHLD goes to a helper that blocks it */
	/* Legacy clone with exit signal 0: nobody is signalled, __WALL reaps. */
	{ "exit_signal_0", "legacy clone, exit signal 0", 0, "R-25", CLONE(0, STACK) },
	{ "exit_signal_usr1", "legacy clone, exit signal SIGUSR1 (helper: blocked)", 0, "R-25",
	  CLONE(SIGUSR1, STACK), HELPER(block_signal, SIGUSR1, 0) },
	/* Legacy clone: exit signal 200 (> _NSIG) is stored as-is; none is sent. */
	{ "exit_signal_200", "legacy clone, exit signal 200 stored as-is", 0, "R-25",
	  CLONE(200, STACK) },
	{ "clone3_exit_signal_0", "clone3, exit signal 0", 0, "R-25", CLONE3(0, 0) },
	{ "clone3_exit_signal_64", "clone3, exit signal 64 = _NSIG (helper: blocked)", 0, "R-25",
	  CLONE3(0, 64), HELPER(block_signal, 64, 0) },
	/* namespaces (root) */
	{ "ns_mnt", "clone(NEWNS)", 0, "R-21", CLONE(CLONE_NEWNS | SIGCHLD, STACK) },
	{ "ns_uts", "clone(NEWUTS)", 0, "R-21", CLONE(CLONE_NEWUTS | SIGCHLD, STACK) },
	{ "ns_ipc", "clone(NEWIPC)", 0, "R-21", CLONE(CLONE_NEWIPC | SIGCHLD, STACK) },
	{ "ns_pid", "clone(NEWPID): the child is pid 1 there, unkillable", 0, "R-21",
	  CLONE(CLONE_NEWPID | SIGCHLD, STACK) },
	{ "ns_net", "clone(NEWNET)", 0, "R-21", CLONE(CLONE_NEWNET | SIGCHLD, STACK) },
	{ "ns_cgroup", "clone(NEWCGROUP)", 0, "R-21", CLONE(CLONE_NEWCGROUP | SIGCHLD, STACK) },
	{ "ns_user", "clone(NEWUSER): full capabilities in the new user ns", 0, "R-22",
	  CLONE(CLONE_NEWUSER | SIGCHLD, STACK) },
	/* All namespaces at once (legacy clone has no NEWTIME: its bit is CSIGNAL). */
	{ "ns_all", "clone with every legacy namespace flag", 0, "R-21",
	  CLONE(CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWPID | CLONE_NEWNET |
			CLONE_NEWCGROUP | CLONE_NEWUSER | SIGCHLD, STACK) },
	{ "ns_time", "clone3(NEWTIME)", 0, "R-21", CLONE3(CLONE_NEWTIME, SIGCHLD) },
	{ "ns_time_vm", "clone3(NEWTIME|VM): time ns switches only at exec", 0, "R-21",
	  CLONE3(CLONE_NEWTIME | CLONE_VM, SIGCHLD, STACK) },
	{ "set_tid_newpid", "clone3 NEWPID, set_tid {1}", 0, "R-21",
	  CLONE3(CLONE_NEWPID, SIGCHLD, SET_TID(1, 1)) },
	{ "set_tid_eexist", "clone3 NEWPID, set_tid {1, our pid}: EEXIST", EEXIST, "V-38",
	  CLONE3(CLONE_NEWPID, SIGCHLD, SET_TID(2, 1, WL_SELF)) },
	/* clone3 argument errors (V-04), in the order they are checked */
	{ "clone3_e2big_size", "clone3 size 4097 with a bad pointer: E2BIG first", E2BIG,
	  "V-04", CLONE3(0, 0, .args_bad = true, .size = 4097) },
	{ "clone3_small_efault", "clone3 size 56 with a bad pointer: EINVAL before EFAULT",
	  EINVAL, "V-04", CLONE3(0, 0, .args_bad = true, .size = 56) },
	{ "clone3_e2big_tail", "clone3 size 96, a non-zero byte past 88: E2BIG", E2BIG,
	  "V-04", CLONE3(0, SIGCHLD, .size = 96, .tail = 1) },
	{ "clone3_efault", "clone3 struct unreadable: EFAULT", EFAULT, "V-04",
	  CLONE3(0, 0, .args_bad = true, .size = CLONE_ARGS_SIZE_VER2) },
	{ "clone3_set_tid_33", "clone3 set_tid_size 33: EINVAL", EINVAL, "V-04",
	  CLONE3(0, SIGCHLD, SET_TID(33, 0)) },
	{ "clone3_set_tid_null", "clone3 set_tid_size 1, set_tid NULL: EINVAL", EINVAL, "V-04",
	  CLONE3(0, SIGCHLD, .set_tid_size = 1) },
	{ "clone3_set_tid_nosize", "clone3 set_tid without a size: EINVAL", EINVAL, "V-04",
	  CLONE3(0, SIGCHLD, SET_TID(0, 1)) },
	{ "clone3_exit_signal_65", "clone3 exit signal 65 > _NSIG: EINVAL", EINVAL, "V-04",
	  CLONE3(0, 65) },
	{ "clone3_cgroup_size80", "clone3 INTO_CGROUP with a VER1 struct: EINVAL", EINVAL,
	  "V-04", CLONE3(CLONE_INTO_CGROUP, SIGCHLD, .size = CLONE_ARGS_SIZE_VER1) },
	{ "clone3_set_tid_efault", "clone3 set_tid unreadable and DETACHED: EFAULT first",
	  EFAULT, "V-04", CLONE3(CLONE_DETACHED, SIGCHLD, .set_tid_at = WL_BAD, .set_tid_size = 1) },
	{ "clone3_unknown_flag", "clone3 flag bit 40: EINVAL", EINVAL, "V-04",
	  CLONE3(1ULL << 40, SIGCHLD) },
	{ "clone3_detached", "clone3 DETACHED: EINVAL", EINVAL, "V-04",
	  CLONE3(CLONE_DETACHED, SIGCHLD) },
	{ "clone3_sighand_clear", "clone3 SIGHAND with CLEAR_SIGHAND: EINVAL", EINVAL, "V-04",
	  CLONE3(CLONE_VM | CLONE_SIGHAND | CLONE_CLEAR_SIGHAND, SIGCHLD) },
	{ "clone3_thread_signal", "clone3 THREAD with exit signal SIGCHLD: EINVAL", EINVAL,
	  "V-04", CLONE3(THREAD_FLAGS, SIGCHLD, STACK) },
	{ "clone3_stack_size_only", "clone3 stack_size without a stack: EINVAL", EINVAL,
	  "V-04", CLONE3(0, SIGCHLD, .stack_size = 4096) },
	{ "clone3_stack_kernel", "clone3 stack in kernel space: EINVAL", EINVAL, "V-04",
	  CLONE3(0, SIGCHLD, .stack = KERNEL_ADDR, .stack_size = 4096) },
	/* kernel_clone and copy_process errors, with precedence */
	{ "pidfd_parent_settid", "clone PIDFD|PARENT_SETTID (one pointer): EINVAL", EINVAL,
	  "V-05", CLONE(CLONE_PIDFD | CLONE_PARENT_SETTID | SIGCHLD, .pidfd = WL_MEM) },
	{ "clone3_pidfd_same_ptr", "clone3 PIDFD|PARENT_SETTID, same pointer: EINVAL", EINVAL,
	  "V-05", CLONE3(CLONE_PIDFD | CLONE_PARENT_SETTID, SIGCHLD, .pidfd = WL_MEM,
			 .ptid = WL_ALIAS) },
	{ "pidfd_settid_newns_fs", "PIDFD|PARENT_SETTID|NEWNS|FS: V-05 before V-10", EINVAL,
	  "V-05", CLONE(CLONE_PIDFD | CLONE_PARENT_SETTID | CLONE_NEWNS | CLONE_FS | SIGCHLD,
			.pidfd = WL_MEM) },
	{ "newns_fs", "clone NEWNS|FS: EINVAL", EINVAL, "V-10",
	  CLONE(CLONE_NEWNS | CLONE_FS | SIGCHLD) },
	{ "newns_fs_thread", "NEWNS|FS|THREAD|VM: V-10 before V-12", EINVAL, "V-10",
	  CLONE(CLONE_NEWNS | CLONE_FS | CLONE_THREAD | CLONE_VM) },
	{ "newuser_fs", "clone NEWUSER|FS: EINVAL", EINVAL, "V-11",
	  CLONE(CLONE_NEWUSER | CLONE_FS | SIGCHLD) },
	{ "thread_alone", "clone THREAD alone: V-12 before V-13", EINVAL, "V-12",
	  CLONE(CLONE_THREAD) },
	{ "parent_from_ns_init", "CLONE_PARENT from a pid ns init (helper): EINVAL", EINVAL,
	  "V-14", CLONE(CLONE_PARENT | SIGCHLD), HELPER(pidns, 1, 0) },
	{ "thread_newpid", "clone VM|SIGHAND|THREAD|NEWPID: EINVAL", EINVAL, "V-15",
	  CLONE(THREAD_FLAGS | CLONE_NEWPID, STACK) },
	{ "clone3_thread_newuser", "clone3 VM|SIGHAND|THREAD|NEWUSER: EINVAL", EINVAL, "V-15",
	  CLONE3(THREAD_FLAGS | CLONE_NEWUSER, 0, STACK) },
	{ "unshared_pidns_thread", "THREAD after unshare(NEWPID) (helper): EINVAL", EINVAL,
	  "V-15", CLONE(THREAD_FLAGS, STACK), HELPER(unshare, CLONE_NEWPID, 0) },
	{ "pidfd_detached", "clone PIDFD|DETACHED: EINVAL", EINVAL, "V-17",
	  CLONE(CLONE_PIDFD | CLONE_DETACHED | SIGCHLD) },
	{ "rlimit_nproc", "fork as a uid's only task at RLIMIT_NPROC 1 (helper): EAGAIN",
	  EAGAIN, "V-23", FORK(), HELPER(nproc_uid, 1, -1) },
	{ "rlimit_nproc_below", "the same at RLIMIT_NPROC 2: the child counts 2", 0, "R-23",
	  FORK(), HELPER(nproc_uid, 2, -1) },
	{ "rlimit_nproc_thread", "a thread at RLIMIT_NPROC 1: counted too, EAGAIN", EAGAIN,
	  "V-23", CLONE(THREAD_FLAGS, STACK), HELPER(nproc_uid, 1, -1) },
	{ "rlimit_nproc_cap_resource", "at RLIMIT_NPROC 1 with CAP_SYS_RESOURCE alone: exempt",
	  0, "R-23", FORK(), HELPER(nproc_uid, 1, CAP_SYS_RESOURCE) },
	{ "rlimit_nproc_cap_admin", "at RLIMIT_NPROC 1 with CAP_SYS_ADMIN alone: exempt", 0,
	  "R-23", FORK(), HELPER(nproc_uid, 1, CAP_SYS_ADMIN) },
	{ "rlimit_nproc_root", "root with RLIMIT_NPROC 1 (helper): exempt", 0, "R-24", FORK(),
	  HELPER(rlimit_nproc, 1, 0) },
	{ "rlimit_nproc_newipc", "at RLIMIT_NPROC 1, NEWIPC|SYSVSEM: V-23 before V-34", EAGAIN,
	  "V-23", CLONE(CLONE_NEWIPC | CLONE_SYSVSEM | SIGCHLD), HELPER(nproc_uid, 1, -1) },
	{ "rlimit_nproc_newuser", "at RLIMIT_NPROC 1, NEWUSER|NEWIPC|SYSVSEM: counted in the parent ns",
	  EAGAIN, "V-23", CLONE(CLONE_NEWUSER | CLONE_NEWIPC | CLONE_SYSVSEM | SIGCHLD),
	  HELPER(nproc_uid, 1, -1) },
	{ "newipc_sysvsem", "clone NEWIPC|SYSVSEM as root: EINVAL", EINVAL, "V-34",
	  CLONE(CLONE_NEWIPC | CLONE_SYSVSEM | SIGCHLD) },
	{ "nobody_newns", "clone NEWNS as nobody (helper): EPERM", EPERM, "V-34",
	  CLONE(CLONE_NEWNS | SIGCHLD), HELPER(nobody, 0, 0) },
	{ "nobody_newipc_sysvsem", "NEWIPC|SYSVSEM as nobody: EPERM before EINVAL", EPERM,
	  "V-34", CLONE(CLONE_NEWIPC | CLONE_SYSVSEM | SIGCHLD), HELPER(nobody, 0, 0) },
	{ "nobody_newuser_newnet", "NEWUSER|NEWNET as nobody: allowed", 0, "R-21",
	  CLONE(CLONE_NEWUSER | CLONE_NEWNET | SIGCHLD), HELPER(nobody, 0, 0) },
	{ "unshared_pidns_newpid", "NEWPID after unshare(NEWPID) (helper): EINVAL", EINVAL,
	  "V-34", CLONE(CLONE_NEWPID | SIGCHLD), HELPER(unshare, CLONE_NEWPID, 0) },
	{ "settls_kernel", "clone SETTLS with a kernel address: EPERM", EPERM, "V-36",
	  CLONE(CLONE_SETTLS | SIGCHLD, .tls = KERNEL_ADDR) },
	{ "newipc_sysvsem_settls", "NEWIPC|SYSVSEM|SETTLS(kernel): V-34 before V-36", EINVAL,
	  "V-34", CLONE(CLONE_NEWIPC | CLONE_SYSVSEM | CLONE_SETTLS | SIGCHLD, .tls = KERNEL_ADDR) },
	{ "clone3_settls_set_tid", "SETTLS(kernel) and 2 set_tid levels: V-36 before V-37",
	  EPERM, "V-36", CLONE3(CLONE_SETTLS, SIGCHLD, .tls = KERNEL_ADDR, SET_TID(2, 1, 1)) },
	{ "set_tid_levels", "clone3 2 set_tid levels at level 0: EINVAL", EINVAL, "V-37",
	  CLONE3(0, SIGCHLD, SET_TID(2, 1, 1)) },
	{ "set_tid_newpid_2", "clone3 NEWPID, set_tid {2}: no reaper yet, EINVAL", EINVAL,
	  "V-38", CLONE3(CLONE_NEWPID, SIGCHLD, SET_TID(1, 2)) },
	{ "set_tid_zero", "clone3 set_tid {0}: EINVAL", EINVAL, "V-38",
	  CLONE3(0, SIGCHLD, SET_TID(1, 0)) },
	/* the parent's tree, cgroups, io */
	{ "clone_parent", "CLONE_PARENT from a helper: our grandchild is our child", 0,
	  "R-25", CLONE(CLONE_PARENT | SIGCHLD), .helper = true },
	{ "ioprio_fork", "fork of a helper with ioprio BE/4: a new io_context", 0, "R-11",
	  FORK(), HELPER(ioprio, IOPRIO(IOPRIO_BE, 4), 0) },
	{ "ioprio_clone_io", "clone(IO) of a helper with ioprio BE/4: shared", 0, "R-11",
	  CLONE(CLONE_IO | SIGCHLD), HELPER(ioprio, IOPRIO(IOPRIO_BE, 4), 0) },
	{ "into_cgroup", "clone3 INTO_CGROUP into a new cgroup v2", 0, "R-24",
	  CLONE3(CLONE_INTO_CGROUP, SIGCHLD), SETUP(into_cgroup, WL_CG_NEW, 0) },
	{ "into_cgroup_ebadf", "clone3 INTO_CGROUP with an fd of /: EBADF", EBADF, "V-42",
	  CLONE3(CLONE_INTO_CGROUP, SIGCHLD), SETUP(into_cgroup, WL_CG_NOT_CGROUP, 0) },
	{ "into_cgroup_frozen", "clone3 INTO_CGROUP into a frozen cgroup: child starts frozen",
	  0, "R-44", CLONE3(CLONE_INTO_CGROUP, SIGCHLD), SETUP(into_cgroup, WL_CG_FROZEN, 0) },
	{ "into_cgroup_removed", "clone3 INTO_CGROUP, cgroup removed: ENOENT", ENOENT, "V-42",
	  CLONE3(CLONE_INTO_CGROUP, SIGCHLD), SETUP(into_cgroup, WL_CG_REMOVED, 0) },
	{ "into_cgroup_cpuset", "clone3 INTO_CGROUP into a cpuset of one CPU: its mask, not R-42's",
	  0, "R-24", CLONE3(CLONE_INTO_CGROUP, SIGCHLD), SETUP(into_cgroup, WL_CG_CPUSET, 0) },
	{ "pidns_full", "fork in a pid ns of pid_max 301 holding 1..300 (6.14+): EAGAIN",
	  EAGAIN, "V-39", FORK(), HELPER(pidns_full, 299, 301) },
	{ "pidns_one_left", "the same holding 1..299: the child gets 300", 0, "R-34", FORK(),
	  HELPER(pidns_full, 298, 301) },
	{ "pidns_set_tid_max", "clone3 set_tid {301} in a pid ns of pid_max 301 (6.14+): EINVAL",
	  EINVAL, "V-38", CLONE3(0, SIGCHLD, SET_TID(1, 301)), HELPER(pidns_full, 0, 301) },
	{ "pidns_set_tid_below", "the same with set_tid {300}: allocated", 0, "R-33",
	  CLONE3(0, SIGCHLD, SET_TID(1, 300)), HELPER(pidns_full, 0, 301) },
	{ "pids_max", "fork in a pids cgroup with pids.max 1 (helper): EAGAIN", EAGAIN, "V-43",
	  FORK(), HELPER(pids_max, 1, 0) },
	{ "pids_max_below", "the same with pids.max 2: the only member, allowed", 0, "R-24",
	  FORK(), HELPER(pids_max, 2, 0) },
	/* scheduler (helpers) */
	{ "sched_fifo", "SCHED_FIFO 10 parent: inherited", 0, "S-02", FORK(),
	  HELPER(policy, SCHED_FIFO, 10) },
	{ "sched_fifo_reset", "SCHED_FIFO|RESET_ON_FORK parent: child NORMAL", 0, "S-04", FORK(),
	  HELPER(policy, SCHED_FIFO | SCHED_RESET_ON_FORK, 10) },
	{ "sched_rr", "SCHED_RR 20 parent: inherited", 0, "S-02", FORK(),
	  HELPER(policy, SCHED_RR, 20) },
	{ "sched_rr_reset", "SCHED_RR|RESET_ON_FORK parent: child NORMAL", 0, "S-04", FORK(),
	  HELPER(policy, SCHED_RR | SCHED_RESET_ON_FORK, 20) },
	{ "sched_nice", "nice -5 parent: inherited", 0, "S-02", FORK(), HELPER(nice, -5, 0) },
	{ "sched_nice_reset", "nice -5 with RESET_ON_FORK: child nice 0", 0, "S-04", FORK(),
	  HELPER(nice, -5, 1) },
	{ "sched_batch", "SCHED_BATCH parent", 0, "S-02", FORK(), HELPER(policy, SCHED_BATCH, 0) },
	{ "sched_idle", "SCHED_IDLE parent", 0, "S-02", FORK(), HELPER(policy, SCHED_IDLE, 0) },
	{ "sched_deadline", "SCHED_DEADLINE parent: EAGAIN", EAGAIN, "V-27", FORK(),
	  HELPER(deadline, 0, 0) },
	{ "sched_deadline_reset", "SCHED_DEADLINE with RESET_ON_FORK: child NORMAL", 0,
	  "S-04", FORK(), HELPER(deadline, 1, 0) },
	{ "sched_deadline_newipc", "DL parent, NEWIPC|SYSVSEM: V-27 before V-34", EAGAIN,
	  "V-27", CLONE(CLONE_NEWIPC | CLONE_SYSVSEM | SIGCHLD), HELPER(deadline, 0, 0) },
	{ "sched_deadline_thread", "DL parent, CLONE_THREAD: EAGAIN", EAGAIN, "V-27",
	  CLONE(THREAD_FLAGS, STACK), HELPER(deadline, 0, 0) },
	/* copy_creds() (create_user_ns()'s depth test) comes before sched_fork() */
	{ "sched_deadline_userns_34", "DL parent at user ns level 33, NEWUSER: V-22 before V-27",
	  ENOSPC, "V-22", CLONE(CLONE_NEWUSER | SIGCHLD, STACK), HELPER(deadline_userns, 33, 0) },
	/* uclamp (CONFIG_UCLAMP_TASK only): sched_post_fork()'s RT default, S-03's boundary */
	{ "uclamp_fifo_default", "SCHED_FIFO 10 parent, default clamps: util-min the RT default",
	  0, "S-09", FORK(), HELPER(uclamp, WL_UCLAMP_RT, 0) },
	{ "uclamp_fifo_user_min", "SCHED_FIFO 10 parent, util-min 200 user-set: kept, not the default",
	  0, "S-09", FORK(), HELPER(uclamp, WL_UCLAMP_RT_USER, 200) },
	{ "uclamp_nice_min", "nice -20 parent (normal_prio 100, not RT): util-min inherited", 0,
	  "S-03", FORK(), HELPER(uclamp, WL_UCLAMP_NICE_MIN, 0) },
	{ "sched_pi_boosted", "parent PI-boosted to FIFO 10 by a waiter: child gets normal_prio",
	  0, "S-02", FORK(), HELPER(pi_boosted, 10, 0) },
	{ "affinity_one_cpu", "parent pinned to one CPU: the child runs there", 0, "S-10",
	  FORK(), HELPER(pin, 0, 0) },
	{ "affinity_thread", "pinned parent, CLONE_THREAD: mask copied", 0, "R-42",
	  CLONE(THREAD_FLAGS, STACK), HELPER(pin, 0, 0) },
	/* ptrace: the helper traces its own tracee, which makes the call */
	{ "ptrace_o_tracefork", "SEIZE, TRACEFORK; fork: child traced, trap-stop", 0, "R-40",
	  FORK(), HELPER(ptrace, PTRACE_O_TRACEFORK, 0) },
	{ "ptrace_o_traceclone", "SEIZE, TRACECLONE; clone, exit signal 0: traced", 0, "R-40",
	  CLONE(0, STACK), HELPER(ptrace, PTRACE_O_TRACECLONE, 0) },
	{ "ptrace_o_tracevfork", "SEIZE, TRACEVFORK; clone VFORK|VM: traced", 0, "R-40",
	  CLONE(CLONE_VFORK | CLONE_VM | SIGCHLD, STACK), HELPER(ptrace, PTRACE_O_TRACEVFORK, 0) },
	{ "ptrace_attach_tracefork", "ATTACH, TRACEFORK; fork: child traced, SIGSTOP", 0,
	  "R-40", FORK(), HELPER(ptrace, PTRACE_O_TRACEFORK, 1) },
	{ "ptrace_fork_event_off", "SEIZE, TRACECLONE|TRACEVFORK; fork: not traced", 0, "R-40",
	  FORK(), HELPER(ptrace, PTRACE_O_TRACECLONE | PTRACE_O_TRACEVFORK, 0) },
	{ "ptrace_untraced", "SEIZE, TRACEFORK; clone UNTRACED: not traced", 0, "R-40",
	  CLONE(CLONE_UNTRACED | SIGCHLD, STACK), HELPER(ptrace, PTRACE_O_TRACEFORK, 0) },
	{ "ptrace_clone_ptrace", "SEIZE, no options; clone PTRACE: traced", 0, "R-40",
	  CLONE(CLONE_PTRACE | SIGCHLD, STACK), HELPER(ptrace, 0, 0) },
	{ "ptrace_thread_sigchld", "SEIZE, TRACEFORK; clone THREAD|SIGCHLD: a FORK event",
	  0, "R-40", CLONE(THREAD_FLAGS | SIGCHLD, STACK), HELPER(ptrace, PTRACE_O_TRACEFORK, 0) },
	{ "ptrace_clone3_thread", "SEIZE, TRACECLONE; clone3 THREAD: traced", 0, "R-40",
	  CLONE3(THREAD_FLAGS, 0, STACK), HELPER(ptrace, PTRACE_O_TRACECLONE, 0) },
	/* thread keyrings: the cred is shared by a thread only without one */
	{ "keyring_thread", "thread keyring; clone THREAD: a new cred", 0, "R-22",
	  CLONE(THREAD_FLAGS, STACK), HELPER(thread_keyring, 0, 0) },
	{ "keyring_fork", "thread keyring; fork: a new cred, no thread keyring", 0, "R-22",
	  FORK(), HELPER(thread_keyring, 0, 0) },
	/* io priorities: a new io_context only for a valid class */
	{ "ioprio_rt", "ioprio RT/0; fork: a new io_context with it", 0, "R-11", FORK(),
	  HELPER(ioprio, IOPRIO(IOPRIO_RT, 0), 0) },
	{ "ioprio_idle", "ioprio IDLE/7; fork: a new io_context with it", 0, "R-11", FORK(),
	  HELPER(ioprio, IOPRIO(IOPRIO_IDLE, 7), 0) },
	{ "ioprio_none_fork", "io_context with class NONE; fork: none", 0, "R-11", FORK(),
	  HELPER(ioprio, 0, 0) },
	{ "ioprio_none_clone_io", "io_context with class NONE; clone(IO): shared", 0, "R-11",
	  CLONE(CLONE_IO | SIGCHLD, STACK), HELPER(ioprio, 0, 0) },
	{ "ioprio_thread", "ioprio BE/4; clone THREAD without IO: a new io_context", 0, "R-11",
	  CLONE(THREAD_FLAGS, STACK), HELPER(ioprio, IOPRIO(IOPRIO_BE, 4), 0) },
	/* nested pid namespaces: the helper's descendant, init of a level-N ns */
	{ "pidns_nested_fork", "fork from a level-1 pid ns init", 0, "R-20", FORK(),
	  HELPER(pidns, 1, 0) },
	{ "pidns_nested_newpid", "clone NEWPID from level 1: a level-2 ns", 0, "R-21",
	  CLONE(CLONE_NEWPID | SIGCHLD, STACK), HELPER(pidns, 1, 0) },
	{ "pidns_level_32", "clone NEWPID from level 31: level 32, the deepest", 0, "R-21",
	  CLONE(CLONE_NEWPID | SIGCHLD, STACK), HELPER(pidns, 31, 0) },
	{ "pidns_level_33", "clone NEWPID from level 32: ENOSPC", ENOSPC, "V-34",
	  CLONE(CLONE_NEWPID | SIGCHLD, STACK), HELPER(pidns, 32, 0) },
	{ "set_tid_nested_newpid", "level 1, clone3 NEWPID, set_tid {1, 5}", 0, "R-21",
	  CLONE3(CLONE_NEWPID, SIGCHLD, SET_TID(2, 1, 5)), HELPER(pidns, 1, 0) },
	{ "set_tid_nested_levels", "level 1, clone3 3 set_tid levels: EINVAL", EINVAL, "V-37",
	  CLONE3(0, SIGCHLD, SET_TID(3, 5, 5, 5)), HELPER(pidns, 1, 0) },
	{ "set_tid_nested_newpid_levels", "level 1, clone3 NEWPID, 4 set_tid levels: EINVAL",
	  EINVAL, "V-37", CLONE3(CLONE_NEWPID, SIGCHLD, SET_TID(4, 1, 5, 5, 5)),
	  HELPER(pidns, 1, 0) },
	{ "set_tid_nested_eexist", "level 1, set_tid {1}: the caller's own pid, EEXIST", EEXIST,
	  "V-38", CLONE3(0, SIGCHLD, SET_TID(1, 1)), HELPER(pidns, 1, 0) },
	{ "set_tid_nested_max", "level 1, set_tid {PID_MAX_LIMIT}: EINVAL", EINVAL, "V-38",
	  CLONE3(0, SIGCHLD, SET_TID(1, PID_MAX_LIMIT)), HELPER(pidns, 1, 0) },
	/* boundaries of the arguments (mutants that no case told apart) */
	{ "clone3_parent_signal", "clone3 PARENT with exit signal SIGCHLD: EINVAL", EINVAL,
	  "V-04", CLONE3(CLONE_PARENT, SIGCHLD) },
	{ "clone3_stack_no_size", "clone3 stack without a stack_size: EINVAL", EINVAL, "V-04",
	  CLONE3(0, SIGCHLD, .stack = 0x10000, .stack_size = 0) },
	{ "into_cgroup_fd_intmax", "clone3 INTO_CGROUP fd INT_MAX: valid, no such fd", EBADF,
	  "V-42", CLONE3(CLONE_INTO_CGROUP, SIGCHLD, .cgroup = INT32_MAX) },
	{ "into_cgroup_fd_big", "clone3 INTO_CGROUP fd INT_MAX + 1: EINVAL", EINVAL, "V-04",
	  CLONE3(CLONE_INTO_CGROUP, SIGCHLD, .cgroup = (uint64_t)INT32_MAX + 1) },
	{ "clone_upper_bits", "legacy clone with flag bit 32: dropped (lower 32 bits)", 0,
	  "V-03", CLONE((1ULL << 32) | SIGCHLD, STACK) },
	{ "set_tid_pid_max", "clone3 set_tid {pid_max}: EINVAL", EINVAL, "V-38",
	  CLONE3(0, SIGCHLD, SET_TID(1, 0)), SETUP(set_tid_pid_max, 0, 0) },
	{ "nnp_parent_fork", "fork of a helper with no_new_privs: inherited", 0, "R-15",
	  FORK(), HELPER(nnp, 0, 0) },
	{ "subreaper_fork", "fork of a child subreaper: has_child_subreaper", 0, "R-26",
	  FORK(), HELPER(subreaper, 0, 0) },
	{ "clone_parent_signal", "CLONE_PARENT|SIGUSR1 from a helper: the group's signal",
	  0, "R-25", CLONE(CLONE_PARENT | SIGUSR1), .helper = true },
	{ "sigaltstack_vm", "clone VM of a helper on a sigaltstack: reset", 0, "R-05",
	  CLONE(CLONE_VM | SIGCHLD, STACK), HELPER(sigaltstack, 0, 0) },
	{ "sigaltstack_vm_vfork", "clone VM|VFORK of a helper on a sigaltstack: kept", 0, "R-05",
	  CLONE(CLONE_VM | CLONE_VFORK | SIGCHLD, STACK), HELPER(sigaltstack, 0, 0) },
	{ "sched_fifo_99", "SCHED_FIFO 99 parent (prio 0): inherited, no EAGAIN", 0, "S-02",
	  FORK(), HELPER(policy, SCHED_FIFO, 99) },
	/* kernel/fork.c before 6.2: THREAD or VM while time_ns != time_ns_for_children */
	{ "unshared_timens_vm", "clone VM after unshare(NEWTIME) (helper): allowed from 6.2",
	  0, "R-02", CLONE(CLONE_VM | SIGCHLD, STACK), HELPER(unshare, CLONE_NEWTIME, 0),
	  .since = 602, .before_err = EINVAL, .before_rule = "V-16" },
	/* limits and dying namespaces (issue 10) */
	{ "pidfd_emfile", "clone PIDFD with RLIMIT_NOFILE at the lowest free fd: EMFILE",
	  EMFILE, "V-41", CLONE(CLONE_PIDFD | SIGCHLD, STACK, .pidfd = WL_MEM),
	  HELPER(nofile_full, 0, 0) },
	{ "clone3_pidfd_emfile", "clone3 PIDFD, no fd below RLIMIT_NOFILE: EMFILE", EMFILE,
	  "V-41", CLONE3(CLONE_PIDFD, SIGCHLD, .pidfd = WL_MEM), HELPER(nofile_full, 0, 0) },
	/*
	 * Global sysctls, each written for one case in a helper and written
	 * back (src/wl_sysctl.c): only with --disruptive (vm/vmtest's guests),
	 * and only where kallsyms lists the globals BPF reads at entry.
	 */
	{ "sysctl_threads_max_fork", "fork with kernel.threads-max 1 (root): EAGAIN", EAGAIN,
	  "V-24", FORK(), HELPER(sysctl, WL_SYSCTL_THREADS_MAX, 1) },
	{ "sysctl_threads_max_thread", "a thread with kernel.threads-max 1: EAGAIN", EAGAIN,
	  "V-24", CLONE(THREAD_FLAGS, STACK), HELPER(sysctl, WL_SYSCTL_THREADS_MAX, 1) },
	{ "sysctl_nr_open_fork", "fork with fd 2000 open, fs.nr_open 1024: EMFILE", EMFILE,
	  "V-30", FORK(), HELPER(sysctl, WL_SYSCTL_NR_OPEN, 1024) },
	{ "sysctl_nr_open_below_span", "fd 2000 open, fs.nr_open 2047, one below the span: EMFILE",
	  EMFILE, "V-30", FORK(), HELPER(sysctl, WL_SYSCTL_NR_OPEN, 2047) },
	{ "sysctl_nr_open_at_span", "fd 2000 open, fs.nr_open 2048: the 2048 slots fit", 0,
	  "V-30", FORK(), HELPER(sysctl, WL_SYSCTL_NR_OPEN, 2048) },
	{ "sysctl_nr_open_files", "fd 2000 open, fs.nr_open 1024, CLONE_FILES: nothing copied", 0,
	  "V-30", CLONE(CLONE_FILES | SIGCHLD), HELPER(sysctl, WL_SYSCTL_NR_OPEN, 1024) },
	{ "sysctl_userns_clone_off", "NEWUSER, unprivileged_userns_clone 0, no CAP_SYS_ADMIN: EPERM",
	  EPERM, "V-18", CLONE(CLONE_NEWUSER | SIGCHLD),
	  HELPER(sysctl, WL_SYSCTL_USERNS_CLONE, 0) },
	{ "sysctl_userns_clone_off_admin", "the same with CAP_SYS_ADMIN: allowed", 0, "V-18",
	  CLONE(CLONE_NEWUSER | SIGCHLD), HELPER(sysctl, WL_SYSCTL_USERNS_CLONE_ADMIN, 0) },
	/* errata X-5: Debian's test sits after V-11 and before V-12..V-17 */
	{ "sysctl_userns_clone_off_sighand", "the same NEWUSER|SIGHAND without VM: EPERM, not "
	  "V-13's EINVAL", EPERM, "V-18", CLONE(CLONE_NEWUSER | CLONE_SIGHAND | SIGCHLD),
	  HELPER(sysctl, WL_SYSCTL_USERNS_CLONE, 0) },
	{ "sysctl_userns_clone_off_fs", "the same NEWUSER|FS: V-11's EINVAL comes first", EINVAL,
	  "V-11", CLONE(CLONE_NEWUSER | CLONE_FS | SIGCHLD),
	  HELPER(sysctl, WL_SYSCTL_USERNS_CLONE, 0) },
	{ "pidns_dead_fork", "fork after our unshared pid ns's init exited: ENOMEM", ENOMEM,
	  "V-40", FORK(), HELPER(pidns_dead, 0, 0) },
	{ "pidns_dead_clone_vm", "clone VM after that pid ns's init exited: ENOMEM", ENOMEM,
	  "V-40", CLONE(CLONE_VM | SIGCHLD, STACK), HELPER(pidns_dead, 0, 0) },
	/* create_user_ns(): `if (parent_ns->level > 32)` -> ENOSPC; 33 is the deepest */
	{ "userns_level_33", "clone NEWUSER from user ns level 32: level 33", 0, "R-22",
	  CLONE(CLONE_NEWUSER | SIGCHLD, STACK), HELPER(userns, 32, 0) },
	{ "userns_level_34", "clone NEWUSER from user ns level 33: ENOSPC", ENOSPC, "V-22",
	  CLONE(CLONE_NEWUSER | SIGCHLD, STACK), HELPER(userns, 33, 0) },
	{ "userns_max_user", "user.max_user_namespaces 0 in our user ns; NEWUSER: ENOSPC",
	  ENOSPC, "V-22", CLONE(CLONE_NEWUSER | SIGCHLD, STACK), HELPER(userns_limit, WL_UC_USER, 0) },
	{ "userns_max_mnt", "user.max_mnt_namespaces 0 in our user ns; NEWNS: ENOSPC", ENOSPC,
	  "V-34", CLONE(CLONE_NEWNS | SIGCHLD, STACK), HELPER(userns_limit, WL_UC_MNT, 0) },
	{ "userns_max_pid", "user.max_pid_namespaces 0 in our user ns; NEWPID: ENOSPC", ENOSPC,
	  "V-34", CLONE(CLONE_NEWPID | SIGCHLD, STACK), HELPER(userns_limit, WL_UC_PID, 0) },
	{ "userns_max_uts_newpid", "max_uts_namespaces 0; NEWUTS|NEWPID: uts fails first",
	  ENOSPC, "V-34", CLONE(CLONE_NEWUTS | CLONE_NEWPID | SIGCHLD, STACK),
	  HELPER(userns_limit, WL_UC_UTS, 0) },
	/*
	 * Linux 7.1+ clone3 flags (catalogue E.7): each EINVAL/EPERM in copy_process's
	 * order, then each effect.  Before 7.1 each is refused by V-04 (E-25).
	 */
	{ "autoreap_signal", "clone3 AUTOREAP with exit signal SIGCHLD: EINVAL", EINVAL, "V-48",
	  CLONE3(WL_CLONE_AUTOREAP, SIGCHLD), SINCE_7_1 },
	{ "autoreap_thread", "clone3 AUTOREAP|THREAD: EINVAL", EINVAL, "V-48",
	  CLONE3(WL_CLONE_AUTOREAP | THREAD_FLAGS, 0, STACK), SINCE_7_1 },
	{ "autoreap_parent", "clone3 AUTOREAP|PARENT: EINVAL", EINVAL, "V-48",
	  CLONE3(WL_CLONE_AUTOREAP | CLONE_PARENT, 0), SINCE_7_1 },
	{ "autoreaped_clone_parent", "CLONE_PARENT from an AUTOREAP child (helper): EINVAL",
	  EINVAL, "V-49", CLONE(CLONE_PARENT | SIGCHLD), HELPER(autoreaped, 0, 0),
	  .since = WL_KERNEL_7_1, .before_err = 0, .before_rule = "R-25" },
	{ "nnp_thread", "clone3 NNP|THREAD: EINVAL", EINVAL, "V-50",
	  CLONE3(WL_CLONE_NNP | THREAD_FLAGS, 0, STACK), SINCE_7_1 },
	{ "autokill_no_pidfd", "clone3 PIDFD_AUTOKILL|AUTOREAP without PIDFD: EINVAL", EINVAL,
	  "V-51", CLONE3(WL_CLONE_PIDFD_AUTOKILL | WL_CLONE_AUTOREAP, 0), SINCE_7_1 },
	{ "autokill_no_autoreap", "clone3 PIDFD_AUTOKILL|PIDFD without AUTOREAP: EINVAL", EINVAL,
	  "V-51", CLONE3(WL_CLONE_PIDFD_AUTOKILL | CLONE_PIDFD, SIGCHLD, .pidfd = WL_MEM),
	  SINCE_7_1 },
	{ "autokill_nobody", "PIDFD_AUTOKILL|PIDFD|AUTOREAP as nobody, no NNP: EPERM", EPERM,
	  "V-51", CLONE3(WL_CLONE_PIDFD_AUTOKILL | CLONE_PIDFD | WL_CLONE_AUTOREAP, 0,
			 .pidfd = WL_MEM), HELPER(nobody, 0, 0), SINCE_7_1 },
	{ "empty_mntns_fs", "clone3 EMPTY_MNTNS|FS: NEWNS|FS, EINVAL (E-26)", EINVAL, "V-10",
	  CLONE3(WL_CLONE_EMPTY_MNTNS | CLONE_FS, SIGCHLD), SINCE_7_1 },
	{ "empty_mntns_same_ptr", "EMPTY_MNTNS|FS|PIDFD|PARENT_SETTID, one pointer: V-05 first", EINVAL,
	  "V-05", CLONE3(WL_CLONE_EMPTY_MNTNS | CLONE_FS | CLONE_PIDFD | CLONE_PARENT_SETTID,
			 SIGCHLD, .pidfd = WL_MEM, .ptid = WL_ALIAS), SINCE_7_1 },
	{ "empty_mntns_nobody", "clone3 EMPTY_MNTNS as nobody (helper): EPERM", EPERM, "V-34",
	  CLONE3(WL_CLONE_EMPTY_MNTNS, SIGCHLD), HELPER(nobody, 0, 0), SINCE_7_1 },
	{ "autoreap", "clone3 AUTOREAP, exit signal 0: reaped by the kernel", 0, "R-46",
	  CLONE3(WL_CLONE_AUTOREAP, 0), SINCE_7_1 },
	{ "autoreap_pidfd", "clone3 AUTOREAP|PIDFD: reaped, the pidfd says when", 0, "R-46",
	  CLONE3(WL_CLONE_AUTOREAP | CLONE_PIDFD, 0, .pidfd = WL_MEM), SINCE_7_1 },
	{ "nnp", "clone3 NNP: the child has no_new_privs, we do not", 0, "R-45",
	  CLONE3(WL_CLONE_NNP, SIGCHLD), SINCE_7_1 },
	{ "nnp_vm", "clone3 NNP|VM on its own stack", 0, "R-45",
	  CLONE3(WL_CLONE_NNP | CLONE_VM, SIGCHLD, STACK), SINCE_7_1 },
	{ "autokill", "clone3 PIDFD_AUTOKILL|PIDFD|AUTOREAP as root", 0, "R-47",
	  CLONE3(WL_CLONE_PIDFD_AUTOKILL | CLONE_PIDFD | WL_CLONE_AUTOREAP, 0, .pidfd = WL_MEM),
	  SINCE_7_1 },
	{ "autokill_nnp_nobody", "PIDFD_AUTOKILL|PIDFD|AUTOREAP|NNP as nobody: allowed", 0,
	  "R-47", CLONE3(WL_CLONE_PIDFD_AUTOKILL | CLONE_PIDFD | WL_CLONE_AUTOREAP | WL_CLONE_NNP,
			 0, .pidfd = WL_MEM), HELPER(nobody, 0, 0), SINCE_7_1 },
	{ "empty_mntns", "clone3 EMPTY_MNTNS: a mount ns holding its root only", 0, "R-48",
	  CLONE3(WL_CLONE_EMPTY_MNTNS, SIGCHLD), SINCE_7_1 },
	{ "empty_mntns_newpid", "clone3 EMPTY_MNTNS|NEWPID", 0, "R-48",
	  CLONE3(WL_CLONE_EMPTY_MNTNS | CLONE_NEWPID, SIGCHLD), SINCE_7_1 },
	/* boundary stack and TLS values */
	{ "clone3_stack_wrap", "clone3 stack + stack_size wraps: EINVAL", EINVAL, "V-04",
	  CLONE3(0, SIGCHLD, .stack = 0xfffffffffffff000ULL, .stack_size = 0x2000) },
	/*
	 * Cases that tell a model mutant (mutants/mutants.txt) from the kernel
	 * where no other case did: each outcome is decided by one check of
	 * kernel/fork.c that the mutant changes, with an earlier or later
	 * check of another errno to show which one ran.
	 */
	/* copy_clone_args_from_user(): set_tid_size <= MAX_PID_NS_LEVEL passes */
	{ "nobody_newns_set_tid_32", "clone3 NEWNS, set_tid_size 32 as nobody: V-34's EPERM",
	  EPERM, "V-34", CLONE3(CLONE_NEWNS, SIGCHLD, SET_TID(32, 1)), HELPER(nobody, 0, 0) },
	{ "nobody_newns_set_tid_null", "clone3 NEWNS, set_tid_size 1, set_tid NULL as nobody: "
	  "EINVAL before EPERM", EINVAL, "V-04",
	  CLONE3(CLONE_NEWNS, SIGCHLD, .set_tid_size = 1), HELPER(nobody, 0, 0) },
	/* copy_process(): CLONE_THREAD with NEWPID before copy_namespaces()'s EPERM */
	{ "nobody_thread_newpid", "THREAD|NEWPID as nobody: V-15's EINVAL before V-34's EPERM",
	  EINVAL, "V-15", CLONE(THREAD_FLAGS | CLONE_NEWPID, STACK), HELPER(nobody, 0, 0) },
	/* `args.exit_signal & ~((u64)CSIGNAL)`: the int kargs field would hold SIGCHLD */
	{ "clone3_exit_signal_2_32", "clone3 exit signal 2^32 + SIGCHLD: EINVAL", EINVAL, "V-04",
	  CLONE3(0, (1ULL << 32) | SIGCHLD) },
	/* copy_namespaces(): ns_capable(CAP_SYS_ADMIN), CHECKPOINT_RESTORE irrelevant */
	{ "no_cr_newns", "root without CAP_CHECKPOINT_RESTORE (helper): NEWNS allowed", 0,
	  "R-21", CLONE(CLONE_NEWNS | SIGCHLD, STACK),
	  HELPER(cap_drop, CAP_CHECKPOINT_RESTORE, 0) },
	{ "no_sys_admin_newns", "root with CHECKPOINT_RESTORE, without SYS_ADMIN: NEWNS EPERM",
	  EPERM, "V-34", CLONE(CLONE_NEWNS | SIGCHLD, STACK), HELPER(cap_drop, CAP_SYS_ADMIN, 0) },
	{ "exec_clone_parent", "CLONE_PARENT from an exec'd helper: our self_exec_id", 0,
	  "R-25", .fn = case_exec_clone_parent },
	/* the owner test the model cannot see: V-34's EINVAL only allowed, for NEWPID */
	{ "pidns_foreign_newpid", "NEWPID from the init of a pid ns of another user ns: EINVAL",
	  EINVAL, "V-34", CLONE(CLONE_NEWPID | SIGCHLD, STACK), HELPER(pidns_foreign, 0, 0) },
	/*
	 * kernel/pid.c:alloc_pid() and its callers' limits on set_tid and pid
	 * namespaces, each outcome decided by the boundary a model mutant moves.
	 */
	/* copy_clone_args_from_user(): set_tid_size > MAX_PID_NS_LEVEL (32) before V-34 */
	{ "nobody_newns_set_tid_33", "clone3 NEWNS, set_tid_size 33 as nobody: V-04's EINVAL "
	  "before V-34's EPERM", EINVAL, "V-04", CLONE3(CLONE_NEWNS, SIGCHLD, SET_TID(33, 1)),
	  HELPER(nobody, 0, 0) },
	/* up to 6.18 each level tests its reaper before the capability; 7.2 after it
	 * (6.19 .. 7.1 unpinned: the model allows either; Debian's 6.19.14 tests it first) */
	{ "unshared_userns_set_tid_2", "unshare(NEWUSER|NEWPID); set_tid {2, 1}: no reaper "
	  "(EINVAL) before init ns EPERM; 7.2+ EPERM", EPERM, "V-38",
	  CLONE3(0, SIGCHLD, SET_TID(2, 2, 1)), HELPER(unshare, CLONE_NEWUSER | CLONE_NEWPID, 0),
	  .since = 702, .before_err = EINVAL, .before_rule = "V-38" },
	/* 6.14+: a level's own pid_max BPF does not read, lowered below set_tid */
	{ "pidns_lowered_set_tid", "level 2 below a level-1 ns of pid_max 301; set_tid "
	  "{50, 1000}: EINVAL", EINVAL, "V-38", CLONE3(0, SIGCHLD, SET_TID(2, 50, 1000)),
	  HELPER(pidns_lowered, 301, 0) },
	{ "pidns_lowered_set_tid_below", "the same with set_tid {50, 300}: allocated", 0, "R-33",
	  CLONE3(0, SIGCHLD, SET_TID(2, 50, 300)), HELPER(pidns_lowered, 301, 0) },
	/* copy_semundo(): get_undo_list() allocates the caller's list, shared */
	{ "sysvsem_first", "clone SYSVSEM of a helper without an undo list: a new one", 0,
	  "R-10", CLONE(CLONE_SYSVSEM | SIGCHLD, STACK), .helper = true },
	/*
	 * Injected faults (wl_inject.c, bpf/inject.bpf.c): the helper arms a plan
	 * for its own next clone; the model predicts from the plan.  The fmod_ret
	 * and cgroup_can_fork kinds need a kernel that loads fentry programs, and
	 * are skipped elsewhere (workload_case_skip()).
	 */
	{ "inject_signal_gate", "SIGUSR1 at the helper's fork entry: ERESTARTNOINTR, restarted",
	  0, "V-20", FORK(), HELPER(inject, MODEL_INJ_SIGNAL_GATE, SIGUSR1) },
	{ "inject_sigkill_late", "SIGKILL from cgroup_can_fork: EINTR, the helper dies",
	  EINTR, "V-47", FORK(), HELPER(inject, MODEL_INJ_SIGKILL_LATE, SIGKILL) },
	/* the same SIGKILL where fentry is refused: from the task_struct's slab allocation */
	{ "inject_sigkill_slab_vfork", "SIGKILL at task_struct's allocation, VM|VFORK: EINTR",
	  EINTR, "V-47", CLONE(CLONE_VM | CLONE_VFORK | SIGCHLD, STACK),
	  HELPER(inject, MODEL_INJ_SIGKILL_SLAB, SIGKILL) },
	{ "inject_sigkill_slab_fork", "SIGKILL at task_struct's allocation, fork: dup_mmap ENOMEM",
	  ENOMEM, "V-33", FORK(), HELPER(inject, MODEL_INJ_SIGKILL_SLAB, SIGKILL) },
	{ "inject_task_alloc", "fmod_ret security_task_alloc EPERM: fork fails EPERM",
	  EPERM, "V-28", FORK(), HELPER(inject, MODEL_INJ_TASK_ALLOC, EPERM) },
	{ "inject_prepare_creds", "fmod_ret security_prepare_creds EACCES: fork fails ENOMEM",
	  ENOMEM, "V-22", FORK(), HELPER(inject, MODEL_INJ_PREPARE_CREDS, EACCES) },
	{ "inject_create_user_ns", "fmod_ret security_create_user_ns EPERM: NEWUSER fails EPERM",
	  EPERM, "V-22", CLONE(CLONE_NEWUSER | SIGCHLD),
	  HELPER(inject, MODEL_INJ_CREATE_USER_NS, EPERM) },
	{ "inject_vm_enough_memory", "fmod_ret security_vm_enough_memory_mm: fork fails ENOMEM",
	  ENOMEM, "V-33", FORK(), HELPER(inject, MODEL_INJ_VM_ENOUGH_MEMORY, ENOMEM) },
	{ "inject_file_alloc", "fmod_ret security_file_alloc ENFILE: clone3 PIDFD fails ENFILE",
	  ENFILE, "V-41", CLONE3(CLONE_PIDFD, SIGCHLD, .pidfd = WL_MEM),
	  HELPER(inject, MODEL_INJ_FILE_ALLOC, ENFILE) },
	/*
	 * Clones the kernel makes (wl_kmade.c), each in a helper: no clone
	 * syscall, judged from copy_process()'s arguments (fentry, kprobe) or
	 * from the creator's context (tracepoint).
	 */
	{ "io_wq_worker", "io_uring NOP with IOSQE_ASYNC: io-wq makes a worker thread", 0,
	  "E-06", .fn = wl_kmade_io_wq, .kmade = true },
	{ "io_sqpoll", "io_uring_setup(SQPOLL): the ring's poller thread", 0, "X-14",
	  .fn = wl_kmade_sqpoll, .kmade = true },
	{ "kthread_cpumap", "a BPF CPUMAP entry: kthreadd makes its cpumap kthread", 0, "R-28",
	  .fn = wl_kmade_kthread, .kmade = true },
	{ "vhost_worker", "/dev/vhost-net VHOST_SET_OWNER: the device's worker (6.4+: no files)",
	  0, "R-08", .fn = wl_kmade_vhost, .kmade = true },
#if defined(__aarch64__)
	{ "tpidr_fork", "fork right after tpidr_el0 is written: the child gets the register",
	  0, "R-35", .fn = case_tpidr_fork },
#endif
#if defined(__x86_64__)
	{ "clone3_stack_at_limit", "clone3 stack ending at TASK_SIZE_MAX (4-level)", 0, "R-35",
	  CLONE3(0, SIGCHLD), SETUP(stack_end, 0, 0) },
	{ "clone3_stack_past_limit", "clone3 stack ending 1 byte past TASK_SIZE_MAX: EINVAL",
	  EINVAL, "V-04", CLONE3(0, SIGCHLD), SETUP(stack_end, 1, 0) },
	{ "settls_limit_m1", "clone SETTLS TASK_SIZE_MAX - 1: accepted", 0, "R-35",
	  CLONE(CLONE_SETTLS | SIGCHLD, STACK), SETUP(tls_at_limit, -1, 0) },
	{ "settls_limit", "clone SETTLS TASK_SIZE_MAX: EPERM", EPERM, "V-36",
	  CLONE(CLONE_SETTLS | SIGCHLD, STACK), SETUP(tls_at_limit, 0, 0) },
	{ "clone3_settls_limit_m1", "clone3 SETTLS TASK_SIZE_MAX - 1: accepted", 0, "R-35",
	  CLONE3(CLONE_SETTLS, SIGCHLD), SETUP(tls_at_limit, -1, 0) },
	{ "clone3_settls_limit", "clone3 SETTLS TASK_SIZE_MAX: EPERM", EPERM, "V-36",
	  CLONE3(CLONE_SETTLS, SIGCHLD), SETUP(tls_at_limit, 0, 0) },
#endif
};

const struct wl_case *workload_cases(size_t *n)
{
	*n = ARRAY_SIZE(cases);
	return cases;
}

struct wl_expect wl_case_expected(const struct wl_case *c, int kver)
{
	if (c->since && kver < c->since)
		return (struct wl_expect){ c->before_err, c->before_rule };
	return (struct wl_expect){ c->expect_err, c->rule };
}

int wl_kernel_version(void)
{
	struct utsname u;
	int major, minor;

	if (uname(&u) || sscanf(u.release, "%d.%d", &major, &minor) != 2)
		return 0;
	return major * 100 + minor;
}

/* ------------------------------------------------------------ the runner */

static atomic_int stop_requested;

void workload_request_stop(void)
{
	atomic_store(&stop_requested, 1);
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

const char *workload_case_skip(const struct wl_case *c)
{
	if (c->fn == wl_kmade_io_wq || c->fn == wl_kmade_sqpoll)
		return wl_kmade_io_uring_skip();
	if (c->fn == wl_kmade_kthread)
		return wl_kmade_kthread_skip();
	if (c->fn == wl_kmade_vhost)
		return wl_kmade_vhost_skip();
	if (c->setup.fn == wl_setup_nproc_uid && c->setup.b >= 0)
		return wl_cap_unavailable(c->setup.b);
	if (c->setup.fn == wl_setup_pidns_full || c->setup.fn == wl_setup_pidns_lowered)
		return wl_pidns_pid_max_unavailable();
	if (c->setup.fn == wl_setup_sysctl)
		return wl_sysctl_skip(c->setup.a);
	if (c->setup.fn == wl_setup_uclamp)
		return wl_uclamp_unavailable();
	if (c->setup.fn == wl_setup_into_cgroup && c->setup.a == WL_CG_CPUSET)
		return wl_cg_cpuset_unavailable();
	return c->setup.fn == wl_setup_inject ? wl_inject_unavailable(c->setup.a) : NULL;
}

/*
 * An injected case's helper: its plan is forgotten whatever became of it;
 * the one that injects SIGKILL (V-47) must die of it, never return.
 */
static int inject_done(const struct wl_case *c, struct wl_result *res, int err)
{
	wl_inject_forget();
	if (c->setup.a != MODEL_INJ_SIGKILL_LATE && c->setup.a != MODEL_INJ_SIGKILL_SLAB)
		return err;
	if (err != -ECHILD || res->signaled != SIGKILL)
		return err ? err : -EPROTO;
	return 0;
}

/* One case: its body, or its call here or in a helper. */
static int run_case(const struct wl_case *c, struct wl_result *res)
{
	int err;

	res->skipped = workload_case_skip(c);
	if (res->skipped)
		return 0;
	if (c->fn)
		return c->fn(res);
	if (!c->helper)
		return run_call(c, res, false);
	if (c->setup.fn == wl_setup_inject) {
		err = wl_inject_hold(c->setup.a, true);
		if (err)
			return err;
	}
	err = wl_in_helper(res, run_helper_call, c);
	if (c->setup.fn == wl_setup_inject) {
		wl_inject_hold(c->setup.a, false);
		err = inject_done(c, res, err);
	}
	/* the child of a helper's CLONE_PARENT is ours to reap */
	if ((c->call.flags & CLONE_PARENT) && res->child > 0)
		wl_wait_child(res->child);
	return err;
}

int workload_run(struct wl_result *res)
{
	size_t n;
	const struct wl_case *c = workload_cases(&n);
	int err = 0;

	memset(res, 0, n * sizeof(*res));
	wl_cg_open();
	for (size_t i = 0; i < n && !err; i++) {
		if (atomic_exchange(&stop_requested, 0)) {
			err = -EINTR;
			break;
		}
		/* published for workload_case_at() on the consumer's thread */
		__atomic_store_n(&res[i].t_start, now_ns(), __ATOMIC_RELEASE);
		err = run_case(&c[i], &res[i]);
		if (err)
			log_error("workload case %s could not run: %s", c[i].name, strerror(-err));
		else if (!res[i].skipped)
			__atomic_store_n(&res[i].done, 1, __ATOMIC_RELEASE);
		__atomic_store_n(&res[i].t_end, now_ns(), __ATOMIC_RELEASE);
	}
	wl_cg_close();
	return err;
}

int workload_case_at(const struct wl_result *res, uint64_t ts_ns)
{
	size_t n;
	int at = -1;

	workload_cases(&n);
	/* the cases run one after another: the last one begun by ts_ns, if
	 * it is still running or ran (a case that could not run has no clone) */
	for (size_t i = 0; i < n; i++) {
		uint64_t start = __atomic_load_n(&res[i].t_start, __ATOMIC_ACQUIRE);
		uint64_t end = __atomic_load_n(&res[i].t_end, __ATOMIC_ACQUIRE);

		if (!start || start > ts_ns)
			continue;
		if (end && (ts_ns > end || !__atomic_load_n(&res[i].done, __ATOMIC_ACQUIRE)))
			continue;
		at = (int)i;
	}
	return at;
}
