// SPDX-License-Identifier: GPL-2.0
/*
 * clone.c - the driver: model_kernel_clone() runs the stage files in the
 * order kernel_clone() reaches them (syscall.c, fork.c, sched.c, copy.c,
 * thread.c) and puts their answers together.  It is the only file that
 * calls into more than one stage; no stage calls it back.
 */
#include <stddef.h>
#include <string.h>

#include "model.h"
#include "clone_flags.h"
#include "pred.h"
#include "stages.h"

/* Add a step's own alternatives (fl->pre[]) to the prediction. */
static void model_fail_alts(const struct model_fail *fl, struct model_pred *out)
{
	for (size_t i = 0; i < fl->n_pre; i++)
		model_alt_add(out, fl->pre[i].err, fl->pre[i].rule);
	out->n_dropped += fl->n_dropped;
}

/*
 * Mirrors kernel/fork.c:copy_process() (v7.2.13; v5.10.223 and v6.1.176
 * for the same order) between its flag checks and its last failure point:
 * the steps whose failure the parent snapshot decides, in execution order
 * (A.3): RLIMIT_NPROC (V-23, before copy_creds() up to 5.16), copy_creds()
 * (V-22), threads-max (V-24, from the globals read at entry), sched_fork()
 * (V-27), copy_files() (V-30, likewise), copy_namespaces() (V-34), copy_thread()
 * (V-36), alloc_pid() (V-37, V-38, V-40), the pidfd (V-41), the pids
 * controller (V-43).  The first
 * decided failure wins; each step's own alternatives before it are kept
 * in fl->pre[].
 * Not modelled: the outer levels' pid space (V-39): other tasks' state.
 */
static void model_copy_process_decide(const struct model_profile *prof,
				      const struct model_task *parent,
				      const struct model_syscall *sc,
				      const struct model_kargs *args,
				      struct model_fail *fl)
{
	const char *rule = NULL;

	if (!model_version_ge(prof, 5, 17))
		model_nproc_check(prof, parent, args, fl);
	if (fl->err)
		return;
	model_copy_creds_check(prof, parent, args, fl);
	if (fl->err)
		return;
	if (model_version_ge(prof, 5, 17))
		model_nproc_check(prof, parent, args, fl);
	if (fl->err)
		return;
	model_threads_max_check(prof, parent, fl);
	if (fl->err)
		return;
	if (model_sched_fork_check(parent, &rule)) {
		model_fail_set(fl, -MODEL_EAGAIN, rule, MODEL_STEP_SCHED);
		return;
	}
	model_fd_copy_check(prof, parent, args, fl);
	if (fl->err)
		return;
	model_copy_namespaces_check(parent, args, fl);
	if (fl->err)
		return;
	model_copy_thread_check(prof, args, fl);
	if (fl->err)
		return;
	model_alloc_pid_check(prof, parent, sc, args, fl);
	if (fl->err)
		return;
	model_pid_ns_state_check(prof, parent, args, fl);
	if (fl->err)
		return;
	model_pidfd_check(prof, parent, args, fl);
	if (fl->err)
		return;
	/* cgroup_can_fork(): the INTO_CGROUP target first, then pids' can_fork */
	model_cgroup_target_check(parent, args, fl);
	model_pids_check(parent, args, fl);
}

/*
 * Mirrors kernel/fork.c:kernel_clone() and copy_process() (v7.2.13):
 * pid_t kernel_clone(struct kernel_clone_args *args), and for the kernel
 * entries create_io_thread()/vhost_task_create() -> copy_process().
 * Modelled: the entry point (V-01..V-04, kernel creators), kernel_clone()'s
 * own checks (V-05, E-26, 7.1's exit signal), copy_process()'s flag checks
 * (V-10..V-18, V-48..V-51), the failures the snapshot decides, the
 * environmental failures as alternatives; on success the child (R-, S-,
 * X- rules of fork.c, copy.c, thread.c, sched.c) and the observation
 * points (fork.c).  Every path keeps the alternatives of the checks the
 * snapshot could not decide.
 * Not modelled: see each stage.
 */
void model_kernel_clone(const struct model_profile *prof,
			const struct model_task *parent,
			const struct model_syscall *sc,
			struct model_pred *out)
{
	struct model_fail checks = { 0 }, fl = { 0 };
	const char *rule = NULL;
	int err;

	/*
	 * Every member but the arrays, which are read only below their
	 * counts (a whole struct of zeros, 8.8 KB, was 12% of an offline
	 * check's instructions under callgrind).
	 */
	memset(out, 0, offsetof(struct model_pred, alt));
	out->n_expect = 0;
	out->n_order = 0;
	out->n_dropped = 0;
	out->inputs = parent->valid;
	/*
	 * A kernel creator's snapshot is its BASE part only (copy_process
	 * entry, or task_newtask on the tracepoint backend), but BPF reads the
	 * child's EXT part and copy_thread()'s frame at task_newtask whoever
	 * made it.  Expectations there that name no value of the creator
	 * (vfork_done and the tid pointers, the signal masks, the saved frame
	 * and user registers) stay; those that use one test its valid bits.
	 */
	if (sc->entry >= MODEL_ENTRY_KTHREAD)
		out->inputs |= MODEL_IN_TIDS | MODEL_IN_SIGNALS | MODEL_IN_UREGS |
			       MODEL_IN_KFRAME | MODEL_IN_KFRAME_AT | MODEL_IN_STACK;

	err = model_sys_entry(prof, sc, &out->kargs, &rule);
	if (!err)
		err = model_kernel_clone_check(prof, sc, &out->kargs, &rule);
	if (!err) {
		model_copy_process_flag_checks(prof, parent, &out->kargs, &checks);
		err = checks.err;
		rule = checks.rule;
	}
	if (err) {
		model_pred_fail(out, err, rule);
		model_fail_alts(&checks, out);
		if (out->kargs.stack_unsure)
			model_alt_add(out, -MODEL_EINVAL, "V-04");
		return;
	}
	if (sc->entry != MODEL_ENTRY_IO_WORKER && sc->entry != MODEL_ENTRY_USER_WORKER)
		out->kargs.trace = model_ptrace_event(parent, &out->kargs);

	model_copy_process_decide(prof, parent, sc, &out->kargs, &fl);
	model_inject_apply(prof, parent, &out->kargs, &fl);
	if (fl.err)
		model_pred_fail(out, fl.err, fl.rule);
	model_fail_alts(&checks, out);
	if (out->kargs.stack_unsure)
		model_alt_add(out, -MODEL_EINVAL, "V-04");
	model_copy_process_alts(prof, parent, &out->kargs,
				fl.err ? fl.step : MODEL_STEP_DONE, out);
	model_fail_alts(&fl, out);
	if (fl.err)
		return;

	model_copy_process(prof, parent, &out->kargs, out);
	model_copy_process_more(prof, parent, &out->kargs, out);
	model_copy_thread(prof, parent, &out->kargs, out);
	model_sched_fork(prof, parent, out);
	model_sched_cgroup_fork(prof, parent, &out->kargs, out);
	model_wake_up_new_task(prof, parent, &out->kargs, out);
	model_kernel_clone_tail(prof, &out->kargs, out);
	model_kernel_clone_done(prof, parent, sc, &out->kargs, out);
}
