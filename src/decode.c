// SPDX-License-Identifier: GPL-2.0
/*
 * decode.c - check and convert ring-buffer records into struct obs.
 * Every record's tag and size are checked against bpf/events.h before a
 * field is read; nothing after this file includes events.h.
 */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <linux/types.h>

#include "decode.h"
#include "../bpf/events.h"

_Static_assert(sizeof(struct rec_hdr) == 24, "rec_hdr");
/* rec_type t carries observation point t - 1. */
_Static_assert(REC_SYS_ENTER - 1 == OBS_SYS_ENTER && REC_FIRST_RUN - 1 == OBS_FIRST_RUN &&
		       REC__MAX - 1 == OBS__COUNT && REC__MAX <= DECODE_TYPES,
	       "points");
/* The REC_IN_* bits are the model's MODEL_IN_* bits (both from TASK_GROUPS). */
_Static_assert(REC_IN_NS == 1 && REC_IN_UCLAMP == 1u << 16 && REC_IN_PID_MAX == 1u << 20,
	       "groups");

/*
 * Each record is its header and then its parts, back to back, in
 * enum decode_part order (bpf/events.h): PARTS_OF() states where they are
 * in this build's struct, and the asserts below that nothing else (no
 * padding, no member outside a part) is in it.
 */
struct part_at {
	uint16_t off, size;
};

#define PART_AT(type, member) { offsetof(type, member), sizeof(((type *)0)->member) }
#define FIXED_TO(type, member) { sizeof(struct rec_hdr), offsetof(type, member) - sizeof(struct rec_hdr) }
#define TASK_POINT_PARTS                                                                  \
	{ [DECODE_PART_FIXED] = FIXED_TO(struct rec_task_point, child),                   \
	  [DECODE_PART_TASK] = PART_AT(struct rec_task_point, child),                     \
	  [DECODE_PART_ARCH] = PART_AT(struct rec_task_point, arch),                      \
	  [DECODE_PART_EXT] = PART_AT(struct rec_task_point, ext) }
#define RET_PARTS { [DECODE_PART_FIXED] = { sizeof(struct rec_hdr), sizeof(struct rec_ret) - sizeof(struct rec_hdr) } }

static const struct part_at parts_now[REC__MAX][DECODE_PART__COUNT] = {
	[REC_SYS_ENTER] = { [DECODE_PART_FIXED] = FIXED_TO(struct rec_sys_enter, parent),
			    [DECODE_PART_TASK] = PART_AT(struct rec_sys_enter, parent),
			    [DECODE_PART_EXT] = PART_AT(struct rec_sys_enter, parent_ext) },
	[REC_COPY_ENTER] = { [DECODE_PART_FIXED] = FIXED_TO(struct rec_copy_enter, parent),
			     [DECODE_PART_TASK] = PART_AT(struct rec_copy_enter, parent) },
	[REC_NEWTASK] = TASK_POINT_PARTS,
	[REC_FORK] = TASK_POINT_PARTS,
	[REC_WAKEUP] = TASK_POINT_PARTS,
	[REC_SCHED_FORK] = TASK_POINT_PARTS,
	[REC_COPY_EXIT] = TASK_POINT_PARTS,
	[REC_FIRST_RUN] = TASK_POINT_PARTS,
	[REC_SYS_EXIT] = RET_PARTS,
	[REC_CHILD_RET] = RET_PARTS,
	[REC_CLONE_EXIT] = RET_PARTS,
};

#define ENDS_AT(type, member) (offsetof(type, member) + sizeof(((type *)0)->member))
_Static_assert(ENDS_AT(struct rec_sys_enter, parent) == offsetof(struct rec_sys_enter, parent_ext) &&
		       ENDS_AT(struct rec_sys_enter, parent_ext) == sizeof(struct rec_sys_enter),
	       "rec_sys_enter: parts back to back");
_Static_assert(ENDS_AT(struct rec_task_point, child) == offsetof(struct rec_task_point, arch) &&
		       ENDS_AT(struct rec_task_point, arch) == offsetof(struct rec_task_point, ext) &&
		       ENDS_AT(struct rec_task_point, ext) == sizeof(struct rec_task_point),
	       "rec_task_point: parts back to back");
_Static_assert(ENDS_AT(struct rec_copy_enter, parent) == sizeof(struct rec_copy_enter),
	       "rec_copy_enter: parts back to back");

/*
 * Trace format 1.0 (before files carried their layout): these sizes, which
 * are the structs of that release.  Parts may only grow from them.
 */
static const uint16_t parts_v1[REC__MAX][DECODE_PART__COUNT] = {
	[REC_SYS_ENTER] = { 304, 144, 0, 360 },
	[REC_COPY_ENTER] = { 128, 144, 0, 0 },
	[REC_NEWTASK] = { 24, 144, 160, 360 },
	[REC_FORK] = { 24, 144, 160, 360 },
	[REC_WAKEUP] = { 24, 144, 160, 360 },
	[REC_SCHED_FORK] = { 24, 144, 160, 360 },
	[REC_COPY_EXIT] = { 24, 144, 160, 360 },
	[REC_FIRST_RUN] = { 24, 144, 160, 360 },
	[REC_SYS_EXIT] = { 16 },
	[REC_CHILD_RET] = { 16 },
	[REC_CLONE_EXIT] = { 16 },
};

int decode_header(const void *data, size_t len, uint64_t *clone_id, uint64_t *ts_ns)
{
	struct rec_hdr h;

	if (!data || len < sizeof(h))
		return -EBADMSG;
	memcpy(&h, data, sizeof(h));
	if (h.size != len)
		return -EBADMSG;
	*clone_id = h.clone_id;
	*ts_ns = h.ts_ns;
	return 0;
}

void decode_layout_current(struct decode_layout *l)
{
	memset(l, 0, sizeof(*l));
	for (int t = 0; t < REC__MAX; t++)
		for (int p = 0; p < DECODE_PART__COUNT; p++)
			l->part[t][p] = parts_now[t][p].size;
}

void decode_layout_v1(struct decode_layout *l)
{
	memset(l, 0, sizeof(*l));
	for (int t = 0; t < REC__MAX; t++)
		for (int p = 0; p < DECODE_PART__COUNT; p++)
			l->part[t][p] = parts_v1[t][p];
}

size_t decode_layout_size(const struct decode_layout *l, unsigned int t)
{
	size_t n = 0;

	if (t >= DECODE_TYPES)
		return 0;
	for (int p = 0; p < DECODE_PART__COUNT; p++)
		n += l->part[t][p];
	return n ? n + sizeof(struct rec_hdr) : 0;
}

enum obs_point decode_point_of_type(unsigned int type)
{
	return type >= REC_SYS_ENTER && type < REC__MAX ? (enum obs_point)(type - 1) : OBS__COUNT;
}

unsigned int decode_type_of_point(enum obs_point p)
{
	return (unsigned int)p + 1;
}

static const char *const point_names[OBS__COUNT] = {
	[OBS_SYS_ENTER] = "sys_enter",
	[OBS_NEWTASK] = "task_newtask",
	[OBS_FORK] = "sched_process_fork",
	[OBS_WAKEUP] = "sched_wakeup_new",
	[OBS_SYS_EXIT] = "sys_exit",
	[OBS_CHILD_RET] = "child_sys_exit",
	[OBS_COPY_ENTER] = "copy_process_entry",
	[OBS_SCHED_FORK] = "sched_fork_exit",
	[OBS_COPY_EXIT] = "copy_process_exit",
	[OBS_CLONE_EXIT] = "kernel_clone_exit",
	[OBS_FIRST_RUN] = "first_run",
};

const char *obs_point_name(enum obs_point p)
{
	return (unsigned int)p < OBS__COUNT ? point_names[p] : "?";
}

const char *obs_entry_name(enum obs_entry e)
{
	switch (e) {
	case OBS_ENTRY_FORK:
		return "fork";
	case OBS_ENTRY_VFORK:
		return "vfork";
	case OBS_ENTRY_CLONE:
		return "clone";
	case OBS_ENTRY_CLONE3:
		return "clone3";
	default:
		return "none";
	}
}

static int decode_entry(__u32 e, enum obs_entry *out)
{
	switch (e) {
	case REC_ENTRY_FORK:
		*out = OBS_ENTRY_FORK;
		return 0;
	case REC_ENTRY_VFORK:
		*out = OBS_ENTRY_VFORK;
		return 0;
	case REC_ENTRY_CLONE:
		*out = OBS_ENTRY_CLONE;
		return 0;
	case REC_ENTRY_CLONE3:
		*out = OBS_ENTRY_CLONE3;
		return 0;
	case REC_ENTRY_NONE:
		*out = OBS_ENTRY_NONE;
		return 0;
	default:
		return -EBADMSG;
	}
}

#define DECODE_COPY_U64(n) t->n = r->n;
#define DECODE_COPY_S64 DECODE_COPY_U64
#define DECODE_COPY_U32 DECODE_COPY_U64
#define DECODE_COPY_S32 DECODE_COPY_U64
#define DECODE_COPY_C16(n)                                                                \
	memcpy(t->n, r->n, sizeof(t->n));                                                 \
	t->n[sizeof(t->n) - 1] = '\0';
#define DECODE_TASK(part, ty, n, N, g) TASK_PICK_WIRE_##part(DECODE_COPY_##ty(n))
#define DECODE_EXT(part, ty, n, N, g) TASK_PICK_EXT_##part(DECODE_COPY_##ty(n))

/* struct rec_task -> struct obs_task (model/task_fields.h, BASE members) */
static void decode_task(const struct rec_task *r, struct obs_task *t)
{
	TASK_FIELDS(DECODE_TASK)
}

/* struct rec_task_ext -> the EXT members of struct obs_task */
static void decode_ext(const struct rec_task_ext *r, struct obs_task *t)
{
	t->valid = r->valid;
	TASK_FIELDS(DECODE_EXT)
}

static void decode_arch(const struct rec_arch *r, struct obs_arch *a)
{
	a->ctx_pc = r->ctx_pc;
	a->ctx_sp = r->ctx_sp;
	a->ctx_fp = r->ctx_fp;
	a->ctx_fn = r->ctx_fn;
	a->ctx_arg = r->ctx_arg;
	a->regs_ret = r->regs_ret;
	a->regs_sp = r->regs_sp;
	a->regs_pc = r->regs_pc;
	a->tls = r->tls;
	a->stack_end = r->stack_end;
	a->ti_flags = r->ti_flags;
	a->preempt_count = r->preempt_count;
	a->stack = r->stack;
	a->regs = r->regs;
	a->regs_stackframe = r->regs_stackframe;
	a->p_regs_pc = r->p_regs_pc;
	a->p_regs_sp = r->p_regs_sp;
	a->p_regs_ret = r->p_regs_ret;
	a->p_tls = r->p_tls;
	a->valid = r->valid;
	a->regs_located = r->regs_located == 1;
}

static void decode_kargs(const struct rec_kargs *r, struct obs_kargs *k)
{
	k->flags = r->flags;
	k->pidfd = r->pidfd;
	k->child_tid = r->child_tid;
	k->parent_tid = r->parent_tid;
	k->stack = r->stack;
	k->stack_size = r->stack_size;
	k->tls = r->tls;
	k->set_tid = r->set_tid;
	k->set_tid_size = r->set_tid_size;
	k->fn = r->fn;
	k->fn_arg = r->fn_arg;
	k->exit_signal = r->exit_signal;
	k->cgroup = r->cgroup;
	k->kthread = r->kthread;
	k->io_thread = r->io_thread;
	k->user_worker = r->user_worker;
	k->idle = r->idle;
}

/* This build's size of a record type; 0 for a type it does not know. */
static size_t rec_size(unsigned int type)
{
	size_t n = 0;

	if (type >= REC__MAX)
		return 0;
	for (int p = 0; p < DECODE_PART__COUNT; p++)
		n += parts_now[type][p].size;
	return n ? n + sizeof(struct rec_hdr) : 0;
}

int decode_record(const void *data, size_t len, struct obs *out)
{
	struct rec_hdr h;
	size_t want;
	int err;

	if (!data || len < sizeof(h))
		return -EBADMSG;
	memcpy(&h, data, sizeof(h));
	if (h.size != len)
		return -EBADMSG;
	want = rec_size(h.type);
	if (!want)
		return -ENOENT;
	if (len != want)
		return -EBADMSG;

	memset(out, 0, sizeof(*out));
	out->clone_id = h.clone_id;
	out->ts_ns = h.ts_ns;
	switch (h.type) {
	case REC_SYS_ENTER: {
		struct rec_sys_enter r;

		memcpy(&r, data, sizeof(r));
		out->point = OBS_SYS_ENTER;
		err = decode_entry(r.entry, &out->enter.entry);
		if (err || out->enter.entry == OBS_ENTRY_NONE)
			return -EBADMSG;
		memcpy(out->enter.args, r.args, sizeof(out->enter.args));
		out->enter.uargs_fault = r.uargs_flags & REC_UARGS_FAULT;
		out->enter.uargs_tail_nonzero = r.uargs_flags & REC_UARGS_TAIL_NONZERO;
		out->enter.uargs_tail_unseen = r.uargs_flags & REC_UARGS_TAIL_UNSEEN;
		out->enter.set_tid_fault = r.uargs_flags & REC_SET_TID_FAULT;
		memcpy(out->enter.uargs, r.uargs, sizeof(out->enter.uargs));
		memcpy(out->enter.set_tid, r.set_tid, sizeof(out->enter.set_tid));
		decode_task(&r.parent, &out->enter.parent);
		decode_ext(&r.parent_ext, &out->enter.parent);
		return 0;
	}
	case REC_COPY_ENTER: {
		struct rec_copy_enter r;

		memcpy(&r, data, sizeof(r));
		out->point = OBS_COPY_ENTER;
		err = decode_entry(r.entry, &out->copy.entry);
		if (err)
			return err;
		decode_kargs(&r.kargs, &out->copy.kargs);
		out->copy.trace = r.trace;
		out->copy.node = r.node;
		out->copy.at_newtask = r.creator & REC_CREATOR_AT_NEWTASK;
		out->copy.sysnr_known = r.creator & REC_CREATOR_SYSNR;
		out->copy.creator_sysnr = r.creator & REC_CREATOR_NR_MASK;
		decode_task(&r.parent, &out->copy.parent);
		if (r.creator & REC_CREATOR_SIGNALS) {
			out->copy.parent.blocked = r.creator_blocked;
			out->copy.parent.pending = r.creator_pending;
			out->copy.parent.pdeath_signal = r.creator_pdeath;
			out->copy.parent.valid |= REC_IN_SIGNALS;
		}
		return 0;
	}
	case REC_NEWTASK:
	case REC_FORK:
	case REC_WAKEUP:
	case REC_SCHED_FORK:
	case REC_COPY_EXIT:
	case REC_FIRST_RUN: {
		struct rec_task_point r;

		memcpy(&r, data, sizeof(r));
		out->point = decode_point_of_type(h.type);
		err = decode_entry(r.entry, &out->tp.entry);
		if (err)
			return err;
		out->tp.clone_flags = r.clone_flags;
		out->tp.ret = r.ret;
		out->tp.creator_pid = r.creator_pid;
		decode_task(&r.child, &out->tp.child);
		decode_arch(&r.arch, &out->tp.arch);
		decode_ext(&r.ext, &out->tp.child);
		return 0;
	}
	default: { /* REC_SYS_EXIT, REC_CHILD_RET, REC_CLONE_EXIT */
		struct rec_ret r;

		memcpy(&r, data, sizeof(r));
		out->point = decode_point_of_type(h.type);
		err = decode_entry(r.entry, &out->ret.entry);
		if (err)
			return err;
		out->ret.ret = r.ret;
		out->ret.pid = r.pid;
		out->ret.tid_read = r.tid_flags & REC_TID_READ;
		out->ret.tid_fault = r.tid_flags & REC_TID_FAULT;
		out->ret.tid_val = r.tid_val;
		out->ret.kill_pending = r.sig_flags & REC_SIG_KILL_PENDING;
		out->ret.group_exit = r.sig_flags & REC_SIG_GROUP_EXIT;
		return 0;
	}
	}
}

int decode_rebuild(const struct decode_layout *l, const void *data, size_t len, void *out,
		   size_t cap)
{
	const unsigned char *in = data;
	struct rec_hdr h;
	size_t at = sizeof(h), size;

	if (!data || len < sizeof(h))
		return -EBADMSG;
	memcpy(&h, data, sizeof(h));
	if (h.size != len)
		return -EBADMSG;
	size = rec_size(h.type);
	if (!size)
		return -ENOENT;
	if (len != decode_layout_size(l, h.type))
		return -EBADMSG;
	if (cap < size)
		return -ENOSPC;
	/* each part zero-extended or cut */
	memset(out, 0, size);
	h.size = size;
	memcpy(out, &h, sizeof(h));
	for (int p = 0; p < DECODE_PART__COUNT; p++) {
		size_t theirs = l->part[h.type][p], ours = parts_now[h.type][p].size;

		memcpy((unsigned char *)out + parts_now[h.type][p].off, in + at,
		       theirs < ours ? theirs : ours);
		at += theirs;
	}
	return (int)size;
}

/*
 * Is the record's type laid out in l as in this build?  Then it decodes as
 * it is, without a rebuild (perf: the rebuild's copy was 4% of `check` of
 * a trace this build recorded).
 */
static bool layout_is_now(const struct decode_layout *l, const void *data, size_t len)
{
	struct rec_hdr h;

	if (!data || len < sizeof(h))
		return false;
	memcpy(&h, data, sizeof(h));
	if (h.type >= REC__MAX)
		return false;
	for (int p = 0; p < DECODE_PART__COUNT; p++)
		if (l->part[h.type][p] != parts_now[h.type][p].size)
			return false;
	return true;
}

int decode_record_as(const struct decode_layout *l, const void *data, size_t len,
		     struct obs *out)
{
	union {
		struct rec_hdr h;
		struct rec_sys_enter enter;
		struct rec_task_point tp;
		struct rec_copy_enter copy;
		struct rec_ret ret;
	} now;
	int n;

	if (!l || layout_is_now(l, data, len))
		return decode_record(data, len, out);
	n = decode_rebuild(l, data, len, &now, sizeof(now));
	if (n < 0)
		return n;
	return decode_record(&now, n, out);
}
