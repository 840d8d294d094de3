// SPDX-License-Identifier: GPL-2.0
/*
 * live_clone.c - the built-in workload under the real BPF side on the running
 * kernel.  Needs root and BTF; when BPF cannot be loaded the tests FAIL.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "run.h"
#include "tests.h"

#define MAX_VERDICTS 512

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

static const struct clone_verdict *by_child(pid_t child, uint32_t *points)
{
	for (size_t i = 0; i < seen.n && i < MAX_VERDICTS; i++)
		if (seen.v[i].child_pid == (uint32_t)child) {
			*points = seen.points[i];
			return &seen.v[i];
		}
	return NULL;
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

	ck_assert_int_eq(run_err, 0);
	for (size_t i = 0; i < n; i++) {
		const struct wl_result *res = &r.results[i];
		const struct clone_verdict *v;
		uint32_t points = 0;

		if (res->skipped)	/* an injection this kernel refuses (live_workload.c) */
			continue;
		ck_assert_msg(res->done, "case %s did not run", c[i].name);
		if (res->signaled)	/* killed in its call (SIGKILL injected: live_workload.c) */
			continue;
		if (c[i].expect_err) {
			ck_assert_msg(res->ret == -c[i].expect_err, "case %s returned %ld",
				      c[i].name, res->ret);
			continue;
		}
		ck_assert_msg(res->ret >= 0, "case %s failed: %ld", c[i].name, res->ret);
		if (!res->child)
			continue; /* pthread_create: matched below */
		v = by_child(res->child, &points);
		ck_assert_msg(v, "case %s: child %d never observed", c[i].name, res->child);
		ck_assert_msg(v->verdict == VERDICT_PASS, "case %s: %s", c[i].name,
			      verdict_name(v->verdict));
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

	ck_assert_int_eq(run_err, 0);
	for (size_t i = 0; i < n; i++) {
		bool found = false;

		if (!c[i].expect_err || r.results[i].skipped)
			continue;
		for (size_t j = 0; j < seen.n && j < MAX_VERDICTS && !found; j++) {
			const struct clone_verdict *v = &seen.v[j];

			found = v->ret_seen && v->ret == -c[i].expect_err && v->n_checks &&
				v->checks[0].kind == CHECK_RET &&
				!strcmp(v->checks[0].rule, c[i].rule) &&
				v->verdict == VERDICT_PASS;
		}
		ck_assert_msg(found, "case %s: no passing verdict by %s", c[i].name, c[i].rule);
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

/* Without root: one clear error, -EPERM, nothing loaded. */
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

/* -c: a pipeline, a subshell and a background job, every clone judged. */
START_TEST(test_live_command)
{
	struct run_opts o = {
		.mode = RUN_COMMAND,
		.backend = BACKEND_TRACEPOINT,
		.command = "true | cat; (sleep 0.01 & wait); sh -c 'true'",
	};
	struct run cr = {};
	struct seen cs = {};
	int err;

	err = run_live(&cr, &o, &(struct session_opts){ .on_verdict = keep, .verdict_ctx = &cs });
	ck_assert_msg(err == 0, "run failed: %s", strerror(-err));
	ck_assert(WIFEXITED(cr.command_status) && WEXITSTATUS(cr.command_status) == 0);
	/* sh forks: true, cat, the subshell, sleep, sh -c (which may exec true) */
	ck_assert_uint_ge(cs.n, 4);
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
	struct seen cs = {};

	ck_assert_int_eq(run_live(&cr, &o, &(struct session_opts){ .on_verdict = keep, .verdict_ctx = &cs }), 0);
	ck_assert_uint_eq(cs.n, 0);
	run_free(&cr);
}
END_TEST

Suite *live_suite(void)
{
	Suite *s = suite_create("live");
	TCase *wl = tcase_create("Workload");
	TCase *cli = tcase_create("CLI");

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
	tcase_add_test(cli, test_live_cli_bad_flag);
	tcase_add_test(cli, test_live_cli_report);
	tcase_add_test(cli, test_live_forced_backends_fail);
	tcase_add_test(cli, test_live_command);
	tcase_add_test(cli, test_live_command_status);
	tcase_add_test(cli, test_live_ring_wraps_clean);
	tcase_add_test(cli, test_live_comm_filter);
	suite_add_tcase(s, wl);
	suite_add_tcase(s, cli);
	return s;
}
