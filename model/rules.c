// SPDX-License-Identifier: GPL-2.0
/*
 * rules.c - the registry of rule IDs the model emits (catalogue
 * shared/spec/kernel-clone-rules.md), names of fields and stages, and the
 * kernel profile parsed from uname.
 */
#include "model.h"
#include "clone_flags.h"

/* Every ID that fork.c, sched.c and syscall.c can emit, catalogue order. */
static const struct model_rule model_rule_table[] = {
	{ "V-01", "fork(): flags 0, exit_signal SIGCHLD; no fork on arm64" },
	{ "V-02", "vfork(): flags VFORK|VM, exit_signal SIGCHLD" },
	{ "V-03", "clone(): low 32 flag bits, exit signal = low byte" },
	{ "V-04", "clone3(): size, struct, set_tid, signal, flag, stack checks" },
	{ "V-05", "PIDFD|PARENT_SETTID with pidfd == parent_tid -> EINVAL" },
	{ "V-10", "CLONE_NEWNS with CLONE_FS -> EINVAL" },
	{ "V-11", "CLONE_NEWUSER with CLONE_FS -> EINVAL" },
	{ "V-12", "CLONE_THREAD without CLONE_SIGHAND -> EINVAL" },
	{ "V-13", "CLONE_SIGHAND without CLONE_VM -> EINVAL" },
	{ "V-14", "CLONE_PARENT from a SIGNAL_UNKILLABLE init -> EINVAL" },
	{ "V-15", "THREAD with NEWUSER/NEWPID or pid ns for children -> EINVAL" },
	{ "V-16", "6.1: THREAD or VM while time_ns != for_children -> EINVAL" },
	{ "V-17", "PIDFD with DETACHED (before 6.9 also THREAD) -> EINVAL" },
	{ "V-18", "Debian: NEWUSER without CAP_SYS_ADMIN, sysctl 0 -> EPERM" },
	{ "V-20", "signal pending at the fork gate -> ERESTARTNOINTR" },
	{ "V-21", "task or resource allocation fails -> ENOMEM" },
	{ "V-22", "NEWUSER: create_user_ns fails -> EPERM or ENOSPC" },
	{ "V-23", "RLIMIT_NPROC, threads-max, pid or pids.max -> EAGAIN" },
	{ "V-27", "SCHED_DEADLINE parent without reset-on-fork -> EAGAIN" },
	{ "V-30", "copy_files: fd table beyond fs.nr_open -> EMFILE" },
	{ "V-34", "namespaces: EPERM, NEWIPC|SYSVSEM EINVAL, ENOSPC" },
	{ "V-36", "x86_64 SETTLS at or above TASK_SIZE_MAX -> EPERM" },
	{ "V-37", "set_tid_size above the child pid ns level + 1 -> EINVAL" },
	{ "V-38", "set_tid: bad tid EINVAL, no capability EPERM, EEXIST" },
	{ "V-39", "no free pid number in some level -> EAGAIN" },
	{ "V-41", "PIDFD: no free descriptor EMFILE, ENFILE, write EFAULT" },
	{ "V-42", "INTO_CGROUP: EBADF, ENOENT, EACCES, EOPNOTSUPP, EBUSY" },
	{ "V-47", "fatal signal pending at the final gate -> EINTR" },
	{ "A.4", "a failed clone emits no newtask, fork or wakeup event" },
	{ "D.1", "points in order: entry, newtask, fork, wakeup, exits" },
	{ "O-01", "sys_enter of clone/clone3/fork/vfork in the caller" },
	{ "O-02", "task_newtask fires for every successful copy_process" },
	{ "O-04", "sched_wakeup_new fires after activate_task" },
	{ "O-05", "the calling thread returns the child's pid or -errno" },
	{ "O-06", "the child returns 0 from the same syscall (x86_64)" },
	{ "R-01", "parent without mm: child mm is NULL" },
	{ "R-02", "child mm is the parent's iff CLONE_VM, else a new mm" },
	{ "R-03", "fault, switch and cputime counters start at 0" },
	{ "R-04", "vfork_done NULL until kernel_clone sets it for VFORK" },
	{ "R-05", "sigaltstack reset iff VM without VFORK, else inherited" },
	{ "R-06", "rseq cleared iff CLONE_VM, else inherited" },
	{ "R-08", "child files is the parent's iff CLONE_FILES, else new" },
	{ "R-09", "child fs is the parent's iff CLONE_FS, else new" },
	{ "R-10", "sysvsem undo list shared iff CLONE_SYSVSEM, else NULL" },
	{ "R-11", "io_context: shared with IO, new iff valid ioprio" },
	{ "R-12", "child sighand is the parent's iff CLONE_SIGHAND" },
	{ "R-13", "child signal is the parent's iff CLONE_THREAD" },
	{ "R-14", "pending empty, blocked copied (workers: all), no pdeath" },
	{ "R-15", "seccomp mode and filter are the parent's" },
	{ "R-20", "no CLONE_NEW*: nsproxy shared (time ns exception)" },
	{ "R-21", "CLONE_NEW*: new nsproxy, member new iff its flag" },
	{ "R-22", "cred shared for THREAD w/o thread keyring, else new" },
	{ "R-24", "tgid: parent's with CLONE_THREAD, else the child's pid" },
	{ "R-25", "real_parent, exit_signal, exec ids per THREAD/PARENT" },
	{ "R-26", "has_child_subreaper from the real parent" },
	{ "R-27", "parent is real_parent unless ptrace-on-fork attaches" },
	{ "R-28", "kernel threads PF_KTHREAD; usermode helpers not" },
	{ "R-30", "start_time taken after the caller's snapshot" },
	{ "R-31", "comm copied from the parent unless args->name" },
	{ "R-32", "global pid within [1, pid_max)" },
	{ "R-34", "parent's return value is the child's pid in its pid ns" },
	{ "R-35", "child returns 0; user regs copied, stack and TLS set" },
	{ "R-37", "set_child_tid = child_tid iff CHILD_SETTID" },
	{ "R-38", "clear_child_tid = child_tid iff CHILD_CLEARTID" },
	{ "R-40", "traced child iff PTRACE or enabled event, parent traced" },
	{ "R-41", "child flags: FORKNOEXEC set, KTHREAD/SUPERPRIV.. clear" },
	{ "R-42", "child cpus_mask and nr_cpus_allowed are the parent's" },
	{ "S-01", "state TASK_NEW until wake_up_new_task, then RUNNING" },
	{ "S-02", "prio = parent normal_prio; policy and prios inherited" },
	{ "S-03", "uclamp requests inherited, defaults with reset-on-fork" },
	{ "S-04", "reset-on-fork: RT/DL -> NORMAL nice 0, flag cleared" },
	{ "S-07", "__sched_fork: on_rq = 0" },
	{ "S-10", "wake_up_new_task: on_rq queued, cpu in cpus_ptr" },
	{ "O-03", "sched_process_fork from kernel_clone only, not io/vhost" },
	{ "E-05", "this creator does not exist on the profile's kernel" },
	{ "X-11", "kthread vfork_done points at its exited completion" },
	{ "X-13", "copy_thread: saved frame, stack magic, preempt count" },
	{ "X-14", "clones with a start function: fn/arg in the frame" },
};

/* The registry above and its length. */
const struct model_rule *model_rules(size_t *n)
{
	if (n)
		*n = sizeof(model_rule_table) / sizeof(model_rule_table[0]);
	return model_rule_table;
}

/* Byte-wise string equality (no <string.h> in model/). */
static bool model_streq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

/* Look @id up in the registry; NULL if the model never emits it. */
const struct model_rule *model_rule_find(const char *id)
{
	size_t i, n;
	const struct model_rule *r = model_rules(&n);

	if (!id)
		return NULL;
	for (i = 0; i < n; i++)
		if (model_streq(r[i].id, id))
			return &r[i];
	return NULL;
}

static const char *const model_stage_names[MODEL_STAGE__COUNT] = {
	[MODEL_STAGE_SYS_ENTER]	= "sys_enter",
	[MODEL_STAGE_NEWTASK]	= "task_newtask",
	[MODEL_STAGE_FORK]	= "sched_process_fork",
	[MODEL_STAGE_WAKEUP]	= "sched_wakeup_new",
	[MODEL_STAGE_SYS_EXIT]	= "sys_exit",
	[MODEL_STAGE_CHILD_RET]	= "child_sys_exit",
};

/* Stage name after its tracepoint; "?" if out of range. */
const char *model_stage_name(enum model_stage s)
{
	if ((unsigned int)s >= MODEL_STAGE__COUNT)
		return "?";
	return model_stage_names[s];
}

/* Parse a decimal number of at most 4 digits; NULL if none. */
static const char *model_parse_num(const char *s, int *out)
{
	int v = 0, n = 0;

	while (*s >= '0' && *s <= '9' && n < 4) {
		v = v * 10 + (*s - '0');
		s++;
		n++;
	}
	if (n == 0 || (*s >= '0' && *s <= '9'))
		return NULL;
	*out = v;
	return s;
}

/*
 * Parse uname -r / uname -m, e.g. "6.18.44-fc-v657" and "x86_64", into a
 * profile.  major.minor are kept as they are: the model branches on the
 * version each change entered (E- notes), which also places kernels
 * between the families (e.g. 6.6 behaves as 6.1 for V-16/E-12 but has
 * ret_from_fork_asm); model_profile_family() names the nearest family at
 * or below.  The point release is kept when it is real: Debian's ABI
 * strings ("6.1.0-37-amd64") show .0 for every 6.1.y, so ".0-<digit>"
 * leaves it unknown.  "x86_64" -> X86_64, "aarch64" or "arm64" -> ARM64.
 * Releases before 5.10 (no kernel_clone(), which the BPF side attaches to)
 * are refused.  Other profile members stay zero (unknown).
 * Returns 0 or -EINVAL (anything else, or a malformed release).
 */
int model_profile_from_uname(const char *release, const char *machine,
			     struct model_profile *out)
{
	struct model_profile p = { 0 };
	const char *s, *t;

	if (!release || !machine || !out)
		return -MODEL_EINVAL;
	s = model_parse_num(release, &p.major);
	if (!s || *s != '.')
		return -MODEL_EINVAL;
	s = model_parse_num(s + 1, &p.minor);
	if (!s || (*s != '\0' && *s != '.' && *s != '-' && *s != '+'))
		return -MODEL_EINVAL;
	if (p.major < 5 || (p.major == 5 && p.minor < 10))
		return -MODEL_EINVAL;
	if (*s == '.') {
		t = model_parse_num(s + 1, &p.patch);
		p.patch_known = t != NULL;
		if (t && p.patch == 0 && t[0] == '-' && t[1] >= '0' && t[1] <= '9')
			p.patch_known = false;	/* Debian ABI name */
		if (!p.patch_known)
			p.patch = 0;
	}

	if (model_streq(machine, "x86_64"))
		p.arch = MODEL_ARCH_X86_64;
	else if (model_streq(machine, "aarch64") || model_streq(machine, "arm64"))
		p.arch = MODEL_ARCH_ARM64;
	else
		return -MODEL_EINVAL;

	*out = p;
	return 0;
}

/*
 * The catalogue's version family of a profile: the nearest family at or
 * below its version (5.10 for anything older than 6.0).
 */
enum model_family model_profile_family(const struct model_profile *prof)
{
	if (prof->major > 6 || (prof->major == 6 && prof->minor >= 18))
		return MODEL_FAMILY_6_18;
	if (prof->major == 6 && prof->minor >= 12)
		return MODEL_FAMILY_6_12;
	if (prof->major == 6)
		return MODEL_FAMILY_6_1;
	return MODEL_FAMILY_5_10;
}
