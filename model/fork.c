// SPDX-License-Identifier: GPL-2.0
/*
 * fork.c - kernel/fork.c: kernel_clone()'s own checks, copy_process()'s
 * flag checks and the failures it decides from the parent's credentials
 * and pid namespace, the environmental failures it allows, and the child's
 * shared resources, tree and flags (R- rules).  A stage file: it depends on
 * pred.h, model.h and clone_flags.h only.
 */
#include "model.h"
#include "clone_flags.h"
#include "pred.h"
#include "stages.h"

/*
 * Mirrors kernel/fork.c:kernel_clone() (v7.2.13; v6.12.117 and v5.10.223
 * for what 7.x added), its checks before copy_process():
 * pid_t kernel_clone(struct kernel_clone_args *args).
 * Modelled: 7.1+ (E-26) CLONE_EMPTY_MNTNS adds CLONE_NEWNS to args->flags
 * first; V-05 CLONE_PIDFD with CLONE_PARENT_SETTID and the same user
 * pointer for both -> -EINVAL (always so for legacy clone); 7.1+
 * !valid_signal(args->exit_signal) -> -EINVAL (mainline 09e7827e7857
 * "kernel/fork: validate exit_signal in kernel_clone()", which also drops
 * clone3's own _NSIG test: the legacy clone exit signals 65..255 that
 * older kernels store as they are (V-03) are refused, under V-03 for
 * clone() and V-04 for clone3()).
 * Not modelled: the 6.12 stable backport of that change proposed in June
 * 2026 (Debian's 6.12.117 does not carry it: model_kernel_clone() gives
 * 6.12 the old behaviour).
 */
int model_kernel_clone_check(const struct model_profile *prof,
			     const struct model_syscall *sc,
			     struct model_kargs *args, const char **rule)
{
	if (args->flags & MODEL_CLONE_EMPTY_MNTNS)
		args->flags |= MODEL_CLONE_NEWNS;
	if ((args->flags & MODEL_CLONE_PIDFD) &&
	    (args->flags & MODEL_CLONE_PARENT_SETTID) &&
	    args->pidfd == args->parent_tid) {
		*rule = "V-05";
		return -MODEL_EINVAL;
	}
	if (model_version_ge(prof, 7, 1) &&
	    (uint32_t)args->exit_signal > MODEL_NSIG) {
		*rule = sc->entry == MODEL_ENTRY_CLONE3 ? "V-04" :
			sc->entry == MODEL_ENTRY_CLONE ? "V-03" : "R-28";
		return -MODEL_EINVAL;
	}
	return 0;
}

/*
 * Mirrors Debian's kernel/fork.c:copy_process() patch (5.10, 6.1, 6.12,
 * 7.2: `if ((clone_flags & CLONE_NEWUSER) && !unprivileged_userns_clone)
 * if (!capable(CAP_SYS_ADMIN)) return ERR_PTR(-EPERM);`, errata X-5):
 * with kernel.unprivileged_userns_clone = 0, CLONE_NEWUSER needs
 * CAP_SYS_ADMIN in the init user ns.
 * Modelled: the sysctl's value as the caller entered the syscall (the
 * global unprivileged_userns_clone, kernel/user_namespace.c, read at entry:
 * MODEL_SYS_USERNS_CLONE), else the profile's (read at start); decided from
 * cap_effective and the user ns level (MODEL_IN_CRED); returns 1 when
 * undecided (no credentials).
 * Not modelled: LSM denials of the capability; the sysctl written between
 * the caller's entry and the test.
 */
static int model_userns_sysctl_check(const struct model_profile *prof,
				     const struct model_task *parent,
				     uint64_t f)
{
	/* the global as the caller entered (MODEL_SYS_USERNS_CLONE), else the profile's */
	const bool off = (parent->sys_read & MODEL_SYS_USERNS_CLONE) ?
				 parent->userns_clone == 0 : prof->userns_sysctl == MODEL_CFG_N;

	if (!(f & MODEL_CLONE_NEWUSER) || !off)
		return 0;
	if (!(parent->valid & MODEL_IN_CRED))
		return 1;
	if (parent->user_ns_level == 0 && model_has_sys_admin(parent))
		return 0;
	return -MODEL_EPERM;
}

/*
 * Mirrors kernel/fork.c:copy_process() (v7.2.13; v6.1.176 for V-16 and
 * V-17's THREAD test), its flag checks: const u64 clone_flags =
 * args->flags; each returns ERR_PTR(-EINVAL) (V-18, V-51's capability:
 * -EPERM) before anything is allocated or traced.
 * Modelled, in this order: V-10 NEWNS|FS; V-11 NEWUSER|FS; V-18 (Debian
 * sysctl, errata X-5); V-12 THREAD without SIGHAND; V-13 SIGHAND without
 * VM; V-14 PARENT from a SIGNAL_UNKILLABLE caller; V-15 THREAD with
 * NEWUSER or NEWPID, or (MODEL_IN_NS) task_active_pid_ns(current) !=
 * nsp->pid_ns_for_children; V-16 (before 6.2, E-12, MODEL_IN_NS) THREAD or
 * VM while nsp->time_ns != nsp->time_ns_for_children; V-17 PIDFD with
 * DETACHED, and before 6.9 (E-11) PIDFD with THREAD; then the 7.1+ checks
 * (E.7): V-48 AUTOREAP with THREAD, PARENT or an exit signal; V-49 PARENT
 * while current->signal->autoreap (MODEL_IN_AUTOREAP); V-50 NNP with
 * THREAD; V-51 PIDFD_AUTOKILL without PIDFD, without AUTOREAP or with
 * THREAD, then without NNP and without ns_capable(current_user_ns(),
 * CAP_SYS_ADMIN) -> -EPERM (MODEL_IN_CRED).  A check the snapshot cannot
 * decide (V-18 and V-51's EPERM without credentials, V-49 without the
 * autoreap bit) adds its errno to fl->pre[] and the checks go on.
 * Not modelled: LSM denials of the capabilities.
 */
void model_copy_process_flag_checks(const struct model_profile *prof,
				    const struct model_task *parent,
				    const struct model_kargs *args,
				    struct model_fail *fl)
{
	const uint64_t f = args->flags;
	const bool ns = parent->valid & MODEL_IN_NS;
	const bool cred = parent->valid & MODEL_IN_CRED;
	const int einval = -MODEL_EINVAL;
	int sysctl = model_userns_sysctl_check(prof, parent, f);

#define FAIL(r, e) do { model_fail_set(fl, (e), (r), MODEL_STEP_GATE); return; } while (0)
	if ((f & (MODEL_CLONE_NEWNS | MODEL_CLONE_FS)) ==
	    (MODEL_CLONE_NEWNS | MODEL_CLONE_FS))
		FAIL("V-10", einval);
	if ((f & (MODEL_CLONE_NEWUSER | MODEL_CLONE_FS)) ==
	    (MODEL_CLONE_NEWUSER | MODEL_CLONE_FS))
		FAIL("V-11", einval);
	if (sysctl < 0)
		FAIL("V-18", -MODEL_EPERM);
	if (sysctl > 0)
		model_fail_alt(fl, -MODEL_EPERM, "V-18");
	if ((f & MODEL_CLONE_THREAD) && !(f & MODEL_CLONE_SIGHAND))
		FAIL("V-12", einval);
	if ((f & MODEL_CLONE_SIGHAND) && !(f & MODEL_CLONE_VM))
		FAIL("V-13", einval);
	if ((f & MODEL_CLONE_PARENT) &&
	    (parent->signal_flags & MODEL_SIGNAL_UNKILLABLE))
		FAIL("V-14", einval);
	if ((f & MODEL_CLONE_THREAD) &&
	    ((f & (MODEL_CLONE_NEWUSER | MODEL_CLONE_NEWPID)) ||
	     (ns && parent->pid_ns_active != parent->pid_ns_for_children)))
		FAIL("V-15", einval);
	if (!model_version_ge(prof, 6, 2) && ns &&
	    (f & (MODEL_CLONE_THREAD | MODEL_CLONE_VM)) &&
	    parent->time_ns != parent->time_ns_for_children)
		FAIL("V-16", einval);
	if ((f & MODEL_CLONE_PIDFD) &&
	    ((f & MODEL_CLONE_DETACHED) ||
	     (!model_version_ge(prof, 6, 9) && (f & MODEL_CLONE_THREAD))))
		FAIL("V-17", einval);
	if ((f & MODEL_CLONE_AUTOREAP) &&
	    ((f & (MODEL_CLONE_THREAD | MODEL_CLONE_PARENT)) || args->exit_signal))
		FAIL("V-48", einval);
	if ((f & MODEL_CLONE_PARENT) && model_version_ge(prof, 7, 1)) {
		if (!(parent->valid & MODEL_IN_AUTOREAP))
			model_fail_alt(fl, einval, "V-49");
		else if (parent->autoreap)
			FAIL("V-49", einval);
	}
	if ((f & MODEL_CLONE_NNP) && (f & MODEL_CLONE_THREAD))
		FAIL("V-50", einval);
	if (f & MODEL_CLONE_PIDFD_AUTOKILL) {
		if (!(f & MODEL_CLONE_PIDFD) || !(f & MODEL_CLONE_AUTOREAP) ||
		    (f & MODEL_CLONE_THREAD))
			FAIL("V-51", einval);
		if (!(f & MODEL_CLONE_NNP)) {
			if (!cred)
				model_fail_alt(fl, -MODEL_EPERM, "V-51");
			else if (!model_has_sys_admin(parent))
				FAIL("V-51", -MODEL_EPERM);
		}
	}
#undef FAIL
}

/* The decided part of model_copy_process_flag_checks(); 0 or -errno. */
int model_copy_process_checks(const struct model_profile *prof,
			      const struct model_task *parent,
			      const struct model_kargs *args, const char **rule)
{
	struct model_fail fl = { 0 };

	model_copy_process_flag_checks(prof, parent, args, &fl);
	if (rule)
		*rule = fl.rule;
	return fl.err;
}

/*
 * Mirrors kernel/fork.c:copy_process() (v7.2.13, v6.1.176; v5.10.223 tests
 * `atomic_read(&p->real_cred->user->processes) >= task_rlimit(p,
 * RLIMIT_NPROC)` before copy_creds(), same exemptions):
 * `if (is_rlimit_overlimit(task_ucounts(p), UCOUNT_RLIMIT_NPROC,
 * rlimit(RLIMIT_NPROC))) { if (p->real_cred->user != INIT_USER &&
 * !capable(CAP_SYS_RESOURCE) && !capable(CAP_SYS_ADMIN)) goto
 * bad_fork_cleanup_count; }` -> -EAGAIN (V-23), after copy_creds() counted
 * the child (inc_rlimit_ucounts(), for a thread too), and
 * kernel/ucount.c:is_rlimit_overlimit(): `if (val < 0 || val > max)` with
 * max = min(rlimit, LONG_MAX) and one level in init_user_ns (its ucounts'
 * ns->ucounts is NULL).  So on both sides of 5.14 the clone fails iff the
 * count at entry (MODEL_IN_PROC: nproc_count, the child not in it) >=
 * RLIMIT_NPROC.  Mainline 5.14 ("Reimplement RLIMIT_NPROC on top of
 * ucounts") tested before copy_creds(), count > limit, until "ucounts:
 * Enforce RLIMIT_NPROC not RLIMIT_NPROC+1" moved copy_creds() first (5.17
 * [unv: version]): kernels in between are not decided.
 * It cannot refuse when the child's real user is the global root
 * (p->real_cred is prepare_creds() of current's cred, whose ->user is the
 * user_struct of its uid: INIT_USER iff uid 0 in init_user_ns), when
 * capable() holds for either capability (security/commoncap.c:cap_capable()
 * for init_user_ns: the caller's user ns is init_user_ns and the effective
 * set has the bit), or when, in init_user_ns without NEWUSER, RLIMIT_NPROC
 * is RLIM_INFINITY.  Returns -EAGAIN (decided: count >= limit), 1 (may
 * refuse: another task of the uid, nproc_count > 1, may fork between the
 * caller's entry and the test; or the count, user ns or version is not
 * decided) or 0 (cannot: exempt, or the caller is the uid's only task and
 * below its limit).
 * Not modelled: a task of the uid released between entry and the test
 * (the count falls, the decided EAGAIN would not come), a task taking the
 * uid by setuid() meanwhile, the limits of enclosing user namespaces (with
 * NEWUSER or outside init_user_ns: an alternative), an LSM refusing
 * capable() to a non-root caller.
 */
int model_nproc_refuses(const struct model_profile *prof, const struct model_task *parent,
			uint64_t f)
{
	const uint64_t exempt = (1ULL << MODEL_CAP_SYS_RESOURCE) |
				(1ULL << MODEL_CAP_SYS_ADMIN);
	uint64_t limit;

	if (!(parent->valid & MODEL_IN_PROC) || !(parent->valid & MODEL_IN_CRED))
		return 1;
	if (parent->uid == 0)
		return 0;
	if (parent->user_ns_level == 0 && (parent->cap_effective & exempt))
		return 0;
	if (parent->user_ns_level == 0 && !(f & MODEL_CLONE_NEWUSER) &&
	    parent->rlim_nproc == MODEL_RLIM_INFINITY)
		return 0;
	if (parent->user_ns_level != 0 || (f & MODEL_CLONE_NEWUSER) || !parent->nproc_count ||
	    (model_version_ge(prof, 5, 14) && !model_version_ge(prof, 5, 17)))
		return 1;
	limit = parent->rlim_nproc > INT64_MAX ? INT64_MAX : parent->rlim_nproc;
	if (parent->nproc_count >= limit)
		return -MODEL_EAGAIN;
	return parent->nproc_count > 1;
}

/*
 * V-23's decided EAGAIN, at its place: before copy_creds() up to 5.16
 * (v5.10.223), after it from 5.17 (model_nproc_refuses()).
 */
void model_nproc_check(const struct model_profile *prof, const struct model_task *parent,
		       const struct model_kargs *args, struct model_fail *fl)
{
	if (model_nproc_refuses(prof, parent, args->flags) < 0)
		model_fail_set(fl, -MODEL_EAGAIN, "V-23", MODEL_STEP_NPROC);
}

/*
 * Mirrors kernel/fork.c:copy_process() (v7.2.13 and v6.1.176; v5.10.223
 * where noted) with kernel/user_namespace.c:create_user_ns(): the creds
 * step.  Modelled: V-22 with NEWUSER, `if (parent_ns->level > 32)` ->
 * -ENOSPC (MODEL_IN_CRED).  Up to 5.16 RLIMIT_NPROC is tested before
 * copy_creds() (5.10: `if (atomic_read(&p->real_cred->user->processes) >=
 * task_rlimit(p, RLIMIT_NPROC))`, E-20; model_nproc_check() runs first), so
 * there V-23's EAGAIN may come first; from 5.17 it is tested after
 * copy_creds() (model_nproc_refuses()).
 * Not modelled: the ucount limit (ENOSPC), chroot and mapping EPERMs, the
 * LSM hook (alternatives, model_copy_process_alts()).
 */
void model_copy_creds_check(const struct model_profile *prof,
			    const struct model_task *parent,
			    const struct model_kargs *args, struct model_fail *fl)
{
	if (!(args->flags & MODEL_CLONE_NEWUSER) ||
	    !(parent->valid & MODEL_IN_CRED) || parent->user_ns_level <= 32)
		return;
	if (!model_version_ge(prof, 5, 17) && model_nproc_refuses(prof, parent, args->flags) > 0)
		model_fail_alt(fl, -MODEL_EAGAIN, "V-23");
	model_fail_set(fl, -MODEL_ENOSPC, "V-22", MODEL_STEP_CREDS);
}

/*
 * Mirrors kernel/fork.c:copy_process() (v7.2.13, v6.1.176, v5.10.223):
 * `if (data_race(nr_threads >= max_threads)) goto bad_fork_cleanup_count;`
 * -> -EAGAIN (V-24).  copy_process() counts a task in nr_threads only with
 * a pid (`if (likely(p->pid)) { ... nr_threads++; }`), and every such task
 * holds its own number in [1, pid_max) of the init pid ns, so nr_threads
 * < pid_max: with threads-max >= pid_max (the profile's sysctls, read at
 * start) it cannot fire.  Returns true when it may.
 * Not modelled: nr_threads itself (other tasks race it); sysctls changed
 * during the run.
 */
static bool model_threads_max_may_refuse(const struct model_profile *prof)
{
	return !(prof->threads_max && prof->pid_max && prof->threads_max >= prof->pid_max);
}

/*
 * Mirrors kernel/fork.c:copy_process() (v7.2.13, v6.12.118, v6.1.192,
 * v5.10.262: alike): `retval = -EAGAIN; if (data_race(nr_threads >=
 * max_threads)) goto bad_fork_cleanup_count;` after copy_creds() and the
 * RLIMIT_NPROC test, with no exemption for any capability (V-24).  Decided
 * from both globals as the caller entered the syscall (MODEL_SYS_NR_THREADS
 * and MODEL_SYS_MAX_THREADS, located by kallsyms): -EAGAIN when nr_threads
 * >= max_threads.  Otherwise 1 (may refuse: another task may fork
 * meanwhile) unless max_threads >= pid_max (model_threads_max_may_refuse(),
 * with the entry's max_threads), or 0.  Unread: as
 * model_threads_max_may_refuse() with the profile's threads-max.
 * Not modelled: enough tasks exiting between the caller's entry and the
 * test to bring nr_threads below max_threads (the workload leaves a wide
 * margin); kernel.threads-max written meanwhile.
 */
static int model_threads_max_refuses(const struct model_profile *prof,
				     const struct model_task *parent)
{
	const uint32_t both = MODEL_SYS_NR_THREADS | MODEL_SYS_MAX_THREADS;

	if ((parent->sys_read & both) != both)
		return model_threads_max_may_refuse(prof);
	if ((int32_t)parent->nr_threads >= (int32_t)parent->max_threads)
		return -MODEL_EAGAIN;
	return !(prof->pid_max && parent->max_threads >= prof->pid_max);
}

/* V-24's decided EAGAIN, after copy_creds() and RLIMIT_NPROC. */
void model_threads_max_check(const struct model_profile *prof,
			     const struct model_task *parent, struct model_fail *fl)
{
	if (model_threads_max_refuses(prof, parent) < 0)
		model_fail_set(fl, -MODEL_EAGAIN, "V-24", MODEL_STEP_NPROC);
}

/*
 * Mirrors kernel/pid.c:alloc_pid() (v7.2.13, v6.12.117, v6.1.176,
 * v5.10.223): idr_alloc_cyclic(&tmp->idr, NULL, pid_min, pid_max) of a
 * level without a set_tid entry fails with -ENOSPC, returned as -EAGAIN
 * (V-39), only when every number of [pid_min, pid_max) is in use (pid_min
 * is 1, or RESERVED_PIDS once the level wrapped).  A number in use is the
 * pid of a task of that level, or the tgid, pgid or sid it is attached as
 * (at most three per task besides its own: tgid is its leader's own), or
 * held by a copy_process() between alloc_pid() and attach (one per forking
 * task): at most 4 * tasks, and tasks <= threads-max (V-24 bounds
 * nr_threads; nr_threads counts every task with a pid).  So with pid_max -
 * RESERVED_PIDS > 4 * threads-max the space cannot fill.  The bound needs
 * the level's pid_max: the profile's (the init ns's), which is every
 * level's before 6.14 (E-17) and the init level's after; a new level
 * (NEWPID) is empty.  Returns true when it may fill.
 * Not modelled: how many numbers are in use (other tasks race it); the few
 * forks that may pass the unlocked threads-max test at once.
 */
static bool model_pid_space_may_fill(const struct model_profile *prof,
				     const struct model_task *parent)
{
	if (!prof->threads_max || !prof->pid_max ||
	    (uint64_t)prof->pid_max <= MODEL_RESERVED_PIDS + 4ULL * prof->threads_max)
		return true;
	if (model_version_ge(prof, 6, 14) &&
	    (!(parent->valid & MODEL_IN_NS) || parent->pid_ns_children_level != 0))
		return true;
	return false;
}

/*
 * Mirrors kernel/cgroup/pids.c:pids_can_fork() -> pids_try_charge() (v7.2.13,
 * v6.1.176, v5.10.223): `for (p = pids; parent_pids(p); p =
 * parent_pids(p)) { int64_t new = atomic64_add_return(num, &p->counter);
 * int64_t limit = atomic64_read(&p->limit); if (new > limit) goto revert;
 * }` with num 1: every pids cgroup of the child that has a parent is
 * charged, and the clone fails with -EAGAIN (V-43) iff some level's counter
 * at entry >= its limit (pids_headroom = the least limit - counter <= 0,
 * MODEL_IN_PIDS_CG).  With CLONE_INTO_CGROUP the target's hierarchy is
 * charged, not the caller's (not read).  Returns -EAGAIN (decided), 1 (may
 * refuse: another task is counted in a limited level, pids_counted > 1,
 * and may fork between the caller's entry and the charge; INTO_CGROUP; not
 * read) or 0 (cannot: no limit, or the caller is the only task counted in
 * each limited level and below every limit).
 * Not modelled: a counted task released between entry and the charge (the
 * counter falls, the decided EAGAIN would not come); a task moved into the
 * cgroup meanwhile.
 */
static int model_pids_refuses(const struct model_task *parent, uint64_t f)
{
	if ((f & MODEL_CLONE_INTO_CGROUP) || !(parent->valid & MODEL_IN_PIDS_CG))
		return 1;
	if (parent->pids_headroom == INT64_MAX)
		return 0;
	if (parent->pids_headroom <= 0)
		return -MODEL_EAGAIN;
	return parent->pids_counted != 1;
}

/* V-43's decided EAGAIN, at cgroup_can_fork(). */
void model_pids_check(const struct model_task *parent, const struct model_kargs *args,
		      struct model_fail *fl)
{
	if (model_pids_refuses(parent, args->flags) < 0)
		model_fail_set(fl, -MODEL_EAGAIN, "V-43", MODEL_STEP_CGROUP);
}

/*
 * Mirrors kernel/fork.c:copy_fs() (v7.2.13): with CLONE_FS, `if
 * (fs->in_exec) return -EAGAIN;` (V-31).  fs/exec.c:check_unsafe_exec()
 * sets in_exec only for an fs_struct whose every user is a thread of the
 * exec'ing process; a caller that is its fs_struct's one user (fs->users
 * == 1, MODEL_IN_PROC) is in clone, not in execve, and no task can start
 * sharing it meanwhile (only a clone(CLONE_FS) by one of its users could).
 * Returns true when another user may be in execve.
 */
static bool model_fs_may_be_in_exec(const struct model_task *parent, uint64_t f)
{
	return (f & MODEL_CLONE_FS) && (!(parent->valid & MODEL_IN_PROC) || parent->fs_users != 1);
}

/*
 * Mirrors kernel/fork.c:copy_files() -> fs/file.c:dup_fd() (v7.2.13,
 * v6.1.176, v5.10.223): without CLONE_FILES the table is copied;
 * `open_files = sane_fdtable_size(old_fdt, max_fds)` (count_open_files():
 * the last used word of open_fds, in fds) is compared with the new table's
 * NR_OPEN_DEFAULT slots and only a larger span allocates, which fails with
 * -EMFILE past fs.nr_open (V-30, errata).  The span is at least 64 and
 * nr_open at least 64 (sysctl_nr_open_min).  Returns true when it may:
 * the caller's span (MODEL_IN_FDS: fd_top) exceeds 64 and the profile's
 * nr_open, or either is unknown.
 * Not modelled: nr_open changed during the run; another thread sharing the
 * table opening fds meanwhile beyond nr_open (expand_files() refuses that).
 */
static bool model_fd_copy_may_fail(const struct model_profile *prof,
				   const struct model_task *parent)
{
	if (!(parent->valid & MODEL_IN_FDS))
		return true;
	if (parent->fd_top <= MODEL_NR_OPEN_DEFAULT)
		return false;
	return !prof->nr_open || parent->fd_top > prof->nr_open;
}

/* fs.nr_open as the caller entered the syscall (MODEL_SYS_NR_OPEN), else the profile's. */
static uint32_t model_nr_open(const struct model_profile *prof, const struct model_task *parent)
{
	return (parent->sys_read & MODEL_SYS_NR_OPEN) ? parent->sys_nr_open : prof->nr_open;
}

/*
 * Mirrors kernel/fork.c:copy_files() -> fs/file.c:dup_fd() ->
 * alloc_fdtable(open_files) (v7.2.13, v6.12.118, v6.1.192, v5.10.262:
 * Debian's trees carry the same alloc_fdtable()): for open_files =
 * sane_fdtable_size() (the caller's fd_top, a multiple of 64) above the
 * embedded NR_OPEN_DEFAULT, `nr = roundup_pow_of_two(slots_wanted); if
 * (unlikely(nr > sysctl_nr_open)) { nr = round_down(sysctl_nr_open,
 * BITS_PER_LONG); if (nr < slots_wanted) return ERR_PTR(-EMFILE); }`; so
 * -EMFILE (V-30) iff fd_top > round_down(nr_open, 64) (the later `nr >
 * INT_MAX / sizeof(struct file *)` test needs a table of 2^28 fds, beyond
 * what MODEL_IN_FDS reads).  Decided from the caller's table (MODEL_IN_FDS)
 * and the sysctl as the caller entered (MODEL_SYS_NR_OPEN) when no other
 * task shares the table.  Returns -EMFILE (decided), 1 (may: a shared table
 * another thread may shrink, or nr_open not read at entry and
 * model_fd_copy_may_fail()) or 0.
 * Not modelled: fs.nr_open written between the caller's entry and dup_fd().
 */
static int model_fd_copy_emfile(const struct model_profile *prof,
				const struct model_task *parent,
				const struct model_kargs *args)
{
	uint32_t nr_open;

	if ((args->flags & MODEL_CLONE_FILES) || !parent->files || args->no_files)
		return 0;
	if (!(parent->sys_read & MODEL_SYS_NR_OPEN) || !(parent->valid & MODEL_IN_FDS))
		return model_fd_copy_may_fail(prof, parent);
	nr_open = model_nr_open(prof, parent);
	if (parent->fd_top <= MODEL_NR_OPEN_DEFAULT ||
	    parent->fd_top <= (nr_open & ~(uint32_t)(MODEL_NR_OPEN_DEFAULT - 1)))
		return 0;
	return parent->fd_shared ? 1 : -MODEL_EMFILE;
}

/* V-30's decided EMFILE, at copy_files() (after sched_fork()). */
void model_fd_copy_check(const struct model_profile *prof, const struct model_task *parent,
			 const struct model_kargs *args, struct model_fail *fl)
{
	if (model_fd_copy_emfile(prof, parent, args) < 0)
		model_fail_set(fl, -MODEL_EMFILE, "V-30", MODEL_STEP_RES);
}

/*
 * Mirrors kernel/fork.c:copy_process() (v7.2.13; __pidfd_prepare() ->
 * get_unused_fd_flags(O_CLOEXEC); 6.1.176 and 5.10.223 get_unused_fd_flags(
 * O_RDWR | O_CLOEXEC)) -> fs/file.c:alloc_fd(0, rlimit(RLIMIT_NOFILE)): the
 * lowest fd clear in current->files' open_fds; `if (fd >= end) error =
 * -EMFILE;` then expand_files(), which fails with -EMFILE for fd >=
 * fs.nr_open (V-41).  current->files is the caller's table (the child's
 * copy was made before).  Decided (MODEL_IN_FDS, MODEL_IN_PROC) when no
 * other task shares the table (files->count == 1): the lowest free fd
 * fd_free against RLIMIT_NOFILE, and, when it lies past max_fds, against
 * nr_open (as the caller entered, MODEL_SYS_NR_OPEN, else the profile's).
 * Returns -EMFILE (decided), 1 (may fail: a shared
 * table, nr_open or the state unknown) or 0 (cannot fail).
 * Not modelled: ENFILE (the system's file count races), ENOMEM, EFAULT from
 * the put_user() of the number (alternatives).
 */
static int model_pidfd_emfile(const struct model_profile *prof,
			      const struct model_task *parent)
{
	if (!(parent->valid & MODEL_IN_FDS) || !(parent->valid & MODEL_IN_PROC) ||
	    parent->fd_shared)
		return 1;
	if (parent->fd_free >= parent->rlim_nofile)
		return -MODEL_EMFILE;
	if (parent->fd_free < parent->fd_max)
		return 0;
	if (!model_nr_open(prof, parent))
		return 1;
	return parent->fd_free >= model_nr_open(prof, parent) ? -MODEL_EMFILE : 0;
}

/*
 * Mirrors kernel/cgroup/cgroup.c:cgroup_css_set_fork() (v6.18; v7.2.13,
 * v6.12.117, v6.1.176 alike), from cgroup_can_fork(): with
 * CLONE_INTO_CGROUP, `CLASS(fd_raw, f)(kargs->cgroup); if (fd_empty(f))
 * ret = -EBADF;`, then cgroup_get_from_file(): css_tryget_online_from_dir()
 * gives EBADF for a file that is no cgroup directory and ENOENT for a
 * cgroup removed (kn->priv cleared, or its css ref killed), and
 * `!cgroup_on_dfl(cgrp)` EBADF for a v1 one (V-42).  Decided from
 * cg_target, which BPF read at syscall entry (MODEL_CGT_*).
 * Not modelled: the fd closed or the cgroup removed by another thread
 * between the entry and the clone's cgroup step (a race: the same errnos
 * stay allowed), cgroup_may_write() and the common ancestor's permission
 * (EACCES), nsdelegate's ENOENT, cgroup_migrate_vet_dst()'s EOPNOTSUPP
 * and EBUSY, and the domain test with CLONE_THREAD (EOPNOTSUPP): their
 * inputs are not read.
 */
void model_cgroup_target_check(const struct model_task *parent,
			       const struct model_kargs *args, struct model_fail *fl)
{
	const uint64_t cg = parent->cg_target;

	if (!(args->flags & MODEL_CLONE_INTO_CGROUP) || !(cg & MODEL_CGT_READ))
		return;
	if (!(cg & MODEL_CGT_FILE) || !(cg & MODEL_CGT_CGDIR))
		model_fail_set(fl, -MODEL_EBADF, "V-42", MODEL_STEP_CGROUP);
	else if (!(cg & MODEL_CGT_LIVE))
		model_fail_set(fl, -MODEL_ENOENT, "V-42", MODEL_STEP_CGROUP);
	else if (!(cg & MODEL_CGT_DFL))
		model_fail_set(fl, -MODEL_EBADF, "V-42", MODEL_STEP_CGROUP);
}

/* V-41's decided EMFILE (CLONE_PIDFD), at its step. */
void model_pidfd_check(const struct model_profile *prof, const struct model_task *parent,
		       const struct model_kargs *args, struct model_fail *fl)
{
	if ((args->flags & MODEL_CLONE_PIDFD) && model_pidfd_emfile(prof, parent) < 0)
		model_fail_set(fl, -MODEL_EMFILE, "V-41", MODEL_STEP_PIDFD);
}

/*
 * The pid_max alloc_pid() gives the child's innermost level, its caller's
 * pid_ns_for_children (no NEWPID): from 6.14 that ns's own (MODEL_IN_PROC:
 * pid_ns_children_pid_max, 0 when not read), before it the global one
 * (the profile's).  0: not known.
 */
static int64_t model_children_pid_max(const struct model_profile *prof,
				      const struct model_task *parent)
{
	if (model_version_ge(prof, 6, 14))
		return (parent->valid & MODEL_IN_PROC) ? parent->pid_ns_children_pid_max : 0;
	return prof->pid_max;
}

/*
 * Mirrors kernel/pid.c:alloc_pid() (v7.2.13, v6.12.117, v6.1.176,
 * v5.10.223): the innermost level is allocated first, `nr =
 * idr_alloc_cyclic(&tmp->idr, NULL, pid_min, pid_max, GFP_ATOMIC)`, pid_min
 * 1 or, once the cursor passed RESERVED_PIDS, RESERVED_PIDS; -ENOSPC
 * (every number of [pid_min, pid_max) in use) is returned as -EAGAIN
 * (V-39).  pid_allocated (less PIDNS_ADDING) counts the struct pids of the
 * ns, one number each.  Decided without NEWPID and set_tid (the child's
 * innermost level is the caller's pid_ns_for_children, read at entry,
 * MODEL_IN_PROC and MODEL_IN_NS): when that count >= pid_max - 1, every
 * number of [1, pid_max) is in use, whatever pid_min is.
 * Not modelled: a pid of the ns freed between entry and the allocation (a
 * task reaped: the decided EAGAIN would not come); pid_max lowered below a
 * number still in use (the count then holds numbers outside [1, pid_max)).
 */
static void model_pid_space_check(const struct model_profile *prof,
				  const struct model_task *parent,
				  const struct model_kargs *args, struct model_fail *fl)
{
	const int64_t max = model_children_pid_max(prof, parent);

	if ((args->flags & MODEL_CLONE_NEWPID) || args->set_tid_size ||
	    !(parent->valid & MODEL_IN_PROC) || !(parent->valid & MODEL_IN_NS) ||
	    !parent->pid_ns_for_children || max < 2)
		return;
	if ((int64_t)(parent->pid_ns_children_allocated & ~MODEL_PIDNS_ADDING) >= max - 1)
		model_fail_set(fl, -MODEL_EAGAIN, "V-39", MODEL_STEP_PID);
}

/*
 * Mirrors kernel/pid.c:alloc_pid() (v6.12.117, v6.1.176, v5.10.223: `if
 * (!(ns->pid_allocated & PIDNS_ADDING)) goto out_unlock;` with retval
 * -ENOMEM, after every level is allocated; v7.2.13 tests every level's ns
 * the same way): a pid ns whose init has exited (zap_pid_namespace() ->
 * disable_pid_allocation() clears PIDNS_ADDING for good) refuses new pids
 * (V-40).  Decided without NEWPID (MODEL_IN_PROC and MODEL_IN_NS): the
 * child's ns is the caller's pid_ns_for_children, whose pid_allocated BPF
 * read at entry; the bit never comes back, so a cleared bit decides
 * -ENOMEM, after the pid space (V-39: decided for the innermost level,
 * model_pid_space_check(); an alternative for the others) of the levels
 * allocated before the test.
 * Not modelled: a ns dying during the clone (V-46's race: ENOMEM stays an
 * allocation alternative, V-21); with NEWPID, 7.2's test of the outer levels.
 */
void model_pid_ns_state_check(const struct model_profile *prof,
			      const struct model_task *parent,
			      const struct model_kargs *args, struct model_fail *fl)
{
	model_pid_space_check(prof, parent, args, fl);
	if (fl->err)
		return;
	if ((args->flags & MODEL_CLONE_NEWPID) || !(parent->valid & MODEL_IN_PROC) ||
	    !(parent->valid & MODEL_IN_NS) || !parent->pid_ns_for_children ||
	    (parent->pid_ns_children_allocated & MODEL_PIDNS_ADDING))
		return;
	if (model_pid_space_may_fill(prof, parent))
		model_fail_alt(fl, -MODEL_EAGAIN, "V-39");
	model_fail_set(fl, -MODEL_ENOMEM, "V-40", MODEL_STEP_PID);
}

/*
 * Does the pid namespace at set_tid index @i (0 = the child's own) have a
 * child_reaper?  1 yes, 0 no, -1 unknown.  The child's ns is brand new
 * with NEWPID; the parent's pid_ns_for_children (index 0, or 1 with
 * NEWPID) has one iff MODEL_IN_PID_REAPER says so (none after
 * unshare(CLONE_NEWPID) until its first child); its ancestors hold the
 * parent and its init.
 */
static int model_pid_ns_reaper(const struct model_task *parent, bool newpid,
			       uint64_t i)
{
	if (newpid && i == 0)
		return 0;
	if (i != (newpid ? 1u : 0u))
		return 1;
	if (!(parent->valid & MODEL_IN_PID_REAPER))
		return -1;
	return parent->pid_ns_children_reaper != 0;
}

/* The reaper test of one level: decided EINVAL, or an EINVAL alternative. */
static bool model_pid_reaper_fails(const struct model_task *parent, bool newpid,
				   uint64_t i, int32_t tid, struct model_fail *fl)
{
	int reaper = model_pid_ns_reaper(parent, newpid, i);

	if (tid == 1 || reaper == 1)
		return false;
	if (reaper < 0) {
		model_fail_alt(fl, -MODEL_EINVAL, "V-38");
		return false;
	}
	model_fail_set(fl, -MODEL_EINVAL, "V-38", MODEL_STEP_PID);
	return true;
}

/*
 * Mirrors kernel/pid.c:alloc_pid() -> checkpoint_restore_ns_capable(
 * tmp->user_ns) (ns_capable() for CAP_SYS_ADMIN, then for
 * CAP_CHECKPOINT_RESTORE) and security/commoncap.c:cap_capable() (v7.2.13,
 * v6.1.176, v5.10.223) for the pid ns at set_tid index @i: with NEWPID,
 * index 0 is the new ns, owned by the child's user ns (copy_namespaces()
 * passes the child's cred's): a new user ns with NEWUSER, whose parent is
 * the caller's and whose owner its euid (capable: cap_capable()'s owner
 * rule), else the caller's own; the others are the caller's
 * pid_ns_for_children and its ancestors, whose owner BPF compared with the
 * caller's user ns at entry (pid_ns_owner_rel, 2 bits each, clone3 only):
 * the same ns -> the effective set decides; not below it -> never capable.
 * 1 capable, 0 not (EPERM), -1 unknown.
 * Not modelled: an owner below the caller's user ns (needs its ancestry),
 * LSM denials.
 */
static int model_set_tid_capable(const struct model_task *parent, uint64_t f, uint64_t i)
{
	const uint64_t caps = (1ULL << MODEL_CAP_SYS_ADMIN) |
			      (1ULL << MODEL_CAP_CHECKPOINT_RESTORE);
	const bool newpid = f & MODEL_CLONE_NEWPID;
	uint32_t rel;

	if (!(parent->valid & MODEL_IN_CRED))
		return -1;
	if (newpid && i == 0) {
		if (f & MODEL_CLONE_NEWUSER)
			return 1;
		return (parent->cap_effective & caps) != 0;
	}
	if (newpid)
		i--;
	if (!(parent->valid & MODEL_IN_PROC) || i >= 16)
		return -1;
	rel = (parent->pid_ns_owner_rel >> (2 * i)) & 3;
	if (rel == 1)
		return (parent->cap_effective & caps) != 0;
	if (rel == 2)
		return 0;
	return -1;
}

/*
 * Mirrors kernel/pid.c:alloc_pid() (v6.12.117, v6.1.176, v5.10.223 and
 * v7.2.13): struct pid *alloc_pid(struct pid_namespace *ns, pid_t *set_tid,
 * size_t set_tid_size).
 * Modelled: V-37 set_tid_size > ns->level + 1 (MODEL_IN_NS); V-38 per
 * level, innermost first: tid < 1 or tid >= that ns's pid_max (the init
 * ns's when MODEL_IN_PID_MAX, global before 6.14; a new 6.14+ pid ns has
 * PID_MAX_LIMIT, errata X-8; PID_MAX_LIMIT bounds every ns) -> EINVAL;
 * tid != 1 in a pid ns without a child_reaper -> EINVAL, for any such ns
 * (a new one with NEWPID, or the parent's pid_ns_for_children after
 * unshare(CLONE_NEWPID): MODEL_IN_PID_REAPER; unknown: an EINVAL
 * alternative); no capability in the level's owner user ns -> EPERM
 * (model_set_tid_capable(); unknown: an alternative); a used number
 * (EEXIST: idr_alloc()'s -ENOSPC for a set_tid level) stays an
 * alternative.  Set_tid values not read: EINVAL, EPERM, EEXIST are
 * alternatives.  The order differs: up to 6.18
 * (6.12.117: `if (tid != 1 && !tmp->child_reaper)` right after the range)
 * each level does range, reaper, capability, allocation in turn; 7.2.13
 * checks range and capability for every level first, then allocates level
 * by level and tests the reaper after each allocation (`if
 * (!READ_ONCE(tmp->child_reaper) && nr != 1)`), so EPERM and inner EEXISTs
 * may precede a reaper EINVAL (between 6.19 and 7.2 [unv: version]:
 * model_alloc_pid_check() allows either order there).
 * From 6.14 the caller's pid_ns_for_children's own pid_max is read at entry
 * (MODEL_IN_PROC: pid_ns_children_pid_max, model_children_pid_max()).
 * A level whose pid_max is not read (no MODEL_IN_PID_MAX; from 6.14 an
 * existing ns above that one, whose own pid_max may have been lowered)
 * allows EINVAL for a tid above RESERVED_PIDS, the lowest pid_max
 * (pid_max_min - 1).
 * Not modelled: pid_max of a nested existing ns, the owner ns's
 * capabilities, which numbers are in use.
 */
static void model_alloc_pid_order(const struct model_profile *prof,
				  const struct model_task *parent,
				  const struct model_syscall *sc,
				  const struct model_kargs *args, bool alloc_then_reaper,
				  struct model_fail *fl)
{
	const bool newpid = args->flags & MODEL_CLONE_NEWPID;
	const bool per_ns = model_version_ge(prof, 6, 14);
	int64_t level = -1;
	uint64_t i, n;
	int cap;

	if (args->set_tid_size == 0)
		return;
	if (parent->valid & MODEL_IN_NS) {
		level = (int64_t)parent->pid_ns_children_level + (newpid ? 1 : 0);
		if (args->set_tid_size > (uint64_t)level + 1) {
			model_fail_set(fl, -MODEL_EINVAL, "V-37", MODEL_STEP_PID);
			return;
		}
	} else {
		model_fail_alt(fl, -MODEL_EINVAL, "V-37");
	}
	if (!sc->set_tid_known || sc->entry != MODEL_ENTRY_CLONE3) {
		model_fail_alt(fl, -MODEL_EINVAL, "V-38");
		model_fail_alt(fl, -MODEL_EPERM, "V-38");
		model_fail_alt(fl, -MODEL_EEXIST, "V-38");
		return;
	}
	n = args->set_tid_size < MODEL_MAX_PID_NS_LEVEL ? args->set_tid_size :
	    MODEL_MAX_PID_NS_LEVEL;
	for (i = 0; i < n; i++) {
		int32_t tid = sc->set_tid_vals[i];
		int64_t max = MODEL_PID_MAX_LIMIT;
		bool at_init = level >= 0 && (uint64_t)level == i;

		const bool have_max = (parent->valid & MODEL_IN_PID_MAX) && parent->pid_max;
		/* 6.14+: the caller's pid_ns_for_children's own, read at entry */
		const int64_t own = per_ns && i == (newpid ? 1u : 0u) ?
				    model_children_pid_max(prof, parent) : 0;
		/* the level's pid_max is read (its own, the init ns's), or a new ns's */
		const bool known = own ? true :
				   per_ns ? (at_init ? have_max : newpid && i == 0) : have_max;

		if (own)
			max = own;
		else if (have_max && (!per_ns || at_init))
			max = parent->pid_max;
		if (tid < 1 || tid >= max) {
			model_fail_set(fl, -MODEL_EINVAL, "V-38", MODEL_STEP_PID);
			return;
		}
		/*
		 * A pid_max not read (no snapshot; from 6.14 an existing nested ns's
		 * own, which root may lower) is at least pid_max_min = RESERVED_PIDS
		 * + 1 (kernel/pid.c): a tid above RESERVED_PIDS may be >= it.
		 */
		if (!known && tid > MODEL_RESERVED_PIDS)
			model_fail_alt(fl, -MODEL_EINVAL, "V-38");
		if (!alloc_then_reaper &&
		    model_pid_reaper_fails(parent, newpid, i, tid, fl))
			return;
		cap = model_set_tid_capable(parent, args->flags, i);
		if (cap == 0) {
			model_fail_set(fl, -MODEL_EPERM, "V-38", MODEL_STEP_PID);
			return;
		}
		if (cap < 0)
			model_fail_alt(fl, -MODEL_EPERM, "V-38");
		if (!alloc_then_reaper)
			model_fail_alt(fl, -MODEL_EEXIST, "V-38");
	}
	for (i = 0; alloc_then_reaper && i < n; i++) {
		model_fail_alt(fl, -MODEL_EEXIST, "V-38");
		if (model_pid_reaper_fails(parent, newpid, i, sc->set_tid_vals[i], fl))
			return;
	}
}

/*
 * The order alloc_pid() has: per level up to 6.18 (v6.18.35), all levels'
 * range and capability first in 7.2.13.  Between them the version is not
 * pinned: Debian ships no 6.19 source, and the mainline commit is not in
 * a tree here.  So on 6.19 .. 7.1 the old order decides and the failure
 * the new order would give first is allowed, its cause named: this
 * kernel's alloc_pid() order (docs/model-notes.md).
 */
void model_alloc_pid_check(const struct model_profile *prof,
			   const struct model_task *parent,
			   const struct model_syscall *sc,
			   const struct model_kargs *args, struct model_fail *fl)
{
	struct model_fail other;

	if (!model_version_ge(prof, 6, 19) || model_version_ge(prof, 7, 2)) {
		model_alloc_pid_order(prof, parent, sc, args, model_version_ge(prof, 7, 2), fl);
		return;
	}
	other = *fl;
	model_alloc_pid_order(prof, parent, sc, args, false, fl);
	model_alloc_pid_order(prof, parent, sc, args, true, &other);
	for (size_t i = 0; i < other.n_pre; i++)
		model_fail_alt(fl, other.pre[i].err, other.pre[i].rule);
	if (other.err && other.err != fl->err)
		model_fail_alt(fl, other.err, other.rule);
}

/*
 * Mirrors kernel/fork.c:copy_process() (v7.2.13), the failures the parent
 * snapshot and the arguments cannot decide, in copy_process()'s order, for
 * every step before @upto.  An errno is allowed only with the rule naming
 * the cause the snapshot cannot see (one entry per errno: the first such
 * rule), and only where the snapshot leaves that cause possible.
 * Modelled: V-20 ERESTARTNOINTR (a signal may arrive); V-21 ENOMEM (an
 * allocation; also V-26, V-29, V-32, V-33, V-35, V-40, V-45, V-46); V-22
 * EPERM/ENOSPC with NEWUSER (limits, chroot, mappings, LSM; none of them
 * at a parent user-ns level > 32: kernel/user_namespace.c:create_user_ns()
 * (v5.10.262, v6.1.192, v7.2.13) tests the depth first); EAGAIN from
 * V-23 (model_nproc_refuses()), V-24 (model_threads_max_refuses()),
 * V-31 (model_fs_may_be_in_exec()), V-39 (model_pid_space_may_fill()),
 * V-43 (model_pids_refuses()); V-30 EMFILE without CLONE_FILES
 * (model_fd_copy_emfile()); V-34 EPERM (unless decided from
 * capabilities), ENOSPC, EINVAL with NEWPID (unless
 * model_pid_ns_owner_may_refuse() rules the owner test out); V-36 EPERM for a TLS the
 * paging mode may refuse; V-41 EMFILE (model_pidfd_emfile()), ENFILE,
 * EFAULT with PIDFD; V-42 EBADF, ENOENT, EACCES, EOPNOTSUPP, EBUSY with
 * INTO_CGROUP; V-47 EINTR.  set_tid's EINVAL, EPERM and EEXIST come from
 * model_alloc_pid_check().
 * V-22, V-23 and V-24 are marked as acting before sched_fork()
 * (model_alt_add_early()): kernel/fork.c:copy_process() (v5.10.262,
 * v6.1.192, v6.12.118, v6.18, v7.2.13) calls copy_creds(), tests
 * RLIMIT_NPROC and `nr_threads >= max_threads` before `retval =
 * sched_fork(clone_flags, p)`, so a clone seen leaving sched_fork() cannot
 * have failed there (the differ, src/diff.c).
 * Not modelled: LSM errnos (V-28, V-22's userns_create hook), sched_ext
 * init_task errnos (V-44), x86 32-bit set_thread_area (V-36).
 */
void model_copy_process_alts(const struct model_profile *prof,
			     const struct model_task *parent,
			     const struct model_kargs *args, enum model_step upto,
			     struct model_pred *out)
{
	const uint64_t f = args->flags;
	const bool cred = parent->valid & MODEL_IN_CRED;

	if (upto > MODEL_STEP_GATE)
		model_alt_add(out, -MODEL_ERESTARTNOINTR, "V-20");
	if (upto > MODEL_STEP_DUP)
		model_alt_add(out, -MODEL_ENOMEM, "V-21");
	/* the user-ns limits and hooks come after the depth test (decided) */
	if (upto > MODEL_STEP_CREDS && (f & MODEL_CLONE_NEWUSER) &&
	    !(cred && parent->user_ns_level > 32)) {
		model_alt_add_early(out, -MODEL_EPERM, "V-22");
		model_alt_add_early(out, -MODEL_ENOSPC, "V-22");
	}
	if (upto > MODEL_STEP_NPROC && model_nproc_refuses(prof, parent, f) > 0)
		model_alt_add_early(out, -MODEL_EAGAIN, "V-23");
	if (upto > MODEL_STEP_NPROC && model_threads_max_refuses(prof, parent) > 0)
		model_alt_add_early(out, -MODEL_EAGAIN, "V-24");
	if (upto > MODEL_STEP_RES && model_fd_copy_emfile(prof, parent, args) > 0)
		model_alt_add(out, -MODEL_EMFILE, "V-30");
	if (upto > MODEL_STEP_RES && model_fs_may_be_in_exec(parent, f))
		model_alt_add(out, -MODEL_EAGAIN, "V-31");
	if (upto > MODEL_STEP_NS && (f & MODEL_CLONE_NEWNS_ANY)) {
		/* Decided EPERM never reaches here; NEWUSER: LSM only. */
		if (!cred || (f & MODEL_CLONE_NEWUSER) || model_has_sys_admin(parent))
			model_alt_add(out, -MODEL_EPERM, "V-34");
		model_alt_add(out, -MODEL_ENOSPC, "V-34");
		if ((f & MODEL_CLONE_NEWPID) && model_pid_ns_owner_may_refuse(parent))
			model_alt_add(out, -MODEL_EINVAL, "V-34");
	}
	if (upto > MODEL_STEP_THREAD && prof->arch == MODEL_ARCH_X86_64 &&
	    !args->has_fn && (f & MODEL_CLONE_SETTLS) && !prof->task_size_max &&
	    args->tls >= MODEL_X86_TASK_SIZE_MAX_4L)
		model_alt_add(out, -MODEL_EPERM, "V-36");
	if (upto > MODEL_STEP_PID && model_pid_space_may_fill(prof, parent))
		model_alt_add(out, -MODEL_EAGAIN, "V-39");
	if (upto > MODEL_STEP_PIDFD && (f & MODEL_CLONE_PIDFD)) {
		if (model_pidfd_emfile(prof, parent) > 0)
			model_alt_add(out, -MODEL_EMFILE, "V-41");
		model_alt_add(out, -MODEL_ENFILE, "V-41");
		model_alt_add(out, -MODEL_EFAULT, "V-41");
	}
	if (upto > MODEL_STEP_CGROUP && (f & MODEL_CLONE_INTO_CGROUP)) {
		/* the fd's target read (model_cgroup_target_check()): decided */
		if (!(parent->cg_target & MODEL_CGT_READ))
			model_alt_add(out, -MODEL_EBADF, "V-42");
		model_alt_add(out, -MODEL_ENOENT, "V-42");
		model_alt_add(out, -MODEL_EACCES, "V-42");
		model_alt_add(out, -MODEL_EOPNOTSUPP, "V-42");
		model_alt_add(out, -MODEL_EBUSY, "V-42");
	}
	if (upto > MODEL_STEP_CGROUP && model_pids_refuses(parent, f) > 0)
		model_alt_add(out, -MODEL_EAGAIN, "V-43");
	if (upto > MODEL_STEP_FINAL)
		model_alt_add(out, -MODEL_EINTR, "V-47");
}

/*
 * Mirrors kernel/fork.c:kernel_clone() (v7.2.13), the ptrace event it
 * passes to copy_process() as @trace: 0 with CLONE_UNTRACED, else
 * VFORK, CLONE (exit signal != SIGCHLD) or FORK, kept only if the caller's
 * tracer enabled it (ptrace_event_enabled(): current->ptrace &
 * PT_EVENT_FLAG(event)).  create_io_thread() and vhost_task_create() call
 * copy_process() with 0 (model_kernel_clone() does not ask).
 * Not modelled: nothing (needs MODEL_IN_PTRACE, else 0).
 */
int model_ptrace_event(const struct model_task *parent,
		       const struct model_kargs *args)
{
	int trace;

	if ((args->flags & MODEL_CLONE_UNTRACED) ||
	    !(parent->valid & MODEL_IN_PTRACE))
		return 0;
	if (args->flags & MODEL_CLONE_VFORK)
		trace = MODEL_PTRACE_EVENT_VFORK;
	else if (args->exit_signal != MODEL_SIGCHLD)
		trace = MODEL_PTRACE_EVENT_CLONE;
	else
		trace = MODEL_PTRACE_EVENT_FORK;
	return (parent->ptrace & MODEL_PT_EVENT_FLAG(trace)) ? trace : 0;
}

/*
 * Mirrors kernel/fork.c:copy_oom_score_adj() (v7.2.13, v6.12.117, v6.1.176,
 * v5.10.223), called by copy_process() after trace_task_newtask(): `if
 * ((clone_flags & (CLONE_VM | CLONE_THREAD | CLONE_VFORK)) != CLONE_VM)
 * return;` ... set_bit(MMF_MULTIPROCESS, &tsk->mm->flags) (v7.2:
 * mm_flags_set()).  Modelled (R-07, MODEL_IN_MMF), at sched_process_fork:
 * the bit is set for a CLONE_VM child that is neither a thread nor a vfork
 * child; a child with a new mm (dup_mm(): only MMF_INIT_MASK bits are
 * inherited) has it clear; a thread or vfork child shares the caller's mm,
 * whose bit it shows as the caller's snapshot had it.  Its number: 27 on
 * 5.10, 26 from 6.1 on (the kernels between: not decided).
 * Not modelled: the oom_score_adj copy it also makes (the same values R-13
 * checks), a kernel child (no mm), another task setting the shared mm's
 * bit meanwhile.
 */
static void model_copy_oom_score_adj(const struct model_profile *prof,
				     const struct model_task *parent,
				     const struct model_kargs *args, struct model_pred *out)
{
	const uint64_t f = args->flags;
	int bit;

	if (prof->major == 5 && prof->minor == 10)
		bit = MODEL_MMF_MULTIPROCESS_5_10;
	else if (model_version_ge(prof, 6, 1))
		bit = MODEL_MMF_MULTIPROCESS;
	else
		return;
	if (!parent->mm || args->has_fn)
		return;
	if ((f & (MODEL_CLONE_VM | MODEL_CLONE_THREAD | MODEL_CLONE_VFORK)) == MODEL_CLONE_VM)
		model_expect_add(out, "R-07", MODEL_STAGE_FORK, MODEL_FIELD_MM_FLAGS,
				 MODEL_OP_BITS_SET, 1LL << bit);
	else if (!(f & MODEL_CLONE_VM))
		model_expect_add(out, "R-07", MODEL_STAGE_FORK, MODEL_FIELD_MM_FLAGS,
				 MODEL_OP_BITS_CLEAR, 1LL << bit);
	else if (parent->valid & MODEL_IN_MMF)
		model_expect_add(out, "R-07", MODEL_STAGE_FORK, MODEL_FIELD_MM_FLAGS,
				 (parent->mm_flags >> bit) & 1 ? MODEL_OP_BITS_SET :
				 MODEL_OP_BITS_CLEAR, 1LL << bit);
}

static void model_kernel_creator_flags(const struct model_profile *prof,
				       const struct model_kargs *args, struct model_pred *out);

/*
 * Mirrors kernel/fork.c:copy_process() (v7.2.13; 6.1.176 and 5.10.223
 * where noted), the fields of the child the R- rules fix, as seen at
 * task_newtask (end of copy_process()).
 * Modelled: mm (copy_mm), R-08 files (copy_files, no_files),
 * R-09 fs (copy_fs), R-12 sighand (copy_sighand), R-13 signal
 * (copy_signal), R-24 tgid, R-25 real_parent and exit_signal, R-41
 * task->flags (incl. the kernel creators' KTHREAD/IO_WORKER/USER_WORKER),
 * R-42 nr_cpus_allowed and cpus_mask; no_new_privs; 7.1+ R-46
 * signal->autoreap and R-47 the pidfd's PIDFD_AUTOKILL; R-07
 * (model_copy_oom_score_adj()).
 * Not modelled here: the rest of the child (copy.c, thread.c, sched.c);
 * CLONE_INTO_CGROUP's cpuset masks (R-42 is then skipped).
 */
void model_copy_process(const struct model_profile *prof,
			const struct model_task *parent,
			const struct model_kargs *args, struct model_pred *out)
{
	const uint64_t f = args->flags;
	const enum model_stage nt = MODEL_STAGE_NEWTASK;
	uint32_t pf_clear, pf_inherit, pf_set, pf_copied;

	/* a parent without mm (kernel thread) gives a child without. */
	if (parent->mm == 0)
		model_expect_add(out, "R-01", nt, MODEL_FIELD_MM, MODEL_OP_EQ, 0);
	else
		model_expect_add(out, "R-02", nt, MODEL_FIELD_MM,
				 (f & MODEL_CLONE_VM) ? MODEL_OP_EQ : MODEL_OP_NEW,
				 (int64_t)parent->mm);

	/* copy_files() keeps a NULL files as NULL; no_files (6.4+). */
	if (parent->files == 0 || args->no_files)
		model_expect_add(out, "R-08", nt, MODEL_FIELD_FILES,
				 MODEL_OP_EQ, 0);
	else
		model_expect_add(out, "R-08", nt, MODEL_FIELD_FILES,
				 (f & MODEL_CLONE_FILES) ? MODEL_OP_EQ : MODEL_OP_NEW,
				 (int64_t)parent->files);
	model_expect_add(out, "R-09", nt, MODEL_FIELD_FS,
			 (f & MODEL_CLONE_FS) ? MODEL_OP_EQ : MODEL_OP_NEW,
			 (int64_t)parent->fs);
	model_expect_add(out, "R-12", nt, MODEL_FIELD_SIGHAND,
			 (f & MODEL_CLONE_SIGHAND) ? MODEL_OP_EQ : MODEL_OP_NEW,
			 (int64_t)parent->sighand);
	model_expect_add(out, "R-13", nt, MODEL_FIELD_SIGNAL,
			 (f & MODEL_CLONE_THREAD) ? MODEL_OP_EQ : MODEL_OP_NEW,
			 (int64_t)parent->signal);

	/* tgid */
	if (f & MODEL_CLONE_THREAD)
		model_expect_add(out, "R-24", nt, MODEL_FIELD_TGID, MODEL_OP_EQ,
				 parent->tgid);
	else
		model_expect_add(out, "R-24", nt, MODEL_FIELD_TGID,
				 MODEL_OP_EQ_CHILD_PID, 0);

	/* real_parent and exit_signal, set under tasklist_lock. */
	if (f & (MODEL_CLONE_THREAD | MODEL_CLONE_PARENT))
		model_expect_add(out, "R-25", nt, MODEL_FIELD_REAL_PARENT_PID,
				 MODEL_OP_EQ, parent->real_parent_pid);
	else
		model_expect_add(out, "R-25", nt, MODEL_FIELD_REAL_PARENT_PID,
				 MODEL_OP_EQ, parent->pid);
	if (f & MODEL_CLONE_THREAD)
		model_expect_add(out, "R-25", nt, MODEL_FIELD_EXIT_SIGNAL,
				 MODEL_OP_EQ, -1);
	else if (f & MODEL_CLONE_PARENT)
		model_expect_add(out, "R-25", nt, MODEL_FIELD_EXIT_SIGNAL,
				 MODEL_OP_EQ, parent->group_exit_signal);
	else
		model_expect_add(out, "R-25", nt, MODEL_FIELD_EXIT_SIGNAL,
				 MODEL_OP_EQ, args->exit_signal);

	/*
	 * p->flags = current->flags at dup time, then (6.18)
	 * &= ~PF_KTHREAD, |= PF_KTHREAD iff args->kthread, |= PF_USER_WORKER
	 * iff args->user_worker, |= PF_IO_WORKER iff args->io_thread,
	 * &= ~(SUPERPRIV|WQ_WORKER|IDLE|NO_SETAFFINITY), |= FORKNOEXEC.
	 * IO_WORKER, USER_WORKER and NPROC_EXCEEDED are never cleared: they are
	 * inherited (NPROC_EXCEEDED is cleared in the parent only).  5.10
	 * neither clears KTHREAD nor NO_SETAFFINITY (inherited there).
	 */
	pf_set = MODEL_PF_FORKNOEXEC;
	pf_clear = MODEL_PF_SUPERPRIV | MODEL_PF_WQ_WORKER | MODEL_PF_IDLE;
	pf_inherit = MODEL_PF_IO_WORKER | MODEL_PF_USER_WORKER |
		     MODEL_PF_NPROC_EXCEEDED;
	if (model_version_ge(prof, 6, 1)) {
		pf_clear |= MODEL_PF_KTHREAD | MODEL_PF_NO_SETAFFINITY;
		if (args->kthread) {
			pf_clear &= ~MODEL_PF_KTHREAD;
			pf_set |= MODEL_PF_KTHREAD;
		}
	} else {
		pf_inherit |= MODEL_PF_KTHREAD | MODEL_PF_NO_SETAFFINITY;
	}
	if (args->io_thread)
		pf_set |= MODEL_PF_IO_WORKER;
	if (args->user_worker)
		pf_set |= MODEL_PF_USER_WORKER;
	/* a creator read after the copy: copy_process() cleared its NPROC_EXCEEDED */
	if (args->creator_after_copy)
		pf_inherit &= ~MODEL_PF_NPROC_EXCEEDED;
	pf_set |= parent->flags & pf_inherit;
	pf_clear |= ~parent->flags & pf_inherit & ~pf_set;
	/*
	 * The rest is copied as it was: decided for the flags that cannot
	 * change in the parent between its snapshot and dup_task_struct(),
	 * and whose value is the same from 5.10 to 7.2 (include/linux/sched.h):
	 * SUPERPRIV (only ever set; cleared in the child above), NOFREEZE
	 * (a kernel thread's own, set_freezable() clears it from itself),
	 * RANDOMIZE (set by exec).  Not modelled: the flags a task sets or
	 * clears around its own work (MEMALLOC*, the freezer's, MCE policy).
	 */
	pf_copied = (MODEL_PF_SUPERPRIV | MODEL_PF_NOFREEZE | MODEL_PF_RANDOMIZE) &
		    ~pf_clear & ~pf_set;
	pf_set |= parent->flags & pf_copied;
	pf_clear |= ~parent->flags & pf_copied;
	model_expect_add(out, "R-41", nt, MODEL_FIELD_FLAGS, MODEL_OP_BITS_SET,
			 pf_set);
	model_expect_add(out, "R-41", nt, MODEL_FIELD_FLAGS,
			 MODEL_OP_BITS_CLEAR, pf_clear);
	model_kernel_creator_flags(prof, args, out);

	/*
	 * copy_seccomp() sets no_new_privs when current has it,
	 * then (7.1+) `if (clone_flags & CLONE_NNP) task_set_no_new_privs(p);`
	 * past the last failure point; the parent's is unchanged.
	 */
	if (parent->valid & MODEL_IN_NNP)
		model_expect_add(out, (f & MODEL_CLONE_NNP) ? "R-45" : "R-15", nt,
				 MODEL_FIELD_NO_NEW_PRIVS, MODEL_OP_EQ,
				 parent->no_new_privs || (f & MODEL_CLONE_NNP));
	/*
	 * R-46 (7.1+): a new signal_struct gets `p->signal->autoreap = 1` iff
	 * CLONE_AUTOREAP (under tasklist_lock); a thread shares its parent's.
	 */
	if (model_version_ge(prof, 7, 1)) {
		if (!(f & MODEL_CLONE_THREAD))
			model_expect_add(out, "R-46", nt, MODEL_FIELD_AUTOREAP, MODEL_OP_EQ,
					 (f & MODEL_CLONE_AUTOREAP) ? 1 : 0);
		else if (parent->valid & MODEL_IN_AUTOREAP)
			model_expect_add(out, "R-46", nt, MODEL_FIELD_AUTOREAP, MODEL_OP_EQ,
					 parent->autoreap);
	}
	/*
	 * R-47 (7.1+): pidfd_prepare(pid, flags, &pidfile) with `flags |=
	 * PIDFD_AUTOKILL` iff CLONE_PIDFD_AUTOKILL; the file is installed in
	 * the caller's table before task_newtask.
	 */
	if (model_version_ge(prof, 7, 1) && (f & MODEL_CLONE_PIDFD))
		model_expect_add(out, "R-47", nt, MODEL_FIELD_PIDFD_F_FLAGS,
				 (f & MODEL_CLONE_PIDFD_AUTOKILL) ? MODEL_OP_BITS_SET :
				 MODEL_OP_BITS_CLEAR, MODEL_PIDFD_AUTOKILL);

	model_copy_oom_score_adj(prof, parent, args, out);

	/* affinity copied by dup_task_struct(); cpuset_fork() keeps it. */
	if (!(f & MODEL_CLONE_INTO_CGROUP)) {
		model_expect_add(out, "R-42", nt, MODEL_FIELD_NR_CPUS_ALLOWED,
				 MODEL_OP_EQ, parent->nr_cpus_allowed);
		model_expect_add(out, "R-42", nt, MODEL_FIELD_CPUS_MASK,
				 MODEL_OP_EQ, (int64_t)parent->cpus_mask);
	}
}

/*
 * Mirrors kernel/fork.c:copy_process() (v7.2.13, v6.12.117, v6.1.176,
 * v5.10.223), the PF_ flags of a kernel creator's child as each version
 * gives them (E-05, E-06; R-41 checks the same word whole).
 * Modelled: E-05 a kthread has PF_KTHREAD (5.10 inherits it from kthreadd,
 * 6.1+ sets it iff args->kthread), PF_NO_SETAFFINITY cleared from 6.1 (5.10
 * inherits it), PF_USER_WORKER set for user workers (6.4+); E-06 an io
 * thread has PF_IO_WORKER (6.4+ with PF_USER_WORKER) and, from 6.1,
 * every signal but SIGKILL and SIGSTOP blocked.
 */
static void model_kernel_creator_flags(const struct model_profile *prof,
				       const struct model_kargs *args, struct model_pred *out)
{
	const enum model_stage nt = MODEL_STAGE_NEWTASK;
	uint32_t set = 0;

	if (!args->has_fn)
		return;
	if (args->kthread)
		set |= MODEL_PF_KTHREAD;
	if (args->user_worker && !args->io_thread)
		set |= MODEL_PF_USER_WORKER;
	if (set)
		model_expect_add(out, "E-05", nt, MODEL_FIELD_FLAGS, MODEL_OP_BITS_SET, set);
	if (model_version_ge(prof, 6, 1))
		model_expect_add(out, "E-05", nt, MODEL_FIELD_FLAGS, MODEL_OP_BITS_CLEAR,
				 MODEL_PF_NO_SETAFFINITY);
	if (!args->io_thread)
		return;
	model_expect_add(out, "E-06", nt, MODEL_FIELD_FLAGS, MODEL_OP_BITS_SET,
			 MODEL_PF_IO_WORKER | (args->user_worker ? MODEL_PF_USER_WORKER : 0));
	if (model_version_ge(prof, 6, 1))
		model_expect_add(out, "E-06", nt, MODEL_FIELD_BLOCKED, MODEL_OP_EQ,
				 (int64_t)~(MODEL_SIGMASK(MODEL_SIGKILL) |
					    MODEL_SIGMASK(MODEL_SIGSTOP)));
}

/*
 * Mirrors kernel/fork.c:copy_process() (v7.2.13): `const u64 clone_flags =
 * args->flags;` ... trace_task_newtask(p, clone_flags).  The flags
 * task_newtask reports are those the entry point built from the syscall's
 * arguments (V-01..V-04: the exit-signal byte split off for legacy clone,
 * VFORK|VM for vfork, 0 for fork), never changed on the way.  For a kernel
 * thread copy_process()'s arguments are kernel_thread()'s result, the
 * very flags task_newtask reports, so they predict nothing; what is known
 * is kernel_thread()'s own argument, from who calls it:
 * kernel/kthread.c:create_kthread() (v7.2.13, v6.12.117, v6.1.176,
 * v5.10.223) run by kthreadd (pid 2 of the init pid ns, a kernel thread)
 * calls kernel_thread(kthread, create, [name,] CLONE_FS | CLONE_FILES |
 * SIGCHLD) (model_creator_entry()), to which kernel/fork.c:kernel_thread()
 * adds CLONE_VM | CLONE_UNTRACED, splitting off the exit signal
 * (model_kernel_entry()): args is that.
 * Not modelled: kernel threads of other creators (init's at boot), io_uring
 * and vhost workers (their flags are fixed and already checked through the
 * resources they share).
 */
static void model_entry_flags(enum model_entry entry, const struct model_task *parent,
			      const struct model_kargs *args, struct model_pred *out)
{
	static const char *const rule[] = {
		[MODEL_ENTRY_FORK] = "V-01", [MODEL_ENTRY_VFORK] = "V-02",
		[MODEL_ENTRY_CLONE] = "V-03", [MODEL_ENTRY_CLONE3] = "V-04",
	};

	if (entry == MODEL_ENTRY_KTHREAD) {
		if (parent->pid != 2 || parent->ns_level != 0 ||
		    !(parent->flags & MODEL_PF_KTHREAD))
			return;
		model_expect_add(out, "R-28", MODEL_STAGE_NEWTASK, MODEL_FIELD_CLONE_FLAGS,
				 MODEL_OP_EQ, (int64_t)args->flags);
		model_expect_add(out, "R-28", MODEL_STAGE_NEWTASK, MODEL_FIELD_EXIT_SIGNAL,
				 MODEL_OP_EQ, args->exit_signal);
		return;
	}
	if ((unsigned int)entry >= MODEL_ARRAY_SIZE(rule) || !rule[entry])
		return;
	model_expect_add(out, rule[entry], MODEL_STAGE_NEWTASK, MODEL_FIELD_CLONE_FLAGS,
			 MODEL_OP_EQ, (int64_t)args->flags);
}

/*
 * The child's pid number in the pid ns of the caller (pid_vnr() in
 * kernel_clone(), R-34, R-36): EQ_CHILD_PID from the init ns, else its
 * number that many levels above its own (MODEL_OP_EQ_CHILD_NR, 0..3 read).
 * -1: not observable (deeper, or the levels unknown).
 */
static int model_child_nr_index(const struct model_task *parent, uint64_t f)
{
	int64_t child_level;

	if (!(parent->valid & MODEL_IN_NS))
		return -1;
	child_level = (int64_t)parent->pid_ns_children_level + ((f & MODEL_CLONE_NEWPID) ? 1 : 0);
	if (child_level < parent->ns_level || child_level - parent->ns_level > 3)
		return -1;
	return (int)(child_level - parent->ns_level);
}

static void model_expect_child_nr(struct model_pred *out, const char *rule,
				  enum model_stage st, enum model_field field,
				  const struct model_task *parent, uint64_t f)
{
	int k;

	if (parent->ns_level == 0) {
		model_expect_add(out, rule, st, field, MODEL_OP_EQ_CHILD_PID, 0);
		return;
	}
	k = model_child_nr_index(parent, f);
	if (k >= 0)
		model_expect_add(out, rule, st, field, MODEL_OP_EQ_CHILD_NR, k);
}

/*
 * Mirrors kernel/pid.c:alloc_pid() (v7.2.13, v6.12.117, v6.1.176,
 * v5.10.223), the numbers the child gets, innermost level first (BPF reads
 * four: pid_nr0..3, MODEL_IN_PROC): R-33 set_tid[i] at level i exactly
 * (idr_alloc(tid, tid + 1)); R-21 a new pid ns (NEWPID) starts its idr at
 * 1, so the child is its pid 1; R-24 the init ns's number is task->pid.
 * Not modelled: the automatic numbers (R-32: bounds only).
 */
static void model_pid_numbers(const struct model_task *parent, const struct model_syscall *sc,
			      const struct model_kargs *args, struct model_pred *out)
{
	static const enum model_field nr[4] = {
		MODEL_FIELD_PID_NR0, MODEL_FIELD_PID_NR1, MODEL_FIELD_PID_NR2, MODEL_FIELD_PID_NR3,
	};
	const enum model_stage nt = MODEL_STAGE_NEWTASK;
	int64_t child_level;
	uint64_t i;

	if (!(parent->valid & MODEL_IN_NS))
		return;
	child_level = (int64_t)parent->pid_ns_children_level +
		      ((args->flags & MODEL_CLONE_NEWPID) ? 1 : 0);
	if (child_level <= 3)
		model_expect_add(out, "R-24", nt, nr[child_level], MODEL_OP_EQ_CHILD_PID, 0);
	if ((args->flags & MODEL_CLONE_NEWPID) &&
	    !(sc->set_tid_known && args->set_tid_size > 0 && sc->set_tid_vals[0] != 1))
		model_expect_add(out, "R-21", nt, nr[0], MODEL_OP_EQ, 1);
	if (!sc->set_tid_known || sc->entry != MODEL_ENTRY_CLONE3)
		return;
	for (i = 0; i < args->set_tid_size && i < 4; i++)
		model_expect_add(out, "R-33", nt, nr[i], MODEL_OP_EQ, sc->set_tid_vals[i]);
}

/*
 * Mirrors kernel/fork.c:copy_process() (v7.2.13; v6.12.117 __pidfd_prepare()
 * and pidfs_alloc_file(); v6.1.176 and v5.10.223 get_unused_fd_flags(O_RDWR
 * | O_CLOEXEC) and anon_inode_getfile("[pidfd]", ..., O_RDWR | O_CLOEXEC)):
 * the pidfd, seen at task_newtask, after fd_install(): the number
 * written to *args->pidfd is alloc_fd()'s, the lowest fd free in the
 * caller's table (fd_free at entry, when no other task shares the table);
 * its close-on-exec bit is set (O_CLOEXEC); the file is O_RDWR, with
 * PIDFD_THREAD (O_EXCL) iff CLONE_THREAD from 6.9 (E-11: before, THREAD is
 * refused); the child's table holds that number iff CLONE_FILES (the copy
 * was made before the fd was reserved; skipped for a shared table, whose
 * other users may close that number meanwhile).
 * Not modelled: which pid the file refers to (6.1 private_data, pidfs
 * inode).
 */
static void model_pidfd(const struct model_profile *prof, const struct model_task *parent,
			const struct model_kargs *args, struct model_pred *out)
{
	const enum model_stage nt = MODEL_STAGE_NEWTASK;
	const uint64_t f = args->flags;
	const bool unshared = (parent->valid & MODEL_IN_FDS) && !parent->fd_shared;

	if (!(f & MODEL_CLONE_PIDFD))
		return;
	if (unshared)
		model_expect_add(out, "R-39", nt, MODEL_FIELD_PIDFD_NR, MODEL_OP_EQ,
				 parent->fd_free);
	model_expect_add(out, "R-39", nt, MODEL_FIELD_PIDFD_CLOEXEC, MODEL_OP_EQ, 1);
	model_expect_add(out, "R-39", nt, MODEL_FIELD_PIDFD_F_FLAGS, MODEL_OP_BITS_SET,
			 MODEL_O_RDWR);
	model_expect_add(out, "R-39", nt, MODEL_FIELD_PIDFD_F_FLAGS, MODEL_OP_BITS_CLEAR,
			 MODEL_O_WRONLY);
	model_expect_add(out, "R-39", nt, MODEL_FIELD_PIDFD_F_FLAGS,
			 (model_version_ge(prof, 6, 9) && (f & MODEL_CLONE_THREAD)) ?
			 MODEL_OP_BITS_SET : MODEL_OP_BITS_CLEAR, MODEL_PIDFD_THREAD);
	if (unshared || (f & MODEL_CLONE_FILES))
		model_expect_add(out, "R-39", nt, MODEL_FIELD_PIDFD_IN_CHILD, MODEL_OP_EQ,
				 (f & MODEL_CLONE_FILES) ? 1 : 0);
}

/*
 * Mirrors kernel/fork.c:kernel_clone() (v7.2.13) between copy_process() and
 * wake_up_new_task(): trace_sched_process_fork(), the PARENT_SETTID store,
 * vfork_done, lru_gen_add_mm() -- none touches the child's mm, files, fs,
 * sighand, signal or tgid, and the child has not run yet.  So every
 * expectation on those fields at task_newtask holds at sched_process_fork
 * and sched_wakeup_new too, under the same rule.
 * Not modelled: real_parent, exit_signal, policy, prios and the cpu mask,
 * which another task may change in the meantime (reparenting on its
 * parent's exit, sched_setscheduler, sched_setaffinity).
 */
static void model_stable_fields(struct model_pred *out)
{
	const size_t n = out->n_expect;

	for (size_t i = 0; i < n; i++) {
		const struct model_expect e = out->expect[i];

		if (e.stage != MODEL_STAGE_NEWTASK)
			continue;
		/* a switch, not a loop over a table (callgrind: the loop was
		 * 6% of an offline check) */
		switch (e.field) {
		case MODEL_FIELD_MM:
		case MODEL_FIELD_FILES:
		case MODEL_FIELD_FS:
		case MODEL_FIELD_SIGHAND:
		case MODEL_FIELD_SIGNAL:
		case MODEL_FIELD_TGID:
			model_expect_add(out, e.rule, MODEL_STAGE_FORK, e.field, e.op, e.value);
			model_expect_add(out, e.rule, MODEL_STAGE_WAKEUP, e.field, e.op, e.value);
			break;
		default:
			break;
		}
	}
}

/*
 * Mirrors kernel/fork.c:kernel_clone() and copy_process() (v7.2.13): the order
 * of the observation points of one successful clone (catalogue D.1).
 * Modelled: in the creating thread, syscall entry -> task_newtask (end of
 * copy_process) -> sched_process_fork (kernel_clone, right after) ->
 * sched_wakeup_new (wake_up_new_task) -> syscall exit, one after the other;
 * the child's own syscall exit comes after its wake-up (it cannot run
 * before).  R-04: with CLONE_VFORK, kernel_clone() waits in
 * wait_for_vfork_done() until the child execs or exits, which is after its
 * first return to user space, so the parent's syscall exit comes after the
 * child's -- unless P is killed during that wait: wait_for_vfork_done()
 * (kernel/fork.c, v6.18.35; wait_for_completion_killable() in v5.10) waits
 * TASK_KILLABLE, do_wait_for_common() (kernel/sched/completion.c) ends it
 * with -ERESTARTSYS once signal_pending_state() sees SIGKILL in
 * P->pending.signal (__fatal_signal_pending(); complete_signal() in
 * kernel/signal.c adds it to every thread of a group being killed),
 * kernel_clone() returns the child's pid, and syscall_exit_work()
 * (kernel/entry/syscall-common.c: trace_sys_exit) runs before
 * exit_to_user_mode_prepare() acts on the signal.  The child may then
 * return after P's syscall exit: allowed when P's exit shows SIGKILL
 * pending (a cause the model cannot see: the differ looks for it).
 * Not modelled: the relative order of the parent's exit and the
 * child's first run without VFORK (not deterministic, D.1).
 */
static void model_kernel_clone_order(const struct model_profile *prof,
				     const struct model_kargs *args, bool kernel,
				     struct model_pred *out)
{
	const bool child_ret = prof->arch == MODEL_ARCH_X86_64;	/* */

	if (!kernel) {
		model_order_add(out, "D.1", MODEL_STAGE_SYS_ENTER, MODEL_STAGE_NEWTASK);
		model_order_add(out, "D.1", MODEL_STAGE_WAKEUP, MODEL_STAGE_SYS_EXIT);
	}
	if (!kernel || (out->stages_required & MODEL_STAGE_BIT(MODEL_STAGE_FORK))) {
		model_order_add(out, "D.1", MODEL_STAGE_NEWTASK, MODEL_STAGE_FORK);
		model_order_add(out, "D.1", MODEL_STAGE_FORK, MODEL_STAGE_WAKEUP);
	} else {
		model_order_add(out, "D.1", MODEL_STAGE_NEWTASK, MODEL_STAGE_WAKEUP);
	}
	if (kernel || !child_ret)
		return;
	model_order_add(out, "D.1", MODEL_STAGE_WAKEUP, MODEL_STAGE_CHILD_RET);
	if (args->flags & MODEL_CLONE_VFORK)
		model_order_add_unless(out, "R-04", MODEL_STAGE_CHILD_RET, MODEL_STAGE_SYS_EXIT,
				       MODEL_ORDER_UNLESS_PARENT_KILLED);
}

/* Do the 4-byte words at user addresses a and b overlap? */
static bool model_words_overlap(uint64_t a, uint64_t b)
{
	return (a > b ? a - b : b - a) < 4;
}

/*
 * Mirrors kernel/fork.c:copy_process() (`p->set_child_tid = (clone_flags &
 * CLONE_CHILD_SETTID) ? args->child_tid : NULL;`, no write), kernel_clone()
 * (writes only PARENT_SETTID's word and, in copy_process(), the pidfd's)
 * and kernel/sched/core.c:schedule_tail() (v5.10.223, v6.1.176, v6.12.117,
 * v7.2.13: `if (current->set_child_tid) put_user(task_pid_vnr(current),
 * current->set_child_tid);`, the child's first code after the switch):
 * the CHILD_SETTID word is written by the child when it first runs (O-07),
 * so at sched_wakeup_new, which the child cannot pass (its runqueue lock is
 * held across activate_task() and the tracepoint), it still holds what it
 * held at the syscall entry.  Decided with CLONE_VM, where the caller's
 * memory is the child's, from the word BPF read at entry (child_tid_word,
 * bit 32 set: read); not where the word overlaps the PARENT_SETTID or
 * pidfd word kernel_clone() writes first.  R-37 judges the write itself.
 * Not modelled: another thread of the caller writing the word meanwhile.
 */
static void model_child_tid_unwritten(const struct model_kargs *args,
				      const struct model_task *parent, struct model_pred *out)
{
	const uint64_t f = args->flags;

	if (!(f & MODEL_CLONE_VM) || !(f & MODEL_CLONE_CHILD_SETTID) ||
	    !(parent->child_tid_word >> 32) ||
	    ((f & MODEL_CLONE_PARENT_SETTID) &&
	     model_words_overlap(args->parent_tid, args->child_tid)) ||
	    ((f & MODEL_CLONE_PIDFD) && model_words_overlap(args->pidfd, args->child_tid)))
		return;
	model_expect_add(out, "O-07", MODEL_STAGE_WAKEUP, MODEL_FIELD_CHILD_TID_WORD,
			 MODEL_OP_EQ, (int64_t)parent->child_tid_word);
}

/*
 * Mirrors kernel/fork.c:kernel_clone() (v7.2.13) after copy_process()
 * succeeded, and for the kernel entries create_io_thread(),
 * vhost_task_create() and kernel_thread(): which observation points must
 * fire (O-02..O-06: no sched_process_fork for io/vhost workers, no
 * syscall stages for kernel creators), in which order (D.1, R-04), the
 * flags task_newtask reports (V-01..V-04, R-28), the fields that stay put
 * until the wake-up, the parent's return value (R-34: pid_vnr(), the
 * child's number in the caller's active pid ns: the global pid from the
 * init ns, else read from the child's levels) and the child's own return
 * of 0 (R-35, O-06; x86_64 only, errata X-12),
 * the PARENT_SETTID and CHILD_SETTID words written, the pid
 * numbers, the pidfd.
 * Not modelled: the ptrace event report (after wake-up).
 */
void model_kernel_clone_done(const struct model_profile *prof,
			     const struct model_task *parent,
			     const struct model_syscall *sc,
			     const struct model_kargs *args, struct model_pred *out)
{
	const bool kernel = sc->entry == MODEL_ENTRY_KTHREAD ||
			    sc->entry == MODEL_ENTRY_IO_WORKER ||
			    sc->entry == MODEL_ENTRY_USER_WORKER ||
			    sc->entry == MODEL_ENTRY_UMH;
	const bool x86 = prof->arch == MODEL_ARCH_X86_64;

	if (kernel) {
		out->stages_required = MODEL_STAGE_BIT(MODEL_STAGE_NEWTASK) |
				       MODEL_STAGE_BIT(MODEL_STAGE_WAKEUP);
		out->stages_forbidden = MODEL_STAGE_BIT(MODEL_STAGE_SYS_ENTER) |
					MODEL_STAGE_BIT(MODEL_STAGE_SYS_EXIT);
		out->stages_rule = "O-03";
		if (sc->entry == MODEL_ENTRY_IO_WORKER ||
		    sc->entry == MODEL_ENTRY_USER_WORKER)
			out->stages_forbidden |= MODEL_STAGE_BIT(MODEL_STAGE_FORK);
		else
			out->stages_required |= MODEL_STAGE_BIT(MODEL_STAGE_FORK);
	} else {
		out->stages_required = MODEL_STAGE_BIT(MODEL_STAGE_SYS_ENTER) |
				       MODEL_STAGE_BIT(MODEL_STAGE_NEWTASK) |
				       MODEL_STAGE_BIT(MODEL_STAGE_FORK) |
				       MODEL_STAGE_BIT(MODEL_STAGE_WAKEUP) |
				       MODEL_STAGE_BIT(MODEL_STAGE_SYS_EXIT);
		if (x86)
			out->stages_required |= MODEL_STAGE_BIT(MODEL_STAGE_CHILD_RET);
	}
	model_kernel_clone_order(prof, args, kernel, out);
	model_entry_flags(sc->entry, parent, args, out);
	if (kernel)
		return;

	model_stable_fields(out);
	model_pid_numbers(parent, sc, args, out);
	model_pidfd(prof, parent, args, out);
	/*
	 * O-05: the calling thread itself returns; O-06: and so does the
	 * child (each record's pid is read from the task it was found by).
	 */
	model_expect_add(out, "O-05", MODEL_STAGE_SYS_EXIT, MODEL_FIELD_PID, MODEL_OP_EQ,
			 parent->pid);
	if (x86)
		model_expect_add(out, "O-06", MODEL_STAGE_CHILD_RET, MODEL_FIELD_PID,
				 MODEL_OP_EQ_CHILD_PID, 0);
	/* pid_vnr() in the parent's active pid ns. */
	model_expect_child_nr(out, "R-34", MODEL_STAGE_SYS_EXIT, MODEL_FIELD_RET, parent,
			      args->flags);
	/*
	 * `if (clone_flags & CLONE_PARENT_SETTID) put_user(nr,
	 * args->parent_tid);` with nr = pid_vnr(pid), before
	 * wake_up_new_task(): read at sched_wakeup_new.
	 */
	if (args->flags & MODEL_CLONE_PARENT_SETTID)
		model_expect_child_nr(out, "R-36", MODEL_STAGE_WAKEUP, MODEL_FIELD_PARENT_TID_VAL,
				      parent, args->flags);
	/*
	 * kernel/sched/core.c:schedule_tail(): `if
	 * (current->set_child_tid) put_user(task_pid_vnr(current),
	 * current->set_child_tid);` before the child returns to user mode:
	 * its number in its own pid ns, read at its syscall exit (x86_64).
	 */
	if (x86 && (args->flags & MODEL_CLONE_CHILD_SETTID))
		model_expect_add(out, "R-37", MODEL_STAGE_CHILD_RET, MODEL_FIELD_CHILD_TID_VAL,
				 MODEL_OP_EQ_CHILD_NR, 0);
	model_child_tid_unwritten(args, parent, out);
	/* R-35 / O-06: the child returns 0 from the same syscall. */
	if (x86)
		model_expect_add(out, "R-35", MODEL_STAGE_CHILD_RET,
				 MODEL_FIELD_RET, MODEL_OP_EQ, 0);
}
