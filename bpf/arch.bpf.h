/* SPDX-License-Identifier: GPL-2.0 */
/*
 * arch.bpf.h - read what copy_thread() left in a new task, per architecture.
 * Field meanings are in struct rec_arch (events.h).
 */
#ifndef CLONECHECK_ARCH_BPF_H
#define CLONECHECK_ARCH_BPF_H

#include "vmlinux.h"
#include <bpf/bpf_core_read.h>
#include "compat.bpf.h"
#include "events.h"

/*
 * Where the child's and the parent's (current, inside its clone syscall)
 * pt_regs are.  From the tasks when the kernel can say (a->regs_located):
 * current's task_pt_regs(), and the child's own (BTF pointer) or, for
 * raw_tp, the child's stack at the same offset (one THREAD_SIZE for all
 * tasks).  Otherwise (before 5.15) from the child's saved frame, as
 * copy_thread() left it: then the frame's offset from the block is not an
 * observation (X-13's check on it is skipped).
 */
static __always_inline __u64 locate_regs(struct rec_arch *a, struct task_struct *t, bool btf,
					 __u64 frame_regs, __u64 *pregs)
{
	struct task_struct *cur = CURRENT_TASK();
	__u64 pstack = (__u64)BPF_CORE_READ(cur, stack), mine;

	*pregs = kernel_task_pt_regs(cur);
	if (*pregs) {
		a->regs_located = 1;
		if (btf)
			return kernel_task_pt_regs(t);
		return a->stack + (*pregs - pstack);
	}
	/* no helper: the parent's block at the child's offset in its stack */
	a->regs_located = 0;
	mine = frame_regs;
	if (mine >= a->stack && mine - a->stack <= (1 << 20))
		*pregs = pstack + (mine - a->stack);
	return mine;
}

static __always_inline void read_parent_regs(struct rec_arch *a, __u64 pregs)
{
	struct task_struct *cur = CURRENT_TASK();
	struct pt_regs *pr = (void *)pregs;

#if defined(__TARGET_ARCH_x86)
	a->p_regs_pc = BPF_CORE_READ(pr, ip);
	a->p_regs_sp = BPF_CORE_READ(pr, sp);
	a->p_regs_ret = BPF_CORE_READ(pr, ax);
	a->p_tls = BPF_CORE_READ(cur, thread.fsbase);
#elif defined(__TARGET_ARCH_arm64)
	a->p_regs_pc = BPF_CORE_READ(pr, pc);
	a->p_regs_sp = BPF_CORE_READ(pr, sp);
	a->p_regs_ret = BPF_CORE_READ(pr, regs[0]);
	a->p_tls = BPF_CORE_READ(cur, thread.uw.tp_value);
#endif
}

static __always_inline void read_arch(struct rec_arch *a, struct task_struct *t, bool btf)
{
	void *stack = BPF_CORE_READ(t, stack);
	__u64 regs, pregs = 0;
	struct pt_regs *pr;
	int err = 0;

	a->stack = (__u64)stack;
	/* end_of_stack() with THREAD_INFO_IN_TASK: the lowest word of the stack */
	err |= bpf_probe_read_kernel(&a->stack_end, sizeof(a->stack_end), stack);
	a->ti_flags = BPF_CORE_READ(t, thread_info.flags);
#if defined(__TARGET_ARCH_x86)
	{
		/* copy_thread(): thread.sp points at a fork_frame (frame, then pt_regs) */
		struct fork_frame *ff = (void *)BPF_CORE_READ(t, thread.sp);

		a->ctx_sp = (__u64)ff;
		a->ctx_pc = BPF_CORE_READ(ff, frame.ret_addr);
		a->ctx_fp = BPF_CORE_READ(ff, frame.bp);
		a->ctx_fn = BPF_CORE_READ(ff, frame.bx);
		a->ctx_arg = BPF_CORE_READ(ff, frame.r12);
		regs = locate_regs(a, t, btf, (__u64)ff + bpf_core_field_offset(ff->regs), &pregs);
		pr = (void *)regs;
		a->regs = regs;
		a->regs_ret = BPF_CORE_READ(pr, ax);
		a->regs_sp = BPF_CORE_READ(pr, sp);
		a->regs_pc = BPF_CORE_READ(pr, ip);
		a->tls = BPF_CORE_READ(t, thread.fsbase);
		a->preempt_count = 0;	/* per-CPU on x86 */
	}
#elif defined(__TARGET_ARCH_arm64)
	{
		/* copy_thread(): cpu_context.sp is the child's pt_regs (errata X-13) */
		a->ctx_sp = BPF_CORE_READ(t, thread.cpu_context.sp);
		regs = locate_regs(a, t, btf, a->ctx_sp, &pregs);
		pr = (void *)regs;
		a->regs = regs;
		a->regs_stackframe = regs_stackframe(pr);
		a->ctx_pc = BPF_CORE_READ(t, thread.cpu_context.pc);
		a->ctx_fp = BPF_CORE_READ(t, thread.cpu_context.fp);
		a->ctx_fn = BPF_CORE_READ(t, thread.cpu_context.x19);
		a->ctx_arg = BPF_CORE_READ(t, thread.cpu_context.x20);
		a->regs_ret = BPF_CORE_READ(pr, regs[0]);
		a->regs_sp = BPF_CORE_READ(pr, sp);
		a->regs_pc = BPF_CORE_READ(pr, pc);
		a->tls = BPF_CORE_READ(t, thread.uw.tp_value);
		a->preempt_count = BPF_CORE_READ(t, thread_info.preempt_count);
	}
#endif
	if (pregs)
		read_parent_regs(a, pregs);
	else
		err = 1;
	a->valid = !err && a->ctx_sp && regs;
}

#endif /* CLONECHECK_ARCH_BPF_H */
