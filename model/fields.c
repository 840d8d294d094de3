// SPDX-License-Identifier: GPL-2.0
/*
 * fields.c - the fields of struct model_task by number: value, name and
 * MODEL_IN_* group, all generated from model/task_fields.h.
 */
#include "model.h"

#define FIELD_CASE_U64(n, N) case MODEL_FIELD_##N: return (int64_t)t->n;
#define FIELD_CASE_S64 FIELD_CASE_U64
#define FIELD_CASE_U32 FIELD_CASE_U64
#define FIELD_CASE_S32 FIELD_CASE_U64
#define FIELD_CASE_C16(n, N)                                                              \
	case MODEL_FIELD_##N##_LO: return (int64_t)t->n##_lo;                             \
	case MODEL_FIELD_##N##_HI: return (int64_t)t->n##_hi;
#define FIELD_CASE(part, t, n, N, g) TASK_PICK_MODEL_##part(FIELD_CASE_##t(n, N))

/* One field of a task widened to 64 bits (unsigned fields stay positive). */
int64_t model_task_field(const struct model_task *t, enum model_field f)
{
	switch (f) {
	TASK_FIELDS(FIELD_CASE)
	default:
		return 0;
	}
}

#define FIELD_NAME_U64(n, N) [MODEL_FIELD_##N] = #n,
#define FIELD_NAME_S64 FIELD_NAME_U64
#define FIELD_NAME_U32 FIELD_NAME_U64
#define FIELD_NAME_S32 FIELD_NAME_U64
#define FIELD_NAME_C16(n, N) [MODEL_FIELD_##N##_LO] = #n "_lo", [MODEL_FIELD_##N##_HI] = #n "_hi",
#define FIELD_NAME(part, t, n, N, g) TASK_PICK_MODEL_##part(FIELD_NAME_##t(n, N))

static const char *const model_field_names[MODEL_FIELD__COUNT] = { TASK_FIELDS(FIELD_NAME) };

#define FIELD_INPUT_U64(N, g) [MODEL_FIELD_##N] = MODEL_IN_##g,
#define FIELD_INPUT_S64 FIELD_INPUT_U64
#define FIELD_INPUT_U32 FIELD_INPUT_U64
#define FIELD_INPUT_S32 FIELD_INPUT_U64
#define FIELD_INPUT_C16(N, g) [MODEL_FIELD_##N##_LO] = MODEL_IN_##g, [MODEL_FIELD_##N##_HI] = MODEL_IN_##g,
#define FIELD_INPUT(part, t, n, N, g) TASK_PICK_MODEL_##part(FIELD_INPUT_##t(N, g))

/* The MODEL_IN_* group each field belongs to (0: always read): model_field_input(). */
const uint32_t model_field_inputs[MODEL_FIELD__COUNT] = { TASK_FIELDS(FIELD_INPUT) };

/* Lower-case field name for reports; "?" if out of range. */
const char *model_field_name(enum model_field f)
{
	if ((unsigned int)f >= MODEL_FIELD__COUNT || !model_field_names[f])
		return "?";
	return model_field_names[f];
}
