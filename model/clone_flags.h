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
/* include/uapi/linux/sched.h (7.2.13; mainline 7.1, E-25): clone3 only */
#define MODEL_CLONE_AUTOREAP		(1ULL << 34)	/* auto-reap child on exit */
#define MODEL_CLONE_NNP			(1ULL << 35)	/* no_new_privs in the child */
#define MODEL_CLONE_PIDFD_AUTOKILL	(1ULL << 36)	/* kill child on pidfd close */
#define MODEL_CLONE_EMPTY_MNTNS		(1ULL << 37)	/* empty mount namespace */

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

/* kernel/fork.c:clone3_args_valid() (v7.2): the flags clone3 accepts on 7.1+ */
#define MODEL_CLONE3_FLAGS_7_1	(MODEL_CLONE_LEGACY_FLAGS | MODEL_CLONE_CLEAR_SIGHAND | \
				 MODEL_CLONE_INTO_CGROUP | MODEL_CLONE_AUTOREAP | \
				 MODEL_CLONE_NNP | MODEL_CLONE_PIDFD_AUTOKILL | \
				 MODEL_CLONE_EMPTY_MNTNS)

/*
 * include/uapi/linux/pidfd.h, include/uapi/asm-generic/fcntl.h (v7.2): the
 * pidfd file's f_flags bits PIDFD_THREAD = O_EXCL, PIDFD_AUTOKILL = O_TRUNC.
 */
#define MODEL_PIDFD_THREAD		0x00000080u
#define MODEL_PIDFD_AUTOKILL		0x00000200u

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
#define MODEL_PF_NOFREEZE		0x00008000u
#define MODEL_PF_NPROC_EXCEEDED		0x00001000u
#define MODEL_PF_USER_WORKER		0x00004000u	/* 6.4+ */
#define MODEL_PF_KTHREAD		0x00200000u
#define MODEL_PF_RANDOMIZE		0x00400000u
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
#define MODEL_ENOENT			2
#define MODEL_EINTR			4
#define MODEL_EBADF			9
#define MODEL_EACCES			13
#define MODEL_EBUSY			16
#define MODEL_ENODEV			19
#define MODEL_ENFILE			23
#define MODEL_EOPNOTSUPP		95

/* include/uapi/linux/capability.h */
#define MODEL_CAP_SYS_ADMIN		21
#define MODEL_CAP_CHECKPOINT_RESTORE	40
#define MODEL_CAP_FULL_SET		((1ULL << 41) - 1)	/* CAP_LAST_CAP 40 */

/* include/uapi/asm-generic/signal.h: signal numbers (x86_64 and arm64) */
#define MODEL_SIGKILL			9
#define MODEL_SIGSTOP			19
/* sigmask(sig) in sig[0] */
#define MODEL_SIGMASK(sig)		(1ULL << ((sig) - 1))

/* include/uapi/linux/signal.h */
#define MODEL_SS_DISABLE		2

/* include/linux/ptrace.h, include/uapi/linux/ptrace.h */
#define MODEL_PT_PTRACED		0x00000001u
#define MODEL_PT_SEIZED			0x00010000u
#define MODEL_PT_OPT_FLAG_SHIFT		3
#define MODEL_PT_EVENT_FLAG(ev)		(1u << (MODEL_PT_OPT_FLAG_SHIFT + (ev)))
#define MODEL_PTRACE_EVENT_FORK		1
#define MODEL_PTRACE_EVENT_VFORK	2
#define MODEL_PTRACE_EVENT_CLONE	3

/* include/linux/sched/jobctl.h */
#define MODEL_JOBCTL_TRAP_STOP		(1ULL << 19)
#define MODEL_JOBCTL_TRAP_FREEZE	(1ULL << 23)

/* include/uapi/linux/magic.h */
#define MODEL_STACK_END_MAGIC		0x57AC6E9DULL

/*
 * arch/arm64/include/asm/preempt.h: PREEMPT_ENABLED = PREEMPT_NEED_RESCHED
 * = BIT(32) (inverted need-resched bit); include/linux/preempt.h:
 * FORK_PREEMPT_COUNT = 2 * PREEMPT_DISABLE_OFFSET + PREEMPT_ENABLED, with
 * PREEMPT_DISABLE_OFFSET = 1 under CONFIG_PREEMPT_COUNT, else 0.
 */
#define MODEL_ARM64_PREEMPT_ENABLED	(1ULL << 32)

/*
 * arch/arm64/include/asm/processor.h: TASK_SIZE_MAX = 1 << VA_BITS
 * (CONFIG_ARM64_VA_BITS, 48 or 52 on Debian); kernel addresses lie in
 * [2^64 - 2^52, 2^64) whatever the VA size, so a saved fp of 0 gives
 * fp - &pt_regs->stackframe in [1, 2^52] (X-13 on 5.10).
 */
#define MODEL_ARM64_TASK_SIZE_MAX_48	(1ULL << 48)
#define MODEL_ARM64_TASK_SIZE_MAX_52	(1ULL << 52)
#define MODEL_ARM64_KVA_SPAN		(1ULL << 52)

/* arch/x86/include/asm/switch_to.h: struct inactive_task_frame (x86_64) */
#define MODEL_X86_64_INACTIVE_FRAME_SIZE 56	/* r15 r14 r13 r12 bx bp ret_addr */

/*
 * arch/x86/include/asm/page_64_types.h: TASK_SIZE_MAX = (1 << 47 or 56) -
 * PAGE_SIZE for 4- or 5-level paging (errata X-9).
 */
#define MODEL_X86_TASK_SIZE_MAX_4L	((1ULL << 47) - MODEL_PAGE_SIZE)
#define MODEL_X86_TASK_SIZE_MAX_5L	((1ULL << 56) - MODEL_PAGE_SIZE)

/* include/linux/threads.h */
#define MODEL_PID_MAX_LIMIT		4194304	/* 64-bit, !BASE_SMALL */
/* include/linux/pid.h (kernel/pid.c): the numbers a wrapped pid ns skips */
#define MODEL_RESERVED_PIDS		300
/* include/linux/pid_namespace.h: pid_allocated's "still adding" bit */
#define MODEL_PIDNS_ADDING		(1U << 31)

/*
 * include/linux/sched/coredump.h (v5.10.223: 27; v6.1.176, v6.12.117: 26
 * after MMF_OOM_VICTIM went), include/linux/mm_types.h (v7.2.13: 26)
 */
#define MODEL_MMF_MULTIPROCESS_5_10	27
#define MODEL_MMF_MULTIPROCESS		26

/* include/uapi/linux/capability.h */
#define MODEL_CAP_SYS_RESOURCE		24

/* include/uapi/asm-generic/fcntl.h (x86_64 and arm64) */
#define MODEL_O_WRONLY			0x00000001u
#define MODEL_O_RDWR			0x00000002u

/* include/uapi/asm-generic/resource.h: RLIM_INFINITY as unsigned long */
#define MODEL_RLIM_INFINITY		(~0ULL)

/* include/linux/fdtable.h: NR_OPEN_DEFAULT = BITS_PER_LONG; sysctl_nr_open_min */
#define MODEL_NR_OPEN_DEFAULT		64

/* include/uapi/linux/ioprio.h, include/linux/ioprio.h:ioprio_valid() */
#define MODEL_IOPRIO_CLASS_SHIFT	13
#define MODEL_IOPRIO_CLASS_MASK		7
#define MODEL_IOPRIO_CLASS_IDLE		3

/* kernel/sched/sched.h: SCHED_CAPACITY_SCALE = uclamp_none(UCLAMP_MAX) */
#define MODEL_SCHED_CAPACITY_SCALE	1024

/* kernel/fork.c:create_io_thread(), kernel/vhost_task.c, kernel/fork.c:kernel_thread() */
#define MODEL_IO_THREAD_FLAGS	(MODEL_CLONE_FS | MODEL_CLONE_FILES | \
				 MODEL_CLONE_SIGHAND | MODEL_CLONE_THREAD | \
				 MODEL_CLONE_IO | MODEL_CLONE_VM | \
				 MODEL_CLONE_UNTRACED)
#define MODEL_VHOST_TASK_FLAGS	(MODEL_CLONE_FS | MODEL_CLONE_UNTRACED | \
				 MODEL_CLONE_VM | MODEL_CLONE_THREAD | \
				 MODEL_CLONE_SIGHAND)

#endif /* CLONECHECK_CLONE_FLAGS_H */
