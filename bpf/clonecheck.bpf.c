// SPDX-License-Identifier: GPL-2.0
/*
 * clonecheck.bpf.c - observe every clone at the points the model predicts.
 *
 * Tracepoint backend: tp_btf (raw_tp as fallback, chosen by the loader) on
 * task_newtask (O-02), sched_process_fork (O-03), sched_wakeup_new (O-04),
 * and the syscall tracepoints of clone, clone3, fork and vfork (O-01, O-05,
 * and the child's own exit O-06).
 *
 * clone_id: allocated at syscall entry and kept per calling thread in
 * `inflight` until that thread's syscall exit; task_newtask copies it into
 * `child_ids`, keyed by the child's pid and checked against the child's
 * task_struct, so a reused pid can never pick up another clone's id.
 *
 * Records are submitted without a wake-up; user space drains the ring every
 * 10 ms, and a wake-up is forced once 64 KiB are waiting (perf-baseline.md).
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "compat.bpf.h"
#include "events.h"

#define RB_WAKEUP_BYTES (64 * 1024)

/* Set by the loader before load. */
const volatile bool filter_tgid = false;	/* only watched tgids and descendants */

/* Counters read by user space at exit (.bss). */
__u64 next_clone_id = 0;
__u64 lost[REC__MAX];		/* ring buffer full, per record type */
__u64 untracked_child;		/* a child point whose clone_id was unknown */

struct inflight {
	__u64 clone_id;
	__u32 entry;		/* enum rec_entry */
	__u32 pad;
};

struct child_id {
	__u64 clone_id;
	__u64 task;		/* the child's task_struct, against pid reuse */
	__u32 entry;
	__u32 pad;
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 1 << 22);	/* resized by the loader */
} rb SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16384);
	__type(key, __u64);		/* pid_tgid of the calling thread */
	__type(value, struct inflight);
} inflight SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 65536);
	__type(key, __u32);		/* child pid (global) */
	__type(value, struct child_id);
} child_ids SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 65536);
	__type(key, __u32);		/* tgid */
	__type(value, __u8);
} watched SEC(".maps");

/* Scratch for the large entry record (bigger than the BPF stack). */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct rec_sys_enter);
} enter_scratch SEC(".maps");

static __always_inline void *rec_reserve(__u32 type, __u32 size, __u64 clone_id)
{
	struct rec_hdr *h = bpf_ringbuf_reserve(&rb, size, 0);

	if (!h) {
		if (type < REC__MAX)
			__sync_fetch_and_add(&lost[type], 1);
		return NULL;
	}
	h->type = type;
	h->size = size;
	h->ts_ns = bpf_ktime_get_ns();
	h->clone_id = clone_id;
	return h;
}

static __always_inline __u64 rb_flags(void)
{
	return bpf_ringbuf_query(&rb, BPF_RB_AVAIL_DATA) >= RB_WAKEUP_BYTES ?
		       BPF_RB_FORCE_WAKEUP : BPF_RB_NO_WAKEUP;
}

static __always_inline bool tgid_watched(__u32 tgid)
{
	if (!filter_tgid)
		return true;
	return bpf_map_lookup_elem(&watched, &tgid) != NULL;
}

/* Fill *r from task t; every read is CO-RE relocated. */
static __always_inline void read_task(struct rec_task *r, struct task_struct *t)
{
	const cpumask_t *mask = BPF_CORE_READ(t, cpus_ptr);

	r->task = (__u64)t;
	r->mm = (__u64)BPF_CORE_READ(t, mm);
	r->files = (__u64)BPF_CORE_READ(t, files);
	r->fs = (__u64)BPF_CORE_READ(t, fs);
	r->sighand = (__u64)BPF_CORE_READ(t, sighand);
	r->signal = (__u64)BPF_CORE_READ(t, signal);
	r->cpus_mask = BPF_CORE_READ(mask, bits[0]);
	r->pid = BPF_CORE_READ(t, pid);
	r->tgid = BPF_CORE_READ(t, tgid);
	r->real_parent_pid = BPF_CORE_READ(t, real_parent, pid);
	r->ns_level = BPF_CORE_READ(t, thread_pid, level);
	r->state = task_state(t);
	r->on_rq = BPF_CORE_READ(t, on_rq);
	r->exit_signal = BPF_CORE_READ(t, exit_signal);
	r->flags = BPF_CORE_READ(t, flags);
	r->signal_flags = BPF_CORE_READ(t, signal, flags);
	r->group_exit_signal = BPF_CORE_READ(t, group_leader, exit_signal);
	r->policy = BPF_CORE_READ(t, policy);
	r->prio = BPF_CORE_READ(t, prio);
	r->static_prio = BPF_CORE_READ(t, static_prio);
	r->normal_prio = BPF_CORE_READ(t, normal_prio);
	r->rt_priority = BPF_CORE_READ(t, rt_priority);
	r->reset_on_fork = BPF_CORE_READ_BITFIELD_PROBED(t, sched_reset_on_fork);
	r->cpu = task_cpu(t);
	r->nr_cpus_allowed = BPF_CORE_READ(t, nr_cpus_allowed);
	BPF_CORE_READ_STR_INTO(&r->comm, t, comm);
}

/* ------------------------------------------------------- syscall entry */

/* Layout of a syscalls:sys_enter_* record (trace_event format, fixed). */
struct sys_enter_ctx {
	__u64 common;
	__s32 nr;
	__u32 pad;
	__u64 args[6];
};

struct sys_exit_ctx {
	__u64 common;
	__s32 nr;
	__u32 pad;
	__s64 ret;
};

/* O-01: open a clone in the caller and record its arguments. */
static __always_inline int on_sys_enter(void *ctx, __u32 entry, int nargs)
{
	struct task_struct *cur = (void *)bpf_get_current_task();
	struct sys_enter_ctx *sc = ctx;
	__u64 id = bpf_get_current_pid_tgid();
	struct inflight fl = {};
	struct rec_sys_enter *r;
	__u32 zero = 0;

	if (!tgid_watched(id >> 32))
		return 0;
	r = bpf_map_lookup_elem(&enter_scratch, &zero);
	if (!r)
		return 0;
	fl.clone_id = __sync_fetch_and_add(&next_clone_id, 1) + 1;
	fl.entry = entry;
	bpf_map_update_elem(&inflight, &id, &fl, BPF_ANY);

	__builtin_memset(r, 0, sizeof(*r));
	r->hdr.type = REC_SYS_ENTER;
	r->hdr.size = sizeof(*r);
	r->hdr.ts_ns = bpf_ktime_get_ns();
	r->hdr.clone_id = fl.clone_id;
	r->entry = entry;
	if (nargs >= 5) {
		r->args[0] = sc->args[0];
		r->args[1] = sc->args[1];
		r->args[2] = sc->args[2];
		r->args[3] = sc->args[3];
		r->args[4] = sc->args[4];
	} else if (nargs == 2) {
		r->args[0] = sc->args[0];
		r->args[1] = sc->args[1];
	}
	if (entry == REC_ENTRY_CLONE3) {
		const void *uargs = (const void *)r->args[0];
		__u64 size = r->args[1];
		__u32 n = size > CC_UARGS_MAX ? CC_UARGS_MAX : size;

		if (size > CC_UARGS_MAX)
			r->uargs_flags |= REC_UARGS_TAIL_UNSEEN;
		/* the copy_struct_from_user() read of V-04.3 */
		if (n > CC_UARGS_MAX)
			n = CC_UARGS_MAX;
		if (n && bpf_probe_read_user(r->uargs, n, uargs))
			r->uargs_flags |= REC_UARGS_FAULT;
		for (int i = 88; i < CC_UARGS_MAX; i++)
			if (i < n && r->uargs[i])
				r->uargs_flags |= REC_UARGS_TAIL_NONZERO;
		if (!(r->uargs_flags & REC_UARGS_FAULT) && n >= 80) {
			__u64 set_tid = *(__u64 *)&r->uargs[64];
			__u64 set_tid_size = *(__u64 *)&r->uargs[72];

			if (set_tid && set_tid_size && set_tid_size <= CC_SET_TID_MAX &&
			    bpf_probe_read_user(r->set_tid, (set_tid_size * 4) & 0xff,
						(const void *)set_tid))
				r->uargs_flags |= REC_SET_TID_FAULT;
		}
	}
	read_task(&r->parent, cur);
	if (bpf_ringbuf_output(&rb, r, sizeof(*r), rb_flags()))
		__sync_fetch_and_add(&lost[REC_SYS_ENTER], 1);
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_clone")
int handle_sys_enter_clone(void *ctx) { return on_sys_enter(ctx, REC_ENTRY_CLONE, 5); }

SEC("tracepoint/syscalls/sys_enter_clone3")
int handle_sys_enter_clone3(void *ctx) { return on_sys_enter(ctx, REC_ENTRY_CLONE3, 2); }

/* fork/vfork records have no argument fields: reading args[] would be refused. */
SEC("tracepoint/syscalls/sys_enter_fork")
int handle_sys_enter_fork(void *ctx) { return on_sys_enter(ctx, REC_ENTRY_FORK, 0); }

SEC("tracepoint/syscalls/sys_enter_vfork")
int handle_sys_enter_vfork(void *ctx) { return on_sys_enter(ctx, REC_ENTRY_VFORK, 0); }

/* -------------------------------------------------------- syscall exit */

/*
 * O-05 in the caller (closes its inflight clone) or O-06 in a child that
 * returns to user space for the first time (ret 0).
 */
static __always_inline int on_sys_exit(void *ctx)
{
	struct sys_exit_ctx *sc = ctx;
	__u64 id = bpf_get_current_pid_tgid();
	struct inflight *fl = bpf_map_lookup_elem(&inflight, &id);
	__u32 pid = (__u32)id;
	struct child_id *cid;
	struct rec_ret *r;

	if (fl) {
		r = rec_reserve(REC_SYS_EXIT, sizeof(*r), fl->clone_id);
		if (r) {
			r->ret = sc->ret;
			r->entry = fl->entry;
			r->pid = pid;
			bpf_ringbuf_submit(r, rb_flags());
		}
		bpf_map_delete_elem(&inflight, &id);
		return 0;
	}
	cid = bpf_map_lookup_elem(&child_ids, &pid);
	if (!cid || cid->task != bpf_get_current_task())
		return 0;
	r = rec_reserve(REC_CHILD_RET, sizeof(*r), cid->clone_id);
	if (r) {
		r->ret = sc->ret;
		r->entry = cid->entry;
		r->pid = pid;
		bpf_ringbuf_submit(r, rb_flags());
	}
	bpf_map_delete_elem(&child_ids, &pid);
	return 0;
}

SEC("tracepoint/syscalls/sys_exit_clone")
int handle_sys_exit_clone(void *ctx) { return on_sys_exit(ctx); }

SEC("tracepoint/syscalls/sys_exit_clone3")
int handle_sys_exit_clone3(void *ctx) { return on_sys_exit(ctx); }

SEC("tracepoint/syscalls/sys_exit_fork")
int handle_sys_exit_fork(void *ctx) { return on_sys_exit(ctx); }

SEC("tracepoint/syscalls/sys_exit_vfork")
int handle_sys_exit_vfork(void *ctx) { return on_sys_exit(ctx); }

/* ------------------------------------------------------ scheduler points */

static __always_inline int emit_point(__u32 type, struct task_struct *child,
				      __u64 clone_id, __u32 entry, __u64 clone_flags)
{
	struct rec_task_point *r = rec_reserve(type, sizeof(*r), clone_id);

	if (!r)
		return 0;
	r->clone_flags = clone_flags;
	r->creator_pid = (__u32)bpf_get_current_pid_tgid();
	r->entry = entry;
	read_task(&r->child, child);
	bpf_ringbuf_submit(r, rb_flags());
	return 0;
}

/* O-02: the child exists; give it the caller's clone_id. */
static __always_inline int on_newtask(struct task_struct *child, __u64 clone_flags)
{
	__u64 id = bpf_get_current_pid_tgid();
	struct inflight *fl = bpf_map_lookup_elem(&inflight, &id);
	struct child_id cid = {};
	__u32 pid = BPF_CORE_READ(child, pid);

	if (fl) {
		cid.clone_id = fl->clone_id;
		cid.entry = fl->entry;
	} else {
		if (!tgid_watched(id >> 32))
			return 0;
		cid.clone_id = __sync_fetch_and_add(&next_clone_id, 1) + 1;
		cid.entry = REC_ENTRY_NONE;
	}
	cid.task = (__u64)child;
	bpf_map_update_elem(&child_ids, &pid, &cid, BPF_ANY);
	if (filter_tgid) {
		__u32 tgid = BPF_CORE_READ(child, tgid);
		__u8 one = 1;

		bpf_map_update_elem(&watched, &tgid, &one, BPF_ANY);
	}
	return emit_point(REC_NEWTASK, child, cid.clone_id, cid.entry, clone_flags);
}

/* O-03, O-04: later points of a clone already seen at task_newtask. */
static __always_inline int on_child_point(__u32 type, struct task_struct *child)
{
	__u32 pid = BPF_CORE_READ(child, pid);
	struct child_id *cid = bpf_map_lookup_elem(&child_ids, &pid);

	if (!cid)
		return 0;
	if (cid->task != (__u64)child) {
		__sync_fetch_and_add(&untracked_child, 1);
		return 0;
	}
	return emit_point(type, child, cid->clone_id, cid->entry, 0);
}

SEC("tp_btf/task_newtask")
int BPF_PROG(handle_task_newtask, struct task_struct *task, u64 clone_flags)
{
	return on_newtask(task, clone_flags);
}

SEC("tp_btf/sched_process_fork")
int BPF_PROG(handle_sched_process_fork, struct task_struct *parent, struct task_struct *child)
{
	return on_child_point(REC_FORK, child);
}

SEC("tp_btf/sched_wakeup_new")
int BPF_PROG(handle_sched_wakeup_new, struct task_struct *p)
{
	return on_child_point(REC_WAKEUP, p);
}

/* raw_tp twins, for kernels that refuse BTF tracepoints (autoload off by default). */
SEC("raw_tp/task_newtask")
int BPF_PROG(raw_task_newtask, struct task_struct *task, u64 clone_flags)
{
	return on_newtask(task, clone_flags);
}

SEC("raw_tp/sched_process_fork")
int BPF_PROG(raw_sched_process_fork, struct task_struct *parent, struct task_struct *child)
{
	return on_child_point(REC_FORK, child);
}

SEC("raw_tp/sched_wakeup_new")
int BPF_PROG(raw_sched_wakeup_new, struct task_struct *p)
{
	return on_child_point(REC_WAKEUP, p);
}

char LICENSE[] SEC("license") = "GPL";
