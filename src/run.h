/* SPDX-License-Identifier: GPL-2.0 */
/*
 * run.h - one live run: load BPF, run or watch what is observed under it,
 * and feed every record to a session that judges it.
 */
#ifndef CLONECHECK_RUN_H
#define CLONECHECK_RUN_H

#include <sys/types.h>

#include "loader.h"
#include "session.h"
#include "workload.h"

enum run_mode {
	RUN_WORKLOAD,	/* the built-in cases, in this process */
	RUN_COMMAND,	/* -c: run a shell command, judge everything it creates */
	RUN_PID,	/* -p: a running process and its descendants */
	RUN_SYSTEM,	/* -a: every clone on the system */
};

struct run_opts {
	enum run_mode mode;
	enum backend backend;
	const char *command;	/* RUN_COMMAND: passed to /bin/sh -c */
	pid_t pid;		/* RUN_PID */
	double duration;	/* seconds; 0 = until the target ends (or SIGINT) */
	uint64_t cgroup_id;	/* only creators in this cgroup (0: any) */
	const char *comm;	/* only creators with this comm (NULL: any) */
	const char *btf_path;	/* kernel BTF when not in /sys/kernel/btf (NULL) */
	size_t ringbuf_bytes;	/* BPF ring size; 0 = LOADER_RINGBUF_DEFAULT */
	bool disruptive;	/* RUN_WORKLOAD: also the cases that change a global
				 * sysctl for one case (src/wl_sysctl.c) */
};

/* What a live run leaves for its caller. */
struct run {
	struct session *sess;		/* ended, or NULL if it never began */
	struct wl_result *results;	/* RUN_WORKLOAD: one per case */
	size_t n_cases;
	int command_status;		/* RUN_COMMAND: wait status of the command */
	uint32_t points;		/* OBS_BIT()s the backend offers */
};

/*
 * Observe per o (NULL: the built-in workload on the best backend), judging
 * in a session with so's reports and trace file (NULL: none).  Prints one
 * line and returns -errno on failure (no root, no BTF, load failure,
 * command not runnable, a report or trace that cannot be written).
 */
int run_live(struct run *r, const struct run_opts *o, const struct session_opts *so);
/* run_live(r, NULL, NULL) with one verdict observer (tests). */
int run_workload(struct run *r, session_verdict_cb cb, void *ctx);
void run_free(struct run *r);

/*
 * The header of what a live run observes (a trace file's META) from the
 * host and the loader: kernel, profile, backend and its points, workload.
 * The BTF's identity (size and crc32: reading 5 MB of BTF) only with
 * btf_identity, for what is written to a file; 0 otherwise ("unknown").
 */
int run_meta(const struct run_opts *o, const struct loader *l, size_t n_cases,
	     bool btf_identity, struct trace_meta *m, struct model_profile *prof);

/*
 * Stop observing without cutting a clone: close the gate, let the open
 * clones end (a bounded wait), detach, hand on what is left in the ring;
 * what is still open was cut (session__cut()).  0 or -errno.
 */
int run_stop_observing(struct loader *l, struct session *s);

/* Stop a running observation at the next poll (signal-safe). */
void run_request_stop(void);
/* Has a stop been asked for? */
bool run_stop_requested(void);

#endif /* CLONECHECK_RUN_H */
