// SPDX-License-Identifier: GPL-2.0
/* report_text.c - the human-readable conformance report. */
#include <errno.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "inject_plan.h"

#include "report_fmt.h"

static void print_check(FILE *out, const struct diff_check *c)
{
	const struct model_rule *r = model_rule_find(c->rule);
	char buf[256];

	fprintf(out, "    %-5s %s\n", c->rule, report_describe_check(c, buf, sizeof(buf)));
	if (r)
		fprintf(out, "          (%s)\n", r->statement);
}

static void print_verdict(FILE *out, const struct clone_verdict *v)
{
	fprintf(out, "  clone #%" PRIu64 " %s%s%s by %u -> ", v->clone_id, v->label ? v->label : "",
		v->label ? ": " : "", obs_entry_name(v->entry), v->parent_pid);
	if (v->ret_seen)
		fprintf(out, "%" PRId64, v->ret);
	else
		fprintf(out, "?");
	fprintf(out, ": %s", verdict_name(v->verdict));
	if (v->reason)
		fprintf(out, " (%s)", v->reason);
	fprintf(out, "\n");
	if (v->missing) {
		fprintf(out, "    missing:");
		for (int s = 0; s < MODEL_STAGE__COUNT; s++)
			if (v->missing & MODEL_STAGE_BIT(s))
				fprintf(out, " %s", model_stage_name(s));
		fprintf(out, "\n");
	}
	for (size_t i = 0; i < v->n_checks; i++)
		if (!v->checks[i].ok)
			print_check(out, &v->checks[i]);
}

/* label, then the words of s, wrapped under 80 columns with a hanging indent */
static void print_wrapped(FILE *out, const char *label, const char *s)
{
	size_t col = strlen(label), indent = col;

	fputs(label, out);
	while (*s) {
		size_t n = strcspn(s, " ");

		if (col > indent && col + 1 + n > 79) {
			fprintf(out, "\n%*s", (int)indent, "");
			col = indent;
		} else if (col > indent) {
			fputc(' ', out);
			col++;
		}
		fwrite(s, 1, n, out);
		col += n;
		s += n;
		s += strspn(s, " ");
	}
	fputc('\n', out);
}

/*
 * Every rule that applies here and was not exercised, grouped by what it
 * would need, with the model's reason (or its statement).
 */
static void print_not_exercised(FILE *out, const struct report_summary *s)
{
	size_t n = s->all.applicable - s->all.exercised;

	fprintf(out, "\nnot exercised: %zu of %zu rules that apply here\n", n, s->all.applicable);
	for (int c = 0; c < REPORT_CLASS__COUNT; c++) {
		if (!s->not_exercised[c])
			continue;
		fprintf(out, "  %s: %zu\n", report_class_title(c), s->not_exercised[c]);
		for (size_t i = 0; i < s->n_rules; i++) {
			const struct report_rule *r = &s->rules[i];
			char label[16];

			if (!r->applies || r->tally || r->class != (enum report_class)c)
				continue;
			snprintf(label, sizeof(label), "    %-5s ", r->id);
			print_wrapped(out, label, r->reason ? r->reason : r->statement);
		}
	}
}

/* label, then "RULE count" for every rule whose counter at @off is set, and what they are. */
static void print_counts(FILE *out, const struct tally *t, const char *label, size_t off,
			 const char *what)
{
	char line[1024];
	size_t n = 0;

	line[0] = '\0';
	for (size_t i = 0; i < t->n_rules; i++) {
		uint64_t v;

		memcpy(&v, (const char *)&t->rules[i] + off, sizeof(v));
		if (v && n < sizeof(line))
			n += snprintf(line + n, sizeof(line) - n, "%s%s %" PRIu64, n ? ", " : "",
				      t->rules[i].rule, v);
	}
	if (!n)
		return;
	if (n < sizeof(line))
		snprintf(line + n, sizeof(line) - n, ": %s", what);
	print_wrapped(out, label, line);
}

struct text_state;
static void print_injected(FILE *out, const struct text_state *st);
static void text_discard(struct report *rep);

static int text_end(struct report *rep, const struct report_summary *s)
{
	const struct run_info *ri = s->ri;
	const struct tally *t = s->t;
	FILE *out = rep->out;
	size_t n_checked = 0;

	fprintf(out, "clonecheck: conformance of process creation\n");
	fprintf(out, "kernel   %s %s\n", ri->release, ri->machine);
	fprintf(out, "backend  %s\n", ri->backend);
	print_wrapped(out, "profile  ", ri->profile);
	fprintf(out, "workload %s\n\n", ri->workload);

	fprintf(out, "%-6s %-50s %7s %5s %4s\n", "RULE", "STATEMENT", "CHECKED", "PASS", "FAIL");
	for (size_t i = 0; i < t->n_rules; i++) {
		const struct rule_tally *r = &t->rules[i];
		const struct model_rule *m = model_rule_find(r->rule);

		if (!r->checked)
			continue;	/* observed only: on the "observed" line */
		fprintf(out, "%-6s %-50.50s %7" PRIu64 " %5" PRIu64 " %4" PRIu64 "\n", r->rule,
			m ? m->statement : "", r->checked, r->passed, r->failed);
		n_checked++;
	}
	fprintf(out, "\nrules    %zu checked, %" PRIu64 " checks, %" PRIu64 " failed\n",
		n_checked, s->checked, s->failed);
	print_counts(out, t, "observed ", offsetof(struct rule_tally, observed),
		     "points that fired where the model required them (not checks)");
	print_counts(out, t, "allowed  ", offsetof(struct rule_tally, allowed),
		     "outcomes held only as an allowed environmental alternative "
		     "(CHECKED, not PASS)");
	fprintf(out, "coverage %zu of %zu rules that apply here exercised (%.0f%%)\n",
		s->all.exercised, s->all.applicable,
		s->all.applicable ? 100.0 * s->all.exercised / s->all.applicable : 0.0);
	fprintf(out,
		"clones   %" PRIu64 ": %" PRIu64 " pass, %" PRIu64 " mismatch, %" PRIu64
		" incomplete, %" PRIu64 " unjudged; %" PRIu64 " syscalls failed\n",
		t->clones, t->by_verdict[VERDICT_PASS], t->by_verdict[VERDICT_MISMATCH],
		t->by_verdict[VERDICT_INCOMPLETE], t->by_verdict[VERDICT_UNJUDGED],
		t->failed_syscalls);
	if (t->allowed)
		fprintf(out, "         pass: %" PRIu64 " by an allowed alternative, not decided\n",
			t->allowed);
	if (t->by_verdict[VERDICT_UNJUDGED] > t->in_progress)
		fprintf(out, "         unjudged: %" PRIu64 " no syscall seen (kernel threads, "
			     "workers, or begun before attach)\n",
			t->by_verdict[VERDICT_UNJUDGED] - t->in_progress);
	if (t->in_progress)
		fprintf(out, "         unjudged: %" PRIu64 " in progress when observation "
			     "stopped (syscall or the child's first return still to come)\n",
			t->in_progress);
	if (ri->truncated)
		fprintf(out, "cut      the trace ends early, its losses are unknown: %s\n",
			ri->truncated);
	fprintf(out, "lost     %" PRIu64 " records", ri->lost_total);
	if (ri->lost_total) {
		fprintf(out, " (");
		for (int p = 0; p < OBS__COUNT; p++)
			if (ri->lost[p])
				fprintf(out, " %s %" PRIu64, obs_point_name(p), ri->lost[p]);
		fprintf(out, " )");
	}
	fprintf(out, "; %" PRIu64 " undecodable, %" PRIu64 " untracked\n", ri->undecodable,
		ri->untracked);
	if (ri->evicted || ri->expired || ri->late)
		fprintf(out, "open     %" PRIu64 " clones judged early (too many open), %" PRIu64
			     " (open too long); %" PRIu64 " first runs after their clone\n",
			ri->evicted, ri->expired, ri->late);
	if (ri->cases_unseen)
		fprintf(out, "workload %" PRIu64 " cases made no judged clone\n", ri->cases_unseen);

	if (t->n_kept) {
		fprintf(out, "\nfindings\n");
		for (size_t i = 0; i < t->n_kept; i++)
			print_verdict(out, &t->kept[i]);
		if (t->not_kept)
			fprintf(out, "  ... and %" PRIu64 " more\n", t->not_kept);
	}
	print_injected(out, rep->priv);
	print_not_exercised(out, s);
	fprintf(out, "\nverdict  %s\n", report_verdict_line(s->verdict));
	text_discard(rep);
	return 0;
}

/*
 * A clone the workload injected a fault into (its entry snapshot carries an
 * unspent plan, model/inject_plan.h), and what was checked of it.
 */
struct text_injected {
	const char *label;
	uint64_t word;		/* the plan word */
	const struct diff_check *ret;	/* its CHECK_RET, or NULL */
	struct diff_check ret_copy;
	int absent, absent_ok;	/* A.4's child points checked absent, and held */
	enum verdict verdict;
};

#define TEXT_INJECTED_MAX 32

struct text_state {
	size_t n;
	uint64_t more;
	struct text_injected inj[TEXT_INJECTED_MAX];
};

static int text_begin(struct report *rep, const struct run_info *ri)
{
	(void)ri;
	rep->priv = calloc(1, sizeof(struct text_state));
	return rep->priv ? 0 : -ENOMEM;
}

static void text_discard(struct report *rep)
{
	free(rep->priv);
	rep->priv = NULL;
}

/* The text report works from the tally (it keeps the findings) and the injected clones. */
static int text_clone(struct report *rep, const struct clone_obs *co,
		      const struct clone_verdict *v, const char *label)
{
	struct text_state *st = rep->priv;
	const uint64_t w = report_injected(co);
	struct text_injected *e;

	if (!st || !w)
		return 0;
	if (st->n >= TEXT_INJECTED_MAX) {
		st->more++;
		return 0;
	}
	e = &st->inj[st->n++];
	*e = (struct text_injected){ .label = label, .word = w, .verdict = v->verdict };
	for (size_t i = 0; i < v->n_checks; i++) {
		const struct diff_check *c = &v->checks[i];

		if (c->kind == CHECK_RET && !e->ret) {
			e->ret_copy = *c;
			e->ret = &e->ret_copy;
		} else if (c->kind == CHECK_ABSENT) {
			e->absent++;
			e->absent_ok += c->ok;
		}
	}
	return 0;
}

/* Every injected fault: where, what, the errno checked and the unwinding. */
static void print_injected(FILE *out, const struct text_state *st)
{
	if (!st || !st->n)
		return;
	fprintf(out, "\ninjected (faults the workload injected into its own helpers' clones)\n");
	for (size_t i = 0; i < st->n; i++) {
		const struct text_injected *e = &st->inj[i];

		fprintf(out, "  %s: %s at %s, %s %d, cookie %08x\n", e->label ? e->label : "-",
			model_inject_name(e->word), model_inject_hook(e->word),
			report_inject_arg_name(e->word),
			MODEL_INJ_ARG(e->word), MODEL_INJ_COOKIE(e->word));
		if (e->ret)
			fprintf(out, "    %-5s ret %" PRId64 ", predicted %" PRId64 ": %s\n",
				e->ret->rule, e->ret->observed, e->ret->expected,
				!e->ret->ok ? "FAIL" : e->ret->allowed ? "allowed" : "pass");
		else
			fprintf(out, "    no syscall return checked\n");
		if (e->absent)
			fprintf(out, "    A.4   unwound: %d of %d child points absent "
				     "(task_newtask, sched_process_fork, wakeup, child return)\n",
				e->absent_ok, e->absent);
		fprintf(out, "    verdict %s\n", verdict_name(e->verdict));
	}
	if (st->more)
		fprintf(out, "  ... and %" PRIu64 " more\n", st->more);
}

const struct report_ops report_text_ops = {
	.name = "text",
	.begin = text_begin,
	.clone = text_clone,
	.end = text_end,
	.discard = text_discard,
};
