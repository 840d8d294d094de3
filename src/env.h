/* SPDX-License-Identifier: GPL-2.0 */
/* env.h - the command line, parsed once into struct env. */
#ifndef CLONECHECK_ENV_H
#define CLONECHECK_ENV_H

#include <stdbool.h>

#include "run.h"

enum verb {
	VERB_RUN,	/* default: observe live (workload, -c, -p or -a) */
	VERB_RECORD,	/* record -o FILE: observe live and keep a trace file */
	VERB_CHECK,	/* check FILE: judge a trace file, no BPF, no root */
	VERB_DAEMON,	/* daemon: watch the machine, judge continuously */
	VERB__COUNT
};

/* The daemon's own options (clonecheck daemon). */
struct env_daemon {
	const char *metrics_file;	/* --metrics-file: Prometheus text, rewritten */
	double metrics_interval;	/* --metrics-interval seconds (default 15) */
	const char *evidence_dir;	/* --evidence-dir: trace files of findings */
	unsigned int flight_mib;	/* --flight-recorder MiB of records kept (16) */
	size_t max_open;		/* --max-open clones at once (65536) */
	double open_timeout;		/* --open-timeout seconds before incomplete (5) */
	int journal;			/* --journal 1, --no-journal 0, -1 auto */
	const char *from_trace;		/* --from-trace: records from a file, not BPF */
};

/* A report file asked for on the command line. */
struct env_report {
	const char *path;		/* where */
	const struct report_ops *ops;	/* its format */
};

struct env {
	enum verb verb;
	struct run_opts run;	/* what to observe and how */
	const char *cgroup_path; /* --cgroup, resolved into run.cgroup_id */
	bool json;		/* --json: JSON Lines on stdout instead of text */
	bool ktap;		/* --ktap: KTAP on stdout instead of text */
	size_t n_reports;	/* --report FILE, --junit FILE, in order */
	struct env_report *reports;
	const char *output;	/* record: -o FILE */
	const char *trace;	/* check: FILE */
	const char *profile;	/* check: --profile, overrides the file's */
	bool salvage;		/* check: --salvage, judge a damaged file's intact part */
	struct env_daemon daemon; /* daemon */
};

/* The verb's name, e.g. "check". */
const char *env_verb_name(enum verb v);

/*
 * Parse argv into *env; exits 2 with a one-line error on bad usage (and,
 * with --json anywhere on the line, a JSON error object on stdout).
 */
void env_parse(int argc, char **argv, struct env *env);
/* Free what env_parse() allocated. */
void env_free(struct env *env);

#endif /* CLONECHECK_ENV_H */
