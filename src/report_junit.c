// SPDX-License-Identifier: GPL-2.0
/*
 * report_junit.c - JUnit XML (--junit FILE, --report FILE.xml) for GitLab,
 * Jenkins and the GitHub JUnit actions: <testsuites><testsuite> with
 * tests/failures/errors/skipped counts and kernel/backend/profile as
 * properties.
 *
 * Test cases: one per catalogue rule (classname "clonecheck.<family>",
 * name "<ID> <statement>"): passed, <failure> with observed vs predicted for
 * each failing check (the first REPORT_FAILURES_MAX, then a count), or
 * <skipped> when the run did not exercise it (with why), the model does not
 * decide it or it does not apply to this kernel.  Unjudged clones (no
 * syscall seen) are counted in the properties only.  One failing case per
 * incomplete clone (incomplete is never a pass), and one case per check of
 * the run as a whole other than completeness (clones judged, records
 * delivered, workload cases judged).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "report_fmt.h"

struct junit_report {
	struct report_findings found;	/* first: failing checks per rule, incomplete clones */
	struct timespec t0;		/* begin(), for the suite's time */
	char timestamp[32];		/* begin() as ISO 8601, UTC, no zone */
};

static int junit_begin(struct report *r, const struct run_info *ri)
{
	struct junit_report *j;
	struct tm tm;
	time_t now = time(NULL);

	(void)ri;
	j = calloc(1, sizeof(*j));
	if (!j)
		return -ENOMEM;
	clock_gettime(CLOCK_MONOTONIC, &j->t0);
	if (gmtime_r(&now, &tm))
		strftime(j->timestamp, sizeof(j->timestamp), "%Y-%m-%dT%H:%M:%S", &tm);
	r->priv = j;
	return 0;
}

static void xml_attr(FILE *out, const char *s)
{
	escape_puts(out, s, &escape_xml_attr);
}

static void xml_text(FILE *out, const char *s)
{
	escape_puts(out, s, &escape_xml_text);
}

static void junit_property(FILE *out, const char *name, const char *value)
{
	fprintf(out, "      <property name=\"");
	xml_attr(out, name);
	fprintf(out, "\" value=\"");
	xml_attr(out, value ? value : "");
	fprintf(out, "\"/>\n");
}

static void junit_property_u64(FILE *out, const char *name, uint64_t v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%" PRIu64, v);
	junit_property(out, name, buf);
}

/* One rule's testcase. */
static void junit_rule_case(FILE *out, const struct report_rule *r,
			    const struct report_rule_failures *rf)
{
	const struct rule_tally *rt = r->tally;
	char line[320], why[320];
	const char *skip = report_rule_why(r, why, sizeof(why));

	fprintf(out, "    <testcase classname=\"clonecheck.%s\" name=\"", r->family);
	xml_attr(out, r->id);
	if (r->statement[0]) {
		fputc(' ', out);
		xml_attr(out, r->statement);
	}
	fprintf(out, "\" time=\"0\">\n");
	if (skip) {
		fprintf(out, "      <skipped message=\"");
		xml_attr(out, skip);
		fputs("\"/>\n", out);
	} else if (rt->failed) {
		fprintf(out,
			"      <failure type=\"mismatch\" message=\"%" PRIu64 " of %" PRIu64
			" checks failed\">",
			rt->failed, rt->checked);
		for (size_t i = 0; rf && i < rf->n_kept; i++) {
			xml_text(out, report_describe_failure(&rf->kept[i], line, sizeof(line)));
			fputc('\n', out);
		}
		if (rf && rf->failed > rf->n_kept)
			fprintf(out, "... and %" PRIu64 " more failing checks\n",
				rf->failed - rf->n_kept);
		fprintf(out, "</failure>\n");
	}
	if (rt)
		fprintf(out,
			"      <system-out>checked %" PRIu64 ", passed %" PRIu64 ", failed %" PRIu64
			"</system-out>\n",
			rt->checked, rt->passed, rt->failed);
	fprintf(out, "    </testcase>\n");
}

static void junit_incomplete_case(FILE *out, const struct report_incomplete *in)
{
	fprintf(out, "    <testcase classname=\"clonecheck.incomplete\" name=\"clone #%" PRIu64,
		in->clone_id);
	if (in->label) {
		fputc(' ', out);
		xml_attr(out, in->label);
		fputc(':', out);
	}
	fprintf(out, " %s by %u\" time=\"0\">\n", obs_entry_name(in->entry), in->parent_pid);
	fprintf(out, "      <failure type=\"incomplete\" message=\"");
	xml_attr(out, in->reason ? in->reason : "incomplete");
	fprintf(out, "\">incomplete is never a pass; missing:");
	for (int s = 0; s < MODEL_STAGE__COUNT; s++)
		if (in->missing & MODEL_STAGE_BIT(s))
			fprintf(out, " %s", model_stage_name(s));
	if (!in->missing)
		fprintf(out, " (see reason)");
	fprintf(out, "\n</failure>\n    </testcase>\n");
}

/* A check of the run as a whole; the delivery case lists losses per point. */
static void junit_run_case(FILE *out, const struct report_summary *s, enum report_run_check i)
{
	const struct report_run_result *rc = &s->run[i];

	fprintf(out, "    <testcase classname=\"clonecheck.run\" name=\"%s\" time=\"0\">\n",
		rc->title);
	if (!rc->ok) {
		fprintf(out, "      <failure type=\"%s\" message=\"", rc->key);
		xml_attr(out, rc->detail);
		fputs("\">", out);
		for (int p = 0; i == RUN_CHECK_DELIVERED && p < OBS__COUNT; p++)
			if (s->ri->lost[p])
				fprintf(out, "lost at %s: %" PRIu64 "\n", obs_point_name(p),
					s->ri->lost[p]);
		fprintf(out, "</failure>\n");
	}
	fprintf(out, "    </testcase>\n");
}

static void junit_write(FILE *out, struct junit_report *j, const struct report_summary *s)
{
	const struct run_info *ri = s->ri;
	const struct tally *t = s->t;
	const struct report_findings *f = &j->found;
	uint64_t tests = 0, failures = 0, skipped = 0;
	struct timespec t1;
	double secs;
	char host[256] = "localhost";

	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (t1.tv_sec - j->t0.tv_sec) + (t1.tv_nsec - j->t0.tv_nsec) / 1e9;
	if (gethostname(host, sizeof(host) - 1))
		snprintf(host, sizeof(host), "localhost");

	/* Count first: the counts are attributes of the opening tags. */
	for (size_t i = 0; i < s->n_rules; i++) {
		tests++;
		skipped += !s->rules[i].tally;
		failures += s->rules[i].tally && s->rules[i].tally->failed;
	}
	tests += f->n_inc + !!f->inc_not_kept;
	failures += f->n_inc + !!f->inc_not_kept;
	for (int i = 0; i < RUN_CHECK__COUNT; i++) {
		if (i == RUN_CHECK_COMPLETE)
			continue;	/* one case per incomplete clone instead */
		tests++;
		failures += !s->run[i].ok;
	}

	fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	fprintf(out,
		"<testsuites name=\"clonecheck\" tests=\"%" PRIu64 "\" failures=\"%" PRIu64
		"\" errors=\"0\" skipped=\"%" PRIu64 "\" time=\"%.3f\">\n",
		tests, failures, skipped, secs);
	fprintf(out, "  <testsuite name=\"clonecheck ");
	xml_attr(out, ri->profile);
	fprintf(out,
		"\" tests=\"%" PRIu64 "\" failures=\"%" PRIu64 "\" errors=\"0\" skipped=\"%" PRIu64
		"\" time=\"%.3f\" timestamp=\"%s\" hostname=\"",
		tests, failures, skipped, secs, j->timestamp);
	xml_attr(out, host);
	fprintf(out, "\">\n    <properties>\n");
	junit_property(out, "kernel", ri->release);
	junit_property(out, "arch", ri->machine);
	junit_property(out, "backend", ri->backend);
	junit_property(out, "profile", ri->profile);
	junit_property(out, "workload", ri->workload);
	junit_property(out, "verdict", report_verdict_line(s->verdict));
	junit_property_u64(out, "clones", t->clones);
	junit_property_u64(out, "clones_pass", t->by_verdict[VERDICT_PASS]);
	junit_property_u64(out, "clones_mismatch", t->by_verdict[VERDICT_MISMATCH]);
	junit_property_u64(out, "clones_incomplete", t->by_verdict[VERDICT_INCOMPLETE]);
	junit_property_u64(out, "clones_unjudged", t->by_verdict[VERDICT_UNJUDGED]);
	junit_property_u64(out, "lost", ri->lost_total);
	junit_property_u64(out, "undecodable", ri->undecodable);
	junit_property_u64(out, "untracked", ri->untracked);
	junit_property_u64(out, "rules_applicable", s->all.applicable);
	junit_property_u64(out, "rules_exercised", s->all.exercised);
	fprintf(out, "    </properties>\n");

	for (size_t i = 0; i < s->n_rules; i++)
		junit_rule_case(out, &s->rules[i], report_findings__rule(f, s->rules[i].id));
	for (size_t i = 0; i < f->n_inc; i++)
		junit_incomplete_case(out, &f->inc[i]);
	if (f->inc_not_kept)
		fprintf(out,
			"    <testcase classname=\"clonecheck.incomplete\" name=\"%" PRIu64
			" more incomplete clones\" time=\"0\">\n"
			"      <failure type=\"incomplete\" message=\"%" PRIu64
			" more incomplete clones\"/>\n    </testcase>\n",
			f->inc_not_kept, f->inc_not_kept);
	for (int i = 0; i < RUN_CHECK__COUNT; i++)
		if (i != RUN_CHECK_COMPLETE)
			junit_run_case(out, s, i);
	fprintf(out, "  </testsuite>\n</testsuites>\n");
}

static int junit_end(struct report *r, const struct report_summary *s)
{
	if (!r->priv)
		return -EINVAL;
	junit_write(r->out, r->priv, s);
	report_findings_discard(r);
	return 0;
}

const struct report_ops report_junit_ops = {
	.name = "junit",
	.begin = junit_begin,
	.clone = report_findings_clone,
	.end = junit_end,
	.discard = report_findings_discard,
};
