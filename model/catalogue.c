// SPDX-License-Identifier: GPL-2.0
/*
 * catalogue.c - the model's one rule table: every rule of the catalogue
 * the rule catalogue (kernel-clone-rules.md) (errata applied, corrections in
 * docs/model-notes.md) and every ID the model emits, with one statement,
 * its family, what deciding it needs, and the versions and arch it exists
 * on.  model_rules(), model_rule_find() and model_catalogue() read this
 * table and nothing else.
 */
#include "model.h"
#include "clone_flags.h"
#include "pred.h"

#define ANY		-1
#define DEC		MODEL_NEED_NOTHING
#define ARGS		MODEL_NEED_COPY_ARGS
#define FAULT		MODEL_NEED_FAULT
#define RACE		MODEL_NEED_RACE
#define UNOBS		MODEL_NEED_UNOBSERVED
#define RESTATES	MODEL_NEED_RESTATES

/*
 * ROW(family, id, statement, class, since, until, arch, note, na):
 * versions are mainline major * 100 + minor; note says why a rule is not
 * decided (or which part is); na why it does not apply outside its range.
 */
#define ROW(fam, id_, st, cls, from, to, ar, nt, n_a) \
	{ .id = (id_), .statement = (st), .family = (fam), .need = (cls), \
	  .since = (from), .until = (to), .arch = (ar), .note = (nt), .na = (n_a) }

static const struct model_rule model_rule_table[] = {
	ROW('V', "V-01", "fork(): flags 0, exit_signal SIGCHLD; no fork on arm64", DEC, 0, 0,
	    MODEL_ARCH_X86_64, NULL, "arm64 has no fork(2) or vfork(2): its syscall table (arch/arm64/tools/syscall_64.tbl, asm-generic unistd.h) lists neither, so nothing reaches this rule"),
	ROW('V', "V-02", "vfork(): flags VFORK|VM, exit_signal SIGCHLD", DEC, 0, 0,
	    MODEL_ARCH_X86_64, NULL, "arm64 has no fork(2) or vfork(2): its syscall table (arch/arm64/tools/syscall_64.tbl, asm-generic unistd.h) lists neither, so nothing reaches this rule"),
	ROW('V', "V-03", "clone(): low 32 flag bits, exit signal = low byte (7.1+: <= 64)", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('V', "V-04", "clone3(): size, struct, set_tid, signal, flag, stack checks", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('V', "V-05", "PIDFD|PARENT_SETTID with pidfd == parent_tid -> EINVAL", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('V', "V-10", "CLONE_NEWNS with CLONE_FS -> EINVAL", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('V', "V-11", "CLONE_NEWUSER with CLONE_FS -> EINVAL", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('V', "V-12", "CLONE_THREAD without CLONE_SIGHAND -> EINVAL", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('V', "V-13", "CLONE_SIGHAND without CLONE_VM -> EINVAL", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('V', "V-14", "CLONE_PARENT from a SIGNAL_UNKILLABLE init -> EINVAL", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('V', "V-15", "THREAD with NEWUSER/NEWPID or pid ns for children -> EINVAL", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('V', "V-16", "6.1: THREAD or VM while time_ns != for_children -> EINVAL", DEC, 0, 602, ANY,
	    NULL, "removed in 6.2 (E-12)"),
	ROW('V', "V-17", "PIDFD with DETACHED (before 6.9 also THREAD) -> EINVAL", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('V', "V-18", "Debian: NEWUSER without CAP_SYS_ADMIN, sysctl 0 -> EPERM", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('V', "V-20", "signal pending at the fork gate -> ERESTARTNOINTR", RACE, 0, 0, ANY,
	    "a racing signal (alternative); decided when injected", NULL),
	ROW('V', "V-21", "task or resource allocation fails -> ENOMEM", FAULT, 0, 0, ANY,
	    "allocation failure (alternative only)", NULL),
	ROW('V', "V-22", "NEWUSER: create_user_ns fails -> EPERM or ENOSPC", DEC, 0, 0, ANY,
	    "decided: the depth; limits, chroot, mappings, LSM are alternatives", NULL),
	ROW('V', "V-23", "RLIMIT_NPROC exceeded, caller not exempt -> EAGAIN", DEC, 0, 0, ANY,
	    "decided: the uid's count at entry in the init user ns (not 5.14-5.16); "
	    "another task of the uid forking meanwhile is an alternative", NULL),
	ROW('V', "V-24", "nr_threads >= threads-max -> EAGAIN", DEC, 0, 0, ANY,
	    "decided: nr_threads and max_threads read at entry (kallsyms, "
	    "CONFIG_KALLSYMS_ALL); else, or a task forking meanwhile, an "
	    "alternative (none when threads-max >= pid_max)", NULL),
	ROW('V', "V-25", "kthread struct allocation fails -> EAGAIN", FAULT, 0, 0, ANY,
	    "allocation failure (kernel threads)", NULL),
	ROW('V', "V-26", "mempolicy duplication fails -> ENOMEM", FAULT, 0, 0, ANY,
	    "allocation failure (alternative only)", NULL),
	ROW('V', "V-27", "SCHED_DEADLINE parent without reset-on-fork -> EAGAIN", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('V', "V-28", "perf, audit, LSM task_alloc failures", FAULT, 0, 0, ANY,
	    "decided by fmod_ret injection; else LSM or ENOMEM (alternative)", NULL),
	ROW('V', "V-29", "copy_semundo allocation fails -> ENOMEM", FAULT, 0, 0, ANY,
	    "allocation failure (alternative only)", NULL),
	ROW('V', "V-30", "copy_files: fd table beyond fs.nr_open -> EMFILE", DEC, 0, 0, ANY,
	    "decided: the unshared fd table against sysctl_nr_open read at entry "
	    "(kallsyms, CONFIG_KALLSYMS_ALL); else an alternative (none for a "
	    "table within 64 fds or the run's nr_open)", NULL),
	ROW('V', "V-31", "FS while another thread is in execve -> EAGAIN", RACE, 0, 0, ANY,
	    "needs a racing execve (alternative only; none for the fs_struct's "
	    "one user)", NULL),
	ROW('V', "V-32", "copy_sighand / copy_signal fail -> ENOMEM", FAULT, 0, 0, ANY,
	    "allocation failure (alternative only)", NULL),
	ROW('V', "V-33", "dup_mm fails -> ENOMEM", FAULT, 0, 0, ANY,
	    "decided by fmod_ret injection; else ENOMEM (alternative)", NULL),
	ROW('V', "V-34", "namespaces: EPERM, NEWIPC|SYSVSEM EINVAL, ENOSPC", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('V', "V-35", "copy_io allocation fails -> ENOMEM", FAULT, 0, 0, ANY,
	    "allocation failure (alternative only)", NULL),
	ROW('V', "V-36", "x86_64 SETTLS at or above TASK_SIZE_MAX -> EPERM", DEC, 0, 0, MODEL_ARCH_X86_64,
	    NULL, "arm64 does not check the TLS value (X-9)"),
	ROW('V', "V-37", "set_tid_size above the child pid ns level + 1 -> EINVAL", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('V', "V-38", "set_tid: bad tid EINVAL, no capability EPERM, EEXIST", DEC, 0, 0, ANY,
	    "decided: range, reaper, capability per level; EEXIST is an alternative", NULL),
	ROW('V', "V-39", "no free pid number in some level -> EAGAIN", DEC, 0, 0, ANY,
	    "decided: the child's innermost level, its count at entry against its "
	    "pid_max (6.14+: its own); the outer levels are an alternative", NULL),
	ROW('V', "V-40", "pid ns dying -> ENOMEM", DEC, 0, 0, ANY,
	    "decided: the pid ns for children no longer adding (entry); a racing "
	    "teardown is V-46", NULL),
	ROW('V', "V-41", "PIDFD: no free descriptor EMFILE, ENFILE, write EFAULT", DEC, 0, 0, ANY,
	    "decided: EMFILE from an unshared fd table and RLIMIT_NOFILE; ENFILE, "
	    "EFAULT are alternatives", NULL),
	ROW('V', "V-42", "INTO_CGROUP: EBADF, ENOENT, EACCES, EOPNOTSUPP, EBUSY", DEC, 0, 0, ANY,
	    "decided: EBADF, ENOENT from the fd's target; EACCES, EOPNOTSUPP, EBUSY allowed",
	    NULL),
	ROW('V', "V-43", "pids.max exceeded -> EAGAIN", DEC, 0, 0, ANY,
	    "decided: the pids counters at entry; another member forking meanwhile "
	    "and INTO_CGROUP's target are alternatives", NULL),
	ROW('V', "V-44", "sched_ext init_task fails -> its errno", UNOBS, 612, 0, ANY,
	    "needs a sched_ext scheduler", "sched_ext is 6.12+"),
	ROW('V', "V-45", "private futex hash allocation fails -> ENOMEM", FAULT, 616, 0, ANY,
	    "allocation failure (alternative only)", "6.16+ (E-22)"),
	ROW('V', "V-46", "pid ns stopped accepting tasks -> ENOMEM", RACE, 0, 0, ANY,
	    "needs a racing pid ns teardown (alternative only)", NULL),
	ROW('V', "V-47", "fatal signal pending at the final gate -> EINTR", RACE, 0, 0, ANY,
	    "a racing SIGKILL (alternative); decided when injected", NULL),
	ROW('V', "V-48", "AUTOREAP with THREAD, PARENT or an exit signal -> EINVAL", DEC, 701, 0, ANY,
	    NULL, "7.1+ (E.7)"),
	ROW('V', "V-49", "PARENT from a caller created with AUTOREAP -> EINVAL", DEC, 701, 0, ANY,
	    NULL, "7.1+ (E.7)"),
	ROW('V', "V-50", "NNP with THREAD -> EINVAL", DEC, 701, 0, ANY,
	    NULL, "7.1+ (E.7)"),
	ROW('V', "V-51", "PIDFD_AUTOKILL: no PIDFD/AUTOREAP, THREAD EINVAL; cap EPERM", DEC, 701, 0, ANY,
	    NULL, "7.1+ (E.7)"),
	ROW('A', "A.4", "a failed clone emits no newtask, fork or wakeup event", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('R', "R-01", "parent without mm: child mm is NULL", ARGS, 0, 0, ANY,
	    "needs clones made inside the kernel: copy_process()'s arguments", NULL),
	ROW('R', "R-02", "child mm is the parent's iff CLONE_VM, else a new mm", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('R', "R-03", "fault, switch and cputime counters start at 0", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('R', "R-04", "vfork_done NULL until kernel_clone sets it for VFORK", DEC, 0, 0, ANY,
	    "decided; P returning before the child is an alternative when SIGKILL is "
	    "pending at P's exit (its killable vfork wait ended)", NULL),
	ROW('R', "R-05", "sigaltstack reset iff VM without VFORK, else inherited", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('R', "R-06", "rseq cleared iff CLONE_VM, else inherited", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('R', "R-07", "VM process: MMF_MULTIPROCESS, oom_score_adj resync", DEC, 0, 0, ANY,
	    "decided: MMF_MULTIPROCESS at sched_process_fork (5.10, 6.1+)", NULL),
	ROW('R', "R-08", "child files is the parent's iff CLONE_FILES, else new", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('R', "R-09", "child fs is the parent's iff CLONE_FS, else new", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('R', "R-10", "sysvsem undo list shared iff CLONE_SYSVSEM, else NULL", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('R', "R-11", "io_context: shared with IO, new iff valid ioprio", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('R', "R-12", "child sighand is the parent's iff CLONE_SIGHAND", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('R', "R-13", "child signal is the parent's iff CLONE_THREAD", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('R', "R-14", "pending empty, blocked copied (workers: all), no pdeath", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('R', "R-15", "seccomp mode and filter are the parent's", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('R', "R-20", "no CLONE_NEW*: nsproxy shared (time ns exception)", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('R', "R-21", "CLONE_NEW*: new nsproxy, member new iff its flag", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('R', "R-22", "cred shared for THREAD w/o thread keyring, else new", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('R', "R-23", "child counts toward its ruid's NPROC from copy_creds", DEC, 0, 0, ANY,
	    "decided for the uid's only task (its count 1 at entry, 2 at newtask)", NULL),
	ROW('R', "R-24", "tgid: parent's with CLONE_THREAD, else the child's pid", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('R', "R-25", "real_parent, exit_signal, exec ids per THREAD/PARENT", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('R', "R-26", "has_child_subreaper from the real parent", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('R', "R-27", "parent is real_parent unless ptrace-on-fork attaches", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('R', "R-28", "kernel threads PF_KTHREAD; usermode helpers not", ARGS, 0, 0, ANY,
	    "needs clones made inside the kernel: copy_process()'s arguments", NULL),
	ROW('R', "R-29", "nr_threads, process_counts, total_forks +1", RACE, 0, 0, ANY,
	    "global counters race with other forks (total_forks, nr_threads: no BTF)",
	    NULL),
	ROW('R', "R-30", "start_time taken after the caller's snapshot", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('R', "R-31", "comm copied from the parent unless args->name", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('R', "R-32", "global pid within [1, pid_max)", DEC, 0, 0, ANY,
	    "decided: the bounds; the number depends on other forks", NULL),
	ROW('R', "R-33", "set_tid entries allocated exactly per level", DEC, 0, 0, ANY,
	    "decided: the four innermost levels", NULL),
	ROW('R', "R-34", "parent's return value is the child's pid in its pid ns", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('R', "R-35", "child returns 0; user regs copied, stack and TLS set", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('R', "R-36", "PARENT_SETTID stores the pid in the parent's memory", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('R', "R-37", "set_child_tid = child_tid iff CHILD_SETTID", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('R', "R-38", "clear_child_tid = child_tid iff CHILD_CLEARTID", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('R', "R-39", "PIDFD: lowest free fd, O_CLOEXEC, after the table copy", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('R', "R-40", "traced child iff PTRACE or enabled event, parent traced", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('R', "R-41", "child flags: FORKNOEXEC set, KTHREAD/SUPERPRIV.. clear", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('R', "R-42", "child cpus_mask and nr_cpus_allowed are the parent's", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('R', "R-43", "CLONE_IO and CLONE_NEWTIME (see R-11, R-20/R-21)", RESTATES, 0, 0, ANY,
	    "restates R-11 and R-20/R-21: checked and counted under those IDs", NULL),
	ROW('R', "R-44", "killed or frozen cgroup: SIGKILL or frozen start", DEC, 0, 0, ANY,
	    "decided: a frozen INTO_CGROUP target; a racing cgroup.kill is not", NULL),
	ROW('R', "R-45", "CLONE_NNP: child no_new_privs set, else inherited (R-15)", DEC, 701, 0, ANY,
	    NULL, "7.1+ (E.7)"),
	ROW('R', "R-46", "CLONE_AUTOREAP: child signal->autoreap = 1, else 0", DEC, 701, 0, ANY,
	    NULL, "7.1+ (E.7)"),
	ROW('R', "R-47", "CLONE_PIDFD_AUTOKILL: the pidfd file carries PIDFD_AUTOKILL", DEC, 701, 0, ANY,
	    NULL, "7.1+ (E.7)"),
	ROW('R', "R-48", "CLONE_EMPTY_MNTNS: new mount ns holding only its root mount", DEC, 701, 0, ANY,
	    NULL, "7.1+ (E.7)"),
	ROW('S', "S-01", "state TASK_NEW until wake_up_new_task, then RUNNING", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('S', "S-02", "prio = parent normal_prio; policy and prios inherited", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('S', "S-03", "uclamp requests inherited, defaults with reset-on-fork", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('S', "S-04", "reset-on-fork: RT/DL -> NORMAL nice 0, flag cleared", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('S', "S-05", "deadline prio after S-04 -> EAGAIN (V-27)", RESTATES, 0, 0, ANY,
	    "restates V-27: checked and counted under that ID", NULL),
	ROW('S', "S-06", "sched class from prio (and sched_ext)", DEC, 0, 0, ANY,
	    "decided: the parent's class or another, without sched_ext", NULL),
	ROW('S', "S-07", "__sched_fork: on_rq = 0", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('S', "S-08", "sched_cgroup_fork: task group, cpu, task_fork", DEC, 0, 0, ANY,
	    "decided: the parent's task group (not INTO_CGROUP); vruntime 0 for RT, fair from 6.18",
	    NULL),
	ROW('S', "S-09", "sched_post_fork: RT child uclamp_min = RT default unless user-set",
	    DEC, 0, 0, ANY,
	    "decided: uclamp_post_fork() (the rt default read at the start); scx_post_fork() not observed",
	    NULL),
	ROW('S', "S-10", "wake_up_new_task: on_rq queued, cpu in cpus_ptr", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('S', "S-11", "after the wake-up the child may already run", RACE, 0, 0, ANY,
	    "a caution for observers, nothing to predict", NULL),
	ROW('S', "S-12", "SCHED_DEADLINE summary (V-27, S-04)", RESTATES, 0, 0, ANY,
	    "summarises V-27 and S-04: checked and counted under those IDs", NULL),
	ROW('O', "O-01", "sys_enter of clone/clone3/fork/vfork in the caller", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('O', "O-02", "task_newtask fires for every successful copy_process", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('O', "O-03", "sched_process_fork from kernel_clone only, not io/vhost", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('O', "O-04", "sched_wakeup_new fires after activate_task", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('O', "O-05", "the calling thread returns the child's pid or -errno", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('O', "O-06", "the child returns 0 from the same syscall (x86_64)", DEC, 0, 0, MODEL_ARCH_X86_64,
	    NULL, "arm64 children never reach the syscall-exit hook (X-12)"),
	ROW('O', "O-07", "first scheduling: CHILD_SETTID written", DEC, 0, 0, ANY,
	    "decided with CLONE_VM: the word still unwritten at the wake-up", NULL),
	ROW('D', "D.1", "points in order: entry, newtask, fork, wakeup, exits", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('X', "X-11", "kthread vfork_done points at its exited completion", ARGS, 0, 0, ANY,
	    "needs clones made inside the kernel: copy_process()'s arguments", NULL),
	ROW('X', "X-13", "copy_thread: saved frame, stack magic, preempt count", DEC, 0, 0, ANY,
	    NULL, NULL),
	ROW('X', "X-14", "clones with a start function: fn/arg in the frame", ARGS, 0, 0, ANY,
	    "needs clones made inside the kernel: copy_process()'s arguments", NULL),
	ROW('E', "E-05", "no user worker before 6.4: vhost worker -> ENOSYS here", ARGS, 0, 0, ANY,
	    "needs clones made inside the kernel: copy_process()'s arguments", NULL),
	ROW('E', "E-06", "no io_uring worker before 5.12 (5.10.162) -> ENOSYS here", ARGS, 0, 0, ANY,
	    "needs clones made inside the kernel: copy_process()'s arguments", NULL),
	ROW('E', "E-25", "7.1+: clone3 accepts AUTOREAP, NNP, PIDFD_AUTOKILL, EMPTY_MNTNS", RESTATES, 701, 0, ANY,
	    "restates V-04 step 10a: checked and counted under V-04", "7.1+ (E.7)"),
	ROW('E', "E-26", "7.1+: kernel_clone turns EMPTY_MNTNS into NEWNS before V-05", RESTATES, 701, 0, ANY,
	    "restates V-10, V-34 and R-21: checked and counted under those IDs", "7.1+ (E.7)"),
};

#define MODEL_N_RULES (MODEL_ARRAY_SIZE(model_rule_table))

const struct model_rule *model_rules(size_t *n)
{
	if (n)
		*n = MODEL_N_RULES;
	return model_rule_table;
}

const struct model_rule *model_rule_find(const char *id)
{
	if (!id)
		return NULL;
	for (size_t i = 0; i < MODEL_N_RULES; i++)
		if (model_streq(model_rule_table[i].id, id))
			return &model_rule_table[i];
	return NULL;
}

const char *model_rule_need_name(enum model_rule_need need)
{
	static const char *const names[MODEL_NEED__COUNT] = {
		[MODEL_NEED_NOTHING]	= "decided here",
		[MODEL_NEED_COPY_ARGS]	= "needs copy_process's arguments (fentry or kprobe)",
		[MODEL_NEED_FAULT]	= "needs fault injection",
		[MODEL_NEED_RACE]	= "racy by nature",
		[MODEL_NEED_UNOBSERVED]	= "needs state that is not observed",
		[MODEL_NEED_RESTATES]	= "restates another rule",
	};

	if ((unsigned int)need >= MODEL_NEED__COUNT)
		return "?";
	return names[need];
}

/*
 * Fill the table's rows for @prof: applicability from the row's version
 * range and arch, and from the profile's facts for four rows (V-18 only on
 * kernels with Debian's sysctl, i.e. a profile whose userns_sysctl is
 * known; S-03 and S-09 only with CONFIG_UCLAMP_TASK, S-09 decided only
 * with the rt default read; V-44 only with CONFIG_SCHED_CLASS_EXT); a row
 * that restates others
 * never applies on its own (its note names where it is counted); decided
 * when the row's class
 * is NOTHING or COPY_ARGS (reports demote COPY_ARGS rows for backends
 * without copy_process()'s arguments) and it applies.
 */
size_t model_catalogue(const struct model_profile *prof,
		       struct model_cat_entry *out, size_t max)
{
	const int ver = prof->major * 100 + prof->minor;

	for (size_t i = 0; out && i < MODEL_N_RULES && i < max; i++) {
		const struct model_rule *r = &model_rule_table[i];
		struct model_cat_entry *e = &out[i];

		e->id = r->id;
		e->statement = r->statement;
		e->family = r->family;
		e->need = r->need;
		e->applies = (!r->since || ver >= r->since) &&
			     (!r->until || ver < r->until) &&
			     (r->arch == ANY || r->arch == (int)prof->arch);
		e->reason = e->applies ? r->note : r->na;
		if (model_streq(r->id, "V-18") &&
		    prof->userns_sysctl == MODEL_CFG_UNKNOWN) {
			e->applies = false;
			e->reason = "Debian kernels only (no such sysctl upstream)";
		} else if (model_streq(r->id, "S-03") && prof->uclamp == MODEL_CFG_N) {
			e->applies = false;
			e->reason = "kernel built without CONFIG_UCLAMP_TASK";
		} else if (model_streq(r->id, "V-44") && prof->sched_ext == MODEL_CFG_N) {
			/* kernel/sched/ext.h: scx_fork() is `return 0` */
			e->applies = false;
			e->reason = "kernel built without CONFIG_SCHED_CLASS_EXT";
		} else if (model_streq(r->id, "S-09") && prof->uclamp == MODEL_CFG_N) {
			/* kernel/sched/core.c: uclamp_post_fork() empty */
			e->applies = false;
			e->reason = "kernel built without CONFIG_UCLAMP_TASK (scx_post_fork() is not observed)";
		} else if (r->need == MODEL_NEED_RESTATES && e->applies) {
			/* a cross-reference, no behaviour of its own: not in the denominator */
			e->applies = false;
		}
		e->decided = e->applies && (r->need == MODEL_NEED_NOTHING ||
					    r->need == MODEL_NEED_COPY_ARGS);
		if (e->decided && model_streq(r->id, "S-09") && !prof->uclamp_rt_default) {
			/* model_uclamp_post_fork() needs the sysctl's value */
			e->decided = false;
			e->reason = "kernel.sched_util_clamp_min_rt_default not read at the start";
		}
	}
	return MODEL_N_RULES;
}
