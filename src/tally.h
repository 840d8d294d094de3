/* SPDX-License-Identifier: GPL-2.0 */
/* tally.h - per-rule and per-verdict counts over a run, for the reports. */
#ifndef CLONECHECK_TALLY_H
#define CLONECHECK_TALLY_H

#include "diff.h"

#define TALLY_MAX_RULES 160
#define TALLY_SLOTS 512		/* power of 2, > 3 x TALLY_MAX_RULES */
#define TALLY_KEEP 32		/* verdicts kept in full for the report */

struct rule_tally {
	const char *rule;	/* catalogue ID */
	uint64_t checked;	/* checks made: passed + failed + allowed */
	uint64_t passed;	/* held as the model decided */
	uint64_t failed;
	uint64_t allowed;	/* held only as an allowed environmental
				 * alternative: neither decided nor failed */
	uint64_t observed;	/* O- rules: required points that fired (not
				 * checks: a missing one is an incomplete clone) */
};

/* Did the run exercise the rule: a decided check, or a required point seen? */
static inline bool rule_tally_exercised(const struct rule_tally *r)
{
	return r && (r->passed || r->failed || r->observed);
}

struct tally {
	uint64_t clones;		/* verdicts counted */
	uint64_t by_verdict[VERDICT__COUNT]; /* enum verdict */
	uint64_t in_progress;		/* unjudged because observation stopped
					 * before they ended (by_verdict[UNJUDGED]
					 * counts them too) */
	uint64_t failed_syscalls;	/* clones whose syscall returned an error */
	uint64_t allowed;		/* passing clones whose outcome held only as
					 * an allowed alternative (by_verdict[PASS]
					 * counts them too) */
	size_t n_rules;
	size_t n_slots;			/* slot_key[] entries used */
	struct rule_tally rules[TALLY_MAX_RULES];
	/*
	 * rules[] by the address of a rule ID (the model's string literals):
	 * open addressing, index + 1 (0: empty).  Cleared when rules[] moves.
	 */
	const char *slot_key[TALLY_SLOTS];
	uint16_t slot_idx[TALLY_SLOTS];
	/*
	 * The rule of the last clone's check at each position, and its
	 * rules[] index + 1: clones of one kind make the same checks in the
	 * same order, so most lookups end here.  Cleared with slot_key[].
	 */
	const char *pos_key[DIFF_MAX_CHECKS];
	uint16_t pos_idx[DIFF_MAX_CHECKS];
	size_t n_kept;			/* mismatching and incomplete verdicts kept */
	struct clone_verdict kept[TALLY_KEEP];
	uint64_t not_kept;		/* ... and those beyond TALLY_KEEP */
};

void tally_init(struct tally *t);
void tally_add(struct tally *t, const struct clone_verdict *v);
/* Sort rules by catalogue ID for printing. */
void tally_sort(struct tally *t);
/* The counts of rule, or NULL if no check of it was counted. */
const struct rule_tally *tally_find(const struct tally *t, const char *rule);

#endif /* CLONECHECK_TALLY_H */
