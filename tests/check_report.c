// SPDX-License-Identifier: GPL-2.0
/*
 * check_report.c - the report layer: the run's summary (coverage, classes,
 * verdict, exit status), the writers (JSON Lines, JUnit XML, HTML,
 * Markdown, KTAP), report files and their write errors, and the JSON
 * writer.  A real session judges hand-built clones (a pass, a thread, a
 * failing clone, a mismatch, an incomplete clone whose label and comm hold
 * <, &, quotes and control bytes), every writer writes its file, and
 * tests/report_check.py parses each file back with a real parser (python3's
 * json and xml.etree; headless Chromium for the DOM; tests/ktap_check.py for
 * KTAP) and answers queries, which the tests compare with what the run must
 * show.  With WITH_LIVE, the CLI itself: write errors, usage errors under
 * --json, durations, several reports at once.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fixture.h"
#include "inject_plan.h"
#include "json_writer.h"
#include "session.h"
#include "report_fmt.h"
#include "tests.h"
#include "trace_file.h"

/* A label and a comm that need escaping in every format. */
#define NASTY_LABEL "<b>&\"q'\\\x01\x1f\x7f\xff"
#define NASTY_COMM "c<&\"\x02\xc3\xa9"
/*
 * NASTY_LABEL as XML/HTML/Markdown text reads once parsed (bytes XML cannot
 * carry become the text \xNN), as python's json.dumps(ensure_ascii) prints it.
 */
#define NASTY_JSON_BODY "<b>&\\\"q'\\\\\\\\x01\\\\x1f\\\\x7f\\\\xff"
#define NASTY_LABEL_TEXT_JSON "\"" NASTY_JSON_BODY "\""

#define N_CLONES 5
#define QUERY_MAX 24
#define ANSWER_LEN 4096

static const char *const case_labels[N_CLONES + 1] = {
	[1] = "fork", [2] = "thread", [3] = "einval", [4] = "doctored", [5] = NASTY_LABEL,
};

static char dir[64];		/* this test's temporary directory */
static char f_json[128], f_junit[128], f_html[128], f_md[128], f_ktap[128];
static char answers[QUERY_MAX][ANSWER_LEN];
static enum verdict verdicts[N_CLONES + 1];	/* what the session judged */

static void setup(void)
{
	snprintf(dir, sizeof(dir), "/tmp/clonecheck-report-XXXXXX");
	ck_assert_msg(mkdtemp(dir), "mkdtemp: %s", strerror(errno));
	snprintf(f_json, sizeof(f_json), "%s/run.jsonl", dir);
	snprintf(f_junit, sizeof(f_junit), "%s/junit.xml", dir);
	snprintf(f_html, sizeof(f_html), "%s/report.html", dir);
	snprintf(f_md, sizeof(f_md), "%s/report.md", dir);
	snprintf(f_ktap, sizeof(f_ktap), "%s/report.ktap", dir);
}

static void teardown(void)
{
	const char *files[] = { f_json, f_junit, f_html, f_md, f_ktap };

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		unlink(files[i]);
	rmdir(dir);
}

/* ------------------------------------------------------------ the parser */

/* Append s to the shell command, single-quoted. */
static void sh_quote(char *cmd, size_t len, const char *s)
{
	size_t off = strlen(cmd);

	off += snprintf(cmd + off, len - off, " '");
	for (; *s && off + 5 < len; s++) {
		if (*s == '\'')
			off += snprintf(cmd + off, len - off, "'\\''");
		else
			cmd[off++] = *s;
	}
	snprintf(cmd + off, len - off, "'");
}

/* The helper script sits next to this file. */
static const char *script_path(void)
{
	static char path[512];
	const char *slash = strrchr(__FILE__, '/');
	int n = slash ? (int)(slash - __FILE__) : 0;

	snprintf(path, sizeof(path), "%.*s%sreport_check.py", n, __FILE__, slash ? "/" : "");
	return path;
}

/*
 * Run report_check.py MODE FILE QUERY... and keep one answer per query in
 * answers[].  Returns the script's exit status; its stderr goes into msg.
 */
static int parse_back(const char *mode, const char *file, const char *const *q, size_t n,
		      char *msg, size_t msg_len)
{
	char cmd[8192], errf[160], line[ANSWER_LEN];
	size_t got = 0;
	FILE *p, *e;
	int st;

	ck_assert_uint_le(n, QUERY_MAX);
	/* Debian's python3 (scripts/install-deps); a pyenv shim costs ~0.7 s a call */
	snprintf(cmd, sizeof(cmd), "%s",
		 access("/usr/bin/python3", X_OK) ? "python3" : "/usr/bin/python3");
	snprintf(errf, sizeof(errf), "%s/stderr", dir);
	sh_quote(cmd, sizeof(cmd), script_path());
	sh_quote(cmd, sizeof(cmd), mode);
	sh_quote(cmd, sizeof(cmd), file);
	for (size_t i = 0; i < n; i++)
		sh_quote(cmd, sizeof(cmd), q[i]);
	snprintf(cmd + strlen(cmd), sizeof(cmd) - strlen(cmd), " 2>'%s'", errf);
	p = popen(cmd, "r");
	ck_assert_msg(p, "popen: %s", strerror(errno));
	memset(answers, 0, sizeof(answers));
	while (fgets(line, sizeof(line), p)) {
		line[strcspn(line, "\n")] = 0;
		if (got < QUERY_MAX)
			snprintf(answers[got], ANSWER_LEN, "%s", line);
		got++;
	}
	st = pclose(p);
	msg[0] = 0;
	e = fopen(errf, "r");
	if (e) {
		size_t r = fread(msg, 1, msg_len - 1, e);

		msg[r] = 0;
		fclose(e);
		unlink(errf);
	}
	st = WIFEXITED(st) ? WEXITSTATUS(st) : 128;
	if (!st)
		ck_assert_msg(got == n, "%s: %zu answers to %zu queries", mode, got, n);
	return st;
}

/* parse_back() that must succeed. */
static void query(const char *mode, const char *file, const char *const *q, size_t n)
{
	char msg[2048];
	int st = parse_back(mode, file, q, n, msg, sizeof(msg));

	ck_assert_msg(st == 0, "report_check.py %s %s exited %d: %s", mode, file, st, msg);
}

#define QUERY(mode, file, ...)                                                          \
	do {                                                                            \
		const char *const q_[] = { __VA_ARGS__ };                               \
		query(mode, file, q_, sizeof(q_) / sizeof(q_[0]));                       \
	} while (0)

/* answers[i] == want, naming the query on failure. */
#define ANSWER_IS(i, want, what) \
	ck_assert_msg(!strcmp(answers[i], want), "%s: got %s, want %s", what, answers[i], want)

static long answer_num(int i)
{
	char *end;
	long v = strtol(answers[i], &end, 10);

	ck_assert_msg(answers[i][0] && !*end, "answer %d is not a number: %s", i, answers[i]);
	return v;
}

/* ----------------------------------------------------------- the scenario */

/* session verdict observer: keep each clone's verdict. */
static void keep_verdict(void *ctx, const struct clone_obs *co, const struct clone_verdict *v)
{
	(void)ctx;
	if (co->clone_id <= N_CLONES)
		verdicts[co->clone_id] = v->verdict;
}

static const char *label_of(void *ctx, const struct clone_obs *co)
{
	(void)ctx;
	return co->clone_id <= N_CLONES ? case_labels[co->clone_id] : NULL;
}

/* Distinct, known latencies per clone: enter -> newtask is 20 us + id us. */
static void stamp(struct obs *o, size_t n, uint64_t id)
{
	static const uint64_t offs[] = {
		[OBS_SYS_ENTER] = 0,	    [OBS_NEWTASK] = 20000, [OBS_FORK] = 21000,
		[OBS_WAKEUP] = 25000,	    [OBS_SYS_EXIT] = 30000, [OBS_CHILD_RET] = 90000,
	};

	for (size_t i = 0; i < n; i++) {
		uint64_t off = o[i].point < sizeof(offs) / sizeof(offs[0]) ? offs[o[i].point] : 0;

		o[i].ts_ns = id * 1000000 + off + (o[i].point ? id * 1000 : 0);
	}
}

static void push(struct session *s, struct obs *o, size_t n)
{
	for (size_t i = 0; i < n; i++)
		ck_assert_int_eq(session__push(s, &o[i]), 0);
}

/* The scenario's header, as a trace file or a live run would give it. */
static struct trace_meta scenario_meta(void)
{
	struct trace_meta m = { 0 };

	snprintf(m.release, sizeof(m.release), "6.18.44-test");
	snprintf(m.machine, sizeof(m.machine), "x86_64");
	snprintf(m.backend, sizeof(m.backend), "tracepoint (fixture)");
	snprintf(m.profile, sizeof(m.profile), "6.18/x86_64");
	snprintf(m.workload, sizeof(m.workload), "fixture <&> clones");
	return m;
}

/* ... and the counts its source kept (the session counts undecodable itself). */
static struct trace_counts scenario_counts(void)
{
	struct trace_counts c = { 0 };

	c.lost[OBS_WAKEUP] = 2;
	c.lost_total = 2;
	c.untracked = 3;
	return c;
}

static struct run_info scenario_info(void)
{
	struct run_info ri = {
		.release = "6.18.44-test",
		.machine = "x86_64",
		.backend = "tracepoint (fixture)",
		.profile = "6.18/x86_64",
		.workload = "fixture <&> clones",
	};

	ri.lost[OBS_WAKEUP] = 2;
	ri.lost_total = 2;
	ri.undecodable = 1;
	ri.untracked = 3;
	return ri;
}

#define N_WRITERS 5

/*
 * Judge the five clones through a real session feeding all five writers.
 * 1 fork (pass), 2 clone3 thread (pass), 3 clone(SIGHAND) -EINVAL (pass),
 * 4 fork whose child shares the parent's mm (R-02 mismatch), 5 fork seen
 * only up to sched_process_fork (incomplete), nasty label and comm.
 */
static void run_scenario(struct tally *out)
{
	struct model_profile prof = fx_profile();
	struct trace_meta meta = scenario_meta();
	struct trace_counts counts = scenario_counts();
	const struct report_ops *ops[N_WRITERS] = {
		&report_json_ops, &report_junit_ops, &report_html_ops, &report_md_ops,
		&report_ktap_ops,
	};
	const char *files[N_WRITERS] = { f_json, f_junit, f_html, f_md, f_ktap };
	struct report reps[N_WRITERS];
	struct session_opts so = { .reports = reps, .n_reports = N_WRITERS,
				   .on_verdict = keep_verdict };
	static const unsigned char junk[40] = { 1 };	/* one undecodable record */
	struct session *s;
	struct obs o[OBS__COUNT], f[2];
	int err;

	for (int i = 0; i < N_WRITERS; i++)
		ck_assert_int_eq(report_open(&reps[i], ops[i], files[i]), 0);
	s = session__begin(&meta, &prof, &so, &err);
	ck_assert_ptr_nonnull(s);
	session__set_label(s, label_of, NULL);
	ck_assert_int_eq(session__record(s, junk, sizeof(junk)), 0);

	fx_fork(o, 1);
	stamp(o, 6, 1);
	push(s, o, 6);
	fx_thread(o, 2);
	stamp(o, 6, 2);
	push(s, o, 6);
	fx_sighand_no_vm(f, 3);
	stamp(f, 2, 3);
	push(s, f, 2);
	fx_fork(o, 4);
	for (int pt = OBS_NEWTASK; pt <= OBS_WAKEUP; pt++)
		o[pt].tp.child.mm = o[OBS_SYS_ENTER].enter.parent.mm;
	stamp(o, 6, 4);
	push(s, o, 6);
	fx_fork(o, 5);
	memcpy(o[OBS_SYS_ENTER].enter.parent.comm, NASTY_COMM, sizeof(NASTY_COMM));
	stamp(o, 3, 5);
	push(s, o, 3);		/* sys_enter, task_newtask, sched_process_fork */

	ck_assert_int_eq(session__end(s, &counts), 0);
	ck_assert_uint_eq(session__info(s)->undecodable, 1);
	for (int i = 0; i < N_WRITERS; i++)
		ck_assert_int_eq(report_close(&reps[i]), 0);
	if (out)
		*out = *session__tally(s);
	session__free(s);
}

/* Rules in the scenario's summary: the catalogue for 6.18/x86_64 and the model's. */
static size_t scenario_n_rules(void)
{
	struct run_info ri = scenario_info();
	static struct tally t;
	struct report_summary *s;
	size_t n;

	tally_init(&t);
	s = report_summary__new(&ri, &t);
	ck_assert_ptr_nonnull(s);
	n = s->n_rules;
	report_summary__free(s);
	return n;
}

/* The summary of the scenario's run info and tally t; free it. */
static struct report_summary *scenario_summary(const struct run_info *ri, const struct tally *t)
{
	struct report_summary *s = report_summary__new(ri, t);

	ck_assert_msg(s, "report_summary__new: %s", strerror(errno));
	return s;
}

/* ------------------------------------------------------- the JSON writer */

START_TEST(test_report_json_writer_escapes_every_byte)
{
	char path[160], s[256], want[2048], *w = want;
	struct json_writer *jw;
	FILE *f;

	snprintf(path, sizeof(path), "%s/bytes.json", dir);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	for (int b = 1; b < 256; b++)
		s[b - 1] = (char)b;
	jw = json_writer__new(f);
	ck_assert_ptr_nonnull(jw);
	json_writer__arr_begin(jw);
	json_writer__strn(jw, s, 255);
	json_writer__arr_end(jw);
	ck_assert_int_eq(json_writer__free(jw), 0);
	fclose(f);

	/* Every byte below 0x20 appears escaped in the raw output. */
	f = fopen(path, "r");
	ck_assert_ptr_nonnull(f);
	for (int c; (c = fgetc(f)) != EOF;)
		ck_assert_msg(c >= 0x20 || c == '\n', "raw byte %#x in JSON output", c);
	fclose(f);

	/* Parsed back: bytes 1..0x7f are themselves, lone 0x80..0xff are U+0080.. */
	*w++ = '"';
	for (int b = 1; b < 256; b++) {
		if (b == '"' || b == '\\')
			w += sprintf(w, "\\%c", b);
		else if (b == '\n' || b == '\r' || b == '\t' || b == '\b' || b == '\f')
			w += sprintf(w, "\\%c", b == '\n' ? 'n' : b == '\r' ? 'r' : b == '\t' ? 't' :
						b == '\b' ? 'b' : 'f');
		else if (b < 0x20 || b >= 0x7f)
			w += sprintf(w, "\\u%04x", b);
		else
			*w++ = (char)b;
	}
	*w++ = '"';
	*w = 0;
	QUERY("json", path, "#", "0/0");
	ANSWER_IS(0, "1", "lines");
	ANSWER_IS(1, want, "every byte");
	unlink(path);
}
END_TEST

START_TEST(test_report_json_writer_utf8_and_nesting)
{
	char path[160], raw[512] = "";
	struct json_writer *jw;
	FILE *f;

	snprintf(path, sizeof(path), "%s/nest.json", dir);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	jw = json_writer__new(f);
	json_writer__obj_begin(jw);
	json_writer__str_field(jw, "s", "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");	/* é € 😀 */
	json_writer__str_field(jw, "bad", "\xed\xa0\x80\xc0\xaf");	/* surrogate, overlong */
	json_writer__name(jw, "a");
	json_writer__arr_begin(jw);
	json_writer__u64(jw, UINT64_MAX);
	json_writer__s64(jw, INT64_MIN);
	json_writer__obj_begin(jw);
	json_writer__obj_end(jw);
	json_writer__arr_begin(jw);
	json_writer__arr_end(jw);
	json_writer__bool(jw, false);
	json_writer__null(jw);
	json_writer__float(jw, 0.25);
	json_writer__arr_end(jw);
	json_writer__obj_end(jw);
	json_writer__obj_begin(jw);	/* a second line */
	json_writer__null_field(jw, "x");
	json_writer__obj_end(jw);
	ck_assert_int_eq(json_writer__free(jw), 0);
	fclose(f);

	f = fopen(path, "r");
	ck_assert_uint_gt(fread(raw, 1, sizeof(raw) - 1, f), 0);
	fclose(f);
	ck_assert_msg(strstr(raw, "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"),
		      "valid UTF-8 passes through unescaped: %s", raw);
	QUERY("json", path, "#", "0/s", "0/bad", "0/a", "1/x");
	ANSWER_IS(0, "2", "lines");
	ANSWER_IS(1, "\"\\u00e9\\u20ac\\ud83d\\ude00\"", "utf8");
	ANSWER_IS(2, "\"\\u00ed\\u00a0\\u0080\\u00c0\\u00af\"", "invalid utf8 as latin-1");
	ANSWER_IS(3, "[18446744073709551615, -9223372036854775808, {}, [], false, null, 0.25]",
		  "array");
	ANSWER_IS(4, "null", "second line");
	unlink(path);
}
END_TEST

START_TEST(test_report_json_writer_misuse)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct json_writer *jw = json_writer__new(f);

	json_writer__obj_begin(jw);
	json_writer__u64(jw, 1);	/* a value where a name is due */
	ck_assert_int_eq(json_writer__err(jw), -EINVAL);
	ck_assert_int_eq(json_writer__free(jw), -EINVAL);

	jw = json_writer__new(f);
	json_writer__arr_begin(jw);
	json_writer__obj_end(jw);	/* closes the wrong kind */
	ck_assert_int_eq(json_writer__err(jw), -EINVAL);
	json_writer__free(jw);

	jw = json_writer__new(f);
	json_writer__obj_begin(jw);
	json_writer__name(jw, "open");
	ck_assert_int_eq(json_writer__err(jw), 0);
	ck_assert_int_eq(json_writer__free(jw), -EINVAL);	/* left open */

	jw = json_writer__new(f);
	for (int i = 0; i <= JSON_WRITER_MAX_DEPTH; i++)
		json_writer__arr_begin(jw);
	ck_assert_int_eq(json_writer__err(jw), -E2BIG);
	json_writer__free(jw);
	fclose(f);
	free(buf);
	ck_assert_ptr_null(json_writer__new(NULL));
}
END_TEST

START_TEST(test_report_json_error_line)
{
	char path[160];
	FILE *f;

	snprintf(path, sizeof(path), "%s/error.json", dir);
	f = fopen(path, "w");
	ck_assert_int_eq(json_print_error(f, "unknown backend '%s'", "x\"<\n\x01"), 0);
	fclose(f);
	QUERY("json", path, "#", "0/error", "0");
	ANSWER_IS(0, "1", "one line");
	ANSWER_IS(1, "\"unknown backend 'x\\\"<\\n\\u0001'\"", "error");
	ANSWER_IS(2, "{\"error\": \"unknown backend 'x\\\"<\\n\\u0001'\"}", "only error");
	unlink(path);
}
END_TEST

/* ------------------------------------------------------------- escaping */

START_TEST(test_report_escape_xml_and_markdown)
{
	char path[160], mdpath[160];
	FILE *f;

	snprintf(path, sizeof(path), "%s/esc.xml", dir);
	f = fopen(path, "w");
	fputs("<r a=\"", f);
	escape_puts(f, NASTY_LABEL "\t\n", &escape_xml_attr);
	fputs("\"><t>", f);
	escape_puts(f, NASTY_LABEL "]]>\n", &escape_xml_text);
	fputs("</t></r>\n", f);
	ck_assert_int_eq(fclose(f), 0);
	QUERY("xml", path, "attr:.@a", "text:./t");
	ANSWER_IS(0, "\"" NASTY_JSON_BODY "\\t\\n\"", "attribute");
	ANSWER_IS(1, "\"" NASTY_JSON_BODY "]]>\\n\"", "text");

	snprintf(mdpath, sizeof(mdpath), "%s/esc.md", dir);
	f = fopen(mdpath, "w");
	fputs("# T\n\n| a | b |\n|---|---|\n| ", f);
	escape_puts(f, NASTY_LABEL "|*_`[x](y)#~!\n", &escape_md);
	fputs(" | 2 |\n", f);
	ck_assert_int_eq(fclose(f), 0);
	QUERY("md", mdpath, "rows:T", "cell:T/0/0", "cell:T/0/1");
	ANSWER_IS(0, "1", "one row: the pipe and newline did not break the table");
	ANSWER_IS(1, "\"" NASTY_JSON_BODY "|*_`[x](y)#~!\\\\x0a\"", "md cell");
	ANSWER_IS(2, "\"2\"", "second cell");
	unlink(path);
	unlink(mdpath);
}
END_TEST

/* ------------------------------------------------------------- the writers */

/* "\"name\"" of the verdict the session gave clone id. */
static const char *verdict_json(uint64_t id)
{
	static char buf[4][32];

	snprintf(buf[id % 4], sizeof(buf[0]), "\"%s\"", verdict_name(verdicts[id]));
	return buf[id % 4];
}

START_TEST(test_report_json_lines)
{
	struct tally t;

	run_scenario(&t);
	/* By construction: 4 breaks R-02, 5 never returns. */
	ck_assert_int_eq(verdicts[4], VERDICT_MISMATCH);
	ck_assert_int_eq(verdicts[5], VERDICT_INCOMPLETE);
	QUERY("json", f_json, "#", "5/type", "id=1/verdict", "id=2/verdict", "id=3/verdict",
	      "id=3/ret", "id=4/verdict", "id=4/checks", "id=4/checks_failed",
	      "id=4/checks_total", "id=5/verdict", "id=5/label", "id=5/comm", "id=5/child_pid",
	      "id=5/ret", "id=1/latency_ns/enter_newtask", "id=5/latency_ns",
	      "summary/exit_status", "summary/clones", "summary/lost/sched_wakeup_new",
	      "summary/kernel", "id=1/checks", "id=4/entry");
	ANSWER_IS(0, "6", "five clones and a summary");
	ANSWER_IS(1, "\"summary\"", "last line");
	ANSWER_IS(2, verdict_json(1), "fork");
	ANSWER_IS(3, verdict_json(2), "thread");
	ANSWER_IS(4, verdict_json(3), "einval");
	ANSWER_IS(5, "-22", "einval ret");
	ANSWER_IS(6, "\"mismatch\"", "doctored");
	ck_assert_msg(strstr(answers[7], "{\"rule\": \"R-02\", \"kind\": \"field\", \"stage\": "
					 "\"task_newtask\", \"field\": \"mm\", \"op\": \"new\", "
					 "\"expected\": -131391639515136, \"observed\": "
					 "-131391639515136, \"ok\": false}"),
		      "R-02 check: %s", answers[7]);
	ck_assert_msg(!strstr(answers[7], "\"ok\": true"), "only failed checks: %s", answers[7]);
	ck_assert_msg(answer_num(9) > answer_num(8) && answer_num(8) >= 1, "counts %s of %s",
		      answers[8], answers[9]);
	ANSWER_IS(10, "\"incomplete\"", "incomplete");
	ANSWER_IS(11, "\"<b>&\\\"q'\\\\\\u0001\\u001f\\u007f\\u00ff\"", "label escaped");
	ANSWER_IS(12, "\"c<&\\\"\\u0002\\u00e9\"", "comm escaped");
	ANSWER_IS(13, "101", "child pid");
	ANSWER_IS(14, "null", "no ret seen");
	ANSWER_IS(15, "21000", "latency");
	ANSWER_IS(16, "{\"enter_newtask\": 25000}", "only seen transitions");
	ANSWER_IS(17, "1", "exit status");
	{
		char want[200];

		snprintf(want, sizeof(want),
			 "{\"seen\": 5, \"judged\": 5, \"pass\": %lu, \"pass_allowed\": %lu, "
			 "\"mismatch\": %lu, \"incomplete\": %lu, "
			 "\"unjudged\": 0, \"in_progress\": 0, \"failed_syscalls\": 1}",
			 (unsigned long)t.by_verdict[VERDICT_PASS], (unsigned long)t.allowed,
			 (unsigned long)t.by_verdict[VERDICT_MISMATCH],
			 (unsigned long)t.by_verdict[VERDICT_INCOMPLETE]);
		ANSWER_IS(18, want, "clones");
	}
	ANSWER_IS(19, "2", "lost per point");
	ANSWER_IS(20, "\"6.18.44-test\"", "kernel");
	ANSWER_IS(21, "[]", "a pass lists no checks");
	ANSWER_IS(22, "\"fork\"", "entry");
	ck_assert_uint_eq(t.by_verdict[VERDICT_MISMATCH], 1);
}
END_TEST

START_TEST(test_report_json_summary_rules)
{
	struct tally t;
	char want[64];
	size_t i;

	run_scenario(&t);
	for (i = 0; i < t.n_rules && strcmp(t.rules[i].rule, "R-02"); i++)
		;
	ck_assert_uint_lt(i, t.n_rules);
	snprintf(want, sizeof(want), "%zu", t.n_rules);
	QUERY("json", f_json, "summary/rules_exercised", "summary/checks/failed",
	      "summary/undecodable", "summary/untracked", "summary/verdict");
	ANSWER_IS(0, want, "rules exercised");
	ck_assert_msg(answer_num(1) >= 1, "failed checks %s", answers[1]);
	ANSWER_IS(2, "1", "undecodable");
	ANSWER_IS(3, "3", "untracked");
	ANSWER_IS(4, "\"does_not_conform\"", "verdict");

	/* the R-02 row carries the tally's counts */
	snprintf(want, sizeof(want), "summary/rules/%zu/rule", i);
	{
		char q1[64], q2[64], q3[64];
		char c1[24], c2[24];

		snprintf(q1, sizeof(q1), "summary/rules/%zu/failed", i);
		snprintf(q2, sizeof(q2), "summary/rules/%zu/checked", i);
		snprintf(q3, sizeof(q3), "summary/rules/%zu/family", i);
		QUERY("json", f_json, want, q1, q2, q3);
		snprintf(c1, sizeof(c1), "%lu", (unsigned long)t.rules[i].failed);
		snprintf(c2, sizeof(c2), "%lu", (unsigned long)t.rules[i].checked);
		ANSWER_IS(0, "\"R-02\"", "rule");
		ANSWER_IS(1, c1, "R-02 failed");
		ANSWER_IS(2, c2, "R-02 checked");
		ANSWER_IS(3, "\"resources\"", "family");
	}
}
END_TEST

START_TEST(test_report_junit_schema_shape)
{
	struct run_info ri = scenario_info();
	struct report_summary *sum;
	size_t n_known = 0;
	long tests, fails, skips, rules_failing = 0;
	char r02[256], r02_failure[320];
	static struct tally t;

	run_scenario(&t);
	sum = scenario_summary(&ri, &t);
	n_known = sum->n_rules;
	ck_assert_ptr_nonnull(report_summary__rule(sum, "R-02"));
	snprintf(r02, sizeof(r02), "R-02 %s", report_summary__rule(sum, "R-02")->statement);
	report_summary__free(sum);
	for (size_t i = 0; i < t.n_rules; i++)
		rules_failing += t.rules[i].failed != 0;
	snprintf(r02_failure, sizeof(r02_failure),
		 "text:./testsuite/testcase[@name=\"%s\"]/failure", r02);
	QUERY("xml", f_junit, "count:./testsuite", "attr:.@tests", "attr:./testsuite@tests",
	      "count:./testsuite/testcase", "attr:./testsuite@failures",
	      "count:./testsuite/testcase/failure", "attr:./testsuite@skipped",
	      "count:./testsuite/testcase/skipped", "attr:./testsuite@errors",
	      "attr:./testsuite/properties/property[@name='kernel']@value",
	      "attr:./testsuite/properties/property[@name='backend']@value",
	      "attr:./testsuite/properties/property[@name='profile']@value",
	      "count:./testsuite/testcase[@classname='clonecheck.resources']",
	      "attr:./testsuite/testcase[@classname='clonecheck.resources']/failure@message",
	      r02_failure, "count:./testsuite/testcase[@classname='clonecheck.incomplete']/failure",
	      "attr:./testsuite/testcase[@classname='clonecheck.incomplete']@name",
	      "attr:./testsuite/testcase[@classname='clonecheck.run']/failure@message",
	      "count:./testsuite/testcase[@classname='clonecheck.incomplete']",
	      "attr:./testsuite@timestamp");
	ANSWER_IS(0, "1", "one testsuite");
	tests = answer_num(3);
	ck_assert_msg(!strcmp(answers[1], answers[2]), "testsuites/testsuite tests agree");
	ck_assert_msg(atol(answers[2] + 1) == tests, "tests=%s, %ld testcases", answers[2],
		      tests);
	/* a case per rule, per incomplete clone, and three for the run as a whole */
	ck_assert_int_eq(tests, (long)n_known + 1 + 3);
	fails = answer_num(5);
	ck_assert_msg(atol(answers[4] + 1) == fails, "failures=%s, %ld failures", answers[4],
		      fails);
	/* failing rules (R-02 among them), the incomplete clone, the lost records */
	ck_assert_int_ge(rules_failing, 1);
	ck_assert_int_eq(fails, rules_failing + 2);
	skips = answer_num(7);
	ck_assert_msg(atol(answers[6] + 1) == skips, "skipped=%s, %ld", answers[6], skips);
	ck_assert_int_gt(skips, 0);
	ANSWER_IS(8, "\"0\"", "errors");
	ANSWER_IS(9, "\"6.18.44-test\"", "kernel property");
	ANSWER_IS(10, "\"tracepoint (fixture)\"", "backend property");
	ANSWER_IS(11, "\"6.18/x86_64\"", "profile property");
	ck_assert_int_ge(answer_num(12), 2);	/* R- rules are classed as resources */
	ck_assert_msg(strstr(answers[13], " checks failed\""), "R-02 message: %s", answers[13]);
	ck_assert_msg(strstr(answers[14], "clone #4 (doctored): task_newtask.mm = 0xffff888000001000"
					  ", predicted new, != 0xffff888000001000"),
		      "observed vs predicted: %s", answers[14]);
	ANSWER_IS(15, "1", "the incomplete clone fails");
	ANSWER_IS(16, "\"clone #5 " NASTY_JSON_BODY ": fork by 100\"", "incomplete case name");
	ANSWER_IS(17, "\"2 lost, 1 undecodable\"", "delivery failure");
	ANSWER_IS(18, "1", "one incomplete clone");
	ck_assert_msg(strlen(answers[19]) == 21 && answers[19][11] == 'T',
		      "timestamp: %s", answers[19]);
}
END_TEST

START_TEST(test_report_html_structure)
{
	char want[32];

	run_scenario(NULL);
	snprintf(want, sizeof(want), "%zu", scenario_n_rules());
	/* Written well-formed, so a strict XML parser reads it. */
	QUERY("xml", f_html, "count:.//table[@id='rule-table']/tbody/tr",
	      "attr:.//table[@id='rule-table']/tbody/tr[@data-rule='R-02']@class",
	      "texts:.//table[@id='case-table']/tbody/tr/td[1]",
	      "count:.//table[@id='case-table']/tbody/tr",
	      "text:.//p[@id='verdict']",
	      "count:.//{http://www.w3.org/2000/svg}g[@class='span']",
	      "count:.//{http://www.w3.org/2000/svg}circle",
	      "count:.//{http://www.w3.org/2000/svg}svg[@id='coverage-chart']",
	      "texts:.//table[@id='finding-table']/tbody/tr/td[8]",
	      "count:.//table[@id='case-table']//b", "text:.//head/title",
	      "count:.//script", "count:.//*[@src]", "count:.//*[@href]",
	      "attr:.//{http://www.w3.org/2000/svg}g[@data-span='enter_newtask']@data-n");
	ANSWER_IS(0, want, "a row per catalogue rule");
	ANSWER_IS(1, "\"fail\"", "R-02 row");
	ck_assert_msg(strstr(answers[2], NASTY_LABEL_TEXT_JSON), "case label text: %s want %s",
		      answers[2], NASTY_LABEL_TEXT_JSON);
	ck_assert_msg(strstr(answers[2], "\"doctored\""), "cases: %s", answers[2]);
	ANSWER_IS(3, "5", "five cases");
	ANSWER_IS(4, "\"DOES NOT CONFORM (or not fully observed)\"", "verdict");
	ANSWER_IS(5, "3", "three transitions");
	/* 4 enter->newtask (not 3), 3 newtask->wakeup and 3 wakeup->child ret (1, 2, 4) */
	ANSWER_IS(6, "10", "one dot per clone and transition");
	ANSWER_IS(7, "1", "coverage chart");
	ck_assert_msg(strstr(answers[8],
			     "task_newtask.mm = 0xffff888000001000, predicted new, != "
			     "0xffff888000001000"),
		      "finding: %s", answers[8]);
	ANSWER_IS(9, "0", "no element injected by a label");
	ANSWER_IS(10, "\"clonecheck: 6.18.44-test does not conform\"", "title");
	ANSWER_IS(11, "0", "no script");
	ANSWER_IS(12, "0", "no external assets (src)");
	ANSWER_IS(13, "0", "no external assets (href)");
	ANSWER_IS(14, "\"4\"", "samples of enter_newtask (3 failed: no child)");
}
END_TEST

START_TEST(test_report_markdown_tables)
{
	char want[32];

	run_scenario(NULL);
	snprintf(want, sizeof(want), "%zu", scenario_n_rules());
	QUERY("md", f_md, "rows:Rules", "rows:Workload cases", "cell:Workload cases/4/0",
	      "cell:Workload cases/3/4", "rows:Mismatches and incomplete clones",
	      "rows:Latency of each transition, per clone", "cell:Lost records and incomplete clones/3/1",
	      "rows:Rule coverage");
	ANSWER_IS(0, want, "a row per catalogue rule");
	ANSWER_IS(1, "5", "five cases");
	/* first-seen order: 3 (fails at once), then the flush: 1, 2, 4, 5 */
	ck_assert_msg(!strcmp(answers[2], NASTY_LABEL_TEXT_JSON) ||
			      strstr(answers[2], "doctored") || strstr(answers[2], "fork"),
		      "a case cell: %s", answers[2]);
	ck_assert_int_ge(answer_num(5), 3);
	ck_assert_int_ge(answer_num(4), 2);	/* R-02 row and the incomplete clone */
	ANSWER_IS(6, "\"2\"", "lost at sched_wakeup_new");
	ck_assert_int_ge(answer_num(7), 2);
	/* the label survives, rendered, somewhere in the case column */
	{
		char q[5][40];
		const char *qs[5];
		bool found = false;

		for (int i = 0; i < 5; i++) {
			snprintf(q[i], sizeof(q[i]), "cell:Workload cases/%d/0", i);
			qs[i] = q[i];
		}
		query("md", f_md, qs, 5);
		for (int i = 0; i < 5; i++)
			found |= !strcmp(answers[i], NASTY_LABEL_TEXT_JSON);
		ck_assert_msg(found, "label %s not among the cases", NASTY_LABEL_TEXT_JSON);
	}
}
END_TEST

START_TEST(test_report_parser_rejects_broken_output)
{
	char path[160], msg[512];
	const char *q[] = { "#" };
	FILE *f;

	/* The parse-back is a real check: broken files make it fail. */
	snprintf(path, sizeof(path), "%s/broken", dir);
	f = fopen(path, "w");
	fputs("{\"type\":\"clone\",\"label\":\"a\x01\"}\n", f);
	fclose(f);
	ck_assert_int_eq(parse_back("json", path, q, 1, msg, sizeof(msg)), 1);
	f = fopen(path, "w");
	fputs("<testsuites><testsuite name=\"a<b\"/></testsuites>\n", f);
	fclose(f);
	ck_assert_int_eq(parse_back("xml", path, q, 0, msg, sizeof(msg)), 1);
	f = fopen(path, "w");
	fputs("# T\n\n| a | b |\n|---|---|\n| x|y | z |\n", f);
	fclose(f);
	ck_assert_int_eq(parse_back("md", path, q, 0, msg, sizeof(msg)), 1);
	unlink(path);
}
END_TEST

#ifdef WITH_LIVE
/* A real browser (Debian's chromium) loads the report; the DOM has the tables. */
START_TEST(test_report_html_chromium_dom)
{
	char want[32];

	run_scenario(NULL);
	snprintf(want, sizeof(want), "%zu", scenario_n_rules());
	QUERY("dom", f_html, "count:.//table[@id='rule-table']/tbody/tr",
	      "texts:.//table[@id='case-table']/tbody/tr/td[1]",
	      "count:.//table[@id='case-table']//b", "count:.//svg", "count:.//svg//circle",
	      "text:.//p[@id='verdict']",
	      "attr:.//table[@id='rule-table']/tbody/tr[@data-rule='R-02']@class");
	ANSWER_IS(0, want, "rule table rows in the DOM");
	ck_assert_msg(strstr(answers[1], NASTY_LABEL_TEXT_JSON), "label as text: %s", answers[1]);
	ANSWER_IS(2, "0", "label injected no element");
	ANSWER_IS(3, "2", "two inline SVG charts");
	ANSWER_IS(4, "10", "latency dots");
	ANSWER_IS(5, "\"DOES NOT CONFORM (or not fully observed)\"", "verdict");
	ANSWER_IS(6, "\"fail\"", "R-02 row");
}
END_TEST
#endif

/* Exit status: everything judged and passed is 0; anything unseen is 1. */
START_TEST(test_report_exit_status)
{
	struct run_info ri = {};
	static struct tally t;

	tally_init(&t);
	t.clones = 3;
	t.by_verdict[VERDICT_PASS] = 3;
	ck_assert_int_eq(report_exit_status(&ri, &t), 0);
	ri.cases_unseen = 1;	/* a workload case made no judged clone */
	ck_assert_int_eq(report_exit_status(&ri, &t), 1);
	ri.cases_unseen = 0;
	ri.lost_total = 1;
	ck_assert_int_eq(report_exit_status(&ri, &t), 1);
	ri.lost_total = 0;
	ri.undecodable = 1;
	ck_assert_int_eq(report_exit_status(&ri, &t), 1);
	ri.undecodable = 0;
	t.by_verdict[VERDICT_INCOMPLETE] = 1;
	ck_assert_int_eq(report_exit_status(&ri, &t), 1);
	t.by_verdict[VERDICT_INCOMPLETE] = 0;
	t.by_verdict[VERDICT_UNJUDGED] = 2;	/* kernel threads: counted, not failing */
	t.clones = 5;
	ck_assert_int_eq(report_exit_status(&ri, &t), 0);
	/* nothing judged: only unjudged clones, or none at all, is not CONFORMS */
	t.by_verdict[VERDICT_PASS] = 0;
	t.clones = 2;
	ck_assert_int_eq(report_exit_status(&ri, &t), 1);
	tally_init(&t);
	ck_assert_int_eq(report_exit_status(&ri, &t), 1);
}
END_TEST

/* Write one report of format ops from s to path (begin, end, close). */
static void write_report(const struct report_ops *ops, const char *path,
			 const struct report_summary *s)
{
	struct report r;

	ck_assert_int_eq(report_open(&r, ops, path), 0);
	ck_assert_int_eq(r.ops->begin(&r, s->ri), 0);
	ck_assert_int_eq(reports_end(&r, 1, s, 0), 0);
	ck_assert_int_eq(report_close(&r), 0);
}

/* The whole of a small file, NUL-terminated (static buffer). */
static const char *slurp(const char *path)
{
	static char buf[1 << 16];
	FILE *f = fopen(path, "r");
	size_t n;

	ck_assert_msg(f, "%s: %s", path, strerror(errno));
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* A run that judged no clone has its own verdict, and exit status 1. */
START_TEST(test_report_nothing_judged)
{
	struct run_info ri = scenario_info();
	static struct tally t;
	struct report_summary *s;
	char path[160];

	ri.lost[OBS_WAKEUP] = ri.lost_total = ri.undecodable = 0;
	tally_init(&t);
	t.clones = 1;
	t.by_verdict[VERDICT_UNJUDGED] = 1;	/* a kernel thread: not judged */
	s = scenario_summary(&ri, &t);
	ck_assert_int_eq(s->verdict, REPORT_NOTHING_JUDGED);
	ck_assert_int_eq(s->exit_status, 1);
	ck_assert_uint_eq(s->judged, 0);
	ck_assert(!s->run[RUN_CHECK_JUDGED].ok);
	ck_assert(s->run[RUN_CHECK_COMPLETE].ok && s->run[RUN_CHECK_DELIVERED].ok);
	ck_assert_str_eq(report_verdict_line(s->verdict), "NO CLONE JUDGED");

	snprintf(path, sizeof(path), "%s/nothing.txt", dir);
	write_report(&report_text_ops, path, s);
	ck_assert_msg(strstr(slurp(path), "\nverdict  NO CLONE JUDGED\n"), "%s", slurp(path));
	unlink(path);

	write_report(&report_ktap_ops, f_ktap, s);
	QUERY("ktap", f_ktap, "result:clones_judged", "count:not ok", "tail");
	ANSWER_IS(0, "\"not ok\"", "clones_judged");
	ANSWER_IS(1, "1", "the only failing test");
	ck_assert_msg(strstr(answers[2], "verdict NO CLONE JUDGED; exit status 1"), "%s",
		      answers[2]);
	report_summary__free(s);
}
END_TEST

/*
 * The text report lists every injected fault: the case, the kind and its
 * hook, the signal or errno, the cookie, the errno checked by its rule and
 * the unwinding A.4 checked.  A spent plan (the restarted syscall) is no
 * injection and is not listed.
 */
START_TEST(test_report_text_injected)
{
	struct run_info ri = scenario_info();
	struct model_profile prof = fx_profile();
	static struct tally t;
	static struct clone_verdict v;
	static struct model_pred pred;
	struct obs o[OBS__COUNT], f[2];
	struct clone_obs co, spent;
	struct report_summary *s;
	struct report r;
	const char *text;
	char path[160];

	fx_fork(o, 1);
	o[OBS_SYS_ENTER].enter.parent.valid |= MODEL_IN_SIGNALS;
	o[OBS_SYS_ENTER].enter.parent.blocked = 0;
	o[OBS_SYS_ENTER].enter.parent.inject =
		MODEL_INJ_WORD(MODEL_INJ_SIGNAL_GATE, 10, 0, 0x5eed1e55u);
	f[0] = o[OBS_SYS_ENTER];
	f[1] = o[OBS_SYS_EXIT];
	f[1].ret.ret = -513;
	fx_assemble(&co, f, 2);
	ck_assert_int_eq(predict_clone(&prof, &co, &pred), 0);
	diff_clone(&prof, &pred, &co, 0, &v);
	ck_assert_int_eq(v.verdict, VERDICT_PASS);

	tally_init(&t);
	tally_add(&t, &v);
	s = scenario_summary(&ri, &t);
	snprintf(path, sizeof(path), "%s/injected.txt", dir);
	ck_assert_int_eq(report_open(&r, &report_text_ops, path), 0);
	ck_assert_int_eq(r.ops->begin(&r, s->ri), 0);
	ck_assert_int_eq(r.ops->clone(&r, &co, &v, "inject_signal_gate"), 0);
	/* the restart: the same plan, spent */
	o[OBS_SYS_ENTER].enter.parent.inject |= MODEL_INJ_WORD(0, 0, MODEL_INJ_F_SPENT, 0);
	fx_assemble(&spent, o, OBS__COUNT);
	ck_assert_int_eq(r.ops->clone(&r, &spent, &v, "restarted_not_listed"), 0);
	ck_assert_int_eq(reports_end(&r, 1, s, 0), 0);
	ck_assert_int_eq(report_close(&r), 0);
	text = slurp(path);
	ck_assert_msg(strstr(text, "\ninjected (") &&
		      strstr(text, "  inject_signal_gate: signal_gate at sys_enter "
				   "(bpf_send_signal_thread), signal 10, cookie 5eed1e55\n") &&
		      strstr(text, "    V-20  ret -513, predicted -513: pass\n") &&
		      strstr(text, "    A.4   unwound: 4 of 4 child points absent") &&
		      !strstr(text, "restarted_not_listed"), "%s", text);
	unlink(path);

	/* JSON Lines: the injected clone's "injected" object, none on the restart */
	spent.enter.parent.inject = 0;
	ck_assert_int_eq(report_open(&r, &report_json_ops, f_json), 0);
	ck_assert_int_eq(r.ops->begin(&r, s->ri), 0);
	ck_assert_int_eq(r.ops->clone(&r, &co, &v, "inject_signal_gate"), 0);
	ck_assert_int_eq(r.ops->clone(&r, &spent, &v, "restarted_not_listed"), 0);
	ck_assert_int_eq(reports_end(&r, 1, s, 0), 0);
	ck_assert_int_eq(report_close(&r), 0);
	QUERY("json", f_json, "0/injected/kind", "0/injected/hook", "0/injected/rule",
	      "0/injected/signal", "0/injected/cookie", "1/injected");
	ANSWER_IS(0, "\"signal_gate\"", "kind");
	ANSWER_IS(1, "\"sys_enter (bpf_send_signal_thread)\"", "hook");
	ANSWER_IS(2, "\"V-20\"", "rule");
	ANSWER_IS(3, "10", "signal");
	ANSWER_IS(4, "1592598101", "cookie 0x5eed1e55");
	ANSWER_IS(5, "\"<absent>\"", "not injected");
	report_summary__free(s);
}
END_TEST

/*
 * A clone whose outcome held only as an allowed alternative names, in JSON,
 * the rule of the cause the model could not see ("allowed_by"); a decided
 * clone has null.  A fork that failed with ENOMEM (V-21, an allocation) and
 * one that failed with the EINVAL the model decided.
 */
START_TEST(test_report_json_allowed_by)
{
	struct run_info ri = scenario_info();
	struct model_profile prof = fx_profile();
	static struct tally t;
	static struct clone_verdict v[2];
	static struct model_pred pred;
	struct obs f[2];
	struct clone_obs co[2];
	struct report_summary *s;
	struct report r;

	fx_sighand_no_vm(f, 1);
	f[0].enter.args[0] = 17;		/* a plain fork (SIGCHLD) ... */
	f[1].ret.ret = -ENOMEM;			/* ... that found no memory */
	fx_assemble(&co[0], f, 2);
	fx_sighand_no_vm(f, 2);			/* SIGHAND without VM: EINVAL, decided */
	fx_assemble(&co[1], f, 2);
	tally_init(&t);
	for (int i = 0; i < 2; i++) {
		ck_assert_int_eq(predict_clone(&prof, &co[i], &pred), 0);
		diff_clone(&prof, &pred, &co[i], 0, &v[i]);
		ck_assert_int_eq(v[i].verdict, VERDICT_PASS);
		tally_add(&t, &v[i]);
	}
	ck_assert(v[0].allowed && !v[1].allowed);
	s = scenario_summary(&ri, &t);
	ck_assert_int_eq(report_open(&r, &report_json_ops, f_json), 0);
	ck_assert_int_eq(r.ops->begin(&r, s->ri), 0);
	ck_assert_int_eq(r.ops->clone(&r, &co[0], &v[0], "enomem"), 0);
	ck_assert_int_eq(r.ops->clone(&r, &co[1], &v[1], "einval"), 0);
	ck_assert_int_eq(reports_end(&r, 1, s, 0), 0);
	ck_assert_int_eq(report_close(&r), 0);
	QUERY("json", f_json, "0/allowed_by", "1/allowed_by", "0/verdict", "summary/clones/pass_allowed");
	ANSWER_IS(0, "\"V-21\"", "allowed ENOMEM");
	ANSWER_IS(1, "null", "decided EINVAL");
	ANSWER_IS(2, "\"pass\"", "verdict");
	ANSWER_IS(3, "1", "summary count");
	report_summary__free(s);
}
END_TEST

/*
 * Each check kind has its own honest label in JSON: a field and its
 * operator, the return value, a point that must not or must fire, and an
 * ordering (which names the stage that must come first).
 */
START_TEST(test_report_json_check_labels)
{
	static struct clone_verdict v;
	static struct clone_obs co;
	struct report r;
	struct report_summary *s;
	struct run_info ri = scenario_info();
	static struct tally t;
	const struct diff_check checks[] = {
		{ .kind = CHECK_FIELD, .rule = "R-02", .stage = MODEL_STAGE_NEWTASK,
		  .field = MODEL_FIELD_MM, .op = MODEL_OP_NEW, .expected = 1, .observed = 1 },
		{ .kind = CHECK_RET, .rule = "V-13", .stage = MODEL_STAGE_SYS_EXIT,
		  .expected = -22, .observed = 0 },
		{ .kind = CHECK_ABSENT, .rule = "A.4", .stage = MODEL_STAGE_FORK, .observed = 1 },
		{ .kind = CHECK_ORDER, .rule = "D.1", .stage = MODEL_STAGE_WAKEUP,
		  .before = MODEL_STAGE_NEWTASK, .expected = 200, .observed = 100 },
		{ .kind = CHECK_PRESENT, .rule = "O-04", .stage = MODEL_STAGE_WAKEUP },
	};

	v.clone_id = 7;
	v.entry = OBS_ENTRY_FORK;
	v.verdict = VERDICT_MISMATCH;
	v.n_checks = ARRAY_SIZE(checks);
	memcpy(v.checks, checks, sizeof(checks));
	tally_init(&t);
	tally_add(&t, &v);
	s = scenario_summary(&ri, &t);
	ck_assert_int_eq(report_open(&r, &report_json_ops, f_json), 0);
	ck_assert_int_eq(r.ops->begin(&r, &ri), 0);
	ck_assert_int_eq(r.ops->clone(&r, &co, &v, NULL), 0);
	ck_assert_int_eq(reports_end(&r, 1, s, 0), 0);
	ck_assert_int_eq(report_close(&r), 0);
	report_summary__free(s);
	QUERY("json", f_json, "id=7/checks_failed", "id=7/checks/0/field", "id=7/checks/0/op",
	      "id=7/checks/1/field", "id=7/checks/1/op", "id=7/checks/2/field",
	      "id=7/checks/2/op", "id=7/checks/3/field", "id=7/checks/3/op",
	      "id=7/checks/3/before", "id=7/checks/4/field", "id=7/checks/4/op",
	      "id=7/checks/4/kind", "id=7/checks/3/kind", "id=7/checks/0/before");
	ANSWER_IS(0, "5", "five failing checks");
	ANSWER_IS(1, "\"mm\"", "field check: field");
	ANSWER_IS(2, "\"new\"", "field check: operator");
	ANSWER_IS(3, "\"ret\"", "return check: field");
	ANSWER_IS(4, "\"eq_or_allowed\"", "return check: predicted or an allowed errno");
	ANSWER_IS(5, "null", "absent: no field");
	ANSWER_IS(6, "\"absent\"", "absent");
	ANSWER_IS(7, "null", "order: no field");
	ANSWER_IS(8, "\"after\"", "order");
	ANSWER_IS(9, "\"task_newtask\"", "order: the stage that comes first");
	ANSWER_IS(10, "null", "present: no field");
	ANSWER_IS(11, "\"present\"", "present");
	ANSWER_IS(12, "\"present\"", "kind present");
	ANSWER_IS(13, "\"order\"", "kind order");
	ANSWER_IS(14, "\"<absent>\"", "only an ordering names a stage before");
}
END_TEST

/* The rule's row in s, which must exist. */
static const struct report_rule *rule_of(const struct report_summary *s, const char *id)
{
	const struct report_rule *r = report_summary__rule(s, id);

	ck_assert_msg(r, "no row for %s", id);
	return r;
}

/*
 * Honest coverage: exercised over the rules that apply (not over what the
 * model decides), and every applicable rule not exercised in one class.
 */
START_TEST(test_report_summary_coverage)
{
	struct run_info ri = scenario_info();
	static struct tally t;
	struct report_summary *s;
	size_t applicable = 0, exercised = 0, decided = 0, classed = 0;

	run_scenario(&t);
	s = scenario_summary(&ri, &t);
	for (size_t i = 0; i < s->n_rules; i++) {
		const struct report_rule *r = &s->rules[i];

		ck_assert_msg(r->tally == tally_find(&t, r->id), "%s: tally", r->id);
		if (!r->applies)
			continue;
		applicable++;
		exercised += r->tally != NULL;
		decided += r->decided;
	}
	for (int c = 0; c < REPORT_CLASS__COUNT; c++)
		classed += s->not_exercised[c];
	ck_assert_uint_eq(s->all.applicable, applicable);
	ck_assert_uint_eq(s->all.exercised, exercised);
	ck_assert_uint_eq(s->all.decided, decided);
	ck_assert_uint_eq(classed, applicable - exercised);
	ck_assert_uint_gt(applicable, decided);	/* not the tool's own choice */
	ck_assert_uint_eq(exercised, t.n_rules);	/* every rule checked applies */
	/* one rule of each class, from today's catalogue */
	ck_assert_int_eq(rule_of(s, "V-10")->class, REPORT_CLASS_DECIDED);
	ck_assert_int_eq(rule_of(s, "R-01")->class, REPORT_CLASS_COPY_ARGS);
	ck_assert_int_eq(rule_of(s, "V-21")->class, REPORT_CLASS_FAULT);
	ck_assert_int_eq(rule_of(s, "V-47")->class, REPORT_CLASS_RACY);
	ck_assert_int_eq(rule_of(s, "V-44")->class, REPORT_CLASS_UNOBSERVABLE);
	ck_assert_int_eq(rule_of(s, "R-43")->class, REPORT_CLASS_RESTATES);
	ck_assert(!rule_of(s, "V-16")->applies);	/* removed in 6.2 */
	ck_assert(rule_of(s, "R-02")->tally && rule_of(s, "R-02")->tally->failed);
	ck_assert_uint_eq(s->failed, rule_of(s, "R-02")->tally->failed);
	report_summary__free(s);

	/* JSON: the same counts, and each rule not exercised with its class */
	{
		char q[4][64];
		size_t k = 0, i_v47 = 0, i_r01 = 0;

		s = scenario_summary(&ri, &t);
		for (size_t i = 0; i < s->n_rules; i++) {
			if (!s->rules[i].applies || s->rules[i].tally)
				continue;
			i_v47 = strcmp(s->rules[i].id, "V-47") ? i_v47 : k;
			i_r01 = strcmp(s->rules[i].id, "R-01") ? i_r01 : k;
			k++;
		}
		report_summary__free(s);
		snprintf(q[0], sizeof(q[0]), "summary/not_exercised/%zu", i_v47);
		snprintf(q[1], sizeof(q[1]), "summary/not_exercised/%zu/class", i_r01);
		snprintf(q[2], sizeof(q[2]), "summary/not_exercised/%zu", k - 1);
		snprintf(q[3], sizeof(q[3]), "summary/not_exercised/%zu", k);
		QUERY("json", f_json, "summary/rules_applicable", "summary/rules_exercised", q[0],
		      q[1], q[2], q[3], "summary/run_checks/0/check", "summary/run_checks/2/ok");
	}
	ck_assert_int_eq(answer_num(0), (long)applicable);
	ck_assert_int_eq(answer_num(1), (long)exercised);
	ck_assert_msg(!strncmp(answers[2],
			       "{\"rule\": \"V-47\", \"class\": \"racy\", \"reason\": \"a racing", 53),
		      "%s", answers[2]);
	ANSWER_IS(3, "\"needs_fentry_kprobe\"", "R-01");
	ck_assert_msg(answers[4][0] == '{', "the last rule not exercised: %s", answers[4]);
	ANSWER_IS(5, "\"<absent>\"", "one entry per rule not exercised");
	ANSWER_IS(6, "\"clones_judged\"", "run checks");
	ANSWER_IS(7, "false", "records lost: delivery fails");

	/* the backend decides: tracepoints cannot see copy_process's arguments */
	ri.points = ~OBS_BIT(OBS_COPY_ENTER);
	s = scenario_summary(&ri, &t);
	ck_assert(!rule_of(s, "R-01")->decided);
	ck_assert_int_eq(rule_of(s, "R-01")->class, REPORT_CLASS_COPY_ARGS);
	report_summary__free(s);
	ri.points = ~0u;
	s = scenario_summary(&ri, &t);
	ck_assert(rule_of(s, "R-01")->decided);
	ck_assert_int_eq(rule_of(s, "R-01")->class, REPORT_CLASS_DECIDED);
	report_summary__free(s);
	/* ... except from the creator's context: a kernel thread judged so decides R-01 */
	ck_assert_uint_lt(t.n_rules, TALLY_MAX_RULES);
	t.rules[t.n_rules++] = (struct rule_tally){ .rule = "R-01", .checked = 1, .passed = 1 };
	ri.points = ~OBS_BIT(OBS_COPY_ENTER);
	s = scenario_summary(&ri, &t);
	ck_assert(rule_of(s, "R-01")->decided);
	ck_assert_int_eq(rule_of(s, "R-01")->class, REPORT_CLASS_DECIDED);
	ck_assert(!rule_of(s, "R-28")->decided);	/* not reached: still the backend's */
	ck_assert_int_eq(rule_of(s, "R-28")->class, REPORT_CLASS_COPY_ARGS);
	report_summary__free(s);
	t.n_rules--;
}
END_TEST

/* The format of a report file comes from its extension, and only from it. */
START_TEST(test_report_format_of)
{
	ck_assert_ptr_eq(report_format_of("a/r.html"), &report_html_ops);
	ck_assert_ptr_eq(report_format_of("r.htm"), &report_html_ops);
	ck_assert_ptr_eq(report_format_of("r.md"), &report_md_ops);
	ck_assert_ptr_eq(report_format_of("junit.xml"), &report_junit_ops);
	ck_assert_ptr_eq(report_format_of("r.json"), &report_json_ops);
	ck_assert_ptr_eq(report_format_of("r.jsonl"), &report_json_ops);
	ck_assert_ptr_eq(report_format_of("r.ktap"), &report_ktap_ops);
	ck_assert_ptr_eq(report_format_of("r.txt"), &report_text_ops);
	ck_assert_ptr_null(report_format_of("r.pdf"));
	ck_assert_ptr_null(report_format_of("report"));
	ck_assert_ptr_null(report_format_of("dir.html/report"));
	ck_assert_ptr_null(report_format_of("dir/.md"));
	ck_assert_ptr_null(report_format_of("r.HTML"));
}
END_TEST

/* One report's life on /dev/null: begin, 50 clones, maybe end, close. */
static void report_life(const struct report_ops *ops, const struct run_info *ri,
			const struct report_summary *s, bool ends)
{
	static struct clone_verdict v[2];
	static struct clone_obs co;
	struct report r;

	v[0].clone_id = 1;
	v[0].verdict = VERDICT_MISMATCH;
	v[0].n_checks = 1;
	v[0].checks[0] = (struct diff_check){ .kind = CHECK_RET, .rule = "V-13",
					      .stage = MODEL_STAGE_SYS_EXIT, .expected = -22 };
	v[1].clone_id = 2;
	v[1].verdict = VERDICT_INCOMPLETE;
	v[1].missing = MODEL_STAGE_BIT(MODEL_STAGE_WAKEUP);
	co.seen = OBS_BIT(OBS_SYS_ENTER) | OBS_BIT(OBS_NEWTASK);
	co.ts[OBS_NEWTASK] = 1000;
	ck_assert_int_eq(report_open(&r, ops, "/dev/null"), 0);
	ck_assert_int_eq(r.ops->begin(&r, ri), 0);
	for (int k = 0; k < 50; k++)
		ck_assert_int_eq(r.ops->clone(&r, &co, &v[k % 2], "a label"), 0);
	if (ends)
		ck_assert_int_eq(reports_end(&r, 1, s, 0), 0);
	ck_assert_int_eq(report_close(&r), 0);
	ck_assert_ptr_null(r.priv);
}

/*
 * A run that ends in an error never calls end(): closing the report hands
 * the writer's state to its discard(), and a run that ends normally leaves
 * none.  (That nothing leaks either way, LeakSanitizer checks on the CLI:
 * test_report_cli_no_leaks.)
 */
START_TEST(test_report_close_discards)
{
	const struct report_ops *ops[] = { &report_text_ops, &report_json_ops, &report_junit_ops,
					   &report_html_ops, &report_md_ops, &report_ktap_ops };
	struct run_info ri = scenario_info();
	static struct tally t;
	struct report_summary *s;

	tally_init(&t);
	s = scenario_summary(&ri, &t);
	for (size_t i = 0; i < ARRAY_SIZE(ops); i++) {
		ck_assert_msg(ops[i] == &report_text_ops || ops[i]->discard, "%s: no discard",
			      ops[i]->name);
		report_life(ops[i], &ri, s, false);
		report_life(ops[i], &ri, s, true);
	}
	report_summary__free(s);
}
END_TEST

/*
 * A report that cannot be written is an error with its real errno, never
 * "Input/output error": a full disk is ENOSPC, a closed or read-only
 * stdout EBADF.  (Checked in a child: it changes fd 1.)
 */
START_TEST(test_report_write_errors_keep_errno)
{
	struct run_info ri = scenario_info();
	static struct tally t;
	struct report_summary *s;
	struct report r;
	int st;
	pid_t pid;

	freopen("/dev/null", "w", stderr);	/* the errors are said there */
	tally_init(&t);
	s = scenario_summary(&ri, &t);
	for (size_t i = 0; i < 2; i++) {
		const struct report_ops *ops = i ? &report_html_ops : &report_text_ops;

		ck_assert_int_eq(report_open(&r, ops, "/dev/full"), 0);
		ck_assert_int_eq(r.ops->begin(&r, &ri), 0);
		ck_assert_int_eq(reports_end(&r, 1, s, 0), -ENOSPC);
		ck_assert_int_eq(report_close(&r), -ENOSPC);
	}

	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (!pid) {
		int fd = open("/dev/null", O_RDONLY);

		/* stdout open for reading only: every write fails with EBADF */
		if (fd < 0 || dup2(fd, STDOUT_FILENO) < 0 ||
		    report_open(&r, &report_json_ops, NULL) || r.ops->begin(&r, &ri))
			_exit(10);
		if (reports_end(&r, 1, s, 0) != -EBADF || report_close(&r) != -EBADF)
			_exit(11);
		/* stdout closed: refused at once, and no later open() gets fd 1 */
		close(STDOUT_FILENO);
		if (report_open(&r, &report_text_ops, NULL) != -EBADF)
			_exit(12);
		_exit(0);
	}
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child: %d", WEXITSTATUS(st));
	report_summary__free(s);
}
END_TEST

/* KTAP: one test per rule, the clone-level details as diagnostic lines. */
START_TEST(test_report_ktap)
{
	char want[32];
	static struct tally t;
	long rules_failing = 0;

	run_scenario(&t);
	for (size_t i = 0; i < t.n_rules; i++)
		rules_failing += t.rules[i].failed != 0;
	snprintf(want, sizeof(want), "%zu", scenario_n_rules() + RUN_CHECK__COUNT);
	QUERY("ktap", f_ktap, "plan", "result:R-02", "diag:R-02", "result:clones_complete",
	      "diag:clones_complete", "result:records_delivered", "diag:records_delivered",
	      "result:clones_judged", "directive:V-47", "directive:V-16", "count:not ok",
	      "tail", "result:V-13", "head", "result:workload_cases_judged", "names");
	ANSWER_IS(0, want, "a test per rule and per run check");
	ANSWER_IS(1, "\"not ok\"", "R-02 fails");
	ck_assert_msg(strstr(answers[2], "clone #4 (doctored): task_newtask.mm = "
					 "0xffff888000001000, predicted new, != 0xffff888000001000"),
		      "R-02 details: %s", answers[2]);
	ANSWER_IS(3, "\"not ok\"", "the incomplete clone");
	ck_assert_msg(strstr(answers[4], "clone #5 (<b>&") &&
			      strstr(answers[4], "sched_wakeup_new not seen"),
		      "incomplete details: %s", answers[4]);
	ANSWER_IS(5, "\"not ok\"", "lost records");
	ck_assert_msg(strstr(answers[6], "lost at sched_wakeup_new: 2"), "%s", answers[6]);
	ANSWER_IS(7, "\"ok\"", "clones judged");
	ck_assert_msg(!strncmp(answers[8], "[\"SKIP\", \"racy by nature: ", 26), "%s", answers[8]);
	ck_assert_msg(!strncmp(answers[9], "[\"SKIP\", \"does not apply to this kernel", 39), "%s",
		      answers[9]);
	ck_assert_int_eq(answer_num(10), rules_failing + 2);
	ck_assert_msg(strstr(answers[11], "verdict DOES NOT CONFORM (or not fully observed); "
					  "exit status 1"),
		      "%s", answers[11]);
	ck_assert_msg(strstr(answers[11], "Totals: pass:"), "%s", answers[11]);
	ANSWER_IS(12, "\"ok\"", "V-13 passes");
	ck_assert_msg(strstr(answers[13], "kernel 6.18.44-test x86_64; backend tracepoint"),
		      "%s", answers[13]);
	ANSWER_IS(14, "\"ok\"", "cases");
	ck_assert_msg(!strncmp(answers[15], "[\"V-01\", \"V-02\", ", 17), "%s", answers[15]);
}
END_TEST

/* The KTAP parser is a real check: broken files make it fail. */
START_TEST(test_report_ktap_parser_rejects)
{
	static const char *const broken[] = {
		"1..1\nok 1 a\n",			/* no version line */
		"KTAP version 1\nok 1 a\n",		/* no plan */
		"KTAP version 1\n1..2\nok 1 a\n",	/* fewer results than planned */
		"KTAP version 1\n1..2\nok 1 a\nok 3 b\n",	/* numbering skips */
		"KTAP version 1\n1..1\nok 1 a\nstray\n",	/* an unknown line */
		"KTAP version 1\n1..1\nok 1 a # TIMEOUT 3 s\n", /* TIMEOUT on ok */
		"KTAP version 1\n1..1\n  KTAP version 1\n  1..1\n  not ok 1 s\nok 1 p\n",
		"KTAP version 1\n1..1\nok 1 a",		/* no final newline */
		"KTAP version 1\n1..1\nok 1 \xff\n",	/* not UTF-8 */
	};
	char path[160], msg[512];
	const char *q[] = { "plan" };

	snprintf(path, sizeof(path), "%s/broken.ktap", dir);
	for (size_t i = 0; i < ARRAY_SIZE(broken); i++) {
		FILE *f = fopen(path, "w");

		fputs(broken[i], f);
		fclose(f);
		ck_assert_msg(parse_back("ktap", path, q, 1, msg, sizeof(msg)) == 1,
			      "accepted: %s", broken[i]);
	}
	unlink(path);
}
END_TEST

#ifdef WITH_LIVE
#define CLI_FIXTURE "tests/fixtures/debian-amd64-6.1-fentry.cct"

/*
 * Run clonecheck with args (a shell fragment) and redirections; stdout and
 * stderr into out and err.  Returns the exit status.
 */
static int cli(const char *args, const char *redir, char *out, size_t out_len, char *err,
	       size_t err_len)
{
	char cmd[2048], fo[160], fe[160];
	int st;

	snprintf(fo, sizeof(fo), "%s/cli.out", dir);
	snprintf(fe, sizeof(fe), "%s/cli.err", dir);
	/* a run that should have been refused would go on: timeout tells */
	snprintf(cmd, sizeof(cmd), "timeout -k 5 30 %s %s >'%s' 2>'%s' %s", CLONECHECK_BIN, args,
		 fo, fe, redir ? redir : "");
	st = system(cmd);
	ck_assert_msg(WIFEXITED(st), "%s: did not exit", cmd);
	snprintf(out, out_len, "%s", slurp(fo));
	snprintf(err, err_len, "%s", slurp(fe));
	unlink(fo);
	unlink(fe);
	return WEXITSTATUS(st);
}

/* A report that cannot be written: exit 2, and the real errno on stderr. */
START_TEST(test_report_cli_write_errors)
{
	static const struct {
		const char *args, *redir, *errno_text;
	} cases[] = {
		{ "check " CLI_FIXTURE, "1>/dev/full", "No space left on device" },
		{ "--json check " CLI_FIXTURE, "1>/dev/full", "No space left on device" },
		{ "--ktap check " CLI_FIXTURE, "1>/dev/full", "No space left on device" },
		{ "check " CLI_FIXTURE, "1>&-", "Bad file descriptor" },
		{ "check " CLI_FIXTURE " --report %1$s/full.html", NULL, "No space left on device" },
		{ "check " CLI_FIXTURE " --report /no/such/dir/r.md", NULL,
		  "No such file or directory" },
	};
	static char out[1 << 16], err[4096];
	char full[160], args[512];

	/* a report file on a full disk */
	snprintf(full, sizeof(full), "%s/full.html", dir);
	ck_assert_int_eq(symlink("/dev/full", full), 0);
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		int st;

		snprintf(args, sizeof(args), cases[i].args, dir);
		st = cli(args, cases[i].redir, out, sizeof(out), err, sizeof(err));
		ck_assert_msg(st == 2, "%s %s: exit %d, stderr %s", args,
			      cases[i].redir ? cases[i].redir : "", st, err);
		ck_assert_msg(strstr(err, cases[i].errno_text), "%s: %s", args, err);
		ck_assert_msg(!strstr(err, "Input/output error"), "%s: %s", args, err);
	}
	unlink(full);
}
END_TEST

/* Under --json every usage error is one JSON error object on stdout. */
START_TEST(test_report_cli_json_usage_errors)
{
	static const char *const cases[] = {
		"--json --backend=bogus",    "--backend=bogus --json",
		"--json --no-such-option",   "--no-such-option --json",
		"--json --backend",	     "--json -a -d nan",
		"--json --report r.pdf",     "--json --ktap",
		"--json -d 1",		     "--json check",
		"--json stray-argument",     "--json --cgroup /no/such/cgroup",
		"--json --comm 0123456789abcdef", "--json --report a.md --junit a.md",
	};
	static char out[4096], err[4096], path[160];
	const char *q[] = { "#", "0/error" };

	snprintf(path, sizeof(path), "%s/error.json", dir);
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char msg[512];
		FILE *f;

		ck_assert_int_eq(cli(cases[i], NULL, out, sizeof(out), err, sizeof(err)), 2);
		f = fopen(path, "w");
		fputs(out, f);
		fclose(f);
		ck_assert_msg(parse_back("json", path, q, 2, msg, sizeof(msg)) == 0,
			      "%s: stdout %s is not JSON: %s", cases[i], out, msg);
		ck_assert_msg(!strcmp(answers[0], "1") && answers[1][0] == '"',
			      "%s: stdout %s", cases[i], out);
		/* the same one line on stderr */
		ck_assert_msg(!strncmp(err, "clonecheck: ", 12) && strchr(err, '\n') ==
				      err + strlen(err) - 1,
			      "%s: stderr %s", cases[i], err);
		/* without --json: nothing on stdout */
	}
	ck_assert_int_eq(cli("--no-such-option", NULL, out, sizeof(out), err, sizeof(err)), 2);
	ck_assert_str_eq(out, "");
	ck_assert_str_eq(err, "clonecheck: unrecognized option '--no-such-option' (see --help)\n");
	unlink(path);
}
END_TEST

/*
 * The verb comes first (after any options); an option its verb does not
 * take is refused with one line naming both, before anything runs.
 */
START_TEST(test_report_cli_verb_options)
{
	static const struct {
		const char *args, *msg;
	} bad[] = {
		{ "check " CLI_FIXTURE " -c true --backend kprobe", "--command is not an option of check" },
		{ "check " CLI_FIXTURE " --backend kprobe", "--backend is not an option of check" },
		{ "check " CLI_FIXTURE " -a", "--all is not an option of check" },
		{ "check " CLI_FIXTURE " --btf /x", "--btf is not an option of check" },
		{ "check " CLI_FIXTURE " --ring-size 4", "--ring-size is not an option of check" },
		{ "--ring-size 3", "ring size must be a power of two (MiB) '3'" },
		{ "--ring-size 2048", "bad number (a whole number from 1 to 1024) '2048'" },
		{ "--profile 6.1/arm64", "--profile is not an option of run" },
		{ "run -o x.cct", "--output is not an option of run" },
		{ "-o x.cct", "--output is not an option of run" },
		{ "record -o x.cct --salvage", "--salvage is not an option of record" },
		{ "daemon --json", "--json is not an option of daemon" },
		{ "--metrics-file m.prom", "--metrics-file is not an option of run" },
		{ "check " CLI_FIXTURE " extra", "unexpected argument 'extra'" },
		{ "frob", "unexpected argument 'frob'" },
	};
	static char out[4096], err[4096];

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		ck_assert_msg(cli(bad[i].args, NULL, out, sizeof(out), err, sizeof(err)) == 2,
			      "%s: %s", bad[i].args, err);
		ck_assert_msg(strstr(err, bad[i].msg), "%s: %s", bad[i].args, err);
		ck_assert_msg(strchr(err, '\n') == err + strlen(err) - 1, "%s: %s", bad[i].args,
			      err);
	}
	/* options may come before the verb */
	ck_assert_msg(cli("--ktap check " CLI_FIXTURE, NULL, out, sizeof(out), err, sizeof(err)) ==
			      0, "%s", err);
	ck_assert_msg(cli("-v check " CLI_FIXTURE " --profile 6.1/x86_64", NULL, out, sizeof(out),
			  err, sizeof(err)) == 0, "%s", err);
}
END_TEST

/* -d takes a finite number of seconds above 0; anything else is refused. */
START_TEST(test_report_cli_bad_durations)
{
	static const char *const bad[] = { "nan", "inf", "-inf", "infinity", "-1", "0",
					   "1e999", "''", "5x", "NAN" };
	static char out[4096], err[4096];
	char args[64];

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		snprintf(args, sizeof(args), "-a -d %s", bad[i]);
		ck_assert_msg(cli(args, NULL, out, sizeof(out), err, sizeof(err)) == 2,
			      "-d %s: %s", bad[i], err);
		ck_assert_msg(strstr(err, "bad duration"), "-d %s: %s", bad[i], err);
	}
}
END_TEST

/* Any number of reports at once, each in the format its extension names. */
START_TEST(test_report_cli_many_reports)
{
	static char out[1 << 16], err[4096], args[2048], p[8][160];
	static const char *const names[] = { "a.html", "a.md", "a.xml", "a.json",
					     "a.ktap", "a.txt", "b.xml", "stdout.ktap" };
	char f_stdout[160];
	FILE *f;

	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		snprintf(p[i], sizeof(p[i]), "%s/%s", dir, names[i]);
	snprintf(args, sizeof(args),
		 "--ktap check " CLI_FIXTURE
		 " --report %s --report %s --report %s --report %s --report %s --report %s "
		 "--junit %s",
		 p[0], p[1], p[2], p[3], p[4], p[5], p[6]);
	ck_assert_msg(cli(args, NULL, out, sizeof(out), err, sizeof(err)) == 0, "%s", err);
	snprintf(f_stdout, sizeof(f_stdout), "%s", p[7]);
	f = fopen(f_stdout, "w");
	fputs(out, f);
	fclose(f);
	QUERY("ktap", f_stdout, "count:not ok", "result:R-02", "tail");
	ANSWER_IS(0, "0", "the fixture conforms");
	ANSWER_IS(1, "\"ok\"", "R-02 on stdout");
	ck_assert_msg(strstr(answers[2], "verdict CONFORMS; exit status 0"), "%s", answers[2]);
	ck_assert_str_eq(slurp(p[4]), out);	/* the same KTAP in the file */
	QUERY("xml", p[0], "text:.//p[@id='verdict']");
	ANSWER_IS(0, "\"CONFORMS\"", "html");
	QUERY("md", p[1], "cell:Rules/0/0");
	ANSWER_IS(0, "\"V-01\"", "markdown");
	QUERY("xml", p[2], "count:./testsuite", "attr:./testsuite@failures");
	ANSWER_IS(0, "1", "junit by extension");
	ANSWER_IS(1, "\"0\"", "junit failures");
	QUERY("xml", p[6], "attr:./testsuite@failures");
	ANSWER_IS(0, "\"0\"", "--junit");
	QUERY("json", p[3], "summary/verdict", "summary/exit_status");
	ANSWER_IS(0, "\"conforms\"", "json");
	ANSWER_IS(1, "0", "json exit status");
	ck_assert_msg(strstr(slurp(p[5]), "\nverdict  CONFORMS\n"), "text: %s", slurp(p[5]));
	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		unlink(p[i]);
}
END_TEST

/* A trace with no clone in it: judged nothing, so not CONFORMS, exit 1. */
START_TEST(test_report_cli_nothing_judged)
{
	static char out[1 << 16], err[4096], path[160], args[256];
	struct trace_counts c = { 0 };
	struct trace_error te;
	struct trace_meta m;
	struct trace_reader *rd = trace_reader__open(CLI_FIXTURE, &m, &te);
	struct trace_writer *w;
	int e;

	ck_assert_msg(rd, "%s: %s", CLI_FIXTURE, te.msg);
	trace_reader__close(rd);
	snprintf(path, sizeof(path), "%s/empty.cct", dir);
	w = trace_writer__open(path, &m, &e);
	ck_assert_msg(w, "%s: %s", path, strerror(-e));
	ck_assert_int_eq(trace_writer__close(w, &c), 0);

	snprintf(args, sizeof(args), "check %s", path);
	ck_assert_int_eq(cli(args, NULL, out, sizeof(out), err, sizeof(err)), 1);
	ck_assert_msg(strstr(out, "\nverdict  NO CLONE JUDGED\n"), "%s", out);
	snprintf(args, sizeof(args), "--json check %s", path);
	ck_assert_int_eq(cli(args, NULL, out, sizeof(out), err, sizeof(err)), 1);
	ck_assert_msg(strstr(out, "\"verdict\":\"nothing_judged\",\"exit_status\":1"), "%s", out);
	unlink(path);
}
END_TEST
/*
 * The error paths (exit 2) and the normal ones free everything they
 * allocated: clonecheck built with AddressSanitizer, run under
 * LeakSanitizer (clang's runtime, Debian's libclang-rt-dev).
 */
START_TEST(test_report_cli_no_leaks)
{
	static const struct {
		const char *args;	/* %1$s: a truncated trace, %2$s: a directory */
		const char *redir;	/* of stdout; NULL: /dev/null */
		int status;
	} cases[] = {
		{ "--json check %1$s --report %2$s/a.html --report %2$s/a.md", NULL, 2 },
		{ "check %1$s --report %2$s/a.xml --report %2$s/a.ktap --report %2$s/a.json", NULL,
		  2 },
		{ "--json --backend=bogus", NULL, 2 },
		{ "--no-such-option --report %2$s/a.html", NULL, 2 },
		{ "--json check " CLI_FIXTURE " --report %2$s/no/such/a.html", NULL, 2 },
		{ "--json check " CLI_FIXTURE " --report %2$s/a.html --report %2$s/a.xml",
		  "/dev/full", 2 },
		{ "--ktap check " CLI_FIXTURE " --report %2$s/a.html --report %2$s/a.xml "
		  "--report %2$s/a.md --report %2$s/a.json --report %2$s/a.ktap",
		  NULL, 0 },
	};
	static const char *const ext[] = { "html", "md", "xml", "json", "ktap" };
	static char err[1 << 16];
	char trunc[160], errf[160], args[1024], cmd[2048], buf[5000];
	FILE *in, *o;
	size_t n;

	/* a trace cut short: check refuses it after the writers began */
	snprintf(trunc, sizeof(trunc), "%s/trunc.cct", dir);
	in = fopen(CLI_FIXTURE, "rb");
	o = fopen(trunc, "wb");
	ck_assert(in && o);
	n = fread(buf, 1, sizeof(buf), in);
	ck_assert_uint_eq(fwrite(buf, 1, n, o), n);
	fclose(in);
	fclose(o);
	snprintf(errf, sizeof(errf), "%s/asan.err", dir);
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		int st;

		snprintf(args, sizeof(args), cases[i].args, trunc, dir);
		snprintf(cmd, sizeof(cmd),
			 "ASAN_OPTIONS=detect_leaks=1:exitcode=23 timeout -k 5 60 %s %s >%s 2>'%s'",
			 CLONECHECK_ASAN_BIN, args, cases[i].redir ? cases[i].redir : "/dev/null",
			 errf);
		st = system(cmd);
		snprintf(err, sizeof(err), "%s", slurp(errf));
		/* (Check's messages are short: the start of the sanitizer's report) */
		ck_assert_msg(!strstr(err, "Sanitizer"), "%s: %.1500s", args, err);
		ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == cases[i].status,
			      "%s: exit %d, want %d: %.1500s", args, WEXITSTATUS(st),
			      cases[i].status, err);
	}
	unlink(errf);
	unlink(trunc);
	for (size_t i = 0; i < ARRAY_SIZE(ext); i++) {
		snprintf(buf, sizeof(buf), "%s/a.%s", dir, ext[i]);
		unlink(buf);
	}
}
END_TEST
#endif /* WITH_LIVE */

Suite *report_suite(void)
{
	Suite *s = suite_create("report");
	TCase *tc = tcase_create("JsonWriter");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_report_json_writer_escapes_every_byte);
	tcase_add_test(tc, test_report_json_writer_utf8_and_nesting);
	tcase_add_test(tc, test_report_json_writer_misuse);
	tcase_add_test(tc, test_report_json_error_line);
	suite_add_tcase(s, tc);

	tc = tcase_create("Escaping");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_report_escape_xml_and_markdown);
	tcase_add_test(tc, test_report_parser_rejects_broken_output);
	tcase_add_test(tc, test_report_ktap_parser_rejects);
	suite_add_tcase(s, tc);

	tc = tcase_create("Summary");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_report_exit_status);
	tcase_add_test(tc, test_report_nothing_judged);
	tcase_add_test(tc, test_report_text_injected);
	tcase_add_test(tc, test_report_json_allowed_by);
	tcase_add_test(tc, test_report_summary_coverage);
	tcase_add_test(tc, test_report_format_of);
	tcase_add_test(tc, test_report_close_discards);
	tcase_add_test(tc, test_report_write_errors_keep_errno);
	suite_add_tcase(s, tc);

	tc = tcase_create("Writers");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_report_json_lines);
	tcase_add_test(tc, test_report_json_summary_rules);
	tcase_add_test(tc, test_report_json_check_labels);
	tcase_add_test(tc, test_report_junit_schema_shape);
	tcase_add_test(tc, test_report_html_structure);
	tcase_add_test(tc, test_report_markdown_tables);
	tcase_add_test(tc, test_report_ktap);
	suite_add_tcase(s, tc);

#ifdef WITH_LIVE
	tc = tcase_create("Browser");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 90);
	tcase_add_test(tc, test_report_html_chromium_dom);
	suite_add_tcase(s, tc);

	tc = tcase_create("Cli");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_report_cli_write_errors);
	tcase_add_test(tc, test_report_cli_json_usage_errors);
	tcase_add_test(tc, test_report_cli_bad_durations);
	tcase_add_test(tc, test_report_cli_verb_options);
	tcase_add_test(tc, test_report_cli_many_reports);
	tcase_add_test(tc, test_report_cli_nothing_judged);
	tcase_add_test(tc, test_report_cli_no_leaks);
	suite_add_tcase(s, tc);
#endif
	return s;
}
