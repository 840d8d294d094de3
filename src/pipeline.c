// SPDX-License-Identifier: GPL-2.0
/* pipeline.c - glue of the one-way path; each stage is its own file. */
#include <errno.h>
#include <string.h>

#include "diff.h"
#include "log.h"
#include "pipeline.h"

static void judge(const struct clone_obs *co, bool complete, void *ctx)
{
	struct pipeline *p = ctx;
	struct model_pred pred;
	int err;

	(void)complete; /* the differ sees what is missing itself */
	err = predict_clone(&p->prof, co, &pred);
	diff_clone(&p->prof, err ? NULL : &pred, co, p->lossy, &p->scratch);
	if (p->label)
		p->scratch.label = p->label(p->label_ctx, co);
	tally_add(&p->tally, &p->scratch);
	if (p->on_verdict)
		p->on_verdict(p->ctx, co, &p->scratch);
	for (size_t i = 0; i < p->n_reports; i++) {
		struct report *r = &p->reports[i];

		err = r->ops->clone(r, co, &p->scratch, p->scratch.label);
		if (err && !p->report_err)
			p->report_err = err;
	}
}

int pipeline__init(struct pipeline *p, const struct model_profile *prof, uint32_t points)
{
	struct correlator_opts opts = {
		.points = points,
		/* errata X-12: only x86_64 emits the child's own syscall exit */
		.child_ret_seen = prof->arch == MODEL_ARCH_X86_64,
	};
	struct pipeline keep = *p;

	/* Keep the hooks the caller set; reset everything else. */
	memset(p, 0, sizeof(*p));
	p->on_verdict = keep.on_verdict;
	p->ctx = keep.ctx;
	p->label = keep.label;
	p->label_ctx = keep.label_ctx;
	p->reports = keep.reports;
	p->n_reports = keep.n_reports;
	p->layout = keep.layout;
	p->prof = *prof;
	tally_init(&p->tally);
	p->corr = correlator__new(&opts, judge, p);
	return p->corr ? 0 : -ENOMEM;
}

int pipeline__record(void *ctx, const void *data, size_t len)
{
	struct pipeline *p = ctx;
	struct obs o;
	int err = decode_record_as(p->layout, data, len, &o);

	if (err == -ENOENT) {
		p->unknown++;
		return 0;
	}
	if (err) {
		if (!p->undecodable)
			elog("undecodable record of %zu bytes (counted)", len);
		p->undecodable++;
		return 0;
	}
	err = correlator__push(p->corr, &o);
	if (err)
		elog("cannot assemble clone %llu: %s", (unsigned long long)o.clone_id,
		     strerror(-err));
	return 0;
}

int pipeline__begin_reports(struct pipeline *p, const struct run_info *ri)
{
	for (size_t i = 0; i < p->n_reports; i++) {
		int err = p->reports[i].ops->begin(&p->reports[i], ri);

		if (err) {
			elog("cannot start the %s report: %s", p->reports[i].ops->name,
			     strerror(-err));
			return err;
		}
	}
	return 0;
}

int pipeline__end_reports(struct pipeline *p, const struct report_summary *s)
{
	return reports_end(p->reports, p->n_reports, s, p->report_err);
}

void pipeline__finish(struct pipeline *p)
{
	correlator__flush(p->corr);
	tally_sort(&p->tally);
}

void pipeline__free(struct pipeline *p)
{
	correlator__free(p->corr);
	p->corr = NULL;
}
