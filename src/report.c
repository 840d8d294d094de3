// SPDX-License-Identifier: GPL-2.0
/*
 * report.c - the report layer: the run's summary (built once, read by every
 * writer), the verdict and exit status, and report files whose write errors
 * keep their real errno.  It knows no writer (report_formats.c does).
 */
#define _GNU_SOURCE	/* fopencookie() */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "profile.h"
#include "report.h"

/* ------------------------------------------------------------ rule classes */

static const struct {
	const char *key;
	const char *title;
} classes[REPORT_CLASS__COUNT] = {
	[REPORT_CLASS_DECIDED] = { "not_provoked", "decided here, not provoked by this run" },
	[REPORT_CLASS_COPY_ARGS] = { "needs_fentry_kprobe",
				     "needs fentry or kprobe (copy_process's arguments)" },
	[REPORT_CLASS_FAULT] = { "needs_fault_injection", "needs fault injection" },
	[REPORT_CLASS_RACY] = { "racy", "racy by nature" },
	[REPORT_CLASS_UNOBSERVABLE] = { "not_observable", "not observable" },
	[REPORT_CLASS_RESTATES] = { "restates", "restates another rule" },
};

const char *report_class_key(enum report_class c)
{
	return c < REPORT_CLASS__COUNT ? classes[c].key : "unknown";
}

const char *report_class_title(enum report_class c)
{
	return c < REPORT_CLASS__COUNT ? classes[c].title : "unknown";
}

/*
 * What a rule needs to be decided: the class of its row in the model's rule
 * table (model/catalogue.c); a rule the table does not know (only a tally
 * can name one) counts as decided here.
 */
static enum report_class rule_class(const char *id)
{
	static const enum report_class of_need[MODEL_NEED__COUNT] = {
		[MODEL_NEED_NOTHING] = REPORT_CLASS_DECIDED,
		[MODEL_NEED_COPY_ARGS] = REPORT_CLASS_COPY_ARGS,
		[MODEL_NEED_FAULT] = REPORT_CLASS_FAULT,
		[MODEL_NEED_RACE] = REPORT_CLASS_RACY,
		[MODEL_NEED_UNOBSERVED] = REPORT_CLASS_UNOBSERVABLE,
		[MODEL_NEED_RESTATES] = REPORT_CLASS_RESTATES,
	};
	const struct model_rule *mr = model_rule_find(id);

	return mr && mr->need < MODEL_NEED__COUNT ? of_need[mr->need] : REPORT_CLASS_DECIDED;
}

/* ---------------------------------------------------------------- summary */

static const char *const verdict_lines[] = {
	[REPORT_CONFORMS] = "CONFORMS",
	[REPORT_DOES_NOT_CONFORM] = "DOES NOT CONFORM (or not fully observed)",
	[REPORT_NOTHING_JUDGED] = "NO CLONE JUDGED",
};

static const char *const verdict_keys[] = {
	[REPORT_CONFORMS] = "conforms",
	[REPORT_DOES_NOT_CONFORM] = "does_not_conform",
	[REPORT_NOTHING_JUDGED] = "nothing_judged",
};

const char *report_verdict_line(enum report_verdict v)
{
	return verdict_lines[v];
}

const char *report_verdict_key(enum report_verdict v)
{
	return verdict_keys[v];
}

static void run_check(struct report_run_result *rc, const char *key, const char *title, bool ok,
		      const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void run_check(struct report_run_result *rc, const char *key, const char *title, bool ok,
		      const char *fmt, ...)
{
	va_list ap;

	rc->key = key;
	rc->title = title;
	rc->ok = ok;
	va_start(ap, fmt);
	vsnprintf(rc->detail, sizeof(rc->detail), fmt, ap);
	va_end(ap);
}

/* The checks of the run as a whole (the per-rule checks come with the tally). */
static void run_checks(const struct run_info *ri, const struct tally *t,
		       struct report_run_result run[RUN_CHECK__COUNT])
{
	uint64_t unjudged = t->by_verdict[VERDICT_UNJUDGED];
	uint64_t incomplete = t->by_verdict[VERDICT_INCOMPLETE];

	run_check(&run[RUN_CHECK_JUDGED], "clones_judged", "at least one clone judged",
		  t->clones > unjudged, "%" PRIu64 " judged, %" PRIu64 " unjudged",
		  t->clones - unjudged, unjudged);
	run_check(&run[RUN_CHECK_COMPLETE], "clones_complete", "every judged clone fully observed",
		  !incomplete, "%" PRIu64 " incomplete", incomplete);
	if (ri->truncated)
		run_check(&run[RUN_CHECK_DELIVERED], "records_delivered",
			  "records delivered: none lost, all decodable", false,
			  "%" PRIu64 " undecodable; the trace was cut, losses unknown: %s",
			  ri->undecodable, ri->truncated);
	else
		run_check(&run[RUN_CHECK_DELIVERED], "records_delivered",
			  "records delivered: none lost, all decodable",
			  !ri->lost_total && !ri->undecodable,
			  "%" PRIu64 " lost, %" PRIu64 " undecodable", ri->lost_total,
			  ri->undecodable);
	run_check(&run[RUN_CHECK_CASES], "workload_cases_judged",
		  "every workload case made a judged clone", !ri->cases_unseen,
		  "%" PRIu64 " cases made no judged clone", ri->cases_unseen);
}

/*
 * The verdict: any mismatch (a failing check) or failing run check does not
 * conform; a run that judged nothing conforms to nothing.
 */
static enum report_verdict verdict_of(const struct run_info *ri, const struct tally *t)
{
	struct report_run_result run[RUN_CHECK__COUNT];

	run_checks(ri, t, run);
	if (t->by_verdict[VERDICT_MISMATCH] || !run[RUN_CHECK_COMPLETE].ok ||
	    !run[RUN_CHECK_DELIVERED].ok || !run[RUN_CHECK_CASES].ok)
		return REPORT_DOES_NOT_CONFORM;
	if (!run[RUN_CHECK_JUDGED].ok)
		return REPORT_NOTHING_JUDGED;
	return REPORT_CONFORMS;
}

int report_exit_status(const struct run_info *ri, const struct tally *t)
{
	return verdict_of(ri, t) == REPORT_CONFORMS ? 0 : 1;
}

/* The model's catalogue for the run's profile; *n entries, or NULL (none). */
static struct model_cat_entry *catalogue_of(const struct run_info *ri, size_t *n)
{
	struct model_profile prof = { 0 };
	struct model_cat_entry *ce;

	*n = 0;
	/* the run's profile (with the host's facts), else what uname says */
	if (!ri || !((ri->profile && !profile_parse(ri->profile, &prof)) ||
		     (ri->release && ri->machine &&
		      !model_profile_from_uname(ri->release, ri->machine, &prof))))
		return NULL;
	*n = model_catalogue(&prof, NULL, 0);
	ce = calloc(*n ? *n : 1, sizeof(*ce));
	if (ce)
		*n = model_catalogue(&prof, ce, *n);
	return ce;
}

/* "validation" (V-), "precedence" (A.), "resources" (R-), "scheduler" (S-),
 * "observation" (O-), "version" (E-), "errata" (X-), else "other". */
static const char *rule_family(const char *rule)
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

static struct report_rule *add_rule(struct report_summary *s, const char *id,
				    const char *statement)
{
	struct report_rule *r = &s->rules[s->n_rules++];

	r->id = id;
	r->statement = statement ? statement : "";
	r->family = rule_family(id);
	r->applies = true;
	r->decided = true;
	r->tally = tally_find(s->t, id);
	/* only allowed alternatives: the model decided nothing of it here */
	if (!rule_tally_exercised(r->tally))
		r->tally = NULL;
	return r;
}

static void count_coverage(struct report_family *f, const struct report_rule *r)
{
	f->applicable++;
	f->decided += r->decided;
	f->exercised += r->tally != NULL;
	f->failing += r->tally && r->tally->failed;
}

/* Coverage over all families and per family, of the rules that apply. */
static void coverage(struct report_summary *s)
{
	s->all.family = "all";
	for (size_t i = 0; i < s->n_rules; i++) {
		const struct report_rule *r = &s->rules[i];
		struct report_family *f = NULL;

		if (!r->applies)
			continue;
		count_coverage(&s->all, r);
		if (!r->tally)
			s->not_exercised[r->class]++;
		for (size_t k = 0; k < s->n_families && !f; k++)
			if (!strcmp(s->families[k].family, r->family))
				f = &s->families[k];
		if (!f && s->n_families < REPORT_FAMILIES_MAX) {
			f = &s->families[s->n_families++];
			f->family = r->family;
		}
		if (f)
			count_coverage(f, r);
	}
}

/*
 * Every rule of the catalogue for the run's kernel, in catalogue order,
 * then the rules the model checks that the catalogue does not list (A.4,
 * D.1, errata), then any rule the tally has that neither knows.
 */
struct report_summary *report_summary__new(const struct run_info *ri, const struct tally *t)
{
	size_t n_cat = 0, n_model = 0;
	const struct model_rule *model = model_rules(&n_model);
	struct model_cat_entry *cat = catalogue_of(ri, &n_cat);
	struct report_summary *s = calloc(1, sizeof(*s));

	if (!s || (!cat && n_cat))
		goto out_nomem;
	s->ri = ri;
	s->t = t;
	s->rules = calloc(n_cat + n_model + t->n_rules + 1, sizeof(*s->rules));
	if (!s->rules)
		goto out_nomem;
	for (size_t i = 0; i < n_cat; i++) {
		struct report_rule *r = add_rule(s, cat[i].id, cat[i].statement);

		r->applies = cat[i].applies;
		r->decided = cat[i].decided;
		r->reason = cat[i].reason;
	}
	/* no profile: the table as it is, decided where its class says so */
	for (size_t i = 0; i < n_model; i++) {
		struct report_rule *r;

		if (report_summary__rule(s, model[i].id))
			continue;
		r = add_rule(s, model[i].id, model[i].statement);
		r->decided = model[i].need == MODEL_NEED_NOTHING ||
			     model[i].need == MODEL_NEED_COPY_ARGS;
		r->reason = model[i].note;
	}
	for (size_t i = 0; i < t->n_rules; i++)
		if (!report_summary__rule(s, t->rules[i].rule))
			add_rule(s, t->rules[i].rule, NULL);
	for (size_t i = 0; i < s->n_rules; i++) {
		struct report_rule *r = &s->rules[i];

		r->class = rule_class(r->id);
		/* what this run's backend cannot see is not decided here */
		if (r->class == REPORT_CLASS_COPY_ARGS && ri->points &&
		    (ri->points & OBS_BIT(OBS_COPY_ENTER)))
			r->class = REPORT_CLASS_DECIDED;
		/*
		 * Without copy_process()'s arguments (tracepoint), the model
		 * decides these from the creator's context instead
		 * (model_creator_entry(): kthreadd, io_uring workers): for this
		 * run, where a clone it judged that way reached them.
		 */
		if (r->class == REPORT_CLASS_COPY_ARGS && r->decided && ri->points) {
			if (r->tally) {
				r->class = REPORT_CLASS_DECIDED;
			} else {
				r->decided = false;
				r->reason = "exercised only by kernel threads and workers";
			}
		}
	}
	free(cat);
	coverage(s);
	for (size_t i = 0; i < t->n_rules; i++) {
		s->checked += t->rules[i].checked;
		s->passed += t->rules[i].passed;
		s->failed += t->rules[i].failed;
	}
	s->judged = t->clones - t->by_verdict[VERDICT_UNJUDGED];
	run_checks(ri, t, s->run);
	s->verdict = verdict_of(ri, t);
	s->exit_status = report_exit_status(ri, t);
	return s;

out_nomem:
	free(cat);
	free(s);
	errno = ENOMEM;
	return NULL;
}

void report_summary__free(struct report_summary *s)
{
	if (!s)
		return;
	free(s->rules);
	free(s);
}

const struct report_rule *report_summary__rule(const struct report_summary *s, const char *id)
{
	for (size_t i = 0; i < s->n_rules; i++)
		if (!strcmp(s->rules[i].id, id))
			return &s->rules[i];
	return NULL;
}

/* ---------------------------------------------------------------- streams */

/* fopencookie write: straight to the fd; the first failure keeps its errno. */
static ssize_t report_write(void *cookie, const char *buf, size_t len)
{
	struct report *r = cookie;
	size_t done = 0;

	while (done < len) {
		ssize_t n = write(r->fd, buf + done, len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (!r->werr)
				r->werr = n < 0 ? errno : EIO;
			return 0;	/* stdio marks the stream in error */
		}
		done += n;
	}
	return len;
}

static int report_close_fd(void *cookie)
{
	struct report *r = cookie;

	if (r->own_fd && close(r->fd) && !r->werr)
		r->werr = errno;
	return 0;
}

static const char *report_where(const struct report *r)
{
	return r->path ? r->path : "stdout";
}

int report_open(struct report *r, const struct report_ops *ops, const char *path)
{
	cookie_io_functions_t io = { .write = report_write, .close = report_close_fd };

	memset(r, 0, sizeof(*r));
	r->ops = ops;
	r->path = path;
	if (path) {
		r->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
		r->own_fd = r->fd >= 0;
	} else {
		/* a closed stdout: never let a later open() take fd 1 for it */
		r->fd = fcntl(STDOUT_FILENO, F_GETFD) < 0 ? -1 : STDOUT_FILENO;
	}
	if (r->fd < 0)
		goto out_err;
	r->out = fopencookie(r, "w", io);
	if (!r->out) {
		report_close_fd(r);
		goto out_err;
	}
	/* stdout carries JSON Lines as clones are judged: a line at a time */
	if (!path)
		setvbuf(r->out, NULL, _IOLBF, 0);
	return 0;

out_err:
	r->werr = errno;
	elog("cannot write the %s report to %s: %s", ops->name, report_where(r),
	     strerror(r->werr));
	r->said = true;
	return -r->werr;
}

/* The error of report r: its real write errno if a write failed, else err. */
static int report_fail(struct report *r, int err, const char *what)
{
	if (r->werr)
		err = -r->werr;
	if (err && !r->said) {
		elog("cannot %s the %s report to %s: %s", what, r->ops->name, report_where(r),
		     strerror(-err));
		r->said = true;
	}
	return err;
}

int reports_end(struct report *reps, size_t n, const struct report_summary *s, int clone_err)
{
	int first = 0;

	for (size_t i = 0; i < n; i++) {
		struct report *r = &reps[i];
		int err = r->ops->end(r, s);

		r->priv = NULL;
		if (fflush(r->out) && !err)
			err = -EIO;
		err = report_fail(r, err, "write");
		if (err && !first)
			first = err;
	}
	if (clone_err && !first) {
		elog("cannot write a report: %s", strerror(-clone_err));
		first = clone_err;
	}
	return first;
}

int report_close(struct report *r)
{
	int err = 0;

	if (!r->ops)
		return 0;
	if (r->priv && r->ops->discard)
		r->ops->discard(r);
	r->priv = NULL;
	if (r->out && fclose(r->out))
		err = -EIO;
	r->out = NULL;
	err = report_fail(r, err, "finish");
	r->ops = NULL;
	return err;
}
