// SPDX-License-Identifier: GPL-2.0
/*
 * wl_inject.c - the injection object beside the main one, and the setup
 * that arms a plan for one helper's own next clone (wl_inject.h).
 *
 * The object is opened on the main object's plan map (reused by fd) and
 * loaded in two tries: every program whose target is in the kernel's BTF,
 * then, if that load is refused (no fentry/fmod_ret: the tracepoint
 * backend's kernels), the syscall-entry signal programs alone.  A kind is
 * available only if its program is attached; the reason otherwise is kept
 * for the log and for the workload, which skips the kind's cases.  The
 * slab kind's program sees every slab allocation on the machine: it is
 * loaded with the rest but attached only around its own cases
 * (wl_inject_hold()).
 */
#define _GNU_SOURCE
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "predict.h"
#include "wl_inject.h"
#include "inject.skel.h"
#include "../bpf/inject.h"


static struct inject_bpf *skel;
static int plan_map_fd = -1;
static const char *why_not[MODEL_INJ__COUNT];
static char why_buf[MODEL_INJ__COUNT][128];

/* The program of each kind but the signal gate's (four syscall entries). */
static struct bpf_program *prog_of(struct inject_bpf *s, long kind)
{
	switch (kind) {
	case MODEL_INJ_SIGKILL_LATE: return s->progs.inj_sigkill_late;
	case MODEL_INJ_TASK_ALLOC: return s->progs.inj_task_alloc;
	case MODEL_INJ_PREPARE_CREDS: return s->progs.inj_prepare_creds;
	case MODEL_INJ_CREATE_USER_NS: return s->progs.inj_create_user_ns;
	case MODEL_INJ_VM_ENOUGH_MEMORY: return s->progs.inj_vm_enough_memory;
	case MODEL_INJ_FILE_ALLOC: return s->progs.inj_file_alloc;
	case MODEL_INJ_SIGKILL_SLAB: return s->progs.inj_sigkill_slab;
	default: return NULL;
	}
}

/* The kinds whose program is a tracepoint: loaded where fentry is refused. */
static bool needs_fentry(long kind)
{
	return kind != MODEL_INJ_SIGNAL_GATE && kind != MODEL_INJ_SIGKILL_SLAB;
}

/*
 * NULL if the kernel's kmem:kmem_cache_alloc passes the cache (6.1+:
 * TP_PROTO(call_site, ptr, struct kmem_cache *s, gfp_flags, node)), as
 * inj_sigkill_slab reads it; else why not (5.10 passes sizes, and its
 * task_struct comes through kmem_cache_alloc_node).
 */
static const char *slab_tp_unusable(const struct btf *vmlinux)
{
	const struct btf_type *t;
	const struct btf_param *par;
	int id;

	if (!vmlinux)
		return "no kernel BTF";
	id = btf__find_by_name_kind(vmlinux, "btf_trace_kmem_cache_alloc", BTF_KIND_TYPEDEF);
	if (id < 0)
		return "no kmem:kmem_cache_alloc tracepoint in the kernel's BTF";
	t = btf__type_by_id(vmlinux, btf__resolve_type(vmlinux, id));
	if (t && btf_is_ptr(t))
		t = btf__type_by_id(vmlinux, t->type);
	if (!t || !btf_is_func_proto(t) || btf_vlen(t) < 4)
		return "kmem:kmem_cache_alloc has an unknown prototype";
	par = btf_params(t);	/* void *__data, call_site, ptr, s, ... */
	t = btf__type_by_id(vmlinux, btf__resolve_type(vmlinux, par[3].type));
	if (t && btf_is_ptr(t))
		t = btf__type_by_id(vmlinux, btf__resolve_type(vmlinux, t->type));
	if (!t || !btf_is_struct(t) || strcmp(btf__name_by_offset(vmlinux, t->name_off), "kmem_cache"))
		return "kmem:kmem_cache_alloc does not pass the cache (before 6.1)";
	return NULL;
}

static bool tracepoint_exists(const char *name)
{
	char path[128];

	snprintf(path, sizeof(path), "/sys/kernel/tracing/events/syscalls/%s", name);
	if (!access(path, F_OK))
		return true;
	snprintf(path, sizeof(path), "/sys/kernel/debug/tracing/events/syscalls/%s", name);
	return !access(path, F_OK);
}

static void __attribute__((format(printf, 2, 3))) set_why(long kind, const char *fmt, ...)
{
	va_list ap;

	if (why_not[kind])
		return;
	va_start(ap, fmt);
	vsnprintf(why_buf[kind], sizeof(why_buf[kind]), fmt, ap);
	va_end(ap);
	why_not[kind] = why_buf[kind];
}

/* Open on the plan map, with the fentry kinds or without; NULL if refused. */
static struct inject_bpf *open_on(int fd, bool fentry, const struct btf *vmlinux)
{
	struct inject_bpf *s = inject_bpf__open();

	if (!s)
		return NULL;
	if (bpf_map__reuse_fd(s->maps.inject_plan, fd)) {
		inject_bpf__destroy(s);
		return NULL;
	}
	bpf_program__set_autoload(s->progs.inj_enter_fork, tracepoint_exists("sys_enter_fork"));
	bpf_program__set_autoload(s->progs.inj_enter_vfork, tracepoint_exists("sys_enter_vfork"));
	for (long k = 1; k < MODEL_INJ__COUNT; k++) {
		struct bpf_program *p = prog_of(s, k);
		const char *fn;

		if (!p)
			continue;
		if (!needs_fentry(k)) {
			const char *why = slab_tp_unusable(vmlinux);

			if (why)
				set_why(k, "%s", why);
			bpf_program__set_autoload(p, !why_not[k]);
			continue;
		}
		fn = strchr(bpf_program__section_name(p), '/') + 1;
		if (fentry && vmlinux && btf__find_by_name_kind(vmlinux, fn, BTF_KIND_FUNC) < 0)
			set_why(k, "%s is not in this kernel's BTF", fn);
		bpf_program__set_autoload(p, fentry && !why_not[k]);
	}
	if (inject_bpf__load(s)) {
		inject_bpf__destroy(s);
		return NULL;
	}
	return s;
}

/*
 * open_on(), and if that fails with the kmem_cache_alloc program, again
 * without it (that kind then says why).
 */
static struct inject_bpf *open_on_slab(int plan_fd, bool fentry, const struct btf *vmlinux)
{
	static const char refused[] = "the kernel refused its kmem_cache_alloc program";
	struct inject_bpf *s = open_on(plan_fd, fentry, vmlinux);

	if (s || why_not[MODEL_INJ_SIGKILL_SLAB])
		return s;
	why_not[MODEL_INJ_SIGKILL_SLAB] = refused;
	s = open_on(plan_fd, fentry, vmlinux);
	if (!s)
		why_not[MODEL_INJ_SIGKILL_SLAB] = NULL;	/* not what was refused */
	return s;
}

/*
 * Attach one program into its skeleton slot (inject_bpf__destroy() detaches
 * it): one at a time, not inject_bpf__attach(), so that a hook this kernel
 * refuses costs only its own kind.
 */
static int attach(const struct bpf_prog_skeleton *ps)
{
	*ps->link = bpf_program__attach(*ps->prog);
	return *ps->link ? 0 : -errno;
}

void wl_inject_open(int plan_fd)
{
	struct btf *vmlinux = btf__load_vmlinux_btf();
	int err;

	memset(why_not, 0, sizeof(why_not));
	plan_map_fd = plan_fd;
	if (!vmlinux || libbpf_get_error(vmlinux))
		vmlinux = NULL;
	/*
	 * Everything, then without the kmem_cache_alloc program (its
	 * tracepoint alone may be what was refused), then without fentry,
	 * with and without it again: a refused program costs its own kinds.
	 */
	skel = open_on_slab(plan_fd, true, vmlinux);
	if (!skel) {
		for (long k = MODEL_INJ_SIGKILL_LATE; k < MODEL_INJ__COUNT; k++)
			if (needs_fentry(k))
				set_why(k, "needs fentry/fmod_ret, which this kernel refused to load");
		skel = open_on_slab(plan_fd, false, vmlinux);
	}
	btf__free(vmlinux);
	if (!skel) {
		for (long k = 1; k < MODEL_INJ__COUNT; k++)
			set_why(k, "the injection object did not load");
		vlog("injection: the injection object did not load");
		return;
	}
	for (int i = 0; i < skel->skeleton->prog_cnt; i++) {
		const struct bpf_prog_skeleton *ps = &skel->skeleton->progs[i];
		struct bpf_program *p = *ps->prog;
		long kind = MODEL_INJ_SIGNAL_GATE;

		if (!bpf_program__autoload(p) || p == skel->progs.inj_sigkill_slab)
			continue;
		for (long k = 1; k < MODEL_INJ__COUNT; k++)
			if (prog_of(skel, k) == p)
				kind = k;
		err = attach(ps);
		if (err)
			set_why(kind, "cannot attach %s: %s", bpf_program__section_name(p),
				strerror(-err));
	}
	for (long k = 1; k < MODEL_INJ__COUNT; k++)
		if (why_not[k])
			vlog("injection: %s unavailable: %s", model_inject_name(k), why_not[k]);
}

void wl_inject_close(void)
{
	for (long k = 1; skel && k < MODEL_INJ__COUNT; k++)
		if (skel->bss->injected[k])
			vlog("injection: %s injected %llu time(s)", model_inject_name(k),
			     (unsigned long long)skel->bss->injected[k]);
	wl_inject_forget();
	inject_bpf__destroy(skel);	/* detaches what attach() attached */
	skel = NULL;
	plan_map_fd = -1;
}

/* The skeleton's slot of @prog (its link is detached with the skeleton). */
static const struct bpf_prog_skeleton *slot_of(const struct bpf_program *prog)
{
	for (int i = 0; skel && i < skel->skeleton->prog_cnt; i++)
		if (*skel->skeleton->progs[i].prog == prog)
			return &skel->skeleton->progs[i];
	return NULL;
}

int wl_inject_hold(long kind, bool on)
{
	const struct bpf_prog_skeleton *ps;

	if (kind != MODEL_INJ_SIGKILL_SLAB || wl_inject_unavailable(kind))
		return 0;
	ps = slot_of(skel->progs.inj_sigkill_slab);
	if (!ps)
		return -ENOENT;
	if (!on) {
		bpf_link__destroy(*ps->link);
		*ps->link = NULL;
		return 0;
	}
	return *ps->link ? 0 : attach(ps);
}

const char *wl_inject_unavailable(long kind)
{
	if (kind <= 0 || kind >= MODEL_INJ__COUNT)
		return "no such injection";
	if (!skel)
		return why_not[kind] ? why_not[kind] : "the injection object is not loaded";
	return why_not[kind];
}

void wl_inject_forget(void)
{
	uint32_t key, next;

	if (plan_map_fd < 0)
		return;
	while (!bpf_map_get_next_key(plan_map_fd, NULL, &next)) {
		key = next;
		if (bpf_map_delete_elem(plan_map_fd, &key))
			break;
	}
}

static void on_injected_signal(int sig)
{
	(void)sig;
}

static int disarm(struct wl_ctx *x)
{
	uint32_t tid = (uint32_t)syscall(SYS_gettid);

	(void)x;
	return bpf_map_delete_elem(plan_map_fd, &tid) ? -errno : 0;
}

int wl_setup_inject(struct wl_ctx *x, long kind, long arg)
{
	uint32_t tid = (uint32_t)syscall(SYS_gettid);
	struct timespec ts;
	struct inject_plan plan = {
		.cookie = 0,
		.kind = (uint32_t)kind,
		.arg = (int32_t)arg,
	};

	if (!x->helper)
		return -EINVAL;
	/* the cookie names this clone in the report: tid and clock mixed */
	clock_gettime(CLOCK_MONOTONIC, &ts);
	plan.cookie = tid * 2654435761u ^ (uint32_t)ts.tv_nsec;
	if (plan_map_fd < 0 || wl_inject_unavailable(kind))
		return -EOPNOTSUPP;
	if (kind == MODEL_INJ_SIGNAL_GATE) {
		struct sigaction sa = { .sa_handler = on_injected_signal };
		sigset_t set;

		sigemptyset(&set);
		sigaddset(&set, (int)arg);
		if (sigaction((int)arg, &sa, NULL) || sigprocmask(SIG_UNBLOCK, &set, NULL))
			return -errno;
	}
	if (bpf_map_update_elem(plan_map_fd, &tid, &plan, BPF_NOEXIST))
		return -errno;
	x->undo = disarm;
	return 0;
}
