// SPDX-License-Identifier: GPL-2.0
/*
 * pred.c - the helpers every stage file uses to build a prediction: version
 * tests, expectations, alternatives, orderings and decided failures.  It
 * depends on model.h and clone_flags.h only, so no stage file depends on
 * another: no file in model/ includes one that includes it back.
 */
#include "model.h"
#include "clone_flags.h"
#include "pred.h"

/* Profile at least major.minor: picks the E- version branch of a rule. */
bool model_version_ge(const struct model_profile *prof, int major, int minor)
{
	return prof->major > major ||
	       (prof->major == major && prof->minor >= minor);
}

/*
 * Profile at least major.minor.patch (a change that entered a stable
 * series at a point release).  Same major.minor without a known point
 * release (Debian's "5.10.0-NN" names): @unknown.
 */
bool model_release_ge(const struct model_profile *prof, int major, int minor,
		      int patch, bool unknown)
{
	if (prof->major != major || prof->minor != minor)
		return model_version_ge(prof, major, minor);
	if (!prof->patch_known)
		return unknown;
	return prof->patch >= patch;
}

/*
 * Append one expectation (rule, stage, field, op, value) to out->expect[],
 * unless the field belongs to a MODEL_IN_* group the parent snapshot does
 * not carry (out->inputs): then BPF does not read it for the child either.
 * A full array is a model bug: the expectation is counted in n_dropped so
 * that the differ can refuse to call the clone a pass.
 */

/*
 * Append an environmental errno to out->alt[]: once per errno (the first
 * rule that can give it wins), never the predicted errno itself.  A full
 * array counts in n_dropped.
 */
static void model_alt_put(struct model_pred *out, int err, const char *rule, bool early)
{
	size_t i;

	if (err == out->err)
		return;
	/* an entry any observation leaves standing covers every later one */
	for (i = 0; i < out->n_alt; i++)
		if (out->alt[i].err == err && (early || !out->alt[i].before_sched_fork))
			return;
	if (out->n_alt >= MODEL_MAX_ALT) {
		out->n_dropped++;
		return;
	}
	out->alt[out->n_alt].err = err;
	out->alt[out->n_alt].rule = rule;
	out->alt[out->n_alt].before_sched_fork = early;
	out->n_alt++;
}

void model_alt_add(struct model_pred *out, int err, const char *rule)
{
	model_alt_put(out, err, rule, false);
}

void model_alt_add_early(struct model_pred *out, int err, const char *rule)
{
	model_alt_put(out, err, rule, true);
}

/* Append one ordering; a full array counts in n_dropped. */
void model_order_add_unless(struct model_pred *out, const char *rule,
			    enum model_stage before, enum model_stage after,
			    enum model_order_unless unless)
{
	if (out->n_order >= MODEL_MAX_ORDER) {
		out->n_dropped++;
		return;
	}
	out->order[out->n_order++] = (struct model_order){ rule, before, after, unless };
}

void model_order_add(struct model_pred *out, const char *rule,
		     enum model_stage before, enum model_stage after)
{
	model_order_add_unless(out, rule, before, after, MODEL_ORDER_ALWAYS);
}

/* A failure: the syscall stages only, no child stage (A.4). */
void model_pred_fail(struct model_pred *out, int err, const char *rule)
{
	out->err = err;
	out->err_rule = rule;
	out->stages_required = MODEL_STAGES_FAIL;
	out->stages_forbidden = MODEL_STAGES_CHILD;
	out->stages_rule = "A.4";
}

void model_fail_set(struct model_fail *fl, int err, const char *rule,
		    enum model_step step)
{
	if (fl->err)
		return;
	fl->err = err;
	fl->rule = rule;
	fl->step = step;
}

void model_fail_alt(struct model_fail *fl, int err, const char *rule)
{
	if (fl->n_pre >= MODEL_MAX_ALT) {
		fl->n_dropped++;
		return;
	}
	fl->pre[fl->n_pre].err = err;
	fl->pre[fl->n_pre].rule = rule;
	fl->n_pre++;
}

bool model_streq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

bool model_has_sys_admin(const struct model_task *parent)
{
	return parent->cap_effective & (1ULL << MODEL_CAP_SYS_ADMIN);
}
