// SPDX-License-Identifier: GPL-2.0
/*
 * rules.c - the fields of a task (values, names, input groups), the names
 * of the stages, and the kernel profile parsed from uname.  The rule table
 * is in catalogue.c.
 */
#include "model.h"
#include "clone_flags.h"
#include "pred.h"

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
	case MODEL_FIELD_NSPROXY:       return (int64_t)t->nsproxy;
	case MODEL_FIELD_PID_NS_ACTIVE: return (int64_t)t->pid_ns_active;
	case MODEL_FIELD_PID_NS_FOR_CHILDREN: return (int64_t)t->pid_ns_for_children;
	case MODEL_FIELD_PID_NS_CHILDREN_LEVEL: return t->pid_ns_children_level;
	case MODEL_FIELD_TIME_NS:       return (int64_t)t->time_ns;
	case MODEL_FIELD_TIME_NS_FOR_CHILDREN: return (int64_t)t->time_ns_for_children;
	case MODEL_FIELD_MNT_NS:        return (int64_t)t->mnt_ns;
	case MODEL_FIELD_UTS_NS:        return (int64_t)t->uts_ns;
	case MODEL_FIELD_IPC_NS:        return (int64_t)t->ipc_ns;
	case MODEL_FIELD_NET_NS:        return (int64_t)t->net_ns;
	case MODEL_FIELD_CGROUP_NS:     return (int64_t)t->cgroup_ns;
	case MODEL_FIELD_CRED:          return (int64_t)t->cred;
	case MODEL_FIELD_REAL_CRED:     return (int64_t)t->real_cred;
	case MODEL_FIELD_HAS_THREAD_KEYRING: return t->has_thread_keyring;
	case MODEL_FIELD_USER_NS:       return (int64_t)t->user_ns;
	case MODEL_FIELD_USER_NS_LEVEL: return t->user_ns_level;
	case MODEL_FIELD_CAP_EFFECTIVE: return (int64_t)t->cap_effective;
	case MODEL_FIELD_IO_CONTEXT:    return (int64_t)t->io_context;
	case MODEL_FIELD_IOPRIO:        return t->ioprio;
	case MODEL_FIELD_SYSVSEM_UNDO:  return (int64_t)t->sysvsem_undo;
	case MODEL_FIELD_SAS_SS_SP:     return (int64_t)t->sas_ss_sp;
	case MODEL_FIELD_SAS_SS_SIZE:   return (int64_t)t->sas_ss_size;
	case MODEL_FIELD_SAS_SS_FLAGS:  return t->sas_ss_flags;
	case MODEL_FIELD_RSEQ:          return (int64_t)t->rseq;
	case MODEL_FIELD_RSEQ_LEN:      return t->rseq_len;
	case MODEL_FIELD_PTRACE:        return t->ptrace;
	case MODEL_FIELD_PARENT_PID:    return t->parent_pid;
	case MODEL_FIELD_JOBCTL:        return (int64_t)t->jobctl;
	case MODEL_FIELD_BLOCKED:       return (int64_t)t->blocked;
	case MODEL_FIELD_PENDING:       return (int64_t)t->pending;
	case MODEL_FIELD_PDEATH_SIGNAL: return t->pdeath_signal;
	case MODEL_FIELD_SECCOMP_MODE:  return t->seccomp_mode;
	case MODEL_FIELD_SECCOMP_FILTER: return (int64_t)t->seccomp_filter;
	case MODEL_FIELD_OOM_SCORE_ADJ: return t->oom_score_adj;
	case MODEL_FIELD_OOM_SCORE_ADJ_MIN: return t->oom_score_adj_min;
	case MODEL_FIELD_HAS_CHILD_SUBREAPER: return t->has_child_subreaper;
	case MODEL_FIELD_IS_CHILD_SUBREAPER: return t->is_child_subreaper;
	case MODEL_FIELD_COMM_LO:       return (int64_t)t->comm_lo;
	case MODEL_FIELD_COMM_HI:       return (int64_t)t->comm_hi;
	case MODEL_FIELD_SELF_EXEC_ID:  return (int64_t)t->self_exec_id;
	case MODEL_FIELD_PARENT_EXEC_ID: return (int64_t)t->parent_exec_id;
	case MODEL_FIELD_VFORK_DONE:    return (int64_t)t->vfork_done;
	case MODEL_FIELD_SET_CHILD_TID: return (int64_t)t->set_child_tid;
	case MODEL_FIELD_CLEAR_CHILD_TID: return (int64_t)t->clear_child_tid;
	case MODEL_FIELD_MIN_FLT:       return (int64_t)t->min_flt;
	case MODEL_FIELD_MAJ_FLT:       return (int64_t)t->maj_flt;
	case MODEL_FIELD_NVCSW:         return (int64_t)t->nvcsw;
	case MODEL_FIELD_NIVCSW:        return (int64_t)t->nivcsw;
	case MODEL_FIELD_UTIME:         return (int64_t)t->utime;
	case MODEL_FIELD_STIME:         return (int64_t)t->stime;
	case MODEL_FIELD_GTIME:         return (int64_t)t->gtime;
	case MODEL_FIELD_START_TIME:    return (int64_t)t->start_time;
	case MODEL_FIELD_TS_NS:         return (int64_t)t->ts_ns;
	case MODEL_FIELD_UCLAMP_MIN:    return t->uclamp_min;
	case MODEL_FIELD_UCLAMP_MAX:    return t->uclamp_max;
	case MODEL_FIELD_UREGS_IP:      return (int64_t)t->uregs_ip;
	case MODEL_FIELD_UREGS_SP:      return (int64_t)t->uregs_sp;
	case MODEL_FIELD_UREGS_RET:     return (int64_t)t->uregs_ret;
	case MODEL_FIELD_USER_TLS:      return (int64_t)t->user_tls;
	case MODEL_FIELD_KFRAME_RET:    return (int64_t)t->kframe_ret;
	case MODEL_FIELD_KFRAME_FN:     return (int64_t)t->kframe_fn;
	case MODEL_FIELD_KFRAME_ARG:    return (int64_t)t->kframe_arg;
	case MODEL_FIELD_KFRAME_SP_OFF: return t->kframe_sp_off;
	case MODEL_FIELD_KFRAME_FP_OFF: return t->kframe_fp_off;
	case MODEL_FIELD_STACK_END_MAGIC: return (int64_t)t->stack_end_magic;
	case MODEL_FIELD_NEED_RESCHED:  return t->need_resched;
	case MODEL_FIELD_PREEMPT_COUNT: return (int64_t)t->preempt_count;
	case MODEL_FIELD_PID_MAX:       return t->pid_max;
	case MODEL_FIELD_CLONE_FLAGS:   return (int64_t)t->clone_flags;
	case MODEL_FIELD_PID_NS_CHILDREN_REAPER: return t->pid_ns_children_reaper;
	case MODEL_FIELD_AUTOREAP:      return t->autoreap;
	case MODEL_FIELD_NO_NEW_PRIVS:  return t->no_new_privs;
	case MODEL_FIELD_PIDFD_F_FLAGS: return t->pidfd_f_flags;
	case MODEL_FIELD_MNT_NS_NR_MOUNTS: return (int64_t)t->mnt_ns_nr_mounts;
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
	[MODEL_FIELD_NSPROXY]     = "nsproxy",
	[MODEL_FIELD_PID_NS_ACTIVE] = "pid_ns_active",
	[MODEL_FIELD_PID_NS_FOR_CHILDREN] = "pid_ns_for_children",
	[MODEL_FIELD_PID_NS_CHILDREN_LEVEL] = "pid_ns_children_level",
	[MODEL_FIELD_TIME_NS]     = "time_ns",
	[MODEL_FIELD_TIME_NS_FOR_CHILDREN] = "time_ns_for_children",
	[MODEL_FIELD_MNT_NS]      = "mnt_ns",
	[MODEL_FIELD_UTS_NS]      = "uts_ns",
	[MODEL_FIELD_IPC_NS]      = "ipc_ns",
	[MODEL_FIELD_NET_NS]      = "net_ns",
	[MODEL_FIELD_CGROUP_NS]   = "cgroup_ns",
	[MODEL_FIELD_CRED]        = "cred",
	[MODEL_FIELD_REAL_CRED]   = "real_cred",
	[MODEL_FIELD_HAS_THREAD_KEYRING] = "has_thread_keyring",
	[MODEL_FIELD_USER_NS]     = "user_ns",
	[MODEL_FIELD_USER_NS_LEVEL] = "user_ns_level",
	[MODEL_FIELD_CAP_EFFECTIVE] = "cap_effective",
	[MODEL_FIELD_IO_CONTEXT]  = "io_context",
	[MODEL_FIELD_IOPRIO]      = "ioprio",
	[MODEL_FIELD_SYSVSEM_UNDO] = "sysvsem_undo",
	[MODEL_FIELD_SAS_SS_SP]   = "sas_ss_sp",
	[MODEL_FIELD_SAS_SS_SIZE] = "sas_ss_size",
	[MODEL_FIELD_SAS_SS_FLAGS] = "sas_ss_flags",
	[MODEL_FIELD_RSEQ]        = "rseq",
	[MODEL_FIELD_RSEQ_LEN]    = "rseq_len",
	[MODEL_FIELD_PTRACE]      = "ptrace",
	[MODEL_FIELD_PARENT_PID]  = "parent_pid",
	[MODEL_FIELD_JOBCTL]      = "jobctl",
	[MODEL_FIELD_BLOCKED]     = "blocked",
	[MODEL_FIELD_PENDING]     = "pending",
	[MODEL_FIELD_PDEATH_SIGNAL] = "pdeath_signal",
	[MODEL_FIELD_SECCOMP_MODE] = "seccomp_mode",
	[MODEL_FIELD_SECCOMP_FILTER] = "seccomp_filter",
	[MODEL_FIELD_OOM_SCORE_ADJ] = "oom_score_adj",
	[MODEL_FIELD_OOM_SCORE_ADJ_MIN] = "oom_score_adj_min",
	[MODEL_FIELD_HAS_CHILD_SUBREAPER] = "has_child_subreaper",
	[MODEL_FIELD_IS_CHILD_SUBREAPER] = "is_child_subreaper",
	[MODEL_FIELD_COMM_LO]     = "comm_lo",
	[MODEL_FIELD_COMM_HI]     = "comm_hi",
	[MODEL_FIELD_SELF_EXEC_ID] = "self_exec_id",
	[MODEL_FIELD_PARENT_EXEC_ID] = "parent_exec_id",
	[MODEL_FIELD_VFORK_DONE]  = "vfork_done",
	[MODEL_FIELD_SET_CHILD_TID] = "set_child_tid",
	[MODEL_FIELD_CLEAR_CHILD_TID] = "clear_child_tid",
	[MODEL_FIELD_MIN_FLT]     = "min_flt",
	[MODEL_FIELD_MAJ_FLT]     = "maj_flt",
	[MODEL_FIELD_NVCSW]       = "nvcsw",
	[MODEL_FIELD_NIVCSW]      = "nivcsw",
	[MODEL_FIELD_UTIME]       = "utime",
	[MODEL_FIELD_STIME]       = "stime",
	[MODEL_FIELD_GTIME]       = "gtime",
	[MODEL_FIELD_START_TIME]  = "start_time",
	[MODEL_FIELD_TS_NS]       = "ts_ns",
	[MODEL_FIELD_UCLAMP_MIN]  = "uclamp_min",
	[MODEL_FIELD_UCLAMP_MAX]  = "uclamp_max",
	[MODEL_FIELD_UREGS_IP]    = "uregs_ip",
	[MODEL_FIELD_UREGS_SP]    = "uregs_sp",
	[MODEL_FIELD_UREGS_RET]   = "uregs_ret",
	[MODEL_FIELD_USER_TLS]    = "user_tls",
	[MODEL_FIELD_KFRAME_RET]  = "kframe_ret",
	[MODEL_FIELD_KFRAME_FN]   = "kframe_fn",
	[MODEL_FIELD_KFRAME_ARG]  = "kframe_arg",
	[MODEL_FIELD_KFRAME_SP_OFF] = "kframe_sp_off",
	[MODEL_FIELD_KFRAME_FP_OFF] = "kframe_fp_off",
	[MODEL_FIELD_STACK_END_MAGIC] = "stack_end_magic",
	[MODEL_FIELD_NEED_RESCHED] = "need_resched",
	[MODEL_FIELD_PREEMPT_COUNT] = "preempt_count",
	[MODEL_FIELD_PID_MAX]     = "pid_max",
	[MODEL_FIELD_CLONE_FLAGS] = "clone_flags",
	[MODEL_FIELD_PID_NS_CHILDREN_REAPER] = "pid_ns_children_reaper",
	[MODEL_FIELD_AUTOREAP]    = "autoreap",
	[MODEL_FIELD_NO_NEW_PRIVS] = "no_new_privs",
	[MODEL_FIELD_PIDFD_F_FLAGS] = "pidfd_f_flags",
	[MODEL_FIELD_MNT_NS_NR_MOUNTS] = "mnt_ns_nr_mounts",
};

/* The MODEL_IN_* group each appended field belongs to (0: always read). */
static const uint32_t model_field_inputs[MODEL_FIELD__COUNT] = {
	[MODEL_FIELD_NSPROXY]     = MODEL_IN_NS,
	[MODEL_FIELD_PID_NS_ACTIVE] = MODEL_IN_NS,
	[MODEL_FIELD_PID_NS_FOR_CHILDREN] = MODEL_IN_NS,
	[MODEL_FIELD_PID_NS_CHILDREN_LEVEL] = MODEL_IN_NS,
	[MODEL_FIELD_TIME_NS]     = MODEL_IN_NS,
	[MODEL_FIELD_TIME_NS_FOR_CHILDREN] = MODEL_IN_NS,
	[MODEL_FIELD_MNT_NS]      = MODEL_IN_NS,
	[MODEL_FIELD_UTS_NS]      = MODEL_IN_NS,
	[MODEL_FIELD_IPC_NS]      = MODEL_IN_NS,
	[MODEL_FIELD_NET_NS]      = MODEL_IN_NS,
	[MODEL_FIELD_CGROUP_NS]   = MODEL_IN_NS,
	[MODEL_FIELD_CRED]        = MODEL_IN_CRED,
	[MODEL_FIELD_REAL_CRED]   = MODEL_IN_CRED,
	[MODEL_FIELD_HAS_THREAD_KEYRING] = MODEL_IN_CRED,
	[MODEL_FIELD_USER_NS]     = MODEL_IN_CRED,
	[MODEL_FIELD_USER_NS_LEVEL] = MODEL_IN_CRED,
	[MODEL_FIELD_CAP_EFFECTIVE] = MODEL_IN_CRED,
	[MODEL_FIELD_IO_CONTEXT]  = MODEL_IN_IO,
	[MODEL_FIELD_IOPRIO]      = MODEL_IN_IO,
	[MODEL_FIELD_SYSVSEM_UNDO] = MODEL_IN_SYSVSEM,
	[MODEL_FIELD_SAS_SS_SP]   = MODEL_IN_SIGALT,
	[MODEL_FIELD_SAS_SS_SIZE] = MODEL_IN_SIGALT,
	[MODEL_FIELD_SAS_SS_FLAGS] = MODEL_IN_SIGALT,
	[MODEL_FIELD_RSEQ]        = MODEL_IN_RSEQ,
	[MODEL_FIELD_RSEQ_LEN]    = MODEL_IN_RSEQ,
	[MODEL_FIELD_PTRACE]      = MODEL_IN_PTRACE,
	[MODEL_FIELD_PARENT_PID]  = MODEL_IN_PTRACE,
	[MODEL_FIELD_JOBCTL]      = MODEL_IN_PTRACE,
	[MODEL_FIELD_BLOCKED]     = MODEL_IN_SIGNALS,
	[MODEL_FIELD_PENDING]     = MODEL_IN_SIGNALS,
	[MODEL_FIELD_PDEATH_SIGNAL] = MODEL_IN_SIGNALS,
	[MODEL_FIELD_SECCOMP_MODE] = MODEL_IN_SECCOMP,
	[MODEL_FIELD_SECCOMP_FILTER] = MODEL_IN_SECCOMP,
	[MODEL_FIELD_OOM_SCORE_ADJ] = MODEL_IN_OOM,
	[MODEL_FIELD_OOM_SCORE_ADJ_MIN] = MODEL_IN_OOM,
	[MODEL_FIELD_HAS_CHILD_SUBREAPER] = MODEL_IN_SUBREAPER,
	[MODEL_FIELD_IS_CHILD_SUBREAPER] = MODEL_IN_SUBREAPER,
	[MODEL_FIELD_COMM_LO]     = MODEL_IN_COMM,
	[MODEL_FIELD_COMM_HI]     = MODEL_IN_COMM,
	[MODEL_FIELD_SELF_EXEC_ID] = MODEL_IN_EXEC_ID,
	[MODEL_FIELD_PARENT_EXEC_ID] = MODEL_IN_EXEC_ID,
	[MODEL_FIELD_VFORK_DONE]  = MODEL_IN_TIDS,
	[MODEL_FIELD_SET_CHILD_TID] = MODEL_IN_TIDS,
	[MODEL_FIELD_CLEAR_CHILD_TID] = MODEL_IN_TIDS,
	[MODEL_FIELD_MIN_FLT]     = MODEL_IN_COUNTERS,
	[MODEL_FIELD_MAJ_FLT]     = MODEL_IN_COUNTERS,
	[MODEL_FIELD_NVCSW]       = MODEL_IN_COUNTERS,
	[MODEL_FIELD_NIVCSW]      = MODEL_IN_COUNTERS,
	[MODEL_FIELD_UTIME]       = MODEL_IN_COUNTERS,
	[MODEL_FIELD_STIME]       = MODEL_IN_COUNTERS,
	[MODEL_FIELD_GTIME]       = MODEL_IN_COUNTERS,
	[MODEL_FIELD_START_TIME]  = MODEL_IN_TIME,
	[MODEL_FIELD_TS_NS]       = MODEL_IN_TIME,
	[MODEL_FIELD_UCLAMP_MIN]  = MODEL_IN_UCLAMP,
	[MODEL_FIELD_UCLAMP_MAX]  = MODEL_IN_UCLAMP,
	[MODEL_FIELD_UREGS_IP]    = MODEL_IN_UREGS,
	[MODEL_FIELD_UREGS_SP]    = MODEL_IN_UREGS,
	[MODEL_FIELD_UREGS_RET]   = MODEL_IN_UREGS,
	[MODEL_FIELD_USER_TLS]    = MODEL_IN_UREGS,
	[MODEL_FIELD_KFRAME_RET]  = MODEL_IN_KFRAME,
	[MODEL_FIELD_KFRAME_FN]   = MODEL_IN_KFRAME,
	[MODEL_FIELD_KFRAME_ARG]  = MODEL_IN_KFRAME,
	[MODEL_FIELD_KFRAME_SP_OFF] = MODEL_IN_KFRAME,
	[MODEL_FIELD_KFRAME_FP_OFF] = MODEL_IN_KFRAME,
	[MODEL_FIELD_STACK_END_MAGIC] = MODEL_IN_STACK,
	[MODEL_FIELD_NEED_RESCHED] = MODEL_IN_STACK,
	[MODEL_FIELD_PREEMPT_COUNT] = MODEL_IN_STACK,
	[MODEL_FIELD_PID_MAX]     = MODEL_IN_PID_MAX,
	[MODEL_FIELD_PID_NS_CHILDREN_REAPER] = MODEL_IN_PID_REAPER,
	[MODEL_FIELD_AUTOREAP]    = MODEL_IN_AUTOREAP,
	[MODEL_FIELD_NO_NEW_PRIVS] = MODEL_IN_NNP,
	[MODEL_FIELD_PIDFD_F_FLAGS] = MODEL_IN_PIDFD,
	[MODEL_FIELD_MNT_NS_NR_MOUNTS] = MODEL_IN_MNT_COUNT,
};

/* MODEL_IN_* bit a field needs in model_task.valid; 0 if always read. */
uint32_t model_field_input(enum model_field f)
{
	if ((unsigned int)f >= MODEL_FIELD__COUNT)
		return 0;
	return model_field_inputs[f];
}

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
