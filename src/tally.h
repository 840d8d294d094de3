/* SPDX-License-Identifier: GPL-2.0 */
/* tally.h - per-rule and per-verdict counts over a run, for the reports. */
#ifndef CLONECHECK_TALLY_H
#define CLONECHECK_TALLY_H

#include "diff.h"

#define TALLY_MAX_RULES 160
#define TALLY_KEEP 32		/* verdicts kept in full for the report */

struct rule_tally {
	const char *rule;	/* catalogue ID */
	uint64_t checked;	/* checks made */
	uint64_t passed;
	uint64_t failed;
};

struct tally {
	uint64_t clones;		/* verdicts counted */
	uint64_t by_verdict[VERDICT__COUNT]; /* enum verdict */
	uint64_t failed_syscalls;	/* clones whose syscall returned an error */
	size_t n_rules;
	struct rule_tally rules[TALLY_MAX_RULES];
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
