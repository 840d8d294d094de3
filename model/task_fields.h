/* SPDX-License-Identifier: GPL-2.0 */
/*
 * task_fields.h - every member of a task's state clonecheck knows, declared
 * once.  From these lists come the wire structs (bpf/events.h: struct
 * rec_task, struct rec_task_ext), the decoded struct (src/decode.h: struct
 * obs_task), the model's input (model/model.h: struct model_task, enum
 * model_field, enum model_input), the field names and groups
 * (model/fields.c) and the copies between them (src/decode.c,
 * src/predict.c).  Adding an observed field is one line here, its read in
 * bpf/task_read.bpf.h, and the rule that uses it.
 *
 * TASK_FIELDS(X) calls X(part, type, name, NAME, group) once per member:
 *   part   BASE  read at every task point (struct rec_task; at
 *                sched_process_fork and sched_wakeup_new only what a rule
 *                judges there, bpf/task_read.bpf.h:read_task_sched());
 *          EXT   read at syscall entry (parent) and task_newtask (child)
 *                (struct rec_task_ext), meaningful per its group's bit;
 *          EXTM  wire-only bookkeeping of struct rec_task_ext (valid, pad);
 *          MODEL model input only, filled by src/predict.c from other
 *                records (the copy_thread() frame, the syscall's return,
 *                the profile).
 *   type   U64, S64, U32, S32, or C16 (char[16]; the model sees it as two
 *          little-endian u64 fields NAME_LO and NAME_HI).
 *   name   the member's name; NAME, its MODEL_FIELD_ suffix.
 *   group  ALWAYS, or the MODEL_IN_ group (TASK_GROUPS) the member
 *          belongs to: a member is meaningful only with its bit in valid.
 *
 * The wire parts only ever grow at their end (trace files: a shorter part
 * from an older file decodes zero-extended), so append new BASE or EXT
 * members after the last of their part.  The comment of each member is the
 * kernel expression BPF reads (task = the task observed; 6.18 names).
 *
 * No includes, no types: only macros, so that BPF and user space both take it.
 */
#ifndef CLONECHECK_TASK_FIELDS_H
#define CLONECHECK_TASK_FIELDS_H

/* X(GROUP, bit): the MODEL_IN_* / REC_IN_* groups of appended members. */
#define TASK_GROUPS(X)                                                                    \
	X(NS, 0)		/* namespaces */                                          \
	X(CRED, 1)		/* credentials, capabilities */                           \
	X(IO, 2)		/* io_context */                                          \
	X(SYSVSEM, 3)		/* sysvsem undo list */                                   \
	X(SIGALT, 4)		/* sigaltstack */                                         \
	X(RSEQ, 5)		/* rseq registration */                                   \
	X(PTRACE, 6)		/* ptrace, parent, jobctl */                              \
	X(SIGNALS, 7)		/* blocked, pending, pdeath_signal */                     \
	X(SECCOMP, 8)		/* seccomp */                                             \
	X(OOM, 9)		/* oom_score_adj */                                       \
	X(SUBREAPER, 10)	/* child subreaper flags */                               \
	X(COMM, 11)		/* comm */                                                \
	X(EXEC_ID, 12)		/* exec ids */                                            \
	X(TIDS, 13)		/* vfork_done, tid pointers */                            \
	X(COUNTERS, 14)		/* fault/switch counters, cputime */                      \
	X(TIME, 15)		/* start_time, snapshot time */                           \
	X(UCLAMP, 16)		/* uclamp requests */                                     \
	X(UREGS, 17)		/* user registers, TLS */                                 \
	X(KFRAME, 18)		/* saved kernel switch frame */                           \
	X(STACK, 19)		/* stack end, TIF, preempt count */                       \
	X(PID_MAX, 20)		/* init pid ns pid_max */                                 \
	X(PID_REAPER, 21)	/* pid_ns_for_children's reaper */                        \
	X(AUTOREAP, 22)		/* signal->autoreap (7.1+) */                             \
	X(NNP, 23)		/* no_new_privs */                                        \
	X(PIDFD, 24)		/* the CLONE_PIDFD file's f_flags */                      \
	X(MNT_COUNT, 25)	/* mount ns mount count */                                \
	X(PROC, 26)		/* uid, rlimits, sched_class, pid numbers, pid ns state */ \
	X(FDS, 27)		/* the caller's fd table (syscall entry only) */          \
	X(PIDS_CG, 28)		/* the caller's pids cgroup limits (entry only) */        \
	X(USERMEM, 29)		/* the PARENT_SETTID / CHILD_SETTID words written */      \
	X(KFRAME_AT, 30)	/* task_pt_regs() located from the task (model only) */ \
	X(MMF, 31)		/* mm->flags (entry, task_newtask, sched_process_fork) */

#define TASK_FIELDS(X)                                                                    \
	/* BASE: struct rec_task, 144 bytes in trace layout 1 */                          \
	X(BASE, U64, mm, MM, ALWAYS)		/* task->mm identity */                   \
	X(BASE, U64, files, FILES, ALWAYS)	/* task->files identity */                \
	X(BASE, U64, fs, FS, ALWAYS)		/* task->fs identity */                   \
	X(BASE, U64, sighand, SIGHAND, ALWAYS)	/* task->sighand identity */              \
	X(BASE, U64, signal, SIGNAL, ALWAYS)	/* task->signal identity */               \
	X(BASE, U64, task, TASK, ALWAYS)	/* the task_struct itself */              \
	X(BASE, U64, cpus_mask, CPUS_MASK, ALWAYS) /* first 64 bits of task->cpus_mask */ \
	X(BASE, U32, pid, PID, ALWAYS)		/* task->pid (global tid) */              \
	X(BASE, U32, tgid, TGID, ALWAYS)	/* task->tgid (global) */                 \
	X(BASE, U32, real_parent_pid, REAL_PARENT_PID, ALWAYS) /* task->real_parent->pid */ \
	X(BASE, U32, ns_level, NS_LEVEL, ALWAYS) /* task->thread_pid->level */            \
	X(BASE, U32, state, STATE, ALWAYS)	/* task->__state (E-01) */                \
	X(BASE, S32, on_rq, ON_RQ, ALWAYS)	/* task->on_rq */                         \
	X(BASE, S32, exit_signal, EXIT_SIGNAL, ALWAYS) /* task->exit_signal */            \
	X(BASE, U32, flags, FLAGS, ALWAYS)	/* task->flags (PF_*) */                  \
	X(BASE, U32, signal_flags, SIGNAL_FLAGS, ALWAYS) /* task->signal->flags */        \
	X(BASE, S32, group_exit_signal, GROUP_EXIT_SIGNAL, ALWAYS)                        \
						/* task->group_leader->exit_signal */     \
	X(BASE, U32, policy, POLICY, ALWAYS)	/* task->policy (SCHED_*) */              \
	X(BASE, S32, prio, PRIO, ALWAYS)	/* task->prio */                          \
	X(BASE, S32, static_prio, STATIC_PRIO, ALWAYS) /* task->static_prio */            \
	X(BASE, S32, normal_prio, NORMAL_PRIO, ALWAYS) /* task->normal_prio */            \
	X(BASE, U32, rt_priority, RT_PRIORITY, ALWAYS) /* task->rt_priority */            \
	X(BASE, U32, reset_on_fork, RESET_ON_FORK, ALWAYS) /* task->sched_reset_on_fork */ \
	X(BASE, U32, cpu, CPU, ALWAYS)		/* task_cpu(task) */                      \
	X(BASE, U32, nr_cpus_allowed, NR_CPUS_ALLOWED, ALWAYS) /* task->nr_cpus_allowed */ \
	X(BASE, C16, comm, COMM, COMM)		/* task->comm, NUL-terminated */          \
	/* EXT: struct rec_task_ext, 360 bytes in trace layout 1 */                       \
	X(EXT, U64, nsproxy, NSPROXY, NS)	/* task->nsproxy identity */              \
	X(EXT, U64, pid_ns_active, PID_NS_ACTIVE, NS)                                     \
				/* task_active_pid_ns(task): thread_pid->numbers[level].ns */     \
	X(EXT, U64, pid_ns_for_children, PID_NS_FOR_CHILDREN, NS)                         \
						/* task->nsproxy->pid_ns_for_children */  \
	X(EXT, U64, time_ns, TIME_NS, NS)	/* task->nsproxy->time_ns */              \
	X(EXT, U64, time_ns_for_children, TIME_NS_FOR_CHILDREN, NS)                       \
						/* task->nsproxy->time_ns_for_children */ \
	X(EXT, U64, mnt_ns, MNT_NS, NS)		/* task->nsproxy->mnt_ns */               \
	X(EXT, U64, uts_ns, UTS_NS, NS)		/* task->nsproxy->uts_ns */               \
	X(EXT, U64, ipc_ns, IPC_NS, NS)		/* task->nsproxy->ipc_ns */               \
	X(EXT, U64, net_ns, NET_NS, NS)		/* task->nsproxy->net_ns */               \
	X(EXT, U64, cgroup_ns, CGROUP_NS, NS)	/* task->nsproxy->cgroup_ns */            \
	X(EXT, U64, cred, CRED, CRED)		/* task->cred identity (subjective) */    \
	X(EXT, U64, real_cred, REAL_CRED, CRED)	/* task->real_cred identity (objective) */ \
	X(EXT, U64, user_ns, USER_NS, CRED)	/* task->cred->user_ns identity */        \
	X(EXT, U64, cap_effective, CAP_EFFECTIVE, CRED) /* task->cred->cap_effective */   \
	X(EXT, U64, io_context, IO_CONTEXT, IO)	/* task->io_context identity */           \
	X(EXT, U64, sysvsem_undo, SYSVSEM_UNDO, SYSVSEM) /* task->sysvsem.undo_list */    \
	X(EXT, U64, sas_ss_sp, SAS_SS_SP, SIGALT) /* task->sas_ss_sp */                   \
	X(EXT, U64, sas_ss_size, SAS_SS_SIZE, SIGALT) /* task->sas_ss_size */             \
	X(EXT, U64, rseq, RSEQ, RSEQ)		/* (u64)task->rseq (user pointer) */      \
	X(EXT, U64, jobctl, JOBCTL, PTRACE)	/* task->jobctl */                        \
	X(EXT, U64, blocked, BLOCKED, SIGNALS)	/* task->blocked.sig[0] */                \
	X(EXT, U64, pending, PENDING, SIGNALS)	/* task->pending.signal.sig[0] */         \
	X(EXT, U64, seccomp_filter, SECCOMP_FILTER, SECCOMP) /* task->seccomp.filter */   \
	X(EXT, U64, self_exec_id, SELF_EXEC_ID, EXEC_ID) /* task->self_exec_id */         \
	X(EXT, U64, parent_exec_id, PARENT_EXEC_ID, EXEC_ID) /* task->parent_exec_id */   \
	X(EXT, U64, vfork_done, VFORK_DONE, TIDS) /* task->vfork_done identity */         \
	X(EXT, U64, set_child_tid, SET_CHILD_TID, TIDS) /* (u64)task->set_child_tid */    \
	X(EXT, U64, clear_child_tid, CLEAR_CHILD_TID, TIDS) /* (u64)task->clear_child_tid */ \
	X(EXT, U64, min_flt, MIN_FLT, COUNTERS)	/* task->min_flt */                       \
	X(EXT, U64, maj_flt, MAJ_FLT, COUNTERS)	/* task->maj_flt */                       \
	X(EXT, U64, nvcsw, NVCSW, COUNTERS)	/* task->nvcsw */                         \
	X(EXT, U64, nivcsw, NIVCSW, COUNTERS)	/* task->nivcsw */                        \
	X(EXT, U64, utime, UTIME, COUNTERS)	/* task->utime */                         \
	X(EXT, U64, stime, STIME, COUNTERS)	/* task->stime */                         \
	X(EXT, U64, gtime, GTIME, COUNTERS)	/* task->gtime */                         \
	X(EXT, U64, start_time, START_TIME, TIME) /* task->start_time (CLOCK_MONOTONIC) */ \
	X(EXTM, U32, valid, VALID, ALWAYS)	/* REC_IN_* bits of the groups read */    \
	X(EXT, U32, pid_ns_children_level, PID_NS_CHILDREN_LEVEL, NS)                     \
					/* task->nsproxy->pid_ns_for_children->level */   \
	X(EXT, U32, has_thread_keyring, HAS_THREAD_KEYRING, CRED)                         \
					/* task->cred->thread_keyring != NULL */          \
	X(EXT, U32, user_ns_level, USER_NS_LEVEL, CRED) /* task->cred->user_ns->level */  \
	X(EXT, U32, ioprio, IOPRIO, IO)		/* task->io_context->ioprio (0 if none) */ \
	X(EXT, U32, sas_ss_flags, SAS_SS_FLAGS, SIGALT) /* task->sas_ss_flags */          \
	X(EXT, U32, rseq_len, RSEQ_LEN, RSEQ)	/* task->rseq_len */                      \
	X(EXT, U32, ptrace, PTRACE, PTRACE)	/* task->ptrace (PT_*, event options) */  \
	X(EXT, U32, parent_pid, PARENT_PID, PTRACE) /* task->parent->pid (the tracer) */  \
	X(EXT, S32, pdeath_signal, PDEATH_SIGNAL, SIGNALS) /* task->pdeath_signal */      \
	X(EXT, U32, seccomp_mode, SECCOMP_MODE, SECCOMP) /* task->seccomp.mode */         \
	X(EXT, S32, oom_score_adj, OOM_SCORE_ADJ, OOM) /* task->signal->oom_score_adj */  \
	X(EXT, S32, oom_score_adj_min, OOM_SCORE_ADJ_MIN, OOM)                            \
						/* task->signal->oom_score_adj_min */     \
	X(EXT, U32, has_child_subreaper, HAS_CHILD_SUBREAPER, SUBREAPER)                  \
						/* task->signal->has_child_subreaper */   \
	X(EXT, U32, is_child_subreaper, IS_CHILD_SUBREAPER, SUBREAPER)                    \
						/* task->signal->is_child_subreaper */    \
	X(EXT, U32, uclamp_min, UCLAMP_MIN, UCLAMP) /* task->uclamp_req[UCLAMP_MIN].value */ \
	X(EXT, U32, uclamp_max, UCLAMP_MAX, UCLAMP) /* task->uclamp_req[UCLAMP_MAX].value */ \
	X(EXTM, U32, pad, PAD, ALWAYS)		/* zero */                                \
	/* EXT, trace layout 1.1 */                                                       \
	X(EXT, U32, pid_ns_children_reaper, PID_NS_CHILDREN_REAPER, PID_REAPER)           \
			/* task->nsproxy->pid_ns_for_children->child_reaper != NULL */    \
	X(EXT, U32, autoreap, AUTOREAP, AUTOREAP) /* task->signal->autoreap (7.1+) */     \
	X(EXT, U32, no_new_privs, NO_NEW_PRIVS, NNP)                                      \
			/* task_no_new_privs(task): bit PFA_NO_NEW_PRIVS of atomic_flags */ \
	X(EXT, U32, pidfd_f_flags, PIDFD_F_FLAGS, PIDFD)                                  \
			/* child only: f_flags of current->files' fd *args->pidfd */     \
	X(EXT, U32, mnt_ns_nr_mounts, MNT_NS_NR_MOUNTS, MNT_COUNT)                        \
						/* task->nsproxy->mnt_ns->nr_mounts */    \
	X(EXTM, U32, pad1, PAD1, ALWAYS)	/* zero */                                \
	/* EXT, appended for the decided V-, R- and S- rules */                                                    \
	X(EXT, U64, rlim_nproc, RLIM_NPROC, PROC)                                       \
			/* task->signal->rlim[RLIMIT_NPROC].rlim_cur */                   \
	X(EXT, U64, rlim_nofile, RLIM_NOFILE, PROC)                                     \
			/* task->signal->rlim[RLIMIT_NOFILE].rlim_cur */                  \
	X(EXT, U64, sched_class, SCHED_CLASS, PROC) /* task->sched_class identity */ \
	X(EXT, S64, pids_headroom, PIDS_HEADROOM, PIDS_CG)                                \
			/* entry only: min of limit - counter over the task's pids      \
			 * cgroups that have a parent (INT64_MAX: none limited) */        \
	X(EXT, U32, uid, UID, PROC)		/* task->cred->uid (global kuid) */       \
	X(EXT, U32, fd_max, FD_MAX, FDS)	/* entry only: files->fdt->max_fds */     \
	X(EXT, U32, fd_free, FD_FREE, FDS)                                                \
			/* entry only: lowest fd clear in fdt->open_fds (max_fds if none) */ \
	X(EXT, U32, fd_top, FD_TOP, FDS)                                                  \
			/* entry only: count_open_files(fdt): last used word + 1, * 64 */ \
	X(EXT, U32, fd_shared, FD_SHARED, FDS)	/* entry only: files->count > 1 */        \
	X(EXT, U32, pid_ns_children_allocated, PID_NS_CHILDREN_ALLOCATED, PROC)          \
			/* task->nsproxy->pid_ns_for_children->pid_allocated */           \
	X(EXT, U32, pid_ns_owner_rel, PID_NS_OWNER_REL, PROC)                            \
			/* entry only (clone3): 2 bits per pid ns, pid_ns_for_children  \
			 * first: its user_ns is cred->user_ns (1), not below it (2), \
			 * deeper or not read (0) */                                    \
	X(EXT, U32, pid_nr0, PID_NR0, PROC)	/* task->thread_pid->numbers[level].nr */ \
	X(EXT, U32, pid_nr1, PID_NR1, PROC)	/* ...numbers[level - 1].nr (0: none) */  \
	X(EXT, U32, pid_nr2, PID_NR2, PROC)	/* ...numbers[level - 2].nr (0: none) */  \
	X(EXT, U32, pid_nr3, PID_NR3, PROC)	/* ...numbers[level - 3].nr (0: none) */  \
	X(EXT, S32, pidfd_nr, PIDFD_NR, PIDFD)                                            \
			/* child only: *args->pidfd as current reads it at task_newtask */ \
	X(EXT, U32, pidfd_cloexec, PIDFD_CLOEXEC, PIDFD)                                  \
			/* child only: that fd's close_on_exec bit in current->files */   \
	X(EXT, U32, pidfd_in_child, PIDFD_IN_CHILD, PIDFD)                                \
			/* child only: task->files->fdt->fd[that fd] != NULL */           \
	X(EXT, S32, parent_tid_val, PARENT_TID_VAL, USERMEM)                              \
			/* sched_wakeup_new only: *args->parent_tid as current reads it */ \
	X(EXT, U32, fs_users, FS_USERS, PROC)	/* task->fs->users */                     \
	X(EXT, U64, mm_flags, MM_FLAGS, MMF)                                              \
			/* the first word of task->mm->flags (0 without an mm) */        \
	X(EXT, U64, inject, INJECT, ALWAYS)                                               \
			/* entry only: the injection plan word of the caller's clone     \
			 * (model/inject.h; bpf/inject.h's plan map), 0: none */         \
	X(EXT, U64, nproc_count, NPROC_COUNT, PROC)                                       \
			/* the count copy_process() tests RLIMIT_NPROC against:       \
			 * cred->ucounts->rlimit[UCOUNT_RLIMIT_NPROC] (5.10:            \
			 * real_cred->user->processes); 0: not read (a task counts      \
			 * itself) */                                                   \
	X(EXT, S64, pids_counted, PIDS_COUNTED, PIDS_CG)                                  \
			/* entry only: the largest counter of the task's pids cgroups   \
			 * that have a parent and a limit (0: none, or not read) */     \
	X(EXT, U32, pid_ns_children_pid_max, PID_NS_CHILDREN_PID_MAX, PROC)               \
			/* 6.14+: task->nsproxy->pid_ns_for_children->pid_max (0: not   \
			 * read, or the kernel has one pid_max) */                       \
	X(EXTM, U32, pad2, PAD2, ALWAYS)	/* zero */                                \
	X(EXT, U64, sched_task_group, SCHED_TASK_GROUP, PROC)                             \
			/* task->sched_task_group identity; 1: the kernel has no such \
			 * member (CONFIG_CGROUP_SCHED=n); 0: not read (older files), \
			 * and then neither is vruntime */                               \
	X(EXT, U64, vruntime, VRUNTIME, PROC)	/* task->se.vruntime */                  \
	X(EXT, U64, cg_target, CG_TARGET, ALWAYS)                                         \
			/* entry only, clone3 with CLONE_INTO_CGROUP: what its cgroup fd \
			 * points to, MODEL_CGT_* bits (0: not read) */                 \
	/* EXT, appended for V-24, V-30, V-18: globals without BTF, their       \
	 * addresses from /proc/kallsyms (src/loader.c), read at syscall entry  \
	 * only; each meaningful only with its MODEL_SYS_* bit in sys_read */   \
	X(EXT, U32, sys_read, SYS_READ, ALWAYS)                                           \
			/* entry only: MODEL_SYS_* bits of the globals read (0: none \
			 * located, or an older file) */                                 \
	X(EXT, U32, nr_threads, NR_THREADS, ALWAYS) /* kernel/fork.c: nr_threads */       \
	X(EXT, U32, max_threads, MAX_THREADS, ALWAYS)                                     \
			/* kernel/fork.c: max_threads (kernel.threads-max) */            \
	X(EXT, U32, sys_nr_open, SYS_NR_OPEN, ALWAYS) /* fs/file.c: sysctl_nr_open */     \
	X(EXT, U32, userns_clone, USERNS_CLONE, ALWAYS)                                   \
			/* Debian kernel/user_namespace.c: unprivileged_userns_clone */  \
	/* EXT, in pad3's place: read at syscall entry and task_newtask */              \
	X(EXT, U32, uclamp_user, UCLAMP_USER, UCLAMP)                                     \
			/* task->uclamp_req[UCLAMP_MIN].user_defined + 1 (S-09); 0: not \
			 * read (older files: this was pad3, always zero) */             \
	X(EXT, U64, child_tid_word, CHILD_TID_WORD, USERMEM)                              \
			/* (1 << 32) | the u32 at the CHILD_SETTID address as current   \
			 * reads it: at syscall entry (parent: args' child_tid) and at  \
			 * sched_wakeup_new (child: task->set_child_tid); 0: not read  \
			 * (O-07) */                                                     \
	/* MODEL: the model's input only, from other records */                           \
	X(MODEL, S64, ret, RET, ALWAYS)		/* syscall return (SYS_EXIT, CHILD_RET) */ \
	X(MODEL, U64, ts_ns, TS_NS, TIME)	/* bpf_ktime_get_ns() of the snapshot */  \
	X(MODEL, U64, uregs_ip, UREGS_IP, UREGS) /* task_pt_regs(task): x86 ip, arm64 pc */ \
	X(MODEL, U64, uregs_sp, UREGS_SP, UREGS) /* task_pt_regs(task)->sp */             \
	X(MODEL, U64, uregs_ret, UREGS_RET, UREGS) /* task_pt_regs(): x86 ax, arm64 x0 */ \
	X(MODEL, U64, user_tls, USER_TLS, UREGS) /* x86 thread.fsbase, arm64 uw.tp_value */ \
	X(MODEL, U64, kframe_ret, KFRAME_RET, KFRAME)                                     \
			/* arm64 thread.cpu_context.pc; x86 inactive_task_frame ret_addr */ \
	X(MODEL, U64, kframe_fn, KFRAME_FN, KFRAME) /* arm64 cpu_context.x19; x86 bx */   \
	X(MODEL, U64, kframe_arg, KFRAME_ARG, KFRAME) /* arm64 cpu_context.x20; x86 r12 */ \
	X(MODEL, S64, kframe_sp_off, KFRAME_SP_OFF, KFRAME_AT)                               \
			/* arm64 cpu_context.sp, x86 thread.sp, minus task_pt_regs(task) */ \
	X(MODEL, S64, kframe_fp_off, KFRAME_FP_OFF, KFRAME_AT)                               \
			/* arm64 cpu_context.fp minus &task_pt_regs(task)->stackframe */ \
	X(MODEL, U64, stack_end_magic, STACK_END_MAGIC, STACK) /* *end_of_stack(task) */  \
	X(MODEL, U32, need_resched, NEED_RESCHED, STACK) /* TIF_NEED_RESCHED set */       \
	X(MODEL, U64, preempt_count, PREEMPT_COUNT, STACK)                                \
				/* arm64 thread_info.preempt_count (u64); x86 per-CPU */  \
	X(MODEL, U64, clone_flags, CLONE_FLAGS, ALWAYS)                                   \
				/* task_newtask's clone_flags: an observation of the child */ \
	X(MODEL, U32, pid_max, PID_MAX, PID_MAX) /* the init pid ns's pid_max */          \
	X(MODEL, S32, child_tid_val, CHILD_TID_VAL, USERMEM)                              \
			/* the child's first syscall exit: *current->set_child_tid */

/*
 * Keep a member of the wanted parts, drop the others:
 * TASK_PICK_<want>_<part>(x) expands to x or to nothing.
 */
#define TASK_PICK_WIRE_BASE(x) x
#define TASK_PICK_WIRE_EXT(x)
#define TASK_PICK_WIRE_EXTM(x)
#define TASK_PICK_WIRE_MODEL(x)
#define TASK_PICK_WIREX_BASE(x)
#define TASK_PICK_WIREX_EXT(x) x
#define TASK_PICK_WIREX_EXTM(x) x
#define TASK_PICK_WIREX_MODEL(x)
#define TASK_PICK_EXT_BASE(x)		/* the EXT members alone */
#define TASK_PICK_EXT_EXT(x) x
#define TASK_PICK_EXT_EXTM(x)
#define TASK_PICK_EXT_MODEL(x)
#define TASK_PICK_OBS_BASE(x) x		/* the decoded task: BASE and EXT */
#define TASK_PICK_OBS_EXT(x) x
#define TASK_PICK_OBS_EXTM(x)
#define TASK_PICK_OBS_MODEL(x)
#define TASK_PICK_MODEL_BASE(x) x	/* the model's task: all but EXTM */
#define TASK_PICK_MODEL_EXT(x) x
#define TASK_PICK_MODEL_EXTM(x)
#define TASK_PICK_MODEL_MODEL(x) x

/*
 * cg_target: CLONE_INTO_CGROUP's fd as kernel/cgroup/cgroup.c:
 * cgroup_css_set_fork() -> cgroup_get_from_file() ->
 * css_tryget_online_from_dir() will see it (read at syscall entry).
 */
#define MODEL_CGT_READ		(1ULL << 0)	/* read: the bits below mean something */
#define MODEL_CGT_FILE		(1ULL << 1)	/* the fd is open */
#define MODEL_CGT_CGDIR		(1ULL << 2)	/* s_type cgroup or cgroup2, a kernfs dir */
#define MODEL_CGT_DFL		(1ULL << 3)	/* s_type cgroup2 (cgroup_on_dfl()) */
#define MODEL_CGT_LIVE		(1ULL << 4)	/* kn->priv set, its self css ref live */
#define MODEL_CGT_FREEZE	(1ULL << 5)	/* CGRP_FREEZE in cgrp->flags */
#define MODEL_CGT_THREADED	(1ULL << 6)	/* cgrp->dom_cgrp != cgrp */

/*
 * sys_read: which globals the caller's syscall entry read (kallsyms located
 * them; CONFIG_KALLSYMS_ALL=y kernels only).
 */
#define MODEL_SYS_NR_THREADS	(1U << 0)	/* nr_threads */
#define MODEL_SYS_MAX_THREADS	(1U << 1)	/* max_threads */
#define MODEL_SYS_NR_OPEN	(1U << 2)	/* sysctl_nr_open */
#define MODEL_SYS_USERNS_CLONE	(1U << 3)	/* unprivileged_userns_clone (Debian) */
#define MODEL_SYS__COUNT	4

#endif /* CLONECHECK_TASK_FIELDS_H */
