/* SPDX-License-Identifier: GPL-2.0 */
/*
 * workload.h - the built-in conformance workload: a table of named cases,
 * each about one clone through one entry point (simfail-style), made by
 * this process or by a helper process the case forks first.
 *
 * Most cases are declared, not written: a row gives the creating call
 * (struct wl_call: legacy clone, clone3 or fork, with its flags and
 * arguments) and, optionally, a setup (struct wl_setup) that prepares the
 * caller first (a policy, a credential, a namespace, a tracer, a cgroup)
 * and may adjust the arguments.  A row with .helper set is made by a forked
 * helper process, so that what the setup changes is never clonecheck's own.
 * The few cases that need a body of their own (libc entry points) give .fn.
 *
 * Threads and process-wide state.  workload_run() may run on any thread
 * (e.g. a second one, while the main thread drains the BPF ring buffer):
 * - It assumes nothing of the main thread, and changes nothing
 *   process-wide: no signal handler, disposition or process signal mask,
 *   rlimit, cwd, umask, credential, namespace, scheduling policy, nice
 *   value, io priority or CPU affinity of the process or of any of its
 *   threads.  Every case that needs one of these runs in a forked helper.
 *   An exit signal other than SIGCHLD (delivered to whichever thread does
 *   not block it) is only ever sent to a helper.  It mounts nothing on any
 *   path: a cgroup2 hierarchy it has to mount is a detached mount, gone
 *   with its fd.
 * - It creates threads and children of its own and waits for each by its
 *   id (__WALL), never waitpid(-1).  Other threads must not reap them
 *   either (no wait()/waitpid(-1) while it runs) nor set SIGCHLD to SIG_IGN
 *   (the kernel would reap them).  A SIGCHLD handler may run on any thread;
 *   its waits retry on EINTR.
 * - Children inherit the calling thread's signal mask and policy: the
 *   model predicts from what BPF reads, so any is fine.
 * - Helpers die (SIGKILL) with the thread that forked them: the calling
 *   thread must not exit before workload_run() returns.  With the process
 *   killed, its helpers die with it and release what they inherited (the
 *   BPF fds among it).
 * - One workload_run() at a time per process: the cases share static
 *   buffers (the case stack, the tid and pidfd words).
 * - A case that cannot run is reported with log_error(), which keeps its
 *   message in a static buffer: another thread should not log meanwhile.
 * - workload_request_stop() is async-signal-safe and may be called from any
 *   thread or signal handler: workload_run() stops before its next case and
 *   returns -EINTR (a request made while no run is going on stops the next).
 * After a SIGKILL of the process, the next workload_run() removes the
 * clonecheck-wl-<pid>-* cgroups whose owner is gone (wl_cgroup.h).
 */
#ifndef CLONECHECK_WORKLOAD_H
#define CLONECHECK_WORKLOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct wl_result {
	long ret;		/* what the creating call returned: child tid (in the
				 * caller's pid ns) or -errno */
	pid_t child;		/* the case's child's tid (global), 0 if none */
	int done;		/* the case ran */
	uint64_t t_start;	/* CLOCK_MONOTONIC ns around the case: the clock */
	uint64_t t_end;		/* bpf_ktime_get_ns() stamps records with */
	int signaled;		/* the helper was killed by this signal (0: not) */
	const char *skipped;	/* why the case did not run here, or NULL */
};

/* What a pointer argument of a declared call points at. */
enum wl_ptr {
	WL_NULL = 0,		/* 0 */
	WL_MEM,			/* memory of ours that fits the field: a tid word, a
				 * pidfd word, the case stack, the set_tid values */
	WL_BAD,			/* an unmapped address (8) */
	WL_ALIAS,		/* (clone3 parent_tid) the pidfd word itself */
};

/* The creating syscall of a declared call. */
enum wl_entry {
	WL_CLONE = 1,		/* legacy clone(2), the arch's argument order */
	WL_CLONE3,		/* clone3(2) */
	WL_FORK,		/* fork(2) (clone(SIGCHLD) where there is none) */
};

/* A set_tid value replaced by the caller's own pid when the call is made. */
#define WL_SELF INT32_MIN

/*
 * One creating call, declared.  Its child (if any) exits at once from
 * assembly, touching no memory, so any flags are safe (VM, VFORK, THREAD).
 * The caller waits for it: __WALL for a process, the tid gone for a thread.
 */
struct wl_call {
	enum wl_entry entry;
	uint64_t flags;		/* legacy clone: with the exit signal in the low byte */
	uint64_t exit_signal;	/* clone3 */
	enum wl_ptr pidfd;	/* legacy clone: passed as parent_tid */
	enum wl_ptr ptid;	/* parent_tid */
	enum wl_ptr ctid;	/* child_tid */
	enum wl_ptr stack_at;	/* WL_MEM: the case stack (legacy: newsp at its top) */
	uint64_t stack;		/* clone3, without stack_at: literal stack ... */
	uint64_t stack_size;	/* ... and stack_size */
	enum wl_ptr tls_at;	/* WL_MEM: a user address in the case stack */
	uint64_t tls;		/* without tls_at: the literal TLS value */
	enum wl_ptr set_tid_at;	/* clone3 set_tid: WL_MEM = set_tid[] below */
	int32_t set_tid[4];	/* the first values (the rest are 0); WL_SELF */
	uint32_t set_tid_size;	/* clone3 set_tid_size (up to 33) */
	uint64_t cgroup;	/* clone3 cgroup fd (a setup may open one) */
	uint32_t size;		/* clone3 size argument, 0 = sizeof(struct clone_args) */
	uint64_t tail;		/* clone3: the 8 bytes at offset 88, past VER2 */
	bool args_bad;		/* clone3: the struct pointer is unmapped (8) */
};

struct wl_ctx;

/*
 * Prepares the process that makes a declared call: runs in it, just before
 * the call.  May adjust ctx->call, set ctx->undo (run in the same process
 * after the call, or after the setup failed) and, in a helper only, fork:
 * the process that returns 0 makes the call, the one that waited for it
 * returns WL_SUPERVISED.  0 or -errno (the case could not run).
 */
struct wl_setup {
	int (*fn)(struct wl_ctx *x, long a, long b);
	long a, b;		/* its arguments, as the row gives them */
};

/*
 * A setup's return in a process that forked the caller (a tracer, an outer
 * pid namespace) and waited for it: this process makes no call.
 */
#define WL_SUPERVISED 1

/* What a setup sees and may change: the call about to be made. */
struct wl_ctx {
	struct wl_call call;	/* the row's call; a setup may adjust it */
	bool helper;		/* this process is a forked helper (setups that
				 * change the process refuse to run otherwise) */
	int (*undo)(struct wl_ctx *x); /* what setup changed, undone; or NULL */
	int (*before_wait)(struct wl_ctx *x); /* after a clone that made a child,
				 * before it is waited for; or NULL */
	int fd;			/* a descriptor undo closes, or -1 */
	bool nested;		/* the caller is in a nested pid ns: child's
				 * global tid looked up from its pidfd */
	char path[256];		/* a directory undo removes, or "" */
};

struct wl_case {
	const char *name;	/* short, unique */
	const char *desc;	/* one line */
	int expect_err;		/* errno the case must fail with, 0 = must succeed */
	const char *rule;	/* the rule the case is about, e.g. "V-13" */
	int (*fn)(struct wl_result *res); /* a body of its own: 0, or -errno if
					   * the case could not run; or, without fn: */
	struct wl_call call;	/* the one call the case is about */
	struct wl_setup setup;	/* what prepares the caller, optional */
	bool helper;		/* made in a forked helper process, which the
				 * setup may change at will */
	int since;		/* the first kernel (major * 100 + minor) where
				 * expect_err and rule hold, 0 = every kernel; */
	int before_err;		/* before it, what the call gives instead (0 = it
				 * succeeds) ... */
	const char *before_rule; /* ... and the rule that judges that */
	bool kmade;		/* the case's clone is made by the kernel, not a
				 * clone syscall (io_uring, kthreadd): res->child
				 * is that task and no return value is seen */
};

/* What a case must give on one kernel: 0 or an errno, and the rule judging it. */
struct wl_expect {
	int err;
	const char *rule;
};

/*
 * The one source of truth for a case's outcome: on a kernel of version
 * kver (major * 100 + minor), expect_err and rule, or before the case's
 * since, before_err and before_rule.
 */
struct wl_expect wl_case_expected(const struct wl_case *c, int kver);
/* The running kernel's version (major * 100 + minor) from uname(2); 0 if unknown. */
int wl_kernel_version(void);

const struct wl_case *workload_cases(size_t *n);
/*
 * Why this kernel cannot run the case (an injection it refuses: needs
 * fentry/fmod_ret; a capability the system's bounding set lacks), or NULL.  A skipped case makes no clone, is not done,
 * and says why in its result.
 */
const char *workload_case_skip(const struct wl_case *c);
/* Run every case in order; res has one slot per case.  0 or -errno. */
int workload_run(struct wl_result *res);
/* Ask a running workload_run() to stop after its current case. */
void workload_request_stop(void);
/* The case whose time window holds ts_ns, or -1. */
int workload_case_at(const struct wl_result *res, uint64_t ts_ns);

#endif /* CLONECHECK_WORKLOAD_H */
