/* SPDX-License-Identifier: GPL-2.0 */
/*
 * metrics.h - the daemon's metrics: log2 latency histograms (as runqlat
 * keeps them) and the Prometheus text exposition format, written
 * atomically to a file for node_exporter's textfile collector.
 */
#ifndef CLONECHECK_METRICS_H
#define CLONECHECK_METRICS_H

#include <stdio.h>

#include "report.h"
#include "report_fmt.h"

#define HIST_SLOTS 36		/* [2^k, 2^(k+1)) ns for k < 36 (about 69 s), then +Inf */

/* A latency histogram of constant size, whatever it counts. */
struct hist {
	uint64_t slot[HIST_SLOTS + 1];	/* the last: 2^HIST_SLOTS ns and more */
	uint64_t count;
	uint64_t sum_ns;
};

void hist_add(struct hist *h, uint64_t ns);

/* What the daemon knows beyond a session's run info and tally. */
struct metrics {
	struct hist span[SPAN__COUNT];	/* per transition of a clone */
	uint64_t findings;		/* findings reported */
	uint64_t findings_suppressed;	/* ... and dropped by the rate limit */
	uint64_t evidence_files;	/* evidence trace files written */
	uint64_t evidence_failed;	/* ... and that could not be */
	uint64_t flight_records;	/* records in the flight recorder now */
	uint64_t bpf_run_ns;		/* BPF run time, all programs (bpf_stats) */
	uint64_t bpf_runs;		/* BPF program runs */
	int bpf_stats;			/* kernel.bpf_stats_enabled: 1, 0, -1 unknown */
	double ring_fill;		/* the ring buffer's fullest since last time, 0..1 */
	uint64_t open_clones;		/* clones open now */
	uint64_t rss_bytes;		/* the daemon's resident memory */
	double uptime_s;		/* seconds since the daemon attached */
};

/* The Prometheus text format of a run's counts, tally and metrics. */
int metrics_render(FILE *out, const struct run_info *ri, const struct tally *t,
		   const struct metrics *m);
/*
 * Write it to path atomically: a temporary file beside it, flushed and
 * synced, then renamed over it.  0 or -errno.
 */
int metrics_write(const char *path, const struct run_info *ri, const struct tally *t,
		  const struct metrics *m);
/* This process's resident memory in bytes (/proc/self/statm), 0 if unknown. */
uint64_t metrics_rss(void);

#endif /* CLONECHECK_METRICS_H */
