/* SPDX-License-Identifier: GPL-2.0 */
/*
 * replay.h - judge a trace file (clonecheck check FILE): the same pipeline
 * and reports as a live run, with no BPF and no root.  And the record side:
 * what a live run writes into a trace file's header and trailer.
 */
#ifndef CLONECHECK_REPLAY_H
#define CLONECHECK_REPLAY_H

#include "run.h"
#include "trace_file.h"

/*
 * Replay path through r->pipe (whose reports are begun here, not ended).
 * profile, if not NULL, overrides the profile the file recorded.  Prints one
 * line and returns -errno on a bad file or profile.
 */
int replay_trace(struct run *r, const char *path, const char *profile);

/* The trace header for a live run that has opened its loader. */
void replay_meta_of(const struct run *r, struct trace_meta *m);
/* The trace trailer counts of a finished live run. */
void replay_counts_of(const struct run *r, struct trace_counts *c);

#endif /* CLONECHECK_REPLAY_H */
