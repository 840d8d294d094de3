/* SPDX-License-Identifier: GPL-2.0 */
/*
 * events.h - the wire ABI between bpf/clonecheck.bpf.c and src/decode.c.
 *
 * Every ring-buffer record starts with struct rec_hdr.  clone_id is assigned
 * by BPF at the first point a clone is seen (syscall entry, or task_newtask
 * for clones without a syscall) and ties all records of that clone together;
 * the correlator keys on it, never on pids.  Fixed-width types only, no
 * pointers; the one include is the list of task members (macros only).
 *
 * Each record is a header then parts, in this order, each present or not
 * per type: the type's own fixed members, a struct rec_task, a struct
 * rec_arch, a struct rec_task_ext.  A part only ever grows at its end, so
 * a trace file written before a member was added still decodes, its parts
 * zero-extended (src/decode.c).
 */
#ifndef CLONECHECK_EVENTS_H
#define CLONECHECK_EVENTS_H

#include "../model/task_fields.h"

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
	REC_COPY_ENTER = 7,	/* struct rec_copy_enter: copy_process entry (fentry/kprobe) */
	REC_SCHED_FORK = 8,	/* struct rec_task_point: sched_fork exit (fexit/kretprobe) */
	REC_COPY_EXIT = 9,	/* struct rec_task_point: copy_process exit (fexit/kretprobe) */
	REC_CLONE_EXIT = 10,	/* struct rec_ret: kernel_clone exit (fexit/kretprobe) */
	REC_FIRST_RUN = 11,	/* struct rec_task_point: O-07, the child's first switch-in;
				 * no longer emitted, decoded for older trace files */
	REC__MAX
};

/*
 * struct clone_args of include/uapi/linux/sched.h, CLONE_ARGS_SIZE_VER2
 * (88 bytes): how rec_sys_enter.uargs is laid out.
 */
struct cc_clone_args {
	__u64 flags;
	__u64 pidfd;
	__u64 child_tid;
	__u64 parent_tid;
	__u64 exit_signal;
	__u64 stack;
	__u64 stack_size;
	__u64 tls;
	__u64 set_tid;
	__u64 set_tid_size;
	__u64 cgroup;
};

/* Record type -> observation point index is (type - 1), see decode.c. */

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

/*
 * A task's state: struct rec_task at every task point (parent snapshot or
 * child observation; at sched_process_fork and sched_wakeup_new only the
 * members a rule judges there, the rest zero: read_task_sched()), struct
 * rec_task_ext beside it at syscall entry and task_newtask (at
 * sched_process_fork and sched_wakeup_new: only the TIDS group, mm_flags
 * at the former and the parent tid word at the latter).  Both are
 * generated from model/task_fields.h, the one list
 * of task members; REC_IN_* bits (rec_task_ext.valid) are the model's
 * MODEL_IN_* bits, from the same list.
 */
#define REC_IN_BIT(G, bit) REC_IN_##G = 1u << (bit),
enum rec_in {
	TASK_GROUPS(REC_IN_BIT)
};
#undef REC_IN_BIT

#define REC_MEMBER_U64(n) __u64 n;
#define REC_MEMBER_S64(n) __s64 n;
#define REC_MEMBER_U32(n) __u32 n;
#define REC_MEMBER_S32(n) __s32 n;
#define REC_MEMBER_C16(n) char n[CC_COMM_LEN];
#define REC_TASK_MEMBER(part, t, n, N, g) TASK_PICK_WIRE_##part(REC_MEMBER_##t(n))
#define REC_EXT_MEMBER(part, t, n, N, g) TASK_PICK_WIREX_##part(REC_MEMBER_##t(n))

struct rec_task {
	TASK_FIELDS(REC_TASK_MEMBER)
};

struct rec_task_ext {
	TASK_FIELDS(REC_EXT_MEMBER)
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
	struct rec_task_ext parent_ext;
};

/*
 * State copy_thread() leaves in the child (arch-specific meaning):
 * arm64: thread.cpu_context and task_pt_regs(); x86_64: the
 * inactive_task_frame at thread.sp and task_pt_regs().
 */
struct rec_arch {
	__u64 ctx_pc;		/* arm64 cpu_context.pc; x86 frame->ret_addr */
	__u64 ctx_sp;		/* arm64 cpu_context.sp; x86 thread.sp */
	__u64 ctx_fp;		/* arm64 cpu_context.fp; x86 frame->bp */
	__u64 ctx_fn;		/* arm64 cpu_context.x19; x86 frame->bx */
	__u64 ctx_arg;		/* arm64 cpu_context.x20; x86 frame->r12 */
	__u64 regs_ret;		/* task_pt_regs: arm64 regs[0]; x86 ax */
	__u64 regs_sp;		/* task_pt_regs: user sp */
	__u64 regs_pc;		/* task_pt_regs: user pc / ip */
	__u64 tls;		/* arm64 thread.uw.tp_value; x86 thread.fsbase */
	__u64 stack_end;	/* *end_of_stack(task): STACK_END_MAGIC expected */
	__u64 ti_flags;		/* thread_info.flags (TIF_*) */
	__u64 preempt_count;	/* arm64 thread_info.preempt_count; x86 0 */
	__u64 stack;		/* task->stack */
	__u64 regs;		/* the child's task_pt_regs() address */
	__u64 regs_stackframe;	/* arm64: &task_pt_regs()->stackframe; x86 0 */
	__u64 p_regs_pc;	/* the parent's (current's) user pc / ip ... */
	__u64 p_regs_sp;	/* ... user sp ... */
	__u64 p_regs_ret;	/* ... x0 / ax at the same offset in its stack */
	__u64 p_tls;		/* the parent's saved TLS (as tls above) */
	__u64 valid;		/* 1 if every read above succeeded */
	/* appended: a part grows only at its end */
	__u64 regs_located;	/* 1: regs, p_regs_* were found from the tasks
				 * (the kernel's task_pt_regs(), bpf_task_pt_regs(),
				 * 5.15+); 0: from the saved frame (older kernels,
				 * older trace files), so not independent of ctx_sp */
};

/* REC_NEWTASK, REC_FORK, REC_WAKEUP, REC_SCHED_FORK, REC_COPY_EXIT, REC_FIRST_RUN */
struct rec_task_point {
	struct rec_hdr hdr;
	__u64 clone_flags;	/* task_newtask's clone_flags; 0 elsewhere */
	__s64 ret;		/* SCHED_FORK/COPY_EXIT: 0 or -errno; else 0 */
	__u32 creator_pid;	/* current->pid at this point */
	__u32 entry;		/* enum rec_entry of the creating syscall */
	struct rec_task child;	/* not read when ret < 0 */
	struct rec_arch arch;	/* NEWTASK only; zero elsewhere */
	struct rec_task_ext ext; /* NEWTASK only; valid = 0 elsewhere */
};

/* struct kernel_clone_args as copy_process() received it (D.2). */
struct rec_kargs {
	__u64 flags;
	__u64 pidfd;		/* user pointers, as numbers */
	__u64 child_tid;
	__u64 parent_tid;
	__u64 stack;
	__u64 stack_size;
	__u64 tls;
	__u64 set_tid;
	__u64 set_tid_size;
	__u64 fn;		/* kernel start function (kthreads, workers), 0 if none */
	__u64 fn_arg;
	__s32 exit_signal;
	__s32 cgroup;
	__u32 kthread;
	__u32 io_thread;
	__u32 user_worker;	/* 0 where the field does not exist */
	__u32 idle;
};

/* REC_COPY_ENTER */
struct rec_copy_enter {
	struct rec_hdr hdr;
	struct rec_kargs kargs;
	__s32 trace;		/* copy_process()'s trace argument */
	__s32 node;		/* NUMA node argument */
	__u32 entry;		/* enum rec_entry of the creating syscall */
	__u32 creator;		/* REC_CREATOR_* (0 in older trace files) */
	/* REC_CREATOR_SIGNALS: current's (a kernel-made clone's creator) */
	__u64 creator_blocked;	/* current->blocked.sig[0] */
	__u64 creator_pending;	/* current->pending.signal.sig[0] */
	__s32 creator_pdeath;	/* current->pdeath_signal */
	__u32 creator_pad;
	struct rec_task parent;	/* current */
};

/*
 * rec_copy_enter.creator.  AT_NEWTASK: the record was made at task_newtask
 * for a clone no syscall and no copy_process entry opened (the tracepoint
 * backend's kernel threads and workers): `parent` is the creator (current)
 * read there, after copy_process() built the child, and kargs, trace and
 * node were not read (zero).  SYSNR: the creator's pt_regs were located
 * and the low 16 bits hold its syscall number as its entry saved it
 * (x86_64 orig_ax, arm64 syscallno), 0xffff when negative or above.
 * SIGNALS: creator_blocked, creator_pending and creator_pdeath hold the
 * creator's signal state (REC_IN_SIGNALS's fields), read for a clone no
 * syscall opened (the parent's EXT part comes with the syscall entry
 * otherwise); 0 and unread in older trace files.
 */
#define REC_CREATOR_AT_NEWTASK	(1u << 31)
#define REC_CREATOR_SYSNR	(1u << 30)
#define REC_CREATOR_SIGNALS	(1u << 29)	/* creator_blocked.. were read */
#define REC_CREATOR_NR_MASK	0xffffu

/* rec_ret.tid_flags (REC_CHILD_RET) */
#define REC_TID_READ	(1u << 0)	/* current->set_child_tid set, tid_val read */
#define REC_TID_FAULT	(1u << 1)	/* ... set, but reading it faulted */

/*
 * rec_ret.sig_flags (REC_SYS_EXIT): the caller's fatal signal state at its
 * syscall exit.  SIGKILL in current->pending.signal is what ends a killable
 * wait (signal_pending_state(), include/linux/sched/signal.h), e.g. the
 * vfork wait; complete_signal() (kernel/signal.c) sets it on every
 * thread of a group being killed, with SIGNAL_GROUP_EXIT.
 */
#define REC_SIG_KILL_PENDING	(1u << 0)	/* SIGKILL in current->pending.signal */
#define REC_SIG_GROUP_EXIT	(1u << 1)	/* current->signal->flags & SIGNAL_GROUP_EXIT */

/* REC_SYS_EXIT, REC_CHILD_RET */
struct rec_ret {
	struct rec_hdr hdr;
	__s64 ret;		/* syscall return value */
	__u32 entry;		/* enum rec_entry */
	__u32 pid;		/* current->pid, read from the task (the record is
				 * found by its task, not by this pid) */
	/* appended: a part grows only at its end */
	__s32 tid_val;		/* REC_CHILD_RET: *current->set_child_tid */
	__u32 tid_flags;	/* REC_TID_* */
	/* appended */
	__u32 sig_flags;	/* REC_SYS_EXIT: REC_SIG_* */
	__u32 pad2;
};

#endif /* CLONECHECK_EVENTS_H */
