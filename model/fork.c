// SPDX-License-Identifier: GPL-2.0
/*
 * fork.c - kernel_clone() and copy_process(): the errno a clone must return
 * or, on success, what the child must look like (R- rules), plus the
 * scheduler's part from sched.c.
 */
#include "model.h"
#include "clone_flags.h"
#include "model_priv.h"

/* Stages a clone that fails before copy_process() ends may emit (A.4). */
#define MODEL_STAGES_FAIL	(MODEL_STAGE_BIT(MODEL_STAGE_SYS_ENTER) | \
				 MODEL_STAGE_BIT(MODEL_STAGE_SYS_EXIT))
#define MODEL_STAGES_CHILD	(MODEL_STAGE_BIT(MODEL_STAGE_NEWTASK) | \
				 MODEL_STAGE_BIT(MODEL_STAGE_FORK) | \
				 MODEL_STAGE_BIT(MODEL_STAGE_WAKEUP) | \
				 MODEL_STAGE_BIT(MODEL_STAGE_CHILD_RET))

/* Profile at least major.minor: picks the E- version branch of a rule. */
bool model_version_ge(const struct model_profile *prof, int major, int minor)
{
	return prof->major > major ||
	       (prof->major == major && prof->minor >= minor);
}

/*
 * Append one expectation (rule, stage, field, op, value) to out->expect[],
 * unless the field belongs to a MODEL_IN_* group the parent snapshot does
 * not carry (out->inputs): then BPF does not read it for the child either.
 */
void model_expect_add(struct model_pred *out, const char *rule,
		      enum model_stage stage, enum model_field field,
		      enum model_op op, int64_t value)
{
	struct model_expect *e;
	uint32_t in = model_field_input(field);

	if (in && !(out->inputs & in))
		return;		/* BPF does not read this group yet */
	if (out->n_expect >= MODEL_MAX_EXPECT)
		return;		/* cannot happen: at most ~150 are emitted */
	e = &out->expect[out->n_expect++];
	e->rule = rule;
	e->stage = stage;
	e->field = field;
	e->op = op;
	e->value = value;
}

/*
 * Append an environmental errno to out->alt[]: once per errno (the first
 * rule that can give it wins), never the predicted errno itself.
 */
void model_alt_add(struct model_pred *out, int err, const char *rule)
{
	size_t i;

	if (err == out->err)
		return;
	for (i = 0; i < out->n_alt; i++)
		if (out->alt[i].err == err)
			return;
	if (out->n_alt >= MODEL_MAX_ALT)
		return;		/* cannot happen: at most 8 distinct errnos */
	out->alt[out->n_alt].err = err;
	out->alt[out->n_alt].rule = rule;
	out->n_alt++;
}

/*
 * Mirrors Debian's kernel/fork.c:copy_process() patch (6.1, 6.12; errata
 * with kernel.unprivileged_userns_clone = 0, CLONE_NEWUSER needs
 * capable(CAP_SYS_ADMIN), i.e. in the init user ns.
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
	if (parent->user_ns_level == 0 &&
	    (parent->cap_effective & (1ULL << MODEL_CAP_SYS_ADMIN)))
		return 0;
	return -MODEL_EPERM;
}

/*
 * Mirrors kernel/fork.c:copy_process() (v6.18; v6.1 for V-16 and V-17's
 * THREAD test), its early flag checks: const u64 clone_flags = args->flags;
 * each check returns ERR_PTR(-EINVAL) before anything is allocated or
 * traced.
 * Modelled: V-10 NEWNS|FS; V-11 NEWUSER|FS; V-18 (Debian sysctl, EPERM,
 * errata X-5); V-12 THREAD without SIGHAND; V-13 SIGHAND without VM; V-14
 * PARENT from a SIGNAL_UNKILLABLE caller; V-15 THREAD with NEWUSER or
 * NEWPID, or (MODEL_IN_NS) with task_active_pid_ns(current) !=
 * nsp->pid_ns_for_children; V-16 (before 6.2, E-12, MODEL_IN_NS) THREAD
 * or VM while nsp->time_ns != nsp->time_ns_for_children; V-17 PIDFD with
 * DETACHED, and before 6.9 (E-11) PIDFD with THREAD; in that order.
 * Not modelled: V-18 without the caller's credentials (an EPERM
 * alternative is added by model_kernel_clone()).
 */
int model_copy_process_checks(const struct model_profile *prof,
			      const struct model_task *parent,
			      const struct model_kargs *args, const char **rule)
{
	const uint64_t f = args->flags;
	const bool ns = parent->valid & MODEL_IN_NS;
	const char *r = NULL;
	int err = -MODEL_EINVAL;

	if ((f & (MODEL_CLONE_NEWNS | MODEL_CLONE_FS)) ==
	    (MODEL_CLONE_NEWNS | MODEL_CLONE_FS))
		r = "V-10";
	else if ((f & (MODEL_CLONE_NEWUSER | MODEL_CLONE_FS)) ==
		 (MODEL_CLONE_NEWUSER | MODEL_CLONE_FS))
		r = "V-11";
	else if (model_userns_sysctl_check(prof, parent, f) < 0) {
		r = "V-18";
		err = -MODEL_EPERM;
	} else if ((f & MODEL_CLONE_THREAD) && !(f & MODEL_CLONE_SIGHAND))
		r = "V-12";
	else if ((f & MODEL_CLONE_SIGHAND) && !(f & MODEL_CLONE_VM))
		r = "V-13";
	else if ((f & MODEL_CLONE_PARENT) &&
		 (parent->signal_flags & MODEL_SIGNAL_UNKILLABLE))
		r = "V-14";
	else if ((f & MODEL_CLONE_THREAD) &&
		 ((f & (MODEL_CLONE_NEWUSER | MODEL_CLONE_NEWPID)) ||
		  (ns && parent->pid_ns_active != parent->pid_ns_for_children)))
		r = "V-15";
	else if (!model_version_ge(prof, 6, 2) && ns &&
		 (f & (MODEL_CLONE_THREAD | MODEL_CLONE_VM)) &&
		 parent->time_ns != parent->time_ns_for_children)
		r = "V-16";
	else if ((f & MODEL_CLONE_PIDFD) &&
		 ((f & MODEL_CLONE_DETACHED) ||
		  (!model_version_ge(prof, 6, 9) && (f & MODEL_CLONE_THREAD))))
		r = "V-17";

	if (rule)
		*rule = r;
	return r ? err : 0;
}

/*
 * Mirrors kernel/fork.c:kernel_clone() (v6.18), its only check before
 * copy_process(): V-05, CLONE_PIDFD with CLONE_PARENT_SETTID and the same
 * user pointer for both -> -EINVAL (always so for legacy clone).
 * Not modelled: nothing else fails here.
 */
static int model_kernel_clone_check(const struct model_kargs *args,
				    const char **rule)
{
	if ((args->flags & MODEL_CLONE_PIDFD) &&
	    (args->flags & MODEL_CLONE_PARENT_SETTID) &&
	    args->pidfd == args->parent_tid) {
		*rule = "V-05";
		return -MODEL_EINVAL;
	}
	return 0;
}

/*
 * The steps of copy_process() after its flag checks, in execution order
 * (A.3): a failure decided at one step allows the environmental failures
 * of every earlier step as alternatives.
 */
enum model_step {
	MODEL_STEP_GATE,	/* V-20 pending signal */
	MODEL_STEP_DUP,		/* V-21 dup_task_struct */
	MODEL_STEP_CREDS,	/* V-22 copy_creds / create_user_ns */
	MODEL_STEP_NPROC,	/* V-23 RLIMIT_NPROC, V-24 threads-max */
	MODEL_STEP_SCHED,	/* V-27 sched_fork */
	MODEL_STEP_RES,		/* V-28..V-33 */
	MODEL_STEP_NS,		/* V-34 copy_namespaces */
	MODEL_STEP_IO,		/* V-35 copy_io */
	MODEL_STEP_THREAD,	/* V-36 copy_thread */
	MODEL_STEP_PID,		/* V-37..V-40 alloc_pid */
	MODEL_STEP_PIDFD,	/* V-41 */
	MODEL_STEP_CGROUP,	/* V-42..V-45 */
	MODEL_STEP_FINAL,	/* V-46, V-47 */
	MODEL_STEP_DONE,	/* copy_process() succeeded */
};

/*
 * Mirrors kernel/fork.c:copy_process() (v6.18), the failures the parent
 * snapshot and the arguments cannot decide, in copy_process()'s order, for
 * every step before @upto.  One entry per errno (the first rule that can
 * give it).
 * Modelled: V-20 ERESTARTNOINTR; V-21 ENOMEM (also V-26, V-28, V-29,
 * V-32, V-33, V-35, V-40, V-45, V-46); V-22 EPERM/ENOSPC with NEWUSER
 * (unless MODEL_IN_CRED lets model_copy_process_decide() rule on the
 * depth); V-23/V-24 EAGAIN (also V-31, V-39, V-43); V-30 EMFILE without
 * CLONE_FILES; V-34 EPERM (unless decided from capabilities), ENOSPC,
 * EINVAL with NEWPID; V-36 EPERM for a TLS the paging mode may refuse;
 * V-37/V-38 EINVAL, EPERM, EEXIST with set_tid; V-41 EMFILE, ENFILE,
 * EFAULT with PIDFD; V-42 EBADF, ENOENT, EACCES, EOPNOTSUPP, EBUSY with
 * INTO_CGROUP; V-47 EINTR.
 * Not modelled: LSM errnos (V-28, V-22's userns_create hook), sched_ext
 * init_task errnos (V-44), x86 32-bit set_thread_area (V-36).
 */
static void model_copy_process_alts(const struct model_profile *prof,
				    const struct model_task *parent,
				    const struct model_kargs *args,
				    enum model_step upto,
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
		if (!cred || (f & MODEL_CLONE_NEWUSER) ||
		    (parent->cap_effective & (1ULL << MODEL_CAP_SYS_ADMIN)))
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

/* A decided failure: errno, rule and the step that returns it. */
struct model_fail {
	int err;		/* negative errno, 0 if none */
	const char *rule;	/* catalogue ID */
	enum model_step step;	/* where copy_process() returns it */
	size_t n_pre;		/* entries in pre[] */
	struct model_alt pre[MODEL_MAX_ALT]; /* the step's own earlier alternatives */
};

/* Note an alternative that precedes a failure decided later in one step. */
static void model_fail_alt(struct model_fail *fl, int err, const char *rule)
{
	if (fl->n_pre >= MODEL_MAX_ALT)
		return;		/* cannot happen: at most 4 per step */
	fl->pre[fl->n_pre].err = err;
	fl->pre[fl->n_pre].rule = rule;
	fl->n_pre++;
}

/* Record the first decided failure only. */
static void model_fail_set(struct model_fail *fl, int err, const char *rule,
			   enum model_step step)
{
	if (fl->err)
		return;
	fl->err = err;
	fl->rule = rule;
	fl->step = step;
}

/*
 * Mirrors kernel/pid.c:alloc_pid() (v6.18), the set_tid checks:
 * struct pid *alloc_pid(struct pid_namespace *ns, pid_t *set_tid,
 * size_t set_tid_size).
 * Modelled: V-37 set_tid_size > ns->level + 1 (MODEL_IN_NS); V-38 per
 * level, innermost first: tid < 1 or tid >= that ns's pid_max (the init
 * ns's when MODEL_IN_PID_MAX, global before 6.14; a new 6.14+ pid ns has
 * PID_MAX_LIMIT, errata X-8; PID_MAX_LIMIT bounds every ns), tid != 1 in a
 * brand-new pid ns (no child_reaper); each passed level adds its EPERM
 * (capability in the owner ns) and EEXIST as alternatives for the later
 * levels.
 * Not modelled: pid_max of a nested existing ns, the owner ns's
 * capabilities, which numbers are in use.
 */
static void model_alloc_pid_check(const struct model_profile *prof,
				  const struct model_task *parent,
				  const struct model_syscall *sc,
				  const struct model_kargs *args,
				  struct model_fail *fl)
{
	const bool newpid = args->flags & MODEL_CLONE_NEWPID;
	const bool per_ns = model_version_ge(prof, 6, 14);
	int64_t level = -1;
	uint64_t i;

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
	for (i = 0; i < args->set_tid_size && i < MODEL_MAX_PID_NS_LEVEL; i++) {
		int32_t tid = sc->set_tid_vals[i];
		int64_t max = MODEL_PID_MAX_LIMIT;
		bool at_init = level >= 0 && (uint64_t)level == i;

		if ((parent->valid & MODEL_IN_PID_MAX) && parent->pid_max &&
		    (!per_ns || at_init))
			max = parent->pid_max;
		if (tid < 1 || tid >= max ||
		    (i == 0 && newpid && tid != 1)) {
			model_fail_set(fl, -MODEL_EINVAL, "V-38", MODEL_STEP_PID);
			return;
		}
		model_fail_alt(fl, -MODEL_EPERM, "V-38");
		model_fail_alt(fl, -MODEL_EEXIST, "V-38");
		model_fail_alt(fl, -MODEL_EAGAIN, "V-39");
	}
}

/*
 * Mirrors kernel/fork.c:copy_process() (v6.18) and the callees that can
 * fail for a reason the parent snapshot decides, in execution order.
 * Modelled: V-22 create_user_ns() level > 32 -> ENOSPC (MODEL_IN_CRED);
 * V-27 sched_fork(); V-34 kernel/nsproxy.c:copy_namespaces(): no
 * CAP_SYS_ADMIN in the child's user ns -> EPERM (without NEWUSER, from
 * cap_effective), NEWIPC|SYSVSEM -> EINVAL, kernel/pid_namespace.c:
 * copy_pid_ns() active ns != pid_ns_for_children -> EINVAL, then
 * create_pid_namespace() level > MAX_PID_NS_LEVEL -> ENOSPC (the owner
 * test before it stays an EINVAL alternative, errata X-4); V-36
 * arch/x86/kernel/process.c:set_new_tls() -> do_arch_prctl_64(ARCH_SET_FS)
 * tls >= TASK_SIZE_MAX -> EPERM (x86_64 user clones only; arm64 has no
 * check, errata X-9); V-37/V-38 (model_alloc_pid_check()).
 * Each step's own alternatives that precede the decided failure go to
 * fl->pre[] (added after the earlier steps' by model_kernel_clone()).
 * Not modelled: everything needing other tasks' state (counts, limits).
 */
static void model_copy_process_decide(const struct model_profile *prof,
				      const struct model_task *parent,
				      const struct model_syscall *sc,
				      const struct model_kargs *args,
				      struct model_fail *fl)
{
	const uint64_t f = args->flags;
	const bool cred = parent->valid & MODEL_IN_CRED;
	const bool ns = parent->valid & MODEL_IN_NS;
	const char *rule = NULL;

	if ((f & MODEL_CLONE_NEWUSER) && cred && parent->user_ns_level > 32) {
		model_fail_set(fl, -MODEL_ENOSPC, "V-22", MODEL_STEP_CREDS);
		return;
	}
	if (model_sched_fork_check(parent, &rule)) {
		model_fail_set(fl, -MODEL_EAGAIN, rule, MODEL_STEP_SCHED);
		return;
	}
	if (f & MODEL_CLONE_NEWNS_ANY) {
		if (!(f & MODEL_CLONE_NEWUSER) && cred &&
		    !(parent->cap_effective & (1ULL << MODEL_CAP_SYS_ADMIN))) {
			model_fail_set(fl, -MODEL_EPERM, "V-34", MODEL_STEP_NS);
			return;
		}
		if ((f & (MODEL_CLONE_NEWIPC | MODEL_CLONE_SYSVSEM)) ==
		    (MODEL_CLONE_NEWIPC | MODEL_CLONE_SYSVSEM)) {
			if (!cred || (f & MODEL_CLONE_NEWUSER) ||
			    (parent->cap_effective & (1ULL << MODEL_CAP_SYS_ADMIN)))
				model_fail_alt(fl, -MODEL_EPERM, "V-34");
			model_fail_set(fl, -MODEL_EINVAL, "V-34", MODEL_STEP_NS);
			return;
		}
		if ((f & MODEL_CLONE_NEWPID) && ns) {
			if (parent->pid_ns_active != parent->pid_ns_for_children) {
				model_fail_set(fl, -MODEL_EINVAL, "V-34",
					       MODEL_STEP_NS);
				return;
			}
			if (parent->pid_ns_children_level + 1 >
			    MODEL_MAX_PID_NS_LEVEL) {
				if (!cred || (f & MODEL_CLONE_NEWUSER) ||
				    (parent->cap_effective &
				     (1ULL << MODEL_CAP_SYS_ADMIN)))
					model_fail_alt(fl, -MODEL_EPERM, "V-34");
				model_fail_alt(fl, -MODEL_ENOSPC, "V-34");
				model_fail_alt(fl, -MODEL_EINVAL, "V-34");
				model_fail_set(fl, -MODEL_ENOSPC, "V-34",
					       MODEL_STEP_NS);
				return;
			}
		}
	}
	if (prof->arch == MODEL_ARCH_X86_64 && !args->has_fn &&
	    (f & MODEL_CLONE_SETTLS)) {
		uint64_t limit = prof->task_size_max ? prof->task_size_max :
				 MODEL_X86_TASK_SIZE_MAX_5L;

		if (args->tls >= limit) {
			model_fail_set(fl, -MODEL_EPERM, "V-36", MODEL_STEP_THREAD);
			return;
		}
	}
	if (f & MODEL_CLONE_NEWNS_ANY) {
		if (!cred || (f & MODEL_CLONE_NEWUSER) ||
		    (parent->cap_effective & (1ULL << MODEL_CAP_SYS_ADMIN)))
			model_fail_alt(fl, -MODEL_EPERM, "V-34");
		model_fail_alt(fl, -MODEL_ENOSPC, "V-34");
	}
	model_alloc_pid_check(prof, parent, sc, args, fl);
}

/*
 * Mirrors kernel/fork.c:copy_process() (v6.18), the fields of the child the
 * R- rules fix, as seen at task_newtask (end of copy_process()).
 * Modelled: mm (copy_mm), R-08 files (copy_files, no_files),
 * R-09 fs (copy_fs), R-12 sighand (copy_sighand), R-13 signal
 * (copy_signal), R-24 tgid, R-25 real_parent and exit_signal, R-41
 * task->flags (incl. the kernel creators' KTHREAD/IO_WORKER/USER_WORKER),
 * R-42 nr_cpus_allowed and cpus_mask.
 * Not modelled here: the rest of the child (copy.c, thread.c, sched.c);
 * CLONE_INTO_CGROUP's cpuset masks (R-42 is then skipped).
 */
static void model_copy_process(const struct model_profile *prof,
			       const struct model_task *parent,
			       const struct model_kargs *args,
			       struct model_pred *out)
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

	/* affinity copied by dup_task_struct(); cpuset_fork() keeps it. */
	if (!(f & MODEL_CLONE_INTO_CGROUP)) {
		model_expect_add(out, "R-42", nt, MODEL_FIELD_NR_CPUS_ALLOWED,
				 MODEL_OP_EQ, parent->nr_cpus_allowed);
		model_expect_add(out, "R-42", nt, MODEL_FIELD_CPUS_MASK,
				 MODEL_OP_EQ, (int64_t)parent->cpus_mask);
	}
}

/* Fill *out as a failure that must come back as @err (A.4). */
static void model_pred_fail(struct model_pred *out, int err, const char *rule)
{
	out->err = err;
	out->err_rule = rule;
	out->stages_required = MODEL_STAGES_FAIL;
	out->stages_forbidden = MODEL_STAGES_CHILD;
	out->stages_rule = "A.4";
}

/* True for the kernel-internal creators (no syscall around them). */
static bool model_entry_is_kernel(enum model_entry e)
{
	return e == MODEL_ENTRY_KTHREAD || e == MODEL_ENTRY_IO_WORKER ||
	       e == MODEL_ENTRY_USER_WORKER || e == MODEL_ENTRY_UMH;
}

/*
 * Mirrors kernel/fork.c:kernel_clone() (v6.18), the ptrace event it
 * passes to copy_process() as @trace: 0 with CLONE_UNTRACED, else
 * VFORK, CLONE (exit signal != SIGCHLD) or FORK, kept only if the caller's
 * tracer enabled it (ptrace_event_enabled(): current->ptrace &
 * PT_EVENT_FLAG(event)).  Also 0 for create_io_thread() and
 * vhost_task_create(), which call copy_process() directly.
 * Not modelled: nothing (needs MODEL_IN_PTRACE, else 0).
 */
static int model_ptrace_event(const struct model_task *parent,
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
 * Mirrors kernel/fork.c:kernel_clone() and copy_process() (v6.18):
 * pid_t kernel_clone(struct kernel_clone_args *args), and for the kernel
 * entries create_io_thread()/vhost_task_create() -> copy_process().
 * Modelled: the entry point (V-01..V-04, kernel creators), V-05,
 * copy_process()'s flag checks (V-10..V-18), the failures the snapshot
 * decides (model_copy_process_decide()), the environmental failures as
 * alternatives; on success the child's fields (R-, S-, X- rules, in
 * model_copy_process(), copy.c, thread.c, sched.c), the stages (O-02..O-06:
 * no sched_process_fork for io/vhost workers, no syscall stages for
 * kernel creators), the parent's return value (R-34, only from the init
 * pid ns, where pid_vnr() is the global pid even with CLONE_NEWPID) and
 * the child's own return of 0 (R-35, O-06; x86_64 only, errata X-12).
 * Not modelled: the PARENT_SETTID and CHILD_SETTID writes in user memory
 * BPF does not read them), the return value seen from a
 * nested pid namespace, the ptrace event report (after wake-up).
 */
/*
 * Mirrors kernel/fork.c:copy_process() (v6.18): `const u64 clone_flags =
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
 * Mirrors kernel/fork.c:kernel_clone() (v6.18) between copy_process() and
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

static void model_order_add(struct model_pred *out, const char *rule,
			    enum model_stage before, enum model_stage after)
{
	if (out->n_order < MODEL_MAX_ORDER)
		out->order[out->n_order++] = (struct model_order){ rule, before, after };
}

/*
 * Mirrors kernel/fork.c:kernel_clone() and copy_process() (v6.18): the order
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

void model_kernel_clone(const struct model_profile *prof,
			const struct model_task *parent,
			const struct model_syscall *sc,
			struct model_pred *out)
{
	const bool kernel = model_entry_is_kernel(sc->entry);
	struct model_fail fl = { 0 };
	const char *rule = NULL;
	int err;

	*out = (struct model_pred){ 0 };
	out->inputs = parent->valid;

	err = model_sys_entry(prof, sc, &out->kargs, &rule);
	if (!err)
		err = model_kernel_clone_check(&out->kargs, &rule);
	if (!err)
		err = model_copy_process_checks(prof, parent, &out->kargs, &rule);
	if (err) {
		model_pred_fail(out, err, rule);
		/*
		 * V-18 sits after V-11 and before V-12..V-17: when it
		 * is undecided, its EPERM may win over their EINVAL.  rule
		 * is "V-12".."V-17" exactly when rule[3] is '2'..'7'.
		 */
		if (rule && rule[0] == 'V' && rule[2] == '1' &&
		    rule[3] >= '2' && rule[3] <= '7' &&
		    model_userns_sysctl_check(prof, parent, out->kargs.flags) > 0)
			model_alt_add(out, -MODEL_EPERM, "V-18");
		return;
	}
	if (model_userns_sysctl_check(prof, parent, out->kargs.flags) > 0)
		model_alt_add(out, -MODEL_EPERM, "V-18");
	if (sc->entry != MODEL_ENTRY_IO_WORKER &&
	    sc->entry != MODEL_ENTRY_USER_WORKER)
		out->kargs.trace = model_ptrace_event(parent, &out->kargs);

	model_copy_process_decide(prof, parent, sc, &out->kargs, &fl);
	if (fl.err) {
		size_t i;

		model_pred_fail(out, fl.err, fl.rule);
		model_copy_process_alts(prof, parent, &out->kargs, fl.step, out);
		for (i = 0; i < fl.n_pre; i++)
			model_alt_add(out, fl.pre[i].err, fl.pre[i].rule);
		return;
	}

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
		if (prof->arch == MODEL_ARCH_X86_64)
			out->stages_required |=
				MODEL_STAGE_BIT(MODEL_STAGE_CHILD_RET);
	}
	model_copy_process_alts(prof, parent, &out->kargs, MODEL_STEP_DONE, out);

	model_copy_process(prof, parent, &out->kargs, out);
	model_copy_process_more(prof, parent, &out->kargs, out);
	model_copy_thread(prof, parent, &out->kargs, out);
	model_sched_fork(prof, parent, out);
	model_wake_up_new_task(prof, parent, &out->kargs, out);
	model_kernel_clone_tail(prof, &out->kargs, out);
	model_kernel_clone_order(prof, &out->kargs, kernel, out);
	model_entry_flags(sc->entry, &out->kargs, out);
	if (kernel)
		return;

	model_stable_fields(out);
	/* O-05: the calling thread itself returns; O-06: and so does the child. */
	model_expect_add(out, "O-05", MODEL_STAGE_SYS_EXIT, MODEL_FIELD_PID, MODEL_OP_EQ,
			 parent->pid);
	if (prof->arch == MODEL_ARCH_X86_64)
		model_expect_add(out, "O-06", MODEL_STAGE_CHILD_RET, MODEL_FIELD_PID,
				 MODEL_OP_EQ_CHILD_PID, 0);
	/* pid_vnr() in the parent's active pid ns. */
	if (parent->ns_level == 0)
		model_expect_add(out, "R-34", MODEL_STAGE_SYS_EXIT,
				 MODEL_FIELD_RET, MODEL_OP_EQ_CHILD_PID, 0);
	/* R-35 / O-06: the child returns 0 from the same syscall. */
	if (prof->arch == MODEL_ARCH_X86_64)
		model_expect_add(out, "R-35", MODEL_STAGE_CHILD_RET,
				 MODEL_FIELD_RET, MODEL_OP_EQ, 0);
}
