/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fixture.h - hand-built observations of whole clones, as the correlator
 * would assemble them on x86_64 6.18, for the correlator and differ tests.
 */
#ifndef CLONECHECK_FIXTURE_H
#define CLONECHECK_FIXTURE_H

#include "diff.h"

#define FX_PARENT_PID 100
#define FX_CHILD_PID 101

/*
 * Fixtures fill o[p] for the tracepoint backend's points (OBS_POINTS_TRACEPOINT)
 * and the first run older trace files carry (OBS_POINTS_OPTIONAL; see
 * fx_is_point); the other entries get point = OBS__COUNT and are skipped.
 */
#define FX_POINTS (OBS_POINTS_TRACEPOINT | OBS_POINTS_OPTIONAL)
static inline bool fx_is_point(const struct obs *o)
{
	return o->point < OBS__COUNT;
}

/* The x86_64 6.18 profile. */
struct model_profile fx_profile(void);
/* The six observations of a successful fork(2) from FX_PARENT_PID. */
void fx_fork(struct obs o[OBS__COUNT], uint64_t clone_id);
/* ... of clone3(VM|FS|FILES|SIGHAND|THREAD|SYSVSEM) with a stack. */
void fx_thread(struct obs o[OBS__COUNT], uint64_t clone_id);
/* Entry and exit of clone(CLONE_SIGHAND|SIGCHLD) failing with -EINVAL. */
void fx_sighand_no_vm(struct obs o[2], uint64_t clone_id);
/*
 * A kernel thread made by kthreadd (pid 2) through kernel_thread(), as the
 * fentry backend sees it: no syscall, copy_process entry and exit, the task
 * points, kernel_clone exit.
 */
void fx_kthread(struct obs o[OBS__COUNT], uint64_t clone_id);
/* Also fill the fentry/kprobe points (COPY_ENTER .. CLONE_EXIT) of a fork. */
void fx_add_functions(struct obs o[OBS__COUNT]);
/* Assemble observations into a clone_obs (what the correlator does). */
void fx_assemble(struct clone_obs *co, const struct obs *o, size_t n);

#endif /* CLONECHECK_FIXTURE_H */
