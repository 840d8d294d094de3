// SPDX-License-Identifier: GPL-2.0
/* notify.c - sd_notify, the journal or stderr, and the findings' rate limit. */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef HAVE_LIBSYSTEMD
#define SD_JOURNAL_SUPPRESS_LOCATION
#include <dlfcn.h>
#include <syslog.h>
#include <systemd/sd-daemon.h>
#include <systemd/sd-journal.h>
#endif

#include "notify.h"

#ifdef HAVE_LIBSYSTEMD
/*
 * libsystemd is opened by the daemon, on its first notification or journal
 * entry, not linked: with the seven libraries it pulls in (libgcrypt, lzma,
 * zstd, lz4, ...) it cost every start, `clonecheck check` included, about
 * 3 ms (make bench).  Without it the daemon speaks on stderr, as a static
 * build does.
 */
static struct {
	bool tried;
	__typeof__(&sd_notifyf) notifyf;
	__typeof__(&sd_watchdog_enabled) watchdog_enabled;
	__typeof__(&sd_journal_send) journal_send;
} sdl;

static bool sd_open(void)
{
	if (!sdl.tried) {
		void *h = dlopen("libsystemd.so.0", RTLD_NOW | RTLD_LOCAL);

		sdl.tried = true;
		if (h) {
			*(void **)&sdl.notifyf = dlsym(h, "sd_notifyf");
			*(void **)&sdl.watchdog_enabled = dlsym(h, "sd_watchdog_enabled");
			*(void **)&sdl.journal_send = dlsym(h, "sd_journal_send");
		}
		if (!sdl.notifyf || !sdl.watchdog_enabled || !sdl.journal_send)
			sdl.notifyf = NULL;
	}
	return sdl.notifyf;
}
#endif

static struct {
	bool journal;
	double rate, burst, tokens, last;
	uint64_t suppressed, suppressed_told;
} nt = { .rate = 10, .burst = 100, .tokens = 100 };

void notify_init(int journal, double per_second, unsigned int burst)
{
	/* systemd sets JOURNAL_STREAM for a service whose stderr it reads */
	nt.journal = journal > 0 || (journal < 0 && getenv("JOURNAL_STREAM"));
#ifdef HAVE_LIBSYSTEMD
	if (nt.journal && !sd_open())
		nt.journal = false;
#else
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
	/* no NOTIFY_SOCKET: nobody to tell (sd_notify(3)), nothing to open */
	if (getenv("NOTIFY_SOCKET") && sd_open())
		sdl.notifyf(0, fmt, arg ? arg : "");
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

	if (!getenv("WATCHDOG_USEC") || !sd_open())
		return 0;	/* sd_watchdog_enabled(3) reads only that */
	return sdl.watchdog_enabled(0, &usec) > 0 ? usec : 0;
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
		sdl.journal_send("MESSAGE=%s", msg, "PRIORITY=%d",
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
