/* SPDX-License-Identifier: GPL-2.0 */
/*
 * notify.h - where the daemon speaks to its service manager and to its
 * operators: sd_notify (READY, STATUS, WATCHDOG, STOPPING) and findings as
 * structured journal entries (sd_journal_send), or one line each on stderr
 * when not under systemd.  Findings are rate-limited; what the limit drops
 * is counted and said with the next one that passes.  libsystemd is used
 * when the build has it (not in the static QEMU guests' build).
 */
#ifndef CLONECHECK_NOTIFY_H
#define CLONECHECK_NOTIFY_H

#include <stdbool.h>
#include <stdint.h>

/* One finding: a clone that broke a rule or could not be judged whole. */
struct finding {
	const char *kind;	/* "mismatch" or "incomplete" */
	uint64_t clone_id;
	uint32_t parent_pid, child_pid;
	const char *comm;	/* the creating task's */
	const char *rule;	/* the first failing rule, or NULL */
	const char *what;	/* the failing check in words, or why incomplete */
	const char *observed, *predicted; /* as text, or NULL */
	const char *kernel;	/* uname -r */
	const char *evidence;	/* trace file written for it, or NULL */
};

/* journal: 1 always, 0 never (stderr), -1 when under systemd. */
void notify_init(int journal, double per_second, unsigned int burst);
/* Findings go to the journal (true) or stderr. */
bool notify_to_journal(void);
/* sd_notify: READY=1 with a STATUS= line. */
void notify_ready(const char *status);
void notify_status(const char *status);
void notify_stopping(void);
/* WATCHDOG=1 if the manager asked for one; the interval to send it at, 0 none. */
void notify_watchdog(void);
uint64_t notify_watchdog_usec(void);
/*
 * Report a finding, unless the rate limit drops it (counted).  now_s is a
 * monotonic time in seconds.  true if it was reported.
 */
bool notify_finding(const struct finding *f, double now_s);
/* Findings the rate limit dropped so far. */
uint64_t notify_suppressed(void);

#endif /* CLONECHECK_NOTIFY_H */
