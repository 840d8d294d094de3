/* SPDX-License-Identifier: GPL-2.0 */
/* report.h - what every report writer is given about a run. */
#ifndef CLONECHECK_REPORT_H
#define CLONECHECK_REPORT_H

#include <stdio.h>

#include "tally.h"

struct run_info {
	const char *release;		/* uname -r */
	const char *machine;		/* uname -m */
	const char *backend;		/* attach backend that ran */
	const char *profile;		/* model profile, e.g. "6.18/x86_64" */
	const char *workload;		/* what was observed */
	uint64_t lost[OBS__COUNT];	/* records BPF could not submit, per point */
	uint64_t lost_total;
	uint64_t untracked;		/* child points with no known clone_id */
	uint64_t undecodable;		/* records the decoder refused */
};

/* Plain text, under 80 columns.  0 or -errno. */
int report_text(FILE *out, const struct run_info *ri, const struct tally *t);

/* Exit status for a run: 0 all conform, 1 any mismatch, incomplete or loss. */
int report_exit_status(const struct run_info *ri, const struct tally *t);

#endif /* CLONECHECK_REPORT_H */
