/* SPDX-License-Identifier: GPL-2.0 */
/*
 * report.h - the report layer.
 *
 * A run opens any number of reports (struct report: a writer and where it
 * writes).  Each writer sees begin(), one clone() per judged clone in
 * judging order, then end() with the run's summary.  The summary is built
 * once per run (report_summary__new()): the catalogue merged with the tally,
 * coverage, the run-level checks, the verdict and the exit status.  Writers
 * only render it; none decides anything.
 */
#ifndef CLONECHECK_REPORT_H
#define CLONECHECK_REPORT_H

#include <stdio.h>

#include "tally.h"

struct run_info {
	const char *release;		/* uname -r of the judged kernel */
	const char *machine;		/* uname -m */
	const char *backend;		/* attach backend that ran */
	const char *profile;		/* model profile, e.g. "6.18/x86_64" */
	const char *workload;		/* what was observed */
	uint64_t lost[OBS__COUNT];	/* records BPF could not submit, per point */
	uint64_t lost_total;
	uint64_t untracked;		/* child points with no known clone_id */
	uint64_t cases_unseen;		/* workload cases with no judged clone */
	uint32_t points;		/* OBS_BIT()s the backend offers (0: unknown) */
	uint64_t undecodable;		/* records the decoder refused */
	uint64_t evicted;		/* clones handed on early: too many open */
	uint64_t late;			/* optional points of clones already judged */
	uint64_t expired;		/* clones judged incomplete: open too long */
	const char *truncated;		/* the source ended before its end (a cut
					 * trace: losses unknown), why; or NULL */
};

/*
 * What a rule needs to be decided by a run, and so why an applicable rule
 * was not exercised.  A few fixed classes, in the order reports list them.
 */
enum report_class {
	REPORT_CLASS_DECIDED,		/* decided here: this run made no clone that reaches it */
	REPORT_CLASS_COPY_ARGS,		/* needs copy_process's arguments (fentry or kprobe) */
	REPORT_CLASS_FAULT,		/* needs a failure injected (allocation, LSM) */
	REPORT_CLASS_RACY,		/* needs a race (a signal, a teardown) to land */
	REPORT_CLASS_UNOBSERVABLE,	/* what it is about is not observed */
	REPORT_CLASS_RESTATES,		/* restates another rule, checked under that ID */
	REPORT_CLASS__COUNT
};

/* "not_provoked", "needs_fentry_kprobe", ... (machine readable). */
const char *report_class_key(enum report_class c);
/* "decided here, not provoked by this run", ... (for people). */
const char *report_class_title(enum report_class c);

/* One rule as the run saw it: its catalogue entry and its tally. */
struct report_rule {
	const char *id;			/* catalogue ID, e.g. "R-02" */
	const char *statement;		/* one line */
	const char *family;		/* "validation" (V-), "resources" (R-), ... */
	bool applies;			/* exists on the judged kernel/arch */
	bool decided;			/* the model decides it from what this backend sees */
	const char *reason;		/* why not decided or not applicable, or NULL */
	enum report_class class;	/* what it needs to be decided */
	const struct rule_tally *tally;	/* the run's counts; NULL: not exercised */
};

/* Rule coverage of one family (or of all). */
struct report_family {
	const char *family;		/* a rule's family, or "all" */
	size_t applicable;		/* rules that apply to this kernel */
	size_t decided;			/* of which the model decides here */
	size_t exercised;		/* of which checked at least once */
	size_t failing;			/* of which with a failing check */
};

#define REPORT_FAMILIES_MAX 12

/* A check of the run as a whole; every one must hold for CONFORMS. */
enum report_run_check {
	RUN_CHECK_JUDGED,		/* at least one clone was judged */
	RUN_CHECK_COMPLETE,		/* no judged clone is incomplete */
	RUN_CHECK_DELIVERED,		/* no record lost or undecodable */
	RUN_CHECK_CASES,		/* every workload case made a judged clone */
	RUN_CHECK__COUNT
};

struct report_run_result {
	const char *key;		/* "clones_judged", ... */
	const char *title;		/* "at least one clone judged", ... */
	bool ok;
	char detail[256];		/* the counts behind it */
};

enum report_verdict {
	REPORT_CONFORMS,		/* every check held, everything was seen */
	REPORT_DOES_NOT_CONFORM,	/* a mismatch, an incomplete clone, a loss, ... */
	REPORT_NOTHING_JUDGED,		/* no clone was judged: nothing to conform */
};

struct report_summary {
	const struct run_info *ri;
	const struct tally *t;
	size_t n_rules;
	struct report_rule *rules;	/* catalogue order, then rules only the model
					 * or only the tally knows */
	struct report_family all;	/* coverage over every family */
	size_t n_families;
	struct report_family families[REPORT_FAMILIES_MAX];
	size_t not_exercised[REPORT_CLASS__COUNT]; /* applicable rules, per class */
	uint64_t checked, passed, failed; /* checks over every rule */
	uint64_t judged;		/* clones judged: pass, mismatch or incomplete */
	struct report_run_result run[RUN_CHECK__COUNT];
	enum report_verdict verdict;
	int exit_status;		/* 0 CONFORMS, else 1 */
};

/* Build the run's summary; NULL with errno set. */
struct report_summary *report_summary__new(const struct run_info *ri, const struct tally *t);
void report_summary__free(struct report_summary *s);
/* The rule's row in s, or NULL. */
const struct report_rule *report_summary__rule(const struct report_summary *s, const char *id);

/* "CONFORMS", "DOES NOT CONFORM (or not fully observed)", "NO CLONE JUDGED". */
const char *report_verdict_line(enum report_verdict v);
/* "conforms", "does_not_conform", "nothing_judged". */
const char *report_verdict_key(enum report_verdict v);

/*
 * Exit status of a run: 0 when it CONFORMS; 1 on any mismatch, incomplete
 * clone, lost or undecodable record, workload case not judged, or when no
 * clone was judged at all.  The one place that decides it.
 */
int report_exit_status(const struct run_info *ri, const struct tally *t);

struct report;

struct report_ops {
	const char *name;	/* "text", "json", "junit", "html", "md", "ktap" */
	/* Allocate the writer's state in r->priv.  0 or -errno. */
	int (*begin)(struct report *r, const struct run_info *ri);
	/* One judged clone; label is the workload case or NULL. */
	int (*clone)(struct report *r, const struct clone_obs *co,
		     const struct clone_verdict *v, const char *label);
	/* Write the rest from the summary and free r->priv.  0 or -errno. */
	int (*end)(struct report *r, const struct report_summary *s);
	/* Free r->priv without writing (a run that ends in an error). */
	void (*discard)(struct report *r);
};

struct report {
	const struct report_ops *ops;
	FILE *out;		/* where it writes */
	const char *path;	/* the file, or NULL for stdout */
	int fd;			/* under out */
	bool own_fd;		/* fd was opened for this report */
	int werr;		/* errno of the first failed write or close, 0 if none */
	bool said;		/* an error of this report was said on stderr */
	void *priv;		/* the writer's own state */
};

extern const struct report_ops report_text_ops, report_json_ops, report_junit_ops;
extern const struct report_ops report_html_ops, report_md_ops, report_ktap_ops;

/* The format of a report file from its name's extension; NULL if none
 * (report_formats.c). */
const struct report_ops *report_format_of(const char *path);
/* The extensions report_format_of() knows, for messages: ".html, .md, ...". */
const char *report_format_list(void);

/*
 * Open path (NULL: stdout) for a report in format ops.  Writes go straight
 * to the file descriptor, so a failure keeps its real errno.  0 or -errno
 * (said on stderr).
 */
int report_open(struct report *r, const struct report_ops *ops, const char *path);
/*
 * Let every writer write its end from s, then flush it.  clone_err is the
 * first error a clone() returned (0: none).  0 or the first -errno; each
 * failure is said on stderr with the report it hit and the real errno.
 */
int reports_end(struct report *reps, size_t n, const struct report_summary *s, int clone_err);
/*
 * Discard what end() did not write, flush and close.  0 or -errno of a
 * failure not said before (said now).
 */
int report_close(struct report *r);

#endif /* CLONECHECK_REPORT_H */
