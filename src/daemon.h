/* SPDX-License-Identifier: GPL-2.0 */
/*
 * daemon.h - `clonecheck daemon`: watch the machine for weeks, judge each
 * clone as soon as it is complete (or too old), and tell operators where
 * they look: the journal (or stderr), a Prometheus textfile, evidence trace
 * files, report snapshots on SIGUSR1 and a final report on SIGTERM.
 * Memory stays bounded: open clones by count and age, latencies in
 * histograms, the flight recorder by size.
 */
#ifndef CLONECHECK_DAEMON_H
#define CLONECHECK_DAEMON_H

#include "env.h"

/* Run until SIGTERM/SIGINT (or -d, or the end of --from-trace).  The exit
 * status: 0 after a clean stop, 2 on an error (said on stderr). */
int daemon_run(const struct env *env);

#endif /* CLONECHECK_DAEMON_H */
