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
 * Rule IDs are those of the rule catalogue (kernel-clone-rules.md).
 *
 * Includes only <stdint.h>, <stdbool.h>, <stddef.h> and task_fields.h (macros).
 */
#ifndef CLONECHECK_MODEL_H
#define CLONECHECK_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "task_fields.h"

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
	uint32_t threads_max;		/* kernel.threads-max (V-24, V-39); 0 unknown */
	uint32_t nr_open;		/* fs.nr_open (V-30, V-41); 0 unknown */
	enum model_cfg sched_ext;	/* CONFIG_SCHED_CLASS_EXT (S-06, 6.12+) */
	enum model_cfg scx_loaded;	/* a BPF scheduler loaded at the start: N when
					 * /sys/kernel/sched_ext/state read "disabled"
					 * (or no CONFIG_SCHED_CLASS_EXT) (S-06) */
	uint32_t uclamp_rt_default;	/* kernel.sched_util_clamp_min_rt_default + 1,
					 * read once at the start (S-09); 0 unknown */
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
 * Groups of struct model_task members (model/task_fields.h); a member of a
 * group is meaningful only if its bit is set in @valid.  ALWAYS members are
 * read at every point.  The parent's bits decide which inputs the model may
 * use; the differ uses a child's bits (with model_field_input()) to skip
 * fields BPF did not read.
 */
#define MODEL_IN_BIT(G, bit) MODEL_IN_##G = 1u << (bit),
enum model_input {
	MODEL_IN_ALWAYS = 0,
	TASK_GROUPS(MODEL_IN_BIT)
};
#undef MODEL_IN_BIT

/*
 * A task as seen at one stage: the parent's snapshot (at syscall entry) or
 * the child's state at NEWTASK/FORK/WAKEUP.  Kernel pointers are kept only as
 * opaque identities (0 = NULL): the model compares them, never follows them.
 * The members and the kernel expression each one is read from are listed
 * once, in model/task_fields.h (C16 members become NAME_lo and NAME_hi).
 */
#define MODEL_MEMBER_U64(n) uint64_t n;
#define MODEL_MEMBER_S64(n) int64_t n;
#define MODEL_MEMBER_U32(n) uint32_t n;
#define MODEL_MEMBER_S32(n) int32_t n;
#define MODEL_MEMBER_C16(n) uint64_t n##_lo, n##_hi;
#define MODEL_MEMBER(part, t, n, N, g) TASK_PICK_MODEL_##part(MODEL_MEMBER_##t(n))
struct model_task {
	uint32_t valid;			/* MODEL_IN_* bits of the members read */
	TASK_FIELDS(MODEL_MEMBER)
};

/* The fields an expectation can name; one per struct model_task member. */
#define MODEL_FIELD_ENUM_U64(N) MODEL_FIELD_##N,
#define MODEL_FIELD_ENUM_S64(N) MODEL_FIELD_##N,
#define MODEL_FIELD_ENUM_U32(N) MODEL_FIELD_##N,
#define MODEL_FIELD_ENUM_S32(N) MODEL_FIELD_##N,
#define MODEL_FIELD_ENUM_C16(N) MODEL_FIELD_##N##_LO, MODEL_FIELD_##N##_HI,
#define MODEL_FIELD_ENUM(part, t, n, N, g) TASK_PICK_MODEL_##part(MODEL_FIELD_ENUM_##t(N))
enum model_field {
	TASK_FIELDS(MODEL_FIELD_ENUM)
	MODEL_FIELD__COUNT
};

/* Value of one field of a task, widened to 64 bits (sign kept). */
int64_t model_task_field(const struct model_task *t, enum model_field f);
/* Each field's MODEL_IN_* group (fields.c): read it with model_field_input(). */
extern const uint32_t model_field_inputs[MODEL_FIELD__COUNT];
/*
 * The MODEL_IN_* group of a field; 0 for the always-read fields.  Inline:
 * the model and the differ ask it about 230 times a clone (callgrind: as a
 * call, with the registers its callers save around it, 8% of an offline
 * check).
 */
static inline uint32_t model_field_input(enum model_field f)
{
	return (unsigned int)f < MODEL_FIELD__COUNT ? model_field_inputs[f] : 0;
}
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
	/* kernel entries: */
	bool creator_after_copy;	/* the creating task was read at task_newtask,
					 * after copy_process() changed it (its
					 * PF_NPROC_EXCEEDED is cleared there) */
};

/*
 * The creator's context (tracepoint backend): what is known of a clone no
 * syscall made when copy_process()'s arguments were not read.  The
 * creating task itself (current at task_newtask) is the model_task given
 * with it; these are the rest.
 */
struct model_creator {
	bool sysnr_known;	/* the creator's saved syscall number was read */
	uint32_t sysnr;		/* ... x86_64 orig_ax, arm64 syscallno
				 * (0xffff: negative, not in a syscall) */
	bool clone_io;		/* task_newtask's clone_flags has CLONE_IO */
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
	bool creator_after_copy; /* model_syscall's: the creator read after the copy */
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
	MODEL_OP_EQ_CHILD_NR,	/* observed == the child's pid number value
				 * levels above its own at NEWTASK (pid_nr0..3:
				 * value 0 is its number in its own pid ns) */
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
	/*
	 * Its cause acts only before copy_process() calls sched_fork()
	 * (V-22 copy_creds(), V-23 RLIMIT_NPROC, V-24 threads-max: kernel/fork.c,
	 * v5.10.262, v6.1.192, v6.12.118, v6.18, v7.2.13).  A clone whose
	 * sched_fork() exit was observed (fexit/kretprobe backends, whatever it
	 * returned) got past those tests: the differ then does not allow it.
	 */
	bool before_sched_fork;
};

/*
 * When an ordering may be reversed: a cause the model cannot see in its
 * inputs, named so that the differ can look for it in what was observed.
 * The reversed order then holds only as an allowed alternative.
 */
enum model_order_unless {
	MODEL_ORDER_ALWAYS = 0,		/* no exception */
	MODEL_ORDER_UNLESS_PARENT_KILLED, /* P's syscall exit shows SIGKILL
					 * pending: a killable wait ended early */
};

/* Stage `before` is observed no later than stage `after` (same clock). */
struct model_order {
	const char *rule;	/* rule that orders them, e.g. "D.1" */
	enum model_stage before;
	enum model_stage after;
	enum model_order_unless unless; /* when the reverse is allowed */
};

#define MODEL_MAX_EXPECT 256
#define MODEL_MAX_ALT 20
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

/*
 * Which kernel function made a clone, from its creator's context alone
 * (no kernel_clone_args): fills sc (entry, the arguments that creator
 * always passes, creator_after_copy); 0, or -1 when the context does not
 * decide it (the clone is then not judged).
 */
int model_creator_entry(const struct model_profile *prof, const struct model_task *creator,
			const struct model_creator *ctx, struct model_syscall *sc);

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
 * catalogue the rule catalogue (kernel-clone-rules.md) (errata applied) and every
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

/*
 * An injection plan word (MODEL_FIELD_INJECT, model/inject_plan.h): its
 * kind's short name, the kernel function it sits on, and the rule its
 * failure exercises; NULL for none.
 */
const char *model_inject_name(uint64_t word);
const char *model_inject_hook(uint64_t word);
const char *model_inject_rule(uint64_t word);

#endif /* CLONECHECK_MODEL_H */
