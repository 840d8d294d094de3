/* SPDX-License-Identifier: GPL-2.0 */
/*
 * model.h - the reference model of kernel_clone(): public API and types.
 *
 * Pure C: the model predicts what the kernel must do for one clone from the
 * parent's state (a snapshot taken before the clone) and the clone's raw
 * syscall arguments only, never from what was seen of the child.
 *
 * A prediction is either an errno with the rule that decides it, or success
 * with a list of expectations: (rule, observation point, field, operator,
 * value).  The differ in src/ checks each expectation against what BPF saw.
 * Rule IDs are those of shared/spec/kernel-clone-rules.md.
 *
 * Includes only <stdint.h>, <stdbool.h> and <stddef.h>.
 */
#ifndef CLONECHECK_MODEL_H
#define CLONECHECK_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---------------------------------------------------------------- profile */

enum model_arch {
	MODEL_ARCH_X86_64,	/* legacy clone(flags, newsp, ptid, ctid, tls) */
	MODEL_ARCH_ARM64,	/* CLONE_BACKWARDS: (flags, newsp, ptid, tls, ctid) */
};

/* A kernel build option the model depends on: unknown unless the host says. */
enum model_cfg {
	MODEL_CFG_UNKNOWN,	/* not supplied: expectations depending on it are skipped */
	MODEL_CFG_N,		/* option off / sysctl 0 */
	MODEL_CFG_Y,		/* option on / sysctl 1 */
};

/*
 * Kernel symbol addresses the host reads from /proc/kallsyms (0 = unknown,
 * the relation is then not checked).  They are inputs, not observations.
 */
struct model_ksyms {
	uint64_t ret_from_fork;		/* "ret_from_fork" */
	uint64_t ret_from_fork_asm;	/* "ret_from_fork_asm" (x86_64, 6.6+) */
};

/* Version families the catalogue was written against (E- table). */
enum model_family {
	MODEL_FAMILY_5_10,	/* 5.10 .. 5.19 */
	MODEL_FAMILY_6_1,	/* 6.0 .. 6.11 */
	MODEL_FAMILY_6_12,	/* 6.12 .. 6.17 */
	MODEL_FAMILY_6_18,	/* 6.18 and later */
};

/*
 * The kernel being judged: version, architecture (E-xx) and the few build
 * or boot facts the model needs.  Members after @arch may be left zero
 * (unknown); a positional { major, minor, arch } initialiser stays valid.
 */
struct model_profile {
	int major;		/* e.g. 6 */
	int minor;		/* e.g. 18; families 5.10, 6.1, 6.12, 6.18 */
	enum model_arch arch;	/* the arch the kernel runs on */
	bool patch_known;	/* @patch is the real point release */
	int patch;		/* e.g. 35 in 6.18.35 (E-13, X-7) */
	enum model_cfg preempt_count;	/* CONFIG_PREEMPT_COUNT (X-13, arm64) */
	enum model_cfg userns_sysctl;	/* Debian kernel.unprivileged_userns_clone;
					 * UNKNOWN = absent (upstream) (V-18, X-5) */
	uint64_t task_size_max;	/* TASK_SIZE_MAX: x86_64 from the paging mode
				 * (2^47 or 2^56 - 4096, X-9), arm64
				 * 1 << CONFIG_ARM64_VA_BITS; 0 unknown
				 * (V-04 access_ok, V-36) */
	struct model_ksyms ksyms;	/* kallsyms addresses */
	enum model_cfg uclamp;		/* CONFIG_UCLAMP_TASK (S-03 exists only with it) */
	uint32_t pid_max;		/* the init pid ns's pid_max; 0 unknown */
};

/*
 * Parse "6.18.44-foo" + "x86_64"/"aarch64" into a profile; 0 or -EINVAL.
 * Releases from 5.10 on are accepted (older ones: -EINVAL); the point
 * release is kept when uname shows it (not for Debian's "6.1.0-37-amd64").
 */
int model_profile_from_uname(const char *release, const char *machine,
			     struct model_profile *out);
/* The version family a profile belongs to (nearest family at or below). */
enum model_family model_profile_family(const struct model_profile *prof);

/* ------------------------------------------------------------ observation */

/* Where an observation is made: the catalogue's O- points. */
enum model_stage {
	MODEL_STAGE_SYS_ENTER,	/* O-01 syscall entry in the parent */
	MODEL_STAGE_NEWTASK,	/* O-02 task:task_newtask, end of copy_process */
	MODEL_STAGE_FORK,	/* O-03 sched:sched_process_fork */
	MODEL_STAGE_WAKEUP,	/* O-04 sched:sched_wakeup_new */
	MODEL_STAGE_SYS_EXIT,	/* O-05 syscall exit in the parent */
	MODEL_STAGE_CHILD_RET,	/* O-06 the child's own syscall exit (ret 0) */
	MODEL_STAGE__COUNT
};

#define MODEL_STAGE_BIT(s) (1u << (s))

/*
 * Groups of struct model_task members added after the first release; a
 * member of a group is meaningful only if its bit is set in @valid.  The
 * members before @valid are always read.  The parent's bits decide which
 * inputs the model may use; the differ may use a child's bits (with
 * model_field_input()) to skip fields BPF did not read.
 */
enum model_input {
	MODEL_IN_NS		= 1u << 0,	/* namespaces */
	MODEL_IN_CRED		= 1u << 1,	/* credentials, capabilities */
	MODEL_IN_IO		= 1u << 2,	/* io_context */
	MODEL_IN_SYSVSEM	= 1u << 3,	/* sysvsem undo list */
	MODEL_IN_SIGALT		= 1u << 4,	/* sigaltstack */
	MODEL_IN_RSEQ		= 1u << 5,	/* rseq registration */
	MODEL_IN_PTRACE		= 1u << 6,	/* ptrace, parent, jobctl */
	MODEL_IN_SIGNALS	= 1u << 7,	/* blocked, pending, pdeath_signal */
	MODEL_IN_SECCOMP	= 1u << 8,	/* seccomp */
	MODEL_IN_OOM		= 1u << 9,	/* oom_score_adj */
	MODEL_IN_SUBREAPER	= 1u << 10,	/* child subreaper flags */
	MODEL_IN_COMM		= 1u << 11,	/* comm */
	MODEL_IN_EXEC_ID	= 1u << 12,	/* exec ids */
	MODEL_IN_TIDS		= 1u << 13,	/* vfork_done, tid pointers */
	MODEL_IN_COUNTERS	= 1u << 14,	/* fault/switch counters, cputime */
	MODEL_IN_TIME		= 1u << 15,	/* start_time, snapshot time */
	MODEL_IN_UCLAMP		= 1u << 16,	/* uclamp requests */
	MODEL_IN_UREGS		= 1u << 17,	/* user registers, TLS */
	MODEL_IN_KFRAME		= 1u << 18,	/* saved kernel switch frame */
	MODEL_IN_STACK		= 1u << 19,	/* stack end, TIF, preempt count */
	MODEL_IN_PID_MAX	= 1u << 20,	/* init pid ns pid_max */
	MODEL_IN_PID_REAPER	= 1u << 21,	/* pid_ns_for_children's reaper */
	MODEL_IN_AUTOREAP	= 1u << 22,	/* signal->autoreap (7.1+) */
	MODEL_IN_NNP		= 1u << 23,	/* no_new_privs */
	MODEL_IN_PIDFD		= 1u << 24,	/* the CLONE_PIDFD file's f_flags */
	MODEL_IN_MNT_COUNT	= 1u << 25,	/* mount ns mount count */
};

/*
 * A task as seen at one stage: the parent's snapshot (at syscall entry) or
 * the child's state at NEWTASK/FORK/WAKEUP.  Kernel pointers are kept only as
 * opaque identities (0 = NULL): the model compares them, never follows them.
 * Each member's comment is the kernel expression BPF reads (task = the
 * task observed; 6.18 names).
 */
struct model_task {
	uint32_t pid;			/* task->pid (global tid) */
	uint32_t tgid;			/* task->tgid (global) */
	uint32_t real_parent_pid;	/* task->real_parent->pid */
	uint32_t ns_level;		/* task->thread_pid->level (0 = init pid ns) */
	uint64_t mm;			/* task->mm identity */
	uint64_t files;			/* task->files identity */
	uint64_t fs;			/* task->fs identity */
	uint64_t sighand;		/* task->sighand identity */
	uint64_t signal;		/* task->signal identity */
	uint32_t state;			/* task->__state (E-01) */
	int32_t on_rq;			/* task->on_rq */
	int32_t exit_signal;		/* task->exit_signal */
	uint32_t flags;			/* task->flags (PF_*) */
	uint32_t signal_flags;		/* task->signal->flags (SIGNAL_*) */
	int32_t group_exit_signal;	/* task->group_leader->exit_signal */
	uint32_t policy;		/* task->policy (SCHED_*) */
	int32_t prio;			/* task->prio */
	int32_t static_prio;		/* task->static_prio */
	int32_t normal_prio;		/* task->normal_prio */
	uint32_t rt_priority;		/* task->rt_priority */
	uint32_t reset_on_fork;		/* task->sched_reset_on_fork (0/1) */
	uint32_t cpu;			/* task_cpu(task) */
	uint32_t nr_cpus_allowed;	/* task->nr_cpus_allowed */
	uint64_t cpus_mask;		/* first 64 bits of *task->cpus_ptr */
	int64_t ret;			/* syscall return (SYS_EXIT/CHILD_RET only) */
	/* -- appended members; meaningful per MODEL_IN_* bit in @valid -- */
	uint32_t valid;			/* MODEL_IN_* bits of the members read */
	/* MODEL_IN_NS */
	uint64_t nsproxy;		/* task->nsproxy identity */
	uint64_t pid_ns_active;		/* task_active_pid_ns(task) identity:
					 * task->thread_pid->numbers[level].ns */
	uint64_t pid_ns_for_children;	/* task->nsproxy->pid_ns_for_children */
	uint32_t pid_ns_children_level;	/* task->nsproxy->pid_ns_for_children->level */
	uint64_t time_ns;		/* task->nsproxy->time_ns */
	uint64_t time_ns_for_children;	/* task->nsproxy->time_ns_for_children */
	uint64_t mnt_ns;		/* task->nsproxy->mnt_ns */
	uint64_t uts_ns;		/* task->nsproxy->uts_ns */
	uint64_t ipc_ns;		/* task->nsproxy->ipc_ns */
	uint64_t net_ns;		/* task->nsproxy->net_ns */
	uint64_t cgroup_ns;		/* task->nsproxy->cgroup_ns */
	/* MODEL_IN_CRED */
	uint64_t cred;			/* task->cred identity (subjective) */
	uint64_t real_cred;		/* task->real_cred identity (objective) */
	uint32_t has_thread_keyring;	/* task->cred->thread_keyring != NULL */
	uint64_t user_ns;		/* task->cred->user_ns identity */
	uint32_t user_ns_level;		/* task->cred->user_ns->level (0 = init) */
	uint64_t cap_effective;		/* task->cred->cap_effective.val */
	/* MODEL_IN_IO */
	uint64_t io_context;		/* task->io_context identity */
	uint32_t ioprio;		/* task->io_context->ioprio (0 if none) */
	/* MODEL_IN_SYSVSEM */
	uint64_t sysvsem_undo;		/* task->sysvsem.undo_list identity */
	/* MODEL_IN_SIGALT */
	uint64_t sas_ss_sp;		/* task->sas_ss_sp */
	uint64_t sas_ss_size;		/* task->sas_ss_size */
	uint32_t sas_ss_flags;		/* task->sas_ss_flags */
	/* MODEL_IN_RSEQ */
	uint64_t rseq;			/* (u64)task->rseq (user pointer) */
	uint32_t rseq_len;		/* task->rseq_len */
	/* MODEL_IN_PTRACE */
	uint32_t ptrace;		/* task->ptrace (PT_* incl. event options) */
	uint32_t parent_pid;		/* task->parent->pid (tracer if traced) */
	uint64_t jobctl;		/* task->jobctl */
	/* MODEL_IN_SIGNALS */
	uint64_t blocked;		/* task->blocked.sig[0] */
	uint64_t pending;		/* task->pending.signal.sig[0] (private) */
	int32_t pdeath_signal;		/* task->pdeath_signal */
	/* MODEL_IN_SECCOMP */
	uint32_t seccomp_mode;		/* task->seccomp.mode */
	uint64_t seccomp_filter;	/* task->seccomp.filter identity */
	/* MODEL_IN_OOM */
	int32_t oom_score_adj;		/* task->signal->oom_score_adj */
	int32_t oom_score_adj_min;	/* task->signal->oom_score_adj_min */
	/* MODEL_IN_SUBREAPER */
	uint32_t has_child_subreaper;	/* task->signal->has_child_subreaper */
	uint32_t is_child_subreaper;	/* task->signal->is_child_subreaper */
	/* MODEL_IN_COMM */
	uint64_t comm_lo;		/* *(u64 *)&task->comm[0] (little endian) */
	uint64_t comm_hi;		/* *(u64 *)&task->comm[8] */
	/* MODEL_IN_EXEC_ID */
	uint64_t self_exec_id;		/* task->self_exec_id */
	uint64_t parent_exec_id;	/* task->parent_exec_id */
	/* MODEL_IN_TIDS */
	uint64_t vfork_done;		/* task->vfork_done identity */
	uint64_t set_child_tid;		/* (u64)task->set_child_tid */
	uint64_t clear_child_tid;	/* (u64)task->clear_child_tid */
	/* MODEL_IN_COUNTERS */
	uint64_t min_flt;		/* task->min_flt */
	uint64_t maj_flt;		/* task->maj_flt */
	uint64_t nvcsw;			/* task->nvcsw */
	uint64_t nivcsw;		/* task->nivcsw */
	uint64_t utime;			/* task->utime */
	uint64_t stime;			/* task->stime */
	uint64_t gtime;			/* task->gtime */
	/* MODEL_IN_TIME */
	uint64_t start_time;		/* task->start_time (CLOCK_MONOTONIC ns) */
	uint64_t ts_ns;			/* bpf_ktime_get_ns() when this snapshot was
					 * taken (parent: at syscall entry) */
	/* MODEL_IN_UCLAMP */
	uint32_t uclamp_min;		/* task->uclamp_req[UCLAMP_MIN].value */
	uint32_t uclamp_max;		/* task->uclamp_req[UCLAMP_MAX].value */
	/* MODEL_IN_UREGS */
	uint64_t uregs_ip;		/* task_pt_regs(task): x86 ip, arm64 pc */
	uint64_t uregs_sp;		/* task_pt_regs(task)->sp */
	uint64_t uregs_ret;		/* task_pt_regs(task): x86 ax, arm64 regs[0] */
	uint64_t user_tls;		/* x86_64 task->thread.fsbase; arm64
					 * task->thread.uw.tp_value (the saved
					 * copy: may lag the register in current) */
	/* MODEL_IN_KFRAME: the saved kernel context copy_thread() builds */
	uint64_t kframe_ret;		/* arm64 task->thread.cpu_context.pc; x86_64
					 * ((struct inactive_task_frame *)
					 * task->thread.sp)->ret_addr */
	uint64_t kframe_fn;		/* arm64 cpu_context.x19; x86_64 frame->bx */
	uint64_t kframe_arg;		/* arm64 cpu_context.x20; x86_64 frame->r12 */
	int64_t kframe_sp_off;		/* arm64 cpu_context.sp, x86_64 thread.sp,
					 * minus (u64)task_pt_regs(task) */
	int64_t kframe_fp_off;		/* arm64 cpu_context.fp minus
					 * (u64)&task_pt_regs(task)->stackframe;
					 * x86_64: not defined (0) */
	/* MODEL_IN_STACK */
	uint64_t stack_end_magic;	/* *end_of_stack(task) */
	uint32_t need_resched;		/* test_tsk_thread_flag(task, TIF_NEED_RESCHED) */
	uint64_t preempt_count;		/* arm64 task_thread_info(task)->preempt_count
					 * (u64); x86: per-CPU, not read */
	/* MODEL_IN_PID_MAX */
	uint64_t clone_flags;		/* task_newtask's clone_flags (args->flags):
					 * an observation of the child only */
	uint32_t pid_max;		/* pid_max of the init pid ns (6.14+:
					 * init_pid_ns.pid_max, else pid_max) */
	/* MODEL_IN_PID_REAPER (parent: V-38) */
	uint32_t pid_ns_children_reaper; /* task->nsproxy->pid_ns_for_children
					 * ->child_reaper != NULL (0/1) */
	/* MODEL_IN_AUTOREAP (parent: V-49; child: R-46) */
	uint32_t autoreap;		/* task->signal->autoreap (7.1+; 0 on
					 * kernels without the member) */
	/* MODEL_IN_NNP */
	uint32_t no_new_privs;		/* task_no_new_privs(task): bit
					 * PFA_NO_NEW_PRIVS (0) of
					 * task->atomic_flags (0/1) */
	/* MODEL_IN_PIDFD (child at task_newtask only: R-47) */
	uint32_t pidfd_f_flags;		/* f_flags of the file CLONE_PIDFD
					 * installed: current->files' entry
					 * number *args->pidfd (user memory),
					 * read at task_newtask; 0 without
					 * CLONE_PIDFD */
	/* MODEL_IN_MNT_COUNT (child: R-48) */
	uint64_t mnt_ns_nr_mounts;	/* task->nsproxy->mnt_ns->nr_mounts */
};

/* The fields an expectation can name; one per struct model_task member. */
enum model_field {
	MODEL_FIELD_PID,
	MODEL_FIELD_TGID,
	MODEL_FIELD_REAL_PARENT_PID,
	MODEL_FIELD_NS_LEVEL,
	MODEL_FIELD_MM,
	MODEL_FIELD_FILES,
	MODEL_FIELD_FS,
	MODEL_FIELD_SIGHAND,
	MODEL_FIELD_SIGNAL,
	MODEL_FIELD_STATE,
	MODEL_FIELD_ON_RQ,
	MODEL_FIELD_EXIT_SIGNAL,
	MODEL_FIELD_FLAGS,
	MODEL_FIELD_SIGNAL_FLAGS,
	MODEL_FIELD_GROUP_EXIT_SIGNAL,
	MODEL_FIELD_POLICY,
	MODEL_FIELD_PRIO,
	MODEL_FIELD_STATIC_PRIO,
	MODEL_FIELD_NORMAL_PRIO,
	MODEL_FIELD_RT_PRIORITY,
	MODEL_FIELD_RESET_ON_FORK,
	MODEL_FIELD_CPU,
	MODEL_FIELD_NR_CPUS_ALLOWED,
	MODEL_FIELD_CPUS_MASK,
	MODEL_FIELD_RET,
	/* appended: one per appended struct model_task member, same order */
	MODEL_FIELD_NSPROXY,
	MODEL_FIELD_PID_NS_ACTIVE,
	MODEL_FIELD_PID_NS_FOR_CHILDREN,
	MODEL_FIELD_PID_NS_CHILDREN_LEVEL,
	MODEL_FIELD_TIME_NS,
	MODEL_FIELD_TIME_NS_FOR_CHILDREN,
	MODEL_FIELD_MNT_NS,
	MODEL_FIELD_UTS_NS,
	MODEL_FIELD_IPC_NS,
	MODEL_FIELD_NET_NS,
	MODEL_FIELD_CGROUP_NS,
	MODEL_FIELD_CRED,
	MODEL_FIELD_REAL_CRED,
	MODEL_FIELD_HAS_THREAD_KEYRING,
	MODEL_FIELD_USER_NS,
	MODEL_FIELD_USER_NS_LEVEL,
	MODEL_FIELD_CAP_EFFECTIVE,
	MODEL_FIELD_IO_CONTEXT,
	MODEL_FIELD_IOPRIO,
	MODEL_FIELD_SYSVSEM_UNDO,
	MODEL_FIELD_SAS_SS_SP,
	MODEL_FIELD_SAS_SS_SIZE,
	MODEL_FIELD_SAS_SS_FLAGS,
	MODEL_FIELD_RSEQ,
	MODEL_FIELD_RSEQ_LEN,
	MODEL_FIELD_PTRACE,
	MODEL_FIELD_PARENT_PID,
	MODEL_FIELD_JOBCTL,
	MODEL_FIELD_BLOCKED,
	MODEL_FIELD_PENDING,
	MODEL_FIELD_PDEATH_SIGNAL,
	MODEL_FIELD_SECCOMP_MODE,
	MODEL_FIELD_SECCOMP_FILTER,
	MODEL_FIELD_OOM_SCORE_ADJ,
	MODEL_FIELD_OOM_SCORE_ADJ_MIN,
	MODEL_FIELD_HAS_CHILD_SUBREAPER,
	MODEL_FIELD_IS_CHILD_SUBREAPER,
	MODEL_FIELD_COMM_LO,
	MODEL_FIELD_COMM_HI,
	MODEL_FIELD_SELF_EXEC_ID,
	MODEL_FIELD_PARENT_EXEC_ID,
	MODEL_FIELD_VFORK_DONE,
	MODEL_FIELD_SET_CHILD_TID,
	MODEL_FIELD_CLEAR_CHILD_TID,
	MODEL_FIELD_MIN_FLT,
	MODEL_FIELD_MAJ_FLT,
	MODEL_FIELD_NVCSW,
	MODEL_FIELD_NIVCSW,
	MODEL_FIELD_UTIME,
	MODEL_FIELD_STIME,
	MODEL_FIELD_GTIME,
	MODEL_FIELD_START_TIME,
	MODEL_FIELD_TS_NS,
	MODEL_FIELD_UCLAMP_MIN,
	MODEL_FIELD_UCLAMP_MAX,
	MODEL_FIELD_UREGS_IP,
	MODEL_FIELD_UREGS_SP,
	MODEL_FIELD_UREGS_RET,
	MODEL_FIELD_USER_TLS,
	MODEL_FIELD_KFRAME_RET,
	MODEL_FIELD_KFRAME_FN,
	MODEL_FIELD_KFRAME_ARG,
	MODEL_FIELD_KFRAME_SP_OFF,
	MODEL_FIELD_KFRAME_FP_OFF,
	MODEL_FIELD_STACK_END_MAGIC,
	MODEL_FIELD_NEED_RESCHED,
	MODEL_FIELD_PREEMPT_COUNT,
	MODEL_FIELD_PID_MAX,
	MODEL_FIELD_CLONE_FLAGS,
	MODEL_FIELD_PID_NS_CHILDREN_REAPER,
	MODEL_FIELD_AUTOREAP,
	MODEL_FIELD_NO_NEW_PRIVS,
	MODEL_FIELD_PIDFD_F_FLAGS,
	MODEL_FIELD_MNT_NS_NR_MOUNTS,
	MODEL_FIELD__COUNT
};

/* Value of one field of a task, widened to 64 bits (sign kept). */
int64_t model_task_field(const struct model_task *t, enum model_field f);
/* The MODEL_IN_* group of a field; 0 for the always-read fields. */
uint32_t model_field_input(enum model_field f);
/* Short lower-case name of a field, e.g. "mm", "exit_signal". */
const char *model_field_name(enum model_field f);
/* Short name of a stage, e.g. "task_newtask". */
const char *model_stage_name(enum model_stage s);

/* ---------------------------------------------------------------- request */

enum model_entry {
	MODEL_ENTRY_FORK,	/* fork(2): V-01 */
	MODEL_ENTRY_VFORK,	/* vfork(2): V-02 */
	MODEL_ENTRY_CLONE,	/* legacy clone(2): V-03 */
	MODEL_ENTRY_CLONE3,	/* clone3(2): V-04 */
	/*
	 * Kernel-internal creators.  arg[0] = args->fn, arg[1] =
	 * args->fn_arg (0 = unknown), arg[2] = the flags argument of
	 * kernel_thread() / user_mode_thread() (exit signal in the low byte).
	 */
	MODEL_ENTRY_KTHREAD,	/* kernel/fork.c:kernel_thread() (kthreadd) */
	MODEL_ENTRY_IO_WORKER,	/* kernel/fork.c:create_io_thread() (io_uring) */
	MODEL_ENTRY_USER_WORKER, /* kernel/vhost_task.c:vhost_task_create() (6.4+) */
	MODEL_ENTRY_UMH,	/* kernel/fork.c:user_mode_thread() (usermode helper) */
};

/* struct clone_args (uapi) as read from user memory, zero-filled to 88 bytes. */
struct model_clone_args_user {
	uint64_t flags;
	uint64_t pidfd;
	uint64_t child_tid;
	uint64_t parent_tid;
	uint64_t exit_signal;
	uint64_t stack;
	uint64_t stack_size;
	uint64_t tls;
	uint64_t set_tid;
	uint64_t set_tid_size;
	uint64_t cgroup;
};

/* What user space asked for at syscall entry (O-01). */
struct model_syscall {
	enum model_entry entry;		/* which syscall */
	uint64_t arg[5];		/* raw arguments in the arch's order */
	/* clone3 only (arg[0] = uargs pointer, arg[1] = size): */
	bool uargs_fault;		/* reading the struct faulted (EFAULT) */
	bool uargs_tail_nonzero;	/* a byte in [88, size) is non-zero */
	bool set_tid_fault;		/* reading the set_tid array faulted */
	struct model_clone_args_user uargs; /* the struct as read */
	bool set_tid_known;		/* set_tid_vals[] holds the array as read */
	int32_t set_tid_vals[32];	/* the set_tid array (MAX_PID_NS_LEVEL entries) */
};

/*
 * struct kernel_clone_args as the entry point builds it
 * (include/linux/sched/task.h), for the fields the model uses.
 */
struct model_kargs {
	uint64_t flags;		/* clone flags, exit-signal byte removed */
	int32_t exit_signal;	/* args->exit_signal */
	uint64_t pidfd;		/* user pointer */
	uint64_t child_tid;	/* user pointer */
	uint64_t parent_tid;	/* user pointer */
	uint64_t stack;		/* top of stack on stack-grows-down arches */
	uint64_t stack_size;
	uint64_t tls;
	uint64_t set_tid;	/* user pointer */
	uint64_t set_tid_size;
	uint64_t cgroup;	/* cgroup fd (INTO_CGROUP) */
	uint64_t fn;		/* args->fn (kernel entries; 0 = none or unknown) */
	uint64_t fn_arg;	/* args->fn_arg */
	bool has_fn;		/* args->fn != NULL */
	bool kthread;		/* args->kthread */
	bool io_thread;		/* args->io_thread */
	bool user_worker;	/* args->user_worker (6.4+) */
	bool no_files;		/* args->no_files (6.4+) */
	bool has_name;		/* args->name != NULL (6.4+, E-21) */
	int trace;		/* kernel_clone()'s ptrace event as the model
				 * computes it; 0 none or not known */
	bool stack_unsure;	/* clone3: the profile's TASK_SIZE_MAX is
				 * unknown and the stack's end lies between
				 * the possible limits: V-04's EINVAL is
				 * allowed instead */
};

/* ------------------------------------------------------------- prediction */

enum model_op {
	MODEL_OP_EQ,		/* observed == value */
	MODEL_OP_NE,		/* observed != value */
	MODEL_OP_NEW,		/* observed != value && observed != 0 */
	MODEL_OP_BITS_SET,	/* (observed & value) == value */
	MODEL_OP_BITS_CLEAR,	/* (observed & value) == 0 */
	MODEL_OP_IN_MASK,	/* observed < 64 && (value >> observed) & 1 */
	MODEL_OP_EQ_CHILD_PID,	/* observed == the child's pid at NEWTASK */
	MODEL_OP_GE,		/* (uint64_t)observed >= (uint64_t)value */
	MODEL_OP_LE,		/* (uint64_t)observed <= (uint64_t)value */
};

/* One checkable consequence of a rule. */
struct model_expect {
	const char *rule;	/* catalogue ID, e.g. "R-02" */
	enum model_stage stage;	/* where the field is observed (child side) */
	enum model_field field;	/* which field */
	enum model_op op;	/* how it is compared */
	int64_t value;		/* operand (identity, constant or mask) */
};

/* An errno the environment may cause and the model cannot rule out. */
struct model_alt {
	int err;		/* negative errno */
	const char *rule;	/* rule that allows it, e.g. "V-24" */
};

/* Stage `before` is observed no later than stage `after` (same clock). */
struct model_order {
	const char *rule;	/* rule that orders them, e.g. "D.1" */
	enum model_stage before;
	enum model_stage after;
};

#define MODEL_MAX_EXPECT 256
#define MODEL_MAX_ALT 16
#define MODEL_MAX_ORDER 8

struct model_pred {
	int err;			/* 0: success; else the -errno that must come back */
	const char *err_rule;		/* rule deciding err (NULL on success) */
	struct model_kargs kargs;	/* kernel_clone_args built by the entry point */
	uint32_t stages_required;	/* MODEL_STAGE_BIT()s that must be seen */
	uint32_t stages_forbidden;	/* MODEL_STAGE_BIT()s that must not be seen */
	const char *stages_rule;	/* rule for the forbidden set, e.g. "A.4" */
	size_t n_alt;			/* environmental failures allowed instead of success */
	struct model_alt alt[MODEL_MAX_ALT];
	size_t n_expect;		/* expectations on the child (success only) */
	struct model_expect expect[MODEL_MAX_EXPECT];
	uint32_t inputs;		/* MODEL_IN_* groups expectations may name:
					 * the parent snapshot's valid bits (BPF
					 * reads a group for parent and child alike) */
	size_t n_order;			/* ordering of the stages (success only) */
	struct model_order order[MODEL_MAX_ORDER];
	size_t n_dropped;		/* expectations, alternatives or orders
					 * that did not fit (a model bug): the
					 * prediction is incomplete and no clone
					 * judged by it may pass */
};

/*
 * Predict one clone: entry-point validation (V-01..V-04, kernel creators),
 * kernel_clone (V-05), copy_process flag checks (V-10..V-18), the failures
 * the snapshot decides (V-22, V-27, V-34, V-36..V-38), then the child (R-,
 * S-, X- rules).  parent is P's snapshot at syscall entry (or the creating
 * task for the kernel entries).  Always fills *out.
 */
void model_kernel_clone(const struct model_profile *prof,
			const struct model_task *parent,
			const struct model_syscall *sc,
			struct model_pred *out);

/* Build kernel_clone_args for one entry point (V-01..V-04); 0 or -errno. */
int model_sys_entry(const struct model_profile *prof, const struct model_syscall *sc,
		    struct model_kargs *out, const char **rule);

/* copy_process()'s early flag checks (V-10..V-18, V-48..V-51); 0 or -errno. */
int model_copy_process_checks(const struct model_profile *prof,
			      const struct model_task *parent,
			      const struct model_kargs *args, const char **rule);

/* ------------------------------------------------------------------ rules */

/*
 * What deciding a rule needs: a fixed set of classes, so that reports can
 * group the rules a run did not exercise by reason.
 */
enum model_rule_need {
	MODEL_NEED_NOTHING,	/* decided here, from the syscall boundary */
	MODEL_NEED_COPY_ARGS,	/* decided, but only for clones made inside
				 * the kernel: needs copy_process()'s
				 * arguments (fentry or kprobe backend) */
	MODEL_NEED_FAULT,	/* needs fault injection (allocations) */
	MODEL_NEED_RACE,	/* racy by nature (signals, other tasks) */
	MODEL_NEED_UNOBSERVED,	/* needs state BPF does not observe */
	MODEL_NEED_RESTATES,	/* restates another rule, counted there */
	MODEL_NEED__COUNT
};

/*
 * One row of the model's rule table (model/catalogue.c): every ID of the
 * catalogue shared/spec/kernel-clone-rules.md (errata applied) and every
 * ID the model emits, in catalogue order.
 */
struct model_rule {
	const char *id;		/* "R-02" */
	const char *statement;	/* one line, for reports (< 70 chars) */
	char family;		/* V R S O X D A E: the ID's first letter */
	enum model_rule_need need; /* what deciding it needs */
	int since;		/* first version (major * 100 + minor), 0 always */
	int until;		/* first version without it, 0 still present */
	int arch;		/* -1 any arch, else the only enum model_arch */
	const char *note;	/* why not decided (need != NOTHING), or which
				 * part is decided; NULL */
	const char *na;		/* why it does not apply outside since/until/
				 * arch; NULL */
};

/* The whole rule table, in catalogue order. */
const struct model_rule *model_rules(size_t *n);
/* Look a rule up by ID; NULL if the table has no such ID. */
const struct model_rule *model_rule_find(const char *id);
/* Short phrase for a class, e.g. "needs fault injection"; "?" if unknown. */
const char *model_rule_need_name(enum model_rule_need need);

/* One catalogue rule, as reports list it (model_catalogue()). */
struct model_cat_entry {
	const char *id;		/* "V-16" */
	const char *statement;	/* one line */
	bool decided;		/* the model predicts this rule (class NOTHING
				 * or COPY_ARGS) and it applies */
	bool applies;		/* the rule exists on the profile's kernel/arch */
	const char *reason;	/* why not decided or not applicable; NULL if both */
	char family;		/* V R S O X D A E */
	enum model_rule_need need; /* the row's class */
};

/*
 * Every rule of the table, in catalogue order, for @prof.  Fills up to
 * @max entries of @out (may be NULL) and returns the number of rules.
 */
size_t model_catalogue(const struct model_profile *prof,
		       struct model_cat_entry *out, size_t max);

#endif /* CLONECHECK_MODEL_H */
