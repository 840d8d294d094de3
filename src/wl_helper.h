/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wl_helper.h - the workload's helper processes, and the setups that change
 * a helper's own state (policy, credentials, limits, namespaces, tracer)
 * before it makes a case's call.  None of them touches the calling
 * process: each refuses to run outside a helper (ctx->helper).
 */
#ifndef CLONECHECK_WL_HELPER_H
#define CLONECHECK_WL_HELPER_H

#include <sys/types.h>

#include "workload.h"

/*
 * fork() a helper that dies (SIGKILL) with the thread that forks it
 * (PR_SET_PDEATHSIG), and exits at once if that parent is already gone
 * when the signal is armed.  As fork(): pid, 0 in the child, -1 and errno.
 */
pid_t wl_helper_fork(void);

/*
 * fn(arg, out) in a forked helper; out is shared with the helper's own
 * descendants and copied to res (ret, child) afterwards.  fn's result, or
 * -ECHILD if the helper died; 0 or -errno.
 */
int wl_in_helper(struct wl_result *res, int (*fn)(const void *arg, struct wl_result *out),
		 const void *arg);

/* Setups (struct wl_setup.fn), each named by what the helper becomes. */
int wl_setup_policy(struct wl_ctx *x, long policy, long prio);	/* sched_setscheduler */
int wl_setup_nice(struct wl_ctx *x, long nice, long reset);	/* nice, RESET_ON_FORK */
int wl_setup_deadline(struct wl_ctx *x, long reset, long unused); /* SCHED_DEADLINE */
int wl_setup_deadline_userns(struct wl_ctx *x, long depth, long unused); /* DL, then user ns */
int wl_setup_pin(struct wl_ctx *x, long unused, long unused2);	/* on its last CPU */
/* SCHED_FIFO 10 with default or user-set (@min) util-min, or nice -20 (S-03, S-09). */
enum { WL_UCLAMP_RT, WL_UCLAMP_RT_USER, WL_UCLAMP_NICE_MIN };
int wl_setup_uclamp(struct wl_ctx *x, long mode, long min);
/* Why util clamps are not there to be set (no CONFIG_UCLAMP_TASK), or NULL. */
const char *wl_uclamp_unavailable(void);
/* Boosted by a SCHED_FIFO @rt_prio thread waiting on its PI mutex (S-02). */
int wl_setup_pi_boosted(struct wl_ctx *x, long rt_prio, long unused);
int wl_setup_ioprio(struct wl_ctx *x, long ioprio, long unused); /* ioprio_set */
int wl_setup_nobody(struct wl_ctx *x, long nproc, long unused);	/* RLIMIT_NPROC if > 0 */
int wl_setup_nproc_uid(struct wl_ctx *x, long nproc, long cap); /* an unused uid, cap kept */
int wl_setup_rlimit_nproc(struct wl_ctx *x, long nproc, long unused); /* stays root */
/* A new pid ns of pid_max @pid_max (6.14+) with @threads idle threads (V-39). */
int wl_setup_pidns_full(struct wl_ctx *x, long threads, long pid_max);
/* Init of a level-2 pid ns below a level-1 ns of pid_max @pid_max (6.14+, V-38). */
int wl_setup_pidns_lowered(struct wl_ctx *x, long pid_max, long unused);
/* Why a pid ns's own pid_max cannot be set here (before 6.14), or NULL. */
const char *wl_pidns_pid_max_unavailable(void);
/* Why a helper cannot keep capability @cap (not in the bounding set), or NULL. */
const char *wl_cap_unavailable(long cap);
int wl_setup_thread_keyring(struct wl_ctx *x, long unused, long unused2);
int wl_setup_unshare(struct wl_ctx *x, long flags, long unused);
int wl_setup_block_signal(struct wl_ctx *x, long sig, long unused);
/* A tracee of its own helper: PTRACE_SEIZE (attach 0) or ATTACH with options. */
int wl_setup_ptrace(struct wl_ctx *x, long options, long attach);
/* An alternate signal stack of its own (sigaltstack): kept or reset. */
int wl_setup_sigaltstack(struct wl_ctx *x, long unused, long unused2);
/* prctl(PR_SET_NO_NEW_PRIVS): inherited by every child. */
int wl_setup_nnp(struct wl_ctx *x, long unused, long unused2);
/* prctl(PR_SET_CHILD_SUBREAPER): its children have has_child_subreaper. */
int wl_setup_subreaper(struct wl_ctx *x, long unused, long unused2);
/* RLIMIT_NOFILE at the lowest free fd: no fd left for a pidfd (V-41). */
int wl_setup_nofile_full(struct wl_ctx *x, long unused, long unused2);
/* unshare(NEWPID), its init forked and gone: a dying pid ns for children (V-40). */
int wl_setup_pidns_dead(struct wl_ctx *x, long unused, long unused2);
/* depth nested user namespaces down (unshare + root mapped to root), V-22's level. */
int wl_setup_userns(struct wl_ctx *x, long depth, long unused);
/* One user ns down, where the per-user-ns limit user.<WL_UC_*> is 0 (V-22, V-34). */
enum { WL_UC_USER, WL_UC_MNT, WL_UC_PID, WL_UC_UTS };
int wl_setup_userns_limit(struct wl_ctx *x, long which, long unused);
/* 7.1+: the caller made with clone3(AUTOREAP) (V-49); before 7.1, the helper itself. */
int wl_setup_autoreaped(struct wl_ctx *x, long unused, long unused2);
/* Capability cap dropped from its effective set, the rest kept (root: V-34, V-38). */
int wl_setup_cap_drop(struct wl_ctx *x, long cap, long unused);
/*
 * The caller is the init of a pid ns owned by a user ns that is neither its
 * own nor an ancestor of it (setns() into a pid ns another helper made in a
 * user ns of its own): a NEWPID there fails the owner test (V-34, EINVAL).
 */
int wl_setup_pidns_foreign(struct wl_ctx *x, long unused, long unused2);
/* depth nested pid namespaces down (unshare + fork each), the caller their init. */
int wl_setup_pidns(struct wl_ctx *x, long depth, long unused);

/* Write s to path (a /proc or /sys file): 0 or -errno. */
int wl_write_file(const char *path, const char *s);

#endif /* CLONECHECK_WL_HELPER_H */
