// SPDX-License-Identifier: GPL-2.0
/*
 * wl_sys.c - the workload's raw system calls.  The creating calls are made
 * from assembly so that the child can exit before it touches any memory;
 * libc knows nothing of these children and is never asked to.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "wl_sys.h"

long wl_spawn_exit(long nr, long a0, long a1, long a2, long a3, long a4)
{
	long ret;
#if defined(__x86_64__)
	register long rdi __asm__("rdi") = a0;
	register long rsi __asm__("rsi") = a1;
	register long rdx __asm__("rdx") = a2;
	register long r10 __asm__("r10") = a3;
	register long r8 __asm__("r8") = a4;

	__asm__ volatile("syscall\n\t"
			 "test %%rax, %%rax\n\t"
			 "jnz 1f\n\t"
			 "mov $60, %%eax\n\t" /* SYS_exit */
			 "xor %%edi, %%edi\n\t"
			 "syscall\n\t"
			 "1:"
			 : "=a"(ret)
			 : "0"(nr), "r"(rdi), "r"(rsi), "r"(rdx), "r"(r10), "r"(r8)
			 : "rcx", "r11", "memory");
#elif defined(__aarch64__)
	register long x8 __asm__("x8") = nr;
	register long x0 __asm__("x0") = a0;
	register long x1 __asm__("x1") = a1;
	register long x2 __asm__("x2") = a2;
	register long x3 __asm__("x3") = a3;
	register long x4 __asm__("x4") = a4;

	__asm__ volatile("svc #0\n\t"
			 "cbnz x0, 1f\n\t"
			 "mov x8, #93\n\t" /* SYS_exit */
			 "mov x0, #0\n\t"
			 "svc #0\n\t"
			 "1:"
			 : "+r"(x0)
			 : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4)
			 : "memory");
	ret = x0;
#else
#error "workload: unsupported architecture"
#endif
	return ret;
}

long wl_clone_exit(uint64_t flags, uint64_t newsp, void *ptid, void *ctid, uint64_t tls)
{
#if defined(__x86_64__)
	/* x86-64: (flags, newsp, parent_tid, child_tid, tls) */
	return wl_spawn_exit(SYS_clone, (long)flags, (long)newsp, (long)ptid, (long)ctid,
			     (long)tls);
#else
	/* CLONE_BACKWARDS arches: (flags, newsp, parent_tid, tls, child_tid) */
	return wl_spawn_exit(SYS_clone, (long)flags, (long)newsp, (long)ptid, (long)tls,
			     (long)ctid);
#endif
}

#if defined(__aarch64__)
long wl_fork_exit_tpidr(uint64_t tp)
{
	register long x8 __asm__("x8") = SYS_clone;
	register long x0 __asm__("x0") = SIGCHLD;
	register long x1 __asm__("x1") = 0;
	register long x2 __asm__("x2") = 0;
	register long x3 __asm__("x3") = 0;
	register long x4 __asm__("x4") = 0;
	register uint64_t x9 __asm__("x9") = tp;

	/* x10 holds the old value: the kernel keeps x1-x30 across a syscall */
	__asm__ volatile("mrs x10, tpidr_el0\n\t"
			 "msr tpidr_el0, x9\n\t"
			 "svc #0\n\t"
			 "cbnz x0, 1f\n\t"
			 "mov x8, #93\n\t" /* SYS_exit */
			 "mov x0, #0\n\t"
			 "svc #0\n\t"
			 "1:\n\t"
			 "msr tpidr_el0, x10"
			 : "+r"(x0)
			 : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x9)
			 : "x10", "memory");
	return x0;
}
#endif

long wl_fork_exit(void)
{
#ifdef SYS_fork
	return wl_spawn_exit(SYS_fork, 0, 0, 0, 0, 0);
#else
	return wl_clone_exit(SIGCHLD, 0, NULL, NULL, 0);
#endif
}

void wl_wait_child(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, __WALL) < 0 && errno == EINTR)
		;
}

/* A CLONE_THREAD child reaps itself: poll until its tid is gone (5 s at most). */
void wl_wait_thread(pid_t tid)
{
	struct timespec ms = { 0, 1000000 };

	for (int i = 0; i < 5000; i++) {
		if (syscall(SYS_tgkill, getpid(), tid, 0) < 0 && errno == ESRCH)
			return;
		nanosleep(&ms, NULL);
	}
}

void wl_wait_cleared(int32_t *word)
{
	int32_t v;

	while ((v = __atomic_load_n(word, __ATOMIC_ACQUIRE)) != 0)
		syscall(SYS_futex, word, FUTEX_WAIT, v, NULL, NULL, 0);
}

/*
 * The "Pid:" line of a pidfd's fdinfo is the pid in the pid ns of the proc
 * mount that shows it (fs/pidfs.c:pidfd_show_fdinfo()): the host's /proc,
 * so the global tid, even when pid is a number of a nested pid ns.
 */
pid_t wl_global_pid(pid_t pid)
{
	int fd = (int)syscall(SYS_pidfd_open, pid, 0);
	char path[64], line[128];
	long global = 0;
	FILE *f;

	if (fd < 0)
		return 0;
	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	f = fopen(path, "re");
	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "Pid: %ld", &global) == 1)
			break;
	if (f)
		fclose(f);
	close(fd);
	return global > 0 ? (pid_t)global : 0;
}

/*
 * x86_64 (errata X-9): a mapping hint above 47 bits is honoured only with
 * 5-level paging, where TASK_SIZE_MAX is 2^56 - 4096.  arm64: 48-bit VA.
 */
uint64_t wl_task_size_max(void)
{
#if defined(__x86_64__)
	void *p = mmap((void *)(1ULL << 50), 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uint64_t at = p == MAP_FAILED ? 0 : (uint64_t)p;

	if (p != MAP_FAILED)
		munmap(p, 4096);
	return at >> 47 ? (1ULL << 56) - 4096 : WL_TASK_SIZE_MAX_4L;
#else
	return 1ULL << 48;
#endif
}
