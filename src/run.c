// SPDX-License-Identifier: GPL-2.0
/*
 * run.c - the live modes: open the loader, begin a session, start what is
 * observed (the built-in workload, a command, a pid, the whole system),
 * drain the ring buffer into the session until it is over, then end it.
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
	workload_request_stop();
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * Session label hook: the case whose time window holds the syscall entry.
 * Only this process and its descendants are observed in workload mode and
 * the cases run one after another, each reaping what it made, so a clone
 * made by a case's helper process carries that case's label too.
 */
static const char *case_label(void *ctx, const struct clone_obs *co)
{
	struct run *r = ctx;
	const struct wl_case *c = workload_cases(&r->n_cases);
	int i;

	if (!(co->seen & OBS_BIT(OBS_SYS_ENTER)))
		return NULL;
	i = workload_case_at(r->results, co->ts[OBS_SYS_ENTER]);
	return i < 0 ? NULL : c[i].name;
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

/* The header of what this run observes: a trace file's META. */
int run_meta(const struct run_opts *o, const struct loader *l, size_t n_cases,
	     struct trace_meta *m, struct model_profile *prof)
{
	int err;

	memset(m, 0, sizeof(*m));
	err = profile_probe_host(prof, m->release, m->machine);
	if (err) {
		elog("no model profile for kernel %s on %s", m->release, m->machine);
		return err;
	}
	profile_format(prof, m->profile, sizeof(m->profile));
	snprintf(m->backend, sizeof(m->backend), "%s", loader__backend(l));
	snprintf(m->obs_text, sizeof(m->obs_text), "%s", loader__blind_spots(l));
	m->obs_mask = loader__points(l);
	decode_layout_current(&m->layout);
	trace_btf_identity(o->btf_path ? o->btf_path : "/sys/kernel/btf/vmlinux", &m->btf_size,
			   &m->btf_crc32);
	switch (o->mode) {
	case RUN_WORKLOAD:
		snprintf(m->workload, sizeof(m->workload),
			 "built-in, %zu cases (this process and its helpers)", n_cases);
		break;
	case RUN_COMMAND:
		snprintf(m->workload, sizeof(m->workload), "command: %.200s", o->command);
		break;
	case RUN_PID:
		snprintf(m->workload, sizeof(m->workload), "pid %d and its descendants", o->pid);
		break;
	case RUN_SYSTEM:
		snprintf(m->workload, sizeof(m->workload), "system-wide");
		break;
	}
	return 0;
}

/* The workload's case names, which each must make a judged clone. */
static int expect_cases(struct run *r)
{
	static const char **names;
	const struct wl_case *c = workload_cases(&r->n_cases);

	if (!names) {
		names = calloc(r->n_cases ? r->n_cases : 1, sizeof(*names));
		if (!names)
			return -ENOMEM;
		for (size_t i = 0; i < r->n_cases; i++)
			names[i] = c[i].name;
	}
	session__set_label(r->sess, case_label, r);
	return session__expect_labels(r->sess, names, r->n_cases);
}

int run_workload(struct run *r, session_verdict_cb cb, void *ctx)
{
	struct session_opts so = { .on_verdict = cb, .verdict_ctx = ctx };

	return run_live(r, NULL, &so);
}

int run_live(struct run *r, const struct run_opts *opts, const struct session_opts *so)
{
	static const struct run_opts defaults = { .mode = RUN_WORKLOAD };
	const struct run_opts *o = opts ? opts : &defaults;
	struct loader_opts lo = {
		.backend = o->backend,
		.filter_tgid = o->mode != RUN_SYSTEM,
		.cgroup_id = o->cgroup_id,
		.comm = o->comm,
		.btf_path = o->btf_path,
	};
	struct model_profile prof;
	struct trace_counts counts = {};
	struct trace_meta m;
	struct loader *l = NULL;
	int err, e;

	memset(r, 0, sizeof(*r));
	stop_requested = 0;
	if (o->mode == RUN_WORKLOAD) {
		workload_cases(&r->n_cases);
		r->results = calloc(r->n_cases, sizeof(*r->results));
		if (!r->results)
			return -ENOMEM;
	}

	/* Step 1: load and attach; the backend decides which points to expect. */
	lo.cb = session__record;
	l = loader__open(&lo, &err);
	if (!l)
		return err;
	r->points = loader__points(l);

	/* Step 2: the session and its reports (and trace file). */
	err = run_meta(o, l, r->n_cases, &m, &prof);
	if (err)
		goto out_close;
	r->sess = session__begin(&m, &prof, so, &err);
	if (!r->sess)
		goto out_close;
	loader__set_ctx(l, r->sess);
	if (o->mode == RUN_WORKLOAD) {
		err = expect_cases(r);
		if (err)
			goto out_close;
	}

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
	/* Step 4: whatever is still in the ring, then end the session. */
	e = drain(l);
	if (e && !err) {
		elog("ring buffer poll failed: %s", strerror(-e));
		err = e;
	}
	counts.lost_total = loader__lost(l, counts.lost);
	counts.untracked = loader__untracked(l);
	e = session__end(r->sess, &counts);
	if (!err)
		err = e;

out_close:
	loader__close(l);
	return err;
}

void run_free(struct run *r)
{
	session__free(r->sess);
	free(r->results);
	r->sess = NULL;
	r->results = NULL;
}
