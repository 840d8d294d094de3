/* SPDX-License-Identifier: GPL-2.0 */
/*
 * clone_flags.h - kernel constants the model needs, copied from the v6.18
 * tree with their source named.  Everything carries a MODEL_ prefix so that
 * src/ can include model.h next to <sched.h>, <signal.h> and <errno.h>.
 *
 * Includes nothing: model/ uses only <stdint.h>, <stdbool.h>, <stddef.h>.
 */
#ifndef CLONECHECK_CLONE_FLAGS_H
#define CLONECHECK_CLONE_FLAGS_H

/* include/uapi/linux/sched.h: clone flags (unchanged 5.10 -> 6.18) */
#define MODEL_CSIGNAL			0x000000ffULL	/* exit signal byte */
#define MODEL_CLONE_NEWTIME		0x00000080ULL	/* inside CSIGNAL; clone3 only */
#define MODEL_CLONE_VM			0x00000100ULL
#define MODEL_CLONE_FS			0x00000200ULL
#define MODEL_CLONE_FILES		0x00000400ULL
#define MODEL_CLONE_SIGHAND		0x00000800ULL
#define MODEL_CLONE_PIDFD		0x00001000ULL
#define MODEL_CLONE_PTRACE		0x00002000ULL
#define MODEL_CLONE_VFORK		0x00004000ULL
#define MODEL_CLONE_PARENT		0x00008000ULL
#define MODEL_CLONE_THREAD		0x00010000ULL
#define MODEL_CLONE_NEWNS		0x00020000ULL
#define MODEL_CLONE_SYSVSEM		0x00040000ULL
#define MODEL_CLONE_SETTLS		0x00080000ULL
#define MODEL_CLONE_PARENT_SETTID	0x00100000ULL
#define MODEL_CLONE_CHILD_CLEARTID	0x00200000ULL
#define MODEL_CLONE_DETACHED		0x00400000ULL
#define MODEL_CLONE_UNTRACED		0x00800000ULL
#define MODEL_CLONE_CHILD_SETTID	0x01000000ULL
#define MODEL_CLONE_NEWCGROUP		0x02000000ULL
#define MODEL_CLONE_NEWUTS		0x04000000ULL
#define MODEL_CLONE_NEWIPC		0x08000000ULL
#define MODEL_CLONE_NEWUSER		0x10000000ULL
#define MODEL_CLONE_NEWPID		0x20000000ULL
#define MODEL_CLONE_NEWNET		0x40000000ULL
#define MODEL_CLONE_IO			0x80000000ULL
#define MODEL_CLONE_CLEAR_SIGHAND	(1ULL << 32)	/* clone3 only */
#define MODEL_CLONE_INTO_CGROUP		(1ULL << 33)	/* clone3 only */

/* kernel/fork.c: CLONE_LEGACY_FLAGS is lower_32_bits */
#define MODEL_CLONE_LEGACY_FLAGS	0xffffffffULL

/* kernel/nsproxy.c:copy_namespaces(): flags that make a new nsproxy (V-34) */
#define MODEL_CLONE_NEWNS_ANY	(MODEL_CLONE_NEWNS | MODEL_CLONE_NEWUTS | \
				 MODEL_CLONE_NEWIPC | MODEL_CLONE_NEWPID | \
				 MODEL_CLONE_NEWNET | MODEL_CLONE_NEWCGROUP | \
				 MODEL_CLONE_NEWTIME)

/* include/uapi/linux/sched.h: struct clone_args sizes */
#define MODEL_CLONE_ARGS_SIZE_VER0	64
#define MODEL_CLONE_ARGS_SIZE_VER1	80
#define MODEL_CLONE_ARGS_SIZE_VER2	88

/* include/linux/pid_namespace.h */
#define MODEL_MAX_PID_NS_LEVEL		32

/*
 * arch/{x86,arm64}/include/asm/page*.h: 4096 on x86_64; arm64 may be built
 * with 16K/64K pages, the model assumes 4K (V-04 step 1).
 */
#define MODEL_PAGE_SIZE			4096ULL

/* include/vdso/limits.h */
#define MODEL_INT_MAX			0x7fffffffULL

/* include/uapi/linux/sched.h: scheduling policies */
#define MODEL_SCHED_NORMAL		0
#define MODEL_SCHED_FIFO		1
#define MODEL_SCHED_RR			2
#define MODEL_SCHED_BATCH		3
#define MODEL_SCHED_IDLE		5
#define MODEL_SCHED_DEADLINE		6
#define MODEL_SCHED_EXT			7

/* include/linux/sched/prio.h */
#define MODEL_MAX_RT_PRIO		100
#define MODEL_MAX_DL_PRIO		0
#define MODEL_DEFAULT_PRIO		120	/* NICE_TO_PRIO(0) */

/* include/linux/sched.h: task->flags (same values in 6.1 and 6.18) */
#define MODEL_PF_IDLE			0x00000002u
#define MODEL_PF_IO_WORKER		0x00000010u
#define MODEL_PF_WQ_WORKER		0x00000020u
#define MODEL_PF_FORKNOEXEC		0x00000040u
#define MODEL_PF_SUPERPRIV		0x00000100u
#define MODEL_PF_NPROC_EXCEEDED		0x00001000u
#define MODEL_PF_USER_WORKER		0x00004000u	/* 6.4+ */
#define MODEL_PF_KTHREAD		0x00200000u
#define MODEL_PF_NO_SETAFFINITY		0x04000000u

/* include/linux/sched/signal.h: signal_struct->flags */
#define MODEL_SIGNAL_UNKILLABLE		0x00000040u

/* include/linux/sched.h: task->__state */
#define MODEL_TASK_RUNNING		0x00000000u
#define MODEL_TASK_NEW			0x00000800u

/* kernel/sched/sched.h: task->on_rq */
#define MODEL_TASK_ON_RQ_QUEUED		1

/* include/uapi/asm-generic/signal.h (x86_64 and arm64 alike) */
#define MODEL_SIGCHLD			17
#define MODEL_NSIG			64

/* include/uapi/asm-generic/errno-base.h, errno.h; include/linux/errno.h */
#define MODEL_EPERM			1
#define MODEL_E2BIG			7
#define MODEL_EAGAIN			11
#define MODEL_ENOMEM			12
#define MODEL_EFAULT			14
#define MODEL_EEXIST			17
#define MODEL_EINVAL			22
#define MODEL_EMFILE			24
#define MODEL_ENOSPC			28
#define MODEL_ENOSYS			38
#define MODEL_ERESTARTNOINTR		513	/* kernel-internal */

#endif /* CLONECHECK_CLONE_FLAGS_H */
