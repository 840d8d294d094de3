// SPDX-License-Identifier: GPL-2.0
/*
 * check_fixtures.c - the committed trace files (tests/fixtures/, *.cct), recorded
 * on real kernels, replayed with no BPF and no root.
 *
 * Replay: each fixture, through replay_trace() as `clonecheck check` does, must
 * give 0 mismatch, 0 incomplete, 0 lost, 0 undecodable.
 *
 * Mutations: for each check the replay made (rule, kind, stage, field,
 * operator), change exactly one field of one recorded record, in its raw
 * bytes before decode, so that the baseline prediction says that check must
 * fail and no check of another rule may; then judge the doctored clone
 * again.  The mutation is caught when the clone is a mismatch and every
 * failing check names that rule.  Which value to write is derived from the
 * prediction (EQ: another value, NEW: the parent's, BITS_SET: a bit cleared,
 * IN_MASK: a cpu outside the mask, EQ_CHILD_PID: pid + 1, GE/LE: past the
 * bound, ORDER: a timestamp before the earlier stage, RET: an errno neither
 * predicted nor allowed, ABSENT: a failed clone's copy_process exit retagged
 * as the forbidden point).  An independent oracle (the operators as model.h
 * defines them, over the decoded doctored clone) decides, before the differ
 * is asked, that the value breaks the target check and nothing else.
 *
 * The suite prints the mutation score per rule and fails below 100%, or when
 * a rule the fixtures check gets no mutation at all (rules that only allow an
 * errno and the rules never checked are listed, not counted).
 *
 * CLONECHECK_FIXTURES=DIR replays another directory (default tests/fixtures,
 * relative to the tree's top, where make runs the tests).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/types.h>

#include "log.h"
#include "profile.h"
#include "replay.h"
#include "session.h"
#include "tests.h"
#include "trace_file.h"
#include "../bpf/events.h"

#define FIXTURES_DIR "tests/fixtures"
#define MAX_FIXTURES 32
#define MAX_VERDICTS 8		/* assemblies one doctored clone may split into */
#define MAX_KEYS 1024		/* distinct (rule, kind, stage, field, op) per fixture */

/* The fixtures the README promises: each must be there and be what it says. */
static const struct {
	const char *file;
	const char *machine;	/* uname -m in the trace */
	const char *release;	/* start of uname -r */
	const char *backend;	/* start of the backend line */
} required[] = {
	{ "host-x86_64-6.18-tracepoint.cct", "x86_64", "6.18.", "tracepoint" },
	{ "debian-arm64-5.10-kprobe.cct", "aarch64", "5.10.0-", "kprobe" },
	{ "debian-amd64-5.10-fentry.cct", "x86_64", "5.10.0-", "fentry" },
	{ "debian-arm64-6.1-kprobe.cct", "aarch64", "6.1.0-", "kprobe" },
	{ "debian-amd64-6.1-fentry.cct", "x86_64", "6.1.0-", "fentry" },
	{ "debian-arm64-6.12-fentry.cct", "aarch64", "6.12.", "fentry" },
	{ "debian-amd64-6.12-fentry.cct", "x86_64", "6.12.", "fentry" },
	{ "debian-arm64-6.12-rt-fentry.cct", "aarch64", "6.12.", "fentry" },
	{ "debian-arm64-6.19-fentry.cct", "aarch64", "6.19.", "fentry" },
	{ "debian-arm64-7.2-fentry.cct", "aarch64", "7.2.", "fentry" },
	{ "debian-amd64-7.2-fentry.cct", "x86_64", "7.2.", "fentry" },
};

static const char *fixtures_dir(void)
{
	const char *d = getenv("CLONECHECK_FIXTURES");

	return d && *d ? d : FIXTURES_DIR;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Every *.cct of the fixtures directory, sorted; fails the test if none. */
static size_t list_fixtures(char *paths[MAX_FIXTURES])
{
	const char *dir = fixtures_dir();
	struct dirent *de;
	size_t n = 0;
	DIR *d = opendir(dir);

	ck_assert_msg(d, "fixtures directory %s: %s (run from the tree's top)", dir,
		      strerror(errno));
	while ((de = readdir(d))) {
		size_t l = strlen(de->d_name);

		if (l < 5 || strcmp(de->d_name + l - 4, ".cct"))
			continue;
		ck_assert_msg(n < MAX_FIXTURES, "more than %d fixtures in %s", MAX_FIXTURES, dir);
		ck_assert(asprintf(&paths[n], "%s/%s", dir, de->d_name) > 0);
		n++;
	}
	closedir(d);
	ck_assert_msg(n > 0, "no *.cct fixture in %s", dir);
	qsort(paths, n, sizeof(paths[0]), cmp_str);
	return n;
}

static void free_paths(char *paths[], size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(paths[i]);
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* ------------------------------------------------------------- replay */

struct replay_seen {
	uint64_t checks;	/* checks over every verdict */
	uint64_t failed;	/* failed checks */
};

static void count_verdict(void *ctx, const struct clone_obs *co, const struct clone_verdict *v)
{
	struct replay_seen *s = ctx;

	(void)co;
	s->checks += v->n_checks;
	for (size_t i = 0; i < v->n_checks; i++)
		s->failed += !v->checks[i].ok;
}

START_TEST(test_fixtures_required_present)
{
	char path[4096];

	for (size_t i = 0; i < ARRAY_SIZE(required); i++) {
		struct trace_error e = {};
		struct trace_meta m;
		struct trace_reader *r;

		snprintf(path, sizeof(path), "%s/%s", fixtures_dir(), required[i].file);
		r = trace_reader__open(path, &m, &e);
		ck_assert_msg(r, "required fixture: %s", e.msg);
		trace_reader__close(r);
		ck_assert_msg(!strcmp(m.machine, required[i].machine), "%s: machine %s, expected %s",
			      path, m.machine, required[i].machine);
		ck_assert_msg(!strncmp(m.release, required[i].release, strlen(required[i].release)),
			      "%s: release %s, expected %s...", path, m.release, required[i].release);
		ck_assert_msg(!strncmp(m.backend, required[i].backend, strlen(required[i].backend)),
			      "%s: backend %s, expected %s...", path, m.backend, required[i].backend);
	}
}
END_TEST

/* Every fixture, through replay_trace(): 0 mismatch, 0 incomplete, 0 lost. */
START_TEST(test_fixtures_replay_conforms)
{
	char *paths[MAX_FIXTURES];
	size_t n = list_fixtures(paths);

	for (size_t i = 0; i < n; i++) {
		struct replay_seen seen = {};
		struct session_opts so = { .on_verdict = count_verdict, .verdict_ctx = &seen };
		struct session *s;
		const struct run_info *ri;
		const struct tally *t;
		char backend[64];
		int err;

		err = replay_trace(paths[i], NULL, &so, &s);
		ck_assert_msg(!err, "%s: replay_trace: %s", paths[i], strerror(-err));
		t = session__tally(s);
		ri = session__info(s);
		snprintf(backend, sizeof(backend), "%s", ri->backend);
		printf("fixture %-34s %-8s %-7s %3llu clones: %llu pass, %llu mismatch, "
		       "%llu incomplete, %llu unjudged; %llu checks\n",
		       base_name(paths[i]), ri->machine, backend[0] ? strtok(backend, " ") : "-",
		       (unsigned long long)t->clones,
		       (unsigned long long)t->by_verdict[VERDICT_PASS],
		       (unsigned long long)t->by_verdict[VERDICT_MISMATCH],
		       (unsigned long long)t->by_verdict[VERDICT_INCOMPLETE],
		       (unsigned long long)t->by_verdict[VERDICT_UNJUDGED],
		       (unsigned long long)seen.checks);
		ck_assert_msg(t->clones > 0 && t->by_verdict[VERDICT_PASS] > 0,
			      "%s: no clone passed (%llu clones)", paths[i],
			      (unsigned long long)t->clones);
		ck_assert_msg(t->by_verdict[VERDICT_MISMATCH] == 0 && seen.failed == 0,
			      "%s: %llu mismatching clones, %llu failed checks", paths[i],
			      (unsigned long long)t->by_verdict[VERDICT_MISMATCH],
			      (unsigned long long)seen.failed);
		ck_assert_msg(t->by_verdict[VERDICT_INCOMPLETE] == 0, "%s: %llu incomplete clones",
			      paths[i], (unsigned long long)t->by_verdict[VERDICT_INCOMPLETE]);
		ck_assert_msg(ri->lost_total == 0, "%s: %llu records lost", paths[i],
			      (unsigned long long)ri->lost_total);
		ck_assert_msg(ri->undecodable == 0 && session__unknown(s) == 0,
			      "%s: %llu undecodable, %llu of unknown type", paths[i],
			      (unsigned long long)ri->undecodable,
			      (unsigned long long)session__unknown(s));
		session__free(s);
	}
	free_paths(paths, n);
}
END_TEST

/* A damaged fixture is refused with one line naming the file and the byte. */
START_TEST(test_fixtures_replay_refuses_damage)
{
	char *paths[MAX_FIXTURES], tmp[] = "/tmp/cc-fixture-XXXXXX";
	size_t n = list_fixtures(paths), len;
	unsigned char *buf;
	struct session *s;
	FILE *f;
	int fd, err;

	f = fopen(paths[0], "rb");
	ck_assert_msg(f, "%s: %s", paths[0], strerror(errno));
	buf = malloc(1 << 20);
	len = fread(buf, 1, 1 << 20, f);
	fclose(f);
	ck_assert_uint_gt(len, 64);
	buf[len / 2] ^= 0x20;	/* one bit in the middle of a block */
	fd = mkstemp(tmp);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, buf, len), (ssize_t)len);
	close(fd);
	err = replay_trace(tmp, NULL, NULL, &s);
	ck_assert_msg(err == -EBADMSG, "damaged %s: replay_trace gave %d, expected -EBADMSG",
		      paths[0], err);
	session__free(s);
	unlink(tmp);
	free(buf);
	free_paths(paths, n);
}
END_TEST

/* ---------------------------------------------------------- mutations */

/* One record of a trace, in its own 8-byte aligned buffer. */
struct rec_buf {
	void *p;
	size_t len;
	uint32_t type;		/* enum rec_type */
	uint64_t clone_id;
};

struct trace_mem {
	const char *path;
	struct trace_meta m;
	struct model_profile prof;
	size_t n;
	struct rec_buf *r;
};

static void trace_load(struct trace_mem *tm, const char *path)
{
	struct trace_error e = {};
	struct trace_reader *rd;
	const void *rec;
	size_t len, cap = 0;
	int ret;

	memset(tm, 0, sizeof(*tm));
	tm->path = path;
	rd = trace_reader__open(path, &tm->m, &e);
	ck_assert_msg(rd, "%s", e.msg);
	while ((ret = trace_reader__next(rd, &rec, &len)) > 0) {
		static unsigned char now[TRACE_REC_MAX];
		struct rec_buf *b;
		int n;

		/* in this build's record layout, so offsets below are this build's */
		n = decode_rebuild(&tm->m.layout, rec, len, now, sizeof(now));
		ck_assert_msg(n > 0, "%s: record of %zu bytes: %d", path, len, n);
		rec = now;
		len = n;

		if (tm->n == cap) {
			cap = cap ? 2 * cap : 256;
			tm->r = realloc(tm->r, cap * sizeof(*tm->r));
			ck_assert(tm->r);
		}
		b = &tm->r[tm->n++];
		b->p = malloc(len);
		ck_assert(b->p);
		memcpy(b->p, rec, len);
		b->len = len;
		ck_assert_msg(len >= sizeof(struct rec_hdr), "%s: record of %zu bytes", path, len);
		b->type = ((const struct rec_hdr *)rec)->type;
		b->clone_id = ((const struct rec_hdr *)rec)->clone_id;
	}
	ck_assert_msg(ret == 0, "%s", trace_reader__error(rd)->msg);
	trace_reader__close(rd);
	ck_assert_msg(!profile_parse(tm->m.profile, &tm->prof), "%s: bad profile '%s'", path,
		      tm->m.profile);
}

static void trace_free(struct trace_mem *tm)
{
	for (size_t i = 0; i < tm->n; i++)
		free(tm->r[i].p);
	free(tm->r);
}

/* The verdicts of one judged set of records, with what the differ saw. */
struct judged {
	size_t n;
	struct clone_verdict v[MAX_VERDICTS];
	struct clone_obs co[MAX_VERDICTS];
	struct model_pred pred[MAX_VERDICTS];
	bool has_pred[MAX_VERDICTS];
	const struct model_profile *prof;
};

static void keep_verdict(void *ctx, const struct clone_obs *co, const struct clone_verdict *v)
{
	struct judged *j = ctx;

	if (j->n >= MAX_VERDICTS)
		return;
	j->v[j->n] = *v;
	j->co[j->n] = *co;
	j->has_pred[j->n] = !predict_clone(j->prof, co, &j->pred[j->n]);
	j->n++;
}

/* Judge recs[0..n) through the pipeline, as a replay of a file with them. */
static void judge(const struct trace_mem *tm, struct rec_buf *const *recs, size_t n,
		  struct judged *j)
{
	struct session_opts so = { .on_verdict = keep_verdict, .verdict_ctx = j };
	struct trace_meta m = tm->m;
	struct session *s;
	int err;

	j->n = 0;
	j->prof = &tm->prof;
	/* the records were rebuilt in this build's layout at load */
	decode_layout_current(&m.layout);
	s = session__begin(&m, &tm->prof, &so, &err);
	ck_assert_msg(s, "session: %d", err);
	for (size_t i = 0; i < n; i++)
		session__record(s, recs[i]->p, recs[i]->len);
	ck_assert_int_eq(session__end(s, &(struct trace_counts){ 0 }), 0);
	ck_assert_uint_eq(session__info(s)->undecodable, 0);
	session__free(s);
}

/* Where a model field of a stage lives in the raw record. */
enum loc_kind {
	LOC_NONE,	/* not in a child record (an input, or derived) */
	LOC_PLAIN,	/* width bytes at off */
	LOC_REL,	/* u64 at off holds value + u64 at base (an offset field) */
	LOC_TIF,	/* bit `bit` of the u64 at off */
};

struct loc {
	enum loc_kind kind;
	uint32_t type;		/* enum rec_type of the record */
	size_t off, width, base;
	unsigned int bit;
	const char *why;	/* LOC_NONE: why */
};

static enum rec_type stage_rec(enum model_stage s)
{
	switch (s) {
	case MODEL_STAGE_SYS_ENTER:
		return REC_SYS_ENTER;
	case MODEL_STAGE_NEWTASK:
		return REC_NEWTASK;
	case MODEL_STAGE_FORK:
		return REC_FORK;
	case MODEL_STAGE_WAKEUP:
		return REC_WAKEUP;
	case MODEL_STAGE_SYS_EXIT:
		return REC_SYS_EXIT;
	case MODEL_STAGE_CHILD_RET:
		return REC_CHILD_RET;
	default:
		return REC__MAX;
	}
}

#define TP(m) offsetof(struct rec_task_point, m), sizeof(((struct rec_task_point *)0)->m)

static struct loc plain(uint32_t type, size_t off, size_t width)
{
	return (struct loc){ .kind = LOC_PLAIN, .type = type, .off = off, .width = width };
}

/* The raw location of (stage, field); LOC_NONE with a reason if none. */
static struct loc field_loc(const struct model_profile *prof, enum model_stage s,
			    enum model_field f)
{
	uint32_t t = stage_rec(s);

	if (s == MODEL_STAGE_SYS_ENTER)
		return (struct loc){ .why = "the parent at entry is the model's input" };
	if (s == MODEL_STAGE_SYS_EXIT || s == MODEL_STAGE_CHILD_RET) {
		if (f == MODEL_FIELD_RET)
			return plain(t, offsetof(struct rec_ret, ret), 8);
		if (f == MODEL_FIELD_PID)
			return plain(t, offsetof(struct rec_ret, pid), 4);
		if (f == MODEL_FIELD_CHILD_TID_VAL && s == MODEL_STAGE_CHILD_RET)
			return plain(t, offsetof(struct rec_ret, tid_val), 4);
		return (struct loc){ .why = "not carried by a syscall exit record" };
	}
	switch (f) {
	case MODEL_FIELD_PID: return plain(t, TP(child.pid));
	case MODEL_FIELD_TGID: return plain(t, TP(child.tgid));
	case MODEL_FIELD_REAL_PARENT_PID: return plain(t, TP(child.real_parent_pid));
	case MODEL_FIELD_NS_LEVEL: return plain(t, TP(child.ns_level));
	case MODEL_FIELD_MM: return plain(t, TP(child.mm));
	case MODEL_FIELD_FILES: return plain(t, TP(child.files));
	case MODEL_FIELD_FS: return plain(t, TP(child.fs));
	case MODEL_FIELD_SIGHAND: return plain(t, TP(child.sighand));
	case MODEL_FIELD_SIGNAL: return plain(t, TP(child.signal));
	case MODEL_FIELD_STATE: return plain(t, TP(child.state));
	case MODEL_FIELD_ON_RQ: return plain(t, TP(child.on_rq));
	case MODEL_FIELD_EXIT_SIGNAL: return plain(t, TP(child.exit_signal));
	case MODEL_FIELD_FLAGS: return plain(t, TP(child.flags));
	case MODEL_FIELD_SIGNAL_FLAGS: return plain(t, TP(child.signal_flags));
	case MODEL_FIELD_GROUP_EXIT_SIGNAL: return plain(t, TP(child.group_exit_signal));
	case MODEL_FIELD_POLICY: return plain(t, TP(child.policy));
	case MODEL_FIELD_PRIO: return plain(t, TP(child.prio));
	case MODEL_FIELD_STATIC_PRIO: return plain(t, TP(child.static_prio));
	case MODEL_FIELD_NORMAL_PRIO: return plain(t, TP(child.normal_prio));
	case MODEL_FIELD_RT_PRIORITY: return plain(t, TP(child.rt_priority));
	case MODEL_FIELD_RESET_ON_FORK: return plain(t, TP(child.reset_on_fork));
	case MODEL_FIELD_CPU: return plain(t, TP(child.cpu));
	case MODEL_FIELD_NR_CPUS_ALLOWED: return plain(t, TP(child.nr_cpus_allowed));
	case MODEL_FIELD_CPUS_MASK: return plain(t, TP(child.cpus_mask));
	/* extended state read at a later point too (R-07, R-36, O-07) */
	case MODEL_FIELD_MM_FLAGS: return plain(t, TP(ext.mm_flags));
	case MODEL_FIELD_NPROC_COUNT: return plain(t, TP(ext.nproc_count));
	case MODEL_FIELD_PARENT_TID_VAL: return plain(t, TP(ext.parent_tid_val));
	case MODEL_FIELD_CHILD_TID_WORD: return plain(t, TP(ext.child_tid_word));
	default:
		break;
	}
	if (s != MODEL_STAGE_NEWTASK)
		return (struct loc){ .why = "extended state is read at task_newtask only" };
	switch (f) {
	case MODEL_FIELD_COMM_LO: return plain(t, offsetof(struct rec_task_point, child.comm), 8);
	case MODEL_FIELD_COMM_HI:
		return plain(t, offsetof(struct rec_task_point, child.comm) + 8, 8);
	case MODEL_FIELD_TS_NS: return plain(t, TP(hdr.ts_ns));
	case MODEL_FIELD_CLONE_FLAGS: return plain(t, TP(clone_flags));
	case MODEL_FIELD_NSPROXY: return plain(t, TP(ext.nsproxy));
	case MODEL_FIELD_PID_NS_ACTIVE: return plain(t, TP(ext.pid_ns_active));
	case MODEL_FIELD_PID_NS_FOR_CHILDREN: return plain(t, TP(ext.pid_ns_for_children));
	case MODEL_FIELD_PID_NS_CHILDREN_LEVEL: return plain(t, TP(ext.pid_ns_children_level));
	case MODEL_FIELD_TIME_NS: return plain(t, TP(ext.time_ns));
	case MODEL_FIELD_TIME_NS_FOR_CHILDREN: return plain(t, TP(ext.time_ns_for_children));
	case MODEL_FIELD_MNT_NS: return plain(t, TP(ext.mnt_ns));
	case MODEL_FIELD_UTS_NS: return plain(t, TP(ext.uts_ns));
	case MODEL_FIELD_IPC_NS: return plain(t, TP(ext.ipc_ns));
	case MODEL_FIELD_NET_NS: return plain(t, TP(ext.net_ns));
	case MODEL_FIELD_CGROUP_NS: return plain(t, TP(ext.cgroup_ns));
	case MODEL_FIELD_CRED: return plain(t, TP(ext.cred));
	case MODEL_FIELD_REAL_CRED: return plain(t, TP(ext.real_cred));
	case MODEL_FIELD_HAS_THREAD_KEYRING: return plain(t, TP(ext.has_thread_keyring));
	case MODEL_FIELD_USER_NS: return plain(t, TP(ext.user_ns));
	case MODEL_FIELD_USER_NS_LEVEL: return plain(t, TP(ext.user_ns_level));
	case MODEL_FIELD_CAP_EFFECTIVE: return plain(t, TP(ext.cap_effective));
	case MODEL_FIELD_IO_CONTEXT: return plain(t, TP(ext.io_context));
	case MODEL_FIELD_IOPRIO: return plain(t, TP(ext.ioprio));
	case MODEL_FIELD_SYSVSEM_UNDO: return plain(t, TP(ext.sysvsem_undo));
	case MODEL_FIELD_SAS_SS_SP: return plain(t, TP(ext.sas_ss_sp));
	case MODEL_FIELD_SAS_SS_SIZE: return plain(t, TP(ext.sas_ss_size));
	case MODEL_FIELD_SAS_SS_FLAGS: return plain(t, TP(ext.sas_ss_flags));
	case MODEL_FIELD_RSEQ: return plain(t, TP(ext.rseq));
	case MODEL_FIELD_RSEQ_LEN: return plain(t, TP(ext.rseq_len));
	case MODEL_FIELD_PTRACE: return plain(t, TP(ext.ptrace));
	case MODEL_FIELD_PARENT_PID: return plain(t, TP(ext.parent_pid));
	case MODEL_FIELD_JOBCTL: return plain(t, TP(ext.jobctl));
	case MODEL_FIELD_BLOCKED: return plain(t, TP(ext.blocked));
	case MODEL_FIELD_PENDING: return plain(t, TP(ext.pending));
	case MODEL_FIELD_PDEATH_SIGNAL: return plain(t, TP(ext.pdeath_signal));
	case MODEL_FIELD_SECCOMP_MODE: return plain(t, TP(ext.seccomp_mode));
	case MODEL_FIELD_SECCOMP_FILTER: return plain(t, TP(ext.seccomp_filter));
	case MODEL_FIELD_OOM_SCORE_ADJ: return plain(t, TP(ext.oom_score_adj));
	case MODEL_FIELD_OOM_SCORE_ADJ_MIN: return plain(t, TP(ext.oom_score_adj_min));
	case MODEL_FIELD_HAS_CHILD_SUBREAPER: return plain(t, TP(ext.has_child_subreaper));
	case MODEL_FIELD_IS_CHILD_SUBREAPER: return plain(t, TP(ext.is_child_subreaper));
	case MODEL_FIELD_SELF_EXEC_ID: return plain(t, TP(ext.self_exec_id));
	case MODEL_FIELD_PARENT_EXEC_ID: return plain(t, TP(ext.parent_exec_id));
	case MODEL_FIELD_VFORK_DONE: return plain(t, TP(ext.vfork_done));
	case MODEL_FIELD_SET_CHILD_TID: return plain(t, TP(ext.set_child_tid));
	case MODEL_FIELD_CLEAR_CHILD_TID: return plain(t, TP(ext.clear_child_tid));
	case MODEL_FIELD_MIN_FLT: return plain(t, TP(ext.min_flt));
	case MODEL_FIELD_MAJ_FLT: return plain(t, TP(ext.maj_flt));
	case MODEL_FIELD_NVCSW: return plain(t, TP(ext.nvcsw));
	case MODEL_FIELD_NIVCSW: return plain(t, TP(ext.nivcsw));
	case MODEL_FIELD_UTIME: return plain(t, TP(ext.utime));
	case MODEL_FIELD_STIME: return plain(t, TP(ext.stime));
	case MODEL_FIELD_GTIME: return plain(t, TP(ext.gtime));
	case MODEL_FIELD_START_TIME: return plain(t, TP(ext.start_time));
	case MODEL_FIELD_UCLAMP_MIN: return plain(t, TP(ext.uclamp_min));
	case MODEL_FIELD_UCLAMP_MAX: return plain(t, TP(ext.uclamp_max));
	case MODEL_FIELD_UCLAMP_USER: return plain(t, TP(ext.uclamp_user));
	case MODEL_FIELD_NO_NEW_PRIVS: return plain(t, TP(ext.no_new_privs));
	case MODEL_FIELD_AUTOREAP: return plain(t, TP(ext.autoreap));
	case MODEL_FIELD_MNT_NS_NR_MOUNTS: return plain(t, TP(ext.mnt_ns_nr_mounts));
	case MODEL_FIELD_SCHED_CLASS: return plain(t, TP(ext.sched_class));
	case MODEL_FIELD_SCHED_TASK_GROUP: return plain(t, TP(ext.sched_task_group));
	case MODEL_FIELD_VRUNTIME: return plain(t, TP(ext.vruntime));
	case MODEL_FIELD_PID_NR0: return plain(t, TP(ext.pid_nr0));
	case MODEL_FIELD_PID_NR1: return plain(t, TP(ext.pid_nr1));
	case MODEL_FIELD_PID_NR2: return plain(t, TP(ext.pid_nr2));
	case MODEL_FIELD_PID_NR3: return plain(t, TP(ext.pid_nr3));
	case MODEL_FIELD_PIDFD_NR: return plain(t, TP(ext.pidfd_nr));
	case MODEL_FIELD_PIDFD_CLOEXEC: return plain(t, TP(ext.pidfd_cloexec));
	case MODEL_FIELD_PIDFD_F_FLAGS: return plain(t, TP(ext.pidfd_f_flags));
	case MODEL_FIELD_PIDFD_IN_CHILD: return plain(t, TP(ext.pidfd_in_child));
	case MODEL_FIELD_UREGS_IP: return plain(t, TP(arch.regs_pc));
	case MODEL_FIELD_UREGS_SP: return plain(t, TP(arch.regs_sp));
	case MODEL_FIELD_UREGS_RET: return plain(t, TP(arch.regs_ret));
	case MODEL_FIELD_USER_TLS: return plain(t, TP(arch.tls));
	case MODEL_FIELD_KFRAME_RET: return plain(t, TP(arch.ctx_pc));
	case MODEL_FIELD_KFRAME_FN: return plain(t, TP(arch.ctx_fn));
	case MODEL_FIELD_KFRAME_ARG: return plain(t, TP(arch.ctx_arg));
	case MODEL_FIELD_STACK_END_MAGIC: return plain(t, TP(arch.stack_end));
	case MODEL_FIELD_PREEMPT_COUNT: return plain(t, TP(arch.preempt_count));
	case MODEL_FIELD_KFRAME_SP_OFF:
		return (struct loc){ .kind = LOC_REL, .type = t, .width = 8,
				     .off = offsetof(struct rec_task_point, arch.ctx_sp),
				     .base = offsetof(struct rec_task_point, arch.regs) };
	case MODEL_FIELD_KFRAME_FP_OFF:
		if (prof->arch != MODEL_ARCH_ARM64)
			return (struct loc){ .why = "x86_64: fp offset is not defined (always 0)" };
		return (struct loc){ .kind = LOC_REL, .type = t, .width = 8,
				     .off = offsetof(struct rec_task_point, arch.ctx_fp),
				     .base = offsetof(struct rec_task_point, arch.regs_stackframe) };
	case MODEL_FIELD_NEED_RESCHED:
		/* TIF_NEED_RESCHED: arm64 bit 1; x86_64 bit 4 from 6.18, 3 before */
		return (struct loc){ .kind = LOC_TIF, .type = t, .width = 8,
				     .off = offsetof(struct rec_task_point, arch.ti_flags),
				     .bit = prof->arch == MODEL_ARCH_ARM64 ? 1 :
					    (prof->major > 6 || (prof->major == 6 &&
								 prof->minor >= 18)) ? 4 : 3 };
	default:
		return (struct loc){ .why = "no record field carries it" };
	}
}

/* Write value at loc in record p (host byte order: the trace's, checked). */
static void loc_write(const struct loc *l, void *p, int64_t value)
{
	unsigned char *b = p;
	uint64_t v = (uint64_t)value, base, raw;

	switch (l->kind) {
	case LOC_PLAIN:
		memcpy(b + l->off, &v, l->width);	/* little-endian: the low bytes */
		break;
	case LOC_REL:
		memcpy(&base, b + l->base, 8);
		raw = v + base;
		memcpy(b + l->off, &raw, 8);
		break;
	case LOC_TIF:
		memcpy(&raw, b + l->off, 8);
		raw = (raw & ~(1ull << l->bit)) | ((v & 1) << l->bit);
		memcpy(b + l->off, &raw, 8);
		break;
	default:
		break;
	}
}

/* The operators as model/model.h defines them: the oracle's own copy. */
static bool oracle_op(enum model_op op, uint64_t o, uint64_t v, uint32_t child_pid)
{
	switch (op) {
	case MODEL_OP_EQ:
		return o == v;
	case MODEL_OP_NE:
		return o != v;
	case MODEL_OP_NEW:
		return o != v && o != 0;
	case MODEL_OP_BITS_SET:
		return (o & v) == v;
	case MODEL_OP_BITS_CLEAR:
		return (o & v) == 0;
	case MODEL_OP_IN_MASK:
		return o < 64 && ((v >> o) & 1);
	case MODEL_OP_EQ_CHILD_PID:
		return child_pid && o == child_pid;
	case MODEL_OP_GE:
		return o >= v;
	case MODEL_OP_LE:
		return o <= v;
	case MODEL_OP_EQ_CHILD_NR:	/* the differ turns it into EQ */
		return false;
	}
	return false;
}

/* Values that break (op, E) for a field observed as O; n written to out. */
static size_t breaking_values(enum model_op op, int64_t e, int64_t o, uint32_t child_pid,
			      int64_t out[8])
{
	uint64_t E = (uint64_t)e, O = (uint64_t)o;
	size_t n = 0;

	switch (op) {
	case MODEL_OP_EQ:
		out[n++] = (int64_t)(E + 1);
		out[n++] = (int64_t)(E - 1);
		out[n++] = (int64_t)(E ^ 0x1000);
		if (E)
			out[n++] = 0;
		break;
	case MODEL_OP_NE:
		out[n++] = e;
		break;
	case MODEL_OP_NEW:
		out[n++] = e;	/* the parent's: shared where a new one was due */
		if (E)
			out[n++] = 0;
		break;
	case MODEL_OP_BITS_SET:
	case MODEL_OP_BITS_CLEAR:
		for (unsigned int b = 0; b < 64 && n < 8; b++)
			if ((E >> b) & 1)
				out[n++] = (int64_t)(op == MODEL_OP_BITS_SET ? O & ~(1ull << b) :
									      O | (1ull << b));
		break;
	case MODEL_OP_IN_MASK:
		for (unsigned int c = 0; c < 64 && n < 2; c++)
			if (!((E >> c) & 1))
				out[n++] = c;
		out[n++] = 64;
		break;
	case MODEL_OP_EQ_CHILD_PID:
		out[n++] = (int64_t)child_pid + 1;
		out[n++] = (int64_t)child_pid - 1;
		break;
	case MODEL_OP_GE:
		if (E)
			out[n++] = (int64_t)(E - 1);
		break;
	case MODEL_OP_LE:
		if (E != UINT64_MAX)
			out[n++] = (int64_t)(E + 1);
		out[n++] = -1;
		break;
	case MODEL_OP_EQ_CHILD_NR:	/* the differ's checks carry EQ instead */
		break;
	}
	return n;
}

/* A mutation class: what is targeted, and what became of it. */
enum mut_status {
	MUT_NONE,	/* no mutation could be made (why says why) */
	MUT_PERMISSIVE,	/* the rule only allows an errno: it cannot fail */
	MUT_PRESENCE,	/* a required point fired: missing, it is incomplete */
	MUT_CAUGHT,
	MUT_MISSED,
};

struct mut_key {
	const char *rule;
	enum check_kind kind;
	int stage;		/* FIELD, ABSENT: the stage; ORDER: the later one */
	int field;		/* FIELD: the field; ORDER: the earlier stage */
	int op;			/* FIELD: the operator */
};

struct mut {
	struct mut_key k;
	enum mut_status st;
	char what[200];		/* the mutation, or why there is none */
	char got[300];		/* MISSED: what the differ said */
	bool shared;		/* no value breaks the rule alone: others fail too */
};

struct mut_run {
	const struct trace_mem *tm;
	size_t n;
	struct mut m[MAX_KEYS];
	/* the clone being doctored */
	struct rec_buf **recs;	/* its records (originals) */
	size_t nrec;
	struct judged base;	/* its baseline verdict */
	struct judged doc;	/* the doctored verdicts */
	bool shared;		/* second pass: a field may break other rules too */
};

static bool key_eq(const struct mut_key *a, const struct mut_key *b)
{
	return !strcmp(a->rule, b->rule) && a->kind == b->kind && a->stage == b->stage &&
	       a->field == b->field && a->op == b->op;
}

static struct mut *mut_find(struct mut_run *mr, const struct mut_key *k)
{
	for (size_t i = 0; i < mr->n; i++)
		if (key_eq(&mr->m[i].k, k))
			return &mr->m[i];
	ck_assert_msg(mr->n < MAX_KEYS, "more than %d mutation classes", MAX_KEYS);
	memset(&mr->m[mr->n], 0, sizeof(mr->m[0]));
	mr->m[mr->n].k = *k;
	mr->m[mr->n].st = MUT_NONE;
	return &mr->m[mr->n++];
}

static const char *op_name(int op)
{
	static const char *const n[] = { "==", "!=", "new", "bits-set", "bits-clear", "in-mask",
					 "==child-pid", ">=", "<=" };

	return op >= 0 && op < (int)ARRAY_SIZE(n) ? n[op] : "?";
}

static void key_text(const struct mut_key *k, char *buf, size_t len)
{
	switch (k->kind) {
	case CHECK_FIELD:
		snprintf(buf, len, "%s.%s %s", model_stage_name(k->stage),
			 model_field_name(k->field), op_name(k->op));
		break;
	case CHECK_ORDER:
		snprintf(buf, len, "%s before %s", model_stage_name(k->field),
			 model_stage_name(k->stage));
		break;
	case CHECK_RET:
		snprintf(buf, len, "syscall return%s", k->stage == MODEL_STAGE_NEWTASK ?
			 " (success predicted)" : "");
		break;
	case CHECK_ABSENT:
		snprintf(buf, len, "%s absent", model_stage_name(k->stage));
		break;
	case CHECK_PRESENT:
		snprintf(buf, len, "%s present", model_stage_name(k->stage));
		break;
	}
}

/*
 * The oracle: the checks of the baseline prediction that fail on the
 * doctored clone, computed from its decoded observations alone.  Returns the
 * number failing; *only is false if one of them is not `rule`.  -1 when the
 * doctored clone cannot be judged (e.g. its exit is gone): not a mutation.
 */
#define ORACLE_MAX 64

/*
 * A check the differ made from MODEL_OP_EQ_CHILD_NR (R-34's return value,
 * compared with the child's number in the caller's pid ns): its operand is
 * the doctored clone's own pid_nrK, as the differ takes it.  False for any
 * other check.
 */
static bool oracle_child_nr(const struct model_pred *pred, const struct diff_check *c,
			    const struct clone_obs *co, int64_t *expected)
{
	const struct obs_task *t = &co->newtask.child;
	const uint32_t nr[4] = { t->pid_nr0, t->pid_nr1, t->pid_nr2, t->pid_nr3 };

	for (size_t i = 0; i < pred->n_expect; i++) {
		const struct model_expect *e = &pred->expect[i];

		if (e->op != MODEL_OP_EQ_CHILD_NR || e->stage != c->stage ||
		    e->field != c->field || strcmp(e->rule, c->rule))
			continue;
		if (e->value < 0 || e->value > 3 || !(co->seen & OBS_BIT(OBS_NEWTASK)))
			return false;
		*expected = nr[e->value];
		return true;
	}
	return false;
}

/* The doctored clone: opened by its syscall's entry, or (a clone made inside
 * the kernel) by copy_process()'s entry or the creator's record. */
static bool is_main_clone(const struct clone_obs *co)
{
	return co->seen & (OBS_BIT(OBS_SYS_ENTER) | OBS_BIT(OBS_COPY_ENTER));
}

static int oracle(const struct mut_run *mr, const char *rule, bool *only,
		  const char *fails[ORACLE_MAX])
{
	const struct model_pred *pred = &mr->base.pred[0];
	const struct clone_verdict *bv = &mr->base.v[0];
	const struct model_profile *prof = &mr->tm->prof;
	const struct clone_obs *co = NULL;
	int failed = 0;

	for (size_t i = 0; i < mr->doc.n; i++)
		if (is_main_clone(&mr->doc.co[i]))
			co = &mr->doc.co[i];
	*only = true;
	/* a clone made inside the kernel has no syscall exit to wait for */
	if (!co || ((co->seen & OBS_BIT(OBS_SYS_ENTER)) && !(co->seen & OBS_BIT(OBS_SYS_EXIT))))
		return -1;
#define FAIL(r)                                   \
	do {                                      \
		if (failed < ORACLE_MAX)          \
			fails[failed] = (r);      \
		failed++;                         \
		*only &= !strcmp((r), rule);      \
	} while (0)
	if (pred->err || co->exit.ret < 0) {
		int64_t ret = co->exit.ret;
		bool allowed = pred->err && ret == pred->err;
		uint32_t seen = predict_stages_seen(co);

		for (size_t i = 0; i < pred->n_alt; i++)
			allowed |= pred->alt[i].err == ret &&
				   !(pred->alt[i].before_sched_fork &&
				     (co->seen & OBS_BIT(OBS_SCHED_FORK)));
		if (!allowed)
			FAIL(pred->err ? pred->err_rule : "A.4");
		if (pred->err) {
			for (int s = 0; s < MODEL_STAGE__COUNT; s++)
				if ((pred->stages_forbidden & MODEL_STAGE_BIT(s)) &&
				    (seen & MODEL_STAGE_BIT(s)))
					FAIL(pred->stages_rule);
		} else if (allowed && (seen & (MODEL_STAGE_BIT(MODEL_STAGE_NEWTASK) |
					       MODEL_STAGE_BIT(MODEL_STAGE_FORK) |
					       MODEL_STAGE_BIT(MODEL_STAGE_WAKEUP)))) {
			FAIL("A.4");
		}
		return failed;
	}
	for (size_t i = 0; i < bv->n_checks; i++) {
		const struct diff_check *c = &bv->checks[i];
		struct model_task t;
		uint64_t t0, t1;

		if (c->kind == CHECK_FIELD) {
			uint32_t child = (co->seen & OBS_BIT(OBS_NEWTASK)) ? co->newtask.child.pid : 0;
			int64_t expected = c->expected;

			if (!predict_observed(prof, co, c->stage, &t))
				return -1;
			oracle_child_nr(pred, c, co, &expected);
			if (!oracle_op(c->op, (uint64_t)model_task_field(&t, c->field),
				       (uint64_t)expected, child))
				FAIL(c->rule);
		} else if (c->kind == CHECK_ORDER) {
			if (!predict_stage_ts(co, c->before, &t0) || !predict_stage_ts(co, c->stage, &t1))
				return -1;
			if (t0 > t1)
				FAIL(c->rule);
		} else if (c->kind == CHECK_ABSENT) {
			/* a point the model forbids that fired */
			if (predict_stages_seen(co) & MODEL_STAGE_BIT(c->stage))
				FAIL(c->rule);
		}
	}
#undef FAIL
	return failed;
}

/*
 * Doctor record `which` of the current clone with `apply`, judge it, and if
 * the oracle says exactly `m->k.rule` must fail (or, with shared, that it
 * is among the rules that must), file the outcome in m: caught when the
 * differ fails exactly the checks the oracle names.  Returns true when the
 * mutation was made (caught or missed).
 */
static int cmp_rule(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool try_mutation_as(struct mut_run *mr, struct mut *m, size_t which, bool append,
			    void (*apply)(void *rec, const void *arg), const void *arg,
			    const char *what, bool shared)
{
	const char *want[ORACLE_MAX], *got[ORACLE_MAX];
	bool has_target = false, same;
	struct rec_buf copy[64], *ptr[64];
	const struct clone_verdict *main_v = NULL;
	int expect_fail;
	size_t failed = 0, wrong = 0;
	bool only;
	char *g = m->got;
	size_t gl = sizeof(m->got);

	size_t nrec = mr->nrec, at = which;

	if (mr->nrec + append > ARRAY_SIZE(copy))
		return false;
	for (size_t i = 0; i < mr->nrec; i++) {
		copy[i] = *mr->recs[i];
		ptr[i] = &copy[i];
	}
	if (append) {
		/*
		 * a copy of record `which`, doctored, right after it: the
		 * correlator hands a clone on once its last point arrived
		 */
		for (size_t i = nrec; i > which + 1; i--) {
			copy[i] = copy[i - 1];
			ptr[i] = &copy[i];
		}
		nrec++;
		at = which + 1;
		copy[at] = *mr->recs[which];
		ptr[at] = &copy[at];
	}
	copy[at].p = malloc(copy[at].len);
	ck_assert(copy[at].p);
	memcpy(copy[at].p, mr->recs[which]->p, copy[at].len);
	apply(copy[at].p, arg);
	judge(mr->tm, ptr, nrec, &mr->doc);
	free(copy[at].p);

	expect_fail = oracle(mr, m->k.rule, &only, want);
	if (expect_fail <= 0 || expect_fail > ORACLE_MAX)
		return false;
	for (int i = 0; i < expect_fail; i++)
		has_target |= !strcmp(want[i], m->k.rule);
	if (shared ? !has_target : !only)
		return false;	/* not a mutation of this rule (alone): try another */

	snprintf(m->what, sizeof(m->what), "clone %llu: %s",
		 (unsigned long long)mr->base.v[0].clone_id, what);
	*g = 0;
	for (size_t i = 0; i < mr->doc.n; i++) {
		const struct clone_verdict *v = &mr->doc.v[i];

		for (size_t c = 0; c < v->n_checks; c++) {
			if (v->checks[c].ok)
				continue;
			if (failed < ORACLE_MAX)
				got[failed] = v->checks[c].rule;
			failed++;
			if (strcmp(v->checks[c].rule, m->k.rule)) {
				size_t l = strlen(g);

				wrong++;
				snprintf(g + l, gl - l, "%s%s", l ? "," : "also flagged by ",
					 v->checks[c].rule);
			}
		}
	}
	for (size_t i = 0; i < mr->doc.n; i++)
		if (is_main_clone(&mr->doc.co[i]))
			main_v = &mr->doc.v[i];
	same = failed == (size_t)expect_fail;
	if (same) {
		qsort(want, (size_t)expect_fail, sizeof(want[0]), cmp_rule);
		qsort(got, failed, sizeof(got[0]), cmp_rule);
		for (size_t i = 0; i < failed && same; i++)
			same = !strcmp(want[i], got[i]);
	}
	if (main_v && main_v->verdict == VERDICT_MISMATCH && same && (shared || !wrong)) {
		m->st = MUT_CAUGHT;
		m->shared = shared;
		if (shared)
			snprintf(m->what + strlen(m->what), sizeof(m->what) - strlen(m->what),
				 " [%s, as predicted]", g);
		return true;
	}
	m->st = MUT_MISSED;
	if (!*g)
		snprintf(g, gl, "verdict %s, %zu failed checks (oracle: %d)",
			 main_v ? verdict_name(main_v->verdict) : "none", failed,
			 expect_fail);
	else if (failed != (size_t)expect_fail)
		snprintf(g + strlen(g), gl - strlen(g), "; %zu failed (oracle: %d)", failed,
			 expect_fail);
	return true;
}

static bool try_mutation(struct mut_run *mr, struct mut *m, size_t which,
			 void (*apply)(void *rec, const void *arg), const void *arg,
			 const char *what, bool shared)
{
	return try_mutation_as(mr, m, which, false, apply, arg, what, shared);
}

struct field_arg {
	struct loc l;
	int64_t value;
};

static void apply_field(void *rec, const void *arg)
{
	const struct field_arg *a = arg;

	loc_write(&a->l, rec, a->value);
}

static void apply_type(void *rec, const void *arg)
{
	((struct rec_hdr *)rec)->type = *(const uint32_t *)arg;
}

/* Index in mr->recs of the record of type t, or -1. */
static int rec_of(const struct mut_run *mr, uint32_t t)
{
	for (size_t i = 0; i < mr->nrec; i++)
		if (mr->recs[i]->type == t)
			return (int)i;
	return -1;
}

static void mutate_field(struct mut_run *mr, const struct diff_check *c)
{
	struct mut_key k = { c->rule, CHECK_FIELD, c->stage, c->field, c->op };
	struct mut *m = mut_find(mr, &k);
	struct field_arg a;
	int64_t vals[8];
	size_t n;
	int r;
	char what[160];

	if (m->st == MUT_CAUGHT || m->st == MUT_MISSED)
		return;
	a.l = field_loc(&mr->tm->prof, c->stage, c->field);
	r = a.l.kind == LOC_NONE ? -1 : rec_of(mr, a.l.type);
	if (r < 0) {
		snprintf(m->what, sizeof(m->what), "%s", a.l.why ? a.l.why : "no such record");
		return;
	}
	n = breaking_values(c->op, c->expected, c->observed, mr->base.v[0].child_pid, vals);
	/*
	 * A value that breaks this rule alone; on the second pass over the
	 * clones (mr->shared), for a field other rules also compare against
	 * (e.g. the child's pid), one that breaks it among others: the differ
	 * must then fail exactly the checks the oracle names.
	 */
	for (size_t i = 0; i < n; i++) {
		a.value = vals[i];
		snprintf(what, sizeof(what), "%s.%s %#llx -> %#llx", model_stage_name(c->stage),
			 model_field_name(c->field), (unsigned long long)c->observed,
			 (unsigned long long)vals[i]);
		if (try_mutation(mr, m, (size_t)r, apply_field, &a, what, mr->shared))
			return;
	}
	if (m->st == MUT_NONE)
		snprintf(m->what, sizeof(m->what), "no value breaks only this rule (%zu tried)", n);
}

static void mutate_order(struct mut_run *mr, const struct diff_check *c)
{
	struct mut_key k = { c->rule, CHECK_ORDER, c->stage, c->before, 0 };
	struct mut *m = mut_find(mr, &k);
	struct field_arg a = {};
	char what[160];
	int r;

	if (m->st == MUT_CAUGHT || m->st == MUT_MISSED)
		return;
	/* the later stage's timestamp just before the earlier one's ... */
	r = rec_of(mr, stage_rec(c->stage));
	a.l = plain(stage_rec(c->stage), TP(hdr.ts_ns));
	a.value = c->expected - 1;
	snprintf(what, sizeof(what), "%s ts before %s's", model_stage_name(c->stage),
		 model_stage_name(c->before));
	if (r >= 0 && c->stage != MODEL_STAGE_SYS_ENTER &&
	    try_mutation(mr, m, (size_t)r, apply_field, &a, what, false))
		return;
	/* ... or the earlier one's just after the later one's (not the entry's: an input) */
	r = rec_of(mr, stage_rec(c->before));
	a.l = plain(stage_rec(c->before), TP(hdr.ts_ns));
	a.value = c->observed + 1;
	snprintf(what, sizeof(what), "%s ts after %s's", model_stage_name(c->before),
		 model_stage_name(c->stage));
	if (r >= 0 && c->before != MODEL_STAGE_SYS_ENTER &&
	    try_mutation(mr, m, (size_t)r, apply_field, &a, what, false))
		return;
	if (m->st == MUT_NONE)
		snprintf(m->what, sizeof(m->what), "no timestamp breaks only this rule");
}

/* A syscall return neither predicted nor allowed (for RET mutations). */
static void mutate_ret(struct mut_run *mr, const char *rule, bool success)
{
	static const int errnos[] = { -EBADF, -EXDEV, -ENOTTY, -ESPIPE, -EDOM, -ENOEXEC };
	struct mut_key k = { rule, CHECK_RET, success ? MODEL_STAGE_NEWTASK : MODEL_STAGE_SYS_EXIT,
			     0, 0 };
	struct mut *m = mut_find(mr, &k);
	struct field_arg a;
	char what[160];
	int r = rec_of(mr, REC_SYS_EXIT);

	if (m->st == MUT_CAUGHT || m->st == MUT_MISSED || r < 0)
		return;
	a.l = plain(REC_SYS_EXIT, offsetof(struct rec_ret, ret), 8);
	for (size_t i = 0; i < ARRAY_SIZE(errnos); i++) {
		a.value = errnos[i];
		snprintf(what, sizeof(what), "syscall return %lld -> %d",
			 (long long)mr->base.v[0].ret, errnos[i]);
		if (try_mutation(mr, m, (size_t)r, apply_field, &a, what, false))
			return;
	}
	snprintf(m->what, sizeof(m->what), "every errno tried is predicted or allowed");
}

/* A failed clone's copy_process/kernel_clone exit retagged as a forbidden point. */
static void mutate_absent(struct mut_run *mr, const struct diff_check *c)
{
	struct mut_key k = { c->rule, CHECK_ABSENT, c->stage, 0, 0 };
	struct mut *m = mut_find(mr, &k);
	uint32_t to = stage_rec(c->stage), from;
	char what[160];
	int r;

	if (m->st == MUT_CAUGHT || m->st == MUT_MISSED)
		return;
	if (to == REC__MAX) {
		snprintf(m->what, sizeof(m->what), "no record type is this point's alone");
		return;
	}
	/* same record layout: rec_task_point for the task points, rec_ret for the child's exit */
	from = c->stage == MODEL_STAGE_SYS_ENTER ? REC__MAX :
	       (to == REC_SYS_EXIT || to == REC_CHILD_RET) ? REC_CLONE_EXIT : REC_COPY_EXIT;
	r = rec_of(mr, from);
	if (r < 0 && from == REC_COPY_EXIT) {
		/*
		 * No copy_process() exit to retag (tracepoint backend): a copy
		 * of task_newtask's record as sched_process_fork, the forbidden
		 * point firing right after it with the state it would read.
		 */
		if (to == REC_FORK)
			r = rec_of(mr, REC_NEWTASK);
		if (r >= 0) {
			snprintf(what, sizeof(what), "a copy of record type %u as %u (%s)",
				 mr->recs[r]->type, to, model_stage_name(c->stage));
			if (!try_mutation_as(mr, m, (size_t)r, true, apply_type, &to, what, false) &&
			    m->st == MUT_NONE)
				snprintf(m->what, sizeof(m->what), "the copy breaks more than this rule");
			return;
		}
	}
	if (r < 0) {
		snprintf(m->what, sizeof(m->what),
			 "no record of the same layout to retag (a failed clone has only its "
			 "entry and exit on this backend)");
		return;
	}
	snprintf(what, sizeof(what), "record type %u -> %u (%s)", from, to,
		 model_stage_name(c->stage));
	if (!try_mutation(mr, m, (size_t)r, apply_type, &to, what, false) && m->st == MUT_NONE)
		snprintf(m->what, sizeof(m->what), "retagging breaks more than this rule");
}

/* Every mutation class one clone offers. */
static void mutate_clone(struct mut_run *mr)
{
	const struct clone_verdict *bv = &mr->base.v[0];
	const struct model_pred *pred = &mr->base.pred[0];

	for (size_t i = 0; i < bv->n_checks; i++) {
		const struct diff_check *c = &bv->checks[i];

		switch (c->kind) {
		case CHECK_FIELD:
			mutate_field(mr, c);
			break;
		case CHECK_ORDER:
			mutate_order(mr, c);
			break;
		case CHECK_RET:
			if (!pred->err || c->observed != pred->err) {
				/* an environmental errno its rule allowed: nothing to break */
				struct mut_key k = { c->rule, CHECK_RET, MODEL_STAGE_SYS_EXIT, 1, 0 };
				struct mut *m = mut_find(mr, &k);

				if (m->st == MUT_NONE) {
					m->st = MUT_PERMISSIVE;
					snprintf(m->what, sizeof(m->what),
						 "allows %lld instead of %d: cannot fail",
						 (long long)c->observed, pred->err);
				}
			} else {
				mutate_ret(mr, c->rule, false);
			}
			break;
		case CHECK_ABSENT:
			mutate_absent(mr, c);
			break;
		case CHECK_PRESENT: {
			/* a required point that did not fire is a gap, never a mismatch */
			struct mut_key k = { c->rule, CHECK_PRESENT, c->stage, 0, 0 };
			struct mut *m = mut_find(mr, &k);

			if (m->st == MUT_NONE) {
				m->st = MUT_PRESENCE;
				snprintf(m->what, sizeof(m->what), "records that a required point "
					 "fired; a missing one is incomplete, not a mismatch");
			}
			break;
		}
		}
	}
	/* A success may not become a failure the model did not allow (A.4). */
	if (!pred->err && bv->ret_seen && bv->ret > 0)
		mutate_ret(mr, "A.4", true);
}

/* Per rule: classes made, caught; and whether the rule was checked at all. */
struct rule_score {
	const char *rule;
	unsigned int made, caught, permissive, presence, none;
};

static struct rule_score *score_of(struct rule_score *s, size_t *n, const char *rule)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp(s[i].rule, rule))
			return &s[i];
	memset(&s[*n], 0, sizeof(s[0]));
	s[*n].rule = rule;
	return &s[(*n)++];
}

static int cmp_score(const void *a, const void *b)
{
	return strcmp(((const struct rule_score *)a)->rule, ((const struct rule_score *)b)->rule);
}

/* Mutate one fixture; print its classes; return missed + rules without a mutation. */
static unsigned int mutate_fixture(const char *path, struct rule_score *all, size_t *n_all)
{
	static struct mut_run mr;
	struct trace_mem tm;
	struct rule_score sc[TALLY_MAX_RULES];
	size_t n_sc = 0, clones = 0, n_rules;
	const struct model_rule *rules = model_rules(&n_rules);
	unsigned int bad = 0, made = 0, caught = 0;
	struct rec_buf **recs;
	uint64_t *ids;
	size_t n_ids = 0;
	char kt[96];

	trace_load(&tm, path);
	memset(&mr, 0, sizeof(mr));
	mr.tm = &tm;
	recs = calloc(tm.n, sizeof(*recs));
	ids = calloc(tm.n, sizeof(*ids));
	ck_assert(recs && ids);
	for (size_t i = 0; i < tm.n; i++) {
		bool known = false;

		for (size_t j = 0; j < n_ids && !known; j++)
			known = ids[j] == tm.r[i].clone_id;
		if (!known)
			ids[n_ids++] = tm.r[i].clone_id;
	}
	for (size_t pass = 0; pass < 2 * n_ids; pass++) {
		size_t c = pass % n_ids;

		mr.shared = pass >= n_ids;
		mr.nrec = 0;
		for (size_t i = 0; i < tm.n; i++)
			if (tm.r[i].clone_id == ids[c])
				recs[mr.nrec++] = &tm.r[i];
		mr.recs = recs;
		judge(&tm, recs, mr.nrec, &mr.base);
		/* judged alone, each clone is what the whole replay said: one pass */
		ck_assert_msg(mr.base.n == 1, "%s clone %llu: %zu assemblies alone", path,
			      (unsigned long long)ids[c], mr.base.n);
		if (mr.base.v[0].verdict == VERDICT_UNJUDGED || !mr.base.has_pred[0])
			continue;
		ck_assert_msg(mr.base.v[0].verdict == VERDICT_PASS, "%s clone %llu: %s", path,
			      (unsigned long long)ids[c], verdict_name(mr.base.v[0].verdict));
		clones += !mr.shared;
		mutate_clone(&mr);
	}

	printf("\nmutations of %s (%zu judged clones)\n", base_name(path), clones);
	for (size_t i = 0; i < mr.n; i++) {
		const struct mut *m = &mr.m[i];
		struct rule_score *s = score_of(sc, &n_sc, m->k.rule);
		struct rule_score *a = score_of(all, n_all, m->k.rule);
		static const char *const st[] = { "none", "allows", "seen", "caught", "MISSED" };
		const char *sts = m->st == MUT_CAUGHT && m->shared ? "caught*" : st[m->st];

		key_text(&m->k, kt, sizeof(kt));
		printf("  %-7s %-6s %-40s %s%s%s\n", sts, m->k.rule, kt, m->what,
		       m->st == MUT_MISSED ? ": " : "", m->st == MUT_MISSED ? m->got : "");
		if (m->st == MUT_CAUGHT || m->st == MUT_MISSED) {
			s->made++;
			a->made++;
			made++;
		}
		if (m->st == MUT_CAUGHT) {
			s->caught++;
			a->caught++;
			caught++;
		}
		s->permissive += m->st == MUT_PERMISSIVE;
		a->permissive += m->st == MUT_PERMISSIVE;
		s->presence += m->st == MUT_PRESENCE;
		a->presence += m->st == MUT_PRESENCE;
		s->none += m->st == MUT_NONE;
		a->none += m->st == MUT_NONE;
	}
	qsort(sc, n_sc, sizeof(sc[0]), cmp_score);
	printf("  score %u/%u caught (%.1f%%)\n", caught, made, made ? 100.0 * caught / made : 0);
	for (size_t i = 0; i < n_sc; i++) {
		if (sc[i].made == 0 && !sc[i].permissive && !sc[i].presence) {
			printf("  FAIL  %s is checked but no mutation could be made\n", sc[i].rule);
			bad++;
		}
		bad += sc[i].made - sc[i].caught;
	}
	/* fields a record carries that no check of this fixture reads: not mutated */
	for (int st = MODEL_STAGE_NEWTASK; st < MODEL_STAGE__COUNT; st++) {
		bool any = false, recorded = false;

		for (size_t i = 0; i < tm.n && !recorded; i++)
			recorded = tm.r[i].type == stage_rec(st);
		if (!recorded)
			continue;

		for (int f = 0; f < MODEL_FIELD__COUNT; f++) {
			struct mut_key k = { NULL, CHECK_FIELD, st, f, 0 };
			bool checked = false;

			if (field_loc(&tm.prof, st, f).kind == LOC_NONE)
				continue;
			for (size_t i = 0; i < mr.n && !checked; i++)
				checked = mr.m[i].k.kind == k.kind && mr.m[i].k.stage == st &&
					  mr.m[i].k.field == f;
			if (checked)
				continue;
			if (!any)
				printf("  recorded, never checked at %s:", model_stage_name(st));
			printf(" %s", model_field_name(f));
			any = true;
		}
		if (any)
			printf("\n");
	}
	printf("  rules never checked here:");
	for (size_t i = 0; i < n_rules; i++) {
		bool checked = false;

		for (size_t j = 0; j < n_sc && !checked; j++)
			checked = !strcmp(sc[j].rule, rules[i].id);
		if (!checked)
			printf(" %s", rules[i].id);
	}
	printf("\n");
	free(recs);
	free(ids);
	trace_free(&tm);
	return bad;
}

/* The mutation suite over every fixture; fails below 100% (see the head). */
START_TEST(test_fixtures_mutations_caught)
{
	char *paths[MAX_FIXTURES];
	size_t n = list_fixtures(paths), n_all = 0;
	struct rule_score all[TALLY_MAX_RULES];
	unsigned int bad = 0, made = 0, caught = 0;

	for (size_t i = 0; i < n; i++)
		bad += mutate_fixture(paths[i], all, &n_all);
	qsort(all, n_all, sizeof(all[0]), cmp_score);
	printf("\nmutation score per rule, all fixtures (classes caught / made)\n");
	for (size_t i = 0; i < n_all; i++) {
		made += all[i].made;
		caught += all[i].caught;
		if (all[i].made)
			printf("  %-6s %3u/%-3u %s\n", all[i].rule, all[i].caught, all[i].made,
			       all[i].caught == all[i].made ? "" : "MISSED SOME");
		else
			printf("  %-6s   -     %s\n", all[i].rule,
			       all[i].permissive ? "only allows an errno (not counted)" :
			       all[i].presence	 ? "only says a required point fired (not counted)" :
						   "no mutation could be made");
	}
	printf("mutation score: %u/%u caught (%.1f%%)\n", caught, made,
	       made ? 100.0 * caught / made : 0);
	fflush(stdout);
	free_paths(paths, n);
	ck_assert_msg(made > 0, "no mutation was made");
	ck_assert_msg(bad == 0, "%u mutations missed or checked rules without a mutation "
			       "(see the listing above)", bad);
}
END_TEST

Suite *fixtures_suite(void)
{
	Suite *s = suite_create("fixtures");
	TCase *tc = tcase_create("Replay");

	tcase_add_test(tc, test_fixtures_required_present);
	tcase_add_test(tc, test_fixtures_replay_conforms);
	tcase_add_test(tc, test_fixtures_replay_refuses_damage);
	suite_add_tcase(s, tc);
	tc = tcase_create("Mutations");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_fixtures_mutations_caught);
	suite_add_tcase(s, tc);
	return s;
}
