// SPDX-License-Identifier: GPL-2.0
/*
 * clonecheck.bpf.c - observe every clone at the points the model predicts.
 *
 * Three attach backends share this object; the loader turns on one set of
 * programs (bpf_program__set_autoload) after probing what the kernel allows:
 *  - every backend: the syscall tracepoints of clone, clone3, fork and vfork
 *    (O-01, O-05, the child's own exit O-06) and the scheduler points
 *    task_newtask (O-02), sched_process_fork (O-03), sched_wakeup_new (O-04),
 *    as tp_btf or, if refused, raw_tp.  Nothing is attached to sched_switch:
 *    a program there runs on every context switch of the machine, and the
 *    first run (O-07) it recorded is judged by no rule (REC_FIRST_RUN stays
 *    decodable for older trace files);
 *  - fentry: fentry/fexit on kernel_clone, copy_process and sched_fork add the
 *    final kernel_clone_args, internal failures and the state after sched_fork;
 *  - kprobe: the same points through kprobe/kretprobe.
 *
 * clone_id: allocated at the first point of a clone (syscall entry, else
 * kernel_clone or copy_process entry, else task_newtask) and kept per
 * creating thread in `inflight`; task_newtask files it under the child's
 * task_struct in `child_ids`.  Both maps are keyed by the task_struct, never
 * by a pid: the pid a record carries is read from the task, so comparing it
 * with the pid seen elsewhere (O-05, O-06) is a check, not a restatement of
 * the lookup.  Every new task clears both keys (a task_struct reused at the
 * same address never inherits a dead task's entry).
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
#include "inject.h"	/* the map inject_plan: a helper's plan by tid, read only here */

#define MAX_ERRNO 4095

/* Set by the loader before load. */
const volatile bool filter_tgid = false;	/* only watched tgids and descendants */
const volatile __u64 filter_cgroup = 0;		/* only this cgroup v2 id (0: any) */
const volatile char filter_comm[CC_COMM_LEN] = {};	/* only creators with this comm ("": any) */
const volatile __u32 nr_cpus = 1;		/* possible CPUs (CLONE_ID_NEW without BPF_FETCH) */
/* Addresses of globals without BTF, from /proc/kallsyms (0: not located). */
const volatile __u64 ksym_nr_threads = 0;	/* kernel/fork.c: int nr_threads */
const volatile __u64 ksym_max_threads = 0;	/* kernel/fork.c: static int max_threads */
const volatile __u64 ksym_nr_open = 0;		/* fs/file.c: unsigned int sysctl_nr_open */
const volatile __u64 ksym_userns_clone = 0;	/* Debian: int unprivileged_userns_clone */

/* Counters read by user space at exit (.bss). */
__u64 next_clone_id = 0;
__u64 lost[REC__MAX];		/* ring buffer full, per record type */
__u64 untracked_child;		/* child points of an entry a reused task_struct left (stale) */
__u64 exit_second_chance;	/* sys_exit records the second instance emitted */
__u64 rb_max_avail;		/* the ring's fullest, bytes (user space resets it) */
__u32 gate_open;		/* set by user space: new clones may be opened */

/* Who opened an inflight clone, so the right exit closes it. */
enum { OPEN_SYSCALL = 0, OPEN_COPY_PROCESS = 1, OPEN_KERNEL_CLONE = 2 };

struct inflight {
	__u64 clone_id;
	__u32 entry;		/* enum rec_entry */
	__u32 opener;		/* OPEN_* */
	__u64 pidfd_uptr;	/* CLONE_PIDFD: where the fd number is written */
	__u64 ptid_uptr;	/* CLONE_PARENT_SETTID: where the pid is written */
	__u64 ctid_uptr;	/* CLONE_CHILD_SETTID: where the child writes its tid */
};

struct child_id {
	__u64 clone_id;
	__u64 start_time;	/* the child's task->start_time: tells a reused
				 * task_struct address from this child */
	__u32 entry;
	__u32 pad;
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
	__type(key, __u64);		/* the creating thread's task_struct */
	__type(value, struct inflight);
} inflight SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 65536);
	__type(key, __u64);		/* the child's task_struct */
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
		char comm[CC_COMM_LEN];

		bpf_get_current_comm(comm, sizeof(comm));
		for (int i = 0; i < CC_COMM_LEN; i++) {
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

static __always_inline void read_task_sched(struct rec_task *r, struct task_struct *t, bool btf)
{
	if (btf)
		read_task_sched_btf(r, t);
	else
		read_task_sched_probe(r, t);
}

static __always_inline void read_task_ext(struct rec_task_ext *x, struct task_struct *t, bool btf)
{
	if (btf)
		read_task_ext_btf(x, t);
	else
		read_task_ext_probe(x, t);
}

/* The key of the current thread in inflight: its task_struct. */
static __always_inline __u64 cur_key(void)
{
	return bpf_get_current_task();
}

/* current->pid, read from the task (not from the map key). */
static __always_inline __u32 cur_pid(void)
{
	if (HAVE_CURRENT_TASK_BTF())
		return bpf_get_current_task_btf()->pid;
	return BPF_CORE_READ((struct task_struct *)bpf_get_current_task(), pid);
}

/* ------------------------------------------- the caller's state at entry */

#define FD_SCAN_WORDS 64	/* open_fds words scanned: the first 4096 fds */

/* de Bruijn sequence: bit index of a 64-bit word with one bit set, no branch. */
static const __u8 debruijn_index[64] = {
	0,  1,  2,  53, 3,  7,  54, 27, 4,  38, 41, 8,  34, 55, 48, 28,
	62, 5,  39, 46, 44, 42, 22, 9,  24, 35, 59, 56, 49, 18, 29, 11,
	63, 52, 6,  26, 37, 40, 33, 47, 61, 45, 43, 21, 23, 58, 17, 10,
	51, 25, 36, 32, 60, 20, 57, 16, 50, 31, 19, 15, 30, 14, 13, 12,
};

/* Index of the lowest set bit of x != 0. */
static __always_inline __u32 lowest_set(__u64 x)
{
	return debruijn_index[((x & -x) * 0x022fdd63cc95386dull) >> 58];
}

/*
 * V-30, V-41, R-39: the caller's fd table as alloc_fd() and dup_fd() see it
 * (fs/file.c): max_fds, the lowest free fd (find_next_fd() from 0), the
 * span count_open_files() gives dup_fd(), and whether another task shares
 * the table.  Not read (group bit clear) for a table above FD_SCAN_WORDS.
 * The scan keeps its state in *x (map memory), so that the verifier sees
 * one state per word, not one per combination of words.
 */
static __always_inline void read_fds(struct rec_task_ext *x, struct task_struct *t)
{
	struct files_struct *files = BPF_CORE_READ(t, files);
	struct fdtable *fdt;
	long unsigned int *open;
	__u32 max, words;
	__u64 w;

	if (!files)
		return;
	fdt = BPF_CORE_READ(files, fdt);
	max = BPF_CORE_READ(fdt, max_fds);
	open = BPF_CORE_READ(fdt, open_fds);
	words = max / 64;
	if (!open || words > FD_SCAN_WORDS)
		return;
	x->fd_free = ~0u;	/* word index of the first word with a clear bit */
	x->fd_top = 0;
	for (__u32 i = 0; i < FD_SCAN_WORDS; i++) {
		if (i >= words)
			break;
		if (bpf_probe_read_kernel(&w, sizeof(w), &open[i]))
			return;
		if (w)
			x->fd_top = (i + 1) * 64;
		if (x->fd_free == ~0u && w != ~0ull)
			x->fd_free = i;
	}
	if (x->fd_free == ~0u) {
		x->fd_free = max;
	} else {
		__u32 i = x->fd_free & (FD_SCAN_WORDS - 1);

		if (bpf_probe_read_kernel(&w, sizeof(w), &open[i]))
			return;
		x->fd_free = i * 64 + lowest_set(~w);
	}
	x->fd_max = max;
	x->fd_shared = BPF_CORE_READ(files, count.counter) > 1;
	x->valid |= REC_IN_FDS;
}

/* One 4-byte global at a kallsyms address: its MODEL_SYS_* bit, or 0. */
static __always_inline __u32 read_global(__u64 addr, __u32 *out, __u32 bit)
{
	__u32 v;

	if (!addr || bpf_probe_read_kernel(&v, sizeof(v), (const void *)addr))
		return 0;
	*out = v;
	return bit;
}

/*
 * V-24, V-30, V-18: the globals copy_process() tests, as the caller enters
 * the syscall (kernel/fork.c: nr_threads, max_threads; fs/file.c:
 * sysctl_nr_open; Debian's kernel/user_namespace.c:
 * unprivileged_userns_clone).  None is in BTF: user space
 * finds them in /proc/kallsyms (CONFIG_KALLSYMS_ALL=y); an unlocated one
 * leaves its bit clear.
 */
static __always_inline void read_globals(struct rec_task_ext *x)
{
	__u32 got = 0;

	got |= read_global(ksym_nr_threads, &x->nr_threads, MODEL_SYS_NR_THREADS);
	got |= read_global(ksym_max_threads, &x->max_threads, MODEL_SYS_MAX_THREADS);
	got |= read_global(ksym_nr_open, &x->sys_nr_open, MODEL_SYS_NR_OPEN);
	got |= read_global(ksym_userns_clone, &x->userns_clone, MODEL_SYS_USERNS_CLONE);
	x->sys_read = got;
}

/*
 * V-42, R-44: what clone3's CLONE_INTO_CGROUP fd points to, as
 * kernel/cgroup/cgroup.c:cgroup_css_set_fork() will look at it (v6.18):
 * fd_raw(kargs->cgroup) -> css_tryget_online_from_dir(f_path.dentry):
 * `(s_type != &cgroup_fs_type && s_type != &cgroup2_fs_type) || !kn ||
 * kernfs_type(kn) != KERNFS_DIR` -> EBADF; `cgrp = kn->priv`, css =
 * &cgrp->self, `!css || !css_tryget_online(css)` -> ENOENT; then
 * `!cgroup_on_dfl(cgrp)` -> EBADF.  css_tryget_online() is
 * percpu_ref_tryget_live(), which fails once the ref is killed
 * (__PERCPU_REF_DEAD, bit 1 of percpu_count_ptr) unless CSS_NO_REF (bit
 * 0 of css->flags, the root's).  kernfs_dentry_node() is
 * d_inode(dentry)->i_private.  CGRP_FREEZE is bit 2 of cgrp->flags
 * (include/linux/cgroup-defs.h, 5.2+), read for cgroup_post_fork().
 */
static __always_inline void read_cg_target(struct rec_task_ext *x, struct task_struct *t,
					   const struct cc_clone_args *ca)
{
	struct files_struct *files = BPF_CORE_READ(t, files);
	struct fdtable *fdt = files ? BPF_CORE_READ(files, fdt) : NULL;
	struct file **fds;
	struct file *f = NULL;
	struct dentry *d;
	struct inode *ino;
	struct kernfs_node *kn;
	struct cgroup *cg;
	char name[8] = {};
	__u64 v = MODEL_CGT_READ;
	__u32 fd = (__u32)ca->cgroup;

	if (!(ca->flags & (1ULL << 33)) || !fdt || ca->cgroup > 0x7fffffff)
		return;			/* no INTO_CGROUP, or V-04 refuses the fd */
	fds = BPF_CORE_READ(fdt, fd);
	if (fd < BPF_CORE_READ(fdt, max_fds) && fds)
		bpf_probe_read_kernel(&f, sizeof(f), &fds[fd]);
	if (!f) {
		x->cg_target = v;	/* not open: EBADF */
		return;
	}
	v |= MODEL_CGT_FILE;
	d = BPF_CORE_READ(f, f_path.dentry);
	bpf_probe_read_kernel_str(name, sizeof(name), BPF_CORE_READ(d, d_sb, s_type, name));
	ino = BPF_CORE_READ(d, d_inode);
	kn = ino ? BPF_CORE_READ(ino, i_private) : NULL;
	if (name[0] != 'c' || name[1] != 'g' || name[2] != 'r' || name[3] != 'o' ||
	    name[4] != 'u' || name[5] != 'p' || (name[6] && (name[6] != '2' || name[7])) ||
	    !kn || (BPF_CORE_READ(kn, flags) & 0xf) != 1) {
		x->cg_target = v;
		return;
	}
	v |= MODEL_CGT_CGDIR;
	if (name[6] == '2')
		v |= MODEL_CGT_DFL;
	cg = BPF_CORE_READ(kn, priv);
	if (cg && ((BPF_CORE_READ(cg, self.flags) & 1) ||
		   !(BPF_CORE_READ(cg, self.refcnt.percpu_count_ptr) & 2)))
		v |= MODEL_CGT_LIVE;
	if (cg && (BPF_CORE_READ(cg, flags) & (1UL << 2)))
		v |= MODEL_CGT_FREEZE;
	if (cg && BPF_CORE_READ(cg, dom_cgrp) != cg)
		v |= MODEL_CGT_THREADED;
	x->cg_target = v;
}

#define PIDS_MAX_LIMITED 4194305	/* PIDS_MAX = PID_MAX_LIMIT + 1 (64-bit) */
#define PIDS_LEVELS 16

/*
 * V-43: kernel/cgroup/pids.c:pids_try_charge() charges every pids cgroup of
 * the task that has a parent; record the least headroom (limit - counter)
 * over those with a limit (INT64_MAX: none), and the largest counter of
 * those (0: none).  No pids controller: none.
 * Not read past PIDS_LEVELS levels.
 */
static __always_inline void read_pids_cg(struct rec_task_ext *x, struct task_struct *t)
{
	struct cgroup_subsys_state *css = NULL;
	struct css_set *cs = BPF_CORE_READ(t, cgroups);
	int id;

	/* the minimum is kept in *x (map memory): one verifier state per level */
	x->pids_headroom = 0x7fffffffffffffffll;
	x->pids_counted = 0;
	if (!bpf_core_enum_value_exists(enum cgroup_subsys_id, pids_cgrp_id)) {
		x->valid |= REC_IN_PIDS_CG;
		return;
	}
	id = bpf_core_enum_value(enum cgroup_subsys_id, pids_cgrp_id);
	if (id < 0 || id >= 64 || bpf_core_read(&css, sizeof(css), &cs->subsys[id]))
		return;
	for (int i = 0; i < PIDS_LEVELS; i++) {
		struct pids_cgroup *pc = (void *)css;
		struct cgroup_subsys_state *parent;
		__s64 limit, counter;

		if (!css)
			return;
		parent = BPF_CORE_READ(css, parent);
		if (!parent) {
			x->valid |= REC_IN_PIDS_CG;
			return;
		}
		limit = BPF_CORE_READ(pc, limit.counter);
		counter = BPF_CORE_READ(pc, counter.counter);
		if (limit < PIDS_MAX_LIMITED && limit - counter < x->pids_headroom)
			x->pids_headroom = limit - counter;
		if (limit < PIDS_MAX_LIMITED && counter > x->pids_counted)
			x->pids_counted = counter;
		css = parent;
	}
}

#define OWNER_LEVELS 16

/*
 * V-38's capability test in alloc_pid(): checkpoint_restore_ns_capable(
 * tmp->user_ns) for each pid ns a set_tid entry names, pid_ns_for_children
 * outwards.  cap_capable() (security/commoncap.c) decides it from the
 * caller's cred->user_ns alone when the ns's owner is that user ns (the
 * effective set decides) or not below it (never capable); a deeper owner
 * needs its ancestry (left 0: not read).
 */
static __always_inline void read_pid_ns_owners(struct rec_task_ext *x, struct task_struct *t)
{
	struct nsproxy *ns = BPF_CORE_READ(t, nsproxy);
	const struct cred *cred = BPF_CORE_READ(t, cred);
	struct user_namespace *mine = BPF_CORE_READ(cred, user_ns);
	int my_level = BPF_CORE_READ(mine, level);
	struct pid_namespace *pn;

	x->pid_ns_owner_rel = 0;	/* built in map memory, see read_fds() */
	if (!ns)
		return;
	pn = BPF_CORE_READ(ns, pid_ns_for_children);
	for (int i = 0; i < OWNER_LEVELS; i++) {
		struct user_namespace *owner;

		if (!pn)
			break;
		owner = BPF_CORE_READ(pn, user_ns);
		if (owner == mine)
			x->pid_ns_owner_rel |= 1u << (2 * i);
		else if (BPF_CORE_READ(owner, level) <= my_level)
			x->pid_ns_owner_rel |= 2u << (2 * i);
		pn = BPF_CORE_READ(pn, parent);
	}
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

/*
 * The caller's injection plan, if a workload helper armed one: its word
 * in the entry snapshot (the model's input), spent from the second entry
 * on (the restart after ERESTARTNOINTR).  Only the armed thread makes
 * syscalls with its tid, so a plain increment will do (no BPF_FETCH).
 */
static __always_inline void read_plan(struct rec_task_ext *x)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct inject_plan *p = bpf_map_lookup_elem(&inject_plan, &tid);
	__u32 n;

	if (!p)
		return;
	n = p->seen;
	p->seen = n + 1;
	x->inject = MODEL_INJ_WORD(p->kind, p->arg, n ? MODEL_INJ_F_SPENT : 0, p->cookie);
}

/*
 * Legacy clone's child_tidptr: clone(flags, newsp, parent_tidptr,
 * child_tidptr, tls) on x86_64; CLONE_BACKWARDS arm64 swaps the last two
 * (kernel/fork.c SYSCALL_DEFINE5(clone)).
 */
#if defined(__TARGET_ARCH_arm64)
#define CLONE_CTID_ARG 4
#else
#define CLONE_CTID_ARG 3
#endif

/*
 * O-07: x->child_tid_word = (1 << 32) | the u32 at ctid as current reads it;
 * left 0 without a ctid.  False only when the read faulted.
 */
static __always_inline bool read_ctid_word(struct rec_task_ext *x, __u64 ctid)
{
	__u32 w;

	if (!ctid)
		return true;
	if (bpf_probe_read_user(&w, sizeof(w), (const void *)ctid))
		return false;
	x->child_tid_word = (1ULL << 32) | w;
	return true;
}

/*
 * O-01: open a clone in the caller and record its arguments.  entry steers
 * the code (a constant); stored is the entry recorded, the same but for
 * the program fork and vfork share.
 */
static __always_inline int on_sys_enter_as(void *ctx, __u32 entry, __u32 stored, int nargs)
{
	struct sys_enter_ctx *sc = ctx;
	__u64 key = cur_key();
	__u32 zero = 0;
	struct inflight fl = {};
	struct rec_sys_enter *r;
	struct task_struct *cur;

	/*
	 * A child making a syscall of its own is back in user space: where its
	 * first return was not reported (arm64 reports no syscall exit on
	 * ret_from_fork: O-06 is never seen there), its child_ids entry would
	 * otherwise wait for an O-06 that never comes, and the second sys_exit
	 * instance would take this syscall's exit for it.
	 */
	if (bpf_map_lookup_elem(&child_ids, &key))
		bpf_map_delete_elem(&child_ids, &key);

	if (!creator_selected(bpf_get_current_pid_tgid() >> 32))
		return 0;
	r = bpf_map_lookup_elem(&enter_scratch, &zero);
	if (!r)
		return 0;
	fl.clone_id = CLONE_ID_NEW(&next_clone_id, &clone_id_percpu, nr_cpus);
	fl.entry = stored;
	fl.opener = OPEN_SYSCALL;

	/*
	 * In two parts: clang inlines a memset only up to 1024 bytes, and the
	 * barrier keeps it from merging them back into one.
	 */
	__builtin_memset(r, 0, offsetof(struct rec_sys_enter, parent_ext));
	asm volatile("" ::: "memory");
	__builtin_memset(&r->parent_ext, 0, sizeof(r->parent_ext));
	r->hdr.type = REC_SYS_ENTER;
	r->hdr.size = sizeof(*r);
	r->hdr.ts_ns = bpf_ktime_get_ns();
	r->hdr.clone_id = fl.clone_id;
	r->entry = stored;
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
		const struct cc_clone_args *ca = (const void *)r->uargs;
		const __u64 *tail = (const void *)(r->uargs + sizeof(*ca));
		__u64 size = r->args[1];
		__u32 n = size > CC_UARGS_MAX ? CC_UARGS_MAX : size;

		if (size > CC_UARGS_MAX)
			r->uargs_flags |= REC_UARGS_TAIL_UNSEEN;
		/* the copy_struct_from_user() read of V-04.3 */
		if (n > CC_UARGS_MAX)
			n = CC_UARGS_MAX;
		if (n && bpf_probe_read_user(r->uargs, n, uargs))
			r->uargs_flags |= REC_UARGS_FAULT;
		_Static_assert(sizeof(struct cc_clone_args) == 88 && CC_UARGS_MAX == 128,
			       "the five words below are bytes 88..127, past struct clone_args");
		/*
		 * Bytes [88, n) non-zero?  r was zeroed and only n bytes read, so
		 * whole words will do: five loads, no branch per byte (a loop over
		 * bytes cost the verifier most of its budget).
		 */
		if (!(r->uargs_flags & REC_UARGS_FAULT) &&
		    (tail[0] | tail[1] | tail[2] | tail[3] | tail[4]))
			r->uargs_flags |= REC_UARGS_TAIL_NONZERO;
		if (!(r->uargs_flags & REC_UARGS_FAULT) && n >= 80) {
			__u64 set_tid = ca->set_tid;
			__u64 set_tid_size = ca->set_tid_size;

			if (set_tid && set_tid_size && set_tid_size <= CC_SET_TID_MAX &&
			    bpf_probe_read_user(r->set_tid, (set_tid_size * 4) & 0xff,
						(const void *)set_tid))
				r->uargs_flags |= REC_SET_TID_FAULT;
		}
	}
	/*
	 * Where kernel_clone() writes the pidfd number and the parent's tid:
	 * legacy clone passes parent_tidptr (argument 2 on x86_64 and on
	 * CLONE_BACKWARDS arm64) for both; clone3 its pidfd and parent_tid.
	 */
	if (entry == REC_ENTRY_CLONE) {
		if (r->args[0] & 0x1000)		/* CLONE_PIDFD */
			fl.pidfd_uptr = r->args[2];
		if (r->args[0] & 0x100000)		/* CLONE_PARENT_SETTID */
			fl.ptid_uptr = r->args[2];
		if (r->args[0] & 0x01000000)		/* CLONE_CHILD_SETTID */
			fl.ctid_uptr = r->args[CLONE_CTID_ARG];
	} else if (entry == REC_ENTRY_CLONE3 && !(r->uargs_flags & REC_UARGS_FAULT)) {
		const struct cc_clone_args *ca = (const void *)r->uargs;

		if (ca->flags & 0x1000)			/* CLONE_PIDFD */
			fl.pidfd_uptr = ca->pidfd;
		if (ca->flags & 0x100000)		/* CLONE_PARENT_SETTID */
			fl.ptid_uptr = ca->parent_tid;
		if (ca->flags & 0x01000000)		/* CLONE_CHILD_SETTID */
			fl.ctid_uptr = ca->child_tid;
	}
	bpf_map_update_elem(&inflight, &key, &fl, BPF_ANY);

	if (HAVE_CURRENT_TASK_BTF()) {
		cur = UNTRUSTED_TASK(bpf_get_current_task_btf());	/* read only */
		read_task(&r->parent, cur, true);
		read_task_ext(&r->parent_ext, cur, true);
	} else {
		cur = (void *)bpf_get_current_task();
		read_task(&r->parent, cur, false);
		read_task_ext(&r->parent_ext, cur, false);
	}
	read_fds(&r->parent_ext, cur);
	read_pids_cg(&r->parent_ext, cur);
	read_globals(&r->parent_ext);
	read_plan(&r->parent_ext);
	/* O-07: the CHILD_SETTID word before the clone, against sched_wakeup_new's */
	read_ctid_word(&r->parent_ext, fl.ctid_uptr);
	if (entry == REC_ENTRY_CLONE3)
		read_pid_ns_owners(&r->parent_ext, cur);
	if (entry == REC_ENTRY_CLONE3 && !(r->uargs_flags & REC_UARGS_FAULT))
		read_cg_target(&r->parent_ext, cur, (const void *)r->uargs);
	if (bpf_ringbuf_output(&rb, r, sizeof(*r), rb_flags()))
		__sync_fetch_and_add(&lost[REC_SYS_ENTER], 1);
	return 0;
}

static __always_inline int on_sys_enter(void *ctx, __u32 entry, int nargs)
{
	return on_sys_enter_as(ctx, entry, entry, nargs);
}

SEC("tracepoint/syscalls/sys_enter_clone")
int handle_sys_enter_clone(void *ctx) { return on_sys_enter(ctx, REC_ENTRY_CLONE, 5); }

SEC("tracepoint/syscalls/sys_enter_clone3")
int handle_sys_enter_clone3(void *ctx) { return on_sys_enter(ctx, REC_ENTRY_CLONE3, 2); }

/*
 * fork and vfork: one program, which src/loader.c also attaches to
 * sys_enter_vfork, so the verifier checks it once, not twice (each took
 * 40-60 ms of start-up).  Their paths are the same; the entry recorded
 * comes from the syscall number by arithmetic, not a branch, so that the
 * verifier still walks one path.  Their records have no argument fields:
 * reading args[] would be refused.  Native arm64 has neither syscall.
 */
#if defined(__TARGET_ARCH_x86)
#define NR_FORK 57	/* arch/x86/entry/syscalls/syscall_64.tbl; vfork is 58 */
#endif
_Static_assert(REC_ENTRY_VFORK == REC_ENTRY_FORK + 1, "the entry is fork's plus one for vfork");

SEC("tracepoint/syscalls/sys_enter_fork")
int handle_sys_enter_fork(void *ctx)
{
#ifdef NR_FORK
	__u32 vfork = (__u32)(((struct sys_enter_ctx *)ctx)->nr - NR_FORK) & 1;
#else
	__u32 vfork = 0;
#endif
	return on_sys_enter_as(ctx, REC_ENTRY_FORK, REC_ENTRY_FORK + vfork, 0);
}

/*
 * The clone task t (key: its address) is the child of, if t is still that
 * child.  An entry outlives its child when no last point removes it (arm64
 * reports no O-06); a new task_struct at the same address has another
 * start_time: the entry is stale, removed and counted, never taken for it.
 */
static __always_inline struct child_id *child_of(struct task_struct *t, __u64 key, bool btf)
{
	struct child_id *cid = bpf_map_lookup_elem(&child_ids, &key);
	__u64 start;

	if (!cid)
		return NULL;
	start = btf ? t->start_time : BPF_CORE_READ(t, start_time);
	if (cid->start_time != start) {
		bpf_map_delete_elem(&child_ids, &key);
		__sync_fetch_and_add(&untracked_child, 1);
		return NULL;
	}
	return cid;
}

/* -------------------------------------------------------- syscall exit */

/*
 * The caller's fatal signal state (REC_SIG_*): SIGKILL in its own pending
 * set, as __fatal_signal_pending() tests it (include/linux/sched/signal.h,
 * v6.18.35: sigismember(), bit SIGKILL - 1 of sig[0], one word on 64-bit),
 * and SIGNAL_GROUP_EXIT (0x4 from 5.10 to 7.2), both set by complete_signal()
 * (kernel/signal.c) for a group being killed.
 */
#define SIG_KILL_BIT		(1ul << (9 - 1))	/* SIGKILL (9) in sig[0] */
#define SIGNAL_GROUP_EXIT_FLAG	0x4			/* SIGNAL_GROUP_EXIT */

static __always_inline __u32 sig_state(struct task_struct *cur)
{
	unsigned long pending = BPF_CORE_READ(cur, pending.signal.sig[0]);
	unsigned int flags = BPF_CORE_READ(cur, signal, flags);
	__u32 f = 0;

	if (pending & SIG_KILL_BIT)
		f |= REC_SIG_KILL_PENDING;
	if (flags & SIGNAL_GROUP_EXIT_FLAG)
		f |= REC_SIG_GROUP_EXIT;
	return f;
}

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
	struct task_struct *cur = (void *)bpf_get_current_task();
	struct sys_exit_ctx *sc = ctx;
	__u64 key = cur_key();
	struct inflight *fl = bpf_map_lookup_elem(&inflight, &key);
	struct child_id *cid;
	struct rec_ret *r;
	int *ctid;

	if (fl && fl->opener == OPEN_SYSCALL) {
		r = rec_reserve(REC_SYS_EXIT, sizeof(*r), fl->clone_id);
		if (r) {
			r->ret = sc->ret;
			r->entry = fl->entry;
			r->pid = cur_pid();
			r->tid_val = 0;
			r->tid_flags = 0;
			/* a vfork wait ended early by a fatal signal */
			r->sig_flags = sig_state(cur);
			r->pad2 = 0;
			bpf_ringbuf_submit(r, rb_flags());
		}
		bpf_map_delete_elem(&inflight, &key);
		if (second)
			__sync_fetch_and_add(&exit_second_chance, 1);
		return 0;
	}
	cid = child_of(cur, key, false);
	if (!cid)
		return 0;
	/* no syscall was seen making this child: it has no O-06 to pair with */
	if (cid->entry == REC_ENTRY_NONE) {
		bpf_map_delete_elem(&child_ids, &key);
		return 0;
	}
	r = rec_reserve(REC_CHILD_RET, sizeof(*r), cid->clone_id);
	if (r) {
		r->ret = sc->ret;
		r->entry = cid->entry;
		r->pid = cur_pid();
		r->tid_val = 0;
		r->tid_flags = 0;
		r->sig_flags = 0;
		r->pad2 = 0;
		/* schedule_tail() stored the child's pid there already */
		ctid = BPF_CORE_READ(cur, set_child_tid);
		if (ctid) {
			if (bpf_probe_read_user(&r->tid_val, sizeof(r->tid_val), ctid))
				r->tid_flags = REC_TID_FAULT;
			else
				r->tid_flags = REC_TID_READ;
		}
		bpf_ringbuf_submit(r, rb_flags());
	}
	bpf_map_delete_elem(&child_ids, &key);
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

/*
 * the fd kernel_clone() wrote to *pidfd_uptr, as current (the
 * parent, inside its syscall) sees it at task_newtask: the number, the
 * file's f_flags and close-on-exec bit in current's table, and whether the
 * child's table (a copy made before the fd was reserved, or the same one
 * with CLONE_FILES) holds that number.
 */
static __always_inline void read_pidfd(struct rec_task_ext *x, struct task_struct *child,
				       __u64 pidfd_uptr, bool btf)
{
	struct task_struct *cur = (void *)bpf_get_current_task();
	struct files_struct *files = BPF_CORE_READ(cur, files), *cfiles;
	struct fdtable *fdt, *cfdt;
	struct file *f = NULL, *cf = NULL;
	long unsigned int *coe, word = 0;
	struct file **fds;
	int nr = -1;
	__u32 n;

	if (!pidfd_uptr || !files)
		return;
	if (bpf_probe_read_user(&nr, sizeof(nr), (const void *)pidfd_uptr) || nr < 0)
		return;
	n = nr;
	fdt = BPF_CORE_READ(files, fdt);
	if (n >= BPF_CORE_READ(fdt, max_fds))
		return;
	fds = BPF_CORE_READ(fdt, fd);
	coe = BPF_CORE_READ(fdt, close_on_exec);
	if (bpf_probe_read_kernel(&f, sizeof(f), &fds[n]) || !f ||
	    bpf_probe_read_kernel(&word, sizeof(word), &coe[n / 64]))
		return;
	cfiles = btf ? child->files : BPF_CORE_READ(child, files);
	if (cfiles) {
		cfdt = BPF_CORE_READ(cfiles, fdt);
		if (n < BPF_CORE_READ(cfdt, max_fds)) {
			fds = BPF_CORE_READ(cfdt, fd);
			if (bpf_probe_read_kernel(&cf, sizeof(cf), &fds[n]))
				return;
		}
	}
	x->pidfd_nr = nr;
	x->pidfd_f_flags = BPF_CORE_READ(f, f_flags);
	x->pidfd_cloexec = (word >> (n % 64)) & 1;
	x->pidfd_in_child = cf != NULL;
	x->valid |= REC_IN_PIDFD;
}

/*
 * uptr: task_newtask, where the pidfd number was written; sched_wakeup_new,
 * where the parent's tid was (R-36: before wake_up_new_task, and the child
 * cannot run before this tracepoint returns: it is on a runqueue whose
 * lock is held).  0 at other points.  ctid: sched_wakeup_new, where the
 * child will write its tid when it first runs (O-07), else 0.
 */
static __always_inline int emit_point(__u32 type, struct task_struct *child, __u64 clone_id,
				      __u32 entry, __u64 clone_flags, __s64 ret, bool btf,
				      __u64 uptr, __u64 ctid)
{
	struct rec_task_point *r = rec_reserve(type, sizeof(*r), clone_id);
	/* read only: untrusted where it can be (UNTRUSTED_TASK); read_arch() wants it typed */
	struct task_struct *rd = btf ? UNTRUSTED_TASK(child) : child;

	if (!r)
		return 0;
	__builtin_memset(&r->arch, 0, sizeof(r->arch));
	__builtin_memset(&r->ext, 0, sizeof(r->ext));
	r->clone_flags = clone_flags;
	r->ret = ret;
	r->creator_pid = cur_pid();
	r->entry = entry;
	if (child && (type == REC_FORK || type == REC_WAKEUP)) {
		/* what a rule judges there, no more (read_task_sched()) */
		__builtin_memset(&r->child, 0, sizeof(r->child));
		read_task_sched(&r->child, rd, btf);
	} else if (child) {
		read_task(&r->child, rd, btf);
	} else {
		__builtin_memset(&r->child, 0, sizeof(r->child));
	}
	if (type == REC_NEWTASK && child) {
		read_arch(&r->arch, child, btf);
		read_task_ext(&r->ext, rd, btf);
		read_pidfd(&r->ext, rd, uptr, btf);
	}
	/* copy_oom_score_adj() ran after task_newtask, before this point */
	if (type == REC_FORK && child && HAS_MM_FLAGS((struct mm_struct *)0)) {
		struct mm_struct *mm = btf ? rd->mm : BPF_CORE_READ(child, mm);

		r->ext.mm_flags = mm ? (btf ? MM_FLAGS_WORD(RD_DIRECT, mm) :
					      MM_FLAGS_WORD(BPF_CORE_READ, mm)) : 0;
		r->ext.valid |= REC_IN_MMF;
	}
	/*
	 * kernel_clone() points vfork_done at its completion after
	 * sched_process_fork and before wake_up_new_task() (kernel/fork.c,
	 * v5.10 to v7.2); the tid pointers come along (one field group).  The
	 * child cannot run, so clear it, before the tracepoint: its rq is
	 * locked across activate_task() and trace_sched_wakeup_new().
	 */
	if ((type == REC_FORK || type == REC_WAKEUP) && child) {
		r->ext.vfork_done = btf ? (__u64)rd->vfork_done :
					  (__u64)BPF_CORE_READ(child, vfork_done);
		r->ext.set_child_tid = btf ? (__u64)rd->set_child_tid :
					     (__u64)BPF_CORE_READ(child, set_child_tid);
		r->ext.clear_child_tid = btf ? (__u64)rd->clear_child_tid :
					       (__u64)BPF_CORE_READ(child, clear_child_tid);
		r->ext.valid |= REC_IN_TIDS;
	}
	/* USERMEM: every word this point tried was read */
	if (type == REC_WAKEUP && (uptr || ctid) &&
	    (!uptr || !bpf_probe_read_user(&r->ext.parent_tid_val, sizeof(r->ext.parent_tid_val),
					   (const void *)uptr)) &&
	    read_ctid_word(&r->ext, ctid))
		r->ext.valid |= REC_IN_USERMEM;
	bpf_ringbuf_submit(r, rb_flags());
	return 0;
}

/*
 * The clone the current thread is making: its inflight entry, or a new one
 * opened by `opener` for clones without a syscall (kernel threads, workers).
 */
static __always_inline struct inflight *current_clone(__u32 opener)
{
	__u64 key = cur_key();
	struct inflight *fl = bpf_map_lookup_elem(&inflight, &key);
	struct inflight nf = {};

	if (fl || opener == OPEN_SYSCALL)
		return fl;
	if (!creator_selected(bpf_get_current_pid_tgid() >> 32))
		return NULL;
	nf.clone_id = CLONE_ID_NEW(&next_clone_id, &clone_id_percpu, nr_cpus);
	nf.entry = REC_ENTRY_NONE;
	nf.opener = opener;
	bpf_map_update_elem(&inflight, &key, &nf, BPF_ANY);
	return bpf_map_lookup_elem(&inflight, &key);
}

/* Close a clone at the exit of the function that opened it. */
static __always_inline void close_clone(__u32 opener)
{
	__u64 key = cur_key();
	struct inflight *fl = bpf_map_lookup_elem(&inflight, &key);

	if (fl && fl->opener == opener)
		bpf_map_delete_elem(&inflight, &key);
}

/*
 * The syscall the current task is in, as its entry saved it in its
 * task_pt_regs() (x86_64 orig_ax, arm64 syscallno; -1 or an interrupt's
 * vector when it is not in one): REC_CREATOR_SYSNR | nr, or 0 where the
 * regs cannot be located.  Before 5.15 (no bpf_task_pt_regs()), current's
 * are at the offset in its stack where copy_thread() put the child's, at
 * the child's task_pt_regs() (x86_64: the fork_frame's regs; arm64:
 * cpu_context.sp), as locate_regs() finds the parent's.
 */
static __always_inline __u32 creator_syscall(struct task_struct *child)
{
	struct task_struct *cur = CURRENT_TASK();
	struct pt_regs *regs = (void *)kernel_task_pt_regs(cur);
	long nr;

	if (!regs) {
		__u64 cstack = (__u64)BPF_CORE_READ(child, stack), cregs = 0;
#if defined(__TARGET_ARCH_x86)
		struct fork_frame *ff = (void *)BPF_CORE_READ(child, thread.sp);

		cregs = (__u64)ff + bpf_core_field_offset(ff->regs);
#elif defined(__TARGET_ARCH_arm64)
		cregs = BPF_CORE_READ(child, thread.cpu_context.sp);
#endif
		if (!cstack || cregs < cstack || cregs - cstack > (1 << 20))
			return 0;
		regs = (void *)((__u64)BPF_CORE_READ(cur, stack) + (cregs - cstack));
	}
#if defined(__TARGET_ARCH_x86)
	nr = (long)BPF_CORE_READ(regs, orig_ax);
#elif defined(__TARGET_ARCH_arm64)
	nr = (int)BPF_CORE_READ(regs, syscallno);
#else
	return 0;
#endif
	if (nr < 0 || nr >= REC_CREATOR_NR_MASK)
		nr = REC_CREATOR_NR_MASK;
	return REC_CREATOR_SYSNR | (__u32)nr;
}

/*
 * A kernel-made clone's creator's signal state (R-14: a kernel thread's
 * blocked set is its creator's), REC_CREATOR_SIGNALS; probe reads, only
 * for clones no syscall opened.
 */
static __always_inline void read_creator_signals(struct rec_copy_enter *r,
						 struct task_struct *cur)
{
	r->creator_blocked = BPF_CORE_READ(cur, blocked.sig[0]);
	r->creator_pending = BPF_CORE_READ(cur, pending.signal.sig[0]);
	r->creator_pdeath = BPF_CORE_READ(cur, pdeath_signal);
	r->creator_pad = 0;
	r->creator |= REC_CREATOR_SIGNALS;
}

/*
 * A clone no syscall and no copy_process entry opened (tracepoint backend:
 * a kernel thread or worker): its creator's context, read at task_newtask,
 * as a REC_COPY_ENTER without kernel_clone_args (REC_CREATOR_AT_NEWTASK).
 */
static __always_inline void emit_creator(__u64 clone_id, struct task_struct *child)
{
	struct task_struct *cur = (void *)bpf_get_current_task();
	struct rec_copy_enter *r = rec_reserve(REC_COPY_ENTER, sizeof(*r), clone_id);

	if (!r)
		return;
	__builtin_memset(&r->kargs, 0, sizeof(r->kargs));
	r->trace = 0;
	r->node = 0;
	r->entry = REC_ENTRY_NONE;
	r->creator = REC_CREATOR_AT_NEWTASK | creator_syscall(child);
	read_creator_signals(r, cur);
	read_task(&r->parent, cur, false);
	bpf_ringbuf_submit(r, rb_flags());
}

/* O-02: the child exists; give it the caller's clone_id. */
static __always_inline int on_newtask(struct task_struct *child, __u64 clone_flags, bool btf)
{
	__u64 key = cur_key(), ckey = (__u64)child;
	struct inflight *fl = bpf_map_lookup_elem(&inflight, &key);
	struct child_id cid = {};
	__u64 pidfd_uptr = 0;

	/*
	 * a new task_struct: whatever a dead task left under its address goes.
	 * Looked up first: a delete takes the bucket lock with IRQs off even
	 * when there is nothing to delete, a lookup takes none.
	 */
	if (bpf_map_lookup_elem(&inflight, &ckey))
		bpf_map_delete_elem(&inflight, &ckey);
	if (fl) {
		cid.clone_id = fl->clone_id;
		cid.entry = fl->entry;
		pidfd_uptr = fl->pidfd_uptr;
	} else {
		if (!creator_selected(bpf_get_current_pid_tgid() >> 32)) {
			if (bpf_map_lookup_elem(&child_ids, &ckey))
				bpf_map_delete_elem(&child_ids, &ckey);
			return 0;
		}
		cid.clone_id = CLONE_ID_NEW(&next_clone_id, &clone_id_percpu, nr_cpus);
		cid.entry = REC_ENTRY_NONE;
		emit_creator(cid.clone_id, child);
	}
	cid.start_time = btf ? child->start_time : BPF_CORE_READ(child, start_time);
	bpf_map_update_elem(&child_ids, &ckey, &cid, BPF_ANY);
	if (filter_tgid) {
		__u32 tgid = btf ? child->tgid : BPF_CORE_READ(child, tgid);
		__u8 one = 1;

		/* a new thread's group is watched already: no update (a lock) */
		if (!bpf_map_lookup_elem(&watched, &tgid))
			bpf_map_update_elem(&watched, &tgid, &one, BPF_ANY);
	}
	return emit_point(REC_NEWTASK, child, cid.clone_id, cid.entry, clone_flags, 0, btf,
			  pidfd_uptr, 0);
}

/* Later points of a clone already seen at task_newtask. */
static __always_inline int on_child_point(__u32 type, struct task_struct *child, bool btf)
{
	__u64 ckey = (__u64)child, key = cur_key();
	struct child_id *cid = child_of(child, ckey, btf);
	struct inflight *fl;
	__u64 uptr = 0, ctid = 0;

	if (!cid)
		return 0;
	/* R-36, O-07: current is the creator, its inflight clone this one */
	if (type == REC_WAKEUP) {
		fl = bpf_map_lookup_elem(&inflight, &key);
		if (fl && fl->clone_id == cid->clone_id) {
			uptr = fl->ptid_uptr;
			ctid = fl->ctid_uptr;
		}
	}
	return emit_point(type, child, cid->clone_id, cid->entry, 0, 0, btf, uptr, ctid);
}

/*
 * watched-pid-reuse: `watched` names tgids, and a tgid belongs to whoever
 * gets the pid next once its process is reaped.  Forget a watched tgid when
 * its thread group dies: do_exit() (kernel/exit.c, 5.10 to 7.2) drops
 * signal->live before trace_sched_process_exit(), and the pid cannot be
 * reused before the group's leader is reaped, which is later.  The last
 * thread to exit sees live at 0; an earlier one (the leader may go first)
 * does not.  Loaded only with filter_tgid (-c, -p, the workload).
 */
static __always_inline int on_exit(struct task_struct *t, bool btf)
{
	struct signal_struct *sig = btf ? t->signal : BPF_CORE_READ(t, signal);
	__u32 tgid;

	if (!filter_tgid || !sig || BPF_CORE_READ(sig, live.counter) > 0)
		return 0;
	tgid = btf ? t->tgid : BPF_CORE_READ(t, tgid);
	bpf_map_delete_elem(&watched, &tgid);
	return 0;
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(handle_sched_process_exit, struct task_struct *p)
{
	return on_exit(p, true);
}

SEC("raw_tp/sched_process_exit")
int BPF_PROG(raw_sched_process_exit, struct task_struct *p)
{
	return on_exit(p, false);
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
	r->creator = 0;
	if (fl->entry == REC_ENTRY_NONE) {
		read_creator_signals(r, (void *)bpf_get_current_task());
	} else {
		r->creator_blocked = r->creator_pending = 0;
		r->creator_pdeath = 0;
		r->creator_pad = 0;
	}
	if (btf && HAVE_CURRENT_TASK_BTF())
		read_task(&r->parent, bpf_get_current_task_btf(), true);
	else
		read_task(&r->parent, (void *)bpf_get_current_task(), false);
	bpf_ringbuf_submit(r, rb_flags());
	return 0;
}

static __always_inline int on_copy_exit(struct task_struct *ret, bool btf)
{
	__u64 key = cur_key();
	struct inflight *fl = bpf_map_lookup_elem(&inflight, &key);
	__s64 err = 0;

	if (!fl)
		return 0;
	if ((unsigned long)ret >= (unsigned long)-MAX_ERRNO)
		err = (__s64)(long)ret;
	emit_point(REC_COPY_EXIT, err ? NULL : ret, fl->clone_id, fl->entry, 0, err, btf, 0, 0);
	close_clone(OPEN_COPY_PROCESS);
	return 0;
}

static __always_inline int on_sched_fork_exit(struct task_struct *p, int ret, bool btf)
{
	__u64 key = cur_key();
	struct inflight *fl = bpf_map_lookup_elem(&inflight, &key);

	if (!fl)
		return 0;
	/* the child is half built: read it even on failure (state, prio) */
	return emit_point(REC_SCHED_FORK, p, fl->clone_id, fl->entry, 0, ret, btf, 0, 0);
}

static __always_inline int on_clone_exit(long ret)
{
	__u64 key = cur_key();
	struct inflight *fl = bpf_map_lookup_elem(&inflight, &key);
	struct rec_ret *r;

	if (!fl)
		return 0;
	r = rec_reserve(REC_CLONE_EXIT, sizeof(*r), fl->clone_id);
	if (r) {
		r->ret = ret;
		r->entry = fl->entry;
		r->pid = cur_pid();
		r->tid_val = 0;
		r->tid_flags = 0;
		r->sig_flags = 0;
		r->pad2 = 0;
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
