// SPDX-License-Identifier: GPL-2.0
/* replay.c - a trace file through a session, as `clonecheck check` does. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "log.h"
#include "profile.h"
#include "replay.h"

static int replay(const char *path, const char *profile, const struct session_opts *so,
		  struct session **out, bool salvage)
{
	struct trace_error terr = {};
	struct trace_reader *tr;
	struct trace_counts c = {};
	struct trace_meta m;
	struct model_profile prof;
	unsigned long long records = 0;
	const void *rec;
	size_t len;
	int err, n;

	*out = NULL;
	tr = trace_reader__open(path, &m, &terr);
	if (!tr) {
		elog("%s", terr.msg);
		return terr.err ? terr.err : -EINVAL;
	}
	err = profile_parse(profile ? profile : m.profile, &prof);
	if (err) {
		elog("bad kernel profile '%s'%s", profile ? profile : m.profile,
		     profile ? "" : " in the trace file");
		goto out_close;
	}
	profile_format(&prof, m.profile, sizeof(m.profile));
	{
		char w[sizeof(m.workload)];

		snprintf(w, sizeof(w), "%s", m.workload);
		snprintf(m.workload, sizeof(m.workload), "replay of %.100s (%.140s)", path, w);
	}
	*out = session__begin(&m, &prof, so, &err);
	if (!*out)
		goto out_close;
	while ((n = trace_reader__next(tr, &rec, &len)) > 0) {
		session__record(*out, rec, len);
		records++;
	}
	if (n < 0 && salvage) {
		/* what came before the damage is judged; the rest is unknown */
		const struct trace_error *e = trace_reader__error(tr);

		elog("%s; salvaged the %llu records before byte %llu", e->msg,
		     (unsigned long long)records, (unsigned long long)e->offset);
		session__truncated(*out, e->msg);
		memset(&c, 0, sizeof(c));
		err = session__end(*out, &c);
		goto out_close;
	}
	if (n < 0) {
		err = n;
		elog("%s", trace_reader__error(tr)->msg);
		goto out_close;
	}
	vlog("replayed %llu records", records);	/* make bench: records per second */
	err = trace_reader__counts(tr, &c);
	if (err) {
		elog("%s: no counts after the last record", path);
		goto out_close;
	}
	/* what this replay could not decode is its own count (session__info) */
	err = session__end(*out, &c);

out_close:
	trace_reader__close(tr);
	return err;
}

int replay_trace(const char *path, const char *profile, const struct session_opts *so,
		 struct session **out)
{
	return replay(path, profile, so, out, false);
}

int replay_salvage(const char *path, const char *profile, const struct session_opts *so,
		   struct session **out)
{
	return replay(path, profile, so, out, true);
}
