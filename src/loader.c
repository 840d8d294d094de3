// SPDX-License-Identifier: GPL-2.0
/*
 * loader.c - the BPF side's lifetime: preflight, probe a backend, load,
 * attach, poll.
 *
 * One BPF object holds every backend's programs; each attempt opens it anew
 * and turns on one set with bpf_program__set_autoload().  `auto` tries
 * fentry/fexit, then kprobe/kretprobe, then tracepoints; the scheduler
 * tracepoints are tp_btf, or raw_tp where BTF tracepoints are refused.  The
 * syscall tracepoints need tracefs for their ids, mounted when absent.
 * Kernels without BPF_FETCH atomics (before 5.12) get the same object built
 * without them (clonecheck_nofetch, see CLONE_ID_NEW in bpf/compat.bpf.h).
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "correlate.h"
#include "loader.h"
#include "log.h"
#include "clonecheck.skel.h"
#include "clonecheck_nofetch.skel.h"	/* its ELF bytes only */
#include "../bpf/events.h"

#define TRACEFS "/sys/kernel/tracing"
#define SYSCALL_EVENTS TRACEFS "/events/syscalls/sys_enter_clone"
#define MAX_LINKS 32

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
	struct bpf_link *links[MAX_LINKS];
	size_t n_links;
	struct loader_opts opts;
	bool atomic_fetch;		/* the kernel takes BPF_FETCH (5.12+) */
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
 * Open the skeleton on the object the kernel can take: clonecheck_bpf's own,
 * or the one built without BPF_FETCH (same source, same maps, programs and
 * globals, so the same skeleton describes it).
 */
static struct clonecheck_bpf *open_skel(bool fetch, const char *btf_path)
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
		s->progs.handle_sched_wakeup_new, s->progs.handle_sched_switch,
	};
	struct bpf_program *raw_tp[] = {
		s->progs.raw_task_newtask, s->progs.raw_sched_process_fork,
		s->progs.raw_sched_wakeup_new, s->progs.raw_sched_switch,
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

		if (strncmp(sec, "tracepoint/syscalls/", 20))
			continue;
		snprintf(path, sizeof(path), TRACEFS "/events/syscalls/%s", sec + 20);
		if (access(path, F_OK)) {
			vlog("no %s on this kernel: not attached", sec + 11);
			bpf_program__set_autoload(prog, false);
		}
	}
}

/*
 * fentry/fexit need the traced function's BTF id: a function the kernel's
 * BTF lacks (copy_process on Debian's arm64 5.10, whose BTF has no FUNC for
 * it although kallsyms has it) cannot even be loaded, and libbpf says only
 * ESRCH.  Name the function instead.
 */
static int check_traced_btf(struct clonecheck_bpf *s, char *why, size_t len)
{
	struct bpf_program *prog;
	struct btf *vmlinux;
	int err = 0;

	vmlinux = btf__load_vmlinux_btf();
	if (!vmlinux)
		return 0;	/* the load says why */
	bpf_object__for_each_program(prog, s->obj) {
		const char *sec = bpf_program__section_name(prog);
		const char *fn = strchr(sec, '/');

		if (!bpf_program__autoload(prog) || (strncmp(sec, "fentry/", 7) &&
						     strncmp(sec, "fexit/", 6)))
			continue;
		if (btf__find_by_name_kind(vmlinux, fn + 1, BTF_KIND_FUNC) < 0) {
			err = -ESRCH;
			snprintf(why, len, "cannot attach %s: %s is not in the kernel's BTF", sec,
				 fn + 1);
			break;
		}
	}
	btf__free(vmlinux);
	return err;
}

/* strerror() has no text for the kernel-internal ENOTSUPP (524). */
static const char *errstr(int err)
{
	if (err == -524 || err == 524)
		return "not supported by this kernel or arch (ENOTSUPP)";
	return strerror(err < 0 ? -err : err);
}

static void *destroy_link(void *link)
{
	bpf_link__destroy(link);
	return NULL;
}

/*
 * Detach every program.  Each syscall tracepoint's perf event waits for an
 * RCU grace period as it goes (about 50 ms here): one thread per link lets
 * those waits overlap, so a stop takes one grace period, not a dozen.
 */
static void detach_links(struct loader *l)
{
	pthread_t tid[MAX_LINKS];
	bool threaded[MAX_LINKS] = {};
	size_t n = l->n_links;

	for (size_t i = 0; i < n; i++)
		threaded[i] = !pthread_create(&tid[i], NULL, destroy_link, l->links[i]);
	for (size_t i = 0; i < n; i++) {
		if (threaded[i])
			pthread_join(tid[i], NULL);
		else
			bpf_link__destroy(l->links[i]);
	}
	l->n_links = 0;
}

static void detach_all(struct loader *l)
{
	detach_links(l);
	clonecheck_bpf__destroy(l->skel);
	l->skel = NULL;
}

/* Open, load and attach one attempt; on failure say why in *why. */
static int try_attempt(struct loader *l, const struct attempt *at, char *why, size_t len)
{
	const struct loader_opts *o = &l->opts;
	struct bpf_program *prog;
	int err;

	l->skel = open_skel(l->atomic_fetch, l->opts.btf_path);
	if (!l->skel) {
		err = -errno;
		snprintf(why, len, "cannot open the BPF object: %s", strerror(-err));
		return err;
	}
	l->skel->rodata->filter_tgid = o->filter_tgid;
	l->skel->rodata->filter_cgroup = o->cgroup_id;
	l->skel->rodata->nr_cpus = l->nr_cpus;
	if (o->comm)
		strncpy((char *)l->skel->rodata->filter_comm, o->comm,
			sizeof(l->skel->rodata->filter_comm) - 1);
	bpf_map__set_max_entries(l->skel->maps.rb, o->ringbuf_bytes ? o->ringbuf_bytes : 4u << 20);
	select_programs(l->skel, at);
	skip_missing_syscalls(l->skel);
	err = check_traced_btf(l->skel, why, len);
	if (err)
		goto out_detach;
	err = clonecheck_bpf__load(l->skel);
	if (err) {
		snprintf(why, len, "load failed: %s", errstr(err));
		goto out_detach;
	}
	bpf_object__for_each_program(prog, l->skel->obj) {
		struct bpf_link *link;

		if (!bpf_program__autoload(prog))
			continue;
		link = bpf_program__attach(prog);
		if (!link) {
			err = -errno;
			snprintf(why, len, "cannot attach %s: %s", bpf_program__section_name(prog),
				 errstr(err));
			goto out_detach;
		}
		if (l->n_links == MAX_LINKS) {
			bpf_link__destroy(link);
			err = -E2BIG;
			snprintf(why, len, "too many programs");
			goto out_detach;
		}
		l->links[l->n_links++] = link;
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

struct loader *loader__open(const struct loader_opts *opts, int *err)
{
	char why[256] = "";
	struct loader *l;

	libbpf_set_print(libbpf_print);
	if (geteuid() != 0) {
		elog("must run as root to load BPF programs");
		*err = -EPERM;
		return NULL;
	}
	if (opts->btf_path && access(opts->btf_path, R_OK)) {
		*err = -errno;
		elog("cannot read the BTF %s: %s", opts->btf_path, strerror(-*err));
		return NULL;
	}
	if (!opts->btf_path && access("/sys/kernel/btf/vmlinux", R_OK)) {
		elog("no kernel BTF at /sys/kernel/btf/vmlinux (CONFIG_DEBUG_INFO_BTF=y needed; "
		     "or give one with --btf FILE)");
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

	/* Step 1: load and attach the first backend the kernel allows. */
	for (size_t i = 0; i < ARRAY_SIZE(attempts) && !l->skel; i++) {
		const struct attempt *at = &attempts[i];

		if (opts->backend != BACKEND_AUTO && opts->backend != at->backend)
			continue;
		*err = try_attempt(l, at, why, sizeof(why));
		if (*err) {
			vlog("backend %s: %s", at->name, why);
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

int loader__poll(struct loader *l, int timeout_ms)
{
	/*
	 * BPF wakes us only once the ring is half full (rb_flags()): the wait
	 * is the period, and what came without a wake-up is consumed after it.
	 */
	int n = ring_buffer__poll(l->rb, timeout_ms);

	if (n >= 0 || n == -EINTR)
		n = ring_buffer__consume(l->rb);
	return taken(l, n);
}

int loader__drain(struct loader *l)
{
	return taken(l, ring_buffer__consume(l->rb));
}

void loader__gate(struct loader *l, bool open)
{
	__atomic_store_n(&l->skel->bss->gate_open, open ? 1 : 0, __ATOMIC_SEQ_CST);
}

void loader__stop(struct loader *l)
{
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

		/* rec_type t is observation point t - 1 (see events.h). */
		lost[t - 1] = n;
		total += n;
	}
	return total;
}

int loader__plan_fd(const struct loader *l)
{
	return bpf_map__fd(l->skel->maps.inject_plan);
}

uint64_t loader__untracked(const struct loader *l)
{
	return l->skel->bss->untracked_child;
}

/*
 * Say (-v) how often the kernel skipped one of our programs (recursion on a
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

		if (fd < 0 || bpf_obj_get_info_by_fd(fd, &info, &len) || !info.recursion_misses)
			continue;
		vlog("the kernel skipped %llu runs of %s (recursion)",
		     (unsigned long long)info.recursion_misses, bpf_program__name(prog));
	}
	if (l->skel->bss->exit_second_chance)
		vlog("%llu sys_exit records came from the second instance",
		     (unsigned long long)l->skel->bss->exit_second_chance);
}

void loader__close(struct loader *l)
{
	if (!l)
		return;
	if (l->skel && l->at)
		log_misses(l);
	ring_buffer__free(l->rb);
	if (l->skel)
		detach_all(l);
	free(l);
}
