/* SPDX-License-Identifier: GPL-2.0 */
/*
 * report.h - the report writers' common interface (struct report_ops).
 * A run opens any number of writers; each sees begin(), one clone() per
 * judged clone in judging order, then end() with the tally.
 */
#ifndef CLONECHECK_REPORT_H
#define CLONECHECK_REPORT_H

#include <stdio.h>

#include "tally.h"

struct run_info {
	const char *release;		/* uname -r of the judged kernel */
	const char *machine;		/* uname -m */
	const char *backend;		/* attach backend that ran */
	const char *profile;		/* model profile, e.g. "6.18/x86_64" */
	const char *workload;		/* what was observed */
	uint64_t lost[OBS__COUNT];	/* records BPF could not submit, per point */
	uint64_t lost_total;
	uint64_t untracked;		/* child points with no known clone_id */
	uint64_t cases_unseen;		/* workload cases with no judged clone */
	uint32_t points;		/* OBS_BIT()s the backend offers (0: unknown) */
	uint64_t undecodable;		/* records the decoder refused */
};

struct report;

struct report_ops {
	const char *name;	/* "text", "json", "junit", "html", "md" */
	/* Allocate the writer's state in r->priv.  0 or -errno. */
	int (*begin)(struct report *r, const struct run_info *ri);
	/* One judged clone; label is the workload case or NULL. */
	int (*clone)(struct report *r, const struct clone_obs *co,
		     const struct clone_verdict *v, const char *label);
	/* Everything counted; write the rest and free r->priv. */
	int (*end)(struct report *r, const struct run_info *ri, const struct tally *t);
};

struct report {
	const struct report_ops *ops;
	FILE *out;		/* where it writes */
	bool own_out;		/* out was opened for this report */
	void *priv;		/* the writer's own state */
};

extern const struct report_ops report_text_ops;
extern const struct report_ops report_json_ops, report_junit_ops, report_html_ops, report_md_ops;

/*
 * Exit status for a run: 0 all conform, 1 any mismatch, incomplete, loss or
 * workload case that was not judged.
 */
int report_exit_status(const struct run_info *ri, const struct tally *t);

#endif /* CLONECHECK_REPORT_H */
