// SPDX-License-Identifier: GPL-2.0
/*
 * sched.c - the scheduler's part of a fork: sched_fork() (V-27, S-01, S-02,
 * S-04, S-07) and wake_up_new_task() (S-01, S-10).  A stage file: it
 * depends on pred.h, model.h and clone_flags.h only.
 */
#include "model.h"
#include "clone_flags.h"
#include "pred.h"
#include "stages.h"

/* The child's scheduling attributes after sched_fork(). */
struct model_sched_attr {
	uint32_t policy;
	int32_t static_prio;
	int32_t normal_prio;
	int32_t prio;
	uint32_t rt_priority;
	const char *rule;	/* "S-02" inherited, "S-04" reset on fork */
};

/*
 * Mirrors kernel/sched/core.c:sched_fork() (v6.18), its priority part:
 * int sched_fork(u64 clone_flags, struct task_struct *p).
 * Modelled: p->prio = current->normal_prio (S-02, no PI-boost leak); with
 * sched_reset_on_fork, DL/RT -> SCHED_NORMAL nice 0 rt_priority 0, other
 * policies keep theirs with nice < 0 raised to 0, prio = normal_prio =
 * static_prio (S-04).  dup_task_struct() copied policy, static_prio,
 * normal_prio and rt_priority from the parent.
 * Not modelled: load weight, custom slice, uclamp (S-03).
 */
static void model_sched_fork_attr(const struct model_task *parent,
				  struct model_sched_attr *c)
{
	c->policy = parent->policy;
	c->static_prio = parent->static_prio;
	c->normal_prio = parent->normal_prio;
	c->rt_priority = parent->rt_priority;
	c->prio = parent->normal_prio;
	c->rule = "S-02";

	if (!parent->reset_on_fork)
		return;
	c->rule = "S-04";
	if (parent->policy == MODEL_SCHED_DEADLINE ||
	    parent->policy == MODEL_SCHED_FIFO ||
	    parent->policy == MODEL_SCHED_RR) {
		c->policy = MODEL_SCHED_NORMAL;
		c->static_prio = MODEL_DEFAULT_PRIO;
		c->rt_priority = 0;
	} else if (c->static_prio < MODEL_DEFAULT_PRIO) {	/* nice < 0 */
		c->static_prio = MODEL_DEFAULT_PRIO;
	}
	c->prio = c->normal_prio = c->static_prio;
}

/*
 * Mirrors kernel/sched/core.c:sched_fork() (v6.18), its only errno.
 * Modelled: V-27 / S-05: after reset-on-fork handling the child's prio is a
 * deadline prio (dl_prio(): prio < MAX_DL_PRIO) -> -EAGAIN.  That is a
 * parent whose normal_prio is a deadline prio (SCHED_DEADLINE) without
 * reset-on-fork; a parent PI-boosted by a DL task forks fine.
 * Not modelled: sched_ext (V-44, in sched_cgroup_fork).
 */
int model_sched_fork_check(const struct model_task *parent, const char **rule)
{
	struct model_sched_attr c;

	model_sched_fork_attr(parent, &c);
	if (c.prio < MODEL_MAX_DL_PRIO) {
		if (rule)
			*rule = "V-27";
		return -MODEL_EAGAIN;
	}
	return 0;
}

/* The scheduling classes a prio selects (kernel/sched/core.c). */
enum model_sched_class_key {
	MODEL_CLASS_DL,
	MODEL_CLASS_RT,
	MODEL_CLASS_FAIR,
};

/* dl_prio(), rt_prio(), else fair (no sched_ext: see model_sched_class()). */
static enum model_sched_class_key model_class_of_prio(int32_t prio)
{
	if (prio < MODEL_MAX_DL_PRIO)
		return MODEL_CLASS_DL;
	if (prio < MODEL_MAX_RT_PRIO)
		return MODEL_CLASS_RT;
	return MODEL_CLASS_FAIR;
}

/*
 * Mirrors kernel/sched/core.c:sched_fork() (v7.2.13; v6.1.176 and v5.10.223
 * without sched_ext): `if (rt_prio(p->prio)) p->sched_class =
 * &rt_sched_class; else if (task_should_scx(p->policy)) ... ext; else
 * p->sched_class = &fair_sched_class;` (S-06), and __setscheduler_prio() /
 * __setscheduler_class(), which gave the parent the class of its own
 * (effective) prio: dl, rt or fair.
 * Modelled (MODEL_IN_PROC): the child's class is the parent's (the same
 * pointer) iff both prios select the same class, else another one; only
 * where sched_ext cannot be involved: before 6.12, a profile without
 * CONFIG_SCHED_CLASS_EXT, or one whose BPF scheduler was not loaded at the
 * start (scx_loaded N: task_should_scx() is false while !scx_enabled()).
 * Not modelled: the classes' addresses (data symbols: kallsyms lists them
 * only with CONFIG_KALLSYMS_ALL, and the profile string has no room for
 * them), sched_ext's class (a BPF scheduler loaded, or loaded during the
 * run: scx_loaded is read once at the start), a parent
 * whose prio changed between its snapshot and the fork (PI).
 */
static void model_sched_class(const struct model_profile *prof,
			      const struct model_task *parent,
			      const struct model_sched_attr *c, struct model_pred *out)
{
	enum model_sched_class_key child = model_class_of_prio(c->prio);

	if (model_version_ge(prof, 6, 12) && prof->sched_ext != MODEL_CFG_N &&
	    prof->scx_loaded != MODEL_CFG_N)
		return;
	if (!(parent->valid & MODEL_IN_PROC) || !parent->sched_class)
		return;
	model_expect_add(out, "S-06", MODEL_STAGE_NEWTASK, MODEL_FIELD_SCHED_CLASS,
			 model_class_of_prio(parent->prio) == child ? MODEL_OP_EQ : MODEL_OP_NEW,
			 (int64_t)parent->sched_class);
}

/*
 * Mirrors kernel/sched/core.c:sched_fork() and __sched_fork() (v6.18):
 * what the child looks like at task_newtask and sched_process_fork.
 * Modelled: S-01 __state = TASK_NEW; S-07 on_rq = 0; S-02 prio = parent's
 * normal_prio with policy, static_prio, normal_prio, rt_priority inherited;
 * S-04 reset-on-fork (see model_sched_fork_attr()), sched_reset_on_fork
 * ends 0 (it was copied from the parent and is cleared when set).
 * S-06 the sched class (model_sched_class()).
 * Not modelled: vruntime/slice, uclamp (S-03).
 */
void model_sched_fork(const struct model_profile *prof,
		      const struct model_task *parent, struct model_pred *out)
{
	struct model_sched_attr c;

	model_sched_fork_attr(parent, &c);

	model_expect_add(out, "S-01", MODEL_STAGE_NEWTASK, MODEL_FIELD_STATE,
			 MODEL_OP_EQ, MODEL_TASK_NEW);
	model_expect_add(out, "S-01", MODEL_STAGE_FORK, MODEL_FIELD_STATE,
			 MODEL_OP_EQ, MODEL_TASK_NEW);
	model_expect_add(out, "S-07", MODEL_STAGE_NEWTASK, MODEL_FIELD_ON_RQ,
			 MODEL_OP_EQ, 0);
	model_expect_add(out, "S-07", MODEL_STAGE_FORK, MODEL_FIELD_ON_RQ,
			 MODEL_OP_EQ, 0);

	model_expect_add(out, c.rule, MODEL_STAGE_NEWTASK, MODEL_FIELD_PRIO,
			 MODEL_OP_EQ, c.prio);
	model_expect_add(out, c.rule, MODEL_STAGE_NEWTASK, MODEL_FIELD_POLICY,
			 MODEL_OP_EQ, c.policy);
	model_expect_add(out, c.rule, MODEL_STAGE_NEWTASK,
			 MODEL_FIELD_STATIC_PRIO, MODEL_OP_EQ, c.static_prio);
	model_expect_add(out, c.rule, MODEL_STAGE_NEWTASK,
			 MODEL_FIELD_NORMAL_PRIO, MODEL_OP_EQ, c.normal_prio);
	model_expect_add(out, c.rule, MODEL_STAGE_NEWTASK,
			 MODEL_FIELD_RT_PRIORITY, MODEL_OP_EQ, c.rt_priority);
	model_expect_add(out, "S-04", MODEL_STAGE_NEWTASK,
			 MODEL_FIELD_RESET_ON_FORK, MODEL_OP_EQ, 0);
	model_sched_class(prof, parent, &c, out);
}

/*
 * Mirrors kernel/sched/core.c:sched_cgroup_fork() (v6.18), called from
 * copy_process() after cgroup_can_fork(), before task_newtask:
 *   tg = container_of(kargs->cset->subsys[cpu_cgrp_id], ...);
 *   tg = autogroup_task_group(p, tg); p->sched_task_group = tg;
 *   ... if (p->sched_class->task_fork) p->sched_class->task_fork(p);
 * Modelled (MODEL_IN_PROC, S-08):
 * - the task group: without CLONE_INTO_CGROUP, kargs->cset is the
 *   caller's own css_set (cgroup_css_set_fork(): `cset = task_css_set(current)`),
 *   and the child's signal_struct has the caller's autogroup
 *   (copy_signal() -> sched_autogroup_fork()), so the child's
 *   sched_task_group is the caller's.  Only where the kernel has the
 *   member (CONFIG_CGROUP_SCHED; BPF reads 1 otherwise, and 0 in a
 *   trace file from before these members: nothing is predicted then).
 * - vruntime: __sched_fork() sets `p->se.vruntime = 0`.  rt_sched_class
 *   has no task_fork, so an RT child keeps 0 on every version; the fair
 *   class's task_fork_fair() is only `set_task_max_allowed_capacity(p)` in
 *   6.18 (placement moved to the first enqueue, ENQUEUE_INITIAL in
 *   wake_up_new_task()), so a fair child keeps 0 there too.  Before, 6.1's
 *   task_fork_fair() sets it from the parent's and place_entity(), stored
 *   relative to min_vruntime: not predicted, nor between 6.6 and 6.17,
 *   whose source was not read here.
 * Not modelled: the target cgroup's task group (CLONE_INTO_CGROUP), the
 * CPU (S-10 checks the one woken on), a parent migrated to another
 * cgroup between its snapshot and cgroup_can_fork(), autogroup switched
 * off (kernel.sched_autogroup_enabled) since the parent last moved, and
 * a fair-policy child sched_ext may take (when the profile cannot
 * exclude CONFIG_SCHED_CLASS_EXT).
 */
void model_sched_cgroup_fork(const struct model_profile *prof,
			     const struct model_task *parent,
			     const struct model_kargs *args, struct model_pred *out)
{
	struct model_sched_attr c;
	enum model_sched_class_key child;

	if (!(parent->valid & MODEL_IN_PROC) || !parent->sched_task_group)
		return;	/* a trace file from before these members */
	if (!(args->flags & MODEL_CLONE_INTO_CGROUP) && parent->sched_task_group != 1)
		model_expect_add(out, "S-08", MODEL_STAGE_NEWTASK, MODEL_FIELD_SCHED_TASK_GROUP,
				 MODEL_OP_EQ, (int64_t)parent->sched_task_group);
	model_sched_fork_attr(parent, &c);
	child = model_class_of_prio(c.prio);
	if (child == MODEL_CLASS_FAIR &&	/* sched_ext may take a fair policy */
	    (!model_version_ge(prof, 6, 18) || prof->sched_ext != MODEL_CFG_N))
		return;
	if (child == MODEL_CLASS_RT || child == MODEL_CLASS_FAIR)
		model_expect_add(out, "S-08", MODEL_STAGE_NEWTASK, MODEL_FIELD_VRUNTIME,
				 MODEL_OP_EQ, 0);
}

/* Number of bits set in a 64-bit mask. */
static unsigned int model_popcount64(uint64_t m)
{
	unsigned int n = 0;

	for (; m; m &= m - 1)
		n++;
	return n;
}

/*
 * Mirrors kernel/sched/core.c:wake_up_new_task() (v6.18):
 * void wake_up_new_task(struct task_struct *p).
 * Modelled: S-01 __state = TASK_RUNNING; S-10 on_rq = TASK_ON_RQ_QUEUED after
 * activate_task(), both visible at sched_wakeup_new; prio unchanged since
 * sched_fork (S-02/S-04); the chosen CPU lies in the child's cpus_ptr, which
 * is the parent's mask (R-42) - checked only when the parent's first 64 bits
 * hold every allowed CPU (popcount == nr_cpus_allowed <= 64) and not with
 * CLONE_INTO_CGROUP (the target cpuset may change the mask).
 * Not modelled: which CPU select_task_rq() picks, the preemption check.
 */
void model_wake_up_new_task(const struct model_profile *prof,
			    const struct model_task *parent,
			    const struct model_kargs *args,
			    struct model_pred *out)
{
	struct model_sched_attr c;

	(void)prof;
	model_sched_fork_attr(parent, &c);

	model_expect_add(out, "S-01", MODEL_STAGE_WAKEUP, MODEL_FIELD_STATE,
			 MODEL_OP_EQ, MODEL_TASK_RUNNING);
	model_expect_add(out, "S-10", MODEL_STAGE_WAKEUP, MODEL_FIELD_ON_RQ,
			 MODEL_OP_EQ, MODEL_TASK_ON_RQ_QUEUED);
	model_expect_add(out, c.rule, MODEL_STAGE_WAKEUP, MODEL_FIELD_PRIO,
			 MODEL_OP_EQ, c.prio);

	if (args->flags & MODEL_CLONE_INTO_CGROUP)
		return;
	if (parent->cpus_mask == 0 || parent->nr_cpus_allowed > 64 ||
	    model_popcount64(parent->cpus_mask) != parent->nr_cpus_allowed)
		return;
	model_expect_add(out, "S-10", MODEL_STAGE_WAKEUP, MODEL_FIELD_CPU,
			 MODEL_OP_IN_MASK, (int64_t)parent->cpus_mask);
}
