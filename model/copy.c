// SPDX-License-Identifier: GPL-2.0
/*
 * copy.c - the parts of the child that copy_process()'s callees fix beyond
 * the shared resources of fork.c: credentials, namespaces, io context,
 * semaphore undo list, signals, seccomp, ptrace, identity and counters
 * (R-03..R-40, S-03, S-09), and kernel_clone()'s vfork completion.
 *
 * Every expectation that compares with a parent value needs that value's
 * MODEL_IN_* bit in parent->valid; the others compare with constants.
 * A stage file: it depends on pred.h, model.h and clone_flags.h only.
 */
#include "model.h"
#include "clone_flags.h"
#include "pred.h"
#include "stages.h"

#define NT MODEL_STAGE_NEWTASK

/* Shorthand: one expectation at task_newtask. */
static void nt_expect(struct model_pred *out, const char *rule,
		      enum model_field field, enum model_op op, int64_t value)
{
	model_expect_add(out, rule, NT, field, op, value);
}

/* EQ @value if @same, else NEW (differs from @value and non-NULL). */
static void nt_same_or_new(struct model_pred *out, const char *rule,
			   enum model_field field, bool same, uint64_t value)
{
	nt_expect(out, rule, field, same ? MODEL_OP_EQ : MODEL_OP_NEW,
		  (int64_t)value);
}

/*
 * Mirrors kernel/fork.c:copy_mm() and copy_process() (v6.18): the
 * counters a new task starts with.
 * Modelled: R-03 min_flt = maj_flt = nvcsw = nivcsw = 0 (copy_mm(), for
 * every child, with or without CLONE_VM or an mm), utime = stime = gtime
 * = 0 (copy_process()).
 * Not modelled: scaled cputime, vtime (config dependent).
 */
static void model_copy_counters(struct model_pred *out)
{
	static const enum model_field zero[] = {
		MODEL_FIELD_MIN_FLT, MODEL_FIELD_MAJ_FLT, MODEL_FIELD_NVCSW,
		MODEL_FIELD_NIVCSW, MODEL_FIELD_UTIME, MODEL_FIELD_STIME,
		MODEL_FIELD_GTIME,
	};
	size_t i;

	for (i = 0; i < MODEL_ARRAY_SIZE(zero); i++)
		nt_expect(out, "R-03", zero[i], MODEL_OP_EQ, 0);
}

/*
 * Mirrors kernel/cred.c:copy_creds() and kernel/user_namespace.c:
 * create_user_ns() (v6.18): int copy_creds(struct task_struct *p,
 * u64 clone_flags).
 * Modelled: R-22 CLONE_THREAD without a thread keyring shares the cred
 * (p->cred == p->real_cred == current's); else a new cred from
 * prepare_creds(), thread keyring dropped (kept only as a new one for
 * THREAD when the parent had one), with NEWUSER a new user ns one level
 * down and the full capability set (set_cred_user_ns()), else the
 * parent's user ns and capabilities.
 * copy_creds() counts the child against its real user, thread or
 * not (v6.18: `inc_rlimit_ucounts(task_ucounts(p), UCOUNT_RLIMIT_NPROC,
 * 1)`; v5.10.223: `atomic_inc(&p->cred->user->processes)`); decided for the
 * uid's only task (MODEL_IN_PROC: nproc_count 1) without NEWUSER (whose
 * child counts in the new ns's ucounts): at task_newtask the count the
 * child reads is 2.
 * Not modelled: keyring identities, securebits, uid/gid values (copies),
 * the count when other tasks of the uid exist (they fork and are released
 * meanwhile), a task taking the uid by setuid() meanwhile.
 */
static void model_copy_creds(const struct model_task *parent,
			     const struct model_kargs *args,
			     struct model_pred *out)
{
	const uint64_t f = args->flags;
	const bool newuser = f & MODEL_CLONE_NEWUSER;

	if (!(parent->valid & MODEL_IN_CRED))
		return;
	if ((f & MODEL_CLONE_THREAD) && !parent->has_thread_keyring) {
		nt_expect(out, "R-22", MODEL_FIELD_CRED, MODEL_OP_EQ,
			  (int64_t)parent->cred);
		nt_expect(out, "R-22", MODEL_FIELD_REAL_CRED, MODEL_OP_EQ,
			  (int64_t)parent->cred);
	} else {
		nt_expect(out, "R-22", MODEL_FIELD_CRED, MODEL_OP_NEW,
			  (int64_t)parent->cred);
		nt_expect(out, "R-22", MODEL_FIELD_REAL_CRED, MODEL_OP_NEW,
			  (int64_t)parent->real_cred);
	}
	if (!(f & MODEL_CLONE_THREAD) || !parent->has_thread_keyring)
		nt_expect(out, "R-22", MODEL_FIELD_HAS_THREAD_KEYRING,
			  MODEL_OP_EQ, 0);
	nt_same_or_new(out, "R-22", MODEL_FIELD_USER_NS, !newuser,
		       parent->user_ns);
	nt_expect(out, "R-22", MODEL_FIELD_USER_NS_LEVEL, MODEL_OP_EQ,
		  parent->user_ns_level + (newuser ? 1 : 0));
	nt_expect(out, "R-22", MODEL_FIELD_CAP_EFFECTIVE, MODEL_OP_EQ,
		  newuser ? (int64_t)MODEL_CAP_FULL_SET :
			    (int64_t)parent->cap_effective);
	if ((parent->valid & MODEL_IN_PROC) && parent->nproc_count == 1 && !newuser)
		nt_expect(out, "R-23", MODEL_FIELD_NPROC_COUNT, MODEL_OP_EQ, 2);
}

/*
 * Mirrors kernel/nsproxy.c:copy_namespaces(), create_new_namespaces() and
 * kernel/time/namespace.c:timens_on_fork() (v6.18; v6.1 where noted):
 * int copy_namespaces(u64 flags, struct task_struct *tsk).
 * Modelled: R-20 no CLONE_NEW* flag: the parent's nsproxy is shared,
 * except when its time_ns != time_ns_for_children and (6.18) !CLONE_VM
 * (6.1: always; CLONE_VM was refused by V-16): a new nsproxy with every
 * member shared and time_ns switched to time_ns_for_children; R-21 with a
 * flag: a new nsproxy, each member new iff its flag, pid_ns_for_children
 * new with NEWPID, time_ns_for_children new with NEWTIME, time_ns switched
 * (6.18: unless CLONE_VM); the child's active pid ns is the parent's
 * pid_ns_for_children (or the new one, one level down) and with NEWPID it
 * is that ns's init (SIGNAL_UNKILLABLE).
 * Not modelled: namespace contents (hostname, mounts, ...).
 */
static void model_copy_namespaces(const struct model_profile *prof,
				  const struct model_task *parent,
				  const struct model_kargs *args,
				  struct model_pred *out)
{
	static const struct {
		uint64_t flag;			/* CLONE_NEW* */
		enum model_field field;		/* nsproxy member */
		size_t off;			/* its parent value */
	} members[] = {
		{ MODEL_CLONE_NEWNS, MODEL_FIELD_MNT_NS,
		  offsetof(struct model_task, mnt_ns) },
		{ MODEL_CLONE_NEWUTS, MODEL_FIELD_UTS_NS,
		  offsetof(struct model_task, uts_ns) },
		{ MODEL_CLONE_NEWIPC, MODEL_FIELD_IPC_NS,
		  offsetof(struct model_task, ipc_ns) },
		{ MODEL_CLONE_NEWPID, MODEL_FIELD_PID_NS_FOR_CHILDREN,
		  offsetof(struct model_task, pid_ns_for_children) },
		{ MODEL_CLONE_NEWNET, MODEL_FIELD_NET_NS,
		  offsetof(struct model_task, net_ns) },
		{ MODEL_CLONE_NEWCGROUP, MODEL_FIELD_CGROUP_NS,
		  offsetof(struct model_task, cgroup_ns) },
		{ MODEL_CLONE_NEWTIME, MODEL_FIELD_TIME_NS_FOR_CHILDREN,
		  offsetof(struct model_task, time_ns_for_children) },
	};
	const uint64_t f = args->flags;
	const bool vm_keeps_time = model_version_ge(prof, 6, 2) &&
				   (f & MODEL_CLONE_VM);
	const bool newpid = f & MODEL_CLONE_NEWPID;
	const char *rule = (f & MODEL_CLONE_NEWNS_ANY) ? "R-21" : "R-20";
	size_t i;

	if (!(parent->valid & MODEL_IN_NS))
		return;

	if (!(f & MODEL_CLONE_NEWNS_ANY) &&
	    (vm_keeps_time || parent->time_ns == parent->time_ns_for_children)) {
		nt_expect(out, "R-20", MODEL_FIELD_NSPROXY, MODEL_OP_EQ,
			  (int64_t)parent->nsproxy);
		nt_expect(out, "R-20", MODEL_FIELD_TIME_NS, MODEL_OP_EQ,
			  (int64_t)parent->time_ns);
	} else {
		nt_expect(out, rule, MODEL_FIELD_NSPROXY, MODEL_OP_NEW,
			  (int64_t)parent->nsproxy);
		if (vm_keeps_time)
			nt_expect(out, rule, MODEL_FIELD_TIME_NS, MODEL_OP_EQ,
				  (int64_t)parent->time_ns);
		else if (f & MODEL_CLONE_NEWTIME)
			nt_expect(out, rule, MODEL_FIELD_TIME_NS, MODEL_OP_NEW,
				  (int64_t)parent->time_ns);
		else
			nt_expect(out, rule, MODEL_FIELD_TIME_NS, MODEL_OP_EQ,
				  (int64_t)parent->time_ns_for_children);
	}
	for (i = 0; i < MODEL_ARRAY_SIZE(members); i++) {
		const uint64_t *pv = (const uint64_t *)
			((const char *)parent + members[i].off);

		nt_same_or_new(out, rule, members[i].field,
			       !(f & members[i].flag), *pv);
	}

	/* kernel/pid.c:alloc_pid(p->nsproxy->pid_ns_for_children, ...) */
	nt_same_or_new(out, rule, MODEL_FIELD_PID_NS_ACTIVE, !newpid,
		       parent->pid_ns_for_children);
	nt_expect(out, rule, MODEL_FIELD_NS_LEVEL, MODEL_OP_EQ,
		  parent->pid_ns_children_level + (newpid ? 1 : 0));
	nt_expect(out, rule, MODEL_FIELD_PID_NS_CHILDREN_LEVEL, MODEL_OP_EQ,
		  parent->pid_ns_children_level + (newpid ? 1 : 0));
	if (newpid)	/* copy_process(): is_child_reaper(pid) */
		nt_expect(out, "R-21", MODEL_FIELD_SIGNAL_FLAGS,
			  MODEL_OP_BITS_SET, MODEL_SIGNAL_UNKILLABLE);
	/*
	 * R-48 (7.1+): fs/namespace.c:copy_mnt_ns() with CLONE_EMPTY_MNTNS
	 * clones only the root mount: mnt_add_to_ns(new_ns, new);
	 * new_ns->nr_mounts++.
	 */
	if (f & MODEL_CLONE_EMPTY_MNTNS)
		nt_expect(out, "R-48", MODEL_FIELD_MNT_NS_NR_MOUNTS, MODEL_OP_EQ, 1);
}

/*
 * Mirrors kernel/pid_namespace.c:create_pid_namespace() (v6.18.35, v7.2.13,
 * v6.12.117, v6.1.176, v5.10.223 alike): `if (!in_userns(parent_pid_ns->
 * user_ns, user_ns)) goto out;` with err -EINVAL, where parent_pid_ns is the
 * caller's pid_ns_for_children (copy_pid_ns()'s old_ns) and user_ns the
 * child's: the caller's, or with NEWUSER a new one whose parent is the
 * caller's.  in_userns() walks user_ns up to parent_pid_ns->user_ns's level:
 * when that owner is the caller's own user ns (BPF compared them at entry,
 * clone3 only: pid_ns_owner_rel's first 2 bits 1, MODEL_IN_PROC), the test
 * passes whether or not NEWUSER is set.  Returns true when the EINVAL may
 * come (the owner not read, or another user ns).
 * Not modelled: an owner that is an ancestor of the caller's user ns (passes)
 * or outside its ancestry (fails): BPF does not tell the two apart.
 */
bool model_pid_ns_owner_may_refuse(const struct model_task *parent)
{
	return !(parent->valid & MODEL_IN_PROC) || (parent->pid_ns_owner_rel & 3) != 1;
}

/*
 * Mirrors kernel/nsproxy.c:copy_namespaces() and create_new_namespaces(),
 * kernel/pid_namespace.c:copy_pid_ns() and create_pid_namespace() (v7.2.13,
 * v6.12.117, v6.1.176, v5.10.223 alike): the failures the snapshot decides.
 * Modelled, in order: no CAP_SYS_ADMIN in the child's user ns -> EPERM
 * (decided from cap_effective without NEWUSER, MODEL_IN_CRED);
 * NEWIPC|SYSVSEM -> EINVAL; then create_new_namespaces() makes mnt, uts,
 * ipc before pid, so with NEWNS/NEWUTS/NEWIPC their per-user ucount limit
 * (ENOSPC) may win over what copy_pid_ns() decides: NEWPID with
 * task_active_pid_ns() != pid_ns_for_children -> EINVAL, or a new level >
 * MAX_PID_NS_LEVEL -> ENOSPC (the owner test before it stays an EINVAL
 * alternative, errata X-4, unless model_pid_ns_owner_may_refuse() rules it
 * out).  Every other namespace failure is an
 * alternative.
 * Not modelled: the ucount values, the owner user ns of the pid ns.
 */
void model_copy_namespaces_check(const struct model_task *parent,
				 const struct model_kargs *args,
				 struct model_fail *fl)
{
	const uint64_t f = args->flags;
	const bool cred = parent->valid & MODEL_IN_CRED;
	const bool ns = parent->valid & MODEL_IN_NS;
	const bool eperm_open = !cred || (f & MODEL_CLONE_NEWUSER) ||
				model_has_sys_admin(parent);

	if (!(f & MODEL_CLONE_NEWNS_ANY))
		return;
	if (!eperm_open) {
		model_fail_set(fl, -MODEL_EPERM, "V-34", MODEL_STEP_NS);
		return;
	}
	model_fail_alt(fl, -MODEL_EPERM, "V-34");
	if ((f & (MODEL_CLONE_NEWIPC | MODEL_CLONE_SYSVSEM)) ==
	    (MODEL_CLONE_NEWIPC | MODEL_CLONE_SYSVSEM)) {
		model_fail_set(fl, -MODEL_EINVAL, "V-34", MODEL_STEP_NS);
		return;
	}
	/* copy_mnt_ns(), copy_utsname(), copy_ipcs(): inc_*_namespaces() */
	if (f & (MODEL_CLONE_NEWNS | MODEL_CLONE_NEWUTS | MODEL_CLONE_NEWIPC))
		model_fail_alt(fl, -MODEL_ENOSPC, "V-34");
	if ((f & MODEL_CLONE_NEWPID) && ns) {
		if (parent->pid_ns_active != parent->pid_ns_for_children) {
			model_fail_set(fl, -MODEL_EINVAL, "V-34", MODEL_STEP_NS);
			return;
		}
		if (parent->pid_ns_children_level + 1 > MODEL_MAX_PID_NS_LEVEL) {
			if (model_pid_ns_owner_may_refuse(parent))
				model_fail_alt(fl, -MODEL_EINVAL, "V-34");
			model_fail_set(fl, -MODEL_ENOSPC, "V-34", MODEL_STEP_NS);
			return;
		}
	}
	model_fail_alt(fl, -MODEL_ENOSPC, "V-34");
}

/*
 * Mirrors include/linux/iocontext.h:copy_io() and block/blk-ioc.c:
 * __copy_io() (v6.18): int __copy_io(u64 clone_flags,
 * struct task_struct *tsk).
 * Modelled: R-11 no io_context in the parent -> none in the child;
 * CLONE_IO shares it; else a new one only if ioprio_valid(ioc->ioprio)
 * (class RT, BE or IDLE), carrying that ioprio, otherwise none.
 * Not modelled: nothing.
 */
static void model_copy_io(const struct model_task *parent,
			  const struct model_kargs *args,
			  struct model_pred *out)
{
	uint32_t class = (parent->ioprio >> MODEL_IOPRIO_CLASS_SHIFT) &
			 MODEL_IOPRIO_CLASS_MASK;

	if (!(parent->valid & MODEL_IN_IO))
		return;
	if (!parent->io_context) {
		nt_expect(out, "R-11", MODEL_FIELD_IO_CONTEXT, MODEL_OP_EQ, 0);
	} else if (args->flags & MODEL_CLONE_IO) {
		nt_expect(out, "R-11", MODEL_FIELD_IO_CONTEXT, MODEL_OP_EQ,
			  (int64_t)parent->io_context);
	} else if (class > 0 && class <= MODEL_IOPRIO_CLASS_IDLE) {
		nt_expect(out, "R-11", MODEL_FIELD_IO_CONTEXT, MODEL_OP_NEW,
			  (int64_t)parent->io_context);
		nt_expect(out, "R-11", MODEL_FIELD_IOPRIO, MODEL_OP_EQ,
			  parent->ioprio);
	} else {
		nt_expect(out, "R-11", MODEL_FIELD_IO_CONTEXT, MODEL_OP_EQ, 0);
	}
}

/*
 * Mirrors ipc/sem.c:copy_semundo() (v6.18): int copy_semundo(u64
 * clone_flags, struct task_struct *tsk).
 * Modelled: R-10 CLONE_SYSVSEM shares the parent's undo list, allocating
 * one for the parent first if it had none (so the child's is non-NULL);
 * otherwise the child's is NULL.
 * Not modelled: the parent's side effect (BPF sees the parent only at
 * entry).
 */
static void model_copy_semundo(const struct model_task *parent,
			       const struct model_kargs *args,
			       struct model_pred *out)
{
	if (!(args->flags & MODEL_CLONE_SYSVSEM))
		nt_expect(out, "R-10", MODEL_FIELD_SYSVSEM_UNDO, MODEL_OP_EQ, 0);
	else if (!(parent->valid & MODEL_IN_SYSVSEM))
		return;
	else if (parent->sysvsem_undo)
		nt_expect(out, "R-10", MODEL_FIELD_SYSVSEM_UNDO, MODEL_OP_EQ,
			  (int64_t)parent->sysvsem_undo);
	else
		nt_expect(out, "R-10", MODEL_FIELD_SYSVSEM_UNDO, MODEL_OP_NEW, 0);
}

/*
 * Mirrors kernel/cgroup/cgroup.c:cgroup_post_fork() (v6.18), before
 * task_newtask: `cgrp_flags = kargs->cgrp->flags` (the CLONE_INTO_CGROUP
 * target) and, for a user task, `if (unlikely(test_bit(CGRP_FREEZE,
 * &cgrp_flags))) child->jobctl |= JOBCTL_TRAP_FREEZE;`: the child starts
 * frozen.  Decided from the target's CGRP_FREEZE that BPF read at
 * syscall entry; without INTO_CGROUP the parent's own cgroup would have to
 * be freezing while it forks (not read: R-40's jobctl 0 is expected).
 * Not modelled: cgroup.freeze written between the entry and the fork,
 * the kill sequence (cgroup.kill racing with the fork: the child is sent
 * SIGKILL after task_newtask).
 */
static bool model_cgroup_freezes(const struct model_task *parent,
				 const struct model_kargs *args)
{
	const uint64_t cg = parent->cg_target;

	return (args->flags & MODEL_CLONE_INTO_CGROUP) && !args->kthread &&
	       (cg & MODEL_CGT_READ) && (cg & MODEL_CGT_FREEZE);
}

/*
 * Mirrors include/linux/ptrace.h:ptrace_init_task() (v6.18), called from
 * copy_process() with (clone_flags & CLONE_PTRACE) || trace.
 * Modelled: R-40 the child is attached iff (CLONE_PTRACE or the event of
 * model_ptrace_event()) and the parent is traced: ptrace = the parent's,
 * parent = the parent's tracer, and a pending SIGSTOP (PTRACE_ATTACH)
 * or JOBCTL_TRAP_STOP (PT_SEIZED); otherwise ptrace = 0, parent =
 * real_parent, jobctl = 0 (not for CLONE_THREAD: task_join_group_stop() may
 * set it) and no pending signal.
 * Not modelled: ptracer_cred, the event report after wake-up.
 */
static void model_ptrace_init_task(const struct model_task *parent,
				   const struct model_kargs *args,
				   struct model_pred *out)
{
	const uint64_t f = args->flags;
	bool attach;

	if (!(parent->valid & MODEL_IN_PTRACE))
		return;
	attach = ((f & MODEL_CLONE_PTRACE) || args->trace) && parent->ptrace;
	if (attach) {
		nt_expect(out, "R-40", MODEL_FIELD_PTRACE, MODEL_OP_EQ,
			  parent->ptrace);
		nt_expect(out, "R-27", MODEL_FIELD_PARENT_PID, MODEL_OP_EQ,
			  parent->parent_pid);
		if (parent->ptrace & MODEL_PT_SEIZED)
			nt_expect(out, "R-40", MODEL_FIELD_JOBCTL,
				  MODEL_OP_BITS_SET, (int64_t)MODEL_JOBCTL_TRAP_STOP);
		else
			nt_expect(out, "R-40", MODEL_FIELD_PENDING, MODEL_OP_EQ,
				  (int64_t)MODEL_SIGMASK(MODEL_SIGSTOP));
		return;
	}
	nt_expect(out, "R-40", MODEL_FIELD_PTRACE, MODEL_OP_EQ, 0);
	nt_expect(out, "R-27", MODEL_FIELD_PARENT_PID, MODEL_OP_EQ,
		  (f & (MODEL_CLONE_THREAD | MODEL_CLONE_PARENT)) ?
		  parent->real_parent_pid : parent->pid);
	if (!(f & MODEL_CLONE_THREAD))
		nt_expect(out, model_cgroup_freezes(parent, args) ? "R-44" : "R-40",
			  MODEL_FIELD_JOBCTL, MODEL_OP_EQ,
			  model_cgroup_freezes(parent, args) ? (int64_t)MODEL_JOBCTL_TRAP_FREEZE : 0);
	nt_expect(out, "R-14", MODEL_FIELD_PENDING, MODEL_OP_EQ, 0);
}

/*
 * Mirrors kernel/fork.c:copy_process() (v6.18; 6.1 for the io_thread
 * branch), the signal state of the child.
 * Modelled: R-14 pdeath_signal = 0; blocked = the parent's (dup), except
 * user workers (6.4+, args->user_worker) and 6.1 io threads, which block
 * everything but SIGKILL and SIGSTOP (siginitsetinv()); the private pending
 * set is checked in model_ptrace_init_task().  R-05 sas_ss_reset() iff
 * CLONE_VM without CLONE_VFORK, else the sigaltstack is inherited.  R-15
 * copy_seccomp(): mode and filter are the parent's.
 * Not modelled: SYSCALL_WORK bits, no_new_privs (not observed).
 */
static void model_copy_signals(const struct model_task *parent,
			       const struct model_kargs *args,
			       struct model_pred *out)
{
	const uint64_t f = args->flags;

	nt_expect(out, "R-14", MODEL_FIELD_PDEATH_SIGNAL, MODEL_OP_EQ, 0);
	if (args->user_worker || args->io_thread)
		nt_expect(out, "R-14", MODEL_FIELD_BLOCKED, MODEL_OP_EQ,
			  (int64_t)~(MODEL_SIGMASK(MODEL_SIGKILL) |
				     MODEL_SIGMASK(MODEL_SIGSTOP)));
	else if (parent->valid & MODEL_IN_SIGNALS)
		nt_expect(out, "R-14", MODEL_FIELD_BLOCKED, MODEL_OP_EQ,
			  (int64_t)parent->blocked);

	if ((f & (MODEL_CLONE_VM | MODEL_CLONE_VFORK)) == MODEL_CLONE_VM) {
		nt_expect(out, "R-05", MODEL_FIELD_SAS_SS_SP, MODEL_OP_EQ, 0);
		nt_expect(out, "R-05", MODEL_FIELD_SAS_SS_SIZE, MODEL_OP_EQ, 0);
		nt_expect(out, "R-05", MODEL_FIELD_SAS_SS_FLAGS, MODEL_OP_EQ,
			  MODEL_SS_DISABLE);
	} else if (parent->valid & MODEL_IN_SIGALT) {
		nt_expect(out, "R-05", MODEL_FIELD_SAS_SS_SP, MODEL_OP_EQ,
			  (int64_t)parent->sas_ss_sp);
		nt_expect(out, "R-05", MODEL_FIELD_SAS_SS_SIZE, MODEL_OP_EQ,
			  (int64_t)parent->sas_ss_size);
		nt_expect(out, "R-05", MODEL_FIELD_SAS_SS_FLAGS, MODEL_OP_EQ,
			  parent->sas_ss_flags);
	}

	if (parent->valid & MODEL_IN_SECCOMP) {
		nt_expect(out, "R-15", MODEL_FIELD_SECCOMP_MODE, MODEL_OP_EQ,
			  parent->seccomp_mode);
		nt_expect(out, "R-15", MODEL_FIELD_SECCOMP_FILTER, MODEL_OP_EQ,
			  (int64_t)parent->seccomp_filter);
	}
}

/*
 * Mirrors kernel/sched/core.c:sched_post_fork() -> uclamp_post_fork() ->
 * uclamp_update_util_min_rt_default() (v5.10.262, v6.1.192, v6.12.118,
 * v6.18.35, v7.2.13; all call sched_post_fork() before trace_task_newtask()
 * in kernel/fork.c:copy_process()) for a child that is rt_task(): its prio
 * is the parent's normal_prio (sched_fork(), no reset-on-fork), below
 * MAX_RT_PRIO.  A util-min the user set (sched_setattr()
 * SCHED_FLAG_UTIL_CLAMP_MIN: uclamp_req[UCLAMP_MIN].user_defined, copied by
 * dup_task_struct()) is kept; otherwise util-min becomes
 * sysctl_sched_uclamp_util_min_rt_default (uclamp_se_set(.., false)).
 * Modelled (S-09): uclamp_min = the parent's (user-defined) or the profile's
 * rt default, read once at the start.
 * Not modelled: a write to kernel.sched_util_clamp_min_rt_default during
 * the run (the value read at the start is used), a parent whose prio or
 * clamps changed between its snapshot and the fork, a sched_setattr() of
 * the child between its attach_pid() and sched_post_fork(); files without
 * user_defined (uclamp_user 0) or a profile without the rt default:
 * uclamp_min is not predicted for RT children.
 */
static void model_uclamp_post_fork(const struct model_profile *prof,
				   const struct model_task *parent,
				   struct model_pred *out)
{
	if (!parent->uclamp_user)		/* not read (older files) */
		return;
	if (parent->uclamp_user == 2)		/* user_defined: kept */
		nt_expect(out, "S-09", MODEL_FIELD_UCLAMP_MIN, MODEL_OP_EQ,
			  parent->uclamp_min);
	else if (prof->uclamp_rt_default)
		nt_expect(out, "S-09", MODEL_FIELD_UCLAMP_MIN, MODEL_OP_EQ,
			  prof->uclamp_rt_default - 1);
}

/*
 * Mirrors kernel/fork.c:copy_process(), copy_signal(), rseq_fork() and
 * kernel/sched/core.c:uclamp_fork() (v6.18): identity, tree and the rest.
 * Modelled: R-06 rseq cleared iff CLONE_VM, else inherited; R-13
 * oom_score_adj(_min) copied (or shared); R-25 self_exec_id copied,
 * parent_exec_id = the parent's parent_exec_id with THREAD/PARENT, else
 * its self_exec_id; R-26 a new signal_struct has is_child_subreaper 0 and
 * has_child_subreaper = real_parent's has || is (decidable when
 * real_parent is the caller; shared with THREAD); R-31 comm copied unless
 * args->name (6.4+ kthreads, vhost); R-30 start_time taken after the
 * caller's snapshot; R-32 the global pid lies in [1, pid_max)
 * set_child_tid / clear_child_tid = child_tid iff CHILD_SETTID /
 * CHILD_CLEARTID; R-28 kernel threads get PF_KTHREAD, usermode-helper
 * children do not; S-03 uclamp requests inherited, reset to (0, 1024)
 * with reset-on-fork (user_defined cleared), else user_defined copied;
 * an RT child's util-min is S-09's (model_uclamp_post_fork()).
 * Not modelled: R-33/R-36 (user memory and inner pid numbers are not
 * observed), R-29 (global counters), R-44 (cgroup.kill race).
 */
static void model_copy_identity(const struct model_profile *prof,
				const struct model_task *parent,
				const struct model_kargs *args,
				struct model_pred *out)
{
	const uint64_t f = args->flags;
	const bool tp = f & (MODEL_CLONE_THREAD | MODEL_CLONE_PARENT);

	if (f & MODEL_CLONE_VM) {
		nt_expect(out, "R-06", MODEL_FIELD_RSEQ, MODEL_OP_EQ, 0);
		nt_expect(out, "R-06", MODEL_FIELD_RSEQ_LEN, MODEL_OP_EQ, 0);
	} else if (parent->valid & MODEL_IN_RSEQ) {
		nt_expect(out, "R-06", MODEL_FIELD_RSEQ, MODEL_OP_EQ,
			  (int64_t)parent->rseq);
		nt_expect(out, "R-06", MODEL_FIELD_RSEQ_LEN, MODEL_OP_EQ,
			  parent->rseq_len);
	}
	if (parent->valid & MODEL_IN_OOM) {
		nt_expect(out, "R-13", MODEL_FIELD_OOM_SCORE_ADJ, MODEL_OP_EQ,
			  parent->oom_score_adj);
		nt_expect(out, "R-13", MODEL_FIELD_OOM_SCORE_ADJ_MIN,
			  MODEL_OP_EQ, parent->oom_score_adj_min);
	}
	if (parent->valid & MODEL_IN_EXEC_ID) {
		nt_expect(out, "R-25", MODEL_FIELD_SELF_EXEC_ID, MODEL_OP_EQ,
			  (int64_t)parent->self_exec_id);
		nt_expect(out, "R-25", MODEL_FIELD_PARENT_EXEC_ID, MODEL_OP_EQ,
			  (int64_t)(tp ? parent->parent_exec_id :
				    parent->self_exec_id));
	}
	if (parent->valid & MODEL_IN_SUBREAPER) {
		if (f & MODEL_CLONE_THREAD) {
			nt_expect(out, "R-26", MODEL_FIELD_HAS_CHILD_SUBREAPER,
				  MODEL_OP_EQ, parent->has_child_subreaper);
			nt_expect(out, "R-26", MODEL_FIELD_IS_CHILD_SUBREAPER,
				  MODEL_OP_EQ, parent->is_child_subreaper);
		} else {
			if (!(f & MODEL_CLONE_PARENT))
				nt_expect(out, "R-26",
					  MODEL_FIELD_HAS_CHILD_SUBREAPER,
					  MODEL_OP_EQ,
					  parent->has_child_subreaper ||
					  parent->is_child_subreaper);
			nt_expect(out, "R-26", MODEL_FIELD_IS_CHILD_SUBREAPER,
				  MODEL_OP_EQ, 0);
		}
	}
	if ((parent->valid & MODEL_IN_COMM) && !args->has_name) {
		nt_expect(out, "R-31", MODEL_FIELD_COMM_LO, MODEL_OP_EQ,
			  (int64_t)parent->comm_lo);
		nt_expect(out, "R-31", MODEL_FIELD_COMM_HI, MODEL_OP_EQ,
			  (int64_t)parent->comm_hi);
	}
	if ((parent->valid & MODEL_IN_TIME) && parent->ts_ns)
		nt_expect(out, "R-30", MODEL_FIELD_START_TIME, MODEL_OP_GE,
			  (int64_t)parent->ts_ns);
	if ((parent->valid & MODEL_IN_PID_MAX) && parent->pid_max > 1) {
		nt_expect(out, "R-32", MODEL_FIELD_PID, MODEL_OP_GE, 1);
		nt_expect(out, "R-32", MODEL_FIELD_PID, MODEL_OP_LE,
			  parent->pid_max - 1);
	}
	nt_expect(out, "R-37", MODEL_FIELD_SET_CHILD_TID, MODEL_OP_EQ,
		  (f & MODEL_CLONE_CHILD_SETTID) ? (int64_t)args->child_tid : 0);
	nt_expect(out, "R-38", MODEL_FIELD_CLEAR_CHILD_TID, MODEL_OP_EQ,
		  (f & MODEL_CLONE_CHILD_CLEARTID) ? (int64_t)args->child_tid : 0);

	if (args->has_fn && !args->io_thread && !args->user_worker)
		nt_expect(out, "R-28", MODEL_FIELD_FLAGS,
			  args->kthread ? MODEL_OP_BITS_SET : MODEL_OP_BITS_CLEAR,
			  MODEL_PF_KTHREAD);

	if (!(parent->valid & MODEL_IN_UCLAMP))
		return;
	if (parent->reset_on_fork) {
		nt_expect(out, "S-03", MODEL_FIELD_UCLAMP_MIN, MODEL_OP_EQ, 0);
		nt_expect(out, "S-03", MODEL_FIELD_UCLAMP_MAX, MODEL_OP_EQ,
			  MODEL_SCHED_CAPACITY_SCALE);
		if (parent->uclamp_user)	/* uclamp_se_set(.., false) */
			nt_expect(out, "S-03", MODEL_FIELD_UCLAMP_USER, MODEL_OP_EQ, 1);
		return;	/* the child is not RT: no S-09 */
	}
	nt_expect(out, "S-03", MODEL_FIELD_UCLAMP_MAX, MODEL_OP_EQ,
		  parent->uclamp_max);
	if (parent->uclamp_user)	/* copied; S-09 never sets it */
		nt_expect(out, "S-03", MODEL_FIELD_UCLAMP_USER, MODEL_OP_EQ,
			  parent->uclamp_user);
	if (parent->normal_prio >= MODEL_MAX_RT_PRIO)	/* not rt_task() */
		nt_expect(out, "S-03", MODEL_FIELD_UCLAMP_MIN, MODEL_OP_EQ,
			  parent->uclamp_min);
	else
		model_uclamp_post_fork(prof, parent, out);
}

/* The rest of the child after copy_process(): see the functions above. */
void model_copy_process_more(const struct model_profile *prof,
			     const struct model_task *parent,
			     const struct model_kargs *args,
			     struct model_pred *out)
{
	model_copy_counters(out);
	model_copy_creds(parent, args, out);
	model_copy_namespaces(prof, parent, args, out);
	model_copy_io(parent, args, out);
	model_copy_semundo(parent, args, out);
	model_copy_signals(parent, args, out);
	model_ptrace_init_task(parent, args, out);
	model_copy_identity(prof, parent, args, out);
}

/*
 * Mirrors kernel/fork.c:copy_process() and kernel_clone() (v6.18), and
 * kernel/kthread.c:set_kthread_struct(): p->vfork_done.
 * Modelled: R-04 copy_process() leaves vfork_done NULL; kernel_clone()
 * points it at its on-stack completion with CLONE_VFORK after
 * sched_process_fork and before wake_up_new_task, so it is NULL at
 * task_newtask and sched_process_fork and non-NULL at sched_wakeup_new iff
 * CLONE_VFORK.  X-11: a kthread's vfork_done points at its kthread's
 * `exited` completion from set_kthread_struct() on (6.1+; 5.10 sets it in
 * kthread() itself, after the wake-up).
 * Not modelled: the wait itself (the parent's sys_exit comes after the
 * child's exec or exit).
 */
void model_kernel_clone_tail(const struct model_profile *prof,
			     const struct model_kargs *args,
			     struct model_pred *out)
{
	static const enum model_stage st[] = {
		MODEL_STAGE_NEWTASK, MODEL_STAGE_FORK, MODEL_STAGE_WAKEUP,
	};
	size_t i;

	for (i = 0; i < MODEL_ARRAY_SIZE(st); i++) {
		if (args->kthread && model_version_ge(prof, 6, 1))
			model_expect_add(out, "X-11", st[i],
					 MODEL_FIELD_VFORK_DONE, MODEL_OP_NE, 0);
		else if (args->kthread && st[i] == MODEL_STAGE_WAKEUP)
			continue;	/* 5.10: set by kthread() when it runs */
		else if (st[i] == MODEL_STAGE_WAKEUP &&
			 (args->flags & MODEL_CLONE_VFORK))
			model_expect_add(out, "R-04", st[i],
					 MODEL_FIELD_VFORK_DONE, MODEL_OP_NE, 0);
		else
			model_expect_add(out, "R-04", st[i],
					 MODEL_FIELD_VFORK_DONE, MODEL_OP_EQ, 0);
	}
}
