// SPDX-License-Identifier: GPL-2.0
/*
 * inject.bpf.c - deterministic faults in one clone of one workload helper.
 *
 * A separate object with its own skeleton (src/wl_inject.c): the main
 * object's load never depends on what this one needs (fmod_ret, fentry on
 * cgroup_can_fork), and each program here is loaded only where the kernel
 * has its target.  Every program acts only for a tid the workload armed in
 * inject_plan (the main object's map, reused by fd), only for the plan's
 * kind, and only once: nothing else is ever touched.
 *  - signal_gate: at the helper's clone syscall entry, a handled signal
 *    with bpf_send_signal_thread(): pending at copy_process()'s early gate
 *    (V-20, ERESTARTNOINTR; the restarted syscall is not injected again);
 *  - sigkill_late: at cgroup_can_fork()'s entry, after that gate, SIGKILL
 *    (V-47, EINTR at the final gate; the helper dies);
 *  - sigkill_slab: the same SIGKILL from the tracepoint of the task_struct's
 *    slab allocation in dup_task_struct(), for kernels that refuse fentry
 *    (tp_btf only; attached by the workload only while its case runs,
 *    since it sees every slab allocation);
 *  - fmod_ret on security_task_alloc (V-28), security_prepare_creds (V-22),
 *    security_create_user_ns (V-22), security_vm_enough_memory_mm (V-33),
 *    security_file_alloc (V-41): the plan's errno, once the main object
 *    saw the clone's entry (so only inside that syscall).
 * BPF_MODIFY_RETURN is allowed on security_* functions without
 * CONFIG_FUNCTION_ERROR_INJECTION (kernel/bpf/verifier.c:
 * check_attach_modify_return(): the "security_" prefix).
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "inject.h"

__u64 injected[MODEL_INJ__COUNT];	/* faults injected, per kind (.bss) */

/* The calling thread's plan of @kind, not yet fired; NULL otherwise. */
static __always_inline struct inject_plan *plan_of(__u32 kind)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct inject_plan *p = bpf_map_lookup_elem(&inject_plan, &tid);

	if (!p || p->kind != kind || p->fired)
		return NULL;
	return p;
}

/* One shot: only the armed thread runs this for its tid (no BPF_FETCH). */
static __always_inline void fired(struct inject_plan *p, __u32 kind)
{
	p->fired = 1;
	if (kind < MODEL_INJ__COUNT)
		__sync_fetch_and_add(&injected[kind], 1);
}

static __always_inline int on_enter(void)
{
	struct inject_plan *p = plan_of(MODEL_INJ_SIGNAL_GATE);

	if (!p)
		return 0;
	fired(p, MODEL_INJ_SIGNAL_GATE);
	bpf_send_signal_thread(p->arg);
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_clone")
int inj_enter_clone(void *ctx) { return on_enter(); }

SEC("tracepoint/syscalls/sys_enter_clone3")
int inj_enter_clone3(void *ctx) { return on_enter(); }

SEC("tracepoint/syscalls/sys_enter_fork")
int inj_enter_fork(void *ctx) { return on_enter(); }

SEC("tracepoint/syscalls/sys_enter_vfork")
int inj_enter_vfork(void *ctx) { return on_enter(); }

SEC("fentry/cgroup_can_fork")
int BPF_PROG(inj_sigkill_late, struct task_struct *child)
{
	struct inject_plan *p = plan_of(MODEL_INJ_SIGKILL_LATE);

	if (!p || !p->seen)
		return 0;
	fired(p, MODEL_INJ_SIGKILL_LATE);
	bpf_send_signal_thread(9);	/* SIGKILL */
	return 0;
}

/*
 * kmem:kmem_cache_alloc (6.1+: the cache is the third argument): the
 * armed thread's task_struct allocation, i.e. dup_task_struct() inside
 * the clone it entered.  Any other cache (a page fault's, say) is not it.
 * Preemption is off in a tracepoint: the kernel sends the signal from an
 * irq_work (kernel/trace/bpf_trace.c:bpf_send_signal_common()).  A raw_tp,
 * not tp_btf: Debian's 6.12 verifier refuses a tp_btf program's read of
 * the `const void *ptr` argument ("arg1 type UNKNOWN is not a struct"),
 * so the arguments are plain words here and the cache is read with CO-RE.
 */
SEC("raw_tp/kmem_cache_alloc")
int BPF_PROG(inj_sigkill_slab, unsigned long call_site, const void *ptr, struct kmem_cache *s)
{
	static const char want[] = "task_struct";
	struct inject_plan *p = plan_of(MODEL_INJ_SIGKILL_SLAB);
	char name[sizeof(want)];

	if (!p || !p->seen || !ptr)
		return 0;
	if (bpf_probe_read_kernel_str(name, sizeof(name), BPF_CORE_READ(s, name)) != sizeof(want))
		return 0;
	for (int i = 0; i < sizeof(want); i++)
		if (name[i] != want[i])
			return 0;
	fired(p, MODEL_INJ_SIGKILL_SLAB);
	bpf_send_signal_thread(9);	/* SIGKILL */
	return 0;
}

/* An fmod_ret hook's return: the plan's errno, once, inside the clone. */
static __always_inline int inject_ret(__u32 kind, int ret)
{
	struct inject_plan *p;

	if (ret)
		return ret;	/* another fmod_ret program already failed it */
	p = plan_of(kind);
	if (!p || !p->seen)
		return 0;
	fired(p, kind);
	return -p->arg;
}

SEC("fmod_ret/security_task_alloc")
int BPF_PROG(inj_task_alloc, struct task_struct *task, unsigned long clone_flags, int ret)
{
	return inject_ret(MODEL_INJ_TASK_ALLOC, ret);
}

SEC("fmod_ret/security_prepare_creds")
int BPF_PROG(inj_prepare_creds, struct cred *new, const struct cred *old, unsigned int gfp,
	     int ret)
{
	return inject_ret(MODEL_INJ_PREPARE_CREDS, ret);
}

SEC("fmod_ret/security_create_user_ns")
int BPF_PROG(inj_create_user_ns, const struct cred *cred, int ret)
{
	return inject_ret(MODEL_INJ_CREATE_USER_NS, ret);
}

SEC("fmod_ret/security_vm_enough_memory_mm")
int BPF_PROG(inj_vm_enough_memory, struct mm_struct *mm, long pages, int ret)
{
	return inject_ret(MODEL_INJ_VM_ENOUGH_MEMORY, ret);
}

SEC("fmod_ret/security_file_alloc")
int BPF_PROG(inj_file_alloc, struct file *file, int ret)
{
	return inject_ret(MODEL_INJ_FILE_ALLOC, ret);
}

char LICENSE[] SEC("license") = "GPL";
