// SPDX-License-Identifier: GPL-2.0
/*
 * report_json.c - JSON Lines (--json): one object per judged clone, then one
 * summary object.  Every object has "type": "clone" or "summary".
 *
 * To keep a line short, a clone object lists only its FAILED checks in
 * "checks"; "checks_total" and "checks_failed" give the counts, and the
 * summary gives passes per rule.  Values of checks are the differ's signed
 * 64-bit integers (kernel pointers are identities and read as negative).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "json_writer.h"
#include "inject_plan.h"
#include "report_fmt.h"

struct json_report {
	struct json_writer *w;	/* the stream on r->out */
};

static int json_begin(struct report *r, const struct run_info *ri)
{
	struct json_report *j;

	(void)ri;
	j = calloc(1, sizeof(*j));
	if (!j)
		return -ENOMEM;
	j->w = json_writer__new(r->out);
	if (!j->w) {
		free(j);
		return -errno;
	}
	r->priv = j;
	return 0;
}

static void json_check(struct json_writer *w, const struct diff_check *c)
{
	json_writer__obj_begin(w);
	json_writer__str_field(w, "rule", c->rule);
	json_writer__str_field(w, "kind", report_check_kind_key(c->kind));
	json_writer__str_field(w, "stage", model_stage_name(c->stage));
	if (c->kind == CHECK_ORDER)
		json_writer__str_field(w, "before", model_stage_name(c->before));
	json_writer__str_field(w, "field", report_check_field(c));
	json_writer__str_field(w, "op", report_check_op(c));
	json_writer__s64_field(w, "expected", c->expected);
	json_writer__s64_field(w, "observed", c->observed);
	json_writer__bool_field(w, "ok", c->ok);
	json_writer__obj_end(w);
}

/*
 * "injected": the fault the workload injected into this clone (an unspent
 * plan in its entry snapshot, model/inject_plan.h); absent otherwise.
 */
static void json_injected(struct json_writer *w, const struct clone_obs *co)
{
	const uint64_t word = report_injected(co);

	if (!word)
		return;
	json_writer__name(w, "injected");
	json_writer__obj_begin(w);
	json_writer__str_field(w, "kind", model_inject_name(word));
	json_writer__str_field(w, "hook", model_inject_hook(word));
	json_writer__str_field(w, "rule", model_inject_rule(word));
	json_writer__u64_field(w, report_inject_arg_name(word), (uint64_t)MODEL_INJ_ARG(word));
	json_writer__u64_field(w, "cookie", MODEL_INJ_COOKIE(word));
	json_writer__obj_end(w);
}

/* The rule naming the cause of the first check that held only as an allowed
 * alternative (a return or an order), NULL for a decided clone. */
static const char *allowed_by(const struct clone_verdict *v)
{
	for (size_t i = 0; v->allowed && i < v->n_checks; i++)
		if (v->checks[i].ok && v->checks[i].allowed)
			return v->checks[i].rule;
	return NULL;
}

static int json_clone(struct report *r, const struct clone_obs *co,
		      const struct clone_verdict *v, const char *label)
{
	struct json_report *j = r->priv;
	struct json_writer *w;
	size_t failed = 0;
	uint64_t ns;

	if (!j)
		return -EINVAL;	/* begin() did not run */
	w = j->w;
	for (size_t i = 0; i < v->n_checks; i++)
		failed += !v->checks[i].ok;

	json_writer__obj_begin(w);
	json_writer__str_field(w, "type", "clone");
	json_writer__u64_field(w, "clone_id", v->clone_id);
	json_writer__str_field(w, "label", label);
	json_writer__str_field(w, "entry",
			       v->entry == OBS_ENTRY_NONE ? NULL : obs_entry_name(v->entry));
	json_writer__name(w, "comm");
	if (co->seen & OBS_BIT(OBS_SYS_ENTER))
		json_writer__strn(w, co->enter.parent.comm,
				  strnlen(co->enter.parent.comm, OBS_COMM_LEN));
	else
		json_writer__null(w);
	json_writer__u64_field(w, "parent_pid", v->parent_pid);
	if (v->child_pid)
		json_writer__u64_field(w, "child_pid", v->child_pid);
	else
		json_writer__null_field(w, "child_pid");
	if (v->ret_seen)
		json_writer__s64_field(w, "ret", v->ret);
	else
		json_writer__null_field(w, "ret");
	json_writer__str_field(w, "verdict", verdict_name(v->verdict));
	json_writer__str_field(w, "reason", v->reason);
	/* a pass held only as an allowed alternative: the rule naming the cause */
	json_writer__str_field(w, "allowed_by", allowed_by(v));
	json_injected(w, co);

	json_writer__name(w, "missing");
	json_writer__arr_begin(w);
	for (int s = 0; s < MODEL_STAGE__COUNT; s++)
		if (v->missing & MODEL_STAGE_BIT(s))
			json_writer__str(w, model_stage_name(s));
	json_writer__arr_end(w);

	json_writer__u64_field(w, "checks_total", v->n_checks);
	json_writer__u64_field(w, "checks_failed", failed);
	json_writer__name(w, "checks");
	json_writer__arr_begin(w);
	for (size_t i = 0; i < v->n_checks; i++)
		if (!v->checks[i].ok)
			json_check(w, &v->checks[i]);
	json_writer__arr_end(w);

	/* Latency of each transition both of whose points were seen. */
	json_writer__name(w, "latency_ns");
	json_writer__obj_begin(w);
	for (int s = 0; s < SPAN__COUNT; s++)
		if (report_span_ns(co, s, &ns))
			json_writer__u64_field(w, report_spans[s].key, ns);
	json_writer__obj_end(w);
	json_writer__obj_end(w);
	return json_writer__err(w);
}

static void json_run_check(struct json_writer *w, const struct report_run_result *rc)
{
	json_writer__obj_begin(w);
	json_writer__str_field(w, "check", rc->key);
	json_writer__bool_field(w, "ok", rc->ok);
	json_writer__str_field(w, "detail", rc->detail);
	json_writer__obj_end(w);
}

static void json_summary(struct json_writer *w, const struct report_summary *s)
{
	const struct run_info *ri = s->ri;
	const struct tally *t = s->t;

	json_writer__obj_begin(w);
	json_writer__str_field(w, "type", "summary");
	json_writer__str_field(w, "kernel", ri->release);
	json_writer__str_field(w, "arch", ri->machine);
	json_writer__str_field(w, "backend", ri->backend);
	json_writer__str_field(w, "profile", ri->profile);
	json_writer__str_field(w, "workload", ri->workload);
	json_writer__str_field(w, "verdict", report_verdict_key(s->verdict));
	json_writer__s64_field(w, "exit_status", s->exit_status);

	json_writer__name(w, "rules");
	json_writer__arr_begin(w);
	for (size_t i = 0; i < t->n_rules; i++) {
		const struct rule_tally *rt = &t->rules[i];
		const struct report_rule *r = report_summary__rule(s, rt->rule);

		json_writer__obj_begin(w);
		json_writer__str_field(w, "rule", rt->rule);
		json_writer__str_field(w, "family", r ? r->family : "other");
		json_writer__str_field(w, "statement", r ? r->statement : "");
		json_writer__u64_field(w, "checked", rt->checked);
		json_writer__u64_field(w, "passed", rt->passed);
		json_writer__u64_field(w, "failed", rt->failed);
		json_writer__u64_field(w, "allowed", rt->allowed);
		json_writer__u64_field(w, "observed", rt->observed);
		json_writer__obj_end(w);
	}
	json_writer__arr_end(w);
	/* coverage: of the rules that apply here, how many the run exercised */
	json_writer__u64_field(w, "rules_applicable", s->all.applicable);
	json_writer__u64_field(w, "rules_exercised", s->all.exercised);
	json_writer__u64_field(w, "rules_decided", s->all.decided);
	json_writer__u64_field(w, "rules_known", s->n_rules);
	/* every rule that applies and was not exercised, with why */
	json_writer__name(w, "not_exercised");
	json_writer__arr_begin(w);
	for (size_t i = 0; i < s->n_rules; i++) {
		const struct report_rule *r = &s->rules[i];

		if (!r->applies || r->tally)
			continue;
		json_writer__obj_begin(w);
		json_writer__str_field(w, "rule", r->id);
		json_writer__str_field(w, "class", report_class_key(r->class));
		json_writer__str_field(w, "reason", r->reason);
		json_writer__obj_end(w);
	}
	json_writer__arr_end(w);

	json_writer__name(w, "checks");
	json_writer__obj_begin(w);
	json_writer__u64_field(w, "checked", s->checked);
	json_writer__u64_field(w, "passed", s->passed);
	json_writer__u64_field(w, "failed", s->failed);
	json_writer__obj_end(w);

	json_writer__name(w, "run_checks");
	json_writer__arr_begin(w);
	for (int i = 0; i < RUN_CHECK__COUNT; i++)
		json_run_check(w, &s->run[i]);
	json_writer__arr_end(w);

	json_writer__name(w, "clones");
	json_writer__obj_begin(w);
	json_writer__u64_field(w, "seen", t->clones);
	json_writer__u64_field(w, "judged", s->judged);
	json_writer__u64_field(w, "pass", t->by_verdict[VERDICT_PASS]);
	json_writer__u64_field(w, "pass_allowed", t->allowed);
	json_writer__u64_field(w, "mismatch", t->by_verdict[VERDICT_MISMATCH]);
	json_writer__u64_field(w, "incomplete", t->by_verdict[VERDICT_INCOMPLETE]);
	json_writer__u64_field(w, "unjudged", t->by_verdict[VERDICT_UNJUDGED]);
	json_writer__u64_field(w, "in_progress", t->in_progress);
	json_writer__u64_field(w, "failed_syscalls", t->failed_syscalls);
	json_writer__obj_end(w);

	json_writer__name(w, "lost");
	json_writer__obj_begin(w);
	json_writer__u64_field(w, "total", ri->lost_total);
	for (int p = 0; p < OBS__COUNT; p++)
		json_writer__u64_field(w, obs_point_name(p), ri->lost[p]);
	json_writer__obj_end(w);
	json_writer__u64_field(w, "undecodable", ri->undecodable);
	json_writer__u64_field(w, "untracked", ri->untracked);
	json_writer__u64_field(w, "evicted", ri->evicted);
	json_writer__u64_field(w, "expired", ri->expired);
	json_writer__name(w, "truncated");
	if (ri->truncated)
		json_writer__str(w, ri->truncated);
	else
		json_writer__null(w);
	json_writer__u64_field(w, "late", ri->late);
	json_writer__obj_end(w);
}

static void json_discard(struct report *r)
{
	struct json_report *j = r->priv;

	if (!j)
		return;
	json_writer__free(j->w);
	free(j);
	r->priv = NULL;
}

static int json_end(struct report *r, const struct report_summary *s)
{
	struct json_report *j = r->priv;
	int err;

	if (!j)
		return -EINVAL;
	json_summary(j->w, s);
	err = json_writer__free(j->w);
	free(j);
	r->priv = NULL;
	return err;
}

const struct report_ops report_json_ops = {
	.name = "json",
	.begin = json_begin,
	.clone = json_clone,
	.end = json_end,
	.discard = json_discard,
};
