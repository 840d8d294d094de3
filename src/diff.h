/* SPDX-License-Identifier: GPL-2.0 */
/*
 * diff.h - pure comparison of one clone's prediction with its observations.
 * Every check names the rule it tests; a clone is a mismatch if any check
 * failed, incomplete if a point it needed was not seen, else a pass.
 */
#ifndef CLONECHECK_DIFF_H
#define CLONECHECK_DIFF_H

#include "predict.h"

enum verdict {
	VERDICT_PASS,
	VERDICT_INCOMPLETE,	/* a needed observation is missing: never a pass */
	VERDICT_MISMATCH,	/* the kernel broke a rule */
	VERDICT_UNJUDGED,	/* nothing to predict from: no syscall was seen */
	VERDICT__COUNT
};

enum check_kind {
	CHECK_FIELD,		/* an expectation on a field */
	CHECK_RET,		/* the syscall's return value vs the predicted errno */
	CHECK_ABSENT,		/* a point the model says cannot fire */
	CHECK_ORDER,		/* stage before stage (expected/observed: their ts) */
	CHECK_PRESENT,		/* no longer made: see clone_verdict.observed */
};

struct diff_check {
	enum check_kind kind;
	const char *rule;	/* catalogue ID */
	enum model_stage stage;	/* where it was observed (CHECK_ORDER: the later one) */
	enum model_stage before; /* CHECK_ORDER: the stage that must come first */
	enum model_field field;	/* CHECK_FIELD only */
	enum model_op op;	/* CHECK_FIELD only */
	int64_t expected;	/* operand, or the predicted return */
	int64_t observed;	/* what was seen */
	bool ok;
	bool allowed;		/* CHECK_RET: ok only as an environmental
				 * alternative the model could not rule out
				 * (rule names the cause), not decided;
				 * CHECK_ORDER: reversed for the cause the
				 * order names, seen (model_order_unless) */
};

#define DIFF_MAX_CHECKS (MODEL_MAX_EXPECT + MODEL_MAX_ORDER + MODEL_STAGE__COUNT + 2)

struct clone_verdict {
	uint64_t clone_id;
	const char *label;		/* workload case that made it, or NULL */
	enum obs_entry entry;		/* syscall, OBS_ENTRY_NONE if unseen */
	uint32_t parent_pid;		/* calling thread */
	uint32_t child_pid;		/* 0 when no child was seen */
	int64_t ret;			/* parent's syscall return (if seen) */
	bool ret_seen;
	enum verdict verdict;
	const char *reason;		/* why incomplete, NULL otherwise */
	uint32_t missing;		/* MODEL_STAGE_BIT()s needed but not seen */
	size_t unobserved;		/* expectations on fields BPF did not read */
	uint32_t observed;		/* MODEL_STAGE_BIT()s the model required that
					 * fired: counted per O- rule, never checks
					 * (a missing one makes the clone incomplete) */
	bool in_progress;		/* unjudged: observation stopped (DIFF_CUT)
					 * before the clone ended, its syscall or
					 * the child's first return still to come */
	bool allowed;			/* its outcome held only as an allowed
					 * alternative (a check with .allowed) */
	size_t n_checks;
	struct diff_check checks[DIFF_MAX_CHECKS];
};

/* How a clone is judged (diff_clone()'s flags). */
enum diff_flags {
	DIFF_LOSSY = 1u << 0,	/* BPF lost records: a missing point is blamed on it */
	DIFF_CUT = 1u << 1,	/* observation stopped before this clone could end: one
				 * whose syscall has not returned is still in progress
				 * (unjudged), not incomplete */
};

/*
 * Does observed satisfy (op, value)?  child_pid serves MODEL_OP_EQ_CHILD_PID;
 * MODEL_OP_EQ_CHILD_NR is resolved by diff_clone() (false here).
 */
bool diff_op_holds(enum model_op op, int64_t observed, int64_t value, uint32_t child_pid);

/*
 * Judge one clone.  pred may be NULL when nothing could be predicted (no
 * syscall entry seen): the clone is then incomplete.  flags: DIFF_LOSSY marks a run in
 * which BPF lost records, so a missing point is blamed on the loss.
 */
void diff_clone(const struct model_profile *prof, const struct model_pred *pred,
		const struct clone_obs *co, unsigned int flags, struct clone_verdict *v);

const char *verdict_name(enum verdict v);
/* The O- rule of a required observation point (stage), or NULL. */
const char *diff_presence_rule(enum model_stage s);

#endif /* CLONECHECK_DIFF_H */
