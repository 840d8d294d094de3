/* SPDX-License-Identifier: GPL-2.0 */
/*
 * workload.h - the built-in conformance workload: a table of named cases,
 * each making one clone through one entry point (simfail-style).
 */
#ifndef CLONECHECK_WORKLOAD_H
#define CLONECHECK_WORKLOAD_H

#include <stddef.h>
#include <sys/types.h>

struct wl_result {
	long ret;		/* what the creating call returned: child tid or -errno */
	pid_t child;		/* the child's tid (global), 0 if none */
	int done;		/* the case ran */
};

struct wl_case {
	const char *name;	/* short, unique */
	const char *desc;	/* one line */
	int expect_err;		/* errno the case must fail with, 0 = must succeed */
	const char *rule;	/* the rule the case is about, e.g. "V-13" */
	int (*fn)(struct wl_result *res); /* 0, or -errno if the case could not run */
};

const struct wl_case *workload_cases(size_t *n);
/* Run every case in order; res has one slot per case.  0 or -errno. */
int workload_run(struct wl_result *res);

#endif /* CLONECHECK_WORKLOAD_H */
