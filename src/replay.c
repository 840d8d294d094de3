// SPDX-License-Identifier: GPL-2.0
/* replay.c - trace file <-> run: replay a file, describe a live run. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "log.h"
#include "profile.h"
#include "replay.h"

int replay_trace(struct run *r, const char *path, const char *profile)
{
	struct trace_error terr = {};
	struct trace_reader *tr;
	struct trace_counts c = {};
	struct trace_meta m;
	struct model_profile prof;
	const void *rec;
	size_t len;
	int err, n;

	tr = trace_reader__open(path, &m, &terr);
	if (!tr) {
		elog("%s", terr.msg);
		return terr.err ? terr.err : -EINVAL;
	}
	snprintf(r->release, sizeof(r->release), "%s", m.release);
	snprintf(r->machine, sizeof(r->machine), "%s", m.machine);
	snprintf(r->backend, sizeof(r->backend), "%s", m.backend);
	snprintf(r->workload, sizeof(r->workload), "replay of %s (%s)", path, m.workload);
	err = profile_parse(profile ? profile : m.profile, &prof);
	if (err) {
		elog("bad kernel profile '%s'%s", profile ? profile : m.profile,
		     profile ? "" : " in the trace file");
		goto out_close;
	}
	profile_format(&prof, r->profile, sizeof(r->profile));
	r->info.release = r->release;
	r->info.machine = r->machine;
	r->info.backend = r->backend;
	r->info.profile = r->profile;
	r->info.workload = r->workload;
	r->points = m.obs_mask;
	r->info.points = r->points;

	r->pipe.layout = &m.layout;
	err = pipeline__init(&r->pipe, &prof, r->points);
	if (err)
		goto out_close;
	err = pipeline__begin_reports(&r->pipe, &r->info);
	if (err)
		goto out_close;
	while ((n = trace_reader__next(tr, &rec, &len)) > 0)
		pipeline__record(&r->pipe, rec, len);
	if (n < 0) {
		err = n;
		elog("%s", trace_reader__error(tr)->msg);
		goto out_close;
	}
	err = trace_reader__counts(tr, &c);
	if (err) {
		elog("%s: no counts after the last record", path);
		goto out_close;
	}
	memcpy(r->info.lost, c.lost, sizeof(r->info.lost));
	r->info.lost_total = c.lost_total;
	r->info.untracked = c.untracked;
	r->pipe.lossy = c.lost_total != 0;
	pipeline__finish(&r->pipe);
	r->pipe.layout = NULL;
	/* what this replay could not decode; the recorder's count is c.undecodable */
	r->info.undecodable = r->pipe.undecodable;

out_close:
	trace_reader__close(tr);
	return err;
}

void replay_meta_of(const struct run *r, struct trace_meta *m)
{
	memset(m, 0, sizeof(*m));
	snprintf(m->release, sizeof(m->release), "%s", r->release);
	snprintf(m->machine, sizeof(m->machine), "%s", r->machine);
	snprintf(m->backend, sizeof(m->backend), "%s", r->info.backend ? r->info.backend : "");
	snprintf(m->profile, sizeof(m->profile), "%s", r->profile);
	snprintf(m->workload, sizeof(m->workload), "%.255s", r->workload);
	m->obs_mask = r->points;
	snprintf(m->obs_text, sizeof(m->obs_text), "%s", r->blind ? r->blind : "");
	trace_btf_identity("/sys/kernel/btf/vmlinux", &m->btf_size, &m->btf_crc32);
}

void replay_counts_of(const struct run *r, struct trace_counts *c)
{
	memset(c, 0, sizeof(*c));
	memcpy(c->lost, r->info.lost, sizeof(c->lost));
	c->lost_total = r->info.lost_total;
	c->untracked = r->info.untracked;
	c->undecodable = r->pipe.undecodable;
}
