/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pipeline.h - the one-way path of a record: decode -> correlate ->
 * predict -> diff -> tally.  Fed by the loader (live) or by a test.
 */
#ifndef CLONECHECK_PIPELINE_H
#define CLONECHECK_PIPELINE_H

#include "correlate.h"
#include "report.h"
#include "tally.h"

typedef void (*pipeline_verdict_cb)(void *ctx, const struct clone_obs *co,
				    const struct clone_verdict *v);

struct pipeline {
	struct model_profile prof;	/* the kernel being judged */
	struct correlator *corr;
	struct tally tally;
	bool lossy;			/* BPF lost records in this run */
	uint64_t undecodable;		/* records the decoder refused */
	uint64_t unknown;		/* records of a type this version skips */
	pipeline_verdict_cb on_verdict;	/* optional, per judged clone */
	void *ctx;
	/* optional: name the workload case that made a clone (NULL: none) */
	const char *(*label)(void *label_ctx, const struct clone_obs *co);
	void *label_ctx;
	const struct decode_layout *layout; /* the records' layout (NULL: this build's) */
	struct report *reports;		/* writers fed each verdict */
	size_t n_reports;
	int report_err;			/* first error a writer returned */
	struct clone_verdict scratch;	/* the verdict being built */
};

/* points: OBS_BIT()s the backend offers (0: tracepoints).  0 or -errno. */
int pipeline__init(struct pipeline *p, const struct model_profile *prof, uint32_t points);
/* loader_record_cb: one raw record in.  Always 0 (bad records are counted). */
int pipeline__record(void *p, const void *data, size_t len);
/* Start every report writer; 0 or the first -errno (said on stderr). */
int pipeline__begin_reports(struct pipeline *p, const struct run_info *ri);
/* Finish every report writer from the run's summary; 0 or the first -errno
 * (also from clone()), said on stderr. */
int pipeline__end_reports(struct pipeline *p, const struct report_summary *s);
/* Judge whatever is still open as incomplete. */
void pipeline__finish(struct pipeline *p);
void pipeline__free(struct pipeline *p);

#endif /* CLONECHECK_PIPELINE_H */
