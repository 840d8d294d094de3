// SPDX-License-Identifier: GPL-2.0
/*
 * live_trace.c - record and replay agree: the built-in workload, observed live
 * (root, BPF) and written to a trace file as `clonecheck record -o` does, is
 * replayed through replay_trace(); each clone must get the same verdict, the
 * same number of checks and the same failed checks both times.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "replay.h"
#include "run.h"
#include "tests.h"

#define RT_MAX 4096		/* clones kept per side */
#define RT_FAILED_LEN 512	/* failed checks, as text */

/* What is compared of one verdict. */
struct rt_verdict {
	uint64_t clone_id;
	enum verdict verdict;
	size_t n_checks;
	char failed[RT_FAILED_LEN];	/* "rule stage field observed expected;" each */
};

struct rt_side {
	size_t n;
	struct rt_verdict *v;
};

static void rt_keep(void *ctx, const struct clone_obs *co, const struct clone_verdict *v)
{
	struct rt_side *s = ctx;
	struct rt_verdict *k;

	(void)co;
	if (s->n >= RT_MAX) {
		s->n++;
		return;
	}
	k = &s->v[s->n++];
	k->clone_id = v->clone_id;
	k->verdict = v->verdict;
	k->n_checks = v->n_checks;
	k->failed[0] = 0;
	for (size_t i = 0; i < v->n_checks; i++) {
		const struct diff_check *c = &v->checks[i];
		size_t l = strlen(k->failed);

		if (!c->ok)
			snprintf(k->failed + l, sizeof(k->failed) - l, "%s %d %d %lld %lld;", c->rule,
				 c->stage, c->field, (long long)c->observed, (long long)c->expected);
	}
}

START_TEST(test_live_trace_round_trip)
{
	char path[] = "/tmp/cc-roundtrip-XXXXXX";
	struct rt_side live = {}, replay = {};
	struct run_opts o = {
		.mode = RUN_WORKLOAD,
		.backend = BACKEND_AUTO,
	};
	struct session_opts so = { .trace_path = path, .on_verdict = rt_keep,
				   .verdict_ctx = &live };
	struct session *s;
	static struct run r;
	size_t same = 0;
	int fd, err;

	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	close(fd);
	live.v = calloc(RT_MAX, sizeof(*live.v));
	replay.v = calloc(RT_MAX, sizeof(*replay.v));
	ck_assert(live.v && replay.v);

	memset(&r, 0, sizeof(r));
	err = run_live(&r, &o, &so);
	ck_assert_msg(err == 0, "live run failed: %s (BPF must load here)", strerror(-err));
	run_free(&r);

	so = (struct session_opts){ .on_verdict = rt_keep, .verdict_ctx = &replay };
	err = replay_trace(path, NULL, &so, &s);
	ck_assert_msg(err == 0, "replay of %s: %s", path, strerror(-err));
	session__free(s);

	ck_assert_uint_gt(live.n, 0);
	ck_assert_uint_le(live.n, RT_MAX);
	ck_assert_msg(live.n == replay.n, "%zu clones live, %zu replayed", live.n, replay.n);
	for (size_t i = 0; i < live.n; i++) {
		const struct rt_verdict *a = &live.v[i], *b = NULL;

		for (size_t j = 0; j < replay.n && !b; j++)
			if (replay.v[j].clone_id == a->clone_id)
				b = &replay.v[j];
		ck_assert_msg(b, "clone %llu judged live, not in the replay",
			      (unsigned long long)a->clone_id);
		ck_assert_msg(a->verdict == b->verdict, "clone %llu: %s live, %s replayed",
			      (unsigned long long)a->clone_id, verdict_name(a->verdict),
			      verdict_name(b->verdict));
		ck_assert_msg(a->n_checks == b->n_checks, "clone %llu: %zu checks live, %zu replayed",
			      (unsigned long long)a->clone_id, a->n_checks, b->n_checks);
		ck_assert_msg(!strcmp(a->failed, b->failed), "clone %llu: failed [%s] live, [%s] "
			      "replayed", (unsigned long long)a->clone_id, a->failed, b->failed);
		same++;
	}
	printf("round trip: %zu clones, the same verdicts live and replayed\n", same);
	unlink(path);
	free(live.v);
	free(replay.v);
}
END_TEST

Suite *live_trace_suite(void)
{
	Suite *s = suite_create("live_trace");
	TCase *tc = tcase_create("RoundTrip");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_live_trace_round_trip);
	suite_add_tcase(s, tc);
	return s;
}
