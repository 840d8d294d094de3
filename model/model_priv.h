/* SPDX-License-Identifier: GPL-2.0 */
/*
 * model_priv.h - helpers shared between the model's own .c files.  Not part
 * of the public API: src/ includes model.h only.
 */
#ifndef CLONECHECK_MODEL_PRIV_H
#define CLONECHECK_MODEL_PRIV_H

#include "model.h"

/* Append one expectation to out->expect[] (fork.c). */
void model_expect_add(struct model_pred *out, const char *rule,
		      enum model_stage stage, enum model_field field,
		      enum model_op op, int64_t value);

/* Append one environmental errno to out->alt[], once per errno (fork.c). */
void model_alt_add(struct model_pred *out, int err, const char *rule);

/* true if the profile's kernel is at least major.minor. */
bool model_version_ge(const struct model_profile *prof, int major, int minor);

/* sched_fork()'s only errno: V-27 (sched.c); 0 or -EAGAIN. */
int model_sched_fork_check(const struct model_task *parent, const char **rule);

/* sched_fork()'s effect on the child: S-01, S-02, S-04, S-07 (sched.c). */
void model_sched_fork(const struct model_profile *prof,
		      const struct model_task *parent, struct model_pred *out);

/* wake_up_new_task()'s effect on the child: S-01, S-10 (sched.c). */
void model_wake_up_new_task(const struct model_profile *prof,
			    const struct model_task *parent,
			    const struct model_kargs *args,
			    struct model_pred *out);

/*
 * The child's fields copy_process()'s callees fix beyond model_copy_process()
 * (copy.c): creds, namespaces, io, sysvsem, signals, ptrace, identity.
 */
void model_copy_process_more(const struct model_profile *prof,
			     const struct model_task *parent,
			     const struct model_kargs *args,
			     struct model_pred *out);

/* kernel_clone() after copy_process(): vfork_done (R-04, X-11) (copy.c). */
void model_kernel_clone_tail(const struct model_profile *prof,
			     const struct model_kargs *args,
			     struct model_pred *out);

/* The arch's copy_thread() and the new stack (X-13, X-14, R-35) (thread.c). */
void model_copy_thread(const struct model_profile *prof,
		       const struct model_task *parent,
		       const struct model_kargs *args, struct model_pred *out);

#endif /* CLONECHECK_MODEL_PRIV_H */
