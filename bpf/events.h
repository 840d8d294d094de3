/* SPDX-License-Identifier: GPL-2.0 */
/*
 * events.h - the wire ABI between bpf/clonecheck.bpf.c and src/decode.c.
 *
 * Every ring-buffer record starts with struct rec_hdr.  clone_id is assigned
 * by BPF at the first point a clone is seen (syscall entry, or task_newtask
 * for clones without a syscall) and ties all records of that clone together;
 * the correlator keys on it, never on pids.  Fixed-width types only, no
 * pointers, no includes.
 */
#ifndef CLONECHECK_EVENTS_H
#define CLONECHECK_EVENTS_H

#define CC_COMM_LEN 16
#define CC_UARGS_MAX 128	/* bytes of struct clone_args read at clone3 entry */
#define CC_SET_TID_MAX 32	/* MAX_PID_NS_LEVEL */

enum rec_type {
	REC_SYS_ENTER = 1,	/* struct rec_sys_enter: O-01, parent's syscall entry */
	REC_NEWTASK = 2,	/* struct rec_task_point: O-02 task_newtask */
	REC_FORK = 3,		/* struct rec_task_point: O-03 sched_process_fork */
	REC_WAKEUP = 4,		/* struct rec_task_point: O-04 sched_wakeup_new */
	REC_SYS_EXIT = 5,	/* struct rec_ret: O-05, parent's syscall exit */
	REC_CHILD_RET = 6,	/* struct rec_ret: O-06, the child's own syscall exit */
	REC__MAX
};

/* Which syscall a record came from (rec_sys_enter.entry, rec_ret.entry). */
enum rec_entry {
	REC_ENTRY_FORK = 0,
	REC_ENTRY_VFORK = 1,
	REC_ENTRY_CLONE = 2,
	REC_ENTRY_CLONE3 = 3,
	REC_ENTRY_NONE = 255,	/* no syscall: kernel thread, io worker, ... */
};

/* rec_sys_enter.uargs_flags */
#define REC_UARGS_FAULT		(1u << 0)	/* reading struct clone_args faulted */
#define REC_UARGS_TAIL_NONZERO	(1u << 1)	/* a byte in [88, size) is non-zero */
#define REC_UARGS_TAIL_UNSEEN	(1u << 2)	/* size > CC_UARGS_MAX: tail not read */
#define REC_SET_TID_FAULT	(1u << 3)	/* reading the set_tid array faulted */

struct rec_hdr {
	__u32 type;		/* enum rec_type */
	__u32 size;		/* whole record, bytes */
	__u64 ts_ns;		/* bpf_ktime_get_ns() */
	__u64 clone_id;		/* BPF-assigned, unique per clone per run */
};

/* A task's state at one point: parent snapshot or child observation. */
struct rec_task {
	__u64 mm;		/* identities: kernel pointers, compared only */
	__u64 files;
	__u64 fs;
	__u64 sighand;
	__u64 signal;
	__u64 task;		/* the task_struct itself */
	__u64 cpus_mask;	/* first word of *cpus_ptr */
	__u32 pid;
	__u32 tgid;
	__u32 real_parent_pid;
	__u32 ns_level;		/* thread_pid->level */
	__u32 state;		/* __state (or state before 5.14) */
	__s32 on_rq;
	__s32 exit_signal;
	__u32 flags;		/* PF_* */
	__u32 signal_flags;	/* signal->flags */
	__s32 group_exit_signal; /* group_leader->exit_signal */
	__u32 policy;
	__s32 prio;
	__s32 static_prio;
	__s32 normal_prio;
	__u32 rt_priority;
	__u32 reset_on_fork;
	__u32 cpu;
	__u32 nr_cpus_allowed;
	char comm[CC_COMM_LEN];
};

/* REC_SYS_ENTER */
struct rec_sys_enter {
	struct rec_hdr hdr;
	__u32 entry;		/* enum rec_entry */
	__u32 uargs_flags;	/* REC_UARGS_* */
	__u64 args[5];		/* raw syscall arguments (clone3: uargs, size) */
	__u8 uargs[CC_UARGS_MAX]; /* clone3: struct clone_args as read, zero-filled */
	__u32 set_tid[CC_SET_TID_MAX]; /* clone3: set_tid array as read */
	struct rec_task parent;	/* the calling thread */
};

/* REC_NEWTASK, REC_FORK, REC_WAKEUP */
struct rec_task_point {
	struct rec_hdr hdr;
	__u64 clone_flags;	/* task_newtask's clone_flags; 0 elsewhere */
	__u32 creator_pid;	/* current->pid at this point */
	__u32 entry;		/* enum rec_entry of the creating syscall */
	struct rec_task child;
};

/* REC_SYS_EXIT, REC_CHILD_RET */
struct rec_ret {
	struct rec_hdr hdr;
	__s64 ret;		/* syscall return value */
	__u32 entry;		/* enum rec_entry */
	__u32 pid;		/* current->pid */
};

#endif /* CLONECHECK_EVENTS_H */
