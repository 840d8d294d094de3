/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pred.h - building a prediction: the helpers every stage file of the model
 * uses (version tests, expectations, alternatives, orderings, decided
 * failures).  pred.c depends on model.h only; the stage files (syscall.c,
 * fork.c, copy.c, thread.c, sched.c) depend on this header, model.h and
 * clone_flags.h, and on nothing of each other.  Not part of the public API:
 * src/ includes model.h only.
 */
#ifndef CLONECHECK_MODEL_PRED_H
#define CLONECHECK_MODEL_PRED_H

#include "model.h"

/* Elements of an array (model/ includes nothing from src/). */
#define MODEL_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Stages a clone that fails before copy_process() ends may emit (A.4). */
#define MODEL_STAGES_FAIL	(MODEL_STAGE_BIT(MODEL_STAGE_SYS_ENTER) | \
				 MODEL_STAGE_BIT(MODEL_STAGE_SYS_EXIT))
#define MODEL_STAGES_CHILD	(MODEL_STAGE_BIT(MODEL_STAGE_NEWTASK) | \
				 MODEL_STAGE_BIT(MODEL_STAGE_FORK) | \
				 MODEL_STAGE_BIT(MODEL_STAGE_WAKEUP) | \
				 MODEL_STAGE_BIT(MODEL_STAGE_CHILD_RET))

/* true if the profile's kernel is at least major.minor. */
bool model_version_ge(const struct model_profile *prof, int major, int minor);

/*
 * true if the profile's kernel is at least major.minor.patch; for the same
 * major.minor with an unknown point release, @unknown decides.
 */
bool model_release_ge(const struct model_profile *prof, int major, int minor,
		      int patch, bool unknown);

/*
 * Append one expectation to out->expect[]; skipped when the field's
 * MODEL_IN_* group is not in out->inputs; counted in out->n_dropped when
 * the array is full.
 */
static inline void model_expect_add(struct model_pred *out, const char *rule,
				    enum model_stage stage, enum model_field field,
				    enum model_op op, int64_t value)
{
	struct model_expect *e;
	uint32_t in = model_field_input(field);

	if (in && !(out->inputs & in))
		return;		/* BPF does not read this group */
	if (out->n_expect >= MODEL_MAX_EXPECT) {
		out->n_dropped++;
		return;
	}
	e = &out->expect[out->n_expect++];
	e->rule = rule;
	e->stage = stage;
	e->field = field;
	e->op = op;
	e->value = value;
}

/*
 * Append one environmental errno to out->alt[], once per errno; a second
 * entry only after ones bound before sched_fork() (model_alt_add_early()),
 * so that the first rule still possible once sched_fork() ran is named.
 */
void model_alt_add(struct model_pred *out, int err, const char *rule);

/* The same for a cause that acts before sched_fork() (model_alt.before_sched_fork). */
void model_alt_add_early(struct model_pred *out, int err, const char *rule);

/* Append one ordering of two observation points to out->order[]. */
void model_order_add(struct model_pred *out, const char *rule,
		     enum model_stage before, enum model_stage after);

/* The same, the reverse allowed when @unless is seen (an alternative). */
void model_order_add_unless(struct model_pred *out, const char *rule,
			    enum model_stage before, enum model_stage after,
			    enum model_order_unless unless);

/* Fill *out as a failure that must come back as @err (A.4). */
void model_pred_fail(struct model_pred *out, int err, const char *rule);

/*
 * The steps of copy_process() after its flag checks, in execution order
 * (A.3): a failure decided at one step allows the environmental failures
 * of every earlier step as alternatives.
 */
enum model_step {
	MODEL_STEP_GATE,	/* V-20 pending signal */
	MODEL_STEP_DUP,		/* V-21 dup_task_struct */
	MODEL_STEP_CREDS,	/* V-22 copy_creds / create_user_ns */
	MODEL_STEP_NPROC,	/* V-23 RLIMIT_NPROC, V-24 threads-max */
	MODEL_STEP_SCHED,	/* V-27 sched_fork */
	MODEL_STEP_RES,		/* V-28..V-33 */
	MODEL_STEP_NS,		/* V-34 copy_namespaces */
	MODEL_STEP_IO,		/* V-35 copy_io */
	MODEL_STEP_THREAD,	/* V-36 copy_thread */
	MODEL_STEP_PID,		/* V-37..V-40 alloc_pid */
	MODEL_STEP_PIDFD,	/* V-41 */
	MODEL_STEP_CGROUP,	/* V-42..V-45 */
	MODEL_STEP_FINAL,	/* V-46, V-47 */
	MODEL_STEP_DONE,	/* copy_process() succeeded */
};

/* A failure a step decides: errno, rule and the step that returns it. */
struct model_fail {
	int err;		/* negative errno, 0 if none */
	const char *rule;	/* catalogue ID */
	enum model_step step;	/* where copy_process() returns it */
	size_t n_pre;		/* entries in pre[] */
	struct model_alt pre[MODEL_MAX_ALT]; /* the step's own earlier alternatives */
	size_t n_dropped;	/* alternatives that did not fit in pre[] */
};

/* Record the first decided failure only. */
void model_fail_set(struct model_fail *fl, int err, const char *rule,
		    enum model_step step);

/* Note an alternative that precedes a failure decided later in one step. */
void model_fail_alt(struct model_fail *fl, int err, const char *rule);

/* Byte-wise string equality (no <string.h> in model/). */
bool model_streq(const char *a, const char *b);

/* CAP_SYS_ADMIN in the parent's effective set (MODEL_IN_CRED). */
bool model_has_sys_admin(const struct model_task *parent);

#endif /* CLONECHECK_MODEL_PRED_H */
