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

/* The kernel being judged: version family and architecture (E-xx). */
struct model_profile {
	int major;		/* e.g. 6 */
	int minor;		/* e.g. 18; families 5.10, 6.1, 6.12, 6.18 */
	enum model_arch arch;	/* the arch the kernel runs on */
};

/* Parse "6.18.44-foo" + "x86_64"/"aarch64" into a profile; 0 or -EINVAL. */
int model_profile_from_uname(const char *release, const char *machine,
			     struct model_profile *out);

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
 * A task as seen at one stage: the parent's snapshot (at syscall entry) or
 * the child's state at NEWTASK/FORK/WAKEUP.  Kernel pointers are kept only as
 * opaque identities (0 = NULL): the model compares them, never follows them.
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
	MODEL_FIELD__COUNT
};

/* Value of one field of a task, widened to 64 bits (sign kept). */
int64_t model_task_field(const struct model_task *t, enum model_field f);
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

#define MODEL_MAX_EXPECT 96
#define MODEL_MAX_ALT 8

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
};

/*
 * Predict one clone: entry-point validation (V-01..V-04), kernel_clone (V-05),
 * copy_process flag checks (V-10..V-17), then the child (R-, S- rules).
 * parent is P's snapshot at syscall entry.  Always fills *out.
 */
void model_kernel_clone(const struct model_profile *prof,
			const struct model_task *parent,
			const struct model_syscall *sc,
			struct model_pred *out);

/* Build kernel_clone_args for one entry point (V-01..V-04); 0 or -errno. */
int model_sys_entry(const struct model_profile *prof, const struct model_syscall *sc,
		    struct model_kargs *out, const char **rule);

/* copy_process()'s early flag checks (V-10..V-17); 0 or -errno. */
int model_copy_process_checks(const struct model_profile *prof,
			      const struct model_task *parent,
			      const struct model_kargs *args, const char **rule);

/* ------------------------------------------------------------------ rules */

struct model_rule {
	const char *id;		/* "R-02" */
	const char *statement;	/* one line, for reports */
};

/* The rules this model implements, in catalogue order. */
const struct model_rule *model_rules(size_t *n);
/* Look a rule up by ID; NULL if the model does not implement it. */
const struct model_rule *model_rule_find(const char *id);

#endif /* CLONECHECK_MODEL_H */
