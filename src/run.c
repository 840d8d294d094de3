// SPDX-License-Identifier: GPL-2.0
/*
 * run.c - the live modes: open the loader, start what is observed (the
 * built-in workload, a command, a pid, the whole system), drain the ring
 * buffer into the pipeline until it is over, then judge what is left open.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "profile.h"
#include "run.h"

#define DRAIN_MS 10		/* consumer period: BPF never wakes us (batched) */
#define SETTLE_POLLS 5		/* empty polls in a row that end the drain */

static volatile sig_atomic_t stop_requested;

void run_request_stop(void)
{
	stop_requested = 1;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int run_host_profile(struct run *r, struct model_profile *prof)
{
	int err = profile_probe_host(prof, r->release, r->machine);

	if (err) {
		elog("no model profile for kernel %s on %s", r->release, r->machine);
		return err;
	}
	profile_format(prof, r->profile, sizeof(r->profile));
	r->info.release = r->release;
	r->info.machine = r->machine;
	r->info.profile = r->profile;
	return 0;
}

/*
 * pipeline label hook: the case whose time window holds the syscall entry.
 * Only this process and its descendants are observed in workload mode and
 * the cases run one after another, each reaping what it made, so a clone
 * made by a case's helper process carries that case's label too.
 */
static const char *case_label(void *ctx, const struct clone_obs *co)
{
	struct run *r = ctx;
	const struct wl_case *c = workload_cases(&r->n_cases);
	int i;

	if (!r->results || r->opts->mode != RUN_WORKLOAD ||
	    !(co->seen & OBS_BIT(OBS_SYS_ENTER)))
		return NULL;
	i = workload_case_at(r->results, co->ts[OBS_SYS_ENTER]);
	return i < 0 ? NULL : c[i].name;
}

/* Note which workload case made a judged clone, then the caller's hook. */
static void run_on_verdict(void *ctx, const struct clone_obs *co, const struct clone_verdict *v)
{
	struct run *r = ctx;
	size_t n;
	const struct wl_case *c = workload_cases(&n);

	if (r->case_judged && v->label && v->verdict != VERDICT_UNJUDGED)
		for (size_t i = 0; i < n; i++)
			if (!strcmp(c[i].name, v->label))
				r->case_judged[i] = true;
	if (r->user_verdict)
		r->user_verdict(r->user_ctx, co, v);
}

/* Poll until the ring stays empty for a few periods. */
static int drain(struct loader *l)
{
	int empty = 0;

	while (empty < SETTLE_POLLS) {
		int n = loader__poll(l, DRAIN_MS);

		if (n < 0)
			return n;
		empty = n ? 0 : empty + 1;
	}
	return 0;
}

/* Poll until done() says so, the duration ends, or a stop is requested. */
static int watch(struct loader *l, const struct run_opts *o, bool (*done)(void *), void *ctx)
{
	double end = o->duration > 0 ? now_s() + o->duration : 0;

	while (!stop_requested && !(done && done(ctx)) && !(end && now_s() >= end)) {
		int n = loader__poll(l, DRAIN_MS);

		if (n < 0)
			return n;
	}
	return 0;
}

struct command_ctx {
	pid_t pid;
	int status;
	bool exited;
};

static bool command_done(void *ctx)
{
	struct command_ctx *c = ctx;

	if (!c->exited && waitpid(c->pid, &c->status, WNOHANG) == c->pid)
		c->exited = true;
	return c->exited;
}

static bool pid_done(void *ctx)
{
	pid_t pid = *(pid_t *)ctx;

	return kill(pid, 0) && errno == ESRCH;
}

/*
 * -c: fork a child that waits on a pipe until it is watched, then execs
 * /bin/sh -c CMD; everything it and its descendants create is judged.
 */
static int run_command(struct run *r, struct loader *l, const struct run_opts *o)
{
	struct command_ctx c = {};
	int go[2], err;
	char byte = 0;

	if (pipe(go))
		return -errno;
	c.pid = fork();
	if (c.pid < 0) {
		err = -errno;
		close(go[0]);
		close(go[1]);
		return err;
	}
	if (c.pid == 0) {
		close(go[1]);
		if (read(go[0], &byte, 1) != 1)
			_exit(127);
		close(go[0]);
		execl("/bin/sh", "sh", "-c", o->command, (char *)NULL);
		_exit(127);
	}
	close(go[0]);
	err = loader__watch(l, c.pid);
	if (!err && write(go[1], &byte, 1) != 1)
		err = -errno;
	close(go[1]);
	if (err) {
		kill(c.pid, SIGKILL);
		waitpid(c.pid, NULL, 0);
		return err;
	}
	err = watch(l, o, command_done, &c);
	if (!c.exited) {
		/* stopped early (SIGINT or -d): do not leave the command behind */
		kill(c.pid, SIGTERM);
		waitpid(c.pid, &c.status, 0);
	}
	r->command_status = c.status;
	return err;
}

/* loader callback: the tap first (e.g. a trace writer), then the pipeline. */
static int on_record(void *ctx, const void *data, size_t len)
{
	struct run *r = ctx;

	if (r->opts->tap) {
		int err = r->opts->tap(r->opts->tap_ctx, data, len);

		if (err && !r->tap_err) {
			r->tap_err = err;
			elog("cannot keep a record: %s", strerror(-err));
		}
	}
	return pipeline__record(&r->pipe, data, len);
}

int run_workload(struct run *r)
{
	return run_live(r, NULL);
}

int run_live(struct run *r, const struct run_opts *opts)
{
	static const struct run_opts defaults = { .mode = RUN_WORKLOAD };
	const struct run_opts *o = opts ? opts : &defaults;
	struct loader_opts lo = {
		.backend = o->backend,
		.filter_tgid = o->mode != RUN_SYSTEM,
		.cgroup_id = o->cgroup_id,
		.comm = o->comm,
	};
	struct model_profile prof;
	struct loader *l = NULL;
	int err;

	r->opts = o;
	stop_requested = 0;
	err = run_host_profile(r, &prof);
	if (err)
		return err;

	if (o->mode == RUN_WORKLOAD) {
		workload_cases(&r->n_cases);
		r->results = calloc(r->n_cases, sizeof(*r->results));
		r->case_judged = calloc(r->n_cases, sizeof(*r->case_judged));
		if (!r->results || !r->case_judged)
			return -ENOMEM;
	}

	/* Step 1: load and attach; the backend decides which points to expect. */
	lo.cb = on_record;
	lo.ctx = r;
	l = loader__open(&lo, &err);
	if (!l)
		return err;
	r->points = loader__points(l);
	r->info.points = r->points;
	r->info.backend = loader__backend(l);
	r->blind = loader__blind_spots(l);

	/* Step 2: the pipeline and the reports. */
	r->pipe.label = case_label;
	r->pipe.label_ctx = r;
	r->user_verdict = r->pipe.on_verdict;
	r->user_ctx = r->pipe.ctx;
	r->pipe.on_verdict = run_on_verdict;
	r->pipe.ctx = r;
	err = pipeline__init(&r->pipe, &prof, r->points);
	if (err)
		goto out_close;
	switch (o->mode) {
	case RUN_WORKLOAD:
		snprintf(r->workload, sizeof(r->workload),
			 "built-in, %zu cases (this process and its helpers)", r->n_cases);
		break;
	case RUN_COMMAND:
		snprintf(r->workload, sizeof(r->workload), "command: %s", o->command);
		break;
	case RUN_PID:
		snprintf(r->workload, sizeof(r->workload), "pid %d and its descendants", o->pid);
		break;
	case RUN_SYSTEM:
		snprintf(r->workload, sizeof(r->workload), "system-wide");
		break;
	}
	r->info.workload = r->workload;
	if (o->on_ready) {
		err = o->on_ready(o->tap_ctx, r);
		if (err)
			goto out_close;
	}
	err = pipeline__begin_reports(&r->pipe, &r->info);
	if (err)
		goto out_close;

	/* Step 3: start or pick what is observed, and watch it until it ends. */
	switch (o->mode) {
	case RUN_WORKLOAD:
		err = loader__watch(l, getpid());
		if (!err)
			err = workload_run(r->results);
		if (err)
			elog("workload failed: %s", strerror(-err));
		break;
	case RUN_COMMAND:
		err = run_command(r, l, o);
		if (err)
			elog("cannot run '%s': %s", o->command, strerror(-err));
		break;
	case RUN_PID:
		if (kill(o->pid, 0)) {
			err = -errno;
			elog("no process %d: %s", o->pid, strerror(-err));
			break;
		}
		err = loader__watch(l, o->pid);
		if (!err)
			err = watch(l, o, pid_done, (void *)&o->pid);
		break;
	case RUN_SYSTEM:
		err = watch(l, o, NULL, NULL);
		break;
	}
	/* Step 4: whatever is still in the ring, then judge what stayed open. */
	if (drain(l) && !err)
		elog("ring buffer poll failed");
	r->info.lost_total = loader__lost(l, r->info.lost);
	r->info.untracked = loader__untracked(l);
	r->pipe.lossy = r->info.lost_total != 0;
	pipeline__finish(&r->pipe);
	r->info.undecodable = r->pipe.undecodable;
	for (size_t i = 0; r->case_judged && i < r->n_cases; i++)
		r->info.cases_unseen += !r->case_judged[i];

out_close:
	loader__close(l);
	return err;
}

void run_free(struct run *r)
{
	pipeline__free(&r->pipe);
	free(r->results);
	free(r->case_judged);
	r->results = NULL;
	r->case_judged = NULL;
}
