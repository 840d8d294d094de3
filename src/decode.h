/* SPDX-License-Identifier: GPL-2.0 */
/*
 * decode.h - ring-buffer bytes -> struct obs.
 * The only user-side consumer of bpf/events.h: everything after the decoder
 * sees these types, in host order, with sizes and tags already checked.
 * model/task_fields.h (macros only) gives struct obs_task its members.
 */
#ifndef CLONECHECK_DECODE_H
#define CLONECHECK_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../model/task_fields.h"

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

/*
 * One task at one point: struct rec_task, plus struct rec_task_ext where
 * BPF read it (syscall entry, task_newtask; valid = 0 elsewhere).  The
 * members come from model/task_fields.h; comm is NUL-terminated.
 */
#define OBS_MEMBER_U64(n) uint64_t n;
#define OBS_MEMBER_S64(n) int64_t n;
#define OBS_MEMBER_U32(n) uint32_t n;
#define OBS_MEMBER_S32(n) int32_t n;
#define OBS_MEMBER_C16(n) char n[OBS_COMM_LEN];
#define OBS_MEMBER(part, t, n, N, g) TASK_PICK_OBS_##part(OBS_MEMBER_##t(n))
struct obs_task {
	uint32_t valid;			/* REC_IN_* (= MODEL_IN_*) groups read */
	TASK_FIELDS(OBS_MEMBER)
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
	bool regs_located;		/* regs found from the task (task_pt_regs()),
					 * not from the saved frame */
};

struct obs_task_point {
	enum obs_entry entry;
	uint64_t clone_flags;		/* task_newtask only */
	int64_t ret;			/* SCHED_FORK, COPY_EXIT: 0 or -errno */
	uint32_t creator_pid;		/* current->pid at the point */
	struct obs_task child;		/* all zero for a failed COPY_EXIT; its
					 * extended members at NEWTASK only */
	struct obs_arch arch;		/* NEWTASK only */
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
	/*
	 * Made at task_newtask for a clone no syscall and no copy_process
	 * entry opened (tracepoint backend): parent is the creator read
	 * there, after the copy; kargs, trace and node were not read.
	 */
	bool at_newtask;
	bool sysnr_known;		/* creator_sysnr was read */
	uint32_t creator_sysnr;		/* its syscall number (0xffff: none) */
};

struct obs_ret {
	enum obs_entry entry;
	int64_t ret;
	uint32_t pid;			/* thread that returned (its task's pid) */
	bool tid_read;			/* CHILD_RET: *set_child_tid was read ... */
	bool tid_fault;			/* ... or reading it faulted */
	int32_t tid_val;		/* ... the value read */
	bool kill_pending;		/* SYS_EXIT: SIGKILL pending in the caller
					 * (0 from trace files that predate it) */
	bool group_exit;		/* SYS_EXIT: its group is exiting */
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
 * Where each record type keeps its parts (see bpf/events.h): bytes of the
 * type's own fixed members, its struct rec_task, rec_arch and rec_task_ext,
 * 0 where a type has no such part.  A trace file says which sizes its
 * records were written with; parts shorter than this build's decode
 * zero-extended, longer ones are cut to what this build knows.
 */
enum decode_part {
	DECODE_PART_FIXED,
	DECODE_PART_TASK,
	DECODE_PART_ARCH,
	DECODE_PART_EXT,
	DECODE_PART__COUNT
};

#define DECODE_TYPES 32		/* record type slots (enum rec_type < 32) */

struct decode_layout {
	uint32_t part[DECODE_TYPES][DECODE_PART__COUNT]; /* bytes, per rec_type */
};

/*
 * A record's header alone: its clone_id and ts_ns.  0, or -EBADMSG for
 * fewer bytes than a header or a size that is not len.
 */
int decode_header(const void *data, size_t len, uint64_t *clone_id, uint64_t *ts_ns);
/* This build's layout. */
void decode_layout_current(struct decode_layout *l);
/* The layout of trace format 1.0 files, which did not record one. */
void decode_layout_v1(struct decode_layout *l);
/* Header + parts of type t under l (0: no such type). */
size_t decode_layout_size(const struct decode_layout *l, unsigned int t);
/* The observation point a record type carries; OBS__COUNT if none. */
enum obs_point decode_point_of_type(unsigned int type);
/* The record type of an observation point (inverse of the above). */
unsigned int decode_type_of_point(enum obs_point p);

/*
 * Decode one ring-buffer record.  Returns 0, or -EBADMSG for a record that is
 * truncated, has an impossible size, or carries an unknown tag; -ENOENT for
 * a record whose type this version does not know (skippable).
 */
int decode_record(const void *data, size_t len, struct obs *out);
/*
 * A record written with layout l rebuilt in this build's into out (cap
 * bytes): its size, or -EBADMSG (not l's size), -ENOENT (unknown type),
 * -ENOSPC (cap too small).
 */
int decode_rebuild(const struct decode_layout *l, const void *data, size_t len, void *out,
		   size_t cap);
/* The same for a record written with layout l (NULL: this build's). */
int decode_record_as(const struct decode_layout *l, const void *data, size_t len,
		     struct obs *out);

/* Short name of a point, e.g. "task_newtask". */
const char *obs_point_name(enum obs_point p);
/* Syscall name of an entry, e.g. "clone3". */
const char *obs_entry_name(enum obs_entry e);

#endif /* CLONECHECK_DECODE_H */
