// SPDX-License-Identifier: GPL-2.0
/*
 * check_diff.c - the differ, and mutation tests: each doctored observation
 * must be flagged as a mismatch by exactly the rule it breaks.
 */
#include <errno.h>
#include <string.h>

#include "fixture.h"
#include "inject_plan.h"
#include "tally.h"
#include "tests.h"

static struct clone_verdict v;

static void judge(const struct obs *o, size_t n)
{
	struct model_profile prof = fx_profile();
	struct model_pred pred;
	struct clone_obs co;
	int err;

	fx_assemble(&co, o, n);
	err = predict_clone(&prof, &co, &pred);
	diff_clone(&prof, err ? NULL : &pred, &co, false, &v);
}

/* Every failed check names `rule`, and there is at least one. */
static void assert_flagged_by(const char *rule)
{
	size_t failed = 0;

	ck_assert_int_eq(v.verdict, VERDICT_MISMATCH);
	for (size_t i = 0; i < v.n_checks; i++) {
		if (v.checks[i].ok)
			continue;
		failed++;
		ck_assert_msg(!strcmp(v.checks[i].rule, rule),
			      "flagged by %s, expected %s", v.checks[i].rule, rule);
	}
	ck_assert_uint_gt(failed, 0);
}

START_TEST(test_diff_fork_passes)
{
	struct obs o[OBS__COUNT];

	fx_fork(o, 1);
	judge(o, OBS__COUNT);
	for (size_t i = 0; i < v.n_checks; i++)
		ck_assert_msg(v.checks[i].ok, "%s failed on %s", v.checks[i].rule,
			      model_field_name(v.checks[i].field));
	ck_assert_int_eq(v.verdict, VERDICT_PASS);
	ck_assert_uint_gt(v.n_checks, 20);
	ck_assert_uint_eq(v.child_pid, FX_CHILD_PID);
}
END_TEST

START_TEST(test_diff_thread_passes)
{
	struct obs o[OBS__COUNT];

	fx_thread(o, 1);
	judge(o, OBS__COUNT);
	for (size_t i = 0; i < v.n_checks; i++)
		ck_assert_msg(v.checks[i].ok, "%s failed on %s", v.checks[i].rule,
			      model_field_name(v.checks[i].field));
	ck_assert_int_eq(v.verdict, VERDICT_PASS);
}
END_TEST

START_TEST(test_diff_failure_passes)
{
	struct obs o[2];

	fx_sighand_no_vm(o, 1);
	judge(o, 2);
	ck_assert_int_eq(v.verdict, VERDICT_PASS);
	ck_assert_uint_ge(v.n_checks, 1);
	ck_assert_str_eq(v.checks[0].rule, "V-13");
	ck_assert_int_eq(v.checks[0].expected, -EINVAL);
}
END_TEST

/* ---- mutations of a fork ---- */
static void m_fork_shares_mm(struct obs *o)
{
	o[OBS_NEWTASK].tp.child.mm = o[OBS_SYS_ENTER].enter.parent.mm;
}
static void m_fork_shares_files(struct obs *o)
{
	o[OBS_NEWTASK].tp.child.files = o[OBS_SYS_ENTER].enter.parent.files;
}
static void m_fork_shares_fs(struct obs *o)
{
	o[OBS_NEWTASK].tp.child.fs = o[OBS_SYS_ENTER].enter.parent.fs;
}
static void m_fork_shares_sighand(struct obs *o)
{
	o[OBS_NEWTASK].tp.child.sighand = o[OBS_SYS_ENTER].enter.parent.sighand;
}
static void m_fork_shares_signal(struct obs *o)
{
	o[OBS_NEWTASK].tp.child.signal = o[OBS_SYS_ENTER].enter.parent.signal;
}
static void m_fork_tgid(struct obs *o)
{
	o[OBS_NEWTASK].tp.child.tgid = FX_PARENT_PID;
}
static void m_fork_exit_signal(struct obs *o)
{
	o[OBS_NEWTASK].tp.child.exit_signal = 0;
}
static void m_fork_real_parent(struct obs *o)
{
	o[OBS_NEWTASK].tp.child.real_parent_pid = 1;
}
static void m_fork_state_running(struct obs *o)
{
	o[OBS_NEWTASK].tp.child.state = 0;
}
static void m_fork_state_at_fork(struct obs *o)
{
	o[OBS_FORK].tp.child.state = 1;
}
static void m_wakeup_not_running(struct obs *o)
{
	o[OBS_WAKEUP].tp.child.state = 0x800;
}
static void m_newtask_on_rq(struct obs *o)
{
	o[OBS_NEWTASK].tp.child.on_rq = 1;
}
static void m_wakeup_not_queued(struct obs *o)
{
	o[OBS_WAKEUP].tp.child.on_rq = 0;
}
static void m_wakeup_cpu_outside_mask(struct obs *o)
{
	o[OBS_WAKEUP].tp.child.cpu = 5;
}
static void m_prio_boost_leaks(struct obs *o)
{
	o[OBS_NEWTASK].tp.child.prio = 98;
}
static void m_policy_changed(struct obs *o)
{
	o[OBS_NEWTASK].tp.child.policy = 3;
}
static void m_kthread_flag(struct obs *o)
{
	o[OBS_NEWTASK].tp.child.flags |= 0x00200000;
}
static void m_no_forknoexec(struct obs *o)
{
	o[OBS_NEWTASK].tp.child.flags &= ~0x40u;
}
static void m_no_randomize(struct obs *o)
{
	o[OBS_NEWTASK].tp.child.flags &= ~0x00400000u;	/* PF_RANDOMIZE, the parent's */
}
static void m_cpus_mask(struct obs *o)
{
	o[OBS_NEWTASK].tp.child.cpus_mask = 0x1;
}
static void m_reset_on_fork_kept(struct obs *o)
{
	o[OBS_NEWTASK].tp.child.reset_on_fork = 1;
}
static void m_ret_not_child(struct obs *o)
{
	o[OBS_SYS_EXIT].ret.ret = 4242;
}
static void m_child_ret_nonzero(struct obs *o)
{
	o[OBS_CHILD_RET].ret.ret = FX_CHILD_PID;
}
static void m_unexplained_errno(struct obs *o)
{
	o[OBS_SYS_EXIT].ret.ret = -EBADF;
}

static void m_wakeup_after_exit(struct obs *o)
{
	o[OBS_WAKEUP].ts_ns = o[OBS_SYS_EXIT].ts_ns + 1;
	o[OBS_FIRST_RUN].ts_ns = o[OBS_WAKEUP].ts_ns;
	o[OBS_CHILD_RET].ts_ns = o[OBS_WAKEUP].ts_ns + 1;
}
static void m_newtask_flags(struct obs *o)
{
	o[OBS_NEWTASK].tp.clone_flags = 0x100;
}
static void m_mm_changed_by_wakeup(struct obs *o)
{
	o[OBS_WAKEUP].tp.child.mm = o[OBS_SYS_ENTER].enter.parent.mm;
}
static void m_parent_exit_by_other_thread(struct obs *o)
{
	o[OBS_SYS_EXIT].ret.pid = FX_PARENT_PID + 7;
}
static void m_child_ret_by_other_task(struct obs *o)
{
	o[OBS_CHILD_RET].ret.pid = FX_CHILD_PID + 1;
}
static void m_child_ret_before_wakeup(struct obs *o)
{
	o[OBS_CHILD_RET].ts_ns = o[OBS_WAKEUP].ts_ns - 1;
}

/* ---- mutations of a clone3 thread ---- */
static void m_thread_own_mm(struct obs *o)
{
	o[OBS_NEWTASK].tp.child.mm = 0xffff888000077000ull;
}
static void m_thread_own_signal(struct obs *o)
{
	o[OBS_NEWTASK].tp.child.signal = 0xffff888000078000ull;
}
static void m_thread_own_tgid(struct obs *o)
{
	o[OBS_NEWTASK].tp.child.tgid = FX_CHILD_PID;
}
static void m_thread_exit_signal(struct obs *o)
{
	o[OBS_NEWTASK].tp.child.exit_signal = 17;
}
static void m_thread_real_parent(struct obs *o)
{
	o[OBS_NEWTASK].tp.child.real_parent_pid = FX_PARENT_PID;
}

struct mutation {
	const char *name;
	void (*base)(struct obs o[OBS__COUNT], uint64_t id);
	void (*mutate)(struct obs *o);
	const char *rule;
};

static const struct mutation mutations[] = {
	{ "fork shares mm", fx_fork, m_fork_shares_mm, "R-02" },
	{ "fork shares files", fx_fork, m_fork_shares_files, "R-08" },
	{ "fork shares fs", fx_fork, m_fork_shares_fs, "R-09" },
	{ "fork shares sighand", fx_fork, m_fork_shares_sighand, "R-12" },
	{ "fork shares signal", fx_fork, m_fork_shares_signal, "R-13" },
	{ "fork child in parent's group", fx_fork, m_fork_tgid, "R-24" },
	{ "fork exit_signal 0", fx_fork, m_fork_exit_signal, "R-25" },
	{ "fork real_parent grandparent", fx_fork, m_fork_real_parent, "R-25" },
	{ "running at task_newtask", fx_fork, m_fork_state_running, "S-01" },
	{ "not TASK_NEW at sched_process_fork", fx_fork, m_fork_state_at_fork, "S-01" },
	{ "TASK_NEW after wakeup", fx_fork, m_wakeup_not_running, "S-01" },
	{ "on_rq at task_newtask", fx_fork, m_newtask_on_rq, "S-07" },
	{ "not queued at wakeup", fx_fork, m_wakeup_not_queued, "S-10" },
	{ "woken on a CPU outside the mask", fx_fork, m_wakeup_cpu_outside_mask, "S-10" },
	{ "boosted prio inherited", fx_fork, m_prio_boost_leaks, "S-02" },
	{ "policy changed", fx_fork, m_policy_changed, "S-02" },
	{ "PF_KTHREAD on a user child", fx_fork, m_kthread_flag, "R-41" },
	{ "PF_FORKNOEXEC missing", fx_fork, m_no_forknoexec, "R-41" },
	{ "PF_RANDOMIZE not copied", fx_fork, m_no_randomize, "R-41" },
	{ "cpus_mask narrowed", fx_fork, m_cpus_mask, "R-42" },
	{ "reset_on_fork kept", fx_fork, m_reset_on_fork_kept, "S-04" },
	{ "parent told another pid", fx_fork, m_ret_not_child, "R-34" },
	{ "child returns non-zero", fx_fork, m_child_ret_nonzero, "R-35" },
	{ "unexplained errno", fx_fork, m_unexplained_errno, "A.4" },
	{ "woken after the parent returned", fx_fork, m_wakeup_after_exit, "D.1" },
	{ "child returned before its wake-up", fx_fork, m_child_ret_before_wakeup, "D.1" },
	{ "fork reported as CLONE_VM", fx_fork, m_newtask_flags, "V-01" },
	{ "mm changed by the wake-up", fx_fork, m_mm_changed_by_wakeup, "R-02" },
	{ "another thread returned", fx_fork, m_parent_exit_by_other_thread, "O-05" },
	{ "another task's first return", fx_fork, m_child_ret_by_other_task, "O-06" },
	{ "thread gets its own mm", fx_thread, m_thread_own_mm, "R-02" },
	{ "thread gets its own signal", fx_thread, m_thread_own_signal, "R-13" },
	{ "thread leads its own group", fx_thread, m_thread_own_tgid, "R-24" },
	{ "thread has an exit signal", fx_thread, m_thread_exit_signal, "R-25" },
	{ "thread's parent is the caller", fx_thread, m_thread_real_parent, "R-25" },
};

START_TEST(test_diff_mutation_caught)
{
	const struct mutation *m = &mutations[_i];
	struct obs o[OBS__COUNT];

	m->base(o, 1);
	m->mutate(o);
	judge(o, OBS__COUNT);
	ck_assert_msg(v.verdict == VERDICT_MISMATCH, "mutation '%s' not caught", m->name);
	assert_flagged_by(m->rule);
}
END_TEST

/* A failure predicted, success seen: the deciding rule flags it. */
START_TEST(test_diff_invalid_clone_succeeds)
{
	struct obs f[2], o[OBS__COUNT];

	fx_fork(o, 1);
	fx_sighand_no_vm(f, 1);
	o[OBS_SYS_ENTER] = f[0];
	judge(o, OBS__COUNT);
	ck_assert_int_eq(v.verdict, VERDICT_MISMATCH);
	ck_assert_str_eq(v.checks[0].rule, "V-13");
	ck_assert(!v.checks[0].ok);
	/* and the tracepoints that fired are flagged under A.4 (4 of them) */
	{
		size_t absent = 0;

		for (size_t i = 1; i < v.n_checks; i++)
			if (!v.checks[i].ok) {
				ck_assert_str_eq(v.checks[i].rule, "A.4");
				absent++;
			}
		ck_assert_uint_eq(absent, 4);
	}
}
END_TEST

START_TEST(test_diff_failure_with_tracepoint)
{
	struct obs f[3], o[OBS__COUNT];

	fx_fork(o, 1);
	fx_sighand_no_vm(f, 1);
	f[2] = o[OBS_NEWTASK];
	judge(f, 3);
	assert_flagged_by("A.4");
}
END_TEST

START_TEST(test_diff_allowed_errno_passes)
{
	struct obs o[OBS__COUNT];

	fx_fork(o, 1);
	o[OBS_SYS_EXIT].ret.ret = -EAGAIN;
	judge(o, 1);	/* entry only ... */
	judge((struct obs[]){ o[OBS_SYS_ENTER], o[OBS_SYS_EXIT] }, 2);
	ck_assert_int_eq(v.verdict, VERDICT_PASS);
	ck_assert_str_eq(v.checks[0].rule, "V-23");

	o[OBS_SYS_EXIT].ret.ret = -513; /* ERESTARTNOINTR: restarted, never seen by user */
	judge((struct obs[]){ o[OBS_SYS_ENTER], o[OBS_SYS_EXIT] }, 2);
	ck_assert_int_eq(v.verdict, VERDICT_PASS);
	ck_assert_str_eq(v.checks[0].rule, "V-20");
}
END_TEST

/*
 * An injected fault (model/inject.c): the plan in the entry snapshot
 * decides the errno, its rule and A.4's unwinding.  The truthful
 * observation passes as a decided check; a clone that succeeded anyway, a
 * wrong errno and a child point seen after the failure are each flagged.
 */
START_TEST(test_diff_injected_failures)
{
	static const struct {
		uint64_t word;
		int64_t ret;
		const char *rule;
	} inj[] = {
		{ MODEL_INJ_WORD(MODEL_INJ_SIGNAL_GATE, 10, 0, 1), -513, "V-20" },
		{ MODEL_INJ_WORD(MODEL_INJ_SIGKILL_LATE, 9, 0, 2), -EINTR, "V-47" },
		{ MODEL_INJ_WORD(MODEL_INJ_TASK_ALLOC, EPERM, 0, 3), -EPERM, "V-28" },
		{ MODEL_INJ_WORD(MODEL_INJ_PREPARE_CREDS, EACCES, 0, 4), -ENOMEM, "V-22" },
		{ MODEL_INJ_WORD(MODEL_INJ_VM_ENOUGH_MEMORY, EACCES, 0, 5), -ENOMEM, "V-33" },
		/* a fork: dup_mmap() sees the SIGKILL before the final gate */
		{ MODEL_INJ_WORD(MODEL_INJ_SIGKILL_SLAB, 9, 0, 6), -ENOMEM, "V-33" },
	};

	for (size_t k = 0; k < sizeof(inj) / sizeof(inj[0]); k++) {
		struct obs o[OBS__COUNT], f[3];

		fx_fork(o, 1);
		o[OBS_SYS_ENTER].enter.parent.inject = inj[k].word;
		/* V-20 is decided only from a read signal mask (SIGUSR1 not blocked) */
		o[OBS_SYS_ENTER].enter.parent.valid |= MODEL_IN_SIGNALS;
		o[OBS_SYS_ENTER].enter.parent.blocked = 0;
		f[0] = o[OBS_SYS_ENTER];
		f[1] = o[OBS_SYS_EXIT];
		f[1].ret.ret = inj[k].ret;
		judge(f, 2);
		ck_assert_msg(v.verdict == VERDICT_PASS && !v.allowed, "%s: %s", inj[k].rule,
			      verdict_name(v.verdict));
		ck_assert_str_eq(v.checks[0].rule, inj[k].rule);
		ck_assert_int_eq(v.checks[0].kind, CHECK_RET);

		/* the clone succeeded although the fault was injected */
		judge(o, OBS__COUNT);
		ck_assert_int_eq(v.verdict, VERDICT_MISMATCH);
		ck_assert_str_eq(v.checks[0].rule, inj[k].rule);
		ck_assert(!v.checks[0].ok);

		/* another errno than the injected one */
		f[1].ret.ret = -EBADF;
		judge(f, 2);
		assert_flagged_by(inj[k].rule);

		/* the right errno, but a child was made (not unwound) */
		f[1].ret.ret = inj[k].ret;
		f[2] = o[OBS_NEWTASK];
		judge(f, 3);
		assert_flagged_by("A.4");

		/* the same plan, spent (the restart): an ordinary fork passes */
		o[OBS_SYS_ENTER].enter.parent.inject |= MODEL_INJ_WORD(0, 0, MODEL_INJ_F_SPENT, 0);
		judge(o, OBS__COUNT);
		ck_assert_int_eq(v.verdict, VERDICT_PASS);
	}
}
END_TEST

/* A predicted error may be pre-empted by an allowed one (EPERM before EINVAL, V-34). */
START_TEST(test_diff_error_alternative)
{
	struct obs f[2];

	fx_sighand_no_vm(f, 1);
	f[0].enter.args[0] = 0x08000000 | 0x40000 | 17; /* NEWIPC|SYSVSEM|SIGCHLD */
	judge(f, 2);
	ck_assert_int_eq(v.verdict, VERDICT_PASS);
	ck_assert_str_eq(v.checks[0].rule, "V-34");
	f[1].ret.ret = -EPERM; /* unprivileged: copy_namespaces() fails first */
	judge(f, 2);
	ck_assert_int_eq(v.verdict, VERDICT_PASS);
	ck_assert_str_eq(v.checks[0].rule, "V-34");
	f[1].ret.ret = -EBADF;
	judge(f, 2);
	assert_flagged_by("V-34");
}
END_TEST

/* a vfork parent returns only after its child (here: its first return). */
START_TEST(test_diff_vfork_order)
{
	struct obs o[OBS__COUNT];

	fx_fork(o, 1);
	o[OBS_SYS_ENTER].enter.entry = OBS_ENTRY_VFORK;
	for (int p = OBS_NEWTASK; p <= OBS_WAKEUP; p++)	/* CLONE_VM */
		o[p].tp.child.mm = o[OBS_SYS_ENTER].enter.parent.mm;
	o[OBS_NEWTASK].tp.clone_flags = 0x4000 | 0x100;		/* VFORK|VM (V-02) */
	o[OBS_CHILD_RET].ts_ns = o[OBS_SYS_EXIT].ts_ns - 1;
	judge(o, OBS__COUNT);
	ck_assert_int_eq(v.verdict, VERDICT_PASS);
	ck_assert(!v.allowed);
	o[OBS_CHILD_RET].ts_ns = o[OBS_SYS_EXIT].ts_ns + 1;
	judge(o, OBS__COUNT);
	assert_flagged_by("R-04");
	/* the group is exiting but no SIGKILL is pending: still a mismatch */
	o[OBS_SYS_EXIT].ret.group_exit = true;
	judge(o, OBS__COUNT);
	assert_flagged_by("R-04");
	/* SIGKILL pending at P's exit: its killable wait ended early, allowed */
	o[OBS_SYS_EXIT].ret.kill_pending = true;
	judge(o, OBS__COUNT);
	ck_assert_int_eq(v.verdict, VERDICT_PASS);
	ck_assert(v.allowed);
	for (size_t i = 0; i < v.n_checks; i++)
		if (v.checks[i].kind == CHECK_ORDER && !strcmp(v.checks[i].rule, "R-04"))
			ck_assert(v.checks[i].ok && v.checks[i].allowed);
	/* ... and in the normal order it is a decided pass, killed or not */
	o[OBS_CHILD_RET].ts_ns = o[OBS_SYS_EXIT].ts_ns - 1;
	judge(o, OBS__COUNT);
	ck_assert_int_eq(v.verdict, VERDICT_PASS);
	ck_assert(!v.allowed);
}
END_TEST

/* The parent-killed exception is R-04's alone: a D.1 order stays decided. */
START_TEST(test_diff_killed_other_order)
{
	struct obs o[OBS__COUNT];

	fx_fork(o, 1);
	o[OBS_SYS_EXIT].ret.kill_pending = true;
	o[OBS_WAKEUP].ts_ns = o[OBS_SYS_EXIT].ts_ns + 1;	/* D.1: wakeup before exit */
	judge(o, OBS__COUNT);
	assert_flagged_by("D.1");
	ck_assert(!v.allowed);
}
END_TEST

/* A fork whose parent and child both carry uclamp state (S-03, S-09). */
static void fx_uclamp_fork(struct obs o[OBS__COUNT], int policy, int prio, uint32_t min,
			   uint32_t user, uint32_t child_min)
{
	struct obs_task *p = &o[OBS_SYS_ENTER].enter.parent;

	fx_fork(o, 1);
	p->policy = (uint32_t)policy;
	p->prio = p->normal_prio = prio;
	p->static_prio = prio < 100 ? 120 : prio;
	p->rt_priority = prio < 100 ? (uint32_t)(99 - prio) : 0;
	p->valid |= MODEL_IN_UCLAMP;
	p->uclamp_min = min;
	p->uclamp_max = 1024;
	p->uclamp_user = user;
	for (int i = OBS_NEWTASK; i < OBS__COUNT; i++) {
		struct obs_task *c = &o[i].tp.child;

		if (i > OBS_WAKEUP && i != OBS_FIRST_RUN)
			continue;
		c->policy = p->policy;
		c->prio = p->prio;
		c->normal_prio = p->normal_prio;
		c->static_prio = p->static_prio;
		c->rt_priority = p->rt_priority;
		c->valid |= MODEL_IN_UCLAMP;
		c->uclamp_min = child_min;
		c->uclamp_max = 1024;
		c->uclamp_user = user;
	}
}

static void judge_uclamp(const struct obs *o)
{
	struct model_profile prof = fx_profile();
	struct model_pred pred;
	struct clone_obs co;

	prof.uclamp = MODEL_CFG_Y;
	prof.uclamp_rt_default = 1024 + 1;
	fx_assemble(&co, o, OBS__COUNT);
	ck_assert_int_eq(predict_clone(&prof, &co, &pred), 0);
	diff_clone(&prof, &pred, &co, false, &v);
}

static bool checked(const char *rule, enum model_field field)
{
	for (size_t i = 0; i < v.n_checks; i++)
		if (!strcmp(v.checks[i].rule, rule) && v.checks[i].field == field)
			return true;
	return false;
}

/*
 * S-09 on a SCHED_FIFO 10 parent (prio 89): util-min becomes the rt
 * default (1024 here) unless user-defined, then it is the parent's.  A
 * kernel that overwrote a user-defined util-min, or left a default one
 * unsynced, is flagged by S-09; one that took SCHED_NORMAL nice -20
 * (prio 100, S-03's boundary) for RT, by S-03.
 */
START_TEST(test_diff_uclamp_rt_default)
{
	struct obs o[OBS__COUNT];

	fx_uclamp_fork(o, 1, 89, 1024, 1, 1024);	/* default: the rt default */
	judge_uclamp(o);
	ck_assert_int_eq(v.verdict, VERDICT_PASS);
	ck_assert(checked("S-09", MODEL_FIELD_UCLAMP_MIN));
	ck_assert(checked("S-03", MODEL_FIELD_UCLAMP_USER));
	fx_uclamp_fork(o, 1, 89, 300, 1, 300);		/* not synced to the rt default */
	judge_uclamp(o);
	assert_flagged_by("S-09");
	fx_uclamp_fork(o, 1, 89, 200, 2, 200);		/* user-defined: kept */
	judge_uclamp(o);
	ck_assert_int_eq(v.verdict, VERDICT_PASS);
	ck_assert(checked("S-09", MODEL_FIELD_UCLAMP_MIN));
	fx_uclamp_fork(o, 1, 89, 200, 2, 1024);		/* user-defined overwritten */
	judge_uclamp(o);
	assert_flagged_by("S-09");
	fx_uclamp_fork(o, 0, 100, 0, 1, 0);		/* nice -20: not RT */
	judge_uclamp(o);
	ck_assert_int_eq(v.verdict, VERDICT_PASS);
	ck_assert(checked("S-03", MODEL_FIELD_UCLAMP_MIN));
	ck_assert(!checked("S-09", MODEL_FIELD_UCLAMP_MIN));
	fx_uclamp_fork(o, 0, 100, 0, 1, 1024);		/* nice -20 given the rt default */
	judge_uclamp(o);
	assert_flagged_by("S-03");
	fx_uclamp_fork(o, 1, 89, 200, 2, 200);		/* user_defined lost in the copy */
	o[OBS_NEWTASK].tp.child.uclamp_user = 1;
	judge_uclamp(o);
	assert_flagged_by("S-03");
}
END_TEST

/* With records lost, a missing point is blamed on the loss. */
START_TEST(test_diff_lossy_incomplete)
{
	struct model_profile prof = fx_profile();
	struct obs o[OBS__COUNT];
	struct model_pred pred;
	struct clone_obs co;

	fx_fork(o, 1);
	o[OBS_FORK].point = OBS__COUNT;
	fx_assemble(&co, o, OBS__COUNT);
	ck_assert_int_eq(predict_clone(&prof, &co, &pred), 0);
	diff_clone(&prof, &pred, &co, DIFF_LOSSY, &v);
	ck_assert_int_eq(v.verdict, VERDICT_INCOMPLETE);
	ck_assert_str_eq(v.reason, "records lost");
	ck_assert_uint_eq(v.missing, MODEL_STAGE_BIT(MODEL_STAGE_FORK));
}
END_TEST

/*
 * Observation stopped (DIFF_CUT) while a clone's syscall had not returned:
 * still in progress, unjudged, never a pass.  A missing point of a clone
 * whose syscall did return is still incomplete, cut or not; and with loss,
 * a cut clone is blamed on the loss.
 */
START_TEST(test_diff_cut_in_progress)
{
	struct model_profile prof = fx_profile();
	struct obs o[OBS__COUNT];
	struct model_pred pred;
	struct clone_obs co;

	fx_fork(o, 1);
	fx_assemble(&co, o, 2);		/* sys_enter, task_newtask */
	ck_assert_int_eq(predict_clone(&prof, &co, &pred), 0);
	diff_clone(&prof, &pred, &co, DIFF_CUT, &v);
	ck_assert_int_eq(v.verdict, VERDICT_UNJUDGED);
	ck_assert_ptr_nonnull(strstr(v.reason, "in progress"));
	diff_clone(&prof, &pred, &co, 0, &v);
	ck_assert_int_eq(v.verdict, VERDICT_INCOMPLETE);
	diff_clone(&prof, &pred, &co, DIFF_CUT | DIFF_LOSSY, &v);
	ck_assert_int_eq(v.verdict, VERDICT_INCOMPLETE);

	o[OBS_FORK].point = OBS__COUNT;
	fx_assemble(&co, o, OBS__COUNT);
	diff_clone(&prof, &pred, &co, DIFF_CUT, &v);
	ck_assert_int_eq(v.verdict, VERDICT_INCOMPLETE);
}
END_TEST

/*
 * cut-child-first-return: observation stopped after the parent's syscall
 * returned but before the child first returned to user space (it had not
 * run by the settle time).  The clone is in progress at the stop: unjudged,
 * named as such, its checks not counted as passes; never incomplete and
 * never a pass.  Without the stop, or with loss, the missing O-06 still
 * makes it incomplete; a check that failed on what was seen is still a
 * mismatch.
 */
START_TEST(test_diff_cut_child_first_return)
{
	struct model_profile prof = fx_profile();
	struct obs o[OBS__COUNT];
	struct model_pred pred;
	struct clone_obs co;
	struct tally t;

	fx_fork(o, 1);
	o[OBS_CHILD_RET].point = OBS__COUNT;	/* fx_assemble() skips it */
	fx_assemble(&co, o, OBS__COUNT);
	ck_assert(co.seen & OBS_BIT(OBS_SYS_EXIT));
	ck_assert_int_eq(predict_clone(&prof, &co, &pred), 0);

	diff_clone(&prof, &pred, &co, DIFF_CUT, &v);
	ck_assert_int_eq(v.verdict, VERDICT_UNJUDGED);
	ck_assert_ptr_nonnull(v.reason);
	ck_assert_ptr_nonnull(strstr(v.reason, "in progress"));
	ck_assert_ptr_nonnull(strstr(v.reason, "first return"));
	ck_assert(v.in_progress);
	ck_assert_uint_eq(v.missing, MODEL_STAGE_BIT(MODEL_STAGE_CHILD_RET));
	tally_init(&t);
	tally_add(&t, &v);
	ck_assert_uint_eq(t.by_verdict[VERDICT_UNJUDGED], 1);
	ck_assert_uint_eq(t.in_progress, 1);
	for (size_t i = 0; i < t.n_rules; i++)
		ck_assert_msg(!t.rules[i].passed && !t.rules[i].observed,
			      "%s counted from a clone in progress", t.rules[i].rule);

	diff_clone(&prof, &pred, &co, 0, &v);
	ck_assert_int_eq(v.verdict, VERDICT_INCOMPLETE);
	ck_assert(!v.in_progress);
	diff_clone(&prof, &pred, &co, DIFF_CUT | DIFF_LOSSY, &v);
	ck_assert_int_eq(v.verdict, VERDICT_INCOMPLETE);

	/* what was seen still counts against the kernel */
	o[OBS_NEWTASK].tp.child.tgid = FX_PARENT_PID;
	fx_assemble(&co, o, OBS__COUNT);
	diff_clone(&prof, &pred, &co, DIFF_CUT, &v);
	ck_assert_int_eq(v.verdict, VERDICT_MISMATCH);
}
END_TEST

/*
 * task_newtask's record missing (lost, or cut): the checks against the
 * child's pid (R-34, O-06, R-24) cannot be made; the clone is incomplete
 * with task_newtask named, never a mismatch against pid 0.
 */
START_TEST(test_diff_no_newtask_incomplete)
{
	struct obs o[OBS__COUNT];

	fx_fork(o, 1);
	o[OBS_NEWTASK].point = OBS__COUNT;	/* fx_assemble() skips it */
	judge(o, OBS__COUNT);
	for (size_t i = 0; i < v.n_checks; i++)
		ck_assert_msg(v.checks[i].ok, "%s failed on %s", v.checks[i].rule,
			      model_field_name(v.checks[i].field));
	ck_assert_int_eq(v.verdict, VERDICT_INCOMPLETE);
	ck_assert(v.missing & MODEL_STAGE_BIT(MODEL_STAGE_NEWTASK));
}
END_TEST

/* A kernel thread (fentry/kprobe backends): predicted from copy_process's entry. */
START_TEST(test_diff_kthread)
{
	struct obs o[OBS__COUNT];

	fx_kthread(o, 1);
	judge(o, OBS__COUNT);
	for (size_t i = 0; i < v.n_checks; i++)
		ck_assert_msg(v.checks[i].ok, "%s failed on %s.%s", v.checks[i].rule,
			      model_stage_name(v.checks[i].stage),
			      model_field_name(v.checks[i].field));
	ck_assert_int_eq(v.verdict, VERDICT_PASS);
	ck_assert_uint_gt(v.n_checks, 10);

	/* a kernel thread that came back with an mm: kthreadd has none */
	o[OBS_NEWTASK].tp.child.mm = 0xffff888000777000ull;
	judge(o, OBS__COUNT);
	assert_flagged_by("R-01");

	/* without copy_process's arguments (tracepoint backend): unjudged */
	fx_kthread(o, 1);
	o[OBS_COPY_ENTER].point = OBS__COUNT;
	judge(o, OBS__COUNT);
	ck_assert_int_eq(v.verdict, VERDICT_UNJUDGED);
}
END_TEST

static size_t checks_of(const char *rule, bool *all_ok);

/* A mismatch with at least one failed check of `rule` (others may fail too). */
static void assert_flagged_among(const char *rule)
{
	bool seen = false;

	ck_assert_int_eq(v.verdict, VERDICT_MISMATCH);
	for (size_t i = 0; i < v.n_checks; i++)
		seen |= !v.checks[i].ok && !strcmp(v.checks[i].rule, rule);
	ck_assert_msg(seen, "no failed check of %s", rule);
}

static void assert_all_ok(void)
{
	for (size_t i = 0; i < v.n_checks; i++)
		ck_assert_msg(v.checks[i].ok, "%s failed on %s.%s", v.checks[i].rule,
			      model_stage_name(v.checks[i].stage),
			      model_field_name(v.checks[i].field));
	ck_assert_int_eq(v.verdict, VERDICT_PASS);
}

/*
 * The tracepoint backend's kernel thread: no copy_process points, only the
 * creator (kthreadd) read at task_newtask, and the child's own state.
 */
static void fx_kthread_tp(struct obs o[OBS__COUNT])
{
	fx_kthread(o, 1);
	memset(&o[OBS_COPY_ENTER].copy.kargs, 0, sizeof(o[OBS_COPY_ENTER].copy.kargs));
	o[OBS_COPY_ENTER].copy.node = 0;
	o[OBS_COPY_ENTER].copy.at_newtask = true;
	o[OBS_SCHED_FORK].point = o[OBS_COPY_EXIT].point = o[OBS_CLONE_EXIT].point = OBS__COUNT;
	for (int i = OBS_NEWTASK; i <= OBS_WAKEUP; i++) {
		/* set_kthread_struct(): vfork_done = &kthread->exited (6.1+) */
		o[i].tp.child.valid |= MODEL_IN_TIDS;
		o[i].tp.child.vfork_done = 0xffff888000400800ull;
	}
}

/* An io-wq worker on the tracepoint backend: made by a user task in io_uring_enter. */
static void fx_io_worker_tp(struct obs o[OBS__COUNT])
{
	struct obs_task p, c;

	fx_fork(o, 1);
	p = o[OBS_SYS_ENTER].enter.parent;
	c = o[OBS_NEWTASK].tp.child;
	c.mm = p.mm;
	c.files = p.files;
	c.fs = p.fs;
	c.sighand = p.sighand;
	c.signal = p.signal;
	c.tgid = p.tgid;
	c.real_parent_pid = p.real_parent_pid;
	c.exit_signal = -1;
	c.flags = p.flags | 0x40 | 0x10 | 0x4000;	/* FORKNOEXEC IO_WORKER USER_WORKER */
	c.valid |= MODEL_IN_SIGNALS | MODEL_IN_COMM;
	c.blocked = ~((1ull << 8) | (1ull << 18));	/* all but SIGKILL, SIGSTOP */
	for (int i = OBS_NEWTASK; i <= OBS_WAKEUP; i++) {
		enum model_stage st = i == OBS_WAKEUP ? MODEL_STAGE_WAKEUP : MODEL_STAGE_NEWTASK;

		o[i].tp.entry = OBS_ENTRY_NONE;
		c.state = st == MODEL_STAGE_WAKEUP ? 0 : c.state;
		o[i].tp.child.mm = c.mm;
		o[i].tp.child.files = c.files;
		o[i].tp.child.fs = c.fs;
		o[i].tp.child.sighand = c.sighand;
		o[i].tp.child.signal = c.signal;
		o[i].tp.child.tgid = c.tgid;
		o[i].tp.child.real_parent_pid = c.real_parent_pid;
		o[i].tp.child.exit_signal = c.exit_signal;
		o[i].tp.child.flags = c.flags;
		o[i].tp.child.valid = c.valid;
		o[i].tp.child.blocked = c.blocked;
	}
	/* CLONE_FS|FILES|SIGHAND|THREAD|IO|VM|UNTRACED: create_io_thread() */
	o[OBS_NEWTASK].tp.clone_flags = 0x200 | 0x400 | 0x800 | 0x10000 | 0x80000000ull |
					0x100 | 0x800000;
	o[OBS_SYS_ENTER].point = o[OBS_SYS_EXIT].point = o[OBS_CHILD_RET].point = OBS__COUNT;
	o[OBS_FORK].point = OBS__COUNT;		/* not from kernel_clone: no sched_process_fork */
	o[OBS_COPY_ENTER].point = OBS_COPY_ENTER;
	o[OBS_COPY_ENTER].clone_id = 1;
	o[OBS_COPY_ENTER].copy.entry = OBS_ENTRY_NONE;
	o[OBS_COPY_ENTER].copy.parent = p;
	o[OBS_COPY_ENTER].copy.at_newtask = true;
	o[OBS_COPY_ENTER].copy.sysnr_known = true;
	o[OBS_COPY_ENTER].copy.creator_sysnr = 426;	/* io_uring_enter */
}

/* A kernel thread judged from its creator's context alone (tracepoint). */
START_TEST(test_diff_kthread_from_creator)
{
	struct obs o[OBS__COUNT];
	bool ok;

	fx_kthread_tp(o);
	judge(o, OBS__COUNT);
	assert_all_ok();
	ck_assert_uint_ge(checks_of("R-28", &ok), 2);	/* clone_flags, exit signal, PF_KTHREAD */
	ck_assert_uint_ge(checks_of("R-01", &ok), 1);
	ck_assert_uint_ge(checks_of("X-11", &ok), 3);
	ck_assert_uint_ge(checks_of("E-05", &ok), 2);

	fx_kthread_tp(o);			/* a kthread with an mm */
	o[OBS_NEWTASK].tp.child.mm = 0xffff888000777000ull;
	judge(o, OBS__COUNT);
	assert_flagged_by("R-01");

	fx_kthread_tp(o);			/* no kthread struct behind vfork_done */
	o[OBS_FORK].tp.child.vfork_done = 0;
	judge(o, OBS__COUNT);
	assert_flagged_by("X-11");

	fx_kthread_tp(o);			/* create_kthread() without CLONE_FILES */
	o[OBS_NEWTASK].tp.clone_flags &= ~0x400ull;
	judge(o, OBS__COUNT);
	assert_flagged_by("R-28");

	fx_kthread_tp(o);			/* PF_KTHREAD lost */
	o[OBS_NEWTASK].tp.child.flags &= ~0x00200000u;
	judge(o, OBS__COUNT);
	assert_flagged_among("E-05");
	assert_flagged_among("R-28");

	fx_kthread_tp(o);			/* user registers left in a kthread's frame */
	o[OBS_NEWTASK].tp.arch.valid = 1;
	o[OBS_NEWTASK].tp.arch.regs_sp = 0x7ffc0000ull;
	judge(o, OBS__COUNT);
	assert_flagged_among("X-14");

	fx_kthread_tp(o);			/* kernel_clone() without sched_process_fork */
	o[OBS_FORK].point = OBS__COUNT;
	judge(o, OBS__COUNT);
	ck_assert_int_eq(v.verdict, VERDICT_INCOMPLETE);
	ck_assert(v.missing & MODEL_STAGE_BIT(MODEL_STAGE_FORK));

	/* 5.10's kernel_clone_args: no kthread, no fn (copy_process entry seen) */
	fx_kthread(o, 1);
	o[OBS_COPY_ENTER].copy.kargs.kthread = false;
	o[OBS_COPY_ENTER].copy.kargs.fn = o[OBS_COPY_ENTER].copy.kargs.fn_arg = 0;
	judge(o, OBS__COUNT);
	ck_assert_int_eq(v.verdict, VERDICT_PASS);
	ck_assert_uint_ge(checks_of("R-28", &ok), 2);
	o[OBS_NEWTASK].tp.clone_flags &= ~0x200ull;	/* no CLONE_FS */
	judge(o, OBS__COUNT);
	assert_flagged_by("R-28");

	fx_kthread_tp(o);			/* made by another kernel thread: not decided */
	o[OBS_COPY_ENTER].copy.parent.pid = 77;
	judge(o, OBS__COUNT);
	ck_assert_int_eq(v.verdict, VERDICT_UNJUDGED);
}
END_TEST

/* An io_uring worker judged from its creator's context alone (tracepoint). */
START_TEST(test_diff_io_worker_from_creator)
{
	struct obs o[OBS__COUNT];
	bool ok;

	fx_io_worker_tp(o);
	judge(o, OBS__COUNT);
	assert_all_ok();
	ck_assert_uint_ge(checks_of("E-06", &ok), 2);
	ck_assert_uint_ge(checks_of("R-14", &ok), 2);
	ck_assert_uint_ge(checks_of("R-08", &ok), 1);

	fx_io_worker_tp(o);			/* PF_IO_WORKER not set */
	o[OBS_NEWTASK].tp.child.flags &= ~0x10u;
	judge(o, OBS__COUNT);
	assert_flagged_among("E-06");

	fx_io_worker_tp(o);			/* signals left unblocked */
	o[OBS_NEWTASK].tp.child.blocked = 0;
	judge(o, OBS__COUNT);
	assert_flagged_among("E-06");
	assert_flagged_among("R-14");

	fx_io_worker_tp(o);			/* named at its birth: create_io_thread() has no name */
	strcpy(o[OBS_NEWTASK].tp.child.comm, "iou-wrk-1000");
	judge(o, OBS__COUNT);
	assert_flagged_by("R-31");

	fx_io_worker_tp(o);			/* its own files table */
	o[OBS_NEWTASK].tp.child.files = 0xffff888000099000ull;
	judge(o, OBS__COUNT);
	assert_flagged_by("R-08");

	fx_io_worker_tp(o);			/* a sched_process_fork it must not have */
	o[OBS_FORK].point = OBS_FORK;
	judge(o, OBS__COUNT);
	ck_assert_int_eq(v.verdict, VERDICT_MISMATCH);
	ck_assert_uint_ge(checks_of("O-03", &ok), 1);
	ck_assert(!ok);

	fx_io_worker_tp(o);			/* its creator inside clone(): a missed syscall */
	o[OBS_COPY_ENTER].copy.creator_sysnr = 56;
	judge(o, OBS__COUNT);
	ck_assert_int_eq(v.verdict, VERDICT_UNJUDGED);

	fx_io_worker_tp(o);			/* the creator's syscall unknown (before 5.15) */
	o[OBS_COPY_ENTER].copy.sysnr_known = false;
	judge(o, OBS__COUNT);
	ck_assert_int_eq(v.verdict, VERDICT_UNJUDGED);
}
END_TEST

/* Missing observations are never a pass. */
START_TEST(test_diff_missing_point_incomplete)
{
	struct obs o[OBS__COUNT];

	fx_fork(o, 1);
	judge(o, OBS_WAKEUP); /* enter, newtask, fork only */
	ck_assert_int_eq(v.verdict, VERDICT_INCOMPLETE);
	ck_assert_ptr_nonnull(v.reason);

	/* all but the wakeup */
	o[OBS_WAKEUP].point = OBS__COUNT;
	judge(o, OBS__COUNT);
	ck_assert_int_eq(v.verdict, VERDICT_INCOMPLETE);
	ck_assert_uint_eq(v.missing, MODEL_STAGE_BIT(MODEL_STAGE_WAKEUP));
}
END_TEST

START_TEST(test_diff_no_entry_incomplete)
{
	struct obs o[OBS__COUNT];

	fx_fork(o, 1);
	judge(o + 1, OBS__COUNT - 1);
	ck_assert_int_eq(v.verdict, VERDICT_INCOMPLETE);
}
END_TEST

/* A prediction that lost expectations (model_pred.n_dropped) passes nothing. */
START_TEST(test_diff_truncated_prediction_incomplete)
{
	struct model_profile prof = fx_profile();
	struct model_pred pred;
	struct obs o[OBS__COUNT];
	struct clone_obs co;

	fx_fork(o, 1);
	fx_assemble(&co, o, OBS__COUNT);
	ck_assert_int_eq(predict_clone(&prof, &co, &pred), 0);
	diff_clone(&prof, &pred, &co, false, &v);
	ck_assert_int_eq(v.verdict, VERDICT_PASS);
	pred.n_dropped = 1;
	diff_clone(&prof, &pred, &co, false, &v);
	ck_assert_int_eq(v.verdict, VERDICT_INCOMPLETE);
	ck_assert_ptr_nonnull(strstr(v.reason, "truncated"));
}
END_TEST

START_TEST(test_diff_clone3_unreadable_incomplete)
{
	struct obs o[OBS__COUNT];

	fx_thread(o, 1);
	o[OBS_SYS_ENTER].enter.uargs_fault = true;
	judge(o, OBS__COUNT);
	ck_assert_int_eq(v.verdict, VERDICT_INCOMPLETE);
}
END_TEST

/* ---- every check can fail ---- */

static void judge_prof(const struct model_profile *prof, const struct obs *o, size_t n)
{
	struct model_pred pred;
	struct clone_obs co;
	int err;

	fx_assemble(&co, o, n);
	err = predict_clone(prof, &co, &pred);
	diff_clone(prof, err ? NULL : &pred, &co, false, &v);
}

/* A mismatch with at least one failed check of `rule` (others may fail too). */
static void assert_fails_rule(const char *rule)
{
	bool seen = false;

	ck_assert_int_eq(v.verdict, VERDICT_MISMATCH);
	for (size_t i = 0; i < v.n_checks; i++)
		seen |= !v.checks[i].ok && !strcmp(v.checks[i].rule, rule);
	ck_assert_msg(seen, "no failed check of %s", rule);
}

/* The checks of `rule` made, and whether all of them held. */
static size_t checks_of(const char *rule, bool *all_ok)
{
	size_t n = 0;

	*all_ok = true;
	for (size_t i = 0; i < v.n_checks; i++)
		if (!strcmp(v.checks[i].rule, rule)) {
			n++;
			*all_ok &= v.checks[i].ok;
		}
	return n;
}

/* What copy_thread() left in a fork's child, x86_64: the frame right below pt_regs. */
static void fx_arch(struct obs o[OBS__COUNT], bool located)
{
	struct obs_arch *a = &o[OBS_NEWTASK].tp.arch;

	a->valid = true;
	a->regs_located = located;
	a->stack = 0xffffc90000100000ull;
	a->regs = a->stack + 16384 - 168;	/* task_pt_regs() */
	a->ctx_sp = a->regs - 56;		/* the inactive_task_frame */
	a->regs_sp = a->p_regs_sp = 0x7ffd0000;
	a->regs_pc = a->p_regs_pc = 0x401000;
	a->tls = a->p_tls = 0x7f000;
	a->stack_end = 0x57AC6E9D;
}

/*
 * the frame's offset is measured from task_pt_regs() located from the
 * task.  Before, BPF found the block at the frame + 56 and the check could
 * not fail; now a frame anywhere else is flagged.
 */
START_TEST(test_diff_x13_frame_from_task)
{
	struct obs o[OBS__COUNT];
	bool ok;

	fx_fork(o, 1);
	fx_arch(o, true);
	judge(o, OBS__COUNT);
	ck_assert_int_eq(v.verdict, VERDICT_PASS);
	ck_assert_uint_gt(checks_of("X-13", &ok), 3);
	o[OBS_NEWTASK].tp.arch.ctx_sp -= 8;	/* the frame 8 bytes lower */
	judge(o, OBS__COUNT);
	assert_flagged_by("X-13");
	/* a block found from the frame (before 5.15) measures nothing */
	o[OBS_NEWTASK].tp.arch.regs_located = false;
	judge(o, OBS__COUNT);
	ck_assert_int_eq(v.verdict, VERDICT_PASS);
	ck_assert_uint_gt(v.unobserved, 0);
}
END_TEST

/*
 * O-01..O-06 presence: a required point that fired is observed, not a
 * passed check; only O-05/O-06's pid comparisons are checks.
 */
START_TEST(test_diff_presence_is_observed)
{
	struct obs o[OBS__COUNT];
	struct tally t;
	const struct rule_tally *r;

	fx_fork(o, 1);
	judge(o, OBS__COUNT);
	ck_assert_int_eq(v.verdict, VERDICT_PASS);
	for (size_t i = 0; i < v.n_checks; i++)
		ck_assert_int_ne(v.checks[i].kind, CHECK_PRESENT);
	ck_assert_uint_eq(v.observed, MODEL_STAGE_BIT(MODEL_STAGE__COUNT) - 1);
	tally_init(&t);
	tally_add(&t, &v);
	r = tally_find(&t, "O-02");
	ck_assert(r && r->observed == 1 && !r->checked && !r->passed);
	ck_assert(rule_tally_exercised(r));
	r = tally_find(&t, "O-05");		/* the pid comparison */
	ck_assert(r && r->observed == 1 && r->checked == 1 && r->passed == 1);
	/* a wrong pid fails O-05: the record is found by its task, not its pid */
	o[OBS_SYS_EXIT].ret.pid = FX_PARENT_PID + 1;
	judge(o, OBS__COUNT);
	assert_flagged_by("O-05");
	fx_fork(o, 1);
	o[OBS_CHILD_RET].ret.pid = FX_PARENT_PID;
	judge(o, OBS__COUNT);
	assert_flagged_by("O-06");
}
END_TEST

/*
 * V-23 and V-43 decided from the counts at entry: a clone that succeeds at
 * the limit is flagged by the rule; the same clone below it passes.
 */
START_TEST(test_diff_limits_decided)
{
	const struct model_profile host = { .major = 6, .minor = 18, .arch = MODEL_ARCH_X86_64,
		.pid_max = 32768, .threads_max = 192724 };
	struct obs o[OBS__COUNT];
	struct obs_task *p = &o[OBS_SYS_ENTER].enter.parent;

	fx_fork(o, 1);
	p->valid |= MODEL_IN_PROC | MODEL_IN_CRED | MODEL_IN_PIDS_CG;
	p->uid = 1000;
	p->cap_effective = 0;
	p->user_ns_level = 0;
	p->pids_headroom = INT64_MAX;
	p->rlim_nproc = 1;
	p->nproc_count = 1;
	judge_prof(&host, o, OBS__COUNT);
	assert_fails_rule("V-23");
	o[OBS_SYS_EXIT].ret.ret = -EAGAIN;
	judge_prof(&host, (struct obs[]){ o[OBS_SYS_ENTER], o[OBS_SYS_EXIT] }, 2);
	ck_assert_int_eq(v.verdict, VERDICT_PASS);
	ck_assert(!v.allowed);
	ck_assert_str_eq(v.checks[0].rule, "V-23");
	/* CAP_SYS_RESOURCE alone exempts it: the same EAGAIN is no longer V-23's */
	p->cap_effective = 1ULL << 24;
	judge_prof(&host, (struct obs[]){ o[OBS_SYS_ENTER], o[OBS_SYS_EXIT] }, 2);
	ck_assert(v.allowed);
	ck_assert_str_ne(v.checks[0].rule, "V-23");
	p->cap_effective = 0;

	fx_fork(o, 2);
	p->valid |= MODEL_IN_PROC | MODEL_IN_CRED | MODEL_IN_PIDS_CG;
	p->uid = 0;
	p->pids_headroom = 0;
	p->pids_counted = 1;
	judge_prof(&host, o, OBS__COUNT);
	assert_fails_rule("V-43");
	p->pids_headroom = 1;
	judge_prof(&host, o, OBS__COUNT);
	ck_assert_int_eq(v.verdict, VERDICT_PASS);

	/* V-39: a 6.14+ pid ns of pid_max 301 with 300 numbers in use */
	fx_fork(o, 3);
	p->valid |= MODEL_IN_PROC | MODEL_IN_NS;
	p->pid_ns_for_children = 0xffff888000100000ULL;
	p->pid_ns_children_pid_max = 301;
	p->pid_ns_children_allocated = (1U << 31) | 300;
	judge_prof(&host, o, OBS__COUNT);
	assert_fails_rule("V-39");
	p->pid_ns_children_allocated = (1U << 31) | 299;
	judge_prof(&host, o, OBS__COUNT);
	ck_assert_int_eq(v.verdict, VERDICT_PASS);
}
END_TEST

/* An allowed errno passes, but counted as allowed: never a decided pass. */
START_TEST(test_diff_allowed_is_counted_apart)
{
	const struct model_profile host = { .major = 6, .minor = 18, .arch = MODEL_ARCH_X86_64,
		.pid_max = 32768, .threads_max = 192724 };
	struct obs o[OBS__COUNT];
	struct tally t;
	const struct rule_tally *r;

	fx_fork(o, 1);
	o[OBS_SYS_EXIT].ret.ret = -EAGAIN;
	judge((struct obs[]){ o[OBS_SYS_ENTER], o[OBS_SYS_EXIT] }, 2);
	ck_assert_int_eq(v.verdict, VERDICT_PASS);
	ck_assert(v.allowed && v.checks[0].allowed);
	tally_init(&t);
	tally_add(&t, &v);
	ck_assert_uint_eq(t.allowed, 1);
	r = tally_find(&t, "V-23");
	ck_assert(r && r->checked == 1 && r->allowed == 1 && !r->passed);
	ck_assert(!rule_tally_exercised(r));
	/* a root fork: RLIMIT_NPROC is not the cause; the pid space is */
	o[OBS_SYS_ENTER].enter.parent.valid |= MODEL_IN_PROC | MODEL_IN_CRED;
	o[OBS_SYS_ENTER].enter.parent.uid = 0;
	judge_prof(&host, (struct obs[]){ o[OBS_SYS_ENTER], o[OBS_SYS_EXIT] }, 2);
	ck_assert_int_eq(v.verdict, VERDICT_PASS);
	ck_assert_str_eq(v.checks[0].rule, "V-39");
	ck_assert(v.allowed);
	/* an errno no cause allows fails */
	o[OBS_SYS_EXIT].ret.ret = -EMFILE;
	o[OBS_SYS_ENTER].enter.parent.valid |= MODEL_IN_FDS;
	o[OBS_SYS_ENTER].enter.parent.fd_top = 64;
	judge_prof(&host, (struct obs[]){ o[OBS_SYS_ENTER], o[OBS_SYS_EXIT] }, 2);
	assert_flagged_by("A.4");
	/* a decided errno is a decided pass */
	fx_sighand_no_vm((struct obs *)o, 1);
	judge(o, 2);
	ck_assert(v.verdict == VERDICT_PASS && !v.allowed && !v.checks[0].allowed);
}
END_TEST

/*
 * a kernel thread's clone_flags were predicted from copy_process()'s
 * own flags and compared with the same flags.  Now from its creator:
 * kthreadd's create_kthread() passes FS|FILES|SIGCHLD, kernel_thread() adds
 * VM|UNTRACED.  Wrong flags, the same at both points, are flagged.
 */
START_TEST(test_diff_kthread_flags_from_creator)
{
	struct obs o[OBS__COUNT];
	bool ok;

	fx_kthread(o, 1);
	judge(o, OBS__COUNT);
	ck_assert_int_eq(v.verdict, VERDICT_PASS);
	ck_assert_uint_ge(checks_of("R-28", &ok), 2);
	o[OBS_COPY_ENTER].copy.kargs.flags &= ~0x800000ull;	/* no CLONE_UNTRACED */
	o[OBS_NEWTASK].tp.clone_flags = o[OBS_COPY_ENTER].copy.kargs.flags;
	judge(o, OBS__COUNT);
	assert_flagged_by("R-28");
}
END_TEST

/* The groups BPF now reads, set on a fork's parent and child. */
static void fx_observed(struct obs o[OBS__COUNT])
{
	struct obs_task *p = &o[OBS_SYS_ENTER].enter.parent;

	p->valid |= MODEL_IN_PROC | MODEL_IN_NS | MODEL_IN_FDS;
	p->nsproxy = 0xffff888000600000ull;
	p->pid_ns_active = p->pid_ns_for_children = 0xffff888000610000ull;
	p->time_ns = p->time_ns_for_children = 0xffff888000620000ull;
	p->uid = 0;
	p->sched_class = 0xffffffff82a00000ull;
	p->sched_task_group = 0xffff888000630000ull;
	p->vruntime = 0x123456789ull;	/* the parent has run */
	p->pid_nr0 = FX_PARENT_PID;
	p->pid_ns_children_allocated = 0x80000000u | 100;
	p->rlim_nofile = 1024;
	p->fs_users = 1;
	p->fd_max = 64;
	p->fd_free = 5;
	p->fd_top = 64;
	for (int i = OBS_NEWTASK; i <= OBS_WAKEUP; i++) {
		struct obs_task *c = &o[i].tp.child;

		c->valid = i == OBS_NEWTASK ? p->valid & ~MODEL_IN_FDS : 0;
		c->nsproxy = p->nsproxy;
		c->pid_ns_active = c->pid_ns_for_children = p->pid_ns_for_children;
		c->time_ns = c->time_ns_for_children = p->time_ns;
		c->sched_class = p->sched_class;
		c->sched_task_group = p->sched_task_group;
		c->pid_nr0 = FX_CHILD_PID;
	}
}

START_TEST(test_diff_pid_numbers_and_class)
{
	/* 6.18 without CONFIG_SCHED_CLASS_EXT: S-06 is decided */
	const struct model_profile noscx = { .major = 6, .minor = 18,
		.arch = MODEL_ARCH_X86_64, .sched_ext = MODEL_CFG_N };
	struct obs o[OBS__COUNT];
	bool ok;

	fx_fork(o, 1);
	fx_observed(o);
	judge_prof(&noscx, o, OBS__COUNT);
	ck_assert_int_eq(v.verdict, VERDICT_PASS);
	ck_assert_uint_eq(checks_of("S-06", &ok), 1);
	ck_assert_uint_eq(checks_of("S-08", &ok), 2);	/* task group, vruntime */
	/* a fair child put in another class */
	o[OBS_NEWTASK].tp.child.sched_class += 0x100;
	judge_prof(&noscx, o, OBS__COUNT);
	assert_flagged_by("S-06");
	/* S-08: another task group; a child placed before its first enqueue */
	fx_fork(o, 1);
	fx_observed(o);
	o[OBS_NEWTASK].tp.child.sched_task_group += 0x1000;
	judge_prof(&noscx, o, OBS__COUNT);
	assert_flagged_by("S-08");
	fx_fork(o, 1);
	fx_observed(o);
	o[OBS_NEWTASK].tp.child.vruntime = o[OBS_SYS_ENTER].enter.parent.vruntime;
	judge_prof(&noscx, o, OBS__COUNT);
	assert_flagged_by("S-08");
	/* the init level's number is not task->pid */
	fx_fork(o, 1);
	fx_observed(o);
	o[OBS_NEWTASK].tp.child.pid_nr0 = FX_CHILD_PID + 1;
	judge_prof(&noscx, o, OBS__COUNT);
	assert_flagged_by("R-24");
	/* from inside a pid ns the parent is told the child's number there */
	fx_fork(o, 1);
	fx_observed(o);
	o[OBS_SYS_ENTER].enter.parent.ns_level = 1;
	o[OBS_SYS_ENTER].enter.parent.pid_ns_children_level = 1;
	o[OBS_NEWTASK].tp.child.ns_level = 1;
	o[OBS_NEWTASK].tp.child.pid_ns_children_level = 1;
	o[OBS_NEWTASK].tp.child.pid_nr0 = 7;
	o[OBS_NEWTASK].tp.child.pid_nr1 = FX_CHILD_PID;
	o[OBS_SYS_EXIT].ret.ret = 7;
	judge_prof(&noscx, o, OBS__COUNT);
	ck_assert_int_eq(v.verdict, VERDICT_PASS);
	ck_assert_uint_eq(checks_of("R-34", &ok), 1);
	o[OBS_SYS_EXIT].ret.ret = FX_CHILD_PID;	/* the global pid leaked */
	judge_prof(&noscx, o, OBS__COUNT);
	assert_flagged_by("R-34");
}
END_TEST

/* clone3(set_tid = {n}) in the init pid ns: the child gets n exactly. */
START_TEST(test_diff_set_tid_number)
{
	struct obs o[OBS__COUNT];
	struct obs_enter *e;
	bool ok;

	fx_fork(o, 1);
	fx_observed(o);
	e = &o[OBS_SYS_ENTER].enter;
	e->entry = OBS_ENTRY_CLONE3;
	e->args[0] = 0x7ffc0000;
	e->args[1] = 88;
	e->uargs[4] = 17;		/* exit_signal */
	e->uargs[8] = 0x7ffc1000;	/* set_tid */
	e->uargs[9] = 1;		/* set_tid_size */
	e->set_tid[0] = FX_CHILD_PID;
	judge(o, OBS__COUNT);
	ck_assert_int_eq(v.verdict, VERDICT_PASS);
	ck_assert_uint_eq(checks_of("R-33", &ok), 1);
	o[OBS_NEWTASK].tp.child.pid_nr0 = FX_CHILD_PID + 3;
	judge(o, OBS__COUNT);
	assert_fails_rule("R-33");
	/* the level's pid ns is owned above the caller's user ns: EPERM (V-38) */
	e->parent.valid |= MODEL_IN_CRED;
	e->parent.pid_ns_owner_rel = 2;
	judge(o, OBS__COUNT);
	assert_fails_rule("V-38");
	o[OBS_SYS_EXIT].ret.ret = -EPERM;
	judge((struct obs[]){ o[OBS_SYS_ENTER], o[OBS_SYS_EXIT] }, 2);
	ck_assert(v.verdict == VERDICT_PASS && !v.allowed);
	ck_assert_str_eq(v.checks[0].rule, "V-38");
}
END_TEST

/* PARENT_SETTID and CHILD_SETTID: the words the kernel wrote. */
START_TEST(test_diff_settid_words)
{
	struct obs o[OBS__COUNT];
	bool ok;

	fx_fork(o, 1);
	fx_observed(o);
	o[OBS_SYS_ENTER].enter.entry = OBS_ENTRY_CLONE;
	o[OBS_SYS_ENTER].enter.args[0] = 0x100000 | 0x1000000 | 17;
	o[OBS_SYS_ENTER].enter.args[2] = 0x601000;	/* parent_tid */
	o[OBS_SYS_ENTER].enter.args[3] = 0x602000;	/* child_tid */
	o[OBS_NEWTASK].tp.clone_flags = 0x100000 | 0x1000000;
	o[OBS_WAKEUP].tp.child.valid |= MODEL_IN_USERMEM;
	o[OBS_WAKEUP].tp.child.parent_tid_val = FX_CHILD_PID;
	o[OBS_CHILD_RET].ret.tid_read = true;
	o[OBS_CHILD_RET].ret.tid_val = FX_CHILD_PID;
	judge(o, OBS__COUNT);
	ck_assert_int_eq(v.verdict, VERDICT_PASS);
	ck_assert_uint_eq(checks_of("R-36", &ok), 1);
	o[OBS_WAKEUP].tp.child.parent_tid_val = 0;	/* never written */
	judge(o, OBS__COUNT);
	assert_flagged_by("R-36");
	o[OBS_WAKEUP].tp.child.parent_tid_val = FX_CHILD_PID;
	o[OBS_CHILD_RET].ret.tid_val = 1;		/* a number of another ns */
	judge(o, OBS__COUNT);
	assert_flagged_by("R-37");
	/* a fault reading it is no observation */
	o[OBS_CHILD_RET].ret.tid_read = false;
	o[OBS_CHILD_RET].ret.tid_fault = true;
	judge(o, OBS__COUNT);
	ck_assert_int_eq(v.verdict, VERDICT_PASS);
}
END_TEST

/* CLONE_VM|CHILD_SETTID: the word is not written before the child runs (O-07). */
START_TEST(test_diff_child_tid_unwritten)
{
	struct obs o[OBS__COUNT];
	bool ok;

	fx_fork(o, 1);
	fx_observed(o);
	o[OBS_SYS_ENTER].enter.entry = OBS_ENTRY_CLONE;
	o[OBS_SYS_ENTER].enter.args[0] = 0x100 | 0x1000000 | 17;	/* VM|CHILD_SETTID */
	o[OBS_SYS_ENTER].enter.args[3] = 0x602000;			/* child_tid */
	o[OBS_SYS_ENTER].enter.parent.child_tid_word = (1ULL << 32) | 5;
	o[OBS_NEWTASK].tp.clone_flags = 0x100 | 0x1000000;
	for (int pt = OBS_NEWTASK; pt <= OBS_WAKEUP; pt++)
		o[pt].tp.child.mm = o[OBS_SYS_ENTER].enter.parent.mm;
	o[OBS_WAKEUP].tp.child.valid |= MODEL_IN_USERMEM;
	o[OBS_WAKEUP].tp.child.child_tid_word = (1ULL << 32) | 5;
	o[OBS_CHILD_RET].ret.tid_read = true;
	o[OBS_CHILD_RET].ret.tid_val = FX_CHILD_PID;
	judge(o, OBS__COUNT);
	ck_assert_int_eq(v.verdict, VERDICT_PASS);
	ck_assert_uint_eq(checks_of("O-07", &ok), 1);
	/* written before the wake-up, as PARENT_SETTID's is */
	o[OBS_WAKEUP].tp.child.child_tid_word = (1ULL << 32) | FX_CHILD_PID;
	judge(o, OBS__COUNT);
	assert_flagged_by("O-07");
	/* a fault reading it at the wake-up is no observation */
	o[OBS_WAKEUP].tp.child.valid &= ~MODEL_IN_USERMEM;
	o[OBS_WAKEUP].tp.child.child_tid_word = 0;
	judge(o, OBS__COUNT);
	ck_assert_int_eq(v.verdict, VERDICT_PASS);
	ck_assert_uint_eq(checks_of("O-07", &ok), 0);
}
END_TEST

/* CLONE_PIDFD: the fd the parent gets; out of fds, EMFILE (V-41). */
START_TEST(test_diff_pidfd)
{
	struct obs o[OBS__COUNT];
	struct obs_task *c;
	bool ok;

	fx_fork(o, 1);
	fx_observed(o);
	o[OBS_SYS_ENTER].enter.entry = OBS_ENTRY_CLONE;
	o[OBS_SYS_ENTER].enter.args[0] = 0x1000 | 17;
	o[OBS_SYS_ENTER].enter.args[2] = 0x601000;
	o[OBS_NEWTASK].tp.clone_flags = 0x1000;
	c = &o[OBS_NEWTASK].tp.child;
	c->valid |= MODEL_IN_PIDFD;
	c->pidfd_nr = 5;
	c->pidfd_cloexec = 1;
	c->pidfd_f_flags = 02;		/* O_RDWR */
	c->pidfd_in_child = 0;
	judge(o, OBS__COUNT);
	ck_assert_int_eq(v.verdict, VERDICT_PASS);
	ck_assert_uint_ge(checks_of("R-39", &ok), 5);
	c->pidfd_nr = 6;		/* not the lowest free fd */
	judge(o, OBS__COUNT);
	assert_flagged_by("R-39");
	c->pidfd_nr = 5;
	c->pidfd_cloexec = 0;
	judge(o, OBS__COUNT);
	assert_flagged_by("R-39");
	c->pidfd_cloexec = 1;
	c->pidfd_in_child = 1;		/* leaked into the child's copy */
	judge(o, OBS__COUNT);
	assert_flagged_by("R-39");
	c->pidfd_in_child = 0;
	c->pidfd_f_flags = 01;		/* O_WRONLY */
	judge(o, OBS__COUNT);
	assert_flagged_by("R-39");
	/* no fd below RLIMIT_NOFILE: EMFILE is decided, success is not */
	c->pidfd_f_flags = 02;
	o[OBS_SYS_ENTER].enter.parent.fd_free = 1024;
	o[OBS_SYS_ENTER].enter.parent.fd_max = 1024;
	judge(o, OBS__COUNT);
	assert_fails_rule("V-41");
	o[OBS_SYS_EXIT].ret.ret = -EMFILE;
	judge((struct obs[]){ o[OBS_SYS_ENTER], o[OBS_SYS_EXIT] }, 2);
	ck_assert(v.verdict == VERDICT_PASS && !v.allowed);
	ck_assert_str_eq(v.checks[0].rule, "V-41");
}
END_TEST

/* a CLONE_VM process marks the mm MMF_MULTIPROCESS before sched_process_fork. */
START_TEST(test_diff_multiprocess_bit)
{
	struct obs o[OBS__COUNT];
	bool ok;

	fx_fork(o, 1);
	o[OBS_SYS_ENTER].enter.parent.valid |= MODEL_IN_MMF;
	o[OBS_FORK].tp.child.valid |= MODEL_IN_MMF;
	judge(o, OBS__COUNT);
	ck_assert_int_eq(v.verdict, VERDICT_PASS);
	ck_assert_uint_eq(checks_of("R-07", &ok), 1);
	o[OBS_FORK].tp.child.mm_flags = 1ull << 26;	/* a fresh mm marked shared */
	judge(o, OBS__COUNT);
	assert_flagged_by("R-07");
}
END_TEST

/*
 * V-22, V-23 and V-24 act before copy_process() calls sched_fork(): a clone
 * seen leaving sched_fork() (fexit/kretprobe) that fails with EAGAIN is no
 * longer allowed under them.  A root fork on a kernel whose threads-max
 * (7620) is below pid_max (32768) but whose pid space cannot fill (32768 >
 * 300 + 4 * 7620), without a pids limit: V-24 is the only cause.
 */
START_TEST(test_diff_alt_before_sched_fork)
{
	const struct model_profile guest = { .major = 7, .minor = 2, .arch = MODEL_ARCH_X86_64,
		.pid_max = 32768, .threads_max = 7620 };
	struct obs o[OBS__COUNT], sf;
	struct obs_task *p = &o[OBS_SYS_ENTER].enter.parent;

	fx_fork(o, 1);
	p->valid |= MODEL_IN_PROC | MODEL_IN_CRED | MODEL_IN_PIDS_CG | MODEL_IN_NS;
	p->uid = 0;
	p->pids_headroom = INT64_MAX;
	p->pid_ns_children_level = 0;	/* the init pid ns: its pid_max, 32768 */
	p->pid_ns_for_children = 0xffff888000100000ULL;
	p->pid_ns_children_allocated = (1U << 31) | 100;
	o[OBS_SYS_EXIT].ret.ret = -EAGAIN;
	judge_prof(&guest, (struct obs[]){ o[OBS_SYS_ENTER], o[OBS_SYS_EXIT] }, 2);
	ck_assert(v.verdict == VERDICT_PASS && v.allowed);
	ck_assert_str_eq(v.checks[0].rule, "V-24");
	/* sched_fork() returned (even with an error): threads-max was passed */
	sf = o[OBS_NEWTASK];
	sf.point = OBS_SCHED_FORK;
	judge_prof(&guest, (struct obs[]){ o[OBS_SYS_ENTER], sf, o[OBS_SYS_EXIT] }, 3);
	ck_assert_msg(v.verdict == VERDICT_MISMATCH, "%s", v.checks[0].rule);
	assert_flagged_by("A.4");
	/* a later cause still allows it: another member of a limited pids cgroup */
	p->pids_headroom = 5;
	p->pids_counted = 2;
	judge_prof(&guest, (struct obs[]){ o[OBS_SYS_ENTER], sf, o[OBS_SYS_EXIT] }, 3);
	ck_assert(v.verdict == VERDICT_PASS && v.allowed);
	ck_assert_str_eq(v.checks[0].rule, "V-43");
	/* the same errno from an earlier rule listed first keeps the later one */
	judge_prof(&guest, (struct obs[]){ o[OBS_SYS_ENTER], o[OBS_SYS_EXIT] }, 2);
	ck_assert_str_eq(v.checks[0].rule, "V-24");
}
END_TEST

/* A pid ns whose init is gone refuses the fork: ENOMEM (V-40). */
START_TEST(test_diff_dying_pid_ns)
{
	struct obs o[OBS__COUNT];

	fx_fork(o, 1);
	fx_observed(o);
	o[OBS_SYS_ENTER].enter.parent.pid_ns_children_allocated = 100;	/* !ADDING */
	judge(o, OBS__COUNT);
	assert_fails_rule("V-40");
	o[OBS_SYS_EXIT].ret.ret = -ENOMEM;
	judge((struct obs[]){ o[OBS_SYS_ENTER], o[OBS_SYS_EXIT] }, 2);
	ck_assert(v.verdict == VERDICT_PASS && !v.allowed);
}
END_TEST


START_TEST(test_diff_ops)
{
	ck_assert(diff_op_holds(MODEL_OP_EQ, 5, 5, 0));
	ck_assert(!diff_op_holds(MODEL_OP_EQ, 5, 6, 0));
	ck_assert(diff_op_holds(MODEL_OP_NE, 5, 6, 0));
	ck_assert(!diff_op_holds(MODEL_OP_NE, 5, 5, 0));
	ck_assert(diff_op_holds(MODEL_OP_NEW, 7, 5, 0));
	ck_assert(!diff_op_holds(MODEL_OP_NEW, 0, 5, 0));
	ck_assert(!diff_op_holds(MODEL_OP_NEW, 5, 5, 0));
	ck_assert(diff_op_holds(MODEL_OP_BITS_SET, 0x44, 0x40, 0));
	ck_assert(!diff_op_holds(MODEL_OP_BITS_SET, 0x4, 0x40, 0));
	ck_assert(diff_op_holds(MODEL_OP_BITS_CLEAR, 0x4, 0x40, 0));
	ck_assert(!diff_op_holds(MODEL_OP_BITS_CLEAR, 0x44, 0x40, 0));
	ck_assert(diff_op_holds(MODEL_OP_IN_MASK, 1, 0x3, 0));
	ck_assert(!diff_op_holds(MODEL_OP_IN_MASK, 2, 0x3, 0));
	ck_assert(!diff_op_holds(MODEL_OP_IN_MASK, 64, -1, 0));
	ck_assert(diff_op_holds(MODEL_OP_EQ_CHILD_PID, 9, 0, 9));
	ck_assert(!diff_op_holds(MODEL_OP_EQ_CHILD_PID, 0, 0, 0));
}
END_TEST

Suite *diff_suite(void)
{
	Suite *s = suite_create("diff");
	TCase *core = tcase_create("Core");
	TCase *mut = tcase_create("Mutations");

	tcase_add_test(core, test_diff_truncated_prediction_incomplete);
	tcase_add_test(core, test_diff_fork_passes);
	tcase_add_test(core, test_diff_thread_passes);
	tcase_add_test(core, test_diff_failure_passes);
	tcase_add_test(core, test_diff_allowed_errno_passes);
	tcase_add_test(core, test_diff_injected_failures);
	tcase_add_test(core, test_diff_error_alternative);
	tcase_add_test(core, test_diff_missing_point_incomplete);
	tcase_add_test(core, test_diff_no_entry_incomplete);
	tcase_add_test(core, test_diff_clone3_unreadable_incomplete);
	tcase_add_test(core, test_diff_ops);
	tcase_add_test(core, test_diff_vfork_order);
	tcase_add_test(core, test_diff_killed_other_order);
	tcase_add_test(core, test_diff_kthread);
	tcase_add_test(core, test_diff_kthread_from_creator);
	tcase_add_test(core, test_diff_io_worker_from_creator);
	tcase_add_test(core, test_diff_lossy_incomplete);
	tcase_add_test(core, test_diff_uclamp_rt_default);
	tcase_add_test(core, test_diff_cut_in_progress);
	tcase_add_test(core, test_diff_cut_child_first_return);
	tcase_add_test(core, test_diff_no_newtask_incomplete);
	tcase_add_loop_test(mut, test_diff_mutation_caught, 0,
			    sizeof(mutations) / sizeof(mutations[0]));
	tcase_add_test(mut, test_diff_invalid_clone_succeeds);
	tcase_add_test(mut, test_diff_x13_frame_from_task);
	tcase_add_test(mut, test_diff_presence_is_observed);
	tcase_add_test(mut, test_diff_allowed_is_counted_apart);
	tcase_add_test(mut, test_diff_alt_before_sched_fork);
	tcase_add_test(mut, test_diff_limits_decided);
	tcase_add_test(mut, test_diff_kthread_flags_from_creator);
	tcase_add_test(mut, test_diff_pid_numbers_and_class);
	tcase_add_test(mut, test_diff_set_tid_number);
	tcase_add_test(mut, test_diff_settid_words);
	tcase_add_test(mut, test_diff_child_tid_unwritten);
	tcase_add_test(mut, test_diff_pidfd);
	tcase_add_test(mut, test_diff_dying_pid_ns);
	tcase_add_test(mut, test_diff_multiprocess_bit);
	tcase_add_test(mut, test_diff_failure_with_tracepoint);
	suite_add_tcase(s, core);
	suite_add_tcase(s, mut);
	return s;
}
