// SPDX-License-Identifier: GPL-2.0
/*
 * syscall.c - the four entry points of process creation: how each builds
 * struct kernel_clone_args from the raw syscall arguments (V-01..V-04).
 */
#include <string.h>

#include "model.h"
#include "clone_flags.h"
#include "pred.h"
#include "stages.h"

/* What access_ok() says of a range: valid, invalid, or it depends on the limit. */
enum model_access {
	MODEL_ACCESS_OK,
	MODEL_ACCESS_BAD,
	MODEL_ACCESS_UNSURE,	/* TASK_SIZE_MAX unknown; between the candidates */
};

/*
 * Mirrors arch access_ok() as used by kernel/fork.c:clone3_stack_valid()
 * (v7.2.13, v6.12.117, v6.1.176, v5.10.223): the range's end must not wrap
 * and must be at most the limit.  x86_64: TASK_SIZE_MAX (5.10
 * __range_not_ok(addr, size, TASK_SIZE_MAX); 6.1 asm-generic __access_ok();
 * 6.12/7.2 valid_user_address(sum) with USER_PTR_MAX = TASK_SIZE_MAX from
 * arch/x86/kernel/cpu/common.c), 2^47 - 4096 or 2^56 - 4096 by the paging
 * mode; arm64: TASK_SIZE_MAX = 1 << VA_BITS (5.10: USER_DS + 1).  The
 * profile's task_size_max is that limit; unknown: 4-level/48-bit accepted,
 * past 5-level/52-bit refused, in between unsure (V-04 EINVAL allowed).
 * Not modelled: LAM (USER_PTR_MAX = 2^63 - 4096, commented out in 7.2),
 * arm64 tagged addresses (untagged first with TIF_TAGGED_ADDR).
 */
static enum model_access model_access_ok(const struct model_profile *prof,
					 uint64_t addr, uint64_t size)
{
	const bool arm = prof->arch == MODEL_ARCH_ARM64;
	uint64_t lo = arm ? MODEL_ARM64_TASK_SIZE_MAX_48 : MODEL_X86_TASK_SIZE_MAX_4L;
	uint64_t hi = arm ? MODEL_ARM64_TASK_SIZE_MAX_52 : MODEL_X86_TASK_SIZE_MAX_5L;
	uint64_t end = addr + size;

	if (prof->task_size_max)
		lo = hi = prof->task_size_max;
	if (end < addr || end > hi)	/* wrapped, or beyond any limit */
		return MODEL_ACCESS_BAD;
	return end <= lo ? MODEL_ACCESS_OK : MODEL_ACCESS_UNSURE;
}

/*
 * Mirrors kernel/fork.c:clone3_args_valid() (v6.1.0 .. v6.1.19, v6.2), the
 * CLONE_NEWTIME test of V-04.10b (E-13, errata X-7).
 * Modelled: 6.1 with a known point release below 20, and 6.2.
 * Not modelled: 5.10.y (the accepting point release is unknown).
 */
static bool model_clone3_rejects_newtime(const struct model_profile *prof)
{
	if (prof->major == 6 && prof->minor == 2)
		return true;
	return prof->major == 6 && prof->minor == 1 && prof->patch_known &&
	       prof->patch < 20;
}

/*
 * Mirrors kernel/fork.c:clone3_args_valid() (v7.2.13; v6.12.117 before
 * 7.1), V-04 step 10.
 * Modelled: unknown flags (a; 7.1+ also accepts AUTOREAP, NNP,
 * PIDFD_AUTOKILL and EMPTY_MNTNS, E-25), DETACHED and CSIGNAL bits (b),
 * SIGHAND with CLEAR_SIGHAND (c), THREAD/PARENT with an exit signal (d),
 * the stack (e).
 * CLONE_NEWTIME is rejected in clone3 on 6.1.0 - 6.1.19 (E-13, errata X-7)
 * when the profile knows its point release; mainline 6.2 rejects it too.
 * Not modelled: the 5.10.y point release that accepted NEWTIME (unknown:
 * a 5.10 profile accepts it), an unknown 6.1 point release (accepted, as
 * on every Debian 6.1 kernel in use).
 */
static bool model_clone3_args_valid(const struct model_profile *prof,
				    struct model_kargs *k)
{
	/* V-04.10a: the legacy flags and the clone3-only ones (7.1+: E-25). */
	if (k->flags & ~(model_version_ge(prof, 7, 1) ? MODEL_CLONE3_FLAGS_7_1 :
			 MODEL_CLONE_LEGACY_FLAGS | MODEL_CLONE_CLEAR_SIGHAND |
			 MODEL_CLONE_INTO_CGROUP))
		return false;
	/* V-04.10b: DETACHED and CSIGNAL bits are reserved, NEWTIME excepted. */
	if (k->flags & (MODEL_CLONE_DETACHED |
			(MODEL_CSIGNAL & ~MODEL_CLONE_NEWTIME)))
		return false;
	if ((k->flags & MODEL_CLONE_NEWTIME) && model_clone3_rejects_newtime(prof))
		return false;
	/* V-04.10c */
	if ((k->flags & (MODEL_CLONE_SIGHAND | MODEL_CLONE_CLEAR_SIGHAND)) ==
	    (MODEL_CLONE_SIGHAND | MODEL_CLONE_CLEAR_SIGHAND))
		return false;
	/* V-04.10d */
	if ((k->flags & (MODEL_CLONE_THREAD | MODEL_CLONE_PARENT)) &&
	    k->exit_signal)
		return false;
	/* V-04.10e: clone3_stack_valid() */
	if (k->stack == 0) {
		if (k->stack_size > 0)
			return false;
	} else {
		if (k->stack_size == 0)
			return false;
		switch (model_access_ok(prof, k->stack, k->stack_size)) {
		case MODEL_ACCESS_BAD:
			return false;
		case MODEL_ACCESS_UNSURE:
			k->stack_unsure = true;
			break;
		default:
			break;
		}
		/* V-04.11: no CONFIG_STACK_GROWSUP on x86_64 or arm64. */
		k->stack += k->stack_size;
	}
	return true;
}

/*
 * Mirrors kernel/fork.c:copy_clone_args_from_user() (v7.2.13; v6.12.117
 * for the _NSIG test that 7.1 moved to kernel_clone()), V-04 steps 1-9.
 * Modelled: size limits, copy_struct_from_user() (trailing bytes checked
 * before the struct is copied, so E2BIG wins over EFAULT), zero-fill of a
 * short struct, set_tid/exit_signal/cgroup checks, the set_tid copy.
 * Not modelled: which bytes faulted (sc->uargs_fault covers the struct and
 * its tail alike); PAGE_SIZE other than 4096.
 */
static int model_copy_clone_args_from_user(const struct model_profile *prof,
					   const struct model_syscall *sc,
					   struct model_kargs *k)
{
	uint64_t usize = sc->arg[1];
	struct model_clone_args_user a = sc->uargs;
	unsigned char *b = (unsigned char *)&a;
	size_t i;

	if (usize > MODEL_PAGE_SIZE)
		return -MODEL_E2BIG;
	if (usize < MODEL_CLONE_ARGS_SIZE_VER0)
		return -MODEL_EINVAL;
	if (usize > MODEL_CLONE_ARGS_SIZE_VER2 && sc->uargs_tail_nonzero)
		return -MODEL_E2BIG;
	if (sc->uargs_fault)
		return -MODEL_EFAULT;
	/* Bytes past usize are not copied: the kernel's struct has zeros. */
	for (i = (size_t)usize; i < sizeof(a); i++)
		b[i] = 0;

	if (a.set_tid_size > MODEL_MAX_PID_NS_LEVEL)
		return -MODEL_EINVAL;
	if (!a.set_tid && a.set_tid_size > 0)
		return -MODEL_EINVAL;
	if (a.set_tid && a.set_tid_size == 0)
		return -MODEL_EINVAL;
	/*
	 * exit_signal: no bit above CSIGNAL, and before 7.1 valid_signal()
	 * (<= _NSIG) here; 7.1+ tests valid_signal() in kernel_clone().
	 */
	if ((a.exit_signal & ~MODEL_CSIGNAL) ||
	    (!model_version_ge(prof, 7, 1) && a.exit_signal > MODEL_NSIG))
		return -MODEL_EINVAL;
	if ((a.flags & MODEL_CLONE_INTO_CGROUP) &&
	    (a.cgroup > MODEL_INT_MAX || usize < MODEL_CLONE_ARGS_SIZE_VER2))
		return -MODEL_EINVAL;

	k->flags = a.flags;
	k->pidfd = a.pidfd;
	k->child_tid = a.child_tid;
	k->parent_tid = a.parent_tid;
	k->exit_signal = (int32_t)a.exit_signal;
	k->stack = a.stack;
	k->stack_size = a.stack_size;
	k->tls = a.tls;
	k->set_tid = a.set_tid;
	k->set_tid_size = a.set_tid_size;
	k->cgroup = a.cgroup;

	if (a.set_tid && sc->set_tid_fault)
		return -MODEL_EFAULT;
	return 0;
}

/*
 * Mirrors kernel/fork.c:kernel_thread(), user_mode_thread(),
 * create_io_thread() and kernel/vhost_task.c:vhost_task_create() (v6.18):
 * the kernel_clone_args each builds.
 * Modelled: kernel_thread {(flags|VM|UNTRACED) & ~CSIGNAL, exit signal =
 * flags & CSIGNAL, fn, fn_arg, name (6.4+), kthread}; user_mode_thread the
 * same without kthread and name; create_io_thread {FS|FILES|SIGHAND|THREAD|
 * IO|VM|UNTRACED, io_thread, user_worker (6.4+)}; vhost_task_create
 * {FS|UNTRACED|VM|THREAD|SIGHAND, user_worker, no_files, name}, 6.4+ only
 * (earlier vhost workers were kthreads: -ENOSYS with rule E-05).
 * create_io_thread() exists from mainline 5.12 and, in the 5.10 series,
 * from 5.10.162 ("kernel: provide create_io_thread() helper" in Debian's
 * linux-source-5.10 changelog, 5.10.162 stable update; v5.10.223 builds
 * the same {flags, io_thread} with fn passed as .stack): earlier io
 * workers give -ENOSYS with rule E-06; a 5.10 profile without its point
 * release (Debian's "5.10.0-NN") is assumed to have it.
 * Not modelled: fork_idle() (boot only), 5.10's copy_thread() calling
 * convention (fn passed as the stack; the relations are the same).
 */
static int model_kernel_entry(const struct model_profile *prof,
			      const struct model_syscall *sc,
			      struct model_kargs *k, const char **rule)
{
	const bool v64 = model_version_ge(prof, 6, 4);

	k->fn = sc->arg[0];
	k->fn_arg = sc->arg[1];
	k->has_fn = true;
	k->creator_after_copy = sc->creator_after_copy;
	switch (sc->entry) {
	case MODEL_ENTRY_KTHREAD:
	case MODEL_ENTRY_UMH:
		k->flags = ((sc->arg[2] | MODEL_CLONE_VM | MODEL_CLONE_UNTRACED) &
			    ~MODEL_CSIGNAL) & MODEL_CLONE_LEGACY_FLAGS;
		k->exit_signal = (int32_t)(sc->arg[2] & MODEL_CSIGNAL);
		k->kthread = sc->entry == MODEL_ENTRY_KTHREAD;
		k->has_name = k->kthread && v64;
		return 0;
	case MODEL_ENTRY_IO_WORKER:
		if (!model_version_ge(prof, 5, 12) &&
		    !(prof->major == 5 && prof->minor == 10 &&
		      model_release_ge(prof, 5, 10, 162, true))) {
			*rule = "E-06";
			return -MODEL_ENOSYS;
		}
		k->flags = MODEL_IO_THREAD_FLAGS;
		k->io_thread = true;
		k->user_worker = v64;
		return 0;
	default:	/* MODEL_ENTRY_USER_WORKER */
		if (!v64)
			break;
		k->flags = MODEL_VHOST_TASK_FLAGS;
		k->user_worker = true;
		k->no_files = true;
		k->has_name = true;
		return 0;
	}
	*rule = "E-05";
	return -MODEL_ENOSYS;
}

/*
 * The clone syscalls' numbers, per arch: arch/x86/entry/syscalls/
 * syscall_64.tbl (clone 56, fork 57, vfork 58, clone3 435) and
 * include/uapi/asm-generic/unistd.h for arm64 (__NR_clone 220, __NR_clone3
 * 435; no fork or vfork), the same from 5.10 to 7.2.  A 32-bit task's
 * (syscall_32.tbl, arch/arm/tools/syscall.tbl: fork 2, clone 120, vfork
 * 190, clone3 435) fires no syscall tracepoint (compat syscalls are not
 * traced), so its clones come without an entry too: those numbers count
 * as a clone syscall as well, whatever they are natively (the clone is
 * then left unjudged, never misjudged).
 */
static bool model_is_clone_sysnr(const struct model_profile *prof, uint32_t nr)
{
	if (nr == 435 || nr == 2 || nr == 120 || nr == 190)
		return true;
	if (prof->arch == MODEL_ARCH_ARM64)
		return nr == 220;
	return nr >= 56 && nr <= 58;
}

/*
 * Who calls copy_process() without a clone syscall, and with what
 * (v7.2.13, v6.12.117, v6.1.176, v5.10.223):
 * - kthreadd (pid 2 of the init pid ns, PF_KTHREAD; init/main.c:rest_init()
 *   makes it second) only runs kernel/kthread.c:create_kthread(), which
 *   calls kernel_thread(kthread, create, [name,] CLONE_FS | CLONE_FILES |
 *   SIGCHLD): entry KTHREAD with those flags, fn and its argument unknown.
 * - an io_uring worker (PF_IO_WORKER without PF_KTHREAD: io_uring/io-wq.c
 *   and sqpoll.c) creates tasks only through io_wq_create_worker() ->
 *   create_io_worker() -> create_io_thread(): entry IO_WORKER.
 * - a user task (neither flag) outside fork/vfork/clone/clone3 reaches
 *   copy_process() only through create_io_thread() (io_uring: setup,
 *   enter, or the task_work io-wq queues on it) or, 6.4+,
 *   kernel/vhost_task.c:vhost_task_create() (a vhost ioctl);
 *   kernel_thread() and user_mode_thread() are called by kthreadd, a
 *   kworker (kernel/umh.c) or init before it execs.  The two are told
 *   apart by CLONE_IO, which only create_io_thread()'s flags carry
 *   (CLONE_IO is then not what is checked: the child's PF_ flags,
 *   blocked signals, shared resources and frame are).  A user task still
 *   inside a clone syscall made a clone whose syscall entry was missed
 *   (the gate opened meanwhile): not a kernel entry.  Its syscall number
 *   must be known to say so.
 * Not decided (-1): other kernel threads (kworkers' usermode helpers,
 * whose flags depend on the helper's wait mode), and user tasks whose
 * syscall is unknown.
 */
int model_creator_entry(const struct model_profile *prof, const struct model_task *creator,
			const struct model_creator *ctx, struct model_syscall *sc)
{
	memset(sc, 0, sizeof(*sc));
	sc->creator_after_copy = true;
	if (creator->flags & MODEL_PF_KTHREAD) {
		if (creator->pid != 2 || creator->ns_level != 0)
			return -1;
		sc->entry = MODEL_ENTRY_KTHREAD;
		sc->arg[2] = MODEL_CLONE_FS | MODEL_CLONE_FILES | MODEL_SIGCHLD;
		return 0;
	}
	if (creator->flags & MODEL_PF_IO_WORKER) {
		sc->entry = MODEL_ENTRY_IO_WORKER;
		return 0;
	}
	if (!ctx->sysnr_known || model_is_clone_sysnr(prof, ctx->sysnr))
		return -1;
	sc->entry = ctx->clone_io ? MODEL_ENTRY_IO_WORKER : MODEL_ENTRY_USER_WORKER;
	return 0;
}

/*
 * Mirrors kernel/fork.c:SYSCALL_DEFINE0(fork), SYSCALL_DEFINE0(vfork),
 * SYSCALL_DEFINE5(clone) and SYSCALL_DEFINE2(clone3) (v6.18).
 * Modelled: V-01 fork {0, SIGCHLD}; V-02 vfork {VFORK|VM, SIGCHLD}; both
 * missing on native arm64 (-ENOSYS, errata); V-03 legacy clone with the
 * arch's argument order (x86_64 plain, arm64 CLONE_BACKWARDS), low 32 flag
 * bits, exit signal = low byte, pidfd == parent_tid; V-04 clone3 steps 1-11.
 * Not modelled: !MMU fork (-EINVAL), CLONE_BACKWARDS2/3 arches,
 * __ARCH_BROKEN_SYS_CLONE3, compat (32-bit) entry points.
 */
int model_sys_entry(const struct model_profile *prof, const struct model_syscall *sc,
		    struct model_kargs *out, const char **rule)
{
	struct model_kargs k = { 0 };
	const char *r = NULL;
	uint64_t low32;
	int err = 0;

	switch (sc->entry) {
	case MODEL_ENTRY_FORK:
		r = "V-01";
		if (prof->arch == MODEL_ARCH_ARM64) {
			err = -MODEL_ENOSYS;
			break;
		}
		k.exit_signal = MODEL_SIGCHLD;
		break;
	case MODEL_ENTRY_VFORK:
		r = "V-02";
		if (prof->arch == MODEL_ARCH_ARM64) {
			err = -MODEL_ENOSYS;
			break;
		}
		k.flags = MODEL_CLONE_VFORK | MODEL_CLONE_VM;
		k.exit_signal = MODEL_SIGCHLD;
		break;
	case MODEL_ENTRY_CLONE:
		r = "V-03";
		low32 = sc->arg[0] & MODEL_CLONE_LEGACY_FLAGS;
		k.flags = low32 & ~MODEL_CSIGNAL;
		k.exit_signal = (int32_t)(low32 & MODEL_CSIGNAL);
		k.stack = sc->arg[1];
		k.parent_tid = sc->arg[2];
		k.pidfd = sc->arg[2];		/* same user pointer */
		if (prof->arch == MODEL_ARCH_ARM64) {	/* CLONE_BACKWARDS */
			k.tls = sc->arg[3];
			k.child_tid = sc->arg[4];
		} else {
			k.child_tid = sc->arg[3];
			k.tls = sc->arg[4];
		}
		break;
	case MODEL_ENTRY_CLONE3:
		r = "V-04";
		err = model_copy_clone_args_from_user(prof, sc, &k);
		if (!err && !model_clone3_args_valid(prof, &k))
			err = -MODEL_EINVAL;
		break;
	case MODEL_ENTRY_KTHREAD:
	case MODEL_ENTRY_IO_WORKER:
	case MODEL_ENTRY_USER_WORKER:
	case MODEL_ENTRY_UMH:
		r = "R-28";
		err = model_kernel_entry(prof, sc, &k, &r);
		break;
	default:
		r = "V-01";
		err = -MODEL_ENOSYS;
		break;
	}

	*out = k;
	if (rule)
		*rule = err ? r : NULL;
	return err;
}
