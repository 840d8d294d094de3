// SPDX-License-Identifier: GPL-2.0
/* tally.c - count checks per rule and verdicts per clone. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tally.h"

void tally_init(struct tally *t)
{
	memset(t, 0, sizeof(*t));
}

const struct rule_tally *tally_find(const struct tally *t, const char *rule)
{
	/*
	 * Rule IDs are the model's string literals: a pointer match is the
	 * common case, so look for one first, through every rule, before any
	 * strcmp() (callgrind: strcmp() against the rules before the match was
	 * a fifth of an offline check).
	 */
	for (size_t i = 0; i < t->n_rules; i++)
		if (t->rules[i].rule == rule)
			return &t->rules[i];
	for (size_t i = 0; i < t->n_rules; i++)
		if (!strcmp(t->rules[i].rule, rule))
			return &t->rules[i];
	return NULL;
}

static size_t slot_hash(const char *rule)
{
	return (size_t)(((uintptr_t)rule * 0x9e3779b97f4a7c15ull) >> 40) & (TALLY_SLOTS - 1);
}

/*
 * The tally of RULE, added if new.  Looked up by the ID's address first
 * (perf: the linear scan of every rule by address was 7% of an offline
 * check); an address not seen before goes through tally_find(), which also
 * matches an equal ID at another address.
 */
static struct rule_tally *rule_slot(struct tally *t, const char *rule)
{
	struct rule_tally *r;
	size_t h = slot_hash(rule);

	for (; t->slot_key[h]; h = (h + 1) & (TALLY_SLOTS - 1))
		if (t->slot_key[h] == rule)
			return &t->rules[t->slot_idx[h] - 1];
	r = (struct rule_tally *)tally_find(t, rule);
	if (!r) {
		if (t->n_rules >= TALLY_MAX_RULES)
			return NULL;
		r = &t->rules[t->n_rules++];
		r->rule = rule;
	}
	/* at most TALLY_MAX_RULES distinct IDs at a few addresses each: room left */
	if (t->n_slots < TALLY_SLOTS / 2) {
		t->slot_key[h] = rule;
		t->slot_idx[h] = (uint16_t)(r - t->rules) + 1;
		t->n_slots++;
	}
	return r;
}

void tally_add(struct tally *t, const struct clone_verdict *v)
{
	const bool counted = v->verdict != VERDICT_INCOMPLETE && v->verdict != VERDICT_UNJUDGED;

	t->clones++;
	t->by_verdict[v->verdict]++;
	if (v->ret_seen && v->ret < 0)
		t->failed_syscalls++;
	if (v->verdict == VERDICT_PASS && v->allowed)
		t->allowed++;
	if (v->in_progress)
		t->in_progress++;
	/* An incomplete or unjudged clone's checks are not counted as passes. */
	for (size_t i = 0; counted && i < v->n_checks; i++) {
		const struct diff_check *c = &v->checks[i];
		struct rule_tally *r;

		if (!c->rule)
			continue;
		if (t->pos_key[i] == c->rule) {
			r = &t->rules[t->pos_idx[i] - 1];
		} else {
			r = rule_slot(t, c->rule);
			if (!r)
				continue;
			t->pos_key[i] = c->rule;
			t->pos_idx[i] = (uint16_t)(r - t->rules) + 1;
		}
		r->checked++;
		if (!c->ok)
			r->failed++;
		else if (c->allowed)
			r->allowed++;
		else
			r->passed++;
	}
	/* required points that fired: observed, under their O- rule */
	for (int s = 0; counted && s < MODEL_STAGE__COUNT; s++) {
		const char *rule = diff_presence_rule(s);
		struct rule_tally *r;

		if (!(v->observed & MODEL_STAGE_BIT(s)) || !rule)
			continue;
		r = rule_slot(t, rule);
		if (r)
			r->observed++;
	}
	if (v->verdict == VERDICT_PASS || v->verdict == VERDICT_UNJUDGED)
		return;
	if (t->n_kept < TALLY_KEEP)
		t->kept[t->n_kept++] = *v;
	else
		t->not_kept++;
}

/* "R-02" < "R-10" < "S-01"; "A.4" sorts by its letter. */
static int cmp_rule(const void *a, const void *b)
{
	const char *x = ((const struct rule_tally *)a)->rule;
	const char *y = ((const struct rule_tally *)b)->rule;
	static const char order[] = "AVRSO";
	const char *px = strchr(order, x[0]), *py = strchr(order, y[0]);
	long nx, ny;

	if (x[0] != y[0])
		return (px ? px - order : 9) - (py ? py - order : 9);
	nx = strtol(x + 2, NULL, 10);
	ny = strtol(y + 2, NULL, 10);
	if (nx != ny)
		return nx < ny ? -1 : 1;
	return strcmp(x, y);
}

void tally_sort(struct tally *t)
{
	qsort(t->rules, t->n_rules, sizeof(t->rules[0]), cmp_rule);
	/* the indices by address no longer hold */
	memset(t->slot_key, 0, sizeof(t->slot_key));
	memset(t->pos_key, 0, sizeof(t->pos_key));
	t->n_slots = 0;
}
