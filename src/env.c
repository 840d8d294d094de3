// SPDX-License-Identifier: GPL-2.0
/* env.c - argp option table and defaults (retsnoop's split). */
#include <argp.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>

#include "env.h"
#include "log.h"

#ifndef CGROUP2_SUPER_MAGIC
#define CGROUP2_SUPER_MAGIC 0x63677270
#endif

const char *argp_program_version = "clonecheck 0.1";
const char argp_program_doc[] =
	"Check that the running kernel creates tasks as its source says it must.\n"
	"\n"
	"USAGE: clonecheck [run] [-v] [--backend=NAME] [-c CMD | -p PID | -a]\n"
	"                  [-d SECONDS] [--cgroup PATH] [--comm NAME] [--json]\n"
	"                  [--junit FILE] [--report FILE.html|FILE.md]\n"
	"       clonecheck record -o FILE [the options of run]\n"
	"       clonecheck check FILE [--profile PROFILE] [--json] [--junit FILE]\n"
	"                  [--report FILE]\n"
	"\n"
	"With no target, runs the built-in workload (fork, vfork, clone, clone3,\n"
	"pthread_create and invalid flag combinations) under BPF, predicts every\n"
	"clone with the model and prints a conformance report.  Needs root and\n"
	"kernel BTF.  `record` also writes everything observed to a trace file;\n"
	"`check` judges a trace file anywhere, without BPF or root.  Exit status:\n"
	"0 conforms, 1 mismatch, incomplete or lost records, 2 error.\n"
	"\n"
	"EXAMPLES:\n"
	"    clonecheck                      # built-in workload, report on stdout\n"
	"    clonecheck -c 'make -j2'        # judge every clone a command makes\n"
	"    clonecheck -p 1234 -d 10        # a process and its descendants, 10 s\n"
	"    clonecheck -a -d 5 --comm bash  # system-wide, clones made by bash\n"
	"    clonecheck --backend=kprobe -v  # force a backend, say what it attached\n"
	"    clonecheck --json --junit cc.xml --report cc.html  # for CI\n"
	"    clonecheck record -o arm64.cct  # on the board\n"
	"    clonecheck check arm64.cct      # anywhere, no root\n";

enum {
	OPT_BACKEND = 1000,
	OPT_CGROUP,
	OPT_COMM,
	OPT_JSON,
	OPT_JUNIT,
	OPT_REPORT,
	OPT_PROFILE,
};

static const struct argp_option opts[] = {
	{ NULL, 0, NULL, 0, "What to observe (default: the built-in workload):", 1 },
	{ "command", 'c', "CMD", 0, "Run CMD with /bin/sh -c and judge everything it creates", 1 },
	{ "pid", 'p', "PID", 0, "Judge what PID and its descendants create", 1 },
	{ "all", 'a', NULL, 0, "Judge every clone on the system", 1 },
	{ "duration", 'd', "SECONDS", 0, "Stop after SECONDS (-p, -a; -c stops the command)", 1 },
	{ "cgroup", OPT_CGROUP, "PATH", 0, "Only clones made by tasks in this cgroup v2", 1 },
	{ "comm", OPT_COMM, "NAME", 0, "Only clones made by tasks named NAME", 1 },
	{ NULL, 0, NULL, 0, "Reports (text on stdout unless --json):", 2 },
	{ "json", OPT_JSON, NULL, 0, "JSON Lines on stdout: one object per clone, then a summary", 2 },
	{ "junit", OPT_JUNIT, "FILE", 0, "Also write JUnit XML, one testcase per rule", 2 },
	{ "report", OPT_REPORT, "FILE", 0, "Also write a conformance report (.html or .md)", 2 },
	{ NULL, 0, NULL, 0, "Trace files:", 3 },
	{ "output", 'o', "FILE", 0, "record: write the trace to FILE", 3 },
	{ "profile", OPT_PROFILE, "PROFILE", 0,
	  "check: judge as this kernel, e.g. 6.1/arm64 (default: the file's)", 3 },
	{ NULL, 0, NULL, 0, "How:", 4 },
	{ "backend", OPT_BACKEND, "NAME", 0, "auto (default), fentry, kprobe or tracepoint", 4 },
	{ "verbose", 'v', NULL, 0, "Say more on stderr (twice: libbpf debug)", 4 },
	{},
};

static void usage_error(const char *what, const char *arg)
{
	elog("%s '%s' (see --help)", what, arg);
	exit(2);
}

/* Set the observation mode once; two targets are a usage error. */
static void set_mode(struct env *env, enum run_mode mode, const char *arg)
{
	if (env->run.mode != RUN_WORKLOAD && env->run.mode != mode)
		usage_error("only one of -c, -p, -a may be given; got also", arg);
	env->run.mode = mode;
}

static error_t parse_arg(int key, char *arg, struct argp_state *state)
{
	struct env *env = state->input;
	char *end;

	switch (key) {
	case 'v':
		log_verbose++;
		break;
	case OPT_BACKEND:
		if (backend_parse(arg, &env->run.backend))
			usage_error("unknown backend", arg);
		break;
	case 'c':
		set_mode(env, RUN_COMMAND, arg);
		env->run.command = arg;
		break;
	case 'p': {
		long pid;

		errno = 0;
		pid = strtol(arg, &end, 10);
		if (errno || *end || pid <= 0 || pid > 4194304)
			usage_error("bad pid", arg);
		set_mode(env, RUN_PID, arg);
		env->run.pid = (pid_t)pid;
		break;
	}
	case 'a':
		set_mode(env, RUN_SYSTEM, "-a");
		break;
	case 'd':
		errno = 0;
		env->run.duration = strtod(arg, &end);
		if (errno || *end || env->run.duration <= 0)
			usage_error("bad duration", arg);
		break;
	case OPT_CGROUP:
		env->cgroup_path = arg;
		break;
	case OPT_JSON:
		env->json = true;
		break;
	case OPT_JUNIT:
		env->junit = arg;
		break;
	case OPT_REPORT: {
		const char *dot = strrchr(arg, '.');

		if (!dot || (strcmp(dot, ".html") && strcmp(dot, ".htm") && strcmp(dot, ".md")))
			usage_error("--report needs a .html or .md file name, not", arg);
		env->report = arg;
		break;
	}
	case OPT_COMM:
		if (!*arg || strlen(arg) > 15)
			usage_error("comm must be 1 to 15 characters", arg);
		env->run.comm = arg;
		break;
	case 'o':
		env->output = arg;
		break;
	case OPT_PROFILE:
		env->profile = arg;
		break;
	case ARGP_KEY_ARG:
		/* the verb comes first; check takes one file after it */
		if (state->arg_num == 0 && !strcmp(arg, "run"))
			env->verb = VERB_RUN;
		else if (state->arg_num == 0 && !strcmp(arg, "record"))
			env->verb = VERB_RECORD;
		else if (state->arg_num == 0 && !strcmp(arg, "check"))
			env->verb = VERB_CHECK;
		else if (state->arg_num == 1 && env->verb == VERB_CHECK)
			env->trace = arg;
		else
			usage_error("unexpected argument", arg);
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

/* A cgroup v2 directory's id is its inode number (kernfs node id). */
static void resolve_cgroup(struct env *env)
{
	struct statfs sfs;
	struct stat st;

	if (!env->cgroup_path)
		return;
	if (statfs(env->cgroup_path, &sfs) || stat(env->cgroup_path, &st)) {
		elog("cannot use cgroup '%s': %s", env->cgroup_path, strerror(errno));
		exit(2);
	}
	if (sfs.f_type != CGROUP2_SUPER_MAGIC || !S_ISDIR(st.st_mode)) {
		elog("'%s' is not a cgroup v2 directory", env->cgroup_path);
		exit(2);
	}
	env->run.cgroup_id = st.st_ino;
}

void env_parse(int argc, char **argv, struct env *env)
{
	static const struct argp argp = { .options = opts, .parser = parse_arg,
					  .doc = argp_program_doc };

	memset(env, 0, sizeof(*env));
	env->verb = VERB_RUN;
	env->run.mode = RUN_WORKLOAD;
	env->run.backend = BACKEND_AUTO;
	/* argp exits 64 on a usage error: keep our "2 = error" contract. */
	argp_err_exit_status = 2;
	if (argp_parse(&argp, argc, argv, 0, NULL, env))
		exit(2);
	if (env->run.duration && env->run.mode == RUN_WORKLOAD)
		usage_error("-d needs -c, -p or -a; got", "-d");
	if (env->verb == VERB_RECORD && !env->output)
		usage_error("record needs -o FILE", "record");
	if (env->verb != VERB_RECORD && env->output)
		usage_error("-o is for record", env->output);
	if (env->verb == VERB_CHECK && !env->trace)
		usage_error("check needs a trace FILE", "check");
	if (env->verb != VERB_CHECK && env->profile)
		usage_error("--profile is for check", env->profile);
	resolve_cgroup(env);
}
