// SPDX-License-Identifier: GPL-2.0
/*
 * loader.c - the BPF side's lifetime: preflight, probe a backend, load,
 * attach, poll.
 *
 * One BPF object holds every backend's programs.  Before loading it, small
 * feature probes (a two-instruction program per attach kind, the kprobe PMU
 * or kprobe_events, the traced functions in the kernel's BTF) say which
 * backends this kernel can run; the object is then opened and loaded once,
 * with one set turned on by bpf_program__set_autoload(), and attached
 * through the skeleton.  `auto` prefers fentry/fexit, then kprobe/kretprobe,
 * then tracepoints; the scheduler tracepoints are tp_btf, or raw_tp where
 * BTF tracepoints are refused.  Only if a probed backend still fails to load
 * or attach is the next one tried.  The syscall tracepoints need tracefs for
 * their ids, mounted when absent.
 * Kernels without BPF_FETCH atomics (before 5.12) get the same object built
 * without them (clonecheck_nofetch, see CLONE_ID_NEW in bpf/compat.bpf.h);
 * kernels whose programs may call bpf_rdonly_cast() get it built with that
 * (clonecheck_cast, UNTRUSTED_TASK), which verifies faster.
 */
#define _GNU_SOURCE	/* pipe2() */
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/membarrier.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <malloc.h>
#include <sys/mman.h>

#include "correlate.h"
#include "loader.h"
#include "log.h"
#include "profile.h"	/* profile_kallsyms*() */
#include "clonecheck.skel.h"
#include "clonecheck_nofetch.skel.h"	/* its ELF bytes only */
#include "clonecheck_cast.skel.h"	/* its ELF bytes only */
#include "../bpf/events.h"

#define TRACEFS "/sys/kernel/tracing"
#define SYSCALL_EVENTS TRACEFS "/events/syscalls/sys_enter_clone"
#define SYSCALL_TP "tracepoint/syscalls/"
#define MAX_LINKS 64
#define KPROBE_PMU "/sys/bus/event_source/devices/kprobe/type"

/* One way of attaching: the kernel-function programs and the tracepoint kind. */
struct attempt {
	enum backend backend;	/* FENTRY, KPROBE or TRACEPOINT */
	bool btf_tp;		/* tp_btf (true) or raw_tp (false) */
	const char *name;	/* for the report */
	const char *blind;	/* what it cannot see */
};

static const struct attempt attempts[] = {
	{ BACKEND_FENTRY, true, "fentry (fentry/fexit + tp_btf + syscall tracepoints)",
	  "nothing on the clone path it models" },
	{ BACKEND_KPROBE, true, "kprobe (kprobe/kretprobe + tp_btf + syscall tracepoints)",
	  "nothing on the clone path it models" },
	{ BACKEND_TRACEPOINT, true, "tracepoint (tp_btf + syscall tracepoints)",
	  "copy_process arguments and internal failures (seen only at syscall exit), "
	  "the child after sched_fork" },
	{ BACKEND_TRACEPOINT, false, "tracepoint (raw_tp + syscall tracepoints)",
	  "copy_process arguments and internal failures (seen only at syscall exit), "
	  "the child after sched_fork" },
};

struct loader {
	struct clonecheck_bpf *skel;
	size_t taken;			/* records handed on in this poll */
	bool yielded;			/* ... and it stopped at POLL_BUDGET */
	struct ring_buffer *rb;
	const struct attempt *at;	/* the one that runs */
	struct bpf_link *vfork_link;	/* handle_sys_enter_fork on sys_enter_vfork */
	struct loader_opts opts;
	bool atomic_fetch;		/* the kernel takes BPF_FETCH (5.12+) */
	bool cast;			/* load clonecheck_cast (probe_untrusted_cast()) */
	unsigned int nr_cpus;		/* possible CPUs */
};

/* --backend names, indexed by enum backend. */
static const char *const backend_names[] = {
	[BACKEND_AUTO] = "auto",
	[BACKEND_FENTRY] = "fentry",
	[BACKEND_KPROBE] = "kprobe",
	[BACKEND_TRACEPOINT] = "tracepoint",
};

int backend_parse(const char *s, enum backend *out)
{
	for (size_t i = 0; i < ARRAY_SIZE(backend_names); i++)
		if (!strcmp(s, backend_names[i])) {
			*out = (enum backend)i;
			return 0;
		}
	return -EINVAL;
}

/*
 * libbpf's first warning since the last libbpf_reason_reset(): the reason a
 * load or attach failed, kept for the one-line error when no backend runs.
 */
static char libbpf_reason[256];

static void libbpf_reason_reset(void)
{
	libbpf_reason[0] = '\0';
}

static int libbpf_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	if (level == LIBBPF_WARN && !libbpf_reason[0]) {
		va_list aq;
		size_t n;

		va_copy(aq, ap);
		vsnprintf(libbpf_reason, sizeof(libbpf_reason), fmt, aq);
		va_end(aq);
		n = strcspn(libbpf_reason, "\n");
		libbpf_reason[n] = '\0';
		if (!strncmp(libbpf_reason, "libbpf: ", 8))
			memmove(libbpf_reason, libbpf_reason + 8, n - 8 + 1);
	}
	if (level == LIBBPF_DEBUG && log_verbose < 2)
		return 0;
	if (!log_verbose)
		return 0;
	return vfprintf(stderr, fmt, ap);
}

/*
 * Does path exist for us?  With our effective ids and capabilities
 * (AT_EACCESS): plain access() drops a non-root user's capabilities, and
 * would hide the root-only tracefs from a user given CAP_DAC_READ_SEARCH.
 */
static int exists(const char *path)
{
	return faccessat(AT_FDCWD, path, F_OK, AT_EACCESS) ? -errno : 0;
}

/* Is capability cap in our effective set? */
static bool has_cap(int cap)
{
	struct __user_cap_header_struct h = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct d[_LINUX_CAPABILITY_U32S_3] = {};

	if (syscall(SYS_capget, &h, d))
		return false;
	return d[CAP_TO_INDEX(cap)].effective & CAP_TO_MASK(cap);
}

/*
 * Loading tracing programs and attaching them system-wide takes CAP_BPF and
 * CAP_PERFMON (Linux 5.8+), or CAP_SYS_ADMIN, which covers both: not user
 * ID 0 as such.
 */
static int check_caps(void)
{
	if (has_cap(CAP_SYS_ADMIN) || (has_cap(CAP_BPF) && has_cap(CAP_PERFMON)))
		return 0;
	elog("needs CAP_BPF and CAP_PERFMON, or CAP_SYS_ADMIN, to load BPF programs");
	return -EPERM;
}

/*
 * The syscall tracepoints' ids live in tracefs: mount it if it is not, and
 * say so clearly if it is there but closed to us (it is root's, mode 0700).
 */
static int ensure_tracefs(void)
{
	int err = exists(SYSCALL_EVENTS);

	if (err == -EACCES || err == -EPERM) {
		elog("cannot read tracefs at %s: %s (needs user ID 0 or CAP_DAC_READ_SEARCH)",
		     TRACEFS, strerror(-err));
		return err;
	}
	if (!err)
		return 0;
	if (mount("nodev", TRACEFS, "tracefs", 0, NULL) && errno != EBUSY) {
		err = -errno;
		elog("cannot mount tracefs on %s: %s", TRACEFS, strerror(-err));
		return err;
	}
	vlog("mounted tracefs on %s", TRACEFS);
	err = exists(SYSCALL_EVENTS);
	if (err)
		elog("no syscall tracepoints in tracefs (%s): %s", SYSCALL_EVENTS, strerror(-err));
	return err;
}

/*
 * Does the verifier take an atomic fetch-and-add (BPF_ATOMIC | BPF_FETCH,
 * v5.12)?  A five-instruction socket filter that adds to a stack slot.
 */
static bool probe_atomic_fetch(void)
{
	const struct bpf_insn insns[] = {
		/* *(u64 *)(r10 - 8) = 0 */
		{ .code = BPF_ST | BPF_MEM | BPF_DW, .dst_reg = BPF_REG_10, .off = -8 },
		/* r1 = 1 */
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_1, .imm = 1 },
		/* r1 = atomic_fetch_add((u64 *)(r10 - 8), r1) */
		{ .code = BPF_STX | BPF_ATOMIC | BPF_DW, .dst_reg = BPF_REG_10,
		  .src_reg = BPF_REG_1, .off = -8, .imm = BPF_ADD | BPF_FETCH },
		/* r0 = 0; exit */
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	int fd = bpf_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, NULL, "GPL", insns,
			       ARRAY_SIZE(insns), NULL);

	if (fd < 0)
		return false;
	close(fd);
	return true;
}

/*
 * strerror() has no text for the kernel-internal ENOTSUPP (524), nor for
 * libbpf's own errors (4000 and up).
 */
static const char *errstr(int err)
{
	static char buf[128];

	if (err < 0)
		err = -err;
	if (err == 524)
		return "not supported by this kernel or arch (ENOTSUPP)";
	if (err >= __LIBBPF_ERRNO__START && !libbpf_strerror(err, buf, sizeof(buf)))
		return buf;
	return strerror(err);
}

/* r0 = 0; exit: the smallest program, for probing what the kernel takes. */
static const struct bpf_insn probe_insns[] = {
	{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0 },
	{ .code = BPF_JMP | BPF_EXIT },
};

/*
 * Load (and, when attach is set, attach and detach) a BTF-typed tracing
 * program on the BTF type `name` of `kind`: fentry on a function, tp_btf on
 * a tracepoint's btf_trace_ typedef.  0 or -errno with *why said.
 */
static int probe_tracing(const struct btf *vmlinux, const char *name, int kind,
			 enum bpf_attach_type type, bool attach, char *why, size_t len)
{
	int id = btf__find_by_name_kind(vmlinux, name, kind);
	LIBBPF_OPTS(bpf_prog_load_opts, po, .expected_attach_type = type);
	int fd, link, err = 0;

	if (id < 0) {
		snprintf(why, len, "%s is not in the kernel's BTF", name);
		return -ESRCH;
	}
	po.attach_btf_id = id;
	fd = bpf_prog_load(BPF_PROG_TYPE_TRACING, NULL, "GPL", probe_insns,
			   ARRAY_SIZE(probe_insns), &po);
	if (fd < 0) {
		err = -errno;
		snprintf(why, len, "the kernel refuses a program on %s: %s", name, errstr(err));
		return err;
	}
	if (attach) {
		link = bpf_raw_tracepoint_open(NULL, fd);
		if (link < 0) {
			err = -errno;
			snprintf(why, len, "the kernel cannot attach to %s: %s", name, errstr(err));
		} else {
			close(link);
		}
	}
	close(fd);
	return err;
}

/* What this kernel offers, probed before the object is loaded. */
struct features {
	int fentry, kprobe, tp_btf;	/* 0 or -errno */
	bool cast;			/* tracepoint and tracing programs may call bpf_rdonly_cast() */
	char why_fentry[256], why_kprobe[256], why_tp_btf[256];
};

/*
 * Do a syscall tracepoint program and a tp_btf one (the kind fentry and
 * tp_btf programs are) load that call the kfunc bpf_rdonly_cast(NULL,
 * <task_struct>)?  Then clonecheck_cast's programs do (bpf/compat.bpf.h,
 * UNTRUSTED_TASK).
 */
static bool probe_untrusted_cast(const struct btf *vmlinux)
{
	int fn = btf__find_by_name_kind(vmlinux, "bpf_rdonly_cast", BTF_KIND_FUNC);
	int task = btf__find_by_name_kind(vmlinux, "task_struct", BTF_KIND_STRUCT);
	int tp = btf__find_by_name_kind(vmlinux, "btf_trace_task_newtask", BTF_KIND_TYPEDEF);
	LIBBPF_OPTS(bpf_prog_load_opts, po, .expected_attach_type = BPF_TRACE_RAW_TP);
	int fd;

	if (fn < 0 || task < 0 || tp < 0)
		return false;
	po.attach_btf_id = tp;
	{
		const struct bpf_insn insns[] = {
			/* r1 = 0 (obj); r2 = task_struct's id */
			{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_1 },
			{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_2, .imm = task },
			/* call bpf_rdonly_cast (a kfunc of vmlinux: off 0) */
			{ .code = BPF_JMP | BPF_CALL, .src_reg = BPF_PSEUDO_KFUNC_CALL, .imm = fn },
			/* r0 = 0; exit */
			{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0 },
			{ .code = BPF_JMP | BPF_EXIT },
		};

		fd = bpf_prog_load(BPF_PROG_TYPE_TRACEPOINT, NULL, "GPL", insns,
				   ARRAY_SIZE(insns), NULL);
		if (fd < 0)
			return false;
		close(fd);
		fd = bpf_prog_load(BPF_PROG_TYPE_TRACING, NULL, "GPL", insns,
				   ARRAY_SIZE(insns), &po);
	}
	if (fd < 0)
		return false;
	close(fd);
	return true;
}

static void probe_features(struct features *f, enum backend want, const char *btf_path)
{
	static const char *const traced[] = { "kernel_clone", "copy_process", "sched_fork" };
	struct btf *vmlinux = btf_path ? btf__parse(btf_path, NULL) : btf__load_vmlinux_btf();

	memset(f, 0, sizeof(*f));
	if (!vmlinux) {
		/* the object's load will say why; let it */
		vlog("cannot read the kernel's BTF for probing: %s", strerror(errno));
		return;
	}
	if (want == BACKEND_AUTO || want == BACKEND_FENTRY) {
		/* every traced function must be in BTF; one attach tells trampolines work */
		for (size_t i = 0; i < ARRAY_SIZE(traced) && !f->fentry; i++)
			f->fentry = probe_tracing(vmlinux, traced[i], BTF_KIND_FUNC,
						  BPF_TRACE_FENTRY, i == 0, f->why_fentry,
						  sizeof(f->why_fentry));
	} else {
		f->fentry = -ECANCELED;
	}
	if (want == BACKEND_AUTO || want == BACKEND_KPROBE) {
		if (libbpf_probe_bpf_prog_type(BPF_PROG_TYPE_KPROBE, NULL) != 1) {
			f->kprobe = -EOPNOTSUPP;
			snprintf(f->why_kprobe, sizeof(f->why_kprobe),
				 "the kernel takes no kprobe programs");
		} else if (exists(KPROBE_PMU) && exists(TRACEFS "/kprobe_events")) {
			f->kprobe = -ENOENT;
			snprintf(f->why_kprobe, sizeof(f->why_kprobe),
				 "no kprobe PMU and no %s/kprobe_events (CONFIG_KPROBE_EVENTS)",
				 TRACEFS);
		}
	} else {
		f->kprobe = -ECANCELED;
	}
	f->cast = probe_untrusted_cast(vmlinux);
	/* the scheduler tracepoints: tp_btf, else raw_tp; load only (no attach) */
	f->tp_btf = probe_tracing(vmlinux, "btf_trace_task_newtask", BTF_KIND_TYPEDEF,
				  BPF_TRACE_RAW_TP, false, f->why_tp_btf, sizeof(f->why_tp_btf));
	btf__free(vmlinux);
}

/* Can this attempt run, by the probes?  If not, say why. */
static bool attempt_fits(const struct attempt *at, const struct features *f, char *why, size_t len)
{
	int err = 0;
	const char *w = "";

	if (at->backend == BACKEND_FENTRY && f->fentry)
		err = f->fentry, w = f->why_fentry;
	else if (at->backend == BACKEND_KPROBE && f->kprobe)
		err = f->kprobe, w = f->why_kprobe;
	else if (at->btf_tp && f->tp_btf)
		err = f->tp_btf, w = f->why_tp_btf;
	if (err && err != -ECANCELED)
		snprintf(why, len, "%s", w);
	return !err;
}

/*
 * Open the skeleton on the object the kernel can take: clonecheck_bpf's own,
 * the one built without BPF_FETCH, or the one whose sys_enter programs read
 * current through bpf_rdonly_cast() (same source, same maps, programs and
 * globals, so the same skeleton describes each).
 */
static struct clonecheck_bpf *open_skel(bool fetch, bool cast, const char *btf_path)
{
	LIBBPF_OPTS(bpf_object_open_opts, oo, .btf_custom_path = btf_path);
	struct clonecheck_bpf *obj = calloc(1, sizeof(*obj));
	int err;

	if (!obj) {
		errno = ENOMEM;
		return NULL;
	}
	err = clonecheck_bpf__create_skeleton(obj);
	if (!err && !fetch)
		obj->skeleton->data = clonecheck_nofetch_bpf__elf_bytes(&obj->skeleton->data_sz);
	else if (!err && cast)
		obj->skeleton->data = clonecheck_cast_bpf__elf_bytes(&obj->skeleton->data_sz);
	if (!err)
		err = bpf_object__open_skeleton(obj->skeleton, &oo);
	if (err) {
		clonecheck_bpf__destroy(obj);
		errno = -err;
		return NULL;
	}
	return obj;
}

/* Turn on the programs of one attempt, off all others. */
static void select_programs(struct clonecheck_bpf *s, const struct attempt *at)
{
	struct bpf_program *fentry[] = {
		s->progs.fentry_kernel_clone, s->progs.fexit_kernel_clone,
		s->progs.fentry_copy_process, s->progs.fexit_copy_process,
		s->progs.fexit_sched_fork,
	};
	struct bpf_program *kprobe[] = {
		s->progs.kprobe_kernel_clone, s->progs.kretprobe_kernel_clone,
		s->progs.kprobe_copy_process, s->progs.kretprobe_copy_process,
		s->progs.kprobe_sched_fork, s->progs.kretprobe_sched_fork,
	};
	struct bpf_program *tp_btf[] = {
		s->progs.handle_task_newtask, s->progs.handle_sched_process_fork,
		s->progs.handle_sched_wakeup_new,
	};
	struct bpf_program *raw_tp[] = {
		s->progs.raw_task_newtask, s->progs.raw_sched_process_fork,
		s->progs.raw_sched_wakeup_new,
	};

	for (size_t i = 0; i < ARRAY_SIZE(fentry); i++)
		bpf_program__set_autoload(fentry[i], at->backend == BACKEND_FENTRY);
	for (size_t i = 0; i < ARRAY_SIZE(kprobe); i++)
		bpf_program__set_autoload(kprobe[i], at->backend == BACKEND_KPROBE);
	for (size_t i = 0; i < ARRAY_SIZE(tp_btf); i++) {
		bpf_program__set_autoload(tp_btf[i], at->btf_tp);
		bpf_program__set_autoload(raw_tp[i], !at->btf_tp);
	}
}

/*
 * Syscall tracepoints exist only for the arch's syscalls: native arm64 has
 * no fork or vfork (V-01, V-02), so their programs are not loaded there.
 */
static void skip_missing_syscalls(struct clonecheck_bpf *s)
{
	struct bpf_program *prog;
	char path[256];

	bpf_object__for_each_program(prog, s->obj) {
		const char *sec = bpf_program__section_name(prog);
		const char *ev;

		if (strncmp(sec, SYSCALL_TP, strlen(SYSCALL_TP)))
			continue;
		ev = sec + strlen(SYSCALL_TP);
		snprintf(path, sizeof(path), TRACEFS "/events/syscalls/%s", ev);
		if (exists(path)) {
			vlog("no syscalls/%s on this kernel: not attached", ev);
			bpf_program__set_autoload(prog, false);
		}
	}
}

static void *destroy_link(void *link)
{
	bpf_link__destroy(link);
	return NULL;
}

/*
 * Detach every program the skeleton attached.  Closing the last perf event
 * of a syscall tracepoint unregisters it and waits for
 * tracepoint_synchronize_unregister() under the kernel's event_mutex
 * (kernel/trace/trace_event_perf.c:perf_trace_destroy(), v5.10 and v6.18).
 * A thread per link still overlaps part of it (measured here, 8 syscall
 * tracepoints: 0.55 s closed in turn, 0.25 s on threads).
 */
static void detach_links(struct loader *l)
{
	struct bpf_object_skeleton *sk = l->skel ? l->skel->skeleton : NULL;
	pthread_t tid[MAX_LINKS], vfork_tid;
	bool threaded[MAX_LINKS] = {}, vfork_threaded = false;
	int n = sk ? sk->prog_cnt : 0;

	if (n > MAX_LINKS)
		n = MAX_LINKS;	/* the rest are destroyed with the skeleton */
	if (l->vfork_link)
		vfork_threaded = !pthread_create(&vfork_tid, NULL, destroy_link, l->vfork_link);
	for (int i = 0; i < n; i++) {
		struct bpf_link *link = *sk->progs[i].link;

		if (link)
			threaded[i] = !pthread_create(&tid[i], NULL, destroy_link, link);
	}
	for (int i = 0; i < n; i++) {
		struct bpf_link **link = sk->progs[i].link;

		if (threaded[i])
			pthread_join(tid[i], NULL);
		else
			bpf_link__destroy(*link);
		*link = NULL;
	}
	if (vfork_threaded)
		pthread_join(vfork_tid, NULL);
	else
		bpf_link__destroy(l->vfork_link);	/* NULL: nothing */
	l->vfork_link = NULL;
}


/* Whether @fd is an anon inode of kind @name ("[perf_event]", "bpf_link"). */
static bool fd_is(int fd, const char *name)
{
	char path[64], target[64];
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	n = readlink(path, target, sizeof(target) - 1);
	if (n < 0)
		return false;
	target[n] = '\0';
	return !strncmp(target, "anon_inode:", 11) && !strcmp(target + 11, name);
}

/*
 * Whether every program of ours on a perf event (syscall tracepoints,
 * kprobes) hangs from it by a BPF link (BPF_LINK_TYPE_PERF_EVENT, 5.15+):
 * closing that link detaches the program (bpf_perf_link_release() ->
 * perf_event_free_bpf_prog(), v5.15 .. v7.2) whoever still holds the event.
 * Before 5.15 libbpf's link is the perf event itself, and the program goes
 * only with the event's last reference.
 */
static bool perf_programs_on_links(struct loader *l)
{
	struct bpf_object_skeleton *sk = l->skel ? l->skel->skeleton : NULL;
	int n = sk ? sk->prog_cnt : 0;

	for (int i = 0; i < n; i++) {
		struct bpf_link *link = *sk->progs[i].link;

		if (link && fd_is(bpf_link__fd(link), "[perf_event]"))
			return false;
	}
	return !l->vfork_link || !fd_is(bpf_link__fd(l->vfork_link), "[perf_event]");
}

/* A reference (F_DUPFD_CLOEXEC) to each perf event this process holds. */
static int dup_perf_events(int *fds, int max)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int n = 0;

	if (!d)
		return 0;
	while (n < max && (e = readdir(d))) {
		int fd = atoi(e->d_name);

		if (e->d_name[0] == '.' || fd == dirfd(d) || !fd_is(fd, "[perf_event]"))
			continue;
		fds[n] = fcntl(fd, F_DUPFD_CLOEXEC, 3);
		if (fds[n] >= 0)
			n++;
	}
	closedir(d);
	return n;
}

/* Close every descriptor but the @n in @keep (any order). */
static void close_all_but(const int *keep, int n)
{
	int sorted[MAX_LINKS + 1], lo = 0;

	memcpy(sorted, keep, n * sizeof(*keep));
	for (int i = 1; i < n; i++)	/* insertion sort: a few dozen */
		for (int j = i; j > 0 && sorted[j - 1] > sorted[j]; j--) {
			int t = sorted[j];

			sorted[j] = sorted[j - 1];
			sorted[j - 1] = t;
		}
	for (int i = 0; i < n; i++) {
		if (sorted[i] > lo)
			syscall(__NR_close_range, lo, sorted[i] - 1, 0);
		lo = sorted[i] + 1;
	}
	syscall(__NR_close_range, lo, ~0U, 0);
}

/*
 * Release the perf events in @fds (their programs already detached) from
 * a process of their own, so that we need not wait for it.  The last
 * reference to a syscall tracepoint's (or a kprobe's) perf event unregisters
 * it and waits for tracepoint_synchronize_unregister() under event_mutex
 * (kernel/trace/trace_event_perf.c:perf_trace_destroy(), v5.10 .. v7.2):
 * a tasks-trace RCU and an SRCU grace period per event, one after another,
 * 0.2-0.25 s for the 8 syscall tracepoints here.  Nothing of ours runs on
 * them meanwhile: disabled and program-less, the events are dropped by the
 * kernel's perf probe (perf_syscall_enter(): no program, no event on the
 * CPU's list).  A grandchild holds them, with no other descriptor (no
 * pipe of our caller's stays open), until we have dropped ours, then closes
 * them and exits; if it cannot be made, we close them here.
 */
static void release_perf_events(int *fds, int n)
{
	int p[2] = { -1, -1 }, keep[MAX_LINKS + 1];
	pid_t pid = -1;

	if (!pipe2(p, O_CLOEXEC))
		pid = fork();
	if (pid == 0) {
		char c;

		/* closed before the grandchild is made: it never holds them */
		memcpy(keep, fds, n * sizeof(*fds));
		keep[n] = p[0];
		close_all_but(keep, n + 1);
		if (fork())
			_exit(0);
		prctl(PR_SET_NAME, "clonecheck-rel");	/* ps: what it is */
		while (read(p[0], &c, 1) < 0 && errno == EINTR)
			;	/* EOF: our caller holds no reference */
		for (int i = 0; i < n; i++)
			close(fds[i]);
		_exit(0);
	}
	for (int i = 0; i < n; i++)
		close(fds[i]);	/* the grandchild's are the last */
	if (pid > 0) {
		close(p[0]);
		close(p[1]);
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			;
	} else if (pid < 0 && p[0] >= 0) {
		close(p[0]);
		close(p[1]);
	}
}

/*
 * Detach and free the BPF side, here: every program is detached when this
 * returns.  On a kernel whose perf-event programs hang from BPF links, the
 * perf events themselves are then released by a grandchild
 * (release_perf_events()); before 5.15 their grace periods are part of the
 * stop (a program goes with its event's last reference, and none of ours
 * stays attached after we exit).
 */
static void detach_all(struct loader *l)
{
	int perf[MAX_LINKS], n = 0;

	if (perf_programs_on_links(l))
		n = dup_perf_events(perf, MAX_LINKS);
	detach_links(l);
	clonecheck_bpf__destroy(l->skel);
	l->skel = NULL;
	if (n)
		release_perf_events(perf, n);
}

/* The first program to be attached that has no link: the one that failed. */
static const char *unattached(const struct clonecheck_bpf *s)
{
	const struct bpf_object_skeleton *sk = s->skeleton;

	for (int i = 0; i < sk->prog_cnt; i++)
		if (bpf_program__autoload(*sk->progs[i].prog) && !*sk->progs[i].link)
			return bpf_program__section_name(*sk->progs[i].prog);
	return "a program";
}

/* Open, load and attach one attempt; on failure say why in *why. */
static int try_attempt(struct loader *l, const struct attempt *at, char *why, size_t len)
{
	const struct loader_opts *o = &l->opts;
	int err;

	libbpf_reason_reset();
	l->skel = open_skel(l->atomic_fetch, l->cast, l->opts.btf_path);
	if (!l->skel) {
		err = -errno;
		snprintf(why, len, "cannot open the BPF object: %s", strerror(-err));
		return err;
	}
	l->skel->rodata->filter_tgid = o->filter_tgid;
	l->skel->rodata->filter_cgroup = o->cgroup_id;
	l->skel->rodata->nr_cpus = l->nr_cpus;
	{
		/* V-24, V-30, V-18: globals BPF reads at syscall entry */
		static const char *const syms[] = {
			"nr_threads", "max_threads", "sysctl_nr_open", "unprivileged_userns_clone",
		};
		uint64_t a[sizeof(syms) / sizeof(syms[0])];

		profile_kallsyms_data(syms, a, sizeof(syms) / sizeof(syms[0]));
		l->skel->rodata->ksym_nr_threads = a[0];
		l->skel->rodata->ksym_max_threads = a[1];
		l->skel->rodata->ksym_nr_open = a[2];
		l->skel->rodata->ksym_userns_clone = a[3];
	}
	if (o->comm)
		strncpy((char *)l->skel->rodata->filter_comm, o->comm,
			sizeof(l->skel->rodata->filter_comm) - 1);
	bpf_map__set_max_entries(l->skel->maps.rb,
				 o->ringbuf_bytes ? o->ringbuf_bytes : LOADER_RINGBUF_DEFAULT);
	select_programs(l->skel, at);
	/*
	 * Maps nothing loaded uses get one entry's worth: preallocating a
	 * hash takes the kernel 3-15 ms at start-up.  kp_saved serves only the
	 * kprobe programs, watched only a watched set (filter_tgid).
	 */
	if (at->backend != BACKEND_KPROBE)
		bpf_map__set_max_entries(l->skel->maps.kp_saved, 1);
	if (!o->filter_tgid)
		bpf_map__set_max_entries(l->skel->maps.watched, 64);
	/* only a watched set has tgids to forget (watched-pid-reuse) */
	bpf_program__set_autoload(l->skel->progs.handle_sched_process_exit,
				  o->filter_tgid && at->btf_tp);
	bpf_program__set_autoload(l->skel->progs.raw_sched_process_exit,
				  o->filter_tgid && !at->btf_tp);
	skip_missing_syscalls(l->skel);
	err = clonecheck_bpf__load(l->skel);
	if (err) {
		snprintf(why, len, "load failed: %s", errstr(err));
		goto out_detach;
	}
	err = clonecheck_bpf__attach(l->skel);
	if (err) {
		snprintf(why, len, "cannot attach %s: %s", unattached(l->skel), errstr(err));
		goto out_detach;
	}
	/* fork's program serves vfork too (bpf/clonecheck.bpf.c): verified once */
	if (bpf_program__autoload(l->skel->progs.handle_sys_enter_fork) &&
	    !exists(TRACEFS "/events/syscalls/sys_enter_vfork")) {
		l->vfork_link = bpf_program__attach_tracepoint(l->skel->progs.handle_sys_enter_fork,
								"syscalls", "sys_enter_vfork");
		if (!l->vfork_link) {
			err = -errno;
			snprintf(why, len, "cannot attach %s: %s",
				 "tracepoint/syscalls/sys_enter_vfork", errstr(err));
			goto out_detach;
		}
	}
	return 0;

out_detach:
	detach_all(l);
	return err;
}

/*
 * Records handed on per poll or drain at most: under a clone storm the ring
 * refills as fast as it is read, and libbpf's consume loop would never
 * return, so a stop would wait for the storm to end.
 */
#define POLL_BUDGET 4096

static int on_sample(void *ctx, void *data, size_t len)
{
	struct loader *l = ctx;
	int err = l->opts.cb ? l->opts.cb(l->opts.ctx, data, len) : 0;

	if (err)
		return err;
	/* libbpf has moved past this record: stopping here loses nothing */
	if (++l->taken >= POLL_BUDGET) {
		l->yielded = true;
		return -ECANCELED;
	}
	return 0;
}

/* What a libbpf poll or consume returned, as records handed on or -errno. */
static int taken(struct loader *l, int n)
{
	if ((n == -ECANCELED && l->yielded) || n == -EINTR || n >= 0)
		n = (int)l->taken;
	l->yielded = false;
	l->taken = 0;
	return n;
}

/*
 * Start-up parses the kernel's BTF (5 MiB, ~11 MiB of heap a parse) up to
 * four times: the feature probe, libbpf's load of the main object, and for
 * the workload wl_inject_open() and the injection object's load.  On a
 * paravirtualised guest a page fault costs tens of microseconds, and each
 * parse into fresh heap took 60-100 ms where one into memory already faulted
 * took 4-8 ms.  So until the gate first opens, big blocks come from the heap
 * (not mmap), the heap keeps what is freed (each parse reuses the last
 * one's pages), and the heap's first 32 MiB is advised into huge pages (a
 * fault per 2 MiB; THP "madvise" mode, the default).  Then the retained
 * heap is given back.
 */
#define BTF_HEAP_BYTES (32u << 20)
#define HUGE_PAGE (2u << 20)
static bool btf_heap_held;

static void btf_heap_hold(void)
{
	uintptr_t a, end;
	char *p;

	if (btf_heap_held)
		return;
	btf_heap_held = true;
	mallopt(M_MMAP_THRESHOLD, 64 << 20);
	mallopt(M_TRIM_THRESHOLD, 256 << 20);
	p = malloc(BTF_HEAP_BYTES);
	if (!p)
		return;
	a = ((uintptr_t)p + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
	end = ((uintptr_t)p + BTF_HEAP_BYTES) & ~(uintptr_t)(HUGE_PAGE - 1);
	if (end > a)
		madvise((void *)a, end - a, MADV_HUGEPAGE);	/* advice only: errors ignored */
	free(p);
}

static void btf_heap_release(void)
{
	if (!btf_heap_held)
		return;
	btf_heap_held = false;
	mallopt(M_MMAP_THRESHOLD, 128 << 10);	/* glibc's defaults */
	mallopt(M_TRIM_THRESHOLD, 128 << 10);
	malloc_trim(0);
}

struct loader *loader__open(const struct loader_opts *opts, int *err)
{
	char why[512] = "";
	struct features feat;
	struct loader *l;

	libbpf_set_print(libbpf_print);
	btf_heap_hold();
	*err = check_caps();
	if (*err)
		return NULL;
	if (opts->btf_path && faccessat(AT_FDCWD, opts->btf_path, R_OK, AT_EACCESS)) {
		*err = -errno;
		elog("cannot read the BTF %s: %s", opts->btf_path, strerror(-*err));
		return NULL;
	}
	if (!opts->btf_path && exists("/sys/kernel/btf/vmlinux")) {
		elog("no kernel BTF at /sys/kernel/btf/vmlinux (CONFIG_DEBUG_INFO_BTF=y needed; "
		     "or give one with --btf FILE)");
		*err = -ENOENT;
		return NULL;
	}
	*err = ensure_tracefs();
	if (*err)
		return NULL;
	l = calloc(1, sizeof(*l));
	if (!l) {
		*err = -ENOMEM;
		return NULL;
	}
	l->opts = *opts;
	l->atomic_fetch = probe_atomic_fetch();
	if (!l->atomic_fetch)
		vlog("no BPF_FETCH atomics (kernel before 5.12): clone ids counted per CPU");
	*err = libbpf_num_possible_cpus();
	if (*err < 0) {
		elog("cannot count the possible CPUs: %s", strerror(-*err));
		goto out_free;
	}
	l->nr_cpus = *err;

	/* Step 1: probe, then load and attach the first backend the kernel allows. */
	probe_features(&feat, opts->backend, opts->btf_path);
	l->cast = feat.cast && l->atomic_fetch;
	if (l->cast)
		vlog("tasks are read through bpf_rdonly_cast() (verified faster)");
	*err = -ENOENT;
	for (size_t i = 0; i < ARRAY_SIZE(attempts) && !l->skel; i++) {
		const struct attempt *at = &attempts[i];

		if (opts->backend != BACKEND_AUTO && opts->backend != at->backend)
			continue;
		if (!attempt_fits(at, &feat, why, sizeof(why))) {
			vlog("backend %s: %s", at->name, why);
			continue;
		}
		*err = try_attempt(l, at, why, sizeof(why));
		if (*err && l->cast) {
			/* the probe said yes; should the object still fail, without */
			vlog("backend %s with bpf_rdonly_cast(): %s; again without", at->name, why);
			l->cast = false;
			*err = try_attempt(l, at, why, sizeof(why));
		}
		if (*err) {
			vlog("backend %s: %s", at->name, why);
			if (libbpf_reason[0]) {
				size_t n = strlen(why);

				snprintf(why + n, sizeof(why) - n, " (libbpf: %s)", libbpf_reason);
			}
			continue;
		}
		l->at = at;
	}
	if (!l->skel) {
		elog("backend %s cannot run on this kernel: %s", backend_names[opts->backend], why);
		goto out_free;
	}
	/* Step 2: the ring buffer consumer. */
	l->rb = ring_buffer__new(bpf_map__fd(l->skel->maps.rb), on_sample, l, NULL);
	if (!l->rb) {
		*err = -errno;
		elog("cannot open the BPF ring buffer: %s", strerror(-*err));
		goto out_free;
	}
	vlog("backend: %s", l->at->name);
	vlog("cannot see: %s", l->at->blind);
	return l;

out_free:
	loader__close(l);
	return NULL;
}

void loader__set_ctx(struct loader *l, void *ctx)
{
	l->opts.ctx = ctx;
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

/* Chunks of POLL_BUDGET records one poll drains at most. */
#define POLL_CHUNKS 16

int loader__poll(struct loader *l, int timeout_ms)
{
	/*
	 * BPF wakes us only once the ring is half full (rb_flags()): the wait
	 * is the period, and what came without a wake-up is consumed after it,
	 * chunk by chunk while chunks come full (a backlog), up to POLL_CHUNKS.
	 */
	int n = taken(l, ring_buffer__poll(l->rb, timeout_ms)), total;

	if (n < 0)
		return n;
	total = n;
	for (int i = 0; i < POLL_CHUNKS; i++) {
		n = taken(l, ring_buffer__consume(l->rb));
		if (n < 0)
			return n;
		total += n;
		if (n < POLL_BUDGET)
			break;
	}
	return total;
}

int loader__drain(struct loader *l)
{
	return taken(l, ring_buffer__consume(l->rb));
}

void loader__gate(struct loader *l, bool open)
{
	__atomic_store_n(&l->skel->bss->gate_open, open ? 1 : 0, __ATOMIC_SEQ_CST);
	if (open)	/* everything is loaded: no BTF is parsed after this */
		btf_heap_release();
}

/*
 * The gate is closed: BPF opens no new clone.  What the drain still needs is
 * that no program run begun before is still writing: any of them runs
 * with preemption disabled or under rcu_read_lock() (tracepoints: __DO_TRACE
 * and, for the faultable syscall ones, perf_syscall_enter()'s
 * guard(preempt_notrace); kprobes; fentry's __bpf_prog_enter()), so one
 * synchronize_rcu() covers them all.  membarrier(MEMBARRIER_CMD_GLOBAL) is
 * that (kernel/sched/membarrier.c:sys_membarrier(), v5.10 and v6.18), where
 * more than one CPU is online (on one it skips the wait) and without
 * nohz_full (-EINVAL).  The detach itself is left to loader__close(), after
 * the drain and the report.  Where membarrier cannot, the programs are
 * detached here.
 */
void loader__stop(struct loader *l)
{
	if (sysconf(_SC_NPROCESSORS_ONLN) > 1 &&
	    !syscall(__NR_membarrier, MEMBARRIER_CMD_GLOBAL, 0, 0))
		return;
	detach_links(l);
}

double loader__ring_fill(struct loader *l)
{
	uint64_t size = bpf_map__max_entries(l->skel->maps.rb);
	uint64_t max = __atomic_exchange_n(&l->skel->bss->rb_max_avail, 0, __ATOMIC_RELAXED);

	return size ? (double)max / size : 0;
}

int loader__bpf_stats(const struct loader *l, uint64_t *run_ns, uint64_t *runs)
{
	struct bpf_program *prog;

	*run_ns = *runs = 0;
	bpf_object__for_each_program(prog, l->skel->obj) {
		struct bpf_prog_info info = {};
		__u32 len = sizeof(info);
		int fd = bpf_program__fd(prog);

		if (fd < 0)
			continue;
		if (bpf_obj_get_info_by_fd(fd, &info, &len))
			return -errno;
		*run_ns += info.run_time_ns;
		*runs += info.run_cnt;
	}
	return 0;
}

const char *loader__backend(const struct loader *l)
{
	return l->at->name;
}

uint32_t loader__points(const struct loader *l)
{
	if (l->at->backend == BACKEND_TRACEPOINT)
		return OBS_POINTS_TRACEPOINT;
	return OBS_POINTS_TRACEPOINT | OBS_POINTS_FUNCTIONS;
}

const char *loader__blind_spots(const struct loader *l)
{
	return l->at->blind;
}

uint64_t loader__lost(const struct loader *l, uint64_t lost[OBS__COUNT])
{
	uint64_t total = 0;

	for (int t = REC_SYS_ENTER; t < REC__MAX; t++) {
		uint64_t n = l->skel->bss->lost[t];

		/* rec_type t is observation point t - REC_SYS_ENTER (see events.h). */
		lost[t - REC_SYS_ENTER] = n;
		total += n;
	}
	return total;
}

int loader__plan_fd(const struct loader *l)
{
	return bpf_map__fd(l->skel->maps.inject_plan);
}

int loader__watched_fd(const struct loader *l)
{
	return bpf_map__fd(l->skel->maps.watched);
}

uint64_t loader__untracked(const struct loader *l)
{
	return l->skel->bss->untracked_child;
}

/*
 * Say (-v) each program's runs and run time (when the kernel keeps BPF
 * statistics), how often the kernel skipped one of our programs (recursion on a
 * CPU: bpf_prog_info.recursion_misses, 5.12+; 0 before), and how often the
 * second sys_exit instance caught what the first missed.
 */
static void log_misses(const struct loader *l)
{
	struct bpf_program *prog;

	bpf_object__for_each_program(prog, l->skel->obj) {
		struct bpf_prog_info info = {};
		__u32 len = sizeof(info);
		int fd = bpf_program__fd(prog);

		if (fd < 0 || bpf_obj_get_info_by_fd(fd, &info, &len))
			continue;
		/* kernel.bpf_stats_enabled=1: what each program cost (make bench) */
		if (info.run_cnt)
			vlog("bpf stats: %s %llu runs %llu ns", bpf_program__name(prog),
			     (unsigned long long)info.run_cnt,
			     (unsigned long long)info.run_time_ns);
		if (info.recursion_misses)
			vlog("the kernel skipped %llu runs of %s (recursion)",
			     (unsigned long long)info.recursion_misses, bpf_program__name(prog));
	}
	if (l->skel->bss->exit_second_chance)
		vlog("%llu sys_exit records came from the second instance",
		     (unsigned long long)l->skel->bss->exit_second_chance);
}

void loader__close(struct loader *l)
{
	btf_heap_release();
	if (!l)
		return;
	if (l->skel && l->at)
		log_misses(l);
	ring_buffer__free(l->rb);
	if (l->skel)
		detach_all(l);
	free(l);
}
