// SPDX-License-Identifier: GPL-2.0
/* metrics.c - log2 histograms and the Prometheus text format, atomically. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "metrics.h"

void hist_add(struct hist *h, uint64_t ns)
{
	unsigned int k = 0;

	while (k < HIST_SLOTS && ns >> (k + 1))
		k++;
	h->slot[ns >> HIST_SLOTS ? HIST_SLOTS : k]++;
	h->count++;
	h->sum_ns += ns;
}

/* A label value as the text format wants it: \, " and newline escaped. */
static void label(FILE *out, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '\\' || *s == '"')
			fputc('\\', out);
		if (*s == '\n') {
			fputs("\\n", out);
			continue;
		}
		fputc(*s, out);
	}
}

static void head(FILE *out, const char *name, const char *type, const char *help)
{
	fprintf(out, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static void counter(FILE *out, const char *name, const char *help, uint64_t v)
{
	head(out, name, "counter", help);
	fprintf(out, "%s %" PRIu64 "\n", name, v);
}

static void gauge(FILE *out, const char *name, const char *help, double v)
{
	head(out, name, "gauge", help);
	fprintf(out, "%s %.9g\n", name, v);
}

int metrics_render(FILE *out, const struct run_info *ri, const struct tally *t,
		   const struct metrics *m)
{
	head(out, "clonecheck_info", "gauge", "The kernel judged and how it is observed.");
	fputs("clonecheck_info{kernel=\"", out);
	label(out, ri->release);
	fputs("\",arch=\"", out);
	label(out, ri->machine);
	fputs("\",backend=\"", out);
	label(out, ri->backend);
	fputs("\",profile=\"", out);
	label(out, ri->profile);
	fputs("\"} 1\n", out);

	head(out, "clonecheck_clones_total", "counter", "Clones judged, by verdict.");
	for (int v = 0; v < VERDICT__COUNT; v++)
		fprintf(out, "clonecheck_clones_total{verdict=\"%s\"} %" PRIu64 "\n",
			verdict_name(v), t->by_verdict[v]);
	counter(out, "clonecheck_failed_syscalls_total",
		"Clones whose syscall returned an error (judged like any other).",
		t->failed_syscalls);
	head(out, "clonecheck_checks_total", "counter", "Checks made, by rule and result.");
	for (size_t i = 0; i < t->n_rules; i++) {
		const struct rule_tally *r = &t->rules[i];

		fputs("clonecheck_checks_total{rule=\"", out);
		label(out, r->rule);
		fprintf(out, "\",result=\"pass\"} %" PRIu64 "\n", r->passed);
		fputs("clonecheck_checks_total{rule=\"", out);
		label(out, r->rule);
		fprintf(out, "\",result=\"fail\"} %" PRIu64 "\n", r->failed);
	}
	head(out, "clonecheck_records_lost_total", "counter",
	     "Records BPF could not submit (ring buffer full), by observation point.");
	for (int p = 0; p < OBS__COUNT; p++)
		fprintf(out, "clonecheck_records_lost_total{point=\"%s\"} %" PRIu64 "\n",
			obs_point_name(p), ri->lost[p]);
	counter(out, "clonecheck_records_undecodable_total", "Records the decoder refused.",
		ri->undecodable);
	counter(out, "clonecheck_records_untracked_total",
		"Child points whose clone was not known to BPF.", ri->untracked);
	counter(out, "clonecheck_clones_evicted_total",
		"Clones judged incomplete early: too many open at once.", ri->evicted);
	counter(out, "clonecheck_clones_expired_total",
		"Clones judged incomplete: open longer than the open timeout.", ri->expired);
	gauge(out, "clonecheck_open_clones", "Clones open (seen, not yet judged).",
	      (double)m->open_clones);
	counter(out, "clonecheck_findings_total", "Findings reported (mismatch or incomplete).",
		m->findings);
	counter(out, "clonecheck_findings_suppressed_total",
		"Findings the rate limit kept from the journal (counted here).",
		m->findings_suppressed);
	counter(out, "clonecheck_evidence_files_total", "Evidence trace files written.",
		m->evidence_files);
	counter(out, "clonecheck_evidence_failures_total", "Evidence files that could not be written.",
		m->evidence_failed);
	gauge(out, "clonecheck_flight_recorder_records", "Records kept for evidence.",
	      (double)m->flight_records);
	gauge(out, "clonecheck_bpf_stats_enabled",
	      "kernel.bpf_stats_enabled (1 on, 0 off, -1 unknown): BPF run time is 0 when off.",
	      m->bpf_stats);
	counter(out, "clonecheck_bpf_runs_total", "BPF program runs, all programs.", m->bpf_runs);
	head(out, "clonecheck_bpf_run_time_seconds_total", "counter",
	     "BPF run time, all programs (kernel BPF statistics).");
	fprintf(out, "clonecheck_bpf_run_time_seconds_total %.9f\n", m->bpf_run_ns / 1e9);
	gauge(out, "clonecheck_ringbuf_fill_ratio",
	      "The ring buffer's fullest since the last scrape, 0 to 1.", m->ring_fill);
	gauge(out, "clonecheck_resident_memory_bytes", "The daemon's resident memory.",
	      (double)m->rss_bytes);
	gauge(out, "clonecheck_uptime_seconds", "Seconds since the daemon attached.", m->uptime_s);

	head(out, "clonecheck_transition_latency_seconds", "histogram",
	     "Time between two points of one clone.");
	for (int s = 0; s < SPAN__COUNT; s++) {
		const struct hist *h = &m->span[s];
		uint64_t cum = 0;

		for (int k = 0; k < HIST_SLOTS; k++) {
			cum += h->slot[k];
			fprintf(out,
				"clonecheck_transition_latency_seconds_bucket{span=\"%s\",le=\"%.9g\"} "
				"%" PRIu64 "\n",
				report_spans[s].key, (double)(2ULL << k) / 1e9, cum);
		}
		fprintf(out,
			"clonecheck_transition_latency_seconds_bucket{span=\"%s\",le=\"+Inf\"} %" PRIu64
			"\n",
			report_spans[s].key, h->count);
		fprintf(out, "clonecheck_transition_latency_seconds_sum{span=\"%s\"} %.9f\n",
			report_spans[s].key, h->sum_ns / 1e9);
		fprintf(out, "clonecheck_transition_latency_seconds_count{span=\"%s\"} %" PRIu64 "\n",
			report_spans[s].key, h->count);
	}
	return ferror(out) ? -EIO : 0;
}

int metrics_write(const char *path, const struct run_info *ri, const struct tally *t,
		  const struct metrics *m)
{
	char tmp[4096];
	FILE *f;
	int fd, err;

	if (snprintf(tmp, sizeof(tmp), "%s.tmp.%d", path, (int)getpid()) >= (int)sizeof(tmp))
		return -ENAMETOOLONG;
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return -errno;
	/* readable by node_exporter whatever the service's umask */
	if (fchmod(fd, 0644)) {
		err = -errno;
		close(fd);
		goto out_unlink;
	}
	f = fdopen(fd, "w");
	if (!f) {
		err = -errno;
		close(fd);
		goto out_unlink;
	}
	err = metrics_render(f, ri, t, m);
	if (fflush(f) && !err)
		err = -errno;
	if (fsync(fd) && !err)
		err = -errno;
	if (fclose(f) && !err)
		err = -errno;
	if (!err && rename(tmp, path))
		err = -errno;
	if (!err)
		return 0;
out_unlink:
	unlink(tmp);
	return err;
}

uint64_t metrics_rss(void)
{
	unsigned long long size, rss;
	FILE *f = fopen("/proc/self/statm", "r");
	int n;

	if (!f)
		return 0;
	n = fscanf(f, "%llu %llu", &size, &rss);
	fclose(f);
	return n == 2 ? rss * (uint64_t)sysconf(_SC_PAGESIZE) : 0;
}
