// SPDX-License-Identifier: GPL-2.0
/*
 * live_daemon.c - `clonecheck daemon`, run as the binary it is:
 *  - a doctored record stream (a trace file fed through --from-trace, the
 *    replay path) gives a finding with its rule and an evidence file that
 *    `clonecheck check` judges to the same mismatch;
 *  - sd_notify: READY=1, STATUS= and STOPPING=1 reach a NOTIFY_SOCKET the
 *    test reads (no systemd needed);
 *  - live, under a clone storm: the metrics file is rewritten atomically
 *    each interval and parses as Prometheus text, memory stays bounded,
 *    SIGUSR1 writes a snapshot, SIGTERM stops it within a second.
 * CLONECHECK_DAEMON_SECONDS sets how long the live test runs (default 20).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/types.h>

#include "decode.h"
#include "tests.h"
#include "trace_file.h"
#include "../bpf/events.h"

#define FIXTURE "tests/fixtures/host-x86_64-6.18-tracepoint.cct"
#define PY "/usr/bin/python3"

static char dir[64];

static void setup(void)
{
	snprintf(dir, sizeof(dir), "/tmp/cc-daemon-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void teardown(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* A command's exit status and its output (stdout and stderr) in buf. */
static int run(const char *cmd, char *buf, size_t len)
{
	FILE *p = popen(cmd, "r");
	size_t n = 0;
	int st;

	ck_assert_ptr_nonnull(p);
	while (n + 1 < len) {
		size_t r = fread(buf + n, 1, len - 1 - n, p);

		if (!r)
			break;
		n += r;
	}
	buf[n] = '\0';
	st = pclose(p);
	ck_assert_msg(WIFEXITED(st), "%s: did not exit", cmd);
	return WEXITSTATUS(st);
}

/*
 * The fixture with one fork's child given its parent's mm at task_newtask
 * a fork's child has a new mm).  Returns the doctored clone's id.
 */
static uint64_t doctor(const char *out)
{
	static unsigned char now[TRACE_REC_MAX];
	struct trace_reader *r;
	struct trace_writer *w;
	struct trace_counts c;
	struct trace_meta m;
	struct trace_error e;
	uint64_t victim = 0, parent_mm = 0;
	const void *rec;
	size_t len;
	int err, n;

	r = trace_reader__open(FIXTURE, &m, &e);
	ck_assert_msg(r, "%s", e.msg);
	w = trace_writer__open(out, &m, &err);
	ck_assert_msg(w, "%s: %d", out, err);
	while (trace_reader__next(r, &rec, &len) == 1) {
		struct rec_hdr *h = (void *)now;

		/* in this build's layout: the writer's header says so */
		n = decode_rebuild(&m.layout, rec, len, now, sizeof(now));
		ck_assert_int_gt(n, 0);
		if (!victim && h->type == REC_SYS_ENTER &&
		    ((struct rec_sys_enter *)now)->entry == REC_ENTRY_FORK) {
			victim = h->clone_id;
			parent_mm = ((struct rec_sys_enter *)now)->parent.mm;
		}
		if (victim && h->clone_id == victim && h->type == REC_NEWTASK)
			((struct rec_task_point *)now)->child.mm = parent_mm;
		ck_assert_int_eq(trace_writer__add(w, now, n), 0);
	}
	ck_assert_int_eq(trace_reader__counts(r, &c), 0);
	ck_assert_int_eq(trace_writer__close(w, &c), 0);
	trace_reader__close(r);
	ck_assert_uint_ne(victim, 0);
	return victim;
}

START_TEST(test_daemon_finding_and_evidence)
{
	static char out[1 << 17], cmd[1024], want[128], evidence[512];
	char doctored[128], metrics[128], *e;
	uint64_t id;

	snprintf(doctored, sizeof(doctored), "%s/doctored.cct", dir);
	snprintf(metrics, sizeof(metrics), "%s/m.prom", dir);
	id = doctor(doctored);
	snprintf(cmd, sizeof(cmd),
		 CLONECHECK_BIN " daemon --from-trace %s --no-journal --evidence-dir %s "
				"--metrics-file %s --report %s/final.md 2>&1",
		 doctored, dir, metrics, dir);
	ck_assert_msg(run(cmd, out, sizeof(out)) == 0, "%s", out);
	/* one finding, on stderr with the journal's fields */
	snprintf(want, sizeof(want), "finding: mismatch RULE=R-02 CLONE_ID=%llu ",
		 (unsigned long long)id);
	ck_assert_msg(strstr(out, want), "no '%s' in:\n%s", want, out);
	e = strstr(out, "EVIDENCE=");
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(sscanf(e, "EVIDENCE=%511s", evidence), 1);
	ck_assert_msg(strstr(evidence, dir) == evidence, "evidence %s", evidence);
	ck_assert_ptr_null(strstr(e + 1, "finding:"));	/* only the one */

	/* the evidence is a trace file: judged to the same mismatch, that clone only */
	snprintf(cmd, sizeof(cmd), CLONECHECK_BIN " check --json %s", evidence);
	ck_assert_int_eq(run(cmd, out, sizeof(out)), 1);
	snprintf(want, sizeof(want), "{\"type\":\"clone\",\"clone_id\":%llu,", (unsigned long long)id);
	ck_assert_msg(strstr(out, want), "%s", out);
	ck_assert_msg(strstr(out, "\"verdict\":\"mismatch\""), "%s", out);
	ck_assert_msg(strstr(out, "\"rule\":\"R-02\""), "%s", out);
	ck_assert_int_eq((int)(strstr(out, "\"type\":\"clone\"") - out), 1);
	ck_assert_ptr_null(strstr(strstr(out, "\"type\":\"clone\"") + 1, "\"type\":\"clone\""));

	/* the metrics file, parsed by prometheus_client: the finding counted */
	snprintf(cmd, sizeof(cmd),
		 PY " tests/prom_check.py %s 'clonecheck_clones_total{verdict=\"mismatch\"}' "
		    "clonecheck_findings_total clonecheck_evidence_files_total 2>&1",
		 metrics);
	ck_assert_msg(run(cmd, out, sizeof(out)) == 0, "%s", out);
	ck_assert_str_eq(out, "1\n1\n1\n");
	/* and the final report */
	snprintf(cmd, sizeof(cmd), "grep -c 'R-02' %s/final.md", dir);
	ck_assert_int_eq(run(cmd, out, sizeof(out)), 0);
}
END_TEST

/* sd_notify over NOTIFY_SOCKET: READY=1 first, a STATUS=, STOPPING=1 last. */
START_TEST(test_daemon_sd_notify)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	static char out[1 << 16], cmd[512], msgs[8192];
	size_t got = 0;
	int fd;
	ssize_t n;

	snprintf(a.sun_path, sizeof(a.sun_path), "%s/notify", dir);
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	snprintf(cmd, sizeof(cmd),
		 "NOTIFY_SOCKET=%s " CLONECHECK_BIN " daemon --from-trace " FIXTURE
		 " --no-journal >/dev/null 2>&1; echo $?",
		 a.sun_path);
	ck_assert_int_eq(run(cmd, out, sizeof(out)), 0);
	ck_assert_str_eq(out, "0\n");
	while ((n = recv(fd, msgs + got, sizeof(msgs) - got - 2, MSG_DONTWAIT)) > 0) {
		got += n;
		msgs[got++] = '|';
	}
	msgs[got] = '\0';
	close(fd);
	ck_assert_msg(!strncmp(msgs, "READY=1\nSTATUS=", 15), "%s", msgs);
	ck_assert_msg(strstr(msgs, "|STATUS=") && strstr(msgs, "clones judged"), "%s", msgs);
	ck_assert_msg(strstr(msgs, "|STOPPING=1|"), "%s", msgs);
	ck_assert_msg(!strcmp(msgs + strlen(msgs) - strlen("STOPPING=1|"), "STOPPING=1|"), "%s",
		      msgs);
}
END_TEST

/* A value of the metrics file as prometheus_client reads it; -1 if not valid. */
static double metric(const char *file, const char *sample)
{
	char cmd[512], out[256];

	snprintf(cmd, sizeof(cmd), PY " tests/prom_check.py %s '%s' 2>&1", file, sample);
	if (run(cmd, out, sizeof(out)))
		return -1;
	return strtod(out, NULL);
}

START_TEST(test_daemon_live_storm)
{
	const char *env_s = getenv("CLONECHECK_DAEMON_SECONDS");
	double secs = env_s ? atof(env_s) : 20, t0, t_kill, rss_first = 0, rss_max = 0;
	char metrics[128], snap[128], out[4096], errf[128];
	struct stat st;
	ino_t last_ino = 0;
	int rewrites = 0, status, devnull;
	pid_t d, storm;

	snprintf(metrics, sizeof(metrics), "%s/m.prom", dir);
	snprintf(snap, sizeof(snap), "%s/snap.md", dir);
	snprintf(errf, sizeof(errf), "%s/daemon.err", dir);
	storm = fork();
	ck_assert_int_ge(storm, 0);
	if (storm == 0) {
		execl("/bin/sh", "sh", "-c", "while :; do /bin/true; done", (char *)NULL);
		_exit(127);
	}
	d = fork();
	ck_assert_int_ge(d, 0);
	if (d == 0) {
		devnull = open(errf, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		dup2(devnull, 2);
		dup2(devnull, 1);
		execl(CLONECHECK_BIN, "clonecheck", "daemon", "--no-journal", "--metrics-file",
		      metrics, "--metrics-interval", "1", "--max-open", "1024",
		      "--flight-recorder", "4", "--report", snap, (char *)NULL);
		_exit(127);
	}
	t0 = now_s();
	while (now_s() - t0 < secs) {
		double rss;

		usleep(250 * 1000);
		ck_assert_msg(waitpid(d, &status, WNOHANG) == 0, "the daemon died early");
		if (stat(metrics, &st))
			continue;
		/* rewritten by rename: a new inode each time, always whole */
		if (st.st_ino != last_ino) {
			rewrites++;
			last_ino = st.st_ino;
		}
		rss = metric(metrics, "clonecheck_resident_memory_bytes");
		ck_assert_msg(rss > 0, "metrics file does not parse");
		if (!rss_first && now_s() - t0 > 3)
			rss_first = rss;
		if (rss > rss_max)
			rss_max = rss;
		if (now_s() - t0 > secs / 2 && access(snap, F_OK)) {
			kill(d, SIGUSR1);
			usleep(300 * 1000);
		}
	}
	kill(storm, SIGKILL);
	waitpid(storm, NULL, 0);
	ck_assert_msg(access(snap, F_OK) == 0, "SIGUSR1 wrote no snapshot");
	ck_assert_int_ge(rewrites, (int)(secs / 2));
	/* bounded: 1024 open clones (~6 MiB), 4 MiB of records, the rest fixed */
	ck_assert_msg(rss_max < 96 * 1048576.0, "RSS reached %.0f MiB", rss_max / 1048576);
	ck_assert_msg(rss_max < rss_first * 1.5 + 8 * 1048576.0, "RSS grew from %.0f to %.0f MiB",
		      rss_first / 1048576, rss_max / 1048576);
	ck_assert(metric(metrics, "clonecheck_clones_total{verdict=\"pass\"}") > 100);
	ck_assert(metric(metrics, "clonecheck_clones_total{verdict=\"mismatch\"}") == 0);
	unlink(snap);

	t_kill = now_s();
	kill(d, SIGTERM);
	ck_assert_int_eq(waitpid(d, &status, 0), d);
	ck_assert_msg(now_s() - t_kill < 1.0, "SIGTERM took %.2f s", now_s() - t_kill);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %#x", status);
	ck_assert_msg(access(snap, F_OK) == 0, "no final report");
	snprintf(out, sizeof(out), "%s", "");
}
END_TEST

Suite *live_daemon_suite(void)
{
	Suite *s = suite_create("live_daemon");
	TCase *tc = tcase_create("Replay");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_daemon_finding_and_evidence);
	tcase_add_test(tc, test_daemon_sd_notify);
	suite_add_tcase(s, tc);
	tc = tcase_create("Live");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, test_daemon_live_storm);
	suite_add_tcase(s, tc);
	return s;
}
