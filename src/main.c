// SPDX-License-Identifier: GPL-2.0
/*
 * clonecheck - check Linux process creation against a reference model.
 * main.c: process lifetime only: parse arguments, run, report, exit code.
 */
#include <argp.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "run.h"

int log_verbose;

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
	switch (key) {
	case 'v':
		log_verbose++;
		break;
	case OPT_BACKEND:
		if (strcmp(arg, "auto") && strcmp(arg, "tracepoint")) {
			elog("unknown backend '%s' (this build has: auto, tracepoint)", arg);
			exit(2);
		}
		break;
	case ARGP_KEY_ARG:
		elog("unexpected argument '%s'", arg);
		exit(2);
	default:
		return ARGP_ERR_UNKNOWN;
	}
	(void)state;
	return 0;
}

int main(int argc, char **argv)
{
	static const struct argp argp = { .options = opts, .parser = parse_arg,
					  .doc = argp_program_doc };
	struct run r = {};
	int err, status;

	/* argp exits 64 on a usage error: keep our "2 = error" contract. */
	argp_err_exit_status = 2;
	err = argp_parse(&argp, argc, argv, 0, NULL, NULL);
	if (err)
		return 2;
	setvbuf(stdout, NULL, _IOLBF, 0);

	err = run_workload(&r);
	if (err) {
		run_free(&r);
		return 2;
	}
	if (report_text(stdout, &r.info, &r.pipe.tally)) {
		elog("cannot write the report: %s", strerror(errno));
		run_free(&r);
		return 2;
	}
	status = report_exit_status(&r.info, &r.pipe.tally);
	run_free(&r);
	return status;
}
