// SPDX-License-Identifier: GPL-2.0
/*
 * report_junit.c - JUnit XML (--junit FILE) for GitLab, Jenkins and the
 * GitHub JUnit actions: <testsuites><testsuite> with tests/failures/errors/
 * skipped counts and kernel/backend/profile as properties.
 *
 * Test cases: one per catalogue rule (classname "clonecheck.<family>",
 * name "<ID> <statement>"): passed, <failure> with observed vs predicted for
 * each failing check (the first JUNIT_FAILURES_MAX, then a count), or
 * <skipped> when the run did not exercise it, the model does not decide it
 * or it does not apply to this kernel.  Unjudged clones (no syscall seen)
 * are counted in the properties only.  One failing case per
 * incomplete clone (incomplete is never a pass), and one case for the
 * delivery of records (lost or undecodable records fail it).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "report_fmt.h"

#define JUNIT_FAILURES_MAX 20	/* failing checks shown per rule */
#define JUNIT_INCOMPLETE_MAX 100 /* incomplete clones given their own case */

/* One failing check, with the clone it came from. */
struct junit_failure {
	uint64_t clone_id;		/* the clone */
	char *label;			/* its workload case (owned), or NULL */
	struct diff_check check;	/* what failed */
};

/* A rule's failing checks. */
struct junit_rule {
	const char *rule;		/* catalogue ID (static, from the model) */
	uint64_t failed;		/* failing checks seen */
	size_t n_kept;			/* of which kept in kept[] */
	struct junit_failure kept[JUNIT_FAILURES_MAX];
};

/* An incomplete clone. */
struct junit_incomplete {
	uint64_t clone_id;		/* the clone */
	char *label;			/* workload case (owned), or NULL */
	enum obs_entry entry;		/* its syscall */
	uint32_t parent_pid;		/* calling thread */
	const char *reason;		/* the differ's reason (static) */
	uint32_t missing;		/* MODEL_STAGE_BIT()s not seen */
};

struct junit_report {
	struct timespec t0;		/* begin(), for the suite's time */
	char timestamp[32];		/* begin() as ISO 8601, UTC, no zone */
	size_t n_rules;			/* rules with a failing check */
	struct junit_rule *rules;	/* [n_rules] */
	size_t n_inc;			/* incomplete clones kept */
	struct junit_incomplete inc[JUNIT_INCOMPLETE_MAX];
	uint64_t inc_not_kept;		/* incomplete clones beyond the cap */
};

static char *dup_label(const char *label)
{
	return label ? strdup(label) : NULL;
}

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

static struct junit_rule *junit_rule_slot(struct junit_report *j, const char *rule)
{
	struct junit_rule *n;

	for (size_t i = 0; i < j->n_rules; i++)
		if (!strcmp(j->rules[i].rule, rule))
			return &j->rules[i];
	n = realloc(j->rules, (j->n_rules + 1) * sizeof(*n));
	if (!n)
		return NULL;
	j->rules = n;
	n = &j->rules[j->n_rules++];
	memset(n, 0, sizeof(*n));
	n->rule = rule;
	return n;
}

static int junit_clone(struct report *r, const struct clone_obs *co,
		       const struct clone_verdict *v, const char *label)
{
	struct junit_report *j = r->priv;

	(void)co;
	if (!j)
		return -EINVAL;	/* begin() did not run */
	if (v->verdict == VERDICT_UNJUDGED)
		return 0;	/* nothing was predicted: not a test */
	if (v->verdict == VERDICT_INCOMPLETE) {
		struct junit_incomplete *in;

		if (j->n_inc >= JUNIT_INCOMPLETE_MAX) {
			j->inc_not_kept++;
			return 0;
		}
		in = &j->inc[j->n_inc++];
		in->clone_id = v->clone_id;
		in->label = dup_label(label);
		in->entry = v->entry;
		in->parent_pid = v->parent_pid;
		in->reason = v->reason;
		in->missing = v->missing;
		return label && !in->label ? -ENOMEM : 0;
	}
	for (size_t i = 0; i < v->n_checks; i++) {
		const struct diff_check *c = &v->checks[i];
		struct junit_rule *jr;
		struct junit_failure *f;

		if (c->ok || !c->rule)
			continue;
		jr = junit_rule_slot(j, c->rule);
		if (!jr)
			return -ENOMEM;
		jr->failed++;
		if (jr->n_kept >= JUNIT_FAILURES_MAX)
			continue;
		f = &jr->kept[jr->n_kept++];
		f->clone_id = v->clone_id;
		f->label = dup_label(label);
		f->check = *c;
		if (label && !f->label)
			return -ENOMEM;
	}
	return 0;
}

static const struct rule_tally *find_tally(const struct tally *t, const char *rule)
{
	for (size_t i = 0; i < t->n_rules; i++)
		if (!strcmp(t->rules[i].rule, rule))
			return &t->rules[i];
	return NULL;
}

static const struct junit_rule *find_failures(const struct junit_report *j, const char *rule)
{
	for (size_t i = 0; i < j->n_rules; i++)
		if (!strcmp(j->rules[i].rule, rule))
			return &j->rules[i];
	return NULL;
}

static void junit_property(FILE *out, const char *name, const char *value)
{
	fprintf(out, "      <property name=\"");
	xml_puts(out, name, true);
	fprintf(out, "\" value=\"");
	xml_puts(out, value ? value : "", true);
	fprintf(out, "\"/>\n");
}

static void junit_property_u64(FILE *out, const char *name, uint64_t v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%" PRIu64, v);
	junit_property(out, name, buf);
}

/* Why a rule's testcase is skipped, or NULL if it ran. */
static const char *skip_reason(const struct report_rule_info *ri, const struct rule_tally *rt)
{
	if (rt)
		return NULL;
	if (ri && !ri->applies)
		return "does not apply to this kernel";
	if (ri && !ri->decided)
		return "not decided by the model";
	return "not exercised by this run";
}

/* One rule's testcase. */
static void junit_rule_case(FILE *out, const char *rule, const char *stmt,
			    const struct report_rule_info *info, const struct rule_tally *rt,
			    const struct junit_rule *jr)
{
	const char *skip = skip_reason(info, rt);
	char line[256];

	fprintf(out, "    <testcase classname=\"clonecheck.%s\" name=\"",
		report_rule_family(rule));
	xml_puts(out, rule, true);
	if (stmt[0]) {
		fputc(' ', out);
		xml_puts(out, stmt, true);
	}
	fprintf(out, "\" time=\"0\">\n");
	if (skip) {
		fprintf(out, "      <skipped message=\"%s", skip);
		if (info && info->reason) {
			fputs(": ", out);
			xml_puts(out, info->reason, true);
		}
		fputs("\"/>\n", out);
	} else if (rt->failed) {
		fprintf(out,
			"      <failure type=\"mismatch\" message=\"%" PRIu64 " of %" PRIu64
			" checks failed\">",
			rt->failed, rt->checked);
		for (size_t i = 0; jr && i < jr->n_kept; i++) {
			const struct junit_failure *f = &jr->kept[i];

			fprintf(out, "clone #%" PRIu64, f->clone_id);
			if (f->label) {
				fputs(" (", out);
				xml_puts(out, f->label, false);
				fputc(')', out);
			}
			fputs(": ", out);
			xml_puts(out, report_describe_check(&f->check, line, sizeof(line)), false);
			fputc('\n', out);
		}
		if (jr && jr->failed > jr->n_kept)
			fprintf(out, "... and %" PRIu64 " more failing checks\n",
				jr->failed - jr->n_kept);
		fprintf(out, "</failure>\n");
	}
	if (rt)
		fprintf(out,
			"      <system-out>checked %" PRIu64 ", passed %" PRIu64 ", failed %" PRIu64
			"</system-out>\n",
			rt->checked, rt->passed, rt->failed);
	fprintf(out, "    </testcase>\n");
}

static void junit_incomplete_case(FILE *out, const struct junit_incomplete *in)
{
	fprintf(out, "    <testcase classname=\"clonecheck.incomplete\" name=\"clone #%" PRIu64,
		in->clone_id);
	if (in->label) {
		fputc(' ', out);
		xml_puts(out, in->label, true);
		fputc(':', out);
	}
	fprintf(out, " %s by %u\" time=\"0\">\n", obs_entry_name(in->entry), in->parent_pid);
	fprintf(out, "      <failure type=\"incomplete\" message=\"");
	xml_puts(out, in->reason ? in->reason : "incomplete", true);
	fprintf(out, "\">incomplete is never a pass; missing:");
	for (int s = 0; s < MODEL_STAGE__COUNT; s++)
		if (in->missing & MODEL_STAGE_BIT(s))
			fprintf(out, " %s", model_stage_name(s));
	if (!in->missing)
		fprintf(out, " (see reason)");
	fprintf(out, "\n</failure>\n    </testcase>\n");
}

static void junit_delivery_case(FILE *out, const struct run_info *ri)
{
	fprintf(out, "    <testcase classname=\"clonecheck.observation\" "
		     "name=\"records delivered: none lost, all decodable\" time=\"0\">\n");
	if (ri->lost_total || ri->undecodable) {
		fprintf(out,
			"      <failure type=\"loss\" message=\"%" PRIu64 " lost, %" PRIu64
			" undecodable\">",
			ri->lost_total, ri->undecodable);
		for (int p = 0; p < OBS__COUNT; p++)
			if (ri->lost[p])
				fprintf(out, "lost at %s: %" PRIu64 "\n", obs_point_name(p),
					ri->lost[p]);
		fprintf(out, "</failure>\n");
	}
	fprintf(out, "    </testcase>\n");
}

static int junit_write(FILE *out, struct junit_report *j, const struct run_info *ri,
		       const struct tally *t)
{
	size_t n_known = 0;
	struct report_rule_info *cat = report_catalogue(ri, &n_known);
	uint64_t tests = 0, failures = 0, skipped = 0;
	struct timespec t1;
	double secs;
	char host[256] = "localhost";

	if (!cat)
		return -errno;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (t1.tv_sec - j->t0.tv_sec) + (t1.tv_nsec - j->t0.tv_nsec) / 1e9;
	if (gethostname(host, sizeof(host) - 1))
		snprintf(host, sizeof(host), "localhost");

	/* Count first: the counts are attributes of the opening tags. */
	for (size_t i = 0; i < n_known; i++) {
		const struct rule_tally *rt = find_tally(t, cat[i].id);

		tests++;
		skipped += !rt;
		failures += rt && rt->failed;
	}
	for (size_t i = 0; i < t->n_rules; i++) {
		if (report_catalogue_find(cat, n_known, t->rules[i].rule))
			continue;
		tests++;
		failures += !!t->rules[i].failed;
	}
	tests += j->n_inc + !!j->inc_not_kept + 1;
	failures += j->n_inc + !!j->inc_not_kept + !!(ri->lost_total || ri->undecodable);

	fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	fprintf(out,
		"<testsuites name=\"clonecheck\" tests=\"%" PRIu64 "\" failures=\"%" PRIu64
		"\" errors=\"0\" skipped=\"%" PRIu64 "\" time=\"%.3f\">\n",
		tests, failures, skipped, secs);
	fprintf(out, "  <testsuite name=\"clonecheck ");
	xml_puts(out, ri->profile, true);
	fprintf(out,
		"\" tests=\"%" PRIu64 "\" failures=\"%" PRIu64 "\" errors=\"0\" skipped=\"%" PRIu64
		"\" time=\"%.3f\" timestamp=\"%s\" hostname=\"",
		tests, failures, skipped, secs, j->timestamp);
	xml_puts(out, host, true);
	fprintf(out, "\">\n    <properties>\n");
	junit_property(out, "kernel", ri->release);
	junit_property(out, "arch", ri->machine);
	junit_property(out, "backend", ri->backend);
	junit_property(out, "profile", ri->profile);
	junit_property(out, "workload", ri->workload);
	junit_property(out, "verdict", report_verdict_line(ri, t));
	junit_property_u64(out, "clones", t->clones);
	junit_property_u64(out, "clones_pass", t->by_verdict[VERDICT_PASS]);
	junit_property_u64(out, "clones_mismatch", t->by_verdict[VERDICT_MISMATCH]);
	junit_property_u64(out, "clones_incomplete", t->by_verdict[VERDICT_INCOMPLETE]);
	junit_property_u64(out, "clones_unjudged", t->by_verdict[VERDICT_UNJUDGED]);
	junit_property_u64(out, "lost", ri->lost_total);
	junit_property_u64(out, "undecodable", ri->undecodable);
	junit_property_u64(out, "untracked", ri->untracked);
	fprintf(out, "    </properties>\n");

	for (size_t i = 0; i < n_known; i++)
		junit_rule_case(out, cat[i].id, cat[i].statement, &cat[i], find_tally(t, cat[i].id),
				find_failures(j, cat[i].id));
	for (size_t i = 0; i < t->n_rules; i++)
		if (!report_catalogue_find(cat, n_known, t->rules[i].rule))
			junit_rule_case(out, t->rules[i].rule,
					report_rule_statement(t->rules[i].rule), NULL,
					&t->rules[i], find_failures(j, t->rules[i].rule));
	free(cat);
	for (size_t i = 0; i < j->n_inc; i++)
		junit_incomplete_case(out, &j->inc[i]);
	if (j->inc_not_kept)
		fprintf(out,
			"    <testcase classname=\"clonecheck.incomplete\" name=\"%" PRIu64
			" more incomplete clones\" time=\"0\">\n"
			"      <failure type=\"incomplete\" message=\"%" PRIu64
			" more incomplete clones\"/>\n    </testcase>\n",
			j->inc_not_kept, j->inc_not_kept);
	junit_delivery_case(out, ri);
	fprintf(out, "  </testsuite>\n</testsuites>\n");
	if (fflush(out) || ferror(out))
		return -EIO;
	return 0;
}

static int junit_end(struct report *r, const struct run_info *ri, const struct tally *t)
{
	struct junit_report *j = r->priv;
	int err;

	if (!j)
		return -EINVAL;
	err = junit_write(r->out, j, ri, t);
	for (size_t i = 0; i < j->n_rules; i++)
		for (size_t k = 0; k < j->rules[i].n_kept; k++)
			free(j->rules[i].kept[k].label);
	for (size_t i = 0; i < j->n_inc; i++)
		free(j->inc[i].label);
	free(j->rules);
	free(j);
	r->priv = NULL;
	return err;
}

const struct report_ops report_junit_ops = {
	.name = "junit",
	.begin = junit_begin,
	.clone = junit_clone,
	.end = junit_end,
};
