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

struct obs_task_point {
	enum obs_entry entry;
	uint64_t clone_flags;		/* task_newtask only */
	uint32_t creator_pid;		/* current->pid at the point */
	struct obs_task child;
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
		struct obs_task_point tp; /* OBS_NEWTASK, OBS_FORK, OBS_WAKEUP */
		struct obs_ret ret;	/* OBS_SYS_EXIT, OBS_CHILD_RET */
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
