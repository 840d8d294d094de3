// SPDX-License-Identifier: GPL-2.0
/*
 * report_html.c - the conformance report as one self-contained HTML file
 * (--report FILE.html) or as GitHub-flavoured Markdown (--report FILE.md).
 *
 * Both show, from the run's summary: the verdict and counts, rule coverage
 * (per family, and every applicable rule not exercised with why), the rule
 * table, the mismatches and incomplete clones with observed vs predicted,
 * and losses; from what this writer gathers per clone: the workload cases
 * and the latency of each observed transition.  Every table is described
 * once and written through report_doc.h in either format.  HTML also draws
 * coverage and latency as inline SVG (no scripts, no external assets).
 * Findings are the tally's kept verdicts (the first TALLY_KEEP).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "report_doc.h"
#include "report_fmt.h"

#define HTML_SAMPLES_MAX (1u << 20)	/* latency samples kept per transition */
#define HTML_DOTS_MAX 1500		/* dots drawn per transition strip */

/* Clones made by one workload case. */
struct html_case {
	char *label;			/* the case (owned); NULL: no case */
	uint64_t clones;		/* clones judged */
	uint64_t by_verdict[VERDICT__COUNT]; /* enum verdict */
	uint64_t failed_syscalls;	/* of which the syscall failed */
	uint32_t entries;		/* 1 << enum obs_entry seen */
};

/* Latencies of one transition, ns. */
struct html_samples {
	uint64_t *ns;			/* [n], sorted at end() */
	size_t n;			/* samples kept */
	size_t cap;			/* allocated */
	uint64_t dropped;		/* beyond HTML_SAMPLES_MAX */
};

struct html_report {
	bool md;			/* Markdown instead of HTML */
	size_t n_cases;			/* cases seen, in first-seen order */
	struct html_case *cases;	/* [n_cases] */
	struct html_samples span[SPAN__COUNT]; /* per transition */
};

/* Summary of one transition's samples. */
struct span_stats {
	size_t n;			/* samples */
	uint64_t min, p25, p50, p75, p90, max; /* ns */
};

static int html_begin_common(struct report *r, bool md)
{
	struct html_report *h = calloc(1, sizeof(*h));

	if (!h)
		return -ENOMEM;
	h->md = md;
	r->priv = h;
	return 0;
}

static int html_begin(struct report *r, const struct run_info *ri)
{
	(void)ri;
	return html_begin_common(r, false);
}

static int md_begin(struct report *r, const struct run_info *ri)
{
	(void)ri;
	return html_begin_common(r, true);
}

static struct html_case *case_slot(struct html_report *h, const char *label)
{
	struct html_case *c;

	for (size_t i = 0; i < h->n_cases; i++) {
		c = &h->cases[i];
		if ((!label && !c->label) || (label && c->label && !strcmp(label, c->label)))
			return c;
	}
	c = realloc(h->cases, (h->n_cases + 1) * sizeof(*c));
	if (!c)
		return NULL;
	h->cases = c;
	c = &h->cases[h->n_cases];
	memset(c, 0, sizeof(*c));
	if (label) {
		c->label = strdup(label);
		if (!c->label)
			return NULL;
	}
	h->n_cases++;
	return c;
}

static int samples_add(struct html_samples *s, uint64_t ns)
{
	if (s->n >= HTML_SAMPLES_MAX) {
		s->dropped++;
		return 0;
	}
	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 256;
		uint64_t *n = realloc(s->ns, cap * sizeof(*n));

		if (!n)
			return -ENOMEM;
		s->ns = n;
		s->cap = cap;
	}
	s->ns[s->n++] = ns;
	return 0;
}

static int html_clone(struct report *r, const struct clone_obs *co,
		      const struct clone_verdict *v, const char *label)
{
	struct html_report *h = r->priv;
	struct html_case *c;
	uint64_t ns;

	if (!h)
		return -EINVAL;	/* begin() did not run */
	c = case_slot(h, label);
	if (!c)
		return -ENOMEM;
	c->clones++;
	c->by_verdict[v->verdict]++;
	c->failed_syscalls += v->ret_seen && v->ret < 0;
	c->entries |= 1u << v->entry;
	for (int s = 0; s < SPAN__COUNT; s++)
		if (report_span_ns(co, s, &ns) && samples_add(&h->span[s], ns))
			return -ENOMEM;
	return 0;
}

/* ------------------------------------------------------------ statistics */

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static void span_stats(struct html_samples *s, struct span_stats *st)
{
	memset(st, 0, sizeof(*st));
	st->n = s->n;
	if (!s->n)
		return;
	qsort(s->ns, s->n, sizeof(s->ns[0]), cmp_u64);
	st->min = s->ns[0];
	st->p25 = s->ns[(s->n - 1) * 25 / 100];
	st->p50 = s->ns[(s->n - 1) * 50 / 100];
	st->p75 = s->ns[(s->n - 1) * 75 / 100];
	st->p90 = s->ns[(s->n - 1) * 90 / 100];
	st->max = s->ns[s->n - 1];
}

/* "850 ns", "12.3 us" style, with the micro sign. */
static const char *fmt_ns(uint64_t ns, char *buf, size_t len)
{
	static const struct {
		uint64_t div;
		const char *unit;
	} u[] = { { 1000000000, "s" }, { 1000000, "ms" }, { 1000, "\u00b5s" } };

	for (size_t i = 0; i < ARRAY_SIZE(u); i++) {
		if (ns < u[i].div)
			continue;
		if (ns >= 100 * u[i].div)
			snprintf(buf, len, "%" PRIu64 " %s", ns / u[i].div, u[i].unit);
		else if (ns >= 10 * u[i].div)
			snprintf(buf, len, "%" PRIu64 ".%" PRIu64 " %s", ns / u[i].div,
				 ns % u[i].div * 10 / u[i].div, u[i].unit);
		else
			snprintf(buf, len, "%" PRIu64 ".%02" PRIu64 " %s", ns / u[i].div,
				 ns % u[i].div * 100 / u[i].div, u[i].unit);
		return buf;
	}
	snprintf(buf, len, "%" PRIu64 " ns", ns);
	return buf;
}

/* A tick label for 10^dec ns: "1 ns", "10 ns", ..., "1 \u00b5s", ... */
static const char *fmt_decade(int dec, char *buf, size_t len)
{
	static const char *const unit[] = { "ns", "\u00b5s", "ms", "s" };
	static const char *const mant[] = { "1", "10", "100" };

	if (dec < 0)
		dec = 0;
	if (dec / 3 >= 4)
		snprintf(buf, len, "1e%d ns", dec);
	else
		snprintf(buf, len, "%s %s", mant[dec % 3], unit[dec / 3]);
	return buf;
}

static void fmt_entries(uint32_t entries, char *buf, size_t len)
{
	size_t off = 0;

	buf[0] = 0;
	for (int e = 0; e <= OBS_ENTRY_NONE && off < len; e++)
		if (entries & (1u << e))
			off += snprintf(buf + off, len - off, "%s%s", off ? ", " : "",
					e == OBS_ENTRY_NONE ? "(none)" : obs_entry_name(e));
}

/*
 * log10(v) to within ~0.03, without libm: the bit length of v, plus the
 * mantissa read linearly (log2(1 + m) ~ m), times log10(2).  Used for the
 * latency axis only, where ticks go through the same function.
 */
static double approx_log10(uint64_t v)
{
	int msb = 63;

	if (v < 1)
		v = 1;
	while (!(v >> msb))
		msb--;
	return (msb + (double)(v - (1ull << msb)) / (double)(1ull << msb)) * 0.30102999566;
}

/* ------------------------------------------------------------------ HTML */

static const char html_style[] =
	"body{font-family:system-ui,sans-serif;margin:2em;color:#222}"
	"table{border-collapse:collapse;margin:0.5em 0 1.5em}"
	"th,td{border:1px solid #ccc;padding:0.2em 0.6em;text-align:left;vertical-align:top}"
	"td.n{text-align:right;font-variant-numeric:tabular-nums}"
	"tr.fail td{background:#fde8e8}tr.unexercised td{color:#888}"
	".verdict{font-size:1.3em;font-weight:bold;padding:0.3em 0.6em;display:inline-block}"
	".verdict.ok{background:#e3f6e3;color:#185c18}"
	".verdict.bad{background:#fde8e8;color:#8a1010}"
	"code{font-family:ui-monospace,monospace}"
	"#rule-table td:first-child,td.n{white-space:nowrap}";

/* ------------------------------------------------------------ sections */

static void doc_kv(struct doc *d, const char *k, const char *v)
{
	doc_row(d, NULL, NULL, NULL);
	doc_head_cell(d, k);
	doc_cell(d, v ? v : "");
	doc_row_end(d);
}

static void doc_kv_u64(struct doc *d, const char *k, uint64_t v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%" PRIu64, v);
	doc_kv(d, k, buf);
}

static void doc_summary(struct doc *d, const struct report_summary *s)
{
	static const struct doc_col cols[] = { { NULL, false }, { NULL, false } };
	const struct run_info *ri = s->ri;
	const struct tally *t = s->t;
	char buf[160];

	if (!d->md)
		fputs("<section id=\"summary\">\n", d->out);
	snprintf(buf, sizeof(buf), "%s%s", d->md ? "Verdict: " : "",
		 report_verdict_line(s->verdict));
	doc_para(d, "verdict", s->exit_status ? "verdict bad" : "verdict ok", buf);
	doc_table(d, "summary-table", cols, 2);
	doc_kv(d, "kernel", ri->release);
	doc_kv(d, "arch", ri->machine);
	doc_kv(d, "backend", ri->backend);
	doc_kv(d, "profile", ri->profile);
	doc_kv(d, "workload", ri->workload);
	snprintf(buf, sizeof(buf),
		 "%zu of %zu that apply here exercised (%.0f%%); %zu decided here; %zu known",
		 s->all.exercised, s->all.applicable,
		 s->all.applicable ? 100.0 * s->all.exercised / s->all.applicable : 0.0,
		 s->all.decided, s->n_rules);
	doc_kv(d, "rules", buf);
	snprintf(buf, sizeof(buf), "%" PRIu64 " checked, %" PRIu64 " failed", s->checked,
		 s->failed);
	doc_kv(d, "checks", buf);
	snprintf(buf, sizeof(buf),
		 "%" PRIu64 " seen: %" PRIu64 " pass, %" PRIu64 " mismatch, %" PRIu64
		 " incomplete, %" PRIu64 " unjudged",
		 t->clones, t->by_verdict[VERDICT_PASS], t->by_verdict[VERDICT_MISMATCH],
		 t->by_verdict[VERDICT_INCOMPLETE], t->by_verdict[VERDICT_UNJUDGED]);
	doc_kv(d, "clones", buf);
	doc_kv_u64(d, "failed syscalls", t->failed_syscalls);
	doc_kv_u64(d, "lost records", ri->lost_total);
	doc_kv_u64(d, "undecodable", ri->undecodable);
	doc_kv_u64(d, "untracked", ri->untracked);
	doc_kv_u64(d, "exit status", s->exit_status);
	doc_table_end(d);
	doc_section_end(d);
}

/* Horizontal bars: applicable rules (grey), decided (blue), exercised (green), failing (red). */
static void svg_coverage(FILE *out, const struct report_summary *s)
{
	const int x0 = 110, w = 420, row = 26;
	int height = (int)(s->n_families + 1) * row + 10;

	fprintf(out,
		"<svg id=\"coverage-chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"720\" "
		"height=\"%d\" role=\"img\" aria-label=\"rules exercised of rules that apply\" "
		"font-family=\"sans-serif\" font-size=\"12\">\n",
		height);
	for (size_t i = 0; i <= s->n_families; i++) {
		const struct report_family *c = i < s->n_families ? &s->families[i] : &s->all;
		int y = 5 + (int)i * row;
		int wd = c->applicable ? (int)(w * c->decided / c->applicable) : 0;
		int we = c->applicable ? (int)(w * c->exercised / c->applicable) : 0;
		int wf = c->applicable ? (int)(w * c->failing / c->applicable) : 0;

		fprintf(out, "<g class=\"cov\" data-family=\"%s\" data-applicable=\"%zu\" "
			     "data-exercised=\"%zu\">", c->family, c->applicable, c->exercised);
		fprintf(out, "<title>%s: %zu of %zu rules exercised, %zu decided, %zu failing"
			     "</title>", c->family, c->exercised, c->applicable, c->decided,
			c->failing);
		fprintf(out, "<text x=\"0\" y=\"%d\"%s>%s</text>", y + 15,
			i == s->n_families ? " font-weight=\"bold\"" : "", c->family);
		fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"18\" fill=\"#ddd\"/>",
			x0, y, w);
		fprintf(out,
			"<rect class=\"decided\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"18\" "
			"fill=\"#a9c6e8\"/>",
			x0, y, wd);
		fprintf(out,
			"<rect class=\"exercised\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"18\" "
			"fill=\"#4a9f4a\"/>",
			x0, y, we);
		if (wf)
			fprintf(out,
				"<rect class=\"failing\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"18\" "
				"fill=\"#c83737\"/>",
				x0, y, wf);
		fprintf(out, "<text x=\"%d\" y=\"%d\">%zu / %zu</text></g>\n", x0 + w + 8, y + 14,
			c->exercised, c->applicable);
	}
	fputs("</svg>\n", out);
}

static void doc_coverage(struct doc *d, const struct report_summary *s)
{
	static const struct doc_col fam[] = {
		{ "Family", false },	{ "Apply here", true }, { "Decided here", true },
		{ "Exercised", true },	{ "Failing", true },
	};
	static const struct doc_col why[] = {
		{ "Rule", false }, { "Not exercised because", false }, { "Detail", false },
	};

	doc_section(d, "coverage", "Rule coverage");
	if (!d->md) {
		svg_coverage(d->out, s);
		doc_para(d, NULL, NULL,
			 "Bar: the catalogue's rules that apply to this kernel.  Blue: decided "
			 "by the model here, green: exercised by this run, red: of which failing.");
	}
	doc_table(d, "coverage-table", fam, ARRAY_SIZE(fam));
	for (size_t i = 0; i <= s->n_families; i++) {
		const struct report_family *c = i < s->n_families ? &s->families[i] : &s->all;

		doc_row(d, NULL, "family", c->family);
		doc_cell(d, c->family);
		doc_num_cell(d, c->applicable);
		doc_num_cell(d, c->decided);
		doc_num_cell(d, c->exercised);
		doc_num_cell(d, c->failing);
		doc_row_end(d);
	}
	doc_table_end(d);

	doc_heading(d, 3, NULL, "Not exercised, by reason");
	doc_table(d, "not-exercised-table", why, ARRAY_SIZE(why));
	for (int c = 0; c < REPORT_CLASS__COUNT; c++) {
		for (size_t i = 0; i < s->n_rules; i++) {
			const struct report_rule *r = &s->rules[i];

			if (!r->applies || r->tally || r->class != (enum report_class)c)
				continue;
			doc_row(d, report_class_key(r->class), "rule", r->id);
			doc_code_cell(d, r->id);
			doc_cell(d, report_class_title(r->class));
			doc_cell(d, r->reason ? r->reason : r->statement);
			doc_row_end(d);
		}
	}
	doc_table_end(d);
	doc_section_end(d);
}

/* "yes", or why the model does not check the rule here. */
static const char *model_status(const struct report_rule *r, char *buf, size_t len)
{
	if (r->decided && r->applies)
		return "yes";
	snprintf(buf, len, "%s%s%s", r->applies ? "not decided" : "n/a on this kernel",
		 r->reason ? ": " : "", r->reason ? r->reason : "");
	return buf;
}

static void doc_rules(struct doc *d, const struct report_summary *s)
{
	static const struct doc_col cols[] = {
		{ "ID", false },       { "Statement", false }, { "Family", false },
		{ "Model checks", false }, { "Exercised", false }, { "Checked", true },
		{ "Passed", true },    { "Failed", true },
	};
	char buf[192];

	doc_section(d, "rules", "Rules");
	doc_table(d, "rule-table", cols, ARRAY_SIZE(cols));
	for (size_t i = 0; i < s->n_rules; i++) {
		const struct report_rule *r = &s->rules[i];
		const struct rule_tally *rt = r->tally;

		doc_row(d, !rt ? "unexercised" : rt->failed ? "fail" : "pass", "rule", r->id);
		doc_code_cell(d, r->id);
		doc_cell(d, r->statement);
		doc_cell(d, r->family);
		doc_cell(d, model_status(r, buf, sizeof(buf)));
		if (rt)
			doc_cell(d, rt->failed ? "yes, FAILING" : "yes");
		else if (r->applies)
			doc_fmt_cell(d, "no: %s", report_class_title(r->class));
		else
			doc_cell(d, "no");
		doc_num_cell(d, rt ? rt->checked : 0);
		doc_num_cell(d, rt ? rt->passed : 0);
		doc_num_cell(d, rt ? rt->failed : 0);
		doc_row_end(d);
	}
	doc_table_end(d);
	doc_section_end(d);
}

static void doc_cases(struct doc *d, const struct html_report *h)
{
	static const struct doc_col cols[] = {
		{ "Case", false },	 { "Syscalls", false }, { "Clones", true },
		{ "Pass", true },	 { "Mismatch", true },	{ "Incomplete", true },
		{ "Unjudged", true },	 { "Failed syscalls", true },
	};
	char buf[96];

	doc_section(d, "cases", "Workload cases");
	doc_table(d, "case-table", cols, ARRAY_SIZE(cols));
	for (size_t i = 0; i < h->n_cases; i++) {
		const struct html_case *c = &h->cases[i];

		doc_row(d,
			c->by_verdict[VERDICT_MISMATCH] || c->by_verdict[VERDICT_INCOMPLETE] ?
				"fail" : "pass",
			NULL, NULL);
		doc_cell(d, c->label ? c->label : "(no case)");
		fmt_entries(c->entries, buf, sizeof(buf));
		doc_cell(d, buf);
		doc_num_cell(d, c->clones);
		doc_num_cell(d, c->by_verdict[VERDICT_PASS]);
		doc_num_cell(d, c->by_verdict[VERDICT_MISMATCH]);
		doc_num_cell(d, c->by_verdict[VERDICT_INCOMPLETE]);
		doc_num_cell(d, c->by_verdict[VERDICT_UNJUDGED]);
		doc_num_cell(d, c->failed_syscalls);
		doc_row_end(d);
	}
	doc_table_end(d);
	doc_section_end(d);
}

/* One row of the findings: a failing check c of v, or (c NULL) v incomplete. */
static void finding_row(struct doc *d, const struct clone_verdict *v, const struct diff_check *c)
{
	char line[256];

	doc_row(d, verdict_name(v->verdict), NULL, NULL);
	doc_num_cell(d, v->clone_id);
	doc_cell(d, v->label ? v->label : "");
	doc_cell(d, v->entry == OBS_ENTRY_NONE ? "" : obs_entry_name(v->entry));
	if (v->child_pid)
		doc_fmt_cell(d, "%u \u2192 %u", v->parent_pid, v->child_pid);
	else
		doc_fmt_cell(d, "%u", v->parent_pid);
	if (v->ret_seen)
		doc_fmt_cell(d, "%" PRId64, v->ret);
	else
		doc_cell(d, "not seen");
	doc_cell(d, verdict_name(v->verdict));
	if (c) {
		const struct model_rule *m = model_rule_find(c->rule);

		doc_code_cell(d, c->rule);
		doc_code_cell(d, report_describe_check(c, line, sizeof(line)));
		doc_cell(d, m ? m->statement : "");
	} else {
		doc_cell(d, "");
		doc_cell(d, report_describe_incomplete(v->reason, v->missing, line, sizeof(line)));
		doc_cell(d, "");
	}
	doc_row_end(d);
}

static void doc_findings(struct doc *d, const struct tally *t)
{
	static const struct doc_col cols[] = {
		{ "Clone", true },    { "Case", false },     { "Syscall", false },
		{ "Parent \u2192 child", true }, { "Returned", true }, { "Verdict", false },
		{ "Rule", false },    { "Observed vs predicted", false }, { "Statement", false },
	};
	char buf[64];

	doc_section(d, "findings", "Mismatches and incomplete clones");
	if (!t->n_kept) {
		doc_para(d, NULL, NULL, "None: every judged clone passed.");
		doc_section_end(d);
		return;
	}
	doc_table(d, "finding-table", cols, ARRAY_SIZE(cols));
	for (size_t i = 0; i < t->n_kept; i++) {
		const struct clone_verdict *v = &t->kept[i];
		bool any = false;

		for (size_t k = 0; k < v->n_checks; k++) {
			if (v->checks[k].ok)
				continue;
			finding_row(d, v, &v->checks[k]);
			any = true;
		}
		if (!any)
			finding_row(d, v, NULL);
	}
	doc_table_end(d);
	if (t->not_kept) {
		snprintf(buf, sizeof(buf), "... and %" PRIu64 " more not listed.", t->not_kept);
		doc_para(d, NULL, NULL, buf);
	}
	doc_section_end(d);
}

static void doc_loss(struct doc *d, const struct report_summary *s)
{
	static const struct doc_col cols[] = { { "What", false }, { "Count", true } };
	const struct run_info *ri = s->ri;

	doc_section(d, "loss", "Lost records and incomplete clones");
	doc_table(d, "loss-table", cols, ARRAY_SIZE(cols));
	for (int p = 0; p < OBS__COUNT; p++) {
		doc_row(d, NULL, "point", obs_point_name(p));
		doc_fmt_cell(d, "lost at %s", obs_point_name(p));
		doc_num_cell(d, ri->lost[p]);
		doc_row_end(d);
	}
	doc_row(d, NULL, NULL, NULL);
	doc_head_cell(d, "lost in all");
	doc_num_cell(d, ri->lost_total);
	doc_row_end(d);
	doc_kv_u64(d, "undecodable records", ri->undecodable);
	doc_kv_u64(d, "untracked child points", ri->untracked);
	doc_kv_u64(d, "incomplete clones", s->t->by_verdict[VERDICT_INCOMPLETE]);
	doc_table_end(d);
	doc_section_end(d);
}

/*
 * Per transition: a strip of one dot per clone (at most HTML_DOTS_MAX,
 * evenly picked) over a box from p25 to p75 with the median, whiskers at
 * min and max; x is logarithmic.
 */
static void svg_latency(FILE *out, const struct html_report *h,
			const struct span_stats st[SPAN__COUNT])
{
	const int x0 = 30, w = 640, row = 70;
	uint64_t lo = UINT64_MAX, hi = 0;
	int dlo, dhi;
	char a[24], b[24], c[24], d[24], e[24];

	for (int s = 0; s < SPAN__COUNT; s++) {
		if (!st[s].n)
			continue;
		lo = st[s].min < lo ? st[s].min : lo;
		hi = st[s].max > hi ? st[s].max : hi;
	}
	if (!hi)
		return;
	/* whole decades around the data */
	for (dlo = 0; dlo < 12 && approx_log10(lo) >= dlo + 1; dlo++)
		;
	for (dhi = dlo + 1; dhi < 13 && approx_log10(hi) > dhi; dhi++)
		;
#define LX(v) (x0 + (int)((approx_log10(v) - dlo) / (dhi - dlo) * w))
	fprintf(out,
		"<svg id=\"latency-chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"720\" "
		"height=\"%d\" role=\"img\" aria-label=\"latency per transition\" "
		"font-family=\"sans-serif\" font-size=\"12\">\n",
		SPAN__COUNT * row + 30);
	for (int dec = dlo; dec <= dhi; dec++) {
		uint64_t v = 1;

		for (int i = 0; i < dec; i++)
			v *= 10;
		fprintf(out,
			"<line x1=\"%d\" y1=\"0\" x2=\"%d\" y2=\"%d\" stroke=\"#eee\"/>"
			"<text class=\"tick\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
			LX(v), LX(v), SPAN__COUNT * row + 5, LX(v), SPAN__COUNT * row + 20,
			fmt_decade(dec, a, sizeof(a)));
	}
	for (int s = 0; s < SPAN__COUNT; s++) {
		const struct html_samples *sm = &h->span[s];
		int y = s * row + 18;
		size_t step = sm->n > HTML_DOTS_MAX ? (sm->n + HTML_DOTS_MAX - 1) / HTML_DOTS_MAX : 1;

		fprintf(out, "<g class=\"span\" data-span=\"%s\" data-n=\"%zu\">",
			report_spans[s].key, st[s].n);
		fprintf(out, "<text x=\"0\" y=\"%d\">%s (n=%zu)</text>", y - 4,
			report_spans[s].title, st[s].n);
		if (!st[s].n) {
			fputs("</g>\n", out);
			continue;
		}
		fprintf(out,
			"<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555\"/>"
			"<rect class=\"box\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"28\" "
			"fill=\"#cfe0f5\" stroke=\"#35608f\"><title>min %s, p25 %s, median %s, "
			"p75 %s, max %s</title></rect>"
			"<line class=\"median\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
			"stroke=\"#13375e\" stroke-width=\"2\"/>",
			LX(st[s].min), y + 14, LX(st[s].max), y + 14, LX(st[s].p25), y,
			LX(st[s].p75) - LX(st[s].p25) + 1, fmt_ns(st[s].min, a, sizeof(a)),
			fmt_ns(st[s].p25, b, sizeof(b)), fmt_ns(st[s].p50, c, sizeof(c)),
			fmt_ns(st[s].p75, d, sizeof(d)), fmt_ns(st[s].max, e, sizeof(e)),
			LX(st[s].p50), y - 2, LX(st[s].p50), y + 30);
		for (size_t i = 0; i < sm->n; i += step)
			fprintf(out,
				"<circle class=\"dot\" cx=\"%d\" cy=\"%d\" r=\"2.5\" fill=\"#c0392b\" "
				"fill-opacity=\"0.6\"/>",
				LX(sm->ns[i]), y + 4 + (int)((i * 7919) % 21));
		fputs("</g>\n", out);
	}
#undef LX
	fputs("</svg>\n", out);
}

static void doc_latency(struct doc *d, const struct html_report *h,
			const struct span_stats st[SPAN__COUNT])
{
	static const struct doc_col cols[] = {
		{ "Transition", false }, { "Clones", true }, { "Min", true },
		{ "Median", true },	 { "p90", true },    { "Max", true },
	};
	char a[24];

	doc_section(d, "latency", "Latency of each transition, per clone");
	if (!d->md)
		svg_latency(d->out, h, st);
	doc_table(d, "latency-table", cols, ARRAY_SIZE(cols));
	for (int s = 0; s < SPAN__COUNT; s++) {
		doc_row(d, NULL, "span", report_spans[s].key);
		doc_cell(d, report_spans[s].title);
		doc_num_cell(d, st[s].n);
		doc_cell(d, st[s].n ? fmt_ns(st[s].min, a, sizeof(a)) : "");
		doc_cell(d, st[s].n ? fmt_ns(st[s].p50, a, sizeof(a)) : "");
		doc_cell(d, st[s].n ? fmt_ns(st[s].p90, a, sizeof(a)) : "");
		doc_cell(d, st[s].n ? fmt_ns(st[s].max, a, sizeof(a)) : "");
		doc_row_end(d);
	}
	doc_table_end(d);
	doc_para(d, NULL, NULL,
		 "copy_process() itself is not observable by the tracepoint backend: "
		 "sys_enter \u2192 task_newtask bounds it from above.");
	doc_section_end(d);
}

static void doc_write(struct doc *d, const struct html_report *h, const struct report_summary *s,
		      const struct span_stats st[SPAN__COUNT])
{
	const char *title = "clonecheck: conformance of process creation";

	if (!d->md) {
		fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
		      "<title>clonecheck: ", d->out);
		doc_text(d, s->ri->release);
		fprintf(d->out, " %s</title>\n<style>%s</style>\n</head>\n<body>\n",
			s->exit_status ? "does not conform" : "conforms", html_style);
	}
	doc_heading(d, 1, NULL, title);
	doc_summary(d, s);
	doc_coverage(d, s);
	doc_rules(d, s);
	doc_cases(d, h);
	doc_findings(d, s->t);
	doc_loss(d, s);
	doc_latency(d, h, st);
	if (!d->md)
		fputs("</body>\n</html>\n", d->out);
}

static void html_discard(struct report *r)
{
	struct html_report *h = r->priv;

	if (!h)
		return;
	for (size_t i = 0; i < h->n_cases; i++)
		free(h->cases[i].label);
	free(h->cases);
	for (int s = 0; s < SPAN__COUNT; s++)
		free(h->span[s].ns);
	free(h);
	r->priv = NULL;
}

static int html_end(struct report *r, const struct report_summary *s)
{
	struct html_report *h = r->priv;
	struct span_stats st[SPAN__COUNT];
	struct doc d;

	if (!h)
		return -EINVAL;	/* begin() did not run */
	d = (struct doc){ .out = r->out, .md = h->md };
	for (int i = 0; i < SPAN__COUNT; i++)
		span_stats(&h->span[i], &st[i]);
	doc_write(&d, h, s, st);
	html_discard(r);
	return 0;
}

const struct report_ops report_html_ops = {
	.name = "html",
	.begin = html_begin,
	.clone = html_clone,
	.end = html_end,
	.discard = html_discard,
};

const struct report_ops report_md_ops = {
	.name = "md",
	.begin = md_begin,
	.clone = html_clone,
	.end = html_end,
	.discard = html_discard,
};
