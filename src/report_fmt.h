/* SPDX-License-Identifier: GPL-2.0 */
/*
 * report_fmt.h - what the writers share besides the summary: names of
 * operators and check kinds, a one-line description of a check (observed vs
 * predicted) and of an incomplete clone, rule families, the latency spans,
 * and the failing checks and incomplete clones kept per rule for the
 * writers that list them (JUnit, KTAP).  Escaping is report_escape.h.
 */
#ifndef CLONECHECK_REPORT_FMT_H
#define CLONECHECK_REPORT_FMT_H

#include "log.h"
#include "report.h"
#include "report_escape.h"

/* Transitions between observation points whose latency the reports show. */
enum report_span {
	SPAN_ENTER_NEWTASK,	/* sys_enter -> task_newtask (copy_process and before) */
	SPAN_NEWTASK_WAKEUP,	/* task_newtask -> sched_wakeup_new */
	SPAN_WAKEUP_CHILD_RET,	/* sched_wakeup_new -> the child's first return */
	SPAN__COUNT
};

struct report_span_def {
	const char *key;	/* stable machine name, e.g. "enter_newtask" */
	const char *title;	/* for people, e.g. "sys_enter -> task_newtask" */
	enum obs_point from;	/* earlier point */
	enum obs_point to;	/* later point */
};

extern const struct report_span_def report_spans[SPAN__COUNT];

/* co->ts[to] - co->ts[from] if both were seen in that order. */
bool report_span_ns(const struct clone_obs *co, enum report_span s, uint64_t *ns);

/* "eq", "ne", "new", "bits_set", "bits_clear", "in_mask", "eq_child_pid", "ge", "le". */
const char *report_op_key(enum model_op op);
/* "==", "!=", "new, !=", "has bits", ... (as the text report prints). */
const char *report_op_symbol(enum model_op op);
/* "field", "ret", "absent", "order", "present". */
const char *report_check_kind_key(enum check_kind k);
/*
 * What a check compares, by its kind: the field's name, "ret" for the
 * return value, NULL for a point (absent, present) or an ordering.
 */
const char *report_check_field(const struct diff_check *c);
/*
 * How it compares: a field check's operator key; "eq_or_allowed" for a
 * return value (the predicted one or an errno the model allows); "absent"
 * (the point must not fire); "present" (it must fire); "after" (the stage
 * comes after c->before).
 */
const char *report_check_op(const struct diff_check *c);

/*
 * One line for a check, e.g. "task_newtask.mm = 0xffff8880..., predicted
 * new, != 0xffff8880..." or "sys_exit: returned -22 (EINVAL), predicted
 * -22 (EINVAL)".  Always NUL-terminates buf; returns buf.
 */
const char *report_describe_check(const struct diff_check *c, char *buf, size_t len);
/* "<reason>; sched_wakeup_new not seen; ..." for an incomplete clone; returns buf. */
const char *report_describe_incomplete(const char *reason, uint32_t missing, char *buf,
				       size_t len);
/*
 * Why rule r was not exercised: "does not apply to this kernel" or its
 * class's title, then ": " and the model's reason if it gives one.  NULL
 * (buf untouched) if r was exercised.
 */
const char *report_rule_why(const struct report_rule *r, char *buf, size_t len);
/*
 * The plan word of the fault the workload injected into this clone: an
 * unspent plan in its entry snapshot (model/inject_plan.h); 0 if none.
 */
uint64_t report_injected(const struct clone_obs *co);
/* What MODEL_INJ_ARG() of an injected word holds: "signal" or "errno". */
const char *report_inject_arg_name(uint64_t word);
/* "clone #4 (fork) fork by 100" and a NUL; returns buf. */
const char *report_describe_clone(uint64_t clone_id, const char *label, enum obs_entry entry,
				  uint32_t parent_pid, char *buf, size_t len);

#define REPORT_FAILURES_MAX 20		/* failing checks kept per rule */
#define REPORT_INCOMPLETE_MAX 100	/* incomplete clones kept */

/* One failing check, with the clone it came from. */
struct report_failure {
	uint64_t clone_id;		/* the clone */
	char *label;			/* its workload case (owned), or NULL */
	struct diff_check check;	/* what failed */
};

/* A rule's failing checks. */
struct report_rule_failures {
	const char *rule;		/* catalogue ID (static, from the model) */
	uint64_t failed;		/* failing checks seen */
	size_t n_kept;			/* of which kept in kept[] */
	struct report_failure kept[REPORT_FAILURES_MAX];
};

/* An incomplete clone. */
struct report_incomplete {
	uint64_t clone_id;		/* the clone */
	char *label;			/* workload case (owned), or NULL */
	enum obs_entry entry;		/* its syscall */
	uint32_t parent_pid;		/* calling thread */
	const char *reason;		/* the differ's reason (static) */
	uint32_t missing;		/* MODEL_STAGE_BIT()s not seen */
};

/* The findings a writer lists per rule and per incomplete clone. */
struct report_findings {
	size_t n_rules;			/* rules with a failing check */
	struct report_rule_failures *rules; /* [n_rules] */
	size_t n_inc;			/* incomplete clones kept */
	struct report_incomplete inc[REPORT_INCOMPLETE_MAX];
	uint64_t inc_not_kept;		/* incomplete clones beyond the cap */
};

/* "clone #4 (fork): <report_describe_check()>"; returns buf. */
const char *report_describe_failure(const struct report_failure *f, char *buf, size_t len);
/* Keep v's failing checks (or v itself, if incomplete).  0 or -ENOMEM. */
int report_findings__add(struct report_findings *f, const struct clone_verdict *v,
			 const char *label);
/* The failing checks kept for rule, or NULL if none failed. */
const struct report_rule_failures *report_findings__rule(const struct report_findings *f,
							 const char *rule);
/* Free what f holds (not f itself). */
void report_findings__fini(struct report_findings *f);

/*
 * clone() and discard() of a writer whose state (r->priv) begins with a
 * struct report_findings: keep v's findings; free the state.
 */
int report_findings_clone(struct report *r, const struct clone_obs *co,
			  const struct clone_verdict *v, const char *label);
void report_findings_discard(struct report *r);

#endif /* CLONECHECK_REPORT_FMT_H */
