// SPDX-License-Identifier: GPL-2.0
/*
 * run.c - the live modes: open the loader, begin a session, start what is
 * observed (the built-in workload, a command, a pid, the whole system),
 * drain the ring buffer into the session until it is over, then end it.
 */
#define _GNU_SOURCE	/* pipe2() */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
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
#include "wl_inject.h"
#include "wl_kmade.h"
#include "wl_sysctl.h"

#define DRAIN_MS 10		/* consumer period: BPF never wakes us (batched) */
#define SETTLE_S 0.4		/* at a stop: how long open clones may take to end */
#define TERM_GRACE_S 0.3	/* -c: SIGTERM to the command's group, then SIGKILL */
#define GROUP_DEATH_S 2.0	/* -c: the longest wait for the killed group to die */

static volatile sig_atomic_t stop_requested;

void run_request_stop(void)
{
	stop_requested = 1;
	workload_request_stop();
}

bool run_stop_requested(void)
{
	return stop_requested;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * Session label hook: the case whose time window holds the syscall entry
 * (task_newtask for a clone the kernel made).
 * Only this process and its descendants are observed in workload mode and
 * the cases run one after another, each reaping what it made, so a clone
 * made by a case's helper process carries that case's label too.
 */
static const char *case_label(void *ctx, const struct clone_obs *co)
{
	struct run *r = ctx;
	const struct wl_case *c = workload_cases(&r->n_cases);
	int i;

	/* a clone the kernel made (no syscall): when the child appeared */
	if (co->seen & OBS_BIT(OBS_SYS_ENTER))
		i = workload_case_at(r->results, co->ts[OBS_SYS_ENTER]);
	else if (co->seen & OBS_BIT(OBS_NEWTASK))
		i = workload_case_at(r->results, co->ts[OBS_NEWTASK]);
	else
		return NULL;
	return i < 0 ? NULL : c[i].name;
}

/*
 * Stop observing without cutting a clone: close the gate (BPF opens no new
 * clone), let the open ones end (a bounded wait), detach every program,
 * then hand on what is left in the ring.  Whatever is still open was
 * cut by the stop: its syscall has not returned (session__cut()).
 */
int run_stop_observing(struct loader *l, struct session *s)
{
	double deadline = now_s() + SETTLE_S;
	int n;

	loader__gate(l, false);
	while (session__pending(s) && now_s() < deadline) {
		n = loader__poll(l, DRAIN_MS);
		if (n < 0)
			return n;
	}
	loader__stop(l);
	/* detached: the ring holds all there will be (bounded by its size) */
	do {
		n = loader__drain(l);
		if (n < 0)
			return n;
	} while (n);
	if (session__pending(s))
		session__cut(s);
	return 0;
}

#define FLUSH_S 1.0		/* record: how often a partial block is written out */

/* The session of the run being watched (one at a time). */
static struct session *watched_session;

/*
 * Poll until done() says so, the duration ends, or a stop is requested.
 * A recording's records go out to its file at least every FLUSH_S, so a
 * SIGKILL loses at most that much.
 */
static int watch(struct loader *l, const struct run_opts *o, bool (*done)(void *), void *ctx)
{
	double end = o->duration > 0 ? now_s() + o->duration : 0;
	double flush = now_s() + FLUSH_S;

	while (!stop_requested && !(done && done(ctx)) && !(end && now_s() >= end)) {
		int n = loader__poll(l, DRAIN_MS);

		if (n < 0)
			return n;
		if (watched_session && now_s() >= flush) {
			n = session__flush(watched_session);
			if (n < 0)
				return n;
			flush = now_s() + FLUSH_S;
		}
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
 * Stopped early (SIGINT or -d): the command's whole process group gets
 * SIGTERM, then SIGKILL after a grace period; the shell is reaped.
 */
static void stop_command(struct command_ctx *c)
{
	double deadline = now_s() + TERM_GRACE_S;

	kill(-c->pid, SIGTERM);
	while (!command_done(c) && now_s() < deadline)
		usleep(10 * 1000);
	if (!c->exited) {
		kill(-c->pid, SIGKILL);
		waitpid(c->pid, &c->status, 0);
		c->exited = true;
	}
}

/* Whether a task of process group @pgid still lives (zombies aside). */
static bool group_alive(pid_t pgid)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	bool alive = false;

	while (d && !alive && (e = readdir(d))) {
		char path[300], buf[512], *p, state;
		int pgrp, ppid;
		ssize_t n;
		int fd;

		if (e->d_name[0] < '1' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/stat", e->d_name);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (n <= 0)
			continue;
		buf[n] = '\0';
		p = strrchr(buf, ')');	/* comm may hold anything */
		if (p && sscanf(p + 1, " %c %d %d", &state, &ppid, &pgrp) == 3)
			alive = pgrp == pgid && state != 'Z' && state != 'X';
	}
	if (d)
		closedir(d);
	return alive;
}

/*
 * What the shell left behind in its group gets SIGKILL, and we wait (a
 * bounded while) until it has died: a killed task still runs to its exit,
 * and nothing of the command is to outlive us.
 */
static void kill_group(pid_t pgid)
{
	double deadline = now_s() + GROUP_DEATH_S;

	if (kill(-pgid, SIGKILL))
		return;		/* ESRCH: nothing left */
	while (group_alive(pgid) && now_s() < deadline)
		usleep(5 * 1000);
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
		sigset_t none;

		/* its own process group, the signal state a shell expects */
		setpgid(0, 0);
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		signal(SIGPIPE, SIG_DFL);
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		close(go[1]);
		if (read(go[0], &byte, 1) != 1)
			_exit(127);
		close(go[0]);
		execl("/bin/sh", "sh", "-c", o->command, (char *)NULL);
		_exit(127);
	}
	setpgid(c.pid, c.pid);	/* also here: no race with the child's own */
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
	if (!c.exited)
		stop_command(&c);
	/* what the shell left behind in its group goes too */
	kill_group(c.pid);
	r->command_status = c.status;
	return err;
}

struct wl_thread {
	struct wl_result *res;
	pthread_t tid;
	int go[2];		/* the thread waits on it until the gate is open */
	int err;
	int done;		/* set (atomically) once workload_run() returned */
};

static void *wl_main(void *arg)
{
	struct wl_thread *t = arg;
	char byte;

	if (read(t->go[0], &byte, 1) == 1 && byte)
		t->err = workload_run(t->res);
	__atomic_store_n(&t->done, 1, __ATOMIC_RELEASE);
	return NULL;
}

static bool wl_done(void *ctx)
{
	return __atomic_load_n(&((struct wl_thread *)ctx)->done, __ATOMIC_ACQUIRE);
}

/*
 * The built-in workload runs on a thread of its own while this one drains
 * the ring, so no workload is too big for the ring.  The thread is made
 * before the gate opens (its own clone is not one of the workload's) and
 * waits until wl_go().
 */
static int wl_start(struct wl_thread *t)
{
	int err;

	if (pipe2(t->go, O_CLOEXEC))
		return -errno;
	err = -pthread_create(&t->tid, NULL, wl_main, t);
	if (err) {
		close(t->go[0]);
		close(t->go[1]);
		elog("cannot start the workload: %s", strerror(-err));
	}
	return err;
}

/*
 * Let it run (go: else it returns at once) and watch until it is done.  A
 * stop (SIGINT) ends it before its next case: what was judged is
 * reported, the cases not run count as not judged.
 */
static int wl_run(struct wl_thread *t, struct loader *l, bool go)
{
	static const struct run_opts forever = { .mode = RUN_WORKLOAD };
	char byte = go;
	int err = 0;

	if (write(t->go[1], &byte, 1) != 1)
		err = -errno;
	if (go && !err)
		err = watch(l, &forever, wl_done, t);
	if (err)
		workload_request_stop();
	pthread_join(t->tid, NULL);
	close(t->go[0]);
	close(t->go[1]);
	if (!err && t->err && !(t->err == -EINTR && stop_requested)) {
		err = t->err;
		elog("workload failed: %s", strerror(-err));
	}
	return err;
}

/* The header of what this run observes: a trace file's META. */
int run_meta(const struct run_opts *o, const struct loader *l, size_t n_cases,
	     bool btf_identity, struct trace_meta *m, struct model_profile *prof)
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
	if (btf_identity)
		trace_btf_identity(o->btf_path ? o->btf_path : "/sys/kernel/btf/vmlinux",
				   &m->btf_size, &m->btf_crc32);
	switch (o->mode) {
	case RUN_WORKLOAD: {
		size_t n, skipped = 0;
		const struct wl_case *c = workload_cases(&n);

		for (size_t i = 0; i < n; i++)
			skipped += workload_case_skip(&c[i]) != NULL;
		if (skipped)	/* refused injections, missing capabilities: -v names each */
			snprintf(m->workload, sizeof(m->workload),
				 "built-in, %zu cases (this process and its helpers); %zu skipped: "
				 "injections this kernel refuses, capabilities this system "
				 "lacks or global sysctls (--disruptive), -v says why", n_cases,
				 skipped);
		else
			snprintf(m->workload, sizeof(m->workload),
				 "built-in, %zu cases (this process and its helpers)", n_cases);
		break;
	}
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

/*
 * The workload's case names, which each must make a judged clone; a case
 * this kernel cannot run (an injection it refuses) makes none, and is not
 * named.
 */
static int expect_cases(struct run *r)
{
	static const char **names;
	const struct wl_case *c = workload_cases(&r->n_cases);
	size_t m = 0;

	if (!names) {
		names = calloc(r->n_cases ? r->n_cases : 1, sizeof(*names));
		if (!names)
			return -ENOMEM;
	}
	for (size_t i = 0; i < r->n_cases; i++) {
		const char *why = workload_case_skip(&c[i]);

		if (why)
			vlog("workload case %s skipped: %s", c[i].name, why);
		else
			names[m++] = c[i].name;
	}
	session__set_label(r->sess, case_label, r);
	return session__expect_labels(r->sess, names, m);
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
		.ringbuf_bytes = o->ringbuf_bytes,
	};
	struct model_profile prof;
	struct trace_counts counts = {};
	struct wl_thread wl = {};
	struct trace_meta m;
	struct loader *l = NULL;
	bool started = false;
	int err, e;

	/* a stop asked for before now (SIGINT while loading) is kept */
	memset(r, 0, sizeof(*r));
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
	if (o->mode == RUN_WORKLOAD) {
		wl_inject_open(loader__plan_fd(l));
		wl_kmade_open(loader__watched_fd(l));
		wl_sysctl_allow(o->disruptive);
	}

	/* Step 2: the session and its reports (and trace file). */
	/* only a recording keeps the BTF's identity (a report does not show it) */
	err = run_meta(o, l, r->n_cases, so && so->trace_path, &m, &prof);
	if (err)
		goto out_close;
	r->sess = session__begin(&m, &prof, so, &err);
	if (!r->sess)
		goto out_close;
	loader__set_ctx(l, r->sess);
	watched_session = r->sess;
	if (o->mode == RUN_WORKLOAD) {
		err = expect_cases(r);
		if (err)
			goto out_close;
	}

	/*
	 * Step 3: open the gate once everything is attached and what is watched
	 * is named (a clone begun before is not half seen); start or pick what
	 * is observed, and watch it until it ends or a stop is asked for.
	 */
	if (o->mode == RUN_WORKLOAD) {
		wl.res = r->results;
		err = wl_start(&wl);
		if (err)
			goto out_end;
		started = true;
		err = loader__watch(l, getpid());
	} else if (o->mode == RUN_PID && kill(o->pid, 0)) {
		err = -errno;
		elog("no process %d: %s", o->pid, strerror(-err));
	} else if (o->mode == RUN_PID)
		err = loader__watch(l, o->pid);
	if (err)
		goto out_end;
	loader__gate(l, true);
	switch (o->mode) {
	case RUN_WORKLOAD:
		err = wl_run(&wl, l, true);
		started = false;
		break;
	case RUN_COMMAND:
		err = run_command(r, l, o);
		if (err)
			elog("cannot run '%s': %s", o->command, strerror(-err));
		break;
	case RUN_PID:
		err = watch(l, o, pid_done, (void *)&o->pid);
		break;
	case RUN_SYSTEM:
		err = watch(l, o, NULL, NULL);
		break;
	}
out_end:
	if (started)
		wl_run(&wl, l, false);
	/* Step 4: stop without cutting a clone, then end the session. */
	e = run_stop_observing(l, r->sess);
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
	watched_session = NULL;
	wl_inject_close();
	wl_kmade_close();
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
