/* SPDX-License-Identifier: GPL-2.0 */
/* run.h - one live run: load BPF, run the workload under it, judge it. */
#ifndef CLONECHECK_RUN_H
#define CLONECHECK_RUN_H

#include "pipeline.h"
#include "report.h"
#include "workload.h"

struct run {
	struct pipeline pipe;		/* the judged clones */
	struct run_info info;		/* kernel, backend, losses */
	struct wl_result *results;	/* one per workload case */
	size_t n_cases;
	char release[65], machine[65], profile[32];
};

/*
 * Observe the built-in workload: every clone this process makes.  Prints
 * one line and returns -errno on failure (no root, no BTF, load failure).
 */
int run_workload(struct run *r);
void run_free(struct run *r);

#endif /* CLONECHECK_RUN_H */
