// SPDX-License-Identifier: GPL-2.0
/*
 * clonecheck.bpf.c - observe every clone at the points the model predicts.
 *
 * Three attach backends share this object; the loader turns on one set of
 * programs (bpf_program__set_autoload) after probing what the kernel allows:
 *  - every backend: the syscall tracepoints of clone, clone3, fork and vfork
 *    (O-01, O-05, the child's own exit O-06) and the scheduler points
 *    task_newtask (O-02), sched_process_fork (O-03), sched_wakeup_new (O-04),
 *    sched_switch (first run, O-07), as tp_btf or, if refused, raw_tp;
 *  - fentry: fentry/fexit on kernel_clone, copy_process and sched_fork add the
 *    final kernel_clone_args, internal failures and the state after sched_fork;
 *  - kprobe: the same points through kprobe/kretprobe.
 *
 * clone_id: allocated at the first point of a clone (syscall entry, else
 * kernel_clone or copy_process entry, else task_newtask) and kept per
 * creating thread in `inflight`; task_newtask files it under the child's pid
 * in `child_ids`, checked against the child's task_struct so a reused pid can
 * never pick up another clone's id.
 *
 * Records are submitted without a wake-up; user space drains the ring every
 * 10 ms, and a wake-up is forced only once the ring is half full.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "compat.bpf.h"
#include "arch.bpf.h"
#include "events.h"

#define MAX_ERRNO 4095

/* Set by the loader before load. */
const volatile bool filter_tgid = false;	/* only watched tgids and descendants */
const volatile __u64 filter_cgroup = 0;		/* only this cgroup v2 id (0: any) */
const volatile char filter_comm[16] = {};	/* only creators with this comm ("": any) */
const volatile __u32 nr_cpus = 1;		/* possible CPUs (CLONE_ID_NEW without BPF_FETCH) */

/* Counters read by user space at exit (.bss). */
__u64 next_clone_id = 0;
__u64 lost[REC__MAX];		/* ring buffer full, per record type */
__u64 untracked_child;		/* a child point whose clone_id was unknown */
__u64 exit_second_chance;	/* sys_exit records the second instance emitted */
__s64 pending_first_run;	/* children seen at task_newtask, not yet run */
__u64 rb_max_avail;		/* the ring's fullest, bytes (user space resets it) */
__u32 gate_open;		/* set by user space: new clones may be opened */

/* Who opened an inflight clone, so the right exit closes it. */
enum { OPEN_SYSCALL = 0, OPEN_COPY_PROCESS = 1, OPEN_KERNEL_CLONE = 2 };

struct inflight {
	__u64 clone_id;
	__u32 entry;		/* enum rec_entry */
	__u32 opener;		/* OPEN_* */
};

struct child_id {
	__u64 clone_id;
	__u64 task;		/* the child's task_struct, against pid reuse */
	__u32 entry;
	__u32 ran;		/* first run already recorded */
};

/* kprobe backend: arguments saved at entry for the return probe. */
struct kp_args {
	__u64 copy_args;	/* copy_process()'s struct kernel_clone_args * */
	__u64 sched_fork_p;	/* sched_fork()'s child */
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 1 << 22);	/* resized by the loader */
} rb SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16384);
	__type(key, __u64);		/* pid_tgid of the creating thread */
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

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16384);
	__type(key, __u64);		/* pid_tgid */
	__type(value, struct kp_args);
} kp_saved SEC(".maps");

/* clone_id counters per CPU, where BPF_FETCH is missing (compat.bpf.h). */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} clone_id_percpu SEC(".maps");

/* Scratch for records bigger than the BPF stack. */
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

/*
 * Never wake the consumer, which drains every 10 ms, unless the ring is half
 * full: a wake-up costs more than everything else a clone's records cost
 * (perf-baseline.md), and a busy ring would otherwise ask for one per record.
 */
static __always_inline __u64 rb_flags(void)
{
	__u64 avail = bpf_ringbuf_query(&rb, BPF_RB_AVAIL_DATA);

	/* a racy maximum is good enough for a fill gauge */
	if (avail > rb_max_avail)
		rb_max_avail = avail;
	return avail * 2 >= bpf_ringbuf_query(&rb, BPF_RB_RING_SIZE) ? BPF_RB_FORCE_WAKEUP :
									 BPF_RB_NO_WAKEUP;
}

/*
 * May a new clone be opened now, by this creator?  Only while user space
 * holds the gate open (after every program is attached, until it stops), so
 * that no clone is half seen at either end; then the user's filters.  A
 * clone already open is followed to its end whatever the gate says.
 */
static __always_inline bool creator_selected(__u32 tgid)
{
	if (!gate_open)
		return false;
	if (filter_tgid && !bpf_map_lookup_elem(&watched, &tgid))
		return false;
	if (filter_cgroup && bpf_get_current_cgroup_id() != filter_cgroup)
		return false;
	if (filter_comm[0]) {
		char comm[16];

		bpf_get_current_comm(comm, sizeof(comm));
		for (int i = 0; i < 16; i++) {
			if (comm[i] != filter_comm[i])
				return false;
			if (!comm[i])
				break;
		}
	}
	return true;
}

/* Direct loads through BTF-typed pointers; CO-RE relocated like the rest. */
#define RD_DIRECT(p, f) ((p)->f)
#define RD2_DIRECT(p, a, b) ((p)->a->b)

#define READ_FN(x) x##_btf
#define RD RD_DIRECT
#define RD2 RD2_DIRECT
#define RDBF BPF_CORE_READ_BITFIELD
#include "task_read.bpf.h"
#undef READ_FN
#undef RD
#undef RD2
#undef RDBF

#define READ_FN(x) x##_probe
#define RD BPF_CORE_READ
#define RD2 BPF_CORE_READ
#define RDBF BPF_CORE_READ_BITFIELD_PROBED
#include "task_read.bpf.h"
#undef READ_FN
#undef RD
#undef RD2
#undef RDBF

/* Read a task with the reader its pointer allows (btf is a constant). */
static __always_inline void read_task(struct rec_task *r, struct task_struct *t, bool btf)
{
	if (btf)
		read_task_btf(r, t);
	else
		read_task_probe(r, t);
}

static __always_inline void read_task_ext(struct rec_task_ext *x, struct task_struct *t, bool btf)
{
	if (btf)
		read_task_ext_btf(x, t);
	else
		read_task_ext_probe(x, t);
}

static __always_inline __u32 pid_of(struct task_struct *t, bool btf)
{
	return btf ? t->pid : BPF_CORE_READ(t, pid);
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
	struct sys_enter_ctx *sc = ctx;
	__u64 id = bpf_get_current_pid_tgid();
	__u32 pid = (__u32)id, zero = 0;
	struct inflight fl = {};
	struct rec_sys_enter *r;
	struct child_id *cid;

	/*
	 * A child making a syscall of its own is back in user space: where its
	 * first return was not reported (arm64 reports no syscall exit on
	 * ret_from_fork: O-06 is never seen there), its child_ids entry would
	 * otherwise wait for an O-06 that never comes, and the second sys_exit
	 * instance would take this syscall's exit for it.
	 */
	cid = bpf_map_lookup_elem(&child_ids, &pid);
	if (cid && cid->task == bpf_get_current_task())
		bpf_map_delete_elem(&child_ids, &pid);

	if (!creator_selected(id >> 32))
		return 0;
	r = bpf_map_lookup_elem(&enter_scratch, &zero);
	if (!r)
		return 0;
	fl.clone_id = CLONE_ID_NEW(&next_clone_id, &clone_id_percpu, nr_cpus);
	fl.entry = entry;
	fl.opener = OPEN_SYSCALL;
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
	if (HAVE_CURRENT_TASK_BTF()) {
		struct task_struct *cur = bpf_get_current_task_btf();

		read_task(&r->parent, cur, true);
		read_task_ext(&r->parent_ext, cur, true);
	} else {
		struct task_struct *cur = (void *)bpf_get_current_task();

		read_task(&r->parent, cur, false);
		read_task_ext(&r->parent_ext, cur, false);
	}
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
 *
 * Each handler is attached twice (second = true: the second instance).
 * Syscall tracepoints may fault since 7.x (perf_syscall_exit() ->
 * trace_call_bpf_faultable(), kernel/trace/trace_syscalls.c of 7.2): their
 * programs run migrate-disabled but preemptible, and the kernel skips a run
 * of a program already running on that CPU (bpf_prog_run_array_sleepable(),
 * bpf_prog_get_recursion_context(); counted in recursion_misses).  On a
 * preemptible kernel (7.2 cloud: PREEMPT_LAZY) a parent preempted inside its
 * sys_exit_fork program by the child it just woke there loses the child's
 * O-06, or the other way round.  Whichever instance runs first in a task
 * emits and deletes the entry; the other finds nothing.
 */
static __always_inline int on_sys_exit(void *ctx, bool second)
{
	struct sys_exit_ctx *sc = ctx;
	__u64 id = bpf_get_current_pid_tgid();
	struct inflight *fl = bpf_map_lookup_elem(&inflight, &id);
	__u32 pid = (__u32)id;
	struct child_id *cid;
	struct rec_ret *r;

	if (fl && fl->opener == OPEN_SYSCALL) {
		r = rec_reserve(REC_SYS_EXIT, sizeof(*r), fl->clone_id);
		if (r) {
			r->ret = sc->ret;
			r->entry = fl->entry;
			r->pid = pid;
			bpf_ringbuf_submit(r, rb_flags());
		}
		bpf_map_delete_elem(&inflight, &id);
		if (second)
			__sync_fetch_and_add(&exit_second_chance, 1);
		return 0;
	}
	cid = bpf_map_lookup_elem(&child_ids, &pid);
	if (!cid || cid->task != bpf_get_current_task())
		return 0;
	/* no syscall was seen making this child: it has no O-06 to pair with */
	if (cid->entry == REC_ENTRY_NONE) {
		bpf_map_delete_elem(&child_ids, &pid);
		return 0;
	}
	r = rec_reserve(REC_CHILD_RET, sizeof(*r), cid->clone_id);
	if (r) {
		r->ret = sc->ret;
		r->entry = cid->entry;
		r->pid = pid;
		bpf_ringbuf_submit(r, rb_flags());
	}
	bpf_map_delete_elem(&child_ids, &pid);
	if (second)
		__sync_fetch_and_add(&exit_second_chance, 1);
	return 0;
}

/* handle_sys_exit_<nr> and its second instance handle_sys_exit_<nr>_2 */
#define SYS_EXIT_PROGS(nr)                                                         \
	SEC("tracepoint/syscalls/sys_exit_" #nr)                                   \
	int handle_sys_exit_##nr(void *ctx) { return on_sys_exit(ctx, false); }    \
	SEC("tracepoint/syscalls/sys_exit_" #nr)                                   \
	int handle_sys_exit_##nr##_2(void *ctx) { return on_sys_exit(ctx, true); }

SYS_EXIT_PROGS(clone)
SYS_EXIT_PROGS(clone3)
SYS_EXIT_PROGS(fork)
SYS_EXIT_PROGS(vfork)

/* ------------------------------------------------------ scheduler points */

static __always_inline int emit_point(__u32 type, struct task_struct *child, __u64 clone_id,
				      __u32 entry, __u64 clone_flags, __s64 ret, bool btf)
{
	struct rec_task_point *r = rec_reserve(type, sizeof(*r), clone_id);

	if (!r)
		return 0;
	__builtin_memset(&r->arch, 0, sizeof(r->arch));
	__builtin_memset(&r->ext, 0, sizeof(r->ext));
	r->clone_flags = clone_flags;
	r->ret = ret;
	r->creator_pid = (__u32)bpf_get_current_pid_tgid();
	r->entry = entry;
	if (child)
		read_task(&r->child, child, btf);
	else
		__builtin_memset(&r->child, 0, sizeof(r->child));
	if (type == REC_NEWTASK && child) {
		read_arch(&r->arch, child);
		read_task_ext(&r->ext, child, btf);
	}
	bpf_ringbuf_submit(r, rb_flags());
	return 0;
}

/*
 * The clone the current thread is making: its inflight entry, or a new one
 * opened by `opener` for clones without a syscall (kernel threads, workers).
 */
static __always_inline struct inflight *current_clone(__u32 opener)
{
	__u64 id = bpf_get_current_pid_tgid();
	struct inflight *fl = bpf_map_lookup_elem(&inflight, &id);
	struct inflight nf = {};

	if (fl || opener == OPEN_SYSCALL)
		return fl;
	if (!creator_selected(id >> 32))
		return NULL;
	nf.clone_id = CLONE_ID_NEW(&next_clone_id, &clone_id_percpu, nr_cpus);
	nf.entry = REC_ENTRY_NONE;
	nf.opener = opener;
	bpf_map_update_elem(&inflight, &id, &nf, BPF_ANY);
	return bpf_map_lookup_elem(&inflight, &id);
}

/* Close a clone at the exit of the function that opened it. */
static __always_inline void close_clone(__u32 opener)
{
	__u64 id = bpf_get_current_pid_tgid();
	struct inflight *fl = bpf_map_lookup_elem(&inflight, &id);

	if (fl && fl->opener == opener)
		bpf_map_delete_elem(&inflight, &id);
}

/* O-02: the child exists; give it the caller's clone_id. */
static __always_inline int on_newtask(struct task_struct *child, __u64 clone_flags, bool btf)
{
	__u64 id = bpf_get_current_pid_tgid();
	struct inflight *fl = bpf_map_lookup_elem(&inflight, &id);
	struct child_id cid = {};
	__u32 pid = pid_of(child, btf);

	if (fl) {
		cid.clone_id = fl->clone_id;
		cid.entry = fl->entry;
	} else {
		if (!creator_selected(id >> 32))
			return 0;
		cid.clone_id = CLONE_ID_NEW(&next_clone_id, &clone_id_percpu, nr_cpus);
		cid.entry = REC_ENTRY_NONE;
	}
	cid.task = (__u64)child;
	bpf_map_update_elem(&child_ids, &pid, &cid, BPF_ANY);
	if (filter_tgid) {
		__u32 tgid = btf ? child->tgid : BPF_CORE_READ(child, tgid);
		__u8 one = 1;

		bpf_map_update_elem(&watched, &tgid, &one, BPF_ANY);
	}
	__sync_fetch_and_add(&pending_first_run, 1);
	return emit_point(REC_NEWTASK, child, cid.clone_id, cid.entry, clone_flags, 0, btf);
}

/* Later points of a clone already seen at task_newtask. */
static __always_inline int on_child_point(__u32 type, struct task_struct *child, bool btf)
{
	__u32 pid = pid_of(child, btf);
	struct child_id *cid = bpf_map_lookup_elem(&child_ids, &pid);

	if (!cid)
		return 0;
	if (cid->task != (__u64)child) {
		__sync_fetch_and_add(&untracked_child, 1);
		return 0;
	}
	return emit_point(type, child, cid->clone_id, cid->entry, 0, 0, btf);
}

/* O-07: the first time a new child is switched in. */
static __always_inline int on_switch(struct task_struct *next, bool btf)
{
	struct child_id *cid;
	__u32 pid;

	/* most switches: no new child waits for its first run */
	if (pending_first_run <= 0)
		return 0;
	pid = pid_of(next, btf);
	cid = bpf_map_lookup_elem(&child_ids, &pid);
	if (!cid || cid->ran || cid->task != (__u64)next)
		return 0;
	cid->ran = 1;
	__sync_fetch_and_add(&pending_first_run, -1);
	return emit_point(REC_FIRST_RUN, next, cid->clone_id, cid->entry, 0, 0, btf);
}

SEC("tp_btf/task_newtask")
int BPF_PROG(handle_task_newtask, struct task_struct *task, u64 clone_flags)
{
	return on_newtask(task, clone_flags, true);
}

SEC("tp_btf/sched_process_fork")
int BPF_PROG(handle_sched_process_fork, struct task_struct *parent, struct task_struct *child)
{
	return on_child_point(REC_FORK, child, true);
}

SEC("tp_btf/sched_wakeup_new")
int BPF_PROG(handle_sched_wakeup_new, struct task_struct *p)
{
	return on_child_point(REC_WAKEUP, p, true);
}

SEC("tp_btf/sched_switch")
int BPF_PROG(handle_sched_switch, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	return on_switch(next, true);
}

/* raw_tp twins, for kernels that refuse BTF tracepoints. */
SEC("raw_tp/task_newtask")
int BPF_PROG(raw_task_newtask, struct task_struct *task, u64 clone_flags)
{
	return on_newtask(task, clone_flags, false);
}

SEC("raw_tp/sched_process_fork")
int BPF_PROG(raw_sched_process_fork, struct task_struct *parent, struct task_struct *child)
{
	return on_child_point(REC_FORK, child, false);
}

SEC("raw_tp/sched_wakeup_new")
int BPF_PROG(raw_sched_wakeup_new, struct task_struct *p)
{
	return on_child_point(REC_WAKEUP, p, false);
}

SEC("raw_tp/sched_switch")
int BPF_PROG(raw_sched_switch, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	return on_switch(next, false);
}

/* --------------------------------------- kernel functions (fentry, kprobe) */

static __always_inline void read_kargs(struct rec_kargs *k, struct kernel_clone_args *a)
{
	k->flags = BPF_CORE_READ(a, flags);
	k->pidfd = (__u64)BPF_CORE_READ(a, pidfd);
	k->child_tid = (__u64)BPF_CORE_READ(a, child_tid);
	k->parent_tid = (__u64)BPF_CORE_READ(a, parent_tid);
	k->stack = BPF_CORE_READ(a, stack);
	k->stack_size = BPF_CORE_READ(a, stack_size);
	k->tls = BPF_CORE_READ(a, tls);
	k->set_tid = (__u64)BPF_CORE_READ(a, set_tid);
	k->set_tid_size = BPF_CORE_READ(a, set_tid_size);
	k->exit_signal = BPF_CORE_READ(a, exit_signal);
	k->cgroup = BPF_CORE_READ(a, cgroup);
	k->idle = kargs_idle(a);
	k->kthread = kargs_kthread(a);
	k->io_thread = kargs_io_thread(a);
	k->user_worker = kargs_user_worker(a);
	k->fn = kargs_fn(a);
	k->fn_arg = kargs_fn_arg(a);
}

static __always_inline int on_copy_enter(struct kernel_clone_args *args, int trace, int node,
					 bool btf)
{
	struct inflight *fl = current_clone(OPEN_COPY_PROCESS);
	struct rec_copy_enter *r;

	if (!fl)
		return 0;
	r = rec_reserve(REC_COPY_ENTER, sizeof(*r), fl->clone_id);
	if (!r)
		return 0;
	read_kargs(&r->kargs, args);
	r->trace = trace;
	r->node = node;
	r->entry = fl->entry;
	r->pad = 0;
	if (btf && HAVE_CURRENT_TASK_BTF())
		read_task(&r->parent, bpf_get_current_task_btf(), true);
	else
		read_task(&r->parent, (void *)bpf_get_current_task(), false);
	bpf_ringbuf_submit(r, rb_flags());
	return 0;
}

static __always_inline int on_copy_exit(struct task_struct *ret, bool btf)
{
	__u64 id = bpf_get_current_pid_tgid();
	struct inflight *fl = bpf_map_lookup_elem(&inflight, &id);
	__s64 err = 0;

	if (!fl)
		return 0;
	if ((unsigned long)ret >= (unsigned long)-MAX_ERRNO)
		err = (__s64)(long)ret;
	emit_point(REC_COPY_EXIT, err ? NULL : ret, fl->clone_id, fl->entry, 0, err, btf);
	close_clone(OPEN_COPY_PROCESS);
	return 0;
}

static __always_inline int on_sched_fork_exit(struct task_struct *p, int ret, bool btf)
{
	__u64 id = bpf_get_current_pid_tgid();
	struct inflight *fl = bpf_map_lookup_elem(&inflight, &id);

	if (!fl)
		return 0;
	/* the child is half built: read it even on failure (state, prio) */
	return emit_point(REC_SCHED_FORK, p, fl->clone_id, fl->entry, 0, ret, btf);
}

static __always_inline int on_clone_exit(long ret)
{
	__u64 id = bpf_get_current_pid_tgid();
	struct inflight *fl = bpf_map_lookup_elem(&inflight, &id);
	struct rec_ret *r;

	if (!fl)
		return 0;
	r = rec_reserve(REC_CLONE_EXIT, sizeof(*r), fl->clone_id);
	if (r) {
		r->ret = ret;
		r->entry = fl->entry;
		r->pid = (__u32)id;
		bpf_ringbuf_submit(r, rb_flags());
	}
	close_clone(OPEN_KERNEL_CLONE);
	return 0;
}

SEC("fentry/kernel_clone")
int BPF_PROG(fentry_kernel_clone, struct kernel_clone_args *args)
{
	current_clone(OPEN_KERNEL_CLONE);
	return 0;
}

SEC("fexit/kernel_clone")
int BPF_PROG(fexit_kernel_clone, struct kernel_clone_args *args, long ret)
{
	return on_clone_exit(ret);
}

SEC("fentry/copy_process")
int BPF_PROG(fentry_copy_process, struct pid *pid, int trace, int node,
	     struct kernel_clone_args *args)
{
	return on_copy_enter(args, trace, node, true);
}

SEC("fexit/copy_process")
int BPF_PROG(fexit_copy_process, struct pid *pid, int trace, int node,
	     struct kernel_clone_args *args, struct task_struct *ret)
{
	return on_copy_exit(ret, true);
}

SEC("fexit/sched_fork")
int BPF_PROG(fexit_sched_fork, u64 clone_flags, struct task_struct *p, int ret)
{
	return on_sched_fork_exit(p, ret, true);
}

SEC("kprobe/kernel_clone")
int BPF_KPROBE(kprobe_kernel_clone, struct kernel_clone_args *args)
{
	current_clone(OPEN_KERNEL_CLONE);
	return 0;
}

SEC("kretprobe/kernel_clone")
int BPF_KRETPROBE(kretprobe_kernel_clone, long ret)
{
	return on_clone_exit(ret);
}

SEC("kprobe/copy_process")
int BPF_KPROBE(kprobe_copy_process, struct pid *pid, int trace, int node,
	       struct kernel_clone_args *args)
{
	return on_copy_enter(args, trace, node, false);
}

SEC("kretprobe/copy_process")
int BPF_KRETPROBE(kretprobe_copy_process, struct task_struct *ret)
{
	return on_copy_exit(ret, false);
}

SEC("kprobe/sched_fork")
int BPF_KPROBE(kprobe_sched_fork, u64 clone_flags, struct task_struct *p)
{
	__u64 id = bpf_get_current_pid_tgid();
	struct kp_args a = { .sched_fork_p = (__u64)p };

	bpf_map_update_elem(&kp_saved, &id, &a, BPF_ANY);
	return 0;
}

SEC("kretprobe/sched_fork")
int BPF_KRETPROBE(kretprobe_sched_fork, int ret)
{
	__u64 id = bpf_get_current_pid_tgid();
	struct kp_args *a = bpf_map_lookup_elem(&kp_saved, &id);
	struct task_struct *p;

	if (!a)
		return 0;
	p = (void *)a->sched_fork_p;
	bpf_map_delete_elem(&kp_saved, &id);
	return on_sched_fork_exit(p, ret, false);
}

char LICENSE[] SEC("license") = "GPL";
