/* SPDX-License-Identifier: GPL-2.0 */
/*
 * compat.bpf.h - the only home of kernel-version differences on the BPF side.
 * One accessor per difference, each chosen with CO-RE at load time; no
 * version macros.
 */
#ifndef CLONECHECK_COMPAT_BPF_H
#define CLONECHECK_COMPAT_BPF_H

#include "vmlinux.h"
#include <bpf/bpf_core_read.h>

/*
 * commit 2f064a59a11f ("sched: Change task_struct::state"), v5.14:
 * `volatile long state` became `unsigned int __state` (E-01).
 */
struct task_struct___pre_v514 {
	long state;
} __attribute__((preserve_access_index));

static __always_inline __u32 task_state(struct task_struct *t)
{
	struct task_struct___pre_v514 *old = (void *)t;

	if (bpf_core_field_exists(t->__state))
		return BPF_CORE_READ(t, __state);
	return (__u32)BPF_CORE_READ(old, state);
}

/*
 * commit bcf9033e5449 ("sched: move CPU field back into thread_info if
 * THREAD_INFO_IN_TASK=y"), v5.16: task_struct::cpu moved to thread_info::cpu.
 */
struct task_struct___pre_v516 {
	unsigned int cpu;
} __attribute__((preserve_access_index));

static __always_inline __u32 task_cpu(struct task_struct *t)
{
	struct task_struct___pre_v516 *old = (void *)t;

	if (bpf_core_field_exists(t->thread_info.cpu))
		return BPF_CORE_READ(t, thread_info.cpu);
	return BPF_CORE_READ(old, cpu);
}

#endif /* CLONECHECK_COMPAT_BPF_H */
