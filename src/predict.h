/* SPDX-License-Identifier: GPL-2.0 */
/*
 * predict.h - from an assembly's inputs (the parent at entry, the raw
 * arguments) to the model's prediction.  The only includer of model/model.h
 * in src/: later stages use the model's types through this header.
 */
#ifndef CLONECHECK_PREDICT_H
#define CLONECHECK_PREDICT_H

#include "correlate.h"
#include "../model/model.h"

/*
 * Predict one clone from its inputs only (never from the child): the
 * syscall entry, or for a clone made inside the kernel (kernel thread,
 * io_uring or vhost worker, usermode helper) copy_process()'s entry record.
 * Returns 0, or -ENODATA when neither was seen (nothing to predict from).
 */
int predict_clone(const struct model_profile *prof, const struct clone_obs *co,
		  struct model_pred *out);

/* The observed task at a model stage (child side; SYS_EXIT/CHILD_RET: ret). */
bool predict_observed(const struct model_profile *prof, const struct clone_obs *co,
		      enum model_stage st, struct model_task *out);

/* When a model stage was observed (bpf_ktime_get_ns); false if it was not. */
bool predict_stage_ts(const struct clone_obs *co, enum model_stage st, uint64_t *ts);

/* The model's stage for an observation point and back. */
enum model_stage predict_stage_of(enum obs_point p);
uint32_t predict_stages_seen(const struct clone_obs *co);

#endif /* CLONECHECK_PREDICT_H */
