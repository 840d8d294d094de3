// SPDX-License-Identifier: GPL-2.0
/* profile.c - the kernel profile: probed from the host, or as a string. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/utsname.h>
#include <unistd.h>
#include <zlib.h>

#include "profile.h"

/*
 * Addresses of n symbols from /proc/kallsyms in one pass, stopping once all
 * are found (0: absent or hidden), with no sscanf() per line.  The file is
 * ~120k lines, 8 MiB, and the kernel walks its symbol table for each read():
 * a stdio stream's 1 KiB reads (procfs says st_blksize 1024) took 170 ms
 * for the whole file here, 1 MiB reads 40 ms.
 */
#define KALLSYMS_CHUNK (1u << 20)

void profile_kallsyms(const char *const *names, uint64_t *addrs, size_t n)
{
	size_t left = n, have = 0;
	char *buf;
	int fd;

	memset(addrs, 0, n * sizeof(*addrs));
	fd = open("/proc/kallsyms", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	buf = malloc(KALLSYMS_CHUNK + 1);
	while (buf && left) {
		ssize_t got = read(fd, buf + have, KALLSYMS_CHUNK - have);
		char *line = buf, *eol;

		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		have += got;
		buf[have] = '\0';
		/* whole lines: "ADDR TYPE NAME[\tMODULE]\n" */
		while (left && (eol = strchr(line, '\n'))) {
			char *sym = memchr(line, ' ', eol - line);
			size_t len;

			if (sym)
				sym = memchr(sym + 1, ' ', eol - sym - 1);
			if (sym) {
				sym++;
				len = strcspn(sym, "\t\n");
				for (size_t i = 0; i < n; i++)
					if (!addrs[i] && strlen(names[i]) == len &&
					    !memcmp(sym, names[i], len)) {
						addrs[i] = strtoull(line, NULL, 16);
						left -= addrs[i] != 0;
						break;
					}
			}
			line = eol + 1;
		}
		/* a partial last line moves to the front */
		have -= line - buf;
		memmove(buf, line, have);
		if (have == KALLSYMS_CHUNK)
			have = 0;	/* no line is that long: drop it */
	}
	free(buf);
	close(fd);
}

static enum model_cfg kconfig(const char *opt);

void profile_kallsyms_data(const char *const *names, uint64_t *addrs, size_t n)
{
	if (kconfig("CONFIG_KALLSYMS_ALL") == MODEL_CFG_N) {
		memset(addrs, 0, n * sizeof(*addrs));
		return;
	}
	profile_kallsyms(names, addrs, n);
}

/*
 * The value of "CONFIG_X=..." in the running kernel's config: from
 * /proc/config.gz, else /boot/config-RELEASE (Debian up to trixie's
 * linux-image-*), else /usr/lib/modules/RELEASE/config (the linux-base-*
 * package of Debian's linux-binary-* kernels, e.g. sid's 7.2, which keep
 * nothing in /boot).  1 and the value in val when set, 0 when the config
 * is there without it, -1 with no config.
 */
static int kconfig_value(const char *opt, char *val, size_t len)
{
	static const char *const where[] = { "/boot/config-%s", "/usr/lib/modules/%s/config" };
	char line[256], path[300];
	struct utsname u;
	size_t n = strlen(opt);
	gzFile f = gzopen("/proc/config.gz", "rb");
	int found = 0;

	for (size_t i = 0; !f && i < sizeof(where) / sizeof(where[0]) && !uname(&u); i++) {
		snprintf(path, sizeof(path), where[i], u.release);
		f = gzopen(path, "rb");	/* zlib reads plain files too */
	}
	if (!f)
		return -1;
	while (gzgets(f, line, sizeof(line))) {
		if (!strncmp(line, opt, n) && line[n] == '=') {
			snprintf(val, len, "%s", line + n + 1);
			val[strcspn(val, "\n")] = '\0';
			found = 1;
			break;
		}
	}
	gzclose(f);
	return found;
}

/* A boolean CONFIG_X: y/m, n (absent from a config that is there), unknown. */
static enum model_cfg kconfig(const char *opt)
{
	char v[64];
	int r = kconfig_value(opt, v, sizeof(v));

	if (r < 0)
		return MODEL_CFG_UNKNOWN;
	return r && (v[0] == 'y' || v[0] == 'm') ? MODEL_CFG_Y : MODEL_CFG_N;
}

/* A numeric sysctl, 0 if it cannot be read. */
static uint64_t sysctl_u64(const char *path)
{
	unsigned long long v = 0;
	FILE *f = fopen(path, "r");

	if (!f)
		return 0;
	if (fscanf(f, "%llu", &v) != 1)
		v = 0;
	fclose(f);
	return v;
}

static enum model_cfg sysctl_bool(const char *path)
{
	FILE *f = fopen(path, "r");
	int v;

	if (!f)
		return MODEL_CFG_UNKNOWN;
	if (fscanf(f, "%d", &v) != 1)
		v = -1;
	fclose(f);
	return v < 0 ? MODEL_CFG_UNKNOWN : v ? MODEL_CFG_Y : MODEL_CFG_N;
}

/*
 * Is a sched_ext BPF scheduler loaded?  kernel/sched/ext.c (v6.12.118, v7.2.13)
 * shows scx's enable state in /sys/kernel/sched_ext/state: "disabled" only
 * while scx_enabled() is false, when task_should_scx() is false for every
 * policy (S-06).  Y for any other state, unknown when unreadable.
 */
static enum model_cfg scx_state(void)
{
	FILE *f = fopen("/sys/kernel/sched_ext/state", "r");
	char s[32] = "";
	bool ok;

	if (!f)
		return MODEL_CFG_UNKNOWN;
	ok = fgets(s, sizeof(s), f) != NULL;
	fclose(f);
	if (!ok)
		return MODEL_CFG_UNKNOWN;
	return !strcmp(s, "disabled\n") ? MODEL_CFG_N : MODEL_CFG_Y;
}

/*
 * S-09: the util-min kernel/sched/core.c:uclamp_post_fork() gives an RT
 * child whose util-min is not user-defined (v6.18.35, v7.2.13:
 * sysctl_sched_uclamp_util_min_rt_default, 0..1024), + 1; 0 when the sysctl
 * is absent (no CONFIG_UCLAMP_TASK, or no /proc) or unreadable.  Read once:
 * a write to the sysctl during the run is not modelled.
 */
#define UCLAMP_RT_MAX 1024	/* SCHED_CAPACITY_SCALE: sysctl_sched_uclamp_handler()'s bound */

static uint32_t uclamp_rt_default(void)
{
	FILE *f = fopen("/proc/sys/kernel/sched_util_clamp_min_rt_default", "r");
	unsigned int v;
	int n;

	if (!f)
		return 0;
	n = fscanf(f, "%u", &v);
	fclose(f);
	return n == 1 && v <= UCLAMP_RT_MAX ? v + 1 : 0;
}

/*
 * x86_64 TASK_SIZE_MAX (errata X-9): with 5-level paging the kernel honours
 * a mapping hint above 47 bits; with 4-level it cannot.
 */
static uint64_t x86_task_size_max(void)
{
	void *hint = (void *)(1ULL << 50);
	void *p = mmap(hint, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	bool five = p != MAP_FAILED && (uint64_t)p >= (1ULL << 47);

	if (p != MAP_FAILED)
		munmap(p, 4096);
	return five ? (1ULL << 56) - 4096 : (1ULL << 47) - 4096;
}

/*
 * arm64 TASK_SIZE_MAX is 1 << VA_BITS, the configured virtual address width
 * (arch/arm64/include/asm/processor.h), which access_ok() checks against
 * (V-04); 0 when the config cannot be read.
 */
static uint64_t arm64_task_size_max(void)
{
	char v[16];
	unsigned long bits;

	if (kconfig_value("CONFIG_ARM64_VA_BITS", v, sizeof(v)) != 1)
		return 0;
	bits = strtoul(v, NULL, 10);
	return bits >= 36 && bits <= 52 ? 1ULL << bits : 0;
}

int profile_probe_host(struct model_profile *p, char *release, char *machine)
{
	struct utsname u;
	int err;

	if (uname(&u))
		return -errno;
	snprintf(release, 65, "%s", u.release);
	snprintf(machine, 65, "%s", u.machine);
	err = model_profile_from_uname(release, machine, p);
	if (err)
		return -EINVAL;
	p->preempt_count = kconfig("CONFIG_PREEMPT_COUNT");
	p->userns_sysctl = sysctl_bool("/proc/sys/kernel/unprivileged_userns_clone");
	p->task_size_max = p->arch == MODEL_ARCH_X86_64 ? x86_task_size_max() :
								  arm64_task_size_max();
	p->uclamp = kconfig("CONFIG_UCLAMP_TASK");
	p->uclamp_rt_default = uclamp_rt_default();
	/* the sysctl exists only with CONFIG_UCLAMP_TASK (kernel/sched/core.c) */
	if (p->uclamp_rt_default && p->uclamp == MODEL_CFG_UNKNOWN)
		p->uclamp = MODEL_CFG_Y;
	p->pid_max = (uint32_t)sysctl_u64("/proc/sys/kernel/pid_max");
	p->threads_max = (uint32_t)sysctl_u64("/proc/sys/kernel/threads-max");
	p->nr_open = (uint32_t)sysctl_u64("/proc/sys/fs/nr_open");
	p->sched_ext = kconfig("CONFIG_SCHED_CLASS_EXT");
	p->scx_loaded = p->sched_ext == MODEL_CFG_N ? MODEL_CFG_N : scx_state();
	{
		static const char *const syms[] = { "ret_from_fork", "ret_from_fork_asm" };
		uint64_t addrs[sizeof(syms) / sizeof(syms[0])];

		profile_kallsyms(syms, addrs, sizeof(syms) / sizeof(syms[0]));
		p->ksyms.ret_from_fork = addrs[0];
		p->ksyms.ret_from_fork_asm = addrs[1];
	}
	return 0;
}

static const char *cfg_str(enum model_cfg c)
{
	return c == MODEL_CFG_Y ? "y" : c == MODEL_CFG_N ? "n" : "-";
}

int profile_format(const struct model_profile *p, char *buf, size_t len)
{
	char ver[32], rt[16] = "-";
	int n;

	if (p->patch_known)
		snprintf(ver, sizeof(ver), "%d.%d.%d", p->major, p->minor, p->patch);
	else
		snprintf(ver, sizeof(ver), "%d.%d", p->major, p->minor);
	if (p->uclamp_rt_default)
		snprintf(rt, sizeof(rt), "%u", p->uclamp_rt_default - 1);
	n = snprintf(buf, len,
		     "%s/%s preempt_count=%s userns=%s uclamp=%s pid_max=%u"
		     " task_size_max=%#" PRIx64 " ret_from_fork=%#" PRIx64
		     " ret_from_fork_asm=%#" PRIx64 " threads_max=%u nr_open=%u sched_ext=%s scx=%s"
		     " uclamp_rt=%s",
		     ver, p->arch == MODEL_ARCH_ARM64 ? "arm64" : "x86_64",
		     cfg_str(p->preempt_count), cfg_str(p->userns_sysctl), cfg_str(p->uclamp),
		     p->pid_max, p->task_size_max, p->ksyms.ret_from_fork,
		     p->ksyms.ret_from_fork_asm, p->threads_max, p->nr_open,
		     cfg_str(p->sched_ext), cfg_str(p->scx_loaded), rt);
	return n < 0 || (size_t)n >= len ? -ENOSPC : n;
}

static int parse_cfg(const char *v, enum model_cfg *out)
{
	if (!strcmp(v, "y"))
		*out = MODEL_CFG_Y;
	else if (!strcmp(v, "n"))
		*out = MODEL_CFG_N;
	else if (!strcmp(v, "-"))
		*out = MODEL_CFG_UNKNOWN;
	else
		return -EINVAL;
	return 0;
}

static int parse_u64(const char *v, uint64_t *out)
{
	char *end;

	errno = 0;
	*out = strtoull(v, &end, 0);
	return errno || end == v || *end ? -EINVAL : 0;
}

int profile_parse(const char *s, struct model_profile *p)
{
	char buf[PROFILE_STR_MAX], *save = NULL, *w, *slash;
	int err = 0;

	if (!s || strlen(s) >= sizeof(buf))
		return -EINVAL;
	snprintf(buf, sizeof(buf), "%s", s);
	w = strtok_r(buf, " ", &save);
	if (!w || !(slash = strchr(w, '/')))
		return -EINVAL;
	*slash = '\0';
	if (model_profile_from_uname(w, slash + 1, p))
		return -EINVAL;
	while (!err && (w = strtok_r(NULL, " ", &save))) {
		char *v = strchr(w, '=');

		if (!v)
			return -EINVAL;
		*v++ = '\0';
		if (!strcmp(w, "preempt_count"))
			err = parse_cfg(v, &p->preempt_count);
		else if (!strcmp(w, "userns"))
			err = parse_cfg(v, &p->userns_sysctl);
		else if (!strcmp(w, "uclamp"))
			err = parse_cfg(v, &p->uclamp);
		else if (!strcmp(w, "pid_max")) {
			uint64_t n;

			err = parse_u64(v, &n);
			if (!err && n > UINT32_MAX)
				err = -EINVAL;
			p->pid_max = (uint32_t)n;
		} else if (!strcmp(w, "task_size_max"))
			err = parse_u64(v, &p->task_size_max);
		else if (!strcmp(w, "ret_from_fork"))
			err = parse_u64(v, &p->ksyms.ret_from_fork);
		else if (!strcmp(w, "ret_from_fork_asm"))
			err = parse_u64(v, &p->ksyms.ret_from_fork_asm);
		else if (!strcmp(w, "threads_max") || !strcmp(w, "nr_open")) {
			uint64_t n;

			err = parse_u64(v, &n);
			if (!err && n > UINT32_MAX)
				err = -EINVAL;
			*(w[0] == 't' ? &p->threads_max : &p->nr_open) = (uint32_t)n;
		} else if (!strcmp(w, "sched_ext"))
			err = parse_cfg(v, &p->sched_ext);
		else if (!strcmp(w, "scx"))
			err = parse_cfg(v, &p->scx_loaded);
		else if (!strcmp(w, "uclamp_rt") && strcmp(v, "-")) {
			uint64_t n;

			err = parse_u64(v, &n);
			if (!err && n > UCLAMP_RT_MAX)
				err = -EINVAL;
			p->uclamp_rt_default = err ? 0 : (uint32_t)n + 1;
		}
		/* other keys: written by a newer version, ignored */
	}
	return err;
}
