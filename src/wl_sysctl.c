// SPDX-License-Identifier: GPL-2.0
/*
 * wl_sysctl.c - the disruptive cases' setups: one global sysctl written
 * for the length of one case, in a forked helper, and written back by the
 * case's undo.  Global state: never without --disruptive, which only
 * vm/vmtest's throwaway guests pass (vm/init.c).  Each case also needs the
 * globals the model judges it from, read by BPF at the clone's entry from
 * their /proc/kallsyms addresses (src/loader.c); where kallsyms does not
 * list them the case is skipped, since its clone could not be judged.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "profile.h"	/* profile_kallsyms_data() */
#include "wl_helper.h"	/* wl_write_file(), wl_setup_cap_drop() */
#include "wl_sysctl.h"

#define NR_OPEN_FD 2000	/* fs/file.c: count_open_files() = 2048, max_fds 2048 */

static bool allowed;

/* The helper's saved value (each helper is a fresh fork: one case each). */
static struct {
	const char *path;
	char old[32];
} saved;

void wl_sysctl_allow(bool allow)
{
	allowed = allow;
}

static const char *sysctl_path(long which)
{
	switch (which) {
	case WL_SYSCTL_THREADS_MAX:
		return "/proc/sys/kernel/threads-max";
	case WL_SYSCTL_NR_OPEN:
		return "/proc/sys/fs/nr_open";
	case WL_SYSCTL_USERNS_CLONE:
	case WL_SYSCTL_USERNS_CLONE_ADMIN:
		return "/proc/sys/kernel/unprivileged_userns_clone";
	}
	return NULL;
}

/* Whether every one of the n symbols is in /proc/kallsyms. */
static bool ksyms_all(const char *const *names, size_t n)
{
	uint64_t addrs[2];

	if (n > 2)
		return false;
	profile_kallsyms_data(names, addrs, n);
	for (size_t i = 0; i < n; i++)
		if (!addrs[i])
			return false;
	return true;
}

const char *wl_sysctl_skip(long which)
{
	static const char *const threads[] = { "nr_threads", "max_threads" };
	static const char *const nr_open[] = { "sysctl_nr_open" };
	static const char *const userns[] = { "unprivileged_userns_clone" };
	const char *path = sysctl_path(which);

	if (!allowed)
		return "changes a global sysctl: only with --disruptive (throwaway VMs)";
	if (!path || access(path, W_OK))
		return "no such sysctl here (unprivileged_userns_clone: Debian kernels only)";
	switch (which) {
	case WL_SYSCTL_THREADS_MAX:
		if (!ksyms_all(threads, 2))
			return "nr_threads, max_threads not in /proc/kallsyms (CONFIG_KALLSYMS_ALL=n)";
		break;
	case WL_SYSCTL_NR_OPEN:
		if (!ksyms_all(nr_open, 1))
			return "sysctl_nr_open not in /proc/kallsyms (CONFIG_KALLSYMS_ALL=n)";
		break;
	default:
		if (!ksyms_all(userns, 1))
			return "unprivileged_userns_clone not in /proc/kallsyms (CONFIG_KALLSYMS_ALL=n)";
	}
	return NULL;
}

static int read_str(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n <= 0)
		return n < 0 ? -errno : -EIO;
	buf[n] = '\0';
	return 0;
}

/* The effective capabilities back from the permitted set. */
static int caps_restore(void)
{
	struct __user_cap_header_struct h = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct d[_LINUX_CAPABILITY_U32S_3];

	if (syscall(SYS_capget, &h, d))
		return -errno;
	for (int i = 0; i < _LINUX_CAPABILITY_U32S_3; i++)
		d[i].effective = d[i].permitted;
	return syscall(SYS_capset, &h, d) ? -errno : 0;
}

static int sysctl_undo(struct wl_ctx *x)
{
	int err = 0, e;

	if (x->fd >= 0) {
		close(x->fd);
		x->fd = -1;
	}
	err = caps_restore();
	if (saved.path) {
		e = wl_write_file(saved.path, saved.old);
		err = err ? err : e;
		saved.path = NULL;
	}
	return err;
}

/* fd NR_OPEN_FD open (RLIMIT_NOFILE raised past it): dup_fd() must copy 2048 slots. */
static int open_high_fd(struct wl_ctx *x)
{
	struct rlimit rl = { NR_OPEN_FD + 1, NR_OPEN_FD + 1 };
	int fd;

	if (getrlimit(RLIMIT_NOFILE, &rl))
		return -errno;
	if (rl.rlim_cur <= NR_OPEN_FD) {
		rl.rlim_cur = NR_OPEN_FD + 1;
		if (rl.rlim_max < rl.rlim_cur)
			rl.rlim_max = rl.rlim_cur;
		if (setrlimit(RLIMIT_NOFILE, &rl))
			return -errno;
	}
	fd = open("/", O_PATH | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	x->fd = dup3(fd, NR_OPEN_FD, O_CLOEXEC);
	close(fd);
	return x->fd < 0 ? -errno : 0;
}

int wl_setup_sysctl(struct wl_ctx *x, long which, long value)
{
	const char *path = sysctl_path(which);
	char v[32];
	int err;

	if (!x->helper || !path || !allowed)
		return -EINVAL;
	if (which == WL_SYSCTL_NR_OPEN) {
		x->undo = sysctl_undo;
		err = open_high_fd(x);
		if (err)
			return err;
	}
	err = read_str(path, saved.old, sizeof(saved.old));
	if (err)
		return err;
	saved.path = path;
	x->undo = sysctl_undo;
	snprintf(v, sizeof(v), "%ld\n", value);
	err = wl_write_file(path, v);
	if (err)
		return err;
	return which == WL_SYSCTL_USERNS_CLONE ? wl_setup_cap_drop(x, CAP_SYS_ADMIN, 0) : 0;
}
