// SPDX-License-Identifier: GPL-2.0
/*
 * report_ktap.c - the result as KTAP version 1 (--ktap on stdout, --report
 * FILE.ktap), as kselftest, KernelCI and LAVA read it
 * (Documentation/dev-tools/ktap.rst).
 *
 * One test per catalogue rule, named by its ID, in catalogue order: "ok"
 * when every check of it held, "not ok" when one failed, "ok ... # SKIP
 * <why>" when the run did not exercise it or it does not apply here.  The
 * clone-level details are diagnostic lines just before the result they
 * explain: the rule's statement and counts, and each failing check with its
 * clone (the first REPORT_FAILURES_MAX).  Then one test per check of the
 * run as a whole (clones judged, every clone complete, records delivered,
 * workload cases judged); an incomplete clone is listed under
 * clones_complete.  A "not ok" line appears exactly when the exit status
 * is 1.  The last lines are kselftest's "# Totals:" line and the verdict.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>

#include "report_fmt.h"

static int ktap_begin(struct report *r, const struct run_info *ri)
{
	(void)ri;
	r->priv = calloc(1, sizeof(struct report_findings));
	return r->priv ? 0 : -ENOMEM;
}

/* "# " and the text, escaped for one line. */
static void ktap_diag(FILE *out, const char *s)
{
	fputs("# ", out);
	escape_puts(out, s, &escape_ktap);
	fputc('\n', out);
}

/* Counts of each result, for kselftest's "# Totals:" line. */
struct ktap_totals {
	unsigned pass, fail, skip;
};

/* "ok N name" or "not ok N name", with "# SKIP why" when skip is not NULL. */
static void ktap_result(FILE *out, struct ktap_totals *tot, unsigned n, const char *name, bool ok,
			const char *skip)
{
	fprintf(out, "%s %u ", ok ? "ok" : "not ok", n);
	escape_puts(out, name, &escape_ktap_name);
	if (skip) {
		fputs(" # SKIP ", out);
		escape_puts(out, skip, &escape_ktap);
	}
	fputc('\n', out);
	if (skip)
		tot->skip++;
	else if (ok)
		tot->pass++;
	else
		tot->fail++;
}

static void ktap_rule(FILE *out, struct ktap_totals *tot, unsigned n, const struct report_rule *r,
		      const struct report_rule_failures *rf)
{
	const struct rule_tally *rt = r->tally;
	char line[320];

	if (!rt) {
		ktap_result(out, tot, n, r->id, true, report_rule_why(r, line, sizeof(line)));
		return;
	}
	snprintf(line, sizeof(line), "%s %s: %" PRIu64 " checks, %" PRIu64 " failed", r->id,
		 r->statement, rt->checked, rt->failed);
	ktap_diag(out, line);
	for (size_t i = 0; rf && i < rf->n_kept; i++) {
		ktap_diag(out, report_describe_failure(&rf->kept[i], line, sizeof(line)));
	}
	if (rf && rf->failed > rf->n_kept) {
		snprintf(line, sizeof(line), "... and %" PRIu64 " more failing checks",
			 rf->failed - rf->n_kept);
		ktap_diag(out, line);
	}
	ktap_result(out, tot, n, r->id, !rt->failed, NULL);
}

static void ktap_run_check(FILE *out, struct ktap_totals *tot, unsigned n,
			   const struct report_summary *s, const struct report_findings *f,
			   enum report_run_check i)
{
	const struct report_run_result *rc = &s->run[i];
	char line[384], clone[96], why[256];

	snprintf(line, sizeof(line), "%s: %s", rc->title, rc->detail);
	ktap_diag(out, line);
	for (size_t k = 0; i == RUN_CHECK_COMPLETE && k < f->n_inc; k++) {
		const struct report_incomplete *in = &f->inc[k];

		snprintf(line, sizeof(line), "%s: %s",
			 report_describe_clone(in->clone_id, in->label, in->entry, in->parent_pid,
					       clone, sizeof(clone)),
			 report_describe_incomplete(in->reason, in->missing, why, sizeof(why)));
		ktap_diag(out, line);
	}
	if (i == RUN_CHECK_COMPLETE && f->inc_not_kept) {
		snprintf(line, sizeof(line), "... and %" PRIu64 " more incomplete clones",
			 f->inc_not_kept);
		ktap_diag(out, line);
	}
	for (int p = 0; i == RUN_CHECK_DELIVERED && p < OBS__COUNT; p++) {
		if (!s->ri->lost[p])
			continue;
		snprintf(line, sizeof(line), "lost at %s: %" PRIu64, obs_point_name(p),
			 s->ri->lost[p]);
		ktap_diag(out, line);
	}
	ktap_result(out, tot, n, rc->key, rc->ok, NULL);
}

static void ktap_write(FILE *out, const struct report_findings *f, const struct report_summary *s)
{
	const struct run_info *ri = s->ri;
	struct ktap_totals tot = { 0 };
	unsigned n = 0;
	char line[512];

	fputs("KTAP version 1\n", out);
	ktap_diag(out, "clonecheck: conformance of process creation");
	snprintf(line, sizeof(line), "kernel %s %s; backend %s", ri->release, ri->machine,
		 ri->backend);
	ktap_diag(out, line);
	snprintf(line, sizeof(line), "profile %s", ri->profile);
	ktap_diag(out, line);
	snprintf(line, sizeof(line), "workload %s", ri->workload);
	ktap_diag(out, line);
	snprintf(line, sizeof(line), "coverage %zu of %zu rules that apply here exercised",
		 s->all.exercised, s->all.applicable);
	ktap_diag(out, line);
	fprintf(out, "1..%zu\n", s->n_rules + RUN_CHECK__COUNT);
	for (size_t i = 0; i < s->n_rules; i++)
		ktap_rule(out, &tot, ++n, &s->rules[i], report_findings__rule(f, s->rules[i].id));
	for (int i = 0; i < RUN_CHECK__COUNT; i++)
		ktap_run_check(out, &tot, ++n, s, f, i);
	fprintf(out, "# Totals: pass:%u fail:%u xfail:0 xpass:0 skip:%u error:0\n", tot.pass,
		tot.fail, tot.skip);
	snprintf(line, sizeof(line), "verdict %s; exit status %d", report_verdict_line(s->verdict),
		 s->exit_status);
	ktap_diag(out, line);
}

static int ktap_end(struct report *r, const struct report_summary *s)
{
	if (!r->priv)
		return -EINVAL;
	ktap_write(r->out, r->priv, s);
	report_findings_discard(r);
	return 0;
}

const struct report_ops report_ktap_ops = {
	.name = "ktap",
	.begin = ktap_begin,
	.clone = report_findings_clone,
	.end = ktap_end,
	.discard = report_findings_discard,
};
