// SPDX-License-Identifier: GPL-2.0
/*
 * live_workload.c - every case of the built-in workload, judged on
 * the running kernel.  One observed run (an unchecked fixture: it runs once,
 * in the runner) serves the "Cases" tests.  For each case: the clones
 * labelled with its name, the return value or errno it claims, its rule
 * among the checks, the state it claims to reach, and nothing left behind.
 * The "Process" tests (issues 12 and 15): the workload on a second thread
 * touches nothing process-wide, helpers die with their parent, and a run
 * killed with SIGKILL leaves nothing the next run does not remove.  Needs
 * root and BTF; fails if BPF cannot load.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "run.h"
#include "tests.h"
#include "wl_cgroup.h"
#include "wl_helper.h"
#include "wl_inject.h"
#include "wl_kmade.h"
#include "wl_sysctl.h"
#include "inject_plan.h"
#include "wl_sys.h"

#define WL_MAX_VERDICTS 2048	/* the full pid ns cases make 300 threads each */

struct wl_seen {
	size_t n;
	struct clone_verdict v[WL_MAX_VERDICTS];
	uint32_t parent_tgid[WL_MAX_VERDICTS];	/* the calling thread's process */
};

/* What the process looked like before and after a run (leftovers). */
struct wl_state {
	int policy;
	int nice;
	int ioprio;
	cpu_set_t affinity;
	sigset_t blocked;
	sigset_t pending;
	struct rlimit rlim[RLIM_NLIMITS];
	struct sigaction action[NSIG];	/* every disposition */
	mode_t umask;
	char cwd[PATH_MAX];
	int n_children;		/* waitable children (any exit signal) */
	int n_cgroups;		/* clonecheck-wl-<pid>-* directories */
	int n_fds;		/* open descriptors */
	int n_threads;
	int n_mounts;		/* lines of /proc/self/mountinfo */
};

static struct run wr;
static struct wl_seen *ws;
static int wl_err;
static pid_t wl_pid;		/* the process that ran the workload */
static struct wl_state before, after;

static void wl_keep(void *ctx, const struct clone_obs *co, const struct clone_verdict *v)
{
	struct wl_seen *s = ctx;

	if (s->n < WL_MAX_VERDICTS) {
		s->v[s->n] = *v;
		s->parent_tgid[s->n] = (co->seen & OBS_BIT(OBS_SYS_ENTER)) ? co->enter.parent.tgid : 0;
	}
	s->n++;
}

static int count_cgroups(const char *root)
{
	char prefix[64];
	struct dirent *d;
	DIR *dir = opendir(root);
	int n = 0;

	if (!dir)
		return 0;
	snprintf(prefix, sizeof(prefix), WL_CG_PREFIX "%d-", (int)getpid());
	while ((d = readdir(dir)))
		n += !strncmp(d->d_name, prefix, strlen(prefix));
	closedir(dir);
	return n;
}

static int count_entries(const char *dir_path)
{
	DIR *dir = opendir(dir_path);
	int n = 0;

	while (dir && readdir(dir))
		n++;
	if (dir)
		closedir(dir);
	return n;
}

static int count_lines(const char *path)
{
	FILE *f = fopen(path, "re");
	char line[4096];
	int n = 0;

	while (f && fgets(line, sizeof(line), f))
		n++;
	if (f)
		fclose(f);
	return n;
}

static int status_threads(void)
{
	FILE *f = fopen("/proc/self/status", "re");
	char line[256];
	int n = -1;

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "Threads: %d", &n) == 1)
			break;
	if (f)
		fclose(f);
	return n;
}

static void snapshot(struct wl_state *s)
{
	siginfo_t si;

	memset(s, 0, sizeof(*s));
	s->policy = sched_getscheduler(0);
	errno = 0;
	s->nice = getpriority(PRIO_PROCESS, 0);
	s->ioprio = (int)syscall(SYS_ioprio_get, 1 /* IOPRIO_WHO_PROCESS */, 0);
	sched_getaffinity(0, sizeof(s->affinity), &s->affinity);
	sigprocmask(SIG_BLOCK, NULL, &s->blocked);
	sigpending(&s->pending);
	for (int r = 0; r < RLIM_NLIMITS; r++)
		getrlimit(r, &s->rlim[r]);
	for (int sig = 1; sig < NSIG; sig++)
		sigaction(sig, NULL, &s->action[sig]);
	s->umask = umask(022);
	umask(s->umask);
	if (!getcwd(s->cwd, sizeof(s->cwd)))
		s->cwd[0] = '\0';
	memset(&si, 0, sizeof(si));
	s->n_children = waitid(P_ALL, 0, &si, WEXITED | WNOHANG | WNOWAIT | __WALL) == 0 ||
			errno != ECHILD;
	s->n_cgroups = count_cgroups("/sys/fs/cgroup/unified") +
		       count_cgroups("/sys/fs/cgroup/pids");
	s->n_fds = count_entries("/proc/self/fd");
	s->n_threads = status_threads();
	s->n_mounts = count_lines("/proc/self/mountinfo");
}

/* What a run must leave as it found it (fds and threads: see the callers). */
static void assert_same_state(const struct wl_state *b, const struct wl_state *a)
{
	ck_assert_int_eq(a->policy, b->policy);
	ck_assert_int_eq(a->nice, b->nice);
	ck_assert_int_eq(a->ioprio, b->ioprio);
	ck_assert(CPU_EQUAL(&a->affinity, &b->affinity));
	ck_assert(!memcmp(&a->blocked, &b->blocked, sizeof(sigset_t)));
	ck_assert(!memcmp(&a->pending, &b->pending, sizeof(sigset_t)));
	for (int r = 0; r < RLIM_NLIMITS; r++) {
		ck_assert_msg(a->rlim[r].rlim_cur == b->rlim[r].rlim_cur &&
			      a->rlim[r].rlim_max == b->rlim[r].rlim_max, "rlimit %d changed", r);
	}
	for (int sig = 1; sig < NSIG; sig++)
		ck_assert_msg(a->action[sig].sa_handler == b->action[sig].sa_handler &&
			      a->action[sig].sa_flags == b->action[sig].sa_flags,
			      "disposition of signal %d changed", sig);
	ck_assert_int_eq(a->umask, b->umask);
	ck_assert_str_eq(a->cwd, b->cwd);
	ck_assert_int_eq(a->n_children, b->n_children);
	ck_assert_int_eq(a->n_cgroups, 0);
	ck_assert_int_eq(a->n_mounts, b->n_mounts);
}

static void wl_setup(void)
{
	memset(&wr, 0, sizeof(wr));
	ws = calloc(1, sizeof(*ws));
	if (!ws)
		abort();
	wl_pid = getpid();
	snapshot(&before);
	wl_err = run_workload(&wr, wl_keep, ws);
	snapshot(&after);
}

static void wl_teardown(void)
{
	run_free(&wr);
	free(ws);
	ws = NULL;
}

static size_t n_kept(void)
{
	return ws->n < WL_MAX_VERDICTS ? ws->n : WL_MAX_VERDICTS;
}

static bool has_check(const struct clone_verdict *v, const char *rule, enum check_kind kind)
{
	for (size_t i = 0; i < v->n_checks; i++)
		if (v->checks[i].kind == kind && v->checks[i].ok &&
		    !strcmp(v->checks[i].rule, rule))
			return true;
	return false;
}

static bool has_rule(const struct clone_verdict *v, const char *rule)
{
	return has_check(v, rule, CHECK_FIELD) || has_check(v, rule, CHECK_RET);
}

/* kernel.io_uring_disabled = 2: the only reason an io_uring case may skip */
static bool io_uring_disabled(void)
{
	FILE *f = fopen("/proc/sys/kernel/io_uring_disabled", "re");
	int v = 0;

	if (f && fscanf(f, "%d", &v) != 1)
		v = 0;
	if (f)
		fclose(f);
	return v == 2;
}

/* No vhost-net device here (the host kernel has no CONFIG_VHOST_NET, or the module is not loaded). */
static bool vhost_net_absent(void)
{
	return access("/dev/vhost-net", R_OK | W_OK) != 0;
}

START_TEST(test_wl_ran)
{
	size_t n;
	const struct wl_case *c = workload_cases(&n);

	ck_assert_msg(wl_err == 0, "workload run failed: %s", strerror(-wl_err));
	ck_assert_uint_gt(n, 8);
	for (size_t i = 0; i < n; i++) {
		/*
		 * only an injection this kernel refuses, or a capability the
		 * bounding set lacks, may be skipped, and says why
		 */
		/* the cases that write a global sysctl never run without --disruptive */
		if (c[i].setup.fn == wl_setup_sysctl)
			ck_assert_msg(wr.results[i].skipped && !wr.results[i].done &&
				      wl_sysctl_skip(c[i].setup.a),
				      "case %s ran without --disruptive", c[i].name);
		if (wr.results[i].skipped) {
			ck_assert_msg(c[i].setup.fn == wl_setup_sysctl ||
				      (c[i].setup.fn == wl_setup_inject &&
				       c[i].setup.a != MODEL_INJ_SIGNAL_GATE) ||
				      (c[i].kmade && io_uring_disabled()) ||
				      (c[i].fn == wl_kmade_vhost && vhost_net_absent()) ||
				      (c[i].setup.fn == wl_setup_nproc_uid &&
				       wl_cap_unavailable(c[i].setup.b)) ||
				      (c[i].setup.fn == wl_setup_pidns_full &&
				       wl_pidns_pid_max_unavailable()) ||
				      (c[i].setup.fn == wl_setup_uclamp && wl_uclamp_unavailable()) ||
				      (c[i].setup.fn == wl_setup_into_cgroup &&
				       c[i].setup.a == WL_CG_CPUSET && wl_cg_cpuset_unavailable()),
				      "case %s skipped: %s", c[i].name, wr.results[i].skipped);
			ck_assert(!wr.results[i].done);
			continue;
		}
		ck_assert_msg(wr.results[i].done, "case %s did not run", c[i].name);
	}
	ck_assert_msg(ws->n <= WL_MAX_VERDICTS, "%zu verdicts, room for %d", ws->n,
		      WL_MAX_VERDICTS);
}
END_TEST

/*
 * Case names are unique, each has a rule and a description, and says what it
 * does in one way only: a body of its own, or a declared call (with, maybe,
 * a setup and a helper).
 */
START_TEST(test_wl_table)
{
	size_t n;
	const struct wl_case *c = workload_cases(&n);

	ck_assert_uint_ge(n, 113);
	for (size_t i = 0; i < n; i++) {
		bool declared = c[i].call.entry >= WL_CLONE && c[i].call.entry <= WL_FORK;

		ck_assert_msg(!c[i].fn != !declared, "case %s: a body or a call, one of them",
			      c[i].name);
		ck_assert_msg(!c[i].fn || (!c[i].helper && !c[i].setup.fn),
			      "case %s: a body with a setup or helper", c[i].name);
		ck_assert_msg(c[i].rule && c[i].rule[0] && c[i].desc && c[i].desc[0],
			      "case %s", c[i].name);
		for (size_t j = 0; j < i; j++)
			ck_assert_msg(strcmp(c[i].name, c[j].name), "duplicate %s", c[i].name);
		/* a case for newer kernels says what older ones give instead */
		if (c[i].since) {
			struct wl_expect old = wl_case_expected(&c[i], c[i].since - 1);
			struct wl_expect now = wl_case_expected(&c[i], c[i].since);

			ck_assert_msg(c[i].before_rule && c[i].before_rule[0], "case %s", c[i].name);
			ck_assert_int_eq(old.err, c[i].before_err);
			ck_assert_str_eq(old.rule, c[i].before_rule);
			ck_assert_int_eq(now.err, c[i].expect_err);
			ck_assert_str_eq(now.rule, c[i].rule);
		} else {
			ck_assert_msg(!c[i].before_rule && !c[i].before_err, "case %s", c[i].name);
		}
	}
}
END_TEST

/* The rule a case is judged by, on this kernel. */
static struct wl_expect case_expected(const struct wl_case *c)
{
	return wl_case_expected(c, wl_kernel_version());
}

/*
 * For every case: the call returned what the case claims, and a passing
 * verdict labelled with the case's name shows the same return value (and
 * child) with the case's rule among its checks.
 */
START_TEST(test_wl_each_case)
{
	size_t n;
	const struct wl_case *c = workload_cases(&n);

	ck_assert_int_eq(wl_err, 0);
	for (size_t i = 0; i < n; i++) {
		const struct wl_result *res = &wr.results[i];
		/* the signal gate's injected clone fails ERESTARTNOINTR; its restart succeeds */
		const bool gate = c[i].setup.fn == wl_setup_inject &&
				  c[i].setup.a == MODEL_INJ_SIGNAL_GATE;
		struct wl_expect e = case_expected(&c[i]);
		size_t labelled = 0;
		bool found = false, restarted = false;

		if (res->skipped)
			continue;

		for (size_t j = 0; j < n_kept(); j++) {
			const struct clone_verdict *v = &ws->v[j];

			if (!v->label || strcmp(v->label, c[i].name))
				continue;
			labelled++;
			ck_assert_msg(v->verdict == VERDICT_PASS, "case %s: a %s verdict",
				      c[i].name, verdict_name(v->verdict));
			if (gate && v->ret_seen && v->child_pid == (uint32_t)res->child &&
			    v->ret == res->ret)
				restarted = true;
			/* a kernel-made clone: no syscall, so no return value */
			if (c[i].kmade) {
				found |= v->child_pid == (uint32_t)res->child && has_rule(v, e.rule);
				continue;
			}
			if (!v->ret_seen || !has_rule(v, e.rule))
				continue;
			if (gate)
				found |= v->ret == -513 && !v->child_pid &&	/* ERESTARTNOINTR */
					 has_check(v, e.rule, CHECK_RET);
			else if (e.err)
				found |= v->ret == -e.err && !v->child_pid &&
					 has_check(v, e.rule, CHECK_RET);
			else if (res->child)	/* ret: the tid in the caller's pid ns */
				found |= v->child_pid == (uint32_t)res->child &&
					 v->ret == res->ret;
			else	/* pthread_create: glibc gives no tid */
				found |= v->ret > 0 && v->entry == OBS_ENTRY_CLONE3;
		}
		if (getenv("WL_DEBUG"))
			for (size_t j = 0; j < n_kept(); j++)
				if (ws->v[j].label && !strcmp(ws->v[j].label, c[i].name))
					for (size_t k = 0; k < ws->v[j].n_checks; k++)
						fprintf(stderr, "%s ret %ld check %s kind %d ok %d\n",
							c[i].name, (long)ws->v[j].ret,
							ws->v[j].checks[k].rule, ws->v[j].checks[k].kind,
							ws->v[j].checks[k].ok);
		if (res->signaled)	/* killed in its call: only SIGKILL injected late */
			ck_assert_msg(res->signaled == SIGKILL && c[i].setup.fn == wl_setup_inject &&
				      (c[i].setup.a == MODEL_INJ_SIGKILL_LATE ||
				       c[i].setup.a == MODEL_INJ_SIGKILL_SLAB),
				      "case %s: helper killed by signal %d", c[i].name, res->signaled);
		else if (e.err)
			ck_assert_msg(res->ret == -e.err, "case %s returned %ld, not -%d",
				      c[i].name, res->ret, e.err);
		else
			ck_assert_msg(res->ret >= 0, "case %s failed: %ld", c[i].name, res->ret);

		ck_assert_msg(!gate || restarted, "case %s: the restarted clone was not judged",
			      c[i].name);
		ck_assert_msg(labelled, "case %s: no clone carries its label", c[i].name);
		ck_assert_msg(found, "case %s: no passing verdict with ret %ld checked by %s",
			      c[i].name, res->ret, e.rule);
	}
}
END_TEST

/* Every clone of the run belongs to a case, and all of them conform. */
START_TEST(test_wl_zero_mismatches)
{
	const struct tally *t = session__tally(wr.sess);

	ck_assert_int_eq(wl_err, 0);
	ck_assert_uint_eq(t->clones, ws->n);
	ck_assert_uint_eq(t->by_verdict[VERDICT_MISMATCH], 0);
	ck_assert_uint_eq(t->by_verdict[VERDICT_INCOMPLETE], 0);
	ck_assert_uint_eq(t->by_verdict[VERDICT_UNJUDGED], 0);
	ck_assert_uint_eq(session__info(wr.sess)->lost_total, 0);
	ck_assert_uint_eq(session__info(wr.sess)->undecodable, 0);
	ck_assert_uint_eq(session__info(wr.sess)->untracked, 0);
	for (size_t j = 0; j < n_kept(); j++)
		ck_assert_msg(ws->v[j].label, "clone %u->%u (ret %ld) has no case",
			      ws->v[j].parent_pid, ws->v[j].child_pid, (long)ws->v[j].ret);
	ck_assert_int_eq(report_exit_status(session__info(wr.sess), t), 0);
}
END_TEST

/*
 * Clones made by a case's helper processes are labelled with the case: the
 * run's fork of the helper, and each clone the helpers make (a tracee and
 * its child; the chain of pid namespaces down to the caller).
 */
START_TEST(test_wl_helper_clones_labelled)
{
	static const struct {
		const char *name;
		size_t by_helpers;	/* clones made below the run's own fork */
	} helper_cases[] = {
		{ "sched_fifo", 1 }, { "sched_deadline_reset", 1 }, { "rlimit_nproc", 1 },
		{ "clone_parent", 1 }, { "nobody_newns", 1 }, { "parent_from_ns_init", 2 },
		{ "ptrace_o_tracefork", 2 }, { "pidns_level_33", 33 },
	};
	size_t n;
	const struct wl_case *c = workload_cases(&n);

	ck_assert_int_eq(wl_err, 0);
	for (size_t k = 0; k < ARRAY_SIZE(helper_cases); k++) {
		size_t by_run = 0, by_helper = 0;
		bool known = false;

		for (size_t i = 0; i < n; i++)
			known |= !strcmp(c[i].name, helper_cases[k].name);
		ck_assert_msg(known, "no case %s", helper_cases[k].name);
		for (size_t j = 0; j < n_kept(); j++) {
			const struct clone_verdict *v = &ws->v[j];

			if (!v->label || strcmp(v->label, helper_cases[k].name))
				continue;
			/* the run's own thread (a worker of this process) made it */
			if (ws->parent_tgid[j] == (uint32_t)wl_pid)
				by_run++;
			else
				by_helper++;
		}
		ck_assert_msg(by_run == 1 && by_helper == helper_cases[k].by_helpers,
			      "case %s: %zu by the run, %zu by its helpers", helper_cases[k].name,
			      by_run, by_helper);
	}
}
END_TEST

/*
 * The rules the workload exists to reach on this kernel, each exercised (a
 * decided check, or for O- rules a required point observed); and the
 * errnos it provokes that the model can only allow, each counted as
 * allowed, never as a pass.
 */
START_TEST(test_wl_rules_exercised)
{
	static const char *const rules[] = {
		"V-04", "V-05", "V-10", "V-11", "V-12", "V-13", "V-14", "V-15", "V-17",
		"V-20", "V-22", "V-23", "V-27", "V-34", "V-36", "V-37", "V-38", "V-40",
		"V-41", "V-42", "V-43", "R-02", "R-04", "R-08", "R-09", "R-10", "R-11", "R-12",
		"R-13", "R-20", "R-21", "R-22", "R-23", "R-24", "R-25", "R-33", "R-34", "R-35", "R-36", "R-37",
		"R-38", "R-39", "R-40", "R-42", "R-44", "S-02", "S-04", "S-06", "S-08", "S-10",
		"O-01", "O-02", "O-03", "O-04", "O-05", "O-06",
	};
	/* from 6.14, where a pid ns has its own pid_max to fill */
	static const char *const rules_614[] = { "V-39" };
	/* with CONFIG_UCLAMP_TASK: uclamp_fork(), uclamp_post_fork() */
	static const char *const rules_uclamp[] = { "S-03", "S-09" };
	/* pidns_foreign_newpid: V-34's EINVAL, the user ns owner test not read */
	static const char *const allowed[] = { "V-34" };
	const struct tally *t = session__tally(wr.sess);

	ck_assert_int_eq(wl_err, 0);
	for (size_t k = 0; k < ARRAY_SIZE(rules); k++) {
		bool ok = false;

		for (size_t i = 0; i < t->n_rules; i++)
			ok |= !strcmp(t->rules[i].rule, rules[k]) &&
			      rule_tally_exercised(&t->rules[i]) && !t->rules[i].failed;
		ck_assert_msg(ok, "rule %s not exercised (or failing)", rules[k]);
	}
	for (size_t k = 0; k < ARRAY_SIZE(rules_614) && !wl_pidns_pid_max_unavailable(); k++) {
		const struct rule_tally *r = tally_find(t, rules_614[k]);

		ck_assert_msg(r && rule_tally_exercised(r) && !r->failed,
			      "rule %s not exercised (or failing)", rules_614[k]);
	}
	for (size_t k = 0; k < ARRAY_SIZE(rules_uclamp) && !wl_uclamp_unavailable(); k++) {
		const struct rule_tally *r = tally_find(t, rules_uclamp[k]);

		ck_assert_msg(r && rule_tally_exercised(r) && !r->failed,
			      "rule %s not exercised (or failing)", rules_uclamp[k]);
	}
	for (size_t k = 0; k < sizeof(allowed) / sizeof(allowed[0]); k++) {
		const struct rule_tally *r = tally_find(t, allowed[k]);

		ck_assert_msg(r && r->allowed && !r->failed, "rule %s: nothing allowed",
			      allowed[k]);
	}
}
END_TEST

/* The check of field by rule on the child the case made, or NULL. */
static const struct diff_check *child_check(const char *name, const char *rule,
					    enum model_field field)
{
	size_t n;
	const struct wl_case *c = workload_cases(&n);

	for (size_t i = 0; i < n; i++) {
		if (strcmp(c[i].name, name))
			continue;
		for (size_t j = 0; j < n_kept(); j++) {
			const struct clone_verdict *v = &ws->v[j];

			if (!wr.results[i].child || v->child_pid != (uint32_t)wr.results[i].child)
				continue;
			for (size_t k = 0; k < v->n_checks; k++)
				if (v->checks[k].kind == CHECK_FIELD &&
				    v->checks[k].field == field && !strcmp(v->checks[k].rule, rule))
					return &v->checks[k];
		}
	}
	return NULL;
}

/* A SCHED_DEADLINE parent fails, its reset-on-fork twin gives a NORMAL child. */
START_TEST(test_wl_sched_outcomes)
{
	static const char *const reset[] = { "sched_deadline_reset", "sched_fifo_reset" };

	ck_assert_int_eq(wl_err, 0);
	for (size_t k = 0; k < ARRAY_SIZE(reset); k++) {
		const struct diff_check *ch = child_check(reset[k], "S-04", MODEL_FIELD_POLICY);

		ck_assert_msg(ch, "case %s: no S-04 policy check", reset[k]);
		ck_assert_int_eq(ch->observed, SCHED_OTHER);
	}
}
END_TEST

/*
 * Each case of the discriminating kinds reached the state it is about, as BPF saw
 * it on the child, whatever the model predicted: traced or not, a new cred
 * because of a thread keyring, an io priority, a pid ns level, a boundary
 * TLS or stack.  A setup that silently did nothing fails here.
 */
START_TEST(test_wl_states_reached)
{
	enum how { EQ, NONZERO, OP_NEW };
	const int64_t tls_max = (int64_t)wl_task_size_max();
	const struct {
		const char *name;
		const char *rule;
		enum model_field field;
		enum how how;
		int64_t value;
	} want[] = {
		{ "ptrace_o_tracefork", "R-40", MODEL_FIELD_PTRACE, NONZERO, 0 },
		{ "ptrace_o_traceclone", "R-40", MODEL_FIELD_PTRACE, NONZERO, 0 },
		{ "ptrace_o_tracevfork", "R-40", MODEL_FIELD_PTRACE, NONZERO, 0 },
		{ "ptrace_attach_tracefork", "R-40", MODEL_FIELD_PENDING, EQ, 1 << (SIGSTOP - 1) },
		{ "ptrace_fork_event_off", "R-40", MODEL_FIELD_PTRACE, EQ, 0 },
		{ "ptrace_untraced", "R-40", MODEL_FIELD_PTRACE, EQ, 0 },
		{ "ptrace_clone_ptrace", "R-40", MODEL_FIELD_PTRACE, NONZERO, 0 },
		{ "ptrace_thread_sigchld", "R-40", MODEL_FIELD_PTRACE, NONZERO, 0 },
		{ "ptrace_clone3_thread", "R-40", MODEL_FIELD_PTRACE, NONZERO, 0 },
		{ "keyring_thread", "R-22", MODEL_FIELD_CRED, OP_NEW, 0 },
		{ "keyring_fork", "R-22", MODEL_FIELD_CRED, OP_NEW, 0 },
		{ "ioprio_rt", "R-11", MODEL_FIELD_IOPRIO, EQ, 1 << 13 },
		{ "ioprio_idle", "R-11", MODEL_FIELD_IOPRIO, EQ, (3 << 13) | 7 },
		{ "ioprio_thread", "R-11", MODEL_FIELD_IOPRIO, EQ, (2 << 13) | 4 },
		{ "ioprio_none_fork", "R-11", MODEL_FIELD_IO_CONTEXT, EQ, 0 },
		{ "ioprio_none_clone_io", "R-11", MODEL_FIELD_IO_CONTEXT, NONZERO, 0 },
		{ "pidns_nested_fork", "R-20", MODEL_FIELD_NS_LEVEL, EQ, 1 },
		{ "pidns_nested_newpid", "R-21", MODEL_FIELD_NS_LEVEL, EQ, 2 },
		{ "pidns_level_32", "R-21", MODEL_FIELD_NS_LEVEL, EQ, 32 },
		{ "set_tid_nested_newpid", "R-21", MODEL_FIELD_NS_LEVEL, EQ, 2 },
#if defined(__x86_64__)
		{ "settls_limit_m1", "R-35", MODEL_FIELD_USER_TLS, EQ, tls_max - 1 },
		{ "clone3_settls_limit_m1", "R-35", MODEL_FIELD_USER_TLS, EQ, tls_max - 1 },
		{ "clone3_stack_at_limit", "R-35", MODEL_FIELD_UREGS_SP, EQ, WL_TASK_SIZE_MAX_4L },
#endif
	};

	ck_assert_int_eq(wl_err, 0);
	for (size_t k = 0; k < ARRAY_SIZE(want); k++) {
		const struct diff_check *ch = child_check(want[k].name, want[k].rule, want[k].field);

		ck_assert_msg(ch, "case %s: no %s check of field %d", want[k].name, want[k].rule,
			      want[k].field);
		if (want[k].how == EQ)
			ck_assert_msg(ch->observed == want[k].value, "case %s: observed %#llx",
				      want[k].name, (unsigned long long)ch->observed);
		else if (want[k].how == NONZERO)
			ck_assert_msg(ch->observed != 0, "case %s: observed 0", want[k].name);
		else
			ck_assert_msg(ch->op == MODEL_OP_NEW, "case %s: op %d", want[k].name, ch->op);
	}
#if defined(__x86_64__)
	/* the boundary the TLS cases took is the one the model was given */
	ck_assert_uint_eq((uint64_t)tls_max, session__profile(wr.sess)->task_size_max);
#endif
}
END_TEST

/* Nothing of the workload stays with the process that ran it. */
START_TEST(test_wl_no_leftovers)
{
	ck_assert_int_eq(wl_err, 0);
	assert_same_state(&before, &after);
}
END_TEST

static void *worker(void *res)
{
	return (void *)(intptr_t)workload_run(res);
}

/*
 * Issue 15: the workload on a second thread while the main one waits (a
 * ring buffer consumer, in clonecheck).  The main thread blocks nothing: an
 * exit signal the workload let reach the process would kill it.  Nothing
 * process-wide changes, no descriptor or thread is left.
 */
START_TEST(test_wl_worker_thread)
{
	struct wl_state b, a;
	size_t n;
	const struct wl_case *c = workload_cases(&n);
	struct wl_result *res = calloc(n, sizeof(*res));
	sigset_t none;
	pthread_t t;
	void *ret;

	ck_assert_ptr_nonnull(res);
	sigemptyset(&none);
	pthread_sigmask(SIG_SETMASK, &none, NULL);
	snapshot(&b);
	ck_assert_int_eq(pthread_create(&t, NULL, worker, res), 0);
	pthread_join(t, &ret);
	snapshot(&a);
	ck_assert_msg((intptr_t)ret == 0, "workload_run: %s", strerror(-(int)(intptr_t)ret));
	/* no BPF here: the injected cases and kthreadd's say why they are skipped */
	for (size_t i = 0; i < n; i++)
		ck_assert_msg(res[i].done ||
			      (res[i].skipped && (c[i].setup.fn == wl_setup_inject ||
						  c[i].fn == wl_kmade_kthread ||
						  c[i].fn == wl_kmade_vhost ||
						  c[i].setup.fn == wl_setup_nproc_uid ||
						  c[i].setup.fn == wl_setup_pidns_full ||
						  c[i].setup.fn == wl_setup_sysctl ||
						  (c[i].setup.fn == wl_setup_uclamp &&
						   wl_uclamp_unavailable()) ||
						  (c[i].setup.fn == wl_setup_into_cgroup &&
						   c[i].setup.a == WL_CG_CPUSET && wl_cg_cpuset_unavailable()) ||
						  (c[i].kmade && io_uring_disabled()))),
			      "case %s did not run", c[i].name);
	assert_same_state(&b, &a);
	ck_assert_int_eq(a.n_fds, b.n_fds);
	ck_assert_int_eq(a.n_threads, b.n_threads);
	free(res);
}
END_TEST

/* workload_request_stop() from another thread ends the run early, with -EINTR. */
START_TEST(test_wl_stop_request)
{
	size_t n;
	struct wl_result *res;

	workload_cases(&n);
	res = calloc(n, sizeof(*res));
	ck_assert_ptr_nonnull(res);
	workload_request_stop();
	ck_assert_int_eq(workload_run(res), -EINTR);
	ck_assert_int_eq(res[0].done, 0);
	free(res);
}
END_TEST

/* Reap pid within ms milliseconds; its wait status, or -1 (then it is killed). */
static int reap_within(pid_t pid, int ms)
{
	struct timespec tick = { 0, 10000000 };
	int status;

	for (int i = 0; i < ms / 10; i++) {
		if (waitpid(pid, &status, WNOHANG) == pid)
			return status;
		nanosleep(&tick, NULL);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	return -1;
}

/*
 * Issue 12 row 8: a helper dies when the process that forked it is killed.
 * The helper says it is ready itself, so its death signal is armed by then.
 */
START_TEST(test_wl_helper_dies_with_parent)
{
	pid_t mid, helper = 0;
	int p[2], status;

	/* orphans come to us, so that the helper can be reaped here */
	ck_assert_int_eq(prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
	ck_assert_int_eq(pipe(p), 0);
	mid = fork();
	if (mid == 0) {
		if (wl_helper_fork() == 0) {
			pid_t self = getpid();

			if (write(p[1], &self, sizeof(self)) != sizeof(self))
				_exit(1);
		}
		for (;;)
			pause();
	}
	ck_assert_int_eq(read(p[0], &helper, sizeof(helper)), sizeof(helper));
	ck_assert_int_gt(helper, 0);
	kill(mid, SIGKILL);
	waitpid(mid, NULL, 0);
	status = reap_within(helper, 2000);
	ck_assert_msg(status != -1, "the helper outlived its parent");
	ck_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
}
END_TEST

/* The sweep removes a dead owner's cgroups, keeps a live one's, and ours at the end. */
START_TEST(test_wl_cg_sweep)
{
	char dead_cg[64], live_cg[64], own_cg[64];
	pid_t dead = fork();
	int root;

	if (dead == 0)
		_exit(0);
	waitpid(dead, NULL, 0);
	wl_cg_open();
	root = wl_cg_root(false);
	ck_assert_int_ge(root, 0);
	snprintf(dead_cg, sizeof(dead_cg), WL_CG_PREFIX "%d-test", (int)dead);
	snprintf(live_cg, sizeof(live_cg), WL_CG_PREFIX "%d-test", 1);
	snprintf(own_cg, sizeof(own_cg), WL_CG_PREFIX "%d-test", (int)getpid());
	unlinkat(root, live_cg, AT_REMOVEDIR);	/* a failed run of this test left it */
	ck_assert_int_eq(mkdirat(root, dead_cg, 0755), 0);
	ck_assert_int_eq(mkdirat(root, live_cg, 0755), 0);
	ck_assert_int_eq(mkdirat(root, own_cg, 0755), 0);
	ck_assert_int_eq(wl_cg_sweep(root, false), 1);
	ck_assert(faccessat(root, dead_cg, F_OK, 0) && errno == ENOENT);
	ck_assert_int_eq(faccessat(root, live_cg, F_OK, 0), 0);
	ck_assert_int_eq(unlinkat(root, live_cg, AT_REMOVEDIR), 0);
	root = dup(root);
	wl_cg_close();
	ck_assert(faccessat(root, own_cg, F_OK, 0) && errno == ENOENT);
	close(root);
}
END_TEST

/* Start clonecheck (the workload, report to /dev/null); its pid. */
static pid_t start_clonecheck(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);

		dup2(null, 1);
		dup2(null, 2);
		execl(CLONECHECK_BIN, "clonecheck", (char *)NULL);
		_exit(127);
	}
	return pid;
}

/* Wait (up to 60 s) for a directory whose name starts with prefix to be made. */
static bool await_mkdir(int ino, const char *prefix)
{
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	struct pollfd p = { .fd = ino, .events = POLLIN };

	while (poll(&p, 1, 60000) == 1) {
		ssize_t len = read(ino, buf, sizeof(buf));

		for (char *e = buf; len > 0 && e < buf + len;) {
			const struct inotify_event *ev = (const struct inotify_event *)e;

			if (ev->len && !strncmp(ev->name, prefix, strlen(prefix)))
				return true;
			e += sizeof(*ev) + ev->len;
		}
	}
	return false;
}

/*
 * Issue 12 row 8: clonecheck killed with SIGKILL inside the pids_max case
 * (its helper alone in a pids cgroup) leaves that cgroup; its helper dies
 * with it, and the next run removes the cgroup.  inotify says when the case
 * made its cgroup; a kill that came too late (the case had cleaned up) is
 * tried again.
 */
START_TEST(test_wl_sigkill_swept_next_run)
{
	char path[64], cg[64], procs[96];
	bool left = false;
	int root, ino, status;
	pid_t pid = 0;

	wl_cg_open();
	root = wl_cg_root(true);
	ck_assert_int_ge(root, 0);
	ino = inotify_init1(IN_CLOEXEC);
	ck_assert_int_ge(ino, 0);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", root);
	ck_assert_int_ge(inotify_add_watch(ino, path, IN_CREATE | IN_ONLYDIR), 0);
	for (int attempt = 0; attempt < 8 && !left; attempt++) {
		pid = start_clonecheck();
		ck_assert_int_gt(pid, 0);
		snprintf(cg, sizeof(cg), WL_CG_PREFIX "%d-pids", (int)pid);
		ck_assert_msg(await_mkdir(ino, cg), "no %s made", cg);
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		left = !faccessat(root, cg, F_OK, 0);
		if (!left) {	/* perhaps the "-pids-ctl" form */
			strcat(cg, "-ctl");
			left = !faccessat(root, cg, F_OK, 0);
		}
	}
	ck_assert_msg(left, "never killed clonecheck inside pids_max");
	/* its helper died with it: the cgroup empties */
	snprintf(procs, sizeof(procs), "%s/cgroup.procs", cg);
	for (int i = 0; i < 200; i++) {
		int fd = openat(root, procs, O_RDONLY | O_CLOEXEC);
		char b;
		ssize_t got = fd < 0 ? 0 : read(fd, &b, 1);

		if (fd >= 0)
			close(fd);
		if (got <= 0)
			break;
		ck_assert_msg(i < 199, "a helper of the killed run is still in %s", cg);
		usleep(10000);
	}
	/* the next run removes it */
	pid = start_clonecheck();
	status = reap_within(pid, 60000);
	ck_assert_msg(status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0,
		      "the next run: status %#x", status);
	ck_assert_msg(faccessat(root, cg, F_OK, 0) && errno == ENOENT, "%s still there", cg);
	close(ino);
	wl_cg_close();
}
END_TEST

Suite *live_workload_suite(void)
{
	Suite *s = suite_create("live_workload");
	TCase *tc = tcase_create("Cases");
	TCase *proc = tcase_create("Process");

	tcase_add_unchecked_fixture(tc, wl_setup, wl_teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_wl_ran);
	tcase_add_test(tc, test_wl_table);
	tcase_add_test(tc, test_wl_each_case);
	tcase_add_test(tc, test_wl_zero_mismatches);
	tcase_add_test(tc, test_wl_helper_clones_labelled);
	tcase_add_test(tc, test_wl_rules_exercised);
	tcase_add_test(tc, test_wl_sched_outcomes);
	tcase_add_test(tc, test_wl_states_reached);
	tcase_add_test(tc, test_wl_no_leftovers);
	tcase_set_timeout(proc, 300);
	tcase_add_test(proc, test_wl_worker_thread);
	tcase_add_test(proc, test_wl_stop_request);
	tcase_add_test(proc, test_wl_helper_dies_with_parent);
	tcase_add_test(proc, test_wl_cg_sweep);
	tcase_add_test(proc, test_wl_sigkill_swept_next_run);
	suite_add_tcase(s, tc);
	suite_add_tcase(s, proc);
	return s;
}
