// SPDX-License-Identifier: GPL-2.0
/* predict.c - map observations onto the model's inputs and stages. */
#include <errno.h>
#include <string.h>

#include "predict.h"

#define TO_MODEL_U64(n) t->n = o->n;
#define TO_MODEL_S64 TO_MODEL_U64
#define TO_MODEL_U32 TO_MODEL_U64
#define TO_MODEL_S32 TO_MODEL_U64
#define TO_MODEL_C16(n)                                                                   \
	memcpy(&t->n##_lo, o->n, 8);                                                      \
	memcpy(&t->n##_hi, o->n + 8, 8);
#define TO_MODEL(part, ty, n, N, g) TASK_PICK_OBS_##part(TO_MODEL_##ty(n))

/*
 * A decoded task as the model's input: every member of both (the same
 * list, model/task_fields.h); the groups BPF read (REC_IN_* bits are the
 * MODEL_IN_* bits).  The model-only members stay 0.
 */
static void to_model_task(const struct obs_task *o, struct model_task *t)
{
	memset(t, 0, sizeof(*t));
	t->valid = o->valid;
	TASK_FIELDS(TO_MODEL)
}

/*
 * TIF_NEED_RESCHED's bit: x86_64 moved to the generic TIF bits
 * (include/asm-generic/thread_info_tif.h, bit 4) in 6.18 and had bit 3
 * before; arm64 keeps its own, bit 1 (arch/arm64/include/asm/thread_info.h).
 */
static unsigned int tif_need_resched(const struct model_profile *prof)
{
	if (prof->arch == MODEL_ARCH_ARM64)
		return 1;
	return prof->major > 6 || (prof->major == 6 && prof->minor >= 18) ? 4 : 3;
}

/* What copy_thread() left in the child (NEWTASK) as the model's fields. */
static void add_arch(const struct model_profile *prof, const struct obs_arch *a,
		     struct model_task *t)
{
	if (!a->valid)
		return;
	t->valid |= MODEL_IN_UREGS | MODEL_IN_KFRAME | MODEL_IN_STACK;
	/*
	 * The saved frame's offsets from task_pt_regs() are observations
	 * only when the block was found from the task; from the frame they
	 * would hold by construction.
	 */
	if (a->regs_located)
		t->valid |= MODEL_IN_KFRAME_AT;
	t->uregs_ip = a->regs_pc;
	t->uregs_sp = a->regs_sp;
	t->uregs_ret = a->regs_ret;
	t->user_tls = a->tls;
	t->kframe_ret = a->ctx_pc;
	t->kframe_fn = a->ctx_fn;
	t->kframe_arg = a->ctx_arg;
	t->kframe_sp_off = (int64_t)(a->ctx_sp - a->regs);
	t->kframe_fp_off = prof->arch == MODEL_ARCH_ARM64 ?
				   (int64_t)(a->ctx_fp - a->regs_stackframe) : 0;
	t->stack_end_magic = a->stack_end;
	t->need_resched = (a->ti_flags >> tif_need_resched(prof)) & 1;
	t->preempt_count = a->preempt_count;
}

static enum model_entry to_model_entry(enum obs_entry e)
{
	switch (e) {
	case OBS_ENTRY_FORK:
		return MODEL_ENTRY_FORK;
	case OBS_ENTRY_VFORK:
		return MODEL_ENTRY_VFORK;
	case OBS_ENTRY_CLONE:
		return MODEL_ENTRY_CLONE;
	default:
		return MODEL_ENTRY_CLONE3;
	}
}

/*
 * A clone made inside the kernel (no syscall): which creator built its
 * kernel_clone_args, told by the flags copy_process() received (fentry and
 * kprobe backends only; the tracepoint backend never sees them).
 */
static int kernel_entry_of(const struct obs_kargs *k, enum model_entry *e)
{
	if (k->io_thread)
		*e = MODEL_ENTRY_IO_WORKER;
	else if (k->user_worker)
		*e = MODEL_ENTRY_USER_WORKER;
	else if (k->kthread)
		*e = MODEL_ENTRY_KTHREAD;
	else if (k->fn)
		*e = MODEL_ENTRY_UMH;
	else
		return -ENODATA;
	return 0;
}

/* CLONE_IO (include/uapi/linux/sched.h) */
#define CLONE_IO_BIT 0x80000000ull

/*
 * Predict a kernel-internal clone from copy_process()'s entry record, or
 * on the tracepoint backend from its creator's context read at
 * task_newtask.
 */
static int predict_kernel_clone(const struct model_profile *prof, const struct clone_obs *co,
				struct model_pred *out)
{
	const struct obs_copy_enter *c = &co->copy;
	struct model_task creator;
	struct model_syscall sc;

	if (!(co->seen & OBS_BIT(OBS_COPY_ENTER)) || c->entry != OBS_ENTRY_NONE)
		return -ENODATA;
	to_model_task(&c->parent, &creator);
	/* comm is in struct rec_task, read with the BASE part whatever the record */
	creator.valid |= MODEL_IN_COMM;
	if (c->at_newtask) {
		/*
		 * Tracepoint backend: no kernel_clone_args, only the creator's
		 * context (who current was at task_newtask, its syscall, and
		 * whether task_newtask's flags carry CLONE_IO).
		 */
		struct model_creator ctx = {
			.sysnr_known = c->sysnr_known,
			.sysnr = c->creator_sysnr,
			.clone_io = (co->seen & OBS_BIT(OBS_NEWTASK)) &&
				    (co->newtask.clone_flags & CLONE_IO_BIT),
		};

		if (model_creator_entry(prof, &creator, &ctx, &sc))
			return -ENODATA;
		model_kernel_clone(prof, &creator, &sc, out);
		return 0;
	}
	memset(&sc, 0, sizeof(sc));
	if (kernel_entry_of(&c->kargs, &sc.entry)) {
		/*
		 * kernel_clone_args without kthread, io_thread or fn (5.10:
		 * kernel_thread() passes fn as .stack): the creator, read at
		 * copy_process() entry, decides (kthreadd, an io worker).
		 */
		const struct model_creator ctx = { .sysnr_known = false };

		if (model_creator_entry(prof, &creator, &ctx, &sc))
			return -ENODATA;
		sc.creator_after_copy = false;
		model_kernel_clone(prof, &creator, &sc, out);
		return 0;
	}
	sc.arg[0] = c->kargs.fn;
	sc.arg[1] = c->kargs.fn_arg;
	/*
	 * What kernel_thread()/user_mode_thread() were given.  kthreadd's:
	 * the flags create_kthread() passes (model_creator_entry()), never
	 * the kernel_clone_args kernel_thread() built from them (R-28 checks
	 * that build against the flags task_newtask reports).  Others: BPF
	 * does not read kernel_thread()'s argument, so copy_process()'s flags
	 * | exit signal stand for it (and R-28 does not check the flags).
	 */
	sc.arg[2] = c->kargs.flags | ((uint64_t)c->kargs.exit_signal & 0xff);
	if (sc.entry == MODEL_ENTRY_KTHREAD) {
		const struct model_creator ctx = { .sysnr_known = false };
		struct model_syscall kt;

		if (!model_creator_entry(prof, &creator, &ctx, &kt) &&
		    kt.entry == MODEL_ENTRY_KTHREAD)
			sc.arg[2] = kt.arg[2];
	}
	model_kernel_clone(prof, &creator, &sc, out);
	return 0;
}

int predict_clone(const struct model_profile *prof, const struct clone_obs *co,
		  struct model_pred *out)
{
	const struct obs_enter *e = &co->enter;
	struct model_task parent;
	struct model_syscall sc;
	const uint64_t *u = e->uargs;

	if (!(co->seen & OBS_BIT(OBS_SYS_ENTER)) || e->entry == OBS_ENTRY_NONE)
		return predict_kernel_clone(prof, co, out);
	to_model_task(&e->parent, &parent);
	parent.ts_ns = co->ts[OBS_SYS_ENTER];
	/* the init pid ns's pid_max is a fact of the host, read once (profile) */
	if (prof->pid_max) {
		parent.pid_max = prof->pid_max;
		parent.valid |= MODEL_IN_PID_MAX;
	}
	/*
	 * The parent's user registers are read at task_newtask, where the
	 * parent is still inside its syscall (arch.bpf.h): its state, not the
	 * child's.  The KFRAME/STACK groups are marked read when BPF reads them
	 * in the child, so the model states its expectations on them.
	 */
	if ((co->seen & OBS_BIT(OBS_NEWTASK)) && co->newtask.arch.valid) {
		const struct obs_arch *a = &co->newtask.arch;

		parent.valid |= MODEL_IN_UREGS | MODEL_IN_KFRAME | MODEL_IN_STACK |
				MODEL_IN_KFRAME_AT;
		parent.uregs_ip = a->p_regs_pc;
		parent.uregs_sp = a->p_regs_sp;
		parent.uregs_ret = a->p_regs_ret;
		parent.user_tls = a->p_tls;
	}
	/*
	 * Groups BPF reads only in the child (the pidfd, the words the
	 * kernel writes for PARENT_SETTID and CHILD_SETTID): the model states
	 * its expectations on them; the differ skips those a child's records
	 * lack.
	 */
	parent.valid |= MODEL_IN_PIDFD | MODEL_IN_USERMEM;
	memset(&sc, 0, sizeof(sc));
	sc.entry = to_model_entry(e->entry);
	memcpy(sc.arg, e->args, sizeof(sc.arg));
	sc.uargs_fault = e->uargs_fault;
	sc.uargs_tail_nonzero = e->uargs_tail_nonzero;
	sc.set_tid_fault = e->set_tid_fault;
	sc.uargs.flags = u[0];
	sc.uargs.pidfd = u[1];
	sc.uargs.child_tid = u[2];
	sc.uargs.parent_tid = u[3];
	sc.uargs.exit_signal = u[4];
	sc.uargs.stack = u[5];
	sc.uargs.stack_size = u[6];
	sc.uargs.tls = u[7];
	sc.uargs.set_tid = u[8];
	sc.uargs.set_tid_size = u[9];
	sc.uargs.cgroup = u[10];
	if (e->entry == OBS_ENTRY_CLONE3 && !e->uargs_fault && !e->set_tid_fault &&
	    sc.uargs.set_tid && sc.uargs.set_tid_size <= 32) {
		sc.set_tid_known = true;
		memcpy(sc.set_tid_vals, e->set_tid, sizeof(sc.set_tid_vals));
	}
	model_kernel_clone(prof, &parent, &sc, out);
	return 0;
}

/* The model's stage for an observation point; MODEL_STAGE__COUNT if none. */
enum model_stage predict_stage_of(enum obs_point p)
{
	switch (p) {
	case OBS_SYS_ENTER:
		return MODEL_STAGE_SYS_ENTER;
	case OBS_NEWTASK:
		return MODEL_STAGE_NEWTASK;
	case OBS_FORK:
		return MODEL_STAGE_FORK;
	case OBS_WAKEUP:
		return MODEL_STAGE_WAKEUP;
	case OBS_SYS_EXIT:
		return MODEL_STAGE_SYS_EXIT;
	case OBS_CHILD_RET:
		return MODEL_STAGE_CHILD_RET;
	default:
		return MODEL_STAGE__COUNT;
	}
}

bool predict_stage_ts(const struct clone_obs *co, enum model_stage st, uint64_t *ts)
{
	for (int p = 0; p < OBS__COUNT; p++) {
		if (predict_stage_of(p) == st && (co->seen & OBS_BIT(p))) {
			*ts = co->ts[p];
			return true;
		}
	}
	return false;
}

uint32_t predict_stages_seen(const struct clone_obs *co)
{
	uint32_t st = 0;

	for (int p = 0; p < OBS__COUNT; p++) {
		enum model_stage s = predict_stage_of(p);

		if ((co->seen & OBS_BIT(p)) && s != MODEL_STAGE__COUNT)
			st |= MODEL_STAGE_BIT(s);
	}
	return st;
}

bool predict_observed(const struct model_profile *prof, const struct clone_obs *co,
		      enum model_stage st, struct model_task *out)
{
	/* a task point seen: to_model_task() clears *out itself */
	switch (st) {
	case MODEL_STAGE_SYS_ENTER:
		if (!(co->seen & OBS_BIT(OBS_SYS_ENTER)))
			break;
		to_model_task(&co->enter.parent, out);
		return true;
	case MODEL_STAGE_NEWTASK:
		if (!(co->seen & OBS_BIT(OBS_NEWTASK)))
			break;
		to_model_task(&co->newtask.child, out);
		add_arch(prof, &co->newtask.arch, out);
		out->ts_ns = co->ts[OBS_NEWTASK];
		out->clone_flags = co->newtask.clone_flags;
		return true;
	case MODEL_STAGE_FORK:
		if (!(co->seen & OBS_BIT(OBS_FORK)))
			break;
		to_model_task(&co->fork.child, out);
		return true;
	case MODEL_STAGE_WAKEUP:
		if (!(co->seen & OBS_BIT(OBS_WAKEUP)))
			break;
		to_model_task(&co->wakeup.child, out);
		return true;
	default:
		break;
	}
	memset(out, 0, sizeof(*out));
	switch (st) {
	case MODEL_STAGE_SYS_EXIT:
		if (!(co->seen & OBS_BIT(OBS_SYS_EXIT)))
			return false;
		out->pid = co->exit.pid;
		out->ret = co->exit.ret;
		return true;
	case MODEL_STAGE_CHILD_RET:
		if (!(co->seen & OBS_BIT(OBS_CHILD_RET)))
			return false;
		out->pid = co->child_ret.pid;
		out->ret = co->child_ret.ret;
		if (co->child_ret.tid_read) {
			out->child_tid_val = co->child_ret.tid_val;
			out->valid |= MODEL_IN_USERMEM;
		}
		return true;
	default:
		return false;
	}
}
