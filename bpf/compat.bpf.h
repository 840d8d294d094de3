/* SPDX-License-Identifier: GPL-2.0 */
/*
 * compat.bpf.h - the only home of kernel-version differences on the BPF side.
 * One accessor per difference, each chosen with CO-RE at load time; no
 * version macros.
 */
#ifndef CLONECHECK_COMPAT_BPF_H
#define CLONECHECK_COMPAT_BPF_H

#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

/*
 * commit 2f064a59a11f ("sched: Change task_struct::state"), v5.14:
 * `volatile long state` became `unsigned int __state` (E-01).
 */
struct task_struct___pre_v514 {
	long state;
} __attribute__((preserve_access_index));

/*
 * The accessors below take the reader RD: direct loads (RD_DIRECT) where the
 * pointer is BTF-typed, bpf_probe_read_kernel() (BPF_CORE_READ) elsewhere.
 */
#define TASK_STATE(RD, t)                                                         \
	(bpf_core_field_exists((t)->__state) ?                                     \
		 (__u32)RD(t, __state) :                                           \
		 (__u32)RD((struct task_struct___pre_v514 *)(void *)(t), state))

/*
 * commit bcf9033e5449 ("sched: move CPU field back into thread_info if
 * THREAD_INFO_IN_TASK=y"), v5.16: task_struct::cpu moved to thread_info::cpu.
 */
struct task_struct___pre_v516 {
	unsigned int cpu;
} __attribute__((preserve_access_index));

#define TASK_CPU(RD, t)                                                           \
	(bpf_core_field_exists((t)->thread_info.cpu) ?                             \
		 (__u32)RD(t, thread_info.cpu) :                                   \
		 (__u32)RD((struct task_struct___pre_v516 *)(void *)(t), cpu))

/*
 * task_struct::on_rq: `int` up to 6.19, `u8` in 7.2 (include/linux/sched.h of
 * Debian's 7.2.13, next to `u8 on_cpu`; the commit is not in Debian's source
 * tree and was not looked up).  A bitfield read relocates the load's size as
 * well as its offset: a plain load of the `int` cannot be narrowed by libbpf
 * ("invalid CO-RE relocation"), and a probed read of sizeof(int) would take
 * three bytes of the next fields.  RDBF is the template's bitfield reader.
 */
#define TASK_ON_RQ(RDBF, t) ((__u32)RDBF(t, on_rq))

/*
 * rseq: `struct rseq __user *rseq` and `u32 rseq_len` (6.3+, extensible
 * rseq) until the 6.19 arm64 BTF and 7.2's include/linux/sched.h show
 * `struct rseq_data rseq` instead, { usrptr, len, sig, ... }
 * (include/linux/rseq_types.h; rseq_fork() still copies or clears it whole).
 * TASK_RSEQ(RD, t, ptr_out, len_out) reads whichever the kernel has into
 * ptr_out and len_out and is 1; it is 0 when the kernel has neither
 * (CONFIG_RSEQ off, or before 6.3).
 */
struct rseq_data___v619 {
	void *usrptr;
	__u32 len;
} __attribute__((preserve_access_index));

struct task_struct___v619 {
	struct rseq_data___v619 rseq;
} __attribute__((preserve_access_index));

#define TASK_RSEQ(RD, t, ptr_out, len_out)                                          \
	({                                                                          \
		struct task_struct___v619 *__t619 = (void *)(t);                    \
		int __ok = 1;                                                       \
                                                                                    \
		if (bpf_core_field_exists(__t619->rseq.usrptr)) {                   \
			(ptr_out) = (__u64)RD(__t619, rseq.usrptr);                 \
			(len_out) = RD(__t619, rseq.len);                           \
		} else if (bpf_core_field_exists((t)->rseq) &&                      \
			   bpf_core_field_exists((t)->rseq_len)) {                  \
			(ptr_out) = (__u64)RD(t, rseq);                             \
			(len_out) = RD(t, rseq_len);                                \
		} else {                                                            \
			__ok = 0;                                                   \
		}                                                                   \
		__ok;                                                               \
	})

/*
 * struct kernel_clone_args (catalogue E-03/E-04): io_thread since v5.12;
 * kthread, fn and fn_arg since about v5.19; user_worker since about v6.4,
 * when kthread and io_thread also became 1-bit fields (versions from the
 * catalogue, marked unverified there; commit ids not yet looked up).  The
 * PROBED bitfield read works for the int and the bitfield layouts alike.
 */
static __always_inline __u32 kargs_kthread(struct kernel_clone_args *a)
{
	if (!bpf_core_field_exists(a->kthread))
		return 0;
	return BPF_CORE_READ_BITFIELD_PROBED(a, kthread);
}

static __always_inline __u32 kargs_io_thread(struct kernel_clone_args *a)
{
	if (!bpf_core_field_exists(a->io_thread))
		return 0;
	return BPF_CORE_READ_BITFIELD_PROBED(a, io_thread);
}

static __always_inline __u32 kargs_user_worker(struct kernel_clone_args *a)
{
	if (!bpf_core_field_exists(a->user_worker))
		return 0;
	return BPF_CORE_READ_BITFIELD_PROBED(a, user_worker);
}

/*
 * kernel_clone_args::idle: absent in 5.10 (5.10.262 included), an int in 6.1
 * and 7.2.  Added in v5.19 by commit 36cb0e1cda64 ("fork: Explicity test for
 * idle tasks in copy_thread").
 */
static __always_inline __u32 kargs_idle(struct kernel_clone_args *a)
{
	if (!bpf_core_field_exists(a->idle))
		return 0;
	return BPF_CORE_READ(a, idle);
}

static __always_inline __u64 kargs_fn(struct kernel_clone_args *a)
{
	if (!bpf_core_field_exists(a->fn))
		return 0;
	return (__u64)BPF_CORE_READ(a, fn);
}

static __always_inline __u64 kargs_fn_arg(struct kernel_clone_args *a)
{
	if (!bpf_core_field_exists(a->fn_arg))
		return 0;
	return (__u64)BPF_CORE_READ(a, fn_arg);
}

/*
 * kernel_cap_t became `struct { u64 val; }` in v6.3 ("capability: just use
 * a 'u64' instead of a 'u32[2]' array"; commit id not looked up); before,
 * `struct kernel_cap_struct { __u32 cap[2]; }`.
 */
struct kernel_cap_struct___pre_v63 {
	__u32 cap[2];
} __attribute__((preserve_access_index));

struct cred___pre_v63 {
	struct kernel_cap_struct___pre_v63 cap_effective;
} __attribute__((preserve_access_index));

#define CRED_CAP_EFFECTIVE(RD, c)                                                  \
	(bpf_core_field_exists((c)->cap_effective.val) ?                            \
		 (__u64)RD(c, cap_effective.val) :                                  \
		 ((__u64)RD((struct cred___pre_v63 *)(void *)(c), cap_effective.cap[0]) | \
		  ((__u64)RD((struct cred___pre_v63 *)(void *)(c), cap_effective.cap[1]) << 32)))

/*
 * bpf_get_current_task_btf() is v5.11: commit 3ca1032ab7ab ("bpf: Implement
 * get_current_task_btf and RET_PTR_TO_BTF_ID").  Its id is in the kernel's own enum
 * bpf_func_id (BTF) exactly when the kernel has the helper; where it is not,
 * the branch that calls it is dead for the verifier, which never checks the
 * call (and, for a privileged load, removes it before fixing up calls).
 */
enum bpf_func_id___cc {
	BPF_FUNC_get_current_task_btf = 158,
};

#define HAVE_CURRENT_TASK_BTF()                                                    \
	bpf_core_enum_value_exists(enum bpf_func_id___cc, BPF_FUNC_get_current_task_btf)

/*
 * current as a task pointer: BTF-typed where the kernel has the helper (so
 * BTF-only helpers such as bpf_task_pt_regs() take it), else untyped (read
 * it through BPF_CORE_READ only).
 */
#define CURRENT_TASK()                                                              \
	(HAVE_CURRENT_TASK_BTF() ? bpf_get_current_task_btf() :                   \
				   (struct task_struct *)bpf_get_current_task())

/*
 * A task pointer, untrusted, for reading only.  Where the verifier has
 * btf_nested_type_is_trusted() (kernel/bpf/btf.c; in the 6.12 and 6.18
 * trees, not in 6.1's), every pointer it sees loaded from a trusted or RCU
 * pointer makes it look up "<type>__safe_trusted", "__safe_rcu" and their
 * _or_null forms in the kernel's BTF (verifier.c:check_ptr_to_btf_access(),
 * v6.18), each a linear search of some 150k types until BTF names were
 * sorted (btf.c:btf_check_sorted(), in the 7.2 tree): on 6.18 most of the
 * 55-80 ms each sys_enter program took to verify, and of task_newtask's.  A pointer cast with the
 * kfunc bpf_rdonly_cast() (kernel/bpf/helpers.c; 6.12 and 6.18, not 6.1)
 * is PTR_UNTRUSTED, and so is all it leads to: loaded the same way
 * (PROBE_MEM), with no lookup.  A kfunc the kernel lacks fails the whole
 * object's load, dead code or not, so the object is built a third time with
 * CC_UNTRUSTED_CAST, which the loader picks where probe programs calling
 * the kfunc load (src/loader.c, probe_untrusted_cast()).  Helpers that take
 * a typed task (bpf_task_pt_regs()) still get the trusted one.
 */
#ifdef CC_UNTRUSTED_CAST
extern void *bpf_rdonly_cast(const void *obj, __u32 btf_id) __ksym;
#define UNTRUSTED_TASK(t)                                                           \
	((struct task_struct *)bpf_rdonly_cast((t), bpf_core_type_id_kernel(struct task_struct)))
#else
#define UNTRUSTED_TASK(t) (t)
#endif

/*
 * A new clone_id.  An atomic fetch-and-add that returns the old value
 * (BPF_ATOMIC | BPF_FETCH) is v5.12: commit 5ca419f2864a ("bpf: Add BPF_FETCH
 * field / create atomic_fetch_add instruction").  Before, the verifier
 * refuses the instruction wherever it is, dead code included (its first pass
 * over all instructions: "BPF_STX uses reserved fields"), so the object is
 * built a second time with CC_NO_ATOMIC_FETCH and the loader picks the one
 * the kernel accepts (src/loader.c, probe_atomic_fetch()).  That one counts
 * per CPU and interleaves the CPUs: count * nr_cpus + cpu + 1.  Unique as
 * long as no allocation is preempted by another on the same CPU: true where
 * it is used, kernels before 5.12 as Debian builds them (bullseye's 5.10
 * cloud: CONFIG_PREEMPT_VOLUNTARY; its rt flavour would not be safe), since
 * every program that allocates runs in the creating task, never in
 * interrupt context.
 */
#ifndef CC_NO_ATOMIC_FETCH
#define CLONE_ID_NEW(next, percpu, ncpus) (__sync_fetch_and_add(next, 1) + 1)
#else
#define CLONE_ID_NEW(next, percpu, ncpus)                                          \
	({                                                                         \
		__u32 __zero = 0;                                                  \
		__u64 *__c = bpf_map_lookup_elem(percpu, &__zero);                 \
		__u64 __id = 0;                                                    \
                                                                                   \
		if (__c) {                                                         \
			__id = *__c * (ncpus) + bpf_get_smp_processor_id() + 1;    \
			*__c += 1;                                                 \
		}                                                                  \
		__id;                                                              \
	})
#endif

/*
 * struct mnt_namespace: `unsigned int mounts` (a count) until the mount
 * tree became an rb_root `mounts` and the count `nr_mounts` (seen: 6.1
 * has the first, 6.12 and 7.2 the second; commit id not looked up).  The
 * flavour's `mounts` relocates only where it is an unsigned int.
 */
struct mnt_namespace___old {
	unsigned int mounts;
} __attribute__((preserve_access_index));

#define MNT_NS_NR_MOUNTS(RD, m)                                                     \
	(bpf_core_field_exists((m)->nr_mounts) ?                                     \
		 (__u32)RD(m, nr_mounts) :                                           \
		 (__u32)RD((struct mnt_namespace___old *)(void *)(m), mounts))

#define HAS_MNT_NS_COUNT(m)                                                         \
	(bpf_core_field_exists((m)->nr_mounts) ||                                    \
	 bpf_core_field_exists(((struct mnt_namespace___old *)(void *)(m))->mounts))

/*
 * V-23: the count copy_process() tests RLIMIT_NPROC against.  5.10
 * (kernel/fork.c): `atomic_read(&p->real_cred->user->processes)`; mainline
 * 5.14 ("Reimplement RLIMIT_NPROC on top of ucounts"): task_ucounts(p), the
 * cred's ucounts, its UCOUNT_RLIMIT_NPROC count, in ucount[] at first and in
 * rlimit[] (enum rlimit_type, UCOUNT_RLIMIT_NPROC = 0) since the split (6.1,
 * 6.12, 7.2 BTF: atomic_long_t rlimit[4]).  ucount[]'s index (5.14 until the
 * split) is not read: 0 there, as for a kernel with neither.
 */
struct user_struct___v510 {
	atomic_t processes;
} __attribute__((preserve_access_index));

struct cred___v510 {
	struct user_struct___v510 *user;
} __attribute__((preserve_access_index));

#define NPROC_COUNT(RD, t, cred)                                                    \
	({                                                                           \
		__u64 __n = 0;                                                       \
		if (bpf_core_field_exists(((struct ucounts *)0)->rlimit)) {          \
			struct ucounts *__uc = RD(cred, ucounts);                    \
                                                                                     \
			if (__uc) /* probed: 6.1's verifier cannot walk a typedef's array */ \
				__n = BPF_CORE_READ(__uc, rlimit[0].counter);        \
		} else if (bpf_core_field_exists(                                    \
				   ((struct user_struct___v510 *)0)->processes)) {   \
			struct cred___v510 *__c = (void *)RD(t, real_cred);          \
			struct user_struct___v510 *__u = __c ? RD(__c, user) : NULL; \
                                                                                     \
			if (__u)                                                     \
				__n = RD(__u, processes.counter);                    \
		}                                                                    \
		__n;                                                                 \
	})

/*
 * 6.14 ("pid: allow pid_max to be set per pid namespace", errata X-8): a pid
 * namespace's own pid_max; before it one global pid_max (0 here).
 */
#define PID_NS_PID_MAX(RD, ns)                                                      \
	(bpf_core_field_exists((ns)->pid_max) ? (__u32)RD(ns, pid_max) : 0)

/*
 * mm_struct::flags became mm_flags_t, a bitmap whose first word holds the
 * old flags (seen: `unsigned long flags` in 6.12, mm_flags_t in this
 * host's 6.18 and in 7.2; commit id not looked up).
 */
struct mm_struct___ulong_flags {
	long unsigned int flags;
} __attribute__((preserve_access_index));

#define HAS_MM_FLAGS(m)                                                             \
	(bpf_core_field_exists((m)->flags.__mm_flags) ||                             \
	 bpf_core_field_exists(((struct mm_struct___ulong_flags *)(void *)(m))->flags))

#define MM_FLAGS_WORD(RD, m)                                                        \
	(bpf_core_field_exists((m)->flags.__mm_flags) ?                              \
		 (__u64)RD(m, flags.__mm_flags[0]) :                                 \
		 (__u64)RD((struct mm_struct___ulong_flags *)(void *)(m), flags))

/*
 * The helper bpf_task_pt_regs() (kernel/trace/bpf_trace.c, 5.15+; absent
 * from 5.10's uapi, present in 6.1's; commit id not looked up) returns the
 * kernel's own task_pt_regs(task): x86_64 (arch/x86/include/asm/
 * processor.h) stack + THREAD_SIZE - TOP_OF_KERNEL_STACK_PADDING, minus one
 * pt_regs; arm64 stack + THREAD_SIZE, minus one pt_regs.  So THREAD_SIZE
 * and the padding (CONFIG_KASAN, CONFIG_X86_FRED, the page size) are the
 * kernel's, never ours.  0 where the helper does not exist.  t must be a
 * BTF task pointer.
 */
static __always_inline __u64 kernel_task_pt_regs(struct task_struct *t)
{
	if (!bpf_core_enum_value_exists(enum bpf_func_id, BPF_FUNC_task_pt_regs))
		return 0;
	return (__u64)bpf_task_pt_regs(t);
}

#if defined(__TARGET_ARCH_arm64)
/*
 * arm64 pt_regs::stackframe: `u64 stackframe[2]` until it became
 * `struct frame_record_meta stackframe` (6.13 era; both seen: 6.1 and 6.18
 * trees).  Only its offset is needed (copy_thread() points fp at it).
 */
struct frame_record_meta {
	u64 fp;
} __attribute__((preserve_access_index));

struct pt_regs___frame_meta {
	struct frame_record_meta stackframe;
} __attribute__((preserve_access_index));

static __always_inline __u64 regs_stackframe(struct pt_regs *regs)
{
	struct pt_regs___frame_meta *m = (void *)regs;

	if (bpf_core_field_exists(m->stackframe))
		return (__u64)regs + bpf_core_field_offset(m->stackframe);
	return (__u64)regs + bpf_core_field_offset(regs->stackframe);
}
#endif

#endif /* CLONECHECK_COMPAT_BPF_H */
