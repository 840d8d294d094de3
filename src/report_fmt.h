/* SPDX-License-Identifier: GPL-2.0 */
/*
 * report_fmt.h - formatting shared by the JSON, JUnit, HTML and Markdown
 * writers: names of operators and check kinds, a one-line description of a
 * check (observed vs predicted), rule families, the latency spans, the
 * rule catalogue, and XML/HTML and Markdown escaping.
 */
#ifndef CLONECHECK_REPORT_FMT_H
#define CLONECHECK_REPORT_FMT_H

#include "report.h"

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
/* "field", "ret", "absent". */
const char *report_check_kind_key(enum check_kind k);
/* "validation" (V-), "precedence" (A.), "resources" (R-), "scheduler" (S-),
 * "observation" (O-), "version" (E-), "errata" (X-), else "other". */
const char *report_rule_family(const char *rule);
/* The rule's statement from the model, or "" if the model lacks it. */
const char *report_rule_statement(const char *rule);
/* One rule of the catalogue, as the reports list it. */
struct report_rule_info {
	const char *id;		/* catalogue ID, e.g. "R-02" */
	const char *statement;	/* one line */
	bool decided;		/* the model predicts (checks) this rule and the run's
				 * backend can observe it */
	bool applies;		/* the rule exists on the judged kernel/arch */
	const char *reason;	/* why not decided or not applicable, or NULL */
};

/*
 * The catalogue for the run's kernel (profile from ri->release and
 * ri->machine), in catalogue order, with every rule the model checks.
 * Returns a malloc()ed array of *n entries, or NULL with errno set.
 */
struct report_rule_info *report_catalogue(const struct run_info *ri, size_t *n);
/* The entry for rule in cat[n], or NULL. */
const struct report_rule_info *report_catalogue_find(const struct report_rule_info *cat,
						     size_t n, const char *rule);

/*
 * One line for a check, e.g. "task_newtask.mm = 0xffff8880..., predicted
 * new, != 0xffff8880..." or "sys_exit: returned -22 (EINVAL), predicted
 * -22 (EINVAL)".  Always NUL-terminates buf; returns buf.
 */
const char *report_describe_check(const struct diff_check *c, char *buf, size_t len);

/* "CONFORMS" or "DOES NOT CONFORM (or not fully observed)". */
const char *report_verdict_line(const struct run_info *ri, const struct tally *t);

/*
 * Escape s[0..len) for XML 1.0 and HTML: & < > " ' as entities; in an
 * attribute also tab, LF and CR as character references.  Bytes XML cannot
 * carry (other controls, 0x7f, bytes not in valid UTF-8) are written as the
 * text \xNN.  0 or -EIO.
 */
int xml_escape(FILE *out, const char *s, size_t len, bool attr);
/* xml_escape() of a NUL-terminated string; NULL writes nothing. */
int xml_puts(FILE *out, const char *s, bool attr);

/*
 * Escape s for one Markdown (GFM) table cell or inline text: & < > as
 * entities, \ ` * _ [ ] | # ~ with a backslash, controls, 0x7f and bytes
 * not in valid UTF-8 as the text \xNN (never a line break).  0 or -EIO.
 */
int md_puts(FILE *out, const char *s);

#endif /* CLONECHECK_REPORT_FMT_H */
