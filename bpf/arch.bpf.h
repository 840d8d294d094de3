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
 * The parent is current, inside its clone syscall: its pt_regs sit at the
 * same offset in its stack as the child's in the child's (same THREAD_SIZE).
 */
static __always_inline int read_parent_regs(struct rec_arch *a)
{
	struct task_struct *cur = (void *)bpf_get_current_task();
	__u64 pstack = (__u64)BPF_CORE_READ(cur, stack);
	struct pt_regs *pr;

	if (!a->regs || a->regs < a->stack || a->regs - a->stack > (1 << 20))
		return -1;
	pr = (void *)(pstack + (a->regs - a->stack));
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
	return 0;
}

static __always_inline void read_arch(struct rec_arch *a, struct task_struct *t)
{
	void *stack = BPF_CORE_READ(t, stack);
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
		a->regs = (__u64)ff + bpf_core_field_offset(ff->regs);
		a->ctx_pc = BPF_CORE_READ(ff, frame.ret_addr);
		a->ctx_fp = BPF_CORE_READ(ff, frame.bp);
		a->ctx_fn = BPF_CORE_READ(ff, frame.bx);
		a->ctx_arg = BPF_CORE_READ(ff, frame.r12);
		a->regs_ret = BPF_CORE_READ(ff, regs.ax);
		a->regs_sp = BPF_CORE_READ(ff, regs.sp);
		a->regs_pc = BPF_CORE_READ(ff, regs.ip);
		a->tls = BPF_CORE_READ(t, thread.fsbase);
		a->preempt_count = 0;	/* per-CPU on x86 */
	}
#elif defined(__TARGET_ARCH_arm64)
	{
		/* copy_thread(): cpu_context.sp is the child's pt_regs (errata X-13) */
		struct pt_regs *regs = (void *)BPF_CORE_READ(t, thread.cpu_context.sp);

		a->ctx_sp = (__u64)regs;
		a->regs = (__u64)regs;
		a->regs_stackframe = regs_stackframe(regs);
		a->ctx_pc = BPF_CORE_READ(t, thread.cpu_context.pc);
		a->ctx_fp = BPF_CORE_READ(t, thread.cpu_context.fp);
		a->ctx_fn = BPF_CORE_READ(t, thread.cpu_context.x19);
		a->ctx_arg = BPF_CORE_READ(t, thread.cpu_context.x20);
		a->regs_ret = BPF_CORE_READ(regs, regs[0]);
		a->regs_sp = BPF_CORE_READ(regs, sp);
		a->regs_pc = BPF_CORE_READ(regs, pc);
		a->tls = BPF_CORE_READ(t, thread.uw.tp_value);
		a->preempt_count = BPF_CORE_READ(t, thread_info.preempt_count);
	}
#endif
	err |= read_parent_regs(a);
	a->valid = !err && a->ctx_sp;
}

#endif /* CLONECHECK_ARCH_BPF_H */
