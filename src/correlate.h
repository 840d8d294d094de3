/* SPDX-License-Identifier: GPL-2.0 */
/*
 * correlate.h - assemble each clone's observations, keyed by clone_id.
 * An assembly is handed on when every point its outcome implies has been
 * seen (complete), or at flush time with whatever it has (incomplete).
 */
#ifndef CLONECHECK_CORRELATE_H
#define CLONECHECK_CORRELATE_H

#include "decode.h"

#define OBS_BIT(p) (1u << (p))

/* Everything seen of one clone. */
struct clone_obs {
	uint64_t clone_id;
	uint32_t seen;			/* OBS_BIT()s of the points seen */
	uint32_t dups;			/* records repeated for a seen point */
	struct obs_enter enter;		/* OBS_SYS_ENTER */
	struct obs_task_point newtask;	/* OBS_NEWTASK */
	struct obs_task_point fork;	/* OBS_FORK */
	struct obs_task_point wakeup;	/* OBS_WAKEUP */
	struct obs_ret exit;		/* OBS_SYS_EXIT */
	struct obs_ret child_ret;	/* OBS_CHILD_RET */
	struct obs_copy_enter copy;	/* OBS_COPY_ENTER */
	struct obs_task_point sched_fork; /* OBS_SCHED_FORK */
	struct obs_task_point copy_exit; /* OBS_COPY_EXIT */
	struct obs_ret clone_exit;	/* OBS_CLONE_EXIT */
	struct obs_task_point first_run; /* OBS_FIRST_RUN */
	uint64_t ts[OBS__COUNT];	/* ts_ns of each point seen */
};

/*
 * The points every backend offers (tracepoints).  Not the first run (O-07):
 * nothing is attached to sched_switch (a program there would run on every
 * context switch of the machine for a point no rule judges).
 */
#define OBS_POINTS_TRACEPOINT                                                            \
	(OBS_BIT(OBS_SYS_ENTER) | OBS_BIT(OBS_NEWTASK) | OBS_BIT(OBS_FORK) |             \
	 OBS_BIT(OBS_WAKEUP) | OBS_BIT(OBS_SYS_EXIT) | OBS_BIT(OBS_CHILD_RET))
/*
 * Points kept when seen but never waited for: the first run, which trace
 * files recorded before sched_switch was dropped still carry.  Even then a
 * kernel did not trace every switch: this project's 6.18 machines (booted
 * with sched_vcpu_pack=15) fire no sched_switch when CPU1 leaves idle
 * (ftrace saw 0 of ~1100 there).  One that comes after its clone was
 * handed on is counted as late.
 */
#define OBS_POINTS_OPTIONAL OBS_BIT(OBS_FIRST_RUN)
/* ... and what fentry/fexit or kprobe/kretprobe add. */
#define OBS_POINTS_FUNCTIONS                                                             \
	(OBS_BIT(OBS_COPY_ENTER) | OBS_BIT(OBS_SCHED_FORK) | OBS_BIT(OBS_COPY_EXIT) |    \
	 OBS_BIT(OBS_CLONE_EXIT))

struct correlator_opts {
	uint32_t points;	/* OBS_BIT()s the backend offers; 0 = OBS_POINTS_TRACEPOINT */
	bool child_ret_seen;	/* the backend/arch emits O-06 (x86_64: yes, X-12) */
	size_t max_pending;	/* bound on open assemblies; 0 = 65536 */
};

struct correlator_stats {
	uint64_t records;	/* records pushed */
	uint64_t complete;	/* assemblies handed on complete */
	uint64_t incomplete;	/* handed on at flush or eviction */
	uint64_t dups;		/* duplicate records */
	uint64_t evicted;	/* handed on early because max_pending was hit */
	uint64_t late;		/* optional points of clones already handed on */
	uint64_t expired;	/* handed on incomplete: open too long */
};

/* Called once per assembly; complete says whether all implied points were seen. */
typedef void (*correlator_cb)(const struct clone_obs *co, bool complete, void *ctx);

struct correlator;

struct correlator *correlator__new(const struct correlator_opts *opts, correlator_cb cb,
				   void *ctx);
/* Add one observation; may hand on the assembly it completes.  0 or -errno. */
int correlator__push(struct correlator *c, const struct obs *o);
/*
 * Hand on as incomplete every assembly whose first record is older than
 * before_ns (the records' clock, bpf_ktime_get_ns(): CLOCK_MONOTONIC).
 */
void correlator__expire(struct correlator *c, uint64_t before_ns);
/* Assemblies open now. */
size_t correlator__pending(const struct correlator *c);
/* Hand on every open assembly as incomplete. */
void correlator__flush(struct correlator *c);
const struct correlator_stats *correlator__stats(const struct correlator *c);
void correlator__free(struct correlator *c);

/* The points a clone with this outcome must show, given what the backend offers. */
uint32_t correlate_points_needed(const struct clone_obs *co, uint32_t points, bool child_ret_seen);

#endif /* CLONECHECK_CORRELATE_H */
