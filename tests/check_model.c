// SPDX-License-Identifier: GPL-2.0
/*
 * check_model.c - unit tests of the reference model (model/) against the
 * rules of the rule catalogue (kernel-clone-rules.md), each rule both ways: the
 * branch where it applies and the other branch.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "model.h"
#include "clone_flags.h"
#include "pred.h"
#include "stages.h"

/* ----------------------------------------------------------- fixtures */

static const struct model_profile P618 = { .major = 6, .minor = 18, .arch = MODEL_ARCH_X86_64 };
static const struct model_profile P618_ARM = { .major = 6, .minor = 18, .arch = MODEL_ARCH_ARM64 };
static const struct model_profile P612_ARM = { .major = 6, .minor = 12, .arch = MODEL_ARCH_ARM64 };
static const struct model_profile P61 = { .major = 6, .minor = 1, .arch = MODEL_ARCH_X86_64 };
static const struct model_profile P510 = { .major = 5, .minor = 10, .arch = MODEL_ARCH_X86_64 };
/* 6.18 with 4-level paging known: V-04's access_ok limit is decided. */
static const struct model_profile P618_4L = { .major = 6, .minor = 18,
	.arch = MODEL_ARCH_X86_64, .task_size_max = MODEL_X86_TASK_SIZE_MAX_4L };
static const struct model_profile P72 = { .major = 7, .minor = 2, .arch = MODEL_ARCH_X86_64 };

#define PF_RANDOMIZE	0x00400000u	/* inherited as-is */

/* A plain user task: SCHED_NORMAL nice 0, 4 CPUs, init pid ns. */
static struct model_task parent_task(void)
{
	struct model_task t = {
		.pid = 1000, .tgid = 990, .real_parent_pid = 900, .ns_level = 0,
		.mm = 0x1000, .files = 0x2000, .fs = 0x3000,
		.sighand = 0x4000, .signal = 0x5000,
		.state = MODEL_TASK_RUNNING, .on_rq = 1, .exit_signal = 17,
		.flags = PF_RANDOMIZE | MODEL_PF_SUPERPRIV | MODEL_PF_FORKNOEXEC,
		.signal_flags = 0, .group_exit_signal = 10,
		.policy = MODEL_SCHED_NORMAL, .prio = 120, .static_prio = 120,
		.normal_prio = 120, .rt_priority = 0, .reset_on_fork = 0,
		.cpu = 1, .nr_cpus_allowed = 4, .cpus_mask = 0xf0, .ret = 0,
	};
	return t;
}

static struct model_syscall sc_fork(void)
{
	struct model_syscall sc = { .entry = MODEL_ENTRY_FORK };
	return sc;
}

/* Legacy clone in x86_64 order: (flags, newsp, ptid, ctid, tls). */
static struct model_syscall sc_clone(uint64_t flags)
{
	struct model_syscall sc = { .entry = MODEL_ENTRY_CLONE,
		.arg = { flags, 0x7ff000, 0x601000, 0x602000, 0x603000 } };
	return sc;
}

/* clone3 with a VER2 struct holding @flags, everything else zero. */
static struct model_syscall sc_clone3(uint64_t flags)
{
	struct model_syscall sc = { .entry = MODEL_ENTRY_CLONE3,
		.arg = { 0x500000, MODEL_CLONE_ARGS_SIZE_VER2 } };
	sc.uargs.flags = flags;
	return sc;
}

static struct model_pred pred;		/* too big for the stack comfortably */

static const struct model_pred *predict(const struct model_profile *prof,
					const struct model_task *parent,
					const struct model_syscall *sc)
{
	model_kernel_clone(prof, parent, sc, &pred);
	return &pred;
}

static const struct model_pred *predict_default(const struct model_syscall *sc)
{
	struct model_task p = parent_task();

	return predict(&P618, &p, sc);
}

/* The expectation of @rule at @stage on @field, or NULL. */
static const struct model_expect *find_expect(const struct model_pred *p,
					      const char *rule,
					      enum model_stage stage,
					      enum model_field field)
{
	size_t i;

	for (i = 0; i < p->n_expect; i++) {
		const struct model_expect *e = &p->expect[i];

		if (!strcmp(e->rule, rule) && e->stage == stage && e->field == field)
			return e;
	}
	return NULL;
}

/* The expectation of @rule at @stage on @field with operator @op, or NULL. */
static const struct model_expect *find_expect_op(const struct model_pred *p,
						 const char *rule,
						 enum model_stage stage,
						 enum model_field field,
						 enum model_op op)
{
	size_t i;

	for (i = 0; i < p->n_expect; i++) {
		const struct model_expect *e = &p->expect[i];

		if (!strcmp(e->rule, rule) && e->stage == stage &&
		    e->field == field && e->op == op)
			return e;
	}
	return NULL;
}

/* Any expectation on @field at @stage, whatever the rule. */
static bool has_field(const struct model_pred *p, enum model_stage stage,
		      enum model_field field)
{
	size_t i;

	for (i = 0; i < p->n_expect; i++)
		if (p->expect[i].stage == stage && p->expect[i].field == field)
			return true;
	return false;
}

/* The rule of alternative @err, or NULL if @err is not allowed. */
static const char *alt_rule(const struct model_pred *p, int err)
{
	size_t i;

	for (i = 0; i < p->n_alt; i++)
		if (p->alt[i].err == err)
			return p->alt[i].rule;
	return NULL;
}

/* The same once sched_fork() was seen to return (src/diff.c:alt_rule()). */
static const char *alt_rule_past_sched_fork(const struct model_pred *p, int err)
{
	size_t i;

	for (i = 0; i < p->n_alt; i++)
		if (p->alt[i].err == err && !p->alt[i].before_sched_fork)
			return p->alt[i].rule;
	return NULL;
}

#define ASSERT_OK(p) \
	ck_assert_msg((p)->err == 0, "err: got %d (%s), want success", \
		      (p)->err, (p)->err_rule ? (p)->err_rule : "-")

#define ASSERT_ERR(p, e, r) do { \
	ck_assert_msg((p)->err == (e), "err: got %d, want %d", (p)->err, (e)); \
	ck_assert_ptr_nonnull((p)->err_rule); \
	ck_assert_str_eq((p)->err_rule, (r)); \
} while (0)

/* Assert an expectation exists with @op and @value. */
#define ASSERT_EXPECT(p, rule, stage, field, op_, value_) do { \
	const struct model_expect *e_ = find_expect_op(p, rule, stage, field, op_); \
	ck_assert_msg(e_ != NULL, "missing %s %s %s op %d", rule, \
		      model_stage_name(stage), model_field_name(field), op_); \
	ck_assert_msg(e_->value == (int64_t)(value_), "%s %s: value %lld, want %lld", \
		      rule, model_field_name(field), (long long)e_->value, \
		      (long long)(value_)); \
} while (0)

/* ------------------------------------------------ A.1 entry points */

START_TEST(test_model_fork_builds_sigchld_args)
{
	struct model_syscall sc = sc_fork();
	const struct model_pred *p = predict_default(&sc);

	ASSERT_OK(p);
	ck_assert_uint_eq(p->kargs.flags, 0);
	ck_assert_int_eq(p->kargs.exit_signal, MODEL_SIGCHLD);
	ASSERT_EXPECT(p, "R-25", MODEL_STAGE_NEWTASK, MODEL_FIELD_EXIT_SIGNAL,
		      MODEL_OP_EQ, MODEL_SIGCHLD);
}
END_TEST

START_TEST(test_model_vfork_builds_vfork_vm_args)
{
	struct model_syscall sc = { .entry = MODEL_ENTRY_VFORK };
	const struct model_pred *p = predict_default(&sc);

	ASSERT_OK(p);
	ck_assert_uint_eq(p->kargs.flags, MODEL_CLONE_VFORK | MODEL_CLONE_VM);
	ck_assert_int_eq(p->kargs.exit_signal, MODEL_SIGCHLD);
	ASSERT_EXPECT(p, "R-02", MODEL_STAGE_NEWTASK, MODEL_FIELD_MM,
		      MODEL_OP_EQ, 0x1000);
}
END_TEST

START_TEST(test_model_fork_vfork_missing_on_arm64)
{
	struct model_task t = parent_task();
	struct model_syscall f = sc_fork();
	struct model_syscall v = { .entry = MODEL_ENTRY_VFORK };

	ASSERT_ERR(predict(&P618_ARM, &t, &f), -MODEL_ENOSYS, "V-01");
	ASSERT_ERR(predict(&P618_ARM, &t, &v), -MODEL_ENOSYS, "V-02");
	ASSERT_OK(predict(&P618, &t, &v));
}
END_TEST

START_TEST(test_model_unknown_entry_is_enosys)
{
	struct model_syscall sc = { .entry = (enum model_entry)42 };
	struct model_kargs k;
	const char *rule = NULL;

	ck_assert_int_eq(model_sys_entry(&P618, &sc, &k, &rule), -MODEL_ENOSYS);
	ck_assert_str_eq(rule, "V-01");
}
END_TEST

START_TEST(test_model_clone_x86_64_argument_order)
{
	struct model_syscall sc = sc_clone(MODEL_CLONE_SETTLS | MODEL_SIGCHLD);
	const struct model_pred *p = predict_default(&sc);

	ASSERT_OK(p);
	ck_assert_uint_eq(p->kargs.stack, 0x7ff000);
	ck_assert_uint_eq(p->kargs.parent_tid, 0x601000);
	ck_assert_uint_eq(p->kargs.child_tid, 0x602000);
	ck_assert_uint_eq(p->kargs.tls, 0x603000);
	ck_assert_uint_eq(p->kargs.stack_size, 0);
	ck_assert_uint_eq(p->kargs.set_tid, 0);
	ck_assert_uint_eq(p->kargs.cgroup, 0);
}
END_TEST

START_TEST(test_model_clone_arm64_backwards_argument_order)
{
	struct model_task t = parent_task();
	struct model_syscall sc = sc_clone(MODEL_CLONE_SETTLS | MODEL_SIGCHLD);
	const struct model_pred *p = predict(&P618_ARM, &t, &sc);

	ASSERT_OK(p);
	ck_assert_uint_eq(p->kargs.parent_tid, 0x601000);
	ck_assert_uint_eq(p->kargs.tls, 0x602000);
	ck_assert_uint_eq(p->kargs.child_tid, 0x603000);
}
END_TEST

START_TEST(test_model_clone_pidfd_is_parent_tid_pointer)
{
	struct model_syscall sc = sc_clone(MODEL_CLONE_PIDFD | MODEL_SIGCHLD);
	const struct model_pred *p = predict_default(&sc);

	ASSERT_OK(p);
	ck_assert_uint_eq(p->kargs.pidfd, p->kargs.parent_tid);
	ck_assert_uint_eq(p->kargs.pidfd, 0x601000);
}
END_TEST

START_TEST(test_model_clone_drops_upper_flag_bits)
{
	/* CLEAR_SIGHAND and INTO_CGROUP are unreachable through clone(). */
	struct model_syscall sc = sc_clone(0xffffffff00000000ULL |
					   MODEL_CLONE_FILES | MODEL_SIGCHLD);
	const struct model_pred *p = predict_default(&sc);

	ASSERT_OK(p);
	ck_assert_uint_eq(p->kargs.flags, MODEL_CLONE_FILES);
	/* INTO_CGROUP dropped: R-42 is still predicted. */
	ck_assert_ptr_nonnull(find_expect(p, "R-42", MODEL_STAGE_NEWTASK,
					  MODEL_FIELD_CPUS_MASK));
}
END_TEST

START_TEST(test_model_clone_exit_signal_is_low_byte_unchecked)
{
	/* 0xff: not a valid signal, stored as-is; 0x80 is not NEWTIME here. */
	struct model_syscall sc = sc_clone(0xffULL);
	const struct model_pred *p = predict_default(&sc);

	ASSERT_OK(p);
	ck_assert_uint_eq(p->kargs.flags, 0);
	ck_assert_int_eq(p->kargs.exit_signal, 0xff);
	ASSERT_EXPECT(p, "R-25", MODEL_STAGE_NEWTASK, MODEL_FIELD_EXIT_SIGNAL,
		      MODEL_OP_EQ, 0xff);
	ck_assert_ptr_null(alt_rule(p, -MODEL_EPERM));	/* no NEWTIME */
}
END_TEST

START_TEST(test_model_clone_detached_alone_ignored)
{
	struct model_syscall sc = sc_clone(MODEL_CLONE_DETACHED | MODEL_SIGCHLD);

	ASSERT_OK(predict_default(&sc));
}
END_TEST

/* ------------------------------------------------ A.1 V-04 clone3 */

struct clone3_case {
	const char *name;
	uint64_t size;
	struct model_clone_args_user a;
	bool fault, tail, set_tid_fault;
	int err;		/* 0 = success */
};

#define BIG_STACK_X86	((1ULL << 47) - 4096)

static const struct clone3_case clone3_cases[] = {
	/* step 1 */
	{ "size > PAGE_SIZE", 4097, { 0 }, false, false, false, -MODEL_E2BIG },
	{ "size > PAGE_SIZE beats a fault", 8192, { 0 }, true, true, false,
	  -MODEL_E2BIG },
	{ "size == PAGE_SIZE, zero tail", 4096, { 0 }, false, false, false, 0 },
	/* step 2 */
	{ "size < VER0", 63, { 0 }, false, false, false, -MODEL_EINVAL },
	{ "size 0", 0, { 0 }, true, false, false, -MODEL_EINVAL },
	{ "size == VER0", 64, { 0 }, false, false, false, 0 },
	/* step 3 */
	{ "non-zero tail", 96, { 0 }, false, true, false, -MODEL_E2BIG },
	{ "non-zero tail beats struct fault", 96, { 0 }, true, true, false,
	  -MODEL_E2BIG },
	{ "tail flag ignored when size == 88", 88, { 0 }, false, true, false, 0 },
	{ "struct fault", 88, { 0 }, true, false, false, -MODEL_EFAULT },
	{ "struct fault beats bad flags", 88, { .flags = 1ULL << 40 }, true,
	  false, false, -MODEL_EFAULT },
	/* step 4 */
	{ "set_tid_size 33", 88, { .set_tid = 0x9000, .set_tid_size = 33 },
	  false, false, false, -MODEL_EINVAL },
	{ "set_tid_size 32", 88, { .set_tid = 0x9000, .set_tid_size = 32 },
	  false, false, false, 0 },
	/* step 5, 6 */
	{ "set_tid_size without set_tid", 88, { .set_tid_size = 1 },
	  false, false, false, -MODEL_EINVAL },
	{ "set_tid without set_tid_size", 88, { .set_tid = 0x9000 },
	  false, false, false, -MODEL_EINVAL },
	/* step 7 */
	{ "exit_signal 65", 88, { .exit_signal = 65 }, false, false, false,
	  -MODEL_EINVAL },
	{ "exit_signal 64", 88, { .exit_signal = 64 }, false, false, false, 0 },
	{ "exit_signal 0", 88, { .exit_signal = 0 }, false, false, false, 0 },
	{ "exit_signal high bits", 88, { .exit_signal = (1ULL << 32) | 17 },
	  false, false, false, -MODEL_EINVAL },
	/* step 8 */
	{ "cgroup > INT_MAX", 88, { .flags = MODEL_CLONE_INTO_CGROUP,
	  .cgroup = 0x80000000ULL }, false, false, false, -MODEL_EINVAL },
	{ "INTO_CGROUP with VER1 size", 80, { .flags = MODEL_CLONE_INTO_CGROUP,
	  .cgroup = 3 }, false, false, false, -MODEL_EINVAL },
	{ "INTO_CGROUP fd 3", 88, { .flags = MODEL_CLONE_INTO_CGROUP,
	  .cgroup = 3 }, false, false, false, 0 },
	{ "cgroup ignored without INTO_CGROUP", 88, { .cgroup = 1ULL << 40 },
	  false, false, false, 0 },
	/* step 9 */
	{ "set_tid copy faults", 88, { .set_tid = 0x9000, .set_tid_size = 1 },
	  false, false, true, -MODEL_EFAULT },
	{ "set_tid fault beats unknown flag", 88, { .flags = 1ULL << 40,
	  .set_tid = 0x9000, .set_tid_size = 1 }, false, false, true,
	  -MODEL_EFAULT },
	{ "exit_signal EINVAL beats set_tid fault", 88, { .exit_signal = 65,
	  .set_tid = 0x9000, .set_tid_size = 1 }, false, false, true,
	  -MODEL_EINVAL },
	{ "set_tid fault without set_tid ignored", 88, { 0 }, false, false,
	  true, 0 },
	/* step 10a */
	{ "unknown flag bit 34", 88, { .flags = 1ULL << 34 }, false, false,
	  false, -MODEL_EINVAL },
	/* step 10b */
	{ "DETACHED", 88, { .flags = MODEL_CLONE_DETACHED }, false, false,
	  false, -MODEL_EINVAL },
	{ "CSIGNAL bit in flags", 88, { .flags = MODEL_SIGCHLD }, false, false,
	  false, -MODEL_EINVAL },
	{ "NEWTIME accepted", 88, { .flags = MODEL_CLONE_NEWTIME }, false,
	  false, false, 0 },
	/* step 10c */
	{ "SIGHAND with CLEAR_SIGHAND", 88, { .flags = MODEL_CLONE_SIGHAND |
	  MODEL_CLONE_VM | MODEL_CLONE_CLEAR_SIGHAND }, false, false, false,
	  -MODEL_EINVAL },
	{ "CLEAR_SIGHAND alone", 88, { .flags = MODEL_CLONE_CLEAR_SIGHAND },
	  false, false, false, 0 },
	/* step 10d */
	{ "PARENT with exit_signal", 88, { .flags = MODEL_CLONE_PARENT,
	  .exit_signal = 17 }, false, false, false, -MODEL_EINVAL },
	{ "PARENT without exit_signal", 88, { .flags = MODEL_CLONE_PARENT },
	  false, false, false, 0 },
	/* step 10e */
	{ "stack 0 with size", 88, { .stack_size = 4096 }, false, false, false,
	  -MODEL_EINVAL },
	{ "stack without size", 88, { .stack = 0x10000 }, false, false, false,
	  -MODEL_EINVAL },
	{ "stack range wraps", 88, { .stack = ~0ULL - 10, .stack_size = 4096 },
	  false, false, false, -MODEL_EINVAL },
	{ "stack end past user limit", 88, { .stack = BIG_STACK_X86 - 4096,
	  .stack_size = 8192 }, false, false, false, -MODEL_EINVAL },
	{ "stack end at user limit", 88, { .stack = BIG_STACK_X86 - 8192,
	  .stack_size = 8192 }, false, false, false, 0 },
	{ "VM with stack 0 accepted", 88, { .flags = MODEL_CLONE_VM }, false,
	  false, false, 0 },
};

START_TEST(test_model_clone3_validation_steps)
{
	const struct clone3_case *c = &clone3_cases[_i];
	struct model_task t = parent_task();
	struct model_syscall sc = sc_clone3(0);
	const struct model_pred *p;

	sc.arg[1] = c->size;
	sc.uargs = c->a;
	sc.uargs_fault = c->fault;
	sc.uargs_tail_nonzero = c->tail;
	sc.set_tid_fault = c->set_tid_fault;
	p = predict(&P618_4L, &t, &sc);
	ck_assert_msg(p->err == c->err, "%s: err %d, want %d", c->name, p->err,
		      c->err);
	if (c->err)
		ck_assert_msg(p->err_rule && !strcmp(p->err_rule, "V-04"),
			      "%s: rule %s", c->name, p->err_rule);
}
END_TEST

START_TEST(test_model_clone3_short_struct_zero_filled)
{
	/* Garbage past size 64 is never read: set_tid checks see zeros. */
	struct model_syscall sc = sc_clone3(0);
	const struct model_pred *p;

	sc.arg[1] = MODEL_CLONE_ARGS_SIZE_VER0;
	sc.uargs.set_tid_size = 99;
	sc.uargs.cgroup = 1ULL << 40;
	p = predict_default(&sc);
	ASSERT_OK(p);
	ck_assert_uint_eq(p->kargs.set_tid_size, 0);
	ck_assert_uint_eq(p->kargs.cgroup, 0);

	/* The same bytes inside size 88 are read and rejected. */
	sc.arg[1] = MODEL_CLONE_ARGS_SIZE_VER2;
	ASSERT_ERR(predict_default(&sc), -MODEL_EINVAL, "V-04");
}
END_TEST

START_TEST(test_model_clone3_stack_moved_to_top)
{
	struct model_syscall sc = sc_clone3(MODEL_CLONE_VM);
	const struct model_pred *p;

	sc.uargs.stack = 0x10000;
	sc.uargs.stack_size = 0x2000;
	p = predict_default(&sc);
	ASSERT_OK(p);
	ck_assert_uint_eq(p->kargs.stack, 0x12000);
	ck_assert_uint_eq(p->kargs.stack_size, 0x2000);
}
END_TEST

START_TEST(test_model_clone3_user_limit_per_arch)
{
	/*
	 * access_ok()'s limit is TASK_SIZE_MAX of the paging mode
	 * #3): a stack ending above the 4-level limit is accepted by a
	 * 5-level x86_64 host and refused by a 4-level one; unknown paging:
	 * accepted with V-04's EINVAL allowed.  arm64: 1 << VA_BITS.
	 */
	struct model_profile p5l = P618, arm48 = P618_ARM, arm52 = P618_ARM;
	struct model_task t = parent_task();
	struct model_syscall sc = sc_clone3(0);
	const struct model_pred *p;

	p5l.task_size_max = MODEL_X86_TASK_SIZE_MAX_5L;
	arm48.task_size_max = 1ULL << 48;
	arm52.task_size_max = 1ULL << 52;
	sc.uargs.stack = 0x7ffffffff000ULL;	/* end 0x800000000000 */
	sc.uargs.stack_size = 4096;
	ASSERT_ERR(predict(&P618_4L, &t, &sc), -MODEL_EINVAL, "V-04");
	p = predict(&p5l, &t, &sc);
	ASSERT_OK(p);
	ck_assert_ptr_null(alt_rule(p, -MODEL_EINVAL));
	p = predict(&P618, &t, &sc);
	ASSERT_OK(p);
	ck_assert_str_eq(alt_rule(p, -MODEL_EINVAL), "V-04");
	sc.uargs.stack = MODEL_X86_TASK_SIZE_MAX_5L;	/* past any limit */
	ASSERT_ERR(predict(&P618, &t, &sc), -MODEL_EINVAL, "V-04");
	ASSERT_ERR(predict(&p5l, &t, &sc), -MODEL_EINVAL, "V-04");

	/* arm64: 2^48 is inside a 48-bit VA, 2^48 + 1 is not, 52-bit takes it */
	sc.uargs.stack = (1ULL << 48) - 4096;
	ASSERT_OK(predict(&arm48, &t, &sc));
	p = predict(&P618_ARM, &t, &sc);
	ASSERT_OK(p);
	ck_assert_ptr_null(alt_rule(p, -MODEL_EINVAL));
	sc.uargs.stack_size = 4097;
	ASSERT_ERR(predict(&arm48, &t, &sc), -MODEL_EINVAL, "V-04");
	ASSERT_OK(predict(&arm52, &t, &sc));
	p = predict(&P618_ARM, &t, &sc);
	ASSERT_OK(p);
	ck_assert_str_eq(alt_rule(p, -MODEL_EINVAL), "V-04");
	sc.uargs.stack = 1ULL << 52;
	ASSERT_ERR(predict(&arm52, &t, &sc), -MODEL_EINVAL, "V-04");
	ASSERT_ERR(predict(&P618_ARM, &t, &sc), -MODEL_EINVAL, "V-04");
}
END_TEST

START_TEST(test_model_clone3_copies_fields)
{
	struct model_syscall sc = sc_clone3(MODEL_CLONE_PIDFD |
					    MODEL_CLONE_CHILD_SETTID);
	const struct model_pred *p;

	sc.uargs.pidfd = 0x1111;
	sc.uargs.child_tid = 0x2222;
	sc.uargs.parent_tid = 0x3333;
	sc.uargs.exit_signal = 10;
	sc.uargs.tls = 0x4444;
	sc.uargs.set_tid = 0x5555;
	sc.uargs.set_tid_size = 2;
	p = predict_default(&sc);
	ASSERT_OK(p);
	ck_assert_uint_eq(p->kargs.flags, MODEL_CLONE_PIDFD |
			  MODEL_CLONE_CHILD_SETTID);
	ck_assert_uint_eq(p->kargs.pidfd, 0x1111);
	ck_assert_uint_eq(p->kargs.child_tid, 0x2222);
	ck_assert_uint_eq(p->kargs.parent_tid, 0x3333);
	ck_assert_int_eq(p->kargs.exit_signal, 10);
	ck_assert_uint_eq(p->kargs.tls, 0x4444);
	ck_assert_uint_eq(p->kargs.set_tid, 0x5555);
	ck_assert_uint_eq(p->kargs.set_tid_size, 2);
	ASSERT_EXPECT(p, "R-25", MODEL_STAGE_NEWTASK, MODEL_FIELD_EXIT_SIGNAL,
		      MODEL_OP_EQ, 10);
}
END_TEST

START_TEST(test_model_clone3_newtime_per_profile)
{
	/* E-13 / X-7: accepted on 6.18 and 6.12; 6.1 assumed >= 6.1.20. */
	struct model_task t = parent_task();
	struct model_syscall sc = sc_clone3(MODEL_CLONE_NEWTIME);

	ASSERT_OK(predict(&P618, &t, &sc));
	ASSERT_OK(predict(&P612_ARM, &t, &sc));
	ASSERT_OK(predict(&P61, &t, &sc));
	ck_assert_str_eq(alt_rule(&pred, -MODEL_EPERM), "V-34");
}
END_TEST

START_TEST(test_model_sys_entry_rule_optional)
{
	struct model_syscall sc = sc_clone3(MODEL_CLONE_DETACHED);
	struct model_kargs k;
	const char *rule = "stale";

	ck_assert_int_eq(model_sys_entry(&P618, &sc, &k, NULL), -MODEL_EINVAL);
	sc = sc_fork();
	ck_assert_int_eq(model_sys_entry(&P618, &sc, &k, &rule), 0);
	ck_assert_ptr_null(rule);
}
END_TEST

/* ------------------------------------------- A.2-A.4 precedence */

START_TEST(test_model_a4_clone3_thread_exit_signal_einval)
{
	const uint64_t f = MODEL_CLONE_THREAD | MODEL_CLONE_SIGHAND |
			   MODEL_CLONE_VM;
	struct model_syscall sc = sc_clone3(f);
	const struct model_pred *p;

	sc.uargs.exit_signal = MODEL_SIGCHLD;
	p = predict_default(&sc);
	ASSERT_ERR(p, -MODEL_EINVAL, "V-04");
	ck_assert_uint_eq(p->n_expect, 0);

	/* Same through clone(): succeeds, exit signal ignored (R-25). */
	sc = sc_clone(f | MODEL_SIGCHLD);
	p = predict_default(&sc);
	ASSERT_OK(p);
	ck_assert_int_eq(p->kargs.exit_signal, MODEL_SIGCHLD);
	ASSERT_EXPECT(p, "R-25", MODEL_STAGE_NEWTASK, MODEL_FIELD_EXIT_SIGNAL,
		      MODEL_OP_EQ, -1);
}
END_TEST

START_TEST(test_model_a4_clone3_newuser_fs_v11)
{
	struct model_syscall sc = sc_clone3(MODEL_CLONE_NEWUSER | MODEL_CLONE_FS);
	const struct model_pred *p = predict_default(&sc);

	ASSERT_ERR(p, -MODEL_EINVAL, "V-11");
	ck_assert_uint_eq(p->n_alt, 0);	/* decided before any user-ns limit */
}
END_TEST

START_TEST(test_model_a4_clone_pidfd_parent_settid_v05)
{
	struct model_syscall sc = sc_clone(MODEL_CLONE_PIDFD |
					   MODEL_CLONE_PARENT_SETTID |
					   MODEL_SIGCHLD);
	const struct model_pred *p = predict_default(&sc);

	ASSERT_ERR(p, -MODEL_EINVAL, "V-05");
	/* V-05 (kernel_clone) comes before copy_process()'s V-10. */
	sc.arg[0] |= MODEL_CLONE_NEWNS | MODEL_CLONE_FS;
	ASSERT_ERR(predict_default(&sc), -MODEL_EINVAL, "V-05");
}
END_TEST

START_TEST(test_model_v05_clone3_only_same_pointer)
{
	struct model_syscall sc = sc_clone3(MODEL_CLONE_PIDFD |
					    MODEL_CLONE_PARENT_SETTID);

	sc.uargs.pidfd = 0x8000;
	sc.uargs.parent_tid = 0x8000;
	ASSERT_ERR(predict_default(&sc), -MODEL_EINVAL, "V-05");
	sc.uargs.parent_tid = 0x8004;
	ASSERT_OK(predict_default(&sc));
	/* PIDFD alone through clone() is fine. */
	sc = sc_clone(MODEL_CLONE_PIDFD | MODEL_SIGCHLD);
	ASSERT_OK(predict_default(&sc));
}
END_TEST

START_TEST(test_model_a4_e2big_before_everything)
{
	struct model_syscall sc = sc_clone3(MODEL_CLONE_NEWUSER | MODEL_CLONE_FS |
					    MODEL_CLONE_DETACHED);

	sc.arg[1] = 4104;
	sc.uargs_fault = true;
	sc.set_tid_fault = true;
	sc.uargs.exit_signal = 99;
	ASSERT_ERR(predict_default(&sc), -MODEL_E2BIG, "V-04");
}
END_TEST

START_TEST(test_model_a4_clone3_checks_before_copy_process)
{
	/* NEWNS|FS (V-10) with DETACHED (V-04.10b): clone3 rule wins. */
	struct model_syscall sc = sc_clone3(MODEL_CLONE_NEWNS | MODEL_CLONE_FS |
					    MODEL_CLONE_DETACHED);

	ASSERT_ERR(predict_default(&sc), -MODEL_EINVAL, "V-04");
	sc.uargs.flags &= ~MODEL_CLONE_DETACHED;
	ASSERT_ERR(predict_default(&sc), -MODEL_EINVAL, "V-10");
}
END_TEST

/* One copy_process() flag case: flags, parent signal_flags, profile, rule. */
struct flag_case {
	const char *name;
	uint64_t flags;
	uint32_t signal_flags;
	const struct model_profile *prof;
	const char *rule;	/* NULL: accepted */
};

#define TSV (MODEL_CLONE_THREAD | MODEL_CLONE_SIGHAND | MODEL_CLONE_VM)

static const struct flag_case flag_cases[] = {
	{ "V-10 NEWNS|FS", MODEL_CLONE_NEWNS | MODEL_CLONE_FS, 0, &P618, "V-10" },
	{ "V-10 NEWNS alone", MODEL_CLONE_NEWNS, 0, &P618, NULL },
	{ "V-10 FS alone", MODEL_CLONE_FS, 0, &P618, NULL },
	{ "V-11 NEWUSER|FS", MODEL_CLONE_NEWUSER | MODEL_CLONE_FS, 0, &P618,
	  "V-11" },
	{ "V-11 NEWUSER alone", MODEL_CLONE_NEWUSER, 0, &P618, NULL },
	{ "V-12 THREAD|VM", MODEL_CLONE_THREAD | MODEL_CLONE_VM, 0, &P618,
	  "V-12" },
	{ "V-12 THREAD|SIGHAND|VM", TSV, 0, &P618, NULL },
	{ "V-13 SIGHAND", MODEL_CLONE_SIGHAND, 0, &P618, "V-13" },
	{ "V-13 SIGHAND|VM", MODEL_CLONE_SIGHAND | MODEL_CLONE_VM, 0, &P618,
	  NULL },
	{ "V-14 PARENT from init", MODEL_CLONE_PARENT, MODEL_SIGNAL_UNKILLABLE,
	  &P618, "V-14" },
	{ "V-14 PARENT from non-init", MODEL_CLONE_PARENT, 0, &P618, NULL },
	{ "V-14 THREAD from init", TSV, MODEL_SIGNAL_UNKILLABLE, &P618, NULL },
	{ "V-15 THREAD|NEWPID", TSV | MODEL_CLONE_NEWPID, 0, &P618, "V-15" },
	{ "V-15 THREAD|NEWUSER", TSV | MODEL_CLONE_NEWUSER, 0, &P618, "V-15" },
	{ "V-15 NEWPID without THREAD", MODEL_CLONE_NEWPID, 0, &P618, NULL },
	{ "V-17 PIDFD|DETACHED", MODEL_CLONE_PIDFD | MODEL_CLONE_DETACHED, 0,
	  &P618, "V-17" },
	{ "V-17 PIDFD|THREAD 6.18", TSV | MODEL_CLONE_PIDFD, 0, &P618, NULL },
	{ "V-17 PIDFD|THREAD 6.12", TSV | MODEL_CLONE_PIDFD, 0, &P612_ARM,
	  NULL },
	{ "V-17 PIDFD|THREAD 6.1", TSV | MODEL_CLONE_PIDFD, 0, &P61, "V-17" },
	{ "V-17 PIDFD|THREAD 5.10", TSV | MODEL_CLONE_PIDFD, 0, &P510, "V-17" },
	{ "V-17 DETACHED without PIDFD", MODEL_CLONE_DETACHED, 0, &P618, NULL },
	/* order: first failing check in copy_process() wins */
	{ "V-10 before V-12", MODEL_CLONE_NEWNS | MODEL_CLONE_FS |
	  MODEL_CLONE_THREAD, 0, &P618, "V-10" },
	{ "V-11 before V-15", TSV | MODEL_CLONE_NEWUSER | MODEL_CLONE_FS, 0,
	  &P618, "V-11" },
	{ "V-12 before V-13", MODEL_CLONE_THREAD, 0, &P618, "V-12" },
	{ "V-13 before V-14", MODEL_CLONE_SIGHAND | MODEL_CLONE_PARENT,
	  MODEL_SIGNAL_UNKILLABLE, &P618, "V-13" },
	{ "V-14 before V-15", TSV | MODEL_CLONE_PARENT | MODEL_CLONE_NEWPID,
	  MODEL_SIGNAL_UNKILLABLE, &P618, "V-14" },
	{ "V-15 before V-17", TSV | MODEL_CLONE_NEWPID | MODEL_CLONE_PIDFD |
	  MODEL_CLONE_DETACHED, 0, &P618, "V-15" },
};

START_TEST(test_model_copy_process_flag_checks)
{
	const struct flag_case *c = &flag_cases[_i];
	struct model_task t = parent_task();
	struct model_kargs k = { .flags = c->flags };
	const char *rule = "stale";
	int err;

	t.signal_flags = c->signal_flags;
	err = model_copy_process_checks(c->prof, &t, &k, &rule);
	if (c->rule) {
		ck_assert_msg(err == -MODEL_EINVAL, "%s: err %d", c->name, err);
		ck_assert_msg(rule && !strcmp(rule, c->rule), "%s: rule %s",
			      c->name, rule ? rule : "NULL");
	} else {
		ck_assert_msg(err == 0, "%s: err %d (%s)", c->name, err, rule);
		ck_assert_ptr_null(rule);
	}
	ck_assert_int_eq(model_copy_process_checks(c->prof, &t, &k, NULL), err);
}
END_TEST

START_TEST(test_model_flag_check_through_kernel_clone)
{
	/* Legacy clone with a copy_process() failure: no child stages. */
	struct model_syscall sc = sc_clone(MODEL_CLONE_SIGHAND | MODEL_SIGCHLD);
	const struct model_pred *p = predict_default(&sc);

	ASSERT_ERR(p, -MODEL_EINVAL, "V-13");
	ck_assert_str_eq(p->stages_rule, "A.4");
	ck_assert_uint_eq(p->stages_required,
			  MODEL_STAGE_BIT(MODEL_STAGE_SYS_ENTER) |
			  MODEL_STAGE_BIT(MODEL_STAGE_SYS_EXIT));
	ck_assert_uint_eq(p->stages_forbidden,
			  MODEL_STAGE_BIT(MODEL_STAGE_NEWTASK) |
			  MODEL_STAGE_BIT(MODEL_STAGE_FORK) |
			  MODEL_STAGE_BIT(MODEL_STAGE_WAKEUP) |
			  MODEL_STAGE_BIT(MODEL_STAGE_CHILD_RET));
	ck_assert_uint_eq(p->n_expect, 0);
	ck_assert_uint_eq(p->n_alt, 0);
}
END_TEST

START_TEST(test_model_success_stages_per_arch)
{
	struct model_task t = parent_task();
	struct model_syscall sc = sc_clone(MODEL_SIGCHLD);
	const uint32_t base = MODEL_STAGE_BIT(MODEL_STAGE_SYS_ENTER) |
			      MODEL_STAGE_BIT(MODEL_STAGE_NEWTASK) |
			      MODEL_STAGE_BIT(MODEL_STAGE_FORK) |
			      MODEL_STAGE_BIT(MODEL_STAGE_WAKEUP) |
			      MODEL_STAGE_BIT(MODEL_STAGE_SYS_EXIT);
	const struct model_pred *p = predict(&P618, &t, &sc);

	ASSERT_OK(p);
	ck_assert_ptr_null(p->err_rule);
	ck_assert_uint_eq(p->stages_required,
			  base | MODEL_STAGE_BIT(MODEL_STAGE_CHILD_RET));
	ck_assert_uint_eq(p->stages_forbidden, 0);
	ASSERT_EXPECT(p, "R-35", MODEL_STAGE_CHILD_RET, MODEL_FIELD_RET,
		      MODEL_OP_EQ, 0);

	/* X-12: arm64 never emits the child's syscall exit. */
	p = predict(&P618_ARM, &t, &sc);
	ASSERT_OK(p);
	ck_assert_uint_eq(p->stages_required, base);
	ck_assert(!has_field(p, MODEL_STAGE_CHILD_RET, MODEL_FIELD_RET));
}
END_TEST

/* --------------------------------------------- environmental alternatives */

START_TEST(test_model_alts_plain_fork)
{
	struct model_syscall sc = sc_fork();
	const struct model_pred *p = predict_default(&sc);

	ASSERT_OK(p);
	ck_assert_uint_eq(p->n_alt, 6);
	ck_assert_str_eq(alt_rule(p, -MODEL_ERESTARTNOINTR), "V-20");
	ck_assert_str_eq(alt_rule(p, -MODEL_ENOMEM), "V-21");
	ck_assert_str_eq(alt_rule(p, -MODEL_EAGAIN), "V-23");
	/* V-23 acts before sched_fork(); a later EAGAIN cause is listed after it */
	ck_assert_str_eq(alt_rule_past_sched_fork(p, -MODEL_EAGAIN), "V-39");
	ck_assert_str_eq(alt_rule_past_sched_fork(p, -MODEL_ENOMEM), "V-21"); /* any step */
	ck_assert_str_eq(alt_rule(p, -MODEL_EMFILE), "V-30");	/* nr_open */
	ck_assert_str_eq(alt_rule(p, -MODEL_EINTR), "V-47");
	ck_assert_ptr_null(alt_rule(p, -MODEL_EBADF));
	ck_assert_ptr_null(alt_rule(p, -MODEL_EPERM));
	ck_assert_ptr_null(alt_rule(p, -MODEL_ENOSPC));
}
END_TEST

START_TEST(test_model_alts_pidfd_emfile)
{
	struct model_syscall sc = sc_clone(MODEL_CLONE_PIDFD | MODEL_CLONE_FILES |
					   MODEL_SIGCHLD);
	const struct model_pred *p = predict_default(&sc);

	ASSERT_OK(p);
	ck_assert_str_eq(alt_rule(p, -MODEL_EMFILE), "V-41");
	ck_assert_str_eq(alt_rule(p, -MODEL_EFAULT), "V-41");
	ck_assert_str_eq(alt_rule(p, -MODEL_ENFILE), "V-41");
	/* Without CLONE_FILES copy_files() can give EMFILE first. */
	sc = sc_clone(MODEL_CLONE_PIDFD | MODEL_SIGCHLD);
	p = predict_default(&sc);
	ck_assert_str_eq(alt_rule(p, -MODEL_EMFILE), "V-30");
	sc = sc_clone(MODEL_SIGCHLD);
	p = predict_default(&sc);
	ck_assert_ptr_null(alt_rule(p, -MODEL_EFAULT));
}
END_TEST

START_TEST(test_model_alts_namespaces)
{
	struct model_syscall sc = sc_clone(MODEL_CLONE_NEWNET | MODEL_SIGCHLD);
	const struct model_pred *p = predict_default(&sc);

	ASSERT_OK(p);
	ck_assert_str_eq(alt_rule(p, -MODEL_EPERM), "V-34");
	ck_assert_str_eq(alt_rule(p, -MODEL_ENOSPC), "V-34");
	ck_assert_ptr_null(alt_rule(p, -MODEL_EINVAL));

	/* NEWUSER alone: create_user_ns (V-22), no new nsproxy. */
	sc = sc_clone(MODEL_CLONE_NEWUSER | MODEL_SIGCHLD);
	p = predict_default(&sc);
	ASSERT_OK(p);
	ck_assert_str_eq(alt_rule(p, -MODEL_EPERM), "V-22");
	ck_assert_str_eq(alt_rule(p, -MODEL_ENOSPC), "V-22");

	/* NEWPID: EINVAL when pid_ns_for_children differs (V-34). */
	sc = sc_clone(MODEL_CLONE_NEWPID | MODEL_SIGCHLD);
	p = predict_default(&sc);
	ASSERT_OK(p);
	ck_assert_str_eq(alt_rule(p, -MODEL_EINVAL), "V-34");
}
END_TEST

START_TEST(test_model_alts_set_tid)
{
	struct model_syscall sc = sc_clone3(0);
	const struct model_pred *p;

	sc.uargs.set_tid = 0x9000;
	sc.uargs.set_tid_size = 1;
	p = predict_default(&sc);
	ASSERT_OK(p);
	ck_assert_str_eq(alt_rule(p, -MODEL_EEXIST), "V-38");
	ck_assert_str_eq(alt_rule(p, -MODEL_EINVAL), "V-37");	/* level unknown */
	ck_assert_str_eq(alt_rule(p, -MODEL_EPERM), "V-38");
}
END_TEST

START_TEST(test_model_alts_fit_and_unique)
{
	/* Every source of alternatives at once: 8 distinct errnos. */
	struct model_syscall sc = sc_clone3(MODEL_CLONE_PIDFD | MODEL_CLONE_NEWUSER |
					    MODEL_CLONE_NEWPID | MODEL_CLONE_NEWNET);
	const struct model_pred *p;
	size_t i, j;

	sc.uargs.set_tid = 0x9000;
	sc.uargs.set_tid_size = 2;
	p = predict_default(&sc);
	ASSERT_OK(p);
	ck_assert_uint_eq(p->n_alt, 14);
	/* one entry per errno, or two: one bound before sched_fork(), then one not */
	for (i = 0; i < p->n_alt; i++)
		for (j = i + 1; j < p->n_alt; j++)
			ck_assert(p->alt[i].err != p->alt[j].err ||
				  (p->alt[i].before_sched_fork && !p->alt[j].before_sched_fork));
	ck_assert_str_eq(alt_rule(p, -MODEL_EPERM), "V-22");
	ck_assert_str_eq(alt_rule(p, -MODEL_EINVAL), "V-34");
}
END_TEST

START_TEST(test_model_v34_newipc_sysvsem_never_succeeds)
{
	/* Unprivileged: EPERM; privileged: EINVAL (A.4 example). */
	struct model_syscall sc = sc_clone(MODEL_CLONE_NEWIPC | MODEL_CLONE_SYSVSEM |
					   MODEL_SIGCHLD);
	const struct model_pred *p = predict_default(&sc);

	ASSERT_ERR(p, -MODEL_EINVAL, "V-34");
	ck_assert_str_eq(alt_rule(p, -MODEL_EPERM), "V-34");
	ck_assert_ptr_null(alt_rule(p, -MODEL_ENOSPC));	/* comes later */
	ck_assert_uint_eq(p->n_expect, 0);
	ck_assert_uint_eq(p->stages_forbidden & MODEL_STAGE_BIT(MODEL_STAGE_NEWTASK),
			  MODEL_STAGE_BIT(MODEL_STAGE_NEWTASK));

	/* Either flag alone succeeds. */
	sc = sc_clone(MODEL_CLONE_NEWIPC | MODEL_SIGCHLD);
	ASSERT_OK(predict_default(&sc));
	sc = sc_clone(MODEL_CLONE_SYSVSEM | MODEL_SIGCHLD);
	p = predict_default(&sc);
	ASSERT_OK(p);
	ck_assert_ptr_null(alt_rule(p, -MODEL_EPERM));
}
END_TEST

/* ------------------------------------------------------ V-27 / S- rules */

START_TEST(test_model_v27_deadline_parent_eagain)
{
	struct model_task t = parent_task();
	struct model_syscall sc = sc_fork();
	const struct model_pred *p;

	t.policy = MODEL_SCHED_DEADLINE;
	t.prio = t.normal_prio = -1;
	t.static_prio = 120;
	p = predict(&P618, &t, &sc);
	ASSERT_ERR(p, -MODEL_EAGAIN, "V-27");
	ck_assert_str_eq(p->stages_rule, "A.4");
	/* Earlier environmental failures are still possible. */
	ck_assert_str_eq(alt_rule(p, -MODEL_ERESTARTNOINTR), "V-20");
	ck_assert_str_eq(alt_rule(p, -MODEL_ENOMEM), "V-21");
	ck_assert_ptr_null(alt_rule(p, -MODEL_EAGAIN));	/* that is err */

	/* V-27 comes after copy_process()'s flag checks. */
	sc = sc_clone(MODEL_CLONE_SIGHAND | MODEL_SIGCHLD);
	ASSERT_ERR(predict(&P618, &t, &sc), -MODEL_EINVAL, "V-13");
}
END_TEST

START_TEST(test_model_v27_deadline_with_reset_on_fork_ok)
{
	struct model_task t = parent_task();
	struct model_syscall sc = sc_fork();
	const struct model_pred *p;

	t.policy = MODEL_SCHED_DEADLINE;
	t.prio = t.normal_prio = -1;
	t.reset_on_fork = 1;
	p = predict(&P618, &t, &sc);
	ASSERT_OK(p);
	ASSERT_EXPECT(p, "S-04", MODEL_STAGE_NEWTASK, MODEL_FIELD_POLICY,
		      MODEL_OP_EQ, MODEL_SCHED_NORMAL);
	ASSERT_EXPECT(p, "S-04", MODEL_STAGE_NEWTASK, MODEL_FIELD_PRIO,
		      MODEL_OP_EQ, 120);
}
END_TEST

START_TEST(test_model_v27_pi_boosted_parent_forks)
{
	/* Boosted by a DL task: prio -1 but normal_prio 120 (S-02, S-12). */
	struct model_task t = parent_task();
	struct model_syscall sc = sc_fork();
	const struct model_pred *p;

	t.prio = -1;
	p = predict(&P618, &t, &sc);
	ASSERT_OK(p);
	ASSERT_EXPECT(p, "S-02", MODEL_STAGE_NEWTASK, MODEL_FIELD_PRIO,
		      MODEL_OP_EQ, 120);
	ASSERT_EXPECT(p, "S-02", MODEL_STAGE_WAKEUP, MODEL_FIELD_PRIO,
		      MODEL_OP_EQ, 120);
}
END_TEST

START_TEST(test_model_s01_s07_s10_state_and_on_rq)
{
	struct model_syscall sc = sc_fork();
	const struct model_pred *p = predict_default(&sc);

	ASSERT_OK(p);
	ASSERT_EXPECT(p, "S-01", MODEL_STAGE_NEWTASK, MODEL_FIELD_STATE,
		      MODEL_OP_EQ, MODEL_TASK_NEW);
	ASSERT_EXPECT(p, "S-01", MODEL_STAGE_FORK, MODEL_FIELD_STATE,
		      MODEL_OP_EQ, 0x800);
	ASSERT_EXPECT(p, "S-01", MODEL_STAGE_WAKEUP, MODEL_FIELD_STATE,
		      MODEL_OP_EQ, MODEL_TASK_RUNNING);
	ASSERT_EXPECT(p, "S-07", MODEL_STAGE_NEWTASK, MODEL_FIELD_ON_RQ,
		      MODEL_OP_EQ, 0);
	ASSERT_EXPECT(p, "S-07", MODEL_STAGE_FORK, MODEL_FIELD_ON_RQ,
		      MODEL_OP_EQ, 0);
	ASSERT_EXPECT(p, "S-10", MODEL_STAGE_WAKEUP, MODEL_FIELD_ON_RQ,
		      MODEL_OP_EQ, 1);
}
END_TEST

START_TEST(test_model_s02_inherits_scheduling)
{
	struct model_task t = parent_task();
	struct model_syscall sc = sc_fork();
	const struct model_pred *p;

	t.policy = MODEL_SCHED_FIFO;
	t.rt_priority = 10;
	t.static_prio = 110;
	t.normal_prio = 100 - 1 - 10;
	t.prio = 5;			/* boosted: must not leak */
	p = predict(&P618, &t, &sc);
	ASSERT_OK(p);
	ASSERT_EXPECT(p, "S-02", MODEL_STAGE_NEWTASK, MODEL_FIELD_PRIO,
		      MODEL_OP_EQ, 89);
	ASSERT_EXPECT(p, "S-02", MODEL_STAGE_NEWTASK, MODEL_FIELD_POLICY,
		      MODEL_OP_EQ, MODEL_SCHED_FIFO);
	ASSERT_EXPECT(p, "S-02", MODEL_STAGE_NEWTASK, MODEL_FIELD_STATIC_PRIO,
		      MODEL_OP_EQ, 110);
	ASSERT_EXPECT(p, "S-02", MODEL_STAGE_NEWTASK, MODEL_FIELD_NORMAL_PRIO,
		      MODEL_OP_EQ, 89);
	ASSERT_EXPECT(p, "S-02", MODEL_STAGE_NEWTASK, MODEL_FIELD_RT_PRIORITY,
		      MODEL_OP_EQ, 10);
	ASSERT_EXPECT(p, "S-02", MODEL_STAGE_WAKEUP, MODEL_FIELD_PRIO,
		      MODEL_OP_EQ, 89);
	ASSERT_EXPECT(p, "S-04", MODEL_STAGE_NEWTASK, MODEL_FIELD_RESET_ON_FORK,
		      MODEL_OP_EQ, 0);
	ck_assert_ptr_null(find_expect(p, "S-04", MODEL_STAGE_NEWTASK,
				       MODEL_FIELD_POLICY));
}
END_TEST

/* S-04: parent (policy, static, normal, rt) -> child (policy, static, prio, rt). */
struct reset_case {
	const char *name;
	uint32_t policy;
	int32_t static_prio, normal_prio;
	uint32_t rt_priority;
	uint32_t c_policy;
	int32_t c_static, c_prio;
	uint32_t c_rt;
};

static const struct reset_case reset_cases[] = {
	{ "FIFO", MODEL_SCHED_FIFO, 120, 49, 50, MODEL_SCHED_NORMAL, 120, 120, 0 },
	{ "RR nice -5", MODEL_SCHED_RR, 115, 98, 1, MODEL_SCHED_NORMAL, 120, 120,
	  0 },
	{ "DEADLINE", MODEL_SCHED_DEADLINE, 120, -1, 0, MODEL_SCHED_NORMAL, 120,
	  120, 0 },
	{ "NORMAL nice -5", MODEL_SCHED_NORMAL, 115, 115, 0, MODEL_SCHED_NORMAL,
	  120, 120, 0 },
	{ "NORMAL nice 5", MODEL_SCHED_NORMAL, 125, 125, 0, MODEL_SCHED_NORMAL,
	  125, 125, 0 },
	{ "BATCH nice -20", MODEL_SCHED_BATCH, 100, 100, 0, MODEL_SCHED_BATCH,
	  120, 120, 0 },
	{ "IDLE nice 19", MODEL_SCHED_IDLE, 139, 139, 0, MODEL_SCHED_IDLE, 139,
	  139, 0 },
	{ "EXT nice 0", MODEL_SCHED_EXT, 120, 120, 0, MODEL_SCHED_EXT, 120, 120,
	  0 },
};

START_TEST(test_model_s04_reset_on_fork)
{
	const struct reset_case *c = &reset_cases[_i];
	struct model_task t = parent_task();
	struct model_syscall sc = sc_fork();
	const struct model_pred *p;

	t.policy = c->policy;
	t.static_prio = c->static_prio;
	t.normal_prio = t.prio = c->normal_prio;
	t.rt_priority = c->rt_priority;
	t.reset_on_fork = 1;
	p = predict(&P618, &t, &sc);
	ck_assert_msg(p->err == 0, "%s: err %d", c->name, p->err);
	ASSERT_EXPECT(p, "S-04", MODEL_STAGE_NEWTASK, MODEL_FIELD_POLICY,
		      MODEL_OP_EQ, c->c_policy);
	ASSERT_EXPECT(p, "S-04", MODEL_STAGE_NEWTASK, MODEL_FIELD_STATIC_PRIO,
		      MODEL_OP_EQ, c->c_static);
	ASSERT_EXPECT(p, "S-04", MODEL_STAGE_NEWTASK, MODEL_FIELD_NORMAL_PRIO,
		      MODEL_OP_EQ, c->c_prio);
	ASSERT_EXPECT(p, "S-04", MODEL_STAGE_NEWTASK, MODEL_FIELD_PRIO,
		      MODEL_OP_EQ, c->c_prio);
	ASSERT_EXPECT(p, "S-04", MODEL_STAGE_WAKEUP, MODEL_FIELD_PRIO,
		      MODEL_OP_EQ, c->c_prio);
	ASSERT_EXPECT(p, "S-04", MODEL_STAGE_NEWTASK, MODEL_FIELD_RT_PRIORITY,
		      MODEL_OP_EQ, c->c_rt);
	ASSERT_EXPECT(p, "S-04", MODEL_STAGE_NEWTASK, MODEL_FIELD_RESET_ON_FORK,
		      MODEL_OP_EQ, 0);
	ck_assert_ptr_null(find_expect(p, "S-02", MODEL_STAGE_NEWTASK,
				       MODEL_FIELD_PRIO));
}
END_TEST

START_TEST(test_model_s10_cpu_in_parent_mask)
{
	struct model_task t = parent_task();
	struct model_syscall sc = sc_fork();
	const struct model_pred *p = predict(&P618, &t, &sc);

	ASSERT_EXPECT(p, "S-10", MODEL_STAGE_WAKEUP, MODEL_FIELD_CPU,
		      MODEL_OP_IN_MASK, 0xf0);

	/* Not checkable: empty snapshot, > 64 CPUs, mask beyond 64 bits. */
	t.cpus_mask = 0;
	ck_assert(!has_field(predict(&P618, &t, &sc), MODEL_STAGE_WAKEUP,
			     MODEL_FIELD_CPU));
	t = parent_task();
	t.nr_cpus_allowed = 65;
	ck_assert(!has_field(predict(&P618, &t, &sc), MODEL_STAGE_WAKEUP,
			     MODEL_FIELD_CPU));
	t = parent_task();
	t.nr_cpus_allowed = 5;		/* one allowed CPU above 63 */
	ck_assert(!has_field(predict(&P618, &t, &sc), MODEL_STAGE_WAKEUP,
			     MODEL_FIELD_CPU));
}
END_TEST

START_TEST(test_model_r42_s10_skipped_into_cgroup)
{
	struct model_syscall sc = sc_clone3(MODEL_CLONE_INTO_CGROUP);
	const struct model_pred *p;

	sc.uargs.cgroup = 5;
	p = predict_default(&sc);
	ASSERT_OK(p);
	ck_assert(!has_field(p, MODEL_STAGE_NEWTASK, MODEL_FIELD_CPUS_MASK));
	ck_assert(!has_field(p, MODEL_STAGE_NEWTASK, MODEL_FIELD_NR_CPUS_ALLOWED));
	ck_assert(!has_field(p, MODEL_STAGE_WAKEUP, MODEL_FIELD_CPU));
}
END_TEST

START_TEST(test_model_r42_affinity_copied)
{
	struct model_syscall sc = sc_fork();
	const struct model_pred *p = predict_default(&sc);

	ASSERT_EXPECT(p, "R-42", MODEL_STAGE_NEWTASK, MODEL_FIELD_NR_CPUS_ALLOWED,
		      MODEL_OP_EQ, 4);
	ASSERT_EXPECT(p, "R-42", MODEL_STAGE_NEWTASK, MODEL_FIELD_CPUS_MASK,
		      MODEL_OP_EQ, 0xf0);
}
END_TEST

/* ---------------------------------------------------------- R- rules */

/* One resource rule: the flag and the field it controls. */
struct share_case {
	const char *rule;
	uint64_t share;		/* flag(s) that make the child share */
	uint64_t extra;		/* flags needed for validity when sharing */
	enum model_field field;
	int64_t parent_value;
};

static const struct share_case share_cases[] = {
	{ "R-02", MODEL_CLONE_VM, 0, MODEL_FIELD_MM, 0x1000 },
	{ "R-08", MODEL_CLONE_FILES, 0, MODEL_FIELD_FILES, 0x2000 },
	{ "R-09", MODEL_CLONE_FS, 0, MODEL_FIELD_FS, 0x3000 },
	{ "R-12", MODEL_CLONE_SIGHAND, MODEL_CLONE_VM, MODEL_FIELD_SIGHAND,
	  0x4000 },
	{ "R-13", MODEL_CLONE_THREAD, MODEL_CLONE_SIGHAND | MODEL_CLONE_VM,
	  MODEL_FIELD_SIGNAL, 0x5000 },
};

START_TEST(test_model_resource_shared_iff_flag)
{
	const struct share_case *c = &share_cases[_i];
	struct model_syscall sc = sc_clone(c->share | c->extra);
	const struct model_pred *p = predict_default(&sc);
	const struct model_expect *e;

	ck_assert_msg(p->err == 0, "%s shared: err %d", c->rule, p->err);
	ASSERT_EXPECT(p, c->rule, MODEL_STAGE_NEWTASK, c->field, MODEL_OP_EQ,
		      c->parent_value);

	/* Other branch: without the flag, a new object. */
	sc = sc_clone(c->extra & ~c->share & ~MODEL_CLONE_SIGHAND);
	p = predict_default(&sc);
	ck_assert_msg(p->err == 0, "%s copied: err %d", c->rule, p->err);
	e = find_expect(p, c->rule, MODEL_STAGE_NEWTASK, c->field);
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(e->op, MODEL_OP_NEW);
	ck_assert_int_eq(e->value, c->parent_value);
}
END_TEST

START_TEST(test_model_r01_kernel_thread_parent_no_mm)
{
	struct model_task t = parent_task();
	struct model_syscall sc = sc_clone(MODEL_CLONE_VM | MODEL_SIGCHLD);
	const struct model_pred *p;

	t.mm = 0;
	p = predict(&P618, &t, &sc);
	ASSERT_EXPECT(p, "R-01", MODEL_STAGE_NEWTASK, MODEL_FIELD_MM,
		      MODEL_OP_EQ, 0);
	ck_assert_ptr_null(find_expect(p, "R-02", MODEL_STAGE_NEWTASK,
				       MODEL_FIELD_MM));
	sc = sc_clone(MODEL_SIGCHLD);
	p = predict(&P618, &t, &sc);
	ASSERT_EXPECT(p, "R-01", MODEL_STAGE_NEWTASK, MODEL_FIELD_MM,
		      MODEL_OP_EQ, 0);
}
END_TEST

START_TEST(test_model_r08_null_files_stays_null)
{
	struct model_task t = parent_task();
	struct model_syscall sc = sc_fork();
	const struct model_pred *p;

	t.files = 0;
	p = predict(&P618, &t, &sc);
	ASSERT_EXPECT(p, "R-08", MODEL_STAGE_NEWTASK, MODEL_FIELD_FILES,
		      MODEL_OP_EQ, 0);
}
END_TEST

START_TEST(test_model_r24_tgid)
{
	struct model_syscall sc = sc_clone(TSV);
	const struct model_pred *p = predict_default(&sc);

	ASSERT_EXPECT(p, "R-24", MODEL_STAGE_NEWTASK, MODEL_FIELD_TGID,
		      MODEL_OP_EQ, 990);
	sc = sc_clone(MODEL_CLONE_VM | MODEL_SIGCHLD);
	p = predict_default(&sc);
	ASSERT_EXPECT(p, "R-24", MODEL_STAGE_NEWTASK, MODEL_FIELD_TGID,
		      MODEL_OP_EQ_CHILD_PID, 0);
	ck_assert_ptr_null(find_expect_op(p, "R-24", MODEL_STAGE_NEWTASK,
					  MODEL_FIELD_TGID, MODEL_OP_EQ));
}
END_TEST

START_TEST(test_model_r25_real_parent_and_exit_signal)
{
	struct model_syscall sc = sc_clone(TSV | 33);
	const struct model_pred *p = predict_default(&sc);

	/* THREAD: parent's real parent, exit_signal -1. */
	ASSERT_EXPECT(p, "R-25", MODEL_STAGE_NEWTASK, MODEL_FIELD_REAL_PARENT_PID,
		      MODEL_OP_EQ, 900);
	ASSERT_EXPECT(p, "R-25", MODEL_STAGE_NEWTASK, MODEL_FIELD_EXIT_SIGNAL,
		      MODEL_OP_EQ, -1);

	/* PARENT: parent's real parent, group leader's exit signal. */
	sc = sc_clone(MODEL_CLONE_PARENT | 33);
	p = predict_default(&sc);
	ASSERT_EXPECT(p, "R-25", MODEL_STAGE_NEWTASK, MODEL_FIELD_REAL_PARENT_PID,
		      MODEL_OP_EQ, 900);
	ASSERT_EXPECT(p, "R-25", MODEL_STAGE_NEWTASK, MODEL_FIELD_EXIT_SIGNAL,
		      MODEL_OP_EQ, 10);

	/* Neither: the calling thread (pid, not tgid), the given signal. */
	sc = sc_clone(33);
	p = predict_default(&sc);
	ASSERT_EXPECT(p, "R-25", MODEL_STAGE_NEWTASK, MODEL_FIELD_REAL_PARENT_PID,
		      MODEL_OP_EQ, 1000);
	ASSERT_EXPECT(p, "R-25", MODEL_STAGE_NEWTASK, MODEL_FIELD_EXIT_SIGNAL,
		      MODEL_OP_EQ, 33);
}
END_TEST

START_TEST(test_model_r34_return_value_pid)
{
	struct model_task t = parent_task();
	struct model_syscall sc = sc_fork();
	const struct model_pred *p = predict(&P618, &t, &sc);

	ASSERT_EXPECT(p, "R-34", MODEL_STAGE_SYS_EXIT, MODEL_FIELD_RET,
		      MODEL_OP_EQ_CHILD_PID, 0);

	/* From the init pid ns pid_vnr() is the global pid, NEWPID or not. */
	sc = sc_clone(MODEL_CLONE_NEWPID | MODEL_SIGCHLD);
	p = predict(&P618, &t, &sc);
	ASSERT_EXPECT(p, "R-34", MODEL_STAGE_SYS_EXIT, MODEL_FIELD_RET,
		      MODEL_OP_EQ_CHILD_PID, 0);

	/* Nested parent: it sees another number. */
	t.ns_level = 1;
	sc = sc_fork();
	p = predict(&P618, &t, &sc);
	ASSERT_OK(p);
	ck_assert(!has_field(p, MODEL_STAGE_SYS_EXIT, MODEL_FIELD_RET));
}
END_TEST

START_TEST(test_model_r41_task_flags)
{
	struct model_task t = parent_task();
	struct model_syscall sc = sc_fork();
	const uint32_t clear = MODEL_PF_KTHREAD | MODEL_PF_SUPERPRIV |
			       MODEL_PF_WQ_WORKER | MODEL_PF_IDLE |
			       MODEL_PF_IO_WORKER | MODEL_PF_USER_WORKER |
			       MODEL_PF_NPROC_EXCEEDED | MODEL_PF_NOFREEZE;
	const struct model_pred *p = predict(&P618, &t, &sc);

	ASSERT_EXPECT(p, "R-41", MODEL_STAGE_NEWTASK, MODEL_FIELD_FLAGS,
		      MODEL_OP_BITS_SET, MODEL_PF_FORKNOEXEC | MODEL_PF_RANDOMIZE);
	ASSERT_EXPECT(p, "R-41", MODEL_STAGE_NEWTASK, MODEL_FIELD_FLAGS,
		      MODEL_OP_BITS_CLEAR, clear | MODEL_PF_NO_SETAFFINITY);
	p = predict(&P61, &t, &sc);
	ASSERT_EXPECT(p, "R-41", MODEL_STAGE_NEWTASK, MODEL_FIELD_FLAGS,
		      MODEL_OP_BITS_CLEAR, clear | MODEL_PF_NO_SETAFFINITY);

	/* 5.10: NO_SETAFFINITY (and KTHREAD) inherited, not cleared. */
	p = predict(&P510, &t, &sc);
	ASSERT_EXPECT(p, "R-41", MODEL_STAGE_NEWTASK, MODEL_FIELD_FLAGS,
		      MODEL_OP_BITS_CLEAR, clear | MODEL_PF_NO_SETAFFINITY);
	t.flags |= MODEL_PF_NO_SETAFFINITY;
	p = predict(&P510, &t, &sc);
	ASSERT_EXPECT(p, "R-41", MODEL_STAGE_NEWTASK, MODEL_FIELD_FLAGS,
		      MODEL_OP_BITS_SET,
		      MODEL_PF_FORKNOEXEC | MODEL_PF_NO_SETAFFINITY | MODEL_PF_RANDOMIZE);
	ASSERT_EXPECT(p, "R-41", MODEL_STAGE_NEWTASK, MODEL_FIELD_FLAGS,
		      MODEL_OP_BITS_CLEAR, clear);
	/* 6.1+: cleared even when the parent has it. */
	p = predict(&P618, &t, &sc);
	ASSERT_EXPECT(p, "R-41", MODEL_STAGE_NEWTASK, MODEL_FIELD_FLAGS,
		      MODEL_OP_BITS_CLEAR, clear | MODEL_PF_NO_SETAFFINITY);

	/* IO_WORKER is never cleared by copy_process(): inherited. */
	t = parent_task();
	t.flags |= MODEL_PF_IO_WORKER;
	p = predict(&P618, &t, &sc);
	ASSERT_EXPECT(p, "R-41", MODEL_STAGE_NEWTASK, MODEL_FIELD_FLAGS,
		      MODEL_OP_BITS_SET, MODEL_PF_FORKNOEXEC | MODEL_PF_IO_WORKER |
		      MODEL_PF_RANDOMIZE);
	ASSERT_EXPECT(p, "R-41", MODEL_STAGE_NEWTASK, MODEL_FIELD_FLAGS,
		      MODEL_OP_BITS_CLEAR, (clear & ~MODEL_PF_IO_WORKER) |
		      MODEL_PF_NO_SETAFFINITY);

	/* The rest is copied: NOFREEZE kept, RANDOMIZE's absence kept,
	 * SUPERPRIV cleared whatever the parent had. */
	t = parent_task();
	t.flags = MODEL_PF_NOFREEZE | MODEL_PF_SUPERPRIV;
	p = predict(&P618, &t, &sc);
	ASSERT_EXPECT(p, "R-41", MODEL_STAGE_NEWTASK, MODEL_FIELD_FLAGS,
		      MODEL_OP_BITS_SET, MODEL_PF_FORKNOEXEC | MODEL_PF_NOFREEZE);
	ASSERT_EXPECT(p, "R-41", MODEL_STAGE_NEWTASK, MODEL_FIELD_FLAGS,
		      MODEL_OP_BITS_CLEAR, (clear & ~MODEL_PF_NOFREEZE) |
		      MODEL_PF_NO_SETAFFINITY | MODEL_PF_RANDOMIZE);
}
END_TEST

START_TEST(test_model_expect_fits)
{
	/* The largest prediction stays well inside MODEL_MAX_EXPECT. */
	struct model_syscall sc = sc_clone(TSV | MODEL_CLONE_FILES | MODEL_CLONE_FS);
	const struct model_pred *p = predict_default(&sc);

	ASSERT_OK(p);
	ck_assert_uint_ge(p->n_expect, 25);
	ck_assert_uint_le(p->n_expect, MODEL_MAX_EXPECT);
}
END_TEST

/* ----------------------------------------------- registry and names */

static void check_rules_registered(const struct model_pred *p)
{
	size_t i;

	if (p->err_rule)
		ck_assert_msg(model_rule_find(p->err_rule), "err_rule %s",
			      p->err_rule);
	if (p->stages_rule)
		ck_assert_msg(model_rule_find(p->stages_rule), "stages_rule %s",
			      p->stages_rule);
	for (i = 0; i < p->n_alt; i++)
		ck_assert_msg(model_rule_find(p->alt[i].rule), "alt %s",
			      p->alt[i].rule);
	for (i = 0; i < p->n_expect; i++)
		ck_assert_msg(model_rule_find(p->expect[i].rule), "expect %s",
			      p->expect[i].rule);
}

/*
 * bpf/clonecheck.bpf.c reads at sched_process_fork and sched_wakeup_new
 * only these members of the child (read_task_sched() in
 * bpf/task_read.bpf.h, and emit_point()'s mm_flags, TIDS group and parent
 * tid word): the model may judge no other field there, or a check would
 * compare a field BPF left zero.
 */
static bool sched_point_reads(enum model_stage st, enum model_field f)
{
	switch (f) {
	case MODEL_FIELD_TASK:
	case MODEL_FIELD_MM:
	case MODEL_FIELD_FILES:
	case MODEL_FIELD_FS:
	case MODEL_FIELD_SIGHAND:
	case MODEL_FIELD_SIGNAL:
	case MODEL_FIELD_TGID:
	case MODEL_FIELD_STATE:
	case MODEL_FIELD_ON_RQ:
	case MODEL_FIELD_PRIO:
	case MODEL_FIELD_CPU:
	case MODEL_FIELD_VFORK_DONE:
	case MODEL_FIELD_SET_CHILD_TID:
	case MODEL_FIELD_CLEAR_CHILD_TID:
		return true;
	case MODEL_FIELD_MM_FLAGS:
		return st == MODEL_STAGE_FORK;
	case MODEL_FIELD_PARENT_TID_VAL:
		return st == MODEL_STAGE_WAKEUP;
	default:
		return false;
	}
}

/* Every expectation at the two points names a field read there. */
static void check_sched_point_fields(const struct model_pred *p, unsigned int *hits)
{
	for (size_t i = 0; i < p->n_expect; i++) {
		const struct model_expect *e = &p->expect[i];

		if (e->stage != MODEL_STAGE_FORK && e->stage != MODEL_STAGE_WAKEUP)
			continue;
		ck_assert_msg(sched_point_reads(e->stage, e->field),
			      "%s expects %s at %s, which BPF does not read there", e->rule,
			      model_field_name(e->field), model_stage_name(e->stage));
		if (e->field == MODEL_FIELD_MM_FLAGS)
			hits[0]++;
		if (e->field == MODEL_FIELD_PARENT_TID_VAL)
			hits[1]++;
		if (e->field == MODEL_FIELD_CPU)
			hits[2]++;
		if (e->field == MODEL_FIELD_MM)
			hits[3]++;
	}
}

/* Every group read at entry, with values that let a plain clone succeed. */
static void every_group_read(struct model_task *t)
{
	t->valid = ~0u;
	t->pids_headroom = 1LL << 40;
	t->rlim_nproc = 1 << 20;
	t->rlim_nofile = 1 << 20;
	t->nproc_count = 10;
	t->nr_threads = 100;
	t->max_threads = 100000;
	t->sys_nr_open = 1 << 20;
	t->userns_clone = 1;
	t->sys_read = ~0u;
	t->fd_max = 64;
	t->fd_free = 3;
	t->fd_top = 64;
	t->pid_ns_children_pid_max = 4194304;
	t->pid_ns_children_reaper = 1;
	t->pid_ns_children_allocated = 0x80000010;
	t->cap_effective = ~0ULL;
	t->mm_flags = 1ULL << 26;
}

START_TEST(test_model_sched_points_judge_only_fields_read)
{
	static const uint64_t bits[] = {
		MODEL_CLONE_VM, MODEL_CLONE_FS, MODEL_CLONE_FILES, MODEL_CLONE_SIGHAND,
		MODEL_CLONE_THREAD, MODEL_CLONE_VFORK, MODEL_CLONE_PIDFD,
		MODEL_CLONE_NEWPID, MODEL_CLONE_NEWUSER, MODEL_CLONE_PARENT_SETTID,
		MODEL_CLONE_CHILD_SETTID | MODEL_CLONE_CHILD_CLEARTID, MODEL_CLONE_SETTLS,
		MODEL_CLONE_INTO_CGROUP,
	};
	static const enum model_entry kentries[] = {
		MODEL_ENTRY_KTHREAD, MODEL_ENTRY_IO_WORKER, MODEL_ENTRY_USER_WORKER,
		MODEL_ENTRY_UMH,
	};
	const struct model_profile *profs[] = { &P618, &P618_ARM, &P61, &P510, &P72 };
	const size_t nbits = sizeof(bits) / sizeof(bits[0]);
	unsigned int hits[4] = { 0 };
	struct model_task t;
	struct model_syscall sc;
	unsigned int m, v, pr;
	size_t i;

	for (pr = 0; pr < 5; pr++) {
		for (v = 0; v < 8; v++) {
			for (m = 0; m < (1u << nbits); m += 5) {
				uint64_t f = MODEL_SIGCHLD;

				for (i = 0; i < nbits; i++)
					if (m & (1u << i))
						f |= bits[i];
				t = parent_task();
				if (v & 1) {
					t.policy = MODEL_SCHED_FIFO;
					t.rt_priority = 10;
					t.prio = t.normal_prio = 89;
				}
				if (v & 2)
					t.reset_on_fork = 1;
				if (v & 4)
					every_group_read(&t);
				sc = (m & 1) ? sc_clone3(f) : sc_clone(f);
				model_kernel_clone(profs[pr], &t, &sc, &pred);
				check_sched_point_fields(&pred, hits);
			}
			t = parent_task();
			if (v & 4)
				every_group_read(&t);
			sc = sc_fork();
			sc.entry = (v & 1) ? MODEL_ENTRY_VFORK : MODEL_ENTRY_FORK;
			model_kernel_clone(profs[pr], &t, &sc, &pred);
			check_sched_point_fields(&pred, hits);
			for (i = 0; i < sizeof(kentries) / sizeof(kentries[0]); i++) {
				sc = sc_fork();
				sc.entry = kentries[i];
				model_kernel_clone(profs[pr], &t, &sc, &pred);
				check_sched_point_fields(&pred, hits);
			}
		}
	}
	/* the enumeration reaches what each point judges */
	ck_assert_uint_gt(hits[0], 0);
	ck_assert_uint_gt(hits[1], 0);
	ck_assert_uint_gt(hits[2], 0);
	ck_assert_uint_gt(hits[3], 0);
}
END_TEST

START_TEST(test_model_every_emitted_rule_registered)
{
	static const uint64_t bits[] = {
		MODEL_CLONE_VM, MODEL_CLONE_FS, MODEL_CLONE_SIGHAND,
		MODEL_CLONE_THREAD, MODEL_CLONE_PARENT, MODEL_CLONE_PIDFD,
		MODEL_CLONE_NEWNS, MODEL_CLONE_NEWUSER, MODEL_CLONE_NEWPID,
		MODEL_CLONE_DETACHED, MODEL_CLONE_NEWIPC | MODEL_CLONE_SYSVSEM,
		MODEL_CLONE_PARENT_SETTID, MODEL_CLONE_INTO_CGROUP,
	};
	const struct model_profile *profs[] = { &P618, &P618_ARM, &P61, &P510 };
	const size_t nbits = sizeof(bits) / sizeof(bits[0]);
	struct model_task t;
	struct model_syscall sc;
	unsigned int m, v, pr;
	size_t i, seen = 0;

	for (pr = 0; pr < 4; pr++)
		for (v = 0; v < 4; v++)
			for (m = 0; m < (1u << nbits); m += 7) {
				uint64_t f = 0;

				for (i = 0; i < nbits; i++)
					if (m & (1u << i))
						f |= bits[i];
				t = parent_task();
				t.signal_flags = (v & 1) ? MODEL_SIGNAL_UNKILLABLE : 0;
				if (v & 2) {
					t.policy = MODEL_SCHED_DEADLINE;
					t.normal_prio = -1;
					t.mm = 0;
				}
				sc = (m & 1) ? sc_clone3(f) : sc_clone(f);
				sc.uargs.set_tid = (m & 2) ? 0x9000 : 0;
				sc.uargs.set_tid_size = (m & 2) ? 1 : 0;
				model_kernel_clone(profs[pr], &t, &sc, &pred);
				check_rules_registered(&pred);
				seen++;
			}
	ck_assert_uint_gt(seen, 1000);

	/* Entry-point-only failures. */
	sc = sc_fork();
	t = parent_task();
	model_kernel_clone(&P618_ARM, &t, &sc, &pred);
	check_rules_registered(&pred);
}
END_TEST

START_TEST(test_model_rule_registry)
{
	size_t n, i, j;
	const struct model_rule *r = model_rules(&n);

	ck_assert_ptr_nonnull(r);
	ck_assert_uint_ge(n, 30);
	ck_assert_ptr_eq(model_rules(NULL), r);
	for (i = 0; i < n; i++) {
		ck_assert_ptr_nonnull(r[i].statement);
		ck_assert_msg(strlen(r[i].statement) < 70, "%s statement too long",
			      r[i].id);
		ck_assert_ptr_eq(model_rule_find(r[i].id), &r[i]);
		for (j = i + 1; j < n; j++)
			ck_assert_str_ne(r[i].id, r[j].id);
	}
	ck_assert_ptr_nonnull(model_rule_find("A.4"));
	ck_assert_ptr_nonnull(model_rule_find("R-35"));
	ck_assert_ptr_nonnull(model_rule_find("V-16"));
	/* every catalogue ID is in the table, with what deciding it needs */
	ck_assert_int_eq(model_rule_find("R-29")->need, MODEL_NEED_RACE);
	ck_assert_int_eq(model_rule_find("V-21")->need, MODEL_NEED_FAULT);
	ck_assert_int_eq(model_rule_find("R-28")->need, MODEL_NEED_COPY_ARGS);
	ck_assert_int_eq(model_rule_find("S-05")->need, MODEL_NEED_RESTATES);
	ck_assert_int_eq(model_rule_find("V-30")->need, MODEL_NEED_NOTHING);
	ck_assert_int_eq(model_rule_find("V-44")->need, MODEL_NEED_UNOBSERVED);
	ck_assert_int_eq(model_rule_find("V-48")->since, 701);
	ck_assert_ptr_null(model_rule_find("X-99"));
	ck_assert_ptr_null(model_rule_find("V-0"));
	ck_assert_ptr_null(model_rule_find("V-010"));
	ck_assert_ptr_null(model_rule_find(""));
	ck_assert_ptr_null(model_rule_find(NULL));
}
END_TEST

START_TEST(test_model_field_and_stage_names)
{
	int i, j;

	ck_assert_str_eq(model_field_name(MODEL_FIELD_MM), "mm");
	ck_assert_str_eq(model_field_name(MODEL_FIELD_EXIT_SIGNAL), "exit_signal");
	ck_assert_str_eq(model_field_name(MODEL_FIELD_RET), "ret");
	ck_assert_str_eq(model_field_name(MODEL_FIELD__COUNT), "?");
	for (i = 0; i < MODEL_FIELD__COUNT; i++) {
		ck_assert_ptr_nonnull(model_field_name(i));
		for (j = i + 1; j < MODEL_FIELD__COUNT; j++)
			ck_assert_str_ne(model_field_name(i), model_field_name(j));
	}
	ck_assert_str_eq(model_stage_name(MODEL_STAGE_SYS_ENTER), "sys_enter");
	ck_assert_str_eq(model_stage_name(MODEL_STAGE_NEWTASK), "task_newtask");
	ck_assert_str_eq(model_stage_name(MODEL_STAGE_FORK), "sched_process_fork");
	ck_assert_str_eq(model_stage_name(MODEL_STAGE_WAKEUP), "sched_wakeup_new");
	ck_assert_str_eq(model_stage_name(MODEL_STAGE_SYS_EXIT), "sys_exit");
	ck_assert_str_eq(model_stage_name(MODEL_STAGE_CHILD_RET), "child_sys_exit");
	ck_assert_str_eq(model_stage_name(MODEL_STAGE__COUNT), "?");
}
END_TEST

/*
 * Every member of model/task_fields.h is reached by its field number, with
 * its sign: unsigned members hold field+1, signed ones -(field+1), so a
 * switch case that reads the wrong member (or the wrong half of comm), or
 * widens without the sign, fails.
 */
#define SET_U64(n, N) t.n = MODEL_FIELD_##N + 1;
#define SET_U32 SET_U64
#define SET_S64(n, N) t.n = -(MODEL_FIELD_##N + 1);
#define SET_S32 SET_S64
#define SET_C16(n, N)                                                                     \
	t.n##_lo = MODEL_FIELD_##N##_LO + 1;                                              \
	t.n##_hi = MODEL_FIELD_##N##_HI + 1;
#define SET_FIELD(part, ty, n, N, g) TASK_PICK_MODEL_##part(SET_##ty(n, N))
#define SIGNED_U64(N)
#define SIGNED_U32(N)
#define SIGNED_C16(N)
#define SIGNED_S64(N) [MODEL_FIELD_##N] = true,
#define SIGNED_S32 SIGNED_S64
#define SIGNED_FIELD(part, ty, n, N, g) TASK_PICK_MODEL_##part(SIGNED_##ty(N))

START_TEST(test_model_task_field_values)
{
	static const bool is_signed[MODEL_FIELD__COUNT] = { TASK_FIELDS(SIGNED_FIELD) };
	struct model_task t = { 0 };
	int f;

	TASK_FIELDS(SET_FIELD)
	for (f = 0; f < MODEL_FIELD__COUNT; f++) {
		int64_t want = is_signed[f] ? -(f + 1) : f + 1;

		ck_assert_msg(model_task_field(&t, f) == want, "field %s",
			      model_field_name(f));
	}
	ck_assert_int_eq(model_task_field(&t, MODEL_FIELD__COUNT), 0);
	ck_assert(is_signed[MODEL_FIELD_EXIT_SIGNAL] && !is_signed[MODEL_FIELD_FLAGS]);
	t.flags = 0x80000000u;	/* PF_SUSPEND_TASK: widened unsigned */
	ck_assert_int_eq(model_task_field(&t, MODEL_FIELD_FLAGS), 0x80000000LL);
	ck_assert_str_eq(model_field_name(MODEL_FIELD_COMM_HI), "comm_hi");
	ck_assert_int_eq(model_field_input(MODEL_FIELD_COMM_LO), MODEL_IN_COMM);
	ck_assert_int_eq(model_field_input(MODEL_FIELD_PID), 0);
	ck_assert_int_eq(model_field_input(MODEL_FIELD_PID_MAX), MODEL_IN_PID_MAX);
}
END_TEST

struct uname_case {
	const char *release, *machine;
	int err, major, minor;
	enum model_arch arch;
};

static const struct uname_case uname_cases[] = {
	{ "6.18.44-fc-v657", "x86_64", 0, 6, 18, MODEL_ARCH_X86_64 },
	{ "6.1.0-37-arm64", "aarch64", 0, 6, 1, MODEL_ARCH_ARM64 },
	{ "6.12.95", "arm64", 0, 6, 12, MODEL_ARCH_ARM64 },
	{ "5.10", "x86_64", 0, 5, 10, MODEL_ARCH_X86_64 },
	{ "6.18+debug", "x86_64", 0, 6, 18, MODEL_ARCH_X86_64 },
	{ "6.18.44", "riscv64", -MODEL_EINVAL, 0, 0, 0 },
	{ "6.18.44", "i686", -MODEL_EINVAL, 0, 0, 0 },
	{ "6.18.44", "x86_64 ", -MODEL_EINVAL, 0, 0, 0 },
	{ "6", "x86_64", -MODEL_EINVAL, 0, 0, 0 },
	{ "6.", "x86_64", -MODEL_EINVAL, 0, 0, 0 },
	{ ".18", "x86_64", -MODEL_EINVAL, 0, 0, 0 },
	{ "6.18x", "x86_64", -MODEL_EINVAL, 0, 0, 0 },
	{ "123456.1", "x86_64", -MODEL_EINVAL, 0, 0, 0 },
	{ "", "x86_64", -MODEL_EINVAL, 0, 0, 0 },
};

START_TEST(test_model_profile_from_uname)
{
	const struct uname_case *c = &uname_cases[_i];
	struct model_profile p = { .major = -1, .minor = -1, .arch = MODEL_ARCH_ARM64 };
	int err = model_profile_from_uname(c->release, c->machine, &p);

	ck_assert_msg(err == c->err, "%s/%s: err %d", c->release, c->machine, err);
	if (err) {
		ck_assert_int_eq(p.major, -1);	/* untouched */
		return;
	}
	ck_assert_int_eq(p.major, c->major);
	ck_assert_int_eq(p.minor, c->minor);
	ck_assert_int_eq(p.arch, c->arch);
}
END_TEST

START_TEST(test_model_profile_from_uname_null)
{
	struct model_profile p;

	ck_assert_int_eq(model_profile_from_uname(NULL, "x86_64", &p), -MODEL_EINVAL);
	ck_assert_int_eq(model_profile_from_uname("6.18", NULL, &p), -MODEL_EINVAL);
	ck_assert_int_eq(model_profile_from_uname("6.18", "x86_64", NULL),
			 -MODEL_EINVAL);
}
END_TEST

/* ------------------------------------------ appended inputs (MODEL_IN_*) */

/* every MODEL_IN_* group up to PID_MAX, and the model-only KFRAME_AT */
#define IN_ALL	(0x1fffffu | MODEL_IN_KFRAME_AT)
#define CAP_ADMIN (1ULL << MODEL_CAP_SYS_ADMIN)

static const struct model_profile P618_DEB = { .major = 6, .minor = 18,
	.arch = MODEL_ARCH_X86_64, .userns_sysctl = MODEL_CFG_N };
static const struct model_profile P618_ARM_FULL = { .major = 6, .minor = 18,
	.arch = MODEL_ARCH_ARM64, .preempt_count = MODEL_CFG_N,
	.ksyms = { .ret_from_fork = 0xffff800080011000ULL } };
static const struct model_profile P618_X86_FULL = { .major = 6, .minor = 18,
	.arch = MODEL_ARCH_X86_64, .task_size_max = (1ULL << 47) - 4096,
	.ksyms = { .ret_from_fork = 0xffffffff81001000ULL,
		   .ret_from_fork_asm = 0xffffffff81002000ULL } };
static const struct model_profile P61_X86_FULL = { .major = 6, .minor = 1,
	.arch = MODEL_ARCH_X86_64,
	.ksyms = { .ret_from_fork = 0xffffffff81001000ULL,
		   .ret_from_fork_asm = 0xffffffff81002000ULL } };

/* A privileged task in the init namespaces with every input group read. */
static struct model_task parent_full(void)
{
	struct model_task t = parent_task();

	t.valid = IN_ALL;
	t.nsproxy = 0xa000; t.pid_ns_active = 0xa100;
	t.pid_ns_for_children = 0xa100; t.pid_ns_children_level = 0;
	t.time_ns = 0xa200; t.time_ns_for_children = 0xa200;
	t.mnt_ns = 0xa300; t.uts_ns = 0xa400; t.ipc_ns = 0xa500;
	t.net_ns = 0xa600; t.cgroup_ns = 0xa700;
	t.cred = 0xb000; t.real_cred = 0xb000; t.user_ns = 0xb100;
	t.cap_effective = MODEL_CAP_FULL_SET;
	t.io_context = 0xc000; t.ioprio = (2 << 13) | 4;	/* BE/4 */
	t.sas_ss_sp = 0x7000; t.sas_ss_size = 8192; t.sas_ss_flags = 0;
	t.rseq = 0x7100; t.rseq_len = 32;
	t.parent_pid = 900; t.blocked = 0x4002;
	t.seccomp_mode = 2; t.seccomp_filter = 0xd000;
	t.oom_score_adj = 200; t.oom_score_adj_min = -100;
	t.comm_lo = 0x6b726f666e69616dULL; t.comm_hi = 0x74;
	t.self_exec_id = 7; t.parent_exec_id = 3;
	t.ts_ns = 5000000; t.uclamp_min = 100; t.uclamp_max = 900;
	t.uregs_ip = 0x401000; t.uregs_sp = 0x7ffd000; t.user_tls = 0x7f0000;
	t.pid_max = 4194304;
	return t;
}

/* The errno a full parent gets for legacy clone(@flags) on @prof. */
static const struct model_pred *predict_full(const struct model_profile *prof,
					     const struct model_task *t,
					     uint64_t flags)
{
	struct model_syscall sc = sc_clone(flags | MODEL_SIGCHLD);

	return predict(prof, t, &sc);
}

START_TEST(test_model_inputs_gate_expectations)
{
	/* No group read: no expectation on an appended field. */
	struct model_task t = parent_task();
	struct model_syscall sc = sc_fork();
	const struct model_pred *p = predict(&P618_X86_FULL, &t, &sc);
	size_t i;

	ASSERT_OK(p);
	for (i = 0; i < p->n_expect; i++)
		ck_assert_msg(model_field_input(p->expect[i].field) == 0,
			      "%s on %s without input", p->expect[i].rule,
			      model_field_name(p->expect[i].field));
	/* With every group: the constant ones appear. */
	t.valid = IN_ALL;
	p = predict(&P618_X86_FULL, &t, &sc);
	ASSERT_EXPECT(p, "X-13", MODEL_STAGE_NEWTASK, MODEL_FIELD_STACK_END_MAGIC,
		      MODEL_OP_EQ, MODEL_STACK_END_MAGIC);
	ASSERT_EXPECT(p, "R-03", MODEL_STAGE_NEWTASK, MODEL_FIELD_MIN_FLT,
		      MODEL_OP_EQ, 0);
	ck_assert_uint_eq(model_field_input(MODEL_FIELD_MM), 0);
	ck_assert_uint_eq(model_field_input(MODEL_FIELD_NSPROXY), MODEL_IN_NS);
	ck_assert_uint_eq(model_field_input(MODEL_FIELD_PID_MAX), MODEL_IN_PID_MAX);
	ck_assert_uint_eq(model_field_input(MODEL_FIELD__COUNT), 0);
	ck_assert_uint_le(p->n_expect, MODEL_MAX_EXPECT - 8);
}
END_TEST

/* ------------------------------------------ decided V- rules, table */

struct decide_case {
	const char *name;
	const struct model_profile *prof;
	uint64_t flags;			/* legacy clone flags (SIGCHLD added) */
	void (*tweak)(struct model_task *t);
	int err;			/* 0: success */
	const char *rule;
	int alt;			/* an alternative that must be allowed, 0 none */
	const char *alt_rule;
};

static void tw_unpriv(struct model_task *t) { t->cap_effective = 0; }
static void tw_unshared_pid(struct model_task *t)
{
	t->pid_ns_for_children = 0xa999;
	t->pid_ns_children_level = 1;
}
static void tw_unshared_time(struct model_task *t) { t->time_ns_for_children = 0xa299; }
static void tw_deep_user(struct model_task *t) { t->user_ns_level = 33; }
static void tw_user32(struct model_task *t) { t->user_ns_level = 32; }
static void tw_deep_pid(struct model_task *t)
{
	t->pid_ns_children_level = 32;
}
static void tw_pid31(struct model_task *t) { t->pid_ns_children_level = 31; }
static void tw_child_userns(struct model_task *t) { t->user_ns_level = 1; }
static void tw_no_creds(struct model_task *t) { t->valid &= ~MODEL_IN_CRED; }

#define TSV (MODEL_CLONE_THREAD | MODEL_CLONE_SIGHAND | MODEL_CLONE_VM)

static const struct decide_case decide_cases[] = {
	/* V-15, namespace half */
	{ "v15 thread after unshare(NEWPID)", &P618, TSV, tw_unshared_pid,
	  -MODEL_EINVAL, "V-15", 0, NULL },
	{ "v15 fork after unshare(NEWPID)", &P618, 0, tw_unshared_pid, 0, NULL, 0, NULL },
	/* V-16: 6.1 only (E-12, X-6) */
	{ "v16 6.1 thread", &P61, TSV, tw_unshared_time, -MODEL_EINVAL, "V-16", 0, NULL },
	{ "v16 6.1 vfork-like VM", &P61, MODEL_CLONE_VM, tw_unshared_time,
	  -MODEL_EINVAL, "V-16", 0, NULL },
	{ "v16 5.10 VM", &P510, MODEL_CLONE_VM, tw_unshared_time, -MODEL_EINVAL, "V-16", 0, NULL },
	{ "v16 6.1 fork fine", &P61, 0, tw_unshared_time, 0, NULL, 0, NULL },
	{ "v16 6.12 thread fine", &P612_ARM, TSV, tw_unshared_time, 0, NULL, 0, NULL },
	{ "v16 6.18 thread fine", &P618, TSV, tw_unshared_time, 0, NULL, 0, NULL },
	{ "v16 6.1 thread, time ns not unshared", &P61, TSV, NULL, 0, NULL, 0, NULL },
	/* V-17 (E-11) */
	{ "v17 6.18 pidfd thread ok", &P618, TSV | MODEL_CLONE_PIDFD, NULL, 0, NULL, 0, NULL },
	{ "v17 6.1 pidfd thread", &P61, TSV | MODEL_CLONE_PIDFD, NULL,
	  -MODEL_EINVAL, "V-17", 0, NULL },
	/* V-18 Debian sysctl (X-5) */
	{ "v18 unpriv newuser", &P618_DEB, MODEL_CLONE_NEWUSER, tw_unpriv,
	  -MODEL_EPERM, "V-18", 0, NULL },
	{ "v18 child userns", &P618_DEB, MODEL_CLONE_NEWUSER, tw_child_userns,
	  -MODEL_EPERM, "V-18", 0, NULL },
	{ "v18 root ok", &P618_DEB, MODEL_CLONE_NEWUSER, NULL, 0, NULL, 0, NULL },
	{ "v18 upstream ok", &P618, MODEL_CLONE_NEWUSER, tw_unpriv, 0, NULL, 0, NULL },
	{ "v18 before v12/v13", &P618_DEB, MODEL_CLONE_NEWUSER | MODEL_CLONE_SIGHAND,
	  tw_unpriv, -MODEL_EPERM, "V-18", 0, NULL },
	{ "v18 after v11", &P618_DEB, MODEL_CLONE_NEWUSER | MODEL_CLONE_FS,
	  tw_unpriv, -MODEL_EINVAL, "V-11", 0, NULL },
	{ "v18 no creds: alternative", &P618_DEB, MODEL_CLONE_NEWUSER, tw_no_creds,
	  0, NULL, -MODEL_EPERM, "V-18" },
	{ "v18 no creds, v13 wins", &P618_DEB, MODEL_CLONE_NEWUSER | MODEL_CLONE_SIGHAND,
	  tw_no_creds, -MODEL_EINVAL, "V-13", -MODEL_EPERM, "V-18" },
	/* V-22 depth */
	{ "v22 level 33", &P618, MODEL_CLONE_NEWUSER, tw_deep_user,
	  -MODEL_ENOSPC, "V-22", -MODEL_ENOMEM, "V-21" },
	{ "v22 level 32 ok", &P618, MODEL_CLONE_NEWUSER, tw_user32, 0, NULL,
	  -MODEL_ENOSPC, "V-22" },
	/* V-34 (A.4 examples) */
	{ "v34 unpriv newnet", &P618, MODEL_CLONE_NEWNET, tw_unpriv,
	  -MODEL_EPERM, "V-34", -MODEL_EAGAIN, "V-23" },
	{ "v34 priv newnet", &P618, MODEL_CLONE_NEWNET, NULL, 0, NULL,
	  -MODEL_EPERM, "V-34" },
	{ "v34 unpriv newuser|newnet", &P618, MODEL_CLONE_NEWUSER | MODEL_CLONE_NEWNET,
	  tw_unpriv, 0, NULL, 0, NULL },
	{ "v34 unpriv newipc|sysvsem", &P618, MODEL_CLONE_NEWIPC | MODEL_CLONE_SYSVSEM,
	  tw_unpriv, -MODEL_EPERM, "V-34", 0, NULL },
	{ "v34 priv newipc|sysvsem", &P618, MODEL_CLONE_NEWIPC | MODEL_CLONE_SYSVSEM,
	  NULL, -MODEL_EINVAL, "V-34", -MODEL_EPERM, "V-34" },
	{ "v34 newpid after unshare", &P618, MODEL_CLONE_NEWPID, tw_unshared_pid,
	  -MODEL_EINVAL, "V-34", 0, NULL },
	{ "v34 newpid depth", &P618, MODEL_CLONE_NEWPID, tw_deep_pid,
	  -MODEL_ENOSPC, "V-34", -MODEL_EINVAL, "V-34" },
	{ "v34 newpid level 31 ok", &P618, MODEL_CLONE_NEWPID, tw_pid31, 0, NULL,
	  -MODEL_EINVAL, "V-34" },
	{ "v34 eperm before depth", &P618, MODEL_CLONE_NEWPID, tw_unpriv,
	  -MODEL_EPERM, "V-34", 0, NULL },
};

START_TEST(test_model_decided_checks)
{
	const struct decide_case *c = &decide_cases[_i];
	struct model_task t = parent_full();
	const struct model_pred *p;

	if (c->tweak)
		c->tweak(&t);
	p = predict_full(c->prof, &t, c->flags);
	ck_assert_msg(p->err == c->err, "%s: err %d (%s), want %d", c->name,
		      p->err, p->err_rule ? p->err_rule : "-", c->err);
	if (c->err)
		ck_assert_msg(p->err_rule && !strcmp(p->err_rule, c->rule),
			      "%s: rule %s", c->name, p->err_rule);
	if (c->alt)
		ck_assert_msg(alt_rule(p, c->alt) && !strcmp(alt_rule(p, c->alt),
							     c->alt_rule),
			      "%s: alt %d rule %s", c->name, c->alt,
			      alt_rule(p, c->alt) ? alt_rule(p, c->alt) : "none");
	check_rules_registered(p);
}
END_TEST

START_TEST(test_model_v34_eperm_not_allowed_when_decided_priv)
{
	/* Unprivileged NEWNET: EPERM decided, and not an alternative later. */
	struct model_task t = parent_full();
	const struct model_pred *p = predict_full(&P618, &t, MODEL_CLONE_NEWUTS);

	ASSERT_OK(p);
	ck_assert_str_eq(alt_rule(p, -MODEL_EPERM), "V-34");	/* LSM */
	t.cap_effective = 0;
	p = predict_full(&P618, &t, 0);
	ASSERT_OK(p);
	ck_assert_ptr_null(alt_rule(p, -MODEL_EPERM));
}
END_TEST

/* V-36: x86_64 SETTLS limit (X-9); arm64 does not check. */
START_TEST(test_model_v36_settls_limit)
{
	struct model_task t = parent_task();
	struct model_syscall sc = sc_clone(MODEL_CLONE_SETTLS | MODEL_SIGCHLD);
	const struct model_pred *p;

	sc.arg[4] = (1ULL << 47) - 4096;		/* 4-level TASK_SIZE_MAX */
	p = predict(&P618_X86_FULL, &t, &sc);
	ASSERT_ERR(p, -MODEL_EPERM, "V-36");
	ck_assert_str_eq(alt_rule(p, -MODEL_ENOMEM), "V-21");
	sc.arg[4] = (1ULL << 47) - 4097;
	ASSERT_OK(predict(&P618_X86_FULL, &t, &sc));
	/* Unknown paging mode: the band is an alternative, 5-level limit decides. */
	sc.arg[4] = (1ULL << 47);
	p = predict(&P618, &t, &sc);
	ASSERT_OK(p);
	ck_assert_str_eq(alt_rule(p, -MODEL_EPERM), "V-36");
	sc.arg[4] = (1ULL << 56) - 4096;
	ASSERT_ERR(predict(&P618, &t, &sc), -MODEL_EPERM, "V-36");
	sc.arg[4] = 0x7f0000;
	p = predict(&P618, &t, &sc);
	ck_assert_ptr_null(alt_rule(p, -MODEL_EPERM));
	/* arm64: legacy clone puts tls in arg[3]; never checked. */
	sc.arg[3] = 0xffffffffffff0000ULL;
	ASSERT_OK(predict(&P618_ARM, &t, &sc));
}
END_TEST

/* V-37/V-38: set_tid against the child's pid namespace. */
START_TEST(test_model_v37_v38_set_tid)
{
	struct model_task t = parent_full();
	struct model_syscall sc = sc_clone3(0);
	const struct model_pred *p;

	sc.uargs.set_tid = 0x9000;
	sc.uargs.set_tid_size = 2;		/* init ns child: level 0 */
	sc.set_tid_known = true;
	sc.set_tid_vals[0] = 500;
	sc.set_tid_vals[1] = 1;
	ASSERT_ERR(predict(&P618, &t, &sc), -MODEL_EINVAL, "V-37");
	sc.uargs.flags = MODEL_CLONE_NEWPID;	/* now level 1: size 2 fits */
	p = predict(&P618, &t, &sc);
	ASSERT_ERR(p, -MODEL_EINVAL, "V-38");	/* 500 != 1 in a new ns */
	sc.set_tid_vals[0] = 1;
	sc.set_tid_vals[1] = 4194304;		/* >= pid_max at the init level */
	p = predict(&P618, &t, &sc);
	ASSERT_ERR(p, -MODEL_EINVAL, "V-38");
	ck_assert_str_eq(alt_rule(p, -MODEL_EEXIST), "V-38");	/* level 0 first */
	sc.set_tid_vals[1] = 4242;
	p = predict(&P618, &t, &sc);
	ASSERT_OK(p);
	ck_assert_str_eq(alt_rule(p, -MODEL_EEXIST), "V-38");
	/* tid < 1 at the innermost level */
	sc.uargs.flags = 0;
	sc.uargs.set_tid_size = 1;
	sc.set_tid_vals[0] = 0;
	ASSERT_ERR(predict(&P618, &t, &sc), -MODEL_EINVAL, "V-38");
	/* pid_max: 6.1 global (parent's), 6.18 new ns PID_MAX_LIMIT (X-8). */
	t.pid_max = 32768;
	t.pid_ns_children_level = 1;
	t.pid_ns_for_children = t.pid_ns_active;
	t.valid |= MODEL_IN_PID_REAPER;	/* its init is there: no reaper EINVAL */
	t.pid_ns_children_reaper = 1;
	sc.set_tid_vals[0] = 40000;
	ASSERT_ERR(predict(&P61, &t, &sc), -MODEL_EINVAL, "V-38");
	p = predict(&P618, &t, &sc);	/* nested ns: its own pid_max, not read */
	ASSERT_OK(p);
	ck_assert_str_eq(alt_rule(p, -MODEL_EINVAL), "V-38");	/* it may be 301 */
	sc.set_tid_vals[0] = 300;	/* below every pid_max (pid_max_min 301) */
	ck_assert_ptr_null(alt_rule(predict(&P618, &t, &sc), -MODEL_EINVAL));
	sc.set_tid_vals[0] = 301;
	ck_assert_str_eq(alt_rule(predict(&P618, &t, &sc), -MODEL_EINVAL), "V-38");
	/* 6.1: the global pid_max, read: 301..32767 decided, no alternative */
	sc.set_tid_vals[0] = 20000;
	ck_assert_ptr_null(alt_rule(predict(&P61, &t, &sc), -MODEL_EINVAL));
	/* pid_max not read (kernel/pid.c alloc_pid): above 300 it may be refused */
	t.valid &= ~MODEL_IN_PID_MAX;
	p = predict(&P61, &t, &sc);
	ASSERT_OK(p);
	ck_assert_str_eq(alt_rule(p, -MODEL_EINVAL), "V-38");
	sc.set_tid_vals[0] = 300;
	ck_assert_ptr_null(alt_rule(predict(&P61, &t, &sc), -MODEL_EINVAL));
	t.valid |= MODEL_IN_PID_MAX;
	sc.set_tid_vals[0] = 40000;
	/* Not read: nothing decided, the set_tid alternatives stay. */
	sc.set_tid_known = false;
	p = predict(&P61, &t, &sc);
	ASSERT_OK(p);
	ck_assert_str_eq(alt_rule(p, -MODEL_EEXIST), "V-38");
}
END_TEST

/* E-13 / X-7: clone3 CLONE_NEWTIME per point release. */
START_TEST(test_model_e13_clone3_newtime_point_release)
{
	struct model_task t = parent_task();
	struct model_syscall sc = sc_clone3(MODEL_CLONE_NEWTIME);
	struct model_profile p61 = P61;

	p61.patch_known = true;
	p61.patch = 19;
	ASSERT_ERR(predict(&p61, &t, &sc), -MODEL_EINVAL, "V-04");
	p61.patch = 20;
	ASSERT_OK(predict(&p61, &t, &sc));
	p61.patch_known = false;
	p61.patch = 0;
	ASSERT_OK(predict(&p61, &t, &sc));
	p61.minor = 2;
	ASSERT_ERR(predict(&p61, &t, &sc), -MODEL_EINVAL, "V-04");
}
END_TEST

/* ------------------------------------------ child R- rules, both ways */

START_TEST(test_model_r20_r21_namespaces)
{
	struct model_task t = parent_full();
	const struct model_pred *p = predict_full(&P618, &t, 0);

	ASSERT_EXPECT(p, "R-20", MODEL_STAGE_NEWTASK, MODEL_FIELD_NSPROXY,
		      MODEL_OP_EQ, 0xa000);
	ASSERT_EXPECT(p, "R-20", MODEL_STAGE_NEWTASK, MODEL_FIELD_PID_NS_ACTIVE,
		      MODEL_OP_EQ, 0xa100);
	ASSERT_EXPECT(p, "R-20", MODEL_STAGE_NEWTASK, MODEL_FIELD_NS_LEVEL,
		      MODEL_OP_EQ, 0);
	p = predict_full(&P618, &t, MODEL_CLONE_NEWNET | MODEL_CLONE_NEWPID);
	ASSERT_OK(p);
	ASSERT_EXPECT(p, "R-21", MODEL_STAGE_NEWTASK, MODEL_FIELD_NSPROXY,
		      MODEL_OP_NEW, 0xa000);
	ASSERT_EXPECT(p, "R-21", MODEL_STAGE_NEWTASK, MODEL_FIELD_NET_NS,
		      MODEL_OP_NEW, 0xa600);
	ASSERT_EXPECT(p, "R-21", MODEL_STAGE_NEWTASK, MODEL_FIELD_UTS_NS,
		      MODEL_OP_EQ, 0xa400);
	ASSERT_EXPECT(p, "R-21", MODEL_STAGE_NEWTASK, MODEL_FIELD_PID_NS_ACTIVE,
		      MODEL_OP_NEW, 0xa100);
	ASSERT_EXPECT(p, "R-21", MODEL_STAGE_NEWTASK, MODEL_FIELD_NS_LEVEL,
		      MODEL_OP_EQ, 1);
	ASSERT_EXPECT(p, "R-21", MODEL_STAGE_NEWTASK, MODEL_FIELD_SIGNAL_FLAGS,
		      MODEL_OP_BITS_SET, MODEL_SIGNAL_UNKILLABLE);
	ASSERT_EXPECT(p, "R-21", MODEL_STAGE_NEWTASK, MODEL_FIELD_TIME_NS,
		      MODEL_OP_EQ, 0xa200);
	/* After unshare(CLONE_NEWTIME): 6.18 fork gets a new nsproxy... */
	t.time_ns_for_children = 0xa299;
	p = predict_full(&P618, &t, 0);
	ASSERT_EXPECT(p, "R-20", MODEL_STAGE_NEWTASK, MODEL_FIELD_NSPROXY,
		      MODEL_OP_NEW, 0xa000);
	ASSERT_EXPECT(p, "R-20", MODEL_STAGE_NEWTASK, MODEL_FIELD_TIME_NS,
		      MODEL_OP_EQ, 0xa299);
	ASSERT_EXPECT(p, "R-20", MODEL_STAGE_NEWTASK, MODEL_FIELD_MNT_NS,
		      MODEL_OP_EQ, 0xa300);
	/* ...but a CLONE_VM child keeps the nsproxy and time ns (6.2+). */
	p = predict_full(&P618, &t, TSV);
	ASSERT_EXPECT(p, "R-20", MODEL_STAGE_NEWTASK, MODEL_FIELD_NSPROXY,
		      MODEL_OP_EQ, 0xa000);
	ASSERT_EXPECT(p, "R-20", MODEL_STAGE_NEWTASK, MODEL_FIELD_TIME_NS,
		      MODEL_OP_EQ, 0xa200);
	p = predict_full(&P618, &t, MODEL_CLONE_VM | MODEL_CLONE_NEWUTS);
	ASSERT_EXPECT(p, "R-21", MODEL_STAGE_NEWTASK, MODEL_FIELD_TIME_NS,
		      MODEL_OP_EQ, 0xa200);
	/* clone3 NEWTIME: new time_ns_for_children and time_ns. */
	t.time_ns_for_children = 0xa200;
	{
		struct model_syscall sc = sc_clone3(MODEL_CLONE_NEWTIME);

		p = predict(&P618, &t, &sc);
	}
	ASSERT_EXPECT(p, "R-21", MODEL_STAGE_NEWTASK,
		      MODEL_FIELD_TIME_NS_FOR_CHILDREN, MODEL_OP_NEW, 0xa200);
	ASSERT_EXPECT(p, "R-21", MODEL_STAGE_NEWTASK, MODEL_FIELD_TIME_NS,
		      MODEL_OP_NEW, 0xa200);
}
END_TEST

START_TEST(test_model_r22_creds)
{
	struct model_task t = parent_full();
	const struct model_pred *p = predict_full(&P618, &t, TSV);

	ASSERT_EXPECT(p, "R-22", MODEL_STAGE_NEWTASK, MODEL_FIELD_CRED,
		      MODEL_OP_EQ, 0xb000);
	ASSERT_EXPECT(p, "R-22", MODEL_STAGE_NEWTASK, MODEL_FIELD_REAL_CRED,
		      MODEL_OP_EQ, 0xb000);
	t.has_thread_keyring = 1;
	p = predict_full(&P618, &t, TSV);
	ASSERT_EXPECT(p, "R-22", MODEL_STAGE_NEWTASK, MODEL_FIELD_CRED,
		      MODEL_OP_NEW, 0xb000);
	ck_assert_ptr_null(find_expect(p, "R-22", MODEL_STAGE_NEWTASK,
				       MODEL_FIELD_HAS_THREAD_KEYRING));
	p = predict_full(&P618, &t, 0);
	ASSERT_EXPECT(p, "R-22", MODEL_STAGE_NEWTASK, MODEL_FIELD_HAS_THREAD_KEYRING,
		      MODEL_OP_EQ, 0);
	ASSERT_EXPECT(p, "R-22", MODEL_STAGE_NEWTASK, MODEL_FIELD_USER_NS,
		      MODEL_OP_EQ, 0xb100);
	t.cap_effective = 0;
	p = predict_full(&P618, &t, MODEL_CLONE_NEWUSER);
	ASSERT_OK(p);
	ASSERT_EXPECT(p, "R-22", MODEL_STAGE_NEWTASK, MODEL_FIELD_USER_NS,
		      MODEL_OP_NEW, 0xb100);
	ASSERT_EXPECT(p, "R-22", MODEL_STAGE_NEWTASK, MODEL_FIELD_USER_NS_LEVEL,
		      MODEL_OP_EQ, 1);
	ASSERT_EXPECT(p, "R-22", MODEL_STAGE_NEWTASK, MODEL_FIELD_CAP_EFFECTIVE,
		      MODEL_OP_EQ, MODEL_CAP_FULL_SET);
	p = predict_full(&P618, &t, 0);
	ASSERT_EXPECT(p, "R-22", MODEL_STAGE_NEWTASK, MODEL_FIELD_CAP_EFFECTIVE,
		      MODEL_OP_EQ, 0);
}
END_TEST

START_TEST(test_model_r10_r11_sysvsem_io)
{
	struct model_task t = parent_full();
	const struct model_pred *p = predict_full(&P618, &t, 0);

	ASSERT_EXPECT(p, "R-10", MODEL_STAGE_NEWTASK, MODEL_FIELD_SYSVSEM_UNDO,
		      MODEL_OP_EQ, 0);
	ASSERT_EXPECT(p, "R-11", MODEL_STAGE_NEWTASK, MODEL_FIELD_IO_CONTEXT,
		      MODEL_OP_NEW, 0xc000);
	ASSERT_EXPECT(p, "R-11", MODEL_STAGE_NEWTASK, MODEL_FIELD_IOPRIO,
		      MODEL_OP_EQ, (2 << 13) | 4);
	p = predict_full(&P618, &t, MODEL_CLONE_SYSVSEM | MODEL_CLONE_IO);
	ASSERT_EXPECT(p, "R-10", MODEL_STAGE_NEWTASK, MODEL_FIELD_SYSVSEM_UNDO,
		      MODEL_OP_NEW, 0);		/* allocated for the parent */
	ASSERT_EXPECT(p, "R-11", MODEL_STAGE_NEWTASK, MODEL_FIELD_IO_CONTEXT,
		      MODEL_OP_EQ, 0xc000);
	t.sysvsem_undo = 0xe000;
	t.ioprio = 0;				/* IOPRIO_CLASS_NONE */
	p = predict_full(&P618, &t, MODEL_CLONE_SYSVSEM);
	ASSERT_EXPECT(p, "R-10", MODEL_STAGE_NEWTASK, MODEL_FIELD_SYSVSEM_UNDO,
		      MODEL_OP_EQ, 0xe000);
	ASSERT_EXPECT(p, "R-11", MODEL_STAGE_NEWTASK, MODEL_FIELD_IO_CONTEXT,
		      MODEL_OP_EQ, 0);
	t.ioprio = 7 << 13;			/* IOPRIO_CLASS_INVALID */
	p = predict_full(&P618, &t, 0);
	ASSERT_EXPECT(p, "R-11", MODEL_STAGE_NEWTASK, MODEL_FIELD_IO_CONTEXT,
		      MODEL_OP_EQ, 0);
	t.io_context = 0;
	p = predict_full(&P618, &t, MODEL_CLONE_IO);
	ASSERT_EXPECT(p, "R-11", MODEL_STAGE_NEWTASK, MODEL_FIELD_IO_CONTEXT,
		      MODEL_OP_EQ, 0);
}
END_TEST

START_TEST(test_model_r05_r06_r14_r15_signals)
{
	struct model_task t = parent_full();
	const struct model_pred *p = predict_full(&P618, &t, TSV);

	ASSERT_EXPECT(p, "R-05", MODEL_STAGE_NEWTASK, MODEL_FIELD_SAS_SS_SP,
		      MODEL_OP_EQ, 0);
	ASSERT_EXPECT(p, "R-05", MODEL_STAGE_NEWTASK, MODEL_FIELD_SAS_SS_FLAGS,
		      MODEL_OP_EQ, MODEL_SS_DISABLE);
	ASSERT_EXPECT(p, "R-06", MODEL_STAGE_NEWTASK, MODEL_FIELD_RSEQ,
		      MODEL_OP_EQ, 0);
	ASSERT_EXPECT(p, "R-14", MODEL_STAGE_NEWTASK, MODEL_FIELD_BLOCKED,
		      MODEL_OP_EQ, 0x4002);
	ASSERT_EXPECT(p, "R-14", MODEL_STAGE_NEWTASK, MODEL_FIELD_PDEATH_SIGNAL,
		      MODEL_OP_EQ, 0);
	ASSERT_EXPECT(p, "R-15", MODEL_STAGE_NEWTASK, MODEL_FIELD_SECCOMP_FILTER,
		      MODEL_OP_EQ, 0xd000);
	ASSERT_EXPECT(p, "R-15", MODEL_STAGE_NEWTASK, MODEL_FIELD_SECCOMP_MODE,
		      MODEL_OP_EQ, 2);
	/* vfork: VM with VFORK keeps the sigaltstack; fork keeps rseq. */
	{
		struct model_syscall sc = { .entry = MODEL_ENTRY_VFORK };

		p = predict(&P618, &t, &sc);
	}
	ASSERT_EXPECT(p, "R-05", MODEL_STAGE_NEWTASK, MODEL_FIELD_SAS_SS_SP,
		      MODEL_OP_EQ, 0x7000);
	ASSERT_EXPECT(p, "R-05", MODEL_STAGE_NEWTASK, MODEL_FIELD_SAS_SS_SIZE,
		      MODEL_OP_EQ, 8192);
	p = predict_full(&P618, &t, 0);
	ASSERT_EXPECT(p, "R-06", MODEL_STAGE_NEWTASK, MODEL_FIELD_RSEQ,
		      MODEL_OP_EQ, 0x7100);
	ASSERT_EXPECT(p, "R-06", MODEL_STAGE_NEWTASK, MODEL_FIELD_RSEQ_LEN,
		      MODEL_OP_EQ, 32);
}
END_TEST

START_TEST(test_model_r40_r27_ptrace)
{
	struct model_task t = parent_full();
	const struct model_pred *p = predict_full(&P618, &t, 0);

	/* Not traced. */
	ASSERT_EXPECT(p, "R-40", MODEL_STAGE_NEWTASK, MODEL_FIELD_PTRACE,
		      MODEL_OP_EQ, 0);
	ASSERT_EXPECT(p, "R-27", MODEL_STAGE_NEWTASK, MODEL_FIELD_PARENT_PID,
		      MODEL_OP_EQ, 1000);
	ASSERT_EXPECT(p, "R-14", MODEL_STAGE_NEWTASK, MODEL_FIELD_PENDING,
		      MODEL_OP_EQ, 0);
	/* Traced without fork events: no attach; with CLONE_PTRACE attach. */
	t.ptrace = MODEL_PT_PTRACED;
	t.parent_pid = 4242;
	p = predict_full(&P618, &t, 0);
	ASSERT_EXPECT(p, "R-40", MODEL_STAGE_NEWTASK, MODEL_FIELD_PTRACE,
		      MODEL_OP_EQ, 0);
	ck_assert_int_eq(p->kargs.trace, 0);
	p = predict_full(&P618, &t, MODEL_CLONE_PTRACE);
	ASSERT_EXPECT(p, "R-40", MODEL_STAGE_NEWTASK, MODEL_FIELD_PTRACE,
		      MODEL_OP_EQ, MODEL_PT_PTRACED);
	ASSERT_EXPECT(p, "R-27", MODEL_STAGE_NEWTASK, MODEL_FIELD_PARENT_PID,
		      MODEL_OP_EQ, 4242);
	ASSERT_EXPECT(p, "R-40", MODEL_STAGE_NEWTASK, MODEL_FIELD_PENDING,
		      MODEL_OP_EQ, MODEL_SIGMASK(MODEL_SIGSTOP));
	/* PTRACE_O_TRACEFORK under PTRACE_SEIZE: event 1, trap-stop. */
	t.ptrace = MODEL_PT_PTRACED | MODEL_PT_SEIZED |
		   MODEL_PT_EVENT_FLAG(MODEL_PTRACE_EVENT_FORK);
	p = predict_full(&P618, &t, 0);
	ck_assert_int_eq(p->kargs.trace, MODEL_PTRACE_EVENT_FORK);
	ASSERT_EXPECT(p, "R-40", MODEL_STAGE_NEWTASK, MODEL_FIELD_JOBCTL,
		      MODEL_OP_BITS_SET, MODEL_JOBCTL_TRAP_STOP);
	/* pthread (exit signal 0) is a CLONE event, not enabled here... */
	{
		struct model_syscall sc = sc_clone(TSV);

		p = predict(&P618, &t, &sc);
	}
	ck_assert_int_eq(p->kargs.trace, 0);
	ASSERT_EXPECT(p, "R-27", MODEL_STAGE_NEWTASK, MODEL_FIELD_PARENT_PID,
		      MODEL_OP_EQ, 900);
	ck_assert_ptr_null(find_expect(p, "R-40", MODEL_STAGE_NEWTASK,
				       MODEL_FIELD_JOBCTL));
	p = predict_full(&P618, &t, MODEL_CLONE_UNTRACED);
	ck_assert_int_eq(p->kargs.trace, 0);
	/* vfork event */
	t.ptrace |= MODEL_PT_EVENT_FLAG(MODEL_PTRACE_EVENT_VFORK) |
		    MODEL_PT_EVENT_FLAG(MODEL_PTRACE_EVENT_CLONE);
	p = predict_full(&P618, &t, MODEL_CLONE_VFORK | MODEL_CLONE_VM);
	ck_assert_int_eq(p->kargs.trace, MODEL_PTRACE_EVENT_VFORK);
	{
		struct model_syscall sc = sc_clone(TSV);

		p = predict(&P618, &t, &sc);
	}
	ck_assert_int_eq(p->kargs.trace, MODEL_PTRACE_EVENT_CLONE);
	/* ...while a SIGCHLD thread counts as a FORK event (kernel_clone()). */
	p = predict_full(&P618, &t, TSV);
	ck_assert_int_eq(p->kargs.trace, MODEL_PTRACE_EVENT_FORK);
}
END_TEST

START_TEST(test_model_identity_rules)
{
	struct model_task t = parent_full();
	const struct model_pred *p = predict_full(&P618, &t,
		MODEL_CLONE_CHILD_SETTID);

	ASSERT_EXPECT(p, "R-25", MODEL_STAGE_NEWTASK, MODEL_FIELD_PARENT_EXEC_ID,
		      MODEL_OP_EQ, 7);
	ASSERT_EXPECT(p, "R-25", MODEL_STAGE_NEWTASK, MODEL_FIELD_SELF_EXEC_ID,
		      MODEL_OP_EQ, 7);
	ASSERT_EXPECT(p, "R-13", MODEL_STAGE_NEWTASK, MODEL_FIELD_OOM_SCORE_ADJ,
		      MODEL_OP_EQ, 200);
	ASSERT_EXPECT(p, "R-13", MODEL_STAGE_NEWTASK,
		      MODEL_FIELD_OOM_SCORE_ADJ_MIN, MODEL_OP_EQ, -100);
	ASSERT_EXPECT(p, "R-31", MODEL_STAGE_NEWTASK, MODEL_FIELD_COMM_LO,
		      MODEL_OP_EQ, 0x6b726f666e69616dULL);
	ASSERT_EXPECT(p, "R-30", MODEL_STAGE_NEWTASK, MODEL_FIELD_START_TIME,
		      MODEL_OP_GE, 5000000);
	ASSERT_EXPECT(p, "R-32", MODEL_STAGE_NEWTASK, MODEL_FIELD_PID,
		      MODEL_OP_LE, 4194303);
	ASSERT_EXPECT(p, "R-37", MODEL_STAGE_NEWTASK, MODEL_FIELD_SET_CHILD_TID,
		      MODEL_OP_EQ, 0x602000);
	ASSERT_EXPECT(p, "R-38", MODEL_STAGE_NEWTASK, MODEL_FIELD_CLEAR_CHILD_TID,
		      MODEL_OP_EQ, 0);
	ASSERT_EXPECT(p, "R-26", MODEL_STAGE_NEWTASK,
		      MODEL_FIELD_HAS_CHILD_SUBREAPER, MODEL_OP_EQ, 0);
	ASSERT_EXPECT(p, "R-26", MODEL_STAGE_NEWTASK,
		      MODEL_FIELD_IS_CHILD_SUBREAPER, MODEL_OP_EQ, 0);
	ASSERT_EXPECT(p, "S-03", MODEL_STAGE_NEWTASK, MODEL_FIELD_UCLAMP_MIN,
		      MODEL_OP_EQ, 100);
	ASSERT_EXPECT(p, "R-03", MODEL_STAGE_NEWTASK, MODEL_FIELD_GTIME,
		      MODEL_OP_EQ, 0);
	/* The other branches. */
	t.is_child_subreaper = 1;
	t.reset_on_fork = 1;
	p = predict_full(&P618, &t, MODEL_CLONE_CHILD_CLEARTID);
	ASSERT_EXPECT(p, "R-26", MODEL_STAGE_NEWTASK,
		      MODEL_FIELD_HAS_CHILD_SUBREAPER, MODEL_OP_EQ, 1);
	ASSERT_EXPECT(p, "R-37", MODEL_STAGE_NEWTASK, MODEL_FIELD_SET_CHILD_TID,
		      MODEL_OP_EQ, 0);
	ASSERT_EXPECT(p, "R-38", MODEL_STAGE_NEWTASK, MODEL_FIELD_CLEAR_CHILD_TID,
		      MODEL_OP_EQ, 0x602000);
	ASSERT_EXPECT(p, "S-03", MODEL_STAGE_NEWTASK, MODEL_FIELD_UCLAMP_MAX,
		      MODEL_OP_EQ, 1024);
	ASSERT_EXPECT(p, "S-03", MODEL_STAGE_NEWTASK, MODEL_FIELD_UCLAMP_MIN,
		      MODEL_OP_EQ, 0);
	p = predict_full(&P618, &t, TSV);
	ASSERT_EXPECT(p, "R-25", MODEL_STAGE_NEWTASK, MODEL_FIELD_PARENT_EXEC_ID,
		      MODEL_OP_EQ, 3);
	ASSERT_EXPECT(p, "R-26", MODEL_STAGE_NEWTASK,
		      MODEL_FIELD_IS_CHILD_SUBREAPER, MODEL_OP_EQ, 1);
	p = predict_full(&P618, &t, MODEL_CLONE_PARENT);
	ck_assert_ptr_null(find_expect(p, "R-26", MODEL_STAGE_NEWTASK,
				       MODEL_FIELD_HAS_CHILD_SUBREAPER));
	/* RT parent, no user_defined read (older files): util-min not predicted. */
	t.reset_on_fork = 0;
	t.policy = MODEL_SCHED_FIFO;
	t.normal_prio = t.prio = 49;
	p = predict_full(&P618, &t, 0);
	ck_assert(!has_field(p, MODEL_STAGE_NEWTASK, MODEL_FIELD_UCLAMP_MIN));
	ck_assert(!has_field(p, MODEL_STAGE_NEWTASK, MODEL_FIELD_UCLAMP_USER));
	ASSERT_EXPECT(p, "S-03", MODEL_STAGE_NEWTASK, MODEL_FIELD_UCLAMP_MAX,
		      MODEL_OP_EQ, 900);
	/* NPROC_EXCEEDED is inherited (R-41). */
	t.flags |= MODEL_PF_NPROC_EXCEEDED;
	p = predict_full(&P618, &t, 0);
	ASSERT_EXPECT(p, "R-41", MODEL_STAGE_NEWTASK, MODEL_FIELD_FLAGS,
		      MODEL_OP_BITS_SET, MODEL_PF_FORKNOEXEC | MODEL_PF_NPROC_EXCEEDED |
		      MODEL_PF_RANDOMIZE);
}
END_TEST

START_TEST(test_model_r04_vfork_done)
{
	struct model_task t = parent_full();
	struct model_syscall sc = { .entry = MODEL_ENTRY_VFORK };
	const struct model_pred *p = predict(&P618, &t, &sc);

	ASSERT_EXPECT(p, "R-04", MODEL_STAGE_NEWTASK, MODEL_FIELD_VFORK_DONE,
		      MODEL_OP_EQ, 0);
	ASSERT_EXPECT(p, "R-04", MODEL_STAGE_FORK, MODEL_FIELD_VFORK_DONE,
		      MODEL_OP_EQ, 0);
	ASSERT_EXPECT(p, "R-04", MODEL_STAGE_WAKEUP, MODEL_FIELD_VFORK_DONE,
		      MODEL_OP_NE, 0);
	sc = sc_fork();
	p = predict(&P618, &t, &sc);
	ASSERT_EXPECT(p, "R-04", MODEL_STAGE_WAKEUP, MODEL_FIELD_VFORK_DONE,
		      MODEL_OP_EQ, 0);
}
END_TEST

/* ------------------------------------------ kernel creators (R-28, X-11/14) */

static struct model_task kthreadd(void)
{
	struct model_task t = parent_full();

	t.pid = t.tgid = 2;
	t.real_parent_pid = 0;
	t.mm = 0;
	t.flags = MODEL_PF_KTHREAD | MODEL_PF_NO_SETAFFINITY;
	return t;
}

START_TEST(test_model_kthread_entry)
{
	struct model_task t = kthreadd();
	struct model_syscall sc = { .entry = MODEL_ENTRY_KTHREAD,
		.arg = { 0xffffffff81100000ULL, 0xffff888001234000ULL,
			 MODEL_CLONE_FS | MODEL_CLONE_FILES | MODEL_SIGCHLD } };
	const struct model_pred *p = predict(&P618_X86_FULL, &t, &sc);

	ASSERT_OK(p);
	ck_assert_uint_eq(p->kargs.flags, MODEL_CLONE_FS | MODEL_CLONE_FILES |
			  MODEL_CLONE_VM | MODEL_CLONE_UNTRACED);
	ck_assert_int_eq(p->kargs.exit_signal, MODEL_SIGCHLD);
	ck_assert(p->kargs.kthread && p->kargs.has_name && p->kargs.has_fn);
	ck_assert_uint_eq(p->stages_required,
			  MODEL_STAGE_BIT(MODEL_STAGE_NEWTASK) |
			  MODEL_STAGE_BIT(MODEL_STAGE_FORK) |
			  MODEL_STAGE_BIT(MODEL_STAGE_WAKEUP));
	ck_assert(p->stages_forbidden & MODEL_STAGE_BIT(MODEL_STAGE_SYS_EXIT));
	ASSERT_EXPECT(p, "R-01", MODEL_STAGE_NEWTASK, MODEL_FIELD_MM, MODEL_OP_EQ, 0);
	ASSERT_EXPECT(p, "R-25", MODEL_STAGE_NEWTASK, MODEL_FIELD_REAL_PARENT_PID,
		      MODEL_OP_EQ, 2);
	ASSERT_EXPECT(p, "R-28", MODEL_STAGE_NEWTASK, MODEL_FIELD_FLAGS,
		      MODEL_OP_BITS_SET, MODEL_PF_KTHREAD);
	ASSERT_EXPECT(p, "X-11", MODEL_STAGE_FORK, MODEL_FIELD_VFORK_DONE,
		      MODEL_OP_NE, 0);
	ASSERT_EXPECT(p, "X-14", MODEL_STAGE_NEWTASK, MODEL_FIELD_KFRAME_FN,
		      MODEL_OP_EQ, 0xffffffff81100000ULL);
	ASSERT_EXPECT(p, "X-14", MODEL_STAGE_NEWTASK, MODEL_FIELD_KFRAME_ARG,
		      MODEL_OP_EQ, 0xffff888001234000ULL);
	ASSERT_EXPECT(p, "X-14", MODEL_STAGE_NEWTASK, MODEL_FIELD_UREGS_IP,
		      MODEL_OP_EQ, 0);
	ck_assert(!has_field(p, MODEL_STAGE_NEWTASK, MODEL_FIELD_COMM_LO));
	ck_assert(!has_field(p, MODEL_STAGE_SYS_EXIT, MODEL_FIELD_RET));
	ck_assert(!has_field(p, MODEL_STAGE_CHILD_RET, MODEL_FIELD_RET));
	/* 6.1: no args->name, the child is still "kthreadd" (R-31, E-21). */
	p = predict(&P61_X86_FULL, &t, &sc);
	ASSERT_EXPECT(p, "R-31", MODEL_STAGE_NEWTASK, MODEL_FIELD_COMM_LO,
		      MODEL_OP_EQ, t.comm_lo);
	ASSERT_EXPECT(p, "X-11", MODEL_STAGE_NEWTASK, MODEL_FIELD_VFORK_DONE,
		      MODEL_OP_NE, 0);
	/* 5.10: vfork_done set later, by kthread(). */
	p = predict(&P510, &t, &sc);
	ASSERT_EXPECT(p, "R-04", MODEL_STAGE_NEWTASK, MODEL_FIELD_VFORK_DONE,
		      MODEL_OP_EQ, 0);
	ck_assert(!has_field(p, MODEL_STAGE_WAKEUP, MODEL_FIELD_VFORK_DONE));
}
END_TEST

START_TEST(test_model_io_and_user_workers)
{
	struct model_task t = parent_full();
	struct model_syscall sc = { .entry = MODEL_ENTRY_IO_WORKER,
		.arg = { 0xffffffff81200000ULL, 0 } };
	const uint64_t all_but = ~(MODEL_SIGMASK(MODEL_SIGKILL) |
				   MODEL_SIGMASK(MODEL_SIGSTOP));
	const struct model_pred *p = predict(&P618_ARM_FULL, &t, &sc);

	ASSERT_OK(p);
	ck_assert_uint_eq(p->kargs.flags, MODEL_IO_THREAD_FLAGS);
	ck_assert(p->stages_forbidden & MODEL_STAGE_BIT(MODEL_STAGE_FORK));
	ck_assert(!(p->stages_required & MODEL_STAGE_BIT(MODEL_STAGE_FORK)));
	ck_assert_str_eq(p->stages_rule, "O-03");
	ASSERT_EXPECT(p, "R-41", MODEL_STAGE_NEWTASK, MODEL_FIELD_FLAGS,
		      MODEL_OP_BITS_SET, MODEL_PF_FORKNOEXEC | MODEL_PF_IO_WORKER |
		      MODEL_PF_USER_WORKER | MODEL_PF_RANDOMIZE);
	ASSERT_EXPECT(p, "R-14", MODEL_STAGE_NEWTASK, MODEL_FIELD_BLOCKED,
		      MODEL_OP_EQ, all_but);
	ASSERT_EXPECT(p, "R-25", MODEL_STAGE_NEWTASK, MODEL_FIELD_EXIT_SIGNAL,
		      MODEL_OP_EQ, -1);
	ASSERT_EXPECT(p, "X-14", MODEL_STAGE_NEWTASK, MODEL_FIELD_KFRAME_FN,
		      MODEL_OP_EQ, 0xffffffff81200000ULL);
	ck_assert(!has_field(p, MODEL_STAGE_NEWTASK, MODEL_FIELD_KFRAME_ARG));
	ASSERT_EXPECT(p, "X-14", MODEL_STAGE_NEWTASK, MODEL_FIELD_UREGS_SP,
		      MODEL_OP_EQ, 0);
	/* 6.1: io_thread without user_worker, signals still blocked. */
	p = predict(&P61_X86_FULL, &t, &sc);
	ASSERT_EXPECT(p, "R-41", MODEL_STAGE_NEWTASK, MODEL_FIELD_FLAGS,
		      MODEL_OP_BITS_CLEAR, MODEL_PF_KTHREAD | MODEL_PF_USER_WORKER |
		      MODEL_PF_SUPERPRIV | MODEL_PF_WQ_WORKER | MODEL_PF_IDLE |
		      MODEL_PF_NO_SETAFFINITY | MODEL_PF_NPROC_EXCEEDED | MODEL_PF_NOFREEZE);
	ASSERT_EXPECT(p, "R-14", MODEL_STAGE_NEWTASK, MODEL_FIELD_BLOCKED,
		      MODEL_OP_EQ, all_but);
	/* 5.10.162+ has create_io_thread(); 5.11 and 5.10.161 not. */
	{
		struct model_profile p510 = P510, p511 = P510;

		p = predict(&p510, &t, &sc);	/* Debian "5.10.0-NN": assumed late */
		ASSERT_OK(p);
		ck_assert_uint_eq(p->kargs.flags, MODEL_IO_THREAD_FLAGS);
		ck_assert(!p->kargs.user_worker);
		ASSERT_EXPECT(p, "R-14", MODEL_STAGE_NEWTASK, MODEL_FIELD_BLOCKED,
			      MODEL_OP_EQ, all_but);
		p510.patch_known = true;
		p510.patch = 223;
		ASSERT_OK(predict(&p510, &t, &sc));
		p510.patch = 162;
		ASSERT_OK(predict(&p510, &t, &sc));
		p510.patch = 161;
		ASSERT_ERR(predict(&p510, &t, &sc), -MODEL_ENOSYS, "E-06");
		p511.minor = 11;
		ASSERT_ERR(predict(&p511, &t, &sc), -MODEL_ENOSYS, "E-06");
	}

	/* vhost: user worker, no files (R-08), 6.4+ only. */
	sc.entry = MODEL_ENTRY_USER_WORKER;
	p = predict(&P618, &t, &sc);
	ASSERT_OK(p);
	ck_assert_uint_eq(p->kargs.flags, MODEL_VHOST_TASK_FLAGS);
	ASSERT_EXPECT(p, "R-08", MODEL_STAGE_NEWTASK, MODEL_FIELD_FILES,
		      MODEL_OP_EQ, 0);
	ck_assert(p->stages_forbidden & MODEL_STAGE_BIT(MODEL_STAGE_FORK));
	ck_assert_ptr_null(alt_rule(p, -MODEL_EMFILE));
	ASSERT_ERR(predict(&P61, &t, &sc), -MODEL_ENOSYS, "E-05");
}
END_TEST

/*
 * The creator's context (tracepoint backend, no kernel_clone_args): which
 * kernel function made the clone, from who made it.
 */
START_TEST(test_model_creator_entry)
{
	struct model_task kd = kthreadd(), user = parent_full();
	struct model_creator ctx = { .sysnr_known = true, .sysnr = 426, .clone_io = true };
	struct model_syscall sc;
	const struct model_pred *p;

	/* kthreadd: create_kthread()'s kernel_thread(kthread, FS|FILES|SIGCHLD) */
	ck_assert_int_eq(model_creator_entry(&P618_X86_FULL, &kd, &ctx, &sc), 0);
	ck_assert_int_eq(sc.entry, MODEL_ENTRY_KTHREAD);
	ck_assert_uint_eq(sc.arg[2], MODEL_CLONE_FS | MODEL_CLONE_FILES | MODEL_SIGCHLD);
	ck_assert(sc.creator_after_copy);
	p = predict(&P618_X86_FULL, &kd, &sc);
	ASSERT_OK(p);
	ASSERT_EXPECT(p, "R-28", MODEL_STAGE_NEWTASK, MODEL_FIELD_CLONE_FLAGS, MODEL_OP_EQ,
		      MODEL_CLONE_VM | MODEL_CLONE_UNTRACED | MODEL_CLONE_FS | MODEL_CLONE_FILES);
	ASSERT_EXPECT(p, "R-01", MODEL_STAGE_NEWTASK, MODEL_FIELD_MM, MODEL_OP_EQ, 0);
	ASSERT_EXPECT(p, "E-05", MODEL_STAGE_NEWTASK, MODEL_FIELD_FLAGS, MODEL_OP_BITS_SET,
		      MODEL_PF_KTHREAD);
	ASSERT_EXPECT(p, "E-05", MODEL_STAGE_NEWTASK, MODEL_FIELD_FLAGS, MODEL_OP_BITS_CLEAR,
		      MODEL_PF_NO_SETAFFINITY);
	ck_assert(!has_field(p, MODEL_STAGE_NEWTASK, MODEL_FIELD_KFRAME_FN)); /* fn unknown */
	/* another kernel thread (a kworker's usermode helper): not decided */
	kd.pid = 40;
	ck_assert_int_eq(model_creator_entry(&P618_X86_FULL, &kd, &ctx, &sc), -1);
	kd = kthreadd();
	kd.ns_level = 1;
	ck_assert_int_eq(model_creator_entry(&P618_X86_FULL, &kd, &ctx, &sc), -1);

	/* a user task outside clone: create_io_thread() with CLONE_IO ... */
	ck_assert_int_eq(model_creator_entry(&P618_X86_FULL, &user, &ctx, &sc), 0);
	ck_assert_int_eq(sc.entry, MODEL_ENTRY_IO_WORKER);
	p = predict(&P618_X86_FULL, &user, &sc);
	ASSERT_EXPECT(p, "E-06", MODEL_STAGE_NEWTASK, MODEL_FIELD_FLAGS, MODEL_OP_BITS_SET,
		      MODEL_PF_IO_WORKER | MODEL_PF_USER_WORKER);
	ASSERT_EXPECT(p, "E-06", MODEL_STAGE_NEWTASK, MODEL_FIELD_BLOCKED, MODEL_OP_EQ,
		      (int64_t)~(MODEL_SIGMASK(MODEL_SIGKILL) | MODEL_SIGMASK(MODEL_SIGSTOP)));
	/* ... 6.1: no PF_USER_WORKER yet */
	p = predict(&P61_X86_FULL, &user, &sc);
	ASSERT_EXPECT(p, "E-06", MODEL_STAGE_NEWTASK, MODEL_FIELD_FLAGS, MODEL_OP_BITS_SET,
		      MODEL_PF_IO_WORKER);
	/* ... vhost_task_create() without it */
	ctx.clone_io = false;
	ck_assert_int_eq(model_creator_entry(&P618_X86_FULL, &user, &ctx, &sc), 0);
	ck_assert_int_eq(sc.entry, MODEL_ENTRY_USER_WORKER);
	p = predict(&P618_X86_FULL, &user, &sc);
	ASSERT_EXPECT(p, "E-05", MODEL_STAGE_NEWTASK, MODEL_FIELD_FLAGS, MODEL_OP_BITS_SET,
		      MODEL_PF_USER_WORKER);
	ASSERT_EXPECT(p, "R-08", MODEL_STAGE_NEWTASK, MODEL_FIELD_FILES, MODEL_OP_EQ, 0);
	/* an io_uring worker's own creations are io threads whatever the flags */
	user.flags |= MODEL_PF_IO_WORKER;
	ctx.sysnr_known = false;
	ck_assert_int_eq(model_creator_entry(&P618_X86_FULL, &user, &ctx, &sc), 0);
	ck_assert_int_eq(sc.entry, MODEL_ENTRY_IO_WORKER);
	user.flags &= ~MODEL_PF_IO_WORKER;
	/* a user task whose syscall is unknown, or inside a clone syscall: not decided */
	ck_assert_int_eq(model_creator_entry(&P618_X86_FULL, &user, &ctx, &sc), -1);
	ctx.sysnr_known = true;
	for (uint32_t nr = 56; nr <= 58; nr++) {
		ctx.sysnr = nr;
		ck_assert_int_eq(model_creator_entry(&P618_X86_FULL, &user, &ctx, &sc), -1);
	}
	ctx.sysnr = 435;
	ck_assert_int_eq(model_creator_entry(&P618_X86_FULL, &user, &ctx, &sc), -1);
	/* a 32-bit task's fork, clone, vfork (no syscall tracepoint): not decided */
	for (size_t k = 0; k < 3; k++) {
		ctx.sysnr = (uint32_t[]){ 2, 120, 190 }[k];
		ck_assert_int_eq(model_creator_entry(&P618_X86_FULL, &user, &ctx, &sc), -1);
		ck_assert_int_eq(model_creator_entry(&P618_ARM_FULL, &user, &ctx, &sc), -1);
	}
	ctx.sysnr = 220;	/* clone on arm64; on x86_64 getdents64 */
	ck_assert_int_eq(model_creator_entry(&P618_ARM_FULL, &user, &ctx, &sc), -1);
	ck_assert_int_eq(model_creator_entry(&P618_X86_FULL, &user, &ctx, &sc), 0);
	ctx.sysnr = 56;		/* arm64's 56 is openat */
	ck_assert_int_eq(model_creator_entry(&P618_ARM_FULL, &user, &ctx, &sc), 0);
}
END_TEST

/*
 * A creator read after the copy: copy_process() cleared its
 * PF_NPROC_EXCEEDED, so the child's (inherited) bit is not predicted from it.
 */
START_TEST(test_model_creator_after_copy_nproc)
{
	struct model_task user = parent_full();
	struct model_syscall sc = { .entry = MODEL_ENTRY_IO_WORKER };
	const struct model_pred *p = predict(&P618_X86_FULL, &user, &sc);
	bool seen = false;

	for (size_t i = 0; i < p->n_expect; i++)
		if (!strcmp(p->expect[i].rule, "R-41") &&
		    p->expect[i].op == MODEL_OP_BITS_CLEAR)
			seen |= (p->expect[i].value & MODEL_PF_NPROC_EXCEEDED) != 0;
	ck_assert(seen);	/* read at entry: the bit is inherited, here clear */
	sc.creator_after_copy = true;
	p = predict(&P618_X86_FULL, &user, &sc);
	for (size_t i = 0; i < p->n_expect; i++)
		if (!strcmp(p->expect[i].rule, "R-41"))
			ck_assert(!(p->expect[i].value & MODEL_PF_NPROC_EXCEEDED));
}
END_TEST

START_TEST(test_model_umh_entry)
{
	/* A kworker runs user_mode_thread(fn, arg, CLONE_PARENT | SIGCHLD). */
	struct model_task t = kthreadd();
	struct model_syscall sc = { .entry = MODEL_ENTRY_UMH,
		.arg = { 0xffffffff81300000ULL, 0x1234,
			 MODEL_CLONE_PARENT | MODEL_SIGCHLD } };
	const struct model_pred *p;

	t.flags |= MODEL_PF_WQ_WORKER;
	p = predict(&P618_X86_FULL, &t, &sc);
	ASSERT_OK(p);
	ck_assert(!p->kargs.kthread && !p->kargs.has_name);
	ASSERT_EXPECT(p, "R-28", MODEL_STAGE_NEWTASK, MODEL_FIELD_FLAGS,
		      MODEL_OP_BITS_CLEAR, MODEL_PF_KTHREAD);
	ASSERT_EXPECT(p, "X-14", MODEL_STAGE_NEWTASK, MODEL_FIELD_KFRAME_ARG,
		      MODEL_OP_EQ, 0x1234);
	ck_assert(p->stages_required & MODEL_STAGE_BIT(MODEL_STAGE_FORK));
	ASSERT_EXPECT(p, "R-04", MODEL_STAGE_NEWTASK, MODEL_FIELD_VFORK_DONE,
		      MODEL_OP_EQ, 0);
}
END_TEST

/* ------------------------------------------ arch (X-13) */

START_TEST(test_model_x13_copy_thread_x86_64)
{
	struct model_task t = parent_full();
	struct model_syscall sc = sc_clone(TSV | MODEL_CLONE_SETTLS);
	const struct model_pred *p = predict(&P618_X86_FULL, &t, &sc);

	ASSERT_OK(p);
	ASSERT_EXPECT(p, "X-13", MODEL_STAGE_NEWTASK, MODEL_FIELD_KFRAME_RET,
		      MODEL_OP_EQ, 0xffffffff81002000ULL);	/* _asm on 6.18 */
	ASSERT_EXPECT(p, "X-13", MODEL_STAGE_NEWTASK, MODEL_FIELD_KFRAME_SP_OFF,
		      MODEL_OP_EQ, -56);
	ASSERT_EXPECT(p, "X-13", MODEL_STAGE_NEWTASK, MODEL_FIELD_KFRAME_FN,
		      MODEL_OP_EQ, 0);
	ASSERT_EXPECT(p, "X-13", MODEL_STAGE_NEWTASK, MODEL_FIELD_NEED_RESCHED,
		      MODEL_OP_EQ, 0);
	ASSERT_EXPECT(p, "R-35", MODEL_STAGE_NEWTASK, MODEL_FIELD_UREGS_RET,
		      MODEL_OP_EQ, 0);
	ASSERT_EXPECT(p, "R-35", MODEL_STAGE_NEWTASK, MODEL_FIELD_UREGS_SP,
		      MODEL_OP_EQ, 0x7ff000);
	ASSERT_EXPECT(p, "R-35", MODEL_STAGE_NEWTASK, MODEL_FIELD_UREGS_IP,
		      MODEL_OP_EQ, 0x401000);
	ASSERT_EXPECT(p, "R-35", MODEL_STAGE_NEWTASK, MODEL_FIELD_USER_TLS,
		      MODEL_OP_EQ, 0x603000);
	ck_assert(!has_field(p, MODEL_STAGE_NEWTASK, MODEL_FIELD_PREEMPT_COUNT));
	/* 6.1: ret_from_fork; fork without stack/TLS keeps the parent's. */
	sc = sc_clone(MODEL_SIGCHLD);
	sc.arg[1] = 0;
	p = predict(&P61_X86_FULL, &t, &sc);
	ASSERT_EXPECT(p, "X-13", MODEL_STAGE_NEWTASK, MODEL_FIELD_KFRAME_RET,
		      MODEL_OP_EQ, 0xffffffff81001000ULL);
	ASSERT_EXPECT(p, "R-35", MODEL_STAGE_NEWTASK, MODEL_FIELD_UREGS_SP,
		      MODEL_OP_EQ, 0x7ffd000);
	ASSERT_EXPECT(p, "R-35", MODEL_STAGE_NEWTASK, MODEL_FIELD_USER_TLS,
		      MODEL_OP_EQ, 0x7f0000);
	/* No symbols: no return-address expectation. */
	p = predict(&P618, &t, &sc);
	ck_assert(!has_field(p, MODEL_STAGE_NEWTASK, MODEL_FIELD_KFRAME_RET));
}
END_TEST

START_TEST(test_model_x13_copy_thread_arm64)
{
	struct model_task t = parent_full();
	/* arm64 CLONE_BACKWARDS: (flags, newsp, ptid, tls, ctid) */
	struct model_syscall sc = sc_clone(TSV | MODEL_CLONE_SETTLS);
	const struct model_pred *p = predict(&P618_ARM_FULL, &t, &sc);
	struct model_profile pc = P618_ARM_FULL;

	ASSERT_OK(p);
	ASSERT_EXPECT(p, "X-13", MODEL_STAGE_NEWTASK, MODEL_FIELD_KFRAME_RET,
		      MODEL_OP_EQ, 0xffff800080011000ULL);
	ASSERT_EXPECT(p, "X-13", MODEL_STAGE_NEWTASK, MODEL_FIELD_KFRAME_SP_OFF,
		      MODEL_OP_EQ, 0);
	ASSERT_EXPECT(p, "X-13", MODEL_STAGE_NEWTASK, MODEL_FIELD_KFRAME_FP_OFF,
		      MODEL_OP_EQ, 0);
	ASSERT_EXPECT(p, "X-13", MODEL_STAGE_NEWTASK, MODEL_FIELD_KFRAME_ARG,
		      MODEL_OP_EQ, 0);
	ASSERT_EXPECT(p, "R-35", MODEL_STAGE_NEWTASK, MODEL_FIELD_USER_TLS,
		      MODEL_OP_EQ, 0x602000);
	ASSERT_EXPECT(p, "X-13", MODEL_STAGE_NEWTASK, MODEL_FIELD_PREEMPT_COUNT,
		      MODEL_OP_EQ, 0x100000000LL);
	pc.preempt_count = MODEL_CFG_Y;
	p = predict(&pc, &t, &sc);
	ASSERT_EXPECT(p, "X-13", MODEL_STAGE_NEWTASK, MODEL_FIELD_PREEMPT_COUNT,
		      MODEL_OP_EQ, 0x100000002LL);
	/* Without SETTLS the saved tp_value may lag: not predicted. */
	sc = sc_clone(TSV);
	p = predict(&P618_ARM_FULL, &t, &sc);
	ck_assert(!has_field(p, MODEL_STAGE_NEWTASK, MODEL_FIELD_USER_TLS));
	pc.preempt_count = MODEL_CFG_UNKNOWN;
	p = predict(&pc, &t, &sc);
	ck_assert(!has_field(p, MODEL_STAGE_NEWTASK, MODEL_FIELD_PREEMPT_COUNT));
}
END_TEST

/* ------------------------------------------ profiles and catalogue */

struct family_case {
	const char *release;
	enum model_family family;
	bool patch_known;
	int patch;
};

static const struct family_case family_cases[] = {
	{ "5.10.265", MODEL_FAMILY_5_10, true, 265 },
	{ "5.15.1", MODEL_FAMILY_5_10, true, 1 },
	{ "6.1.0-37-amd64", MODEL_FAMILY_6_1, false, 0 },
	{ "6.1.0", MODEL_FAMILY_6_1, true, 0 },
	{ "6.1.19-foo", MODEL_FAMILY_6_1, true, 19 },
	{ "6.6.30", MODEL_FAMILY_6_1, true, 30 },
	{ "6.12.95", MODEL_FAMILY_6_12, true, 95 },
	{ "6.17", MODEL_FAMILY_6_12, false, 0 },
	{ "6.18.35", MODEL_FAMILY_6_18, true, 35 },
	{ "7.0.1", MODEL_FAMILY_6_18, true, 1 },
};

START_TEST(test_model_profile_family)
{
	const struct family_case *c = &family_cases[_i];
	struct model_profile p;

	ck_assert_int_eq(model_profile_from_uname(c->release, "x86_64", &p), 0);
	ck_assert_msg(model_profile_family(&p) == c->family, "%s", c->release);
	ck_assert_msg(p.patch_known == c->patch_known, "%s", c->release);
	ck_assert_int_eq(p.patch, c->patch);
	ck_assert_int_eq(p.userns_sysctl, MODEL_CFG_UNKNOWN);
	ck_assert_int_eq(model_profile_from_uname("5.4.0", "x86_64", &p),
			 -MODEL_EINVAL);
	ck_assert_int_eq(model_profile_from_uname("4.19", "x86_64", &p),
			 -MODEL_EINVAL);
}
END_TEST

START_TEST(test_model_catalogue)
{
	static struct model_cat_entry cat[160];
	const char *pre[] = { "V-", "R-", "S-", "O-" };
	size_t n = model_catalogue(&P618, NULL, 0), i, j, rn;
	const struct model_rule *r = model_rules(&rn);
	struct model_profile deb = P61;

	ck_assert_uint_eq(n, 118);	/* 46 V, 44 R, 12 S, 7 O, A.4, D.1, 3 X, 4 E */
	ck_assert_uint_eq(model_catalogue(&P618, cat, 160), n);
	for (i = 0; i < n; i++) {
		ck_assert_ptr_nonnull(cat[i].statement);
		ck_assert_msg(strlen(cat[i].statement) < 70, "%s", cat[i].id);
		ck_assert_msg(cat[i].decided || cat[i].reason, "%s: no reason",
			      cat[i].id);
		for (j = i + 1; j < n; j++)
			ck_assert_str_ne(cat[i].id, cat[j].id);
	}
	/* Every V/R/S/O rule the model emits (as errno, alternative or
	 * expectation) is a catalogue rule. */
	for (i = 0; i < rn; i++) {
		bool catalogue_id = false, found = false;

		for (j = 0; j < 4; j++)
			if (!strncmp(r[i].id, pre[j], 2))
				catalogue_id = true;
		if (!catalogue_id)
			continue;
		for (j = 0; j < n; j++)
			if (!strcmp(cat[j].id, r[i].id))
				found = true;
		ck_assert_msg(found, "%s not in the catalogue", r[i].id);
	}
#define CAT(id_) ({ const struct model_cat_entry *e_ = NULL; \
	for (j = 0; j < n; j++) if (!strcmp(cat[j].id, id_)) e_ = &cat[j]; e_; })
	ck_assert(!CAT("V-16")->applies);	/* 6.18 */
	ck_assert_ptr_nonnull(CAT("V-16")->reason);
	ck_assert(!CAT("V-18")->applies);	/* upstream */
	ck_assert(!CAT("V-20")->decided);
	ck_assert_str_eq(CAT("V-20")->reason,
			 "a racing signal (alternative); decided when injected");
	ck_assert_int_eq(CAT("V-20")->need, MODEL_NEED_RACE);
	ck_assert_int_eq(CAT("V-20")->family, 'V');
	ck_assert(!CAT("V-48")->applies && CAT("V-48")->reason);	/* 7.1+ */
	ck_assert(CAT("R-28")->decided && CAT("R-28")->need == MODEL_NEED_COPY_ARGS);
	ck_assert(CAT("V-38")->decided && CAT("V-38")->reason);
	ck_assert(CAT("O-06")->applies);
	ck_assert(CAT("V-44")->applies);
	model_catalogue(&P618_ARM, cat, 160);
	ck_assert(!CAT("O-06")->applies && !CAT("V-36")->applies);
	deb.userns_sysctl = MODEL_CFG_Y;
	model_catalogue(&deb, cat, 160);
	ck_assert(CAT("V-16")->applies && CAT("V-16")->decided);
	ck_assert(CAT("V-18")->applies && CAT("V-18")->decided);
	ck_assert(!CAT("V-44")->applies && !CAT("V-45")->applies);
	ck_assert(CAT("R-02")->decided && CAT("R-02")->reason == NULL);
	/* A short buffer is filled up to its size only. */
	memset(cat, 0, sizeof(cat));
	ck_assert_uint_eq(model_catalogue(&P618, cat, 3), n);
	ck_assert_ptr_nonnull(cat[2].id);
	ck_assert_ptr_null(cat[3].id);
#undef CAT
}
END_TEST

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* Does the prediction order stage a before stage b under rule? */
static bool has_order(const struct model_pred *pr, const char *rule, enum model_stage a,
		      enum model_stage b)
{
	for (size_t i = 0; i < pr->n_order; i++)
		if (!strcmp(pr->order[i].rule, rule) && pr->order[i].before == a &&
		    pr->order[i].after == b)
			return true;
	return false;
}

/* The expectation on task_newtask's clone_flags (rule, value) or NULL. */
static const struct model_expect *flags_expect(const struct model_pred *pr)
{
	for (size_t i = 0; i < pr->n_expect; i++)
		if (pr->expect[i].field == MODEL_FIELD_CLONE_FLAGS &&
		    pr->expect[i].stage == MODEL_STAGE_NEWTASK)
			return &pr->expect[i];
	return NULL;
}

/* V-01..V-04: task_newtask reports the flags the entry point built. */
START_TEST(test_model_entry_point_flags)
{
	struct model_syscall sc = sc_fork();
	const struct model_expect *e;

	e = flags_expect(predict_default(&sc));
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->rule, "V-01");
	ck_assert_int_eq(e->value, 0);

	sc.entry = MODEL_ENTRY_VFORK;
	e = flags_expect(predict_default(&sc));
	ck_assert_str_eq(e->rule, "V-02");
	ck_assert_int_eq(e->value, MODEL_CLONE_VFORK | MODEL_CLONE_VM);

	/* legacy clone: the exit-signal byte is not a flag */
	sc = sc_clone(MODEL_CLONE_CHILD_SETTID | MODEL_CLONE_CHILD_CLEARTID | 17);
	e = flags_expect(predict_default(&sc));
	ck_assert_str_eq(e->rule, "V-03");
	ck_assert_int_eq(e->value, MODEL_CLONE_CHILD_SETTID | MODEL_CLONE_CHILD_CLEARTID);

	sc = sc_clone3(MODEL_CLONE_FILES);
	e = flags_expect(predict_default(&sc));
	ck_assert_str_eq(e->rule, "V-04");
	ck_assert_int_eq(e->value, MODEL_CLONE_FILES);

	/* a failed clone has no task_newtask to check */
	sc = sc_clone(MODEL_CLONE_SIGHAND);
	ck_assert_ptr_null(flags_expect(predict_default(&sc)));
}
END_TEST

/* D.1 and R-04: the order of the points of one successful clone. */
START_TEST(test_model_order_of_points)
{
	const struct model_profile arm = { .major = 6, .minor = 18, .arch = MODEL_ARCH_ARM64 };
	struct model_task p = parent_task();
	struct model_syscall vf = sc_fork();
	const struct model_pred *pr;

	pr = predict_default(&vf);
	ck_assert(has_order(pr, "D.1", MODEL_STAGE_SYS_ENTER, MODEL_STAGE_NEWTASK));
	ck_assert(has_order(pr, "D.1", MODEL_STAGE_NEWTASK, MODEL_STAGE_FORK));
	ck_assert(has_order(pr, "D.1", MODEL_STAGE_FORK, MODEL_STAGE_WAKEUP));
	ck_assert(has_order(pr, "D.1", MODEL_STAGE_WAKEUP, MODEL_STAGE_SYS_EXIT));
	ck_assert(has_order(pr, "D.1", MODEL_STAGE_WAKEUP, MODEL_STAGE_CHILD_RET));
	/* fork: the parent may return before or after the child runs */
	ck_assert(!has_order(pr, "R-04", MODEL_STAGE_CHILD_RET, MODEL_STAGE_SYS_EXIT));

	for (size_t i = 0; i < pr->n_order; i++)	/* D.1 has no exception */
		ck_assert_int_eq(pr->order[i].unless, MODEL_ORDER_ALWAYS);

	vf.entry = MODEL_ENTRY_VFORK;
	pr = predict_default(&vf);
	ck_assert(has_order(pr, "R-04", MODEL_STAGE_CHILD_RET, MODEL_STAGE_SYS_EXIT));
	/* the killable wait (wait_for_vfork_done()): reversed if P was killed */
	for (size_t i = 0; i < pr->n_order; i++)
		ck_assert_int_eq(pr->order[i].unless, !strcmp(pr->order[i].rule, "R-04") ?
				 MODEL_ORDER_UNLESS_PARENT_KILLED : MODEL_ORDER_ALWAYS);

	/* arm64 has no O-06 (X-12): nothing ordered against it */
	vf = sc_clone(MODEL_CLONE_VM | MODEL_CLONE_VFORK | 17);
	pr = predict(&arm, &p, &vf);
	ck_assert_int_eq(pr->err, 0);
	ck_assert(!has_order(pr, "R-04", MODEL_STAGE_CHILD_RET, MODEL_STAGE_SYS_EXIT));
	ck_assert(has_order(pr, "D.1", MODEL_STAGE_WAKEUP, MODEL_STAGE_SYS_EXIT));

	/* a failure orders nothing */
	pr = predict_default(&(struct model_syscall){ .entry = MODEL_ENTRY_CLONE,
						      .arg = { MODEL_CLONE_SIGHAND } });
	ck_assert_int_ne(pr->err, 0);
	ck_assert_uint_eq(pr->n_order, 0);
}
END_TEST

/* -------------------------------------------- version corrections */

#define IN_REAPER	MODEL_IN_PID_REAPER
#define IN_NEW		(MODEL_IN_PID_REAPER | MODEL_IN_AUTOREAP | MODEL_IN_NNP | \
			 MODEL_IN_PIDFD | MODEL_IN_MNT_COUNT)

START_TEST(test_model_x13_arm64_fp_per_version)
{
	/* 5.10's arm64 copy_thread() never sets cpu_context.fp. */
	struct model_profile a510 = P618_ARM_FULL, a61 = P618_ARM_FULL;
	struct model_task t = parent_full();
	struct model_syscall sc = sc_clone(MODEL_SIGCHLD);
	const struct model_pred *p;

	a510.major = 5;
	a510.minor = 10;
	a61.minor = 1;
	p = predict(&a510, &t, &sc);
	ASSERT_OK(p);
	ck_assert_ptr_null(find_expect_op(p, "X-13", MODEL_STAGE_NEWTASK,
					  MODEL_FIELD_KFRAME_FP_OFF, MODEL_OP_EQ));
	ASSERT_EXPECT(p, "X-13", MODEL_STAGE_NEWTASK, MODEL_FIELD_KFRAME_FP_OFF,
		      MODEL_OP_GE, 1);
	ASSERT_EXPECT(p, "X-13", MODEL_STAGE_NEWTASK, MODEL_FIELD_KFRAME_FP_OFF,
		      MODEL_OP_LE, 1ULL << 52);
	/* the 5.10 kthread too: fp is 0 whatever the branch */
	p = predict(&a61, &t, &sc);
	ASSERT_EXPECT(p, "X-13", MODEL_STAGE_NEWTASK, MODEL_FIELD_KFRAME_FP_OFF,
		      MODEL_OP_EQ, 0);
	ck_assert_ptr_null(find_expect_op(p, "X-13", MODEL_STAGE_NEWTASK,
					  MODEL_FIELD_KFRAME_FP_OFF, MODEL_OP_GE));
	/* x86_64 has no such field */
	p = predict(&P618_X86_FULL, &t, &sc);
	ck_assert(!has_field(p, MODEL_STAGE_NEWTASK, MODEL_FIELD_KFRAME_FP_OFF));
}
END_TEST

START_TEST(test_model_v22_v23_order_510)
{
	/*
	 * 5.10 tests RLIMIT_NPROC before copy_creds(): an
	 * unprivileged NEWUSER at user ns level 33 over its NPROC limit gets
	 * EAGAIN there, so EAGAIN is allowed before V-22's ENOSPC; not on 6.1.
	 */
	struct model_task t = parent_full();
	struct model_syscall sc = sc_clone(MODEL_CLONE_NEWUSER | MODEL_SIGCHLD);
	const struct model_pred *p;

	t.user_ns_level = 33;
	t.cap_effective = 0;
	p = predict(&P510, &t, &sc);
	ASSERT_ERR(p, -MODEL_ENOSPC, "V-22");
	ck_assert_str_eq(alt_rule(p, -MODEL_EAGAIN), "V-23");
	p = predict(&P61, &t, &sc);
	ASSERT_ERR(p, -MODEL_ENOSPC, "V-22");
	ck_assert_ptr_null(alt_rule(p, -MODEL_EAGAIN));
}
END_TEST

/*
 * A SCHED_DEADLINE parent at user ns level 33 cloning NEWUSER: copy_creds()
 * (create_user_ns()'s depth test, ENOSPC) comes before sched_fork()'s
 * EAGAIN (V-27), and create_user_ns()'s later causes (ucount ENOSPC, chroot
 * and mapping EPERM, the LSM) cannot be reached at that depth: no V-22
 * alternative for any later step to fall back on.
 */
START_TEST(test_model_v22_depth_before_v27)
{
	struct model_task t = parent_full();
	struct model_syscall sc = sc_clone(MODEL_CLONE_NEWUSER | MODEL_SIGCHLD);
	struct model_kargs args = { .flags = MODEL_CLONE_NEWUSER, .exit_signal = MODEL_SIGCHLD };
	struct model_pred out = { 0 };
	const struct model_pred *p;

	t.policy = MODEL_SCHED_DEADLINE;
	t.prio = t.normal_prio = -1;
	t.user_ns_level = 33;
	p = predict(&P618_ARM, &t, &sc);
	ASSERT_ERR(p, -MODEL_ENOSPC, "V-22");
	ck_assert_ptr_null(alt_rule(p, -MODEL_EAGAIN));
	/* the alternatives of every step before a later one */
	model_copy_process_alts(&P618_ARM, &t, &args, MODEL_STEP_DONE, &out);
	ck_assert_ptr_null(alt_rule(&out, -MODEL_ENOSPC));
	ck_assert_ptr_null(alt_rule(&out, -MODEL_EPERM));
	t.user_ns_level = 32;	/* level 33 can be made: its limits and hooks can refuse */
	out = (struct model_pred){ 0 };
	model_copy_process_alts(&P618_ARM, &t, &args, MODEL_STEP_DONE, &out);
	ck_assert_str_eq(alt_rule(&out, -MODEL_ENOSPC), "V-22");
	ck_assert_str_eq(alt_rule(&out, -MODEL_EPERM), "V-22");
}
END_TEST

/* A parent after unshare(CLONE_NEWPID): children go one level down. */
static struct model_task parent_unshared_pid(bool reaper)
{
	struct model_task t = parent_full();

	t.valid |= IN_REAPER;
	t.pid_ns_for_children = 0xa180;
	t.pid_ns_children_level = 1;
	t.pid_ns_children_reaper = reaper;
	return t;
}

START_TEST(test_model_v34_namespaces_before_pid)
{
	/*
	 * create_new_namespaces() makes mnt, uts and ipc before pid
	 * #5): their ENOSPC may beat copy_pid_ns()'s EINVAL.
	 */
	struct model_task t = parent_unshared_pid(true);
	const uint64_t before_pid[] = { MODEL_CLONE_NEWNS, MODEL_CLONE_NEWUTS,
					MODEL_CLONE_NEWIPC };
	const struct model_pred *p;

	for (size_t i = 0; i < 3; i++) {
		p = predict_full(&P618_X86_FULL, &t, before_pid[i] | MODEL_CLONE_NEWPID);
		ASSERT_ERR(p, -MODEL_EINVAL, "V-34");
		ck_assert_str_eq(alt_rule(p, -MODEL_ENOSPC), "V-34");
	}
	/* NEWPID alone, or with a namespace made after pid: EINVAL first */
	p = predict_full(&P618_X86_FULL, &t, MODEL_CLONE_NEWPID);
	ASSERT_ERR(p, -MODEL_EINVAL, "V-34");
	ck_assert_ptr_null(alt_rule(p, -MODEL_ENOSPC));
	p = predict_full(&P618_X86_FULL, &t, MODEL_CLONE_NEWPID | MODEL_CLONE_NEWNET);
	ck_assert_ptr_null(alt_rule(p, -MODEL_ENOSPC));
}
END_TEST

/* clone3 with set_tid = {tids...} from @t on @prof. */
static const struct model_pred *predict_set_tid(const struct model_profile *prof,
						const struct model_task *t,
						uint64_t flags, size_t n, const int32_t *tids)
{
	struct model_syscall sc = sc_clone3(flags);

	sc.uargs.exit_signal = MODEL_SIGCHLD;
	sc.uargs.set_tid = 0x9000;
	sc.uargs.set_tid_size = n;
	sc.set_tid_known = true;
	for (size_t i = 0; i < n; i++)
		sc.set_tid_vals[i] = tids[i];
	return predict(prof, t, &sc);
}

START_TEST(test_model_v38_reaper_any_pid_ns)
{
	/*
	 * tid != 1 in any pid ns without a child_reaper: after
	 * unshare(CLONE_NEWPID), clone3(set_tid = {5}) is EINVAL.
	 */
	struct model_task none = parent_unshared_pid(false);
	struct model_task some = parent_unshared_pid(true);
	struct model_task unknown = parent_unshared_pid(false);
	const int32_t five[] = { 5 }, one[] = { 1 }, one_five[] = { 1, 5 };
	const struct model_pred *p;

	unknown.valid &= ~IN_REAPER;
	ASSERT_ERR(predict_set_tid(&P618_X86_FULL, &none, 0, 1, five), -MODEL_EINVAL,
		   "V-38");
	ASSERT_OK(predict_set_tid(&P618_X86_FULL, &none, 0, 1, one));
	ASSERT_OK(predict_set_tid(&P618_X86_FULL, &some, 0, 1, five));
	p = predict_set_tid(&P618_X86_FULL, &unknown, 0, 1, five);
	ASSERT_OK(p);
	ck_assert_ptr_nonnull(alt_rule(p, -MODEL_EINVAL));
	/* NEWPID needs pid_ns_for_children == the active ns (V-34) ... */
	ASSERT_ERR(predict_set_tid(&P618_X86_FULL, &none, MODEL_CLONE_NEWPID, 2, one_five),
		   -MODEL_EINVAL, "V-34");
	/* ... which has a reaper; the brand-new ns at level 0 still wants 1 */
	some = parent_full();
	some.valid |= IN_REAPER;
	some.pid_ns_children_level = 1;
	some.pid_ns_children_reaper = 1;
	ASSERT_OK(predict_set_tid(&P618_X86_FULL, &some, MODEL_CLONE_NEWPID, 2, one_five));
	ASSERT_ERR(predict_set_tid(&P618_X86_FULL, &some, MODEL_CLONE_NEWPID, 1, five),
		   -MODEL_EINVAL, "V-38");
}
END_TEST

START_TEST(test_model_v38_reaper_after_allocation_72)
{
	/*
	 * 7.2's alloc_pid() checks every level's range and capability first
	 * and tests the reaper only after allocating: the outer level's EPERM
	 * and the inner EEXIST may now come before the reaper's EINVAL.
	 */
	struct model_task t = parent_unshared_pid(false);
	const int32_t five_seven[] = { 5, 7 };
	struct model_profile p72 = P618_X86_FULL;
	const struct model_pred *p;

	p72.major = 7;
	p72.minor = 2;
	p = predict_set_tid(&P618_X86_FULL, &t, 0, 2, five_seven);
	ASSERT_ERR(p, -MODEL_EINVAL, "V-38");
	ck_assert_ptr_null(alt_rule(p, -MODEL_EPERM));
	ck_assert_ptr_null(alt_rule(p, -MODEL_EEXIST));
	p = predict_set_tid(&p72, &t, 0, 2, five_seven);
	ASSERT_ERR(p, -MODEL_EINVAL, "V-38");
	ck_assert_str_eq(alt_rule(p, -MODEL_EPERM), "V-38");
	ck_assert_str_eq(alt_rule(p, -MODEL_EEXIST), "V-38");
	/* 6.19 .. 7.1: the order is not pinned; the old one decides, the new one's allowed */
	p72.major = 6;
	p72.minor = 19;
	p = predict_set_tid(&p72, &t, 0, 2, five_seven);
	ASSERT_ERR(p, -MODEL_EINVAL, "V-38");
	ck_assert_str_eq(alt_rule(p, -MODEL_EPERM), "V-38");
	ck_assert_str_eq(alt_rule(p, -MODEL_EEXIST), "V-38");
	/* a level-1 EPERM the new order decides is an alternative there */
	t.cap_effective = 0;
	p = predict_set_tid(&P618_X86_FULL, &t, 0, 2, five_seven);
	ASSERT_ERR(p, -MODEL_EINVAL, "V-38");
	ck_assert_ptr_null(alt_rule(p, -MODEL_EPERM));
	p = predict_set_tid(&p72, &t, 0, 2, five_seven);
	ASSERT_ERR(p, -MODEL_EINVAL, "V-38");
	ck_assert_str_eq(alt_rule(p, -MODEL_EPERM), "V-38");
}
END_TEST

/* ------------------------------------------- 7.1+: the E.7 clone3 flags */

/* A full 7.2 parent with the 7.1 groups read. */
static struct model_task parent_72(void)
{
	struct model_task t = parent_full();

	t.valid |= IN_NEW;
	t.pid_ns_children_reaper = 1;
	return t;
}

static const struct model_profile P72_FULL = { .major = 7, .minor = 2,
	.arch = MODEL_ARCH_X86_64, .task_size_max = MODEL_X86_TASK_SIZE_MAX_4L };

static const struct model_pred *predict_clone3(const struct model_profile *prof,
					       const struct model_task *t, uint64_t flags,
					       uint64_t exit_signal)
{
	struct model_syscall sc = sc_clone3(flags);

	sc.uargs.exit_signal = exit_signal;
	sc.uargs.pidfd = 0x7100;
	return predict(prof, t, &sc);
}

#define TSV3	(MODEL_CLONE_THREAD | MODEL_CLONE_SIGHAND | MODEL_CLONE_VM)

struct e7_case {
	const char *name;
	uint64_t flags;
	uint64_t exit_signal;
	bool autoreap;		/* the parent was created with AUTOREAP */
	uint64_t caps;		/* the parent's cap_effective */
	int err;		/* 0 or -errno on 7.2 */
	const char *rule;
};

static const struct e7_case e7_cases[] = {
	{ "AUTOREAP alone", MODEL_CLONE_AUTOREAP, 0, false, 0, 0, NULL },
	{ "AUTOREAP with an exit signal", MODEL_CLONE_AUTOREAP, 17, false, 0,
	  -MODEL_EINVAL, "V-48" },
	{ "AUTOREAP with THREAD", MODEL_CLONE_AUTOREAP | TSV3, 0, false, 0,
	  -MODEL_EINVAL, "V-48" },
	{ "AUTOREAP with PARENT", MODEL_CLONE_AUTOREAP | MODEL_CLONE_PARENT, 0, false,
	  0, -MODEL_EINVAL, "V-48" },
	{ "PARENT from an autoreap caller", MODEL_CLONE_PARENT, 0, true, 0,
	  -MODEL_EINVAL, "V-49" },
	{ "PARENT from a plain caller", MODEL_CLONE_PARENT, 0, false, 0, 0, NULL },
	{ "NNP alone", MODEL_CLONE_NNP, 17, false, 0, 0, NULL },
	{ "NNP with THREAD", MODEL_CLONE_NNP | TSV3, 0, false, 0, -MODEL_EINVAL, "V-50" },
	{ "AUTOKILL without PIDFD", MODEL_CLONE_PIDFD_AUTOKILL | MODEL_CLONE_AUTOREAP |
	  MODEL_CLONE_NNP, 0, false, 0, -MODEL_EINVAL, "V-51" },
	{ "AUTOKILL without AUTOREAP", MODEL_CLONE_PIDFD_AUTOKILL | MODEL_CLONE_PIDFD |
	  MODEL_CLONE_NNP, 0, false, 0, -MODEL_EINVAL, "V-51" },
	{ "AUTOKILL unprivileged without NNP", MODEL_CLONE_PIDFD_AUTOKILL |
	  MODEL_CLONE_PIDFD | MODEL_CLONE_AUTOREAP, 0, false, 0, -MODEL_EPERM, "V-51" },
	{ "AUTOKILL privileged without NNP", MODEL_CLONE_PIDFD_AUTOKILL |
	  MODEL_CLONE_PIDFD | MODEL_CLONE_AUTOREAP, 0, false, CAP_ADMIN, 0, NULL },
	{ "AUTOKILL unprivileged with NNP", MODEL_CLONE_PIDFD_AUTOKILL |
	  MODEL_CLONE_PIDFD | MODEL_CLONE_AUTOREAP | MODEL_CLONE_NNP, 0, false, 0, 0, NULL },
	/* precedence pairs: each earlier check wins */
	{ "V-48 before V-50", MODEL_CLONE_AUTOREAP | MODEL_CLONE_NNP | TSV3, 0, false, 0,
	  -MODEL_EINVAL, "V-48" },
	{ "V-17 before V-48", MODEL_CLONE_PIDFD | MODEL_CLONE_DETACHED |
	  MODEL_CLONE_AUTOREAP, 17, false, 0, -MODEL_EINVAL, "V-04" },
	{ "V-15 before V-50", MODEL_CLONE_NNP | TSV3 | MODEL_CLONE_NEWPID, 0, false, 0,
	  -MODEL_EINVAL, "V-15" },
	{ "V-49 before V-51", MODEL_CLONE_PARENT | MODEL_CLONE_PIDFD_AUTOKILL, 0, true,
	  0, -MODEL_EINVAL, "V-49" },
	{ "V-50 before V-51", MODEL_CLONE_NNP | TSV3 | MODEL_CLONE_PIDFD_AUTOKILL, 0,
	  false, 0, -MODEL_EINVAL, "V-50" },
	{ "V-51 EINVAL before its EPERM", MODEL_CLONE_PIDFD_AUTOKILL |
	  MODEL_CLONE_AUTOREAP, 0, false, 0, -MODEL_EINVAL, "V-51" },
	{ "V-51 EPERM before V-20's gate and V-34", MODEL_CLONE_PIDFD_AUTOKILL |
	  MODEL_CLONE_PIDFD | MODEL_CLONE_AUTOREAP | MODEL_CLONE_NEWNET, 0, false, 0,
	  -MODEL_EPERM, "V-51" },
	{ "V-10 through EMPTY_MNTNS", MODEL_CLONE_EMPTY_MNTNS | MODEL_CLONE_FS, 0, false,
	  CAP_ADMIN, -MODEL_EINVAL, "V-10" },
	{ "V-10 before V-48", MODEL_CLONE_EMPTY_MNTNS | MODEL_CLONE_FS |
	  MODEL_CLONE_AUTOREAP, 17, false, 0, -MODEL_EINVAL, "V-10" },
	{ "EMPTY_MNTNS unprivileged: V-34", MODEL_CLONE_EMPTY_MNTNS, 17, false, 0,
	  -MODEL_EPERM, "V-34" },
	{ "EMPTY_MNTNS privileged", MODEL_CLONE_EMPTY_MNTNS, 17, false, CAP_ADMIN, 0, NULL },
};

START_TEST(test_model_e7_validation)
{
	const struct e7_case *c = &e7_cases[_i];
	struct model_task t = parent_72();
	const struct model_pred *p;

	t.autoreap = c->autoreap;
	t.cap_effective = c->caps;
	p = predict_clone3(&P72_FULL, &t, c->flags, c->exit_signal);
	ck_assert_msg(p->err == c->err, "%s: err %d (%s), want %d", c->name, p->err,
		      p->err_rule ? p->err_rule : "-", c->err);
	if (c->err)
		ck_assert_msg(!strcmp(p->err_rule, c->rule), "%s: rule %s, want %s",
			      c->name, p->err_rule, c->rule);
	/* before 7.1 every one of these bits is an unknown clone3 flag */
	if (c->flags & (MODEL_CLONE_AUTOREAP | MODEL_CLONE_NNP |
			MODEL_CLONE_PIDFD_AUTOKILL | MODEL_CLONE_EMPTY_MNTNS)) {
		struct model_profile p71 = P72_FULL, p70 = P72_FULL;

		p70.minor = 0;
		p71.minor = 1;
		ASSERT_ERR(predict_clone3(&p70, &t, c->flags, c->exit_signal),
			   -MODEL_EINVAL, "V-04");
		ck_assert_int_eq(predict_clone3(&p71, &t, c->flags, c->exit_signal)->err,
				 c->err);
	}
}
END_TEST

START_TEST(test_model_e7_undecided_inputs)
{
	/* Without the autoreap bit or the credentials: alternatives. */
	struct model_task t = parent_72();
	const struct model_pred *p;

	t.valid &= ~MODEL_IN_AUTOREAP;
	t.autoreap = 1;
	p = predict_clone3(&P72_FULL, &t, MODEL_CLONE_PARENT, 0);
	ASSERT_OK(p);
	ck_assert_str_eq(alt_rule(p, -MODEL_EINVAL), "V-49");
	t = parent_72();
	t.valid &= ~MODEL_IN_CRED;
	t.cap_effective = 0;
	p = predict_clone3(&P72_FULL, &t, MODEL_CLONE_PIDFD_AUTOKILL | MODEL_CLONE_PIDFD |
			   MODEL_CLONE_AUTOREAP, 0);
	ASSERT_OK(p);
	ck_assert_str_eq(alt_rule(p, -MODEL_EPERM), "V-51");
	/* the undecided EPERM still precedes a later decided EINVAL */
	t = parent_unshared_pid(true);
	t.valid = (t.valid | IN_NEW) & ~MODEL_IN_CRED;
	p = predict_clone3(&P72_FULL, &t, MODEL_CLONE_PIDFD_AUTOKILL | MODEL_CLONE_PIDFD |
			   MODEL_CLONE_AUTOREAP | TSV3 | MODEL_CLONE_NEWPID, 0);
	ASSERT_ERR(p, -MODEL_EINVAL, "V-15");
	/* PARENT on 6.18: no autoreap to consult */
	t = parent_72();
	t.autoreap = 1;
	ASSERT_OK(predict_clone3(&P618_X86_FULL, &t, MODEL_CLONE_PARENT, 0));
}
END_TEST

START_TEST(test_model_e7_effects)
{
	struct model_task t = parent_72();
	const struct model_pred *p;

	/* R-45: NNP sets it, else inherited (R-15) */
	p = predict_clone3(&P72_FULL, &t, MODEL_CLONE_NNP, 17);
	ASSERT_EXPECT(p, "R-45", MODEL_STAGE_NEWTASK, MODEL_FIELD_NO_NEW_PRIVS,
		      MODEL_OP_EQ, 1);
	p = predict_clone3(&P72_FULL, &t, 0, 17);
	ASSERT_EXPECT(p, "R-15", MODEL_STAGE_NEWTASK, MODEL_FIELD_NO_NEW_PRIVS,
		      MODEL_OP_EQ, 0);
	t.no_new_privs = 1;
	p = predict_clone3(&P618_X86_FULL, &t, 0, 17);
	ASSERT_EXPECT(p, "R-15", MODEL_STAGE_NEWTASK, MODEL_FIELD_NO_NEW_PRIVS,
		      MODEL_OP_EQ, 1);
	t.no_new_privs = 0;

	/* R-46: autoreap iff AUTOREAP, not inherited; threads share it */
	p = predict_clone3(&P72_FULL, &t, MODEL_CLONE_AUTOREAP, 0);
	ASSERT_OK(p);
	ASSERT_EXPECT(p, "R-46", MODEL_STAGE_NEWTASK, MODEL_FIELD_AUTOREAP, MODEL_OP_EQ, 1);
	ASSERT_EXPECT(p, "R-25", MODEL_STAGE_NEWTASK, MODEL_FIELD_EXIT_SIGNAL,
		      MODEL_OP_EQ, 0);
	t.autoreap = 1;
	p = predict_clone3(&P72_FULL, &t, 0, 17);
	ASSERT_EXPECT(p, "R-46", MODEL_STAGE_NEWTASK, MODEL_FIELD_AUTOREAP, MODEL_OP_EQ, 0);
	p = predict_clone3(&P72_FULL, &t, TSV3, 0);
	ASSERT_EXPECT(p, "R-46", MODEL_STAGE_NEWTASK, MODEL_FIELD_AUTOREAP, MODEL_OP_EQ, 1);
	t.autoreap = 0;
	p = predict_clone3(&P618_X86_FULL, &t, 0, 17);
	ck_assert(!has_field(p, MODEL_STAGE_NEWTASK, MODEL_FIELD_AUTOREAP));

	/* R-47: the pidfd's f_flags carry PIDFD_AUTOKILL iff asked */
	t.cap_effective = CAP_ADMIN;
	p = predict_clone3(&P72_FULL, &t, MODEL_CLONE_PIDFD | MODEL_CLONE_AUTOREAP |
			   MODEL_CLONE_PIDFD_AUTOKILL, 0);
	ASSERT_OK(p);
	ASSERT_EXPECT(p, "R-47", MODEL_STAGE_NEWTASK, MODEL_FIELD_PIDFD_F_FLAGS,
		      MODEL_OP_BITS_SET, MODEL_PIDFD_AUTOKILL);
	p = predict_clone3(&P72_FULL, &t, MODEL_CLONE_PIDFD, 17);
	ASSERT_EXPECT(p, "R-47", MODEL_STAGE_NEWTASK, MODEL_FIELD_PIDFD_F_FLAGS,
		      MODEL_OP_BITS_CLEAR, MODEL_PIDFD_AUTOKILL);
	p = predict_clone3(&P72_FULL, &t, 0, 17);
	ck_assert(!has_field(p, MODEL_STAGE_NEWTASK, MODEL_FIELD_PIDFD_F_FLAGS));

	/* R-48: EMPTY_MNTNS is NEWNS (E-26) with a one-mount ns */
	p = predict_clone3(&P72_FULL, &t, MODEL_CLONE_EMPTY_MNTNS, 17);
	ASSERT_OK(p);
	ck_assert_uint_eq(p->kargs.flags, MODEL_CLONE_EMPTY_MNTNS | MODEL_CLONE_NEWNS);
	ASSERT_EXPECT(p, "V-04", MODEL_STAGE_NEWTASK, MODEL_FIELD_CLONE_FLAGS, MODEL_OP_EQ,
		      MODEL_CLONE_EMPTY_MNTNS | MODEL_CLONE_NEWNS);
	ASSERT_EXPECT(p, "R-21", MODEL_STAGE_NEWTASK, MODEL_FIELD_MNT_NS, MODEL_OP_NEW,
		      t.mnt_ns);
	ASSERT_EXPECT(p, "R-48", MODEL_STAGE_NEWTASK, MODEL_FIELD_MNT_NS_NR_MOUNTS,
		      MODEL_OP_EQ, 1);
	p = predict_clone3(&P72_FULL, &t, MODEL_CLONE_NEWNS, 17);
	ck_assert(!has_field(p, MODEL_STAGE_NEWTASK, MODEL_FIELD_MNT_NS_NR_MOUNTS));
	/* the groups gate them like any other */
	t.valid &= ~IN_NEW;
	p = predict_clone3(&P72_FULL, &t, MODEL_CLONE_EMPTY_MNTNS | MODEL_CLONE_NNP, 17);
	ck_assert(!has_field(p, MODEL_STAGE_NEWTASK, MODEL_FIELD_MNT_NS_NR_MOUNTS));
	ck_assert(!has_field(p, MODEL_STAGE_NEWTASK, MODEL_FIELD_NO_NEW_PRIVS));
}
END_TEST

START_TEST(test_model_exit_signal_in_kernel_clone_71)
{
	/*
	 * 7.1 validates the exit signal in kernel_clone(), after V-05: legacy
	 * clone's 65..255 are refused, and clone3's set_tid EFAULT now wins
	 * over a bad exit signal.
	 */
	struct model_task t = parent_task();
	struct model_syscall sc = sc_clone(200);
	struct model_syscall sc3 = sc_clone3(0);
	const struct model_pred *p;

	ASSERT_OK(predict(&P618, &t, &sc));
	ASSERT_ERR(predict(&P72, &t, &sc), -MODEL_EINVAL, "V-03");
	sc = sc_clone(64);
	ASSERT_OK(predict(&P72, &t, &sc));
	/* V-05 still comes first */
	sc = sc_clone(200 | MODEL_CLONE_PIDFD | MODEL_CLONE_PARENT_SETTID);
	ASSERT_ERR(predict(&P72, &t, &sc), -MODEL_EINVAL, "V-05");

	sc3.uargs.exit_signal = 65;
	ASSERT_ERR(predict(&P618, &t, &sc3), -MODEL_EINVAL, "V-04");
	ASSERT_ERR(predict(&P72, &t, &sc3), -MODEL_EINVAL, "V-04");
	sc3.uargs.set_tid = 0x9000;
	sc3.uargs.set_tid_size = 1;
	sc3.set_tid_fault = true;
	ASSERT_ERR(predict(&P618, &t, &sc3), -MODEL_EINVAL, "V-04");
	p = predict(&P72, &t, &sc3);
	ASSERT_ERR(p, -MODEL_EFAULT, "V-04");
}
END_TEST

START_TEST(test_model_pred_overflow_is_marked)
{
	/* Past MODEL_MAX_EXPECT, _ALT or _ORDER nothing is lost silently. */
	struct model_pred p = { 0 };
	struct model_fail fl = { 0 };
	size_t i;

	for (i = 0; i < MODEL_MAX_EXPECT; i++)
		model_expect_add(&p, "R-02", MODEL_STAGE_NEWTASK, MODEL_FIELD_MM,
				 MODEL_OP_EQ, (int64_t)i);
	ck_assert_uint_eq(p.n_expect, MODEL_MAX_EXPECT);
	ck_assert_uint_eq(p.n_dropped, 0);
	model_expect_add(&p, "R-02", MODEL_STAGE_NEWTASK, MODEL_FIELD_MM, MODEL_OP_EQ, 1);
	ck_assert_uint_eq(p.n_expect, MODEL_MAX_EXPECT);
	ck_assert_uint_eq(p.n_dropped, 1);
	/* a field of a group the parent lacks is skipped, not dropped */
	model_expect_add(&p, "R-22", MODEL_STAGE_NEWTASK, MODEL_FIELD_CRED, MODEL_OP_EQ, 1);
	ck_assert_uint_eq(p.n_dropped, 1);
	for (i = 0; i <= MODEL_MAX_ALT; i++)
		model_alt_add(&p, -(int)(i + 1), "V-21");
	ck_assert_uint_eq(p.n_alt, MODEL_MAX_ALT);
	ck_assert_uint_eq(p.n_dropped, 2);
	for (i = 0; i <= MODEL_MAX_ORDER; i++)
		model_order_add(&p, "D.1", MODEL_STAGE_NEWTASK, MODEL_STAGE_FORK);
	ck_assert_uint_eq(p.n_order, MODEL_MAX_ORDER);
	ck_assert_uint_eq(p.n_dropped, 3);
	for (i = 0; i <= MODEL_MAX_ALT; i++)
		model_fail_alt(&fl, -MODEL_EPERM, "V-38");
	ck_assert_uint_eq(fl.n_pre, MODEL_MAX_ALT);
	ck_assert_uint_eq(fl.n_dropped, 1);
	/* a real prediction drops nothing */
	p = (struct model_pred){ 0 };
	{
		struct model_task t = parent_72();
		const struct model_pred *r = predict_clone3(&P72_FULL, &t,
							    MODEL_CLONE_PIDFD | TSV3 |
							    MODEL_CLONE_SETTLS, 0);

		ASSERT_OK(r);
		ck_assert_uint_eq(r->n_dropped, 0);
	}
}
END_TEST

START_TEST(test_model_rule_classes)
{
	/* every class has its own phrase; the table uses them consistently */
	size_t n, i;
	const struct model_rule *r = model_rules(&n);
	struct model_profile p = P618;
	static struct model_cat_entry cat[160];

	for (int a = 0; a < MODEL_NEED__COUNT; a++) {
		ck_assert_str_ne(model_rule_need_name(a), "?");
		for (int b = a + 1; b < MODEL_NEED__COUNT; b++)
			ck_assert_str_ne(model_rule_need_name(a), model_rule_need_name(b));
	}
	ck_assert_str_eq(model_rule_need_name(MODEL_NEED__COUNT), "?");
	for (i = 0; i < n; i++) {
		ck_assert_msg(r[i].family == r[i].id[0], "%s family", r[i].id);
		ck_assert_msg(strchr("VRSOXDAE", r[i].family), "%s family", r[i].id);
		ck_assert_msg(r[i].need == MODEL_NEED_NOTHING || r[i].note,
			      "%s: a class without a note", r[i].id);
		ck_assert_msg(!(r[i].since || r[i].until || r[i].arch >= 0) || r[i].na,
			      "%s: a range without a reason", r[i].id);
	}
	p.uclamp = MODEL_CFG_N;
	p.sched_ext = MODEL_CFG_Y;
	n = model_catalogue(&p, cat, 160);
	for (i = 0; i < n; i++) {
		if (!strcmp(cat[i].id, "S-03"))
			ck_assert(!cat[i].applies && !cat[i].decided && cat[i].reason);
		/* sched_ext alone: scx_fork() exists */
		if (!strcmp(cat[i].id, "V-44"))
			ck_assert_msg(cat[i].applies, "%s", cat[i].id);
		/* S-09 is uclamp_post_fork(): nothing without CONFIG_UCLAMP_TASK */
		if (!strcmp(cat[i].id, "S-09"))
			ck_assert(!cat[i].applies && strstr(cat[i].reason, "UCLAMP_TASK"));
		/* a restating row is counted where it points, never on its own */
		if (cat[i].need == MODEL_NEED_RESTATES)
			ck_assert_msg(!cat[i].applies && cat[i].reason, "%s", cat[i].id);
	}
	p.sched_ext = MODEL_CFG_N;
	n = model_catalogue(&p, cat, 160);
	for (i = 0; i < n; i++)
		if (!strcmp(cat[i].id, "V-44"))
			ck_assert_msg(!cat[i].applies && strstr(cat[i].reason, "SCHED_CLASS_EXT"),
				      "%s", cat[i].id);
	/* uclamp_post_fork(): decided only with the rt default read */
	p.uclamp = MODEL_CFG_Y;
	n = model_catalogue(&p, cat, 160);
	for (i = 0; i < n; i++)
		if (!strcmp(cat[i].id, "S-09"))
			ck_assert(cat[i].applies && !cat[i].decided &&
				  strstr(cat[i].reason, "rt_default"));
	p.uclamp_rt_default = 1024 + 1;
	n = model_catalogue(&p, cat, 160);
	for (i = 0; i < n; i++)
		if (!strcmp(cat[i].id, "S-09"))
			ck_assert(cat[i].applies && cat[i].decided);
	p.uclamp_rt_default = 0;
	/* fork(2) and vfork(2) exist on x86_64 only: arm64's table has neither */
	for (int arm = 0; arm < 2; arm++) {
		p = arm ? P618_ARM : P618;
		n = model_catalogue(&p, cat, 160);
		for (i = 0; i < n; i++)
			if (!strcmp(cat[i].id, "V-01") || !strcmp(cat[i].id, "V-02"))
				ck_assert_msg(cat[i].applies == !arm && (!arm || cat[i].reason),
					      "%s on %s", cat[i].id, arm ? "arm64" : "x86_64");
	}
}
END_TEST

START_TEST(test_model_pred_helpers)
{
	struct model_profile p = P510;
	struct model_fail fl = { 0 };

	/* another series: the version decides; same series: the point release */
	ck_assert(model_release_ge(&P618, 5, 10, 162, false));
	ck_assert(!model_release_ge(&P510, 6, 1, 0, true));
	ck_assert(model_release_ge(&p, 5, 10, 162, true));
	ck_assert(!model_release_ge(&p, 5, 10, 162, false));
	p.patch_known = true;
	p.patch = 161;
	ck_assert(!model_release_ge(&p, 5, 10, 162, true));
	/* the first decided failure stays */
	model_fail_set(&fl, -MODEL_EPERM, "V-34", MODEL_STEP_NS);
	model_fail_set(&fl, -MODEL_EINVAL, "V-38", MODEL_STEP_PID);
	ck_assert_int_eq(fl.err, -MODEL_EPERM);
	ck_assert_str_eq(fl.rule, "V-34");
	ck_assert(model_streq("V-38", "V-38") && !model_streq("V-38", "V-3"));
}
END_TEST

START_TEST(test_model_unsure_stack_kept_on_failure)
{
	/* an unsure stack end keeps V-04's EINVAL behind a later failure too */
	struct model_task t = parent_full();
	struct model_syscall sc = sc_clone3(MODEL_CLONE_NEWUSER);
	const struct model_pred *p;

	t.user_ns_level = 33;
	sc.uargs.stack = 0x7ffffffff000ULL;
	sc.uargs.stack_size = 4096;
	p = predict(&P618, &t, &sc);
	ASSERT_ERR(p, -MODEL_ENOSPC, "V-22");
	ck_assert_str_eq(alt_rule(p, -MODEL_EINVAL), "V-04");
	sc = sc_clone3(MODEL_CLONE_NEWUSER | MODEL_CLONE_FS);
	sc.uargs.stack = 1ULL << 48;	/* unsure on arm64 without VA_BITS */
	sc.uargs.stack_size = 4096;
	t.user_ns_level = 0;
	p = predict(&P618_DEB, &t, &sc);
	ASSERT_ERR(p, -MODEL_EINVAL, "V-11");
	p = predict(&P618_ARM, &t, &sc);
	ASSERT_ERR(p, -MODEL_EINVAL, "V-11");
	sc.uargs.flags = MODEL_CLONE_NEWUSER;
	t.cap_effective = 0;
	{
		struct model_profile deb_arm = P618_ARM;

		deb_arm.userns_sysctl = MODEL_CFG_N;
		p = predict(&deb_arm, &t, &sc);
		ASSERT_ERR(p, -MODEL_EPERM, "V-18");
		ck_assert_str_eq(alt_rule(p, -MODEL_EINVAL), "V-04");
	}
	/* outer levels of the pid ns chain always have a reaper */
	{
		struct model_task u = parent_unshared_pid(true);
		const int32_t five_seven[] = { 5, 7 };

		ASSERT_OK(predict_set_tid(&P618_X86_FULL, &u, 0, 2, five_seven));
	}
}
END_TEST

/* ----------------------------------- decided, not allowed; new observations */

/* The host's profile: threads-max above pid_max (V-24 cannot fire). */
static const struct model_profile P618_HOST = { .major = 6, .minor = 18,
	.arch = MODEL_ARCH_X86_64, .pid_max = 32768, .threads_max = 192724,
	.nr_open = 1048576, .sched_ext = MODEL_CFG_N };
/* systemd's pid_max: the pid space cannot fill (V-39), threads-max can. */
static const struct model_profile P618_BIGPID = { .major = 6, .minor = 18,
	.arch = MODEL_ARCH_X86_64, .pid_max = 4194304, .threads_max = 100000 };

/* A full parent with the issue-10 groups read: uid 1000, no capability. */
static struct model_task parent_obs(void)
{
	struct model_task t = parent_full();

	t.valid |= MODEL_IN_PROC | MODEL_IN_FDS | MODEL_IN_PIDS_CG;
	t.uid = 1000;
	t.cap_effective = 0;
	t.rlim_nproc = 4000;
	t.rlim_nofile = 1024;
	t.sched_class = 0xffffffff82000000ULL;
	t.fs_users = 1;
	t.fd_max = 64;
	t.fd_free = 3;
	t.fd_top = 64;
	t.fd_shared = 0;
	t.pids_headroom = INT64_MAX;
	t.pid_ns_children_allocated = MODEL_PIDNS_ADDING | 200;
	t.pid_nr0 = t.pid;
	return t;
}

START_TEST(test_model_v23_exemptions)
{
	struct model_task t = parent_obs();
	struct model_syscall fork = sc_fork();
	const struct model_pred *p;

	/* over its RLIMIT_NPROC, an ordinary user may get EAGAIN (V-23) */
	p = predict(&P618_HOST, &t, &fork);
	ASSERT_OK(p);
	ck_assert_str_eq(alt_rule(p, -MODEL_EAGAIN), "V-23");
	/* root is exempt: only the pid space (V-39) is left to refuse it */
	t.uid = 0;
	p = predict(&P618_HOST, &t, &fork);
	ck_assert_str_eq(alt_rule(p, -MODEL_EAGAIN), "V-39");
	/* so are CAP_SYS_RESOURCE and CAP_SYS_ADMIN in the init user ns ... */
	t.uid = 1000;
	t.cap_effective = 1ULL << MODEL_CAP_SYS_RESOURCE;
	ck_assert_str_eq(alt_rule(predict(&P618_HOST, &t, &fork), -MODEL_EAGAIN), "V-39");
	t.cap_effective = CAP_ADMIN;
	ck_assert_str_eq(alt_rule(predict(&P618_HOST, &t, &fork), -MODEL_EAGAIN), "V-39");
	/* ... but not in a child user ns (capable() is init_user_ns's) */
	t.user_ns_level = 1;
	ck_assert_str_eq(alt_rule(predict(&P618_HOST, &t, &fork), -MODEL_EAGAIN), "V-23");
	/* an unlimited RLIMIT_NPROC in the init user ns cannot be exceeded */
	t.user_ns_level = 0;
	t.cap_effective = 0;
	t.rlim_nproc = MODEL_RLIM_INFINITY;
	ck_assert_str_eq(alt_rule(predict(&P618_HOST, &t, &fork), -MODEL_EAGAIN), "V-39");
	/* ... though the count of a new user ns's levels still might */
	ck_assert_str_eq(alt_rule(predict_full(&P618_HOST, &t, MODEL_CLONE_NEWUSER),
				  -MODEL_EAGAIN), "V-23");
	/* unread (an older trace): allowed as before */
	t.valid &= ~MODEL_IN_PROC;
	ck_assert_str_eq(alt_rule(predict(&P618_HOST, &t, &fork), -MODEL_EAGAIN), "V-23");
}
END_TEST

START_TEST(test_model_v24_v39_bounds)
{
	struct model_task t = parent_obs();
	struct model_syscall fork = sc_fork();
	struct model_profile unknown = P618_HOST;

	t.uid = 0;
	/* threads-max >= pid_max: nr_threads < pid_max cannot reach it (V-24) */
	ck_assert_str_eq(alt_rule(predict(&P618_HOST, &t, &fork), -MODEL_EAGAIN), "V-39");
	/* pid_max > 4 * threads-max + 300: the pid space cannot fill (V-39) */
	ck_assert_str_eq(alt_rule(predict(&P618_BIGPID, &t, &fork), -MODEL_EAGAIN), "V-24");
	/* either limit unknown: V-24 first, as the kernel tests it first */
	unknown.threads_max = 0;
	ck_assert_str_eq(alt_rule(predict(&unknown, &t, &fork), -MODEL_EAGAIN), "V-24");
	/* 6.14+: a nested level has its own pid_max, not the profile's */
	t.pid_ns_children_level = 1;
	t.pid_ns_for_children = 0xa180;
	ck_assert_str_eq(alt_rule(predict(&P618_BIGPID, &t, &fork), -MODEL_EAGAIN), "V-24");
}
END_TEST

START_TEST(test_model_v31_v43_causes)
{
	struct model_task t = parent_obs();
	const struct model_pred *p;

	t.uid = 0;
	/* CLONE_FS from the fs_struct's one user: nobody else can be in execve */
	p = predict_full(&P618_HOST, &t, TSV | MODEL_CLONE_FS);
	ck_assert_str_eq(alt_rule(p, -MODEL_EAGAIN), "V-39");
	t.fs_users = 2;
	p = predict_full(&P618_HOST, &t, TSV | MODEL_CLONE_FS);
	ck_assert_str_eq(alt_rule(p, -MODEL_EAGAIN), "V-31");
	p = predict_full(&P618_HOST, &t, TSV);
	ck_assert_str_eq(alt_rule(p, -MODEL_EAGAIN), "V-39");
	/* a pids.max the snapshot shows reached decides EAGAIN (V-43) */
	t.pids_headroom = 0;
	t.pids_counted = 5;
	p = predict_full(&P618_HOST, &t, 0);
	ck_assert_int_eq(p->err, -MODEL_EAGAIN);
	ck_assert_str_eq(p->err_rule, "V-43");
	t.pids_headroom = 5;
	p = predict_full(&P618_HOST, &t, 0);
	ck_assert_int_eq(p->err, 0);
	ck_assert_str_eq(alt_rule(p, -MODEL_EAGAIN), "V-39");
}
END_TEST

/* Is @rule among the prediction's alternatives for @err? */
static bool alt_has(const struct model_pred *p, int err, const char *rule)
{
	for (size_t i = 0; i < p->n_alt; i++)
		if (p->alt[i].err == err && !strcmp(p->alt[i].rule, rule))
			return true;
	return false;
}

START_TEST(test_model_v23_count_decides)
{
	static const struct model_profile p515 = { .major = 5, .minor = 15,
						   .arch = MODEL_ARCH_X86_64 };
	struct model_task t = parent_obs();
	struct model_syscall fork = sc_fork();
	const struct model_pred *p;

	/* the uid's only task at RLIMIT_NPROC: the child would be one past it */
	t.rlim_nproc = 1;
	t.nproc_count = 1;
	p = predict(&P618_HOST, &t, &fork);
	ck_assert_int_eq(p->err, -MODEL_EAGAIN);
	ck_assert_str_eq(p->err_rule, "V-23");
	/* 5.10 tests processes >= limit before copy_creds(): the same boundary */
	p = predict(&P510, &t, &fork);
	ck_assert_int_eq(p->err, -MODEL_EAGAIN);
	ck_assert_str_eq(p->err_rule, "V-23");
	/* 5.14..5.16 tested count > limit before copy_creds(): not decided */
	p = predict(&p515, &t, &fork);
	ck_assert_int_eq(p->err, 0);
	ck_assert_str_eq(alt_rule(p, -MODEL_EAGAIN), "V-23");
	/* one below the limit, the uid's only task: nobody can race it */
	t.rlim_nproc = 2;
	p = predict(&P618_HOST, &t, &fork);
	ck_assert_int_eq(p->err, 0);
	ck_assert(!alt_has(p, -MODEL_EAGAIN, "V-23"));
	/* R-23: the child counts against the uid too: 2 at task_newtask */
	ck_assert_int_eq(find_expect(p, "R-23", MODEL_STAGE_NEWTASK,
				     MODEL_FIELD_NPROC_COUNT)->value, 2);
	p = predict(&P510, &t, &fork);
	ck_assert(!alt_has(p, -MODEL_EAGAIN, "V-23"));
	ck_assert_int_eq(find_expect(p, "R-23", MODEL_STAGE_NEWTASK, MODEL_FIELD_NPROC_COUNT)->value, 2);
	/* ... but in a new user ns's ucounts with NEWUSER: not decided */
	ck_assert_ptr_null(find_expect(predict_full(&P618_HOST, &t, MODEL_CLONE_NEWUSER),
				       "R-23", MODEL_STAGE_NEWTASK, MODEL_FIELD_NPROC_COUNT));
	/* another task of the uid may fork meanwhile: EAGAIN allowed */
	t.rlim_nproc = 3;
	t.nproc_count = 2;
	p = predict(&P618_HOST, &t, &fork);
	ck_assert_int_eq(p->err, 0);
	ck_assert(alt_has(p, -MODEL_EAGAIN, "V-23"));
	ck_assert_ptr_null(find_expect(p, "R-23", MODEL_STAGE_NEWTASK, MODEL_FIELD_NPROC_COUNT));
	/* far over the limit with many tasks: decided all the same */
	t.nproc_count = 40;
	ck_assert_str_eq(predict(&P618_HOST, &t, &fork)->err_rule, "V-23");
	/* exempt: CAP_SYS_RESOURCE alone, CAP_SYS_ADMIN alone, the global root */
	t.cap_effective = 1ULL << MODEL_CAP_SYS_RESOURCE;
	p = predict(&P618_HOST, &t, &fork);
	ck_assert_int_eq(p->err, 0);
	ck_assert(!alt_has(p, -MODEL_EAGAIN, "V-23"));
	t.cap_effective = 1ULL << MODEL_CAP_SYS_ADMIN;
	ck_assert_int_eq(predict(&P618_HOST, &t, &fork)->err, 0);
	t.cap_effective = 0;
	t.uid = 0;
	ck_assert_int_eq(predict(&P510, &t, &fork)->err, 0);
	t.uid = 1000;
	/* a child user ns's levels and NEWUSER are not decided */
	t.user_ns_level = 1;
	p = predict(&P618_HOST, &t, &fork);
	ck_assert_int_eq(p->err, 0);
	ck_assert(alt_has(p, -MODEL_EAGAIN, "V-23"));
	t.user_ns_level = 0;
	p = predict_full(&P618_HOST, &t, MODEL_CLONE_NEWUSER);
	ck_assert_int_eq(p->err, 0);
	ck_assert(alt_has(p, -MODEL_EAGAIN, "V-23"));
	/* the count not read (0: an older trace) */
	t.nproc_count = 0;
	p = predict(&P618_HOST, &t, &fork);
	ck_assert_int_eq(p->err, 0);
	ck_assert(alt_has(p, -MODEL_EAGAIN, "V-23"));
	/* a thread is counted too */
	t.nproc_count = 3;
	p = predict_full(&P618_HOST, &t, TSV);
	ck_assert_str_eq(p->err_rule, "V-23");
}
END_TEST

START_TEST(test_model_v39_pid_space_decides)
{
	struct model_task t = parent_obs();
	struct model_syscall fork = sc_fork();
	struct model_profile p510 = P510;
	const struct model_pred *p;

	t.uid = 0;
	/* 6.14+: a pid ns of pid_max 301 holding 1..300: no number is left */
	t.pid_ns_children_level = 1;
	t.pid_ns_children_pid_max = 301;
	t.pid_ns_children_allocated = MODEL_PIDNS_ADDING | 300;
	p = predict(&P618_HOST, &t, &fork);
	ck_assert_int_eq(p->err, -MODEL_EAGAIN);
	ck_assert_str_eq(p->err_rule, "V-39");
	/* one number left (299 in use): the clone takes it */
	t.pid_ns_children_allocated = MODEL_PIDNS_ADDING | 299;
	ck_assert_int_eq(predict(&P618_HOST, &t, &fork)->err, 0);
	/* full and dying: the allocation fails first (EAGAIN before ENOMEM) */
	t.pid_ns_children_allocated = 300;
	ck_assert_str_eq(predict(&P618_HOST, &t, &fork)->err_rule, "V-39");
	t.pid_ns_children_allocated = 299;
	ck_assert_str_eq(predict(&P618_HOST, &t, &fork)->err_rule, "V-40");
	t.pid_ns_children_allocated = MODEL_PIDNS_ADDING | 300;
	/* the ns's pid_max not read (an older trace): not decided */
	t.pid_ns_children_pid_max = 0;
	ck_assert_int_eq(predict(&P618_HOST, &t, &fork)->err, 0);
	/* before 6.14 every level has the global pid_max (the profile's) */
	p510.pid_max = 301;
	ck_assert_str_eq(predict(&p510, &t, &fork)->err_rule, "V-39");
	p510.pid_max = 32768;
	ck_assert_int_eq(predict(&p510, &t, &fork)->err, 0);
	/* NEWPID: the child's innermost level is a new, empty ns */
	t.pid_ns_children_pid_max = 301;
	t.cap_effective = CAP_ADMIN;
	ck_assert_int_eq(predict_full(&P618_HOST, &t, MODEL_CLONE_NEWPID)->err, 0);
}
END_TEST

/* V-38's range in a 6.14+ pid ns whose own pid_max (read at entry) is 301. */
START_TEST(test_model_v38_own_pid_max)
{
	struct model_task t = parent_obs();
	static const int32_t at_max[] = { 301 }, below[] = { 300 }, above_min[] = { 350 };
	const struct model_pred *p;

	t.uid = 0;
	t.cap_effective = CAP_ADMIN;
	t.valid |= MODEL_IN_PID_REAPER;
	t.pid_ns_children_reaper = 1;
	t.pid_ns_children_level = 1;
	t.pid_ns_children_pid_max = 301;
	t.pid_ns_owner_rel = 1;
	p = predict_set_tid(&P618_HOST, &t, 0, 1, at_max);
	ck_assert_int_eq(p->err, -MODEL_EINVAL);
	ck_assert_str_eq(p->err_rule, "V-38");
	p = predict_set_tid(&P618_HOST, &t, 0, 1, below);
	ck_assert_int_eq(p->err, 0);
	ck_assert_ptr_null(alt_rule(p, -MODEL_EINVAL));
	/* not read (an older trace): above pid_max_min - 1 EINVAL is only allowed */
	t.pid_ns_children_pid_max = 0;
	p = predict_set_tid(&P618_HOST, &t, 0, 1, above_min);
	ck_assert_int_eq(p->err, 0);
	ck_assert_str_eq(alt_rule(p, -MODEL_EINVAL), "V-38");
	/* before 6.14 the global pid_max (the profile's) bounds every level */
	t.pid_ns_children_pid_max = 301;
	t.valid |= MODEL_IN_PID_MAX;
	t.pid_max = 32768;
	ck_assert_int_eq(predict_set_tid(&P61, &t, 0, 1, at_max)->err, 0);
}
END_TEST

START_TEST(test_model_v43_count_decides)
{
	struct model_task t = parent_obs();
	struct model_syscall fork = sc_fork();
	const struct model_pred *p;

	t.uid = 0;
	/* the only member of a cgroup at pids.max 1: the charge makes 2 > 1 */
	t.pids_headroom = 0;
	t.pids_counted = 1;
	p = predict(&P618_HOST, &t, &fork);
	ck_assert_int_eq(p->err, -MODEL_EAGAIN);
	ck_assert_str_eq(p->err_rule, "V-43");
	p = predict(&P510, &t, &fork);
	ck_assert_str_eq(p->err_rule, "V-43");
	/*
	 * pids.max one above: success.  (Its alternative, named only when
	 * another member is counted, is never the first EAGAIN cause: V-24
	 * or V-39 always precedes it, and the list keeps one rule per errno.)
	 */
	t.pids_headroom = 1;
	ck_assert_int_eq(predict(&P618_HOST, &t, &fork)->err, 0);
	t.pids_counted = 2;
	ck_assert_int_eq(predict(&P618_HOST, &t, &fork)->err, 0);
	/* INTO_CGROUP charges the target, not read: not decided */
	t.pids_headroom = 0;
	t.pids_counted = 1;
	p = predict_clone3(&P618_HOST, &t, MODEL_CLONE_INTO_CGROUP, MODEL_SIGCHLD);
	ck_assert_int_eq(p->err, 0);
	ck_assert(alt_has(p, -MODEL_EBUSY, "V-42"));
	/* legacy clone() drops the upper flag bits: the caller's cgroup decides */
	ck_assert_str_eq(predict_full(&P618_HOST, &t, MODEL_CLONE_INTO_CGROUP)->err_rule, "V-43");
	/* the hierarchy not read (an older trace) */
	t.valid &= ~MODEL_IN_PIDS_CG;
	ck_assert_int_eq(predict(&P618_HOST, &t, &fork)->err, 0);
	t.valid |= MODEL_IN_PIDS_CG;
	/* V-23 is tested before the charge: both reached, V-23 wins */
	t.uid = 1000;
	t.rlim_nproc = 1;
	t.nproc_count = 1;
	ck_assert_str_eq(predict(&P618_HOST, &t, &fork)->err_rule, "V-23");
}
END_TEST

START_TEST(test_model_v30_emfile_from_fd_span)
{
	struct model_task t = parent_obs();
	struct model_profile no_nr_open = P618_HOST;
	struct model_syscall fork = sc_fork();

	/* a table within NR_OPEN_DEFAULT is copied without allocating */
	ck_assert_ptr_null(alt_rule(predict(&P618_HOST, &t, &fork), -MODEL_EMFILE));
	/* a wider one against the run's nr_open */
	t.fd_top = 4096;
	t.fd_max = 4096;
	ck_assert_ptr_null(alt_rule(predict(&P618_HOST, &t, &fork), -MODEL_EMFILE));
	no_nr_open.nr_open = 0;
	ck_assert_str_eq(alt_rule(predict(&no_nr_open, &t, &fork), -MODEL_EMFILE), "V-30");
	no_nr_open.nr_open = 1024;
	ck_assert_str_eq(alt_rule(predict(&no_nr_open, &t, &fork), -MODEL_EMFILE), "V-30");
	/* CLONE_FILES copies nothing */
	ck_assert_ptr_null(alt_rule(predict_full(&no_nr_open, &t, MODEL_CLONE_FILES),
				    -MODEL_EMFILE));
	t.valid &= ~MODEL_IN_FDS;
	ck_assert_str_eq(alt_rule(predict(&P618_HOST, &t, &fork), -MODEL_EMFILE), "V-30");
}
END_TEST

/*
 * V-24, V-30, V-18 from the globals read at syscall entry (kallsyms): each
 * decided from the entry's value, which wins over the profile's (read at
 * start, before a guest's workload changed the sysctl).
 */
START_TEST(test_model_globals_at_entry)
{
	struct model_task t = parent_obs();
	struct model_syscall fork = sc_fork();
	const struct model_pred *p;

	t.uid = 0;
	t.cap_effective = ~0ULL;
	/* V-24: nr_threads >= max_threads, no exemption for root */
	t.sys_read = MODEL_SYS_NR_THREADS | MODEL_SYS_MAX_THREADS;
	t.nr_threads = 80;
	t.max_threads = 20;
	ASSERT_ERR(predict(&P618_HOST, &t, &fork), -MODEL_EAGAIN, "V-24");
	t.max_threads = 80;
	ASSERT_ERR(predict(&P618_HOST, &t, &fork), -MODEL_EAGAIN, "V-24");
	/* below: another task may fork meanwhile, unless max_threads >= pid_max */
	t.max_threads = 81;
	p = predict(&P618_HOST, &t, &fork);
	ck_assert_int_eq(p->err, 0);
	ck_assert_str_eq(alt_rule(p, -MODEL_EAGAIN), "V-24");
	t.max_threads = 32768;
	ck_assert_str_eq(alt_rule(predict(&P618_HOST, &t, &fork), -MODEL_EAGAIN), "V-39");
	/* one of the two not read: the profile's bound, an alternative */
	t.max_threads = 20;
	t.sys_read = MODEL_SYS_NR_THREADS;
	ck_assert_int_eq(predict(&P618_HOST, &t, &fork)->err, 0);
	t.sys_read = 0;

	/* V-30: fd_top 2048 against nr_open 1024, 2047, 2048 and 2111 */
	t.fd_top = 2048;
	t.fd_max = 2048;
	t.fd_free = 3;
	t.sys_read = MODEL_SYS_NR_OPEN;
	t.sys_nr_open = 1024;
	ASSERT_ERR(predict(&P618_HOST, &t, &fork), -MODEL_EMFILE, "V-30");
	t.sys_nr_open = 2047;	/* round_down(2047, 64) = 1984 < 2048 */
	ASSERT_ERR(predict(&P618_HOST, &t, &fork), -MODEL_EMFILE, "V-30");
	t.sys_nr_open = 2048;
	p = predict(&P618_HOST, &t, &fork);
	ck_assert_int_eq(p->err, 0);
	ck_assert_ptr_null(alt_rule(p, -MODEL_EMFILE));
	t.sys_nr_open = 2111;
	ck_assert_int_eq(predict(&P618_HOST, &t, &fork)->err, 0);
	/* shared table: another thread may close fds, an alternative */
	t.sys_nr_open = 1024;
	t.fd_shared = 1;
	p = predict(&P618_HOST, &t, &fork);
	ck_assert_int_eq(p->err, 0);
	ck_assert_str_eq(alt_rule(p, -MODEL_EMFILE), "V-30");
	t.fd_shared = 0;
	/* CLONE_FILES copies nothing; a table within 64 fds allocates nothing */
	ck_assert_int_eq(predict_full(&P618_HOST, &t, MODEL_CLONE_FILES)->err, 0);
	t.fd_top = 64;
	ck_assert_int_eq(predict(&P618_HOST, &t, &fork)->err, 0);
	t.fd_top = 2048;
	/* V-24 is tested before copy_files(): both reached, V-24 wins */
	t.sys_read |= MODEL_SYS_NR_THREADS | MODEL_SYS_MAX_THREADS;
	t.nr_threads = 80;
	t.max_threads = 20;
	ASSERT_ERR(predict(&P618_HOST, &t, &fork), -MODEL_EAGAIN, "V-24");
	t.sys_read = 0;
	/* not read at entry: the profile's nr_open, an alternative only */
	ck_assert_int_eq(predict(&P618_HOST, &t, &fork)->err, 0);
	t.fd_top = 64;

	/* V-18: the entry's unprivileged_userns_clone wins over the profile's */
	{
		struct model_syscall nu = sc_clone(MODEL_CLONE_NEWUSER | 17);
		struct model_profile deb = P618_HOST;

		deb.userns_sysctl = MODEL_CFG_Y;
		t.cap_effective = 0;
		t.sys_read = MODEL_SYS_USERNS_CLONE;
		t.userns_clone = 0;
		ASSERT_ERR(predict(&deb, &t, &nu), -MODEL_EPERM, "V-18");
		t.userns_clone = 1;
		ck_assert_int_ne(predict(&deb, &t, &nu)->err, -MODEL_EPERM);
		t.sys_read = 0;
		deb.userns_sysctl = MODEL_CFG_N;
		ASSERT_ERR(predict(&deb, &t, &nu), -MODEL_EPERM, "V-18");
		/* CAP_SYS_ADMIN in the init user ns passes */
		t.cap_effective = ~0ULL;
		t.sys_read = MODEL_SYS_USERNS_CLONE;
		t.userns_clone = 0;
		ck_assert_int_ne(predict(&deb, &t, &nu)->err, -MODEL_EPERM);
	}
}
END_TEST

START_TEST(test_model_v41_emfile_decided)
{
	struct model_task t = parent_obs();
	struct model_profile no_nr_open = P618_HOST;
	const struct model_pred *p;

	/* a free fd below RLIMIT_NOFILE and max_fds: no EMFILE at all */
	p = predict_full(&P618_HOST, &t, MODEL_CLONE_PIDFD);
	ASSERT_OK(p);
	ck_assert_ptr_null(alt_rule(p, -MODEL_EMFILE));
	ck_assert_str_eq(alt_rule(p, -MODEL_ENFILE), "V-41");
	/* the lowest free fd at RLIMIT_NOFILE: decided */
	t.fd_free = 1024;
	t.fd_max = 1024;
	t.fd_top = 1024;
	p = predict_full(&P618_HOST, &t, MODEL_CLONE_PIDFD);
	ASSERT_ERR(p, -MODEL_EMFILE, "V-41");
	/* a table another task shares may fill meanwhile: an alternative */
	t.fd_free = 3;
	t.fd_shared = 1;
	p = predict_full(&P618_HOST, &t, MODEL_CLONE_PIDFD);
	ASSERT_OK(p);
	ck_assert_str_eq(alt_rule(p, -MODEL_EMFILE), "V-41");
	/* past max_fds, expand_files() refuses fds >= nr_open */
	t.fd_shared = 0;
	t.rlim_nofile = 1ULL << 20;
	t.fd_free = 1024;
	no_nr_open.nr_open = 0;		/* (CLONE_FILES: no copy, no V-30) */
	ck_assert_str_eq(alt_rule(predict_full(&no_nr_open, &t, MODEL_CLONE_PIDFD |
					       MODEL_CLONE_FILES), -MODEL_EMFILE), "V-41");
	no_nr_open.nr_open = 1024;
	ASSERT_ERR(predict_full(&no_nr_open, &t, MODEL_CLONE_PIDFD | MODEL_CLONE_FILES),
		   -MODEL_EMFILE, "V-41");
	no_nr_open.nr_open = 2048;
	p = predict_full(&no_nr_open, &t, MODEL_CLONE_PIDFD | MODEL_CLONE_FILES);
	ASSERT_OK(p);
	ck_assert_ptr_null(alt_rule(p, -MODEL_EMFILE));
}
END_TEST

START_TEST(test_model_v40_dying_pid_ns)
{
	struct model_task t = parent_obs();
	const struct model_pred *p;

	t.uid = 0;
	ASSERT_OK(predict_full(&P618_HOST, &t, 0));
	/* the init of the pid ns for children has exited: no more pids */
	t.pid_ns_children_allocated = 3;
	p = predict_full(&P618_HOST, &t, 0);
	ASSERT_ERR(p, -MODEL_ENOMEM, "V-40");
	ck_assert_str_eq(alt_rule(p, -MODEL_EAGAIN), "V-39");	/* before it */
	/* a new pid ns is adding (the outer levels are not decided) */
	t.cap_effective = CAP_ADMIN;
	ASSERT_OK(predict_full(&P618_HOST, &t, MODEL_CLONE_NEWPID));
	t.valid &= ~MODEL_IN_PROC;
	ASSERT_OK(predict_full(&P618_HOST, &t, 0));
}
END_TEST

START_TEST(test_model_v38_capability_per_level)
{
	struct model_task t = parent_obs();
	const int32_t five[] = { 5 }, one_five[] = { 1, 5 };
	const struct model_pred *p;

	t.valid |= IN_REAPER;
	t.pid_ns_children_reaper = 1;
	/* the pid ns for children is owned by the caller's user ns: caps decide */
	t.pid_ns_owner_rel = 1;
	ASSERT_ERR(predict_set_tid(&P618_HOST, &t, 0, 1, five), -MODEL_EPERM, "V-38");
	t.cap_effective = 1ULL << MODEL_CAP_CHECKPOINT_RESTORE;
	p = predict_set_tid(&P618_HOST, &t, 0, 1, five);
	ASSERT_OK(p);
	ck_assert_ptr_null(alt_rule(p, -MODEL_EPERM));
	ck_assert_str_eq(alt_rule(p, -MODEL_EEXIST), "V-38");
	/* owned by an ancestor user ns: never capable there */
	t.pid_ns_owner_rel = 2;
	ASSERT_ERR(predict_set_tid(&P618_HOST, &t, 0, 1, five), -MODEL_EPERM, "V-38");
	/* not read: an alternative */
	t.pid_ns_owner_rel = 0;
	p = predict_set_tid(&P618_HOST, &t, 0, 1, five);
	ASSERT_OK(p);
	ck_assert_str_eq(alt_rule(p, -MODEL_EPERM), "V-38");
	/* NEWUSER|NEWPID: the new pid ns is owned by the new user ns, whose
	 * owner is the caller: capable without any capability (level 0) */
	t.cap_effective = 0;
	t.pid_ns_owner_rel = 2;		/* level 1: the init ns's owner */
	ASSERT_ERR(predict_set_tid(&P618_HOST, &t, MODEL_CLONE_NEWUSER | MODEL_CLONE_NEWPID,
				   2, one_five), -MODEL_EPERM, "V-38");
	ASSERT_OK(predict_set_tid(&P618_HOST, &t, MODEL_CLONE_NEWUSER | MODEL_CLONE_NEWPID,
				  1, one_five));
	/* NEWPID without NEWUSER: the caller's own user ns owns it (and
	 * without CAP_SYS_ADMIN, copy_namespaces() refuses first: V-34) */
	ASSERT_ERR(predict_set_tid(&P618_HOST, &t, MODEL_CLONE_NEWPID, 1, one_five),
		   -MODEL_EPERM, "V-34");
	t.cap_effective = CAP_ADMIN;
	ASSERT_OK(predict_set_tid(&P618_HOST, &t, MODEL_CLONE_NEWPID, 1, one_five));
	ASSERT_ERR(predict_set_tid(&P618_HOST, &t, MODEL_CLONE_NEWPID, 2, one_five),
		   -MODEL_EPERM, "V-38");	/* level 1: an ancestor's owner */
}
END_TEST

/*
 * create_pid_namespace()'s owner test (V-34's EINVAL): ruled out when BPF
 * saw that the caller's pid_ns_for_children is owned by the caller's own
 * user ns (clone3 only), with or without NEWUSER; an alternative otherwise.
 */
START_TEST(test_model_v34_pid_ns_owner)
{
	struct model_task t = parent_obs();
	const struct model_pred *p;

	t.cap_effective = CAP_ADMIN;
	t.pid_ns_owner_rel = 0;		/* not read (legacy clone) */
	p = predict_clone3(&P618_HOST, &t, MODEL_CLONE_NEWPID, MODEL_SIGCHLD);
	ASSERT_OK(p);
	ck_assert_str_eq(alt_rule(p, -MODEL_EINVAL), "V-34");
	t.pid_ns_owner_rel = 2;		/* another user ns: an ancestor or not */
	p = predict_clone3(&P618_HOST, &t, MODEL_CLONE_NEWPID, MODEL_SIGCHLD);
	ck_assert_str_eq(alt_rule(p, -MODEL_EINVAL), "V-34");
	t.pid_ns_owner_rel = 1 | (2 << 2);	/* the caller's own (level 1: another) */
	p = predict_clone3(&P618_HOST, &t, MODEL_CLONE_NEWPID, MODEL_SIGCHLD);
	ASSERT_OK(p);
	ck_assert_ptr_null(alt_rule(p, -MODEL_EINVAL));
	ck_assert_str_eq(alt_rule(p, -MODEL_ENOSPC), "V-34");	/* the ucount limit */
	p = predict_clone3(&P618_HOST, &t, MODEL_CLONE_NEWUSER | MODEL_CLONE_NEWPID,
			   MODEL_SIGCHLD);
	ASSERT_OK(p);
	ck_assert_ptr_null(alt_rule(p, -MODEL_EINVAL));
	/* the deepest level: ENOSPC decided, no EINVAL before it */
	t.pid_ns_children_level = 32;
	p = predict_clone3(&P618_HOST, &t, MODEL_CLONE_NEWPID, MODEL_SIGCHLD);
	ASSERT_ERR(p, -MODEL_ENOSPC, "V-34");
	ck_assert_ptr_null(alt_rule(p, -MODEL_EINVAL));
	t.pid_ns_owner_rel = 0;
	p = predict_clone3(&P618_HOST, &t, MODEL_CLONE_NEWPID, MODEL_SIGCHLD);
	ASSERT_ERR(p, -MODEL_ENOSPC, "V-34");
	ck_assert_str_eq(alt_rule(p, -MODEL_EINVAL), "V-34");
}
END_TEST

START_TEST(test_model_pid_numbers)
{
	struct model_task t = parent_obs();
	const int32_t one_77[] = { 1, 77 };
	const struct model_pred *p;

	t.cap_effective = CAP_ADMIN;
	t.pid_ns_owner_rel = 1;
	/* R-24: the init level's number is task->pid */
	p = predict_full(&P618_HOST, &t, 0);
	ASSERT_EXPECT(p, "R-24", MODEL_STAGE_NEWTASK, MODEL_FIELD_PID_NR0,
		      MODEL_OP_EQ_CHILD_PID, 0);
	ck_assert(!has_field(p, MODEL_STAGE_NEWTASK, MODEL_FIELD_PID_NR1));
	/* R-21: a child of a new pid ns is its pid 1, one level below */
	p = predict_full(&P618_HOST, &t, MODEL_CLONE_NEWPID);
	ASSERT_EXPECT(p, "R-21", MODEL_STAGE_NEWTASK, MODEL_FIELD_PID_NR0, MODEL_OP_EQ, 1);
	ASSERT_EXPECT(p, "R-24", MODEL_STAGE_NEWTASK, MODEL_FIELD_PID_NR1,
		      MODEL_OP_EQ_CHILD_PID, 0);
	/* R-33: set_tid numbers, innermost first */
	p = predict_set_tid(&P618_HOST, &t, MODEL_CLONE_NEWPID, 2, one_77);
	ASSERT_OK(p);
	ASSERT_EXPECT(p, "R-33", MODEL_STAGE_NEWTASK, MODEL_FIELD_PID_NR0, MODEL_OP_EQ, 1);
	ASSERT_EXPECT(p, "R-33", MODEL_STAGE_NEWTASK, MODEL_FIELD_PID_NR1, MODEL_OP_EQ, 77);
	/* R-34: from a nested pid ns, the number one level up from the child's */
	p = predict_full(&P618_HOST, &t, 0);
	ASSERT_EXPECT(p, "R-34", MODEL_STAGE_SYS_EXIT, MODEL_FIELD_RET,
		      MODEL_OP_EQ_CHILD_PID, 0);
	t.ns_level = 1;
	t.pid_ns_children_level = 1;
	p = predict_full(&P618_HOST, &t, MODEL_CLONE_NEWPID);
	ASSERT_EXPECT(p, "R-34", MODEL_STAGE_SYS_EXIT, MODEL_FIELD_RET,
		      MODEL_OP_EQ_CHILD_NR, 1);
	/* too deep to read: not stated */
	t.ns_level = 1;
	t.pid_ns_children_level = 5;
	t.pid_ns_for_children = 0xa180;
	p = predict_full(&P618_HOST, &t, 0);
	ck_assert(!has_field(p, MODEL_STAGE_SYS_EXIT, MODEL_FIELD_RET));
}
END_TEST

START_TEST(test_model_r36_r37_words)
{
	struct model_task t = parent_obs();
	const struct model_pred *p;

	t.valid |= MODEL_IN_USERMEM;	/* src/predict.c: read in the child */
	p = predict_full(&P618_HOST, &t, MODEL_CLONE_PARENT_SETTID | MODEL_CLONE_CHILD_SETTID);
	ASSERT_EXPECT(p, "R-36", MODEL_STAGE_WAKEUP, MODEL_FIELD_PARENT_TID_VAL,
		      MODEL_OP_EQ_CHILD_PID, 0);
	ASSERT_EXPECT(p, "R-37", MODEL_STAGE_CHILD_RET, MODEL_FIELD_CHILD_TID_VAL,
		      MODEL_OP_EQ_CHILD_NR, 0);
	p = predict_full(&P618_HOST, &t, 0);
	ck_assert(!has_field(p, MODEL_STAGE_WAKEUP, MODEL_FIELD_PARENT_TID_VAL));
	ck_assert(!has_field(p, MODEL_STAGE_CHILD_RET, MODEL_FIELD_CHILD_TID_VAL));
	/* arm64 children never reach the syscall-exit hook (X-12) */
	p = predict_full(&P618_ARM_FULL, &t, MODEL_CLONE_CHILD_SETTID);
	ck_assert(!has_field(p, MODEL_STAGE_CHILD_RET, MODEL_FIELD_CHILD_TID_VAL));
}
END_TEST

/* O-07: with CLONE_VM, the CHILD_SETTID word is still the entry's at the wake-up. */
START_TEST(test_model_o07_child_tid_unwritten)
{
	struct model_task t = parent_obs();
	struct model_syscall sc = sc_clone(MODEL_CLONE_VM | MODEL_CLONE_CHILD_SETTID |
					   MODEL_SIGCHLD);
	const struct model_pred *p;

	t.valid |= MODEL_IN_USERMEM;
	t.child_tid_word = (1ULL << 32) | 0xdeadbeefu;
	sc.arg[2] = 0x601000;		/* parent_tid */
	sc.arg[3] = 0x602000;		/* child_tid */
	p = predict(&P618_HOST, &t, &sc);
	ASSERT_EXPECT(p, "O-07", MODEL_STAGE_WAKEUP, MODEL_FIELD_CHILD_TID_WORD, MODEL_OP_EQ,
		      (int64_t)((1ULL << 32) | 0xdeadbeefu));
	/* not read at entry: not decided */
	t.child_tid_word = 0;
	ck_assert(!has_field(predict(&P618_HOST, &t, &sc), MODEL_STAGE_WAKEUP,
			     MODEL_FIELD_CHILD_TID_WORD));
	t.child_tid_word = (1ULL << 32) | 7;
	/* the PARENT_SETTID word written first overlaps it */
	sc = sc_clone(MODEL_CLONE_VM | MODEL_CLONE_CHILD_SETTID | MODEL_CLONE_PARENT_SETTID |
		      MODEL_SIGCHLD);
	sc.arg[2] = 0x602002;
	sc.arg[3] = 0x602000;
	ck_assert(!has_field(predict(&P618_HOST, &t, &sc), MODEL_STAGE_WAKEUP,
			     MODEL_FIELD_CHILD_TID_WORD));
	sc.arg[2] = 0x602004;		/* adjacent, not overlapping */
	ASSERT_EXPECT(predict(&P618_HOST, &t, &sc), "O-07", MODEL_STAGE_WAKEUP,
		      MODEL_FIELD_CHILD_TID_WORD, MODEL_OP_EQ, (int64_t)((1ULL << 32) | 7));
	/* without CLONE_VM the caller's memory is not the child's */
	sc = sc_clone(MODEL_CLONE_CHILD_SETTID | MODEL_SIGCHLD);
	sc.arg[3] = 0x602000;
	ck_assert(!has_field(predict(&P618_HOST, &t, &sc), MODEL_STAGE_WAKEUP,
			     MODEL_FIELD_CHILD_TID_WORD));
}
END_TEST

START_TEST(test_model_r39_pidfd)
{
	struct model_task t = parent_obs();
	struct model_syscall sc = sc_clone3(TSV | MODEL_CLONE_PIDFD);
	const struct model_expect *e;
	const struct model_pred *p;

	t.valid |= MODEL_IN_PIDFD;
	p = predict_full(&P618_HOST, &t, MODEL_CLONE_PIDFD);
	ASSERT_EXPECT(p, "R-39", MODEL_STAGE_NEWTASK, MODEL_FIELD_PIDFD_NR, MODEL_OP_EQ, 3);
	ASSERT_EXPECT(p, "R-39", MODEL_STAGE_NEWTASK, MODEL_FIELD_PIDFD_CLOEXEC,
		      MODEL_OP_EQ, 1);
	ASSERT_EXPECT(p, "R-39", MODEL_STAGE_NEWTASK, MODEL_FIELD_PIDFD_IN_CHILD,
		      MODEL_OP_EQ, 0);
	ck_assert_ptr_nonnull(find_expect_op(p, "R-39", MODEL_STAGE_NEWTASK,
					     MODEL_FIELD_PIDFD_F_FLAGS, MODEL_OP_BITS_CLEAR));
	/* CLONE_FILES: the child's table is the parent's, fd and all */
	p = predict_full(&P618_HOST, &t, MODEL_CLONE_PIDFD | MODEL_CLONE_FILES);
	ASSERT_EXPECT(p, "R-39", MODEL_STAGE_NEWTASK, MODEL_FIELD_PIDFD_IN_CHILD,
		      MODEL_OP_EQ, 1);
	/* a thread pidfd (6.9+) carries PIDFD_THREAD */
	sc.uargs.pidfd = 0x9100;
	p = predict(&P618_HOST, &t, &sc);
	ASSERT_OK(p);
	e = find_expect_op(p, "R-39", MODEL_STAGE_NEWTASK, MODEL_FIELD_PIDFD_F_FLAGS,
			   MODEL_OP_BITS_SET);
	ck_assert(e && e->value == MODEL_O_RDWR);
	ck_assert_ptr_nonnull(find_expect_op(p, "R-39", MODEL_STAGE_NEWTASK,
					     MODEL_FIELD_PIDFD_F_FLAGS, MODEL_OP_BITS_CLEAR));
	for (size_t i = 0, n = 0; i < p->n_expect; i++)
		if (p->expect[i].field == MODEL_FIELD_PIDFD_F_FLAGS &&
		    p->expect[i].op == MODEL_OP_BITS_SET &&
		    p->expect[i].value == MODEL_PIDFD_THREAD)
			ck_assert_uint_eq(++n, 1);
	/* ... not before 6.9 (E-11: there THREAD|PIDFD is refused) */
	ASSERT_ERR(predict(&P61, &t, &sc), -MODEL_EINVAL, "V-17");
	/* a shared table: neither the number nor the child's slot is known */
	t.fd_shared = 1;
	p = predict_full(&P618_HOST, &t, MODEL_CLONE_PIDFD);
	ck_assert(!has_field(p, MODEL_STAGE_NEWTASK, MODEL_FIELD_PIDFD_NR));
	ck_assert(!has_field(p, MODEL_STAGE_NEWTASK, MODEL_FIELD_PIDFD_IN_CHILD));
	ck_assert(has_field(p, MODEL_STAGE_NEWTASK, MODEL_FIELD_PIDFD_CLOEXEC));
	/* no PIDFD: nothing */
	p = predict_full(&P618_HOST, &t, 0);
	ck_assert(!has_field(p, MODEL_STAGE_NEWTASK, MODEL_FIELD_PIDFD_CLOEXEC));
}
END_TEST

/* S-08: the parent's task group, vruntime 0 where nothing placed the child. */
START_TEST(test_model_s08_task_group_vruntime)
{
	const uint64_t tg = 0xffff888001230000ULL;
	struct model_task t = parent_obs();
	struct model_profile v61 = P618_HOST;
	struct model_syscall sc;
	const struct model_pred *p;

	t.sched_task_group = tg;
	p = predict_full(&P618_HOST, &t, 0);
	ASSERT_EXPECT(p, "S-08", MODEL_STAGE_NEWTASK, MODEL_FIELD_SCHED_TASK_GROUP, MODEL_OP_EQ, tg);
	ASSERT_EXPECT(p, "S-08", MODEL_STAGE_NEWTASK, MODEL_FIELD_VRUNTIME, MODEL_OP_EQ, 0);
	/* INTO_CGROUP: the target's group, not predicted; vruntime still 0 */
	sc = sc_clone3(MODEL_CLONE_INTO_CGROUP);
	sc.uargs.exit_signal = MODEL_SIGCHLD;
	sc.uargs.cgroup = 3;
	p = predict(&P618_HOST, &t, &sc);
	ASSERT_OK(p);
	ck_assert(!has_field(p, MODEL_STAGE_NEWTASK, MODEL_FIELD_SCHED_TASK_GROUP));
	ck_assert(has_field(p, MODEL_STAGE_NEWTASK, MODEL_FIELD_VRUNTIME));
	/* 6.1's task_fork_fair() places a fair child: no vruntime predicted ... */
	v61.minor = 1;
	p = predict_full(&v61, &t, 0);
	ck_assert(!has_field(p, MODEL_STAGE_NEWTASK, MODEL_FIELD_VRUNTIME));
	ASSERT_EXPECT(p, "S-08", MODEL_STAGE_NEWTASK, MODEL_FIELD_SCHED_TASK_GROUP, MODEL_OP_EQ, tg);
	/* ... but rt_sched_class has no task_fork: an RT child keeps 0 */
	t.policy = MODEL_SCHED_FIFO;
	t.prio = t.normal_prio = 89;
	t.rt_priority = 10;
	p = predict_full(&v61, &t, 0);
	ASSERT_EXPECT(p, "S-08", MODEL_STAGE_NEWTASK, MODEL_FIELD_VRUNTIME, MODEL_OP_EQ, 0);
	/* a fair child sched_ext may take: not predicted */
	t = parent_obs();
	t.sched_task_group = tg;
	v61 = P618_HOST;
	v61.sched_ext = MODEL_CFG_UNKNOWN;
	ck_assert(!has_field(predict_full(&v61, &t, 0), MODEL_STAGE_NEWTASK, MODEL_FIELD_VRUNTIME));
	/* no CONFIG_CGROUP_SCHED (read as 1): vruntime only */
	t.sched_task_group = 1;
	p = predict_full(&P618_HOST, &t, 0);
	ck_assert(!has_field(p, MODEL_STAGE_NEWTASK, MODEL_FIELD_SCHED_TASK_GROUP));
	ck_assert(has_field(p, MODEL_STAGE_NEWTASK, MODEL_FIELD_VRUNTIME));
	/* a trace from before these members (0): nothing */
	t.sched_task_group = 0;
	p = predict_full(&P618_HOST, &t, 0);
	ck_assert(!has_field(p, MODEL_STAGE_NEWTASK, MODEL_FIELD_SCHED_TASK_GROUP));
	ck_assert(!has_field(p, MODEL_STAGE_NEWTASK, MODEL_FIELD_VRUNTIME));
}
END_TEST

/* V-42 from the INTO_CGROUP fd's target; R-44 a frozen target's child. */
START_TEST(test_model_v42_cgroup_target)
{
	const uint64_t ok = MODEL_CGT_READ | MODEL_CGT_FILE | MODEL_CGT_CGDIR | MODEL_CGT_DFL |
			    MODEL_CGT_LIVE;
	struct model_task t = parent_full();
	struct model_syscall sc = sc_clone3(MODEL_CLONE_INTO_CGROUP);
	const struct model_pred *p;

	sc.uargs.exit_signal = MODEL_SIGCHLD;
	sc.uargs.cgroup = 3;
	/* not read: every errno allowed, the clone may succeed */
	p = predict(&P618, &t, &sc);
	ASSERT_OK(p);
	ck_assert_str_eq(alt_rule(p, -MODEL_EBADF), "V-42");
	/* read: a closed fd, a directory that is no cgroup, a v1 cgroup: EBADF */
	t.cg_target = MODEL_CGT_READ;
	ASSERT_ERR(predict(&P618, &t, &sc), -MODEL_EBADF, "V-42");
	t.cg_target = MODEL_CGT_READ | MODEL_CGT_FILE;
	ASSERT_ERR(predict(&P618, &t, &sc), -MODEL_EBADF, "V-42");
	t.cg_target = ok & ~MODEL_CGT_DFL;
	ASSERT_ERR(predict(&P618, &t, &sc), -MODEL_EBADF, "V-42");
	/* removed (its css ref killed): ENOENT, before the v1 test */
	t.cg_target = ok & ~MODEL_CGT_LIVE;
	ASSERT_ERR(predict(&P618, &t, &sc), -MODEL_ENOENT, "V-42");
	t.cg_target = ok & ~(MODEL_CGT_LIVE | MODEL_CGT_DFL);
	ASSERT_ERR(predict(&P618, &t, &sc), -MODEL_ENOENT, "V-42");
	/* a live cgroup2 directory: no EBADF left, the others allowed */
	t.cg_target = ok;
	p = predict(&P618, &t, &sc);
	ASSERT_OK(p);
	ck_assert_ptr_null(alt_rule(p, -MODEL_EBADF));
	ck_assert_str_eq(alt_rule(p, -MODEL_EBUSY), "V-42");
	ASSERT_EXPECT(p, "R-40", MODEL_STAGE_NEWTASK, MODEL_FIELD_JOBCTL, MODEL_OP_EQ, 0);
	/* R-44: a frozen target's child starts with JOBCTL_TRAP_FREEZE */
	t.cg_target = ok | MODEL_CGT_FREEZE;
	p = predict(&P618, &t, &sc);
	ASSERT_EXPECT(p, "R-44", MODEL_STAGE_NEWTASK, MODEL_FIELD_JOBCTL, MODEL_OP_EQ,
		      MODEL_JOBCTL_TRAP_FREEZE);
	/* without INTO_CGROUP the word is not looked at */
	sc = sc_fork();
	ASSERT_EXPECT(predict(&P618, &t, &sc), "R-40", MODEL_STAGE_NEWTASK, MODEL_FIELD_JOBCTL,
		      MODEL_OP_EQ, 0);
	/* a decided failure at an earlier step comes first */
	t.cg_target = MODEL_CGT_READ;
	sc = sc_clone3(MODEL_CLONE_INTO_CGROUP | MODEL_CLONE_THREAD);
	sc.uargs.cgroup = 3;
	ASSERT_ERR(predict(&P618, &t, &sc), -MODEL_EINVAL, "V-12");
}
END_TEST

/*
 * S-09: sched_post_fork() -> uclamp_post_fork() (v5.10.262 .. v7.2.13): a
 * child whose prio (the parent's normal_prio, no reset-on-fork) is below
 * MAX_RT_PRIO gets the sysctl's rt default as util-min unless its
 * util-min is user-defined; S-03 for the rest.
 */
START_TEST(test_model_s09_uclamp_rt_default)
{
	struct model_profile prof = P618;
	struct model_task t = parent_full();
	const struct model_pred *p;

	prof.uclamp = MODEL_CFG_Y;
	prof.uclamp_rt_default = 800 + 1;	/* the sysctl read 800 */
	t.policy = MODEL_SCHED_FIFO;
	t.normal_prio = t.prio = 89;		/* FIFO 10 */
	t.uclamp_user = 1;			/* not user-defined */
	t.uclamp_min = 1024;
	p = predict_full(&prof, &t, 0);
	ASSERT_EXPECT(p, "S-09", MODEL_STAGE_NEWTASK, MODEL_FIELD_UCLAMP_MIN,
		      MODEL_OP_EQ, 800);
	ASSERT_EXPECT(p, "S-03", MODEL_STAGE_NEWTASK, MODEL_FIELD_UCLAMP_USER,
		      MODEL_OP_EQ, 1);
	ASSERT_EXPECT(p, "S-03", MODEL_STAGE_NEWTASK, MODEL_FIELD_UCLAMP_MAX,
		      MODEL_OP_EQ, 900);
	ck_assert_ptr_null(find_expect(p, "S-03", MODEL_STAGE_NEWTASK,
				       MODEL_FIELD_UCLAMP_MIN));
	/* user-defined (SCHED_FLAG_UTIL_CLAMP_MIN): the parent's, copied */
	t.uclamp_user = 2;
	t.uclamp_min = 200;
	p = predict_full(&prof, &t, 0);
	ASSERT_EXPECT(p, "S-09", MODEL_STAGE_NEWTASK, MODEL_FIELD_UCLAMP_MIN,
		      MODEL_OP_EQ, 200);
	ASSERT_EXPECT(p, "S-03", MODEL_STAGE_NEWTASK, MODEL_FIELD_UCLAMP_USER,
		      MODEL_OP_EQ, 2);
	/* ... and needs no rt default */
	prof.uclamp_rt_default = 0;
	ASSERT_EXPECT(predict_full(&prof, &t, 0), "S-09", MODEL_STAGE_NEWTASK,
		      MODEL_FIELD_UCLAMP_MIN, MODEL_OP_EQ, 200);
	/* not user-defined, the rt default unknown: util-min not predicted */
	t.uclamp_user = 1;
	ck_assert(!has_field(predict_full(&prof, &t, 0), MODEL_STAGE_NEWTASK,
			     MODEL_FIELD_UCLAMP_MIN));
	prof.uclamp_rt_default = 800 + 1;
	/* the boundary: normal_prio 99 is RT ... */
	t.normal_prio = t.prio = 99;
	ASSERT_EXPECT(predict_full(&prof, &t, 0), "S-09", MODEL_STAGE_NEWTASK,
		      MODEL_FIELD_UCLAMP_MIN, MODEL_OP_EQ, 800);
	/* ... 100 (SCHED_NORMAL nice -20) is not: S-03, the parent's */
	t.policy = MODEL_SCHED_NORMAL;
	t.static_prio = t.normal_prio = t.prio = 100;
	t.uclamp_min = 0;
	p = predict_full(&prof, &t, 0);
	ASSERT_EXPECT(p, "S-03", MODEL_STAGE_NEWTASK, MODEL_FIELD_UCLAMP_MIN,
		      MODEL_OP_EQ, 0);
	ck_assert_ptr_null(find_expect(p, "S-09", MODEL_STAGE_NEWTASK,
				       MODEL_FIELD_UCLAMP_MIN));
	/* PI-boosted to RT: sched_fork() takes normal_prio, not RT (S-02) */
	t.prio = 89;
	ASSERT_EXPECT(predict_full(&prof, &t, 0), "S-03", MODEL_STAGE_NEWTASK,
		      MODEL_FIELD_UCLAMP_MIN, MODEL_OP_EQ, 0);
	/* RT with reset-on-fork: the child is NORMAL with defaults, user_defined cleared */
	t.policy = MODEL_SCHED_FIFO;
	t.normal_prio = t.prio = 89;
	t.static_prio = 120;
	t.reset_on_fork = 1;
	t.uclamp_user = 2;
	t.uclamp_min = 200;
	p = predict_full(&prof, &t, 0);
	ASSERT_EXPECT(p, "S-03", MODEL_STAGE_NEWTASK, MODEL_FIELD_UCLAMP_MIN,
		      MODEL_OP_EQ, 0);
	ASSERT_EXPECT(p, "S-03", MODEL_STAGE_NEWTASK, MODEL_FIELD_UCLAMP_USER,
		      MODEL_OP_EQ, 1);
	ck_assert_ptr_null(find_expect(p, "S-09", MODEL_STAGE_NEWTASK,
				       MODEL_FIELD_UCLAMP_MIN));
}
END_TEST

START_TEST(test_model_s06_sched_class)
{
	struct model_task t = parent_obs();
	struct model_profile scx = P618_HOST;
	const struct model_pred *p;

	/* a fair parent: a fair child, the same class */
	p = predict_full(&P618_HOST, &t, 0);
	ASSERT_EXPECT(p, "S-06", MODEL_STAGE_NEWTASK, MODEL_FIELD_SCHED_CLASS, MODEL_OP_EQ,
		      0xffffffff82000000ULL);
	/* an RT parent with reset-on-fork: a fair child, another class */
	t.policy = MODEL_SCHED_FIFO;
	t.prio = t.normal_prio = 89;
	t.rt_priority = 10;
	t.reset_on_fork = 1;
	p = predict_full(&P618_HOST, &t, 0);
	ASSERT_EXPECT(p, "S-06", MODEL_STAGE_NEWTASK, MODEL_FIELD_SCHED_CLASS, MODEL_OP_NEW,
		      0xffffffff82000000ULL);
	/* without reset-on-fork: RT like its parent */
	t.reset_on_fork = 0;
	p = predict_full(&P618_HOST, &t, 0);
	ASSERT_EXPECT(p, "S-06", MODEL_STAGE_NEWTASK, MODEL_FIELD_SCHED_CLASS, MODEL_OP_EQ,
		      0xffffffff82000000ULL);
	/* a fair parent boosted into RT: its child is fair (S-02) */
	t.policy = MODEL_SCHED_NORMAL;
	t.normal_prio = 120;
	t.prio = 89;
	p = predict_full(&P618_HOST, &t, 0);
	ASSERT_EXPECT(p, "S-06", MODEL_STAGE_NEWTASK, MODEL_FIELD_SCHED_CLASS, MODEL_OP_NEW,
		      0xffffffff82000000ULL);
	/* 6.12+ with sched_ext possible (or unknown): not decided */
	scx.sched_ext = MODEL_CFG_Y;
	ck_assert(!has_field(predict_full(&scx, &t, 0), MODEL_STAGE_NEWTASK,
			     MODEL_FIELD_SCHED_CLASS));
	scx.scx_loaded = MODEL_CFG_Y;		/* a BPF scheduler loaded */
	ck_assert(!has_field(predict_full(&scx, &t, 0), MODEL_STAGE_NEWTASK,
			     MODEL_FIELD_SCHED_CLASS));
	/* configured, none loaded at the start: decided as without sched_ext */
	scx.scx_loaded = MODEL_CFG_N;
	ASSERT_EXPECT(predict_full(&scx, &t, 0), "S-06", MODEL_STAGE_NEWTASK,
		      MODEL_FIELD_SCHED_CLASS, MODEL_OP_NEW, 0xffffffff82000000ULL);
	scx.scx_loaded = MODEL_CFG_UNKNOWN;
	scx.sched_ext = MODEL_CFG_UNKNOWN;
	ck_assert(!has_field(predict_full(&scx, &t, 0), MODEL_STAGE_NEWTASK,
			     MODEL_FIELD_SCHED_CLASS));
	scx.minor = 6;
	ck_assert(has_field(predict_full(&scx, &t, 0), MODEL_STAGE_NEWTASK,
			    MODEL_FIELD_SCHED_CLASS));
}
END_TEST

START_TEST(test_model_r28_kthreadd_flags)
{
	/*
	 * A kernel thread's clone_flags are predicted from kernel_thread()'s
	 * own argument (create_kthread()'s in kthreadd, which the predictor
	 * passes, never copy_process()'s, which are what task_newtask
	 * reports): that | CLONE_VM | CLONE_UNTRACED, without the exit signal.
	 */
	struct model_task t = kthreadd();
	struct model_syscall sc = { .entry = MODEL_ENTRY_KTHREAD,
		.arg = { 0xffffffff81100000ULL, 0xffff888001234000ULL,
			 MODEL_CLONE_FS | MODEL_CLONE_FILES | MODEL_SIGCHLD } };
	const struct model_pred *p;

	p = predict(&P618_X86_FULL, &t, &sc);
	ASSERT_OK(p);
	ASSERT_EXPECT(p, "R-28", MODEL_STAGE_NEWTASK, MODEL_FIELD_CLONE_FLAGS, MODEL_OP_EQ,
		      MODEL_CLONE_VM | MODEL_CLONE_UNTRACED | MODEL_CLONE_FS |
		      MODEL_CLONE_FILES);
	ASSERT_EXPECT(p, "R-28", MODEL_STAGE_NEWTASK, MODEL_FIELD_EXIT_SIGNAL, MODEL_OP_EQ,
		      MODEL_SIGCHLD);
	/* kernel_thread()'s argument moves it: VM and UNTRACED are added */
	sc.arg[2] = MODEL_CLONE_FS | 10 /* SIGUSR1 */;
	p = predict(&P618_X86_FULL, &t, &sc);
	ASSERT_EXPECT(p, "R-28", MODEL_STAGE_NEWTASK, MODEL_FIELD_CLONE_FLAGS, MODEL_OP_EQ,
		      MODEL_CLONE_VM | MODEL_CLONE_UNTRACED | MODEL_CLONE_FS);
	ASSERT_EXPECT(p, "R-28", MODEL_STAGE_NEWTASK, MODEL_FIELD_EXIT_SIGNAL, MODEL_OP_EQ,
		      10);
	/* another creator: nothing known */
	t.pid = t.tgid = 77;
	p = predict(&P618_X86_FULL, &t, &sc);
	ck_assert(!has_field(p, MODEL_STAGE_NEWTASK, MODEL_FIELD_CLONE_FLAGS));
}
END_TEST

START_TEST(test_model_r07_multiprocess)
{
	struct model_task t = parent_obs();
	struct model_profile p510 = P618_HOST, p515 = P618_HOST;
	const struct model_pred *p;

	t.valid |= MODEL_IN_MMF;
	t.mm_flags = 0;
	/* a CLONE_VM process: copy_oom_score_adj() marks the shared mm */
	p = predict_full(&P618_HOST, &t, MODEL_CLONE_VM);
	ASSERT_EXPECT(p, "R-07", MODEL_STAGE_FORK, MODEL_FIELD_MM_FLAGS,
		      MODEL_OP_BITS_SET, 1ULL << 26);
	/* fork: a new mm, without the bit */
	p = predict_full(&P618_HOST, &t, 0);
	ASSERT_EXPECT(p, "R-07", MODEL_STAGE_FORK, MODEL_FIELD_MM_FLAGS,
		      MODEL_OP_BITS_CLEAR, 1ULL << 26);
	/* a thread or vfork child: the caller's mm as it was */
	p = predict_full(&P618_HOST, &t, TSV);
	ASSERT_EXPECT(p, "R-07", MODEL_STAGE_FORK, MODEL_FIELD_MM_FLAGS,
		      MODEL_OP_BITS_CLEAR, 1ULL << 26);
	t.mm_flags = 1ULL << 26;
	p = predict_full(&P618_HOST, &t, MODEL_CLONE_VM | MODEL_CLONE_VFORK);
	ASSERT_EXPECT(p, "R-07", MODEL_STAGE_FORK, MODEL_FIELD_MM_FLAGS,
		      MODEL_OP_BITS_SET, 1ULL << 26);
	/* 5.10 numbers it 27; 5.11 .. 5.19 are not decided */
	p510.major = 5;
	p510.minor = 10;
	p = predict_full(&p510, &t, MODEL_CLONE_VM);
	ASSERT_EXPECT(p, "R-07", MODEL_STAGE_FORK, MODEL_FIELD_MM_FLAGS,
		      MODEL_OP_BITS_SET, 1ULL << 27);
	p515.major = 5;
	p515.minor = 15;
	ck_assert(!has_field(predict_full(&p515, &t, MODEL_CLONE_VM), MODEL_STAGE_FORK,
			     MODEL_FIELD_MM_FLAGS));
}
END_TEST

START_TEST(test_model_x13_frame_offset_needs_located_regs)
{
	/* The frame's offset is an expectation on the KFRAME_AT group only. */
	struct model_task t = parent_full();
	const struct model_pred *p;

	ck_assert_uint_eq(model_field_input(MODEL_FIELD_KFRAME_SP_OFF), MODEL_IN_KFRAME_AT);
	ck_assert_uint_eq(model_field_input(MODEL_FIELD_KFRAME_FP_OFF), MODEL_IN_KFRAME_AT);
	ck_assert_uint_eq(model_field_input(MODEL_FIELD_KFRAME_RET), MODEL_IN_KFRAME);
	t.valid &= ~MODEL_IN_KFRAME_AT;
	p = predict_full(&P618_X86_FULL, &t, 0);
	ck_assert(!has_field(p, MODEL_STAGE_NEWTASK, MODEL_FIELD_KFRAME_SP_OFF));
	ck_assert(has_field(p, MODEL_STAGE_NEWTASK, MODEL_FIELD_KFRAME_RET));
}
END_TEST


/* ------------------------------------------------ injected faults (inject.c) */

#include "inject_plan.h"

#define SIGUSR1_NR 10

/* A plain fork with @word as the caller's plan. */
static const struct model_pred *predict_injected(const struct model_profile *prof,
						 struct model_task *t,
						 const struct model_syscall *sc, uint64_t word)
{
	t->inject = word;
	return predict(prof, t, sc);
}

/* V-20: a handled, unblocked signal at entry -> ERESTARTNOINTR, unwound. */
START_TEST(test_model_inject_signal_gate)
{
	struct model_task t = parent_task();
	struct model_syscall sc = sc_fork();
	const struct model_pred *p;

	t.valid |= MODEL_IN_SIGNALS;
	p = predict_injected(&P618, &t, &sc,
			     MODEL_INJ_WORD(MODEL_INJ_SIGNAL_GATE, SIGUSR1_NR, 0, 77));
	ASSERT_ERR(p, -MODEL_ERESTARTNOINTR, "V-20");
	ck_assert_uint_eq(p->stages_forbidden, MODEL_STAGES_CHILD);
	ck_assert_uint_eq(p->n_expect, 0);
	ck_assert_uint_eq(p->n_alt, 0);		/* the gate comes before every step */
	/* blocked: never pending at the gate, the clone goes on */
	t.blocked = 1ULL << (SIGUSR1_NR - 1);
	p = predict_injected(&P618, &t, &sc,
			     MODEL_INJ_WORD(MODEL_INJ_SIGNAL_GATE, SIGUSR1_NR, 0, 77));
	ASSERT_OK(p);
	/* the restarted entry: the plan is spent */
	t.blocked = 0;
	p = predict_injected(&P618, &t, &sc,
			     MODEL_INJ_WORD(MODEL_INJ_SIGNAL_GATE, SIGUSR1_NR, MODEL_INJ_F_SPENT, 77));
	ASSERT_OK(p);
	/* the mask not read: only allowed */
	t.valid &= ~MODEL_IN_SIGNALS;
	p = predict_injected(&P618, &t, &sc,
			     MODEL_INJ_WORD(MODEL_INJ_SIGNAL_GATE, SIGUSR1_NR, 0, 77));
	ASSERT_OK(p);
	ck_assert_str_eq(alt_rule(p, -MODEL_ERESTARTNOINTR), "V-20");
	/* a flag check fails before copy_process()'s gate */
	t.valid |= MODEL_IN_SIGNALS;
	sc = sc_clone(MODEL_CLONE_THREAD);
	p = predict_injected(&P618, &t, &sc,
			     MODEL_INJ_WORD(MODEL_INJ_SIGNAL_GATE, SIGUSR1_NR, 0, 77));
	ASSERT_ERR(p, -MODEL_EINVAL, "V-12");
}
END_TEST

/* V-47: SIGKILL after the gate -> EINTR; earlier steps' errnos allowed. */
START_TEST(test_model_inject_sigkill_late)
{
	struct model_task t = parent_task();
	struct model_syscall sc = sc_fork();
	const struct model_pred *p;

	p = predict_injected(&P618, &t, &sc, MODEL_INJ_WORD(MODEL_INJ_SIGKILL_LATE, 9, 0, 1));
	ASSERT_ERR(p, -MODEL_EINTR, "V-47");
	ck_assert_uint_eq(p->stages_forbidden, MODEL_STAGES_CHILD);
	ck_assert_str_eq(alt_rule(p, -MODEL_ENOMEM), "V-21");
	ck_assert_ptr_null(alt_rule(p, -MODEL_EINTR));
	/* a failure decided at an earlier step wins: 33 user ns levels */
	t.valid |= MODEL_IN_CRED;
	t.user_ns_level = 33;
	sc = sc_clone(MODEL_CLONE_NEWUSER | MODEL_SIGCHLD);
	p = predict_injected(&P618, &t, &sc, MODEL_INJ_WORD(MODEL_INJ_SIGKILL_LATE, 9, 0, 1));
	ASSERT_ERR(p, -MODEL_ENOSPC, "V-22");
}
END_TEST

/*
 * V-47 from the task_struct's slab allocation: EINTR at the final gate
 * when no mm is copied; a fork's dup_mmap() sees the SIGKILL first (V-33).
 */
START_TEST(test_model_inject_sigkill_slab)
{
	const uint64_t w = MODEL_INJ_WORD(MODEL_INJ_SIGKILL_SLAB, 9, 0, 8);
	struct model_task t = parent_task();
	struct model_syscall sc = sc_clone(MODEL_CLONE_VM | MODEL_CLONE_VFORK | MODEL_SIGCHLD);
	const struct model_pred *p;

	p = predict_injected(&P618, &t, &sc, w);
	ASSERT_ERR(p, -MODEL_EINTR, "V-47");
	ck_assert_uint_eq(p->stages_forbidden, MODEL_STAGES_CHILD);
	sc = sc_fork();
	p = predict_injected(&P618, &t, &sc, w);
	ASSERT_ERR(p, -MODEL_ENOMEM, "V-33");
	ck_assert_ptr_null(alt_rule(p, -MODEL_EINTR));	/* the final gate is not reached */
	/* 6.19+: dup_mmap()'s vma_start_write_killable() does not look: the final gate */
	{
		static const struct model_profile P619 = { .major = 6, .minor = 19,
							   .arch = MODEL_ARCH_X86_64 };

		p = predict_injected(&P619, &t, &sc, w);
		ASSERT_ERR(p, -MODEL_EINTR, "V-47");
		p = predict_injected(&P72, &t, &sc, w);
		ASSERT_ERR(p, -MODEL_EINTR, "V-47");
	}
	/* no mm to copy: the final gate */
	t.mm = 0;
	p = predict_injected(&P618, &t, &sc, w);
	ASSERT_ERR(p, -MODEL_EINTR, "V-47");
	/* a failure decided before copy_mm() wins: 33 user ns levels */
	t = parent_task();
	t.valid |= MODEL_IN_CRED;
	t.user_ns_level = 33;
	sc = sc_clone(MODEL_CLONE_NEWUSER | MODEL_SIGCHLD);
	p = predict_injected(&P618, &t, &sc, w);
	ASSERT_ERR(p, -MODEL_ENOSPC, "V-22");
	/* and copy_mm()'s ENOMEM wins over a decided failure after it (V-36) */
	sc = sc_clone(MODEL_CLONE_SETTLS | MODEL_SIGCHLD);
	sc.arg[4] = (1ULL << 47) - 4096;		/* 4-level TASK_SIZE_MAX */
	t = parent_task();
	p = predict_injected(&P618_X86_FULL, &t, &sc, 0);
	ASSERT_ERR(p, -MODEL_EPERM, "V-36");
	p = predict_injected(&P618_X86_FULL, &t, &sc, w);
	ASSERT_ERR(p, -MODEL_ENOMEM, "V-33");
	sc.arg[0] |= MODEL_CLONE_VM;	/* no mm copied: V-36 before the final gate */
	p = predict_injected(&P618_X86_FULL, &t, &sc, w);
	ASSERT_ERR(p, -MODEL_EPERM, "V-36");
}
END_TEST

/* fmod_ret hooks: each errno, its rule, and where the hook is not reached. */
START_TEST(test_model_inject_fmod_ret)
{
	struct model_task t = parent_task();
	struct model_syscall sc = sc_fork();
	const struct model_pred *p;

	/* V-28: security_task_alloc's own errno comes back */
	p = predict_injected(&P618, &t, &sc, MODEL_INJ_WORD(MODEL_INJ_TASK_ALLOC, MODEL_EACCES, 0, 2));
	ASSERT_ERR(p, -MODEL_EACCES, "V-28");
	ck_assert_str_eq(alt_rule(p, -MODEL_ENOMEM), "V-21");	/* dup_task_struct before */
	ck_assert_ptr_null(alt_rule(p, -MODEL_EINTR));		/* the final gate after */

	/* V-22: prepare_creds() fails -> ENOMEM whatever the hook said */
	p = predict_injected(&P618, &t, &sc,
			     MODEL_INJ_WORD(MODEL_INJ_PREPARE_CREDS, MODEL_EACCES, 0, 3));
	ASSERT_ERR(p, -MODEL_ENOMEM, "V-22");
	/* a thread without a thread keyring shares the creds: not reached */
	t.valid |= MODEL_IN_CRED;
	t.has_thread_keyring = 0;
	sc = sc_clone(MODEL_CLONE_VM | MODEL_CLONE_SIGHAND | MODEL_CLONE_THREAD);
	p = predict_injected(&P618, &t, &sc,
			     MODEL_INJ_WORD(MODEL_INJ_PREPARE_CREDS, MODEL_EACCES, 0, 3));
	ASSERT_OK(p);
	t.has_thread_keyring = 1;
	p = predict_injected(&P618, &t, &sc,
			     MODEL_INJ_WORD(MODEL_INJ_PREPARE_CREDS, MODEL_EACCES, 0, 3));
	ASSERT_ERR(p, -MODEL_ENOMEM, "V-22");
	/* prepare_creds() comes before create_user_ns()'s level check */
	t.user_ns_level = 33;
	sc = sc_clone(MODEL_CLONE_NEWUSER);
	p = predict_injected(&P618, &t, &sc,
			     MODEL_INJ_WORD(MODEL_INJ_PREPARE_CREDS, MODEL_EACCES, 0, 3));
	ASSERT_ERR(p, -MODEL_ENOMEM, "V-22");
	p = predict_injected(&P618, &t, &sc,
			     MODEL_INJ_WORD(MODEL_INJ_CREATE_USER_NS, MODEL_EACCES, 0, 4));
	ASSERT_ERR(p, -MODEL_ENOSPC, "V-22");	/* the level check first */
	t.user_ns_level = 0;
	p = predict_injected(&P618, &t, &sc,
			     MODEL_INJ_WORD(MODEL_INJ_CREATE_USER_NS, MODEL_EACCES, 0, 4));
	ASSERT_ERR(p, -MODEL_EACCES, "V-22");
	p = predict_injected(&P510, &t, &sc,	/* no hook before 6.1 */
			     MODEL_INJ_WORD(MODEL_INJ_CREATE_USER_NS, MODEL_EACCES, 0, 4));
	ck_assert_int_ne(p->err, -MODEL_EACCES);
	sc = sc_fork();
	p = predict_injected(&P618, &t, &sc,
			     MODEL_INJ_WORD(MODEL_INJ_CREATE_USER_NS, MODEL_EACCES, 0, 4));
	ASSERT_OK(p);

	/* V-33: dup_mmap() -> ENOMEM; CLONE_VM copies no mm */
	p = predict_injected(&P618, &t, &sc,
			     MODEL_INJ_WORD(MODEL_INJ_VM_ENOUGH_MEMORY, MODEL_EACCES, 0, 5));
	ASSERT_ERR(p, -MODEL_ENOMEM, "V-33");
	sc = sc_clone(MODEL_CLONE_VM | MODEL_SIGCHLD);
	p = predict_injected(&P618, &t, &sc,
			     MODEL_INJ_WORD(MODEL_INJ_VM_ENOUGH_MEMORY, MODEL_EACCES, 0, 5));
	ASSERT_OK(p);

	/* V-41: the pidfd's file; no PIDFD, no file */
	sc = sc_clone3(MODEL_CLONE_PIDFD);
	sc.uargs.exit_signal = MODEL_SIGCHLD;
	sc.uargs.pidfd = 0x601000;
	p = predict_injected(&P618, &t, &sc,
			     MODEL_INJ_WORD(MODEL_INJ_FILE_ALLOC, MODEL_ENFILE, 0, 6));
	ASSERT_ERR(p, -MODEL_ENFILE, "V-41");
	ck_assert_str_eq(alt_rule(p, -MODEL_ENOMEM), "V-21");	/* earlier steps allowed */
	sc.uargs.flags = 0;
	p = predict_injected(&P618, &t, &sc,
			     MODEL_INJ_WORD(MODEL_INJ_FILE_ALLOC, MODEL_ENFILE, 0, 6));
	ASSERT_OK(p);
	/* a decided EMFILE (the fd) comes before the file */
	sc.uargs.flags = MODEL_CLONE_PIDFD;
	t.valid |= MODEL_IN_FDS | MODEL_IN_PROC;
	t.fd_free = 64;
	t.fd_max = 64;
	t.rlim_nofile = 64;
	p = predict_injected(&P618, &t, &sc,
			     MODEL_INJ_WORD(MODEL_INJ_FILE_ALLOC, MODEL_ENFILE, 0, 6));
	ASSERT_ERR(p, -MODEL_EMFILE, "V-41");
}
END_TEST

/* The plan word's names: every kind has a name, hook and rule; 0 has none. */
START_TEST(test_model_inject_names)
{
	ck_assert_ptr_null(model_inject_name(0));
	ck_assert_ptr_null(model_inject_rule(MODEL_INJ__COUNT));
	for (unsigned int k = 1; k < MODEL_INJ__COUNT; k++) {
		uint64_t w = MODEL_INJ_WORD(k, 1, 0, 0xdeadbeef);

		ck_assert_ptr_nonnull(model_inject_name(w));
		ck_assert_ptr_nonnull(model_inject_hook(w));
		ck_assert_ptr_nonnull(model_rule_find(model_inject_rule(w)));
		ck_assert_uint_eq(MODEL_INJ_COOKIE(w), 0xdeadbeef);
		ck_assert_uint_eq(MODEL_INJ_KIND(w), k);
	}
}
END_TEST

/*
 * model_kernel_clone() clears only its prediction's header and counts
 * (model/clone.c), so a struct used before must give the same prediction
 * as a fresh one, up to every count.
 */
START_TEST(test_model_pred_reused_struct)
{
	static struct model_pred used, fresh;
	const struct model_syscall scs[] = {
		{ .entry = MODEL_ENTRY_VFORK }, sc_fork(),
		sc_clone(MODEL_CLONE_THREAD | MODEL_CLONE_SIGHAND | MODEL_CLONE_VM),
		sc_clone(MODEL_CLONE_SIGHAND),	/* EINVAL: no VM */
		sc_clone3(MODEL_CLONE_PIDFD | MODEL_CLONE_PARENT_SETTID),
	};
	struct model_task p = parent_task();

	for (size_t k = 0; k < sizeof(scs) / sizeof(scs[0]); k++) {
		memset(&used, 0xa5, sizeof(used));
		memset(&fresh, 0, sizeof(fresh));
		model_kernel_clone(&P618, &p, &scs[k], &used);
		model_kernel_clone(&P618, &p, &scs[k], &fresh);
		ck_assert_int_eq(used.err, fresh.err);
		ck_assert_ptr_eq(used.err_rule, fresh.err_rule);
		ck_assert_msg(!memcmp(&used.kargs, &fresh.kargs, sizeof(used.kargs)), "kargs");
		ck_assert_uint_eq(used.stages_required, fresh.stages_required);
		ck_assert_uint_eq(used.stages_forbidden, fresh.stages_forbidden);
		ck_assert_ptr_eq(used.stages_rule, fresh.stages_rule);
		ck_assert_uint_eq(used.inputs, fresh.inputs);
		ck_assert_uint_eq(used.n_dropped, fresh.n_dropped);
		ck_assert_uint_eq(used.n_alt, fresh.n_alt);
		for (size_t i = 0; i < fresh.n_alt; i++) {
			ck_assert_int_eq(used.alt[i].err, fresh.alt[i].err);
			ck_assert_ptr_eq(used.alt[i].rule, fresh.alt[i].rule);
		}
		ck_assert_uint_eq(used.n_expect, fresh.n_expect);
		for (size_t i = 0; i < fresh.n_expect; i++) {
			const struct model_expect *u = &used.expect[i], *f = &fresh.expect[i];

			ck_assert_ptr_eq(u->rule, f->rule);
			ck_assert_int_eq(u->stage, f->stage);
			ck_assert_int_eq(u->field, f->field);
			ck_assert_int_eq(u->op, f->op);
			ck_assert_int_eq(u->value, f->value);
		}
		ck_assert_uint_eq(used.n_order, fresh.n_order);
		for (size_t i = 0; i < fresh.n_order; i++) {
			ck_assert_ptr_eq(used.order[i].rule, fresh.order[i].rule);
			ck_assert_int_eq(used.order[i].before, fresh.order[i].before);
			ck_assert_int_eq(used.order[i].after, fresh.order[i].after);
			ck_assert_int_eq(used.order[i].unless, fresh.order[i].unless);
		}
	}
}
END_TEST

Suite *model_suite(void)
{
	Suite *s = suite_create("model");
	TCase *tc;

	tc = tcase_create("Entry");
	tcase_add_test(tc, test_model_order_of_points);
	tcase_add_test(tc, test_model_pred_reused_struct);
	tcase_add_test(tc, test_model_entry_point_flags);
	tcase_add_test(tc, test_model_fork_builds_sigchld_args);
	tcase_add_test(tc, test_model_vfork_builds_vfork_vm_args);
	tcase_add_test(tc, test_model_fork_vfork_missing_on_arm64);
	tcase_add_test(tc, test_model_unknown_entry_is_enosys);
	tcase_add_test(tc, test_model_clone_x86_64_argument_order);
	tcase_add_test(tc, test_model_clone_arm64_backwards_argument_order);
	tcase_add_test(tc, test_model_clone_pidfd_is_parent_tid_pointer);
	tcase_add_test(tc, test_model_clone_drops_upper_flag_bits);
	tcase_add_test(tc, test_model_clone_exit_signal_is_low_byte_unchecked);
	tcase_add_test(tc, test_model_clone_detached_alone_ignored);
	tcase_add_loop_test(tc, test_model_clone3_validation_steps, 0,
			    N(clone3_cases));
	tcase_add_test(tc, test_model_clone3_short_struct_zero_filled);
	tcase_add_test(tc, test_model_clone3_stack_moved_to_top);
	tcase_add_test(tc, test_model_clone3_user_limit_per_arch);
	tcase_add_test(tc, test_model_clone3_copies_fields);
	tcase_add_test(tc, test_model_clone3_newtime_per_profile);
	tcase_add_test(tc, test_model_sys_entry_rule_optional);
	suite_add_tcase(s, tc);

	tc = tcase_create("Observed");
	tcase_add_test(tc, test_model_v23_exemptions);
	tcase_add_test(tc, test_model_v24_v39_bounds);
	tcase_add_test(tc, test_model_v31_v43_causes);
	tcase_add_test(tc, test_model_v23_count_decides);
	tcase_add_test(tc, test_model_v43_count_decides);
	tcase_add_test(tc, test_model_v39_pid_space_decides);
	tcase_add_test(tc, test_model_v38_own_pid_max);
	tcase_add_test(tc, test_model_v30_emfile_from_fd_span);
	tcase_add_test(tc, test_model_globals_at_entry);
	tcase_add_test(tc, test_model_v41_emfile_decided);
	tcase_add_test(tc, test_model_v40_dying_pid_ns);
	tcase_add_test(tc, test_model_v38_capability_per_level);
	tcase_add_test(tc, test_model_v34_pid_ns_owner);
	tcase_add_test(tc, test_model_pid_numbers);
	tcase_add_test(tc, test_model_r36_r37_words);
	tcase_add_test(tc, test_model_o07_child_tid_unwritten);
	tcase_add_test(tc, test_model_r39_pidfd);
	tcase_add_test(tc, test_model_s06_sched_class);
	tcase_add_test(tc, test_model_s09_uclamp_rt_default);
	tcase_add_test(tc, test_model_s08_task_group_vruntime);
	tcase_add_test(tc, test_model_v42_cgroup_target);
	tcase_add_test(tc, test_model_r28_kthreadd_flags);
	tcase_add_test(tc, test_model_x13_frame_offset_needs_located_regs);
	tcase_add_test(tc, test_model_r07_multiprocess);
	suite_add_tcase(s, tc);

	tc = tcase_create("Precedence");
	tcase_add_test(tc, test_model_a4_clone3_thread_exit_signal_einval);
	tcase_add_test(tc, test_model_a4_clone3_newuser_fs_v11);
	tcase_add_test(tc, test_model_a4_clone_pidfd_parent_settid_v05);
	tcase_add_test(tc, test_model_v05_clone3_only_same_pointer);
	tcase_add_test(tc, test_model_a4_e2big_before_everything);
	tcase_add_test(tc, test_model_a4_clone3_checks_before_copy_process);
	tcase_add_loop_test(tc, test_model_copy_process_flag_checks, 0,
			    N(flag_cases));
	tcase_add_test(tc, test_model_flag_check_through_kernel_clone);
	tcase_add_test(tc, test_model_success_stages_per_arch);
	tcase_add_test(tc, test_model_v34_newipc_sysvsem_never_succeeds);
	tcase_add_test(tc, test_model_v27_deadline_parent_eagain);
	suite_add_tcase(s, tc);

	tc = tcase_create("Alternatives");
	tcase_add_test(tc, test_model_alts_plain_fork);
	tcase_add_test(tc, test_model_alts_pidfd_emfile);
	tcase_add_test(tc, test_model_alts_namespaces);
	tcase_add_test(tc, test_model_alts_set_tid);
	tcase_add_test(tc, test_model_alts_fit_and_unique);
	suite_add_tcase(s, tc);

	tc = tcase_create("Child");
	tcase_add_loop_test(tc, test_model_resource_shared_iff_flag, 0,
			    N(share_cases));
	tcase_add_test(tc, test_model_r01_kernel_thread_parent_no_mm);
	tcase_add_test(tc, test_model_r08_null_files_stays_null);
	tcase_add_test(tc, test_model_r24_tgid);
	tcase_add_test(tc, test_model_r25_real_parent_and_exit_signal);
	tcase_add_test(tc, test_model_r34_return_value_pid);
	tcase_add_test(tc, test_model_r41_task_flags);
	tcase_add_test(tc, test_model_r42_affinity_copied);
	tcase_add_test(tc, test_model_r42_s10_skipped_into_cgroup);
	tcase_add_test(tc, test_model_expect_fits);
	suite_add_tcase(s, tc);

	tc = tcase_create("Sched");
	tcase_add_test(tc, test_model_v27_deadline_with_reset_on_fork_ok);
	tcase_add_test(tc, test_model_v27_pi_boosted_parent_forks);
	tcase_add_test(tc, test_model_s01_s07_s10_state_and_on_rq);
	tcase_add_test(tc, test_model_s02_inherits_scheduling);
	tcase_add_loop_test(tc, test_model_s04_reset_on_fork, 0,
			    N(reset_cases));
	tcase_add_test(tc, test_model_s10_cpu_in_parent_mask);
	suite_add_tcase(s, tc);

	tc = tcase_create("Registry");
	tcase_add_test(tc, test_model_every_emitted_rule_registered);
	tcase_add_test(tc, test_model_sched_points_judge_only_fields_read);
	tcase_add_test(tc, test_model_rule_registry);
	tcase_add_test(tc, test_model_field_and_stage_names);
	tcase_add_test(tc, test_model_task_field_values);
	tcase_add_loop_test(tc, test_model_profile_from_uname, 0,
			    N(uname_cases));
	tcase_add_test(tc, test_model_profile_from_uname_null);
	tcase_add_loop_test(tc, test_model_profile_family, 0, N(family_cases));
	tcase_add_test(tc, test_model_catalogue);
	suite_add_tcase(s, tc);

	tc = tcase_create("Inputs");
	tcase_add_test(tc, test_model_inputs_gate_expectations);
	tcase_add_loop_test(tc, test_model_decided_checks, 0, N(decide_cases));
	tcase_add_test(tc, test_model_v34_eperm_not_allowed_when_decided_priv);
	tcase_add_test(tc, test_model_v36_settls_limit);
	tcase_add_test(tc, test_model_v37_v38_set_tid);
	tcase_add_test(tc, test_model_e13_clone3_newtime_point_release);
	tcase_add_test(tc, test_model_r20_r21_namespaces);
	tcase_add_test(tc, test_model_r22_creds);
	tcase_add_test(tc, test_model_r10_r11_sysvsem_io);
	tcase_add_test(tc, test_model_r05_r06_r14_r15_signals);
	tcase_add_test(tc, test_model_r40_r27_ptrace);
	tcase_add_test(tc, test_model_identity_rules);
	tcase_add_test(tc, test_model_r04_vfork_done);
	suite_add_tcase(s, tc);

	tc = tcase_create("Kernel");
	tcase_add_test(tc, test_model_kthread_entry);
	tcase_add_test(tc, test_model_io_and_user_workers);
	tcase_add_test(tc, test_model_creator_entry);
	tcase_add_test(tc, test_model_creator_after_copy_nproc);
	tcase_add_test(tc, test_model_umh_entry);
	tcase_add_test(tc, test_model_x13_copy_thread_x86_64);
	tcase_add_test(tc, test_model_x13_copy_thread_arm64);
	suite_add_tcase(s, tc);

	tc = tcase_create("Versions");
	tcase_add_test(tc, test_model_x13_arm64_fp_per_version);
	tcase_add_test(tc, test_model_v22_v23_order_510);
	tcase_add_test(tc, test_model_v22_depth_before_v27);
	tcase_add_test(tc, test_model_v34_namespaces_before_pid);
	tcase_add_test(tc, test_model_v38_reaper_any_pid_ns);
	tcase_add_test(tc, test_model_v38_reaper_after_allocation_72);
	tcase_add_test(tc, test_model_exit_signal_in_kernel_clone_71);
	tcase_add_loop_test(tc, test_model_e7_validation, 0, N(e7_cases));
	tcase_add_test(tc, test_model_e7_undecided_inputs);
	tcase_add_test(tc, test_model_e7_effects);
	tcase_add_test(tc, test_model_pred_overflow_is_marked);
	tcase_add_test(tc, test_model_rule_classes);
	tcase_add_test(tc, test_model_pred_helpers);
	tcase_add_test(tc, test_model_unsure_stack_kept_on_failure);
	suite_add_tcase(s, tc);

	tc = tcase_create("Inject");
	tcase_add_test(tc, test_model_inject_signal_gate);
	tcase_add_test(tc, test_model_inject_sigkill_late);
	tcase_add_test(tc, test_model_inject_sigkill_slab);
	tcase_add_test(tc, test_model_inject_fmod_ret);
	tcase_add_test(tc, test_model_inject_names);
	suite_add_tcase(s, tc);

	return s;
}
