// SPDX-License-Identifier: GPL-2.0
/*
 * live_clone.c - the built-in workload under the real BPF side on the running
 * kernel.  Needs root and BTF; when BPF cannot be loaded the tests FAIL.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/sched.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "run.h"
#include "tests.h"

#define MAX_VERDICTS 2048	/* the full pid ns cases make 300 threads each */

struct seen {
	size_t n;
	struct clone_verdict v[MAX_VERDICTS];
	uint32_t points[MAX_VERDICTS];	/* OBS_BIT()s seen per verdict */
};

static struct run r;
static struct seen seen;
static int run_err;

static void keep(void *ctx, const struct clone_obs *co, const struct clone_verdict *v)
{
	struct seen *s = ctx;

	if (s->n < MAX_VERDICTS) {
		s->v[s->n] = *v;
		s->points[s->n] = co->seen;
	}
	s->n++;
}

/* One observed run of the workload, shared by the tests of this suite. */
static void live_setup(void)
{
	memset(&r, 0, sizeof(r));
	memset(&seen, 0, sizeof(seen));
	run_err = run_workload(&r, keep, &seen);
}

static void live_teardown(void)
{
	run_free(&r);
}

/*
 * The verdict of case @name's child @child: the one the correlator labelled
 * with the case, else the first with that pid (a pid reused by another
 * clone of the run, on a busy machine, must not stand in for it).
 */
static const struct clone_verdict *by_child(pid_t child, const char *name, uint32_t *points)
{
	size_t first = SIZE_MAX;

	for (size_t i = 0; i < seen.n && i < MAX_VERDICTS; i++) {
		if (seen.v[i].child_pid != (uint32_t)child)
			continue;
		if (seen.v[i].label && !strcmp(seen.v[i].label, name)) {
			first = i;
			break;
		}
		if (first == SIZE_MAX)
			first = i;
	}
	if (first == SIZE_MAX)
		return NULL;
	*points = seen.points[first];
	return &seen.v[first];
}

START_TEST(test_live_bpf_loads)
{
	ck_assert_msg(run_err == 0, "live run failed: %s (BPF must load here)",
		      strerror(-run_err));
	ck_assert_str_eq(session__info(r.sess)->machine[0] ? "ok" : "", "ok");
	ck_assert_ptr_nonnull(session__info(r.sess)->backend);
	ck_assert_msg(strstr(session__info(r.sess)->backend, "tracepoint"), "backend %s", session__info(r.sess)->backend);
}
END_TEST

START_TEST(test_live_nothing_lost)
{
	ck_assert_int_eq(run_err, 0);
	ck_assert_uint_eq(session__info(r.sess)->lost_total, 0);
	ck_assert_uint_eq(session__info(r.sess)->undecodable, 0);
	ck_assert_uint_eq(session__info(r.sess)->untracked, 0);
}
END_TEST

/* Every workload clone was seen at every point and conforms. */
START_TEST(test_live_every_case_observed)
{
	size_t n;
	const struct wl_case *c = workload_cases(&n);

	int kver = wl_kernel_version();

	ck_assert_int_eq(run_err, 0);
	for (size_t i = 0; i < n; i++) {
		const struct wl_result *res = &r.results[i];
		struct wl_expect e = wl_case_expected(&c[i], kver);
		const struct clone_verdict *v;
		uint32_t points = 0;

		if (res->skipped)	/* an injection this kernel refuses (live_workload.c) */
			continue;
		ck_assert_msg(res->done, "case %s did not run", c[i].name);
		if (res->signaled)	/* killed in its call (SIGKILL injected: live_workload.c) */
			continue;
		if (e.err) {
			ck_assert_msg(res->ret == -e.err, "case %s returned %ld, not -%d",
				      c[i].name, res->ret, e.err);
			continue;
		}
		ck_assert_msg(res->ret >= 0, "case %s failed: %ld", c[i].name, res->ret);
		if (!res->child)
			continue; /* pthread_create: matched below */
		v = by_child(res->child, c[i].name, &points);
		ck_assert_msg(v, "case %s: child %d never observed", c[i].name, res->child);
		ck_assert_msg(v->verdict == VERDICT_PASS, "case %s: %s", c[i].name,
			      verdict_name(v->verdict));
		if (c[i].kmade) {
			/* no syscall: the task points only (O-03 is the model's, judged) */
			const uint32_t task = OBS_BIT(OBS_NEWTASK) | OBS_BIT(OBS_WAKEUP);
			const uint32_t sys = OBS_BIT(OBS_SYS_ENTER) | OBS_BIT(OBS_SYS_EXIT) |
					     OBS_BIT(OBS_CHILD_RET);

			ck_assert_msg((points & task) == task && !(points & sys),
				      "case %s: points seen %#x", c[i].name, points);
			continue;
		}
		/* every point but the optional first run (correlate.h) */
		ck_assert_msg((points | OBS_POINTS_OPTIONAL) == (r.points | OBS_POINTS_OPTIONAL),
			      "case %s: points seen %#x of %#x", c[i].name, points, r.points);
		ck_assert_int_eq(v->ret, res->ret);
	}
}
END_TEST

/* Each failing case is judged by the rule it is about. */
START_TEST(test_live_failures_judged_by_rule)
{
	size_t n;
	const struct wl_case *c = workload_cases(&n);

	int kver = wl_kernel_version();

	ck_assert_int_eq(run_err, 0);
	for (size_t i = 0; i < n; i++) {
		struct wl_expect e = wl_case_expected(&c[i], kver);
		bool found = false;

		if (!e.err || r.results[i].skipped)
			continue;
		for (size_t j = 0; j < seen.n && j < MAX_VERDICTS && !found; j++) {
			const struct clone_verdict *v = &seen.v[j];

			found = v->ret_seen && v->ret == -e.err && v->n_checks &&
				v->checks[0].kind == CHECK_RET &&
				!strcmp(v->checks[0].rule, e.rule) &&
				v->verdict == VERDICT_PASS;
		}
		ck_assert_msg(found, "case %s: no passing verdict by %s", c[i].name, e.rule);
	}
}
END_TEST

START_TEST(test_live_zero_mismatches)
{
	ck_assert_int_eq(run_err, 0);
	ck_assert_uint_ge(session__tally(r.sess)->clones, 8);
	ck_assert_uint_eq(session__tally(r.sess)->by_verdict[VERDICT_MISMATCH], 0);
	ck_assert_uint_eq(session__tally(r.sess)->by_verdict[VERDICT_INCOMPLETE], 0);
	ck_assert_uint_ge(session__tally(r.sess)->n_rules, 10);
	ck_assert_int_eq(report_exit_status(session__info(r.sess), session__tally(r.sess)), 0);
}
END_TEST

/* The pthread_create clone3 is there too: two clone3 threads in all. */
START_TEST(test_live_threads_seen)
{
	size_t threads = 0;

	ck_assert_int_eq(run_err, 0);
	for (size_t i = 0; i < seen.n && i < MAX_VERDICTS; i++)
		if (seen.v[i].entry == OBS_ENTRY_CLONE3 && seen.v[i].ret > 0 &&
		    seen.v[i].verdict == VERDICT_PASS)
			threads++;
	ck_assert_uint_ge(threads, 2);
}
END_TEST

/* Without root or any capability: one clear error, -EPERM, nothing loaded. */
START_TEST(test_live_needs_root)
{
	pid_t pid = fork();
	int status;

	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		struct run nr = {};

		if (setgid(65534) || setuid(65534))
			_exit(3);
		_exit(run_workload(&nr, NULL, NULL) == -EPERM ? 0 : 1);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status));
	ck_assert_int_eq(WEXITSTATUS(status), 0);
}
END_TEST

/* The CLI: a bad flag is a one-line error and exit status 2. */
START_TEST(test_live_cli_bad_flag)
{
	int status = system(CLONECHECK_BIN " --backend=nope 2>/dev/null");

	ck_assert(WIFEXITED(status));
	ck_assert_int_eq(WEXITSTATUS(status), 2);
	status = system(CLONECHECK_BIN " stray-argument 2>/dev/null");
	ck_assert_int_eq(WEXITSTATUS(status), 2);
}
END_TEST

/* The CLI end to end: report on stdout, exit 0 when the kernel conforms. */
START_TEST(test_live_cli_report)
{
	FILE *p = popen(CLONECHECK_BIN, "r");
	char line[256];
	bool verdict = false, backend = false;
	int status;

	ck_assert_ptr_nonnull(p);
	while (fgets(line, sizeof(line), p)) {
		backend |= !strncmp(line, "backend  tracepoint", 19);
		verdict |= !strcmp(line, "verdict  CONFORMS\n");
	}
	status = pclose(p);
	ck_assert(backend);
	ck_assert(verdict);
	ck_assert_int_eq(WEXITSTATUS(status), 0);
}
END_TEST

/* Read all of a command's output (stdout and stderr) into buf; its exit status. */
static int run_cmd(const char *cmd, char *buf, size_t len)
{
	FILE *p = popen(cmd, "r");
	size_t n = 0;
	int status;

	ck_assert_ptr_nonnull(p);
	while (n + 1 < len && fgets(buf + n, (int)(len - n), p))
		n += strlen(buf + n);
	buf[n] = '\0';
	status = pclose(p);
	ck_assert(WIFEXITED(status));
	return WEXITSTATUS(status);
}

/* Forcing a backend this kernel refuses: one clear line, exit 2. */
START_TEST(test_live_forced_backends_fail)
{
	static const char *const forced[] = { "fentry", "kprobe" };
	char cmd[512], out[4096];

	for (size_t i = 0; i < 2; i++) {
		snprintf(cmd, sizeof(cmd), CLONECHECK_BIN " --backend=%s 2>&1", forced[i]);
		ck_assert_int_eq(run_cmd(cmd, out, sizeof(out)), 2);
		snprintf(cmd, sizeof(cmd), "clonecheck: backend %s cannot run on this kernel: ",
			 forced[i]);
		ck_assert_msg(strstr(out, cmd), "no clear error for %s: %s", forced[i], out);
		ck_assert_msg(!strstr(out, "verdict"), "a report was printed: %s", out);
	}
}
END_TEST

/*
 * Least privilege: as nobody with only CAP_BPF, CAP_PERFMON and (for the
 * root-only tracefs) CAP_DAC_READ_SEARCH, given as ambient capabilities,
 * a command is observed and judged; without CAP_BPF, or without the tracefs
 * capability, one clear line and exit 2.
 */
START_TEST(test_live_least_privilege)
{
	static const struct {
		const char *caps, *want;
		int status;
	} runs[] = {
		{ "+bpf,+perfmon,+dac_read_search", "clones   2: 2 pass, 0 mismatch", 0 },
		{ "+perfmon,+dac_read_search",
		  "clonecheck: needs CAP_BPF and CAP_PERFMON, or CAP_SYS_ADMIN, to load BPF programs\n",
		  2 },
		{ "+bpf,+perfmon", "clonecheck: cannot read tracefs at /sys/kernel/tracing: ", 2 },
	};
	char cmd[1024], out[8192];
	int st;

	for (size_t i = 0; i < sizeof(runs) / sizeof(runs[0]); i++) {
		snprintf(cmd, sizeof(cmd),
			 "setpriv --reuid=65534 --regid=65534 --clear-groups "
			 "--inh-caps=-all,%s --ambient-caps=-all,%s " CLONECHECK_BIN
			 " -c 'true | cat' 2>&1",
			 runs[i].caps, runs[i].caps);
		st = run_cmd(cmd, out, sizeof(out));
		ck_assert_msg(st == runs[i].status, "with %s: exit %d, want %d: %s", runs[i].caps,
			      st, runs[i].status, out);
		ck_assert_msg(strstr(out, runs[i].want), "with %s: %s", runs[i].caps, out);
		if (runs[i].status == 2)
			ck_assert_msg(strlen(out) == strlen(runs[i].want) ||
					      strchr(out, '\n') == out + strlen(out) - 1,
				      "more than one line with %s: %s", runs[i].caps, out);
	}
}
END_TEST

/*
 * When no backend loads, the one line keeps libbpf's own reason (here: a
 * --btf file that is not BTF), without -v.
 */
START_TEST(test_live_failure_keeps_libbpf_reason)
{
	const char *btf = "/tmp/clonecheck-live-not-btf";
	char cmd[512], out[4096];
	FILE *f = fopen(btf, "w");

	ck_assert_ptr_nonnull(f);
	fputs("not BTF at all\n", f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), CLONECHECK_BIN " --btf %s -c true 2>&1", btf);
	ck_assert_int_eq(run_cmd(cmd, out, sizeof(out)), 2);
	unlink(btf);
	ck_assert_msg(strstr(out, "clonecheck: backend auto cannot run on this kernel: "),
		      "no clear error: %s", out);
	ck_assert_msg(strstr(out, "(libbpf: "), "libbpf's reason is missing: %s", out);
	ck_assert_msg(!strchr(out, '\n') || strchr(out, '\n') == out + strlen(out) - 1,
		      "more than one line: %s", out);
}
END_TEST

/* -c: a pipeline, a subshell and a background job, every clone judged. */
START_TEST(test_live_command)
{
	struct run_opts o = {
		.mode = RUN_COMMAND,
		.backend = BACKEND_TRACEPOINT,
		.command = "true | cat; (sleep 0.01 & wait); sh -c 'true'",
	};
	struct run cr = {};
	static struct seen cs;	/* too big for the stack; one test per process */
	int err;

	err = run_live(&cr, &o, &(struct session_opts){ .on_verdict = keep, .verdict_ctx = &cs });
	ck_assert_msg(err == 0, "run failed: %s", strerror(-err));
	ck_assert(WIFEXITED(cr.command_status) && WEXITSTATUS(cr.command_status) == 0);
	/* sh forks: true, cat, the subshell, sleep, sh -c (which may exec true) */
	ck_assert_uint_ge(cs.n, 4);
	/* nothing on sched_switch: no first run is offered, none may come (below) */
	ck_assert(!(cr.points & OBS_BIT(OBS_FIRST_RUN)));
	for (size_t i = 0; i < cs.n && i < MAX_VERDICTS; i++) {
		ck_assert_msg(cs.v[i].verdict == VERDICT_PASS, "clone %zu: %s", i,
			      verdict_name(cs.v[i].verdict));
		ck_assert_uint_eq(cs.points[i], cr.points);
	}
	ck_assert_uint_eq(session__info(cr.sess)->lost_total, 0);
	run_free(&cr);
}
END_TEST

/*
 * Records reserved over old ring-buffer bytes: once 1500 clones have wrapped
 * the 4 MiB ring, records must still be clean (a comm's bytes past its NUL
 * once came from an older record: about 400 of 1500 clones failed R-31).
 */
START_TEST(test_live_ring_wraps_clean)
{
	struct run_opts o = {
		.mode = RUN_COMMAND,
		.backend = BACKEND_TRACEPOINT,
		.command = "i=0; while [ $i -lt 1500 ]; do /bin/true; i=$((i+1)); done",
	};
	struct run cr = {};
	int err;

	err = run_live(&cr, &o, NULL);
	ck_assert_msg(err == 0, "run failed: %s", strerror(-err));
	ck_assert_uint_ge(session__tally(cr.sess)->clones, 1500);
	ck_assert_uint_eq(session__info(cr.sess)->lost_total, 0);
	ck_assert_msg(session__tally(cr.sess)->by_verdict[VERDICT_PASS] == session__tally(cr.sess)->clones,
		      "%llu of %llu clones pass",
		      (unsigned long long)session__tally(cr.sess)->by_verdict[VERDICT_PASS],
		      (unsigned long long)session__tally(cr.sess)->clones);
	run_free(&cr);
}
END_TEST

/*
 * A command that fails is still a run; one that makes no clone judges
 * nothing, which is not CONFORMS (exit 1).
 */
START_TEST(test_live_command_status)
{
	char out[16384];	/* the whole report: a shorter read makes it fail with EPIPE */

	ck_assert_int_eq(run_cmd(CLONECHECK_BIN " -c 'exit 3' 2>&1", out, sizeof(out)), 1);
	ck_assert_msg(strstr(out, "workload command: exit 3"), "%s", out);
	ck_assert_msg(strstr(out, "\nverdict  NO CLONE JUDGED\n"), "%s", out);
	ck_assert_int_eq(run_cmd(CLONECHECK_BIN " -c '/bin/true; exit 3' 2>&1", out, sizeof(out)),
			 0);
	ck_assert_msg(strstr(out, "\nverdict  CONFORMS\n"), "%s", out);
}
END_TEST

/* --comm: clones by other names are not observed at all. */
START_TEST(test_live_comm_filter)
{
	struct run_opts o = {
		.mode = RUN_COMMAND,
		.command = "true | cat",
		.comm = "no-such-comm",
	};
	struct run cr = {};
	static struct seen cs;	/* too big for the stack; one test per process */

	ck_assert_int_eq(run_live(&cr, &o, &(struct session_opts){ .on_verdict = keep, .verdict_ctx = &cs }), 0);
	ck_assert_uint_eq(cs.n, 0);
	run_free(&cr);
}
END_TEST

struct bg_run {
	struct run run;
	struct run_opts opts;
	struct seen seen;
	int err;
};

static void *bg_run_main(void *arg)
{
	struct bg_run *b = arg;

	b->err = run_live(&b->run, &b->opts,
			  &(struct session_opts){ .on_verdict = keep, .verdict_ctx = &b->seen });
	return NULL;
}

/* Wait (at most 20 s) for path to exist. */
static bool wait_file(const char *path)
{
	for (int i = 0; i < 2000; i++) {
		if (!access(path, F_OK))
			return true;
		usleep(10000);
	}
	return false;
}

/*
 * watched-pid-reuse: with -c (and -p) the BPF side follows the watched
 * tgids and every tgid their clones make.  A watched process that exits
 * must leave the set: its pid, once reaped, belongs to whoever gets it
 * next.  Here the command's background `sleep` (pid P) exits and is
 * reaped; then this test, which is not watched, makes a process with pid
 * P (clone3 set_tid) that forks once.  That fork is not the command's and
 * must not be judged; the command's own fork is.
 */
START_TEST(test_live_watched_pid_reuse)
{
	char dir[] = "/tmp/cc-reuse-XXXXXX", path[256], cmd[1024];
	struct bg_run *b = calloc(1, sizeof(*b));
	struct clone_args ca = { .exit_signal = SIGCHLD };
	pid_t p = 0, imp;
	pthread_t th;
	FILE *f;
	int fd, status, own = 0;

	ck_assert_ptr_nonnull(b);
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/fifo", dir);
	ck_assert_int_eq(mkfifo(path, 0600), 0);
	snprintf(cmd, sizeof(cmd),
		 "sleep 0.2 & echo $! >%s/pid; wait; : >%s/reaped; read x <%s/fifo", dir, dir,
		 dir);
	b->opts = (struct run_opts){
		.mode = RUN_COMMAND,
		.backend = BACKEND_TRACEPOINT,
		.command = cmd,
	};
	ck_assert_int_eq(pthread_create(&th, NULL, bg_run_main, b), 0);

	snprintf(path, sizeof(path), "%s/reaped", dir);
	ck_assert_msg(wait_file(path), "the command never reaped its sleep");
	snprintf(path, sizeof(path), "%s/pid", dir);
	f = fopen(path, "r");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fscanf(f, "%d", &p), 1);
	fclose(f);
	ck_assert_int_gt(p, 1);

	/* the impostor: pid P, not a descendant of the command; it forks once */
	ca.set_tid = (uintptr_t)&p;
	ca.set_tid_size = 1;
	imp = syscall(SYS_clone3, &ca, sizeof(ca));
	if (imp == 0) {
		pid_t g = syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0);

		if (g == 0)
			_exit(0);
		_exit(g > 0 && waitpid(g, NULL, 0) == g ? 0 : 1);
	}
	ck_assert_msg(imp == p, "clone3 set_tid=%d: %d (%s)", p, imp, strerror(errno));
	ck_assert_int_eq(waitpid(imp, &status, 0), imp);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);

	snprintf(path, sizeof(path), "%s/fifo", dir);
	fd = open(path, O_WRONLY);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, "x\n", 2), 2);
	close(fd);
	ck_assert_int_eq(pthread_join(th, NULL), 0);
	ck_assert_msg(b->err == 0, "run failed: %s", strerror(-b->err));

	for (size_t i = 0; i < b->seen.n && i < MAX_VERDICTS; i++) {
		ck_assert_msg(b->seen.v[i].parent_pid != (uint32_t)p,
			      "a fork by pid %d, which reused the command's dead child's pid, "
			      "was judged as the command's", p);
		own += b->seen.v[i].child_pid == (uint32_t)p;
	}
	ck_assert_msg(own == 1, "the command's own fork of pid %d judged %d times", p, own);
	run_free(&b->run);
	free(b);
	snprintf(path, sizeof(path), "rm -rf %s", dir);
	ck_assert_int_eq(system(path), 0);
}
END_TEST

/*
 * R-04's exception, made to happen: the vfork parent H killed in its wait
 * before its child C has run.  All three on one CPU: H SCHED_FIFO 2 (with
 * SCHED_RESET_ON_FORK, so C is SCHED_NORMAL), the killer K SCHED_FIFO 1.
 * H vforks and blocks in wait_for_vfork_done() (TASK_KILLABLE: 'D'); K,
 * which outranks C, sees that and sends SIGKILL; H (outranking K) returns
 * from kernel_clone() and passes its sys_exit with SIGKILL pending; only
 * then, K gone, does C first run.  Exit status: 0 never (H is killed);
 * 2..5 a setup step failed (the test reports it).
 */
int live_vfork_killed_helper(void)
{
	struct sched_param fifo1 = { .sched_priority = 1 }, fifo2 = { .sched_priority = 2 };
	int cpu = sched_getcpu(), go[2], ready[2];
	pid_t h = getpid(), k, c;
	cpu_set_t set;
	char b;

	CPU_ZERO(&set);
	CPU_SET(cpu < 0 ? 0 : cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set) || pipe(go) || pipe(ready))
		return 2;
	k = fork();
	if (k < 0)
		return 3;
	if (k == 0) {
		char path[64], st[256], *p;

		/* FIFO before H goes on: C must never outrank K */
		if (sched_setscheduler(0, SCHED_FIFO, &fifo1) || write(ready[1], "r", 1) != 1 ||
		    read(go[0], &b, 1) != 1)
			_exit(1);
		snprintf(path, sizeof(path), "/proc/%d/stat", h);
		for (int i = 0; i < 200000; i++) {	/* H is blocked at once; bounded */
			FILE *f = fopen(path, "r");
			size_t n = f ? fread(st, 1, sizeof(st) - 1, f) : 0;

			if (f)
				fclose(f);
			st[n] = 0;
			p = strrchr(st, ')');
			if (p && p[1] == ' ' && p[2] == 'D') {
				kill(h, SIGKILL);
				_exit(0);
			}
		}
		_exit(1);
	}
	if (read(ready[0], &b, 1) != 1 ||
	    sched_setscheduler(0, SCHED_FIFO | SCHED_RESET_ON_FORK, &fifo2))
		return 4;
	if (write(go[1], "x", 1) != 1)
		return 5;
	c = vfork();
	if (c == 0)
		_exit(0);
	/* not reached unless the wait ended without the kill */
	return 6;
}

/*
 * a vfork parent killed during its wait returns before its child
 * first does (the helper above).  Judged allowed (SIGKILL pending at the
 * parent's exit), not a mismatch and not a decided pass.
 */
START_TEST(test_live_vfork_parent_killed)
{
	char self[512], cmd[640];
	struct run_opts o = { .mode = RUN_COMMAND, .backend = BACKEND_TRACEPOINT };
	struct run cr = {};
	struct seen *cs = calloc(1, sizeof(*cs));
	const struct clone_verdict *v = NULL;
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	bool r04 = false;

	ck_assert_ptr_nonnull(cs);
	ck_assert_int_gt(n, 0);
	self[n] = 0;
	snprintf(cmd, sizeof(cmd), "CC_VFORK_KILLED=1 exec '%s'", self);
	o.command = cmd;
	ck_assert_int_eq(run_live(&cr, &o, &(struct session_opts){ .on_verdict = keep,
								    .verdict_ctx = cs }), 0);
	ck_assert_msg(WIFSIGNALED(cr.command_status) && WTERMSIG(cr.command_status) == SIGKILL,
		      "the helper was not killed in its vfork wait: status %#x",
		      cr.command_status);
	for (size_t i = 0; i < cs->n && i < MAX_VERDICTS; i++)
		if (cs->v[i].entry == OBS_ENTRY_VFORK) {
			ck_assert_ptr_null(v);	/* the helper's one vfork */
			v = &cs->v[i];
		}
	ck_assert_ptr_nonnull(v);
	ck_assert_msg(v->verdict == VERDICT_PASS, "vfork judged %s", verdict_name(v->verdict));
	ck_assert_msg(v->allowed, "the child returned first: the kill did not come first");
	for (size_t i = 0; i < v->n_checks; i++)
		if (v->checks[i].kind == CHECK_ORDER && !strcmp(v->checks[i].rule, "R-04")) {
			ck_assert(v->checks[i].ok && v->checks[i].allowed);
			ck_assert_int_gt(v->checks[i].expected, v->checks[i].observed);
			r04 = true;
		}
	ck_assert(r04);
	run_free(&cr);
	free(cs);
}
END_TEST

Suite *live_suite(void)
{
	Suite *s = suite_create("live");
	TCase *wl = tcase_create("Workload");
	TCase *cli = tcase_create("CLI");
	TCase *vk = tcase_create("VforkKilled");	/* CK_RUN_CASE=VforkKilled */

	tcase_add_checked_fixture(wl, live_setup, live_teardown);
	tcase_set_timeout(wl, 120);
	tcase_add_test(wl, test_live_bpf_loads);
	tcase_add_test(wl, test_live_nothing_lost);
	tcase_add_test(wl, test_live_every_case_observed);
	tcase_add_test(wl, test_live_failures_judged_by_rule);
	tcase_add_test(wl, test_live_zero_mismatches);
	tcase_add_test(wl, test_live_threads_seen);
	tcase_set_timeout(cli, 120);
	tcase_add_test(cli, test_live_needs_root);
	tcase_add_test(cli, test_live_least_privilege);
	tcase_add_test(cli, test_live_cli_bad_flag);
	tcase_add_test(cli, test_live_cli_report);
	tcase_add_test(cli, test_live_forced_backends_fail);
	tcase_add_test(cli, test_live_failure_keeps_libbpf_reason);
	tcase_add_test(cli, test_live_command);
	tcase_add_test(cli, test_live_command_status);
	tcase_add_test(cli, test_live_ring_wraps_clean);
	tcase_add_test(cli, test_live_comm_filter);
	tcase_add_test(cli, test_live_watched_pid_reuse);
	suite_add_tcase(s, wl);
	tcase_set_timeout(vk, 60);
	tcase_add_test(vk, test_live_vfork_parent_killed);
	suite_add_tcase(s, cli);
	suite_add_tcase(s, vk);
	return s;
}
