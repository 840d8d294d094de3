/* SPDX-License-Identifier: GPL-2.0 */
/* log.h - diagnostics to stderr, one line each; data goes to stdout. */
#ifndef CLONECHECK_LOG_H
#define CLONECHECK_LOG_H

#include <stdio.h>

extern int log_verbose;	/* -v count */

/* Print "clonecheck: <msg>" on stderr and keep <msg> for log_last_error(). */
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The last message log_error() printed ("" if none). */
const char *log_last_error(void);

#define elog(fmt, ...) log_error(fmt, ##__VA_ARGS__)
#define vlog(fmt, ...)                                                          \
	do {                                                                    \
		if (log_verbose)                                                \
			fprintf(stderr, "clonecheck: " fmt "\n", ##__VA_ARGS__); \
	} while (0)

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

#endif /* CLONECHECK_LOG_H */
