// SPDX-License-Identifier: GPL-2.0
/*
 * wl_kmade.c - workload cases whose clone the kernel makes: io_uring's
 * create_io_thread() through raw io_uring syscalls, and kthreadd's
 * kernel_thread() through a BPF CPUMAP entry.
 */
#define _GNU_SOURCE
#include <bpf/bpf.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/vhost.h>
#include <linux/io_uring.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "wl_helper.h"
#include "wl_kmade.h"

#ifndef __NR_io_uring_setup	/* the generic numbers, on every arch since 5.1 */
#define __NR_io_uring_setup 425
#define __NR_io_uring_enter 426
#endif

struct ring {
	int fd;
	struct io_uring_params p;
	void *sq, *cq;
	size_t sq_len, cq_len;
	struct io_uring_sqe *sqes;
	size_t sqes_len;
};

static void ring_close(struct ring *r)
{
	if (r->sqes)
		munmap(r->sqes, r->sqes_len);
	if (r->cq && r->cq != r->sq)
		munmap(r->cq, r->cq_len);
	if (r->sq)
		munmap(r->sq, r->sq_len);
	if (r->fd >= 0)
		close(r->fd);
	r->fd = -1;
}

/* io_uring_setup() with flags, and its rings mapped; 0 or -errno. */
static int ring_open(struct ring *r, unsigned int flags)
{
	int err;

	memset(r, 0, sizeof(*r));
	r->p.flags = flags;
	if (flags & IORING_SETUP_SQPOLL)
		r->p.sq_thread_idle = 1000;	/* ms */
	r->fd = (int)syscall(__NR_io_uring_setup, 4, &r->p);
	if (r->fd < 0)
		return -errno;
	r->sq_len = r->p.sq_off.array + r->p.sq_entries * sizeof(__u32);
	r->cq_len = r->p.cq_off.cqes + r->p.cq_entries * sizeof(struct io_uring_cqe);
	if (r->p.features & IORING_FEAT_SINGLE_MMAP)
		r->sq_len = r->cq_len = r->sq_len > r->cq_len ? r->sq_len : r->cq_len;
	r->sq = mmap(NULL, r->sq_len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, r->fd,
		     IORING_OFF_SQ_RING);
	if (r->sq == MAP_FAILED) {
		r->sq = NULL;
		goto fail;
	}
	if (r->p.features & IORING_FEAT_SINGLE_MMAP) {
		r->cq = r->sq;
	} else {
		r->cq = mmap(NULL, r->cq_len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE,
			     r->fd, IORING_OFF_CQ_RING);
		if (r->cq == MAP_FAILED) {
			r->cq = NULL;
			goto fail;
		}
	}
	r->sqes_len = r->p.sq_entries * sizeof(struct io_uring_sqe);
	r->sqes = mmap(NULL, r->sqes_len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, r->fd,
		       IORING_OFF_SQES);
	if (r->sqes == MAP_FAILED) {
		r->sqes = NULL;
		goto fail;
	}
	return 0;
fail:
	err = -errno;
	ring_close(r);
	return err;
}

#define RING_U32(base, off) ((unsigned int *)((char *)(base) + (off)))

/* One NOP with sqe_flags, submitted and waited for; its result or -errno. */
static int ring_nop(struct ring *r, unsigned int sqe_flags)
{
	unsigned int *tail = RING_U32(r->sq, r->p.sq_off.tail);
	unsigned int mask = *RING_U32(r->sq, r->p.sq_off.ring_mask);
	unsigned int *array = RING_U32(r->sq, r->p.sq_off.array);
	unsigned int *chead = RING_U32(r->cq, r->p.cq_off.head);
	unsigned int *ctail = RING_U32(r->cq, r->p.cq_off.tail);
	unsigned int cmask = *RING_U32(r->cq, r->p.cq_off.ring_mask);
	struct io_uring_cqe *cqes = (void *)((char *)r->cq + r->p.cq_off.cqes);
	unsigned int t = *tail, idx = t & mask, h;
	struct io_uring_sqe *sqe = &r->sqes[idx];
	int res;

	memset(sqe, 0, sizeof(*sqe));
	sqe->opcode = IORING_OP_NOP;
	sqe->flags = sqe_flags;
	sqe->user_data = 1;
	array[idx] = idx;
	__atomic_store_n(tail, t + 1, __ATOMIC_RELEASE);
	if (syscall(__NR_io_uring_enter, r->fd, 1, 1, IORING_ENTER_GETEVENTS, NULL, 0) < 0)
		return -errno;
	h = *chead;
	if (h == __atomic_load_n(ctail, __ATOMIC_ACQUIRE))
		return -EIO;	/* GETEVENTS with min_complete 1 returned without one */
	res = cqes[h & cmask].res;
	__atomic_store_n(chead, h + 1, __ATOMIC_RELEASE);
	return res;
}

/* The lowest tid of this process whose name starts with prefix, or 0. */
static pid_t find_thread(const char *prefix)
{
	DIR *d = opendir("/proc/self/task");
	struct dirent *e;
	pid_t found = 0;

	while (d && (e = readdir(d))) {
		char path[64], comm[32] = "";
		pid_t tid = (pid_t)atoi(e->d_name);
		FILE *f;

		if (tid <= 0)
			continue;
		snprintf(path, sizeof(path), "/proc/self/task/%d/comm", (int)tid);
		f = fopen(path, "re");
		if (!f)
			continue;
		if (fgets(comm, sizeof(comm), f) && !strncmp(comm, prefix, strlen(prefix)) &&
		    (!found || tid < found))
			found = tid;
		fclose(f);
	}
	if (d)
		closedir(d);
	return found;
}

/*
 * The helper blocks no signal before making an io thread: kernel/fork.c:
 * copy_process() gives an io thread (args->io_thread, 5.10.162+ and 6.1)
 * or a user worker (6.4+) every signal but SIGKILL and SIGSTOP blocked,
 * not a copy of its creator's set, so the two differ.
 */
static int unblock_all(void)
{
	sigset_t none;

	sigemptyset(&none);
	return sigprocmask(SIG_SETMASK, &none, NULL) ? -errno : 0;
}

/*
 * io_uring/io_uring.c (v6.18): a request with IOSQE_ASYNC (REQ_F_FORCE_ASYNC)
 * is queued to io-wq at once (io_queue_iowq()); io_wq_enqueue() finds no
 * free worker in a new ring's io-wq and creates one with
 * create_io_worker() -> create_io_thread(io_wq_worker, ...), named
 * "iou-wrk-<tid of the task>" (io_wq_worker()).
 */
static int io_wq_fn(const void *arg, struct wl_result *out)
{
	struct ring r;
	int err;

	(void)arg;
	err = unblock_all();
	if (err)
		return err;
	err = ring_open(&r, 0);
	if (err)
		return err;
	err = ring_nop(&r, IOSQE_ASYNC);
	out->child = find_thread("iou-wrk-");
	ring_close(&r);
	if (err < 0)
		return err;
	out->ret = 0;
	return out->child ? 0 : -ESRCH;
}

/*
 * io_uring/sqpoll.c (v6.18): io_sq_offload_create() for
 * IORING_SETUP_SQPOLL makes the ring's poller with
 * create_io_thread(io_sq_thread, ...), named "iou-sqp-<tid>", inside
 * io_uring_setup().
 */
static int sqpoll_fn(const void *arg, struct wl_result *out)
{
	struct ring r;
	int err;

	(void)arg;
	err = unblock_all();
	if (err)
		return err;
	err = ring_open(&r, IORING_SETUP_SQPOLL);
	if (err)
		return err;
	/* the poller names itself when it first runs: wait for it, up to 5 s */
	for (int i = 0; i < 5000 && !(out->child = find_thread("iou-sqp-")); i++)
		nanosleep(&(struct timespec){ .tv_nsec = 1000000 }, NULL);
	ring_close(&r);
	out->ret = 0;
	return out->child ? 0 : -ESRCH;
}

int wl_kmade_io_wq(struct wl_result *res)
{
	return wl_in_helper(res, io_wq_fn, NULL);
}

int wl_kmade_sqpoll(struct wl_result *res)
{
	return wl_in_helper(res, sqpoll_fn, NULL);
}

const char *wl_kmade_io_uring_skip(void)
{
	FILE *f = fopen("/proc/sys/kernel/io_uring_disabled", "re");
	int v = 0;

	if (!f)
		return NULL;	/* before 6.6: no such switch */
	if (fscanf(f, "%d", &v) != 1)
		v = 0;
	fclose(f);
	return v == 2 ? "io_uring disabled (kernel.io_uring_disabled = 2)" : NULL;
}

static int watched_fd = -1;

void wl_kmade_open(int fd)
{
	watched_fd = fd;
}

void wl_kmade_close(void)
{
	watched_fd = -1;
}

const char *wl_kmade_kthread_skip(void)
{
	return watched_fd < 0 ? "no watched-task map to add kthreadd to (not a live run)" : NULL;
}

/*
 * The newest process (highest pid) named name, or 0.  /proc/PID/comm shows
 * a kthread's full name (6.x, proc_task_name()) or its comm, cut to 15
 * bytes (TASK_COMM_LEN - 1): either matches.
 */
static pid_t find_process(const char *name)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	pid_t found = 0;

	while (d && (e = readdir(d))) {
		char path[64], buf[32] = "";
		pid_t pid = (pid_t)atoi(e->d_name);
		FILE *f;

		if (pid <= 0)
			continue;
		snprintf(path, sizeof(path), "/proc/%d/comm", (int)pid);
		f = fopen(path, "re");
		if (!f)
			continue;
		if (fgets(buf, sizeof(buf), f)) {
			buf[strcspn(buf, "\n")] = '\0';
			if ((!strcmp(buf, name) ||
			     (strlen(buf) == 15 && !strncmp(buf, name, 15))) && pid > found)
				found = pid;
		}
		fclose(f);
	}
	if (d)
		closedir(d);
	return found;
}

/*
 * kernel/bpf/cpumap.c (v7.2.13, v6.12.117, v6.1.176, v5.10.223): updating
 * a CPUMAP entry with a queue size allocates it with
 * __cpu_map_entry_alloc(), which calls kthread_create_on_node(
 * cpu_map_kthread_run, rcpu, numa, "cpumap/%d/map:%d", cpu, map->id):
 * kthreadd makes the thread (create_kthread() -> kernel_thread()), named
 * before the update returns.  Closing the map's last fd frees the entry
 * and stops the thread (kthread_stop()).  Value: the queue size alone
 * (offsetofend(struct bpf_cpumap_val, qsize), accepted since 4.15).
 */
static int kthread_fn(const void *arg, struct wl_result *out)
{
	struct bpf_map_info info;
	__u32 len = sizeof(info), key = 0, qsize = 16;
	char name[64];
	int fd, err = 0;

	(void)arg;
	fd = bpf_map_create(BPF_MAP_TYPE_CPUMAP, "cc_kmade", sizeof(key), sizeof(qsize), 1, NULL);
	if (fd < 0)
		return -errno;
	memset(&info, 0, sizeof(info));
	if (bpf_obj_get_info_by_fd(fd, &info, &len) || bpf_map_update_elem(fd, &key, &qsize, 0))
		err = -errno;
	if (!err) {
		snprintf(name, sizeof(name), "cpumap/%u/map:%u", key, info.id);
		out->child = find_process(name);
		out->ret = 0;
	}
	close(fd);
	if (err)
		return err;
	return out->child ? 0 : -ESRCH;
}

/*
 * Run fn in a helper with kthreadd (init/main.c:rest_init(): the second
 * task) watched for that case only, so that a kthread it makes is judged.
 */
static int with_kthreadd_watched(struct wl_result *res,
				 int (*fn)(const void *, struct wl_result *))
{
	__u32 kthreadd = 2;
	__u8 one = 1;
	int err;

	if (bpf_map_update_elem(watched_fd, &kthreadd, &one, BPF_ANY))
		return -errno;
	err = wl_in_helper(res, fn, NULL);
	if (bpf_map_delete_elem(watched_fd, &kthreadd) && !err)
		err = -errno;
	return err;
}

int wl_kmade_kthread(struct wl_result *res)
{
	return with_kthreadd_watched(res, kthread_fn);
}

#define VHOST_NET_DEV "/dev/vhost-net"

const char *wl_kmade_vhost_skip(void)
{
	if (access(VHOST_NET_DEV, R_OK | W_OK))
		return "no " VHOST_NET_DEV " (vhost_net not built in or not loaded)";
	return wl_kmade_kthread_skip();
}

/*
 * drivers/vhost/vhost.c:vhost_dev_set_owner() (VHOST_SET_OWNER) makes the
 * device's worker named "vhost-<pid of the owner>": from 6.4
 * (v6.12.118, v7.2.13) vhost_worker_create() -> kernel/vhost_task.c:
 * vhost_task_create(), copy_process() from the caller with no_files and
 * user_worker, a thread of the helper; before (v6.1.192, v5.10.262)
 * kthread_create(vhost_worker, ...), a kernel thread kthreadd makes.
 * 6.12.118's fork_from_owner_default is VHOST_FORK_OWNER_TASK (the
 * vhost_task).  Closing the fd stops the worker.
 */
static int vhost_fn(const void *arg, struct wl_result *out)
{
	char name[32];
	int fd, err = 0;

	(void)arg;
	fd = open(VHOST_NET_DEV, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (ioctl(fd, VHOST_SET_OWNER, NULL))
		err = -errno;
	if (!err) {
		snprintf(name, sizeof(name), "vhost-%d", (int)getpid());
		out->child = find_thread(name);
		if (!out->child)
			out->child = find_process(name);
		out->ret = 0;
	}
	close(fd);
	if (err)
		return err;
	return out->child ? 0 : -ESRCH;
}

int wl_kmade_vhost(struct wl_result *res)
{
	return with_kthreadd_watched(res, vhost_fn);	/* before 6.4 kthreadd makes the worker */
}
