// SPDX-License-Identifier: GPL-2.0
/*
 * init.c - the QEMU guest's /init: mount what clonecheck needs, run it on the
 * built-in workload with each backend, frame every result onto the console,
 * power off.
 *
 * The console is the only way out of the guest (virtio and 9p are modules in
 * Debian's kernels), and QEMU exits 0 however the guest ends, so everything
 * the host needs is written as checksummed frames (see vm/console.py):
 *
 *   @@CC START <release> <machine> <runs>
 *   @@CC BEGIN <name> <length> <crc32, 8 hex digits>
 *   @@D <base64, at most 76 characters>          (as many as needed)
 *   @@CC END <name>
 *   @@CC DONE <frames>
 *
 * Each run gives three frames: <run>.report (clonecheck's stdout),
 * <run>.stderr and <run>.status ("exit N", "signal N" or "timeout", and the
 * wall time).  The "record" run (`clonecheck record -o`, auto backend) adds a
 * fourth, record.cct: the trace file itself, binary, framed like the others.  Then "meta" (mounts, uname) and "dmesg" (the kernel log, whose
 * console level is lowered to 1 so that printk does not cut frame lines;
 * oopses and panics still reach the console).  Frames of a run are written as
 * soon as it ends, so a later crash keeps what came before it.
 *
 * Built static with the guest's compiler; needs only libc.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define CLONECHECK "/bin/clonecheck"
#define RUN_TIMEOUT_S 240	/* one clonecheck run under TCG; the host has its own timeout */
#define B64_LINE 76		/* base64 characters per @@D line */
#define META_MAX 4096

/* One clonecheck invocation: its frame name prefix and its arguments. */
struct run {
	const char *name;	/* frames <name>.report, <name>.stderr, <name>.status */
	const char *argv[8];	/* argv[0] is CLONECHECK */
	const char *trace;	/* a file it writes, framed as <name>.cct; or NULL */
};

#define RECORD_TRACE "/tmp/record.cct"

/*
 * --disruptive: the guest is thrown away, so the workload's cases that
 * change a global sysctl for one case (src/wl_sysctl.c) run here, and only
 * here.
 */
static const struct run runs[] = {
	{ "auto", { CLONECHECK, "-v", "--backend=auto", "--disruptive", NULL } },
	{ "fentry", { CLONECHECK, "-v", "--backend=fentry", "--disruptive", NULL } },
	{ "kprobe", { CLONECHECK, "-v", "--backend=kprobe", "--disruptive", NULL } },
	{ "tracepoint", { CLONECHECK, "-v", "--backend=tracepoint", "--disruptive", NULL } },
	/* the trace file of the built-in workload (tests/fixtures/, make fixtures) */
	{ "record", { CLONECHECK, "record", "-v", "--disruptive", "-o", RECORD_TRACE, NULL },
	  RECORD_TRACE },
};

static char meta[META_MAX];	/* the "meta" frame, filled as init goes */
static size_t meta_len;
static unsigned int n_frames;

static void meta_add(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(meta + meta_len, sizeof(meta) - meta_len, fmt, ap);
	va_end(ap);
	if (n > 0)
		meta_len += (size_t)n < sizeof(meta) - meta_len ? (size_t)n :
								   sizeof(meta) - meta_len - 1;
}

/* write(2) all of it to the console (fd 1), retrying on EINTR and short writes. */
static void out(const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(1, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		buf += n;
		len -= (size_t)n;
	}
}

static void outf(const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n > 0)
		out(line, (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1);
}

/* zlib's CRC-32 (reflected, polynomial 0xEDB88320), as Python's zlib.crc32. */
static uint32_t crc32(const unsigned char *p, size_t len)
{
	uint32_t crc = 0xffffffffu;

	while (len--) {
		crc ^= *p++;
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
	}
	return ~crc;
}

/* Write one frame: BEGIN line, base64 data lines, END line. */
static void frame(const char *name, const unsigned char *data, size_t len)
{
	static const char b64[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	char line[8 + B64_LINE + 2];
	size_t i = 0;

	outf("@@CC BEGIN %s %zu %08x\n", name, len, crc32(data, len));
	while (i < len) {
		size_t n = 4;	/* "@@D " */

		memcpy(line, "@@D ", 4);
		for (; i < len && n + 4 <= 4 + B64_LINE; i += 3) {
			uint32_t v = (uint32_t)data[i] << 16;
			size_t have = len - i < 3 ? len - i : 3;

			if (have > 1)
				v |= (uint32_t)data[i + 1] << 8;
			if (have > 2)
				v |= data[i + 2];
			line[n++] = b64[(v >> 18) & 63];
			line[n++] = b64[(v >> 12) & 63];
			line[n++] = have > 1 ? b64[(v >> 6) & 63] : '=';
			line[n++] = have > 2 ? b64[v & 63] : '=';
		}
		line[n++] = '\n';
		out(line, n);
	}
	outf("@@CC END %s\n", name);
	n_frames++;
}

/* Frame a whole file; a file that cannot be read is framed as empty and noted. */
static void frame_file(const char *name, const char *path)
{
	unsigned char *buf = NULL;
	size_t len = 0, cap = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		meta_add("cannot open %s: %s\n", path, strerror(errno));
	} else {
		for (;;) {
			ssize_t n;

			if (len == cap) {
				unsigned char *nb = realloc(buf, cap ? cap * 2 : 65536);

				if (!nb)
					break;
				buf = nb;
				cap = cap ? cap * 2 : 65536;
			}
			n = read(fd, buf + len, cap - len);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				break;
			len += (size_t)n;
		}
		close(fd);
	}
	frame(name, buf ? buf : (const unsigned char *)"", len);
	free(buf);
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* mkdir -p for one level plus mount; failures go to the meta frame. */
static void do_mount(const char *src, const char *dir, const char *type)
{
	mkdir(dir, 0755);
	if (mount(src, dir, type, 0, NULL) && errno != EBUSY)
		meta_add("mount %s on %s: %s\n", type, dir, strerror(errno));
	else
		meta_add("mount %s on %s: ok\n", type, dir);
}

/*
 * Run one clonecheck, stdout and stderr into files under /tmp, bounded by
 * RUN_TIMEOUT_S; then frame the three results.
 */
static void run_one(const struct run *r)
{
	char out_path[64], err_path[64], st_path[64], name[64], status[128];
	double t0 = now_s(), dt;
	int st = 0, fd, n;
	bool timed_out = false;
	pid_t pid, w;

	snprintf(out_path, sizeof(out_path), "/tmp/%s.report", r->name);
	snprintf(err_path, sizeof(err_path), "/tmp/%s.stderr", r->name);
	snprintf(st_path, sizeof(st_path), "/tmp/%s.status", r->name);
	outf("@@CC RUN %s\n", r->name);

	pid = fork();
	if (pid == 0) {
		int o = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		int e = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		int nul = open("/dev/null", O_RDONLY);

		if (o < 0 || e < 0)
			_exit(125);
		if (nul >= 0)
			dup2(nul, 0);
		dup2(o, 1);
		dup2(e, 2);
		execv(r->argv[0], (char *const *)r->argv);
		dprintf(2, "init: cannot exec %s: %s\n", r->argv[0], strerror(errno));
		_exit(127);
	}
	if (pid < 0) {
		n = snprintf(status, sizeof(status), "fork-failed %d\nseconds 0\n", errno);
		goto out_frames;
	}
	/* Poll for the end: init also reaps orphans, so wait for this pid only. */
	for (;;) {
		struct timespec ts = { 0, 20 * 1000 * 1000 };

		w = waitpid(pid, &st, WNOHANG);
		if (w == pid)
			break;
		if (w < 0 && errno != EINTR) {
			st = -1;
			break;
		}
		if (!timed_out && now_s() - t0 > RUN_TIMEOUT_S) {
			kill(pid, SIGKILL);
			timed_out = true;
		}
		nanosleep(&ts, NULL);
	}
	dt = now_s() - t0;
	if (timed_out)
		n = snprintf(status, sizeof(status), "timeout %d\nseconds %.2f\n", RUN_TIMEOUT_S, dt);
	else if (st == -1)
		n = snprintf(status, sizeof(status), "lost-child\nseconds %.2f\n", dt);
	else if (WIFEXITED(st))
		n = snprintf(status, sizeof(status), "exit %d\nseconds %.2f\n", WEXITSTATUS(st), dt);
	else
		n = snprintf(status, sizeof(status), "signal %d\nseconds %.2f\n", WTERMSIG(st), dt);

out_frames:
	fd = open(st_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd >= 0) {
		if (write(fd, status, (size_t)n) != n)
			meta_add("short write to %s\n", st_path);
		close(fd);
	}
	snprintf(name, sizeof(name), "%s.report", r->name);
	frame_file(name, out_path);
	snprintf(name, sizeof(name), "%s.stderr", r->name);
	frame_file(name, err_path);
	snprintf(name, sizeof(name), "%s.status", r->name);
	frame(name, (const unsigned char *)status, (size_t)n);
	if (r->trace) {
		/* binary: the frame's base64 and CRC carry it byte for byte */
		snprintf(name, sizeof(name), "%s.cct", r->name);
		frame_file(name, r->trace);
	}
}

/* The kernel log as one frame (SYSLOG_ACTION_READ_ALL). */
static void frame_dmesg(void)
{
	int size = klogctl(10 /* SYSLOG_ACTION_SIZE_BUFFER */, NULL, 0);
	char *buf;
	int n;

	if (size <= 0)
		size = 1 << 20;
	buf = malloc((size_t)size);
	if (!buf)
		return;
	n = klogctl(3 /* SYSLOG_ACTION_READ_ALL */, buf, size);
	frame("dmesg", (const unsigned char *)buf, n > 0 ? (size_t)n : 0);
	free(buf);
}

/*
 * The kernel modules vm/vmtest put in /modules (vhost_net and what it
 * needs, for the workload's vhost_worker case), loaded in name order
 * (vmtest numbers them by dependency) with finit_module(): compressed ones
 * with MODULE_INIT_COMPRESSED_FILE (5.17+, CONFIG_MODULE_DECOMPRESS).
 * Each result goes to the meta frame; a failure only makes the case skip.
 */
static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static void load_modules(void)
{
	struct dirent **list;
	int n = scandir("/modules", &list, NULL, by_name);

	for (int i = 0; i < n; i++) {
		const char *name = list[i]->d_name;
		size_t len = strlen(name);
		bool packed = len > 3 && (!strcmp(name + len - 3, ".xz") ||
					  (len > 4 && !strcmp(name + len - 4, ".zst")) ||
					  !strcmp(name + len - 3, ".gz"));
		char path[300];
		int fd;

		if (name[0] == '.') {
			free(list[i]);
			continue;
		}
		snprintf(path, sizeof(path), "/modules/%s", name);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0 || (syscall(SYS_finit_module, fd, "",
				       packed ? 4 /* MODULE_INIT_COMPRESSED_FILE */ : 0) &&
			       errno != EEXIST))
			meta_add("module %s: %s\n", name, strerror(errno));
		else
			meta_add("module %s: loaded\n", name);
		if (fd >= 0)
			close(fd);
		free(list[i]);
	}
	if (n >= 0)
		free(list);
}

int main(void)
{
	struct rlimit unlimited = { RLIM_INFINITY, RLIM_INFINITY };
	struct utsname u;
	double t0 = now_s();

	/* Step 1: a console on fds 0-2 even if the kernel could not open one. */
	do_mount("devtmpfs", "/dev", "devtmpfs");
	if (fcntl(1, F_GETFD) < 0) {
		int fd = open("/dev/console", O_RDWR | O_NOCTTY);

		if (fd >= 0) {
			dup2(fd, 0);
			dup2(fd, 1);
			dup2(fd, 2);
			if (fd > 2)
				close(fd);
		}
	}
	/* Only KERN_EMERG on the console from now on: printk must not cut frames. */
	klogctl(8 /* SYSLOG_ACTION_CONSOLE_LEVEL */, NULL, 1);

	/* Step 2: the file systems clonecheck reads. */
	do_mount("proc", "/proc", "proc");
	do_mount("sysfs", "/sys", "sysfs");
	do_mount("tracefs", "/sys/kernel/tracing", "tracefs");
	do_mount("debugfs", "/sys/kernel/debug", "debugfs");
	do_mount("bpf", "/sys/fs/bpf", "bpf");
	do_mount("tmpfs", "/tmp", "tmpfs");
	if (setrlimit(RLIMIT_MEMLOCK, &unlimited))
		meta_add("setrlimit(RLIMIT_MEMLOCK): %s\n", strerror(errno));
	load_modules();
	meta_add("btf: %s\n", access("/sys/kernel/btf/vmlinux", R_OK) ? "absent" : "present");
	uname(&u);
	meta_add("uname: %s %s %s %s\n", u.sysname, u.release, u.version, u.machine);

	/* Step 3: every run, framed as soon as it ends. */
	outf("@@CC START %s %s %zu\n", u.release, u.machine, sizeof(runs) / sizeof(runs[0]));
	for (size_t i = 0; i < sizeof(runs) / sizeof(runs[0]); i++)
		run_one(&runs[i]);

	/* Step 4: the context, then the end marker the host waits for. */
	meta_add("init seconds: %.2f\n", now_s() - t0);
	frame("meta", (const unsigned char *)meta, meta_len);
	frame_dmesg();
	outf("@@CC DONE %u\n", n_frames);
	sync();
	reboot(RB_POWER_OFF);
	/* Not reached; if it is, exiting init panics and panic=-1 ends QEMU. */
	outf("@@CC POWEROFF-FAILED %s\n", strerror(errno));
	return 1;
}
