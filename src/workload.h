/* SPDX-License-Identifier: GPL-2.0 */
/*
 * workload.h - the built-in conformance workload: a table of named cases,
 * each about one clone through one entry point (simfail-style), made by
 * this process or by a helper process the case forks first.
 */
#ifndef CLONECHECK_WORKLOAD_H
#define CLONECHECK_WORKLOAD_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct wl_result {
	long ret;		/* what the creating call returned: child tid or -errno */
	pid_t child;		/* the case's child's tid (global), 0 if none */
	int done;		/* the case ran */
	uint64_t t_start;	/* CLOCK_MONOTONIC ns around the case: the clock */
	uint64_t t_end;		/* bpf_ktime_get_ns() stamps records with */
};

struct wl_case {
	const char *name;	/* short, unique */
	const char *desc;	/* one line */
	int expect_err;		/* errno the case must fail with, 0 = must succeed */
	const char *rule;	/* the rule the case is about, e.g. "V-13" */
	int (*fn)(struct wl_result *res); /* 0, or -errno if the case could not run */
	/* without fn, one of these two says what the case does: */
	unsigned long flags;	/* a legacy clone with these flags, child exits at once */
	int (*helper)(struct wl_result *res); /* this, in a forked helper process
					       * (policy, credentials, namespaces) */
};

const struct wl_case *workload_cases(size_t *n);
/* Run every case in order; res has one slot per case.  0 or -errno. */
int workload_run(struct wl_result *res);
/* The case whose time window holds ts_ns, or -1. */
int workload_case_at(const struct wl_result *res, uint64_t ts_ns);

#endif /* CLONECHECK_WORKLOAD_H */
