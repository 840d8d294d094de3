// SPDX-License-Identifier: GPL-2.0
/* env.c - argp option table and defaults (retsnoop's split). */
#include <argp.h>
#include <stdlib.h>
#include <string.h>

#include "env.h"
#include "log.h"

const char *argp_program_version = "clonecheck 0.1";
const char argp_program_doc[] =
	"Check that the running kernel creates tasks as its source says it must.\n"
	"\n"
	"USAGE: clonecheck [-v] [--backend=auto|tracepoint]\n"
	"\n"
	"With no arguments, runs the built-in workload (fork, vfork, clone, clone3,\n"
	"pthread_create and invalid flag combinations) under BPF, predicts every\n"
	"clone with the model and prints a conformance report.  Needs root and\n"
	"kernel BTF.  Exit status: 0 conforms, 1 mismatch or incomplete, 2 error.\n"
	"\n"
	"EXAMPLES:\n"
	"    clonecheck          # conformance report on stdout\n"
	"    clonecheck -v       # also say which hooks were attached\n";

enum { OPT_BACKEND = 1000 };

static const struct argp_option opts[] = {
	{ "verbose", 'v', NULL, 0, "Say more on stderr (twice: libbpf debug)", 0 },
	{ "backend", OPT_BACKEND, "NAME", 0, "Attach backend: auto or tracepoint", 0 },
	{},
};

static error_t parse_arg(int key, char *arg, struct argp_state *state)
{
	struct env *env = state->input;

	switch (key) {
	case 'v':
		log_verbose++;
		break;
	case OPT_BACKEND:
		if (strcmp(arg, "auto") && strcmp(arg, "tracepoint")) {
			elog("unknown backend '%s' (this build has: auto, tracepoint)", arg);
			exit(2);
		}
		env->backend = arg;
		break;
	case ARGP_KEY_ARG:
		elog("unexpected argument '%s'", arg);
		exit(2);
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

void env_parse(int argc, char **argv, struct env *env)
{
	static const struct argp argp = { .options = opts, .parser = parse_arg,
					  .doc = argp_program_doc };

	memset(env, 0, sizeof(*env));
	env->verb = VERB_RUN;
	env->backend = "auto";
	/* argp exits 64 on a usage error: keep our "2 = error" contract. */
	argp_err_exit_status = 2;
	if (argp_parse(&argp, argc, argv, 0, NULL, env))
		exit(2);
}
