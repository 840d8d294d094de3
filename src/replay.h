/* SPDX-License-Identifier: GPL-2.0 */
/*
 * replay.h - judge a trace file (clonecheck check FILE): a session begun
 * from the file's header, fed its records, ended with its trailer; the same
 * reports as a live run, with no BPF and no root.
 */
#ifndef CLONECHECK_REPLAY_H
#define CLONECHECK_REPLAY_H

#include "session.h"

/*
 * Replay path in a session with so's reports (NULL: none); *out gets it,
 * ended, for the caller to free (NULL if it never began).  profile, if not
 * NULL, overrides the profile the file recorded.  Prints one line and
 * returns -errno on a bad file or profile.
 */
int replay_trace(const char *path, const char *profile, const struct session_opts *so,
		 struct session **out);
/*
 * The same, but a file damaged or cut after its header is judged up to its
 * last intact block (--salvage): one line says where it stopped, the
 * reports say that its counts are unknown (not CONFORMS).
 */
int replay_salvage(const char *path, const char *profile, const struct session_opts *so,
		   struct session **out);

#endif /* CLONECHECK_REPLAY_H */
