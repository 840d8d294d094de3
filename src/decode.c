// SPDX-License-Identifier: GPL-2.0
/*
 * decode.c - check and convert ring-buffer records into struct obs.
 * Every record's tag and size are checked against bpf/events.h before a
 * field is read; nothing after this file includes events.h.
 */
#include <errno.h>
#include <string.h>
#include <linux/types.h>

#include "decode.h"
#include "../bpf/events.h"

_Static_assert(sizeof(struct rec_hdr) == 24, "rec_hdr");
_Static_assert(sizeof(struct rec_task) == 144, "rec_task");
_Static_assert(sizeof(struct rec_sys_enter) == 24 + 8 + 40 + CC_UARGS_MAX + 4 * CC_SET_TID_MAX + 144,
	       "rec_sys_enter");
_Static_assert(sizeof(struct rec_task_point) == 24 + 16 + 144, "rec_task_point");
_Static_assert(sizeof(struct rec_ret) == 40, "rec_ret");

static const char *const point_names[OBS__COUNT] = {
	[OBS_SYS_ENTER] = "sys_enter",
	[OBS_NEWTASK] = "task_newtask",
	[OBS_FORK] = "sched_process_fork",
	[OBS_WAKEUP] = "sched_wakeup_new",
	[OBS_SYS_EXIT] = "sys_exit",
	[OBS_CHILD_RET] = "child_sys_exit",
};

const char *obs_point_name(enum obs_point p)
{
	return (unsigned int)p < OBS__COUNT ? point_names[p] : "?";
}

const char *obs_entry_name(enum obs_entry e)
{
	switch (e) {
	case OBS_ENTRY_FORK:
		return "fork";
	case OBS_ENTRY_VFORK:
		return "vfork";
	case OBS_ENTRY_CLONE:
		return "clone";
	case OBS_ENTRY_CLONE3:
		return "clone3";
	default:
		return "none";
	}
}

static int decode_entry(__u32 e, enum obs_entry *out)
{
	switch (e) {
	case REC_ENTRY_FORK:
		*out = OBS_ENTRY_FORK;
		return 0;
	case REC_ENTRY_VFORK:
		*out = OBS_ENTRY_VFORK;
		return 0;
	case REC_ENTRY_CLONE:
		*out = OBS_ENTRY_CLONE;
		return 0;
	case REC_ENTRY_CLONE3:
		*out = OBS_ENTRY_CLONE3;
		return 0;
	case REC_ENTRY_NONE:
		*out = OBS_ENTRY_NONE;
		return 0;
	default:
		return -EBADMSG;
	}
}

static void decode_task(const struct rec_task *r, struct obs_task *t)
{
	t->task = r->task;
	t->mm = r->mm;
	t->files = r->files;
	t->fs = r->fs;
	t->sighand = r->sighand;
	t->signal = r->signal;
	t->cpus_mask = r->cpus_mask;
	t->pid = r->pid;
	t->tgid = r->tgid;
	t->real_parent_pid = r->real_parent_pid;
	t->ns_level = r->ns_level;
	t->state = r->state;
	t->on_rq = r->on_rq;
	t->exit_signal = r->exit_signal;
	t->flags = r->flags;
	t->signal_flags = r->signal_flags;
	t->group_exit_signal = r->group_exit_signal;
	t->policy = r->policy;
	t->prio = r->prio;
	t->static_prio = r->static_prio;
	t->normal_prio = r->normal_prio;
	t->rt_priority = r->rt_priority;
	t->reset_on_fork = r->reset_on_fork;
	t->cpu = r->cpu;
	t->nr_cpus_allowed = r->nr_cpus_allowed;
	memcpy(t->comm, r->comm, sizeof(t->comm));
	t->comm[sizeof(t->comm) - 1] = '\0';
}

static size_t rec_size(__u32 type)
{
	switch (type) {
	case REC_SYS_ENTER:
		return sizeof(struct rec_sys_enter);
	case REC_NEWTASK:
	case REC_FORK:
	case REC_WAKEUP:
		return sizeof(struct rec_task_point);
	case REC_SYS_EXIT:
	case REC_CHILD_RET:
		return sizeof(struct rec_ret);
	default:
		return 0;
	}
}

int decode_record(const void *data, size_t len, struct obs *out)
{
	struct rec_hdr h;
	size_t want;
	int err;

	if (!data || len < sizeof(h))
		return -EBADMSG;
	memcpy(&h, data, sizeof(h));
	if (h.size != len)
		return -EBADMSG;
	want = rec_size(h.type);
	if (!want)
		return -ENOENT;
	if (len != want)
		return -EBADMSG;

	memset(out, 0, sizeof(*out));
	out->clone_id = h.clone_id;
	out->ts_ns = h.ts_ns;
	switch (h.type) {
	case REC_SYS_ENTER: {
		struct rec_sys_enter r;

		memcpy(&r, data, sizeof(r));
		out->point = OBS_SYS_ENTER;
		err = decode_entry(r.entry, &out->enter.entry);
		if (err || out->enter.entry == OBS_ENTRY_NONE)
			return -EBADMSG;
		memcpy(out->enter.args, r.args, sizeof(out->enter.args));
		out->enter.uargs_fault = r.uargs_flags & REC_UARGS_FAULT;
		out->enter.uargs_tail_nonzero = r.uargs_flags & REC_UARGS_TAIL_NONZERO;
		out->enter.uargs_tail_unseen = r.uargs_flags & REC_UARGS_TAIL_UNSEEN;
		out->enter.set_tid_fault = r.uargs_flags & REC_SET_TID_FAULT;
		memcpy(out->enter.uargs, r.uargs, sizeof(out->enter.uargs));
		memcpy(out->enter.set_tid, r.set_tid, sizeof(out->enter.set_tid));
		decode_task(&r.parent, &out->enter.parent);
		return 0;
	}
	case REC_NEWTASK:
	case REC_FORK:
	case REC_WAKEUP: {
		struct rec_task_point r;

		memcpy(&r, data, sizeof(r));
		out->point = h.type == REC_NEWTASK ? OBS_NEWTASK :
			     h.type == REC_FORK    ? OBS_FORK :
						     OBS_WAKEUP;
		err = decode_entry(r.entry, &out->tp.entry);
		if (err)
			return err;
		out->tp.clone_flags = r.clone_flags;
		out->tp.creator_pid = r.creator_pid;
		decode_task(&r.child, &out->tp.child);
		return 0;
	}
	default: { /* REC_SYS_EXIT, REC_CHILD_RET */
		struct rec_ret r;

		memcpy(&r, data, sizeof(r));
		out->point = h.type == REC_SYS_EXIT ? OBS_SYS_EXIT : OBS_CHILD_RET;
		err = decode_entry(r.entry, &out->ret.entry);
		if (err)
			return err;
		out->ret.ret = r.ret;
		out->ret.pid = r.pid;
		return 0;
	}
	}
}
