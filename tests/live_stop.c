// SPDX-License-Identifier: GPL-2.0
/*
 * live_stop.c - stopping, under load and by signals (each a way a run once failed to stop or clean up), with
 * the binary as users run it:
 *  - `-a -d 1` during a clone storm ends on time, nothing cut, nothing
 *    blamed: no clone incomplete or mismatched, exit 0;
 *  - SIGINT while BPF is loading is not lost;
 *  - when -d stops -c, the command's whole process group goes, nothing is
 *    left behind;
 *  - in workload mode SIGINT stops before the next case, a second one
 *    kills at once;
 *  - once it has exited, no program of its is left and nothing holds its
 *    stdout.
 * The bounds on time are generous (seconds): they tell a stop that waits
 * for the load to end from one that does not, not how fast it is.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <bpf/bpf.h>

#include "tests.h"

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Start clonecheck with args, its stdout and stderr into out (a file). */
static pid_t start(const char *args, const char *out)
{
	char cmd[1024];
	pid_t pid;

	snprintf(cmd, sizeof(cmd), "exec %s %s >%s 2>&1", CLONECHECK_BIN, args, out);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	return pid;
}

static pid_t storm(void)
{
	pid_t pid = fork();

	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		setpgid(0, 0);
		execl("/bin/sh", "sh", "-c", "while :; do /bin/true; done", (char *)NULL);
		_exit(127);
	}
	return pid;
}

static void storm_end(pid_t pid)
{
	kill(-pid, SIGKILL);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

static char *slurp(const char *path)
{
	static char buf[1 << 16];
	FILE *f = fopen(path, "r");
	size_t n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;

	buf[n] = '\0';
	if (f)
		fclose(f);
	return buf;
}

/* The last lines of a report, short enough for a failure message. */
static const char *tail(const char *text)
{
	size_t n = strlen(text);

	return n > 600 ? text + n - 600 : text;
}

/* Wait until the workload's own thread runs in clonecheck (it is loaded). */
static void wait_workload_started(pid_t c)
{
	char path[64];
	double t0 = now_s();

	snprintf(path, sizeof(path), "/proc/%d/task", (int)c);
	while (now_s() - t0 < 20) {
		char cmd[128];

		snprintf(cmd, sizeof(cmd), "test $(ls %s | wc -l) -ge 2", path);
		if (system(cmd) == 0)
			break;
		usleep(20 * 1000);
	}
	usleep(150 * 1000);	/* some cases done, most still to come */
}

/* Row 1, 2, 9: a storm running before, during and after; -a -d 1. */
START_TEST(test_stop_storm_on_time_nothing_cut)
{
	char out[] = "/tmp/cc-stop-XXXXXX";
	pid_t s = storm(), c;
	double t0, t1;
	int st = 0, fd = mkstemp(out);
	bool reaped = false;
	char *text;

	ck_assert_int_ge(fd, 0);
	close(fd);
	usleep(300 * 1000);	/* clones in flight when observation starts */
	c = start("-v -a -d 1", out);
	/*
	 * Time from "backend:" (-v: everything is attached), not from the
	 * start: loading is the verifier's time, which a busy machine
	 * stretches; the stop is what is bounded.
	 */
	t0 = now_s();
	while (!strstr(slurp(out), "backend: ") && now_s() - t0 < 120 &&
	       !(reaped = waitpid(c, &st, WNOHANG) == c))
		usleep(10 * 1000);
	t1 = now_s();
	if (!strstr(slurp(out), "backend: "))
		ck_abort_msg("no \"backend:\" line in %.0f s:\n%s", t1 - t0, tail(slurp(out)));
	if (!reaped)
		ck_assert_int_eq(waitpid(c, &st, 0), c);
	storm_end(s);
	text = slurp(out);
	unlink(out);
	/* 1 s, the stop; it used to wait for the storm */
	ck_assert_msg(now_s() - t1 < 4, "-a -d 1 took %.1f s once attached", now_s() - t1);
	ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0, "status %#x:\n%s", st, tail(text));
	ck_assert_msg(strstr(text, " 0 mismatch, 0 incomplete,"), "%s", tail(text));
	ck_assert_msg(strstr(text, "\nlost     0 records;"), "%s", tail(text));
}
END_TEST

/* Row 3: SIGINT while loading is kept: the run stops, the command goes. */
START_TEST(test_stop_sigint_while_loading)
{
	char out[] = "/tmp/cc-stop-XXXXXX";
	int st, fd = mkstemp(out);
	double t0;
	pid_t c;

	ck_assert_int_ge(fd, 0);
	close(fd);
	t0 = now_s();
	c = start("-c 'sleep 10'", out);
	usleep(200 * 1000);	/* the loader is still at work */
	kill(c, SIGINT);
	ck_assert_int_eq(waitpid(c, &st, 0), c);
	ck_assert_msg(now_s() - t0 < 5, "took %.1f s (the SIGINT was lost):\n%s", now_s() - t0,
		      tail(slurp(out)));
	ck_assert_msg(WIFEXITED(st), "status %#x", st);
	unlink(out);
}
END_TEST

/* Row 4: -d stops -c: SIGTERM to the command's group, then SIGKILL; no sleep stays. */
START_TEST(test_stop_command_group_reaped)
{
	char out[] = "/tmp/cc-stop-XXXXXX", check[128];
	int st, fd = mkstemp(out);
	pid_t c;

	ck_assert_int_ge(fd, 0);
	close(fd);
	/* sleep 7777 ignores SIGTERM: only the SIGKILL after the grace ends it */
	c = start("-c 'sleep 7771 & (trap \"\" TERM; sleep 7772) & sleep 7773' -d 1", out);
	ck_assert_int_eq(waitpid(c, &st, 0), c);
	ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) != 2, "status %#x:\n%s", st, tail(slurp(out)));
	usleep(200 * 1000);
	/* anchored: clonecheck's own command line holds the same words */
	snprintf(check, sizeof(check), "pgrep -f '^sleep 777[123]' >/dev/null");
	ck_assert_msg(system(check) != 0, "a sleep of the command is still there");
	unlink(out);
}
END_TEST

/* Row 10: workload mode: SIGINT stops before the next case; a second one kills. */
START_TEST(test_stop_workload_sigint)
{
	char out[] = "/tmp/cc-stop-XXXXXX";
	int st, fd = mkstemp(out);
	char *text;
	pid_t c;

	ck_assert_int_ge(fd, 0);
	close(fd);
	c = start("", out);
	wait_workload_started(c);
	kill(c, SIGINT);
	ck_assert_int_eq(waitpid(c, &st, 0), c);
	text = slurp(out);
	/* a report of what was judged; the cases not run make it not conform */
	ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 1, "status %#x:\n%s", st, tail(text));
	ck_assert_msg(strstr(text, "cases made no judged clone"), "%s", tail(text));

	c = start("", out);
	wait_workload_started(c);
	kill(c, SIGINT);
	usleep(5 * 1000);
	kill(c, SIGINT);
	ck_assert_int_eq(waitpid(c, &st, 0), c);
	ck_assert_msg(WIFSIGNALED(st) && WTERMSIG(st) == SIGINT, "status %#x", st);
	unlink(out);
}
END_TEST

/*
 * Row 6: a recording survives being killed.  SIGHUP ends it cleanly (a
 * whole file); after SIGKILL the file holds every block written so far and
 * check --salvage judges them, saying where it stopped; plain check refuses.
 */
START_TEST(test_stop_recording_survives)
{
	char trace[] = "/tmp/cc-rec-XXXXXX", out[] = "/tmp/cc-stop-XXXXXX", cmd[512];
	int st, fd;
	pid_t c;

	fd = mkstemp(trace);
	ck_assert_int_ge(fd, 0);
	close(fd);
	fd = mkstemp(out);
	ck_assert_int_ge(fd, 0);
	close(fd);
	for (int sig = SIGHUP; sig; sig = sig == SIGHUP ? SIGKILL : 0) {
		struct stat sb;

		/* not the previous round's whole file, should this one never start */
		unlink(trace);
		snprintf(cmd, sizeof(cmd), "record -o %s -a", trace);
		c = start(cmd, out);
		/* loaded: the header is written; then attached (no signal of it) */
		for (int i = 0; i < 600 && (stat(trace, &sb) || !sb.st_size); i++)
			usleep(50 * 1000);
		ck_assert_msg(!stat(trace, &sb) && sb.st_size, "no header after 30 s:\n%s",
			      tail(slurp(out)));
		usleep(1000 * 1000);
		ck_assert_int_eq(system("for i in 1 2 3 4 5 6 7 8 9 10; do /bin/true; done"), 0);
		usleep(1500 * 1000);	/* at least one flush of the records */
		kill(c, sig);
		ck_assert_int_eq(waitpid(c, &st, 0), c);
		snprintf(cmd, sizeof(cmd), "%s check %s >%s 2>&1", CLONECHECK_BIN, trace, out);
		st = system(cmd);
		if (sig == SIGHUP) {
			ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) != 2, "after SIGHUP:\n%s",
				      tail(slurp(out)));
			continue;
		}
		ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 2, "cut file accepted: %#x\n%s", st,
			      tail(slurp(out)));
		snprintf(cmd, sizeof(cmd), "%s check --salvage %s >%s 2>&1", CLONECHECK_BIN, trace,
			 out);
		st = system(cmd);
		ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 1, "salvage: %#x\n%s", st,
			      tail(slurp(out)));
		ck_assert_msg(strstr(slurp(out), "salvaged the "), "%s", tail(slurp(out)));
		ck_assert_msg(!strstr(slurp(out), "clones   0:"), "nothing salvaged:\n%s",
			      tail(slurp(out)));
	}
	unlink(trace);
	unlink(out);
}
END_TEST

/* Every program id the kernel has, into ids (sorted: ids only grow). */
static size_t prog_ids(__u32 *ids, size_t max)
{
	__u32 id = 0;
	size_t n = 0;

	while (n < max && !bpf_prog_get_next_id(id, &id))
		ids[n++] = id;
	return n;
}

/*
 * When clonecheck has exited, none of its programs is left (a
 * program outlives its fds only while something attached holds it), and
 * nothing holds its stdout: the perf events it hands to a process of
 * their own to release (src/loader.c:release_perf_events()) go without
 * their programs and without its other descriptors.
 */
START_TEST(test_stop_nothing_left_attached)
{
	static __u32 before[1 << 14], after[1 << 14];
	size_t nb = prog_ids(before, 1 << 14), na;
	int p[2], st = 0;
	char buf[4096];
	ssize_t n;
	pid_t pid;

	ck_assert_int_eq(pipe(p), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		dup2(p[1], 1);
		dup2(p[1], 2);
		close(p[0]);
		close(p[1]);
		execl(CLONECHECK_BIN, "clonecheck", "-c", "/bin/true; /bin/true", (char *)NULL);
		_exit(127);
	}
	close(p[1]);
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);	/* its report fits the pipe */
	ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0, "clonecheck -c: status %d", st);
	ck_assert_int_eq(fcntl(p[0], F_SETFL, O_NONBLOCK), 0);
	while ((n = read(p[0], buf, sizeof(buf))) > 0)
		;
	ck_assert_msg(n == 0, "clonecheck exited, its stdout is still held (%s)",
		      n < 0 ? strerror(errno) : "?");
	na = prog_ids(after, 1 << 14);
	for (size_t i = 0; i < na; i++) {
		bool old = false;

		for (size_t j = 0; j < nb && !old; j++)
			old = before[j] == after[i];
		ck_assert_msg(old, "program id %u, loaded during the run, outlives clonecheck", after[i]);
	}
	close(p[0]);
}
END_TEST

Suite *live_stop_suite(void)
{
	Suite *s = suite_create("live_stop");
	TCase *tc = tcase_create("Stop");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_stop_storm_on_time_nothing_cut);
	tcase_add_test(tc, test_stop_sigint_while_loading);
	tcase_add_test(tc, test_stop_command_group_reaped);
	tcase_add_test(tc, test_stop_workload_sigint);
	tcase_add_test(tc, test_stop_recording_survives);
	tcase_add_test(tc, test_stop_nothing_left_attached);
	suite_add_tcase(s, tc);
	return s;
}
