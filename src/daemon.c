// SPDX-License-Identifier: GPL-2.0
/*
 * daemon.c - the daemon's main loop: a loader (or a trace file) feeding a
 * session that judges continuously; findings to notify.c with evidence from
 * the flight recorder; metrics, status and the watchdog on timers; report
 * snapshots on SIGUSR1; on SIGTERM, detach, drain, end, the final report.
 */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "daemon.h"
#include "flight.h"
#include "log.h"
#include "metrics.h"
#include "notify.h"
#include "profile.h"
#include "report_fmt.h"

#define POLL_MS 50		/* the loop's period: timers and signals are this late at most */
#define STATUS_S 5		/* how often STATUS= is sent */
#define FINDINGS_PER_S 10	/* the rate limit of findings ... */
#define FINDINGS_BURST 100	/* ... and how many may come at once */

static volatile sig_atomic_t stop_req, snapshot_req, reopen_req;

/* SIGTERM, SIGINT: stop and report; a second one: exit at once. */
static void on_stop(int sig)
{
	if (stop_req) {
		signal(sig, SIG_DFL);
		raise(sig);
		return;
	}
	stop_req = 1;
}

static void on_usr1(int sig)
{
	(void)sig;
	snapshot_req = 1;
}

static void on_hup(int sig)
{
	(void)sig;
	reopen_req = 1;
}

struct daemon {
	const struct env *env;
	struct loader *l;		/* the live source, or NULL */
	struct session *s;
	struct flight *flight;
	struct trace_meta meta;		/* the evidence files' header */
	struct decode_layout theirs;	/* --from-trace: the file's record layout */
	bool rebuild;			/* its records need rebuilding in ours */
	struct metrics m;
	double start;
	uint64_t clock_ns;		/* --from-trace: the newest record's time */
	uint64_t evidence_seq;
	int record_err;
};

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The records' clock: CLOCK_MONOTONIC live, the file's own from a trace. */
static uint64_t records_now_ns(const struct daemon *d)
{
	return d->l ? (uint64_t)(now_s() * 1e9) : d->clock_ns;
}

/* One record: kept for evidence, then judged. */
static int daemon_record(void *ctx, const void *data, size_t len)
{
	static unsigned char now[TRACE_REC_MAX];
	struct daemon *d = ctx;
	uint64_t id, ts;
	int n;

	if (d->rebuild) {
		n = decode_rebuild(&d->theirs, data, len, now, sizeof(now));
		if (n > 0) {
			data = now;
			len = (size_t)n;
		}
	}
	if (!decode_header(data, len, &id, &ts) && ts > d->clock_ns)
		d->clock_ns = ts;
	flight__add(d->flight, data, len);
	return session__record(d->s, data, len);
}

/* Where the evidence of a clone goes: DIR/clonecheck-<pid>-<seq>-clone<id>.cct */
static int write_evidence(struct daemon *d, uint64_t clone_id, char *path, size_t len)
{
	struct trace_counts c = {};
	int n;

	snprintf(path, len, "%s/clonecheck-%d-%" PRIu64 "-clone%" PRIu64 ".cct",
		 d->env->daemon.evidence_dir, (int)getpid(), ++d->evidence_seq, clone_id);
	n = flight__write(d->flight, clone_id, path, &d->meta, &c);
	if (n <= 0) {
		d->m.evidence_failed++;
		if (n < 0)
			elog("cannot write evidence %s: %s", path, strerror(-n));
		return n ? n : -ENOENT;
	}
	d->m.evidence_files++;
	return 0;
}

/* Session observer: latencies, and each mismatch or incomplete clone a finding. */
static void daemon_verdict(void *ctx, const struct clone_obs *co, const struct clone_verdict *v)
{
	struct daemon *d = ctx;
	char what[256], obs[32], pred[32], path[4096];
	const struct diff_check *bad = NULL;
	struct finding f = {};
	uint64_t ns;

	for (int sp = 0; sp < SPAN__COUNT; sp++)
		if (report_span_ns(co, sp, &ns))
			hist_add(&d->m.span[sp], ns);
	if (v->verdict != VERDICT_MISMATCH && v->verdict != VERDICT_INCOMPLETE)
		return;
	d->m.findings++;
	f.kind = v->verdict == VERDICT_MISMATCH ? "mismatch" : "incomplete";
	f.clone_id = v->clone_id;
	f.parent_pid = v->parent_pid;
	f.child_pid = v->child_pid;
	f.comm = (co->seen & OBS_BIT(OBS_SYS_ENTER)) ? co->enter.parent.comm : NULL;
	f.kernel = d->meta.release;
	for (size_t i = 0; i < v->n_checks && !bad; i++)
		if (!v->checks[i].ok)
			bad = &v->checks[i];
	if (bad) {
		f.rule = bad->rule;
		f.what = report_describe_check(bad, what, sizeof(what));
		snprintf(obs, sizeof(obs), "%#" PRIx64, (uint64_t)bad->observed);
		snprintf(pred, sizeof(pred), "%#" PRIx64, (uint64_t)bad->expected);
		f.observed = obs;
		f.predicted = pred;
	} else {
		f.what = report_describe_incomplete(v->reason, v->missing, what, sizeof(what));
	}
	/* evidence for what a kernel got wrong; an incomplete clone is our blind spot */
	if (v->verdict == VERDICT_MISMATCH && d->env->daemon.evidence_dir &&
	    !write_evidence(d, v->clone_id, path, sizeof(path)))
		f.evidence = path;
	if (!notify_finding(&f, now_s()))
		d->m.findings_suppressed = notify_suppressed();
}

/* A report of everything so far, to each --report file, else text on stdout. */
static int write_reports(struct daemon *d, const char *why)
{
	const struct env *env = d->env;
	size_t n = env->n_reports ? env->n_reports : 1;
	struct report *reps = calloc(n, sizeof(*reps));
	int err = 0;

	if (!reps)
		return -ENOMEM;
	for (size_t i = 0; i < n && !err; i++)
		err = env->n_reports ? report_open(&reps[i], env->reports[i].ops, env->reports[i].path) :
				       report_open(&reps[i], &report_text_ops, NULL);
	if (!err)
		err = session__snapshot(d->s, reps, n);
	for (size_t i = 0; i < n; i++) {
		int e = report_close(&reps[i]);

		if (e && !err)
			err = e;
	}
	free(reps);
	if (err)
		elog("cannot write the %s report: %s", why, strerror(-err));
	else
		vlog("wrote the %s report", why);
	return err;
}

static void refresh_metrics(struct daemon *d)
{
	uint64_t ns, runs;
	FILE *f;
	int v = -1;

	d->m.open_clones = session__pending(d->s);
	d->m.flight_records = flight__records(d->flight);
	d->m.findings_suppressed = notify_suppressed();
	d->m.rss_bytes = metrics_rss();
	d->m.uptime_s = now_s() - d->start;
	if (d->l) {
		d->m.ring_fill = loader__ring_fill(d->l);
		if (!loader__bpf_stats(d->l, &ns, &runs)) {
			d->m.bpf_run_ns = ns;
			d->m.bpf_runs = runs;
		}
	}
	f = fopen("/proc/sys/kernel/bpf_stats_enabled", "r");
	if (f) {
		if (fscanf(f, "%d", &v) != 1)
			v = -1;
		fclose(f);
	}
	d->m.bpf_stats = v;
}

static int write_metrics(struct daemon *d)
{
	int err;

	if (!d->env->daemon.metrics_file)
		return 0;
	refresh_metrics(d);
	err = metrics_write(d->env->daemon.metrics_file, session__info(d->s), session__tally(d->s),
			    &d->m);
	if (err)
		elog("cannot write metrics %s: %s", d->env->daemon.metrics_file, strerror(-err));
	return err;
}

static void send_status(struct daemon *d)
{
	const struct tally *t = session__tally(d->s);
	char st[256];

	snprintf(st, sizeof(st),
		 "%" PRIu64 " clones judged: %" PRIu64 " pass, %" PRIu64 " mismatch, %" PRIu64
		 " incomplete, %" PRIu64 " unjudged; %zu open; %" PRIu64 " records lost",
		 t->clones, t->by_verdict[VERDICT_PASS], t->by_verdict[VERDICT_MISMATCH],
		 t->by_verdict[VERDICT_INCOMPLETE], t->by_verdict[VERDICT_UNJUDGED],
		 session__pending(d->s),
		 session__info(d->s)->lost_total);
	notify_status(st);
}

/* The source: BPF, or a trace file's records (its header becomes ours). */
static int open_source(struct daemon *d, struct trace_reader **tr, struct model_profile *prof)
{
	const struct env *env = d->env;
	struct loader_opts lo = {
		.backend = env->run.backend,
		.filter_tgid = env->run.mode != RUN_SYSTEM,
		.cgroup_id = env->run.cgroup_id,
		.comm = env->run.comm,
		.btf_path = env->run.btf_path,
		.ringbuf_bytes = env->run.ringbuf_bytes,
		.cb = daemon_record,
		.ctx = d,
	};
	struct trace_error e;
	int err;

	if (env->daemon.from_trace) {
		*tr = trace_reader__open(env->daemon.from_trace, &d->meta, &e);
		if (!*tr) {
			elog("%s", e.msg);
			return e.err ? e.err : -EINVAL;
		}
		err = profile_parse(d->meta.profile, prof);
		if (err) {
			elog("bad kernel profile '%s' in %s", d->meta.profile, env->daemon.from_trace);
			return err;
		}
		d->theirs = d->meta.layout;
		decode_layout_current(&d->meta.layout);
		d->rebuild = memcmp(&d->theirs, &d->meta.layout, sizeof(d->theirs)) != 0;
		return 0;
	}
	d->l = loader__open(&lo, &err);
	if (!d->l)
		return err;
	return run_meta(&env->run, d->l, 0, true, &d->meta, prof);
}

/* Start what is watched: -p a pid, -c a command (the daemon stops with it). */
static int start_target(struct daemon *d)
{
	const struct run_opts *o = &d->env->run;

	if (!d->l || o->mode == RUN_SYSTEM)
		return 0;
	if (o->mode == RUN_PID)
		return loader__watch(d->l, o->pid);
	elog("daemon: -c is not supported; use -a or -p");
	return -EINVAL;
}

int daemon_run(const struct env *env)
{
	struct sigaction stop = { .sa_handler = on_stop }, usr1 = { .sa_handler = on_usr1 },
			 hup = { .sa_handler = on_hup };
	struct session_opts so = { .max_open = env->daemon.max_open };
	struct trace_reader *tr = NULL;
	struct trace_counts counts = {};
	struct model_profile prof;
	struct daemon d = { .env = env };
	double next_metrics, next_status, next_dog, end = 0, wd;
	int err;

	sigaction(SIGINT, &stop, NULL);
	sigaction(SIGTERM, &stop, NULL);
	sigaction(SIGUSR1, &usr1, NULL);
	sigaction(SIGHUP, &hup, NULL);
	signal(SIGPIPE, SIG_IGN);
	notify_init(env->daemon.journal, FINDINGS_PER_S, FINDINGS_BURST);
	if (env->daemon.evidence_dir && access(env->daemon.evidence_dir, W_OK)) {
		elog("cannot write evidence in %s: %s", env->daemon.evidence_dir, strerror(errno));
		return 2;
	}
	d.flight = flight__new((size_t)env->daemon.flight_mib << 20);
	if (!d.flight) {
		elog("cannot allocate the flight recorder: %s", strerror(ENOMEM));
		return 2;
	}

	/* Step 1: the source, the session; then tell the manager we are ready. */
	err = open_source(&d, &tr, &prof);
	if (err)
		goto out;
	so.on_verdict = daemon_verdict;
	so.verdict_ctx = &d;
	d.s = session__begin(&d.meta, &prof, &so, &err);
	if (!d.s)
		goto out;
	err = start_target(&d);
	if (err)
		goto out;
	if (d.l)
		loader__gate(d.l, true);
	d.start = now_s();
	next_metrics = next_status = d.start;
	wd = notify_watchdog_usec() / 2e6;
	next_dog = d.start;
	if (env->run.duration > 0)
		end = d.start + env->run.duration;
	notify_ready("watching");
	vlog("daemon: %s, %s", d.meta.backend, d.meta.workload);

	/* Step 2: judge as records come; timers between polls. */
	while (!stop_req && !(end && now_s() >= end)) {
		double now;

		if (d.l) {
			err = loader__poll(d.l, POLL_MS);
			if (err < 0)
				break;
			err = 0;
		} else {
			const void *rec;
			size_t len;
			int n = trace_reader__next(tr, &rec, &len);

			if (n < 0) {
				err = n;
				elog("%s", trace_reader__error(tr)->msg);
				break;
			}
			if (n == 0)
				break;	/* the whole file is in */
			daemon_record(&d, rec, len);
		}
		now = now_s();
		session__expire(d.s, records_now_ns(&d) -
					     (uint64_t)(env->daemon.open_timeout * 1e9));
		if (snapshot_req) {
			snapshot_req = 0;
			write_reports(&d, "snapshot");
		}
		if (reopen_req) {
			/* every output is opened afresh each time it is written */
			reopen_req = 0;
			vlog("SIGHUP: outputs are reopened at their next write");
			next_metrics = now;
		}
		if (now >= next_metrics) {
			write_metrics(&d);
			next_metrics = now + env->daemon.metrics_interval;
		}
		if (now >= next_status) {
			send_status(&d);
			next_status = now + STATUS_S;
		}
		if (wd && now >= next_dog) {
			notify_watchdog();
			next_dog = now + wd;
		}
	}

	/* Step 3: stop without cutting a clone (bounded), end, report. */
	notify_stopping();
	if (d.l) {
		int e = run_stop_observing(d.l, d.s);

		if (e && !err)
			err = e;
		counts.lost_total = loader__lost(d.l, counts.lost);
		counts.untracked = loader__untracked(d.l);
	} else if (tr && !err) {
		trace_reader__counts(tr, &counts);
	}
	{
		int e = session__end(d.s, &counts);

		if (!err)
			err = e;
	}
	write_metrics(&d);
	if (write_reports(&d, "final") && !err)
		err = -EIO;

out:
	trace_reader__close(tr);
	session__free(d.s);
	loader__close(d.l);
	flight__free(d.flight);
	return err ? 2 : 0;
}
