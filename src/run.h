/* SPDX-License-Identifier: GPL-2.0 */
/* run.h - one live run: load BPF, run or watch a workload under it, judge it. */
#ifndef CLONECHECK_RUN_H
#define CLONECHECK_RUN_H

#include <sys/types.h>

#include "loader.h"
#include "pipeline.h"
#include "report.h"
#include "workload.h"

enum run_mode {
	RUN_WORKLOAD,	/* the built-in cases, in this process */
	RUN_COMMAND,	/* -c: run a shell command, judge everything it creates */
	RUN_PID,	/* -p: a running process and its descendants */
	RUN_SYSTEM,	/* -a: every clone on the system */
};

struct run;

struct run_opts {
	enum run_mode mode;
	enum backend backend;
	const char *command;	/* RUN_COMMAND: passed to /bin/sh -c */
	pid_t pid;		/* RUN_PID */
	double duration;	/* seconds; 0 = until the target ends (or SIGINT) */
	uint64_t cgroup_id;	/* only creators in this cgroup (0: any) */
	const char *comm;	/* only creators with this comm (NULL: any) */
	/* optional: called once the backend is known, before any record */
	int (*on_ready)(void *tap_ctx, const struct run *r);
	/* optional: sees each record as delivered, before the pipeline (e.g. a
	 * trace writer); an error is reported once and kept in run.tap_err */
	int (*tap)(void *tap_ctx, const void *data, size_t len);
	void *tap_ctx;
	const void *tap_env;	/* the caller's own context for the hooks */
};

struct run {
	struct pipeline pipe;		/* the judged clones */
	struct run_info info;		/* kernel, backend, losses */
	struct wl_result *results;	/* RUN_WORKLOAD: one per case */
	size_t n_cases;
	int command_status;		/* RUN_COMMAND: wait status of the command */
	int tap_err;			/* first error the tap returned */
	uint32_t points;		/* OBS_BIT()s the backend offers */
	char release[256], machine[256], backend[256]; /* replay: from the file */
	char profile[256], workload[512];
	const char *blind;		/* what the backend cannot see (live) */
	bool *case_judged;		/* RUN_WORKLOAD: a judged clone per case */
	pipeline_verdict_cb user_verdict; /* the caller's pipe.on_verdict, chained */
	void *user_ctx;
	const struct run_opts *opts;
};

/*
 * Observe per opts (NULL: the built-in workload on the best backend).
 * Prints one line and returns -errno on failure (no root, no BTF, load
 * failure, command not runnable).  Reports in r->pipe are begun but not ended.
 */
int run_live(struct run *r, const struct run_opts *opts);
/* Old name, kept for the tests: run_live(r, NULL). */
int run_workload(struct run *r);
void run_free(struct run *r);

/* Kernel release/arch of this host into r->info and the model profile. */
int run_host_profile(struct run *r, struct model_profile *prof);

/* Stop a running observation at the next poll (signal-safe). */
void run_request_stop(void);

#endif /* CLONECHECK_RUN_H */
