/* SPDX-License-Identifier: GPL-2.0 */
/*
 * session.h - one judged observation, live or replayed: begin it with its
 * metadata, feed it raw records, end it with the counts the source kept.
 *
 * Inside, each record takes the one-way path decode -> correlate -> predict
 * -> diff -> tally, and every verdict goes to the report writers and to the
 * observers.  A live run (run.c), a replay (replay.c) and the daemon each
 * drive one session; `record` also keeps every record in a trace file.
 */
#ifndef CLONECHECK_SESSION_H
#define CLONECHECK_SESSION_H

#include "report.h"
#include "tally.h"
#include "trace_file.h"

#define SESSION_MAX_OBSERVERS 4

typedef void (*session_verdict_cb)(void *ctx, const struct clone_obs *co,
				   const struct clone_verdict *v);
/* Who made a clone (a workload case's name), or NULL. */
typedef const char *(*session_label_cb)(void *ctx, const struct clone_obs *co);

struct session_opts {
	struct report *reports;	/* writers fed every verdict: begun by
				 * session__begin(), ended by session__end() */
	size_t n_reports;
	const char *trace_path;	/* keep every record in this trace file, or NULL */
	size_t max_open;	/* clones open at once before the oldest is handed
				 * on incomplete (0: the correlator's default) */
	session_verdict_cb on_verdict; /* a first observer, or NULL */
	void *verdict_ctx;
};

struct session;

/*
 * Begin a session judging the kernel @prof, whose records come as @meta
 * says (backend points, record layout; strings for the reports and the
 * trace file).  Begins the reports and opens the trace file.  NULL with
 * *err = -errno (said on stderr) on failure.
 */
struct session *session__begin(const struct trace_meta *meta, const struct model_profile *prof,
			       const struct session_opts *o, int *err);
/* Add an observer of every verdict (after the reports).  0 or -ENOSPC. */
int session__observe(struct session *s, session_verdict_cb cb, void *ctx);
/* Name the maker of each clone (the live workload). */
void session__set_label(struct session *s, session_label_cb cb, void *ctx);
/*
 * Labels expected to make at least one judged clone each (the workload's
 * cases); one that made none counts in run_info.cases_unseen.  The strings
 * must outlive the session.  0 or -ENOMEM.
 */
int session__expect_labels(struct session *s, const char *const *labels, size_t n);
/*
 * One raw record (loader_record_cb).  Bad records are counted, not errors;
 * returns the trace file's write error, once and then sticky, else 0.
 */
int session__record(void *s, const void *data, size_t len);
/*
 * Observation stopped (-d, a signal) while clones may be in flight: at
 * session__end(), a clone whose syscall has not returned is still in
 * progress (unjudged), not incomplete.
 */
void session__cut(struct session *s);
/*
 * The source ended before its end (a trace cut short, judged with --salvage):
 * its counts are unknown, which the reports say (run_info.truncated), and
 * the clones it cut are in progress (session__cut()).
 */
void session__truncated(struct session *s, const char *why);
/* Write the records kept so far to the trace file (record), if any.  0 or -errno. */
int session__flush(struct session *s);
/* One observation already decoded (what session__record() makes of a record). */
int session__push(struct session *s, const struct obs *o);
/*
 * The source is done: judge what is still open as incomplete, write the
 * trace file's trailer from @c (records lost, untracked, ...), build the
 * summary and end the reports.  0 or the first -errno (said on stderr).
 */
int session__end(struct session *s, const struct trace_counts *c);
/*
 * Judge as incomplete every clone whose first record is older than
 * before_ns (the records' clock, CLOCK_MONOTONIC): the daemon's bound on
 * how long a clone stays open.
 */
void session__expire(struct session *s, uint64_t before_ns);
/* Clones open now. */
size_t session__pending(const struct session *s);
/*
 * A report of the session so far, without ending it: each writer of reps
 * begun and ended with the summary of what is judged now (per-clone lines
 * are not repeated: the writers see the summary and the kept findings).
 * 0 or the first -errno.
 */
int session__snapshot(struct session *s, struct report *reps, size_t n);
/* Everything judged so far. */
const struct tally *session__tally(const struct session *s);
/* Kernel, backend, workload and counts, as the reports see them. */
const struct run_info *session__info(const struct session *s);
/* After session__end(): the summary (verdict, coverage) and exit status. */
const struct report_summary *session__summary(const struct session *s);
/* The kernel being judged. */
const struct model_profile *session__profile(const struct session *s);
/* Records of a type this build does not know (skipped). */
uint64_t session__unknown(const struct session *s);
void session__free(struct session *s);

#endif /* CLONECHECK_SESSION_H */
