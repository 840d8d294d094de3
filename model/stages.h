/* SPDX-License-Identifier: GPL-2.0 */
/*
 * stages.h - the entry points of the model's stage files, in the order
 * kernel_clone() reaches them.  clone.c (the driver) calls them; each stage
 * file includes this header only to declare its own functions and calls
 * none of the others: a stage depends on pred.h, model.h and clone_flags.h
 * alone.  Not part of the public API: src/ includes model.h only.
 */
#ifndef CLONECHECK_MODEL_STAGES_H
#define CLONECHECK_MODEL_STAGES_H

#include "model.h"
#include "pred.h"

/* ---- syscall.c: the entry points (V-01..V-04; model_sys_entry() in model.h) */

/* ---- fork.c: kernel_clone() and copy_process() */

/* kernel_clone() before copy_process(): EMPTY_MNTNS, V-05, exit signal; 0 or -errno. */
int model_kernel_clone_check(const struct model_profile *prof,
			     const struct model_syscall *sc,
			     struct model_kargs *args, const char **rule);

/*
 * copy_process()'s flag checks (V-10..V-18, V-48..V-51): the first decided
 * failure in fl->err/rule, undecided earlier ones in fl->pre[].
 */
void model_copy_process_flag_checks(const struct model_profile *prof,
				    const struct model_task *parent,
				    const struct model_kargs *args,
				    struct model_fail *fl);

/* copy_creds(): V-22's decided ENOSPC (5.10: after RLIMIT_NPROC). */
void model_copy_creds_check(const struct model_profile *prof,
			    const struct model_task *parent,
			    const struct model_kargs *args, struct model_fail *fl);

/* alloc_pid()'s set_tid checks (V-37, V-38). */
void model_alloc_pid_check(const struct model_profile *prof,
			   const struct model_task *parent,
			   const struct model_syscall *sc,
			   const struct model_kargs *args, struct model_fail *fl);

/* RLIMIT_NPROC and the caller's clone with flags f (V-23): -EAGAIN, may (1), cannot (0). */
int model_nproc_refuses(const struct model_profile *prof, const struct model_task *parent,
			uint64_t f);

/* V-23's decided EAGAIN (RLIMIT_NPROC reached). */
void model_nproc_check(const struct model_profile *prof, const struct model_task *parent,
		       const struct model_kargs *args, struct model_fail *fl);

/* V-24's decided EAGAIN (nr_threads >= max_threads at entry). */
void model_threads_max_check(const struct model_profile *prof,
			     const struct model_task *parent, struct model_fail *fl);

/* V-30's decided EMFILE (the fd table past fs.nr_open at entry). */
void model_fd_copy_check(const struct model_profile *prof, const struct model_task *parent,
			 const struct model_kargs *args, struct model_fail *fl);

/* V-43's decided EAGAIN (a pids.max reached). */
void model_pids_check(const struct model_task *parent, const struct model_kargs *args,
		      struct model_fail *fl);

/* The innermost level's pid space full (V-39's EAGAIN), then a dying pid ns (V-40's ENOMEM). */
void model_pid_ns_state_check(const struct model_profile *prof,
			      const struct model_task *parent,
			      const struct model_kargs *args, struct model_fail *fl);

/* CLONE_PIDFD with no fd left: V-41's decided EMFILE. */
void model_pidfd_check(const struct model_profile *prof, const struct model_task *parent,
		       const struct model_kargs *args, struct model_fail *fl);

/* Environmental failures of every copy_process() step before @upto. */
void model_copy_process_alts(const struct model_profile *prof,
			     const struct model_task *parent,
			     const struct model_kargs *args, enum model_step upto,
			     struct model_pred *out);

/* kernel_clone()'s ptrace event for copy_process(). */
int model_ptrace_event(const struct model_task *parent,
		       const struct model_kargs *args);

/* The child's shared resources, tree and flags (R-01..R-42 of fork.c). */
void model_copy_process(const struct model_profile *prof,
			const struct model_task *parent,
			const struct model_kargs *args, struct model_pred *out);

/* kernel_clone() around the child: stages, order, entry flags, return values. */
void model_kernel_clone_done(const struct model_profile *prof,
			     const struct model_task *parent,
			     const struct model_syscall *sc,
			     const struct model_kargs *args, struct model_pred *out);

/* ---- copy.c: copy_process()'s callees */

/* create_pid_namespace()'s owner test may refuse NEWPID (EINVAL, V-34). */
bool model_pid_ns_owner_may_refuse(const struct model_task *parent);

/* copy_namespaces(): V-34's decided failures and their alternatives. */
void model_copy_namespaces_check(const struct model_task *parent,
				 const struct model_kargs *args,
				 struct model_fail *fl);

/* creds, namespaces, io, sysvsem, signals, ptrace, identity of the child. */
void model_copy_process_more(const struct model_profile *prof,
			     const struct model_task *parent,
			     const struct model_kargs *args,
			     struct model_pred *out);

/* kernel_clone() after copy_process(): vfork_done. */
void model_kernel_clone_tail(const struct model_profile *prof,
			     const struct model_kargs *args,
			     struct model_pred *out);

/* ---- thread.c: the arch's copy_thread() */

/* copy_thread(): V-36's decided EPERM (x86_64 SETTLS). */
void model_copy_thread_check(const struct model_profile *prof,
			     const struct model_kargs *args, struct model_fail *fl);

/* The arch's copy_thread() and the new stack. */
void model_copy_thread(const struct model_profile *prof,
		       const struct model_task *parent,
		       const struct model_kargs *args, struct model_pred *out);

/* ---- sched.c: sched_fork() and wake_up_new_task() */

/* sched_fork()'s only errno: V-27; 0 or -EAGAIN. */
int model_sched_fork_check(const struct model_task *parent, const char **rule);

/* sched_fork()'s effect on the child: S-01, S-02, S-04, S-07. */
void model_sched_fork(const struct model_profile *prof,
		      const struct model_task *parent, struct model_pred *out);

/* sched_cgroup_fork()'s effect on the child: S-08 (task group, vruntime). */
void model_sched_cgroup_fork(const struct model_profile *prof,
			     const struct model_task *parent,
			     const struct model_kargs *args,
			     struct model_pred *out);

/* V-42 decided from the CLONE_INTO_CGROUP fd's target: EBADF, ENOENT. */
void model_cgroup_target_check(const struct model_task *parent,
			       const struct model_kargs *args, struct model_fail *fl);

/* wake_up_new_task()'s effect on the child: S-01, S-10. */
void model_wake_up_new_task(const struct model_profile *prof,
			    const struct model_task *parent,
			    const struct model_kargs *args,
			    struct model_pred *out);

/* ---- inject.c: a fault the workload injected into its own clone */

/* The plan's failure (model_inject_err()), if it comes before fl's. */
void model_inject_apply(const struct model_profile *prof,
			const struct model_task *parent,
			const struct model_kargs *args, struct model_fail *fl);

#endif /* CLONECHECK_MODEL_STAGES_H */
