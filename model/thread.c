// SPDX-License-Identifier: GPL-2.0
/*
 * thread.c - the arch part of a fork: copy_thread() on x86_64 and arm64,
 * the new task's stack (dup_task_struct()) and its preempt count
 * (sched_fork()): errata, and V-36's TLS check.
 *
 * One arch-neutral function states what copy_thread() leaves in the child;
 * a table per arch says where the two arches differ.  Symbol addresses come
 * from the profile (the host reads kallsyms); the model only states the
 * relation.  Expectations are at task_newtask.  A stage file: it depends on
 * pred.h, model.h and clone_flags.h only.
 */
#include "model.h"
#include "clone_flags.h"
#include "pred.h"
#include "stages.h"

#define NT MODEL_STAGE_NEWTASK

/* Where the arches' copy_thread() differ (the rest is model_copy_thread()). */
struct model_arch_thread {
	int64_t kframe_sp_off;		/* saved kernel sp minus task_pt_regs */
	int kframe_fp_since;		/* version (major * 100 + minor) from which
					 * fp = &childregs->stackframe; -1: the
					 * field is not defined on this arch */
	bool user_arg_zero;		/* user children: the saved fn_arg register
					 * is zero (arm64 x20; x86 r12 is left) */
	bool user_tls_copied;		/* without SETTLS the saved TLS is the
					 * parent's (x86 fsbase from
					 * current_save_fsgs()) */
	bool preempt_in_task;		/* preempt count in thread_info (arm64) */
};

/*
 * arch/x86/kernel/process.c:copy_thread() (v7.2.13, v6.1.176, v5.10.223):
 * fork_frame puts the 56-byte inactive_task_frame right below pt_regs;
 * kthread_frame_init() sets bx = fn, r12 = arg; a user child gets bx = 0
 * and r12 left as it was; fsbase copied unless set_new_tls().
 * arch/arm64/kernel/process.c:copy_thread() (same trees): cpu_context
 * zeroed, then pc = ret_from_fork, sp = childregs and, from 6.1 on, fp =
 * &childregs->stackframe (5.10.223 never sets fp: it stays 0; mainline
 * 5.14 "arm64: Implement stack trace termination record" [unv: version]);
 * tpidr_el0 is read from the register, not from the parent's saved copy.
 */
static const struct model_arch_thread model_arch_threads[] = {
	[MODEL_ARCH_X86_64] = {
		.kframe_sp_off = -MODEL_X86_64_INACTIVE_FRAME_SIZE,
		.kframe_fp_since = -1,
		.user_arg_zero = false,
		.user_tls_copied = true,
		.preempt_in_task = false,
	},
	[MODEL_ARCH_ARM64] = {
		.kframe_sp_off = 0,
		.kframe_fp_since = 514,
		.user_arg_zero = true,
		.user_tls_copied = false,
		.preempt_in_task = true,
	},
};

/*
 * The address the child's saved kernel frame returns to: arm64
 * ret_from_fork; x86_64 ret_from_fork_asm from 6.6 on (the C rewrite of
 * ret_from_fork [unv: version from mainline history, 6.1 and 6.12/7.2
 * confirmed]), ret_from_fork before.  0 if the profile lacks the symbol.
 */
static uint64_t model_ret_from_fork_addr(const struct model_profile *prof)
{
	if (prof->arch == MODEL_ARCH_X86_64 && model_version_ge(prof, 6, 6))
		return prof->ksyms.ret_from_fork_asm;
	return prof->ksyms.ret_from_fork;
}

/*
 * Mirrors arch/x86/kernel/process.c:copy_thread() -> set_new_tls() ->
 * do_arch_prctl_64(ARCH_SET_FS) (v7.2.13): `if (unlikely(arg2 >=
 * TASK_SIZE_MAX)) return -EPERM;` for CLONE_SETTLS children without a
 * start function (errata X-9).
 * Modelled: V-36 with the profile's TASK_SIZE_MAX, else the 5-level limit
 * (a TLS below it but above the 4-level one is an alternative,
 * model_copy_process_alts()).
 * Not modelled: arm64 (no check), 32-bit set_thread_area.
 */
void model_copy_thread_check(const struct model_profile *prof,
			     const struct model_kargs *args, struct model_fail *fl)
{
	uint64_t limit = prof->task_size_max ? prof->task_size_max :
			 MODEL_X86_TASK_SIZE_MAX_5L;

	if (prof->arch == MODEL_ARCH_X86_64 && !args->has_fn &&
	    (args->flags & MODEL_CLONE_SETTLS) && args->tls >= limit)
		model_fail_set(fl, -MODEL_EPERM, "V-36", MODEL_STEP_THREAD);
}

/*
 * The saved frame pointer of arm64: 0 offset from the child's
 * pt_regs->stackframe from 5.14 on; before, fp stays 0, so fp minus
 * &stackframe is the two's complement of a kernel address, in
 * [1, 2^52] whatever the VA size.
 */
static void model_kframe_fp(const struct model_profile *prof,
			    const struct model_arch_thread *a, struct model_pred *out)
{
	if (a->kframe_fp_since < 0)
		return;
	if (model_version_ge(prof, a->kframe_fp_since / 100, a->kframe_fp_since % 100)) {
		model_expect_add(out, "X-13", NT, MODEL_FIELD_KFRAME_FP_OFF, MODEL_OP_EQ, 0);
		return;
	}
	model_expect_add(out, "X-13", NT, MODEL_FIELD_KFRAME_FP_OFF, MODEL_OP_GE, 1);
	model_expect_add(out, "X-13", NT, MODEL_FIELD_KFRAME_FP_OFF, MODEL_OP_LE,
			 (int64_t)MODEL_ARM64_KVA_SPAN);
}

/*
 * Mirrors kernel/fork.c:dup_task_struct(), the arch's copy_thread() and
 * kernel/sched/core.c:sched_fork() -> init_task_preempt_count() (v7.2.13;
 * v6.1.176 and v5.10.223 for the differences in model_arch_threads[]).
 * Modelled: X-13 stack-end magic (set_task_stack_end_magic()),
 * TIF_NEED_RESCHED clear (clear_tsk_need_resched()), the saved frame's
 * return address when the profile carries the symbol, its sp and fp;
 * with args->fn (kernel threads, io workers, usermode helpers, X-14; 5.10
 * passes fn as the stack argument, same registers): fn and fn_arg in the
 * saved frame (x86 bx/r12, arm64 x19/x20) and the user registers' ip, sp
 * and return value zero; without it: the saved fn register zero
 * (and arm64's x20), return value 0, the parent's ip, sp = args->stack
 * when given, TLS = args->tls with CLONE_SETTLS (x86 also: the parent's
 * fsbase without it); arm64 preempt count = FORK_PREEMPT_COUNT =
 * 2 * PREEMPT_DISABLE_OFFSET + PREEMPT_ENABLED (BIT(32)): 0x100000000
 * without CONFIG_PREEMPT_COUNT, 0x100000002 with it (only when the profile
 * knows the option).
 * Not modelled: x86's preempt count (per CPU), frame->bp (depends on
 * CONFIG_FRAME_POINTER), arm64's inherited tpidr_el0 without SETTLS (read
 * from the register; the parent's saved tp_value may lag it), pstate,
 * SME/GCS/POE state, 32-bit tasks, shadow stacks, PKRU, io bitmap.
 */
void model_copy_thread(const struct model_profile *prof,
		       const struct model_task *parent,
		       const struct model_kargs *args, struct model_pred *out)
{
	const struct model_arch_thread *a = &model_arch_threads[prof->arch];
	const bool uregs = parent->valid & MODEL_IN_UREGS;
	uint64_t ret = model_ret_from_fork_addr(prof);

	model_expect_add(out, "X-13", NT, MODEL_FIELD_STACK_END_MAGIC,
			 MODEL_OP_EQ, (int64_t)MODEL_STACK_END_MAGIC);
	model_expect_add(out, "X-13", NT, MODEL_FIELD_NEED_RESCHED, MODEL_OP_EQ, 0);
	if (ret)
		model_expect_add(out, "X-13", NT, MODEL_FIELD_KFRAME_RET,
				 MODEL_OP_EQ, (int64_t)ret);
	model_expect_add(out, "X-13", NT, MODEL_FIELD_KFRAME_SP_OFF, MODEL_OP_EQ,
			 a->kframe_sp_off);
	model_kframe_fp(prof, a, out);
	if (a->preempt_in_task && prof->preempt_count != MODEL_CFG_UNKNOWN)
		model_expect_add(out, "X-13", NT, MODEL_FIELD_PREEMPT_COUNT, MODEL_OP_EQ,
				 (int64_t)(MODEL_ARM64_PREEMPT_ENABLED +
					   (prof->preempt_count == MODEL_CFG_Y ? 2 : 0)));

	if (args->has_fn) {
		if (args->fn)
			model_expect_add(out, "X-14", NT, MODEL_FIELD_KFRAME_FN,
					 MODEL_OP_EQ, (int64_t)args->fn);
		if (args->fn_arg)
			model_expect_add(out, "X-14", NT, MODEL_FIELD_KFRAME_ARG,
					 MODEL_OP_EQ, (int64_t)args->fn_arg);
		model_expect_add(out, "X-14", NT, MODEL_FIELD_UREGS_RET, MODEL_OP_EQ, 0);
		model_expect_add(out, "X-14", NT, MODEL_FIELD_UREGS_SP, MODEL_OP_EQ, 0);
		model_expect_add(out, "X-14", NT, MODEL_FIELD_UREGS_IP, MODEL_OP_EQ, 0);
		return;
	}
	model_expect_add(out, "X-13", NT, MODEL_FIELD_KFRAME_FN, MODEL_OP_EQ, 0);
	if (a->user_arg_zero)
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
	else if (uregs && a->user_tls_copied)
		model_expect_add(out, "R-35", NT, MODEL_FIELD_USER_TLS,
				 MODEL_OP_EQ, (int64_t)parent->user_tls);
}
