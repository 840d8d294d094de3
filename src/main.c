// SPDX-License-Identifier: GPL-2.0
/*
 * clonecheck - check Linux process creation against a reference model.
 * main.c: process lifetime only: parse arguments, signals, open the report
 * writers, run, end them with the run's summary, close them; the exit
 * status is the summary's (src/report.c decides it), or 2 on an error.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon.h"
#include "env.h"
#include "json_writer.h"
#include "log.h"
#include "replay.h"
#include "run.h"
#include "session.h"

int log_verbose;

/*
 * SIGINT, SIGTERM, SIGHUP, SIGPIPE: stop observing and report (a recording
 * ends whole).  A second SIGINT or SIGTERM: exit at once.
 */
static void on_signal(int sig)
{
	if (run_stop_requested() && (sig == SIGINT || sig == SIGTERM)) {
		signal(sig, SIG_DFL);
		raise(sig);
		return;
	}
	run_request_stop();
}

/*
 * The report on stdout (text, JSON or KTAP), then every file asked for, in
 * order.  *n counts every report tried, so close_reports() sees a failure.
 */
static int open_reports(const struct env *env, struct report **reps, size_t *n)
{
	const struct report_ops *std = env->json ? &report_json_ops :
				       env->ktap ? &report_ktap_ops : &report_text_ops;
	int err;

	*n = 0;
	*reps = calloc(env->n_reports + 1, sizeof(**reps));
	if (!*reps) {
		elog("cannot open the reports: %s", strerror(errno));
		return -ENOMEM;
	}
	err = report_open(&(*reps)[(*n)++], std, NULL);
	for (size_t i = 0; i < env->n_reports && !err; i++)
		err = report_open(&(*reps)[(*n)++], env->reports[i].ops, env->reports[i].path);
	return err;
}

/* Close every report; a write error that shows only now is still an error. */
static int close_reports(struct report *reps, size_t n)
{
	int err = 0;

	for (size_t i = 0; i < n; i++) {
		int e = report_close(&reps[i]);

		if (e && !err)
			err = e;
	}
	free(reps);
	return err;
}

/* run, record, check: observe live or replay a file in a session, then report. */
static int cmd_judge(const struct env *env)
{
	struct session_opts so = {
		.trace_path = env->verb == VERB_RECORD ? env->output : NULL,
	};
	struct session *sess = NULL;
	struct report *reps = NULL;
	struct run r = {};
	int err, status = 2;
	size_t n = 0;

	err = open_reports(env, &reps, &n);
	if (err)
		goto out;
	so.reports = reps;
	so.n_reports = n;
	if (env->verb == VERB_CHECK) {
		err = (env->salvage ? replay_salvage : replay_trace)(env->trace, env->profile, &so,
								    &sess);
	} else {
		err = run_live(&r, &env->run, &so);
		sess = r.sess;
	}
	if (!err && sess && session__summary(sess))
		status = session__summary(sess)->exit_status;
out:
	if (close_reports(reps, n))
		status = 2;
	if (status == 2 && env->json)
		json_print_error(stdout, "%s", log_last_error());
	if (env->verb == VERB_CHECK)
		session__free(sess);
	run_free(&r);
	return status;
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_signal };
	struct env env;
	int status;

	env_parse(argc, argv, &env);
	setvbuf(stdout, NULL, _IOLBF, 0);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGPIPE, &sa, NULL);
	status = env.verb == VERB_DAEMON ? daemon_run(&env) : cmd_judge(&env);
	env_free(&env);
	return status;
}
