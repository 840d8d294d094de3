// SPDX-License-Identifier: GPL-2.0
/*
 * session.c - one judged observation: the glue of the one-way path (each
 * stage is its own file), the reports it feeds, and the trace file it may
 * keep.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "log.h"
#include "session.h"

struct observer {
	session_verdict_cb cb;
	void *ctx;
};

struct session {
	struct model_profile prof;	/* the kernel being judged */
	struct trace_meta meta;		/* where the records come from */
	const struct decode_layout *layout; /* theirs, or NULL: this build's */
	struct run_info info;		/* what the reports see (strings in meta) */
	struct correlator *corr;
	struct tally tally;
	uint64_t unknown;		/* records of a type this build skips */
	struct report *reports;
	size_t n_reports;
	int report_err;			/* first error a writer returned */
	struct observer obs[SESSION_MAX_OBSERVERS];
	size_t n_obs;
	session_label_cb label;
	void *label_ctx;
	const char *const *expected;	/* labels that must make a judged clone */
	bool *judged;			/* per expected label */
	size_t n_expected;
	struct trace_writer *trace;	/* record: every record, or NULL */
	const char *trace_path;
	int trace_err;			/* the trace file's first write error */
	bool cut;			/* observation stopped with clones in flight */
	char truncated[256];		/* why the source ended early, or "" */
	struct report_summary *sum;	/* after session__end() */
	struct clone_verdict scratch;	/* the verdict being built */
};

static void judge(const struct clone_obs *co, bool complete, void *ctx)
{
	struct session *s = ctx;
	struct clone_verdict *v = &s->scratch;
	struct model_pred pred;
	int err;

	(void)complete; /* the differ sees what is missing itself */
	err = predict_clone(&s->prof, co, &pred);
	diff_clone(&s->prof, err ? NULL : &pred, co,
		   (s->info.lost_total ? DIFF_LOSSY : 0) | (s->cut ? DIFF_CUT : 0), v);
	if (s->label)
		v->label = s->label(s->label_ctx, co);
	tally_add(&s->tally, v);
	for (size_t i = 0; v->label && v->verdict != VERDICT_UNJUDGED && i < s->n_expected; i++)
		if (!strcmp(s->expected[i], v->label))
			s->judged[i] = true;
	for (size_t i = 0; i < s->n_reports; i++) {
		struct report *r = &s->reports[i];

		err = r->ops->clone(r, co, v, v->label);
		if (err && !s->report_err)
			s->report_err = err;
	}
	for (size_t i = 0; i < s->n_obs; i++)
		s->obs[i].cb(s->obs[i].ctx, co, v);
}

struct session *session__begin(const struct trace_meta *meta, const struct model_profile *prof,
			       const struct session_opts *opts, int *err)
{
	static const struct session_opts none;
	const struct session_opts *o = opts ? opts : &none;
	struct correlator_opts co = {
		.points = meta->obs_mask,
		/* errata X-12: only x86_64 emits the child's own syscall exit */
		.child_ret_seen = prof->arch == MODEL_ARCH_X86_64,
		.max_pending = o->max_open,
	};
	struct session *s = calloc(1, sizeof(*s));

	if (!s) {
		*err = -ENOMEM;
		elog("cannot begin a session: %s", strerror(ENOMEM));
		return NULL;
	}
	static const struct decode_layout no_layout;

	s->prof = *prof;
	s->meta = *meta;
	s->layout = memcmp(&meta->layout, &no_layout, sizeof(no_layout)) ? &s->meta.layout : NULL;
	s->info.release = s->meta.release;
	s->info.machine = s->meta.machine;
	s->info.backend = s->meta.backend;
	s->info.profile = s->meta.profile;
	s->info.workload = s->meta.workload;
	s->info.points = s->meta.obs_mask;
	s->reports = o->reports;
	s->n_reports = o->n_reports;
	if (o->on_verdict)
		session__observe(s, o->on_verdict, o->verdict_ctx);
	tally_init(&s->tally);
	s->corr = correlator__new(&co, judge, s);
	if (!s->corr) {
		*err = -ENOMEM;
		elog("cannot begin a session: %s", strerror(ENOMEM));
		goto out_free;
	}
	if (o->trace_path) {
		s->trace_path = o->trace_path;
		s->trace = trace_writer__open(o->trace_path, &s->meta, err);
		if (!s->trace) {
			elog("cannot write trace %s: %s", o->trace_path, strerror(-*err));
			goto out_free;
		}
	}
	for (size_t i = 0; i < s->n_reports; i++) {
		*err = s->reports[i].ops->begin(&s->reports[i], &s->info);
		if (*err) {
			elog("cannot start the %s report: %s", s->reports[i].ops->name,
			     strerror(-*err));
			goto out_free;
		}
	}
	*err = 0;
	return s;

out_free:
	session__free(s);
	return NULL;
}

int session__observe(struct session *s, session_verdict_cb cb, void *ctx)
{
	if (s->n_obs == SESSION_MAX_OBSERVERS)
		return -ENOSPC;
	s->obs[s->n_obs++] = (struct observer){ cb, ctx };
	return 0;
}

void session__set_label(struct session *s, session_label_cb cb, void *ctx)
{
	s->label = cb;
	s->label_ctx = ctx;
}

int session__expect_labels(struct session *s, const char *const *labels, size_t n)
{
	bool *judged = calloc(n ? n : 1, sizeof(*judged));

	if (!judged)
		return -ENOMEM;
	free(s->judged);
	s->judged = judged;
	s->expected = labels;
	s->n_expected = n;
	return 0;
}

int session__record(void *ctx, const void *data, size_t len)
{
	struct session *s = ctx;
	struct obs o;
	int err;

	if (s->trace && !s->trace_err) {
		s->trace_err = trace_writer__add(s->trace, data, len);
		if (s->trace_err) {
			elog("cannot keep a record in %s: %s", s->trace_path,
			     strerror(-s->trace_err));
			return s->trace_err;
		}
	}
	err = decode_record_as(s->layout, data, len, &o);
	if (err == -ENOENT) {
		s->unknown++;
		return 0;
	}
	if (err) {
		if (!s->info.undecodable)
			elog("undecodable record of %zu bytes (counted)", len);
		s->info.undecodable++;
		return 0;
	}
	session__push(s, &o);
	return 0;
}

int session__flush(struct session *s)
{
	if (!s->trace || s->trace_err)
		return s->trace_err;
	s->trace_err = trace_writer__flush(s->trace);
	if (s->trace_err)
		elog("cannot keep records in %s: %s", s->trace_path, strerror(-s->trace_err));
	return s->trace_err;
}

int session__push(struct session *s, const struct obs *o)
{
	int err = correlator__push(s->corr, o);

	if (err)
		elog("cannot assemble clone %llu: %s", (unsigned long long)o->clone_id,
		     strerror(-err));
	return err;
}

/* The correlator's counts in the run info. */
static void take_stats(struct session *s)
{
	const struct correlator_stats *cs = correlator__stats(s->corr);

	s->info.evicted = cs->evicted;
	s->info.late = cs->late;
	s->info.expired = cs->expired;
}

void session__cut(struct session *s)
{
	s->cut = true;
}

void session__truncated(struct session *s, const char *why)
{
	snprintf(s->truncated, sizeof(s->truncated), "%s", why);
	s->info.truncated = s->truncated;
	s->cut = true;
}

int session__end(struct session *s, const struct trace_counts *c)
{
	int err = s->trace_err;

	memcpy(s->info.lost, c->lost, sizeof(s->info.lost));
	s->info.lost_total = c->lost_total;
	s->info.untracked = c->untracked;
	/* with loss, what is still open is blamed on it (diff_clone's lossy) */
	correlator__flush(s->corr);
	tally_sort(&s->tally);
	take_stats(s);
	for (size_t i = 0; i < s->n_expected; i++)
		s->info.cases_unseen += !s->judged[i];
	if (s->trace) {
		struct trace_counts tc = *c;
		int e;

		tc.undecodable = s->info.undecodable;
		e = trace_writer__close(s->trace, &tc);
		s->trace = NULL;
		if (e) {
			elog("cannot finish trace %s: %s", s->trace_path, strerror(-e));
			err = err ? err : e;
		}
	}
	if (err)
		return err;
	s->sum = report_summary__new(&s->info, &s->tally);
	if (!s->sum) {
		err = -errno;
		elog("cannot summarise the run: %s", strerror(errno));
		return err;
	}
	return reports_end(s->reports, s->n_reports, s->sum, s->report_err);
}

void session__expire(struct session *s, uint64_t before_ns)
{
	correlator__expire(s->corr, before_ns);
	take_stats(s);
}

size_t session__pending(const struct session *s)
{
	return correlator__pending(s->corr);
}

int session__snapshot(struct session *s, struct report *reps, size_t n)
{
	struct report_summary *sum;
	struct tally t = s->tally;	/* sorted for printing, the live one stays as it is */
	int err = 0;

	take_stats(s);
	tally_sort(&t);
	sum = report_summary__new(&s->info, &t);
	if (!sum)
		return -ENOMEM;
	for (size_t i = 0; i < n && !err; i++) {
		err = reps[i].ops->begin(&reps[i], &s->info);
		if (err)
			elog("cannot start the %s report: %s", reps[i].ops->name, strerror(-err));
	}
	if (!err)
		err = reports_end(reps, n, sum, 0);
	report_summary__free(sum);
	return err;
}

const struct tally *session__tally(const struct session *s)
{
	return &s->tally;
}

const struct run_info *session__info(const struct session *s)
{
	return &s->info;
}

const struct report_summary *session__summary(const struct session *s)
{
	return s->sum;
}

const struct model_profile *session__profile(const struct session *s)
{
	return &s->prof;
}

uint64_t session__unknown(const struct session *s)
{
	return s->unknown;
}

void session__free(struct session *s)
{
	if (!s)
		return;
	if (s->trace)
		trace_writer__close(s->trace, &(struct trace_counts){ 0 });
	correlator__free(s->corr);
	report_summary__free(s->sum);
	free(s->judged);
	free(s);
}
