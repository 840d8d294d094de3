/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wl_sys.h - the workload's raw system calls: creating calls whose child
 * exits at once from assembly, waits, and the few kernel facts a case
 * needs (the user address limit, a child's global tid).
 */
#ifndef CLONECHECK_WL_SYS_H
#define CLONECHECK_WL_SYS_H

#include <stdint.h>
#include <sys/types.h>

/*
 * Syscall nr with up to five arguments; in the child it creates (return
 * value 0) SYS_exit(0) follows at once, from assembly, so the child touches
 * no memory: safe with CLONE_VM, CLONE_VFORK or CLONE_THREAD and any stack.
 * Returns the raw result: a child tid, or -errno.
 */
long wl_spawn_exit(long nr, long a0, long a1, long a2, long a3, long a4);

/* Legacy clone in the arch's argument order (V-03), child exits at once. */
long wl_clone_exit(uint64_t flags, uint64_t newsp, void *ptid, void *ctid, uint64_t tls);
/* fork(2), or clone(SIGCHLD) where there is no fork syscall; child exits at once. */
long wl_fork_exit(void);

#if defined(__aarch64__)
/*
 * fork (clone(SIGCHLD)) with tpidr_el0 set to tp for the call alone: the
 * register is written right before the svc and restored right after it,
 * with no memory access between (libc's TLS is unusable meanwhile; call
 * it with every signal blocked).  The child exits at once.
 */
long wl_fork_exit_tpidr(uint64_t tp);
#endif

/*
 * Linux 7.1+ clone3 flags (include/uapi/linux/sched.h of 7.2.13; catalogue
 * E.7), absent from older uapi headers.  Older kernels refuse them (V-04).
 */
#define WL_CLONE_AUTOREAP	(1ULL << 34)
#define WL_CLONE_NNP		(1ULL << 35)
#define WL_CLONE_PIDFD_AUTOKILL	(1ULL << 36)
#define WL_CLONE_EMPTY_MNTNS	(1ULL << 37)
#define WL_KERNEL_7_1		701	/* struct wl_case.since: major * 100 + minor */

/* Wait for a child with any exit signal (or none). */
void wl_wait_child(pid_t pid);
/* Wait until a CLONE_THREAD child of this process is gone. */
void wl_wait_thread(pid_t tid);
/* Wait until the kernel clears *word (CLONE_CHILD_CLEARTID). */
void wl_wait_cleared(int32_t *word);

/* The global tid of pid (a child of ours, not yet reaped), or 0. */
pid_t wl_global_pid(pid_t pid);

/*
 * The kernel's highest user address + 1 (x86_64 TASK_SIZE_MAX: 4- or
 * 5-level paging, probed), and the 4-level value every x86_64 kernel accepts.
 */
uint64_t wl_task_size_max(void);
#define WL_TASK_SIZE_MAX_4L ((1ULL << 47) - 4096)

#endif /* CLONECHECK_WL_SYS_H */
