// SPDX-License-Identifier: GPL-2.0
/*
 * clonecheck - check Linux process creation against a reference model.
 * main.c: process lifetime only: parse arguments, run, report, exit code.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "env.h"
#include "log.h"
#include "run.h"

int log_verbose;

/* The verb "run": the built-in workload under live observation. */
static int cmd_run(const struct env *env)
{
	struct report reps[] = { { .ops = &report_text_ops, .out = stdout } };
	struct run r = {};
	int err, status;

	(void)env;
	r.pipe.reports = reps;
	r.pipe.n_reports = ARRAY_SIZE(reps);
	err = run_workload(&r);
	if (err) {
		run_free(&r);
		return 2;
	}
	err = pipeline__end_reports(&r.pipe, &r.info);
	if (err) {
		elog("cannot write a report: %s", strerror(-err));
		run_free(&r);
		return 2;
	}
	status = report_exit_status(&r.info, &r.pipe.tally);
	run_free(&r);
	return status;
}

int main(int argc, char **argv)
{
	struct env env;

	env_parse(argc, argv, &env);
	setvbuf(stdout, NULL, _IOLBF, 0);
	switch (env.verb) {
	default:
		return cmd_run(&env);
	}
}
