// SPDX-License-Identifier: GPL-2.0
/*
 * report_html.c - the conformance report as one self-contained HTML file
 * (--report FILE.html) or as GitHub-flavoured Markdown (--report FILE.md).
 *
 * Both show: the summary (kernel, arch, backend, profile, verdict, counts),
 * rule coverage, the rule table (every rule the model knows: exercised or
 * not, checks passed and failed), the workload cases, the mismatches and
 * incomplete clones with observed vs predicted, losses, and the latency of
 * each observed transition per clone.  HTML draws coverage and latency as
 * inline SVG (no scripts, no external assets); Markdown gives them as
 * tables.  Findings are the tally's kept verdicts (the first TALLY_KEEP).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

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

/* Rule coverage of one family. */
struct family_cov {
	const char *family;		/* report_rule_family() */
	size_t known;			/* catalogue rules that apply to this kernel */
	size_t decided;			/* of which the model checks */
	size_t exercised;		/* of which checked at least once */
	size_t failing;			/* of which with a failing check */
};

static const char *const families[] = {
	"validation", "precedence", "resources", "scheduler",
	"observation", "errata", "version", "other", "unknown",
};

#define N_FAMILIES (sizeof(families) / sizeof(families[0]))

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

static const struct rule_tally *find_tally(const struct tally *t, const char *rule)
{
	for (size_t i = 0; i < t->n_rules; i++)
		if (!strcmp(t->rules[i].rule, rule))
			return &t->rules[i];
	return NULL;
}

/* Coverage per family, in families[] order; returns how many have rules. */
static size_t coverage(const struct tally *t, const struct report_rule_info *cat,
		       size_t n_known, struct family_cov cov[N_FAMILIES], struct family_cov *all)
{
	size_t n = 0;
	struct family_cov tmp[N_FAMILIES];

	memset(tmp, 0, sizeof(tmp));
	memset(all, 0, sizeof(*all));
	all->family = "all";
	for (size_t i = 0; i < n_known; i++) {
		const struct rule_tally *rt = find_tally(t, cat[i].id);
		const char *fam = report_rule_family(cat[i].id);

		if (!cat[i].applies)
			continue;
		for (size_t f = 0; f < N_FAMILIES; f++) {
			if (strcmp(fam, families[f]))
				continue;
			tmp[f].known++;
			tmp[f].decided += cat[i].decided;
			tmp[f].exercised += rt != NULL;
			tmp[f].failing += rt && rt->failed;
		}
		all->known++;
		all->decided += cat[i].decided;
		all->exercised += rt != NULL;
		all->failing += rt && rt->failed;
	}
	for (size_t f = 0; f < N_FAMILIES; f++) {
		if (!tmp[f].known)
			continue;
		cov[n] = tmp[f];
		cov[n++].family = families[f];
	}
	return n;
}

/* "850 ns", "12.3 us" style, with the micro sign. */
static const char *fmt_ns(uint64_t ns, char *buf, size_t len)
{
	static const struct {
		uint64_t div;
		const char *unit;
	} u[] = { { 1000000000, "s" }, { 1000000, "ms" }, { 1000, "\u00b5s" } };

	for (size_t i = 0; i < sizeof(u) / sizeof(u[0]); i++) {
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

static void h_cell(FILE *out, const char *s)
{
	fputs("<td>", out);
	xml_puts(out, s, false);
	fputs("</td>", out);
}

static void h_num(FILE *out, uint64_t v)
{
	fprintf(out, "<td class=\"n\">%" PRIu64 "</td>", v);
}

static void h_kv(FILE *out, const char *k, const char *v)
{
	fputs("<tr><th>", out);
	xml_puts(out, k, false);
	fputs("</th>", out);
	h_cell(out, v ? v : "");
	fputs("</tr>\n", out);
}

static void h_kv_u64(FILE *out, const char *k, uint64_t v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%" PRIu64, v);
	h_kv(out, k, buf);
}

static void html_summary(FILE *out, const struct run_info *ri, const struct tally *t,
			 const struct family_cov *all)
{
	int status = report_exit_status(ri, t);
	uint64_t checked = 0, failed = 0;
	char buf[96];

	for (size_t i = 0; i < t->n_rules; i++) {
		checked += t->rules[i].checked;
		failed += t->rules[i].failed;
	}
	fprintf(out, "<section id=\"summary\">\n<p id=\"verdict\" class=\"verdict %s\">",
		status ? "bad" : "ok");
	xml_puts(out, report_verdict_line(ri, t), false);
	fputs("</p>\n<table id=\"summary-table\">\n", out);
	h_kv(out, "kernel", ri->release);
	h_kv(out, "arch", ri->machine);
	h_kv(out, "backend", ri->backend);
	h_kv(out, "profile", ri->profile);
	h_kv(out, "workload", ri->workload);
	snprintf(buf, sizeof(buf), "%zu exercised, %zu decided by the model, %zu in the catalogue",
		 all->exercised, all->decided, all->known);
	h_kv(out, "rules", buf);
	snprintf(buf, sizeof(buf), "%" PRIu64 " checked, %" PRIu64 " failed", checked, failed);
	h_kv(out, "checks", buf);
	snprintf(buf, sizeof(buf),
		 "%" PRIu64 " seen: %" PRIu64 " pass, %" PRIu64 " mismatch, %" PRIu64
		 " incomplete, %" PRIu64 " unjudged",
		 t->clones, t->by_verdict[VERDICT_PASS], t->by_verdict[VERDICT_MISMATCH],
		 t->by_verdict[VERDICT_INCOMPLETE], t->by_verdict[VERDICT_UNJUDGED]);
	h_kv(out, "clones", buf);
	h_kv_u64(out, "failed syscalls", t->failed_syscalls);
	h_kv_u64(out, "lost records", ri->lost_total);
	h_kv_u64(out, "undecodable", ri->undecodable);
	h_kv_u64(out, "untracked", ri->untracked);
	h_kv_u64(out, "exit status", status);
	fputs("</table>\n</section>\n", out);
}

/* Horizontal bars: known rules (grey), exercised (green), failing (red). */
static void html_coverage(FILE *out, const struct family_cov *cov, size_t n,
			  const struct family_cov *all)
{
	const int x0 = 110, w = 420, row = 26;
	int height = (int)(n + 1) * row + 10;

	fputs("<section id=\"coverage\">\n<h2>Rule coverage</h2>\n", out);
	fprintf(out,
		"<svg id=\"coverage-chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"720\" "
		"height=\"%d\" role=\"img\" aria-label=\"rules exercised of rules known\" "
		"font-family=\"sans-serif\" font-size=\"12\">\n",
		height);
	for (size_t i = 0; i <= n; i++) {
		const struct family_cov *c = i < n ? &cov[i] : all;
		int y = 5 + (int)i * row;
		int wd = c->known ? (int)(w * c->decided / c->known) : 0;
		int we = c->known ? (int)(w * c->exercised / c->known) : 0;
		int wf = c->known ? (int)(w * c->failing / c->known) : 0;

		fprintf(out, "<g class=\"cov\" data-family=\"%s\" data-known=\"%zu\" "
			     "data-exercised=\"%zu\">", c->family, c->known, c->exercised);
		fprintf(out, "<title>%s: %zu of %zu rules exercised, %zu decided, %zu failing"
			     "</title>", c->family, c->exercised, c->known, c->decided, c->failing);
		fprintf(out, "<text x=\"0\" y=\"%d\"%s>%s</text>", y + 15,
			i == n ? " font-weight=\"bold\"" : "", c->family);
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
			c->exercised, c->known);
	}
	fputs("</svg>\n<p>Bar: the catalogue's rules that apply to this kernel.  Blue: "
	      "decided by the model, green: exercised by this run, red: of which failing."
	      "</p>\n</section>\n",
	      out);
}

/* "yes", or why the model does not check the rule here. */
static const char *model_status(const struct report_rule_info *info, char *buf, size_t len)
{
	if (!info || (info->decided && info->applies))
		return "yes";
	snprintf(buf, len, "%s%s%s", info->applies ? "not decided" : "n/a on this kernel",
		 info->reason ? ": " : "", info->reason ? info->reason : "");
	return buf;
}

static void html_rule_row(FILE *out, const char *id, const char *stmt,
			  const struct report_rule_info *info, const struct rule_tally *rt)
{
	char buf[160];

	fprintf(out, "<tr class=\"%s\" data-rule=\"",
		!rt ? "unexercised" : rt->failed ? "fail" : "pass");
	xml_puts(out, id, true);
	fputs("\"><td><code>", out);
	xml_puts(out, id, false);
	fputs("</code></td>", out);
	h_cell(out, stmt);
	h_cell(out, report_rule_family(id));
	h_cell(out, model_status(info, buf, sizeof(buf)));
	h_cell(out, rt ? "yes" : "no");
	h_num(out, rt ? rt->checked : 0);
	h_num(out, rt ? rt->passed : 0);
	h_num(out, rt ? rt->failed : 0);
	fputs("</tr>\n", out);
}

static void html_rules(FILE *out, const struct tally *t, const struct report_rule_info *cat,
		       size_t n_known)
{
	fputs("<section id=\"rules\">\n<h2>Rules</h2>\n<table id=\"rule-table\">\n"
	      "<thead><tr><th>ID</th><th>Statement</th><th>Family</th><th>Model checks</th>"
	      "<th>Exercised</th><th>Checked</th><th>Passed</th><th>Failed</th></tr></thead>\n"
	      "<tbody>\n",
	      out);
	for (size_t i = 0; i < n_known; i++)
		html_rule_row(out, cat[i].id, cat[i].statement, &cat[i], find_tally(t, cat[i].id));
	for (size_t i = 0; i < t->n_rules; i++)
		if (!report_catalogue_find(cat, n_known, t->rules[i].rule))
			html_rule_row(out, t->rules[i].rule,
				      report_rule_statement(t->rules[i].rule), NULL, &t->rules[i]);
	fputs("</tbody>\n</table>\n</section>\n", out);
}

static void html_cases(FILE *out, const struct html_report *h)
{
	char buf[96];

	fputs("<section id=\"cases\">\n<h2>Workload cases</h2>\n<table id=\"case-table\">\n"
	      "<thead><tr><th>Case</th><th>Syscalls</th><th>Clones</th><th>Pass</th>"
	      "<th>Mismatch</th><th>Incomplete</th><th>Unjudged</th><th>Failed syscalls</th>"
	      "</tr></thead>\n<tbody>\n",
	      out);
	for (size_t i = 0; i < h->n_cases; i++) {
		const struct html_case *c = &h->cases[i];

		fprintf(out, "<tr class=\"%s\">",
			c->by_verdict[VERDICT_MISMATCH] || c->by_verdict[VERDICT_INCOMPLETE] ?
				"fail" : "pass");
		h_cell(out, c->label ? c->label : "(no case)");
		fmt_entries(c->entries, buf, sizeof(buf));
		h_cell(out, buf);
		h_num(out, c->clones);
		h_num(out, c->by_verdict[VERDICT_PASS]);
		h_num(out, c->by_verdict[VERDICT_MISMATCH]);
		h_num(out, c->by_verdict[VERDICT_INCOMPLETE]);
		h_num(out, c->by_verdict[VERDICT_UNJUDGED]);
		h_num(out, c->failed_syscalls);
		fputs("</tr>\n", out);
	}
	fputs("</tbody>\n</table>\n</section>\n", out);
}

/* "syscall exit not seen; sched_wakeup_new not seen; ..." */
static const char *describe_incomplete(const struct clone_verdict *v, char *buf, size_t len)
{
	size_t off = snprintf(buf, len, "%s", v->reason ? v->reason : "incomplete");

	for (int s = 0; s < MODEL_STAGE__COUNT && off < len; s++)
		if (v->missing & MODEL_STAGE_BIT(s))
			off += snprintf(buf + off, len - off, "; %s not seen", model_stage_name(s));
	return buf;
}

static void html_findings(FILE *out, const struct tally *t)
{
	char line[256];

	fputs("<section id=\"findings\">\n<h2>Mismatches and incomplete clones</h2>\n", out);
	if (!t->n_kept) {
		fputs("<p>None: every judged clone passed.</p>\n</section>\n", out);
		return;
	}
	fputs("<table id=\"finding-table\">\n<thead><tr><th>Clone</th><th>Case</th>"
	      "<th>Syscall</th><th>Parent \u2192 child</th><th>Returned</th><th>Verdict</th>"
	      "<th>Rule</th><th>Observed vs predicted</th><th>Statement</th></tr></thead>\n"
	      "<tbody>\n",
	      out);
	for (size_t i = 0; i < t->n_kept; i++) {
		const struct clone_verdict *v = &t->kept[i];
		bool any = false;

		for (size_t k = 0; k <= v->n_checks; k++) {
			const struct diff_check *c = k < v->n_checks ? &v->checks[k] : NULL;

			if (c && c->ok)
				continue;
			if (!c && any)
				break;
			any = true;
			fprintf(out, "<tr class=\"%s\"><td class=\"n\">%" PRIu64 "</td>",
				verdict_name(v->verdict), v->clone_id);
			h_cell(out, v->label ? v->label : "");
			h_cell(out, v->entry == OBS_ENTRY_NONE ? "" : obs_entry_name(v->entry));
			if (v->child_pid)
				fprintf(out, "<td class=\"n\">%u \u2192 %u</td>", v->parent_pid,
					v->child_pid);
			else
				fprintf(out, "<td class=\"n\">%u</td>", v->parent_pid);
			if (v->ret_seen)
				fprintf(out, "<td class=\"n\">%" PRId64 "</td>", v->ret);
			else
				h_cell(out, "not seen");
			h_cell(out, verdict_name(v->verdict));
			if (c) {
				fputs("<td><code>", out);
				xml_puts(out, c->rule, false);
				fputs("</code></td><td><code>", out);
				xml_puts(out, report_describe_check(c, line, sizeof(line)), false);
				fputs("</code></td>", out);
				h_cell(out, report_rule_statement(c->rule));
			} else {
				describe_incomplete(v, line, sizeof(line));
				h_cell(out, "");
				h_cell(out, line);
				h_cell(out, "");
			}
			fputs("</tr>\n", out);
		}
	}
	fputs("</tbody>\n</table>\n", out);
	if (t->not_kept)
		fprintf(out, "<p>... and %" PRIu64 " more not listed.</p>\n", t->not_kept);
	fputs("</section>\n", out);
}

static void html_loss(FILE *out, const struct run_info *ri, const struct tally *t)
{
	fputs("<section id=\"loss\">\n<h2>Lost records and incomplete clones</h2>\n"
	      "<table id=\"loss-table\">\n<thead><tr><th>What</th><th>Count</th></tr></thead>\n"
	      "<tbody>\n",
	      out);
	for (int p = 0; p < OBS__COUNT; p++) {
		char what[64];

		snprintf(what, sizeof(what), "lost at %s", obs_point_name(p));
		fputs("<tr>", out);
		h_cell(out, what);
		h_num(out, ri->lost[p]);
		fputs("</tr>\n", out);
	}
	fputs("<tr><th>lost in all</th>", out);
	h_num(out, ri->lost_total);
	fputs("</tr>\n<tr><td>undecodable records</td>", out);
	h_num(out, ri->undecodable);
	fputs("</tr>\n<tr><td>untracked child points</td>", out);
	h_num(out, ri->untracked);
	fputs("</tr>\n<tr><td>incomplete clones</td>", out);
	h_num(out, t->by_verdict[VERDICT_INCOMPLETE]);
	fputs("</tr>\n</tbody>\n</table>\n</section>\n", out);
}

/*
 * Per transition: a strip of one dot per clone (at most HTML_DOTS_MAX,
 * evenly picked) over a box from p25 to p75 with the median, whiskers at
 * min and max; x is logarithmic.
 */
static void html_latency(FILE *out, const struct html_report *h,
			 const struct span_stats st[SPAN__COUNT])
{
	const int x0 = 30, w = 640, row = 70;
	uint64_t lo = UINT64_MAX, hi = 0;
	int dlo, dhi;
	char a[24], b[24], c[24], d[24], e[24];

	fputs("<section id=\"latency\">\n<h2>Latency of each transition, per clone</h2>\n", out);
	for (int s = 0; s < SPAN__COUNT; s++) {
		if (!st[s].n)
			continue;
		lo = st[s].min < lo ? st[s].min : lo;
		hi = st[s].max > hi ? st[s].max : hi;
	}
	if (!hi) {
		fputs("<p>No transition was observed with both of its points.</p>\n", out);
		goto table;
	}
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
table:
	fputs("<table id=\"latency-table\">\n<thead><tr><th>Transition</th><th>Clones</th>"
	      "<th>Min</th><th>Median</th><th>p90</th><th>Max</th></tr></thead>\n<tbody>\n",
	      out);
	for (int s = 0; s < SPAN__COUNT; s++) {
		fprintf(out, "<tr data-span=\"%s\">", report_spans[s].key);
		h_cell(out, report_spans[s].title);
		h_num(out, st[s].n);
		h_cell(out, st[s].n ? fmt_ns(st[s].min, a, sizeof(a)) : "");
		h_cell(out, st[s].n ? fmt_ns(st[s].p50, a, sizeof(a)) : "");
		h_cell(out, st[s].n ? fmt_ns(st[s].p90, a, sizeof(a)) : "");
		h_cell(out, st[s].n ? fmt_ns(st[s].max, a, sizeof(a)) : "");
		fputs("</tr>\n", out);
	}
	fputs("</tbody>\n</table>\n<p>copy_process() itself is not observable by the "
	      "tracepoint backend: sys_enter \u2192 task_newtask bounds it from above.</p>\n"
	      "</section>\n",
	      out);
}

static void html_write(FILE *out, const struct html_report *h, const struct run_info *ri,
		       const struct tally *t, const struct span_stats st[SPAN__COUNT],
		       const struct report_rule_info *cat, size_t n_known)
{
	struct family_cov cov[N_FAMILIES], all;
	size_t n_cov = coverage(t, cat, n_known, cov, &all);

	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
	      "<title>clonecheck: ",
	      out);
	xml_puts(out, ri->release, false);
	fprintf(out, " %s</title>\n<style>%s</style>\n</head>\n<body>\n",
		report_exit_status(ri, t) ? "does not conform" : "conforms", html_style);
	fputs("<h1>clonecheck: conformance of process creation</h1>\n", out);
	html_summary(out, ri, t, &all);
	html_coverage(out, cov, n_cov, &all);
	html_rules(out, t, cat, n_known);
	html_cases(out, h);
	html_findings(out, t);
	html_loss(out, ri, t);
	html_latency(out, h, st);
	fputs("</body>\n</html>\n", out);
}

/* -------------------------------------------------------------- Markdown */

static void m_row_begin(FILE *out)
{
	fputs("|", out);
}

static void m_cell(FILE *out, const char *s)
{
	fputc(' ', out);
	md_puts(out, s);
	fputs(" |", out);
}

static void m_num(FILE *out, uint64_t v)
{
	fprintf(out, " %" PRIu64 " |", v);
}

static void md_write(FILE *out, const struct html_report *h, const struct run_info *ri,
		     const struct tally *t, const struct span_stats st[SPAN__COUNT],
		     const struct report_rule_info *cat, size_t n_known)
{
	struct family_cov cov[N_FAMILIES], all;
	size_t n_cov = coverage(t, cat, n_known, cov, &all);
	uint64_t checked = 0, failed = 0;
	char buf[256];

	for (size_t i = 0; i < t->n_rules; i++) {
		checked += t->rules[i].checked;
		failed += t->rules[i].failed;
	}
	fputs("# clonecheck: conformance of process creation\n\n", out);
	fprintf(out, "**Verdict: %s**\n\n", report_verdict_line(ri, t));
	fputs("| | |\n|---|---|\n", out);
#define KV(k, v) (m_row_begin(out), m_cell(out, k), m_cell(out, v), fputc('\n', out))
	KV("kernel", ri->release);
	KV("arch", ri->machine);
	KV("backend", ri->backend);
	KV("profile", ri->profile);
	KV("workload", ri->workload);
	snprintf(buf, sizeof(buf), "%zu exercised, %zu decided by the model, %zu in the catalogue",
		 all.exercised, all.decided, all.known);
	KV("rules", buf);
	snprintf(buf, sizeof(buf), "%" PRIu64 " checked, %" PRIu64 " failed", checked, failed);
	KV("checks", buf);
	snprintf(buf, sizeof(buf),
		 "%" PRIu64 " seen: %" PRIu64 " pass, %" PRIu64 " mismatch, %" PRIu64
		 " incomplete, %" PRIu64 " unjudged (%" PRIu64 " failed syscalls)",
		 t->clones, t->by_verdict[VERDICT_PASS], t->by_verdict[VERDICT_MISMATCH],
		 t->by_verdict[VERDICT_INCOMPLETE], t->by_verdict[VERDICT_UNJUDGED],
		 t->failed_syscalls);
	KV("clones", buf);
	snprintf(buf, sizeof(buf),
		 "%" PRIu64 " lost, %" PRIu64 " undecodable, %" PRIu64 " untracked",
		 ri->lost_total, ri->undecodable, ri->untracked);
	KV("records", buf);
	snprintf(buf, sizeof(buf), "%d", report_exit_status(ri, t));
	KV("exit status", buf);
#undef KV

	fputs("\n## Rule coverage\n\n| Family | Catalogue | Decided | Exercised | Failing |\n"
	      "|---|---:|---:|---:|---:|\n",
	      out);
	for (size_t i = 0; i <= n_cov; i++) {
		const struct family_cov *c = i < n_cov ? &cov[i] : &all;

		m_row_begin(out);
		m_cell(out, c->family);
		m_num(out, c->known);
		m_num(out, c->decided);
		m_num(out, c->exercised);
		m_num(out, c->failing);
		fputc('\n', out);
	}

	fputs("\n## Rules\n\n| ID | Statement | Model checks | Exercised | Checked | Passed "
	      "| Failed |\n|---|---|---|---|---:|---:|---:|\n",
	      out);
	for (size_t i = 0; i < n_known + t->n_rules; i++) {
		const char *id = i < n_known ? cat[i].id : t->rules[i - n_known].rule;
		const struct rule_tally *rt = find_tally(t, id);

		if (i >= n_known && report_catalogue_find(cat, n_known, id))
			continue;
		m_row_begin(out);
		m_cell(out, id);
		m_cell(out, i < n_known ? cat[i].statement : report_rule_statement(id));
		m_cell(out, model_status(i < n_known ? &cat[i] : NULL, buf, sizeof(buf)));
		m_cell(out, rt ? (rt->failed ? "yes, FAILING" : "yes") : "no");
		m_num(out, rt ? rt->checked : 0);
		m_num(out, rt ? rt->passed : 0);
		m_num(out, rt ? rt->failed : 0);
		fputc('\n', out);
	}

	fputs("\n## Workload cases\n\n| Case | Syscalls | Clones | Pass | Mismatch | Incomplete "
	      "| Unjudged | Failed syscalls |\n|---|---|---:|---:|---:|---:|---:|---:|\n",
	      out);
	for (size_t i = 0; i < h->n_cases; i++) {
		const struct html_case *c = &h->cases[i];

		m_row_begin(out);
		m_cell(out, c->label ? c->label : "(no case)");
		fmt_entries(c->entries, buf, sizeof(buf));
		m_cell(out, buf);
		m_num(out, c->clones);
		m_num(out, c->by_verdict[VERDICT_PASS]);
		m_num(out, c->by_verdict[VERDICT_MISMATCH]);
		m_num(out, c->by_verdict[VERDICT_INCOMPLETE]);
		m_num(out, c->by_verdict[VERDICT_UNJUDGED]);
		m_num(out, c->failed_syscalls);
		fputc('\n', out);
	}

	fputs("\n## Mismatches and incomplete clones\n\n", out);
	if (!t->n_kept) {
		fputs("None: every judged clone passed.\n", out);
	} else {
		fputs("| Clone | Case | Syscall | Verdict | Rule | Observed vs predicted |\n"
		      "|---:|---|---|---|---|---|\n",
		      out);
		for (size_t i = 0; i < t->n_kept; i++) {
			const struct clone_verdict *v = &t->kept[i];
			bool any = false;

			for (size_t k = 0; k <= v->n_checks; k++) {
				const struct diff_check *c = k < v->n_checks ? &v->checks[k] : NULL;

				if ((c && c->ok) || (!c && any))
					continue;
				any = true;
				m_row_begin(out);
				m_num(out, v->clone_id);
				m_cell(out, v->label ? v->label : "");
				m_cell(out, v->entry == OBS_ENTRY_NONE ? "" :
									 obs_entry_name(v->entry));
				m_cell(out, verdict_name(v->verdict));
				m_cell(out, c ? c->rule : "");
				if (c)
					report_describe_check(c, buf, sizeof(buf));
				else
					describe_incomplete(v, buf, sizeof(buf));
				m_cell(out, buf);
				fputc('\n', out);
			}
		}
		if (t->not_kept)
			fprintf(out, "\n... and %" PRIu64 " more not listed.\n", t->not_kept);
	}

	fputs("\n## Lost records\n\n| Point | Lost |\n|---|---:|\n", out);
	for (int p = 0; p < OBS__COUNT; p++) {
		m_row_begin(out);
		m_cell(out, obs_point_name(p));
		m_num(out, ri->lost[p]);
		fputc('\n', out);
	}

	fputs("\n## Latency of each transition, per clone\n\n"
	      "| Transition | Clones | Min | Median | p90 | Max |\n|---|---:|---:|---:|---:|---:|\n",
	      out);
	for (int s = 0; s < SPAN__COUNT; s++) {
		char a[24];

		m_row_begin(out);
		m_cell(out, report_spans[s].title);
		m_num(out, st[s].n);
		m_cell(out, st[s].n ? fmt_ns(st[s].min, a, sizeof(a)) : "");
		m_cell(out, st[s].n ? fmt_ns(st[s].p50, a, sizeof(a)) : "");
		m_cell(out, st[s].n ? fmt_ns(st[s].p90, a, sizeof(a)) : "");
		m_cell(out, st[s].n ? fmt_ns(st[s].max, a, sizeof(a)) : "");
		fputc('\n', out);
	}
}

static int html_end(struct report *r, const struct run_info *ri, const struct tally *t)
{
	struct html_report *h = r->priv;
	struct span_stats st[SPAN__COUNT];
	size_t n_known = 0;
	struct report_rule_info *cat;
	int err = 0;

	if (!h)
		return -EINVAL;	/* begin() did not run */
	cat = report_catalogue(ri, &n_known);
	if (!cat) {
		err = -errno;
		goto out_free;
	}
	for (int s = 0; s < SPAN__COUNT; s++)
		span_stats(&h->span[s], &st[s]);
	if (h->md)
		md_write(r->out, h, ri, t, st, cat, n_known);
	else
		html_write(r->out, h, ri, t, st, cat, n_known);
	if (fflush(r->out) || ferror(r->out))
		err = -EIO;
	free(cat);
out_free:
	for (size_t i = 0; i < h->n_cases; i++)
		free(h->cases[i].label);
	free(h->cases);
	for (int s = 0; s < SPAN__COUNT; s++)
		free(h->span[s].ns);
	free(h);
	r->priv = NULL;
	return err;
}

const struct report_ops report_html_ops = {
	.name = "html",
	.begin = html_begin,
	.clone = html_clone,
	.end = html_end,
};

const struct report_ops report_md_ops = {
	.name = "md",
	.begin = md_begin,
	.clone = html_clone,
	.end = html_end,
};
