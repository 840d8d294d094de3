/* SPDX-License-Identifier: GPL-2.0 */
/*
 * task_read.bpf.h - read a task into struct rec_task and rec_task_ext.
 *
 * A template, included twice by clonecheck.bpf.c: with RD = direct loads
 * (READ_FN(x) = x##_btf) for BTF-typed pointers (tp_btf, fentry, and
 * bpf_get_current_task_btf()), and with RD = BPF_CORE_READ (READ_FN(x) =
 * x##_probe) for raw_tp and kprobe arguments.  Direct loads cost a
 * fraction of a bpf_probe_read_kernel() call each.  RD2 reads a
 * two-pointer chain.  Every read is CO-RE
 * relocated either way.  For each group of rec_task_ext, its REC_IN_* bit
 * is set only when the fields exist in the running kernel's BTF;
 * config-dependent fields (keys, uclamp, rseq, seccomp, sysvipc) are probed.
 * No include guard, on purpose.
 */
#define MAX_PID_NS_LEVEL 32

/* The task and the members R-01..R-13 compare by address, at every point. */
static __always_inline void READ_FN(read_task_ptrs)(struct rec_task *r, struct task_struct *t)
{
	r->task = (__u64)t;
	r->mm = (__u64)RD(t, mm);
	r->files = (__u64)RD(t, files);
	r->fs = (__u64)RD(t, fs);
	r->sighand = (__u64)RD(t, sighand);
	r->signal = (__u64)RD(t, signal);
}

static __always_inline void READ_FN(read_task)(struct rec_task *r, struct task_struct *t)
{
	READ_FN(read_task_ptrs)(r, t);
	/*
	 * cpus_mask, not *cpus_ptr: while a task is migrate-disabled, and a
	 * BPF program that can be preempted runs so (fentry, and syscall
	 * tracepoints since they may fault), cpus_ptr points at
	 * cpumask_of(its CPU) once it is switched out (migrate_disable_switch(),
	 * kernel/sched/core.c); cpus_mask is what fork copies.
	 */
	r->cpus_mask = RD(t, cpus_mask.bits[0]);
	r->pid = RD(t, pid);
	r->tgid = RD(t, tgid);
	r->real_parent_pid = RD2(t, real_parent, pid);
	r->ns_level = RD2(t, thread_pid, level);
	r->state = TASK_STATE(RD, t);
	r->on_rq = TASK_ON_RQ(RDBF, t);
	r->exit_signal = RD(t, exit_signal);
	r->flags = RD(t, flags);
	r->signal_flags = RD2(t, signal, flags);
	r->group_exit_signal = RD2(t, group_leader, exit_signal);
	r->policy = RD(t, policy);
	r->prio = RD(t, prio);
	r->static_prio = RD(t, static_prio);
	r->normal_prio = RD(t, normal_prio);
	r->rt_priority = RD(t, rt_priority);
	r->reset_on_fork = RDBF(t, sched_reset_on_fork);
	r->cpu = TASK_CPU(RD, t);
	r->nr_cpus_allowed = RD(t, nr_cpus_allowed);
	/* the record may sit on old ring-buffer bytes: zero past the NUL too */
	__builtin_memset(r->comm, 0, sizeof(r->comm));
	BPF_CORE_READ_STR_INTO(&r->comm, t, comm);
}

/*
 * The child at sched_process_fork and sched_wakeup_new: only the members a
 * rule judges at either point (the rest of *r stays as the caller zeroed it).
 * The model's expectations at MODEL_STAGE_FORK and MODEL_STAGE_WAKEUP name
 * no other rec_task member: model/fork.c:model_stable_fields() (mm, files,
 * fs, sighand, signal, tgid under their task_newtask rules, R-01..R-24),
 * model/sched.c:model_sched_fork() (S-01 state, S-07 on_rq at the former)
 * and model_wake_up_new_task() (S-01 state, S-10 on_rq and cpu, the S-0x
 * prio at the latter); tests/check_model.c asserts it.  task is the
 * pointer itself (no load).
 */
static __always_inline void READ_FN(read_task_sched)(struct rec_task *r, struct task_struct *t)
{
	READ_FN(read_task_ptrs)(r, t);
	r->tgid = RD(t, tgid);
	r->state = TASK_STATE(RD, t);
	r->on_rq = TASK_ON_RQ(RDBF, t);
	r->prio = RD(t, prio);
	r->cpu = TASK_CPU(RD, t);
}

static __always_inline void READ_FN(read_task_ext)(struct rec_task_ext *x, struct task_struct *t)
{
	struct nsproxy *ns = RD(t, nsproxy);
	const struct cred *cred = RD(t, cred);
	struct io_context *io = RD(t, io_context);
	struct signal_struct *sig = RD(t, signal);
	struct pid *tp = RD(t, thread_pid);
	unsigned int level = RD(tp, level);
	struct upid up = {};

	x->valid = 0;

	/* namespaces: task_active_pid_ns() is thread_pid->numbers[level].ns */
	x->nsproxy = (__u64)ns;
	if (tp && level <= MAX_PID_NS_LEVEL)
		bpf_core_read(&up, sizeof(up), &tp->numbers[level]);
	x->pid_ns_active = (__u64)up.ns;
	if (ns) {
		struct pid_namespace *pc = RD(ns, pid_ns_for_children);

		x->pid_ns_for_children = (__u64)pc;
		x->pid_ns_children_level = RD(pc, level);
		x->mnt_ns = (__u64)RD(ns, mnt_ns);
		x->uts_ns = (__u64)RD(ns, uts_ns);
		x->ipc_ns = (__u64)RD(ns, ipc_ns);
		x->net_ns = (__u64)RD(ns, net_ns);
		x->cgroup_ns = (__u64)RD(ns, cgroup_ns);
		if (bpf_core_field_exists(ns->time_ns)) {
			x->time_ns = (__u64)RD(ns, time_ns);
			x->time_ns_for_children = (__u64)RD(ns, time_ns_for_children);
		}
	}
	if (bpf_core_field_exists(ns->time_ns))
		x->valid |= REC_IN_NS;

	/* credentials */
	x->cred = (__u64)cred;
	x->real_cred = (__u64)RD(t, real_cred);
	x->user_ns = (__u64)RD(cred, user_ns);
	x->user_ns_level = RD2(cred, user_ns, level);
	x->cap_effective = CRED_CAP_EFFECTIVE(RD, cred);
	if (bpf_core_field_exists(cred->thread_keyring)) {
		x->has_thread_keyring = RD(cred, thread_keyring) != NULL;
		x->valid |= REC_IN_CRED;
	}

	/* io_context */
	x->io_context = (__u64)io;
	x->ioprio = io ? RD(io, ioprio) : 0;
	x->valid |= REC_IN_IO;

	/* System V semaphores (CONFIG_SYSVIPC) */
	if (bpf_core_field_exists(t->sysvsem)) {
		x->sysvsem_undo = (__u64)RD(t, sysvsem.undo_list);
		x->valid |= REC_IN_SYSVSEM;
	}

	/* sigaltstack */
	x->sas_ss_sp = RD(t, sas_ss_sp);
	x->sas_ss_size = RD(t, sas_ss_size);
	x->sas_ss_flags = RD(t, sas_ss_flags);
	x->valid |= REC_IN_SIGALT;

	/* rseq (CONFIG_RSEQ): pointer and length, 6.3+ (compat.bpf.h) */
	if (TASK_RSEQ(RD, t, x->rseq, x->rseq_len))
		x->valid |= REC_IN_RSEQ;

	/* ptrace */
	x->ptrace = RD(t, ptrace);
	x->parent_pid = RD2(t, parent, pid);
	x->jobctl = RD(t, jobctl);
	x->valid |= REC_IN_PTRACE;

	/* signals */
	x->blocked = RD(t, blocked.sig[0]);
	x->pending = RD(t, pending.signal.sig[0]);
	x->pdeath_signal = RD(t, pdeath_signal);
	x->valid |= REC_IN_SIGNALS;

	/* seccomp (CONFIG_SECCOMP) */
	if (bpf_core_field_exists(t->seccomp)) {
		x->seccomp_mode = RD(t, seccomp.mode);
		x->seccomp_filter = (__u64)RD(t, seccomp.filter);
		x->valid |= REC_IN_SECCOMP;
	}

	/* signal_struct: oom and subreaper */
	x->oom_score_adj = RD(sig, oom_score_adj);
	x->oom_score_adj_min = RD(sig, oom_score_adj_min);
	x->valid |= REC_IN_OOM;
	x->has_child_subreaper = RDBF(sig, has_child_subreaper);
	x->is_child_subreaper = RDBF(sig, is_child_subreaper);
	x->valid |= REC_IN_SUBREAPER;

	/* comm is in struct rec_task already */
	x->valid |= REC_IN_COMM;

	x->self_exec_id = RD(t, self_exec_id);
	x->parent_exec_id = RD(t, parent_exec_id);
	x->valid |= REC_IN_EXEC_ID;

	x->vfork_done = (__u64)RD(t, vfork_done);
	x->set_child_tid = (__u64)RD(t, set_child_tid);
	x->clear_child_tid = (__u64)RD(t, clear_child_tid);
	x->valid |= REC_IN_TIDS;

	x->min_flt = RD(t, min_flt);
	x->maj_flt = RD(t, maj_flt);
	x->nvcsw = RD(t, nvcsw);
	x->nivcsw = RD(t, nivcsw);
	x->utime = RD(t, utime);
	x->stime = RD(t, stime);
	x->gtime = RD(t, gtime);
	x->valid |= REC_IN_COUNTERS;

	x->start_time = RD(t, start_time);
	x->valid |= REC_IN_TIME;

	/* uclamp (CONFIG_UCLAMP_TASK) */
	if (bpf_core_field_exists(t->uclamp_req)) {
		/*
		 * The whole path from t: a bitfield read's byte offset is
		 * relocated from the root of the access, so a base of
		 * &t->uclamp_req[i] would count uclamp_req's offset twice.
		 */
		x->uclamp_min = RDBF(t, uclamp_req[0].value);
		x->uclamp_max = RDBF(t, uclamp_req[1].value);
		/* S-09: uclamp_post_fork() keeps a user-defined RT util-min */
		x->uclamp_user = 1 + RDBF(t, uclamp_req[0].user_defined);
		x->valid |= REC_IN_UCLAMP;
	}

	/* the pid ns for children has a reaper (none after unshare(NEWPID)) */
	if (ns) {
		struct pid_namespace *pc = RD(ns, pid_ns_for_children);

		x->pid_ns_children_reaper = RD(pc, child_reaper) != NULL;
		x->pid_ns_children_allocated = RD(pc, pid_allocated);
		x->pid_ns_children_pid_max = PID_NS_PID_MAX(RD, pc);
		x->valid |= REC_IN_PID_REAPER;
	}

	/* 7.1+: signal->autoreap */
	if (bpf_core_field_exists(sig->autoreap)) {
		/* probed: a BTF load of its storage unit may run past a 1-byte neighbour */
		x->autoreap = BPF_CORE_READ_BITFIELD_PROBED(sig, autoreap);
		x->valid |= REC_IN_AUTOREAP;
	}

	/* task_no_new_privs(): PFA_NO_NEW_PRIVS is bit 0 of atomic_flags */
	x->no_new_privs = RD(t, atomic_flags) & 1;
	x->valid |= REC_IN_NNP;

	/* the mount namespace's mount count */
	if (ns && HAS_MNT_NS_COUNT((struct mnt_namespace *)0)) {
		struct mnt_namespace *mnt = RD(ns, mnt_ns);

		x->mnt_ns_nr_mounts = MNT_NS_NR_MOUNTS(RD, mnt);
		x->valid |= REC_IN_MNT_COUNT;
	}

	/* real uid, RLIMIT_NPROC (6) and RLIMIT_NOFILE (7): asm-generic, x86, arm64 */
	x->uid = RD(cred, uid.val);
	x->rlim_nproc = RD(sig, rlim[6].rlim_cur);
	x->rlim_nofile = RD(sig, rlim[7].rlim_cur);
	x->nproc_count = cred ? NPROC_COUNT(RD, t, cred) : 0;
	x->sched_class = (__u64)RD(t, sched_class);
	/* 1: no task group in this kernel, but vruntime read (0 is "not read") */
	x->sched_task_group = bpf_core_field_exists(t->sched_task_group) ?
			      (__u64)RD(t, sched_task_group) : 1;
	x->vruntime = RD(t, se.vruntime);
	{
		struct fs_struct *fs = RD(t, fs);

		x->fs_users = fs ? RD(fs, users) : 0;
	}

	/* the task's pid numbers, innermost level first */
	if (tp && level <= MAX_PID_NS_LEVEL) {
		struct upid u = {};

		bpf_core_read(&u, sizeof(u), &tp->numbers[level]);
		x->pid_nr0 = u.nr;
		if (level >= 1) {
			bpf_core_read(&u, sizeof(u), &tp->numbers[level - 1]);
			x->pid_nr1 = u.nr;
		}
		if (level >= 2) {
			bpf_core_read(&u, sizeof(u), &tp->numbers[level - 2]);
			x->pid_nr2 = u.nr;
		}
		if (level >= 3) {
			bpf_core_read(&u, sizeof(u), &tp->numbers[level - 3]);
			x->pid_nr3 = u.nr;
		}
	}
	x->valid |= REC_IN_PROC;

	/* MMF_MULTIPROCESS lives in mm->flags */
	if (HAS_MM_FLAGS((struct mm_struct *)0)) {
		struct mm_struct *mm = RD(t, mm);

		x->mm_flags = mm ? MM_FLAGS_WORD(RD, mm) : 0;
		x->valid |= REC_IN_MMF;
	}
}

