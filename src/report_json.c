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
	if (c->kind == CHECK_FIELD) {
		json_writer__str_field(w, "field", model_field_name(c->field));
		json_writer__str_field(w, "op", report_op_key(c->op));
	} else {
		json_writer__str_field(w, "field", c->kind == CHECK_RET ? "ret" : NULL);
		json_writer__str_field(w, "op", c->kind == CHECK_RET ? "ret" : "absent");
	}
	json_writer__s64_field(w, "expected", c->expected);
	json_writer__s64_field(w, "observed", c->observed);
	json_writer__bool_field(w, "ok", c->ok);
	json_writer__obj_end(w);
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

static int json_summary(struct json_writer *w, const struct run_info *ri,
			const struct tally *t)
{
	uint64_t checked = 0, passed = 0, failed = 0;
	size_t n_known = 0, n_decided = 0;
	int status = report_exit_status(ri, t);
	struct report_rule_info *cat = report_catalogue(ri, &n_known);

	if (!cat)
		return -errno;
	for (size_t i = 0; i < n_known; i++)
		n_decided += cat[i].decided && cat[i].applies;
	json_writer__obj_begin(w);
	json_writer__str_field(w, "type", "summary");
	json_writer__str_field(w, "kernel", ri->release);
	json_writer__str_field(w, "arch", ri->machine);
	json_writer__str_field(w, "backend", ri->backend);
	json_writer__str_field(w, "profile", ri->profile);
	json_writer__str_field(w, "workload", ri->workload);
	json_writer__str_field(w, "verdict", status ? "does_not_conform" : "conforms");
	json_writer__s64_field(w, "exit_status", status);

	json_writer__name(w, "rules");
	json_writer__arr_begin(w);
	for (size_t i = 0; i < t->n_rules; i++) {
		const struct rule_tally *rt = &t->rules[i];
		const struct report_rule_info *ci = report_catalogue_find(cat, n_known, rt->rule);

		json_writer__obj_begin(w);
		json_writer__str_field(w, "rule", rt->rule);
		json_writer__str_field(w, "family", report_rule_family(rt->rule));
		json_writer__str_field(w, "statement",
				       ci ? ci->statement : report_rule_statement(rt->rule));
		json_writer__u64_field(w, "checked", rt->checked);
		json_writer__u64_field(w, "passed", rt->passed);
		json_writer__u64_field(w, "failed", rt->failed);
		json_writer__obj_end(w);
		checked += rt->checked;
		passed += rt->passed;
		failed += rt->failed;
	}
	json_writer__arr_end(w);
	json_writer__u64_field(w, "rules_exercised", t->n_rules);
	json_writer__u64_field(w, "rules_decided", n_decided);
	json_writer__u64_field(w, "rules_known", n_known);
	/* Rules the model decides on this kernel that no check exercised. */
	json_writer__name(w, "rules_unexercised");
	json_writer__arr_begin(w);
	for (size_t i = 0; i < n_known; i++) {
		bool seen = false;

		if (!cat[i].decided || !cat[i].applies)
			continue;
		for (size_t k = 0; k < t->n_rules && !seen; k++)
			seen = !strcmp(t->rules[k].rule, cat[i].id);
		if (!seen)
			json_writer__str(w, cat[i].id);
	}
	json_writer__arr_end(w);
	free(cat);

	json_writer__name(w, "checks");
	json_writer__obj_begin(w);
	json_writer__u64_field(w, "checked", checked);
	json_writer__u64_field(w, "passed", passed);
	json_writer__u64_field(w, "failed", failed);
	json_writer__obj_end(w);

	json_writer__name(w, "clones");
	json_writer__obj_begin(w);
	json_writer__u64_field(w, "judged", t->clones);
	json_writer__u64_field(w, "pass", t->by_verdict[VERDICT_PASS]);
	json_writer__u64_field(w, "mismatch", t->by_verdict[VERDICT_MISMATCH]);
	json_writer__u64_field(w, "incomplete", t->by_verdict[VERDICT_INCOMPLETE]);
	json_writer__u64_field(w, "unjudged", t->by_verdict[VERDICT_UNJUDGED]);
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
	json_writer__obj_end(w);
	return 0;
}

static int json_end(struct report *r, const struct run_info *ri, const struct tally *t)
{
	struct json_report *j = r->priv;
	int err;

	if (!j)
		return -EINVAL;
	err = json_summary(j->w, ri, t);
	if (err)
		json_writer__free(j->w);
	else
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
};
