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
_Static_assert(sizeof(struct rec_sys_enter) ==
		       24 + 8 + 40 + CC_UARGS_MAX + 4 * CC_SET_TID_MAX + 144 + 360,
	       "rec_sys_enter");
_Static_assert(sizeof(struct rec_arch) == 20 * 8, "rec_arch");
_Static_assert(sizeof(struct rec_task_ext) == 36 * 8 + 18 * 4, "rec_task_ext");
_Static_assert(sizeof(struct rec_task_point) == 24 + 24 + 144 + 160 + 360, "rec_task_point");
_Static_assert(sizeof(struct rec_ret) == 40, "rec_ret");
_Static_assert(sizeof(struct rec_kargs) == 11 * 8 + 6 * 4, "rec_kargs");
_Static_assert(sizeof(struct rec_copy_enter) == 24 + 112 + 16 + 144, "rec_copy_enter");
/* rec_type t carries observation point t - 1. */
_Static_assert(REC_FIRST_RUN - 1 == OBS_FIRST_RUN && REC__MAX - 1 == OBS__COUNT, "points");

static const char *const point_names[OBS__COUNT] = {
	[OBS_SYS_ENTER] = "sys_enter",
	[OBS_NEWTASK] = "task_newtask",
	[OBS_FORK] = "sched_process_fork",
	[OBS_WAKEUP] = "sched_wakeup_new",
	[OBS_SYS_EXIT] = "sys_exit",
	[OBS_CHILD_RET] = "child_sys_exit",
	[OBS_COPY_ENTER] = "copy_process_entry",
	[OBS_SCHED_FORK] = "sched_fork_exit",
	[OBS_COPY_EXIT] = "copy_process_exit",
	[OBS_CLONE_EXIT] = "kernel_clone_exit",
	[OBS_FIRST_RUN] = "first_run",
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

static void decode_ext(const struct rec_task_ext *r, struct obs_task_ext *x)
{
	x->nsproxy = r->nsproxy;
	x->pid_ns_active = r->pid_ns_active;
	x->pid_ns_for_children = r->pid_ns_for_children;
	x->time_ns = r->time_ns;
	x->time_ns_for_children = r->time_ns_for_children;
	x->mnt_ns = r->mnt_ns;
	x->uts_ns = r->uts_ns;
	x->ipc_ns = r->ipc_ns;
	x->net_ns = r->net_ns;
	x->cgroup_ns = r->cgroup_ns;
	x->cred = r->cred;
	x->real_cred = r->real_cred;
	x->user_ns = r->user_ns;
	x->cap_effective = r->cap_effective;
	x->io_context = r->io_context;
	x->sysvsem_undo = r->sysvsem_undo;
	x->sas_ss_sp = r->sas_ss_sp;
	x->sas_ss_size = r->sas_ss_size;
	x->rseq = r->rseq;
	x->jobctl = r->jobctl;
	x->blocked = r->blocked;
	x->pending = r->pending;
	x->seccomp_filter = r->seccomp_filter;
	x->self_exec_id = r->self_exec_id;
	x->parent_exec_id = r->parent_exec_id;
	x->vfork_done = r->vfork_done;
	x->set_child_tid = r->set_child_tid;
	x->clear_child_tid = r->clear_child_tid;
	x->min_flt = r->min_flt;
	x->maj_flt = r->maj_flt;
	x->nvcsw = r->nvcsw;
	x->nivcsw = r->nivcsw;
	x->utime = r->utime;
	x->stime = r->stime;
	x->gtime = r->gtime;
	x->start_time = r->start_time;
	x->valid = r->valid;
	x->pid_ns_children_level = r->pid_ns_children_level;
	x->has_thread_keyring = r->has_thread_keyring;
	x->user_ns_level = r->user_ns_level;
	x->ioprio = r->ioprio;
	x->sas_ss_flags = r->sas_ss_flags;
	x->rseq_len = r->rseq_len;
	x->ptrace = r->ptrace;
	x->parent_pid = r->parent_pid;
	x->pdeath_signal = r->pdeath_signal;
	x->seccomp_mode = r->seccomp_mode;
	x->oom_score_adj = r->oom_score_adj;
	x->oom_score_adj_min = r->oom_score_adj_min;
	x->has_child_subreaper = r->has_child_subreaper;
	x->is_child_subreaper = r->is_child_subreaper;
	x->uclamp_min = r->uclamp_min;
	x->uclamp_max = r->uclamp_max;
}

static void decode_arch(const struct rec_arch *r, struct obs_arch *a)
{
	a->ctx_pc = r->ctx_pc;
	a->ctx_sp = r->ctx_sp;
	a->ctx_fp = r->ctx_fp;
	a->ctx_fn = r->ctx_fn;
	a->ctx_arg = r->ctx_arg;
	a->regs_ret = r->regs_ret;
	a->regs_sp = r->regs_sp;
	a->regs_pc = r->regs_pc;
	a->tls = r->tls;
	a->stack_end = r->stack_end;
	a->ti_flags = r->ti_flags;
	a->preempt_count = r->preempt_count;
	a->stack = r->stack;
	a->regs = r->regs;
	a->regs_stackframe = r->regs_stackframe;
	a->p_regs_pc = r->p_regs_pc;
	a->p_regs_sp = r->p_regs_sp;
	a->p_regs_ret = r->p_regs_ret;
	a->p_tls = r->p_tls;
	a->valid = r->valid;
}

static void decode_kargs(const struct rec_kargs *r, struct obs_kargs *k)
{
	k->flags = r->flags;
	k->pidfd = r->pidfd;
	k->child_tid = r->child_tid;
	k->parent_tid = r->parent_tid;
	k->stack = r->stack;
	k->stack_size = r->stack_size;
	k->tls = r->tls;
	k->set_tid = r->set_tid;
	k->set_tid_size = r->set_tid_size;
	k->fn = r->fn;
	k->fn_arg = r->fn_arg;
	k->exit_signal = r->exit_signal;
	k->cgroup = r->cgroup;
	k->kthread = r->kthread;
	k->io_thread = r->io_thread;
	k->user_worker = r->user_worker;
	k->idle = r->idle;
}

static size_t rec_size(__u32 type)
{
	switch (type) {
	case REC_SYS_ENTER:
		return sizeof(struct rec_sys_enter);
	case REC_COPY_ENTER:
		return sizeof(struct rec_copy_enter);
	case REC_NEWTASK:
	case REC_FORK:
	case REC_WAKEUP:
	case REC_SCHED_FORK:
	case REC_COPY_EXIT:
	case REC_FIRST_RUN:
		return sizeof(struct rec_task_point);
	case REC_SYS_EXIT:
	case REC_CHILD_RET:
	case REC_CLONE_EXIT:
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
		decode_ext(&r.parent_ext, &out->enter.parent_ext);
		return 0;
	}
	case REC_COPY_ENTER: {
		struct rec_copy_enter r;

		memcpy(&r, data, sizeof(r));
		out->point = OBS_COPY_ENTER;
		err = decode_entry(r.entry, &out->copy.entry);
		if (err)
			return err;
		decode_kargs(&r.kargs, &out->copy.kargs);
		out->copy.trace = r.trace;
		out->copy.node = r.node;
		decode_task(&r.parent, &out->copy.parent);
		return 0;
	}
	case REC_NEWTASK:
	case REC_FORK:
	case REC_WAKEUP:
	case REC_SCHED_FORK:
	case REC_COPY_EXIT:
	case REC_FIRST_RUN: {
		struct rec_task_point r;

		memcpy(&r, data, sizeof(r));
		out->point = (enum obs_point)(h.type - 1);
		err = decode_entry(r.entry, &out->tp.entry);
		if (err)
			return err;
		out->tp.clone_flags = r.clone_flags;
		out->tp.ret = r.ret;
		out->tp.creator_pid = r.creator_pid;
		decode_task(&r.child, &out->tp.child);
		decode_arch(&r.arch, &out->tp.arch);
		decode_ext(&r.ext, &out->tp.ext);
		return 0;
	}
	default: { /* REC_SYS_EXIT, REC_CHILD_RET, REC_CLONE_EXIT */
		struct rec_ret r;

		memcpy(&r, data, sizeof(r));
		out->point = (enum obs_point)(h.type - 1);
		err = decode_entry(r.entry, &out->ret.entry);
		if (err)
			return err;
		out->ret.ret = r.ret;
		out->ret.pid = r.pid;
		return 0;
	}
	}
}
