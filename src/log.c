// SPDX-License-Identifier: GPL-2.0
/* log.c - one-line errors on stderr; the last one is kept for --json. */
#include <stdarg.h>

#include "log.h"

static char last[512];

void log_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(last, sizeof(last), fmt, ap);
	va_end(ap);
	fprintf(stderr, "clonecheck: %s\n", last);
}

const char *log_last_error(void)
{
	return last;
}
