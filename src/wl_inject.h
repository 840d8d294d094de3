/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wl_inject.h - the workload's injected faults: the injection object
 * (bpf/inject.bpf.c, its own skeleton) loaded beside the main one, and the
 * setup that arms a plan for a helper's own next clone.  A plan names one
 * tid (the helper's), one kind and one cookie; the main object copies it
 * into that clone's entry snapshot, so the model predicts the outcome.
 */
#ifndef CLONECHECK_WL_INJECT_H
#define CLONECHECK_WL_INJECT_H

#include <stdbool.h>
#include <stdint.h>

#include "workload.h"

/*
 * Load and attach what this kernel allows of the injection object, its
 * plan map being plan_fd (the main object's, loader__plan_fd()).  Never
 * fails the run: a kind the kernel refuses is unavailable, with a reason.
 */
void wl_inject_open(int plan_fd);
/* Detach and free the injection object (-v: what it injected); forget every plan. */
void wl_inject_close(void);
/* NULL if faults of MODEL_INJ_* kind can be injected, else why not. */
const char *wl_inject_unavailable(long kind);
/*
 * Attach (on) or detach the program of a kind that is attached only while
 * its cases run (MODEL_INJ_SIGKILL_SLAB: it sees every slab allocation);
 * 0 for any other kind, or an unavailable one; -errno if it cannot attach.
 */
int wl_inject_hold(long kind, bool on);
/* Remove every plan (after a case whose helper may have died armed). */
void wl_inject_forget(void);

/*
 * Setup (struct wl_setup.fn): arm a plan of MODEL_INJ_* kind for this
 * helper's next clone, arg the errno (fmod_ret) or the signal (which the
 * helper handles and unblocks first).  Helpers only.
 */
int wl_setup_inject(struct wl_ctx *x, long kind, long arg);

#endif /* CLONECHECK_WL_INJECT_H */
