// SPDX-License-Identifier: GPL-2.0
/*
 * check_report.c - the report writers (JSON Lines, JUnit XML, HTML,
 * Markdown) and the JSON writer.  A real pipeline judges hand-built clones
 * (a pass, a thread, a failing clone, a mismatch, an incomplete clone whose
 * label and comm hold <, &, quotes and control bytes), every writer writes
 * its file, and tests/report_check.py parses each file back with a real
 * parser (python3's json and xml.etree; headless Chromium for the DOM) and
 * answers queries, which the tests compare with what the run must show.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fixture.h"
#include "json_writer.h"
#include "pipeline.h"
#include "report_fmt.h"
#include "tests.h"

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
static char f_json[128], f_junit[128], f_html[128], f_md[128];
static char answers[QUERY_MAX][ANSWER_LEN];
static enum verdict verdicts[N_CLONES + 1];	/* what the pipeline judged */

static void setup(void)
{
	snprintf(dir, sizeof(dir), "/tmp/clonecheck-report-XXXXXX");
	ck_assert_msg(mkdtemp(dir), "mkdtemp: %s", strerror(errno));
	snprintf(f_json, sizeof(f_json), "%s/run.jsonl", dir);
	snprintf(f_junit, sizeof(f_junit), "%s/junit.xml", dir);
	snprintf(f_html, sizeof(f_html), "%s/report.html", dir);
	snprintf(f_md, sizeof(f_md), "%s/report.md", dir);
}

static void teardown(void)
{
	const char *files[] = { f_json, f_junit, f_html, f_md };

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

/* pipeline on_verdict hook: keep each clone's verdict. */
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

static void push(struct pipeline *p, struct obs *o, size_t n)
{
	for (size_t i = 0; i < n; i++)
		ck_assert_int_eq(correlator__push(p->corr, &o[i]), 0);
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

/*
 * Judge the five clones through a real pipeline feeding all four writers.
 * 1 fork (pass), 2 clone3 thread (pass), 3 clone(SIGHAND) -EINVAL (pass),
 * 4 fork whose child shares the parent's mm (R-02 mismatch), 5 fork seen
 * only up to sched_process_fork (incomplete), nasty label and comm.
 */
static void run_scenario(struct tally *out)
{
	struct model_profile prof = fx_profile();
	struct run_info ri = scenario_info();
	struct report reps[4] = {
		{ .ops = &report_json_ops }, { .ops = &report_junit_ops },
		{ .ops = &report_html_ops }, { .ops = &report_md_ops },
	};
	const char *files[4] = { f_json, f_junit, f_html, f_md };
	struct pipeline p = { .label = label_of, .reports = reps, .n_reports = 4,
			      .on_verdict = keep_verdict };
	struct obs o[OBS__COUNT], f[2];

	for (int i = 0; i < 4; i++) {
		reps[i].out = fopen(files[i], "w");
		ck_assert_msg(reps[i].out, "%s: %s", files[i], strerror(errno));
		reps[i].own_out = true;
	}
	ck_assert_int_eq(pipeline__init(&p, &prof, 0), 0);
	ck_assert_int_eq(pipeline__begin_reports(&p, &ri), 0);

	fx_fork(o, 1);
	stamp(o, 6, 1);
	push(&p, o, 6);
	fx_thread(o, 2);
	stamp(o, 6, 2);
	push(&p, o, 6);
	fx_sighand_no_vm(f, 3);
	stamp(f, 2, 3);
	push(&p, f, 2);
	fx_fork(o, 4);
	for (int pt = OBS_NEWTASK; pt <= OBS_WAKEUP; pt++)
		o[pt].tp.child.mm = o[OBS_SYS_ENTER].enter.parent.mm;
	stamp(o, 6, 4);
	push(&p, o, 6);
	fx_fork(o, 5);
	memcpy(o[OBS_SYS_ENTER].enter.parent.comm, NASTY_COMM, sizeof(NASTY_COMM));
	stamp(o, 3, 5);
	push(&p, o, 3);		/* sys_enter, task_newtask, sched_process_fork */

	pipeline__finish(&p);
	ck_assert_int_eq(pipeline__end_reports(&p, &ri), 0);
	for (int i = 0; i < 4; i++)
		ck_assert_int_eq(fclose(reps[i].out), 0);
	if (out)
		*out = p.tally;
	pipeline__free(&p);
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
	xml_puts(f, NASTY_LABEL "\t\n", true);
	fputs("\"><t>", f);
	xml_puts(f, NASTY_LABEL "]]>\n", false);
	fputs("</t></r>\n", f);
	ck_assert_int_eq(fclose(f), 0);
	QUERY("xml", path, "attr:.@a", "text:./t");
	ANSWER_IS(0, "\"" NASTY_JSON_BODY "\\t\\n\"", "attribute");
	ANSWER_IS(1, "\"" NASTY_JSON_BODY "]]>\\n\"", "text");

	snprintf(mdpath, sizeof(mdpath), "%s/esc.md", dir);
	f = fopen(mdpath, "w");
	fputs("# T\n\n| a | b |\n|---|---|\n| ", f);
	md_puts(f, NASTY_LABEL "|*_`[x](y)#~!\n");
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

/* "\"name\"" of the verdict the pipeline gave clone id. */
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
		char want[160];

		snprintf(want, sizeof(want),
			 "{\"judged\": 5, \"pass\": %lu, \"mismatch\": %lu, \"incomplete\": %lu, "
			 "\"unjudged\": 0, \"failed_syscalls\": 1}",
			 (unsigned long)t.by_verdict[VERDICT_PASS],
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
	struct report_rule_info *cat;
	size_t n_known = 0;
	long tests, fails, skips, rules_failing = 0;
	char r02[256], r02_failure[320];
	struct tally t;

	run_scenario(&t);
	cat = report_catalogue(&ri, &n_known);
	ck_assert_ptr_nonnull(cat);
	ck_assert_ptr_nonnull(report_catalogue_find(cat, n_known, "R-02"));
	snprintf(r02, sizeof(r02), "R-02 %s", report_catalogue_find(cat, n_known, "R-02")->statement);
	free(cat);
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
	      "attr:./testsuite/testcase[@classname='clonecheck.observation']/failure@message",
	      "count:./testsuite/testcase[@classname='clonecheck.incomplete']",
	      "attr:./testsuite@timestamp");
	ANSWER_IS(0, "1", "one testsuite");
	tests = answer_num(3);
	ck_assert_msg(!strcmp(answers[1], answers[2]), "testsuites/testsuite tests agree");
	ck_assert_msg(atol(answers[2] + 1) == tests, "tests=%s, %ld testcases", answers[2],
		      tests);
	/* a case per rule, per incomplete clone, and one for delivery */
	ck_assert_int_ge(tests, (long)n_known + 2);
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
	struct run_info ri = scenario_info();
	struct report_rule_info *cat;
	size_t n_known = 0;
	char want[32];

	run_scenario(NULL);
	cat = report_catalogue(&ri, &n_known);
	ck_assert_ptr_nonnull(cat);
	free(cat);
	snprintf(want, sizeof(want), "%zu", n_known);
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
	struct run_info ri = scenario_info();
	struct report_rule_info *cat;
	size_t n_known = 0;

	run_scenario(NULL);
	cat = report_catalogue(&ri, &n_known);
	ck_assert_ptr_nonnull(cat);
	free(cat);
	snprintf(want, sizeof(want), "%zu", n_known);
	QUERY("md", f_md, "rows:Rules", "rows:Workload cases", "cell:Workload cases/4/0",
	      "cell:Workload cases/3/4", "rows:Mismatches and incomplete clones",
	      "rows:Latency of each transition, per clone", "cell:Lost records/3/1",
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
	struct run_info ri = scenario_info();
	struct report_rule_info *cat;
	size_t n_known = 0;
	char want[32];

	run_scenario(NULL);
	cat = report_catalogue(&ri, &n_known);
	ck_assert_ptr_nonnull(cat);
	free(cat);
	snprintf(want, sizeof(want), "%zu", n_known);
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
	t.by_verdict[VERDICT_INCOMPLETE] = 1;
	ck_assert_int_eq(report_exit_status(&ri, &t), 1);
	t.by_verdict[VERDICT_INCOMPLETE] = 0;
	t.by_verdict[VERDICT_UNJUDGED] = 2;	/* kernel threads: counted, not failing */
	ck_assert_int_eq(report_exit_status(&ri, &t), 0);
}
END_TEST

Suite *report_suite(void)
{
	Suite *s = suite_create("report");
	TCase *tc = tcase_create("JsonWriter");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_report_json_writer_escapes_every_byte);
	tcase_add_test(tc, test_report_json_writer_utf8_and_nesting);
	tcase_add_test(tc, test_report_json_writer_misuse);
	tcase_add_test(tc, test_report_exit_status);
	tcase_add_test(tc, test_report_json_error_line);
	suite_add_tcase(s, tc);

	tc = tcase_create("Escaping");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_report_escape_xml_and_markdown);
	tcase_add_test(tc, test_report_parser_rejects_broken_output);
	suite_add_tcase(s, tc);

	tc = tcase_create("Writers");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_report_json_lines);
	tcase_add_test(tc, test_report_json_summary_rules);
	tcase_add_test(tc, test_report_junit_schema_shape);
	tcase_add_test(tc, test_report_html_structure);
	tcase_add_test(tc, test_report_markdown_tables);
	suite_add_tcase(s, tc);

#ifdef WITH_LIVE
	tc = tcase_create("Browser");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 90);
	tcase_add_test(tc, test_report_html_chromium_dom);
	suite_add_tcase(s, tc);
#endif
	return s;
}
