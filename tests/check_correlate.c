// SPDX-License-Identifier: GPL-2.0
/* check_correlate.c - assembly by clone_id: order, duplicates, reuse, loss. */
#include <errno.h>
#include <string.h>

#include "fixture.h"
#include "tests.h"

#define MAX_GOT 8

struct got {
	size_t n;
	struct clone_obs co[MAX_GOT];
	bool complete[MAX_GOT];
};

static void collect(const struct clone_obs *co, bool complete, void *ctx)
{
	struct got *g = ctx;

	if (g->n < MAX_GOT) {
		g->co[g->n] = *co;
		g->complete[g->n] = complete;
	}
	g->n++;
}

static struct correlator *new_corr(struct got *g, bool child_ret)
{
	struct correlator_opts opts = { .points = FX_POINTS, .child_ret_seen = child_ret };

	memset(g, 0, sizeof(*g));
	return correlator__new(&opts, collect, g);
}

START_TEST(test_correlate_success_needs_every_point)
{
	struct obs o[OBS__COUNT];
	struct got g;
	struct correlator *c = new_corr(&g, true);

	fx_fork(o, 1);
	for (int p = 0; p < OBS__COUNT; p++)
		if (fx_is_point(&o[p]) && p != OBS_CHILD_RET)
			ck_assert_int_eq(correlator__push(c, &o[p]), 0);
	ck_assert_uint_eq(g.n, 0); /* child's own exit still missing */
	ck_assert_int_eq(correlator__push(c, &o[OBS_CHILD_RET]), 0);
	ck_assert_uint_eq(g.n, 1);
	ck_assert(g.complete[0]);
	ck_assert_uint_eq(g.co[0].seen, FX_POINTS);
	ck_assert_uint_eq(g.co[0].newtask.child.pid, FX_CHILD_PID);
	ck_assert_uint_eq(correlator__stats(c)->complete, 1);
	correlator__free(c);
}
END_TEST

START_TEST(test_correlate_arm64_needs_no_child_ret)
{
	struct obs o[OBS__COUNT];
	struct got g;
	struct correlator *c = new_corr(&g, false);

	fx_fork(o, 1);
	for (int p = 0; p < OBS__COUNT; p++)
		if (fx_is_point(&o[p]) && p != OBS_CHILD_RET)
			correlator__push(c, &o[p]);
	ck_assert_uint_eq(g.n, 1);
	ck_assert(g.complete[0]);
	correlator__free(c);
}
END_TEST

START_TEST(test_correlate_failure_completes_at_exit)
{
	struct obs o[2];
	struct got g;
	struct correlator *c = new_corr(&g, true);

	fx_sighand_no_vm(o, 5);
	correlator__push(c, &o[0]);
	ck_assert_uint_eq(g.n, 0);
	correlator__push(c, &o[1]);
	ck_assert_uint_eq(g.n, 1);
	ck_assert(g.complete[0]);
	ck_assert_int_eq(g.co[0].exit.ret, -EINVAL);
	correlator__free(c);
}
END_TEST

START_TEST(test_correlate_out_of_order)
{
	static const int order[] = { OBS_CHILD_RET, OBS_FIRST_RUN, OBS_WAKEUP, OBS_SYS_EXIT,
				     OBS_NEWTASK, OBS_FORK, OBS_SYS_ENTER };
	struct obs o[OBS__COUNT];
	struct got g;
	struct correlator *c = new_corr(&g, true);

	fx_fork(o, 9);
	for (size_t i = 0; i < 7; i++)
		correlator__push(c, &o[order[i]]);
	ck_assert_uint_eq(g.n, 1);
	ck_assert(g.complete[0]);
	ck_assert_uint_eq(g.co[0].clone_id, 9);
	correlator__free(c);
}
END_TEST

START_TEST(test_correlate_duplicate_counted)
{
	struct obs o[OBS__COUNT];
	struct got g;
	struct correlator *c = new_corr(&g, true);

	fx_fork(o, 1);
	correlator__push(c, &o[OBS_SYS_ENTER]);
	correlator__push(c, &o[OBS_NEWTASK]);
	o[OBS_NEWTASK].tp.child.pid = 999; /* the repeat must not overwrite */
	correlator__push(c, &o[OBS_NEWTASK]);
	ck_assert_uint_eq(correlator__stats(c)->dups, 1);
	correlator__flush(c);
	ck_assert_uint_eq(g.n, 1);
	ck_assert(!g.complete[0]);
	ck_assert_uint_eq(g.co[0].dups, 1);
	ck_assert_uint_eq(g.co[0].newtask.child.pid, FX_CHILD_PID);
	correlator__free(c);
}
END_TEST

/* Two clones whose children got the same pid stay apart: ids, not pids. */
START_TEST(test_correlate_pid_reuse)
{
	struct obs a[OBS__COUNT], b[OBS__COUNT];
	struct got g;
	struct correlator *c = new_corr(&g, true);

	fx_fork(a, 1);
	fx_fork(b, 2);
	b[OBS_NEWTASK].tp.child.mm = 0xabc000;
	for (int p = 0; p < OBS__COUNT; p++) {
		if (!fx_is_point(&a[p]))
			continue;
		correlator__push(c, &a[p]);
		correlator__push(c, &b[p]);
	}
	ck_assert_uint_eq(g.n, 2);
	ck_assert_uint_eq(g.co[0].clone_id, 1);
	ck_assert_uint_eq(g.co[1].clone_id, 2);
	ck_assert_uint_ne(g.co[0].newtask.child.mm, 0xabc000);
	ck_assert_uint_eq(g.co[1].newtask.child.mm, 0xabc000);
	correlator__free(c);
}
END_TEST

/*
 * A node handed on is kept for the next clone (correlate.c: node_clear()):
 * the next clone must see nothing of the previous one, i.e. exactly what a
 * fresh correlator assembles from the same records.
 */
START_TEST(test_correlate_reused_node_is_clean)
{
	struct obs a[OBS__COUNT], b[OBS__COUNT];
	struct got g, fresh;
	struct correlator *c = new_corr(&g, true), *f = new_corr(&fresh, true);

	fx_fork(a, 1);
	fx_fork(b, 2);
	/* clone 1: every point, the optional first run while it is open */
	correlator__push(c, &a[OBS_SYS_ENTER]);
	if (fx_is_point(&a[OBS_FIRST_RUN]))
		correlator__push(c, &a[OBS_FIRST_RUN]);
	for (int p = OBS_SYS_ENTER + 1; p < OBS__COUNT; p++)
		if (fx_is_point(&a[p]) && p != OBS_FIRST_RUN)
			correlator__push(c, &a[p]);
	ck_assert_uint_eq(g.n, 1);
	ck_assert(g.co[0].seen & OBS_BIT(OBS_FORK));
	/* clone 2, in the node clone 1 left: its entry and task_newtask only */
	correlator__push(c, &b[OBS_SYS_ENTER]);
	correlator__push(c, &b[OBS_NEWTASK]);
	correlator__flush(c);
	correlator__push(f, &b[OBS_SYS_ENTER]);
	correlator__push(f, &b[OBS_NEWTASK]);
	correlator__flush(f);
	ck_assert_uint_eq(g.n, 2);
	ck_assert_uint_eq(fresh.n, 1);
	ck_assert_msg(!memcmp(&g.co[1], &fresh.co[0], sizeof(g.co[1])),
		      "reused node carries clone 1's observations");
	correlator__free(c);
	correlator__free(f);
}
END_TEST

START_TEST(test_correlate_flush_hands_on_incomplete)
{
	struct obs o[OBS__COUNT];
	struct got g;
	struct correlator *c = new_corr(&g, true);

	fx_fork(o, 4);
	correlator__push(c, &o[OBS_SYS_ENTER]);
	correlator__push(c, &o[OBS_NEWTASK]);
	ck_assert_uint_eq(g.n, 0);
	correlator__flush(c);
	ck_assert_uint_eq(g.n, 1);
	ck_assert(!g.complete[0]);
	ck_assert_uint_eq(correlator__stats(c)->incomplete, 1);
	correlator__flush(c); /* nothing left */
	ck_assert_uint_eq(g.n, 1);
	correlator__free(c);
}
END_TEST

START_TEST(test_correlate_bounded_pending)
{
	struct correlator_opts opts = { .child_ret_seen = true, .max_pending = 2 };
	struct obs o[OBS__COUNT];
	struct got g = {};
	struct correlator *c = correlator__new(&opts, collect, &g);

	for (uint64_t id = 1; id <= 3; id++) {
		fx_fork(o, id);
		correlator__push(c, &o[OBS_SYS_ENTER]);
	}
	/* the oldest was handed on, incomplete, to make room */
	ck_assert_uint_eq(g.n, 1);
	ck_assert_uint_eq(g.co[0].clone_id, 1);
	ck_assert(!g.complete[0]);
	ck_assert_uint_eq(correlator__stats(c)->evicted, 1);
	correlator__free(c);
}
END_TEST

START_TEST(test_correlate_bad_point)
{
	struct obs o;
	struct got g;
	struct correlator *c = new_corr(&g, true);

	memset(&o, 0, sizeof(o));
	o.point = OBS__COUNT;
	ck_assert_int_eq(correlator__push(c, &o), -EINVAL);
	correlator__free(c);
}
END_TEST

START_TEST(test_correlate_kernel_thread_points)
{
	struct obs o[OBS__COUNT];
	struct got g;
	struct correlator *c = new_corr(&g, true);

	fx_fork(o, 3);
	for (int p = OBS_NEWTASK; p <= OBS_WAKEUP; p++) {
		o[p].tp.entry = OBS_ENTRY_NONE;
		correlator__push(c, &o[p]);
	}
	/* complete at its wake-up: the first run is never waited for */
	ck_assert_uint_eq(g.n, 1);
	ck_assert(g.complete[0]);
	ck_assert(!(g.co[0].seen & OBS_BIT(OBS_FIRST_RUN)));
	/* ... and when it comes after, it is counted, not a clone of its own */
	correlator__push(c, &o[OBS_FIRST_RUN]);
	correlator__flush(c);
	ck_assert_uint_eq(g.n, 1);
	ck_assert_uint_eq(correlator__stats(c)->late, 1);
	correlator__free(c);
}
END_TEST

/* fentry/kprobe backends: a success also needs the kernel-function points. */
START_TEST(test_correlate_function_points)
{
	struct correlator_opts opts = { .points = FX_POINTS | OBS_POINTS_FUNCTIONS,
					.child_ret_seen = true };
	struct obs o[OBS__COUNT];
	struct got g = {};
	struct correlator *c = correlator__new(&opts, collect, &g);

	fx_fork(o, 1);
	for (int p = 0; p < OBS__COUNT; p++)
		if (fx_is_point(&o[p]))
			correlator__push(c, &o[p]);
	ck_assert_uint_eq(g.n, 0);
	fx_add_functions(o);
	for (int p = OBS_COPY_ENTER; p < OBS_CLONE_EXIT; p++)
		correlator__push(c, &o[p]);
	ck_assert_uint_eq(g.n, 0);
	correlator__push(c, &o[OBS_CLONE_EXIT]);
	ck_assert_uint_eq(g.n, 1);
	ck_assert(g.complete[0]);
	ck_assert_int_eq(g.co[0].clone_exit.ret, FX_CHILD_PID);
	correlator__free(c);
}
END_TEST

/* An io_uring worker has no sched_process_fork and no kernel_clone exit (O-03). */
START_TEST(test_correlate_io_worker)
{
	struct correlator_opts opts = { .points = FX_POINTS | OBS_POINTS_FUNCTIONS,
					.child_ret_seen = true };
	struct obs o[OBS__COUNT];
	struct got g = {};
	struct correlator *c = correlator__new(&opts, collect, &g);

	fx_fork(o, 1);
	fx_add_functions(o);
	o[OBS_COPY_ENTER].copy.entry = OBS_ENTRY_NONE;
	o[OBS_COPY_ENTER].copy.kargs.io_thread = true;
	o[OBS_NEWTASK].tp.entry = OBS_ENTRY_NONE;
	correlator__push(c, &o[OBS_COPY_ENTER]);
	correlator__push(c, &o[OBS_SCHED_FORK]);
	correlator__push(c, &o[OBS_NEWTASK]);
	correlator__push(c, &o[OBS_COPY_EXIT]);
	ck_assert_uint_eq(g.n, 0);
	correlator__push(c, &o[OBS_WAKEUP]);
	ck_assert_uint_eq(g.n, 1);
	ck_assert(g.complete[0]);
	correlator__free(c);
}
END_TEST

Suite *correlate_suite(void)
{
	Suite *s = suite_create("correlate");
	TCase *core = tcase_create("Core");
	TCase *loss = tcase_create("Loss");

	tcase_add_test(core, test_correlate_success_needs_every_point);
	tcase_add_test(core, test_correlate_arm64_needs_no_child_ret);
	tcase_add_test(core, test_correlate_failure_completes_at_exit);
	tcase_add_test(core, test_correlate_out_of_order);
	tcase_add_test(core, test_correlate_pid_reuse);
	tcase_add_test(core, test_correlate_reused_node_is_clean);
	tcase_add_test(core, test_correlate_kernel_thread_points);
	tcase_add_test(core, test_correlate_function_points);
	tcase_add_test(core, test_correlate_io_worker);
	tcase_add_test(loss, test_correlate_duplicate_counted);
	tcase_add_test(loss, test_correlate_flush_hands_on_incomplete);
	tcase_add_test(loss, test_correlate_bounded_pending);
	tcase_add_test(loss, test_correlate_bad_point);
	suite_add_tcase(s, core);
	suite_add_tcase(s, loss);
	return s;
}
