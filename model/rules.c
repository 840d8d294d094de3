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
	{ "V-15", "CLONE_THREAD with NEWUSER or NEWPID -> EINVAL" },
	{ "V-17", "PIDFD with DETACHED (before 6.9 also THREAD) -> EINVAL" },
	{ "V-20", "signal pending at the fork gate -> ERESTARTNOINTR" },
	{ "V-21", "task or resource allocation fails -> ENOMEM" },
	{ "V-22", "NEWUSER: create_user_ns fails -> EPERM or ENOSPC" },
	{ "V-23", "RLIMIT_NPROC, threads-max, pid or pids.max -> EAGAIN" },
	{ "V-27", "SCHED_DEADLINE parent without reset-on-fork -> EAGAIN" },
	{ "V-34", "namespaces: EPERM, NEWIPC|SYSVSEM EINVAL, ENOSPC" },
	{ "V-38", "set_tid: bad tid EINVAL, no capability EPERM, EEXIST" },
	{ "V-41", "PIDFD: no free descriptor -> EMFILE" },
	{ "A.4", "a failed clone emits no newtask, fork or wakeup event" },
	{ "R-01", "parent without mm: child mm is NULL" },
	{ "R-02", "child mm is the parent's iff CLONE_VM, else a new mm" },
	{ "R-08", "child files is the parent's iff CLONE_FILES, else new" },
	{ "R-09", "child fs is the parent's iff CLONE_FS, else new" },
	{ "R-12", "child sighand is the parent's iff CLONE_SIGHAND" },
	{ "R-13", "child signal is the parent's iff CLONE_THREAD" },
	{ "R-24", "tgid: parent's with CLONE_THREAD, else the child's pid" },
	{ "R-25", "real_parent and exit_signal per THREAD/PARENT" },
	{ "R-34", "parent's return value is the child's pid in its pid ns" },
	{ "R-35", "the child returns 0 from the syscall (O-06)" },
	{ "R-41", "child flags: FORKNOEXEC set, KTHREAD/SUPERPRIV.. clear" },
	{ "R-42", "child cpus_mask and nr_cpus_allowed are the parent's" },
	{ "S-01", "state TASK_NEW until wake_up_new_task, then RUNNING" },
	{ "S-02", "prio = parent normal_prio; policy and prios inherited" },
	{ "S-04", "reset-on-fork: RT/DL -> NORMAL nice 0, flag cleared" },
	{ "S-07", "__sched_fork: on_rq = 0" },
	{ "S-10", "wake_up_new_task: on_rq queued, cpu in cpus_ptr" },
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

/* One field of a task widened to 64 bits (unsigned fields stay positive). */
int64_t model_task_field(const struct model_task *t, enum model_field f)
{
	switch (f) {
	case MODEL_FIELD_PID:			return t->pid;
	case MODEL_FIELD_TGID:			return t->tgid;
	case MODEL_FIELD_REAL_PARENT_PID:	return t->real_parent_pid;
	case MODEL_FIELD_NS_LEVEL:		return t->ns_level;
	case MODEL_FIELD_MM:			return (int64_t)t->mm;
	case MODEL_FIELD_FILES:			return (int64_t)t->files;
	case MODEL_FIELD_FS:			return (int64_t)t->fs;
	case MODEL_FIELD_SIGHAND:		return (int64_t)t->sighand;
	case MODEL_FIELD_SIGNAL:		return (int64_t)t->signal;
	case MODEL_FIELD_STATE:			return t->state;
	case MODEL_FIELD_ON_RQ:			return t->on_rq;
	case MODEL_FIELD_EXIT_SIGNAL:		return t->exit_signal;
	case MODEL_FIELD_FLAGS:			return t->flags;
	case MODEL_FIELD_SIGNAL_FLAGS:		return t->signal_flags;
	case MODEL_FIELD_GROUP_EXIT_SIGNAL:	return t->group_exit_signal;
	case MODEL_FIELD_POLICY:		return t->policy;
	case MODEL_FIELD_PRIO:			return t->prio;
	case MODEL_FIELD_STATIC_PRIO:		return t->static_prio;
	case MODEL_FIELD_NORMAL_PRIO:		return t->normal_prio;
	case MODEL_FIELD_RT_PRIORITY:		return t->rt_priority;
	case MODEL_FIELD_RESET_ON_FORK:		return t->reset_on_fork;
	case MODEL_FIELD_CPU:			return t->cpu;
	case MODEL_FIELD_NR_CPUS_ALLOWED:	return t->nr_cpus_allowed;
	case MODEL_FIELD_CPUS_MASK:		return (int64_t)t->cpus_mask;
	case MODEL_FIELD_RET:			return t->ret;
	default:				return 0;
	}
}

static const char *const model_field_names[MODEL_FIELD__COUNT] = {
	[MODEL_FIELD_PID]		= "pid",
	[MODEL_FIELD_TGID]		= "tgid",
	[MODEL_FIELD_REAL_PARENT_PID]	= "real_parent_pid",
	[MODEL_FIELD_NS_LEVEL]		= "ns_level",
	[MODEL_FIELD_MM]		= "mm",
	[MODEL_FIELD_FILES]		= "files",
	[MODEL_FIELD_FS]		= "fs",
	[MODEL_FIELD_SIGHAND]		= "sighand",
	[MODEL_FIELD_SIGNAL]		= "signal",
	[MODEL_FIELD_STATE]		= "state",
	[MODEL_FIELD_ON_RQ]		= "on_rq",
	[MODEL_FIELD_EXIT_SIGNAL]	= "exit_signal",
	[MODEL_FIELD_FLAGS]		= "flags",
	[MODEL_FIELD_SIGNAL_FLAGS]	= "signal_flags",
	[MODEL_FIELD_GROUP_EXIT_SIGNAL]	= "group_exit_signal",
	[MODEL_FIELD_POLICY]		= "policy",
	[MODEL_FIELD_PRIO]		= "prio",
	[MODEL_FIELD_STATIC_PRIO]	= "static_prio",
	[MODEL_FIELD_NORMAL_PRIO]	= "normal_prio",
	[MODEL_FIELD_RT_PRIORITY]	= "rt_priority",
	[MODEL_FIELD_RESET_ON_FORK]	= "reset_on_fork",
	[MODEL_FIELD_CPU]		= "cpu",
	[MODEL_FIELD_NR_CPUS_ALLOWED]	= "nr_cpus_allowed",
	[MODEL_FIELD_CPUS_MASK]		= "cpus_mask",
	[MODEL_FIELD_RET]		= "ret",
};

/* Lower-case field name for reports; "?" if out of range. */
const char *model_field_name(enum model_field f)
{
	if ((unsigned int)f >= MODEL_FIELD__COUNT)
		return "?";
	return model_field_names[f];
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
 * profile.  Only "major.minor" is kept: the families differ by minor
 * (E- notes); "x86_64" -> X86_64, "aarch64" or "arm64" -> ARM64.
 * Returns 0 or -EINVAL (anything else, or a malformed release).
 */
int model_profile_from_uname(const char *release, const char *machine,
			     struct model_profile *out)
{
	struct model_profile p;
	const char *s;

	if (!release || !machine || !out)
		return -MODEL_EINVAL;
	s = model_parse_num(release, &p.major);
	if (!s || *s != '.')
		return -MODEL_EINVAL;
	s = model_parse_num(s + 1, &p.minor);
	if (!s || (*s != '\0' && *s != '.' && *s != '-' && *s != '+'))
		return -MODEL_EINVAL;

	if (model_streq(machine, "x86_64"))
		p.arch = MODEL_ARCH_X86_64;
	else if (model_streq(machine, "aarch64") || model_streq(machine, "arm64"))
		p.arch = MODEL_ARCH_ARM64;
	else
		return -MODEL_EINVAL;

	*out = p;
	return 0;
}
