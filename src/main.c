// SPDX-License-Identifier: GPL-2.0
/*
 * clonecheck - check Linux process creation against a reference model.
 * main.c: process lifetime only: parse arguments, signals, open the report
 * writers, run, close them, exit code.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "env.h"
#include "json_writer.h"
#include "log.h"
#include "replay.h"
#include "run.h"

#define MAX_REPORTS 3

int log_verbose;

static void on_signal(int sig)
{
	(void)sig;
	run_request_stop();
}

/* One writer on stdout (text or JSON), plus the files asked for. */
static int open_reports(const struct env *env, struct report *reps, size_t *n)
{
	*n = 0;
	reps[(*n)++] = (struct report){ .ops = env->json ? &report_json_ops : &report_text_ops,
					.out = stdout };
	if (env->junit) {
		FILE *f = fopen(env->junit, "w");

		if (!f) {
			elog("cannot write %s: %s", env->junit, strerror(errno));
			return -errno;
		}
		reps[(*n)++] = (struct report){ .ops = &report_junit_ops, .out = f, .own_out = true };
	}
	if (env->report) {
		FILE *f = fopen(env->report, "w");
		const char *dot = strrchr(env->report, '.');

		if (!f) {
			elog("cannot write %s: %s", env->report, strerror(errno));
			return -errno;
		}
		reps[(*n)++] = (struct report){ .ops = !strcmp(dot, ".md") ? &report_md_ops :
									    &report_html_ops,
						.out = f, .own_out = true };
	}
	return 0;
}

/* Close the files; a write error that shows only now is still an error. */
static int close_reports(struct report *reps, size_t n)
{
	int err = 0;

	for (size_t i = 0; i < n; i++) {
		if (!reps[i].own_out)
			continue;
		if (fclose(reps[i].out) && !err) {
			err = -errno;
			elog("cannot finish a %s report: %s", reps[i].ops->name, strerror(errno));
		}
	}
	return err;
}

/* record: open the trace file once the backend is known. */
static int record_open(void *ctx, const struct run *r)
{
	struct trace_writer **w = ctx;
	const struct env *env = r->opts->tap_env;
	struct trace_meta m;
	int err;

	replay_meta_of(r, &m);
	*w = trace_writer__open(env->output, &m, &err);
	if (!*w) {
		elog("cannot write trace %s: %s", env->output, strerror(-err));
		return err;
	}
	return 0;
}

static int record_add(void *ctx, const void *data, size_t len)
{
	struct trace_writer **w = ctx;

	return trace_writer__add(*w, data, len);
}

/* run, record, check: observe live or replay a file, then report. */
static int cmd_judge(const struct env *env)
{
	struct report reps[MAX_REPORTS];
	struct trace_writer *w = NULL;
	struct run_opts o = env->run;
	struct run r = {};
	int err, status = 2;
	size_t n;

	err = open_reports(env, reps, &n);
	if (err)
		goto out;
	r.pipe.reports = reps;
	r.pipe.n_reports = n;
	if (env->verb == VERB_RECORD) {
		o.on_ready = record_open;
		o.tap = record_add;
		o.tap_ctx = &w;
		o.tap_env = env;
	}
	if (env->verb == VERB_CHECK)
		err = replay_trace(&r, env->trace, env->profile);
	else
		err = run_live(&r, &o);
	if (w) {
		struct trace_counts c;
		int e;

		replay_counts_of(&r, &c);
		e = trace_writer__close(w, &c);
		if (e) {
			elog("cannot finish trace %s: %s", env->output, strerror(-e));
			err = err ? err : e;
		}
	}
	if (err || r.tap_err)
		goto out;
	err = pipeline__end_reports(&r.pipe, &r.info);
	if (err) {
		elog("cannot write a report: %s", strerror(-err));
		goto out;
	}
	status = report_exit_status(&r.info, &r.pipe.tally);
out:
	if (close_reports(reps, n))
		status = 2;
	if (status == 2 && env->json)
		json_print_error(stdout, "%s", log_last_error());
	run_free(&r);
	return status;
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_signal };
	struct env env;

	env_parse(argc, argv, &env);
	setvbuf(stdout, NULL, _IOLBF, 0);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	return cmd_judge(&env);
}
