/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wl_kmade.h - workload cases whose clone the kernel makes, not a clone
 * syscall: an io_uring io-wq worker and SQPOLL thread (create_io_thread()).
 * Each runs in a forked helper (io_uring's threads belong to the process
 * that made the ring and die with it) and gives, as its result, ret 0 and
 * the thread the kernel made (its tid, found by its name in
 * /proc/self/task).  Nothing is left: the ring is closed and the helper
 * exits, and its io_uring threads with it.
 */
#ifndef CLONECHECK_WL_KMADE_H
#define CLONECHECK_WL_KMADE_H

#include "workload.h"

/* A NOP with IOSQE_ASYNC: io-wq creates a worker, "iou-wrk-<tid>". */
int wl_kmade_io_wq(struct wl_result *res);
/* io_uring_setup(IORING_SETUP_SQPOLL): the ring's "iou-sqp-<tid>" thread. */
int wl_kmade_sqpoll(struct wl_result *res);
/*
 * Why this system cannot run the io_uring cases, or NULL:
 * kernel.io_uring_disabled = 2 (6.6+: io_uring_setup() fails EPERM for
 * everyone).  Other failures (ENOSYS, 1 without CAP_SYS_ADMIN) are the
 * case's error, not a skip.
 */
const char *wl_kmade_io_uring_skip(void);

/*
 * A kernel thread made by kthreadd on request: a BPF CPUMAP entry's
 * "cpumap/<cpu>/map:<id>" kthread (kernel/bpf/cpumap.c), on CPU 0, gone
 * with the map.  kthreadd (tgid 2) is watched for the case's duration only.
 */
int wl_kmade_kthread(struct wl_result *res);
/* Why the kthread case cannot run: no watched map to add kthreadd to. */
const char *wl_kmade_kthread_skip(void);

/*
 * A vhost-net device's worker, made by VHOST_SET_OWNER: a user worker with
 * no files table (6.4+, vhost_task_create()) or a kthread of kthreadd
 * (before), "vhost-<pid>"; kthreadd is watched for the case's duration.
 */
int wl_kmade_vhost(struct wl_result *res);
/* Why the vhost case cannot run: no usable /dev/vhost-net, no watched map. */
const char *wl_kmade_vhost_skip(void);

/* The main object's watched-tgid map (loader__watched_fd()); -1: none. */
void wl_kmade_open(int watched_fd);
void wl_kmade_close(void);

#endif /* CLONECHECK_WL_KMADE_H */
