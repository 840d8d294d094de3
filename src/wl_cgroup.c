// SPDX-License-Identifier: GPL-2.0
/*
 * wl_cgroup.c - the workload's cgroups.  The hierarchies are held as
 * directory fds: the cgroup2 root where it is mounted, else a detached
 * mount (fsopen/fsmount) that no path shows and that goes away with its fd,
 * even when the process is killed; and the v1 pids hierarchy if mounted.
 * Case cgroups are named clonecheck-wl-<owner pid>-<what>, the owner being
 * the process that runs the workload; a run removes those whose owner is
 * gone (a run killed with SIGKILL cannot clean up after itself).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <sched.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "wl_cgroup.h"

static int cg2 = -1;		/* the cgroup2 root */
static int cg1_pids = -1;	/* the v1 pids hierarchy's root */
static pid_t owner;		/* names this run's cgroups */

/* The mount points of the first cgroup2 and the first v1 pids hierarchy. */
static void find_mounts(char *v2, char *pids, size_t len)
{
	FILE *f = fopen("/proc/self/mountinfo", "re");
	char line[1024];

	v2[0] = pids[0] = '\0';
	while (f && fgets(line, sizeof(line), f)) {
		char mnt[256], fstype[32], opts[512];
		const char *sep = strstr(line, " - ");

		/* "id parent maj:min root mountpoint opts ... - fstype source superopts" */
		if (!sep || sscanf(line, "%*s %*s %*s %*s %255s", mnt) != 1 ||
		    sscanf(sep + 3, "%31s %*s %511s", fstype, opts) != 2)
			continue;
		if (!v2[0] && !strcmp(fstype, "cgroup2"))
			snprintf(v2, len, "%s", mnt);
		if (!pids[0] && !strcmp(fstype, "cgroup") &&
		    (strstr(opts, ",pids") || !strncmp(opts, "pids", 4)))
			snprintf(pids, len, "%s", mnt);
	}
	if (f)
		fclose(f);
}

/* A cgroup2 mount attached nowhere: an fd of its root, or -1. */
static int mount_detached_cgroup2(void)
{
	int fs = fsopen("cgroup2", FSOPEN_CLOEXEC), mnt = -1;

	if (fs < 0)
		return -1;
	if (!fsconfig(fs, FSCONFIG_CMD_CREATE, NULL, NULL, 0))
		mnt = fsmount(fs, FSMOUNT_CLOEXEC, 0);
	close(fs);
	return mnt;
}

static int open_dir(const char *path)
{
	return path[0] ? open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
}

void wl_cg_open(void)
{
	char v2[256], pids[256];

	wl_cg_close();
	owner = getpid();
	find_mounts(v2, pids, sizeof(v2));
	cg2 = open_dir(v2);
	if (cg2 < 0)
		cg2 = mount_detached_cgroup2();
	cg1_pids = open_dir(pids);
	if (cg2 >= 0)
		wl_cg_sweep(cg2, false);
	if (cg1_pids >= 0)
		wl_cg_sweep(cg1_pids, false);
}

void wl_cg_close(void)
{
	if (cg2 >= 0) {
		wl_cg_sweep(cg2, true);
		close(cg2);
	}
	if (cg1_pids >= 0) {
		wl_cg_sweep(cg1_pids, true);
		close(cg1_pids);
	}
	cg2 = cg1_pids = -1;
}

int wl_cg_root(bool pids)
{
	return pids && cg1_pids >= 0 ? cg1_pids : cg2;
}

/* Write s to the file path under dir.  0 or -errno. */
static int write_at(int dir, const char *path, const char *s)
{
	int fd = openat(dir, path, O_WRONLY | O_CLOEXEC);
	int err = 0;

	if (fd < 0)
		return -errno;
	if (write(fd, s, strlen(s)) < 0)
		err = -errno;
	close(fd);
	return err;
}

/* rmdir, retrying while the last task's css_set is still being released. */
static int remove_at(int dir, const char *name)
{
	struct timespec ms = { 0, 1000000 };

	for (int i = 0; i < 1000; i++) {
		if (!unlinkat(dir, name, AT_REMOVEDIR) || errno == ENOENT)
			return 0;
		if (errno != EBUSY)
			return -errno;
		nanosleep(&ms, NULL);
	}
	return -EBUSY;
}

#define PIDS_CTL "-pids-ctl"	/* name suffix: its run enabled the pids controller */
#define CPUSET_CTL "-cpuset-ctl" /* the same for the cpuset controller */

/* Does name end with suffix? */
static bool ends_with(const char *name, const char *suffix)
{
	size_t len = strlen(name), n = strlen(suffix);

	return len > n && !strcmp(name + len - n, suffix);
}

int wl_cg_sweep(int root, bool own)
{
	int fd = openat(root, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *dir = fd < 0 ? NULL : fdopendir(fd);
	struct dirent *d;
	int removed = 0;

	if (!dir) {
		if (fd >= 0)
			close(fd);
		return 0;
	}
	while ((d = readdir(dir))) {
		int pid, end = 0;

		if (sscanf(d->d_name, WL_CG_PREFIX "%d-%n", &pid, &end) != 1 || !end || pid <= 0)
			continue;
		if (pid == owner ? !own : !(kill(pid, 0) && errno == ESRCH))
			continue;
		if (remove_at(root, d->d_name))
			continue;
		removed++;
		if (ends_with(d->d_name, PIDS_CTL))
			write_at(root, "cgroup.subtree_control", "-pids");
		if (ends_with(d->d_name, CPUSET_CTL))
			write_at(root, "cgroup.subtree_control", "-cpuset");
	}
	closedir(dir);
	return removed;
}

static void case_cgroup(char *buf, size_t len, const char *what)
{
	snprintf(buf, len, WL_CG_PREFIX "%d-%s", (int)owner, what);
}

/* Close the fd (if any), then remove the directory (if any). */
static int undo_cgroup(struct wl_ctx *x)
{
	if (x->fd >= 0)
		close(x->fd);
	x->fd = -1;
	return x->path[0] ? remove_at(cg2, x->path) : 0;
}

/* The frozen target's child starts frozen: thaw it so that it can exit. */
static int thaw_cgroup(struct wl_ctx *x)
{
	return write_at(x->fd, "cgroup.freeze", "0");
}

static int setup_cpuset(struct wl_ctx *x);

int wl_setup_into_cgroup(struct wl_ctx *x, long how, long unused)
{
	(void)unused;
	if (how == WL_CG_CPUSET)
		return setup_cpuset(x);
	if (how == WL_CG_NOT_CGROUP) {
		x->fd = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	} else if (cg2 < 0) {
		return -ENOENT;
	} else {
		case_cgroup(x->path, sizeof(x->path),
			    how == WL_CG_REMOVED ? "gone" : how == WL_CG_FROZEN ? "frozen" : "into");
		if (mkdirat(cg2, x->path, 0755) && errno != EEXIST)
			return -errno;
		x->fd = openat(cg2, x->path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	}
	x->undo = undo_cgroup;
	if (x->fd < 0)
		return -errno;
	if (how == WL_CG_FROZEN) {
		int err = write_at(x->fd, "cgroup.freeze", "1");

		if (err)
			return err;
		x->before_wait = thaw_cgroup;
	}
	if (how == WL_CG_REMOVED) {
		int err = remove_at(cg2, x->path);

		if (err)
			return err;
		x->path[0] = '\0';
	}
	x->call.cgroup = (uint64_t)x->fd;
	return 0;
}

/* Is word a whole word of the one-line file path under dir? */
static bool file_has_word(int dir, const char *path, const char *word)
{
	char buf[512], *save = NULL;
	int fd = openat(dir, path, O_RDONLY | O_CLOEXEC);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
	bool found = false;

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	for (char *w = strtok_r(buf, " \n", &save); w && !found; w = strtok_r(NULL, " \n", &save))
		found = !strcmp(w, word);
	return found;
}

/* Asked before wl_cg_open() too: then the hierarchy is looked up for it. */
const char *wl_cg_cpuset_unavailable(void)
{
	char v2[256], pids[256];
	int root = cg2;
	bool has;

	if (root < 0) {
		find_mounts(v2, pids, sizeof(v2));
		root = open_dir(v2);
		if (root < 0)
			root = mount_detached_cgroup2();
	}
	if (root < 0)
		return "no cgroup2 hierarchy";
	has = file_has_word(root, "cgroup.controllers", "cpuset");
	if (root != cg2)
		close(root);
	return has ? NULL : "the cgroup2 root offers no cpuset controller (bound to cgroup v1?)";
}

/* The fd closed, the directory removed, then the controller if ours. */
static int undo_cpuset(struct wl_ctx *x)
{
	bool ctl = ends_with(x->path, CPUSET_CTL);
	int err = undo_cgroup(x);

	if (!err && ctl)
		err = write_at(cg2, "cgroup.subtree_control", "-cpuset");
	x->path[0] = '\0';
	return err;
}

/*
 * R-42 with CLONE_INTO_CGROUP: a cgroup2 cpuset of one CPU, the lowest the
 * caller may run on, so that with two or more CPUs the child's mask (the
 * cpuset's, kernel/cgroup/cpuset.c:cpuset_fork() -> cpuset_attach_task()
 * from 6.1 on) differs from the caller's.  The controller is switched on in
 * the root's subtree_control for the case, and off after if it was off
 * (named first, as for pids).  The caller stays where it is.
 */
static int setup_cpuset(struct wl_ctx *x)
{
	cpu_set_t set;
	char val[16];
	int cpu = 0, err;
	bool ctl;

	if (cg2 < 0)
		return -ENOENT;
	if (sched_getaffinity(0, sizeof(set), &set))
		return -errno;
	while (cpu < CPU_SETSIZE && !CPU_ISSET(cpu, &set))
		cpu++;
	if (cpu == CPU_SETSIZE)
		return -EINVAL;
	ctl = !file_has_word(cg2, "cgroup.subtree_control", "cpuset");
	case_cgroup(x->path, sizeof(x->path), ctl ? "cpuset-ctl" : "cpuset");
	if (mkdirat(cg2, x->path, 0755) && errno != EEXIST)
		return -errno;
	x->undo = undo_cpuset;
	err = ctl ? write_at(cg2, "cgroup.subtree_control", "+cpuset") : 0;
	snprintf(val, sizeof(val), "%d", cpu);
	if (!err) {
		char file[300];

		snprintf(file, sizeof(file), "%s/cpuset.cpus", x->path);
		err = write_at(cg2, file, val);
	}
	if (err)
		return err;
	x->fd = openat(cg2, x->path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (x->fd < 0)
		return -errno;
	x->call.cgroup = (uint64_t)x->fd;
	return 0;
}

/* Back to the hierarchy's root, then the directory goes (and the controller). */
static int undo_pids(struct wl_ctx *x)
{
	int root = wl_cg_root(true);
	int err = write_at(root, "cgroup.procs", "0");

	if (!err)
		err = remove_at(root, x->path);
	if (!err && ends_with(x->path, PIDS_CTL))
		err = write_at(root, "cgroup.subtree_control", "-pids");
	return err;
}

/*
 * The v1 pids hierarchy if mounted, else cgroup2, where the controller must
 * be on in the root's subtree_control: switched on for the case and off
 * after if it was off (the directory's name says so, for a later sweep).
 */
int wl_setup_pids_max(struct wl_ctx *x, long max, long unused)
{
	int root = wl_cg_root(true);
	char file[300], val[32];
	bool ctl;
	int err;

	(void)unused;
	if (!x->helper)
		return -EINVAL;
	if (root < 0)
		return -ENOENT;
	ctl = root == cg2 && !file_has_word(root, "cgroup.subtree_control", "pids");
	/* named first, switched on after: a sweep never misses a "+pids" of ours */
	case_cgroup(x->path, sizeof(x->path), ctl ? "pids-ctl" : "pids");
	if (mkdirat(root, x->path, 0755) && errno != EEXIST)
		return -errno;
	x->undo = undo_pids;
	err = ctl ? write_at(root, "cgroup.subtree_control", "+pids") : 0;
	snprintf(file, sizeof(file), "%s/pids.max", x->path);
	snprintf(val, sizeof(val), "%ld", max);
	if (!err)
		err = write_at(root, file, val);
	snprintf(file, sizeof(file), "%s/cgroup.procs", x->path);
	if (!err)
		err = write_at(root, file, "0");	/* the helper joins it */
	return err;
}
