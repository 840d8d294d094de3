// SPDX-License-Identifier: GPL-2.0
/* check_decode.c - the decoder against hand-built record bytes. */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <linux/types.h>

#include "decode.h"
#include "tests.h"
#include "../bpf/events.h"

static struct rec_task_point make_point(__u32 type)
{
	struct rec_task_point r;

	memset(&r, 0, sizeof(r));
	r.hdr.type = type;
	r.hdr.size = sizeof(r);
	r.hdr.ts_ns = 1234;
	r.hdr.clone_id = 7;
	r.entry = REC_ENTRY_CLONE;
	r.clone_flags = 0x1200000;
	r.child.pid = 42;
	r.child.tgid = 42;
	r.child.mm = 0xffff888000001000ull;
	r.child.state = 0x800;
	r.child.exit_signal = -1;
	memcpy(r.child.comm, "0123456789abcdefXYZ", sizeof(r.child.comm)); /* no NUL */
	return r;
}

START_TEST(test_decode_task_point)
{
	struct rec_task_point r = make_point(REC_NEWTASK);
	struct obs o;

	ck_assert_int_eq(decode_record(&r, sizeof(r), &o), 0);
	ck_assert_int_eq(o.point, OBS_NEWTASK);
	ck_assert_uint_eq(o.clone_id, 7);
	ck_assert_uint_eq(o.ts_ns, 1234);
	ck_assert_int_eq(o.tp.entry, OBS_ENTRY_CLONE);
	ck_assert_uint_eq(o.tp.clone_flags, 0x1200000);
	ck_assert_uint_eq(o.tp.child.pid, 42);
	ck_assert_uint_eq(o.tp.child.mm, 0xffff888000001000ull);
	ck_assert_int_eq(o.tp.child.exit_signal, -1);
	/* comm is always NUL-terminated, even when the record's is not */
	ck_assert_str_eq(o.tp.child.comm, "0123456789abcde");

	r = make_point(REC_WAKEUP);
	ck_assert_int_eq(decode_record(&r, sizeof(r), &o), 0);
	ck_assert_int_eq(o.point, OBS_WAKEUP);
	r = make_point(REC_FORK);
	ck_assert_int_eq(decode_record(&r, sizeof(r), &o), 0);
	ck_assert_int_eq(o.point, OBS_FORK);
}
END_TEST

/*
 * A kernel-made clone's creator's signal state: the SIGNALS group of
 * copy_process()'s "parent" only when REC_CREATOR_SIGNALS says it was read
 * (older trace files: zero, and unread).
 */
START_TEST(test_decode_copy_enter_creator_signals)
{
	struct rec_copy_enter c;
	struct obs o;

	memset(&c, 0, sizeof(c));
	c.hdr.type = REC_COPY_ENTER;
	c.hdr.size = sizeof(c);
	c.hdr.clone_id = 5;
	c.entry = REC_ENTRY_NONE;
	c.creator_blocked = 0x200;
	c.creator_pending = 0x4000;
	c.creator_pdeath = 9;
	c.parent.pid = 77;
	ck_assert_int_eq(decode_record(&c, sizeof(c), &o), 0);
	ck_assert_int_eq(o.point, OBS_COPY_ENTER);
	ck_assert_uint_eq(o.copy.parent.pid, 77);
	ck_assert_uint_eq(o.copy.parent.valid & REC_IN_SIGNALS, 0);
	ck_assert_uint_eq(o.copy.parent.blocked, 0);

	c.creator = REC_CREATOR_SIGNALS;
	ck_assert_int_eq(decode_record(&c, sizeof(c), &o), 0);
	ck_assert_uint_eq(o.copy.parent.valid & REC_IN_SIGNALS, REC_IN_SIGNALS);
	ck_assert_uint_eq(o.copy.parent.blocked, 0x200);
	ck_assert_uint_eq(o.copy.parent.pending, 0x4000);
	ck_assert_int_eq(o.copy.parent.pdeath_signal, 9);
	ck_assert(!o.copy.at_newtask);
}
END_TEST

/*
 * Forward growth: a record written when rec_task was 8 bytes shorter (no
 * second half of comm), rec_task_ext 4 bytes shorter (no pad) and rec_arch 8
 * bytes longer (a member this build does not know) decodes part by part:
 * what both know is equal, the missing tail reads as zeros, the unknown one
 * is dropped.  Under a layout that does not add up, the record is refused.
 */
START_TEST(test_decode_other_layout)
{
	struct rec_task_point r = make_point(REC_NEWTASK);
	unsigned char old[sizeof(r) + 64];
	struct decode_layout l;
	struct obs now, o;
	size_t n = 0;

	r.ext.valid = REC_IN_NS;
	r.ext.nsproxy = 0xabc;
	r.ext.uclamp_max = 1024;
	r.arch.valid = 1;
	r.arch.p_tls = 0x77;
	ck_assert_int_eq(decode_record(&r, sizeof(r), &now), 0);

	decode_layout_current(&l);
	l.part[REC_NEWTASK][DECODE_PART_TASK] -= 8;
	l.part[REC_NEWTASK][DECODE_PART_ARCH] += 8;
	l.part[REC_NEWTASK][DECODE_PART_EXT] -= 4;
	memcpy(old + n, &r, offsetof(struct rec_task_point, child));
	n += offsetof(struct rec_task_point, child);
	memcpy(old + n, &r.child, sizeof(r.child) - 8);
	n += sizeof(r.child) - 8;
	memcpy(old + n, &r.arch, sizeof(r.arch));
	n += sizeof(r.arch);
	memset(old + n, 0xee, 8);	/* the newer member */
	n += 8;
	memcpy(old + n, &r.ext, sizeof(r.ext) - 4);
	n += sizeof(r.ext) - 4;
	ck_assert_uint_eq(n, decode_layout_size(&l, REC_NEWTASK));
	((struct rec_hdr *)old)->size = n;

	ck_assert_int_eq(decode_record_as(&l, old, n, &o), 0);
	ck_assert_int_eq(o.point, OBS_NEWTASK);
	ck_assert_uint_eq(o.clone_id, 7);
	ck_assert_uint_eq(o.tp.child.pid, 42);
	ck_assert_uint_eq(o.tp.child.mm, now.tp.child.mm);
	ck_assert_str_eq(o.tp.child.comm, "01234567");	/* the rest: zero */
	ck_assert_uint_eq(o.tp.arch.p_tls, 0x77);
	ck_assert(o.tp.arch.valid);
	ck_assert_uint_eq(o.tp.child.valid, REC_IN_NS);
	ck_assert_uint_eq(o.tp.child.nsproxy, 0xabc);
	ck_assert_uint_eq(o.tp.child.uclamp_max, 1024);

	/* this build's own bytes under that layout do not add up */
	ck_assert_int_eq(decode_record_as(&l, &r, sizeof(r), &o), -EBADMSG);
	/* NULL is this build's layout */
	ck_assert_int_eq(decode_record_as(NULL, &r, sizeof(r), &o), 0);
	ck_assert_int_eq(memcmp(&o, &now, sizeof(o)), 0);
}
END_TEST

/* The 1.0 layout is this build's today; a part may only grow from it. */
START_TEST(test_decode_layout_v1)
{
	struct decode_layout v1, now;

	decode_layout_v1(&v1);
	decode_layout_current(&now);
	for (unsigned int t = 0; t < DECODE_TYPES; t++)
		for (int p = 0; p < DECODE_PART__COUNT; p++)
			ck_assert_msg(now.part[t][p] >= v1.part[t][p], "type %u part %d shrank", t, p);
	ck_assert_uint_eq(decode_layout_size(&v1, REC_SYS_ENTER), 832);
	ck_assert_uint_eq(decode_layout_size(&v1, REC_NEWTASK), 712);
	ck_assert_uint_eq(decode_layout_size(&v1, REC_SYS_EXIT), 40);
	ck_assert_uint_eq(decode_layout_size(&now, 0), 0);
	ck_assert_int_eq(decode_point_of_type(REC_FIRST_RUN), OBS_FIRST_RUN);
	ck_assert_int_eq(decode_point_of_type(REC__MAX), OBS__COUNT);
	ck_assert_uint_eq(decode_type_of_point(OBS_CHILD_RET), REC_CHILD_RET);
}
END_TEST

START_TEST(test_decode_sys_enter_and_ret)
{
	struct rec_sys_enter e;
	struct rec_ret r;
	struct obs o;

	memset(&e, 0, sizeof(e));
	e.hdr.type = REC_SYS_ENTER;
	e.hdr.size = sizeof(e);
	e.hdr.clone_id = 3;
	e.entry = REC_ENTRY_CLONE3;
	e.uargs_flags = REC_UARGS_TAIL_NONZERO | REC_SET_TID_FAULT;
	e.args[1] = 88;
	e.uargs[0] = 0x11;	/* flags, little-endian low byte */
	e.parent.pid = 9;
	ck_assert_int_eq(decode_record(&e, sizeof(e), &o), 0);
	ck_assert_int_eq(o.point, OBS_SYS_ENTER);
	ck_assert_int_eq(o.enter.entry, OBS_ENTRY_CLONE3);
	ck_assert(o.enter.uargs_tail_nonzero);
	ck_assert(o.enter.set_tid_fault);
	ck_assert(!o.enter.uargs_fault);
	ck_assert_uint_eq(o.enter.args[1], 88);
	ck_assert_uint_eq(o.enter.uargs[0] & 0xff, 0x11);
	ck_assert_uint_eq(o.enter.parent.pid, 9);

	memset(&r, 0, sizeof(r));
	r.hdr.type = REC_CHILD_RET;
	r.hdr.size = sizeof(r);
	r.ret = -22;
	r.entry = REC_ENTRY_FORK;
	ck_assert_int_eq(decode_record(&r, sizeof(r), &o), 0);
	ck_assert_int_eq(o.point, OBS_CHILD_RET);
	ck_assert_int_eq(o.ret.ret, -22);
	ck_assert_int_eq(o.ret.entry, OBS_ENTRY_FORK);
	ck_assert(!o.ret.kill_pending && !o.ret.group_exit);

	/* the caller's fatal signal state at its exit */
	r.hdr.type = REC_SYS_EXIT;
	r.sig_flags = REC_SIG_KILL_PENDING;
	ck_assert_int_eq(decode_record(&r, sizeof(r), &o), 0);
	ck_assert(o.ret.kill_pending && !o.ret.group_exit);
	r.sig_flags = REC_SIG_GROUP_EXIT;
	ck_assert_int_eq(decode_record(&r, sizeof(r), &o), 0);
	ck_assert(!o.ret.kill_pending && o.ret.group_exit);
}
END_TEST

START_TEST(test_decode_truncated)
{
	struct rec_task_point r = make_point(REC_NEWTASK);
	struct obs o;

	ck_assert_int_eq(decode_record(&r, 0, &o), -EBADMSG);
	ck_assert_int_eq(decode_record(NULL, sizeof(r), &o), -EBADMSG);
	ck_assert_int_eq(decode_record(&r, sizeof(struct rec_hdr) - 1, &o), -EBADMSG);
	/* header says more than was delivered */
	ck_assert_int_eq(decode_record(&r, sizeof(r) - 8, &o), -EBADMSG);
	/* header and length agree, but too short for the type */
	r.hdr.size = sizeof(r) - 8;
	ck_assert_int_eq(decode_record(&r, sizeof(r) - 8, &o), -EBADMSG);
}
END_TEST

START_TEST(test_decode_impossible_size)
{
	struct rec_task_point r = make_point(REC_FORK);
	struct obs o;

	r.hdr.size = 0xffffffffu;
	ck_assert_int_eq(decode_record(&r, sizeof(r), &o), -EBADMSG);
}
END_TEST

START_TEST(test_decode_unknown_type)
{
	struct rec_task_point r = make_point(REC__MAX + 3);
	struct obs o;

	ck_assert_int_eq(decode_record(&r, sizeof(r), &o), -ENOENT);
	r.hdr.type = 0;
	ck_assert_int_eq(decode_record(&r, sizeof(r), &o), -ENOENT);
}
END_TEST

START_TEST(test_decode_bad_entry)
{
	struct rec_task_point r = make_point(REC_NEWTASK);
	struct obs o;

	r.entry = 77;
	ck_assert_int_eq(decode_record(&r, sizeof(r), &o), -EBADMSG);
}
END_TEST

START_TEST(test_decode_names)
{
	ck_assert_str_eq(obs_point_name(OBS_WAKEUP), "sched_wakeup_new");
	ck_assert_str_eq(obs_point_name(OBS__COUNT), "?");
	ck_assert_str_eq(obs_entry_name(OBS_ENTRY_CLONE3), "clone3");
	ck_assert_str_eq(obs_entry_name(OBS_ENTRY_NONE), "none");
}
END_TEST

Suite *decode_suite(void)
{
	Suite *s = suite_create("decode");
	TCase *core = tcase_create("Core");
	TCase *bad = tcase_create("Bad");

	tcase_add_test(core, test_decode_task_point);
	tcase_add_test(core, test_decode_sys_enter_and_ret);
	tcase_add_test(core, test_decode_copy_enter_creator_signals);
	tcase_add_test(core, test_decode_other_layout);
	tcase_add_test(core, test_decode_layout_v1);
	tcase_add_test(core, test_decode_names);
	tcase_add_test(bad, test_decode_truncated);
	tcase_add_test(bad, test_decode_impossible_size);
	tcase_add_test(bad, test_decode_unknown_type);
	tcase_add_test(bad, test_decode_bad_entry);
	suite_add_tcase(s, core);
	suite_add_tcase(s, bad);
	return s;
}
