// SPDX-License-Identifier: GPL-2.0
/* predict.c - map observations onto the model's inputs and stages. */
#include <errno.h>
#include <string.h>

#include "predict.h"

static void to_model_task(const struct obs_task *o, struct model_task *t)
{
	memset(t, 0, sizeof(*t));
	t->pid = o->pid;
	t->tgid = o->tgid;
	t->real_parent_pid = o->real_parent_pid;
	t->ns_level = o->ns_level;
	t->mm = o->mm;
	t->files = o->files;
	t->fs = o->fs;
	t->sighand = o->sighand;
	t->signal = o->signal;
	t->state = o->state;
	t->on_rq = o->on_rq;
	t->exit_signal = o->exit_signal;
	t->flags = o->flags;
	t->signal_flags = o->signal_flags;
	t->group_exit_signal = o->group_exit_signal;
	t->policy = o->policy;
	t->prio = o->prio;
	t->static_prio = o->static_prio;
	t->normal_prio = o->normal_prio;
	t->rt_priority = o->rt_priority;
	t->reset_on_fork = o->reset_on_fork;
	t->cpu = o->cpu;
	t->nr_cpus_allowed = o->nr_cpus_allowed;
	t->cpus_mask = o->cpus_mask;
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

int predict_clone(const struct model_profile *prof, const struct clone_obs *co,
		  struct model_pred *out)
{
	const struct obs_enter *e = &co->enter;
	struct model_task parent;
	struct model_syscall sc;
	const uint64_t *u = e->uargs;

	if (!(co->seen & OBS_BIT(OBS_SYS_ENTER)) || e->entry == OBS_ENTRY_NONE)
		return -ENODATA;
	to_model_task(&e->parent, &parent);
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
	model_kernel_clone(prof, &parent, &sc, out);
	return 0;
}

enum model_stage predict_stage_of(enum obs_point p)
{
	static const enum model_stage map[OBS__COUNT] = {
		[OBS_SYS_ENTER] = MODEL_STAGE_SYS_ENTER, [OBS_NEWTASK] = MODEL_STAGE_NEWTASK,
		[OBS_FORK] = MODEL_STAGE_FORK,		 [OBS_WAKEUP] = MODEL_STAGE_WAKEUP,
		[OBS_SYS_EXIT] = MODEL_STAGE_SYS_EXIT,	 [OBS_CHILD_RET] = MODEL_STAGE_CHILD_RET,
	};
	return map[p];
}

uint32_t predict_stages_seen(const struct clone_obs *co)
{
	uint32_t st = 0;

	for (int p = 0; p < OBS__COUNT; p++)
		if (co->seen & OBS_BIT(p))
			st |= MODEL_STAGE_BIT(predict_stage_of(p));
	return st;
}

bool predict_observed(const struct clone_obs *co, enum model_stage st, struct model_task *out)
{
	memset(out, 0, sizeof(*out));
	switch (st) {
	case MODEL_STAGE_SYS_ENTER:
		if (!(co->seen & OBS_BIT(OBS_SYS_ENTER)))
			return false;
		to_model_task(&co->enter.parent, out);
		return true;
	case MODEL_STAGE_NEWTASK:
		if (!(co->seen & OBS_BIT(OBS_NEWTASK)))
			return false;
		to_model_task(&co->newtask.child, out);
		return true;
	case MODEL_STAGE_FORK:
		if (!(co->seen & OBS_BIT(OBS_FORK)))
			return false;
		to_model_task(&co->fork.child, out);
		return true;
	case MODEL_STAGE_WAKEUP:
		if (!(co->seen & OBS_BIT(OBS_WAKEUP)))
			return false;
		to_model_task(&co->wakeup.child, out);
		return true;
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
		return true;
	default:
		return false;
	}
}
