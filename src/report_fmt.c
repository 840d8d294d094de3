// SPDX-License-Identifier: GPL-2.0
/* report_fmt.c - names, check descriptions and kept findings for the writers. */
#define _GNU_SOURCE	/* strerrorname_np() */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "inject_plan.h"
#include "report_fmt.h"

const struct report_span_def report_spans[SPAN__COUNT] = {
	[SPAN_ENTER_NEWTASK] = { "enter_newtask", "sys_enter \u2192 task_newtask",
				 OBS_SYS_ENTER, OBS_NEWTASK },
	[SPAN_NEWTASK_WAKEUP] = { "newtask_wakeup", "task_newtask \u2192 sched_wakeup_new",
				  OBS_NEWTASK, OBS_WAKEUP },
	[SPAN_WAKEUP_CHILD_RET] = { "wakeup_child_ret",
				    "sched_wakeup_new \u2192 child's first return",
				    OBS_WAKEUP, OBS_CHILD_RET },
};

bool report_span_ns(const struct clone_obs *co, enum report_span s, uint64_t *ns)
{
	const struct report_span_def *d = &report_spans[s];
	uint32_t both = OBS_BIT(d->from) | OBS_BIT(d->to);

	if ((co->seen & both) != both || co->ts[d->to] < co->ts[d->from])
		return false;
	*ns = co->ts[d->to] - co->ts[d->from];
	return true;
}

const char *report_op_key(enum model_op op)
{
	switch (op) {
	case MODEL_OP_EQ:
		return "eq";
	case MODEL_OP_NE:
		return "ne";
	case MODEL_OP_NEW:
		return "new";
	case MODEL_OP_BITS_SET:
		return "bits_set";
	case MODEL_OP_BITS_CLEAR:
		return "bits_clear";
	case MODEL_OP_IN_MASK:
		return "in_mask";
	case MODEL_OP_EQ_CHILD_PID:
		return "eq_child_pid";
	case MODEL_OP_GE:
		return "ge";
	case MODEL_OP_LE:
		return "le";
	case MODEL_OP_EQ_CHILD_NR:
		return "eq_child_nr";
	}
	return "unknown";
}

const char *report_op_symbol(enum model_op op)
{
	switch (op) {
	case MODEL_OP_EQ:
		return "==";
	case MODEL_OP_NE:
		return "!=";
	case MODEL_OP_NEW:
		return "new, !=";
	case MODEL_OP_BITS_SET:
		return "has bits";
	case MODEL_OP_BITS_CLEAR:
		return "lacks bits";
	case MODEL_OP_IN_MASK:
		return "in mask";
	case MODEL_OP_EQ_CHILD_PID:
		return "== child pid";
	case MODEL_OP_EQ_CHILD_NR:
		return "== child pid number";
	case MODEL_OP_GE:
		return ">=";
	case MODEL_OP_LE:
		return "<=";
	}
	return "?";
}

const char *report_check_kind_key(enum check_kind k)
{
	switch (k) {
	case CHECK_FIELD:
		return "field";
	case CHECK_RET:
		return "ret";
	case CHECK_ABSENT:
		return "absent";
	case CHECK_ORDER:
		return "order";
	case CHECK_PRESENT:
		return "present";
	}
	return "unknown";
}

const char *report_check_field(const struct diff_check *c)
{
	switch (c->kind) {
	case CHECK_FIELD:
		return model_field_name(c->field);
	case CHECK_RET:
		return "ret";
	default:
		return NULL;	/* a point, or the order of two */
	}
}

const char *report_check_op(const struct diff_check *c)
{
	switch (c->kind) {
	case CHECK_FIELD:
		return report_op_key(c->op);
	case CHECK_RET:
		return "eq_or_allowed";
	case CHECK_ABSENT:
		return "absent";
	case CHECK_PRESENT:
		return "present";
	case CHECK_ORDER:
		return "after";
	}
	return "unknown";
}

/* "-22 (EINVAL)", or "0" / "17". */
static void fmt_ret(char *buf, size_t len, int64_t ret)
{
	const char *name = ret < 0 && ret > -4096 ? strerrorname_np((int)-ret) : NULL;

	if (name)
		snprintf(buf, len, "%" PRId64 " (%s)", ret, name);
	else
		snprintf(buf, len, "%" PRId64, ret);
}

const char *report_describe_check(const struct diff_check *c, char *buf, size_t len)
{
	char obs[48], exp[48];

	switch (c->kind) {
	case CHECK_RET:
		fmt_ret(obs, sizeof(obs), c->observed);
		fmt_ret(exp, sizeof(exp), c->expected);
		if (c->expected)
			snprintf(buf, len, "%s: returned %s, predicted %s",
				 model_stage_name(c->stage), obs, exp);
		else
			snprintf(buf, len, "%s: returned %s, predicted success or an allowed errno",
				 model_stage_name(c->stage), obs);
		break;
	case CHECK_ABSENT:
		snprintf(buf, len, "%s %s", model_stage_name(c->stage),
			 c->observed ? "fired but must not" : "did not fire, as predicted");
		break;
	case CHECK_PRESENT:
		snprintf(buf, len, "%s fired, as predicted", model_stage_name(c->stage));
		break;
	case CHECK_ORDER:
		snprintf(buf, len, "%s at %" PRIu64 " ns, %s at %" PRIu64 " ns: predicted %s first%s",
			 model_stage_name(c->before), (uint64_t)c->expected,
			 model_stage_name(c->stage), (uint64_t)c->observed,
			 model_stage_name(c->before),
			 c->allowed ? " (allowed: the parent had SIGKILL pending at its exit)" : "");
		break;
	default:
		snprintf(buf, len, "%s.%s = %#" PRIx64 ", predicted %s %#" PRIx64,
			 model_stage_name(c->stage), model_field_name(c->field),
			 (uint64_t)c->observed, report_op_symbol(c->op), (uint64_t)c->expected);
	}
	return buf;
}

const char *report_describe_incomplete(const char *reason, uint32_t missing, char *buf,
				       size_t len)
{
	size_t off = snprintf(buf, len, "%s", reason ? reason : "incomplete");

	for (int s = 0; s < MODEL_STAGE__COUNT && off < len; s++)
		if (missing & MODEL_STAGE_BIT(s))
			off += snprintf(buf + off, len - off, "; %s not seen", model_stage_name(s));
	return buf;
}

const char *report_rule_why(const struct report_rule *r, char *buf, size_t len)
{
	if (r->tally)
		return NULL;
	snprintf(buf, len, "%s%s%s",
		 r->applies ? report_class_title(r->class) : "does not apply to this kernel",
		 r->reason ? ": " : "", r->reason ? r->reason : "");
	return buf;
}

const char *report_describe_clone(uint64_t clone_id, const char *label, enum obs_entry entry,
				  uint32_t parent_pid, char *buf, size_t len)
{
	snprintf(buf, len, "clone #%" PRIu64 "%s%s%s %s by %u", clone_id, label ? " (" : "",
		 label ? label : "", label ? ")" : "",
		 entry == OBS_ENTRY_NONE ? "(no syscall)" : obs_entry_name(entry), parent_pid);
	return buf;
}

/* ------------------------------------------------------------- findings */

const char *report_describe_failure(const struct report_failure *f, char *buf, size_t len)
{
	char check[256];

	snprintf(buf, len, "clone #%" PRIu64 "%s%s%s: %s", f->clone_id, f->label ? " (" : "",
		 f->label ? f->label : "", f->label ? ")" : "",
		 report_describe_check(&f->check, check, sizeof(check)));
	return buf;
}

static struct report_rule_failures *failures_slot(struct report_findings *f, const char *rule)
{
	struct report_rule_failures *n;

	for (size_t i = 0; i < f->n_rules; i++)
		if (!strcmp(f->rules[i].rule, rule))
			return &f->rules[i];
	n = realloc(f->rules, (f->n_rules + 1) * sizeof(*n));
	if (!n)
		return NULL;
	f->rules = n;
	n = &f->rules[f->n_rules++];
	memset(n, 0, sizeof(*n));
	n->rule = rule;
	return n;
}

/* strdup(label), or NULL for no label; false if out of memory. */
static bool dup_label(char **dst, const char *label)
{
	*dst = label ? strdup(label) : NULL;
	return !label || *dst;
}

int report_findings__add(struct report_findings *f, const struct clone_verdict *v,
			 const char *label)
{
	if (v->verdict == VERDICT_UNJUDGED)
		return 0;	/* nothing was predicted */
	if (v->verdict == VERDICT_INCOMPLETE) {
		struct report_incomplete *in;

		if (f->n_inc >= REPORT_INCOMPLETE_MAX) {
			f->inc_not_kept++;
			return 0;
		}
		in = &f->inc[f->n_inc++];
		in->clone_id = v->clone_id;
		in->entry = v->entry;
		in->parent_pid = v->parent_pid;
		in->reason = v->reason;
		in->missing = v->missing;
		return dup_label(&in->label, label) ? 0 : -ENOMEM;
	}
	for (size_t i = 0; i < v->n_checks; i++) {
		const struct diff_check *c = &v->checks[i];
		struct report_rule_failures *rf;
		struct report_failure *k;

		if (c->ok || !c->rule)
			continue;
		rf = failures_slot(f, c->rule);
		if (!rf)
			return -ENOMEM;
		rf->failed++;
		if (rf->n_kept >= REPORT_FAILURES_MAX)
			continue;
		k = &rf->kept[rf->n_kept++];
		k->clone_id = v->clone_id;
		k->check = *c;
		if (!dup_label(&k->label, label))
			return -ENOMEM;
	}
	return 0;
}

const struct report_rule_failures *report_findings__rule(const struct report_findings *f,
							 const char *rule)
{
	for (size_t i = 0; i < f->n_rules; i++)
		if (!strcmp(f->rules[i].rule, rule))
			return &f->rules[i];
	return NULL;
}

void report_findings__fini(struct report_findings *f)
{
	for (size_t i = 0; i < f->n_rules; i++)
		for (size_t k = 0; k < f->rules[i].n_kept; k++)
			free(f->rules[i].kept[k].label);
	for (size_t i = 0; i < f->n_inc; i++)
		free(f->inc[i].label);
	free(f->rules);
	memset(f, 0, sizeof(*f));
}

int report_findings_clone(struct report *r, const struct clone_obs *co,
			  const struct clone_verdict *v, const char *label)
{
	(void)co;
	if (!r->priv)
		return -EINVAL;	/* begin() did not run */
	return report_findings__add(r->priv, v, label);
}

void report_findings_discard(struct report *r)
{
	if (!r->priv)
		return;
	report_findings__fini(r->priv);
	free(r->priv);
	r->priv = NULL;
}

uint64_t report_injected(const struct clone_obs *co)
{
	const uint64_t word = co->enter.parent.inject;

	if (!(co->seen & OBS_BIT(OBS_SYS_ENTER)) || !model_inject_name(word) ||
	    (MODEL_INJ_FLAGS(word) & MODEL_INJ_F_SPENT))
		return 0;
	return word;
}

const char *report_inject_arg_name(uint64_t word)
{
	return MODEL_INJ_IS_SIGNAL(MODEL_INJ_KIND(word)) ? "signal" : "errno";
}
