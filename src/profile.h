/* SPDX-License-Identifier: GPL-2.0 */
/*
 * profile.h - the kernel profile the model judges against: read from the
 * running host, or written to and read back from a string (trace files,
 * --profile).
 */
#ifndef CLONECHECK_PROFILE_H
#define CLONECHECK_PROFILE_H

#include <stddef.h>

#include "predict.h"

#define PROFILE_STR_MAX 256

/*
 * The running kernel: uname, CONFIG_PREEMPT_COUNT (from /proc/config.gz),
 * the Debian userns sysctl, x86_64 TASK_SIZE_MAX (paging mode, probed with a
 * high mmap hint) and ret_from_fork* from /proc/kallsyms.  release and
 * machine (65 bytes each) receive uname's strings.  0 or -errno.
 */
int profile_probe_host(struct model_profile *p, char *release, char *machine);

/*
 * The addresses of n symbols in /proc/kallsyms, each 0 when not listed (a
 * data symbol needs CONFIG_KALLSYMS_ALL=y) or hidden (kptr_restrict).
 */
void profile_kallsyms(const char *const *names, uint64_t *addrs, size_t n);
/*
 * The same for data symbols (variables): where the running kernel's config
 * says CONFIG_KALLSYMS_ALL is not set, none is listed, and all are 0
 * without reading the file (most of it, for symbols it lacks).
 */
void profile_kallsyms_data(const char *const *names, uint64_t *addrs, size_t n);

/* "6.18.44/x86_64 preempt_count=y ..." into buf; bytes written or -ENOSPC. */
int profile_format(const struct model_profile *p, char *buf, size_t len);

/*
 * Parse what profile_format() wrote, or a short form a user types:
 * "6.1/arm64", "6.12.3/x86_64".  Unknown key=value words are ignored (a newer
 * writer); 0 or -EINVAL.
 */
int profile_parse(const char *s, struct model_profile *p);

#endif /* CLONECHECK_PROFILE_H */
