// SPDX-License-Identifier: GPL-2.0
/* diff.c - compare a model_pred with a clone_obs, rule by rule. */
#include <stddef.h>
#include <string.h>

#include "diff.h"

const char *verdict_name(enum verdict v)
{
	switch (v) {
	case VERDICT_PASS:
		return "pass";
	case VERDICT_INCOMPLETE:
		return "incomplete";
	case VERDICT_UNJUDGED:
		return "unjudged";
	default:
		return "mismatch";
	}
}

/* diff_op_holds(), inlined in check_fields()'s loop (1.8 M calls a 16,001-clone check). */
static inline __attribute__((always_inline)) bool op_holds(enum model_op op, int64_t observed,
							   int64_t value, uint32_t child_pid)
{
	uint64_t o = (uint64_t)observed, v = (uint64_t)value;

	switch (op) {
	case MODEL_OP_EQ:
		return o == v;
	case MODEL_OP_NE:
		return o != v;
	case MODEL_OP_NEW:
		return o != v && o != 0;
	case MODEL_OP_BITS_SET:
		return (o & v) == v;
	case MODEL_OP_BITS_CLEAR:
		return (o & v) == 0;
	case MODEL_OP_IN_MASK:
		return o < 64 && ((v >> o) & 1);
	case MODEL_OP_EQ_CHILD_PID:
		return child_pid && o == child_pid;
	case MODEL_OP_GE:
		return o >= v;
	case MODEL_OP_LE:
		return o <= v;
	case MODEL_OP_EQ_CHILD_NR:
		return false;	/* needs the child's numbers: check_fields() */
	}
	return false;
}

bool diff_op_holds(enum model_op op, int64_t observed, int64_t value, uint32_t child_pid)
{
	return op_holds(op, observed, value, child_pid);
}

/*
 * The child's pid number @k levels above its own (pid_nr0..3 at
 * task_newtask), for MODEL_OP_EQ_CHILD_NR; false if not read.
 */
static bool child_nr(const struct clone_obs *co, int64_t k, int64_t *nr)
{
	const struct obs_task *c = &co->newtask.child;
	const uint32_t v[4] = { c->pid_nr0, c->pid_nr1, c->pid_nr2, c->pid_nr3 };

	if (!(co->seen & OBS_BIT(OBS_NEWTASK)) || !(c->valid & MODEL_IN_PROC) || k < 0 || k > 3)
		return false;
	*nr = v[k];
	return true;
}

static struct diff_check *add_check(struct clone_verdict *v, enum check_kind kind,
				    const char *rule, enum model_stage stage)
{
	struct diff_check *c;

	if (v->n_checks >= DIFF_MAX_CHECKS)
		return NULL;
	c = &v->checks[v->n_checks++];
	memset(c, 0, sizeof(*c));
	c->kind = kind;
	c->rule = rule;
	c->stage = stage;
	return c;
}

/*
 * The rule that allows an environmental failure instead of success, or NULL.
 * An alternative whose cause acts before sched_fork() (model_alt.
 * before_sched_fork: V-22, V-23, V-24) does not count once the clone was
 * seen leaving sched_fork() (fexit/kretprobe, whatever it returned): by
 * then copy_process() had passed those tests.  Which step was reached is
 * observed, not the errno the model predicts.
 */
static const char *alt_rule(const struct model_pred *pred, int64_t ret,
			    const struct clone_obs *co)
{
	const bool past_sched_fork = co->seen & OBS_BIT(OBS_SCHED_FORK);

	for (size_t i = 0; i < pred->n_alt; i++)
		if (pred->alt[i].err == ret && !(past_sched_fork && pred->alt[i].before_sched_fork))
			return pred->alt[i].rule;
	return NULL;
}

/*
 * One CHECK_FIELD per expectation on a field read at a stage seen.  The
 * loop keeps its count in a local and writes each check whole (what
 * add_check() and the assignments after it would leave), since it runs
 * about 110 times a clone: callgrind put it at a fifth of an offline check.
 */
static void check_fields(const struct model_profile *prof, const struct model_pred *pred,
			 const struct clone_obs *co, struct clone_verdict *v)
{
	struct model_task seen[MODEL_STAGE__COUNT];
	bool have[MODEL_STAGE__COUNT];
	size_t n = v->n_checks, unobserved = v->unobserved;
	const uint32_t child_pid = v->child_pid;

	for (int s = 0; s < MODEL_STAGE__COUNT; s++)
		have[s] = predict_observed(prof, co, s, &seen[s]);
	for (size_t i = 0; i < pred->n_expect; i++) {
		const struct model_expect *e = &pred->expect[i];
		const unsigned int st = (unsigned int)e->stage;
		enum model_op op = e->op;
		int64_t expected = e->value, observed, nr = 0;

		if (st >= MODEL_STAGE__COUNT || !have[st])
			continue; /* counted in v->missing */
		/* a field group this backend did not read at that point */
		if ((model_field_input(e->field) & ~seen[st].valid) ||
		    (op == MODEL_OP_EQ_CHILD_NR && !child_nr(co, e->value, &nr))) {
			unobserved++;
			continue;
		}
		/* compared with the child's pid, which only task_newtask gives:
		 * without it the clone is incomplete (v->missing), not wrong */
		if (op == MODEL_OP_EQ_CHILD_PID && !have[MODEL_STAGE_NEWTASK])
			continue;
		if (n >= DIFF_MAX_CHECKS)
			break;
		observed = model_task_field(&seen[st], e->field);
		if (op == MODEL_OP_EQ_CHILD_NR) {
			/* the operand becomes the number it names */
			op = MODEL_OP_EQ;
			expected = nr;
		}
		v->checks[n++] = (struct diff_check){
			.kind = CHECK_FIELD,
			.rule = e->rule,
			.stage = e->stage,
			.field = e->field,
			.op = op,
			.expected = expected,
			.observed = observed,
			.ok = op_holds(op, observed, expected, child_pid),
		};
	}
	v->n_checks = n;
	v->unobserved = unobserved;
}

const char *diff_presence_rule(enum model_stage s)
{
	static const char *const rule[MODEL_STAGE__COUNT] = {
		[MODEL_STAGE_SYS_ENTER] = "O-01", [MODEL_STAGE_NEWTASK] = "O-02",
		[MODEL_STAGE_FORK] = "O-03",	  [MODEL_STAGE_WAKEUP] = "O-04",
		[MODEL_STAGE_SYS_EXIT] = "O-05",  [MODEL_STAGE_CHILD_RET] = "O-06",
	};

	return (unsigned int)s < MODEL_STAGE__COUNT ? rule[s] : NULL;
}

/*
 * The points the model requires that fired: observed, each under the
 * catalogue's O- rule for it, but not a check, since it cannot fail.  One
 * that did not fire is a missing observation (v->missing): the clone is
 * then incomplete, never a pass.
 */
static void note_present(const struct model_pred *pred, uint32_t seen, struct clone_verdict *v)
{
	v->observed = pred->stages_required & seen;
}

/* The stages the model says cannot fire (a failure: A.4; a worker: O-03). */
static void check_absent(const struct model_pred *pred, uint32_t seen, struct clone_verdict *v)
{
	for (int s = 0; s < MODEL_STAGE__COUNT; s++) {
		struct diff_check *c;

		if (!(pred->stages_forbidden & MODEL_STAGE_BIT(s)))
			continue;
		c = add_check(v, CHECK_ABSENT, pred->stages_rule, s);
		if (!c)
			return;
		c->observed = !!(seen & MODEL_STAGE_BIT(s));
		c->ok = !c->observed;
	}
}

/*
 * Does the clone show the cause that allows an ordering's reverse?
 * MODEL_ORDER_UNLESS_PARENT_KILLED: SIGKILL pending in the parent at its
 * syscall exit (R-04: its killable vfork wait ended early).
 */
static bool order_unless_seen(enum model_order_unless u, const struct clone_obs *co)
{
	switch (u) {
	case MODEL_ORDER_UNLESS_PARENT_KILLED:
		return (co->seen & OBS_BIT(OBS_SYS_EXIT)) && co->exit.kill_pending;
	case MODEL_ORDER_ALWAYS:
		break;
	}
	return false;
}

/* Each ordering whose two stages were seen: the earlier one's ts first. */
static void check_order(const struct model_pred *pred, const struct clone_obs *co,
			struct clone_verdict *v)
{
	for (size_t i = 0; i < pred->n_order; i++) {
		const struct model_order *o = &pred->order[i];
		uint64_t t0, t1;
		struct diff_check *c;

		if (!predict_stage_ts(co, o->before, &t0) || !predict_stage_ts(co, o->after, &t1))
			continue; /* a missing stage is counted in v->missing */
		c = add_check(v, CHECK_ORDER, o->rule, o->after);
		if (!c)
			return;
		c->before = o->before;
		c->expected = (int64_t)t0;
		c->observed = (int64_t)t1;
		c->ok = t0 <= t1;
		/* reversed only for a cause the model named and this clone shows:
		 * an allowed alternative, not a decided pass */
		if (!c->ok && order_unless_seen(o->unless, co))
			c->ok = c->allowed = true;
	}
}

void diff_clone(const struct model_profile *prof, const struct model_pred *pred,
		const struct clone_obs *co, unsigned int flags, struct clone_verdict *v)
{
	uint32_t seen = predict_stages_seen(co);
	const bool lossy = flags & DIFF_LOSSY;
	bool failed = false, kernel;
	struct diff_check *c;

	/* checks[] past n_checks is never read; add_check() clears each it hands out */
	memset(v, 0, offsetof(struct clone_verdict, checks));
	v->clone_id = co->clone_id;
	v->entry = (co->seen & OBS_BIT(OBS_SYS_ENTER)) ? co->enter.entry :
		   (co->seen & OBS_BIT(OBS_NEWTASK))   ? co->newtask.entry :
							 OBS_ENTRY_NONE;
	v->parent_pid = (co->seen & OBS_BIT(OBS_SYS_ENTER)) ? co->enter.parent.pid :
			co->newtask.creator_pid;
	if (co->seen & OBS_BIT(OBS_NEWTASK))
		v->child_pid = co->newtask.child.pid;
	v->ret_seen = co->seen & OBS_BIT(OBS_SYS_EXIT);
	v->ret = co->exit.ret;

	if (!pred) {
		if (v->entry == OBS_ENTRY_NONE) {
			/* kernel threads, workers, or a clone begun before attach */
			v->verdict = VERDICT_UNJUDGED;
			v->reason = "no syscall seen: kernel-internal clone or begun before "
				    "observation";
			return;
		}
		v->verdict = VERDICT_INCOMPLETE;
		v->reason = lossy ? "records lost" : "syscall entry not seen";
		return;
	}
	/* a prediction the model could not hold whole judges nothing (a model bug) */
	if (pred->n_dropped) {
		v->verdict = VERDICT_INCOMPLETE;
		v->reason = "prediction truncated: the model emitted more than it holds";
		return;
	}
	/* a clone made inside the kernel has no syscall exit to wait for */
	kernel = pred->stages_forbidden & MODEL_STAGE_BIT(MODEL_STAGE_SYS_EXIT);
	if (!v->ret_seen && !kernel) {
		v->missing = pred->stages_required & ~seen;
		if ((flags & DIFF_CUT) && !lossy) {
			/* its syscall had not returned when observation stopped */
			v->verdict = VERDICT_UNJUDGED;
			v->in_progress = true;
			v->reason = "still in progress when observation stopped";
			return;
		}
		v->verdict = VERDICT_INCOMPLETE;
		v->reason = lossy ? "records lost" : "syscall exit not seen";
		return;
	}

	if (co->enter.entry == OBS_ENTRY_CLONE3 && co->enter.uargs_fault && v->ret >= 0) {
		/* BPF could not read what the kernel could: an observation gap. */
		v->verdict = VERDICT_INCOMPLETE;
		v->reason = "clone3 arguments unreadable at entry";
		return;
	}

	if (pred->err) {
		/* A failure is predicted: the errno that wins and no fork tracepoint. */
		const char *rule = v->ret == pred->err ? pred->err_rule : alt_rule(pred, v->ret, co);

		/* An allowed environmental errno may come first (e.g. EPERM, V-34). */
		c = add_check(v, CHECK_RET, rule ? rule : pred->err_rule, MODEL_STAGE_SYS_EXIT);
		c->expected = pred->err;
		c->observed = v->ret;
		c->ok = rule != NULL;
		c->allowed = c->ok && v->ret != pred->err;
		note_present(pred, seen, v);
		check_absent(pred, seen, v);
	} else if (v->ret_seen && v->ret < 0) {
		/* Success predicted, the kernel failed: only an allowed errno passes. */
		const char *rule = alt_rule(pred, v->ret, co);

		c = add_check(v, CHECK_RET, rule ? rule : "A.4", MODEL_STAGE_SYS_EXIT);
		c->expected = 0;
		c->observed = v->ret;
		c->ok = rule != NULL;
		c->allowed = c->ok;
		if (c->ok && (seen & (MODEL_STAGE_BIT(MODEL_STAGE_NEWTASK) |
				      MODEL_STAGE_BIT(MODEL_STAGE_FORK) |
				      MODEL_STAGE_BIT(MODEL_STAGE_WAKEUP)))) {
			c = add_check(v, CHECK_ABSENT, "A.4", MODEL_STAGE_NEWTASK);
			c->observed = 1;
			c->ok = false;
		}
	} else {
		v->missing = pred->stages_required & ~seen;
		note_present(pred, seen, v);
		check_absent(pred, seen, v);
		check_fields(prof, pred, co, v);
		check_order(pred, co, v);
	}

	for (size_t i = 0; i < v->n_checks; i++) {
		failed |= !v->checks[i].ok;
		v->allowed |= v->checks[i].allowed;
	}
	if (failed)
		v->verdict = VERDICT_MISMATCH;
	else if (v->missing == MODEL_STAGE_BIT(MODEL_STAGE_CHILD_RET) && (flags & DIFF_CUT) &&
		 !lossy) {
		/*
		 * The parent returned, the child had not yet returned to user
		 * space when observation stopped (it did not run before the
		 * settle time): in progress, not a gap in what was observed.
		 * Its checks are not counted (tally_add() skips an unjudged
		 * clone's): nothing decided it passed.
		 */
		v->verdict = VERDICT_UNJUDGED;
		v->in_progress = true;
		v->reason = "in progress when observation stopped: the child's first return "
			    "to user space not yet seen";
	} else if (v->missing) {
		v->verdict = VERDICT_INCOMPLETE;
		v->reason = lossy ? "records lost" : "observation point not seen";
	} else
		v->verdict = VERDICT_PASS;
}
