/* SPDX-License-Identifier: GPL-2.0 */
/*
 * loader.h - open, load and attach the BPF side; poll its ring buffer.
 * The only includer of the generated skeleton.
 */
#ifndef CLONECHECK_LOADER_H
#define CLONECHECK_LOADER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "decode.h"

/* Called for every record; returning < 0 stops the current poll. */
typedef int (*loader_record_cb)(void *ctx, const void *data, size_t len);

enum backend {
	BACKEND_AUTO,		/* probe: fentry, then kprobe, then tracepoint */
	BACKEND_FENTRY,		/* fentry/fexit + tracepoints */
	BACKEND_KPROBE,		/* kprobe/kretprobe + tracepoints */
	BACKEND_TRACEPOINT,	/* tracepoints only (tp_btf, else raw_tp) */
};

/*
 * The ring buffer's size unless one is asked for (--ring-size), from the
 * rate it must take: the storm of issue 14 (stress-ng fork, clone, vfork
 * and pthread on both cores) makes ~63k records/s of up to 360 bytes, about
 * 20 MB/s; 16 MiB holds most of a second of it, so a consumer stalled that
 * long (a report written, a trace block compressed, a busy machine) loses
 * nothing.  4 MiB lost records in that storm.
 */
#define LOADER_RINGBUF_DEFAULT (16u << 20)

struct loader_opts {
	enum backend backend;	/* which to use; AUTO probes */
	bool filter_tgid;	/* observe only watched tgids and their descendants */
	uint64_t cgroup_id;	/* observe only creators in this cgroup v2 (0: any) */
	const char *comm;	/* observe only creators with this comm (NULL: any) */
	size_t ringbuf_bytes;	/* power of two; 0 = LOADER_RINGBUF_DEFAULT */
	const char *btf_path;	/* kernel BTF file (NULL: /sys/kernel/btf/vmlinux) */
	loader_record_cb cb;
	void *ctx;		/* cb's; may be set later with loader__set_ctx() */
};

struct loader;

/*
 * Check capabilities (CAP_BPF and CAP_PERFMON, or CAP_SYS_ADMIN) and BTF,
 * mount tracefs if needed, load and attach.
 * On failure returns NULL and prints one line saying why; *err gets -errno.
 */
struct loader *loader__open(const struct loader_opts *opts, int *err);
/* The context records are delivered with, from now on. */
void loader__set_ctx(struct loader *l, void *ctx);
/* Watch a tgid (with filter_tgid).  0 or -errno. */
int loader__watch(struct loader *l, pid_t tgid);
/*
 * Wait up to timeout_ms for records and hand on what is there: the backlog
 * too, in chunks, but at most some 64k records (call again: more may be
 * waiting), so a storm cannot keep a stop waiting.  The number handed on,
 * or -errno (also the record callback's error).
 */
int loader__poll(struct loader *l, int timeout_ms);
/* The same without waiting. */
int loader__drain(struct loader *l);
/*
 * Open or close the gate: while it is closed (as loader__open() leaves it),
 * BPF opens no new clone, and follows those already open to their end.
 * Open it once everything is attached and watched; close it to stop.
 */
void loader__gate(struct loader *l, bool open);
/*
 * Stop observing (the gate closed): once it returns, every program run that
 * began before has ended, so what is in the ring can be drained.  It waits
 * one RCU grace period where it can, and leaves the detach to
 * loader__close() (after the report); else it detaches here.
 */
void loader__stop(struct loader *l);
/* The ring's fullest (0..1) since the last call. */
double loader__ring_fill(struct loader *l);
/*
 * BPF run time and runs of every program (kernel BPF statistics; both 0
 * unless kernel.bpf_stats_enabled is 1).  0 or -errno.
 */
int loader__bpf_stats(const struct loader *l, uint64_t *run_ns, uint64_t *runs);
/* Name of the backend that runs, e.g. "tracepoint (tp_btf + syscall tracepoints)". */
const char *loader__backend(const struct loader *l);
/* OBS_BIT()s of the observation points the running backend offers. */
uint32_t loader__points(const struct loader *l);
/* What the running backend cannot see, one line. */
const char *loader__blind_spots(const struct loader *l);
/* The injection plan map's fd (bpf/inject.h), for src/wl_inject.c. */
int loader__plan_fd(const struct loader *l);
/* The watched-tgid map's fd, for src/wl_kmade.c (kthreadd, for one case). */
int loader__watched_fd(const struct loader *l);
/* Records BPF lost, per observation point; returns the total. */
uint64_t loader__lost(const struct loader *l, uint64_t lost[OBS__COUNT]);
/* Child points whose clone_id BPF did not know. */
uint64_t loader__untracked(const struct loader *l);
void loader__close(struct loader *l);

/* Parse "auto", "fentry", "kprobe", "tracepoint"; 0 or -EINVAL. */
int backend_parse(const char *s, enum backend *out);

#endif /* CLONECHECK_LOADER_H */
