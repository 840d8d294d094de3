// SPDX-License-Identifier: GPL-2.0
/*
 * check_diff.c - the differ, and mutation tests: each doctored observation
 * must be flagged as a mismatch by exactly the rule it breaks.
 */
#include <errno.h>
#include <string.h>

#include "fixture.h"
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
	o[OBS_CHILD_RET].ts_ns = o[OBS_SYS_EXIT].ts_ns + 1;
	judge(o, OBS__COUNT);
	assert_flagged_by("R-04");
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
	tcase_add_test(core, test_diff_error_alternative);
	tcase_add_test(core, test_diff_missing_point_incomplete);
	tcase_add_test(core, test_diff_no_entry_incomplete);
	tcase_add_test(core, test_diff_clone3_unreadable_incomplete);
	tcase_add_test(core, test_diff_ops);
	tcase_add_test(core, test_diff_vfork_order);
	tcase_add_test(core, test_diff_kthread);
	tcase_add_test(core, test_diff_lossy_incomplete);
	tcase_add_test(core, test_diff_cut_in_progress);
	tcase_add_test(core, test_diff_no_newtask_incomplete);
	tcase_add_loop_test(mut, test_diff_mutation_caught, 0,
			    sizeof(mutations) / sizeof(mutations[0]));
	tcase_add_test(mut, test_diff_invalid_clone_succeeds);
	tcase_add_test(mut, test_diff_failure_with_tracepoint);
	suite_add_tcase(s, core);
	suite_add_tcase(s, mut);
	return s;
}
