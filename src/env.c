// SPDX-License-Identifier: GPL-2.0
/* env.c - argp option table and defaults (retsnoop's split). */
#include <argp.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>

#include "env.h"
#include "json_writer.h"
#include "log.h"

#ifndef CGROUP2_SUPER_MAGIC
#define CGROUP2_SUPER_MAGIC 0x63677270
#endif

const char *argp_program_version = "clonecheck 0.1";
const char argp_program_doc[] =
	"Check that the running kernel creates tasks as its source says it must.\n"
	"\n"
	"USAGE: clonecheck [run] [-v] [--backend=NAME] [-c CMD | -p PID | -a]\n"
	"                  [-d SECONDS] [--cgroup PATH] [--comm NAME] [--json | --ktap]\n"
	"                  [--junit FILE] [--report FILE]... [--disruptive]\n"
	"       clonecheck record -o FILE [the options of run]\n"
	"       clonecheck check FILE [--profile PROFILE] [--salvage] [--json | --ktap]\n"
	"                  [--junit FILE] [--report FILE]...\n"
	"       clonecheck daemon [-a | -p PID | -c CMD] [--metrics-file FILE]\n"
	"                  [--evidence-dir DIR] [the options of run]\n"
	"\n"
	"With no target, runs the built-in workload (fork, vfork, clone, clone3,\n"
	"pthread_create and invalid flag combinations) under BPF, predicts every\n"
	"clone with the model and prints a conformance report.  Observing needs\n"
	"CAP_BPF and CAP_PERFMON (or root), read access to tracefs and kernel BTF;\n"
	"the built-in workload needs root.  `record` also writes everything\n"
	"observed to a trace file; `check` judges a trace file anywhere, without\n"
	"BPF or root; `daemon` watches the whole machine and reports each finding\n"
	"as it happens.  The verb comes first; an option its verb does not take\n"
	"is an error.  Exit status: 0 conforms, 1 mismatch, incomplete, lost\n"
	"records or no clone judged, 2 error (a report that cannot be written is\n"
	"one).\n"
	"\n"
	"EXAMPLES:\n"
	"    clonecheck                      # built-in workload, report on stdout\n"
	"    clonecheck -c 'make -j2'        # judge every clone a command makes\n"
	"    clonecheck -p 1234 -d 10        # a process and its descendants, 10 s\n"
	"    clonecheck -a -d 5 --comm bash  # system-wide, clones made by bash\n"
	"    clonecheck --backend=kprobe -v  # force a backend, say what it attached\n"
	"    clonecheck --json --report cc.xml --report cc.html  # for CI\n"
	"    clonecheck --ktap               # KTAP for kselftest, KernelCI, LAVA\n"
	"    clonecheck record -o arm64.cct  # on the board\n"
	"    clonecheck check arm64.cct      # anywhere, no root\n"
	"    clonecheck daemon --metrics-file /var/lib/node_exporter/clonecheck.prom\n";

enum {
	OPT_BACKEND = 1000,
	OPT_CGROUP,
	OPT_COMM,
	OPT_JSON,
	OPT_JUNIT,
	OPT_REPORT,
	OPT_PROFILE,
	OPT_KTAP,
	OPT_BTF,
	OPT_RING_SIZE,
	OPT_SALVAGE,
	OPT_METRICS_FILE,
	OPT_METRICS_INTERVAL,
	OPT_EVIDENCE_DIR,
	OPT_FLIGHT,
	OPT_MAX_OPEN,
	OPT_OPEN_TIMEOUT,
	OPT_JOURNAL,
	OPT_NO_JOURNAL,
	OPT_FROM_TRACE,
	OPT_DISRUPTIVE,
};

static const struct argp_option opts[] = {
	{ NULL, 0, NULL, 0, "What to observe (default: the built-in workload):", 1 },
	{ "command", 'c', "CMD", 0, "Run CMD with /bin/sh -c and judge everything it creates", 1 },
	{ "pid", 'p', "PID", 0, "Judge what PID and its descendants create", 1 },
	{ "all", 'a', NULL, 0, "Judge every clone on the system", 1 },
	{ "duration", 'd', "SECONDS", 0, "Stop after SECONDS (-p, -a; -c stops the command)", 1 },
	{ "cgroup", OPT_CGROUP, "PATH", 0, "Only clones made by tasks in this cgroup v2", 1 },
	{ "comm", OPT_COMM, "NAME", 0, "Only clones made by tasks named NAME", 1 },
	{ "disruptive", OPT_DISRUPTIVE, NULL, 0,
	  "Also run the workload's cases that change a global sysctl for one case "
	  "(threads-max, nr_open, unprivileged_userns_clone) and restore it: for "
	  "throwaway VMs only (vm/vmtest), never on a machine in use", 1 },
	{ NULL, 0, NULL, 0, "Reports (text on stdout unless --json or --ktap):", 2 },
	{ "json", OPT_JSON, NULL, 0, "JSON Lines on stdout: one object per clone, then a summary", 2 },
	{ "ktap", OPT_KTAP, NULL, 0, "KTAP version 1 on stdout: one test per rule", 2 },
	{ "junit", OPT_JUNIT, "FILE", 0, "Also write JUnit XML, one testcase per rule", 2 },
	{ "report", OPT_REPORT, "FILE", 0,
	  "Also write a report, in the format its extension names: .html, .md, .xml (JUnit), "
	  ".json, .ktap or .txt; may be given more than once", 2 },
	{ NULL, 0, NULL, 0, "Trace files:", 3 },
	{ "output", 'o', "FILE", 0, "record: write the trace to FILE", 3 },
	{ "profile", OPT_PROFILE, "PROFILE", 0,
	  "check: judge as this kernel, e.g. 6.1/arm64 (default: the file's)", 3 },
	{ "salvage", OPT_SALVAGE, NULL, 0,
	  "check: judge the intact records of a damaged or cut file, say where it stopped", 3 },
	{ NULL, 0, NULL, 0, "Daemon:", 4 },
	{ "metrics-file", OPT_METRICS_FILE, "FILE", 0,
	  "Write Prometheus text metrics to FILE (atomically) every interval", 4 },
	{ "metrics-interval", OPT_METRICS_INTERVAL, "SECONDS", 0,
	  "How often the metrics file is rewritten (default 15)", 4 },
	{ "evidence-dir", OPT_EVIDENCE_DIR, "DIR", 0,
	  "On a finding, write the records around it here as a trace file", 4 },
	{ "flight-recorder", OPT_FLIGHT, "MIB", 0,
	  "Keep the last MIB MiB of records for evidence (default 16)", 4 },
	{ "max-open", OPT_MAX_OPEN, "N", 0, "Clones open at once before the oldest is judged "
	  "incomplete (default 8192: about 50 MiB)", 4 },
	{ "open-timeout", OPT_OPEN_TIMEOUT, "SECONDS", 0,
	  "A clone still open after SECONDS is judged incomplete (default 5)", 4 },
	{ "journal", OPT_JOURNAL, NULL, 0, "Findings to the systemd journal (default under systemd)",
	  4 },
	{ "no-journal", OPT_NO_JOURNAL, NULL, 0, "Findings to stderr, never the journal", 4 },
	{ "from-trace", OPT_FROM_TRACE, "FILE", 0,
	  "Judge a trace file's records as if they came live (tests, post-mortems)", 4 },
	{ NULL, 0, NULL, 0, "How:", 5 },
	{ "backend", OPT_BACKEND, "NAME", 0, "auto (default), fentry, kprobe or tracepoint", 5 },
	{ "btf", OPT_BTF, "FILE", 0,
	  "Kernel BTF to use when /sys/kernel/btf/vmlinux is missing", 5 },
	{ "ring-size", OPT_RING_SIZE, "MIB", 0,
	  "BPF ring buffer size, a power of two from 1 to 1024 (default 16)", 5 },
	{ "verbose", 'v', NULL, 0, "Say more on stderr (twice: libbpf debug)", 5 },
	{},
};

/*
 * The verbs (bpftool's struct cmd table): each names the options it takes.
 * An option given to a verb that does not take it is a usage error.
 */
#define V(x) (1u << VERB_##x)
#define LIVE (V(RUN) | V(RECORD) | V(DAEMON))
#define JUDGE (V(RUN) | V(RECORD) | V(CHECK))
static const struct {
	const char *name;
	enum verb verb;
} verbs[] = {
	{ "run", VERB_RUN },
	{ "record", VERB_RECORD },
	{ "check", VERB_CHECK },
	{ "daemon", VERB_DAEMON },
};

static const struct {
	int key;
	unsigned int verbs;	/* V() of the verbs that take it */
} opt_verbs[] = {
	{ 'c', V(RUN) | V(RECORD) },	{ 'p', LIVE },
	{ 'a', LIVE },		{ 'd', LIVE },
	{ OPT_CGROUP, LIVE },	{ OPT_COMM, LIVE },
	{ OPT_DISRUPTIVE, V(RUN) | V(RECORD) },
	{ OPT_JSON, JUDGE },	{ OPT_KTAP, JUDGE },
	{ OPT_JUNIT, JUDGE | V(DAEMON) },
	{ OPT_REPORT, JUDGE | V(DAEMON) },
	{ 'o', V(RECORD) },	{ OPT_PROFILE, V(CHECK) },
	{ OPT_SALVAGE, V(CHECK) },
	{ OPT_METRICS_FILE, V(DAEMON) }, { OPT_METRICS_INTERVAL, V(DAEMON) },
	{ OPT_EVIDENCE_DIR, V(DAEMON) }, { OPT_FLIGHT, V(DAEMON) },
	{ OPT_MAX_OPEN, V(DAEMON) },	{ OPT_OPEN_TIMEOUT, V(DAEMON) },
	{ OPT_JOURNAL, V(DAEMON) },	{ OPT_NO_JOURNAL, V(DAEMON) },
	{ OPT_FROM_TRACE, V(DAEMON) },
	{ OPT_BACKEND, LIVE },	{ OPT_BTF, LIVE },	{ OPT_RING_SIZE, LIVE },
	{ 'v', LIVE | V(CHECK) },
};

const char *env_verb_name(enum verb v)
{
	for (size_t i = 0; i < ARRAY_SIZE(verbs); i++)
		if (verbs[i].verb == v)
			return verbs[i].name;
	return "?";
}

/* The option's name as it is written, for messages. */
static const char *opt_name(int key, char *buf, size_t len)
{
	for (size_t i = 0; i < ARRAY_SIZE(opts); i++)
		if (opts[i].name && opts[i].key == key) {
			snprintf(buf, len, "--%s", opts[i].name);
			return buf;
		}
	snprintf(buf, len, "-%c", key);
	return buf;
}

static bool json_errors;		/* --json is on the line: errors in JSON too */
static FILE *real_stderr;		/* stderr, while argp's is captured */
/* What argp writes on stderr (errors) and on stdout (--help), caught. */
static struct {
	char *buf;
	size_t len;
	FILE *f;
} argp_err, argp_out;

/*
 * A usage error: one line on stderr and, under --json, a JSON error object
 * on stdout; exit 2.
 */
static void usage_fail(const char *msg)
{
	if (real_stderr) {
		stderr = real_stderr;
		real_stderr = NULL;
	}
	elog("%s", msg);
	if (json_errors)
		json_print_error(stdout, "%s", msg);
	exit(2);
}

static void usage_error(const char *what, const char *arg)
{
	char msg[512];

	snprintf(msg, sizeof(msg), "%s '%s' (see --help)", what, arg);
	usage_fail(msg);
}

/* Add a report file in format ops; the same file twice is a usage error. */
static void add_report(struct env *env, const char *path, const struct report_ops *ops)
{
	struct env_report *n;

	for (size_t i = 0; i < env->n_reports; i++)
		if (!strcmp(env->reports[i].path, path))
			usage_error("a report file given twice", path);
	n = realloc(env->reports, (env->n_reports + 1) * sizeof(*n));
	if (!n)
		usage_fail("out of memory");
	env->reports = n;
	env->reports[env->n_reports++] = (struct env_report){ path, ops };
}

/* Set the observation mode once; two targets are a usage error. */
static void set_mode(struct env *env, enum run_mode mode, const char *arg)
{
	if (env->run.mode != RUN_WORKLOAD && env->run.mode != mode)
		usage_error("only one of -c, -p, -a may be given; got also", arg);
	env->run.mode = mode;
}

/* Seconds: a finite number above 0 (no nan, no inf). */
static double parse_seconds(const char *arg)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(arg, &end);
	if (errno || end == arg || *end || !isfinite(v) || v <= 0)
		usage_error("bad duration (seconds: a finite number above 0)", arg);
	return v;
}

/* A whole number in [lo, hi]. */
static unsigned long parse_count(const char *arg, unsigned long lo, unsigned long hi)
{
	char *end, what[80];
	unsigned long v;

	errno = 0;
	v = strtoul(arg, &end, 10);
	if (errno || end == arg || *end || arg[0] == '-' || v < lo || v > hi) {
		snprintf(what, sizeof(what), "bad number (a whole number from %lu to %lu)", lo, hi);
		usage_error(what, arg);
	}
	return v;
}

static error_t parse_arg(int key, char *arg, struct argp_state *state)
{
	struct env *env = state->input;
	char *end;

	for (size_t i = 0; i < ARRAY_SIZE(opt_verbs); i++) {
		char name[40], msg[160];

		if (opt_verbs[i].key != key || (opt_verbs[i].verbs & (1u << env->verb)))
			continue;
		snprintf(msg, sizeof(msg), "%s is not an option of %s",
			 opt_name(key, name, sizeof(name)), env_verb_name(env->verb));
		usage_fail(msg);
	}
	switch (key) {
	case ARGP_KEY_INIT:
		state->out_stream = argp_out.f;
		break;
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
		env->run.duration = parse_seconds(arg);
		break;
	case OPT_CGROUP:
		env->cgroup_path = arg;
		break;
	case OPT_JSON:
		env->json = true;
		break;
	case OPT_KTAP:
		env->ktap = true;
		break;
	case OPT_JUNIT:
		add_report(env, arg, &report_junit_ops);
		break;
	case OPT_REPORT: {
		const struct report_ops *ops = report_format_of(arg);
		char what[160];

		if (!ops) {
			snprintf(what, sizeof(what), "--report: the file name must end in one of %s, not",
				 report_format_list());
			usage_error(what, arg);
		}
		add_report(env, arg, ops);
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
	case OPT_BTF:
		env->run.btf_path = arg;
		break;
	case OPT_DISRUPTIVE:
		env->run.disruptive = true;
		break;
	case OPT_RING_SIZE: {
		unsigned long mib = parse_count(arg, 1, 1024);

		if (mib & (mib - 1))
			usage_error("ring size must be a power of two (MiB)", arg);
		env->run.ringbuf_bytes = (size_t)mib << 20;
		break;
	}
	case OPT_SALVAGE:
		env->salvage = true;
		break;
	case OPT_METRICS_FILE:
		env->daemon.metrics_file = arg;
		break;
	case OPT_METRICS_INTERVAL:
		env->daemon.metrics_interval = parse_seconds(arg);
		break;
	case OPT_OPEN_TIMEOUT:
		env->daemon.open_timeout = parse_seconds(arg);
		break;
	case OPT_EVIDENCE_DIR:
		env->daemon.evidence_dir = arg;
		break;
	case OPT_FLIGHT:
		env->daemon.flight_mib = (unsigned int)parse_count(arg, 1, 4096);
		break;
	case OPT_MAX_OPEN:
		env->daemon.max_open = parse_count(arg, 16, 1u << 24);
		break;
	case OPT_JOURNAL:
		env->daemon.journal = 1;
		break;
	case OPT_NO_JOURNAL:
		env->daemon.journal = 0;
		break;
	case OPT_FROM_TRACE:
		env->daemon.from_trace = arg;
		break;
	case ARGP_KEY_ARG:
		/* the verb was taken off argv[1]; check takes one file */
		if (state->arg_num == 0 && env->verb == VERB_CHECK)
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
	char msg[512];

	if (!env->cgroup_path)
		return;
	if (statfs(env->cgroup_path, &sfs) || stat(env->cgroup_path, &st)) {
		snprintf(msg, sizeof(msg), "cannot use cgroup '%s': %s", env->cgroup_path,
			 strerror(errno));
		usage_fail(msg);
	}
	if (sfs.f_type != CGROUP2_SUPER_MAGIC || !S_ISDIR(st.st_mode)) {
		snprintf(msg, sizeof(msg), "'%s' is not a cgroup v2 directory", env->cgroup_path);
		usage_fail(msg);
	}
	env->run.cgroup_id = st.st_ino;
}

/*
 * Scan the command line before argp parses it: is --json on it (so that a
 * usage error found earlier on the line is already a JSON error object),
 * and where is the verb, the first word that is neither an option nor an
 * option's argument (0: none, the default `run`)?  getopt_long over a copy
 * of argv, with the same option table, silent, stopping at that word.
 */
static bool scan_line(int argc, char **argv, int *verb_at)
{
	struct option lo[ARRAY_SIZE(opts)] = {};
	char so[2 * ARRAY_SIZE(opts) + 2] = "+", **copy;
	size_t n = 0, k = 1;
	bool json = false;
	int c;

	*verb_at = 0;
	for (size_t i = 0; i < ARRAY_SIZE(opts); i++) {
		if (!opts[i].name)
			continue;
		lo[n++] = (struct option){ opts[i].name, opts[i].arg ? required_argument : no_argument,
					   NULL, opts[i].key };
		if (opts[i].key > 0 && opts[i].key < 128) {
			so[k++] = (char)opts[i].key;
			if (opts[i].arg)
				so[k++] = ':';
		}
	}
	copy = malloc((argc + 1) * sizeof(*copy));
	if (!copy)
		return false;
	memcpy(copy, argv, (argc + 1) * sizeof(*copy));
	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, copy, so, lo, NULL)) != -1)
		json |= c == OPT_JSON;
	/* "+": copy is not permuted, so optind indexes argv too */
	if (optind > 0 && optind < argc)
		*verb_at = optind;
	/* the rest of the line may hold --json too */
	if (*verb_at) {
		optind = *verb_at + 1;
		while (optind < argc) {
			c = getopt_long(argc, copy, so, lo, NULL);
			if (c == -1)
				optind++;
			else
				json |= c == OPT_JSON;
		}
	}
	optind = 0;
	free(copy);
	return json;
}

/* The first line argp or getopt wrote, without the program name before it. */
static const char *argp_message(char *text)
{
	char *colon = text ? strstr(text, ": ") : NULL;
	char *msg = colon ? colon + 2 : text;

	if (!msg || !*msg)
		return "bad command line (see --help)";
	msg[strcspn(msg, "\n")] = '\0';
	return msg;
}

void env_parse(int argc, char **argv, struct env *env)
{
	static const struct argp argp = { .options = opts, .parser = parse_arg,
					  .doc = argp_program_doc };
	error_t err;
	int verb_at;

	memset(env, 0, sizeof(*env));
	env->verb = VERB_RUN;
	env->run.mode = RUN_WORKLOAD;
	env->run.backend = BACKEND_AUTO;
	env->daemon.metrics_interval = 15;
	env->daemon.flight_mib = 16;
	env->daemon.max_open = 8192;
	env->daemon.open_timeout = 5;
	env->daemon.journal = -1;
	json_errors = scan_line(argc, argv, &verb_at);
	/* the verb, if any, is the first word: argp sees the line without it */
	for (size_t i = 0; verb_at && i < ARRAY_SIZE(verbs); i++)
		if (!strcmp(argv[verb_at], verbs[i].name)) {
			env->verb = verbs[i].verb;
			memmove(argv + verb_at, argv + verb_at + 1,
				(argc - verb_at) * sizeof(*argv));
			argc--;
			break;
		}
	/*
	 * argp and getopt say an error on stderr (then "Try --help") and --help
	 * on stdout, and exit.  Catch both instead: an error becomes one line,
	 * and a JSON error object under --json.
	 */
	argp_err.f = open_memstream(&argp_err.buf, &argp_err.len);
	argp_out.f = open_memstream(&argp_out.buf, &argp_out.len);
	if (!argp_err.f || !argp_out.f)
		usage_fail("out of memory");
	real_stderr = stderr;
	stderr = argp_err.f;
	err = argp_parse(&argp, argc, argv, ARGP_NO_EXIT, NULL, env);
	stderr = real_stderr;
	real_stderr = NULL;
	fclose(argp_err.f);
	fclose(argp_out.f);
	if (argp_out.len) {
		/* --help, --usage or --version */
		fwrite(argp_out.buf, 1, argp_out.len, stdout);
		exit(0);
	}
	if (err) {
		char msg[512];

		snprintf(msg, sizeof(msg), "%s (see --help)", argp_message(argp_err.buf));
		usage_fail(msg);
	}
	free(argp_err.buf);
	free(argp_out.buf);
	if (env->json && env->ktap)
		usage_error("only one of --json and --ktap may be given; got", "--ktap");
	if (env->verb == VERB_DAEMON && env->run.mode == RUN_WORKLOAD)
		env->run.mode = RUN_SYSTEM;	/* the daemon watches the machine */
	if (env->run.duration && env->run.mode == RUN_WORKLOAD)
		usage_error("-d needs -c, -p or -a; got", "-d");
	if (env->verb == VERB_RECORD && !env->output)
		usage_error("record needs -o FILE", "record");

	if (env->verb == VERB_CHECK && !env->trace)
		usage_error("check needs a trace FILE", "check");

	resolve_cgroup(env);
}

void env_free(struct env *env)
{
	free(env->reports);
	env->reports = NULL;
	env->n_reports = 0;
}
