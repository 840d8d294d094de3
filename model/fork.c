// SPDX-License-Identifier: GPL-2.0
/*
 * fork.c - kernel/fork.c: kernel_clone()'s own checks, copy_process()'s
 * flag checks and the failures it decides from the parent's credentials
 * and pid namespace, the environmental failures it allows, and the child's
 * shared resources, tree and flags (R- rules).  A stage file: it depends on
 * pred.h, model.h and clone_flags.h only.
 */
#include "model.h"
#include "clone_flags.h"
#include "pred.h"
#include "stages.h"

/*
 * Mirrors kernel/fork.c:kernel_clone() (v7.2.13; v6.12.117 and v5.10.223
 * for what 7.x added), its checks before copy_process():
 * pid_t kernel_clone(struct kernel_clone_args *args).
 * Modelled: 7.1+ (E-26) CLONE_EMPTY_MNTNS adds CLONE_NEWNS to args->flags
 * first; V-05 CLONE_PIDFD with CLONE_PARENT_SETTID and the same user
 * pointer for both -> -EINVAL (always so for legacy clone); 7.1+
 * !valid_signal(args->exit_signal) -> -EINVAL (mainline 09e7827e7857
 * "kernel/fork: validate exit_signal in kernel_clone()", which also drops
 * clone3's own _NSIG test: the legacy clone exit signals 65..255 that
 * older kernels store as they are (V-03) are refused, under V-03 for
 * clone() and V-04 for clone3()).
 * Not modelled: the 6.12 stable backport of that change proposed in June
 * 2026 (Debian's 6.12.117 does not carry it: model_kernel_clone() gives
 * 6.12 the old behaviour).
 */
int model_kernel_clone_check(const struct model_profile *prof,
			     const struct model_syscall *sc,
			     struct model_kargs *args, const char **rule)
{
	if (args->flags & MODEL_CLONE_EMPTY_MNTNS)
		args->flags |= MODEL_CLONE_NEWNS;
	if ((args->flags & MODEL_CLONE_PIDFD) &&
	    (args->flags & MODEL_CLONE_PARENT_SETTID) &&
	    args->pidfd == args->parent_tid) {
		*rule = "V-05";
		return -MODEL_EINVAL;
	}
	if (model_version_ge(prof, 7, 1) &&
	    (uint32_t)args->exit_signal > MODEL_NSIG) {
		*rule = sc->entry == MODEL_ENTRY_CLONE3 ? "V-04" :
			sc->entry == MODEL_ENTRY_CLONE ? "V-03" : "R-28";
		return -MODEL_EINVAL;
	}
	return 0;
}

/*
 * Mirrors Debian's kernel/fork.c:copy_process() patch (5.10, 6.1, 6.12,
 * 7.2: `if ((clone_flags & CLONE_NEWUSER) && !unprivileged_userns_clone)
 * if (!capable(CAP_SYS_ADMIN)) return ERR_PTR(-EPERM);`, errata X-5):
 * with kernel.unprivileged_userns_clone = 0, CLONE_NEWUSER needs
 * CAP_SYS_ADMIN in the init user ns.
 * Modelled: decided from cap_effective and the user ns level
 * (MODEL_IN_CRED); returns 1 when undecided (no credentials).
 * Not modelled: LSM denials of the capability.
 */
static int model_userns_sysctl_check(const struct model_profile *prof,
				     const struct model_task *parent,
				     uint64_t f)
{
	if (!(f & MODEL_CLONE_NEWUSER) || prof->userns_sysctl != MODEL_CFG_N)
		return 0;
	if (!(parent->valid & MODEL_IN_CRED))
		return 1;
	if (parent->user_ns_level == 0 && model_has_sys_admin(parent))
		return 0;
	return -MODEL_EPERM;
}

/*
 * Mirrors kernel/fork.c:copy_process() (v7.2.13; v6.1.176 for V-16 and
 * V-17's THREAD test), its flag checks: const u64 clone_flags =
 * args->flags; each returns ERR_PTR(-EINVAL) (V-18, V-51's capability:
 * -EPERM) before anything is allocated or traced.
 * Modelled, in this order: V-10 NEWNS|FS; V-11 NEWUSER|FS; V-18 (Debian
 * sysctl, errata X-5); V-12 THREAD without SIGHAND; V-13 SIGHAND without
 * VM; V-14 PARENT from a SIGNAL_UNKILLABLE caller; V-15 THREAD with
 * NEWUSER or NEWPID, or (MODEL_IN_NS) task_active_pid_ns(current) !=
 * nsp->pid_ns_for_children; V-16 (before 6.2, E-12, MODEL_IN_NS) THREAD or
 * VM while nsp->time_ns != nsp->time_ns_for_children; V-17 PIDFD with
 * DETACHED, and before 6.9 (E-11) PIDFD with THREAD; then the 7.1+ checks
 * (E.7): V-48 AUTOREAP with THREAD, PARENT or an exit signal; V-49 PARENT
 * while current->signal->autoreap (MODEL_IN_AUTOREAP); V-50 NNP with
 * THREAD; V-51 PIDFD_AUTOKILL without PIDFD, without AUTOREAP or with
 * THREAD, then without NNP and without ns_capable(current_user_ns(),
 * CAP_SYS_ADMIN) -> -EPERM (MODEL_IN_CRED).  A check the snapshot cannot
 * decide (V-18 and V-51's EPERM without credentials, V-49 without the
 * autoreap bit) adds its errno to fl->pre[] and the checks go on.
 * Not modelled: LSM denials of the capabilities.
 */
void model_copy_process_flag_checks(const struct model_profile *prof,
				    const struct model_task *parent,
				    const struct model_kargs *args,
				    struct model_fail *fl)
{
	const uint64_t f = args->flags;
	const bool ns = parent->valid & MODEL_IN_NS;
	const bool cred = parent->valid & MODEL_IN_CRED;
	const int einval = -MODEL_EINVAL;
	int sysctl = model_userns_sysctl_check(prof, parent, f);

#define FAIL(r, e) do { model_fail_set(fl, (e), (r), MODEL_STEP_GATE); return; } while (0)
	if ((f & (MODEL_CLONE_NEWNS | MODEL_CLONE_FS)) ==
	    (MODEL_CLONE_NEWNS | MODEL_CLONE_FS))
		FAIL("V-10", einval);
	if ((f & (MODEL_CLONE_NEWUSER | MODEL_CLONE_FS)) ==
	    (MODEL_CLONE_NEWUSER | MODEL_CLONE_FS))
		FAIL("V-11", einval);
	if (sysctl < 0)
		FAIL("V-18", -MODEL_EPERM);
	if (sysctl > 0)
		model_fail_alt(fl, -MODEL_EPERM, "V-18");
	if ((f & MODEL_CLONE_THREAD) && !(f & MODEL_CLONE_SIGHAND))
		FAIL("V-12", einval);
	if ((f & MODEL_CLONE_SIGHAND) && !(f & MODEL_CLONE_VM))
		FAIL("V-13", einval);
	if ((f & MODEL_CLONE_PARENT) &&
	    (parent->signal_flags & MODEL_SIGNAL_UNKILLABLE))
		FAIL("V-14", einval);
	if ((f & MODEL_CLONE_THREAD) &&
	    ((f & (MODEL_CLONE_NEWUSER | MODEL_CLONE_NEWPID)) ||
	     (ns && parent->pid_ns_active != parent->pid_ns_for_children)))
		FAIL("V-15", einval);
	if (!model_version_ge(prof, 6, 2) && ns &&
	    (f & (MODEL_CLONE_THREAD | MODEL_CLONE_VM)) &&
	    parent->time_ns != parent->time_ns_for_children)
		FAIL("V-16", einval);
	if ((f & MODEL_CLONE_PIDFD) &&
	    ((f & MODEL_CLONE_DETACHED) ||
	     (!model_version_ge(prof, 6, 9) && (f & MODEL_CLONE_THREAD))))
		FAIL("V-17", einval);
	if ((f & MODEL_CLONE_AUTOREAP) &&
	    ((f & (MODEL_CLONE_THREAD | MODEL_CLONE_PARENT)) || args->exit_signal))
		FAIL("V-48", einval);
	if ((f & MODEL_CLONE_PARENT) && model_version_ge(prof, 7, 1)) {
		if (!(parent->valid & MODEL_IN_AUTOREAP))
			model_fail_alt(fl, einval, "V-49");
		else if (parent->autoreap)
			FAIL("V-49", einval);
	}
	if ((f & MODEL_CLONE_NNP) && (f & MODEL_CLONE_THREAD))
		FAIL("V-50", einval);
	if (f & MODEL_CLONE_PIDFD_AUTOKILL) {
		if (!(f & MODEL_CLONE_PIDFD) || !(f & MODEL_CLONE_AUTOREAP) ||
		    (f & MODEL_CLONE_THREAD))
			FAIL("V-51", einval);
		if (!(f & MODEL_CLONE_NNP)) {
			if (!cred)
				model_fail_alt(fl, -MODEL_EPERM, "V-51");
			else if (!model_has_sys_admin(parent))
				FAIL("V-51", -MODEL_EPERM);
		}
	}
#undef FAIL
}

/* The decided part of model_copy_process_flag_checks(); 0 or -errno. */
int model_copy_process_checks(const struct model_profile *prof,
			      const struct model_task *parent,
			      const struct model_kargs *args, const char **rule)
{
	struct model_fail fl = { 0 };

	model_copy_process_flag_checks(prof, parent, args, &fl);
	if (rule)
		*rule = fl.rule;
	return fl.err;
}

/*
 * Mirrors kernel/fork.c:copy_process() (v7.2.13 and v6.1.176; v5.10.223
 * where noted) with kernel/user_namespace.c:create_user_ns(): the creds
 * step.  Modelled: V-22 with NEWUSER, `if (parent_ns->level > 32)` ->
 * -ENOSPC (MODEL_IN_CRED).  5.10 tests RLIMIT_NPROC before copy_creds()
 * (`if (atomic_read(&p->real_cred->user->processes) >= task_rlimit(p,
 * RLIMIT_NPROC))`, E-20), so there V-23's EAGAIN may come first; 6.1 and
 * 7.2 test it after copy_creds() through the ucounts (mainline 5.14
 * "Reimplement RLIMIT_NPROC on top of ucounts" [unv: version]).
 * Not modelled: the ucount limit (ENOSPC), chroot and mapping EPERMs, the
 * LSM hook (alternatives, model_copy_process_alts()).
 */
void model_copy_creds_check(const struct model_profile *prof,
			    const struct model_task *parent,
			    const struct model_kargs *args, struct model_fail *fl)
{
	if (!(args->flags & MODEL_CLONE_NEWUSER) ||
	    !(parent->valid & MODEL_IN_CRED) || parent->user_ns_level <= 32)
		return;
	if (!model_version_ge(prof, 5, 14))
		model_fail_alt(fl, -MODEL_EAGAIN, "V-23");
	model_fail_set(fl, -MODEL_ENOSPC, "V-22", MODEL_STEP_CREDS);
}

/*
 * Does the pid namespace at set_tid index @i (0 = the child's own) have a
 * child_reaper?  1 yes, 0 no, -1 unknown.  The child's ns is brand new
 * with NEWPID; the parent's pid_ns_for_children (index 0, or 1 with
 * NEWPID) has one iff MODEL_IN_PID_REAPER says so (none after
 * unshare(CLONE_NEWPID) until its first child); its ancestors hold the
 * parent and its init.
 */
static int model_pid_ns_reaper(const struct model_task *parent, bool newpid,
			       uint64_t i)
{
	if (newpid && i == 0)
		return 0;
	if (i != (newpid ? 1u : 0u))
		return 1;
	if (!(parent->valid & MODEL_IN_PID_REAPER))
		return -1;
	return parent->pid_ns_children_reaper != 0;
}

/* The reaper test of one level: decided EINVAL, or an EINVAL alternative. */
static bool model_pid_reaper_fails(const struct model_task *parent, bool newpid,
				   uint64_t i, int32_t tid, struct model_fail *fl)
{
	int reaper = model_pid_ns_reaper(parent, newpid, i);

	if (tid == 1 || reaper == 1)
		return false;
	if (reaper < 0) {
		model_fail_alt(fl, -MODEL_EINVAL, "V-38");
		return false;
	}
	model_fail_set(fl, -MODEL_EINVAL, "V-38", MODEL_STEP_PID);
	return true;
}

/*
 * Mirrors kernel/pid.c:alloc_pid() (v6.12.117, v6.1.176, v5.10.223 and
 * v7.2.13): struct pid *alloc_pid(struct pid_namespace *ns, pid_t *set_tid,
 * size_t set_tid_size).
 * Modelled: V-37 set_tid_size > ns->level + 1 (MODEL_IN_NS); V-38 per
 * level, innermost first: tid < 1 or tid >= that ns's pid_max (the init
 * ns's when MODEL_IN_PID_MAX, global before 6.14; a new 6.14+ pid ns has
 * PID_MAX_LIMIT, errata X-8; PID_MAX_LIMIT bounds every ns) -> EINVAL;
 * tid != 1 in a pid ns without a child_reaper -> EINVAL, for any such ns
 * (a new one with NEWPID, or the parent's pid_ns_for_children after
 * unshare(CLONE_NEWPID): MODEL_IN_PID_REAPER; unknown: an EINVAL
 * alternative); the capability in the owner ns (EPERM) and a used number
 * (EEXIST, V-39 EAGAIN) stay alternatives.  The order differs: up to 6.18
 * (6.12.117: `if (tid != 1 && !tmp->child_reaper)` right after the range)
 * each level does range, reaper, capability, allocation in turn; 7.2.13
 * checks range and capability for every level first, then allocates level
 * by level and tests the reaper after each allocation (`if
 * (!READ_ONCE(tmp->child_reaper) && nr != 1)`), so EPERM and inner EEXISTs
 * may precede a reaper EINVAL (mainline 6.19 [unv: version]).
 * Not modelled: pid_max of a nested existing ns, the owner ns's
 * capabilities, which numbers are in use.
 */
void model_alloc_pid_check(const struct model_profile *prof,
			   const struct model_task *parent,
			   const struct model_syscall *sc,
			   const struct model_kargs *args, struct model_fail *fl)
{
	const bool newpid = args->flags & MODEL_CLONE_NEWPID;
	const bool per_ns = model_version_ge(prof, 6, 14);
	const bool alloc_then_reaper = model_version_ge(prof, 6, 19);
	int64_t level = -1;
	uint64_t i, n;

	if (args->set_tid_size == 0)
		return;
	if (parent->valid & MODEL_IN_NS) {
		level = (int64_t)parent->pid_ns_children_level + (newpid ? 1 : 0);
		if (args->set_tid_size > (uint64_t)level + 1) {
			model_fail_set(fl, -MODEL_EINVAL, "V-37", MODEL_STEP_PID);
			return;
		}
	} else {
		model_fail_alt(fl, -MODEL_EINVAL, "V-37");
	}
	if (!sc->set_tid_known || sc->entry != MODEL_ENTRY_CLONE3)
		return;
	n = args->set_tid_size < MODEL_MAX_PID_NS_LEVEL ? args->set_tid_size :
	    MODEL_MAX_PID_NS_LEVEL;
	for (i = 0; i < n; i++) {
		int32_t tid = sc->set_tid_vals[i];
		int64_t max = MODEL_PID_MAX_LIMIT;
		bool at_init = level >= 0 && (uint64_t)level == i;

		if ((parent->valid & MODEL_IN_PID_MAX) && parent->pid_max &&
		    (!per_ns || at_init))
			max = parent->pid_max;
		if (tid < 1 || tid >= max) {
			model_fail_set(fl, -MODEL_EINVAL, "V-38", MODEL_STEP_PID);
			return;
		}
		if (!alloc_then_reaper &&
		    model_pid_reaper_fails(parent, newpid, i, tid, fl))
			return;
		model_fail_alt(fl, -MODEL_EPERM, "V-38");
		if (!alloc_then_reaper) {
			model_fail_alt(fl, -MODEL_EEXIST, "V-38");
			model_fail_alt(fl, -MODEL_EAGAIN, "V-39");
		}
	}
	for (i = 0; alloc_then_reaper && i < n; i++) {
		model_fail_alt(fl, -MODEL_EEXIST, "V-38");
		model_fail_alt(fl, -MODEL_EAGAIN, "V-39");
		if (model_pid_reaper_fails(parent, newpid, i, sc->set_tid_vals[i], fl))
			return;
	}
}

/*
 * Mirrors kernel/fork.c:copy_process() (v7.2.13), the failures the parent
 * snapshot and the arguments cannot decide, in copy_process()'s order, for
 * every step before @upto.  One entry per errno (the first rule that can
 * give it).
 * Modelled: V-20 ERESTARTNOINTR; V-21 ENOMEM (also V-26, V-28, V-29,
 * V-32, V-33, V-35, V-40, V-45, V-46); V-22 EPERM/ENOSPC with NEWUSER
 * (unless MODEL_IN_CRED lets model_copy_creds_check() rule on the depth);
 * V-23/V-24 EAGAIN (also V-31, V-39, V-43); V-30 EMFILE without
 * CLONE_FILES; V-34 EPERM (unless decided from capabilities), ENOSPC,
 * EINVAL with NEWPID; V-36 EPERM for a TLS the paging mode may refuse;
 * V-37/V-38 EINVAL, EPERM, EEXIST with set_tid; V-41 EMFILE, ENFILE,
 * EFAULT with PIDFD; V-42 EBADF, ENOENT, EACCES, EOPNOTSUPP, EBUSY with
 * INTO_CGROUP; V-47 EINTR.
 * Not modelled: LSM errnos (V-28, V-22's userns_create hook), sched_ext
 * init_task errnos (V-44), x86 32-bit set_thread_area (V-36).
 */
void model_copy_process_alts(const struct model_profile *prof,
			     const struct model_task *parent,
			     const struct model_kargs *args, enum model_step upto,
			     struct model_pred *out)
{
	const uint64_t f = args->flags;
	const bool cred = parent->valid & MODEL_IN_CRED;

	if (upto > MODEL_STEP_GATE)
		model_alt_add(out, -MODEL_ERESTARTNOINTR, "V-20");
	if (upto > MODEL_STEP_DUP)
		model_alt_add(out, -MODEL_ENOMEM, "V-21");
	if (upto > MODEL_STEP_CREDS && (f & MODEL_CLONE_NEWUSER)) {
		model_alt_add(out, -MODEL_EPERM, "V-22");
		model_alt_add(out, -MODEL_ENOSPC, "V-22");
	}
	if (upto > MODEL_STEP_NPROC)
		model_alt_add(out, -MODEL_EAGAIN, "V-23");
	if (upto > MODEL_STEP_RES && !(f & MODEL_CLONE_FILES) && parent->files &&
	    !args->no_files)
		model_alt_add(out, -MODEL_EMFILE, "V-30");
	if (upto > MODEL_STEP_NS && (f & MODEL_CLONE_NEWNS_ANY)) {
		/* Decided EPERM never reaches here; NEWUSER: LSM only. */
		if (!cred || (f & MODEL_CLONE_NEWUSER) || model_has_sys_admin(parent))
			model_alt_add(out, -MODEL_EPERM, "V-34");
		model_alt_add(out, -MODEL_ENOSPC, "V-34");
		if (f & MODEL_CLONE_NEWPID)
			model_alt_add(out, -MODEL_EINVAL, "V-34");
	}
	if (upto > MODEL_STEP_THREAD && prof->arch == MODEL_ARCH_X86_64 &&
	    !args->has_fn && (f & MODEL_CLONE_SETTLS) && !prof->task_size_max &&
	    args->tls >= MODEL_X86_TASK_SIZE_MAX_4L)
		model_alt_add(out, -MODEL_EPERM, "V-36");
	if (upto > MODEL_STEP_PID && args->set_tid_size > 0) {
		model_alt_add(out, -MODEL_EINVAL, "V-37");
		model_alt_add(out, -MODEL_EPERM, "V-38");
		model_alt_add(out, -MODEL_EEXIST, "V-38");
	}
	if (upto > MODEL_STEP_PIDFD && (f & MODEL_CLONE_PIDFD)) {
		model_alt_add(out, -MODEL_EMFILE, "V-41");
		model_alt_add(out, -MODEL_ENFILE, "V-41");
		model_alt_add(out, -MODEL_EFAULT, "V-41");
	}
	if (upto > MODEL_STEP_CGROUP && (f & MODEL_CLONE_INTO_CGROUP)) {
		model_alt_add(out, -MODEL_EBADF, "V-42");
		model_alt_add(out, -MODEL_ENOENT, "V-42");
		model_alt_add(out, -MODEL_EACCES, "V-42");
		model_alt_add(out, -MODEL_EOPNOTSUPP, "V-42");
		model_alt_add(out, -MODEL_EBUSY, "V-42");
	}
	if (upto > MODEL_STEP_FINAL)
		model_alt_add(out, -MODEL_EINTR, "V-47");
}

/*
 * Mirrors kernel/fork.c:kernel_clone() (v7.2.13), the ptrace event it
 * passes to copy_process() as @trace: 0 with CLONE_UNTRACED, else
 * VFORK, CLONE (exit signal != SIGCHLD) or FORK, kept only if the caller's
 * tracer enabled it (ptrace_event_enabled(): current->ptrace &
 * PT_EVENT_FLAG(event)).  create_io_thread() and vhost_task_create() call
 * copy_process() with 0 (model_kernel_clone() does not ask).
 * Not modelled: nothing (needs MODEL_IN_PTRACE, else 0).
 */
int model_ptrace_event(const struct model_task *parent,
		       const struct model_kargs *args)
{
	int trace;

	if ((args->flags & MODEL_CLONE_UNTRACED) ||
	    !(parent->valid & MODEL_IN_PTRACE))
		return 0;
	if (args->flags & MODEL_CLONE_VFORK)
		trace = MODEL_PTRACE_EVENT_VFORK;
	else if (args->exit_signal != MODEL_SIGCHLD)
		trace = MODEL_PTRACE_EVENT_CLONE;
	else
		trace = MODEL_PTRACE_EVENT_FORK;
	return (parent->ptrace & MODEL_PT_EVENT_FLAG(trace)) ? trace : 0;
}

/*
 * Mirrors kernel/fork.c:copy_process() (v7.2.13; 6.1.176 and 5.10.223
 * where noted), the fields of the child the R- rules fix, as seen at
 * task_newtask (end of copy_process()).
 * Modelled: mm (copy_mm), R-08 files (copy_files, no_files),
 * R-09 fs (copy_fs), R-12 sighand (copy_sighand), R-13 signal
 * (copy_signal), R-24 tgid, R-25 real_parent and exit_signal, R-41
 * task->flags (incl. the kernel creators' KTHREAD/IO_WORKER/USER_WORKER),
 * R-42 nr_cpus_allowed and cpus_mask; no_new_privs; 7.1+ R-46
 * signal->autoreap and R-47 the pidfd's PIDFD_AUTOKILL.
 * Not modelled here: the rest of the child (copy.c, thread.c, sched.c);
 * CLONE_INTO_CGROUP's cpuset masks (R-42 is then skipped).
 */
void model_copy_process(const struct model_profile *prof,
			const struct model_task *parent,
			const struct model_kargs *args, struct model_pred *out)
{
	const uint64_t f = args->flags;
	const enum model_stage nt = MODEL_STAGE_NEWTASK;
	uint32_t pf_clear, pf_inherit, pf_set;

	/* a parent without mm (kernel thread) gives a child without. */
	if (parent->mm == 0)
		model_expect_add(out, "R-01", nt, MODEL_FIELD_MM, MODEL_OP_EQ, 0);
	else
		model_expect_add(out, "R-02", nt, MODEL_FIELD_MM,
				 (f & MODEL_CLONE_VM) ? MODEL_OP_EQ : MODEL_OP_NEW,
				 (int64_t)parent->mm);

	/* copy_files() keeps a NULL files as NULL; no_files (6.4+). */
	if (parent->files == 0 || args->no_files)
		model_expect_add(out, "R-08", nt, MODEL_FIELD_FILES,
				 MODEL_OP_EQ, 0);
	else
		model_expect_add(out, "R-08", nt, MODEL_FIELD_FILES,
				 (f & MODEL_CLONE_FILES) ? MODEL_OP_EQ : MODEL_OP_NEW,
				 (int64_t)parent->files);
	model_expect_add(out, "R-09", nt, MODEL_FIELD_FS,
			 (f & MODEL_CLONE_FS) ? MODEL_OP_EQ : MODEL_OP_NEW,
			 (int64_t)parent->fs);
	model_expect_add(out, "R-12", nt, MODEL_FIELD_SIGHAND,
			 (f & MODEL_CLONE_SIGHAND) ? MODEL_OP_EQ : MODEL_OP_NEW,
			 (int64_t)parent->sighand);
	model_expect_add(out, "R-13", nt, MODEL_FIELD_SIGNAL,
			 (f & MODEL_CLONE_THREAD) ? MODEL_OP_EQ : MODEL_OP_NEW,
			 (int64_t)parent->signal);

	/* tgid */
	if (f & MODEL_CLONE_THREAD)
		model_expect_add(out, "R-24", nt, MODEL_FIELD_TGID, MODEL_OP_EQ,
				 parent->tgid);
	else
		model_expect_add(out, "R-24", nt, MODEL_FIELD_TGID,
				 MODEL_OP_EQ_CHILD_PID, 0);

	/* real_parent and exit_signal, set under tasklist_lock. */
	if (f & (MODEL_CLONE_THREAD | MODEL_CLONE_PARENT))
		model_expect_add(out, "R-25", nt, MODEL_FIELD_REAL_PARENT_PID,
				 MODEL_OP_EQ, parent->real_parent_pid);
	else
		model_expect_add(out, "R-25", nt, MODEL_FIELD_REAL_PARENT_PID,
				 MODEL_OP_EQ, parent->pid);
	if (f & MODEL_CLONE_THREAD)
		model_expect_add(out, "R-25", nt, MODEL_FIELD_EXIT_SIGNAL,
				 MODEL_OP_EQ, -1);
	else if (f & MODEL_CLONE_PARENT)
		model_expect_add(out, "R-25", nt, MODEL_FIELD_EXIT_SIGNAL,
				 MODEL_OP_EQ, parent->group_exit_signal);
	else
		model_expect_add(out, "R-25", nt, MODEL_FIELD_EXIT_SIGNAL,
				 MODEL_OP_EQ, args->exit_signal);

	/*
	 * p->flags = current->flags at dup time, then (6.18)
	 * &= ~PF_KTHREAD, |= PF_KTHREAD iff args->kthread, |= PF_USER_WORKER
	 * iff args->user_worker, |= PF_IO_WORKER iff args->io_thread,
	 * &= ~(SUPERPRIV|WQ_WORKER|IDLE|NO_SETAFFINITY), |= FORKNOEXEC.
	 * IO_WORKER, USER_WORKER and NPROC_EXCEEDED are never cleared: they are
	 * inherited (NPROC_EXCEEDED is cleared in the parent only).  5.10
	 * neither clears KTHREAD nor NO_SETAFFINITY (inherited there).
	 */
	pf_set = MODEL_PF_FORKNOEXEC;
	pf_clear = MODEL_PF_SUPERPRIV | MODEL_PF_WQ_WORKER | MODEL_PF_IDLE;
	pf_inherit = MODEL_PF_IO_WORKER | MODEL_PF_USER_WORKER |
		     MODEL_PF_NPROC_EXCEEDED;
	if (model_version_ge(prof, 6, 1)) {
		pf_clear |= MODEL_PF_KTHREAD | MODEL_PF_NO_SETAFFINITY;
		if (args->kthread) {
			pf_clear &= ~MODEL_PF_KTHREAD;
			pf_set |= MODEL_PF_KTHREAD;
		}
	} else {
		pf_inherit |= MODEL_PF_KTHREAD | MODEL_PF_NO_SETAFFINITY;
	}
	if (args->io_thread)
		pf_set |= MODEL_PF_IO_WORKER;
	if (args->user_worker)
		pf_set |= MODEL_PF_USER_WORKER;
	pf_set |= parent->flags & pf_inherit;
	pf_clear |= ~parent->flags & pf_inherit & ~pf_set;
	model_expect_add(out, "R-41", nt, MODEL_FIELD_FLAGS, MODEL_OP_BITS_SET,
			 pf_set);
	model_expect_add(out, "R-41", nt, MODEL_FIELD_FLAGS,
			 MODEL_OP_BITS_CLEAR, pf_clear);

	/*
	 * copy_seccomp() sets no_new_privs when current has it,
	 * then (7.1+) `if (clone_flags & CLONE_NNP) task_set_no_new_privs(p);`
	 * past the last failure point; the parent's is unchanged.
	 */
	if (parent->valid & MODEL_IN_NNP)
		model_expect_add(out, (f & MODEL_CLONE_NNP) ? "R-45" : "R-15", nt,
				 MODEL_FIELD_NO_NEW_PRIVS, MODEL_OP_EQ,
				 parent->no_new_privs || (f & MODEL_CLONE_NNP));
	/*
	 * R-46 (7.1+): a new signal_struct gets `p->signal->autoreap = 1` iff
	 * CLONE_AUTOREAP (under tasklist_lock); a thread shares its parent's.
	 */
	if (model_version_ge(prof, 7, 1)) {
		if (!(f & MODEL_CLONE_THREAD))
			model_expect_add(out, "R-46", nt, MODEL_FIELD_AUTOREAP, MODEL_OP_EQ,
					 (f & MODEL_CLONE_AUTOREAP) ? 1 : 0);
		else if (parent->valid & MODEL_IN_AUTOREAP)
			model_expect_add(out, "R-46", nt, MODEL_FIELD_AUTOREAP, MODEL_OP_EQ,
					 parent->autoreap);
	}
	/*
	 * R-47 (7.1+): pidfd_prepare(pid, flags, &pidfile) with `flags |=
	 * PIDFD_AUTOKILL` iff CLONE_PIDFD_AUTOKILL; the file is installed in
	 * the caller's table before task_newtask.
	 */
	if (model_version_ge(prof, 7, 1) && (f & MODEL_CLONE_PIDFD))
		model_expect_add(out, "R-47", nt, MODEL_FIELD_PIDFD_F_FLAGS,
				 (f & MODEL_CLONE_PIDFD_AUTOKILL) ? MODEL_OP_BITS_SET :
				 MODEL_OP_BITS_CLEAR, MODEL_PIDFD_AUTOKILL);

	/* affinity copied by dup_task_struct(); cpuset_fork() keeps it. */
	if (!(f & MODEL_CLONE_INTO_CGROUP)) {
		model_expect_add(out, "R-42", nt, MODEL_FIELD_NR_CPUS_ALLOWED,
				 MODEL_OP_EQ, parent->nr_cpus_allowed);
		model_expect_add(out, "R-42", nt, MODEL_FIELD_CPUS_MASK,
				 MODEL_OP_EQ, (int64_t)parent->cpus_mask);
	}
}

/*
 * Mirrors kernel/fork.c:copy_process() (v7.2.13): `const u64 clone_flags =
 * args->flags;` ... trace_task_newtask(p, clone_flags).  The flags
 * task_newtask reports are those the entry point built (V-01..V-04: the
 * exit-signal byte split off for legacy clone, VFORK|VM for vfork, 0 for
 * fork; R-28: kernel_thread() adds VM|UNTRACED), never changed on the way.
 * Not modelled: io_uring and vhost workers (their flags are fixed and
 * already checked through the resources they share).
 */
static void model_entry_flags(enum model_entry entry, const struct model_kargs *args,
			      struct model_pred *out)
{
	static const char *const rule[] = {
		[MODEL_ENTRY_FORK] = "V-01", [MODEL_ENTRY_VFORK] = "V-02",
		[MODEL_ENTRY_CLONE] = "V-03", [MODEL_ENTRY_CLONE3] = "V-04",
		[MODEL_ENTRY_KTHREAD] = "R-28",
	};

	if ((unsigned int)entry >= sizeof(rule) / sizeof(rule[0]) || !rule[entry])
		return;
	model_expect_add(out, rule[entry], MODEL_STAGE_NEWTASK, MODEL_FIELD_CLONE_FLAGS,
			 MODEL_OP_EQ, (int64_t)args->flags);
}

/*
 * Mirrors kernel/fork.c:kernel_clone() (v7.2.13) between copy_process() and
 * wake_up_new_task(): trace_sched_process_fork(), the PARENT_SETTID store,
 * vfork_done, lru_gen_add_mm() -- none touches the child's mm, files, fs,
 * sighand, signal or tgid, and the child has not run yet.  So every
 * expectation on those fields at task_newtask holds at sched_process_fork
 * and sched_wakeup_new too, under the same rule.
 * Not modelled: real_parent, exit_signal, policy, prios and the cpu mask,
 * which another task may change in the meantime (reparenting on its
 * parent's exit, sched_setscheduler, sched_setaffinity).
 */
static void model_stable_fields(struct model_pred *out)
{
	static const enum model_field stable[] = {
		MODEL_FIELD_MM, MODEL_FIELD_FILES, MODEL_FIELD_FS,
		MODEL_FIELD_SIGHAND, MODEL_FIELD_SIGNAL, MODEL_FIELD_TGID,
	};
	const size_t n = out->n_expect;

	for (size_t i = 0; i < n; i++) {
		const struct model_expect e = out->expect[i];

		if (e.stage != MODEL_STAGE_NEWTASK)
			continue;
		for (size_t f = 0; f < sizeof(stable) / sizeof(stable[0]); f++) {
			if (e.field != stable[f])
				continue;
			model_expect_add(out, e.rule, MODEL_STAGE_FORK, e.field, e.op, e.value);
			model_expect_add(out, e.rule, MODEL_STAGE_WAKEUP, e.field, e.op, e.value);
		}
	}
}

/*
 * Mirrors kernel/fork.c:kernel_clone() and copy_process() (v7.2.13): the order
 * of the observation points of one successful clone (catalogue D.1).
 * Modelled: in the creating thread, syscall entry -> task_newtask (end of
 * copy_process) -> sched_process_fork (kernel_clone, right after) ->
 * sched_wakeup_new (wake_up_new_task) -> syscall exit, one after the other;
 * the child's own syscall exit comes after its wake-up (it cannot run
 * before).  R-04: with CLONE_VFORK, kernel_clone() waits in
 * wait_for_vfork_done() until the child execs or exits, which is after its
 * first return to user space, so the parent's syscall exit comes after the
 * child's.  Not modelled: the relative order of the parent's exit and the
 * child's first run without VFORK (not deterministic, D.1).
 */
static void model_kernel_clone_order(const struct model_profile *prof,
				     const struct model_kargs *args, bool kernel,
				     struct model_pred *out)
{
	const bool child_ret = prof->arch == MODEL_ARCH_X86_64;	/* */

	if (!kernel) {
		model_order_add(out, "D.1", MODEL_STAGE_SYS_ENTER, MODEL_STAGE_NEWTASK);
		model_order_add(out, "D.1", MODEL_STAGE_WAKEUP, MODEL_STAGE_SYS_EXIT);
	}
	if (!kernel || (out->stages_required & MODEL_STAGE_BIT(MODEL_STAGE_FORK))) {
		model_order_add(out, "D.1", MODEL_STAGE_NEWTASK, MODEL_STAGE_FORK);
		model_order_add(out, "D.1", MODEL_STAGE_FORK, MODEL_STAGE_WAKEUP);
	} else {
		model_order_add(out, "D.1", MODEL_STAGE_NEWTASK, MODEL_STAGE_WAKEUP);
	}
	if (kernel || !child_ret)
		return;
	model_order_add(out, "D.1", MODEL_STAGE_WAKEUP, MODEL_STAGE_CHILD_RET);
	if (args->flags & MODEL_CLONE_VFORK)
		model_order_add(out, "R-04", MODEL_STAGE_CHILD_RET, MODEL_STAGE_SYS_EXIT);
}

/*
 * Mirrors kernel/fork.c:kernel_clone() (v7.2.13) after copy_process()
 * succeeded, and for the kernel entries create_io_thread(),
 * vhost_task_create() and kernel_thread(): which observation points must
 * fire (O-02..O-06: no sched_process_fork for io/vhost workers, no
 * syscall stages for kernel creators), in which order (D.1, R-04), the
 * flags task_newtask reports (V-01..V-04, R-28), the fields that stay put
 * until the wake-up, the parent's return value (R-34, only from the init
 * pid ns, where pid_vnr() is the global pid even with CLONE_NEWPID) and
 * the child's own return of 0 (R-35, O-06; x86_64 only, errata X-12).
 * Not modelled: the PARENT_SETTID and CHILD_SETTID writes in user memory
 * BPF does not read them), the return value seen from a
 * nested pid namespace, the ptrace event report (after wake-up).
 */
void model_kernel_clone_done(const struct model_profile *prof,
			     const struct model_task *parent,
			     const struct model_syscall *sc,
			     const struct model_kargs *args, struct model_pred *out)
{
	const bool kernel = sc->entry == MODEL_ENTRY_KTHREAD ||
			    sc->entry == MODEL_ENTRY_IO_WORKER ||
			    sc->entry == MODEL_ENTRY_USER_WORKER ||
			    sc->entry == MODEL_ENTRY_UMH;
	const bool x86 = prof->arch == MODEL_ARCH_X86_64;

	if (kernel) {
		out->stages_required = MODEL_STAGE_BIT(MODEL_STAGE_NEWTASK) |
				       MODEL_STAGE_BIT(MODEL_STAGE_WAKEUP);
		out->stages_forbidden = MODEL_STAGE_BIT(MODEL_STAGE_SYS_ENTER) |
					MODEL_STAGE_BIT(MODEL_STAGE_SYS_EXIT);
		out->stages_rule = "O-03";
		if (sc->entry == MODEL_ENTRY_IO_WORKER ||
		    sc->entry == MODEL_ENTRY_USER_WORKER)
			out->stages_forbidden |= MODEL_STAGE_BIT(MODEL_STAGE_FORK);
		else
			out->stages_required |= MODEL_STAGE_BIT(MODEL_STAGE_FORK);
	} else {
		out->stages_required = MODEL_STAGE_BIT(MODEL_STAGE_SYS_ENTER) |
				       MODEL_STAGE_BIT(MODEL_STAGE_NEWTASK) |
				       MODEL_STAGE_BIT(MODEL_STAGE_FORK) |
				       MODEL_STAGE_BIT(MODEL_STAGE_WAKEUP) |
				       MODEL_STAGE_BIT(MODEL_STAGE_SYS_EXIT);
		if (x86)
			out->stages_required |= MODEL_STAGE_BIT(MODEL_STAGE_CHILD_RET);
	}
	model_kernel_clone_order(prof, args, kernel, out);
	model_entry_flags(sc->entry, args, out);
	if (kernel)
		return;

	model_stable_fields(out);
	/* O-05: the calling thread itself returns; O-06: and so does the child. */
	model_expect_add(out, "O-05", MODEL_STAGE_SYS_EXIT, MODEL_FIELD_PID, MODEL_OP_EQ,
			 parent->pid);
	if (x86)
		model_expect_add(out, "O-06", MODEL_STAGE_CHILD_RET, MODEL_FIELD_PID,
				 MODEL_OP_EQ_CHILD_PID, 0);
	/* pid_vnr() in the parent's active pid ns. */
	if (parent->ns_level == 0)
		model_expect_add(out, "R-34", MODEL_STAGE_SYS_EXIT,
				 MODEL_FIELD_RET, MODEL_OP_EQ_CHILD_PID, 0);
	/* R-35 / O-06: the child returns 0 from the same syscall. */
	if (x86)
		model_expect_add(out, "R-35", MODEL_STAGE_CHILD_RET,
				 MODEL_FIELD_RET, MODEL_OP_EQ, 0);
}
