/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vmlinux.h - the kernel types clonecheck's BPF side reads, hand-kept.
 *
 * Only the types and fields bpf/ reads, each struct marked
 * preserve_access_index so libbpf relocates every access against the
 * running kernel's BTF (CO-RE).  Layout here does not matter: names do.
 * Arch-neutral: one header serves x86_64 and arm64, 5.10 to 6.18.
 * Field names were taken from the BTF of 6.18 (x86_64); fields that differ
 * across versions have flavors in bpf/compat.bpf.h, not here.
 * `make vmlinux-full` dumps the running kernel's whole header for exploring.
 */
#ifndef __VMLINUX_H__
#define __VMLINUX_H__

#pragma clang attribute push(__attribute__((preserve_access_index)), apply_to = record)

typedef unsigned char __u8;
typedef short int __s16;
typedef short unsigned int __u16;
typedef int __s32;
typedef unsigned int __u32;
typedef long long int __s64;
typedef long long unsigned int __u64;
typedef __u8 u8;
typedef __s16 s16;
typedef __u16 u16;
typedef __s32 s32;
typedef __u32 u32;
typedef __s64 s64;
typedef __u64 u64;
typedef __u16 __be16;
typedef __u32 __be32;
typedef __u32 __wsum;
typedef _Bool bool;
typedef int pid_t;
enum { false = 0, true = 1 };

/* include/uapi/linux/bpf.h: the constants bpf/ and libbpf's headers use */
enum bpf_map_type {
	BPF_MAP_TYPE_UNSPEC = 0,
	BPF_MAP_TYPE_HASH = 1,
	BPF_MAP_TYPE_ARRAY = 2,
	BPF_MAP_TYPE_PERCPU_ARRAY = 6,
	BPF_MAP_TYPE_LRU_HASH = 9,
	BPF_MAP_TYPE_RINGBUF = 27,
};

enum {
	BPF_ANY = 0,
	BPF_NOEXIST = 1,
	BPF_EXIST = 2,
};

enum {
	BPF_RB_NO_WAKEUP = 1,
	BPF_RB_FORCE_WAKEUP = 2,
};

enum {
	BPF_RB_AVAIL_DATA = 0,
	BPF_RB_RING_SIZE = 1,
	BPF_RB_CONS_POS = 2,
	BPF_RB_PROD_POS = 3,
};

/* Types libbpf's bpf_helper_defs.h names only through pointers. */
struct __sk_buff;
struct bpf_dynptr;
struct bpf_fib_lookup;
struct bpf_map;
struct bpf_perf_event_data;
struct bpf_perf_event_value;
struct bpf_pidns_info;
struct bpf_redir_neigh;
struct bpf_sk_lookup;
struct bpf_sock;
struct bpf_sock_addr;
struct bpf_sock_ops;
struct bpf_sock_tuple;
struct bpf_spin_lock;
struct bpf_sysctl;
struct bpf_tcp_sock;
struct bpf_timer;
struct bpf_tunnel_key;
struct bpf_xfrm_state;
struct btf_ptr;
struct cgroup;
struct file;
struct in6_addr;
struct inode;
struct iphdr;
struct ipv6_sr_hdr;
struct ipv6hdr;
struct linux_binprm;
struct mptcp_sock;
struct path;
struct perf_branch_entry;
struct seq_file;
struct sk_buff;
struct sk_msg_md;
struct sk_reuseport_md;
struct sock;
struct sockaddr;
struct socket;
struct tcp6_sock;
struct tcp_request_sock;
struct tcp_sock;
struct tcp_timewait_sock;
struct tcphdr;
struct udp6_sock;
struct unix_sock;
struct vm_area_struct;
struct xdp_buff;
struct xdp_md;

/* include/uapi/linux/bpf.h: helpers whose presence is probed (CO-RE) */
enum bpf_func_id {
	BPF_FUNC_task_pt_regs = 175,	/* 5.15+ */
};

/* include/linux/cgroup_subsys.h (CONFIG_CGROUP_PIDS) */
enum cgroup_subsys_id {
	pids_cgrp_id = 0,		/* value relocated (CO-RE) */
};

/* include/linux/mm_types.h: mm_flags_t since 6.18 (`unsigned long` before: compat) */
typedef struct {
	long unsigned int __mm_flags[1];
} mm_flags_t;

struct mm_struct {
	mm_flags_t flags;
};

/* Opaque to us: compared as identities, never followed. */
struct sighand_struct;
struct completion;
struct sched_class;

typedef struct {
	int counter;
} atomic_t;

typedef struct {
	s64 counter;
} atomic64_t;

typedef struct {
	s64 counter;
} atomic_long_t;	/* 64-bit kernels only */

/*
 * include/linux/user_namespace.h: the per-(user ns, uid) counts; rlimit[]
 * (enum rlimit_type, UCOUNT_RLIMIT_NPROC first) since the rlimit counts
 * left ucount[] (6.1 has it; 5.10 has neither: user_struct, compat).
 */
struct ucounts {
	atomic_long_t rlimit[4];
};

/* include/linux/fs_struct.h */
struct fs_struct {
	int users;
};

/* include/linux/fs.h, include/linux/fdtable.h, include/linux/dcache.h */
struct file_system_type {
	const char *name;
};

struct super_block {
	struct file_system_type *s_type;
};

struct inode {
	void *i_private;
};

struct dentry {
	struct inode *d_inode;
	struct super_block *d_sb;
};

struct path {
	struct dentry *dentry;
};

struct file {
	unsigned int f_flags;
	struct path f_path;
};

/* include/linux/kernfs.h: a cgroup directory's node, kn->priv its cgroup */
struct kernfs_node {
	unsigned short flags;
	void *priv;
};

struct fdtable {
	unsigned int max_fds;
	struct file **fd;
	long unsigned int *close_on_exec;
	long unsigned int *open_fds;
};

struct files_struct {
	atomic_t count;
	struct fdtable *fdt;
};

/* include/linux/cgroup-defs.h, kernel/cgroup/pids.c */
struct percpu_ref {
	unsigned long percpu_count_ptr;	/* bit 1: __PERCPU_REF_DEAD */
};

struct cgroup_subsys_state {
	struct cgroup_subsys_state *parent;
	struct percpu_ref refcnt;
	unsigned int flags;
};

struct cgroup {
	struct cgroup_subsys_state self;
	unsigned long flags;		/* CGRP_* bits */
	struct cgroup *dom_cgrp;
};

struct css_set {
	struct cgroup_subsys_state *subsys[1];	/* CGROUP_SUBSYS_COUNT entries */
};

struct pids_cgroup {
	struct cgroup_subsys_state css;
	atomic64_t counter;
	atomic64_t limit;
};

/* fs/mount.h: nr_mounts 6.8+ (`unsigned int mounts` before: compat) */
struct mnt_namespace {
	unsigned int nr_mounts;
};

/* include/uapi/linux/resource.h */
struct rlimit {
	long unsigned int rlim_cur;
	long unsigned int rlim_max;
};

/* arch/x86/include/asm/ptrace.h and arm64's uapi user_pt_regs (kprobes) */
#if defined(__TARGET_ARCH_x86)
struct pt_regs {
	long unsigned int r15;
	long unsigned int r14;
	long unsigned int r13;
	long unsigned int r12;
	long unsigned int bp;
	long unsigned int bx;
	long unsigned int r11;
	long unsigned int r10;
	long unsigned int r9;
	long unsigned int r8;
	long unsigned int ax;
	long unsigned int cx;
	long unsigned int dx;
	long unsigned int si;
	long unsigned int di;
	long unsigned int orig_ax;
	long unsigned int ip;
	long unsigned int cs;
	long unsigned int flags;
	long unsigned int sp;
	long unsigned int ss;
};
#elif defined(__TARGET_ARCH_arm64)
struct user_pt_regs {
	__u64 regs[31];
	__u64 sp;
	__u64 pc;
	__u64 pstate;
};
struct pt_regs {
	union {
		struct user_pt_regs user_regs;
		struct {
			u64 regs[31];
			u64 sp;
			u64 pc;
			u64 pstate;
		};
	};
	u64 orig_x0;
	s32 syscallno;
	u64 stackframe[2];		/* struct frame_record_meta in 6.13+ (compat) */
};
#else
struct pt_regs;
#endif

struct cpumask {
	long unsigned int bits[1];	/* only the first word is read */
};
typedef struct cpumask cpumask_t;

struct thread_info {
	long unsigned int flags;	/* TIF_* */
	u64 preempt_count;		/* arm64 only */
	u32 cpu;			/* 5.16+ on THREAD_INFO_IN_TASK arches */
};

/* arch/x86/include/asm/processor.h, arch/arm64/include/asm/processor.h */
#if defined(__TARGET_ARCH_x86)
struct inactive_task_frame {
	long unsigned int r12;
	long unsigned int bx;
	long unsigned int bp;
	long unsigned int ret_addr;
};

struct fork_frame {
	struct inactive_task_frame frame;
	struct pt_regs regs;
};

struct thread_struct {
	long unsigned int sp;
	long unsigned int fsbase;
};
#elif defined(__TARGET_ARCH_arm64)
struct cpu_context {
	long unsigned int x19;
	long unsigned int x20;
	long unsigned int fp;
	long unsigned int sp;
	long unsigned int pc;
};

struct thread_struct {
	struct cpu_context cpu_context;
	struct {
		long unsigned int tp_value;
	} uw;
};
#else
struct thread_struct {
	long unsigned int unused;
};
#endif

/* include/linux/sched/task.h */
struct kernel_clone_args {
	u64 flags;
	int *pidfd;
	int *child_tid;
	int *parent_tid;
	int exit_signal;
	u32 kthread: 1;			/* int before 6.4 */
	u32 io_thread: 1;
	u32 user_worker: 1;		/* 6.4+ */
	long unsigned int stack;
	long unsigned int stack_size;
	long unsigned int tls;
	pid_t *set_tid;
	long unsigned int set_tid_size;
	int cgroup;
	int idle;
	int (*fn)(void *);
	void *fn_arg;
};

struct user_namespace {
	int level;
};

struct task_struct;

struct pid_namespace {
	unsigned int pid_allocated;	/* PIDNS_ADDING in bit 31 */
	struct task_struct *child_reaper;
	unsigned int level;
	int pid_max;			/* 6.14+ */
	struct pid_namespace *parent;
	struct user_namespace *user_ns;
};

struct upid {
	int nr;
	struct pid_namespace *ns;
};

struct pid {
	unsigned int level;		/* depth of the task's pid namespace */
	struct upid numbers[1];		/* level + 1 entries */
};

struct signal_struct {
	atomic_t live;			/* threads not yet in do_exit() */
	unsigned int flags;		/* SIGNAL_* */
	unsigned int is_child_subreaper: 1;
	unsigned int has_child_subreaper: 1;
	unsigned int autoreap: 1;	/* 7.1+ */
	struct rlimit rlim[16];
	short int oom_score_adj;
	short int oom_score_adj_min;
};

struct nsproxy {
	struct uts_namespace *uts_ns;
	struct ipc_namespace *ipc_ns;
	struct mnt_namespace *mnt_ns;
	struct pid_namespace *pid_ns_for_children;
	struct net *net_ns;
	struct time_namespace *time_ns;
	struct time_namespace *time_ns_for_children;
	struct cgroup_namespace *cgroup_ns;
};

typedef struct {
	u64 val;			/* 6.3+; u32 cap[2] before (compat) */
} kernel_cap_t;

struct key;

typedef struct {
	unsigned int val;
} kuid_t;

struct cred {
	kuid_t uid;
	kernel_cap_t cap_effective;
	struct key *thread_keyring;
	struct user_namespace *user_ns;
	struct ucounts *ucounts;	/* 5.14+ */
};

struct io_context {
	short unsigned int ioprio;
};

struct sem_undo_list;

struct sysv_sem {
	struct sem_undo_list *undo_list;
};

typedef struct {
	long unsigned int sig[1];
} sigset_t;

struct sigpending {
	sigset_t signal;
};

struct seccomp_filter;

struct seccomp {
	int mode;
	struct seccomp_filter *filter;
};

struct uclamp_se {
	unsigned int value: 11;
	unsigned int user_defined: 1;	/* the kernel's sits after bucket_id, active */
};

struct rseq;

struct kmem_cache {
	const char *name;
};

struct task_group;

struct sched_entity {
	unsigned long long vruntime;
};

struct task_struct {
	struct thread_info thread_info;
	void *stack;
	struct thread_struct thread;
	unsigned int __state;		/* 5.14+, `long state` before (compat) */
	unsigned int flags;		/* PF_* */
	int on_rq;
	int prio;
	int static_prio;
	int normal_prio;
	unsigned int rt_priority;
	unsigned int policy;
	const struct sched_class *sched_class;
	struct sched_entity se;
	struct task_group *sched_task_group;	/* CONFIG_CGROUP_SCHED */
	int nr_cpus_allowed;
	const cpumask_t *cpus_ptr;
	cpumask_t cpus_mask;
	struct mm_struct *mm;
	int exit_signal;
	unsigned int sched_reset_on_fork: 1;
	pid_t pid;
	pid_t tgid;
	struct task_struct *real_parent;
	struct task_struct *group_leader;
	struct pid *thread_pid;
	struct completion *vfork_done;
	char comm[16];
	struct fs_struct *fs;
	struct files_struct *files;
	struct signal_struct *signal;
	struct sighand_struct *sighand;
	struct nsproxy *nsproxy;
	struct css_set *cgroups;
	long unsigned int atomic_flags;	/* PFA_* */
	const struct cred *cred;
	const struct cred *real_cred;
	struct io_context *io_context;
	struct sysv_sem sysvsem;
	long unsigned int sas_ss_sp;
	long unsigned int sas_ss_size;
	unsigned int sas_ss_flags;
	struct rseq *rseq;
	u32 rseq_len;
	unsigned int ptrace;
	struct task_struct *parent;
	long unsigned int jobctl;
	sigset_t blocked;
	struct sigpending pending;
	int pdeath_signal;
	struct seccomp seccomp;
	u64 self_exec_id;
	u64 parent_exec_id;
	int *set_child_tid;
	int *clear_child_tid;
	long unsigned int min_flt;
	long unsigned int maj_flt;
	long unsigned int nvcsw;
	long unsigned int nivcsw;
	u64 utime;
	u64 stime;
	u64 gtime;
	u64 start_time;
	struct uclamp_se uclamp_req[2];	/* CONFIG_UCLAMP_TASK */
};

#pragma clang attribute pop

#endif /* __VMLINUX_H__ */
