// SPDX-License-Identifier: GPL-2.0
/*
 * thread.c - the arch part of a fork: copy_thread() on x86_64 and arm64,
 * the new task's stack (dup_task_struct()) and its preempt count
 * (sched_fork()): errata.
 *
 * Symbol addresses come from the profile (the host reads kallsyms); the
 * model only states the relation.  Expectations are at task_newtask.
 */
#include "model.h"
#include "clone_flags.h"
#include "model_priv.h"

#define NT MODEL_STAGE_NEWTASK

/*
 * The address the child's saved kernel frame returns to: arm64
 * ret_from_fork; x86_64 ret_from_fork_asm from 6.6 on (the C rewrite of
 * ret_from_fork [unv: version from mainline history, 6.1 and 6.12/6.18
 * confirmed]), ret_from_fork before.  0 if the profile lacks the symbol.
 */
static uint64_t model_ret_from_fork_addr(const struct model_profile *prof)
{
	if (prof->arch == MODEL_ARCH_X86_64 && model_version_ge(prof, 6, 6))
		return prof->ksyms.ret_from_fork_asm;
	return prof->ksyms.ret_from_fork;
}

/*
 * Mirrors arch/arm64/kernel/process.c:copy_thread() (v6.18):
 * int copy_thread(struct task_struct *p, const struct kernel_clone_args *args).
 * Modelled: cpu_context zeroed, then pc = ret_from_fork, sp = the child's
 * pt_regs, fp = &childregs->stackframe; without args->fn: the
 * parent's user registers with x0 = 0, sp = args->stack when given,
 * x19 = x20 = 0, tpidr_el0 = tls with CLONE_SETTLS; with args->fn (kernel
 * threads, io workers, usermode helpers, X-14): pt_regs zeroed (pc, sp,
 * x0 = 0), x19 = fn, x20 = fn_arg.
 * Not modelled: the inherited tpidr_el0 without SETTLS (copy_thread()
 * reads the register; the parent's saved tp_value may lag it), pstate,
 * SME/GCS/POE state, compat tasks.
 */
static void model_copy_thread_arm64(const struct model_task *parent,
				    const struct model_kargs *args,
				    struct model_pred *out)
{
	const bool uregs = parent->valid & MODEL_IN_UREGS;

	model_expect_add(out, "X-13", NT, MODEL_FIELD_KFRAME_SP_OFF,
			 MODEL_OP_EQ, 0);
	model_expect_add(out, "X-13", NT, MODEL_FIELD_KFRAME_FP_OFF,
			 MODEL_OP_EQ, 0);
	if (args->has_fn) {
		if (args->fn)
			model_expect_add(out, "X-14", NT, MODEL_FIELD_KFRAME_FN,
					 MODEL_OP_EQ, (int64_t)args->fn);
		if (args->fn_arg)
			model_expect_add(out, "X-14", NT, MODEL_FIELD_KFRAME_ARG,
					 MODEL_OP_EQ, (int64_t)args->fn_arg);
		model_expect_add(out, "X-14", NT, MODEL_FIELD_UREGS_RET,
				 MODEL_OP_EQ, 0);
		model_expect_add(out, "X-14", NT, MODEL_FIELD_UREGS_SP,
				 MODEL_OP_EQ, 0);
		model_expect_add(out, "X-14", NT, MODEL_FIELD_UREGS_IP,
				 MODEL_OP_EQ, 0);
		return;
	}
	model_expect_add(out, "X-13", NT, MODEL_FIELD_KFRAME_FN, MODEL_OP_EQ, 0);
	model_expect_add(out, "X-13", NT, MODEL_FIELD_KFRAME_ARG, MODEL_OP_EQ, 0);
	model_expect_add(out, "R-35", NT, MODEL_FIELD_UREGS_RET, MODEL_OP_EQ, 0);
	if (args->stack)
		model_expect_add(out, "R-35", NT, MODEL_FIELD_UREGS_SP,
				 MODEL_OP_EQ, (int64_t)args->stack);
	else if (uregs)
		model_expect_add(out, "R-35", NT, MODEL_FIELD_UREGS_SP,
				 MODEL_OP_EQ, (int64_t)parent->uregs_sp);
	if (uregs)
		model_expect_add(out, "R-35", NT, MODEL_FIELD_UREGS_IP,
				 MODEL_OP_EQ, (int64_t)parent->uregs_ip);
	if (args->flags & MODEL_CLONE_SETTLS)
		model_expect_add(out, "R-35", NT, MODEL_FIELD_USER_TLS,
				 MODEL_OP_EQ, (int64_t)args->tls);
}

/*
 * Mirrors arch/x86/kernel/process.c:copy_thread() and kthread_frame_init()
 * (v6.18; v6.1 for the return address):
 * int copy_thread(struct task_struct *p, const struct kernel_clone_args *args).
 * Modelled: the inactive_task_frame sits right below pt_regs (thread.sp =
 * task_pt_regs - 56) and returns to ret_from_fork_asm (6.6+) or
 * ret_from_fork; PF_KTHREAD children: pt_regs zeroed, bx = fn,
 * r12 = fn_arg; other children: the parent's user registers with ax = 0,
 * sp = args->stack when given, bx = 0; with args->fn (io workers, usermode
 * helpers) also sp = ip = 0 and bx/r12 = fn/fn_arg; CLONE_SETTLS
 * without fn: fsbase = tls (set_new_tls(), after the V-36 check), else
 * fsbase copied from the parent (current_save_fsgs()).
 * Not modelled: frame->bp (encode_frame_pointer() depends on
 * CONFIG_FRAME_POINTER), 32-bit tasks, shadow stacks, PKRU, io bitmap.
 */
static void model_copy_thread_x86_64(const struct model_task *parent,
				     const struct model_kargs *args,
				     struct model_pred *out)
{
	const bool uregs = parent->valid & MODEL_IN_UREGS;

	model_expect_add(out, "X-13", NT, MODEL_FIELD_KFRAME_SP_OFF, MODEL_OP_EQ,
			 -MODEL_X86_64_INACTIVE_FRAME_SIZE);
	if (args->has_fn) {
		if (args->fn)
			model_expect_add(out, "X-14", NT, MODEL_FIELD_KFRAME_FN,
					 MODEL_OP_EQ, (int64_t)args->fn);
		if (args->fn_arg)
			model_expect_add(out, "X-14", NT, MODEL_FIELD_KFRAME_ARG,
					 MODEL_OP_EQ, (int64_t)args->fn_arg);
		model_expect_add(out, "X-14", NT, MODEL_FIELD_UREGS_RET,
				 MODEL_OP_EQ, 0);
		model_expect_add(out, "X-14", NT, MODEL_FIELD_UREGS_SP,
				 MODEL_OP_EQ, 0);
		model_expect_add(out, "X-14", NT, MODEL_FIELD_UREGS_IP,
				 MODEL_OP_EQ, 0);
		return;
	}
	model_expect_add(out, "X-13", NT, MODEL_FIELD_KFRAME_FN, MODEL_OP_EQ, 0);
	model_expect_add(out, "R-35", NT, MODEL_FIELD_UREGS_RET, MODEL_OP_EQ, 0);
	if (args->stack)
		model_expect_add(out, "R-35", NT, MODEL_FIELD_UREGS_SP,
				 MODEL_OP_EQ, (int64_t)args->stack);
	else if (uregs)
		model_expect_add(out, "R-35", NT, MODEL_FIELD_UREGS_SP,
				 MODEL_OP_EQ, (int64_t)parent->uregs_sp);
	if (uregs)
		model_expect_add(out, "R-35", NT, MODEL_FIELD_UREGS_IP,
				 MODEL_OP_EQ, (int64_t)parent->uregs_ip);
	if (args->flags & MODEL_CLONE_SETTLS)
		model_expect_add(out, "R-35", NT, MODEL_FIELD_USER_TLS,
				 MODEL_OP_EQ, (int64_t)args->tls);
	else if (uregs)
		model_expect_add(out, "R-35", NT, MODEL_FIELD_USER_TLS,
				 MODEL_OP_EQ, (int64_t)parent->user_tls);
}

/*
 * Mirrors kernel/fork.c:dup_task_struct(), the arch's copy_thread() and
 * kernel/sched/core.c:sched_fork() -> init_task_preempt_count() (v6.18).
 * Modelled: X-13 stack-end magic (set_task_stack_end_magic()),
 * TIF_NEED_RESCHED clear (clear_tsk_need_resched()), the saved frame's
 * return address when the profile carries the symbol, the per-arch
 * registers above; arm64 preempt count = FORK_PREEMPT_COUNT =
 * 2 * PREEMPT_DISABLE_OFFSET + PREEMPT_ENABLED (BIT(32)): 0x100000000
 * without CONFIG_PREEMPT_COUNT, 0x100000002 with it (only when the profile
 * knows the option).
 * Not modelled: x86's preempt count (per CPU, not in the task).
 */
void model_copy_thread(const struct model_profile *prof,
		       const struct model_task *parent,
		       const struct model_kargs *args, struct model_pred *out)
{
	uint64_t ret = model_ret_from_fork_addr(prof);

	model_expect_add(out, "X-13", NT, MODEL_FIELD_STACK_END_MAGIC,
			 MODEL_OP_EQ, (int64_t)MODEL_STACK_END_MAGIC);
	model_expect_add(out, "X-13", NT, MODEL_FIELD_NEED_RESCHED,
			 MODEL_OP_EQ, 0);
	if (ret)
		model_expect_add(out, "X-13", NT, MODEL_FIELD_KFRAME_RET,
				 MODEL_OP_EQ, (int64_t)ret);
	if (prof->arch == MODEL_ARCH_ARM64) {
		model_copy_thread_arm64(parent, args, out);
		if (prof->preempt_count != MODEL_CFG_UNKNOWN)
			model_expect_add(out, "X-13", NT,
					 MODEL_FIELD_PREEMPT_COUNT, MODEL_OP_EQ,
					 (int64_t)(MODEL_ARM64_PREEMPT_ENABLED +
					 (prof->preempt_count == MODEL_CFG_Y ?
					  2 : 0)));
	} else {
		model_copy_thread_x86_64(parent, args, out);
	}
}
