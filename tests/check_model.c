// SPDX-License-Identifier: GPL-2.0
/*
 * check_model.c - unit tests of the reference model (model/) against the
 * rules of shared/spec/kernel-clone-rules.md, each rule both ways: the
 * branch where it applies and the other branch.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "model.h"
#include "clone_flags.h"

/* ----------------------------------------------------------- fixtures */

static const struct model_profile P618 = { 6, 18, MODEL_ARCH_X86_64 };
static const struct model_profile P618_ARM = { 6, 18, MODEL_ARCH_ARM64 };
static const struct model_profile P612_ARM = { 6, 12, MODEL_ARCH_ARM64 };
static const struct model_profile P61 = { 6, 1, MODEL_ARCH_X86_64 };
static const struct model_profile P510 = { 5, 10, MODEL_ARCH_X86_64 };

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
	p = predict(&P618, &t, &sc);
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
	/* End above 2^47 - 4096: refused on x86_64, fine on arm64 (2^48). */
	struct model_task t = parent_task();
	struct model_syscall sc = sc_clone3(0);

	sc.uargs.stack = 1ULL << 47;
	sc.uargs.stack_size = 4096;
	ASSERT_ERR(predict(&P618, &t, &sc), -MODEL_EINVAL, "V-04");
	ASSERT_OK(predict(&P618_ARM, &t, &sc));
	sc.uargs.stack = (1ULL << 48) - 4096;
	ASSERT_OK(predict(&P618_ARM, &t, &sc));
	sc.uargs.stack_size = 4097;
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

	/* Same through clone(): succeeds, exit signal ignored. */
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

	/* arm64 never emits the child's syscall exit. */
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
	ck_assert_uint_eq(p->n_alt, 3);
	ck_assert_str_eq(alt_rule(p, -MODEL_ERESTARTNOINTR), "V-20");
	ck_assert_str_eq(alt_rule(p, -MODEL_ENOMEM), "V-21");
	ck_assert_str_eq(alt_rule(p, -MODEL_EAGAIN), "V-23");
	ck_assert_ptr_null(alt_rule(p, -MODEL_EMFILE));
	ck_assert_ptr_null(alt_rule(p, -MODEL_EPERM));
	ck_assert_ptr_null(alt_rule(p, -MODEL_ENOSPC));
}
END_TEST

START_TEST(test_model_alts_pidfd_emfile)
{
	struct model_syscall sc = sc_clone(MODEL_CLONE_PIDFD | MODEL_SIGCHLD);
	const struct model_pred *p = predict_default(&sc);

	ASSERT_OK(p);
	ck_assert_str_eq(alt_rule(p, -MODEL_EMFILE), "V-41");
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
	ck_assert_str_eq(alt_rule(p, -MODEL_EINVAL), "V-38");
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
	ck_assert_uint_eq(p->n_alt, 8);
	for (i = 0; i < p->n_alt; i++)
		for (j = i + 1; j < p->n_alt; j++)
			ck_assert_int_ne(p->alt[i].err, p->alt[j].err);
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
			       MODEL_PF_IO_WORKER | MODEL_PF_USER_WORKER;
	const struct model_pred *p = predict(&P618, &t, &sc);

	ASSERT_EXPECT(p, "R-41", MODEL_STAGE_NEWTASK, MODEL_FIELD_FLAGS,
		      MODEL_OP_BITS_SET, MODEL_PF_FORKNOEXEC);
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
		      MODEL_PF_FORKNOEXEC | MODEL_PF_NO_SETAFFINITY);
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
		      MODEL_OP_BITS_SET, MODEL_PF_FORKNOEXEC | MODEL_PF_IO_WORKER);
	ASSERT_EXPECT(p, "R-41", MODEL_STAGE_NEWTASK, MODEL_FIELD_FLAGS,
		      MODEL_OP_BITS_CLEAR, (clear & ~MODEL_PF_IO_WORKER) |
		      MODEL_PF_NO_SETAFFINITY);
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
	ck_assert_ptr_null(model_rule_find("V-16"));	/* not modelled */
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

START_TEST(test_model_task_field_values)
{
	struct model_task t = {
		.pid = 1, .tgid = 2, .real_parent_pid = 3, .ns_level = 4,
		.mm = 5, .files = 6, .fs = 7, .sighand = 8, .signal = 9,
		.state = 10, .on_rq = 11, .exit_signal = -1, .flags = 13,
		.signal_flags = 14, .group_exit_signal = 15, .policy = 16,
		.prio = 17, .static_prio = 18, .normal_prio = -19,
		.rt_priority = 20, .reset_on_fork = 21, .cpu = 22,
		.nr_cpus_allowed = 23, .cpus_mask = 24, .ret = -25,
	};
	int f;

	for (f = 0; f < MODEL_FIELD__COUNT; f++) {
		int64_t want = f + 1;

		if (f == MODEL_FIELD_EXIT_SIGNAL)
			want = -1;
		else if (f == MODEL_FIELD_NORMAL_PRIO || f == MODEL_FIELD_RET)
			want = -want;
		ck_assert_msg(model_task_field(&t, f) == want, "field %s",
			      model_field_name(f));
	}
	ck_assert_int_eq(model_task_field(&t, MODEL_FIELD__COUNT), 0);
	t.flags = 0x80000000u;	/* PF_SUSPEND_TASK: widened unsigned */
	ck_assert_int_eq(model_task_field(&t, MODEL_FIELD_FLAGS), 0x80000000LL);
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
	struct model_profile p = { -1, -1, MODEL_ARCH_ARM64 };
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

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

Suite *model_suite(void)
{
	Suite *s = suite_create("model");
	TCase *tc;

	tc = tcase_create("Entry");
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
	tcase_add_test(tc, test_model_rule_registry);
	tcase_add_test(tc, test_model_field_and_stage_names);
	tcase_add_test(tc, test_model_task_field_values);
	tcase_add_loop_test(tc, test_model_profile_from_uname, 0,
			    N(uname_cases));
	tcase_add_test(tc, test_model_profile_from_uname_null);
	suite_add_tcase(s, tc);

	return s;
}
