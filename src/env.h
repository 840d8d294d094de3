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
};

/*
 * Parse argv into *env; exits 2 with a one-line error on bad usage (and,
 * with --json anywhere on the line, a JSON error object on stdout).
 */
void env_parse(int argc, char **argv, struct env *env);
/* Free what env_parse() allocated. */
void env_free(struct env *env);

#endif /* CLONECHECK_ENV_H */
