/* SPDX-License-Identifier: GPL-2.0 */
/*
 * decode.h - ring-buffer bytes -> struct obs.
 * The only user-side consumer of bpf/events.h: everything after the decoder
 * sees these types, in host order, with sizes and tags already checked.
 */
#ifndef CLONECHECK_DECODE_H
#define CLONECHECK_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define OBS_COMM_LEN 16
#define OBS_UARGS_LEN 88	/* struct clone_args up to CLONE_ARGS_SIZE_VER2 */
#define OBS_SET_TID_MAX 32

/* Observation points, in the order a successful clone passes them. */
enum obs_point {
	OBS_SYS_ENTER,	/* O-01 */
	OBS_NEWTASK,	/* O-02 */
	OBS_FORK,	/* O-03 */
	OBS_WAKEUP,	/* O-04 */
	OBS_SYS_EXIT,	/* O-05 */
	OBS_CHILD_RET,	/* O-06 */
	OBS_COPY_ENTER,	/* copy_process entry: final kernel_clone_args (fentry/kprobe) */
	OBS_SCHED_FORK,	/* sched_fork exit: the child after sched_fork (fentry/kprobe) */
	OBS_COPY_EXIT,	/* copy_process exit: child or -errno (fentry/kprobe) */
	OBS_CLONE_EXIT,	/* kernel_clone exit: pid or -errno (fentry/kprobe) */
	OBS_FIRST_RUN,	/* O-07: the child's first switch-in */
	OBS__COUNT
};

enum obs_entry {
	OBS_ENTRY_FORK,
	OBS_ENTRY_VFORK,
	OBS_ENTRY_CLONE,
	OBS_ENTRY_CLONE3,
	OBS_ENTRY_NONE,		/* no syscall (kernel threads, workers) */
};

/* One task at one point (see struct rec_task). */
struct obs_task {
	uint64_t task;		/* task_struct identity */
	uint64_t mm, files, fs, sighand, signal;
	uint64_t cpus_mask;
	uint32_t pid, tgid, real_parent_pid, ns_level;
	uint32_t state;
	int32_t on_rq;
	int32_t exit_signal;
	uint32_t flags, signal_flags;
	int32_t group_exit_signal;
	uint32_t policy;
	int32_t prio, static_prio, normal_prio;
	uint32_t rt_priority, reset_on_fork;
	uint32_t cpu, nr_cpus_allowed;
	char comm[OBS_COMM_LEN];	/* NUL-terminated */
};

/* The extended state of a task (see struct rec_task_ext / model_task). */
struct obs_task_ext {
	uint64_t nsproxy;
	uint64_t pid_ns_active;
	uint64_t pid_ns_for_children;
	uint64_t time_ns;
	uint64_t time_ns_for_children;
	uint64_t mnt_ns;
	uint64_t uts_ns;
	uint64_t ipc_ns;
	uint64_t net_ns;
	uint64_t cgroup_ns;
	uint64_t cred;
	uint64_t real_cred;
	uint64_t user_ns;
	uint64_t cap_effective;
	uint64_t io_context;
	uint64_t sysvsem_undo;
	uint64_t sas_ss_sp;
	uint64_t sas_ss_size;
	uint64_t rseq;
	uint64_t jobctl;
	uint64_t blocked;
	uint64_t pending;
	uint64_t seccomp_filter;
	uint64_t self_exec_id;
	uint64_t parent_exec_id;
	uint64_t vfork_done;
	uint64_t set_child_tid;
	uint64_t clear_child_tid;
	uint64_t min_flt;
	uint64_t maj_flt;
	uint64_t nvcsw;
	uint64_t nivcsw;
	uint64_t utime;
	uint64_t stime;
	uint64_t gtime;
	uint64_t start_time;
	uint32_t valid;
	uint32_t pid_ns_children_level;
	uint32_t has_thread_keyring;
	uint32_t user_ns_level;
	uint32_t ioprio;
	uint32_t sas_ss_flags;
	uint32_t rseq_len;
	uint32_t ptrace;
	uint32_t parent_pid;
	int32_t pdeath_signal;
	uint32_t seccomp_mode;
	int32_t oom_score_adj;
	int32_t oom_score_adj_min;
	uint32_t has_child_subreaper;
	uint32_t is_child_subreaper;
	uint32_t uclamp_min;
	uint32_t uclamp_max;
};

struct obs_enter {
	enum obs_entry entry;
	uint64_t args[5];		/* raw syscall arguments */
	bool uargs_fault;		/* clone3 struct unreadable */
	bool uargs_tail_nonzero;	/* clone3 bytes in [88, size) non-zero */
	bool uargs_tail_unseen;		/* clone3 size past what BPF reads */
	bool set_tid_fault;
	uint64_t uargs[OBS_UARGS_LEN / 8]; /* struct clone_args as 11 u64 */
	uint32_t set_tid[OBS_SET_TID_MAX];
	struct obs_task parent;		/* the calling thread at entry */
	struct obs_task_ext parent_ext;
};

/* What copy_thread() left in the child (see struct rec_arch). */
struct obs_arch {
	uint64_t ctx_pc, ctx_sp, ctx_fp, ctx_fn, ctx_arg;
	uint64_t regs_ret, regs_sp, regs_pc;
	uint64_t tls;
	uint64_t stack_end;
	uint64_t ti_flags;
	uint64_t preempt_count;
	uint64_t stack;
	uint64_t regs;			/* the child's task_pt_regs() address */
	uint64_t regs_stackframe;	/* arm64 &regs->stackframe */
	uint64_t p_regs_pc, p_regs_sp, p_regs_ret, p_tls; /* the parent's */
	bool valid;			/* every read succeeded */
};

struct obs_task_point {
	enum obs_entry entry;
	uint64_t clone_flags;		/* task_newtask only */
	int64_t ret;			/* SCHED_FORK, COPY_EXIT: 0 or -errno */
	uint32_t creator_pid;		/* current->pid at the point */
	struct obs_task child;		/* all zero for a failed COPY_EXIT */
	struct obs_arch arch;		/* NEWTASK only */
	struct obs_task_ext ext;	/* NEWTASK only (valid = 0 elsewhere) */
};

/* struct kernel_clone_args at copy_process entry (see struct rec_kargs). */
struct obs_kargs {
	uint64_t flags, pidfd, child_tid, parent_tid;
	uint64_t stack, stack_size, tls, set_tid, set_tid_size;
	uint64_t fn, fn_arg;
	int32_t exit_signal, cgroup;
	bool kthread, io_thread, user_worker, idle;
};

struct obs_copy_enter {
	enum obs_entry entry;
	struct obs_kargs kargs;
	int32_t trace;			/* copy_process()'s trace argument */
	int32_t node;
	struct obs_task parent;		/* current at copy_process entry */
};

struct obs_ret {
	enum obs_entry entry;
	int64_t ret;
	uint32_t pid;			/* thread that returned */
};

struct obs {
	enum obs_point point;
	uint64_t clone_id;
	uint64_t ts_ns;
	union {
		struct obs_enter enter;	/* OBS_SYS_ENTER */
		struct obs_task_point tp; /* NEWTASK, FORK, WAKEUP, SCHED_FORK, COPY_EXIT, FIRST_RUN */
		struct obs_ret ret;	/* SYS_EXIT, CHILD_RET, CLONE_EXIT */
		struct obs_copy_enter copy; /* COPY_ENTER */
	};
};

/*
 * Decode one ring-buffer record.  Returns 0, or -EBADMSG for a record that is
 * truncated, has an impossible size, or carries an unknown tag; -ENOENT for
 * a record whose type this version does not know (skippable).
 */
int decode_record(const void *data, size_t len, struct obs *out);

/* Short name of a point, e.g. "task_newtask". */
const char *obs_point_name(enum obs_point p);
/* Syscall name of an entry, e.g. "clone3". */
const char *obs_entry_name(enum obs_entry e);

#endif /* CLONECHECK_DECODE_H */
