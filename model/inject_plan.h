/* SPDX-License-Identifier: GPL-2.0 */
/*
 * inject_plan.h - the injection plan word (MODEL_FIELD_INJECT), shared by
 * the model (model/inject.c), BPF (bpf/inject.h) and the workload
 * (src/wl_inject.c).  Macros only, like task_fields.h: no includes, no types.
 *
 * A workload helper arms one plan for its own next clone: a kind, an errno
 * or a signal, and a cookie.  BPF copies it into the caller's entry
 * snapshot, so the model predicts from the plan as from any other input:
 *   bits  0..7   MODEL_INJ_* kind
 *   bits  8..15  the errno an fmod_ret hook returns (positive), or the
 *                signal number a probe sends
 *   bits 16..23  MODEL_INJ_F_* flags
 *   bits 32..63  the workload's cookie (names the clone in the report)
 */
#ifndef CLONECHECK_INJECT_PLAN_H
#define CLONECHECK_INJECT_PLAN_H

#define MODEL_INJ_NONE			0
#define MODEL_INJ_SIGNAL_GATE		1	/* a handled signal at syscall entry (V-20) */
#define MODEL_INJ_SIGKILL_LATE		2	/* SIGKILL from cgroup_can_fork() (V-47) */
#define MODEL_INJ_TASK_ALLOC		3	/* fmod_ret security_task_alloc (V-28) */
#define MODEL_INJ_PREPARE_CREDS		4	/* fmod_ret security_prepare_creds (V-22) */
#define MODEL_INJ_CREATE_USER_NS	5	/* fmod_ret security_create_user_ns (V-22) */
#define MODEL_INJ_VM_ENOUGH_MEMORY	6	/* fmod_ret security_vm_enough_memory_mm (V-33) */
#define MODEL_INJ_FILE_ALLOC		7	/* fmod_ret security_file_alloc (V-41) */
#define MODEL_INJ_SIGKILL_SLAB		8	/* SIGKILL at the task_struct's slab allocation (V-47) */
#define MODEL_INJ__COUNT		9

/* The kinds that send a signal (the plan's arg is its number, not an errno). */
#define MODEL_INJ_IS_SIGNAL(k)                                                   \
	((k) == MODEL_INJ_SIGNAL_GATE || (k) == MODEL_INJ_SIGKILL_LATE ||          \
	 (k) == MODEL_INJ_SIGKILL_SLAB)

/*
 * The plan was already seen by an earlier syscall entry of the same
 * caller (the restart after ERESTARTNOINTR): nothing is injected again.
 */
#define MODEL_INJ_F_SPENT		0x1u

#define MODEL_INJ_WORD(kind, arg, fl, cookie)                                       \
	((unsigned long long)((kind) & 0xff) | ((unsigned long long)((arg) & 0xff) << 8) | \
	 ((unsigned long long)((fl) & 0xff) << 16) | ((unsigned long long)(cookie) << 32))
#define MODEL_INJ_KIND(w)	((unsigned int)((w) & 0xff))
#define MODEL_INJ_ARG(w)	((int)(((w) >> 8) & 0xff))
#define MODEL_INJ_FLAGS(w)	((unsigned int)(((w) >> 16) & 0xff))
#define MODEL_INJ_COOKIE(w)	((unsigned int)((w) >> 32))

#endif /* CLONECHECK_INJECT_PLAN_H */
