// SPDX-License-Identifier: GPL-2.0
/*
 * loader.c - the BPF side's lifetime: preflight, open, load, attach, poll.
 *
 * Backend: tracepoints.  The BTF tracepoints (tp_btf) are tried first and
 * the raw tracepoints (raw_tp) if the kernel refuses them; the syscall
 * tracepoints need tracefs for their ids, which is mounted when absent.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "loader.h"
#include "log.h"
#include "clonecheck.skel.h"
#include "../bpf/events.h"

#define TRACEFS "/sys/kernel/tracing"
#define SYSCALL_EVENTS TRACEFS "/events/syscalls/sys_enter_clone"

struct loader {
	struct clonecheck_bpf *skel;
	struct ring_buffer *rb;
	const char *backend;
};

static int libbpf_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	if (level == LIBBPF_DEBUG && log_verbose < 2)
		return 0;
	if (!log_verbose)
		return 0;
	return vfprintf(stderr, fmt, ap);
}

/* The syscall tracepoints' ids live in tracefs: mount it if it is not. */
static int ensure_tracefs(void)
{
	struct stat st;

	if (stat(SYSCALL_EVENTS, &st) == 0)
		return 0;
	if (mount("nodev", TRACEFS, "tracefs", 0, NULL) && errno != EBUSY)
		return -errno;
	vlog("mounted tracefs on %s", TRACEFS);
	if (stat(SYSCALL_EVENTS, &st))
		return -errno;
	return 0;
}

/* Programs of one flavour of the scheduler points, on or off. */
static void set_btf_tracepoints(struct clonecheck_bpf *s, bool btf)
{
	bpf_program__set_autoload(s->progs.handle_task_newtask, btf);
	bpf_program__set_autoload(s->progs.handle_sched_process_fork, btf);
	bpf_program__set_autoload(s->progs.handle_sched_wakeup_new, btf);
	bpf_program__set_autoload(s->progs.raw_task_newtask, !btf);
	bpf_program__set_autoload(s->progs.raw_sched_process_fork, !btf);
	bpf_program__set_autoload(s->progs.raw_sched_wakeup_new, !btf);
}

static struct clonecheck_bpf *open_and_load(const struct loader_opts *o, bool btf, int *err)
{
	struct clonecheck_bpf *s = clonecheck_bpf__open();

	if (!s) {
		*err = -errno;
		return NULL;
	}
	s->rodata->filter_tgid = o->filter_tgid;
	bpf_map__set_max_entries(s->maps.rb, o->ringbuf_bytes ? o->ringbuf_bytes : 4u << 20);
	set_btf_tracepoints(s, btf);
	*err = clonecheck_bpf__load(s);
	if (*err) {
		clonecheck_bpf__destroy(s);
		return NULL;
	}
	return s;
}

static int on_sample(void *ctx, void *data, size_t len)
{
	const struct loader_opts *o = ctx;

	return o->cb ? o->cb(o->ctx, data, len) : 0;
}

static struct loader_opts saved_opts;

struct loader *loader__open(const struct loader_opts *opts, int *err)
{
	struct loader *l;

	libbpf_set_print(libbpf_print);
	if (geteuid() != 0) {
		elog("must run as root to load BPF programs");
		*err = -EPERM;
		return NULL;
	}
	if (access("/sys/kernel/btf/vmlinux", R_OK)) {
		elog("no kernel BTF at /sys/kernel/btf/vmlinux (CONFIG_DEBUG_INFO_BTF=y needed)");
		*err = -ENOENT;
		return NULL;
	}
	*err = ensure_tracefs();
	if (*err) {
		elog("cannot mount tracefs on %s: %s", TRACEFS, strerror(-*err));
		return NULL;
	}
	l = calloc(1, sizeof(*l));
	if (!l) {
		*err = -ENOMEM;
		return NULL;
	}
	saved_opts = *opts;

	/* Step 1: load, BTF tracepoints first, raw tracepoints if refused. */
	l->skel = open_and_load(opts, true, err);
	l->backend = "tracepoint (tp_btf + syscall tracepoints)";
	if (!l->skel) {
		vlog("tp_btf refused (%s); trying raw_tp", strerror(-*err));
		l->skel = open_and_load(opts, false, err);
		l->backend = "tracepoint (raw_tp + syscall tracepoints)";
	}
	if (!l->skel) {
		elog("cannot load BPF programs: %s", strerror(-*err));
		goto out_free;
	}
	/* Step 2: attach every program. */
	*err = clonecheck_bpf__attach(l->skel);
	if (*err) {
		elog("cannot attach BPF programs: %s", strerror(-*err));
		goto out_free;
	}
	/* Step 3: the ring buffer consumer. */
	l->rb = ring_buffer__new(bpf_map__fd(l->skel->maps.rb), on_sample, &saved_opts, NULL);
	if (!l->rb) {
		*err = -errno;
		elog("cannot open the BPF ring buffer: %s", strerror(-*err));
		goto out_free;
	}
	vlog("backend: %s", l->backend);
	return l;

out_free:
	loader__close(l);
	return NULL;
}

int loader__watch(struct loader *l, pid_t tgid)
{
	__u32 key = tgid;
	__u8 one = 1;

	if (bpf_map__update_elem(l->skel->maps.watched, &key, sizeof(key), &one, sizeof(one),
				 BPF_ANY))
		return -errno;
	return 0;
}

int loader__poll(struct loader *l, int timeout_ms)
{
	int n = ring_buffer__poll(l->rb, timeout_ms);

	if (n < 0 && n != -EINTR)
		return n;
	return loader__drain(l);
}

int loader__drain(struct loader *l)
{
	int n = ring_buffer__consume(l->rb);

	return n == -EINTR ? 0 : n;
}

const char *loader__backend(const struct loader *l)
{
	return l->backend;
}

uint64_t loader__lost(const struct loader *l, uint64_t lost[OBS__COUNT])
{
	uint64_t total = 0;

	for (int t = REC_SYS_ENTER; t < REC__MAX; t++) {
		uint64_t n = l->skel->bss->lost[t];

		/* rec_type t is observation point t - 1 (see events.h). */
		if (t - 1 < OBS__COUNT)
			lost[t - 1] = n;
		total += n;
	}
	return total;
}

uint64_t loader__untracked(const struct loader *l)
{
	return l->skel->bss->untracked_child;
}

void loader__close(struct loader *l)
{
	if (!l)
		return;
	ring_buffer__free(l->rb);
	clonecheck_bpf__destroy(l->skel);
	free(l);
}
