// SPDX-License-Identifier: GPL-2.0
/*
 * inject.c - a fault the workload injected into one of its own clones, as
 * a model input: the plan word BPF copied into the caller's entry snapshot
 * (MODEL_FIELD_INJECT, model/inject_plan.h).  The model predicts what the
 * kernel must do with it exactly as with any other input: the errno and
 * the step copy_process() returns it from, which decides the unwinding
 * (A.4: no task_newtask, no sched_process_fork, no wakeup, no child).
 * Which kernel function each kind reaches, and the errno that comes back,
 * is read from the kernel source cited at each kind.
 */
#include "model.h"
#include "clone_flags.h"
#include "inject_plan.h"
#include "pred.h"
#include "stages.h"

static const struct model_inject_kind {
	const char *name;	/* short, for the report */
	const char *hook;	/* the kernel function the injection sits on */
	const char *rule;	/* the rule its failure exercises */
	enum model_step step;	/* the copy_process() step that returns it */
} kinds[MODEL_INJ__COUNT] = {
	[MODEL_INJ_SIGNAL_GATE] = { "signal_gate", "sys_enter (bpf_send_signal_thread)",
				    "V-20", MODEL_STEP_GATE },
	[MODEL_INJ_SIGKILL_LATE] = { "sigkill_late", "cgroup_can_fork (bpf_send_signal_thread)",
				     "V-47", MODEL_STEP_FINAL },
	[MODEL_INJ_TASK_ALLOC] = { "task_alloc", "security_task_alloc (fmod_ret)",
				   "V-28", MODEL_STEP_RES },
	[MODEL_INJ_PREPARE_CREDS] = { "prepare_creds", "security_prepare_creds (fmod_ret)",
				      "V-22", MODEL_STEP_CREDS },
	[MODEL_INJ_CREATE_USER_NS] = { "create_user_ns", "security_create_user_ns (fmod_ret)",
				       "V-22", MODEL_STEP_CREDS },
	[MODEL_INJ_VM_ENOUGH_MEMORY] = { "vm_enough_memory",
					 "security_vm_enough_memory_mm (fmod_ret)",
					 "V-33", MODEL_STEP_RES },
	[MODEL_INJ_FILE_ALLOC] = { "file_alloc", "security_file_alloc (fmod_ret)",
				   "V-41", MODEL_STEP_PIDFD },
	[MODEL_INJ_SIGKILL_SLAB] = { "sigkill_slab",
				     "kmem:kmem_cache_alloc of task_struct (bpf_send_signal_thread)",
				     "V-47", MODEL_STEP_FINAL },
};

const char *model_inject_name(uint64_t word)
{
	unsigned int k = MODEL_INJ_KIND(word);

	return k && k < MODEL_INJ__COUNT ? kinds[k].name : NULL;
}

const char *model_inject_hook(uint64_t word)
{
	unsigned int k = MODEL_INJ_KIND(word);

	return k && k < MODEL_INJ__COUNT ? kinds[k].hook : NULL;
}

const char *model_inject_rule(uint64_t word)
{
	unsigned int k = MODEL_INJ_KIND(word);

	return k && k < MODEL_INJ__COUNT ? kinds[k].rule : NULL;
}

/*
 * The errno the injection makes copy_process() return, 0 if the clone
 * does not reach it (or the plan is spent), 1 if the snapshot cannot tell.
 * Each kind mirrors its path in kernel/fork.c:copy_process() (v7.2.13,
 * v6.12.117, v6.1.176, v5.10.223 alike where not said):
 * - SIGNAL_GATE: a signal sent to the caller at syscall entry with
 *   bpf_send_signal_thread() (kernel/trace/bpf_trace.c:bpf_send_signal_common():
 *   group_send_sig_info(sig, ..., PIDTYPE_PID) at once, interrupts being
 *   enabled there) is pending at copy_process()'s early gate:
 *   `recalc_sigpending(); ... retval = -ERESTARTNOINTR; if
 *   (task_sigpending(current)) goto fork_out;` (V-20), unless the caller
 *   blocks it (MODEL_IN_SIGNALS; not read: 1).  ERESTARTNOINTR restarts
 *   the syscall after the handler; that entry's plan is spent.
 * - SIGKILL_LATE: SIGKILL sent from cgroup_can_fork()'s entry, after the
 *   early gate: `if (fatal_signal_pending(current)) { retval = -EINTR;
 *   goto bad_fork_core_free; }` (V-47).  Not blockable.
 * - TASK_ALLOC: `retval = security_task_alloc(p, clone_flags); if
 *   (retval) goto bad_fork_cleanup_audit;`: the hook's errno (V-28).
 * - PREPARE_CREDS: kernel/cred.c:copy_creds() shares the caller's creds
 *   for CLONE_THREAD without a thread keyring (no prepare_creds(): not
 *   reached; MODEL_IN_CRED not read: 1); else prepare_creds() returns NULL
 *   when security_prepare_creds() fails and copy_creds() `return -ENOMEM;`
 *   whatever the hook said (V-22).
 * - CREATE_USER_NS: with CLONE_NEWUSER, copy_creds() -> create_user_ns()
 *   `ret = security_create_user_ns(new); if (ret < 0) goto fail_keyring;`:
 *   the hook's errno (V-22).  The hook exists from 6.1 (mainline 6.1
 *   "security, lsm: Introduce security_create_user_ns()"): not reached
 *   before.
 * - VM_ENOUGH_MEMORY: without CLONE_VM and with an mm, copy_mm() ->
 *   dup_mm() -> dup_mmap(): for each VM_ACCOUNT mapping `if
 *   (security_vm_enough_memory_mm(oldmm, len)) goto fail_nomem;`: -ENOMEM
 *   whatever the hook said (V-33).
 * - FILE_ALLOC: with CLONE_PIDFD, the pidfd's file (anon_inode_getfile(),
 *   6.9+ pidfs_alloc_file()) -> alloc_empty_file() -> init_file(): `error
 *   = security_file_alloc(f); if (unlikely(error)) ... return
 *   ERR_PTR(error)`, which copy_process() returns: the hook's errno
 *   (V-41).  The fd was taken before (EMFILE wins).
 * - SIGKILL_SLAB: SIGKILL sent from the kmem:kmem_cache_alloc tracepoint
 *   of the task_struct's own allocation (dup_task_struct() ->
 *   alloc_task_struct_node() -> kmem_cache_alloc_node(), mm/slub.c:
 *   `trace_kmem_cache_alloc(_RET_IP_, ret, s, gfpflags, node)`), so after
 *   the early gate.  A tracepoint runs with preemption disabled, so
 *   kernel/trace/bpf_trace.c:bpf_send_signal_common() defers the signal
 *   to an irq_work (`if (preempt_count() != 0 || irqs_disabled())`): a
 *   self-IPI on x86_64 and arm64 (a FIFO kthread on PREEMPT_RT), taken
 *   before copy_process() goes on.  The first step after it that looks at
 *   fatal signals decides: without CLONE_VM, copy_mm() -> dup_mm() ->
 *   mm/mmap.c:dup_mmap() (kernel/fork.c before 6.8) meets `if
 *   (fatal_signal_pending(current)) { retval = -EINTR; goto loop_out; }`
 *   at the caller's first copied VMA, and copy_mm() returns -ENOMEM
 *   (V-33); with CLONE_VM nothing does until the final gate: EINTR
 *   (V-47).  From 6.19 ("mm: use vma_start_write_killable() in
 *   dup_mmap()") that test is gone: dup_mmap() calls
 *   vma_start_write_killable(mpnt), whose rcuwait_wait_event() tests
 *   "no reader holds the VMA" before signal_pending_state() and so never
 *   sees the SIGKILL when no other thread faults on the VMA (the
 *   workload's helpers are single-threaded when they fork), and
 *   mmap_write_lock_killable()'s uncontended fast path takes the lock
 *   without looking either (v6.19 and v7.2 mm/mmap.c, mm/mmap_lock.c,
 *   include/linux/rcuwait.h): copy_mm() succeeds and the final gate
 *   gives EINTR (V-47) with or without CLONE_VM.
 * Not modelled: a caller with no VM_ACCOUNT mapping (dup_mmap() never asks:
 * the workload's helpers always have one, their heap); a signal whose
 * disposition is SIG_IGN (dropped: the workload always names a handled one).
 */
static int model_inject_err(const struct model_profile *prof,
			    const struct model_task *parent,
			    const struct model_kargs *args, uint64_t w)
{
	const uint64_t f = args->flags;
	const int arg = MODEL_INJ_ARG(w);

	if (MODEL_INJ_FLAGS(w) & MODEL_INJ_F_SPENT)
		return 0;
	switch (MODEL_INJ_KIND(w)) {
	case MODEL_INJ_SIGNAL_GATE:
		if (arg <= 0 || arg > 64)
			return 0;
		if (!(parent->valid & MODEL_IN_SIGNALS))
			return 1;
		/* blocked.sig[0] holds signals 1..64 (64-bit) */
		if (parent->blocked & (1ULL << (arg - 1)))
			return 0;
		return -MODEL_ERESTARTNOINTR;
	case MODEL_INJ_SIGKILL_LATE:
		return -MODEL_EINTR;
	case MODEL_INJ_TASK_ALLOC:
		return arg ? -arg : 0;
	case MODEL_INJ_PREPARE_CREDS:
		if (!(f & MODEL_CLONE_THREAD))
			return -MODEL_ENOMEM;
		if (!(parent->valid & MODEL_IN_CRED))
			return 1;
		return parent->has_thread_keyring ? -MODEL_ENOMEM : 0;
	case MODEL_INJ_CREATE_USER_NS:
		if (!(f & MODEL_CLONE_NEWUSER) || !model_version_ge(prof, 6, 1))
			return 0;
		return arg ? -arg : 0;
	case MODEL_INJ_VM_ENOUGH_MEMORY:
		if ((f & MODEL_CLONE_VM) || !parent->mm)
			return 0;
		return -MODEL_ENOMEM;
	case MODEL_INJ_FILE_ALLOC:
		if (!(f & MODEL_CLONE_PIDFD))
			return 0;
		return arg ? -arg : 0;
	case MODEL_INJ_SIGKILL_SLAB:
		if (!(f & MODEL_CLONE_VM) && parent->mm && !model_version_ge(prof, 6, 19))
			return -MODEL_ENOMEM;
		return -MODEL_EINTR;
	default:
		return 0;
	}
}

/*
 * The injected failure, where copy_process() meets it: it replaces a
 * failure decided at a later step (or none).  At the same step the
 * decided one comes first (create_user_ns()'s level check before its
 * hook; the pidfd's fd before its file), except prepare_creds(), which
 * copy_creds() calls before create_user_ns().  What the snapshot cannot
 * tell is an alternative naming the injection's rule.
 */
void model_inject_apply(const struct model_profile *prof,
			const struct model_task *parent,
			const struct model_kargs *args, struct model_fail *fl)
{
	const uint64_t w = parent->inject;
	unsigned int k = MODEL_INJ_KIND(w);
	enum model_step step;
	const char *rule;
	int err;

	if (!k || k >= MODEL_INJ__COUNT)
		return;
	err = model_inject_err(prof, parent, args, w);
	if (!err)
		return;
	if (err == 1) {
		/* e.g. ERESTARTNOINTR or ENOMEM: which one the kind gives */
		int may = k == MODEL_INJ_SIGNAL_GATE ? -MODEL_ERESTARTNOINTR
			  : k == MODEL_INJ_PREPARE_CREDS ? -MODEL_ENOMEM : 0;

		if (may)
			model_fail_alt(fl, may, kinds[k].rule);
		return;
	}
	step = kinds[k].step;
	rule = kinds[k].rule;
	if (k == MODEL_INJ_SIGKILL_SLAB && err == -MODEL_ENOMEM) {
		step = MODEL_STEP_RES;	/* dup_mmap() saw the SIGKILL first */
		rule = "V-33";
	}
	if (fl->err && (fl->step < step ||
			(fl->step == step && k != MODEL_INJ_PREPARE_CREDS)))
		return;
	if (fl->err && fl->step > step)
		fl->n_pre = 0;	/* that step is never reached */
	fl->err = err;
	fl->rule = rule;
	fl->step = step;
}
