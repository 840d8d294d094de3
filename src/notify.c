// SPDX-License-Identifier: GPL-2.0
/* notify.c - sd_notify, the journal or stderr, and the findings' rate limit. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef HAVE_LIBSYSTEMD
#define SD_JOURNAL_SUPPRESS_LOCATION
#include <syslog.h>
#include <systemd/sd-daemon.h>
#include <systemd/sd-journal.h>
#endif

#include "notify.h"

static struct {
	bool journal;
	double rate, burst, tokens, last;
	uint64_t suppressed, suppressed_told;
} nt = { .rate = 10, .burst = 100, .tokens = 100 };

void notify_init(int journal, double per_second, unsigned int burst)
{
	/* systemd sets JOURNAL_STREAM for a service whose stderr it reads */
	nt.journal = journal > 0 || (journal < 0 && getenv("JOURNAL_STREAM"));
#ifndef HAVE_LIBSYSTEMD
	nt.journal = false;
#endif
	nt.rate = per_second > 0 ? per_second : 10;
	nt.burst = burst ? burst : 100;
	nt.tokens = nt.burst;
	nt.last = -1;
	nt.suppressed = nt.suppressed_told = 0;
}

bool notify_to_journal(void)
{
	return nt.journal;
}

static void sd(const char *fmt, const char *arg)
{
#ifdef HAVE_LIBSYSTEMD
	sd_notifyf(0, fmt, arg ? arg : "");
#else
	(void)fmt;
	(void)arg;
#endif
}

void notify_ready(const char *status)
{
	sd("READY=1\nSTATUS=%s", status);
}

void notify_status(const char *status)
{
	sd("STATUS=%s", status);
}

void notify_stopping(void)
{
	sd("STOPPING=1%s", NULL);
}

void notify_watchdog(void)
{
	if (notify_watchdog_usec())
		sd("WATCHDOG=1%s", NULL);
}

uint64_t notify_watchdog_usec(void)
{
#ifdef HAVE_LIBSYSTEMD
	uint64_t usec = 0;

	return sd_watchdog_enabled(0, &usec) > 0 ? usec : 0;
#else
	return 0;
#endif
}

/* Token bucket: rate per second, up to burst at once. */
static bool admit(double now)
{
	if (nt.last >= 0) {
		nt.tokens += (now - nt.last) * nt.rate;
		if (nt.tokens > nt.burst)
			nt.tokens = nt.burst;
	}
	nt.last = now;
	if (nt.tokens < 1) {
		nt.suppressed++;
		return false;
	}
	nt.tokens -= 1;
	return true;
}

bool notify_finding(const struct finding *f, double now_s)
{
	uint64_t dropped;
	char msg[512];

	if (!admit(now_s))
		return false;
	dropped = nt.suppressed - nt.suppressed_told;
	nt.suppressed_told = nt.suppressed;
	snprintf(msg, sizeof(msg), "clone %" PRIu64 " (%s %u -> %u): %s%s%s%s%s%s%s", f->clone_id,
		 f->comm ? f->comm : "?", f->parent_pid, f->child_pid, f->kind,
		 f->rule ? " of " : "", f->rule ? f->rule : "", f->what ? ": " : "",
		 f->what ? f->what : "", f->evidence ? "; evidence " : "",
		 f->evidence ? f->evidence : "");
#ifdef HAVE_LIBSYSTEMD
	if (nt.journal) {
		sd_journal_send("MESSAGE=%s", msg, "PRIORITY=%d",
				!strcmp(f->kind, "mismatch") ? LOG_ERR : LOG_WARNING,
				"CLONECHECK_KIND=%s", f->kind, "RULE=%s", f->rule ? f->rule : "",
				"CLONE_ID=%" PRIu64, f->clone_id, "PID=%u", f->parent_pid,
				"CHILD_PID=%u", f->child_pid, "COMM=%s", f->comm ? f->comm : "",
				"OBSERVED=%s", f->observed ? f->observed : "", "PREDICTED=%s",
				f->predicted ? f->predicted : "", "KERNEL=%s",
				f->kernel ? f->kernel : "", "EVIDENCE=%s",
				f->evidence ? f->evidence : "", "SUPPRESSED=%" PRIu64, dropped, NULL);
		return true;
	}
#endif
	/* one line on stderr, the journal's fields as key=value */
	fprintf(stderr,
		"clonecheck: finding: %s RULE=%s CLONE_ID=%" PRIu64 " PID=%u CHILD_PID=%u "
		"COMM=\"%s\" OBSERVED=%s PREDICTED=%s KERNEL=%s EVIDENCE=%s SUPPRESSED=%" PRIu64
		": %s\n",
		f->kind, f->rule ? f->rule : "-", f->clone_id, f->parent_pid, f->child_pid,
		f->comm ? f->comm : "", f->observed ? f->observed : "-",
		f->predicted ? f->predicted : "-", f->kernel ? f->kernel : "-",
		f->evidence ? f->evidence : "-", dropped, msg);
	return true;
}

uint64_t notify_suppressed(void)
{
	return nt.suppressed;
}
