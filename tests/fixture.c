// SPDX-License-Identifier: GPL-2.0
/* fixture.c - plausible observations built from the kernel's rules by hand. */
#include <errno.h>
#include <string.h>

#include "fixture.h"

#define SIGCHLD_NR 17
#define FX_TASK_NEW 0x800
#define FX_PF_FORKNOEXEC 0x40
#define FX_PF_RANDOMIZE 0x00400000

struct model_profile fx_profile(void)
{
	struct model_profile p = { .major = 6, .minor = 18, .arch = MODEL_ARCH_X86_64 };

	return p;
}

static struct obs_task fx_parent(void)
{
	struct obs_task t;

	memset(&t, 0, sizeof(t));
	t.task = 0xffff888000100000ull;
	t.pid = FX_PARENT_PID;
	t.tgid = FX_PARENT_PID;
	t.real_parent_pid = 1;
	t.mm = 0xffff888000001000ull;
	t.files = 0xffff888000002000ull;
	t.fs = 0xffff888000003000ull;
	t.sighand = 0xffff888000004000ull;
	t.signal = 0xffff888000005000ull;
	t.exit_signal = SIGCHLD_NR;
	t.group_exit_signal = SIGCHLD_NR;
	t.flags = FX_PF_RANDOMIZE;
	t.prio = t.static_prio = t.normal_prio = 120;
	t.cpu = 0;
	t.nr_cpus_allowed = 2;
	t.cpus_mask = 0x3;
	strcpy(t.comm, "parent");
	return t;
}

static void fx_points(struct obs o[OBS__COUNT], uint64_t clone_id, enum obs_entry entry,
		      const struct obs_task *child)
{
	for (int p = 0; p < OBS__COUNT; p++) {
		o[p].point = (FX_POINTS & OBS_BIT(p)) ? (enum obs_point)p : OBS__COUNT;
		o[p].clone_id = clone_id;
		o[p].ts_ns = 1000 + p;
	}
	o[OBS_SYS_ENTER].enter.entry = entry;
	o[OBS_SYS_ENTER].enter.parent = fx_parent();
	for (int p = OBS_NEWTASK; p <= OBS_WAKEUP; p++) {
		o[p].tp.entry = entry;
		o[p].tp.creator_pid = FX_PARENT_PID;
		o[p].tp.child = *child;
	}
	o[OBS_WAKEUP].tp.child.state = 0;
	o[OBS_WAKEUP].tp.child.on_rq = 1;
	o[OBS_WAKEUP].tp.child.cpu = 1;
	o[OBS_FIRST_RUN].tp.entry = entry;
	o[OBS_FIRST_RUN].tp.creator_pid = FX_CHILD_PID;
	o[OBS_FIRST_RUN].tp.child = o[OBS_WAKEUP].tp.child;
	o[OBS_SYS_EXIT].ret.entry = entry;
	o[OBS_SYS_EXIT].ret.pid = FX_PARENT_PID;
	o[OBS_SYS_EXIT].ret.ret = FX_CHILD_PID;
	o[OBS_CHILD_RET].ret.entry = entry;
	o[OBS_CHILD_RET].ret.pid = FX_CHILD_PID;
	o[OBS_CHILD_RET].ret.ret = 0;
}

void fx_fork(struct obs o[OBS__COUNT], uint64_t clone_id)
{
	struct obs_task c = fx_parent();

	memset(o, 0, sizeof(*o) * OBS__COUNT);
	c.task = 0xffff888000200000ull;
	c.pid = c.tgid = FX_CHILD_PID;
	c.real_parent_pid = FX_PARENT_PID;
	c.mm = 0xffff888000011000ull;
	c.files = 0xffff888000012000ull;
	c.fs = 0xffff888000013000ull;
	c.sighand = 0xffff888000014000ull;
	c.signal = 0xffff888000015000ull;
	c.state = FX_TASK_NEW;
	c.flags = FX_PF_RANDOMIZE | FX_PF_FORKNOEXEC;
	fx_points(o, clone_id, OBS_ENTRY_FORK, &c);
}

void fx_thread(struct obs o[OBS__COUNT], uint64_t clone_id)
{
	struct obs_task c = fx_parent();
	struct obs_enter *e = &o[OBS_SYS_ENTER].enter;

	memset(o, 0, sizeof(*o) * OBS__COUNT);
	c.task = 0xffff888000300000ull;
	c.pid = FX_CHILD_PID;
	c.tgid = FX_PARENT_PID;
	c.real_parent_pid = 1;		/* P's real_parent */
	c.exit_signal = -1;
	c.state = FX_TASK_NEW;
	c.flags = FX_PF_RANDOMIZE | FX_PF_FORKNOEXEC;
	fx_points(o, clone_id, OBS_ENTRY_CLONE3, &c);
	e->args[0] = 0x7ffc0000;	/* uargs */
	e->args[1] = 88;		/* size */
	e->uargs[0] = 0x100 | 0x200 | 0x400 | 0x800 | 0x10000 | 0x40000;
	o[OBS_NEWTASK].tp.clone_flags = e->uargs[0];	/* O-02: args->flags */
	e->uargs[5] = 0x7f0000000000ull; /* stack */
	e->uargs[6] = 65536;		/* stack_size */
}

void fx_sighand_no_vm(struct obs o[2], uint64_t clone_id)
{
	memset(o, 0, sizeof(*o) * 2);
	o[0].point = OBS_SYS_ENTER;
	o[0].clone_id = clone_id;
	o[0].enter.entry = OBS_ENTRY_CLONE;
	o[0].enter.args[0] = 0x800 | SIGCHLD_NR;
	o[0].enter.parent = fx_parent();
	o[1].point = OBS_SYS_EXIT;
	o[1].clone_id = clone_id;
	o[1].ret.entry = OBS_ENTRY_CLONE;
	o[1].ret.pid = FX_PARENT_PID;
	o[1].ret.ret = -EINVAL;
}

void fx_add_functions(struct obs o[OBS__COUNT])
{
	struct obs_copy_enter *c = &o[OBS_COPY_ENTER].copy;

	for (int p = OBS_COPY_ENTER; p <= OBS_CLONE_EXIT; p++)
		o[p].point = (enum obs_point)p;
	c->entry = o[OBS_SYS_ENTER].enter.entry;
	c->kargs.exit_signal = SIGCHLD_NR;
	c->node = -1;
	c->parent = o[OBS_SYS_ENTER].enter.parent;
	o[OBS_SCHED_FORK].tp = o[OBS_NEWTASK].tp;
	o[OBS_COPY_EXIT].tp = o[OBS_NEWTASK].tp;
	o[OBS_CLONE_EXIT].ret = o[OBS_SYS_EXIT].ret;
}

void fx_kthread(struct obs o[OBS__COUNT], uint64_t clone_id)
{
	struct obs_task p = fx_parent(), c;

	memset(o, 0, sizeof(*o) * OBS__COUNT);
	/* kthreadd: a kernel thread, no mm, child of the idle task */
	p.pid = p.tgid = 2;
	p.real_parent_pid = 0;
	p.mm = 0;
	p.flags = 0x00200040 | 0x00008000;	/* KTHREAD | FORKNOEXEC | NOFREEZE */
	strcpy(p.comm, "kthreadd");
	c = p;
	c.task = 0xffff888000400000ull;
	c.pid = c.tgid = FX_CHILD_PID;
	c.real_parent_pid = 2;
	c.files = p.files;		/* CLONE_FILES */
	c.fs = p.fs;			/* CLONE_FS */
	c.sighand = 0xffff888000414000ull;
	c.signal = 0xffff888000415000ull;
	c.state = FX_TASK_NEW;
	fx_points(o, clone_id, OBS_ENTRY_NONE, &c);
	for (int i = OBS_NEWTASK; i <= OBS_WAKEUP; i++)
		o[i].tp.creator_pid = 2;
	o[OBS_SYS_ENTER].point = OBS__COUNT;
	o[OBS_SYS_EXIT].point = OBS__COUNT;
	o[OBS_CHILD_RET].point = OBS__COUNT;
	for (int i = OBS_COPY_ENTER; i <= OBS_CLONE_EXIT; i++)
		o[i].point = (enum obs_point)i;
	o[OBS_COPY_ENTER].copy.entry = OBS_ENTRY_NONE;
	o[OBS_COPY_ENTER].copy.kargs.flags = 0x100 | 0x200 | 0x400 | 0x800000; /* VM FS FILES UNTRACED */
	o[OBS_NEWTASK].tp.clone_flags = o[OBS_COPY_ENTER].copy.kargs.flags;
	o[OBS_COPY_ENTER].copy.kargs.exit_signal = SIGCHLD_NR;
	o[OBS_COPY_ENTER].copy.kargs.kthread = true;
	o[OBS_COPY_ENTER].copy.kargs.fn = 0xffffffff81100000ull;
	o[OBS_COPY_ENTER].copy.kargs.fn_arg = 0xffff888000500000ull;
	o[OBS_COPY_ENTER].copy.node = -1;
	o[OBS_COPY_ENTER].copy.parent = p;
	o[OBS_SCHED_FORK].tp = o[OBS_NEWTASK].tp;
	o[OBS_COPY_EXIT].tp = o[OBS_NEWTASK].tp;
	o[OBS_CLONE_EXIT].ret.entry = OBS_ENTRY_NONE;
	o[OBS_CLONE_EXIT].ret.ret = FX_CHILD_PID;
	o[OBS_CLONE_EXIT].ret.pid = 2;
}

void fx_assemble(struct clone_obs *co, const struct obs *o, size_t n)
{
	memset(co, 0, sizeof(*co));
	for (size_t i = 0; i < n; i++) {
		if (!fx_is_point(&o[i]))
			continue;
		co->clone_id = o[i].clone_id;
		co->seen |= OBS_BIT(o[i].point);
		co->ts[o[i].point] = o[i].ts_ns;
		switch (o[i].point) {
		case OBS_SYS_ENTER:
			co->enter = o[i].enter;
			break;
		case OBS_NEWTASK:
			co->newtask = o[i].tp;
			break;
		case OBS_FORK:
			co->fork = o[i].tp;
			break;
		case OBS_WAKEUP:
			co->wakeup = o[i].tp;
			break;
		case OBS_SYS_EXIT:
			co->exit = o[i].ret;
			break;
		case OBS_CHILD_RET:
			co->child_ret = o[i].ret;
			break;
		case OBS_COPY_ENTER:
			co->copy = o[i].copy;
			break;
		case OBS_SCHED_FORK:
			co->sched_fork = o[i].tp;
			break;
		case OBS_COPY_EXIT:
			co->copy_exit = o[i].tp;
			break;
		case OBS_CLONE_EXIT:
			co->clone_exit = o[i].ret;
			break;
		default:
			co->first_run = o[i].tp;
		}
	}
}
