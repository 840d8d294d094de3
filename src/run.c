// SPDX-License-Identifier: GPL-2.0
/* run.c - the live mode: loader + workload + pipeline, in that order. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "loader.h"
#include "log.h"
#include "run.h"

#define DRAIN_MS 10		/* consumer period: BPF never wakes us (batched) */
#define SETTLE_POLLS 5		/* empty polls in a row that end the drain */

static int run_profile(struct run *r, struct model_profile *prof)
{
	struct utsname u;
	int err;

	if (uname(&u))
		return -errno;
	snprintf(r->release, sizeof(r->release), "%s", u.release);
	snprintf(r->machine, sizeof(r->machine), "%s", u.machine);
	err = model_profile_from_uname(r->release, r->machine, prof);
	if (err) {
		elog("no model profile for kernel %s on %s", r->release, r->machine);
		return -EINVAL;
	}
	snprintf(r->profile, sizeof(r->profile), "%d.%d/%s", prof->major, prof->minor,
		 prof->arch == MODEL_ARCH_ARM64 ? "arm64" : "x86_64");
	r->info.release = r->release;
	r->info.machine = r->machine;
	r->info.profile = r->profile;
	return 0;
}

/* pipeline label hook: the case whose time window holds the syscall entry. */
static const char *case_label(void *ctx, const struct clone_obs *co)
{
	struct run *r = ctx;
	const struct wl_case *c = workload_cases(&r->n_cases);
	int i;

	if (!(co->seen & OBS_BIT(OBS_SYS_ENTER)) || co->enter.parent.pid != (uint32_t)getpid())
		return NULL;
	i = workload_case_at(r->results, co->ts[OBS_SYS_ENTER]);
	return i < 0 ? NULL : c[i].name;
}

int run_workload(struct run *r)
{
	struct loader_opts lo = { .filter_tgid = true };
	struct model_profile prof;
	struct loader *l = NULL;
	int err, empty = 0;

	err = run_profile(r, &prof);
	if (err)
		return err;
	r->pipe.label = case_label;
	r->pipe.label_ctx = r;
	err = pipeline__init(&r->pipe, &prof);
	if (err)
		return err;
	workload_cases(&r->n_cases);
	r->results = calloc(r->n_cases, sizeof(*r->results));
	if (!r->results)
		return -ENOMEM;
	r->info.workload = "built-in (this process's clones)";

	lo.cb = pipeline__record;
	lo.ctx = &r->pipe;
	l = loader__open(&lo, &err);
	if (!l)
		return err;
	r->info.backend = loader__backend(l);
	err = loader__watch(l, getpid());
	if (err) {
		elog("cannot watch pid %d: %s", getpid(), strerror(-err));
		goto out_close;
	}

	err = pipeline__begin_reports(&r->pipe, &r->info);
	if (err) {
		elog("cannot start a report: %s", strerror(-err));
		goto out_close;
	}
	err = workload_run(r->results);
	if (err) {
		elog("workload failed: %s", strerror(-err));
		goto out_close;
	}
	/* Drain until the ring stays empty for a few periods. */
	while (empty < SETTLE_POLLS) {
		int n = loader__poll(l, DRAIN_MS);

		if (n < 0) {
			err = n;
			elog("ring buffer poll failed: %s", strerror(-err));
			break;
		}
		empty = n ? 0 : empty + 1;
	}
	r->info.lost_total = loader__lost(l, r->info.lost);
	r->info.untracked = loader__untracked(l);
	r->pipe.lossy = r->info.lost_total != 0;
	pipeline__finish(&r->pipe);
	r->info.undecodable = r->pipe.undecodable;

out_close:
	loader__close(l);
	return err;
}

void run_free(struct run *r)
{
	pipeline__free(&r->pipe);
	free(r->results);
	r->results = NULL;
}
