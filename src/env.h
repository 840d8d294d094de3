/* SPDX-License-Identifier: GPL-2.0 */
/* env.h - the command line, parsed once into struct env. */
#ifndef CLONECHECK_ENV_H
#define CLONECHECK_ENV_H

#include <stdbool.h>

enum verb {
	VERB_RUN,	/* default: observe the built-in workload live */
};

struct env {
	enum verb verb;
	const char *backend;	/* "auto" or "tracepoint" */
};

/* Parse argv into *env; exits 2 with a one-line error on bad usage. */
void env_parse(int argc, char **argv, struct env *env);

#endif /* CLONECHECK_ENV_H */
