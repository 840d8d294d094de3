// SPDX-License-Identifier: GPL-2.0
/*
 * catalogue.c - every V-, R-, S- and O- rule of the catalogue
 * (shared/spec/kernel-clone-rules.md, errata applied), with whether the
 * model decides it and whether it exists on a given kernel, for reports
 * that compute rule coverage.
 */
#include "model.h"
#include "clone_flags.h"
#include "model_priv.h"

/* One catalogue row; versions are mainline major * 100 + minor. */
struct model_cat_row {
	const char *id;		/* catalogue ID */
	const char *statement;	/* one line */
	const char *undecided;	/* NULL if the model decides it, else why not */
	int since;		/* first version with the rule, 0 = always */
	int until;		/* first version without it, 0 = still present */
	int arch;		/* -1 any, else the only enum model_arch */
	const char *na;		/* why it does not apply outside since/until/arch */
};

#define ANY -1
#define DEC NULL

static const struct model_cat_row model_cat[] = {
	{ "V-01", "fork(): {0, SIGCHLD}; ENOSYS on native arm64", DEC, 0, 0, ANY, NULL },
	{ "V-02", "vfork(): {VFORK|VM, SIGCHLD}; ENOSYS on native arm64", DEC, 0, 0, ANY, NULL },
	{ "V-03", "clone(): low 32 flag bits, exit signal = low byte", DEC, 0, 0, ANY, NULL },
	{ "V-04", "clone3(): size, struct, set_tid, signal, flags, stack", DEC, 0, 0, ANY, NULL },
	{ "V-05", "PIDFD|PARENT_SETTID with pidfd == parent_tid -> EINVAL", DEC, 0, 0, ANY, NULL },
	{ "V-10", "NEWNS with FS -> EINVAL", DEC, 0, 0, ANY, NULL },
	{ "V-11", "NEWUSER with FS -> EINVAL", DEC, 0, 0, ANY, NULL },
	{ "V-12", "THREAD without SIGHAND -> EINVAL", DEC, 0, 0, ANY, NULL },
	{ "V-13", "SIGHAND without VM -> EINVAL", DEC, 0, 0, ANY, NULL },
	{ "V-14", "PARENT from a SIGNAL_UNKILLABLE init -> EINVAL", DEC, 0, 0, ANY, NULL },
	{ "V-15", "THREAD with NEWUSER/NEWPID or other pid ns -> EINVAL", DEC, 0, 0, ANY, NULL },
	{ "V-16", "THREAD or VM with time_ns != for_children -> EINVAL", DEC, 0, 602, ANY,
	  "removed in 6.2 (E-12)" },
	{ "V-17", "PIDFD with DETACHED (before 6.9 THREAD) -> EINVAL", DEC, 0, 0, ANY, NULL },
	{ "V-18", "Debian sysctl: unprivileged NEWUSER -> EPERM", DEC, 0, 0, ANY, NULL },
	{ "V-20", "pending signal at the fork gate -> ERESTARTNOINTR",
	  "needs a racing signal (alternative only)", 0, 0, ANY, NULL },
	{ "V-21", "dup_task_struct fails -> ENOMEM",
	  "allocation failure (alternative only)", 0, 0, ANY, NULL },
	{ "V-22", "create_user_ns: level > 32 ENOSPC; limits, chroot EPERM",
	  "only the depth is decided; limits, chroot, mappings, LSM", 0, 0, ANY, NULL },
	{ "V-23", "RLIMIT_NPROC exceeded -> EAGAIN",
	  "needs the uid's task count (alternative only)", 0, 0, ANY, NULL },
	{ "V-24", "nr_threads >= threads-max -> EAGAIN",
	  "needs the global task count (alternative only)", 0, 0, ANY, NULL },
	{ "V-25", "kthread struct allocation fails -> EAGAIN",
	  "allocation failure (kernel threads)", 0, 0, ANY, NULL },
	{ "V-26", "mempolicy duplication fails -> ENOMEM",
	  "allocation failure (alternative only)", 0, 0, ANY, NULL },
	{ "V-27", "SCHED_DEADLINE parent without reset-on-fork -> EAGAIN", DEC, 0, 0, ANY, NULL },
	{ "V-28", "perf, audit, LSM task_alloc failures",
	  "LSM policy and allocations (ENOMEM alternative only)", 0, 0, ANY, NULL },
	{ "V-29", "copy_semundo allocation fails -> ENOMEM",
	  "allocation failure (alternative only)", 0, 0, ANY, NULL },
	{ "V-30", "copy_files: ENOMEM, EMFILE beyond fs.nr_open",
	  "needs the fd table size and nr_open (alternative only)", 0, 0, ANY, NULL },
	{ "V-31", "FS while another thread is in execve -> EAGAIN",
	  "needs a racing execve (alternative only)", 0, 0, ANY, NULL },
	{ "V-32", "copy_sighand / copy_signal fail -> ENOMEM",
	  "allocation failure (alternative only)", 0, 0, ANY, NULL },
	{ "V-33", "dup_mm fails -> ENOMEM",
	  "allocation failure (alternative only)", 0, 0, ANY, NULL },
	{ "V-34", "namespaces: EPERM, NEWIPC|SYSVSEM EINVAL, NEWPID rules", DEC, 0, 0, ANY, NULL },
	{ "V-35", "copy_io allocation fails -> ENOMEM",
	  "allocation failure (alternative only)", 0, 0, ANY, NULL },
	{ "V-36", "x86_64 SETTLS >= TASK_SIZE_MAX -> EPERM", DEC, 0, 0, MODEL_ARCH_X86_64,
	  "arm64 does not check the TLS value (X-9)" },
	{ "V-37", "set_tid_size > child pid ns level + 1 -> EINVAL", DEC, 0, 0, ANY, NULL },
	{ "V-38", "set_tid: range/reaper EINVAL, capability EPERM, EEXIST",
	  NULL, 0, 0, ANY, NULL },
	{ "V-39", "no free pid number -> EAGAIN",
	  "needs the pid namespace's usage (alternative only)", 0, 0, ANY, NULL },
	{ "V-40", "pid ns dying -> ENOMEM",
	  "needs the pid namespace's state (alternative only)", 0, 0, ANY, NULL },
	{ "V-41", "PIDFD: EMFILE, ENFILE, write fault EFAULT",
	  "needs the fd table and the pointer's mapping (alternative only)", 0, 0, ANY, NULL },
	{ "V-42", "INTO_CGROUP: EBADF, ENOENT, EACCES, EOPNOTSUPP, EBUSY",
	  "needs the cgroup fd's target (alternative only)", 0, 0, ANY, NULL },
	{ "V-43", "pids.max exceeded -> EAGAIN",
	  "needs cgroup pid counts (alternative only)", 0, 0, ANY, NULL },
	{ "V-44", "sched_ext init_task fails -> its errno",
	  "needs a sched_ext scheduler", 612, 0, ANY, "sched_ext is 6.12+" },
	{ "V-45", "private futex hash allocation fails -> ENOMEM",
	  "allocation failure (alternative only)", 616, 0, ANY, "6.16+ (E-22)" },
	{ "V-46", "pid ns stopped accepting tasks -> ENOMEM",
	  "needs a racing pid ns teardown (alternative only)", 0, 0, ANY, NULL },
	{ "V-47", "fatal signal pending at the final gate -> EINTR",
	  "needs a racing SIGKILL (alternative only)", 0, 0, ANY, NULL },
	{ "R-01", "parent without mm: child mm NULL", DEC, 0, 0, ANY, NULL },
	{ "R-02", "mm shared iff CLONE_VM, else a new mm", DEC, 0, 0, ANY, NULL },
	{ "R-03", "fault, switch and cputime counters start at 0", DEC, 0, 0, ANY, NULL },
	{ "R-04", "vfork_done set only for VFORK, before the wake-up", DEC, 0, 0, ANY, NULL },
	{ "R-05", "sigaltstack reset iff VM without VFORK", DEC, 0, 0, ANY, NULL },
	{ "R-06", "rseq cleared iff CLONE_VM", DEC, 0, 0, ANY, NULL },
	{ "R-07", "VM process: MMF_MULTIPROCESS, oom_score_adj resync",
	  "after task_newtask; mm flags not observed", 0, 0, ANY, NULL },
	{ "R-08", "files shared iff CLONE_FILES, else a copy", DEC, 0, 0, ANY, NULL },
	{ "R-09", "fs shared iff CLONE_FS, else a copy", DEC, 0, 0, ANY, NULL },
	{ "R-10", "sysvsem undo list shared iff CLONE_SYSVSEM", DEC, 0, 0, ANY, NULL },
	{ "R-11", "io_context shared with IO, new iff valid ioprio", DEC, 0, 0, ANY, NULL },
	{ "R-12", "sighand shared iff CLONE_SIGHAND", DEC, 0, 0, ANY, NULL },
	{ "R-13", "signal shared iff CLONE_THREAD; oom_score_adj copied", DEC, 0, 0, ANY, NULL },
	{ "R-14", "pending empty, blocked copied, pdeath_signal 0", DEC, 0, 0, ANY, NULL },
	{ "R-15", "seccomp mode and filter copied", DEC, 0, 0, ANY, NULL },
	{ "R-20", "no CLONE_NEW*: nsproxy shared (time ns exception)", DEC, 0, 0, ANY, NULL },
	{ "R-21", "CLONE_NEW*: new nsproxy, member new iff its flag", DEC, 0, 0, ANY, NULL },
	{ "R-22", "cred shared for THREAD without thread keyring", DEC, 0, 0, ANY, NULL },
	{ "R-23", "child counts toward its ruid's NPROC from copy_creds",
	  "ucount values are not observed", 0, 0, ANY, NULL },
	{ "R-24", "pid global; tgid/group_leader per CLONE_THREAD", DEC, 0, 0, ANY, NULL },
	{ "R-25", "real_parent, exit_signal, exec ids per THREAD/PARENT", DEC, 0, 0, ANY, NULL },
	{ "R-26", "leaders linked; has_child_subreaper from real parent", DEC, 0, 0, ANY, NULL },
	{ "R-27", "parent == real_parent unless ptrace attaches", DEC, 0, 0, ANY, NULL },
	{ "R-28", "kernel threads: flags, kthreadd parent, PF_KTHREAD", DEC, 0, 0, ANY, NULL },
	{ "R-29", "nr_threads, process_counts, total_forks +1",
	  "global counters race with other forks", 0, 0, ANY, NULL },
	{ "R-30", "start_time after the cgroup checks, before visible", DEC, 0, 0, ANY, NULL },
	{ "R-31", "comm copied; args->name for kthreads/vhost (6.4+)", DEC, 0, 0, ANY, NULL },
	{ "R-32", "pid allocation cyclic within [1, pid_max)",
	  NULL, 0, 0, ANY, NULL },
	{ "R-33", "set_tid entries allocated exactly per level",
	  "inner-namespace pid numbers are not observed", 0, 0, ANY, NULL },
	{ "R-34", "return value = child pid in the caller's pid ns", DEC, 0, 0, ANY, NULL },
	{ "R-35", "SETTLS, user registers, child returns 0", DEC, 0, 0, ANY, NULL },
	{ "R-36", "PARENT_SETTID stores the pid in the parent's memory",
	  "user memory writes are not observed", 0, 0, ANY, NULL },
	{ "R-37", "CHILD_SETTID: set_child_tid = child_tid", DEC, 0, 0, ANY, NULL },
	{ "R-38", "CHILD_CLEARTID: clear_child_tid = child_tid", DEC, 0, 0, ANY, NULL },
	{ "R-39", "PIDFD: fd reserved after the fd table copy",
	  "the caller's fd table is not observed", 0, 0, ANY, NULL },
	{ "R-40", "ptrace-on-fork: attach, SIGSTOP or trap-stop", DEC, 0, 0, ANY, NULL },
	{ "R-41", "PF_* flags: FORKNOEXEC set, KTHREAD per args, ...", DEC, 0, 0, ANY, NULL },
	{ "R-42", "affinity copied; cpuset may reapply", DEC, 0, 0, ANY, NULL },
	{ "R-43", "CLONE_IO and CLONE_NEWTIME (see R-11, R-20/R-21)",
	  "restates R-11 and R-20/R-21: checked and counted under those IDs", 0, 0, ANY, NULL },
	{ "R-44", "killed or frozen cgroup: SIGKILL or frozen start",
	  "needs a racing cgroup.kill / freezer state", 0, 0, ANY, NULL },
	{ "S-01", "TASK_NEW until wake_up_new_task, then RUNNING", DEC, 0, 0, ANY, NULL },
	{ "S-02", "prio = parent normal_prio; policy, prios inherited", DEC, 0, 0, ANY, NULL },
	{ "S-03", "uclamp requests inherited; defaults on reset", DEC, 0, 0, ANY, NULL },
	{ "S-04", "reset-on-fork: RT/DL -> NORMAL nice 0", DEC, 0, 0, ANY, NULL },
	{ "S-05", "deadline prio after S-04 -> EAGAIN (V-27)",
	  "restates V-27: checked and counted under that ID", 0, 0, ANY, NULL },
	{ "S-06", "sched class from prio (and sched_ext)",
	  "the sched class is not observed", 0, 0, ANY, NULL },
	{ "S-07", "__sched_fork resets: on_rq 0, runtime, vruntime", DEC, 0, 0, ANY, NULL },
	{ "S-08", "sched_cgroup_fork: task group, cpu, task_fork",
	  "vruntime and task group are not observed", 0, 0, ANY, NULL },
	{ "S-09", "sched_post_fork: uclamp RT default, sched_ext",
	  "sysctl_sched_uclamp_util_min_rt_default is not an input", 0, 0, ANY, NULL },
	{ "S-10", "wake_up_new_task: RUNNING, queued, cpu allowed", DEC, 0, 0, ANY, NULL },
	{ "S-11", "after the wake-up the child may already run",
	  "a caution for observers, nothing to predict", 0, 0, ANY, NULL },
	{ "S-12", "SCHED_DEADLINE summary (V-27, S-04)",
	  "summarises V-27 and S-04: checked and counted under those IDs", 0, 0, ANY, NULL },
	{ "O-01", "sys_enter of clone/clone3/fork/vfork", DEC, 0, 0, ANY, NULL },
	{ "O-02", "task_newtask fires for every successful copy_process", DEC, 0, 0, ANY, NULL },
	{ "O-03", "sched_process_fork from kernel_clone only", DEC, 0, 0, ANY, NULL },
	{ "O-04", "sched_wakeup_new after activate_task", DEC, 0, 0, ANY, NULL },
	{ "O-05", "the parent's sys_exit: pid or -errno", DEC, 0, 0, ANY, NULL },
	{ "O-06", "the child's own sys_exit with 0", DEC, 0, 0, MODEL_ARCH_X86_64,
	  "arm64 children never reach the syscall-exit hook (X-12)" },
	{ "O-07", "first scheduling: CHILD_SETTID written",
	  "sched_switch and user memory are not observed", 0, 0, ANY, NULL },
};

/* Byte-wise string equality (no <string.h> in model/). */
static bool model_cat_is(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

/*
 * Fill the catalogue for @prof: applicability from the row's version range
 * and arch (V-18 only on kernels with Debian's sysctl, i.e. a profile whose
 * userns_sysctl is known), decided unless the row says why not; V-38 and
 * R-32 are decided in part, and say which part.
 */
size_t model_catalogue(const struct model_profile *prof,
		       struct model_cat_entry *out, size_t max)
{
	const size_t n = sizeof(model_cat) / sizeof(model_cat[0]);
	const int ver = prof->major * 100 + prof->minor;
	size_t i;

	for (i = 0; out && i < n && i < max; i++) {
		const struct model_cat_row *r = &model_cat[i];
		struct model_cat_entry *e = &out[i];

		e->id = r->id;
		e->statement = r->statement;
		e->applies = (!r->since || ver >= r->since) &&
			     (!r->until || ver < r->until) &&
			     (r->arch == ANY || r->arch == (int)prof->arch);
		e->reason = NULL;
		if (model_cat_is(r->id, "V-18") &&
		    prof->userns_sysctl == MODEL_CFG_UNKNOWN) {
			e->applies = false;
			e->reason = "Debian kernels only (no such sysctl upstream)";
		} else if (model_cat_is(r->id, "S-03") && prof->uclamp == MODEL_CFG_N) {
			e->applies = false;
			e->reason = "kernel built without CONFIG_UCLAMP_TASK";
		} else if (!e->applies) {
			e->reason = r->na;
		} else if (r->undecided) {
			e->reason = r->undecided;
		} else if (model_cat_is(r->id, "V-38")) {
			e->reason = "range and new-ns reaper decided; EPERM, EEXIST not";
		} else if (model_cat_is(r->id, "R-32")) {
			e->reason = "bounds only: the number depends on other forks";
		}
		e->decided = !r->undecided && e->applies;
	}
	return n;
}
