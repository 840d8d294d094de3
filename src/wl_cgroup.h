/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wl_cgroup.h - the cgroups of the workload: where the hierarchies are,
 * the case cgroups (named clonecheck-wl-<owner pid>-<what>), and the sweep
 * that removes those a killed run left behind.
 */
#ifndef CLONECHECK_WL_CGROUP_H
#define CLONECHECK_WL_CGROUP_H

#include <stdbool.h>
#include <sys/types.h>

#include "workload.h"

#define WL_CG_PREFIX "clonecheck-wl-"

/*
 * Find the cgroup2 hierarchy (its first mount in /proc/self/mountinfo, else
 * a detached mount of our own: no path, gone with its fd) and the v1 pids
 * hierarchy if one is mounted; then sweep both.  Cases run by this process
 * and its helpers name their cgroups after it.  Without a hierarchy, the
 * cases that need one cannot run (wl_cg_root() is -1).
 */
void wl_cg_open(void);
/* Sweep this run's own leftovers too, then close the hierarchies. */
void wl_cg_close(void);

/*
 * A directory fd of the cgroup2 root (pids false) or of the hierarchy the
 * pids cases use (v1 pids if mounted, else cgroup2); -1 if there is none.
 * Valid between wl_cg_open() and wl_cg_close().
 */
int wl_cg_root(bool pids);

/*
 * Remove every WL_CG_PREFIX<pid>-* directory under root whose owner pid is
 * gone (kill(pid, 0) fails with ESRCH), and with own also those of this
 * run's owner.  A removed "-pids-ctl" ("-cpuset-ctl") one had enabled the
 * pids (cpuset) controller in root's subtree_control: it is disabled again.
 * How many were removed.
 */
int wl_cg_sweep(int root, bool own);

/* Setups (struct wl_setup.fn). */
enum wl_cg_into {
	WL_CG_NEW,		/* a new, empty cgroup v2 directory */
	WL_CG_NOT_CGROUP,	/* a directory that is no cgroup: "/" */
	WL_CG_REMOVED,		/* a cgroup removed after it was opened */
	WL_CG_FROZEN,		/* a new cgroup v2 with cgroup.freeze 1, thawed
				 * before its child is waited for */
	WL_CG_CPUSET,		/* a new cgroup v2 whose cpuset.cpus is the
				 * caller's lowest allowed CPU alone */
};
/* ctx->call.cgroup = an fd of such a directory (how: enum wl_cg_into). */
int wl_setup_into_cgroup(struct wl_ctx *x, long how, long unused);
/*
 * Why WL_CG_CPUSET cannot run here (the cgroup2 root does not offer the
 * cpuset controller, e.g. it is bound to a v1 hierarchy), or NULL.
 */
const char *wl_cg_cpuset_unavailable(void);
/* The helper alone in a new pids cgroup with pids.max max (helpers only). */
int wl_setup_pids_max(struct wl_ctx *x, long max, long unused);

#endif /* CLONECHECK_WL_CGROUP_H */
