// SPDX-License-Identifier: GPL-2.0
/*
 * correlate.c - per-clone assembly: a chained hash table clone_id -> clone_obs,
 * kept in arrival order so eviction hands on the oldest first.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "correlate.h"

#define NBUCKETS 4096
#define SPARE_MAX 64		/* nodes kept for reuse: memory stays flat */

struct node {
	struct clone_obs co;
	uint64_t first_ts;	/* ts_ns of the first record that opened it */
	struct node *next;	/* bucket chain */
	struct node *older, *newer; /* arrival list */
};

struct correlator {
	struct correlator_opts opts;
	correlator_cb cb;
	void *ctx;
	size_t pending;
	struct node *buckets[NBUCKETS];
	struct node *oldest, *newest;
	struct node *spare;	/* handed-on nodes, all zero again (next links them) */
	size_t n_spare;
	struct correlator_stats stats;
};

struct correlator *correlator__new(const struct correlator_opts *opts, correlator_cb cb,
				   void *ctx)
{
	struct correlator *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	if (opts)
		c->opts = *opts;
	if (!c->opts.max_pending)
		c->opts.max_pending = 65536;
	c->cb = cb;
	c->ctx = ctx;
	return c;
}

/*
 * What a clone must show, of the points the backend offers: a failed
 * syscall only its entry and exit (no tracepoint fires when copy_process
 * fails, A.4); a successful one every point; a clone without a syscall
 * (kernel thread, worker) every task point, but no sched_process_fork or
 * kernel_clone exit for io_uring/user workers (they call copy_process
 * directly, O-03).
 */
uint32_t correlate_points_needed(const struct clone_obs *co, uint32_t points, bool child_ret_seen)
{
	uint32_t need;

	if (!points)
		points = OBS_POINTS_TRACEPOINT;
	points &= ~OBS_POINTS_OPTIONAL;
	if (!child_ret_seen)
		points &= ~OBS_BIT(OBS_CHILD_RET);
	if (!(co->seen & OBS_BIT(OBS_SYS_ENTER)) && (co->seen & OBS_BIT(OBS_NEWTASK)) &&
	    co->newtask.entry == OBS_ENTRY_NONE) {
		need = points & ~(OBS_BIT(OBS_SYS_ENTER) | OBS_BIT(OBS_SYS_EXIT) |
				  OBS_BIT(OBS_CHILD_RET));
		if ((co->seen & OBS_BIT(OBS_COPY_ENTER)) &&
		    (co->copy.kargs.io_thread || co->copy.kargs.user_worker))
			need &= ~(OBS_BIT(OBS_FORK) | OBS_BIT(OBS_CLONE_EXIT));
		/*
		 * Creator read at task_newtask (no kernel_clone_args): the
		 * model tells whether sched_process_fork must fire (O-03);
		 * when it does, it comes before sched_wakeup_new, from the
		 * same task, so it is in by then.
		 */
		if ((co->seen & OBS_BIT(OBS_COPY_ENTER)) && co->copy.at_newtask)
			need &= ~OBS_BIT(OBS_FORK);
		return need;
	}
	need = OBS_BIT(OBS_SYS_ENTER) | OBS_BIT(OBS_SYS_EXIT);
	if ((co->seen & OBS_BIT(OBS_SYS_EXIT)) && co->exit.ret < 0)
		return need;
	return need | points;
}

static size_t bucket_of(uint64_t id)
{
	return (size_t)((id * 0x9E3779B97F4A7C15ull) >> 52) & (NBUCKETS - 1);
}

static struct node *lookup(struct correlator *c, uint64_t id)
{
	struct node *n;

	for (n = c->buckets[bucket_of(id)]; n; n = n->next)
		if (n->co.clone_id == id)
			return n;
	return NULL;
}

/*
 * Zero again what correlator__push() wrote in n: the header, the times and
 * the member of each point seen (the others are still zero), so that n is
 * as calloc() gave it.  callgrind: calloc()'s memset of a whole 7.4 KB node
 * per clone was 10% of an offline check's instructions.
 */
static void node_clear(struct node *n)
{
	struct clone_obs *co = &n->co;
	const uint32_t seen = co->seen;

#define CLEAR_POINT(p, m)                                  \
	if (seen & OBS_BIT(p))                             \
		memset(&co->m, 0, sizeof(co->m));
	CLEAR_POINT(OBS_SYS_ENTER, enter)
	CLEAR_POINT(OBS_NEWTASK, newtask)
	CLEAR_POINT(OBS_FORK, fork)
	CLEAR_POINT(OBS_WAKEUP, wakeup)
	CLEAR_POINT(OBS_SYS_EXIT, exit)
	CLEAR_POINT(OBS_CHILD_RET, child_ret)
	CLEAR_POINT(OBS_COPY_ENTER, copy)
	CLEAR_POINT(OBS_SCHED_FORK, sched_fork)
	CLEAR_POINT(OBS_COPY_EXIT, copy_exit)
	CLEAR_POINT(OBS_CLONE_EXIT, clone_exit)
#undef CLEAR_POINT
	/* every other point lands in first_run (correlator__push()'s default) */
	if (seen & ~(OBS_BIT(OBS_FIRST_RUN) - 1))
		memset(&co->first_run, 0, sizeof(co->first_run));
	memset(co->ts, 0, sizeof(co->ts));
	co->clone_id = 0;
	co->seen = 0;
	co->dups = 0;
	n->first_ts = 0;
	n->next = n->older = n->newer = NULL;
}

/* Unlink n from its bucket and the arrival list, hand it on, free or keep it. */
static void hand_on(struct correlator *c, struct node *n, bool complete)
{
	struct node **pp = &c->buckets[bucket_of(n->co.clone_id)];

	while (*pp != n)
		pp = &(*pp)->next;
	*pp = n->next;
	if (n->older)
		n->older->newer = n->newer;
	else
		c->oldest = n->newer;
	if (n->newer)
		n->newer->older = n->older;
	else
		c->newest = n->older;
	c->pending--;
	if (complete)
		c->stats.complete++;
	else
		c->stats.incomplete++;
	if (c->cb)
		c->cb(&n->co, complete, c->ctx);
	if (c->n_spare >= SPARE_MAX) {
		free(n);
		return;
	}
	node_clear(n);
	n->next = c->spare;
	c->spare = n;
	c->n_spare++;
}

static struct node *insert(struct correlator *c, uint64_t id)
{
	struct node *n;
	size_t b;

	if (c->pending >= c->opts.max_pending && c->oldest) {
		c->stats.evicted++;
		hand_on(c, c->oldest, false);
	}
	if (c->spare) {
		n = c->spare;
		c->spare = n->next;
		c->n_spare--;
		n->next = NULL;
	} else {
		n = calloc(1, sizeof(*n));
		if (!n)
			return NULL;
	}
	n->co.clone_id = id;
	b = bucket_of(id);
	n->next = c->buckets[b];
	c->buckets[b] = n;
	n->older = c->newest;
	if (c->newest)
		c->newest->newer = n;
	else
		c->oldest = n;
	c->newest = n;
	c->pending++;
	return n;
}

int correlator__push(struct correlator *c, const struct obs *o)
{
	struct clone_obs *co;
	struct node *n;
	uint32_t need;

	if ((unsigned int)o->point >= OBS__COUNT)
		return -EINVAL;
	c->stats.records++;
	n = lookup(c, o->clone_id);
	if (!n && (OBS_BIT(o->point) & OBS_POINTS_OPTIONAL)) {
		c->stats.late++;
		return 0;
	}
	if (!n) {
		n = insert(c, o->clone_id);
		if (!n)
			return -ENOMEM;
		n->first_ts = o->ts_ns;
	}
	co = &n->co;
	if (co->seen & OBS_BIT(o->point)) {
		co->dups++;
		c->stats.dups++;
		return 0;
	}
	co->seen |= OBS_BIT(o->point);
	co->ts[o->point] = o->ts_ns;
	switch (o->point) {
	case OBS_SYS_ENTER:
		co->enter = o->enter;
		break;
	case OBS_NEWTASK:
		co->newtask = o->tp;
		break;
	case OBS_FORK:
		co->fork = o->tp;
		break;
	case OBS_WAKEUP:
		co->wakeup = o->tp;
		break;
	case OBS_SYS_EXIT:
		co->exit = o->ret;
		break;
	case OBS_CHILD_RET:
		co->child_ret = o->ret;
		break;
	case OBS_COPY_ENTER:
		co->copy = o->copy;
		break;
	case OBS_SCHED_FORK:
		co->sched_fork = o->tp;
		break;
	case OBS_COPY_EXIT:
		co->copy_exit = o->tp;
		break;
	case OBS_CLONE_EXIT:
		co->clone_exit = o->ret;
		break;
	default:
		co->first_run = o->tp;
		break;
	}
	need = correlate_points_needed(co, c->opts.points, c->opts.child_ret_seen);
	if ((co->seen & need) == need)
		hand_on(c, n, true);
	return 0;
}

void correlator__expire(struct correlator *c, uint64_t before_ns)
{
	/* the arrival list is in first-record order: stop at the first young one */
	while (c->oldest && c->oldest->first_ts < before_ns) {
		c->stats.expired++;
		hand_on(c, c->oldest, false);
	}
}

size_t correlator__pending(const struct correlator *c)
{
	return c->pending;
}

void correlator__flush(struct correlator *c)
{
	while (c->oldest)
		hand_on(c, c->oldest, false);
}

const struct correlator_stats *correlator__stats(const struct correlator *c)
{
	return &c->stats;
}

void correlator__free(struct correlator *c)
{
	struct node *n, *next;

	if (!c)
		return;
	for (n = c->oldest; n; n = next) {
		next = n->newer;
		free(n);
	}
	for (n = c->spare; n; n = next) {
		next = n->next;
		free(n);
	}
	free(c);
}
