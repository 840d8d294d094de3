// SPDX-License-Identifier: GPL-2.0
/* report_fmt.c - names, check descriptions and escaping for the writers. */
#define _GNU_SOURCE	/* strerrorname_np() */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "json_writer.h"
#include "profile.h"
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

const char *report_rule_family(const char *rule)
{
	if (!rule || !rule[0])
		return "unknown";
	switch (rule[0]) {
	case 'V':
		return "validation";
	case 'A':
		return "precedence";
	case 'R':
		return "resources";
	case 'S':
		return "scheduler";
	case 'O':
		return "observation";
	case 'E':
		return "version";
	case 'X':
		return "errata";
	}
	return "other";
}

const char *report_rule_statement(const char *rule)
{
	const struct model_rule *r = rule ? model_rule_find(rule) : NULL;

	return r ? r->statement : "";
}

/*
 * model_catalogue() for the run's profile (every V-, R-, S-, O- rule, with
 * decided/applies), then the rules the model checks that the catalogue
 * does not list (A.4, errata).  Without a profile: model_rules() only.
 */
/*
 * Rules only clones made inside the kernel exercise (kernel threads,
 * workers): the model judges those from copy_process()'s arguments, which
 * only the fentry and kprobe backends see.
 */
static const char *const kernel_creator_rules[] = { "R-01", "R-28", "X-11", "X-14", "E-05" };

static bool needs_copy_args(const char *id)
{
	for (size_t i = 0; i < sizeof(kernel_creator_rules) / sizeof(kernel_creator_rules[0]); i++)
		if (!strcmp(id, kernel_creator_rules[i]))
			return true;
	return false;
}

struct report_rule_info *report_catalogue(const struct run_info *ri, size_t *n)
{
	size_t n_rules = 0, n_cat = 0, k = 0;
	const struct model_rule *rules = model_rules(&n_rules);
	struct model_profile prof = { 0 };
	struct model_cat_entry *ce = NULL;
	struct report_rule_info *cat = NULL;

	/* the run's profile (with the host's facts), else what uname says */
	if (ri && ((ri->profile && !profile_parse(ri->profile, &prof)) ||
		   (ri->release && ri->machine &&
		    !model_profile_from_uname(ri->release, ri->machine, &prof)))) {
		n_cat = model_catalogue(&prof, NULL, 0);
		ce = calloc(n_cat ? n_cat : 1, sizeof(*ce));
		if (!ce)
			goto out;
		n_cat = model_catalogue(&prof, ce, n_cat);
	}
	cat = calloc(n_cat + n_rules + 1, sizeof(*cat));
	if (!cat)
		goto out;
	for (size_t i = 0; i < n_cat; i++, k++) {
		cat[k].id = ce[i].id;
		cat[k].statement = ce[i].statement;
		cat[k].decided = ce[i].decided;
		cat[k].applies = ce[i].applies;
		cat[k].reason = ce[i].reason;
	}
	for (size_t i = 0; i < n_rules; i++) {
		if (report_catalogue_find(cat, k, rules[i].id))
			continue;
		cat[k].id = rules[i].id;
		cat[k].statement = rules[i].statement;
		cat[k].decided = true;
		cat[k].applies = true;
		k++;
	}
	/* what this run's backend cannot see is not counted as decidable here */
	for (size_t i = 0; ri && ri->points && i < k; i++) {
		if (cat[i].decided && needs_copy_args(cat[i].id) &&
		    !(ri->points & OBS_BIT(OBS_COPY_ENTER))) {
			cat[i].decided = false;
			cat[i].reason = "needs clones made inside the kernel, judged only with "
					"copy_process's arguments (fentry or kprobe backend)";
		}
	}
	*n = k;
out:
	free(ce);
	return cat;
}

const struct report_rule_info *report_catalogue_find(const struct report_rule_info *cat,
						     size_t n, const char *rule)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(cat[i].id, rule))
			return &cat[i];
	return NULL;
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
		snprintf(buf, len, "%s at %" PRIu64 " ns, %s at %" PRIu64 " ns: predicted %s first",
			 model_stage_name(c->before), (uint64_t)c->expected,
			 model_stage_name(c->stage), (uint64_t)c->observed,
			 model_stage_name(c->before));
		break;
	default:
		snprintf(buf, len, "%s.%s = %#" PRIx64 ", predicted %s %#" PRIx64,
			 model_stage_name(c->stage), model_field_name(c->field),
			 (uint64_t)c->observed, report_op_symbol(c->op), (uint64_t)c->expected);
	}
	return buf;
}

const char *report_verdict_line(const struct run_info *ri, const struct tally *t)
{
	return report_exit_status(ri, t) ? "DOES NOT CONFORM (or not fully observed)" :
					   "CONFORMS";
}

int xml_escape(FILE *out, const char *s, size_t len, bool attr)
{
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];
		size_t n;

		switch (c) {
		case '&':
			fputs("&amp;", out);
			break;
		case '<':
			fputs("&lt;", out);
			break;
		case '>':
			fputs("&gt;", out);
			break;
		case '"':
			fputs("&quot;", out);
			break;
		case '\'':
			fputs("&#39;", out);
			break;
		case '\t':
		case '\n':
			if (attr)
				fprintf(out, "&#%d;", c);
			else
				fputc(c, out);
			break;
		case '\r':
			fputs("&#13;", out);
			break;
		default:
			n = c < 0x20 || c == 0x7f ? 0 : json_utf8_seq_len(s + i, len - i);
			if (!n) {
				fprintf(out, "\\x%02x", c);
				break;
			}
			fwrite(s + i, 1, n, out);
			i += n;
			continue;
		}
		i++;
	}
	return ferror(out) ? -EIO : 0;
}

int xml_puts(FILE *out, const char *s, bool attr)
{
	return s ? xml_escape(out, s, strlen(s), attr) : 0;
}

int md_puts(FILE *out, const char *s)
{
	size_t len = s ? strlen(s) : 0, i = 0;

	while (i < len) {
		unsigned char c = s[i];
		size_t n;

		switch (c) {
		case '&':
			fputs("&amp;", out);
			break;
		case '<':
			fputs("&lt;", out);
			break;
		case '>':
			fputs("&gt;", out);
			break;
		case '\\':
		case '`':
		case '*':
		case '_':
		case '[':
		case ']':
		case '|':
		case '#':
		case '~':
			fputc('\\', out);
			fputc(c, out);
			break;
		default:
			n = c < 0x20 || c == 0x7f ? 0 : json_utf8_seq_len(s + i, len - i);
			if (!n) {
				fprintf(out, "\\x%02x", c);
				break;
			}
			fwrite(s + i, 1, n, out);
			i += n;
			continue;
		}
		i++;
	}
	return ferror(out) ? -EIO : 0;
}
