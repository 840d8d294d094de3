/* SPDX-License-Identifier: GPL-2.0 */
/*
 * inject.h - the injection plan map shared by bpf/clonecheck.bpf.c (which
 * copies a caller's plan into its entry snapshot), bpf/inject.bpf.c (which
 * injects it) and src/wl_inject.c (which arms it).  The loader creates the
 * map with the main object; the inject object reuses its fd.
 *
 * One entry per armed workload helper, keyed by its tid; nothing else is
 * ever in the map, so no other process is touched.  Fixed-width types
 * only: the includer brings them (vmlinux.h, <linux/types.h>).
 */
#ifndef CLONECHECK_BPF_INJECT_H
#define CLONECHECK_BPF_INJECT_H

#include "../model/inject_plan.h"

#define INJECT_PLAN_MAX 64

struct inject_plan {
	__u32 cookie;	/* the workload's, for the report (MODEL_INJ_COOKIE) */
	__u32 kind;	/* MODEL_INJ_* */
	__s32 arg;	/* errno (positive) an fmod_ret hook returns, or a signal */
	__u32 seen;	/* syscall entries of this tid the main object saw */
	__u32 fired;	/* 1 once the inject object injected (one shot) */
	__u32 pad;
};

#ifdef __bpf__
/* The map itself, declared alike in both objects (the second reuses the fd). */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, INJECT_PLAN_MAX);
	__type(key, __u32);
	__type(value, struct inject_plan);
} inject_plan SEC(".maps");
#endif

#endif /* CLONECHECK_BPF_INJECT_H */
