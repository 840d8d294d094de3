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

/* Append one expectation (rule, stage, field, op, value) to out->expect[]. */
void model_expect_add(struct model_pred *out, const char *rule,
		      enum model_stage stage, enum model_field field,
		      enum model_op op, int64_t value)
{
	struct model_expect *e;

	if (out->n_expect >= MODEL_MAX_EXPECT)
		return;		/* cannot happen: at most ~40 are emitted */
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
 * Mirrors kernel/fork.c:copy_process() (v6.18), its early flag checks:
 * const u64 clone_flags = args->flags; each check returns ERR_PTR(-EINVAL)
 * before anything is allocated or traced.
 * Modelled: V-10 NEWNS|FS; V-11 NEWUSER|FS; V-12 THREAD without SIGHAND;
 * V-13 SIGHAND without VM; V-14 PARENT from a SIGNAL_UNKILLABLE caller;
 * V-15 THREAD with NEWUSER or NEWPID; V-17 PIDFD with DETACHED, and before
 * 6.9 (E-11) PIDFD with THREAD; in that order.
 * Not modelled: V-15's "active pid ns != pid_ns_for_children" and V-16's
 * time-namespace test (6.1) - the parent snapshot has no namespace
 * identities; V-18 (Debian's unprivileged_userns_clone sysctl, errata X-5).
 */
int model_copy_process_checks(const struct model_profile *prof,
			      const struct model_task *parent,
			      const struct model_kargs *args, const char **rule)
{
	const uint64_t f = args->flags;
	const char *r = NULL;

	if ((f & (MODEL_CLONE_NEWNS | MODEL_CLONE_FS)) ==
	    (MODEL_CLONE_NEWNS | MODEL_CLONE_FS))
		r = "V-10";
	else if ((f & (MODEL_CLONE_NEWUSER | MODEL_CLONE_FS)) ==
		 (MODEL_CLONE_NEWUSER | MODEL_CLONE_FS))
		r = "V-11";
	else if ((f & MODEL_CLONE_THREAD) && !(f & MODEL_CLONE_SIGHAND))
		r = "V-12";
	else if ((f & MODEL_CLONE_SIGHAND) && !(f & MODEL_CLONE_VM))
		r = "V-13";
	else if ((f & MODEL_CLONE_PARENT) &&
		 (parent->signal_flags & MODEL_SIGNAL_UNKILLABLE))
		r = "V-14";
	else if ((f & MODEL_CLONE_THREAD) &&
		 (f & (MODEL_CLONE_NEWUSER | MODEL_CLONE_NEWPID)))
		r = "V-15";
	else if ((f & MODEL_CLONE_PIDFD) &&
		 ((f & MODEL_CLONE_DETACHED) ||
		  (!model_version_ge(prof, 6, 9) && (f & MODEL_CLONE_THREAD))))
		r = "V-17";

	if (rule)
		*rule = r;
	return r ? -MODEL_EINVAL : 0;
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

/* How far copy_process() got when the deciding check ran. */
enum model_alt_upto {
	MODEL_ALT_SCHED_FORK,	/* failures before sched_fork() (V-27) */
	MODEL_ALT_NS_PERM,	/* ... and copy_namespaces()' EPERM (V-34.1) */
	MODEL_ALT_ALL,		/* every failure up to the end */
};

/*
 * Mirrors kernel/fork.c:copy_process() (v6.18), the failures the parent
 * snapshot and the arguments cannot decide, in copy_process()'s order.
 * Modelled: V-20 ERESTARTNOINTR (pending signal); V-21 ENOMEM (also V-26,
 * V-28..V-33, V-40); V-22 EPERM/ENOSPC with NEWUSER (create_user_ns);
 * V-23 EAGAIN (also V-24 threads-max, V-31, V-39 pid exhaustion, V-43 pids
 * cgroup); V-34 EPERM and ENOSPC with a CLONE_NEW* namespace flag, EINVAL
 * with NEWPID (pid_ns_for_children differs from the active ns, or owner
 * rule X-4); V-38 EINVAL/EPERM/EEXIST with set_tid; V-41 EMFILE with PIDFD.
 * @upto stops at the check that decided a predicted error.  One entry per
 * errno (the first rule that can give it).
 * Not modelled: LSM errnos (V-28), x86 SETTLS EPERM (V-36), pidfd write
 * EFAULT and ENFILE (V-41), cgroup errors with INTO_CGROUP (V-42),
 * sched_ext (V-44), EINTR (V-47).
 */
static void model_copy_process_alts(const struct model_kargs *args,
				    enum model_alt_upto upto,
				    struct model_pred *out)
{
	const uint64_t f = args->flags;

	model_alt_add(out, -MODEL_ERESTARTNOINTR, "V-20");
	model_alt_add(out, -MODEL_ENOMEM, "V-21");
	if (f & MODEL_CLONE_NEWUSER) {
		model_alt_add(out, -MODEL_EPERM, "V-22");
		model_alt_add(out, -MODEL_ENOSPC, "V-22");
	}
	model_alt_add(out, -MODEL_EAGAIN, "V-23");
	if (upto == MODEL_ALT_SCHED_FORK)
		return;

	if (f & MODEL_CLONE_NEWNS_ANY)
		model_alt_add(out, -MODEL_EPERM, "V-34");
	if (upto == MODEL_ALT_NS_PERM)
		return;
	if (f & MODEL_CLONE_NEWNS_ANY)
		model_alt_add(out, -MODEL_ENOSPC, "V-34");
	if (f & MODEL_CLONE_NEWPID)
		model_alt_add(out, -MODEL_EINVAL, "V-34");
	if (args->set_tid_size > 0) {
		model_alt_add(out, -MODEL_EINVAL, "V-38");
		model_alt_add(out, -MODEL_EPERM, "V-38");
		model_alt_add(out, -MODEL_EEXIST, "V-38");
	}
	if (f & MODEL_CLONE_PIDFD)
		model_alt_add(out, -MODEL_EMFILE, "V-41");
}

/*
 * Mirrors kernel/fork.c:copy_process() (v6.18), the fields of the child the
 * R- rules fix, as seen at task_newtask (end of copy_process()).
 * Modelled: mm (copy_mm), R-08 files (copy_files), R-09 fs
 * (copy_fs), R-12 sighand (copy_sighand), R-13 signal (copy_signal), R-24
 * tgid, R-25 real_parent and exit_signal, R-41 task->flags, R-42
 * nr_cpus_allowed and cpus_mask.
 * Not modelled: creds, namespaces, io, sysvsem, ptrace, pid numbers,
 * comm, timestamps, CLONE_INTO_CGROUP's cpuset masks (R-42 is then skipped).
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

	/* copy_files() keeps a NULL files as NULL. */
	if (parent->files == 0)
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
	 * &= ~PF_KTHREAD, |= PF_USER_WORKER / PF_IO_WORKER only for kernel
	 * callers (never for a syscall), &= ~(SUPERPRIV|WQ_WORKER|IDLE|
	 * NO_SETAFFINITY), |= FORKNOEXEC.  IO_WORKER and USER_WORKER are never
	 * cleared: they are inherited.  5.10 neither clears KTHREAD nor
	 * NO_SETAFFINITY (inherited there).
	 */
	pf_set = MODEL_PF_FORKNOEXEC;
	pf_clear = MODEL_PF_SUPERPRIV | MODEL_PF_WQ_WORKER | MODEL_PF_IDLE;
	pf_inherit = MODEL_PF_IO_WORKER | MODEL_PF_USER_WORKER;
	if (model_version_ge(prof, 6, 1))
		pf_clear |= MODEL_PF_KTHREAD | MODEL_PF_NO_SETAFFINITY;
	else
		pf_inherit |= MODEL_PF_KTHREAD | MODEL_PF_NO_SETAFFINITY;
	pf_set |= parent->flags & pf_inherit;
	pf_clear |= ~parent->flags & pf_inherit;
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

/*
 * Mirrors kernel/fork.c:kernel_clone() and copy_process() (v6.18):
 * pid_t kernel_clone(struct kernel_clone_args *args).
 * Modelled: the entry point (V-01..V-04), V-05, copy_process()'s flag
 * checks (V-10..V-17), V-27 in sched_fork(), V-34's NEWIPC|SYSVSEM (EPERM
 * unprivileged, EINVAL privileged: never success); the environmental
 * failures as alternatives; on success the child's fields (R-, S- rules),
 * the parent's return value (R-34, only from the init pid ns, where
 * pid_vnr() is the global pid even with CLONE_NEWPID) and the child's own
 * return of 0 (R-35, O-06; x86_64 only, errata X-12).
 * Not modelled: ptrace, vfork completion, PARENT_SETTID and
 * CHILD_SETTID writes, the return value seen from a nested
 * pid namespace.
 */
void model_kernel_clone(const struct model_profile *prof,
			const struct model_task *parent,
			const struct model_syscall *sc,
			struct model_pred *out)
{
	const char *rule = NULL;
	uint64_t f;
	int err;

	*out = (struct model_pred){ 0 };

	err = model_sys_entry(prof, sc, &out->kargs, &rule);
	if (!err)
		err = model_kernel_clone_check(&out->kargs, &rule);
	if (!err)
		err = model_copy_process_checks(prof, parent, &out->kargs, &rule);
	if (err) {
		model_pred_fail(out, err, rule);
		return;
	}

	err = model_sched_fork_check(parent, &rule);
	if (err) {
		model_pred_fail(out, err, rule);
		model_copy_process_alts(&out->kargs, MODEL_ALT_SCHED_FORK, out);
		return;
	}

	f = out->kargs.flags;
	if ((f & (MODEL_CLONE_NEWIPC | MODEL_CLONE_SYSVSEM)) ==
	    (MODEL_CLONE_NEWIPC | MODEL_CLONE_SYSVSEM)) {
		/* kernel/nsproxy.c:copy_namespaces(): EPERM before EINVAL. */
		model_pred_fail(out, -MODEL_EINVAL, "V-34");
		model_copy_process_alts(&out->kargs, MODEL_ALT_NS_PERM, out);
		return;
	}

	out->stages_required = MODEL_STAGE_BIT(MODEL_STAGE_SYS_ENTER) |
			       MODEL_STAGE_BIT(MODEL_STAGE_NEWTASK) |
			       MODEL_STAGE_BIT(MODEL_STAGE_FORK) |
			       MODEL_STAGE_BIT(MODEL_STAGE_WAKEUP) |
			       MODEL_STAGE_BIT(MODEL_STAGE_SYS_EXIT);
	if (prof->arch == MODEL_ARCH_X86_64)
		out->stages_required |= MODEL_STAGE_BIT(MODEL_STAGE_CHILD_RET);
	model_copy_process_alts(&out->kargs, MODEL_ALT_ALL, out);

	model_copy_process(prof, parent, &out->kargs, out);
	model_sched_fork(prof, parent, out);
	model_wake_up_new_task(prof, parent, &out->kargs, out);

	/* pid_vnr() in the parent's active pid ns. */
	if (parent->ns_level == 0)
		model_expect_add(out, "R-34", MODEL_STAGE_SYS_EXIT,
				 MODEL_FIELD_RET, MODEL_OP_EQ_CHILD_PID, 0);
	/* R-35 / O-06: the child returns 0 from the same syscall. */
	if (prof->arch == MODEL_ARCH_X86_64)
		model_expect_add(out, "R-35", MODEL_STAGE_CHILD_RET,
				 MODEL_FIELD_RET, MODEL_OP_EQ, 0);
}
