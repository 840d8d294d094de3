/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wl_sysctl.h - the disruptive cases: a global sysctl changed for the
 * length of one case and restored, only with --disruptive (throwaway VMs
 * such as vm/vmtest's guests, never a user's machine).
 */
#ifndef CLONECHECK_WL_SYSCTL_H
#define CLONECHECK_WL_SYSCTL_H

#include <stdbool.h>

#include "workload.h"

/* The sysctl a disruptive case changes (wl_setup_sysctl()'s which). */
enum wl_sysctl {
	WL_SYSCTL_THREADS_MAX = 1,	/* kernel.threads-max (V-24) */
	WL_SYSCTL_NR_OPEN,		/* fs.nr_open, with fd 2000 open (V-30) */
	WL_SYSCTL_USERNS_CLONE,		/* Debian kernel.unprivileged_userns_clone,
					 * CAP_SYS_ADMIN dropped (V-18) */
	WL_SYSCTL_USERNS_CLONE_ADMIN,	/* the same, CAP_SYS_ADMIN kept */
};

/* --disruptive: let the cases below run (default: skipped). */
void wl_sysctl_allow(bool allow);
/*
 * Why a case changing @which cannot run here, or NULL: not allowed, the
 * sysctl missing, or the globals the model needs to judge it not in
 * /proc/kallsyms (CONFIG_KALLSYMS_ALL=n: BPF cannot read them at entry).
 */
const char *wl_sysctl_skip(long which);
/*
 * Set the sysctl @which to @value in a helper (undo restores it), after
 * the helper's own preparation (an fd at 2000; CAP_SYS_ADMIN dropped).
 */
int wl_setup_sysctl(struct wl_ctx *x, long which, long value);

#endif /* CLONECHECK_WL_SYSCTL_H */
